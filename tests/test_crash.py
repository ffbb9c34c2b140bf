"""Crashes (issue 6): SIGKILL at random points of new, rm, mv and cp. Afterwards every
command works, ``doctor --fix`` leaves every registered env healthy, and no env that was
healthy before the crash is lost. A few trials here; benchmarks/stress.py runs >= 30 with
the same code (crash_trial)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from stress import OPS, calibrate, crash_trial  # noqa: E402


@pytest.mark.parametrize("seed", [11, 12])
def test_sigkill_at_random_points_of_new_rm_mv_cp(sandbox, seed):
    rng = random.Random(seed)
    durations = calibrate(sandbox)
    trials = [crash_trial(sandbox, n, op, rng, max_delay=durations[op],
                          min_delay=durations["startup"])
              for n, op in enumerate(OPS)]
    failures = [(t.args, t.delay, t.failures) for t in trials if t.failures]
    assert failures == []


def test_sigkill_just_after_the_reservation_is_cleaned_by_doctor(sandbox):
    """The earliest crash that leaves state: the name is reserved ("creating") and the
    process is gone. Not shown as healthy; doctor --fix removes it; the name is free."""
    import os
    import subprocess

    sandbox.ok("new", "keep", "--no-pip")
    code = (
        "import os, sys\n"
        "from envman.core import CreateOptions, create_env\n"
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
