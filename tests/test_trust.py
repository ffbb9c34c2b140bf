"""envman allow / deny / allow --check: the trust list beside config.toml, what its
hash covers, the fast path, and bad input (one line, exit 2, nothing changed)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.support import HOSTILE


def trusted(sandbox) -> str:
    return (sandbox.root / "trusted").read_text(encoding="utf-8")


def check(sandbox, directory) -> int:
    return sandbox.run("allow", "--check", "--", str(directory)).returncode


@pytest.fixture
def project(sandbox):
    path = sandbox.root / "proj"
    path.mkdir()
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path / ".venv")],
                   check=True)
    (path / ".virtualenvwrapper").mkdir()
    (path / ".virtualenvwrapper" / "postactivate").write_text("export A=1\n")
    return path


def test_allow_check_deny_round_trip(sandbox, project):
    assert check(sandbox, project) == 1  # never allowed
    proc = sandbox.ok("allow", cwd=project)  # default: the current directory
    assert proc.stdout.startswith(f"allowed {project}")
    lines = trusted(sandbox).splitlines()
    assert lines[0] == "# envman trust 1"
    sha, directory = lines[1].split("\t")
    assert directory == str(project) and len(sha) == 64
    proc = sandbox.run("allow", "--check", "--", str(project))
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")
    assert check(sandbox, project) == 0  # asking changes nothing
    sandbox.ok("deny", str(project))
    assert check(sandbox, project) == 1
    assert sandbox.ok("deny", str(project)).stdout.endswith("nothing to forget\n")


@pytest.mark.parametrize("change", [
    "bin-script", "bin-new-entry", "bin-link-retarget", "pyvenv-cfg", "hook-edit",
    "hook-new", "hook-subdir", "venv-replaced-by-link", "venv-removed",
])
def test_any_change_needs_a_new_allow(sandbox, project, change):
    sandbox.ok("allow", str(project))
    venv, hooks = project / ".venv", project / ".virtualenvwrapper"
    if change == "bin-script":
        (venv / "bin" / "activate").write_text("echo changed\n")
    elif change == "bin-new-entry":
        (venv / "bin" / "ls").write_text("#!/bin/sh\necho gotcha\n")
    elif change == "bin-link-retarget":
        python = venv / "bin" / "python"
        python.unlink()
        python.symlink_to("/bin/sh")
    elif change == "pyvenv-cfg":
        with open(venv / "pyvenv.cfg", "a") as fh:
            fh.write("include-system-site-packages = true\n")
    elif change == "hook-edit":
        (hooks / "postactivate").write_text("export A=2\n")
    elif change == "hook-new":
        (hooks / "predeactivate").write_text("rm -rf ~\n")
    elif change == "hook-subdir":
        (hooks / "more").mkdir()
        (hooks / "more" / "x").write_text("x\n")
    elif change == "venv-replaced-by-link":
        os.rename(venv, project / "elsewhere")
        venv.symlink_to(project / "elsewhere")
    elif change == "venv-removed":
        os.rename(venv, project / "elsewhere")
    assert check(sandbox, project) == 1
    sandbox.ok("allow", str(project))
    assert check(sandbox, project) == 0


def test_a_project_reached_through_a_symlink_is_the_same_project(sandbox, project):
    alias = sandbox.root / "alias"
    alias.symlink_to(project)
    sandbox.ok("allow", str(alias))
    assert check(sandbox, project) == 0
    assert check(sandbox, alias) == 0
    sandbox.ok("deny", str(project))
    assert check(sandbox, alias) == 1


def test_hostile_directory_name(sandbox):
    path = sandbox.root / HOSTILE
    path.mkdir()
    sandbox.ok("allow", str(path))
    assert check(sandbox, path) == 0
    sandbox.ok("deny", str(path))
    assert check(sandbox, path) == 1


def test_deny_a_directory_that_is_gone(sandbox, project):
    sandbox.ok("allow", str(project))
    moved = sandbox.root / "moved"
    os.rename(project, moved)
    proc = sandbox.ok("deny", str(project))
    assert proc.stdout == f"denied {project}\n"
    assert trusted(sandbox) == "# envman trust 1\n"


@pytest.mark.parametrize("args, message", [
    (("allow", "--check", "--", "{missing}"), "is not a directory"),
    (("allow", "--check"), "--check needs the directory"),
    (("allow", "{missing}"), "is not a directory"),
    (("allow", "{file}"), "is not a directory"),
    (("allow", "--check", "--", "a\nb"), "control character"),
    (("deny", "a\nb"), "control character"),
])
def test_bad_input_is_one_line_exit_2_nothing_changed(sandbox, project, args, message):
    sandbox.ok("allow", str(project))
    (sandbox.root / "file").write_text("x\n")
    before = trusted(sandbox)
    args = [a.format(missing=sandbox.root / "missing", file=sandbox.root / "file")
            for a in args]
    proc = sandbox.run(*args)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr
    assert len(proc.stderr.splitlines()) == 1 and proc.stdout == ""
    assert trusted(sandbox) == before


def test_a_linked_trust_list_is_never_written_through(sandbox, project):
    victim = sandbox.root / "victim"
    victim.write_text("keep\n")
    (sandbox.root / "trusted").symlink_to(victim)
    proc = sandbox.run("allow", str(project))
    assert proc.returncode == 1
    assert "symbolic link" in proc.stderr and len(proc.stderr.splitlines()) == 1
    assert victim.read_text() == "keep\n"
    assert check(sandbox, project) == 1  # a linked list trusts nothing


def test_check_runs_on_the_fast_path_without_typer_or_platformdirs(sandbox, project):
    sandbox.ok("allow", str(project))
    env = {k: v for k, v in sandbox.env.items() if k != "ENVMAN_CONFIG"}
    sandbox_default = sandbox.home / ".config" / "envman"
    code = (
        "import sys\n"
        "from envman.cli.fast import try_fast_path\n"
        f"rc = try_fast_path(['allow', '--check', '--', {str(project)!r}])\n"
        "print(rc, 'typer' in sys.modules, 'platformdirs' in sys.modules,\n"
        "      'envman.config' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True).stdout
    assert out == "1 False False False\n"  # that config dir has no trust list yet
    proc = subprocess.run([sys.executable, "-m", "envman", "allow", str(project)], env=env,
                          capture_output=True, text=True, check=True)
    assert (sandbox_default / "trusted").is_file(), proc.stdout
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True).stdout
    assert out == "0 False False False\n"


@pytest.mark.parametrize("xdg", [None, "xdg"])
def test_trust_list_lives_in_platformdirs_config_dir(sandbox, xdg):
    env = {k: v for k, v in sandbox.env.items() if k not in ("ENVMAN_CONFIG", "XDG_CONFIG_HOME")}
    if xdg:
        env["XDG_CONFIG_HOME"] = str(sandbox.root / xdg)
    code = ("import platformdirs\nfrom envman.trust import trust_path\n"
            "print(__import__('pathlib').Path(trust_path()).parent == __import__('pathlib').Path("
            "platformdirs.user_config_dir('envman', appauthor=False)))")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True).stdout
    assert out == "True\n"


def test_full_cli_answers_check_the_same_way(sandbox, project):
    """ENVMAN_NO_FASTPATH=1: the typer command gives the same silent exit codes."""
    slow = {"ENVMAN_NO_FASTPATH": "1"}
    for expected in (1, 0):
        if expected == 0:
            sandbox.ok("allow", str(project))
        for env in ({}, slow):
            proc = sandbox.run("allow", "--check", "--", str(project), env=env)
            assert (proc.returncode, proc.stdout, proc.stderr) == (expected, "", "")
    proc = sandbox.run("allow", "--check", "--", str(sandbox.root / "missing"), env=slow)
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1
