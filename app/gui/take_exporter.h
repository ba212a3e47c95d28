// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>
#include <pw/core/take.h>
#include <pw/io/export_format.h>

#include <filesystem>
#include <memory>
#include <vector>

namespace pw::gui {

/// Writes a take in one of the export formats. The studio's export dialog talks to this small
/// interface so it does not depend on the shape of pw::io's export functions (issue 5); tests
/// inject their own. exportTake runs on a worker-pool thread: implementations must not touch
/// widgets.
class TakeExporter
{
  public:
    virtual ~TakeExporter() = default;
    /// Formats offered in the dialog, in menu order.
    virtual std::vector<io::ExportFormat> formats() const = 0;
    /// Errors: ExportFailed, IoError, InvalidArgument (a take without motion).
    virtual Result<void> exportTake(const Take& take, io::ExportFormat format,
                                    const std::filesystem::path& path) const = 0;
};

/// The exporter of this build: pw::io's writers once they exist; until then one that offers the
/// formats and fails with ExportFailed "exporting ... is not available in this build".
std::shared_ptr<TakeExporter> makeDefaultTakeExporter();

} // namespace pw::gui
