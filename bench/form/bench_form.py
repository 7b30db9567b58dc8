#!/usr/bin/env python3
"""Benchmarks of the form, through a pty (not a test; prints figures):

  (a) time from start to the first settled screen: the ARIAT questionnaire
      with a full draft (the United States' plan), beside
      `dialog --editbox FILE 20 70` on the same file, measured the same way;
  (b) bytes written to the terminal per typed character while typing a
      paragraph, median and maximum, beside dialog --editbox;
  (c) time per keystroke in the middle of a 1 MiB answer: from writing a
      key to the pty to the form's first byte of output (p50, p95, max);
  (d) the same in a 1 MiB Thai answer, typing Thai (issue 14);
  (e) a paste of 1 MiB (Thai, Chinese and English, bracketed and without
      the markers): from its first byte to the form's last byte of output,
      beside `cat > /dev/null` taking the same bytes through the same pty.

Usage: bench_form.py [BUILD_DIR]   (default: ./build, or $AP_BUILD_ROOT)
Targets (issue 3): (a) no slower than dialog; (b) median <= 4 bytes per
character; (c) and (d) p95 < 1 ms. (issue 12): (e) under a second."""

import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.abspath(os.path.join(HERE, "..", ".."))
BUILD = (sys.argv[1] if len(sys.argv) > 1 else
         os.environ.get("AP_BUILD_ROOT", os.path.join(SRC, "build")))
PROG = os.path.join(os.path.abspath(BUILD), "src", "cli", "actionplan")
ROWS, COLS = 24, 80

PARAGRAPH = (
    "The government has adopted a national plan against trafficking in "
    "persons that brings together the ministries of labour, justice, "
    "social welfare and foreign affairs, and sets out what each of them "
    "does to prevent trafficking, to protect and assist victims, and to "
    "prosecute traffickers. Provincial committees carry the plan out and "
    "report to a national committee twice a year.")


class Pty:
    def __init__(self, argv, env):
        pid, fd = pty.fork()
        if pid == 0:
            try:
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.total = 0

    def read_until_idle(self, idle, limit=15.0):
        """Reads until nothing came for `idle` seconds. Returns (bytes,
        time of the last byte)."""
        got = 0
        last = time.monotonic()
        end = last + limit
        while time.monotonic() < end:
            r, _, _ = select.select([self.fd], [], [], idle)
            if not r:
                break
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                break
            if not data:
                break
            got += len(data)
            last = time.monotonic()
        self.total += got
        return got, last

    def first_byte_after(self, data, limit=2.0):
        """Writes data; returns seconds until the first output byte."""
        t0 = time.perf_counter()
        os.write(self.fd, data)
        r, _, _ = select.select([self.fd], [], [], limit)
        t1 = time.perf_counter()
        if r:
            try:
                n = len(os.read(self.fd, 65536))
                self.total += n
            except OSError:
                pass
        return t1 - t0

    def close(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        os.close(self.fd)


def base_env(tmp, qn_dir):
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": tmp,
        "XDG_DATA_HOME": os.path.join(tmp, "data"),
        "ACTIONPLAN_QUESTIONNAIRES": qn_dir,
        "TERM": "xterm-256color",
        "LC_ALL": "C.UTF-8",
        "EDITOR": "false",
    }


def first_screen(argv, env, runs=5):
    times = []
    for _ in range(runs):
        t0 = time.monotonic()
        p = Pty(argv, env)
        _, last = p.read_until_idle(0.3)
        times.append(last - t0)
        p.close()
    return statistics.median(times), min(times)


def typing_bytes(argv, env, prelude, text):
    """Bytes written per typed character (after the prelude keys)."""
    p = Pty(argv, env)
    p.read_until_idle(0.3)
    for keys in prelude:
        os.write(p.fd, keys)
        p.read_until_idle(0.15)
    per = []
    for ch in text:
        os.write(p.fd, ch.encode())
        n, _ = p.read_until_idle(0.012)
        per.append(n)
    p.close()
    return per


def keystroke_times(argv, env, prelude, keys):
    p = Pty(argv, env)
    p.read_until_idle(0.5)
    for k in prelude:
        os.write(p.fd, k)
        p.read_until_idle(0.03)
    p.read_until_idle(0.3)
    times, cpu = [], []
    for k in keys:
        c0 = oncpu(p.pid)
        times.append(p.first_byte_after(k))
        p.read_until_idle(0.005)
        c1 = oncpu(p.pid)
        if c0 is not None and c1 is not None:
            cpu.append(c1 - c0)
    p.close()
    return times, cpu


def paste_time(argv, env, prelude, data):
    """Seconds from the paste's first byte to the last byte of output
    after it (writing and reading in turn, so that neither side blocks)."""
    p = Pty(argv, env)
    p.read_until_idle(0.5)
    for k in prelude:
        os.write(p.fd, k)
        p.read_until_idle(0.05)
    p.read_until_idle(0.3)
    t0 = time.monotonic()
    off = 0
    last = t0
    while off < len(data):
        r, w, _ = select.select([p.fd], [p.fd], [], 5)
        if r:
            try:
                if os.read(p.fd, 65536):
                    last = time.monotonic()
            except OSError:
                break
        if w:
            off += os.write(p.fd, data[off:off + 65536])
            last = max(last, time.monotonic())
    _, end = p.read_until_idle(0.3)
    p.close()
    return max(last, end) - t0


def oncpu(pid):
    """Seconds the process has run on a CPU (/proc/PID/schedstat, in ns):
    what a keystroke costs, whatever else the machine is doing."""
    try:
        with open("/proc/%d/schedstat" % pid) as f:
            return int(f.read().split()[0]) / 1e9
    except (OSError, ValueError, IndexError):
        return None


def pct(v, q):
    v = sorted(v)
    return v[min(len(v) - 1, int(round(q * (len(v) - 1))))]


def main():
    if not os.path.exists(PROG):
        sys.exit("build the program first: " + PROG)
    have_dialog = shutil.which("dialog") is not None
    tmp = tempfile.mkdtemp(prefix="ap-bench-")
    try:
        qn_dir = os.path.join(SRC, "questionnaires")
        env = base_env(tmp, qn_dir)
        full = os.path.join(tmp, "us.yaml")
        shutil.copy(os.path.join(SRC, "exports", "united-states-2000.yaml"), full)
        rows = []

        # (a) first settled screen.
        form_a = first_screen([PROG, "fill", full], env)
        rows.append(("(a) first settled screen, full ARIAT draft",
                     "%.1f ms" % (form_a[0] * 1000),
                     "%.1f ms" % (first_screen(["dialog", "--editbox", full, "20", "70"],
                                               env)[0] * 1000) if have_dialog else "-",
                     "no slower than dialog"))

        # (b) bytes per typed character, typing a paragraph into an empty
        # text answer (the Introduction of a new plan).
        empty = os.path.join(tmp, "new.yaml")
        per = typing_bytes([PROG, "fill", empty], env,
                           [b"\x07", b"intro\r"], PARAGRAPH)
        d_per = None
        if have_dialog:
            blank = os.path.join(tmp, "blank.txt")
            open(blank, "w").close()
            d_per = typing_bytes(["dialog", "--editbox", blank, "20", "70"], env,
                                 [], PARAGRAPH)
        rows.append(("(b) bytes per typed character, median",
                     "%d" % statistics.median(per),
                     "%d" % statistics.median(d_per) if d_per else "-", "<= 4"))
        rows.append(("    mean / max",
                     "%.1f / %d" % (statistics.mean(per), max(per)),
                     ("%.1f / %d" % (statistics.mean(d_per), max(d_per))) if d_per else "-",
                     ""))

        # (c) keystrokes in the middle of a 1 MiB answer. The ARIAT items
        # cap answers at 20,000 characters: a copy of the questionnaire
        # without the caps stands in (same id, found first).
        qn_big = os.path.join(tmp, "qn")
        os.mkdir(qn_big)
        with open(os.path.join(qn_dir, "ariat-2000.yaml"), encoding="utf-8") as f:
            q = "".join(l for l in f if "max_length:" not in l)
        with open(os.path.join(qn_big, "ariat-2000.yaml"), "w", encoding="utf-8") as f:
            f.write(q)
        env_big = dict(env, ACTIONPLAN_QUESTIONNAIRES=qn_big + ":" + qn_dir)
        para = ((PARAGRAPH + " ") * 3).strip()
        # (d) the same in Thai (issue 14): government prose whose lines
        # break between libthai's words, typing Thai.
        with open(os.path.join(SRC, "tests", "utext", "data",
                               "thai-government.txt"), encoding="utf-8") as f:
            thai = [p for p in f.read().split("\n") if p]
        english_keys = [c.encode() for c in ("middle of a megabyte " * 10)]
        thai_keys = [c.encode() for c in ("ผู้เสียหายได้รับความคุ้มครอง " * 7)]
        moves = [b"\x1bOD", b"\x1bOC", b"\x1bOA", b"\x1bOB"] * 10 + [b"\x7f"] * 20
        for tag, paras, typed in (("(c) 1 MiB answer", [para], english_keys),
                                  ("(d) 1 MiB Thai answer", thai, thai_keys)):
            big = os.path.join(tmp, "big.yaml")
            body, size, i = [], 0, 0
            while size < (1 << 20):
                text = paras[i % len(paras)]
                body.append("    " + text)
                body.append("")
                size += len(text.encode()) + 2
                i += 1
            with open(big, "w", encoding="utf-8") as f:
                f.write("format: actionplan-plan/1\nquestionnaire:\n  id: ariat-2000\n"
                        "  version: 1\nstatus: draft\nrevision: 0\n"
                        "details:\n  country: \"Benchland\"\nanswers:\n  introduction: |-\n")
                f.write("\n".join(body).rstrip() + "\n")
            # Go to the Introduction, then PgDn into the middle of the text.
            prelude = [b"\x07", b"intro\r"] + [b"\x1b[6~"] * 120
            keys = typed + moves
            # Three runs: the machine's load shows in single runs.
            runs = [keystroke_times([PROG, "fill", big], env_big, prelude, keys)
                    for _ in range(3)]
            for label, idx in (("CPU time", 1), ("wall, key to first byte", 0)):
                vals = [r[idx] for r in runs if r[idx]]
                if not vals:
                    continue
                p50 = statistics.median(pct(ts, 0.5) for ts in vals)
                p95 = statistics.median(pct(ts, 0.95) for ts in vals)
                mx = statistics.median(max(ts) for ts in vals)
                rows.append(("%s, %s: p50" % (tag, label),
                             "%.3f ms" % (p50 * 1000), "-", "(median of 3 runs)"))
                rows.append(("    p95 / max",
                             "%.3f / %.3f ms" % (p95 * 1000, mx * 1000), "-",
                             "p95 < 1 ms"))
        rows.append(("    (wall adds the pty and waiting for a CPU; load %.1f)"
                     % os.getloadavg()[0], "", "", ""))

        # (e) a paste of 1 MiB into the Introduction (no cap), bracketed
        # and as a terminal without bracketed paste sends it, beside cat.
        text = ("ผู้ใหญ่ช่วยเหลือ 打击人口贩运 " + PARAGRAPH + "\n") * 4000
        text = text.encode()[:1 << 20].decode("utf-8", "ignore").encode()
        new = os.path.join(tmp, "paste.yaml")
        for label, data in (("bracketed", b"\x1b[200~" + text + b"\x1b[201~"),
                            ("no markers", text)):
            if os.path.exists(new):
                os.unlink(new)
            t = statistics.median(
                paste_time([PROG, "fill", new], env_big,
                           [b"\x07", b"intro\r"], data) for _ in range(3))
            peer = statistics.median(
                paste_time(["sh", "-c", "stty raw -echo; exec cat >/dev/null"],
                           env, [], data) for _ in range(3))
            rows.append(("(e) 1 MiB paste, %s (median of 3)" % label,
                         "%.0f ms" % (t * 1000),
                         "cat: %.0f ms" % (peer * 1000), "< 1 s"))

        w = max(len(r[0]) for r in rows)
        print("%-*s  %-18s %-18s %s" % (w, "measure (80x24 pty)", "actionplan",
                                        "peer", "target"))
        for r in rows:
            print("%-*s  %-18s %-18s %s" % (w, r[0], r[1], r[2], r[3]))
        # The editor widget alone, in process (helper "editor"'s bench).
        eb = os.path.join(os.path.abspath(BUILD), "tests", "tui", "editor", "bench-editor")
        if os.access(eb, os.X_OK):
            print("\nthe editor widget alone (in process, %s):" % os.path.relpath(eb, SRC))
            sys.stdout.flush()
            os.spawnv(os.P_WAIT, eb, [eb])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
