// SPDX-License-Identifier: Apache-2.0
// Private, torch-free: reading Hugging Face model folders (config.json, safetensors weights,
// sharded through model.safetensors.index.json or a single model.safetensors), memory-mapped,
// with validation errors that name the file, the key or tensor, and what was expected.
// Functions throw pw::Exception; public entry points translate with pw::guard.
#pragma once

#include <pw/core/error.h>
#include <pw/core/safetensors.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace pw::infer {

/// A JSON config (or one of its sections) with typed, validated access.
class JsonConfig
{
  public:
    /// Reads and parses `file`. Throws FileNotFound / IoError / BadModelFile.
    static JsonConfig load(const std::filesystem::path& file);
    JsonConfig(nlohmann::json value, std::string file, std::string prefix = {});

    /// The object under `key` (errors name "key.field"). Throws BadModelFile if not an object.
    JsonConfig section(const std::string& key) const;
    bool has(const std::string& key) const;
    bool isNull(const std::string& key) const;

    /// A required integer >= minimum. Throws BadModelFile "missing field" / "out of range".
    std::int64_t requireInt(const std::string& key, std::int64_t minimum = 1) const;
    std::int64_t intOr(const std::string& key, std::int64_t fallback,
                       std::int64_t minimum = 0) const;
    double numberOr(const std::string& key, double fallback) const;
    /// A required positive number.
    double requirePositive(const std::string& key) const;
    std::string stringOr(const std::string& key, const std::string& fallback) const;
    bool boolOr(const std::string& key, bool fallback) const;

    const nlohmann::json& raw() const { return m_json; }
    const std::string& file() const { return m_file; }
    /// Throws BadModelFile naming the file and `key` (prefixed).
    [[noreturn]] void bad(const std::string& key, const std::string& message,
                          const std::string& expected = {}, const std::string& found = {}) const;

  private:
    const nlohmann::json* find(const std::string& key) const;
    nlohmann::json m_json;
    std::string m_file;
    std::string m_prefix;
};

/// The safetensors weights of a Hugging Face folder, memory-mapped (nothing is read until used).
class HfWeights
{
  public:
    /// Opens `dir`/model.safetensors.index.json and its shards, or `dir`/model.safetensors.
    /// Throws FileNotFound (no weights; a shard named by the index is missing), BadModelFile
    /// (malformed index; corrupt or truncated shard; a tensor the index maps to a shard that
    /// does not hold it).
    static HfWeights open(const std::filesystem::path& dir);

    /// nullptr when absent.
    const TensorView* find(const std::string& name) const;
    /// The tensor, which must have `shape` and a floating-point dtype. Throws BadModelFile
    /// "missing tensor" or "tensor shape mismatch" naming the shard, the tensor, expected and
    /// found shapes.
    const TensorView& require(const std::string& name, std::vector<std::int64_t> shape) const;
    /// The mapping holding `name` (a tensor viewing it keeps it alive).
    std::shared_ptr<const void> keepAlive(const std::string& name) const;
    /// The file holding `name`.
    std::string fileOf(const std::string& name) const;

    /// "path:size:mtime" of every weights file, for cache keys.
    std::string identity() const;
    std::uint64_t totalBytes() const { return m_totalBytes; }
    std::size_t tensorCount() const { return m_where.size(); }
    const std::vector<std::string>& names() const { return m_names; }

  private:
    std::vector<std::shared_ptr<SafetensorsFile>> m_files;
    std::map<std::string, std::size_t> m_where; ///< tensor -> index in m_files
    std::vector<std::string> m_names;
    std::uint64_t m_totalBytes = 0;
    std::string m_identity;
    std::string m_indexPath; ///< empty for a single model.safetensors
};

/// "path:size:mtime" of a file ("path:missing" if it is absent), for cache keys.
std::string fileIdentity(const std::filesystem::path& file);

} // namespace pw::infer
