#!/usr/bin/env python3
"""The kill test: through a pty, type known text into the form at a
realistic pace (bursts of keys, pauses), send SIGKILL at a random
(seeded) moment, then check the draft on disk: it parses, it is whole (the
other answers and the header are intact), its answer is a prefix of what
was typed, it never goes back behind a save seen earlier, and what is
missing was typed within the autosave window before the kill.

Environment: AP_KILL_TRIALS (default 200), AP_KILL_SECONDS (time bound,
default 90), AP_KILL_JOBS (forms at once, default 6), AP_KILL_SEED
(default 2000), AP_KILL_MAX_WINDOW_MS (largest loss window allowed,
default 4000: the form saves 2 s after a change, or after 1 s idle, and a
loaded machine adds delay)."""

import concurrent.futures
import os
import random
import signal
import threading
import time

import aptest
from aptest import plan_yaml

import yaml  # noqa: E402

WORDS = ('trafficking prevention shelters hotline training police border '
         'victims ministry cooperation education campaign law court '
         'protection reintegration NGO budget data survey école Tiếng '
         'การค้ามนุษย์ 打击人口贩运 año').split()
DETAILS = {'country': 'Ruritania', 'date': '2000-01',
           'agency': 'Ministry of Kills'}
ANSWERS = {'prevention.1': 'An answer that must survive every kill.\n\n'
           'Second paragraph.', 'prevention.6': 'yes'}


def make_text(rnd, n_words=120):
    out = []
    for i in range(n_words):
        out.append(rnd.choice(WORDS))
        out.append('\n' if rnd.random() < 0.06 else ' ')
    return ''.join(out)


class Trial:
    def __init__(self, n, seed, root):
        self.n = n
        self.rnd = random.Random(seed * 100003 + n)
        self.dir = os.path.join(root, 't%03d' % n)
        os.makedirs(os.path.join(self.dir, 'home'))
        self.path = os.path.join(self.dir, 'plan.yaml')
        with open(self.path, 'w', encoding='utf-8') as f:
            f.write(plan_yaml(details=DETAILS, answers=ANSWERS))
        self.text = make_text(self.rnd)
        self.typed = []      # (monotonic time, character)
        self.out = bytearray()
        self.saved_max = 0   # longest answer seen on disk while typing
        self.saves_seen = 0
        self.problems = []

    def env(self):
        return aptest.env(os.path.join(self.dir, 'home'),
                          TERM='xterm-256color')

    def pump(self, fd, secs):
        """Keeps what the form draws for secs seconds."""
        aptest.read_until(fd, None, self.out, secs)

    def wait_for(self, fd, what, secs=10):
        return what in aptest.read_until(fd, what, self.out, secs)

    def poll_disk(self):
        """A save seen on disk during typing: the answer may only grow."""
        try:
            with open(self.path, 'rb') as f:
                doc = yaml.safe_load(f.read().decode('utf-8'))
        except Exception as e:  # a reader must never see a broken file
            self.problems.append('draft unreadable while typing: %r' % e)
            return
        a = ((doc or {}).get('answers') or {}).get('introduction') or ''
        if len(a) > self.saved_max:
            self.saved_max = len(a)
            self.saves_seen += 1

    def run(self):
        pid, fd = aptest.spawn_pty(['fill', self.path], self.env())
        try:
            if not self.wait_for(fd, b'Plan details'):
                self.problems.append('the form did not start')
                return
            os.write(fd, b'\x07')
            self.wait_for(fd, b'Go to')
            os.write(fd, b'intro\r')
            if not self.wait_for(fd, b'Describe'):
                self.problems.append('could not go to the introduction')
                return
            self.pump(fd, 0.1)
            start = time.monotonic()
            kill_at = start + self.rnd.uniform(0.05, 4.0)
            i = 0
            while time.monotonic() < kill_at and i < len(self.text):
                burst = self.rnd.randint(1, 40)
                for _ in range(burst):
                    if i >= len(self.text) or time.monotonic() >= kill_at:
                        break
                    ch = self.text[i]
                    os.write(fd, b'\r' if ch == '\n' else ch.encode())
                    self.typed.append((time.monotonic(), ch))
                    i += 1
                    self.pump(fd, self.rnd.uniform(0.005, 0.04))
                pause = self.rnd.choice((0.05, 0.2, 0.5, 1.2, 1.6))
                self.pump(fd, min(pause, max(0, kill_at - time.monotonic())))
                self.poll_disk()
            self.killed_at = time.monotonic()
            os.kill(pid, signal.SIGKILL)
        finally:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(pid, 0)
            os.close(fd)
        self.check_disk()

    def check_disk(self):
        typed = ''.join(c for _, c in self.typed)
        try:
            with open(self.path, 'rb') as f:
                raw = f.read()
            doc = yaml.safe_load(raw.decode('utf-8'))
        except Exception as e:
            self.problems.append('the draft does not parse: %r' % e)
            return
        if not isinstance(doc, dict) or doc.get('format') != \
                'actionplan-plan/1':
            self.problems.append('the draft is not a whole plan: %r' % raw)
            return
        if doc.get('details') != DETAILS or any(
                (doc.get('answers') or {}).get(k) != v
                for k, v in ANSWERS.items()):
            self.problems.append('other answers changed (mixed file)')
        a = (doc.get('answers') or {}).get('introduction') or ''
        if typed[:len(a)] != a:
            self.problems.append('the answer is not a prefix of the typing:'
                                 '\n  typed %r\n  saved %r' % (typed, a))
            return
        if len(a) < self.saved_max:
            self.problems.append('the draft went back: %d characters were '
                                 'on disk, %d now' % (self.saved_max, len(a)))
        self.saved = len(a)
        self.lost_chars = len(typed) - len(a)
        self.lost_ms = (self.killed_at - self.typed[len(a)][0]) * 1000 \
            if self.lost_chars else 0.0
        self.bytes_lost = max(0, self.saved_max - len(a))
        self.temp_left = [n for n in os.listdir(self.dir)
                          if n.startswith('.plan.yaml.')]
        # The program itself must read the draft.
        r = aptest.run(['check', self.path], env=self.env(), timeout=30)
        if r.returncode != 0:
            self.problems.append('actionplan check refuses the draft: %s'
                                 % r.stderr.decode('utf-8', 'replace'))


def main():
    aptest.need_program()
    p = aptest.Proof('kill')
    trials = int(os.environ.get('AP_KILL_TRIALS', '200'))
    budget = float(os.environ.get('AP_KILL_SECONDS', '90'))
    jobs = int(os.environ.get('AP_KILL_JOBS', '6'))
    seed = int(os.environ.get('AP_KILL_SEED', '2000'))
    max_window = float(os.environ.get('AP_KILL_MAX_WINDOW_MS', '4000'))
    root = os.path.join(p.tmp, 'trials')
    os.makedirs(root)
    # A trial lasts at most about 4 s of typing plus start-up.
    deadline = time.monotonic() + max(budget - 8, 5)
    done = []
    lock = threading.Lock()

    def one(n):
        if time.monotonic() > deadline:
            return None
        t = Trial(n, seed, root)
        t.run()
        with lock:
            done.append(t)
        return t

    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
        list(ex.map(one, range(trials)))
    elapsed = time.monotonic() - t0
    done.sort(key=lambda t: t.n)
    ran = [t for t in done if hasattr(t, 'saved') or t.problems]
    bad = [t for t in done if t.problems]
    for t in bad[:10]:
        p.check(False, 'trial %d (seed %d)' % (t.n, seed),
                '\n'.join(t.problems))
    whole = [t for t in done if hasattr(t, 'saved')]
    worst = max(whole, key=lambda t: t.lost_ms, default=None)
    worst_chars = max((t.lost_chars for t in whole), default=0)
    lost = sum(t.bytes_lost for t in whole)
    typed = sum(len(t.typed) for t in done)
    saves = sum(t.saves_seen for t in done)
    temps = sum(len(t.temp_left) for t in whole)
    p.check(len(ran) >= min(trials, 20), '%d trials ran (at least %d)'
            % (len(ran), min(trials, 20)))
    p.check(not bad, 'every draft parsed, was whole, and held a prefix of '
            'the typing (%d bad of %d)' % (len(bad), len(ran)))
    p.check(lost == 0, 'no saved text was ever lost (bytes lost: %d)' % lost)
    p.check(worst is None or worst.lost_ms <= max_window,
            'the loss window stays within %d ms (largest %.0f ms)'
            % (max_window, worst.lost_ms if worst else 0))
    print('kill test: %d trials, largest loss window %d characters '
          '(%.0f ms); %d characters typed, %d saves seen while typing, '
          'bytes lost: %d, temporary files left by SIGKILL: %d; '
          '%.0f s, seed %d'
          % (len(ran), worst_chars, worst.lost_ms if worst else 0, typed,
             saves, lost, temps, elapsed, seed))
    p.write_figures(trials=len(ran), largest_loss_chars=worst_chars,
                    largest_loss_ms=round(worst.lost_ms) if worst else 0,
                    characters_typed=typed, saves_seen=saves,
                    bytes_lost=lost, temp_files_left=temps, seed=seed,
                    seconds=round(elapsed, 1))
    p.finish()


if __name__ == '__main__':
    main()
