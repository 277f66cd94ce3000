#!/usr/bin/env bash
# Linear-time floods: each hostile capture at size N and 2N through `pcapsip analyze`, under /usr/bin/time -v.
# Prints one row per run (wall time, peak RSS, file size, time per MB) and, per flood, the ratio t(2N)/t(N),
# which stays near 2 when the time is linear. The table in tests/EndToEnd.Tests/Hostile/README.md comes from it.
#
#   benchmarks/floods.sh [--pcapsip path/to/pcapsip.dll] [--only KIND[,KIND…]] [--timeout 300]
#
# Captures are cached under benchmarks/data/floods/ (git-ignored); the CLI must be built (Release) first.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=$ROOT/benchmarks/data/floods
PCAPSIP=$ROOT/src/Cli/bin/Release/net10.0/pcapsip.dll
SYNTH=$ROOT/benchmarks/Synthesizer/bin/Release/net10.0/pcapsip-synth.dll
ONLY=""
LIMIT=300

while [ $# -gt 0 ]; do
  case $1 in
    --pcapsip) PCAPSIP=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --timeout) LIMIT=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done
mkdir -p "$DATA"

# kind, synthesizer size option, N, 2N
FLOODS=(
  "tiny-segments --header-size 4MB 8MB"
  "tiny-segments --header-size 512KB 1MB"
  "colliding-connections --count 32768 65536"
  "in-dialog-acks --count 50000 100000"
  "forked-ringing --count 50000 100000"
  "huge-record --header-size 128MiB 255MiB"
)

run() { # file → "seconds peak_mb exit"
  local log; log=$(mktemp)
  set +e
  timeout "$LIMIT" /usr/bin/time -v dotnet "$PCAPSIP" analyze --no-progress --json /dev/null "$1" >/dev/null 2>"$log"
  local code=$?
  set -e
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
  rm -f "$log"
  echo "${wall:-0} ${rss:-0} $code"
}

printf "%-22s %10s %10s %9s %9s %10s %5s\n" flood size file_MB time_s peak_MB s_per_MB exit
for line in "${FLOODS[@]}"; do
  read -r kind option small large <<<"$line"
  if [ -n "$ONLY" ] && [[ ",$ONLY," != *",$kind,"* ]]; then continue; fi
  declare -A took=()
  for size in "$small" "$large"; do
    file=$DATA/$kind-$size.pcap
    [ -f "$file" ] || dotnet "$SYNTH" --out "$file" --flood "$kind" "$option" "$size" --truth "$file.truth.json" >/dev/null
    mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN {printf "%.1f", b/1e6}')
    read -r wall rss code <<<"$(run "$file")"
    took[$size]=$wall
    printf "%-22s %10s %10s %9.2f %9s %10.3f %5s\n" "$kind" "$size" "$mb" "$wall" "$rss" "$(awk -v t="$wall" -v m="$mb" 'BEGIN {print t/m}')" "$code"
  done
  awk -v a="${took[$small]}" -v b="${took[$large]}" -v k="$kind" 'BEGIN {printf "%-22s t(2N)/t(N) = %.2f\n", k, (a > 0 ? b / a : 0)}'
  unset took
done
