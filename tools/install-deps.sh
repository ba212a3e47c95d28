#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs exactly the Debian 12 (bookworm) packages Posewright needs to build, run and test.
# Idempotent and non-interactive. Usage: tools/install-deps.sh [--no-blender]
set -euo pipefail

want_blender=1
for arg in "$@"; do
    case "$arg" in
        --no-blender) want_blender=0 ;;
        -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
        *) echo "install-deps.sh: unknown option '$arg'" >&2; exit 2 ;;
    esac
done

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps.sh: run as root or install sudo" >&2; exit 1; }
    sudo_cmd=(sudo)
fi

packages=(
    # toolchain
    build-essential cmake ninja-build ccache pkg-config git
    # Qt 6 (Widgets, OpenGL widgets, Test, Linguist tools for translations)
    qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    # inference: libtorch 1.13 (CPU) and a fast BLAS (only a Recommends of libtorch, so named here)
    libtorch-dev libopenblas0-openmp
    # core libraries
    libglm-dev libspdlog-dev libfmt-dev libyaml-cpp-dev nlohmann-json3-dev libcli11-dev
    libpcre2-dev libutf8proc-dev zlib1g-dev libassimp-dev
    # SHA-256 fingerprints of model files (OpenSSL libcrypto)
    libssl-dev
    # GUI tests and screenshots under a virtual X server (xauth is only a Recommends of xvfb)
    xvfb xauth libgl1-mesa-dri mesa-utils fonts-dejavu-core
    # a CJK font so the zh_CN interface renders (also under Xvfb)
    fonts-wqy-microhei
    # fuzzing (libFuzzer runtime for clang)
    clang libclang-rt-14-dev
)
if [ "$want_blender" -eq 1 ]; then
    # Blender is the import oracle of the FBX/BVH/glTF interop tests; its glTF importer needs
    # numpy, which Debian's blender package does not pull in.
    packages+=(blender python3-numpy)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "install-deps.sh: all ${#packages[@]} packages already installed"
    exit 0
fi

echo "install-deps.sh: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
