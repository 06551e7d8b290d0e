// Poison header: first on the include path of ui/, plugins/ and the core interface.
#error "OpenCV reached from ui/, plugins/ or a core interface header (advariant::core_api must stay OpenCV-free)"
