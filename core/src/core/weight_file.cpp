// SPDX-License-Identifier: Apache-2.0
#include <pw/core/mapped_file.h>
#include <pw/core/weight_file.h>

#include <cstdio>

namespace pw {

Result<WeightFile> WeightFile::open(const std::filesystem::path& path)
{
    // Sniff the first bytes: "PK\3\4" is a zip (torch.save), anything else is tried as
    // safetensors (whose first 8 bytes are a little-endian header length).
    char magic[4] = {};
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return Error(Errc::FileNotFound, "weights file does not exist").inFile(path.string());
    }
    if (FILE* f = std::fopen(path.c_str(), "rb")) {
        const std::size_t n = std::fread(magic, 1, 4, f);
        std::fclose(f);
        (void)n;
    }
    WeightFile w;
    if (static_cast<unsigned char>(magic[0]) == 0x80 && magic[1] >= 0 && magic[1] <= 5) {
        // A bare pickle: torch.save's legacy (PyTorch < 1.6) format, or a plain pickle.
        return Error(Errc::BadModelFile,
                     "legacy torch.save format (PyTorch < 1.6, a bare pickle) is not supported: "
                     "re-save it with a current PyTorch or convert it to safetensors")
            .inFile(path.string());
    }
    if (magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
        auto ck = TorchCheckpoint::open(path);
        if (!ck) {
            return std::move(ck).error();
        }
        w.m_format = Format::TorchCheckpoint;
        w.m_file = std::make_shared<const std::variant<TorchCheckpoint, SafetensorsFile>>(
            std::in_place_index<0>, std::move(*ck));
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
