// The search page (theme/templates/search.html): our own interface on Pagefind's JS API.
// Pagefind's ready-made UI is not used: it injects styles, which the Content-Security-Policy
// forbids. Loaded as a module by the search page only; no inline script or style anywhere.
//
// - The field is a normal labelled <input type="search"> in a GET form (q=…), so the page
//   reads ?q= on load, and every search is kept in the address (back button, bookmarks).
// - Results are announced once, after typing pauses, in the role="status" region: the
//   number of hits in words ("Ein Treffer für „Fest“."). The hits follow as a list of
//   links (title as a level-2 heading, an excerpt with the matches in <mark>).
// - Only real hits are shown: a word Pagefind does not know is searched by its longest
//   indexed beginning ("Zugangsdaten" → "zu", Pagefind/pagefind#599, not configurable in
//   1.5), which matches pages that only contain "zu"; such a search has no hits here.
// - Arriving with ?q= (the header's field sends the visitor here), the focus goes to the
//   field with the search in it, not to the start of the page.
// - Without JavaScript the page's notice (hidden by site.css when scripting is on) links the
//   archive; if Pagefind cannot be loaded, the status region says so and links the archive too.
// - Pagefind (its script and about 70 KB of WebAssembly) loads when the address carries a
//   search or the visitor first turns to the field, not with the page: a visit that only
//   looks downloads no index, and compiling the WebAssembly does not block the page while
//   it loads (a phone's main thread; Lighthouse's Total Blocking Time).

const PAGE_SIZE = 10; // hits shown at first and added by "Weitere Treffer zeigen"
const DEBOUNCE_MS = 300; // typing pause before a search (and its announcement)

const root = document.querySelector("[data-search]");
const form = root.querySelector("form");
const field = form.querySelector("input[name=q]");
const status = root.querySelector("[data-search-status]");
const list = root.querySelector("[data-search-results]");
const more = root.querySelector("[data-search-more]");
const numbers = new Intl.NumberFormat("de-DE");

let pagefind = null;
let hits = []; // the current search's results (each loads its data on demand)
let shown = 0;
let latest = 0; // number of the latest search; older answers are dropped

// "Keine Treffer für „xyz“.", "Ein Treffer für „xyz“.", "1.234 Treffer für „xyz“."
function countText(count, query) {
  const what = `für „${query}“.`;
  if (count === 0) return `Keine Treffer ${what}`;
  if (count === 1) return `Ein Treffer ${what}`;
  return `${numbers.format(count)} Treffer ${what}`;
}

// Pagefind's excerpt is HTML with <mark> around the matches. Only its text and the marks
// are taken over (parsed in an inert document, never inserted as HTML).
function excerpt(html) {
  const parsed = new DOMParser().parseFromString(html, "text/html").body;
  const paragraph = document.createElement("p");
  paragraph.className = "bl-search__excerpt";
  for (const node of parsed.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.className = "bl-search__mark";
      mark.textContent = node.textContent;
      paragraph.append(mark);
    } else {
      paragraph.append(node.textContent);
    }
  }
  return paragraph;
}

function hitItem(data) {
  const item = document.createElement("li");
  item.className = "bl-search__hit";
  const heading = document.createElement("h2");
  heading.className = "bl-search__title";
  const link = document.createElement("a");
  link.className = "bl-search__link";
  link.href = data.url;
  link.textContent = (data.meta && data.meta.title) || data.url;
  heading.append(link);
  item.append(heading, excerpt(data.excerpt || ""));
  return item;
}

// Append the next PAGE_SIZE hits; with focus=true move the focus to the first new link
// (after "Weitere Treffer zeigen", so keyboard users continue where the new hits start).
async function showMore(ticket, focus) {
  const next = hits.slice(shown, shown + PAGE_SIZE);
  const data = await Promise.all(next.map((hit) => hit.data()));
  if (ticket !== latest) return;
  const items = data.map(hitItem);
  list.append(...items);
  shown += next.length;
  more.hidden = shown >= hits.length;
  if (focus && items.length) items[0].querySelector("a").focus();
}

// A word as Pagefind compares it: lower case, no accents or umlaut dots, letters and digits.
function folded(word) {
  return word
    .toLocaleLowerCase("de")
    .normalize("NFD")
    .replace(/[^\p{L}\p{N}]/gu, "");
}

function sharedStart(a, b) {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
  return n;
}

// True if Pagefind finds word only by a shorter beginning of it ("Zugangsdaten" → "zu").
// It is a real search word if Pagefind knows its stem ("Treffens" → "treff": the quoted,
// exact search finds it), or if the words it marks begin with it, one last letter aside
// ("Zwetsch" and "Zwetsche" → "Zwetschgenkuchen"); Pagefind's fallback marks only words
// that stop well before its end ("zu", "Zugangs").
async function onlyAShorterWord(word) {
  if ((await pagefind.search(`"${word}"`)).results.length) return false;
  const first = (await pagefind.search(word)).results[0];
  if (!first) return false;
  const data = await first.data();
  const words = (data.raw_content || data.content || "").split(/\s+/);
  const wanted = folded(word);
  return !data.locations.some(
    (at) => sharedStart(folded(words[at] || ""), wanted) >= wanted.length - 1,
  );
}

// The real hits of a search: none if any of its words is found only by a shorter word
// (Pagefind wants every word of a search on a page). A quoted search is exact already.
async function realHits(term, results) {
  if (!results.length || /^".*"$/.test(term)) return results;
  const words = term.replaceAll('"', " ").split(/\s+/).filter(Boolean);
  const shorter = await Promise.all(words.map(onlyAShorterWord));
  return shorter.some(Boolean) ? [] : results;
}

function remember(query) {
  const address = new URL(window.location.href);
  if (query) address.searchParams.set("q", query);
  else address.searchParams.delete("q");
  window.history.replaceState(null, "", address);
}

async function search(query, immediately) {
  const ticket = ++latest;
  const term = query.trim();
  remember(term);
  if (!pagefind) return;
  if (!term) {
    hits = [];
    shown = 0;
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "";
    return;
  }
  const result = immediately
    ? await pagefind.search(term)
    : await pagefind.debouncedSearch(term, {}, DEBOUNCE_MS);
  if (result === null || ticket !== latest) return; // a newer search took over
  const real = await realHits(term, result.results);
  if (ticket !== latest) return;
  hits = real;
  shown = 0;
  list.replaceChildren();
  await showMore(ticket, false);
  if (ticket === latest) status.textContent = countText(hits.length, term);
}

function unavailable() {
  const archive = root.dataset.searchArchive;
  status.replaceChildren(
    "Die Suche ist gerade nicht verfügbar. Alle Beiträge finden Sie im ",
    Object.assign(document.createElement("a"), { href: archive, textContent: "Archiv" }),
    ".",
  );
}

let loading = null; // the promise of loadPagefind(), once it was called

// Load and start Pagefind once; then search what is in the field (the address's query, or
// what was typed meanwhile).
function loadPagefind() {
  loading ??= (async () => {
    try {
      const bundle = await import(root.dataset.searchBundle);
      const base = new URL(root.dataset.searchBase, window.location.href).pathname;
      await bundle.options({ baseUrl: base });
      await bundle.init();
      pagefind = bundle;
    } catch {
      unavailable();
      return;
    }
    if (field.value) await search(field.value, true);
  })();
  return loading;
}

async function start() {
  const query = new URLSearchParams(window.location.search).get("q") || "";
  if (query) {
    field.value = query;
    field.focus();
    field.setSelectionRange(query.length, query.length); // typing goes on after the query
  }
  field.addEventListener("focus", () => loadPagefind().catch(unavailable), { once: true });
  field.addEventListener("input", () => search(field.value, false).catch(unavailable));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search(field.value, true).catch(unavailable);
  });
  more.addEventListener("click", () => showMore(latest, true).catch(unavailable));
  if (query) await loadPagefind();
}

start().catch(unavailable);
