// SPDX-License-Identifier: Apache-2.0
// Posewright's motion JSON (docs/export.md): the machine-readable export for pipelines and
// tests. Always metres, Y up, after ground alignment, trim and in-place.
#include "export_scene.h"

#include <pw/core/forward_kinematics.h>
#include <pw/core/version.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace pw::io::detail {
namespace {

// A float as the shortest double that prints back to the same float (<= 9 significant digits),
// so the JSON stays compact and float32 values round-trip exactly.
double compact(float v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(v));
    return std::strtod(buf, nullptr);
}

} // namespace

std::string encodeJson(const ExportScene& scene)
{
    using nlohmann::json;
    const MotionClip& clip = scene.clip;
    const Skeleton& sk = *clip.skeleton;
    const int n = sk.jointCount();
    json j;
    j["format"] = "posewright.motion";
    j["version"] = 1;
    if (clip.fps == std::round(clip.fps)) {
        j["fps"] = static_cast<int>(clip.fps);
    } else {
        j["fps"] = compact(clip.fps);
    }
    j["frames"] = clip.frameCount;
    j["joints"] = scene.jointNames;
    j["parents"] = sk.parents;
    json rest = json::array();
    for (const auto& p : sk.restPositions) {
        rest.push_back({compact(p.x), compact(p.y), compact(p.z)});
    }
    j["rest_positions"] = std::move(rest);
    json positions = json::array();
    json rotations = json::array();
    json root = json::array();
    std::vector<glm::vec3> world;
    for (int f = 0; f < clip.frameCount; ++f) {
        world = worldPositions(clip, f);
        json pf = json::array();
        json rf = json::array();
        for (int k = 0; k < n; ++k) {
            const auto& p = world[static_cast<std::size_t>(k)];
            pf.push_back({compact(p.x), compact(p.y), compact(p.z)});
            const glm::quat& q = clip.rotation(f, k);
            rf.push_back({compact(q.w), compact(q.x), compact(q.y), compact(q.z)});
        }
        positions.push_back(std::move(pf));
        rotations.push_back(std::move(rf));
        const glm::vec3& t = clip.rootTranslation[static_cast<std::size_t>(f)];
        root.push_back({compact(t.x), compact(t.y), compact(t.z)});
    }
    j["positions"] = std::move(positions);
    j["rotations"] = std::move(rotations);
    j["root_translation"] = std::move(root);
    const auto& o = scene.options;
    j["export"] = {{"units", "m"},
                   {"up_axis", "y"},
                   {"ground_aligned", o.groundAlign},
                   {"ground_offset", compact(scene.groundOffset)},
                   {"in_place", o.inPlace},
                   {"trim", o.trim ? json::array({o.trim->begin, o.trim->end}) : json(nullptr)},
                   {"app_version", kVersion}};
    if (scene.take != nullptr) {
        const Take& t = *scene.take;
        const auto& p = t.params;
        const auto& m = t.model;
        j["take"] = {{"id", t.id},
                     {"prompt", t.prompt},
                     {"seed", t.seed},
                     {"created_utc", t.createdUtc},
                     {"parameters",
                      {{"duration_sec", p.durationSec},
                       {"frames", p.frames},
                       {"cfg_scale", compact(p.cfgScale)},
                       {"steps", p.steps},
                       {"device", p.device},
                       {"precision", p.precision},
                       {"text_max_length", p.textMaxLength},
                       {"trimmed", p.trimmed}}},
                     {"model",
                      {{"name", m.name},
                       {"weights_file", m.weightsFile},
                       {"weights_bytes", m.weightsBytes},
                       {"config_sha256", m.configSha256}}}};
    } else {
        j["take"] = nullptr;
    }
    return j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

} // namespace pw::io::detail
