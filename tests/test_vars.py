"""envman vars through the real CLI: listing, setting, unsetting, the files it writes,
bad input (message, exit 2, store unchanged), and rm/cp/mv keeping the variables right.
What the shells do with the snippets is tested in tests/shell/test_vars_shells.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from envman import envvars

from tests.support import require_program


@pytest.fixture
def env(sandbox):
    sandbox.ok("new", "--no-pip", "web")
    return sandbox.store / "web"


def test_set_list_unset(sandbox, env):
    assert sandbox.ok("vars", "web").stdout == ""
    proc = sandbox.ok("vars", "web", "set", "DEBUG=1", "GREETING=it's a \"test\"\n",
                      "URL=http://x/?a=b")
    assert proc.stdout == "set DEBUG, GREETING, URL for web\n"
    assert sandbox.ok("vars", "web").stdout == (
        "DEBUG=1\nGREETING='it'\\''s a \"test\"\n'\nURL='http://x/?a=b'\n")
    listed = json.loads(sandbox.ok("vars", "web", "--json").stdout)
    assert listed == {"DEBUG": "1", "GREETING": "it's a \"test\"\n", "URL": "http://x/?a=b"}
    # setting again keeps the order of first setting, replaces the value
    sandbox.ok("vars", "web", "set", "DEBUG=0")
    assert list(json.loads(sandbox.ok("vars", "web", "--json").stdout).items())[0] == ("DEBUG", "0")
    proc = sandbox.ok("vars", "web", "unset", "DEBUG", "NOPE")
    assert "warning: NOPE was not set for web" in proc.stderr
    assert set(json.loads(sandbox.ok("vars", "web", "--json").stdout)) == {"GREETING", "URL"}
    # the last one gone: no files left in the env
    sandbox.ok("vars", "web", "unset", "GREETING", "URL")
    assert not any((env / name).exists() for name in envvars.FILES)


def test_files_written(sandbox, env):
    sandbox.ok("vars", "web", "set", "A=x'y", "B=back\\slash")
    assert (env / ".envman-vars.sh").read_text(encoding="utf-8").splitlines()[2:] == [
        '__envman_vars_set A "${A+x}" "${A-}" \'x\'\\\'\'y\'',
        '__envman_vars_set B "${B+x}" "${B-}" \'back\\slash\'',
    ]
    assert (env / ".envman-vars.fish").read_text(encoding="utf-8").splitlines()[2:] == [
        "__envman_vars_set A 'x\\'y'",
        "__envman_vars_set B 'back\\\\slash'",
    ]
    data = json.loads((env / ".envman-vars.json").read_text(encoding="utf-8"))
    assert data == {"version": 1, "vars": {"A": "x'y", "B": "back\\slash"}}


def test_a_bare_key_takes_its_value_from_the_shell(sandbox, env):
    """The one-step move of a variable a postactivate hook exports."""
    sandbox.ok("vars", "web", "set", "FROM_HOOK", env={"FROM_HOOK": "value from\nthe hook"})
    assert json.loads(sandbox.ok("vars", "web", "--json").stdout) == {
        "FROM_HOOK": "value from\nthe hook"}


@pytest.mark.parametrize("args,message", [
    (["set", "PATH=/x"], "PATH cannot be set with 'envman vars'"),
    (["set", "PATH=/x"], "use 'envman add-path NAME DIR'"),
    (["set", "1X=1"], "'1X' is not a valid variable name"),
    (["set", "A-B=1"], "'A-B' is not a valid variable name"),
    (["set", "=1"], "a variable name is empty"),
    (["set", "VIRTUAL_ENV=/x"], "VIRTUAL_ENV cannot be set with 'envman vars'"),
    (["set", "PS1=x"], "PS1 cannot be set"),
    (["set", "__envman_active=x"], "__envman_active cannot be set"),
    (["set", "status=x"], "status cannot be set"),
    (["set", "NOT_IN_ENV"], "NOT_IN_ENV is not set in this shell"),
    (["set"], "nothing to set"),
    (["unset"], "nothing to unset"),
    (["unset", "A=1"], "unset takes names only"),
    (["unset", "PATH"], "PATH cannot be set"),
    (["bogus", "A=1"], "unknown action 'bogus'"),
    (["set", "A=1", "--json"], "--json only goes with listing"),
])
def test_bad_input(sandbox, env, args, message):
    sandbox.ok("vars", "web", "set", "KEEP=1")
    before = sandbox.snapshot()
    proc = sandbox.run("vars", "web", *args)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr
    assert len(proc.stderr.splitlines()) == 1 and proc.stderr.startswith("envman: error: ")
    assert sandbox.snapshot() == before


def test_a_value_that_is_not_text_is_refused(sandbox, env):
    before = sandbox.snapshot()
    proc = subprocess.run([sys.executable, "-m", "envman", "vars", "web", "set", b"A=\xff"],
                          capture_output=True, text=True, env=sandbox.env, cwd=sandbox.home)
    assert proc.returncode == 2
    assert proc.stderr == ("envman: error: the value of A is not valid UTF-8 text "
                           "(envman vars keeps text values only)\n")
    assert sandbox.snapshot() == before


def test_missing_env(sandbox):
    sandbox.ok("new", "--no-pip", "other")
    before = sandbox.snapshot()
    proc = sandbox.run("vars", "nope", "set", "A=1")
    assert proc.returncode == 1
    assert proc.stderr == "envman: error: environment 'nope' does not exist (see 'envman ls')\n"
    assert sandbox.run("vars", "../other").returncode == 2
    assert sandbox.snapshot() == before


def test_a_damaged_file_is_said_not_ignored(sandbox, env):
    (env / ".envman-vars.json").write_text("{not json", encoding="utf-8")
    proc = sandbox.run("vars", "web")
    assert proc.returncode == 1
    assert "is damaged" in proc.stderr and "set the variables again" in proc.stderr
    proc = sandbox.run("vars", "web", "set", "A=1")
    assert proc.returncode == 1
    assert (env / ".envman-vars.json").read_text(encoding="utf-8") == "{not json"


def test_symlinks_in_the_env_are_never_written_through(sandbox, env, tmp_path):
    """A symlink in place of a snippet is replaced (the link, not its target); one in
    place of the truth is refused."""
    target = tmp_path / "outside.sh"
    target.write_text("echo untouched\n", encoding="utf-8")
    (env / ".envman-vars.sh").symlink_to(target)
    sandbox.ok("vars", "web", "set", "A=1")
    assert target.read_text(encoding="utf-8") == "echo untouched\n"
    assert not (env / ".envman-vars.sh").is_symlink()
    sandbox.ok("vars", "web", "unset", "A")
    (env / ".envman-vars.sh").symlink_to(target)
    sandbox.ok("vars", "web", "set", "B=1")
    sandbox.ok("vars", "web", "unset", "B")  # removes the files: the link itself goes
    assert target.exists() and not (env / ".envman-vars.sh").is_symlink()
    (env / ".envman-vars.json").symlink_to(target)
    proc = sandbox.run("vars", "web", "set", "C=1")
    assert proc.returncode == 1 and "is a symlink" in proc.stderr
    assert target.read_text(encoding="utf-8") == "echo untouched\n"


@pytest.mark.slow
def test_rm_takes_them_cp_and_mv_keep_them(sandbox, env):
    sandbox.ok("vars", "web", "set", "A=it's", "B=two\nlines")
    expected = {"A": "it's", "B": "two\nlines"}
    sandbox.ok("cp", "web", "web2")
    assert json.loads(sandbox.ok("vars", "web2", "--json").stdout) == expected
    sandbox.ok("mv", "web2", "web3")
    assert json.loads(sandbox.ok("vars", "web3", "--json").stdout) == expected
    for name in envvars.FILES:
        assert (sandbox.store / "web3" / name).read_bytes() == (env / name).read_bytes()
    sandbox.ok("rm", "-y", "web3")
    sandbox.ok("new", "--no-pip", "web3")
    assert sandbox.ok("vars", "web3").stdout == ""


def test_quoting_round_trips_through_real_shells(tmp_path):
    """The quoting functions alone, against bash and fish reading them back."""
    values = ["", "'", "''", "\\", "\\'", "a'b\\c", "$x `y` $(z)", "\n", "a\nb\n", "é🚒"]
    for shell, quote in (("bash", envvars.sh_quote), ("fish", envvars.fish_quote)):
        require_program(shell)
        for value in values:
            script = f"printf '%s' {quote(value)}"
            out = subprocess.run([shell, "-c", script], capture_output=True,
                                 env={**os.environ, "LC_ALL": "C.UTF-8"}).stdout
            assert out == value.encode("utf-8"), (shell, value)


def test_an_env_linked_into_the_store_is_not_written_through(sandbox, env, tmp_path):
    """A symlink in the store that points at a venv elsewhere: listed, never changed."""
    outside = tmp_path / "elsewhere"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(outside)], check=True)
    (sandbox.store / "linked").symlink_to(outside)
    assert sandbox.ok("vars", "linked").stdout == ""
    before = sandbox.snapshot()
    proc = sandbox.run("vars", "linked", "set", "A=1")
    assert proc.returncode == 1
    assert proc.stderr.startswith("envman: error: cannot change the variables of 'linked': "
                                  "it is a symlink to ")
    assert sandbox.snapshot() == before
    assert not any((outside / name).exists() for name in envvars.FILES)
