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
            <translation>启动时打开已保存的镜头文件。</translation>
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
            <source>Load a model first.</source>
            <translation>请先加载模型。</translation>
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
            <translation>无镜头</translation>
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
</TS>
