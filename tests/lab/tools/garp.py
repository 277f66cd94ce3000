#!/usr/bin/env python3
"""Gratuitous ARP: announce that IP is at this interface's MAC, as a host does when its address comes up — or, sent
again and again, as a device that took another's address (or an ARP spoofer) keeps its neighbours' caches pointing
at itself.

Usage: garp.py INTERFACE IP COUNT INTERVAL_S
Sends COUNT ARP replies (sender and target IP both IP, to the broadcast MAC) INTERVAL_S apart, then exits.
"""
import socket
import struct
import sys
import time


def main() -> None:
    ifname, ip, count, interval = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    with open(f"/sys/class/net/{ifname}/address") as f:
        mac = bytes.fromhex(f.read().strip().replace(":", ""))
    addr = socket.inet_aton(ip)
    broadcast = b"\xff" * 6
    # Ethernet, then ARP: Ethernet/IPv4, operation 2 (reply), sender = target = IP.
    frame = broadcast + mac + struct.pack("!H", 0x0806) + struct.pack("!HHBBH", 1, 0x0800, 6, 4, 2) + mac + addr + broadcast + addr
    with socket.socket(socket.AF_PACKET, socket.SOCK_RAW) as s:
        s.bind((ifname, 0))
        for i in range(count):
            s.send(frame)
            if i + 1 < count:
                time.sleep(interval)


if __name__ == "__main__":
    main()
