// Model configurations, read from diffusers/transformers config.json files.
// Plain structs: no torch here, so ui/ and the CLI may include them.
#pragma once

#include <string>
#include <vector>

namespace adv {

struct ClipTextConfig {
    int vocabSize = 49408;
    int hiddenSize = 768;
    int intermediateSize = 3072;
    int numLayers = 12;
    int numHeads = 12;
    int maxPositions = 77;
    std::string hiddenAct = "quick_gelu";  // or "gelu"
    double layerNormEps = 1e-5;
    int eosTokenId = 2;                     // 2 = legacy: pooled token at argmax(ids)

    static ClipTextConfig fromFile(const std::string& path);
    static ClipTextConfig fromJsonText(const std::string& text, const std::string& origin);
    static ClipTextConfig sd15();
    std::string toJsonText() const;  // transformers' config.json
};

struct UNetConfig {
    int inChannels = 4;
    int outChannels = 4;
    std::vector<int> blockOutChannels{320, 640, 1280, 1280};
    std::vector<std::string> downBlockTypes{"CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D",
                                            "DownBlock2D"};
    std::vector<std::string> upBlockTypes{"UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D",
                                          "CrossAttnUpBlock2D"};
    std::string midBlockType = "UNetMidBlock2DCrossAttn";
    std::vector<int> layersPerBlock{2, 2, 2, 2};          // one per down block
    std::vector<int> numAttentionHeads{8, 8, 8, 8};       // heads per block (diffusers' attention_head_dim quirk)
    std::vector<int> transformerLayersPerBlock{1, 1, 1, 1};
    int crossAttentionDim = 768;
    int normNumGroups = 32;
    double normEps = 1e-5;
    bool flipSinToCos = true;
    int freqShift = 0;
    int downsamplePadding = 1;
    bool useLinearProjection = false;
    bool upcastAttention = false;
    double midBlockScaleFactor = 1.0;
    int sampleSize = 64;
    int convInKernel = 3;
    int convOutKernel = 3;

    int timeEmbedDim() const { return blockOutChannels.at(0) * 4; }
    static UNetConfig fromFile(const std::string& path);
    static UNetConfig fromJsonText(const std::string& text, const std::string& origin);
    static UNetConfig sd15();
    std::string toJsonText() const;  // diffusers' config.json
};

struct VaeConfig {
    int inChannels = 3;
    int outChannels = 3;
    std::vector<int> blockOutChannels{128, 256, 512, 512};
    int layersPerBlock = 2;
    int latentChannels = 4;
    int normNumGroups = 32;
    double scalingFactor = 0.18215;
    int sampleSize = 512;
    bool midBlockAddAttention = true;

    int downscale() const { return 1 << (static_cast<int>(blockOutChannels.size()) - 1); }
    static VaeConfig fromFile(const std::string& path);
    static VaeConfig fromJsonText(const std::string& text, const std::string& origin);
    static VaeConfig sd15();
    std::string toJsonText() const;
};

// Model shapes by name, for randomly initialised models: "sd15" or "tiny".
struct ModelShapes {
    UNetConfig unet;
    VaeConfig vae;
    ClipTextConfig text;
};
ModelShapes modelShapes(const std::string& name);  // throws Error for unknown names

// The scheduler_config.json fields the samplers use.
struct SchedulerConfig {
    int numTrainTimesteps = 1000;
    double betaStart = 0.00085;
    double betaEnd = 0.012;
    std::string betaSchedule = "scaled_linear";
    bool setAlphaToOne = false;
    int stepsOffset = 1;
    std::string predictionType = "epsilon";
    std::string className = "PNDMScheduler";

    static SchedulerConfig fromFile(const std::string& path);
    static SchedulerConfig fromJsonText(const std::string& text, const std::string& origin);
    std::string toJsonText() const;
};

} // namespace adv
