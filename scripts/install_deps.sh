#!/usr/bin/env bash
# Installs the Debian 12 packages Vantage needs. Idempotent: installs only what
# is missing and runs `apt-get update` only when a package cannot be found.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libimgui-dev libglfw3-dev python3-glad libglm-dev
  libopencv-dev libopencv-contrib-dev
  nlohmann-json3-dev catch2 libpugixml-dev libcli11-dev libfmt-dev
  libbenchmark-dev libtbb-dev liblzf-dev libyaml-cpp-dev libsimdjson-dev
  libpng-dev zlib1g-dev
  libgit2-dev slurmctld slurmd slurm-client
  xvfb xauth libgl1-mesa-dri libglx-mesa0
  python3-jsonschema
  opencv-data python3-onnx
  # scripts/fuzz.sh: libFuzzer comes with clang's runtime, which clang only
  # recommends (so --no-install-recommends would leave it out): named here.
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install_deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

echo "install_deps: installing ${missing[*]}"
# Try without refreshing the package lists first; refresh only if apt cannot
# find a candidate (fresh containers ship without lists).
if ! $sudo apt-get install -y --no-install-recommends "${missing[@]}"; then
  $sudo apt-get update
  $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi
