"""A link checker for a built edition: every href and src of every page, and every fragment."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html

ATTRIBUTES = ("href", "src")


@lru_cache(maxsize=None)
def _ids(page: Path) -> frozenset[str]:
    tree = html.fromstring(page.read_bytes())
    return frozenset(tree.xpath("//@id") + tree.xpath("//a/@name"))


def _target(folder: Path, page: Path, reference: str) -> tuple[Path | None, str]:
    """The file a reference of `page` names (None: not checked, e.g. another site) and its fragment."""
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc:
        return None, ""
    if not parts.path:
        return page, unquote(parts.fragment)
    if parts.path.startswith("/"):
        path = folder / unquote(parts.path).lstrip("/")
    else:
        path = page.parent / unquote(parts.path)
    if path.is_dir() or parts.path.endswith("/"):
        path = path / "index.html"
    return path, unquote(parts.fragment)


def broken_links(folder: Path) -> tuple[int, list[str]]:
    """(references checked, the broken ones as 'page: reference (why)')."""
    folder = folder.resolve()
    checked, broken = 0, []
    for page in sorted(folder.rglob("*.html")):
        tree = html.fromstring(page.read_bytes())
        for element in tree.iter():
            for attribute in ATTRIBUTES:
                reference = element.get(attribute)
                if reference is None:
                    continue
                target, fragment = _target(folder, page, reference.strip())
                if target is None:
                    continue
                checked += 1
                where = f"{page.relative_to(folder)}: {reference}"
                resolved = target.resolve()
                if folder not in resolved.parents and resolved != folder:
                    broken.append(f"{where} (outside the edition)")
                elif not resolved.is_file():
                    broken.append(f"{where} (no such file)")
                elif fragment and resolved.suffix == ".html" and fragment not in _ids(resolved):
                    broken.append(f"{where} (no such anchor)")
    return checked, broken
