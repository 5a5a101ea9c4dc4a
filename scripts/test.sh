#!/usr/bin/env bash
# Builds Vantage and runs every test (CTest). Installs missing Debian packages first.
#   scripts/test.sh              release build in build/, all tests
#   scripts/test.sh --sanitize   AddressSanitizer + UBSan build in build-asan/ (core, CLI, tests)
#   --werror                     warnings are errors (CI)
#   --lean-debug-info            no debug info in the release build, line tables only in the
#                                sanitizer build: a third less compile time (CI)
#   scripts/test.sh --tsan       ThreadSanitizer build in build-tsan/: core and thread_tests only
#                                (frame cache, autosave, worker pools, UI-thread handoff);
#                                --record appends the result to docs/reliability-data/tsan.tsv
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build
cmake_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
lean=0
targets=()
tsan=0
record=0
run_prefix=()
for arg in "$@"; do
  case "$arg" in
    --sanitize)
      build_dir=build-asan
      cmake_args=(-DCMAKE_BUILD_TYPE=Debug -DVANTAGE_SANITIZE=ON -DVANTAGE_BUILD_GUI=OFF -DVANTAGE_BUILD_BENCH=OFF)
      export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
      export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
      ;;
    --tsan)
      build_dir=build-tsan
      tsan=1
      # -O1: TSan is slow at -O0; RelWithDebInfo's flags are replaced so asserts stay on.
      cmake_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g"
                  -DVANTAGE_TSAN=ON -DVANTAGE_BUILD_GUI=OFF -DVANTAGE_BUILD_BENCH=OFF)
      targets=(thread_tests)
      export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/reliability/tsan.supp}
      # Kernels with 32 bits of mmap randomisation break TSan before LLVM 18
      # ("unexpected memory mapping"): run without address randomisation.
      if [ "$(cat /proc/sys/vm/mmap_rnd_bits 2>/dev/null || echo 28)" -gt 28 ] && command -v setarch >/dev/null; then
        run_prefix=(setarch "$(uname -m)" -R)
      fi
      ;;
    --werror) cmake_args+=(-DVANTAGE_WERROR=ON) ;;
    --lean-debug-info) lean=1 ;;
    --record) record=1 ;;
    *) echo "usage: $0 [--sanitize | --tsan [--record]] [--werror] [--lean-debug-info]" >&2; exit 2 ;;
  esac
done

if [ $lean -eq 1 ] && [ $tsan -eq 1 ]; then
  cmake_args+=("-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -g1")
elif [ $lean -eq 1 ]; then
  cmake_args+=("-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -DNDEBUG" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O2 -DNDEBUG"
               "-DCMAKE_CXX_FLAGS_DEBUG=-g1" "-DCMAKE_C_FLAGS_DEBUG=-g1")
fi

scripts/install_deps.sh
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B "$build_dir" "${cmake_args[@]}" "${launcher[@]}"
if [ ${#targets[@]} -gt 0 ]; then
  cmake --build "$build_dir" -j"$(nproc)" --target "${targets[@]}"
else
  cmake --build "$build_dir" -j"$(nproc)"
fi
if [ "$tsan" = 1 ]; then
  # thread_tests directly: its summary line is the record.
  log=$build_dir/thread_tests.log
  status=0
  "${run_prefix[@]}" "$build_dir/tests/reliability/thread_tests" --order rand 2>&1 | tee "$log" || status=$?
  if [ "$record" = 1 ]; then
    summary=$(grep -E 'All tests passed|test cases' "$log" | tail -1)
    cases=$(echo "$summary" | grep -o '[0-9]* test case' | grep -o '[0-9]*' || echo 0)
    asserts=$(echo "$summary" | grep -o '[0-9]* assertion' | grep -o '[0-9]*' || echo 0)
    result=clean
    [ "$status" = 0 ] || result="FAILED (exit $status)"
    printf '%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%d)" "$result" "$cases" "$asserts" >> docs/reliability-data/tsan.tsv
  fi
  exit "$status"
fi
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)"
