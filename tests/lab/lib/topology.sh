# shellcheck shell=bash
# The field case in network namespaces: subnet A (PBX, router 1, a wrong gateway, a desk phone) on one
# bridge, subnet B (softphones) on another, router 1 between them. Every address and MAC comes from a
# variable so another lab can use other numbers; the defaults mirror the field case.
#
# Everything lives in namespaces named ${LAB_NS}-*, bridges included (in ${LAB_NS}-sw), so deleting the
# namespaces removes the whole lab and nothing is left in the root namespace.

: "${LAB_NS:=pcl}"
: "${NET_A:=192.168.0}"          # subnet A, /24
: "${NET_B:=192.168.1}"          # subnet B, /24
: "${PBX_IP:=$NET_A.10}"
: "${R1_A_IP:=$NET_A.1}"
: "${R1_B_IP:=$NET_B.1}"
: "${WGW_IP:=$NET_A.254}"
: "${DESK_IP:=$NET_A.30}"
: "${MAC_PBX:=02:a0:00:00:00:10}"
: "${MAC_R1_A:=02:a0:00:00:00:01}"
: "${MAC_R1_B:=02:b0:00:00:00:01}"
: "${MAC_WGW:=02:a0:00:00:00:fe}"
: "${MAC_DESK:=02:a0:00:00:00:30}"
# Softphones in subnet B by host number (below 100; MAC 02:b0:00:00:00:<host>).
: "${PHONES_B:=20 21 22 23}"
# Optional parts, added only by the scenarios that need them (lab_add_subnet_c, lab_add_wgw2, lab_add_scanner):
# a third subnet C behind router 1 (its own leg lan-c), a second wrong gateway on subnet A, and a scanner
# host in subnet B that owns many addresses.
: "${NET_C:=192.168.2}"          # subnet C, /24
: "${R1_C_IP:=$NET_C.1}"
: "${MAC_R1_C:=02:c0:00:00:00:01}"
: "${PHONES_C:=20 21}"           # MAC 02:c0:00:00:00:<host>
: "${WGW2_IP:=$NET_A.253}"
: "${MAC_WGW2:=02:a0:00:00:00:fd}"
: "${MAC_SCAN:=02:b0:00:00:00:99}"
: "${SCAN_FIRST:=100}"           # the scanner's addresses: NET_B.SCAN_FIRST onwards

SW="$LAB_NS-sw"

ns() { local n="$1"; shift; ip netns exec "$LAB_NS-$n" "$@"; }

phone_ip() { echo "$NET_B.$1"; }
# Readable: host .20 → 02:b0:00:00:00:20 (the host number's decimal digits).
phone_mac() { printf '02:b0:00:00:00:%02d' "$1"; }
phone_c_ip() { echo "$NET_C.$1"; }
phone_c_mac() { printf '02:c0:00:00:00:%02d' "$1"; }

# A fresh namespace: loopback up, no IPv6 (keeps router solicitations and MLD out of the captures).
lab_ns_add() {
    ip netns add "$LAB_NS-$1"
    ns "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ns "$1" ip link set lo up
}

# Connect namespace $1 (interface $2, MAC $3) to bridge $4 in the switch namespace.
lab_plug() {
    local n="$1" ifc="$2" mac="$3" br="$4" port="$1-$2"
    ip link add "$port" netns "$SW" type veth peer name "$ifc" netns "$LAB_NS-$n"
    ns "$n" ip link set "$ifc" address "$mac"
    ns "$n" sysctl -qw "net.ipv6.conf.$ifc.disable_ipv6=1" 2>/dev/null || true
    ns sw ip link set "$port" master "$br" up
    ns "$n" ip link set "$ifc" up
}

# The field case: returns with every host up, router 1 forwarding, the PBX routing B via router 1
# (scenarios then break that route as they need).
lab_build() {
    lab_ns_add sw
    for br in br-a br-b; do
        ns sw ip link add "$br" type bridge stp_state 0 forward_delay 0
        ns sw ip link set "$br" up
    done

    lab_ns_add pbx
    lab_plug pbx up0 "$MAC_PBX" br-a
    ns pbx ip addr add "$PBX_IP/24" dev up0
    ns pbx ip route add "$NET_B.0/24" via "$R1_A_IP"

    lab_ns_add r1
    lab_plug r1 lan-a "$MAC_R1_A" br-a
    lab_plug r1 lan-b "$MAC_R1_B" br-b
    ns r1 ip addr add "$R1_A_IP/24" dev lan-a
    ns r1 ip addr add "$R1_B_IP/24" dev lan-b
    ns r1 sysctl -qw net.ipv4.ip_forward=1
    # Router 1 and the PBX share subnet A: a redirect from router 1 would only add noise.
    ns r1 sysctl -qw net.ipv4.conf.all.send_redirects=0 net.ipv4.conf.lan-a.send_redirects=0 net.ipv4.conf.lan-b.send_redirects=0

    # The wrong gateway: on subnet A, no leg in B. Scenarios decide whether it forwards.
    lab_ns_add wgw
    lab_plug wgw eth0 "$MAC_WGW" br-a
    ns wgw ip addr add "$WGW_IP/24" dev eth0
    ns wgw sysctl -qw net.ipv4.ip_forward=0 net.ipv4.conf.all.send_redirects=0 net.ipv4.conf.eth0.send_redirects=0
    # One ICMP error per packet, not rate limited, so each lost response has its own.
    ns wgw sysctl -qw net.ipv4.icmp_ratelimit=0

    # A desk phone in subnet A: the control, unaffected by the PBX's routes.
    lab_ns_add desk
    lab_plug desk eth0 "$MAC_DESK" br-a
    lab_phone_setup desk "$DESK_IP" "$R1_A_IP"

    lab_add_phones pb br-b phone_ip phone_mac "$R1_B_IP" $PHONES_B
}

# lab_add_phones PREFIX BRIDGE IP_FN MAC_FN GATEWAY HOST…: one namespace PREFIX<host> per softphone on BRIDGE.
lab_add_phones() {
    local prefix="$1" br="$2" ip_fn="$3" mac_fn="$4" gw="$5" h
    shift 5
    for h in "$@"; do
        lab_ns_add "$prefix$h"
        lab_plug "$prefix$h" eth0 "$("$mac_fn" "$h")" "$br"
        lab_phone_setup "$prefix$h" "$("$ip_fn" "$h")" "$gw"
    done
}

# lab_phone_setup NS IP GATEWAY: a softphone's address, default route and TCP connect timing.
lab_phone_setup() {
    ns "$1" ip addr add "$2/24" dev eth0
    ns "$1" ip route add default via "$3"
    # Give up a TCP connect after 4 SYN retransmissions at 1, 3, 7, 15 s (then 31 s), like timer F;
    # classic exponential backoff, not the linear start of Linux >= 6.5.
    ns "$1" sysctl -qw net.ipv4.tcp_syn_retries=4
    ns "$1" sysctl -qw net.ipv4.tcp_syn_linear_timeouts=0 2>/dev/null || true
}

# Subnet C: bridge br-c, router 1's third leg lan-c, softphones pc<host> (captured by router 1 as lan-c).
lab_add_subnet_c() {
    ns sw ip link add br-c type bridge stp_state 0 forward_delay 0
    ns sw ip link set br-c up
    lab_plug r1 lan-c "$MAC_R1_C" br-c
    ns r1 ip addr add "$R1_C_IP/24" dev lan-c
    ns r1 sysctl -qw net.ipv4.conf.lan-c.send_redirects=0
    lab_add_phones pc br-c phone_c_ip phone_c_mac "$R1_C_IP" $PHONES_C
}

# A second wrong gateway on subnet A that drops everything (ip_forward=0, silent).
lab_add_wgw2() {
    lab_ns_add wgw2
    lab_plug wgw2 eth0 "$MAC_WGW2" br-a
    ns wgw2 ip addr add "$WGW2_IP/24" dev eth0
    ns wgw2 sysctl -qw net.ipv4.ip_forward=0 net.ipv4.conf.all.send_redirects=0 net.ipv4.conf.eth0.send_redirects=0
}

# lab_add_scanner COUNT: a host in subnet B (one MAC) owning COUNT addresses from NET_B.SCAN_FIRST, routed by
# router 1 like the phones, so each scanner source reaches the PBX as a phone would.
lab_add_scanner() {
    local count="$1" i
    lab_ns_add scan
    lab_plug scan eth0 "$MAC_SCAN" br-b
    for i in $(seq 0 $((count - 1))); do
        ns scan ip addr add "$NET_B.$((SCAN_FIRST + i))/24" dev eth0
    done
    ns scan ip route add default via "$R1_B_IP"
}

# Kill whatever still runs in our namespaces (only processes this lab started live there), then delete them.
lab_teardown() {
    local n pids
    for n in $(ip netns list | awk '{print $1}' | grep "^$LAB_NS-" || true); do
        pids=$(ip netns pids "$n" 2>/dev/null || true)
        if [ -n "$pids" ]; then kill $pids 2>/dev/null || true; fi
    done
    sleep 0.3
    for n in $(ip netns list | awk '{print $1}' | grep "^$LAB_NS-" || true); do
        pids=$(ip netns pids "$n" 2>/dev/null || true)
        if [ -n "$pids" ]; then kill -9 $pids 2>/dev/null || true; fi
        ip netns del "$n" 2>/dev/null || true
    done
}
