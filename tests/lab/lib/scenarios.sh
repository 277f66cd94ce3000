# shellcheck shell=bash
# One function per scenario. Each sets up the network fault, starts captures, the PBX and the phones,
# waits for them, and says what the network did to each client and which findings that must produce
# (kinds from issue 5 §4, issue 4 and issue 6), and for the later scenarios the root causes (issue 14).

# Extensions and passwords the PBX knows; the phones use these unless a scenario says otherwise.
PBX_USERS="1001 alpha-1001
1002 bravo-1002
1003 charlie-1003
1004 delta-1004
2001 desk-2001
1005 echo-1005
1006 foxtrot-1006"

# phone_of NS: "IP EXT PASSWORD" of the lab's phone in namespace NS (desk → 2001, pb<h> → 1001…, pc<h> → 1005…).
phone_of() {
    local ip ext
    case "$1" in
        desk) ip="$DESK_IP" ext=2001 ;;
        pb*) ip=$(phone_ip "${1#pb}") ext=$((1000 + ${1#pb} - 19)) ;;
        pc*) ip=$(phone_c_ip "${1#pc}") ext=$((1000 + ${1#pc} - 15)) ;;
    esac
    echo "$ip $ext $(awk -v e="$ext" '$1 == e { print $2 }' <<<"$PBX_USERS")"
}

# register_phones NS…: each phone registers over UDP with its right password, all at once; waits for them.
register_phones() {
    local n ip ext pass
    for n in "$@"; do
        read -r ip ext pass <<<"$(phone_of "$n")"
        phone_register "$n" "$ip" "$ext" "$pass" true udp
    done
    phones_wait
}

scenario_healthy() {
    meta DESCRIPTION "Healthy network: phones in subnet B (UDP and TCP) and a desk phone in subnet A register (401, credentials, 200); phone 1001 calls the voicemail with RTP both ways."
    meta WGW_BEHAVIOUR "unused (present on subnet A, no route points at it)"
    meta PBX_ROUTES "$NET_B.0/24 via $R1_A_IP"
    captures_start
    pbx_start "$PBX_USERS"
    voicemail_start 5bc0000a
    phone_register desk "$DESK_IP" 2001 desk-2001 true udp
    phone_register pb21 "$(phone_ip 21)" 1002 bravo-1002 true tcp
    phone_register pb20 "$(phone_ip 20)" 1001 alpha-1001 true udp
    phones_wait
    phone_call pb20 "$(phone_ip 20)" 1001 5bc00014
    phones_wait
    expect "$DESK_IP" 2001 - "nothing: on-link with the PBX"
    expect "$(phone_ip 21)" 1002 - "nothing: routed both ways by router 1"
    expect "$(phone_ip 20)" 1001 - "nothing: routed both ways by router 1"
    expect "$(phone_ip 20)" 1001 - "nothing: call to $VM_EXT answered, RTP both ways, hung up by the phone" call
    meta MEDIA "[{\"from\": \"$(phone_ip 20):6000\", \"to\": \"$PBX_IP:7000\", \"ssrc\": \"0x5bc00014\", \"packets_sent\": $RTP_PACKETS, \"delivered\": true}, {\"from\": \"$PBX_IP:7000\", \"to\": \"$(phone_ip 20):6000\", \"ssrc\": \"0x5bc0000a\", \"packets_sent\": $RTP_PACKETS, \"delivered\": true}]"
}

# The PBX's stale static route: subnet B via the wrong gateway.
stale_route() {
    ns pbx ip route replace "$NET_B.0/24" via "$WGW_IP"
    meta PBX_ROUTES "$NET_B.0/24 via $WGW_IP (stale)"
}

# The wrong gateway forwards what it gets to router 1 (it knows subnet B only through it).
wgw_forwards() {
    ns wgw sysctl -qw net.ipv4.ip_forward=1
    ns wgw ip route add "$NET_B.0/24" via "$R1_A_IP"
}

scenario_wrong_gateway_drop() {
    meta DESCRIPTION "The field case: the PBX routes subnet B via $WGW_IP, which does not forward. REGISTERs from B arrive via router 1 ($MAC_R1_A); every 401 leaves toward $MAC_WGW and dies there; the phones retransmit at 0.5/1/2/4 s until timer F (32 s). The desk phone in subnet A (on-link) registers normally."
    meta WGW_BEHAVIOUR "drops (ip_forward=0, no ICMP)"
    stale_route
    captures_start
    pbx_start "$PBX_USERS"
    phone_register desk "$DESK_IP" 2001 desk-2001 true udp
    phone_register pb20 "$(phone_ip 20)" 1001 alpha-1001 true udp
    phone_register pb21 "$(phone_ip 21)" 1002 bravo-1002 true udp
    phones_wait
    expect "$DESK_IP" 2001 - "nothing: on-link with the PBX"
    for h in 20 21; do
        expect "$(phone_ip $h)" "100$((h - 19))" response-wrong-gateway:error \
            "REGISTER delivered via router 1; every 401 sent to the wrong gateway $WGW_IP ($MAC_WGW) and dropped there; the phone retransmitted until timer F and never registered"
    done
    meta NOTES "Router 1 sees the REGISTERs on both legs and no response at all.;;The client's symptom: registration timeout (no response), reported by softphones as a registration/credentials failure."
}

scenario_wrong_gateway_forward() {
    meta DESCRIPTION "The PBX routes subnet B via $WGW_IP, which forwards to router 1 (no redirects): requests arrive from router 1's MAC, responses leave toward $MAC_WGW and still reach the phones. Asymmetric, but working."
    meta WGW_BEHAVIOUR "forwards to router 1 (ip_forward=1, send_redirects=0)"
    stale_route
    wgw_forwards
    captures_start
    pbx_start "$PBX_USERS"
    phone_register pb20 "$(phone_ip 20)" 1001 alpha-1001 true udp
    phone_register pb21 "$(phone_ip 21)" 1002 bravo-1002 true tcp
    phones_wait
    expect "$(phone_ip 20)" 1001 asymmetric-path:warning "requests via router 1, responses via the wrong gateway $WGW_IP ($MAC_WGW), which forwarded them to router 1: delivered, registered"
    expect "$(phone_ip 21)" 1002 asymmetric-path:warning "TCP: SYN and requests via router 1, SYN-ACK and responses via $WGW_IP ($MAC_WGW), forwarded: delivered, registered"
    meta NOTES "On router 1 the responses arrive on lan-a from $MAC_WGW, not from the PBX's MAC."
}

scenario_wrong_gateway_redirect() {
    meta DESCRIPTION "As wrong-gateway-forward, but $WGW_IP also sends ICMP redirects (type 5, 'use $R1_A_IP') quoting each response it forwards; the PBX ignores redirects (accept_redirects=0), so every response takes the detour."
    meta WGW_BEHAVIOUR "forwards to router 1 and sends ICMP redirect (host) naming $R1_A_IP"
    stale_route
    wgw_forwards
    ns wgw sysctl -qw net.ipv4.conf.all.send_redirects=1 net.ipv4.conf.eth0.send_redirects=1
    ns pbx sysctl -qw net.ipv4.conf.all.accept_redirects=0 net.ipv4.conf.up0.accept_redirects=0
    captures_start
    pbx_start "$PBX_USERS"
    phone_register pb20 "$(phone_ip 20)" 1001 alpha-1001 true udp
    phones_wait
    expect "$(phone_ip 20)" 1001 asymmetric-path:warning,icmp-error:warning "responses via $WGW_IP ($MAC_WGW), forwarded to router 1 and delivered; $WGW_IP answered each with an ICMP redirect to $R1_A_IP"
    meta NOTES "Linux sends redirects rate-limited per destination (exponential backoff), so not every forwarded response has its own redirect.;;A Linux redirect quotes only the IP header and 8 bytes (the UDP header) of the response: match it by IP id, addresses and ports, not by SIP content."
}

scenario_no_route() {
    meta DESCRIPTION "The PBX has no route to subnet B, only a default route via $WGW_IP, which forwards but has no route to B either: it answers each response with ICMP destination unreachable (network unreachable) quoting the PBX's 401."
    meta WGW_BEHAVIOUR "ip_forward=1 without a route to subnet B: ICMP destination unreachable, not rate limited"
    ns pbx ip route del "$NET_B.0/24"
    ns pbx ip route add default via "$WGW_IP"
    meta PBX_ROUTES "default via $WGW_IP (no route to $NET_B.0/24)"
    ns wgw sysctl -qw net.ipv4.ip_forward=1
    captures_start
    pbx_start "$PBX_USERS"
    phone_register pb20 "$(phone_ip 20)" 1001 alpha-1001 true udp
    phone_register pb21 "$(phone_ip 21)" 1002 bravo-1002 true udp
    phones_wait
    for h in 20 21; do
        expect "$(phone_ip $h)" "100$((h - 19))" response-wrong-gateway:error,icmp-error:error \
            "every 401 sent to the default gateway $WGW_IP ($MAC_WGW), which has no route to subnet B and returned ICMP network unreachable quoting it; the phone retransmitted until timer F"
    done
}

scenario_auth_answer_lost() {
    meta DESCRIPTION "Only the answer to the authenticated REGISTER is lost: policy routing on the PBX sends its '200 OK' responses (iptables mangle OUTPUT string match + fwmark rule) to subnet B via $WGW_IP, which drops them; the 401s go via router 1 and are delivered. The phones retransmit the REGISTER with credentials (UDP) or wait (TCP) and give up: they report bad credentials although the password is right."
    meta WGW_BEHAVIOUR "drops (ip_forward=0), reached only by the PBX's 200 OK responses"
    meta PBX_ROUTES "$NET_B.0/24 via $R1_A_IP;fwmark 0x1 (SIP '200 OK' from port $SIP_PORT): $NET_B.0/24 via $WGW_IP"
    ns pbx iptables -t mangle -A OUTPUT -p udp --sport "$SIP_PORT" -m string --string "SIP/2.0 200 OK" --algo bm --from 28 --to 48 -j MARK --set-mark 1
    ns pbx iptables -t mangle -A OUTPUT -p tcp --sport "$SIP_PORT" -m string --string "SIP/2.0 200 OK" --algo bm -j MARK --set-mark 1
    ns pbx ip rule add fwmark 1 table 100
    ns pbx ip route add "$NET_B.0/24" via "$WGW_IP" table 100
    captures_start
    pbx_start "$PBX_USERS"
    phone_register pb20 "$(phone_ip 20)" 1001 alpha-1001 true udp
    phone_register pb21 "$(phone_ip 21)" 1002 bravo-1002 true tcp
    phones_wait
    expect "$(phone_ip 20)" 1001 response-wrong-gateway:error "401 delivered via router 1; every 200 OK to the REGISTER with credentials sent to $WGW_IP ($MAC_WGW) and dropped; the phone retransmitted the authenticated REGISTER until timer F"
    expect "$(phone_ip 21)" 1002 response-wrong-gateway:error "TCP: 401 delivered; the segment carrying the 200 OK sent to $WGW_IP ($MAC_WGW) and dropped, retransmitted by the PBX's TCP (also via $WGW_IP), never acknowledged; the phone timed out"
    meta NOTES "client_symptom for both: the phone reports invalid extension or wrong password, although the PBX accepted the credentials (it sent 200 OK).;;Registration outcome (issue 3): auth-unanswered at the client; the PBX capture shows 200 OK leaving."
}

scenario_tcp_wrong_gateway_drop() {
    meta DESCRIPTION "TCP variant of wrong-gateway-drop: the phones' SYNs arrive via router 1, the PBX's SYN-ACKs leave toward $MAC_WGW and are dropped; SYN and SYN-ACK retransmissions, the handshake never completes, no SIP message is ever sent. The desk phone (TCP, on-link) registers normally."
    meta WGW_BEHAVIOUR "drops (ip_forward=0, no ICMP)"
    stale_route
    captures_start
    pbx_start "$PBX_USERS"
    phone_register desk "$DESK_IP" 2001 desk-2001 true tcp
    phone_register pb20 "$(phone_ip 20)" 1001 alpha-1001 true tcp
    phone_register pb21 "$(phone_ip 21)" 1002 bravo-1002 true tcp
    phones_wait
    expect "$DESK_IP" 2001 - "nothing: on-link with the PBX"
    for h in 20 21; do
        expect "$(phone_ip $h)" "100$((h - 19))" syn-ack-wrong-gateway:error \
            "SYN delivered via router 1; every SYN-ACK sent to $WGW_IP ($MAC_WGW) and dropped; the phone's SYN retransmitted (1, 3, 7, 15 s after the first) and the connection never came up"
    done
}

scenario_one_way_audio() {
    meta DESCRIPTION "A healthy call from phone 1001 to the voicemail, but router 1 drops the phone's RTP toward the PBX: media flows PBX → phone only. Signalling is normal."
    meta WGW_BEHAVIOUR "unused"
    meta PBX_ROUTES "$NET_B.0/24 via $R1_A_IP"
    ns r1 iptables -A FORWARD -i lan-b -p udp -s "$(phone_ip 20)" --sport 6000 -d "$PBX_IP" --dport 7000 -j DROP
    captures_start
    pbx_start "$PBX_USERS"
    voicemail_start 5bc0000a
    phone_register pb20 "$(phone_ip 20)" 1001 alpha-1001 true udp
    phones_wait
    phone_call pb20 "$(phone_ip 20)" 1001 5bc00014
    phones_wait
    expect "$(phone_ip 20)" 1001 - "nothing; registered normally"
    expect "$(phone_ip 20)" 1001 rtp-one-way:warning "call to $VM_EXT answered; router 1 dropped the phone's RTP toward the PBX (iptables FORWARD on lan-b); the PBX's RTP reached the phone" call
    meta MEDIA "[{\"from\": \"$(phone_ip 20):6000\", \"to\": \"$PBX_IP:7000\", \"ssrc\": \"0x5bc00014\", \"packets_sent\": $RTP_PACKETS, \"delivered\": false, \"dropped_by\": \"router 1 (seen on lan-b only)\"}, {\"from\": \"$PBX_IP:7000\", \"to\": \"$(phone_ip 20):6000\", \"ssrc\": \"0x5bc0000a\", \"packets_sent\": $RTP_PACKETS, \"delivered\": true}]"
    meta NOTES "The rtp-one-way finding belongs to the call (Call-ID call-…), client $(phone_ip 20):$SIP_PORT; its registration has no finding."
}

scenario_genuine_wrong_password() {
    meta DESCRIPTION "A healthy network and genuinely wrong passwords: 1003 gets 401, credentials, 403; 1004 (TCP) gets 401, credentials, a second 401 without stale=true. 1001 with the right password registers as the control."
    meta WGW_BEHAVIOUR "unused"
    meta PBX_ROUTES "$NET_B.0/24 via $R1_A_IP"
    captures_start
    pbx_start "$PBX_USERS" '$fU == "1004"'
    phone_register pb20 "$(phone_ip 20)" 1001 alpha-1001 true udp
    phone_register pb22 "$(phone_ip 22)" 1003 wrong-1003 false udp register-rejected.xml
    phone_register pb23 "$(phone_ip 23)" 1004 wrong-1004 false tcp register-rejected.xml
    phones_wait
    expect "$(phone_ip 20)" 1001 - "nothing; registered"
    expect "$(phone_ip 22)" 1003 registration-rejected:info "nothing: the PBX rejected the wrong password with 403 Forbidden, delivered via router 1"
    expect "$(phone_ip 23)" 1004 registration-rejected:info "nothing: the PBX challenged the wrong password again (second 401, no stale=true), delivered via router 1"
    meta NOTES "For 1003 and 1004 sipp's exit code 0 means the phone saw the rejection it expected (register-rejected.xml)."
}

scenario_alg() {
    meta DESCRIPTION "Router 1 NATs subnet B to its subnet-A address $R1_A_IP (MASQUERADE) with the kernel's SIP ALG (nf_conntrack_sip + nf_nat_sip, assigned by an iptables CT --helper sip rule): Via, Contact and the SDP c=/o=/m= are rewritten between router 1's B leg and A leg. The PBX sees every phone as $R1_A_IP; registrations and the call work."
    meta WGW_BEHAVIOUR "unused"
    meta PBX_ROUTES "$NET_B.0/24 via $R1_A_IP (unused: the PBX only talks to $R1_A_IP)"
    meta R1_NAT "MASQUERADE $NET_B.0/24 -> $R1_A_IP on lan-a, SIP ALG (nf_conntrack_sip, nf_nat_sip) on UDP and TCP $SIP_PORT"
    ns r1 iptables -t raw -A PREROUTING -i lan-b -p udp --dport "$SIP_PORT" -j CT --helper sip
    ns r1 iptables -t raw -A PREROUTING -i lan-b -p tcp --dport "$SIP_PORT" -j CT --helper sip
    ns r1 iptables -t nat -A POSTROUTING -o lan-a -s "$NET_B.0/24" -j MASQUERADE
    captures_start
    pbx_start "$PBX_USERS"
    voicemail_start 5bc0000a
    phone_register pb20 "$(phone_ip 20)" 1001 alpha-1001 true udp
    phones_wait
    phone_register pb21 "$(phone_ip 21)" 1002 bravo-1002 true udp
    phone_register pb22 "$(phone_ip 22)" 1003 charlie-1003 true tcp
    phone_call pb20 "$(phone_ip 20)" 1001 5bc00014
    phones_wait
    nat_map_meta 20 21 22
    for h in 20 21 22; do
        expect "$(phone_ip $h)" "100$((h - 19))" sip-alg-rewrite:warning \
            "NAT to $R1_A_IP with the SIP ALG rewriting Via and Contact on router 1; delivered, registered"
    done
    expect "$(phone_ip 20)" 1001 sip-alg-rewrite:warning \
        "call to $VM_EXT: the ALG rewrote Via, Contact and SDP c=/o= to $R1_A_IP (and back in the answers); RTP NATed both ways" call
    meta MEDIA "[{\"from\": \"$(phone_ip 20):6000\", \"to\": \"$PBX_IP:7000\", \"ssrc\": \"0x5bc00014\", \"packets_sent\": $RTP_PACKETS, \"delivered\": true, \"nat\": \"source becomes $R1_A_IP on lan-a\"}, {\"from\": \"$PBX_IP:7000\", \"to\": \"$(phone_ip 20):6000\", \"ssrc\": \"0x5bc0000a\", \"packets_sent\": $RTP_PACKETS, \"delivered\": true, \"nat\": \"sent to $R1_A_IP (the ALG-rewritten SDP) and translated back by router 1\"}]"
    meta NOTES "sip-alg-rewrite needs the router capture (both legs); from the PBX capture alone these clients appear as $R1_A_IP:<port> (see nat_map) with no finding.;;nat_map comes from router 1's conntrack table at the end of the run."
}

# nat_map_meta HOST…: the NAT bindings of those phones' SIP flows, from router 1's own conntrack table — what
# the PBX saw each phone as — in expected.json's nat_map.
nat_map_meta() {
    ns r1 conntrack -L 2>/dev/null >"$WORK/conntrack.txt" || true
    local h map=""
    for h in "$@"; do
        local m
        m=$(awk -v ip="$(phone_ip "$h")" -v sp="$SIP_PORT" -v pbx="$PBX_IP" '
            { src=""; sport=""; dport=""; rdst=""; rdport=""; n=0
              for (i=1; i<=NF; i++) { split($i, kv, "=")
                if (kv[1]=="src" && n==0) src=kv[2]
                else if (kv[1]=="dst" && n==0) dst=kv[2]
                else if (kv[1]=="sport" && n==0) sport=kv[2]
                else if (kv[1]=="dport" && n==0) { dport=kv[2]; n=1 }
                else if (kv[1]=="dst" && n==1) rdst=kv[2]
                else if (kv[1]=="dport" && n==1) { rdport=kv[2]; n=2 } }
              if (src==ip && sport==sp && dst==pbx && dport==sp) print rdst ":" rdport }' "$WORK/conntrack.txt" | head -1)
        map+="${map:+, }\"$(phone_ip "$h"):$SIP_PORT\": \"$m\""
    done
    meta NAT_MAP "{$map}"
}

scenario_nat_no_rport() {
    meta DESCRIPTION "Router 1 NATs subnet B to its subnet-A address $R1_A_IP and, like many firewalls' default outbound NAT, gives UDP a new source port (SNAT to ports 40000-40999; no SIP ALG). Phones 1001 and 1003 are older phones whose Via has no rport parameter (sipp/register.xml without ;rport): the PBX answers them, as RFC 3261 says, at the Via's port $SIP_PORT of the address they came from ($R1_A_IP), where router 1 has no NAT binding: router 1 answers each response with ICMP port unreachable and the phones retransmit until timer F. Phone 1002 asks for rport (RFC 3581), is answered at its NAT port and registers; phone 1004 registers over TCP (the answers come back on its connection). The desk phone in subnet A registers normally."
    meta WGW_BEHAVIOUR "unused"
    meta PBX_ROUTES "$NET_B.0/24 via $R1_A_IP (unused: the PBX only talks to $R1_A_IP)"
    meta R1_NAT "UDP: SNAT $NET_B.0/24 -> $R1_A_IP:40000-40999 on lan-a; TCP: MASQUERADE; no SIP ALG"
    ns r1 iptables -t nat -A POSTROUTING -o lan-a -s "$NET_B.0/24" -p udp -j SNAT --to-source "$R1_A_IP:40000-40999"
    ns r1 iptables -t nat -A POSTROUTING -o lan-a -s "$NET_B.0/24" -j MASQUERADE
    # Keep the bindings of the phones that registered early until nat_map_meta reads them at the end.
    ns r1 sysctl -qw net.netfilter.nf_conntrack_udp_timeout=300 net.netfilter.nf_conntrack_udp_timeout_stream=300
    sed 's/;rport//' "$LAB_DIR/sipp/register.xml" >"$WORK/register-norport.xml"
    captures_start
    pbx_start "$PBX_USERS"
    phone_register desk "$DESK_IP" 2001 desk-2001 true udp
    phone_register pb20 "$(phone_ip 20)" 1001 alpha-1001 true udp "$WORK/register-norport.xml"
    phone_register pb21 "$(phone_ip 21)" 1002 bravo-1002 true udp
    phone_register pb22 "$(phone_ip 22)" 1003 charlie-1003 true udp "$WORK/register-norport.xml"
    phone_register pb23 "$(phone_ip 23)" 1004 delta-1004 true tcp "$WORK/register-norport.xml"
    phones_wait
    nat_map_meta 20 21 22 23
    expect "$DESK_IP" 2001 - "nothing: on-link with the PBX"
    expect "$(phone_ip 20)" 1001 response-wrong-port:error "no rport in its Via: the PBX sent every 401 to $R1_A_IP:$SIP_PORT (the Via's port) instead of the NAT port the REGISTER came from; router 1 answered ICMP port unreachable; the phone retransmitted until timer F"
    expect "$(phone_ip 21)" 1002 - "nothing: its Via asks for rport, the PBX answered at the NAT port; registered"
    expect "$(phone_ip 22)" 1003 response-wrong-port:error "as 1001"
    expect "$(phone_ip 23)" 1004 - "nothing: TCP, the answers come back on its connection; registered"
    meta NOTES "The PBX follows RFC 3261 (no rport: answer at the Via's port); the NAT's new source port and the phones' missing rport together break it. Fixes: keep the SIP source port on the NAT (a static-port rule), rport on the phones, or a PBX that answers at the source port (Asterisk nat=force_rport, Kamailio force_rport()).;;client_symptom: the phone reports a registration timeout, often shown as a login failure."
}

scenario_wide_netmask() {
    meta DESCRIPTION "The PBX's address carries a /16 mask ($PBX_IP/16, as when the two subnets were planned as one) and no route via router 1: it takes subnet B for its own link and asks ARP for each phone instead of sending to router 1. No one on subnet A answers for B (router 1 does no proxy ARP), so the PBX's replies never leave it: phones 1001 and 1002 (UDP) retransmit until timer F, phone 1003's TCP connection never comes up (its SYN-ACK never leaves either). The desk phone in subnet A registers normally."
    meta WGW_BEHAVIOUR "unused"
    ns pbx ip addr del "$PBX_IP/24" dev up0
    ns pbx ip addr add "$PBX_IP/16" dev up0
    meta PBX_ROUTES "$NET_A.0/16 on its link (the /16 address); no route via $R1_A_IP"
    captures_start
    pbx_start "$PBX_USERS"
    phone_register desk "$DESK_IP" 2001 desk-2001 true udp
    phone_register pb20 "$(phone_ip 20)" 1001 alpha-1001 true udp
    phone_register pb21 "$(phone_ip 21)" 1002 bravo-1002 true udp
    phone_register pb22 "$(phone_ip 22)" 1003 charlie-1003 true tcp
    phones_wait
    expect "$DESK_IP" 2001 - "nothing: on-link with the PBX"
    for h in 20 21; do
        expect "$(phone_ip $h)" "100$((h - 19))" register-unanswered:error \
            "every REGISTER reached the PBX through router 1; the PBX asked ARP for $(phone_ip $h) on subnet A (unanswered) instead of sending its 401 to router 1, so no answer ever left it; the phone retransmitted until timer F"
    done
    expect "$(phone_ip 22)" 1003 connection-unanswered:error "TCP: the SYNs reached the PBX through router 1; the PBX asked ARP for $(phone_ip 22) and its SYN-ACK never left; no SIP message was sent"
    meta NOTES "The PBX's subnet mask is too wide: it looks for subnet B's phones on its own link. The ARP requests (who-has $NET_B.x tell $PBX_IP), never answered, are the evidence; a capture on the PBX's uplink shows them.;;client_symptom: the phone reports a registration timeout, often shown as a login failure."
}

scenario_gateway_address_conflict() {
    meta DESCRIPTION "A second device on subnet A took router 1's address $R1_A_IP (a router plugged in with its default address, or an ARP spoofer): the host at $MAC_WGW holds $R1_A_IP as well, forwards nothing, and announces itself with a gratuitous ARP every half second. The PBX routes subnet B via $R1_A_IP as it should, but its ARP cache points at the impostor: every 401 goes to $MAC_WGW and is dropped. Router 1 announced itself once when its link came up (a gratuitous ARP) and keeps a static ARP entry for the PBX; the PBX accepts gratuitous ARP (arp_accept=1), so the impostor's announcements are the last word at the PBX. Phones 1001 and 1002 (UDP) retransmit until timer F; the desk phone in subnet A registers normally."
    meta WGW_BEHAVIOUR "holds $R1_A_IP too (ip_forward=0, silent): gratuitous ARP for $R1_A_IP every 0.5 s"
    meta PBX_ROUTES "$NET_B.0/24 via $R1_A_IP (right; its ARP entry for $R1_A_IP is the impostor's MAC)"
    ns wgw ip addr add "$R1_A_IP/24" dev eth0
    ns r1 ip neigh replace "$PBX_IP" lladdr "$MAC_PBX" dev lan-a nud permanent
    # The PBX takes in gratuitous ARP (arp_accept), so its entry for $R1_A_IP is whoever announced last before the
    # phones start: the impostor, every half second.
    ns pbx sysctl -qw net.ipv4.conf.all.arp_accept=1 net.ipv4.conf.up0.arp_accept=1
    captures_start
    ns r1 python3 "$LAB_DIR/tools/garp.py" lan-a "$R1_A_IP" 1 0
    sleep 0.2
    ns wgw timeout "$LAB_TIME" python3 "$LAB_DIR/tools/garp.py" eth0 "$R1_A_IP" 200 0.5 &
    sleep 1.5
    pbx_start "$PBX_USERS"
    phone_register desk "$DESK_IP" 2001 desk-2001 true udp
    phone_register pb20 "$(phone_ip 20)" 1001 alpha-1001 true udp
    phone_register pb21 "$(phone_ip 21)" 1002 bravo-1002 true udp
    phones_wait
    kill %?garp 2>/dev/null || true
    cause address-conflict "$NET_B.0/24" "$R1_A_IP" "$MAC_WGW" "$R1_A_IP" "$MAC_R1_A" "$(phone_ip 20):$SIP_PORT $(phone_ip 21):$SIP_PORT"
    expect "$DESK_IP" 2001 - "nothing: on-link with the PBX"
    for h in 20 21; do
        expect "$(phone_ip $h)" "100$((h - 19))" response-wrong-gateway:error \
            "every REGISTER in from router 1 ($MAC_R1_A); every 401 sent to $R1_A_IP at the impostor's MAC $MAC_WGW, which drops it; the phone retransmitted until timer F"
    done
    meta NOTES "The route is right and names the right address; two devices answer for that address, and the PBX's ARP cache holds the wrong one. The capture shows both MACs claiming $R1_A_IP (router 1's gratuitous ARP, the impostor's repeated ones).;;client_symptom: the phone reports a registration timeout, often shown as a login failure."
}

scenario_reply_from_other_address() {
    meta DESCRIPTION "The PBX has a second address on its link, $NET_A.11 (the address the phones in subnet B were given), and kamailio binds 0.0.0.0 (one socket for every address): it answers from its primary address $PBX_IP whatever address a request came to. Router 1 is a stateful firewall toward subnet B (from lan-a to lan-b only what answers a connection it saw: conntrack ESTABLISHED,RELATED): the 401s from $PBX_IP answer nothing it saw (the REGISTERs went to $NET_A.11) and are dropped. Phones 1001 and 1002 register to $NET_A.11 and retransmit until timer F; phone 1003 registers to $PBX_IP through the same firewall and succeeds; the desk phone in subnet A registers to $NET_A.11 directly (no firewall) and succeeds."
    meta WGW_BEHAVIOUR "unused"
    meta PBX_ROUTES "$NET_B.0/24 via $R1_A_IP (right); addresses $PBX_IP/24 and $NET_A.11/24 on up0; kamailio listens on 0.0.0.0"
    meta R1_FIREWALL "FORWARD lan-a -> lan-b: ACCEPT ctstate ESTABLISHED,RELATED, then DROP"
    ns pbx ip addr add "$NET_A.11/24" dev up0
    ns r1 iptables -A FORWARD -i lan-a -o lan-b -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
    ns r1 iptables -A FORWARD -i lan-a -o lan-b -j DROP
    captures_start
    PBX_LISTEN=0.0.0.0 pbx_start "$PBX_USERS"
    PBX_IP="$NET_A.11" phone_register desk "$DESK_IP" 2001 desk-2001 true udp
    PBX_IP="$NET_A.11" phone_register pb20 "$(phone_ip 20)" 1001 alpha-1001 true udp
    PBX_IP="$NET_A.11" phone_register pb21 "$(phone_ip 21)" 1002 bravo-1002 true udp
    phone_register pb22 "$(phone_ip 22)" 1003 charlie-1003 true udp
    phones_wait
    expect "$DESK_IP" 2001 - "nothing: on-link with the PBX (the 401 and 200 come from $PBX_IP; the phone takes them)"
    for h in 20 21; do
        expect "$(phone_ip $h)" "100$((h - 19))" response-wrong-source:error \
            "every REGISTER to $NET_A.11 in from router 1; every 401 from $PBX_IP (not $NET_A.11) toward router 1, which dropped it (no connection it saw); the phone retransmitted until timer F"
    done
    expect "$(phone_ip 22)" 1003 - "nothing: registered to $PBX_IP, answered from it, through the same firewall"
    meta NOTES "A multi-homed PBX bound to 0.0.0.0 answers from the address the kernel picks, not the one the request came to; a stateful firewall or NAT on the way matches such answers to nothing and drops them. Fixes: bind the PBX to each address (or the one the phones use), or give the phones the primary address.;;client_symptom: the phone reports a registration timeout, often shown as a login failure."
}

scenario_nat_binding_expired() {
    meta DESCRIPTION "Router 1 NATs subnet B to $R1_A_IP (MASQUERADE, which keeps a phone's source port $SIP_PORT while it is free) and forgets an idle UDP binding after 10 s (nf_conntrack_udp_timeout, as a firewall with short UDP timers does). The PBX saves each phone's NAT address with its registration (kamailio nathelper's fix_nated_register, what a PBX's nat=yes does) and sends no keepalives. Phone 1001 registers (401, 200 through the NAT) and sends nothing more; 15 s later the desk phone calls 1001. The PBX sends the INVITE to 1001's NAT address $R1_A_IP:$SIP_PORT, where router 1 no longer has a binding: router 1 answers each copy with ICMP port unreachable, the PBX retransmits until timer B and answers the desk phone 408. Outgoing calls would work; incoming calls never ring."
    meta WGW_BEHAVIOUR "unused"
    meta PBX_ROUTES "$NET_B.0/24 via $R1_A_IP (unused: the PBX only talks to $R1_A_IP)"
    meta R1_NAT "MASQUERADE $NET_B.0/24 -> $R1_A_IP on lan-a; nf_conntrack_udp_timeout=10, _stream=10"
    ns r1 iptables -t nat -A POSTROUTING -o lan-a -s "$NET_B.0/24" -j MASQUERADE
    ns r1 sysctl -qw net.netfilter.nf_conntrack_udp_timeout=10 net.netfilter.nf_conntrack_udp_timeout_stream=10
    captures_start
    PBX_DEFINES=NAT_RECEIVED pbx_start "$PBX_USERS"
    phone_register desk "$DESK_IP" 2001 desk-2001 true udp
    phone_register pb20 "$(phone_ip 20)" 1001 alpha-1001 true udp
    phones_wait
    nat_map_meta 20
    sleep 15
    phone_answer pb20 "$(phone_ip 20)" 1001 5bc00014
    # The caller waits past the PBX's timer B (32 s) for its 408, as a phone does.
    CLIENT_TIME=45 phone_call desk "$DESK_IP" 2001 5bc0001e 1001
    phones_wait
    expect "$DESK_IP" 2001 - "nothing: registered on-link"
    expect "$(phone_ip 20)" 1001 - "registered through the NAT (401 and 200 delivered)"
    expect "$DESK_IP" 2001 - "called 1001: the PBX answered 100 Trying, then 408 Request Timeout after its own INVITE to 1001 went unanswered" call
    expect "$(phone_ip 20)" 1001 nat-binding-expired:error "never rang: the PBX's INVITE to its NAT address was refused by router 1 (port unreachable, the binding had expired)" answer
    meta NOTES "The NAT's UDP binding for the phone outlived neither the phone's silence nor the PBX's lack of keepalives. The evidence: the INVITE to the address the phone registered from, 15 s and more after the phone's last packet, answered by the NAT's own ICMP port unreachable. Fixes: keepalives shorter than the NAT's UDP timeout (the PBX's NAT pinging or qualify, the phone's keep-alive, or a shorter registration interval), or a longer UDP timeout for SIP on the NAT.;;client_symptom: outgoing calls work, incoming calls never ring (callers hear a timeout or are sent to voicemail)."
}

scenario_tcp_segments() {
    meta DESCRIPTION "SIP over TCP cut the hard ways, on a healthy network: phone 1004 (tools/tcpphone.py) writes its first REGISTER in three segments, then an OPTIONS and the REGISTER with credentials in one segment; router 1 drops the first copy of the PBX's 401 segment and of the phone's OPTIONS+REGISTER segment, so both are retransmitted by TCP (the PBX uplink sees the 401 twice; router 1 sees the phone's segment twice on lan-b). sipp phone 1002 registers over TCP normally."
    meta WGW_BEHAVIOUR "unused"
    meta PBX_ROUTES "$NET_B.0/24 via $R1_A_IP"
    # Drop only the first matching packet (nth, every 1000, packet 0).
    ns r1 iptables -A FORWARD -i lan-a -p tcp --sport "$SIP_PORT" -d "$(phone_ip 23)" -m string --string "401 Unauthorized" --algo bm \
        -m statistic --mode nth --every 1000 --packet 0 -j DROP
    ns r1 iptables -A FORWARD -i lan-b -p tcp --dport "$SIP_PORT" -m string --string "OPTIONS sip:" --algo bm \
        -m statistic --mode nth --every 1000 --packet 0 -j DROP
    captures_start
    pbx_start "$PBX_USERS"
    phone_register pb21 "$(phone_ip 21)" 1002 bravo-1002 true tcp
    local ip23 rc=0
    ip23=$(phone_ip 23)
    (
        ns pb23 timeout "$CLIENT_TIME" python3 "$LAB_DIR/tools/tcpphone.py" "$ip23" "$SIP_PORT" "$PBX_IP" "$SIP_PORT" 1004 delta-1004 \
            >"$WORK/tcpphone.log" 2>&1 || rc=$?
        client_record "$ip23" "$SIP_PORT" 1004 tcp true register "$rc"
    ) &
    PHONE_PIDS+=($!)
    phones_wait
    expect "$(phone_ip 21)" 1002 - "nothing; registered over TCP"
    expect "$ip23" 1004 - "router 1 dropped the first copy of the 401 segment and of the OPTIONS+REGISTER segment; TCP retransmitted both; registered"
    meta NOTES "SIP messages from 1004: REGISTER CSeq 1 (three segments), OPTIONS CSeq 2 and REGISTER CSeq 3 (one segment, sent twice by TCP); responses 401 (CSeq 1, its segment sent twice by the PBX), 200 (CSeq 2 OPTIONS), 200 (CSeq 3 REGISTER). Each message counts once.;;No path finding is expected: TCP recovered every loss."
}

scenario_media_bypass() {
    meta DESCRIPTION "Healthy network, media bypassing the PBX: four phones register; 1001 (subnet B) calls the desk phone 2001 (subnet A) and 1002 calls 1003 (both in subnet B). The PBX relays the signalling (it record-routes the INVITE, so ACK and BYE pass it too) while the phones send RTP to each other directly: 1001 <-> 2001 through router 1, never on the PBX uplink; 1002 <-> 1003 on subnet B's bridge only, seen by neither capture."
    meta WGW_BEHAVIOUR "unused (present on subnet A, no route points at it)"
    meta PBX_ROUTES "$NET_B.0/24 via $R1_A_IP"
    captures_start
    pbx_start "$PBX_USERS"
    register_phones desk pb20 pb21 pb22
    phone_answer desk "$DESK_IP" 2001 5bc0001e
    phone_answer pb22 "$(phone_ip 22)" 1003 5bc00016
    phone_call pb20 "$(phone_ip 20)" 1001 5bc00014 2001
    phone_call pb21 "$(phone_ip 21)" 1002 5bc00015 1003
    phones_wait
    local h
    for h in 20 21 22; do expect "$(phone_ip $h)" "100$((h - 19))" - "nothing: routed both ways by router 1"; done
    expect "$DESK_IP" 2001 - "nothing: on-link with the PBX"
    expect "$(phone_ip 20)" 1001 - "nothing: called 2001 through the PBX (record-routed), RTP both ways directly with the desk phone through router 1, hung up by the phone" call
    expect "$DESK_IP" 2001 - "nothing: answered 1001's call relayed by the PBX, RTP both ways directly with 1001 through router 1" answer
    expect "$(phone_ip 21)" 1002 - "nothing: called 1003 through the PBX (record-routed), RTP both ways directly with 1003 on subnet B's bridge" call
    expect "$(phone_ip 22)" 1003 - "nothing: answered 1002's call relayed by the PBX, RTP both ways directly with 1002 on subnet B's bridge" answer
    local a20="$(phone_ip 20):6000" a21="$(phone_ip 21):6000" a22="$(phone_ip 22):6000" desk="$DESK_IP:6000"
    local via_r1="\"seen_at\": [\"router1 lan-a\", \"router1 lan-b\"], \"not_seen_at\": [\"pbx-uplink\"]"
    local on_b="\"seen_at\": [], \"not_seen_at\": [\"pbx-uplink\", \"router1 lan-a\", \"router1 lan-b\"]"
    meta MEDIA "[{\"from\": \"$a20\", \"to\": \"$desk\", \"ssrc\": \"0x5bc00014\", \"packets_sent\": $RTP_PACKETS, \"delivered\": true, $via_r1}, {\"from\": \"$desk\", \"to\": \"$a20\", \"ssrc\": \"0x5bc0001e\", \"packets_sent\": $RTP_PACKETS, \"delivered\": true, $via_r1}, {\"from\": \"$a21\", \"to\": \"$a22\", \"ssrc\": \"0x5bc00015\", \"packets_sent\": $RTP_PACKETS, \"delivered\": true, $on_b}, {\"from\": \"$a22\", \"to\": \"$a21\", \"ssrc\": \"0x5bc00016\", \"packets_sent\": $RTP_PACKETS, \"delivered\": true, $on_b}]"
    meta NOTES "Healthy: no error-level verdict for any client or call, from the PBX uplink alone or with router 1's capture.;;No RTP passes the PBX uplink: the SDP addresses are the phones' own (the PBX relays SIP only). Router 1 sees the 1001 <-> 2001 streams on both legs; the 1002 <-> 1003 streams stay on subnet B's bridge and pass no capture point.;;The bridges forward unicast by learned MAC: the PBX's port never receives the phones' RTP (every phone registered before the calls, so its MAC was learned). The desk phone is in the PBX's own subnet (A), yet its RTP to 1001 goes desk -> router 1 and never reaches the PBX's switch port: an SDP address in the capture point's subnet does not put the media on that capture's path; only an SDP address of the capture point's own host does."
}

scenario_route_change_refresh() {
    meta DESCRIPTION "A route change between a registration and its refresh: 1001, 1002 (subnet B) and the desk phone register normally (401 and 200 delivered via router 1). Two seconds later the PBX's route for subnet B is replaced by one via $WGW_IP, which drops. Three seconds after that the phones refresh their registration (same Call-ID, CSeq 3 and on): the 401 to each refresh from subnet B leaves toward $MAC_WGW and dies there; the phones retransmit until timer F. The desk phone (on-link) refreshes normally."
    meta WGW_BEHAVIOUR "drops (ip_forward=0, no ICMP); used only after the route change"
    meta PBX_ROUTES "$NET_B.0/24 via $R1_A_IP (until the change);$NET_B.0/24 via $WGW_IP (after the change)"
    captures_start
    pbx_start "$PBX_USERS"
    local n ip ext pass
    for n in desk pb20 pb21; do
        read -r ip ext pass <<<"$(phone_of "$n")"
        phone_register "$n" "$ip" "$ext" "$pass" true udp register.xml register "reg-$ext@%s" 1
    done
    phones_wait
    sleep 2
    local before after
    before=$(date +%s.%N)
    ns pbx ip route replace "$NET_B.0/24" via "$WGW_IP"
    after=$(date +%s.%N)
    meta ROUTE_CHANGE "{\"server\": \"$PBX_IP\", \"destination\": \"$NET_B.0/24\", \"old_next_hop\": {\"ip\": \"$R1_A_IP\", \"mac\": \"$MAC_R1_A\"}, \"new_next_hop\": {\"ip\": \"$WGW_IP\", \"mac\": \"$MAC_WGW\"}, \"before\": $before, \"after\": $after}"
    sleep 3
    for n in desk pb20 pb21; do
        read -r ip ext pass <<<"$(phone_of "$n")"
        phone_register "$n" "$ip" "$ext" "$pass" true udp register.xml refresh "reg-$ext@%s" 3
    done
    phones_wait
    expect "$DESK_IP" 2001 - "nothing: on-link with the PBX"
    expect "$DESK_IP" 2001 - "nothing: refresh on-link with the PBX, registered again" refresh
    local h
    for h in 20 21; do
        expect "$(phone_ip $h)" "100$((h - 19))" - "nothing: 401 and 200 delivered via router 1, registered (before the route change)"
        expect "$(phone_ip $h)" "100$((h - 19))" response-wrong-gateway:error,route-changed:warning \
            "refresh after the route change: REGISTER (same Call-ID, CSeq 3) delivered via router 1; every 401 sent to the wrong gateway $WGW_IP ($MAC_WGW) and dropped; the phone retransmitted until timer F, its registration was working 5 s earlier" refresh
    done
    cause route-changed "$NET_B.0/24" "$WGW_IP" "$MAC_WGW" "$R1_A_IP" "$MAC_R1_A" "$(phone_ip 20):$SIP_PORT $(phone_ip 21):$SIP_PORT"
    meta NOTES "route_change: the lab's clock just before and just after 'ip route replace' on the PBX, and per capture (and router 1 leg) the last frame stamped before and the first stamped after.;;Each phone of subnet B has two runs with the same Call-ID: role register (CSeq 1-2, completed) and role refresh (CSeq 3-4, never answered at the phone). Its registration was working until the route changed; the refresh is not a password problem.;;The route-changed severity is the lab's choice (a route change alone is no error; the lost 401s are)."
}

scenario_two_subnets_two_gateways() {
    meta DESCRIPTION "Two faulty subnets behind router 1 and two different wrong gateways: the PBX routes subnet B via $WGW_IP and subnet C ($NET_C.0/24, router 1's third leg lan-c) via $WGW2_IP; both drop. REGISTERs from B and C arrive via router 1 ($MAC_R1_A); the 401s to B leave toward $MAC_WGW, those to C toward $MAC_WGW2; the phones retransmit until timer F. The desk phone in subnet A (on-link) registers normally."
    meta WGW_BEHAVIOUR "drops (ip_forward=0, no ICMP)"
    meta WGW2_BEHAVIOUR "drops (ip_forward=0, no ICMP)"
    lab_add_subnet_c
    lab_add_wgw2
    stale_route
    ns pbx ip route add "$NET_C.0/24" via "$WGW2_IP"
    meta PBX_ROUTES "$NET_B.0/24 via $WGW_IP (stale);$NET_C.0/24 via $WGW2_IP (stale)"
    captures_start
    pbx_start "$PBX_USERS"
    register_phones desk pb20 pb21 pc20 pc21
    expect "$DESK_IP" 2001 - "nothing: on-link with the PBX"
    local h
    for h in 20 21; do
        expect "$(phone_ip $h)" "100$((h - 19))" response-wrong-gateway:error \
            "REGISTER delivered via router 1; every 401 sent to the wrong gateway $WGW_IP ($MAC_WGW) and dropped there; the phone retransmitted until timer F and never registered"
        expect "$(phone_c_ip $h)" "100$((h - 15))" response-wrong-gateway:error \
            "REGISTER delivered via router 1 (from lan-c); every 401 sent to the second wrong gateway $WGW2_IP ($MAC_WGW2) and dropped there; the phone retransmitted until timer F and never registered"
    done
    cause wrong-gateway "$NET_B.0/24" "$WGW_IP" "$MAC_WGW" "$R1_A_IP" "$MAC_R1_A" "$(phone_ip 20):$SIP_PORT $(phone_ip 21):$SIP_PORT"
    cause wrong-gateway "$NET_C.0/24" "$WGW2_IP" "$MAC_WGW2" "$R1_A_IP" "$MAC_R1_A" "$(phone_c_ip 20):$SIP_PORT $(phone_c_ip 21):$SIP_PORT"
    meta NOTES "Two root causes, one per stale route: each names its own subnet and wrong gateway; both have the same right gateway (router 1, where the requests come from).;;Router 1's capture has three interface blocks: lan-a, lan-b and lan-c (subnet C's phones are on lan-c).;;Subnet C's phones: 02:c0:00:00:00:<host>, router 1's lan-c 02:c0:00:00:00:01."
}

scenario_scan_during_fault() {
    meta DESCRIPTION "The field case (the PBX routes subnet B via $WGW_IP, which drops) while a SIPVicious-style scanner in subnet B (tools/scanner.py, User-Agent friendly-scanner) sends OPTIONS and REGISTERs from $SCAN_SOURCES addresses through router 1. The phones 1001 and 1002 retransmit until timer F as in wrong-gateway-drop; the desk phone registers. Every answer to the scanner leaves toward $MAC_WGW too and is dropped."
    meta WGW_BEHAVIOUR "drops (ip_forward=0, no ICMP)"
    stale_route
    lab_add_scanner "$SCAN_SOURCES"
    captures_start
    pbx_start "$PBX_USERS"
    local n ip ext pass
    for n in desk pb20 pb21; do
        read -r ip ext pass <<<"$(phone_of "$n")"
        phone_register "$n" "$ip" "$ext" "$pass" true udp
    done
    sleep 2   # the scan starts while the phones retransmit
    ns scan timeout 30 python3 "$LAB_DIR/tools/scanner.py" "$PBX_IP" "$SIP_PORT" "$NET_B" "$SCAN_FIRST" "$SCAN_SOURCES" 4 100,101,1001,2001 \
        >"$WORK/scan.json"
    phones_wait
    expect "$DESK_IP" 2001 - "nothing: on-link with the PBX"
    local h
    for h in 20 21; do
        expect "$(phone_ip $h)" "100$((h - 19))" response-wrong-gateway:error \
            "REGISTER delivered via router 1; every 401 sent to the wrong gateway $WGW_IP ($MAC_WGW) and dropped there; the phone retransmitted until timer F and never registered"
    done
    cause wrong-gateway "$NET_B.0/24" "$WGW_IP" "$MAC_WGW" "$R1_A_IP" "$MAC_R1_A" "$(phone_ip 20):$SIP_PORT $(phone_ip 21):$SIP_PORT"
    # What the PBX answers each request (its configuration, kamailio/pbx.cfg.in), and where the answers went.
    local n="$SCAN_SOURCES"
    meta SCAN "{\"answers\": {\"200 OK (OPTIONS)\": $n, \"404 Unknown extension (REGISTER 100, 101)\": $((2 * n)), \"401 Unauthorized (REGISTER 1001, 2001)\": $((2 * n))}, \"answers_sent_toward\": {\"ip\": \"$WGW_IP\", \"mac\": \"$MAC_WGW\"}, \"answers_delivered\": false, \"expected_findings_per_source\": []}"
    meta NOTES "scan: what tools/scanner.py sent (one copy per request, no retransmission). The PBX answered OPTIONS 200, REGISTER for unknown extensions 404 and for 1001/2001 401; every answer went toward the wrong gateway (the scanner's addresses are in subnet B) and was dropped.;;The scanner is not a phone: it is not in clients[]; its sources share the root cause's subnet but are listed under scan, not under the cause's clients.;;The lab's reading: a scan is one event, to be reported once (requests, sources, User-Agent); no scanner source gets a finding of its own (expected_findings_per_source), in particular none that says its answers arrived or that it answered a challenge: the scanner never retransmits and never answers, and every answer was dropped."
}

scenario_late_retransmission_400() {
    meta DESCRIPTION "The field case with a PBX that refuses late retransmissions: the PBX routes subnet B via $WGW_IP, which drops. Each REGISTER is handled in a transaction that re-sends its 401 to the copies arriving while it lives and ends 5 s after the 401 (kamailio tm wt_timer, the PBX's stand-in for timer J). The phones never get the 401 and keep retransmitting (same Call-ID, CSeq and branch) until timer F; every copy that arrives after the transaction ended is answered 400 Bad Request (the PBX takes it for a new request with a repeated CSeq), and that 400 goes toward $MAC_WGW and dies too. The desk phone in subnet A (on-link) registers normally."
    meta WGW_BEHAVIOUR "drops (ip_forward=0, no ICMP)"
    stale_route
    captures_start
    PBX_DEFINES=LATE_RETRANS_400 pbx_start "$PBX_USERS"
    register_phones desk pb20 pb21
    expect "$DESK_IP" 2001 - "nothing: on-link with the PBX"
    local h
    for h in 20 21; do
        expect "$(phone_ip $h)" "100$((h - 19))" response-wrong-gateway:error \
            "REGISTER delivered via router 1; the 401 (first copy and the PBX's re-sends while its transaction lived) and then a 400 Bad Request to each later copy, all sent to the wrong gateway $WGW_IP ($MAC_WGW) and dropped there; the phone retransmitted until timer F and never registered"
    done
    cause wrong-gateway "$NET_B.0/24" "$WGW_IP" "$MAC_WGW" "$R1_A_IP" "$MAC_R1_A" "$(phone_ip 20):$SIP_PORT $(phone_ip 21):$SIP_PORT"
    # The PBX's own log names every late copy it refused (xlog in pbx.cfg.in): the ground truth of the 400s.
    local per_client="" c n
    for h in 20 21; do
        c="$(phone_ip $h):$SIP_PORT"
        n=$(grep -c "late-400 $c " "$WORK/kamailio/log" || true)
        per_client+="${per_client:+, }\"$c\": $n"
    done
    meta LATE_ANSWERS "{\"status\": 400, \"reason\": \"Bad Request\", \"transaction_wait_s\": 5, \"sent_toward\": {\"ip\": \"$WGW_IP\", \"mac\": \"$MAC_WGW\"}, \"delivered\": false, \"per_client\": {$per_client}, \"expected_findings\": []}"
    meta NOTES "late_answers: the 400s the PBX sent (counted from its own log) to copies of a REGISTER whose transaction had ended; they answer the same Call-ID, CSeq and branch as the 401 before them. They follow from the lost 401 (the root cause), not from a malformed request: the lab expects no finding of their own (expected_findings []), in particular no registration-rejected.;;Per phone: the first copy and the copies within 5 s of it get the 401; the later copies get 400."
}

scenario_fragments_dropped() {
    meta DESCRIPTION "Router 1 drops IP fragments after the first (iptables FORWARD -f DROP on lan-b → lan-a), as firewalls and NAT boxes often do. Phone 1001 registers (small messages, one packet each) and then calls the voicemail with an INVITE of about 1.9 kB (17 codecs and a video stream: sipp/call-large.xml), which its kernel sends in two IP fragments. Phone 1002 (sipp/register-large.xml, a feature-rich softphone) gets the 401 to its first REGISTER, but its REGISTER with credentials is too large for one packet. Only the first fragment of each copy reaches the PBX, which never sees the INVITE; the phone retransmits it until timer B and the call fails. Phone 1001 stays registered; 1002 never registers although its password is right."
    meta WGW_BEHAVIOUR "unused"
    meta PBX_ROUTES "$NET_B.0/24 via $R1_A_IP"
    ns r1 iptables -A FORWARD -i lan-b -o lan-a -f -j DROP
    captures_start
    pbx_start "$PBX_USERS"
    voicemail_start 5bc0000a
    phone_register pb20 "$(phone_ip 20)" 1001 alpha-1001 true udp
    phone_register pb21 "$(phone_ip 21)" 1002 bravo-1002 true udp register-large.xml
    phones_wait
    phone_call pb20 "$(phone_ip 20)" 1001 5bc00014 "$VM_EXT" call-large.xml
    phones_wait
    expect "$(phone_ip 20)" 1001 - "nothing: registered (every message fits one packet)"
    expect "$(phone_ip 21)" 1002 sip-fragments-lost:error "the first REGISTER (about 1.4 kB) fits one packet and its 401 came back; the REGISTER with credentials (about 1.6 kB) left in two IP fragments and router 1 dropped the second of every copy: the PBX never saw the credentials, and the phone retransmitted until timer F with the right password"
    expect "$(phone_ip 20)" 1001 sip-fragments-lost:error "the INVITE (about 1.9 kB) left the phone in two IP fragments; router 1 forwarded the first and dropped the second, every copy; the PBX never received the INVITE and the phone gave up at timer B" call
    local drops
    drops=$(ns r1 iptables -L FORWARD -v -x -n | awk '/DROP/ { print $1; exit }')
    meta FRAGMENTS "{\"dropped_by\": \"router 1 (iptables FORWARD -f, lan-b to lan-a)\", \"fragments_dropped\": ${drops:-0}, \"mtu\": 1500}"
    meta NOTES "fragments: the non-first fragments router 1 dropped (its iptables counter). The first fragment of each copy reaches the PBX's uplink; the second is seen on router 1's lan-b only.;;The phone's REGISTER and the PBX's answers fit one packet each and are not affected: a network that passes small messages and loses large ones is the mark of fragments being dropped."
}

scenario_request_unreachable() {
    meta DESCRIPTION "Router 1 has no route to the PBX for traffic from subnet B (a policy rule of type unreachable for lan-b to $PBX_IP, as when the new subnet's routing was never set up toward the PBX's network): every REGISTER from B is answered by router 1 with ICMP destination unreachable (network unreachable) and never reaches the PBX. Phone 1001 (UDP) retransmits until timer F; phone 1002 (TCP) gets its SYN refused the same way. The desk phone in subnet A registers normally."
    meta WGW_BEHAVIOUR "unused"
    meta PBX_ROUTES "$NET_B.0/24 via $R1_A_IP (right; the fault is on router 1)"
    ns r1 ip rule add iif lan-b to "$PBX_IP" unreachable pref 100
    captures_start
    pbx_start "$PBX_USERS"
    phone_register desk "$DESK_IP" 2001 desk-2001 true udp
    phone_register pb20 "$(phone_ip 20)" 1001 alpha-1001 true udp
    phone_register pb21 "$(phone_ip 21)" 1002 bravo-1002 true tcp
    phones_wait
    expect "$DESK_IP" 2001 - "nothing: on-link with the PBX"
    expect "$(phone_ip 20)" 1001 - "every REGISTER copy answered by router 1 ($R1_B_IP) with ICMP network unreachable quoting it; nothing reached the PBX; the phone retransmitted until timer F"
    expect "$(phone_ip 21)" 1002 - "TCP: every SYN answered by router 1 with ICMP network unreachable; the connection never came up, no SIP message was sent"
    meta REFUSED "{\"by\": {\"ip\": \"$R1_B_IP\", \"mac\": \"$MAC_R1_B\"}, \"reason\": \"network unreachable\", \"subnet\": \"$NET_B.0/24\", \"server\": \"$PBX_IP\", \"clients\": [\"$(phone_ip 20):$SIP_PORT\", \"$(phone_ip 21):$SIP_PORT\"], \"seen_at\": \"router1\", \"expected_findings\": {\"$(phone_ip 20):$SIP_PORT\": [\"icmp-error:error\", \"register-unanswered:error\"], \"$(phone_ip 21):$SIP_PORT\": [\"icmp-error:error\"]}}"
    meta NOTES "expected_findings speak for the PBX uplink, which sees nothing of subnet B: no finding there. refused: what router 1 turned away, seen in its capture only (seen_at), with the findings each phone must get there; one root cause, router 1 not reaching the PBX — not the PBX leaving the REGISTERs unanswered: it never received one.;;client_symptom: the phone reports a registration timeout or 'network unreachable', which softphones often show as a login failure."
}

scenario_mtu_discovery() {
    meta DESCRIPTION "Router 1's link to the PBX (lan-a) has an MTU of 1300, as a tunnel or VPN would. Phone 1002's first REGISTER (about 1.4 kB, sipp/register-large.xml) leaves with Don't Fragment (Linux's default for UDP): router 1 cannot forward it and answers ICMP 'fragmentation needed' (MTU 1300). The phone's kernel learns the path MTU and sends the retransmission half a second later in two fragments, which pass; the REGISTER with credentials (about 1.6 kB) is fragmented the same way and the phone registers. Phone 1001 (small messages) registers as the control."
    meta WGW_BEHAVIOUR "unused"
    meta PBX_ROUTES "$NET_B.0/24 via $R1_A_IP"
    ns r1 ip link set lan-a mtu 1300
    captures_start
    pbx_start "$PBX_USERS"
    phone_register pb20 "$(phone_ip 20)" 1001 alpha-1001 true udp
    phone_register pb21 "$(phone_ip 21)" 1002 bravo-1002 true udp register-large.xml
    phones_wait
    expect "$(phone_ip 20)" 1001 - "nothing: registered (every message fits 1300 bytes)"
    expect "$(phone_ip 21)" 1002 - "the first copy of its first REGISTER (about 1.4 kB, Don't Fragment) was refused by router 1 with ICMP fragmentation needed (MTU 1300); the retransmission went in fragments and was answered; registered"
    meta NOTES "Path MTU discovery at work: one copy lost, the rest delivered, the phone registered about half a second late. A report that calls this an error cries wolf; the ICMP error and the lost copy are worth a note only.;;The PBX uplink sees the retransmission's fragments (reassembled there) and everything after; router 1's lan-b also sees the refused first copy and the ICMP error."
}

scenario_invite_dropped() {
    meta DESCRIPTION "The PBX's own firewall drops INVITEs from subnet B (iptables INPUT string match on 'INVITE sip:', as an ACL for calls or an intrusion filter that blocked the new subnet would): phones 1001 and 1002 register normally, then each calls the voicemail; the INVITEs reach the PBX's uplink and are never answered, not even with 100 Trying, and each phone gives up at timer B. The desk phone in subnet A calls the voicemail as the control."
    meta WGW_BEHAVIOUR "unused"
    meta PBX_ROUTES "$NET_B.0/24 via $R1_A_IP"
    ns pbx iptables -A INPUT -s "$NET_B.0/24" -p udp --dport "$SIP_PORT" -m string --string "INVITE sip:" --algo bm --to 64 -j DROP
    captures_start
    pbx_start "$PBX_USERS"
    voicemail_start 5bc0000a
    phone_register desk "$DESK_IP" 2001 desk-2001 true udp
    phone_register pb20 "$(phone_ip 20)" 1001 alpha-1001 true udp
    phone_register pb21 "$(phone_ip 21)" 1002 bravo-1002 true udp
    phones_wait
    phone_call desk "$DESK_IP" 2001 5bc0001e
    phone_call pb20 "$(phone_ip 20)" 1001 5bc00014
    phone_call pb21 "$(phone_ip 21)" 1002 5bc00015
    phones_wait
    expect "$DESK_IP" 2001 - "nothing: registered"
    expect "$DESK_IP" 2001 - "nothing: on-link with the PBX, call to $VM_EXT answered, RTP both ways" call
    for h in 20 21; do
        expect "$(phone_ip $h)" "100$((h - 19))" - "nothing: registered via router 1"
        expect "$(phone_ip $h)" "100$((h - 19))" invite-unanswered:error "the INVITE to $VM_EXT reached the PBX's uplink via router 1 and its firewall dropped every copy (no 100 Trying); the phone gave up at timer B while staying registered" call
    done
    local drops
    drops=$(ns pbx iptables -L INPUT -v -x -n | awk '/DROP/ { print $1; exit }')
    meta NOTES "invite_drops: the INVITE copies the PBX's firewall dropped (its iptables counter): ${drops:-0}.;;The routing is right both ways: the REGISTERs of the same phones are answered through router 1. A report that blames the route back, or calls the PBX silent to the phones' registrations, is wrong; the calls alone fail."
}

scenario_tcp_refused() {
    meta DESCRIPTION "The PBX takes SIP over UDP only: its firewall answers every TCP connection to port $SIP_PORT with a reset (iptables REJECT --reject-with tcp-reset, as a PBX whose TCP transport is off answers with its kernel's reset). Phone 1002, set to TCP, never gets a connection: its SYN is refused at once, and so are its two retries 2 s apart. Phone 1001 over UDP registers as the control."
    meta WGW_BEHAVIOUR "unused"
    meta PBX_ROUTES "$NET_B.0/24 via $R1_A_IP"
    ns pbx iptables -A INPUT -p tcp --dport "$SIP_PORT" -j REJECT --reject-with tcp-reset
    captures_start
    pbx_start "$PBX_USERS"
    phone_register pb20 "$(phone_ip 20)" 1001 alpha-1001 true udp
    phone_register pb21 "$(phone_ip 21)" 1002 bravo-1002 true tcp
    phones_wait
    phone_retry pb21 "$(phone_ip 21)" 1002 bravo-1002 tcp 2
    expect "$(phone_ip 20)" 1001 - "nothing: registered over UDP"
    expect "$(phone_ip 21)" 1002 connection-refused:error "three attempts 2 s apart (sipp run again, as a phone retries): every SYN to the PBX's port $SIP_PORT/TCP answered by the PBX itself with a reset; no connection, no SIP message; the phone never registered"
    meta NOTES "The route is right both ways (the resets come back through router 1, and 1001 registers over UDP): nothing listens for SIP over TCP. The phone shows the server as unreachable or the registration as failed."
}
