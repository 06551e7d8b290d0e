// safetensors reader (memory-mapped, zero-copy) and writer (atomic).
// Format: u64 little-endian header length N, N bytes of JSON
// {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}},
// then the data block. Every offset and shape is checked against the file size.
#pragma once

#include "io/safetensors_header.h"

#include <torch/types.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace adv {

class SafeTensors {
public:
    // Maps `path`; throws FileError naming the file (and tensor) on any defect.
    explicit SafeTensors(const std::string& path);
    ~SafeTensors();
    SafeTensors(const SafeTensors&) = delete;
    SafeTensors& operator=(const SafeTensors&) = delete;

    const std::string& path() const { return path_; }
    const std::vector<TensorInfo>& entries() const { return entries_; }
    const std::map<std::string, std::string>& metadata() const { return metadata_; }
    bool contains(const std::string& name) const { return index_.count(name) != 0; }
    const TensorInfo& info(const std::string& name) const;
    std::vector<std::string> names() const;

    // A CPU tensor over the mapped bytes (copy-on-write mapping: writes stay
    // private). Keeps the mapping alive. Copies only if the data is misaligned.
    torch::Tensor tensor(const std::string& name) const;

private:
    struct Mapping;
    std::string path_;
    std::shared_ptr<Mapping> map_;
    std::vector<TensorInfo> entries_;
    std::map<std::string, size_t> index_;
    std::map<std::string, std::string> metadata_;
    uint64_t dataStart_ = 0;
};

// Writes tensors (any device; moved to CPU, made contiguous) atomically.
// Keys are written in sorted order, as the Python implementation does.
void saveSafeTensors(const std::string& path, const std::map<std::string, torch::Tensor>& tensors,
                     const std::map<std::string, std::string>& metadata = {});

// Convenience: read every tensor (copies) into a map.
std::map<std::string, torch::Tensor> loadSafeTensors(const std::string& path);

// dtype names <-> torch scalar types. Throws for unsupported names.
torch::ScalarType safetensorsDType(const std::string& name);
std::string safetensorsDTypeName(torch::ScalarType type);

} // namespace adv
