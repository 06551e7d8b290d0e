<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../ui/about_dialog.cpp" line="35" />
        <source>About AdVariant Studio</source>
        <translation>Über AdVariant Studio</translation>
    </message>
    <message>
        <location filename="../ui/about_dialog.cpp" line="38" />
        <source>&lt;h2&gt;AdVariant Studio %1&lt;/h2&gt;&lt;p&gt;Turns a product catalogue into advertising creative with Stable Diffusion.&lt;/p&gt;&lt;p&gt;Copyright © 2026 the AdVariant Studio developers.&lt;br&gt;Licensed under the GNU General Public License, version 3 or later (GPL-3.0-or-later).&lt;/p&gt;&lt;p&gt;Compute: %2 — LibTorch %3, allocator %4&lt;/p&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/about_dialog.cpp" line="48" />
        <source>Third-party components:</source>
        <translation>Komponenten von Drittanbietern:</translation>
    </message>
    <message>
        <location filename="../ui/about_dialog.cpp" line="52" />
        <source>Component</source>
        <translation>Komponente</translation>
    </message>
    <message>
        <location filename="../ui/about_dialog.cpp" line="52" />
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <location filename="../ui/about_dialog.cpp" line="52" />
        <source>Used for</source>
        <translation>Verwendet für</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="56" />
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="57" />
        <source>Browse a Fashionpedia/COCO dataset: filter garments by category, attributes and size, and see their masks.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="59" />
        <source>Pairs</source>
        <translation>Paare</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="60" />
        <source>Cut garments out with their masks and composite them onto background conditions to build captioned training pairs.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="62" />
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="63" />
        <source>Fine-tune the model with LoRA in the background and watch the loss curves and sample images.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="65" />
        <source>Variants</source>
        <translation>Varianten</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="66" />
        <source>Render the concept x background grid, then approve or re-roll each cell.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="68" />
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="69" />
        <source>Export approved variants as ad-size PNG sets for each platform, inside safe zones and file-size budgets.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="83" />
        <source>Device: %1</source>
        <translation>Gerät: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="84" />
        <source>LibTorch %1, allocator %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="104" />
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="113" />
        <source>&amp;New Project</source>
        <translation>&amp;Neues Projekt</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="114" />
        <source>&amp;Open Project...</source>
        <translation>Projekt ö&amp;ffnen...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="115" />
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="118" />
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="119" />
        <source>Save &amp;As...</source>
        <translation>Speichern &amp;unter...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="121" />
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="125" />
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="128" />
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="135" />
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="136" />
        <source>&amp;About AdVariant Studio</source>
        <translation>Ü&amp;ber AdVariant Studio</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="137" />
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="145" />
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="148" />
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="154" />
        <source>&amp;Settings...</source>
        <translation>&amp;Einstellungen...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="201" />
        <source>%1%2 — AdVariant Studio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="203" />
        <source>Unsaved project</source>
        <translation>Ungespeichertes Projekt</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="215" />
        <location filename="../ui/main_window.cpp" line="255" />
        <location filename="../ui/main_window.cpp" line="259" />
        <source>Open Project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="219" />
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="256" />
        <source>AdVariant projects (*.advproj);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="266" />
        <location filename="../ui/main_window.cpp" line="273" />
        <location filename="../ui/main_window.cpp" line="279" />
        <source>Save Project</source>
        <translation>Projekt speichern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="274" />
        <source>AdVariant projects (*.advproj)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="287" />
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="288" />
        <source>The project "%1" has unsaved changes. Save them?</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Project</name>
    <message>
        <location filename="../ui/project.cpp" line="59" />
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <location filename="../ui/project.cpp" line="76" />
        <source>Change %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/project.cpp" line="82" />
        <source>%1: cannot open (%2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/project.cpp" line="88" />
        <source>%1: not a valid project file (JSON error at byte %2: %3)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/project.cpp" line="92" />
        <source>%1: not an AdVariant project (missing "format": "advariant-project")</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/project.cpp" line="97" />
        <source>%1: written by a newer AdVariant Studio (project format %2, this version reads up to %3)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/project.cpp" line="115" />
        <source>%1: cannot write (%2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/project.cpp" line="122" />
        <source>%1: saving failed (%2); the previous file is unchanged</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/about_dialog.cpp" line="16" />
        <source>user interface</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/about_dialog.cpp" line="17" />
        <source>charts (the reason this program is GPL)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/about_dialog.cpp" line="18" />
        <source>neural network engine</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/about_dialog.cpp" line="19" />
        <source>matrix products</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/about_dialog.cpp" line="20" />
        <source>CPU convolutions (inside LibTorch)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/about_dialog.cpp" line="21" />
        <source>image processing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/about_dialog.cpp" line="22" />
        <source>logging</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/about_dialog.cpp" line="23" />
        <source>formatting (used by spdlog)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/about_dialog.cpp" line="24" />
        <source>JSON</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/about_dialog.cpp" line="25" />
        <source>memory allocator</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/about_dialog.cpp" line="26" />
        <source>PNG metadata checksums</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/about_dialog.cpp" line="27" />
        <source>garment category and attribute names (Jia et al., ECCV 2020)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/about_dialog.cpp" line="29" />
        <source>weights are not shipped; the licence of the weights you load applies</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="25" />
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="27" />
        <source>Choose a folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="28" />
        <source>Choose a file</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="37" />
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="46" />
        <source>Add...</source>
        <translation>Hinzufügen...</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="47" />
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="52" />
        <source>Folder with models</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="59" />
        <source>Model folders:</source>
        <translation>Modellordner:</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="62" />
        <source>embedded model</source>
        <translation>eingebautes Modell</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="63" />
        <source>A diffusers folder or an SD 1.x .safetensors file. Empty: the model shipped with the studio.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="64" />
        <source>Default model:</source>
        <translation>Standardmodell:</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="67" />
        <source>Output folder:</source>
        <translation>Ausgabeordner:</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="70" />
        <source>Automatic (GPU when available)</source>
        <translation>Automatisch (GPU, falls vorhanden)</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="71" />
        <source>CPU</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="72" />
        <source>CUDA GPU</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="74" />
        <source>Compute device:</source>
        <translation>Rechengerät:</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="78" />
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="80" />
        <source>CPU threads:</source>
        <translation>CPU-Threads:</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="83" />
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="88" />
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
</context>
</TS>