// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>
#include <pw/core/tensor_view.h>
#include <pw/core/zip_archive.h>

#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pw {

/// A `torch.save` checkpoint (the zip container PyTorch writes since 1.6) read without Python or
/// libtorch: the archive's `<name>/data.pkl` is a pickle (protocol 2) whose tensors point at raw
/// little-endian storages `<name>/data/<key>`; TensorViews point straight into the memory-mapped
/// file (zero copy).
///
/// Only what `torch.save(state_dict)` produces is accepted. Allowed Python globals:
/// `collections.OrderedDict`, `torch._utils._rebuild_tensor_v2`, `torch._utils._rebuild_parameter`,
/// `torch._utils._rebuild_parameter_with_state` and the `torch.*Storage` classes (Float, Double,
/// Half, BFloat16, Long, Int, Short, Char, Byte, Bool); storages come through
/// `persistent_load(('storage', type, key, location, numel))`. Any other global (the way a
/// malicious pickle runs code) is rejected with BadModelFile naming it; nothing is ever executed.
/// Tensors must be contiguous and inside their storage.
///
/// The root object must be a dict: either `{"model_state_dict": {name: tensor}, ...}` (the
/// HY-Motion layout; other root entries such as `epoch` are kept as metadata text when they are
/// plain numbers or strings) or a raw state dict `{name: tensor}`. Thread: any (read-only).
class TorchCheckpoint
{
  public:
    /// Maps and parses `path`. Errors: FileNotFound, IoError, BadModelFile (naming the file and,
    /// where it applies, the tensor or the offending pickle global).
    static Result<TorchCheckpoint> open(const std::filesystem::path& path);
    /// Parses bytes already in memory (`label` names them in errors). The bytes must outlive the
    /// returned object. Used by tests and the fuzz target.
    static Result<TorchCheckpoint> parse(std::span<const std::byte> bytes, std::string label);

    const std::vector<TensorView>& tensors() const { return m_tensors; }
    /// nullptr when absent.
    const TensorView* find(std::string_view name) const;
    /// The tensor or a BadModelFile error "missing tensor" naming the file and the tensor.
    Result<const TensorView*> require(std::string_view name) const;
    /// Plain root entries besides the state dict (e.g. "epoch" -> "7").
    const std::map<std::string, std::string>& metadata() const { return m_metadata; }
    /// True when the root held `model_state_dict` (false: a raw state dict).
    bool hadModelStateDict() const { return m_hadModelStateDict; }
    const std::string& label() const { return m_zip.label(); }
    /// The zip entry holding a tensor's storage (for CRC checks), nullptr if unknown.
    const ZipArchive::Entry* storageEntry(std::string_view tensorName) const;
    const ZipArchive& archive() const { return m_zip; }
    /// Keeps the mapping alive beyond this object (for zero-copy tensors).
    std::shared_ptr<const void> keepAlive() const { return m_zip.keepAlive(); }

  private:
    ZipArchive m_zip;
    std::vector<TensorView> m_tensors;
    std::vector<std::size_t> m_storageEntries; ///< zip entry index, parallel to m_tensors
    std::map<std::string, std::size_t, std::less<>> m_index;
    std::map<std::string, std::string> m_metadata;
    bool m_hadModelStateDict = false;
};

} // namespace pw
