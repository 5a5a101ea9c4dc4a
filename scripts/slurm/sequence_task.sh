#!/usr/bin/env bash
# One task of a dataset batch: validate, QA statistics, pre-labelling
# (`vantage prelabel --model $PRELABEL_MODEL`) and export for ONE sequence, picked by
# the array index. Runs as a Slurm array task (sbatch --array=0-N) or under
# the local runner (run_dataset_jobs.sh --local), which sets the index itself.
#
#SBATCH --job-name=vantage-seq
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=1
#SBATCH --time=01:00:00
#
# Environment (run_dataset_jobs.sh sets these):
#   DATASET   the dataset folder (a shared checkout)
#   OUT       results folder: OUT/validate/<seq>.json, OUT/qa/<seq>.json,
#             OUT/export/<seq>/, OUT/status/<seq>
#   SEQUENCES file with one sequence name per line (`vantage dataset sequences`)
#   VANTAGE   the vantage executable (default: vantage on PATH)
#   FORMAT    export format (default coco)
#   PRELABEL_MODEL  model for `vantage prelabel --model` (default
#             builtin:lidar-objects; `none` skips pre-labelling)
set -uo pipefail

: "${DATASET:?set DATASET to the dataset folder}"
: "${OUT:?set OUT to the results folder}"
: "${SEQUENCES:=$OUT/sequences.txt}"
: "${VANTAGE:=vantage}"
: "${FORMAT:=coco}"
: "${PRELABEL_MODEL:=builtin:lidar-objects}"
task=${SLURM_ARRAY_TASK_ID:?not an array task: set SLURM_ARRAY_TASK_ID}

mapfile -t names < "$SEQUENCES"
if [ "$task" -ge "${#names[@]}" ]; then
  echo "task $task: only ${#names[@]} sequences" >&2
  exit 2
fi
name=${names[$task]}
seq_dir=$("$VANTAGE" dataset -C "$DATASET" sequences --paths | sed -n "$((task + 1))p")
mkdir -p "$OUT/validate" "$OUT/qa" "$OUT/prelabel" "$OUT/export" "$OUT/status"
echo "task $task: sequence $name ($seq_dir) on $(hostname)"

# validate exits 1 when it finds errors: a result, not a failed task.
"$VANTAGE" validate --json --no-points "$seq_dir" > "$OUT/validate/$name.json"
validate_rc=$?
[ $validate_rc -le 1 ] || { echo "validate failed ($validate_rc)" >&2; exit $validate_rc; }
"$VANTAGE" qa stats --json "$seq_dir" > "$OUT/qa/$name.json" || exit $?
# Pre-labels change the sequence's annotations inside the shared checkout;
# the finishing step commits them (each task touches its own folder only).
if [ "$PRELABEL_MODEL" != none ]; then
  "$VANTAGE" prelabel "$seq_dir" --model "$PRELABEL_MODEL" > "$OUT/prelabel/$name.log" || exit $?
fi
"$VANTAGE" export "$seq_dir" --format "$FORMAT" --out "$OUT/export/$name" > "$OUT/export/$name.log" || exit $?
echo "validate=$validate_rc" > "$OUT/status/$name"
echo "task $task: $name done (validate exit $validate_rc)"
