#!/usr/bin/env bash
# The kill campaign of docs/reliability.md: runs the crash editor (edits through
# core::Editor, the workstation's Autosave, save_native) and kills it with SIGKILL
# at random moments; after each kill the files must load and match a saved or
# autosaved state with at most the last second of edits lost.
#   scripts/kill_campaign.sh                    300 kills, a random seed
#   scripts/kill_campaign.sh --kills 50 --seed 7
#   scripts/kill_campaign.sh --record           also append the figures to docs/reliability-data/kills.tsv
#   scripts/kill_campaign.sh --disk             the full-disk / read-only folder test instead (needs mount)
# Uses build/ (builds vantage_crash_editor there if needed). CI runs a short
# version through ctest (kill_campaign, full_disk).
set -euo pipefail
cd "$(dirname "$0")/.."
kills=300
seed=""
record=0
disk=0
while [ $# -gt 0 ]; do
  case "$1" in
    --kills) kills=$2; shift ;;
    --seed) seed=$2; shift ;;
    --record) record=1 ;;
    --disk) disk=1 ;;
    *) echo "usage: $0 [--kills N] [--seed S] [--record] [--disk]" >&2; exit 2 ;;
  esac
  shift
done
if [ ! -f build/CMakeCache.txt ]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
nice -n 10 cmake --build build -j"$(nproc)" --target vantage_crash_editor
editor=build/tests/reliability/vantage_crash_editor
work=$(mktemp -d /tmp/vantage-kills.XXXXXX)
trap 'rm -rf "$work"' EXIT
if [ "$disk" = 1 ]; then
  status=0
  "$editor" disk --work "$work" || status=$?
  exit $status
fi
args=(campaign --work "$work" --kills "$kills")
[ -n "$seed" ] && args+=(--seed "$seed")
if [ "$record" = 1 ]; then
  rec=$work/record.tsv
  VANTAGE_KILL_RECORD=$rec "$editor" "${args[@]}" && status=0 || status=$?
  printf '%s\t%s' "$(date -u +%Y-%m-%d)" "$(cat "$rec")" >> docs/reliability-data/kills.tsv
  exit $status
fi
status=0
"$editor" "${args[@]}" || status=$?
exit $status
