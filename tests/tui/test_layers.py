#!/usr/bin/env python3
"""The form's files call each other in one direction (issue 15, point 3).

Reads the symbols of the tui library's objects with nm: which file defines
each global function and which files use it. Fails on any cycle between
files (a strongly connected set of more than one), when a widget (the
prompt, the full-screen lists) calls up into the screens or actions that
use it, or when anything calls the entry file (tui.c). The checks are
checked too: the graph must be big enough, and a known downward call
(the main loop into the item moves) must be seen.

Usage: test_layers.py LIBACTIONPLAN-TUI.a"""
import collections
import os
import shutil
import subprocess
import sys

import aptest

# Widgets: what the screens and actions open. They may use the painting,
# the key reader and each other's frame, never what opens them.
WIDGETS = {"list", "pager", "chooser", "picker", "dialogs"}
ABOVE_WIDGETS = {"nav", "form", "finish", "start", "review", "find",
                 "choice", "actions", "mouse", "sign", "tui"}


def graph(archive):
    out = subprocess.run(["nm", "-A", archive], check=True,
                         capture_output=True, text=True).stdout
    defs, uses = collections.defaultdict(set), collections.defaultdict(set)
    for line in out.splitlines():
        # "lib.a:member.c.o:0000000000000000 T name" or "...:  U name"
        head, _, rest = line.rpartition(".o:")
        member = os.path.basename(head).removesuffix(".c")
        f = rest.split()
        if len(f) == 3 and f[1] in "TDBR":
            defs[member].add(f[2])
        elif len(f) == 2 and f[0] == "U":
            uses[member].add(f[1])
    owner = {s: m for m, ss in defs.items() for s in ss}
    edges = collections.defaultdict(set)
    for m, ss in uses.items():
        for s in ss:
            if s in owner and owner[s] != m:
                edges[m].add(owner[s])
    return set(defs) | set(uses), edges


def cycles(nodes, edges):
    """Strongly connected sets of more than one file (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return found


def main():
    if shutil.which("nm") is None:
        aptest.skip("nm (binutils) is missing")
    nodes, edges = graph(sys.argv[1])
    n_edges = sum(len(v) for v in edges.values())
    print(f"{len(nodes)} files, {n_edges} calls between files")
    aptest.check(len(nodes) >= 20 and n_edges >= 60,
                 "nm's output was read: at least 20 files and 60 calls",
                 f"{len(nodes)} files, {n_edges} calls")
    aptest.check("nav" in edges.get("form", set()),
                 "form.c's calls into nav.c are seen")
    for comp in cycles(nodes, edges):
        aptest.fail("these files call each other in a circle: " +
                    ", ".join(comp))
    for w in sorted(WIDGETS & nodes):
        for up in sorted(edges[w] & ABOVE_WIDGETS):
            aptest.fail(f"the widget {w}.c calls up into {up}.c")
    for m in sorted(nodes):
        if "tui" in edges[m]:
            aptest.fail(f"{m}.c calls the entry file tui.c")
    aptest.finish()


if __name__ == "__main__":
    main()
