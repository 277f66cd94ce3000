#!/usr/bin/env python3
"""Which frames of a capture lie either side of a moment the lab knows (e.g. when it changed a route).

Reads pcap (µs or ns) and pcapng (EPB/SPB-free dumpcap output, any if_tsresol) itself, so the answer rests on
the capture's own timestamps and frame numbers (1-based, file order), not on an analyzer.
Usage: frames_around.py CAPTURE EPOCH_BEFORE EPOCH_AFTER
  EPOCH_BEFORE / EPOCH_AFTER: the clock just before and just after the change (seconds, decimals).
Prints JSON: per interface, the last frame stamped before EPOCH_BEFORE and the first stamped after EPOCH_AFTER,
and how many frames fall between the two (should be 0). packets_to() gives the same for the IPv4 packets from
one address to another, with the Ethernet destination each was sent to (the next hop).
"""
import json
import socket
import struct
import sys


def pcap_frames(data: bytes):
    magic = data[:4]
    endian = "<" if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    nano = magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d")
    pos, number = 24, 0
    while pos + 16 <= len(data):
        sec, frac, caplen, _ = struct.unpack(endian + "IIII", data[pos:pos + 16])
        number += 1
        yield number, 0, sec + frac / (1e9 if nano else 1e6), data[pos + 16:pos + 16 + caplen]
        pos += 16 + caplen


def pcapng_frames(data: bytes):
    pos, number, endian = 0, 0, "<"
    resolutions = []
    while pos + 12 <= len(data):
        block_type = struct.unpack(endian + "I", data[pos:pos + 4])[0]
        if block_type == 0x0A0D0D0A:
            endian = "<" if data[pos + 8:pos + 12] == b"\x4d\x3c\x2b\x1a" else ">"
            resolutions = []
        length = struct.unpack(endian + "I", data[pos + 4:pos + 8])[0]
        body = data[pos + 8:pos + length - 4]
        if block_type == 1:   # interface description: read if_tsresol (option 9)
            resolution = 1e-6
            opt = 8
            while opt + 4 <= len(body):
                code, olen = struct.unpack(endian + "HH", body[opt:opt + 4])
                if code == 0:
                    break
                if code == 9:
                    v = body[opt + 4]
                    resolution = 2.0 ** -(v & 0x7F) if v & 0x80 else 10.0 ** -v
                opt += 4 + (olen + 3) // 4 * 4
            resolutions.append(resolution)
        elif block_type == 6:  # enhanced packet
            iface, high, low, caplen = struct.unpack(endian + "IIII", body[:16])
            number += 1
            yield number, iface, ((high << 32) | low) * resolutions[iface], body[20:20 + caplen]
        pos += length


def read_frames(path: str):
    with open(path, "rb") as f:
        data = f.read()
    return pcapng_frames(data) if data[:4] == b"\x0a\x0d\x0d\x0a" else pcap_frames(data)


def ipv4(frame: bytes):
    """(source, destination, Ethernet destination MAC) of an IPv4 frame (802.1Q tags skipped), else None."""
    pos = 12
    while frame[pos:pos + 2] == b"\x81\x00":
        pos += 4
    if frame[pos:pos + 2] != b"\x08\x00" or len(frame) < pos + 22:
        return None
    ip = frame[pos + 2:]
    return socket.inet_ntoa(ip[12:16]), socket.inet_ntoa(ip[16:20]), ":".join("%02x" % b for b in frame[:6])


def packets_to(path: str, source: str, destination: str, before: float, after: float) -> dict:
    """The last IPv4 packet from SOURCE to DESTINATION before the change and the first after, with their next hop."""
    result = {"from": source, "to": destination, "last_before": None, "first_after": None}
    for number, _, t, frame in read_frames(path):
        addresses = ipv4(frame)
        if addresses is None or addresses[:2] != (source, destination):
            continue
        entry = {"frame": number, "time": round(t, 6), "eth_dst": addresses[2]}
        if t < before:
            result["last_before"] = entry
        elif t > after and result["first_after"] is None:
            result["first_after"] = entry
    return result


def frames_around(path: str, before: float, after: float) -> list:
    per_iface = {}
    for number, iface, t, _ in read_frames(path):
        entry = per_iface.setdefault(iface, {"interface": iface, "last_before": None, "first_after": None, "between": 0})
        if t < before and (entry["last_before"] is None or t >= entry["last_before"]["time"]):
            entry["last_before"] = {"frame": number, "time": round(t, 6)}
        elif t > after and (entry["first_after"] is None or t < entry["first_after"]["time"]):
            entry["first_after"] = {"frame": number, "time": round(t, 6)}
        elif before <= t <= after:
            entry["between"] += 1
    return [per_iface[k] for k in sorted(per_iface)]


def main() -> None:
    json.dump(frames_around(sys.argv[1], float(sys.argv[2]), float(sys.argv[3])), sys.stdout)


if __name__ == "__main__":
    main()
