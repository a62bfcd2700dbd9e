extension IsolationProbe {
    /// Python that prints one JSON object describing the container from the inside: what it can
    /// reach, who it runs as, and what it can do. The connection attempt is made only when there
    /// is no interface but loopback, so a probe never sends a packet. Each operation that a
    /// confinement must refuse is attempted in a child process of its own (a user namespace the
    /// probe entered would change what it sees afterwards) and reported as "succeeded" or the
    /// error it met; the cgroup's limits are read as the container sees them (v1 and v2).
    package static let code = #"""
        import ctypes, errno, json, os, socket, subprocess
        r = {}
        r["interfaces"] = sorted(os.listdir("/sys/class/net"))
        def err(e):
            return errno.errorcode.get(e.errno, str(e.errno)) if getattr(e, "errno", None) else type(e).__name__
        if r["interfaces"] == ["lo"]:
            try:
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                s.settimeout(1)
                s.connect(("192.0.2.1", 9))
                r["connect"] = "connected"
            except OSError as e:
                r["connect"] = err(e)
        else:
            r["connect"] = "not attempted"
        try:
            with open("/.sandbox-bench-probe", "w") as f:
                f.write("x")
            r["rootWrite"] = "written"
        except OSError as e:
            r["rootWrite"] = err(e)
        r["rootMountReadOnly"] = any(
            l.split()[4] == "/" and "ro" in l.split()[5].split(",") for l in open("/proc/self/mountinfo"))
        r["uid"], r["gid"] = os.getuid(), os.getgid()
        status = dict(l.rstrip("\n").split(":\t", 1) for l in open("/proc/self/status") if ":\t" in l)
        r["capEff"], r["capPrm"] = status.get("CapEff", "?"), status.get("CapPrm", "?")
        r["capBnd"] = status.get("CapBnd", "?")
        r["noNewPrivs"], r["seccomp"] = status.get("NoNewPrivs", "?"), status.get("Seccomp", "?")
        r["kernel"] = os.uname().release
        try:
            with open("/tmp/probe.sh", "w") as f:
                f.write("#!/bin/sh\nexit 0\n")
            os.chmod("/tmp/probe.sh", 0o755)
            subprocess.run(["/tmp/probe.sh"], check=True)
            r["tmpExec"] = "executed"
        except OSError as e:
            r["tmpExec"] = err(e)

        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        nnp = libc.prctl(39, 0, 0, 0, 0)  # PR_GET_NO_NEW_PRIVS, answered by gVisor's kernel too
        r["noNewPrivsPrctl"] = str(nnp) if nnp >= 0 else "?"
        numbers = {
            "x86_64": dict(keyctl=250, add_key=248, bpf=321, perf_event_open=298, userfaultfd=323, set_mempolicy=238),
            "aarch64": dict(keyctl=219, add_key=217, bpf=280, perf_event_open=241, userfaultfd=282, set_mempolicy=237),
        }.get(os.uname().machine, {})
        def attempt(name, call):
            if name in ("keyctl", "add_key", "bpf", "perf_event_open", "userfaultfd", "set_mempolicy") and name not in numbers:
                return "not attempted"
            pid = os.fork()
            if pid == 0:
                try:
                    result = call()
                    os._exit(0 if result is None or result >= 0 else min(ctypes.get_errno() or 254, 254))
                except OSError as e:
                    os._exit(min(e.errno or 254, 254))
                except BaseException:
                    os._exit(255)
            code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
            return "succeeded" if code == 0 else errno.errorcode.get(code, "status %d" % code)
        def sys(name, *args):
            return libc.syscall(ctypes.c_long(numbers[name]), *[a if isinstance(a, (bytes, ctypes.Array)) else ctypes.c_long(a) for a in args])
        def perf_event_open():
            attr = (ctypes.c_uint64 * 16)()
            attr[0] = 1 | (112 << 32)              # PERF_TYPE_SOFTWARE, the structure's size
            attr[5] = (1 << 0) | (1 << 5) | (1 << 6)  # disabled, exclude_kernel, exclude_hv
            return sys("perf_event_open", attr, 0, -1, -1, 0)
        def bpf():
            attr = (ctypes.c_uint32 * 32)(2, 4, 8, 1)  # BPF_MAP_TYPE_ARRAY, 4-byte keys, 8-byte values, 1 entry
            return sys("bpf", 0, attr, 128)
        def chown():
            open("/tmp/probe-owned", "w").close()
            os.chown("/tmp/probe-owned", os.getuid() + 1, -1)
        other = os.getuid() + 1
        r["attempts"] = {
            "unshare(CLONE_NEWUSER)": attempt("unshare", lambda: libc.unshare(0x10000000)),
            "keyctl": attempt("keyctl", lambda: sys("keyctl", 0, -3, 0)),
            "add_key": attempt("add_key", lambda: sys("add_key", b"user", b"sandbox-bench-probe", b"x", 1, -2)),
            "bpf": attempt("bpf", bpf),
            "perf_event_open": attempt("perf_event_open", perf_event_open),
            "userfaultfd": attempt("userfaultfd", lambda: sys("userfaultfd", 1)),
            "set_mempolicy": attempt("set_mempolicy", lambda: sys("set_mempolicy", 0, 0, 0)),
            "personality(ADDR_NO_RANDOMIZE)": attempt("personality", lambda: libc.personality(0x0040000)),
            "setuid": attempt("setuid", lambda: libc.setuid(other)),
            "chown": attempt("chown", chown),
            "mknod": attempt("mknod", lambda: os.mknod("/tmp/probe-device", 0o600 | 0o020000, os.makedev(1, 3))),
            "sethostname": attempt("sethostname", lambda: libc.sethostname(b"probe", 5)),
            "chroot": attempt("chroot", lambda: libc.chroot(b"/tmp")),
            "raw socket": attempt("raw socket", lambda: socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP).close()),
        }
        def read(path):
            try:
                with open(path) as f:
                    return f.read().strip()
            except OSError:
                return None
        if os.path.exists("/sys/fs/cgroup/cgroup.controllers"):
            cpu = (read("/sys/fs/cgroup/cpu.max") or "").split()
            r["limits"] = {"cgroup": "v2", "memory": read("/sys/fs/cgroup/memory.max"), "pids": read("/sys/fs/cgroup/pids.max"),
                           "cpuQuota": cpu[0] if len(cpu) == 2 else None, "cpuPeriod": cpu[1] if len(cpu) == 2 else None}
        else:
            r["limits"] = {"cgroup": "v1", "memory": read("/sys/fs/cgroup/memory/memory.limit_in_bytes"),
                           "pids": read("/sys/fs/cgroup/pids/pids.max"), "cpuQuota": read("/sys/fs/cgroup/cpu/cpu.cfs_quota_us"),
                           "cpuPeriod": read("/sys/fs/cgroup/cpu/cpu.cfs_period_us")}
        print(json.dumps(r))
        """#
}
