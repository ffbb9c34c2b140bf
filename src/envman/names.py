"""Environment name validation: the one gate every name passes before a path is built.

Accepted: letters and digits (any script), ``. _ - + @`` and single inner spaces;
the first character is a letter, digit or ``_``; at most 64 characters. The rules make
a name safe as a directory name, as a shell word once quoted, and never an option.
"""

from __future__ import annotations

import unicodedata

from .errors import InvalidName

MAX_LENGTH = 64
_PUNCTUATION = frozenset("._-+@")


def _describe(ch: str) -> str:
    """Name a character so the user can find it, even when it is invisible."""
    if ch == " ":
        return "a space"
    if unicodedata.category(ch)[0] in "CZ":
        return f"U+{ord(ch):04X} ({unicodedata.name(ch, 'control character')})"
    return f"'{ch}'"


def _is_word_char(ch: str) -> bool:
    # str.isalnum() is True for letters and digits of every script, incl. combining-free
    # forms; marks (accents written separately) are accepted too so NFD names survive.
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def validate_name(name: str) -> str:
    """Return ``name`` unchanged if it is a valid env name, else raise InvalidName."""
    hint = "use letters, digits, '.', '_', '-', '+', '@' and single inner spaces"
    if not name:
        raise InvalidName("environment name is empty", hint)
    if len(name) > MAX_LENGTH:
        raise InvalidName(
            f"environment name is {len(name)} characters long; the limit is {MAX_LENGTH}"
        )
    first = name[0]
    if not (_is_word_char(first) or first == "_") or unicodedata.category(first).startswith("M"):
        raise InvalidName(
            f"environment name {name!r} may not start with {_describe(first)}",
            "start with a letter, a digit or '_'",
        )
    for i, ch in enumerate(name):
        if _is_word_char(ch) or ch in _PUNCTUATION:
            continue
        if ch == " ":
            if i == len(name) - 1:
                raise InvalidName(f"environment name {name!r} ends with a space", hint)
            if name[i + 1] == " ":
                raise InvalidName(f"environment name {name!r} has two spaces in a row", hint)
            continue
        raise InvalidName(
            f"environment name {name!r} contains {_describe(ch)}, which is not allowed", hint
        )
    return name


def is_valid_name(name: str) -> bool:
    try:
        validate_name(name)
    except InvalidName:
        return False
    return True
