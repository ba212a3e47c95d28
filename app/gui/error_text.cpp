// SPDX-License-Identifier: Apache-2.0
#include "error_text.h"

#include <QCoreApplication>

namespace pw::gui {

QString userMessage(Errc code)
{
    switch (code) {
    case Errc::Cancelled:
        return QCoreApplication::translate("ErrorText", "The operation was cancelled.");
    case Errc::InvalidArgument:
        return QCoreApplication::translate("ErrorText", "A setting or input is out of range.");
    case Errc::FileNotFound:
        return QCoreApplication::translate("ErrorText", "A file or folder could not be found.");
    case Errc::BadModelFile:
        return QCoreApplication::translate("ErrorText",
                                           "A model file is damaged or does not match its config.");
    case Errc::BadInput:
        return QCoreApplication::translate("ErrorText", "An input file could not be read.");
    case Errc::UnsupportedDevice:
        return QCoreApplication::translate("ErrorText",
                                           "The selected device or precision is not available.");
    case Errc::OutOfMemory:
        return QCoreApplication::translate("ErrorText", "The device ran out of memory.");
    case Errc::BadModelOutput:
        return QCoreApplication::translate("ErrorText", "The model produced invalid values.");
    case Errc::IoError:
        return QCoreApplication::translate("ErrorText", "A file could not be read or written.");
    case Errc::ExportFailed:
        return QCoreApplication::translate("ErrorText", "The export failed.");
    case Errc::Internal:
        return QCoreApplication::translate("ErrorText", "An internal error occurred.");
    }
    return QCoreApplication::translate("ErrorText", "An unknown error occurred.");
}

QString userMessage(const Error& error)
{
    return userMessage(error.code) + QLatin1Char('\n') + QString::fromStdString(error.describe());
}

} // namespace pw::gui
