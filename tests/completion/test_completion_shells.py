"""Completion in the real shells: bash (COMP_WORDS/COMP_CWORD and the function), zsh (a
real compsys run in a pseudo-terminal, zsh_capture.zsh) and fish (`complete -C`).

The store is made of fake envs (a directory with pyvenv.cfg is an env), plus what must
never be offered: envman's .envman state dir (with a corrupt registry: completion must not
care), a virtualenvwrapper hook file and a directory without pyvenv.cfg. Every run checks
that nothing is written to stderr.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.support import HOSTILE, require_program

COMPLETIONS = Path(__file__).resolve().parents[2] / "completions"
HERE = Path(__file__).resolve().parent
ENVS = ["foo", "foobar", "my env", "zeta"]


def make_store(root: Path, names=ENVS) -> Path:
    store = root / "store"
    store.mkdir()
    for name in names:
        (store / name).mkdir()
        (store / name / "pyvenv.cfg").write_text("home = /usr/bin\nversion = 3.12.1\n")
    state = store / ".envman"
    state.mkdir()
    (state / "registry.toml").write_text("this is [[[ not toml")
    (store / "postactivate").write_text("# a virtualenvwrapper hook, not an env\n")
    (store / "notanenv").mkdir()
    return store


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return make_store(tmp_path)


@pytest.fixture
def venv(tmp_path: Path) -> Path:
    """An activated env's layout, for cdvirtualenv and cdsitepackages."""
    root = tmp_path / "active"
    site = root / "lib" / "python3.12" / "site-packages"
    for sub in ("bin", "include", site / "requests", site / "rich"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    return root


def fake_pyenv(root: Path) -> Path:
    """A pyenv versions directory holding 3.9.7: -p offers 3.9.7 and 3.9."""
    pyenv = root / "pyenv"
    (pyenv / "versions" / "3.9.7").mkdir(parents=True)
    return pyenv


def _env(store: Path, **extra) -> dict:
    env = dict(os.environ, WORKON_HOME=str(store), HOME=str(store.parent))
    env.pop("VIRTUAL_ENV", None)
    env.update(extra)
    return env


# -- bash -------------------------------------------------------------------------------
BASH_DRIVER = r"""
set -euo pipefail       # completion must work under the strictest user settings
shopt -s failglob       # ... and print no "no match" error
# twice is harmless; inside a function, as shell/envman.sh loads it on the first TAB
load() { source "$COMPLETIONS/envman.bash"; source "$COMPLETIONS/envman.bash"; }
load
for line in "$@"; do
    read -r -a COMP_WORDS <<< "$line"
    # a trailing space means a new, empty word
    [[ $line == *' ' ]] && COMP_WORDS+=('')
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMP_LINE=$line
    COMP_POINT=${#line}
    COMPREPLY=()
    __envman_comp_complete
    printf '%s\n' "${COMPREPLY[@]}" END
done
"""


def run_bash(script: str, store: Path, **extra) -> subprocess.CompletedProcess:
    """Run a bash script (no rc files) against the store, with $COMPLETIONS set."""
    require_program("bash")
    return subprocess.run(["bash", "--norc", "--noprofile", "-c", script],
                          env=_env(store, COMPLETIONS=str(COMPLETIONS), **extra),
                          capture_output=True, text=True, timeout=120)


def bash_complete(store: Path, *lines: str, raw_words: list[str] | None = None,
                  **extra) -> list[list[str]]:
    """COMPREPLY for each command line (words split on spaces, like COMP_WORDBREAKS)."""
    require_program("bash")
    proc = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", BASH_DRIVER, "bash", *lines],
        env=_env(store, COMPLETIONS=str(COMPLETIONS), **extra),
        capture_output=True, text=True, timeout=60)
    assert proc.stderr == "" and proc.returncode == 0, proc.stderr
    return _split(proc.stdout)


def _split(out: str) -> list[list[str]]:
    groups, current = [], []
    for line in out.splitlines():
        if line == "END":
            groups.append([w for w in current if w])
            current = []
        else:
            current.append(line)
    return groups


def bash_words(store: Path, words: list[str], **extra) -> list[str]:
    """COMPREPLY for exact COMP_WORDS (for words holding quotes or spaces)."""
    require_program("bash")
    script = ('set -eu; source "$COMPLETIONS/envman.bash"; COMP_WORDS=("$@"); '
              'COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; '
              "COMPREPLY=(); __envman_comp_complete; printf '%s\\n' \"${COMPREPLY[@]}\"")
    proc = subprocess.run(["bash", "--norc", "--noprofile", "-c", script, "bash", *words],
                          env=_env(store, COMPLETIONS=str(COMPLETIONS), **extra),
                          capture_output=True, text=True, timeout=60)
    assert proc.stderr == "" and proc.returncode == 0, proc.stderr
    return [w for w in proc.stdout.splitlines() if w]


def test_bash_subcommands_options_and_env_names(store):
    subs, opts, prefix, every, workon, rm_more, new = bash_complete(
        store, "envman sh", "envman rm -", "envman show f", "envman path ", "workon ",
        "envman rm foo ", "envman new ")
    assert subs == ["show"]
    assert {"-y", "--yes", "-h", "--help"} <= set(opts)
    assert prefix == ["foo", "foobar"]
    assert every == ENVS  # no .envman, no hook file, no dir without pyvenv.cfg
    assert workon == ENVS
    assert rm_more == ENVS  # rm takes several
    assert new == []  # a new name: nothing to offer


def test_bash_name_with_a_space_is_one_word(store):
    assert bash_words(store, ["workon", "my"]) == ["my env"]
    assert bash_words(store, ["workon", "'my"]) == ["my env"]
    assert bash_words(store, ["envman", "show", "my\\ e"]) == ["my env"]


def test_bash_project_subcommands_and_value_options(store, tmp_path):
    (tmp_path / "reqs.txt").write_text("")
    project, backend, python, reqs, eq = bash_complete(
        store, "envman project s", "envman new x --backend ", "envman new x -p 3.9",
        f"envman new x -r {tmp_path}/re", "envman new x --backend = v",
        PYENV_ROOT=str(fake_pyenv(tmp_path)))
    assert project == ["set", "show"]
    assert backend == ["uv", "venv"]
    assert {"3.9.7", "3.9"} <= set(python)
    assert reqs == [f"{tmp_path}/reqs.txt"]
    assert eq == ["venv"]


def test_bash_shell_functions(store, venv):
    cp_first, cp_second, cdv, cds, mkv = bash_complete(
        store, "cpvirtualenv f", "cpvirtualenv foo ", "cdvirtualenv ", "cdsitepackages r",
        "mkvirtualenv -", VIRTUAL_ENV=str(venv))
    assert cp_first == ["foo", "foobar"]
    assert cp_second == []
    assert cdv == ["bin/", "include/", "lib/"]
    assert cds == ["requests/", "rich/"]
    assert {"-a", "-i", "-r", "-p", "--python"} <= set(mkv)


def test_bash_missing_and_empty_store(tmp_path):
    missing = tmp_path / "nowhere"
    (tmp_path / "empty").mkdir()
    assert bash_words(tmp_path / "empty", ["workon", ""]) == []
    assert bash_words(missing, ["envman", "show", ""]) == []


# The file's first part completes the first argument of a command taking an env name
# without parsing the line (its fast path); its second part, read on the first TAB that
# needs it, parses the line in general. Both must offer the same.
FAST_PATH_LINES = ["workon ", "workon f", "workon 'my", "workon my\\ e", "workon -",
                   "workon --", "showvirtualenv ", "rmvirtualenv foo ", "cpvirtualenv f",
                   "setvirtualenvproject ", "envman show f", "envman rm ", "envman rm -",
                   "envman project set ", "envman project show f", "envman cp foo ",
                   "envman run foo ", "/usr/bin/envman show ", "envman sh", "envman ",
                   "mkvirtualenv ", "workon . "]


def test_bash_fast_path_offers_what_the_general_parser_does(store):
    script = ('source "$COMPLETIONS/envman.bash"\n'
              'tab() { read -r -a COMP_WORDS <<< "$1"; [[ $1 == *" " ]] && COMP_WORDS+=("")\n'
              '  COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=(); "$2"\n'
              '  printf "%s\\n" "${COMPREPLY[@]}" | LC_ALL=C sort | paste -sd, -; }\n'
              'for line in "${LINES_[@]}"; do tab "$line" __envman_comp_complete; done\n'
              'echo ---\n'
              '__envman_comp_load_more || exit 1\n'
              'for line in "${LINES_[@]}"; do tab "$line" __envman_comp_general; done\n')
    lines = "LINES_=(" + " ".join("'" + x.replace("'", "'\\''") + "'" for x in FAST_PATH_LINES)
    proc = run_bash(lines + ")\n" + script, store)
    assert proc.stderr == "" and proc.returncode == 0, proc.stderr
    fast, general = proc.stdout.split("---\n")
    assert fast.splitlines() == general.splitlines()
    assert fast.splitlines()[0] == ",".join(ENVS)


def test_bash_second_part_loads_from_a_relative_path(store):
    """The file read from a relative path, the shell then elsewhere: the first TAB that
    needs the second part still finds the file; sourcing it again reads a fresh one."""
    script = ('cd "$COMPLETIONS/.."; source completions/envman.bash; cd /\n'
              'tab() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMPREPLY=()\n'
              '  __envman_comp_complete; local IFS=,; echo "${COMPREPLY[*]}"; }\n'
              'tab envman sh; tab workon f; echo "${__envman_comp_more_loaded:-none}"\n'
              'cd "$COMPLETIONS"; source ./envman.bash; cd /\n'
              'echo "${__envman_comp_more_loaded:-none}"; tab envman project s; pwd\n')
    proc = run_bash(script, store)
    assert (proc.stdout.splitlines(), proc.stderr) == (
        ["show", "foo,foobar", "1", "none", "set,show", "/"], "")


def test_bash_second_part_read_by_the_tab_that_needs_it(store, tmp_path):
    """Read inside a TAB (as the lazy loaders do) that needs the second part, the file is
    read whole at once; read for an env name, the second part waits for the first TAB
    needing it, which reads it alone, or the whole file again once it has changed."""
    copy = tmp_path / "envman.bash"
    copy.write_text((COMPLETIONS / "envman.bash").read_text())
    script = ('lazy() { source "$FILE"; __envman_comp_complete; local IFS=,\n'
              '  echo "${__envman_comp_more_loaded:-none} ${COMPREPLY[*]}"; }\n'
              'tab() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); }\n'
              'tab envman sh; lazy; tab workon f; lazy\n'
              'tab envman project s; __envman_comp_complete; echo "${COMPREPLY[*]}"\n'
              'tab workon f; lazy; { echo "# moved"; cat "$FILE"; } > "$FILE.new"\n'
              'mv "$FILE.new" "$FILE"; tab envman sh; __envman_comp_complete\n'
              'echo "${__envman_comp_more_loaded:-none} ${COMPREPLY[*]}"\n')
    proc = run_bash(script, store, FILE=str(copy))
    assert (proc.stdout.splitlines(), proc.stderr) == (
        ["1 show", "none foo,foobar", "set show", "none foo,foobar", "1 show"], "")


def test_bash_leaves_user_glob_settings_alone(store):
    script = ('source "$COMPLETIONS/envman.bash"; shopt -s dotglob nocasematch; set -f; '
              'export GLOBIGNORE=x; COMP_WORDS=(workon ""); COMP_CWORD=1; __envman_comp_complete; '
              'shopt -q dotglob && [[ $- == *f* ]] && ! shopt -q nullglob && shopt -q nocasematch '
              '&& [[ $(declare -p GLOBIGNORE) == "declare -x GLOBIGNORE=\\"x\\"" ]] && echo kept')
    proc = run_bash(script, store)
    assert (proc.stdout, proc.stderr) == ("kept\n", "")


# -- zsh --------------------------------------------------------------------------------
def zsh_complete(store: Path, *lines: str, **extra) -> list[list[str]]:
    require_program("zsh")
    proc = subprocess.run(
        ["zsh", "-f", str(HERE / "zsh_capture.zsh"), str(COMPLETIONS), *lines],
        env=_env(store, **extra), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.replace("\r", "")
    assert "error" not in out.lower() and "command not found" not in out, out
    return [sorted(set(g)) for g in _split(out)]


def test_zsh_compsys(store, venv, tmp_path):
    (tmp_path / "reqs.txt").write_text("")
    subs, opts, prefix, space, project, backend, cdv, python, reqs = zsh_complete(
        store, "envman sh", "envman rm -", "envman show f", "workon my", "envman project s",
        "envman new x --backend ", "cdvirtualenv ", "envman new x -p 3.9",
        f"envman new x -r {tmp_path}/re", VIRTUAL_ENV=str(venv),
        PYENV_ROOT=str(fake_pyenv(tmp_path)))
    assert {"3.9.7", "3.9"} <= set(python)
    assert reqs == ["reqs.txt"]
    assert subs == ["show"]
    assert {"-y", "--yes"} <= set(opts)
    assert prefix == ["foo", "foobar"]
    assert space == ["my\\ env"]  # one word, quoted by compadd
    assert project == ["set", "show"]
    assert backend == ["uv", "venv"]
    assert {"bin", "include", "lib"} <= set(cdv)


def test_zsh_empty_and_missing_store(tmp_path):
    (tmp_path / "empty").mkdir()
    assert zsh_complete(tmp_path / "empty", "workon ") == [[]]
    assert zsh_complete(tmp_path / "missing", "envman show ") == [[]]


# -- fish -------------------------------------------------------------------------------
def fish_complete(store: Path, *lines: str, **extra) -> list[list[str]]:
    require_program("fish")
    script = (f"source {COMPLETIONS}/envman.fish; source {COMPLETIONS}/envman.fish; "
              "for line in $argv; complete -C $line | string replace -r '\\t.*' ''; "
              "echo END; end")
    proc = subprocess.run(["fish", "--no-config", "--private", "-c", script, *lines],
                          env=_env(store, **extra), capture_output=True, text=True,
                          timeout=60)
    assert proc.stderr == "" and proc.returncode == 0, proc.stderr
    return _split(proc.stdout)


def test_fish_complete(store, venv, tmp_path):
    (tmp_path / "reqs.txt").write_text("")
    subs, opts, prefix, space, project, backend, cdv, run_cmd, python, reqs = fish_complete(
        store, "envman sh", "envman rm -", "envman show f", "workon my", "envman project s",
        "envman new x --backend ", "cdvirtualenv ", "envman run foo -- bas",
        "envman new x -p 3.9", f"envman new x -r {tmp_path}/re",
        VIRTUAL_ENV=str(venv), PYENV_ROOT=str(fake_pyenv(tmp_path)))
    assert {"3.9.7", "3.9"} <= set(python)
    assert reqs == [f"{tmp_path}/reqs.txt"]
    assert subs == ["show"]
    assert {"-y", "--yes"} <= set(opts)
    assert prefix == ["foo", "foobar"]
    assert space == ["my env"]  # fish quotes it on insertion
    assert project == ["set", "show"]
    assert backend == ["uv", "venv"]
    assert cdv == ["bin/", "include/", "lib/"]
    assert "bash" in run_cmd


def test_fish_empty_and_missing_store(tmp_path):
    (tmp_path / "empty").mkdir()
    assert fish_complete(tmp_path / "empty", "workon ") == [[]]
    assert fish_complete(tmp_path / "missing", "envman show ") == [[]]


def test_fish_stubs_load_completion_on_the_first_tab(store):
    """shell/envman.fish only puts completions/fish/ on $fish_complete_path: nothing is
    loaded until a command's first TAB autoloads its stub, which sources envman.fish.
    (fish autoloads completions only for commands that exist: define them, as the
    integration does.)"""
    require_program("fish")
    script = ("for f in envman workon mkvirtualenv; function $f; end; end; "
              f"set -p fish_complete_path {COMPLETIONS}/fish; "
              "set -q __envman_comp_loaded; and echo loaded-at-start; "
              "for line in 'workon f' 'mkvirtualenv --w' 'envman sh'; "
              "complete -C $line | string replace -r '\\t.*' ''; end")
    proc = subprocess.run(["fish", "--no-config", "--private", "-c", script],
                          env=_env(store), capture_output=True, text=True, timeout=60)
    assert (proc.stdout.splitlines(), proc.stderr) == (
        ["foo", "foobar", "--without-pip", "show"], "")


# For a plain word, only the names starting with it (in any case) are handed to fish: fish
# shows only its best kind of match, so what it shows must not change. Each line's
# candidates are compared with those of a command offering all the names as a fixed list.
FISH_PREFIX_DRIVER = r"""
source $COMPLETIONS/envman.fish
function __plain; end
function same
    set -l got (complete -C "workon $argv[1]" | string replace -r '\t.*' '')
    set -l want (complete -C "__plain $argv[1]")
    test "$got" = "$want"; or echo "workon $argv[1]: got [$got], want [$want]"
    echo (count $got)
end
complete -c __plain -f -a '$__plain_names'
function plain; set -g __plain_names (path dirname $WORKON_HOME/*/pyvenv.cfg | path basename); end
plain
for word in fo foo foob foob fo FO Foo oo ob xf zz f \'fo '"fo' my 'my\ e' ''
    same $word
end
mkdir $WORKON_HOME/fooNew; touch $WORKON_HOME/fooNew/pyvenv.cfg; plain
same foo
rm -r $WORKON_HOME/Foobar; plain
same foo
same fo
"""


def test_fish_plain_word_offers_what_fish_would_show(tmp_path):
    require_program("fish")
    store = make_store(tmp_path, names=["foo", "Foobar", "foobaz", "xfoo", "zeta", "my env"])
    proc = subprocess.run(["fish", "--no-config", "--private", "-c", FISH_PREFIX_DRIVER],
                          env=_env(store, COMPLETIONS=str(COMPLETIONS)),
                          capture_output=True, text=True, timeout=60)
    assert proc.stderr == "" and proc.returncode == 0, proc.stderr
    # (the counts, as fish shows them: "fo" and "FO" 3, "Foo" 1, "oo" 4 (containing it))
    assert proc.stdout.split() == [
        "3", "3", "2", "2", "3", "3", "1", "4", "2", "1", "0", "3", "3", "3", "1", "1", "6",
        "4", "3", "3"], proc.stdout


# -- the env names are kept between TABs: they must follow every change of the store ----
# All names after each step of the *_CACHE_DRIVER scripts (and the zsh test's lines).
CACHE_STEPS = [
    "foo,foobar,my env,zeta",
    "foo,foobar,my env,zeta",        # mkdir new: half-created, not an env yet
    "foo,foobar,my env,new,zeta",    # new/pyvenv.cfg: now it is
    "foo,foobar,my env,new,zeta",    # unchanged store (cached)
    "alpha,foo,foobar,my env,new",   # zeta renamed alpha
    "alpha,foobar,my env,new",       # foo removed
]

CACHE_DRIVER = r"""
source "$COMPLETIONS/envman.bash"
# (in sorted order, as readline shows them: kept names are not kept sorted)
names() { COMP_WORDS=(workon ""); COMP_CWORD=1; COMPREPLY=(); __envman_comp_complete;
          printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | paste -sd, -; }
names
mkdir "$WORKON_HOME/new"; names
: >"$WORKON_HOME/new/pyvenv.cfg"; names
names
mv "$WORKON_HOME/zeta" "$WORKON_HOME/alpha"; names
rm -r "$WORKON_HOME/foo"; names
WORKON_HOME=$OTHER names                              # another store
echo "$PWD"
"""

FISH_CACHE_DRIVER = r"""
source $COMPLETIONS/envman.fish
function names; complete -C 'workon ' | string replace -r '\t.*' '' | string join ,; end
names
mkdir $WORKON_HOME/new; names
touch $WORKON_HOME/new/pyvenv.cfg; names
names
mv $WORKON_HOME/zeta $WORKON_HOME/alpha; names
rm -r $WORKON_HOME/foo; names
WORKON_HOME=$OTHER names
"""


def run_cache_driver(argv: list[str], store: Path, tmp_path: Path) -> list[str]:
    """Run a *_CACHE_DRIVER in tmp_path, with a second store named "other" in $OTHER."""
    require_program(argv[0])
    (tmp_path / "o").mkdir()
    other = make_store(tmp_path / "o", names=["other"])
    proc = subprocess.run(argv, env=_env(store, COMPLETIONS=str(COMPLETIONS), OTHER=str(other)),
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.stderr == ""
    return proc.stdout.splitlines()


@pytest.mark.parametrize("stray_dir", [True, False], ids=["stray-dir", "envs-and-hooks"])
def test_bash_env_names_follow_the_store(store, tmp_path, stray_dir):
    """With a directory that is no env the names are re-read on every TAB; without one
    (envs and hook files, as envman leaves a store) they are kept and updated."""
    if not stray_dir:
        (store / "notanenv").rmdir()
    assert run_cache_driver(["bash", "--norc", "-c", CACHE_DRIVER], store, tmp_path) == [
        *CACHE_STEPS, "other",
        str(tmp_path),  # completion came back to the user's directory
    ]


# A store as envman leaves it (envs and virtualenvwrapper's hook files, no stray directory),
# so the names are kept and brought up to date from the entries that changed. Each step
# makes 0-3 random changes (seeded), then a TAB's names are compared with the store's
# envs listed by a plain loop. Names chosen to sort around each other ("a" < "a b" < "a-b"
# < "a.c" < "ab", while "a/pyvenv.cfg" sorts after them), to differ only in case, and to
# trip quoting and globbing; now and then the store is emptied. The TAB runs under the
# user's options in $OPTS, which must be as they were after it.
CHURN_DRIVER = r"""
set -euo pipefail
source "$COMPLETIONS/envman.bash"
eval "__churn_$(declare -f __envman_comp_names_rebuild)"
rebuilds=0 empties=0
__envman_comp_names_rebuild() {
    rebuilds=$((rebuilds + 1))
    __churn___envman_comp_names_rebuild "$@"
}
pool=(a 'a b' a-b a.c ab 'b*' '[x]' "m'q" 'sp ace ' pyvenv.cfg
      env1 env10 zz '~t' -d Foo foo)
files=(a+ 'a b.txt' hook '[h]' hook.log)  # never envs: one name turning from file to env
                                          # between two TABs leaves the entries as they were
cd "$WORKON_HOME"
for ((i = 0; i < 40; i++)); do mkdir "env-$i"; : >"env-$i/pyvenv.cfg"; done
: >postactivate; : >premkvirtualenv
RANDOM=$SEED
pick() { name=${pool[RANDOM % ${#pool[@]}]}; }
change() {
    pick
    case $((RANDOM % 25)) in
        0) rm -rf -- *; empties=$((empties + 1)) ;;                              # emptied
        [1-8]) [[ -e $name ]] || { mkdir -- "$name"; : >"$name/pyvenv.cfg"; } ;;
        9 | 10 | 11 | 12) rm -rf -- "$name" "${files[RANDOM % ${#files[@]}]}" ;;
        13 | 14 | 15 | 16) local from=$name; pick                                # renamed
           [[ -e $from && ! -e $name ]] && mv -- "$from" "$name" ;;
        17 | 18 | 19) name=${files[RANDOM % ${#files[@]}]}; : >"$name" ;;        # a file
        *) rm -rf -- "env-$((RANDOM % 40))" ;;                                  # in the middle
    esac
    return 0
}
options() {
    echo "$- $(shopt -p nocasematch failglob nullglob dotglob extglob || :) ${GLOBIGNORE-unset}"
}
for ((step = 0; step < 300; step++)); do
    for ((c = RANDOM % 4; c > 0; c--)); do change; done
    # A prefix first: "env-" matches many (taken from the kept names when they are a run
    # of them), "a" a few (a test each). The kept names are brought up to date only by the
    # TAB listing every name below: these see the changes before it does.
    for prefix in env- a; do
        COMP_WORDS=(workon "$prefix"); COMP_CWORD=1; COMPREPLY=()
        eval "$OPTS"
        __envman_comp_complete
        shopt -u nocasematch failglob extglob; set +f; unset GLOBIGNORE
        got=$(printf '%s\n' ${COMPREPLY[@]+"${COMPREPLY[@]}"} | LC_ALL=C sort)
        want=(); for d in "$prefix"*; do if [[ -e $d/pyvenv.cfg ]]; then want+=("$d"); fi; done
        want=$(printf '%s\n' ${want[@]+"${want[@]}"} | LC_ALL=C sort)
        [[ $got == "$want" && ${#COMPREPLY[@]} -eq $(grep -c . <<<"$want" || :) ]] \
            || { printf 'step %s %s: got [%s] want [%s]\n' "$step" "$prefix" "$got" "$want"; exit 1; }
    done
    COMP_WORDS=(workon ''); COMP_CWORD=1; COMPREPLY=()
    eval "$OPTS"
    before=$(options)
    __envman_comp_complete
    after=$(options)
    shopt -u nocasematch failglob extglob; set +f; unset GLOBIGNORE
    [[ $before == "$after" ]] || { echo "step $step: options [$before] became [$after]"; exit 1; }
    got=$(printf '%s\n' ${COMPREPLY[@]+"${COMPREPLY[@]}"} | LC_ALL=C sort)
    want=() ; for d in *; do if [[ -e $d/pyvenv.cfg ]]; then want+=("$d"); fi; done
    want=$(printf '%s\n' ${want[@]+"${want[@]}"} | LC_ALL=C sort)
    [[ $got == "$want" && ${#COMPREPLY[@]} -eq $(grep -c . <<<"$want" || :) ]] \
        || { printf 'step %s: got [%s] want [%s]\n' "$step" "$got" "$want"; exit 1; }
done
echo "rebuilds $rebuilds empties $empties"
"""

USER_OPTIONS = "shopt -s nocasematch failglob extglob; set -f; GLOBIGNORE='hook.log:postactivate'"


@pytest.mark.parametrize("seed,opts", [(1, ""), (2, ""), (3, USER_OPTIONS), (4, USER_OPTIONS)])
def test_bash_cached_names_follow_random_changes(tmp_path, seed, opts):
    store = tmp_path / "store"
    store.mkdir()
    proc = run_bash(CHURN_DRIVER, store, SEED=str(seed), OPTS=opts)
    assert (proc.returncode, proc.stderr) == (0, ""), proc.stdout
    _, rebuilds, _, empties = proc.stdout.split()
    # The first TAB builds the names, and so may the two TABs around an emptied store (an
    # empty listing has nothing to compare); every other change is applied, not rebuilt
    # from scratch (the lists are never far apart here).
    assert 1 <= int(rebuilds) <= 1 + 2 * int(empties) <= 41, proc.stdout


def test_bash_names_ignore_the_users_globignore(tmp_path):
    """The user's GLOBIGNORE must not hide entries from the store's listing: with
    hook.log hidden, counting it would pass the half-made env b for a file, the names
    would be kept, and b would never be offered once its pyvenv.cfg appears."""
    store = make_store(tmp_path, names=["a"])
    (store / "notanenv").rename(store / "b")
    (store / "hook.log").write_text("")
    driver = ('source "$COMPLETIONS/envman.bash"; GLOBIGNORE=hook.log\n'
              'names() { COMP_WORDS=(workon ""); COMP_CWORD=1; COMPREPLY=(); '
              '__envman_comp_complete; local IFS=,; echo "${COMPREPLY[*]}"; }\n'
              'names; : >"$WORKON_HOME/b/pyvenv.cfg"; names; echo "$GLOBIGNORE"\n')
    proc = run_bash(driver, store)
    assert (proc.stdout.split(), proc.stderr) == (["a", "a,b", "hook.log"], "")


# fish and zsh keep the names while the store's mtime is unchanged, once it is 2 s old.
# Each step: the names offered, then what the TAB after it must offer. $OLD is a time in
# the past; `touch -d @$OLD` makes the store's mtime settled (or puts it back after a
# change, which no real change does: then the kept names are offered, showing they were
# used without listing the store).
SETTLED_STEPS = [
    ("touch -d @$OLD $WORKON_HOME", "foo,foobar,my env,zeta"),            # kept
    ("mkdir $WORKON_HOME/new; touch $WORKON_HOME/new/pyvenv.cfg", "foo,foobar,my env,new,zeta"),
    ("touch -d @$OLD $WORKON_HOME", "foo,foobar,my env,new,zeta"),        # kept again
    ("mkdir $WORKON_HOME/hid; touch $WORKON_HOME/hid/pyvenv.cfg; touch -d @$OLD $WORKON_HOME",
     "foo,foobar,my env,new,zeta"),                                      # mtime unmoved
    ("rm -r $WORKON_HOME/foo", "foobar,hid,my env,new,zeta"),             # moved: listed
    ("touch -d @$OLD $WORKON_HOME; mkdir $WORKON_HOME/half", "foobar,hid,my env,new,zeta"),
    ("touch -d @$OLD $WORKON_HOME", "foobar,hid,my env,new,zeta"),        # a stray dir:
    ("touch $WORKON_HOME/half/pyvenv.cfg", "foobar,half,hid,my env,new,zeta"),  # not kept
]


@pytest.mark.parametrize("shell", ["fish", "zsh"])
def test_names_kept_while_the_settled_store_mtime_is_unchanged(store, shell):
    (store / "notanenv").rmdir()
    old = str(int(os.stat(store).st_mtime) - 60)
    if shell == "fish":
        lines = ["workon "]
        for command, _ in SETTLED_STEPS:
            lines += ["!" + command, "workon "]
        require_program("fish")
        script = (f"source {COMPLETIONS}/envman.fish; for line in $argv; "
                  "if string match -q '!*' -- $line; eval (string sub -s 2 -- $line); "
                  "else; complete -C $line | string replace -r '\\t.*' '' "
                  "| string join ,; end; end")
        proc = subprocess.run(["fish", "--no-config", "--private", "-c", script, *lines],
                              env=_env(store, OLD=old), capture_output=True, text=True,
                              timeout=60)
        assert proc.stderr == "" and proc.returncode == 0, proc.stderr
        got = proc.stdout.splitlines()
    else:
        lines = ["workon "]
        for command, _ in SETTLED_STEPS:
            lines += ["!" + command.replace("$OLD", old).replace("$WORKON_HOME", str(store)),
                      "workon "]
        got = [",".join(n.replace("\\ ", " ") for n in names)
               for names in zsh_complete(store, *lines)]
    assert got == ["foo,foobar,my env,zeta"] + [want for _, want in SETTLED_STEPS]


def test_fish_env_names_follow_the_store(store, tmp_path):
    argv = ["fish", "--no-config", "--private", "-c", FISH_CACHE_DRIVER]
    assert run_cache_driver(argv, store, tmp_path) == [*CACHE_STEPS, "other"]


def test_zsh_env_names_follow_the_store(store):
    w = str(store)
    assert zsh_complete(
        store, "workon ", f"!mkdir {w}/new", "workon ", f"!: > {w}/new/pyvenv.cfg",
        "workon ", "workon ", f"!mv {w}/zeta {w}/alpha", "workon ", f"!rm -r {w}/foo",
        "workon ") == [sorted(n.replace(" ", "\\ ") for n in step.split(","))
                       for step in CACHE_STEPS]  # compadd quotes "my env"


# -- names envman would refuse, found in an old virtualenvwrapper store ------------------
@pytest.fixture
def hostile_store(tmp_path: Path) -> Path:
    return make_store(tmp_path, names=[HOSTILE])


def test_bash_hostile_legacy_name_is_one_candidate(hostile_store):
    assert bash_words(hostile_store, ["showvirtualenv", ""]) == [HOSTILE]
    assert bash_complete(hostile_store, "envman show ")[0] == [HOSTILE]  # cached path too


def test_zsh_hostile_legacy_name_is_one_candidate(hostile_store):
    [matches] = zsh_complete(hostile_store, "showvirtualenv ")
    assert len(matches) == 1 and "e-" in matches[0]  # one word, quoted by compadd


def test_fish_hostile_legacy_name_is_one_candidate(hostile_store):
    assert fish_complete(hostile_store, "showvirtualenv ") == [[HOSTILE]]


def test_bash_store_relative_to_home(store):
    # WORKON_HOME=store (relative) means $HOME/store, as in envman's store.py
    assert bash_words(store, ["workon", "z"], WORKON_HOME="store") == ["zeta"]
    assert bash_words(store, ["workon", "z"], WORKON_HOME="~/store") == ["zeta"]

