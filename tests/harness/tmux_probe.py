"""Runs inside tmux (aptest.tmux_widths): prints each string of a JSON
list at the start of a cleared line, asks the terminal where the cursor is
(DSR, ESC [ 6 n) and writes the columns moved, as a JSON list, to the
output file."""

import json
import os
import re
import sys
import termios
import tty


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        strings = json.load(f)
    fd = sys.stdin.fileno()
    old = termios.tcgetattr(fd)
    tty.setraw(fd)
    out = []
    try:
        for s in strings:
            os.write(1, b"\r\x1b[2K" + s.encode("utf-8") + b"\x1b[6n")
            buf = b""
            while not re.search(rb"\x1b\[\d+;\d+R", buf):
                buf += os.read(fd, 64)
            m = re.search(rb"\x1b\[(\d+);(\d+)R", buf)
            out.append(int(m.group(2)) - 1)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, old)
    tmp = sys.argv[2] + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(out, f)
    os.rename(tmp, sys.argv[2])


if __name__ == "__main__":
    main()
