// The safetensors header, parsed and checked without LibTorch (the fuzzed part of the reader).
// Format: u64 little-endian header length N, N bytes of JSON
// {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}},
// then the data block.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace adv {

struct TensorInfo {
    std::string name;
    std::string dtype;            // "F32", "F16", "BF16", "I64", ...
    std::vector<int64_t> shape;
    uint64_t begin = 0, end = 0;  // relative to the data block
};

struct SafeTensorsHeader {
    std::vector<TensorInfo> entries;  // in the header's order
    std::map<std::string, std::string> metadata;
    uint64_t dataStart = 0;  // byte offset of the data block in the file
};

// Bytes per element of a safetensors dtype name; 0 when unknown.
size_t safetensorsDtypeSize(const std::string& dtype);

// Parses the header of a file of `fileSize` bytes starting at `bytes` (at least 8 bytes). Every
// shape, dtype and offset is checked against the file size: a tensor's bytes lie inside the data
// block and match its shape. Throws FileError naming `path` (and the tensor).
SafeTensorsHeader parseSafeTensorsHeader(const unsigned char* bytes, uint64_t fileSize, const std::string& path);

} // namespace adv
