// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>
#include <pw/core/safetensors.h>
#include <pw/core/tensor_view.h>
#include <pw/core/torch_checkpoint.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace pw {

/// If the first bytes of a would-be weights file show a common download mistake (empty file,
/// Git LFS pointer, HTML/JSON error page), the error explaining it; otherwise nothing.
std::optional<Error> downloadMistake(const std::filesystem::path& path);

/// A weights file of either format, memory-mapped: a `torch.save` checkpoint (`*.ckpt`, `*.pt`,
/// `*.pth`; detected by the zip signature) or a `.safetensors` file. Thread: any (read-only).
class WeightFile
{
  public:
    enum class Format {
        TorchCheckpoint,
        Safetensors,
    };

    /// Opens `path`, choosing the reader from the file's first bytes. Errors: FileNotFound,
    /// IoError, BadModelFile (including the usual download mistakes, named as such: an empty
    /// file, a Git LFS pointer, an HTML page, a .ckpt that is not a torch.save archive).
    static Result<WeightFile> open(const std::filesystem::path& path);

    Format format() const { return m_format; }
    const char* formatName() const;
    const std::vector<TensorView>& tensors() const;
    const TensorView* find(std::string_view name) const;
    /// The tensor or BadModelFile "missing tensor" naming the file and the tensor.
    Result<const TensorView*> require(std::string_view name) const;
    const std::string& label() const;
    std::shared_ptr<const void> keepAlive() const;
    /// Checks the zip CRC-32 of the storage behind `name` (checkpoints only; a no-op for
    /// safetensors, which has no checksums). Error: BadModelFile.
    Result<void> verifyChecksum(std::string_view name) const;
    /// The checkpoint's root metadata (epoch, global_step...); empty for safetensors.
    std::vector<std::pair<std::string, std::string>> metadata() const;

  private:
    Format m_format = Format::Safetensors;
    std::shared_ptr<const std::variant<TorchCheckpoint, SafetensorsFile>> m_file;
};

} // namespace pw
