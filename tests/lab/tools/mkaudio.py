#!/usr/bin/env python3
"""Write a pcap of one RTP stream (G.711 A-law, PT 8, 20 ms packets) for sipp's play_pcap_audio.

sipp replays the UDP payloads with the pcap's timing, so the RTP header (SSRC, sequence numbers,
timestamps) on the wire is exactly what this writes: the lab knows every stream it sent.
Usage: mkaudio.py OUT.pcap SSRC_HEX PACKETS [FIRST_SEQ]
"""
import math
import struct
import sys


def alaw(sample: int) -> int:
    """G.711 A-law encode of a 16-bit linear sample."""
    sign = 0x80 if sample >= 0 else 0x00
    if sample < 0:
        sample = -sample - 1
    sample = min(sample, 32635)
    if sample >= 256:
        exp = int(math.log2(sample >> 8)) + 1 if sample >> 8 else 1
        exp = min(exp, 7)
        mant = (sample >> (exp + 3)) & 0x0F
        byte = (exp << 4) | mant
    else:
        byte = sample >> 4
    return (byte | sign) ^ 0x55


def main() -> None:
    out, ssrc, count = sys.argv[1], int(sys.argv[2], 16), int(sys.argv[3])
    seq0 = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    # A 440 Hz tone, so the stream is audible if someone plays it in Wireshark.
    tone = bytes(alaw(int(8000 * math.sin(2 * math.pi * 440 * n / 8000))) for n in range(160 * count))
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i in range(count):
            rtp = struct.pack("!BBHII", 0x80, 8 | (0x80 if i == 0 else 0), (seq0 + i) & 0xFFFF, i * 160, ssrc)
            payload = rtp + tone[i * 160:(i + 1) * 160]
            udp = struct.pack("!HHHH", 6000, 6000, 8 + len(payload), 0) + payload
            ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), i, 0, 64, 17, 0,
                             bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) + udp
            eth = b"\x02\x00\x00\x00\x00\x01" + b"\x02\x00\x00\x00\x00\x02" + b"\x08\x00" + ip
            usec = i * 20000
            f.write(struct.pack("<IIII", usec // 1000000, usec % 1000000, len(eth), len(eth)))
            f.write(eth)


if __name__ == "__main__":
    main()
