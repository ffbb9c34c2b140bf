"""virtualenvwrapper's commands in fish (shell/envman-compat.fish): a
store built the way virtualenvwrapper leaves it, every command's messages, statuses and
hooks, names with spaces, and turning the names off."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import (
    PATH_RESTORED,
    SAVE_PATH,
    hooks,
    make_fish_box,
    snapshot,
    write_hook,
)

# virtualenvwrapper's empty hook files: a shebang and a comment (user_scripts.make_hook)
VEW_GLOBAL_HOOKS = ("initialize", "premkvirtualenv", "postmkvirtualenv", "prermvirtualenv",
                    "postrmvirtualenv", "predeactivate", "postdeactivate", "preactivate",
                    "postactivate", "get_env_details", "premkproject", "postmkproject")
VEW_LOCAL_HOOKS = ("predeactivate", "postdeactivate", "preactivate", "postactivate",
                   "get_env_details")


def _vew_env(store: Path, name: str) -> Path:
    """An env as virtualenvwrapper makes it: a plain venv (no envman registry entry)
    with its local hook files."""
    venv = store / name
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    for hook in VEW_LOCAL_HOOKS:
        path = venv / "bin" / hook
        path.write_text(f"#!/bin/bash\n# This hook is sourced after this virtualenv is {hook}.\n\n")
        path.chmod(0o755)
    return venv


@pytest.fixture(scope="module")
def vew(tmp_path_factory, fish):
    """A virtualenvwrapper store: envs, global and local hook files, a .project file, and
    sh hooks with real content, which fish must neither source nor choke on."""
    box = make_fish_box(tmp_path_factory.mktemp("vew"))
    box.store.mkdir()
    for hook in VEW_GLOBAL_HOOKS:
        path = box.store / hook
        path.write_text("#!/bin/bash\n# This hook is run before every virtualenv is activated.\n\n")
        path.chmod(0o755)
    (box.store / "postactivate").write_text("#!/bin/bash\nexport FROM_SH_HOOK=1\n[[ -n x ]] && echo sh\n")
    _vew_env(box.store, "proj env")
    _vew_env(box.store, "plain")
    project = box.root / "projects" / "proj env"
    project.mkdir(parents=True)
    (box.store / "proj env" / ".project").write_text(f"{project}\n")
    box.project = project
    return box


@pytest.fixture(scope="module")
def box(tmp_path_factory, fish):
    return make_fish_box(tmp_path_factory.mktemp("compat"), envs=("alpha", "my env"))


# -- a store virtualenvwrapper left ----------------------------------------------------

def test_workon_in_a_virtualenvwrapper_store(vew):
    before = snapshot(vew.store)
    result = vew.ok("workon 'proj env'; echo VE=$VIRTUAL_ENV; echo pwd=$PWD\n"
                    "echo sh_hook=(set -q FROM_SH_HOOK; and echo ran; or echo no)\n"
                    "deactivate; workon; echo status=$status\n"
                    "lsvirtualenv -b\n")
    assert result.value("VE") == str(vew.store / "proj env")
    assert result.value("pwd") == str(vew.project)
    assert result.value("sh_hook") == "no"
    # hook files are files, never envs; names are listed in glob order
    assert result.lines[3:] == ["plain", "proj env", "status=1", "plain", "proj env"]
    assert snapshot(vew.store) == before  # not even .envman/ is created by workon


def test_fish_hooks_beside_virtualenvwrapper_hooks(vew, tmp_path):
    log = tmp_path / "log"
    with hooks((vew.store / "preactivate.fish", "echo pre $argv >> $T_LOG\n"),
               (vew.store / "plain" / "bin" / "postactivate.fish", "echo post $VIRTUAL_ENV >> $T_LOG\n"),
               (vew.store / "postdeactivate.fish", "echo last $VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV >> $T_LOG\n")):
        vew.ok("workon plain; deactivate\n", env={"T_LOG": str(log)})
    venv = vew.store / "plain"
    assert log.read_text().splitlines() == ["pre plain", f"post {venv}", f"last {venv}"]


# -- mkvirtualenv ----------------------------------------------------------------------

def test_a_copy_of_a_stub_made_before_its_first_use_works(box):
    # Found in review: stubs that took their name from `status function` called the
    # copy itself forever once envman-compat.fish was in (a config.fish that wraps a
    # command copies it first)
    r = box.ok("functions -c lsvirtualenv my_ls\nmy_ls -b\n")
    assert r.lines == ["alpha", "my env"]


def test_mkvirtualenv_without_a_name(box):
    box.store.mkdir(exist_ok=True)
    before = snapshot(box.store)
    result = box.run("mkvirtualenv; echo status=$status\nmkvirtualenv --without-pip; echo status=$status\n")
    assert result.lines == ["status=2", "status=2"]
    assert result.stderr.splitlines()[:2] == [
        "Usage: mkvirtualenv [-a project_path] [-i package] [-r requirements_file] "
        "[-p python_interpreter] [virtualenv options] env_name",
        "mkvirtualenv: error: the following arguments are required: env_name",
    ]
    assert snapshot(box.store) == before


@pytest.mark.parametrize("args, message, code", [
    (["-a", "/no/such/dir", "x"], "Cannot associate project with /no/such/dir, it is not a directory", 1),
    (["--bogus", "x"], "mkvirtualenv: error: virtualenv option '--bogus' is not supported by envman "
                       "(set VIRTUALENVWRAPPER_VIRTUALENV=virtualenv to use virtualenv)", 2),
    (["x", "-i"], "mkvirtualenv: error: option -i needs an argument", 2),
])
def test_mkvirtualenv_bad_input(box, args, message, code):
    before = snapshot(box.store)
    result = box.run("mkvirtualenv (string split \\x1e -- $T_ARGS); echo status=$status\n",
                     env={"T_ARGS": "\x1e".join(args)})
    assert result.stderr == message + "\n"
    assert result.value("status") == str(code)
    assert snapshot(box.store) == before


def test_mkvirtualenv_creates_activates_links_and_runs_hooks(box, tmp_path):
    project = tmp_path / "the project"
    project.mkdir()
    hooks = tmp_path / "hooks"
    log = tmp_path / "log"
    write_hook(hooks / "premkvirtualenv.fish", "echo pre $argv $PWD >> $T_LOG\n", executable=False)
    write_hook(hooks / "postmkvirtualenv.fish", "echo post $VIRTUAL_ENV >> $T_LOG\n", executable=False)
    with box.removing("made here"):
        result = box.ok("mkvirtualenv -a $T_PROJECT --without-pip 'made here'\n"
                        "echo VE=$VIRTUAL_ENV; echo pwd=$PWD\n",
                        env={"T_PROJECT": str(project), "VIRTUALENVWRAPPER_HOOK_DIR": str(hooks),
                             "T_LOG": str(log)})
        venv = box.store / "made here"
        assert result.value("VE") == str(venv)
        assert result.value("pwd") == str(project)
        assert f"Setting project for made here to {project}" in result.lines
        assert (venv / ".project").read_text().strip() == str(project)
        assert not (venv / "bin" / "pip").exists()
        assert log.read_text().splitlines() == [f"pre made here {box.store}", f"post {venv}"]


# -- rmvirtualenv ----------------------------------------------------------------------

def test_rmvirtualenv_refuses_the_active_env(box):
    before = snapshot(box.store)
    result = box.run("workon -n 'my env'; rmvirtualenv 'my env'; echo status=$status\n")
    assert result.lines == ["Removing my env...", "status=1"]
    assert result.stderr == ("ERROR: You cannot remove the active environment ('my env').\n"
                             "Either switch to another environment, or run 'deactivate'.\n")
    after = snapshot(box.store)
    for snap in (before, after):
        snap.pop(".envman/used/my env", None)
        snap.pop(".envman/used", None)
    assert after == before


def test_rmvirtualenv_removes_with_hooks_and_reports_missing(box, tmp_path):
    box.envman("new", "--no-pip", "to go")
    hooks = tmp_path / "hooks"
    log = tmp_path / "log"
    write_hook(hooks / "prermvirtualenv.fish", "echo pre $argv $PWD >> $T_LOG\n", executable=False)
    write_hook(hooks / "postrmvirtualenv.fish", "echo post $argv >> $T_LOG\n", executable=False)
    result = box.run("rmvirtualenv 'to go' nope; echo status=$status; echo pwd=$PWD\n"
                     "rmvirtualenv; echo status=$status\n",
                     env={"VIRTUALENVWRAPPER_HOOK_DIR": str(hooks), "T_LOG": str(log)})
    assert not (box.store / "to go").exists()
    assert result.lines[:4] == ["Removing to go...", "Removing nope...", "status=0",
                                f"pwd={box.root / 'home'}"]
    assert result.value("status") == "0"
    assert result.stderr == (f"Did not find environment {box.store / 'nope'} to remove.\n"
                             "Please specify an environment.\n")
    assert result.lines[-1] == "status=1"
    assert log.read_text().splitlines() == [f"pre to go {box.store}", "post to go",
                                            f"pre nope {box.store}", "post nope"]


# -- listing and showing ---------------------------------------------------------------

def test_lsvirtualenv_modes_and_bad_options(box, tmp_path):
    hooks = tmp_path / "hooks"
    write_hook(hooks / "get_env_details.fish", "echo details for $argv\n", executable=False)
    result = box.run("lsvirtualenv -b; echo s=$status; lsvirtualenv; echo s=$status\n"
                     "lsvirtualenv -h; echo s=$status; lsvirtualenv -x; echo s=$status\n",
                     env={"VIRTUALENVWRAPPER_HOOK_DIR": str(hooks)})
    usage = ["lsvirtualenv [-blh]", "  -b -- brief mode", "  -l -- long mode", "  -h -- this help message"]
    assert result.lines == (
        ["alpha", "my env", "s=0"]
        + ["alpha", "=====", "details for alpha", "", "",
           "my env", "======", "details for my env", "", "", "s=0"]
        + usage + ["s=1"] + usage + ["s=1"])
    assert result.stderr == "Invalid option: -x\n"


def test_lsvirtualenv_long_runs_details_inside_each_env(box, tmp_path):
    # as virtualenvwrapper 6.1.1: with VIRTUAL_ENV set (a run hook, run from the store)
    hooks = tmp_path / "hooks"
    write_hook(hooks / "get_env_details.fish", "echo details $argv $VIRTUAL_ENV $PWD\n", executable=False)
    result = box.ok("lsvirtualenv -l\n", env={"VIRTUALENVWRAPPER_HOOK_DIR": str(hooks)})
    alpha = box.store / "alpha"
    assert f"details alpha {alpha} {box.store}" in result.lines


def test_showvirtualenv(box):
    result = box.run("showvirtualenv; echo s=$status; workon -n alpha; showvirtualenv; echo s=$status\n")
    assert result.lines == ["showvirtualenv [env]", "s=1", "", "s=0"]


# -- copying, temporary envs, all envs -------------------------------------------------

def test_cpvirtualenv(box):
    result = box.run("cpvirtualenv; echo s=$status; cpvirtualenv nope; echo s=$status\n"
                     "cpvirtualenv alpha 'my env'; echo s=$status\n")
    assert result.lines == ["Please provide a valid virtualenv to copy.", "s=1",
                            "Please provide a valid virtualenv to copy.", "s=1",
                            "my env virtualenv already exists.", "s=1"]
    with box.removing("alpha copy"):
        result = box.ok("cpvirtualenv alpha 'alpha copy'; echo VE=$VIRTUAL_ENV\n")
    assert result.lines[0] == "Copying alpha as alpha copy..."
    assert result.value("VE") == str(box.store / "alpha copy")


def test_cpvirtualenv_of_a_venv_outside_the_store(box, tmp_path):
    outside = tmp_path / "outside venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(outside)], check=True)
    with box.removing("copied"):
        result = box.ok("cpvirtualenv $T_SRC copied >/dev/null; echo VE=$VIRTUAL_ENV\n"
                        "python -c 'import sys; print(\"prefix=\" + sys.prefix)'\n",
                        env={"T_SRC": str(outside)})
        activate = (box.store / "copied" / "bin" / "activate.fish").read_text()
    assert result.value("VE") == str(box.store / "copied")
    assert result.value("prefix") == str(box.store / "copied")
    assert str(outside) not in activate  # rebuilt, not copied byte for byte
    result = box.run("cpvirtualenv $T_SRC/nope x; echo s=$status\n", env={"T_SRC": str(outside)})
    assert result.lines == ["Please provide a valid virtualenv to copy.", "s=1"]


def test_every_name_virtualenvwrapper_accepts(box):
    # leading, trailing and repeated spaces, punctuation first, non-ASCII: made,
    # activated, listed and removed, as in bash and zsh (test_vw_differential.py)
    names = [" lead", "trail ", "two  spaces", "+plus", "été"]
    with box.removing(*names):
        result = box.ok("for n in (string split \\x1e -- $T_NAMES)\n"
                        "    mkvirtualenv --without-pip $n >/dev/null; or echo failed\n"
                        "    echo \"[$n] [\"(path basename -- $VIRTUAL_ENV)\"]\"; deactivate\n"
                        "end\n"
                        "lsvirtualenv -b\n"
                        "for n in (string split \\x1e -- $T_NAMES)\n"
                        "    rmvirtualenv $n >/dev/null; or echo failed\n"
                        "end\n",
                        env={"T_NAMES": "\x1e".join(names)})
    assert "failed" not in result.stdout
    for name in names:
        assert f"[{name}] [{name}]" in result.lines
        assert name in result.lines  # lsvirtualenv -b
        assert not (box.store / name).exists()


def test_mkvirtualenv_over_an_existing_env_activates_it(box):
    marker = box.store / "alpha" / "marker"
    marker.write_text("kept\n")
    try:
        result = box.ok("mkvirtualenv --without-pip alpha >/dev/null; echo VE=$VIRTUAL_ENV\n"
                        "cat $VIRTUAL_ENV/marker\n")
    finally:
        marker.unlink()
    assert result.value("VE") == str(box.store / "alpha")
    assert "kept" in result.lines
    result = box.run("set -gx VIRTUALENVWRAPPER_VIRTUALENV no-such-creator; mkvirtualenv x\n"
                     "echo s=$status\n")
    assert result.stderr == "ERROR: virtualenvwrapper could not find no-such-creator in your path\n"
    assert result.value("s") == "1"


def test_mktmpenv_is_removed_on_deactivate(box):
    result = box.ok("mktmpenv; echo VE=$VIRTUAL_ENV; echo pwd=$PWD\n"
                    "test -f $VIRTUAL_ENV/README.tmpenv; and echo marker=yes\n"
                    "deactivate\n")
    venv = Path(result.value("VE"))
    assert venv.parent == box.store and venv.name.startswith("tmp-")
    assert result.value("pwd") == str(venv)
    assert result.value("marker") == "yes"
    assert "This is a temporary environment. It will be deleted when you run 'deactivate'." in result.lines
    assert result.lines[-1] == f"Removing temporary environment: {venv.name}"
    assert not venv.exists()


def test_allvirtualenv_runs_in_each_env_and_leaves_the_shell(box):
    result = box.ok(SAVE_PATH + "allvirtualenv pwd\n" + PATH_RESTORED + "echo pwd=$PWD\n")
    assert result.lines[:8] == ["alpha", "=====", str(box.store / "alpha"), "",
                                "my env", "======", str(box.store / "my env"), ""]
    assert result.value("path_restored") == "yes"
    assert result.value("pwd") == str(box.root / "home")


# -- projects and paths ----------------------------------------------------------------

def test_setvirtualenvproject_and_cdproject(box, tmp_path):
    project = tmp_path / "p q"
    project.mkdir()
    try:
        result = box.ok("workon -n 'my env'; builtin cd $T_P; setvirtualenvproject\n"
                        "builtin cd /; cdproject; echo pwd=$PWD\n", env={"T_P": str(project)})
        assert result.lines[0] == f"Setting project for my env to {project}"
        assert result.value("pwd") == str(project)
    finally:
        (box.store / "my env" / ".project").unlink(missing_ok=True)
    result = box.run("setvirtualenvproject nope /tmp; echo s=$status\n"
                     "setvirtualenvproject alpha /no/such; echo s=$status\n")
    assert result.stderr == ("No virtualenv nope\n"
                             "Cannot associate virtualenv with \"/no/such\", it is not a directory\n")
    assert result.lines == ["s=1", "s=1"]


def test_mkproject(box, tmp_path):
    result = box.run("mkproject x; echo s=$status\n")
    assert result.stderr.startswith("ERROR: Set the PROJECT_HOME shell variable")
    assert result.value("s") == "1"
    home = tmp_path / "projects"
    home.mkdir()
    result = box.run("mkproject -t django x; echo s=$status\n", env={"PROJECT_HOME": str(home)})
    assert result.stderr == "mkproject: error: project templates (-t) are not supported by envman\n"
    assert result.value("s") == "2"
    with box.removing("new proj"):
        result = box.ok("mkproject --without-pip 'new proj'; echo VE=$VIRTUAL_ENV; echo pwd=$PWD\n",
                        env={"PROJECT_HOME": str(home)})
    assert result.value("VE") == str(box.store / "new proj")
    assert result.value("pwd") == str(home / "new proj")
    assert f"Creating {home / 'new proj'}" in result.lines


def test_add2virtualenv_and_lssitepackages(box, tmp_path):
    extra = tmp_path / "extra dir"
    extra.mkdir()
    result = box.run("workon -n alpha; add2virtualenv; echo s=$status\n"
                     "add2virtualenv $T_DIR; echo s=$status; lssitepackages\n"
                     "add2virtualenv -d $T_DIR; echo s=$status\n", env={"T_DIR": str(extra)})
    assert result.lines[:2] == ["Usage: add2virtualenv dir [dir ...]", "s=1"]
    assert "_virtualenv_path_extensions.pth:" in result.lines
    assert str(extra) in result.lines
    assert result.lines[-1] == "s=0"
    assert result.stderr == ""


def test_toggleglobalsitepackages(box):
    result = box.ok("workon -n alpha; toggleglobalsitepackages; toggleglobalsitepackages\n"
                    "toggleglobalsitepackages -q\n")
    assert result.lines == ["Enabled global site-packages", "Disabled global site-packages"]
    box.envman("global-site-packages", "alpha", "off")


def test_virtualenvwrapper_help(box):
    result = box.ok("virtualenvwrapper\n")
    assert "Commands available:" in result.lines
    assert "  workon: list or change working virtualenvs" in result.lines


# -- turning the names off -------------------------------------------------------------

@pytest.mark.parametrize("how", ["env", "config"])
def test_compat_names_off(box, how):
    env = {"ENVMAN_COMPAT": "0"}
    if how == "config":
        config = box.root / "config-off.toml"
        config.write_text("[shell]\ncompat = false\n")
        env = {"ENVMAN_CONFIG": str(config)}
    result = box.run("functions -q mkvirtualenv rmvirtualenv lsvirtualenv; or echo compat=off\n"
                     "functions -q envman workon deactivate cdvirtualenv lssitepackages; and echo core=on\n"
                     "workon >/dev/null; echo list=$status; workon nope; echo s=$status\n", env=env)
    assert result.value("compat") == "off"
    assert result.value("core") == "on"
    assert result.value("list") == "0"
    assert result.value("s") == "1"
    assert result.stderr == "envman: error: environment 'nope' does not exist (create it with 'envman new nope')\n"


def test_init_fish_no_compat_loads_without_the_names(box):
    result = box.ok("command envman init fish --no-compat | source\n"
                    "functions -q mkvirtualenv; or echo compat=off; functions -q workon; and echo workon=on\n",
                    load=False)
    assert result.value("compat") == "off"
    assert result.value("workon") == "on"


def test_deactivate_with_nothing_active(box):
    result = box.run("deactivate; echo s=$status\n")
    assert result.stderr == "deactivate: no virtual environment is active\n"
    assert result.value("s") == "1"


def test_wipeenv_uninstalls_what_was_installed(box, wheels):
    wheel = next(wheels.glob("envman_demo_a-1.0-*.whl"))
    with box.new_env("-i", str(wheel), "to wipe"):
        result = box.ok("workon -n 'to wipe'; command -q demo-a; and echo before=yes\n"
                        "wipeenv >/dev/null; command -q demo-a; or echo after=gone\n"
                        "wipeenv\n")
    assert result.value("before") == "yes"
    assert result.value("after") == "gone"
    assert result.lines[-1] == "Nothing to remove."


def test_every_command_is_a_stub_until_first_use(box):
    # envman.fish defines stubs that source envman-compat.fish (or, for the commands that
    # make envs, envman-compat-mk.fish, which sources envman-compat.fish first) on first
    # use: the stub list must name every public function the files define, and the files
    # must replace them all.
    shell = Path(__file__).resolve().parents[2] / "shell"
    compat = "".join((shell / name).read_text()
                     for name in ("envman-compat.fish", "envman-compat-mk.fish"))
    public = sorted(re.findall(r"^function ([a-z]\w*)", compat, re.MULTILINE))
    stubs = "(for f in (functions -n); functions $f | string match -q '*__envman_compat_file*'; and echo $f; end)"
    result = box.ok(f"set -l stubs {stubs}; echo \"stubs=$stubs\"\n"
                    "mkvirtualenv -h >/dev/null\n"
                    f"set -l left {stubs}; echo \"left=$left\"\n")
    assert result.value("stubs").split() == public
    assert result.value("left") == ""


def test_a_listing_runs_without_the_core(box):
    # lsvirtualenv -b needs only envman-base.fish: envman-core.fish loads at the first
    # call of something of it (envman-compat.fish's stubs), then replaces those stubs.
    result = box.ok("lsvirtualenv -b\n"
                    "set -q __envman_core_loaded; or echo core=no\n"
                    "functions __envman_run_hook | string match -q '*__envman_core_file*'"
                    "; and echo stub=yes\n"
                    "showvirtualenv alpha >/dev/null\n"
                    "set -q __envman_core_loaded; and echo after=core\n"
                    "functions __envman_run_hook | string match -q '*__envman_core_file*'"
                    "; or echo stub=gone\n"
                    "functions -Dv __envman_run_hook | string match -q '*envman-core.fish'"
                    "; and echo home=core\n")
    assert result.lines[:2] == ["alpha", "my env"]
    assert result.value("core") == "no"
    assert result.value("after") == "core"
    assert [v for k, v in (ln.split("=", 1) for ln in result.lines if "=" in ln)
            if k == "stub"] == ["yes", "gone"]
    assert result.value("home") == "core"
