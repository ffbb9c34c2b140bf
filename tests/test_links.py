"""envman link / unlink: DIR/.venv as a symlink to a store env plus the env's project,
through the real CLI; uv sync in a linked project installs a local wheel into the named
env offline and never replaces it; bad input is one line, exit 2, nothing changed; doctor
reports links to missing envs and links replaced by a directory."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from tests.support.projects import INDEX_HEADER, make_project_dir, read_index


def test_link_new_then_unlink(sandbox):
    web = make_project_dir(sandbox.root, "web", "src")
    proc = sandbox.ok("link", "--new", "--", cwd=web, env={"PWD": str(web)})
    assert f"linked {web}/.venv to web" in proc.stdout
    venv = web / ".venv"
    assert venv.is_symlink() and os.readlink(venv) == str(sandbox.store / "web")
    assert (sandbox.store / "web" / ".project").read_text() == f"{web}\n"
    assert sandbox.ok("project", "show", "web").stdout == f"{web}\n"
    assert read_index(sandbox.store) == f"{INDEX_HEADER}{web}\tweb\n"
    assert json.loads(sandbox.ok("show", "web", "--json").stdout)["project"] == str(web)
    sandbox.ok("doctor")
    proc = sandbox.ok("unlink", cwd=web, env={"PWD": str(web)})
    assert proc.stdout == f"removed {web}/.venv; web has no project now\n"
    assert not os.path.lexists(venv)
    assert not (sandbox.store / "web" / ".project").exists()
    assert read_index(sandbox.store) == INDEX_HEADER
    assert json.loads(sandbox.ok("show", "web", "--json").stdout)["project"] is None
    assert (sandbox.store / ".envman" / "links").read_text() == "# envman links 1\n"


def test_link_defaults_to_the_active_env_and_is_idempotent(sandbox):
    sandbox.ok("new", "--no-pip", "tools")
    api = make_project_dir(sandbox.root, "api", "src")
    active = {"VIRTUAL_ENV": str(sandbox.store / "tools"), "PWD": str(api)}
    sandbox.ok("link", cwd=api, env=active)
    assert os.readlink(api / ".venv") == str(sandbox.store / "tools")
    again = sandbox.ok("link", cwd=api, env=active)
    assert "already links to tools" in again.stdout
    assert read_index(sandbox.store) == f"{INDEX_HEADER}{api}\ttools\n"


def test_link_named_env_to_named_dir_from_elsewhere(sandbox):
    sandbox.ok("new", "--no-pip", "tools")
    api = make_project_dir(sandbox.root, "api", "src")
    sandbox.ok("link", "tools", str(api))
    assert os.readlink(api / ".venv") == str(sandbox.store / "tools")
    sandbox.ok("unlink", str(api))
    assert not os.path.lexists(api / ".venv")


def test_link_default_env_is_named_after_the_directory(sandbox):
    sandbox.ok("new", "--no-pip", "api")
    api = make_project_dir(sandbox.root, "api", "src")
    sandbox.ok("link", cwd=api, env={"PWD": str(api)})
    assert os.readlink(api / ".venv") == str(sandbox.store / "api")


def test_the_project_is_the_shells_pwd_spelling(sandbox):
    """Reached through a symlinked path, the project is recorded as $PWD spells it:
    that is the string the shell compares with."""
    real = make_project_dir(sandbox.root, "real", "src")
    alias = sandbox.root / "alias"
    alias.symlink_to(real)
    sandbox.ok("new", "--no-pip", "real")
    sandbox.ok("link", "real", cwd=alias, env={"PWD": str(alias)})
    assert read_index(sandbox.store) == f"{INDEX_HEADER}{alias}\treal\n"


@pytest.mark.parametrize("case, args, message", [
    ("missing-env", ("link", "nope", "{dir}"), "environment 'nope' does not exist"),
    ("in-the-store", ("link", "tools", "{store}/tools"), "inside the store"),
    ("bad-name", ("link", "../x", "{dir}"), ""),
    ("not-a-dir", ("link", "tools", "{dir}/missing"), "is not a directory"),
    ("venv-dir", ("link", "tools", "{dir}"), "is a directory"),
    ("venv-file", ("link", "tools", "{dir}"), "exists and is not a symlink"),
    ("venv-other-link", ("link", "tools", "{dir}"), "is already a symlink"),
    ("new-exists", ("link", "--new", "tools", "{dir}"), "already exists"),
    ("python-without-new", ("link", "-p", "3.11", "tools", "{dir}"), "only applies with --new"),
    ("unlink-venv-dir", ("unlink", "{dir}"), "is a directory"),
    ("unlink-foreign-link", ("unlink", "{dir}"), "not to an env of the store"),
    ("unlink-nothing", ("unlink", "{dir}"), "has no .venv link and is no env's project"),
])
def test_bad_input_is_one_line_exit_2_nothing_changed(sandbox, case, args, message):
    sandbox.ok("new", "--no-pip", "tools")
    d = make_project_dir(sandbox.root, "d", "src")
    venv = d / ".venv"
    if case in ("venv-dir", "unlink-venv-dir"):
        venv.mkdir()
        (venv / "keep").write_text("x\n")
    elif case == "venv-file":
        venv.write_text("tools\n")
    elif case in ("venv-other-link", "unlink-foreign-link"):
        venv.symlink_to(sandbox.root)
    before = sandbox.snapshot()
    before_dir = sorted((p.name, p.is_symlink()) for p in d.iterdir())
    proc = sandbox.run(*[a.format(dir=d, store=sandbox.store) for a in args])
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr
    assert len(proc.stderr.splitlines()) == 1 and proc.stdout == ""
    assert sandbox.snapshot() == before
    assert sorted((p.name, p.is_symlink()) for p in d.iterdir()) == before_dir


def test_link_warns_when_uv_would_recreate_the_env(sandbox):
    sandbox.ok("new", "--no-pip", "old")
    d = make_project_dir(sandbox.root, "d", "src")
    (d / "pyproject.toml").write_text('[project]\nname = "d"\nversion = "0"\n'
                                      'requires-python = ">=3.99"\n')
    proc = sandbox.ok("link", "old", str(d))
    assert "requires Python >=3.99" in proc.stderr
    assert "envman upgrade old -p X.Y" in proc.stderr
    assert (d / ".venv").is_symlink()  # linked all the same: the user decides


def _site_packages(env):
    return next((env / "lib").glob("python3*/site-packages"))


@pytest.mark.slow
def test_uv_sync_add_run_install_into_the_named_env_offline(sandbox, wheels):
    """uv in a linked project: `uv sync` installs a locally built wheel into the store
    env (no index, no network), `uv add` and `uv run` use it too; the link stays a link
    and the store env is the same env (its pyvenv.cfg and pip untouched)."""
    uv = shutil.which("uv", path=sandbox.env["PATH"])
    assert uv, "uv comes with envman's test dependencies"
    sandbox.ok("new", "web")
    web = make_project_dir(sandbox.root, "web", "src")
    (web / "pyproject.toml").write_text(
        '[project]\nname = "web"\nversion = "0.1"\nrequires-python = ">=3.8"\n'
        'dependencies = ["envman-demo-a==1.0"]\n[tool.uv]\npackage = false\n')
    sandbox.ok("link", "web", str(web))
    env_dir = sandbox.store / "web"
    cfg_before = (env_dir / "pyvenv.cfg").read_bytes()
    site = _site_packages(env_dir)
    pip_before = sorted(p.name for p in site.glob("pip-*.dist-info"))
    assert pip_before
    uv_env = dict(sandbox.env, UV_OFFLINE="1", UV_NO_INDEX="1", UV_FIND_LINKS=str(wheels),
                  UV_PYTHON_DOWNLOADS="never", PWD=str(web))
    uv_env.pop("VIRTUAL_ENV", None)

    def run_uv(*args):
        proc = subprocess.run([uv, *args], cwd=web, env=uv_env, capture_output=True,
                              text=True, timeout=300, stdin=subprocess.DEVNULL)
        assert proc.returncode == 0, proc.stderr
        assert "Removed virtual environment" not in proc.stderr
        return proc

    run_uv("sync")
    assert (site / "envman_demo_a.py").read_text().startswith("VERSION = '1.0'")
    run_uv("add", "envman-demo-b")
    assert (site / "envman_demo_b.py").is_file()
    out = run_uv("run", "python", "-c", "import sys, envman_demo_b; print(sys.prefix)")
    assert out.stdout.strip() in (str(env_dir), str(web / ".venv"))
    assert (web / ".venv").is_symlink()
    assert os.readlink(web / ".venv") == str(env_dir)
    assert (env_dir / "pyvenv.cfg").read_bytes() == cfg_before  # never recreated
    assert sorted(p.name for p in site.glob("pip-*.dist-info")) == pip_before
    names = [p["name"] for p in json.loads(sandbox.ok("run", "web", "--", "python", "-m",
                                                      "pip", "list", "--format", "json").stdout)]
    assert "envman-demo-a" in names and "envman-demo-b" in names
    sandbox.ok("doctor")


def test_doctor_reports_a_link_to_a_removed_env_and_a_replaced_link(sandbox):
    sandbox.ok("new", "--no-pip", "gone")
    sandbox.ok("new", "--no-pip", "kept")
    a, b, c = make_project_dir(sandbox.root, "a", "src"), make_project_dir(sandbox.root, "b", "src"), make_project_dir(sandbox.root, "c", "src")
    sandbox.ok("link", "gone", str(a))
    sandbox.ok("link", "kept", str(b))
    sandbox.ok("link", "kept", str(c))
    sandbox.ok("rm", "-y", "gone")
    (b / ".venv").unlink()
    (b / ".venv").mkdir()  # what `uv venv` run twice did to a link (uv < 0.13)
    (c / ".venv").unlink()  # removed by hand: only envman's list remembers it
    before = sandbox.snapshot()
    proc = sandbox.run("doctor", "--json")
    assert proc.returncode == 1
    found = {(f["kind"], f["subject"]) for f in json.loads(proc.stdout)["findings"]}
    assert found == {("link-broken", str(a)), ("link-replaced", str(b)), ("link-gone", str(c))}
    assert sandbox.snapshot() == before
    proc = sandbox.run("doctor", "--fix", "--json")
    remaining = {(f["kind"], f["subject"]) for f in json.loads(proc.stdout)["remaining"]}
    assert remaining == {("link-broken", str(a)), ("link-replaced", str(b))}
    assert (b / ".venv").is_dir() and not (b / ".venv").is_symlink()  # never touched
    sandbox.ok("unlink", str(a))
    assert not os.path.lexists(a / ".venv")
    proc = sandbox.run("unlink", str(b))
    assert proc.returncode == 2 and "uv or an editor" in proc.stderr


@pytest.mark.slow
def test_mv_moves_the_link_with_the_env(sandbox):
    sandbox.ok("new", "--no-pip", "old")
    web = make_project_dir(sandbox.root, "web", "src")
    sandbox.ok("link", "old", str(web))
    sandbox.ok("mv", "old", "new")
    assert os.readlink(web / ".venv") == str(sandbox.store / "new")
    assert read_index(sandbox.store) == f"{INDEX_HEADER}{web}\tnew\n"
    assert (sandbox.store / ".envman" / "links").read_text() == f"# envman links 1\n{web}\tnew\n"
    assert sorted(p.name for p in web.iterdir()) == [".venv"]  # no temp link left
    sandbox.ok("doctor")


@pytest.mark.slow
def test_what_uv_does_when_the_env_python_does_not_fit(sandbox, wheels):
    """The hazard docs/projects.md describes, pinned down so a change in uv is noticed:
    with a project that excludes the env's Python, `uv sync --python OTHER` wipes the
    store env through the link and recreates it. envman warned at link time, and doctor
    reports the recreated env; the link stays a link."""
    from tests.support import PYENV_VERSIONS, missing

    other = PYENV_VERSIONS / "3.12.1" / "bin" / "python3.12"
    if not other.exists():
        missing(f"{other} is needed to make uv recreate an env")
    uv = shutil.which("uv", path=sandbox.env["PATH"])
    sandbox.ok("new", "--no-pip", "-p", "3.11", "web")
    web = make_project_dir(sandbox.root, "web", "src")
    (web / "pyproject.toml").write_text(
        '[project]\nname = "web"\nversion = "0.1"\nrequires-python = ">=3.12"\n'
        'dependencies = []\n[tool.uv]\npackage = false\n')
    proc = sandbox.ok("link", "web", str(web))
    assert "requires Python >=3.12" in proc.stderr
    uv_env = dict(sandbox.env, UV_OFFLINE="1", UV_NO_INDEX="1", UV_FIND_LINKS=str(wheels),
                  UV_PYTHON_DOWNLOADS="never")
    proc = subprocess.run([uv, "sync", "--python", str(other)], cwd=web, env=uv_env,
                          capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr
    assert "Removed virtual environment" in proc.stderr  # uv's behaviour (0.13)
    assert (web / ".venv").is_symlink()
    report = json.loads(sandbox.run("doctor", "--json").stdout)
    kinds = {(f["kind"], f["subject"]) for f in report["findings"]}
    # uv emptied the env: its pyvenv.cfg disagrees with the registry, and the .project
    # file link wrote is gone; doctor names the link and how to keep it next time.
    assert ("interpreter-broken", "web") in kinds
    assert ("link-env-recreated", str(web)) in kinds
    (found,) = [f for f in report["findings"] if f["kind"] == "link-env-recreated"]
    assert "envman upgrade web -p" in found["suggestion"]
