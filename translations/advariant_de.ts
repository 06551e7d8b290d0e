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
    <name>DatasetPage</name>
    <message>
        <location filename="../ui/dataset_page.cpp" line="41" />
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="55" />
        <source>Open dataset...</source>
        <translation>Datensatz öffnen...</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="57" />
        <source>Build pairs</source>
        <translation>Paare erstellen</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="59" />
        <source>Composite the filtered garments onto the project's background conditions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="62" />
        <source>All categories</source>
        <translation>Alle Kategorien</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="65" />
        <location filename="../ui/dataset_page.cpp" line="71" />
        <source>%1 of %2 instances</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="68" />
        <source>Any attribute</source>
        <translation>Beliebiges Attribut</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="75" />
        <source>min area </source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="78" />
        <source>search category, attribute, file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="96" />
        <source>Outline only</source>
        <translation>Nur Umriss</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="106" />
        <source>Mask opacity</source>
        <translation>Maskendeckkraft</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="127" />
        <source>Instances</source>
        <translation>Instanzen</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="128" />
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="136" />
        <source>Open a Fashionpedia or COCO instance file.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="169" />
        <source>Annotation file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="169" />
        <source>COCO JSON (*.json)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="171" />
        <source>Image folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="178" />
        <source>Loading %1...</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="197" />
        <source>%1: %2 images, %3 instances, %4 issues, %5 missing image files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="207" />
        <source>Open dataset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="237" />
        <source>instances</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="252" />
        <source>Image file missing: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="295" />
        <source>Open a dataset first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="308" />
        <source>Building pairs in %1...</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/dataset_page.cpp" line="313" />
        <source>%1 pairs: %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <location filename="../ui/export_page.cpp" line="24" />
        <location filename="../ui/export_page.cpp" line="59" />
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../ui/export_page.cpp" line="32" />
        <source>Placement</source>
        <translation>Platzierung</translation>
    </message>
    <message>
        <location filename="../ui/export_page.cpp" line="32" />
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../ui/export_page.cpp" line="32" />
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <location filename="../ui/export_page.cpp" line="32" />
        <source>Safe zone</source>
        <translation>Sicherheitszone</translation>
    </message>
    <message>
        <location filename="../ui/export_page.cpp" line="46" />
        <source>none</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/export_page.cpp" line="67" />
        <source>Approved variants:</source>
        <translation>Freigegebene Varianten:</translation>
    </message>
    <message>
        <location filename="../ui/export_page.cpp" line="71" />
        <source>Placements (from %1 platform plugins):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/export_page.cpp" line="76" />
        <source>Output folder:</source>
        <translation>Ausgabeordner:</translation>
    </message>
    <message>
        <location filename="../ui/export_page.cpp" line="95" />
        <source>%1 approved variants</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/export_page.cpp" line="130" />
        <source>Approve variants and choose placements first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/export_page.cpp" line="134" />
        <source>Exporting %1 variants to %2 placements...</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/export_page.cpp" line="140" />
        <source>%1 files written, %2 over budget (not exported). Manifest: %3</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>InstanceModel</name>
    <message>
        <location filename="../ui/dataset_models.cpp" line="21" />
        <source>ID</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/dataset_models.cpp" line="22" />
        <source>Image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/dataset_models.cpp" line="23" />
        <source>Category</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/dataset_models.cpp" line="24" />
        <source>Attributes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/dataset_models.cpp" line="25" />
        <source>Area</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/dataset_models.cpp" line="26" />
        <source>Box</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="73" />
        <source>Pairs</source>
        <translation>Paare</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="87" />
        <source>Device: %1</source>
        <translation>Gerät: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="88" />
        <source>LibTorch %1, allocator %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="108" />
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="117" />
        <source>&amp;New Project</source>
        <translation>&amp;Neues Projekt</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="118" />
        <source>&amp;Open Project...</source>
        <translation>Projekt ö&amp;ffnen...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="119" />
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="122" />
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="123" />
        <source>Save &amp;As...</source>
        <translation>Speichern &amp;unter...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="125" />
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="129" />
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="132" />
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="139" />
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="140" />
        <source>&amp;About AdVariant Studio</source>
        <translation>Ü&amp;ber AdVariant Studio</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="141" />
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="149" />
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="152" />
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="158" />
        <source>&amp;Settings...</source>
        <translation>&amp;Einstellungen...</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="205" />
        <source>%1%2 — AdVariant Studio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="207" />
        <source>Unsaved project</source>
        <translation>Ungespeichertes Projekt</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="219" />
        <location filename="../ui/main_window.cpp" line="259" />
        <location filename="../ui/main_window.cpp" line="263" />
        <source>Open Project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="223" />
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="260" />
        <source>AdVariant projects (*.advproj);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="270" />
        <location filename="../ui/main_window.cpp" line="277" />
        <location filename="../ui/main_window.cpp" line="283" />
        <source>Save Project</source>
        <translation>Projekt speichern</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="278" />
        <source>AdVariant projects (*.advproj)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="291" />
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="292" />
        <source>The project "%1" has unsaved changes. Save them?</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PairsPage</name>
    <message>
        <location filename="../ui/pairs_page.cpp" line="55" />
        <source>Pairs</source>
        <translation>Paare</translation>
    </message>
    <message>
        <location filename="../ui/pairs_page.cpp" line="64" />
        <source>Build pairs from the Dataset workspace.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/pairs_page.cpp" line="67" />
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location filename="../ui/pairs_page.cpp" line="68" />
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location filename="../ui/pairs_page.cpp" line="69" />
        <source>Edit caption...</source>
        <translation>Beschriftung bearbeiten...</translation>
    </message>
    <message>
        <location filename="../ui/pairs_page.cpp" line="70" />
        <source>Use for training</source>
        <translation>Zum Training verwenden</translation>
    </message>
    <message>
        <location filename="../ui/pairs_page.cpp" line="71" />
        <source>Swap background</source>
        <translation>Hintergrund tauschen</translation>
    </message>
    <message>
        <location filename="../ui/pairs_page.cpp" line="75" />
        <source>Swap backgrounds</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/pairs_page.cpp" line="83" />
        <source>Accept pairs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/pairs_page.cpp" line="83" />
        <source>Reject pairs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/pairs_page.cpp" line="94" />
        <source>Caption</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/pairs_page.cpp" line="94" />
        <source>Caption:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/pairs_page.cpp" line="171" />
        <source>Accept pair</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/pairs_page.cpp" line="171" />
        <source>Reject pair</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/pairs_page.cpp" line="176" />
        <source>Edit caption</source>
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
    <message>
        <location filename="../ui/pairs_page.cpp" line="45" />
        <source>Swap background</source>
        <translation>Hintergrund tauschen</translation>
    </message>
</context>
<context>
    <name>RenderWorker</name>
    <message>
        <location filename="../ui/workers.cpp" line="32" />
        <source>no model loaded</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/workers.cpp" line="43" />
        <source>cancelled</source>
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
<context>
    <name>ThumbnailModel</name>
    <message>
        <location filename="../ui/thumbnails.cpp" line="72" />
        <source>image file missing</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message>
        <location filename="../ui/training_page.cpp" line="45" />
        <location filename="../ui/training_page.cpp" line="257" />
        <location filename="../ui/training_page.cpp" line="261" />
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="48" />
        <source>diffusers folder or SD 1.x .safetensors (empty: embedded model)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="50" />
        <source>pairs manifest.jsonl</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="74" />
        <source>Base model:</source>
        <translation>Basismodell:</translation>
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="75" />
        <source>Training pairs:</source>
        <translation>Trainingspaare:</translation>
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="76" />
        <source>Run folder:</source>
        <translation>Laufordner:</translation>
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="77" />
        <source>Rank / alpha:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="85" />
        <source>Learning rate:</source>
        <translation>Lernrate:</translation>
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="86" />
        <source>Schedule / warm-up:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="94" />
        <source>Steps:</source>
        <translation>Schritte:</translation>
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="95" />
        <source>Batch:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="96" />
        <source>Resolution:</source>
        <translation>Auflösung:</translation>
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="97" />
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="98" />
        <source>Checkpoint every:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="99" />
        <source>Validate every:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="100" />
        <source>Validation prompts:</source>
        <translation>Validierungs-Prompts:</translation>
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="102" />
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="104" />
        <location filename="../ui/training_page.cpp" line="293" />
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="105" />
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="113" />
        <source>Export CSV...</source>
        <translation>CSV exportieren...</translation>
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="114" />
        <source>Export PNG...</source>
        <translation>PNG exportieren...</translation>
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="116" />
        <source>Export metrics</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="116" />
        <source>CSV (*.csv)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="120" />
        <source>Export chart</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="120" />
        <source>PNG (*.png)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="125" />
        <source>Idle</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="130" />
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="137" />
        <source>Earlier runs (double-click to open):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="141" />
        <source>Open run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="148" />
        <location filename="../ui/training_page.cpp" line="157" />
        <source>loss</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="151" />
        <source>smoothed loss</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="154" />
        <location filename="../ui/training_page.cpp" line="158" />
        <source>learning rate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="156" />
        <source>step</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="174" />
        <source>Validation images:</source>
        <translation>Validierungsbilder:</translation>
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="261" />
        <source>Choose a base model.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="280" />
        <source>Finished: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="280" />
        <source>Stopped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="280" />
        <source>Failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="285" />
        <source>Preparing data...</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="293" />
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="294" />
        <source>paused</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="294" />
        <source>resumed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="326" />
        <source>Step %1 / %2 — %3 it/s — ETA %4 s — loss %5</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="337" />
        <source>step %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/training_page.cpp" line="373" />
        <source>Run %1: %2 steps</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>VariantsPage</name>
    <message>
        <location filename="../ui/variants_page.cpp" line="49" />
        <source>Variants</source>
        <translation>Varianten</translation>
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="52" />
        <source>model folder or .safetensors</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="53" />
        <location filename="../ui/variants_page.cpp" line="145" />
        <source>Load model</source>
        <translation>Modell laden</translation>
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="60" />
        <source>negative prompt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="77" />
        <source>LoRA .safetensors (optional)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="82" />
        <source>Compare with LoRA off</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="83" />
        <source>Render grid</source>
        <translation>Raster rendern</translation>
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="85" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="89" />
        <source>No model loaded</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="96" />
        <source>Model:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="97" />
        <source>Concepts:</source>
        <translation>Konzepte:</translation>
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="98" />
        <source>Conditions:</source>
        <translation>Bedingungen:</translation>
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="99" />
        <source>Negative:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="102" />
        <source>Seeds/cell</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="102" />
        <source>First seed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="102" />
        <source>Steps</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="102" />
        <source>CFG</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="102" />
        <source>Sampler</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="111" />
        <source>LoRA:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="140" />
        <source>Model %1 (%2 px)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="144" />
        <source>Model failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="152" />
        <source>failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="192" />
        <source>Loading model...</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="213" />
        <source> (no LoRA)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="232" />
        <source>queued</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="286" />
        <source>rendering</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="293" />
        <source>Cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="304" />
        <location filename="../ui/variants_page.cpp" line="318" />
        <source>approved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="309" />
        <source>%1 / %2 rendered (%3 s per image)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="340" />
        <source>Unapprove</source>
        <translation>Freigabe aufheben</translation>
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="340" />
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="341" />
        <source>Re-roll</source>
        <translation>Neu würfeln</translation>
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="342" />
        <source>Copy seed</source>
        <translation>Seed kopieren</translation>
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="343" />
        <source>Open full size</source>
        <translation>In voller Größe öffnen</translation>
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="357" />
        <source>Show parameters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../ui/variants_page.cpp" line="357" />
        <source>Generation parameters</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>