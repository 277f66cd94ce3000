#!/usr/bin/env python3
"""Write a scenario's expected.json from what the lab itself set up and saw (never from an analyzer).

Inputs, all in WORK (argv[1]):
  clients.tsv  ip, port, ext, transport, password_ok, role, sipp exit code (one line per sipp run)
  expect.tsv   ip, ext, findings ("kind:severity,..." or "-"), what the network did to this client, role
  meta.env     KEY=VALUE lines: SCENARIO, DESCRIPTION, WGW_BEHAVIOUR, PBX_ROUTES (";"-separated), ...
and the lab's addresses from the environment. Output: argv[2].
"""
import json
import os
import sys


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

    doc = {
        "scenario": meta["SCENARIO"],
        "description": meta["DESCRIPTION"],
        "made_by": f"sudo tests/lab/run.sh {meta['SCENARIO']}",
        "captures": {
            "pbx-uplink.pcap": {"format": "pcap", "point": "PBX uplink", "interfaces": ["up0"]},
            "router1.pcapng": {"format": "pcapng", "point": "router 1",
                               "interfaces": ["lan-a (subnet A leg)", "lan-b (subnet B leg)"]},
        },
        "network": {
            "subnet_a": env["NET_A"] + ".0/24",
            "subnet_b": env["NET_B"] + ".0/24",
            "vlan": int(meta["VLAN"]) if meta.get("VLAN") else None,
            "pbx": {"ip": env["PBX_IP"], "mac": env["MAC_PBX"], "sip_port": int(env["SIP_PORT"]),
                    "routes": [r for r in meta.get("PBX_ROUTES", "").split(";") if r]},
            "router1": {"ip_a": env["R1_A_IP"], "mac_a": env["MAC_R1_A"],
                        "ip_b": env["R1_B_IP"], "mac_b": env["MAC_R1_B"],
                        "nat": meta.get("R1_NAT", "none")},
            "wrong_gateway": {"ip": env["WGW_IP"], "mac": env["MAC_WGW"],
                              "behaviour": meta.get("WGW_BEHAVIOUR", "unused")},
            "desk_phone": {"ip": env["DESK_IP"], "mac": env["MAC_DESK"]},
            "softphone_macs": {f"{env['NET_B']}.{h}": "02:b0:00:00:00:%02d" % int(h) for h in env["PHONES_B"].split()},
        },
        "clients": clients,
        # Where router 1 NATs: client ip:port in subnet B -> ip:port the PBX saw (from router 1's conntrack).
        "nat_map": json.loads(meta["NAT_MAP"]) if meta.get("NAT_MAP") else {},
        "media": json.loads(meta["MEDIA"]) if meta.get("MEDIA") else [],
        "notes": [n for n in meta.get("NOTES", "").split(";;") if n],
    }
    with open(out, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
