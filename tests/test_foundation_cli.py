"""The foundation commands through the real CLI: new, ls, show, path, rm."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

NAMES_REJECTED = {
    "a/b": "'/'", "..": "'.'", ".x": "'.'", "-x": "'-'", "a'b": "'''", 'a"b': "'\"'",
    "a$b": "'$'", "a`b": "'`'", "a;b": "';'", "a&b": "'&'", "a|b": "'|'", "a<b": "'<'",
    "a>b": "'>'", "a*b": "'*'", "a?b": "'?'", "a\\b": "'\\'", "a[b": "'['", "a]b": "']'",
    "a!b": "'!'", "a~b": "'~'", "a#b": "'#'", "a\tb": "U+0009", "a\x01b": "U+0001",
    "": "empty", "x" * 65: "65 bytes", "a  b": "two spaces",
}


def registry(sandbox) -> dict:
    return tomllib.loads((sandbox.store / ".envman" / "registry.toml").read_text())


def test_new_ls_show_path_rm_roundtrip(sandbox):
    proc = sandbox.ok("new", "a")
    assert "created a" in proc.stdout
    env = sandbox.store / "a"
    pip = subprocess.run([env / "bin" / "python", "-m", "pip", "--version"],
                         capture_output=True, text=True)
    assert pip.returncode == 0 and "pip" in pip.stdout

    listed = json.loads(sandbox.ok("ls", "--json").stdout)
    assert [e["name"] for e in listed] == ["a"]
    entry = listed[0]
    for key in ("name", "path", "python_version", "created", "project", "state"):
        assert key in entry
    assert entry["state"] == "ready" and entry["health"] == "ok"
    assert entry["python_version"].count(".") == 2
    assert entry["path"] == str(env)

    shown = json.loads(sandbox.ok("show", "a", "--json").stdout)
    assert shown["name"] == "a" and shown["python_version"] == entry["python_version"]
    assert sandbox.ok("path", "a").stdout == f"{env}\n"
    assert sandbox.ok("ls", "-b").stdout == "a\n"
    assert "a" in sandbox.ok("ls").stdout and "a" in sandbox.ok("ls", "-l").stdout

    sandbox.ok("rm", "-y", "a")
    assert not env.exists()
    assert json.loads(sandbox.ok("ls", "--json").stdout) == []
    assert "a" not in registry(sandbox)["envs"]


def test_registry_records_metadata(sandbox, tmp_path, wheels):
    project = tmp_path / "proj dir"
    project.mkdir()
    wheel = next(wheels.glob("envman_demo_a-1.0-*.whl"))
    sandbox.ok("new", "m", "-a", str(project), "-i", str(wheel), "--system-site-packages")
    data = registry(sandbox)
    assert data["schema"] == 1
    entry = data["envs"]["m"]
    assert entry["path"] == str(sandbox.store / "m")
    assert entry["python"] and entry["python_version"].count(".") == 2
    assert entry["state"] == "ready" and entry["backend"] in ("uv", "venv")
    assert entry["project"] == str(project)
    assert entry["packages"] == [str(wheel)]
    assert entry["system_site_packages"] is True
    assert "created" in entry
    assert (sandbox.store / "m" / ".project").read_text().strip() == str(project)
    out = subprocess.run([sandbox.store / "m" / "bin" / "demo-a"], capture_output=True, text=True)
    assert out.stdout.strip() == "envman-demo-a 1.0"


def test_stdlib_venv_backend(sandbox):
    sandbox.ok("new", "v", "--backend", "venv")
    assert registry(sandbox)["envs"]["v"]["backend"] == "venv"
    assert (sandbox.store / "v" / "bin" / "pip").exists()


def test_no_pip(sandbox):
    sandbox.ok("new", "np", "--no-pip")
    proc = subprocess.run([sandbox.store / "np" / "bin" / "python", "-c", "import pip"],
                          capture_output=True)
    assert proc.returncode != 0


def test_python_by_version_and_path(sandbox):
    version = ".".join(map(str, sys.version_info[:2]))
    sandbox.ok("new", "byver", "-p", version)
    sandbox.ok("new", "bypath", "-p", sys.executable)
    envs = registry(sandbox)["envs"]
    assert envs["byver"]["python_version"].startswith(version)
    assert envs["bypath"]["python_version"].startswith(version)


@pytest.mark.parametrize("name,fragment", NAMES_REJECTED.items(), ids=repr)
def test_rejected_names_exit_2_and_leave_store_unchanged(sandbox, name, fragment):
    sandbox.ok("new", "keep", "--no-pip")
    before = sandbox.snapshot()
    proc = sandbox.run("new", "--", name) if name.startswith("-") else sandbox.run("new", name)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("envman: error:"), proc.stderr
    assert fragment in lines[0]
    assert sandbox.snapshot() == before


@pytest.mark.parametrize("args,fragment", [
    (["new", "keep"], "already exists"),
    (["new", "x", "-p", "/nonexistent/python"], "does not exist"),
    (["new", "x", "-p", "2.1"], "no Python interpreter found"),
    (["new", "x", "-r", "/nonexistent/req.txt"], "requirements file"),
    (["new", "x", "-a", "/nonexistent/dir"], "not a directory"),
    (["new", "x", "--backend", "conda"], "unknown backend"),
    (["new"], "Missing argument"),
    (["show", "a/b"], "'/'"),
    (["rm", "-y", "ok", "../x"], "'.'"),
    (["ls", "-b", "--json"], "cannot be combined"),
    (["frobnicate"], "No such command"),
])
def test_bad_input_exit_2_store_unchanged(sandbox, args, fragment):
    sandbox.ok("new", "keep", "--no-pip")
    sandbox.ok("new", "ok", "--no-pip")
    before = sandbox.snapshot()
    proc = sandbox.run(*args)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], proc.stderr
    assert sandbox.snapshot() == before


def test_unknown_env_is_exit_1(sandbox):
    sandbox.ok("new", "keep", "--no-pip")
    before = sandbox.snapshot()
    for args in (["show", "nope"], ["path", "nope"]):
        proc = sandbox.run(*args)
        assert proc.returncode == 1
        assert proc.stderr.strip() == (
            "envman: error: environment 'nope' does not exist (see 'envman ls')")
    assert sandbox.snapshot() == before


def test_failed_install_cleans_up_and_reports_pip_error(sandbox, tmp_path):
    before = sandbox.snapshot()
    req = tmp_path / "req.txt"
    req.write_text("envman-no-such-package-xyz==0.0.1\n")
    proc = sandbox.run("new", "broken", "-r", str(req), "--backend", "uv",
                       env={"UV_OFFLINE": "1"})
    assert proc.returncode == 1
    assert "installing" in proc.stderr and "envman-no-such-package-xyz" in proc.stderr
    # uv's error line, then its cause and hint (indented), not the error line alone.
    first, *rest = proc.stderr.strip().splitlines()
    assert first.startswith("envman: error: installing ")
    assert any("Because envman-no-such-package-xyz was not found" in line for line in rest)
    assert any(line.startswith("  hint:") for line in rest)
    assert len(rest) < 6 and all(line.startswith("  ") for line in rest)
    assert not (sandbox.store / "broken").exists()
    assert "broken" not in registry(sandbox).get("envs", {})
    after = {k: v for k, v in sandbox.snapshot().items() if not k.startswith(".envman")}
    assert after == {k: v for k, v in before.items() if not k.startswith(".envman")}


def test_rm_with_a_bad_name_removes_nothing(sandbox):
    """Every name is checked before anything is removed: one missing or invalid name
    among good ones removes nothing, exit 2, one line per bad name (it used to remove
    `a`, then fail on `missing`)."""
    sandbox.ok("new", "a", "--no-pip")
    sandbox.ok("new", "b", "--no-pip")
    before = sandbox.snapshot()
    proc = sandbox.run("rm", "-y", "a", "missing", "b", "bad/name", "also-missing")
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "envman: error: environment 'missing' does not exist (see 'envman ls')",
        *[ln for ln in proc.stderr.splitlines() if "'/'" in ln],
        "envman: error: environment 'also-missing' does not exist (see 'envman ls')",
    ]
    assert len(proc.stderr.splitlines()) == 3 and "bad/name" in proc.stderr.splitlines()[1]
    assert proc.stdout == ""
    assert sandbox.snapshot() == before


def test_rm_refuses_active_env(sandbox):
    sandbox.ok("new", "act", "--no-pip")
    before = sandbox.snapshot()
    proc = sandbox.run("rm", "-y", "act", env={"VIRTUAL_ENV": str(sandbox.store / "act")})
    assert proc.returncode == 1
    assert "active" in proc.stderr and "deactivate" in proc.stderr
    assert sandbox.snapshot() == before


def test_rm_refuses_non_env_dir_and_unlinks_symlink(sandbox, tmp_path):
    sandbox.ok("new", "real", "--no-pip")
    (sandbox.store / "notenv").mkdir()
    (sandbox.store / "notenv" / "precious.txt").write_text("keep me")
    proc = sandbox.run("rm", "-y", "notenv")
    assert proc.returncode == 1 and "not an environment" in proc.stderr
    assert (sandbox.store / "notenv" / "precious.txt").exists()

    outside = tmp_path / "outside-env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", outside], check=True)
    (sandbox.store / "linked").symlink_to(outside)
    sandbox.ok("rm", "-y", "linked")
    assert not (sandbox.store / "linked").exists()
    assert (outside / "pyvenv.cfg").exists()


def _rm_on_a_terminal(sandbox, names: list[str], answer: bytes | None) -> tuple[int, str]:
    """envman rm NAMES on a real pseudo-terminal; ``answer`` is typed once "Remove" is
    shown (None: type nothing). Returns the exit code and what the terminal showed.
    Every read has a deadline: a prompt that never comes fails the test, not the run."""
    from tests.support import Terminal

    with Terminal([sys.executable, "-m", "envman", "rm", *names], sandbox.env) as term:
        output = term.read_to_end(60, answer=None if answer is None else (b"Remove", answer))
        code = term.wait(60)
    return code, output.decode(errors="replace")


def test_rm_asks_on_a_terminal_and_no_removes_nothing(sandbox):
    """A real pseudo-terminal: without -y, rm asks; answering no keeps the env, says
    "nothing removed" and exits 1 (it used to say "aborted" and exit 130)."""
    sandbox.ok("new", "asked", "--no-pip")
    before = sandbox.snapshot()
    code, shown = _rm_on_a_terminal(sandbox, ["asked"], b"n\n")
    assert "Remove asked?" in shown
    assert code == 1 and "nothing removed" in shown and "aborted" not in shown
    assert sandbox.snapshot() == before


def test_rm_checks_names_before_asking(sandbox):
    """The prompt comes after validation: a missing name fails at once (exit 2), with
    no question asked and nothing removed."""
    sandbox.ok("new", "asked", "--no-pip")
    before = sandbox.snapshot()
    code, shown = _rm_on_a_terminal(sandbox, ["asked", "missing"], None)
    assert code == 2 and "environment 'missing' does not exist" in shown
    assert "Remove" not in shown
    assert sandbox.snapshot() == before


def test_rm_yes_on_a_terminal_removes(sandbox):
    sandbox.ok("new", "asked", "--no-pip")
    code, shown = _rm_on_a_terminal(sandbox, ["asked"], b"y\n")
    assert code == 0 and "removed asked" in shown
    assert not (sandbox.store / "asked").exists()


def test_version(sandbox):
    from envman import __version__

    assert sandbox.ok("--version").stdout == f"envman {__version__}\n"


def test_workon_home_relative_to_home(sandbox):
    proc = sandbox.ok("new", "rel", "--no-pip", env={"WORKON_HOME": "envs-rel"})
    assert (sandbox.home / "envs-rel" / "rel" / "pyvenv.cfg").exists(), proc.stdout


def test_default_store_is_home_virtualenvs(sandbox):
    env = dict(sandbox.env)
    del env["WORKON_HOME"]
    subprocess.run([sys.executable, "-m", "envman", "new", "d", "--no-pip"], env=env,
                   check=True, capture_output=True, cwd=sandbox.home)
    assert (sandbox.home / ".virtualenvs" / "d" / "pyvenv.cfg").exists()


def test_config_default_backend_and_bad_config(sandbox):
    config = sandbox.root / "config.toml"
    config.write_text('default_backend = "venv"\n')
    sandbox.ok("new", "cfg", "--no-pip")
    assert registry(sandbox)["envs"]["cfg"]["backend"] == "venv"
    config.write_text('default_backend = "conda"\n')
    before = sandbox.snapshot()
    proc = sandbox.run("new", "cfg2")
    assert proc.returncode == 2 and "default_backend" in proc.stderr
    assert sandbox.snapshot() == before


def test_hand_made_env_is_listed_and_adopted(sandbox):
    sandbox.ok("new", "mine", "--no-pip")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", sandbox.store / "byhand"],
                   check=True)
    listed = {e["name"]: e for e in json.loads(sandbox.ok("ls", "--json").stdout)}
    assert listed["byhand"]["state"] == "unregistered"
    assert listed["byhand"]["health"] == "ok"
    sandbox.ok("new", "other", "--no-pip")  # any write adopts it
    assert registry(sandbox)["envs"]["byhand"]["backend"] == "adopted"


def test_missing_directory_shown_as_missing(sandbox):
    sandbox.ok("new", "gone", "--no-pip")
    import shutil

    shutil.rmtree(sandbox.store / "gone")
    listed = json.loads(sandbox.ok("ls", "--json").stdout)
    assert listed[0]["name"] == "gone" and listed[0]["state"] == "missing"
    assert "missing" in sandbox.ok("ls").stdout


def test_plain_output_when_not_a_terminal(sandbox):
    sandbox.ok("new", "p", "--no-pip")
    out = sandbox.run("ls", env={"NO_COLOR": ""}).stdout
    assert "\x1b[" not in out and "│" not in out
    assert out.splitlines()[0].split()[:2] == ["name", "python"]


def test_rm_notes_when_only_a_stale_entry_was_dropped(sandbox, tmp_path):
    sandbox.ok("new", "gone", "--no-pip")
    import shutil

    shutil.rmtree(sandbox.store / "gone")
    assert sandbox.ok("rm", "-y", "gone").stdout == "removed gone (only the registry entry was left)\n"

    outside = tmp_path / "linked-target"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", outside], check=True)
    (sandbox.store / "linked").symlink_to(outside)
    sandbox.ok("new", "adopter", "--no-pip")  # a write adopts the link into the registry
    assert "linked" in registry(sandbox)["envs"]
    assert sandbox.ok("rm", "-y", "linked").stdout == "removed linked\n"


def test_no_arguments_prints_an_overview_without_an_error_line(sandbox):
    proc = sandbox.run()
    assert proc.returncode == 0
    assert "Usage" in proc.stdout and "envman new" not in proc.stderr
    assert proc.stderr == ""


def test_areas_table_names_what_each_area_registers():
    """app.AREAS decides which area a command line builds (lazy loading): a
    command missing from it would only work through the slow build-everything path,
    and a wrong entry would make `envman NAME` say 'No such command'."""
    import importlib

    import typer

    from envman.cli import app

    for area, names in app.AREAS.items():
        sub = typer.Typer()
        importlib.import_module(f"envman.cli.{area}").register(sub)
        registered = {c.name for c in sub.registered_commands}
        registered |= {g.name for g in sub.registered_groups}
        assert registered == set(names), area
    every = typer.main.get_command(app.build())
    assert set(every.commands) == {n for names in app.AREAS.values() for n in names}
    for names in app.AREAS.values():
        for name in names:
            assert set(typer.main.get_command(app.build(name)).commands) == set(names)


def test_help_and_unknown_commands_see_every_command(sandbox):
    listed = sandbox.run("--help").stdout
    for name in ("new", "doctor", "cp", "project", "workon"):
        assert name in listed
    proc = sandbox.run("nosuch")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "nosuch" in proc.stderr
    assert sandbox.ok("new", "--help").stdout.count("--python") == 1
