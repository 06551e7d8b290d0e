// LDM single-file <-> diffusers names: the reference model written in the
// original layout loads back to identical outputs; kohya LDM-style names resolve.
#include "core/refdata.h"

#include "io/safetensors.h"
#include "lora/lora.h"
#include "model/clip_text.h"
#include "model/key_map.h"
#include "model/unet.h"
#include "model/vae.h"
#include "model/weights.h"

using namespace adv;

class TestKeyMap : public QObject {
    Q_OBJECT
    std::string dir = advtest::tempDir();

private Q_SLOTS:
    void sd15NamesMatchTheOriginalLayout() {
        auto c = UNetConfig::sd15();
        QCOMPARE(keymap::unetToLdm("conv_in.weight", c), std::string("model.diffusion_model.input_blocks.0.0.weight"));
        QCOMPARE(keymap::unetToLdm("time_embedding.linear_2.bias", c), std::string("model.diffusion_model.time_embed.2.bias"));
        QCOMPARE(keymap::unetToLdm("down_blocks.0.resnets.1.conv1.weight", c),
                 std::string("model.diffusion_model.input_blocks.2.0.in_layers.2.weight"));
        QCOMPARE(keymap::unetToLdm("down_blocks.1.attentions.0.proj_in.weight", c),
                 std::string("model.diffusion_model.input_blocks.4.1.proj_in.weight"));
        QCOMPARE(keymap::unetToLdm("down_blocks.2.downsamplers.0.conv.weight", c),
                 std::string("model.diffusion_model.input_blocks.9.0.op.weight"));
        QCOMPARE(keymap::unetToLdm("down_blocks.3.resnets.0.time_emb_proj.weight", c),
                 std::string("model.diffusion_model.input_blocks.10.0.emb_layers.1.weight"));
        QCOMPARE(keymap::unetToLdm("mid_block.resnets.1.norm2.weight", c),
                 std::string("model.diffusion_model.middle_block.2.out_layers.0.weight"));
        QCOMPARE(keymap::unetToLdm("up_blocks.0.upsamplers.0.conv.weight", c),
                 std::string("model.diffusion_model.output_blocks.2.1.conv.weight"));
        QCOMPARE(keymap::unetToLdm("up_blocks.1.upsamplers.0.conv.weight", c),
                 std::string("model.diffusion_model.output_blocks.5.2.conv.weight"));
        QCOMPARE(keymap::unetToLdm("up_blocks.3.attentions.2.transformer_blocks.0.attn2.to_k.weight", c),
                 std::string("model.diffusion_model.output_blocks.11.1.transformer_blocks.0.attn2.to_k.weight"));
        QCOMPARE(keymap::unetToLdm("up_blocks.2.resnets.0.conv_shortcut.weight", c),
                 std::string("model.diffusion_model.output_blocks.6.0.skip_connection.weight"));
        QCOMPARE(keymap::unetToLdm("conv_norm_out.weight", c), std::string("model.diffusion_model.out.0.weight"));
        auto v = VaeConfig::sd15();
        QCOMPARE(keymap::vaeToLdm("decoder.up_blocks.0.resnets.2.conv2.weight", v),
                 std::string("first_stage_model.decoder.up.3.block.2.conv2.weight"));
        QCOMPARE(keymap::vaeToLdm("encoder.down_blocks.1.resnets.0.conv_shortcut.weight", v),
                 std::string("first_stage_model.encoder.down.1.block.0.nin_shortcut.weight"));
        QCOMPARE(keymap::vaeToLdm("encoder.mid_block.attentions.0.to_out.0.weight", v),
                 std::string("first_stage_model.encoder.mid.attn_1.proj_out.weight"));
        QCOMPARE(keymap::vaeToLdm("decoder.up_blocks.1.upsamplers.0.conv.bias", v),
                 std::string("first_stage_model.decoder.up.2.upsample.conv.bias"));
        QCOMPARE(keymap::vaeToLdm("decoder.conv_norm_out.weight", v), std::string("first_stage_model.decoder.norm_out.weight"));
    }

    void referenceModelRoundTripsThroughLdmLayout() {
        const auto r = advtest::refDir();
        auto uc = UNetConfig::fromFile(r + "/unet/config.json");
        auto vc = VaeConfig::fromFile(r + "/vae/config.json");
        auto tc = ClipTextConfig::fromFile(r + "/text_encoder/config.json");
        UNet2DConditionModel u(uc);
        AutoencoderKL v(vc);
        ClipTextModel t(tc);
        auto us = readWeights(r + "/unet/diffusion_pytorch_model.safetensors");
        auto vs = readWeights(r + "/vae/diffusion_pytorch_model.safetensors");
        auto ts = readWeights(r + "/text_encoder/model.safetensors");
        // Write the single file as the original SD code lays it out (VAE attention as 1x1 convs).
        std::map<std::string, torch::Tensor> ldm;
        for (auto& [k, x] : us) ldm[keymap::unetToLdm(k, uc)] = x;
        for (auto& [k, x] : vs) {
            const auto lk = keymap::vaeToLdm(k, vc);
            const bool attnLinear = lk.find("attn_1") != std::string::npos && x.dim() == 2;
            ldm[lk] = attnLinear ? x.reshape({x.size(0), x.size(1), 1, 1}) : x;
        }
        for (auto& [k, x] : ts) ldm[keymap::textToLdm(k)] = x;
        ldm["model_ema.decay"] = torch::tensor(0.999f);
        ldm["alphas_cumprod"] = torch::ones({1000});
        QCOMPARE(ldm.size(), us.size() + vs.size() + ts.size() + 2);  // names are unique
        const std::string file = dir + "/tiny-ldm.safetensors";
        saveSafeTensors(file, ldm);

        auto state = readWeights(file);
        QVERIFY(looksLikeLdm(state));
        auto split = splitLdmCheckpoint(state, uc, stateKeys(*u), vc, stateKeys(*v), stateKeys(*t));
        QVERIFY(split.unmatched.empty());
        QVERIFY(loadStateDict(*u, split.unet, "unet", file).ok());
        QVERIFY(loadStateDict(*v, split.vae, "vae", file).ok());
        QVERIFY(loadStateDict(*t, split.text, "text_encoder", file).ok());
        torch::NoGradGuard ng;
        u->eval();
        v->eval();
        auto out = u->forward(advtest::ref("unet.sample"), advtest::ref("unet.timestep"), advtest::ref("unet.encoder_hidden_states"));
        ADV_COMPARE_TENSORS(out, advtest::ref("unet.out"), 1e-4, 0.0);
        ADV_COMPARE_TENSORS(v->decode(advtest::ref("vae.decode.latent")), advtest::ref("vae.decode.image"), 1e-4, 0.0);
    }

    void kohyaLdmStyleNamesResolve() {
        const auto r = advtest::refDir();
        UNet2DConditionModel u(UNetConfig::fromFile(r + "/unet/config.json"));
        auto state = loadSafeTensors(r + "/lora_kohya.safetensors");
        std::map<std::string, torch::Tensor> renamed;
        for (auto& [k, x] : state) {
            // lora_unet_down_blocks_1_attentions_0_... -> lora_unet_input_blocks_4_1_...
            const auto dot = k.find('.');
            const std::string body = k.substr(10, dot - 10), suffix = k.substr(dot);
            std::string module;
            for (const auto& [name, host] : loraHosts(*u))
                if (keymap::kohyaName(name) == body) module = name;
            QVERIFY2(!module.empty(), body.c_str());
            std::string ldm = keymap::unetToLdm(module + ".weight", u->config);
            ldm = ldm.substr(22, ldm.size() - 22 - 7);
            renamed["lora_unet_" + keymap::kohyaName(ldm) + suffix] = x;
        }
        const std::string file = dir + "/kohya-ldm.safetensors";
        saveSafeTensors(file, renamed);
        auto w = readLora(file, *u);
        QCOMPARE(w.modules.size(), size_t(128));
        QVERIFY(w.unmatchedKeys.empty());
    }
};

QTEST_GUILESS_MAIN(TestKeyMap)
#include "test_key_map.moc"
