#!/usr/bin/env bash
# CTest: the dataset batch scripts (scripts/slurm) on a two-sequence dataset.
#   slurm_batch_check.sh VANTAGE WORK SCRIPTS local    the local runner
#   slurm_batch_check.sh VANTAGE WORK SCRIPTS cluster  a one-node Slurm
#        (auth/none, as root, no systemd); exit 77 (skipped) when Slurm is
#        not installed or cannot start here.
set -euo pipefail
VANTAGE=$1 WORK=$2 SCRIPTS=$3 MODE=$4
export VANTAGE
rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK"

"$VANTAGE" demo -q --frames 2 --cameras 1 --seed 1 src/drive1
"$VANTAGE" demo -q --frames 3 --cameras 1 --seed 2 src/drive2
"$VANTAGE" dataset init ds --author "CI <ci@example.com>" > /dev/null
"$VANTAGE" dataset -C ds add src/drive1 src/drive2 > /dev/null
"$VANTAGE" dataset -C ds commit -m "two drives" --author "CI <ci@example.com>" > /dev/null

check_results() {
  local out=$1
  for s in drive1 drive2; do
    test -s "$out/validate/$s.json" || { echo "no validation report for $s" >&2; exit 1; }
    test -s "$out/qa/$s.json" || { echo "no QA report for $s" >&2; exit 1; }
    ls "$out/export/$s"/*.json > /dev/null || { echo "no export for $s" >&2; exit 1; }
    grep -q '"errors"' "$out/validate/$s.json"
  done
  grep -q "sequences=2 missing=0" "$out/summary.txt"
}

if [ "$MODE" = local ]; then
  "$SCRIPTS/run_dataset_jobs.sh" ds out --local --jobs 2 --commit "batch results"
  check_results out
  grep -q "runner=local" out/summary.txt
  echo "local runner: ok"
  exit 0
fi

# [cluster] A one-node Slurm, as the design note describes.
if [ "$(id -u)" -ne 0 ] || ! command -v slurmctld > /dev/null || ! command -v slurmd > /dev/null || ! command -v sbatch > /dev/null; then
  echo "Slurm is not installed here (or not root): skipped"
  exit 77
fi
T=$WORK/slurm
mkdir -p "$T/state" "$T/spool"
host=$(hostname -s)
cpus=$(nproc)
cat > "$T/slurm.conf" <<CONF
ClusterName=ci
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/none
CredType=cred/none
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
MailProg=/bin/true
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$T/slurm.conf
stop() {
  [ -f "$T/slurmd.pid" ] && kill "$(cat "$T/slurmd.pid")" 2> /dev/null || true
  [ -f "$T/slurmctld.pid" ] && kill "$(cat "$T/slurmctld.pid")" 2> /dev/null || true
}
trap stop EXIT
slurmctld -i > /dev/null 2>&1 || { echo "slurmctld cannot start here: skipped"; exit 77; }
slurmd > /dev/null 2>&1 || { echo "slurmd cannot start here: skipped"; exit 77; }
for _ in $(seq 1 30); do
  sinfo -h -o %T 2> /dev/null | grep -q idle && break
  sleep 1
done
sinfo -h -o %T 2> /dev/null | grep -q idle || { echo "the Slurm node did not come up: skipped"; cat "$T/slurmd.log" 2> /dev/null | tail -5; exit 77; }
timeout 120 "$SCRIPTS/run_dataset_jobs.sh" ds out --max-running 2
check_results out
grep -q "runner=slurm" out/summary.txt
echo "Slurm array job: ok"
