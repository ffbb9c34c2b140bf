"""The one exception family envman raises on purpose.

Every error carries its exit code and an optional hint; the CLI prints
``envman: error: <message> (<hint>)`` on one line and exits with ``code``.
"""


class EnvmanError(Exception):
    """The operation failed (exit 1)."""

    code = 1
    # The full output of the tool that failed (uv, pip, venv), when there was one: the
    # message keeps only its error, causes and hints; ``envman --verbose`` prints all of it.
    output: str | None = None

    def __init__(self, message: str, hint: str | None = None) -> None:
        message = _capped(message)
        super().__init__(message)
        self.message = message
        self.hint = _capped(hint) if hint else hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} ({self.hint})"


class UsageError(EnvmanError):
    """Bad usage or invalid input (exit 2); nothing was changed."""

    code = 2


class BadNames(UsageError):
    """Some of the names a command was given are bad (invalid, no such environment, the
    active one); the command changed nothing. ``lines`` has one line per bad name (the
    CLI prints each)."""

    def __init__(self, problems: list[EnvmanError]) -> None:
        self.lines = [str(p) for p in problems]
        super().__init__("; ".join(self.lines))
        # Bad input when any name is (invalid, no such env); else only refusals such
        # as the active env, which stay "the operation failed".
        self.code = max(p.code for p in problems)


class InvalidName(UsageError):
    """A name that can never be an environment name."""


class EnvExists(UsageError):
    """The target name is already taken."""


class EnvNotFound(EnvmanError):
    """The named environment is not in the store."""


class StoreBusy(EnvmanError):
    """Another envman held the store lock for longer than the timeout."""


class ConfigError(UsageError):
    """config.toml is unreadable or holds a bad value."""


# An error is one line a person reads: a message built from user data (a spec with
# 300,000 packages, a 4 MB requirement line) is cut, saying how much was left out.
MAX_MESSAGE = 2000


def _capped(text: str) -> str:
    if len(text) <= MAX_MESSAGE:
        return text
    return f"{text[:MAX_MESSAGE]}... ({len(text) - MAX_MESSAGE} more characters not shown)"
