"""edition/dts/: the Distributed Text Services (DTS 1.0) responses that a static host can serve.

For each source (its own task, redone when its TEI file or the base URL changed): its Resource
object (`collection/<id>.json`), its navigation at the top level and as the whole tree (`navigation/<id>;down=1.json`,
`navigation/<id>;down=-1.json`) and its whole document (`document/<id>.xml`). The Resource is
also the fact kept of the source: the entry point and the root collection (`collection.json`,
`collection/edition.json`) and each source's parents (`collection/<id>;nav=parents.json`) are
made from those facts alone, and again only when one changed.
The DTS server (dts/server.py) answers the other queries from these files and the TEI copies.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..dts import model
from ..tei import point_at_schema, published_copy, write_atomic
from .base import Reduction, Source
from .state import digest


def _json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


class DtsBuilder(Reduction):
    """The static DTS files of every source, and the entry point and root collection."""

    name = "dts"

    @property
    def urls(self) -> model.StaticUrls:
        return model.StaticUrls(self.context.base_url)

    @property
    def dts(self) -> Path:
        return self.context.out_dir / "dts"

    def doc_inputs(self, source: Source) -> list[str]:
        return [f"tei:{source.id}", "option:base-url"]

    def _own_files(self, ident: str) -> list[str]:
        return [f"collection/{ident}.json",
                *(f"navigation/{model.navigation_file(ident, down)}" for down in model.STATIC_DOWN),
                f"document/{ident}.xml"]

    def doc_outputs(self, source: Source) -> list[Path]:
        return [self.facts_path(source.id), *(self.dts / name for name in self._own_files(source.id))]

    def finish_inputs(self) -> list[str]:
        return [*self.every_fact(), "option:base-url"]

    def _root_files(self) -> list[str]:
        return ["index.json", "collection.json", f"collection/{model.ROOT_ID}.json",
                self._parents_file(model.ROOT_ID)]

    def finish_outputs(self) -> list[Path]:
        return [self.dts / name for name in self._root_files()]

    def _parents_file(self, ident: str) -> str:
        return f"collection/{ident};nav=parents.json"

    def facts_of(self, source: Source) -> dict:
        """The source's Resource object: what the root collection lists of it."""
        root = source.tree.getroot()
        return model.resource(source.id, root, model.citable_units(root), self.urls, source.path.name)

    def write_doc(self, source: Source) -> None:
        root = source.tree.getroot()
        units = model.citable_units(root)
        member = model.resource(source.id, root, units, self.urls, source.path.name)
        head = {"@context": model.CONTEXT, "dtsVersion": model.VERSION}
        self._write(f"collection/{source.id}.json", _json({**head, **member}))
        for down in model.STATIC_DOWN:
            self._write(f"navigation/{model.navigation_file(source.id, down)}", _json({
                **head, "@type": "Navigation", "@id": self.urls.navigation_id(source.id, down),
                "resource": member,
                "member": [u for u in units if down == -1 or u["level"] <= down]}))
        # the copy's xml-model points at the published schema (edition/schema/), two folders up
        self._write(f"document/{source.id}.xml",
                    point_at_schema(published_copy(source.path.read_bytes()).decode("utf-8"), "../../schema"))
        data = json.dumps(member, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        path = self.facts_path(source.id)
        if not (path.is_file() and path.read_bytes() == data):
            write_atomic(path, data, durable=False)
        self.context.facts[f"{self.name}:{source.id}"] = digest(data)

    def _root_summary(self) -> dict:
        """The root collection as a member (of a source's parents), without its members."""
        built = [s for s in self.context.sources if not s.failed]
        return {"@id": model.ROOT_ID, "@type": "Collection", "title": model.EDITION_TITLE,
                "totalParents": 0, "totalChildren": len(built),
                "collection": self.urls.collection(model.ROOT_ID)}

    def reduce(self, gathered) -> None:
        """The entry point and the root collection, from each source's Resource."""
        members = [facts for _, facts in gathered]
        self._write("index.json", _json(self.urls.entry()))
        metadata = model.edition_metadata(members)
        collection = {"@context": model.CONTEXT, "dtsVersion": model.VERSION, "@id": model.ROOT_ID,
                      "@type": "Collection", "title": model.EDITION_TITLE, "totalParents": 0,
                      "totalChildren": len(members), "collection": self.urls.collection(model.ROOT_ID),
                      "dublinCore": metadata, "member": members}
        self._write("collection.json", _json(collection))
        self._write(f"collection/{model.ROOT_ID}.json", _json(collection))
        self._write(self._parents_file(model.ROOT_ID), _json({**collection, "member": []}))
        summary = self._root_summary()
        for member in members:  # a source's parents: the root collection (a source's own task
            # cannot write them: they count every source)
            self._write(self._parents_file(member["@id"]), _json({
                "@context": model.CONTEXT, "dtsVersion": model.VERSION, **member, "member": [summary]}))
        keep = set(self._root_files()) | {name for s in self.context.sources if not s.failed
                                          for name in (*self._own_files(s.id), self._parents_file(s.id))}
        for stale in self.dts.rglob("*") if self.dts.is_dir() else ():
            if stale.is_file() and stale.relative_to(self.dts).as_posix() not in keep:
                stale.unlink()  # a source no longer built, or a file of an older layout

    def _write(self, relative: str, text: str) -> None:
        path = self.dts / relative
        data = text.encode("utf-8")
        if not (path.is_file() and path.read_bytes() == data):
            write_atomic(path, data, durable=False)  # atomic, without an fsync: the site can be rebuilt
        self.context.written.append(path)
