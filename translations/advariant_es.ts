<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es_ES">
<context>
    <name>adv::ui::AboutDialog</name>
    <message>
        <location filename="../ui/about_dialog.cpp" line="+35" />
        <source>About AdVariant Studio</source>
        <translation>Acerca de AdVariant Studio</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&lt;h2&gt;AdVariant Studio %1&lt;/h2&gt;&lt;p&gt;Turns a product catalogue into advertising creative with Stable Diffusion.&lt;/p&gt;&lt;p&gt;Copyright © 2026 the AdVariant Studio developers.&lt;br&gt;Licensed under the GNU General Public License, version 3 or later (GPL-3.0-or-later).&lt;/p&gt;&lt;p&gt;Compute: %2 — LibTorch %3, allocator %4&lt;/p&gt;</source>
        <translation>&lt;h2&gt;AdVariant Studio %1&lt;/h2&gt;&lt;p&gt;Convierte un catálogo de productos en creatividades publicitarias con Stable Diffusion.&lt;/p&gt;&lt;p&gt;Copyright © 2026 los desarrolladores de AdVariant Studio.&lt;br&gt;Con licencia GNU General Public License, versión 3 o posterior (GPL-3.0-or-later).&lt;/p&gt;&lt;p&gt;Cálculo: %2 — LibTorch %3, asignador %4&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Third-party components:</source>
        <translation>Componentes de terceros:</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Component</source>
        <translation>Componente</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Licence</source>
        <translation>Licencia</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Used for</source>
        <translation>Uso</translation>
    </message>
</context>
<context>
    <name>adv::ui::DatasetPage</name>
    <message>
        <location filename="../ui/dataset_page.cpp" line="+46" />
        <source>Dataset</source>
        <translation>Conjunto de datos</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Open dataset...</source>
        <translation>Abrir conjunto de datos...</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Build pairs</source>
        <translation>Crear pares</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Composite the filtered garments onto the project's background conditions</source>
        <translation>Componer las prendas filtradas sobre los fondos del proyecto</translation>
    </message>
    <message>
        <location line="+3" />
        <source>All categories</source>
        <translation>Todas las categorías</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+6" />
        <source>%1 of %2 instances</source>
        <translation>%1 de %2 instancias</translation>
    </message>
    <message>
        <location line="-3" />
        <source>Any attribute</source>
        <translation>Cualquier atributo</translation>
    </message>
    <message>
        <location line="+7" />
        <source>min area </source>
        <translation>área mín. </translation>
    </message>
    <message>
        <location line="+3" />
        <source>search category, attribute, file</source>
        <translation>buscar categoría, atributo, archivo</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Outline only</source>
        <translation>Solo contorno</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Instances per category</source>
        <translation>Instancias por categoría</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Instances per attribute (top 20)</source>
        <translation>Instancias por atributo (20 principales)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Instance size (square root of area, px)</source>
        <translation>Tamaño de instancia (raíz del área, px)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Statistics of the filtered instances</source>
        <translation>Estadísticas de las instancias filtradas</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Mask opacity</source>
        <translation>Opacidad de máscara</translation>
    </message>
    <message>
        <location line="+22" />
        <source>Instances</source>
        <translation>Instancias</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Images</source>
        <translation>Imágenes</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Open a Fashionpedia or COCO instance file.</source>
        <translation>Abra un archivo de instancias Fashionpedia o COCO.</translation>
    </message>
    <message>
        <location line="+40" />
        <source>Creating the sample dataset in %1...</source>
        <translation>Creando el conjunto de ejemplo en %1...</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Annotation file</source>
        <translation>Archivo de anotaciones</translation>
    </message>
    <message>
        <location line="+0" />
        <source>COCO JSON (*.json)</source>
        <translation>JSON de COCO (*.json)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Image folder</source>
        <translation>Carpeta de imágenes</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Loading %1...</source>
        <translation>Cargando %1...</translation>
    </message>
    <message>
        <location line="+19" />
        <source>%1: %2 images, %3 instances, %4 issues, %5 missing image files</source>
        <translation>%1: %2 imágenes, %3 instancias, %4 problemas, %5 archivos de imagen ausentes</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Open dataset</source>
        <translation>Abrir conjunto de datos</translation>
    </message>
    <message>
        <location line="+50" />
        <source>instances</source>
        <translation>instancias</translation>
    </message>
    <message>
        <location line="+59" />
        <source>Image file missing: %1</source>
        <translation>Falta el archivo de imagen: %1</translation>
    </message>
    <message>
        <location line="+43" />
        <source>Open a dataset first.</source>
        <translation>Abra primero un conjunto de datos.</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Building pairs in %1...</source>
        <translation>Creando pares en %1...</translation>
    </message>
    <message>
        <location line="+5" />
        <source>%1 pairs: %2</source>
        <translation>%1 pares: %2</translation>
    </message>
    <message>
        <source>Create the sample dataset</source>
        <translation>Crear el conjunto de ejemplo</translation>
    </message>
    <message>
        <source>Load %1</source>
        <translation>Cargar %1</translation>
    </message>
    <message>
        <source>Building pairs: %1 / %2</source>
        <translation>Creando pares: %1 / %2</translation>
    </message>
    <message>
        <source>Use as products</source>
        <translation>Usar como productos</translation>
    </message>
    <message>
        <source>Keep the selected garments pixel for pixel in the Variants grid, each on generated backgrounds</source>
        <translation>Conservar las prendas seleccionadas píxel a píxel en la cuadrícula de variantes, cada una sobre fondos generados</translation>
    </message>
</context>
<context>
    <name>adv::ui::ExportPage</name>
    <message>
        <location filename="../ui/export_page.cpp" line="+24" />
        <location line="+37" />
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <location line="-27" />
        <source>Placement</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Budget</source>
        <translation>Presupuesto</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Safe zone</source>
        <translation>Zona segura</translation>
    </message>
    <message>
        <location line="+14" />
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <location line="+22" />
        <source>Approved variants:</source>
        <translation>Variantes aprobadas:</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Placements (from %1 platform plugins):</source>
        <translation>Ubicaciones (de %1 complementos de plataforma):</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Output folder:</source>
        <translation>Carpeta de salida:</translation>
    </message>
    <message>
        <location line="+11" />
        <source>%1 approved variants</source>
        <translation>%1 variantes aprobadas</translation>
    </message>
    <message>
        <location line="+34" />
        <source>Approve variants and choose placements first.</source>
        <translation>Apruebe variantes y elija ubicaciones primero.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Exporting %1 variants to %2 placements...</source>
        <translation>Exportando %1 variantes a %2 ubicaciones...</translation>
    </message>
    <message>
        <location line="+6" />
        <source>%1 files written, %2 over budget (not exported). Manifest: %3</source>
        <translation>%1 archivos escritos, %2 por encima del presupuesto (no exportados). Manifiesto: %3</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Approve a variant to see the layouts.</source>
        <translation>Apruebe una variante para ver los diseños.</translation>
    </message>
    <message>
        <source>Placements</source>
        <translation>Ubicaciones</translation>
    </message>
    <message>
        <source>Brand kit &amp;&amp; copy</source>
        <translation>Kit de marca &amp;&amp; textos</translation>
    </message>
    <message>
        <source>Rendering the preview...</source>
        <translation>Renderizando la vista previa...</translation>
    </message>
    <message>
        <source>Brand preview</source>
        <translation>Vista previa de marca</translation>
    </message>
    <message>
        <source>%1 placements.</source>
        <translation>%1 ubicaciones.</translation>
    </message>
    <message>
        <source>Exported %1 / %2: %3</source>
        <translation>Exportado %1 / %2: %3</translation>
    </message>
    <message>
        <source>Export cancelled; the files written so far are complete.</source>
        <translation>Exportación cancelada; los archivos escritos hasta ahora están completos.</translation>
    </message>
    <message>
        <source>Export %1 variants to %2 placements</source>
        <translation>Exportar %1 variantes a %2 ubicaciones</translation>
    </message>
    <message>
        <source>Last export: %1 files. Manifest: %2</source>
        <translation>Última exportación: %1 archivos. Manifiesto: %2</translation>
    </message>
    <message>
        <source>Blur the edges</source>
        <translation>Difuminar los bordes</translation>
    </message>
    <message>
        <source>Mirror the edges</source>
        <translation>Reflejar los bordes</translation>
    </message>
    <message>
        <source>Generate (outpainting)</source>
        <translation>Generar (outpainting)</translation>
    </message>
    <message>
        <source>When a placement needs more canvas than the picture has: blur or mirror its edges (instant), or let the model paint the new area with each variant&apos;s prompt, seed and LoRA, the picture itself kept pixel for pixel (seconds per placement on a GPU, longer on a CPU).</source>
        <translation>Cuando una ubicación necesita más lienzo del que tiene la imagen: difuminar o reflejar sus bordes (al instante), o dejar que el modelo pinte la zona nueva con el prompt, la semilla y el LoRA de cada variante, conservando la imagen píxel a píxel (segundos por ubicación en una GPU, más en una CPU).</translation>
    </message>
    <message>
        <source>Added canvas:</source>
        <translation>Lienzo añadido:</translation>
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
        <translation>Imagen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Attributes</source>
        <translation>Atributos</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Area</source>
        <translation>Área</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Box</source>
        <translation>Caja</translation>
    </message>
    <message>
        <source>Crowd region (iscrowd): a group of objects under one mask; pair building skips it unless asked.</source>
        <translation>Región de grupo (iscrowd): varios objetos bajo una máscara; la creación de pares la omite salvo que se pida.</translation>
    </message>
    <message>
        <source>%1 (crowd)</source>
        <translation>%1 (grupo)</translation>
    </message>
</context>
<context>
    <name>adv::ui::MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="+75" />
        <source>Pairs</source>
        <translation>Pares</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Device: %1</source>
        <translation>Dispositivo: %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>LibTorch %1, allocator %2</source>
        <translation>LibTorch %1, asignador %2</translation>
    </message>
    <message>
        <location line="+22" />
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location line="+9" />
        <source>&amp;New Project</source>
        <translation>&amp;Nuevo proyecto</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Open Project...</source>
        <translation>&amp;Abrir proyecto...</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open &amp;Recent</source>
        <translation>Abrir &amp;reciente</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save &amp;As...</source>
        <translation>Guardar &amp;como...</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location line="+7" />
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;About AdVariant Studio</source>
        <translation>&amp;Acerca de AdVariant Studio</translation>
    </message>
    <message>
        <location line="+1" />
        <source>About &amp;Qt</source>
        <translation>Acerca de &amp;Qt</translation>
    </message>
    <message>
        <location line="+8" />
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <location line="+6" />
        <source>&amp;Settings...</source>
        <translation>&amp;Preferencias...</translation>
    </message>
    <message>
        <location line="+47" />
        <source>%1%2 — AdVariant Studio</source>
        <translation>%1%2 — AdVariant Studio</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Unsaved project</source>
        <translation>Proyecto sin guardar</translation>
    </message>
    <message>
        <location line="+12" />
        <location line="+40" />
        <location line="+4" />
        <source>Open Project</source>
        <translation>Abrir proyecto</translation>
    </message>
    <message>
        <location line="-40" />
        <source>Clear List</source>
        <translation>Vaciar lista</translation>
    </message>
    <message>
        <location line="+37" />
        <source>AdVariant projects (*.advproj);;All files (*)</source>
        <translation>Proyectos de AdVariant (*.advproj);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location line="+10" />
        <location line="+7" />
        <location line="+6" />
        <source>Save Project</source>
        <translation>Guardar proyecto</translation>
    </message>
    <message>
        <location line="-5" />
        <source>AdVariant projects (*.advproj)</source>
        <translation>Proyectos de AdVariant (*.advproj)</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The project "%1" has unsaved changes. Save them?</source>
        <translation>El proyecto «%1» tiene cambios sin guardar. ¿Guardarlos?</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Sin título</translation>
    </message>
    <message>
        <source>Restore unsaved changes</source>
        <translation>Restaurar cambios sin guardar</translation>
    </message>
    <message>
        <source>AdVariant Studio did not close normally. The project &quot;%1&quot; has changes from %2 that were not saved. Restore them?</source>
        <translation>AdVariant Studio no se cerró correctamente. El proyecto &quot;%1&quot; tiene cambios de %2 que no se guardaron. ¿Restaurarlos?</translation>
    </message>
</context>
<context>
    <name>adv::ui::PairModel</name>
    <message>
        <location filename="../ui/pair_model.cpp" line="+68" />
        <source>%1 × %2, seed %3
%4</source>
        <translation>%1 × %2, semilla %3
%4</translation>
    </message>
</context>
<context>
    <name>adv::ui::PairsPage</name>
    <message>
        <location filename="../ui/pairs_page.cpp" line="+56" />
        <source>Pairs</source>
        <translation>Pares</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Build pairs from the Dataset workspace.</source>
        <translation>Cree pares desde el espacio Conjunto de datos.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Accept</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reject</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Edit caption...</source>
        <translation>Editar leyenda...</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Use for training</source>
        <translation>Usar para entrenar</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Swap background</source>
        <translation>Cambiar fondo</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Swap backgrounds</source>
        <translation>Cambiar fondos</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Accept pairs</source>
        <translation>Aceptar pares</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Reject pairs</source>
        <translation>Rechazar pares</translation>
    </message>
    <message>
        <location line="+78" />
        <source>Accept pair</source>
        <translation>Aceptar par</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Reject pair</source>
        <translation>Rechazar par</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Edit caption</source>
        <translation>Editar descripción</translation>
    </message>
    <message>
        <source>%1 × %2: %3 (%4 accepted)</source>
        <translation>%1 × %2: %3 (%4 aceptados)</translation>
    </message>
</context>
<context>
    <name>adv::ui::Project</name>
    <message>
        <location filename="../ui/project.cpp" line="+59" />
        <source>Untitled</source>
        <translation>Sin título</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Change %1</source>
        <translation>Cambiar %1</translation>
    </message>
    <message>
        <location line="+6" />
        <source>%1: cannot open (%2)</source>
        <translation>%1: no se puede abrir (%2)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>%1: not a valid project file (JSON error at byte %2: %3)</source>
        <translation>%1: no es un archivo de proyecto válido (error JSON en el byte %2: %3)</translation>
    </message>
    <message>
        <location line="+4" />
        <source>%1: not an AdVariant project (missing "format": "advariant-project")</source>
        <translation>%1: no es un proyecto de AdVariant (falta "format": "advariant-project")</translation>
    </message>
    <message>
        <location line="+5" />
        <source>%1: written by a newer AdVariant Studio (project format %2, this version reads up to %3)</source>
        <translation>%1: escrito por un AdVariant Studio más reciente (formato %2, esta versión lee hasta %3)</translation>
    </message>
    <message>
        <location line="+18" />
        <source>%1: cannot write (%2)</source>
        <translation>%1: no se puede escribir (%2)</translation>
    </message>
    <message>
        <location line="+7" />
        <source>%1: saving failed (%2); the previous file is unchanged</source>
        <translation>%1: error al guardar (%2); el archivo anterior no ha cambiado</translation>
    </message>
    <message>
        <source>%1: autosave failed (%2)</source>
        <translation>%1: falló el guardado automático (%2)</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/about_dialog.cpp" line="-36" />
        <source>user interface</source>
        <translation>interfaz de usuario</translation>
    </message>
    <message>
        <location line="+1" />
        <source>charts (the reason this program is GPL)</source>
        <translation>gráficos (la razón por la que este programa es GPL)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>neural network engine</source>
        <translation>motor de redes neuronales</translation>
    </message>
    <message>
        <location line="+1" />
        <source>matrix products</source>
        <translation>productos de matrices</translation>
    </message>
    <message>
        <location line="+1" />
        <source>CPU convolutions (inside LibTorch)</source>
        <translation>convoluciones en CPU (dentro de LibTorch)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>image processing</source>
        <translation>procesamiento de imágenes</translation>
    </message>
    <message>
        <location line="+1" />
        <source>logging</source>
        <translation>registro</translation>
    </message>
    <message>
        <location line="+1" />
        <source>formatting (used by spdlog)</source>
        <translation>formato (usado por spdlog)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location line="+1" />
        <source>memory allocator</source>
        <translation>asignador de memoria</translation>
    </message>
    <message>
        <location line="+1" />
        <source>PNG metadata checksums</source>
        <translation>sumas de comprobación de metadatos PNG</translation>
    </message>
    <message>
        <location line="+1" />
        <source>garment category and attribute names (Jia et al., ECCV 2020)</source>
        <translation>nombres de categorías y atributos de prendas (Jia et al., ECCV 2020)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>weights are not shipped; the licence of the weights you load applies</source>
        <translation>los pesos no se incluyen; se aplica la licencia de los pesos que cargue</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="+25" />
        <source>Browse...</source>
        <translation>Examinar...</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Choose a folder</source>
        <translation>Elegir una carpeta</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Choose a file</source>
        <translation>Elegir un archivo</translation>
    </message>
    <message>
        <location filename="../ui/pairs_page.cpp" line="-130" />
        <source>Swap background</source>
        <translation>Cambiar fondo</translation>
    </message>
    <message>
        <source>unexpected error</source>
        <translation>error inesperado</translation>
    </message>
    <message>
        <source>Targets: %1</source>
        <translation>Destinos: %1</translation>
    </message>
    <message>
        <source>Base model: %1</source>
        <translation>Modelo base: %1</translation>
    </message>
</context>
<context>
    <name>adv::ui::SettingsDialog</name>
    <message>
        <location filename="../ui/settings_dialog.cpp" line="+9" />
        <source>Settings</source>
        <translation>Preferencias</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Add...</source>
        <translation>Añadir...</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Folder with models</source>
        <translation>Carpeta con modelos</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Model folders:</source>
        <translation>Carpetas de modelos:</translation>
    </message>
    <message>
        <location line="+3" />
        <source>embedded model</source>
        <translation>modelo integrado</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A diffusers folder or an SD 1.x .safetensors file. Empty: the model shipped with the studio.</source>
        <translation>Una carpeta diffusers o un archivo .safetensors de SD 1.x. Vacío: el modelo incluido con el estudio.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Default model:</source>
        <translation>Modelo predeterminado:</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Output folder:</source>
        <translation>Carpeta de salida:</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Automatic (GPU when available)</source>
        <translation>Automático (GPU si está disponible)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location line="+1" />
        <source>CUDA GPU</source>
        <translation>GPU CUDA</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Compute device:</source>
        <translation>Dispositivo de cálculo:</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <location line="+2" />
        <source>CPU threads:</source>
        <translation>Hilos de CPU:</translation>
    </message>
    <message>
        <location line="+3" />
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The open windows switch to the new language at once.</source>
        <translation>Las ventanas abiertas cambian al nuevo idioma de inmediato.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
</context>
<context>
    <name>adv::ui::ThumbnailModel</name>
    <message>
        <location filename="../ui/thumbnails.cpp" line="+45" />
        <source>missing</source>
        <translation>falta</translation>
    </message>
    <message>
        <location line="+21" />
        <source>image file missing</source>
        <translation>falta el archivo de imagen</translation>
    </message>
</context>
<context>
    <name>adv::ui::TrainingPage</name>
    <message>
        <location filename="../ui/training_page.cpp" line="+45" />
        <location line="+214" />
        <source>Training</source>
        <translation>Entrenamiento</translation>
    </message>
    <message>
        <location line="-211" />
        <source>diffusers folder or SD 1.x .safetensors (empty: embedded model)</source>
        <translation>carpeta diffusers o .safetensors de SD 1.x (vacío: modelo integrado)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>pairs manifest.jsonl</source>
        <translation>manifiesto de pares manifest.jsonl</translation>
    </message>
    <message>
        <location line="+20" />
        <source>model's native size</source>
        <translation>tamaño nativo del modelo</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Base model:</source>
        <translation>Modelo base:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Training pairs:</source>
        <translation>Pares de entrenamiento:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Run folder:</source>
        <translation>Carpeta de ejecución:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Rank / alpha:</source>
        <translation>Rango / alfa:</translation>
    </message>
    <message>
        <source>Conv rank / alpha:</source>
        <translation>Rango / alfa conv:</translation>
    </message>
    <message>
        <source>off</source>
        <translation>no</translation>
    </message>
    <message>
        <source>= rank</source>
        <translation>= rango</translation>
    </message>
    <message>
        <source>LoCon: also adapt the UNet&apos;s ResNet convolutions, which draw texture and layout (new backgrounds, styles). 0 adapts the attention only.</source>
        <translation>LoCon: adaptar también las convoluciones ResNet del UNet, que dibujan textura y composición (fondos nuevos, estilos). 0 adapta solo la atención.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Learning rate:</source>
        <translation>Tasa de aprendizaje:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Schedule / warm-up:</source>
        <translation>Programa / calentamiento:</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Steps:</source>
        <translation>Pasos:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Batch:</source>
        <translation>Lote:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Resolution:</source>
        <translation>Resolución:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Seed:</source>
        <translation>Semilla:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Checkpoint every:</source>
        <translation>Punto de control cada:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Validate every:</source>
        <translation>Validar cada:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Validation prompts:</source>
        <translation>Prompts de validación:</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+186" />
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <location line="-185" />
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Export CSV...</source>
        <translation>Exportar CSV...</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Export PNG...</source>
        <translation>Exportar PNG...</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Export metrics</source>
        <translation>Exportar métricas</translation>
    </message>
    <message>
        <location line="+0" />
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Export chart</source>
        <translation>Exportar gráfico</translation>
    </message>
    <message>
        <location line="+0" />
        <source>PNG (*.png)</source>
        <translation>PNG (*.png)</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Idle</source>
        <translation>Inactivo</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Run</source>
        <translation>Ejecución</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Earlier runs (double-click to open):</source>
        <translation>Ejecuciones anteriores (doble clic para abrir):</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Open run</source>
        <translation>Abrir ejecución</translation>
    </message>
    <message>
        <location line="+7" />
        <location line="+9" />
        <source>loss</source>
        <translation>pérdida</translation>
    </message>
    <message>
        <location line="-6" />
        <source>smoothed loss</source>
        <translation>pérdida suavizada</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+4" />
        <source>learning rate</source>
        <translation>tasa de aprendizaje</translation>
    </message>
    <message>
        <location line="-2" />
        <source>step</source>
        <translation>paso</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Validation images:</source>
        <translation>Imágenes de validación:</translation>
    </message>
    <message>
        <location line="+103" />
        <source>Finished: %1</source>
        <translation>Terminado: %1</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Stopped</source>
        <translation>Detenido</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Failed: %1</source>
        <translation>Falló: %1</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Preparing data...</source>
        <translation>Preparando datos...</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <location line="+1" />
        <source>paused</source>
        <translation>en pausa</translation>
    </message>
    <message>
        <location line="+0" />
        <source>resumed</source>
        <translation>reanudado</translation>
    </message>
    <message>
        <location line="+32" />
        <source>Step %1 / %2 — %3 it/s — ETA %4 s — loss %5</source>
        <translation>Paso %1 / %2 — %3 it/s — faltan %4 s — pérdida %5</translation>
    </message>
    <message>
        <location line="+11" />
        <source>step %1</source>
        <translation>paso %1</translation>
    </message>
    <message>
        <location line="+36" />
        <source>Run %1: %2 steps</source>
        <translation>Ejecución %1: %2 pasos</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Avanzado</translation>
    </message>
    <message>
        <source>(choose a recipe...)</source>
        <translation>(elija una receta...)</translation>
    </message>
    <message>
        <source>Fills in a proven recipe (ranks, targets, learning rate, noise and loss options, steps); the model, pairs and run folder stay as they are.</source>
        <translation>Aplica una receta probada (rangos, destinos, tasa de aprendizaje, opciones de ruido y pérdida, pasos); el modelo, los pares y la carpeta de la ejecución no cambian.</translation>
    </message>
    <message>
        <source>Training preset</source>
        <translation>Plantilla de entrenamiento</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>Plantilla:</translation>
    </message>
    <message>
        <source>Load config...</source>
        <translation>Cargar configuración...</translation>
    </message>
    <message>
        <source>Save config...</source>
        <translation>Guardar configuración...</translation>
    </message>
    <message>
        <source>Resume...</source>
        <translation>Reanudar...</translation>
    </message>
    <message>
        <source>Continue an interrupted run from its newest checkpoint (as advariant-cli train --resume)</source>
        <translation>Continuar una ejecución interrumpida desde su último punto de control (como advariant-cli train --resume)</translation>
    </message>
    <message>
        <source>Load training config</source>
        <translation>Cargar configuración de entrenamiento</translation>
    </message>
    <message>
        <source>Training config (*.json)</source>
        <translation>Configuración de entrenamiento (*.json)</translation>
    </message>
    <message>
        <source>Save training config</source>
        <translation>Guardar configuración de entrenamiento</translation>
    </message>
    <message>
        <source>Resume run</source>
        <translation>Reanudar ejecución</translation>
    </message>
    <message>
        <source>a run is already going</source>
        <translation>ya hay una ejecución en curso</translation>
    </message>
    <message>
        <source>%1: no checkpoint to resume from</source>
        <translation>%1: no hay punto de control desde el que reanudar</translation>
    </message>
    <message>
        <source>Preset: %1</source>
        <translation>Plantilla: %1</translation>
    </message>
    <message>
        <source>Train %1</source>
        <translation>Entrenar %1</translation>
    </message>
    <message>
        <source>Fine-tune a LoRA on the pairs</source>
        <translation>Ajustar un LoRA con los pares</translation>
    </message>
    <message>
        <source>Distil an LCM-LoRA (Fast mode: 4 steps)</source>
        <translation>Destilar un LCM-LoRA (modo rápido: 4 pasos)</translation>
    </message>
    <message>
        <source>Latent consistency distillation: the base model, guided, teaches the LoRA to draw in 2 to 8 LCM steps at CFG 1. The pairs only supply pictures and captions; the base model is the teacher.</source>
        <translation>Destilación de consistencia latente: el modelo base, guiado, enseña al LoRA a dibujar en 2 a 8 pasos LCM con CFG 1. Los pares solo aportan imágenes y descripciones; el modelo base es el profesor.</translation>
    </message>
    <message>
        <source>Goal:</source>
        <translation>Objetivo:</translation>
    </message>
</context>
<context>
    <name>adv::ui::VariantGridModel</name>
    <message>
        <location filename="../ui/variant_grid_model.cpp" line="+123" />
        <source>queued</source>
        <translation>en cola</translation>
    </message>
    <message>
        <location line="+1" />
        <source>rendering</source>
        <translation>renderizando</translation>
    </message>
    <message>
        <location line="+1" />
        <source>failed</source>
        <translation>falló</translation>
    </message>
    <message>
        <location line="+1" />
        <source>approved</source>
        <translation>aprobado</translation>
    </message>
    <message>
        <location line="+43" />
        <source> (no LoRA)</source>
        <translation> (sin LoRA)</translation>
    </message>
    <message>
        <source>variant grid: %1 rows for %2 concepts</source>
        <translation>cuadrícula de variantes: %1 filas para %2 conceptos</translation>
    </message>
    <message>
        <source>variant grid: row %1 has %2 cells for %3 columns</source>
        <translation>cuadrícula de variantes: la fila %1 tiene %2 celdas para %3 columnas</translation>
    </message>
    <message>
        <source>variant grid: cell %1: %2</source>
        <translation>cuadrícula de variantes: celda %1: %2</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
</context>
<context>
    <name>adv::ui::VariantsPage</name>
    <message>
        <location filename="../ui/variants_page.cpp" line="+53" />
        <source>Variants</source>
        <translation>Variantes</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+106" />
        <source>Load model</source>
        <translation>Cargar modelo</translation>
    </message>
    <message>
        <location line="-99" />
        <source>negative prompt</source>
        <translation>prompt negativo</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Compare with LoRA off</source>
        <translation>Comparar sin LoRA</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Render grid</source>
        <translation>Renderizar cuadrícula</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+4" />
        <source>No model loaded</source>
        <translation>Ningún modelo cargado</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Model:</source>
        <translation>Modelo:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Concepts:</source>
        <translation>Conceptos:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Conditions:</source>
        <translation>Condiciones:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Negative:</source>
        <translation>Negativo:</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Seeds/cell</source>
        <translation>Semillas/celda</translation>
    </message>
    <message>
        <location line="+0" />
        <source>First seed</source>
        <translation>Primera semilla</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Steps</source>
        <translation>Pasos</translation>
    </message>
    <message>
        <location line="+0" />
        <source>CFG</source>
        <translation>CFG</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Sampler</source>
        <translation>Muestreador</translation>
    </message>
    <message>
        <location line="+9" />
        <source>LoRA:</source>
        <translation>LoRA:</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Approve / unapprove selected</source>
        <translation>Aprobar / desaprobar la selección</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Model %1 (%2 px)</source>
        <translation>Modelo %1 (%2 px)</translation>
    </message>
    <message>
        <location line="+69" />
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <location line="+7" />
        <source>%1 / %2 rendered (%3 s per image)</source>
        <translation>%1 / %2 renderizadas (%3 s por imagen)</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Approve %1 / %2 / %3</source>
        <translation>Aprobar %1 / %2 / %3</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Unapprove %1 / %2 / %3</source>
        <translation>Desaprobar %1 / %2 / %3</translation>
    </message>
    <message>
        <location line="+37" />
        <source>Unapprove</source>
        <translation>Desaprobar</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Approve</source>
        <translation>Aprobar</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Re-roll</source>
        <translation>Volver a generar</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Copy seed</source>
        <translation>Copiar semilla</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open full size</source>
        <translation>Abrir a tamaño completo</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Show parameters</source>
        <translation>Mostrar parámetros</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Generation parameters</source>
        <translation>Parámetros de generación</translation>
    </message>
    <message>
        <source>Scan model folders</source>
        <translation>Buscar en las carpetas de modelos</translation>
    </message>
    <message>
        <source>Rescan</source>
        <translation>Volver a buscar</translation>
    </message>
    <message>
        <source>Look for models and LoRAs in the model folders again (Settings)</source>
        <translation>Buscar de nuevo modelos y LoRAs en las carpetas de modelos (Ajustes)</translation>
    </message>
    <message>
        <source>Fast (4 steps)</source>
        <translation>Rápido (4 pasos)</translation>
    </message>
    <message>
        <source>4 LCM steps at CFG 1 (one UNet pass per step), with an LCM-LoRA from the library stacked on your LoRA when there is one</source>
        <translation>4 pasos LCM con CFG 1 (una pasada de UNet por paso), con una LCM-LoRA de la biblioteca sobre su LoRA cuando la haya</translation>
    </message>
    <message>
        <source>Save spec...</source>
        <translation>Guardar especificación...</translation>
    </message>
    <message>
        <source>Save this grid as a spec file: advariant-cli grid renders it, whole or sharded on a render farm</source>
        <translation>Guardar esta cuadrícula como especificación: advariant-cli grid la renderiza, entera o repartida en una granja de render</translation>
    </message>
    <message>
        <source>Open spec...</source>
        <translation>Abrir especificación...</translation>
    </message>
    <message>
        <source>From PNG...</source>
        <translation>Desde PNG...</translation>
    </message>
    <message>
        <source>Use the parameters of a rendered PNG (this studio's or AUTOMATIC1111's)</source>
        <translation>Usar los parámetros de un PNG renderizado (de este estudio o de AUTOMATIC1111)</translation>
    </message>
    <message>
        <source>Parameters from PNG</source>
        <translation>Parámetros desde PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <source>Thumbnail size</source>
        <translation>Tamaño de miniatura</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message numerus="yes">
        <source>%n rendered cell(s) from the project</source>
        <translation>
            <numerusform>%n celda renderizada del proyecto</numerusform>
            <numerusform>%n celdas renderizadas del proyecto</numerusform>
        </translation>
    </message>
    <message>
        <source>Fast: 4 LCM steps at CFG 1 with %1</source>
        <translation>Rápido: 4 pasos LCM con CFG 1 con %1</translation>
    </message>
    <message>
        <source>Fast: 4 LCM steps at CFG 1; no LCM-LoRA in the model folders, so expect rougher pictures</source>
        <translation>Rápido: 4 pasos LCM con CFG 1; no hay LCM-LoRA en las carpetas de modelos, las imágenes serán más toscas</translation>
    </message>
    <message>
        <source>Save grid spec</source>
        <translation>Guardar especificación de cuadrícula</translation>
    </message>
    <message>
        <source>Grid spec (*.json)</source>
        <translation>Especificación de cuadrícula (*.json)</translation>
    </message>
    <message>
        <source>Grid spec saved: render it anywhere with advariant-cli grid --spec %1</source>
        <translation>Especificación guardada: renderícela en cualquier sitio con advariant-cli grid --spec %1</translation>
    </message>
    <message>
        <source>Open grid spec</source>
        <translation>Abrir especificación de cuadrícula</translation>
    </message>
    <message>
        <source>Loading model %1...</source>
        <translation>Cargando el modelo %1...</translation>
    </message>
    <message>
        <source>(embedded)</source>
        <translation>(integrado)</translation>
    </message>
    <message>
        <source>Model failed: %1</source>
        <translation>Falló el modelo: %1</translation>
    </message>
    <message>
        <source>sampler %1</source>
        <translation>sampler %1</translation>
    </message>
    <message>
        <source>model %1 [%2]</source>
        <translation>modelo %1 [%2]</translation>
    </message>
    <message>
        <source>LoRA %1 [%2]</source>
        <translation>LoRA %1 [%2]</translation>
    </message>
    <message numerus="yes">
        <source>%n more LoRA(s) (one LoRA per grid)</source>
        <translation>
            <numerusform>%n LoRA más (una LoRA por cuadrícula)</numerusform>
            <numerusform>%n LoRAs más (una LoRA por cuadrícula)</numerusform>
        </translation>
    </message>
    <message>
        <source>Parameters recalled: seed %1, %2, %3 steps, CFG %4</source>
        <translation>Parámetros recuperados: semilla %1, %2, %3 pasos, CFG %4</translation>
    </message>
    <message>
        <source>Not in the library: %1</source>
        <translation>No está en la biblioteca: %1</translation>
    </message>
    <message>
        <source>Use these parameters</source>
        <translation>Usar estos parámetros</translation>
    </message>
    <message>
        <source>Render %1 × %2, seed %3</source>
        <translation>Renderizar %1 × %2, semilla %3</translation>
    </message>
    <message>
        <source>, LoRA off</source>
        <translation>, LoRA desactivada</translation>
    </message>
    <message>
        <source>Products:</source>
        <translation>Productos:</translation>
    </message>
    <message>
        <source>Render product %1 × %2, seed %3</source>
        <translation>Renderizar producto %1 × %2, semilla %3</translation>
    </message>
    <message>
        <source>Hires</source>
        <translation>Hires</translation>
    </message>
    <message>
        <source>off</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Hires fix for text rows: render at the model&apos;s size, enlarge by this factor and redraw the detail (image-to-image at strength %1), so large ads start from generated pixels. Takes about (factor² + 1) times as long.</source>
        <translation>Hires fix para filas de texto: renderiza al tamaño del modelo, amplía por este factor y redibuja el detalle (imagen a imagen con intensidad %1), para que los anuncios grandes partan de píxeles generados. Tarda unas (factor² + 1) veces más.</translation>
    </message>
</context>
<context>
    <name>adv::ui::JobsDock</name>
    <message>
        <source>Jobs</source>
        <translation>Trabajos</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Trabajo</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Espacio de trabajo</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <source>Cancel All</source>
        <translation>Cancelar todo</translation>
    </message>
    <message>
        <source>Cancels every queued and running job.</source>
        <translation>Cancela todos los trabajos en cola y en curso.</translation>
    </message>
    <message>
        <source>Clear Finished</source>
        <translation>Quitar terminados</translation>
    </message>
    <message>
        <source>Cancel this job</source>
        <translation>Cancelar este trabajo</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation>En curso: %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminado</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Falló: %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Jobs (%1 active)</source>
        <translation>Trabajos (%1 activos)</translation>
    </message>
</context>
<context>
    <name>adv::ui::BrandPanel</name>
    <message>
        <source>Brand layer: logo, headline and button inside each safe zone</source>
        <translation>Capa de marca: logotipo, titular y botón dentro de cada zona segura</translation>
    </message>
    <message>
        <source>PNG with transparency or SVG</source>
        <translation>PNG con transparencia o SVG</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Examinar...</translation>
    </message>
    <message>
        <source> % of the short side</source>
        <translation> % del lado corto</translation>
    </message>
    <message>
        <source> % of the logo height</source>
        <translation> % de la altura del logotipo</translation>
    </message>
    <message>
        <source>Open kit...</source>
        <translation>Abrir kit...</translation>
    </message>
    <message>
        <source>Save kit...</source>
        <translation>Guardar kit...</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Headline</source>
        <translation>Titular</translation>
    </message>
    <message>
        <source>Call to action</source>
        <translation>Llamada a la acción</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>Distintivo</translation>
    </message>
    <message>
        <source>Locale</source>
        <translation>Idioma/región</translation>
    </message>
    <message>
        <source>Load copy sheet...</source>
        <translation>Cargar hoja de textos...</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>Añadir fila</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>Quitar fila</translation>
    </message>
    <message>
        <source>Brand:</source>
        <translation>Marca:</translation>
    </message>
    <message>
        <source>Logo:</source>
        <translation>Logotipo:</translation>
    </message>
    <message>
        <source>Logo clear space:</source>
        <translation>Espacio libre del logotipo:</translation>
    </message>
    <message>
        <source>Font:</source>
        <translation>Fuente:</translation>
    </message>
    <message>
        <source>Button</source>
        <translation>Botón</translation>
    </message>
    <message>
        <source>Button text</source>
        <translation>Texto del botón</translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation>Colores:</translation>
    </message>
    <message>
        <source>Headline size:</source>
        <translation>Tamaño del titular:</translation>
    </message>
    <message>
        <source>Headline lines:</source>
        <translation>Líneas del titular:</translation>
    </message>
    <message>
        <source>Copy (every approved image is exported once per row):</source>
        <translation>Textos (cada imagen aprobada se exporta una vez por fila):</translation>
    </message>
    <message>
        <source>New season, new look</source>
        <translation>Nueva temporada, nuevo look</translation>
    </message>
    <message>
        <source>Shop now</source>
        <translation>Comprar ahora</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logotipo</translation>
    </message>
    <message>
        <source>Logos (*.png *.svg *.jpg *.webp)</source>
        <translation>Logotipos (*.png *.svg *.jpg *.webp)</translation>
    </message>
    <message>
        <source>Open brand kit</source>
        <translation>Abrir kit de marca</translation>
    </message>
    <message>
        <source>Brand kits (*.json)</source>
        <translation>Kits de marca (*.json)</translation>
    </message>
    <message>
        <source>Save brand kit</source>
        <translation>Guardar kit de marca</translation>
    </message>
    <message>
        <source>Load copy sheet</source>
        <translation>Cargar hoja de textos</translation>
    </message>
    <message>
        <source>Copy sheets (*.csv)</source>
        <translation>Hojas de textos (*.csv)</translation>
    </message>
    <message>
        <source>Brand kit %1 opened.</source>
        <translation>Kit de marca %1 abierto.</translation>
    </message>
    <message>
        <source>Brand kit saved to %1.</source>
        <translation>Kit de marca guardado en %1.</translation>
    </message>
    <message>
        <source>%1 copy rows loaded from %2.</source>
        <translation>%1 filas de texto cargadas de %2.</translation>
    </message>
</context>
<context>
    <name>adv::ui::ConfigFields</name>
    <message>
        <source>comma-separated</source>
        <translation>separados por comas</translation>
    </message>
</context>
<context>
    <name>adv::ui::GalleryFilter</name>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
</context>
<context>
    <name>adv::ui::GalleryModel</name>
    <message>
        <source>%1 / %2 · seed %3
%4%5</source>
        <translation>%1 / %2 · semilla %3
%4%5</translation>
    </message>
    <message>
        <source>no LoRA</source>
        <translation>sin LoRA</translation>
    </message>
</context>
<context>
    <name>adv::ui::GalleryPage</name>
    <message>
        <source>Gallery</source>
        <translation>Galería</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Aprobadas</translation>
    </message>
    <message>
        <source>Not approved</source>
        <translation>No aprobadas</translation>
    </message>
    <message>
        <source>Use these parameters</source>
        <translation>Usar estos parámetros</translation>
    </message>
    <message>
        <source>Concept</source>
        <translation>Concepto</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Condición</translation>
    </message>
    <message>
        <source>LoRA</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>Aprobación</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Cualquiera</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n render(s)</source>
        <translation>
            <numerusform>%1 de %n imagen</numerusform>
            <numerusform>%1 de %n imágenes</numerusform>
        </translation>
    </message>
    <message>
        <source>Show parameters</source>
        <translation>Mostrar parámetros</translation>
    </message>
    <message>
        <source>Generation parameters</source>
        <translation>Parámetros de generación</translation>
    </message>
    <message>
        <source>Copy file path</source>
        <translation>Copiar ruta del archivo</translation>
    </message>
</context>
<context>
    <name>adv::ui::LibraryPicker</name>
    <message>
        <source>embedded model (or a model folder / .safetensors)</source>
        <translation>modelo integrado (o una carpeta de modelo / .safetensors)</translation>
    </message>
    <message>
        <source>no LoRA (or a LoRA .safetensors)</source>
        <translation>sin LoRA (o un .safetensors de LoRA)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
</context>
<context>
    <name>adv::ui::ProductsPanel</name>
    <message>
        <source>Product photos: each is a row of the grid; its product is kept, the background generated</source>
        <translation>Fotos de producto: cada una es una fila de la cuadrícula; el producto se conserva y el fondo se genera</translation>
    </message>
    <message>
        <source>Add photos...</source>
        <translation>Añadir fotos...</translation>
    </message>
    <message>
        <source>Mask...</source>
        <translation>Máscara...</translation>
    </message>
    <message>
        <source>Show and correct what is kept as the product</source>
        <translation>Mostrar y corregir lo que se conserva como producto</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>How much of the background is generated anew: 1 paints it from noise, lower keeps more of the photo&apos;s own backdrop</source>
        <translation>Cuánto del fondo se genera de nuevo: 1 lo pinta desde ruido; menos conserva más del fondo de la foto</translation>
    </message>
    <message>
        <source>Keep layout</source>
        <translation>Mantener la composición</translation>
    </message>
    <message>
        <source>Leave the product where it is in the photo (else it stands centred, like a catalogue shot)</source>
        <translation>Dejar el producto donde está en la foto (si no, queda centrado, como en una foto de catálogo)</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>Intensidad</translation>
    </message>
    <message>
        <source>%1: not a readable picture</source>
        <translation>%1: no es una imagen legible</translation>
    </message>
    <message>
        <source>mask: %1</source>
        <translation>máscara: %1</translation>
    </message>
    <message>
        <source>Product photos</source>
        <translation>Fotos de producto</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.webp)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg *.webp)</translation>
    </message>
    <message>
        <source>Finding the product in %1...</source>
        <translation>Buscando el producto en %1...</translation>
    </message>
    <message>
        <source>Product mask of %1</source>
        <translation>Máscara de producto de %1</translation>
    </message>
    <message>
        <source>%1: cannot create the folder</source>
        <translation>%1: no se puede crear la carpeta</translation>
    </message>
    <message>
        <source>%1: the mask could not be written (%2)</source>
        <translation>%1: no se pudo escribir la máscara (%2)</translation>
    </message>
    <message>
        <source>no product named %1</source>
        <translation>no hay ningún producto llamado %1</translation>
    </message>
    <message>
        <source>Feather</source>
        <translation>Difuminado</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>auto</translation>
    </message>
    <message>
        <source>How softly the product&apos;s edge meets the new background, inside its mask (0: a hard edge). The product&apos;s inner pixels stay the photo&apos;s exactly.</source>
        <translation>Con qué suavidad el borde del producto se funde con el nuevo fondo, dentro de su máscara (0: borde duro). Los píxeles interiores del producto siguen siendo exactamente los de la foto.</translation>
    </message>
    <message>
        <source>From dataset...</source>
        <translation>Del conjunto de datos...</translation>
    </message>
    <message>
        <source>Use garments of the open dataset as products: each is cut out with its mask</source>
        <translation>Usar prendas del conjunto de datos abierto como productos: cada una se recorta con su máscara</translation>
    </message>
    <message>
        <source>Open a dataset in the Dataset workspace first</source>
        <translation>Primero abre un conjunto de datos en el área Conjunto de datos</translation>
    </message>
    <message>
        <source>Open a dataset in the Dataset workspace first.</source>
        <translation>Primero abre un conjunto de datos en el área Conjunto de datos.</translation>
    </message>
    <message>
        <source>Cutting out the garments...</source>
        <translation>Recortando las prendas...</translation>
    </message>
    <message>
        <source>Products from the dataset</source>
        <translation>Productos del conjunto de datos</translation>
    </message>
    <message>
        <source>Added %1.</source>
        <translation>Añadido: %1.</translation>
    </message>
    <message>
        <source>Not used (%1 of %2): %3</source>
        <translation>No usados (%1 de %2): %3</translation>
    </message>
</context>
<context>
    <name>adv::ui::MaskEditor</name>
    <message>
        <source>Product mask: %1</source>
        <translation>Máscara de producto: %1</translation>
    </message>
    <message>
        <source>Paint product</source>
        <translation>Pintar producto</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>Pincel</translation>
    </message>
    <message>
        <source>Undo all edits</source>
        <translation>Deshacer todos los cambios</translation>
    </message>
    <message>
        <source>The product (bright) is kept pixel for pixel; everything dimmed is generated. Left button: the chosen tool; right button: the other one.</source>
        <translation>El producto (claro) se conserva píxel a píxel; todo lo oscurecido se genera. Botón izquierdo: la herramienta elegida; botón derecho: la otra.</translation>
    </message>
    <message>
        <source>Product: %1 % of the photo</source>
        <translation>Producto: %1 % de la foto</translation>
    </message>
</context>
<context>
    <name>adv::ui::InstancePicker</name>
    <message>
        <source>Products from the dataset</source>
        <translation>Productos del conjunto de datos</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Todas las categorías</translation>
    </message>
    <message>
        <source>Whole items only</source>
        <translation>Solo prendas completas</translation>
    </message>
    <message>
        <source>Hide garment parts, closures and decorations (a sleeve, a zip, a bead)</source>
        <translation>Ocultar partes de prendas, cierres y adornos (una manga, una cremallera, una cuenta)</translation>
    </message>
    <message>
        <source>search category, attribute, file</source>
        <translation>buscar categoría, atributo, archivo</translation>
    </message>
    <message>
        <source>Choose a garment: it is kept pixel for pixel, the background is generated.</source>
        <translation>Elige una prenda: se conserva píxel a píxel y el fondo se genera.</translation>
    </message>
    <message>
        <source>Add as products</source>
        <translation>Añadir como productos</translation>
    </message>
    <message>
        <source>Image file missing: %1</source>
        <translation>Falta el archivo de imagen: %1</translation>
    </message>
    <message>
        <source>This instance&apos;s mask is malformed: %1</source>
        <translation>La máscara de esta instancia está mal formada: %1</translation>
    </message>
    <message>
        <source>%1 is %2x%3, the annotation file says %4x%5</source>
        <translation>%1 mide %2x%3, el archivo de anotaciones dice %4x%5</translation>
    </message>
</context>
</TS>