"""Locks and concurrency: many envman processes at once never lose, duplicate
or half-write an entry; every store-changing command waits for the store lock; a lock
left by a killed process never blocks."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from envman.locks import held_locks
from envman.store import Store

from tests.support import without_locks

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ENVMAN = [sys.executable, "-m", "envman"]


def registry_envs(store: Path) -> dict:
    return tomllib.loads((store / ".envman" / "registry.toml").read_text())["envs"]


def env_dirs(store: Path) -> set[str]:
    return {p.name for p in store.iterdir() if (p / "pyvenv.cfg").is_file()}


def launch(sandbox, args: list[str]) -> subprocess.Popen:
    return subprocess.Popen([*ENVMAN, *args], env=sandbox.env, cwd=sandbox.home,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def assert_consistent(store: Path) -> dict:
    """The invariants after any mix of commands: the registry parses, it names exactly
    the env directories (no lost or duplicated entries), all ready, nothing held."""
    envs = registry_envs(store)
    assert set(envs) == env_dirs(store)
    assert all(e["state"] == "ready" for e in envs.values()), envs
    assert held_locks(Store(store)) == []
    assert list((store / ".envman").glob(".*.tmp")) == []
    aside = store / ".envman" / "aside"
    assert not aside.exists() or list(aside.iterdir()) == []
    return envs


def run_round(sandbox, round_no: int, with_mv: bool) -> None:
    """32 processes at once: new (some racing for the same name), rm, mv, ls."""
    r = f"r{round_no}"
    existing = [f"{r}old{i}" for i in range(10)]
    for name in existing:
        sandbox.ok("new", name, "--no-pip")
    jobs: list[tuple[str, list[str]]] = []
    new_names = [f"{r}new{i}" for i in range(10)]
    jobs += [("new", ["new", n, "--no-pip"]) for n in new_names]
    jobs += [("race", ["new", f"{r}race", "--no-pip"]) for _ in range(4)]  # one must win
    removed = existing[:5]
    jobs += [("rm", ["rm", "-y", n]) for n in removed]
    moved = existing[5:9] if with_mv else []
    jobs += [("mv", ["mv", n, n.replace("old", "moved")]) for n in moved]
    jobs += [("ls", ["ls", "--json"])] * (32 - len(jobs))
    assert len(jobs) == 32
    procs = [(kind, args, launch(sandbox, args)) for kind, args in jobs]
    # communicate, not wait: a child blocked on a full stdout pipe would never exit.
    outputs = [(kind, args, *p.communicate(timeout=600), p) for kind, args, p in procs]
    results = [(kind, args, p.returncode, out, err) for kind, args, out, err, p in outputs]

    for kind, args, code, out, err in results:
        if kind == "race":
            assert code in (0, 2), (args, err)
            if code == 2:
                assert "already exists" in err
        else:
            assert code == 0, (args, err)
        if kind == "ls":
            json.loads(out)  # a reader always sees a whole, parsable registry
    assert sum(code == 0 for kind, _, code, _, _ in results if kind == "race") == 1

    envs = assert_consistent(sandbox.store)
    expected_now = set(new_names) | {f"{r}race"} | (set(existing) - set(removed) - set(moved))
    expected_now |= {n.replace("old", "moved") for n in moved}
    assert {n for n in envs if n.startswith(r)} == expected_now


@pytest.mark.parametrize("with_mv", [False, True], ids=["new-rm-ls", "new-rm-mv-ls"])
def test_32_processes_mixing_commands(sandbox, with_mv):
    for round_no in range(2):
        run_round(sandbox, round_no, with_mv)
    assert sandbox.ok("doctor").returncode == 0


def hold_lock(path: Path) -> subprocess.Popen:
    """A process holding ``path``'s flock exactly as envman does (locks.file_lock)."""
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from envman.locks import file_lock\n"
        "with file_lock(Path(sys.argv[1]), 'test'):\n"
        "    print('held', flush=True)\n"
        "    time.sleep(300)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


MUTATING = [
    ("new", ["new", "b", "--no-pip"]),
    ("rm", ["rm", "-y", "a"]),
    ("mv", ["mv", "a", "b"]),
    ("cp", ["cp", "a", "b"]),
    ("upgrade", ["upgrade", "a"]),
    ("doctor --fix", ["doctor", "--fix"]),
]


@pytest.mark.parametrize("label,args", MUTATING, ids=[m[0] for m in MUTATING])
def test_every_store_changing_command_waits_for_the_store_lock(sandbox, label, args):
    sandbox.ok("new", "a", "--no-pip")
    if label == "doctor --fix":  # give doctor something to fix
        (sandbox.store / ".envman" / ".registry.toml.x.tmp").write_text("")
    holder = hold_lock(sandbox.store / ".envman" / "registry.lock")
    try:
        before = sandbox.snapshot()
        proc = sandbox.run(*args, env={"ENVMAN_LOCK_TIMEOUT": "1"})
        assert proc.returncode == 1, proc.stderr
        if label == "doctor --fix":  # reports per finding: "not fixed: ... is busy ..."
            assert "not fixed" in proc.stdout and "busy" in proc.stdout, proc.stdout
        else:
            assert "busy" in proc.stderr and proc.stderr.count("\n") == 1, proc.stderr
        assert without_locks(sandbox.snapshot()) == without_locks(before)
    finally:
        holder.kill()
        holder.wait()


def test_long_operations_hold_the_env_lock(sandbox):
    """While another process works on env a (holds its per-env lock), rm a waits."""
    sandbox.ok("new", "a", "--no-pip")
    holder = hold_lock(sandbox.store / ".envman" / "locks" / "a.lock")
    try:
        before = sandbox.snapshot()
        proc = sandbox.run("rm", "-y", "a", env={"ENVMAN_LOCK_TIMEOUT": "1"})
        assert proc.returncode == 1 and "environment 'a' is busy" in proc.stderr, proc.stderr
        assert sandbox.snapshot() == before
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize("lock", ["registry.lock", "locks/a.lock"])
def test_lock_of_a_sigkilled_holder_never_blocks(sandbox, lock):
    sandbox.ok("new", "a", "--no-pip")
    holder = hold_lock(sandbox.store / ".envman" / lock)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert (sandbox.store / ".envman" / lock).exists()  # the file stays; the lock does not
    # A one-second timeout: the commands must not wait for anything.
    quick = {"ENVMAN_LOCK_TIMEOUT": "1"}
    sandbox.ok("rm", "-y", "a", env=quick)
    sandbox.ok("new", "a", "--no-pip", env=quick)
    assert sandbox.ok("doctor", env=quick).returncode == 0
    assert held_locks(Store(sandbox.store)) == []
