#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Prepares .carry/prefix: the Debian 12 development packages that the headless (no Qt) build
# needs but the GPU box (Ubuntu 24.04 + libtorch 2.x) lacks, unpacked into a relocatable prefix.
# spdlog/fmt are carried too: libtorch 2.x ships fmt 12 headers in its include folder, which
# shadow the box's fmt 9 and break its spdlog; our prefix comes first on the include path.
# Run on the Debian development machine; the device tool carries `.carry` to the GPU box.
set -euo pipefail
cd "$(dirname "$0")/../.."
info="$(git rev-parse --git-common-dir)/info"; mkdir -p "$info"
grep -qx "/.carry/" "$info/exclude" 2>/dev/null || echo "/.carry/" >> "$info/exclude"
rm -rf .carry/debs .carry/prefix
mkdir -p .carry/debs .carry/prefix
(cd .carry/debs && apt-get download -q libyaml-cpp-dev libyaml-cpp0.7 nlohmann-json3-dev libcli11-dev \
    libglm-dev libutf8proc-dev libutf8proc2 libpcre2-dev libpcre2-8-0 zlib1g-dev \
    libspdlog-dev libspdlog1.10 libfmt-dev libfmt9 libssl-dev)
for f in .carry/debs/*.deb; do dpkg -x "$f" .carry/prefix; done
lib=.carry/prefix/usr/lib/x86_64-linux-gnu
# pkg-config files: make them relocatable.
sed -i 's|^prefix=/usr|prefix=${pcfiledir}/../../..|' "$lib"/pkgconfig/*.pc
# Debian's libz.so points at an absolute, versioned file; use the system's soname instead.
ln -sf /lib/x86_64-linux-gnu/libz.so.1 "$lib/libz.so"
# OpenSSL (libssl-dev): link against the box's own libcrypto.so.3 / libssl.so.3 (same 3.x ABI),
# and put the multiarch headers (configuration.h) beside the others: only include/ is searched.
ln -sf /lib/x86_64-linux-gnu/libcrypto.so.3 "$lib/libcrypto.so"
ln -sf /lib/x86_64-linux-gnu/libssl.so.3 "$lib/libssl.so"
cp -n .carry/prefix/usr/include/x86_64-linux-gnu/openssl/*.h .carry/prefix/usr/include/openssl/
rm -f "$lib"/*.a .carry/debs/*.deb
du -sh .carry/prefix
# The golden fixtures travel too (the device gets the checkout, not ../shared).
rm -rf .carry/fixtures
cp -r "${PW_FIXTURES_DIR:-../shared/fixtures}" .carry/fixtures
du -sh .carry
