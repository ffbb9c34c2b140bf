"""Bad input for every lifecycle command: exit 1 or 2, one clear line on
stderr, and a store left exactly as it was."""

from __future__ import annotations

import pytest

# (arguments, exit code, a fragment of the message). The store holds env "a", and "b"
# for the cases that name it (no pip, so they are quick to make); FILE is a plain file,
# NODIR does not exist.
CASES = [
    (["cp", "nope", "x"], 1, "environment 'nope' does not exist"),
    (["cp", "a", "b"], 2, "environment 'b' already exists"),
    (["cp", "a", "a"], 2, "environment 'a' already exists"),
    (["cp", "a", "x/y"], 2, "'/'"),
    (["cp", "..", "x"], 2, "'.'"),
    (["cp", "a"], 2, "environment 'a' already exists"),
    (["cp", "NODIR/venv"], 2, "is not a virtual environment"),
    (["cp", "FILE"], 2, "is not a virtual environment"),
    (["mv", "nope", "x"], 1, "environment 'nope' does not exist"),
    (["mv", "a", "b"], 2, "environment 'b' already exists"),
    (["mv", "a", "a"], 2, "'a' is already called 'a'"),
    (["mv", "a", "bad name!"], 2, "'!'"),
    (["tmp", "-p", "NODIR/python"], 2, "does not exist"),
    (["tmp", "-r", "NODIR/req.txt"], 2, "does not exist"),
    (["tmp", "--owner-pid", "abc"], 2, "is not a valid int"),
    (["run", "nope", "--", "true"], 1, "environment 'nope' does not exist"),
    (["run", "../a", "--", "true"], 2, "may not start with '.'"),
    # A name only the strict rule for new envs refuses: an existing env may have it.
    (["run", "a;b", "--", "true"], 1, "environment 'a;b' does not exist"),
    (["run", "a"], 2, "no command given"),
    (["run", "a", "--", "no-such-command-xyz"], 1, "command not found: no-such-command-xyz"),
    (["all"], 2, "no command given"),
    (["wipe", "nope"], 1, "environment 'nope' does not exist"),
    (["wipe", "../a"], 2, "may not start with '.'"),
    (["export", "nope"], 1, "environment 'nope' does not exist"),
    (["export", "a", "-o", "NODIR/spec.toml"], 2, "cannot write"),
    (["import", "NODIR/spec.toml"], 2, "does not exist"),
    (["import", "FILE"], 2, "is not valid TOML"),
    (["import", "SPEC"], 2, "environment 'a' already exists"),
    (["import", "SPEC", "x y!"], 2, "'!'"),
    (["import", "BADSPEC"], 2, "is not a valid requirement"),
    (["upgrade", "nope"], 2, "environment 'nope' does not exist"),
    (["upgrade", "a", "nope"], 2, "environment 'nope' does not exist"),
    (["upgrade"], 2, "no environment given"),
    (["upgrade", "a", "--all"], 2, "not both"),
    (["upgrade", "a", "-p", "NODIR/python"], 2, "does not exist"),
    (["project", "new", "web"], 2, "PROJECT_HOME is not set"),
    (["project", "set", "a", "FILE"], 2, "it is not a directory"),
    (["project", "set", "a", "NODIR"], 2, "it is not a directory"),
    (["project", "set", "nope", "."], 1, "environment 'nope' does not exist"),
    (["project", "show", "a"], 1, "environment 'a' has no project"),
    (["project", "show", "nope"], 1, "environment 'nope' does not exist"),
    (["add-path", "nope", "."], 1, "environment 'nope' does not exist"),
    (["site-packages", "nope"], 1, "environment 'nope' does not exist"),
    (["global-site-packages", "a", "maybe"], 2, "unknown mode 'maybe'"),
    (["global-site-packages", "nope", "on"], 1, "environment 'nope' does not exist"),
]


@pytest.mark.parametrize("args,code,fragment", CASES, ids=[" ".join(c[0]) or "-" for c in CASES])
def test_bad_input_changes_nothing(sandbox, tmp_path, args, code, fragment):
    sandbox.ok("new", "a", "--no-pip")
    if "b" in args:
        sandbox.ok("new", "b", "--no-pip")
    plain_file = tmp_path / "plain.txt"
    plain_file.write_text("x = [\n")
    spec = tmp_path / "spec.toml"
    spec.write_text('envman-spec = 1\nname = "a"\npython = "3.12"\npackages = []\n')
    bad_spec = tmp_path / "bad.toml"
    bad_spec.write_text('envman-spec = 1\nname = "q"\npackages = ["--index-url=http://x"]\n')
    subst = {"FILE": str(plain_file), "SPEC": str(spec), "BADSPEC": str(bad_spec),
             "NODIR": str(tmp_path / "missing")}
    argv = [subst.get(a.split("/")[0], a.split("/")[0]) + a[len(a.split("/")[0]):]
            if a.split("/")[0] in subst else a for a in args]
    before = sandbox.snapshot()
    proc = sandbox.run(*argv)
    assert proc.returncode == code, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("envman: error:"), proc.stderr
    assert fragment in lines[0]
    assert sandbox.snapshot() == before


def test_upgrade_with_bad_names_rebuilds_nothing(sandbox):
    """Every name is checked before the first rebuild: one line per bad name, exit 2."""
    sandbox.ok("new", "a", "--no-pip")
    before = sandbox.snapshot()
    proc = sandbox.run("upgrade", "a", "nope", "x/y")
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == 2 and "'nope' does not exist" in lines[0] and "'/'" in lines[1]
    assert sandbox.snapshot() == before


@pytest.mark.parametrize("args", [["mv", "a", "z"], ["upgrade", "a"]])
def test_the_active_env_is_refused(sandbox, args):
    sandbox.ok("new", "a", "--no-pip")
    before = sandbox.snapshot()
    proc = sandbox.run(*args, env={"VIRTUAL_ENV": str(sandbox.store / "a")})
    assert proc.returncode == 1
    assert "active in this shell" in proc.stderr and "deactivate" in proc.stderr
    # the same line as rm's and the shell's (core.refuse_active)
    assert proc.stderr == ("envman: error: environment 'a' is active in this shell "
                           "(run 'deactivate' first)\n")
    assert sandbox.snapshot() == before


def test_project_new_refuses_an_existing_directory(sandbox, tmp_path):
    home = tmp_path / "projects"
    (home / "web").mkdir(parents=True)
    (home / "file").write_text("")
    before = sandbox.snapshot()
    proc = sandbox.run("project", "new", "web", env={"PROJECT_HOME": str(home)})
    assert proc.returncode == 1 and "project 'web' already exists" in proc.stderr
    assert "--force" in proc.stderr
    proc = sandbox.run("project", "new", "file", "--force", env={"PROJECT_HOME": str(home)})
    assert proc.returncode == 2 and "is not a directory" in proc.stderr
    proc = sandbox.run("project", "new", "x", env={"PROJECT_HOME": str(home / "file")})
    assert proc.returncode == 2 and "PROJECT_HOME" in proc.stderr
    assert sandbox.snapshot() == before
    assert sorted(p.name for p in home.iterdir()) == ["file", "web"]


def test_project_new_removes_the_directory_it_made_when_the_env_fails(sandbox, tmp_path):
    home = tmp_path / "projects"
    home.mkdir()
    sandbox.ok("new", "taken", "--no-pip")
    before = sandbox.snapshot()
    proc = sandbox.run("project", "new", "taken", env={"PROJECT_HOME": str(home)})
    assert proc.returncode == 2 and "already exists" in proc.stderr
    proc = sandbox.run("project", "new", "new1", "-i", str(tmp_path / "missing.whl"),
                       env={"PROJECT_HOME": str(home)})
    assert proc.returncode == 1
    assert list(home.iterdir()) == []
    # The failed build was taken out through the (now empty) aside area.
    assert list((sandbox.store / ".envman" / "aside").iterdir()) == []
    assert {k for k in sandbox.snapshot() if not k.endswith(".lock")} - {".envman/aside"} == {
        k for k in before if not k.endswith(".lock")}
