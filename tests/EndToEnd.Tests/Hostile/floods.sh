#!/usr/bin/env bash
# Every hostile flood at its full size and at half of it, through the Release CLI, beside the normal VoIP mix at
# two sizes. One markdown row per flood (the table in README.md next to this script):
#   - CPU seconds (user + system) at N and 2N, and their ratio: doubling the input should at most double the
#     time (budget x2.2). CPU time, because wall time on a shared machine says more about the neighbours;
#   - time per MB against the mix's, twice: over the whole run at 2N, and marginal — (CPU(2N) - CPU(N)) /
#     (MB(2N) - MB(N)), the difference the median over alternated pairs of runs (below) — which leaves out the
#     process's start that dominates the small floods; the budget is 3x the mix;
#   - peak RSS (budget 300 MiB), console and JSON report sizes (1 MB / 300 MB), exit code (0, or 65 for a
#     broken structure), whether a .NET stack trace reached stderr, and the state_evictions of the report.
#
#   tests/EndToEnd.Tests/Hostile/floods.sh [--only NAME[,NAME…]] [--timeout 600] [--keep] [--repeat R] [--small-repeat S] [--pcapsip PATH]
#
# --pcapsip PATH measures that build (another branch's published pcapsip, for an A/B) instead of publishing this one.
#
# --repeat R runs every capture R times and takes the median CPU time: the marginal of a 6 MB flood rests on a
# difference of a few hundredths of a second, which one run on a shared machine cannot tell from its noise. A flood
# whose 2N capture is under 64 MB runs at least --small-repeat S times (default 11): the 47 MB TCP floods' marginals
# rest on ~0.2 s of CPU, and three rounds left them ±20 % apart from one run to the next. The runs at N and 2N alternate,
# and the marginal is the median of the differences of the pairs: the two runs of a pair share the machine's load
# of the moment, which two medians over separate batches of runs did not.
#
# Every round of a flood's runs also runs the mix at its two sizes, and the last column is the median over the rounds
# of the flood's marginal divided by the mix's marginal of the same round: this VM's speed drifts by ±15 % within
# minutes (the mix's own marginal measured 0.0031–0.0054 s/MB in one day), and a ratio of two marginals taken
# minutes apart carried that drift whole.
#
# CPU is user + system from the process's own rusage (wait4, microseconds). /usr/bin/time printed each of the two
# rounded to 10 ms, so a marginal resting on 40 ms of CPU carried up to 20 ms of rounding alone.
#
# Captures are synthesized by benchmarks/Synthesizer into benchmarks/data/floods/ (git-ignored) when absent and
# deleted after their row unless --keep. pcapsip is published (Release) to benchmarks/out/pcapsip.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
DATA=$ROOT/benchmarks/data/floods
OUT=$ROOT/benchmarks/out
ONLY=""
LIMIT=600
KEEP=0
REPEAT=1
SMALL_REPEAT=11
SMALL_BYTES=64000000
PCAPSIP=""
while [ $# -gt 0 ]; do
  case $1 in
    --only) ONLY=$2; shift 2 ;;
    --timeout) LIMIT=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --repeat) REPEAT=$2; shift 2 ;;
    --small-repeat) SMALL_REPEAT=$2; shift 2 ;;
    --pcapsip) PCAPSIP=$2; shift 2 ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done

# name | synthesizer options, @ standing for the size | N | 2N (the size the attack was reported at) | analyze options | format
FLOODS=(
  "mix|--size @ --seed 1 --phones 2000|200MB|400MB|-|pcap"
  "register-scan|--flood register-scan --count @|500000|1000000|-|pcap"
  "register-scan-rejected|--flood register-scan --answered 1 --count @|500000|1000000|-|pcap"
  "call-ids|--flood call-ids --count @|500000|1000000|-|pcap"
  "udp-flows|--flood udp-flows --count @|500000|1000000|-|pcap"
  "fragments|--flood fragments --count @|500000|1000000|-|pcap"
  "tcp-endless|--flood tcp-endless --count 8 --size @|12MB|24MB|-|pcap"
  "huge-header|--flood huge-header --header-size @|5MB|10MB|-|pcap"
  "tiny-segments|--flood tiny-segments --header-size @|4MB|8MB|-|pcap"
  "colliding-connections|--flood colliding-connections --count @|32768|65536|-|pcap"
  "in-dialog-acks|--flood in-dialog-acks --count @|50000|100000|-|pcap"
  "forked-ringing|--flood forked-ringing --count @|50000|100000|-|pcap"
  "huge-record|--flood huge-record --header-size @|128MiB|255MiB|-|pcap"
  "dialog-requests|--flood dialog-requests --count @|200000|400000|-|pcap"
  "dialog-media|--flood dialog-media --count @|25000|50000|-|pcap"
  "register-refreshes|--flood register-refreshes --count @|200000|400000|-|pcap"
  "register-contacts|--flood register-contacts --count @|2500|5000|-|pcap"
  "invite-media|--flood invite-media --count @|3000|6000|-|pcap"
  "interface-call-ids|--flood interface-call-ids --count @|250000|500000|-|pcapng"
  "tcp-half-messages|--flood tcp-half-messages --count @|500000|1000000|-|pcap"
  "tcp-tiny-segments|--flood tcp-tiny-segments --count @|32500|65000|-|pcap"
  "rtp-ssrcs|--flood rtp-ssrcs --count @|500000|1000000|--rtp-ports 10000-29999|pcap"
  # The two 6 MB connection floods again at 8x the issue's sizes, past the 65 536-connection cap (the oldest are
  # evicted): a marginal over ~24 MB rests on a few hundred milliseconds instead of a few tens.
  "colliding-connections-large|--flood colliding-connections --count @|262144|524288|-|pcap"
  "tcp-tiny-segments-large|--flood tcp-tiny-segments --count @|260000|520000|-|pcap"
  # The two SIP floods of a second or less again at 4x: at their own sizes the first half-second of a run is
  # most of it, and then the hot SIP methods still run their ReadyToRun code, not yet compiled again (README.md,
  # "Session 27"): the marginal over 4x the input is the one a longer capture pays.
  "in-dialog-acks-large|--flood in-dialog-acks --count @|200000|400000|-|pcap"
  "forked-ringing-large|--flood forked-ringing --count @|200000|400000|-|pcap"
)

mkdir -p "$DATA" "$OUT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
log() { echo "== $*" >&2; }

log "building the synthesizer and publishing pcapsip (Release)"
dotnet build "$ROOT/benchmarks/Synthesizer" -c Release -nologo -v q >&2
if [ -z "$PCAPSIP" ]; then
  dotnet publish "$ROOT/src/Cli" -c Release -o "$OUT/pcapsip" -nologo -v q >&2
  PCAPSIP=$OUT/pcapsip/pcapsip
fi
SYNTH=(dotnet "$ROOT/benchmarks/Synthesizer/bin/Release/net10.0/pcapsip-synth.dll")

# capture NAME OPTIONS SIZE FORMAT → path of the capture, synthesized when absent.
capture() {
  local name=$1 options=$2 size=$3 format=$4
  local file=$DATA/$name-$size.$format
  if [ ! -s "$file" ]; then
    log "synthesizing $(basename "$file")"
    # shellcheck disable=SC2086 # the options are meant to split into words
    "${SYNTH[@]}" --out "$file.partial" --format "$format" ${options//@/$size} >&2
    mv "$file.partial" "$file"
  fi
  echo "$file"
}

# run_once FILE → "CPU_s wall_s RSS_KiB exit" of one analysis, its console, stderr and JSON report left in $WORK.
# CPU and peak RSS come from wait4's rusage of `timeout`, which covers pcapsip (reaped by it).
run_once() {
  local file=$1
  rm -f "$WORK/report.json"
  python3 - "$WORK" "$LIMIT" "$PCAPSIP" analyze "$file" --no-progress --json "$WORK/report.json" "${extra[@]}" <<'PY'
import os, sys, time
work, limit, command = sys.argv[1], sys.argv[2], sys.argv[3:]
start = time.monotonic()
pid = os.fork()
if pid == 0:
    os.dup2(os.open(f"{work}/console.txt", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), 1)
    os.dup2(os.open(f"{work}/stderr.txt", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), 2)
    os.execvp("timeout", ["timeout", limit] + command)
_, status, usage = os.wait4(pid, 0)
wall = time.monotonic() - start
print(f"{usage.ru_utime + usage.ru_stime:.4f} {wall:.2f} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
PY
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# measure_pair SMALL LARGE ANALYZE_OPTIONS → "MB1 MB2 CPU1 CPU2 ΔCPU runs wall2 RSS_MiB console2 json2 exit trace evictions":
# the runs alternate between the two captures; CPU1 and CPU2 are medians, ΔCPU the median of the pairs' differences.
measure_pair() {
  local a=$1 b=$2 options=$3 runs=$REPEAT
  extra=()
  [ "$options" != "-" ] && read -r -a extra <<<"$options"
  [ "$(stat -c %s "$b")" -lt "$SMALL_BYTES" ] && [ "$runs" -lt "$SMALL_REPEAT" ] && runs=$SMALL_REPEAT
  cat "$a" "$b" >/dev/null # warm the page cache
  log "pcapsip analyze $(basename "$a") and $(basename "$b"), $runs runs each"
  local cpu1 cpu2 wall rss1 rss2 rc1 rc2 rss=0 trace=no json=0 evictions cpus1=() cpus2=() deltas=() ratios=() failed1=0 failed2=0
  local mix_delta flood_extra=("${extra[@]}")
  for ((run = 1; run <= runs; run++)); do
    if [ -n "${MIX_A:-}" ]; then
      # The mix's marginal in this round, the flood's options left out.
      extra=()
      mix_delta=$(awk -v x="$(run_once "$MIX_A" | cut -d' ' -f1)" -v y="$(run_once "$MIX_B" | cut -d' ' -f1)" 'BEGIN { printf "%.4f", y - x }')
      extra=("${flood_extra[@]}")
    fi
    read -r cpu1 _ rss1 rc1 < <(run_once "$a")
    grep -q '^   at ' "$WORK/stderr.txt" && trace=yes
    read -r cpu2 wall rss2 rc2 < <(run_once "$b")
    grep -q '^   at ' "$WORK/stderr.txt" && trace=yes
    if [ -n "${MIX_A:-}" ]; then
      ratios+=("$(awk -v x="$cpu1" -v y="$cpu2" -v m="$mix_delta" -v fa="$(stat -c %s "$a")" -v fb="$(stat -c %s "$b")" \
        -v ma="$(stat -c %s "$MIX_A")" -v mb="$(stat -c %s "$MIX_B")" \
        'BEGIN { printf "%.3f", (m > 0 && fb > fa) ? ((y - x) / (fb - fa)) / (m / (mb - ma)) : 0 }')")
    fi
    # A run that did not exit 0 is reported even if a later one did.
    [ "$rc1" = 0 ] || failed1=$rc1
    [ "$rc2" = 0 ] || failed2=$rc2
    cpus1+=("$cpu1") cpus2+=("$cpu2")
    deltas+=("$(awk -v x="$cpu1" -v y="$cpu2" 'BEGIN { printf "%.4f", y - x }')")
    rss=$(( rss > rss1 ? rss : rss1 )); rss=$(( rss > rss2 ? rss : rss2 ))
  done
  [ -f "$WORK/report.json" ] && json=$(stat -c %s "$WORK/report.json")
  # state_evictions comes early in the report; reading only its start keeps a large JSON cheap.
  evictions=$( (head -c 8000000 "$WORK/report.json" 2>/dev/null || true) | python3 -c '
import json, re, sys
m = re.search(r"\"state_evictions\": (\{[^}]*\})", sys.stdin.read())
print(", ".join(f"{k} {v}" for k, v in json.loads(m.group(1)).items() if v) or "none" if m else "?")')
  local rc=$failed2
  [ "$failed1" != 0 ] && rc="$failed1/$failed2"
  echo "$(awk -v b="$(stat -c %s "$a")" 'BEGIN { printf "%.1f", b / 1e6 }') $(awk -v b="$(stat -c %s "$b")" 'BEGIN { printf "%.1f", b / 1e6 }') \
$(printf '%s\n' "${cpus1[@]}" | median) $(printf '%s\n' "${cpus2[@]}" | median) $(printf '%s\n' "${deltas[@]}" | median) $runs \
$wall $((rss / 1024)) $(stat -c %s "$WORK/console.txt") $json $rc $trace $( [ ${#ratios[@]} -gt 0 ] && printf '%s\n' "${ratios[@]}" | median || echo -) $evictions"
}

ROWS=$WORK/rows.tsv
: >"$ROWS"
for line in "${FLOODS[@]}"; do
  IFS='|' read -r name options small large analyze format <<<"$line"
  if [ -n "$ONLY" ] && [ "$name" != mix ] && [[ ",$ONLY," != *",$name,"* ]]; then continue; fi
  a=$(capture "$name" "$options" "$small" "$format")
  b=$(capture "$name" "$options" "$large" "$format")
  read -r mb1 mb2 cpu1 cpu2 delta runs wall2 rss console2 json2 rc trace ratio evictions2 < <(measure_pair "$a" "$b" "$analyze")
  [ "$KEEP" = 1 ] || [ "$name" = mix ] || rm -f "$a" "$b"
  # The mix comes first: every later flood's rounds run it beside their own captures.
  if [ "$name" = mix ]; then MIX_A=$a MIX_B=$b; fi
  printf '%s\t%s → %s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$small" "$large" "$mb1" "$mb2" "$cpu1" "$cpu2" \
    "$wall2" "$rss" "$console2" "$json2" "$rc" "$trace" "$evictions2" "$delta" "$runs" "$ratio" >>"$ROWS"
done

echo
echo "### Floods — $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg), $(date -u +%Y-%m-%d)"
echo
awk -F'\t' '
  BEGIN {
    print "| flood | size N → 2N | MB at 2N | runs | CPU s N → 2N | ×2 size: CPU | s/MB at 2N (× mix) | marginal s/MB (× mix) | marginal × mix, same rounds | wall s at 2N | peak RSS MiB | console KB | JSON MB | exit | stack trace | state_evictions at 2N |"
    print "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|"
  }
  {
    whole = ($4 > 0 ? $6 / $4 : 0)
    marginal = ($4 > $3 ? $14 / ($4 - $3) : 0)
    if (NR == 1) { mix_whole = whole; mix_marginal = marginal }
    wx = (mix_whole > 0 ? sprintf("%.1f", whole / mix_whole) : "–")
    mx = (mix_marginal > 0 ? sprintf("%.1f", marginal / mix_marginal) : "–")
    same = ($16 == "-" || $16 == "" ? "–" : sprintf("%.1f", $16))
    printf "| %s | %s | %.0f | %d | %.3f → %.3f | %.2f | %.4f (%s) | %.4f (%s) | %s | %.1f | %d | %.0f | %.1f | %s | %s | %s |\n",
      $1, $2, $4, $15, $5, $6, ($5 > 0 ? $6 / $5 : 0), whole, wx, marginal, mx, same, $7, $8, $9 / 1000, $10 / 1e6, $11, $12, $13
  }' "$ROWS"
