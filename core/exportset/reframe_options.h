// How a reframe fills canvas the render does not have. OpenCV-free: part of the core interface.
#pragma once

namespace adv::exportset {

enum class Fill { Blur, Mirror };

struct ReframeOptions {
    Fill fill = Fill::Blur;
    double padding = 0.04;  // extra room around the subject, fraction of its size
};

} // namespace adv::exportset
