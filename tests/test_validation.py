"""Everything envman reads from disk is validated as if a stranger typed it:
registry records and keys, the registry's parsed cache, state directories and files,
project paths, pyvenv.cfg; plus names in UTF-8 bytes, names envman did not make, one-line
errors where the disk fails, and doctor --fix in one transaction."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import tomli_w

from tests.support import full_disk_in_process, snapshot

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


# -- helpers ---------------------------------------------------------------------------------
def registry_file(sandbox) -> Path:
    return sandbox.store / ".envman" / "registry.toml"


def read_registry(sandbox) -> dict:
    return tomllib.loads(registry_file(sandbox).read_text())


def write_registry(sandbox, doc: dict) -> None:
    registry_file(sandbox).write_text(tomli_w.dumps(doc))


def one_error(proc, code: int) -> str:
    """The command failed with ``code`` and exactly one error line, no traceback."""
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("envman: error: "), proc.stderr
    return lines[0]


def no_traceback(proc) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr


def ls_names(sandbox) -> list[str]:
    proc = sandbox.run("ls", "--json")
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    return [e["name"] for e in json.loads(proc.stdout)]


def doctor_json(sandbox, *args: str) -> tuple[int, dict]:
    proc = sandbox.run("doctor", "--json", *args)
    no_traceback(proc)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def kinds(report: dict) -> set[str]:
    return {f["kind"] for f in report["findings"]}


def decoy(tmp: Path, cfg: Path) -> tuple[Path, Path]:
    """A venv-looking directory outside the store (with a healthy env's pyvenv.cfg,
    ``cfg``) whose bin/python writes a marker: if envman ever runs it, the marker appears."""
    d = tmp / "decoy"
    (d / "bin").mkdir(parents=True)
    marker = tmp / "decoy-ran"
    (d / "pyvenv.cfg").write_bytes(cfg.read_bytes())
    py = d / "bin" / "python"
    py.write_text(f"#!/bin/sh\ntouch '{marker}'\necho 3.12.0\n")
    py.chmod(0o755)
    return d, marker


# -- 1. registry values of the wrong type -----------------------------------------------------
WRONG = {
    "path": 5,
    "python": [1, 2],
    "project": {"x": 1},
    "packages": "requests",
    "requirements": [1],
    "created": "yesterday",
    "pid": -1,
    "temporary": "yes",
    "system_site_packages": 3,
    "state": ["creating"],
}


@pytest.mark.parametrize("field,value", WRONG.items(), ids=list(WRONG))
def test_wrongly_typed_record_is_quarantined_and_every_read_keeps_working(sandbox, field, value):
    sandbox.ok("new", "a", "--no-pip")
    sandbox.ok("new", "b", "--no-pip")
    doc = read_registry(sandbox)
    doc["envs"]["a"][field] = value
    write_registry(sandbox, doc)

    assert ls_names(sandbox) == ["a", "b"]
    proc = sandbox.run("ls")
    no_traceback(proc)
    assert "invalid" in proc.stderr
    assert sandbox.run("show", "a").returncode == 0
    code, report = doctor_json(sandbox)
    assert code == 1 and "record-invalid" in kinds(report)

    code, report = doctor_json(sandbox, "--fix")
    assert code == 0, report
    kept = list((sandbox.store / ".envman").glob("registry.toml.quarantined-*"))
    assert len(kept) == 1
    assert tomllib.loads(kept[0].read_text())["envs"]["a"][field] == value  # raw data kept
    assert read_registry(sandbox)["envs"]["a"]["backend"] == "adopted"  # rebuilt from its dir
    code, report = doctor_json(sandbox)
    assert code == 0 and kinds(report) == {"records-quarantined"}  # a note, not a problem
    assert ls_names(sandbox) == ["a", "b"]


def test_record_that_is_not_a_table_is_kept_not_dropped(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    doc = read_registry(sandbox)
    doc["envs"]["ghost"] = "hello"
    write_registry(sandbox, doc)
    assert ls_names(sandbox) == ["a"]
    sandbox.ok("new", "b", "--no-pip")  # any write keeps the bad entry aside
    kept = list((sandbox.store / ".envman").glob("registry.toml.quarantined-*"))
    assert len(kept) == 1 and tomllib.loads(kept[0].read_text())["envs"]["ghost"] == "hello"
    assert "ghost" not in read_registry(sandbox)["envs"]


# -- 2. registry keys and recorded paths never lead outside the store -------------------------
def test_registry_keys_and_paths_outside_the_store_are_never_run_or_deleted(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    sandbox.store.mkdir(exist_ok=True)
    bait, marker = decoy(sandbox.root, sandbox.store / "a" / "pyvenv.cfg")
    outside_before = snapshot(bait)
    doc = read_registry(sandbox)
    rel = os.path.relpath(bait, sandbox.store)
    doc["envs"][rel] = {"path": str(bait), "state": "ready"}
    doc["envs"]["/abs"] = {"path": str(bait)}
    doc["envs"]["-rf"] = {"path": str(bait)}
    doc["envs"]["a"]["path"] = str(bait)  # a recorded path that disagrees with <store>/a
    doc["envs"]["gone"] = {"path": str(bait), "state": "creating", "pid": 999999}
    write_registry(sandbox, doc)

    assert ls_names(sandbox) == ["a", "gone"]
    assert json.loads(sandbox.ok("show", "a", "--json").stdout)["path"] == str(sandbox.store / "a")
    code, report = doctor_json(sandbox)
    assert code == 1 and "record-invalid" in kinds(report)
    doctor_json(sandbox, "--fix")
    sandbox.ok("rm", "-y", "a")
    assert not marker.exists(), "envman ran a python outside the store"
    assert snapshot(bait) == outside_before
    assert doctor_json(sandbox)[0] == 0


# -- 3. state paths that are symlinks or of the wrong kind ------------------------------------
def _plant(sandbox, rel: str, kind: str, target: Path) -> None:
    path = sandbox.store / ".envman" / rel
    if path.is_dir() and not path.is_symlink():
        os.rmdir(path) if not any(path.iterdir()) else None
    if path.exists() or path.is_symlink():
        if path.is_dir() and not path.is_symlink():
            import shutil

            shutil.rmtree(path)
        else:
            path.unlink()
    if kind == "link":
        path.symlink_to(target)
    elif kind == "file":
        path.write_text("not a directory\n")
    elif kind == "dir":
        path.mkdir()


def test_symlinked_aside_is_never_followed_by_doctor_fix_or_rm(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    outside = sandbox.root / "outside"
    (outside / "victim.0123abcd.trash").mkdir(parents=True)
    (outside / "victim.0123abcd.trash" / "precious").write_text("keep me")
    (outside / "plain.0123abcd.upgrading").write_text("a plain file, not an env")
    before = snapshot(outside)
    _plant(sandbox, "aside", "link", outside)

    code, report = doctor_json(sandbox)
    assert code == 1 and "state-unsafe" in kinds(report)
    assert not kinds(report) & {"trash", "upgrade-interrupted"}
    doctor_json(sandbox, "--fix")
    assert snapshot(outside) == before
    assert "plain" not in read_registry(sandbox)["envs"]
    line = one_error(sandbox.run("rm", "-y", "a"), 1)
    assert "aside" in line and "symbolic link" in line
    assert (sandbox.store / "a" / "pyvenv.cfg").is_file()
    assert snapshot(outside) == before


def test_aside_as_a_plain_file_rm_fails_clearly_and_doctor_reports(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    _plant(sandbox, "aside", "file", sandbox.root)
    line = one_error(sandbox.run("rm", "-y", "a"), 1)
    assert "aside is not a directory" in line
    assert (sandbox.store / "a" / "pyvenv.cfg").is_file()
    code, report = doctor_json(sandbox)
    assert code == 1 and "state-unsafe" in kinds(report)


def test_locks_as_a_file_gives_one_line(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    _plant(sandbox, "locks", "file", sandbox.root)
    before = sandbox.snapshot()
    for cmd in (["new", "b", "--no-pip"], ["rm", "-y", "a"], ["project", "set", "a", "."]):
        line = one_error(sandbox.run(*cmd), 1)
        assert "locks is not a directory" in line, cmd
    assert sandbox.snapshot() == before
    assert "state-unsafe" in kinds(doctor_json(sandbox)[1])


@pytest.mark.parametrize("rel", ["used", "locks"])
def test_linked_used_or_locks_dir_is_refused_and_nothing_outside_changes(sandbox, rel):
    sandbox.ok("new", "a", "--no-pip")
    outside = sandbox.root / "outside"
    outside.mkdir()
    (outside / "a").write_text("a file outside the store named like an env")
    (outside / "a.lock").write_text("a file outside the store named like a lock")
    before = snapshot(outside)
    _plant(sandbox, rel, "link", outside)
    proc = sandbox.run("rm", "-y", "a")
    no_traceback(proc)
    if rel == "locks":
        assert "symbolic link" in one_error(proc, 1)
    assert snapshot(outside) == before
    assert "state-unsafe" in kinds(doctor_json(sandbox)[1])


def test_linked_state_dir_lists_from_directories_and_refuses_writes(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    outside = sandbox.root / "outside-state"
    (sandbox.store / ".envman").rename(outside)
    (sandbox.store / ".envman").symlink_to(outside)
    before = snapshot(outside)
    proc = sandbox.run("ls", "-b")
    assert proc.returncode == 0 and proc.stdout.split() == ["a"]
    assert "symbolic link" in proc.stderr
    assert "symbolic link" in one_error(sandbox.run("new", "b", "--no-pip"), 1)
    assert "symbolic link" in one_error(sandbox.run("rm", "-y", "a"), 1)
    code, report = doctor_json(sandbox, "--fix")
    assert code == 1 and "state-unsafe" in kinds(report)
    assert snapshot(outside) == before
    assert not (sandbox.store / "b").exists() and (sandbox.store / "a").is_dir()


@pytest.mark.parametrize("what", ["registry.toml", "registry.cache", "registry.lock"])
def test_linked_state_files_are_never_followed(sandbox, what):
    sandbox.ok("new", "a", "--no-pip")
    outside = sandbox.root / "outside-file"
    if what == "registry.toml":
        outside.write_text(tomli_w.dumps({"schema": 1, "envs": {"evil": {"path": "/"}}}))
    else:
        outside.write_text("do not touch\n")
    before = snapshot(sandbox.root / "home"), outside.read_bytes()
    _plant(sandbox, what, "link", outside)
    assert ls_names(sandbox) == ["a"]
    proc = sandbox.run("new", "b", "--no-pip")
    no_traceback(proc)
    if what != "registry.cache":
        assert "symbolic link" in one_error(proc, 1)
    assert outside.read_bytes() == before[1]
    assert "state-unsafe" in kinds(doctor_json(sandbox)[1])


def test_registry_that_is_a_directory_does_not_stop_ls(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    registry_file(sandbox).unlink()
    registry_file(sandbox).mkdir()
    proc = sandbox.run("ls", "-b")
    assert proc.returncode == 0 and proc.stdout.split() == ["a"]
    assert "registry" in proc.stderr and "not a regular file" in proc.stderr
    assert sandbox.run("show", "a").returncode == 0
    code, report = doctor_json(sandbox)
    assert code == 1 and {"registry-unreadable", "state-unsafe"} <= kinds(report)


# -- 4. names in UTF-8 bytes -----------------------------------------------------------------
BIG = "\U00020000"  # a CJK letter, 4 bytes in UTF-8


def test_four_byte_names_past_the_limit_are_refused_in_one_line(sandbox):
    before = sandbox.snapshot()
    line = one_error(sandbox.run("new", BIG * 60, "--no-pip"), 2)
    assert "240 bytes long" in line
    assert sandbox.snapshot() == before


def _hand_made(sandbox, name: str) -> Path:
    """An env made without envman (as virtualenvwrapper or `python -m venv` would)."""
    sandbox.store.mkdir(exist_ok=True)
    path = sandbox.store / name
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path)], check=True)
    return path


@pytest.mark.slow
def test_rm_and_upgrade_work_at_the_byte_limit(sandbox):
    from envman.names import MAX_EXISTING_BYTES

    name = BIG * (MAX_EXISTING_BYTES // 4)
    _hand_made(sandbox, name)
    assert ls_names(sandbox) == [name]
    proc = sandbox.run("upgrade", name)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert (sandbox.store / name / "pyvenv.cfg").is_file()
    sandbox.ok("rm", "-y", name)
    assert not (sandbox.store / name).exists()
    assert doctor_json(sandbox)[0] == 0


# -- 5. project paths the shells cannot round-trip --------------------------------------------
def test_project_paths_with_control_characters_are_refused(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    bad = sandbox.root / "proj\nother"
    bad.mkdir()
    before = sandbox.snapshot()
    for cmd in (["new", "b", "--no-pip", "-a", str(bad)], ["project", "set", "a", str(bad)]):
        line = one_error(sandbox.run(*cmd), 2)
        assert "U+000A" in line, cmd
    home = sandbox.root / "home\tprojects"
    home.mkdir()
    line = one_error(sandbox.run("project", "new", "c", "--no-pip",
                                 env={"PROJECT_HOME": str(home)}), 2)
    assert "U+0009" in line
    assert sandbox.snapshot() == before
    assert not (home / "c").exists()


def test_project_with_a_newline_read_from_disk_is_ignored_and_reported(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    sandbox.ok("new", "b", "--no-pip")
    (sandbox.store / "a" / ".project").write_text(f"{sandbox.root}\n/etc\n")
    doc = read_registry(sandbox)
    doc["envs"]["b"]["project"] = f"{sandbox.root}\n/etc"
    write_registry(sandbox, doc)
    envs = {e["name"]: e for e in json.loads(sandbox.ok("ls", "--json").stdout)}
    assert envs["a"]["project"] is None and envs["b"]["project"] is None
    code, report = doctor_json(sandbox)
    assert code == 1
    assert {("project-invalid", "a"), ("record-invalid", "b")} <= {
        (f["kind"], f["subject"]) for f in report["findings"]}


# -- 6. minors ------------------------------------------------------------------------------
@pytest.mark.parametrize("command", [
    ["project", "set", "a", "{root}"],
    ["add-path", "a", "{root}"],
    ["global-site-packages", "a", "on"],
    ["global-site-packages", "a", "off"],
], ids=["project-set", "add-path", "gsp-on", "gsp-off"])
def test_full_disk_gives_one_line_and_changes_nothing(sandbox, monkeypatch, capsys, command):
    """MOCKED: a full disk cannot be made for real here, so the fsync inside
    fsutil.atomic_write raises ENOSPC. Everything else is real, in-process."""
    sandbox.ok("new", "a", "--no-pip")
    before = sandbox.snapshot()
    from envman.cli.app import run

    full_disk_in_process(sandbox, monkeypatch)
    code = run([arg.format(root=sandbox.root) for arg in command])
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert code == 1, err
    assert err.startswith("envman: error: ") and err.count("\n") == 1, err
    assert "No space left on device" in err
    assert sandbox.snapshot() == before


@pytest.mark.parametrize("fast", [True, False], ids=["fast-path", "full-cli"])
def test_output_that_cannot_be_written_gives_one_line(sandbox, fast):
    """Standard output on /dev/full (real: every write to it fails with ENOSPC), as on
    a full disk: one line on stderr and exit 1, no traceback; what the command did
    (here `new`) is done."""
    sandbox.ok("new", "a", "--no-pip")
    env = dict(sandbox.env, **({} if fast else {"ENVMAN_NO_FASTPATH": "1"}))
    for args in (["ls"], ["ls", "--json"], ["path", "a"], ["--version"], ["show", "a"],
                 ["new", f"b{fast}", "--no-pip"]):
        with open("/dev/full", "w") as full:
            proc = subprocess.run([sys.executable, "-m", "envman", *args], stdout=full,
                                  stderr=subprocess.PIPE, text=True, env=env,
                                  cwd=sandbox.home, stdin=subprocess.DEVNULL, timeout=300)
        assert proc.returncode == 1, (args, proc.stderr)
        assert proc.stderr == "envman: error: cannot write the output: No space left on device\n", args
    assert (sandbox.store / f"b{fast}" / "pyvenv.cfg").is_file()


def test_a_full_disk_under_another_file_is_not_blamed_on_the_output(monkeypatch):
    """Found in review: ENOSPC from a write through another file object (a temporary
    file on a full /tmp) has no file name either; with standard output flushing fine it
    is raised, not reported as "cannot write the output". Mocked: this test cannot fill
    a disk, so the command raises what a full one would."""
    import errno

    from envman import __main__ as entry
    from envman.cli import fast

    def full_tmp(args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fast, "try_fast_path", full_tmp)
    with pytest.raises(OSError) as raised:
        entry.main(["ls"])
    assert raised.value.errno == errno.ENOSPC


def test_binary_pyvenv_cfg_is_broken_not_ok(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    (sandbox.store / "a" / "pyvenv.cfg").write_bytes(os.urandom(64) + b"\0\x89PNG\r\n")
    env = json.loads(sandbox.ok("show", "a", "--json").stdout)
    assert env["health"] == "broken"
    code, report = doctor_json(sandbox)
    assert code == 1 and "interpreter-broken" in kinds(report)


def test_huge_error_text_is_capped(sandbox, tmp_path):
    spec = tmp_path / "spec.toml"
    spec.write_text(tomli_w.dumps({"envman-spec": 1, "name": "x",
                                   "packages": ["x" * 4_700_000]}))
    proc = sandbox.run("import", str(spec))
    line = one_error(proc, 2)
    assert len(line) < 3000 and "more characters not shown" in line


def test_doctor_fix_saves_the_registry_once_for_many_stale_entries(sandbox, monkeypatch):
    """Linear, not quadratic: every env repair runs in one registry transaction. Counted,
    not timed (the library is called in-process to count the writes)."""
    from envman import doctor, registry
    from envman.store import Store

    sandbox.ok("new", "a", "--no-pip")
    doc = read_registry(sandbox)
    for i in range(300):
        doc["envs"][f"stale{i}"] = {"path": "x", "state": "ready"}
    for i in range(50):
        doc["envs"][f"half{i}"] = {"path": "x", "state": "creating", "pid": 999999}
    write_registry(sandbox, doc)
    saves = []
    real = registry.Registry._save
    monkeypatch.setattr(registry.Registry, "_save",
                        lambda self, records: saves.append(1) or real(self, records))
    findings, remaining = doctor.doctor(Store(sandbox.store), apply=True, run_python=False)
    assert sum(f.fixed for f in findings) == 350 and remaining == []
    assert len(saves) == 1
    assert list(read_registry(sandbox)["envs"]) == ["a"]


# -- 7. names envman did not make ------------------------------------------------------------
ODD = [" lead", "trail ", "two  spaces", "!bang", "(paren)", "проект", "$HOME"]


@pytest.mark.slow
def test_names_made_outside_envman_work_with_every_command(sandbox):
    for name in ODD:
        _hand_made(sandbox, name)
    assert ls_names(sandbox) == sorted(ODD, key=str.lower)
    for name in ODD:
        assert sandbox.ok("path", name).stdout == f"{sandbox.store / name}\n"
        assert json.loads(sandbox.ok("show", name, "--json").stdout)["name"] == name
        sandbox.ok("project", "set", name, str(sandbox.root))
    sandbox.ok("upgrade", ODD[0])
    sandbox.ok("rm", "-y", *ODD)
    assert ls_names(sandbox) == []
    assert doctor_json(sandbox)[0] == 0


def test_ls_says_why_a_name_cannot_be_managed(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    for bad in ("new\nline", "-dash"):
        (sandbox.store / bad).mkdir()
        (sandbox.store / bad / "pyvenv.cfg").write_text("home = /usr/bin\n")
    proc = sandbox.ok("ls", "-b")
    assert proc.stdout.split() == ["a"]
    assert "'new\\nline'" in proc.stderr and "'-dash'" in proc.stderr
    assert "U+000A" in proc.stderr and "may not start with '-'" in proc.stderr
    code, report = doctor_json(sandbox)
    assert code == 0 and kinds(report) == {"name-unmanageable"}


# -- 8. doctor uses the commands' public functions ---------------------------------------------
def test_doctor_uses_only_public_functions_of_other_modules():
    import ast

    from envman import doctor

    tree = ast.parse(Path(doctor.__file__).read_text())
    private = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            private |= {a.name for a in node.names if a.name.startswith("_")}
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") \
                and not node.attr.startswith("__") \
                and not (isinstance(node.value, ast.Name) and node.value.id == "self"):
            private.add(node.attr)
    assert private == set()


def test_state_dirs_made_by_envman_are_real_directories(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    sandbox.ok("rm", "-y", "a")
    for rel in (".envman", ".envman/locks", ".envman/aside"):
        assert stat.S_ISDIR(os.lstat(sandbox.store / rel).st_mode)


def test_plain_files_and_links_in_the_aside_dir_are_never_imported_or_followed(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    outside = sandbox.root / "outside"
    (outside / "inner").mkdir(parents=True)
    (outside / "inner" / "precious").write_text("keep me")
    aside = sandbox.store / ".envman" / "aside"
    aside.mkdir(exist_ok=True)
    (aside / "plain.0123abcd.upgrading").write_text("a plain file, not an env")
    (aside / "linked.0123abcd.upgrading").symlink_to(outside / "inner")
    (aside / "linked.0123abcd.trash").symlink_to(outside / "inner")
    before = snapshot(outside)
    doctor_json(sandbox, "--fix")
    assert not (sandbox.store / "plain").exists() and not (sandbox.store / "linked").exists()
    assert set(read_registry(sandbox)["envs"]) == {"a"}
    assert snapshot(outside) == before


def test_a_forged_cache_never_costs_the_registry(sandbox):
    """The parsed copy is keyed by the registry's bytes; one forged to match them, with a
    structure the registry cannot have, is ignored: the file itself is read."""
    import marshal
    import zlib

    sandbox.ok("new", "a", "--no-pip")
    raw = registry_file(sandbox).read_bytes()
    cache = sandbox.store / ".envman" / "registry.cache"
    for forged in (((1, len(raw), zlib.crc32(raw)), {"envs": ["a"]}),
                   ((2, len(raw), zlib.crc32(raw)), ({"envs": ["a"]}, [])),
                   ((2, len(raw), zlib.crc32(raw)), ({"envs": {"a": {}}}, ["x", 0]))):
        cache.write_bytes(marshal.dumps(forged))
        assert ls_names(sandbox) == ["a"]
    assert registry_file(sandbox).read_bytes() == raw
    assert not list((sandbox.store / ".envman").glob("registry.toml.corrupt-*"))


def test_the_usual_record_is_judged_as_any_other():
    """record_problem checks a record with the usual keys in their usual order inline;
    whatever its values, it must judge it as it judges the same record in another order
    (the general loop), and the inline types must be the rules' own."""
    import itertools
    from datetime import datetime, timedelta, timezone

    from envman import regread

    usual = regread._USUAL_KEYS
    for key in usual:
        assert (regread._FIELD_TYPES.get(key) is str) == (key not in ("created", "state"))
    samples = ["", "3.12.1", "ready", "creating", "other", 1, True, None, 1.5, ["x"], {},
               ("t",), datetime(2024, 1, 2), datetime(2024, 1, 2, tzinfo=timezone.utc),
               datetime(2024, 1, 2, tzinfo=timezone(timedelta(hours=3)))]
    rnd = __import__("random").Random(21)
    cases = [dict(zip(usual, values, strict=True))
             for values in itertools.islice(itertools.product(samples, repeat=6), 0, None, 997)]
    good = {"path": "/s/a", "python": "/usr/bin/python3", "python_version": "3.12.1",
            "created": datetime(2024, 1, 2, tzinfo=timezone.utc), "backend": "uv",
            "state": "ready"}
    for key, value in itertools.product(usual, samples):  # one value off at a time
        cases.append({**good, key: value})
    cases += [{k: rnd.choice(samples) for k in usual} for _ in range(2000)]
    for entry in cases:
        assert tuple(entry) == usual
        other_order = dict(reversed(entry.items()))
        fast = regread.record_problem("a", entry)
        assert (fast is None) == (regread.record_problem("a", other_order) is None), entry
    assert regread.record_problem("a", good) is None
