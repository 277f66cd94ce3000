#!/usr/bin/env bash
# Fuzzes one target with AFL++ through SharpFuzz for SECONDS (default 1800).
#   tests/fuzz/run.sh capture|frame|sip|sdp|rtp|tcp|analysis [SECONDS]
# Findings land in tests/fuzz/findings/TARGET (git-ignored); every crash found is to become a regression
# test under tests/*/Regression. Recipe: ../shared/FUZZING.md.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: run.sh capture|frame|sip|sdp|rtp|tcp|analysis [SECONDS]}
seconds=${2:-1800}

command -v afl-fuzz >/dev/null || { export DEBIAN_FRONTEND=noninteractive; apt-get update -q; apt-get install -y -q afl++; }
[ -x ../../.tools/sharpfuzz ] || dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path ../../.tools

pub=pub/$target
rm -rf "$pub"
dotnet publish Harness/PcapSipAnalyzer.Fuzz.csproj -c Release -o "$pub" --nologo -v q

# The corpus is made before instrumenting: instrumented code only runs under afl-fuzz.
corpus=corpus/$target
rm -rf "$corpus"
mkdir -p "$corpus"
dotnet "$pub/PcapSipAnalyzer.Fuzz.dll" --make-corpus "$target" ../fixtures "$corpus"

../../.tools/sharpfuzz "$pub/PcapSipAnalyzer.Protocols.dll"
if [ "$target" = rtp ] || [ "$target" = tcp ] || [ "$target" = analysis ]; then ../../.tools/sharpfuzz "$pub/PcapSipAnalyzer.Analyzer.dll"; fi

mkdir -p findings
[ -d "findings/$target" ] && mv "findings/$target" "findings/$target.$(date +%s)"  # keep earlier findings
AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 \
  timeout $((seconds + 120)) afl-fuzz -i "$corpus" -o "findings/$target" -t 5000 -m none -V "$seconds" \
  -- env PCAPSIP_FUZZ_TARGET="$target" dotnet "$pub/PcapSipAnalyzer.Fuzz.dll" || true
stats=findings/$target/default/fuzzer_stats
[ -f "$stats" ] && grep -E '^(execs_done|execs_per_sec|saved_crashes|saved_hangs|run_time)' "$stats"
