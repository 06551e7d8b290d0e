// SHA-256 (FIPS 180-4) for model/LoRA hashes in provenance metadata.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace adv {

class Sha256 {
public:
    Sha256();
    void update(const void* data, size_t len);
    std::string hexDigest();  // finalizes

private:
    void block(const unsigned char* p);
    uint32_t h_[8];
    unsigned char buf_[64];
    size_t bufLen_ = 0;
    uint64_t total_ = 0;
};

std::string sha256Hex(std::string_view data);
// Hash of a whole file (streamed); throws FileError.
std::string sha256File(const std::string& path);

} // namespace adv
