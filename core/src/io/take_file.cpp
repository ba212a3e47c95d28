// SPDX-License-Identifier: Apache-2.0
// The .pwtake format (docs/take-format.md): a safetensors file whose tensors hold the motion
// (float32, lossless) and whose metadata holds the take's description as one JSON document.
#include <pw/core/atomic_file.h>
#include <pw/core/log.h>
#include <pw/core/safetensors.h>
#include <pw/io/take_file.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace pw::io {
namespace {

constexpr const char* kFormatName = "posewright.take";
constexpr int kFormatVersion = 1;
constexpr const char* kRootTranslation = "motion.root_translation";
constexpr const char* kLocalRotation = "motion.local_rotation";
constexpr const char* kRestPositions = "skeleton.rest_positions";

using nlohmann::json;

Error badTake(const std::filesystem::path& path, std::string message)
{
    return Error(Errc::BadInput, std::move(message)).inFile(path.string());
}

// Checks a clip before writing: a take file must never hold inconsistent sizes.
Result<void> validateClip(const MotionClip& clip)
{
    if (!clip.skeleton || clip.skeleton->jointCount() == 0) {
        return Error(Errc::InvalidArgument, "the take's motion has no skeleton").at("motion");
    }
    const auto& s = *clip.skeleton;
    const auto n = static_cast<std::size_t>(s.jointCount());
    if (s.parents.size() != n || s.restPositions.size() != n) {
        return Error(Errc::InvalidArgument, "skeleton arrays have different lengths")
            .at("skeleton")
            .mismatch(std::to_string(n) + " parents and rest positions",
                      std::to_string(s.parents.size()) + " parents, " +
                          std::to_string(s.restPositions.size()) + " rest positions");
    }
    const auto f = static_cast<std::size_t>(clip.frameCount);
    if (clip.frameCount <= 0 || clip.rootTranslation.size() != f ||
        clip.localRotation.size() != f * n) {
        return Error(Errc::InvalidArgument, "motion arrays do not match the frame count")
            .at("motion")
            .mismatch(std::to_string(f) + " translations and " + std::to_string(f * n) +
                          " rotations",
                      std::to_string(clip.rootTranslation.size()) + " translations and " +
                          std::to_string(clip.localRotation.size()) + " rotations");
    }
    if (!(clip.fps > 0.0f) || !std::isfinite(clip.fps)) {
        return Error(Errc::InvalidArgument, "frame rate must be positive")
            .at("fps")
            .mismatch("> 0", std::to_string(clip.fps));
    }
    return {};
}

json describe(const Take& take)
{
    const MotionClip& clip = *take.motion;
    json j;
    j["id"] = take.id;
    j["prompt"] = take.prompt;
    j["seed"] = take.seed;
    j["candidate_index"] = take.candidateIndex;
    j["created_utc"] = take.createdUtc;
    j["app_version"] = take.appVersion;
    const auto& p = take.params;
    j["params"] = {{"duration_sec", p.durationSec},
                   {"frames", p.frames},
                   {"cfg_scale", p.cfgScale},
                   {"steps", p.steps},
                   {"device", p.device},
                   {"precision", p.precision},
                   {"text_max_length", p.textMaxLength},
                   {"trimmed", p.trimmed}};
    const auto& m = take.model;
    j["model"] = {{"name", m.name},
                  {"dir", m.dir},
                  {"weights_file", m.weightsFile},
                  {"weights_bytes", m.weightsBytes},
                  {"config_sha256", m.configSha256},
                  {"qwen_dir", m.qwenDir},
                  {"clip_dir", m.clipDir}};
    j["motion"] = {{"fps", clip.fps},
                   {"frames", clip.frameCount},
                   {"joints", clip.skeleton->names},
                   {"parents", clip.skeleton->parents}};
    return j;
}

// Typed access to the take JSON with errors naming the field.
class Reader
{
  public:
    Reader(const std::filesystem::path& path) : m_path(path) {}

    const json& object(const json& parent, const char* key, const std::string& where) const
    {
        const json& v = member(parent, key, where);
        if (!v.is_object()) {
            fail(badTake(m_path, "field must be an object").at(where + key));
        }
        return v;
    }
    std::string string(const json& parent, const char* key, const std::string& where) const
    {
        const json& v = member(parent, key, where);
        if (!v.is_string()) {
            fail(typeError(where + key, "a string", v));
        }
        return v.get<std::string>();
    }
    double number(const json& parent, const char* key, const std::string& where) const
    {
        const json& v = member(parent, key, where);
        if (!v.is_number()) {
            fail(typeError(where + key, "a number", v));
        }
        return v.get<double>();
    }
    std::int64_t integer(const json& parent, const char* key, const std::string& where) const
    {
        const json& v = member(parent, key, where);
        if (!v.is_number_integer()) {
            fail(typeError(where + key, "an integer", v));
        }
        return v.get<std::int64_t>();
    }
    std::uint64_t unsignedInteger(const json& parent, const char* key,
                                  const std::string& where) const
    {
        const json& v = member(parent, key, where);
        if (!v.is_number_unsigned()) {
            fail(typeError(where + key, "a non-negative integer", v));
        }
        return v.get<std::uint64_t>();
    }
    bool boolean(const json& parent, const char* key, const std::string& where) const
    {
        const json& v = member(parent, key, where);
        if (!v.is_boolean()) {
            fail(typeError(where + key, "true or false", v));
        }
        return v.get<bool>();
    }
    Error typeError(const std::string& field, const char* expected, const json& found) const
    {
        return badTake(m_path, "field has the wrong type")
            .at(field)
            .mismatch(expected, found.type_name());
    }

  private:
    const json& member(const json& parent, const char* key, const std::string& where) const
    {
        auto it = parent.find(key);
        if (it == parent.end()) {
            fail(badTake(m_path, "missing field").at(where + key));
        }
        return *it;
    }
    std::filesystem::path m_path;
};

std::vector<float> tensorData(const SafetensorsFile& file, const std::filesystem::path& path,
                              const char* name, std::vector<std::int64_t> shape)
{
    const TensorView* t = file.find(name);
    if (t == nullptr) {
        fail(badTake(path, "missing tensor").at(name));
    }
    if (t->dtype != DType::F32 || t->shape != shape) {
        fail(badTake(path, "tensor has the wrong type or shape")
                 .at(name)
                 .mismatch("F32 " + shapeString(shape),
                           std::string(dtypeName(t->dtype)) + " " + shapeString(t->shape)));
    }
    auto values = t->toFloat32();
    if (!values) {
        fail(std::move(values).error());
    }
    for (std::size_t i = 0; i < values->size(); ++i) {
        if (!std::isfinite((*values)[i])) {
            fail(badTake(path, "tensor has a non-finite value")
                     .at(std::string(name) + "[" + std::to_string(i) + "]"));
        }
    }
    return std::move(*values);
}

Take loadOrThrow(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        fail(Error(Errc::FileNotFound, "take file does not exist").inFile(path.string()));
    }
    auto opened = SafetensorsFile::open(path);
    if (!opened) {
        Error e = std::move(opened).error();
        if (e.code == Errc::BadModelFile) {
            e.code = Errc::BadInput; // a take is not a model file
            e.message = "not a valid take file: " + e.message;
        }
        fail(std::move(e));
    }
    const SafetensorsFile& file = *opened;
    const auto& meta = file.metadata();
    auto format = meta.find("format");
    if (format == meta.end() || format->second != kFormatName) {
        fail(badTake(path, "not a Posewright take (safetensors without take metadata)")
                 .at("__metadata__.format")
                 .mismatch(kFormatName, format == meta.end() ? "absent" : format->second));
    }
    auto versionIt = meta.find("format_version");
    int version = 0;
    try {
        version = versionIt == meta.end() ? 0 : std::stoi(versionIt->second);
    } catch (const std::exception&) {
        version = 0;
    }
    if (version < 1) {
        fail(badTake(path, "missing or malformed take format version")
                 .at("__metadata__.format_version")
                 .mismatch("1", versionIt == meta.end() ? "absent" : versionIt->second));
    }
    if (version > kFormatVersion) {
        fail(badTake(path, "unsupported take format version (written by a newer Posewright?)")
                 .at("__metadata__.format_version")
                 .mismatch("at most " + std::to_string(kFormatVersion), versionIt->second));
    }
    auto takeIt = meta.find("take");
    if (takeIt == meta.end()) {
        fail(badTake(path, "missing take description").at("__metadata__.take"));
    }
    json j;
    try {
        j = json::parse(takeIt->second);
    } catch (const json::exception& e) {
        fail(
            badTake(path, std::string("malformed take JSON: ") + e.what()).at("__metadata__.take"));
    }
    if (!j.is_object()) {
        fail(badTake(path, "take description must be a JSON object").at("__metadata__.take"));
    }

    const Reader r(path);
    Take take;
    take.id = r.string(j, "id", "");
    take.prompt = r.string(j, "prompt", "");
    take.seed = r.unsignedInteger(j, "seed", "");
    take.candidateIndex = static_cast<int>(r.integer(j, "candidate_index", ""));
    take.createdUtc = r.string(j, "created_utc", "");
    take.appVersion = r.string(j, "app_version", "");
    const json& p = r.object(j, "params", "");
    take.params.durationSec = r.number(p, "duration_sec", "params.");
    take.params.frames = static_cast<int>(r.integer(p, "frames", "params."));
    take.params.cfgScale = static_cast<float>(r.number(p, "cfg_scale", "params."));
    take.params.steps = static_cast<int>(r.integer(p, "steps", "params."));
    take.params.device = r.string(p, "device", "params.");
    take.params.precision = r.string(p, "precision", "params.");
    take.params.textMaxLength = static_cast<int>(r.integer(p, "text_max_length", "params."));
    take.params.trimmed = r.boolean(p, "trimmed", "params.");
    const json& m = r.object(j, "model", "");
    take.model.name = r.string(m, "name", "model.");
    take.model.dir = r.string(m, "dir", "model.");
    take.model.weightsFile = r.string(m, "weights_file", "model.");
    take.model.weightsBytes = r.unsignedInteger(m, "weights_bytes", "model.");
    take.model.configSha256 = r.string(m, "config_sha256", "model.");
    take.model.qwenDir = r.string(m, "qwen_dir", "model.");
    take.model.clipDir = r.string(m, "clip_dir", "model.");

    const json& mo = r.object(j, "motion", "");
    const double fps = r.number(mo, "fps", "motion.");
    const std::int64_t frames = r.integer(mo, "frames", "motion.");
    if (!(fps > 0.0 && fps <= 1000.0)) {
        fail(badTake(path, "frame rate out of range")
                 .at("motion.fps")
                 .mismatch("0 < fps <= 1000", std::to_string(fps)));
    }
    if (frames < 1 || frames > 1'000'000) {
        fail(badTake(path, "frame count out of range")
                 .at("motion.frames")
                 .mismatch("1..1000000", std::to_string(frames)));
    }
    auto skeleton = std::make_shared<Skeleton>();
    const auto names = mo.find("joints");
    const auto parents = mo.find("parents");
    if (names == mo.end() || !names->is_array() || names->empty()) {
        fail(badTake(path, "missing or empty joint list").at("motion.joints"));
    }
    if (parents == mo.end() || !parents->is_array() || parents->size() != names->size()) {
        fail(badTake(path, "parents must list one entry per joint")
                 .at("motion.parents")
                 .mismatch(std::to_string(names->size()) + " entries",
                           parents == mo.end() ? "absent"
                                               : std::to_string(parents->size()) + " entries"));
    }
    for (std::size_t i = 0; i < names->size(); ++i) {
        const json& n = (*names)[i];
        const json& pa = (*parents)[i];
        if (!n.is_string()) {
            fail(r.typeError("motion.joints[" + std::to_string(i) + "]", "a string", n));
        }
        if (!pa.is_number_integer()) {
            fail(r.typeError("motion.parents[" + std::to_string(i) + "]", "an integer", pa));
        }
        const auto parent = pa.get<std::int64_t>();
        if ((i == 0 && parent != -1) ||
            (i > 0 && (parent < 0 || parent >= static_cast<std::int64_t>(i)))) {
            fail(badTake(path, "invalid parent index (parents must precede their children)")
                     .at("motion.parents[" + std::to_string(i) + "]")
                     .mismatch(i == 0 ? "-1" : "0.." + std::to_string(i - 1),
                               std::to_string(parent)));
        }
        skeleton->names.push_back(n.get<std::string>());
        skeleton->parents.push_back(static_cast<int>(parent));
    }
    const auto jointCount = static_cast<std::int64_t>(names->size());
    const auto rest = tensorData(file, path, kRestPositions, {jointCount, 3});
    for (std::size_t i = 0; i + 2 < rest.size(); i += 3) {
        skeleton->restPositions.emplace_back(rest[i], rest[i + 1], rest[i + 2]);
    }
    const auto trans = tensorData(file, path, kRootTranslation, {frames, 3});
    const auto rot = tensorData(file, path, kLocalRotation, {frames, jointCount, 4});

    auto clip = std::make_shared<MotionClip>();
    const auto body = Skeleton::smplhBody();
    const bool isBody = skeleton->names == body->names && skeleton->parents == body->parents &&
                        skeleton->restPositions == body->restPositions;
    clip->skeleton = isBody ? body : std::shared_ptr<const Skeleton>(std::move(skeleton));
    clip->fps = static_cast<float>(fps);
    clip->frameCount = static_cast<int>(frames);
    for (std::size_t i = 0; i + 2 < trans.size(); i += 3) {
        clip->rootTranslation.emplace_back(trans[i], trans[i + 1], trans[i + 2]);
    }
    clip->localRotation.reserve(rot.size() / 4);
    for (std::size_t i = 0; i + 3 < rot.size(); i += 4) {
        const glm::quat q(rot[i], rot[i + 1], rot[i + 2], rot[i + 3]); // w, x, y, z
        const float norm = glm::length(q);
        if (std::abs(norm - 1.0f) > 1e-3f) {
            fail(badTake(path, "rotation is not a unit quaternion")
                     .at(std::string(kLocalRotation) + "[frame " +
                         std::to_string(i / 4 / static_cast<std::size_t>(jointCount)) + ", joint " +
                         std::to_string(i / 4 % static_cast<std::size_t>(jointCount)) + "]")
                     .mismatch("|q| = 1", "|q| = " + std::to_string(norm)));
        }
        clip->localRotation.push_back(q);
    }
    take.motion = std::move(clip);
    return take;
}

} // namespace

Result<void> saveTake(const Take& take, const std::filesystem::path& path)
{
    if (!take.motion) {
        return Error(Errc::InvalidArgument, "the take has no motion").at("motion");
    }
    if (auto ok = validateClip(*take.motion); !ok) {
        return ok;
    }
    return guard([&] {
        const MotionClip& clip = *take.motion;
        const auto n = static_cast<std::int64_t>(clip.jointCount());
        const auto f = static_cast<std::int64_t>(clip.frameCount);
        std::vector<float> rest;
        for (const auto& p : clip.skeleton->restPositions) {
            rest.insert(rest.end(), {p.x, p.y, p.z});
        }
        std::vector<float> trans;
        trans.reserve(static_cast<std::size_t>(f) * 3);
        for (const auto& t : clip.rootTranslation) {
            trans.insert(trans.end(), {t.x, t.y, t.z});
        }
        std::vector<float> rot;
        rot.reserve(clip.localRotation.size() * 4);
        for (const auto& q : clip.localRotation) {
            rot.insert(rot.end(), {q.w, q.x, q.y, q.z});
        }
        const TensorToWrite tensors[] = {
            {kRootTranslation, {f, 3}, trans},
            {kLocalRotation, {f, n, 4}, rot},
            {kRestPositions, {n, 3}, rest},
        };
        const std::map<std::string, std::string> metadata = {
            {"format", kFormatName},
            {"format_version", std::to_string(kFormatVersion)},
            {"take", describe(take).dump(-1, ' ', false, json::error_handler_t::replace)},
        };
        if (auto ok = writeSafetensors(path, tensors, metadata); !ok) {
            fail(std::move(ok).error());
        }
        log::get(log::kIo)->debug("saved take {} ({} frames) to {}", take.id, f, path.string());
    });
}

Result<Take> loadTake(const std::filesystem::path& path)
{
    return guard([&] { return loadOrThrow(path); });
}

} // namespace pw::io
