#!/usr/bin/env python3
"""Write a scenario's expected.json from what the lab itself set up and saw (never from an analyzer).

Inputs, all in WORK (argv[1]):
  clients.tsv  ip, port, ext, transport, password_ok, role, sipp exit code (one line per sipp run)
  expect.tsv   ip, ext, findings ("kind:severity,..." or "-"), what the network did to this client, role
  meta.env     KEY=VALUE lines: SCENARIO, DESCRIPTION, WGW_BEHAVIOUR, PBX_ROUTES (";"-separated), ...
  causes.tsv   kind, subnet, wrong ip, wrong mac, right ip, right mac, clients (space-separated) — optional
  scan.json    tools/scanner.py's summary of what it sent — optional
and the lab's addresses from the environment. With a ROUTE_CHANGE in meta.env, the frames either side of it
come from the captures in WORK (tools/frames_around.py). Output: argv[2].
"""
import json
import os
import sys

from frames_around import frames_around, packets_to


def read_tsv(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def main() -> None:
    work, out = sys.argv[1], sys.argv[2]
    meta = {}
    with open(os.path.join(work, "meta.env")) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                meta[k] = v
    env = os.environ
    runs = read_tsv(os.path.join(work, "clients.tsv"))
    expects = {(e[0], e[1], e[4]): e for e in read_tsv(os.path.join(work, "expect.tsv"))}

    clients = []
    for ip, port, ext, transport, pw_ok, role, rc in sorted(runs, key=lambda r: (r[0], r[5] != "register")):
        e = expects.get((ip, ext, role))
        findings = []
        if e and e[2] != "-":
            for item in e[2].split(","):
                kind, sev = item.split(":")
                findings.append({"kind": kind, "severity": sev})
        clients.append({
            "client": f"{ip}:{port}",
            "ip": ip,
            "port": int(port),
            "extension": ext,
            "transport": transport,
            "role": role,
            "password_correct": pw_ok == "true",
            "network_did": e[3] if e else "",
            # sipp's exit code: 0 = its scenario completed (registered / call done), else it failed or timed out.
            "client_completed": rc == "0",
            "sipp_exit_code": int(rc),
            "expected_findings": findings,
        })

    pbx_ip = env["PBX_IP"]
    causes = []
    for kind, subnet, wrong_ip, wrong_mac, right_ip, right_mac, affected in read_tsv(os.path.join(work, "causes.tsv")):
        causes.append({
            "kind": kind,
            "server": pbx_ip,
            "subnet": subnet,
            "clients": affected.split(),
            "wrong_next_hop": {"ip": wrong_ip, "mac": wrong_mac},
            "right_next_hop": {"ip": right_ip, "mac": right_mac},
            # Two devices on the route's address: the route is right, the device holding the address wrongly is not.
            "fix": f"Take {wrong_ip} off the device with MAC {wrong_mac}, then clear {pbx_ip}'s ARP entry for {wrong_ip}."
            if kind == "address-conflict"
            else f"On {pbx_ip}, route {subnet} via {right_ip} (where its requests come from), not via {wrong_ip}.",
        })

    legs = meta.get("R1_LEGS", "lan-a lan-b").split()
    leg_names = {"lan-a": "lan-a (subnet A leg)", "lan-b": "lan-b (subnet B leg)", "lan-c": "lan-c (subnet C leg)"}
    wrong_gateways = [{"ip": env["WGW_IP"], "mac": env["MAC_WGW"], "behaviour": meta.get("WGW_BEHAVIOUR", "unused")}]
    if meta.get("WGW2_BEHAVIOUR"):
        wrong_gateways.append({"ip": env["WGW2_IP"], "mac": env["MAC_WGW2"], "behaviour": meta["WGW2_BEHAVIOUR"]})
    softphone_macs = {f"{env['NET_B']}.{h}": "02:b0:00:00:00:%02d" % int(h) for h in env["PHONES_B"].split()}
    router1 = {"ip_a": env["R1_A_IP"], "mac_a": env["MAC_R1_A"], "ip_b": env["R1_B_IP"], "mac_b": env["MAC_R1_B"]}
    if "lan-c" in legs:
        softphone_macs.update({f"{env['NET_C']}.{h}": "02:c0:00:00:00:%02d" % int(h) for h in env["PHONES_C"].split()})
        router1.update({"ip_c": env["R1_C_IP"], "mac_c": env["MAC_R1_C"]})
    router1["nat"] = meta.get("R1_NAT", "none")

    route_change = None
    if meta.get("ROUTE_CHANGE"):
        route_change = json.loads(meta["ROUTE_CHANGE"])
        frames = {}
        for name, points in (("pbx-uplink.pcap", ["pbx-uplink"]), ("router1.pcapng", [f"router1 {leg}" for leg in legs])):
            for entry in frames_around(os.path.join(work, name), route_change["before"], route_change["after"]):
                point = points[entry.pop("interface")]
                frames[point] = {"point": point, "capture": name, **entry}
        route_change["frames"] = list(frames.values())
        # Per affected client, on the PBX uplink: the last packet the PBX sent it before the change (old next
        # hop's MAC) and the first after (new next hop's MAC).
        route_change["pbx_to_clients"] = [
            packets_to(os.path.join(work, "pbx-uplink.pcap"), pbx_ip, client.rsplit(":", 1)[0],
                       route_change["before"], route_change["after"])
            for cause in causes for client in cause["clients"]]

    scan = None
    if os.path.exists(os.path.join(work, "scan.json")):
        with open(os.path.join(work, "scan.json")) as f:
            scan = json.load(f)
        scan["scanner_mac"] = env["MAC_SCAN"]
        scan.update(json.loads(meta.get("SCAN", "{}")))

    doc = {
        "scenario": meta["SCENARIO"],
        "description": meta["DESCRIPTION"],
        "made_by": f"sudo tests/lab/run.sh {meta['SCENARIO']}",
        "captures": {
            "pbx-uplink.pcap": {"format": "pcap", "point": "PBX uplink", "interfaces": ["up0"]},
            "router1.pcapng": {"format": "pcapng", "point": "router 1", "interfaces": [leg_names[leg] for leg in legs]},
        },
        "network": {
            "subnet_a": env["NET_A"] + ".0/24",
            "subnet_b": env["NET_B"] + ".0/24",
            "vlan": int(meta["VLAN"]) if meta.get("VLAN") else None,
            "pbx": {"ip": env["PBX_IP"], "mac": env["MAC_PBX"], "sip_port": int(env["SIP_PORT"]),
                    "routes": [r for r in meta.get("PBX_ROUTES", "").split(";") if r]},
            "router1": router1,
            "wrong_gateway": wrong_gateways[0],
            "desk_phone": {"ip": env["DESK_IP"], "mac": env["MAC_DESK"]},
            "softphone_macs": softphone_macs,
        },
        "clients": clients,
        # Where router 1 NATs: client ip:port in subnet B -> ip:port the PBX saw (from router 1's conntrack).
        "nat_map": json.loads(meta["NAT_MAP"]) if meta.get("NAT_MAP") else {},
        "media": json.loads(meta["MEDIA"]) if meta.get("MEDIA") else [],
        "notes": [n for n in meta.get("NOTES", "").split(";;") if n],
    }
    # Only the scenarios that need them carry these, so the older fixtures' ground truth stays as it was.
    if "lan-c" in legs:
        doc["network"]["subnet_c"] = env["NET_C"] + ".0/24"
    if len(wrong_gateways) > 1:
        doc["network"]["wrong_gateways"] = wrong_gateways
    if causes:
        doc["root_causes"] = causes
    if route_change:
        doc["route_change"] = route_change
    if scan:
        doc["scan"] = scan
    if meta.get("FRAGMENTS"):
        doc["fragments"] = json.loads(meta["FRAGMENTS"])
    if meta.get("REFUSED"):
        doc["refused"] = json.loads(meta["REFUSED"])
    if meta.get("LATE_ANSWERS"):
        doc["late_answers"] = json.loads(meta["LATE_ANSWERS"])
    with open(out, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
