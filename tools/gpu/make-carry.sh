#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Prepares .carry/ for the GPU box (Ubuntu 24.04 + libtorch 2.x, no Qt and no network):
#   .carry/debs/            the Debian 12 packages the headless build and its tests need but the
#                           box lacks: yaml-cpp, nlohmann-json, CLI11, GLM, utf8proc, PCRE2, zlib,
#                           OpenSSL headers, spdlog/fmt, and Qt 6 Core + Test for the Qt Test unit
#                           tests (qmake6 only because Qt6CoreTools.cmake insists that it exists);
#   .carry/fixtures.tar.xz  the golden fixtures (the device gets the checkout, not ../shared).
# Both stay compressed so that the carry fits the device tool's 64 MiB; tools/gpu/env.sh
# unpacks them on the box. spdlog/fmt are carried because libtorch 2.x ships fmt 12 headers in its
# include folder, which shadow the box's fmt 9 and break its spdlog.
# Run on the Debian development machine; the device tool carries `.carry` to the GPU box.
set -euo pipefail
cd "$(dirname "$0")/../.."
info="$(git rev-parse --git-common-dir)/info"; mkdir -p "$info"
grep -qx "/.carry/" "$info/exclude" 2>/dev/null || echo "/.carry/" >> "$info/exclude"
rm -rf .carry
mkdir -p .carry/debs
(cd .carry/debs && apt-get download -q libyaml-cpp-dev libyaml-cpp0.7 nlohmann-json3-dev libcli11-dev \
    libglm-dev libutf8proc-dev libutf8proc2 libpcre2-dev libpcre2-8-0 zlib1g-dev \
    libspdlog-dev libspdlog1.10 libfmt-dev libfmt9 libssl-dev \
    libqt6core6 libqt6test6 qt6-base-dev qt6-base-dev-tools libicu72 libdouble-conversion3 \
    libb2-1 libpcre2-16-0 libglib2.0-0 qmake6 qmake6-bin)
fixtures="${PW_FIXTURES_DIR:-../shared/fixtures}"
tar -C "$(dirname "$fixtures")" -cJf .carry/fixtures.tar.xz --transform "s|^$(basename "$fixtures")|fixtures|" \
    "$(basename "$fixtures")"
du -sh .carry/debs .carry/fixtures.tar.xz
du -sh .carry
