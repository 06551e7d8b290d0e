<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es_ES">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../ui/about_dialog.cpp" line="35" />
        <source>About AdVariant Studio</source>
        <translation>Acerca de AdVariant Studio</translation>
    </message>
    <message>
        <location filename="../ui/about_dialog.cpp" line="38" />
        <source>&lt;h2&gt;AdVariant Studio %1&lt;/h2&gt;&lt;p&gt;Turns a product catalogue into advertising creative with Stable Diffusion.&lt;/p&gt;&lt;p&gt;Copyright © 2026 the AdVariant Studio developers.&lt;br&gt;Licensed under the GNU General Public License, version 3 or later (GPL-3.0-or-later).&lt;/p&gt;&lt;p&gt;Compute: %2 — LibTorch %3, allocator %4&lt;/p&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/about_dialog.cpp" line="48" />
        <source>Third-party components:</source>
        <translation>Componentes de terceros:</translation>
    </message>
    <message>
        <location filename="../ui/about_dialog.cpp" line="52" />
        <source>Component</source>
        <translation>Componente</translation>
    </message>
    <message>
        <location filename="../ui/about_dialog.cpp" line="52" />
        <source>Licence</source>
        <translation>Licencia</translation>
    </message>
    <message>
        <location filename="../ui/about_dialog.cpp" line="52" />
        <source>Used for</source>
        <translation>Uso</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="56" />
        <source>Dataset</source>
        <translation>Conjunto de datos</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="57" />
        <source>Browse a Fashionpedia/COCO dataset: filter garments by category, attributes and size, and see their masks.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="59" />
        <source>Pairs</source>
        <translation>Pares</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="60" />
        <source>Cut garments out with their masks and composite them onto background conditions to build captioned training pairs.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="62" />
        <source>Training</source>
        <translation>Entrenamiento</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="63" />
        <source>Fine-tune the model with LoRA in the background and watch the loss curves and sample images.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="65" />
        <source>Variants</source>
        <translation>Variantes</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="66" />
        <source>Render the concept x background grid, then approve or re-roll each cell.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="68" />
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="69" />
        <source>Export approved variants as ad-size PNG sets for each platform, inside safe zones and file-size budgets.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="83" />
        <source>Device: %1</source>
        <translation>Dispositivo: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="84" />
        <source>LibTorch %1, allocator %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="104" />
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="113" />
        <source>&amp;New Project</source>
        <translation>&amp;Nuevo proyecto</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="114" />
        <source>&amp;Open Project...</source>
        <translation>&amp;Abrir proyecto...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="115" />
        <source>Open &amp;Recent</source>
        <translation>Abrir &amp;reciente</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="118" />
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="119" />
        <source>Save &amp;As...</source>
        <translation>Guardar &amp;como...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="121" />
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="125" />
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="128" />
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="135" />
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="136" />
        <source>&amp;About AdVariant Studio</source>
        <translation>&amp;Acerca de AdVariant Studio</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="137" />
        <source>About &amp;Qt</source>
        <translation>Acerca de &amp;Qt</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="145" />
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="148" />
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="154" />
        <source>&amp;Settings...</source>
        <translation>&amp;Preferencias...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="201" />
        <source>%1%2 — AdVariant Studio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="203" />
        <source>Unsaved project</source>
        <translation>Proyecto sin guardar</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="215" />
        <location filename="../ui/main_window.cpp" line="255" />
        <location filename="../ui/main_window.cpp" line="259" />
        <source>Open Project</source>
        <translation>Abrir proyecto</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="219" />
        <source>Clear List</source>
        <translation>Vaciar lista</translation>
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
        <translation>Guardar proyecto</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="274" />
        <source>AdVariant projects (*.advproj)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="287" />
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
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
        <translation>Sin título</translation>
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
        <translation>Examinar...</translation>
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
        <translation>Preferencias</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="46" />
        <source>Add...</source>
        <translation>Añadir...</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="47" />
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="52" />
        <source>Folder with models</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="59" />
        <source>Model folders:</source>
        <translation>Carpetas de modelos:</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="62" />
        <source>embedded model</source>
        <translation>modelo integrado</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="63" />
        <source>A diffusers folder or an SD 1.x .safetensors file. Empty: the model shipped with the studio.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="64" />
        <source>Default model:</source>
        <translation>Modelo predeterminado:</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="67" />
        <source>Output folder:</source>
        <translation>Carpeta de salida:</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="70" />
        <source>Automatic (GPU when available)</source>
        <translation>Automático (GPU si está disponible)</translation>
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
        <translation>Dispositivo de cálculo:</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="78" />
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="80" />
        <source>CPU threads:</source>
        <translation>Hilos de CPU:</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="83" />
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="88" />
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
</context>
</TS>