"""Who owns which state, and the repairs that follow from it: liveness of a build is
its lock (not a PID), an adoption is saved, a registered env without pyvenv.cfg can be
removed, a linked env is not silently copied, a taken name says what took it, and the
"last used" stamps are never changed through a symlink."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

import tomli_w


def edit_registry(sandbox, change) -> None:
    path = sandbox.store / ".envman" / "registry.toml"
    data = tomllib.loads(path.read_text())
    change(data["envs"])
    path.write_text(tomli_w.dumps(data))


def registry(sandbox) -> dict:
    return tomllib.loads((sandbox.store / ".envman" / "registry.toml").read_text())["envs"]


def doctor_json(sandbox, *args: str) -> tuple[int, dict]:
    proc = sandbox.run("doctor", "--json", *args)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def hand_made_venv(sandbox, name: str) -> None:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(sandbox.store / name)],
                   check=True)


def test_doctor_fix_saves_an_adoption_that_is_its_only_fix(sandbox):
    sandbox.ok("new", "a", "--no-pip")  # a registry exists already
    hand_made_venv(sandbox, "byhand")
    code, report = doctor_json(sandbox, "--fix")
    assert [(f["kind"], f["fixed"]) for f in report["findings"]] == [("unregistered", True)]
    assert code == 0
    assert registry(sandbox)["byhand"]["backend"] == "adopted"
    code, report = doctor_json(sandbox)
    assert (code, report["findings"]) == (0, [])


def test_creating_entry_with_a_reused_pid_is_not_a_live_build(sandbox):
    """The PID recorded by a killed `new` now belongs to another, live process (here the
    test's own sleep). Nobody holds the env's lock, so the build is dead: ls says
    interrupted, doctor --fix removes it, and the name can be used again."""
    sandbox.ok("new", "a", "--no-pip")
    other = subprocess.Popen(["sleep", "300"])
    try:
        edit_registry(sandbox, lambda envs: envs["a"].update(state="creating", pid=other.pid))
        listed = {e["name"]: e for e in json.loads(sandbox.ok("ls", "--json").stdout)}
        assert listed["a"]["state"] == "interrupted"
        taken = sandbox.run("new", "a", "--no-pip")
        assert taken.returncode == 2 and "doctor --fix" in taken.stderr, taken.stderr
        _, report = doctor_json(sandbox, "--fix")
        assert ("interrupted", True) in [(f["kind"], f["fixed"]) for f in report["findings"]]
        sandbox.ok("new", "a", "--no-pip")
        assert registry(sandbox)["a"]["state"] == "ready"
    finally:
        other.kill()
        other.wait()


def test_registered_env_without_pyvenv_cfg_can_be_removed_not_upgraded(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    sandbox.ok("new", "b", "--no-pip")
    for name in ("a", "b"):
        (sandbox.store / name / "pyvenv.cfg").unlink()
    before = sandbox.snapshot()
    upgraded = sandbox.run("upgrade", "a")
    assert upgraded.returncode == 1
    assert upgraded.stderr.count("\n") == 1 and "pyvenv.cfg" in upgraded.stderr, upgraded.stderr
    assert sandbox.snapshot() == before
    sandbox.ok("rm", "-y", "a")
    assert not (sandbox.store / "a").exists() and "a" not in registry(sandbox)
    sandbox.ok("rm", "-y", "b")
    assert not (sandbox.store / "b").exists()


def test_rm_still_refuses_a_foreign_directory(sandbox):
    sandbox.store.mkdir()
    (sandbox.store / "notes").mkdir()
    (sandbox.store / "notes" / "todo.txt").write_text("keep")
    proc = sandbox.run("rm", "-y", "notes")
    assert proc.returncode == 1 and "not an environment" in proc.stderr, proc.stderr
    assert (sandbox.store / "notes" / "todo.txt").read_text() == "keep"


def test_upgrade_of_a_linked_env_is_refused_and_the_link_kept(sandbox, tmp_path):
    target = tmp_path / "project-venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(target)], check=True)
    sandbox.store.mkdir()
    (sandbox.store / "linked").symlink_to(target)
    before = sandbox.snapshot()
    proc = sandbox.run("upgrade", "linked")
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.count("\n") == 1 and "symlink" in proc.stderr, proc.stderr
    assert "envman cp linked" in proc.stderr
    assert (sandbox.store / "linked").is_symlink()
    assert sandbox.snapshot() == before


def test_new_over_a_hook_file_or_foreign_directory_says_what_is_there(sandbox):
    sandbox.store.mkdir()
    (sandbox.store / "postactivate").write_text("# a virtualenvwrapper hook\n")
    (sandbox.store / "notes").mkdir()
    before = sandbox.snapshot()
    hook = sandbox.run("new", "postactivate", "--no-pip")
    # refused as a hook file's name while the hooks live in the store (names.py)
    assert hook.returncode == 2 and "hook file" in hook.stderr, hook.stderr
    foreign = sandbox.run("new", "notes", "--no-pip")
    assert foreign.returncode == 2 and "not an environment" in foreign.stderr, foreign.stderr
    for proc in (hook, foreign):
        assert "envman rm" not in proc.stderr and proc.stderr.count("\n") == 1
    assert sandbox.snapshot() == before


def test_last_used_stamps_are_never_changed_through_a_symlink(sandbox, tmp_path):
    """rm and doctor --fix drop an env's stamp, mv carries it: a planted symlink (the stamp
    directory, or one stamp) must not make them delete or move a file outside."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "a").write_text("precious")
    (outside / "target").write_text("precious too")
    sandbox.ok("new", "a", "--no-pip")
    sandbox.ok("new", "b", "--no-pip")
    sandbox.ok("new", "ghost", "--no-pip")
    used = sandbox.store / ".envman" / "used"
    used.mkdir(exist_ok=True)
    (used / "b").symlink_to(outside / "target")
    sandbox.ok("mv", "b", "c")
    assert (outside / "target").read_text() == "precious too"
    assert not (used / "c").is_symlink()
    for entry in used.iterdir():
        entry.unlink()
    used.rmdir()
    used.symlink_to(outside)
    sandbox.ok("rm", "-y", "a")
    assert (outside / "a").read_text() == "precious"
    # doctor --fix drops the stamp of an env it removes: "ghost", whose directory is gone
    shutil.rmtree(sandbox.store / "ghost")
    (outside / "ghost").write_text("precious three")
    fixed = sandbox.run("doctor", "--fix", "--json")
    assert fixed.returncode in (0, 1) and "Traceback" not in fixed.stderr, fixed.stderr
    assert any(f.get("subject") == "ghost" and f["fixed"]
               for f in json.loads(fixed.stdout)["findings"]), fixed.stdout
    assert (outside / "ghost").read_text() == "precious three"
    assert (outside / "a").read_text() == "precious"


def test_locks_directory_that_is_a_file_is_one_line_error(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    locks = sandbox.store / ".envman" / "locks"
    for entry in locks.iterdir():
        entry.unlink()
    locks.rmdir()
    locks.write_text("")
    proc = sandbox.run("rm", "-y", "a")
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1, proc.stderr
    assert "locks" in proc.stderr and "Traceback" not in proc.stderr
    assert (sandbox.store / "a" / "pyvenv.cfg").is_file()
