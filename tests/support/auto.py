"""A store, project directories and a script builder for the auto-activation tests.

The projects cover the .venv rules (a symlink into the store, a .venv file, a registered
project in the store's project index, a project-local venv, broken ones), under the
hostile directory name the store lives in. Scenarios are written once as a list of
steps and turned into bash/zsh or fish code here, each step followed by what a prompt
runs (bash: PROMPT_COMMAND as it stands; zsh: precmd_functions, chpwd fired by the
shell itself; fish: the fish_prompt event, the PWD event fired by fish itself).

ENVMAN_PROGRAM is the real envman behind a wrapper that logs its calls to $T_CALLS, one
line each; $T_TRUST is the trust list `envman allow` keeps (beside the box's config).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.support import FishBox, Result, ShBox, make_sh_box, require_program
from tests.support.projects import write_index

# The real envman behind a wrapper that logs each call's first two words to $T_CALLS, so
# the tests can count the `allow --check` runs auto-activation starts.
LOGGING_WRAPPER = '''#!{python}
import os, sys
with open(os.environ["T_CALLS"], "a") as log:
    log.write(" ".join(sys.argv[1:3]) + "\\n")
os.execv(sys.executable, [sys.executable, "-m", "envman", *sys.argv[1:]])
'''


@dataclass
class World:
    sh: ShBox
    fish: FishBox
    projects: Path

    @property
    def store(self) -> Path:
        return self.sh.store

    def calls(self) -> list[str]:
        path = Path(self.sh.env["T_CALLS"])
        return path.read_text().splitlines() if path.exists() else []

    def reset(self) -> None:
        """Forget trust and the wrapper's call log (tests share one world)."""
        for key in ("T_CALLS", "T_TRUST"):
            Path(self.sh.env[key]).unlink(missing_ok=True)

    def run(self, shell: str, steps: list[str], *, auto: bool = True, strict: bool = True,
            prelude: str = "", extra: str = "", cwd: Path | None = None) -> Result:
        require_program(shell)  # fails under CI=true when missing
        if shell == "fish":
            text = fish_script(steps, auto=auto, extra=extra)
            return self.fish.run(text, load=False, cwd=cwd or self.fish.root / "home")
        text = sh_script(shell, steps, auto=auto, extra=extra)
        return self.sh.run(shell, text, strict=strict, prelude=prelude + SH_OTHER_TOOL[shell], cwd=cwd)


def make_world(base: Path) -> World:
    sh = make_sh_box(base)
    for name in ("e1", "e2", "e3", "hk"):
        sh.envman("new", "--no-pip", name)
    projects = sh.store.parent / "projects"
    projects.mkdir()
    p = projects
    (p / "p1" / "sub" / "deeper").mkdir(parents=True)
    (p / "p1" / ".venv").symlink_to(sh.store / "e1")
    (p / "p2").mkdir()
    (p / "p2" / ".venv").write_text("e2\n")
    (p / "p3" / "inner").mkdir(parents=True)
    (p / "p3" / "inner" / ".venv").write_text("e1\n")  # nearer than p3's registration
    (p / "p4").mkdir()
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(p / "p4" / ".venv")], check=True)
    (p / "p5").mkdir()
    (p / "p5" / ".venv").symlink_to(sh.store / "gone")
    (p / "p6" / "sub").mkdir(parents=True)
    (p / "p6" / ".venv").write_text("nosuch\n")
    (p / "ph").mkdir()
    (p / "plain" / "sub").mkdir(parents=True)
    for name, directory in (("e3", p / "p3"), ("hk", p / "ph")):
        (sh.store / name / ".project").write_text(f"{directory}\n")
    write_index(sh.store, [(p / "p3", "e3"), (p / "ph", "hk")])
    wrapper = base / "envman-logged"
    wrapper.write_text(LOGGING_WRAPPER.replace("{python}", sys.executable))
    wrapper.chmod(0o755)
    trust = Path(sh.env["ENVMAN_CONFIG"]).parent / "trusted"
    sh.env.update(ENVMAN_PROGRAM=str(wrapper), T_P=str(p), T_STORE=str(sh.store),
                  T_CALLS=str(base / "calls.log"), T_TRUST=str(trust),
                  T_LOG=str(base / "hooks.log"))
    fish = FishBox(root=base, store=sh.store, env=sh.env)
    return World(sh=sh, fish=fish, projects=p)


# Another tool's hooks, present before envman loads (and, for bash, one more after):
# each counts its calls, and the bash one records the $? it saw.
SH_OTHER_TOOL = {
    "bash": '__t_other() { __t_status=$?; __t_prompts="${__t_prompts-}x"; }\n'
            "PROMPT_COMMAND='__t_other'\n",
    "zsh": '__t_other() { __t_prompts="${__t_prompts-}x"; }\n'
           '__t_otherc() { __t_dirs="${__t_dirs-}x"; }\n'
           "precmd_functions=(__t_other)\nchpwd_functions=(__t_otherc)\n",
}

SH_PROMPT = {
    "bash": 'eval "$PROMPT_COMMAND"\n',
    "zsh": 'for __t_f in "${precmd_functions[@]}"; do "$__t_f"; done\n',
}


def _sh_step(step: str) -> str:
    verb, _, arg = step.partition(" ")
    target = f'"$T_P/{arg}"' if arg not in ("", "/") else ('"$T_P"' if arg == "" else "/")
    if verb == "show":
        return f'printf "%s\\n" "{arg}|${{PWD#"$T_P"}}|${{VIRTUAL_ENV:-none}}"\n'
    if verb in ("cd", "pushd"):
        return f"{verb} -- {target} >/dev/null\n"
    if verb == "popd":
        return "popd >/dev/null\n"
    if verb == "allow":
        return f"envman allow {target}\n"
    if verb == "sh":
        return arg + "\n"
    return step + "\n"  # workon ..., deactivate


def sh_script(shell: str, steps: list[str], *, auto: bool, extra: str = "") -> str:
    text = ""
    if shell == "bash":
        text += "__t_more() { :; }\nPROMPT_COMMAND=\"$PROMPT_COMMAND\"$'\\n'__t_more\n"
    if auto:
        text += "ENVMAN_AUTO_ACTIVATE=1\n"
    text += extra
    for step in steps:
        if step.startswith("fish "):
            continue
        text += _sh_step(step)
        if not step.startswith("show"):
            text += SH_PROMPT[shell]
    text += 'printf "%s\\n" "prompts=${__t_prompts-}" "dirs=${__t_dirs-}"\n'
    return text


def _fish_step(step: str) -> str:
    verb, _, arg = step.partition(" ")
    target = f'"$T_P/{arg}"' if arg not in ("", "/") else ('"$T_P"' if arg == "" else "/")
    if verb == "show":
        return (f'printf "%s\\n" "{arg}|"(string replace -- "$T_P" "" "$PWD")"|"'
                '(set -q VIRTUAL_ENV; and echo "$VIRTUAL_ENV"; or echo none)\n')
    if verb in ("cd", "pushd"):
        return f"{verb} {target}\n"
    if verb == "popd":
        return "popd\n"
    if verb == "allow":
        return f"envman allow {target}\n"
    if verb in ("sh", "fish"):
        return arg + "\n"
    return step + "\n"


FISH_OTHER_TOOL = """\
function __t_other --on-event fish_prompt; set -g __t_prompts "$__t_prompts"x; end
function __t_otherc --on-variable PWD; set -g __t_dirs "$__t_dirs"x; end
"""


def fish_script(steps: list[str], *, auto: bool, extra: str = "") -> str:
    # the other tool's handlers are defined before envman.fish loads: the box sources it
    # first, so they come in through a file sourced ahead of it
    text = FISH_OTHER_TOOL
    text += "builtin source $T_FISH_FILE\n"
    if auto:
        text += "set -g ENVMAN_AUTO_ACTIVATE 1\n"
    text += extra
    for step in steps:
        if step.startswith("sh "):
            continue
        text += _fish_step(step)
        if not step.startswith("show"):
            text += "emit fish_prompt\n"
    text += 'printf "%s\\n" "prompts=$__t_prompts" "dirs=$__t_dirs"\n'
    return text


def shown(world: World, result: Result) -> dict[str, tuple[str, str]]:
    """LABEL -> (directory under the projects, env: a store name, a path, or none)."""
    out = {}
    for line in result.lines:
        if line.count("|") != 2:
            continue
        label, directory, env = line.split("|")
        if env.startswith(str(world.store) + "/"):
            env = env[len(str(world.store)) + 1:]
        elif env.startswith(str(world.projects) + "/"):
            env = env[len(str(world.projects)) + 1:]
        out[label] = (directory, env)
    return out
