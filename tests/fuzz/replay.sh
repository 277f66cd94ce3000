#!/usr/bin/env bash
# Replays fuzz inputs (e.g. findings/TARGET/default/crashes/id*) against an uninstrumented build of the harness,
# printing the exception of each: the instrumented build in pub/ only runs under afl-fuzz.
#   tests/fuzz/replay.sh TARGET FILE...
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: replay.sh capture|frame|sip|sdp|rtp|tcp|analysis FILE...}
shift
dotnet build Harness/PcapSipAnalyzer.Fuzz.csproj -c Release --nologo -v q >/dev/null
for file in "$@"; do
  echo "== $file"
  dotnet Harness/bin/Release/net10.0/PcapSipAnalyzer.Fuzz.dll --replay "$target" "$file" 2>&1 | head -20 || true
done
