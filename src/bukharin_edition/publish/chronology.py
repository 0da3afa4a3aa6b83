"""The chronology: edition/chronology.html, the dated statements of every source in time order,
grouped by event (the edition's event rules, seeds/chronology.toml), and a page per year
(edition/chronology/<year>.html) when there are more than CHRONOLOGY_ON_ONE_PAGE statements.

A reduction: each source's dated statements are kept as a small facts document (a <statement>
per date with its sentence, holding its TEI date element as the source has it); the combined document holds every entry
in time order, the events as a TEI listEvent, and xslt/chronology.xsl writes the pages."""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..tei import TEI_NS
from .base import Reduction, Source, compile_stylesheet
from .pages import FACTS_NS, fact, sub, write_pages
from .text import source_title

DATE = f"{{{TEI_NS}}}date"

CHRONOLOGY_ON_ONE_PAGE = 3000  # past this many statements, the chronology has a page per year


class ChronologyBuilder(Reduction):
    """edition/chronology.html: the dated statements in time order, grouped by event (on a page
    per year, edition/chronology/<year>.html, when there are too many for one): a reduction over
    each source's dated statements."""

    name = "chronology"

    facts_format = "xml"

    def facts_of(self, source: Source) -> etree._Element:
        from ..chronology import statements_of

        facts = fact("source", {"id": source.id, "title": source_title(source)})
        for s in statements_of(source.id, source.tree.getroot()):
            statement = sub(facts, "statement", {"block": s.block, "sentence": s.sentence,
                                                 "tokenized": s.tokenized, "token": s.token})
            etree.SubElement(statement, DATE, s.attrs).text = s.text
        return facts

    def finish_inputs(self) -> list[str]:
        return [*self.every_fact(), "shared:persons", "xslt", "option:base-url",
                "file:seeds/chronology.toml", "file:seeds/persons.toml", "file:seeds/sources.toml"]

    def finish_outputs(self) -> list[Path]:
        return [self.context.out_dir / "chronology.html"]

    def prepare(self) -> None:
        compile_stylesheet(self.context, "chronology")

    def reduce(self, gathered) -> None:
        from ..chronology import Event, Statement

        titles: dict[str, str] = {}
        statements = []
        for source, facts in gathered:
            titles[source.id] = facts.get("title")
            for el in facts.iterfind("{%s}statement" % FACTS_NS):
                date = el[0]
                statements.append(Statement(source.id, el.get("block"), date.text or "", dict(date.attrib),
                                            el.get("sentence"), tokenized=el.get("tokenized"), token=el.get("token")))
        order = {ident: i for i, ident in enumerate(titles)}
        events: list[Event] = []
        rules = self._rules()
        if rules is not None:
            from ..chronology import assign_events
            try:
                events = [e for e in assign_events(statements, *rules) if e.statements]
            except Exception as exc:  # a broken event rule must not stop the whole site
                self.context.problems.append(f"chronology: the events cannot be assigned: {exc}")
        key = lambda s: (s.key, order.get(s.source, 0))  # noqa: E731
        statements.sort(key=key)
        for event in events:
            event.statements.sort(key=key)
        write_pages(self, "chronology", self.facts_document(statements, events, titles),
                    stale=("chronology/*.html",))

    def _rules(self):
        """The date rules and gazetteer of the project's seeds, when the project has event rules
        (without seeds/chronology.toml the page lists the statements, ungrouped)."""
        manifest_path = self.context.tei_dir.parent / "seeds" / "sources.toml"
        if not (manifest_path.parent / "chronology.toml").is_file():
            return None
        from ..convert.dates import rules_for
        from ..convert.persons import gazetteer_for
        from ..manifest import load_manifest
        try:
            manifest = load_manifest(manifest_path)
            return rules_for(manifest), gazetteer_for(manifest)
        except Exception as exc:
            self.context.problems.append(f"chronology: {manifest_path}: {exc}")
            return None

    @staticmethod
    def facts_document(statements, events, titles) -> etree._Element:
        """The chronology's facts: the sources, then every entry in time order (an event of
        the listEvent with its statements, or a statement no event holds)."""
        facts = fact("chronology", {"one-page": CHRONOLOGY_ON_ONE_PAGE, "statements": len(statements)})
        for ident, title in titles.items():
            sub(facts, "source", {"id": ident, "title": title})
        in_event = {id(s) for e in events for s in e.statements}
        entries = [(e.statements[0].key, e) for e in events]
        entries += [(s.key, s) for s in statements if id(s) not in in_event]
        entries.sort(key=lambda e: e[0])
        listed = sub(facts, "listEvent", ns=TEI_NS)
        for key, entry in entries:
            if hasattr(entry, "statements"):
                event = sub(listed, "event", {"n": entry.id, "key": key, "type": "disagree" if entry.disagrees else "agree"},
                            ns=TEI_NS)
                sub(event, "label", text=entry.label, ns=TEI_NS)
                sub(event, "desc", text=entry.summary(), ns=TEI_NS)
                for s in entry.statements:
                    _statement(event, s)
            else:
                _statement(listed, entry).set("key", key)
        return facts


def _statement(parent: etree._Element, s) -> etree._Element:
    el = sub(parent, "statement", {"source": s.source, "block": s.block, "sentence": s.sentence})
    etree.SubElement(el, DATE, s.attrs).text = s.text
    return el
