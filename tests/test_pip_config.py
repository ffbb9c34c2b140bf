"""Installs honour the user's pip configuration (pip.conf files and PIP_* variables),
translated for uv; explicit UV_* settings win; ENVMAN_PIP_CONFIG=0 / pip_config = false
turns it off. A wheel built by the test sits in a find-links directory and the index is
off (no-index), so an install succeeds only if that configuration reached the installer.

The sandbox inherits this machine's global pip files and PIP_* variables; each test here
clears the PIP_* variables and names its own file with PIP_CONFIG_FILE."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from envman import pipconfig
from envman.backends import MAX_LINES, MAX_WIDTH, summarise

from tests.support import require_program
from tests.support.wheels import make_wheel

PKG = "envman-pipconf-demo"  # not on any index: only the find-links directory has it


@pytest.fixture
def wheel_dir(tmp_path: Path) -> Path:
    out = tmp_path / "wheels"
    out.mkdir()
    make_wheel(out, PKG, "1.0", scripts={"pipconf-demo": "envman_pipconf_demo:main"})
    return out


@pytest.fixture
def sb(sandbox, tmp_path, wheel_dir):
    """A sandbox whose pip configuration is one file: no index, the test's wheels."""
    for key in [k for k in sandbox.env if k.startswith(("PIP_", "UV_")) and k != "UV_CACHE_DIR"]:
        del sandbox.env[key]
    conf = tmp_path / "pip.conf"
    conf.write_text(f"[global]\nno-index = true\nfind-links = {wheel_dir}\n")
    sandbox.env["PIP_CONFIG_FILE"] = str(conf)
    sandbox.env["UV_OFFLINE"] = "1"  # nothing here may need the network
    sandbox.conf = conf
    return sandbox


def runs_demo(sb, name: str) -> bool:
    script = sb.store / name / "bin" / "pipconf-demo"
    return script.exists() and subprocess.run([str(script)], capture_output=True,
                                              text=True, check=False).stdout.strip() == f"{PKG} 1.0"


def envs(sb) -> dict:
    """The store's contents less its per-env lock files (a failed build may leave the
    empty flock file of the name it tried; that is not state)."""
    return {k: v for k, v in sb.snapshot().items() if not k.startswith(".envman/locks/")}


def use_backend(sb, backend: str) -> None:
    if backend == "venv":
        (sb.root / "config.toml").write_text('default_backend = "venv"\n')


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["uv", "venv"])
def test_new_import_upgrade_install_from_pip_conf_find_links(sb, tmp_path, backend):
    use_backend(sb, backend)
    sb.ok("new", "x", "-i", PKG)
    assert runs_demo(sb, "x")
    show = json.loads(sb.ok("show", "x", "--json").stdout)
    assert show["backend"] == backend
    assert show["index"].startswith(f"none (no-index from {sb.conf})")
    assert f"find-links {tmp_path / 'wheels'} (from {sb.conf})" in show["index"]

    spec = tmp_path / "x.toml"
    sb.ok("export", "x", "-o", str(spec))
    sb.ok("import", str(spec), "y")  # no -f: the find-links come from pip.conf
    assert runs_demo(sb, "y")

    sb.ok("upgrade", "x")
    assert runs_demo(sb, "x")


def test_pip_variables_override_the_file(sb, tmp_path, wheel_dir):
    empty = tmp_path / "empty"
    empty.mkdir()
    sb.conf.write_text(f"[global]\nno-index = true\nfind-links = {empty}\n")
    sb.ok("new", "x", "-i", PKG, env={"PIP_FIND_LINKS": str(wheel_dir)})
    assert runs_demo(sb, "x")
    index = json.loads(sb.ok("show", "x", "--json", env={"PIP_FIND_LINKS": str(wheel_dir)}).stdout)
    assert f"find-links {wheel_dir} (from PIP_FIND_LINKS)" in index["index"]


def test_install_section_beats_global_and_extra_urls_split_on_spaces(sb, tmp_path, wheel_dir):
    empty = tmp_path / "empty"
    empty.mkdir()
    sb.conf.write_text(f"[global]\nno-index = true\nfind-links = {empty}\n"
                       f"[install]\nfind-links = {empty}\n    {wheel_dir}\n")
    sb.ok("new", "x", "-i", PKG)
    assert runs_demo(sb, "x")


def test_uv_settings_win_over_pip_file_and_variables(sb, tmp_path, wheel_dir):
    empty = tmp_path / "empty"
    empty.mkdir()
    sb.conf.write_text(f"[global]\nno-index = true\nfind-links = {empty}\n")
    env = {"PIP_FIND_LINKS": str(empty), "UV_FIND_LINKS": str(wheel_dir)}
    sb.ok("new", "x", "-i", PKG, env=env)
    assert runs_demo(sb, "x")

    # And the other way round: uv told to look only in the empty directory fails.
    before = envs(sb)
    proc = sb.run("new", "z", "-i", PKG, env={"UV_FIND_LINKS": str(empty)})
    assert proc.returncode == 1
    assert f"Because {PKG} was not found" in proc.stderr
    assert envs(sb) == before


@pytest.mark.parametrize("switch", ["variable", "config"])
def test_switch_turns_the_translation_off(sb, switch):
    env = {}
    if switch == "variable":
        env["ENVMAN_PIP_CONFIG"] = "0"
    else:
        (sb.root / "config.toml").write_text("pip_config = false\n")
    sb.ok("new", "a")
    before = envs(sb)
    proc = sb.run("new", "x", "-i", PKG, env=env)
    assert proc.returncode == 1
    first, *rest = proc.stderr.splitlines()
    assert first.startswith(f"envman: error: installing {PKG} failed: ")
    # The cause, not just "No solution found": the package is missing from the cache
    # (the network is off) - uv's own explanation, and its hint.
    assert any(f"Because {PKG} was not found" in line for line in rest), proc.stderr
    assert 1 + len(rest) <= MAX_LINES
    assert envs(sb) == before
    show = json.loads(sb.ok("show", "a", "--json", env=env).stdout)
    assert "pip's configuration is not used" in show["index"]


def test_bad_switch_value_or_pip_conf_is_a_usage_error(sb):
    sb.ok("new", "a", "--no-pip")
    before = envs(sb)
    proc = sb.run("new", "x", "-i", PKG, env={"ENVMAN_PIP_CONFIG": "maybe"})
    assert proc.returncode == 2
    assert proc.stderr.strip() == "envman: error: ENVMAN_PIP_CONFIG must be 0 or 1, not 'maybe'"
    assert envs(sb) == before
    sb.conf.write_text("[global\nno-index = true\n")
    proc = sb.run("new", "x", "-i", PKG)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"envman: error: cannot read pip's configuration {sb.conf}: ")
    assert len(proc.stderr.splitlines()) == 1
    assert envs(sb) == before
    # show still works, and says why it cannot tell where packages would come from.
    index = json.loads(sb.ok("show", "a", "--json").stdout)["index"]
    assert index.startswith(f"unknown: cannot read pip's configuration {sb.conf}: ")


def test_verbose_says_where_settings_came_from_and_prints_the_whole_failure(sb, wheel_dir):
    ok = sb.ok("-v", "new", "x", "-i", PKG)
    assert f"envman: pip configuration: find-links: {wheel_dir} (from {sb.conf})" in ok.stderr
    assert f"envman: index: none (no-index from {sb.conf})" in ok.stderr
    proc = sb.run("--verbose", "new", "y", "-i", "envman-no-such-thing")
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    summary = next(i for i, ln in enumerate(lines) if ln.startswith("envman: error:"))
    # uv's own output, verbatim, comes before envman's summary.
    assert any(ln.startswith("error:") or "×" in ln for ln in lines[:summary]), proc.stderr
    assert "envman-no-such-thing" in lines[summary]


@pytest.fixture
def tls_index(tmp_path):
    """An HTTPS index on 127.0.0.1 whose certificate nobody trusts (self-signed)."""
    openssl = require_program("openssl")
    cert, key = tmp_path / "server.pem", tmp_path / "server.key"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    root = tmp_path / "index"
    (root / "simple").mkdir(parents=True)
    server = textwrap.dedent(f"""
        import http.server, ssl, sys
        handler = lambda *a: http.server.SimpleHTTPRequestHandler(*a, directory={str(root)!r})
        httpd = http.server.HTTPServer(("127.0.0.1", 0), handler)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain({str(cert)!r}, {str(key)!r})
        httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
        print(httpd.server_address[1], flush=True)
        httpd.serve_forever()
    """)
    proc = subprocess.Popen([sys.executable, "-c", server], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        port = int(proc.stdout.readline())
        yield f"https://127.0.0.1:{port}/simple"
    finally:
        proc.kill()
        proc.wait()


def test_bad_cert_path_shows_uvs_cause(sb, tmp_path, tls_index):
    sb.conf.write_text(f"[global]\nindex-url = {tls_index}\ncert = {tmp_path}/no-such-ca.pem\n")
    del sb.env["UV_OFFLINE"]
    sb.env.pop("SSL_CERT_FILE", None)
    sb.ok("new", "a")  # pip itself is seeded from uv's cache: no index involved
    show = json.loads(sb.ok("show", "a", "--json").stdout)
    assert show["index"] == f"{tls_index} (from {sb.conf})"
    before = envs(sb)
    proc = sb.run("new", "x", "-i", PKG)
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert lines[0].startswith(f"envman: error: installing {PKG} failed: Failed to fetch: ")
    # The deepest cause (the certificate), not just "error sending request".
    assert any("invalid peer certificate" in line for line in lines[1:]), proc.stderr
    assert lines[-1].endswith(f"(the CA bundle {tmp_path}/no-such-ca.pem named by pip's cert "
                              f"({sb.conf}) does not exist)")
    assert len(lines) <= MAX_LINES
    assert envs(sb) == before


# --- pip's reading rules, on real files (no envman subprocess needed) ---------------

def write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return str(path)


def test_precedence_follows_pip(tmp_path):
    home = tmp_path / "home"
    xdg = write(tmp_path / "xdg" / "pip" / "pip.conf",
                "[global]\nindex-url = https://xdg/simple\ntrusted-host = xdg\n")
    legacy = write(home / ".pip" / "pip.conf", "[global]\nindex-url = https://legacy/simple\n")
    user = write(home / ".config" / "pip" / "pip.conf",
                 "[global]\nindex-url = https://user/simple\n[install]\nno_index = yes\n")
    site = write(tmp_path / "env" / "pip.conf", "[global]\nextra-index-url = https://a https://b\n")
    environ = {"HOME": str(home), "XDG_CONFIG_DIRS": str(tmp_path / "xdg")}
    got = pipconfig.read(tmp_path / "env", environ)
    assert got["index-url"] == pipconfig.Setting("https://user/simple", user)
    assert got["no-index"] == pipconfig.Setting(True, user)  # [install], underscore spelling
    assert got["trusted-host"] == pipconfig.Setting(["xdg"], xdg)
    assert got["extra-index-url"] == pipconfig.Setting(["https://a", "https://b"], site)
    assert legacy in pipconfig.config_files(environ, None)

    # PIP_CONFIG_FILE naming a file: it wins, and the user files are not read at all.
    env_file = write(tmp_path / "env.conf", "[global]\nfind-links = ~/wheels\n")
    got = pipconfig.read(None, {**environ, "PIP_CONFIG_FILE": env_file})
    assert got["index-url"] == pipconfig.Setting("https://xdg/simple", xdg)
    assert got["find-links"].value == [os.path.expanduser("~/wheels")]
    # Variables beat every file; os.devnull means no file at all.
    got = pipconfig.read(None, {**environ, "PIP_INDEX_URL": "https://var/simple",
                                "PIP_CONFIG_FILE": os.devnull})
    assert got["index-url"] == pipconfig.Setting("https://var/simple", "PIP_INDEX_URL")
    assert "trusted-host" not in got
    assert pipconfig.config_files({**environ, "PIP_CONFIG_FILE": os.devnull}, None) == []


def test_translation_to_uv(tmp_path):
    settings = pipconfig.read(None, {
        "PIP_CONFIG_FILE": os.devnull, "PIP_INDEX_URL": "https://i/simple",
        "PIP_EXTRA_INDEX_URL": "https://e1 https://e2", "PIP_FIND_LINKS": "/w",
        "PIP_NO_INDEX": "false", "PIP_CERT": "/ca.pem", "PIP_TRUSTED_HOST": "h1 h2",
        "PIP_CONSTRAINT": "/c.txt"})
    t = pipconfig.translate(settings, {})
    assert t.args == ["--index-url", "https://i/simple", "--extra-index-url", "https://e1",
                      "--extra-index-url", "https://e2", "--find-links", "/w",
                      "--allow-insecure-host", "h1", "--allow-insecure-host", "h2",
                      "--constraint", "/c.txt"]
    assert t.environ == {"SSL_CERT_FILE": "/ca.pem"}
    t = pipconfig.translate(settings, {"UV_DEFAULT_INDEX": "https://u", "UV_CONSTRAINT": "x"},
                            constraints=True)
    assert "--index-url" not in t.args and "--constraint" not in t.args
    assert t.overridden["index-url"] == ("UV_DEFAULT_INDEX", "PIP_INDEX_URL")
    assert "--constraint" not in pipconfig.translate(settings, {}, constraints=False).args


# --- the error summary, on real uv and pip output --------------------------------------

UV_TLS = """\
warning: Invalid `SSL_CERT_FILE`. Path does not exist: /nope. No default certificates will be trusted.
error: Failed to fetch: `https://127.0.0.1:4443/simple/demo/`
  Caused by: Request failed after 3 retries
  Caused by: error sending request for url (https://127.0.0.1:4443/simple/demo/)
  Caused by: client error (Connect)
  Caused by: invalid peer certificate: UnknownIssuer
"""

UV_RESOLVE = """\
  × No solution found when resolving dependencies:
  ╰─▶ Because demo was not found in the package registry and you require demo, we can
      conclude that your requirements are unsatisfiable.

      hint: Packages were unavailable because the network was disabled. When the network
      is disabled, registry packages may only be read from the cache.
"""

PIP_NOT_FOUND = """\
ERROR: Could not find a version that satisfies the requirement demo (from versions: none)
ERROR: No matching distribution found for demo
"""


def test_summary_keeps_error_cause_chain_and_hints():
    assert summarise(UV_TLS) == [
        "Failed to fetch: `https://127.0.0.1:4443/simple/demo/`",
        "Caused by: Request failed after 3 retries",
        "Caused by: error sending request for url (https://127.0.0.1:4443/simple/demo/)",
        "Caused by: client error (Connect)",
        "Caused by: invalid peer certificate: UnknownIssuer",
        ("warning: Invalid `SSL_CERT_FILE`. Path does not exist: /nope. No default "
         "certificates will be trusted."),
    ]
    assert summarise(UV_RESOLVE) == [
        "No solution found when resolving dependencies:",
        ("Because demo was not found in the package registry and you require demo, we can "
         "conclude that your requirements are unsatisfiable."),
        ("hint: Packages were unavailable because the network was disabled. When the network "
         "is disabled, registry packages may only be read from the cache."),
    ]
    assert summarise(PIP_NOT_FOUND) == [
        "Could not find a version that satisfies the requirement demo (from versions: none)",
        "No matching distribution found for demo",
    ]


def test_summary_is_capped():
    chain = "error: top\n" + "".join(f"  Caused by: cause {i} " + "x" * 300 + "\n"
                                     for i in range(20)) + "hint: try this\n"
    lines = summarise(chain)
    assert len(lines) == MAX_LINES
    assert all(len(line) <= MAX_WIDTH for line in lines)
    assert lines[0] == "top" and lines[-1] == "hint: try this"
    assert lines[-2].startswith("Caused by: cause 19")  # the most specific cause is kept
