// CUDA parity and speed check for the engine, run on a GPU machine: the
// reference tensors (diffusers) on CUDA in f32 and f16, CPU/GPU agreement for
// one seed, and SD1.5-shape UNet / VAE timings.
//   cuda_parity REFDATA_DIR
#include "io/safetensors.h"
#include "lora/lora.h"
#include "model/weights.h"
#include "pipeline/sd_pipeline.h"
#include "util/device.h"

#include <torch/torch.h>

#include <chrono>
#include <cstdio>

using namespace adv;

namespace {
int failures = 0;
void check(const char* what, const torch::Tensor& got, const torch::Tensor& want, double atol) {
    const double d = (got.detach().to(torch::kCPU, torch::kFloat64) - want.to(torch::kFloat64)).abs().max().item<double>();
    const bool ok = d <= atol;
    failures += !ok;
    std::printf("%-44s max|diff| %.3g (atol %.3g) %s\n", what, d, atol, ok ? "ok" : "FAIL");
}
double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }
} // namespace

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    const std::string ref = argv[1];
    SafeTensors v(ref + "/vectors.safetensors");
    auto R = [&](const char* n) { return v.tensor(n).clone(); };
    const auto info = deviceInfo();
    std::printf("device: %s, torch %s, %d GPU(s)\n", info.describe().c_str(), info.torchVersion.c_str(), info.cudaCount);
    if (!info.cudaAvailable) {
        std::printf("no CUDA device\n");
        return 1;
    }
    for (const char* dt : {"f32", "f16"}) {
        const bool half = std::string(dt) == "f16";
        const double tol = half ? 3e-2 : 1e-4;
        LoadOptions lo;
        lo.device = "cuda";
        lo.dtype = dt;
        auto sd = StableDiffusion::load(ref, lo);
        torch::NoGradGuard ng;
        const auto dev = torch::Device("cuda");
        const auto tdt = half ? torch::kFloat16 : torch::kFloat32;
        auto te = sd->text->forward(R("text_encoder.input_ids").to(dev)).lastHiddenState;
        check((std::string(dt) + " text encoder").c_str(), te, R("text_encoder.last_hidden_state"), tol);
        auto u = sd->unet->forward(R("unet.sample").to(dev, tdt), R("unet.timestep").to(dev), R("unet.encoder_hidden_states").to(dev, tdt));
        check((std::string(dt) + " unet").c_str(), u, R("unet.out"), tol);
        const double vaeTol = half ? 1e-2 : 1e-4;  // f16 mode allows TF32 in the (f32) VAE
        check((std::string(dt) + " vae decode").c_str(), sd->vae->decode(R("vae.decode.latent").to(dev)), R("vae.decode.image"), vaeTol);
        check((std::string(dt) + " vae encode mean").c_str(), sd->vae->encode(R("vae.encode.image").to(dev)).mean, R("vae.encode.mean"), vaeTol);
        GenerateParams gp;
        gp.prompt = "a shirt on the beach";
        gp.sampler = "ddim";
        gp.steps = 10;
        gp.cfg = 7.5;
        gp.initLatents = R("pipe.latents_init");
        auto res = sd->generate(gp);
        check((std::string(dt) + " pipeline image").c_str(), res.images, R("pipe.image").permute({0, 3, 1, 2}), half ? 5e-2 : 1e-3);
        sd->addLora(ref + "/lora_kohya.safetensors", 1.0);
        auto ul = sd->unet->forward(R("unet.sample").to(dev, tdt), R("unet.timestep").to(dev), R("unet.encoder_hidden_states").to(dev, tdt));
        check((std::string(dt) + " unet + kohya LoRA").c_str(), ul, R("unet.lora.out"), tol);
    }
    {   // One seed, one picture: CPU and CUDA (f32) agree.
        LoadOptions c, g;
        c.device = "cpu";
        g.device = "cuda";
        g.dtype = "f32";
        auto a = StableDiffusion::load(ref, c), b = StableDiffusion::load(ref, g);
        GenerateParams gp;
        gp.prompt = "a red dress in space";
        gp.seed = 1234;
        gp.steps = 8;
        gp.sampler = "dpmpp_2m_karras";
        check("seed 1234: CPU vs CUDA image", b->generate(gp).images, a->generate(gp).images, 1e-3);
    }
    {   // SD1.5 shapes, random weights, f16.
        LoadOptions lo;
        lo.device = "cuda";
        lo.dtype = "f16";
        const auto sh = modelShapes("sd15");
        auto sd = StableDiffusion::random(sh.unet, sh.vae, sh.text, lo);
        torch::NoGradGuard ng;
        for (int size : {512, 768}) {
            auto x = torch::randn({2, 4, size / 8, size / 8}, torch::TensorOptions().device(torch::kCUDA).dtype(torch::kFloat16));
            auto ctx = torch::randn({2, 77, 768}, x.options());
            auto t = torch::full({1}, 500.0, torch::TensorOptions().device(torch::kCUDA));
            for (int i = 0; i < 3; ++i) sd->unet->forward(x, t, ctx);
            torch::cuda::synchronize();
            const double t0 = now();
            for (int i = 0; i < 20; ++i) sd->unet->forward(x, t, ctx);
            torch::cuda::synchronize();
            std::printf("SD1.5 UNet f16 %dx%d batch 2: %.1f ms/step\n", size, size, (now() - t0) / 20 * 1000);
        }
        auto z = torch::randn({1, 4, 64, 64}, torch::TensorOptions().device(torch::kCUDA));
        sd->vae->decode(z);
        torch::cuda::synchronize();
        const double t0 = now();
        for (int i = 0; i < 5; ++i) sd->vae->decode(z);
        torch::cuda::synchronize();
        std::printf("SD1.5 VAE decode f32 512x512: %.1f ms\n", (now() - t0) / 5 * 1000);
        GenerateParams gp;
        gp.prompt = "a dress on the beach";
        gp.steps = 25;
        gp.width = gp.height = 512;
        sd->tokenizer = ClipTokenizer::fromFolder(ref + "/tokenizer");
        sd->generate(gp);
        torch::cuda::synchronize();
        const double t1 = now();
        auto r = sd->generate(gp);
        torch::cuda::synchronize();
        std::printf("SD1.5 512x512 25 steps text-to-image (random weights, f16): %.2f s\n", now() - t1);
    }
    std::printf("%s: %d check(s) failed\n", failures ? "FAILED" : "PASSED", failures);
    return failures ? 1 : 0;
}
