#!/usr/bin/env bash
# Runs sequence_task.sh over every sequence of a dataset: as a Slurm array
# job when Slurm is there (sbatch), else with a local runner that sets
# SLURM_ARRAY_TASK_ID itself. Then a finishing step summarises the results
# and, with --commit, commits what the tasks changed in the dataset (one
# commit; push it with `vantage dataset push`).
#
#   scripts/slurm/run_dataset_jobs.sh DATASET OUT [--local] [--jobs N]
#        [--max-running N] [--format F] [--model M|none] [--commit MSG] [--partition P]
#
#   --model   the pre-labelling model (`vantage prelabel --model`); default
#             builtin:lidar-objects, `none` skips pre-labelling.
set -euo pipefail

usage() { echo "usage: $0 DATASET OUT [--local] [--jobs N] [--max-running N] [--format F] [--model M|none] [--commit MSG] [--partition P]" >&2; exit 2; }
[ $# -ge 2 ] || usage
DATASET=$(cd "$1" && pwd)
mkdir -p "$2"
OUT=$(cd "$2" && pwd)
shift 2
local_run=0 jobs=2 max_running=50 commit_msg="" partition=""
FORMAT=${FORMAT:-coco}
PRELABEL_MODEL=${PRELABEL_MODEL:-builtin:lidar-objects}
while [ $# -gt 0 ]; do
  case "$1" in
    --local) local_run=1 ;;
    --jobs) jobs=$2; shift ;;
    --max-running) max_running=$2; shift ;;
    --format) FORMAT=$2; shift ;;
    --model) PRELABEL_MODEL=$2; shift ;;
    --commit) commit_msg=$2; shift ;;
    --partition) partition=$2; shift ;;
    *) usage ;;
  esac
  shift
done
here=$(cd "$(dirname "$0")" && pwd)
VANTAGE=${VANTAGE:-$(command -v vantage || true)}
[ -n "$VANTAGE" ] || { echo "vantage not found: set VANTAGE" >&2; exit 2; }
export DATASET OUT VANTAGE FORMAT PRELABEL_MODEL SEQUENCES="$OUT/sequences.txt"

"$VANTAGE" dataset -C "$DATASET" sequences > "$SEQUENCES"
n=$(wc -l < "$SEQUENCES")
[ "$n" -gt 0 ] || { echo "the dataset has no sequences" >&2; exit 1; }
echo "$n sequences"

if [ $local_run -eq 0 ] && command -v sbatch > /dev/null && sinfo -h > /dev/null 2>&1; then
  extra=()
  [ -n "$partition" ] && extra+=(--partition "$partition")
  echo "submitting an array job of $n tasks to Slurm"
  # --wait: return when every task has finished (exit non-zero if one failed).
  sbatch --wait "${extra[@]}" --array=0-$((n - 1))%"$max_running" \
    --output="$OUT/slurm-%A_%a.log" --export=ALL "$here/sequence_task.sh"
  runner=slurm
else
  echo "Slurm not available (or --local): running the $n tasks here, $jobs at a time"
  seq 0 $((n - 1)) | xargs -P "$jobs" -I{} env SLURM_ARRAY_TASK_ID={} SLURM_ARRAY_TASK_COUNT="$n" \
    bash "$here/sequence_task.sh" > "$OUT/local-runner.log" 2>&1 || {
      echo "a task failed: see $OUT/local-runner.log" >&2
      exit 1
    }
  runner=local
fi

# Finishing step: every sequence must have reported.
missing=0 with_errors=0
while read -r name; do
  if [ ! -f "$OUT/status/$name" ]; then echo "no result for $name" >&2; missing=$((missing + 1)); continue; fi
  grep -q "validate=1" "$OUT/status/$name" && with_errors=$((with_errors + 1))
done < "$SEQUENCES"
echo "runner=$runner sequences=$n missing=$missing with_validation_errors=$with_errors" | tee "$OUT/summary.txt"
[ $missing -eq 0 ] || exit 1
if [ -n "$commit_msg" ]; then
  "$VANTAGE" dataset -C "$DATASET" commit -m "$commit_msg" || true  # exit 1: nothing changed
fi
