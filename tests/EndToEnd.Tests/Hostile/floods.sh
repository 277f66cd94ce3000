#!/usr/bin/env bash
# Every hostile flood at its full size and at half of it, through the Release CLI, beside the normal VoIP mix at
# two sizes. One markdown row per flood (the table in README.md next to this script):
#   - CPU seconds (user + system) at N and 2N, and their ratio: doubling the input should at most double the
#     time (budget x2.2). CPU time, because wall time on a shared machine says more about the neighbours;
#   - time per MB against the mix's, twice: over the whole run at 2N, and marginal — (CPU(2N) - CPU(N)) /
#     (MB(2N) - MB(N)) — which leaves out the ~0.8 s start of the process that dominates the small floods;
#     the budget is 3x the mix;
#   - peak RSS (budget 300 MiB), console and JSON report sizes (1 MB / 300 MB), exit code (0, or 65 for a
#     broken structure), whether a .NET stack trace reached stderr, and the state_evictions of the report.
#
#   tests/EndToEnd.Tests/Hostile/floods.sh [--only NAME[,NAME…]] [--timeout 600] [--keep] [--repeat R] [--pcapsip PATH]
#
# --pcapsip PATH measures that build (another branch's published pcapsip, for an A/B) instead of publishing this one.
#
# --repeat R runs every capture R times and takes the median CPU time: the marginal of a 6 MB flood rests on a
# difference of a few hundredths of a second, which one run on a shared machine cannot tell from its noise.
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
PCAPSIP=""
while [ $# -gt 0 ]; do
  case $1 in
    --only) ONLY=$2; shift 2 ;;
    --timeout) LIMIT=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --repeat) REPEAT=$2; shift 2 ;;
    --pcapsip) PCAPSIP=$2; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
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

# measure FILE ANALYZE_OPTIONS → "MB CPU_s wall_s RSS_MiB console_bytes json_bytes exit trace evictions"
measure() {
  local file=$1 options=$2 rc=0
  local extra=()
  [ "$options" != "-" ] && read -r -a extra <<<"$options"
  cat "$file" >/dev/null # warm the page cache
  log "pcapsip analyze $(basename "$file")"
  local wall user system rss trace=no json=0 evictions cpus=()
  for ((run = 1; run <= REPEAT; run++)); do
    rc=0
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" timeout "$LIMIT" "$PCAPSIP" analyze "$file" --no-progress \
      --json "$WORK/report.json" "${extra[@]}" >"$WORK/console.txt" 2>"$WORK/stderr.txt" || rc=$?
    read -r wall user system rss < <(tail -1 "$WORK/time")
    cpus+=("$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')")
  done
  local cpu
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  grep -q '^   at ' "$WORK/stderr.txt" && trace=yes
  [ -f "$WORK/report.json" ] && json=$(stat -c %s "$WORK/report.json")
  # state_evictions comes early in the report; reading only its start keeps a large JSON cheap.
  evictions=$( (head -c 8000000 "$WORK/report.json" 2>/dev/null || true) | python3 -c '
import json, re, sys
m = re.search(r"\"state_evictions\": (\{[^}]*\})", sys.stdin.read())
print(", ".join(f"{k} {v}" for k, v in json.loads(m.group(1)).items() if v) or "none" if m else "?")')
  rm -f "$WORK/report.json"
  echo "$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1e6 }') \
$cpu $wall $((rss / 1024)) \
$(stat -c %s "$WORK/console.txt") $json $rc $trace $evictions"
}

ROWS=$WORK/rows.tsv
: >"$ROWS"
for line in "${FLOODS[@]}"; do
  IFS='|' read -r name options small large analyze format <<<"$line"
  if [ -n "$ONLY" ] && [ "$name" != mix ] && [[ ",$ONLY," != *",$name,"* ]]; then continue; fi
  a=$(capture "$name" "$options" "$small" "$format")
  read -r mb1 cpu1 _ rss1 _ _ rc1 trace1 _ < <(measure "$a" "$analyze")
  b=$(capture "$name" "$options" "$large" "$format")
  read -r mb2 cpu2 wall2 rss2 console2 json2 rc2 trace2 evictions2 < <(measure "$b" "$analyze")
  [ "$KEEP" = 1 ] || [ "$name" = mix ] || rm -f "$a" "$b"
  rc=$rc2; [ "$rc1" != 0 ] && rc="$rc1/$rc2"
  trace=$trace2; [ "$trace1" = yes ] && trace=yes
  rss=$(( rss1 > rss2 ? rss1 : rss2 ))
  printf '%s\t%s → %s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$small" "$large" "$mb1" "$mb2" "$cpu1" "$cpu2" \
    "$wall2" "$rss" "$console2" "$json2" "$rc" "$trace" "$evictions2" >>"$ROWS"
done

echo
echo "### Floods — $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg), $(date -u +%Y-%m-%d)"
echo
awk -F'\t' '
  BEGIN {
    print "| flood | size N → 2N | MB at 2N | CPU s N → 2N | ×2 size: CPU | s/MB at 2N (× mix) | marginal s/MB (× mix) | wall s at 2N | peak RSS MiB | console KB | JSON MB | exit | stack trace | state_evictions at 2N |"
    print "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|"
  }
  {
    whole = ($4 > 0 ? $6 / $4 : 0)
    marginal = ($4 > $3 ? ($6 - $5) / ($4 - $3) : 0)
    if (NR == 1) { mix_whole = whole; mix_marginal = marginal }
    wx = (mix_whole > 0 ? sprintf("%.1f", whole / mix_whole) : "–")
    mx = (mix_marginal > 0 ? sprintf("%.1f", marginal / mix_marginal) : "–")
    printf "| %s | %s | %.0f | %.2f → %.2f | %.2f | %.4f (%s) | %.4f (%s) | %.1f | %d | %.0f | %.1f | %s | %s | %s |\n",
      $1, $2, $4, $5, $6, ($5 > 0 ? $6 / $5 : 0), whole, wx, marginal, mx, $7, $8, $9 / 1000, $10 / 1e6, $11, $12, $13
  }' "$ROWS"
