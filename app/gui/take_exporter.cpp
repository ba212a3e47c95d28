// SPDX-License-Identifier: Apache-2.0
#include "take_exporter.h"

namespace pw::gui {
namespace {

class IoExporter : public TakeExporter
{
  public:
    std::vector<io::ExportFormat> formats() const override
    {
        return {io::ExportFormat::Fbx, io::ExportFormat::Bvh, io::ExportFormat::Glb,
                io::ExportFormat::Json};
    }

    bool canExport(io::ExportFormat format) const override { return io::canExport(format); }

    Result<void> exportTake(const Take& take, const io::ExportOptions& options,
                            const std::filesystem::path& path) const override
    {
        return io::exportTake(take, options, path);
    }
};

} // namespace

std::shared_ptr<TakeExporter> makeDefaultTakeExporter()
{
    return std::make_shared<IoExporter>();
}

} // namespace pw::gui
