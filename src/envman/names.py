"""Environment names: the one module that decides which names envman accepts.

Two rules, because a store holds envs envman did not name:

- ``validate_name``: the strict rule for a NEW env. Letters and digits (any script),
  ``. _ - + @`` and single inner spaces; the first character is a letter, digit or
  ``_``; at most ``MAX_NEW_BYTES`` bytes in UTF-8. The name is normalised to NFC first,
  so two spellings of "é" are one env. It makes a name safe as a directory name, as a
  shell word once quoted, and never an option.
- ``validate_existing_name``: any name an existing directory (virtualenvwrapper's, or
  made by hand) may have, as long as envman can still handle it safely: not ``.``/``..``,
  not hidden, no ``/``, no control character (the shells cannot round-trip a newline),
  not an option (``-x``), valid UTF-8, and short enough in bytes that every file name
  envman derives from it still fits in a directory entry. Commands acting on an env that
  is already there (show, rm, path, upgrade, ...) use this rule; registry keys read from
  disk must pass it too.

Limits are in UTF-8 bytes, not characters: the filesystem limits a directory entry to
255 bytes, and envman derives longer names from an env's name (``aside/<name>.<8
hex>.<kind>``, ``locks/<name>.lock``, ``used/<name>``, temp files
``.<name>.<8 chars>.tmp``); ``DERIVED_SUFFIX_BYTES`` is the room kept for them.
"""

from .errors import InvalidName, UsageError

# unicodedata (a shared library: ~0.15 ms to load) is imported where a name needs more
# than str's own methods: `ls` checks every env's name, and the usual name never does.

MAX_NEW_BYTES = 64
# Longest addition to an env's name in a derived file name, with room to spare:
# ".<8 hex>.upgrading" is 19 bytes, ".<name>.<8 chars>.tmp" adds 14.
DERIVED_SUFFIX_BYTES = 32
MAX_EXISTING_BYTES = 255 - DERIVED_SUFFIX_BYTES
_PUNCTUATION = frozenset("._-+@")

# virtualenvwrapper's global hook files, in the shell's order (shell/envman.sh's
# __envman_global_hooks; tests/test_perms.py keeps them equal). While the hook
# directory is the store they sit beside the envs, so an env may not take one of
# their names. perms.py checks the same files.
GLOBAL_HOOKS = ("initialize", "premkvirtualenv", "postmkvirtualenv", "precpvirtualenv",
                "postcpvirtualenv", "prermvirtualenv", "postrmvirtualenv", "predeactivate",
                "postdeactivate", "preactivate", "postactivate", "get_env_details",
                "premkproject", "postmkproject")
HOOK_NAMES = frozenset(GLOBAL_HOOKS)


def _describe(ch: str) -> str:
    """Name a character so the user can find it, even when it is invisible."""
    import unicodedata

    if ch == " ":
        return "a space"
    if unicodedata.category(ch)[0] in "CZ":
        return f"U+{ord(ch):04X} ({unicodedata.name(ch, 'control character')})"
    return f"'{ch}'"


def _is_mark(ch: str) -> bool:
    import unicodedata

    return unicodedata.category(ch).startswith("M")


def _is_word_char(ch: str) -> bool:
    # str.isalnum() is True for letters and digits of every script, incl. combining-free
    # forms; marks (accents written separately) are accepted too so NFD names survive.
    if ch.isalnum():
        return True
    if ch.isascii():  # no ASCII character is a mark
        return False
    return _is_mark(ch)


def shell_unsafe_char(text: str) -> str | None:
    """The first character of ``text`` the shells cannot carry through a variable and
    back intact (a control character such as a newline or tab, or a lone surrogate
    standing for a byte that is not UTF-8), described for a message; else None."""
    if text.isprintable():  # the usual case, in C: `ls` checks every env's name
        return None
    import unicodedata

    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cs"):
            if "\udc80" <= ch <= "\udcff":
                return f"a byte that is not UTF-8 (0x{ord(ch) - 0xDC00:02X})"
            return _describe(ch)
    return None


def _utf8_length(name: str) -> int:
    return len(name.encode("utf-8", "surrogatepass"))


def validate_name(name: str) -> str:
    """The NFC form of ``name`` if it is a valid NEW env name, else InvalidName."""
    hint = "use letters, digits, '.', '_', '-', '+', '@' and single inner spaces"
    if not name:
        raise InvalidName("environment name is empty", hint)
    # An ASCII name is its own NFC form and has no marks: `envman new NAME` with the
    # usual name then never loads unicodedata (~0.57M instructions).
    plain = name.isascii()
    if not plain:
        import unicodedata

        name = unicodedata.normalize("NFC", name)
    size = _utf8_length(name)
    if size > MAX_NEW_BYTES:
        raise InvalidName(
            f"environment name is {size} bytes long in UTF-8; the limit is {MAX_NEW_BYTES}"
        )
    first = name[0]
    if not (_is_word_char(first) or first == "_") or not plain and _is_mark(first):
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


def refuse_hook_name(name: str) -> None:
    """A new env may not take the name of a virtualenvwrapper hook file (the caller
    knows the hook directory is the store)."""
    if name in HOOK_NAMES:
        raise InvalidName(
            f"{name!r} is the name of a virtualenvwrapper hook file in the store",
            "pick another name",
        )


def lookalike(name: str) -> str | None:
    """A warning when ``name`` uses fullwidth or other compatibility characters (it
    looks like another name but is a different directory), else None."""
    if name.isascii():  # ASCII is its own NFKC form
        return None
    import unicodedata

    folded = unicodedata.normalize("NFKC", name)
    if folded == name:
        return None
    return (f"environment name {name!r} uses compatibility characters (fullwidth or "
            f"similar); it looks like {folded!r} but is a different name")


def validate_existing_name(name: str) -> str:
    """``name`` unchanged if it can be the name of an env already in the store (made by
    envman, virtualenvwrapper or by hand) that envman can handle safely, else
    InvalidName saying why."""
    if not name:
        raise InvalidName("environment name is empty")
    if name in (".", "..") or name.startswith("."):
        raise InvalidName(f"{name!r} is not an environment name (it may not start with '.')")
    if "/" in name or "\0" in name:
        raise InvalidName(f"environment name {name!r} contains '/' or NUL")
    bad = shell_unsafe_char(name)
    if bad:
        raise InvalidName(f"environment name {name!r} contains {bad}, "
                          "which the shells cannot handle", "rename the directory")
    if name.startswith("-"):
        raise InvalidName(f"environment name {name!r} may not start with '-'",
                          "rename the directory")
    size = _utf8_length(name)
    if size > MAX_EXISTING_BYTES:
        raise InvalidName(
            f"environment name is {size} bytes long in UTF-8; the limit is "
            f"{MAX_EXISTING_BYTES} (envman derives longer file names from it)",
            "rename the directory")
    return name


def existing_name_problem(name: str) -> str | None:
    """Why envman cannot manage an env of this name, or None when it can."""
    # The usual name passes validate_existing_name's rules in a few calls in C (ls
    # checks every registry key): ASCII, so its length is its UTF-8 length; printable,
    # so no control character or NUL; not empty, hidden or an option; no '/'.
    if (name.isascii() and name.isprintable() and name[:1] not in ("", ".", "-")
            and "/" not in name and len(name) <= MAX_EXISTING_BYTES):
        return None
    try:
        validate_existing_name(name)
    except InvalidName as exc:
        return str(exc)
    return None


def is_valid_name(name: str) -> bool:
    try:
        validate_name(name)
    except InvalidName:
        return False
    return True


def validate_project_path(path: str) -> str:
    """``path`` unchanged if the shells can carry it (workon cds into it and sources
    its hook files), else UsageError."""
    bad = shell_unsafe_char(path)
    if bad:
        raise UsageError(f"project path {path!r} contains {bad}, which the shells cannot handle",
                         "use a directory whose name has no control characters")
    return path


def project_path_problem(path: str) -> str | None:
    try:
        validate_project_path(path)
    except UsageError as exc:
        return str(exc)
    return None
