"""Output: the only place that decides how things look.

Human output is plain aligned text, with bold and colour added on a terminal unless
NO_COLOR is set; JSON is printed with no decoration. Errors are one line on stderr:
``envman: error: <what> (<what to do>)``.

Width: tables and messages fit ``COLUMNS`` when it is set, else the terminal's width
when stdout is a terminal. Piped output with no ``COLUMNS`` has no width: nothing is
shortened or wrapped, so scripts see the same text whatever window they run in. To fit,
a table first writes dates shorter, then shortens paths from the middle (``~`` for the
home directory first: the end of a path is what tells envs apart), then drops columns
in the order its caller states; a row is never wrapped.
"""

import os
import sys
from itertools import chain, islice, repeat

from ..dates import datetime, timedelta, timezone
from ..errors import EnvmanError  # no imports of its own; store.py loads it anyway

# json, typing, shutil, textwrap, contextlib and functools are imported where used:
# `envman ls` passes through this module on its fast path, where every import counts
# (~2 ms for json, ~3 ms for typing, ~3 ms for contextlib and functools).
# typing.TYPE_CHECKING without importing typing: False at run time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

ELLIPSIS = "…"


def plain(stream=None) -> bool:
    """No colour or styling: NO_COLOR is set, or the stream is not a terminal."""
    stream = stream or sys.stdout
    return bool(os.environ.get("NO_COLOR")) or not _isatty(stream)


def _isatty(stream) -> bool:
    return hasattr(stream, "isatty") and stream.isatty()


def width(stream=None) -> int | None:
    """The columns output must fit: COLUMNS when set, else the terminal's width; None
    (no limit) when the output goes to a pipe or a file and COLUMNS is not set."""
    value = os.environ.get("COLUMNS", "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    stream = stream or sys.stdout
    if _isatty(stream):
        try:
            return os.get_terminal_size(stream.fileno()).columns or None
        except (OSError, ValueError):
            return None
    return None


_consoles: dict = {}


def console(stderr: bool = False):
    """A rich console for stdout or stderr (one each, made on first use). On a terminal
    it stays a terminal under NO_COLOR (spinners still move; only colour goes)."""
    made = _consoles.get(stderr)
    if made is None:
        made = _consoles[stderr] = _console(stderr)
    return made


def _console(stderr: bool):
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    tty = _isatty(stream)
    return Console(
        file=stream, highlight=False, soft_wrap=False,
        no_color=bool(os.environ.get("NO_COLOR")) or not tty,
        force_terminal=tty, color_system="auto" if tty else None,
    )


def error(message: str) -> None:
    sys.stderr.write(f"envman: error: {message}\n")
    sys.stderr.flush()


def note(message: str) -> None:
    """What envman is doing, for --verbose (stderr, so stdout stays the result)."""
    sys.stderr.write(f"envman: {message}\n")
    sys.stderr.flush()


def warning(message: str) -> None:
    sys.stderr.write(f"envman: warning: {message}\n")
    sys.stderr.flush()


def failed(exc: EnvmanError) -> int:
    """An EnvmanError ends the command: its line on stderr (one per problem when it
    lists several; a failing tool's cause and hints indented below it), its exit code
    (the traceback instead when ENVMAN_DEBUG is set). With --verbose the tool's whole
    output comes first."""
    if os.environ.get("ENVMAN_DEBUG"):
        raise exc
    from .logs import verbose

    output = getattr(exc, "output", None)
    if output and verbose():  # the failing tool's whole output, then the summary
        sys.stderr.write(output.rstrip("\n") + "\n")
    for line in getattr(exc, "lines", None) or [str(exc)]:
        error(line)
    return exc.code


def interrupted() -> int:
    """Ctrl-C (or SIGTERM/SIGHUP, which envman turns into it): the operation has
    already cleaned up after itself; say so on stderr. Returns the exit status."""
    sys.stderr.write("\n")
    error("interrupted; nothing was left half done")
    return 130


def reader_left() -> int:
    """``envman ls | head``: the reader closed the pipe; that is not an error. Point
    stdout at /dev/null so the interpreter's final flush does not complain."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 0


def output_failed(exc: OSError) -> int:
    """Standard output refused what envman wrote (a full disk, ``> /dev/full``): one
    line on stderr instead of a traceback, and what is still buffered dropped (stdout
    pointed at /dev/null) so that the interpreter's final flush does not fail again.
    What the command did is done; only its report is lost. Returns the exit status."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    error(f"cannot write the output: {exc.strerror or exc}")
    return 1


def info(message: str) -> None:
    """A line for the user about what was done (stdout). Plain text even on a terminal:
    it has no styling, and rich would cost ~50 ms to import for it. Wrapped between
    words to the output's width, when it has one (see wrap)."""
    limit = width()
    if limit is not None and max(map(cell_len, message.split("\n"))) > limit:
        message = "\n".join("\n".join(wrap(line, limit)) if line.strip() else line
                            for line in message.split("\n"))
    sys.stdout.write(message + "\n")


def print_json(data: object) -> None:
    """``json.dumps(data, indent=2, ensure_ascii=False, default=str)`` and a newline.
    Plain data (dicts with str keys, lists, str, int, bool, None: what ``ls --json``
    prints) is written here, with json's own string escaper (_json, C) and without
    importing json, which imports re (~5 ms on `ls --json`'s fast path); anything else
    goes through json itself."""
    _load_encoder()
    try:
        text = _plain_json(data, "\n")
    except _NotPlain:
        import json

        text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write(text + "\n")


def print_json_rows(keys: "Sequence[str]", rows: list[tuple]) -> None:
    """``print_json([dict(zip(keys, row)) for row in rows])``, written column by column
    without a dict per row (`ls --json`: a dict per env and a look at each of its values
    was ~30% of its work at 1000 envs). A column's values are looked at together: one
    every row shares (null, false, []) is written once into the text around the values,
    strings that need no escaping (one check for the whole column) go in as they are,
    anything else as its JSON text; the text is then joined in one call. A column of
    any other kind (a number, a table) goes through print_json as before."""
    chunks = _json_rows(keys, rows) if rows else None
    if chunks is None:
        print_json([dict(zip(keys, row, strict=True)) for row in rows])
        return
    # Written a hundred rows at a time: a text this size in one piece (~400 KB at
    # 1000 envs) is a fresh mapping of memory for each copy of it (the join, the UTF-8
    # encoding), every page of it a fault: ~400 faults, ~3 ms in a VM. Chunks under
    # the allocator's mapping threshold reuse the same memory.
    out = sys.stdout
    out.write("[\n  ")
    for chunk in chunks:
        out.write(chunk)
    out.write("\n]\n")


def _bare(text: str) -> bool:
    """``text`` is its own JSON string body: it has none of what json escapes (``"``,
    ``\\``, the control characters below U+0020). Looked for in its UTF-8 bytes, where
    a character from U+0080 on is only bytes from 0x80 on (a lone surrogate too, as
    surrogatepass writes it), by bytes.translate: a quarter of what isprintable costs
    per character, one check for a whole column."""
    data = text.encode("utf-8", "surrogatepass")
    return len(data.translate(None, _ESCAPED)) == len(data)


_ESCAPED = bytes(range(0x20)) + b'"\\'


def _json_rows(keys: "Sequence[str]", rows: list[tuple]) -> "Iterator[str] | None":
    """print_json_rows' text between the brackets, in chunks of _JSON_CHUNK rows, or None
    for a column it does not write."""
    newline = "\n    "  # a field of a table in the list starts its line with this
    between = ["{" + newline]  # the text before each column's values, and after the last
    varying: list[Sequence[str]] = []  # the columns whose text differs from row to row
    for key, column in zip(keys, zip(*rows, strict=True), strict=True):
        if not (type(key) is str and _bare(key)):
            return None
        head = f'"{key}": '
        kinds = set(map(type, column))
        text = None  # the text of a value every row has
        if kinds == {str}:
            # each distinct value looked at once (most columns repeat a few values)
            if _bare("".join(set(column))):
                between[-1] += head + '"'
                varying.append(column)
                between.append('",' + newline)
                continue
            texts = _json_strs(column)
        elif kinds == {type(None)}:
            text = "null"
        elif kinds == {str, type(None)}:
            if _bare("".join(set(column) - {None})):
                texts = ["null" if v is None else f'"{v}"' for v in column]
            else:
                texts = ["null" if v is None else t
                         for v, t in zip(column, _json_strs(column), strict=True)]
        elif kinds == {bool}:
            text = "true" if all(column) else "false" if not any(column) else None
            texts = ["true" if v else "false" for v in column]
        elif kinds == {list}:
            if not any(column):  # every list empty
                text = "[]"
            else:
                _load_encoder()
                try:
                    texts = [_plain_json(v, newline) for v in column]
                except _NotPlain:
                    return None
        else:
            return None
        if text is not None:
            between[-1] += head + text + "," + newline
        else:
            between[-1] += head
            varying.append(texts)
            between.append("," + newline)
    # the last column's value ends its table; each table after the first follows a comma
    between[-1] = between[-1].removesuffix("," + newline) + "\n  }"
    n = len(rows)
    first = [between[0]] + [",\n  " + between[0]] * (n - 1)
    parts: list[Iterable[str]] = [first]
    for texts_k, after in zip(varying, between[1:], strict=True):
        parts += [texts_k, repeat(after, n)]
    return _json_chunks(zip(*parts, strict=True))


# rows: ~40 KB of text, under glibc's 128 KB threshold for mmap. Its first chunk and
# that chunk's UTF-8 copy are fresh memory; 200 rows (~80 KB) were ~45 faults more at
# 1000 envs for 5 fewer writes.
_JSON_CHUNK = 100


def _json_chunks(row_pieces: "Iterator[tuple[str, ...]]") -> "Iterator[str]":
    while chunk := "".join(chain.from_iterable(islice(row_pieces, _JSON_CHUNK))):
        yield chunk


def _json_strs(texts: "Sequence[str]") -> list[str]:
    """Each text (None: anything) as a JSON string, by json's own escaper."""
    encode = _load_encoder()
    return [encode(t) if type(t) is str else "" for t in texts]


class _NotPlain(Exception):
    pass


_json_keys: dict[str, str] = {}  # a dict key: its JSON text and ": " (_plain_json)


def _plain_json(value: object, newline: str) -> str:
    """json.dumps(value, indent=2, ensure_ascii=False) for plain data (print_json), at
    the indentation ``newline`` holds; _NotPlain for anything else."""
    if type(value) is str:
        return _encode_str(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return int.__repr__(value)
    inner = newline + "  "
    if type(value) is list:
        if not value:
            return "[]"
        items = _same_tables(value, inner) if type(value[0]) is dict else None
        if items is None:
            items = [_plain_json(v, inner) for v in value]
        return "[" + inner + ("," + inner).join(items) + newline + "]"
    if type(value) is dict:
        if not value:
            return "{}"
        items = []
        encode, keys = _encode_str, _json_keys
        for key, item in value.items():
            # a key's text from the cache (`ls --json` writes the same 14 per env); only
            # str keys are put there, so a hit is a str (or equal to one: same text)
            head = keys.get(key)
            if head is None:
                if type(key) is not str:
                    raise _NotPlain
                head = encode(key) + ": "
                if len(keys) < 256:
                    keys[key] = head
            # the common scalars here, not in a call each
            if type(item) is str:
                items.append(head + encode(item))
            elif item is None:
                items.append(head + "null")
            elif item is False:
                items.append(head + "false")
            elif item is True:
                items.append(head + "true")
            elif type(item) is list and not item:
                items.append(head + "[]")
            else:
                items.append(head + _plain_json(item, inner))
        return "{" + inner + ("," + inner).join(items) + newline + "}"
    raise _NotPlain


def _same_tables(tables: list, newline: str) -> list[str] | None:
    """_plain_json of each dict of ``tables`` (at the indentation ``newline`` holds) when
    they all have the first one's keys in its order, as `ls --json` prints them: the
    keys are written once into a %-template and each dict's common values inline,
    without a call per value (~3x faster at 1000 envs). None when they differ (the
    general path writes them); _NotPlain as _plain_json raises it."""
    keys = tuple(tables[0])
    if not keys or any(type(k) is not str for k in keys):
        return None
    encode = _encode_str
    inner = newline + "  "
    template = ("{" + inner + ("," + inner).join(encode(k).replace("%", "%%") + ": %s"
                                                 for k in keys) + newline + "}")
    out = []
    for table in tables:
        if type(table) is not dict or tuple(table) != keys:
            return None
        out.append(template % tuple([
            encode(v) if type(v) is str else "null" if v is None else "true" if v is True
            else "false" if v is False else "[]" if type(v) is list and not v
            else _plain_json(v, inner) for v in table.values()]))
    return out


def _encode_str(text: str) -> str:  # replaced by _json's by _load_encoder
    return _load_encoder()(text)


def _load_encoder() -> "Callable[[str], str]":
    """json's own string escaper (_json, C; ensure_ascii=False), put in _encode_str's
    place before a loop takes it into a local."""
    global _encode_str
    from _json import encode_basestring as _encode_str

    return _encode_str


# -- words and numbers ---------------------------------------------------------------------
def plural(count: int, word: str, words: str | None = None) -> str:
    """``1 problem``, ``2 problems``; ``words`` for irregular plurals."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def yes_no(value: object) -> str:
    return "yes" if value else "no"


def when(value: datetime | None) -> str:
    """A time as the full, stable form: ``YYYY-MM-DD HH:MM`` in local time."""
    if value is None:
        return "-"
    if type(value.tzinfo) is timezone:  # every time envman reads or makes: a fixed offset
        # The local time of the instant's whole second by the system's localtime, which
        # is what astimezone() does inside, less the timezone object it makes for the
        # local offset, and strftime in C: half the cost of astimezone() and an
        # f-string, which ``ls`` paid once or twice per env (~3 ms at 1000 envs). Read
        # as a naive datetime.fromtimestamp rather than time.localtime: the same
        # fields from the same call, without a struct_time (its zone name decoded) and
        # a slice of it, ~0.4 us less per date. A float timestamp is exact in whole
        # seconds; with microseconds it could round up across a second, so those are
        # floored on integers.
        try:
            local = _fromtimestamp(
                value.timestamp() if not value.microsecond else (value - _EPOCH) // _SECOND)
        except (OverflowError, OSError, ValueError):  # outside datetime's years
            pass
        else:
            year = local.year
            if year >= 1000:  # %Y pads no year below 1000
                # strftime("%Y-%m-%d %H:%M") with two-digit numbers from a table
                return (f"{year}-{_TWO[local.month]}-{_TWO[local.day]} "
                        f"{_TWO[local.hour]}:{_TWO[local.minute]}")
    # a naive time (taken as local), a year strftime does not pad, or a time that
    # astimezone() refuses (past year 9999): as before
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_fromtimestamp = datetime.fromtimestamp
_TWO = [f"{n:02d}" for n in range(61)]  # up to 60: a leap second's tm_sec, never tm_min
_SECOND = timedelta(seconds=1)


def day(value: datetime | None) -> str:
    if value is None:
        return "-"
    return value.astimezone().strftime("%Y-%m-%d")


def ago(value: datetime | None, now: datetime | None = None) -> str:
    """A past time relative to now, in at most 13 characters: ``3 days ago``."""
    if value is None:
        return "-"
    now = now or datetime.now(timezone.utc)
    seconds = (now - value).total_seconds()
    if seconds < 60:
        return "just now"
    for size, unit in ((365 * 86400, "year"), (30 * 86400, "month"), (7 * 86400, "week"),
                       (86400, "day"), (3600, "hour"), (60, "min")):
        if seconds >= size:
            count = int(seconds // size)
            return f"{count} min ago" if unit == "min" else f"{plural(count, unit)} ago"
    return "just now"


def human_size(n: int | None) -> str:
    if n is None:
        return "-"
    size = float(n)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


# -- fitting text into columns -------------------------------------------------------------
def cell_len(text: str) -> int:
    """Columns the text takes on a terminal (wide East Asian characters take two)."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _take(chars: "Iterable[str]", limit: int) -> str:
    out, used = [], 0
    for c in chars:
        w = cell_len(c)
        if used + w > limit:
            break
        out.append(c)
        used += w
    return "".join(out)


def shorten_middle(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` columns, cut from the middle (``…``): its start
    and, twice as long, its end survive; never cut at the end."""
    if cell_len(text) <= limit:
        return text
    if limit <= 1:
        return ELLIPSIS[:max(limit, 0)]
    keep = limit - 1
    head = _take(text, keep // 3)
    tail = _take(reversed(text), keep - cell_len(head))[::-1]
    return head + ELLIPSIS + tail


def tilde(path: str) -> str:
    """The path with the home directory written as ``~``."""
    home = os.path.expanduser("~").rstrip("/")
    if home and (path == home or path.startswith(home + "/")):
        return "~" + path[len(home):]
    return path


def short_path(path: str | None, limit: int | None) -> str:
    """A path for people: ``~`` for home, cut from the middle to fit ``limit``; as it is
    when there is no limit (piped output)."""
    if not path:
        return "-"
    if limit is None:
        return path
    return shorten_middle(tilde(path), limit)


def wrap(text: str, limit: int | None, indent: str = "") -> list[str]:
    """``text`` as lines of at most ``limit`` columns (one line when there is no limit),
    broken between words only; a word too long for a line (a path) is cut from the
    middle rather than broken."""
    if limit is None:
        return [indent + text]
    room = max(limit - cell_len(indent), 8)
    lines: list[str] = []
    line = ""
    for word in text.split():
        if cell_len(word) > room:
            word = shorten_middle(tilde(word), room)
        if line and cell_len(line) + 1 + cell_len(word) > room:
            lines.append(indent + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(indent + line)
    return lines


_STYLES = {"bold": "1", "green": "32", "red": "31", "yellow": "33", "dim": "2"}


def styled(text: str, style: str | None, is_plain: bool | None = None) -> str:
    """``text`` in ``style`` on a colour terminal (ANSI codes), as it is otherwise.
    ``is_plain``: plain() already asked by the caller (a table asks once, not per cell:
    it looks at the environment and asks the system whether stdout is a terminal)."""
    if not style or (plain() if is_plain is None else is_plain):
        return text
    codes = _codes.get(style)
    if codes is None:
        codes = _codes[style] = ";".join(_STYLES[s] for s in style.split() if s in _STYLES)
    return f"\x1b[{codes}m{text}\x1b[0m" if codes else text


_codes: dict[str, str] = {}  # a style: its ANSI codes (styled writes one per table cell)


class Column:
    """A table column. ``kind`` says how its values are written:

    - ``text``: as given;
    - ``name``: as given, cut from the middle only as the last resort;
    - ``path``: ``~`` for home when the output has a width, cut from the middle to fit;
    - ``time``: a datetime, ``YYYY-MM-DD HH:MM``, or ``YYYY-MM-DD`` when narrow;
    - ``ago``: a datetime, like ``time``, or ``3 days ago`` when narrow.

    ``drop`` orders the columns a narrow table leaves out (1 goes first); None: never.
    ``style``: ``bold``, or ``health`` (green when ``ok``, red otherwise)."""

    __slots__ = ("drop", "header", "kind", "style")

    def __init__(self, header: str, kind: str = "text", drop: int | None = None,
                 style: str | None = None) -> None:
        self.header, self.kind, self.drop, self.style = header, kind, drop, style


_MIN = {"path": 12, "name": 8}


def _cell(column: Column, value: object, narrow: bool, bounded: bool) -> str:
    return _column_cells(column, [value], narrow, bounded)[0]


def _column_cells(column: Column, values: list, narrow: bool, bounded: bool) -> list[str]:
    """The cells of one column, written from its ``values``: a list comprehension per
    column rather than a call per cell (`ls` writes six cells per env)."""
    kind = column.kind
    if kind in ("time", "ago"):
        dated = when if not narrow else ago if kind == "ago" else day
        # a time or nothing is dated (None: "-"); anything else is written as text
        return [dated(v) if v is None or isinstance(v, datetime) else
                "-" if v == "" else v if type(v) is str else str(v) for v in values]
    if kind == "path" and bounded:
        return ["-" if v is None or v == "" else tilde(str(v)) for v in values]
    return ["-" if v is None or v == "" else v if type(v) is str else str(v) for v in values]


def fit_table(columns: "Sequence[Column]", rows: "Sequence[Sequence[object]]",
              limit: int | None) -> "tuple[list[int], list[list[str]], list[int | None]]":
    """Which columns to show and their cells, fitted into ``limit`` columns: dates
    shorter, then paths cut from the middle, then columns dropped in their ``drop``
    order, then names cut as the last resort. Every row has (at least) every column.
    Returns (shown column indexes, the shown columns' cells column by column: a table
    is written column by column, and `ls` at 1000 envs made and unmade ~2000 row tuples
    between here and there; and each shown column's width where fitting measured it
    as an ASCII column and left it whole, else None: table() need not measure again)."""
    shown = list(range(len(columns)))
    bounded = limit is not None

    def cells(narrow: bool) -> list[list[str]]:  # a list comprehension per column
        return [_column_cells(column, [r[i] for r in rows], narrow, bounded)
                for i, column in enumerate(columns)]

    table = cells(False)
    if limit is None:
        return shown, table, [None] * len(shown)
    naturals: dict[int, int] = {}  # column: its widest cell in ``table`` (cleared with it)
    ascii_columns: set[int] = set()  # the columns of ``naturals`` that are ASCII

    def natural(i: int) -> int:
        if i not in naturals:
            header = columns[i].header
            column = table[i]
            # an ASCII column (checked in one call) is as wide as its longest text
            if "".join(column).isascii() and header.isascii():
                naturals[i] = max(len(header), *map(len, column))
                ascii_columns.add(i)
            else:
                naturals[i] = max([cell_len(header)] + [cell_len(v) for v in column])
        return naturals[i]

    def squeeze(kinds: tuple[str, ...]) -> dict[int, int] | None:
        widths = {i: natural(i) for i in shown}
        excess = sum(widths.values()) + 2 * (len(shown) - 1) - limit
        while excess > 0:
            room = [i for i in shown if columns[i].kind in kinds
                    and widths[i] > max(_MIN.get(columns[i].kind, 3), 1)]
            if not room:
                return None
            widest = max(room, key=lambda i: widths[i])
            widths[widest] -= 1
            excess -= 1
        return widths

    widths = squeeze(())
    if widths is None:
        table = cells(True)
        naturals.clear()
        ascii_columns.clear()
        widths = squeeze(())
    if widths is None:
        order = sorted((c.drop, i) for i, c in enumerate(columns) if c.drop is not None)
        widths = squeeze(("path",))
        while widths is None and order:
            shown.remove(order.pop(0)[1])
            widths = squeeze(("path",))
    if widths is None:
        widths = squeeze(("path", "name"))
    if widths is None:  # a width too small for anything: cut every column
        _MIN_ALL = {i: natural(i) for i in shown}
        budget = max(limit - 2 * (len(shown) - 1), len(shown))
        widths = dict(_MIN_ALL)
        while sum(widths.values()) > budget:
            widest = max(widths, key=lambda i: widths[i])
            widths[widest] -= 1
    # Only the columns whose widest cell is wider than its width are cut, cell by cell.
    cut = {i for i in shown if natural(i) > widths[i]}
    return (shown, [[shorten_middle(v, widths[i]) for v in table[i]] if i in cut else table[i]
                    for i in shown],
            [naturals[i] if i in ascii_columns and i not in cut else None for i in shown])


def table(columns: "Sequence[Column]", rows: "Iterable[Sequence[object]]") -> None:
    """Aligned columns, fitted to the output's width (see fit_table)."""
    rows = list(rows)  # read, never changed: no copy of each row
    is_plain = plain()
    shown, by_column, measured = fit_table(columns, rows, width())
    headers = [columns[i].header for i in shown]
    # All ASCII (the usual table, checked in one call per column): a cell's width is its
    # length, and plain lines are padded by str.ljust, not by a cell_len call per cell.
    # The columns as columns, each padded in one map over it, the lines joined and
    # trimmed in one map each (`ls`: six cells per env, a list and a call per row cost
    # ~5k instructions per env).
    widths = [w for w in measured if w is not None]
    if len(widths) < len(shown):  # not every column measured by fit_table as ASCII
        if "".join(headers).isascii() and all(map(str.isascii, map("".join, by_column))):
            widths = [max(len(h), max(map(len, column), default=0))
                      for h, column in zip(headers, by_column, strict=True)]
        else:
            widths = []
    if len(widths) == len(shown):
        if is_plain:
            n = len(rows) + 1
            padded = [map(str.ljust, chain((h,), column), repeat(w, n))
                      for h, column, w in zip(headers[:-1], by_column, widths, strict=False)]
            last = chain(headers[-1:], by_column[-1])
            # lazily: each line is made as its chunk is written (_write_lines)
            _write_lines(map(str.rstrip, map("  ".join, zip(*padded, last, strict=True))))
        else:
            _write_lines(_styled_ascii_lines(columns, shown, headers, by_column, widths))
        return
    cells = list(zip(*by_column, strict=True))  # the rows
    # Otherwise (a cell that is not ASCII):
    widths = [max([cell_len(h)] + [cell_len(r[k]) for r in cells]) for k, h in enumerate(headers)]

    def line(values: "Sequence[str]", styles: "Sequence[str | None]") -> str:
        parts = []
        last = len(values) - 1
        for k, (value, w, style) in enumerate(zip(values, widths, styles, strict=False)):
            pad = "" if k == last else " " * (w - cell_len(value))
            parts.append(styled(value, style, is_plain) + pad)
        return "  ".join(parts).rstrip()

    if is_plain:  # the same lines without styles, written with fewer calls per cell
        pads = widths[:-1]

        def plain_line(values: "Sequence[str]") -> str:
            parts = [value + " " * (w - cell_len(value)) for value, w in
                     zip(values, pads, strict=False)]
            parts.append(values[-1])
            return "  ".join(parts).rstrip()

        out = [plain_line(headers)] + [plain_line(row) for row in cells]
        _write_lines(out)
        return

    out = [line(headers, ["bold"] * len(headers))]
    column_styles = [columns[i].style for i in shown]
    health = [k for k, style in enumerate(column_styles) if style == "health"]
    for row in cells:
        styles = column_styles
        if health:  # green when ok, red otherwise, row by row
            styles = list(column_styles)
            for k in health:
                styles[k] = "green" if row[k] == "ok" else "red"
        out.append(line(row, styles))
    _write_lines(out)


_LINES_CHUNK = 200  # a table's lines per write: ~15-25 KB of text


def _write_lines(lines: "Iterable[str]") -> None:
    """Each line and a newline, written a few hundred lines at a time: the whole text
    of a large table in one piece (`ls` at 1000 envs: ~60-75 KB) is a fresh piece of
    memory for each copy of it (the join, the newline added, the UTF-8 encoding), each
    page a fault; a chunk's copies reuse the memory of the one before (~60 faults,
    ~0.2 ms fewer at 1000 envs). The bytes written are the same."""
    write = sys.stdout.write
    lines = iter(lines)
    while chunk := list(islice(lines, _LINES_CHUNK)):
        chunk.append("")  # the last line's newline
        write("\n".join(chunk))


def _styled_ascii_lines(columns: "Sequence[Column]", shown: list[int], headers: list[str],
                        by_column: "Sequence[Sequence[str]]", widths: list[int]) -> list[str]:
    """table's lines on a colour terminal when every cell is ASCII: what its general
    path writes (each cell styled, then padded to its column's width with spaces; the
    header bold; a health column green for ``ok``, red otherwise), written column by
    column with len for widths, not with a cell_len and a styled call per cell (`ls`
    writes six cells per env on a terminal). ``by_column``: the shown columns' cells."""
    last = len(headers) - 1
    start, end = _ansi("bold")
    top = ["  ".join([start + h + end + ("" if k == last else " " * (w - len(h)))
                      for k, (h, w) in enumerate(zip(headers, widths, strict=True))]).rstrip()]
    written = []
    for k, (i, w, values) in enumerate(zip(shown, widths, by_column, strict=True)):
        style = columns[i].style
        extra = 0  # the length of the codes around each cell, when the same for all
        if style == "health":  # green when ok, red otherwise, row by row
            ok, bad = _ansi("green")[0], _ansi("red")[0]
            starts = [ok if v == "ok" else bad for v in values]
            end = "\x1b[0m"
            cells_k = [a + v + end for a, v in zip(starts, values, strict=True)]
            extra = len(ok) + len(end) if len(ok) == len(bad) else -1
        else:
            start, end = _ansi(style)
            cells_k = [start + v + end for v in values] if start else list(values)
            extra = len(start) + len(end)
        if k != last:
            if extra >= 0:  # each cell padded to w visible characters, by str.ljust in C
                cells_k = list(map(str.ljust, cells_k, repeat(w + extra, len(cells_k))))
            else:
                cells_k = [c + " " * (w - len(v)) for c, v in zip(cells_k, values, strict=True)]
        written.append(cells_k)
    return top + ["  ".join(parts).rstrip() for parts in zip(*written, strict=True)]


def _ansi(style: str | None) -> tuple[str, str]:
    """What styled() puts before and after a text in ``style`` on a colour terminal;
    two empty strings where it writes the text as it is."""
    if not style:
        return "", ""
    codes = _codes.get(style)
    if codes is None:
        codes = _codes[style] = ";".join(_STYLES[s] for s in style.split() if s in _STYLES)
    return (f"\x1b[{codes}m", "\x1b[0m") if codes else ("", "")


def fields(rows: "Sequence[tuple[str, str, str]]") -> None:
    """``label  value`` lines (``show``): ``kind`` is ``text``, ``path`` (``~``, cut
    from the middle to fit), ``list`` (comma-separated, wrapped between items) or
    ``paths`` (a list of paths)."""
    limit = width()
    label_w = max(cell_len(label) for label, _, _ in rows)
    room = None if limit is None else max(limit - label_w - 2, 12)
    indent = " " * (label_w + 2)
    out = []
    for label, value, kind in rows:
        head = styled(label, "bold") + " " * (label_w - cell_len(label) + 2)
        if kind == "path":
            lines = [short_path(value, room)]
        elif kind in ("list", "paths") and room is not None:
            lines, line = [], ""
            items = value.split(", ")
            for n, item in enumerate(items):
                item = shorten_middle(tilde(item) if kind == "paths" else item, room - 1)
                item += "," if n < len(items) - 1 else ""
                if line and cell_len(line) + 1 + cell_len(item) > room:
                    lines.append(line)
                    line = item
                else:
                    line = f"{line} {item}" if line else item
            lines.append(line)
        else:
            lines = wrap(value, room)
        out.append(head + lines[0])
        out += [indent + more for more in lines[1:]]
    sys.stdout.write("\n".join(o.rstrip() for o in out) + "\n")


def report_env_name(name: str) -> None:
    """Tell the shell integration which env a command created: when
    ``ENVMAN_RESULT_FILE`` names a file, the env's name is written there (the shell
    wrapper activates it). Used by new, tmp, cp, mv, import and project new."""
    target = os.environ.get("ENVMAN_RESULT_FILE")
    if target:
        try:
            with open(target, "w", encoding="utf-8") as fh:
                fh.write(name)
        except OSError as exc:
            warning(f"cannot write ENVMAN_RESULT_FILE {target}: {exc}")


# -- progress ---------------------------------------------------------------------------------
SPINNER_DELAY = 0.4  # seconds


def _spinner_name() -> str:
    # NO_COLOR users often have terminals or fonts where braille dots are noise.
    return "line" if os.environ.get("NO_COLOR") else "dots"


def shows_progress() -> bool:
    """Spinners and bars are drawn on stderr, only when it is a terminal (NO_COLOR
    keeps them, without colour) and not a dumb one."""
    return _isatty(sys.stderr) and os.environ.get("TERM") != "dumb"


def progress_reporter():
    """A context manager (contextlib's, imported on use) around _progress_reporter."""
    from contextlib import contextmanager

    return contextmanager(_progress_reporter)()


def _progress_reporter() -> "Iterator":
    """A spinner on stderr while long steps run, when stderr is a terminal. It appears
    once the work has taken SPINNER_DELAY: a plain `envman new` (~0.15 s) is done by
    then and never imports rich for it (~50 ms)."""
    if not shows_progress():
        yield lambda _step: None
        return
    import threading

    lock = threading.Lock()
    state: dict = {"step": "working", "status": None, "done": False}

    def start() -> None:
        with lock:
            if not state["done"]:
                state["status"] = console(stderr=True).status(state["step"],
                                                              spinner=_spinner_name())
                state["status"].start()

    def update(step: str) -> None:
        with lock:
            state["step"] = step
            if state["status"] is not None:
                state["status"].update(step)

    timer = threading.Timer(SPINNER_DELAY, start)
    timer.daemon = True
    timer.start()
    try:
        yield update
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            if state["status"] is not None:
                state["status"].stop()


class _NoBar:
    active = False

    def step(self, name: str) -> None:
        pass

    def advance(self) -> None:
        pass

    def hide(self) -> None:
        pass


def progress_bar(total: int, what: str):
    """A context manager (contextlib's, imported on use) around _progress_bar."""
    from contextlib import contextmanager

    return contextmanager(_progress_bar)(total, what)


def _progress_bar(total: int, what: str) -> "Iterator":
    """A bar with counts (``what ━━━━━━      3/10 name``) on stderr for a command that
    works through ``total`` envs, when stderr is a terminal and there is more than
    one. ``step(text)`` says what is being worked on, ``advance()`` counts one done,
    ``hide()`` clears the line before other output is written (``all`` lets each
    command write to the terminal itself). ``active``: a bar is being drawn (a
    spinner must not be drawn with it: the terminal has one line for both)."""
    if total < 2 or not shows_progress():
        yield _NoBar()
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
    )
    from rich.table import Column as RichColumn

    # One line whatever the width: the bar shrinks first, the step text is cut at its end.
    progress = Progress(SpinnerColumn(_spinner_name()), TextColumn(what),
                        BarColumn(bar_width=20), MofNCompleteColumn(),
                        TextColumn("{task.description}",
                                   table_column=RichColumn(no_wrap=True, overflow="ellipsis",
                                                           ratio=1)),
                        console=console(stderr=True), transient=True, expand=True)

    class Bar:
        active = True

        def __init__(self) -> None:
            self.task = progress.add_task("", total=total)

        def step(self, name: str) -> None:
            progress.update(self.task, description=name)
            progress.start()

        def advance(self) -> None:
            progress.advance(self.task)

        def hide(self) -> None:
            progress.stop()

    bar = Bar()
    try:
        yield bar
    finally:
        progress.stop()


def write_output(text: str, output: str | None, what: str) -> bool:
    """Write ``text`` to ``output`` atomically, or to stdout for None / '-'. Returns
    whether a file was written."""
    from pathlib import Path

    from ..errors import UsageError
    from ..fsutil import atomic_write

    if output is None or output == "-":
        sys.stdout.write(text)
        return False
    target = Path(output).expanduser()
    if target.is_dir():
        raise UsageError(f"{output!r} is a directory")
    try:
        atomic_write(target, text.encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot write {what} to {output!r}: {exc.strerror or exc}") from None
    return True
