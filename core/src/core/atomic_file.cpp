// SPDX-License-Identifier: Apache-2.0
#include <fcntl.h>
#include <unistd.h>

#include <pw/core/atomic_file.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

namespace pw {
namespace {

Error ioError(const std::filesystem::path& path, const std::string& what, int err)
{
    return Error(Errc::IoError, what + ": " + std::strerror(err)).inFile(path.string());
}

} // namespace

Result<void> writeFileAtomically(const std::filesystem::path& path, std::string_view bytes)
{
    const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        return Error(Errc::IoError, "the destination folder does not exist").inFile(dir.string());
    }
    if (std::filesystem::is_directory(path, ec)) {
        return Error(Errc::IoError, "the destination is a folder, not a file")
            .inFile(path.string());
    }
    std::random_device rd;
    // Built step by step: GCC 12 warns falsely (-Wrestrict) on `"." + std::string`.
    std::string tmpName(1, '.');
    tmpName += path.filename().string();
    tmpName += ".tmp-";
    tmpName += std::to_string(rd());
    const auto tmp = dir / tmpName;
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        return ioError(path, "cannot create a file in the destination folder", errno);
    }
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            const int err = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            return ioError(path, "writing failed", err);
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return ioError(path, "writing failed", err);
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return ioError(path, "cannot replace the destination file", err);
    }
    return {};
}

Result<std::string> readWholeFile(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return Error(Errc::FileNotFound, "file does not exist").inFile(path.string());
    }
    if (std::filesystem::is_directory(path, ec)) {
        return Error(Errc::BadInput, "expected a file, found a folder").inFile(path.string());
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return ioError(path, "cannot open file", errno);
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) {
        return ioError(path, "reading failed", errno);
    }
    return std::move(ss).str();
}

} // namespace pw
