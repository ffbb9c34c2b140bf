"""cp, mv, tmp, run, all, wipe, export, import, upgrade, add-path, site-packages,
global-site-packages: the lifecycle of an env. ``project`` is in
commands_project.py.

The modules behind these commands (lifecycle, packages, pythons, importlib.metadata, ...)
are imported inside each command: the app registers every area on every typer command,
and importing them up front cost every command ~20 ms."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from contextlib import nullcontext

import typer

from .. import core
from ..errors import UsageError
from ..store import Store
from . import render
from .commands_env import BACKEND, INSTALL, NO_PIP, PROMPT, PYTHON, REQUIREMENTS, SYSTEM_SITE
from .render import progress_reporter
from .views import create_options

PASSTHROUGH = {"allow_extra_args": True, "ignore_unknown_options": True}


def _created(verb: str, status: core.EnvStatus) -> None:
    render.report_env_name(status.name)
    render.info(f"{verb} {status.name} (Python {status.python_version}) at {status.path}")


def cmd_cp(src: str = typer.Argument(..., metavar="SRC",
                                     help="Environment (or path of a venv) to copy."),
           dst: str | None = typer.Argument(None, metavar="DST",
                                               help="Name of the copy (default: SRC's).")) -> None:
    """Copy an environment.

    The copy is built anew (venvs cannot be moved or copied byte for byte): same Python
    X.Y, same packages at the same versions, same project, options and hook scripts.
    SRC may also be the path of a venv outside the store.
    """
    from .. import lifecycle

    with progress_reporter() as progress:
        status = lifecycle.copy_env(Store.default(), src, dst, progress)
    _created(f"copied {src} to", status)


def cmd_mv(old: str = typer.Argument(..., metavar="OLD", help="Environment to rename."),
           new: str = typer.Argument(..., metavar="NEW", help="Its new name.")) -> None:
    """Rename an environment.

    NEW is built anew with OLD's packages (venvs cannot be moved); OLD is removed only
    once NEW is verified. Created time, project, hooks and last use move with it.
    """
    from .. import lifecycle

    with progress_reporter() as progress:
        status = lifecycle.move_env(Store.default(), old, new, progress)
    _created(f"renamed {old} to", status)


def cmd_tmp(python: str | None = PYTHON, install: list[str] = INSTALL,
            requirements: list[str] = REQUIREMENTS, system_site_packages: bool = SYSTEM_SITE,
            no_pip: bool = NO_PIP, backend: str | None = BACKEND, prompt: str | None = PROMPT,
            owner_pid: int | None = typer.Option(
                None, "--owner-pid", metavar="PID",
                help="The shell that owns it (default: envman's parent)."),
            ) -> None:
    """Create a temporary environment.

    It is named tmp-XXXXXXXX; the shell integration activates it and removes it on
    deactivate ('envman doctor --fix' removes it once its shell is gone).
    """
    from .. import lifecycle

    opts = create_options(python, install, requirements, system_site_packages, no_pip,
                          backend, prompt)
    with progress_reporter() as progress:
        status = lifecycle.make_tmp(Store.default(), opts, owner_pid, progress)
    _created("created temporary env", status)


def cmd_run(ctx: typer.Context,
            name: str = typer.Argument(..., metavar="NAME", help="Environment name."),
            command: list[str] | None = typer.Argument(None, metavar="CMD...",
                                                          help="Command and arguments.")) -> None:
    """Run a command inside an environment.

    The env's bin is put first on PATH and VIRTUAL_ENV is set, without activating it;
    the command's exit status is envman's. Put -- before a command with options.
    """
    from .. import runner

    raise typer.Exit(runner.run(Store.default(), name, [*(command or []), *ctx.args]))


def cmd_all(ctx: typer.Context,
            command: list[str] | None = typer.Argument(None, metavar="CMD...",
                                                          help="Command and arguments.")) -> None:
    """Run a command in every environment.

    One env after the other, from inside each env's directory, under a header with the
    env's name (as virtualenvwrapper's allvirtualenv). On a terminal a bar on stderr
    counts the envs done.
    """
    from .. import runner

    store = Store.default()
    with render.progress_bar(len(store.env_names()), "all") as bar:
        def header(name: str) -> None:  # allvirtualenv's: the name, underlined, a blank line after
            bar.hide()  # the command writes to the terminal itself
            sys.stdout.write(f"{name}\n{'=' * len(name)}\n")
            sys.stdout.flush()

        def footer(result: runner.AllResult) -> None:
            if result.error is not None:
                render.error(str(result.error))
            sys.stdout.write("\n")
            sys.stdout.flush()
            bar.advance()
            bar.step(result.name)

        results = runner.run_all(store, [*(command or []), *ctx.args], header, footer)
    failed = [r for r in results if r.status != 0]
    if failed:
        listed = ", ".join(f"{r.name} (exit {r.status})" for r in failed)
        render.error(f"the command failed in {len(failed)} of {len(results)} environments: "
                     f"{listed}")
        raise typer.Exit(1)


def cmd_wipe(name: str = typer.Argument(..., metavar="NAME", help="Environment name.")) -> None:
    """Uninstall every package from an environment.

    pip and the backend's seed packages (setuptools, wheel) stay; editable and URL
    installs go too.
    """
    from .. import runner

    removed = runner.wipe(Store.default(), name)
    if removed:
        render.info("Uninstalling packages:\n\n" + "\n".join(removed))
    else:
        render.info("Nothing to remove.")


def cmd_export(name: str = typer.Argument(..., metavar="NAME", help="Environment name."),
               output: str | None = typer.Option(None, "-o", "--output", metavar="FILE",
                                                    help="Write to FILE (default: stdout)."),
               format: str = typer.Option("spec", "--format", metavar="FORMAT",
                                          help="spec, or pylock (a PEP 751 lock with hashes)."),
               ) -> None:
    """Write an environment's spec.

    A TOML file: the Python version, the packages pinned to their versions, and the
    env's options; no machine paths. 'envman import' builds the env again from it.
    --format pylock writes a PEP 751 lock with the hash of every file instead.
    """
    from .. import specs

    if format not in ("spec", "pylock"):
        raise UsageError(f"unknown format {format!r}", "use spec or pylock")
    if format == "pylock":
        from .. import pylock

        text = pylock.lock_text(Store.default(), name)
    else:
        text = specs.export_spec(Store.default(), name)
    if render.write_output(text, output, "the spec"):
        render.info(f"wrote the spec of {name} to {output}")


def cmd_import(file: str = typer.Argument(..., metavar="FILE",
                                          help="Spec file written by 'envman export'."),
               name: str | None = typer.Argument(None, metavar="NAME",
                                                    help="Env name (default: the spec's)."),
               python: str | None = typer.Option(None, "-p", "--python", metavar="VERSION",
                                                    help="Use this Python instead of the spec's."),
               find_links: list[str] = typer.Option([], "-f", "--find-links", metavar="DIR",
                                                    help="Directory of wheels to install from."),
               ) -> None:
    """Create an environment from a spec file.

    The spec is what 'envman export' writes (or a PEP 751 pylock.toml); NAME defaults
    to the name in it.
    """
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


def cmd_upgrade(names: list[str] | None = typer.Argument(None, metavar="NAME...",
                                                            help="Environments to rebuild."),
                python: str | None = typer.Option(None, "-p", "--python", metavar="VERSION",
                                                     help="New interpreter (default: same X.Y)."),
                all_envs: bool = typer.Option(False, "--all", help="Every env in the store."),
                broken: bool = typer.Option(False, "--broken",
                                            help="Every env whose base Python is gone (on the "
                                                 "closest Python of the same X.Y, or -p)."),
                dry_run: bool = typer.Option(False, "--dry-run",
                                             help="With --broken: show the plan only."),
                ) -> None:
    """Rebuild environments on a new Python.

    Each env is rebuilt on a new or repaired interpreter, keeping its packages,
    project, hooks and created time; this also repairs an env whose Python is gone.
    Every name is checked first: if one is bad, nothing is rebuilt (exit 2).
    """
    from .. import lifecycle

    if broken or dry_run:
        from .commands_hygiene import upgrade_broken

        return upgrade_broken(names, python, all_envs, broken, dry_run)

    store = Store.default()
    if all_envs and names:
        raise UsageError("give environment names or --all, not both")
    targets = store.env_names() if all_envs else list(names or [])
    if not targets:
        raise UsageError("no environment given", "name one or use --all")
    # All of them before the first rebuild; a registered env whose pyvenv.cfg is gone
    # passes here, and upgrade then says what it needs.
    targets = core.check_names(store, targets)
    results = []
    unique = list(dict.fromkeys(targets))
    with render.progress_bar(len(unique), "upgrade") as bar:
        # With a bar, each step shows in the bar's line; alone, the spinner shows it.
        with nullcontext(None) if bar.active else progress_reporter() as spinner:
            for name in unique:
                bar.step(name)
                progress = spinner or (lambda step, name=name: bar.step(f"{name}: {step}"))
                results += lifecycle.upgrade_envs(store, [name], python, progress)
                bar.advance()
    for result in results:
        if result.error is not None:
            render.error(f"{result.name}: {result.error} (it was left as it was)")
        elif result.status is not None:  # upgrade_envs sets one of error and status
            render.info(f"rebuilt {result.name} on Python {result.status.python_version}")
    if any(r.error is not None for r in results):
        raise typer.Exit(1)


def cmd_add_path(name: str = typer.Argument(..., metavar="NAME", help="Environment name."),
                 dirs: list[str] | None = typer.Argument(None, metavar="PATH...",
                                                           help="Directories."),
                 remove: bool = typer.Option(False, "--remove", "-d",
                                             help="Remove the directories instead.")) -> None:
    """Add directories to an environment's sys.path.

    They go in virtualenvwrapper's _virtualenv_path_extensions.pth (as add2virtualenv);
    with no PATH, the added ones are listed.
    """
    from .. import sitepaths

    store = Store.default()
    if not dirs:
        if remove:
            raise UsageError("--remove needs a directory")
        sys.stdout.write("".join(f"{p}\n" for p in sitepaths.read_paths(store, name)))
        return
    for path in sitepaths.add_paths(store, name, dirs, remove):
        render.info(f"{'removed' if remove else 'added'} {path}")


def cmd_site_packages(name: str = typer.Argument(..., metavar="NAME",
                                                 help="Environment name.")) -> None:
    """Print an environment's site-packages directory."""
    from .. import sitepaths

    sys.stdout.write(f"{sitepaths.site_packages_dir(Store.default(), name)}\n")


def cmd_global_site_packages(
        name: str = typer.Argument(..., metavar="NAME", help="Environment name."),
        mode: str = typer.Argument("toggle", metavar="on|off|toggle",
                                   help="What to do."),
) -> None:
    """Switch an environment's access to the system site-packages."""
    from .. import sitepaths

    enabled = sitepaths.global_site_packages(Store.default(), name, mode)
    render.info("Enabled global site-packages" if enabled else "Disabled global site-packages")


# Shown at the end of each command's help (\b keeps click from joining the lines).
CP_EXAMPLES = """\b
Examples:
  envman cp web web-py313
  envman cp ~/src/app/.venv app"""
EXPORT_EXAMPLES = """\b
Examples:
  envman export web -o web.toml
  envman export web > web.toml"""
IMPORT_EXAMPLES = """\b
Examples:
  envman import web.toml
  envman import web.toml web2 -p 3.13"""


def register(app: typer.Typer) -> None:
    app.command("cp", epilog=CP_EXAMPLES)(cmd_cp)
    app.command("mv")(cmd_mv)
    app.command("tmp")(cmd_tmp)
    app.command("run", context_settings=PASSTHROUGH)(cmd_run)
    app.command("all", context_settings=PASSTHROUGH)(cmd_all)
    app.command("wipe")(cmd_wipe)
    app.command("export", epilog=EXPORT_EXAMPLES)(cmd_export)
    app.command("import", epilog=IMPORT_EXAMPLES)(cmd_import)
    app.command("upgrade")(cmd_upgrade)
    app.command("add-path")(cmd_add_path)
    app.command("site-packages")(cmd_site_packages)
    app.command("global-site-packages")(cmd_global_site_packages)
