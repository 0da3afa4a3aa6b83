"""The pages across sources: persons, chronology, search, downloads and the manual (the DTS
files: dts.py).

Each is a builder of the same pipeline. They read the gathered sources (and, for the search
index, the reading pages just written), never the seed; the page frame (header, breadcrumbs)
is the one of xslt/common/page.xsl, written here for pages that have no TEI document of their own.
"""
from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..tei import PUBLISHED_SCHEMA, TEI_NS, XML_ID, local_name, tei, write_atomic
from .base import Builder, Reduction, Source

NS = {"t": TEI_NS}
EDITION = "The Bukharin documents"
KWIC = 70  # characters of context on each side of a name
# Elements whose xml:id is a citable block (what the search and the parallel view align on).
BLOCKS = ("p", "head", "item", "note", "cit", "quote", "sp", "speaker", "bibl", "l", "ab")
# Inside a block, left out of the reading context of a name: notes and what the source printed.
NOT_CONTEXT = ("note", "sic", "orig", "teiHeader")

# The same policy as the pages made by the stylesheets (xslt/common/page.xsl); the search page
# also lets Pagefind compile its WebAssembly.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'")
CSP_SEARCH = CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def site_header(root: str, current: str = "") -> str:
    """The header of every page: the edition's title and its parts."""
    parts = (("index", "index.html", "Sources"), ("persons", "persons/index.html", "Persons"),
             ("chronology", "chronology.html", "Chronology"), ("search", "search.html", "Search"),
             ("manual", "encoding-manual.html", "Encoding manual"))
    current_mark = ' aria-current="page"'
    items = "".join(
        f'<li><a href="{root}{href}"{current_mark if key == current else ""}>{label}</a></li>'
        for key, href, label in parts)
    return (f'<header class="ed-masthead"><p class="ed-edition-name"><a href="{root}index.html">'
            f'{EDITION}</a></p><nav class="ed-site-nav" aria-label="The edition"><ul>{items}</ul>'
            f'</nav></header>')


def breadcrumbs(root: str, trail: list[tuple[str, str]]) -> str:
    """Breadcrumbs: (label, href) pairs, the last one the page itself (href empty)."""
    items = [f'<li><a href="{root}index.html">The edition</a></li>']
    for label, href in trail:
        items.append(f'<li><a href="{esc(href)}">{esc(label)}</a></li>' if href
                     else f'<li aria-current="page">{esc(label)}</li>')
    return f'<nav class="ed-breadcrumbs" aria-label="Breadcrumbs"><ol>{"".join(items)}</ol></nav>'


def page(title: str, root: str, current: str, trail: list[tuple[str, str]], body: str,
         head: str = "", body_attrs: str = "", csp: str = CSP) -> str:
    """A whole HTML5 page of the edition."""
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{esc(title)} — {EDITION}</title>'
            f'<link rel="stylesheet" href="{root}assets/edition.css">{head}</head>'
            f'<body{body_attrs}><a class="ed-skip" href="#ed-main">Skip to the content</a>'
            f'{site_header(root, current)}{breadcrumbs(root, trail)}<main id="ed-main">{body}</main>'
            f'<footer class="ed-footer"><p>{EDITION}: a TEI edition. '
            f'<a href="{root}index.html">All sources</a> · '
            f'<a href="{root}dts/index.json">Machine interface (DTS)</a></p></footer>'
            f'</body></html>\n')


def _write(builder: Builder, relative: str, text: str) -> None:
    path = builder.context.out_dir / relative
    data = text.encode("utf-8")
    if not (path.is_file() and path.read_bytes() == data):
        write_atomic(path, data, durable=False)  # atomic, without an fsync: the site can be rebuilt
    builder.context.written.append(path)


def source_title(source: Source) -> str:
    """The title of the source's titleStmt (learnt when the file was gathered)."""
    if source.facts.title:
        return source.facts.title
    root = source.tree.getroot()
    found = root.find(f"{tei('teiHeader')}/{tei('fileDesc')}/{tei('titleStmt')}/{tei('title')}")
    return " ".join("".join(found.itertext()).split()) if found is not None else source.id


def built(context) -> list[Source]:
    return [s for s in context.sources if not s.failed]


# ----------------------------------------------------------------------- text of a block

def block_of(el: etree._Element) -> etree._Element | None:
    """The nearest block with an xml:id around el (the paragraph a link should go to)."""
    for anc in el.iterancestors():
        if anc.get(XML_ID) and local_name(anc) in BLOCKS:
            return anc
    return None


def reading_text(block: etree._Element, mark: etree._Element | None = None) -> tuple[str, int, int]:
    """The block's reading text (notes and printed errors left out, corrections in), and where
    mark's text starts and ends in it."""
    out: list[str] = []
    span = [0, 0]

    def walk(el):
        name = local_name(el) if isinstance(el.tag, str) else ""
        if el is not block and name in NOT_CONTEXT:
            return
        if el is mark:
            span[0] = len("".join(out))
        if el.text:
            out.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                out.append(child.tail)
        if el is mark:
            span[1] = len("".join(out))

    walk(block)
    return "".join(out), span[0], span[1]


def squeeze(text: str) -> str:
    return " ".join(text.split())


# ----------------------------------------------------------------------- persons

@dataclass
class Mention:
    source: str  # the source's id
    block: str
    form: str
    before: str
    after: str


@dataclass
class Person:
    id: str
    standard: str
    variants: list[str]
    birth: str
    death: str
    role: str
    notes: list[str]


def load_register(context) -> list[Person]:
    path = next((p for p in context.shared if p.stem == "persons"), None)
    if path is None:
        return []
    root = etree.parse(str(path)).getroot()
    persons = []
    for el in root.iterfind(".//t:person", NS):
        names = el.findall("t:persName", NS)
        standard = next((squeeze("".join(n.itertext())) for n in names if n.get("type") == "standard"),
                        el.get(XML_ID))
        variants = [squeeze("".join(n.itertext())) for n in names if n.get("type") == "variant"]
        birth, death = el.find("t:birth", NS), el.find("t:death", NS)
        role = el.find("t:occupation", NS)
        persons.append(Person(
            el.get(XML_ID), standard, variants,
            _when(birth), _when(death),
            squeeze("".join(role.itertext())) if role is not None else "",
            [squeeze("".join(n.itertext())) for n in el.findall("t:note", NS)]))
    return persons


def _clip(text: str, left: bool) -> str:
    """At most KWIC characters of context beside a name, cut at a word, marked … where cut."""
    if len(text) <= KWIC:
        return text
    if left:
        cut = text[-KWIC:]
        return "…" + cut[cut.find(" ") + 1:] if " " in cut else "…" + cut
    cut = text[:KWIC]
    return (cut[:cut.rfind(" ")] if " " in cut else cut) + "…"


def _when(el) -> str:
    if el is None:
        return ""
    return el.get("when") or "/".join(filter(None, (el.get("notBefore"), el.get("notAfter"))))


def mentions_in(root: etree._Element) -> list[list[str]]:
    """Every persName with a register id in one source's text, with its context:
    [ref, block id, the name as printed, the text before, the text after]."""
    found = []
    for name in root.xpath(".//t:text//t:persName[@ref][not(ancestor::t:title)]", namespaces=NS):  # a title's words are no mention
        ident = name.get("ref").removeprefix("per:")
        block = block_of(name)
        form = squeeze(reading_text(name)[0])
        before = after = ""
        if block is not None:
            text, start, end = reading_text(block, name)
            before, after = _clip(squeeze(text[:start]), True), _clip(squeeze(text[end:]), False)
            if text[:start][-1:].isspace():
                before += " "
            if text[end:][:1].isspace():
                after = " " + after
        found.append([ident, block.get(XML_ID) if block is not None else "", form, before, after])
    return found


MENTIONS_PER_PAGE = 500  # a person's mentions past this many go on further pages


def person_page_name(ident: str, number: int) -> str:
    """The file of a person's page `number` (from 1), relative to persons/: the first is
    <id>.html, the others more/<id>-<n>.html (an id holds no '/', so none can clash)."""
    return f"{ident}.html" if number == 1 else f"more/{ident}-{number}.html"


class PersonsBuilder(Reduction):
    """edition/persons/index.html and a page per person of the register (more pages for a
    person mentioned more than MENTIONS_PER_PAGE times): a reduction over each source's
    mentions."""

    name = "persons"

    def facts_of(self, source: Source) -> dict:
        return {"title": source_title(source), "mentions": mentions_in(source.tree.getroot())}

    def finish_inputs(self) -> list[str]:
        return [*self.every_fact(), "shared:persons", "xslt", "option:base-url"]

    def finish_outputs(self) -> list[Path]:
        return [self.context.out_dir / "persons" / "index.html"]

    def reduce(self, gathered) -> None:
        persons = load_register(self.context)
        if not persons:
            return
        titles: dict[str, str] = {}
        mentions: dict[str, list[Mention]] = {}
        for source, facts in gathered:
            titles[source.id] = source.facts.title or source.id
            for ref, *rest in facts["mentions"]:
                mentions.setdefault(ref, []).append(Mention(source.id, *rest))
        keep = {"index.html"}
        for person in persons:
            for number, text in enumerate(self.person_pages(person, mentions.get(person.id, []), titles), 1):
                name = person_page_name(person.id, number)
                _write(self, f"persons/{name}", text)
                keep.add(name)
        folder = self.context.out_dir / "persons"
        for stale in [*folder.glob("*.html"), *folder.glob("more/*.html")]:
            if stale.relative_to(folder).as_posix() not in keep:  # no page of a person or page gone
                stale.unlink()
        rows = "".join(
            f'<tr><td><a href="{esc(p.id)}.html">{esc(p.standard)}</a></td>'
            f'<td class="ed-num" data-mentions="{len(mentions.get(p.id, []))}">{len(mentions.get(p.id, []))}</td>'
            f'<td>{esc(_life(p))}</td><td class="ed-role">{esc(p.role)}</td></tr>'
            for p in sorted(persons, key=lambda p: _sort_name(p.standard)))
        body = (f'<h1>Persons</h1><p>The {len(persons)} persons of the register, by surname. Each page '
                f'lists every mention in the sources, in context, linked to its paragraph.</p>'
                f'<div class="ed-table-wrap"><table class="ed-persons"><caption>The person register</caption>'
                f'<thead><tr><th scope="col">Name</th><th scope="col">Mentions</th><th scope="col">Life</th>'
                f'<th scope="col" class="ed-role">Role</th></tr></thead><tbody>{rows}</tbody></table></div>')
        _write(self, "persons/index.html",
               page("Persons", "../", "persons", [("Persons", "")], body, body_attrs=' data-view="persons"'))

    def person_pages(self, person: Person, mentions: list[Mention], titles: dict[str, str]):
        """The person's pages: the register's facts and the names as printed, then the mentions
        grouped by source, MENTIONS_PER_PAGE a page."""
        forms = Counter(m.form for m in mentions)
        pages = max(1, -(-len(mentions) // MENTIONS_PER_PAGE))
        for number in range(1, pages + 1):
            first = (number - 1) * MENTIONS_PER_PAGE
            shown = mentions[first:first + MENTIONS_PER_PAGE]
            root = "../" if number == 1 else "../../"
            home = "" if number == 1 else "../"
            groups = []
            for source_id in dict.fromkeys(m.source for m in shown):
                items = "".join(
                    f'<li data-block="{esc(m.block)}"><a href="{root}{esc(m.source)}/reading.html#{esc(m.block)}">'
                    f'<span class="ed-kwic-before">{esc(m.before)}</span><mark>{esc(m.form)}</mark>'
                    f'<span class="ed-kwic-after">{esc(m.after)}</span></a> '
                    f'<span class="ed-quiet">§ {esc(m.block)}</span></li>'
                    for m in shown if m.source == source_id)
                count = sum(m.source == source_id for m in shown)
                groups.append(f'<section><h3><a href="{root}{esc(source_id)}/reading.html">'
                              f'{esc(titles.get(source_id, source_id))}</a>'
                              f' <span class="ed-quiet">({count})</span></h3><ol class="ed-kwic">{items}</ol></section>')
            pager = self.pager(person, number, pages, home) if pages > 1 else ""
            span = (f'<p class="ed-quiet">Mentions {first + 1}–{first + len(shown)} of {len(mentions)}.</p>'
                    if pages > 1 else "")
            heading = (f'<h2 id="mentions">Mentions <span class="ed-count" data-count="{len(mentions)}">'
                       f'({len(mentions)})</span></h2>')
            mentions_html = heading + span + pager + (
                "".join(groups) or "<p>No source of the edition mentions this person by name.</p>") + pager
            if number == 1:
                body = self.person_facts(person, forms) + mentions_html
                trail = [("Persons", "index.html"), (person.standard, "")]
                title = person.standard
            else:
                body = f'<h1>{esc(person.standard)}</h1>' + mentions_html
                trail = [("Persons", "../index.html"), (person.standard, f"../{person.id}.html"),
                         (f"Page {number}", "")]
                title = f"{person.standard}, page {number}"
            yield page(title, root, "persons", trail, body,
                       body_attrs=f' data-view="person" data-person="{esc(person.id)}"')

    @staticmethod
    def person_facts(person: Person, forms: Counter) -> str:
        variants = "".join(f"<li>{esc(form)} <span class=\"ed-quiet\">({count}×)</span></li>"
                           for form, count in forms.most_common())
        facts = [("Standard name", esc(person.standard))]
        if person.birth:
            facts.append(("Born", esc(person.birth)))
        if person.death:
            facts.append(("Died", esc(person.death)))
        if person.role:
            facts.append(("Role", esc(person.role)))
        for note in person.notes:
            facts.append(("Note", esc(note)))
        # one term for all its values (a dl names each term once: several notes share "Note")
        dl = "".join(f"<dt>{t}</dt>" + "".join(f"<dd>{v}</dd>" for term, v in facts if term == t)
                     for t in dict.fromkeys(t for t, _ in facts))
        unused = [v for v in person.variants if v not in forms]
        return (f'<h1>{esc(person.standard)}</h1>'
                f'<section class="ed-facts" aria-labelledby="ed-facts-title"><h2 id="ed-facts-title">In the register</h2>'
                f'<dl>{dl}</dl></section>'
                f'<h2>Names as they occur</h2><ul class="ed-variants">{variants or "<li>none</li>"}</ul>'
                + (f'<p class="ed-quiet">Registered forms not found in the sources: {esc(", ".join(unused))}.</p>'
                   if unused else ""))

    @staticmethod
    def pager(person: Person, number: int, pages: int, home: str) -> str:
        """Links to every page of the person's mentions ('home' leads from the page to persons/)."""
        links = []
        for other in range(1, pages + 1):
            href = home + person_page_name(person.id, other)
            links.append(f'<li aria-current="page">{other}</li>' if other == number
                         else f'<li><a href="{esc(href)}">{other}</a></li>')
        return f'<nav class="ed-pager" aria-label="Pages of mentions"><ol>{"".join(links)}</ol></nav>'


def _life(p: Person) -> str:
    return f"{p.birth[:4] or '?'}–{p.death[:4] or '?'}" if (p.birth or p.death) else ""


def _sort_name(name: str) -> tuple[str, str]:
    return (name.split()[-1], name)


# ----------------------------------------------------------------------- chronology

CHRONOLOGY_ON_ONE_PAGE = 3000  # past this many statements, the chronology has a page per year


class ChronologyBuilder(Reduction):
    """edition/chronology.html: the dated statements in time order, grouped by event (on a page
    per year, edition/chronology/<year>.html, when there are too many for one): a reduction over
    each source's dated statements."""

    name = "chronology"

    def facts_of(self, source: Source) -> dict:
        from dataclasses import asdict

        from ..chronology import statements_of
        return {"title": source_title(source),
                "statements": [asdict(s) for s in statements_of(source.id, source.tree.getroot())]}

    def finish_inputs(self) -> list[str]:
        return [*self.every_fact(), "shared:persons", "xslt", "option:base-url",
                "file:seeds/chronology.toml", "file:seeds/persons.toml", "file:seeds/sources.toml"]

    def finish_outputs(self) -> list[Path]:
        return [self.context.out_dir / "chronology.html"]

    def reduce(self, gathered) -> None:
        from ..chronology import Event, Statement

        titles: dict[str, str] = {}
        statements = []
        for source, facts in gathered:
            titles[source.id] = source_title(source)
            statements += [Statement(**fields) for fields in facts["statements"]]
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
        pages = self.render(statements, events, titles)
        for name, text in pages.items():
            _write(self, name, text)
        for stale in (self.context.out_dir / "chronology").glob("*.html"):
            if f"chronology/{stale.name}" not in pages:
                stale.unlink()

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

    def render(self, statements, events, titles) -> dict[str, str]:
        """The chronology's pages by file name: chronology.html alone, or with a page per year
        (chronology/<year>.html) when there are more than CHRONOLOGY_ON_ONE_PAGE statements."""
        split = len(statements) > CHRONOLOGY_ON_ONE_PAGE
        root = "../" if split else ""
        in_event = {id(s) for e in events for s in e.statements}
        entries: list[tuple[str, str]] = []  # (sort key, html)
        for event in events:
            verdict = "The sources disagree" if event.disagrees else "The sources agree"
            cls = "ed-disagree" if event.disagrees else "ed-agree"
            cells = "".join(self.statement(s, titles, "div", root) for s in event.statements)
            entries.append((event.statements[0].key, (
                f'<li class="ed-event {cls}" id="event-{esc(event.id)}" data-event="{esc(event.id)}">'
                f'<h3>{esc(event.label)}</h3><p class="ed-verdict"><strong>{verdict}</strong>: '
                f'{esc(event.summary())}</p><div class="ed-side-by-side">{cells}</div></li>')))
        for s in statements:
            if id(s) not in in_event:
                entries.append((s.key, f'<li class="ed-dated">{self.statement(s, titles, "div", root)}</li>'))
        entries.sort(key=lambda e: e[0])
        years: dict[str, list[str]] = {}
        for sort_key, item in entries:
            years.setdefault(_year(sort_key), []).append(item)
        anchor = {y: f"y{y.replace(' ', '-')}" for y in years}
        where = {y: (f"chronology/{anchor[y][1:]}.html" if split else "") for y in years}
        jump = " ".join(f'<a href="{where[y]}#{anchor[y]}">{esc(y)}</a>' for y in years)

        def section(y: str) -> str:
            return (f'<section aria-labelledby="{anchor[y]}"><h2 id="{anchor[y]}">{esc(y)}</h2>'
                    f'<ol class="ed-chronology">{"".join(years[y])}</ol></section>')

        disagreements = [e for e in events if e.disagrees]
        summary = "".join(
            f'<li><a href="{where[_year(e.statements[0].key)]}#event-{esc(e.id)}">{esc(e.label)}</a>: '
            f'{esc(e.summary())}</li>' for e in disagreements)
        body = (f'<h1>Chronology</h1><p>{len(statements)} dated statements of {len(titles)} sources in '
                f'time order. Statements that the edition’s event rules assign to one event are grouped; '
                f'where the sources disagree their statements stand side by side. Old Style dates are '
                f'placed by their Gregorian day and show their Julian form.'
                + (' The statements of each year are on a page of their own.' if split else '') + '</p>'
                + (f'<h2 id="disagreements">Where the sources disagree</h2><ul>{summary}</ul>' if summary else "")
                + f'<nav class="ed-years" aria-label="Years">{jump}</nav>'
                + ("" if split else "".join(section(y) for y in years)))
        pages = {"chronology.html": page("Chronology", "", "chronology", [("Chronology", "")], body,
                                         body_attrs=' data-view="chronology"')}
        if split:
            nav = '<nav class="ed-years" aria-label="Years">' + jump.replace(' href="chronology/', ' href="') + '</nav>'
            for y in years:
                pages[where[y]] = page(f"Chronology: {y}", root, "chronology",
                                       [("Chronology", "../chronology.html"), (y, "")], nav + section(y),
                                       body_attrs=' data-view="chronology"')
        return pages

    @staticmethod
    def statement(s, titles, tag, root: str = "") -> str:
        julian = s.attrs.get("when-custom")
        norm = s.attrs.get("when") or "/".join(filter(None, (
            s.attrs.get("from") or s.attrs.get("notBefore"), s.attrs.get("to") or s.attrs.get("notAfter"))))
        style = (f' <span class="ed-calendar">Old Style (Julian) {esc(julian)} = New Style (Gregorian) '
                 f'{esc(norm)}</span>' if julian else "")
        return (f'<{tag} class="ed-statement" data-source="{esc(s.source)}" data-block="{esc(s.block)}" '
                f'data-when="{esc(norm)}"><p class="ed-statement-date"><span class="ed-iso">{esc(norm or "?")}</span>'
                f' “{esc(s.text)}”{style}</p><blockquote><p>{esc(s.sentence)}</p></blockquote>'
                f'<p class="ed-statement-source"><a href="{root}{esc(s.source)}/reading.html#{esc(s.block)}">'
                f'{esc(titles.get(s.source, s.source))}, § {esc(s.block)}</a></p></{tag}>')


def _year(sort_key: str) -> str:
    return sort_key[:4] if sort_key[:1].isdigit() else "without a year"


# ----------------------------------------------------------------------- downloads

class DownloadsBuilder(Builder):
    """edition/text/<id>.txt: the plain reading text of every source, a block a paragraph; and
    edition/schema/: the schema the published TEI files' xml-model instructions point at."""

    name = "downloads"

    def finish_inputs(self) -> list[str]:
        return ["tree:schema"]

    def finish_outputs(self) -> list[Path]:
        return [self.context.out_dir / "schema" / name for name in PUBLISHED_SCHEMA
                if (self.schema_dir / name).is_file()]

    @property
    def schema_dir(self) -> Path:
        schema = self.context.tei_dir.parent / "schema"
        if not (schema / "bukharin.rng").is_file():
            schema = Path(__file__).resolve().parents[3] / "schema"
        return schema

    def finish(self) -> None:
        for name in PUBLISHED_SCHEMA:
            if (self.schema_dir / name).is_file():
                _write(self, f"schema/{name}", (self.schema_dir / name).read_text(encoding="utf-8"))

    def doc_inputs(self, source: Source) -> list[str]:
        return [f"tei:{source.id}", "xslt"]

    def doc_outputs(self, source: Source) -> list[Path]:
        return [self.context.out_dir / "text" / f"{source.id}.txt"]

    def write_doc(self, source: Source) -> None:
        text = source.tree.getroot().find(tei("text"))
        if text is None:
            return
        lines = [f"{source_title(source)}", f"The Bukharin documents, {source.id}: reading text", ""]
        for block in _citable(text):
            body = squeeze(reading_text(block)[0])
            if body:
                lines.append(f"[{block.get(XML_ID)}] {body}")
                lines.append("")
        _write(self, f"text/{source.id}.txt", "\n".join(lines))


def _citable(text) -> list:
    """The blocks of a TEI text that contain no other block, in document order."""
    return [el for el in text.iter() if isinstance(el.tag, str) and el.get(XML_ID)
            and local_name(el) in BLOCKS
            and not any(local_name(d) in BLOCKS and d.get(XML_ID) for d in el.iterdescendants()
                        if isinstance(d.tag, str))]


# ----------------------------------------------------------------------- the manual

class ManualBuilder(Builder):
    """edition/encoding-manual.html, so that the header's link works (as `edition manual`)."""

    name = "manual"

    def finish_inputs(self) -> list[str]:
        """The schema's documentation, with examples from the first files of tei/."""
        from ..manual import EXAMPLE_FILES

        names = sorted([s.path.name for s in self.context.sources if not s.held]
                       + [p.name for p in self.context.shared])[:EXAMPLE_FILES]
        files = [f"shared:{Path(n).stem}" if Path(n).stem in ("edition", "persons") else f"tei:{Path(n).stem}"
                 for n in names]
        return [*files, "tree:schema", "xslt"]

    def finish_outputs(self) -> list[Path]:
        return [self.context.out_dir / "encoding-manual.html"]

    def finish(self) -> None:
        schema = self.context.tei_dir.parent / "schema"
        if not (schema / "bukharin.rng").is_file():
            schema = Path(__file__).resolve().parents[3] / "schema"
        if not (schema / "bukharin.rng").is_file():
            return
        from ..manual import write_manual
        target = self.context.out_dir / "encoding-manual.html"
        try:
            write_manual(schema, self.context.tei_dir, target)
        except Exception as exc:
            self.context.problems.append(f"manual: cannot be written: {exc}")
            return
        self.context.written.append(target)

