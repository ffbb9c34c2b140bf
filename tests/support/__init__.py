"""The tests' own support code, in one place.

- ``env``: each test's own environment (make_env), the machine's tools (require_program,
  missing: skip locally, fail under CI), store snapshots.
- ``boxes``: the store/shell fixture: ``Box`` and its kinds ``Sandbox`` (the CLI),
  ``ShBox`` (bash/zsh/ksh scripts), ``FishBox`` (fish scripts); ``Result`` of a script.
- ``hooks``: hook files that log what they are given.
- ``terminal``: the one pseudo-terminal driver (``Terminal``); every read has a deadline.
- ``crash``, ``lifecycle``, ``pythons``, ``wheels``, ``vw_reference``: SIGKILL trials,
  an offline editable project, pyenv's other Pythons, tiny local wheels, the real
  virtualenvwrapper to compare with (import them as ``tests.support.crash`` ...).

The names of the first four are importable from ``tests.support`` itself.
"""

from .boxes import (
    COMMAND,
    ECHO_VE,
    ENVMAN,
    FISH_FILE,
    INTERACTIVE,
    KSH_FILE,
    LOAD,
    PATH_RESTORED,
    SAVE_PATH,
    SH_FILE,
    SHELLS,
    STRICT,
    T_WHICH,
    Box,
    FishBox,
    Result,
    Sandbox,
    ShBox,
    assert_ok,
    make_fish_box,
    make_sh_box,
    run_script,
    sandbox_at,
    sh_file,
)
from .env import (
    HOSTILE,
    IN_CI,
    PYENV_VERSIONS,
    REPO,
    SCRIPTS_DIR,
    UV_CACHE,
    full_disk_in_process,
    make_env,
    missing,
    require_program,
    snapshot,
    without_locks,
)
from .hooks import hooks, logging_hook, pre_post_hooks, sourced_hook, write_hook
from .terminal import Terminal, child_exited, read_pty

__all__ = [
    "COMMAND", "ECHO_VE", "ENVMAN", "FISH_FILE", "HOSTILE", "INTERACTIVE", "IN_CI",
    "KSH_FILE", "LOAD", "T_WHICH", "sh_file",
    "PATH_RESTORED", "PYENV_VERSIONS", "REPO", "SAVE_PATH", "SCRIPTS_DIR", "SHELLS",
    "SH_FILE", "STRICT", "UV_CACHE", "Box", "FishBox", "Result", "Sandbox", "ShBox",
    "Terminal", "assert_ok", "child_exited", "full_disk_in_process", "hooks",
    "logging_hook", "make_env", "make_fish_box", "make_sh_box", "missing", "pre_post_hooks",
    "read_pty", "require_program", "run_script", "sandbox_at", "snapshot", "sourced_hook",
    "without_locks", "write_hook",
]
