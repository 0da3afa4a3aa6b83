"""Shared by the DTS tests: the JSON Schema of the responses, a client's requests, the fixture."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator

HERE = Path(__file__).resolve().parent / "fixtures" / "dts"
SCHEMA = json.loads((HERE / "dts-1.0.schema.json").read_text("utf-8"))
CASES = json.loads((HERE / "cases.json").read_text("utf-8"))
API = "https://example.org/api/dts/"  # where the tests' server says it is


@lru_cache(maxsize=None)
def _validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator({**SCHEMA, "$ref": f"#/$defs/{kind}"})


def check(kind: str, data: dict) -> dict:
    """Fail with every schema error of a response that is not a DTS 1.0 `kind` (EntryPoint,
    CollectionResponse, Navigation, …)."""
    errors = sorted(_validator(kind).iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    return data


def request(app, url: str):
    """GET an absolute or path URL from the application in process: (status, headers, body)."""
    from bukharin_edition.dts.server import call

    parts = urlsplit(url)
    mount = urlsplit(API).path.rstrip("/")
    path = parts.path
    assert path.startswith(mount), url
    return call(app, "GET", path[len(mount):], parts.query, parts.netloc or "example.org", script_name=mount,
                scheme=parts.scheme or "https")


def get(app, endpoint: str, query: str = ""):
    status, headers, body = request(app, f"{API}{endpoint}" + (f"?{query}" if query else ""))
    return status, dict(headers), body


def get_json(app, endpoint: str, query: str = "") -> dict:
    status, headers, body = get(app, endpoint, query)
    assert status == 200, body.decode()
    assert headers["Content-Type"] == "application/ld+json"
    return json.loads(body)


def build_journal(out: Path, saxon, base_url: str = "") -> Path:
    """The DTS files and TEI copy of the fixture tests/fixtures/dts/tei/journal.xml."""
    from bukharin_edition.publish import build_edition

    report = build_edition(HERE / "tei", Path(__file__).resolve().parents[1] / "xslt", out, processor=saxon,
                           base_url=base_url, only=("dts", "files"))
    assert report.problems == [], report.problems
    return out
