"""The search page and the Pagefind index (edition/search.html, edition/pagefind/): one record
per block of every reading page, written in shards that the search page merges. The page itself
is xslt/search.xsl's."""
from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path
from typing import Iterable

from ..tei import write_atomic
from .base import FACTS, Reduction, Source
from .pages import fact, write_file, write_pages
from .persons import load_register
from .text import BLOCKS, built, source_title, squeeze
from .state import digest


def leaf_blocks(root) -> list:
    """The blocks of a reading page that contain no other block (paragraph-sized records)."""
    found = []
    for el in root.iterfind(".//article//*[@id][@data-tei]"):
        if el.get("data-tei") not in BLOCKS:
            continue
        if any(d.get("data-tei") in BLOCKS for d in el.iterfind(".//*[@id][@data-tei]")):
            continue
        found.append(el)
    return found


def block_record(el) -> tuple[str, list[str], list[str]]:
    """The text of a reading page's block (no citation marks, printed forms or links to parallel
    passages: the edition's apparatus, not the text), its persons and the years of its dates
    (neither from inside a title: reading.xsl's ed:records makes the same)."""
    clone = copy.deepcopy(el)
    for junk in clone.xpath(" | ".join(f'.//*[contains(concat(" ", @class, " "), " {name} ")]'
                                       for name in ("ed-cite", "ed-was", "ed-corresp"))):
        junk.drop_tree()
    own = el.xpath(".//*[not(ancestor-or-self::*[@data-tei = 'title'])]")
    persons = [r.removeprefix("per:") for e in own for r in (e.get("data-ref"),) if r is not None]
    years = [y for e in own if e.get("data-tei") == "date" for y in date_years(e)]
    return squeeze(clone.text_content()), list(dict.fromkeys(persons)), list(dict.fromkeys(years))


_YEAR = re.compile(r"(?:^|[^\d-])(\d{4})(?:\D|$)")


def date_years(el) -> list[str]:
    """The years a date of a reading page stands for: an exact date's (its datetime), else the
    years of the values its description (title) names; a range of up to ten years in full, a
    longer one by its ends."""
    if el.get("datetime"):
        named = [int(el.get("datetime")[:4])]
    else:
        named = [int(y) for y in _YEAR.findall(el.get("title") or "")]
    if len(named) > 1 and max(named) - min(named) <= 10:
        named = list(range(min(named), max(named) + 1))
    return [f"{y:04d}" for y in named]


def page_genres(root) -> list[str]:
    """The genres a reading page's facts box names (its header's textClass)."""
    return [squeeze(dd.text_content()) for dd in root.iterfind(".//dd[@data-tei='catRef']")]


# Pagefind's indexer holds about 130 bytes of memory per character it indexes, all at once, and
# takes about 0.4 ms a record: the index is written in shards of about this many bytes of
# records (some 200 documents of the synthetic corpus: 250 MB of memory in the indexer, 3 s),
# merged by the search page. A one-file edit writes its shard again, whatever the edition's size.
SEARCH_SHARD_TEXT = 2_000_000
# What a Pagefind record holds (content, meta, filters): changed, every shard is written again.
RECORD_FORM = "content; filters source genre person year"


class SearchBuilder(Reduction):
    """edition/search.html and the Pagefind index (edition/pagefind/): one record per block of
    every reading page, linked to the block's anchor, filtered by source, genre, person and year.
    The records
    of a source are cut from its reading page when that page is made (by the same worker); the
    index is written from every source's records."""

    name = "search"

    def doc_inputs(self, source: Source) -> list[str]:  # the reading page's own inputs
        return [f"tei:{source.id}", "xslt", "option:base-url",
                *(f"person:{ref}" for ref in source.facts.persons)]

    def facts_of(self, source: Source) -> dict:
        from lxml import html as lxml_html

        from .builders import records_path

        reading = self.context.out_dir / source.id / "reading.html"
        try:  # made with the reading page (reading.xsl): the page is not parsed again
            made = json.loads(records_path(self.context, source.id).read_bytes())
            return {"title": source_title(source), "genres": made["genres"], "records": made["records"]}
        except (OSError, ValueError, KeyError, TypeError):
            pass
        root = lxml_html.fromstring(reading.read_bytes()) if reading.is_file() else None
        records = []
        for el in leaf_blocks(root) if root is not None else ():
            text, persons, years = block_record(el)
            if text:
                records.append([el.get("id"), text, persons, years])
        return {"title": source_title(source), "genres": page_genres(root) if root is not None else [],
                "records": records}

    def finish_inputs(self) -> list[str]:  # it indexes the reading pages, made from these
        return [*self.every_fact(), "shared:persons", "xslt", "option:base-url", f"form:{RECORD_FORM}"]

    def finish_outputs(self) -> list[Path]:
        return [self.context.out_dir / "search.html", self.context.out_dir / "pagefind" / "pagefind.js"]

    def finish(self) -> None:
        """Write the search page and the index in shards: each source stays in the shard it was
        put in (a new one goes to the last shard, or opens one), and only the shards whose
        sources' records changed are written again (a one-file edit rewrites one shard)."""
        from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

        write_pages(self, "search", fact("search"))  # the page: xslt/search.xsl
        names = {p.id: p.standard for p in load_register(self.context)}
        out = self.context.out_dir / "pagefind"
        memo_path = self.context.out_dir / FACTS / "search-shards.json"
        sources = built(self.context)
        weight: dict[str, tuple[str, int]] = {}  # id → (hash of its records, their size in bytes)
        for source in sources:
            path = self.facts_path(source.id)
            if not path.is_file():
                self.write_doc(source)
                source.release()
            data = path.read_bytes()
            weight[source.id] = (digest(data), len(data))
        memo = _load_memo(memo_path)
        shards = _assign_shards([s.id for s in sources], weight, memo)
        names_digest = digest(json.dumps([RECORD_FORM, names], sort_keys=True).encode("utf-8"))
        by_id = {s.id: s for s in sources}
        todo, keys = [], {}
        for number, members in enumerate(shards):
            folder = out if number == 0 else out / "more" / str(number + 1)
            keys[str(number)] = key = digest("\0".join(
                [names_digest, *(f"{m}={weight[m][0]}" for m in members)]).encode("utf-8"))
            if self.context.full or key != memo.get("keys", {}).get(str(number)) \
                    or not (folder / "pagefind-entry.json").is_file():
                todo.append((number, folder, members))

        def records(members: list[str]) -> list[dict]:
            return [record for ident in members for record in pagefind_records(
                ident, source_title(by_id[ident]), json.loads(self.facts_path(ident).read_bytes()), names)]

        # On as many Pagefind processes as the build has jobs, with at most that many shards'
        # records in memory.
        memo_path.unlink(missing_ok=True)  # until every shard is written, no shard is current
        try:
            with ThreadPoolExecutor(max_workers=self.context.jobs) as pool:
                pending: list[Future] = []
                for number, folder, members in todo:
                    while len(pending) >= self.context.jobs:
                        done, _ = wait(pending, return_when=FIRST_COMPLETED)
                        for future in done:
                            pending.remove(future)
                            future.result()
                    _clear_shard(folder, keep="more" if number == 0 else None)
                    pending.append(pool.submit(write_index, records(members), folder, False))
                for future in pending:
                    future.result()
        except Exception as exc:  # Pagefind missing or failing: the site still reads
            self.context.problems.append(f"search: the Pagefind index cannot be written: {exc}")
            return
        for extra in (out / "more").glob("*") if (out / "more").is_dir() else ():
            if not extra.name.isdigit() or not 2 <= int(extra.name) <= len(shards):
                shutil.rmtree(extra)  # a shard of an earlier, larger build
        if (out / "more").is_dir() and not any((out / "more").iterdir()):
            (out / "more").rmdir()
        write_atomic(memo_path, json.dumps({"limit": SEARCH_SHARD_TEXT, "shards": shards, "keys": keys}).encode("utf-8"),
                     durable=False)
        more = [f"more/{n}/" for n in range(2, len(shards) + 1)]
        write_file(self, "pagefind/shards.json", json.dumps({"more": more}, indent=1).encode("utf-8"))


def pagefind_records(ident: str, title: str, facts: dict, names: dict[str, str]) -> list[dict]:
    """The Pagefind records of a source's search facts: one per block, addressed to its anchor.

    Only the block's own words are indexed: Pagefind indexes every meta value beside the
    content (a source title or an id such as "mia-permanent-revolution-p3" would match every
    block), never the filters, which the search page reads for a result's source."""
    genres = facts.get("genres", [])
    return [dict(url=f"{ident}/reading.html#{block}", content=text, language="en", meta={},
                 filters={"source": [title], "genre": genres,
                          "person": [names.get(p, p) for p in persons], "year": years})
            for block, text, persons, years in facts["records"]]


def _load_memo(path: Path) -> dict:
    try:
        memo = json.loads(path.read_bytes())
        return memo if memo.get("limit") == SEARCH_SHARD_TEXT else {}
    except (OSError, ValueError, AttributeError):
        return {}


def _assign_shards(order: list[str], weight: dict[str, tuple[str, int]], memo: dict) -> list[list[str]]:
    """The sources of each shard, in the sources' order: the last build's shards, less the
    sources gone, with new sources added to the last shard until it is full; made afresh
    (consecutive sources up to SEARCH_SHARD_TEXT bytes of facts) when there is no last build
    or a shard has grown past twice the limit."""
    position = {ident: n for n, ident in enumerate(order)}
    shards = [[m for m in members if m in position] for members in memo.get("shards", [])]
    placed = {m for members in shards for m in members}
    fresh = not shards
    for ident in order:
        if ident in placed:
            continue
        if not shards or sum(weight[m][1] for m in shards[-1]) >= SEARCH_SHARD_TEXT:
            shards.append([])
        shards[-1].append(ident)
    shards = [sorted(members, key=position.get) for members in shards if members]
    if fresh or any(sum(weight[m][1] for m in members) > 2 * SEARCH_SHARD_TEXT for members in shards):
        shards, size = [[]], 0
        for ident in order:
            if size >= SEARCH_SHARD_TEXT:
                shards.append([])
                size = 0
            shards[-1].append(ident)
            size += weight[ident][1]
    return shards or [[]]


def _clear_shard(folder: Path, keep: str | None) -> None:
    """Empty a shard's folder, but for the folder of the other shards inside the first."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry.name == keep:
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def write_index(records: Iterable[dict], out: Path, clear: bool = True) -> None:
    """Index the records with Pagefind's service and write the bundle into out (emptied first
    unless `clear` is false).

    Speaks the service's protocol (base64 JSON messages, each followed by a comma) directly:
    the pagefind package's asyncio client polls its answers every 100 ms, a second per ten
    records; sending every request at once and reading the answers in a thread takes a blink.
    """
    import base64
    import subprocess
    import threading
    import time

    from pagefind.service import _must_get_executable

    if clear:
        shutil.rmtree(out, ignore_errors=True)  # no bundle of an earlier build stays beside this one
    process = subprocess.Popen([str(_must_get_executable()), "--service"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    answers: list[dict] = []  # the first answer and the errors (not one per record)
    answered: set[int] = set()  # the message ids answered

    def read() -> None:
        buffer = b""
        while True:
            chunk = process.stdout.read1(65536)
            if not chunk:
                return
            buffer += chunk
            *messages, buffer = buffer.split(b",")
            for message in messages:
                answer = json.loads(base64.b64decode(message))
                if answer is None:
                    continue
                if not answers or answer.get("payload", {}).get("type") == "Error":
                    answers.append(answer)
                answered.add(answer.get("message_id"))

    def send(message_id: int, payload: dict) -> None:
        request = {"message_id": message_id, "payload": payload}
        process.stdin.write(base64.b64encode(json.dumps(request).encode("utf-8")) + b",")

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        send(1, {"type": "NewIndex", "config": {"force_language": "en"}})
        process.stdin.flush()
        while not answers and reader.is_alive():
            time.sleep(0.002)
        first = answers[0]["payload"] if answers else {}
        if first.get("type") != "NewIndex":
            raise RuntimeError(f"Pagefind did not create an index: {first}")
        index = first["index_id"]
        last = 2
        for last, record in enumerate(records, start=2):
            send(last, {"type": "AddRecord", "index_id": index, **record})
        last += 1
        send(last, {"type": "WriteFiles", "index_id": index, "output_path": str(out.resolve())})
        process.stdin.flush()
        while last not in answered:  # as long as it takes: the service answers or stops
            if not reader.is_alive():
                raise RuntimeError("Pagefind stopped before writing the index")
            time.sleep(0.005)
        errors = [a["payload"] for a in answers if a.get("payload", {}).get("type") == "Error"]
        if errors:
            raise RuntimeError(f"Pagefind: {errors[0].get('message')}")
    finally:
        process.stdin.close()
        process.wait(timeout=10)


