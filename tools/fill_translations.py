#!/usr/bin/env python3
"""Fill German and Spanish translations in translations/*.ts from the table
below (run after lupdate). Strings without an entry stay unfinished, and Qt
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
}


def fill(path, idx):
    tree = ET.parse(path)
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
