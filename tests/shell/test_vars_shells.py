"""Per-env variables (``envman vars``) in real bash, zsh and fish: exported on workon,
given back byte for byte on deactivate (unset again when they were unset, unexported
when they were not exported), with hostile values; and ``workon -`` / ``workon PREFIX``.

What a variable holds is read by a child process (``os.environb``, as hex), so the test
sees exactly what programs started from the shell see. Values reach the shells through
the environment or ``envman vars``'s argv, never pasted into shell source."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import (
    COMMAND,
    LOAD,
    SHELLS,
    make_fish_box,
    make_sh_box,
    require_program,
    sh_file,
)

ALL_SHELLS = [*SHELLS, "fish"]

# One value per kind of trouble: quotes of both kinds, backslashes (fish's single quotes
# treat \\ and \' specially), things a shell would expand, newlines (a trailing one
# too), control characters, non-ASCII, a leading dash, = signs, glob and printf
# characters, the empty string.
HOSTILE_VALUES = [
    "it's", 'say "hi"', "back\\slash\\", "\\n is not a newline", "\\'", "end\\", "'", "''",
    "$HOME $(echo no) `echo no` ${X-} !!", "two\nlines\n", "\n", "tab\there\rcr\x1b[1m",
    "èрт🚒♞中片", "-n", "a=b=c", "*", "%s %% \\x41", "",
]
KEYS = [f"EM_T_{i}" for i in range(len(HOSTILE_VALUES))]
# What the shell holds before activation: a non-UTF-8 byte (surrogateescape, as the
# environment carries it), a newline at the end, quotes.
OLD_VALUE = "old \udcff 'q' \"d\" \\\n"

DUMP = """\
import os, sys
for key in sys.argv[1:]:
    value = os.environb.get(key.encode())
    print(key + "=" + ("-" if value is None else value.hex()))
"""

BEFORE = {"NEVER": None, "OLD": OLD_VALUE, "EMPTY": ""}


def _hex(value: str | None) -> str:
    return "-" if value is None else value.encode("utf-8", "surrogateescape").hex()


def _sections(stdout: str) -> dict[str, dict[str, str]]:
    """Lines after '@label' up to the next '@...', as KEY -> hex."""
    out: dict[str, dict[str, str]] = {}
    current = None
    for line in stdout.splitlines():
        if line.startswith("@"):
            current = out.setdefault(line[1:], {})
        elif current is not None and "=" in line:
            key, _, value = line.partition("=")
            if key in DUMPED:
                current[key] = value
    return out


class Boxes:
    """One sh box (store under a hostile directory name) and one fish box, each with
    envs alpha (the hostile values), beta, alpine, web, web2."""

    def __init__(self, base: Path) -> None:
        self.sh = make_sh_box(base / "sh")
        self.fish = make_fish_box(base / "fish") if _have("fish") else None
        for box in self._boxes():
            for name in ("alpha", "beta", "alpine", "web", "web2"):
                box.envman("new", "--no-pip", name)
            box.envman("vars", "alpha", "set", *(f"{k}={v}" for k, v in zip(KEYS, HOSTILE_VALUES, strict=True)),
                       "NEVER=new never", "OLD=new\nold", "EMPTY=new empty", "SHELLVAR=new shell")
            box.envman("vars", "beta", "set", "OLD=beta's", "ONLY_BETA=b")
            (box.root / "dump.py").write_text(DUMP, encoding="utf-8")

    def _boxes(self):
        return [b for b in (self.sh, self.fish) if b is not None]

    def run(self, shell: str, script: str, **kw):
        env = {"T_PY": sys.executable, **kw.pop("env", {})}
        if shell == "fish":
            require_program("fish")
            env["T_DUMP"] = str(self.fish.root / "dump.py")
            return self.fish.run(script, env=env, **kw)
        env["T_DUMP"] = str(self.sh.root / "dump.py")
        return self.sh.run(shell, script, env=env, **kw)

    def box(self, shell: str):
        """The box for ``shell`` (a missing fish fails under CI, skips locally)."""
        if shell == "fish" and self.fish is None:
            require_program("fish")
        return self.fish if shell == "fish" else self.sh


def _have(program: str) -> bool:
    import shutil

    return shutil.which(program) is not None


@pytest.fixture(scope="module")
def boxes(tmp_path_factory) -> Boxes:
    return Boxes(tmp_path_factory.mktemp("vars"))


DUMPED = [*KEYS, "NEVER", "OLD", "EMPTY", "SHELLVAR", "ONLY_BETA"]
ALL = " ".join(DUMPED)

# The same steps in every shell (dump and shellvar are defined by each prelude).
ROUND_TRIP_STEPS = """
echo @before; dump
workon alpha
echo @alpha; dump
workon beta
echo @beta; dump
deactivate
echo @after; dump; shellvar
workon alpha
deactivate
echo @again; dump; shellvar
"""

SH_ROUND_TRIP = f"""
OLD="$T_OLD"; export OLD
EMPTY=""; export EMPTY
SHELLVAR="$T_OLD"
unset NEVER ONLY_BETA
dump() {{ "$T_PY" "$T_DUMP" {ALL}; }}
shellvar() {{ if [ "${{SHELLVAR-unset}}" = "$T_OLD" ]; then echo "SHELLVAR_VALUE=ok"; else echo "SHELLVAR_VALUE=bad"; fi; }}
""" + ROUND_TRIP_STEPS
FISH_ROUND_TRIP = f"""
set -gx OLD "$T_OLD"
set -gx EMPTY ""
set -g SHELLVAR "$T_OLD"
set -e NEVER; set -e ONLY_BETA
function dump; $T_PY $T_DUMP {ALL}; end
function shellvar
    if set -qg SHELLVAR; and not set -qgx SHELLVAR; and test "$SHELLVAR" = "$T_OLD"
        echo SHELLVAR_VALUE=ok
    else
        echo SHELLVAR_VALUE=bad
    end
end
""" + ROUND_TRIP_STEPS

@pytest.mark.parametrize("shell", ALL_SHELLS)
def test_hostile_values_round_trip(boxes, shell):
    script = FISH_ROUND_TRIP if shell == "fish" else SH_ROUND_TRIP
    r = boxes.run(shell, script, env={"T_OLD": OLD_VALUE})
    assert r.status == 0 and r.stderr == "", r.stderr
    seen = _sections(r.stdout)
    before = {**{k: "-" for k in KEYS}, "NEVER": "-", "OLD": _hex(OLD_VALUE), "EMPTY": "",
              "SHELLVAR": "-", "ONLY_BETA": "-"}
    assert seen["before"] == before
    # alpha: every hostile value exactly, as a child process sees it
    for key, value in zip(KEYS, HOSTILE_VALUES, strict=True):
        assert seen["alpha"][key] == _hex(value), (key, value)
    assert seen["alpha"]["NEVER"] == _hex("new never")
    assert seen["alpha"]["OLD"] == _hex("new\nold")
    assert seen["alpha"]["EMPTY"] == _hex("new empty")
    assert seen["alpha"]["SHELLVAR"] == _hex("new shell")
    # workon beta: alpha's variables are given back before beta's are set
    assert seen["beta"] == {**before, "OLD": _hex("beta's"), "ONLY_BETA": _hex("b")}
    # deactivate: everything as it was, byte for byte; the unexported one unexported
    assert seen["after"] == before
    assert seen["again"] == before
    assert r.value("SHELLVAR_VALUE") == "ok"
    assert r.stdout.count("SHELLVAR_VALUE=ok") == 2


@pytest.mark.parametrize("shell", SHELLS)
def test_round_trip_under_odd_shell_options(boxes, shell):
    """zsh's rc_quotes and ksh_arrays, bash's posix mode, ksh's noglob, set -u: the snippet and
    the restore read the same."""
    options = {"zsh": "setopt rcquotes ksharrays shwordsplit globsubst\n",
               "bash": "set -o posix\nshopt -s failglob nullglob\n",
               "ksh": "set -o noglob -o markdirs\n"}[shell]
    r = boxes.run(shell, options + SH_ROUND_TRIP, env={"T_OLD": OLD_VALUE})
    assert r.status == 0 and r.stderr == "", r.stderr
    seen = _sections(r.stdout)
    for key, value in zip(KEYS, HOSTILE_VALUES, strict=True):
        assert seen["alpha"][key] == _hex(value), (key, value)
    assert seen["after"] == seen["before"]


def test_fish_global_list_comes_back(boxes):
    """A fish variable is a list: all of its elements come back, and it stays unexported."""
    require_program("fish")
    r = boxes.run("fish", """
set -g OLD one two 'three four' ''
set -e NEVER
workon alpha
echo "during="(count $OLD)"|"(string escape -- $OLD)
deactivate
echo "old="(count $OLD)"|"(string join , -- $OLD)"|"(set -qgx OLD; and echo exported; or echo unexported)
echo "never="(set -q NEVER; and echo set; or echo unset)
""")
    assert r.status == 0 and r.stderr == "", r.stderr
    assert r.value("during") == "1|new\\nold"
    assert r.value("old") == "4|one,two,three four,|unexported"
    assert r.value("never") == "unset"


@pytest.mark.parametrize("shell", ALL_SHELLS)
def test_a_change_while_active_waits_for_the_next_activation(boxes, shell):
    """deactivate gives back what the activation changed, not what the files say now."""
    if shell == "fish":
        script = """
set -gx ONLY_BETA before
workon beta
$T_PY -m envman vars beta set LATER=1 >/dev/null
$T_PY -m envman vars beta unset ONLY_BETA >/dev/null
echo "during=$ONLY_BETA|"(set -q LATER; and echo set; or echo unset)
deactivate
echo "after=$ONLY_BETA|"(set -q LATER; and echo set; or echo unset)
workon beta
echo "next="(set -q ONLY_BETA; and echo $ONLY_BETA; or echo unset)"|$LATER"
deactivate
$T_PY -m envman vars beta set ONLY_BETA=b >/dev/null
$T_PY -m envman vars beta unset LATER >/dev/null
"""
    else:
        script = """
ONLY_BETA=before; export ONLY_BETA
workon beta
"$T_PY" -m envman vars beta set LATER=1 >/dev/null
"$T_PY" -m envman vars beta unset ONLY_BETA >/dev/null
echo "during=$ONLY_BETA|${LATER-unset}"
deactivate
echo "after=$ONLY_BETA|${LATER-unset}"
workon beta
echo "next=$ONLY_BETA|${LATER-unset}"
deactivate
"$T_PY" -m envman vars beta set ONLY_BETA=b >/dev/null
"$T_PY" -m envman vars beta unset LATER >/dev/null
"""
    r = boxes.run(shell, script)
    assert r.status == 0 and r.stderr == "", r.stderr
    assert r.value("during") == "b|unset"
    assert r.value("after") == "before|unset"
    assert r.value("next") == "before|1"


def _execs(boxes: Boxes, shell: str, body: str) -> list[str]:
    """The programs a script started (strace -f, execve), the shell itself excepted."""
    strace = require_program("strace")
    box = boxes.box(shell)
    if shell == "fish":
        argv, prelude = ["fish", "--no-config", "--private"], "builtin source $T_FISH_FILE\n"
        env = {**box.env, "T_FISH_FILE": str(Path(__file__).parents[2] / "shell" / "envman.fish")}
    else:
        argv, prelude = COMMAND[shell], LOAD[shell]
        env = {**box.env, "T_SH_FILE": str(sh_file(shell))}
    require_program(argv[0])
    script = box.root / f"strace.{shell}"
    script.write_text(prelude + body, encoding="utf-8")
    log = box.root / f"strace.{shell}.log"
    proc = subprocess.run([strace, "-f", "-qq", "-e", "trace=execve", "-o", str(log), *argv,
                           str(script)], capture_output=True, text=True, env=env,
                          cwd=box.root, timeout=120, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    programs = [ln.split('execve("', 1)[1].split('"', 1)[0]
                for ln in log.read_text().splitlines() if 'execve("' in ln]
    return programs[1:]


@pytest.mark.parametrize("shell", ALL_SHELLS)
def test_workon_and_deactivate_start_no_process_for_the_variables(boxes, shell):
    """Activating an env with variables (the snippet), switching, `workon -`, a prefix
    and deactivating start no process: the same programs run as for one workon of an
    env without variables (bash's once-per-shell permission scan before the first
    hook, nothing else)."""
    # the first workon in a store makes its stamps directory (one mkdir, ever)
    assert boxes.run(shell, "workon -n web\ndeactivate\n").status == 0
    baseline = _execs(boxes, shell, "workon -n web\ndeactivate\n")
    steps = "workon -n alpha\nworkon -n alph\nworkon -n beta\nworkon -n -\ndeactivate\n"
    assert _execs(boxes, shell, steps) == baseline
    assert "python" not in " ".join(baseline)


# -- workon - and workon PREFIX --------------------------------------------------------

def _script(shell: str, lines: list[str]) -> str:
    """Shell-neutral steps: 'workon X' (status printed on failure), 'show', 'deactivate'."""
    out = []
    for line in lines:
        if line == "show":
            out.append('echo "now=$(basename "$VIRTUAL_ENV")"' if shell != "fish"
                       else 'echo "now="(basename "$VIRTUAL_ENV")')
        elif line.startswith("workon"):
            out.append(f'{line} || echo "status=$?"' if shell != "fish"
                       else f"{line}; or echo status=$status")
        else:
            out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("shell", ALL_SHELLS)
def test_workon_dash_returns_to_the_previous_env(boxes, shell):
    r = boxes.run(shell, _script(shell, [
        "workon -", "workon -n alpha", "workon -n beta", "show", "workon -", "show",
        "workon -", "show", "deactivate", "workon -", "show", "deactivate",
    ]))
    assert r.status == 0, r.stderr
    assert r.lines == ["status=1", "now=beta", "now=alpha", "now=beta", "now=beta"]
    assert r.stderr.strip() == ("envman: error: no previous environment in this shell "
                                "(workon - returns to the one deactivated last)")


@pytest.mark.parametrize("shell", ALL_SHELLS)
def test_workon_prefix(boxes, shell):
    r = boxes.run(shell, _script(shell, [
        "workon -n alph", "show",       # one env starts with it
        "workon -n be", "show",
        "workon -n web", "show",        # exact names win over web2
        "workon -n al",                 # alpha and alpine: listed, status 1
        "show",                         # ... and nothing changed
        "workon -n 'a*'",               # glob characters match themselves
        "workon -n zzz",                # none: does not exist
        "deactivate",
    ]), env={"ENVMAN_COMPAT": "0"})
    assert r.status == 0, r.stderr
    assert r.lines == ["now=alpha", "now=beta", "now=web", "status=1", "now=web", "status=1",
                       "status=1"]
    assert r.stderr.splitlines() == [
        "envman: error: 'al' is the start of 2 environments; type more of the name:",
        "  alpha", "  alpine",
        "envman: error: environment 'a*' does not exist (create it with 'envman new a*')",
        "envman: error: environment 'zzz' does not exist (create it with 'envman new zzz')",
    ]


@pytest.mark.parametrize("shell", ALL_SHELLS)
def test_a_venv_activated_by_hand_takes_over(boxes, shell):
    """`source OTHER/bin/activate` while an env with variables is active. fish: its
    variables are given back at once (envman sees VIRTUAL_ENV change). bash and zsh:
    that script replaces `deactivate` before calling it, so envman cannot know; the
    next workon gives them back first, so nothing is lost."""
    box = boxes.box(shell)
    env = {"T_ACTIVATE": str(box.store / "web" / "bin" / ("activate.fish" if shell == "fish"
                                                          else "activate"))}
    if shell == "fish":
        script = """
set -gx OLD before
workon -n alpha
source $T_ACTIVATE
echo "during=$OLD|"(set -q NEVER; and echo set; or echo unset)
deactivate
workon -n web
deactivate
echo "after=$OLD|"(set -q NEVER; and echo set; or echo unset)
"""
    else:
        script = """
OLD=before; export OLD
workon -n alpha
set +u; . "$T_ACTIVATE"; set -u
echo "during=$OLD|${NEVER-unset}"
deactivate
workon -n web
deactivate
echo "after=$OLD|${NEVER-unset}"
"""
    r = boxes.run(shell, script, env=env)
    assert r.status == 0 and r.stderr == "", r.stderr
    assert r.value("during") == ("before|unset" if shell == "fish" else "new")
    assert r.value("after") == "before|unset"


@pytest.mark.parametrize("shell", ALL_SHELLS)
def test_envman_vars_in_the_active_shell_applies_at_once(boxes, shell):
    """Through the shell function, a change to the active env's variables shows at
    once, and deactivate still gives back what the shell had before the first workon."""
    if shell == "fish":
        script = """
set -gx OLD before
workon -n beta
envman vars beta set NOW=1 >/dev/null
envman vars beta unset OLD >/dev/null
envman vars alpha set ELSEWHERE=1 >/dev/null
echo "during=$OLD|$NOW|"(set -q ELSEWHERE; and echo set; or echo unset)
deactivate
echo "after=$OLD|"(set -q NOW; and echo set; or echo unset)
envman vars beta set OLD=beta\\'s >/dev/null
envman vars beta unset NOW >/dev/null
envman vars alpha unset ELSEWHERE >/dev/null
"""
    else:
        script = """
OLD=before; export OLD
workon -n beta
envman vars beta set NOW=1 >/dev/null
envman vars beta unset OLD >/dev/null
envman vars alpha set ELSEWHERE=1 >/dev/null
echo "during=$OLD|$NOW|${ELSEWHERE-unset}"
deactivate
echo "after=$OLD|${NOW-unset}"
envman vars beta set "OLD=beta's" >/dev/null
envman vars beta unset NOW >/dev/null
envman vars alpha unset ELSEWHERE >/dev/null
"""
    r = boxes.run(shell, script)
    assert r.status == 0 and r.stderr == "", r.stderr
    assert r.value("during") == "before|1|unset"
    assert r.value("after") == "before|unset"


@pytest.mark.parametrize("shell", ALL_SHELLS)
def test_the_documented_move_out_of_a_postactivate_hook(boxes, shell):
    """docs/shell.md: with the env active (its postactivate exported the variable), one
    `envman vars NAME set KEY` takes it over; with the export line deleted, the next
    workon sets it and deactivate takes it away again (the hook never did)."""
    box = boxes.box(shell)
    hook = box.store / "web2" / "bin" / ("postactivate.fish" if shell == "fish" else "postactivate")
    if shell == "fish":
        hook.write_text("set -gx MOVED 'from the hook: it'\\''s $1'\n", encoding="utf-8")
        script = """
workon -n web2
envman vars web2 set MOVED >/dev/null
echo '' > $T_HOOK
deactivate
echo "after_hook_era="(set -q MOVED; and echo set; or echo unset)
set -e MOVED # what predeactivate should have done, once
workon -n web2
echo "active=$MOVED"
deactivate
echo "after="(set -q MOVED; and echo set; or echo unset)
envman vars web2 unset MOVED >/dev/null
"""
    else:
        hook.write_text("export MOVED='from the hook: it'\\''s $1'\n", encoding="utf-8")
        script = """
workon -n web2
envman vars web2 set MOVED >/dev/null
: > "$T_HOOK"
deactivate
echo "after_hook_era=${MOVED+set}"
unset MOVED  # what predeactivate should have done, once
workon -n web2
echo "active=$MOVED"
deactivate
echo "after=${MOVED-unset}"
envman vars web2 unset MOVED >/dev/null
"""
    try:
        r = boxes.run(shell, script, env={"T_HOOK": str(hook)})
    finally:
        hook.write_text("", encoding="utf-8")
    assert r.status == 0 and r.stderr == "", r.stderr
    # the deactivate right after the move leaves what the hook set, as the hook always
    # did (that value is what the shell had when the variable was taken over)
    assert r.value("after_hook_era") == "set"
    assert r.value("active") == "from the hook: it's $1"
    assert r.value("after") == "unset"


@pytest.mark.parametrize("shell", ALL_SHELLS)
def test_hooks_see_the_variables(boxes, shell):
    """Exported before postactivate runs, given back after predeactivate ran."""
    box = boxes.box(shell)
    suffix = ".fish" if shell == "fish" else ""
    bin_dir = box.store / "web" / "bin"
    if shell == "fish":
        post, pre = 'echo "post=$HOOKED"\n', 'echo "pre=$HOOKED"\n'
    else:
        post, pre = 'echo "post=${HOOKED-unset}"\n', 'echo "pre=${HOOKED-unset}"\n'
    (bin_dir / f"postactivate{suffix}").write_text(post, encoding="utf-8")
    (bin_dir / f"predeactivate{suffix}").write_text(pre, encoding="utf-8")
    box.envman("vars", "web", "set", "HOOKED=yes")
    try:
        r = boxes.run(shell, "workon -n web\ndeactivate\n")
    finally:
        box.envman("vars", "web", "unset", "HOOKED")
        for name in ("postactivate", "predeactivate"):
            (bin_dir / f"{name}{suffix}").write_text("", encoding="utf-8")
    assert r.status == 0 and r.stderr == "", r.stderr
    assert r.lines == ["post=yes", "pre=yes"]


@pytest.mark.parametrize("shell", SHELLS)
def test_a_read_only_variable_is_left_alone(boxes, shell):
    r = boxes.run(shell, """
readonly OLD=mine
workon -n alpha
echo "during=$OLD|$NEVER"
deactivate
echo "after=$OLD|${NEVER-unset}"
""")
    assert r.status == 0, r.stderr
    assert r.stderr == "envman: warning: OLD is read-only in this shell; the env's value is not set\n"
    assert r.value("during") == "mine|new never"
    assert r.value("after") == "mine|unset"
