/* Site search with Pagefind, in Material's look (see hooks/search_index.py).
 *
 * Independent of Material's JavaScript: the box is built here with Material's
 * CSS classes and opened through the theme's `#__search` toggle (pure CSS).
 * Pagefind and the folding table load on first use, from the bundle of the
 * page's language (<site root>/pagefind/<html lang>/), so results are in it.
 *
 * Chinese queries are folded to one script and turned into character-pair
 * terms exactly as sitesearch/fold.py and sitesearch/terms.py do at build time.
 */
(() => {
  "use strict";

  const script = document.currentScript;
  // This file is <site root>/assets/bp-search/search.js.
  const ROOT = new URL("../../", script.src);
  const LANG = document.documentElement.lang || "en";
  const CHINESE = /^zh/i.test(LANG);
  const PAGE_SIZE = 10;     // results shown per batch
  const MAX_CHECKED = 50;   // Chinese: fragments checked per batch at most
  const CONTEXT = CHINESE ? 80 : 180;  // excerpt: characters at most
  const KEYS = ["/", "s", "f"];

  const STRINGS = {
    "zh-Hans": {
      label: "搜索", placeholder: "搜索", reset: "清空当前内容", initial: "输入关键词开始搜索",
      loading: "正在加载搜索…", none: "没有找到符合条件的结果", one: "找到 1 个符合条件的结果",
      other: (n) => `找到 ${n} 个符合条件的结果`, more: "显示更多结果", failed: "搜索暂时不可用",
    },
    "zh-Hant": {
      label: "搜尋", placeholder: "搜尋", reset: "清除目前內容", initial: "輸入關鍵字開始搜尋",
      loading: "正在載入搜尋…", none: "沒有找到符合條件的結果", one: "找到 1 個符合條件的結果",
      other: (n) => `找到 ${n} 個符合條件的結果`, more: "顯示更多結果", failed: "搜尋暫時無法使用",
    },
    en: {
      label: "Search", placeholder: "Search", reset: "Clear", initial: "Type to start searching",
      loading: "Loading search…", none: "No matching documents", one: "1 matching document",
      other: (n) => `${n} matching documents`, more: "Show more results", failed: "Search is unavailable",
    },
  };
  const T = STRINGS[LANG] || STRINGS[CHINESE ? "zh-Hans" : "en"];

  // Material Design Icons used by Material's own search box.
  const ICON = {
    magnify: "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5",
    back: "M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11z",
    close: "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z",
  };
  const svg = (name) =>
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="${ICON[name]}"/></svg>`;

  /* ---- folding and terms: mirrors sitesearch/fold.py and sitesearch/terms.py ---- */

  const HAN = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]/u;
  const RUNS = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]+|[^\s\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]+/gu;
  const MAX_PHRASE = 8;
  const PREFIX = "zz";

  /** Fold `text`; `start[i]`/`end[i]` give the original span of folded character i. */
  function foldMapped(text, table) {
    const chars = Array.from(text, (c) => table.chars[c] || c);
    const pos = [];                       // original UTF-16 offset of each code point
    let offset = 0;
    for (const c of text) { pos.push(offset); offset += c.length; }
    pos.push(offset);
    const out = [], start = [], end = [];
    for (let i = 0; i < chars.length;) {
      let size = Math.min(MAX_PHRASE, chars.length - i);
      for (; size > 1; size--) {
        const hit = table.phrases[chars.slice(i, i + size).join("")];
        if (hit !== undefined) {
          for (const c of hit) { out.push(c); start.push(pos[i]); end.push(pos[i + size]); }
          break;
        }
      }
      if (size <= 1) { out.push(chars[i]); start.push(pos[i]); end.push(pos[i + 1]); size = 1; }
      i += size;
    }
    return { text: out.join(""), chars: out, start, end };
  }

  const code = (ch) => {
    let n = ch.codePointAt(0), s = "";
    for (let k = 0; k < 4; k++) { s = String.fromCharCode(97 + (n % 26)) + s; n = Math.floor(n / 26); }
    return s;
  };

  function hanTerms(run) {
    const codes = Array.from(run, code);
    const terms = codes.slice(1).map((c, i) => PREFIX + codes[i] + c);
    terms.push(PREFIX + codes[codes.length - 1]);
    return terms;
  }

  /** {terms, runs, words}: the Pagefind query, the folded Han runs every result must contain, the other words. */
  function queryTerms(query, table) {
    const folded = table ? foldMapped(query, table).text : query;
    const terms = [], runs = [], words = [];
    for (const token of folded.match(RUNS) || []) {
      if (HAN.test(token)) { terms.push(...hanTerms(token)); runs.push(token); } else { terms.push(token); words.push(token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")); }
    }
    return { terms: terms.join(" "), runs, words: words.filter(Boolean) };
  }

  /* ---- loading ---- */

  async function fetchGzipJson(href) {
    const response = await fetch(href);
    if (!response.ok) throw new Error(`${href}: ${response.status}`);
    const body = response.body.pipeThrough(new DecompressionStream("gzip"));
    return new Response(body).json();
  }

  let ready = null;
  function load() {
    ready ??= (async () => {
      // The results' own styles, not needed for the page's first paint.
      const css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = new URL("assets/bp-search/search.css", ROOT).href;
      document.head.append(css);
      const bundle = new URL(`pagefind/${LANG}/`, ROOT);
      const [pagefind, table] = await Promise.all([
        import(new URL("pagefind.js", bundle).href),
        CHINESE ? fetchGzipJson(new URL("bp-fold.json.gz", bundle)) : null,
      ]);
      await pagefind.options({ baseUrl: ROOT.pathname });
      await pagefind.init();
      return { pagefind, table };
    })();
    return ready;
  }

  /* ---- results ---- */

  const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  /* ---- excerpts: cut from the page's own text (one block per line), never from the index ---- */

  const WORD = /[\p{L}\p{N}_]/u;
  const LATIN_WORD = /[A-Za-z0-9_]/;
  const SENTENCE_END = /[。！？!?]|\.(?=\s)/;
  const CLAUSE_END = /[\s，、；：,;:]/;

  /** Spans of the query's Chinese runs in `text` (folded alike); null if a run is in neither text nor title. */
  function chineseSpans(text, title, runs, table) {
    const body = foldMapped(text, table);
    const folded = foldMapped(title, table).text;
    const spans = [];
    for (const run of runs) {
      const first = body.text.indexOf(run);
      if (first < 0 && !folded.includes(run)) return null;
      for (let i = first; i >= 0; i = body.text.indexOf(run, i + run.length)) {
        spans.push([body.start[i], body.end[i + run.length - 1]]);
      }
    }
    return spans;
  }

  /** Spans of words starting with one of the query's other words, in any case. */
  function wordSpans(text, words) {
    const spans = [];
    for (const word of words) {
      const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}[\\p{L}\\p{N}]*`, "giu");
      for (const m of text.matchAll(re)) spans.push([m.index, m.index + m[0].length]);
    }
    return spans;
  }

  /** Spans of the words Pagefind matched (its word positions in title + text), on the English site. */
  function locationSpans(data, text) {
    const words = Array.from(text.matchAll(/\S+/g), (m) => [m.index, m.index + m[0].length]);
    const offset = (data.content || "").split(/[\r\n\s]+/g).filter(Boolean).length - words.length;
    if (offset < 0) return [];
    return (data.locations || []).filter((k) => k >= offset && k - offset < words.length)
      .map((k) => words[k - offset]);
  }

  /** Index of the first character of the word `at` is in (for Latin words inside Chinese text too). */
  function wordStart(text, at) {
    while (at > 0 && LATIN_WORD.test(text[at - 1]) && LATIN_WORD.test(text[at])) at--;
    return at;
  }

  /**
   * The excerpt: the block (paragraph, heading, list item) of the first match, from
   * the start of its sentence, or from a clause or word boundary shortly before the
   * match when that sentence is long; at most `CONTEXT` characters, ending between words.
   */
  function excerpt(text, spans) {
    spans = spans.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
    const [at, atEnd] = spans.length ? spans[0] : [0, 0];
    const blockStart = text.lastIndexOf("\n", at - 1) + 1;
    const found = text.indexOf("\n", at);
    const blockEnd = found < 0 ? text.length : found;
    let start = blockStart, end = blockEnd;
    if (blockEnd - blockStart > CONTEXT) {
      for (let i = at - 1; i >= blockStart; i--) {   // the sentence holding the match
        if (SENTENCE_END.test(text[i])) { start = i + 1; break; }
      }
      if (at - start > CONTEXT / 2) {                 // long sentence: a boundary shortly before
        let from = at - Math.floor(CONTEXT / 4);
        for (let i = from; i < at; i++) if (CLAUSE_END.test(text[i])) { from = i + 1; break; }
        start = wordStart(text, from);
      }
      while (start < at && /\s/.test(text[start])) start++;
      end = Math.max(Math.min(blockEnd, start + CONTEXT), atEnd);
      if (end < blockEnd && WORD.test(text[end - 1]) && LATIN_WORD.test(text[end])) {
        const cut = wordStart(text, end);           // not in the middle of a word
        if (cut > atEnd) end = cut;
      }
    }
    let html = start > blockStart ? "…" : "", pos = start;
    for (const [a, b] of spans) {
      if (a < pos || b > end) continue;
      html += escapeHtml(text.slice(pos, a)) + "<mark>" + escapeHtml(text.slice(a, b)) + "</mark>";
      pos = b;
    }
    return html + escapeHtml(text.slice(pos, end).trimEnd()) + (end < blockEnd ? "…" : "");
  }

  /** The excerpt of one result; null when a Chinese run of the query is not really in the page. */
  function resultExcerpt(data, query, table) {
    let text = "";
    try { text = JSON.parse(data.meta.blocks || "[]").join("\n"); } catch { /* an older index */ }
    let spans = [];
    if (query.runs.length) {
      spans = chineseSpans(text, data.meta.title || "", query.runs, table);
      if (spans === null) return null;
    } else if (!CHINESE) {
      spans = locationSpans(data, text);
    }
    if (!spans.length) spans = wordSpans(text, query.words);
    return excerpt(text, spans);
  }

  function renderItem(data, excerpt) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const date = data.meta.date ? `<time class="bp-search-result__date" datetime="${escapeHtml(data.meta.date)}">${escapeHtml(data.meta.date)}</time>` : "";
    li.innerHTML =
      `<a href="${escapeHtml(data.url)}" class="md-search-result__link" tabindex="-1">` +
      `<article class="md-search-result__article md-typeset">` +
      `<div class="md-search-result__icon md-icon"></div>` +
      `<h1>${escapeHtml(data.meta.title || data.url)}</h1>${date}<p>${excerpt}</p></article></a>`;
    return li;
  }

  /* ---- the box ---- */

  function build() {
    const inner = document.querySelector(".md-header__inner");
    if (!inner) return null;
    const button = document.createElement("label");
    button.className = "md-header__button md-icon bp-search-button";
    button.htmlFor = "__search";
    button.title = T.label;
    button.innerHTML = svg("magnify");
    const dialog = document.createElement("div");
    dialog.className = "md-search bp-search";
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-label", T.label);
    dialog.innerHTML = `
      <label class="md-search__overlay" for="__search"></label>
      <div class="md-search__inner" role="search">
        <form class="md-search__form" name="search">
          <input type="text" class="md-search__input" name="query" aria-label="${T.placeholder}" placeholder="${T.placeholder}"
            autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false" required>
          <label class="md-search__icon md-icon" for="__search">${svg("magnify")}${svg("back")}</label>
          <nav class="md-search__options" aria-label="${T.label}">
            <button type="reset" class="md-search__icon md-icon" title="${T.reset}" aria-label="${T.reset}" tabindex="-1">${svg("close")}</button>
          </nav>
        </form>
        <div class="md-search__output">
          <div class="md-search__scrollwrap" tabindex="0">
            <div class="md-search-result" aria-live="polite">
              <div class="md-search-result__meta">${T.initial}</div>
              <ol class="md-search-result__list" role="presentation"></ol>
            </div>
          </div>
        </div>
      </div>`;
    const source = inner.querySelector(".md-header__source");
    inner.insertBefore(button, source);
    inner.insertBefore(dialog, source);
    return dialog;
  }

  function setup() {
    const dialog = build();
    if (!dialog) return;
    const toggle = document.getElementById("__search");
    const form = dialog.querySelector("form");
    const input = dialog.querySelector("input");
    const meta = dialog.querySelector(".md-search-result__meta");
    const list = dialog.querySelector(".md-search-result__list");
    let generation = 0;

    // The change event tells Material too: on a phone it locks the page's scrolling
    // while the box is open (without it, the box's backdrop widens the page).
    const open = (value) => {
      if (toggle && toggle.checked !== value) {
        toggle.checked = value;
        toggle.dispatchEvent(new Event("change"));
      }
    };
    const isOpen = () => !toggle || toggle.checked;

    async function run() {
      const gen = ++generation;
      const query = input.value.trim();
      list.replaceChildren();
      if (!query) { meta.textContent = T.initial; return; }
      let engine;
      try {
        if (!ready) meta.textContent = T.loading;
        engine = await load();
      } catch (error) {
        meta.textContent = T.failed;
        throw error;
      }
      if (gen !== generation) return;
      const parsed = queryTerms(query, engine.table);
      const { runs } = parsed;
      const search = await engine.pagefind.search(parsed.terms);
      if (gen !== generation || !search) return;
      const results = search.results;
      let next = 0, shown = 0;

      async function more() {
        let checked = 0;
        const batch = [];
        while (batch.length < PAGE_SIZE && next < results.length && checked < MAX_CHECKED) {
          const slice = results.slice(next, next + PAGE_SIZE - batch.length);
          next += slice.length;
          checked += slice.length;
          for (const data of await Promise.all(slice.map((r) => r.data()))) {
            const html = resultExcerpt(data, parsed, engine.table);
            if (html !== null) batch.push(renderItem(data, html));
          }
          if (gen !== generation) return;
        }
        list.querySelector(".bp-search-more")?.remove();
        list.append(...batch);
        shown += batch.length;
        // Chinese results are confirmed as they load: the count is exact once all are checked.
        const total = next >= results.length || !runs.length ? (runs.length ? shown : results.length) : null;
        meta.textContent = total === 0 ? T.none : total === 1 ? T.one : T.other(total ?? `${shown}+`);
        if (next < results.length) {
          const li = document.createElement("li");
          li.className = "md-search-result__item bp-search-more";
          li.innerHTML = `<button type="button" class="md-search-result__link">${T.more}</button>`;
          li.querySelector("button").addEventListener("click", more);
          list.append(li);
        }
      }
      await more();
    }

    const links = () => Array.from(list.querySelectorAll("a.md-search-result__link"));
    input.addEventListener("focus", () => { open(true); load(); });
    input.addEventListener("input", () => { run(); });
    form.addEventListener("reset", () => setTimeout(run));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      links()[0]?.click();
    });

    document.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      const target = event.target;
      const typing = target instanceof HTMLElement &&
        (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (!typing && KEYS.includes(event.key)) {
        event.preventDefault();
        open(true);
        input.focus();
        input.select();
      } else if (isOpen() && event.key === "Escape") {
        open(false);
        input.blur();
      } else if (isOpen() && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
        const all = [input, ...links()];
        const at = all.indexOf(document.activeElement);
        if (at < 0) return;
        event.preventDefault();
        all[Math.max(0, Math.min(all.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)))].focus();
      }
    });

    // Start loading as soon as the reader heads for the box.
    document.querySelector(".bp-search-button")?.addEventListener("pointerenter", load, { once: true });
    toggle?.addEventListener("change", () => {
      if (toggle.checked) { load(); setTimeout(() => input.focus(), 0); }
    });
  }

  // For the tests and for debugging in the console: the same folding the index uses.
  window.bpSearch = { foldMapped, queryTerms, load, excerpt };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
