// Shared by the harnesses: the project's own refusals (adv::Error, one line naming the problem)
// are the expected outcome for bad input; anything else escapes to libFuzzer as a finding.
#pragma once

#include "util/error.h"

#include <cstddef>
#include <cstdint>
#include <string>

#define ADV_FUZZ_EXPECTED_REFUSALS(...) \
    try {                               \
        __VA_ARGS__                     \
    } catch (const adv::Error&) {       \
    }

inline std::string fuzzText(const uint8_t* data, size_t size) { return std::string(reinterpret_cast<const char*>(data), size); }
