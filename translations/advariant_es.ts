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
        <location line="+12" />
        <location line="+7" />
        <location line="+7" />
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location line="-13" />
        <source>The new language applies when AdVariant Studio starts again.</source>
        <translation>El nuevo idioma se aplica cuando AdVariant Studio se vuelva a iniciar.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Restart Now</source>
        <translation>Reiniciar ahora</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Later</source>
        <translation>Más tarde</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Stop the training run and the render queue first.</source>
        <translation>Detenga primero el entrenamiento y la cola de renderizado.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Could not start %1.</source>
        <translation>No se pudo iniciar %1.</translation>
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
</context>
<context>
    <name>adv::ui::RenderWorker</name>
    <message>
        <location filename="../ui/workers.cpp" line="+32" />
        <source>no model loaded</source>
        <translation>ningún modelo cargado</translation>
    </message>
    <message>
        <location line="+11" />
        <source>cancelled</source>
        <translation>cancelado</translation>
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
        <source>The studio restarts its windows in the new language the next time it starts.</source>
        <translation>El estudio aparecerá en el nuevo idioma la próxima vez que se inicie.</translation>
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
</context>
<context>
    <name>adv::ui::VariantsPage</name>
    <message>
        <location filename="../ui/variants_page.cpp" line="+53" />
        <source>Variants</source>
        <translation>Variantes</translation>
    </message>
    <message>
        <location line="+3" />
        <source>embedded model (or a model folder / .safetensors)</source>
        <translation>modelo integrado (o carpeta de modelo / .safetensors)</translation>
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
        <location line="+17" />
        <source>LoRA .safetensors (optional)</source>
        <translation>LoRA .safetensors (opcional)</translation>
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
        <location line="+4" />
        <source>Model failed</source>
        <translation>Error del modelo</translation>
    </message>
    <message>
        <location line="+40" />
        <source>Loading model...</source>
        <translation>Cargando modelo...</translation>
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
</context>
</TS>