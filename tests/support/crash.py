"""SIGKILL crash trials, shared by tests/test_crash.py (a few trials) and
benchmarks/stress.py (>= 30): one copy of the trial and of the checks after it.

A trial starts one of new, rm, mv or cp, waits until the command has changed the store
(its first write: the registry's bytes, or an entry appearing in or leaving the store or
the aside dir), then SIGKILLs its whole process group (so that no orphaned uv keeps
writing) after a random delay drawn up to the command's measured remaining run time.
So every kill that lands, lands mid-command, after state exists to be left half-done.
sync changes one env's packages rather than the store, so its trial waits for the first
change in that env's site-packages instead.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .boxes import ENVMAN, Sandbox

OPS = ("new", "rm", "mv", "cp")


@dataclass
class Trial:
    number: int
    op: str
    args: list[str]
    delay: float  # seconds between the command's first change to the store and the kill
    killed: bool = False  # False: the command finished before the signal
    repaired: list[str] = field(default_factory=list)  # what doctor --fix found and fixed
    failures: list[str] = field(default_factory=list)


def listed(sb: Sandbox) -> dict[str, dict]:
    proc = sb.run("ls", "--json")
    if proc.returncode != 0:
        raise AssertionError(f"ls failed: {proc.stderr.strip()}")
    return {e["name"]: e for e in json.loads(proc.stdout)}


def healthy(entries: dict[str, dict]) -> set[str]:
    return {n for n, e in entries.items() if e["state"] == "ready" and e["health"] == "ok"}


def store_marks(store: Path) -> tuple:
    """What a store-changing command touches first, cheaply: the registry's bytes and the
    names in the store, the aside dir and the trash (lock files, which waiting creates,
    are not state)."""
    def names(path: Path) -> frozenset:
        try:
            return frozenset(os.listdir(path))
        except OSError:
            return frozenset()
    try:
        registry = (store / ".envman" / "registry.toml").read_bytes()
    except OSError:
        registry = b""
    return (registry, names(store), names(store / ".envman" / "aside"),
            names(store / ".envman" / "trash"))


def site_marks(env: Path) -> Callable[[], frozenset]:
    """What sync touches first: the names in the env's site-packages (it changes
    packages inside one env, not the store)."""
    site = next(env.glob("lib/python*/site-packages"))
    return lambda: frozenset(os.listdir(site))


def start_and_watch(sb: Sandbox, args: list[str], timeout: float = 120,
                    marks: Callable[[], object] | None = None) -> tuple[subprocess.Popen, float]:
    """Start ``envman ARGS`` in its own process group; return once it has changed the
    store (or what ``marks`` watches), or exited, with the time of that moment."""
    marks = marks or (lambda: store_marks(sb.store))
    before = marks()
    proc = subprocess.Popen([*ENVMAN, *args], env=sb.env, cwd=sb.home, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while proc.poll() is None and marks() == before and time.monotonic() < deadline:
        time.sleep(0.002)
    return proc, time.monotonic()


def calibrate(sb: Sandbox) -> dict[str, float]:
    """How long each command runs here, unkilled, after its first change to the store:
    kill delays are drawn up to that, so that most trials die mid-command."""
    steps = {"new": ["new", "cal0"], "cp": ["cp", "cal0", "cal1"], "mv": ["mv", "cal1", "cal2"],
             "rm": ["rm", "-y", "cal2"]}
    took = {op: _run_after_first_change(sb, args) for op, args in steps.items()}
    sb.ok("rm", "-y", "cal0")
    return took


def _run_after_first_change(sb: Sandbox, args: list[str]) -> float:
    """How long ``envman ARGS`` runs after its first change to the store."""
    proc, changed = start_and_watch(sb, args)
    if proc.wait() != 0:
        raise AssertionError(f"envman {' '.join(args)} failed while calibrating")
    return time.monotonic() - changed


def _pick_args(op: str, number: int, pool: list[str], rng: random.Random) -> list[str]:
    if op == "new":
        return ["new", f"n{number}"]
    source = rng.choice(pool)
    if op == "rm":
        return ["rm", "-y", source]
    if op == "mv":
        return ["mv", source, f"m{number}"]
    return ["cp", source, f"c{number}"]


def crash_trial(sb: Sandbox, number: int, op: str, rng: random.Random, max_delay: float) -> Trial:
    before = healthy(listed(sb))
    pool = sorted(before)
    while len(pool) < 3:  # keep a few envs to remove, rename and copy
        name = f"base{number}x{len(pool)}"
        sb.ok("new", name)
        pool.append(name)
        before.add(name)
    args = _pick_args(op, number, pool, rng)
    trial = Trial(number, op, args, round(rng.uniform(0, max_delay), 3))

    proc, _ = start_and_watch(sb, args)
    kill_after_delay(proc, trial)
    check_after_crash(sb, trial, before)
    return trial


def kill_after_delay(proc: subprocess.Popen, trial: Trial) -> None:
    try:
        proc.wait(timeout=trial.delay)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        trial.killed = True
        proc.wait()
    else:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # a finished command's stray children
        except ProcessLookupError:
            pass


def sync_trial(sb: Sandbox, number: int, name: str, target: Path, rng: random.Random,
               max_delay: float) -> Trial:
    """SIGKILL ``envman sync NAME TARGET`` after its first change to the env's packages.
    Afterwards the store checks of every trial hold, and running the same sync again
    finishes the job: the env matches the file."""
    before = healthy(listed(sb))
    args = ["sync", name, str(target)]
    trial = Trial(number, "sync", args, round(rng.uniform(0, max_delay), 3))
    proc, _ = start_and_watch(sb, args, marks=site_marks(sb.store / name))
    kill_after_delay(proc, trial)
    check_after_crash(sb, trial, before)
    again = sb.run(*args)
    if again.returncode != 0:
        trial.failures.append(f"sync again after the crash: {again.stderr.strip()}")
    elif sb.run("diff", name, str(target)).returncode != 0:
        trial.failures.append(f"{name} does not match {target} after sync ran again")
    return trial


def check_after_crash(sb: Sandbox, trial: Trial, before: set[str]) -> None:
    fail = trial.failures.append
    # Every command still works on the crashed store, before any repair.
    try:
        listed(sb)
    except AssertionError as exc:
        fail(str(exc))
    for args in (["new", f"probe{trial.number}", "--no-pip"], ["rm", "-y", f"probe{trial.number}"]):
        proc = sb.run(*args)
        if proc.returncode != 0:
            fail(f"envman {' '.join(args)} after the crash: {proc.stderr.strip()}")
    # doctor --fix brings it back to health.
    fixed = sb.run("doctor", "--fix", "--json")
    if fixed.returncode != 0:
        fail(f"doctor --fix left problems: {fixed.stdout.strip()[-600:]}")
    try:
        trial.repaired = [f["kind"] for f in json.loads(fixed.stdout)["findings"] if f["fixed"]]
    except (ValueError, KeyError):
        fail(f"doctor --fix --json printed no JSON: {fixed.stdout[-300:]}")
    again = sb.run("doctor", "--json")
    if again.returncode != 0:
        fail(f"doctor after --fix: {again.stdout.strip()[-600:]}")
    after = listed(sb)
    sick = {n: (e["state"], e["health"], e["problems"]) for n, e in after.items()
            if e["state"] != "ready" or e["health"] != "ok"}
    if sick:
        fail(f"registered envs not healthy after doctor --fix: {sick}")
    # Nothing that was healthy before was lost.
    expected_gone: set[str] = set()
    if trial.op == "rm":
        expected_gone = {trial.args[-1]}
    for name in sorted(before - expected_gone):
        if name in after:
            continue
        if trial.op == "mv" and name == trial.args[1] and trial.args[2] in after:
            continue  # renamed
        fail(f"{name} was healthy before the trial and is gone")


# -- prune and restore (the trash) ----------------------------------------------------------
HYGIENE_OPS = ("prune", "restore")
PRUNE = ["prune", "--unused", "0", "--yes"]


def trash_json(sb: Sandbox) -> list[dict]:
    proc = sb.run("trash", "--json")
    if proc.returncode != 0:
        raise AssertionError(f"trash failed: {proc.stderr.strip()}")
    return json.loads(proc.stdout)


def mark_used(sb: Sandbox, names: list[str]) -> None:
    """Mark envs as entered by a shell's workon just now: prune keeps them."""
    used = sb.store / ".envman" / "used"
    used.mkdir(parents=True, exist_ok=True)
    for name in names:
        (used / name).touch()


def unmark_used(sb: Sandbox, names: list[str]) -> None:
    for name in names:
        try:
            (sb.store / ".envman" / "used" / name).unlink()
        except FileNotFoundError:
            pass


def calibrate_hygiene(sb: Sandbox) -> dict[str, float]:
    """How long prune --yes (of two envs) and restore run here after their first change."""
    for name in ("cal0", "cal1"):
        sb.ok("new", name)
    took = {op: _run_after_first_change(sb, args)
            for op, args in (("prune", PRUNE), ("restore", ["restore", "cal0"]))}
    sb.ok("rm", "-y", "cal0")
    sb.ok("trash", "--empty")
    return took


def hygiene_crash_trial(sb: Sandbox, number: int, op: str, rng: random.Random,
                        max_delay: float) -> Trial:
    """SIGKILL during `prune --yes` (of every env but one a shell is using) or during
    `restore` of one pruned env. Afterwards everything in the trash that can be restored
    is, and then every env that was healthy before must be back and healthy
    (check_after_crash): a prune or restore cut short loses nothing."""
    before = healthy(listed(sb))
    pool = sorted(before)
    while len(pool) < 3:
        name = f"h{number}x{len(pool)}"
        sb.ok("new", name)
        pool.append(name)
        before.add(name)
    bystander = rng.choice(pool)
    if op == "prune":
        unmark_used(sb, pool)
        mark_used(sb, [bystander])
        args = list(PRUNE)
    else:
        target = rng.choice([n for n in pool if n != bystander])
        mark_used(sb, [n for n in pool if n != target])
        unmark_used(sb, [target])
        sb.ok(*PRUNE)
        args = ["restore", target]
    trial = Trial(number, op, args, round(rng.uniform(0, max_delay), 3))

    proc, _ = start_and_watch(sb, args)
    kill_after_delay(proc, trial)

    # Put back what the trash holds for the envs that were healthy before (an entry
    # that cannot be restored is what a kill between its steps leaves; the env itself
    # must then still be in the store, which check_after_crash verifies).
    try:
        for entry in trash_json(sb):
            name = entry["name"]
            if name in before and entry["restorable"] and not (sb.store / name).exists():
                restored = sb.run("restore", name, "--id", entry["id"])
                if restored.returncode != 0:
                    trial.failures.append(f"restore {name} after the crash: {restored.stderr.strip()}")
    except AssertionError as exc:
        trial.failures.append(str(exc))
    check_after_crash(sb, trial, before)
    return trial


def sigkill_inside_create(sb, name: str, *, after_venv: bool) -> None:
    """What a SIGKILL during `envman new NAME` leaves: the kill is real; create_venv
    is replaced only to place it before (after_venv=False: just the reserved name)
    or after (after_venv=True: the env directory exists) the venv is made."""
    code = (
        "import os\n"
        "from envman.create import CreateOptions, create_env\n"
        "from envman import backends\n"
        "from envman.store import Store\n"
        "real = backends.create_venv\n"
        f"AFTER = {after_venv!r}\n"
        "def die(path, *a, **k):\n"
        "    if AFTER:\n"
        "        real(path, *a, **k)\n"
        "    os.kill(os.getpid(), 9)\n"
        "backends.create_venv = die\n"
        f"create_env(Store.default(), {name!r}, CreateOptions(with_pip=False))\n"
    )
    killed = subprocess.run([sys.executable, "-c", code], env=sb.env, check=False)
    assert killed.returncode == -9, killed
