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
const chips = document.getElementById("kb-chips");
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

// Snowball's Swedish stemmer (the one Pagefind runs, on the index spelling), steps 1 to 3: the part
// of a word that Pagefind looks up. Pagefind finds every indexed word that starts with it; a word it
// does not know it answers with the longest known prefix instead ("avgiften" → every page with
// "av", "Barnahus" → "barn", "familjhem" → "familj"), so a word counts as known only when a word
// at one of the best hit's locations starts with the whole stem.
const VOWEL = /[aeiouy]/;
const STEP1 = ["heterna", "hetens", "anden", "heten", "heter", "arnas", "ernas", "ornas", "andes", "arens", "andet",
  "arna", "erna", "orna", "ande", "arne", "aste", "aren", "ades", "erns", "ade", "are", "ern", "ens", "het", "ast",
  "ad", "en", "ar", "er", "or", "as", "es", "at", "a", "e"];

function regionOne(word) {
  for (let i = 1; i < word.length; i += 1) {
    if (!VOWEL.test(word[i]) && VOWEL.test(word[i - 1])) return Math.max(3, i + 1);
  }
  return word.length;
}

function swedishStem(word) {
  const r1 = regionOne(word);
  const ending = STEP1.find((suffix) => word.endsWith(suffix) && word.length - suffix.length >= r1);
  let stem = ending ? word.slice(0, -ending.length)
    : word.replace(/(?<=[bcdfghjklmnoprtvy])s$/, (s, at) => (at >= r1 ? "" : s));
  if (/(dd|gd|nn|dt|gt|kt|tt)$/.test(stem) && stem.length - 1 >= r1) stem = stem.slice(0, -1);
  const three = ["lig", "els", "ig"].find((suffix) => stem.endsWith(suffix) && stem.length - suffix.length >= r1);
  if (three) stem = stem.slice(0, -three.length);
  return stem.replace(/loqxst$/, "loqxs").replace(/fullt$/, "full");
}

// A word as the index has it: spelled for the index, lower case, its letters and digits joined
// ("Enskede-Årsta-Vantör" → "enskedeaqxrstavantoqxr", "7,5" → "75").
const indexKey = (text) => spellForIndex(text).toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

// The forms under which a word of a hit's text is found: whole, and each part of a hyphenated word
// from there on ("Rinkeby-Kista" is found by "kista" and by "rinkeby-kista").
function indexedForms(token) {
  const parts = token.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return parts.map((_, i) => parts.slice(i).join(""));
}

function matches(term, data) {
  const stem = swedishStem(indexKey(term));
  const content = data.content.split(/\s+/);
  return !stem || data.locations.some((at) => indexedForms(content[at] || "").some((form) => form.startsWith(stem)));
}

// Pagefind's searches share one state: they run one after another, never in parallel. Each query is
// searched once a page: a word checked on its own, a query with a word left out or respelled, a
// search repeated with other filters reuse the results they already have.
const searches = new Map();
function search(query) {
  if (!searches.has(query)) {
    searches.set(query, pagefind.search(query).then((answer) => answer.results).catch((error) => {
      searches.delete(query);
      throw error;
    }));
  }
  return searches.get(query);
}

// The best hit of the query's own search holds the words Pagefind found for it, so a word that
// matches there is known without a search of its own (for "motiverande samtal" that saves two
// searches, each ranking every page with the word). A miss there is checked with the word's own
// search, unless the query is that word alone (then it was its own search).
async function isKnown(term, topOfMain, ownSearch) {
  const key = term.toLowerCase();
  if (!termCheck.has(key)) {
    let known = topOfMain ? matches(key, await topOfMain.data()) : false;
    if (!known && !ownSearch) {
      const top = (await search(spellForIndex(key)))[0];
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
    const top = (await search(spellForIndex(base)))[0];
    const content = top ? (await top.data()).content.split(/\s+/) : [];
    baseCheck.set(base, content.some((word) => plainWord(word) === base));
  }
  return baseCheck.get(base) ? base : term;
}

function setStatus(text) {
  if (statusLine.textContent !== text) statusLine.textContent = text;
}

// "Menade du …?": a word of the query that the bank does not have (by its stem, nor respelled with
// å, ä, ö) is compared with the bank's own words, which the build writes one file per first letter
// (one small file, fetched only for such a word and before the results, since the answer says the
// word is missing and offers the suggestion first). The nearest by edit distance
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

// Typed without å, ä and ö ("skarpnack", "hemloshet", "oppenvard"): a word the bank does not have
// is looked for among the bank's words that read the same without the dots and rings, whole or as
// another form of the same stem; its letters then go into the typed word ("hemlosa" → "hemlösa").
const ACCENTED = { a: ["a", "å", "ä"], o: ["o", "ö"] };
const undotted = (word) => word.replace(/[åä]/g, "a").replace(/ö/g, "o");

async function respelled(term) {
  const word = term.normalize("NFC").toLowerCase();
  if (word.length < 4 || /[åäö]/.test(word) || !/[ao]/.test(word) || /[^\p{L}]/u.test(word)) return null;
  const lists = await Promise.all((ACCENTED[word[0]] || [word[0]]).map(wordsStartingWith));
  const candidates = lists.flat().filter((candidate) => /[åäö]/.test(candidate));
  const stem = swedishStem(word);
  const match = candidates.find((candidate) => undotted(candidate) === word)
    || candidates.filter((candidate) => undotted(candidate).startsWith(stem) && /[åäö]/.test(candidate.slice(0, word.length)))
      .sort((a, b) => a.length - b.length)[0];
  if (!match) return null;
  return [...term].map((letter, i) => (match[i] && undotted(match[i]) === letter.toLowerCase() && match[i] !== letter.toLowerCase()
    ? (letter === letter.toLowerCase() ? match[i] : match[i].toUpperCase()) : letter)).join("");
}

function clearFilters() {
  for (const box of form.querySelectorAll("fieldset[data-facet] input:checked")) box.checked = false;
}

// The text with the first whole word that reads as `term` replaced (its quotes and commas kept).
function replaceWord(text, term, by) {
  const tokens = text.split(/(\s+)/);
  const at = tokens.findIndex((token) => words(token)[0] === term);
  if (at >= 0) tokens[at] = by && tokens[at].replace(term, by);
  return tokens.join("");
}

// What the page searches for the typed words: each word known to the bank as it is (or as its base
// form), respelled with å, ä and ö, or left out. A left-out word may get a suggestion.
async function readQuery(query, found) {
  const terms = words(query);
  const plan = { text: query, respelled: [], missing: [], suggested: query };
  for (const term of terms) {
    if (await isKnown(await baseForm(term), found[0] || null, terms.length === 1)) continue;
    const fixed = await respelled(term);
    if (fixed) {
      plan.respelled.push([term, fixed]);
      plan.text = replaceWord(plan.text, term, fixed);
      continue;
    }
    plan.missing.push(term);
    plan.text = replaceWord(plan.text, term, "");
    const better = await suggestion(term);
    if (better) plan.suggested = replaceWord(plan.suggested, term, better);
  }
  plan.text = plan.text.replace(/\s+/g, " ").trim();
  return plan;
}

// "Menade du ”…”?": a link to the same search with the word replaced (filters kept), which runs in
// place.
function suggestionLink(suggested) {
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
  return link;
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
    fold(fieldset);
  }
}

// Values without hits under the current query fold away (some forty checkboxes in six groups would
// otherwise stand between the reader and the few that matter), behind a "Visa alla" button per
// group; a chosen value always shows. A group the reader unfolded stays unfolded.
const unfolded = new Set();

function foldButton(fieldset) {
  let button = fieldset.querySelector(".kb-facet__all");
  if (!button) {
    const values = fieldset.querySelector("ul");
    values.id ||= `kb-f-${fieldset.dataset.facet}-values`;
    button = document.createElement("button");
    button.type = "button";
    button.className = "kb-facet__all";
    button.setAttribute("aria-controls", values.id);
    button.addEventListener("click", () => {
      if (unfolded.has(fieldset.dataset.facet)) unfolded.delete(fieldset.dataset.facet);
      else unfolded.add(fieldset.dataset.facet);
      fold(fieldset);
    });
    fieldset.append(button);
  }
  return button;
}

function fold(fieldset) {
  const empty = [...fieldset.querySelectorAll(".kb-facet__option--empty")];
  const open = unfolded.has(fieldset.dataset.facet);
  for (const option of fieldset.querySelectorAll(".kb-facet__option")) option.hidden = !open && empty.includes(option);
  const button = foldButton(fieldset);
  button.hidden = empty.length === 0;
  button.setAttribute("aria-expanded", String(open));
  button.textContent = open ? "Visa färre" : `Visa alla (${empty.length} utan träffar)`;
}

// The chosen filters as buttons above the results, each taking its filter away ("Farsta ×"), and
// "Rensa alla". Drawn anew only when the choice changes, so the focus stays where it is.
function renderChips(state) {
  const chosen = facets.flatMap((key) => (state.selected[key] || []).map((value) => [key, value]));
  const key = JSON.stringify(chosen);
  if (chips.dataset.key === key) return;
  chips.dataset.key = key;
  chips.replaceChildren(...chosen.map(([facet, value]) => chip(facet, value)));
  if (chosen.length) chips.append(chipItem("Rensa alla", "kb-chips__clear"));
  chips.hidden = chosen.length === 0;
}

function chipItem(text, className) {
  const item = document.createElement("li");
  const button = document.createElement("button");
  button.type = "button";
  button.className = className;
  button.textContent = text;
  item.append(button);
  return item;
}

function chip(facet, value) {
  const item = chipItem(value, "kb-chip");
  const button = item.firstChild;
  const cross = document.createElement("span");
  cross.setAttribute("aria-hidden", "true");
  cross.textContent = " ×";
  button.append(cross);
  button.setAttribute("aria-label", `Ta bort filtret ${value}`);
  Object.assign(button.dataset, { facet, value });
  return item;
}

function boxFor(facet, value) {
  return [...form.querySelectorAll(`fieldset[data-facet="${facet}"] input`)].find((box) => box.value === value);
}

// After a chip goes, the focus moves to the next one (or the one before, or the results' heading).
chips.addEventListener("click", (event) => {
  const button = event.target.closest("button");
  if (!button) return;
  const all = [...chips.querySelectorAll(".kb-chip")];
  const at = all.indexOf(button);
  if (at < 0) clearFilters();
  else boxFor(button.dataset.facet, button.dataset.value).checked = false;
  renderChips(formState());
  const left = [...chips.querySelectorAll(".kb-chip")];
  (left[Math.min(Math.max(at, 0), left.length - 1)] || resultsTitle).focus();
  schedule(0);
});

function href(url) {
  // Pagefind already puts the site's own path in front (it knows where pagefind.js was loaded from).
  return new URL(url, location.href).href;
}

function excerptNode(html) {
  // Pagefind's excerpts are escaped text with <mark> around hits; keep exactly that.
  const span = document.createElement("span");
  const safe = spellBack(html).replace(/<(?!\/?mark>)/g, "&lt;");
  span.innerHTML = safe;
  for (const mark of span.querySelectorAll("mark")) markWordOnly(mark);
  return span;
}

// Pagefind marks the whole run of text between spaces ("familjehem," "(MI)"): the punctuation
// around the word goes outside the mark.
function markWordOnly(mark) {
  const [, before, word, after] = /^([\p{P}\p{S}]*)(.*?)([\p{P}\p{S}]*)$/su.exec(mark.textContent);
  if (!word) return;
  mark.textContent = word;
  if (before) mark.before(before);
  if (after) mark.after(after);
}

// An excerpt from the top of the page starts with the title (or its end, when the excerpt's window
// starts inside it), which the result shows just above it.
function titleAtStart(text, title) {
  const parts = (title || "").split(" ");
  for (let from = 0; from < parts.length - 1; from += 1) {
    const tail = `${parts.slice(from).join(" ")}.`;
    if (text.startsWith(tail)) return tail.length;
  }
  return text.startsWith(`${title}.`) ? title.length + 1 : 0;
}

function withoutTitle(node, title) {
  let left = titleAtStart(node.textContent, title);
  if (!left) return node;
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  const texts = [];
  while (walker.nextNode()) texts.push(walker.currentNode);
  for (const text of texts) {
    const cut = Math.min(left, text.data.length);
    text.data = text.data.slice(cut);
    left -= cut;
    if (text.parentNode.nodeName === "MARK" && !text.data) text.parentNode.remove();
    if (!left) break;
  }
  for (const text of texts) {
    if (node.contains(text) && text.data) {
      text.data = text.data.trimStart();
      break;
    }
  }
  return node;
}

// The same badge as in the lists (generator/templates/_macros.html, status_badge).
function statusBadge(meta) {
  const badge = document.createElement("span");
  badge.className = `kb-status kb-status--${meta.statusklass}`;
  badge.textContent = spellBack(meta.status);
  return badge;
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
  for (const part of [meta.ar, meta.stadsdelar].filter(Boolean)) facts.append(` · ${spellBack(part)}`);
  if (meta.status) facts.append(" · ", statusBadge(meta));
  item.append(heading, facts);

  const sections = (data.sub_results || []).map((sub) => ({ ...sub, anchor: (sub.url.split("#")[1] || "") }));
  const inPage = sections
    .filter((s) => !NO_EXCERPT.has(s.anchor) && !ATTACHMENT_ANCHOR.test(s.anchor) && s.locations.length)
    .sort((a, b) => b.locations.length - a.locations.length)[0];
  const excerpt = document.createElement("p");
  excerpt.className = "kb-result__excerpt";
  const text = inPage && /<mark>/.test(inPage.excerpt) ? withoutTitle(excerptNode(inPage.excerpt), spellBack(meta.title)) : null;
  if (text && /\p{L}/u.test(text.textContent)) excerpt.append(text);
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

// The words the page searched, with the base forms of doubled definite forms ("familjehemmen").
async function baseForms(text) {
  for (const term of words(text)) {
    const base = await baseForm(term); // one after another: Pagefind's searches share one state
    if (base !== term) text = replaceWord(text, term, base);
  }
  return text;
}

// Pagefind's results for a query over the whole bank (without a query, every page, newest first).
// An abbreviation in capitals is searched as that word only; a word the bank does not have as usual.
async function searchBank(text) {
  const query = text ? spellForIndex(text) : null;
  if (query && ACRONYM.test(text.trim())) {
    // A word of the bank's own stays that word also when the filters leave no page with it ("MI"
    // must not become "Mina båda världar").
    const hits = await search(`"${query.trim()}"`);
    if (hits.length) return hits;
  }
  return search(query);
}

const quote = (text) => `”${text.replace(/^["'”“«»]+|["'”“«»]+$/g, "")}”`;
const listed = (terms) => terms.map(quote).join(", ");

// The status line: what was found for what, and what of the typed words was left out or respelled.
function statusText(state, plan, total) {
  const filtered = Object.keys(state.selected).length
    ? ` med ${plural(Object.values(state.selected).flat().length, "valt filter", "valda filter")}` : "";
  if (state.query && !plan.text) return `Inga träffar: ${listed(plan.missing)} finns inte i Kunskapsbanken.`;
  const quoted = plan.text ? ` för ${quote(plan.text)}` : "";
  const typed = plan.respelled.length ? ` (du skrev ${listed(plan.respelled.map(([term]) => term))})` : "";
  const left = plan.missing.length ? `Inga träffar på ${listed(plan.missing)}; ` : "";
  const found = total === 0 ? `${left ? "i" : "I"}nga träffar${quoted}${filtered}${typed}.${filtered ? " Pröva att ta bort något filter." : ""}`
    : `${left || typed ? `${left ? "v" : "V"}isar ` : ""}${plural(total, "träff", "träffar")}${quoted}${filtered}${typed}${state.query ? "" : ", de senaste först"}.`;
  return left + found;
}

function showEmptySearch() {
  list.replaceChildren();
  more.hidden = true;
  setStatus("Skriv ett sökord eller välj ett filter.");
  updateCounts(bankCounts);
  root.dataset.counted = "true";
  root.dataset.spelled = "true";
}

// The chosen filters narrow Pagefind's results here, with the facet table.
async function facetsForFilters() {
  try {
    return await loadFacets();
  } catch (error) {
    setStatus("Filtren kunde inte läsas in. Ladda om sidan, eller sök utan filter.");
    throw error;
  }
}

async function run(state) {
  const mine = ++generation;
  delete root.dataset.counted;
  delete root.dataset.spelled;
  renderChips(state);
  const hasFilters = Object.keys(state.selected).length > 0;
  try {
    await loadPagefind();
  } catch (error) {
    setStatus("Sökningen kunde inte startas. Ladda om sidan, eller hitta projekten via år, områden, stadsdelar och ämnen.");
    throw error;
  }
  if (!state.query && !hasFilters) {
    showEmptySearch();
    return;
  }
  const table = hasFilters ? await facetsForFilters() : null;
  let found = await searchBank(await baseForms(state.query));
  const plan = await readQuery(state.query, found);
  if (plan.missing.length || plan.respelled.length) found = plan.text ? await searchBank(await baseForms(plan.text)) : [];
  const results = hasFilters ? narrowed(table, found, state.selected) : found;
  if (mine !== generation) return;

  list.replaceChildren();
  shown = [];
  pending = [...results];
  // The first results on screen need only FIRST_PAINT fragments; the rest of the first ten follow.
  await showMore(false, FIRST_PAINT, false);
  if (mine !== generation) return;

  const total = pending.length + shown.length;
  setStatus(statusText(state, plan, total));
  if (plan.suggested !== state.query) statusLine.append(" Menade du ”", suggestionLink(plan.suggested), "”?");
  root.dataset.spelled = "true"; // lets tests see the words are checked
  apply.textContent = total ? `Visa ${plural(total, "träff", "träffar")}` : "Visa träffar";
  if (!performance.getEntriesByName("kb-first-result").length) performance.mark("kb-first-result");
  performance.mark("kb-results", { detail: state.query }); // every search's, for the benchmark
  if (shown.length === FIRST_PAINT && pending.length) {
    await showMore(false, PAGE_SIZE - FIRST_PAINT);
    if (mine !== generation) return;
  }

  const counts = found.length ? countFacets(await loadFacets(), found.map(pageNumber), state.selected) : {};
  if (mine !== generation) return;
  updateCounts(counts);
  root.dataset.counted = "true"; // lets tests and the benchmark see that the counts are in
  if (!performance.getEntriesByName("kb-counts").length) performance.mark("kb-counts");
}

// Each settled search is a history entry of its own. A query typed letter by letter is one: while
// the reader goes on typing (or taking letters away) the entry is updated. A typed search settles
// when the reader starts on other words, or leaves the field. (Not after a pause: a search that
// holds the main thread would then split one typed word into several entries.)
let timer = null;
let typed = null; // the last typed search with its own entry: { query, settled }

function startsNewEntry(state, byTyping) {
  const last = typed;
  typed = byTyping ? { query: state.query.toLowerCase(), settled: false } : null;
  if (!byTyping || !last || last.settled || !typed.query) return true; // an emptied field starts anew
  if (!last.query) return false; // and what is typed into it takes that entry
  return !(typed.query.startsWith(last.query) || last.query.startsWith(typed.query));
}

function schedule(delay, thenToResults = false, byTyping = false) {
  clearTimeout(timer);
  timer = setTimeout(() => {
    const state = formState();
    writeUrl(state, startsNewEntry(state, byTyping));
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
input.addEventListener("blur", () => { if (typed) typed.settled = true; });
window.addEventListener("popstate", () => {
  clearTimeout(timer);
  typed = null;
  const state = readState();
  applyState(state);
  run(state).catch((error) => console.error(error));
});
form.addEventListener("change", (event) => {
  if (event.target.matches("fieldset[data-facet] input")) schedule(0);
});
form.querySelector(".kb-facets__clear").addEventListener("click", (event) => {
  event.preventDefault();
  clearFilters();
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
