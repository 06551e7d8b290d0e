// SVG logos for brand kits: core has no SVG renderer, so both executables register Qt SVG's.
#pragma once

namespace adv::app {

// Installs the Qt SVG rasteriser as core's brand::svgRasterizer(). `headless`: the CLI has no
// QGuiApplication; one is made on first use with the offscreen platform (fonts inside SVGs need it).
void registerSvgLogos(bool headless);

} // namespace adv::app
