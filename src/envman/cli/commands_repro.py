"""outdated, lock, diff, sync: reproducible envs (hashed locks, comparing, syncing).

`new --from`, `import` of a pylock.toml and `export --format pylock` are in their own
commands' areas; the work is in pylock.py, sync.py and outdated.py."""

from __future__ import annotations

import os

import typer

from ..errors import UsageError
from ..store import Store
from . import render
from .render import progress_reporter

FIND_LINKS = typer.Option([], "-f", "--find-links", metavar="DIR",
                          help="Directory of wheels to look in.")


# Nothing is left out of these narrow tables: every column is needed to read a row.
# Names are cut from the middle only as the last resort.
OUTDATED_COLUMNS = [render.Column("env", "name", style="bold"), render.Column("package", "name"),
                    render.Column("installed"), render.Column("latest")]


def _diff_columns(a: str, b: str, rows: list[list[str]]) -> list[render.Column]:
    """The diff table's columns, headed by what was compared. The table never cuts a
    header, and A or B may be a long path: with a width, the two share what the other
    columns leave (``~`` for home, cut from the middle: the end is the file's name)."""
    limit = render.width()
    headers = [a, b]
    if limit is not None:
        def widest(k: int, least: str = "") -> int:
            return max([render.cell_len(least)] + [render.cell_len(r[k]) for r in rows])

        room = limit - widest(0, "package") - widest(3, "change") - 3 * 2
        wanted = [render.cell_len(render.tilde(side)) for side in headers]
        cells = [widest(1), widest(2)]
        half = max(room // 2, 6)
        # A short header (an env's name) leaves the rest of its half to the other.
        spare = [max(half - max(wanted[k], cells[k]), 0) for k in (0, 1)]
        headers = [render.shorten_middle(render.tilde(side), max(half + spare[1 - k], cells[k]))
                   for k, side in enumerate(headers)]
    return [render.Column("package", "name", style="bold"), render.Column(headers[0]),
            render.Column(headers[1]), render.Column("change")]


def _active_env(store: Store) -> str | None:
    active = os.environ.get("VIRTUAL_ENV")
    if active and os.path.dirname(os.path.abspath(active)) == str(store.root):
        return os.path.basename(active)
    return None


def cmd_outdated(
    name: str | None = typer.Argument(None, metavar="NAME",
                                      help="Environment (default: the active one)."),
    all_envs: bool = typer.Option(False, "--all", help="Every env in the store."),
    as_json: bool = typer.Option(False, "--json", help="JSON output."),
) -> None:
    """List packages that have newer versions.

    Asks the index your pip configuration names."""
    from .. import outdated
    from ..core import env_dir

    store = Store.default()
    if all_envs and name:
        raise UsageError("give an environment name or --all, not both")
    if all_envs:
        names = store.env_names()
    else:
        name = name or _active_env(store)
        if not name:
            raise UsageError("no environment given", "name one, activate one or use --all")
        env_dir(store, name)  # a missing env is bad input, not a failed lookup
        names = [name]
    reports = outdated.outdated(store, names)
    if as_json:
        render.print_json([{"env": r.env, "packages": [p.to_json() for p in r.packages],
                            "error": str(r.error) if r.error else None} for r in reports])
    else:
        rows = [[r.env, p.name, p.version, p.latest] for r in reports for p in r.packages]
        if rows:
            render.table(OUTDATED_COLUMNS, rows)
        elif not any(r.error for r in reports):
            render.info("every package is up to date")
        for r in reports:
            if r.error is not None:
                render.error(f"{r.env}: {r.error}")
    if any(r.error for r in reports):
        raise typer.Exit(1)


def cmd_lock(
    name: str = typer.Argument(..., metavar="NAME", help="Environment name."),
    output: str | None = typer.Option("pylock.toml", "-o", "--output", metavar="FILE",
                                      help="File to write ('-': stdout)."),
    find_links: list[str] = FIND_LINKS,
) -> None:
    """Write an environment's packages as a hashed lock.

    A pylock.toml with the hash of every file; rebuild the env from it with
    'envman new NAME --from FILE'."""
    from .. import pylock

    if output not in (None, "-") and os.path.isfile(os.path.expanduser(output)):
        # Replacing an earlier lock of envman's is the point of re-locking; a file that
        # envman did not write (a project's own lock, anything else) is not replaced.
        try:
            with open(os.path.expanduser(output), "rb") as fh:
                head = fh.read(4096)
        except OSError as exc:
            raise UsageError(f"cannot read {output!r}: {exc.strerror or exc}") from None
        if f'created-by = "{pylock.CREATED_BY}"'.encode() not in head:
            raise UsageError(f"{output!r} exists and is not a lock written by envman",
                             "remove it or give another file with -o")
    with progress_reporter() as progress:
        progress("hashing the installed packages")
        text = pylock.lock_text(Store.default(), name, find_links)
    if render.write_output(text, output, "the lock"):
        render.info(f"wrote the lock of {name} to {output}")


def cmd_diff(
    a: str = typer.Argument(..., metavar="A", help="Environment, spec or pylock.toml."),
    b: str = typer.Argument(..., metavar="B", help="Environment, spec or pylock.toml."),
    as_json: bool = typer.Option(False, "--json", help="JSON output."),
) -> None:
    """Compare two environments, or one with a spec or lock.

    Added, removed and changed packages and the Python version. Exit 1 when they
    differ, as diff does."""
    from .. import sync

    result = sync.diff(Store.default(), a, b)
    if as_json:
        render.print_json(result.to_json())
    else:
        rows = [[c.name, c.a or "-", c.b or "-", c.kind] for c in result.changes]
        if result.python_differs:
            rows.insert(0, ["(python)", result.python_a or "-", result.python_b or "-", "changed"])
        if rows:
            render.table(_diff_columns(a, b, rows), rows)
        else:
            render.info(f"{a} and {b} hold the same packages")
    raise typer.Exit(0 if result.equal else 1)


def cmd_sync(
    name: str = typer.Argument(..., metavar="NAME", help="Environment name."),
    file: str = typer.Argument(..., metavar="FILE", help="Spec or pylock.toml to match."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show the plan; change nothing."),
    find_links: list[str] = FIND_LINKS,
) -> None:
    """Make an environment match a spec or lock exactly.

    Installs, upgrades, downgrades and uninstalls (pip and the other seed tools stay
    unless FILE pins them)."""
    from .. import sync

    try:
        with progress_reporter() as progress:
            plan = sync.sync_env(Store.default(), name, file, dry_run=dry_run,
                                 find_links=find_links, progress=progress)
    except KeyboardInterrupt:
        # Unlike a build, a sync is not undone: say what state the env is in.
        render.error(f"interrupted; {name} works but may be partly synced "
                     f"(run the same sync again to finish)")
        raise typer.Exit(130) from None
    if plan.python_differs:
        render.warning(f"{file} was made on Python {plan.python_file}, {name} runs "
                       f"{plan.python_env}; sync changes packages only "
                       f"(rebuild with 'envman upgrade {name} -p VERSION')")
    if not plan.changes:
        render.info(f"{name} already matches {file}")
        return
    verb = {"added": "install", "changed": "", "removed": "uninstall"}
    lines = []
    for c in plan.changes:
        action = verb[c.kind]
        if c.kind == "changed":
            action = "upgrade" if _newer(c.b, c.a) else "downgrade"
        detail = f"{c.a} -> {c.b}" if c.kind == "changed" else (c.b or c.a or "")
        lines.append([action, c.name, detail])
    prefix = "would " if dry_run else ""
    for action, pkg, detail in lines:
        render.info(f"{prefix}{action} {pkg} {detail}".rstrip())


def _newer(a: str | None, b: str | None) -> bool:
    from packaging.version import InvalidVersion, Version

    try:
        return Version(a or "0") > Version(b or "0")
    except InvalidVersion:
        return True


def register(app: typer.Typer) -> None:
    app.command("outdated")(cmd_outdated)
    app.command("lock")(cmd_lock)
    app.command("diff")(cmd_diff)
    app.command("sync")(cmd_sync)
