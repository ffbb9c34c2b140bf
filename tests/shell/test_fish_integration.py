"""shell/envman.fish in real fish: workon, deactivate, prompt, hooks, helpers, the envman
wrapper, robustness. Envs are created once per module."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.support import (
    ECHO_VE,
    FISH_FILE,
    HOSTILE,
    PATH_RESTORED,
    SAVE_PATH,
    hooks,
    make_fish_box,
    require_program,
    snapshot,
)

pytestmark = pytest.mark.usefixtures("fish")


@pytest.fixture(scope="module")
def box(tmp_path_factory, fish):
    return make_fish_box(tmp_path_factory.mktemp("fish"), envs=("alpha", "beta", "with space", "hooked"))


# -- the file itself -------------------------------------------------------------------

@pytest.mark.parametrize("path", [FISH_FILE, FISH_FILE.with_name("envman-rc.fish"),
                                  FISH_FILE.with_name("envman-load.fish"),
                                  FISH_FILE.with_name("envman-base.fish")] + [
    where / f"envman-{name}.fish" for where in (FISH_FILE.parent, FISH_FILE.parent / "src")
    for name in ("core", "leave", "compat", "compat-mk", "lazy")] + sorted(
    FISH_FILE.parent.glob("fish-*functions/*.fish")),
    ids=lambda p: p.relative_to(FISH_FILE.parent).as_posix())
def test_syntax_and_formatting(fish, path):
    subprocess.run([fish, "--no-execute", str(path)], check=True)
    fish_indent = require_program("fish_indent")
    # what `fish_indent --check` does, also with fish older than 3.5 (no --check there)
    text = path.read_text(encoding="utf-8")
    proc = subprocess.run([fish_indent], input=text, capture_output=True, text=True, check=True)
    assert proc.stdout == text, f"{path.name} is not fish_indent-formatted (run fish_indent -w)"


def test_init_output_appended_to_config_fish_loads_without_envman(box, tmp_path):
    """The README's `envman init fish >> ~/.config/fish/config.fish`: the lines it
    appends are `set -g` and a guarded `source` only, and load the integration in a new
    fish with the program gone from PATH; once the file is gone, one line says so."""
    box.ok('command envman init fish --auto > "$HOME/rc.fish"\n', load=False)
    rc_file = Path(box.home, "rc.fish")
    text = rc_file.read_text()
    rc = text.splitlines()
    assert rc[:2] == ["", "# envman's shell integration (envman init fish)"]
    assert rc[2].startswith(("set -g __envman_init_program ", "set -g __envman_init_python ")), rc
    assert rc[3] == "set -g ENVMAN_AUTO_ACTIVATE '1'", rc
    assert rc[4].startswith("if test -r '") and rc[5].startswith("    source '"), rc
    assert rc[6] == "else" and rc[7].startswith("    printf ") and rc[8:] == ["end"], rc
    r = box.ok('source "$HOME/rc.fish"\nworkon alpha\necho "VE=$VIRTUAL_ENV"\n'
               'echo "AUTO=$ENVMAN_AUTO_ACTIVATE"\necho "PATHOF="(envman path alpha)\n'
               'deactivate\n', load=False, env={"PATH": "/usr/bin:/bin"})
    assert r.value("VE") == str(box.store / "alpha")
    # the program, off PATH and outside the env just entered, found by what was appended
    assert r.value("PATHOF") == str(box.store / "alpha")
    assert r.value("AUTO") == "1"
    sourced = rc[5].split(" ", 5)[-1].strip("'")
    gone = str(tmp_path / "gone" / "envman.fish")
    rc_file.write_text(text.replace(sourced, gone))
    r = box.run('source "$HOME/rc.fish"\necho "ALIVE=yes"\n', load=False)
    assert r.value("ALIVE") == "yes"
    assert r.stderr.splitlines() == [
        f"envman: {gone} is gone (envman was moved or removed): update or delete the envman "
        "lines in your rc file (envman init fish)"]


def test_loads_the_completions_beside_it(box):
    # Lazily: nothing is defined at load, the first TAB autoloads them.
    result = box.ok("complete -c envman | count\n"
                    "complete -C 'envman ' >/dev/null\n"
                    "complete -c envman | count\n"
                    "complete -c workon | count\n")
    assert int(result.lines[0]) == 0
    assert int(result.lines[1]) > 0 and int(result.lines[2]) > 0
    # a first TAB after workon (its own stub) completes the env names
    result = box.ok("complete -C 'workon '\n")
    assert [line.split("\t")[0] for line in result.lines] == ["alpha", "beta", "hooked", "with space"]


def test_sourced_by_a_relative_path_works_after_a_cd(box):
    # the compat commands (sourced on first use) and the completions are found through
    # the file's directory, which must not depend on the directory it was sourced from
    result = box.ok("builtin source envman.fish; builtin cd $HOME\n"
                    "lsvirtualenv -b; complete -C 'workon '\n", load=False, cwd=FISH_FILE.parent)
    names = ["alpha", "beta", "hooked", "with space"]
    assert result.lines[:4] == names
    assert [line.split("\t")[0] for line in result.lines[4:]] == names


def test_a_start_parses_only_the_rc_file_in_a_wheel_layout(fish, tmp_path):
    # Installed as a wheel installs it (PREFIX/lib/pythonX.Y/site-packages/envman/shell,
    # the program in PREFIX/bin), with no config file: the load finds the program
    # beside it and defines stubs only; the core, the lazy functions and what
    # envman-load.fish holds (the config reader, the program search beyond the
    # install) are parsed on first use, not at start.
    package = tmp_path / "prefix" / "lib" / "python3.99" / "site-packages" / "envman"
    package.mkdir(parents=True)
    (package / "shell").symlink_to(FISH_FILE.parent)
    (package / "completions").symlink_to(FISH_FILE.parent.parent / "completions")
    program = tmp_path / "prefix" / "bin" / "envman"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    script = (f"source '{package}/shell/envman.fish'; echo program=$__envman_program\n"
              "for f in __envman_home __envman_activate __envman_auto_find __envman_perms_scan "
              "__envman_config_compat __envman_find_program_elsewhere __envman_mkvirtualenv_usage\n"
              "    functions -q $f; and echo defined=$f\nend\n"
              "set -q __envman_core_loaded; and echo core-loaded\n"
              "functions workon | string match -q '*__envman_core_file*'; and echo workon=stub\n"
              "workon >/dev/null; set -q __envman_core_loaded; and echo core-after-workon\n")
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "xdg"), "WORKON_HOME": str(tmp_path / "store")}
    proc = subprocess.run([fish, "--no-config", "-c", script], env=env, capture_output=True,
                          text=True, timeout=60)
    assert (proc.stdout.splitlines(), proc.stderr) == (
        [f"program={program}", "workon=stub", "core-after-workon"], "")


def test_stubs_are_autoloaded_first_in_the_function_path(box, tmp_path):
    # envman.fish defines no stub: fish autoloads them from fish-functions/ (and, in
    # compat mode, fish-compat-functions/), put first in fish_function_path once, as a
    # global (a universal one is shadowed, never written), so they win over another
    # tool's function file of the same name; without compat mode there is no
    # virtualenvwrapper name at all.
    ours = FISH_FILE.parent / "fish-functions"
    compat = FISH_FILE.parent / "fish-compat-functions"
    other = tmp_path / "other-tool"
    other.mkdir()
    (other / "workon.fish").write_text("function workon; echo OTHER TOOL; end\n")
    script = (f"set -g fish_function_path {other} $fish_function_path\n"
              "builtin source $T_FISH_FILE; builtin source $T_FISH_FILE\n"
              f"echo ours=(contains -i -- {ours} $fish_function_path)"
              f",(count (string match -- {ours} $fish_function_path))\n"
              f"echo compat=(count (string match -- {compat} $fish_function_path))\n"
              "set -qU fish_function_path; or echo universal=no\n"
              "functions -q workon mkvirtualenv; and echo defined=yes\n"
              "workon alpha; echo ve=(path basename -- $VIRTUAL_ENV); deactivate\n")
    result = box.ok(script, load=False)
    assert "OTHER TOOL" not in result.stdout
    assert result.value("ours") == "1,1"
    assert result.value("compat") == "1"
    assert result.value("universal") == "no"
    assert result.value("defined") == "yes"
    assert result.value("ve") == "alpha"
    off = box.ok("echo compat=(count (string match -- " + str(compat) + " $fish_function_path))\n"
                 "functions -q mkvirtualenv; or echo mkvirtualenv=no\n",
                 env={"ENVMAN_COMPAT": "0"})
    assert off.value("compat") == "0"
    assert off.value("mkvirtualenv") == "no"


def test_a_second_load_or_virtualfish_takes_the_names_over(box):
    # fish autoloads a name only while no function holds it (and never after
    # `functions -e`): loading again, or loading after virtualfish's compat aliases,
    # defines envman's stubs over what holds their names, as loading always did.
    other = "".join(f"function {n}; echo OTHER {n}; end\n" for n in ("workon", "mkvirtualenv"))
    again = box.ok(other + "builtin source $T_FISH_FILE\n"
                   "workon alpha; echo ve=(path basename -- $VIRTUAL_ENV); deactivate\n"
                   "functions -e workon; builtin source $T_FISH_FILE\n"
                   "workon beta; echo ve=(path basename -- $VIRTUAL_ENV); deactivate\n"
                   "mkvirtualenv -h >/dev/null; echo mk=$status\n")
    assert "OTHER" not in again.stdout
    assert [ln for ln in again.lines if ln.startswith("ve=")] == ["ve=alpha", "ve=beta"]
    assert again.value("mk") == "0"
    virtualfish = box.ok("set -g VIRTUALFISH_HOME $HOME/.virtualenvs\n" + other
                         + "builtin source $T_FISH_FILE\n"
                         "workon alpha; echo ve=(path basename -- $VIRTUAL_ENV); deactivate\n"
                         "mkvirtualenv -h >/dev/null; echo mk=$status\n", load=False)
    assert "OTHER" not in virtualfish.stdout
    assert virtualfish.value("ve") == "alpha"
    assert virtualfish.value("mk") == "0"


def test_loading_again_from_a_new_install_takes_over_an_old_ones_functions(box, tmp_path):
    # envman reinstalled elsewhere and the old install removed under an open shell that
    # had used it: sourcing the new envman.fish defines the stubs over the old install's
    # functions (which point at its files), so deactivate restores the shell.
    import shutil

    old = tmp_path / "old-install"
    for part in ("shell", "completions"):
        shutil.copytree(FISH_FILE.parent.parent / part, old / part, symlinks=True)
    result = box.ok(SAVE_PATH + f"builtin source {old}/shell/envman.fish\n"
                    f"workon alpha; rm -rf {old}\n"
                    "builtin source $T_FISH_FILE\n"
                    "deactivate; echo status=$status\n" + PATH_RESTORED, load=False)
    assert result.value("status") == "0"
    assert result.value("path_restored") == "yes"
    assert "No such file" not in result.stderr


def test_a_stub_without_envman_loaded_says_so(box, tmp_path):
    # The stubs' directories can outlive envman in fish_function_path (a universal one
    # saved from a shell that had loaded it): each stub says envman is not loaded,
    # once, instead of sourcing nothing or calling itself until fish's stack limit.
    stubs = FISH_FILE.parent
    result = box.run(f"set -g fish_function_path {stubs}/fish-functions "
                     f"{stubs}/fish-compat-functions $fish_function_path\n"
                     "workon alpha; echo workon=$status\n"
                     "mkvirtualenv nope; echo mk=$status\n", load=False)
    assert result.value("workon") == "1"
    assert result.value("mk") == "1"
    assert result.stderr.splitlines() == [
        "envman: workon: envman.fish is not loaded in this shell",
        "envman: mkvirtualenv: envman.fish is not loaded in this shell, or its "
        "compatibility names are off"]
    assert not (box.store / "nope").exists()
    # (envman itself: the program, as without the wrapper)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "envman").write_text("#!/bin/sh\necho PROGRAM \"$@\"\n")
    (bin_dir / "envman").chmod(0o755)
    program = box.ok(f"set -g fish_function_path {stubs}/fish-functions $fish_function_path\n"
                     f"set -gx PATH {bin_dir} $PATH; envman --version\n", load=False)
    assert program.lines == ["PROGRAM --version"]


def test_loading_is_silent_and_twice_is_harmless(box):
    result = box.ok(
        SAVE_PATH
        + "builtin source $T_FISH_FILE\n"
        "workon alpha\n"
        "builtin source $T_FISH_FILE\n"  # loaded again while active: state kept
        "echo VE=$VIRTUAL_ENV\n"
        "deactivate\n"
        "echo VE=$VIRTUAL_ENV\n"
        + PATH_RESTORED
        + "functions -q workon deactivate envman cdvirtualenv mkvirtualenv; and echo defined=yes\n"
    )
    assert result.lines[0] == f"VE={box.store / 'alpha'}"
    assert result.value("path_restored") == "yes"
    assert result.value("defined") == "yes"


def test_no_python_on_load_workon_deactivate_and_cd(box, tmp_path):
    # Decoys ahead on PATH record any start of python or envman on the hot paths.
    decoys = tmp_path / "decoys"
    decoys.mkdir()
    marker = tmp_path / "started"
    for prog in ("python", "python3", "envman"):
        script = decoys / prog
        script.write_text(f"#!/bin/sh\necho {prog} >> '{marker}'\n")
        script.chmod(0o755)
    env = {"PATH": f"{decoys}{os.pathsep}{box.env['PATH']}"}
    box.ok("workon alpha; cdvirtualenv; cdsitepackages; lssitepackages >/dev/null; workon beta\n"
           "deactivate; workon -n 'with space'; deactivate\n", env=env, load=True)
    assert not marker.exists(), marker.read_text()


# -- workon and deactivate -------------------------------------------------------------

def test_workon_activates_and_deactivate_restores_everything(box):
    result = box.ok(
        "set -gx PYTHONHOME /nowhere\n"
        + SAVE_PATH
        + "workon alpha\n"
        "echo VE=$VIRTUAL_ENV\n"
        "echo python=(command -v python)\n"
        "echo prompt_var=(command printenv VIRTUAL_ENV_PROMPT)\n"
        "echo pythonhome=(set -q PYTHONHOME; and echo set; or echo unset)\n"
        "echo path0=$PATH[1]\n"
        "deactivate\n"
        "echo after_ve=(set -q VIRTUAL_ENV; and echo set; or echo unset)\n"
        "echo after_prompt_var=(set -q VIRTUAL_ENV_PROMPT; and echo set; or echo unset)\n"
        "echo after_pythonhome=$PYTHONHOME\n"
        + PATH_RESTORED
    )
    venv = box.store / "alpha"
    assert result.value("VE") == str(venv)
    assert result.value("python") == str(venv / "bin" / "python")
    assert result.value("prompt_var") == "alpha"
    assert result.value("pythonhome") == "unset"
    assert result.value("path0") == str(venv / "bin")
    assert result.value("after_ve") == "unset"
    assert result.value("after_prompt_var") == "unset"
    assert result.value("after_pythonhome") == "/nowhere"
    assert result.value("path_restored") == "yes"


def test_switching_env_to_env_and_a_hand_activated_venv(box):
    result = box.ok(
        SAVE_PATH
        + "builtin source $WORKON_HOME/beta/bin/activate.fish\n"  # by hand, venv's own script
        "workon alpha\n"
        "echo first=$VIRTUAL_ENV\n"
        "workon 'with space'\n"
        "echo second=$VIRTUAL_ENV\n"
        "echo count=(count (string match -- '*/bin' $PATH | string match -- $WORKON_HOME'/*'))\n"
        "deactivate\n"
        + PATH_RESTORED
        + ECHO_VE
    )
    assert result.value("first") == str(box.store / "alpha")
    assert result.value("second") == str(box.store / "with space")
    assert result.value("count") == "1"  # one env's bin on PATH, never two
    assert result.value("path_restored") == "yes"
    assert result.value("ve") == "unset"


@pytest.mark.parametrize("scenario, active", [
    # venv's activate.fish starts with `deactivate nondestructive`: our env is left cleanly
    ("workon alpha; builtin source $WORKON_HOME/beta/bin/activate.fish", "beta"),
    # VIRTUAL_ENV exported by a parent process, no deactivate function: its bin leaves PATH
    ("set -gx VIRTUAL_ENV $WORKON_HOME/beta; set -gx PATH $VIRTUAL_ENV/bin $PATH; workon alpha", "alpha"),
], ids=["activate.fish after workon", "workon over an inherited VIRTUAL_ENV"])
def test_one_env_on_path_and_deactivate_restores_it(box, scenario, active):
    result = box.ok(SAVE_PATH + scenario + "\n"
                    "echo VE=$VIRTUAL_ENV; echo n=(count (string match -- $WORKON_HOME'/*' $PATH))\n"
                    "deactivate\n" + PATH_RESTORED)
    assert result.value("VE") == str(box.store / active)
    assert result.value("n") == "1"
    assert result.value("path_restored") == "yes"


def test_path_added_while_active_survives_deactivate(box):
    result = box.ok("workon alpha; set -gx PATH /opt/mine $PATH; deactivate\n"
                    "echo first=$PATH[1]; contains -- $WORKON_HOME/alpha/bin $PATH; or echo gone=yes\n")
    assert result.value("first") == "/opt/mine"
    assert result.value("gone") == "yes"


def test_prompt_from_pyvenv_cfg(box):
    with box.new_env("--no-pip", "--prompt", "custom p", "prompted"):
        result = box.ok("function fish_prompt; echo -n '> '; end\n"
                        "workon prompted; echo p=(fish_prompt); echo var=$VIRTUAL_ENV_PROMPT\n")
    assert result.value("p") == "(custom p) > "
    assert result.value("var") == "custom p"


def test_an_activation_cut_short_is_cleaned_up(box):
    # what an interrupt between our bookkeeping and VIRTUAL_ENV would leave: simulated by
    # setting the bookkeeping alone (a real Ctrl-C cannot be timed in a test)
    result = box.ok("set -g __envman_active alpha; set -g __envman_active_dir $WORKON_HOME/alpha\n"
                    "workon beta; echo VE=$VIRTUAL_ENV; deactivate\n"
                    "set -q __envman_active; or echo clean=yes\n")
    assert result.value("VE") == str(box.store / "beta")
    assert result.value("clean") == "yes"


def test_deactivate_nondestructive_keeps_the_function(box):
    result = box.ok("workon alpha; deactivate nondestructive\n"
                    + ECHO_VE
                    + "functions -q deactivate; and echo fn=yes\n"
                    "deactivate nondestructive; echo quiet=$status\n")
    assert result.value("ve") == "unset"
    assert result.value("fn") == "yes"
    assert result.value("quiet") == "0"


def test_missing_env_message_status_and_unchanged_shell(box):
    before = snapshot(box.store)
    result = box.run(SAVE_PATH
                     + "workon nope; echo status=$status\n"
                     + PATH_RESTORED
                     + ECHO_VE)
    assert result.stderr == "ERROR: Environment 'nope' does not exist. Create it with 'mkvirtualenv nope'.\n"
    assert result.value("status") == "1"
    assert result.value("path_restored") == "yes"
    assert result.value("ve") == "unset"
    assert snapshot(box.store) == before


def test_a_first_workon_leaves_deactivate_unloaded(box):
    # envman-leave.fish (deactivate and what it alone needs) loads at the first call of
    # one of its functions, not at a first workon; then it replaces the core's stubs.
    where = "string replace -r '.*/' '' -- (functions -Dv __envman_deactivate)[1]"
    result = box.ok("workon alpha\n"
                    f"echo before=({where})\n"
                    "functions __envman_deactivate | string match -q '*envman-leave.fish*'"
                    "; and echo stub=yes\n"
                    "deactivate\n"
                    f"echo after=({where})\n"
                    "echo ve=(set -q VIRTUAL_ENV; and echo set; or echo unset)\n")
    assert result.value("before") == "envman-core.fish"
    assert result.value("stub") == "yes"
    assert result.value("after") == "envman-leave.fish"
    assert result.value("ve") == "unset"


def test_workon_without_a_name_lists_envs(box):
    result = box.run("workon; echo status=$status\n")
    assert result.lines[:4] == ["alpha", "beta", "hooked", "with space"]
    assert result.value("status") == "1"  # virtualenvwrapper 6.1.1 returns 1 here
    assert result.stderr == ""


@pytest.mark.parametrize("spelling", ["{store}//", "~/../{name}/", "../{name}"])
def test_store_spellings_name_the_same_env(box, spelling):
    # WORKON_HOME with trailing slashes, ~ or relative to $HOME: VIRTUAL_ENV is the env's
    # directory with no doubled or trailing slash
    workon_home = spelling.format(store=box.store, name=box.store.name)
    result = box.ok("workon -n alpha; echo VE=$VIRTUAL_ENV\n", env={"WORKON_HOME": workon_home})
    home = box.root / "home"
    expected = box.store if spelling.startswith("{store}") else home / ".." / box.store.name
    assert result.value("VE") == f"{expected}/alpha"


def test_workon_takes_the_name_after_double_dash(box):
    result = box.ok("workon -n -- alpha; echo VE=$VIRTUAL_ENV; deactivate\n"
                    "workon beta -- alpha; echo VE=$VIRTUAL_ENV; deactivate\n")
    assert result.lines == [f"VE={box.store / 'alpha'}", f"VE={box.store / 'beta'}"]
    result = box.run("workon -- -x; echo status=$status\n")
    assert result.stderr == "ERROR: Environment '-x' does not exist. Create it with 'mkvirtualenv -x'.\n"
    assert result.value("status") == "1"


def test_workon_dot_by_project_file_and_by_directory_name(box, tmp_path):
    project = tmp_path / "my project"
    project.mkdir()
    named = tmp_path / "beta"
    named.mkdir()
    with box.project("alpha", project):
        result = box.ok("workon -n .; echo by_project=$VIRTUAL_ENV; deactivate\n"
                        "builtin cd $T_NAMED; workon .; echo by_name=$VIRTUAL_ENV\n",
                        cwd=project, env={"T_NAMED": str(named)})
    assert result.value("by_project") == str(box.store / "alpha")
    assert result.value("by_name") == str(box.store / "beta")


def test_project_cd_options_and_cdproject(box, tmp_path):
    project = tmp_path / "proj dir"
    project.mkdir()
    with box.project("alpha", project):
        result = box.ok(
            "workon alpha; echo default=$PWD; deactivate; builtin cd $HOME\n"
            "workon -n alpha; echo no_cd=$PWD; cdproject; echo cdproject=$PWD; deactivate\n"
            "builtin cd $HOME; set -gx VIRTUALENVWRAPPER_WORKON_CD 0\n"
            "workon alpha; echo var_off=$PWD; deactivate; workon -c alpha; echo forced=$PWD\n")
    home = box.root / "home"
    assert result.value("default") == str(project)
    assert result.value("no_cd") == str(home)
    assert result.value("cdproject") == str(project)
    assert result.value("var_off") == str(home)
    assert result.value("forced") == str(project)


def test_cd_helpers(box):
    result = box.ok("workon -n alpha\n"
                    "cdvirtualenv; echo venv=$PWD\n"
                    "cdvirtualenv bin; echo bin=$PWD\n"
                    "cdsitepackages; echo site=$PWD\n"
                    "echo x > _virtualenv_path_extensions.pth\n"
                    "lssitepackages | string match -q '_virtualenv_path_extensions.pth:'; and echo ls=yes\n"
                    "command rm _virtualenv_path_extensions.pth\n")
    venv = box.store / "alpha"
    assert result.value("venv") == str(venv)
    assert result.value("bin") == str(venv / "bin")
    assert Path(result.value("site")).name == "site-packages"
    assert result.value("ls") == "yes"


def test_helpers_without_an_active_env(box):
    for helper in ("cdvirtualenv", "cdsitepackages", "cdproject", "lssitepackages"):
        result = box.run(f"{helper}; echo status=$status\n")
        assert result.stderr == "ERROR: no virtualenv active, or active virtualenv is missing\n"
        assert result.value("status") == "1"


def test_cdproject_without_project(box):
    result = box.run("workon -n beta; cdproject; echo status=$status\n")
    assert result.stderr == f"No project set in {box.store / 'beta' / '.project'}\n"
    assert result.value("status") == "1"
    project_file = box.store / "beta" / ".project"
    project_file.write_text("")
    try:
        result = box.run("workon -n beta; cdproject; echo status=$status; echo pwd=$PWD\n")
    finally:
        project_file.unlink()
    assert result.stderr == "Project directory  does not exist\n"  # virtualenvwrapper's words
    assert result.value("status") == "1"
    assert result.value("pwd") == str(box.root / "home")


# -- the prompt ------------------------------------------------------------------------

def test_prompt_is_wrapped_and_the_original_restored(box):
    result = box.ok(
        "function fish_prompt; echo -n 'my> '; end\n"
        "echo p0=(fish_prompt)\n"
        "workon 'with space'; echo p1=(fish_prompt)\n"
        "workon alpha; echo p2=(fish_prompt)\n"
        "deactivate; echo p3=(fish_prompt)\n"
        "functions -q __envman_old_fish_prompt; or echo no_leftover=yes\n"
        "functions fish_prompt | string match -q \"*'my> '*\"; and echo original=yes\n")
    assert result.value("p0") == "my> "
    assert result.value("p1") == "(with space) my> "
    assert result.value("p2") == "(alpha) my> "
    assert result.value("p3") == "my> "
    assert result.value("no_leftover") == "yes"
    assert result.value("original") == "yes"


def test_prompt_keeps_the_status_for_the_users_prompt(box):
    result = box.ok("function fish_prompt; echo -n \"[$status]> \"; end\n"
                    "workon alpha; false; echo p=(fish_prompt)\n")
    assert result.value("p") == "(alpha) [1]> "


def test_virtual_env_disable_prompt_is_honoured(box):
    result = box.ok("function fish_prompt; echo -n 'my> '; end\n"
                    "set -gx VIRTUAL_ENV_DISABLE_PROMPT 1\n"
                    "workon alpha; echo p=(fish_prompt); echo var=$VIRTUAL_ENV_PROMPT\n")
    assert result.value("p") == "my> "
    assert result.value("var") == "alpha"


# -- hooks -----------------------------------------------------------------------------

def test_hook_order_arguments_and_directories(box, tmp_path):
    hook_dir = tmp_path / "hooks"
    log = tmp_path / "log"
    venv_bin = box.store / "hooked" / "bin"
    record = 'echo "{what} args=[$argv] pwd=$PWD ve=$VIRTUAL_ENV last=$VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV" >> $T_LOG\n'
    # postactivate is sourced: what it sets stays in the shell
    extra = {("env", "postactivate"): "set -gx HOOK_SET yes\n",
             ("env", "predeactivate"): "set -e HOOK_SET\n"}
    written = [(base / f"{hook}.fish", record.format(what=f"{where} {hook}") + extra.get((where, hook), ""))
               for where, base in (("global", hook_dir), ("env", venv_bin))
               for hook in ("preactivate", "postactivate", "predeactivate", "postdeactivate")]
    with hooks(*written):
        result = box.ok("workon hooked; echo hook_set=$HOOK_SET; deactivate\n"
                        "echo after=(set -q HOOK_SET; and echo set; or echo unset)\n",
                        env={"VIRTUALENVWRAPPER_HOOK_DIR": str(hook_dir), "T_LOG": str(log)})
    venv = box.store / "hooked"
    home = box.root / "home"
    assert result.value("hook_set") == "yes"
    assert result.value("after") == "unset"
    assert log.read_text().splitlines() == [
        f"global preactivate args=[hooked] pwd={box.store} ve= last=",
        f"env preactivate args=[hooked] pwd={box.store} ve= last=",
        f"global postactivate args=[] pwd={home} ve={venv} last=",
        f"env postactivate args=[] pwd={home} ve={venv} last=",
        f"env predeactivate args=[] pwd={home} ve={venv} last=",
        f"global predeactivate args=[] pwd={home} ve={venv} last=",
        f"env postdeactivate args=[] pwd={home} ve= last={venv}",
        f"global postdeactivate args=[] pwd={home} ve= last={venv}",
    ]


def test_hooks_default_to_the_store_and_project_hooks(box, tmp_path):
    log = tmp_path / "log"
    project = tmp_path / "proj"
    project_hooks = project / ".virtualenvwrapper"
    with hooks((project_hooks / "postactivate.fish", "echo project post $PWD >> $T_LOG\n"),
               (project_hooks / "predeactivate.fish", "echo project pre >> $T_LOG\n"),
               (box.store / "postactivate.fish", "echo global post >> $T_LOG\n")), \
            box.project("beta", project):
        box.ok("workon beta; deactivate\n", env={"T_LOG": str(log)})
    # as shell/envman.sh and virtualenvwrapper 6.1.1: the project's predeactivate first
    assert log.read_text().splitlines() == [f"project post {project}", "global post", "project pre"]


# -- the envman wrapper ----------------------------------------------------------------

def test_envman_new_activates_and_no_activate_does_not(box):
    try:
        result = box.ok("envman new --no-pip fresh >/dev/null\n"
                        "echo VE=$VIRTUAL_ENV\n"
                        "deactivate\n"
                        "envman new --no-pip --no-activate quiet >/dev/null\n"
                        + ECHO_VE)
    finally:
        box.envman("rm", "-y", "fresh", "quiet")
    assert result.value("VE") == str(box.store / "fresh")
    assert result.value("ve") == "unset"


def test_envman_new_failure_leaves_the_shell_alone(box):
    result = box.run("envman new 'bad/name'; echo status=$status\n"
                     + ECHO_VE)
    assert result.value("status") == "2"
    assert result.value("ve") == "unset"
    assert result.stderr.startswith("envman: error:")


def test_envman_rm_refuses_the_active_env(box):
    before = snapshot(box.store)
    result = box.run("workon -n alpha; envman rm -y alpha; echo status=$status\n")
    assert result.stderr == ("envman: error: environment 'alpha' is active in this shell "
                             "(run 'deactivate' first)\n")
    assert result.value("status") == "1"
    after = snapshot(box.store)
    after.pop(".envman/used/alpha", None)
    before.pop(".envman/used/alpha", None)
    assert after == before


def test_envman_passes_other_commands_through(box):
    result = box.ok("envman ls -b\n")
    assert "alpha" in result.lines


def test_envman_tmp_is_removed_on_deactivate(box):
    result = box.ok("envman tmp >/dev/null; echo VE=$VIRTUAL_ENV; deactivate\n")
    venv = Path(result.value("VE"))
    assert venv.parent == box.store
    assert not venv.exists()


def test_stamps_last_used(box):
    # the store exists with its .envman/ (envman new made it): workon makes used/ and stamps
    used = box.store / ".envman" / "used" / "beta"
    used.unlink(missing_ok=True)
    box.ok("workon -n beta\n")
    assert used.is_file()


# -- robustness ------------------------------------------------------------------------

def test_user_functions_named_like_commands_cannot_hijack(box, tmp_path):
    project = tmp_path / "p"
    project.mkdir()
    # fish's own autoloader runs `source` by name, so a user `source` function breaks
    # every function fish autoloads: its prompt, and envman's first-use stubs (fish
    # autoloads them from shell/fish-functions/). Those are loaded beforehand; what
    # envman runs itself calls `builtin source`.
    stubs = " ".join(p.stem for p in (FISH_FILE.parent / "fish-functions").glob("*.fish"))
    hijack = f"functions -q fish_prompt {stubs}\n" + "".join(
        f"function {name}; echo HIJACK {name}; end\n"
        for name in ("cd", "ls", "rm", "source", "grep", "cat", "basename"))
    with box.project("alpha", project):
        result = box.ok(hijack + "workon alpha; echo pwd=$PWD; cdvirtualenv; echo venv=$PWD\n"
                        "cdsitepackages; lssitepackages >/dev/null; deactivate; echo \"ve=$VIRTUAL_ENV\"\n")
    assert "HIJACK" not in result.stdout
    assert result.value("pwd") == str(project)
    assert result.value("venv") == str(box.store / "alpha")
    assert result.value("ve") == ""


def test_hostile_store_path_and_names_with_spaces(tmp_path, fish):
    hostile = make_fish_box(tmp_path, store_name=HOSTILE, envs=("my env",))
    result = hostile.ok(
        "function fish_prompt; echo -n '> '; end\n"
        + SAVE_PATH
        + "workon 'my env'; echo VE=$VIRTUAL_ENV; echo python=(command -v python)\n"
        "echo p=(fish_prompt); cdvirtualenv; echo pwd=$PWD\n"
        "deactivate\n" + PATH_RESTORED)
    venv = tmp_path / HOSTILE / "my env"
    assert result.value("VE") == str(venv)
    compat = hostile.ok("mkvirtualenv --without-pip 'an other' >/dev/null; echo VE=$VIRTUAL_ENV\n"
                        "deactivate; lsvirtualenv -b; rmvirtualenv 'an other'\n")
    assert compat.lines == [f"VE={tmp_path / HOSTILE / 'an other'}", "an other", "my env",
                            "Removing an other..."]
    assert not (tmp_path / HOSTILE / "an other").exists()
    assert result.value("python") == str(venv / "bin" / "python")
    assert result.value("p") == "(my env) > "
    assert result.value("pwd") == str(venv)
    assert result.value("path_restored") == "yes"
