// The review page of `locpipe review --serve`. Plain JavaScript, no build step.
// Every text from the catalogue reaches the page through textContent, never as HTML.
// Decisions (accept, edit, reject) wait in the page until saved, and every decision
// and every typed text is also kept in localStorage, so neither a failed save, a
// closed tab nor a stopped server loses what a person typed.
"use strict";

const $ = (id) => document.getElementById(id);
const state = {
  project: null,      // /api/project
  page: null,         // /api/catalogue of the catalogue shown
  shown: [],          // indices into page.entries that pass the filter
  at: 0,              // position in shown
  pending: new Map(), // key → {key, action, texts, base, stale}
  drafts: new Map(),  // key → texts typed, not decided
};
let checkTimer = null;
let storeTimer = null;

const keyOf = (entry) => JSON.stringify(entry.key);
const same = (a, b) => a.length === b.length && a.every((t, i) => t === b[i]);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (name === "class") node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

async function api(route, body) {
  const options = body === undefined ? {} : {
    method: "POST",
    headers: {"Content-Type": "application/json"},
    body: JSON.stringify(body),
  };
  let response;
  try {
    response = await fetch(route, options);
  } catch (error) {
    return {ok: false, status: 0, data: {error: "network",
      message: "Cannot reach the review server (was it stopped?). Nothing was written; " +
               "your decisions and typed text are kept in this browser."}};
  }
  let data = null;
  try { data = await response.json(); } catch (error) { data = {message: response.statusText}; }
  return {ok: response.ok, status: response.status, data};
}

function say(text, kind, offerReload) {
  $("message").hidden = !text;
  $("message").className = kind || "";
  $("message-text").textContent = text || "";
  $("reload").hidden = !offerReload;
}

// ---- what is kept in the browser -------------------------------------------

function storageKey() {
  const page = state.page;
  return `locpipe-review:${state.project.root}:${page.path}`;
}

function remember() {
  if (!state.page) return;
  const kept = {
    pending: [...state.pending.values()],
    drafts: [...state.drafts.entries()],
  };
  try {
    if (kept.pending.length || kept.drafts.length) {
      localStorage.setItem(storageKey(), JSON.stringify(kept));
    } else {
      localStorage.removeItem(storageKey());
    }
  } catch (error) { /* storage full or disabled: the page still holds everything */ }
  renderPending();
}

function rememberSoon() {
  clearTimeout(storeTimer);
  storeTimer = setTimeout(remember, 250);
}

function recall() {
  state.pending = new Map();
  state.drafts = new Map();
  let kept = null;
  try { kept = JSON.parse(localStorage.getItem(storageKey()) || "null"); } catch (error) { kept = null; }
  if (!kept) return 0;
  const byKey = new Map(state.page.entries.map((e) => [keyOf(e), e]));
  for (const decision of kept.pending || []) {
    const entry = byKey.get(JSON.stringify(decision.key));
    if (!entry) continue;
    decision.stale = !same(entry.texts, decision.base);
    state.pending.set(JSON.stringify(decision.key), decision);
  }
  for (const [key, texts] of kept.drafts || []) {
    if (byKey.has(key)) state.drafts.set(key, texts);
  }
  return state.pending.size + state.drafts.size;
}

// ---- loading ---------------------------------------------------------------

async function loadProject() {
  const result = await api("api/project");
  if (!result.ok) { say(result.data.message, "error"); return; }
  state.project = result.data;
  $("project").textContent = result.data.project;
  const select = $("catalogue");
  select.replaceChildren();
  for (const locale of result.data.locales) {
    const group = el("optgroup", {label: locale});
    for (const c of result.data.catalogues.filter((c) => c.locale === locale)) {
      group.append(el("option", {value: JSON.stringify([c.locale, c.domain])}, `${c.locale} · ${c.domain}`));
    }
    select.append(group);
  }
  renderProgress(result.data.status);
  const wanted = decodeURIComponent(location.hash.slice(1));
  const first = result.data.catalogues.find((c) => `${c.locale}/${c.domain}` === wanted) ||
    result.data.catalogues[0];
  if (first) await loadCatalogue(first.locale, first.domain);
  else say("No catalogue yet: run `locpipe update` (or `make translate`) first.", "error");
}

async function loadCatalogue(locale, domain, keepKey) {
  if (state.page) remember();
  const query = `locale=${encodeURIComponent(locale)}&domain=${encodeURIComponent(domain)}`;
  const result = await api(`api/catalogue?${query}`);
  if (!result.ok) { say(result.data.message, "error"); return false; }
  state.page = result.data;
  history.replaceState(null, "", `#${encodeURIComponent(`${locale}/${domain}`)}`);
  $("catalogue").value = JSON.stringify([locale, domain]);
  const restored = recall();
  if (restored) {
    const stale = [...state.pending.values()].filter((d) => d.stale).length;
    say(`Restored ${restored} unsaved decision(s) or typed text(s) kept in this browser` +
        (stale ? `; ${stale} of them for entries changed on disk since (marked !): decide them again.` : "."),
        stale ? "" : "ok");
  }
  renderProgress(state.project.status);
  renderPending();
  applyFilter(keepKey);
  return true;
}

// ---- progress (the figures of `locpipe status`) ------------------------------

function figures(row) {
  const parts = ["reviewed", "machine", "fuzzy", "untranslated"].map((name) =>
    el("span", {"data-count": name}, `${row[name]} ${name}`));
  const out = el("span", {class: "figures"});
  parts.forEach((part, i) => { if (i) out.append(" · "); out.append(part); });
  return out;
}

function meter(percent) {
  const bar = el("span");
  bar.style.width = `${percent}%`; // through CSSOM: the page allows no inline style
  return bar;
}

function renderProgress(status) {
  const nav = $("locales");
  nav.replaceChildren();
  for (const row of status.locales) {
    const current = state.page && state.page.locale === row.locale;
    const button = el("button", {class: "locale", type: "button", "data-locale": row.locale,
      "aria-current": current ? "true" : "false"},
      el("span", {class: "name"}, row.locale),
      el("span", {class: "percent", "data-count": "percent_reviewed"}, `${row.percent_reviewed.toFixed(1)}%`),
      " ", figures(row),
      el("span", {class: "meter"}, meter(row.percent_reviewed)));
    button.addEventListener("click", () => {
      const first = state.project.catalogues.find((c) => c.locale === row.locale);
      if (first) loadCatalogue(first.locale, first.domain);
    });
    nav.append(button);
  }
  const mine = state.page && status.catalogues.find((r) => r.path === state.page.path);
  $("catalogue-progress").replaceChildren(...(mine ? [`${mine.percent_reviewed.toFixed(1)}% reviewed: `, figures(mine)] : []));
}

// ---- the list ----------------------------------------------------------------

const FILTERS = {
  review: (e) => e.state === "machine" || e.state === "fuzzy",
  machine: (e) => e.state === "machine",
  fuzzy: (e) => e.state === "fuzzy",
  qa: (e) => e.problems.some((p) => p.severity === "error"),
  changed: (e) => e.previous !== null,
  untranslated: (e) => e.state === "untranslated",
  reviewed: (e) => e.state === "reviewed",
  pending: (e) => state.pending.has(keyOf(e)),
  all: () => true,
};

function applyFilter(keepKey) {
  const test = FILTERS[$("filter").value];
  const entries = state.page.entries;
  state.shown = entries.map((e, i) => [e, i]).filter(([e]) => test(e) ||
    state.pending.has(keyOf(e)) && $("filter").value !== "all").map(([, i]) => i);
  // Decided entries stay in view (marked) until saved, whatever the filter.
  const keep = keepKey !== undefined ? state.shown.findIndex((i) => keyOf(entries[i]) === keepKey) : -1;
  state.at = keep >= 0 ? keep : 0;
  renderList();
  renderEntry();
}

function current() {
  return state.shown.length ? state.page.entries[state.shown[state.at]] : null;
}

function short(text) {
  return text.replace(/\s+/g, " ");
}

function listItem(entry, position) {
  const decision = state.pending.get(keyOf(entry));
  const texts = decision && decision.action === "edit" ? decision.texts : entry.texts;
  const head = el("span", {},
    el("span", {class: `badge ${entry.state}`}, entry.state),
    entry.score !== null ? el("span", {class: "score"}, entry.score.toFixed(2)) : null);
  const src = el("span", {class: "src"}, short(entry.msgid));
  if (decision) {
    const mark = decision.stale ? "!" : {accept: "✓", edit: "✎", reject: "✗"}[decision.action];
    src.prepend(el("span", {class: `mark ${decision.stale ? "stale" : decision.action}`,
      title: decision.stale ? "changed on disk since you decided" : decision.action}, mark), " ");
  }
  if (entry.problems.some((p) => p.severity === "error")) {
    head.append(el("span", {class: "qa-dot", title: "QA error"}, "● QA")); // not cut off by a long source
  }
  const li = el("li", {"data-position": position, "aria-selected": position === state.at ? "true" : "false"},
    head, src, el("span", {class: "tgt", lang: state.page.locale},
      decision && decision.action === "reject" ? "(rejected)" : short(texts.join(" | "))));
  li.addEventListener("click", () => go(position));
  return li;
}

// The list is drawn in chunks, so the first entries can be worked on while a
// catalogue of thousands is still being drawn.
const CHUNK = 400;
let listGeneration = 0;

function renderList() {
  const list = $("list");
  list.replaceChildren();
  const generation = ++listGeneration;
  let next = 0;
  const drawMore = () => {
    if (generation !== listGeneration) return; // a newer list replaced this one
    const fragment = document.createDocumentFragment();
    const end = Math.min(state.shown.length, next + CHUNK);
    for (; next < end; next++) fragment.append(listItem(state.page.entries[state.shown[next]], next));
    list.append(fragment);
    if (next < state.shown.length) setTimeout(drawMore, 0);
  };
  drawMore();
  $("count").textContent = `${state.shown.length} of ${state.page.entries.length} entries`;
}

function refreshItem(position) {
  const old = $("list").children[position];
  if (old) old.replaceWith(listItem(state.page.entries[state.shown[position]], position));
}

// ---- one entry -----------------------------------------------------------------

function renderEntry() {
  const entry = current();
  $("empty").hidden = !!entry;
  $("detail").hidden = !entry;
  const unselect = $("list").querySelector('[aria-selected="true"]');
  if (unselect) unselect.setAttribute("aria-selected", "false");
  if (!entry) return;
  const selected = $("list").children[state.at];
  if (selected) {
    selected.setAttribute("aria-selected", "true");
    selected.scrollIntoView({block: "nearest"});
  }

  const where = [`${state.page.path}:${entry.line}`, entry.state];
  if (entry.score !== null) where.push(`MT score ${entry.score.toFixed(2)} (0 is sure; lower is less sure)`);
  if (entry.msgctxt !== null) where.push(`context “${entry.msgctxt}”`);
  $("meta").textContent = where.join(" · ");

  const sentences = state.page.sentences;
  const at = entry.place;
  const width = state.page.context;
  const before = at === null ? [] : sentences.slice(Math.max(0, at - width), at);
  const after = at === null ? [] : sentences.slice(at + 1, at + 1 + width);
  $("before").replaceChildren(...before.map((t) => el("p", {}, t)));
  $("after").replaceChildren(...after.map((t) => el("p", {}, t)));
  $("source").replaceChildren(...(entry.source || [[entry.msgid, null]]).map(([text, term]) =>
    term === null ? text : el("mark", {class: "term", title: termTitle(entry.terms[term])}, text)));
  if (entry.msgid_plural !== null) {
    $("source").append(el("br"), el("span", {class: "plural"}, `plural: ${entry.msgid_plural}`));
  }

  $("changed").hidden = entry.diff === null;
  $("diff").replaceChildren(...(entry.diff || []).map(([op, text]) =>
    op === "=" ? text : el(op === "-" ? "del" : "ins", {}, text)));

  const key = keyOf(entry);
  const decision = state.pending.get(key);
  const texts = state.drafts.get(key) ||
    (decision && decision.action === "edit" ? decision.texts : entry.texts);
  const editors = texts.map((text, i) => {
    const area = el("textarea", {id: `text-${i}`, lang: state.page.locale, spellcheck: "false",
      "aria-label": texts.length > 1 ? `translation, form ${i}` : "translation"});
    area.value = decision && decision.action === "reject" && !state.drafts.has(key) ? "" : text;
    area.addEventListener("input", typed);
    return texts.length > 1 ? el("label", {}, `msgstr[${i}]`, area) : area;
  });
  $("editors").replaceChildren(...editors);
  $("decision").textContent = decision ?
    (decision.stale ? "Changed on disk since you decided: decide again." :
     `Decided: ${decision.action} (not saved yet)`) : "";

  $("glossary-box").hidden = entry.terms.length === 0;
  $("terms").replaceChildren(...entry.terms.map((t) => el("li", {}, termTitle(t))));
  $("warnings").replaceChildren(...entry.warnings.map((w) => el("li", {}, `MT warning: ${w}`)));
  const notes = [...entry.notes, ...(entry.references.length ? [`used at ${entry.references.join(", ")}`] : [])];
  $("notes").replaceChildren(...notes.map((n) => el("div", {}, n)));
  renderProblems(entry.problems, texts === entry.texts ? "" : "as typed");
  if (state.drafts.has(key) || decision) scheduleCheck();
}

function termTitle(term) {
  const target = term.target === null ? "keep as written" : `→ ${term.target}`;
  return `${term.source} ${target}${term.note ? ` (${term.note})` : ""}`;
}

function renderProblems(problems, label) {
  $("qa-state").textContent = label ? `(${label})` : "";
  $("problems").replaceChildren(...(problems.length ? problems.map((p) =>
    el("li", {class: p.severity}, `${p.severity}: ${p.check}: ${p.message}`)) :
    [el("li", {class: "none"}, "no findings")]));
}

function editorTexts() {
  return [...$("editors").querySelectorAll("textarea")].map((a) => a.value);
}

function typed() {
  const entry = current();
  const texts = editorTexts();
  if (same(texts, entry.texts)) state.drafts.delete(keyOf(entry));
  else state.drafts.set(keyOf(entry), texts);
  rememberSoon();
  scheduleCheck();
}

function scheduleCheck() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(checkNow, 300);
}

async function checkNow() {
  const entry = current();
  if (!entry) return;
  const texts = editorTexts();
  $("qa-state").textContent = "(checking…)";
  const result = await api("api/check", {locale: state.page.locale, domain: state.page.domain,
    version: state.page.version, key: entry.key, texts});
  if (current() !== entry || !same(editorTexts(), texts)) return; // the reviewer moved on
  if (result.ok) renderProblems(result.data.problems, "as typed");
  else $("qa-state").textContent = `(not checked: ${result.data.message})`;
}

// ---- decisions -------------------------------------------------------------------

function decide(action) {
  const entry = current();
  if (!entry) return;
  const key = keyOf(entry);
  const texts = editorTexts();
  if (action !== "reject") {
    if (texts.some((t) => t === "")) {
      say("An empty translation cannot be accepted: type it, or reject the entry (Ctrl+Shift+Backspace).", "error");
      return;
    }
    action = same(texts, entry.texts) ? "accept" : "edit";
  }
  state.pending.set(key, {key: entry.key, action, texts: action === "edit" ? texts : [],
    base: entry.texts, stale: false});
  state.drafts.delete(key);
  remember();
  refreshItem(state.at);
  go(state.at + 1);
}

function revert() {
  const entry = current();
  if (!entry) return;
  state.pending.delete(keyOf(entry));
  state.drafts.delete(keyOf(entry));
  remember();
  refreshItem(state.at);
  renderEntry();
}

function go(position) {
  if (!state.shown.length) return;
  state.at = Math.max(0, Math.min(position, state.shown.length - 1));
  renderEntry();
  const first = $("editors").querySelector("textarea");
  if (first) first.focus();
}

function renderPending() {
  const ready = [...state.pending.values()].filter((d) => !d.stale).length;
  $("save").disabled = ready === 0;
  const drafts = state.drafts.size;
  $("pending").textContent = ready || drafts ?
    `${ready} decision(s) to save${drafts ? `, ${drafts} typed text(s) not decided yet` : ""}` : "";
}

async function save() {
  const ready = [...state.pending.values()].filter((d) => !d.stale);
  if (!ready.length || !state.page) return;
  $("save").disabled = true;
  const page = state.page;
  const keep = current() ? keyOf(current()) : undefined;
  const result = await api("api/save", {locale: page.locale, domain: page.domain, version: page.version,
    decisions: ready.map(({key, action, texts}) => ({key, action, texts}))});
  if (!result.ok) {
    renderPending();
    say(`Not saved: ${result.data.message}`, "error", result.status === 409);
    return;
  }
  for (const decision of ready) state.pending.delete(JSON.stringify(decision.key));
  state.page = result.data.catalogue;
  state.project.status = result.data.status;
  remember();
  renderProgress(result.data.status);
  applyFilter(keep);
  say(`Saved ${ready.length} decision(s) to ${page.path}.`, "ok");
}

async function reloadKeeping() {
  remember();
  const keep = current() ? keyOf(current()) : undefined;
  const status = await api("api/status");
  if (status.ok) state.project.status = status.data;
  if (await loadCatalogue(state.page.locale, state.page.domain, keep)) {
    const stale = [...state.pending.values()].filter((d) => d.stale).length;
    say(`Reloaded from disk. Your decisions are kept${stale ?
      `; ${stale} of them are for entries that changed on disk (marked !): look at them and decide again` : ""}.`,
      stale ? "" : "ok");
  }
}

// ---- keys and controls -------------------------------------------------------------

document.addEventListener("keydown", (event) => {
  const ctrl = event.ctrlKey || event.metaKey;
  let handled = true;
  if (ctrl && event.key === "Enter") decide("accept");
  else if (ctrl && event.shiftKey && event.key === "Backspace") decide("reject");
  else if (ctrl && !event.shiftKey && (event.key === "s" || event.key === "S")) save();
  else if (event.altKey && event.key === "ArrowDown") go(state.at + 1);
  else if (event.altKey && event.key === "ArrowUp") go(state.at - 1);
  else handled = false;
  if (handled) event.preventDefault();
});

$("accept").addEventListener("click", () => decide("accept"));
$("reject").addEventListener("click", () => decide("reject"));
$("revert").addEventListener("click", revert);
$("next").addEventListener("click", () => go(state.at + 1));
$("prev").addEventListener("click", () => go(state.at - 1));
$("save").addEventListener("click", save);
$("reload").addEventListener("click", reloadKeeping);
$("filter").addEventListener("change", () => applyFilter(current() ? keyOf(current()) : undefined));
$("catalogue").addEventListener("change", () => {
  const [locale, domain] = JSON.parse($("catalogue").value);
  loadCatalogue(locale, domain);
});
window.addEventListener("beforeunload", (event) => {
  remember();
  if (state.pending.size) event.preventDefault();
});

loadProject();
