#!/usr/bin/env python3
"""A SIPVicious-style scan of the lab's PBX, for the scan-during-fault scenario.

Each source address (the scanner host owns them all, see lab_add_scanner) first probes the PBX with OPTIONS
(as svmap does), then tries REGISTER for a list of extensions (as svwar does), every request with
User-Agent "friendly-scanner", one copy each, no retransmission and no wait for answers. Requests are
interleaved over the sources (a distributed scan) and paced evenly over DURATION seconds. Call-IDs, tags and
branches come from a fixed seed, so a rerun sends the same messages.

Usage: scanner.py PBX_IP PBX_PORT NET_PREFIX FIRST_HOST SOURCES DURATION EXT[,EXT…] > summary.json
The summary (the lab's knowledge of the scan) goes to stdout as JSON.
"""
import json
import random
import socket
import sys
import time

USER_AGENT = "friendly-scanner"


def request(method: str, ext: str, pbx: str, src: str, port: int, rng: random.Random) -> bytes:
    branch = "z9hG4bK-%d-%08x" % (rng.randrange(10**6), rng.getrandbits(32))
    tag = "%08x" % rng.getrandbits(32)
    call_id = "%d" % rng.getrandbits(48)
    lines = [
        f"{method} sip:{ext}@{pbx} SIP/2.0",
        f"Via: SIP/2.0/UDP {src}:{port};branch={branch};rport",
        "Max-Forwards: 70",
        f'To: "{ext}" <sip:{ext}@{pbx}>',
        f'From: "{ext}" <sip:{ext}@{pbx}>;tag={tag}',
        f"User-Agent: {USER_AGENT}",
        f"Call-ID: {call_id}",
        f"Contact: <sip:{ext}@{src}:{port}>",
        f"CSeq: 1 {method}",
        "Accept: application/sdp",
        "Content-Length: 0",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def main() -> None:
    pbx, pbx_port, net, first, sources, duration, exts = (
        sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]),
        sys.argv[7].split(","))
    rng = random.Random(5060)
    addresses = [f"{net}.{first + i}" for i in range(sources)]
    sockets = []
    for address in addresses:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind((address, pbx_port))
        sockets.append(s)
    # Round 0: OPTIONS from every source; then one round per extension, REGISTER from every source.
    plan = [("OPTIONS", "100")] + [("REGISTER", ext) for ext in exts]
    total = len(plan) * sources
    gap = duration / total
    counts = {}
    start = time.time()
    first_sent = last_sent = None
    n = 0
    for method, ext in plan:
        for address, s in zip(addresses, sockets):
            delay = start + n * gap - time.time()
            if delay > 0:
                time.sleep(delay)
            s.sendto(request(method, ext, pbx, address, pbx_port, rng), (pbx, pbx_port))
            last_sent = time.time()
            first_sent = first_sent or last_sent
            counts[method] = counts.get(method, 0) + 1
            n += 1
    # Keep the sockets open a moment, so any answer that does come back meets a bound port, not an ICMP error.
    time.sleep(1)
    for s in sockets:
        s.close()
    json.dump({
        "user_agent": USER_AGENT,
        "requests": n,
        "sources": sources,
        "source_addresses": f"{addresses[0]}-{addresses[-1]}",
        "source_port": pbx_port,
        "requests_per_source": len(plan),
        "methods": counts,
        "register_extensions": exts,
        "options_uri_user": "100",
        "first_sent": round(first_sent, 6),
        "last_sent": round(last_sent, 6),
    }, sys.stdout)


if __name__ == "__main__":
    main()
