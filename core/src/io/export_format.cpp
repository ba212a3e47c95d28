// SPDX-License-Identifier: Apache-2.0
#include "ascii.h"

#include <pw/io/export_format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>

namespace pw::io {
namespace {

using detail::asciiLower;

constexpr std::array kAll{ExportFormat::Fbx, ExportFormat::Bvh, ExportFormat::Glb,
                          ExportFormat::Json};

} // namespace

const char* formatName(ExportFormat format) noexcept
{
    switch (format) {
    case ExportFormat::Fbx:
        return "fbx";
    case ExportFormat::Bvh:
        return "bvh";
    case ExportFormat::Glb:
        return "glb";
    case ExportFormat::Json:
        return "json";
    }
    return "?";
}

const char* formatExtension(ExportFormat format) noexcept
{
    switch (format) {
    case ExportFormat::Fbx:
        return ".fbx";
    case ExportFormat::Bvh:
        return ".bvh";
    case ExportFormat::Glb:
        return ".glb";
    case ExportFormat::Json:
        return ".json";
    }
    return "";
}

Result<ExportFormat> parseFormat(std::string_view name)
{
    const std::string n = asciiLower(name);
    for (ExportFormat f : kAll) {
        if (n == formatName(f)) {
            return f;
        }
    }
    if (n == "gltf") {
        return ExportFormat::Glb;
    }
    return Error(Errc::InvalidArgument, "unknown export format")
        .at("format")
        .mismatch("fbx, bvh, glb or json", std::string(name));
}

Result<ExportFormat> formatFromPath(std::string_view path)
{
    const std::string ext = asciiLower(std::filesystem::path(path).extension().string());
    for (ExportFormat f : kAll) {
        if (ext == formatExtension(f)) {
            return f;
        }
    }
    return Error(Errc::InvalidArgument, "cannot tell the export format from the file extension")
        .inFile(std::string(path))
        .mismatch(".fbx, .bvh, .glb or .json", ext.empty() ? "no extension" : ext);
}

} // namespace pw::io
