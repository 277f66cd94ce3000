#!/usr/bin/env python3
"""A softphone over TCP that controls how its SIP messages are cut into segments (sipp writes one message
per segment). It registers with digest auth and exercises what a TCP reassembler must get right:
  1. the first REGISTER is written in three pieces, 60 ms apart (one message over several segments);
  2. after the 401, an OPTIONS and the REGISTER with credentials are written at once (two messages in
     one segment);
  3. the run.sh scenario makes router 1 drop the first copy of some segments, so TCP retransmits them.
Usage: tcpphone.py LOCAL_IP LOCAL_PORT PBX_IP PBX_PORT EXT PASSWORD
Exit 0 when registered (200 to the REGISTER with credentials), 1 otherwise.
"""
import hashlib
import re
import socket
import sys
import time


def md5(s: str) -> str:
    return hashlib.md5(s.encode()).hexdigest()


def read_message(sock, buf: bytearray) -> str:
    """One SIP message from the stream (headers + Content-Length body)."""
    while True:
        end = buf.find(b"\r\n\r\n")
        if end >= 0:
            head = buf[:end].decode()
            m = re.search(r"(?im)^(content-length|l)\s*:\s*(\d+)", head)
            total = end + 4 + (int(m.group(2)) if m else 0)
            if len(buf) >= total:
                msg = bytes(buf[:total]).decode()
                del buf[:total]
                return msg
        data = sock.recv(4096)
        if not data:
            raise EOFError("connection closed")
        buf += data


def main() -> int:
    lip, lport, pbx, pport, ext, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((lip, lport))
    sock.settimeout(30)
    sock.connect((pbx, pport))
    call_id = f"tcpphone-{ext}@{lip}"
    uri = f"sip:{pbx}"

    def request(method: str, cseq: int, branch: str, extra: str = "") -> bytes:
        return (f"{method} {uri} SIP/2.0\r\n"
                f"Via: SIP/2.0/TCP {lip}:{lport};branch=z9hG4bK-{branch};rport\r\n"
                f"Max-Forwards: 70\r\n"
                f"From: <sip:{ext}@{pbx}>;tag=tcpphone{ext}\r\n"
                f"To: <sip:{ext}@{pbx}>\r\n"
                f"Call-ID: {call_id}\r\n"
                f"CSeq: {cseq} {method}\r\n"
                f"Contact: <sip:{ext}@{lip}:{lport};transport=tcp>\r\n"
                f"{extra}"
                f"Expires: 300\r\n"
                f"User-Agent: pcapsip-lab tcpphone\r\n"
                f"Content-Length: 0\r\n\r\n").encode()

    buf = bytearray()
    first = request("REGISTER", 1, "tcpphone-1")
    for a, b in ((0, 90), (90, 200), (200, len(first))):
        sock.sendall(first[a:b])
        time.sleep(0.06)
    challenge = read_message(sock, buf)
    if not challenge.startswith("SIP/2.0 401"):
        return 1
    www = re.search(r'(?im)^WWW-Authenticate:\s*Digest\s+(.*)$', challenge).group(1)
    realm = re.search(r'realm="([^"]*)"', www).group(1)
    nonce = re.search(r'nonce="([^"]*)"', www).group(1)
    cnonce, nc = "0a4f113b", "00000001"
    ha1 = md5(f"{ext}:{realm}:{password}")
    ha2 = md5(f"REGISTER:{uri}")
    resp = md5(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")
    auth = (f'Authorization: Digest username="{ext}", realm="{realm}", nonce="{nonce}", uri="{uri}", '
            f'response="{resp}", algorithm=MD5, cnonce="{cnonce}", qop=auth, nc={nc}\r\n')
    options = request("OPTIONS", 2, "tcpphone-2").replace(b"Expires: 300\r\n", b"")
    sock.sendall(options + request("REGISTER", 3, "tcpphone-3", auth))
    answers = [read_message(sock, buf), read_message(sock, buf)]
    ok = any(a.startswith("SIP/2.0 200") and "CSeq: 3 REGISTER" in a for a in answers)
    time.sleep(0.5)
    sock.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
