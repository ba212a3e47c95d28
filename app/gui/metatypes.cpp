// SPDX-License-Identifier: Apache-2.0
#include "metatypes.h"

namespace pw::gui {

void registerMetaTypes()
{
    qRegisterMetaType<pw::Errc>("pw::Errc");
    qRegisterMetaType<pw::Error>("pw::Error");
    qRegisterMetaType<pw::MotionClipPtr>("pw::MotionClipPtr");
    qRegisterMetaType<pw::Take>("pw::Take");
    qRegisterMetaType<pw::infer::ModelSummary>("pw::infer::ModelSummary");
    qRegisterMetaType<pw::infer::MemoryStats>("pw::infer::MemoryStats");
    qRegisterMetaType<pw::gui::GenerationResult>("pw::gui::GenerationResult");
    qRegisterMetaType<pw::gui::JobId>("pw::gui::JobId");
}

} // namespace pw::gui
