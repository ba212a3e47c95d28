// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>

#include <QString>

namespace pw::gui {

/// The one place where error categories become translated user-facing text.
QString userMessage(Errc code);
/// userMessage() plus the core's English detail on a second line.
QString userMessage(const Error& error);

} // namespace pw::gui
