"""Hostile input: names through the CLI (property-based), symlinks and
non-env directories in the store, a read-only store, a failing registry write, and a
store path with spaces and non-ASCII characters used by every command."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.support import HOSTILE, Sandbox, sandbox_at, snapshot, without_locks

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def state(sandbox) -> dict:
    """The store's snapshot without flock files: a refused command may leave the
    per-env lock file it waited on (it is no state: the kernel holds the lock)."""
    return {k: v for k, v in sandbox.snapshot().items() if v != ("lock",)}


def outside(sandbox) -> dict:
    """Everything under the sandbox except the store: must never change."""
    snap = snapshot(sandbox.root)
    return {k: v for k, v in snap.items() if not k.startswith(sandbox.store.name)}


# -- names, property-based ------------------------------------------------------------------
PIECES = ["..", ".", "/", "-", "--", "-x", "--help", " ", "\t", "\n", "$(touch pwned)", "`id`",
          ";", "&&", "*", "~", "\\", "\x00", "é", "🚒", "中", "\u202e", HOSTILE, "a", "env",
          ".envman", "..."]
names = st.one_of(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join),
    st.text(min_size=0, max_size=12),
    st.from_regex(r"[A-Za-z0-9._-]{1,20}", fullmatch=True),
)


@settings(max_examples=30, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(name=names)
# Both outcomes always run, whatever the drawn names: a valid Unicode name with a space,
# a traversal, and the hostile shell string.
@example(name="проект v2.1+@x")
@example(name="../../outside")
@example(name=HOSTILE)
def test_any_name_is_rejected_or_makes_exactly_one_env_inside_the_store(sandbox, name):
    if "\x00" in name:  # cannot even be passed in argv: the OS refuses it first
        return
    (sandbox.store / ".envman").mkdir(parents=True, exist_ok=True)  # as after any first use
    before_outside = outside(sandbox)
    before = set(os.listdir(sandbox.store))
    proc = sandbox.run("new", "--no-pip", "--", name)
    after = set(os.listdir(sandbox.store))
    assert outside(sandbox) == before_outside
    if proc.returncode == 2:
        assert proc.stderr.startswith("envman: error: ") and proc.stderr.count("\n") == 1
        assert after == before
        return
    assert proc.returncode == 0, proc.stderr
    assert after - before == {name} and before - after == set()
    assert (sandbox.store / name / "pyvenv.cfg").is_file()
    assert Path(os.path.abspath(sandbox.store / name)).parent == sandbox.store
    sandbox.ok("rm", "-y", "--", name)
    assert set(os.listdir(sandbox.store)) == before
    assert outside(sandbox) == before_outside


# -- symlinks and non-env directories --------------------------------------------------------
def test_symlink_to_outside_is_unlinked_never_followed(sandbox, tmp_path):
    sandbox.ok("new", "a", "--no-pip")
    target = tmp_path / "precious"
    shutil.copytree(sandbox.store / "a", target, symlinks=True)  # looks like an env
    (target / "data.txt").write_text("keep me")
    (sandbox.store / "linked").symlink_to(target)
    before = snapshot(target)
    proc = sandbox.ok("rm", "-y", "linked")
    assert "removed linked" in proc.stdout
    assert not os.path.lexists(sandbox.store / "linked")
    assert snapshot(target) == before and (target / "data.txt").read_text() == "keep me"
    assert sandbox.ok("ls", "-b").stdout == "a\n"


def test_dangling_symlink_is_unlinked(sandbox, tmp_path):
    sandbox.store.mkdir()
    (sandbox.store / "ghost").symlink_to(tmp_path / "nowhere")
    proc = sandbox.run("rm", "-y", "ghost")
    # nothing listed it as an env, so it is "not found" rather than removed
    assert proc.returncode in (0, 1)
    assert (tmp_path / "nowhere").exists() is False


def test_rm_refuses_a_directory_that_is_not_an_env(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    (sandbox.store / "photos").mkdir()
    (sandbox.store / "photos" / "cat.jpg").write_bytes(b"\xff\xd8")
    before = state(sandbox)
    proc = sandbox.run("rm", "-y", "photos")
    assert proc.returncode == 1
    assert proc.stderr == (f"envman: error: {sandbox.store / 'photos'} is not an environment "
                           "(it has no pyvenv.cfg); not removing it\n")
    assert state(sandbox) == before


def test_rm_refuses_a_plain_file(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    (sandbox.store / "postactivate").write_text("# a virtualenvwrapper hook\n")
    before = state(sandbox)
    proc = sandbox.run("rm", "-y", "postactivate")
    assert proc.returncode == 1 and "not a directory" in proc.stderr
    assert state(sandbox) == before


def test_a_pyvenv_cfg_that_never_ends_is_a_broken_env_not_a_hang(sandbox):
    # pyvenv.cfg linked to /dev/zero (endless NULs): reading it must stop, and the env
    # is listed as broken; ls read it to the end before.
    sandbox.ok("new", "a", "--no-pip")
    cfg = sandbox.store / "a" / "pyvenv.cfg"
    cfg.unlink()
    cfg.symlink_to("/dev/zero")
    before = state(sandbox)
    for args in (("ls",), ("ls", "--json"), ("show", "a")):
        proc = sandbox.run(*args, timeout=60)
        assert proc.returncode in (0, 1), proc.stderr
        assert "broken" in proc.stdout, (args, proc.stdout)
    assert state(sandbox) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_pyvenv_cfg_of_every_kind_of_file_is_read_as_before(tmp_path):
    """read_pyvenv_cfg preads a regular file and reads anything else as a stream: a
    FIFO is never waited on (no writer: empty; a writer that has not finished: not
    readable), an endless device stops at the cap, a directory is unreadable, and a
    file longer than one read is read whole."""
    from envman.envinfo import read_pyvenv_cfg

    for name in ("fifo", "zero", "dir", "long"):
        (tmp_path / name).mkdir()
    os.mkfifo(tmp_path / "fifo" / "pyvenv.cfg")
    (tmp_path / "zero" / "pyvenv.cfg").symlink_to("/dev/zero")
    (tmp_path / "dir" / "pyvenv.cfg").mkdir()
    (tmp_path / "long" / "pyvenv.cfg").write_text(
        "home = /x\n" + "k = v\n" * 20000 + "Version = 3.1.2\n", encoding="utf-8")
    assert read_pyvenv_cfg(tmp_path / "fifo") == {}
    assert read_pyvenv_cfg(tmp_path / "zero") == {}
    assert read_pyvenv_cfg(tmp_path / "dir") is None
    assert read_pyvenv_cfg(tmp_path / "long") == {"home": "/x", "k": "v", "version": "3.1.2"}
    writer = os.open(tmp_path / "fifo" / "pyvenv.cfg", os.O_RDWR)
    try:
        os.write(writer, b"home = /y\n")
        assert read_pyvenv_cfg(tmp_path / "fifo") is None
    finally:
        os.close(writer)


def _pyvenv_cfg_as_a_whole(data: bytes) -> dict:
    """What read_pyvenv_cfg reads from a file's bytes, split as one text."""
    if len(data) > (1 << 20) or b"\0" in data:
        return {}
    values = {}
    for line in data.decode("utf-8", "replace").splitlines():
        key, sep, value = line.partition("=")
        if sep:
            values[key.strip().lower()] = value.strip()
    return values


_CFG_PIECES = st.sampled_from([
    b"\n", b"\r", b"\r\n", b"\x0b", b"\x0c", b"\x1c", b"\x85", b"\xc2\x85", b"\xe2\x80\xa8",
    b"\xe2\x80", b"\xe2", b"\xff", b"\0", b"=", b" ", b"home", b"HOME", b"Version", b"version",
    b"command", b"prompt", b"3.12.1", b"/usr/bin", b"\xc3\xa9"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(heads=st.lists(st.binary(max_size=0) | st.lists(_CFG_PIECES, max_size=12).map(b"".join),
                      min_size=1, max_size=3),
       tail=st.lists(_CFG_PIECES, max_size=12).map(b"".join))
def test_pyvenv_cfg_reads_as_one_text_whatever_its_bytes(tmp_path, heads, tail):
    """read_pyvenv_cfg splits a file at its last line and remembers the first part's
    values by its bytes: any bytes (line breaks of every kind, broken UTF-8, NULs)
    read as the whole text would, the first time and when remembered."""
    from envman.envinfo import read_pyvenv_cfg

    for n, head in enumerate(heads):
        data = head + b"\n" + tail if head else tail
        env = tmp_path / f"e{n}"
        env.mkdir(exist_ok=True)
        (env / "pyvenv.cfg").write_bytes(data)
        expected = _pyvenv_cfg_as_a_whole(data)
        assert read_pyvenv_cfg(env) == expected
        assert read_pyvenv_cfg(env) == expected


# -- a store that cannot be written ------------------------------------------------------------
@contextmanager
def read_only(*paths: Path):
    """Make directories unwritable for real. chmod does not stop root, so as root the
    immutable attribute (chattr +i) is used; skipped where neither works."""
    if os.geteuid() != 0:
        modes = [(p, p.stat().st_mode) for p in paths]
        for p in paths:
            p.chmod(0o555)
        try:
            yield
        finally:
            for p, mode in modes:
                p.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None:
        pytest.skip("running as root without chattr: cannot make a directory read-only")
    done = []
    try:
        for p in paths:
            if subprocess.run([chattr, "+i", str(p)], capture_output=True).returncode != 0:
                pytest.skip("chattr +i is not supported here (running as root)")
            done.append(p)
        yield
    finally:
        for p in done:
            subprocess.run([chattr, "-i", str(p)], check=True)


def test_read_only_store_gives_clear_errors_and_reads_still_work(sandbox):
    sandbox.ok("new", "a", "--no-pip")
    private = sandbox.store / ".envman"
    with read_only(sandbox.store, private, private / "locks"):
        before = state(sandbox)
        for args in (["new", "b", "--no-pip"], ["rm", "-y", "a"], ["mv", "a", "b"], ["cp", "a", "b"]):
            proc = sandbox.run(*args)
            assert proc.returncode == 1, (args, proc.stderr)
            assert proc.stderr.startswith("envman: error: ") and proc.stderr.count("\n") == 1
            assert ("Permission denied" in proc.stderr or "not permitted" in proc.stderr
                    or "read-only" in proc.stderr), proc.stderr
            assert state(sandbox) == before, args
        assert sandbox.ok("ls", "-b").stdout == "a\n"
        assert sandbox.ok("doctor").returncode == 0
        assert sandbox.ok("path", "a").stdout.strip() == str(sandbox.store / "a")


def test_store_that_cannot_be_created_gives_a_clear_error(sandbox, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    proc = sandbox.run("new", "a", "--no-pip", env={"WORKON_HOME": str(blocker / "store")})
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"envman: error: cannot create the store at {blocker / 'store'}")
    assert blocker.read_text() == ""


# -- a failing registry write ---------------------------------------------------------------
WRITE_FAILURES = {
    "disk-full": OSError(errno.ENOSPC, "No space left on device"),
    "permission": PermissionError(errno.EACCES, "Permission denied"),
}


@pytest.mark.parametrize("failure", sorted(WRITE_FAILURES))
@pytest.mark.parametrize("command", [["new", "b", "--no-pip"], ["rm", "-y", "a"]],
                         ids=["new", "rm"])
def test_failed_registry_write_leaves_previous_registry_and_store(sandbox, monkeypatch, capsys,
                                                                  failure, command):
    """MOCKED: a full disk cannot be made for real in a test, so the fsync inside
    fsutil.atomic_write (the registry write) raises. Everything else is real, in-process."""
    sandbox.ok("new", "a", "--no-pip")
    # rm first renames the env into .envman/aside/ (created on first use) and puts it back.
    (sandbox.store / ".envman" / "aside").mkdir(exist_ok=True)
    before = sandbox.snapshot()
    for key, value in sandbox.env.items():
        monkeypatch.setenv(key, value)
    from envman import fsutil
    from envman.cli.app import run

    def broken_fsync(fd):
        raise WRITE_FAILURES[failure]

    monkeypatch.setattr(fsutil.os, "fsync", broken_fsync)
    code = run(command)
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("envman: error: could not write the registry ")
    assert "the previous registry is unchanged" in err and err.count("\n") == 1
    # registry bytes, env dirs, no temp file, no trash (new first creates its name's lock)
    assert without_locks(sandbox.snapshot()) == without_locks(before)
    assert sandbox.ok("doctor").returncode == 0


# -- a store path with spaces and non-ASCII characters --------------------------------------
@pytest.fixture
def odd_store(tmp_path) -> Sandbox:
    return sandbox_at(tmp_path / "my störe ✓ 中" / "envs dir é")


def test_every_command_works_in_a_store_path_with_spaces_and_non_ascii(odd_store, wheels, tmp_path):
    sb = odd_store
    wheel = str(next(wheels.glob("envman_demo_a-1.0-*.whl")))
    sb.ok("new", "a", "-i", wheel)
    assert sb.ok("path", "a").stdout == f"{sb.store / 'a'}\n"
    assert [e["name"] for e in json.loads(sb.ok("ls", "--json").stdout)] == ["a"]
    sb.ok("ls", "-l")
    assert json.loads(sb.ok("show", "a", "--json").stdout)["health"] == "ok"
    run = sb.ok("run", "a", "--", "python", "-c", "import sys; print(sys.prefix)")
    assert run.stdout.strip() == str(sb.store / "a")
    assert sb.ok("run", "a", "--", "demo-a").returncode == 0
    sb.ok("all", "--", "python", "-c", "pass")
    sb.ok("cp", "a", "b")
    sb.ok("mv", "b", "c")
    spec = tmp_path / "spec file é.toml"
    sb.ok("export", "a", "-o", str(spec))
    sb.ok("import", str(spec), "d", "-f", str(wheels))
    site = sb.ok("site-packages", "a").stdout.strip()
    assert site.startswith(str(sb.store / "a"))
    extra = sb.root / "extra dir ✓"
    extra.mkdir()
    sb.ok("add-path", "a", str(extra))
    sb.ok("global-site-packages", "a", "on")
    sb.ok("global-site-packages", "a", "off")
    project = sb.root / "project é"
    project.mkdir()
    sb.ok("project", "set", "a", str(project))
    assert sb.ok("project", "show", "a").stdout.strip() == str(project)
    sb.ok("upgrade", "c")
    sb.ok("wipe", "d")
    tmp = sb.ok("tmp", "--no-pip")
    sb.ok("doctor")
    sb.ok("doctor", "--fix")
    names = [e["name"] for e in json.loads(sb.ok("ls", "--json").stdout)]
    assert {"a", "c", "d"} <= set(names)
    sb.ok("rm", "-y", *names)
    assert sb.ok("ls", "-b").stdout == ""
    envs = tomllib.loads((sb.store / ".envman" / "registry.toml").read_text())["envs"]
    assert envs == {}
    assert tmp.returncode == 0
