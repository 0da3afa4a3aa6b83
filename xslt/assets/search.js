// The search page: Pagefind's index of the reading texts (in one or more shards), one record
// per paragraph, with facets by source, genre, person and year built from the index's filters.
// Without JavaScript the page says that search needs it.
const root = document.getElementById("ed-search");
const form = document.getElementById("ed-search-form");
const status = document.getElementById("ed-search-status");
const count = document.getElementById("ed-search-count");
const list = document.getElementById("ed-results");

// The index's filters, in the order of the form: name, label, the choice of none.
const FACETS = [
  ["source", "Source", "all sources"],
  ["genre", "Genre", "any genre"],
  ["person", "Person", "anyone"],
  ["year", "Year", "any year"],
];

// The select of a filter: the page's own (#ed-source, #ed-person), else one made here, before
// the form's button.
function control(name, label, none) {
  let select = document.getElementById(`ed-${name}`);
  if (!select) {
    const caption = document.createElement("label");
    caption.htmlFor = `ed-${name}`;
    caption.textContent = label;
    select = document.createElement("select");
    select.id = `ed-${name}`;
    select.name = name;
    const empty = document.createElement("option");
    empty.value = "";
    empty.textContent = none;
    select.append(empty);
    form.querySelector("button[type=submit]").before(caption, select);
  }
  return select;
}

// Each value's count (of the paragraphs the current query and the other choices leave) in
// its option; one with none stays choosable, for the next query.
function label(select, counts) {
  for (const o of select.options) {
    if (o.value) o.textContent = `${o.value} (${counts[o.value] || 0})`;
  }
}

async function start() {
  let pagefind;
  try {
    pagefind = await import(new URL("pagefind/pagefind.js", document.baseURI).href);
    await pagefind.options({ excerptLength: 40 });
    // A large edition's index is written in shards (pagefind/shards.json names the others):
    // searched together, as one index.
    const shards = await fetch(new URL("pagefind/shards.json", document.baseURI)).then((r) => r.ok ? r.json() : { more: [] });
    for (const more of shards.more || []) {
      await pagefind.mergeIndex(new URL("pagefind/" + more, document.baseURI).href, { baseUrl: "/" });
    }
    await pagefind.init();
    // Load the search engine and the index now, while the reader types: the first answer is
    // then as fast as the next ones (the corpus's index is a few small chunks).
    await pagefind.preload("bukharin");
  } catch (error) {
    status.hidden = false;
    status.textContent = "The search index cannot be loaded: search needs the edition served over HTTP (not opened as a file).";
    return;
  }
  const all = await pagefind.filters();
  const params = new URLSearchParams(location.search);
  const facets = [];
  for (const [name, caption, none] of FACETS) {
    const values = Object.entries(all[name] || {});
    if (!values.length) continue;
    values.sort((a, b) => a[0].localeCompare(b[0]));
    const select = control(name, caption, none);
    for (const [value] of values) {
      const o = document.createElement("option");
      o.value = value;
      select.append(o);
    }
    label(select, all[name]);
    select.value = params.get(name) || "";
    facets.push([name, select]);
  }
  form.q.value = params.get("q") || "";
  form.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    if (form.q.value) query.set("q", form.q.value);
    for (const [name, select] of facets) if (select.value) query.set(name, select.value);
    history.replaceState(null, "", "?" + query.toString());
    run(pagefind, facets, all);
  });
  root.dataset.ready = "true";
  if (form.q.value || facets.some(([, select]) => select.value)) run(pagefind, facets, all);
}

const PAGE = 20; // results shown at once: each needs its fragment fetched

// The paragraphs for the query: those that hold its words as a phrase first (a quoted query
// finds only those), then those that hold them apart, each group in Pagefind's ranking.
async function find(pagefind, q, filters) {
  const plain = await pagefind.search(q || null, { filters });
  const words = q.split(/\s+/).filter(Boolean);
  if (q.includes('"') || words.length < 2) return { results: plain.results, filters: plain.filters };
  const phrase = await pagefind.search(`"${words.join(" ")}"`, { filters });
  const first = new Set(phrase.results.map((r) => r.id));
  return { results: [...phrase.results, ...plain.results.filter((r) => !first.has(r.id))], filters: plain.filters };
}

async function run(pagefind, facets, all) {
  const started = performance.now();
  const q = form.q.value.trim();
  const chosen = Object.fromEntries(facets.filter(([, s]) => s.value).map(([name, s]) => [name, s.value]));
  const found = await find(pagefind, q, chosen);
  const searched = performance.now() - started;
  // The facets' counts: for a filter not chosen, those of this search; for a chosen one,
  // those of the same search without it (the paragraphs each of its other values would give).
  for (const [name, select] of facets) {
    let counts = found.filters[name] || {};
    if (name in chosen) {
      const others = { ...chosen };
      delete others[name];
      counts = q || Object.keys(others).length
        ? (await pagefind.search(q || null, { filters: others })).filters[name] || {}
        : all[name];
    }
    label(select, counts);
  }
  list.replaceChildren();
  await show(found.results, 0);
  const ms = performance.now() - started;
  const total = found.results.length;
  count.textContent = `${total} paragraph${total === 1 ? "" : "s"} · ${ms.toFixed(0)} ms`;
  list.dataset.total = String(total);
  list.dataset.searchMs = searched.toFixed(1);
  list.dataset.ms = ms.toFixed(1);
}

async function show(results, from) {
  document.getElementById("ed-more")?.remove();
  const shown = await Promise.all(results.slice(from, from + PAGE).map((r) => r.data()));
  for (const data of shown) {
    const item = document.createElement("li");
    const url = data.url.replace(/^\//, ""); // Pagefind roots the records' addresses at "/"
    item.dataset.url = url;
    const link = document.createElement("a");
    link.href = url; // relative to the search page, so the edition can live under any path
    // the source is a filter, not a meta value: Pagefind searches every meta value
    link.textContent = `${(data.filters.source || [""])[0]}, § ${url.split("#")[1] || ""}`;
    const excerpt = document.createElement("p");
    excerpt.innerHTML = data.excerpt; // Pagefind's excerpt: our own text, escaped, with <mark>
    item.append(link, excerpt);
    list.append(item);
  }
  if (results.length > from + PAGE) {
    const more = document.createElement("button");
    more.id = "ed-more";
    more.type = "button";
    more.textContent = `Show more (${results.length - from - PAGE} left)`;
    more.addEventListener("click", () => show(results, from + PAGE));
    list.after(more);
  }
}

start();
