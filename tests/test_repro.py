"""Reproducible envs: lock (PEP 751 pylock.toml with hashes), new --from / import /
export --format pylock, diff, sync and outdated, on real envs and the small wheels
conftest builds (offline: every package comes from a local file)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import Sandbox
from tests.support.lifecycle import installed, wheel

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

SEEDS = {"pip", "setuptools", "wheel", "packaging"}


def user_set(env: Path) -> dict[str, str]:
    return {k: v for k, v in installed(env).items() if k not in SEEDS}


def second_store(root: Path) -> Sandbox:
    """Another HOME and store, as on another machine (the same uv cache and wheels)."""
    sb = Sandbox.at(root)
    sb.env["UV_OFFLINE"] = "1"
    return sb


def state(sb: Sandbox) -> dict:
    """The store's snapshot without lock files (waiting for a lock creates one)."""
    return {k: v for k, v in sb.snapshot().items() if v != ("lock",)}


def one_error_line(proc) -> str:
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("envman: error: "), proc.stderr
    return lines[0]


def tool_error(proc) -> tuple[str, list[str]]:
    """A failing tool's error as every command shows it: one ``envman: error:`` line,
    then the tool's cause and hints, indented, a few lines at most (no traceback)."""
    from envman.backends import MAX_LINES

    first, *rest = proc.stderr.strip().splitlines()
    assert first.startswith("envman: error: "), proc.stderr
    assert len(rest) < MAX_LINES and all(line.startswith("  ") for line in rest), proc.stderr
    return first, [line.strip() for line in rest]


def spec_file(path: Path, packages: list[str], python: str | None = None) -> Path:
    text = "envman-spec = 1\n" + (f'python = "{python}"\n' if python else "")
    text += "packages = [" + ", ".join(json.dumps(p) for p in packages) + "]\n"
    path.write_text(text)
    return path


@pytest.fixture
def sb(sandbox):
    """Everything offline: every package comes from the local wheels."""
    sandbox.env["UV_OFFLINE"] = "1"
    return sandbox


@pytest.fixture
def locked(sb, tmp_path, wheels):
    """An env with envman-demo-a 1.0 and -b 0.3 from local wheel files, and its lock."""
    sb.ok("new", "src", "-i", str(wheel(wheels, "a", "1.0")), "-i", str(wheel(wheels, "b")))
    lock = tmp_path / "pylock.toml"
    sb.ok("lock", "src", "-o", str(lock))
    return sb, lock


# -- lock, new --from, import, export --format pylock -----------------------------------------
def test_lock_holds_every_package_with_the_hash_of_its_file(locked, wheels):
    _sandbox, lock = locked
    data = tomllib.loads(lock.read_text())
    assert data["lock-version"] == "1.0"
    assert data["created-by"] == "envman"
    assert data["requires-python"].startswith("==3.")
    assert data["tool"]["envman"]["name"] == "src"
    by_name = {p["name"]: p for p in data["packages"]}
    assert set(by_name) == {"envman-demo-a", "envman-demo-b"}  # seeds are the backend's
    for pkg in by_name.values():
        (file,) = pkg["wheels"]
        digest = hashlib.sha256(Path(file["path"]).read_bytes()).hexdigest()
        assert file["hashes"] == {"sha256": digest}
    assert by_name["envman-demo-a"]["version"] == "1.0"
    assert Path(by_name["envman-demo-a"]["wheels"][0]["path"]) == wheel(wheels, "a", "1.0")


def test_new_from_a_lock_on_a_second_store_reproduces_the_package_set(locked, tmp_path):
    sandbox, lock = locked
    other = second_store(tmp_path / "elsewhere")
    other.ok("new", "copy", "--from", str(lock))
    assert user_set(other.store / "copy") == user_set(sandbox.store / "src") == {
        "envman-demo-a": "1.0", "envman-demo-b": "0.3"}
    # import takes the same file, and the name from the lock when none is given.
    other.ok("import", str(lock))
    assert user_set(other.store / "src") == user_set(sandbox.store / "src")
    assert other.run("diff", "copy", str(lock)).returncode == 0


def test_installs_from_a_lock_take_no_constraint_files(locked, tmp_path):
    """A constraint file in the pip configuration (this machine's own pip.conf names
    one) or in UV_CONSTRAINT does not reach an install from a lock: the lock already
    decides every file, and uv refuses a constraint not pinned with == in
    --require-hashes mode. Plain installs keep it (tests/test_pip_config.py)."""
    sandbox, lock = locked
    constraints = tmp_path / "constraints.txt"
    # Unpinned (uv refuses it with --require-hashes), and against the lock (pip, which
    # accepts unpinned constraints, would find no version allowed).
    constraints.write_text("envman-demo-a!=1.0\nenvman-demo-b>=0.1\n")
    conf = tmp_path / "pip.conf"
    conf.write_text(f"[global]\nconstraint = {constraints}\n")
    other = second_store(tmp_path / "elsewhere")
    other.env.update(PIP_CONFIG_FILE=str(conf), UV_CONSTRAINT=str(constraints))
    other.ok("new", "copy", "--from", str(lock))
    assert user_set(other.store / "copy") == {"envman-demo-a": "1.0", "envman-demo-b": "0.3"}
    other.ok("new", "empty")
    assert "install envman-demo-a 1.0" in other.ok("sync", "empty", str(lock)).stdout
    assert user_set(other.store / "empty") == user_set(other.store / "copy")
    # Without uv, pip installs (the venv backend): pip reads pip.conf itself.
    other.env["ENVMAN_UV"] = ""
    other.ok("new", "by-pip")
    other.ok("sync", "by-pip", str(lock))
    assert user_set(other.store / "by-pip") == user_set(other.store / "copy")


def test_lock_of_packages_from_a_find_links_index_has_their_urls_and_hashes(sb, tmp_path, wheels):
    """Installed from an index (here a find-links directory): no direct_url.json, so
    the files and hashes come from resolving the same versions again."""
    spec = spec_file(tmp_path / "spec.toml", ["envman-demo-a==1.0"])
    sb.ok("import", str(spec), "ix", "-f", str(wheels))
    out = sb.ok("lock", "ix", "-o", "-", "-f", str(wheels)).stdout
    (pkg,) = tomllib.loads(out)["packages"]
    (file,) = pkg["wheels"]
    assert file["url"] == wheel(wheels, "a", "1.0").as_uri()
    digest = hashlib.sha256(wheel(wheels, "a", "1.0").read_bytes()).hexdigest()
    assert file["hashes"]["sha256"] == digest


def test_a_tampered_hash_fails_in_one_line_and_leaves_no_env(locked, tmp_path):
    _sandbox, lock = locked
    data = lock.read_text()
    digest = tomllib.loads(data)["packages"][0]["wheels"][0]["hashes"]["sha256"]
    bad = tmp_path / "pylock.bad.toml"
    bad.write_text(data.replace(digest, digest[:-1] + ("0" if digest[-1] != "0" else "1")))
    other = second_store(tmp_path / "elsewhere")
    other.ok("new", "keep", "--no-pip")
    before = state(other)
    for args in (["new", "t", "--from", str(bad)], ["import", str(bad), "t"]):
        proc = other.run(*args)
        assert proc.returncode == 1, proc.stderr
        line = one_error_line(proc)
        assert "Hash mismatch" in line and "pylock.bad.toml" in line, line
        assert other.ok("ls", "-b").stdout == "keep\n"
        assert not (other.store / "t").exists()
    assert state(other) == before


def test_bad_lock_files_are_refused_with_exit_2_and_the_store_unchanged(sb, tmp_path):
    sb.ok("new", "keep", "--no-pip")
    before = state(sb)
    broken = tmp_path / "pylock.toml"
    cases = {
        "does not exist": tmp_path / "missing" / "pylock.toml",
        "not valid TOML": broken,
        "not a valid pylock.toml": tmp_path / "pylock.nohash.toml",
    }
    broken.write_text("lock-version = \n")
    cases["not a valid pylock.toml"].write_text(
        'lock-version = "1.0"\ncreated-by = "x"\n[[packages]]\nname = "a"\nversion = "1"\n'
        '[[packages.wheels]]\nurl = "https://example.invalid/a-1-py3-none-any.whl"\n')
    for message, path in cases.items():
        for args in (["new", "x", "--from", str(path)], ["import", str(path), "x"],
                     ["sync", "keep", str(path)], ["diff", "keep", str(path)]):
            proc = sb.run(*args)
            assert proc.returncode == 2, (args, proc.stderr)
            assert message in one_error_line(proc), (args, proc.stderr)
    proc = sb.run("new", "x", "--from", str(broken), "-i", "y")
    assert proc.returncode == 2 and "--from" in one_error_line(proc)
    assert state(sb) == before


def test_lock_refuses_a_package_with_no_file_to_hash(sb, tmp_path):
    from tests.support.lifecycle import make_editable_project

    project = make_editable_project(tmp_path / "proj")
    sb.ok("new", "ed", "--no-pip")
    uv = Path(sys.executable).parent / "uv"
    subprocess.run([str(uv), "pip", "install", "--python", str(sb.store / "ed" / "bin" / "python"),
                    "-e", str(project)], env=sb.env, check=True, capture_output=True)
    out = tmp_path / "pylock.toml"
    proc = sb.run("lock", "ed", "-o", str(out))
    assert proc.returncode == 1
    assert "cannot lock envman-edit" in one_error_line(proc)
    assert not out.exists()


def test_export_format_pylock_is_the_lock(locked, tmp_path):
    sandbox, lock = locked
    exported = tmp_path / "pylock.export.toml"
    sandbox.ok("export", "src", "--format", "pylock", "-o", str(exported))
    assert tomllib.loads(exported.read_text()) == tomllib.loads(lock.read_text())
    proc = sandbox.run("export", "src", "--format", "yaml")
    assert proc.returncode == 2 and "unknown format" in one_error_line(proc)


# -- diff ---------------------------------------------------------------------------------------
def test_diff_env_against_env_both_ways_as_table_and_json(sb, wheels):
    sb.ok("new", "one", "-i", str(wheel(wheels, "a", "1.0")), "-i", str(wheel(wheels, "b")))
    sb.ok("new", "two", "-i", str(wheel(wheels, "a", "2.0")))
    proc = sb.run("diff", "one", "two")
    assert proc.returncode == 1, proc.stderr
    rows = [line.split() for line in proc.stdout.splitlines()]
    assert ["envman-demo-a", "1.0", "2.0", "changed"] in rows
    assert ["envman-demo-b", "0.3", "-", "removed"] in rows
    back = json.loads(sb.run("diff", "two", "one", "--json").stdout)
    assert back["equal"] is False
    assert back["added"] == [{"name": "envman-demo-b", "version": "0.3"}]
    assert back["removed"] == []
    assert back["changed"] == [{"name": "envman-demo-a", "a": "2.0", "b": "1.0"}]
    assert back["python"]["differs"] is False
    proc = sb.run("diff", "one", "one")
    assert proc.returncode == 0 and "same packages" in proc.stdout


def test_diff_env_against_spec_and_lock_files(locked, tmp_path):
    sandbox, lock = locked
    assert sandbox.run("diff", "src", str(lock)).returncode == 0
    assert sandbox.run("diff", str(lock), "src").returncode == 0
    spec = tmp_path / "spec.toml"
    sandbox.ok("export", "src", "-o", str(spec))
    assert sandbox.run("diff", "src", str(spec)).returncode == 0
    other = spec_file(tmp_path / "other.toml", ["envman-demo-a==2.0"], python="3.1")
    found = json.loads(sandbox.run("diff", "src", str(other), "--json").stdout)
    assert found["changed"] == [{"name": "envman-demo-a", "a": "1.0", "b": "2.0"}]
    assert found["removed"] == [{"name": "envman-demo-b", "version": "0.3"}]
    assert found["python"]["differs"] is True and found["python"]["b"] == "3.1"


def test_diff_table_fits_columns_even_headed_by_a_long_path(locked, tmp_path):
    sandbox, _lock = locked
    deep = tmp_path / ("a-directory-with-a-long-name-" * 3) / "target-spec.toml"
    deep.parent.mkdir()
    spec_file(deep, ["envman-demo-a==2.0"], python="3.1")
    for width in (40, 60, 80):
        proc = sandbox.run("diff", "src", str(deep), env={"COLUMNS": str(width)})
        assert proc.returncode == 1, proc.stderr
        lines = proc.stdout.splitlines()
        assert all(len(line) <= width for line in lines), (width, proc.stdout)
        assert lines[0].split()[0] == "package" and lines[0].rstrip().endswith("change")
        assert any(line.startswith("envman-demo-a") and "changed" in line for line in lines)
    # Piped with no COLUMNS: nothing is shortened, the header is the path as given.
    assert str(deep) in sandbox.run("diff", "src", str(deep)).stdout.splitlines()[0]


def test_diff_bad_input_is_one_line_exit_2_store_unchanged(sb, tmp_path):
    sb.ok("new", "keep", "--no-pip")
    before = state(sb)
    for args, message in ((["diff", "keep", "nope"], "neither an environment nor a file"),
                          (["diff", "keep", str(tmp_path / "none.toml")], "does not exist"),
                          (["diff", "keep", "../x"], "does not exist")):
        proc = sb.run(*args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert message in one_error_line(proc)
        assert proc.stdout == ""
    assert state(sb) == before


# -- sync ---------------------------------------------------------------------------------------
def test_sync_upgrades_removes_extras_then_downgrades_back(locked, tmp_path, wheels):
    sandbox, lock = locked
    env = sandbox.store / "src"
    target = spec_file(tmp_path / "target.toml", ["envman-demo-a==2.0"])
    seeds = {k: v for k, v in installed(env).items() if k in SEEDS}
    assert "pip" in seeds

    before = state(sandbox)
    plan = sandbox.ok("sync", "src", str(target), "--dry-run", "-f", str(wheels)).stdout
    assert "would upgrade envman-demo-a 1.0 -> 2.0" in plan
    assert "would uninstall envman-demo-b 0.3" in plan
    assert state(sandbox) == before

    out = sandbox.ok("sync", "src", str(target), "-f", str(wheels)).stdout
    assert "upgrade envman-demo-a 1.0 -> 2.0" in out and "uninstall envman-demo-b 0.3" in out
    assert user_set(env) == {"envman-demo-a": "2.0"}
    # The seed tools the spec does not list are kept, at their versions.
    assert {k: v for k, v in installed(env).items() if k in SEEDS} == seeds
    assert sandbox.run("diff", "src", str(target)).returncode == 0

    # Back to the lock: a downgrade and an install, each file checked against its hash.
    out = sandbox.ok("sync", "src", str(lock)).stdout
    assert "downgrade envman-demo-a 2.0 -> 1.0" in out and "install envman-demo-b 0.3" in out
    assert user_set(env) == {"envman-demo-a": "1.0", "envman-demo-b": "0.3"}
    assert sandbox.ok("sync", "src", str(lock)).stdout.strip() == f"src already matches {lock}"
    assert sandbox.ok("run", "src", "--", "demo-a").stdout.strip() == "envman-demo-a 1.0"


def test_sync_to_a_tampered_lock_fails_and_leaves_the_env_working(locked, tmp_path, wheels):
    sandbox, lock = locked
    target = spec_file(tmp_path / "target.toml", ["envman-demo-a==2.0"])
    sandbox.ok("sync", "src", str(target), "-f", str(wheels))
    data = lock.read_text()
    digest = tomllib.loads(data)["packages"][0]["wheels"][0]["hashes"]["sha256"]
    bad = tmp_path / "pylock.bad.toml"
    bad.write_text(data.replace(digest, "0" * 64))
    proc = sandbox.run("sync", "src", str(bad))
    assert proc.returncode == 1 and "Hash mismatch" in one_error_line(proc)
    assert user_set(sandbox.store / "src") == {"envman-demo-a": "2.0"}


def test_sync_bad_input_is_one_line_exit_2(sb, tmp_path):
    sb.ok("new", "keep", "--no-pip")
    before = state(sb)
    spec = spec_file(tmp_path / "s.toml", [])
    for args in (["sync", "keep", str(tmp_path / "none.toml")], ["sync", "-x", str(spec)],
                 ["sync", "keep", str(spec), "-f", str(tmp_path / "nodir")]):
        proc = sb.run(*args)
        assert proc.returncode == 2, (args, proc.stderr)
        one_error_line(proc)
    assert state(sb) == before


# -- outdated -----------------------------------------------------------------------------------
def test_outdated_asks_the_index_the_pip_configuration_names(sb, tmp_path, wheels):
    conf = tmp_path / "pip.conf"
    conf.write_text(f"[global]\nno-index = true\nfind-links = {wheels}\n")
    # The machine's own PIP_* settings would win over the file: this test is about the file.
    for key in [k for k in sb.env if k.startswith("PIP_")]:
        del sb.env[key]
    sb.env["PIP_CONFIG_FILE"] = str(conf)
    sb.ok("new", "old", "-i", str(wheel(wheels, "a", "1.0")))
    sb.ok("new", "new", "-i", str(wheel(wheels, "a", "2.0")))
    rows = [line.split() for line in sb.ok("outdated", "old").stdout.splitlines()]
    assert rows[0] == ["env", "package", "installed", "latest"]
    assert ["old", "envman-demo-a", "1.0", "2.0"] in rows
    assert sb.ok("outdated", "new").stdout.strip() == "every package is up to date"
    found = json.loads(sb.ok("outdated", "--all", "--json").stdout)
    by_env = {r["env"]: r for r in found}
    assert {"name": "envman-demo-a", "version": "1.0", "latest": "2.0"} in by_env["old"]["packages"]
    assert not any(p["name"] == "envman-demo-a" for p in by_env["new"]["packages"])
    assert all(r["error"] is None for r in found)


def test_outdated_in_an_env_without_pip_asks_uv(sb, tmp_path, wheels):
    # uv reads its own settings; the pip configuration reaches it through backends.
    sb.env.update(UV_FIND_LINKS=str(wheels), UV_NO_INDEX="1")
    sb.ok("new", "bare", "--no-pip", "-i", str(wheel(wheels, "a", "1.0")))
    found = json.loads(sb.ok("outdated", "bare", "--json").stdout)
    assert found == [{"env": "bare", "error": None, "packages": [
        {"name": "envman-demo-a", "version": "1.0", "latest": "2.0"}]}]


def test_outdated_bad_input(sb):
    for args in (["outdated"], ["outdated", "x", "--all"], ["outdated", "-bad-"]):
        proc = sb.run(*args)
        assert proc.returncode == 2, (args, proc.stderr)
        one_error_line(proc)


def test_sync_waits_for_the_env_lock_and_changes_nothing_while_another_holds_it(
        locked, tmp_path, wheels):
    """Another envman working on the env (a real process holding its lock) keeps sync
    out: with a short lock timeout it fails in one line and the env is untouched."""
    sandbox, _lock = locked
    target = spec_file(tmp_path / "target.toml", ["envman-demo-a==2.0"])
    ready = tmp_path / "holding"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from envman.locks import env_lock\n"
        "from envman.store import Store\n"
        "with env_lock(Store.default(), 'src'):\n"
        "    Path(sys.argv[1]).touch()\n"
        "    time.sleep(60)\n"), str(ready)], env=sandbox.env)
    try:
        from tests.support.lifecycle import wait_for

        assert wait_for(ready, holder)
        proc = sandbox.run("sync", "src", str(target), "-f", str(wheels),
                           env={"ENVMAN_LOCK_TIMEOUT": "0.5"})
        assert proc.returncode == 1
        assert "is busy" in one_error_line(proc)
        assert user_set(sandbox.store / "src") == {"envman-demo-a": "1.0", "envman-demo-b": "0.3"}
    finally:
        holder.kill()
        holder.wait()
    sandbox.ok("sync", "src", str(target), "-f", str(wheels))


def test_lock_replaces_its_own_lock_but_no_other_file(locked, tmp_path):
    sandbox, lock = locked
    sandbox.ok("lock", "src", "-o", str(lock))  # re-locking replaces envman's own lock
    theirs = tmp_path / "pylock.toml.theirs"
    theirs.write_text('lock-version = "1.0"\ncreated-by = "uv"\n')
    proc = sandbox.run("lock", "src", "-o", str(theirs))
    assert proc.returncode == 2 and "not a lock written by envman" in one_error_line(proc)
    assert theirs.read_text() == 'lock-version = "1.0"\ncreated-by = "uv"\n'


def test_new_from_a_lock_on_another_python_is_refused_before_anything_is_built(locked, tmp_path):
    from tests.support import PYENV_VERSIONS, missing

    sandbox, lock = locked
    mine = f"{sys.version_info.major}.{sys.version_info.minor}"
    others = [p for p in sorted(PYENV_VERSIONS.glob("3.1[0-3]*/bin/python3"))
              if not p.parent.parent.name.startswith(mine + ".")]
    if not others:
        missing(f"a Python other than {mine}")
    before = state(sandbox)
    proc = sandbox.run("new", "other", "--from", str(lock), "-p", str(others[0]))
    assert proc.returncode == 2
    assert "needs Python ==" in one_error_line(proc)
    assert state(sandbox) == before


def test_lock_of_a_release_the_index_lacks_fails_with_the_cause_and_no_file(sb, tmp_path, wheels):
    """Installed from a find-links directory that the lock is not told about (and no
    network): uv cannot find the file again, and lock says so without writing."""
    spec = spec_file(tmp_path / "spec.toml", ["envman-demo-a==1.0"])
    sb.ok("import", str(spec), "ix", "-f", str(wheels))
    out = tmp_path / "pylock.toml"
    proc = sb.run("lock", "ix", "-o", str(out), env={"UV_NO_INDEX": "1"})
    assert proc.returncode == 1
    line, causes = tool_error(proc)
    assert "finding the hashes of the packages installed from an index failed" in line
    assert any("envman-demo-a" in cause for cause in causes), proc.stderr
    assert not out.exists()


def test_outdated_reports_an_env_whose_pip_fails_and_lists_the_others(sb, wheels):
    sb.env.update(PIP_FIND_LINKS=str(wheels), PIP_NO_INDEX="1")
    sb.ok("new", "good", "-i", str(wheel(wheels, "a", "1.0")))
    sb.ok("new", "bad")
    # Its interpreter replaced by a script that fails like a broken pip (a new file: the
    # env's own files may be hard links into uv's cache, never to be written through).
    python = sb.store / "bad" / "bin" / "python"
    python.unlink()
    python.write_text("#!/bin/sh\necho 'ERROR: pip is broken here' >&2\nexit 1\n")
    python.chmod(0o755)
    proc = sb.run("outdated", "--all")
    assert proc.returncode == 1, proc.stderr
    rows = [ln.split() for ln in proc.stdout.splitlines()]
    assert ["good", "envman-demo-a", "1.0", "2.0"] in rows
    assert "bad: asking pip for newer versions failed: pip is broken here" in one_error_line(proc)
