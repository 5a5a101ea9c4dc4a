#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan, in build-fuzz/) and runs them
# one after another. docs/reliability.md explains the targets and the campaign.
#
#   scripts/fuzz.sh                        every target for 60 s
#   scripts/fuzz.sh pcd coco --seconds 600 these targets for 10 minutes each
#   scripts/fuzz.sh pcd --runs 1000000     until 1 M executions (or --seconds, if given)
#   scripts/fuzz.sh --replay               replay the committed corpora only (ctest -R fuzz_)
#   scripts/fuzz.sh --list                 the target names
#
# Options: --no-build (use what build-fuzz holds), --werror (warnings are errors, as
# in CI), --record (append each run's
# figures to docs/reliability-data/fuzz.tsv, the source of the table in
# docs/reliability.md), --max-len N (default per target: 8 KiB for text lines, 16 KiB
# for JSON and XML, 64 KiB for binary files), --timeout S (per input,
# default 2: an input slower than that is a hang finding).
#
# Corpora, in the order given to libFuzzer:
#   build-fuzz/corpus/NAME     grows with every run (libFuzzer writes new inputs to the first)
#   tests/fuzz/corpus/NAME     committed: hand-made seeds and every minimised crasher
#   build-fuzz/seeds/NAME      real files from ../shared/data when it exists, copied at run
#                              time (their licences do not allow committing them)
# Findings land in build-fuzz/artifacts/NAME/ (crash-*, leak-*, timeout-*, oom-*); the
# script exits 1 when any target found one. Minimise a crasher into the corpus with
#   build-fuzz/tests/fuzz/fuzz_NAME -minimize_crash=1 -runs=20000 \
#       -exact_artifact_path=tests/fuzz/corpus/NAME/crash-WHAT build-fuzz/artifacts/NAME/crash-...
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build_dir=build-fuzz
seconds=""
runs=""
max_len=""
timeout=2
build=1
werror=OFF
record=0
replay=0
targets=()

all_targets=(native_sequence native_schema native_annotations native_folder openlabel coco coco_rle
             voc yolo kitti_labels kitti_import kitti_calib nuscenes pcd ply bin lzf image_header
             qa_rules hotkeys layout)

while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift ;;
    --runs) runs=$2; shift ;;
    --max-len) max_len=$2; shift ;;
    --timeout) timeout=$2; shift ;;
    --no-build) build=0 ;;
    --werror) werror=ON ;;
    --record) record=1 ;;
    --replay) replay=1 ;;
    --list) printf '%s\n' "${all_targets[@]}"; exit 0 ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1") ;;
  esac
  shift
done
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
if [ -z "$seconds" ] && [ -z "$runs" ]; then seconds=60; fi
for t in "${targets[@]}"; do
  if ! printf '%s\n' "${all_targets[@]}" | grep -qx "$t"; then
    echo "fuzz.sh: unknown target '$t' (--list names them)" >&2
    exit 2
  fi
done

# Which dictionary and which real files seed each target.
dict_for() {
  case "$1" in
    native_*) echo native ;;
    coco|coco_rle) echo coco ;;
    openlabel|nuscenes|voc|pcd|ply|qa_rules|hotkeys|layout|yolo) echo "$1" ;;
    kitti_*) echo kitti ;;
    *) echo "" ;;
  esac
}
max_len_for() {  # longer inputs only slow the search down
  case "$1" in
    kitti_*|coco_rle|yolo|hotkeys|layout|qa_rules) echo 8192 ;;
    pcd|ply|bin|lzf|image_header) echo 65536 ;;
    *) echo 16384 ;;
  esac
}
shared_seeds_for() {  # find(1) arguments below ../shared/data
  case "$1" in
    coco) echo "coco -name *.json" ;;
    openlabel) echo "openlabel -name *.json" ;;
    nuscenes) echo "nuscenes_sample -name *.json" ;;
    pcd) echo "pcd -name *.pcd" ;;
    kitti_labels|kitti_import) echo "kitti_object/label_2 kitti_tracking/training/label_02 -name *.txt" ;;
    kitti_calib) echo "kitti_object/calib kitti_tracking/training/calib -name *.txt" ;;
    bin) echo "kitti_object/velodyne -name *.bin" ;;
    image_header) echo "kitti_object/image_2 coco -name *.png" ;;
    *) echo "" ;;
  esac
}

if [ "$build" = 1 ]; then
  if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    CC=clang CXX=clang++ cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVANTAGE_FUZZ=ON \
      -DVANTAGE_BUILD_GUI=OFF -DVANTAGE_BUILD_BENCH=OFF -DVANTAGE_BUILD_TESTS=OFF \
      $(command -v ccache >/dev/null && echo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  fi
  cmake -S . -B "$build_dir" -DVANTAGE_WERROR=$werror > /dev/null
  if [ "$replay" = 1 ] || [ ${#targets[@]} -eq ${#all_targets[@]} ]; then
    nice -n 10 cmake --build "$build_dir" -j"$(nproc)" --target fuzz_all
  else
    nice -n 10 cmake --build "$build_dir" -j"$(nproc)" --target "${targets[@]/#/fuzz_}"
  fi
fi

if [ "$replay" = 1 ]; then
  exec ctest --test-dir "$build_dir" -R '^fuzz_' --output-on-failure
fi

shared=${VANTAGE_SHARED_DATA:-$root/../shared/data}
# Scratch files of the targets in memory: the import targets export too, and an
# export ends with syncfs(), which on a disk waits for everyone's writes.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi
found=0
for t in "${targets[@]}"; do
  bin="$build_dir/tests/fuzz/fuzz_$t"
  [ -x "$bin" ] || { echo "fuzz.sh: $bin not built" >&2; exit 1; }
  corpus="$build_dir/corpus/$t"
  artifacts="$build_dir/artifacts/$t"
  seeds="$build_dir/seeds/$t"
  mkdir -p "$corpus" "$artifacts"
  dirs=("$corpus")
  [ -d "tests/fuzz/corpus/$t" ] && dirs+=("tests/fuzz/corpus/$t")
  spec=$(shared_seeds_for "$t")
  if [ -n "$spec" ] && [ -f "$shared/PROVENANCE.md" ]; then
    rm -rf "$seeds"; mkdir -p "$seeds"
    read -r -a words <<< "$spec"
    paths=(); i=0
    while [ $i -lt ${#words[@]} ] && [ "${words[$i]}" != -name ]; do paths+=("$shared/${words[$i]}"); i=$((i + 1)); done
    find "${paths[@]}" -type f -name "${words[$((i + 1))]}" -size -4M -exec cp -t "$seeds" {} + 2>/dev/null || true
    dirs+=("$seeds")
  fi
  args=(-timeout="$timeout" -rss_limit_mb=2048 -malloc_limit_mb=2048 -max_len="${max_len:-$(max_len_for "$t")}"
        -artifact_prefix="$artifacts/" -print_final_stats=1)
  d=$(dict_for "$t")
  [ -n "$d" ] && args+=(-dict="tests/fuzz/dict/$d.dict")
  [ -n "$seconds" ] && args+=(-max_total_time="$seconds")
  [ -n "$runs" ] && args+=(-runs="$runs")
  log="$build_dir/logs/$t.log"
  mkdir -p "$(dirname "$log")"
  echo "== fuzz_$t: ${seconds:+$seconds s}${runs:+ $runs runs}, corpus ${dirs[*]}"
  start=$(date +%s)
  status=ok
  # nice 15: the machine is shared.
  if ! nice -n 15 "$bin" "${args[@]}" "${dirs[@]}" > "$log" 2>&1; then
    status=finding
    found=1
  fi
  elapsed=$(( $(date +%s) - start ))
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
  size=$(find "$corpus" -type f | wc -l)
  art=$(find "$artifacts" -type f | wc -l)
  printf '   %s: %s execs in %s s, cov %s, ft %s, corpus %s, %s artifact(s)\n' "$status" "$execs" "$elapsed" "$cov" "$ft" "$size" "$art"
  if [ "$status" != ok ]; then
    grep -m3 -E 'ERROR|SUMMARY|fuzz property|terminate called|Test unit written' "$log" | sed 's/^/   /' || true
  fi
  if [ "$record" = 1 ]; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%d)" "$t" "$elapsed" "$execs" "$cov" "$ft" \
      "$size" "$status" >> docs/reliability-data/fuzz.tsv
  fi
done
exit $found
