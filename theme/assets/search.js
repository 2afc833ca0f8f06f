// The search page (/search/): Pagefind's JS API behind a plain HTML form.
// The form and its checkboxes are server-rendered, so the state is always the form's own GET
// serialisation (?q=barn&omrade=Barn+och+unga&ar=2014): bookmarkable, shareable, and a reload
// restores it. This script fills in counts for the current query, lists the results and keeps the
// URL in step. Everything is loaded from this site; nothing from other hosts.

const PAGE_SIZE = 10;
const FIRST_PAINT = 5;
const DEBOUNCE_MS = 200;
// Sections of the search copy that are searched but never shown as an excerpt: compound parts and
// the fact panel's values (generator/search.py).
const NO_EXCERPT = new Set(["kb-ordled", "kb-fakta"]);
const ATTACHMENT_ANCHOR = /^bilaga-\d+$/;

// The index spells å, ä and ö as letter groups (see generator/search.py: Pagefind would otherwise
// fold them into a and o). The query is spelled the same way, and everything shown is spelled back.
const TO_INDEX = { "å": "aqx", "ä": "aqz", "ö": "oqx", "Å": "Aqx", "Ä": "Aqz", "Ö": "Oqx" };
const FROM_INDEX = Object.fromEntries(Object.entries(TO_INDEX).map(([k, v]) => [v, k]));
const spellForIndex = (text) => text.normalize("NFC").replace(/[åäöÅÄÖ]/g, (c) => TO_INDEX[c]);
const spellBack = (text) => (text || "").replace(/[aA]q[xz]|[oO]qx/g, (g) => FROM_INDEX[g] || g);
// A word of a hit's content as the reader wrote it, lower case, without punctuation.
const plainWord = (indexWord) => spellBack(indexWord).toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

const root = document.getElementById("kb-search");
const form = root.querySelector("form");
const input = form.querySelector("#kb-q");
const statusLine = document.getElementById("kb-status");
const list = document.getElementById("kb-results");
const more = document.getElementById("kb-more");
const facets = [...form.querySelectorAll("fieldset[data-facet]")].map((fieldset) => fieldset.dataset.facet);

let pagefind = null;
let facetTable = null;
let generation = 0; // a newer search makes an older one's late answer irrelevant
let shown = [];
let pending = [];
const termCheck = new Map();

// The checkboxes act at once. Beside the results that is all it takes; on a narrow screen the
// results come after some forty checkboxes, so there the button stays, says how many hits the
// choice gives and leads to them, and the filters start folded unless the address holds a choice.
const narrow = window.matchMedia("(max-width: 50em)");
const apply = form.querySelector(".kb-facets__apply");
const resultsTitle = document.getElementById("kb-results-title");
const placeApply = () => { apply.hidden = !narrow.matches; };
placeApply();
narrow.addEventListener("change", placeApply);
// The home page's "Bläddra med filter" leads to the filters themselves: they stay open.
if (narrow.matches && !Object.keys(readState().selected).length && location.hash !== "#kb-facets-title") {
  form.querySelector("details.kb-facets").open = false;
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

function readState() {
  const params = new URLSearchParams(location.search);
  const selected = {};
  for (const key of facets) {
    const values = params.getAll(key).filter(Boolean);
    if (values.length) selected[key] = values;
  }
  return { query: (params.get("q") || "").trim(), selected };
}

function formState() {
  const selected = {};
  for (const box of form.querySelectorAll("fieldset[data-facet] input:checked")) {
    (selected[box.name] ||= []).push(box.value);
  }
  return { query: input.value.trim(), selected };
}

function applyState(state) {
  input.value = state.query;
  for (const box of form.querySelectorAll("fieldset[data-facet] input")) {
    box.checked = (state.selected[box.name] || []).includes(box.value);
  }
}

// Each search the reader makes is a history entry of its own, so Back returns to the one before;
// while a query is being typed, its entry is updated rather than one added per pause.
function writeUrl(state, push) {
  const params = new URLSearchParams();
  if (state.query) params.set("q", state.query);
  for (const key of facets) for (const value of state.selected[key] || []) params.append(key, value);
  const search = params.toString();
  if (search === new URLSearchParams(location.search).toString()) return; // the same search again
  const url = search ? `?${search}` : location.pathname;
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

// The facet table (generator/search.py, facet_table): every page's facet values by Pagefind's page
// number. Pagefind's own filters are not used: once their files are loaded Pagefind counts every
// value of every search against a plain list of the results, so a word on most of 10 000 pages
// took seconds. Filtering and counting here takes one pass over the results.
function loadFacets() {
  facetTable ||= fetch(new URL(root.dataset.facets, new URL(root.dataset.bundle, location.href)))
    .then((response) => {
      if (!response.ok) throw new Error(`facet table: HTTP ${response.status}`);
      return response.json();
    })
    .catch((error) => {
      facetTable = null; // the next search tries again
      throw error;
    });
  return facetTable;
}

// Pagefind's result id is the fragment's name, which ends in the page's number (pagefind_bundle.py).
const pageNumber = (result) => parseInt(result.id.slice(result.id.lastIndexOf("-") + 1), 16);

// For each facet, the chosen values' numbers, or null where nothing is chosen (a value the bank
// does not have, as in an old link, matches no page).
function chosenSets(table, selected) {
  return table.keys.map((key) => (selected[key]
    ? new Set(selected[key].map((value) => table.values[key].indexOf(value))) : null));
}

// Which facets' choices a page fits: values of one facet combine with "or", facets with "and".
function fits(row, chosen) {
  return chosen.map((set, f) => !set || row[f].some((value) => set.has(value)));
}

function narrowed(table, results, selected) {
  const chosen = chosenSets(table, selected);
  return results.filter((result) => fits(table.pages[pageNumber(result)], chosen).every(Boolean));
}

// Counts for every facet value over the given pages. A chosen facet counts what choosing one more
// of its values would add, so it is counted as if nothing were chosen in it: a page that misses
// only that facet's choice counts there.
function countFacets(table, pages, selected) {
  const chosen = chosenSets(table, selected);
  const counts = table.keys.map((key) => new Array(table.values[key].length).fill(0));
  for (const page of pages) {
    const row = table.pages[page];
    const fit = fits(row, chosen);
    const misses = fit.filter((ok) => !ok).length;
    if (misses > 1) continue;
    row.forEach((values, f) => {
      if (misses === 0 || !fit[f]) for (const value of values) counts[f][value] += 1;
    });
  }
  return Object.fromEntries(table.keys.map((key, f) => [key,
    Object.fromEntries(table.values[key].map((value, n) => [value, counts[f][n]]))]));
}

async function loadPagefind() {
  if (!pagefind) {
    pagefind = await import(new URL(root.dataset.bundle, location.href).href);
    // No worker: one file less to download before the first result, and the work is small.
    // metaCacheTag: the build writes the index's own hash here, so the index's entry file has a
    // fixed URL that the page can preload (Pagefind otherwise adds the time to it).
    const options = { noWorker: true, excerptLength: 30 };
    if (root.dataset.metaTag) options.metaCacheTag = root.dataset.metaTag;
    await pagefind.options(options);
  }
  return pagefind;
}

function words(query) {
  return query.split(/\s+/).map((w) => w.replace(/^["'«»”“(]+|["'«»”“).,;:!?]+$/g, "")).filter(Boolean);
}

function commonPrefix(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return i;
}

// Pagefind answers a word it does not know with the longest known prefix ("avgiften" → "av").
// A word counts as found only if its best hit shares at least half of it (and 3 letters).
function matches(term, data) {
  const key = term.toLowerCase();
  const content = data.content.split(/\s+/);
  const needed = Math.max(Math.min(3, key.length), Math.ceil(key.length / 2));
  return data.locations.length === 0 || data.locations.some((at) => commonPrefix(plainWord(content[at]), key) >= needed);
}

// Pagefind's searches share one state: they run one after another, never in parallel.
// The best hit of the query's own search holds the words Pagefind found for it, so a word that
// matches there is known without a search of its own (for "motiverande samtal" that saves two
// searches, each ranking every page with the word). A miss there is checked with the word's own
// search, unless the query is that word alone (then it was its own search).
async function isKnown(term, topOfMain, ownSearch) {
  const key = term.toLowerCase();
  if (!termCheck.has(key)) {
    let known = topOfMain ? matches(key, await topOfMain.data()) : false;
    if (!known && !ownSearch) {
      const top = (await pagefind.search(spellForIndex(key))).results[0];
      known = top ? matches(key, await top.data()) : false;
    }
    termCheck.set(key, known);
  }
  return termCheck.get(key);
}

// An abbreviation typed in capitals ("MI", "BRIS", "LSS") is searched as that word only: by its
// start "MI" also found "missbruk" and ranked it first, and "BRIS" found "brist".
const ACRONYM = /^\p{Lu}{2,5}$/u;

// Snowball's Swedish stemmer keeps a doubled consonant that the base form does not have:
// "familjehemmen" and "familjehemmet" become "familjehemm", which never finds "familjehem". Such a
// definite form is searched as its base form when the bank has the base form as a word of its own;
// the base then finds every form by Pagefind's prefix match. (Snowball itself undoubles dd, nn and
// tt; a base that is no word, such as "stal" for "stallet", leaves the word as it is.)
const DOUBLED = /^(\p{L}{2,}?([bfjlmprsv]))\2(?:en|et|ens|ets|arna|arnas|erna|ernas)$/u;
const baseCheck = new Map();

async function baseForm(term) {
  const match = DOUBLED.exec(term.toLowerCase());
  if (!match || match[1].length < 4) return term;
  const base = match[1];
  if (!baseCheck.has(base)) {
    const top = (await pagefind.search(spellForIndex(base))).results[0];
    const content = top ? (await top.data()).content.split(/\s+/) : [];
    baseCheck.set(base, content.some((word) => plainWord(word) === base));
  }
  return baseCheck.get(base) ? base : term;
}

function setStatus(text) {
  if (statusLine.textContent !== text) statusLine.textContent = text;
}

// "Menade du …?": a word of the query that the best hit does not hold as typed (nor a form of it)
// is compared with the bank's own words, which the build writes one file per first letter (one
// small file is fetched, after the results, and only for such a word). The nearest by edit distance
// (1, or 2 for words of 8 letters or more) is offered, unless it only differs in the ending, which
// would be another form of the same word ("föräldrarnas" → "föräldrarna").
const vocabulary = new Map(); // first letter → promise of its words

function wordsStartingWith(letter) {
  if (!vocabulary.has(letter)) {
    const name = `${root.dataset.words}${letter.codePointAt(0).toString(16)}.txt`;
    vocabulary.set(letter, !root.dataset.words ? Promise.resolve([])
      : fetch(new URL(name, new URL(root.dataset.bundle, location.href)))
        .then((response) => (response.ok ? response.text() : ""))
        .then((text) => text.split("\n").filter(Boolean))
        .catch(() => []));
  }
  return vocabulary.get(letter);
}

function foundAsTyped(term, data) {
  const key = term.normalize("NFC").toLowerCase();
  const content = data.content.split(/\s+/);
  return data.locations.some((at) => commonPrefix(plainWord(content[at]), key) >= key.length - 2);
}

function editDistance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    if (Math.min(...row) > max) return max + 1;
    previous = row;
  }
  return previous[b.length];
}

async function suggestion(term) {
  const word = term.normalize("NFC").toLowerCase();
  if (word.length < 4 || /[^\p{L}]/u.test(word)) return null;
  const words = await wordsStartingWith(word[0]);
  if (words.includes(word)) return null;
  const max = word.length >= 8 ? 2 : 1;
  let best = null; // the nearest; of equally near ones, the one sharing the longest start
  for (const candidate of words) {
    const shared = commonPrefix(candidate, word);
    if (shared >= word.length - 2) continue; // another form of the word
    const distance = editDistance(word, candidate, max);
    if (distance <= max && (!best || distance < best.distance || (distance === best.distance && shared > best.shared))) {
      best = { candidate, distance, shared };
    }
  }
  return best ? best.candidate : null;
}

// The status line with "Menade du ”…”?" after it: a link to the same search with the word replaced
// (filters kept), which runs in place.
async function offerSuggestion(state, mine, top) {
  try {
    await addSuggestion(state, mine, top ? await top.data() : null);
  } finally {
    if (mine === generation) root.dataset.spelled = "true"; // lets tests see the check is done
  }
}

async function addSuggestion(state, mine, top) {
  let suggested = state.query;
  let changed = false;
  for (const term of words(state.query)) {
    if (top && foundAsTyped(term, top)) continue;
    const better = await suggestion(term);
    if (better) {
      suggested = suggested.replace(term, better);
      changed = true;
    }
  }
  if (!changed || mine !== generation) return;
  const params = new URLSearchParams(location.search);
  params.set("q", suggested);
  const link = document.createElement("a");
  link.href = `?${params}`;
  link.textContent = suggested;
  link.addEventListener("click", (event) => {
    event.preventDefault();
    input.value = suggested;
    schedule(0, true); // the link is gone with the old status: the focus goes to the new results
  });
  statusLine.append(" Menade du ”", link, "”?");
}

// The whole bank's counts, as the build wrote them into the page: what an empty search shows, with
// no facet table to fetch.
function countsOnPage() {
  const counts = {};
  for (const fieldset of form.querySelectorAll("fieldset[data-facet]")) {
    counts[fieldset.dataset.facet] = Object.fromEntries([...fieldset.querySelectorAll(".kb-facet__option")].map(
      (option) => [option.querySelector("input").value, Number(option.querySelector(".kb-facet__count").textContent.replace(/\D/g, ""))]));
  }
  return counts;
}

function updateCounts(counts) {
  for (const fieldset of form.querySelectorAll("fieldset[data-facet]")) {
    const values = counts[fieldset.dataset.facet] || {};
    for (const option of fieldset.querySelectorAll(".kb-facet__option")) {
      const box = option.querySelector("input");
      const count = values[box.value] || 0;
      option.querySelector(".kb-facet__count").textContent = `(${count})`;
      option.classList.toggle("kb-facet__option--empty", count === 0 && !box.checked);
    }
  }
}

function href(url) {
  // Pagefind already puts the site's own path in front (it knows where pagefind.js was loaded from).
  return new URL(url, location.href).href;
}

function excerptNode(html) {
  // Pagefind's excerpts are escaped text with <mark> around hits; keep exactly that.
  const span = document.createElement("span");
  const safe = spellBack(html).replace(/<(?!\/?mark>)/g, "&lt;");
  span.innerHTML = safe;
  return span;
}

function renderResult(data) {
  const meta = data.meta || {};
  const item = document.createElement("li");
  item.className = "kb-result";

  const heading = document.createElement("h3");
  heading.className = "kb-result__title";
  const link = document.createElement("a");
  link.href = href(data.url);
  link.textContent = spellBack(meta.title);
  heading.append(link);

  const facts = document.createElement("p");
  facts.className = "kb-result__meta";
  const kind = document.createElement("span");
  kind.className = "kb-item__kind";
  kind.textContent = spellBack(meta.typ);
  facts.append(kind);
  for (const part of [meta.ar, meta.stadsdelar, meta.status].filter(Boolean)) {
    facts.append(` · ${spellBack(part)}`);
  }
  item.append(heading, facts);

  const sections = (data.sub_results || []).map((sub) => ({ ...sub, anchor: (sub.url.split("#")[1] || "") }));
  const inPage = sections
    .filter((s) => !NO_EXCERPT.has(s.anchor) && !ATTACHMENT_ANCHOR.test(s.anchor) && s.locations.length)
    .sort((a, b) => b.locations.length - a.locations.length)[0];
  const excerpt = document.createElement("p");
  excerpt.className = "kb-result__excerpt";
  if (inPage && /<mark>/.test(inPage.excerpt)) excerpt.append(excerptNode(inPage.excerpt));
  else excerpt.textContent = spellBack(meta.beskrivning);
  item.append(excerpt);

  for (const hit of sections.filter((s) => ATTACHMENT_ANCHOR.test(s.anchor) && s.locations.length)) {
    const note = document.createElement("p");
    note.className = "kb-result__attachment";
    const where = document.createElement("a");
    where.href = href(hit.url);
    where.textContent = spellBack(hit.title);
    note.append("Träff i bilagan ", where, ": ", excerptNode(hit.excerpt));
    item.append(note);
  }
  return item;
}

async function showMore(focusFirst, size = PAGE_SIZE, offerMore = true) {
  const batch = pending.splice(0, size);
  const mine = generation;
  const data = await Promise.all(batch.map((result) => result.data()));
  if (mine !== generation) return;
  const items = data.map(renderResult);
  list.append(...items);
  shown.push(...data);
  more.hidden = !offerMore || pending.length === 0;
  more.textContent = `Visa ${Math.min(PAGE_SIZE, pending.length)} till (${pending.length} kvar)`;
  if (focusFirst && items[0]) items[0].querySelector("a").focus();
}

async function run(state) {
  const mine = ++generation;
  delete root.dataset.counted;
  delete root.dataset.spelled;
  const hasFilters = Object.keys(state.selected).length > 0;
  try {
    await loadPagefind();
  } catch (error) {
    setStatus("Sökningen kunde inte startas. Ladda om sidan, eller hitta projekten via år, områden, stadsdelar och ämnen.");
    throw error;
  }
  if (!state.query && !hasFilters) {
    list.replaceChildren();
    more.hidden = true;
    setStatus("Skriv ett sökord eller välj ett filter.");
    updateCounts(bankCounts);
    root.dataset.counted = "true";
    root.dataset.spelled = "true";
    return;
  }

  let text = state.query;
  for (const term of words(state.query)) {
    const base = await baseForm(term); // one after another: Pagefind's searches share one state
    if (base !== term) text = text.replace(term, base);
  }
  let query = text ? spellForIndex(text) : null;
  // Pagefind searches the whole bank (without a query it lists every page, newest first); the
  // chosen filters narrow that here, with the facet table.
  let table = null;
  if (hasFilters) {
    try {
      table = await loadFacets();
    } catch (error) {
      setStatus("Filtren kunde inte läsas in. Ladda om sidan, eller sök utan filter.");
      throw error;
    }
  }
  let found = null;
  if (query && ACRONYM.test(text.trim())) {
    const exact = `"${query.trim()}"`;
    // A word of the bank's own stays that word also when the filters leave no page with it ("MI"
    // must not become "Mina båda världar"); a word the bank does not have is searched as usual.
    const hits = (await pagefind.search(exact)).results;
    if (hits.length) [query, found] = [exact, hits];
  }
  found ||= (await pagefind.search(query)).results;
  const main = { results: hasFilters ? narrowed(table, found, state.selected) : found };
  // The first fragments load while the query's words are checked (Pagefind keeps them).
  for (const result of main.results.slice(0, FIRST_PAINT)) result.data().catch(() => {});
  const terms = words(state.query);
  const unknown = [];
  for (const term of terms) {
    if (!(await isKnown(term, main.results[0] || null, terms.length === 1 && !hasFilters))) unknown.push(term);
  }
  if (mine !== generation) return;

  list.replaceChildren();
  shown = [];
  pending = unknown.length ? [] : [...main.results];
  // The first results on screen need only FIRST_PAINT fragments; the rest of the first ten follow.
  await showMore(false, FIRST_PAINT, false);
  if (mine !== generation) return;

  const total = pending.length + shown.length;
  const quoted = state.query ? ` för ”${state.query.replace(/^["'”“«»]+|["'”“«»]+$/g, "")}”` : "";
  const filtered = hasFilters ? ` med ${plural(Object.values(state.selected).flat().length, "valt filter", "valda filter")}` : "";
  if (unknown.length) {
    setStatus(`Inga träffar: ${unknown.map((w) => `”${w}”`).join(", ")} finns inte i Kunskapsbanken.`);
  } else if (total === 0) {
    setStatus(`Inga träffar${quoted}${filtered}.${hasFilters ? " Pröva att ta bort något filter." : ""}`);
  } else {
    // Without a query nothing ranks the hits: the index lists them newest first (pagefind_bundle.py).
    setStatus(`${plural(total, "träff", "träffar")}${quoted}${filtered}${state.query ? "" : ", de senaste först"}.`);
  }
  apply.textContent = total && !unknown.length ? `Visa ${plural(total, "träff", "träffar")}` : "Visa träffar";
  if (!performance.getEntriesByName("kb-first-result").length) performance.mark("kb-first-result");
  performance.mark("kb-results", { detail: state.query }); // every search's, for the benchmark
  if (state.query) offerSuggestion(state, mine, unknown.length ? null : main.results[0]).catch((error) => console.error(error));
  else root.dataset.spelled = "true";
  if (shown.length === FIRST_PAINT && pending.length) {
    await showMore(false, PAGE_SIZE - FIRST_PAINT);
    if (mine !== generation) return;
  }

  const counts = unknown.length ? {} : countFacets(await loadFacets(), found.map(pageNumber), state.selected);
  if (mine !== generation) return;
  updateCounts(counts);
  root.dataset.counted = "true"; // lets tests and the benchmark see that the counts are in
  if (!performance.getEntriesByName("kb-counts").length) performance.mark("kb-counts");
}

let timer = null;
let typing = false; // a typed query already has its history entry
function schedule(delay, thenToResults = false, typed = false) {
  clearTimeout(timer);
  timer = setTimeout(() => {
    const state = formState();
    writeUrl(state, !(typed && typing));
    typing = typed;
    run(state)
      .then(() => { if (thenToResults) resultsTitle.focus(); })
      .catch((error) => console.error(error));
  }, delay);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  schedule(0, event.submitter === apply);
});
input.addEventListener("input", () => schedule(DEBOUNCE_MS, false, true));
window.addEventListener("popstate", () => {
  clearTimeout(timer);
  typing = false;
  const state = readState();
  applyState(state);
  run(state).catch((error) => console.error(error));
});
form.addEventListener("change", (event) => {
  if (event.target.matches("fieldset[data-facet] input")) schedule(0);
});
form.querySelector(".kb-facets__clear").addEventListener("click", (event) => {
  event.preventDefault();
  for (const box of form.querySelectorAll("fieldset[data-facet] input:checked")) box.checked = false;
  schedule(0);
});
more.addEventListener("click", () => showMore(true).catch((error) => console.error(error)));

// Where the reader was in the list, kept in the history entry (the address stays the search's own):
// the browser's back/forward cache restores the whole page when it can, but where it cannot, a
// reader coming back from result 15 would find ten results and the top of the page.
function rememberPlace() {
  history.replaceState({ shown: shown.length, scroll: window.scrollY }, "");
}

async function restorePlace(place, mine) {
  if (!place || !place.shown) return;
  while (mine === generation && shown.length < place.shown && pending.length) await showMore(false);
  if (mine === generation) window.scrollTo(0, place.scroll || 0); // unless the reader searched anew
}

list.addEventListener("click", (event) => {
  if (event.target.closest("a")) rememberPlace();
});
window.addEventListener("pagehide", rememberPlace);
if ("scrollRestoration" in history) history.scrollRestoration = "manual"; // restorePlace scrolls, once the list is there

const bankCounts = countsOnPage();
const initial = readState();
applyState(initial);
const place = history.state;
const firstRun = run(initial);
const firstGeneration = generation;
firstRun.then(() => restorePlace(place, firstGeneration)).catch((error) => console.error(error));
