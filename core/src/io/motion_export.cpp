// SPDX-License-Identifier: Apache-2.0
#include "ascii.h"
#include "export_scene.h"

#include <pw/core/atomic_file.h>
#include <pw/core/log.h>
#include <pw/core/motion_clip_ops.h>
#include <pw/io/motion_export.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <functional>

namespace pw::io {
namespace {

using detail::asciiLower;

constexpr ExportPreset kPresets[] = {ExportPreset::Blender, ExportPreset::Maya,
                                     ExportPreset::Unreal, ExportPreset::Unity};

std::optional<int> parseInt(std::string_view s)
{
    int value = 0;
    const auto* end = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(s.data(), end, value);
    if (ec != std::errc() || ptr != end) {
        return std::nullopt;
    }
    return value;
}

} // namespace

const char* presetName(ExportPreset preset) noexcept
{
    switch (preset) {
    case ExportPreset::Blender:
        return "blender";
    case ExportPreset::Maya:
        return "maya";
    case ExportPreset::Unreal:
        return "unreal";
    case ExportPreset::Unity:
        return "unity";
    }
    return "?";
}

Result<ExportPreset> parsePreset(std::string_view name)
{
    const std::string n = asciiLower(name);
    for (ExportPreset p : kPresets) {
        if (n == presetName(p)) {
            return p;
        }
    }
    return Error(Errc::InvalidArgument, "unknown export preset")
        .at("preset")
        .mismatch("blender, maya, unreal or unity", std::string(name));
}

void applyPreset(ExportOptions& options, ExportPreset preset)
{
    switch (preset) {
    case ExportPreset::Blender:
        options.unit = LengthUnit::Metre;
        options.upAxis = UpAxis::Z;
        break;
    case ExportPreset::Maya:
        options.unit = LengthUnit::Centimetre;
        options.upAxis = UpAxis::Y;
        break;
    case ExportPreset::Unreal:
        options.unit = LengthUnit::Centimetre;
        options.upAxis = UpAxis::Z;
        break;
    case ExportPreset::Unity:
        options.unit = LengthUnit::Metre;
        options.upAxis = UpAxis::Y;
        break;
    }
}

Result<FrameRange> parseTrim(std::string_view text, int frameCount)
{
    const auto colon = text.find(':');
    auto malformed = [&] {
        return Error(Errc::InvalidArgument, "malformed trim range")
            .at("trim")
            .mismatch("A:B (frames, end exclusive), A: or :B", std::string(text));
    };
    if (colon == std::string_view::npos || text.find(':', colon + 1) != std::string_view::npos) {
        return malformed();
    }
    const std::string_view a = text.substr(0, colon);
    const std::string_view b = text.substr(colon + 1);
    FrameRange r{0, frameCount};
    if (!a.empty()) {
        auto v = parseInt(a);
        if (!v) {
            return malformed();
        }
        r.begin = *v;
    }
    if (!b.empty()) {
        auto v = parseInt(b);
        if (!v) {
            return malformed();
        }
        r.end = *v;
    }
    if (r.begin < 0 || r.end > frameCount || r.begin >= r.end) {
        return Error(Errc::InvalidArgument, "trim range is outside the clip")
            .at("trim")
            .mismatch("frames A:B with 0 <= A < B <= " + std::to_string(frameCount),
                      std::string(text));
    }
    return r;
}

namespace {

// prepareExportClip plus the ground offset it applied (metres subtracted from the root's y).
Result<MotionClip> prepare(const MotionClip& clip, const ExportOptions& options,
                           float* groundOffset)
{
    if (!clip.skeleton || clip.frameCount <= 0) {
        return Error(Errc::InvalidArgument, "the motion is empty").at("motion");
    }
    MotionClip out = clip;
    float offset = 0.0f;
    if (options.groundAlign) {
        const SkinnedMesh* mesh = options.mesh ? options.mesh.get() : builtinMannequinMesh().get();
        offset = lowestPointY(out, mesh);
        out = groundAligned(out, offset);
    }
    if (options.trim) {
        auto t = trimmed(out, options.trim->begin, options.trim->end);
        if (!t) {
            return std::move(t).error();
        }
        out = std::move(*t);
    }
    if (options.inPlace) {
        out = inPlace(out);
    }
    if (groundOffset != nullptr) {
        *groundOffset = offset;
    }
    return out;
}

} // namespace

Result<MotionClip> prepareExportClip(const MotionClip& clip, const ExportOptions& options)
{
    return prepare(clip, options, nullptr);
}

bool canExport(ExportFormat format) noexcept
{
#ifdef PW_HAVE_ASSIMP
    (void)format;
    return true;
#else
    return format != ExportFormat::Glb;
#endif
}

Result<std::string> encodeExport(const MotionClip& clip, const ExportOptions& options,
                                 const Take* take)
{
    if (options.fbxVersion != 7400 && options.fbxVersion != 7500) {
        return Error(Errc::InvalidArgument, "unsupported FBX version")
            .at("fbxVersion")
            .mismatch("7400 or 7500", std::to_string(options.fbxVersion));
    }
    for (char c : options.namePrefix) {
        // Joint names must survive every format: BVH splits on whitespace, FBX and glTF names
        // are identifiers in most tools.
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || c == '"' || c == '{' || c == '}' || c == '\\') {
            return Error(Errc::InvalidArgument, "name prefix has a character joint names cannot "
                                                "carry")
                .at("namePrefix")
                .mismatch("printable ASCII without spaces, quotes, braces or backslashes",
                          options.namePrefix);
        }
    }
    detail::ExportScene scene;
    auto prepared = prepare(clip, options, &scene.groundOffset);
    if (!prepared) {
        return std::move(prepared).error();
    }
    scene.clip = std::move(*prepared);
    scene.options = options;
    scene.take = take;
    const SkinnedMeshPtr mesh = options.mesh ? options.mesh : builtinMannequinMesh();
    const bool meshFits =
        mesh->joints.empty() ||
        std::all_of(mesh->joints.begin(), mesh->joints.end(), [&](const auto& j) {
            return *std::max_element(j.begin(), j.end()) < scene.clip.jointCount();
        });
    if (!meshFits) {
        return Error(Errc::InvalidArgument, "the body mesh does not fit the motion's skeleton")
            .at("mesh");
    }
    scene.mesh = options.includeMesh ? mesh.get() : nullptr;
    for (const auto& n : scene.clip.skeleton->names) {
        scene.jointNames.push_back(options.namePrefix + n);
    }
    scene.meshName = options.namePrefix + (mesh->name.empty() ? "Body" : mesh->name);
    scene.animationName = take != nullptr && !take->id.empty() ? take->id : "Take 001";
    return guard([&]() -> std::string {
        switch (options.format) {
        case ExportFormat::Fbx:
            return detail::encodeFbx(scene);
        case ExportFormat::Bvh:
            return detail::encodeBvh(scene);
        case ExportFormat::Glb:
            return detail::encodeGlb(scene);
        case ExportFormat::Json:
            return detail::encodeJson(scene);
        }
        fail(Errc::InvalidArgument, "unknown export format");
    });
}

Result<void> exportClip(const MotionClip& clip, const ExportOptions& options,
                        const std::filesystem::path& path, const Take* take)
{
    auto bytes = encodeExport(clip, options, take);
    if (!bytes) {
        Error e = std::move(bytes).error();
        if (e.file.empty()) {
            e.file = path.string();
        }
        return e;
    }
    if (auto ok = writeFileAtomically(path, *bytes); !ok) {
        return ok;
    }
    log::get(log::kIo)->info("exported {} ({} frames, {} bytes) to {}", formatName(options.format),
                             options.trim ? options.trim->end - options.trim->begin
                                          : clip.frameCount,
                             bytes->size(), path.string());
    return {};
}

Result<void> exportTake(const Take& take, const ExportOptions& options,
                        const std::filesystem::path& path)
{
    if (!take.motion) {
        return Error(Errc::InvalidArgument, "the take has no motion").at("motion");
    }
    return exportClip(*take.motion, options, path, &take);
}

namespace detail {

std::vector<int> depthFirstOrder(const Skeleton& skeleton)
{
    const int n = skeleton.jointCount();
    std::vector<std::vector<int>> children(static_cast<std::size_t>(n));
    std::vector<int> roots;
    for (int j = 0; j < n; ++j) {
        const int p = skeleton.parents[static_cast<std::size_t>(j)];
        (p < 0 ? roots : children[static_cast<std::size_t>(p)]).push_back(j);
    }
    std::vector<int> order;
    std::function<void(int)> visit = [&](int j) {
        order.push_back(j);
        for (int c : children[static_cast<std::size_t>(j)]) {
            visit(c);
        }
    };
    for (int r : roots) {
        visit(r);
    }
    return order;
}

} // namespace detail
} // namespace pw::io
