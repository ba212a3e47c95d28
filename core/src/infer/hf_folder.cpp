// SPDX-License-Identifier: Apache-2.0
// Torch-free on purpose (cheap to compile): folder layout and validation only.
#include "hf_folder.h"

#include <pw/core/atomic_file.h>

#include <algorithm>
#include <chrono>

namespace pw::infer {

using Json = nlohmann::json;

// ---------------------------------------------------------------------------------------------
JsonConfig JsonConfig::load(const std::filesystem::path& file)
{
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
        fail(Error(Errc::FileNotFound, "config file not found").inFile(file.string()));
    }
    const std::string text = readWholeFile(file).value();
    Json j;
    try {
        j = Json::parse(text);
    } catch (const Json::exception& e) {
        fail(Error(Errc::BadModelFile, std::string("malformed JSON: ") + e.what())
                 .inFile(file.string()));
    }
    if (!j.is_object()) {
        fail(Error(Errc::BadModelFile, "expected a JSON object").inFile(file.string()));
    }
    return JsonConfig(std::move(j), file.string());
}

JsonConfig::JsonConfig(Json j, std::string file, std::string prefix)
    : m_json(std::move(j)), m_file(std::move(file)), m_prefix(std::move(prefix))
{
}

void JsonConfig::bad(const std::string& key, const std::string& message,
                     const std::string& expected, const std::string& found) const
{
    Error e(Errc::BadModelFile, message);
    e.file = m_file;
    e.item = m_prefix + key;
    e.expected = expected;
    e.found = found;
    fail(std::move(e));
}

const Json* JsonConfig::find(const std::string& key) const
{
    const auto it = m_json.find(key);
    return it == m_json.end() ? nullptr : &*it;
}

JsonConfig JsonConfig::section(const std::string& key) const
{
    const Json* j = find(key);
    if (j == nullptr || !j->is_object()) {
        bad(key, "missing or malformed section", "a JSON object", j ? j->dump() : "nothing");
    }
    return JsonConfig(*j, m_file, m_prefix + key + ".");
}

bool JsonConfig::has(const std::string& key) const
{
    return find(key) != nullptr;
}

bool JsonConfig::isNull(const std::string& key) const
{
    const Json* j = find(key);
    return j == nullptr || j->is_null();
}

std::int64_t JsonConfig::requireInt(const std::string& key, std::int64_t minimum) const
{
    const Json* j = find(key);
    if (j == nullptr || j->is_null()) {
        bad(key, "missing field", "an integer >= " + std::to_string(minimum), "nothing");
    }
    if (!j->is_number_integer()) {
        bad(key, "not an integer", "an integer >= " + std::to_string(minimum), j->dump());
    }
    const auto v = j->get<std::int64_t>();
    if (v < minimum) {
        bad(key, "value out of range", ">= " + std::to_string(minimum), std::to_string(v));
    }
    return v;
}

std::int64_t JsonConfig::intOr(const std::string& key, std::int64_t fallback,
                               std::int64_t minimum) const
{
    const Json* j = find(key);
    if (j == nullptr || j->is_null()) {
        return fallback;
    }
    return requireInt(key, minimum);
}

double JsonConfig::numberOr(const std::string& key, double fallback) const
{
    const Json* j = find(key);
    if (j == nullptr || j->is_null()) {
        return fallback;
    }
    if (!j->is_number()) {
        bad(key, "not a number", "a number", j->dump());
    }
    return j->get<double>();
}

double JsonConfig::requirePositive(const std::string& key) const
{
    const Json* j = find(key);
    if (j == nullptr || j->is_null()) {
        bad(key, "missing field", "a positive number", "nothing");
    }
    if (!j->is_number() || !(j->get<double>() > 0.0)) {
        bad(key, "value out of range", "a positive number", j->dump());
    }
    return j->get<double>();
}

std::string JsonConfig::stringOr(const std::string& key, const std::string& fallback) const
{
    const Json* j = find(key);
    if (j == nullptr || j->is_null()) {
        return fallback;
    }
    if (!j->is_string()) {
        bad(key, "not a string", "a string", j->dump());
    }
    return j->get<std::string>();
}

bool JsonConfig::boolOr(const std::string& key, bool fallback) const
{
    const Json* j = find(key);
    if (j == nullptr || j->is_null()) {
        return fallback;
    }
    if (!j->is_boolean()) {
        bad(key, "not a boolean", "true or false", j->dump());
    }
    return j->get<bool>();
}

// ---------------------------------------------------------------------------------------------
std::string fileIdentity(const std::filesystem::path& file)
{
    std::error_code ec;
    const auto canonical = std::filesystem::weakly_canonical(file, ec);
    const std::string name = ec ? file.string() : canonical.string();
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) {
        return name + ":missing";
    }
    const auto mtime = std::filesystem::last_write_time(file, ec);
    const auto ticks = ec ? 0 : mtime.time_since_epoch().count();
    return name + ":" + std::to_string(size) + ":" + std::to_string(ticks);
}

HfWeights HfWeights::open(const std::filesystem::path& dir)
{
    HfWeights w;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        fail(Error(Errc::FileNotFound, "model folder does not exist").inFile(dir.string()));
    }
    const auto indexPath = dir / "model.safetensors.index.json";
    const auto singlePath = dir / "model.safetensors";

    std::vector<std::string> shardNames;
    std::map<std::string, std::string> mapped; // tensor -> shard, from the index
    if (std::filesystem::exists(indexPath, ec)) {
        const JsonConfig index = JsonConfig::load(indexPath);
        if (!index.has("weight_map") || !index.raw()["weight_map"].is_object() ||
            index.raw()["weight_map"].empty()) {
            index.bad("weight_map", "malformed index: expected a non-empty weight_map object");
        }
        for (const auto& [tensor, shard] : index.raw()["weight_map"].items()) {
            if (!shard.is_string() || shard.get<std::string>().empty() ||
                shard.get<std::string>().find('/') != std::string::npos ||
                shard.get<std::string>().find("..") != std::string::npos) {
                index.bad("weight_map." + tensor,
                          "malformed index: a shard must be a file name in the folder",
                          "\"model-0000N-of-0000M.safetensors\"", shard.dump());
            }
            const std::string name = shard.get<std::string>();
            mapped[tensor] = name;
            if (std::find(shardNames.begin(), shardNames.end(), name) == shardNames.end()) {
                shardNames.push_back(name);
            }
        }
        for (const std::string& shard : shardNames) {
            if (!std::filesystem::exists(dir / shard, ec)) {
                fail(Error(Errc::FileNotFound,
                           "a weights shard named by model.safetensors.index.json is missing "
                           "(incomplete download?)")
                         .inFile((dir / shard).string())
                         .at(indexPath.string()));
            }
        }
        w.m_identity = fileIdentity(indexPath);
        w.m_indexPath = indexPath.string();
    } else if (std::filesystem::exists(singlePath, ec)) {
        shardNames.push_back("model.safetensors");
    } else {
        std::string hint;
        if (std::filesystem::exists(dir / "pytorch_model.bin", ec) ||
            std::filesystem::exists(dir / "pytorch_model.bin.index.json", ec)) {
            hint = " (only pytorch_model.bin found: download the .safetensors files)";
        }
        fail(Error(Errc::FileNotFound, "no safetensors weights in the folder" + hint)
                 .inFile(dir.string())
                 .mismatch("model.safetensors.index.json + shards, or model.safetensors",
                           "neither"));
    }

    for (const std::string& shard : shardNames) {
        auto file = SafetensorsFile::open(dir / shard);
        if (!file) {
            fail(std::move(file).error());
        }
        const std::size_t index = w.m_files.size();
        w.m_files.push_back(std::make_shared<SafetensorsFile>(std::move(*file)));
        const auto& f = *w.m_files.back();
        for (const TensorView& t : f.tensors()) {
            if (!mapped.empty()) {
                const auto it = mapped.find(t.name);
                if (it == mapped.end() || it->second != shard) {
                    continue; // the index is authoritative, as in transformers
                }
            }
            w.m_where[t.name] = index;
            w.m_names.push_back(t.name);
            w.m_totalBytes += t.bytes.size();
        }
        w.m_identity += (w.m_identity.empty() ? "" : ";") + fileIdentity(dir / shard);
    }
    for (const auto& [tensor, shard] : mapped) {
        if (w.m_where.find(tensor) == w.m_where.end()) {
            fail(Error(Errc::BadModelFile,
                       "model.safetensors.index.json maps a tensor to a shard that does not "
                       "contain it")
                     .inFile((dir / shard).string())
                     .at(tensor));
        }
    }
    return w;
}

const TensorView* HfWeights::find(const std::string& name) const
{
    const auto it = m_where.find(name);
    return it == m_where.end() ? nullptr : m_files[it->second]->find(name);
}

const TensorView& HfWeights::require(const std::string& name, std::vector<std::int64_t> shape) const
{
    const auto it = m_where.find(name);
    if (it == m_where.end()) {
        // Sharded: the index is where the tensor should have been listed.
        const std::string where = !m_indexPath.empty() ? m_indexPath
                                  : m_files.empty()    ? std::string()
                                                       : m_files.front()->label();
        fail(Error(Errc::BadModelFile, "missing tensor (not the expected model?)")
                 .inFile(where)
                 .at(name)
                 .mismatch(shapeString(shape), "nothing"));
    }
    const SafetensorsFile& file = *m_files[it->second];
    const TensorView* t = file.find(name);
    if (t->shape != shape) {
        fail(Error(Errc::BadModelFile, "tensor shape mismatch (config.json and weights disagree)")
                 .inFile(file.label())
                 .at(name)
                 .mismatch(shapeString(shape), shapeString(t->shape)));
    }
    if (t->dtype != DType::F32 && t->dtype != DType::F16 && t->dtype != DType::BF16) {
        fail(Error(Errc::BadModelFile, "unsupported weight dtype")
                 .inFile(file.label())
                 .at(name)
                 .mismatch("F32, F16 or BF16", dtypeName(t->dtype)));
    }
    return *t;
}

std::shared_ptr<const void> HfWeights::keepAlive(const std::string& name) const
{
    const auto it = m_where.find(name);
    PW_ASSERT(it != m_where.end());
    return m_files[it->second]->keepAlive();
}

std::string HfWeights::fileOf(const std::string& name) const
{
    const auto it = m_where.find(name);
    return it == m_where.end() ? std::string() : m_files[it->second]->label();
}

std::string HfWeights::identity() const
{
    return m_identity;
}

} // namespace pw::infer
