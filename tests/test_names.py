"""Name validation: one gate before any path exists (issue 2, item 4)."""

from __future__ import annotations

import pytest

from envman.errors import InvalidName
from envman.names import validate_name

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
    "x" * 65: "65 characters long",
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
