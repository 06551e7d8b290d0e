#!/usr/bin/env bash
# A real scheduler on localhost: Debian's slurm-wlm and munge, started here (one node, 2 CPUs) and stopped on
# exit. Runs the variant grid as `sbatch --array=0-2` (one shard per array task, merged, byte-identical to a
# single-process render) and LoRA training as `srun -n 2` (two ranks from SLURM_PROCID/NTASKS/JOB_NODELIST,
# byte-identical to `train --nproc 2`). Prints the scheduler's job records (jobcomp; `sacct` itself needs
# slurmdbd and a database, which this one-node setup does not run).
# Exit 77 (CTest: skipped) with one line where the daemons cannot start: not root, packages missing.
#   slurm_cluster.sh CLI REFDATA WORK
set -euo pipefail
CLI="$1"; REFDATA="$2"; WORK="$3"
skip() { echo "SKIPPED: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "the Slurm test starts munged, slurmctld and slurmd and needs root"
for b in munged slurmctld slurmd sbatch srun scontrol; do
  command -v "$b" >/dev/null || skip "$b not installed (Debian: slurm-wlm munge; scripts/setup.sh installs them)"
done
rm -rf "$WORK"
mkdir -p "$WORK"/{state,spool,log,run}
WORK=$(cd "$WORK" && pwd)
host=$(hostname)
port=$((20000 + $$ % 20000))
cat > "$WORK/slurm.conf" <<EOF
ClusterName=advariant-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$WORK/run/munge.socket
CredType=cred/munge
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/run/slurmctld.pid
SlurmdPidFile=$WORK/run/slurmd.pid
SlurmctldLogFile=$WORK/log/slurmctld.log
SlurmdLogFile=$WORK/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobCompType=jobcomp/filetxt
JobCompLoc=$WORK/log/jobcomp.txt
JobAcctGatherType=jobacct_gather/none
NodeName=$host CPUs=2 State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$WORK/slurm.conf"
stop() {
  scontrol shutdown >/dev/null 2>&1 || true
  sleep 1
  for p in slurmd slurmctld munged; do
    [ -f "$WORK/run/$p.pid" ] && kill "$(cat "$WORK/run/$p.pid")" 2>/dev/null || true
  done
}
trap stop EXIT
head -c 1024 /dev/urandom > "$WORK/munge.key"
chmod 400 "$WORK/munge.key"
munged --force -S "$WORK/run/munge.socket" --key-file "$WORK/munge.key" --pid-file "$WORK/run/munged.pid" \
  --log-file "$WORK/log/munged.log" --seed-file "$WORK/run/munge.seed" || skip "munged did not start: $(tail -1 "$WORK/log/munged.log" 2>/dev/null)"
slurmctld -f "$SLURM_CONF" || skip "slurmctld did not start: $(tail -1 "$WORK/log/slurmctld.log" 2>/dev/null)"
slurmd -f "$SLURM_CONF" || skip "slurmd did not start: $(tail -1 "$WORK/log/slurmd.log" 2>/dev/null)"
for _ in $(seq 50); do
  sinfo -h -o %t 2>/dev/null | grep -q idle && break
  sleep 0.2
done
sinfo -h -o %t | grep -q idle || skip "the node did not come up: $(tail -1 "$WORK/log/slurmd.log")"
echo "slurm: $(sinfo -V) on $host, port $port"

# ---- The grid as a job array --------------------------------------------------------------------------
cd "$WORK"
cat > grid.json <<'EOF'
{"concepts": ["dress", "shirt"], "conditions": ["beach", "city"], "seeds_per_cell": 2, "first_seed": 6,
 "sampler": "dpmpp_2m", "steps": 4, "cfg": 5}
EOF
OMP_NUM_THREADS=1 "$CLI" grid --spec grid.json --out single --device cpu >/dev/null 2>&1
cat > grid.sbatch <<EOF
#!/bin/bash
#SBATCH --array=0-2
#SBATCH --output=$WORK/log/grid-%a.log
export OMP_NUM_THREADS=1
exec "$CLI" grid --spec $WORK/grid.json --out $WORK/farm --device cpu
EOF
timeout 600 sbatch --wait --chdir "$WORK" grid.sbatch || { cat log/grid-*.log; echo "FAIL: the grid array job failed"; exit 1; }
"$CLI" grid merge --out merged farm >/dev/null
diff -r single merged || { echo "FAIL: 3 Slurm array shards merged differ from one process"; exit 1; }
echo "grid: sbatch --array=0-2 -> $(ls farm/shards | tr '\n' ' ')-> merged, byte-identical to one process"

# ---- Training with srun -n 2 ----------------------------------------------------------------------------
# Rank 0 hosts the rendezvous store here (no launcher agent store, unlike --nproc and torchrun).
"$CLI" dataset synth --out synth --images 20 --seed 9 >/dev/null
"$CLI" pairs build --annotations synth/instances_attributes.json --images synth/images \
  --conditions beach --per-category 2 --resolution 64 --out pairs >/dev/null
config() {
  cat > "$1.json" <<EOF
{"model": "$REFDATA", "manifest": "$WORK/pairs/manifest.jsonl", "out_dir": "$WORK/$1", "cache_dir": "$WORK/cache-$1",
 "resolution": 32, "steps": 4, "batch": 4, "learning_rate": 0.001, "checkpoint_every": 2, "seed": 5, "device": "cpu"}
EOF
}
config srun
config local
timeout 600 srun -n 2 --export=ALL,OMP_NUM_THREADS=1,MASTER_PORT=$((port + 2)) "$CLI" train --config srun.json \
  > log/srun.out 2> log/srun.err || { cat log/srun.err; echo "FAIL: srun -n 2 training failed"; exit 1; }
# The same thread count per rank as under srun: kernels split their sums by thread, so bytes match only then.
OMP_NUM_THREADS=1 "$CLI" train --config local.json --nproc 2 > /dev/null 2> log/local.err || { cat log/local.err; exit 1; }
[ "$(wc -l < srun/metrics.jsonl)" = 4 ] || { echo "FAIL: metrics.jsonl of the srun run has $(wc -l < srun/metrics.jsonl) lines, not 4"; exit 1; }
grep -q '"world_size": *2' srun/checkpoints/step-0000002/state.json ||
  { echo "FAIL: the srun checkpoint does not record 2 ranks"; exit 1; }
cmp srun/lora.safetensors local/lora.safetensors || { echo "FAIL: srun -n 2 and --nproc 2 trained different LoRAs"; exit 1; }
echo "train: srun -n 2 (SLURM_PROCID/SLURM_NTASKS, master $(hostname)) == train --nproc 2, byte for byte"

echo "--- the scheduler's job records (jobcomp/filetxt):"
sed -E 's/ (UserId|GroupId|Partition|TimeLimit|ReservationName|Tres|Account|QOS|WcKey|Cluster|SubmitTime|EligibleTime|DerivedExitCode|WorkDir)=[^ ]*//g' log/jobcomp.txt
sacct -X -o JobID,JobName,State,ExitCode,Elapsed 2>&1 | head -20 || true
