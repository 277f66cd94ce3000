#!/usr/bin/env python3
"""CPU per pipeline stage from a perf profile of one pcapsip run: each sample goes to the first frame, from the
leaf up, whose method names a stage (runtime and JIT samples by the library they fall in).

    export DOTNET_PerfMapEnabled=1 DOTNET_ReadyToRun=0 DOTNET_EnableWriteXorExecute=0
    perf record -F 999 -g -o run.data pcapsip analyze FILE --threads 1 --timings --no-progress
    perf script -i run.data > run.txt
    benchmarks/perf-stages.py run.txt PACKETS CPU_SECONDS     # CPU s: the "process:" line of --timings

ReadyToRun is off so that perf can name every method (precompiled code has no perf map), which adds JIT time of
its own; W^X off so the JIT's code is mapped where the perf map says. Prints a Markdown table: share, CPU s, ns/packet.
"""
import collections
import re
import sys

STAGES = [
    ("SIP (parse, engine)", r"\.Sip\.|SipCheck|CheckSip|OnParsedSip|OnSip\b|ExpectMedia|Sdp"),
    ("RTP lookup + stats", r"\.Rtp\.|TryKnownStream"),
    ("TCP reassembly", r"Reassembly\.Tcp|TcpStream|TcpReassembler|TcpConnection"),
    ("path/neighbour evidence", r"NeighborTable|PathEvidence|IcmpEvidence|TcpHandshakeTracker|PortOwner|RecordedLink|CapturePoint::NoteLink"),
    ("decode (link/IP/UDP) + counters", r"Protocols\.Frames\.|ProtocolCounters"),
    ("flow table (lookup, per-flow state)", r"\.Flows\."),
    ("dispatch (clock, meta, hand-off)", r"PacketDispatcher|TransportStage|TransportHandoff|TransportBatch|PacketMeta|CaptureClock|CapturePoint|IpReassembler|Reassembly"),
    ("reader (pcap records, pipe)", r"Protocols\.Capture\.|System\.IO\.Pipelines|CountingStream|RandomAccess|FileStream"),
    ("after the read (paths, media, reports)", r"Analysis::Complete|Reports\.|Diagnosis|Findings|Points\.|PathAnalyzer|RtpCallLinker"),
]
RULES = [(name, re.compile(rx)) for name, rx in STAGES]


def stage_of(stack):
    leaf = stack[0][1]
    if "libclrjit" in leaf:
        return "JIT (background thread)"
    if "libcoreclr" in leaf:
        return "runtime (GC, stubs)"
    kernel = "kernel" in leaf
    for symbol, _ in stack:
        words = symbol.split("(")[0].split()
        method = words[-1] if words else symbol
        for name, rule in RULES:
            if rule.search(method):
                if kernel:
                    return "reader: read system call (page-cache copy)" if name.startswith("reader") else "kernel (faults, scheduling)"
                return name
    return "kernel (faults, scheduling)" if kernel else "other"


def main():
    counts = collections.Counter()
    stack = []
    for line in open(sys.argv[1], errors="replace"):
        if not line.strip():
            if stack:
                counts[stage_of(stack)] += 1
            stack = []
            continue
        frame = re.match(r"\s+[0-9a-f]+ (.*) \((.*)\)\s*$", line)
        if frame:
            stack.append((frame.group(1), frame.group(2)))
    if stack:
        counts[stage_of(stack)] += 1
    total = sum(counts.values())
    packets = int(sys.argv[2])
    cpu = float(sys.argv[3])
    print("| stage | share | CPU s | ns/packet |\n|---|---:|---:|---:|")
    for name, n in counts.most_common():
        seconds = cpu * n / total
        print(f"| {name} | {100 * n / total:.1f} % | {seconds:.2f} | {seconds * 1e9 / packets:.0f} |")
    print(f"({total} samples)")


if __name__ == "__main__":
    main()
