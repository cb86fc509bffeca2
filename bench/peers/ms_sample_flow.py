#!/usr/bin/env python3
"""The flow of Microsoft's documented Python sample for the Microsoft 365 IP Address and URL web
service, as bench/run.sh's peer for the nightly job: read the state file (client request id on the
first line, the version last seen on the second; a new id and version 0000000000 when there is
none), ask /version/{instance}, and stop when the service publishes nothing newer. When it does,
the documented sample saves the new version first, downloads /endpoints/{instance}, keeps the
Optimize and Allow sets and prints their sorted IPv4 prefixes and URLs; this does the same.

Written from the documented behaviour (standard library only: urllib, json, uuid), not copied.

    ms_sample_flow.py STATE_FILE [BASE_URL] [INSTANCE]
    (BASE_URL defaults to https://endpoints.office.com, INSTANCE to Worldwide)
"""
import json
import os
import sys
import urllib.request
import uuid


def call(base, method, instance, client_id):
    url = "%s/%s/%s?clientRequestId=%s" % (base, method, instance, client_id)
    with urllib.request.urlopen(url) as response:
        return json.loads(response.read().decode("utf-8"))


def main(argv):
    state = argv[1]
    base = argv[2].rstrip("/") if len(argv) > 2 else "https://endpoints.office.com"
    instance = argv[3] if len(argv) > 3 else "Worldwide"
    if os.path.isfile(state):
        with open(state) as f:
            client_id = f.readline().strip()
            last = f.readline().strip()
    else:
        client_id = str(uuid.uuid4())
        last = "0000000000"
        with open(state, "w") as f:
            f.write(client_id + "\n" + last)
    latest = call(base, "version", instance, client_id)["latest"]
    if latest <= last:
        print("Office 365 worldwide commercial service instance endpoints are up-to-date")
        return 0
    print("New version of Office 365 worldwide commercial service instance endpoints detected")
    # as documented, the sample saves the version before it downloads the lists
    with open(state, "w") as f:
        f.write(client_id + "\n" + latest)
    sets = call(base, "endpoints", instance, client_id)
    kept = [s for s in sets if s["category"] in ("Optimize", "Allow")]
    ipv4 = sorted({ip for s in kept for ip in s.get("ips", []) if "." in ip})
    urls = sorted({u for s in kept for u in s.get("urls", [])})
    print("IPv4 Firewall IP Address Ranges")
    print(",".join(ipv4))
    print("URLs for Proxy Server")
    print(",".join(urls))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
