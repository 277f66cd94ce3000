#!/usr/bin/env python3
"""Derive an 802.1Q-tagged copy of a pcap (Ethernet): insert a VLAN tag (TPID 0x8100, priority 0,
VID) after the MAC addresses of every frame. The kernel here has neither 802.1Q devices nor bridge VLAN
filtering, so the lab cannot tag frames itself; this gives the trunk variant of a real capture, frame
for frame and timestamp for timestamp.
Usage: vlan_tag.py IN.pcap OUT.pcap VID [EXPECTED_IN.json EXPECTED_OUT.json]
"""
import json
import struct
import sys


def main() -> None:
    src, dst, vid = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(src, "rb") as f:
        data = f.read()
    magic = struct.unpack("<I", data[:4])[0]
    if magic != 0xA1B2C3D4 or struct.unpack("<I", data[20:24])[0] != 1:
        sys.exit("expects a little-endian microsecond pcap of Ethernet")
    snaplen = struct.unpack("<I", data[16:20])[0]
    out = bytearray(data[:16] + struct.pack("<I", snaplen + 4) + data[20:24])
    tag = struct.pack("!HH", 0x8100, vid & 0x0FFF)
    pos = 24
    while pos + 16 <= len(data):
        sec, usec, incl, orig = struct.unpack("<IIII", data[pos:pos + 16])
        frame = data[pos + 16:pos + 16 + incl]
        pos += 16 + incl
        tagged = frame[:12] + tag + frame[12:]
        out += struct.pack("<IIII", sec, usec, len(tagged), orig + 4) + tagged
    with open(dst, "wb") as f:
        f.write(out)
    if len(sys.argv) > 5:
        with open(sys.argv[4]) as f:
            doc = json.load(f)
        doc["scenario"] += "-vlan"
        doc["made_by"] = f"sudo tests/lab/run.sh {doc['scenario'][:-5]} (then tools/vlan_tag.py on its pbx-uplink.pcap)"
        doc["description"] += f" PBX uplink as seen on an 802.1Q trunk: every frame tagged VLAN {vid} (derived copy, see tools/vlan_tag.py)."
        doc["network"]["vlan"] = vid
        doc["captures"] = {"pbx-uplink.pcap": dict(doc["captures"]["pbx-uplink.pcap"], vlan=vid)}
        doc["notes"].append("Only the PBX uplink capture exists for this variant; findings must equal those of the untagged scenario, with VLAN "
                            f"{vid} reported for every frame.")
        with open(sys.argv[5], "w") as f:
            json.dump(doc, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
