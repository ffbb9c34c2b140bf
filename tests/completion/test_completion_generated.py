"""The committed completion files are exactly what completions/generate.py makes from the
CLI definition: a new command or option without regenerated completions fails here."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from tests.support import require_program

COMPLETIONS = Path(__file__).resolve().parents[2] / "completions"


def _generator():
    spec = importlib.util.spec_from_file_location("envman_completion_generate",
                                                  COMPLETIONS / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_committed_files_match_the_cli():
    """The three files, the fish stubs and the shell integration's generated blocks, as
    `generate.py --check` sees them."""
    generate = _generator()
    stale = [path.name for path in generate.stale_files()]
    assert not stale, (f"{', '.join(stale)} out of date with the CLI: "
                       "run `python completions/generate.py` and commit the result")


def test_fish_autoload_directories_hold_exactly_the_stubs():
    """fish autoloads a function from the file named after it: each stub file defines
    that one function, and no file is left over from a name that is gone (fish would
    still load it)."""
    generate = _generator()
    files = generate.fish_autoload_files()
    for directory in (generate.FISH_AUTOLOAD_DIR, generate.FISH_AUTOLOAD_COMPAT_DIR):
        assert set(directory.iterdir()) == {p for p in files if p.parent == directory}
    for path, text in files.items():
        assert re.findall(r"^function (\S+)", text, re.MULTILINE) == [path.stem], path.name
    assert {p.stem for p in files if p.parent == generate.FISH_AUTOLOAD_COMPAT_DIR} == {
        f.key for f in generate.FUNCTIONS if f.compat}


def test_only_stubs_it_wrote_are_removed_when_no_longer_generated(tmp_path):
    """A stub whose function left the list is deleted by generate.py; any other file in
    the autoload directories (someone's own, or a symlink) is reported and left alone."""
    generate = _generator()
    own = tmp_path / "__envman_gone.fish"
    own.write_text(generate.FISH_AUTOLOAD_HEADER + "function __envman_gone\nend\n")
    mine = tmp_path / "my_helper.fish"
    mine.write_text("function my_helper\nend\n")
    link = tmp_path / "linked.fish"
    link.symlink_to(own)
    assert generate.is_generated_stub(own)
    assert not generate.is_generated_stub(mine) and not generate.is_generated_stub(link)
    left = generate.remove_orphans([link, mine, own])
    assert left == [link, mine]
    assert not own.exists() and mine.read_text() == "function my_helper\nend\n"
    assert link.is_symlink()


def test_every_command_and_option_is_in_every_file():
    generate = _generator()
    cli = generate.load_cli()
    texts = {p.name: p.read_text(encoding="utf-8") for p in generate.OUTPUTS.values()}
    for spec in cli.walk():
        for sub in spec.subs:
            for name, text in texts.items():
                assert sub.path[-1] in text, f"{sub.key} missing from {name}"
        for opt in spec.options:
            for long in (n for n in opt.names if n.startswith("--")):
                for name, text in texts.items():
                    assert long[2:] in text, f"{spec.key} {long} missing from {name}"


def test_files_pass_each_shells_checks():
    """shellcheck for bash, zsh's and fish's own parsers, fish_indent's formatting."""
    import subprocess

    from tests.support import require_program

    def run(*argv: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(argv, input=stdin, capture_output=True, text=True, timeout=60)

    bash, zsh, fish = (COMPLETIONS / n for n in ("envman.bash", "_envman", "envman.fish"))
    r = run(require_program("shellcheck"), str(bash))
    assert r.returncode == 0, r.stdout
    r = run(require_program("zsh"), "-n", str(zsh))
    assert r.returncode == 0, r.stderr
    r = run(require_program("fish"), "--no-config", "-n", str(fish))
    assert r.returncode == 0, r.stderr
    r = run(require_program("fish_indent"), stdin=fish.read_text(encoding="utf-8"))
    assert r.stdout == fish.read_text(encoding="utf-8"), "envman.fish is not fish_indent clean"


def _defined_functions(path: Path) -> set[str]:
    """The public shell functions a file defines (any indentation), outside the blocks
    generate.py writes (the first-use stubs)."""
    import re

    text = re.sub(r"# >>> generated: (.*?)\n.*?# <<< generated: \1\n", "",
                  path.read_text(encoding="utf-8"), flags=re.DOTALL)
    pattern = (r"^\s*function ([A-Za-z][\w-]*)" if path.suffix == ".fish"
               else r"^\s*([A-Za-z][\w-]*)\(\) \{")
    return set(re.findall(pattern, text, re.MULTILINE))


def test_the_function_list_is_what_the_shell_files_define():
    """generate.py's FUNCTIONS is the one list of shell function names: the integration
    files (with the envman-core file each loads on first use) define exactly its plain
    entries (besides `envman` itself and fish's prompt wrapper), the compat files exactly
    its compat entries, plus (bash and zsh only) virtualenvwrapper's helper functions
    from SH_HELPER_FUNCTIONS."""
    generate = _generator()
    plain = {f.key for f in generate.FUNCTIONS if not f.compat}
    compat = {f.key for f in generate.FUNCTIONS if f.compat}
    helpers = set(generate.SH_HELPER_FUNCTIONS)
    shell = COMPLETIONS.parent / "shell"
    # bash/zsh: the load file (its source: envman.sh and envman.zsh keep no markers
    # around the stubs; fish's likewise) and the core it loads on first use, together
    # (fish: envman-lazy.fish holds the envman wrapper and the cd/ls helpers)
    for names in (("envman-rc.sh", "envman-core.sh", "envman-more.sh"),
                  ("envman-rc.fish", "envman-core.fish", "envman-lazy.fish")):
        defined = set().union(*(_defined_functions(shell / name) for name in names))
        assert defined - {"envman", "fish_prompt"} == plain, names
    assert (_defined_functions(shell / "envman-compat.fish")
            | _defined_functions(shell / "envman-compat-mk.fish")) == compat
    # _lsvirtualenv_usage and _virtualenvwrapper_version start with '_'
    sh = _defined_functions(shell / "envman-compat.sh") | _defined_functions(
        shell / "envman-compat-mk.sh") | (
        helpers & {"_lsvirtualenv_usage", "_virtualenvwrapper_version"})
    assert sh == compat | helpers


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_loaded_files_define_what_their_commented_sources_define(shell, tmp_path):
    """shell/envman-core.sh and the other files loaded on first use are their sources in
    shell/src/ without comments and blank lines: each must define the same functions
    (as the shell itself prints them) and the same envman variables as its source."""
    import subprocess

    generate = _generator()
    program = require_program(shell)
    dump = ('declare -f; for v in ${!__envman*}; do declare -p "$v"; done' if shell == "bash"
            else "functions; typeset -m '__envman*'")

    def defined(path: Path) -> str:
        r = subprocess.run([program, "-c", f'source "$1" >/dev/null 2>&1; {dump}', shell,
                            str(path)], capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        return r.stdout

    for name in generate.SH_LOADED:
        source = defined(generate.SH_SRC_DIR / name)
        assert "() " in source or "()" in source, name
        assert defined(generate.SHELL_DIR / name) == source, name
    if shell == "bash":
        # and completions/envman.bash, the same way, against the file with comments
        commented = tmp_path / "envman.bash"
        specs = generate.all_specs(generate.load_cli())
        commented.write_text(generate.bash_file(generate.completion_text("bash", specs), specs,
                                                comments=True))

        def same_parts(dump: str) -> str:
            # (the first part's line count, the second part's id and the file's path
            # differ, as they must)
            return re.sub(r'mapfile -t -s [0-9]+ |__envman_comp_more_id="[0-9a-f]{12}"|'
                          r'__envman_comp_file="[^"]*"', "", dump)
        assert same_parts(defined(generate.OUTPUTS["bash"])) == same_parts(defined(commented))


def test_fish_loaded_files_define_what_their_commented_sources_define(tmp_path):
    """shell/envman-core.fish and the other fish files loaded on first use are their
    sources in shell/src/ without comments and blank lines: each, sourced as envman.fish
    would (the files it loads from the same directory), must define the same functions
    (descriptions and bodies, less their comment lines) and envman variables."""
    import subprocess

    generate = _generator()
    fish = require_program("fish")
    dump = ("for f in (functions -an)\n"
            "    string match -q -- '__envman_*' $f; or contains -- $f $names; or continue\n"
            "    echo \"== $f: \"(functions -Dv $f)[5]\n"
            "    functions $f | string match -rv '^\\s*(#.*)?$'\n"
            "end\n"
            "for v in (set -n | string match -- '__envman_*')\n"
            "    echo \"$v=$$v\"\n"
            "end\n")

    def defined(path: Path) -> str:
        setup = "".join(f"set -g __envman_{v}_file $argv[1]/envman-{f}.fish\n" for v, f in (
            ("core", "core"), ("lazy", "lazy"), ("compat", "compat")))
        r = subprocess.run([fish, "--no-config", "-c",
                            setup + "set -l names (functions -an)\n"
                            "builtin source $argv[2] >/dev/null 2>&1\n"
                            "set names (functions -an | string match -v -- $names)\n" + dump,
                            str(path.parent), str(path)],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        return r.stdout.replace(str(path.parent), "DIR")

    # (the sources beside the envman-base.fish envman-compat.fish loads)
    for path in [*generate.SH_SRC_DIR.glob("*.fish"), generate.SHELL_DIR / "envman-base.fish"]:
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    for name in generate.FISH_LOADED:
        source = defined(tmp_path / name)
        assert "== __envman_" in source, name
        assert defined(generate.SHELL_DIR / name) == source, name
    # envman-base.fish: the core's FISH_BASE functions, as the core defines them
    def functions(text: str) -> dict[str, str]:
        text = text.split("\n__envman_", 1)[0]  # (the variables follow)
        return {f.split(":", 1)[0]: f for f in text.split("== ")[1:]}

    base = functions(defined(generate.SHELL_DIR / "envman-base.fish"))
    core = functions(defined(tmp_path / "envman-core.fish"))
    assert sorted(base) == sorted(generate.FISH_BASE)
    assert all(core[name].rstrip("\n") == base[name].rstrip("\n") for name in base)


def test_envman_zsh_a_line_per_command_defines_what_its_lines_define(tmp_path):
    """envman.zsh has each top-level command on one line (zsh_joined): sourced, it must
    leave the same functions, envman variables and hooks as the same file line by line."""
    import shutil
    import subprocess

    generate = _generator()
    zsh = require_program("zsh")
    shell_dir = tmp_path / "shell"
    shutil.copytree(generate.SHELL_DIR, shell_dir)
    (shell_dir / "lines.zsh").write_text(generate._rc_text("zsh", join=False))
    dump = ("functions; typeset -m '__envman*'; typeset -p fpath chpwd_functions "
            "precmd_functions WORKON_HOME VIRTUALENVWRAPPER_HOOK_DIR")

    def defined(name: str) -> str:
        r = subprocess.run([zsh, "-f", "-c", f'source "$1" >/dev/null 2>&1; {dump}', "zsh",
                            str(shell_dir / name)], capture_output=True, text=True, timeout=60,
                           env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin",
                                "WORKON_HOME": str(tmp_path / "store")})
        assert r.returncode == 0, r.stderr
        return r.stdout

    joined = defined("envman.zsh")
    assert "workon" in joined and "__envman_compat" in joined
    assert joined == defined("lines.zsh")
