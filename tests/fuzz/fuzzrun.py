"""Running the libFuzzer targets of a -Dfuzzing=true build, shared by the
CI run (ci.py) and the long campaigns (campaign.py): which targets there
are, their flags and dictionaries, and what a run did."""

import os
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.abspath(os.path.join(HERE, '..', '..'))
FLAGS = ['-max_len=65536', '-timeout=5', '-rss_limit_mb=2048',
         '-print_final_stats=1']
# Targets whose inputs are YAML files.
YAML_TARGETS = ('plan', 'qn', 'export')


def targets(build):
    """Every fuzz target built (fuzz-NAME), by name: a target added to
    tests/fuzz/meson.build is run without being listed anywhere else."""
    d = os.path.join(build, 'tests', 'fuzz')
    names = []
    for n in sorted(os.listdir(d)) if os.path.isdir(d) else []:
        p = os.path.join(d, n)
        if n.startswith('fuzz-') and not n.startswith('fuzz-replay-') \
                and os.path.isfile(p) and os.access(p, os.X_OK):
            names.append(n[len('fuzz-'):])
    return names


def dictionary(t):
    own = os.path.join(HERE, t + '.dict')
    if os.path.exists(own):
        return own
    return os.path.join(HERE, 'yaml.dict') if t in YAML_TARGETS else None


def run(build, t, seconds, scratch, seeds):
    """Runs target t for seconds: new inputs into scratch/t, the seeds
    (folders) read; problem inputs saved as scratch/t-crash-..., -timeout-,
    -oom-. Returns executions, seconds, problem inputs, the log's path."""
    exe = os.path.join(build, 'tests', 'fuzz', 'fuzz-' + t)
    work = os.path.join(scratch, t)
    os.makedirs(work, exist_ok=True)
    env = dict(os.environ, AP_SOURCE_ROOT=SRC)
    log = os.path.join(scratch, 'log-%s.txt' % t)
    d = dictionary(t)
    with open(log, 'w') as f:
        r = subprocess.run([exe] + (['-dict=' + d] if d else []) +
                           ['-max_total_time=%d' % seconds,
                            '-artifact_prefix=' + os.path.join(scratch,
                                                               t + '-')]
                           + FLAGS + [work] + list(seeds), stdout=f,
                           stderr=f, env=env)
    text = open(log, errors='replace').read()
    m = re.search(r'stat::number_of_executed_units: (\d+)', text)
    execs = int(m.group(1)) if m else 0
    m = re.search(r'Done \d+ runs in (\d+) second', text)
    if m:
        secs = int(m.group(1))
    else:
        # Stopped by a crash: the last rate gives the time it ran.
        rates = re.findall(r'exec/s: (\d+)', text)
        secs = execs // max(1, int(rates[-1])) if rates else seconds
    found = sorted(n for n in os.listdir(scratch)
                   if n.startswith(t + '-') and not n.startswith(t + '-log'))
    if r.returncode != 0 and not found:
        found = ['exit status %d (see %s)' % (r.returncode, log)]
    return {'executions': execs, 'seconds': secs, 'problems': found,
            'log': log}
