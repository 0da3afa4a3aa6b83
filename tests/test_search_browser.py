"""Search a scholar can trust, in the browser (Debian's Chromium through Playwright): queries and
their first results, a phrase before its words apart, the facets by source, genre, person and
year with their counts. The expected results are read from the paragraphs' own text (the search
records of the build), never from a title."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from test_browser import launch_chromium, serve_folder

DESK = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def served(corpus_build):
    yield from serve_folder(corpus_build[0])


@pytest.fixture(scope="module")
def chromium():
    yield from launch_chromium()


@pytest.fixture(scope="module")
def records(corpus_build) -> dict[str, dict]:
    """Every indexed paragraph by its address: its text, genres, persons and years."""
    found = {}
    for path in sorted((corpus_build[0] / ".facts" / "records").glob("*.json")):
        made = json.loads(path.read_bytes())
        for block, text, persons, years in made["records"]:
            found[f"{path.stem}/reading.html#{block}"] = {
                "source": path.stem, "text": text, "genres": made["genres"], "persons": persons, "years": years}
    return found


@pytest.fixture()
def search(served, chromium):
    page = chromium.new_page(viewport=DESK)
    page.goto(f"{served}/search.html")
    page.wait_for_selector("#ed-search[data-ready='true']")

    def run(query: str, **choices: str) -> list[str]:
        """The addresses the page lists for the query and choices, in order (every one: the
        'Show more' button is pressed until it is gone)."""
        for name in ("source", "genre", "person", "year"):
            page.select_option(f"#ed-{name}", value=choices.get(name, ""))
        page.fill("#ed-q", query)
        page.evaluate("document.getElementById('ed-results').removeAttribute('data-ms')")
        page.click("#ed-search-form button[type=submit]")
        page.wait_for_selector("#ed-results[data-ms]")
        total = int(page.get_attribute("#ed-results", "data-total"))
        while page.locator("#ed-results li").count() < total:
            shown = page.locator("#ed-results li").count()
            page.click("#ed-more")
            page.wait_for_function("n => document.querySelectorAll('#ed-results li').length > n", arg=shown)
        return page.eval_on_selector_all("#ed-results li", "els => els.map(e => e.dataset.url)")

    run.page = page
    yield run
    page.close()


def _holds(text: str, *words: str) -> bool:
    return all(re.search(rf"\b{w}", text, re.I) for w in words)


def _phrase(text: str, phrase: str) -> bool:
    return re.search(r"\W+".join(phrase.split()), text, re.I) is not None


# A query and what its first result must be: the paragraph that holds the words as the
# reader typed them, from the source where they stand.
FIRST = [
    ("Permanent Revolution", "mia-permanent-revolution", "permanent revolution"),
    ("enrich yourselves", "bordiga-enrich-yourselves", "enrich yourselves"),
    ("Krestinsky", "trial-1938", "Krestinskii"),
    ("bloc of Rights and Trotskyites", "trial-1938", "bloc of Rights and Trotskyites"),
]


@pytest.mark.parametrize("query, source, words", FIRST, ids=[q for q, _, _ in FIRST])
def test_a_query_s_first_result_is_a_paragraph_that_holds_its_words(search, records, query, source, words):
    found = search(query)
    assert found, query
    assert records[found[0]]["source"] == source
    assert _phrase(records[found[0]]["text"], words), records[found[0]]["text"]


def test_only_the_paragraph_s_own_words_are_found_never_its_source_s_title(search, records):
    """'Permanent Revolution' is the title of a source of 113 paragraphs: only those of its
    paragraphs that hold the words are found, those that hold the phrase first."""
    found = search("Permanent Revolution")
    holding = {url for url, r in records.items() if _holds(r["text"], "permanent", "revolution")}
    phrase = [url for url in found if _phrase(records[url]["text"], "permanent revolution")]
    assert set(found) == holding and 0 < len(found) < 113
    assert found[:len(phrase)] == phrase  # every paragraph with the phrase before the others
    assert len(phrase) < len(found)


def test_a_quoted_phrase_finds_only_the_paragraphs_that_hold_it(search, records):
    found = search('"theory of permanent revolution"')
    expected = {url for url, r in records.items() if _phrase(r["text"], "theory of permanent revolution")}
    assert expected and set(found) == expected


def test_the_facets_are_the_index_s_filters_with_their_counts(search, records):
    page = search.page
    options = {name: dict(page.eval_on_selector_all(
        f"#ed-{name} option", "els => els.filter(e => e.value).map(e => [e.value, e.textContent])"))
        for name in ("source", "genre", "person", "year")}
    genres = {g for r in records.values() for g in r["genres"]}
    assert set(options["genre"]) == genres and "trial record" in genres
    trial = sum("trial record" in r["genres"] for r in records.values())
    assert options["genre"]["trial record"] == f"trial record ({trial})"
    years = {y for r in records.values() for y in r["years"]}
    assert set(options["year"]) == years and "1938" in years
    # the page's own selects kept their ids; the genre and year ones were added to the form
    assert page.locator("#ed-search-form label[for=ed-genre]").inner_text() == "Genre"


def test_a_genre_and_a_year_filter_the_paragraphs(search, records):
    bukharin = {url for url, r in records.items() if _holds(r["text"], "bukharin")}
    in_trial = search("Bukharin", genre="trial record")
    assert set(in_trial) == {url for url in bukharin if "trial record" in records[url]["genres"]}
    dated = search("", year="1938")
    assert dated and set(dated) == {url for url, r in records.items() if "1938" in r["years"]}
    # with a query, the year's option counts what the query finds in that year
    both = search("Bukharin", year="1938")
    assert set(both) == {url for url in bukharin if "1938" in records[url]["years"]}
    label = search.page.eval_on_selector("#ed-year option[value='1938']", "e => e.textContent")
    assert label == f"1938 ({len(both)})"
    in_1917 = sum("1917" in records[url]["years"] for url in bukharin)
    label = search.page.eval_on_selector("#ed-year option[value='1917']", "e => e.textContent")
    assert label == f"1917 ({in_1917})"  # a chosen facet's other values: as if it were not chosen
