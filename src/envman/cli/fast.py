"""Answers for the hot commands without loading typer.

Importing typer and building a command costs ~50 ms more than the work it does
(~150 ms under typer 0.29, which envman does not use for that reason). Scripts,
prompts and people call ``--version``, ``path NAME``, ``ls`` and ``show NAME`` often,
the shell's auto-activation asks ``allow --check DIR`` on entering a project,
``eval "$(envman init bash)"`` runs at every shell start where an rc file has it,
and ``new NAME`` is the main job, so those exact, simple command lines are parsed
here and answered by the same functions the typer commands call (views.py), which
keeps the output identical by construction.

Anything else returns None and goes to the full CLI: ``--help``, any option of
``new``, combined short flags (``-lb``), unknown options, and every error of the
read-only commands (a bad name, a missing env, ``-b`` with ``-l``), so messages and
exit codes stay defined in one place (the typer app). Those errors are raised before
anything is printed, so handing over to the full CLI is clean. ``new NAME`` reports
its own errors through the same render.failed the full CLI uses. Set
ENVMAN_NO_FASTPATH=1 to always use the full CLI (tests compare both).
"""

import os
import sys

# Set when `ls` has been answered here, or `new NAME` has succeeded here: all they
# made is left to the end, and end_process may skip the interpreter's clean-up (see
# there).
answered = False

_LS_FLAGS = {"-l": "long", "--long": "long", "-b": "bare", "--bare": "bare", "--json": "json"}


def try_fast_path(args: list[str]) -> int | None:
    if os.environ.get("ENVMAN_NO_FASTPATH"):
        return None
    if args == ["--version"]:
        from .. import __version__

        sys.stdout.write(f"envman {__version__}\n")
        return 0
    if len(args) == 2 and args[0] == "path" and not args[1].startswith("-"):
        return _path(args[1])
    if len(args) == 2 and args[0] == "new" and not args[1].startswith("-"):
        return _new(args[1])
    if args[:1] == ["init"]:
        return _init(args[1:])
    if args[:2] == ["allow", "--check"]:
        rest = args[2:]
        if rest[:1] == ["--"]:
            rest = rest[1:]
        elif rest[:1] and rest[0].startswith("-"):
            return None
        if len(rest) != 1:
            return None
        return _allow_check(rest[0])
    if args[:1] == ["ls"]:
        flags = set()
        for arg in args[1:]:
            if arg not in _LS_FLAGS:
                return None
            flags.add(_LS_FLAGS[arg])
        if "bare" in flags and len(flags) > 1:
            return None  # the full CLI reports the usage error
        # A short read-only run that makes a few objects per env and keeps them all to
        # the end: the cycle collector would only walk them over and over (~1-2 ms at
        # 1000 envs), freeing nothing.
        import gc

        gc.disable()
        code = _run_view("list_view", "long" in flags, "bare" in flags, "json" in flags)
        if code is None:  # handed over to the full CLI, which keeps Python's defaults
            gc.enable()
        else:
            global answered
            answered = True
        return code
    if args[:1] == ["show"] and 2 <= len(args) <= 3:
        rest = args[1:]
        as_json = "--json" in rest
        names = [a for a in rest if a != "--json"]
        if len(names) != 1 or names[0].startswith("-") or len(rest) != len(names) + as_json:
            return None
        from ..names import is_valid_name

        if not is_valid_name(names[0]):
            return None
        return _run_view("show_view", names[0], as_json)
    return None


def end_process(code: int) -> None:
    """End the program now when `ls` was answered here, or `new NAME` succeeded.
    Python's own ending frees every object one by one (a thousand envs' statuses,
    every module) and collects garbage once more, ~7M instructions and ~2.5 ms at 1000
    envs (7% of `ls`); after `new`, whose ~110 modules are the most of any fast path,
    ~16.5M of its ~156M instructions: all for memory the system takes back anyway.
    Nothing of envman's is waiting: `ls` writes no file, `new` has closed (and synced)
    every file it wrote, the locks included, and the output is flushed here. Where
    something was registered to run at exit (logging, after a warning), or the flush
    fails (a full disk, a reader that left), the usual ending runs and reports as it
    always has."""
    if not answered:
        return
    import atexit

    count = getattr(atexit, "_ncallbacks", None)
    if count is None or count():
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code)


def _path(name: str) -> int | None:
    """`envman path NAME`: the store's rules as text (storeroot.py), no pathlib."""
    from ..names import is_valid_name

    if not is_valid_name(name):
        return None
    from ..errors import EnvmanError
    from ..storeroot import is_env_dir, join_text, store_root_text

    try:
        path = join_text(store_root_text(), name)
    except EnvmanError:
        return None  # a bad WORKON_HOME: the full CLI reports it
    if not is_env_dir(path):
        return None  # the full CLI reports the error
    sys.stdout.write(f"{path}\n")
    return 0


_INIT_FLAGS = ("--path", "--no-compat", "--auto")


def _init(rest: list[str]) -> int | None:
    """`envman init SHELL [--path] [--no-compat] [--auto]`, each flag at most once: the
    rc line's `eval "$(envman init bash)"` runs it at every shell start, where typer
    would cost ~40 ms of its ~65. Anything else, or an error, goes to the full CLI."""
    words = [arg for arg in rest if arg not in _INIT_FLAGS]
    if len(words) != 1 or len(set(rest)) != len(rest):
        return None
    from .. import shellinit

    shell = words[0]
    if shell not in shellinit.SHELLS or not shellinit.script_path(shell).is_file():
        return None
    sys.stdout.write(shellinit.init_text(shell, "--path" in rest, "--no-compat" not in rest,
                                         "--auto" in rest))
    return 0


def _allow_check(directory: str) -> int | None:
    """`envman allow --check DIR`: the shell's question on entering a project, so it
    runs here (no typer, no logging set-up). Bad input goes to the full CLI."""
    from .. import trust
    from ..errors import EnvmanError

    try:
        return 0 if trust.check(directory) else 1
    except EnvmanError:
        return None


def _new(name: str) -> int:
    """`envman new NAME`, the main job, with every option at its default. Unlike the
    read-only answers it does not hand errors over (the build may have begun): they
    end it here, as the full CLI would end it (render.failed)."""
    # `new` imports ~110 modules (many lazily, during the build) and keeps what it
    # builds to the end; every object it makes is either kept or freed by its count. The
    # cycle collector would walk the new modules' objects again and again, freeing
    # nothing: ~5M instructions (~1 ms), 4% of new's own process. So it is off for the
    # whole build, not only the first imports.
    import gc

    collecting = gc.isenabled()
    gc.disable()
    try:
        from ..errors import EnvmanError
        from . import render, views
        from .logs import setup_logging

        setup_logging()
        try:
            views.create_view(name, views.create_options())
        except EnvmanError as exc:
            return render.failed(exc)
        except KeyboardInterrupt:
            return render.interrupted()
        except BrokenPipeError:
            return render.reader_left()
    finally:
        if collecting:  # a caller of main(argv) gets its collector back
            gc.enable()
    # Built, verified and registered: every file it wrote is closed (and the registry
    # synced), so the process may end without Python's clean-up (end_process).
    global answered
    answered = True
    return 0


def _run_view(view: str, *args: object) -> int | None:
    """Run one of cli/views.py's functions with the full CLI's conventions (logging,
    a closed pipe, Ctrl-C); on an envman error hand over to the full CLI."""
    from .. import log
    from ..errors import EnvmanError
    from . import render, views

    # logs.setup_logging, with cli/logs.py itself loaded only when something is logged:
    # `ls` and `show` usually log nothing.
    log.on_first_use(_install_logging)
    try:
        getattr(views, view)(*args)
    except EnvmanError:
        return None
    except KeyboardInterrupt:
        return render.interrupted()
    except BrokenPipeError:
        return render.reader_left()
    return 0


def _install_logging(logger) -> None:  # a logging.Logger
    from .logs import install_handler  # what logs.setup_logging would have set up

    install_handler(logger)
