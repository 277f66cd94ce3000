#!/usr/bin/env bash
# Reproduce the field case (docs: tests/lab/README.md) in Linux network namespaces and write the captures
# and their ground truth to tests/fixtures/lab/<scenario>/.
#   sudo tests/lab/run.sh [SCENARIO|all|list]
# Every scenario runs in its own process under `timeout`, and tears the lab down on any exit.
set -euo pipefail

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$LAB_DIR/../.." && pwd)
: "${OUT_ROOT:=$REPO_DIR/tests/fixtures/lab}"
: "${LAB_TIME:=90}"        # hard limit for one scenario's processes, in seconds
: "${CLIENT_TIME:=35}"     # one phone's sipp run: timer F (32 s), sipp -timeout 33 s, plus margin
: "${RTP_PACKETS:=100}"    # 2 s of 20 ms G.711 packets per direction
: "${SCAN_SOURCES:=50}"    # scan-during-fault: scanner addresses (5 requests each)

# shellcheck source=lib/topology.sh
. "$LAB_DIR/lib/topology.sh"
# shellcheck source=lib/services.sh
. "$LAB_DIR/lib/services.sh"
# shellcheck source=lib/scenarios.sh
. "$LAB_DIR/lib/scenarios.sh"

SCENARIOS=(healthy wrong-gateway-drop wrong-gateway-forward wrong-gateway-redirect no-route auth-answer-lost
           tcp-wrong-gateway-drop tcp-segments one-way-audio alg genuine-wrong-password
           media-bypass route-change-refresh two-subnets-two-gateways scan-during-fault late-retransmission-400
           fragments-dropped request-unreachable mtu-discovery invite-dropped tcp-refused
           nat-no-rport wide-netmask gateway-address-conflict reply-from-other-address
           nat-binding-expired)

meta() { printf '%s=%s\n' "$1" "$2" >>"$WORK/meta.env"; }
# expect IP EXT FINDINGS WHAT_THE_NETWORK_DID [ROLE] — FINDINGS is "kind:severity,…" or "-";
# ROLE is the sipp run it is about: register (default) or call.
expect() { printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "${5:-register}" >>"$WORK/expect.tsv"; }
# cause KIND SUBNET WRONG_IP WRONG_MAC RIGHT_IP RIGHT_MAC "CLIENT…" — one root cause the lab set up: the PBX
# sends what is meant for SUBNET to the wrong next hop while the subnet's requests come from the right one.
cause() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$WORK/causes.tsv"; }

# Runs one scenario in this process; the EXIT trap removes the lab however it ends.
run_one() {
    local name="$1" fn="scenario_${1//-/_}"
    declare -F "$fn" >/dev/null || { echo "unknown scenario: $name" >&2; exit 2; }
    WORK=$(mktemp -d "/tmp/pcapsip-lab-$name.XXXXXX")
    trap 'lab_teardown' EXIT
    trap 'exit 130' INT TERM
    lab_teardown   # leftovers of an earlier, killed run
    lab_build
    meta SCENARIO "$name"
    "$fn"
    captures_stop
    local out="$OUT_ROOT/$name"
    mkdir -p "$out"
    cp "$WORK/pbx-uplink.pcap" "$WORK/router1.pcapng" "$out/"
    if [ -s "$WORK/pbx-any.pcap" ]; then cp "$WORK/pbx-any.pcap" "$out/"; fi
    export NET_A NET_B PBX_IP MAC_PBX R1_A_IP MAC_R1_A R1_B_IP MAC_R1_B WGW_IP MAC_WGW DESK_IP MAC_DESK PHONES_B SIP_PORT \
        NET_C R1_C_IP MAC_R1_C PHONES_C WGW2_IP MAC_WGW2 MAC_SCAN
    python3 "$LAB_DIR/tools/expected.py" "$WORK" "$out/expected.json"
    if [ "$name" = wrong-gateway-drop ]; then
        # The 802.1Q trunk variant (the kernel here cannot tag frames itself: no 8021q, no bridge VLAN filtering).
        mkdir -p "$OUT_ROOT/$name-vlan"
        python3 "$LAB_DIR/tools/vlan_tag.py" "$out/pbx-uplink.pcap" "$OUT_ROOT/$name-vlan/pbx-uplink.pcap" "${VLAN_ID:-10}" \
            "$out/expected.json" "$OUT_ROOT/$name-vlan/expected.json"
    fi
    echo "== $name: $(stat -c %s "$out/pbx-uplink.pcap") + $(stat -c %s "$out/router1.pcapng") bytes → $out (work files: $WORK)"
}

main() {
    local what="${1:-all}"
    if [ "$(id -u)" != 0 ]; then echo "run as root (network namespaces)" >&2; exit 1; fi
    case "$what" in
        list) printf '%s\n' "${SCENARIOS[@]}" ;;
        __one) run_one "$2" ;;
        all)
            local s failed=0
            for s in "${SCENARIOS[@]}"; do
                timeout -k 5 "$((LAB_TIME + 20))" "$0" __one "$s" || { echo "== $s FAILED" >&2; failed=1; }
                lab_teardown
            done
            exit "$failed" ;;
        *)
            local rc=0
            timeout -k 5 "$((LAB_TIME + 20))" "$0" __one "$what" || rc=$?
            lab_teardown
            exit "$rc" ;;
    esac
}

main "$@"
