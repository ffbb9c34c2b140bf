"""cp, mv, tmp, run, all, wipe, export, import, upgrade, add-path, site-packages,
global-site-packages: the lifecycle of an env (issue 5). ``project`` is in
commands_project.py.

The modules behind these commands (lifecycle, packages, pythons, importlib.metadata, ...)
are imported inside each command: the app registers every area on every typer command,
and importing them up front cost every command ~20 ms."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import List, Optional

import typer

from .. import core
from ..errors import UsageError
from ..store import Store
from . import render
from .commands_env import (BACKEND, INSTALL, NO_PIP, PROMPT, PYTHON, REQUIREMENTS,
                           SYSTEM_SITE)
from .render import progress_reporter
from .views import create_options

PASSTHROUGH = {"allow_extra_args": True, "ignore_unknown_options": True}


def _created(verb: str, status: core.EnvStatus) -> None:
    render.report_env_name(status.name)
    render.info(f"{verb} {status.name} (Python {status.python_version}) at {status.path}")


def cmd_cp(src: str = typer.Argument(..., help="Environment (or path of a venv) to copy."),
           dst: Optional[str] = typer.Argument(None, help="Name of the copy (default: SRC's).")) -> None:
    """Clone an env: same Python X.Y, same packages at the same versions, same project."""
    from .. import lifecycle

    with progress_reporter() as progress:
        status = lifecycle.copy_env(Store.default(), src, dst, progress)
    _created(f"copied {src} to", status)


def cmd_mv(old: str = typer.Argument(..., help="Environment to rename."),
           new: str = typer.Argument(..., help="Its new name.")) -> None:
    """Rename an env by recreating it (venvs are not relocatable); OLD is removed only
    once NEW is verified."""
    from .. import lifecycle

    with progress_reporter() as progress:
        status = lifecycle.move_env(Store.default(), old, new, progress)
    _created(f"renamed {old} to", status)


def cmd_tmp(python: Optional[str] = PYTHON, install: List[str] = INSTALL,
            requirements: List[str] = REQUIREMENTS, system_site_packages: bool = SYSTEM_SITE,
            no_pip: bool = NO_PIP, backend: Optional[str] = BACKEND, prompt: Optional[str] = PROMPT,
            owner_pid: Optional[int] = typer.Option(
                None, "--owner-pid", help="The shell that owns it (default: envman's parent)."),
            ) -> None:
    """Create a temporary env (tmp-XXXXXXXX), removed when deactivated."""
    from .. import lifecycle

    opts = create_options(python, install, requirements, system_site_packages, no_pip,
                          backend, prompt)
    with progress_reporter() as progress:
        status = lifecycle.make_tmp(Store.default(), opts, owner_pid, progress)
    _created("created temporary env", status)


def cmd_run(ctx: typer.Context, name: str = typer.Argument(..., help="Environment name."),
            command: Optional[List[str]] = typer.Argument(None, help="Command and arguments.")) -> None:
    """Run a command inside an env without activating it; its exit status is returned."""
    from .. import runner

    raise typer.Exit(runner.run(Store.default(), name, [*(command or []), *ctx.args]))


def cmd_all(ctx: typer.Context,
            command: Optional[List[str]] = typer.Argument(None, help="Command and arguments.")) -> None:
    """Run a command in every env in turn (from inside each env's directory)."""
    from .. import runner

    def header(name: str) -> None:  # allvirtualenv's: the name, underlined, then a blank line after
        sys.stdout.write(f"{name}\n{'=' * len(name)}\n")
        sys.stdout.flush()

    def footer(result: runner.AllResult) -> None:
        if result.error is not None:
            render.error(str(result.error))
        sys.stdout.write("\n")
        sys.stdout.flush()

    results = runner.run_all(Store.default(), [*(command or []), *ctx.args], header, footer)
    failed = [r for r in results if r.status != 0]
    if failed:
        listed = ", ".join(f"{r.name} (exit {r.status})" for r in failed)
        render.error(f"the command failed in {len(failed)} of {len(results)} environments: {listed}")
        raise typer.Exit(1)


def cmd_wipe(name: str = typer.Argument(..., help="Environment name.")) -> None:
    """Uninstall every package except pip and the backend's seed packages."""
    from .. import runner

    removed = runner.wipe(Store.default(), name)
    if removed:
        render.info("Uninstalling packages:\n\n" + "\n".join(removed))
    else:
        render.info("Nothing to remove.")


def cmd_export(name: str = typer.Argument(..., help="Environment name."),
               output: Optional[str] = typer.Option(None, "-o", "--output",
                                                    help="Write the spec to FILE (default: stdout)."),
               format: str = typer.Option("spec", "--format",
                                          help="spec, or pylock (a PEP 751 lock with hashes)."),
               ) -> None:
    """Write an env spec (TOML: python version, pinned packages, options)."""
    from .. import specs
    from ..fsutil import atomic_write

    if format not in ("spec", "pylock"):
        raise UsageError(f"unknown format {format!r}", "use spec or pylock")
    if format == "pylock":
        from .. import pylock

        text = pylock.lock_text(Store.default(), name)
    else:
        text = specs.export_spec(Store.default(), name)
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    target = Path(output).expanduser()
    if target.is_dir():
        raise UsageError(f"{output!r} is a directory")
    try:
        atomic_write(target, text.encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot write {output!r}: {exc.strerror or exc}") from None
    render.info(f"wrote the spec of {name} to {output}")


def cmd_import(file: str = typer.Argument(..., help="Spec file written by 'envman export'."),
               name: Optional[str] = typer.Argument(None, help="Env name (default: the spec's)."),
               python: Optional[str] = typer.Option(None, "-p", "--python",
                                                    help="Use this Python instead of the spec's."),
               find_links: List[str] = typer.Option([], "-f", "--find-links",
                                                    help="Directory of wheels to install from."),
               ) -> None:
    """Create an env from a spec written by 'envman export'."""
    import_into(file, name, python, find_links=find_links)


def import_into(file: str, name: str | None, python: str | None, unused: Sequence = (),
                find_links: Sequence[str] = ()) -> None:
    """`import FILE [NAME]` and `new NAME --from FILE`; ``unused``: new's options that
    a file already decides (given ones are refused, not silently ignored)."""
    from .. import specs

    if any(unused):
        raise UsageError("--from takes only -p with it", "the file gives the packages and options")
    with progress_reporter() as progress:
        status = specs.import_spec(Store.default(), file, name, python, find_links, progress)
    _created("imported", status)


def cmd_upgrade(names: Optional[List[str]] = typer.Argument(None, help="Environments to rebuild."),
                python: Optional[str] = typer.Option(None, "-p", "--python",
                                                     help="New interpreter (default: same X.Y)."),
                all_envs: bool = typer.Option(False, "--all", help="Every env in the store."),
                ) -> None:
    """Rebuild envs on a new or repaired interpreter, keeping their packages."""
    from .. import lifecycle

    store = Store.default()
    if all_envs and names:
        raise UsageError("give environment names or --all, not both")
    targets = store.env_names() if all_envs else list(names or [])
    if not targets:
        raise UsageError("no environment given", "name one or use --all")
    with progress_reporter() as progress:
        results = lifecycle.upgrade_envs(store, targets, python, progress)
    for result in results:
        if result.error is not None:
            render.error(f"{result.name}: {result.error} (it was left as it was)")
        else:
            render.info(f"rebuilt {result.name} on Python {result.status.python_version}")
    if any(r.error is not None for r in results):
        raise typer.Exit(1)


def cmd_add_path(name: str = typer.Argument(..., help="Environment name."),
                 dirs: Optional[List[str]] = typer.Argument(None, help="Directories."),
                 remove: bool = typer.Option(False, "--remove", "-d",
                                             help="Remove the directories instead.")) -> None:
    """Add directories to an env's sys.path (virtualenvwrapper's add2virtualenv file);
    with no DIR, list the added ones."""
    from .. import sitepaths

    store = Store.default()
    if not dirs:
        if remove:
            raise UsageError("--remove needs a directory")
        sys.stdout.write("".join(f"{p}\n" for p in sitepaths.read_paths(store, name)))
        return
    for path in sitepaths.add_paths(store, name, dirs, remove):
        render.info(f"{'removed' if remove else 'added'} {path}")


def cmd_site_packages(name: str = typer.Argument(..., help="Environment name.")) -> None:
    """Print the env's site-packages directory."""
    from .. import sitepaths

    sys.stdout.write(f"{sitepaths.site_packages_dir(Store.default(), name)}\n")


def cmd_global_site_packages(
        name: str = typer.Argument(..., help="Environment name."),
        mode: str = typer.Argument("toggle", help="on, off or toggle."),
) -> None:
    """Give an env access to the system site-packages, or take it away."""
    from .. import sitepaths

    enabled = sitepaths.global_site_packages(Store.default(), name, mode)
    render.info("Enabled global site-packages" if enabled else "Disabled global site-packages")


def register(app: typer.Typer) -> None:
    app.command("cp")(cmd_cp)
    app.command("mv")(cmd_mv)
    app.command("tmp")(cmd_tmp)
    app.command("run", context_settings=PASSTHROUGH)(cmd_run)
    app.command("all", context_settings=PASSTHROUGH)(cmd_all)
    app.command("wipe")(cmd_wipe)
    app.command("export")(cmd_export)
    app.command("import")(cmd_import)
    app.command("upgrade")(cmd_upgrade)
    app.command("add-path")(cmd_add_path)
    app.command("site-packages")(cmd_site_packages)
    app.command("global-site-packages")(cmd_global_site_packages)
