"""Crashes: SIGKILL at random points of new, rm, mv and cp, each after the
command has started changing the store. Afterwards every command works, ``doctor --fix``
leaves every registered env healthy, and no env that was healthy before the crash is
lost. A few trials here; benchmarks/stress.py runs >= 30 with the same code
(tests/support/crash.py)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import pytest

from tests.support.crash import (
    HYGIENE_OPS,
    OPS,
    calibrate,
    calibrate_hygiene,
    crash_trial,
    hygiene_crash_trial,
    sigkill_inside_create,
    site_marks,
    start_and_watch,
    sync_trial,
)


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


@pytest.mark.slow
@pytest.mark.parametrize("seed", [21, 22])
def test_sigkill_during_prune_and_restore_loses_no_env(sandbox, seed):
    """A prune or restore killed at a random point: every env that was healthy before
    is afterwards in the store or restorable from the trash, and comes back healthy."""
    rng = random.Random(seed)
    durations = calibrate_hygiene(sandbox)
    trials = [hygiene_crash_trial(sandbox, n, op, rng, max_delay=durations[op])
              for n, op in enumerate(HYGIENE_OPS * 2)]
    failures = [(t.args, t.delay, t.failures) for t in trials if t.failures]
    assert failures == []
    assert any(t.killed for t in trials), [(t.args, t.delay) for t in trials]


def test_sigkill_just_after_the_reservation_is_cleaned_by_doctor(sandbox):
    """The earliest crash that leaves state: the name is reserved ("creating") and the
    process is gone. Not shown as healthy; doctor --fix removes it; the name is free."""
    sandbox.ok("new", "keep", "--no-pip")
    sigkill_inside_create(sandbox, "half", after_venv=False)
    ls = sandbox.ok("ls").stdout
    assert "half" in ls and "interrupted" in ls
    assert sandbox.run("doctor").returncode == 1
    assert sandbox.run("doctor", "--fix").returncode == 0
    assert sandbox.ok("ls", "-b").stdout == "keep\n"
    assert list((sandbox.store / ".envman").glob("aside/*")) == []
    sandbox.ok("new", "half", "--no-pip")
    assert os.path.isdir(sandbox.store / "half")


KILL_AT_REGISTRY_SAVE = (
    "import os, sys\n"
    "from envman import registry\n"
    "def die(self, records):\n"
    "    os.kill(os.getpid(), 9)\n"
    "registry.Registry._save = die\n"
    "from envman.__main__ import main\n"
    "sys.argv = ['envman', *sys.argv[1:]]\n"
    "main()\n"
)


def test_sigkill_between_the_move_and_the_registry_save(sandbox):
    """The widest window of prune and restore: the env has moved, the registry is not
    saved yet. (The kill is real; Registry._save is replaced only to place it there.)
    After a prune killed there the env is in the trash and its stale entry does not
    block restore; after a restore killed there the env is back in the store."""
    sandbox.ok("new", "a", "--no-pip")
    sandbox.ok("new", "keep", "--no-pip")
    (sandbox.store / ".envman" / "used").mkdir(exist_ok=True)
    (sandbox.store / ".envman" / "used" / "keep").touch()
    killed = subprocess.run([sys.executable, "-c", KILL_AT_REGISTRY_SAVE, "prune", "--unused",
                             "0", "--yes"], env=sandbox.env, capture_output=True, check=False)
    assert killed.returncode == -9
    assert not (sandbox.store / "a").exists()
    sandbox.ok("restore", "a")
    assert sandbox.ok("ls", "-b").stdout == "a\nkeep\n"
    assert "ok" in sandbox.ok("show", "a").stdout

    sandbox.ok("prune", "--unused", "0", "--yes")
    killed = subprocess.run([sys.executable, "-c", KILL_AT_REGISTRY_SAVE, "restore", "a"],
                            env=sandbox.env, capture_output=True, check=False)
    assert killed.returncode == -9
    assert (sandbox.store / "a" / "pyvenv.cfg").is_file()
    assert sandbox.ok("ls", "-b").stdout == "a\nkeep\n"
    shown = json.loads(sandbox.ok("show", "a", "--json").stdout)
    assert shown["health"] == "ok"  # back, and adopted by the next registry write


@pytest.mark.slow
def test_sigkill_during_sync_loses_no_env(sandbox, wheels, tmp_path):
    """sync installs and uninstalls inside a live env: killed at random points, the env
    stays healthy, no other env is touched, and sync run again finishes the job."""
    import time

    sandbox.env["UV_OFFLINE"] = "1"
    a1, a2, b = (next(wheels.glob(f"envman_demo_{p}-*.whl")) for p in ("a-1.0", "a-2.0", "b"))
    sandbox.ok("new", "s", "-i", str(a1), "-i", str(b))
    sandbox.ok("new", "t", "-i", str(a2))
    locks = [tmp_path / "pylock.s.toml", tmp_path / "pylock.t.toml"]
    sandbox.ok("lock", "s", "-o", str(locks[0]))
    sandbox.ok("lock", "t", "-o", str(locks[1]))
    # How long a sync runs here after its first change to the env.
    proc, changed = start_and_watch(sandbox, ["sync", "s", str(locks[1])],
                                    marks=site_marks(sandbox.store / "s"))
    assert proc.wait() == 0
    took = time.monotonic() - changed
    sandbox.ok("sync", "s", str(locks[0]))
    rng = random.Random(5)
    trials = [sync_trial(sandbox, n, "s", locks[(n + 1) % 2], rng, max_delay=took)
              for n in range(4)]
    assert [(t.args, t.delay, t.failures) for t in trials if t.failures] == []
    assert any(t.killed for t in trials), [(t.args, t.delay) for t in trials]
