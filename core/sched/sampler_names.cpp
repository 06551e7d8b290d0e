#include "sched/sampler_names.h"

#include "util/error.h"

namespace adv {

namespace {
struct NameRow {
    SamplerKind kind;
    const char* name;
    const char* a1111;
};
constexpr NameRow kNames[] = {
    {SamplerKind::DDPM, "ddpm", "DDPM"},
    {SamplerKind::DDIM, "ddim", "DDIM"},
    {SamplerKind::PNDM, "pndm", "PLMS"},
    {SamplerKind::Euler, "euler", "Euler"},
    {SamplerKind::EulerAncestral, "euler_a", "Euler a"},
    {SamplerKind::DPMPP2M, "dpmpp_2m", "DPM++ 2M"},
    {SamplerKind::DPMPP2MKarras, "dpmpp_2m_karras", "DPM++ 2M Karras"},
    {SamplerKind::LCM, "lcm", "LCM"},
};
} // namespace

SamplerKind samplerFromName(const std::string& n) {
    for (const auto& r : kNames)
        if (n == r.name) return r.kind;
    if (n == "plms") return SamplerKind::PNDM;
    if (n == "euler_ancestral") return SamplerKind::EulerAncestral;
    std::string all;
    for (const auto& r : kNames) all += std::string(all.empty() ? "" : ", ") + r.name;
    throw Error("unknown sampler '" + n + "' (choose one of " + all + ")");
}

std::string samplerName(SamplerKind k) {
    for (const auto& r : kNames)
        if (r.kind == k) return r.name;
    return "?";
}

std::vector<std::string> samplerNames() {
    std::vector<std::string> out;
    for (const auto& r : kNames) out.emplace_back(r.name);
    return out;
}

std::string samplerA1111Name(SamplerKind k) {
    for (const auto& r : kNames)
        if (r.kind == k) return r.a1111;
    return "?";
}

std::string samplerFromA1111Name(const std::string& a) {
    for (const auto& r : kNames)
        if (a == r.a1111) return r.name;
    return {};
}

} // namespace adv
