// SPDX-License-Identifier: Apache-2.0
#include "take_exporter.h"

namespace pw::gui {
namespace {

class PendingExporter : public TakeExporter
{
  public:
    std::vector<io::ExportFormat> formats() const override
    {
        return {io::ExportFormat::Fbx, io::ExportFormat::Bvh, io::ExportFormat::Glb,
                io::ExportFormat::Json};
    }

    Result<void> exportTake(const Take& take, io::ExportFormat format,
                            const std::filesystem::path& path) const override
    {
        if (!take.motion) {
            return Error(Errc::InvalidArgument, "the take has no motion").at(take.id);
        }
        // TODO(#5): call pw::io's writer for `format` once the export API is in main.
        return Error(Errc::ExportFailed, std::string("exporting ") + io::formatName(format) +
                                             " is not available in this build yet")
            .inFile(path.string());
    }
};

} // namespace

std::shared_ptr<TakeExporter> makeDefaultTakeExporter()
{
    return std::make_shared<PendingExporter>();
}

} // namespace pw::gui
