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
            <source>Load a model first.</source>
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
</TS>
