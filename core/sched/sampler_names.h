// Sampler names as the CLI, the studio and the PNG metadata spell them. Torch-free:
// part of the core interface ui/ builds against (the samplers themselves are in samplers.h).
#pragma once

#include <string>
#include <vector>

namespace adv {

enum class SamplerKind { DDPM, DDIM, PNDM, Euler, EulerAncestral, DPMPP2M, DPMPP2MKarras, LCM };

// ddpm, ddim, pndm (plms), euler, euler_a (euler_ancestral), dpmpp_2m, dpmpp_2m_karras, lcm; throws Error otherwise.
SamplerKind samplerFromName(const std::string& name);
std::string samplerName(SamplerKind kind);
std::vector<std::string> samplerNames();  // every kind, in the order the studio lists them
// What A1111 calls it ("DPM++ 2M Karras"), for the PNG "parameters" chunk.
std::string samplerA1111Name(SamplerKind kind);
// The reverse, for parameters pasted from A1111; empty when the name is unknown.
std::string samplerFromA1111Name(const std::string& a1111Name);

} // namespace adv
