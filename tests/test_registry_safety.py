"""Registry safety: corruption recovery, concurrent creation, SIGKILL mid-create."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest

from tests.support import full_disk_in_process, without_locks

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib


def test_garbage_registry_is_kept_aside_and_envs_still_listed(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    sandbox.ok("new", "b", "--no-pip")
    reg = sandbox.store / ".envman" / "registry.toml"
    garbage = b"\x00\xffthis is [[[ not toml = = =\n"
    reg.write_bytes(garbage)

    proc = sandbox.ok("ls", "--json")
    assert [e["name"] for e in json.loads(proc.stdout)] == ["a", "b"]
    assert "warning" in proc.stderr and "moved it aside" in proc.stderr
    kept = list((sandbox.store / ".envman").glob("registry.toml.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == garbage
    rebuilt = tomllib.loads(reg.read_text())
    assert set(rebuilt["envs"]) == {"a", "b"}
    # and writes keep working
    sandbox.ok("rm", "-y", "a")
    assert set(tomllib.loads(reg.read_text())["envs"]) == {"b"}


def test_newer_schema_is_refused_for_writes_but_readable(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    reg = sandbox.store / ".envman" / "registry.toml"
    reg.write_text(reg.read_text().replace("schema = 1", "schema = 99"))
    before = sandbox.snapshot()
    assert sandbox.ok("ls", "-b").stdout == "a\n"
    proc = sandbox.run("new", "b", "--no-pip")
    assert proc.returncode == 1 and "schema 99" in proc.stderr
    assert without_locks(sandbox.snapshot()) == without_locks(before)


def test_twenty_concurrent_creates(sandbox):
    procs = [
        subprocess.Popen([sys.executable, "-m", "envman", "new", f"c{i:02d}", "--no-pip"],
                         env=sandbox.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         cwd=sandbox.home)
        for i in range(20)
    ]
    results = [(p.wait(timeout=300), p.stderr.read().decode()) for p in procs]
    assert all(code == 0 for code, _ in results), results
    names = {f"c{i:02d}" for i in range(20)}
    data = tomllib.loads((sandbox.store / ".envman" / "registry.toml").read_text())
    assert set(data["envs"]) == names
    assert all(e["state"] == "ready" for e in data["envs"].values())
    assert all((sandbox.store / n / "pyvenv.cfg").exists() for n in names)


def test_sigkill_mid_create_leaves_nothing_healthy(sandbox, wheels):
    """SIGKILL at several points of a running `envman new` (after it has started
    building, so the kill really lands mid-way); ls then shows the half-made env as
    interrupted, never as a healthy, ready env, and the store stays usable."""
    wheel = next(wheels.glob("envman_demo_b-*.whl"))
    for i, delay in enumerate((0.0, 0.05, 0.3, 0.8)):
        name = f"k{i}"
        proc = subprocess.Popen(
            [sys.executable, "-m", "envman", "new", name, "--backend", "venv", "-i", str(wheel)],
            env=sandbox.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            cwd=sandbox.home)
        deadline = time.time() + 60
        while not (sandbox.store / name).exists() and time.time() < deadline:
            time.sleep(0.01)
        time.sleep(delay)
        assert proc.poll() is None, "envman new finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        listed = {e["name"]: e for e in json.loads(sandbox.ok("ls", "--json").stdout)}
        assert listed[name]["state"] == "interrupted", listed[name]
        assert listed[name]["health"] != "ok"
    # the store still works afterwards
    sandbox.ok("new", "after", "--no-pip")
    assert "after" in sandbox.ok("ls", "-b").stdout


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_mid_create_cleans_up_and_says_so(sandbox, wheels, sig):
    wheel = next(wheels.glob("envman_demo_b-*.whl"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "envman", "new", "term", "--backend", "venv", "-i", str(wheel)],
        env=sandbox.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=sandbox.home,
        text=True)
    deadline = time.time() + 30
    while not (sandbox.store / "term").exists() and time.time() < deadline:
        time.sleep(0.02)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    assert proc.returncode == 130
    assert proc.stderr.read().strip() == "envman: error: interrupted; nothing was left half done"
    assert not (sandbox.store / "term").exists()
    data = tomllib.loads((sandbox.store / ".envman" / "registry.toml").read_text())
    assert "term" not in data.get("envs", {})


def test_registry_write_failure_keeps_previous_registry(sandbox, monkeypatch):
    """A full disk cannot be made for real in a test: os.fsync is patched to raise
    ENOSPC inside the process while the registry is written."""
    from envman.create import CreateOptions, create_env
    from envman.errors import EnvmanError
    from envman.store import Store

    sandbox.ok("new", "a", "--no-pip")
    reg = sandbox.store / ".envman" / "registry.toml"
    before = reg.read_bytes()
    full_disk_in_process(sandbox, monkeypatch)
    try:
        create_env(Store(sandbox.store), "b", CreateOptions(with_pip=False))
    except EnvmanError as exc:
        assert "No space left" in str(exc) and "unchanged" in str(exc)
    else:
        raise AssertionError("expected a failure")
    assert reg.read_bytes() == before
    assert not [p for p in reg.parent.iterdir() if p.name.endswith(".tmp")]
    assert not (sandbox.store / "b").exists()
