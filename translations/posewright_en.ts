<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>ErrorText</name>
        <message>
            <source>The operation was cancelled.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A setting or input is out of range.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A file or folder could not be found.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A model file is damaged or does not match its config.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An input file could not be read.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The selected device or precision is not available.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The device ran out of memory.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The model produced invalid values.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A file could not be read or written.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The export failed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An internal error occurred.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An unknown error occurred.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>OutOfMemory</name>
        <message>
            <source>loading the models</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>encoding the prompt (Qwen3 and CLIP)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>sampling (the motion model's steps)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>decoding the motion</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>generation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Memory ran out while %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It needed %1 more at that moment.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Where the memory goes: the Qwen3-8B text encoder takes about 15 GiB in bf16, the motion model 1.7 GiB (Lite, fp32) or 3.9 GiB (1.0B), and each candidate adds about 0.1 GiB of activations and a copy of the prompt encoding. The prompt's wording and length do not change memory use.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no lower setting left to try. Close other programs that use the device, or use a machine with more memory.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retry with one candidate instead of %1?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retry with the motion model in bf16 (half its memory; the model is reloaded)?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retry on the CPU (slower, uses system memory; the model is reloaded)?</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>StudioOptions</name>
        <message>
            <source>Posewright: text-to-motion studio</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save a PNG of the window to &lt;path&gt;, then quit.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quit after &lt;ms&gt; milliseconds (with --screenshot: take it then).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Interface language: system, en or zh_CN.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log level: trace, debug, info, warn, error, critical, off.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open a saved take file at start.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Put &lt;text&gt; in the prompt editor at start (it is linted as if typed; nothing is generated).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>pw::gui::ExportDialog</name>
        <message>
            <source>Exported to %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a file to export to.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Exporting…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export take</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>"%1" (seed %2, %3 s)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Format</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>For</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Frames</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Options</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This build has no glTF writer (it needs Assimp).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Blender (metres, Z up)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Maya (centimetres, Y up)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unreal (centimetres, Z up)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unity (metres, Y up)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sets the unit and up axis the application's importer expects.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First frame to keep</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Frame after the last one to keep</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In place (remove horizontal root motion)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Put the body on the floor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Moves the clip so its lowest point over all frames is at height 0.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Include the mannequin mesh</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The built-in mannequin, skinned to the skeleton.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The official wooden mannequin from %1.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>pw::gui::LicenceDialog</name>
        <message>
            <source>HY-Motion licence</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;p&gt;The HY-Motion 1.0 weights are published by Tencent under the &lt;b&gt;Tencent HY-Motion 1.0 Community License Agreement&lt;/b&gt;. Posewright does not include or download them; you use your own copy. Before the first load, please note:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Territory:&lt;/b&gt; the licence does not apply in the European Union, the United Kingdom and South Korea. Use, reproduction or display of the model or its outputs there is not licensed.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Scale:&lt;/b&gt; if your products or services had more than one million monthly active users on the model's release date, you must request a licence from Tencent first.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Use limits:&lt;/b&gt; the Acceptable Use Policy applies, and the model's outputs must not be used to improve other AI models.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Sharing:&lt;/b&gt; redistributing the model requires a copy of the licence and its notice.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;This is a summary, not legal advice: the licence text that comes with the model (LICENSE.txt) is what applies.&lt;/p&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>I have read the licence, and my use complies with it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the licence file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accept</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>pw::gui::MainWindow</name>
        <message>
            <source>3D view unavailable</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>About Posewright</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;b&gt;Posewright %1&lt;/b&gt;&lt;p&gt;Text-to-motion studio for the HY-Motion 1.0 model.&lt;/p&gt;&lt;p&gt;HY-Motion weights are not included and are subject to the Tencent Hunyuan Community License.&lt;/p&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Posewright</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Prompt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;View</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>System default</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Help</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;About Posewright</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Device, precision and budget apply when the model is loaded again (Models → Load model).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not open the take</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opened %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open take</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Takes (*%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The model could not be loaded</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Generated %n take(s) in %1 s</source>
            <translation>
                <numerusform>Generated %n take in %1 s</numerusform>
                <numerusform>Generated %n takes in %1 s</numerusform>
            </translation>
        </message>
        <message>
            <source>Some takes could not be saved (they are shown, but will be lost when you close Posewright)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelled.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Generation failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The model is loading…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Load a model first (Models → Load model).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type a prompt first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Loading the model…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Model: %1 on %2 (%3)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No model loaded: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No model loaded</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Candidate %1: seed %2 (key %1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>"%1" · seed %2 · %3 s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not saved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No take yet: type a prompt and press Generate, or open a take.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep only this candidate</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Delete the other %n candidate(s) of this generation and their files?</source>
            <translation>
                <numerusform>Delete the other %n candidate of this generation and their files?</numerusform>
                <numerusform>Delete the other %n candidates of this generation and their files?</numerusform>
            </translation>
        </message>
        <message>
            <source>Project folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The model is not loaded: the licence was not accepted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Out of memory</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retry with lower settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Parameters</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Takes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Memory</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Open take…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Export take…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Project folder…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Models</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Model folders…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Load model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Unload model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>HY-Motion &amp;licence…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Frame the motion</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Overlay candidates</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Root &amp;trail</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Candidates:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep only this</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete the other candidates of this generation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Overlay</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show the candidates on top of each other (O)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Trail</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show the root's path on the ground (T)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Enter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Generate&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Esc&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Cancel the running job&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Shift+Esc&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Clear the queue&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Space&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Play / pause&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Left / Right&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Previous / next frame&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Home / End&lt;/b&gt;&lt;/td&gt;&lt;td&gt;First / last frame&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;1 … 4&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Select a candidate&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Frame the motion&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;O&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Overlay the candidates&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;T&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Show the root trail&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+O / Ctrl+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Open / export a take&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+M / Ctrl+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Models / load the model&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Mouse&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Left drag orbits, middle or Shift+left drag pans, the wheel zooms, a click selects a candidate&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The official mannequin could not be read; showing the built-in one: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Body</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Skeleton</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Mesh</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Skeleton &amp;and mesh</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Model %1 loaded.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>pw::gui::ModelManagerDialog</name>
        <message>
            <source>%1: %2 frames (%3 s) at %4 fps, %5 layers, weights %6</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1: Qwen3, %2-wide features, %n weight file(s), %3</source>
            <translation>
                <numerusform>%1: Qwen3, %2-wide features, %n weight file, %3</numerusform>
                <numerusform>%1: Qwen3, %2-wide features, %n weight files, %3</numerusform>
            </translation>
        </message>
        <message>
            <source>%1: CLIP, %2-wide text features, text tower %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This Qwen3 model gives %1-wide features, but the HY-Motion model expects %2 (HY-Motion 1.0 uses Qwen3-8B).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This CLIP model gives %1-wide text features, but the HY-Motion model expects %2 (HY-Motion 1.0 uses clip-vit-large-patch14).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Optional: the official repository's wooden mannequin assets, for mesh display and exports.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mannequin skeleton and mesh found.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mannequin skeleton found (no mesh files).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Models</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Point Posewright at the folders you downloaded. Nothing is copied or downloaded: the files are used where they are.&lt;br&gt;&lt;b&gt;HY-Motion&lt;/b&gt;: &lt;tt&gt;HY-Motion-1.0-Lite/&lt;/tt&gt; or &lt;tt&gt;HY-Motion-1.0/&lt;/tt&gt; from Hugging Face &lt;tt&gt;tencent/HY-Motion-1.0&lt;/tt&gt; (config.yml + latest.ckpt). &lt;b&gt;Qwen3&lt;/b&gt;: &lt;tt&gt;Qwen/Qwen3-8B&lt;/tt&gt;. &lt;b&gt;CLIP&lt;/b&gt;: &lt;tt&gt;openai/clip-vit-large-patch14&lt;/tt&gt;.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>HY-Motion folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Qwen3 folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CLIP folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mannequin assets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Load the model now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Load the model when Posewright starts</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>pw::gui::ParametersPanel</name>
        <message numerus="yes">
            <source>%n frame(s)</source>
            <translation>
                <numerusform>%n frame</numerusform>
                <numerusform>%n frames</numerusform>
            </translation>
        </message>
        <message>
            <source>(clamped from %1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>At %1 fps. The model makes %2 to %3 frames (%4 to %5 s).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No CUDA device is available in this build or on this machine.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Candidates</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Duration</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Seed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CFG scale</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Steps</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Text tokens</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Device</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Precision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VRAM budget</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>How many motions to generate from the prompt, one per seed (1-4). Each adds a little memory and time.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Length of the motion. The model works on a fixed 12-second canvas; shorter clips are cut from it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Random</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Draw a new seed for every generation; the seed used is kept with each take.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pick a random seed and keep it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Candidate i uses seed + i. The same seed and settings reproduce a take.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Classifier-free guidance: how strongly the motion follows the prompt. 1 turns it off; the model's default is 5.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Euler sampling steps. The model's default is 50; fewer are faster and rougher.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Prompt tokens given to the motion model (max_length_llm). The model was trained with 128; fewer cut the prompt short.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Automatic (CUDA if available)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Where the model runs. Takes effect on the next model load.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> GiB</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No limit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Device memory Posewright may use; 0 means no limit. Takes effect on the next model load.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Model defaults</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reset CFG scale, steps and text tokens to the model's values.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Precision of the motion model. fp32 is exact to the reference; bf16 and fp16 halve its memory on CUDA. The CPU runs it in fp32 only. Takes effect on the next model load.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Text encoders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Automatic (GPU unless over the budget)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>GPU (fastest)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CPU (saves about 15 GB of VRAM)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>GPU, freed after encoding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Where Qwen3-8B and CLIP run. On the GPU they hold about 15 GB of its memory; on the CPU the GPU keeps only the motion model, and each new prompt takes seconds to a minute to encode (about 15 GB of RAM). "Freed after encoding" gives the memory back between prompts. Cached prompts are never encoded again. Takes effect on the next model load.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>pw::gui::PromptPanel</name>
        <message>
            <source>Prompt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Describe one person's movement, e.g. "A person walks forward, then turns left and waves."</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Generate</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n word(s)</source>
            <translation>
                <numerusform>%n word</numerusform>
                <numerusform>%n words</numerusform>
            </translation>
        </message>
        <message>
            <source>Loading the model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Encoding the prompt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sampling</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Decoding the motion</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>about %n s left</source>
            <translation>
                <numerusform>about %n s left</numerusform>
                <numerusform>about %n s left</numerusform>
            </translation>
        </message>
        <message>
            <source>about %1 min %2 s left</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Generate the motion (Ctrl+Enter)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fix</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Replace with "%1"</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 / %2 tokens</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>tokens: ? / %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: step %2 of %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Queue this prompt with the current parameters; it runs when the jobs before it are done (Ctrl+Enter).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Qwen3 tokens of the prompt: up to %1 reach the model whole; beyond %2 the rest is cut off.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The token count appears once the Qwen3 folder is set (Models → Model folders) and its tokenizer is read. About 90 to 110 English words fit in %1 tokens.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add to queue</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n more job(s) queued</source>
            <translation>
                <numerusform>%n more job queued</numerusform>
                <numerusform>%n more jobs queued</numerusform>
            </translation>
        </message>
        <message>
            <source>%1. %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stop the running job (Esc); it stops after the current step and the next queued job starts.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clear queue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Drop the jobs that have not started (Shift+Esc); the running one goes on.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>pw::gui::TakeListModel</name>
        <message>
            <source>%1
seed %2 · %3 s · %4</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;seed %2, candidate %3&lt;br&gt;%4 s (%5 frames), CFG %6, %7 steps, %8 text tokens&lt;br&gt;%9, %10&lt;br&gt;model: %11&lt;br&gt;%12</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not saved</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>pw::gui::TakesPanel</name>
        <message>
            <source>Delete take</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete the take "%1" (seed %2)? Its file is removed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not delete %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Project folder: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show the take in the viewport (double click)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show folder</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n take file(s) could not be read (see the tooltip and the log).</source>
            <translation>
                <numerusform>%n take file could not be read (see the tooltip and the log).</numerusform>
                <numerusform>%n take files could not be read (see the tooltip and the log).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n take(s)</source>
            <translation>
                <numerusform>%n take</numerusform>
                <numerusform>%n takes</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>pw::gui::TimelineWidget</name>
        <message>
            <source>Play or pause (Space)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Loop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Playback speed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No take</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Frame %1 / %2  (%3 s)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>pw::gui::ViewportWidget</name>
        <message>
            <source>OpenGL 3.3 core profile is not available on this system.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>pw::gui::VramGauge</name>
        <message>
            <source>%1 GiB</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 MiB</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Predicted peak for the current settings (an estimate from the weight files and measured activation sizes):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Prompt wording and length do not change memory use.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2 of %3 used</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No NVIDIA GPU found: running on the CPU. Process RAM: %1 of %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No NVIDIA GPU found: running on the CPU.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Posewright: %1 allocated, %2 reserved, peak %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Posewright: %1 in use, peak %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Predicted peak for these settings: about %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Budget: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Motion model weights</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Qwen3 weights</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CLIP text weights</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Motion model activations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Text encoding (transient)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CUDA context and allocator slack</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
