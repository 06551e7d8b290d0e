#include "train/train_data.h"

#include "io/image_file.h"
#include "io/safetensors.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/sha256.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

#include <filesystem>
#include <sstream>

namespace adv::train {

namespace sfs = std::filesystem;
using json = nlohmann::json;

std::vector<TrainItem> readManifest(const std::string& path) {
    std::istringstream in(fs::readFile(path));
    const sfs::path base = sfs::path(path).parent_path();
    std::vector<TrainItem> out;
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        json j;
        try {
            j = json::parse(line);
        } catch (const json::exception& e) {
            throw FileError(path, "line " + std::to_string(n) + ": " + jsonErrorText(e));
        }
        if (!j.contains("image") || !j.contains("caption") || !j["image"].is_string() || !j["caption"].is_string())
            throw FileError(path, "line " + std::to_string(n) + ": needs \"image\" and \"caption\" strings");
        if (j.contains("state") && j["state"] == "rejected") continue;
        TrainItem it;
        const sfs::path img = j["image"].get<std::string>();
        it.image = (img.is_absolute() ? img : base / img).string();
        it.caption = j["caption"];
        if (j.contains("mask") && j["mask"].is_string() && !j["mask"].get<std::string>().empty()) {
            const sfs::path m = j["mask"].get<std::string>();
            it.maskPath = (m.is_absolute() ? m : base / m).string();
        }
        out.push_back(std::move(it));
    }
    if (out.empty()) throw FileError(path, "no usable training pairs (all rejected or the file is empty)");
    return out;
}

namespace {
// Shorter side scaled to res, then a res x res crop at (cx, cy) of the slack, optionally mirrored.
cv::Mat scaleCrop(const cv::Mat& rgb, int res, double cx, double cy, bool flip) {
    const double s = static_cast<double>(res) / std::min(rgb.cols, rgb.rows);
    cv::Mat scaled;
    cv::resize(rgb, scaled, cv::Size(std::max(res, static_cast<int>(std::lround(rgb.cols * s))),
                                     std::max(res, static_cast<int>(std::lround(rgb.rows * s)))),
               0, 0, s < 1 ? cv::INTER_AREA : cv::INTER_LANCZOS4);
    const int x = static_cast<int>((scaled.cols - res) * cx), y = static_cast<int>((scaled.rows - res) * cy);
    cv::Mat crop = scaled(cv::Rect(x, y, res, res)).clone();
    if (flip) cv::flip(crop, crop, 1);
    return crop;
}
} // namespace

torch::Tensor prepareImage(const std::string& path, int res, double cx, double cy, bool flip) {
    cv::Mat bgr = io::readImageFile(path, cv::IMREAD_COLOR);
    if (bgr.empty()) throw FileError(path, "image missing or unreadable");
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    cv::Mat crop = scaleCrop(rgb, res, cx, cy, flip);
    auto t = torch::from_blob(crop.data, {res, res, 3}, torch::kUInt8).clone();
    return t.permute({2, 0, 1}).to(torch::kFloat32).div(127.5).sub(1.0);  // [3, res, res]
}

torch::Tensor prepareMask(const std::string& path, int res, double cx, double cy, bool flip) {
    cv::Mat m = io::readImageFile(path, cv::IMREAD_GRAYSCALE);
    if (m.empty()) throw FileError(path, "mask missing or unreadable (masked training needs the pair set's masks/)");
    cv::Mat crop = scaleCrop(m, res, cx, cy, flip);
    return torch::from_blob(crop.data, {1, res, res}, torch::kUInt8).to(torch::kFloat32).div(255.0);  // [1, res, res]
}

torch::Tensor maskToLatent(const torch::Tensor& mask, int64_t h, int64_t w) {
    return torch::adaptive_avg_pool2d(mask.unsqueeze(0), {h, w})[0].clamp(0, 1);  // [1, h, w]
}

namespace {
std::string weightsIdentity(StableDiffusion& sd) {
    // The cache depends on the VAE and the text encoder only.
    std::ostringstream o;
    for (const auto& r : sd.reports())
        if (r.component == "vae" || r.component == "text_encoder") {
            std::error_code ec;
            o << r.source << ":" << sfs::file_size(r.source, ec) << ":"
              << sfs::last_write_time(r.source, ec).time_since_epoch().count() << ";";
        }
    return o.str();
}
} // namespace

int cacheItems(std::vector<TrainItem>& items, StableDiffusion& sd, const TrainConfig& c, const std::string& cacheDir,
               const ProgressFn& progress, const CancelToken* cancel) {
    torch::NoGradGuard ng;
    const std::string model = weightsIdentity(sd);
    const bool useCache = !model.empty() && c.centerCrop;
    std::error_code ec;
    if (useCache) sfs::create_directories(cacheDir, ec);
    const bool masked = c.subjectLossWeight < 1.0;
    auto loadMask = [&](TrainItem& it) {
        if (!masked) return;
        if (it.maskPath.empty())
            throw FileError(it.image, "masked training (subject_loss_weight < 1) needs a \"mask\" for every pair; "
                                      "rebuild the pair set to get its masks/");
        if (!c.centerCrop) return;  // random crops prepare their masks every step
        const int64_t h = it.mean.size(1), w = it.mean.size(2);
        it.mask = maskToLatent(prepareMask(it.maskPath, c.resolution), h, w);
        if (c.randomFlip) it.maskFlip = maskToLatent(prepareMask(it.maskPath, c.resolution, 0.5, 0.5, true), h, w);
    };
    int computed = 0;
    for (size_t i = 0; i < items.size(); ++i) {
        throwIfCancelled(cancel);
        auto& it = items[i];
        auto ids = (*sd.tokenizer)(it.caption, sd.text->config.maxPositions);
        it.ids = torch::tensor(ids, torch::kInt64);
        if (!c.centerCrop) {  // random crops are encoded every step
            loadMask(it);
            continue;
        }
        const std::string key = sha256Hex(model + "|" + sha256File(it.image) + "|" + it.caption + "|" +
                                          std::to_string(c.resolution) + "|" + (c.randomFlip ? "flip" : "noflip") +
                                          (c.trainTextEncoder ? "|te" : ""))
                                    .substr(0, 32);
        const std::string file = (sfs::path(cacheDir) / (key + ".safetensors")).string();
        if (useCache && sfs::exists(file, ec)) {
            bool hit = false;
            try {
                auto t = loadSafeTensors(file);
                it.mean = t.at("mean"), it.std = t.at("std");
                if (c.randomFlip) it.meanFlip = t.at("mean_flip"), it.stdFlip = t.at("std_flip");
                if (!c.trainTextEncoder) it.embedding = t.at("embedding");
                hit = true;
            } catch (const std::exception&) {
                // A damaged cache entry is recomputed.
            }
            if (hit) {
                loadMask(it);
                if (progress) progress(static_cast<int>(i + 1), static_cast<int>(items.size()), "cached");
                continue;
            }
        }
        auto encode = [&](bool flip) {
            auto img = prepareImage(it.image, c.resolution, 0.5, 0.5, flip).unsqueeze(0).to(sd.device());
            return sd.vae->encode(img);
        };
        auto d = encode(false);
        it.mean = d.mean[0].to(torch::kCPU), it.std = d.std[0].to(torch::kCPU);
        std::map<std::string, torch::Tensor> out{{"mean", it.mean}, {"std", it.std}};
        if (c.randomFlip) {
            auto f = encode(true);
            it.meanFlip = f.mean[0].to(torch::kCPU), it.stdFlip = f.std[0].to(torch::kCPU);
            out["mean_flip"] = it.meanFlip, out["std_flip"] = it.stdFlip;
        }
        if (!c.trainTextEncoder) {
            it.embedding = sd.text->forward(it.ids.unsqueeze(0).to(sd.device())).lastHiddenState[0].to(torch::kCPU, torch::kFloat32);
            out["embedding"] = it.embedding;
        }
        if (useCache) saveSafeTensors(file, out, {{"image", it.image}, {"caption", it.caption}});
        loadMask(it);
        ++computed;
        if (progress) progress(static_cast<int>(i + 1), static_cast<int>(items.size()), "encoded");
    }
    return computed;
}

} // namespace adv::train
