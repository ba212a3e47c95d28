// SPDX-License-Identifier: Apache-2.0
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pw/core/mapped_file.h>

#include <cerrno>
#include <cstring>

namespace pw {

Result<MappedFile> MappedFile::open(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return Error(Errc::FileNotFound, "file does not exist").inFile(path.string());
    }
    if (std::filesystem::is_directory(path, ec)) {
        return Error(Errc::BadInput, "expected a file, found a folder").inFile(path.string());
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return Error(Errc::IoError, std::string("cannot open: ") + std::strerror(errno))
            .inFile(path.string());
    }
    struct stat st
    {
    };
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        return Error(Errc::IoError, std::string("cannot stat: ") + std::strerror(err))
            .inFile(path.string());
    }
    MappedFile f;
    f.m_path = path;
    f.m_size = static_cast<std::size_t>(st.st_size);
    if (f.m_size == 0) {
        ::close(fd);
        return f; // an empty file maps to an empty span
    }
    void* p = ::mmap(nullptr, f.m_size, PROT_READ, MAP_PRIVATE, fd, 0);
    const int err = errno;
    ::close(fd); // the mapping stays valid after close
    if (p == MAP_FAILED) {
        return Error(Errc::IoError, std::string("cannot map: ") + std::strerror(err))
            .inFile(path.string());
    }
    const std::size_t size = f.m_size;
    f.m_mapping = std::shared_ptr<const void>(
        p, [size](const void* q) { ::munmap(const_cast<void*>(q), size); });
    f.m_data = static_cast<const std::byte*>(p);
    return f;
}

} // namespace pw
