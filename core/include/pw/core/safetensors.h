// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>
#include <pw/core/mapped_file.h>
#include <pw/core/tensor_view.h>

#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace pw {

/// A parsed .safetensors file (https://github.com/huggingface/safetensors format): an 8-byte
/// little-endian header length, a JSON header, then the tensor bytes. The file is memory-mapped;
/// TensorViews point into the mapping. Every entry is validated on open: known dtype, shape,
/// offsets inside the data area and matching the element count. Thread: any (read-only).
class SafetensorsFile
{
  public:
    /// Maps and parses `path`. Errors: FileNotFound, IoError, BadModelFile (malformed,
    /// truncated; the message names the file and, where it applies, the tensor).
    static Result<SafetensorsFile> open(const std::filesystem::path& path);
    /// Parses bytes already in memory (`label` names them in errors). The bytes must outlive the
    /// returned object. Used by the fuzz target and by tests.
    static Result<SafetensorsFile> parse(std::span<const std::byte> bytes,
                                         const std::string& label);

    const std::vector<TensorView>& tensors() const { return m_tensors; }
    /// nullptr when absent.
    const TensorView* find(std::string_view name) const;
    /// The tensor or a BadModelFile error "missing tensor" naming the file and the tensor.
    Result<const TensorView*> require(std::string_view name) const;
    const std::map<std::string, std::string>& metadata() const { return m_metadata; }
    const std::string& label() const { return m_label; }
    /// Keeps the mapping alive beyond this object (for zero-copy tensors).
    std::shared_ptr<const void> keepAlive() const { return m_file.keepAlive(); }

  private:
    MappedFile m_file;
    std::string m_label;
    std::vector<TensorView> m_tensors;
    std::map<std::string, std::size_t, std::less<>> m_index;
    std::map<std::string, std::string> m_metadata;
};

/// One tensor to write: float32 data, row-major.
struct TensorToWrite
{
    std::string name;
    std::vector<std::int64_t> shape;
    std::span<const float> data;
};

/// Writes a safetensors file atomically (temporary file + rename). Tensors are stored F32 in the
/// given order. Errors: InvalidArgument (shape/data size mismatch), IoError.
Result<void> writeSafetensors(const std::filesystem::path& path,
                              std::span<const TensorToWrite> tensors,
                              const std::map<std::string, std::string>& metadata = {});

} // namespace pw
