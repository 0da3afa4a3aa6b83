"""The published edition deploys on an ordinary web server: its files are world-readable (as the
umask allows), the scholars' files keep their mode when rewritten, and Debian's nginx, running
as www-data, serves every page, asset, PDF and DTS file of a built edition."""
from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from bukharin_edition.cli import main
from bukharin_edition.tei import current_umask, publish_modes, write_atomic

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask():
    """Set the process's umask for a test, and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    yield lambda mask: os.umask(mask)
    os.umask(old)


def _published(folder: Path) -> list[Path]:
    """The files a web host serves: everything but the build's hidden bookkeeping."""
    return sorted(p for p in folder.rglob("*") if p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


# ---------------------------------------------------------------- file modes


@pytest.mark.parametrize("mask,expected", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_a_new_file_is_readable_as_the_umask_allows(tmp_path, umask, mask, expected):
    umask(mask)
    assert current_umask() == mask
    write_atomic(tmp_path / "a" / "page.html", b"<p>x</p>", durable=False)
    assert _mode(tmp_path / "a" / "page.html") == expected
    assert _mode(tmp_path / "a") == expected | 0o111 & ~mask  # folders: 0777 less the umask


@pytest.mark.parametrize("existing", [0o600, 0o640, 0o664, 0o755])
def test_a_rewritten_file_keeps_its_mode(tmp_path, umask, existing):
    umask(0o022)
    path = tmp_path / "trial.xml"
    path.write_bytes(b"old")
    path.chmod(existing)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new" and _mode(path) == existing
    assert [p.name for p in tmp_path.iterdir()] == ["trial.xml"]  # no temporary file left


def test_format_keeps_the_mode_of_a_scholars_file(tmp_path, umask, monkeypatch):
    umask(0o022)
    source = ROOT / "tei" / "trial-1938.xml"
    path = tmp_path / "tei" / "trial-1938.xml"
    path.parent.mkdir()
    # The same file in another layout: `edition format` must rewrite it.
    path.write_bytes(source.read_bytes().replace(b"\n  <teiHeader", b"\n<teiHeader", 1))
    path.chmod(0o640)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["format", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 reformatted" in result.output
    assert path.read_bytes() == source.read_bytes()
    assert _mode(path) == 0o640


def test_every_file_and_folder_of_a_built_edition_is_world_readable(corpus_build):
    out = corpus_build[0]
    mask = current_umask()
    assert mask & 0o044 == 0, "the tests run under a umask that hides files from others"
    wrong = [(str(p.relative_to(out)), oct(_mode(p))) for p in out.rglob("*")
             if _mode(p) != (0o777 if p.is_dir() else 0o666) & ~mask]
    assert wrong == []


def test_publishing_fixes_files_an_earlier_build_left_unreadable(tmp_path, umask):
    umask(0o022)
    (tmp_path / "a").mkdir(mode=0o700)
    (tmp_path / "a" / "page.html").write_bytes(b"x")
    (tmp_path / "a" / "page.html").chmod(0o600)
    (tmp_path / "index.html").write_bytes(b"x")
    assert publish_modes(tmp_path) == 2
    assert _mode(tmp_path / "a") == 0o755 and _mode(tmp_path / "a" / "page.html") == 0o644
    assert publish_modes(tmp_path) == 0


# ---------------------------------------------------------------- nginx


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


CONF = """\
user www-data;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    types {{ application/ld+json jsonld; }}
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
    }}
}}
"""


@pytest.fixture(scope="module")
def deployed(corpus_build, pdf_build):
    """The built edition (its pages, and the PDFs of the printed edition) copied with their modes
    to a web root and served by Debian's nginx as www-data; yields (address, web root)."""
    if not Path(NGINX).exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("nginx is missing in CI (make setup installs it)")
        pytest.skip("nginx is missing (apt-get install nginx, or make test)")
    if os.geteuid() != 0:
        pytest.skip("nginx switches to www-data only when started as root")
    base = Path(tempfile.mkdtemp(prefix="edition-deploy-"))
    try:
        base.chmod(0o755)  # the way to the web root, as on a host (mkdtemp makes it 0700)
        root = base / "www"
        shutil.copytree(corpus_build[0], root)  # copies keep the modes the build gave
        root.chmod(0o755)  # the web root is the host's (pytest's own temporary folders are 0700)
        shutil.copytree(pdf_build[0] / "pdf", root / "pdf")
        prefix = base / "nginx"
        prefix.mkdir(mode=0o700)
        port = _free_port()
        conf = prefix / "nginx.conf"
        conf.write_text(CONF.format(prefix=prefix, port=port, root=root), encoding="utf-8")
        server = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(prefix), "-e", str(prefix / "error.log"),
                                   "-g", "daemon off;"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 20
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        output = server.stdout.read().decode(errors="replace") if server.poll() is not None else ""
                        pytest.fail(f"nginx did not start: {output}")
                    time.sleep(0.05)
            yield f"http://127.0.0.1:{port}", root, prefix
        finally:
            server.terminate()
            server.wait(timeout=20)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _get(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, b"", ""


def test_nginx_as_www_data_serves_every_published_file(deployed):
    address, root, prefix = deployed
    files = _published(root)
    kinds = {p.suffix for p in files}
    assert {".html", ".css", ".pdf", ".xml", ".json"} <= kinds
    assert any(p.parts[-3:-1] == ("dts", "document") or "dts" in p.relative_to(root).parts for p in files)
    errors = []
    for path in files:
        url = f"{address}/{urllib.parse.quote(path.relative_to(root).as_posix())}"
        status, body, _ = _get(url)
        if status != 200 or body != path.read_bytes():
            errors.append(f"{status} {path.relative_to(root)}")
    print(f"\nnginx served {len(files)} files ({len(files) - len(errors)} identical), "
          f"{sum(p.suffix == '.html' for p in files)} pages, {sum(p.suffix == '.pdf' for p in files)} PDFs")
    assert errors == [], "\n".join(errors[:20]) + (f"\n… {len(errors)} in all" if len(errors) > 20 else "")
    workers = subprocess.run(["ps", "-o", "user=,args=", "-C", "nginx"], capture_output=True, text=True).stdout
    assert any(line.split()[0] in ("www-data", "33") and "worker" in line for line in workers.splitlines()), workers


def test_nginx_serves_the_home_page_and_the_pages_with_their_types(deployed):
    address, root, _ = deployed
    status, body, kind = _get(f"{address}/")
    assert status == 200 and body == (root / "index.html").read_bytes() and kind.startswith("text/html")
    assert _get(f"{address}/assets/edition.css")[2].startswith("text/css")
    assert _get(f"{address}/pdf/edition.pdf")[2] == "application/pdf"
    assert _get(f"{address}/no-such-page.html")[0] == 404


def test_a_file_mkstemp_would_have_left_private_is_refused(deployed):
    """The check above could fail: nginx answers 403 for a file www-data cannot read."""
    address, root, _ = deployed
    private = root / "private.html"
    private.write_bytes(b"<p>private</p>")
    private.chmod(0o600)
    try:
        assert _get(f"{address}/private.html")[0] == 403
    finally:
        private.unlink()
