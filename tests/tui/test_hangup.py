"""Never lose a keystroke: SIGHUP in the middle of typing saves at once
(before autosave would), as do SIGTERM and SIGINT; a terminal that goes
away while SIGHUP is blocked (read errors) saves and exits instead of
spinning; resuming finds every character."""

import os
import shutil
import subprocess
import signal
import sys
import time
import unicodedata

import aptest
from aptest import answer, load_yaml

TH = "การค้ามนุษย์เป็นปัญหาร้ายแรง ผู้ใหญ่และเด็ก"
VI = unicodedata.normalize("NFD", "Phòng chống mua bán người")
ZH = "打击人口贩运"


def open_intro(t):
    t.wait("Country")
    t.keys("C-g")
    t.wait("Go to:")
    t.type("intro")
    t.keys("Enter")
    t.wait("Describe trafficking")


def type_and_signal(t, text, sig, path):
    """Types text, waits only until the screen shows its end, then sends
    sig at once: the save must come from the signal path."""
    t.type(text)
    t.wait(text[-12:])
    before = open(path, "rb").read() if os.path.exists(path) else b""
    t.kill(sig)
    st = t.wait_exit()
    # The text was not on disk before the signal (no autosave yet).
    assert text.encode() not in before
    return st


def main(tmp, make):
    path = os.path.join(tmp, "plan.yaml")

    # 1. SIGHUP while typing: every character is in the draft.
    t = make()
    t.start("fill", path)
    open_intro(t)
    t.type("First line.")
    t.keys("Enter")
    text1 = TH + " " + VI + " " + ZH + " typed just before the line dropped"
    st = type_and_signal(t, text1, signal.SIGHUP, path)
    assert st == 0, st
    doc = load_yaml(path)
    assert answer(doc, "introduction") == "First line.\n" + text1
    assert not os.path.exists(path + ".lock")

    # 2. Resume: every character is there, and the cursor keeps typing.
    t2 = make()
    t2.start("fill", path)
    open_intro(t2)
    t2.wait(ZH)
    t2.wait(VI.split()[0])
    t2.keys("C-q")
    assert t2.wait_exit() == 0
    assert answer(load_yaml(path), "introduction") == "First line.\n" + text1

    # 3. SIGTERM and SIGINT save the same way.
    for n, sig in enumerate((signal.SIGTERM, signal.SIGINT)):
        t3 = make()
        t3.start("fill", path)
        open_intro(t3)
        t3.keys(*(["Down"] * 6 + ["End"]))
        extra = " +%s%d" % (ZH, n)
        type_and_signal(t3, extra, sig, path)
        got = answer(load_yaml(path), "introduction")
        assert got.endswith(extra), repr(got[-40:])

    # 4. The terminal goes away while SIGHUP is blocked: reads fail
    # (EIO), the form saves and exits; it does not spin.
    blocker = [sys.executable, "-c",
               "import os, signal, sys; "
               "signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGHUP]); "
               "os.execv(sys.argv[1], sys.argv[1:])"]
    t4 = make()
    t4.start("fill", path, wrapper=blocker)
    open_intro(t4)
    t4.keys(*(["Down"] * 6 + ["End"]))
    extra = " gone-" + TH
    t4.type(extra)
    t4.wait(extra[-10:])
    pid = t4.pid()
    t4.close()  # kills the tmux server: the pty's master closes
    end = time.monotonic() + 8
    while os.path.exists("/proc/%d" % pid) and time.monotonic() < end:
        with open("/proc/%d/stat" % pid) as f:
            if f.read().split(") ")[1].split()[0] == "Z":
                break
        time.sleep(0.02)
    assert not os.path.exists("/proc/%d/cmdline" % pid) or \
        open("/proc/%d/stat" % pid).read().split(") ")[1][0] == "Z", \
        "the form still runs after its terminal went away"
    got = answer(load_yaml(path), "introduction")
    assert got.endswith(extra), repr(got[-40:])
    assert not os.path.exists(path + ".lock")

    # 5. A failing disk (fsync fails, through libfiu): the status line
    # says so, the text stays, the next tick retries; quitting asks.
    asan = b"libasan" in subprocess.run(["ldd", aptest.PROG], stdout=subprocess.PIPE).stdout
    if shutil.which("fiu-run") and shutil.which("fiu-ctrl") and not asan:
        ctl = os.path.join(tmp, "fiu")
        p5 = os.path.join(tmp, "disk.yaml")
        t5 = make()
        t5.start("fill", p5, wrapper=["fiu-run", "-x", "-f", ctl])
        t5.wait("Country")
        # A line of text (the country is picked from a list).
        aptest.goto_agency(t5)
        t5.type("Laos")
        t5.keys("C-s")
        t5.wait("Saved.")

        def fiu(cmd):
            subprocess.run(["fiu-ctrl", "-f", ctl, "-c", cmd, str(t5.pid())], check=True)

        fiu("enable name=posix/io/sync/fsync")
        t5.type(" Cambodia")
        t5.wait("not saved:")
        assert answer(load_yaml(p5), "agency") == "Laos"
        fiu("disable name=posix/io/sync/fsync")
        t5.wait_gone("not saved:")
        assert answer(load_yaml(p5), "agency") == "Laos Cambodia"
        fiu("enable name=posix/io/sync/fsync")
        t5.type("!")
        t5.keys("C-q")
        t5.wait("Quit anyway and lose the changes?")
        t5.type("no")
        t5.keys("Enter")
        t5.wait_gone("Quit anyway")
        fiu("disable name=posix/io/sync/fsync")
        t5.keys("C-q")
        assert t5.wait_exit() == 0
        assert answer(load_yaml(p5), "agency") == "Laos Cambodia!"
    else:
        print("fiu-utils missing or ASan build: failing-disk part skipped")


aptest.with_terms(main)
