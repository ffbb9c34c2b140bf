"""The program is entered only through ``cli/``, and nothing below it reaches back up:
no module outside ``src/envman/cli/`` imports ``envman.cli`` (the lower layers return
data and raise errors; only the CLI prints, parses and picks exit codes). The one
exception is ``__main__.py``, the entry point, whose job is to hand over to ``cli/``."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "envman"
ENTRY_POINT = PACKAGE / "__main__.py"


def _imported_modules(source: str, package: list[str]) -> list[tuple[int, str]]:
    """Every module ``source`` imports, as absolute dotted names (relative imports
    resolved against ``package``, the module's own package), with the line it is on."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.append((node.lineno, module))
            # `from . import cli` names the package in the imported names
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def _is_cli(module: str) -> bool:
    return module == "envman.cli" or module.startswith("envman.cli.")


def test_nothing_outside_cli_imports_cli():
    offenders = []
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 10 and ENTRY_POINT in modules  # the scan sees the package
    for path in modules:
        if path == ENTRY_POINT or (PACKAGE / "cli") in path.parents:
            continue
        package = ["envman", *path.parent.relative_to(PACKAGE).parts]
        imports = _imported_modules(path.read_text(encoding="utf-8"), package)
        offenders += [f"{path.relative_to(PACKAGE)}:{line} imports {module}"
                      for line, module in imports if _is_cli(module)]
    assert offenders == []


def test_the_rule_catches_relative_and_absolute_imports():
    """The walker itself: each spelling of an import of cli/ is seen, from a module
    directly in envman/ and from one in a subpackage."""
    spellings = {
        "from .cli import render": ["envman"],
        "from . import cli": ["envman"],
        "from ..cli.views import list_view": ["envman", "sub"],
        "import envman.cli.app": ["envman"],
        "def f():\n    from .cli import fast": ["envman"],
    }
    for source, package in spellings.items():
        assert any(_is_cli(m) for _, m in _imported_modules(source, package)), source
    assert not any(_is_cli(m) for _, m in _imported_modules(
        "from . import client\nfrom .clinic import x\nimport envman.clix", ["envman"]))
