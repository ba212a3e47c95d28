// SPDX-License-Identifier: Apache-2.0
#include <openssl/evp.h>

#include <pw/core/sha256.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <vector>

namespace pw {
namespace {

struct DigestDeleter
{
    void operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }
};
using Digest = std::unique_ptr<EVP_MD_CTX, DigestDeleter>;

Digest newDigest()
{
    Digest ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
        fail(Error(Errc::Internal, "OpenSSL could not start a SHA-256 digest"));
    }
    return ctx;
}

std::string finish(EVP_MD_CTX* ctx)
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(ctx, md.data(), &size) != 1) {
        fail(Error(Errc::Internal, "OpenSSL could not finish a SHA-256 digest"));
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * size);
    for (unsigned int i = 0; i < size; ++i) {
        hex.push_back(kHex[md[i] >> 4]);
        hex.push_back(kHex[md[i] & 15]);
    }
    return hex;
}

} // namespace

std::string sha256Hex(std::string_view bytes)
{
    Digest ctx = newDigest();
    if (EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size()) != 1) {
        fail(Error(Errc::Internal, "OpenSSL SHA-256 update failed"));
    }
    return finish(ctx.get());
}

Result<std::string> sha256File(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        return Error(Errc::FileNotFound, "file does not exist").inFile(path.string());
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Error(Errc::IoError, std::string("cannot open: ") + std::strerror(errno))
            .inFile(path.string());
    }
    return guard([&] {
        Digest ctx = newDigest();
        std::vector<char> buffer(std::size_t{1} << 20);
        while (in) {
            in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            const auto got = static_cast<std::size_t>(in.gcount());
            if (got > 0 && EVP_DigestUpdate(ctx.get(), buffer.data(), got) != 1) {
                fail(Error(Errc::Internal, "OpenSSL SHA-256 update failed"));
            }
        }
        if (in.bad()) {
            fail(Error(Errc::IoError, "read error").inFile(path.string()));
        }
        return finish(ctx.get());
    });
}

} // namespace pw
