#!/usr/bin/env bash
# Runs `pcapsip batch --shard i/3` as a Slurm job array on a one-node Slurm cluster started here, and checks
# that the merged outputs equal one unsharded run over the same inputs; one shard is interrupted with scancel
# (SIGTERM) on the way and resubmitted, and the batch must still end with the same result.
#
# Usage: sudo tests/scale/slurm.sh [PCAPSIP_DLL]   (default: the Release build under src/Cli/bin)
# Needs root: slurmd runs the jobs and munged guards the cluster's key. Installs slurm-wlm and munge with
# apt-get when missing. Everything (config, state, logs, munge key and socket) lives in one temporary folder;
# the daemons run under `timeout` and are stopped and the folder removed on exit, however the script ends.
# Exit 0 and a last line "slurm.sh: PASS ..." when the sharded and unsharded outputs are equal.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
dll=$(realpath "${1:-$repo/src/Cli/bin/Release/net10.0/pcapsip.dll}")
limit=${SLURM_TEST_SECONDS:-240}   # the whole run, daemons included
shards=3
deadline=$((SECONDS + limit))
say() { echo "slurm.sh: $*" >&2; }
fail() { say "FAIL: $*"; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "needs root (slurmd runs the jobs; munged's key must be private)"
[ -f "$dll" ] || fail "no pcapsip at $dll (build src/Cli -c Release first)"
command -v editcap >/dev/null || fail "editcap (wireshark-common) is needed for the ring-buffer inputs"
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  say "installing slurm-wlm and munge"
  export DEBIAN_FRONTEND=noninteractive
  timeout 600 apt-get update -q >&2
  timeout 600 apt-get install -y -q --no-install-recommends slurm-wlm munge >&2
fi

T=$(mktemp -d /tmp/pcapsip-slurm.XXXXXX)
pids=()
cleanup() {
  local rc=$?
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ "$rc" -ne 0 ] && [ -d "$T/log" ]; then
    for f in "$T"/log/*; do say "--- $f"; tail -n 30 "$f" >&2 || true; done
  fi
  rm -rf "$T"
  exit "$rc"
}
trap cleanup EXIT
trap 'say "FAIL: line $LINENO: $BASH_COMMAND"' ERR
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "$T"/{log,state,spool,munge,in/ring,rc}
chmod 700 "$T" "$T/munge"

# --- munge: its own key, socket and logs; runs as root (--force), which a throwaway cluster may.
dd if=/dev/urandom of="$T/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$T/munge/munge.key"
socket="$T/munge/munge.socket"
timeout "$limit" munged -F --force --key-file="$T/munge/munge.key" --socket="$socket" \
  --pid-file="$T/munge/munged.pid" --log-file="$T/log/munged.log" --seed-file="$T/munge/munged.seed" &
pids+=($!)

# --- Slurm: one node (this machine, its CPUs) on free ports; no cgroups, no accounting, no systemd: a container
# has neither a writable cgroup tree nor slurmdbd, and the test needs none of them.
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    ss -ltnH 2>/dev/null | awk '{print $4}' | grep -q ":$p\$" || { echo "$p"; return; }
  done
}
host=$(hostname -s)
cat > "$T/slurm.conf" <<CONF
ClusterName=pcapsip
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/log/slurmctld.log
SlurmdLogFile=$T/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
KillWait=10
MinJobAge=600
MailProg=/bin/true
NodeName=pcapsip-node NodeHostname=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=batch Nodes=pcapsip-node Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$T/slurm.conf"
for _ in $(seq 50); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || fail "munged did not start"
timeout "$limit" slurmctld -D -f "$SLURM_CONF" >"$T/log/slurmctld.out" 2>&1 &
pids+=($!)
timeout "$limit" slurmd -D -N pcapsip-node -f "$SLURM_CONF" >"$T/log/slurmd.out" 2>&1 &
pids+=($!)
until sinfo -h -N -o '%T' 2>/dev/null | grep -Eq '^(idle|mixed|allocated)'; do
  [ $SECONDS -lt $deadline ] || fail "the node never became idle: $(sinfo -h -N -o '%T %E' 2>&1)"
  sleep 0.5
done
say "cluster up: node pcapsip-node, $(nproc) CPUs ($((SECONDS)) s)"

# --- inputs: every lab scenario as a job with its capture points (JOB@POINT files), plus two dumpcap-style
# ring buffers (editcap -c names its pieces NAME_NNNNN_YYYYMMDDhhmmss) that are one job each.
lab="$repo/tests/fixtures/lab"
names=(uplink router)
for d in "$lab"/*/; do
  s=$(basename "$d")
  names+=("$s")
  [ -f "$d/pbx-uplink.pcap" ] && cp "$d/pbx-uplink.pcap" "$T/in/$s@pbx-uplink.pcap"
  [ -f "$d/router1.pcapng" ] && cp "$d/router1.pcapng" "$T/in/$s@router1.pcapng"
done
editcap -c 40 "$lab/wrong-gateway-drop/pbx-uplink.pcap" "$T/in/ring/uplink.pcap" >/dev/null
editcap -c 200 "$lab/one-way-audio/router1.pcapng" "$T/in/ring/router.pcapng" >/dev/null
inputs=$(find "$T/in" -type f | wc -l)
[ "$inputs" -ge 20 ] || fail "only $inputs inputs"

pcapsip() { timeout 120 dotnet "$dll" "$@"; }
out="$T/sharded"
whole="$T/whole"
cat > "$T/shard.sh" <<JOB
#!/usr/bin/env bash
# One array task = one shard. The shell outlives a SIGTERM (its trap runs once pcapsip has exited) to record
# pcapsip's exit code; pcapsip itself gets the signal from slurmstepd.
trap 'echo "shard \$SLURM_ARRAY_TASK_ID: SIGTERM" >&2' TERM
echo \$\$ > "$T/rc/pid-\$SLURM_ARRAY_TASK_ID"
timeout 120 dotnet "$dll" batch "$T/in" --out "$out" --parquet --shard "\$SLURM_ARRAY_TASK_ID/$shards"
echo \$? > "$T/rc/exit-\$SLURM_ARRAY_TASK_ID"
JOB
chmod +x "$T/shard.sh"

# Waits until no task of job $1 is pending or running.
wait_for() {
  while squeue -h -j "$1" 2>/dev/null | grep -q .; do
    [ $SECONDS -lt $deadline ] || fail "job $1 still queued/running at the time limit: $(squeue -j "$1" 2>&1)"
    sleep 0.3
  done
}
# The jobs of shard $1 as the README defines sharding: jobs sorted by name (ordinal), the i-th goes to shard i mod N.
jobs_of_shard() { printf '%s\n' "${names[@]}" | LC_ALL=C sort | awk -v n="$shards" -v i="$1" '(NR - 1) % n == i'; }
finished_of_shard() { jobs_of_shard "$1" | while read -r j; do if [ -f "$out/$j/.pcapsip-complete" ]; then echo "$j"; fi; done; }

# --- the array. Shard 1 is interrupted on its last job, after the others are finished: that job's first input is
# a named pipe on the first run, so the shard (one job at a time) blocks opening it and cannot finish however fast
# the machine is (freezing it with SIGSTOP once one job had finished raced it: the shard once ran all six lab jobs
# before the freeze). The pipe is fed the real capture only after scancel's SIGTERM, so the job reads its packets with the
# stop already requested; the real file is put back for the resubmission and the unsharded run.
gate_job="" gate_at=0 at=0
while read -r j; do
  if compgen -G "$T/in/$j@*" >/dev/null; then gate_job=$j gate_at=$at; fi
  at=$((at + 1))
done < <(jobs_of_shard 1)
[ -n "$gate_job" ] || fail "shard 1 has no job with JOB@POINT inputs to hold back"
gate=$(printf '%s\n' "$T/in/$gate_job"@* | LC_ALL=C sort | head -1)
mv "$gate" "$T/gate.capture"
mkfifo "$gate"
array=$(sbatch --parsable --array=0-$((shards - 1)) --job-name=pcapsip --output="$T/log/shard-%a.log" "$T/shard.sh")
say "submitted array job $array; shard 1 held at its job $gate_job"
interrupted=0
until [ "$(finished_of_shard 1 | wc -l)" -ge "$gate_at" ] && [ -f "$T/rc/pid-1" ]; do
  [ $SECONDS -lt $deadline ] || fail "shard 1 never finished the $gate_at jobs before $gate_job"
  sleep 0.1
done
scancel "${array}_1"
# slurmstepd signals the task's processes on its own time: a second is ample even on a loaded machine (the shard
# stays blocked on the pipe meanwhile, so waiting longer costs nothing but the second).
sleep 1
timeout "$limit" cp "$T/gate.capture" "$gate" &
feeder=$!
pids+=("$feeder")
wait_for "$array"
kill "$feeder" 2>/dev/null || true # still blocked if the shard stopped before opening the pipe
rm -f "$gate"
mv "$T/gate.capture" "$gate"
[ -f "$T/rc/exit-1" ] && interrupted=$(cat "$T/rc/exit-1")
[ "$interrupted" = 143 ] || fail "shard 1 was not interrupted by SIGTERM (exit ${interrupted}; it may have finished first)"
grep -q 'pcapsip: interrupted' "$T/log/shard-1.log" || fail "shard 1 did not handle the SIGTERM: $(cat "$T/log/shard-1.log")"
for i in 0 2; do [ "$(cat "$T/rc/exit-$i" 2>/dev/null)" = 0 ] || fail "shard $i exited $(cat "$T/rc/exit-$i" 2>/dev/null)"; done
[ ! -f "$out/summary.shard-1-of-$shards.json" ] || fail "the interrupted shard wrote its summary"
[ ! -f "$out/summary.json" ] || fail "merged before shard 1 finished"
early=0
pcapsip batch --merge "$out" 2>"$T/log/early-merge.err" || early=$?
[ "$early" = 66 ] || fail "--merge with shard 1 missing exited $early, not 66"
kept=$(finished_of_shard 1 | wc -l)
planned=$(jobs_of_shard 1 | wc -l)
[ "$kept" -ge 1 ] && [ "$kept" -lt "$planned" ] || fail "shard 1 had finished $kept of its $planned jobs at the interrupt"
say "shard 1 interrupted (exit 143) with $kept of its $planned jobs finished; resubmitting it"

# --- resubmit shard 1: it skips the jobs it finished, runs the rest and, as the last shard, merges.
again=$(sbatch --parsable --array=1 --job-name=pcapsip --output="$T/log/shard-1-again.log" "$T/shard.sh")
wait_for "$again"
[ "$(cat "$T/rc/exit-1")" = 0 ] || fail "resubmitted shard 1 exited $(cat "$T/rc/exit-1")"
[ -f "$out/summary.json" ] || fail "the last shard did not merge"
[ "$(grep -o '"job": "[^"]*"' "$out/summary.shard-1-of-$shards.json" | cut -d'"' -f4)" = "$(jobs_of_shard 1)" ] \
  || fail "shard 1 ran other jobs than jobs sorted by name, i mod $shards"
skipped=$(grep -c '"status": "skipped"' "$out/summary.shard-1-of-$shards.json" || true)
[ "$skipped" -eq "$kept" ] || fail "the resubmitted shard skipped $skipped jobs, not the $kept it had finished"
sums() { (cd "$1" && find summary.json summary.csv findings.jsonl parquet -type f | sort | xargs sha256sum); }
before=$(sums "$out")
pcapsip batch --merge "$out" 2>>"$T/log/merge.err"
[ "$before" = "$(sums "$out")" ] || fail "a second --merge changed the merged outputs"

# --- the same inputs in one unsharded run, compared with the merged outputs.
pcapsip batch "$T/in" --out "$whole" --parquet >/dev/null 2>"$T/log/whole.err"
list_jobs() { (cd "$1" && ls -d */ | grep -v '^parquet/$' | sort); }
[ "$(list_jobs "$out")" = "$(list_jobs "$whole")" ] || fail "job folders differ: $(diff <(list_jobs "$out") <(list_jobs "$whole"))"
njobs=$(list_jobs "$whole" | wc -l)
for j in $(list_jobs "$whole"); do
  cmp -s "$out/$j/report.json" "$whole/$j/report.json" || fail "report.json of $j differs"
  cmp -s "$out/$j/findings.jsonl" "$whole/$j/findings.jsonl" || fail "findings.jsonl of $j differs"
done
diff <(sort "$out/findings.jsonl") <(sort "$whole/findings.jsonl") >&2 || fail "findings.jsonl differs"
# summary.json is indented, one field a line: drop the fields that depend on the run (time, folder).
rows() { grep -Ev '"(seconds|output_directory)":' "$1/summary.json"; }
diff <(rows "$out") <(rows "$whole") >&2 || fail "summary rows differ"
diff <(sums "$out" | grep ' parquet/') <(sums "$whole" | grep ' parquet/') >&2 || fail "the Parquet datasets differ"
findings=$(wc -l < "$whole/findings.jsonl")
parts=$(find "$whole/parquet" -name part.parquet | wc -l)
say "PASS: $shards shards over $inputs inputs ($njobs jobs, $findings findings, $parts Parquet partitions) equal the unsharded run; shard 1 interrupted after $kept/$planned jobs and resumed; $SECONDS s"
