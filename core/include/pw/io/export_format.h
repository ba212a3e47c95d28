// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>

#include <string>
#include <string_view>

namespace pw::io {

/// The motion file formats Posewright writes.
enum class ExportFormat {
    Fbx,  ///< Autodesk FBX 7.4 binary, written by our own writer
    Bvh,  ///< Biovision hierarchy
    Glb,  ///< glTF 2.0 binary
    Json, ///< Posewright's machine-readable motion JSON
};

/// Lower-case name as used on the command line: "fbx", "bvh", "glb", "json".
const char* formatName(ExportFormat format) noexcept;
/// File extension with the dot: ".fbx", ".bvh", ".glb", ".json".
const char* formatExtension(ExportFormat format) noexcept;
/// Parses a name (case-insensitive; "gltf" is accepted for glb). Error: InvalidArgument.
Result<ExportFormat> parseFormat(std::string_view name);
/// Guesses the format from a path's extension. Error: InvalidArgument.
Result<ExportFormat> formatFromPath(std::string_view path);

} // namespace pw::io
