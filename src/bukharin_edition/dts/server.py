"""A DTS 1.0 server (Level 1: every parameter, ranges included) as a WSGI application.

It answers the entry point (`/`), `collection`, `navigation` and `document` under the path it is
mounted at, from what `edition build` wrote: the Resources and the root collection of
edition/dts/collection/, the citation trees of edition/dts/navigation/<id>;down=-1.json and the
TEI copies of edition/tei/ (for passages). It holds no fact of its own; a rebuilt file is read
again. Run it behind any WSGI server:

    gunicorn 'bukharin_edition.dts.server:create_app("edition", "https://example.org/dts/")'

(`create_app()` without arguments reads EDITION_DIR, default `edition`, and DTS_BASE_URL,
default: the address each request came to). `edition serve` mounts it under /dts/.
"""
from __future__ import annotations

import io
import json
import os
import threading
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import parse_qs, quote

from ..errors import EditionError
from ..tei import parse_tei
from . import model

ENDPOINTS = ("", "collection", "navigation", "document")
PAGE_SIZE = 1000  # members per page, in the collection and navigation endpoints
KEPT = 256  # files kept read (parsed TEI trees among them): the oldest is forgotten first
STATUS = {200: "200 OK", 400: "400 Bad Request", 404: "404 Not Found", 405: "405 Method Not Allowed",
          500: "500 Internal Server Error"}


class Problem(Exception):
    """A request the specification says must fail: its status and why."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status, self.detail = status, detail


def handles(path_info: str) -> bool:
    """Whether a path under the mount point is one of the endpoints (not a static file)."""
    return path_info.strip("/") in ENDPOINTS and "//" not in path_info


class _Files:
    """The build's files, each read again when its size or modification time changed."""

    def __init__(self, edition: Path) -> None:
        self.edition = edition
        self._cache: dict[tuple[Path, str], tuple[tuple[int, int], object]] = {}
        self._lock = threading.Lock()

    def load(self, path: Path, kind: str, read: Callable[[Path], object]):
        """The file read by `read` (a `kind` of reading: json, bytes, tree), or None if missing."""
        try:
            stat = path.stat()
        except OSError:
            return None
        stamp = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            cached = self._cache.get((path, kind))
        if cached and cached[0] == stamp:
            return cached[1]
        value = read(path)
        with self._lock:
            self._cache.pop((path, kind), None)
            self._cache[(path, kind)] = (stamp, value)
            while len(self._cache) > KEPT:
                del self._cache[next(iter(self._cache))]
        return value

    def json(self, relative: str):
        return self.load(self.edition / "dts" / relative, "json", lambda p: json.loads(p.read_bytes()))


class DtsApp:
    """The WSGI application over one edition/ folder."""

    def __init__(self, edition_dir: Path, base_url: str | None = None, page_size: int = PAGE_SIZE) -> None:
        self.edition = Path(edition_dir)
        if not (self.edition / "dts" / "collection" / f"{model.ROOT_ID}.json").is_file():
            raise EditionError(f"{self.edition / 'dts'}: no DTS files; run 'edition build' first")
        self.base_url = base_url if base_url is None or base_url.endswith("/") else base_url + "/"
        self.page_size = page_size
        self.files = _Files(self.edition)
        self._members: tuple[object, dict[str, dict]] = (None, {})

    # ------------------------------------------------------------------ WSGI

    def __call__(self, environ: dict, start_response) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        base = self.base_url or _request_base(environ)
        path = environ.get("PATH_INFO", "").strip("/")
        query = environ.get("QUERY_STRING", "")
        try:
            if method not in ("GET", "HEAD"):
                status, kind, body, extra = 405, "application/problem+json", _problem(
                    405, "only GET and HEAD are answered"), [("Allow", "GET, HEAD")]
            elif path not in ENDPOINTS:
                raise Problem(404, f"no endpoint '{path}': the endpoints are collection, navigation and document")
            else:
                params = _params(query)
                url = base + path + (f"?{query}" if query else "")
                status, kind, body, extra = 200, *self.answer(path, params, base, url)
        except Problem as problem:
            status, kind, body, extra = problem.status, "application/problem+json", _problem(
                problem.status, problem.detail), []
        headers = [("Content-Type", kind), ("Content-Length", str(len(body))), *extra]
        start_response(STATUS[status], headers)
        return [b""] if method == "HEAD" else [body]

    def answer(self, endpoint: str, params: dict[str, str], base: str, url: str):
        if endpoint == "":
            return model.JSON_MEDIA, _dump(self.entry(base)), []
        if endpoint == "collection":
            return model.JSON_MEDIA, _dump(self.collection(params, base, url)), []
        if endpoint == "navigation":
            return model.JSON_MEDIA, _dump(self.navigation(params, base, url)), []
        return self.document(params, base)

    # ------------------------------------------------------------------ the facts

    def root(self) -> dict:
        root = self.files.json(f"collection/{model.ROOT_ID}.json")
        if root is None:
            raise Problem(404, "the edition has no DTS collection; run 'edition build'")
        return root

    def member(self, ident: str) -> dict:
        root = self.root()
        if self._members[0] is not root:  # the collection file was read again
            self._members = (root, {member["@id"]: member for member in root["member"]})
        if ident not in self._members[1]:
            raise Problem(404, f"no resource or collection '{ident}'")
        return self._members[1][ident]

    def units(self, ident: str) -> list[dict]:
        navigation = self.files.json(f"navigation/{model.navigation_file(ident, -1)}")
        if navigation is None:
            raise Problem(404, f"no citation tree for '{ident}'")
        return navigation["member"]

    # ------------------------------------------------------------------ objects with our templates

    @staticmethod
    def entry(base: str) -> dict:
        return {"@context": model.CONTEXT, "dtsVersion": model.VERSION, "@id": base, "@type": "EntryPoint",
                "collection": f"{base}collection{{?id,page,nav}}",
                "navigation": f"{base}navigation{{?resource,ref,start,end,down,tree,page}}",
                "document": f"{base}document{{?resource,ref,start,end,tree,mediaType}}"}

    @staticmethod
    def resource(member: dict, base: str) -> dict:
        ident = quote(member["@id"], safe="")
        return {**member,
                "collection": f"{base}collection?id={ident}{{&page,nav}}",
                "navigation": f"{base}navigation?resource={ident}{{&ref,start,end,down,tree,page}}",
                "document": f"{base}document?resource={ident}{{&ref,start,end,tree,mediaType}}"}

    def root_summary(self, base: str) -> dict:
        root = self.root()
        return {key: value for key, value in root.items() if key not in ("@context", "dtsVersion", "member")} | {
            "collection": f"{base}collection?id={quote(model.ROOT_ID)}{{&page,nav}}"}

    # ------------------------------------------------------------------ collection

    def collection(self, params: dict[str, str], base: str, url: str) -> dict:
        nav = params.get("nav", "children")
        if nav not in ("children", "parents"):
            raise Problem(400, f"nav must be 'children' or 'parents', not '{nav}'")
        ident = params.get("id", model.ROOT_ID)
        head = {"@context": model.CONTEXT, "dtsVersion": model.VERSION}
        if ident == model.ROOT_ID:
            root = self.root()
            answer = {**head, **self.root_summary(base)}
            answer["collection"] = f"{base}collection{{?id,page,nav}}"
            members = [] if nav == "parents" else [self.resource(m, base) for m in root["member"]]
        else:
            answer = {**head, **self.resource(self.member(ident), base)}
            members = [self.root_summary(base)] if nav == "parents" else None
        if members is not None:
            answer.update(self._page(members, params, url))
        elif "page" in params:
            raise Problem(404, f"'{ident}' has no members to page through")
        return answer

    def _page(self, members: list, params: dict[str, str], url: str) -> dict:
        """The members of one page, with the Pagination object when there is more than one."""
        last = max(1, -(-len(members) // self.page_size))
        page = _integer(params, "page", 1)
        if page < 1 or page > last:
            raise Problem(404, f"page {page} does not exist (pages 1 to {last})")
        found = {"member": members[(page - 1) * self.page_size:page * self.page_size]}
        if last > 1:
            at = _without(url, "page")

            def link(n: int) -> str:
                return f"{at}{'&' if '?' in at else '?'}page={n}"
            found["view"] = {"@id": link(page), "@type": "Pagination", "first": link(1),
                             "previous": link(max(1, page - 1)), "next": link(min(last, page + 1)),
                             "last": link(last)}
        return found

    # ------------------------------------------------------------------ navigation

    def navigation(self, params: dict[str, str], base: str, url: str) -> dict:
        """'Usage of down, ref, start and end': the table of the specification, row by row."""
        ident = _resource(params)
        ref, start, end = params.get("ref"), params.get("start"), params.get("end")
        _check_range(ref, start, end)
        down = _integer(params, "down", None)
        if down is not None and down < -1:
            raise Problem(400, f"down must be -1, 0 or more, not {down}")
        member = self.member(ident)
        self._tree(params, member)
        if down is None and ref is None and start is None:
            raise Problem(400, "give ref, start and end, or down: a query on the root of the "
                               "citation tree alone is refused")
        if down == 0 and ref is None:
            raise Problem(400, "down=0 (the siblings) needs a ref")
        units = self.units(ident)
        index = {unit["identifier"]: at for at, unit in enumerate(units)}
        answer = {"@context": model.CONTEXT, "dtsVersion": model.VERSION, "@type": "Navigation", "@id": url,
                  "resource": self.resource(member, base)}
        for name, value in (("ref", ref), ("start", start), ("end", end)):
            if value is not None:
                if value not in index:
                    raise Problem(404, f"'{value}' ({name}) is not a citable unit of '{ident}'")
                answer[name] = units[index[value]]
        if start is not None and index[start] > index[end]:
            raise Problem(400, f"start '{start}' comes after end '{end}' in the document")
        if down is None:
            if "page" in params:
                raise Problem(404, "this query has no members to page through")
            return answer
        if ref is not None and down == 0:
            parent = units[index[ref]]["parent"]
            members = [u for u in units if u["parent"] == parent]
        elif ref is not None:
            members = _subtree(units, index[ref], down)
        elif start is not None:
            first, last = index[start], _subtree_end(units, index[end])
            floor = max(units[index[start]]["level"], units[index[end]]["level"])
            members = [u for u in units[first:last] if down == -1 or u["level"] <= floor + down]
        else:
            members = [u for u in units if down == -1 or u["level"] <= down]
        answer.update(self._page(members, params, url))
        return answer

    @staticmethod
    def _tree(params: dict[str, str], member: dict) -> None:
        """Every resource has one citation tree, the default: a `tree` names none of them."""
        if "tree" in params:
            raise Problem(404, f"'{member['@id']}' has no citation tree '{params['tree']}' "
                               "(its only tree is the default, which is queried without tree)")

    # ------------------------------------------------------------------ document

    def document(self, params: dict[str, str], base: str):
        ident = _resource(params)
        ref, start, end = params.get("ref"), params.get("start"), params.get("end")
        _check_range(ref, start, end)
        member = self.member(ident)
        media = params.get("mediaType", model.TEI_MEDIA)
        if media not in member.get("mediaTypes", [model.TEI_MEDIA]):
            raise Problem(404, f"'{ident}' is not available as {media} (only {', '.join(member['mediaTypes'])})")
        if ref is not None or start is not None:
            self._tree(params, member)  # "tree MUST not have effects … without a ref, or a start and a end"
        path = self.edition / "tei" / f"{ident}.xml"
        link = [("Link", f'<{base}collection?id={quote(ident, safe="")}>; rel="collection"')]
        if ref is None and start is None:
            data = self.files.load(path, "bytes", lambda p: p.read_bytes())
            if data is None:
                raise Problem(404, f"the TEI file of '{ident}' is missing; run 'edition build'")
            return model.TEI_MEDIA, data, link
        tree = self.files.load(path, "tree", parse_tei)
        if tree is None:
            raise Problem(404, f"the TEI file of '{ident}' is missing; run 'edition build'")
        known = {unit["identifier"] for unit in self.units(ident)}
        for name, value in (("ref", ref), ("start", start), ("end", end)):
            if value is not None and value not in known:
                raise Problem(404, f"'{value}' ({name}) is not a citable unit of '{ident}'")
        if ref is not None:
            return model.TEI_MEDIA, model.passage(tree, ref), link
        if not model.in_document_order(tree, start, end):
            raise Problem(400, f"start '{start}' comes after end '{end}' in the document")
        return model.TEI_MEDIA, model.passage(tree, start, end), link


# ----------------------------------------------------------------------- helpers

def _subtree_end(units: list[dict], at: int) -> int:
    """The position after the last descendant of units[at]."""
    level = units[at]["level"]
    end = at + 1
    while end < len(units) and units[end]["level"] > level:
        end += 1
    return end


def _subtree(units: list[dict], at: int, down: int) -> list[dict]:
    level = units[at]["level"]
    return [u for u in units[at:_subtree_end(units, at)] if down == -1 or u["level"] <= level + down]


def _params(query: str) -> dict[str, str]:
    parsed = parse_qs(query, keep_blank_values=True)
    repeated = sorted(key for key, values in parsed.items() if len(values) > 1)
    if repeated:
        raise Problem(400, f"{', '.join(repeated)} given more than once")
    return {key: values[0] for key, values in parsed.items()}


def _resource(params: dict[str, str]) -> str:
    ident = params.get("resource")
    if not ident:
        raise Problem(400, "the resource parameter is required")
    return ident


def _check_range(ref, start, end) -> None:
    if ref is not None and (start is not None or end is not None):
        raise Problem(400, "ref cannot be given with start or end")
    if (start is None) != (end is None):
        raise Problem(400, "start and end go together: give both")


def _integer(params: dict[str, str], name: str, default):
    if name not in params:
        return default
    try:
        return int(params[name])
    except ValueError:
        raise Problem(400, f"{name} must be an integer, not '{params[name]}'") from None


def _without(url: str, name: str) -> str:
    if "?" not in url:
        return url
    path, query = url.split("?", 1)
    kept = [pair for pair in query.split("&") if pair and pair.split("=", 1)[0] != name]
    return path + ("?" + "&".join(kept) if kept else "")


def _request_base(environ: dict) -> str:
    """The address of the mount point, as the request reached it."""
    scheme = environ.get("wsgi.url_scheme", "http")
    host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME', 'localhost')}:{environ.get('SERVER_PORT', '80')}"
    return f"{scheme}://{host}{quote(environ.get('SCRIPT_NAME', ''))}/"


def _dump(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def _problem(status: int, detail: str) -> bytes:
    """An RFC 9457 problem document (the specification does not define an error body)."""
    return _dump({"type": "about:blank", "title": STATUS[status][4:], "status": status, "detail": detail})


def create_app(edition_dir: str | os.PathLike | None = None, base_url: str | None = None,
               page_size: int = PAGE_SIZE) -> DtsApp:
    """The application for an edition/ folder (default: $EDITION_DIR, else ./edition); its
    addresses start with `base_url` (default: $DTS_BASE_URL, else the request's own address)."""
    edition = Path(edition_dir or os.environ.get("EDITION_DIR") or "edition")
    return DtsApp(edition, base_url or os.environ.get("DTS_BASE_URL") or None, page_size)


def call(app, method: str, path_info: str, query: str, host: str, script_name: str = "/dts",
         scheme: str = "http") -> tuple[int, list[tuple[str, str]], bytes]:
    """Run one request through a WSGI application in process (edition serve's mount, tests)."""
    found: dict = {}

    def start_response(status, headers, exc_info=None):
        found["status"], found["headers"] = int(status.split()[0]), headers

    environ = {"REQUEST_METHOD": method, "SCRIPT_NAME": script_name, "PATH_INFO": path_info,
               "QUERY_STRING": query, "HTTP_HOST": host, "SERVER_NAME": host.rsplit(":", 1)[0],
               "SERVER_PORT": host.rsplit(":", 1)[1] if ":" in host else "80", "SERVER_PROTOCOL": "HTTP/1.1",
               "wsgi.url_scheme": scheme, "wsgi.input": io.BytesIO(b""), "wsgi.errors": io.StringIO(),
               "wsgi.version": (1, 0), "wsgi.multithread": True, "wsgi.multiprocess": False,
               "wsgi.run_once": False}
    body = b"".join(app(environ, start_response))
    return found["status"], found["headers"], body
