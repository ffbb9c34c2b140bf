"""One definition of "an env", and one spelling of the store root, in every implementation.

The rule (store.py's is_env_dir; __envman_is_env in shell/envman.sh and envman.fish; the
completion files' globs): an entry of the store is an environment when it is a directory,
or a symlink to one, holding a pyvenv.cfg file, under a name not starting with a dot.

A table of directory shapes is checked against Python's listing (`envman ls --json`),
`workon` in bash, zsh and fish (and their no-argument listing), and name completion in
all three shells: each must find exactly the envs the rule names. Then the store root:
WORKON_HOME with trailing slashes, `~`, a relative path, `./`, `//` and a symlink must
give the same env path in Python (`envman path`) and as $VIRTUAL_ENV in the three shells.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import make_env, require_program

REPO = Path(__file__).resolve().parent.parent
SH_FILE = REPO / "shell" / "envman.sh"
FISH_FILE = REPO / "shell" / "envman.fish"
COMPLETIONS = REPO / "completions"
ZSH_CAPTURE = REPO / "tests" / "completion" / "zsh_capture.zsh"
HOOK = "#!/bin/sh\n# a virtualenvwrapper hook script, not an env\n"


def _real_venv(path: Path) -> Path:
    from envman.backends import find_uv

    subprocess.run([find_uv(), "venv", "-q", "--python", sys.executable, str(path)],
                   check=True, capture_output=True, timeout=120)
    return path


# name in the store -> (how to make it, is it an env?)
def _valid(store: Path, outside: Path, name: str) -> None:
    _real_venv(store / name)


def _no_pyvenv_cfg(store: Path, outside: Path, name: str) -> None:
    # what virtualenv < 20 made: bin/activate and bin/python, no pyvenv.cfg
    (_real_venv(store / name) / "pyvenv.cfg").unlink()


def _no_activate(store: Path, outside: Path, name: str) -> None:
    # virtualenv --activators python makes no bin/activate; envman never sources it
    scripts = list((_real_venv(store / name) / "bin").glob("activate*"))
    assert scripts, "a venv has activate scripts to take away"
    for script in scripts:
        script.unlink()


def _link_to_venv(store: Path, outside: Path, name: str) -> None:
    (store / name).symlink_to(_real_venv(outside / "target venv"))


def _link_elsewhere(store: Path, outside: Path, name: str) -> None:
    plain = outside / "plain dir"
    (plain / "bin").mkdir(parents=True)
    (plain / "bin" / "activate").write_text("# looks like an env, has no pyvenv.cfg\n")
    (store / name).symlink_to(plain)


def _dangling_link(store: Path, outside: Path, name: str) -> None:
    (store / name).symlink_to(outside / "nothing here")


def _file(store: Path, outside: Path, name: str) -> None:
    (store / name).write_text("pyvenv.cfg\n")


def _hook_file(store: Path, outside: Path, name: str) -> None:
    (store / name).write_text(HOOK)
    (store / name).chmod(0o755)


SHAPES = {
    "valid": (_valid, True),
    "no-pyvenv-cfg": (_no_pyvenv_cfg, False),
    "no-activate": (_no_activate, True),
    "link-to-venv": (_link_to_venv, True),
    "link-elsewhere": (_link_elsewhere, False),
    "dangling-link": (_dangling_link, False),
    "a-file": (_file, False),
    ".hidden": (_valid, False),
    "postactivate": (_hook_file, False),
}
ENVS = sorted(name for name, (_, is_env) in SHAPES.items() if is_env)


@pytest.fixture(scope="module")
def shaped(tmp_path_factory) -> tuple[Path, dict]:
    """A store holding one entry of each shape, and the environment to run in it."""
    root = tmp_path_factory.mktemp("shapes")
    (root / "home").mkdir()
    store, outside = root / "store", root / "outside"
    store.mkdir()
    outside.mkdir()
    for name, (make, _) in SHAPES.items():
        make(store, outside, name)
    return store, make_env(root, store)


# -- the implementations, each asked once for the whole table --------------------------
def python_listing(env: dict) -> list[str]:
    proc = subprocess.run([sys.executable, "-m", "envman", "ls", "--json"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return sorted(entry["name"] for entry in json.loads(proc.stdout))


SH_WORKON = r"""
\builtin source "$T_SH_FILE"
while IFS= read -r name; do
    if workon "$name" >/dev/null 2>&1; then
        printf 'workon\t%s\t%s\n' "$name" "$VIRTUAL_ENV"
        deactivate
    fi
done <<EOF
$T_NAMES
EOF
workon 2>/dev/null | while IFS= read -r name; do printf 'list\t%s\n' "$name"; done
"""

FISH_WORKON = r"""
source $T_FISH_FILE
for name in (string split \n -- $T_NAMES)
    if workon $name >/dev/null 2>&1
        printf 'workon\t%s\t%s\n' $name $VIRTUAL_ENV
        deactivate
    end
end
for name in (workon 2>/dev/null)
    printf 'list\t%s\n' $name
end
"""


def shell_workon(shell: str, env: dict, names: list[str]) -> tuple[dict, list[str]]:
    """{name: $VIRTUAL_ENV} for every name `workon` activates, and what bare `workon`
    lists, in a clean shell with the integration loaded."""
    argv = {"bash": ["bash", "--norc", "--noprofile", "-c", SH_WORKON],
            "zsh": ["zsh", "-f", "-c", SH_WORKON],
            "fish": ["fish", "--no-config", "--private", "-c", FISH_WORKON]}[shell]
    require_program(shell)
    env = dict(env, T_SH_FILE=str(SH_FILE), T_FISH_FILE=str(FISH_FILE), T_NAMES="\n".join(names))
    proc = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120,
                          cwd=env["HOME"], stdin=subprocess.DEVNULL)
    assert proc.stderr == "", proc.stderr
    activated, listed = {}, []
    for line in proc.stdout.splitlines():
        kind, *rest = line.split("\t")
        if kind == "workon":
            activated[rest[0]] = rest[1]
        else:
            listed.append(rest[0])
    return activated, listed


def completed_names(shell: str, env: dict) -> list[str]:
    """What TAB offers after `workon `."""
    require_program(shell)
    if shell == "bash":
        script = ('source "$T_COMP/envman.bash"; COMP_WORDS=(workon ""); COMP_CWORD=1; '
                  'COMP_LINE="workon "; COMP_POINT=7; COMPREPLY=(); __envman_comp_complete; '
                  "printf '%s\\n' \"${COMPREPLY[@]}\"")
        argv = ["bash", "--norc", "--noprofile", "-c", script]
    elif shell == "zsh":
        argv = ["zsh", "-f", str(ZSH_CAPTURE), str(COMPLETIONS), "workon "]
    else:
        script = ("source $T_COMP/envman.fish; "
                  "complete -C 'workon ' | string match -r '^[^\\t]*'")
        argv = ["fish", "--no-config", "--private", "-c", script]
    proc = subprocess.run(argv, env=dict(env, T_COMP=str(COMPLETIONS)), capture_output=True,
                          text=True, timeout=120, cwd=env["HOME"], stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr
    words = [w for w in proc.stdout.replace("\r", "").splitlines() if w and w != "END"]
    return sorted(set(words))


SHELLS = ["bash", "zsh", "fish"]


def test_python_lists_exactly_the_envs(shaped):
    store, env = shaped
    assert python_listing(env) == ENVS


@pytest.mark.parametrize("shell", SHELLS)
def test_workon_activates_exactly_the_envs(shaped, shell):
    store, env = shaped
    activated, listed = shell_workon(shell, env, list(SHAPES))
    assert activated == {name: str(store / name) for name in ENVS}
    assert sorted(listed) == ENVS


@pytest.mark.parametrize("shell", SHELLS)
def test_completion_offers_exactly_the_envs(shaped, shell):
    store, env = shaped
    assert completed_names(shell, env) == ENVS


# -- the store root -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def one_env_store(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("root")
    (root / "home" / "sub").mkdir(parents=True)
    store = root / "home" / "store"
    store.mkdir()
    _real_venv(store / "valid")
    (root / "home" / "link").symlink_to(store)
    return root


# WORKON_HOME as the user may write it -> the store's path relative to $HOME
ROOT_SPELLINGS = {
    "{home}/store/": "store",
    "{home}/store//": "store",
    "{home}//store": "store",
    "{home}/./store/.": "store",
    "~/store": "store",
    "~/store/": "store",
    "store": "store",
    "./store/": "store",
    "{home}/link": "link",  # a symlink is kept, not resolved: VIRTUAL_ENV goes through it
    "link/": "link",
    "sub/../store": "sub/../store",  # .. is kept too (resolving it would follow symlinks)
}


@pytest.mark.parametrize("spelling", ROOT_SPELLINGS)
def test_store_root_is_spelled_the_same_everywhere(one_env_store, spelling):
    home = one_env_store / "home"
    env = make_env(one_env_store, home / "unused")
    env["WORKON_HOME"] = spelling.format(home=home)
    want = f"{home}/{ROOT_SPELLINGS[spelling]}/valid"
    proc = subprocess.run([sys.executable, "-m", "envman", "path", "valid"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, want + "\n", "")
    for shell in SHELLS:
        activated, listed = shell_workon(shell, env, ["valid"])
        assert activated == {"valid": want}, shell
        assert listed == ["valid"], shell
        assert completed_names(shell, env) == ["valid"], shell
