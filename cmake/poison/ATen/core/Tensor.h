// Poison header: first on the include path of ui/, plugins/ and the core interface.
#error "LibTorch reached from ui/, plugins/ or a core interface header (advariant::core_api must stay torch-free)"
