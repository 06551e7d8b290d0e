// How a reframe fills canvas the render does not have. OpenCV-free: part of the core interface.
#pragma once

namespace adv::exportset {

// Blur and Mirror fill at once; Outpaint fills like Blur first, then the export generates the new canvas by
// inpainting (exportset/outpaint.h) when it was given a model, keeping the picture's own pixels.
enum class Fill { Blur, Mirror, Outpaint };

struct ReframeOptions {
    Fill fill = Fill::Blur;
    double padding = 0.04;  // extra room around the subject, fraction of its size
};

} // namespace adv::exportset
