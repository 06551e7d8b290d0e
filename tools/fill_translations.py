#!/usr/bin/env python3
"""Fill German and Spanish translations in translations/*.ts from the table
below. Run after lupdate, from the project root:
    /usr/lib/qt6/bin/lupdate ui app/gui -locations relative \
        -ts translations/advariant_de.ts translations/advariant_es.ts
(the update_translations target of Qt 6.4 is given folders and finds nothing). Strings without an entry stay unfinished, and Qt
shows the English source for them."""
import re
import sys
import xml.etree.ElementTree as ET

T = {
    "&File": ("&Datei", "&Archivo"),
    "&New Project": ("&Neues Projekt", "&Nuevo proyecto"),
    "&Open Project...": ("Projekt ö&ffnen...", "&Abrir proyecto..."),
    "Open &Recent": ("&Zuletzt geöffnet", "Abrir &reciente"),
    "&Save": ("&Speichern", "&Guardar"),
    "Save &As...": ("Speichern &unter...", "Guardar &como..."),
    "&Quit": ("&Beenden", "&Salir"),
    "&Edit": ("&Bearbeiten", "&Editar"),
    "&Undo": ("&Rückgängig", "&Deshacer"),
    "&Redo": ("&Wiederholen", "&Rehacer"),
    "&Settings...": ("&Einstellungen...", "&Preferencias..."),
    "&View": ("&Ansicht", "&Ver"),
    "&Help": ("&Hilfe", "A&yuda"),
    "&About AdVariant Studio": ("Ü&ber AdVariant Studio", "&Acerca de AdVariant Studio"),
    "About &Qt": ("Über &Qt", "Acerca de &Qt"),
    "Dataset": ("Datensatz", "Conjunto de datos"),
    "Pairs": ("Paare", "Pares"),
    "Training": ("Training", "Entrenamiento"),
    "Variants": ("Varianten", "Variantes"),
    "Export": ("Export", "Exportar"),
    "Device: %1": ("Gerät: %1", "Dispositivo: %1"),
    "Unsaved project": ("Ungespeichertes Projekt", "Proyecto sin guardar"),
    "Untitled": ("Unbenannt", "Sin título"),
    "Clear List": ("Liste leeren", "Vaciar lista"),
    "Settings": ("Einstellungen", "Preferencias"),
    "Model folders:": ("Modellordner:", "Carpetas de modelos:"),
    "Default model:": ("Standardmodell:", "Modelo predeterminado:"),
    "Output folder:": ("Ausgabeordner:", "Carpeta de salida:"),
    "Compute device:": ("Rechengerät:", "Dispositivo de cálculo:"),
    "CPU threads:": ("CPU-Threads:", "Hilos de CPU:"),
    "Language:": ("Sprache:", "Idioma:"),
    "System language": ("Systemsprache", "Idioma del sistema"),
    "Automatic": ("Automatisch", "Automático"),
    "Automatic (GPU when available)": ("Automatisch (GPU, falls vorhanden)", "Automático (GPU si está disponible)"),
    "Add...": ("Hinzufügen...", "Añadir..."),
    "Remove": ("Entfernen", "Quitar"),
    "Browse...": ("Durchsuchen...", "Examinar..."),
    "embedded model": ("eingebautes Modell", "modelo integrado"),
    "Unsaved changes": ("Ungespeicherte Änderungen", "Cambios sin guardar"),
    "Open Project": ("Projekt öffnen", "Abrir proyecto"),
    "Save Project": ("Projekt speichern", "Guardar proyecto"),
    "About AdVariant Studio": ("Über AdVariant Studio", "Acerca de AdVariant Studio"),
    "Third-party components:": ("Komponenten von Drittanbietern:", "Componentes de terceros:"),
    "Component": ("Komponente", "Componente"),
    "Licence": ("Lizenz", "Licencia"),
    "Used for": ("Verwendet für", "Uso"),
    "Start": ("Starten", "Iniciar"),
    "Pause": ("Pause", "Pausa"),
    "Resume": ("Fortsetzen", "Reanudar"),
    "Stop": ("Stopp", "Detener"),
    "Run": ("Lauf", "Ejecución"),
    "Base model:": ("Basismodell:", "Modelo base:"),
    "Training pairs:": ("Trainingspaare:", "Pares de entrenamiento:"),
    "Run folder:": ("Laufordner:", "Carpeta de ejecución:"),
    "Learning rate:": ("Lernrate:", "Tasa de aprendizaje:"),
    "Steps:": ("Schritte:", "Pasos:"),
    "Resolution:": ("Auflösung:", "Resolución:"),
    "Seed:": ("Seed:", "Semilla:"),
    "Validation prompts:": ("Validierungs-Prompts:", "Prompts de validación:"),
    "Validation images:": ("Validierungsbilder:", "Imágenes de validación:"),
    "Export CSV...": ("CSV exportieren...", "Exportar CSV..."),
    "Export PNG...": ("PNG exportieren...", "Exportar PNG..."),
    "Render grid": ("Raster rendern", "Renderizar cuadrícula"),
    "Cancel": ("Abbrechen", "Cancelar"),
    "Load model": ("Modell laden", "Cargar modelo"),
    "Concepts:": ("Konzepte:", "Conceptos:"),
    "Conditions:": ("Bedingungen:", "Condiciones:"),
    "Approve": ("Freigeben", "Aprobar"),
    "Unapprove": ("Freigabe aufheben", "Desaprobar"),
    "Re-roll": ("Neu würfeln", "Volver a generar"),
    "Copy seed": ("Seed kopieren", "Copiar semilla"),
    "Open full size": ("In voller Größe öffnen", "Abrir a tamaño completo"),
    "Accept": ("Annehmen", "Aceptar"),
    "Reject": ("Ablehnen", "Rechazar"),
    "Edit caption...": ("Beschriftung bearbeiten...", "Editar leyenda..."),
    "Use for training": ("Zum Training verwenden", "Usar para entrenar"),
    "Swap background": ("Hintergrund tauschen", "Cambiar fondo"),
    "Open dataset...": ("Datensatz öffnen...", "Abrir conjunto de datos..."),
    "Build pairs": ("Paare erstellen", "Crear pares"),
    "All categories": ("Alle Kategorien", "Todas las categorías"),
    "Any attribute": ("Beliebiges Attribut", "Cualquier atributo"),
    "Instances": ("Instanzen", "Instancias"),
    "Images": ("Bilder", "Imágenes"),
    "Mask opacity": ("Maskendeckkraft", "Opacidad de máscara"),
    "Outline only": ("Nur Umriss", "Solo contorno"),
    "Approved variants:": ("Freigegebene Varianten:", "Variantes aprobadas:"),
    "Output folder:": ("Ausgabeordner:", "Carpeta de salida:"),
    "Placement": ("Platzierung", "Ubicación"),
    "Size": ("Größe", "Tamaño"),
    "Budget": ("Budget", "Presupuesto"),
    "Safe zone": ("Sicherheitszone", "Zona segura"),
    "model's native size": ("native Größe des Modells", "tamaño nativo del modelo"),
    "embedded model (or a model folder / .safetensors)": ("eingebettetes Modell (oder Modellordner / .safetensors)", "modelo integrado (o carpeta de modelo / .safetensors)"),
    "diffusers folder or SD 1.x .safetensors (empty: embedded model)": ("diffusers-Ordner oder SD-1.x-.safetensors (leer: eingebettetes Modell)", "carpeta diffusers o .safetensors de SD 1.x (vacío: modelo integrado)"),
    "embedded model": ("eingebettetes Modell", "modelo integrado"),
    # --- second batch: dataset, pairs, training, variants, export, about, project errors ---
    "<h2>AdVariant Studio %1</h2><p>Turns a product catalogue into advertising creative with Stable Diffusion.</p><p>Copyright © 2026 the AdVariant Studio developers.<br>Licensed under the GNU General Public License, version 3 or later (GPL-3.0-or-later).</p><p>Compute: %2 — LibTorch %3, allocator %4</p>": (
        "<h2>AdVariant Studio %1</h2><p>Macht aus einem Produktkatalog Werbemotive mit Stable Diffusion.</p><p>Copyright © 2026 die Entwickler von AdVariant Studio.<br>Lizenziert unter der GNU General Public License, Version 3 oder neuer (GPL-3.0-or-later).</p><p>Berechnung: %2 — LibTorch %3, Allokator %4</p>",
        "<h2>AdVariant Studio %1</h2><p>Convierte un catálogo de productos en creatividades publicitarias con Stable Diffusion.</p><p>Copyright © 2026 los desarrolladores de AdVariant Studio.<br>Con licencia GNU General Public License, versión 3 o posterior (GPL-3.0-or-later).</p><p>Cálculo: %2 — LibTorch %3, asignador %4</p>"),
    "Composite the filtered garments onto the project's background conditions": (
        "Die gefilterten Kleidungsstücke auf die Hintergründe des Projekts montieren",
        "Componer las prendas filtradas sobre los fondos del proyecto"),
    "%1 of %2 instances": ("%1 von %2 Instanzen", "%1 de %2 instancias"),
    "min area ": ("min. Fläche ", "área mín. "),
    "search category, attribute, file": ("Kategorie, Attribut, Datei suchen", "buscar categoría, atributo, archivo"),
    "Instances per category": ("Instanzen je Kategorie", "Instancias por categoría"),
    "Instances per attribute (top 20)": ("Instanzen je Attribut (Top 20)", "Instancias por atributo (20 principales)"),
    "Instance size (square root of area, px)": ("Instanzgröße (Wurzel der Fläche, px)", "Tamaño de instancia (raíz del área, px)"),
    "Statistics of the filtered instances": ("Statistik der gefilterten Instanzen", "Estadísticas de las instancias filtradas"),
    "Open a Fashionpedia or COCO instance file.": ("Eine Fashionpedia- oder COCO-Instanzdatei öffnen.", "Abra un archivo de instancias Fashionpedia o COCO."),
    "Creating the sample dataset in %1...": ("Beispieldatensatz wird in %1 erstellt...", "Creando el conjunto de ejemplo en %1..."),
    "Annotation file": ("Annotationsdatei", "Archivo de anotaciones"),
    "COCO JSON (*.json)": ("COCO-JSON (*.json)", "JSON de COCO (*.json)"),
    "Image folder": ("Bildordner", "Carpeta de imágenes"),
    "Loading %1...": ("%1 wird geladen...", "Cargando %1..."),
    "%1: %2 images, %3 instances, %4 issues, %5 missing image files": (
        "%1: %2 Bilder, %3 Instanzen, %4 Probleme, %5 fehlende Bilddateien",
        "%1: %2 imágenes, %3 instancias, %4 problemas, %5 archivos de imagen ausentes"),
    "Open dataset": ("Datensatz öffnen", "Abrir conjunto de datos"),
    "instances": ("Instanzen", "instancias"),
    "Image file missing: %1": ("Bilddatei fehlt: %1", "Falta el archivo de imagen: %1"),
    "Open a dataset first.": ("Zuerst einen Datensatz öffnen.", "Abra primero un conjunto de datos."),
    "Building pairs in %1...": ("Paare werden in %1 erstellt...", "Creando pares en %1..."),
    "%1 pairs: %2": ("%1 Paare: %2", "%1 pares: %2"),
    "none": ("keine", "ninguno"),
    "Placements (from %1 platform plugins):": ("Platzierungen (aus %1 Plattform-Plugins):", "Ubicaciones (de %1 complementos de plataforma):"),
    "%1 approved variants": ("%1 freigegebene Varianten", "%1 variantes aprobadas"),
    "Approve variants and choose placements first.": ("Zuerst Varianten freigeben und Platzierungen wählen.", "Apruebe variantes y elija ubicaciones primero."),
    "Exporting %1 variants to %2 placements...": ("%1 Varianten werden für %2 Platzierungen exportiert...", "Exportando %1 variantes a %2 ubicaciones..."),
    "%1 files written, %2 over budget (not exported). Manifest: %3": (
        "%1 Dateien geschrieben, %2 über dem Budget (nicht exportiert). Manifest: %3",
        "%1 archivos escritos, %2 por encima del presupuesto (no exportados). Manifiesto: %3"),
    "ID": ("ID", "ID"),
    "Image": ("Bild", "Imagen"),
    "Category": ("Kategorie", "Categoría"),
    "Attributes": ("Attribute", "Atributos"),
    "Area": ("Fläche", "Área"),
    "Box": ("Rahmen", "Caja"),
    "LibTorch %1, allocator %2": ("LibTorch %1, Allokator %2", "LibTorch %1, asignador %2"),
    "%1%2 — AdVariant Studio": ("%1%2 — AdVariant Studio", "%1%2 — AdVariant Studio"),
    "AdVariant projects (*.advproj);;All files (*)": ("AdVariant-Projekte (*.advproj);;Alle Dateien (*)", "Proyectos de AdVariant (*.advproj);;Todos los archivos (*)"),
    "AdVariant projects (*.advproj)": ("AdVariant-Projekte (*.advproj)", "Proyectos de AdVariant (*.advproj)"),
    'The project "%1" has unsaved changes. Save them?': ('Das Projekt „%1“ hat ungespeicherte Änderungen. Speichern?', 'El proyecto «%1» tiene cambios sin guardar. ¿Guardarlos?'),
    "Build pairs from the Dataset workspace.": ("Paare im Arbeitsbereich Datensatz erstellen.", "Cree pares desde el espacio Conjunto de datos."),
    "Swap backgrounds": ("Hintergründe tauschen", "Cambiar fondos"),
    "Accept pairs": ("Paare annehmen", "Aceptar pares"),
    "Reject pairs": ("Paare ablehnen", "Rechazar pares"),
    "Caption": ("Bildunterschrift", "Descripción"),
    "Caption:": ("Bildunterschrift:", "Descripción:"),
    "Accept pair": ("Paar annehmen", "Aceptar par"),
    "Reject pair": ("Paar ablehnen", "Rechazar par"),
    "Edit caption": ("Bildunterschrift bearbeiten", "Editar descripción"),
    "Change %1": ("%1 ändern", "Cambiar %1"),
    "%1: cannot open (%2)": ("%1: kann nicht geöffnet werden (%2)", "%1: no se puede abrir (%2)"),
    "%1: not a valid project file (JSON error at byte %2: %3)": (
        "%1: keine gültige Projektdatei (JSON-Fehler bei Byte %2: %3)",
        "%1: no es un archivo de proyecto válido (error JSON en el byte %2: %3)"),
    '%1: not an AdVariant project (missing "format": "advariant-project")': (
        '%1: kein AdVariant-Projekt ("format": "advariant-project" fehlt)',
        '%1: no es un proyecto de AdVariant (falta "format": "advariant-project")'),
    "%1: written by a newer AdVariant Studio (project format %2, this version reads up to %3)": (
        "%1: von einem neueren AdVariant Studio geschrieben (Projektformat %2, diese Version liest bis %3)",
        "%1: escrito por un AdVariant Studio más reciente (formato %2, esta versión lee hasta %3)"),
    "%1: cannot write (%2)": ("%1: kann nicht geschrieben werden (%2)", "%1: no se puede escribir (%2)"),
    "%1: saving failed (%2); the previous file is unchanged": (
        "%1: Speichern fehlgeschlagen (%2); die bisherige Datei ist unverändert",
        "%1: error al guardar (%2); el archivo anterior no ha cambiado"),
    "user interface": ("Benutzeroberfläche", "interfaz de usuario"),
    "charts (the reason this program is GPL)": ("Diagramme (der Grund, warum dieses Programm GPL ist)", "gráficos (la razón por la que este programa es GPL)"),
    "neural network engine": ("Engine für neuronale Netze", "motor de redes neuronales"),
    "matrix products": ("Matrixprodukte", "productos de matrices"),
    "CPU convolutions (inside LibTorch)": ("CPU-Faltungen (in LibTorch)", "convoluciones en CPU (dentro de LibTorch)"),
    "image processing": ("Bildverarbeitung", "procesamiento de imágenes"),
    "logging": ("Protokollierung", "registro"),
    "formatting (used by spdlog)": ("Formatierung (von spdlog genutzt)", "formato (usado por spdlog)"),
    "JSON": ("JSON", "JSON"),
    "memory allocator": ("Speicherallokator", "asignador de memoria"),
    "PNG metadata checksums": ("Prüfsummen der PNG-Metadaten", "sumas de comprobación de metadatos PNG"),
    "garment category and attribute names (Jia et al., ECCV 2020)": (
        "Namen der Kleidungskategorien und Attribute (Jia et al., ECCV 2020)",
        "nombres de categorías y atributos de prendas (Jia et al., ECCV 2020)"),
    "weights are not shipped; the licence of the weights you load applies": (
        "Gewichte werden nicht mitgeliefert; es gilt die Lizenz der geladenen Gewichte",
        "los pesos no se incluyen; se aplica la licencia de los pesos que cargue"),
    "Choose a folder": ("Ordner wählen", "Elegir una carpeta"),
    "Choose a file": ("Datei wählen", "Elegir un archivo"),
    "no model loaded": ("kein Modell geladen", "ningún modelo cargado"),
    "cancelled": ("abgebrochen", "cancelado"),
    "Folder with models": ("Ordner mit Modellen", "Carpeta con modelos"),
    "A diffusers folder or an SD 1.x .safetensors file. Empty: the model shipped with the studio.": (
        "Ein diffusers-Ordner oder eine SD-1.x-.safetensors-Datei. Leer: das mit dem Studio gelieferte Modell.",
        "Una carpeta diffusers o un archivo .safetensors de SD 1.x. Vacío: el modelo incluido con el estudio."),
    "CPU": ("CPU", "CPU"),
    "CUDA GPU": ("CUDA-GPU", "GPU CUDA"),
    "The studio restarts its windows in the new language the next time it starts.": (
        "Das Studio erscheint beim nächsten Start in der neuen Sprache.",
        "El estudio aparecerá en el nuevo idioma la próxima vez que se inicie."),
    "image file missing": ("Bilddatei fehlt", "falta el archivo de imagen"),
    "pairs manifest.jsonl": ("Paar-Manifest manifest.jsonl", "manifiesto de pares manifest.jsonl"),
    "Rank / alpha:": ("Rang / Alpha:", "Rango / alfa:"),
    "Schedule / warm-up:": ("Verlauf / Aufwärmen:", "Programa / calentamiento:"),
    "Batch:": ("Batch:", "Lote:"),
    "Checkpoint every:": ("Checkpoint alle:", "Punto de control cada:"),
    "Validate every:": ("Validieren alle:", "Validar cada:"),
    "Export metrics": ("Metriken exportieren", "Exportar métricas"),
    "CSV (*.csv)": ("CSV (*.csv)", "CSV (*.csv)"),
    "Export chart": ("Diagramm exportieren", "Exportar gráfico"),
    "PNG (*.png)": ("PNG (*.png)", "PNG (*.png)"),
    "Idle": ("Bereit", "Inactivo"),
    "Earlier runs (double-click to open):": ("Frühere Läufe (Doppelklick zum Öffnen):", "Ejecuciones anteriores (doble clic para abrir):"),
    "Open run": ("Lauf öffnen", "Abrir ejecución"),
    "loss": ("Verlust", "pérdida"),
    "smoothed loss": ("geglätteter Verlust", "pérdida suavizada"),
    "learning rate": ("Lernrate", "tasa de aprendizaje"),
    "step": ("Schritt", "paso"),
    "Finished: %1": ("Fertig: %1", "Terminado: %1"),
    "Stopped": ("Angehalten", "Detenido"),
    "Failed: %1": ("Fehlgeschlagen: %1", "Falló: %1"),
    "Preparing data...": ("Daten werden vorbereitet...", "Preparando datos..."),
    "paused": ("pausiert", "en pausa"),
    "resumed": ("fortgesetzt", "reanudado"),
    "Step %1 / %2 — %3 it/s — ETA %4 s — loss %5": (
        "Schritt %1 / %2 — %3 it/s — noch %4 s — Verlust %5",
        "Paso %1 / %2 — %3 it/s — faltan %4 s — pérdida %5"),
    "step %1": ("Schritt %1", "paso %1"),
    "Run %1: %2 steps": ("Lauf %1: %2 Schritte", "Ejecución %1: %2 pasos"),
    "negative prompt": ("negativer Prompt", "prompt negativo"),
    "LoRA .safetensors (optional)": ("LoRA-.safetensors (optional)", "LoRA .safetensors (opcional)"),
    "Compare with LoRA off": ("Mit abgeschalteter LoRA vergleichen", "Comparar sin LoRA"),
    "No model loaded": ("Kein Modell geladen", "Ningún modelo cargado"),
    "Model:": ("Modell:", "Modelo:"),
    "Negative:": ("Negativ:", "Negativo:"),
    "Seeds/cell": ("Seeds/Zelle", "Semillas/celda"),
    "First seed": ("Erster Seed", "Primera semilla"),
    "Steps": ("Schritte", "Pasos"),
    "CFG": ("CFG", "CFG"),
    "Sampler": ("Sampler", "Muestreador"),
    "LoRA:": ("LoRA:", "LoRA:"),
    "Model %1 (%2 px)": ("Modell %1 (%2 px)", "Modelo %1 (%2 px)"),
    "Model failed": ("Modell fehlgeschlagen", "Error del modelo"),
    "failed": ("fehlgeschlagen", "falló"),
    "Loading model...": ("Modell wird geladen...", "Cargando modelo..."),
    " (no LoRA)": (" (ohne LoRA)", " (sin LoRA)"),
    "missing": ("fehlt", "falta"),
    "Approve / unapprove selected": ("Auswahl freigeben / Freigabe aufheben", "Aprobar / desaprobar la selección"),
    "Approve %1 / %2 / %3": ("%1 / %2 / %3 freigeben", "Aprobar %1 / %2 / %3"),
    "Unapprove %1 / %2 / %3": ("Freigabe von %1 / %2 / %3 aufheben", "Desaprobar %1 / %2 / %3"),
    "queued": ("in der Warteschlange", "en cola"),
    "rendering": ("wird gerendert", "renderizando"),
    "Cancelled": ("Abgebrochen", "Cancelado"),
    "approved": ("freigegeben", "aprobado"),
    "%1 / %2 rendered (%3 s per image)": ("%1 / %2 gerendert (%3 s pro Bild)", "%1 / %2 renderizadas (%3 s por imagen)"),
    "Show parameters": ("Parameter anzeigen", "Mostrar parámetros"),
    "Generation parameters": ("Generierungsparameter", "Parámetros de generación"),
    "Language": ("Sprache", "Idioma"),
    "The new language applies when AdVariant Studio starts again.": (
        "Die neue Sprache gilt, sobald AdVariant Studio neu startet.",
        "El nuevo idioma se aplica cuando AdVariant Studio se vuelva a iniciar."),
    "Restart Now": ("Jetzt neu starten", "Reiniciar ahora"),
    "Later": ("Später", "Más tarde"),
    "Stop the training run and the render queue first.": (
        "Zuerst den Trainingslauf und die Render-Warteschlange anhalten.",
        "Detenga primero el entrenamiento y la cola de renderizado."),
    "Could not start %1.": ("%1 konnte nicht gestartet werden.", "No se pudo iniciar %1."),
    "%1 × %2, seed %3\n%4": ("%1 × %2, Seed %3\n%4", "%1 × %2, semilla %3\n%4"),
}


def fill(path, idx):
    tree = ET.parse(path)
    # lupdate (Qt 6.4) does not understand "namespace adv::ui {": it records the bare class
    # name, while tr() looks the string up under the class's full name.
    # After the renaming, lupdate sees those contexts as gone (their messages "vanished")
    # and adds them again under the bare name: drop the vanished copies, merge by name.
    root = tree.getroot()
    merged = {}
    for ctx in list(root.findall("context")):
        for msg in list(ctx.findall("message")):
            if msg.find("translation").get("type") in ("vanished", "obsolete"):
                ctx.remove(msg)
        name = ctx.find("name")
        if name.text != "QObject" and not name.text.startswith("adv::"):
            name.text = "adv::ui::" + name.text
        if not ctx.findall("message"):
            root.remove(ctx)
        elif name.text in merged:
            for msg in ctx.findall("message"):
                merged[name.text].append(msg)
            root.remove(ctx)
        else:
            merged[name.text] = ctx
    n = 0
    for msg in tree.iter("message"):
        src = msg.find("source").text or ""
        tr = msg.find("translation")
        if src in T:
            tr.text = T[src][idx]
            tr.attrib.pop("type", None)
            n += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return n


if __name__ == "__main__":
    print("de:", fill("translations/advariant_de.ts", 0))
    print("es:", fill("translations/advariant_es.ts", 1))
