// SPDX-License-Identifier: Apache-2.0
#include <pw/core/mapped_file.h>
#include <pw/core/weight_file.h>

#include <algorithm>
#include <cctype>
#include <fstream>

namespace pw {

namespace {

std::string fileHead(const std::filesystem::path& path, std::size_t bytes)
{
    std::ifstream in(path, std::ios::binary);
    std::string head(bytes, '\0');
    in.read(head.data(), static_cast<std::streamsize>(bytes));
    head.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
    return head;
}

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

} // namespace

std::optional<Error> downloadMistake(const std::filesystem::path& path)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size == 0) {
        return Error(Errc::BadModelFile, "the weights file is empty (an interrupted download?)")
            .inFile(path.string());
    }
    std::string head = fileHead(path, 256);
    if (startsWith(head, "version https://git-lfs")) {
        return Error(Errc::BadModelFile,
                     "this is a Git LFS pointer, not the weights: run 'git lfs pull' in the "
                     "repository, or download the file itself from Hugging Face")
            .inFile(path.string());
    }
    const auto first = head.find_first_not_of(" \t\r\n");
    head = first == std::string::npos ? std::string() : head.substr(first);
    if (startsWith(head, "<!DOCTYPE") || startsWith(head, "<!doctype") ||
        startsWith(head, "<html") || startsWith(head, "<HTML") || startsWith(head, "<?xml")) {
        return Error(Errc::BadModelFile,
                     "this is a web page, not the weights (the download saved an error or login "
                     "page): download the file again")
            .inFile(path.string());
    }
    return std::nullopt;
}

Result<WeightFile> WeightFile::open(const std::filesystem::path& path)
{
    // Sniff the first bytes: "PK\3\4" is a zip (torch.save), anything else is tried as
    // safetensors (whose first 8 bytes are a little-endian header length).
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return Error(Errc::FileNotFound, "weights file does not exist").inFile(path.string());
    }
    if (std::filesystem::is_directory(path, ec)) {
        return Error(Errc::BadModelFile, "expected a weights file, found a folder")
            .inFile(path.string());
    }
    if (auto mistake = downloadMistake(path)) {
        return std::move(*mistake);
    }
    const std::string magic = fileHead(path, 4);
    WeightFile w;
    if (magic.size() >= 2 && static_cast<unsigned char>(magic[0]) == 0x80 && magic[1] >= 0 &&
        magic[1] <= 5) {
        // A bare pickle: torch.save's legacy (PyTorch < 1.6) format, or a plain pickle.
        return Error(Errc::BadModelFile,
                     "legacy torch.save format (PyTorch < 1.6, a bare pickle) is not supported: "
                     "re-save it with a current PyTorch or convert it to safetensors")
            .inFile(path.string());
    }
    const bool isZip = magic == std::string("PK\3\4", 4);
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const bool torchExtension = ext == ".ckpt" || ext == ".pt" || ext == ".pth" || ext == ".bin";
    if (isZip) {
        auto ck = TorchCheckpoint::open(path);
        if (!ck) {
            return std::move(ck).error();
        }
        w.m_format = Format::TorchCheckpoint;
        w.m_file = std::make_shared<const std::variant<TorchCheckpoint, SafetensorsFile>>(
            std::in_place_index<0>, std::move(*ck));
    } else if (torchExtension) {
        return Error(Errc::BadModelFile,
                     "not a torch.save checkpoint: the file does not start with a zip archive "
                     "(truncated or a different format?)")
            .inFile(path.string())
            .mismatch("zip signature PK\\3\\4", "other bytes");
    } else {
        auto st = SafetensorsFile::open(path);
        if (!st) {
            return std::move(st).error();
        }
        w.m_format = Format::Safetensors;
        w.m_file = std::make_shared<const std::variant<TorchCheckpoint, SafetensorsFile>>(
            std::in_place_index<1>, std::move(*st));
    }
    return w;
}

const char* WeightFile::formatName() const
{
    return m_format == Format::TorchCheckpoint ? "torch.save checkpoint" : "safetensors";
}

const std::vector<TensorView>& WeightFile::tensors() const
{
    return std::visit([](const auto& f) -> const std::vector<TensorView>& { return f.tensors(); },
                      *m_file);
}

const TensorView* WeightFile::find(std::string_view name) const
{
    return std::visit([&](const auto& f) { return f.find(name); }, *m_file);
}

Result<const TensorView*> WeightFile::require(std::string_view name) const
{
    return std::visit([&](const auto& f) { return f.require(name); }, *m_file);
}

const std::string& WeightFile::label() const
{
    return std::visit([](const auto& f) -> const std::string& { return f.label(); }, *m_file);
}

std::shared_ptr<const void> WeightFile::keepAlive() const
{
    return m_file; // owns the mapping through the reader
}

Result<void> WeightFile::verifyChecksum(std::string_view name) const
{
    if (const auto* ck = std::get_if<TorchCheckpoint>(m_file.get())) {
        if (const ZipArchive::Entry* e = ck->storageEntry(name)) {
            auto r = ck->archive().verifyCrc(*e);
            if (!r) {
                return std::move(r).error().at(std::string(name) + " (" + e->name + ")");
            }
        }
    }
    return {};
}

std::vector<std::pair<std::string, std::string>> WeightFile::metadata() const
{
    if (const auto* ck = std::get_if<TorchCheckpoint>(m_file.get())) {
        return {ck->metadata().begin(), ck->metadata().end()};
    }
    return {};
}

} // namespace pw
