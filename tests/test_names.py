"""Name validation: one gate before any path exists."""

from __future__ import annotations

import unicodedata

import pytest

from envman.errors import InvalidName
from envman.names import lookalike, validate_existing_name, validate_name

VALID = ["proj", "a", "_x", "9lives", "my.env-2+py@3", "two words", "a b c", "проект", "项目",
         "é", "x" * 64, "a..b"]


@pytest.mark.parametrize("name", VALID)
def test_valid_names(name):
    assert validate_name(name) == name


REJECTED = {
    "": "empty",
    "a/b": "'/'",
    "..": "may not start with '.'",
    ".hidden": "may not start with '.'",
    "-rf": "may not start with '-'",
    "a'b": "'''",
    'a"b': "'\"'",
    "a$b": "'$'",
    "a`b": "'`'",
    "a;b": "';'",
    "a&b": "'&'",
    "a|b": "'|'",
    "a<b": "'<'",
    "a>b": "'>'",
    "a*b": "'*'",
    "a?b": "'?'",
    "a\\b": "'\\'",
    "a[b": "'['",
    "a]b": "']'",
    "a{b": "'{'",
    "a(b": "'('",
    "a!b": "'!'",
    "a~b": "'~'",
    "a#b": "'#'",
    "a\tb": "U+0009",
    "a\nb": "U+000A",
    "a\x00b": "U+0000",
    "a\x7fb": "U+007F",
    " a": "may not start with a space",
    "a ": "ends with a space",
    "a  b": "two spaces in a row",
    "x" * 65: "65 bytes long in UTF-8",
    "🚒" * 17: "68 bytes long in UTF-8",
    "+x": "may not start with '+'",
    "@x": "may not start with '@'",
}


@pytest.mark.parametrize("name,fragment", REJECTED.items(), ids=repr)
def test_rejected_names_name_the_offending_character(name, fragment):
    with pytest.raises(InvalidName) as info:
        validate_name(name)
    assert fragment in str(info.value)
    assert info.value.code == 2
    assert "\n" not in str(info.value)


# -- limits in bytes, two levels, NFC, hook names --
def test_the_limit_counts_utf8_bytes_so_four_byte_characters_fit_the_filesystem():
    big = "\U00020000"  # a CJK letter, 4 bytes in UTF-8
    assert validate_name(big * 16) == big * 16  # 64 bytes
    with pytest.raises(InvalidName, match="68 bytes"):
        validate_name(big * 17)


def test_every_derived_file_name_of_the_longest_existing_name_fits_255_bytes():
    from envman.names import DERIVED_SUFFIX_BYTES, MAX_EXISTING_BYTES

    longest = "🚒" * (MAX_EXISTING_BYTES // 4)
    assert validate_existing_name(longest) == longest
    size = len(longest.encode())
    # aside "<name>.<8 hex>.upgrading", lock "<name>.lock", temp ".<name>.<8>.tmp"
    for suffix in (".0123abcd.upgrading", ".0123abcd.trash", ".lock", ".12345678.tmp"):
        assert size + len(suffix) + 1 <= 255
    assert MAX_EXISTING_BYTES + DERIVED_SUFFIX_BYTES == 255
    with pytest.raises(InvalidName, match="bytes long"):
        validate_existing_name("x" * (MAX_EXISTING_BYTES + 1))


def test_new_names_are_stored_in_nfc():
    nfd = unicodedata.normalize("NFD", "café")
    assert nfd != "café"
    assert validate_name(nfd) == "café"


def test_fullwidth_names_get_a_lookalike_warning():
    assert lookalike("ｆｏｏ") and "'foo'" in lookalike("ｆｏｏ")
    assert lookalike("foo") is None and lookalike("проект") is None


EXISTING_OK = [" lead", "trail ", "a  b", "!bang", "(x)", "@at", "проект", "$HOME", "a'b\"c",
               "*", "~x", "#", "é" * 60]


@pytest.mark.parametrize("name", EXISTING_OK, ids=repr)
def test_existing_names_accept_what_virtualenvwrapper_can_make(name):
    assert validate_existing_name(name) == name
    with pytest.raises(InvalidName):
        validate_name(name) if name != "проект" else validate_name("-" + name)


EXISTING_BAD = {"": "empty", ".": "'.'", "..": "'.'", ".envman": "'.'", "a/b": "'/'",
                "a\nb": "U+000A", "a\tb": "U+0009", "a\x00b": "NUL", "-rf": "'-'",
                "a\udcffb": "not UTF-8", "x\x7f": "U+007F"}


@pytest.mark.parametrize("name,fragment", EXISTING_BAD.items(), ids=repr)
def test_existing_names_refuse_what_is_unsafe(name, fragment):
    with pytest.raises(InvalidName) as info:
        validate_existing_name(name)
    assert fragment in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize("hook", ["postactivate", "initialize", "premkvirtualenv"])
def test_hook_names_are_refused_for_new_envs_while_hooks_live_in_the_store(sandbox, hook):
    before = sandbox.snapshot()
    proc = sandbox.run("new", hook, "--no-pip")
    assert proc.returncode == 2, proc.stderr
    assert "hook file" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert sandbox.snapshot() == before
    # With the hooks elsewhere, the name is an ordinary name.
    elsewhere = {"VIRTUALENVWRAPPER_HOOK_DIR": str(sandbox.root / "hooks")}
    sandbox.ok("new", hook, "--no-pip", env=elsewhere)


def test_nfd_and_nfc_spellings_are_one_env(sandbox):
    nfd = unicodedata.normalize("NFD", "café")
    sandbox.ok("new", nfd, "--no-pip")
    assert [p.name for p in sandbox.store.iterdir() if not p.name.startswith(".")] == ["café"]
    proc = sandbox.run("new", "café", "--no-pip")
    assert proc.returncode == 2 and "already exists" in proc.stderr
    assert sandbox.ok("path", nfd).stdout.strip() == str(sandbox.store / "café")
    sandbox.ok("rm", "-y", nfd)
    assert not (sandbox.store / "café").exists()


def test_fullwidth_name_warns(sandbox):
    proc = sandbox.ok("new", "ｆｏｏ", "--no-pip")
    assert "looks like 'foo'" in proc.stderr


def test_a_workon_home_with_a_newline_is_refused_like_the_shells_refuse_it(sandbox):
    # fish would split such a path; every shell refuses it with this same line
    bad = str(sandbox.root / "a\nb")
    for args in (["ls"], ["new", "x"], ["path", "x"], ["show", "x"]):
        proc = sandbox.run(*args, env={"WORKON_HOME": bad})
        assert (proc.returncode, proc.stderr) == (2, (
            "envman: error: WORKON_HOME contains a newline or another control character; "
            "set it to a directory path without one\n")), args
    assert not (sandbox.root / "a\nb").exists()


def test_existing_name_problem_shortcut_agrees_with_the_rules():
    """existing_name_problem answers usual (ASCII, printable) names without running
    validate_existing_name; every name must get the same verdict either way."""
    import random

    from envman.names import MAX_EXISTING_BYTES, existing_name_problem

    def verdict(name: str) -> bool:
        try:
            validate_existing_name(name)
        except InvalidName:
            return False
        return True

    rnd = random.Random(21)
    alphabet = "aZ09._-+@ /\0\t\n\x7f~$é"
    names = ["", ".", "..", ".x", "-x", "x-", "a/b", "a\0b", "x" * MAX_EXISTING_BYTES,
             "x" * (MAX_EXISTING_BYTES + 1), "é" * 112, "a b"]
    names += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 6)))
              for _ in range(5000)]
    for name in names:
        assert (existing_name_problem(name) is None) == verdict(name), repr(name)
