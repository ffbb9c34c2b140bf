"""Output that fits the terminal: at COLUMNS=60, 80 and 120 no line of `ls`, `ls -l`,
the projects column of `ls`, `show`, `doctor` or any `--help` is longer than the width,
and a path that had to be shortened lost its middle, never its end. Piped output with
no COLUMNS is never shortened, and --json is unchanged."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

WIDTHS = (60, 80, 120)
LONG_NAME = "a-rather-long-environment-name-for-width-tests"
ELLIPSIS = "…"


@pytest.fixture
def store(sandbox, tmp_path_factory):
    """Envs with a long name, a long project path inside HOME (shown with ~), a hook
    script, requirement files; a hand-made env and a registry entry whose directory is
    gone (for doctor); a directory that is not an env."""
    project = sandbox.home / "src" / "some-organisation" / "a-project-with-a-long-name"
    project.mkdir(parents=True)
    req = sandbox.home / "requirements-for-the-width-tests.txt"
    req.write_text("# nothing to install\n")
    sandbox.ok("new", "short", "--no-pip")
    sandbox.ok("new", LONG_NAME, "--no-pip", "-a", str(project), "-r", str(req))
    hook = sandbox.store / LONG_NAME / "bin" / "postactivate"
    hook.write_text("#!/bin/sh\necho activated\n")
    sandbox.ok("new", "gone-env", "--no-pip", "-a", str(project))
    shutil.rmtree(sandbox.store / "gone-env")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip",
                    str(sandbox.store / "hand-made-env")], check=True)
    (sandbox.store / "not-an-env").mkdir()
    sandbox.paths = [str(sandbox.store / n) for n in ("short", LONG_NAME, "gone-env",
                                                      "hand-made-env", "not-an-env")]
    # gone-env's project is still in the project index: doctor names the index's path
    sandbox.paths += [str(project), str(req), str(sandbox.store),
                      str(sandbox.store / ".envman" / "projects")]
    sandbox.paths += [e["python"] for e in json.loads(sandbox.ok("ls", "--json").stdout)
                      if e["python"]]
    return sandbox


def _tilde(sandbox, path: str) -> str:
    home = str(sandbox.home)
    return "~" + path[len(home):] if path.startswith(home + "/") else path


def check_fits(sandbox, text: str, width: int) -> None:
    for line in text.splitlines():
        assert len(line) <= width, f"{len(line)} > {width}: {line!r}"
    known = sandbox.paths + [_tilde(sandbox, p) for p in sandbox.paths]
    for token in re.split(r"\s+|,", text):
        if ELLIPSIS in token:  # shortened from the middle: its end is a known path's end
            tail = token.split(ELLIPSIS)[-1].removesuffix(":")  # doctor's "PATH: kind"
            assert tail and any(p.endswith(tail) for p in known + [LONG_NAME]), token
            continue
        for path in known:
            if len(path) > 16 and token.startswith(path[:16]):
                assert token.rstrip("):,") in known, f"path cut at the end: {token!r}"


def run_at(sandbox, width: int, *args: str) -> subprocess.CompletedProcess:
    return sandbox.run(*args, env={"COLUMNS": str(width)})


@pytest.mark.parametrize("width", WIDTHS)
def test_ls_ls_long_show_and_doctor_fit(store, width):
    outputs = {}
    for args in (["ls"], ["ls", "-l"], ["show", LONG_NAME], ["show", "short"], ["doctor"]):
        proc = run_at(store, width, *args)
        assert proc.returncode == (1 if args == ["doctor"] else 0), proc.stderr
        check_fits(store, proc.stdout, width)
        outputs[" ".join(args)] = proc.stdout
    # name and health always stay; a row is never wrapped (one line per env)
    for listing in (outputs["ls"], outputs["ls -l"]):
        lines = listing.splitlines()
        assert lines[0].startswith("name") and "health" in lines[0]
        assert len(lines) == 1 + 4  # header, short, long name, gone-env, hand-made-env
    if width >= 80:  # the projects column: the long project path, shortened or whole
        assert "a-project-with-a-long-name" in outputs["ls"] or "…" in outputs["ls"]
    doctor = outputs["doctor"]
    assert "1 problem(s)" not in doctor and re.search(r"^\d+ problems?[;]", doctor, re.M)


def test_ls_and_show_fit_80_columns_with_a_store_on_a_long_path(tmp_path):
    """The real CLI (new, ls, ls -l, show) at COLUMNS=80 when the store itself is on
    a path longer than the line (outside HOME: no ~ shortens it): every line fits, the name stays whole, and
    a shortened path keeps its end."""
    from tests.support import Sandbox

    store = tmp_path / ("deep-" * 12) / "a-store-directory-with-a-long-name" / "store"
    sb = Sandbox.at(tmp_path, store)
    created = run_at(sb, 80, "new", LONG_NAME, "--no-pip")
    assert created.returncode == 0, created.stderr
    assert len(str(store / LONG_NAME)) > 120
    sb.paths = [str(store / LONG_NAME), str(store)]
    sb.paths += [e["python"] for e in json.loads(sb.ok("ls", "--json").stdout) if e["python"]]
    assert str(store / LONG_NAME) in run_at(sb, 400, "ls", "-l").stdout
    check_fits(sb, created.stdout, 80)
    for args in (["ls"], ["ls", "-l"], ["show", LONG_NAME]):
        proc = run_at(sb, 80, *args)
        assert proc.returncode == 0, proc.stderr
        check_fits(sb, proc.stdout, 80)
        assert LONG_NAME in proc.stdout


def test_columns_are_dropped_in_the_stated_order(store):
    headers = {}
    for width in (60, 80, 120, 400):
        head = run_at(store, width, "ls", "-l").stdout.splitlines()[0]
        headers[width] = re.split(r"\s{2,}", head.strip())
    assert headers[400] == ["name", "python", "created", "last used", "project", "health",
                            "path", "size"]
    from envman.cli.views import LS_DROP_ORDER

    for width in (60, 80, 120):
        dropped = {h for h in headers[400] if h not in headers[width]}
        assert dropped == set(LS_DROP_ORDER[:len(dropped)]), (width, dropped)
    assert "name" in headers[60] and "health" in headers[60]


def test_narrow_dates_are_days_or_relative(store):
    wide = run_at(store, 400, "ls").stdout
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", wide)
    narrow = run_at(store, 100, "ls").stdout
    assert not re.search(r"\d\d:\d\d", narrow)
    assert re.search(r"\d{4}-\d\d-\d\d", narrow)


def test_piped_output_is_not_shortened_and_json_is_unchanged(store):
    env = {k: v for k, v in store.env.items() if k != "COLUMNS"}
    out = store.run("ls", "-l", env=env).stdout
    assert ELLIPSIS not in out and "~" not in out
    assert str(store.store / LONG_NAME) in out
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", out)
    shown = store.run("show", LONG_NAME, env=env).stdout
    assert str(store.store / LONG_NAME) in shown
    assert store.run("ls", "-l", env=env).stdout == out  # stable
    narrow = json.loads(run_at(store, 60, "ls", "--json").stdout)
    wide = json.loads(store.run("ls", "--json", env=env).stdout)
    assert narrow == wide
    assert {e["path"] for e in wide} >= {str(store.store / LONG_NAME)}


def test_show_says_what_rebuilds_the_env(store):
    out = run_at(store, 80, "show", LONG_NAME).stdout
    fields = {}
    for line in out.splitlines():
        if not line.startswith(" "):
            key, _, value = line.partition("  ")
            fields[key.strip()] = value.strip()
    assert fields["requirements"].endswith("requirements-for-the-width-tests.txt")
    assert fields["requirements"].startswith("~/")
    assert fields["packages"] == "none"
    assert fields["system site-packages"] == "no"
    assert fields["temporary"] == "no"
    assert fields["hooks"] == "postactivate"
    assert fields["project"].startswith("~/") and fields["project"].endswith("long-name")
    assert fields["last used"] == "never"
    assert fields["size"].endswith("B")


def test_show_hook_names_match_lifecycle():
    from envman import lifecycle
    from envman.cli import views

    assert views.HOOKS == lifecycle.HOOKS


def _commands():
    from envman.cli import app

    tree = app.click_command()
    out = [[]]
    for name, command in tree.commands.items():
        out.append([name])
        out += [[name, sub] for sub in getattr(command, "commands", {})]
    return out


COMMANDS = _commands()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) or "envman" for c in COMMANDS])
def test_help_fits_and_uses_conventional_metavars(sandbox, command, width):
    proc = run_at(sandbox, width, *command, "--help")
    assert proc.returncode == 0, proc.stderr
    for line in proc.stdout.splitlines():
        assert len(line) <= width, f"{len(line)} > {width}: {line!r}"
    assert "{" not in proc.stdout and "<str>" not in proc.stdout and "TEXT..." not in proc.stdout
    assert "…" not in proc.stdout and "..." not in proc.stdout.replace("ARGS]...", "").replace(
        "NAME...", "").replace("CMD...", "").replace("PATH...", "").replace("KEY...", "")


@pytest.mark.parametrize("command,usage", [
    ("rm", "envman rm [OPTIONS] NAME..."), ("new", "envman new [OPTIONS] NAME"),
    ("cp", "envman cp [OPTIONS] SRC [DST]"), ("run", "envman run [OPTIONS] NAME [CMD...]"),
    ("upgrade", "envman upgrade [OPTIONS] [NAME...]"),
])
def test_usage_lines(sandbox, command, usage):
    assert sandbox.ok(command, "--help").stdout.splitlines()[0] == f"Usage: {usage}"


@pytest.mark.parametrize("command", ["new", "rm", "cp", "export", "import", "doctor", "workon",
                                     "vars"])
def test_help_ends_with_examples(sandbox, command):
    lines = [ln for ln in sandbox.ok(command, "--help").stdout.splitlines() if ln.strip()]
    examples = next(i for i, ln in enumerate(lines) if ln.strip().startswith("Examples"))
    assert examples >= len(lines) - 4
    assert examples < len(lines) - 1, "an Examples heading with no example under it"
    assert all(command in ln for ln in lines[examples + 1:])


def test_envman_alone_prints_a_short_overview(sandbox):
    proc = sandbox.run(env={"COLUMNS": "60"})
    assert proc.returncode == 0 and proc.stderr == ""
    assert "Commands people use most" in proc.stdout and "envman --help" in proc.stdout
    assert all(len(line) <= 60 for line in proc.stdout.splitlines())
    assert len(proc.stdout.splitlines()) <= 24
