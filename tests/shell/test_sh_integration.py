"""workon, deactivate, the envman wrapper, the cd helpers and the hooks in real bash and
zsh, in strict mode, with the store under virtualenv's hostile directory name.

The envs are made once per module (``envman new --no-pip``); tests that change the
store make their own."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import (
    INTERACTIVE,
    SH_FILE,
    SHELLS,
    T_WHICH,
    Terminal,
    logging_hook,
    make_sh_box,
    require_program,
    sh_file,
    sourced_hook,
    write_hook,
)

SPACE = "two words"
COMPLETIONS = SH_FILE.parent.parent / "completions"


@pytest.fixture(scope="module")
def box(tmp_path_factory):
    return make_sh_box(tmp_path_factory.mktemp("sh"), envs=("alpha", SPACE))


SHOW = T_WHICH + """
echo "VE=${VIRTUAL_ENV-unset}"
echo "PY=$(t_which python)"
echo "PS1=${PS1-unset}"
echo "PROMPT=${VIRTUAL_ENV_PROMPT-unset}"
echo "PATH=$PATH"
echo "PYTHONHOME=${PYTHONHOME-unset}"
"""


@pytest.mark.parametrize("shell", SHELLS)
def test_workon_activates_and_deactivate_restores_everything(box, shell):
    r = box.ok(shell, f"""
PS1='$ '
PYTHONHOME=/somewhere; export PYTHONHOME
before="$PATH"
workon "$T_NAME"
{SHOW}
deactivate
echo "AFTER_VE=${{VIRTUAL_ENV-unset}}"
echo "AFTER_PS1=$PS1"
echo "AFTER_PYTHONHOME=${{PYTHONHOME-unset}}"
[ "$PATH" = "$before" ] && echo SAME_PATH
""", env={"T_NAME": SPACE})
    env_dir = box.store / SPACE
    assert r.value("VE") == str(env_dir)
    assert r.value("PY") == str(env_dir / "bin" / "python")
    assert r.value("PS1") == f"({SPACE}) $ "
    assert r.value("PROMPT") == SPACE
    assert r.value("PATH").startswith(str(env_dir / "bin") + ":")
    assert r.value("PYTHONHOME") == "unset"
    assert r.value("AFTER_VE") == "unset"
    assert r.value("AFTER_PS1") == "$ "
    assert r.value("AFTER_PYTHONHOME") == "/somewhere"
    assert "SAME_PATH" in r.lines


@pytest.mark.parametrize("shell", SHELLS)
def test_switching_env_to_env_and_back_restores_exactly(box, shell):
    r = box.ok(shell, """
before="$PATH"
echo "BEFORE_PS1=${PS1-unset}"
workon alpha
workon "$T_NAME"
echo "VE=$VIRTUAL_ENV"
echo "PS1=${PS1-unset}"
deactivate
[ "$PATH" = "$before" ] && echo SAME_PATH
echo "AFTER_PS1=${PS1-unset}"
""", env={"T_NAME": SPACE})
    assert r.value("VE") == str(box.store / SPACE)
    assert r.value("PS1") == f"({SPACE}) "  # PS1 was unset: one prefix, not two
    assert "SAME_PATH" in r.lines
    # bash, ksh: unset before, unset after (zsh always has a PS1, empty here)
    assert r.value("AFTER_PS1") == r.value("BEFORE_PS1") == ("" if shell == "zsh" else "unset")


# A venv's own bin/activate reads $OSTYPE, which bash and zsh set and ksh93 does not:
# under set -u that is the activate script's error, not envman's.
ACTIVATE_PRELUDE = {"bash": "", "zsh": "", "ksh": "OSTYPE=linux-gnu\n"}


@pytest.mark.parametrize("shell", SHELLS)
def test_workon_after_a_venv_activated_by_hand(box, shell):
    r = box.ok(shell, """
PS1='> '
before="$PATH"
. "$WORKON_HOME/alpha/bin/activate"
workon "$T_NAME"
echo "VE=$VIRTUAL_ENV"
echo "PS1=$PS1"
deactivate
[ "$PATH" = "$before" ] && echo SAME_PATH_1
echo "PS1_1=$PS1"
# and the other way round: workon, then a venv by hand, then its own deactivate
workon alpha
. "$WORKON_HOME/$T_NAME/bin/activate"
deactivate
[ "$PATH" = "$before" ] && echo SAME_PATH_2
echo "PS1_2=$PS1"
workon alpha
deactivate
[ "$PATH" = "$before" ] && echo SAME_PATH_3
""", env={"T_NAME": SPACE}, prelude=ACTIVATE_PRELUDE[shell])
    assert r.value("VE") == str(box.store / SPACE)
    assert r.value("PS1") == f"({SPACE}) > "
    assert {"SAME_PATH_1", "SAME_PATH_2", "SAME_PATH_3"} <= set(r.lines)
    assert r.value("PS1_1") == "> "
    assert r.value("PS1_2") == "> "


@pytest.mark.parametrize("shell", SHELLS)
def test_prompt_is_never_exported_and_can_be_disabled(box, shell):
    r = box.ok(shell, """
PS1='$ '
workon alpha
command env | command grep -c '^PS1=' || true
deactivate
VIRTUAL_ENV_DISABLE_PROMPT=1
workon alpha
echo "PS1=$PS1"
echo "PROMPT=$VIRTUAL_ENV_PROMPT"
""")
    assert r.lines[0] == "0"
    assert r.value("PS1") == "$ "
    assert r.value("PROMPT") == "alpha"


@pytest.mark.parametrize("shell", SHELLS)
def test_deactivate_nondestructive_keeps_the_function(box, shell):
    r = box.run(shell, """
workon alpha
deactivate nondestructive
echo "VE=${VIRTUAL_ENV-unset}"
typeset -f deactivate >/dev/null && echo STILL_DEFINED
deactivate nondestructive
echo "nothing active: $?"
deactivate || echo "status=$?"
""")
    assert r.value("VE") == "unset"
    assert "STILL_DEFINED" in r.lines
    assert "nothing active: 0" in r.lines
    assert r.value("status") == "1"
    assert r.stderr == "deactivate: no virtual environment is active\n"


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("compat", ["1", "0"])
def test_missing_env_is_reported_and_changes_nothing(box, shell, compat):
    r = box.run(shell, """
before="$PATH"
workon nope || echo "status=$?"
[ "$PATH" = "$before" ] && echo SAME_PATH
echo "VE=${VIRTUAL_ENV-unset}"
""", env={"ENVMAN_COMPAT": compat})
    assert r.status == 0, r.stderr
    assert r.value("status") == "1"
    assert "SAME_PATH" in r.lines and r.value("VE") == "unset"
    if compat == "1":
        assert r.stderr == "ERROR: Environment 'nope' does not exist. Create it with 'mkvirtualenv nope'.\n"
    else:
        assert r.stderr == ("envman: error: environment 'nope' does not exist "
                            "(create it with 'envman new nope')\n")


@pytest.mark.parametrize("shell", SHELLS)
def test_workon_refuses_names_that_are_paths(box, shell):
    r = box.run(shell, 'workon ../store/alpha || echo "status=$?"\nworkon -- -x || echo "status2=$?"\n')
    assert r.value("status") == "1" and r.value("status2") == "1"
    assert "does not exist" in r.stderr


@pytest.mark.parametrize("shell", SHELLS)
def test_workon_without_argument_lists_envs_only(box, shell):
    # virtualenvwrapper's hook files live in the store too: they are not envs.
    r = box.run(shell, 'workon || echo "status=$?"\n')
    assert r.stderr == ""
    assert r.lines[:2] == ["alpha", SPACE]
    assert r.value("status") == "1"  # as virtualenvwrapper
    r = box.ok(shell, "workon\n", env={"ENVMAN_COMPAT": "0"})
    assert r.lines == ["alpha", SPACE]


@pytest.mark.parametrize("shell", SHELLS)
def test_workon_dot_and_project_cd(box, shell, tmp_path):
    project = tmp_path / "my proj"
    project.mkdir()
    named = tmp_path / "alpha"
    named.mkdir()
    (box.store / SPACE / ".project").write_text(f"{project}\n")
    try:
        r = box.ok(shell, """
cd -- "$T_PROJECT"
workon .
echo "VE1=${VIRTUAL_ENV##*/}"
cd -- "$T_NAMED"
workon .
echo "VE2=${VIRTUAL_ENV##*/}"
cd /
workon "$T_NAME"
echo "PWD1=$PWD"
cd /
workon -n "$T_NAME"
echo "PWD2=$PWD"
VIRTUALENVWRAPPER_WORKON_CD=0 workon "$T_NAME"
echo "PWD3=$PWD"
workon --no-cd alpha
workon --cd "$T_NAME"
echo "PWD4=$PWD"
""", env={"T_PROJECT": str(project), "T_NAMED": str(named), "T_NAME": SPACE})
    finally:
        (box.store / SPACE / ".project").unlink()
    assert r.value("VE1") == SPACE
    assert r.value("VE2") == "alpha"
    assert r.value("PWD1") == str(project)
    assert r.value("PWD2") == "/"
    assert r.value("PWD3") == "/"
    assert r.value("PWD4") == str(project)


@pytest.mark.parametrize("shell", SHELLS)
def test_hooks_run_in_virtualenvwrapper_order_with_their_arguments(box, shell, tmp_path):
    log = tmp_path / "log"
    project = tmp_path / "proj"
    hooks = tmp_path / "hook dir"
    env = box.store / "alpha"
    write_hook(hooks / "preactivate", logging_hook("global-preactivate"))
    write_hook(env / "bin" / "preactivate", logging_hook("env-preactivate"))
    for where, base in (("global", hooks), ("env", env / "bin")):
        for name in ("postactivate", "predeactivate", "postdeactivate"):
            write_hook(base / name, sourced_hook(f"{where}-{name}"), executable=False)
    write_hook(project / ".virtualenvwrapper" / "postactivate", sourced_hook("project-postactivate"))
    write_hook(project / ".virtualenvwrapper" / "predeactivate", sourced_hook("project-predeactivate"))
    (env / ".project").write_text(f"{project}\n")
    try:
        box.ok(shell, "workon alpha\ndeactivate\n",
               env={"T_LOG": str(log), "VIRTUALENVWRAPPER_HOOK_DIR": str(hooks)})
    finally:
        for name in ("preactivate", "postactivate", "predeactivate", "postdeactivate"):
            (env / "bin" / name).unlink()
        (env / ".project").unlink()
    store = str(box.store)
    assert log.read_text().splitlines() == [
        f"global-preactivate alpha | {store} | ",
        f"env-preactivate alpha | {store} | ",
        f"project-postactivate | alpha |  | {project}",
        f"global-postactivate | alpha |  | {project}",
        f"env-postactivate | alpha |  | {project}",
        f"project-predeactivate | alpha |  | {project}",
        f"env-predeactivate | alpha |  | {project}",
        f"global-predeactivate | alpha |  | {project}",
        f"env-postdeactivate |  | alpha | {project}",
        f"global-postdeactivate |  | alpha | {project}",
    ]


@pytest.mark.parametrize("shell", SHELLS)
def test_immune_to_aliases_and_functions_named_like_commands(box, shell, tmp_path):
    (box.store / "alpha" / ".project").write_text(f"{tmp_path}\n")
    hijack = "".join(f"{n}() {{ echo HIJACKED {n}; return 1; }}\n" for n in ("cd", "ls", "rm", "grep"))
    aliases = "".join(f"alias {n}='echo HIJACKED {n}'\n" for n in ("cd", "ls", "rm", "source", "grep"))
    prelude = ("shopt -s expand_aliases\n" if shell == "bash" else "") + hijack + aliases
    try:
        r = box.ok(shell, """
workon alpha
echo "PWD1=$PWD"
cdvirtualenv bin
echo "PWD2=$PWD"
cdsitepackages
echo "PWD3=$PWD"
lssitepackages >/dev/null
cdproject
echo "PWD4=$PWD"
deactivate
echo "VE=${VIRTUAL_ENV-unset}"
""", prelude=prelude)
    finally:
        (box.store / "alpha" / ".project").unlink()
    assert "HIJACKED" not in r.stdout
    assert r.value("PWD1") == str(tmp_path)
    assert r.value("PWD2") == str(box.store / "alpha" / "bin")
    assert r.value("PWD3").endswith("/site-packages")
    assert r.value("PWD4") == str(tmp_path)
    assert r.value("VE") == "unset"


def test_zsh_with_shwordsplit_and_ksh_arrays(box):
    r = box.ok("zsh", f"""
before="$PATH"
workon "$T_NAME"
{SHOW}
lsvirtualenv -b
deactivate
[ "$PATH" = "$before" ] && echo SAME_PATH
""", prelude="setopt shwordsplit ksharrays globsubst\n", env={"T_NAME": SPACE})
    assert r.value("VE") == str(box.store / SPACE)
    assert "SAME_PATH" in r.lines and SPACE in r.lines


@pytest.mark.parametrize("ksharrays", ["", "setopt ksharrays\n"])
def test_zsh_loading_twice_hooks_the_prompt_once(box, ksharrays):
    # ksharrays once made the (Ie) lookup miss, so every load added the hook again
    r = box.ok("zsh", """
source "$T_SH_FILE"
echo "PRECMD=${(j:,:)precmd_functions[@]}"
echo "CHPWD=${(j:,:)chpwd_functions[@]}"
""", prelude=ksharrays)
    assert r.value("PRECMD") == "__envman_auto_prompt"
    assert r.value("CHPWD") == "__envman_auto_prompt"


@pytest.mark.parametrize("hashing", ["-h", "+h"])
def test_bash_with_hashing_on_and_off(box, hashing):
    r = box.ok("bash", f"""
set {hashing}
python -c pass 2>/dev/null || true
workon alpha
echo "PY=$(type -P python)"
deactivate
""")
    assert r.value("PY") == str(box.store / "alpha" / "bin" / "python")


@pytest.mark.parametrize("shell", SHELLS)
def test_a_command_hashed_before_workon_runs_from_the_env_after_it(box, shell):
    # workon and deactivate leave the forgetting of hashed command paths to the PATH
    # assignment itself (no `hash -r`/`rehash`): python, run and hashed before, must
    # be the env's after workon and the first one again after deactivate.
    r = box.ok(shell, """
pfx() { python -c 'import sys; print(sys.prefix)'; }
echo "BEFORE=$(pfx)"; pfx >/dev/null
workon alpha
echo "DURING=$(pfx)"
deactivate
echo "AFTER=$(pfx)"
""")
    assert r.value("DURING") == str(box.store / "alpha")
    assert r.value("AFTER") == r.value("BEFORE") != r.value("DURING")


@pytest.mark.parametrize("shell", SHELLS)
def test_loading_twice_is_harmless(box, shell):
    r = box.ok(shell, """
workon alpha
source "$T_SH_FILE"
deactivate
echo "VE=${VIRTUAL_ENV-unset}"
lsvirtualenv -b
source "$T_SH_FILE"
workon alpha
echo "PS1=$PS1"
lsvirtualenv -b
""", prelude="PS1='$ '\n")
    assert r.value("VE") == "unset"
    assert r.value("PS1") == "(alpha) $ "
    assert r.lines.count(SPACE) == 2  # the compat names work before and after reloading


@pytest.mark.parametrize("shell", SHELLS)
def test_loading_again_after_every_file_was_loaded(box, shell):
    # Found in review: after envman-more.sh was in (cdvirtualenv), a second load put the
    # rc file's stubs back, the core skipped its own stubs of envman-more.sh's functions,
    # and cdvirtualenv called itself until bash crashed. With the hooks' envman-more.sh
    # functions in use too (a hook with content).
    box.ok(shell, "true\n")  # (a first load in this store makes the hook files)
    hook = box.store / "postactivate"
    saved = hook.read_text()
    hook.write_text(saved + "echo HOOK-RAN\n")
    try:
        r = box.ok(shell, """
workon alpha
cdvirtualenv && echo "at1=${PWD##*/}"
lsvirtualenv -b >/dev/null
source "$T_SH_FILE"
cdvirtualenv && echo "at2=${PWD##*/}"
lsvirtualenv -b >/dev/null && echo listed
deactivate
workon alpha
echo "VE=${VIRTUAL_ENV##*/}"
""")
    finally:
        hook.write_text(saved)
    assert r.value("at1") == r.value("at2") == "alpha"
    assert "listed" in r.lines and r.value("VE") == "alpha"
    assert r.lines.count("HOOK-RAN") == 2


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_a_copy_of_a_stub_made_before_its_first_use_fails_once(box, shell):
    # Found in review: a stub copied before its first use (to wrap it) loaded the file
    # and called itself by its own name again, until bash crashed; it says so once.
    # (virtualenvwrapper's names: no start loads their files)
    names = ("lsvirtualenv", "virtualenvwrapper_mkvirtualenv_help")
    copy = "".join(f'eval "my_$(declare -f {n})"\n' if shell == "bash" else
                   f"functions -c {n} my_{n}\n" for n in names)
    r = box.run(shell, copy + "my_lsvirtualenv -b || echo s1=$?\n"
                "my_virtualenvwrapper_mkvirtualenv_help || echo s2=$?\n"
                "lsvirtualenv -b && echo listed\n")
    assert (r.value("s1"), r.value("s2")) == ("1", "1") and "listed" in r.lines
    assert r.stderr.count("copies a stub (copy it after first use)") == 2


def test_an_rc_file_loaded_before_an_upgrade_still_runs_the_compat_names(box):
    # Found in review: 76af782's envman.sh (still loaded in a shell open while envman is
    # upgraded) stubs virtualenvwrapper's names through __envman_compat_load/_mk, which it
    # stubbed in turn to load the core; the core keeps the two, or each stub called itself
    # until bash crashed. Those are that file's definitions.
    r = box.ok("bash", """
__envman_compat_load() { __envman_co "$@"; }
__envman_compat_mk() { __envman_co "$@"; }
__envman_cl() { __envman_compat_load "${FUNCNAME[1]}" "$@"; }
__envman_cm() { __envman_compat_mk "${FUNCNAME[1]}" "$@"; }
lsvirtualenv -b
virtualenvwrapper_mkvirtualenv_help >/dev/null && echo MK-HELP
""")
    assert r.lines == ["alpha", SPACE, "MK-HELP"]


@pytest.mark.parametrize("shell", SHELLS)
def test_workon_stamps_last_used_without_python(box, shell):
    used = box.store / ".envman" / "used" / SPACE
    if used.exists():
        used.unlink()
    box.ok(shell, 'workon "$T_NAME"\n', env={"T_NAME": SPACE})
    assert used.exists()


@pytest.mark.parametrize("shell", SHELLS)
def test_cd_helpers_need_an_active_env(box, shell):
    r = box.run(shell, "cdvirtualenv || echo s1=$?\ncdsitepackages || echo s2=$?\n"
                       "lssitepackages || echo s3=$?\ncdproject || echo s4=$?\n")
    assert [r.value(f"s{i}") for i in range(1, 5)] == ["1"] * 4
    assert r.stderr.splitlines() == ["ERROR: no virtualenv active, or active virtualenv is missing"] * 4
    r = box.run(shell, "workon alpha\ncdproject || echo s=$?\n")
    assert r.value("s") == "1"
    assert r.stderr == f"No project set in {box.store / 'alpha' / '.project'}\n"
    (box.store / "alpha" / ".project").write_text("/no/such/project\n")
    try:
        r = box.run(shell, "workon alpha\ncdproject || echo s=$?\necho \"PWD=$PWD\"\n")
    finally:
        (box.store / "alpha" / ".project").unlink()
    assert (r.value("s"), r.value("PWD")) == ("1", str(box.home))
    assert r.stderr == "Project directory /no/such/project does not exist\n"  # virtualenvwrapper's


# ---------------------------------------------------------------- the envman wrapper

@pytest.mark.parametrize("shell", SHELLS)
def test_envman_new_activates_and_rm_of_active_env_is_refused(box, shell):
    r = box.run(shell, """
envman new --no-pip fresh >/dev/null
echo "VE=${VIRTUAL_ENV##*/}"
envman new --no-pip --no-activate other >/dev/null
echo "VE2=${VIRTUAL_ENV##*/}"
envman rm -y fresh || echo "status=$?"
deactivate
envman rm -y fresh other >/dev/null
echo done
""")
    assert r.value("VE") == "fresh"
    assert r.value("VE2") == "fresh"
    assert r.value("status") == "1"
    assert r.stderr == "envman: error: environment 'fresh' is active in this shell (run 'deactivate' first)\n"
    assert not (box.store / "fresh").exists() and not (box.store / "other").exists()


@pytest.mark.parametrize("shell", SHELLS)
def test_envman_tmp_is_removed_on_deactivate(box, shell):
    r = box.ok(shell, """
envman tmp --no-pip >/dev/null
echo "VE=$VIRTUAL_ENV"
deactivate
""")
    tmp_env = r.value("VE")
    assert tmp_env.startswith(str(box.store / "tmp-"))
    assert f"Removing temporary environment: {tmp_env.rsplit('/', 1)[1]}" in r.lines
    assert not (box.store / tmp_env.rsplit("/", 1)[1]).exists()


@pytest.mark.parametrize("shell", SHELLS)
def test_envman_passes_other_commands_through(box, shell):
    r = box.ok(shell, 'envman path "$T_NAME"\nenvman workon alpha\necho "VE=$VIRTUAL_ENV"\n',
               env={"T_NAME": SPACE})
    assert r.lines[0] == str(box.store / SPACE)
    assert r.value("VE") == str(box.store / "alpha")


# ---------------------------------------------------------------- loading

@pytest.mark.parametrize("shell", SHELLS)
def test_eval_init_loads_and_path_prints_the_file(box, shell):
    r = box.ok(shell, f'eval "$(envman init {shell})"\nworkon alpha\necho "VE=$VIRTUAL_ENV"\n'
                      f'envman init --path {shell}\n', load=False)
    assert r.value("VE") == str(box.store / "alpha")
    # the checkout's file (editable install) or the wheel's copy of it (CI)
    # (zsh's own file; envman.sh, which older rc lines source in zsh, hands over to it)
    expected = SH_FILE.parent / "envman.zsh" if shell == "zsh" else sh_file(shell)
    printed = Path(r.lines[-1])
    assert printed.parts[-2:] == ("shell", expected.name)
    assert printed.read_bytes() == expected.read_bytes()


@pytest.mark.parametrize("shell", SHELLS)
def test_init_output_appended_to_an_rc_file_loads_without_envman(box, shell, tmp_path):
    """The README's `envman init bash >> ~/.bashrc`: the lines it appends load the
    integration in a new shell with no envman (no Python) run at start: only assignments
    and the guarded source, which works with the program gone from PATH; appended to a
    file whose last line has no newline, they leave that line alone; and once the file
    they source is gone, a shell under `set -e` says so in one line and stays open."""
    rc_file = Path(box.home, f"rc-{shell}")
    rc_file.write_text("MINE=kept")
    box.ok(shell, f'envman init {shell} --auto >> "$HOME/rc-{shell}"\n', load=False)
    text = rc_file.read_text()
    rc = text.splitlines()
    load = "." if shell == "ksh" else "source"
    # (the empty line the output starts with ends the unfinished one)
    assert rc[:2] == ["MINE=kept", f"# envman's shell integration (envman init {shell})"]
    assert rc[2].startswith(("__envman_init_program=", "__envman_init_python=")), rc
    assert rc[3] == "ENVMAN_AUTO_ACTIVATE='1'", rc
    assert rc[4].startswith("if [ -r '") and rc[5].startswith(f"    {load} '"), rc
    assert rc[6] == "else" and rc[7].startswith("    printf ") and rc[8] == "fi", rc
    assert len(rc) == 9, rc
    r = box.ok(shell, f'. "$HOME/rc-{shell}"\necho "MINE=$MINE"\nworkon alpha\n'
                      'echo "VE=$VIRTUAL_ENV"\necho "AUTO=$ENVMAN_AUTO_ACTIVATE"\n'
                      'echo "PATHOF=$(envman path alpha)"\n', load=False,
               env={"PATH": "/usr/bin:/bin"})
    assert r.value("VE") == str(box.store / "alpha")
    # the program, off PATH and outside the env just entered, found by what was appended
    assert r.value("PATHOF") == str(box.store / "alpha")
    assert r.value("AUTO") == "1"
    assert r.value("MINE") == "kept"
    sourced = rc[5].split(" ", 5)[-1].strip("'")
    # (zsh's own file: envman.sh would hand zsh over to it)
    assert Path(sourced).name == ("envman.zsh" if shell == "zsh" else sh_file(shell).name)
    gone = str(tmp_path / "gone" / Path(sourced).name)
    rc_file.write_text("set -e\n" + text.replace(sourced, gone))
    r = box.run(shell, f'. "$HOME/rc-{shell}"\necho "ALIVE=yes"\n', load=False, strict=False)
    assert r.value("ALIVE") == "yes"
    assert r.stderr.splitlines() == [
        f"envman: {gone} is gone (envman was moved or removed): update or delete the envman "
        f"lines in your rc file (envman init {shell})"]


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_a_failed_status_at_the_prompt_does_not_close_a_set_e_shell(box, shell, tmp_path):
    """The prompt hook hands `$?` on, for prompts that show it; under `set -e` (zsh:
    ERR_EXIT) a failed status handed on closed the shell after `! true` or a Ctrl-C at
    the prompt, which without envman close nothing."""
    exe = require_program(shell)
    rc = tmp_path / "rc"
    errexit = "set -e" if shell == "bash" else "setopt err_exit"
    integration = sh_file(shell) if shell == "bash" else SH_FILE.parent / "envman.zsh"
    rc.write_text(f"{errexit}\nsource '{integration}'\n")
    (tmp_path / ".zshrc").write_text(rc.read_text())
    argv = [exe, "--rcfile", str(rc), "-i"] if shell == "bash" else [exe, "-i"]
    env = {**box.env, "HOME": str(tmp_path), "ZDOTDIR": str(tmp_path)}
    r = subprocess.run(argv, input="! true\necho STILL-ALIVE\n", capture_output=True, text=True,
                       env=env, timeout=60)
    assert "STILL-ALIVE" in r.stdout, r.stderr
    # without errexit, what runs after the hook at a prompt still sees the status
    later = ("__mine() { echo \"mine saw $?\"; }\nPROMPT_COMMAND+=$'\\n'__mine\n" if shell == "bash"
             else "__mine() { echo \"mine saw $?\"; }\nprecmd_functions+=(__mine)\n")
    rc.write_text(f"source '{integration}'\n{later}")
    (tmp_path / ".zshrc").write_text(rc.read_text())
    r = subprocess.run(argv, input="false\necho done\n", capture_output=True, text=True,
                       env=env, timeout=60)
    assert "mine saw 1" in r.stdout, (r.stdout, r.stderr)


@pytest.mark.parametrize("shell", SHELLS)
def test_compat_names_can_be_turned_off(box, shell, tmp_path):
    check = "for f in mkvirtualenv rmvirtualenv lsvirtualenv workon deactivate envman; do " \
            "typeset -f $f >/dev/null && echo has-$f || echo no-$f; done\n"
    r = box.ok(shell, f'eval "$(envman init {shell} --no-compat)"\n' + check, load=False,
               env={"WORKON_HOME": str(tmp_path / "s")})
    assert "no-mkvirtualenv" in r.lines and "has-workon" in r.lines and "has-envman" in r.lines
    config = tmp_path / "config.toml"
    config.write_text("[shell]\ncompat = false  # no virtualenvwrapper names\n")
    r = box.ok(shell, check, env={"ENVMAN_CONFIG": str(config)})
    assert "no-lsvirtualenv" in r.lines and "has-deactivate" in r.lines
    r = box.ok(shell, check)
    assert "has-rmvirtualenv" in r.lines


def test_workon_without_the_integration_explains(box):
    r = box.envman("workon", "alpha", check=False)
    assert r.returncode == 2
    assert "shell integration" in r.stderr and "envman init bash >> ~/.bashrc" in r.stderr
    r = box.envman("deactivate", check=False)
    assert r.returncode == 2
    r = box.envman("init", "tcsh", check=False)
    assert (r.returncode, r.stderr) == (2, "envman: error: unknown shell 'tcsh' (use bash, zsh, ksh or fish)\n")


@pytest.mark.parametrize("shell", SHELLS)
def test_loading_is_silent_and_starts_no_python(box, shell):
    # PATH without python or envman: loading must not need them (the program is named
    # by ENVMAN_PROGRAM; without it, loading says it is missing: test_program_path.py).
    sh = shutil.which(shell) or require_program(shell)
    program = shutil.which("envman", path=box.env["PATH"])
    r = subprocess.run([sh, "-c",
                        'set -eu; . "$T_SH_FILE"; typeset -f workon >/dev/null && echo loaded'],
                       capture_output=True, text=True, timeout=60,
                       env={**box.env, "PATH": "/nonexistent", "T_SH_FILE": str(sh_file(shell)),
                            "ENVMAN_PROGRAM": program})
    assert (r.returncode, r.stdout, r.stderr) == (0, "loaded\n", "")


def test_shellcheck_is_clean():
    shellcheck = require_program("shellcheck")
    files = [str(SH_FILE.parent / name) for name in (
        "envman.sh", "envman-core.sh", "envman-more.sh", "envman-compat.sh", "envman-compat-mk.sh",
        "envman-lazy.sh", "envman-base.sh", "envman-rc.sh")]
    r = subprocess.run([shellcheck, "-s", "bash", *files], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_every_compat_name_is_a_stub_until_first_use():
    import re

    defined = {name: file for file in ("envman-compat.sh", "envman-compat-mk.sh")
               for name in re.findall(r"^(_?[a-z][a-z0-9_]*)\(\) \{", (SH_FILE.parent / file).read_text(), re.M)}
    # each stub loads the file that defines its name
    # (bash's stubs call a loader that takes their name from FUNCNAME)
    loads = {"l": "envman-compat.sh", "m": "envman-compat-mk.sh"}
    stubs = {name: loads[how] for name, how in re.findall(
        r"^ *([a-z0-9_]+)\(\) \{ __envman_c(l|m) \"\$@\"; \}$", SH_FILE.read_text(), re.M)}
    public = {name: file for name, file in defined.items() if not name.startswith("__")}
    assert "mkvirtualenv" in stubs and "lsvirtualenv" in stubs and public == stubs


@pytest.mark.parametrize("shell", SHELLS)
def test_compat_file_is_loaded_on_first_use(box, shell):
    r = box.ok(shell, """
typeset -f __envman_run_in >/dev/null || echo NOT_LOADED
showvirtualenv alpha >/dev/null
typeset -f __envman_run_in >/dev/null && echo LOADED
typeset -f __envman_mk_parse >/dev/null || echo MK_NOT_LOADED
lsvirtualenv -b
virtualenvwrapper_mkvirtualenv_help >/dev/null
typeset -f __envman_mk_parse >/dev/null && echo MK_LOADED
""", prelude="setopt warncreateglobal\n" if shell == "zsh" else "")
    # the listing and helper names load envman-compat.sh; making, copying and removing
    # load envman-compat-mk.sh on their own first use
    assert r.lines == ["NOT_LOADED", "LOADED", "MK_NOT_LOADED", "alpha", SPACE, "MK_LOADED"]


def test_no_helper_name_is_shared_with_the_completion_files():
    # The completion files are sourced into the same shell: a shared __envman_* name
    # would silently replace one side's function with the other's.
    import re

    define = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(\)\s*\{", re.M)
    ours = set()
    for name in ("envman.sh", "envman-core.sh", "envman-more.sh", "envman-compat.sh",
                 "envman-compat-mk.sh", "envman-lazy.sh", "envman-base.sh"):
        ours |= set(define.findall((SH_FILE.parent / name).read_text()))
    theirs = set()
    for path in (COMPLETIONS / "envman.bash", COMPLETIONS / "_envman"):
        theirs |= set(define.findall(path.read_text()))
    assert "__envman_comp_complete" in theirs
    assert not (ours & theirs) - {"envman"}


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("completion", ["missing", "empty", "broken"])
def test_loading_tolerates_missing_or_broken_completion_files(box, shell, completion, tmp_path):
    shell_dir = tmp_path / "shell"
    shell_dir.mkdir()
    for name in ("envman.sh", "envman-core.sh", "envman-more.sh", "envman-compat.sh",
                 "envman-compat-mk.sh", "envman-lazy.sh", "envman.zsh", "envman-compdef.zsh",
                 "envman-base.sh"):
        name = name.replace(".sh", ".ksh") if shell == "ksh" else name
        shutil.copy(SH_FILE.parent / name, shell_dir / name)
    if completion != "missing":
        comp = tmp_path / "completions"
        comp.mkdir()
        body = "" if completion == "empty" else 'echo "${no_such_variable}"\nfalse\n'
        (comp / "envman.bash").write_text(body)
        (comp / "_envman").write_text(body)
    tab = ('if complete -p workon >/dev/null 2>&1; then\n'
           '  COMP_WORDS=(workon ""); COMP_CWORD=1; COMPREPLY=(); __envman_lazy_complete workon "" workon\n'
           '  echo TAB_DONE\nelse echo NO_COMPSPEC; fi\n') if shell == "bash" else ""
    r = box.ok(shell, "workon alpha\necho \"VE=${VIRTUAL_ENV##*/}\"\n" + tab,
               env={"T_SH_FILE": str(shell_dir / sh_file(shell).name)})
    assert r.value("VE") == "alpha"
    if shell == "bash":  # a TAB loads the broken file and survives it
        assert ("TAB_DONE" if completion == "broken" else "NO_COMPSPEC") in r.lines


@pytest.mark.parametrize("option", ["err_exit", "posix_builtins"])
def test_zsh_loads_on_when_the_compdef_file_is_missing(tmp_path, option):
    """After compinit, envman.zsh sources envman-compdef.zsh; an install that lacks it
    (a partial copy) still loads: `.` of a missing file ends a zsh with ERR_EXIT or
    POSIX_BUILTINS, so it is tested first."""
    zsh = require_program("zsh")
    shell_dir = tmp_path / "shell"
    shutil.copytree(SH_FILE.parent, shell_dir, ignore=shutil.ignore_patterns("envman-compdef.zsh"))
    shutil.copytree(COMPLETIONS, tmp_path / "completions")
    script = (f"autoload -Uz compinit; compinit -u -D; setopt {option}\n"
              f"source {str(shell_dir / 'envman.zsh')!r}\necho loaded\n")
    r = subprocess.run([zsh, "-f", "-c", script], env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin",
                       "ENVMAN_PROGRAM": "/bin/true"}, capture_output=True, text=True, timeout=60)
    assert r.stdout.splitlines() == ["loaded"], r.stderr


@pytest.mark.parametrize("shell", SHELLS)
def test_workon_in_a_subshell_that_inherited_an_active_env(box, shell):
    # A new shell started inside an env inherits VIRTUAL_ENV and PATH, not the
    # functions: workon drops the inherited bin from PATH and takes over.
    alpha_bin = str(box.store / "alpha" / "bin")
    base = box.env["PATH"]
    r = box.ok(shell, """
workon "$T_NAME"
echo "VE=$VIRTUAL_ENV"
deactivate
echo "PATH=$PATH"
echo "VE2=${VIRTUAL_ENV-unset}"
""", env={"T_NAME": SPACE, "VIRTUAL_ENV": str(box.store / "alpha"),
          "PATH": alpha_bin + ":" + base})
    assert r.value("VE") == str(box.store / SPACE)
    assert r.value("PATH") == base
    assert r.value("VE2") == "unset"


PROMPT_RENDER = {
    # What the user would see: bash's own prompt expansion, zsh's print -P.
    "bash": 'printf "%s\\n" "SHOWN=${PS1@P}"\n',
    "zsh": 'print -rP -- "SHOWN=$PS1"\n',
}


@pytest.mark.parametrize(("shell", "option"), [
    ("bash", ""), ("bash", "shopt -u promptvars"),
    ("zsh", ""), ("zsh", "setopt promptsubst promptbang"),
])
def test_a_hostile_prompt_text_is_shown_not_run(tmp_path, shell, option):
    box = make_sh_box(tmp_path)
    text = "$(echo PWNED) `echo PWNED` \\w %~ !"
    box.envman("new", "--no-pip", "--prompt", text, "evil")
    r = box.ok(shell, f"{option}\nPS1='> '\nworkon evil\n" + PROMPT_RENDER[shell]
               + "deactivate\necho \"AFTER=$PS1\"\n")
    assert r.value("SHOWN") == f"({text}) > "
    assert r.value("AFTER") == "> "


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_quote_round_trips_through_the_real_shell(shell):
    from envman import shellinit

    from tests.support import HOSTILE

    program = require_program(shell)
    for value in (HOSTILE, "a\\b\\\\c'd\"e$f`g", "", "-n"):
        script = f"printf '%s' {shellinit.quote(shell, value)}"
        r = subprocess.run([program, "-c", script], capture_output=True, text=True, timeout=60)
        assert (r.returncode, r.stdout) == (0, value), (shell, value, r.stderr)


def test_zsh_finds_its_files_whatever_dollar_zero_is(box):
    # envman.sh takes its own path from $0 when zsh sets it to the file (FUNCTION_ARGZERO,
    # not POSIX_ARGZERO); zsh started by path under POSIX_ARGZERO has /.../zsh there
    inner = 'source "$T_SH_FILE"; workon alpha >/dev/null && print -r -- "VE=${VIRTUAL_ENV##*/}"'
    r = box.ok("zsh", """
for opts in : "setopt posixargzero" "setopt nofunctionargzero"; do
    "$(whence -p zsh)" -f -c "$opts; $T_INNER"
done
""", load=False, env={"T_INNER": inner})
    assert r.lines == ["VE=alpha"] * 3


def test_zsh_registers_completion_after_compinit(box):
    assert (COMPLETIONS / "_envman").is_file()  # in the repository and the wheel
    r = box.ok("zsh", 'print -r -- "c1=${_comps[envman]-none}"\nprint -r -- "c2=${_comps[workon]-none}"\n',
               prelude="autoload -Uz compinit && compinit -u -D\n")
    assert (r.value("c1"), r.value("c2")) == ("_envman", "_envman")


def _bound(complete_p: str, function: str) -> set[str]:
    """The names `complete -p` output binds to FUNCTION."""
    marker = f" -F {function} "
    return {line.rsplit(" ", 1)[1] for line in complete_p.splitlines() if marker in line}


def test_bash_registers_every_name_at_load_and_sources_the_completion_file_on_first_tab(box):
    r = box.ok("bash", """
complete -p
typeset -f __envman_comp_complete >/dev/null || echo NOT_SOURCED_YET
COMP_WORDS=(workon al); COMP_CWORD=1; COMP_LINE="workon al"; COMP_POINT=9; COMPREPLY=()
__envman_lazy_complete workon al workon
printf 'REPLY=%s\n' "${COMPREPLY[@]}"
echo ---
complete -p
""")
    at_load, after_tab = r.stdout.split("---\n")
    assert "NOT_SOURCED_YET" in r.lines
    assert r.value("REPLY") == "alpha"  # the first TAB completes
    # the stub covers exactly the names the completion file registers for itself
    stubs = _bound(at_load, "__envman_lazy_complete")
    assert "envman" in stubs and "workon" in stubs and "mkvirtualenv" in stubs
    assert _bound(after_tab, "__envman_comp_complete") == stubs
    assert not _bound(after_tab, "__envman_lazy_complete")


def test_bash_first_tab_completes_on_a_real_terminal(box):
    require_program("bash")
    term = Terminal(INTERACTIVE["bash"], {**box.env, "T_SH_FILE": str(SH_FILE), "TERM": "dumb"},
                    str(box.home))
    try:
        term.send('source "$T_SH_FILE"; echo READY\n')
        term.wait_for("READY\r\n")
        term.send("workon tw\t\n")  # one TAB: "two words", quoted as one argument
        term.send('echo "VE""=$VIRTUAL_ENV."\n')
        assert term.wait_for(f"VE={box.store / SPACE}.")
    finally:
        term.close()


USER_OPTIONS = [("zsh", f"setopt {o}") for o in (
    "extendedglob", "warncreateglobal", "rcquotes", "noclobber", "kshglob", "shglob",
    "errreturn", "autopushd pushdsilent", "posixbuiltins", "globsubst", "rcexpandparam",
    "noglob", "cshnullglob", "nullglob", "markdirs", "globdots")] + [("bash", o) for o in (
    "shopt -s failglob", "shopt -s nullglob", "shopt -s dotglob", "set -o noclobber", "set -f",
    "shopt -s extglob", "set -o posix")] + [("ksh", f"set -o {o}") for o in (
    "noglob", "markdirs", "noclobber", "globstar", "braceexpand", "posix")]


@pytest.mark.parametrize(("shell", "option"), USER_OPTIONS, ids=[f"{s}-{o}" for s, o in USER_OPTIONS])
def test_survives_the_users_shell_options(box, shell, option):
    # An option the user set stays set, and nothing prints a warning.
    check = {"bash": 'echo "FLAGS=$-"; shopt -s | command wc -l',
             "zsh": 'echo "FLAGS=$-"; setopt | command wc -l',
             "ksh": 'echo "FLAGS=$-"; set +o | command cksum'}[shell]
    r = box.ok(shell, f"""
{check}
PS1='> '
before="$PATH"
workon alpha
cdvirtualenv
cdsitepackages
lssitepackages >/dev/null
workon "$T_NAME"
lsvirtualenv -b
allvirtualenv true >/dev/null
deactivate
[ "$PATH" = "$before" ] && echo SAME_PATH
{check}
""", prelude=option + "\n", env={"T_NAME": SPACE})
    assert "SAME_PATH" in r.lines and SPACE in r.lines
    assert r.lines[:2] == r.lines[-2:]  # the same options before and after


@pytest.mark.parametrize("shell", SHELLS)
def test_deactivate_in_a_subshell_that_inherited_an_active_env(box, shell):
    alpha_bin = str(box.store / "alpha" / "bin")
    base = box.env["PATH"]
    r = box.ok(shell, 'deactivate\necho "PATH=$PATH"\necho "VE=${VIRTUAL_ENV-unset}"\n',
               prelude="__envman_active=''\n",  # as in a fresh shell
               env={"VIRTUAL_ENV": str(box.store / "alpha"), "PATH": alpha_bin + ":" + base})
    assert (r.value("PATH"), r.value("VE")) == (base, "unset")
