"""prune, restore, trash, and the views behind `ls --by-python` and `upgrade --broken`:
store hygiene (hygiene.py decides, trash.py keeps the trash)."""

from __future__ import annotations

import sys
from datetime import timedelta

import typer

from ..errors import UsageError
from ..store import Store
from . import render


def _ask(question: str) -> bool:
    """Ask once, only when a person is there to answer (stdin and stdout a terminal)."""
    return sys.stdin.isatty() and sys.stdout.isatty() and typer.confirm(question, default=False)


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _age(delta: timedelta | None) -> str:
    if delta is None:
        return "-"
    seconds = max(int(delta.total_seconds()), 0)
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds // size} {unit}"
    return f"{seconds} s"


def _entries(n: int) -> str:
    return render.plural(n, "entry", "entries")


# -- prune ------------------------------------------------------------------------------------
def cmd_prune(
    unused: int | None = typer.Option(
        None, "--unused", metavar="DAYS",
        help="Envs not used for DAYS days (last workon, else creation).",
        show_default=False),
    orphaned: bool = typer.Option(False, "--orphaned",
                                  help="Envs whose project directory is gone."),
    broken: bool = typer.Option(False, "--broken", help="Envs whose base Python is gone."),
    interrupted: bool = typer.Option(False, "--interrupted",
                                     help="Envs left half-built by a killed command."),
    yes: bool = typer.Option(False, "-y", "--yes", help="Move them to the trash without asking."),
    as_json: bool = typer.Option(False, "--json", help="JSON output."),
) -> None:
    """List environments that can go; --yes trashes them.

    No criterion given means all four, with --unused 90. With --yes they move to the
    trash ('envman restore NAME' puts one back). The active env and envs a shell
    entered in the last 10 minutes are never pruned."""
    from .. import hygiene

    criteria = hygiene.Criteria.from_options(unused, orphaned, broken, interrupted)
    store = Store.default()
    candidates = hygiene.find_candidates(store, criteria)
    prunable = [c for c in candidates if not c.kept]
    total = sum(c.size or 0 for c in prunable)
    act = yes
    if not as_json:
        _list_candidates(candidates, prunable, total)
        if prunable and not yes:
            if _interactive():
                if not _ask(f"Move {render.plural(len(prunable), 'env')} to the trash?"):
                    render.info("nothing was changed")
                    raise typer.Exit(1)
                act = True
            else:
                render.info("nothing was changed; add --yes to move them to the trash "
                            "('envman restore NAME' puts one back)")
    results = hygiene.prune(store, candidates, criteria) if act and prunable else []
    failed = [r for r in results if r.error is not None]
    if as_json:
        render.print_json({
            "candidates": [c.to_json() for c in candidates], "total_size": total,
            "acted": bool(act and prunable),
            "pruned": [{"name": r.name, "id": r.entry_id, "size": r.size}
                       for r in results if r.error is None],
            "failed": [{"name": r.name, "error": str(r.error)} for r in failed],
        })
    else:
        for r in results:
            if r.error is not None:
                render.error(str(r.error))
            else:
                render.info(f"moved {r.name} to the trash ({r.entry_id})")
        moved = [r for r in results if r.error is None]
        if moved:
            render.info(f"moved {render.plural(len(moved), 'env')} "
                        f"({render.human_size(sum(r.size or 0 for r in moved))}) to the trash; "
                        "'envman restore NAME' puts one back, "
                        "'envman trash --empty' frees the space")
    if failed:
        raise typer.Exit(1)


# A narrow output leaves out last used, then size; the name, why it can go and why it
# is kept stay.
_PRUNE_COLUMNS = (
    render.Column("name", "name", style="bold"),
    render.Column("reason"),
    render.Column("size", drop=2),
    render.Column("last used", "ago", drop=1),
    render.Column("note"),
)


def _list_candidates(candidates, prunable, total: int) -> None:
    if not candidates:
        render.info("nothing to prune")
        return
    rows = [[c.name, ", ".join(c.reasons), render.human_size(c.size), c.last_used,
             f"kept: {c.kept}" if c.kept else "-"] for c in candidates]
    render.table(_PRUNE_COLUMNS, rows)
    render.info(f"{render.plural(len(prunable), 'env')}, {render.human_size(total)} to reclaim")


# -- restore ----------------------------------------------------------------------------------
def cmd_restore(
    name: str = typer.Argument(..., metavar="NAME", help="Name of the trashed environment."),
    entry_id: str | None = typer.Option(None, "--id", metavar="ID",
                                        help="Which trash entry (default: the newest of NAME)."),
) -> None:
    """Put an environment back from the trash.

    Exactly as it was (path, registry record, hooks, project); refused when the name is
    taken now."""
    from .. import trash

    entry = trash.restore(Store.default(), name, entry_id)
    render.info(f"restored {entry.name} ({entry.id}) at {entry.original_path}")


# -- trash ------------------------------------------------------------------------------------
# A narrow output leaves out the age (the date says it too), the reason, the size, then
# the date; name and id (what restore --id takes) and any problem stay.
_TRASH_COLUMNS = (
    render.Column("name", "name", style="bold"),
    render.Column("id"),
    render.Column("trashed", "time", drop=4),
    render.Column("age", drop=1),
    render.Column("size", drop=3),
    render.Column("reason", drop=2),
    render.Column("problem"),
)


def cmd_trash(
    empty: bool = typer.Option(False, "--empty", help="Delete the trashed envs for good."),
    older: int | None = typer.Option(None, "--older", metavar="DAYS",
                                     help="With --empty: only those trashed over DAYS days ago."),
    yes: bool = typer.Option(False, "-y", "--yes", help="Do not ask for confirmation."),
    as_json: bool = typer.Option(False, "--json", help="JSON output."),
) -> None:
    """List the trash, or empty it.

    The trash holds the envs 'envman prune' moved there."""
    from .. import trash
    from ..registry import now

    if older is not None and not empty:
        raise UsageError("--older goes with --empty")
    if older is not None and older < 0:
        raise UsageError(f"--older must be 0 or more days, not {older}")
    store = Store.default()
    if not empty:
        entries = trash.entries(store)
        if as_json:
            render.print_json([e.to_json() for e in entries])
            return
        if not entries:
            render.info("the trash is empty")
            return
        at = now()
        rows = [[e.name, e.id, e.trashed_at, _age(e.age(at)),
                 render.human_size(e.size), ", ".join(e.reasons) or "-", e.problem or "-"]
                for e in entries]
        render.table(_TRASH_COLUMNS, rows)
        total = sum(e.size or 0 for e in entries)
        render.info(f"{_entries(len(entries))}, {render.human_size(total)}; "
                    "'envman restore NAME' puts one back, 'envman trash --empty' deletes them")
        return
    if not yes and _interactive():
        which = "everything in the trash" if older is None else f"trash older than {older} days"
        if not _ask(f"Delete {which} for good?"):
            raise typer.Abort()
    deleted, errors = trash.empty(store, older)
    if as_json:
        render.print_json({"deleted": [e.to_json() for e in deleted], "errors": errors})
    else:
        for e in deleted:
            render.info(f"deleted {e.name} ({e.id}, {render.human_size(e.size)})")
        render.info(f"deleted {_entries(len(deleted))}, freed "
                    f"{render.human_size(sum(e.size or 0 for e in deleted))}")
        for err in errors:
            render.error(err)
    if errors:
        raise typer.Exit(1)


# -- ls --by-python ---------------------------------------------------------------------------
# The interpreter's path is cut from the middle first, then size and the count go; the
# list of names is cut only as the last resort.
_BY_PYTHON_COLUMNS = (
    render.Column("python", "path"),
    render.Column("version"),
    render.Column("status", style="health"),
    render.Column("envs", drop=2),
    render.Column("size", drop=1),
    render.Column("names", "name"),
)


def by_python_view(long: bool, bare: bool, as_json: bool) -> None:
    from .. import hygiene

    if long or bare:
        raise UsageError("--by-python cannot be combined with -l or -b")
    groups = hygiene.by_python(Store.default())
    if as_json:
        render.print_json([g.to_json() for g in groups])
        return
    if not groups:
        render.info("no environments")
        return
    rows = [[g.interpreter.path or "?", g.interpreter.version or "?",
             "gone" if g.interpreter.gone else "ok", str(len(g.envs)),
             render.human_size(g.size), ", ".join(g.envs)] for g in groups]
    render.table(_BY_PYTHON_COLUMNS, rows)
    gone = [g for g in groups if g.interpreter.gone]
    if gone:
        count = sum(len(g.envs) for g in gone)
        render.info(f"{render.plural(count, 'env')} lost their base Python: "
                    "'envman upgrade --broken' rebuilds them")


# -- upgrade --broken -------------------------------------------------------------------------
def upgrade_broken(names: list[str] | None, python: str | None, all_envs: bool,
                   broken: bool, dry_run: bool) -> None:
    from .. import hygiene

    if not broken:
        raise UsageError("--dry-run goes with --broken")
    if names or all_envs:
        raise UsageError("give environment names, --all or --broken, not several")
    store = Store.default()
    plans = hygiene.plan_repairs(store, python)
    if not plans:
        render.info("no environment has lost its base Python")
        return
    if dry_run:
        for plan in plans:
            old = f"Python {plan.old.version or '?'} at {plan.old.path or '?'} (gone)"
            new = (f"Python {plan.target.version} at {plan.target.executable}"
                   if plan.target is not None else plan.problem)
            render.info(f"{plan.name}: {old} -> {new}")
        render.info(f"{render.plural(len(plans), 'env')} would be rebuilt; nothing was changed")
        return
    count = len(plans)
    position = iter(range(1, count + 1))

    def each(plan, result) -> None:
        n = next(position)
        if result.error is None:
            render.info(f"[{n}/{count}] rebuilt {plan.name} on Python {result.version} "
                        f"({plan.target.executable})")
        else:
            render.error(f"[{n}/{count}] {plan.name}: {result.error} (it was left as it was)")
        sys.stdout.flush()

    results = hygiene.repair(store, plans, each)
    failed = [r for r in results if r.error is not None]
    render.info(f"rebuilt {len(results) - len(failed)} of {count}"
                + (f"; {len(failed)} failed" if failed else ""))
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("prune")(cmd_prune)
    app.command("restore")(cmd_restore)
    app.command("trash")(cmd_trash)

