<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>ErrorText</name>
        <message>
            <source>The operation was cancelled.</source>
            <translation>操作已取消。</translation>
        </message>
        <message>
            <source>A setting or input is out of range.</source>
            <translation>某个设置或输入超出了允许范围。</translation>
        </message>
        <message>
            <source>A file or folder could not be found.</source>
            <translation>找不到文件或文件夹。</translation>
        </message>
        <message>
            <source>A model file is damaged or does not match its config.</source>
            <translation>模型文件已损坏或与其配置不符。</translation>
        </message>
        <message>
            <source>An input file could not be read.</source>
            <translation>无法读取输入文件。</translation>
        </message>
        <message>
            <source>The selected device or precision is not available.</source>
            <translation>所选设备或精度不可用。</translation>
        </message>
        <message>
            <source>The device ran out of memory.</source>
            <translation>设备内存不足。</translation>
        </message>
        <message>
            <source>The model produced invalid values.</source>
            <translation>模型输出了无效数值。</translation>
        </message>
        <message>
            <source>A file could not be read or written.</source>
            <translation>无法读取或写入文件。</translation>
        </message>
        <message>
            <source>The export failed.</source>
            <translation>导出失败。</translation>
        </message>
        <message>
            <source>An internal error occurred.</source>
            <translation>发生内部错误。</translation>
        </message>
        <message>
            <source>An unknown error occurred.</source>
            <translation>发生未知错误。</translation>
        </message>
    </context>
    <context>
        <name>OutOfMemory</name>
        <message>
            <source>loading the models</source>
            <translation>加载模型</translation>
        </message>
        <message>
            <source>encoding the prompt (Qwen3 and CLIP)</source>
            <translation>编码提示词（Qwen3 和 CLIP）</translation>
        </message>
        <message>
            <source>sampling (the motion model's steps)</source>
            <translation>采样（动作模型的迭代步骤）</translation>
        </message>
        <message>
            <source>decoding the motion</source>
            <translation>解码动作</translation>
        </message>
        <message>
            <source>generation</source>
            <translation>生成</translation>
        </message>
        <message>
            <source>Memory ran out while %1.</source>
            <translation>在%1时内存不足。</translation>
        </message>
        <message>
            <source>It needed %1 more at that moment.</source>
            <translation>当时还需要 %1。</translation>
        </message>
        <message>
            <source>Where the memory goes: the Qwen3-8B text encoder takes about 15 GiB in bf16, the motion model 1.7 GiB (Lite, fp32) or 3.9 GiB (1.0B), and each candidate adds about 0.1 GiB of activations and a copy of the prompt encoding. The prompt's wording and length do not change memory use.</source>
            <translation>内存的去向：Qwen3-8B 文本编码器在 bf16 下约占 15 GiB，动作模型占 1.7 GiB（Lite，fp32）或 3.9 GiB（1.0B），每个候选额外增加约 0.1 GiB 激活和一份提示词编码。提示词的措辞和长度不会改变内存占用。</translation>
        </message>
        <message>
            <source>There is no lower setting left to try. Close other programs that use the device, or use a machine with more memory.</source>
            <translation>已没有可以再降低的设置。请关闭其他占用该设备的程序，或换用内存更大的机器。</translation>
        </message>
        <message>
            <source>Retry with one candidate instead of %1?</source>
            <translation>改为只生成 1 个候选（而不是 %1 个）重试？</translation>
        </message>
        <message>
            <source>Retry with the motion model in bf16 (half its memory; the model is reloaded)?</source>
            <translation>将动作模型改为 bf16 重试（内存减半；模型会重新加载）？</translation>
        </message>
        <message>
            <source>Retry on the CPU (slower, uses system memory; the model is reloaded)?</source>
            <translation>改在 CPU 上重试（较慢，使用系统内存；模型会重新加载）？</translation>
        </message>
    </context>
    <context>
        <name>StudioOptions</name>
        <message>
            <source>Posewright: text-to-motion studio</source>
            <translation>Posewright：文本生成动作工作室</translation>
        </message>
        <message>
            <source>Save a PNG of the window to &lt;path&gt;, then quit.</source>
            <translation>将窗口截图保存为 PNG 到 &lt;path&gt;，然后退出。</translation>
        </message>
        <message>
            <source>Quit after &lt;ms&gt; milliseconds (with --screenshot: take it then).</source>
            <translation>在 &lt;ms&gt; 毫秒后退出（与 --screenshot 同用时：在此时截图）。</translation>
        </message>
        <message>
            <source>Interface language: system, en or zh_CN.</source>
            <translation>界面语言：system、en 或 zh_CN。</translation>
        </message>
        <message>
            <source>Log level: trace, debug, info, warn, error, critical, off.</source>
            <translation>日志级别：trace、debug、info、warn、error、critical、off。</translation>
        </message>
        <message>
            <source>Open a saved take file at start.</source>
            <translation>启动时打开已保存的镜次文件。</translation>
        </message>
        <message>
            <source>Put &lt;text&gt; in the prompt editor at start (it is linted as if typed; nothing is generated).</source>
            <translation>启动时把 &lt;text&gt; 放入提示词编辑器（像输入的一样进行检查；不会生成）。</translation>
        </message>
    </context>
    <context>
        <name>pw::gui::ExportDialog</name>
        <message>
            <source>Exported to %1</source>
            <translation>已导出到 %1</translation>
        </message>
        <message>
            <source>Choose a file to export to.</source>
            <translation>请选择要导出的文件。</translation>
        </message>
        <message>
            <source>Exporting…</source>
            <translation>正在导出…</translation>
        </message>
        <message>
            <source>Export take</source>
            <translation>导出镜次</translation>
        </message>
        <message>
            <source>"%1" (seed %2, %3 s)</source>
            <translation>“%1”（种子 %2，%3 秒）</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>格式</translation>
        </message>
        <message>
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <source>Choose the file</source>
            <translation>选择文件</translation>
        </message>
        <message>
            <source>For</source>
            <translation>用于</translation>
        </message>
        <message>
            <source>Frames</source>
            <translation>帧</translation>
        </message>
        <message>
            <source>Options</source>
            <translation>选项</translation>
        </message>
        <message>
            <source>This build has no glTF writer (it needs Assimp).</source>
            <translation>此版本没有 glTF 写入器（需要 Assimp）。</translation>
        </message>
        <message>
            <source>Blender (metres, Z up)</source>
            <translation>Blender（米，Z 轴向上）</translation>
        </message>
        <message>
            <source>Maya (centimetres, Y up)</source>
            <translation>Maya（厘米，Y 轴向上）</translation>
        </message>
        <message>
            <source>Unreal (centimetres, Z up)</source>
            <translation>Unreal（厘米，Z 轴向上）</translation>
        </message>
        <message>
            <source>Unity (metres, Y up)</source>
            <translation>Unity（米，Y 轴向上）</translation>
        </message>
        <message>
            <source>Sets the unit and up axis the application's importer expects.</source>
            <translation>设置目标软件导入器所需的单位和向上轴。</translation>
        </message>
        <message>
            <source>First frame to keep</source>
            <translation>保留的第一帧</translation>
        </message>
        <message>
            <source>Frame after the last one to keep</source>
            <translation>保留的最后一帧之后的那一帧</translation>
        </message>
        <message>
            <source>In place (remove horizontal root motion)</source>
            <translation>原地（去除水平方向的根运动）</translation>
        </message>
        <message>
            <source>Put the body on the floor</source>
            <translation>让身体落在地面上</translation>
        </message>
        <message>
            <source>Moves the clip so its lowest point over all frames is at height 0.</source>
            <translation>移动片段，使其在所有帧中的最低点位于高度 0。</translation>
        </message>
        <message>
            <source>Include the mannequin mesh</source>
            <translation>包含人偶网格</translation>
        </message>
        <message>
            <source>The built-in mannequin, skinned to the skeleton.</source>
            <translation>内置人偶，已蒙皮到骨架。</translation>
        </message>
        <message>
            <source>The official wooden mannequin from %1.</source>
            <translation>来自 %1 的官方木制人偶。</translation>
        </message>
    </context>
    <context>
        <name>pw::gui::LicenceDialog</name>
        <message>
            <source>HY-Motion licence</source>
            <translation>HY-Motion 许可协议</translation>
        </message>
        <message>
            <source>&lt;p&gt;The HY-Motion 1.0 weights are published by Tencent under the &lt;b&gt;Tencent HY-Motion 1.0 Community License Agreement&lt;/b&gt;. Posewright does not include or download them; you use your own copy. Before the first load, please note:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Territory:&lt;/b&gt; the licence does not apply in the European Union, the United Kingdom and South Korea. Use, reproduction or display of the model or its outputs there is not licensed.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Scale:&lt;/b&gt; if your products or services had more than one million monthly active users on the model's release date, you must request a licence from Tencent first.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Use limits:&lt;/b&gt; the Acceptable Use Policy applies, and the model's outputs must not be used to improve other AI models.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Sharing:&lt;/b&gt; redistributing the model requires a copy of the licence and its notice.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;This is a summary, not legal advice: the licence text that comes with the model (LICENSE.txt) is what applies.&lt;/p&gt;</source>
            <translation>&lt;p&gt;HY-Motion 1.0 的权重由腾讯依据&lt;b&gt;《腾讯 HY-Motion 1.0 社区许可协议》&lt;/b&gt;发布。Posewright 不包含也不下载这些权重；你使用的是自己下载的副本。首次加载前请注意：&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;地域：&lt;/b&gt;该许可协议不适用于欧盟、英国和韩国。在这些地区使用、复制或展示该模型或其输出均未获得许可。&lt;/li&gt;&lt;li&gt;&lt;b&gt;规模：&lt;/b&gt;如果你的产品或服务在模型发布日的月活跃用户超过一百万，必须先向腾讯申请许可。&lt;/li&gt;&lt;li&gt;&lt;b&gt;使用限制：&lt;/b&gt;须遵守《可接受使用政策》，且模型的输出不得用于改进其他 AI 模型。&lt;/li&gt;&lt;li&gt;&lt;b&gt;分发：&lt;/b&gt;再分发模型时须附上许可协议及其声明。&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;以上只是摘要，并非法律意见：以模型附带的许可协议文本（LICENSE.txt）为准。&lt;/p&gt;</translation>
        </message>
        <message>
            <source>I have read the licence, and my use complies with it</source>
            <translation>我已阅读许可协议，且我的使用符合其规定</translation>
        </message>
        <message>
            <source>Open the licence file</source>
            <translation>打开许可协议文件</translation>
        </message>
        <message>
            <source>Accept</source>
            <translation>接受</translation>
        </message>
    </context>
    <context>
        <name>pw::gui::MainWindow</name>
        <message>
            <source>3D view unavailable</source>
            <translation>3D 视图不可用</translation>
        </message>
        <message>
            <source>About Posewright</source>
            <translation>关于 Posewright</translation>
        </message>
        <message>
            <source>&lt;b&gt;Posewright %1&lt;/b&gt;&lt;p&gt;Text-to-motion studio for the HY-Motion 1.0 model.&lt;/p&gt;&lt;p&gt;HY-Motion weights are not included and are subject to the Tencent Hunyuan Community License.&lt;/p&gt;</source>
            <translation>&lt;b&gt;Posewright %1&lt;/b&gt;&lt;p&gt;基于 HY-Motion 1.0 模型的文本生成动作工作室。&lt;/p&gt;&lt;p&gt;本软件不包含 HY-Motion 权重；权重受腾讯混元社区许可协议约束。&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Posewright</source>
            <translation>Posewright</translation>
        </message>
        <message>
            <source>Prompt</source>
            <translation>提示词</translation>
        </message>
        <message>
            <source>Log</source>
            <translation>日志</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Settings</source>
            <translation>设置(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>语言(&amp;L)</translation>
        </message>
        <message>
            <source>System default</source>
            <translation>跟随系统</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;About Posewright</source>
            <translation>关于 Posewright(&amp;A)</translation>
        </message>
        <message>
            <source>Device, precision and budget apply when the model is loaded again (Models → Load model).</source>
            <translation>设备、精度和显存预算将在重新加载模型后生效（模型 → 加载模型）。</translation>
        </message>
        <message>
            <source>Could not open the take</source>
            <translation>无法打开镜次</translation>
        </message>
        <message>
            <source>Opened %1</source>
            <translation>已打开 %1</translation>
        </message>
        <message>
            <source>Open take</source>
            <translation>打开镜次</translation>
        </message>
        <message>
            <source>Takes (*%1)</source>
            <translation>镜次 (*%1)</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>键盘快捷键</translation>
        </message>
        <message>
            <source>The model could not be loaded</source>
            <translation>无法加载模型</translation>
        </message>
        <message numerus="yes">
            <source>Generated %n take(s) in %1 s</source>
            <translation>
                <numerusform>已生成 %n 个镜次，用时 %1 秒</numerusform>
            </translation>
        </message>
        <message>
            <source>Some takes could not be saved (they are shown, but will be lost when you close Posewright)</source>
            <translation>部分镜次无法保存（它们仍会显示，但关闭 Posewright 后将丢失）</translation>
        </message>
        <message>
            <source>Cancelled.</source>
            <translation>已取消。</translation>
        </message>
        <message>
            <source>Generation failed</source>
            <translation>生成失败</translation>
        </message>
        <message>
            <source>The model is loading…</source>
            <translation>模型正在加载…</translation>
        </message>
        <message>
            <source>Load a model first (Models → Load model).</source>
            <translation>请先加载模型（模型 → 加载模型）。</translation>
        </message>
        <message>
            <source>Type a prompt first.</source>
            <translation>请先输入提示词。</translation>
        </message>
        <message>
            <source>Loading the model…</source>
            <translation>正在加载模型…</translation>
        </message>
        <message>
            <source>Model: %1 on %2 (%3)</source>
            <translation>模型：%1，运行于 %2（%3）</translation>
        </message>
        <message>
            <source>No model loaded: %1</source>
            <translation>未加载模型：%1</translation>
        </message>
        <message>
            <source>No model loaded</source>
            <translation>未加载模型</translation>
        </message>
        <message>
            <source>Candidate %1: seed %2 (key %1)</source>
            <translation>候选 %1：种子 %2（按键 %1）</translation>
        </message>
        <message>
            <source>"%1" · seed %2 · %3 s</source>
            <translation>“%1” · 种子 %2 · %3 秒</translation>
        </message>
        <message>
            <source>Not saved</source>
            <translation>未保存</translation>
        </message>
        <message>
            <source>No take yet: type a prompt and press Generate, or open a take.</source>
            <translation>还没有镜次：输入提示词并点击“生成”，或打开一个镜次。</translation>
        </message>
        <message>
            <source>Keep only this candidate</source>
            <translation>只保留此候选</translation>
        </message>
        <message numerus="yes">
            <source>Delete the other %n candidate(s) of this generation and their files?</source>
            <translation>
                <numerusform>删除本次生成的其他 %n 个候选及其文件？</numerusform>
            </translation>
        </message>
        <message>
            <source>Project folder</source>
            <translation>项目文件夹</translation>
        </message>
        <message>
            <source>The model is not loaded: the licence was not accepted.</source>
            <translation>模型未加载：未接受许可协议。</translation>
        </message>
        <message>
            <source>Out of memory</source>
            <translation>内存不足</translation>
        </message>
        <message>
            <source>Retry with lower settings</source>
            <translation>以更低的设置重试</translation>
        </message>
        <message>
            <source>Parameters</source>
            <translation>参数</translation>
        </message>
        <message>
            <source>Takes</source>
            <translation>镜次</translation>
        </message>
        <message>
            <source>Memory</source>
            <translation>内存</translation>
        </message>
        <message>
            <source>&amp;Open take…</source>
            <translation>打开镜次(&amp;O)…</translation>
        </message>
        <message>
            <source>&amp;Export take…</source>
            <translation>导出镜次(&amp;E)…</translation>
        </message>
        <message>
            <source>&amp;Project folder…</source>
            <translation>项目文件夹(&amp;P)…</translation>
        </message>
        <message>
            <source>&amp;Models</source>
            <translation>模型(&amp;M)</translation>
        </message>
        <message>
            <source>&amp;Model folders…</source>
            <translation>模型文件夹(&amp;M)…</translation>
        </message>
        <message>
            <source>&amp;Load model</source>
            <translation>加载模型(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Unload model</source>
            <translation>卸载模型(&amp;U)</translation>
        </message>
        <message>
            <source>HY-Motion &amp;licence…</source>
            <translation>HY-Motion 许可协议(&amp;L)…</translation>
        </message>
        <message>
            <source>&amp;Frame the motion</source>
            <translation>框选整段动作(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Overlay candidates</source>
            <translation>叠加显示候选(&amp;O)</translation>
        </message>
        <message>
            <source>Root &amp;trail</source>
            <translation>根轨迹(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>键盘快捷键(&amp;K)</translation>
        </message>
        <message>
            <source>Candidates:</source>
            <translation>候选：</translation>
        </message>
        <message>
            <source>Keep only this</source>
            <translation>只保留此项</translation>
        </message>
        <message>
            <source>Delete the other candidates of this generation</source>
            <translation>删除本次生成的其他候选</translation>
        </message>
        <message>
            <source>Overlay</source>
            <translation>叠加</translation>
        </message>
        <message>
            <source>Show the candidates on top of each other (O)</source>
            <translation>将候选叠加显示 (O)</translation>
        </message>
        <message>
            <source>Trail</source>
            <translation>轨迹</translation>
        </message>
        <message>
            <source>Show the root's path on the ground (T)</source>
            <translation>在地面上显示根节点的路径 (T)</translation>
        </message>
        <message>
            <source>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Enter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Generate&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Esc&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Cancel the running job&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Shift+Esc&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Clear the queue&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Space&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Play / pause&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Left / Right&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Previous / next frame&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Home / End&lt;/b&gt;&lt;/td&gt;&lt;td&gt;First / last frame&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;1 … 4&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Select a candidate&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Frame the motion&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;O&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Overlay the candidates&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;T&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Show the root trail&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+O / Ctrl+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Open / export a take&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+M / Ctrl+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Models / load the model&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Mouse&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Left drag orbits, middle or Shift+left drag pans, the wheel zooms, a click selects a candidate&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
            <translation>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Enter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;生成&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Esc&lt;/b&gt;&lt;/td&gt;&lt;td&gt;取消正在运行的任务&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Shift+Esc&lt;/b&gt;&lt;/td&gt;&lt;td&gt;清空队列&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;空格&lt;/b&gt;&lt;/td&gt;&lt;td&gt;播放 / 暂停&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;左 / 右&lt;/b&gt;&lt;/td&gt;&lt;td&gt;上一帧 / 下一帧&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Home / End&lt;/b&gt;&lt;/td&gt;&lt;td&gt;第一帧 / 最后一帧&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;1 … 4&lt;/b&gt;&lt;/td&gt;&lt;td&gt;选择候选&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;框选整段动作&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;O&lt;/b&gt;&lt;/td&gt;&lt;td&gt;叠加显示候选&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;T&lt;/b&gt;&lt;/td&gt;&lt;td&gt;显示根轨迹&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+O / Ctrl+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;打开 / 导出镜次&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+M / Ctrl+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;模型文件夹 / 加载模型&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;鼠标&lt;/b&gt;&lt;/td&gt;&lt;td&gt;左键拖动旋转视角，中键或 Shift+左键拖动平移，滚轮缩放，单击选择候选&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
        </message>
        <message>
            <source>The official mannequin could not be read; showing the built-in one: %1</source>
            <translation>无法读取官方人偶，改为显示内置人偶：%1</translation>
        </message>
        <message>
            <source>&amp;Body</source>
            <translation>身体(&amp;B)</translation>
        </message>
        <message>
            <source>&amp;Skeleton</source>
            <translation>骨架(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Mesh</source>
            <translation>网格(&amp;M)</translation>
        </message>
        <message>
            <source>Skeleton &amp;and mesh</source>
            <translation>骨架和网格(&amp;A)</translation>
        </message>
        <message>
            <source>Model %1 loaded.</source>
            <translation>模型 %1 已加载。</translation>
        </message>
    </context>
    <context>
        <name>pw::gui::ModelManagerDialog</name>
        <message>
            <source>%1: %2 frames (%3 s) at %4 fps, %5 layers, weights %6</source>
            <translation>%1：%2 帧（%3 秒），%4 fps，%5 层，权重 %6</translation>
        </message>
        <message numerus="yes">
            <source>%1: Qwen3, %2-wide features, %n weight file(s), %3</source>
            <translation>
                <numerusform>%1：Qwen3，%2 维特征，%n 个权重文件，%3</numerusform>
            </translation>
        </message>
        <message>
            <source>%1: CLIP, %2-wide text features, text tower %3</source>
            <translation>%1：CLIP，%2 维文本特征，文本塔 %3</translation>
        </message>
        <message>
            <source>This Qwen3 model gives %1-wide features, but the HY-Motion model expects %2 (HY-Motion 1.0 uses Qwen3-8B).</source>
            <translation>此 Qwen3 模型输出 %1 维特征，但 HY-Motion 模型需要 %2 维（HY-Motion 1.0 使用 Qwen3-8B）。</translation>
        </message>
        <message>
            <source>This CLIP model gives %1-wide text features, but the HY-Motion model expects %2 (HY-Motion 1.0 uses clip-vit-large-patch14).</source>
            <translation>此 CLIP 模型输出 %1 维文本特征，但 HY-Motion 模型需要 %2 维（HY-Motion 1.0 使用 clip-vit-large-patch14）。</translation>
        </message>
        <message>
            <source>Optional: the official repository's wooden mannequin assets, for mesh display and exports.</source>
            <translation>可选：官方仓库中的木制人偶资源，用于网格显示和导出。</translation>
        </message>
        <message>
            <source>Mannequin skeleton and mesh found.</source>
            <translation>已找到人偶骨架和网格。</translation>
        </message>
        <message>
            <source>Mannequin skeleton found (no mesh files).</source>
            <translation>已找到人偶骨架（没有网格文件）。</translation>
        </message>
        <message>
            <source>Models</source>
            <translation>模型</translation>
        </message>
        <message>
            <source>Point Posewright at the folders you downloaded. Nothing is copied or downloaded: the files are used where they are.&lt;br&gt;&lt;b&gt;HY-Motion&lt;/b&gt;: &lt;tt&gt;HY-Motion-1.0-Lite/&lt;/tt&gt; or &lt;tt&gt;HY-Motion-1.0/&lt;/tt&gt; from Hugging Face &lt;tt&gt;tencent/HY-Motion-1.0&lt;/tt&gt; (config.yml + latest.ckpt). &lt;b&gt;Qwen3&lt;/b&gt;: &lt;tt&gt;Qwen/Qwen3-8B&lt;/tt&gt;. &lt;b&gt;CLIP&lt;/b&gt;: &lt;tt&gt;openai/clip-vit-large-patch14&lt;/tt&gt;.</source>
            <translation>请指向你下载的文件夹。不会复制或下载任何文件：直接在原位置使用。&lt;br&gt;&lt;b&gt;HY-Motion&lt;/b&gt;：Hugging Face &lt;tt&gt;tencent/HY-Motion-1.0&lt;/tt&gt; 中的 &lt;tt&gt;HY-Motion-1.0-Lite/&lt;/tt&gt; 或 &lt;tt&gt;HY-Motion-1.0/&lt;/tt&gt;（config.yml + latest.ckpt）。&lt;b&gt;Qwen3&lt;/b&gt;：&lt;tt&gt;Qwen/Qwen3-8B&lt;/tt&gt;。&lt;b&gt;CLIP&lt;/b&gt;：&lt;tt&gt;openai/clip-vit-large-patch14&lt;/tt&gt;。</translation>
        </message>
        <message>
            <source>HY-Motion folder</source>
            <translation>HY-Motion 文件夹</translation>
        </message>
        <message>
            <source>Qwen3 folder</source>
            <translation>Qwen3 文件夹</translation>
        </message>
        <message>
            <source>CLIP folder</source>
            <translation>CLIP 文件夹</translation>
        </message>
        <message>
            <source>Mannequin assets</source>
            <translation>人偶资源</translation>
        </message>
        <message>
            <source>Choose the folder</source>
            <translation>选择文件夹</translation>
        </message>
        <message>
            <source>Load the model now</source>
            <translation>立即加载模型</translation>
        </message>
        <message>
            <source>Load the model when Posewright starts</source>
            <translation>Posewright 启动时加载模型</translation>
        </message>
    </context>
    <context>
        <name>pw::gui::ParametersPanel</name>
        <message numerus="yes">
            <source>%n frame(s)</source>
            <translation>
                <numerusform>%n 帧</numerusform>
            </translation>
        </message>
        <message>
            <source>(clamped from %1)</source>
            <translation>（已由 %1 调整）</translation>
        </message>
        <message>
            <source>At %1 fps. The model makes %2 to %3 frames (%4 to %5 s).</source>
            <translation>帧率 %1 fps。模型可生成 %2 到 %3 帧（%4 到 %5 秒）。</translation>
        </message>
        <message>
            <source>No CUDA device is available in this build or on this machine.</source>
            <translation>此版本或此机器上没有可用的 CUDA 设备。</translation>
        </message>
        <message>
            <source>Candidates</source>
            <translation>候选数</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>时长</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>种子</translation>
        </message>
        <message>
            <source>CFG scale</source>
            <translation>CFG 系数</translation>
        </message>
        <message>
            <source>Steps</source>
            <translation>步数</translation>
        </message>
        <message>
            <source>Text tokens</source>
            <translation>文本词元</translation>
        </message>
        <message>
            <source>Device</source>
            <translation>设备</translation>
        </message>
        <message>
            <source>Precision</source>
            <translation>精度</translation>
        </message>
        <message>
            <source>VRAM budget</source>
            <translation>显存预算</translation>
        </message>
        <message>
            <source>How many motions to generate from the prompt, one per seed (1-4). Each adds a little memory and time.</source>
            <translation>根据提示词生成多少个动作，每个种子一个（1-4）。每多一个会增加少量内存和时间。</translation>
        </message>
        <message>
            <source> s</source>
            <translation> 秒</translation>
        </message>
        <message>
            <source>Length of the motion. The model works on a fixed 12-second canvas; shorter clips are cut from it.</source>
            <translation>动作的长度。模型在固定的 12 秒画布上生成，较短的片段从中截取。</translation>
        </message>
        <message>
            <source>Random</source>
            <translation>随机</translation>
        </message>
        <message>
            <source>Draw a new seed for every generation; the seed used is kept with each take.</source>
            <translation>每次生成都抽取新的种子；所用的种子会随镜次保存。</translation>
        </message>
        <message>
            <source>New</source>
            <translation>换一个</translation>
        </message>
        <message>
            <source>Pick a random seed and keep it</source>
            <translation>随机选一个种子并保留</translation>
        </message>
        <message>
            <source>Candidate i uses seed + i. The same seed and settings reproduce a take.</source>
            <translation>第 i 个候选使用种子 + i。相同的种子和设置可以复现镜次。</translation>
        </message>
        <message>
            <source>Classifier-free guidance: how strongly the motion follows the prompt. 1 turns it off; the model's default is 5.</source>
            <translation>无分类器引导：动作遵循提示词的程度。1 表示关闭；模型默认值为 5。</translation>
        </message>
        <message>
            <source>Euler sampling steps. The model's default is 50; fewer are faster and rougher.</source>
            <translation>欧拉采样步数。模型默认值为 50；步数越少越快也越粗糙。</translation>
        </message>
        <message>
            <source>Prompt tokens given to the motion model (max_length_llm). The model was trained with 128; fewer cut the prompt short.</source>
            <translation>传给动作模型的提示词词元数（max_length_llm）。模型训练时使用 128；更少会截短提示词。</translation>
        </message>
        <message>
            <source>Automatic (CUDA if available)</source>
            <translation>自动（有 CUDA 时使用 CUDA）</translation>
        </message>
        <message>
            <source>Where the model runs. Takes effect on the next model load.</source>
            <translation>模型运行的位置。下次加载模型时生效。</translation>
        </message>
        <message>
            <source> GiB</source>
            <translation> GiB</translation>
        </message>
        <message>
            <source>No limit</source>
            <translation>不限制</translation>
        </message>
        <message>
            <source>Device memory Posewright may use; 0 means no limit. Takes effect on the next model load.</source>
            <translation>Posewright 可使用的设备内存；0 表示不限制。下次加载模型时生效。</translation>
        </message>
        <message>
            <source>Model defaults</source>
            <translation>模型默认值</translation>
        </message>
        <message>
            <source>Reset CFG scale, steps and text tokens to the model's values.</source>
            <translation>将 CFG 系数、步数和文本词元恢复为模型的默认值。</translation>
        </message>
        <message>
            <source>Precision of the motion model. fp32 is exact to the reference; bf16 and fp16 halve its memory on CUDA. The CPU runs it in fp32 only. Takes effect on the next model load.</source>
            <translation>动作模型的精度。fp32 与参考实现完全一致；在 CUDA 上 bf16 和 fp16 可将其内存减半。CPU 只以 fp32 运行。下次加载模型时生效。</translation>
        </message>
        <message>
            <source>Text encoders</source>
            <translation>文本编码器</translation>
        </message>
        <message>
            <source>Automatic (GPU unless over the budget)</source>
            <translation>自动（除非超出预算，否则在 GPU 上）</translation>
        </message>
        <message>
            <source>GPU (fastest)</source>
            <translation>GPU（最快）</translation>
        </message>
        <message>
            <source>CPU (saves about 15 GB of VRAM)</source>
            <translation>CPU（节省约 15 GB 显存）</translation>
        </message>
        <message>
            <source>GPU, freed after encoding</source>
            <translation>GPU，编码后释放</translation>
        </message>
        <message>
            <source>Where Qwen3-8B and CLIP run. On the GPU they hold about 15 GB of its memory; on the CPU the GPU keeps only the motion model, and each new prompt takes seconds to a minute to encode (about 15 GB of RAM). "Freed after encoding" gives the memory back between prompts. Cached prompts are never encoded again. Takes effect on the next model load.</source>
            <translation>Qwen3-8B 和 CLIP 的运行位置。在 GPU 上它们占用约 15 GB 显存；放在 CPU 上时 GPU 只保留动作模型，每个新提示词的编码需要几秒到一分钟（约 15 GB 内存）。“编码后释放”会在两次提示词之间归还显存。已缓存的提示词不会再次编码。下次加载模型时生效。</translation>
        </message>
    </context>
    <context>
        <name>pw::gui::PromptPanel</name>
        <message>
            <source>Prompt</source>
            <translation>提示词</translation>
        </message>
        <message>
            <source>Describe one person's movement, e.g. "A person walks forward, then turns left and waves."</source>
            <translation>用英文描述一个人的动作，例如 "A person walks forward, then turns left and waves."</translation>
        </message>
        <message>
            <source>Generate</source>
            <translation>生成</translation>
        </message>
        <message numerus="yes">
            <source>%n word(s)</source>
            <translation>
                <numerusform>%n 个词</numerusform>
            </translation>
        </message>
        <message>
            <source>Loading the model</source>
            <translation>正在加载模型</translation>
        </message>
        <message>
            <source>Encoding the prompt</source>
            <translation>正在编码提示词</translation>
        </message>
        <message>
            <source>Sampling</source>
            <translation>正在采样</translation>
        </message>
        <message>
            <source>Decoding the motion</source>
            <translation>正在解码动作</translation>
        </message>
        <message numerus="yes">
            <source>about %n s left</source>
            <translation>
                <numerusform>约剩 %n 秒</numerusform>
            </translation>
        </message>
        <message>
            <source>about %1 min %2 s left</source>
            <translation>约剩 %1 分 %2 秒</translation>
        </message>
        <message>
            <source>Generate the motion (Ctrl+Enter)</source>
            <translation>生成动作 (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>Fix</source>
            <translation>修正</translation>
        </message>
        <message>
            <source>Replace with "%1"</source>
            <translation>替换为“%1”</translation>
        </message>
        <message>
            <source>%1 / %2 tokens</source>
            <translation>%1 / %2 词元</translation>
        </message>
        <message>
            <source>tokens: ? / %1</source>
            <translation>词元：? / %1</translation>
        </message>
        <message>
            <source>%1: step %2 of %3</source>
            <translation>%1：第 %2 步，共 %3 步</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Queue this prompt with the current parameters; it runs when the jobs before it are done (Ctrl+Enter).</source>
            <translation>以当前参数将此提示词加入队列；排在它之前的任务完成后运行 (Ctrl+Enter)。</translation>
        </message>
        <message>
            <source>Qwen3 tokens of the prompt: up to %1 reach the model whole; beyond %2 the rest is cut off.</source>
            <translation>提示词的 Qwen3 词元数：不超过 %1 个时完整送入模型；超过 %2 个的部分会被截掉。</translation>
        </message>
        <message>
            <source>The token count appears once the Qwen3 folder is set (Models → Model folders) and its tokenizer is read. About 90 to 110 English words fit in %1 tokens.</source>
            <translation>设置 Qwen3 文件夹（模型 → 模型文件夹）并读取其分词器后会显示词元数。%1 个词元约可容纳 90 到 110 个英文单词。</translation>
        </message>
        <message>
            <source>Add to queue</source>
            <translation>加入队列</translation>
        </message>
        <message numerus="yes">
            <source>%n more job(s) queued</source>
            <translation>
                <numerusform>另有 %n 个任务在排队</numerusform>
            </translation>
        </message>
        <message>
            <source>%1. %2</source>
            <translation>%1. %2</translation>
        </message>
        <message>
            <source>Stop the running job (Esc); it stops after the current step and the next queued job starts.</source>
            <translation>停止正在运行的任务 (Esc)；会在当前步骤结束后停止，然后开始队列中的下一个任务。</translation>
        </message>
        <message>
            <source>Clear queue</source>
            <translation>清空队列</translation>
        </message>
        <message>
            <source>Drop the jobs that have not started (Shift+Esc); the running one goes on.</source>
            <translation>丢弃尚未开始的任务 (Shift+Esc)；正在运行的任务继续。</translation>
        </message>
    </context>
    <context>
        <name>pw::gui::TakeListModel</name>
        <message>
            <source>%1
seed %2 · %3 s · %4</source>
            <translation>%1
种子 %2 · %3 秒 · %4</translation>
        </message>
        <message>
            <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;seed %2, candidate %3&lt;br&gt;%4 s (%5 frames), CFG %6, %7 steps, %8 text tokens&lt;br&gt;%9, %10&lt;br&gt;model: %11&lt;br&gt;%12</source>
            <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;种子 %2，候选 %3&lt;br&gt;%4 秒（%5 帧），CFG %6，%7 步，%8 个文本词元&lt;br&gt;%9，%10&lt;br&gt;模型：%11&lt;br&gt;%12</translation>
        </message>
        <message>
            <source>not saved</source>
            <translation>未保存</translation>
        </message>
    </context>
    <context>
        <name>pw::gui::TakesPanel</name>
        <message>
            <source>Delete take</source>
            <translation>删除镜次</translation>
        </message>
        <message>
            <source>Delete the take "%1" (seed %2)? Its file is removed.</source>
            <translation>删除镜次“%1”（种子 %2）？其文件将被删除。</translation>
        </message>
        <message>
            <source>Could not delete %1</source>
            <translation>无法删除 %1</translation>
        </message>
        <message>
            <source>Project folder: %1</source>
            <translation>项目文件夹：%1</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>打开</translation>
        </message>
        <message>
            <source>Show the take in the viewport (double click)</source>
            <translation>在视口中显示该镜次（双击）</translation>
        </message>
        <message>
            <source>Export…</source>
            <translation>导出…</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>Show folder</source>
            <translation>显示文件夹</translation>
        </message>
        <message numerus="yes">
            <source>%n take file(s) could not be read (see the tooltip and the log).</source>
            <translation>
                <numerusform>有 %n 个镜次文件无法读取（见提示和日志）。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n take(s)</source>
            <translation>
                <numerusform>%n 个镜次</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>pw::gui::TimelineWidget</name>
        <message>
            <source>Play or pause (Space)</source>
            <translation>播放或暂停（空格键）</translation>
        </message>
        <message>
            <source>Loop</source>
            <translation>循环</translation>
        </message>
        <message>
            <source>Playback speed</source>
            <translation>播放速度</translation>
        </message>
        <message>
            <source>No take</source>
            <translation>无镜次</translation>
        </message>
        <message>
            <source>Frame %1 / %2  (%3 s)</source>
            <translation>第 %1 / %2 帧（%3 秒）</translation>
        </message>
    </context>
    <context>
        <name>pw::gui::ViewportWidget</name>
        <message>
            <source>OpenGL 3.3 core profile is not available on this system.</source>
            <translation>此系统不支持 OpenGL 3.3 核心模式。</translation>
        </message>
    </context>
    <context>
        <name>pw::gui::VramGauge</name>
        <message>
            <source>%1 GiB</source>
            <translation>%1 GiB</translation>
        </message>
        <message>
            <source>%1 MiB</source>
            <translation>%1 MiB</translation>
        </message>
        <message>
            <source>Predicted peak for the current settings (an estimate from the weight files and measured activation sizes):</source>
            <translation>当前设置下的预计峰值（根据权重文件和实测激活大小估算）：</translation>
        </message>
        <message>
            <source>Prompt wording and length do not change memory use.</source>
            <translation>提示词的措辞和长度不会改变内存占用。</translation>
        </message>
        <message>
            <source>%1: %2 of %3 used</source>
            <translation>%1：已用 %2 / %3</translation>
        </message>
        <message>
            <source>No NVIDIA GPU found: running on the CPU. Process RAM: %1 of %2</source>
            <translation>未找到 NVIDIA GPU：在 CPU 上运行。进程内存：%1 / %2</translation>
        </message>
        <message>
            <source>No NVIDIA GPU found: running on the CPU.</source>
            <translation>未找到 NVIDIA GPU：在 CPU 上运行。</translation>
        </message>
        <message>
            <source>Posewright: %1 allocated, %2 reserved, peak %3</source>
            <translation>Posewright：已分配 %1，已保留 %2，峰值 %3</translation>
        </message>
        <message>
            <source>Posewright: %1 in use, peak %2</source>
            <translation>Posewright：使用中 %1，峰值 %2</translation>
        </message>
        <message>
            <source>Predicted peak for these settings: about %1</source>
            <translation>这些设置下的预计峰值：约 %1</translation>
        </message>
        <message>
            <source>Budget: %1</source>
            <translation>预算：%1</translation>
        </message>
        <message>
            <source>Motion model weights</source>
            <translation>动作模型权重</translation>
        </message>
        <message>
            <source>Qwen3 weights</source>
            <translation>Qwen3 权重</translation>
        </message>
        <message>
            <source>CLIP text weights</source>
            <translation>CLIP 文本权重</translation>
        </message>
        <message>
            <source>Motion model activations</source>
            <translation>动作模型激活</translation>
        </message>
        <message>
            <source>Text encoding (transient)</source>
            <translation>文本编码（临时）</translation>
        </message>
        <message>
            <source>CUDA context and allocator slack</source>
            <translation>CUDA 上下文和分配器余量</translation>
        </message>
    </context>
</TS>
