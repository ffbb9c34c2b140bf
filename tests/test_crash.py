"""Crashes (issue 6): SIGKILL at random points of new, rm, mv and cp, each after the
command has started changing the store. Afterwards every command works, ``doctor --fix``
leaves every registered env healthy, and no env that was healthy before the crash is
lost. A few trials here; benchmarks/stress.py runs >= 30 with the same code
(crash_support.py)."""

from __future__ import annotations

import os
import random
import subprocess
import sys

import pytest

from crash_support import OPS, calibrate, crash_trial


@pytest.mark.parametrize("seed", [11, 12])
def test_sigkill_at_random_points_of_new_rm_mv_cp(sandbox, seed):
    rng = random.Random(seed)
    durations = calibrate(sandbox)
    # Kills drawn in the first half of what is left of each command once it has changed
    # the store, so that they land mid-command even on a machine busier than at calibration.
    trials = [crash_trial(sandbox, n, op, rng, max_delay=durations[op] / 2)
              for n, op in enumerate(OPS)]
    failures = [(t.args, t.delay, t.failures) for t in trials if t.failures]
    assert failures == []
    # The trials crashed something: a kill that lands after the command has finished
    # (or before it touched anything) tests nothing.
    assert any(t.killed for t in trials), [(t.args, t.delay) for t in trials]


def test_sigkill_just_after_the_reservation_is_cleaned_by_doctor(sandbox):
    """The earliest crash that leaves state: the name is reserved ("creating") and the
    process is gone. Not shown as healthy; doctor --fix removes it; the name is free."""
    sandbox.ok("new", "keep", "--no-pip")
    code = (
        "import os, sys\n"
        "from envman.create import CreateOptions, create_env\n"
        "from envman import backends\n"
        "from envman.store import Store\n"
        "def die(*a, **k):\n"
        "    os.kill(os.getpid(), 9)\n"
        "backends.create_venv = die\n"
        "create_env(Store.default(), 'half', CreateOptions(with_pip=False))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], env=sandbox.env)
    assert proc.returncode == -9
    ls = sandbox.ok("ls").stdout
    assert "half" in ls and "interrupted" in ls
    assert sandbox.run("doctor").returncode == 1
    assert sandbox.run("doctor", "--fix").returncode == 0
    assert sandbox.ok("ls", "-b").stdout == "keep\n"
    assert list((sandbox.store / ".envman").glob("aside/*")) == []
    sandbox.ok("new", "half", "--no-pip")
    assert os.path.isdir(sandbox.store / "half")
