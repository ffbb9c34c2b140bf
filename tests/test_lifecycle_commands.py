"""tmp, run, all, wipe, export/import, project, add-path, site-packages and
global-site-packages with real envs and real packages."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from envman.backends import find_uv

from tests.support import make_env
from tests.support.lifecycle import (
    installed,
    make_editable_project,
    registry,
    tomllib,
    wait_for,
    wheel,
)


@pytest.fixture
def sb(offline):
    return offline


def py(env: Path, code: str) -> str:
    return subprocess.run([env / "bin" / "python", "-c", code], capture_output=True,
                          text=True, check=True).stdout.strip()


def test_tmp_generated_name_owner_and_result_file(sb, tmp_path):
    env = dict(ENVMAN_RESULT_FILE=str(tmp_path / "result"))
    sb.ok("tmp", "--owner-pid", "4242", "--no-pip", env=env)
    name = (tmp_path / "result").read_text()
    assert name.startswith("tmp-") and len(name) == 12
    record = registry(sb)[name]
    assert record["temporary"] is True and record["pid"] == 4242 and record["state"] == "ready"
    assert not (sb.store / name / "bin" / "pip").exists()
    sb.ok("tmp")  # default owner: the process that ran envman
    other = [n for n, r in registry(sb).items() if n != name]
    assert len(other) == 1 and registry(sb)[other[0]]["pid"] == os.getpid()


def test_run_activates_without_a_shell_and_passes_the_status_through(sb, wheels):
    sb.ok("new", "a", "-i", str(wheel(wheels, "a", "1.0")))
    env = sb.store / "a"
    code = "import os,sys; print(os.environ['VIRTUAL_ENV']); print(sys.prefix); sys.exit(7)"
    proc = sb.run("run", "a", "--", "python", "-c", code)
    assert proc.returncode == 7
    assert proc.stdout.split() == [str(env), str(env)]
    assert sb.run("run", "a", "demo-a").stdout.strip() == "envman-demo-a 1.0"
    proc = sb.run("run", "a", "--", "sh", "-c", "kill -TERM $$")
    assert proc.returncode == 128 + 15


def test_all_runs_everywhere_and_summarises_failures(sb):
    for name in ("a", "b", "c"):
        sb.ok("new", name, "--no-pip")
    code = "import os,sys; print('in', os.getcwd()); sys.exit(3 if os.environ['VIRTUAL_ENV'].endswith('/b') else 0)"
    proc = sb.run("all", "--", "python", "-c", code)
    assert proc.returncode == 1
    for name in ("a", "b", "c"):
        assert f"{name}\n=\nin {sb.store / name}\n\n" in proc.stdout
    assert proc.stderr.strip() == "envman: error: the command failed in 1 of 3 environments: b (exit 3)"
    ok = sb.run("all", "python", "-c", "pass")
    assert ok.returncode == 0 and ok.stderr == ""


def test_wipe_removes_editables_and_url_installs_keeps_pip(sb, tmp_path, wheels):
    sb.ok("new", "w", "-i", str(wheel(wheels, "a", "2.0")), "-i", str(wheel(wheels, "b")))
    env = sb.store / "w"
    editable = make_editable_project(tmp_path / "ed")
    subprocess.run([find_uv(), "pip", "install", "-q", "--python", str(env / "bin" / "python"),
                    "-e", str(editable)], check=True, env=sb.env)
    freeze = subprocess.run([env / "bin" / "pip", "freeze"], capture_output=True, text=True).stdout
    assert "@ file://" in freeze and ("-e " in freeze or "# Editable" in freeze)
    proc = sb.ok("wipe", "w")
    assert proc.stdout.split("\n\n", 1)[0] == "Uninstalling packages:"
    assert {"envman-demo-a", "envman-demo-b", "envman-edit"} <= set(proc.stdout.split())
    left = installed(env)
    assert "pip" in left and not {"envman-demo-a", "envman-demo-b", "envman-edit"} & set(left)
    assert not (env / "bin" / "demo-a").exists()
    assert registry(sb)["w"].get("packages", []) == []
    assert sb.ok("wipe", "w").stdout.strip() == "Nothing to remove."


def test_export_then_import_on_another_store(sb, tmp_path, wheels):
    sb.ok("new", "src", "-i", str(wheel(wheels, "a", "1.0")), "-i", str(wheel(wheels, "b")),
          "--system-site-packages")
    spec_file = tmp_path / "spec.toml"
    sb.ok("export", "src", "-o", str(spec_file))
    text = spec_file.read_text()
    assert sb.ok("export", "src").stdout == text
    for path in (str(tmp_path), str(sb.store), str(wheels), "file:"):
        assert path not in text  # no machine paths
    spec = tomllib.loads(text)
    assert spec["envman-spec"] == 1 and spec["name"] == "src" and spec["system-site-packages"]
    assert {"envman-demo-a==1.0", "envman-demo-b==0.3"} <= set(spec["packages"])
    assert spec["python"].count(".") == 1

    other_store = tmp_path / "other store"
    env = make_env(tmp_path / "other", other_store)
    env["UV_OFFLINE"] = "1"
    env["ENVMAN_RESULT_FILE"] = str(tmp_path / "result")
    (tmp_path / "other" / "home").mkdir(parents=True)
    sb.ok("import", str(spec_file), "-f", str(wheels), env=env)
    assert (tmp_path / "result").read_text() == "src"
    imported = other_store / "src"
    assert installed(imported) == installed(sb.store / "src")
    assert "include-system-site-packages = true" in (imported / "pyvenv.cfg").read_text()
    sb.ok("import", str(spec_file), "copy2", "-f", str(wheels))  # a new name, same store
    assert installed(sb.store / "copy2") == installed(sb.store / "src")


def test_project_new_set_show(sb, tmp_path):
    home = tmp_path / "projects"
    home.mkdir()
    env = dict(PROJECT_HOME=str(home), ENVMAN_RESULT_FILE=str(tmp_path / "result"))
    proc = sb.ok("project", "new", "web", "--no-pip", env=env)
    assert "created project" in proc.stdout
    assert (home / "web").is_dir() and (tmp_path / "result").read_text() == "web"
    assert (sb.store / "web" / ".project").read_text() == f"{home / 'web'}\n"
    assert registry(sb)["web"]["project"] == str(home / "web")
    assert sb.ok("project", "show", "web").stdout == f"{home / 'web'}\n"

    (home / "api").mkdir()
    (home / "api" / "keep.txt").write_text("mine")
    sb.ok("project", "new", "api", "--force", "--no-pip", env=env)  # an existing dir, kept
    assert (home / "api" / "keep.txt").read_text() == "mine"

    other = tmp_path / "elsewhere"
    other.mkdir()
    proc = sb.ok("project", "set", "web", str(other))
    assert proc.stdout.strip() == f"Setting project for web to {other}"
    assert (sb.store / "web" / ".project").read_text() == f"{other}\n"
    assert registry(sb)["web"]["project"] == str(other)
    sb.ok("project", "set", "api", cwd=other)  # default: the current directory
    assert sb.ok("project", "show", "api").stdout == f"{other}\n"


def test_add_path_matches_add2virtualenv_and_python_sees_it(sb, tmp_path):
    sb.ok("new", "p", "--no-pip")
    env = sb.store / "p"
    one, two = tmp_path / "one", tmp_path / "two dir"
    one.mkdir()
    two.mkdir()
    (two / "extra_mod.py").write_text("X = 5\n")
    sb.ok("add-path", "p", "one", str(two), cwd=tmp_path)  # relative: made absolute
    site = Path(sb.ok("site-packages", "p").stdout.strip())
    assert site.is_dir() and site.parent.parent.parent == env
    pth = (site / "_virtualenv_path_extensions.pth").read_text().splitlines()
    assert pth[0] == "import sys; sys.__plen = len(sys.path)"
    assert pth[1:3] == [str(two), str(one)]  # newest first, as add2virtualenv inserts
    assert pth[3].startswith("import sys; new=sys.path[sys.__plen:]")
    assert py(env, "import extra_mod; print(extra_mod.X)") == "5"
    assert sb.ok("add-path", "p").stdout.split("\n")[:2] == [str(two), str(one)]
    sb.ok("add-path", "p", "--remove", str(two))
    assert sb.ok("add-path", "p").stdout == f"{one}\n"
    sb.ok("add-path", "p", "-d", str(one))
    assert (site / "_virtualenv_path_extensions.pth").read_text().count("\n") == 2
    # Like add2virtualenv, a directory that does not exist (yet) is added, with a warning.
    proc = sb.ok("add-path", "p", str(tmp_path / "later"))
    assert proc.stderr == f"envman: warning: {tmp_path / 'later'} is not a directory (added anyway)\n"
    assert sb.ok("add-path", "p").stdout == f"{tmp_path / 'later'}\n"
    proc = sb.ok("add-path", "p", "-d", "/usr")
    assert proc.stderr == "envman: warning: /usr is not among 'p''s added paths\n"


def test_global_site_packages_on_off_toggle(sb):
    sb.ok("new", "g", "--no-pip")
    env = sb.store / "g"
    # The base interpreter's own site dirs, as it names them (site-packages, or Debian's
    # dist-packages): on sys.path only while global site-packages are on.
    check = "import sys,site; print(any(p in sys.path for p in site.getsitepackages([sys.base_prefix])))"
    assert py(env, check) == "False"
    assert sb.ok("global-site-packages", "g", "on").stdout.strip() == "Enabled global site-packages"
    assert "include-system-site-packages = true" in (env / "pyvenv.cfg").read_text()
    assert registry(sb)["g"]["system_site_packages"] is True
    assert py(env, check) == "True"
    assert sb.ok("global-site-packages", "g").stdout.strip() == "Disabled global site-packages"
    assert py(env, check) == "False"
    assert sb.ok("global-site-packages", "g", "toggle").stdout.strip() == "Enabled global site-packages"
    sb.ok("global-site-packages", "g", "off")
    assert "include-system-site-packages = false" in (env / "pyvenv.cfg").read_text()
    assert json.loads(sb.ok("show", "g", "--json").stdout)["system_site_packages"] is False


def test_run_leaves_ctrl_c_to_the_command(sb, tmp_path):
    """SIGINT to envman run (as a terminal sends it to the whole process group) goes to
    the command, which here catches it and exits 5: envman waits and passes 5 on."""
    sb.ok("new", "a", "--no-pip")
    ready = tmp_path / "ready"
    code = ("import signal,sys,time,pathlib\n"
            "signal.signal(signal.SIGINT, lambda *a: sys.exit(5))\n"
            f"pathlib.Path({str(ready)!r}).touch()\n"
            "time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-m", "envman", "run", "a", "--", "python", "-c", code],
                            env=sb.env, start_new_session=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert wait_for(ready, proc), proc.communicate()
    os.killpg(proc.pid, signal.SIGINT)  # like Ctrl-C in a terminal: the whole group
    proc.communicate(timeout=60)
    assert proc.returncode == 5


def test_renaming_a_temporary_env_keeps_it(sb, tmp_path):
    sb.ok("tmp", "--no-pip", "--owner-pid", "4242", env={"ENVMAN_RESULT_FILE": str(tmp_path / "r")})
    name = (tmp_path / "r").read_text()
    sb.ok("mv", name, "kept")
    record = registry(sb)["kept"]
    assert not record.get("temporary") and "pid" not in record
    assert name not in registry(sb)
