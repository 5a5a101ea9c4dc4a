#!/usr/bin/env bash
# Builds Vantage and runs every test (CTest). Installs missing Debian packages first.
#   scripts/test.sh              release build in build/, all tests
#   scripts/test.sh --sanitize   AddressSanitizer + UBSan build in build-asan/ (core, CLI, tests)
#   --werror                     warnings are errors (CI)
#   --lean-debug-info            no debug info in the release build, line tables only in the
#                                sanitizer build: a third less compile time (CI)
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build
cmake_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
lean=0
for arg in "$@"; do
  case "$arg" in
    --sanitize)
      build_dir=build-asan
      cmake_args=(-DCMAKE_BUILD_TYPE=Debug -DVANTAGE_SANITIZE=ON -DVANTAGE_BUILD_GUI=OFF -DVANTAGE_BUILD_BENCH=OFF)
      export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
      export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
      ;;
    --werror) cmake_args+=(-DVANTAGE_WERROR=ON) ;;
    --lean-debug-info) lean=1 ;;
    *) echo "usage: $0 [--sanitize] [--werror] [--lean-debug-info]" >&2; exit 2 ;;
  esac
done

if [ $lean -eq 1 ]; then
  cmake_args+=("-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -DNDEBUG" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O2 -DNDEBUG"
               "-DCMAKE_CXX_FLAGS_DEBUG=-g1" "-DCMAKE_C_FLAGS_DEBUG=-g1")
fi

scripts/install_deps.sh
cmake -S . -B "$build_dir" "${cmake_args[@]}"
cmake --build "$build_dir" -j"$(nproc)"
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)"
