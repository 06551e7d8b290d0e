// How a garment is cut out and composited onto a background: the settings a pair
// set records per pair. OpenCV-free: part of the core interface (compositor.h does the work).
#pragma once

namespace adv::pairs {

struct CutoutOptions {
    double marginFraction = 0.05;  // of the larger box side
    double featherPx = 1.5;        // Gaussian sigma of the alpha edge
    bool refineGrabCut = false;    // OpenCV GrabCut seeded by the mask
};

enum class Placement { Centered, Jittered, Ground };

struct CompositeOptions {
    int width = 512, height = 512;
    Placement placement = Placement::Ground;
    double scale = 0.7;       // garment height / canvas height
    double jitter = 0.06;     // of the canvas size
    bool shadow = true;
    double harmonize = 0.15;  // 0 = off; pulls the garment's colour statistics towards the background
};

} // namespace adv::pairs
