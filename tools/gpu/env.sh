# SPDX-License-Identifier: Apache-2.0
# Sourced by the tools/gpu scripts on the GPU box. Unpacks what tools/gpu/make-carry.sh packed into
# .carry/ -- the Debian packages into .carry/prefix (made relocatable), the fixtures into
# .carry/fixtures -- and exports the environment the build and the tests need:
#   PW_DEPS_PREFIX   .carry/prefix/usr
#   PKG_CONFIG_PATH, LD_LIBRARY_PATH   include the carried libraries (yaml-cpp, Qt 6 Core/Test...)
#   PW_FIXTURES_DIR  .carry/fixtures unless already set (else ../shared/fixtures)
#   QT_QPA_PLATFORM  offscreen (the Qt Test unit tests need no display)
# Idempotent: a second source finds both unpacked and only exports.
_pw_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
_pw_carry="$_pw_root/.carry"
PW_DEPS_PREFIX="$_pw_carry/prefix/usr"
_pw_lib="$PW_DEPS_PREFIX/lib/x86_64-linux-gnu"
if [[ -d "$_pw_carry/debs" && ! -f "$_pw_carry/prefix/.unpacked" ]]; then
    rm -rf "$_pw_carry/prefix"
    mkdir -p "$_pw_carry/prefix"
    for _pw_deb in "$_pw_carry"/debs/*.deb; do dpkg-deb -x "$_pw_deb" "$_pw_carry/prefix"; done
    # pkg-config files: relative to their own folder.
    sed -i 's|^prefix=/usr|prefix=${pcfiledir}/../../..|' "$_pw_lib"/pkgconfig/*.pc
    # Debian's development links point at absolute or versioned files; use the box's own zlib and
    # OpenSSL 3 (same ABI), and put OpenSSL's multiarch headers beside the others.
    ln -sf /lib/x86_64-linux-gnu/libz.so.1 "$_pw_lib/libz.so"
    ln -sf /lib/x86_64-linux-gnu/libcrypto.so.3 "$_pw_lib/libcrypto.so"
    ln -sf /lib/x86_64-linux-gnu/libssl.so.3 "$_pw_lib/libssl.so"
    cp -n "$_pw_carry"/prefix/usr/include/x86_64-linux-gnu/openssl/*.h \
        "$_pw_carry/prefix/usr/include/openssl/"
    touch "$_pw_carry/prefix/.unpacked"
fi
if [[ -f "$_pw_carry/fixtures.tar.xz" && ! -d "$_pw_carry/fixtures" ]]; then
    tar -C "$_pw_carry" -xJf "$_pw_carry/fixtures.tar.xz"
fi
if [[ -z "${PW_FIXTURES_DIR:-}" ]]; then
    PW_FIXTURES_DIR="$_pw_carry/fixtures"
    [[ -d "$PW_FIXTURES_DIR" ]] || PW_FIXTURES_DIR="$_pw_root/../shared/fixtures"
fi
export PW_DEPS_PREFIX PW_FIXTURES_DIR QT_QPA_PLATFORM=offscreen
export PKG_CONFIG_PATH="$_pw_lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export LD_LIBRARY_PATH="$_pw_lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
unset _pw_root _pw_carry _pw_lib _pw_deb
