"""virtualenvwrapper 6.1.1's commands, hooks and variables in real bash and zsh.

The store is built the way virtualenvwrapper leaves it: envs made by plain
``python -m venv`` and uv (never registered with envman), global hook scripts in the
store, per-env hooks in bin/, ``.project`` files. Expected messages and statuses are
virtualenvwrapper.sh 6.1.1's.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import (
    SHELLS,
    T_WHICH,
    logging_hook,
    make_sh_box,
    pre_post_hooks,
    sourced_hook,
    write_hook,
)

SPACE = "old env"


def _uv() -> str:
    found = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    assert found, "uv is a dependency of envman"
    return found


@pytest.fixture(scope="module")
def vw(tmp_path_factory):
    """A virtualenvwrapper store: one stdlib venv, one uv venv with a space in its
    name and a project, global and local hooks that log what they are given."""
    box = make_sh_box(tmp_path_factory.mktemp("vw"))
    box.store.mkdir()
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(box.store / "legacy")],
                   check=True)
    subprocess.run([_uv(), "venv", "-q", "-p", sys.executable, str(box.store / SPACE)], check=True,
                   env={**box.env, "VIRTUAL_ENV": ""})
    project = box.root / "projects" / "old project"
    project.mkdir(parents=True)
    (box.store / SPACE / ".project").write_text(f"{project}\n")
    box.project = project
    return box


@pytest.fixture
def box(tmp_path):
    """A HOME and an empty store of this test's own."""
    box = make_sh_box(tmp_path)
    box.store.mkdir()
    return box


@pytest.fixture
def log(tmp_path):
    return tmp_path / "hooks.log"


def _log_lines(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


@pytest.mark.parametrize("shell", SHELLS)
def test_workon_an_env_virtualenvwrapper_made(vw, shell):
    # VIRTUALENVWRAPPER_PYTHON/_SCRIPT from an old rc file are accepted and harmless.
    r = vw.ok(shell, T_WHICH + """
workon "$T_NAME"
echo "VE=$VIRTUAL_ENV"
echo "PWD=$PWD"
echo "PY=$(t_which python)"
workon legacy
echo "VE2=$VIRTUAL_ENV"
deactivate
""", env={"T_NAME": SPACE, "VIRTUALENVWRAPPER_PYTHON": "/no/such/python",
          "VIRTUALENVWRAPPER_SCRIPT": "/no/such/virtualenvwrapper.sh"})
    assert r.value("VE") == str(vw.store / SPACE)
    assert r.value("PWD") == str(vw.project)  # VIRTUALENVWRAPPER_WORKON_CD defaults to 1
    assert r.value("PY") == str(vw.store / SPACE / "bin" / "python")
    assert r.value("VE2") == str(vw.store / "legacy")


@pytest.mark.parametrize("shell", SHELLS)
def test_loading_creates_global_hooks_and_sources_initialize(box, shell):
    write_hook(box.store / "initialize", 'echo "initialized in $WORKON_HOME"\n', executable=False)
    r = box.ok(shell, 'echo "HOOKDIR=$VIRTUALENVWRAPPER_HOOK_DIR"\n')
    assert r.lines[0] == f"initialized in {box.store}"
    assert r.value("HOOKDIR") == str(box.store)
    # virtualenvwrapper 6.1.1's modes: run hooks 0755, sourced ones 0644; it never
    # creates the cpvirtualenv hooks (it runs them when the user writes them).
    for name, mode in (("premkvirtualenv", 0o755), ("postmkvirtualenv", 0o644),
                       ("prermvirtualenv", 0o755), ("postrmvirtualenv", 0o755),
                       ("preactivate", 0o755), ("postactivate", 0o644),
                       ("predeactivate", 0o644), ("postdeactivate", 0o644),
                       ("get_env_details", 0o755), ("premkproject", 0o755),
                       ("postmkproject", 0o755)):
        path = box.store / name
        assert path.is_file() and path.stat().st_mode & 0o777 == mode, name
        assert path.read_text().startswith("#!")
    assert not (box.store / "precpvirtualenv").exists()
    assert not (box.store / "postcpvirtualenv").exists()
    assert (box.store / "initialize").read_text().startswith("echo")  # never overwritten


@pytest.mark.parametrize("shell", SHELLS)
def test_mkvirtualenv_creates_hooks_activates_and_links_project(box, tmp_path, shell, log):
    project = tmp_path / "my project"
    project.mkdir()
    pre_post_hooks(box.store, "premkvirtualenv", "postmkvirtualenv")
    r = box.ok(shell, """
cd -- "$T_PROJECT/.."
mkvirtualenv -a "my project" -p "$T_PY" --without-pip --prompt shiny "$T_NAME"
echo "VE=$VIRTUAL_ENV"
echo "PWD=$PWD"
echo "PS1=$PS1"
""", env={"T_LOG": str(log), "T_PROJECT": str(project), "T_PY": sys.executable,
          "T_NAME": "new env"}, prelude="PS1='$ '\n")
    env = box.store / "new env"
    assert r.value("VE") == str(env)
    assert r.value("PWD") == str(project)
    assert r.value("PS1") == "(shiny) $ "
    assert f"Setting project for new env to {project}" in r.lines
    assert (env / ".project").read_text().strip() == str(project)
    assert not (env / "bin" / "pip").exists()
    for name, mode in (("preactivate", 0o755), ("postactivate", 0o644),
                       ("predeactivate", 0o644), ("postdeactivate", 0o644),
                       ("get_env_details", 0o755)):
        assert (env / "bin" / name).stat().st_mode & 0o777 == mode, name
    assert _log_lines(log) == [
        f"premkvirtualenv new env | {box.store} | ",
        f"postmkvirtualenv | new env |  | {project}",
    ]


@pytest.mark.parametrize("shell", SHELLS)
def test_mkvirtualenv_installs_packages(tmp_path, shell, wheels):
    box = make_sh_box(tmp_path)
    wheel = next(wheels.glob("envman_demo_a-1.0-*.whl"))
    req = tmp_path / "req.txt"
    req.write_text(f"{next(wheels.glob('envman_demo_b-*.whl'))}\n")
    r = box.run(shell, 'mkvirtualenv -i "$T_WHEEL" -r "$T_REQ" pk >/dev/null\n'
                       + T_WHICH + 't_which demo-a\n'
                       'python -c "import importlib.metadata as m; print(m.version(\'envman-demo-b\'))"\n',
                env={"T_WHEEL": str(wheel), "T_REQ": str(req)})
    assert r.status == 0, r.stderr
    assert r.lines[-2:] == [str(box.store / "pk" / "bin" / "demo-a"), "0.3"]


@pytest.mark.parametrize("shell", SHELLS)
def test_mkvirtualenv_bad_input(box, shell):
    box.ok(shell, "true\n")  # loading creates virtualenvwrapper's global hook files
    before = box.snapshot()
    r = box.run(shell, "mkvirtualenv || echo status=$?\n")
    assert r.value("status") == "2"
    assert "mkvirtualenv: error: the following arguments are required: env_name" in r.stderr
    r = box.run(shell, "mkvirtualenv -a /no/such/dir x || echo status=$?\n")
    assert r.value("status") == "1"
    assert r.stderr == "Cannot associate project with /no/such/dir, it is not a directory\n"
    r = box.run(shell, "mkvirtualenv --copies x || echo status=$?\n")
    assert r.value("status") == "2"
    assert "virtualenv option '--copies' is not supported by envman" in r.stderr
    r = box.run(shell, "mkvirtualenv -p || echo status=$?\n")
    assert r.value("status") == "2"
    r = box.run(shell, "mkvirtualenv 'bad/name' || echo status=$?\n")
    assert r.value("status") == "2"
    assert box.snapshot() == before


@pytest.mark.parametrize("shell", SHELLS)
def test_mkvirtualenv_with_a_custom_virtualenv_program(box, tmp_path, shell, log):
    fake = tmp_path / "fake-virtualenv"
    write_hook(fake, f'#!/bin/sh\nprintf "%s\\n" "args: $*" "cwd: $(pwd)" >> "$T_LOG"\n'
                     f'for last; do :; done\nexec "{_uv()}" venv -q "$last"\n')
    r = box.ok(shell, "mkvirtualenv -p python3 --clear custom >/dev/null\necho \"VE=$VIRTUAL_ENV\"\n",
               env={"T_LOG": str(log), "VIRTUALENVWRAPPER_VIRTUALENV": str(fake),
                    "VIRTUALENVWRAPPER_VIRTUALENV_ARGS": "--seeder  pip -q"})
    assert r.value("VE") == str(box.store / "custom")
    assert _log_lines(log) == ["args: --seeder pip -q --python=python3 --clear custom",
                               f"cwd: {box.store}"]


@pytest.mark.parametrize("shell", SHELLS)
def test_rmvirtualenv(tmp_path, shell, log):
    box = make_sh_box(tmp_path)
    box.envman("new", "--no-pip", "keep")
    box.envman("new", "--no-pip", "gone one")
    for hook in ("prermvirtualenv", "postrmvirtualenv"):
        write_hook(box.store / hook, logging_hook(hook))
    r = box.run(shell, """
workon keep
rmvirtualenv keep || echo "status=$?"
rmvirtualenv "gone one" missing
echo "rc=$?"
rmvirtualenv || echo "status2=$?"
echo "PWD=$PWD"
""", env={"T_LOG": str(log)})
    assert r.value("status") == "1"
    assert r.stdout.splitlines()[:4] == ["Removing keep...", "status=1", "Removing gone one...",
                                         "Removing missing..."]
    assert r.value("status2") == "1"
    assert r.value("PWD") == str(box.home)
    assert r.stderr.splitlines() == [
        "ERROR: You cannot remove the active environment ('keep').",
        "Either switch to another environment, or run 'deactivate'.",
        f"Did not find environment {box.store / 'missing'} to remove.",
        "Please specify an environment.",
    ]
    assert (box.store / "keep").is_dir() and not (box.store / "gone one").exists()
    assert _log_lines(log) == [
        f"prermvirtualenv gone one | {box.store} | keep",
        f"postrmvirtualenv gone one | {box.store} | keep",
        f"prermvirtualenv missing | {box.store} | keep",
        f"postrmvirtualenv missing | {box.store} | keep",
    ]


@pytest.mark.parametrize("shell", SHELLS)
def test_lsvirtualenv_and_showvirtualenv(vw, shell, log):
    write_hook(vw.store / "get_env_details", logging_hook("global-details"))
    write_hook(vw.store / "legacy" / "bin" / "get_env_details", '#!/bin/sh\necho "legacy details $1"\n')
    try:
        r = vw.ok(shell, "lsvirtualenv -b\necho --\nlsvirtualenv\necho --\nshowvirtualenv legacy\n",
                  env={"T_LOG": str(log)})
        usage = vw.run(shell, "lsvirtualenv -h || echo status=$?\nlsvirtualenv -x || echo status=$?\n")
        noarg = vw.run(shell, "showvirtualenv || echo status=$?\n")
    finally:
        (vw.store / "get_env_details").unlink()
        (vw.store / "legacy" / "bin" / "get_env_details").unlink()
    brief, long, show = r.stdout.split("--\n")
    assert brief.splitlines() == ["legacy", SPACE]
    assert long.splitlines() == ["legacy", "======", "legacy details legacy", "", "",
                                 SPACE, "=" * len(SPACE), "", ""]
    assert show.splitlines() == ["legacy details legacy", ""]
    help_lines = ["lsvirtualenv [-blh]", "  -b -- brief mode", "  -l -- long mode",
                  "  -h -- this help message", "status=1"]
    assert usage.lines == help_lines * 2  # -h, then -x
    assert usage.stderr == "Invalid option: -x\n"
    assert noarg.lines == ["showvirtualenv [env]", "status=1"]
    # lsvirtualenv runs get_env_details inside each env (VIRTUAL_ENV set), as
    # virtualenvwrapper 6.1.1's allvirtualenv does; showvirtualenv alone does not.
    assert _log_lines(log) == [f"global-details legacy | {vw.store} | legacy",
                               f"global-details {SPACE} | {vw.store} | {SPACE}",
                               f"global-details legacy | {vw.store} | "]


@pytest.mark.parametrize("shell", SHELLS)
def test_cpvirtualenv(tmp_path, shell, log):
    box = make_sh_box(tmp_path)
    box.envman("new", "--no-pip", "src env")
    for hook in ("precpvirtualenv", "premkvirtualenv"):
        write_hook(box.store / hook, logging_hook(hook))
    write_hook(box.store / "postcpvirtualenv", sourced_hook("postcpvirtualenv"), executable=False)
    r = box.run(shell, """
cpvirtualenv "src env" "dst env"
echo "VE=$VIRTUAL_ENV"
cpvirtualenv "src env" "dst env" || echo "status=$?"
cpvirtualenv nope || echo "status2=$?"
""", env={"T_LOG": str(log)})
    assert r.lines[0] == "Copying src env as dst env..."
    assert r.value("VE") == str(box.store / "dst env")
    assert "dst env virtualenv already exists." in r.lines and r.value("status") == "1"
    assert "Please provide a valid virtualenv to copy." in r.lines and r.value("status2") == "1"
    assert (box.store / "dst env" / "bin" / "postactivate").stat().st_mode & 0o777 == 0o644
    assert _log_lines(log)[:2] == [
        f"precpvirtualenv {box.store / 'src env'} dst env | {box.store} | ",
        f"premkvirtualenv dst env | {box.store} | ",
    ]
    assert _log_lines(log)[2].startswith("postcpvirtualenv | dst env")


@pytest.mark.parametrize("shell", SHELLS)
def test_allvirtualenv_runs_in_each_env_from_its_directory(vw, shell):
    r = vw.ok(shell, 'allvirtualenv sh -c \'echo "$VIRTUAL_ENV|$PWD"\'\n')
    assert r.lines == [
        "legacy", "======", f"{vw.store / 'legacy'}|{vw.store / 'legacy'}", "",
        SPACE, "=" * len(SPACE), f"{vw.store / SPACE}|{vw.store / SPACE}", "",
    ]


@pytest.mark.parametrize("shell", SHELLS)
def test_mktmpenv_is_removed_on_deactivate(box, shell):
    r = box.ok(shell, 'mktmpenv --without-pip >/dev/null\necho "VE=$VIRTUAL_ENV"\necho "PWD=$PWD"\n'
                      "test -f README.tmpenv && echo MARKED\ndeactivate\n")
    env = r.value("VE")
    assert env.startswith(str(box.store / "tmp-"))
    assert r.value("PWD") == env and "MARKED" in r.lines
    assert not Path(env).exists()
    r = box.ok(shell, 'mktmpenv -n --without-pip\necho "PWD=$PWD"\n')
    assert r.value("PWD") == str(box.home)
    assert "This is a temporary environment. It will be deleted when you run 'deactivate'." in r.lines


@pytest.mark.parametrize("shell", SHELLS)
def test_projects(box, tmp_path, shell, log):
    projects = tmp_path / "proj home"
    projects.mkdir()
    pre_post_hooks(box.store, "premkproject", "postmkproject")
    env = {"T_LOG": str(log), "PROJECT_HOME": str(projects)}
    r = box.run(shell, """
mkproject --without-pip "web app" >/dev/null
echo "PWD=$PWD"
echo "VE=$VIRTUAL_ENV"
cd /
cdproject
echo "PWD2=$PWD"
mkproject "web app" || echo "status=$?"
mkproject -t django x || echo "status2=$?"
""", env=env)
    assert r.value("PWD") == str(projects / "web app")
    assert r.value("VE") == str(box.store / "web app")
    assert r.value("PWD2") == str(projects / "web app")
    assert r.value("status") == "1" and r.value("status2") == "2"
    assert "Project web app already exists." in r.stderr
    # virtualenvwrapper 6.1.1 runs premkproject from $WORKON_HOME, like every run hook.
    assert _log_lines(log) == [f"premkproject web app | {box.store} | web app",
                               f"postmkproject | web app |  | {projects / 'web app'}"]
    r = box.run(shell, "mkproject x || echo status=$?\n", env={"PROJECT_HOME": ""})
    assert r.value("status") == "1"
    assert r.stderr.startswith("ERROR: Set the PROJECT_HOME shell variable")
    r = box.run(shell, """
workon -n "web app"
setvirtualenvproject "" "$T_OTHER"
setvirtualenvproject "web app" /no/such || echo "status=$?"
""", env={"T_OTHER": str(tmp_path)})
    assert f"Setting project for web app to {tmp_path}" in r.lines
    assert r.value("status") == "1"
    assert 'Cannot associate virtualenv with "/no/such", it is not a directory' in r.stderr


@pytest.mark.parametrize("shell", SHELLS)
def test_site_packages_commands(tmp_path, shell):
    box = make_sh_box(tmp_path)
    extra = tmp_path / "extra dir"
    extra.mkdir()
    r = box.run(shell, """
mkvirtualenv --without-pip "site pk" >/dev/null
add2virtualenv "$T_EXTRA"
python -c 'import sys; print("ON_PATH" if sys.argv[1] in sys.path else "NOT", )' "$T_EXTRA"
add2virtualenv || echo "status=$?"
add2virtualenv -d "$T_EXTRA"
python -c 'import sys; print("ON_PATH2" if sys.argv[1] in sys.path else "NOT2")' "$T_EXTRA"
toggleglobalsitepackages
toggleglobalsitepackages
toggleglobalsitepackages -q
echo "CFG=$(command grep include-system "$VIRTUAL_ENV/pyvenv.cfg")"
lssitepackages
""", env={"T_EXTRA": str(extra)})
    assert r.status == 0, r.stderr
    assert "ON_PATH" in r.lines and "NOT2" in r.lines
    assert "Usage: add2virtualenv dir [dir ...]" in r.lines and r.value("status") == "1"
    assert "Enabled global site-packages" in r.lines and "Disabled global site-packages" in r.lines
    assert r.value("CFG").replace(" ", "") == "include-system-site-packages=true"


@pytest.mark.parametrize("shell", SHELLS)
def test_wipeenv(tmp_path, shell, wheels):
    box = make_sh_box(tmp_path)
    wheel = next(wheels.glob("envman_demo_a-1.0-*.whl"))
    r = box.run(shell, 'mkvirtualenv -i "$T_WHEEL" "wipe me" >/dev/null\nwipeenv\nwipeenv\n',
                env={"T_WHEEL": str(wheel)})
    assert r.status == 0, r.stderr
    assert "Uninstalling packages:" in r.lines and "Nothing to remove." in r.lines
    assert not (box.store / "wipe me" / "bin" / "demo-a").exists()


@pytest.mark.parametrize("shell", SHELLS)
def test_virtualenvwrapper_help(vw, shell):
    r = vw.ok(shell, "virtualenvwrapper\n")
    assert f"WORKON_HOME: {vw.store}" in r.lines
    assert "Commands available:" in r.lines
    assert "  mkvirtualenv: Create a new virtualenv in $WORKON_HOME" in r.lines


@pytest.mark.parametrize("shell", SHELLS)
def test_custom_project_filename(box, tmp_path, shell):
    project = tmp_path / "proj"
    project.mkdir()
    r = box.ok(shell, """
mkvirtualenv --without-pip -a "$T_PROJECT" pf >/dev/null
deactivate
cd /
workon pf
echo "PWD=$PWD"
""", env={"T_PROJECT": str(project), "VIRTUALENVWRAPPER_PROJECT_FILENAME": ".proj"})
    assert r.value("PWD") == str(project)
    assert (box.store / "pf" / ".proj").read_text().strip() == str(project)
