# shellcheck shell=bash
# The software on the lab's hosts: captures, the PBX (kamailio), the voicemail UAS, the phones (sipp).
# Every process runs inside a lab namespace under `timeout`, so lab_teardown and the clocks bound it.

: "${REALM:=pbx.lab}"
: "${VM_EXT:=8000}"
: "${VM_PORT:=5070}"
: "${SIP_PORT:=5060}"
# RFC 3261 timers E and F: the phones retransmit a non-INVITE request 0.5, 1.5, 3.5, 7.5, 11.5, … s after
# the first copy (intervals 0.5, 1, 2, 4, 4, … s). sipp itself gives up at timer F (64*T1 = 32 s), after
# the copy sent at 27.5 s (1 + 9 retransmissions); the retransmission limit is set high enough not to cut
# in earlier, and -timeout (CLIENT_TIME - 2 = 33 s) ends sipp right after timer F.
: "${TIMER_F_RETRANS:=11}"

CAPTURE_PIDS=()
PHONE_PIDS=()

# Wait for the phones started so far (not for the captures, which run until stopped).
phones_wait() {
    local p
    for p in "${PHONE_PIDS[@]}"; do wait "$p" || true; done
    PHONE_PIDS=()
}

# Packet captures: the PBX uplink (pcap, one interface) and router 1 (pcapng, every leg — lan-a, lan-b and
# lan-c when subnet C exists — each its own interface block). Full snaplen.
captures_start() {
    ns pbx timeout "$LAB_TIME" tcpdump -i up0 -s 0 -U -Z root -w "$WORK/pbx-uplink.pcap" 2>"$WORK/tcpdump.log" &
    CAPTURE_PIDS+=($!)
    # LAB_PBX_ANY=1: also "tcpdump -i any" on the PBX, as an admin captures on a Linux PBX: a Linux cooked capture,
    # which records each packet's sender only (no destination MAC, so no next hop for what the PBX sends).
    if [ "${LAB_PBX_ANY:-0}" = 1 ]; then
        ns pbx timeout "$LAB_TIME" tcpdump -i any -s 0 -U -Z root -w "$WORK/pbx-any.pcap" 2>"$WORK/tcpdump-any.log" &
        CAPTURE_PIDS+=($!)
    fi
    local legs=(-i lan-a -i lan-b)
    if ns r1 ip link show lan-c >/dev/null 2>&1; then legs+=(-i lan-c); meta R1_LEGS "lan-a lan-b lan-c"; fi
    ns r1 timeout "$LAB_TIME" dumpcap -q -s 0 "${legs[@]}" -w "$WORK/router1.pcapng" 2>"$WORK/dumpcap.log" &
    CAPTURE_PIDS+=($!)
    local i
    for i in $(seq 50); do
        if grep -q "listening on" "$WORK/tcpdump.log" 2>/dev/null && [ -s "$WORK/router1.pcapng" ]; then break; fi
        sleep 0.1
    done
    sleep 0.5
}

captures_stop() {
    sleep 1   # let the last packets reach the capture buffers
    local p
    for p in "${CAPTURE_PIDS[@]}"; do
        # timeout passes TERM on to the capture, which then writes out and exits (background jobs ignore INT).
        kill -TERM "$p" 2>/dev/null || true
    done
    for p in "${CAPTURE_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    CAPTURE_PIDS=()
}

# pbx_start PASSWORD_TABLE RECHALLENGE_EXPR
#   PASSWORD_TABLE: lines "EXT PASSWORD" the PBX knows; RECHALLENGE_EXPR: a kamailio condition for
#   which users get a second 401 (instead of 403) for a wrong password, e.g. '$fU == "1004"' or '0'.
#   PBX_DEFINES (environment): kamailio -A defines that switch on a behaviour of pbx.cfg.in, e.g. "LATE_RETRANS_400".
pbx_start() {
    local table="$1" rechallenge="${2:-0}" pw=""
    local ext pass
    while read -r ext pass; do
        [ -n "$ext" ] || continue
        pw+="    if (\$fU == \"$ext\") { \$var(pw) = \"$pass\"; }"$'\n'
    done <<<"$table"
    mkdir -p "$WORK/kamailio"
    # PBX_LISTEN: the address kamailio binds (default the PBX's own; 0.0.0.0 binds every address with one socket).
    awk -v pw="$pw" -v pbx="$PBX_IP" -v listen="${PBX_LISTEN:-$PBX_IP}" -v realm="$REALM" -v vmext="$VM_EXT" -v vmport="$VM_PORT" -v rech="$rechallenge" '
        { gsub(/@PBX_IP@/, pbx); gsub(/@PBX_LISTEN@/, listen); gsub(/@REALM@/, realm); gsub(/@VM_EXT@/, vmext); gsub(/@VM_PORT@/, vmport)
          if ($0 ~ /@RECHALLENGE@/) { sub(/@RECHALLENGE@/, "(" rech ")") }
          if ($0 == "@PASSWORDS@") { printf "%s", pw; next }
          print }' "$LAB_DIR/kamailio/pbx.cfg.in" >"$WORK/kamailio/pbx.cfg"
    local defines=() d
    for d in ${PBX_DEFINES:-}; do defines+=(-A "$d"); done
    ns pbx timeout "$LAB_TIME" kamailio -f "$WORK/kamailio/pbx.cfg" "${defines[@]}" -DD -E -m 32 -M 4 \
        -Y "$WORK/kamailio" -L /usr/lib/x86_64-linux-gnu/kamailio/modules >"$WORK/kamailio/log" 2>&1 &
    local i
    for i in $(seq 50); do
        if ns pbx ss -lnt 2>/dev/null | grep -q ":$SIP_PORT "; then return 0; fi
        sleep 0.1
    done
    echo "kamailio did not start:" >&2; cat "$WORK/kamailio/log" >&2; return 1
}

# voicemail_start SSRC: the UAS on the PBX host that answers calls to $VM_EXT and plays RTP.
voicemail_start() {
    local dir="$WORK/voicemail"
    mkdir -p "$dir"
    python3 "$LAB_DIR/tools/mkaudio.py" "$dir/audio.pcap" "$1" "$RTP_PACKETS"
    (cd "$dir" && ns pbx timeout "$LAB_TIME" sipp -sf "$LAB_DIR/sipp/answer.xml" -i "$PBX_IP" -p "$VM_PORT" -s voicemail \
        -mi "$PBX_IP" -mp 7000 -m 1 -nd -trace_err -trace_msg -bg >"$dir/sipp.log" 2>&1) || true
}

# Clients are recorded in $WORK/clients.tsv for expected.json:
#   ip port ext transport password_ok role sipp_rc
client_record() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$WORK/clients.tsv"; }

# phone_register NS IP EXT PASSWORD_USED PASSWORD_OK TRANSPORT(udp|tcp) [SCENARIO_XML] [ROLE] [CALL_ID] [FIRST_CSEQ]
# Runs in the background; the caller waits with phones_wait. Records the client when sipp ends. A refresh
# (ROLE refresh) passes the first run's CALL_ID and the CSeq after its last, as a phone re-registering does.
phone_register() {
    local n="$1" ip="$2" ext="$3" pass="$4" ok="$5" tr="$6" xml="${7:-register.xml}" role="${8:-register}"
    local cid="${9:-reg-%u-%p@%s}" cseq="${10:-1}"
    local dir="$WORK/$n-$ext-$role" t
    mkdir -p "$dir"
    case "$tr" in udp) t=u1 ;; tcp) t=t1 ;; esac
    (
        cd "$dir"
        rc=0
        case "$xml" in /*) ;; *) xml="$LAB_DIR/sipp/$xml" ;; esac
        ns "$n" timeout "$CLIENT_TIME" sipp "$PBX_IP:$SIP_PORT" -sf "$xml" -t "$t" \
            -i "$ip" -p "$SIP_PORT" -s "$ext" -au "$ext" -ap "$pass" -auth_uri "sip:$PBX_IP" -cid_str "$cid" -base_cseq "$cseq" -m 1 -l 1 -nd \
            -max_non_invite_retrans "$TIMER_F_RETRANS" -timeout "$((CLIENT_TIME - 2))s" -timeout_error \
            -trace_err -trace_msg >"$dir/sipp.log" 2>&1 || rc=$?
        client_record "$ip" "$SIP_PORT" "$ext" "$tr" "$ok" "$role" "$rc"
    ) &
    PHONE_PIDS+=($!)
}

# phone_retry NS IP EXT PASS TRANSPORT TIMES: the phone registers again TIMES times, 2 s apart, as a phone whose
# registration failed at once retries (its run was recorded by phone_register; these retries are not).
phone_retry() {
    local n="$1" ip="$2" ext="$3" pass="$4" tr="$5" times="$6" i t
    case "$tr" in udp) t=u1 ;; tcp) t=t1 ;; esac
    for ((i = 1; i <= times; i++)); do
        sleep 2
        (cd "$WORK" && ns "$n" timeout "$CLIENT_TIME" sipp "$PBX_IP:$SIP_PORT" -sf "$LAB_DIR/sipp/register.xml" -t "$t" \
            -i "$ip" -p "$SIP_PORT" -s "$ext" -au "$ext" -ap "$pass" -auth_uri "sip:$PBX_IP" -m 1 -l 1 -nd \
            -timeout "$((CLIENT_TIME - 2))s" -timeout_error >"$WORK/$n-$ext-retry-$i.log" 2>&1) || true
    done
}

# phone_answer NS IP EXT SSRC: a registered phone waits for one call on its SIP port, answers it with RTP
# (media port 6000) and waits for the BYE. Returns once sipp listens.
phone_answer() {
    local n="$1" ip="$2" ext="$3" ssrc="$4"
    local dir="$WORK/$n-$ext-answer"
    mkdir -p "$dir"
    python3 "$LAB_DIR/tools/mkaudio.py" "$dir/audio.pcap" "$ssrc" "$RTP_PACKETS"
    (
        cd "$dir"
        rc=0
        ns "$n" timeout "$CLIENT_TIME" sipp -sf "$LAB_DIR/sipp/answer.xml" -t u1 -i "$ip" -p "$SIP_PORT" -s "$ext" \
            -mi "$ip" -mp 6000 -m 1 -nd -timeout "$((CLIENT_TIME - 2))s" -timeout_error \
            -trace_err -trace_msg >"$dir/sipp.log" 2>&1 || rc=$?
        client_record "$ip" "$SIP_PORT" "$ext" udp true answer "$rc"
    ) &
    PHONE_PIDS+=($!)
    local i
    for i in $(seq 50); do
        if ns "$n" ss -lnu 2>/dev/null | grep -q "$ip:$SIP_PORT "; then return 0; fi
        sleep 0.1
    done
    echo "the answering phone $ext did not start" >&2; return 1
}

# phone_call NS IP EXT SSRC [CALLEE] [SCENARIO_XML]: call the voicemail (or extension CALLEE) with RTP, from the
# phone's SIP port, after it registered (call-large.xml: an INVITE too large for one 1500-byte packet).
phone_call() {
    local n="$1" ip="$2" ext="$3" ssrc="$4" callee="${5:-$VM_EXT}" xml="${6:-call.xml}"
    local dir="$WORK/$n-$ext-call"
    mkdir -p "$dir"
    python3 "$LAB_DIR/tools/mkaudio.py" "$dir/audio.pcap" "$ssrc" "$RTP_PACKETS"
    (
        cd "$dir"
        rc=0
        ns "$n" timeout "$CLIENT_TIME" sipp "$PBX_IP:$SIP_PORT" -sf "$LAB_DIR/sipp/$xml" -t u1 \
            -i "$ip" -p "$SIP_PORT" -mi "$ip" -mp 6000 -s "$ext" -set callee "$callee" -cid_str "call-%u-%p@%s" -m 1 -l 1 -nd \
            -timeout "$((CLIENT_TIME - 2))s" -timeout_error -trace_err -trace_msg >"$dir/sipp.log" 2>&1 || rc=$?
        client_record "$ip" "$SIP_PORT" "$ext" udp true call "$rc"
    ) &
    PHONE_PIDS+=($!)
}
