"""envman doctor: every kind of finding, made for real in a sandbox store,
reported without changing anything, and repaired by --fix only where that is safe."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

import tomli_w

from tests.support.pythons import make_base_copy, needs_pyenv


def registry(sandbox) -> dict:
    return tomllib.loads((sandbox.store / ".envman" / "registry.toml").read_text())


def edit_registry(sandbox, change) -> None:
    path = sandbox.store / ".envman" / "registry.toml"
    data = tomllib.loads(path.read_text())
    change(data["envs"])
    path.write_text(tomli_w.dumps(data))


def dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def doctor_json(sandbox, *args: str) -> tuple[int, dict]:
    proc = sandbox.run("doctor", "--json", *args)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def kinds(report: dict) -> set[tuple[str, str]]:
    return {(f["kind"], Path(f["subject"]).name) for f in report["findings"]
            if f["severity"] == "problem"}


def test_healthy_store_exits_0(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    proc = sandbox.ok("doctor")
    assert "no problems found" in proc.stdout
    code, report = doctor_json(sandbox)
    assert code == 0 and report["healthy"] and report["findings"] == []


def test_empty_or_absent_store_is_healthy(sandbox):
    assert sandbox.ok("doctor").returncode == 0
    assert not sandbox.store.exists()  # checking creates nothing


def test_every_drift_is_reported_unchanged_then_fixed(sandbox, tmp_path):
    for name in ("keep", "gone", "half", "tmpenv", "proj"):
        sandbox.ok("new", name, "--no-pip")
    project = tmp_path / "project"
    project.mkdir()
    # A hand-made env (virtualenvwrapper/by hand) that the registry has never seen.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(sandbox.store / "hand")],
                   check=True)
    # An entry whose directory was deleted behind envman's back.
    shutil.rmtree(sandbox.store / "gone")
    # A build killed mid-way: entry left "creating" by a process that is gone.
    # A temporary env whose shell is gone. A project link that points nowhere.
    pid = dead_pid()

    def change(envs):
        envs["half"].update(state="creating", pid=pid)
        envs["tmpenv"].update(temporary=True, pid=pid)
        envs["proj"]["project"] = str(tmp_path / "no-such-project")
    edit_registry(sandbox, change)
    # Leftovers of an interrupted registry write and an interrupted rm.
    (sandbox.store / ".envman" / ".registry.toml.abc123.tmp").write_text("partial")
    (sandbox.store / ".envman" / "aside" / "old.1234abcd.trash" / "bin").mkdir(parents=True)
    # Adopting keeps what the shell's workon recorded (last used).
    used = sandbox.store / ".envman" / "used"
    used.mkdir(exist_ok=True)
    (used / "hand").write_text("")
    # A directory that is not an env: reported as a note, never touched.
    (sandbox.store / "notes").mkdir()
    (sandbox.store / "notes" / "todo.txt").write_text("mine")

    before = sandbox.snapshot()
    code, report = doctor_json(sandbox)
    assert code == 1 and not report["healthy"]
    assert kinds(report) == {
        ("unregistered", "hand"), ("missing", "gone"), ("interrupted", "half"),
        ("temporary-orphan", "tmpenv"), ("project-missing", "proj"),
        ("temp-file", ".registry.toml.abc123.tmp"), ("trash", "old.1234abcd.trash"),
    }
    notes = [f for f in report["findings"] if f["severity"] == "note"]
    assert [(f["kind"], f["subject"]) for f in notes] == [("not-an-env", "notes")]
    assert all(f["suggestion"] for f in report["findings"])
    assert sandbox.snapshot() == before  # checking changes nothing

    table = sandbox.run("doctor")
    assert table.returncode == 1
    assert "envman project set proj <dir>" in table.stdout and "doctor --fix" in table.stdout

    code, report = doctor_json(sandbox, "--fix")
    # The project link is the user's to decide: it stays a problem, everything else is fixed.
    assert code == 1
    assert [(f["kind"], f["subject"]) for f in report["remaining"]] == [("project-missing", "proj")]
    fixed = {Path(f["subject"]).name for f in report["findings"] if f["fixed"]}
    assert fixed == {"hand", "gone", "half", "tmpenv", ".registry.toml.abc123.tmp",
                     "old.1234abcd.trash"}

    envs = registry(sandbox)["envs"]
    assert set(envs) == {"keep", "hand", "proj"}
    assert envs["hand"]["backend"] == "adopted" and envs["hand"]["state"] == "ready"
    assert not (sandbox.store / "half").exists() and not (sandbox.store / "tmpenv").exists()
    assert list((sandbox.store / ".envman").glob(".*.tmp")) == []
    assert list((sandbox.store / ".envman" / "aside").iterdir()) == []
    assert (sandbox.store / "notes" / "todo.txt").read_text() == "mine"
    assert (used / "hand").exists()
    listed = {e["name"]: e["health"] for e in json.loads(sandbox.ok("ls", "--json").stdout)}
    assert listed == {"keep": "ok", "hand": "ok", "proj": "ok"}


def test_corrupt_registry_reported_untouched_then_rebuilt(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    reg = sandbox.store / ".envman" / "registry.toml"
    reg.write_bytes(b"[[[ not toml")
    before = sandbox.snapshot()
    code, report = doctor_json(sandbox)
    assert code == 1 and ("registry-corrupt", "registry.toml") in kinds(report)
    assert sandbox.snapshot() == before  # doctor reads around it, does not move it
    code, report = doctor_json(sandbox, "--fix")
    assert code == 0, report
    assert set(registry(sandbox)["envs"]) == {"a"}
    kept = list(reg.parent.glob("registry.toml.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"[[[ not toml"


def test_newer_schema_is_reported_and_left_alone(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    reg = sandbox.store / ".envman" / "registry.toml"
    reg.write_text(reg.read_text().replace("schema = 1", "schema = 7"))
    before = sandbox.snapshot()
    for args in ((), ("--fix",)):
        code, report = doctor_json(sandbox, *args)
        assert code == 1 and ("registry-schema", "registry.toml") in kinds(report)
        assert "upgrade envman" in report["findings"][0]["suggestion"]
    assert sandbox.snapshot() == before


def test_lock_held_by_running_envman_is_a_note_not_a_problem(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    lock = sandbox.store / ".envman" / "locks" / "a.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl,os,sys,time; fd=os.open(sys.argv[1], os.O_RDWR|os.O_CREAT);"
         "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)", str(lock)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        code, report = doctor_json(sandbox)
        assert code == 0
        assert [(f["kind"], f["severity"]) for f in report["findings"]] == [("lock-held", "note")]
    finally:
        holder.kill()
        holder.wait()
    code, report = doctor_json(sandbox)
    assert code == 0 and report["findings"] == []


def test_interrupted_upgrade_is_put_back(sandbox):
    """What a SIGKILL during `envman upgrade` leaves: the old env kept aside under
    aside/<name>.<id>.upgrading and a half-made rebuild reserved under the name."""
    sandbox.ok("new", "a", "--no-pip")
    aside = sandbox.store / ".envman" / "aside"
    aside.mkdir(parents=True, exist_ok=True)
    os.rename(sandbox.store / "a", aside / "a.0badf00d.upgrading")
    (sandbox.store / "a").mkdir()  # the rebuild had only made the directory
    pid = dead_pid()
    edit_registry(sandbox, lambda envs: envs["a"].update(state="creating", pid=pid))
    code, report = doctor_json(sandbox)
    assert code == 1 and ("upgrade-interrupted", "a.0badf00d.upgrading") in kinds(report)
    code, report = doctor_json(sandbox, "--fix")
    assert code == 0, report
    assert (sandbox.store / "a" / "pyvenv.cfg").is_file()
    assert list(aside.iterdir()) == []
    assert registry(sandbox)["envs"]["a"]["state"] == "ready"


# -- a broken interpreter, made for real ----------------------------------------------------
def test_removed_base_python_reported_by_doctor_and_ls(sandbox, tmp_path, wheels):
    base = make_base_copy(tmp_path / "base", needs_pyenv("3.12.1"))
    wheel_a = next(wheels.glob("envman_demo_a-1.0-*.whl"))
    wheel_b = next(wheels.glob("envman_demo_b-*.whl"))
    sandbox.ok("new", "victim", "-p", str(base), "-i", str(wheel_a), "-i", str(wheel_b))
    sandbox.ok("new", "bystander", "--no-pip")
    assert sandbox.ok("doctor").returncode == 0

    shutil.rmtree(tmp_path / "base")  # the base Python is uninstalled underneath
    listed = {e["name"]: e for e in json.loads(sandbox.ok("ls", "--json").stdout)}
    assert listed["victim"]["health"] == "broken" and listed["bystander"]["health"] == "ok"
    assert "broken" in sandbox.ok("ls").stdout
    code, report = doctor_json(sandbox, "--fix")
    assert code == 1  # --fix never deletes it ...
    assert {(f["kind"], f["subject"]) for f in report["remaining"]} == {
        ("interpreter-broken", "victim")}
    assert all(f["suggestion"].startswith("envman upgrade victim") for f in report["remaining"])
    assert (sandbox.store / "victim" / "pyvenv.cfg").is_file()  # ... it points at upgrade

    upgraded = sandbox.run("upgrade", "victim", "-p", "3.12")
    assert upgraded.returncode == 0, upgraded.stderr
    assert sandbox.ok("doctor").returncode == 0
    listed = {e["name"]: e for e in json.loads(sandbox.ok("ls", "--json").stdout)}
    assert listed["victim"]["health"] == "ok"
    # its packages came along
    run = subprocess.run([str(sandbox.store / "victim" / "bin" / "python"), "-c",
                          "import importlib.metadata as m; print(m.version('envman-demo-b'),"
                          " m.version('envman-demo-a'))"], capture_output=True, text=True)
    assert run.stdout.split() == ["0.3", "1.0"], run.stderr


def test_replaced_base_python_reported_by_doctor(sandbox, tmp_path):
    base = make_base_copy(tmp_path / "base", needs_pyenv("3.12.1"))
    sandbox.ok("new", "victim", "-p", str(base), "--no-pip")
    # The base is replaced by a different Python under the same name (an upgrade that
    # keeps the path): the env still "looks" fine on disk, but runs another version.
    other = needs_pyenv("3.13.0")
    shutil.rmtree(tmp_path / "base")
    copied = make_base_copy(tmp_path / "base", other)
    os.rename(copied, base)
    code, report = doctor_json(sandbox)
    assert code == 1
    (finding,) = [f for f in report["findings"] if f["subject"] == "victim"]
    # It still runs (the copy's stdlib is there), so only running it shows the change.
    assert finding["kind"] == "interpreter-changed", finding
    assert "3.13.0" in finding["message"] and "3.12.1" in finding["message"]
    assert "envman upgrade victim" in finding["suggestion"]


def test_temporary_env_whose_shell_died_is_removed_by_fix(sandbox):
    shell = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        result = sandbox.root / "result"
        sandbox.ok("tmp", "--no-pip", "--owner-pid", str(shell.pid),
                   env={"ENVMAN_RESULT_FILE": str(result)})
        name = result.read_text()
        assert sandbox.ok("doctor").returncode == 0  # its shell is alive: nothing to do
    finally:
        shell.kill()
        shell.wait()
    code, report = doctor_json(sandbox)
    assert code == 1 and kinds(report) == {("temporary-orphan", name)}
    code, report = doctor_json(sandbox, "--fix")
    assert code == 0
    assert not (sandbox.store / name).exists() and name not in registry(sandbox)["envs"]
