#!/usr/bin/env bash
# Installs every Debian package Heed needs to build, test, fuzz and benchmark, and its web application's tools.
# Idempotent: packages already present are skipped, so `make run` stays quick on a ready machine.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config
    libboost1.81-dev libsqlite3-dev sqlite3 libexpected-dev nlohmann-json3-dev libabsl-dev
    libcli11-dev libtomlplusplus-dev libspdlog-dev libsodium-dev libssl-dev libre2-dev libcurl4-openssl-dev libgtest-dev libgmock-dev libgoogle-perftools-dev libxlsxwriter-dev
    python3 python3-aiosmtpd python3-openpyxl curl wrk
    libicu-dev libopencc-dev liblinear-dev fasttext
    clang-14 libclang-rt-14-dev
    chromium fonts-noto-cjk
)
# Node.js and npm build the web application; Debian's are used unless a Node.js is already installed.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    packages+=(nodejs npm)
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
