"""Races between commands on one name: no command deletes an env it did not make, and
a name stays reserved while any command has its env out of place.

The deterministic reproductions hold a command inside its window with a base
interpreter that is slow to start (``gated_python``): from its second run on it waits
until the test lets it go. While it waits the test runs the competing command.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.lifecycle import registry

ENVMAN = [sys.executable, "-m", "envman"]


def gated_python(where: Path) -> tuple[Path, Path, Path]:
    """A base interpreter that is slow to start: a copy of the Python running the tests
    (its own prefix, the standard library linked in) whose site-packages holds a .pth
    line that, from the interpreter's second run on (the first is the caller's probe of
    ``-p``), waits while ``gate`` exists, saying so by creating ``waiting``; it exits 3
    at once when ``where/fail`` exists. Envs built on it do not read that line.
    Returns (interpreter, gate, waiting)."""
    base = Path(sys.base_prefix)
    minor = f"python{sys.version_info[0]}.{sys.version_info[1]}"
    real = Path(getattr(sys, "_base_executable", None) or sys.executable).resolve()
    prefix = where / "slowbase"
    (prefix / "bin").mkdir(parents=True)
    stdlib = prefix / "lib" / minor
    stdlib.mkdir(parents=True)
    for entry in (base / "lib" / minor).iterdir():
        if entry.name != "site-packages":
            (stdlib / entry.name).symlink_to(entry)
    (stdlib / "site-packages").mkdir()
    exe = prefix / "bin" / minor
    shutil.copy2(real, exe)
    gate, waiting, count, fail = where / "gate", where / "waiting", where / "count", where / "fail"
    script = where / "gate.py"
    script.write_text(
        "import os, time\n"
        f"count, gate, waiting, fail = {str(count)!r}, {str(gate)!r}, {str(waiting)!r}, {str(fail)!r}\n"
        "n = int(open(count).read()) if os.path.exists(count) else 0\n"
        "open(count, 'w').write(str(n + 1))\n"
        "while n and os.path.exists(gate):\n"
        "    open(waiting, 'w').close()\n"
        "    time.sleep(0.05)\n"
        "if os.path.exists(fail):\n"
        "    os._exit(3)\n"
    )
    (stdlib / "site-packages" / "gate.pth").write_text(
        f"import os; exec(open({str(script)!r}).read())\n")
    gate.touch()
    return exe, gate, waiting


def wait_for_file(path: Path, proc: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.02)


def listed(sandbox) -> dict[str, dict]:
    return {e["name"]: e for e in json.loads(sandbox.ok("ls", "--json").stdout)}


@pytest.mark.slow
def test_new_during_upgrade_cannot_take_or_delete_the_env(sandbox, tmp_path):
    """`envman new A` while `envman upgrade A` has A out of its place: the name is still
    taken (exit 2, nothing touched), and the upgrade completes with A healthy. Before
    the fix upgrade had dropped A's entry and moved it aside, so `new A` succeeded and
    the upgrade's cleanup then deleted the env `new` had just reported as created."""
    sandbox.ok("new", "a", "--no-pip", "-a", str(sandbox.home))
    wrapper, gate, waiting = gated_python(tmp_path)
    upgrade = subprocess.Popen([*ENVMAN, "upgrade", "a", "-p", str(wrapper)], env=sandbox.env,
                               cwd=sandbox.home, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        wait_for_file(waiting, upgrade)  # upgrade is inside its window now
        new = sandbox.run("new", "a", "--no-pip")
        gate.unlink()
        _, err = upgrade.communicate(timeout=300)
    finally:
        if upgrade.poll() is None:
            upgrade.kill()
            upgrade.wait()
    envs = listed(sandbox)
    assert (sandbox.store / "a" / "pyvenv.cfg").is_file(), ("the env is lost", new.stderr, err)
    assert new.returncode == 2, (new.stdout, new.stderr)
    assert "already exists" in new.stderr or "being" in new.stderr, new.stderr
    assert upgrade.returncode == 0, err
    env = envs["a"]
    assert (env["state"], env["health"]) == ("ready", "ok"), env
    assert env["project"] == str(sandbox.home)  # the upgraded env, not a fresh one
    assert registry(sandbox)["a"]["state"] == "ready"
    assert not any((sandbox.store / ".envman" / "aside").iterdir())


@pytest.mark.slow
def test_failed_new_deletes_only_the_directory_it_made(sandbox, tmp_path):
    """`envman new A` on a slow interpreter; while it builds, a concurrent `envman new A`
    finds the name reserved, and something outside envman's locks (a hand, an older
    envman) swaps another directory in at A's path. The slow build then fails: its
    cleanup must leave that directory alone, since this run did not make it. Before the
    fix it removed whatever was at the path it had computed."""
    wrapper, gate, waiting = gated_python(tmp_path)
    slow = subprocess.Popen([*ENVMAN, "new", "a", "--no-pip", "-p", str(wrapper)],
                            env=sandbox.env, cwd=sandbox.home, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        wait_for_file(waiting, slow)
        other = sandbox.run("new", "a", "--no-pip")
        assert other.returncode == 2, other.stderr
        if (sandbox.store / "a").exists():
            os.rename(sandbox.store / "a", tmp_path / "made-by-new")
        (sandbox.store / "a").mkdir()
        (sandbox.store / "a" / "keep").write_text("not envman's")
        (tmp_path / "fail").touch()  # the slow build now fails
        gate.unlink()
        slow.communicate(timeout=300)
    finally:
        if slow.poll() is None:
            slow.kill()
            slow.wait()
    assert slow.returncode != 0
    assert (sandbox.store / "a" / "keep").read_text() == "not envman's"
    assert "a" not in registry(sandbox)  # its own reservation is dropped


def test_cleanup_removes_only_the_directory_it_made(sandbox):
    """The rule itself, on the owner module: a directory this process made is removed
    only while the path still holds that same directory."""
    from envman import aside
    from envman.store import Store

    store = Store(sandbox.store)
    store.ensure()
    made = aside.make_env_dir(store, "a")
    os.rename(sandbox.store / "a", sandbox.store / "moved")
    (sandbox.store / "a").mkdir()  # someone else's directory now has the name
    (sandbox.store / "a" / "keep").write_text("x")
    assert aside.remove_made(store, made) is False
    assert (sandbox.store / "a" / "keep").exists()
    os.rename(sandbox.store / "a", sandbox.store / "other")
    os.rename(sandbox.store / "moved", sandbox.store / "a")
    assert aside.remove_made(store, made) is True
    assert not (sandbox.store / "a").exists()
