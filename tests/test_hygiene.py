"""prune, trash, restore, ls --by-python and upgrade --broken (store hygiene), with real
envs holding packages from the wheels the tests build (offline)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import require_program
from tests.support.crash import sigkill_inside_create
from tests.support.lifecycle import installed, registry, wheel
from tests.support.pythons import make_base_copy, needs_pyenv

REPO = Path(__file__).resolve().parent.parent
DAY = 86400


@pytest.fixture(autouse=True)
def offline(sandbox):
    """Everything here works without a network: the packages are local wheels."""
    sandbox.env["UV_OFFLINE"] = "1"


def trash_entries(sandbox) -> list[dict]:
    return json.loads(sandbox.ok("trash", "--json").stdout)


def names(sandbox) -> list[str]:
    return sandbox.ok("ls", "-b").stdout.split()


def make_envs(sandbox, wheels, *env_names: str) -> None:
    for name in env_names:
        sandbox.ok("new", name, "-i", str(wheel(wheels, "a", "1.0")))


def durable(snap: dict) -> dict:
    """A store snapshot without lock files (taking a lock is not a change)."""
    return {k: v for k, v in snap.items() if v != ("lock",) and not k.startswith(".envman/locks")}


def age_stamp(sandbox, name: str, seconds_ago: float) -> None:
    """The last-used mark a shell's workon leaves, dated ``seconds_ago``."""
    used = sandbox.store / ".envman" / "used"
    used.mkdir(exist_ok=True)
    stamp = used / name
    stamp.touch()
    when = time.time() - seconds_ago
    os.utime(stamp, (when, when))


def bash_workon(sandbox, name: str, script: str = "") -> subprocess.CompletedProcess:
    """`workon NAME` in a real bash with the integration loaded, then ``script``."""
    bash = require_program("bash")
    env = dict(sandbox.env, T_SH=str(REPO / "shell" / "envman.sh"), T_NAME=name)
    text = 'set -u\n\\builtin source "$T_SH"\nworkon "$T_NAME"\n' + script
    return subprocess.run([bash, "--norc", "--noprofile", "-c", text], capture_output=True,
                          text=True, env=env, cwd=sandbox.home, stdin=subprocess.DEVNULL,
                          timeout=120, check=False)


# -- prune: listing --------------------------------------------------------------------------
def test_prune_lists_and_changes_nothing(sandbox, wheels):
    make_envs(sandbox, wheels, "a", "b")
    age_stamp(sandbox, "a", 200 * DAY)
    before = durable(sandbox.snapshot())
    default = sandbox.ok("prune")  # all four criteria, --unused 90: only a is old enough
    assert default.stdout.splitlines()[1].split()[:2] == ["a", "unused"]
    assert "b " not in default.stdout
    assert "1 env," in default.stdout and "to reclaim" in default.stdout
    assert "nothing was changed" in default.stdout
    listed = sandbox.ok("prune", "--unused", "0")
    assert {line.split()[0] for line in listed.stdout.splitlines()[1:3]} == {"a", "b"}
    data = json.loads(sandbox.ok("prune", "--unused", "0", "--json").stdout)
    assert {c["name"] for c in data["candidates"]} == {"a", "b"}
    assert data["acted"] is False and data["pruned"] == []
    assert data["total_size"] == sum(c["size"] for c in data["candidates"]) > 0
    assert durable(sandbox.snapshot()) == before
    assert names(sandbox) == ["a", "b"]


# -- prune --yes, trash, restore -------------------------------------------------------------
def test_prune_yes_moves_to_trash_and_restore_brings_it_back_exactly(sandbox, wheels, tmp_path):
    project = tmp_path / "proj"
    project.mkdir()
    sandbox.ok("new", "a", "-a", str(project), "-i", str(wheel(wheels, "a", "2.0")))
    sandbox.ok("new", "keep", "--no-pip")
    env = sandbox.store / "a"
    (env / "bin" / "postactivate").write_text("echo hook-ran\n")
    age_stamp(sandbox, "a", 100 * DAY)
    age_stamp(sandbox, "keep", 60)  # in use by another shell a minute ago
    record = registry(sandbox)["a"]
    stamp_mtime = (sandbox.store / ".envman" / "used" / "a").stat().st_mtime

    proc = sandbox.ok("prune", "--unused", "0", "--yes")
    assert "moved a to the trash" in proc.stdout
    assert "kept: used in the last 10 minutes" in proc.stdout  # keep: listed, not moved
    assert names(sandbox) == ["keep"] and not env.exists()
    assert "a" not in registry(sandbox)
    (entry,) = trash_entries(sandbox)
    assert entry["name"] == "a" and entry["reasons"] == ["unused"] and entry["restorable"]
    assert entry["original_path"] == str(env) and entry["size"] > 0
    listing = sandbox.ok("trash").stdout
    assert "a " in listing and entry["id"] in listing and "unused" in listing
    # doctor leaves the trash alone: a trashed env is kept on purpose.
    assert sandbox.run("doctor", "--fix").returncode == 0
    assert len(trash_entries(sandbox)) == 1

    proc = sandbox.ok("restore", "a")
    assert f"restored a ({entry['id']}) at {env}" in proc.stdout
    assert registry(sandbox)["a"] == record
    assert installed(env)["envman-demo-a"] == "2.0"
    assert (env / "bin" / "postactivate").read_text() == "echo hook-ran\n"
    assert (env / ".project").read_text().strip() == str(project)
    used = sandbox.store / ".envman" / "used" / "a"
    assert used.stat().st_mtime == pytest.approx(stamp_mtime, abs=1)
    assert trash_entries(sandbox) == []
    assert list((sandbox.store / ".envman" / "trash").iterdir()) == []
    # Activatable: workon in bash runs its hook and its console script.
    shell = bash_workon(sandbox, "a", 'printf "%s\\n" "$VIRTUAL_ENV"; demo-a\n')
    assert shell.returncode == 0, shell.stderr
    assert shell.stdout.splitlines() == ["hook-ran", str(env), "envman-demo-a 2.0"]
    assert shell.stderr == ""


def test_restore_picks_the_newest_entry_or_the_one_asked_for(sandbox, wheels):
    sandbox.ok("new", "a", "-i", str(wheel(wheels, "a", "1.0")))
    sandbox.ok("prune", "--unused", "0", "--yes")
    sandbox.ok("new", "a", "-i", str(wheel(wheels, "a", "2.0")))
    sandbox.ok("prune", "--unused", "0", "--yes")
    first, _second = trash_entries(sandbox)  # oldest first
    sandbox.ok("restore", "a")
    assert installed(sandbox.store / "a")["envman-demo-a"] == "2.0"
    assert [e["id"] for e in trash_entries(sandbox)] == [first["id"]]
    sandbox.ok("rm", "-y", "a")
    sandbox.ok("restore", "a", "--id", first["id"])
    assert installed(sandbox.store / "a")["envman-demo-a"] == "1.0"


def test_trash_empty_older_then_all(sandbox, wheels):
    make_envs(sandbox, wheels, "old", "new")
    sandbox.ok("prune", "--unused", "0", "--yes")
    entries = {e["name"]: e for e in trash_entries(sandbox)}
    # Date the entry of "old" back 30 days, as if pruned then.
    meta_path = Path(entries["old"]["path"]) / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["trashed_at"] = "2000-01-01T00:00:00+00:00"
    meta_path.write_text(json.dumps(meta))
    assert "old" in sandbox.ok("trash").stdout

    proc = sandbox.ok("trash", "--empty", "--older", "7")
    assert f"deleted old ({entries['old']['id']}" in proc.stdout
    assert "deleted new" not in proc.stdout
    assert [e["name"] for e in trash_entries(sandbox)] == ["new"]
    sandbox.ok("trash", "--empty")
    assert trash_entries(sandbox) == []
    assert list((sandbox.store / ".envman" / "trash").iterdir()) == []
    assert "the trash is empty" in sandbox.ok("trash").stdout
    assert names(sandbox) == []


# -- what is never pruned ----------------------------------------------------------------------
def test_active_env_is_refused(sandbox, wheels):
    make_envs(sandbox, wheels, "cur", "other")
    active = {"VIRTUAL_ENV": str(sandbox.store / "cur")}
    proc = sandbox.ok("prune", "--unused", "0", "--yes", env=active)
    assert "kept: active in this shell" in proc.stdout
    assert names(sandbox) == ["cur"]
    assert [e["name"] for e in trash_entries(sandbox)] == ["other"]


def test_recently_used_env_is_skipped_and_an_old_stamp_is_not(sandbox, wheels):
    make_envs(sandbox, wheels, "recent", "stale")
    age_stamp(sandbox, "recent", 120)
    age_stamp(sandbox, "stale", 2 * DAY)
    data = json.loads(sandbox.ok("prune", "--unused", "1", "--yes", "--json").stdout)
    kept = {c["name"]: c["kept"] for c in data["candidates"]}
    assert kept == {"stale": None}  # recent: used 2 min ago, so not even unused for 1 day
    assert [p["name"] for p in data["pruned"]] == ["stale"]
    data = json.loads(sandbox.ok("prune", "--unused", "0", "--yes", "--json").stdout)
    assert [(c["name"], c["kept"]) for c in data["candidates"]] == [
        ("recent", "used in the last 10 minutes")]
    assert data["pruned"] == [] and names(sandbox) == ["recent"]


# -- orphaned, interrupted ---------------------------------------------------------------------
def test_orphaned_env_is_found_when_its_project_is_gone(sandbox, tmp_path):
    project = tmp_path / "gone"
    project.mkdir()
    sandbox.ok("new", "orphan", "--no-pip", "-a", str(project))
    sandbox.ok("new", "fine", "--no-pip")
    assert "nothing to prune" in sandbox.ok("prune", "--orphaned").stdout
    project.rmdir()
    data = json.loads(sandbox.ok("prune", "--orphaned", "--json").stdout)
    assert [(c["name"], c["reasons"]) for c in data["candidates"]] == [("orphan", ["orphaned"])]


def test_env_left_by_a_killed_build_is_pruned_and_can_be_restored(sandbox):
    sandbox.ok("new", "keep", "--no-pip")
    # What a SIGKILL during `envman new` leaves, after the env directory exists.
    sigkill_inside_create(sandbox, "half", after_venv=True)
    data = json.loads(sandbox.ok("prune", "--interrupted", "--json").stdout)
    assert [(c["name"], c["reasons"]) for c in data["candidates"]] == [("half", ["interrupted"])]
    sandbox.ok("prune", "--interrupted", "--yes")
    assert names(sandbox) == ["keep"]
    assert "half" not in registry(sandbox)
    sandbox.ok("restore", "half")  # exactly as it was: still an interrupted build
    assert "interrupted" in sandbox.ok("ls").stdout


# -- broken base interpreters: prune --broken, ls --by-python, upgrade --broken, workon ------
@pytest.mark.slow
def test_broken_envs_found_listed_by_python_and_repaired(sandbox, wheels, tmp_path):
    version_dir = needs_pyenv("3.12.1")
    base = make_base_copy(tmp_path / "base", version_dir)
    for name in ("v1", "v2"):
        sandbox.ok("new", name, "-p", str(base), "-i", str(wheel(wheels, "a", "1.0")),
                   "-i", str(wheel(wheels, "b")))
    sandbox.ok("new", "bystander", "--no-pip")
    assert "nothing to prune" in sandbox.ok("prune", "--broken").stdout
    groups = json.loads(sandbox.ok("ls", "--by-python", "--json").stdout)
    assert {(g["python"], g["gone"], tuple(g["envs"]))
            for g in groups if g["python"] == str(base)} == {(str(base), False, ("v1", "v2"))}

    shutil.rmtree(tmp_path / "base")  # the base Python is uninstalled underneath
    data = json.loads(sandbox.ok("prune", "--broken", "--json").stdout)
    assert [(c["name"], c["reasons"]) for c in data["candidates"]] == [
        ("v1", ["broken"]), ("v2", ["broken"])]
    groups = json.loads(sandbox.ok("ls", "--by-python", "--json").stdout)
    gone = [g for g in groups if g["gone"]]
    assert len(gone) == 1 and gone[0]["python"] == str(base) and gone[0]["envs"] == ["v1", "v2"]
    assert gone[0]["version"] == "3.12.1" and gone[0]["count"] == 2 and gone[0]["size"] > 0
    assert [g["envs"] for g in groups if not g["gone"]] == [["bystander"]]
    table = sandbox.ok("ls", "--by-python").stdout
    assert "gone" in table and "v1, v2" in table and "envman upgrade --broken" in table

    # workon says so, in pure shell, and still activates.
    shell = bash_workon(sandbox, "v1", 'printf "%s\\n" "$VIRTUAL_ENV"\n')
    assert shell.returncode == 0
    assert shell.stderr == (f"envman: warning: the Python 'v1' was built on is gone "
                            f"({base.parent}); run 'envman upgrade v1' to rebuild it\n")
    assert shell.stdout == f"{sandbox.store / 'v1'}\n"
    assert bash_workon(sandbox, "bystander").stderr == ""

    before = sandbox.snapshot()
    plan = sandbox.ok("upgrade", "--broken", "--dry-run").stdout
    assert f"v1: Python 3.12.1 at {base} (gone) -> Python 3.12.1 at " in plan
    assert "2 envs would be rebuilt; nothing was changed" in plan
    assert sandbox.snapshot() == before

    proc = sandbox.ok("upgrade", "--broken")
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("[1/2] rebuilt v1 on Python 3.12.1 (")
    assert lines[1].startswith("[2/2] rebuilt v2 on Python 3.12.1 (")
    assert lines[-1] == "rebuilt 2 of 2"
    listed = {e["name"]: e for e in json.loads(sandbox.ok("ls", "--json").stdout)}
    assert all(e["health"] == "ok" for e in listed.values()), listed
    for name in ("v1", "v2"):
        assert installed(sandbox.store / name)["envman-demo-b"] == "0.3"
        assert installed(sandbox.store / name)["envman-demo-a"] == "1.0"
    assert not any(g["gone"] for g in json.loads(sandbox.ok("ls", "--by-python", "--json").stdout))
    assert "no environment has lost its base Python" in sandbox.ok("upgrade", "--broken").stdout
    assert bash_workon(sandbox, "v1").stderr == ""


def test_workon_warns_in_fish_and_bash_without_starting_a_process(sandbox, tmp_path):
    """The check is builtins only: PATH is emptied before workon (the last-used
    directory exists, so activation needs no mkdir either)."""
    sandbox.ok("new", "w", "--no-pip")
    cfg = sandbox.store / "w" / "pyvenv.cfg"
    gone = tmp_path / "no such python" / "bin"
    text = cfg.read_text().splitlines()
    cfg.write_text("\n".join(f"home = {gone}" if line.startswith("home") else line
                             for line in text) + "\n")
    (sandbox.store / ".envman" / "used").mkdir(exist_ok=True)
    expected = (f"envman: warning: the Python 'w' was built on is gone ({gone}); "
                "run 'envman upgrade w' to rebuild it\n")
    env = dict(sandbox.env, T_SH=str(REPO / "shell" / "envman.sh"))
    for argv in (["bash", "--norc", "--noprofile"], ["zsh", "-f"]):
        require_program(argv[0])
        shell = subprocess.run([*argv, "-c",
                                'set -u\n\\builtin source "$T_SH"\nPATH=\nworkon w\necho "$?"'],
                               capture_output=True, text=True, env=env, cwd=sandbox.home,
                               stdin=subprocess.DEVNULL, timeout=60, check=False)
        assert (shell.stdout, shell.stderr) == ("0\n", expected), argv
    fish = require_program("fish")
    env = dict(sandbox.env, T_FISH=str(REPO / "shell" / "envman.fish"))
    shell = subprocess.run([fish, "--no-config", "--private", "-c",
                            'source "$T_FISH"; set PATH; workon w; echo $status'],
                           capture_output=True, text=True, env=env, cwd=sandbox.home,
                           stdin=subprocess.DEVNULL, timeout=60, check=False)
    assert (shell.stdout, shell.stderr) == ("0\n", expected)


# -- bad input ---------------------------------------------------------------------------------
@pytest.mark.parametrize("args,message", [
    (["restore", "bad/name"], "contains '/'"),
    (["restore", "-x"], "No such option"),
    (["restore", "a", "--id", "deadbeef"], "the trash has no entry deadbeef for 'a'"),
    (["restore", "a", "--id", "../../x"], "is not a trash id"),
    (["restore", "taken"], "cannot restore 'taken': an environment of that name exists now"),
    (["prune", "--unused", "-1"], "--unused must be 0 or more days"),
    (["prune", "--unused", "soon"], "'soon' is not a valid int"),
    (["trash", "--older", "3"], "--older goes with --empty"),
    (["trash", "--empty", "--older", "-2"], "--older must be 0 or more days"),
    (["upgrade", "--dry-run"], "--dry-run goes with --broken"),
    (["upgrade", "--broken", "taken"], "not several"),
    (["ls", "--by-python", "-b"], "cannot be combined"),
])
def test_bad_input_is_one_line_exit_2_and_changes_nothing(sandbox, args, message):
    sandbox.ok("new", "a", "--no-pip")
    sandbox.ok("new", "taken", "--no-pip")
    sandbox.ok("prune", "--unused", "0", "--yes")
    sandbox.ok("new", "taken", "--no-pip")
    before = durable(sandbox.snapshot())
    proc = sandbox.run(*args)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and message in proc.stderr, proc.stderr
    assert durable(sandbox.snapshot()) == before


def test_unknown_name_in_trash_is_exit_1(sandbox):
    proc = sandbox.run("restore", "nothere")
    assert proc.returncode == 1
    assert proc.stderr == ("envman: error: the trash has no environment 'nothere' "
                           "(see 'envman trash')\n")


def test_trash_metadata_is_validated_like_a_strangers(sandbox, tmp_path):
    """A tampered entry is listed with its problem and never restored; files that are
    not entries are ignored and left alone."""
    sandbox.ok("new", "a", "--no-pip")
    sandbox.ok("new", "b", "--no-pip")
    sandbox.ok("prune", "--unused", "0", "--yes")
    entries = {e["name"]: Path(e["path"]) for e in trash_entries(sandbox)}
    meta = json.loads((entries["a"] / "meta.json").read_text())
    meta["original_path"] = str(tmp_path / "elsewhere" / "a")
    (entries["a"] / "meta.json").write_text(json.dumps(meta))
    (entries["b"] / "meta.json").unlink()
    (entries["b"] / "meta.json").symlink_to(tmp_path / "fake.json")
    (tmp_path / "fake.json").write_text("{}")
    stranger = sandbox.store / ".envman" / "trash" / "not an entry"
    stranger.mkdir()
    listed = {e["name"]: e for e in trash_entries(sandbox)}
    assert "not from this store" in listed["a"]["problem"]
    assert "damaged" in listed["b"]["problem"]
    before = durable(sandbox.snapshot())
    for name in ("a", "b"):
        proc = sandbox.run("restore", name)
        assert proc.returncode == 1 and proc.stderr.count("\n") == 1, proc.stderr
        assert "cannot restore" in proc.stderr
    assert durable(sandbox.snapshot()) == before
    sandbox.ok("trash", "--empty")
    assert [p.name for p in (sandbox.store / ".envman" / "trash").iterdir()] == ["not an entry"]
    assert (tmp_path / "fake.json").read_text() == "{}"  # the link was removed, not followed


def test_rm_help_mentions_prune_and_the_trash(sandbox):
    text = sandbox.ok("rm", "--help").stdout
    assert "for good" in text and "envman prune" in text and "trash" in text


def on_terminal(sandbox, args: list[str], answer: str) -> tuple[int, str]:
    """Run envman with a pseudo-terminal as stdin/stdout/stderr, typing ``answer``."""
    from tests.support import Terminal

    with Terminal.popen(lambda tty: subprocess.Popen(
            [sys.executable, "-m", "envman", *args], stdin=tty, stdout=tty, stderr=tty,
            env=sandbox.env, cwd=sandbox.home, close_fds=True)) as term:
        out = term.read_to_end(120, answer=(b"[y/N]", answer.encode() + b"\r"))
        code = term.wait(60)
    return code, out.decode("utf-8", "replace").replace("\r\n", "\n")


def test_prune_asks_once_on_a_terminal(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    before = durable(sandbox.snapshot())
    code, out = on_terminal(sandbox, ["prune", "--unused", "0"], "n")
    assert code == 1, out
    assert out.count("Move 1 env to the trash?") == 1
    assert out.index("a ") < out.index("Move 1 env")  # the list comes first
    assert "nothing was changed" in out
    assert durable(sandbox.snapshot()) == before
    code, out = on_terminal(sandbox, ["prune", "--unused", "0"], "y")
    assert code == 0, out
    assert "moved a to the trash" in out and names(sandbox) == []


def test_trash_that_is_a_symlink_is_refused(sandbox, tmp_path):
    """Nothing is moved through a symlink planted where the trash should be."""
    sandbox.ok("new", "a", "--no-pip")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (sandbox.store / ".envman" / "trash").symlink_to(elsewhere)
    before = durable(sandbox.snapshot())
    proc = sandbox.run("prune", "--unused", "0", "--yes")
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "is a symlink" in proc.stderr
    assert durable(sandbox.snapshot()) == before
    assert list(elsewhere.iterdir()) == []
    assert sandbox.run("trash").returncode == 1


LONG = "a-rather-long-environment-name-for-the-width-tests"


def test_prune_trash_and_by_python_fit_the_width_and_json_does_not_change(sandbox):
    """The three tables fit COLUMNS one row per env (the interpreter's path cut from the
    middle, never its end); piped output with no COLUMNS is whole; JSON ignores width."""
    sandbox.ok("new", LONG, "--no-pip")
    sandbox.ok("new", "b", "--no-pip")

    def at(width: int | None, *args: str) -> str:
        env = {k: v for k, v in sandbox.env.items() if k != "COLUMNS"}
        if width is not None:
            env["COLUMNS"] = str(width)
        proc = sandbox.run(*args, env=env)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    def table_fits(text: str, width: int, rows: int) -> list[str]:
        lines = text.splitlines()
        assert all(len(line) <= width for line in lines), (width, text)
        return lines[:1 + rows]

    interpreter = json.loads(at(None, "ls", "--by-python", "--json"))[0]["python"]
    for width in (40, 60, 80):
        listed = table_fits(at(width, "prune", "--unused", "0"), width, 2)
        assert listed[0].startswith("name") and "reason" in listed[0]
        for line in listed[1:]:  # a name is whole, or cut from the middle as a last resort
            name = line.split()[0]
            assert name in (LONG, "b") or ("…" in name and LONG.endswith(name.split("…")[-1]))
        grouped = table_fits(at(width, "ls", "--by-python"), width, 1)
        assert grouped[0].split()[:3] == ["python", "version", "status"]
        shown = grouped[1].split()[0]
        if "…" in shown:
            assert interpreter.endswith(shown.split("…")[-1])
    assert "2 envs," in at(80, "prune", "--unused", "0")
    piped = at(None, "ls", "--by-python")
    assert interpreter in piped and "…" not in piped
    json_prune = json.loads(at(40, "prune", "--unused", "0", "--json"))
    assert json_prune == json.loads(at(None, "prune", "--unused", "0", "--json"))

    at(None, "prune", "--unused", "0", "--yes")
    for width in (40, 60, 80):
        trashed = table_fits(at(width, "trash"), width, 2)
        assert trashed[0].split()[:2] == ["name", "id"]
    narrow = at(40, "trash")
    assert all(e["id"] in narrow for e in trash_entries(sandbox))  # what restore --id takes
    assert "2 entries," in at(80, "trash")
    assert json.loads(at(40, "trash", "--json")) == trash_entries(sandbox)


def test_envs_virtualenvwrapper_could_name_are_pruned_and_restored(sandbox):
    """Names only the existing-env rule admits (mkvirtualenv makes them) go to the trash,
    are listed there and come back like any other."""
    odd = ["+x", " old env"]
    for name in odd:
        sandbox.ok("new", "--virtualenvwrapper-name", name, "--no-pip")
    before = {name: sorted(p.name for p in (sandbox.store / name).iterdir()) for name in odd}
    sandbox.ok("prune", "--unused", "0", "--yes")
    assert names(sandbox) == []
    assert sorted(e["name"] for e in trash_entries(sandbox)) == sorted(odd)
    for name in odd:
        sandbox.ok("restore", name)
        assert sorted(p.name for p in (sandbox.store / name).iterdir()) == before[name]
    assert trash_entries(sandbox) == []
    assert sorted(e["name"] for e in json.loads(sandbox.ok("ls", "--json").stdout)) == sorted(odd)
