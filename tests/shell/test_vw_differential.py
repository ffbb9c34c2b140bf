"""envman's virtualenvwrapper layer against the real virtualenvwrapper 6.1.1, side by
side: the same script in bash and zsh, the same output, status and store."""

from __future__ import annotations

import pytest

from tests.support.vw_reference import Pair, install_reference

SHELLS = ["bash", "zsh", "ksh"]


@pytest.fixture(scope="session")
def vw_bin(tmp_path_factory):
    return install_reference(tmp_path_factory.mktemp("vwref"))


@pytest.fixture
def pair(tmp_path, vw_bin):
    return Pair(tmp_path, vw_bin)


def assert_same(vw, em):
    assert (em.stdout, em.stderr, em.status) == (vw.stdout, vw.stderr, vw.status), (
        f"virtualenvwrapper:\n{vw.stdout}\n--- stderr\n{vw.stderr}\n--- status {vw.status}\n"
        f"envman:\n{em.stdout}\n--- stderr\n{em.stderr}\n--- status {em.status}")


# Each helper is called the way users' hooks and dotfiles call it, with the status
# printed after it; inputs cover the paths' corner cases (variables set and unset,
# ~ and ~user, '..' past the root, '//', relative paths).
HELPER_SCRIPT = r'''
export FOO=bar
unset NOPE
st() { echo "status=$?"; }
virtualenvwrapper_expandpath '~/a//b/../c/$HOME/${FOO}/$NOPE/${NOPE}x/$'; st
virtualenvwrapper_expandpath '//x/../../y/.'; st
virtualenvwrapper_expandpath '~root/z'; st
virtualenvwrapper_expandpath '~nosuchuser/z'; st
virtualenvwrapper_expandpath '../../a/./b/'; st
virtualenvwrapper_expandpath ''; st
mkdir -p "$HOME/w/x" && cd "$HOME/w/x"
virtualenvwrapper_absolutepath 'p/../q'; st
virtualenvwrapper_absolutepath '/a/./b//c/..'; st
virtualenvwrapper_absolutepath ''; st
cd "$HOME"
virtualenvwrapper_derive_workon_home; st
(WORKON_HOME='rel//x'; virtualenvwrapper_derive_workon_home); st
(WORKON_HOME='~/tilde'; virtualenvwrapper_derive_workon_home); st
virtualenvwrapper_verify_workon_home; st
(WORKON_HOME="$HOME/made"; virtualenvwrapper_verify_workon_home; st; ls -d "$HOME/made")
(WORKON_HOME="$HOME/quiet"; virtualenvwrapper_verify_workon_home -q; st)
virtualenvwrapper_verify_resource sh; st
virtualenvwrapper_verify_resource no-such-program-here; st
virtualenvwrapper_verify_virtualenv; st
(VIRTUALENVWRAPPER_VIRTUALENV=no-such-venv-tool; virtualenvwrapper_verify_virtualenv); st
virtualenvwrapper_verify_workon_environment nope; st
virtualenvwrapper_verify_active_environment; st
(unset PROJECT_HOME; virtualenvwrapper_verify_project_home); st
(PROJECT_HOME=/no/such/dir; virtualenvwrapper_verify_project_home); st
(PROJECT_HOME=/no/such/dir; virtualenvwrapper_verify_project_home -q); st
(PROJECT_HOME="$HOME"; virtualenvwrapper_verify_project_home); st
virtualenvwrapper_show_workon_options; st
f="$(virtualenvwrapper_tempfile demo)"; st
case "$f" in
    "$TMPDIR"/virtualenvwrapper-demo-??????????) echo tempfile-ok ;;
    *) echo "tempfile=$f" ;;
esac
[ -f "$f" ] && echo tempfile-exists
f="$(virtualenvwrapper_mktemp -d)"; st; [ -d "$f" ] && echo mktemp-dir
_lsvirtualenv_usage; st
_virtualenvwrapper_version; st
virtualenvwrapper_cd /; st; pwd
virtualenvwrapper_cd /no/such/dir 2>/dev/null; st; pwd
'''


@pytest.mark.parametrize("shell", SHELLS)
def test_helper_functions_match(pair, shell):
    vw, em = pair.both(shell, HELPER_SCRIPT)
    assert "tempfile-ok" in vw.stdout  # the reference really ran the script
    assert_same(vw, em)


@pytest.mark.parametrize("shell", SHELLS)
def test_show_workon_options_lists_envs_with_an_activate_script(pair, shell):
    script = r'''
for n in "b env" a .hidden c; do
    mkdir -p "$WORKON_HOME/$n/bin"; : > "$WORKON_HOME/$n/bin/activate"
done
mkdir -p "$WORKON_HOME/not-an-env"
virtualenvwrapper_show_workon_options; echo "status=$?"
'''
    vw, em = pair.both(shell, script)
    assert "b env" in vw.stdout.splitlines() and "status=0" in vw.stdout  # the reference ran
    assert_same(vw, em)


@pytest.mark.parametrize("shell", SHELLS)
def test_run_hook_runs_and_sources_what_virtualenvwrapper_does(pair, shell):
    # Hooks that log their name, arguments and working directory; each event is
    # raised by hand, as hook scripts and plugins raise them.
    script = r'''
log="$HOME/log"
mkdir -p "$WORKON_HOME/e/bin"
: > "$WORKON_HOME/e/bin/activate"
for h in premkvirtualenv precpvirtualenv prermvirtualenv postrmvirtualenv preactivate \
         get_env_details premkproject; do
    printf '#!/bin/sh\necho "%s $* | $(pwd)" >> "%s"\n' "$h" "$log" > "$WORKON_HOME/$h"
    chmod +x "$WORKON_HOME/$h"
done
for h in initialize postmkvirtualenv postcpvirtualenv postactivate predeactivate \
         postdeactivate postmkproject; do
    printf 'echo "%s sourced ${VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV:-}" >> "%s"\n' "$h" "$log" \
        > "$WORKON_HOME/$h"
done
for h in preactivate get_env_details; do
    printf '#!/bin/sh\necho "local %s $*" >> "%s"\n' "$h" "$log" > "$WORKON_HOME/e/bin/$h"
    chmod +x "$WORKON_HOME/e/bin/$h"
done
for h in postactivate predeactivate postdeactivate; do
    printf 'echo "local %s sourced" >> "%s"\n' "$h" "$log" > "$WORKON_HOME/e/bin/$h"
done
cd /
ev() { virtualenvwrapper_run_hook "$@"; echo "$* -> $?" >> "$log"; }
ev initialize
ev pre_mkvirtualenv e
ev post_mkvirtualenv
ev pre_cpvirtualenv e e2
ev post_cpvirtualenv
ev pre_rmvirtualenv "$WORKON_HOME/e"
ev post_rmvirtualenv "$WORKON_HOME/e"
ev pre_activate e
ev get_env_details e
ev post_deactivate e
ev project.pre_mkproject p
ev project.post_mkproject
mkdir -p "$HOME/proj/.virtualenvwrapper"
echo "$HOME/proj" > "$WORKON_HOME/e/.project"
for h in postactivate predeactivate; do
    printf 'echo "project %s sourced" >> "%s"\n' "$h" "$log" > "$HOME/proj/.virtualenvwrapper/$h"
done
VIRTUAL_ENV="$WORKON_HOME/e"
virtualenvwrapper_run_hook post_activate; echo "post_activate -> $?" >> "$log"
virtualenvwrapper_run_hook pre_deactivate; echo "pre_deactivate -> $?" >> "$log"
cat "$log"
ls "$WORKON_HOME/e/bin"
pwd
'''
    vw, em = pair.both(shell, script)
    assert "post_activate -> 0" in vw.stdout and "premkvirtualenv" in vw.stdout  # it ran
    assert_same(vw, em)


# Hook files that log their name, arguments, working directory and active env.
HOOK_LOGGERS = r'''
log="$HOME/log"
for h in premkvirtualenv premkproject preactivate prermvirtualenv postrmvirtualenv \
         get_env_details precpvirtualenv; do
    printf '#!/bin/sh\necho "%s [$#] $* | $(pwd) | ${VIRTUAL_ENV##*/}" >> "%s"\n' "$h" "$log" \
        > "$WORKON_HOME/$h"
    chmod +x "$WORKON_HOME/$h"
done
for h in postmkvirtualenv postmkproject postactivate predeactivate postdeactivate \
         postcpvirtualenv; do
    printf 'echo "%s | $PWD | ${VIRTUAL_ENV##*/} | %s" >> "%s"\n' \
        "$h" '${VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV:-}' "$log" > "$WORKON_HOME/$h"
done
'''


@pytest.mark.parametrize("shell", SHELLS)
def test_project_session_runs_the_same_hooks_in_the_same_order(pair, shell):
    script = HOOK_LOGGERS + r'''
export PROJECT_HOME="$HOME/my projects"
mkdir -p "$PROJECT_HOME"
mkproject --without-pip "p one" >/dev/null 2>&1; echo "mkproject=$? PWD=$PWD"
mkdir -p "$PROJECT_HOME/p one/.virtualenvwrapper"
for h in postactivate predeactivate; do
    echo "echo \"project $h | \$PWD\" >> \"\$HOME/log\"" \
        > "$PROJECT_HOME/p one/.virtualenvwrapper/$h"
done
cd /; deactivate
workon "p one"; echo "workon=$? PWD=$PWD"
cd /; cdproject; echo "cdproject=$? PWD=$PWD"
deactivate
lsvirtualenv -l
sed "s|$HOME|~|g" "$log"
'''
    vw, em = pair.both(shell, script)
    assert "mkproject=0" in vw.stdout
    # The one deliberate difference: virtualenvwrapper passes the project name to
    # premkproject unquoted, so a name with a space arrives as two arguments; envman
    # passes it whole.
    vw.stdout = vw.stdout.replace("premkproject [2] p one", "premkproject [1] p one")
    assert_same(vw, em)


@pytest.mark.parametrize("shell", SHELLS)
def test_cpvirtualenv_of_a_venv_outside_the_store(pair, shell):
    script = HOOK_LOGGERS + r'''
python3 -m venv --without-pip "$HOME/outside venv"
cd "$HOME"
cpvirtualenv "$HOME/outside venv" copied >/dev/null 2>&1; echo "cp=$? VE=${VIRTUAL_ENV#$HOME}"
python -c 'import sys; print(sys.prefix)'
deactivate
cpvirtualenv "$HOME/nothing here" x; echo "cp2=$?"
cpvirtualenv; echo "cp3=$?"
sed "s|$HOME|~|g" "$log"
'''
    vw, em = pair.both(shell, script)
    assert "cp=0" in vw.stdout
    assert_same(vw, em)
    # Better than virtualenv-clone, whose copy's activate still names the source:
    # envman rebuilds, so every script of the copy points at the copy.
    activate = (pair.store("em") / "copied" / "bin" / "activate").read_text()
    assert "outside venv" not in activate


@pytest.mark.parametrize("shell", SHELLS)
def test_mkvirtualenv_again_and_listing_with_spaces(pair, shell):
    # A store whose path has spaces, an env name with a space, mkvirtualenv over an
    # existing env (virtualenvwrapper re-runs its creator there: hooks, activation and
    # the env's packages all stay), and a creator that is not installed.
    script = r'''
export WORKON_HOME="$HOME/my envs"
mkdir -p "$WORKON_HOME"
mkvirtualenv --without-pip "an env" >/dev/null 2>&1; echo "mk=$? VE=${VIRTUAL_ENV#$HOME}"
echo marker > "$VIRTUAL_ENV/marker"
deactivate
mkvirtualenv --without-pip "an env" >/dev/null 2>&1; echo "again=$? VE=${VIRTUAL_ENV#$HOME}"
cat "$VIRTUAL_ENV/marker"
deactivate
mkvirtualenv --without-pip plain >/dev/null 2>&1; deactivate
echo "-- brief"; lsvirtualenv -b
echo "-- default"; lsvirtualenv
echo "-- long"; lsvirtualenv -l
VIRTUALENVWRAPPER_VIRTUALENV=no-such-creator mkvirtualenv other; echo "missing=$?"
ls "$WORKON_HOME"
'''
    vw, em = pair.both(shell, script)
    assert "again=0" in vw.stdout
    assert_same(vw, em)


@pytest.mark.parametrize("shell", SHELLS)
def test_the_users_own_creator_and_cloner(pair, shell):
    # VIRTUALENVWRAPPER_VIRTUALENV(_ARGS) and VIRTUALENVWRAPPER_VIRTUALENV_CLONE: the
    # named programs run as virtualenvwrapper runs them (virtualenv and virtualenv-clone
    # from the reference's venv, on PATH for both), options passed through.
    script = HOOK_LOGGERS + r'''
export VIRTUALENVWRAPPER_VIRTUALENV=virtualenv VIRTUALENVWRAPPER_VIRTUALENV_ARGS="--no-pip  -q"
export VIRTUALENVWRAPPER_VIRTUALENV_CLONE=virtualenv-clone
mkvirtualenv --no-setuptools made >/dev/null; echo "mk=$? VE=${VIRTUAL_ENV#$HOME}"
[ -e "$VIRTUAL_ENV/bin/pip" ] && echo has-pip
python -c 'import sys; print(sys.prefix)' | sed "s|$HOME|~|"
deactivate
cpvirtualenv made cloned >/dev/null; echo "cp=$? VE=${VIRTUAL_ENV#$HOME}"
deactivate
VIRTUALENVWRAPPER_VIRTUALENV_CLONE=no-such-cloner cpvirtualenv made other; echo "cp2=$?"
sed "s|$HOME|~|g" "$log"
'''
    vw, em = pair.both(shell, script)
    assert "mk=0" in vw.stdout and "cp=0" in vw.stdout
    assert_same(vw, em)
    # what the user's programs made is registered with envman like its own envs
    registry = (pair.store("em") / ".envman" / "registry.toml").read_text()
    assert "[envs.made]" in registry and "[envs.cloned]" in registry


@pytest.mark.parametrize("shell", SHELLS)
def test_hook_files_have_virtualenvwrapper_modes_and_content(pair, shell):
    # The global hook files loading creates and the env's own ones mkvirtualenv creates:
    # same names, modes (whatever the umask) and text.
    script = r'''
show() {
    for f in "$1"/*; do
        [ -f "$f" ] || continue
        case "${f##*/}" in
            initialize | pre* | post* | get_env_details) ;;
            *) continue ;;  # the creator's own files differ (virtualenv vs uv)
        esac
        printf '%s %s\n' "$(stat -c %a "$f")" "${f##*/}"
        sed "s|^|    |" "$f"
    done
}
echo "== store"; show "$WORKON_HOME"
umask 0002
mkvirtualenv --without-pip e >/dev/null 2>&1; echo "mk=$?"
echo "== env"; show "$VIRTUAL_ENV/bin"
'''
    vw, em = pair.both(shell, script)
    assert "mk=0" in vw.stdout and "755 premkvirtualenv" in vw.stdout
    assert_same(vw, em)


@pytest.mark.parametrize("shell", SHELLS)
def test_every_name_virtualenvwrapper_accepts(pair, shell):
    # Leading, trailing and repeated spaces, punctuation first, non-ASCII: made,
    # listed, activated, shown and removed as virtualenvwrapper does.
    script = r'''
for n in " lead" "trail " "two  spaces" "+plus" "@at" "été" "中片"; do
    mkvirtualenv --without-pip "$n" >/dev/null 2>&1; echo "mk [$n] $? [${VIRTUAL_ENV##*/}]"
    deactivate
done
lsvirtualenv -b
workon " lead"; echo "workon $? [${VIRTUAL_ENV##*/}]"
deactivate
showvirtualenv "two  spaces"; echo "show $?"
for n in " lead" "trail " "two  spaces" "+plus" "@at" "été" "中片"; do
    rmvirtualenv "$n" >/dev/null 2>&1; echo "rm [$n] $?"
done
ls -A "$WORKON_HOME" | grep -v -e '^pre' -e '^post' -e '^get_env_details$' -e '^initialize$' \
    || echo "store empty"
'''
    vw, em = pair.both(shell, script)
    assert "mk [ lead] 0 [ lead]" in vw.stdout
    # envman's own state directory is the one entry virtualenvwrapper's store lacks
    em.stdout = em.stdout.replace(".envman\n", "store empty\n")
    assert_same(vw, em)


def test_ksh_cd_works_where_virtualenvwrapper_cannot(pair):
    """A deliberate difference (README): in ksh93, 6.1.1's own virtualenvwrapper_cd runs
    `builtin cd`, which ksh93 refuses, so cdvirtualenv and the cd of workon into a
    project fail there; envman's work. (The other tests give 6.1.1 a shim for it.)"""
    script = ('mkdir -p "$HOME/proj"\n'
              'mkvirtualenv -a "$HOME/proj" e1 >/dev/null 2>&1\n'
              'deactivate; cd /\n'
              'workon e1 2>/dev/null; echo "workon=$? pwd=$PWD"\n'
              'cdvirtualenv 2>/dev/null; echo "cdvirtualenv=$? pwd=$PWD"\n')
    pair.prepare("ksh")
    vw = pair.run_one("vw", "ksh", script, ksh_shim=False)
    em = pair.run_one("em", "ksh", script)
    assert "cdvirtualenv=1 pwd=/\n" in vw.stdout, vw  # the reference's failure, as it is
    assert em.stdout == "workon=0 pwd=~/proj\ncdvirtualenv=0 pwd=~/.virtualenvs/e1\n", em

