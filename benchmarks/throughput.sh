#!/usr/bin/env bash
# Whole-file throughput: pcapsip analyze vs tshark vs cat on one synthesized VoIP capture, file warm in the
# page cache, each run under /usr/bin/time -v. Prints a table (MB/s, packets/s, peak RSS) and the ratios
# pcapsip/tshark and pcapsip/cat; then the same for a smaller file so peak RSS can be compared between sizes.
#
#   benchmarks/throughput.sh [--size 2GB] [--compare-size 200MB|none] [--tools pcapsip,tshark,cat]
#                            [--tshark-slice 200MB|full] [--format pcap|pcapng] [--seed 1] [--phones 2000]
#
# Captures are cached under benchmarks/data/ (git-ignored) and made only when absent; pcapsip is published to
# benchmarks/out/pcapsip. tshark runs on a slice of the big file (editcap, first N packets) unless
# --tshark-slice full; its time is then scaled to the whole file and the table says so.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=$ROOT/benchmarks/data
OUT=$ROOT/benchmarks/out
SIZE=2GB
COMPARE=200MB
TOOLS=pcapsip,tshark,cat
SLICE=200MB
FORMAT=pcap
SEED=1
PHONES=2000

while [ $# -gt 0 ]; do
  case $1 in
    --size) SIZE=$2; shift 2 ;;
    --compare-size) COMPARE=$2; shift 2 ;;
    --tools) TOOLS=$2; shift 2 ;;
    --tshark-slice) SLICE=$2; shift 2 ;;
    --format) FORMAT=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --phones) PHONES=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done

mkdir -p "$DATA" "$OUT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
has_tool() { [[ ",$TOOLS," == *",$1,"* ]]; }
log() { echo "== $*" >&2; }

# Bytes of a size like 2GB / 200MB (decimal, as the synthesizer reads it).
bytes_of() {
  local n=${1%[KMGkmg][Bb]} unit=${1: -2}
  case ${unit^^} in
    KB) echo $((n * 1000)) ;; MB) echo $((n * 1000000)) ;; GB) echo $((n * 1000000000)) ;; *) echo "$1" ;;
  esac
}

capture_for() { # SIZE → path of the cached capture (made when absent)
  local file=$DATA/mix-$1-seed$SEED-phones$PHONES.$FORMAT
  if [ ! -s "$file" ] || [ ! -s "$file.truth.json" ]; then
    # Runs in a command substitution (a subshell), so "built" is remembered in a file.
    if [ ! -e "$WORK/synth-built" ]; then
      log "building the synthesizer"
      dotnet build "$ROOT/benchmarks/Synthesizer" -c Release -nologo -v q >&2
      touch "$WORK/synth-built"
    fi
    log "synthesizing $file"
    # Write to a temporary name first, so an interrupted run never leaves a half file in the cache.
    dotnet "$ROOT/benchmarks/Synthesizer/bin/Release/net10.0/pcapsip-synth.dll" --out "$file.partial" \
      --truth "$file.truth.json" --format "$FORMAT" --size "$1" --seed "$SEED" --phones "$PHONES" >&2
    mv "$file.partial" "$file"
  fi
  echo "$file"
}

PCAPSIP=
PCAPSIP_NOTE=
prepare_pcapsip() {
  has_tool pcapsip || return 0
  log "publishing pcapsip"
  if ! dotnet publish "$ROOT/src/Cli" -c Release -o "$OUT/pcapsip" -nologo -v q >"$WORK/publish.log" 2>&1; then
    PCAPSIP_NOTE="unavailable: dotnet publish src/Cli failed (see below)"
    tail -5 "$WORK/publish.log" >&2
    return 0
  fi
  PCAPSIP=$OUT/pcapsip/pcapsip
  [ -x "$PCAPSIP" ] || { PCAPSIP=; PCAPSIP_NOTE="unavailable: no pcapsip executable after publish"; }
}

# run NAME FILE COMMAND… → one table row on stdout (tab-separated, raw numbers).
run() {
  local name=$1 file=$2; shift 2
  local timing=$WORK/time.txt
  if ! /usr/bin/time -v -o "$timing" "$@" >/dev/null 2>"$WORK/stderr.txt"; then
    local why
    why=$(grep -m1 -v '^Running as user' "$WORK/stderr.txt" | cut -c1-100 | tr '\t|' '  ')
    log "$name failed: $why"
    echo -e "$name\t$(stat -L -c %s "$file")\tfailed:$why\t\t"
    return 0
  fi
  local wall rss cpu
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$timing")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$timing")
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$timing")
  echo -e "$name\t$(stat -L -c %s "$file")\t$wall\t$rss\t$cpu"
}

packets_of() { capinfos -M -c -T -r "$1" | awk -F'\t' '{ print $2 }'; }

# A table for one capture. Rows: tool, file bytes, seconds, RSS kB, packets, scale, note.
measure() {
  local file=$1 packets rows=$WORK/rows.txt
  packets=$(jq .packets "$file.truth.json")
  : >"$rows"
  log "warming the page cache"
  cat "$file" >/dev/null
  if has_tool cat; then
    echo -e "$(run cat "$file" cat "$file")\t$packets\t1\t" >>"$rows"
  fi
  if has_tool pcapsip; then
    if [ -n "$PCAPSIP" ]; then
      # The console report alone, as a user runs it and as issue 16 measures it; then with the JSON report as well
      # (61 MB for the 2 GB mix, written in half a second), for the user who asks for it.
      log "pcapsip analyze"
      echo -e "$(run pcapsip "$file" "$PCAPSIP" analyze "$file")\t$packets\t1\t" >>"$rows"
      log "pcapsip analyze --json /dev/null"
      echo -e "$(run "pcapsip --json" "$file" "$PCAPSIP" analyze "$file" --json /dev/null)\t$packets\t1\t" >>"$rows"
    else
      echo -e "pcapsip\t$(stat -L -c %s "$file")\t\t\t\t$packets\t1\t$PCAPSIP_NOTE" >>"$rows"
    fi
  fi
  if has_tool tshark; then
    local target=$file scale=1 note="" tpackets=$packets
    local slice_bytes
    slice_bytes=$(bytes_of "$SLICE")
    if [ "$SLICE" != full ] && [ "$(stat -L -c %s "$file")" -gt $((slice_bytes * 11 / 10)) ]; then
      target=$WORK/slice.$FORMAT
      local n=$((packets * slice_bytes / $(stat -L -c %s "$file")))
      log "slicing the first $n packets for tshark"
      editcap -r "$file" "$target" "1-$n" >&2
      tpackets=$(packets_of "$target")
      scale=$(awk -v a="$(stat -L -c %s "$file")" -v b="$(stat -L -c %s "$target")" 'BEGIN { printf "%.6f", a / b }')
      note="on a $((($(stat -L -c %s "$target") + 500000) / 1000000)) MB slice, time scaled x$(printf '%.2f' "$scale"); RSS of the slice"
      cat "$target" >/dev/null
    fi
    log "tshark -z sip,stat -z rtp,streams"
    local row
    row=$(run tshark "$target" tshark -r "$target" -q -z sip,stat -z rtp,streams)
    # Report the whole file's size and packets, with the slice's time scaled up.
    echo -e "tshark\t$(stat -L -c %s "$file")\t$(echo "$row" | cut -f3-5)\t$tpackets\t$scale\t$note" >>"$rows"
  fi
  print_table "$file" "$packets" "$rows"
}

print_table() {
  local file=$1 packets=$2 rows=$3
  echo
  echo "### $(basename "$file") — $(awk -v b="$(stat -L -c %s "$file")" 'BEGIN { printf "%.0f", b / 1e6 }') MB, $packets packets, $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg), $(date -u +%Y-%m-%d)"
  echo
  echo "seconds = wall clock (scaled for a slice); CPU s = user + system time, less sensitive to a loaded machine."
  echo
  awk -F'\t' -v packets="$packets" '
    BEGIN {
      print "| tool | file MB | seconds | MB/s | packets/s | peak RSS MB | CPU s | note |"
      print "|---|---:|---:|---:|---:|---:|---:|---|"
    }
    {
      tool = $1; mb = $2 / 1e6; secs = $3; rss = $4; cpu = $5; scale = ($7 == "" ? 1 : $7); note = $8
      if (secs == "" || secs ~ /^failed/) {
        printf "| %s | %.0f | – | – | – | – | – | %s |\n", tool, mb, (secs ~ /^failed/ ? secs : note)
        next
      }
      s = secs * scale
      if (s <= 0) s = 0.001
      rate[tool] = mb / s
      printf "| %s | %.0f | %.2f | %.0f | %.0f | %.0f | %.2f | %s |\n", tool, mb, s, mb / s, packets / s, rss / 1024, cpu * scale, note
    }
    END {
      if ("pcapsip" in rate) {
        print ""
        if ("tshark" in rate) printf "pcapsip/tshark: %.1fx   ", rate["pcapsip"] / rate["tshark"]
        if ("tshark" in rate && "pcapsip --json" in rate) printf "pcapsip --json/tshark: %.1fx   ", rate["pcapsip --json"] / rate["tshark"]
        if ("cat" in rate) printf "pcapsip/cat: %.2fx", rate["pcapsip"] / rate["cat"]
        print ""
      }
    }' "$rows"
}

prepare_pcapsip
measure "$(capture_for "$SIZE")"
if [ "$COMPARE" != none ] && [ "$COMPARE" != "$SIZE" ]; then
  SLICE=full measure "$(capture_for "$COMPARE")"
fi
