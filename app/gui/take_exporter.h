// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>
#include <pw/core/take.h>
#include <pw/io/export_format.h>
#include <pw/io/motion_export.h>

#include <filesystem>
#include <memory>
#include <vector>

namespace pw::gui {

/// Writes a take in one of the export formats. The export dialog talks to this small interface
/// (the default is pw::io's exporters) so tests can inject their own. exportTake runs on a
/// worker-pool thread: implementations must not touch widgets.
class TakeExporter
{
  public:
    virtual ~TakeExporter() = default;
    /// Formats offered in the dialog, in menu order.
    virtual std::vector<io::ExportFormat> formats() const = 0;
    /// Whether this build can write `format` (glTF needs Assimp); unavailable ones are shown
    /// disabled.
    virtual bool canExport(io::ExportFormat format) const = 0;
    /// Errors: ExportFailed, IoError, InvalidArgument (trim, options, a take without motion).
    virtual Result<void> exportTake(const Take& take, const io::ExportOptions& options,
                                    const std::filesystem::path& path) const = 0;
};

/// pw::io's writers: FBX, BVH, glTF (with Assimp) and JSON.
std::shared_ptr<TakeExporter> makeDefaultTakeExporter();

} // namespace pw::gui
