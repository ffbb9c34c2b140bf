"""doctor: report what is wrong with the store and its envs; --fix repairs what is safe."""

from __future__ import annotations

import typer

from .. import doctor as doctor_mod
from ..store import Store
from . import render


def cmd_doctor(
    fix: bool = typer.Option(False, "--fix", help="Repair what is safe (never deletes a usable env)."),
    as_json: bool = typer.Option(False, "--json", help="A JSON object of findings."),
) -> None:
    """Find broken, missing, unregistered and half-created envs; exit 1 if anything is wrong."""
    store = Store.default()
    findings, remaining = doctor_mod.doctor(store, apply=fix)
    healthy = not remaining
    if as_json:
        render.print_json({
            "store": str(store.root),
            "healthy": healthy,
            "findings": [f.to_json() for f in findings],
            "remaining": [f.to_json() for f in remaining] if fix else None,
        })
    else:
        _render_table(store, findings, remaining, fix)
    raise typer.Exit(0 if healthy else 1)


def _render_table(store: Store, findings, remaining, fix: bool) -> None:  # noqa: ANN001
    if not findings:
        render.info(f"{store.root}: no problems found")
        return
    rows = []
    for f in findings:
        if fix and f.fixed:
            status = "fixed"
        elif fix and f.fix_error:
            status = f"not fixed: {f.fix_error}"
        else:
            status = f.severity
        rows.append([f.subject, f.kind, f.message, status, "-" if f.fixed else f.suggestion])
    render.table(["subject", "kind", "finding", "status", "suggestion"], rows, styles={0: "bold"})
    if remaining:
        render.info(f"{len(remaining)} problem(s) remain" if fix else
                    f"{len(remaining)} problem(s); 'envman doctor --fix' repairs the safe ones")
    elif fix:
        render.info("the store is healthy")


def register(app: typer.Typer) -> None:
    app.command("doctor")(cmd_doctor)
