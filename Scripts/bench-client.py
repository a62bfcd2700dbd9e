"""Client overhead: sandbox-bench versus the Docker SDK for Python, one full sandbox lifecycle of
print('hello') at a time, alternating (which client goes first alternates too), with the same
profile and the same code delivery (an anonymous volume at /sandbox, the code uploaded as a tar
archive). Prints per-phase medians of both, and the median of the paired ratios with a 95 %
bootstrap interval: a phase counts as slower only when the whole interval lies above 1.

Usage: bench-client.py SWIFT_CLIENT [ITERATIONS]   (Scripts/bench-client.sh does the set-up)
"""
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tarfile
import time
import uuid

import docker
from docker.types import Mount

IMAGE = "sandbox-bench/python:bookworm"
PHASES = ["create", "start", "run", "logs", "remove"]
LABELS = {"sandbox-bench.owner": "sandbox-bench", "sandbox-bench.run": "client-bench"}


def code_archive():
    data = b"print('hello')"
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        info = tarfile.TarInfo("main.py")
        info.size, info.mode, info.mtime = len(data), 0o444, 0
        tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


ARCHIVE = code_archive()


def low_level(api):
    """The SDK's APIClient: the same HTTP requests sandbox-bench sends."""
    t = {}
    host_config = api.create_host_config(
        network_mode="none", mem_limit=512 << 20, memswap_limit=512 << 20, nano_cpus=500_000_000,
        pids_limit=100, read_only=True, tmpfs={"/tmp": "rw,noexec,nosuid,size=64m"}, cap_drop=["ALL"],
        security_opt=["no-new-privileges"], mounts=[Mount("/sandbox", None, type="volume")])
    name = "sandbox-bench-client-bench-" + uuid.uuid4().hex[:8]
    s = time.perf_counter()
    cid = api.create_container(
        IMAGE, command=["python3", "/sandbox/main.py"], user="1000:1000", working_dir="/tmp", labels=LABELS,
        network_disabled=True, host_config=host_config, name=name)["Id"]
    api.put_archive(cid, "/sandbox", ARCHIVE)
    t["create"] = time.perf_counter() - s
    try:
        s = time.perf_counter(); api.start(cid); t["start"] = time.perf_counter() - s
        s = time.perf_counter(); status = api.wait(cid)["StatusCode"]; t["run"] = time.perf_counter() - s
        s = time.perf_counter(); out = api.logs(cid, stdout=True, stderr=True); t["logs"] = time.perf_counter() - s
    finally:
        s = time.perf_counter(); api.remove_container(cid, force=True, v=True); t["remove"] = time.perf_counter() - s
    return t, status == 0 and out == b"hello\n"


def main():
    swift_client = sys.argv[1]
    iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    api = docker.APIClient(base_url=os.environ.get("DOCKER_HOST") or "unix:///var/run/docker.sock", version="auto")
    swift = subprocess.Popen([swift_client, IMAGE], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
    samples = {"sandbox-bench": [], "docker-py": []}
    def swift_lifecycle():
        swift.stdin.write("run\n")
        swift.stdin.flush()
        result = json.loads(swift.stdout.readline())
        if not result["ok"]:
            sys.exit("sandbox-bench lifecycle failed: %s" % result.get("failure"))
        return result["phases"]

    def python_lifecycle():
        phases, ok = low_level(api)
        if not ok:
            sys.exit("docker-py lifecycle failed")
        return phases

    # One warm-up each, not counted: first connections, page cache.
    for i in range(-1, iterations):
        if i % 2 == 0:
            ours, theirs = swift_lifecycle(), python_lifecycle()
        else:
            theirs, ours = python_lifecycle(), swift_lifecycle()
        if i >= 0:
            for phases in (ours, theirs):
                phases["total"] = sum(phases[p] for p in PHASES)
            samples["sandbox-bench"].append(ours)
            samples["docker-py"].append(theirs)
    swift.stdin.close()
    swift.wait()

    print("%d alternating lifecycles of print('hello') through each client; medians in ms" % iterations)
    print("%-8s %14s %11s %14s %22s" % ("phase", "sandbox-bench", "docker-py", "paired ratio", "95 % interval"))
    slower = []
    rng = random.Random(1)
    for phase in PHASES + ["total"]:
        ours = [s[phase] for s in samples["sandbox-bench"]]
        theirs = [s[phase] for s in samples["docker-py"]]
        ratios = [a / b for a, b in zip(ours, theirs)]
        boot = sorted(statistics.median(rng.choices(ratios, k=len(ratios))) for _ in range(2000))
        low, high = boot[int(0.025 * len(boot))], boot[int(0.975 * len(boot)) - 1]
        print("%-8s %14.2f %11.2f %14.3f %10.3f … %.3f" % (
            phase, statistics.median(ours) * 1000, statistics.median(theirs) * 1000, statistics.median(ratios), low, high))
        if low > 1:
            slower.append(phase)
    print("ratio = sandbox-bench / docker-py per pair; below 1 means sandbox-bench is faster")
    print("sandbox-bench is measurably slower in: " + (", ".join(slower) if slower else "no phase"))


if __name__ == "__main__":
    main()
