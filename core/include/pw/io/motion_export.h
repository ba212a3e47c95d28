// SPDX-License-Identifier: Apache-2.0
#pragma once

// Motion exports: FBX (own binary writer), BVH, glTF binary (.glb, through Assimp) and
// Posewright's JSON. Every export is written to a temporary file in the destination folder and
// renamed into place, so the destination is never a half-written file. No Assimp types here.
// See docs/export.md for the presets, units and axes of each format.

#include <pw/core/body_mesh.h>
#include <pw/core/error.h>
#include <pw/core/motion_clip.h>
#include <pw/core/take.h>
#include <pw/io/export_format.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace pw::io {

/// Length unit of FBX and BVH files (glTF and JSON are always metres).
enum class LengthUnit { Centimetre, Metre };
/// Up axis of FBX files (BVH, glTF and JSON are always Y up, as their formats expect).
enum class UpAxis { Y, Z };
/// Target applications: each sets the unit and up axis its importer expects by default.
enum class ExportPreset {
    Blender, ///< metres, Z up (Blender's own axes: imported with scale 1 and no axis rotation)
    Maya,    ///< centimetres, Y up (Maya's defaults and FBX's native convention)
    Unreal,  ///< centimetres, Z up (Unreal Engine's units and axes)
    Unity,   ///< metres, Y up (Unity's units and axes)
};
/// BVH rotation channel order (per joint). ZXY is the most common (MotionBuilder, CMU).
enum class BvhRotationOrder { ZXY, XYZ };

/// A frame range [begin, end) of a clip (end exclusive).
struct FrameRange
{
    int begin = 0;
    int end = 0;
};

/// What an export writes. Defaults: the Maya preset, root motion kept, ground-aligned, skinned
/// built-in mannequin included.
struct ExportOptions
{
    ExportFormat format = ExportFormat::Fbx;
    LengthUnit unit = LengthUnit::Centimetre;
    UpAxis upAxis = UpAxis::Y;
    std::optional<FrameRange> trim; ///< frames to keep; nullopt: the whole clip
    bool inPlace = false;           ///< remove horizontal root motion (x and z of the root)
    bool groundAlign = true;        ///< lowest point of the clip (over all frames) on the floor
    std::string namePrefix;         ///< prepended to joint/mesh names, e.g. "pw:" (printable ASCII,
                                    ///< no spaces, quotes, braces or backslashes)
    bool includeMesh = true;        ///< FBX/glTF: a skinned body mesh bound to the skeleton
    SkinnedMeshPtr mesh;            ///< the body (and ground reference); null: built-in mannequin
    BvhRotationOrder bvhOrder = BvhRotationOrder::ZXY;
    int fbxVersion = 7400; ///< 7400 (FBX 2014/2015, most compatible) or 7500
};

/// "blender", "maya", "unreal", "unity".
const char* presetName(ExportPreset preset) noexcept;
/// Case-insensitive. Error: InvalidArgument naming the valid presets.
Result<ExportPreset> parsePreset(std::string_view name);
/// Sets the unit and up axis of `options` for `preset`.
void applyPreset(ExportOptions& options, ExportPreset preset);

/// Parses "A:B" (frames, end exclusive; "A:" to the end, ":B" from the start) for a clip of
/// `frameCount` frames. Error: InvalidArgument (malformed or out of range: 0 <= A < B <= frames).
Result<FrameRange> parseTrim(std::string_view text, int frameCount);

/// The clip exactly as it is exported (metres, Y up): ground-aligned over the whole clip (with
/// options.mesh or the built-in mannequin), then trimmed, then made in place.
/// Error: InvalidArgument (trim out of range, empty clip).
Result<MotionClip> prepareExportClip(const MotionClip& clip, const ExportOptions& options);

/// Exports `clip` to `path` in options.format. `take` (optional) adds the prompt, parameters,
/// seed and model to the formats that carry metadata (JSON; FBX and glTF name the animation
/// after the take). Thread: any (no shared state).
/// Errors: InvalidArgument (trim, options), IoError (folder missing or not writable),
/// ExportFailed (the writer failed, e.g. glTF in a build without Assimp).
Result<void> exportClip(const MotionClip& clip, const ExportOptions& options,
                        const std::filesystem::path& path, const Take* take = nullptr);

/// exportClip(*take.motion, options, path, &take). Error: InvalidArgument (take without motion).
Result<void> exportTake(const Take& take, const ExportOptions& options,
                        const std::filesystem::path& path);

/// The bytes of an export (the same as exportClip writes), for tests and previews.
Result<std::string> encodeExport(const MotionClip& clip, const ExportOptions& options,
                                 const Take* take = nullptr);

/// Whether this build can write `format` (glTF needs Assimp).
bool canExport(ExportFormat format) noexcept;

} // namespace pw::io
