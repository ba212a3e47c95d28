// SPDX-License-Identifier: Apache-2.0
// `posewright-cli export`: a saved take to FBX, BVH, glTF (.glb) or JSON.
#include "cli_context.h"

#include <pw/core/body_mesh.h>
#include <pw/io/motion_export.h>
#include <pw/io/take_file.h>

#include <cstdio>
#include <memory>
#include <string>

namespace pw::cli {
namespace {

struct ExportCliOptions
{
    std::string take;
    std::string format;
    std::string preset;
    std::string unit;
    std::string up;
    std::string trim;
    bool inPlace = false;
    bool noGround = false;
    bool noMesh = false;
    std::string prefix;
    std::string bvhOrder = "zxy";
    int fbxVersion = 7400;
    std::string meshDir;
    std::string out;
};

int runExport(const ExportCliOptions& o)
{
    io::ExportOptions options;
    auto format = o.format.empty() ? io::formatFromPath(o.out) : io::parseFormat(o.format);
    if (!format) {
        return reportError(format.error());
    }
    options.format = *format;
    if (!o.format.empty()) {
        auto byExtension = io::formatFromPath(o.out);
        if (!byExtension || *byExtension != options.format) {
            std::fprintf(stderr, "warning: writing %s to '%s', whose extension says otherwise\n",
                         io::formatName(options.format), o.out.c_str());
        }
    }
    if (!io::canExport(options.format)) {
        return reportError(
            Error(Errc::ExportFailed, "this build cannot write glTF (it was built without Assimp)")
                .at("--format"));
    }
    auto preset = io::parsePreset(o.preset.empty() ? "maya" : o.preset);
    if (!preset) {
        return reportError(Error(preset.error()).at("--preset"));
    }
    io::applyPreset(options, *preset);
    if (!o.preset.empty() &&
        (options.format == io::ExportFormat::Glb || options.format == io::ExportFormat::Json)) {
        std::fprintf(stderr,
                     "warning: --preset does not change %s files (they are always metres, Y up; "
                     "importers convert)\n",
                     io::formatName(options.format));
    }
    if (!o.unit.empty()) {
        options.unit = o.unit == "m" ? io::LengthUnit::Metre : io::LengthUnit::Centimetre;
    }
    if (!o.up.empty()) {
        options.upAxis = o.up == "z" ? io::UpAxis::Z : io::UpAxis::Y;
    }
    options.inPlace = o.inPlace;
    options.groundAlign = !o.noGround;
    options.includeMesh = !o.noMesh;
    options.namePrefix = o.prefix;
    options.bvhOrder = o.bvhOrder == "xyz" ? io::BvhRotationOrder::XYZ : io::BvhRotationOrder::ZXY;
    options.fbxVersion = o.fbxVersion;
    if (!o.meshDir.empty()) {
        auto assets = loadMannequinAssets(o.meshDir);
        if (!assets) {
            return reportError(assets.error());
        }
        options.mesh = assets->mesh;
    }

    auto take = io::loadTake(o.take);
    if (!take) {
        return reportError(take.error());
    }
    if (!o.trim.empty()) {
        auto range = io::parseTrim(o.trim, take->motion->frameCount);
        if (!range) {
            return reportError(Error(range.error()).at("--trim"));
        }
        options.trim = *range;
    }
    if (auto ok = io::exportTake(*take, options, o.out); !ok) {
        return reportError(ok.error());
    }
    const int frames =
        options.trim ? options.trim->end - options.trim->begin : take->motion->frameCount;
    std::printf("exported %s: %d frames at %g fps to %s\n", io::formatName(options.format), frames,
                static_cast<double>(take->motion->fps), o.out.c_str());
    return 0;
}

} // namespace

void addExportCommand(CLI::App& app, CliContext& ctx)
{
    auto opt = std::make_shared<ExportCliOptions>();
    CLI::App* sub = app.add_subcommand(
        "export", "Export a saved take (.pwtake) to FBX, BVH, glTF binary (.glb) or JSON");
    sub->add_option("--take", opt->take, "The take file")->required();
    sub->add_option("--out", opt->out, "Output file (written atomically)")->required();
    sub->add_option("--format", opt->format,
                    "fbx, bvh, glb or json (default: from the --out extension)");
    sub->add_option("--preset", opt->preset,
                    "Target application: blender (m, Z up), maya (cm, Y up; default), unreal "
                    "(cm, Z up), unity (m, Y up)");
    sub->add_option("--unit", opt->unit, "Override the preset's unit (FBX, BVH)")
        ->check(CLI::IsMember({"cm", "m"}));
    sub->add_option("--up", opt->up, "Override the preset's up axis (FBX)")
        ->check(CLI::IsMember({"y", "z"}));
    sub->add_option("--trim", opt->trim,
                    "Keep frames A:B (0-based, end exclusive; A: or :B also work)");
    sub->add_flag("--in-place", opt->inPlace, "Remove horizontal root motion");
    sub->add_flag("--no-ground", opt->noGround, "Do not put the lowest point of the clip on y=0");
    sub->add_flag("--no-mesh", opt->noMesh, "FBX: skeleton only, no skinned mannequin");
    sub->add_option("--prefix", opt->prefix, "Prefix for joint and mesh names, e.g. pw:");
    sub->add_option("--bvh-order", opt->bvhOrder, "BVH rotation channels")
        ->check(CLI::IsMember({"zxy", "xyz"}))
        ->capture_default_str();
    sub->add_option("--fbx-version", opt->fbxVersion, "FBX file version")
        ->check(CLI::IsMember({7400, 7500}))
        ->capture_default_str();
    sub->add_option("--mesh-dir", opt->meshDir,
                    "Folder of the official wooden-mannequin assets (j_template.bin, ...): "
                    "export and ground-align with that mesh");
    sub->callback([&ctx, opt] { ctx.action = [opt] { return runExport(*opt); }; });
}

} // namespace pw::cli
