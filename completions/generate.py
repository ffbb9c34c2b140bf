"""Build the static completion files (envman.bash, _envman, envman.fish) from the CLI,
and everything else that lists the shell functions, from this file's FUNCTIONS.

    python completions/generate.py           # rewrite the generated files
    python completions/generate.py --check   # exit 1 when a committed file is stale

Why generated: completion must not start Python on TAB (typer's own completion costs
~140 ms per TAB here), yet it must follow every command and option the CLI grows. So the
command tree is read once, here, from ``typer.main.get_command(envman.cli.app.build())``
and written out as plain shell data; the per-shell engines that read that data
(``templates/*.in``) are hand-written, as are the shell functions' argument specs and
the table saying which argument takes an env name, a file, a directory or a python.

FUNCTIONS is the one list of the shell functions' names. Besides the completion files it
is written into: the fish completion stubs (completions/fish/<name>.fish), and the
blocks between ``# >>> generated`` / ``# <<< generated`` marker lines in shell/envman.sh
(bash's lazy ``complete -F`` line, the first-use stubs of virtualenvwrapper's commands
and of envman-core.sh's functions), fish's first-use stubs (one file per function in
shell/fish-functions/ and shell/fish-compat-functions/, which fish autoloads) and
shell/envman.fish (envman-rc.fish without its comments). It also
writes the ksh93 integration (shell/envman.ksh, envman-core.ksh, envman-lazy.ksh,
envman-compat.ksh) from the bash/zsh files by the small transform in ``ksh_variant``.
tests/completion/test_completion_generated.py fails when any of them is stale.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
SHELL_DIR = HERE.parent / "shell"
SHELL_INTEGRATION = SHELL_DIR / "envman.sh"
# envman.sh (bash) and envman.zsh are written from this one source (see _rc_files)
SH_SOURCE = SHELL_DIR / "envman-rc.sh"
ZSH_INTEGRATION = SHELL_DIR / "envman.zsh"
# The files the rc line loads on first use are written from their commented sources in
# shell/src/ without comments or blank lines (sh_loaded): bash lexes every character of a
# comment (~135 instructions a byte) and zsh reads every line with two system calls, at
# each first workon, TAB and compat command of a shell.
SH_SRC_DIR = SHELL_DIR / "src"
SH_LOADED = ("envman-base.sh", "envman-core.sh", "envman-more.sh", "envman-compat.sh",
             "envman-compat-mk.sh", "envman-lazy.sh")
# fish's too (fish_loaded): fish parses ~60 instructions a byte of comment, ~470 of code.
FISH_LOADED = ("envman-core.fish", "envman-leave.fish", "envman-compat.fish",
               "envman-compat-mk.fish", "envman-lazy.fish")
# envman-compat.fish loads these of the core's functions, written from envman-core.fish
# into envman-base.fish (fish_base), when the core is not loaded: a listing needs no more
FISH_BASE = ("__envman_home_set", "__envman_home", "__envman_names")
FISH_INTEGRATION = HERE.parent / "shell" / "envman.fish"
# envman.fish is written from this source (see _fish_rc_text)
FISH_SOURCE = SHELL_DIR / "envman-rc.fish"
# fish's first-use stubs, one file a function, which fish autoloads from the directories
# envman.fish puts in fish_function_path: the compat names' only when compat is on
FISH_AUTOLOAD_DIR = SHELL_DIR / "fish-functions"
FISH_AUTOLOAD_COMPAT_DIR = SHELL_DIR / "fish-compat-functions"
OUTPUTS = {"bash": HERE / "envman.bash", "zsh": HERE / "_envman", "fish": HERE / "envman.fish"}
MARKER = "@GENERATED@"

# -- the model ------------------------------------------------------------------------
# Argument / option-value kinds every engine understands:
#   env      an existing env name          new     a new name (nothing to offer)
#   file     a file                        dir     a directory
#   python   a python version, command or path
#   cmd      a command, then its arguments (files)
#   venvdir  a subdirectory of $VIRTUAL_ENV  sitedir  a subdirectory of its site-packages
#   text     free text (nothing to offer)


@dataclass
class Opt:
    names: list[str]
    help: str = ""
    value: str | None = None  # kind of the value, None for a flag
    choices: list[str] = field(default_factory=list)


@dataclass
class Arg:
    kind: str
    label: str
    variadic: bool = False
    choices: list[str] = field(default_factory=list)


@dataclass
class Spec:
    path: list[str]  # ["envman", "project", "set"] or ["workon"]
    help: str = ""
    options: list[Opt] = field(default_factory=list)
    args: list[Arg] = field(default_factory=list)
    subs: list[Spec] = field(default_factory=list)
    # a shell function defined in shell/envman-compat.*, loaded on its first use
    compat: bool = False

    @property
    def key(self) -> str:
        return " ".join(self.path)

    def walk(self):
        yield self
        for sub in self.subs:
            yield from sub.walk()


# -- hand-written knowledge the CLI definition does not carry ---------------------------
# Positional arguments by parameter name (the CLI's own names), then the exceptions by
# command path (where `name` is a name to create); anything else is "text".
_ARG_BY_NAME = {
    "name": "env", "names": "env", "src": "env", "old": "env", "file": "file",
    "directory": "dir", "dirs": "dir", "command": "cmd", "args": "cmd",
}
ARG_KINDS: dict[str, dict[str, str]] = {
    "envman new": {"name": "new"},
    "envman cp": {"dst": "new"},
    "envman mv": {"new": "new"},
    "envman import": {"name": "new"},
    "envman project new": {"name": "new"},
    "envman restore": {"name": "text"},  # a name in the trash, not in the store
    "envman diff": {"a": "env", "b": "env"},
}
# Option values by long option name; other value options get "text".
OPT_KINDS = {
    "--python": "python", "--requirements": "file", "--project": "dir", "--output": "file",
    "--file": "file", "--directory": "dir", "--dir": "dir", "--find-links": "dir",
    "--from": "file",
}
# Static choices for arguments the CLI takes as plain strings.
ARG_CHOICES = {
    ("envman init", "shell"): ["bash", "zsh", "ksh", "fish"],
    ("envman global-site-packages", "mode"): ["on", "off", "toggle"],
    ("envman vars", "action"): ["set", "unset"],
}
OPT_CHOICES = {"--backend": ["uv", "venv"], "--format": ["spec", "pylock"]}

_HELP = [Opt(["-h", "--help"], "Show help and exit.")]
_PY = Opt(["-p", "--python"], "Python version, command or path.", "python")
# mkvirtualenv's options and the virtualenv options envman understands (shell/
# envman-compat.sh, __envman_mk_parse); mktmpenv and mkproject take them too.
_MK = [
    Opt(["-i"], "Package to install.", "text"),
    Opt(["-r"], "Requirements file to install.", "file"), _PY,
    Opt(["--system-site-packages"], "Give access to the system site-packages."),
    Opt(["--without-pip"], "Do not install pip."),
    Opt(["--prompt"], "Prompt prefix inside the env.", "text"), *_HELP,
]
_PROJECT = Opt(["-a"], "Project directory to link.", "dir")

# The shell functions (virtualenvwrapper 6.1.1 names and options), completed in every shell
# whether or not they are defined: completing an undefined function is harmless. The
# compat ones are virtualenvwrapper's commands, defined in shell/envman-compat.* and not
# defined at all when the user turns compatibility off.
FUNCTIONS = [
    Spec(["workon"], "Activate an environment.", [
        Opt(["-c", "--cd"], "cd to the project directory."),
        Opt(["-n", "--no-cd"], "Do not cd to the project directory."), *_HELP],
        [Arg("env", "environment")]),
    Spec(["deactivate"], "Leave the active environment."),
    Spec(["mkvirtualenv"], "Create and activate an environment.", [_PROJECT, *_MK],
         [Arg("new", "name")], compat=True),
    Spec(["mktmpenv"], "Create a temporary environment.", [
        Opt(["-c", "--cd"], "cd into the new env."),
        Opt(["-n", "--no-cd"], "Do not cd into the new env."), _PROJECT, *_MK], compat=True),
    Spec(["lsvirtualenv"], "List environments.", [
        Opt(["-b"], "Brief: names only."), Opt(["-l"], "Long listing."), *_HELP], compat=True),
    Spec(["showvirtualenv"], "Show an environment.", _HELP, [Arg("env", "environment")],
         compat=True),
    Spec(["rmvirtualenv"], "Remove environments.", _HELP,
         [Arg("env", "environment", variadic=True)], compat=True),
    Spec(["cpvirtualenv"], "Copy an environment.", _HELP,
         [Arg("env", "source environment"), Arg("new", "new name")], compat=True),
    Spec(["allvirtualenv"], "Run a command in every environment.", [],
         [Arg("cmd", "command", variadic=True)], compat=True),
    Spec(["cdvirtualenv"], "cd into the active environment.", [],
         [Arg("venvdir", "subdirectory")]),
    Spec(["cdsitepackages"], "cd into the active env's site-packages.", [],
         [Arg("sitedir", "subdirectory")]),
    Spec(["cdproject"], "cd to the active env's project directory."),
    Spec(["lssitepackages"], "List the active env's site-packages."),
    Spec(["wipeenv"], "Uninstall every package of the active env.", compat=True),
    Spec(["add2virtualenv"], "Add directories to the active env's path.", [
        Opt(["-d"], "Remove the directories instead."), *_HELP],
        [Arg("dir", "directory", variadic=True)], compat=True),
    Spec(["mkproject"], "Create a project directory and its environment.", [
        Opt(["-f", "--force"], "Use an existing project directory."), *_MK],
        [Arg("new", "name")], compat=True),
    Spec(["setvirtualenvproject"], "Link an environment to a project directory.", _HELP,
         [Arg("env", "environment"), Arg("dir", "project directory")], compat=True),
    Spec(["toggleglobalsitepackages"], "Toggle access to the system site-packages.", [
        Opt(["-q"], "Quiet."), *_HELP], compat=True),
    Spec(["virtualenvwrapper"], "Show virtualenvwrapper's help.", compat=True),
]


# -- reading the CLI --------------------------------------------------------------------
def _first_line(text: str | None) -> str:
    """The first line of a help text, without its full stop when it is one sentence."""
    line = next(iter((text or "").strip().splitlines()), "")
    return line[:-1] if line.count(".") == 1 and line.endswith(".") else line


def _choices(param) -> list[str]:
    try:
        choices = getattr(param.type, "choices", None)
    except Exception:  # typer's lazy param types may refuse outside a context
        return []
    return [str(c) for c in choices] if choices else []


def _arg_kind(key: str, name: str) -> str:
    return ARG_KINDS.get(key, {}).get(name) or _ARG_BY_NAME.get(name, "text")


def _from_click(command, path: list[str]) -> Spec:
    key = " ".join(path)
    spec = Spec(path, _first_line(command.short_help or command.help))
    for param in command.params:
        if getattr(param, "hidden", False):
            continue
        if param.param_type_name == "option":
            names = list(param.opts) + list(param.secondary_opts)
            long = next((n for n in names if n.startswith("--")), names[0])
            value = None
            if not param.is_flag and not getattr(param, "count", False):
                value = OPT_KINDS.get(long, "text")
            choices = _choices(param) or OPT_CHOICES.get(long, [])
            spec.options.append(Opt(names, _first_line(param.help), value, choices))
        elif param.param_type_name == "argument":
            spec.args.append(Arg(_arg_kind(key, param.name), param.name.replace("_", " "),
                                 param.nargs == -1,
                                 _choices(param) or ARG_CHOICES.get((key, param.name), [])))
    spec.options += _HELP
    if hasattr(command, "commands"):
        for name in command.list_commands(None):
            sub = command.commands[name]
            if not getattr(sub, "hidden", False):
                spec.subs.append(_from_click(sub, path + [name]))
    return spec


# `envman workon NAME` is the shell's workon when the integration is loaded (the envman
# wrapper function passes it on); the CLI only declares a hidden catch-all argument.
SHELL_ROUTED = ("workon", "deactivate")


def load_cli() -> Spec:
    sys.path.insert(0, str(HERE.parent / "src"))  # a checkout works without installing
    from envman.cli import app

    cli = _from_click(app.click_command(), ["envman"])
    functions = {f.key: f for f in FUNCTIONS}
    for sub in cli.subs:
        name = sub.path[-1]
        if name in SHELL_ROUTED and name in functions:
            sub.options, sub.args = functions[name].options, functions[name].args
    return cli


def all_specs(cli: Spec) -> list[Spec]:
    return list(cli.walk()) + FUNCTIONS


# Every command completion is registered for: envman, then the shell functions.
COMMANDS = ["envman"] + [f.key for f in FUNCTIONS]


# -- rendering: one data section per shell, spliced into its hand-written engine ---------
def _sh_quote(text: str) -> str:
    """A single-quoted word, for bash and zsh alike."""
    return "'" + text.replace("'", "'\\''") + "'"


def _functions_array() -> str:
    return "__envman_comp_functions=(" + " ".join(f.key for f in FUNCTIONS) + ")"


def _store_files() -> str:
    """virtualenvwrapper's files in a store: the global hooks shell/envman.sh creates
    (read from envman-base.sh's __envman_global_hooks, the one list) and
    virtualenvwrapper's hook.log.
    The bash engine counts them to tell a store of envs and hook files at a glance."""
    base = SH_SRC_DIR / "envman-base.sh"
    found = re.search(r'^__envman_global_hooks="([^"]*)"$', base.read_text(), re.MULTILINE)
    if found is None:
        raise SystemExit(f"no __envman_global_hooks line in {base}")
    return "__envman_comp_store_files=" + _sh_quote(found.group(1) + " hook.log")


def _arg_codes(spec: Spec) -> str:
    """Positional kinds as one word each: 'env', 'env+' (repeats), 'choice:a|b'."""
    codes = []
    for arg in spec.args:
        code = "choice:" + "|".join(arg.choices) if arg.choices else arg.kind
        codes.append(code + ("+" if arg.variadic else ""))
    return " ".join(codes)


def _value_code(opt: Opt) -> str:
    return "choice:" + "|".join(opt.choices) if opt.choices else str(opt.value)


def _subs_word(spec: Spec) -> str:
    """The subcommand names, space-separated (bash and fish tables)."""
    return " ".join(s.path[-1] for s in spec.subs)


def _vopts_word(spec: Spec) -> str:
    """Options taking a value, as `--name=kind` words (bash and fish tables)."""
    return " ".join(f"{n}={_value_code(o)}" for o in spec.options if o.value for n in o.names)


def render_bash(specs: list[Spec]) -> str:
    """The command table of envman.bash's second part: an associative array from each
    command path to its subcommands, flags, options taking a value and positional
    kinds, ';'-separated (a lookup, where a `case` over ~50 paths costs ~0.06 ms a
    call), and the function that sets them."""
    lines = ["unset __envman_comp_table", "declare -gA __envman_comp_table=("]
    for spec in specs:
        flags = " ".join(n for o in spec.options if o.value is None for n in o.names)
        fields = [_subs_word(spec), flags, _vopts_word(spec), _arg_codes(spec)]
        if any(";" in f for f in fields) or not spec.key:
            raise SystemExit(f"bash table: a ';' in the fields of {spec.key!r} (or no key)")
        lines.append(f"    [{_sh_quote(spec.key)}]={_sh_quote(';'.join(fields))}")
    lines += [")", "",
              "# Sets __envman_comp_subs, _flags, _vopts and _args for the command path $1.",
              "__envman_comp_spec() {",
              "    local entry=';;;'",
              "    [[ -n ${1-} ]] && entry=${__envman_comp_table[$1]-;;;}",
              "    __envman_comp_subs=${entry%%;*} entry=${entry#*;}",
              "    __envman_comp_flags=${entry%%;*} entry=${entry#*;}",
              "    __envman_comp_vopts=${entry%%;*} __envman_comp_args=${entry#*;}",
              "}"]
    return "\n".join(lines)


def render_bash_head(specs: list[Spec]) -> str:
    """The data of envman.bash's first part (@BASH_HEAD@): the commands (paths) whose
    first positional argument is an env name, as "|workon|envman show|...|", read by its
    fast path; the functions to register; the store's usual files."""
    first = [s.key for s in specs if not s.subs and s.args and s.args[0].kind == "env"]
    if any(not re.fullmatch(r"[A-Za-z0-9_. -]+", key) for key in first):
        raise SystemExit(f"a command path the bash fast path cannot match: {first}")
    env_first, line = [], "__envman_comp_env_first='|"
    for key in first:
        if len(line) + len(key) + 2 > 92:
            env_first.append(line + "'")
            line = "__envman_comp_env_first+='"
        line += key + "|"
    return "\n".join([*env_first, line + "'", _functions_array(), _store_files()])


BASH_HEADER = ("# envman's bash completion, GENERATED by completions/generate.py from the CLI "
               "and\n# completions/templates/bash.in (commented): edit those, then run it.\n")


def bash_file(text: str, specs: list[Spec], comments: bool = False) -> str:
    """envman.bash from its template's ``text`` (its generated part in): without the
    comments (bash lexes every character of them on the first TAB) unless ``comments``."""
    text = text.replace("@BASH_HEAD@", render_bash_head(specs))
    if not comments:
        text = BASH_HEADER + "\n".join(sh_code_lines(
            text, ("# shellcheck ", "# -- second part (@BASH_PART2_ID@)"))) + "\n"
    return _bash_parts(text)


def _bash_parts(text: str) -> str:
    """envman.bash with the numbers its first part needs to read the second one alone:
    how many lines to skip (the first part's, up to its top-level `return`), and an id of
    the second part's text, which the second part's first line repeats."""
    lines = text.split("\n")
    end = "[[ ${__envman_comp_part-} == more"
    guard = [i for i, line in enumerate(lines) if line.startswith(end)]
    if len(guard) != 1 or "@BASH_PART2_ID@" not in lines[guard[0] + 1]:
        raise SystemExit("templates/bash.in: no single first part's end followed by the "
                         "second part's first line (@BASH_PART2_ID@)")
    skip = guard[0] + 1
    ident = hashlib.sha256("\n".join(lines[skip + 1:]).encode()).hexdigest()[:12]
    return text.replace("@BASH_PART1_LINES@", str(skip)).replace("@BASH_PART2_ID@", ident)


def _zsh_escape_brackets(text: str) -> str:
    # inside _arguments' [description] a ] must be escaped
    return text.replace("\\", "\\\\").replace("]", "\\]")


def _zsh_action(kind: str, choices: list[str] | None = None) -> str:
    if choices:
        return "(" + " ".join(choices) + ")"
    return {"new": " ", "text": " "}.get(kind, f"__envman_comp_complete_{kind}")


def _zsh_spec_lines(spec: Spec) -> list[str]:
    """_arguments specs; exclusion lists keep -p and --python from both being offered."""
    out = []
    for opt in spec.options:
        repeatable = any(n in ("-i", "--install", "-r", "--requirements") for n in opt.names)
        if repeatable:
            head = "*"
        else:
            head = "(" + " ".join(opt.names) + ")" if len(opt.names) > 1 else ""
        names = "{" + ",".join(opt.names) + "}" if len(opt.names) > 1 else opt.names[0]
        tail = f"[{_zsh_escape_brackets(opt.help)}]"
        if opt.value:
            tail += f":{opt.names[-1].lstrip('-')}:{_zsh_action(opt.value, opt.choices)}"
        out.append((_sh_quote(head) if head else "") + names + _sh_quote(tail))
    for i, arg in enumerate(spec.args, 1):
        label = arg.label.replace(":", "\\:")
        if arg.kind == "cmd":  # the rest of the line is a command line of its own
            out.append(_sh_quote(f"*::{label}:_normal"))
            continue
        pos = "*" if arg.variadic else str(i)
        out.append(_sh_quote(f"{pos}:{label}:{_zsh_action(arg.kind, arg.choices)}"))
    return out


def render_zsh(specs: list[Spec]) -> str:
    lines = ["__envman_comp_spec_args() {", "    case ${1-} in"]
    for spec in specs:
        body = " ".join(_zsh_spec_lines(spec))
        lines.append(f"        {_sh_quote(spec.key)}) reply=({body}) ;;")
    lines += ["        *) reply=() ;;", "    esac", "}", "",
              "__envman_comp_spec_subs() {", "    case ${1-} in"]
    for spec in specs:
        if spec.subs:
            pairs = " ".join(_sh_quote(f"{s.path[-1]}:{s.help}") for s in spec.subs)
            lines.append(f"        {_sh_quote(spec.key)}) reply=({pairs}) ;;")
    lines += ["        *) reply=() ;;", "    esac", "}", "", _functions_array()]
    return "\n".join(lines)


def _fish_quote(text: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9_.,:/+@%=-]+", text):
        return text  # as fish_indent writes it
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


# What each kind offers, as a positional argument or as an option's value (fish takes an
# option's values from the option's own line); "choice" lists come from
# __envman_comp_choices, "new" and "text" offer nothing.
_FISH_OFFERS = {
    "env": "-a '(__envman_comp_envs)'",
    "file": "-F",
    "dir": "-a '(__envman_comp_dirs)'",
    "python": "-a '(__envman_comp_pythons)'",
    "cmd": "-a '(__fish_complete_command)'",
    "venvdir": "-a '(__envman_comp_subdirs \"$VIRTUAL_ENV\")'",
    "sitedir": "-a '(__envman_comp_site_dirs)'",
    "choice": "-a '(__envman_comp_choices)'",
}


def _fish_value_args(kind: str, choices: list[str]) -> str:
    if choices:
        return "-f -a " + _fish_quote(" ".join(choices))
    if kind == "file":
        return "-F"
    return " ".join(["-f", *filter(None, [_FISH_OFFERS.get(kind)])])


def _fish_positional_kinds(spec: Spec) -> set[str]:
    kinds = set()
    for sub in spec.walk():
        for arg in sub.args:
            kinds.add("choice" if arg.choices else arg.kind)
            if arg.kind == "cmd":
                kinds.add("file")  # the command's own arguments
    return kinds & set(_FISH_OFFERS)


def _fish_option(opt: Opt) -> str:
    parts = []
    for name in opt.names:
        if name.startswith("--"):
            parts.append(f"-l {name[2:]}")
        elif len(name) == 2:
            parts.append(f"-s {name[1]}")
        else:
            parts.append(f"-o {name[1:]}")
    if opt.value:
        parts.append("-r " + _fish_value_args(opt.value, opt.choices))
    parts.append(f"-d {_fish_quote(opt.help)}")
    return " ".join(parts)


def _fish_completions(root: Spec) -> list[str]:
    """The `complete` arguments (after `-c COMMAND`) for one command and its subcommands."""
    out = ["-e", "-f"]
    for kind in sorted(_fish_positional_kinds(root)):
        if kind == "env":
            # The names as a variable fish expands, rather than printed by a command
            # substitution and split again (~1.5 ms less per TAB at 1000 envs): the one
            # the condition names (all the names, or those starting with the word).
            # No description: only env names are offered here, so "environment" beside
            # each said nothing, cost fish ~20% of a TAB at 1000 envs (17.1M against
            # 13.5M instructions) and halved the names a pager screen shows.
            out.append("-n __envman_comp_wants_env -a '$$__envman_comp_offer'")
            continue
        out.append(f"-n '__envman_comp_wants {kind}' {_FISH_OFFERS[kind]}")
    # An option several subcommands share (new's options, --help) is one line whose
    # condition names them all.
    paths: dict[str, list[str]] = {}
    for spec in root.walk():
        for line in ([f"-a {_fish_quote(sub.path[-1])} -d {_fish_quote(sub.help)}"
                      for sub in spec.subs] + [_fish_option(opt) for opt in spec.options]):
            paths.setdefault(line, []).append(_fish_quote(spec.key))
    if not root.subs:  # the cursor is always at the root: no condition to ask
        return out + list(paths)
    return out + [f"-n {_fish_quote('__envman_comp_at ' + ' '.join(keys))} {line}"
                  for line, keys in paths.items()]


def _fish_spec(specs: list[Spec]) -> list[str]:
    """__envman_comp_spec: what each command path accepts (the engine's data)."""
    # (the paths with the same row share a case, and those with nothing to say fall to
    # the last: fish parses every line of this on a first TAB)
    rows: dict[str, list[str]] = {}
    for spec in specs:
        row = (f"{_fish_quote(_subs_word(spec))} {_fish_quote(_vopts_word(spec))} "
               f"{_fish_quote(_arg_codes(spec))}")
        if row != "'' '' ''":
            rows.setdefault(row, []).append(_fish_quote(spec.key))
    lines = ["function __envman_comp_spec", "    switch $argv[1]"]
    for row, keys in rows.items():
        lines += [f"        case {' '.join(keys)}", f"            printf '%s\\n' {row}"]
    return lines + ["        case '*'", "            printf '%s\\n' '' '' ''", "    end", "end"]


def _fish_lines(specs: list[Spec]) -> dict[str, list[str]]:
    """The `complete` arguments (after the -c options) and the commands sharing them.
    A completion several commands share (mkvirtualenv's options, env names, --help) is
    one line with several -c, at its first place: the erasing `-e` line comes first."""
    commands: dict[str, list[str]] = {}
    for root in (s for s in specs if len(s.path) == 1):
        for args in _fish_completions(root):
            commands.setdefault(args, []).append(root.path[0])
    return commands


def render_fish(specs: list[Spec]) -> str:
    lines = _fish_spec(specs) + [""]
    lines += [" ".join(["complete", *(f"-c {c}" for c in cs), args])
              for args, cs in _fish_lines(specs).items()]
    return "\n".join(lines + ["", FISH_ALL_LOADED])


def _fish_functions(specs: list[Spec]) -> list[Spec]:
    """The shell functions' specs (envman's own TAB loads the whole file)."""
    return [s for s in specs if len(s.path) == 1 and s.path[0] != "envman"]


def _fish_full_walk(spec: Spec) -> bool:
    """Whether completing this shell function needs the full walk (envman-walk.fish)."""
    return any(s.subs or _vopts_word(s) for s in spec.walk())


def render_fish_walk(specs: list[Spec]) -> str:
    # the shell functions' rows only: envman's own TAB loads the whole file, whose table
    # replaces this one (half the table's lines, parsed on the first TAB of those)
    return "\n".join(_fish_spec(_fish_functions(specs)))


def render_fish_light_walk(specs: list[Spec]) -> str:
    """The engine's walk (templates/fish-walk-light.in): the positional kinds of each
    shell function the full walk is not needed for, in a `case` (names sharing them
    share one); the others load the full walk."""
    funcs = _fish_functions(specs)
    full = [_fish_quote(s.key) for s in funcs if _fish_full_walk(s)]
    lines = [f"        case {' '.join(full)}", "            set kinds full"]
    rows: dict[str, list[str]] = {}
    for spec in funcs:
        if not _fish_full_walk(spec) and _arg_codes(spec):
            kinds = " ".join(_fish_quote(code) for code in _arg_codes(spec).split(" "))
            rows.setdefault(kinds, []).append(_fish_quote(spec.key))
    for kinds, keys in rows.items():
        lines += [f"        case {' '.join(keys)}", f"            set kinds {kinds}"]
    text = (TEMPLATES / "fish-walk-light.in").read_text(encoding="utf-8")
    return text.replace("@TABLE@", "\n".join(lines))


def _fish_walk_chunk(template: str) -> tuple[str, str]:
    """The template without the full walk (its chunk: the text between blank lines that
    defines __envman_comp_walk), and that chunk."""
    chunks = template.split("\n\n")
    walk = [c for c in chunks if re.search(r"^function __envman_comp_walk$", c, re.MULTILINE)]
    return "\n\n".join(c for c in chunks if c not in walk), walk[0]


def _fish_helper_chunks(template: str) -> tuple[str, dict[str, str]]:
    """The template without the FISH_STUB_HELPERS (each with its comment: the text
    between blank lines), and those chunks by function name."""
    keep, helpers = [], {}
    for chunk in template.split("\n\n"):
        found = re.search(r"^function (\S+)", chunk, flags=re.MULTILINE)
        if found and found.group(1) in FISH_STUB_HELPERS:
            helpers[found.group(1)] = chunk
        else:
            keep.append(chunk)
    return "\n\n".join(keep), helpers


def fish_stub(name: str, specs: list[Spec]) -> str:
    """completions/fish/NAME.fish: envman's loads the whole completion file; a shell
    function's loads the engine (once), the FISH_STUB_HELPERS file (once) when its lines
    call one of them, and its own lines."""
    if name == "envman":
        return FISH_STUB
    lines = [f"complete -c {name} {args}" for args, cs in _fish_lines(specs).items()
             if name in cs]
    text = FISH_FUNCTION_STUB.format(name=name)
    if any(re.search(rf"{h}(?![\w-])", line) for h in FISH_STUB_HELPERS for line in lines):
        text += FISH_HELPERS_LOAD
    if any(_fish_full_walk(s) for s in specs if s.key == name):
        text += FISH_WALK_LOAD
    return text + "\n".join(lines) + "\n"


def render_fish_helpers(helpers: dict[str, str]) -> str:
    """completions/envman-helpers.fish: the FISH_STUB_HELPERS, for the stubs that call them."""
    return (FISH_HELPERS_HEADER + "\n\n".join(helpers[h] for h in FISH_STUB_HELPERS)
            + "\nset -g __envman_comp_helpers 1\n")


RENDERERS = {"bash": render_bash, "zsh": render_zsh, "fish": render_fish}


# fish autoloads `<command>.fish` from $fish_complete_path on the first TAB of that
# command. shell/envman.fish puts completions/fish/ on that path instead of sourcing
# envman.fish at start-up (~4 ms of every shell start). envman's stub loads the whole
# file once; a shell function's stub holds that function's own `complete` lines and
# loads only the functions they call (envman-engine.fish, once): a first `workon <TAB>`
# parses a quarter of what the whole file is.
FISH_LAZY_DIR = HERE / "fish"
FISH_ENGINE = HERE / "envman-engine.fish"
FISH_DATA_HEADER = "# -- data: what each command accepts (generated) " + "-" * 38 + "\n"
ENGINE_HEADER = ("# The functions of envman.fish (below) without its `complete` lines, its walk\n"
                 "# over the command line and command table (a shorter walk instead, at the\n"
                 "# end) and the helpers only some commands call (their stubs define them):\n"
                 "# what completions/fish/<function>.fish load first.\n")
FISH_ALL_LOADED = ("set -g __envman_comp_loaded 1 # every command's lines: "
                   "completions/fish/envman.fish checks this")
FISH_STUB = (
    "# GENERATED by completions/generate.py: loads envman's fish completions on the\n"
    "# first TAB of this command (see shell/envman.fish).\n"
    "set -q __envman_comp_loaded; or builtin source (status dirname)/../envman.fish\n"
)
FISH_FUNCTION_STUB = (
    "# GENERATED by completions/generate.py: {name}'s fish completions, autoloaded on its\n"
    "# first TAB (see shell/envman.fish); the functions they call are loaded once.\n"
    "set -q __envman_comp_engine; or builtin source (status dirname)/../envman-engine.fish\n"
)
# The template's helpers only some commands' lines call (directories, pythons, choices):
# not in envman-engine.fish but in envman-helpers.fish, which the stubs of the commands
# calling them source once (parsed on the first TAB of those only; envman.fish has them all).
# With them the functions no stub's line calls: __envman_comp_positional (choices calls
# it), __envman_comp_at (envman's own lines) and __envman_comp_envs (the names printed).
FISH_STUB_HELPERS = ("__envman_comp_subdirs", "__envman_comp_site_dirs", "__envman_comp_dirs",
                     "__envman_comp_pythons", "__envman_comp_choices", "__envman_comp_positional",
                     "__envman_comp_at", "__envman_comp_envs")
FISH_HELPERS = HERE / "envman-helpers.fish"
FISH_HELPERS_HEADER = (
    "# GENERATED by completions/generate.py: the functions of envman.fish that only\n"
    "# some commands' completions call (directories, pythons, choices), sourced\n"
    "# once by those commands' stubs in fish/, and those no stub's line calls.\n")
FISH_HELPERS_LOAD = ("set -q __envman_comp_helpers; "
                     "or builtin source (status dirname)/../envman-helpers.fish\n")
# The template's walk over the command line, and the shell functions' rows of the
# command table it reads, are in envman-walk.fish, which the stubs of the commands that
# need them (options taking a value) source once; the engine has a walk for the others
# (templates/fish-walk-light.in), which only counts positional arguments.
FISH_WALK = HERE / "envman-walk.fish"
FISH_WALK_HEADER = (
    "# GENERATED by completions/generate.py: the walk over the command line of envman.fish\n"
    "# and the shell functions' rows of its command table, sourced once by the stubs in\n"
    "# fish/ of the commands with options taking a value (it replaces the engine's walk).\n\n")
FISH_WALK_LOAD = ("set -q __envman_comp_walk_full; "
                  "or builtin source (status dirname)/../envman-walk.fish\n")


# -- the shell integration's generated blocks --------------------------------------------
COMPAT_FUNCTIONS = [f.key for f in FUNCTIONS if f.compat]
# virtualenvwrapper's helper functions, which users' hook scripts and dotfiles call
# (bash and zsh only, as in virtualenvwrapper): stubs that load envman-compat.sh, no
# completion.
SH_HELPER_FUNCTIONS = [
    "virtualenvwrapper_cd", "virtualenvwrapper_expandpath", "virtualenvwrapper_absolutepath",
    "virtualenvwrapper_derive_workon_home", "virtualenvwrapper_verify_workon_home",
    "virtualenvwrapper_verify_workon_environment",
    "virtualenvwrapper_verify_active_environment", "virtualenvwrapper_verify_resource",
    "virtualenvwrapper_verify_virtualenv", "virtualenvwrapper_verify_virtualenv_clone",
    "virtualenvwrapper_verify_project_home", "virtualenvwrapper_show_workon_options",
    "virtualenvwrapper_get_python_version", "virtualenvwrapper_get_site_packages_dir",
    "virtualenvwrapper_mktemp", "virtualenvwrapper_tempfile", "virtualenvwrapper_run_hook",
    "virtualenvwrapper_initialize", "virtualenvwrapper_setup_tab_completion",
    "virtualenvwrapper_mkvirtualenv_help", "virtualenvwrapper_workon_help",
    "virtualenvwrapper_mkproject_help", "_lsvirtualenv_usage", "_virtualenvwrapper_version",
]


def _wrap(words: list[str], first: str, indent: str, width: int = 92) -> list[str]:
    """``first`` followed by ``words``, broken into backslash-continued lines."""
    lines, line = [], first
    for word in words:
        if len(line) + 1 + len(word) + 2 > width:
            lines.append(line + " \\")
            line = indent + word
        else:
            line += " " + word
    return lines + [line]


# virtualenvwrapper's names for bash and zsh, in two files loaded on first use: the
# listing, help and helper ones (what a first compatibility command that starts no
# Python loads), and the ones that make, copy or remove envs (loaded after the first).
def _src(name: str) -> str:
    """The text of shell/src/``name`` (a commented source of a file loaded on first use)."""
    return (SH_SRC_DIR / name).read_text(encoding="utf-8")


_SH_FUNCTION = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\(\) \{", re.MULTILINE)


def _sh_functions(text: str) -> list[str]:
    """The functions bash/zsh ``text`` defines at the start of a line, in order."""
    return _SH_FUNCTION.findall(text)


def _names(name: str, text: str) -> bool:
    """Whether shell ``text`` names the function ``name`` (as a whole word)."""
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) is not None


SH_COMPAT_FILES = ("envman-compat.sh", "envman-compat-mk.sh")


def _sh_compat_homes() -> dict[str, str]:
    """Each virtualenvwrapper name (and helper) and the loader of the file defining it."""
    home = {name: file for file in SH_COMPAT_FILES for name in _sh_functions(_src(file))}
    missing = [n for n in COMPAT_FUNCTIONS + SH_HELPER_FUNCTIONS if n not in home]
    if missing:
        raise SystemExit(f"defined in no file of {SH_COMPAT_FILES}: {', '.join(missing)}")
    loader = {"envman-compat.sh": "__envman_compat_load",
              "envman-compat-mk.sh": "__envman_compat_mk"}
    return {name: loader[home[name]] for name in COMPAT_FUNCTIONS + SH_HELPER_FUNCTIONS}


# What the stubs of virtualenvwrapper's names run before the name they stand for (which
# the file loaded replaces): envman-compat.sh, or envman-compat-mk.sh after it. Neither
# needs the core (envman-compat.sh stubs what the two call of it). bash's two loaders
# and zsh's two groups of stubs run these themselves; ksh93's stubs call a function each.
COMPAT_LOADS = {
    "__envman_compat_load": "__envman_load envman-compat.sh &&",
    "__envman_compat_mk": ("{ [[ -n ${__envman_compat_loaded-} ]] || __envman_load "
                           "envman-compat.sh; } && __envman_load envman-compat-mk.sh &&"),
}

def _compat_loaders() -> list[str]:
    """COMPAT_LOADS as functions taking the name to call: ksh93's rc file defines them,
    and envman-core.sh keeps them for an rc file loaded before an upgrade."""
    return [f'{how}() {{ {load} "$@"; }}' for how, load in COMPAT_LOADS.items()]


# envman.sh's stubs of envman-lazy.sh's functions (envman-lazy.sh replaces them)
SH_LAZY_STUBS = ("__envman_auto_update", "envman", "__envman_make_hooks")


def _sh_blocks(shell: str = "ksh") -> dict[str, list[str]]:
    """The generated blocks of envman-rc.sh for one shell's file. Each stub costs every
    shell start, so each shell gets its cheapest spelling: zsh defines all the stubs
    that share a body with one `function NAME... {` (the name called is funcstack's
    first); bash gives each virtualenvwrapper name a body without the name (a loader
    takes it from FUNCNAME), ~25% less to parse; ksh93 (made from the "ksh" blocks)
    has neither, and keeps NAME() { LOADER NAME "$@"; }."""
    # bash loads its completion file on the first TAB of any of these names
    lazy = _wrap(COMMANDS, "        \\builtin complete -F __envman_lazy_complete", " " * 12)
    lazy[-1] += " 2>/dev/null || :"
    loaders = _sh_compat_homes()
    core = _core_stubs(_rc_names_text())[0]
    if shell == "zsh":
        def group(names, body: str) -> list[str]:
            # (one line in envman.zsh: zsh reads a file a line at a time)
            return _wrap(list(names), "function", "    ") [:-1] + [
                _wrap(list(names), "function", "    ")[-1] + f" {{ {body}; }}"]
        compat = []
        for how in ("__envman_compat_load", "__envman_compat_mk"):
            compat += group([n for n, h in loaders.items() if h == how], "__envman_stub_ok && "
                            + COMPAT_LOADS[how] + ' "${funcstack[@]:0:1}" "$@"')
        return {"lazy stubs": group(SH_LAZY_STUBS, '__envman_stub_ok && __envman_lazy && '
                                    '"${funcstack[@]:0:1}" "$@"'),
                "core stubs": group(core, '__envman_stub_ok && __envman_core && '
                                    '"${funcstack[@]:0:1}" "$@"'),
                "compat stubs": compat, "bash lazy completion": [":"]}
    lazy_stubs = [f'{n}() {{ __envman_lazy && {n} "$@"; }}' for n in SH_LAZY_STUBS]
    core_stubs = [f'{n}() {{ __envman_core && {n} "$@"; }}' for n in core]
    if shell == "bash":
        # (as the virtualenvwrapper stubs: a loader that takes the name from FUNCNAME)
        # (shellcheck: the prompt calls __envman_auto_update without arguments)
        lazy_stubs = ['__envman_lz() { __envman_stub_ok && __envman_lazy && '
                      '"${FUNCNAME[1]}" "$@"; }'] + [
            ("# shellcheck disable=SC2120\n" if n == "__envman_auto_update" else "")
            + f'{n}() {{ __envman_lz "$@"; }}' for n in SH_LAZY_STUBS]
        core_stubs = ['__envman_co() { __envman_stub_ok && __envman_core && '
                      '"${FUNCNAME[1]}" "$@"; }'] + [
            f'{n}() {{ __envman_co "$@"; }}' for n in core]
        short = {"__envman_compat_load": "__envman_cl", "__envman_compat_mk": "__envman_cm"}
        compat = [f'{s}() {{ __envman_stub_ok && {COMPAT_LOADS[how]} "${{FUNCNAME[1]}}" "$@"; }}'
                  for how, s in short.items()]
        compat += [f'{n}() {{ {short[how]} "$@"; }}' for n, how in loaders.items()]
    else:
        compat = _compat_loaders() + [f'{n}() {{ {how} {n} "$@"; }}'
                                      for n, how in loaders.items()]
    return {"bash lazy completion": lazy, "lazy stubs": lazy_stubs, "core stubs": core_stubs,
            "compat stubs": compat}


def _rc_names_text() -> str:
    """What the rc files name (calls), for _core_stubs: the source with ksh's stubs of
    virtualenvwrapper's names (which name each loader) and of envman-lazy.sh."""
    loaders = _sh_compat_homes()
    return splice(SH_SOURCE.read_text(encoding="utf-8"), {
        "compat stubs": [f'{n}() {{ {how} {n} "$@"; }}' for n, how in loaders.items()],
        "lazy stubs": [f'{n}() {{ __envman_lazy && {n} "$@"; }}' for n in SH_LAZY_STUBS],
        "core stubs": []}, SH_SOURCE)


def _core_names() -> list[str]:
    """The functions the rest reach through envman-core.sh: its own, and envman-more.sh's
    (which the core stubs until a call loads it)."""
    return [n for f in ("envman-core.sh", "envman-more.sh")
            for n in _sh_functions(_without_block(_src(f), "more stubs"))]


def _more_blocks() -> dict[str, list[str]]:
    """envman-core.sh's stubs of every function of envman-more.sh."""
    return {"more stubs": [f'{n}() {{ __envman_more && {n} "$@"; }}'
                           for n in _sh_functions(_src("envman-more.sh"))]}


def _lazy_blocks() -> dict[str, list[str]]:
    return {"core stubs": _core_stubs(_rc_names_text())[1]}


def _compat_blocks() -> dict[str, list[str]]:
    """envman-compat.sh's stubs of the core's functions it or envman-compat-mk.sh (loaded
    after it) call: they load without the core (envman-base.sh is always in first)."""
    texts = [_without_block(_without_block(_src(f), "core stubs"), "lazy stubs")
             for f in SH_COMPAT_FILES + ("envman-base.sh",)]
    # (and not the ones the rc files already stub)
    own = {n for t in texts for n in _sh_functions(t)} | set(
        _core_stubs(_rc_names_text())[0]) | set(SH_LAZY_STUBS)
    calls = "\n".join(texts[:-1])
    lazy = _without_block(_src("envman-lazy.sh"), "core stubs")

    def called(names: list[str], loader: str) -> list[str]:
        return [f'    {n}() {{ {loader} && {n} "$@"; }}' for n in names
                if n not in own and _names(n, calls)]
    return {"core stubs": called(_core_names(), "__envman_core"),
            "lazy stubs": called(_sh_functions(lazy), "__envman_lazy")}


def _without_block(text: str, name: str) -> str:
    return re.sub(rf"# >>> generated: {name}\n.*?# <<< generated: {name}\n", "", text,
                  flags=re.DOTALL)


def _core_stubs(load: str) -> tuple[list[str], list[str]]:
    """The names of envman-core.sh's functions (loaded on first use) that something
    besides the core may call first: for the rc files, the public ones and the ones
    they name themselves (``load``: each costs every start); for envman-lazy.sh, stubs
    of the ones only that file names (it can be loaded without the core: it defines
    them only then). envman-compat.sh loads the core before it runs, so it needs none."""
    names = _core_names()
    lazy = _without_block(_src("envman-lazy.sh"), "core stubs")
    public = {f.key for f in FUNCTIONS if not f.compat} | {"envman"}
    # (not the compat loaders, which each rc file defines in its own way; the core
    # keeps them for an rc file loaded before an upgrade)
    first = [n for n in names if (n in public or _names(n, load)) and n not in COMPAT_LOADS]
    own = set(_sh_functions(lazy))
    second = [n for n in names if n not in first and n not in own and _names(n, lazy)]
    return (first, [f'    {n}() {{ __envman_core && {n} "$@"; }}' for n in second])


# The rc files (envman.sh for bash, envman.zsh, and the text envman.ksh is made from)
# are written from envman-rc.sh: each keeps its own shell's side of the source's
# `if [ -n "${ZSH_VERSION-}" ]; then` / `else` / `fi` (lines of their own, one
# indentation; ksh93 takes bash's), its generated blocks and, of the comments, only
# shellcheck's directives (~0.05 ms of every start). Bash and zsh parse a whole `if`
# before running it: the other shell's side cost each ~0.1 ms. envman.sh, which an rc
# line may source in zsh, hands zsh over to envman.zsh first.
RC_ZSH_IF = 'if [ -n "${ZSH_VERSION-}" ]; then'
RC_HEADER = "# envman for {what}, GENERATED from envman-rc.sh: edit that, run generate.py\n"
# (bash's: one test on bash's way, which parses the zsh side but never runs it)
RC_BASH_GUARD = r"""if [ -z "${BASH_VERSION-}" ]; then
    if [ -n "${ZSH_VERSION-}" ]; then
        \builtin eval 'if [[ -o functionargzero ]] && ! [[ -o posixargzero ]] 2>/dev/null &&
            [[ $0 = */* ]]; then \builtin . "${0%/*}/envman.zsh"
        else \builtin . "${${(%):-%x}:h}/envman.zsh"; fi'
        \builtin return
    fi
"""

RC_ZSH_GUARD = ('if [ -z "${ZSH_VERSION-}" ]; then\n'
                "    \\command printf '%s\\n' \"envman: envman.zsh is for zsh (bash: envman.sh; "
                "ksh93: envman.ksh; fish: envman.fish)\" >&2\n"
                "    \\builtin return 1 2>/dev/null || return 1\n")


def _rc_side(text: str, zsh: bool) -> str:
    """``text`` with each ZSH_VERSION `if` replaced by the side for zsh or the other."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip() != RC_ZSH_IF:
            out.append(line)
            i += 1
            continue
        indent = line[:len(line) - len(line.lstrip())]
        ends = [j for j in range(i + 1, len(lines))
                if lines[j] in (indent + "else", indent + "fi")]
        if len(ends) < 2 or lines[ends[0]] != indent + "else" or lines[ends[1]] != indent + "fi":
            raise SystemExit(f"{SH_SOURCE}: line {i + 1}: a ZSH_VERSION `if` without its own "
                             "`else` and `fi` lines at its indentation")
        body = lines[i + 1:ends[0]] if zsh else lines[ends[0] + 1:ends[1]]
        if any(re.match(rf"{indent}(elif|else|fi)\b", b) for b in body):
            raise SystemExit(f"{SH_SOURCE}: line {i + 1}: an elif in a ZSH_VERSION `if`")
        body = [b[4:] if b.startswith(indent + "    ") else b for b in body]
        out += [b for b in body if b.strip() != ":"]
        i = ends[1] + 1
    return "\n".join(out)


def _rc_text(shell: str, join: bool = True) -> str:
    """The rc file for bash, zsh (each top-level command one line unless not ``join``),
    or the text of envman.sh that envman.ksh is made from."""
    text = _rc_side(splice(SH_SOURCE.read_text(encoding="utf-8"), _sh_blocks(shell),
                           SH_SOURCE), zsh=shell == "zsh")
    # zsh-only syntax the source keeps from shellcheck (and bash's parser) in comments:
    # `#zsh: CODE` is CODE in envman.zsh, which zsh parses once instead of in an eval
    text = re.sub(r"^(\s*)#zsh: ?", r"\1", text, flags=re.MULTILINE) if shell == "zsh" else text
    # (the markers only for the ksh text, which generation splices again)
    lines = [ln for ln in text.split("\n") if not ln.lstrip().startswith("#")
             or (shell == "ksh" and ln.lstrip().startswith(("# >>> generated", "# <<< generated")))
             or (shell != "zsh" and ln.lstrip().startswith("# shellcheck"))]
    text = "\n".join(ln for i, ln in enumerate(lines) if ln or (i and lines[i - 1]))
    # (a directive's own comment, for the reader of the source, is parsed at every start)
    text = re.sub(r"^(\s*# shellcheck [^#\n]*?)\s+#.*$", r"\1", text, flags=re.MULTILINE)
    if shell in ("bash", "zsh"):
        # zsh reads a sourced file a line at a time, each line with two system calls
        # (sigprocmask); bash lexes every character: no blank lines, and a
        # backslash-continued command on one line
        text = re.sub(r" \\\n\s*", " ", text)
        text = "\n".join(ln for ln in text.split("\n") if ln.strip()) + "\n"
    if shell == "bash":
        if text.count(KSH_GUARD) != 1:
            raise SystemExit(f"{SH_SOURCE}: not exactly one guard (KSH_GUARD)")
        return RC_HEADER.format(what="bash (zsh: envman.zsh)") + text.replace(
            KSH_GUARD, RC_BASH_GUARD + KSH_GUARD.split("\n", 1)[1])
    if shell == "zsh":
        if text.count(KSH_GUARD) != 1:
            raise SystemExit(f"{SH_SOURCE}: not exactly one guard (KSH_GUARD)")
        text = text.replace(KSH_GUARD, RC_ZSH_GUARD)
        return RC_HEADER.format(what="zsh") + (zsh_joined(text) if join else text)
    return text


# zsh reads a sourced file with two sigprocmask calls per line (~1.1 us here), which
# the ~100 lines of envman.zsh paid at every start: each top-level command of it is one
# line. (All of it on one line saves more calls but costs more: zsh then holds the
# parsed code of the whole file at once, 11 more page faults and 0.08M instructions.)
# A command's later lines are indented, and the words that close it (fi, esac, }, done)
# are at its column. Within a command, a newline ends a command where `; ` does, except
# after the words and operators below, where it only separates words (a space), and
# before `;;`.
_ZSH_CLOSERS = re.compile(r"(?:fi|esac|\}|done|else|elif|then|;;)(?:[\s;]|$)")


def zsh_joined(text: str) -> str:
    """``text``, zsh code, with each top-level command on one line (the first, the guard,
    is the one command other shells parse before they return)."""
    guard, rest = text.split("\nfi\n", 1)
    commands: list[list[str]] = []
    for line in rest.split("\n"):
        if line.strip():
            if commands and (line[0].isspace() or _ZSH_CLOSERS.match(line)):
                commands[-1].append(line)
            else:
                commands.append([line])
    return "".join(zsh_one_line(c) + "\n" for c in [[*guard.split("\n"), "fi"], *commands])


_ZSH_SPACE_AFTER = re.compile(r"(?:^|[\s;])(?:then|do|else|in|\{|;;|&&|\|\||\|)$")


def zsh_one_line(lines: list[str]) -> str:
    """``lines`` (zsh code, no comments, no here-documents, no continuation lines) as one
    line that zsh parses the same way."""
    lines = [ln.strip() for ln in lines if ln.strip()]
    if any(ln.startswith(("#", ")")) or "<<" in ln or ln.endswith("\\") for ln in lines):
        raise SystemExit("envman.zsh: a comment, here-document, continued or closing line "
                         "cannot be joined into one line")
    out, pattern = (lines[0] if lines else ""), False
    for prev, line in zip(lines, lines[1:], strict=False):
        # a line that is only a case pattern (after `in` or `;;`) runs on into its body
        space = pattern or _ZSH_SPACE_AFTER.search(prev) or line.startswith(";;")
        out += (" " if space else "; ") + line
        pattern = bool(re.search(r"(?:^|\s)in$|;;$", prev)) and bool(
            re.fullmatch(r"[^\s()]+(?: \| [^\s()]+)*\)", line))
    return out


def sh_code_lines(text: str, keep: str = "# shellcheck ") -> list[str]:
    """The lines of shell ``text`` (bash, zsh, fish) without comment lines (but those
    starting with ``keep``: shellcheck's directives, without their own comment) and blank
    lines."""
    kept = [ln for ln in text.split("\n") if ln.strip() and (
        not ln.lstrip().startswith("#") or ln.lstrip().startswith(keep))]
    return [re.sub(r"^(\s*# shellcheck [^#]*?)\s+#.*$", r"\1", ln) for ln in kept]


def sh_loaded(text: str, name: str) -> str:
    """The file the shells load for the source ``text`` of shell/src/``name`` (bash/zsh
    or fish): without comment lines (shellcheck's directives kept) and blank lines. No
    source has a multi-line string or here-document whose lines could look like either:
    tests compare the functions and variables each defines with its source's, in bash,
    zsh and fish."""
    kept = sh_code_lines(text)
    head = f"# GENERATED from shell/src/{name}: edit that, run completions/generate.py\n"
    if kept and kept[0].startswith("# shellcheck shell="):
        return kept[0] + "\n" + head + "\n".join(kept[1:]) + "\n"
    return head + "\n".join(kept) + "\n"


# envman.fish is written from envman-rc.fish: its generated blocks, and neither its
# comment lines nor its blank lines. fish parses the whole file before it runs a line,
# and every character it reads costs (a comment line ~2k instructions): the comments
# were ~0.18M of the rc line's ~4.7M.
FISH_RC_HEADER = "# envman for fish, GENERATED from envman-rc.fish: edit that, run generate.py\n"


def _fish_rc_text() -> str:
    """envman.fish: envman-rc.fish without its comment and blank lines."""
    text = FISH_SOURCE.read_text(encoding="utf-8")
    return FISH_RC_HEADER + "\n".join(sh_code_lines(text)) + "\n"


def fish_base(core: str) -> str:
    """shell/envman-base.fish: the FISH_BASE functions of ``core`` (the source of
    envman-core.fish), without comment and blank lines."""
    blocks = []
    for name in FISH_BASE:
        found = re.search(rf"^function {name}\b.*?^end$", core, re.MULTILINE | re.DOTALL)
        if found is None:
            raise SystemExit(f"shell/src/envman-core.fish: no function {name}")
        blocks.append(found.group(0))
    return sh_loaded("\n".join(blocks), "envman-core.fish").replace(
        ": edit that", " (its functions " + ", ".join(FISH_BASE) + "): edit that", 1)


def _fish_defined(text: str) -> set[str]:
    """The functions a fish file defines: `function NAME` lines and the names of a
    `for n in NAMES` loop (continued lines included) that defines `function $n`."""
    names = set(re.findall(r"^\s*function ([A-Za-z_][\w-]*)", text, re.MULTILINE))
    for words in re.findall(r"^\s*for \w+ in ((?:.*\\\n)*.*)\n\s*function \$", text,
                            re.MULTILINE):
        names |= set(words.replace("\\\n", " ").split())
    return names


def _fish_compat_blocks() -> dict[str, list[str]]:
    """envman-compat.fish's stubs of what it and envman-compat-mk.fish (loaded after it)
    call of envman-core.fish and envman-lazy.fish, defined while the core is not loaded:
    the compat files load with envman-base.fish only. Not the ones fish autoloads (their
    stubs keep their descriptions), the compat files define or envman-base.fish has."""
    own = set().union(*(_fish_defined(_without_block(_src(f), "core stubs")) for f in (
        "envman-compat.fish", "envman-compat-mk.fish"))) | _fish_defined(
        FISH_SOURCE.read_text(encoding="utf-8")) | {n for n, _ in _fish_core_stubs()} | set(
        FISH_BASE)
    calls = "\n".join(ln for f in ("envman-compat.fish", "envman-compat-mk.fish")
                      for ln in _without_block(_src(f), "core stubs").split("\n")
                      if not ln.lstrip().startswith("#"))
    lines = []
    for file, var in (("envman-core.fish", "__envman_core_file"),
                      ("envman-leave.fish", "__envman_core_file"),  # (the core stubs them)
                      ("envman-lazy.fish", "__envman_lazy_file")):
        names = [n for n in re.findall(r"^function ([A-Za-z_][\w-]*)", _src(file), re.MULTILINE)
                 if n not in own and _names(n, calls)]
        if names:
            lines += _wrap(names, "    for n in", " " * 8) + [
                "        function $n -V n",
                f'            builtin source "${var}"; and $n $argv',
                "        end",
                "    end",
            ]
    return {"core stubs": lines}


def _fish_leave_blocks() -> dict[str, list[str]]:
    """envman-core.fish's stubs of envman-leave.fish's functions (what leaving an env
    needs, which a first workon never calls): the first call of one sources that file."""
    names = re.findall(r"^function ([A-Za-z_][\w-]*)", _src("envman-leave.fish"), re.MULTILINE)
    return {"leave stubs": _wrap(names, "for n in", " " * 4) + [
        "    function $n -V n",
        "        builtin source (status dirname)/envman-leave.fish; and $n $argv",
        "    end",
        "end",
    ]}


FISH_AUTOLOAD_HEADER = ("# envman: fish autoloads this first-use stub (GENERATED by "
                        "completions/generate.py)\n")


def fish_autoload_files() -> dict[Path, str]:
    """The fish stubs, one file a function in the directories envman.fish adds to
    fish_function_path: fish defines none of them at a shell start (defining them there
    cost ~0.9M instructions, 22% of the rc line), and the first call of a name (or
    `functions`, `type`) sources its file, whose stub sources the file that defines the
    function and calls it. virtualenvwrapper's names are in a directory of their own,
    added only in compat mode; each stub sources envman-compat.fish, which gives the
    commands that make envs stubs of their own (_fish_mk_stubs)."""
    files = {FISH_AUTOLOAD_DIR / f"{name}.fish": FISH_AUTOLOAD_HEADER + text
             for name, text in _fish_core_stubs()}
    files.update({FISH_AUTOLOAD_COMPAT_DIR / f"{name}.fish": FISH_AUTOLOAD_HEADER + (
        f"function {name} -d \"virtualenvwrapper's {name} (envman)\"\n"
        + _fish_loaded_guard(name, "__envman_compat_file")
        + f'    builtin source "$__envman_compat_file"; and {name} $argv\n'
        "end\n") for name in COMPAT_FUNCTIONS})
    return files


def _fish_mk_stubs() -> dict[str, list[str]]:
    """envman-compat.fish's stubs of virtualenvwrapper's commands that make envs, which
    live in envman-compat-mk.fish (it sources envman-compat.fish first when needed):
    envman.fish's stubs of them source envman-compat.fish, whose stubs replace them."""
    make = _src("envman-compat-mk.fish")
    makers = [name for name in COMPAT_FUNCTIONS
              if re.search(rf"^function {re.escape(name)}\b", make, re.MULTILINE)]
    return {"mk stubs": _wrap(makers, "for n in", " " * 4) + [
        "    function $n -V n -d \"virtualenvwrapper's $n (envman)\"",
        '        builtin source (path dirname -- "$__envman_compat_file")/envman-compat-mk.fish',
        "        $n $argv",
        "    end",
        "end",
    ]}


def _fish_core_stubs() -> list[tuple[str, str]]:
    """The stubs of the functions of envman-core.fish, envman-leave.fish and
    envman-lazy.fish (sourced on first use), each sourcing the file that defines it: the
    public ones, with the description fish shows and --wraps; of the private ones,
    __envman_exec and those envman.fish calls (envman-lazy.fish and envman-compat.fish
    source the core before they run)."""
    own = FISH_SOURCE.read_text(encoding="utf-8")
    public = {f.key for f in FUNCTIONS if not f.compat} | {"envman"}
    stubs = []
    for file, var in (("envman-core.fish", "__envman_core_file"),
                      ("envman-leave.fish", "__envman_core_file"),  # (the core stubs it)
                      ("envman-lazy.fish", "__envman_lazy_file")):
        for name, opts in re.findall(r"^function ([A-Za-z_][\w-]*)(.*)$", _src(file),
                                     re.MULTILINE):
            if name in public:
                keep = "".join(f" -{m.group(1)[0]} {m.group(2)}" for m in re.finditer(
                    r"--(wraps|description) ('[^']*'|\"[^\"]*\"|\S+)", opts))
            # (__envman_exec: for scripts and hooks, as envman.sh keeps it)
            elif name == "__envman_exec" or re.search(rf"(?<![\w-]){name}(?![\w-])", own):
                keep = ""
            else:
                continue
            stubs.append((name, f"function {name}{keep}\n" + _fish_loaded_guard(name, var)
                                + f'    builtin source "${var}"; and {name} $argv\nend\n'))
    return stubs


def _fish_loaded_guard(name: str, var: str) -> str:
    """A stub's first lines: its directory can outlive envman in fish_function_path (a
    universal one saved from a shell that had loaded envman), where the file to source
    is not set: say so once, instead of sourcing nothing or calling itself forever."""
    why = ("envman.fish is not loaded in this shell, or its compatibility names are off"
           if var == "__envman_compat_file" else "envman.fish is not loaded in this shell")
    if name == "envman":  # (the program itself, then, as without the wrapper)
        return (f"    if not set -q {var}\n"
                "        command envman $argv\n"
                "        return\n"
                "    end\n")
    return (f"    if not set -q {var}\n"
            f"        echo 'envman: {name}: {why}' >&2\n"
            "        return 1\n"
            "    end\n")


def splice(text: str, blocks: dict[str, list[str]], where: Path) -> str:
    """``text`` with the lines between each ``# >>> generated: NAME`` marker and the
    next ``# <<< generated: NAME`` replaced by ``blocks[NAME]``."""
    lines = text.splitlines(keepends=True)
    for name, body in blocks.items():
        begin = [i for i, ln in enumerate(lines) if ln.strip() == f"# >>> generated: {name}"]
        end = [i for i, ln in enumerate(lines) if ln.strip() == f"# <<< generated: {name}"]
        if len(begin) != 1 or len(end) != 1 or end[0] < begin[0]:
            raise SystemExit(f"{where}: no single '# >>> generated: {name}' ... "
                             f"'# <<< generated: {name}' pair of lines")
        lines[begin[0] + 1:end[0]] = [ln + "\n" for ln in body]
    return "".join(lines)


# -- the ksh93 integration, derived from the bash/zsh files -----------------------------
# The bash/zsh code already runs unchanged in ksh93 but for a few points of syntax, so
# the ksh files are written from it here (an edit to envman.sh reaches ksh at the next
# run) rather than kept by hand:
#   * `name() {` becomes `function name {`: only there does ksh93's typeset make a
#     local (statically scoped: no function reads its caller's locals, checked by
#     tests/completion/test_ksh_transform.py), save KSH_POSIX_FUNCTIONS;
#   * `local` becomes `typeset`; `X=()` (an empty compound variable in ksh93, not an
#     empty array) becomes `unset X`, which a later `X+=(...)` makes an array again;
#   * `\builtin NAME` (ksh93's builtin only adds builtins): special builtins, which no
#     function can override, become `\NAME`; bash's shopt becomes false; the others
#     `\command NAME`;
#   * a few bash-only expansions have a ksh93 spelling (KSH_LITERALS), and the files
#     name each other .ksh.
# Every literal must occur in the source: a change there fails generation loudly.
KSH_FILES = {"envman.sh": "envman.ksh", "envman-base.sh": "envman-base.ksh",
             "envman-core.sh": "envman-core.ksh", "envman-more.sh": "envman-more.ksh",
             "envman-lazy.sh": "envman-lazy.ksh", "envman-compat.sh": "envman-compat.ksh",
             "envman-compat-mk.sh": "envman-compat-mk.ksh"}
KSH_SPECIAL = {".", "eval", "export", "unset", "return", "typeset", "set", "shift", "trap",
               "readonly", "exit", ":", "break", "continue"}
KSH_GUARD = ('if [ -z "${BASH_VERSION-}" ] && [ -z "${ZSH_VERSION-}" ]; then\n'
             "    \\command printf '%s\\n' \"envman: envman.sh is for bash and zsh (ksh93: "
             "envman.ksh; fish: envman.fish)\" >&2\n"
             "    \\builtin return 1 2>/dev/null || return 1\n")
KSH_LITERALS = {
    "envman.sh": [
        (KSH_GUARD,
         'if case "${KSH_VERSION-}" in *93*) false ;; *) true ;; esac || [ -n "${BASH_VERSION-}" ] '
         '|| [ -n "${ZSH_VERSION-}" ]; then\n'
         "    \\command printf '%s\\n' \"envman: this file is for ksh93 (for another shell: "
         "envman init --path SHELL)\" >&2\n"
         "    \\return 1\n"),
        ('__envman_shell_dir="${BASH_SOURCE[0]-}"',
         "# shellcheck disable=SC2296  # ksh93's name for the file being sourced\n"
         '__envman_shell_dir="${.sh.file}"'),
    ],
    "envman-base.sh": [
        # ksh93 has no mapfile; its $(<file) needs no fork either
        ('        \\builtin mapfile -t _em_text < "$1" || :\n'
         '        __envman_reply="${_em_text[*]-}"\n',
         '        __envman_reply="$(<"$1")"\n'),
    ],
    "envman-more.sh": [
        # ksh93 always expands parameters in PS1 (bash's promptvars), then numbers a !
        ('    elif \\builtin shopt -q promptvars 2>/dev/null; then\n',
         '    elif \\true; then\n'
         '        __envman_reply="${__envman_reply//!/!!}"\n'),
        # per-env variables: ksh93's ${@NAME} is NAME's attributes ("typeset -x -r")
        ('    elif [ -n "$2" ] && [ -n "$__envman_bash_attrs" ]; then\n'
         '        _em_attrs="${!1@a}"\n',
         '    elif [ -n "$2" ]; then\n'
         '        \\eval \'_em_attrs="${@\'"$1"\'}"\'\n'),
    ],
    "envman-core.sh": [
        # ksh93 has no export -n: unset, then a plain assignment (global from a function)
        ('\\builtin export -n -- "${__envman_vars_saved[$_em_i]}" || :',
         '\\unset -- "${__envman_vars_saved[$_em_i]}" || :\n'
         '                    \\eval "${__envman_vars_saved[$_em_i]}='
         '\\${__envman_vars_saved[_em_i + 2]}" || :'),
    ],
    "envman-lazy.sh": [
        ('-group "${GROUPS[0]-0}"', '-group "$(\\command id -g)"'),
    ],
    "envman-compat-mk.sh": [
        # ksh93's ${@NAME} is NAME's attributes ("typeset -x" when exported)
        ('\\builtin eval \'_em_attrs="${\'"$_em_name"\'@a}"\'',
         '\\builtin eval \'_em_attrs="${@\'"$_em_name"\'}"\''),
        # ${!NAME} is a nameref's name in ksh93; the name is an identifier here
        ('_em_out="$_em_out${!_em_name}"',
         '\\builtin eval \'_em_out="$_em_out${\'"$_em_name"\'}"\''),
    ],
}
# In ksh93 a `function name {` function also gets its own copy of the shell options
# (`set -f` ...): these change the caller's, so they stay POSIX functions, which share
# them (and have no locals: typeset there would make a global).
KSH_POSIX_FUNCTIONS = ("__envman_glob_save", "__envman_glob_restore")
# What bash or zsh has and ksh93 does not (or has with another meaning): generation
# stops on it, so that an edit to the bash/zsh files never leaves a ksh file that fails
# only when it runs.
KSH_UNKNOWN = {
    "\\builtin": r"\\builtin\b",
    "local": r"(^|[;&|{(]|\bthen|\bdo|\belse)\s*local\b",
    "declare": r"(^|[;&|{(]|\bthen|\bdo|\belse)\s*declare\b",
    "mapfile/readarray": r"\b(mapfile|readarray)\b",
    "printf -v": r"\bprintf\s+-v\b",
    "read -a (ksh93: read -A)": r"\bread\b[^;|&]*\s-[a-zA-Z]*a",
    "BASH_REMATCH, compgen": r"\b(BASH_REMATCH|compgen)\b",
    "${NAME^^} / ${NAME,,}": r"\$\{[A-Za-z_][A-Za-z0-9_]*(\^\^?|,,?)\}",
    "${!NAME} (indirection)": r"\$\{![A-Za-z_][A-Za-z0-9_]*\}",
    "NAME() {": r"(^|[;&|{(]\s*)(?!(" + "|".join(KSH_POSIX_FUNCTIONS) + r")\()"
                r"[A-Za-z_][A-Za-z0-9_]*\(\)\s*\{",
}
KSH_HEADER = (
    "# GENERATED by completions/generate.py from shell/{src}: edit that file, then\n"
    "# run `python completions/generate.py`. The ksh93 (Debian's ksh) variant; load it\n"
    "# from ~/.kshrc with:  . \"$(envman init --path ksh)\"  (or the printed path).\n"
    "# shellcheck disable=SC1090,SC1091  # what it loads is found when it runs\n"
)
# ksh93 has no programmable completion: envman.sh's bash registration is dropped.
KSH_BLOCKS = {"bash lazy completion": ["        :  # ksh93 has no programmable completion"]}


def _ksh_builtin(match: re.Match) -> str:
    name, rest = match.group(1), match.group(2)
    if name in KSH_SPECIAL:
        return "\\" + name + rest
    if name == "shopt":  # no bash option is on in ksh93
        return "\\false" + rest
    return "\\command " + name + rest


def ksh_variant(text: str, source: str) -> str:
    """The ksh93 file for the bash/zsh file named ``source`` with text ``text``."""
    for old, new in KSH_LITERALS.get(source, []):
        if text.count(old) != 1:
            raise SystemExit(f"ksh transform: {old!r} is not exactly once in shell/{source}; "
                             "update KSH_LITERALS in completions/generate.py")
        text = text.replace(old, new)
    if source == "envman.sh":
        text = splice(text, KSH_BLOCKS, SHELL_DIR / source)
    for sh_name, ksh_name in KSH_FILES.items():
        text = re.sub(r"(?<![\w.-])" + re.escape(sh_name) + r"\b", ksh_name, text)
    text = text.replace("${ZSH_VERSION:+zsh}${BASH_VERSION:+bash}", "ksh")
    text = text.replace("# shellcheck shell=bash", "# shellcheck shell=ksh", 1)
    text = re.sub(r"^(\s*)([A-Za-z_][A-Za-z0-9_]*)\(\) \{",
                  lambda m: m.group(0) if m.group(2) in KSH_POSIX_FUNCTIONS
                  else f"{m.group(1)}function {m.group(2)} {{", text,
                  flags=re.MULTILINE)
    text = re.sub(r"(^|[;{(]|&&|\|\||\bthen|\bdo|\belse)(\s*)local\b", r"\1\2typeset", text,
                  flags=re.MULTILINE)
    text = re.sub(r"^(\s*)((?:[A-Za-z_][A-Za-z0-9_]*=\(\) ?)+)$",
                  lambda m: m.group(1) + "unset " + " ".join(
                      w[:-3] for w in m.group(2).split()), text, flags=re.MULTILINE)
    text = re.sub(r"\\builtin ([a-z.:]+)(?=[ ;)]|$)(.?)", _ksh_builtin, text,
                  flags=re.MULTILINE)
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        for what, pattern in KSH_UNKNOWN.items():
            if re.search(pattern, line):
                raise SystemExit(f"ksh transform: shell/{source} uses {what}, which ksh93 lacks "
                                 f"(line {number} of the ksh text: {line.strip()}); give it a "
                                 "ksh93 spelling in KSH_LITERALS in completions/generate.py")
    return KSH_HEADER.format(src=source) + text


def completion_text(shell: str, specs: list[Spec]) -> str:
    """``shell``'s completion template with its generated part and the command names in
    (bash's still with its comments: see bash_file)."""
    template = (TEMPLATES / f"{shell}.in").read_text(encoding="utf-8")
    return template.replace(MARKER, RENDERERS[shell](specs)).replace(
        "@SERVICES@", " ".join(COMMANDS))


def outputs() -> dict[Path, str]:
    """Every generated file and its text: the three completion files, the fish stubs, the
    shell integration files (their generated blocks)."""
    specs = all_specs(load_cli())
    out = {}
    for shell in RENDERERS:
        text = completion_text(shell, specs)
        out[OUTPUTS[shell]] = bash_file(text, specs) if shell == "bash" else text
    fish, helpers = _fish_helper_chunks((TEMPLATES / "fish.in").read_text(encoding="utf-8"))
    fish, walk = _fish_walk_chunk(fish)
    out[FISH_ENGINE] = ENGINE_HEADER + fish.replace(
        FISH_DATA_HEADER + MARKER, render_fish_light_walk(specs).rstrip("\n"))
    out[FISH_WALK] = FISH_WALK_HEADER + walk + "\n\n" + render_fish_walk(specs) + "\n"
    out[FISH_HELPERS] = render_fish_helpers(helpers)
    out.update({FISH_LAZY_DIR / f"{name}.fish": fish_stub(name, specs) for name in COMMANDS})
    for path, blocks in ((SH_SRC_DIR / "envman-lazy.sh", _lazy_blocks()),
                         (SH_SRC_DIR / "envman-compat.sh", _compat_blocks()),
                         (SH_SRC_DIR / "envman-core.sh",
                          {**_more_blocks(), "compat loaders": _compat_loaders()})):
        out[path] = splice(path.read_text(encoding="utf-8"), blocks, path)
    for name, blocks in (("envman-compat.fish", {**_fish_compat_blocks(), **_fish_mk_stubs()}),
                         ("envman-core.fish", _fish_leave_blocks())):
        path = SH_SRC_DIR / name
        out[path] = splice(path.read_text(encoding="utf-8"), blocks, path)
    for name in FISH_LOADED:
        source = out.get(SH_SRC_DIR / name) or _src(name)
        out[SHELL_DIR / name] = sh_loaded(source, name)
    out[SHELL_DIR / "envman-base.fish"] = fish_base(out[SH_SRC_DIR / "envman-core.fish"])
    for name in SH_LOADED:
        source = out.get(SH_SRC_DIR / name) or _src(name)
        out[SHELL_DIR / name] = sh_loaded(source, name)
    out[FISH_INTEGRATION] = _fish_rc_text()
    out.update(fish_autoload_files())
    out[SHELL_INTEGRATION] = _rc_text("bash")
    out[ZSH_INTEGRATION] = _rc_text("zsh")
    for source, target in KSH_FILES.items():
        if source == "envman.sh":
            text = _rc_text("ksh")
        else:
            text = out.get(SH_SRC_DIR / source) or _src(source)
        out[SHELL_DIR / target] = ksh_variant(text, source)
    return out


def stale_files() -> dict[Path, str]:
    """The generated files missing or differing from what the CLI makes, with their text."""
    return {path: text for path, text in outputs().items()
            if not path.exists() or path.read_text(encoding="utf-8") != text}


def orphan_files() -> list[Path]:
    """Files in the fish autoload directories that no stub is written to any more (a
    function that left the stubs): fish would still autoload them."""
    wanted = set(fish_autoload_files())
    return sorted(path for directory in (FISH_AUTOLOAD_DIR, FISH_AUTOLOAD_COMPAT_DIR)
                  if directory.is_dir() for path in directory.glob("*.fish")
                  if path not in wanted)


def is_generated_stub(path: Path) -> bool:
    """A file this script wrote (its header, read through no symlink): the only kind of
    orphan it removes; anything else there is someone's, to be moved by hand."""
    if path.is_symlink() or not path.is_file():
        return False
    with path.open(encoding="utf-8", errors="replace") as fh:
        return fh.readline() == FISH_AUTOLOAD_HEADER


def remove_orphans(orphans: list[Path]) -> list[Path]:
    """Delete the orphans this script wrote; the others are returned, left in place."""
    foreign = [path for path in orphans if not is_generated_stub(path)]
    for path in orphans:
        if path not in foreign:
            path.unlink()
    return foreign


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is stale")
    args = parser.parse_args(argv)
    stale = stale_files()
    orphans = orphan_files()
    if args.check and (stale or orphans):
        names = [p.name for p in stale] + [f"{p.name} (no longer generated)" for p in orphans]
        print(f"stale: {', '.join(names)}; run `python completions/generate.py`",
              file=sys.stderr)
        return 1
    if not args.check:
        for directory in (FISH_LAZY_DIR, FISH_AUTOLOAD_DIR, FISH_AUTOLOAD_COMPAT_DIR):
            directory.mkdir(exist_ok=True)
        for path, text in stale.items():
            path.write_text(text, encoding="utf-8")
        foreign = remove_orphans(orphans)
        if not foreign:
            return 0
        print(f"not written by generate.py, left in place: {', '.join(map(str, foreign))}; "
              "fish would autoload them with envman's stubs: move them elsewhere",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
