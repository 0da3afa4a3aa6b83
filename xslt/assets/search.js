// The search page: Pagefind's index of the reading texts (in one or more shards), one record
// per paragraph, filtered by source and by person. Without JavaScript the page says that search needs it.
const root = document.getElementById("ed-search");
const form = document.getElementById("ed-search-form");
const status = document.getElementById("ed-search-status");
const count = document.getElementById("ed-search-count");
const list = document.getElementById("ed-results");

function option(select, value, n) {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = `${value} (${n})`;
  select.append(o);
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
  const filters = await pagefind.filters();
  for (const [name, select] of [["source", form.source], ["person", form.person]]) {
    const values = Object.entries(filters[name] || {}).sort((a, b) => a[0].localeCompare(b[0]));
    for (const [value, n] of values) option(select, value, n);
  }
  const params = new URLSearchParams(location.search);
  form.q.value = params.get("q") || "";
  form.source.value = params.get("source") || "";
  form.person.value = params.get("person") || "";
  form.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const name of ["q", "source", "person"]) if (form[name].value) query.set(name, form[name].value);
    history.replaceState(null, "", "?" + query.toString());
    run(pagefind);
  });
  root.dataset.ready = "true";
  if (form.q.value || form.person.value || form.source.value) run(pagefind);
}

const PAGE = 20; // results shown at once: each needs its fragment fetched

async function run(pagefind) {
  const started = performance.now();
  const filters = {};
  if (form.source.value) filters.source = form.source.value;
  if (form.person.value) filters.person = form.person.value;
  const search = await pagefind.search(form.q.value.trim() || null, { filters });
  const searched = performance.now() - started;
  list.replaceChildren();
  await show(search.results, 0);
  const ms = performance.now() - started;
  const total = search.results.length;
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
    link.textContent = `${data.meta.title}, § ${data.meta.block}`;
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
