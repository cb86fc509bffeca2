#!/usr/bin/env python3
"""A plain Python audit, bench/run.sh's peer for `o365watch audit`: reads an iptables (kernel
log) file line by line, takes DST= with a regular expression, and asks whether that address lies
in Microsoft's published prefixes, collapsed with the standard library's ipaddress module and
searched by bisection. Prints the lines read, the lines to listed and to unlisted destinations, and
the number of distinct unlisted destinations. The same log and the same version as o365watch's
run; what it does not do (ports, hostnames, per-set detail, formats other than iptables) is what
makes it plain.

    audit.py ENDPOINTS_JSON LOG
    (ENDPOINTS_JSON: a /endpoints/{instance} response, e.g. the mirror's endpoints/Worldwide.json)
"""
import bisect
import ipaddress
import json
import re
import sys

DST = re.compile(r" DST=([0-9A-Fa-f.:]+) ")


def ranges(endpoints):
    """Per family, the collapsed prefixes as sorted (first, last) integer pairs."""
    nets = {4: [], 6: []}
    for s in endpoints:
        for ip in s.get("ips", []):
            n = ipaddress.ip_network(ip, strict=False)
            nets[n.version].append(n)
    out = {}
    for family, ns in nets.items():
        collapsed = list(ipaddress.collapse_addresses(ns))
        out[family] = ([int(n.network_address) for n in collapsed], [int(n.broadcast_address) for n in collapsed])
    return out


def main(argv):
    with open(argv[1], encoding="utf-8") as f:
        table = ranges(json.load(f))
    lines = listed = unlisted = 0
    others = set()
    with open(argv[2], encoding="utf-8", errors="replace") as log:
        for line in log:
            lines += 1
            m = DST.search(line)
            if not m:
                continue
            try:
                a = ipaddress.ip_address(m.group(1))
            except ValueError:
                continue
            firsts, lasts = table[a.version]
            v = int(a)
            i = bisect.bisect_right(firsts, v) - 1
            if i >= 0 and v <= lasts[i]:
                listed += 1
            else:
                unlisted += 1
                others.add(a)
    print("lines %d, to listed destinations %d, to unlisted %d (%d distinct)" % (lines, listed, unlisted, len(others)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
