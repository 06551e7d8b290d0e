// Tensor-name rules of model/key_map.h on arbitrary keys (one per line): LoRA files in every naming
// (kohya/A1111, PEFT, diffusers, LoCon convs), single-file (LDM) checkpoints routed to UNet/VAE/text
// encoder, and old VAE attention names. A parsed LoRA key written back in its naming must parse again to
// the same module, part and target.
#include "common.h"
#include "model/key_map.h"

#include <map>
#include <vector>

namespace {

using namespace adv;

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t i = 0; i <= text.size(); ++i)
        if (i == text.size() || text[i] == '\n') {
            out.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    return out;
}

// A slice of SD 1.5's module and parameter names (diffusers layout), enough to route every block kind.
const std::vector<std::string>& unetModules() {
    static const std::vector<std::string> m = {
        "conv_in", "time_embedding.linear_1", "down_blocks.0.resnets.0.conv1", "down_blocks.0.resnets.0.conv2",
        "down_blocks.0.attentions.0.proj_in", "down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q",
        "down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_out.0", "down_blocks.0.downsamplers.0.conv",
        "down_blocks.1.resnets.0.conv_shortcut", "mid_block.attentions.0.transformer_blocks.0.ff.net.0.proj",
        "mid_block.resnets.1.conv2", "up_blocks.1.attentions.2.transformer_blocks.0.attn1.to_v",
        "up_blocks.3.resnets.2.conv1", "up_blocks.0.upsamplers.0.conv", "conv_out"};
    return m;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::vector<std::string> textModules = {
        "text_model.encoder.layers.0.self_attn.q_proj", "text_model.encoder.layers.11.mlp.fc2"};
    static std::map<std::string, std::string> kohyaUnet, kohyaText;
    if (kohyaUnet.empty()) {
        for (const auto& m : unetModules()) kohyaUnet[keymap::kohyaName(m)] = m;
        for (const auto& m : textModules) kohyaText[keymap::kohyaName(m)] = m;
    }
    static UNetConfig uc;  // SD 1.5's
    static VaeConfig vc;
    static std::vector<std::string> unetKeys, vaeKeys{"encoder.conv_in.weight", "decoder.mid_block.attentions.0.to_q.weight",
                                                      "decoder.up_blocks.0.resnets.0.conv_shortcut.bias"},
        textKeys{"text_model.embeddings.token_embedding.weight", "text_model.encoder.layers.0.self_attn.q_proj.weight"};
    if (unetKeys.empty())
        for (const auto& m : unetModules()) unetKeys.push_back(m + ".weight");
    static const keymap::LdmRouter router(uc, unetKeys, vc, vaeKeys, textKeys);

    const auto keys = lines(fuzzText(data, size));
    ADV_FUZZ_EXPECTED_REFUSALS({
        const auto naming = keymap::detectLoraNaming(keys);
        (void)keymap::loraNamingName(naming);
        for (const auto& k : keys) {
            for (auto n : {naming, keymap::LoraNaming::Kohya, keymap::LoraNaming::Peft, keymap::LoraNaming::Diffusers}) {
                const auto parsed = keymap::parseLoraKey(k, n, kohyaUnet, kohyaText);
                if (!parsed) continue;
                if (n == keymap::LoraNaming::Kohya) {
                    const auto back = keymap::parseLoraKey(keymap::loraKey(*parsed, n), n, kohyaUnet, kohyaText);
                    if (!back || back->module != parsed->module || back->part != parsed->part || back->target != parsed->target)
                        __builtin_trap();
                }
            }
            bool unmatched = false;
            (void)router.route(k, &unmatched);
            (void)keymap::isLdmUnetKey(k);
            (void)keymap::modernizeVaeKey(k);
            // Arbitrary diffusers-looking names through the LDM renaming rules.
            (void)keymap::unetToLdm(k, uc);
            (void)keymap::vaeToLdm(k, vc);
        }
    })
    return 0;
}
