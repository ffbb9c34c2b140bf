"""The package lines of an export/import spec are PEP 508 requirements, parsed by
``packaging``: extras, ``===`` pins and markers are understood; a line that is not a
requirement, or does not pin one version, is refused with one line and exit 2 before
anything is built."""

from __future__ import annotations

import pytest

from envman.errors import UsageError
from envman.specs import applies_to, parse_package_line

GOOD = {
    "envman-demo-a==1.0": ("envman-demo-a", ""),
    "envman-demo-a[cli,extra]==1.0": ("envman-demo-a", ""),
    "envman-demo-a===1.0": ("envman-demo-a", ""),
    'envman-demo-a==1.0; python_version < "3.11"': ("envman-demo-a", ""),
    "Envman_Demo.A == 1.0": ("Envman_Demo.A", ""),
    "tool @ git+https://host/tool@abc123": ("tool", "git+https://host/tool@abc123"),
    "tool[x] @ https://host/tool-1.0-py3-none-any.whl": ("tool", "https://host/tool-1.0-py3-none-any.whl"),
}


@pytest.mark.parametrize("line", GOOD)
def test_pinned_and_direct_lines_parse(line):
    req = parse_package_line(line, "spec.toml")
    assert (req.name, req.url or "") == GOOD[line]


def test_extras_and_arbitrary_equality_are_kept():
    req = parse_package_line("envman-demo-a[cli]==1.0", "f")
    assert req.extras == {"cli"} and str(req.specifier) == "==1.0"
    req = parse_package_line("legacy===1.0-custom", "f")
    assert str(req.specifier) == "===1.0-custom"


BAD = {
    "envman-demo-a=1.0": "is not a valid requirement",
    "envman-demo-a[cli==1.0": "is not a valid requirement",
    "": "is not a valid requirement",
    "envman-demo-a": "does not pin one version",
    "envman-demo-a>=1.0": "does not pin one version",
    "envman-demo-a==1.*": "does not pin one version",
    "envman-demo-a==1.0,<2": "does not pin one version",
}


@pytest.mark.parametrize("line", BAD)
def test_bad_lines_are_usage_errors(line):
    with pytest.raises(UsageError) as caught:
        parse_package_line(line, "spec.toml")
    message = str(caught.value)
    assert BAD[line] in message and repr(line) in message and "\n" not in message


def test_markers_are_evaluated_for_the_env_python():
    req = parse_package_line('a==1.0; python_version < "3.11"', "f")
    assert applies_to(req, "3.10.4") and not applies_to(req, "3.12.1")
    assert applies_to(parse_package_line("a==1.0", "f"), "3.12.1")


def _spec(path, *packages: str):
    lines = ", ".join('"' + p.replace('"', '\\"') + '"' for p in packages)
    path.write_text(f'envman-spec = 1\nname = "imported"\npip = false\npackages = [{lines}]\n')
    return path


@pytest.mark.parametrize("line", ["envman-demo-a>=1.0", "envman-demo-a=1.0"])
def test_import_of_a_bad_line_says_so_in_one_line(sandbox, tmp_path, line):
    sandbox.ok("new", "keep", "--no-pip")
    before = sandbox.snapshot()
    proc = sandbox.run("import", str(_spec(tmp_path / "spec.toml", line)))
    assert proc.returncode == 2
    assert proc.stderr.startswith("envman: error: ") and proc.stderr.count("\n") == 1, proc.stderr
    assert repr(line) in proc.stderr
    assert sandbox.snapshot() == before


def test_import_installs_extras_and_arbitrary_equality_pins(sandbox, tmp_path, wheels):
    """The lines the old hand-written parser refused: an extra (the demo wheel has none,
    which the installer only warns about), an `===` pin, and a marker that is false for
    every Python envman runs on (so the line installs nothing and is not checked)."""
    sandbox.env["UV_OFFLINE"] = "1"
    spec = _spec(tmp_path / "spec.toml", "envman-demo-a[cli]==1.0", "envman-demo-b===0.3",
                 'envman-demo-a==2.0; python_version < "3.0"')
    sandbox.ok("import", str(spec), "-f", str(wheels))
    from importlib import metadata

    from envman.envinfo import site_packages

    site = site_packages(sandbox.store / "imported")
    versions = {d.metadata["Name"]: d.version for d in metadata.distributions(path=[str(site)])}
    assert versions == {"envman-demo-a": "1.0", "envman-demo-b": "0.3"}
