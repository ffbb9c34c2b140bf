"""doctor: report what is wrong with the store and its envs; --fix repairs what is safe."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager

import typer

from .. import doctor as doctor_mod
from ..store import Store
from . import render


def cmd_doctor(
    fix: bool = typer.Option(False, "--fix",
                             help="Repair what is safe (never deletes a usable env)."),
    as_json: bool = typer.Option(False, "--json", help="A JSON object of findings."),
) -> None:
    """Find and repair problems in the store.

    Reports broken interpreters, missing and unregistered envs, half-created ones and
    leftovers of killed commands; each finding says what to do. Exits 1 if anything is
    wrong. --fix repairs only what cannot lose anything, then checks again.
    """
    store = Store.default()
    with _progress() as progress:
        findings, remaining = doctor_mod.doctor(store, apply=fix, progress=progress)
    healthy = not remaining
    if as_json:
        render.print_json({
            "store": str(store.root),
            "healthy": healthy,
            "findings": [f.to_json() for f in findings],
            "remaining": [f.to_json() for f in remaining] if fix else None,
        })
    else:
        _render_findings(store, findings, remaining, fix)
    raise typer.Exit(0 if healthy else 1)


# A bar is worth drawing only for a store where checking takes a while (each env's
# python is started once; ~20 ms each, 8 at a time).
BAR_FROM = 16


@contextmanager
def _progress() -> Iterator[Callable[[int | str], None]]:
    """doctor's progress callback: a bar with counts on a terminal once the store has
    BAR_FROM envs or more (a second pass, after --fix, counts again)."""
    stack = ExitStack()
    state: dict = {}

    def progress(item: int | str) -> None:
        if isinstance(item, int):
            stack.close()
            state["bar"] = stack.enter_context(
                render.progress_bar(item if item >= BAR_FROM else 0, "doctor"))
        elif "bar" in state:
            state["bar"].step(item)
            state["bar"].advance()

    with stack:
        yield progress


def _render_findings(store: Store, findings, remaining, fix: bool) -> None:
    """One block per finding: what it is about and its status, then the finding and
    what to do, wrapped to the width (never a table: the paths and commands in them
    are what the user acts on, so they are never cut at the end)."""
    if not findings:
        render.info(f"{render.short_path(str(store.root), render.width())}: no problems found")
        return
    limit = render.width()
    out = []
    for f in findings:
        if fix and f.fixed:
            status = "fixed"
        elif fix and f.fix_error:
            status = f"not fixed: {f.fix_error}"
        else:
            status = f.severity
        subject = f.subject if "/" not in f.subject else render.short_path(f.subject, limit)
        head = render.wrap(f"{subject}: {f.kind} ({status})", limit)
        out.append(render.styled(head[0], "bold") + "".join("\n" + h for h in head[1:]))
        out += render.wrap(f.message, limit, indent="  ")
        if not f.fixed:
            out += render.wrap(f"to do: {f.suggestion}", limit, indent="  ")
    sys.stdout.write("\n".join(out) + "\n")  # wrapped already (and maybe styled)
    problems = render.plural(len(remaining), "problem")
    if remaining:
        render.info(f"{problems} {'remains' if len(remaining) == 1 else 'remain'}" if fix else
                    f"{problems}; 'envman doctor --fix' repairs the safe ones")
    elif fix:
        render.info("the store is healthy")


# Shown at the end of the help (\b keeps click from joining the lines).
DOCTOR_EXAMPLES = """\b
Examples:
  envman doctor
  envman doctor --fix"""


def register(app: typer.Typer) -> None:
    app.command("doctor", epilog=DOCTOR_EXAMPLES)(cmd_doctor)
