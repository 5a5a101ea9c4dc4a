#!/usr/bin/env bash
# Builds Vantage and opens the workstation on the bundled demo sequence.
# Installs missing Debian packages first. Extra arguments go to `vantage`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install_deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"
exec build/app/vantage "$@"
