"""The fast path (cli/fast.py) answers some read-only command lines without typer.
It must be invisible: same stdout, stderr and exit code as the full CLI, which is
forced with ENVMAN_NO_FASTPATH=1. A varied store (registered, unregistered, broken,
missing, linked to a project, a hostile name's neighbour: a hook script file) makes
every column and state show up."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

SLOW = {"ENVMAN_NO_FASTPATH": "1"}


@pytest.fixture
def varied_store(sandbox):
    project = sandbox.root / "proj dir"
    project.mkdir()
    sandbox.ok("new", "alpha", "--no-pip")
    sandbox.ok("new", "Beta", "--no-pip", "-a", str(project))
    sandbox.ok("new", "broken", "--no-pip")
    sandbox.ok("new", "gone", "--no-pip")
    (sandbox.store / "broken" / "bin" / "python").unlink()
    shutil.rmtree(sandbox.store / "gone")  # registry entry left: state "missing"
    uv = shutil.which("uv", path=sandbox.env["PATH"])
    assert uv, "uv is a dependency of envman"
    import subprocess

    subprocess.run([uv, "venv", "-q", str(sandbox.store / "handmade")], check=True,
                   env=sandbox.env)
    (sandbox.store / "postactivate").write_text("# virtualenvwrapper hook\n")
    used = sandbox.store / ".envman" / "used"
    used.mkdir(parents=True, exist_ok=True)
    (used / "alpha").touch()
    return sandbox


def assert_same(sandbox, *args: str, env: dict | None = None) -> None:
    fast = sandbox.run(*args, env=env)
    slow = sandbox.run(*args, env={**(env or {}), **SLOW})
    assert ((fast.returncode, fast.stdout, fast.stderr)
            == (slow.returncode, slow.stdout, slow.stderr))


COMMAND_LINES = [
    ["--version"],
    ["path", "alpha"],
    ["ls"],
    ["ls", "-l"],
    ["ls", "--long"],
    ["ls", "-b"],
    ["ls", "--bare"],
    ["ls", "--json"],
    ["ls", "-l", "--json"],
    ["ls", "--json", "-l", "--json"],
    ["show", "alpha"],
    ["show", "Beta", "--json"],
    ["show", "--json", "broken"],
    ["show", "gone"],
    ["show", "handmade", "--json"],
    ["show", "--json", "--json", "alpha"],  # not fast-pathed: handed over
    ["init", "bash"],
    ["init", "zsh", "--auto"],
    ["init", "--no-compat", "fish"],
    ["init", "ksh", "--auto", "--no-compat", "--path"],
    ["init", "--path", "bash"],
    ["init", "bash", "--auto", "--auto"],  # not fast-pathed: handed over
]


HANDED_OVER = [["show", "--json", "--json", "alpha"], ["init", "bash", "--auto", "--auto"]]

_PROBE = ("import sys; from envman.__main__ import main; rc = main(sys.argv[1:]); "
          "sys.stdout.flush(); print('typer' in sys.modules, file=sys.stderr)")


def typer_loaded(sandbox, args) -> bool:
    """Did answering ``args`` import typer? The point of the fast path is
    that it does not; without this check an identity test would also pass if the fast
    path quietly handed every line over."""
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True,
                          text=True, env=sandbox.env, cwd=sandbox.home)
    last = proc.stderr.strip().splitlines()[-1]
    assert last in ("True", "False"), proc.stderr
    return last == "True"


@pytest.mark.parametrize("args", COMMAND_LINES, ids=" ".join)
def test_fast_path_output_is_identical(varied_store, args):
    assert_same(varied_store, *args)
    assert typer_loaded(varied_store, args) == (args in HANDED_OVER)
    assert os.environ.get("ENVMAN_NO_FASTPATH") is None


# Errors are never answered by the fast path; these check it hands them over cleanly.
ERROR_LINES = [
    ["ls", "-b", "-l"],
    ["ls", "--json", "-b"],
    ["ls", "-x"],
    ["ls", "-lb"],
    ["show", "nope"],
    ["show", "-x"],
    ["show", "a/b"],
    ["show", "alpha", "Beta"],
    ["path", "nope"],
    ["path", ".."],
    ["init"],
    ["init", "tcsh"],
    ["init", "bash", "zsh"],
    ["init", "bash", "--pth"],
]


@pytest.mark.parametrize("args", ERROR_LINES, ids=" ".join)
def test_errors_match_the_full_cli(varied_store, args):
    before = varied_store.snapshot()
    fast = varied_store.run(*args)
    assert fast.returncode == 2 or fast.returncode == 1
    assert fast.stderr.startswith("envman: error: ")
    assert_same(varied_store, *args)
    assert varied_store.snapshot() == before


def test_empty_and_absent_store(sandbox):
    assert not sandbox.store.exists()
    for args in (["ls"], ["ls", "-b"], ["ls", "--json"], ["ls", "-l"]):
        assert_same(sandbox, *args)
    sandbox.store.mkdir()
    assert_same(sandbox, "ls")


def test_store_that_is_a_file(sandbox):
    sandbox.store.write_text("not a directory\n")
    assert_same(sandbox, "ls")
    assert sandbox.run("ls").stderr.startswith("envman: error: ")


@pytest.mark.parametrize("config", ["[shell]\ncompat = false\n", "[shell]\ncompat = true\n",
                                    "[shell\n"])
def test_init_prints_the_same_whatever_the_config_says(sandbox, config):
    """`init`'s lines end up in rc files: they must not freeze config.toml's `[shell]
    compat` (the shell file reads it at every start), nor fail on a config.toml the shell
    file reads without trouble."""
    plain = sandbox.run("init", "bash")
    path = sandbox.root / "envman-config.toml"
    path.write_text(config)
    env = {"ENVMAN_CONFIG": str(path)}
    assert_same(sandbox, "init", "bash", env=env)
    configured = sandbox.run("init", "bash", env=env)
    assert (configured.returncode, configured.stdout, configured.stderr) == (
        0, plain.stdout, "")


def test_help_is_not_fast_pathed(sandbox):
    fast = sandbox.run("ls", "--help")
    assert fast.returncode == 0 and "--json" in fast.stdout


# -- the parsed-registry cache (regcache.py) that keeps `ls` fast at 1000 envs ----------------
def test_registry_cache_follows_hand_edits_and_survives_corruption(sandbox):
    sandbox.ok("new", "alpha", "--no-pip")
    state = sandbox.store / ".envman"
    cache = state / "registry.cache"
    assert cache.is_file()  # written with the registry
    reg = state / "registry.toml"
    # A registry changed behind envman's back: the cache no longer matches, is ignored.
    reg.write_text(reg.read_text().replace('backend = "uv"', 'backend = "handmade"'))
    assert '"backend": "handmade"' in sandbox.ok("show", "alpha", "--json").stdout
    cache.write_bytes(b"\x00garbage")
    assert '"backend": "handmade"' in sandbox.ok("show", "alpha", "--json").stdout
    cache.unlink()
    before = sandbox.snapshot()
    assert_same(sandbox, "ls", "--json")
    assert sandbox.snapshot() == before  # readers never write the cache


def test_registry_cache_round_trips_every_toml_type(tmp_path):
    """Dates and times have no marshal type; they must come back equal (and a datetime
    must not come back as a date)."""
    from envman import regcache

    doc = (b"schema = 1\n[envs.a]\ncreated = 2026-11-22T04:49:00+00:00\n"
           b"local = 2026-11-22T04:49:00\n"
           b"day = 2026-11-22\nat = 04:49:00.5\nf = 1.5\nlist = [\"x\", 2]\n"
           b"nested = { k = true, when = 2026-11-22, deeper = { at = 04:49:00 } }\n"
           b"dates = [2026-11-22, [04:49:00, { x = 2026-11-22T04:49:00 }]]\n")
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    data = tomllib.loads(doc.decode())
    cache = tmp_path / "registry.cache"
    regcache.save(cache, doc, data)
    back = regcache.load(cache, doc)
    assert back == data
    assert type(back["envs"]["a"]["created"]) is type(data["envs"]["a"]["created"])
    assert regcache.load(cache, doc + b"\n") is None  # other bytes: not used
    # A copy in format 1 (an earlier envman's; readers never rewrite it) is still read.
    import marshal

    cache.write_bytes(marshal.dumps((regcache._key(doc, 1), _format1(data))))
    back = regcache.load(cache, doc)
    assert back == data
    assert type(back["envs"]["a"]["created"]) is type(data["envs"]["a"]["created"])


def _format1(value):
    """regcache's format 1: every date and time as a (tag, isoformat) pair, in place."""
    import datetime

    if isinstance(value, dict):
        return {k: _format1(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_format1(v) for v in value]
    for kind, tag in ((datetime.datetime, "\0datetime"), (datetime.date, "\0date"),
                      (datetime.time, "\0time")):
        if isinstance(value, kind):
            return (tag, value.isoformat())
    return value


def test_registry_recovery_warning_is_the_same(sandbox):
    """A registry that does not parse is moved aside and rebuilt, with a warning on
    stderr: the fast path must print it exactly as the full CLI does."""
    import re

    sandbox.ok("new", "alpha", "--no-pip")
    reg = sandbox.store / ".envman" / "registry.toml"
    outputs = []
    for env in ({}, SLOW):
        reg.write_text("this is [not toml\n")
        proc = sandbox.run("ls", env=env)
        stderr = re.sub(r"registry\.toml\.corrupt-[^ ]+", "registry.toml.corrupt-X", proc.stderr)
        outputs.append((proc.returncode, proc.stdout, stderr))
    assert outputs[0] == outputs[1]
    assert outputs[0][2].startswith("envman: warning: registry ")
    assert "alpha" in outputs[0][1]


# -- `new NAME`, the main job, also answered without typer --------------------------------
def _record(sandbox, name: str) -> dict:
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    data = tomllib.loads((sandbox.store / ".envman" / "registry.toml").read_text())
    record = dict(data["envs"][name])
    for varying in ("path", "created", "pid"):
        record.pop(varying, None)
    return record


def test_new_name_is_the_same_env_and_output_as_the_full_cli(sandbox, tmp_path):
    """`new NAME` without typer builds the same env (same registry record but for its
    path and time, same files), prints the same line and tells the shell the same way."""
    results = []
    for name, env in (("fast", {}), ("slow", SLOW)):
        result_file = tmp_path / f"{name}.result"
        proc = sandbox.run("new", name, env={**env, "ENVMAN_RESULT_FILE": str(result_file)})
        assert proc.returncode == 0, proc.stderr
        results.append((proc.stdout.replace(name, "NAME"), proc.stderr, _record(sandbox, name),
                        result_file.read_text() == name,
                        sorted(p.name for p in (sandbox.store / name / "bin").iterdir())))
    assert results[0] == results[1]
    assert "pip" in results[0][4]
    assert not typer_loaded(sandbox, ["new", "third"])
    assert typer_loaded(sandbox, ["new", "fourth", "--no-pip"])  # options go to typer


@pytest.mark.parametrize("name", ["fast", "a/b", "..", "x" * 65])
def test_new_name_errors_match_the_full_cli(sandbox, name):
    """A taken or invalid name: the fast path ends with the full CLI's line and code
    (it does not hand over: a build may have begun) and the store is unchanged."""
    sandbox.ok("new", "fast", "--no-pip")
    before = sandbox.snapshot()
    fast = sandbox.run("new", name)
    slow = sandbox.run("new", name, env=SLOW)
    assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout,
                                                           slow.stderr)
    assert fast.returncode in (1, 2) and fast.stderr.count("\n") == 1
    assert fast.stderr.startswith("envman: error: ")
    assert sandbox.snapshot() == before


# -- listing.quick_list: `ls`'s quick reading of the store against the full one -------------
# Both the fast path and the typer command print plain `ls` and `ls --json` from
# listing.quick_list when it applies, so the identity tests above compare it with itself;
# these compare it with status.list_envs, and check it stands aside where the full
# reading warns, recovers or raises.
def _both_readings(sandbox, monkeypatch):
    from envman import listing, status
    from envman.store import Store

    monkeypatch.setenv("HOME", str(sandbox.home))
    monkeypatch.setenv("WORKON_HOME", str(sandbox.store))
    return listing.quick_list(), status.list_envs(Store.default())


def _view(entries):
    return [(e.to_json(), e.name, e.state, e.health, e.python_version, e.created,
             e.last_used, e.project) for e in entries]


def test_quick_listing_matches_the_full_reading(varied_store, monkeypatch):
    (varied_store.store / "handmade" / ".project").write_text("/somewhere/else\n")
    quick, full = _both_readings(varied_store, monkeypatch)
    assert quick is not None
    assert {e.state for e in quick} >= {"ready", "unregistered", "missing"}
    assert _view(quick) == _view(full)


def test_quick_listing_records_default_as_the_registry_does():
    # listing.Record restates registry.EnvRecord's defaults (ls must not import the
    # dataclass): an entry that leaves a field out reads the same both ways.
    from envman import listing, plaindata
    from envman.registry import EnvRecord
    record, full = listing.Record({}), EnvRecord(name="x", path="x")
    # (the fields Record answers are its class attributes, its defaults)
    defaults = [n for n, v in vars(listing.Record).items()
                if not n.startswith("_") and not callable(v)]
    assert "backend" in defaults and "temporary" in defaults
    for name in defaults:
        assert getattr(record, name) == getattr(full, name), name
    assert set(defaults) <= {f.name for f in plaindata.fields(EnvRecord)}
    entry = {"python": "/usr/bin/python3", "packages": ["x"], "state": "ready"}
    record = listing.Record(entry)
    assert (record.python, record.packages, record.backend) == ("/usr/bin/python3", ["x"], "")


def test_quick_listing_of_an_absent_or_empty_store(sandbox, monkeypatch):
    assert _both_readings(sandbox, monkeypatch) == ([], [])
    sandbox.store.mkdir()
    assert _both_readings(sandbox, monkeypatch) == ([], [])


def _invalid_entry(sandbox):
    reg = sandbox.store / ".envman" / "registry.toml"
    reg.write_text(reg.read_text() + '\n[envs.odd]\npython = 3\n')


def _creating(sandbox):
    reg = sandbox.store / ".envman" / "registry.toml"
    text = reg.read_text()
    assert 'state = "ready"' in text
    reg.write_text(text.replace('state = "ready"', 'state = "creating"'))


def _unmanageable(sandbox):
    bad = sandbox.store / "-dash"
    (bad / "bin").mkdir(parents=True)
    (bad / "pyvenv.cfg").write_text("home = /usr/bin\n")


def _corrupt(sandbox):
    (sandbox.store / ".envman" / "registry.toml").write_text("not [ toml\n")


def _linked_state(sandbox):
    state = sandbox.store / ".envman"
    state.rename(sandbox.root / "elsewhere")
    state.symlink_to(sandbox.root / "elsewhere")


def _registry_dir(sandbox):
    reg = sandbox.store / ".envman" / "registry.toml"
    reg.unlink()
    reg.mkdir()


@pytest.mark.parametrize("spoil", [_invalid_entry, _creating, _unmanageable, _corrupt,
                                   _linked_state, _registry_dir],
                         ids=lambda f: f.__name__.strip("_"))
def test_quick_listing_stands_aside_when_the_full_reading_does_more(sandbox, monkeypatch,
                                                                    spoil):
    from envman import listing

    sandbox.ok("new", "alpha", "--no-pip")
    spoil(sandbox)
    monkeypatch.setenv("HOME", str(sandbox.home))
    monkeypatch.setenv("WORKON_HOME", str(sandbox.store))
    assert listing.quick_list() is None
    if spoil is not _corrupt:  # the first full reading of a corrupt registry rebuilds it
        assert_same(sandbox, "ls")
        assert_same(sandbox, "ls", "--json")


def test_quick_listing_of_a_store_that_is_a_file(sandbox, monkeypatch):
    from envman import listing

    sandbox.store.write_text("not a directory\n")
    monkeypatch.setenv("HOME", str(sandbox.home))
    monkeypatch.setenv("WORKON_HOME", str(sandbox.store))
    assert listing.quick_list() is None


def test_json_without_the_json_module_is_json_dumps():
    import json
    import random

    from envman.cli import render

    rnd = random.Random(21)
    scalars = [None, True, False, 0, -5, 2**70, "", 'a"\\\n\t\x01\x7f é€😀\u2028', "plain"]

    def value(depth=0):
        r = rnd.random()
        if depth > 3 or r < 0.4:
            return rnd.choice(scalars)
        if r < 0.7:
            return [value(depth + 1) for _ in range(rnd.randint(0, 3))]
        return {rnd.choice(["a", 'b"', "c\n", "€", ""]) + str(i): value(depth + 1)
                for i in range(rnd.randint(0, 3))}

    for _ in range(3000):
        data = value()
        assert render._plain_json(data, "\n") == json.dumps(data, indent=2, ensure_ascii=False)
    for odd in ({1: "int key"}, [1.5], {"when": __import__("datetime").date(2026, 1, 2)}):
        with pytest.raises(render._NotPlain):
            render._plain_json(odd, "\n")


def test_when_is_strftime():
    from datetime import datetime, timedelta, timezone

    from envman.cli import render

    zones = [timezone.utc, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8))]
    for year in (2, 999, 1000, 1970, 2026, 9998):
        for month, day, hour, minute in ((1, 1, 0, 0), (6, 15, 13, 7), (12, 28, 23, 59)):
            for zone in zones:
                value = datetime(year, month, day, hour, minute, tzinfo=zone)
                assert render.when(value) == value.astimezone().strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize("local", ["UTC", "Asia/Kolkata", "America/New_York",
                                   "Australia/Lord_Howe", "Europe/Amsterdam"])
def test_when_is_astimezone_in_any_local_zone(monkeypatch, local):
    """when() reads the local time with the system's localtime: the same minute as astimezone()
    across DST changes, half-hour zones, pre-1970 offsets, the last microsecond of a
    minute, and naive times (taken as local)."""
    import time
    from datetime import datetime, timedelta, timezone

    from envman.cli import render

    monkeypatch.setenv("TZ", local)
    time.tzset()
    try:
        values = [datetime(1901, 12, 14, tzinfo=timezone.utc),
                  datetime(1937, 7, 1, 11, 59, 59, 999999, tzinfo=timezone.utc),
                  datetime(2026, 3, 29, 0, 59, 59, 999999, tzinfo=timezone.utc),
                  datetime(2026, 10, 25, 1, 30, tzinfo=timezone(timedelta(hours=1))),
                  datetime(2026, 11, 1, 5, 59, 30, tzinfo=timezone(timedelta(hours=-1))),
                  datetime(1969, 12, 31, 23, 59, 59, 500000, tzinfo=timezone.utc),
                  datetime(2026, 6, 1, 12, 0), datetime(1, 1, 1, 12, 0, tzinfo=timezone.utc)]
        step = datetime(2026, 1, 1, tzinfo=timezone.utc)
        values += [step + timedelta(minutes=97 * i, seconds=i % 60) for i in range(1200)]
        for value in values:
            assert render.when(value) == value.astimezone().strftime("%Y-%m-%d %H:%M"), value
    finally:
        monkeypatch.undo()
        time.tzset()


def test_plain_table_pads_by_columns_ascii_or_not(monkeypatch, capsys):
    """render.table's all-ASCII shortcut (len, ljust) and its cell_len path align
    alike: each cell padded to its column's widest, two spaces between, no trailing."""
    from envman.cli import render

    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    columns = [render.Column("name"), render.Column("python"), render.Column("health")]
    for rows in ([["a", "3.12.1", "ok"], ["longer-name", "", "broken"]],
                 [["東京", "3.12.1", "ok"], ["longer-name", "-", "broken"]]):
        render.table(columns, rows)
        cells = [["name", "python", "health"]] + [[v or "-" for v in r] for r in rows]
        widths = [max(render.cell_len(r[k]) for r in cells) for k in range(3)]
        expected = ["  ".join([v + " " * (w - render.cell_len(v))
                               for v, w in zip(r[:-1], widths, strict=False)] + [r[-1]]).rstrip()
                    for r in cells]
        assert capsys.readouterr().out == "\n".join(expected) + "\n"


@pytest.mark.parametrize("kind", ["file", "link", "dangling", "absent", "dir"])
def test_health_and_project_see_links_as_they_point(tmp_path, kind):
    """check_health's bin/python and read_project_file's .project (access() first):
    a link counts as what it points to; a dangling one, like none, is missing."""
    from envman.envinfo import check_health, read_project_file

    env = tmp_path / "env"
    (env / "bin").mkdir(parents=True)
    (env / "pyvenv.cfg").write_text(f"home = {os.path.dirname(sys.executable)}\n")
    target = tmp_path / "target"
    target.write_text(f"{tmp_path}\n")
    for name in ("bin/python", ".project"):
        where = env / name
        if kind == "file":
            where.write_text(f"{tmp_path}\n")
        elif kind == "link":
            where.symlink_to(target)
        elif kind == "dangling":
            where.symlink_to(tmp_path / "nowhere")
        elif kind == "dir":
            where.mkdir()
    missing = "bin/python is missing or points nowhere"
    problems = check_health(env).problems
    assert (missing in problems) == (kind in ("dangling", "absent"))
    assert read_project_file(env) == (str(tmp_path) if kind in ("file", "link") else None)


def test_dates_are_datetimes_classes():
    import datetime

    from envman import dates

    assert (dates.date, dates.datetime, dates.time, dates.timedelta, dates.timezone) == (
        datetime.date, datetime.datetime, datetime.time, datetime.timedelta, datetime.timezone)


def test_ls_hands_over_with_garbage_collection_on(sandbox, monkeypatch):
    """The fast `ls` turns the cycle collector off for its listing; a store it hands
    over to the full CLI gets it back on."""
    import gc

    from envman.cli import fast

    sandbox.store.write_text("not a directory\n")
    monkeypatch.setenv("HOME", str(sandbox.home))
    monkeypatch.setenv("WORKON_HOME", str(sandbox.store))
    monkeypatch.delenv("ENVMAN_NO_FASTPATH", raising=False)
    assert gc.isenabled()
    try:
        assert fast.try_fast_path(["ls"]) is None
        assert gc.isenabled()
    finally:
        gc.enable()


def test_styled_ascii_table_is_the_general_styling(monkeypatch, capsys):
    """render.table's all-ASCII path on a colour terminal (column by column) writes what
    its general path does: each cell styled (health green when ok, red otherwise, the
    header bold), then padded to its column's width, two spaces between, no trailing."""
    import random

    from envman.cli import render

    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(render, "plain", lambda stream=None: False)
    monkeypatch.setattr(render, "width", lambda stream=None: None)
    rnd = random.Random(21)
    styles = [None, "bold", "health", "dim", "nonesuch", "bold red"]
    words = ["ok", "broken", "", "a", "x y", "trail ", "3.12.1", "-"]
    for _ in range(300):
        columns = [render.Column(f"h{k}" + " " * rnd.randint(0, 2), style=rnd.choice(styles))
                   for k in range(rnd.randint(1, 5))]
        rows = [[rnd.choice(words) for _ in columns] for _ in range(rnd.randint(0, 6))]
        render.table(columns, rows)
        cells = [[v or "-" for v in r] for r in rows]
        headers = [c.header for c in columns]
        widths = [max(len(r[k]) for r in [headers, *cells]) for k in range(len(columns))]

        def line(values, styles, widths=widths):
            return "  ".join(render.styled(v, s, False) + ("" if k == len(values) - 1 else
                                                           " " * (widths[k] - len(v)))
                             for k, (v, s) in enumerate(zip(values, styles, strict=True))
                             ).rstrip()

        expected = [line(headers, ["bold"] * len(headers))]
        for r in cells:
            expected.append(line(r, [("green" if v == "ok" else "red") if c.style == "health"
                                     else c.style for v, c in zip(r, columns, strict=True)]))
        assert capsys.readouterr().out == "\n".join(expected) + "\n"


def test_json_of_tables_with_the_same_keys_is_json_dumps():
    """_plain_json writes a list of dicts sharing their keys (ls --json) from a template;
    it must still be json.dumps, whatever the keys and values, and stand aside where the
    dicts differ."""
    import json
    import random

    from envman.cli import render

    class Key(str):
        pass

    rnd = random.Random(7)
    keys = ["name", "a%sb", "%", 'q"\n', "é", "", "problems"]
    scalars = [None, True, False, 0, 7, 2**70, "", "x%sy", 'a"\\\n\x01é😀', [], ["a", "b"],
               {"k": [1, {"z": None}]}, [[]], {}]
    for _ in range(2000):
        chosen = rnd.sample(keys, rnd.randint(1, len(keys)))
        tables = [{k: rnd.choice(scalars) for k in chosen} for _ in range(rnd.randint(1, 4))]
        if rnd.random() < 0.2:
            tables.append({k: 1 for k in reversed(chosen)})
        if rnd.random() < 0.1:
            tables.append({Key(chosen[0]): "sub"})
        if rnd.random() < 0.1:
            tables.insert(rnd.randint(0, len(tables)), rnd.choice([{}, "x", None]))
        data = rnd.choice([tables, {"envs": tables}])
        assert render._plain_json(data, "\n") == json.dumps(data, indent=2, ensure_ascii=False)
    with pytest.raises(render._NotPlain):
        render._plain_json([{"a": 1.5}, {"a": 2}], "\n")


def test_json_rows_are_print_json_of_their_dicts(monkeypatch):
    """print_json_rows (ls --json) writes rows column by column; it must write what
    json.dumps writes for the rows as dicts, whatever the columns hold: shared or
    varying values, strings that need escaping or not (a lone surrogate, an unprintable
    character json leaves as it is), None among strings, lists, and kinds it hands
    back to print_json (numbers, tables)."""
    import io
    import json
    import random

    from envman.cli import render

    rnd = random.Random(21)
    strings = ["", "plain", "x%sy", "é€😀", 'a"b', "back\\slash", "new\nline", "\x01",
               "\x7f\u00a0\u2028", "\udc80", "{", "},"]
    columns = [
        lambda: rnd.choice(strings), lambda: rnd.choice(strings[:4]), lambda: "same",
        lambda: None, lambda: rnd.choice([None, rnd.choice(strings)]),
        lambda: rnd.choice([None, "plain", "é"]), lambda: True, lambda: False,
        lambda: rnd.choice([True, False]), lambda: [],
        lambda: rnd.choice([[], [rnd.choice(strings)], ["a", "b"]]),
        lambda: rnd.choice([0, 7, 2**70]), lambda: rnd.choice([1.5, "x"]),
        lambda: rnd.choice([{}, {"k": [None]}]), lambda: rnd.choice([None, 3, [[]]]),
    ]
    keys = ["name", "a%sb", "%", 'q"\n', "é", "", "problems", "k2", "k3"]
    for _ in range(3000):
        chosen = rnd.sample(keys, rnd.randint(1, len(keys)))
        makers = [rnd.choice(columns) for _ in chosen]
        rows = [tuple(make() for make in makers) for _ in range(rnd.randint(0, 5))]
        out = io.StringIO()  # any text, a lone surrogate too
        monkeypatch.setattr(sys, "stdout", out)
        # rows are written a chunk at a time: chunks of 1 and 2 rows put the seams
        # between every kind of row
        monkeypatch.setattr(render, "_JSON_CHUNK", rnd.choice([1, 2, 200]))
        render.print_json_rows(chosen, rows)
        expected = json.dumps([dict(zip(chosen, row, strict=True)) for row in rows], indent=2,
                              ensure_ascii=False)
        assert out.getvalue() == expected + "\n"


def test_iso_text_is_isoformat():
    from datetime import datetime, timedelta, timezone

    from envman.listing import iso_text

    for value in [datetime(2026, 12, 7, 0, 5, 9, tzinfo=timezone.utc),
                  datetime(1999, 1, 31, 23, 59, 59, tzinfo=timezone.utc),
                  datetime(999, 5, 6, 7, 8, 9, tzinfo=timezone.utc),
                  datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc),
                  datetime(2026, 1, 2, 3, 4, 5, 600, tzinfo=timezone.utc),
                  datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=-3))),
                  datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(0), "Z")),
                  datetime(2026, 1, 2, 3, 4, 5)]:
        assert iso_text(value) == value.isoformat()


def test_ls_json_is_json_dumps_of_each_envs_status(varied_store):
    """ls --json as json.dumps(indent=2, ensure_ascii=False) writes it, each env's keys
    in status_json's order (the fast and the full path share the writer, so comparing
    them does not pin this)."""
    import json

    from envman.listing import STATUS_KEYS

    out = varied_store.ok("ls", "--json").stdout
    data = json.loads(out)
    assert out == json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    assert [tuple(env) for env in data] == [STATUS_KEYS] * len(data)
    assert {env["name"] for env in data} >= {"alpha", "Beta", "broken", "gone", "handmade"}


def test_a_caller_of_main_gets_the_code_back_after_a_fast_ls(varied_store):
    """Only the program's own launcher lets a fast-path `ls` end the process early;
    code that imports main() and calls it (argv from sys.argv) carries on after it."""
    import subprocess
    import sys

    probe = ("import sys; from envman.__main__ import main; sys.argv = ['envman', 'ls']; "
             "rc = main(); sys.stdout.flush(); print('after', rc, file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env=varied_store.env, cwd=varied_store.home)
    assert proc.stderr.strip().splitlines()[-1] == "after 0", proc.stderr
    assert "alpha" in proc.stdout
