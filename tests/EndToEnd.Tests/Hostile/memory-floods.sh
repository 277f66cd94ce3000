#!/usr/bin/env bash
# The memory floods at full size: each synthesized (benchmarks/Synthesizer), then analysed by the Release CLI
# under /usr/bin/time. Prints one row per flood: capture size, wall and CPU time, peak RSS, MB/s (of CPU
# time), exit code and the state_evictions of the JSON report. With --double each flood also runs at twice
# its size, and the row shows the CPU time ratio (doubling the input should at most double the time; CPU time,
# because wall time on a shared machine says more about the neighbours than about the analysis).
#
#   tests/EndToEnd.Tests/Hostile/memory-floods.sh [--double] [--only KIND[,KIND…]] [--scale 0.1] [--keep DIR]
#
# Builds the CLI and the synthesizer in Release first. Captures go to a temporary directory (or --keep DIR,
# where existing ones are reused) and are deleted at the end unless kept.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
DOUBLE=0
ONLY=""
SCALE=1
KEEP=""
while [ $# -gt 0 ]; do
  case $1 in
    --double) DOUBLE=1; shift ;;
    --only) ONLY=$2; shift 2 ;;
    --scale) SCALE=$2; shift 2 ;;
    --keep) KEEP=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done

# kind, count, extra analyze arguments, synthesizer format
FLOODS=(
  "dialog-requests 400000 - pcap"
  "dialog-media 50000 - pcap"
  "register-refreshes 400000 - pcap"
  "register-contacts 5000 - pcap"
  "invite-media 6000 - pcap"
  "interface-call-ids 500000 - pcapng"
  "tcp-half-messages 1000000 - pcap"
  "tcp-tiny-segments 65000 - pcap"
  "rtp-ssrcs 1000000 --rtp-ports=10000-29999 pcap"
)

dotnet build "$ROOT/src/Cli" -c Release --nologo -v q >/dev/null
dotnet build "$ROOT/benchmarks/Synthesizer" -c Release --nologo -v q >/dev/null
CLI=$(ls "$ROOT"/src/Cli/bin/Release/*/pcapsip.dll | head -1)
SYNTH=$(ls "$ROOT"/benchmarks/Synthesizer/bin/Release/*/pcapsip-synth.dll | head -1)
WORK=${KEEP:-$(mktemp -d)}
mkdir -p "$WORK"
[ -z "$KEEP" ] && trap 'rm -rf "$WORK"' EXIT

# run KIND COUNT ARGS FORMAT → "size_mb wall_s cpu_s rss_mb exit evictions"
run() {
  local kind=$1 count=$2 args=$3 format=$4
  local capture=$WORK/$kind-$count.$format
  [ -f "$capture" ] || dotnet "$SYNTH" --out "$capture" --format "$format" --flood "$kind" --count "$count" >/dev/null
  local extra=()
  [ "$args" != "-" ] && extra=("${args/=/ }") && extra=(${extra[0]})
  local exit=0
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" dotnet "$CLI" analyze --no-progress --json "$WORK/report.json" "${extra[@]}" \
    "$capture" >/dev/null 2>"$WORK/stderr" || exit=$?
  local size seconds user system rss evictions
  size=$(( $(stat -c %s "$capture") / 1000000 ))
  read -r seconds user system rss < <(tail -1 "$WORK/time")
  # state_evictions comes early in the report; reading only its start keeps a GB-sized JSON cheap.
  evictions=$(head -c 8000000 "$WORK/report.json" | python3 -c '
import json, re, sys
m = re.search(r"\"state_evictions\": (\{[^}]*\})", sys.stdin.read())
print(", ".join(f"{k} {v}" for k, v in json.loads(m.group(1)).items() if v) if m else "?")')
  echo "$size $seconds $(python3 -c "print(f'{$user + $system:.2f}')") $((rss / 1024)) $exit $evictions"
}

printf '| %-22s | %9s | %7s | %6s | %6s | %9s | %6s | %4s | %s |\n' flood count "size MB" "wall s" "CPU s" "peak RSS" "MB/s" exit "state_evictions"
printf '|%s|\n' "------------------------|-----------|---------|--------|--------|-----------|--------|------|------------------"
for line in "${FLOODS[@]}"; do
  read -r kind count args format <<<"$line"
  [ -n "$ONLY" ] && [[ ",$ONLY," != *",$kind,"* ]] && continue
  count=$(python3 -c "print(max(1, int($count * $SCALE)))")
  read -r size seconds cpu rss exit evictions < <(run "$kind" "$count" "$args" "$format")
  mbs=$(python3 -c "print(f'{$size / max($cpu, 0.01):.0f}')")
  printf '| %-22s | %9s | %7s | %6s | %6s | %5s MiB | %6s | %4s | %s |\n' "$kind" "$count" "$size" "$seconds" "$cpu" "$rss" "$mbs" "$exit" "$evictions"
  if [ "$DOUBLE" = 1 ]; then
    read -r size2 seconds2 cpu2 rss2 exit2 _ < <(run "$kind" $((count * 2)) "$args" "$format")
    ratio=$(python3 -c "print(f'{$cpu2 / max($cpu, 0.01):.2f}')")
    printf '| %-22s | %9s | %7s | %6s | %6s | %5s MiB | %6s | %4s | CPU time ×%s for ×2 input |\n' "$kind ×2" $((count * 2)) "$size2" "$seconds2" "$cpu2" "$rss2" \
      "$(python3 -c "print(f'{$size2 / max($cpu2, 0.01):.0f}')")" "$exit2" "$ratio"
  fi
  [ -z "$KEEP" ] && rm -f "$WORK"/*."$format"
done
