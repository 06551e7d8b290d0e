<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>adv::ui::AboutDialog</name>
    <message>
        <location filename="../ui/about_dialog.cpp" line="+35" />
        <source>About AdVariant Studio</source>
        <translation>Über AdVariant Studio</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&lt;h2&gt;AdVariant Studio %1&lt;/h2&gt;&lt;p&gt;Turns a product catalogue into advertising creative with Stable Diffusion.&lt;/p&gt;&lt;p&gt;Copyright © 2026 the AdVariant Studio developers.&lt;br&gt;Licensed under the GNU General Public License, version 3 or later (GPL-3.0-or-later).&lt;/p&gt;&lt;p&gt;Compute: %2 — LibTorch %3, allocator %4&lt;/p&gt;</source>
        <translation>&lt;h2&gt;AdVariant Studio %1&lt;/h2&gt;&lt;p&gt;Macht aus einem Produktkatalog Werbemotive mit Stable Diffusion.&lt;/p&gt;&lt;p&gt;Copyright © 2026 die Entwickler von AdVariant Studio.&lt;br&gt;Lizenziert unter der GNU General Public License, Version 3 oder neuer (GPL-3.0-or-later).&lt;/p&gt;&lt;p&gt;Berechnung: %2 — LibTorch %3, Allokator %4&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Third-party components:</source>
        <translation>Komponenten von Drittanbietern:</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Component</source>
        <translation>Komponente</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Used for</source>
        <translation>Verwendet für</translation>
    </message>
</context>
<context>
    <name>adv::ui::DatasetPage</name>
    <message>
        <location filename="../ui/dataset_page.cpp" line="+46" />
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Open dataset...</source>
        <translation>Datensatz öffnen...</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Build pairs</source>
        <translation>Paare erstellen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Composite the filtered garments onto the project's background conditions</source>
        <translation>Die gefilterten Kleidungsstücke auf die Hintergründe des Projekts montieren</translation>
    </message>
    <message>
        <location line="+3" />
        <source>All categories</source>
        <translation>Alle Kategorien</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+6" />
        <source>%1 of %2 instances</source>
        <translation>%1 von %2 Instanzen</translation>
    </message>
    <message>
        <location line="-3" />
        <source>Any attribute</source>
        <translation>Beliebiges Attribut</translation>
    </message>
    <message>
        <location line="+7" />
        <source>min area </source>
        <translation>min. Fläche </translation>
    </message>
    <message>
        <location line="+3" />
        <source>search category, attribute, file</source>
        <translation>Kategorie, Attribut, Datei suchen</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Outline only</source>
        <translation>Nur Umriss</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Instances per category</source>
        <translation>Instanzen je Kategorie</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Instances per attribute (top 20)</source>
        <translation>Instanzen je Attribut (Top 20)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Instance size (square root of area, px)</source>
        <translation>Instanzgröße (Wurzel der Fläche, px)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Statistics of the filtered instances</source>
        <translation>Statistik der gefilterten Instanzen</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Mask opacity</source>
        <translation>Maskendeckkraft</translation>
    </message>
    <message>
        <location line="+22" />
        <source>Instances</source>
        <translation>Instanzen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Open a Fashionpedia or COCO instance file.</source>
        <translation>Eine Fashionpedia- oder COCO-Instanzdatei öffnen.</translation>
    </message>
    <message>
        <location line="+40" />
        <source>Creating the sample dataset in %1...</source>
        <translation>Beispieldatensatz wird in %1 erstellt...</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Annotation file</source>
        <translation>Annotationsdatei</translation>
    </message>
    <message>
        <location line="+0" />
        <source>COCO JSON (*.json)</source>
        <translation>COCO-JSON (*.json)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Image folder</source>
        <translation>Bildordner</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Loading %1...</source>
        <translation>%1 wird geladen...</translation>
    </message>
    <message>
        <location line="+19" />
        <source>%1: %2 images, %3 instances, %4 issues, %5 missing image files</source>
        <translation>%1: %2 Bilder, %3 Instanzen, %4 Probleme, %5 fehlende Bilddateien</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Open dataset</source>
        <translation>Datensatz öffnen</translation>
    </message>
    <message>
        <location line="+50" />
        <source>instances</source>
        <translation>Instanzen</translation>
    </message>
    <message>
        <location line="+59" />
        <source>Image file missing: %1</source>
        <translation>Bilddatei fehlt: %1</translation>
    </message>
    <message>
        <location line="+43" />
        <source>Open a dataset first.</source>
        <translation>Zuerst einen Datensatz öffnen.</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Building pairs in %1...</source>
        <translation>Paare werden in %1 erstellt...</translation>
    </message>
    <message>
        <location line="+5" />
        <source>%1 pairs: %2</source>
        <translation>%1 Paare: %2</translation>
    </message>
    <message>
        <source>Create the sample dataset</source>
        <translation>Beispieldatensatz erstellen</translation>
    </message>
    <message>
        <source>Load %1</source>
        <translation>%1 laden</translation>
    </message>
    <message>
        <source>Building pairs: %1 / %2</source>
        <translation>Paare werden erstellt: %1 / %2</translation>
    </message>
    <message>
        <source>Use as products</source>
        <translation>Als Produkte verwenden</translation>
    </message>
    <message>
        <source>Keep the selected garments pixel for pixel in the Variants grid, each on generated backgrounds</source>
        <translation>Die ausgewählten Kleidungsstücke im Varianten-Raster pixelgenau behalten, jedes auf generierten Hintergründen</translation>
    </message>
</context>
<context>
    <name>adv::ui::ExportPage</name>
    <message>
        <location filename="../ui/export_page.cpp" line="+24" />
        <location line="+37" />
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="-27" />
        <source>Placement</source>
        <translation>Platzierung</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Safe zone</source>
        <translation>Sicherheitszone</translation>
    </message>
    <message>
        <location line="+14" />
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+22" />
        <source>Approved variants:</source>
        <translation>Freigegebene Varianten:</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Placements (from %1 platform plugins):</source>
        <translation>Platzierungen (aus %1 Plattform-Plugins):</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Output folder:</source>
        <translation>Ausgabeordner:</translation>
    </message>
    <message>
        <location line="+11" />
        <source>%1 approved variants</source>
        <translation>%1 freigegebene Varianten</translation>
    </message>
    <message>
        <location line="+34" />
        <source>Approve variants and choose placements first.</source>
        <translation>Zuerst Varianten freigeben und Platzierungen wählen.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Exporting %1 variants to %2 placements...</source>
        <translation>%1 Varianten werden für %2 Platzierungen exportiert...</translation>
    </message>
    <message>
        <location line="+6" />
        <source>%1 files written, %2 over budget (not exported). Manifest: %3</source>
        <translation>%1 Dateien geschrieben, %2 über dem Budget (nicht exportiert). Manifest: %3</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Approve a variant to see the layouts.</source>
        <translation>Geben Sie eine Variante frei, um die Layouts zu sehen.</translation>
    </message>
    <message>
        <source>Placements</source>
        <translation>Platzierungen</translation>
    </message>
    <message>
        <source>Brand kit &amp;&amp; copy</source>
        <translation>Marken-Kit &amp;&amp; Texte</translation>
    </message>
    <message>
        <source>Rendering the preview...</source>
        <translation>Vorschau wird gerendert...</translation>
    </message>
    <message>
        <source>Brand preview</source>
        <translation>Markenvorschau</translation>
    </message>
    <message>
        <source>%1 placements.</source>
        <translation>%1 Platzierungen.</translation>
    </message>
    <message>
        <source>Exported %1 / %2: %3</source>
        <translation>Exportiert %1 / %2: %3</translation>
    </message>
    <message>
        <source>Export cancelled; the files written so far are complete.</source>
        <translation>Export abgebrochen; die bisher geschriebenen Dateien sind vollständig.</translation>
    </message>
    <message>
        <source>Export %1 variants to %2 placements</source>
        <translation>Export von %1 Varianten in %2 Platzierungen</translation>
    </message>
    <message>
        <source>Last export: %1 files. Manifest: %2</source>
        <translation>Letzter Export: %1 Dateien. Manifest: %2</translation>
    </message>
    <message>
        <source>Blur the edges</source>
        <translation>Ränder weichzeichnen</translation>
    </message>
    <message>
        <source>Mirror the edges</source>
        <translation>Ränder spiegeln</translation>
    </message>
    <message>
        <source>Generate (outpainting)</source>
        <translation>Generieren (Outpainting)</translation>
    </message>
    <message>
        <source>When a placement needs more canvas than the picture has: blur or mirror its edges (instant), or let the model paint the new area with each variant&apos;s prompt, seed and LoRA, the picture itself kept pixel for pixel (seconds per placement on a GPU, longer on a CPU).</source>
        <translation>Wenn eine Platzierung mehr Fläche braucht, als das Bild hat: die Ränder weichzeichnen oder spiegeln (sofort) oder das Modell die neue Fläche mit Prompt, Seed und LoRA der Variante malen lassen; das Bild selbst bleibt Pixel für Pixel erhalten (Sekunden pro Platzierung auf einer GPU, länger auf einer CPU).</translation>
    </message>
    <message>
        <source>Added canvas:</source>
        <translation>Zusätzliche Fläche:</translation>
    </message>
</context>
<context>
    <name>adv::ui::InstanceModel</name>
    <message>
        <location filename="../ui/dataset_models.cpp" line="+21" />
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Attributes</source>
        <translation>Attribute</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Area</source>
        <translation>Fläche</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Box</source>
        <translation>Rahmen</translation>
    </message>
    <message>
        <source>Crowd region (iscrowd): a group of objects under one mask; pair building skips it unless asked.</source>
        <translation>Gruppenregion (iscrowd): mehrere Objekte unter einer Maske; beim Erstellen von Paaren übersprungen, außer auf Wunsch.</translation>
    </message>
    <message>
        <source>%1 (crowd)</source>
        <translation>%1 (Gruppe)</translation>
    </message>
</context>
<context>
    <name>adv::ui::MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="+75" />
        <source>Pairs</source>
        <translation>Paare</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Device: %1</source>
        <translation>Gerät: %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>LibTorch %1, allocator %2</source>
        <translation>LibTorch %1, Allokator %2</translation>
    </message>
    <message>
        <location line="+22" />
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+9" />
        <source>&amp;New Project</source>
        <translation>&amp;Neues Projekt</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Open Project...</source>
        <translation>Projekt ö&amp;ffnen...</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save &amp;As...</source>
        <translation>Speichern &amp;unter...</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+7" />
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;About AdVariant Studio</source>
        <translation>Ü&amp;ber AdVariant Studio</translation>
    </message>
    <message>
        <location line="+1" />
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location line="+8" />
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <location line="+6" />
        <source>&amp;Settings...</source>
        <translation>&amp;Einstellungen...</translation>
    </message>
    <message>
        <location line="+47" />
        <source>%1%2 — AdVariant Studio</source>
        <translation>%1%2 — AdVariant Studio</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Unsaved project</source>
        <translation>Ungespeichertes Projekt</translation>
    </message>
    <message>
        <location line="+12" />
        <location line="+40" />
        <location line="+4" />
        <source>Open Project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <location line="-40" />
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <location line="+37" />
        <source>AdVariant projects (*.advproj);;All files (*)</source>
        <translation>AdVariant-Projekte (*.advproj);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+10" />
        <location line="+7" />
        <location line="+6" />
        <source>Save Project</source>
        <translation>Projekt speichern</translation>
    </message>
    <message>
        <location line="-5" />
        <source>AdVariant projects (*.advproj)</source>
        <translation>AdVariant-Projekte (*.advproj)</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The project "%1" has unsaved changes. Save them?</source>
        <translation>Das Projekt „%1“ hat ungespeicherte Änderungen. Speichern?</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <source>Restore unsaved changes</source>
        <translation>Ungesicherte Änderungen wiederherstellen</translation>
    </message>
    <message>
        <source>AdVariant Studio did not close normally. The project &quot;%1&quot; has changes from %2 that were not saved. Restore them?</source>
        <translation>AdVariant Studio wurde nicht normal beendet. Das Projekt &quot;%1&quot; hat Änderungen von %2, die nicht gespeichert wurden. Wiederherstellen?</translation>
    </message>
</context>
<context>
    <name>adv::ui::PairModel</name>
    <message>
        <location filename="../ui/pair_model.cpp" line="+68" />
        <source>%1 × %2, seed %3
%4</source>
        <translation>%1 × %2, Seed %3
%4</translation>
    </message>
</context>
<context>
    <name>adv::ui::PairsPage</name>
    <message>
        <location filename="../ui/pairs_page.cpp" line="+56" />
        <source>Pairs</source>
        <translation>Paare</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Build pairs from the Dataset workspace.</source>
        <translation>Paare im Arbeitsbereich Datensatz erstellen.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Edit caption...</source>
        <translation>Beschriftung bearbeiten...</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Use for training</source>
        <translation>Zum Training verwenden</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Swap background</source>
        <translation>Hintergrund tauschen</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Swap backgrounds</source>
        <translation>Hintergründe tauschen</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Accept pairs</source>
        <translation>Paare annehmen</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Reject pairs</source>
        <translation>Paare ablehnen</translation>
    </message>
    <message>
        <location line="+78" />
        <source>Accept pair</source>
        <translation>Paar annehmen</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Reject pair</source>
        <translation>Paar ablehnen</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Edit caption</source>
        <translation>Bildunterschrift bearbeiten</translation>
    </message>
    <message>
        <source>%1 × %2: %3 (%4 accepted)</source>
        <translation>%1 × %2: %3 (%4 angenommen)</translation>
    </message>
</context>
<context>
    <name>adv::ui::Project</name>
    <message>
        <location filename="../ui/project.cpp" line="+59" />
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Change %1</source>
        <translation>%1 ändern</translation>
    </message>
    <message>
        <location line="+6" />
        <source>%1: cannot open (%2)</source>
        <translation>%1: kann nicht geöffnet werden (%2)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>%1: not a valid project file (JSON error at byte %2: %3)</source>
        <translation>%1: keine gültige Projektdatei (JSON-Fehler bei Byte %2: %3)</translation>
    </message>
    <message>
        <location line="+4" />
        <source>%1: not an AdVariant project (missing "format": "advariant-project")</source>
        <translation>%1: kein AdVariant-Projekt ("format": "advariant-project" fehlt)</translation>
    </message>
    <message>
        <location line="+5" />
        <source>%1: written by a newer AdVariant Studio (project format %2, this version reads up to %3)</source>
        <translation>%1: von einem neueren AdVariant Studio geschrieben (Projektformat %2, diese Version liest bis %3)</translation>
    </message>
    <message>
        <location line="+18" />
        <source>%1: cannot write (%2)</source>
        <translation>%1: kann nicht geschrieben werden (%2)</translation>
    </message>
    <message>
        <location line="+7" />
        <source>%1: saving failed (%2); the previous file is unchanged</source>
        <translation>%1: Speichern fehlgeschlagen (%2); die bisherige Datei ist unverändert</translation>
    </message>
    <message>
        <source>%1: autosave failed (%2)</source>
        <translation>%1: automatisches Speichern fehlgeschlagen (%2)</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/about_dialog.cpp" line="-36" />
        <source>user interface</source>
        <translation>Benutzeroberfläche</translation>
    </message>
    <message>
        <location line="+1" />
        <source>charts (the reason this program is GPL)</source>
        <translation>Diagramme (der Grund, warum dieses Programm GPL ist)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>neural network engine</source>
        <translation>Engine für neuronale Netze</translation>
    </message>
    <message>
        <location line="+1" />
        <source>matrix products</source>
        <translation>Matrixprodukte</translation>
    </message>
    <message>
        <location line="+1" />
        <source>CPU convolutions (inside LibTorch)</source>
        <translation>CPU-Faltungen (in LibTorch)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>image processing</source>
        <translation>Bildverarbeitung</translation>
    </message>
    <message>
        <location line="+1" />
        <source>logging</source>
        <translation>Protokollierung</translation>
    </message>
    <message>
        <location line="+1" />
        <source>formatting (used by spdlog)</source>
        <translation>Formatierung (von spdlog genutzt)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location line="+1" />
        <source>memory allocator</source>
        <translation>Speicherallokator</translation>
    </message>
    <message>
        <location line="+1" />
        <source>PNG metadata checksums</source>
        <translation>Prüfsummen der PNG-Metadaten</translation>
    </message>
    <message>
        <location line="+1" />
        <source>garment category and attribute names (Jia et al., ECCV 2020)</source>
        <translation>Namen der Kleidungskategorien und Attribute (Jia et al., ECCV 2020)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>weights are not shipped; the licence of the weights you load applies</source>
        <translation>Gewichte werden nicht mitgeliefert; es gilt die Lizenz der geladenen Gewichte</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="+25" />
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Choose a folder</source>
        <translation>Ordner wählen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Choose a file</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <location filename="../ui/pairs_page.cpp" line="-130" />
        <source>Swap background</source>
        <translation>Hintergrund tauschen</translation>
    </message>
    <message>
        <source>unexpected error</source>
        <translation>unerwarteter Fehler</translation>
    </message>
    <message>
        <source>Targets: %1</source>
        <translation>Ziele: %1</translation>
    </message>
    <message>
        <source>Base model: %1</source>
        <translation>Basismodell: %1</translation>
    </message>
</context>
<context>
    <name>adv::ui::SettingsDialog</name>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="+9" />
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Add...</source>
        <translation>Hinzufügen...</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Folder with models</source>
        <translation>Ordner mit Modellen</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Model folders:</source>
        <translation>Modellordner:</translation>
    </message>
    <message>
        <location line="+3" />
        <source>embedded model</source>
        <translation>eingebettetes Modell</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A diffusers folder or an SD 1.x .safetensors file. Empty: the model shipped with the studio.</source>
        <translation>Ein diffusers-Ordner oder eine SD-1.x-.safetensors-Datei. Leer: das mit dem Studio gelieferte Modell.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Default model:</source>
        <translation>Standardmodell:</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Output folder:</source>
        <translation>Ausgabeordner:</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Automatic (GPU when available)</source>
        <translation>Automatisch (GPU, falls vorhanden)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location line="+1" />
        <source>CUDA GPU</source>
        <translation>CUDA-GPU</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Compute device:</source>
        <translation>Rechengerät:</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <location line="+2" />
        <source>CPU threads:</source>
        <translation>CPU-Threads:</translation>
    </message>
    <message>
        <location line="+3" />
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The open windows switch to the new language at once.</source>
        <translation>Die offenen Fenster wechseln sofort in die neue Sprache.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
</context>
<context>
    <name>adv::ui::ThumbnailModel</name>
    <message>
        <location filename="../ui/thumbnails.cpp" line="+45" />
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <location line="+21" />
        <source>image file missing</source>
        <translation>Bilddatei fehlt</translation>
    </message>
</context>
<context>
    <name>adv::ui::TrainingPage</name>
    <message>
        <location filename="../ui/training_page.cpp" line="+45" />
        <location line="+214" />
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <location line="-211" />
        <source>diffusers folder or SD 1.x .safetensors (empty: embedded model)</source>
        <translation>diffusers-Ordner oder SD-1.x-.safetensors (leer: eingebettetes Modell)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>pairs manifest.jsonl</source>
        <translation>Paar-Manifest manifest.jsonl</translation>
    </message>
    <message>
        <location line="+20" />
        <source>model's native size</source>
        <translation>native Größe des Modells</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Base model:</source>
        <translation>Basismodell:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Training pairs:</source>
        <translation>Trainingspaare:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Run folder:</source>
        <translation>Laufordner:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Rank / alpha:</source>
        <translation>Rang / Alpha:</translation>
    </message>
    <message>
        <source>Conv rank / alpha:</source>
        <translation>Conv-Rang / Alpha:</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>= rank</source>
        <translation>= Rang</translation>
    </message>
    <message>
        <source>LoCon: also adapt the UNet&apos;s ResNet convolutions, which draw texture and layout (new backgrounds, styles). 0 adapts the attention only.</source>
        <translation>LoCon: auch die ResNet-Faltungen des UNet anpassen, die Textur und Aufbau zeichnen (neue Hintergründe, Stile). 0 passt nur die Attention an.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Learning rate:</source>
        <translation>Lernrate:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Schedule / warm-up:</source>
        <translation>Verlauf / Aufwärmen:</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Steps:</source>
        <translation>Schritte:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Batch:</source>
        <translation>Batch:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Resolution:</source>
        <translation>Auflösung:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Checkpoint every:</source>
        <translation>Checkpoint alle:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Validate every:</source>
        <translation>Validieren alle:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Validation prompts:</source>
        <translation>Validierungs-Prompts:</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+186" />
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location line="-185" />
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Export CSV...</source>
        <translation>CSV exportieren...</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Export PNG...</source>
        <translation>PNG exportieren...</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Export metrics</source>
        <translation>Metriken exportieren</translation>
    </message>
    <message>
        <location line="+0" />
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Export chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <location line="+0" />
        <source>PNG (*.png)</source>
        <translation>PNG (*.png)</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Earlier runs (double-click to open):</source>
        <translation>Frühere Läufe (Doppelklick zum Öffnen):</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Open run</source>
        <translation>Lauf öffnen</translation>
    </message>
    <message>
        <location line="+7" />
        <location line="+9" />
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location line="-6" />
        <source>smoothed loss</source>
        <translation>geglätteter Verlust</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+4" />
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <location line="-2" />
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Validation images:</source>
        <translation>Validierungsbilder:</translation>
    </message>
    <message>
        <location line="+103" />
        <source>Finished: %1</source>
        <translation>Fertig: %1</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Preparing data...</source>
        <translation>Daten werden vorbereitet...</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <location line="+0" />
        <source>resumed</source>
        <translation>fortgesetzt</translation>
    </message>
    <message>
        <location line="+32" />
        <source>Step %1 / %2 — %3 it/s — ETA %4 s — loss %5</source>
        <translation>Schritt %1 / %2 — %3 it/s — noch %4 s — Verlust %5</translation>
    </message>
    <message>
        <location line="+11" />
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <location line="+36" />
        <source>Run %1: %2 steps</source>
        <translation>Lauf %1: %2 Schritte</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <source>(choose a recipe...)</source>
        <translation>(Rezept wählen...)</translation>
    </message>
    <message>
        <source>Fills in a proven recipe (ranks, targets, learning rate, noise and loss options, steps); the model, pairs and run folder stay as they are.</source>
        <translation>Setzt ein bewährtes Rezept (Ränge, Ziele, Lernrate, Rausch- und Verlustoptionen, Schritte); Modell, Paare und Lauf-Ordner bleiben unverändert.</translation>
    </message>
    <message>
        <source>Training preset</source>
        <translation>Trainingsvorlage</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>Vorlage:</translation>
    </message>
    <message>
        <source>Load config...</source>
        <translation>Konfiguration laden...</translation>
    </message>
    <message>
        <source>Save config...</source>
        <translation>Konfiguration speichern...</translation>
    </message>
    <message>
        <source>Resume...</source>
        <translation>Fortsetzen...</translation>
    </message>
    <message>
        <source>Continue an interrupted run from its newest checkpoint (as advariant-cli train --resume)</source>
        <translation>Einen unterbrochenen Lauf ab seinem neuesten Checkpoint fortsetzen (wie advariant-cli train --resume)</translation>
    </message>
    <message>
        <source>Load training config</source>
        <translation>Trainingskonfiguration laden</translation>
    </message>
    <message>
        <source>Training config (*.json)</source>
        <translation>Trainingskonfiguration (*.json)</translation>
    </message>
    <message>
        <source>Save training config</source>
        <translation>Trainingskonfiguration speichern</translation>
    </message>
    <message>
        <source>Resume run</source>
        <translation>Lauf fortsetzen</translation>
    </message>
    <message>
        <source>a run is already going</source>
        <translation>es läuft bereits ein Training</translation>
    </message>
    <message>
        <source>%1: no checkpoint to resume from</source>
        <translation>%1: kein Checkpoint zum Fortsetzen</translation>
    </message>
    <message>
        <source>Preset: %1</source>
        <translation>Vorlage: %1</translation>
    </message>
    <message>
        <source>Train %1</source>
        <translation>Training %1</translation>
    </message>
    <message>
        <source>Fine-tune a LoRA on the pairs</source>
        <translation>Ein LoRA auf den Paaren feinabstimmen</translation>
    </message>
    <message>
        <source>Distil an LCM-LoRA (Fast mode: 4 steps)</source>
        <translation>Ein LCM-LoRA destillieren (Schnellmodus: 4 Schritte)</translation>
    </message>
    <message>
        <source>Latent consistency distillation: the base model, guided, teaches the LoRA to draw in 2 to 8 LCM steps at CFG 1. The pairs only supply pictures and captions; the base model is the teacher.</source>
        <translation>Latente Konsistenz-Destillation: das geführte Basismodell bringt dem LoRA bei, in 2 bis 8 LCM-Schritten bei CFG 1 zu zeichnen. Die Paare liefern nur Bilder und Beschriftungen; das Basismodell ist der Lehrer.</translation>
    </message>
    <message>
        <source>Goal:</source>
        <translation>Ziel:</translation>
    </message>
</context>
<context>
    <name>adv::ui::VariantGridModel</name>
    <message>
        <location filename="../ui/variant_grid_model.cpp" line="+123" />
        <source>queued</source>
        <translation>in der Warteschlange</translation>
    </message>
    <message>
        <location line="+1" />
        <source>rendering</source>
        <translation>wird gerendert</translation>
    </message>
    <message>
        <location line="+1" />
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>approved</source>
        <translation>freigegeben</translation>
    </message>
    <message>
        <location line="+43" />
        <source> (no LoRA)</source>
        <translation> (ohne LoRA)</translation>
    </message>
    <message>
        <source>variant grid: %1 rows for %2 concepts</source>
        <translation>Variantenraster: %1 Zeilen für %2 Konzepte</translation>
    </message>
    <message>
        <source>variant grid: row %1 has %2 cells for %3 columns</source>
        <translation>Variantenraster: Zeile %1 hat %2 Zellen für %3 Spalten</translation>
    </message>
    <message>
        <source>variant grid: cell %1: %2</source>
        <translation>Variantenraster: Zelle %1: %2</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>adv::ui::VariantsPage</name>
    <message>
        <location filename="../ui/variants_page.cpp" line="+53" />
        <source>Variants</source>
        <translation>Varianten</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+106" />
        <source>Load model</source>
        <translation>Modell laden</translation>
    </message>
    <message>
        <location line="-99" />
        <source>negative prompt</source>
        <translation>negativer Prompt</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Compare with LoRA off</source>
        <translation>Mit abgeschalteter LoRA vergleichen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Render grid</source>
        <translation>Raster rendern</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+4" />
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Concepts:</source>
        <translation>Konzepte:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Conditions:</source>
        <translation>Bedingungen:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Negative:</source>
        <translation>Negativ:</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Seeds/cell</source>
        <translation>Seeds/Zelle</translation>
    </message>
    <message>
        <location line="+0" />
        <source>First seed</source>
        <translation>Erster Seed</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location line="+0" />
        <source>CFG</source>
        <translation>CFG</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Sampler</source>
        <translation>Sampler</translation>
    </message>
    <message>
        <location line="+9" />
        <source>LoRA:</source>
        <translation>LoRA:</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Approve / unapprove selected</source>
        <translation>Auswahl freigeben / Freigabe aufheben</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Model %1 (%2 px)</source>
        <translation>Modell %1 (%2 px)</translation>
    </message>
    <message>
        <location line="+69" />
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="+7" />
        <source>%1 / %2 rendered (%3 s per image)</source>
        <translation>%1 / %2 gerendert (%3 s pro Bild)</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Approve %1 / %2 / %3</source>
        <translation>%1 / %2 / %3 freigeben</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Unapprove %1 / %2 / %3</source>
        <translation>Freigabe von %1 / %2 / %3 aufheben</translation>
    </message>
    <message>
        <location line="+37" />
        <source>Unapprove</source>
        <translation>Freigabe aufheben</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Re-roll</source>
        <translation>Neu würfeln</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Copy seed</source>
        <translation>Seed kopieren</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open full size</source>
        <translation>In voller Größe öffnen</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Show parameters</source>
        <translation>Parameter anzeigen</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Generation parameters</source>
        <translation>Generierungsparameter</translation>
    </message>
    <message>
        <source>Scan model folders</source>
        <translation>Modellordner durchsuchen</translation>
    </message>
    <message>
        <source>Rescan</source>
        <translation>Neu einlesen</translation>
    </message>
    <message>
        <source>Look for models and LoRAs in the model folders again (Settings)</source>
        <translation>Modelle und LoRAs in den Modellordnern erneut suchen (Einstellungen)</translation>
    </message>
    <message>
        <source>Fast (4 steps)</source>
        <translation>Schnell (4 Schritte)</translation>
    </message>
    <message>
        <source>4 LCM steps at CFG 1 (one UNet pass per step), with an LCM-LoRA from the library stacked on your LoRA when there is one</source>
        <translation>4 LCM-Schritte bei CFG 1 (ein UNet-Durchlauf pro Schritt), mit einer LCM-LoRA aus der Bibliothek auf Ihrer LoRA, wenn vorhanden</translation>
    </message>
    <message>
        <source>Save spec...</source>
        <translation>Spezifikation speichern...</translation>
    </message>
    <message>
        <source>Save this grid as a spec file: advariant-cli grid renders it, whole or sharded on a render farm</source>
        <translation>Dieses Raster als Spezifikation speichern: advariant-cli grid rendert es, ganz oder aufgeteilt auf einer Renderfarm</translation>
    </message>
    <message>
        <source>Open spec...</source>
        <translation>Spezifikation öffnen...</translation>
    </message>
    <message>
        <source>From PNG...</source>
        <translation>Aus PNG...</translation>
    </message>
    <message>
        <source>Use the parameters of a rendered PNG (this studio's or AUTOMATIC1111's)</source>
        <translation>Die Parameter eines gerenderten PNG verwenden (aus diesem Studio oder AUTOMATIC1111)</translation>
    </message>
    <message>
        <source>Parameters from PNG</source>
        <translation>Parameter aus PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Thumbnail size</source>
        <translation>Vorschaugröße</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message numerus="yes">
        <source>%n rendered cell(s) from the project</source>
        <translation>
            <numerusform>%n gerenderte Zelle aus dem Projekt</numerusform>
            <numerusform>%n gerenderte Zellen aus dem Projekt</numerusform>
        </translation>
    </message>
    <message>
        <source>Fast: 4 LCM steps at CFG 1 with %1</source>
        <translation>Schnell: 4 LCM-Schritte bei CFG 1 mit %1</translation>
    </message>
    <message>
        <source>Fast: 4 LCM steps at CFG 1; no LCM-LoRA in the model folders, so expect rougher pictures</source>
        <translation>Schnell: 4 LCM-Schritte bei CFG 1; keine LCM-LoRA in den Modellordnern, die Bilder werden gröber</translation>
    </message>
    <message>
        <source>Save grid spec</source>
        <translation>Rasterspezifikation speichern</translation>
    </message>
    <message>
        <source>Grid spec (*.json)</source>
        <translation>Rasterspezifikation (*.json)</translation>
    </message>
    <message>
        <source>Grid spec saved: render it anywhere with advariant-cli grid --spec %1</source>
        <translation>Rasterspezifikation gespeichert: überall renderbar mit advariant-cli grid --spec %1</translation>
    </message>
    <message>
        <source>Open grid spec</source>
        <translation>Rasterspezifikation öffnen</translation>
    </message>
    <message>
        <source>Loading model %1...</source>
        <translation>Modell %1 wird geladen...</translation>
    </message>
    <message>
        <source>(embedded)</source>
        <translation>(eingebettet)</translation>
    </message>
    <message>
        <source>Model failed: %1</source>
        <translation>Modell fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>sampler %1</source>
        <translation>Sampler %1</translation>
    </message>
    <message>
        <source>model %1 [%2]</source>
        <translation>Modell %1 [%2]</translation>
    </message>
    <message>
        <source>LoRA %1 [%2]</source>
        <translation>LoRA %1 [%2]</translation>
    </message>
    <message numerus="yes">
        <source>%n more LoRA(s) (one LoRA per grid)</source>
        <translation>
            <numerusform>%n weitere LoRA (eine LoRA pro Raster)</numerusform>
            <numerusform>%n weitere LoRAs (eine LoRA pro Raster)</numerusform>
        </translation>
    </message>
    <message>
        <source>Parameters recalled: seed %1, %2, %3 steps, CFG %4</source>
        <translation>Parameter übernommen: Seed %1, %2, %3 Schritte, CFG %4</translation>
    </message>
    <message>
        <source>Not in the library: %1</source>
        <translation>Nicht in der Bibliothek: %1</translation>
    </message>
    <message>
        <source>Use these parameters</source>
        <translation>Diese Parameter verwenden</translation>
    </message>
    <message>
        <source>Render %1 × %2, seed %3</source>
        <translation>Rendern %1 × %2, Seed %3</translation>
    </message>
    <message>
        <source>, LoRA off</source>
        <translation>, LoRA aus</translation>
    </message>
    <message>
        <source>Products:</source>
        <translation>Produkte:</translation>
    </message>
    <message>
        <source>Render product %1 × %2, seed %3</source>
        <translation>Produkt rendern %1 × %2, Seed %3</translation>
    </message>
    <message>
        <source>Hires</source>
        <translation>Hires</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Hires fix for text rows: render at the model&apos;s size, enlarge by this factor and redraw the detail (image-to-image at strength %1), so large ads start from generated pixels. Takes about (factor² + 1) times as long.</source>
        <translation>Hires-Fix für Textzeilen: in der Größe des Modells rendern, um diesen Faktor vergrößern und die Details neu zeichnen (Bild-zu-Bild mit Stärke %1), damit große Anzeigen aus generierten Pixeln entstehen. Dauert etwa (Faktor² + 1)-mal so lange.</translation>
    </message>
</context>
<context>
    <name>adv::ui::JobsDock</name>
    <message>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Arbeitsbereich</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Cancel All</source>
        <translation>Alle abbrechen</translation>
    </message>
    <message>
        <source>Cancels every queued and running job.</source>
        <translation>Bricht alle wartenden und laufenden Aufträge ab.</translation>
    </message>
    <message>
        <source>Clear Finished</source>
        <translation>Beendete entfernen</translation>
    </message>
    <message>
        <source>Cancel this job</source>
        <translation>Diesen Auftrag abbrechen</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation>Läuft: %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Jobs (%1 active)</source>
        <translation>Aufträge (%1 aktiv)</translation>
    </message>
</context>
<context>
    <name>adv::ui::BrandPanel</name>
    <message>
        <source>Brand layer: logo, headline and button inside each safe zone</source>
        <translation>Markenebene: Logo, Überschrift und Button innerhalb jeder Sicherheitszone</translation>
    </message>
    <message>
        <source>PNG with transparency or SVG</source>
        <translation>PNG mit Transparenz oder SVG</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source> % of the short side</source>
        <translation> % der kurzen Seite</translation>
    </message>
    <message>
        <source> % of the logo height</source>
        <translation> % der Logohöhe</translation>
    </message>
    <message>
        <source>Open kit...</source>
        <translation>Kit öffnen...</translation>
    </message>
    <message>
        <source>Save kit...</source>
        <translation>Kit speichern...</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Headline</source>
        <translation>Überschrift</translation>
    </message>
    <message>
        <source>Call to action</source>
        <translation>Handlungsaufforderung</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>Badge</translation>
    </message>
    <message>
        <source>Locale</source>
        <translation>Sprache/Region</translation>
    </message>
    <message>
        <source>Load copy sheet...</source>
        <translation>Texttabelle laden...</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>Zeile hinzufügen</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>Zeile entfernen</translation>
    </message>
    <message>
        <source>Brand:</source>
        <translation>Marke:</translation>
    </message>
    <message>
        <source>Logo:</source>
        <translation>Logo:</translation>
    </message>
    <message>
        <source>Logo clear space:</source>
        <translation>Logo-Schutzraum:</translation>
    </message>
    <message>
        <source>Font:</source>
        <translation>Schrift:</translation>
    </message>
    <message>
        <source>Button</source>
        <translation>Button</translation>
    </message>
    <message>
        <source>Button text</source>
        <translation>Button-Text</translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation>Farben:</translation>
    </message>
    <message>
        <source>Headline size:</source>
        <translation>Überschriftgröße:</translation>
    </message>
    <message>
        <source>Headline lines:</source>
        <translation>Überschriftzeilen:</translation>
    </message>
    <message>
        <source>Copy (every approved image is exported once per row):</source>
        <translation>Texte (jedes freigegebene Bild wird einmal pro Zeile exportiert):</translation>
    </message>
    <message>
        <source>New season, new look</source>
        <translation>Neue Saison, neuer Look</translation>
    </message>
    <message>
        <source>Shop now</source>
        <translation>Jetzt kaufen</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <source>Logos (*.png *.svg *.jpg *.webp)</source>
        <translation>Logos (*.png *.svg *.jpg *.webp)</translation>
    </message>
    <message>
        <source>Open brand kit</source>
        <translation>Marken-Kit öffnen</translation>
    </message>
    <message>
        <source>Brand kits (*.json)</source>
        <translation>Marken-Kits (*.json)</translation>
    </message>
    <message>
        <source>Save brand kit</source>
        <translation>Marken-Kit speichern</translation>
    </message>
    <message>
        <source>Load copy sheet</source>
        <translation>Texttabelle laden</translation>
    </message>
    <message>
        <source>Copy sheets (*.csv)</source>
        <translation>Texttabellen (*.csv)</translation>
    </message>
    <message>
        <source>Brand kit %1 opened.</source>
        <translation>Marken-Kit %1 geöffnet.</translation>
    </message>
    <message>
        <source>Brand kit saved to %1.</source>
        <translation>Marken-Kit gespeichert unter %1.</translation>
    </message>
    <message>
        <source>%1 copy rows loaded from %2.</source>
        <translation>%1 Textzeilen aus %2 geladen.</translation>
    </message>
</context>
<context>
    <name>adv::ui::ConfigFields</name>
    <message>
        <source>comma-separated</source>
        <translation>durch Kommas getrennt</translation>
    </message>
</context>
<context>
    <name>adv::ui::GalleryFilter</name>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
</context>
<context>
    <name>adv::ui::GalleryModel</name>
    <message>
        <source>%1 / %2 · seed %3
%4%5</source>
        <translation>%1 / %2 · Seed %3
%4%5</translation>
    </message>
    <message>
        <source>no LoRA</source>
        <translation>keine LoRA</translation>
    </message>
</context>
<context>
    <name>adv::ui::GalleryPage</name>
    <message>
        <source>Gallery</source>
        <translation>Galerie</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Freigegeben</translation>
    </message>
    <message>
        <source>Not approved</source>
        <translation>Nicht freigegeben</translation>
    </message>
    <message>
        <source>Use these parameters</source>
        <translation>Diese Parameter verwenden</translation>
    </message>
    <message>
        <source>Concept</source>
        <translation>Konzept</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Bedingung</translation>
    </message>
    <message>
        <source>LoRA</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>Freigabe</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Beliebig</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n render(s)</source>
        <translation>
            <numerusform>%1 von %n Bild</numerusform>
            <numerusform>%1 von %n Bildern</numerusform>
        </translation>
    </message>
    <message>
        <source>Show parameters</source>
        <translation>Parameter anzeigen</translation>
    </message>
    <message>
        <source>Generation parameters</source>
        <translation>Generierungsparameter</translation>
    </message>
    <message>
        <source>Copy file path</source>
        <translation>Dateipfad kopieren</translation>
    </message>
</context>
<context>
    <name>adv::ui::LibraryPicker</name>
    <message>
        <source>embedded model (or a model folder / .safetensors)</source>
        <translation>eingebettetes Modell (oder ein Modellordner / .safetensors)</translation>
    </message>
    <message>
        <source>no LoRA (or a LoRA .safetensors)</source>
        <translation>keine LoRA (oder eine LoRA-.safetensors)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
</context>
<context>
    <name>adv::ui::ProductsPanel</name>
    <message>
        <source>Product photos: each is a row of the grid; its product is kept, the background generated</source>
        <translation>Produktfotos: jedes ist eine Zeile des Rasters; das Produkt bleibt erhalten, der Hintergrund wird generiert</translation>
    </message>
    <message>
        <source>Add photos...</source>
        <translation>Fotos hinzufügen...</translation>
    </message>
    <message>
        <source>Mask...</source>
        <translation>Maske...</translation>
    </message>
    <message>
        <source>Show and correct what is kept as the product</source>
        <translation>Zeigen und korrigieren, was als Produkt erhalten bleibt</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>How much of the background is generated anew: 1 paints it from noise, lower keeps more of the photo&apos;s own backdrop</source>
        <translation>Wie viel des Hintergrunds neu generiert wird: 1 malt ihn aus Rauschen, weniger behält mehr vom Hintergrund des Fotos</translation>
    </message>
    <message>
        <source>Keep layout</source>
        <translation>Anordnung beibehalten</translation>
    </message>
    <message>
        <source>Leave the product where it is in the photo (else it stands centred, like a catalogue shot)</source>
        <translation>Das Produkt dort lassen, wo es im Foto ist (sonst steht es mittig wie in einer Katalogaufnahme)</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>Stärke</translation>
    </message>
    <message>
        <source>%1: not a readable picture</source>
        <translation>%1: kein lesbares Bild</translation>
    </message>
    <message>
        <source>mask: %1</source>
        <translation>Maske: %1</translation>
    </message>
    <message>
        <source>Product photos</source>
        <translation>Produktfotos</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.webp)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.webp)</translation>
    </message>
    <message>
        <source>Finding the product in %1...</source>
        <translation>Produkt in %1 wird gesucht...</translation>
    </message>
    <message>
        <source>Product mask of %1</source>
        <translation>Produktmaske von %1</translation>
    </message>
    <message>
        <source>%1: cannot create the folder</source>
        <translation>%1: Ordner kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>%1: the mask could not be written (%2)</source>
        <translation>%1: Die Maske konnte nicht geschrieben werden (%2)</translation>
    </message>
    <message>
        <source>no product named %1</source>
        <translation>kein Produkt namens %1</translation>
    </message>
    <message>
        <source>Feather</source>
        <translation>Weiche Kante</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>auto</translation>
    </message>
    <message>
        <source>How softly the product&apos;s edge meets the new background, inside its mask (0: a hard edge). The product&apos;s inner pixels stay the photo&apos;s exactly.</source>
        <translation>Wie weich der Rand des Produkts in den neuen Hintergrund übergeht, innerhalb seiner Maske (0: harte Kante). Die inneren Pixel des Produkts bleiben exakt die des Fotos.</translation>
    </message>
    <message>
        <source>From dataset...</source>
        <translation>Aus dem Datensatz...</translation>
    </message>
    <message>
        <source>Use garments of the open dataset as products: each is cut out with its mask</source>
        <translation>Kleidungsstücke des geöffneten Datensatzes als Produkte verwenden: jedes wird mit seiner Maske ausgeschnitten</translation>
    </message>
    <message>
        <source>Open a dataset in the Dataset workspace first</source>
        <translation>Zuerst im Bereich Datensatz einen Datensatz öffnen</translation>
    </message>
    <message>
        <source>Open a dataset in the Dataset workspace first.</source>
        <translation>Zuerst im Bereich Datensatz einen Datensatz öffnen.</translation>
    </message>
    <message>
        <source>Cutting out the garments...</source>
        <translation>Kleidungsstücke werden ausgeschnitten...</translation>
    </message>
    <message>
        <source>Products from the dataset</source>
        <translation>Produkte aus dem Datensatz</translation>
    </message>
    <message>
        <source>Added %1.</source>
        <translation>%1 hinzugefügt.</translation>
    </message>
    <message>
        <source>Not used (%1 of %2): %3</source>
        <translation>Nicht verwendet (%1 von %2): %3</translation>
    </message>
</context>
<context>
    <name>adv::ui::MaskEditor</name>
    <message>
        <source>Product mask: %1</source>
        <translation>Produktmaske: %1</translation>
    </message>
    <message>
        <source>Paint product</source>
        <translation>Produkt malen</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Radieren</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>Pinsel</translation>
    </message>
    <message>
        <source>Undo all edits</source>
        <translation>Alle Änderungen verwerfen</translation>
    </message>
    <message>
        <source>The product (bright) is kept pixel for pixel; everything dimmed is generated. Left button: the chosen tool; right button: the other one.</source>
        <translation>Das Produkt (hell) bleibt Pixel für Pixel erhalten; alles Abgedunkelte wird generiert. Linke Taste: das gewählte Werkzeug; rechte Taste: das andere.</translation>
    </message>
    <message>
        <source>Product: %1 % of the photo</source>
        <translation>Produkt: %1 % des Fotos</translation>
    </message>
</context>
<context>
    <name>adv::ui::InstancePicker</name>
    <message>
        <source>Products from the dataset</source>
        <translation>Produkte aus dem Datensatz</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Alle Kategorien</translation>
    </message>
    <message>
        <source>Whole items only</source>
        <translation>Nur ganze Stücke</translation>
    </message>
    <message>
        <source>Hide garment parts, closures and decorations (a sleeve, a zip, a bead)</source>
        <translation>Kleidungsteile, Verschlüsse und Verzierungen ausblenden (ein Ärmel, ein Reißverschluss, eine Perle)</translation>
    </message>
    <message>
        <source>search category, attribute, file</source>
        <translation>Kategorie, Attribut, Datei suchen</translation>
    </message>
    <message>
        <source>Choose a garment: it is kept pixel for pixel, the background is generated.</source>
        <translation>Ein Kleidungsstück wählen: es bleibt pixelgenau erhalten, der Hintergrund wird generiert.</translation>
    </message>
    <message>
        <source>Add as products</source>
        <translation>Als Produkte hinzufügen</translation>
    </message>
    <message>
        <source>Image file missing: %1</source>
        <translation>Bilddatei fehlt: %1</translation>
    </message>
    <message>
        <source>This instance&apos;s mask is malformed: %1</source>
        <translation>Die Maske dieser Instanz ist fehlerhaft: %1</translation>
    </message>
    <message>
        <source>%1 is %2x%3, the annotation file says %4x%5</source>
        <translation>%1 ist %2x%3, die Annotationsdatei sagt %4x%5</translation>
    </message>
</context>
</TS>