#!/usr/bin/env bash
# Show with tshark what each lab fixture holds, to check it against its expected.json by eye:
#   tests/lab/verify.sh [SCENARIO…]   (default: every directory in tests/fixtures/lab)
set -euo pipefail
LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
FIX="$LAB_DIR/../fixtures/lab"
cd "$FIX"
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || mapfile -t scenarios < <(find . -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort)
for s in "${scenarios[@]}"; do
    echo "################ $s"
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
for c in d["clients"]:
    print("  client %-18s ext %s %s %-8s pw_ok=%-5s completed=%-5s expect=%s" % (c["client"], c["extension"], c["transport"], c["role"],
          c["password_correct"], c["client_completed"], ",".join(f["kind"] for f in c["expected_findings"]) or "-"))' "$s/expected.json"
    for f in "$s"/pbx-uplink.pcap "$s"/router1.pcapng; do
        [ -f "$f" ] || continue
        echo "  -- $f: sip,stat"
        tshark -r "$f" -q -z sip,stat 2>/dev/null | grep -E '^ +(SIP [0-9]|[A-Z]+ +:)|resent' | sed 's/^ */     /'
        echo "  -- $f: SIP, ICMP, TCP SYN frames (interface, eth.src, eth.dst, ip.src, ip.dst, tcp flags, icmp type/code, CSeq, status)"
        tshark -r "$f" -Y 'sip || icmp || tcp.flags.syn==1' -T fields -E separator=' ' \
            -e frame.number -e frame.interface_name -e eth.src -e eth.dst -e ip.src -e ip.dst -e tcp.flags.str \
            -e icmp.type -e icmp.code -e sip.CSeq -e sip.Status-Code 2>/dev/null | sed 's/^/     /'
        if [ "$(tshark -r "$f" -Y rtp -T fields -e frame.number 2>/dev/null | wc -l)" -gt 0 ]; then
            echo "  -- $f: rtp,streams"
            tshark -r "$f" -q -z rtp,streams 2>/dev/null | grep -E '^ +[0-9]' | sed 's/^ */     /'
        fi
    done
done
