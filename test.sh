#!/usr/bin/env bash
# Runs every test. On a fresh machine it first installs what the tests compare against:
# libpcap (the reader's oracle, through SharpPcap), tshark (SIP/RTP counts, fields, reassembly) and chromium
# (renders the --html report headless).
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Capture]
set -euo pipefail
cd "$(dirname "$0")"

need=()
[ -e /usr/lib/x86_64-linux-gnu/libpcap.so.0.8 ] || ldconfig -p 2>/dev/null | grep -q 'libpcap.so.0.8' || need+=(libpcap0.8)
command -v tshark >/dev/null 2>&1 || need+=(tshark)
command -v editcap >/dev/null 2>&1 || need+=(wireshark-common)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# A one-node Slurm cluster for tests/scale/slurm.sh (SlurmArrayTests).
command -v slurmd >/dev/null 2>&1 && command -v slurmctld >/dev/null 2>&1 || need+=(slurm-wlm)
command -v munged >/dev/null 2>&1 || need+=(munge)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections 2>/dev/null || true
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test PcapSipAnalyzer.sln -c Release --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line a CI reader understands, summed over the test projects.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  exit 1
fi
exit "$status"
