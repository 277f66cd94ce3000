#!/usr/bin/env bash
# Full-size hostile floods through the Release CLI, each against the normal VoIP mix of about the same size:
# wall and CPU seconds, peak RSS, console and JSON report sizes, exit code, whether a stack trace was printed,
# time per MB relative to the mix, and time growth when the flood doubles. Prints a markdown table
# (the one in README.md next to this script).
#
#   tests/EndToEnd.Tests/Hostile/floods.sh [--floods register-scan,register-scan-rejected] [--count 1000000]
#                                          [--mix-size 400MB] [--timeout 600]
#
# Captures are cached under benchmarks/data/ (git-ignored) and made only when absent; pcapsip is published to
# benchmarks/out/pcapsip. Each flood runs at COUNT/2 and COUNT, so the last column is time(COUNT) / time(COUNT/2)
# (2.0 = linear; the budget is 2.2). Budgets per run: peak RSS <= 300 MiB, console <= 1 MB, JSON <= 300 MB,
# exit 0, no stack trace, time per MB within 3x of the mix, and for register-scan at 1 M: <= 30 s.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
DATA=$ROOT/benchmarks/data
OUT=$ROOT/benchmarks/out
FLOODS=register-scan,register-scan-rejected
COUNT=1000000
MIX_SIZE=400MB
TIMEOUT=600

while [ $# -gt 0 ]; do
  case $1 in
    --floods) FLOODS=$2; shift 2 ;;
    --count) COUNT=$2; shift 2 ;;
    --mix-size) MIX_SIZE=$2; shift 2 ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done

mkdir -p "$DATA" "$OUT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
log() { echo "== $*" >&2; }

log "building the synthesizer and publishing pcapsip (Release)"
dotnet build "$ROOT/benchmarks/Synthesizer" -c Release -nologo -v q >&2
dotnet publish "$ROOT/src/Cli" -c Release -o "$OUT/pcapsip" -nologo -v q >&2
SYNTH="dotnet $ROOT/benchmarks/Synthesizer/bin/Release/net10.0/pcapsip-synth.dll"
PCAPSIP=$OUT/pcapsip/pcapsip

# flood_args NAME → the synthesizer options of a named flood (add a line per new flood).
flood_args() {
  case $1 in
    register-scan) echo "--flood register-scan" ;;
    register-scan-rejected) echo "--flood register-scan --answered 1" ;;
    *) echo "unknown flood $1" >&2; exit 64 ;;
  esac
}

# capture NAME ARGS… → path of the cached capture (made when absent).
capture() {
  local name=$1; shift
  local file=$DATA/$name.pcap
  if [ ! -s "$file" ]; then
    log "synthesizing $file"
    $SYNTH --out "$file.partial" --truth "$file.truth.json" "$@" >&2
    mv "$file.partial" "$file"
  fi
  echo "$file"
}

# measure LABEL FILE → one tab-separated row: label, MB, wall s, CPU s, RSS MiB, console bytes, JSON bytes, exit, trace.
measure() {
  local label=$1 file=$2 rc=0
  cat "$file" >/dev/null # warm the page cache
  log "pcapsip analyze $(basename "$file")"
  /usr/bin/time -v -o "$WORK/time.txt" timeout "$TIMEOUT" "$PCAPSIP" analyze "$file" --no-progress \
    --json "$WORK/report.json" >"$WORK/console.txt" 2>"$WORK/stderr.txt" || rc=$?
  local wall cpu rss trace=no
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$WORK/time.txt")
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$WORK/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/time.txt")
  grep -q '^   at ' "$WORK/stderr.txt" && trace=yes
  local json=0
  [ -f "$WORK/report.json" ] && json=$(stat -c %s "$WORK/report.json")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.0f", b / 1e6 }')" \
    "$wall" "$cpu" "$rss" "$(stat -c %s "$WORK/console.txt")" "$json" "$rc" "$trace"
  rm -f "$WORK/report.json"
}

ROWS=$WORK/rows.txt
: >"$ROWS"
measure "VoIP mix (baseline)" "$(capture "mix-$MIX_SIZE-seed1-phones2000" --size "$MIX_SIZE" --seed 1 --phones 2000)" >>"$ROWS"
IFS=, read -r -a names <<<"$FLOODS"
for name in "${names[@]}"; do
  # shellcheck disable=SC2046 # the flood's options are meant to split into words
  half=$(capture "$name-$((COUNT / 2))" $(flood_args "$name") --count $((COUNT / 2)))
  # shellcheck disable=SC2046
  full=$(capture "$name-$COUNT" $(flood_args "$name") --count "$COUNT")
  measure "$name $((COUNT / 2))" "$half" >>"$ROWS"
  measure "$name $COUNT" "$full" >>"$ROWS"
done

echo
echo "### Floods — $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg), $(date -u +%Y-%m-%d)"
echo
awk -F'\t' '
  BEGIN {
    print "| capture | MB | wall s | CPU s | s/MB vs mix (CPU) | x2 size: time | peak RSS MiB | console KB | JSON MB | exit | stack trace |"
    print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  }
  {
    per = ($2 > 0 ? $4 / $2 : 0)
    if (NR == 1) { mix = per; ratio = "1.0" } else ratio = (mix > 0 ? sprintf("%.1f", per / mix) : "–")
    doubling = "–"
    split($1, words, " ")
    if (words[1] == last_name && last_cpu > 0) doubling = sprintf("%.2f", $4 / last_cpu)
    last_name = words[1]; last_cpu = $4
    printf "| %s | %d | %.1f | %.1f | %s | %s | %d | %.0f | %.1f | %s | %s |\n", $1, $2, $3, $4, ratio, doubling, $5, $6 / 1000, $7 / 1e6, $8, $9
  }' "$ROWS"
