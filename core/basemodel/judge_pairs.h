// The judge on a pair manifest: how well it recognises the training pairs'
// garment category and background, as they are and after the model's
// autoencoder. This is the ceiling a fine-tune on those pairs can reach in
// `eval adherence` (a generator can at best reproduce its training images).
#pragma once

#include "basemodel/judge.h"
#include "pipeline/sd_pipeline.h"

#include <string>
#include <vector>

namespace adv::base {

struct PairJudgeReport {
    int items = 0;       // pairs judged
    int skipped = 0;     // rejected pairs, or a category/condition the judge does not know
    double categoryAccuracy = 0, backgroundAccuracy = 0;                    // the images as they are
    double roundTripCategoryAccuracy = 0, roundTripBackgroundAccuracy = 0;  // after encode + decode
    double roundTripRmse = 0;                                               // in [0, 1] pixel units
    // [truth][judged] counts over the judge's categories, images as they are and after the round trip.
    std::vector<std::vector<int>> categoryConfusion, roundTripCategoryConfusion;
};

// `manifestPath`: a pair set's manifest.jsonl or its folder (pairs::PairSet); images at the judge's resolution.
// `sheetPath` (optional): a PNG of up to 16 pairs whose category the judge gets wrong after the round
// trip, originals above and round trips below, so one can see what the autoencoder loses.
PairJudgeReport judgePairs(StableDiffusion& sd, const Judge& judge, const std::string& manifestPath,
                           const std::string& sheetPath = "");

} // namespace adv::base
