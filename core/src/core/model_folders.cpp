// SPDX-License-Identifier: Apache-2.0
#include <pw/core/atomic_file.h>
#include <pw/core/model_folders.h>
#include <pw/core/safetensors.h>
#include <pw/core/weight_file.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <set>
#include <system_error>

namespace pw {
namespace {

namespace fs = std::filesystem;

Result<void> requireFolder(const fs::path& dir, const char* what)
{
    std::error_code ec;
    if (dir.empty()) {
        return Error(Errc::FileNotFound, std::string("no ") + what + " folder chosen");
    }
    if (!fs::exists(dir, ec)) {
        return Error(Errc::FileNotFound, std::string(what) + " folder does not exist")
            .inFile(dir.string());
    }
    if (!fs::is_directory(dir, ec)) {
        return Error(Errc::FileNotFound, std::string(what) + " path is not a folder")
            .inFile(dir.string());
    }
    return {};
}

Result<fs::path> requireFile(const fs::path& dir, const std::string& name, const char* why)
{
    const fs::path p = dir / name;
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) {
        return Error(Errc::FileNotFound, std::string("missing ") + name + " (" + why + ")")
            .inFile(dir.string());
    }
    return p;
}

/// Reads the first bytes of a file; empty on failure.
std::string fileHead(const fs::path& path, std::size_t bytes)
{
    std::ifstream in(path, std::ios::binary);
    std::string head(bytes, '\0');
    in.read(head.data(), static_cast<std::streamsize>(bytes));
    head.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
    return head;
}

bool isLfsPointer(const fs::path& path)
{
    // One definition of "LFS pointer" for quick checks and for loading (weight_file.h).
    const auto mistake = downloadMistake(path);
    return mistake && mistake->message.find("Git LFS") != std::string::npos;
}

Error lfsPointerError(const fs::path& path)
{
    return Error(Errc::BadModelFile,
                 "this is a Git LFS pointer, not the real file (run 'git lfs pull' in the "
                 "repository, or download the file itself)")
        .inFile(path.string());
}

std::uint64_t fileSize(const fs::path& p)
{
    std::error_code ec;
    const auto n = fs::file_size(p, ec);
    return ec ? 0 : static_cast<std::uint64_t>(n);
}

Result<nlohmann::json> readJson(const fs::path& path)
{
    auto text = readWholeFile(path);
    if (!text) {
        return std::move(text).error();
    }
    nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        return Error(Errc::BadModelFile, "not a valid JSON object").inFile(path.string());
    }
    return j;
}

/// A Hugging Face folder's config.json, parsed.
struct HfConfig
{
    fs::path path;
    nlohmann::json json;
};

Result<HfConfig> readHfConfig(const fs::path& dir, const char* what, const char* configWhy)
{
    if (auto r = requireFolder(dir, what); !r) {
        return r.error();
    }
    auto configPath = requireFile(dir, "config.json", configWhy);
    if (!configPath) {
        return configPath.error();
    }
    auto config = readJson(*configPath);
    if (!config) {
        return config.error();
    }
    return HfConfig{*configPath, std::move(*config)};
}

} // namespace

Result<void> checkWeightsFileHeader(const fs::path& path)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        return Error(Errc::FileNotFound, "the weights file does not exist").inFile(path.string());
    }
    if (fileSize(path) == 0) {
        return Error(Errc::BadModelFile, "the weights file is empty").inFile(path.string());
    }
    if (isLfsPointer(path)) {
        return lfsPointerError(path);
    }
    if (path.extension() == ".ckpt" || path.extension() == ".pt" || path.extension() == ".pth") {
        // torch.save writes a zip archive.
        if (fileHead(path, 4) != std::string("PK\x03\x04", 4)) {
            return Error(Errc::BadModelFile, "not a torch.save checkpoint (no zip signature)")
                .inFile(path.string());
        }
        return {};
    }
    auto st = SafetensorsFile::open(path);
    if (!st) {
        return std::move(st).error();
    }
    return {};
}

Result<TextEncoderFolderInfo> inspectQwenFolder(const fs::path& dir)
{
    auto hf = readHfConfig(dir, "Qwen3", "the Qwen3 model config");
    if (!hf) {
        return hf.error();
    }
    const fs::path* configPath = &hf->path;
    const nlohmann::json* config = &hf->json;
    TextEncoderFolderInfo info;
    info.name = dir.filename().string();
    info.modelType = config->value("model_type", "");
    if (info.modelType != "qwen3") {
        return Error(Errc::BadModelFile, "not a Qwen3 model folder")
            .inFile(configPath->string())
            .at("model_type")
            .mismatch("qwen3", info.modelType.empty() ? "(none)" : info.modelType);
    }
    info.hiddenSize = config->value("hidden_size", 0);
    if (info.hiddenSize <= 0) {
        return Error(Errc::BadModelFile, "missing or invalid hidden_size")
            .inFile(configPath->string())
            .at("hidden_size");
    }
    if (auto t = requireFile(dir, "tokenizer.json", "the Qwen3 tokenizer"); !t) {
        return t.error();
    }
    std::error_code ec;
    const fs::path index = dir / "model.safetensors.index.json";
    if (fs::is_regular_file(index, ec)) {
        auto j = readJson(index);
        if (!j) {
            return j.error();
        }
        if (!j->contains("weight_map") || !j->at("weight_map").is_object()) {
            return Error(Errc::BadModelFile, "missing weight_map")
                .inFile(index.string())
                .at("weight_map");
        }
        std::set<std::string> shards;
        for (const auto& [tensor, shard] : j->at("weight_map").items()) {
            if (shard.is_string()) {
                shards.insert(shard.get<std::string>());
            }
        }
        for (const std::string& shard : shards) {
            const fs::path p = dir / shard;
            if (!fs::is_regular_file(p, ec)) {
                return Error(Errc::FileNotFound,
                             "a weights shard listed in model.safetensors.index.json is missing "
                             "(incomplete download?)")
                    .inFile(dir.string())
                    .at(shard);
            }
            if (isLfsPointer(p)) {
                return lfsPointerError(p);
            }
            info.weightFiles.push_back(p);
            info.weightsBytes += fileSize(p);
        }
        // The LM head (vocab x hidden; 1.16 GiB in Qwen3-8B's bf16 shards) is never loaded: the
        // pipeline uses the last hidden state only.
        if (j->at("weight_map").contains("lm_head.weight") &&
            !config->value("tie_word_embeddings", false)) {
            const std::uint64_t bytesPerValue =
                config->value("torch_dtype", std::string("bfloat16")) == "float32" ? 4 : 2;
            const std::uint64_t lmHead =
                static_cast<std::uint64_t>(
                    std::max<std::int64_t>(0, config->value("vocab_size", std::int64_t{0}))) *
                static_cast<std::uint64_t>(info.hiddenSize) * bytesPerValue;
            info.weightsBytes -= std::min(lmHead, info.weightsBytes);
        }
    } else if (fs::is_regular_file(dir / "model.safetensors", ec)) {
        const fs::path p = dir / "model.safetensors";
        if (auto r = checkWeightsFileHeader(p); !r) {
            return r.error();
        }
        info.weightFiles.push_back(p);
        info.weightsBytes = fileSize(p);
    } else {
        return Error(Errc::FileNotFound, "no weights found (expected model.safetensors or "
                                         "model.safetensors.index.json with its shards)")
            .inFile(dir.string());
    }
    return info;
}

Result<TextEncoderFolderInfo> inspectClipFolder(const fs::path& dir)
{
    auto hf = readHfConfig(dir, "CLIP", "the CLIP model config");
    if (!hf) {
        return hf.error();
    }
    const fs::path* configPath = &hf->path;
    const nlohmann::json* config = &hf->json;
    TextEncoderFolderInfo info;
    info.name = dir.filename().string();
    info.modelType = config->value("model_type", "");
    if (info.modelType == "clip") {
        const auto text = config->find("text_config");
        info.hiddenSize =
            text != config->end() && text->is_object() ? text->value("hidden_size", 0) : 0;
    } else if (info.modelType == "clip_text_model") {
        info.hiddenSize = config->value("hidden_size", 0);
    } else {
        return Error(Errc::BadModelFile, "not a CLIP model folder")
            .inFile(configPath->string())
            .at("model_type")
            .mismatch("clip or clip_text_model",
                      info.modelType.empty() ? "(none)" : info.modelType);
    }
    if (info.hiddenSize <= 0) {
        return Error(Errc::BadModelFile, "missing or invalid text hidden_size")
            .inFile(configPath->string())
            .at(info.modelType == "clip" ? "text_config.hidden_size" : "hidden_size");
    }
    for (const char* name : {"vocab.json", "merges.txt"}) {
        if (auto t = requireFile(dir, name, "the CLIP tokenizer"); !t) {
            return t.error();
        }
    }
    auto weights = requireFile(dir, "model.safetensors", "the CLIP weights in safetensors form");
    if (!weights) {
        return weights.error();
    }
    if (isLfsPointer(*weights)) {
        return lfsPointerError(*weights);
    }
    auto st = SafetensorsFile::open(*weights);
    if (!st) {
        return std::move(st).error();
    }
    // Only the text tower runs; the vision tower of the full CLIP checkpoint stays on disk.
    for (const TensorView& t : st->tensors()) {
        if (t.name.rfind("vision_model.", 0) == 0 || t.name == "visual_projection.weight") {
            continue;
        }
        info.weightsBytes += t.bytes.size();
    }
    info.weightFiles.push_back(*weights);
    return info;
}

Result<MannequinFolderInfo> inspectMannequinFolder(const fs::path& dir)
{
    if (auto r = requireFolder(dir, "mannequin assets"); !r) {
        return r.error();
    }
    std::error_code ec;
    MannequinFolderInfo info;
    for (const fs::path& candidate :
         {dir, dir / "dump_wooden", dir / "scripts/gradio/static/assets/dump_wooden"}) {
        if (fs::is_regular_file(candidate / "j_template.bin", ec)) {
            info.assetsDir = candidate;
            break;
        }
    }
    if (info.assetsDir.empty()) {
        return Error(Errc::FileNotFound,
                     "no mannequin assets found (expected j_template.bin and kintree.bin, in this "
                     "folder or in scripts/gradio/static/assets/dump_wooden of the official "
                     "repository)")
            .inFile(dir.string());
    }
    for (const char* name : {"j_template.bin", "kintree.bin"}) {
        auto p = requireFile(info.assetsDir, name, "the mannequin skeleton");
        if (!p) {
            return p.error();
        }
        if (isLfsPointer(*p)) {
            return lfsPointerError(*p);
        }
    }
    info.hasMesh = true;
    for (const char* name : {"v_template.bin", "faces.bin", "skinWeights.bin", "skinIndice.bin"}) {
        const fs::path p = info.assetsDir / name;
        if (!fs::is_regular_file(p, ec)) {
            info.hasMesh = false;
        } else if (isLfsPointer(p)) {
            return lfsPointerError(p);
        }
    }
    return info;
}

} // namespace pw
