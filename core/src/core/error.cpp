// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include <pw/core/error.h>
#include <pw/core/log.h>

#include <cstdio>
#include <cstdlib>
#include <new>

namespace pw {

const char* errcName(Errc code) noexcept
{
    switch (code) {
    case Errc::Cancelled:
        return "cancelled";
    case Errc::InvalidArgument:
        return "invalid argument";
    case Errc::FileNotFound:
        return "file not found";
    case Errc::BadModelFile:
        return "bad model file";
    case Errc::BadInput:
        return "bad input file";
    case Errc::UnsupportedDevice:
        return "unsupported device";
    case Errc::OutOfMemory:
        return "out of memory";
    case Errc::BadModelOutput:
        return "bad model output";
    case Errc::IoError:
        return "I/O error";
    case Errc::ExportFailed:
        return "export failed";
    case Errc::Internal:
        return "internal error";
    }
    return "unknown error";
}

std::string Error::describe() const
{
    std::string out = file.empty() ? std::string() : fmt::format("{}: ", file);
    if (!item.empty()) {
        out += fmt::format("'{}': ", item);
    }
    out += message.empty() ? std::string(errcName(code)) : message;
    if (!expected.empty() || !found.empty()) {
        out += fmt::format(" (expected {}, found {})", expected.empty() ? "?" : expected,
                           found.empty() ? "?" : found);
    }
    return out;
}

Exception::Exception(Error error) : m_error(std::move(error)), m_what(m_error.describe()) {}

void fail(Error error)
{
    throw Exception(std::move(error));
}

Error currentExceptionToError()
{
    try {
        throw;
    } catch (const Exception& e) {
        return e.error();
    } catch (const std::bad_alloc&) {
        return Error(Errc::OutOfMemory, "out of host memory");
    } catch (const std::exception& e) {
        return Error(Errc::Internal, e.what());
    } catch (...) {
        return Error(Errc::Internal, "unknown exception");
    }
}

namespace detail {
void assertFailed(const char* expr, const char* file, int line) noexcept
{
    try {
        if (auto logger = log::get(log::kCore)) {
            logger->critical("assertion failed: {} at {}:{}", expr, file, line);
            logger->flush();
        }
    } catch (...) {
        // The process is aborting anyway; stderr below is the last resort.
    }
    std::fprintf(stderr, "posewright: assertion failed: %s at %s:%d\n", expr, file, line);
    std::abort();
}
} // namespace detail

} // namespace pw
