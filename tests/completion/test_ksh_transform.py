"""The ksh93 integration (shell/envman.ksh, envman-core.ksh, envman-lazy.ksh,
envman-compat.ksh) is written by completions/generate.py from the bash/zsh files: the transform's rules, that
a change in the bash/zsh files reaches the ksh files (and a stale one fails the
staleness test, test_completion_generated.py), and what the rules rely on."""

from __future__ import annotations

import re
import subprocess

import pytest
from test_completion_generated import _generator

from tests.support import require_program

GENERATE = _generator()
SHELL_DIR = GENERATE.SHELL_DIR


def _variant(text: str, source: str = "sample.sh") -> str:
    """The transform's body, without the generated-file header."""
    return GENERATE.ksh_variant(text, source).split("\n", GENERATE.KSH_HEADER.count("\n"))[-1]


def test_each_rule():
    text = (
        "__envman_x() {\n"
        "    local _em_a=1 _em_b\n"
        "    local -a _em_list\n"
        "    [ -n \"$1\" ] && { local _em_c; _em_c=1; }\n"
        "    _em_list=()\n"
        '    \\builtin printf \'%s\\n\' "$_em_a" >&2\n'
        "    \\builtin cd -- /\n"
        "    \\builtin export A; \\builtin unset B\n"
        '    \\builtin . "$f"\n'
        "    if \\builtin shopt -q failglob 2>/dev/null; then :; fi\n"
        "    inner() { \\builtin return 0; }\n"
        "}\n"
        "__envman_g=() __envman_h=()\n"
        "# sources envman-compat.sh and envman-lazy.sh, not foo-envman.sh\n"
    )
    assert _variant(text) == (
        "function __envman_x {\n"
        "    typeset _em_a=1 _em_b\n"
        "    typeset -a _em_list\n"
        "    [ -n \"$1\" ] && { typeset _em_c; _em_c=1; }\n"
        "    unset _em_list\n"
        '    \\command printf \'%s\\n\' "$_em_a" >&2\n'
        "    \\command cd -- /\n"
        "    \\export A; \\unset B\n"
        '    \\. "$f"\n'
        "    if \\false -q failglob 2>/dev/null; then :; fi\n"
        "    function inner { \\return 0; }\n"
        "}\n"
        "unset __envman_g __envman_h\n"
        "# sources envman-compat.ksh and envman-lazy.ksh, not foo-envman.sh\n"
    )


def test_a_change_in_the_bash_file_reaches_the_ksh_file():
    # (envman.ksh is made from envman-rc.sh's text for ksh, which is envman.sh's but for
    # bash's guard, which also hands zsh over)
    source = GENERATE._rc_text("ksh")
    edited = source + "\n__envman_new_helper() {\n    local _em_v\n}\n"
    assert "function __envman_new_helper {\n    typeset _em_v\n}" in GENERATE.ksh_variant(
        edited, "envman.sh")
    # what is committed is what the committed bash files make
    outputs = GENERATE.outputs()
    for ksh_name in GENERATE.KSH_FILES.values():
        assert outputs[SHELL_DIR / ksh_name] == (SHELL_DIR / ksh_name).read_text(encoding="utf-8")


def test_a_literal_the_transform_needs_is_checked():
    """An edit to a line the transform rewrites stops generation with a clear message
    rather than leaving the ksh file half translated."""
    source = GENERATE._rc_text("ksh")
    edited = source.replace('__envman_shell_dir="${BASH_SOURCE[0]-}"',
                            '__envman_shell_dir="${BASH_SOURCE-}"')
    with pytest.raises(SystemExit, match="KSH_LITERALS"):
        GENERATE.ksh_variant(edited, "envman.sh")


@pytest.mark.parametrize("code", [
    'declare -a _em_x\n', 'mapfile -t _em_x < "$f"\n', 'echo "${!_em_name}"\n',
    'x=1; declare y\n', '\\builtin\tcd /\n', '\\builtin printf -v _em_x %s 1\n',
    'IFS=: \\builtin read -r -a _em_parts <<< "$PATH"\n', 'echo "${_em_x^^}"\n',
])
def test_what_ksh93_lacks_stops_generation(code):
    with pytest.raises(SystemExit, match="ksh93 lacks"):
        GENERATE.ksh_variant("__envman_f() {\n    " + code + "}\n", "sample.sh")


def test_no_builtin_is_left_and_every_function_has_the_ksh_syntax():
    for ksh_name in GENERATE.KSH_FILES.values():
        code = [ln for ln in (SHELL_DIR / ksh_name).read_text(encoding="utf-8").splitlines()
                if not ln.lstrip().startswith("#")]
        assert not [ln for ln in code if "\\builtin" in ln or re.match(r"\s*local\b", ln)]
        posix = [ln for ln in code if re.match(r"\s*[A-Za-z_]\w*\(\) \{", ln)]
        assert {ln.split("(")[0].strip() for ln in posix} <= set(GENERATE.KSH_POSIX_FUNCTIONS)


def _functions(text: str) -> dict[str, str]:
    bodies, name = {}, None
    for line in text.splitlines():
        found = re.match(r"([A-Za-z_]\w*)\(\) \{", line)
        if found:
            name = found.group(1)
            bodies[name] = ""
        elif name:
            bodies[name] += line + "\n"
            if line == "}":
                name = None
    return bodies


def test_no_function_reads_its_callers_locals():
    """ksh93's typeset is statically scoped: a function cannot see its caller's locals,
    as bash's and zsh's can. So in the bash files every _em_* variable a function uses
    is one of its own."""
    for sh_name in GENERATE.KSH_FILES:
        text = (SHELL_DIR / sh_name).read_text(encoding="utf-8")
        for name, body in _functions(text).items():
            declared = set()
            for decl in re.finditer(r"\blocal(?: -a)? ([^\n;]*)", body):
                declared |= set(re.findall(r"\b(_em_\w+)", decl.group(1)))
            used = set(re.findall(r"\b(_em_\w+)", body))
            assert used <= declared, f"{sh_name}: {name} uses {sorted(used - declared)}"


def test_functions_kept_posix_for_their_shell_options_have_no_locals():
    """ksh93 gives a `function name {` function its own shell options, so the ones that
    set options for their caller stay `name() {`, where typeset would make a global."""
    # (they live in envman-base, which every other file is loaded after: no stubs)
    functions = _functions((SHELL_DIR / "envman-base.sh").read_text(encoding="utf-8"))
    for name in GENERATE.KSH_POSIX_FUNCTIONS:
        assert "local" not in functions[name], name
        assert f"\n{name}() {{\n" in (SHELL_DIR / "envman-base.ksh").read_text(encoding="utf-8")


def test_ksh_parses_the_files():
    ksh = require_program("ksh")
    for ksh_name in GENERATE.KSH_FILES.values():
        r = subprocess.run([ksh, "-n", str(SHELL_DIR / ksh_name)], capture_output=True,
                           text=True, timeout=60)
        errors = [ln for ln in r.stderr.splitlines() if "warning:" not in ln]
        assert (r.returncode, errors) == (0, []), r.stderr
