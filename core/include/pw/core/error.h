// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <exception>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace pw {

/// Error categories that cross library boundaries, queued signals and process exit codes.
/// The numeric values are the CLI's exit codes (see docs/cli.md); never reorder.
enum class Errc {
    Cancelled = 2,         ///< the user or the caller cancelled the operation
    InvalidArgument = 3,   ///< a parameter or an input text/value is out of its valid range
    FileNotFound = 4,      ///< a file or folder named by the user does not exist
    BadModelFile = 5,      ///< a model/config/weights file is malformed, truncated or mismatched
    BadInput = 6,          ///< a non-model input file (take, fixture, JSON) is malformed
    UnsupportedDevice = 7, ///< the requested device/precision is not available in this build
    OutOfMemory = 8,       ///< device or host memory ran out
    BadModelOutput = 9,    ///< the network produced non-finite or wrongly shaped values
    IoError = 10,          ///< reading or writing a file failed (permissions, disk full)
    ExportFailed = 11,     ///< an export could not be produced
    Internal = 12,         ///< a bug or an unexpected library error
};

/// A short English name of the category, e.g. "bad model file".
const char* errcName(Errc code) noexcept;

/// A value error: what went wrong, in English, plus the context a user needs to fix it.
/// Libraries fill the context fields; `describe()` renders them in one line for logs and the CLI,
/// the GUI shows `message` and puts the rest in a "Details" section.
struct Error
{
    Errc code = Errc::Internal;
    std::string message;  ///< one sentence, English, no trailing period needed
    std::string file;     ///< file or folder involved, if any
    std::string item;     ///< tensor name, key, field or option involved, if any
    std::string expected; ///< what was expected (shape, dtype, range...), if meaningful
    std::string found;    ///< what was found instead, if meaningful

    Error() = default;
    Error(Errc c, std::string msg) : code(c), message(std::move(msg)) {}

    Error& inFile(std::string path) &
    {
        file = std::move(path);
        return *this;
    }
    Error&& inFile(std::string path) &&
    {
        file = std::move(path);
        return std::move(*this);
    }
    Error& at(std::string name) &
    {
        item = std::move(name);
        return *this;
    }
    Error&& at(std::string name) &&
    {
        item = std::move(name);
        return std::move(*this);
    }
    Error&& mismatch(std::string exp, std::string fnd) &&
    {
        expected = std::move(exp);
        found = std::move(fnd);
        return std::move(*this);
    }

    /// "file: 'item': message (expected X, found Y)".
    std::string describe() const;
};

/// Exception carrying an Error. Used *inside* modules for convenience; public functions of
/// pw_infer/pw_io translate it (and every other exception) to a Result at their boundary.
class Exception : public std::exception
{
  public:
    explicit Exception(Error error);
    const Error& error() const noexcept { return m_error; }
    const char* what() const noexcept override { return m_what.c_str(); }

  private:
    Error m_error;
    std::string m_what;
};

[[noreturn]] void fail(Error error);
[[noreturn]] inline void fail(Errc code, std::string message)
{
    fail(Error(code, std::move(message)));
}

/// Wraps an Error so `return unexpected(err);` reads like std::expected.
struct Unexpected
{
    Error error;
};
inline Unexpected unexpected(Error e)
{
    return Unexpected{std::move(e)};
}

/// Value or Error. Mirrors the subset of C++23 std::expected that we use so it can be swapped
/// for it later: has_value(), operator bool, value(), operator*, operator->, error(), value_or().
template <class T> class [[nodiscard]] Result
{
  public:
    using value_type = T;

    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_state(std::in_place_index<1>, std::move(error)) {}
    Result(Unexpected u) : m_state(std::in_place_index<1>, std::move(u.error)) {}

    bool has_value() const noexcept { return m_state.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }

    /// Returns the value; throws pw::Exception carrying the error if there is none.
    T& value() &
    {
        throwIfError();
        return std::get<0>(m_state);
    }
    const T& value() const&
    {
        throwIfError();
        return std::get<0>(m_state);
    }
    T&& value() &&
    {
        throwIfError();
        return std::get<0>(std::move(m_state));
    }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    template <class U> T value_or(U&& fallback) const&
    {
        return has_value() ? std::get<0>(m_state) : static_cast<T>(std::forward<U>(fallback));
    }

    const Error& error() const& { return std::get<1>(m_state); }
    Error&& error() && { return std::get<1>(std::move(m_state)); }

  private:
    void throwIfError() const
    {
        if (!has_value()) {
            throw Exception(std::get<1>(m_state));
        }
    }
    std::variant<T, Error> m_state;
};

template <> class [[nodiscard]] Result<void>
{
  public:
    using value_type = void;

    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_ok(false) {}
    Result(Unexpected u) : m_error(std::move(u.error)), m_ok(false) {}

    bool has_value() const noexcept { return m_ok; }
    explicit operator bool() const noexcept { return m_ok; }
    void value() const
    {
        if (!m_ok) {
            throw Exception(m_error);
        }
    }
    const Error& error() const& { return m_error; }
    Error&& error() && { return std::move(m_error); }

  private:
    Error m_error;
    bool m_ok = true;
};

/// Converts the exception in flight to an Error: pw::Exception keeps its error,
/// std::bad_alloc becomes OutOfMemory, anything else Internal with what().
/// Call only inside a catch block.
Error currentExceptionToError();

/// Runs `fn` and turns any exception into an Error with `toError` (called inside the catch
/// block): the boundary of public library functions.
template <class ToError, class Fn>
auto guardWith(ToError&& toError, Fn&& fn) -> Result<std::invoke_result_t<Fn>>
{
    try {
        if constexpr (std::is_void_v<std::invoke_result_t<Fn>>) {
            fn();
            return {};
        } else {
            return fn();
        }
    } catch (...) {
        return toError();
    }
}

/// guardWith(currentExceptionToError, fn).
template <class Fn> auto guard(Fn&& fn) -> Result<std::invoke_result_t<Fn>>
{
    return guardWith(currentExceptionToError, std::forward<Fn>(fn));
}

} // namespace pw

/// Broken invariants are bugs, not errors: logs file/line and aborts in every build type.
#define PW_ASSERT(cond)                                                                            \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            ::pw::detail::assertFailed(#cond, __FILE__, __LINE__);                                 \
        }                                                                                          \
    } while (false)

namespace pw::detail {
[[noreturn]] void assertFailed(const char* expr, const char* file, int line) noexcept;
} // namespace pw::detail
