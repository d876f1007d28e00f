// resolve report: inflates the embedded data and draws persons, search, review list and timelines.
// Every string from the data goes into the page as a text node (never as markup): names
// come from untrusted text.  Layout of the data: resolve/report/data.py.
"use strict";
(function () {
  const PAGE = 50;         // persons per page of the list
  const ROWS = 50;         // articles / decisions shown before "show more"
  const SVGNS = "http://www.w3.org/2000/svg";
  const started = performance.now();

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "on") for (const [ev, fn] of Object.entries(v)) e.addEventListener(ev, fn);
      else if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const kid of kids.flat()) if (kid !== null && kid !== undefined) e.append(kid instanceof Node ? kid : String(kid));
    return e;
  }
  function sv(tag, attrs, ...kids) {
    const e = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    for (const kid of kids.flat()) if (kid !== null && kid !== undefined) e.append(kid instanceof Node ? kid : String(kid));
    return e;
  }
  // Replace a node's children; nested arrays are flattened and null/undefined left out.
  const fill = (node, ...kids) => node.replaceChildren(...kids.flat(2).filter((k) => k !== null && k !== undefined));
  const fold = (s) => String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  const num = (n) => Number(n).toLocaleString("en-US");
  const personHref = (id) => "#" + encodeURIComponent(id);

  async function inflate() {
    const node = document.getElementById("report-data");
    const bin = atob(node.textContent.trim());
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return JSON.parse(await new Response(stream).text());
  }

  function main(D) {
    const persons = D.persons;
    const index = new Map(persons.map((p, i) => [p.id, i]));
    for (const p of persons) for (const old of p.rd) if (!index.has(old)) index.set(old, index.get(p.id));
    const keys = persons.map((p) => [p.id, p.n, ...p.al.map((a) => a[0]), ...p.ti.map((t) => t[0]), ...(p.fk || [])].map(fold).join("\n"));
    const all = persons.map((_, i) => i);
    let hits = all, page = 0, selected = -1;

    const $ = (id) => document.getElementById(id);
    const nameOf = (id) => (index.has(id) ? persons[index.get(id)].n : id);
    const personLink = (id) => el("a", { href: personHref(id), class: "plink" }, nameOf(id));

    // ---------------------------------------------------------------- list and search
    function search(q) {
      const terms = fold(q).split(" ").filter(Boolean);
      if (!terms.length) return all;
      const out = [];
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        if (terms.every((t) => k.includes(t))) out.push(i);
      }
      return out;
    }
    function titlesLine(p) {
      const t = [...new Set(p.ti.map((x) => x[0]))];
      return t.slice(0, 3).join(", ") + (t.length > 3 ? ", …" : "");
    }
    function drawList() {
      const list = $("person-list");
      const pages = Math.max(1, Math.ceil(hits.length / PAGE));
      page = Math.min(page, pages - 1);
      const from = page * PAGE, to = Math.min(hits.length, from + PAGE);
      $("list-count").textContent = hits.length ? `${num(from + 1)}–${num(to)} of ${num(hits.length)} persons` : "No person matches.";
      list.replaceChildren(...hits.slice(from, to).map((i) => {
        const p = persons[i];
        return el("li", { "data-id": p.id, class: i === selected ? "selected" : null, on: { click: () => { location.hash = personHref(p.id); } } },
          el("span", { class: "pname" }, p.n), " ", el("span", { class: "sub" }, `${num(p.k)} art. · ${num(p.m)} mentions`),
          el("div", { class: "sub" }, titlesLine(p)));
      }));
      const pager = $("list-pager");
      pager.replaceChildren(
        el("button", { disabled: page === 0, on: { click: () => { page--; drawList(); } } }, "‹ prev"),
        el("span", { class: "sub" }, `page ${num(page + 1)} of ${num(pages)}`),
        el("button", { disabled: page >= pages - 1, on: { click: () => { page++; drawList(); } } }, "next ›"));
    }
    let timer = null;
    $("search").addEventListener("input", (ev) => {
      clearTimeout(timer);
      timer = setTimeout(() => { hits = search(ev.target.value); page = 0; drawList(); }, 120);
    });

    // ---------------------------------------------------------------- one person
    function day(s) { return s ? Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 864e5 : NaN; }
    function isoDay(d) { return new Date(d * 864e5).toISOString().slice(0, 10); }

    function timeline(ti) {
      const dated = ti.filter((t) => t[2] || t[3]);
      if (!dated.length) return null;
      let lo = Math.min(...dated.map((t) => day(t[2] || t[3]))), hi = Math.max(...dated.map((t) => day(t[3] || t[2])));
      if (hi - lo < 30) { lo -= 15; hi += 15; }
      const W = 720, label = 250, right = 10, rowH = 24, top = 18;
      const x = (d) => label + ((d - lo) / (hi - lo)) * (W - label - right);
      const H = top + rowH * dated.length + 16;
      const svg = sv("svg", { class: "timeline", width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "titles over time" });
      const y0 = new Date(lo * 864e5).getUTCFullYear(), y1 = new Date(hi * 864e5).getUTCFullYear();
      const stepY = Math.max(1, Math.ceil((y1 - y0 + 1) / 8));
      for (let y = y0 + 1; y <= y1; y += stepY) {
        const d = Date.UTC(y, 0, 1) / 864e5;
        svg.append(sv("line", { x1: x(d), x2: x(d), y1: top - 4, y2: H - 14, class: "tl-grid" }), sv("text", { x: x(d) + 2, y: 11, class: "axis" }, String(y)));
      }
      svg.append(sv("text", { x: label, y: H - 2, class: "axis" }, isoDay(lo)), sv("text", { x: W - right, y: H - 2, class: "axis", "text-anchor": "end" }, isoDay(hi)));
      dated.forEach((t, r) => {
        const [title, aff, first, last, n] = t;
        const a = day(first || last), b = day(last || first), y = top + r * rowH;
        const name = title + (aff ? ` (${aff})` : "");
        svg.append(sv("g", { class: "tl-row" },
          sv("text", { x: 0, y: y + 15 }, name.length > 40 ? name.slice(0, 39) + "…" : name),
          sv("rect", { class: "tl-bar", x: x(a), y: y + 4, width: Math.max(4, x(b) - x(a)), height: rowH - 9, rx: 2 },
            sv("title", {}, `${name}: ${first || "?"} – ${last || "?"}, ${n} mention${n === 1 ? "" : "s"}`))));
      });
      return svg;
    }

    function more(container, items, make) {
      let shown = 0;
      const button = el("button", { class: "more" });
      function step() {
        const next = items.slice(shown, shown + ROWS).map(make);
        container.append(...next);
        shown += next.length;
        button.textContent = `show ${num(Math.min(ROWS, items.length - shown))} more of ${num(items.length - shown)}`;
        button.hidden = shown >= items.length;
      }
      button.addEventListener("click", step);
      step();
      return button;
    }

    function articlesTable(p) {
      const snips = new Map((p.sn || []).map((s) => [s[0], s]));
      const body = el("tbody");
      const head = el("thead", {}, el("tr", {}, el("th", {}, "date"), el("th", {}, "article"), D.meta.snippets ? el("th", {}, "headline / mention") : null));
      const button = more(body, p.ar, (ai) => {
        const [id, date, headline] = D.articles[ai];
        const s = snips.get(ai);
        const text = D.meta.snippets
          ? el("td", {}, headline ? el("div", {}, headline) : null, s ? el("div", { class: "snippet sub" }, s[1], el("mark", {}, s[2]), s[3]) : null)
          : null;
        return el("tr", {}, el("td", { class: "date" }, date || "—"), el("td", {}, id), text);
      });
      return [el("table", { class: "articles" }, head, body), button];
    }

    // A decision's sentence: its template with {i} replaced by values[i] in one pass ({{ is a brace).
    const words = (d) => D.templates[d[0]].replace(/\{\{|\{(\d)\}/g, (m, i) => (i === undefined ? "{" : d[1][+i]));
    const sides = (d) => [...new Set([d[3], d[4]])].filter((i) => i >= 0).map((i) => persons[i].id);

    function decisionItem(i) {
      const d = D.decisions[i];
      const others = sides(d).filter((e) => e !== persons[selected].id);
      return el("div", { class: "decision " + (d[2] ? "merged" : "kept") },
        el("span", {}, words(d)),
        others.length ? el("span", { class: "sub" }, " → ", ...others.map(personLink)) : null);
    }

    function drawPerson(i) {
      selected = i;
      const p = persons[i];
      const box = $("person");
      const aliases = el("div", { class: "chips", id: "aliases" }, p.al.map(([form, n]) =>
        el("span", { class: "chip" }, form, el("span", { class: "count" }, n === null ? "added by hand" : "×" + num(n)))));
      const tl = timeline(p.ti);
      const undated = p.ti.filter((t) => !t[2] && !t[3]);
      const [table, moreArticles] = articlesTable(p);
      const decisions = el("div", { id: "decisions" });
      const moreDecisions = more(decisions, p.dc, decisionItem);
      fill(box,
        el("h2", { id: "person-name" }, p.n),
        el("p", { class: "sub" }, `${p.id} · ${num(p.m)} mentions in ${num(p.k)} articles` + (p.s ? ` · ${p.s} – ${p.e}` : "")),
        el("h3", {}, "Aliases (mentions)"), aliases,
        p.af.length ? [el("h3", {}, "Affiliations"), el("div", { class: "chips" }, p.af.map((a) => el("span", { class: "chip" }, a)))] : null,
        el("h3", {}, "Titles over time"),
        tl || el("p", { class: "empty" }, p.ti.length ? "No dated titles." : "No titles."),
        undated.length ? el("p", { class: "sub" }, "Undated: " + undated.map((t) => t[0] + (t[1] ? ` (${t[1]})` : "") + ` ×${t[4]}`).join(", ")) : null,
        p.rd.length ? [el("h3", {}, "Redirects"), el("p", {}, "Merged into this person: ", p.rd.join(", "))] : null,
        el("h3", {}, `Articles (${num(p.ar.length)})`), table, moreArticles,
        el("h3", {}, `Decisions (${num(p.dc.length)})`), p.dc.length ? decisions : el("p", { class: "empty" }, "No recorded decision."), moreDecisions);
      for (const li of document.querySelectorAll("#person-list li")) li.classList.toggle("selected", li.dataset.id === p.id);
    }

    // ---------------------------------------------------------------- review and overview
    function drawReview() {
      const box = $("review");
      if (box.dataset.drawn) return;
      box.dataset.drawn = "1";
      const R = D.review;
      const near = el("tbody");
      const nearMore = more(near, R.near, ([di, value, affected]) => {
        const d = D.decisions[di];
        return el("tr", { class: "review-item" },
          el("td", { class: "num" }, value.toFixed(2)), el("td", { class: "num" }, num(affected)),
          el("td", {}, d[2] ? "merged" : "kept apart"), el("td", {}, words(d)),
          el("td", {}, ...sides(d).map((e) => el("div", {}, personLink(e)))));
      });
      const splits = el("tbody");
      const splitsMore = more(splits, R.splits, ([name, ids]) =>
        el("tr", {}, el("td", {}, name), el("td", {}, ...ids.map((e) => el("div", {}, personLink(e), el("span", { class: "sub" }, ` ${e}`))))));
      const short = el("tbody");
      const shortMore = more(short, R.surname_only, (e) => {
        const p = persons[index.get(e)];
        return el("tr", {}, el("td", {}, personLink(e)), el("td", { class: "num" }, num(p.k)), el("td", { class: "num" }, num(p.m)));
      });
      fill(box,
        el("p", { class: "sub" }, "Answer these with `resolve review OUTDIR --judgements DIR/judgements.csv`; the next run with `--rules DIR` obeys the answers."),
        el("h2", {}, `Near the threshold (${num(R.near.length)})`),
        el("p", { class: "sub" }, `Scored decisions within ${D.meta.near_bits} bits of the threshold p=${D.meta.threshold}, most valuable first (value = mentions affected × 2^-distance).`),
        el("table", { id: "review-near" }, el("thead", {}, el("tr", {}, el("th", { class: "num" }, "value"), el("th", { class: "num" }, "mentions"), el("th", {}, "decision"), el("th", {}, "what was decided"), el("th", {}, "persons"))), near), nearMore,
        el("h2", {}, `Same-name splits (${num(R.splits.length)})`),
        el("p", { class: "sub" }, "Different persons sharing a canonical name or a full-name alias."),
        el("table", { id: "review-splits" }, el("thead", {}, el("tr", {}, el("th", {}, "name"), el("th", {}, "persons"))), splits), splitsMore,
        el("h2", {}, `Held together by surname-only mentions (${num(R.surname_only.length)})`),
        el("p", { class: "sub" }, "Persons known only by a surname (or initials) across articles: possibly several people."),
        el("table", { id: "review-surname" }, el("thead", {}, el("tr", {}, el("th", {}, "person"), el("th", { class: "num" }, "articles"), el("th", { class: "num" }, "mentions"))), short), shortMore);
    }
    function drawOverview() {
      const top = $("top-persons");
      if (top.childElementCount) return;
      top.append(...persons.slice(0, 20).map((p) => el("li", {}, personLink(p.id), el("span", { class: "sub" }, ` ${num(p.k)} articles, ${num(p.m)} mentions`))));
    }

    // ---------------------------------------------------------------- routing (#persons, #review, #overview, #ID)
    function show(tab) {
      for (const s of document.querySelectorAll("main > .tab")) s.hidden = s.id !== tab;
      for (const a of document.querySelectorAll("#tabs a")) a.classList.toggle("active", a.dataset.tab === tab);
    }
    function route() {
      const h = decodeURIComponent(location.hash.slice(1));
      if (h === "review") { drawReview(); show("review"); return; }
      if (h === "overview") { drawOverview(); show("overview"); return; }
      show("persons");
      if (index.has(h)) {
        const i = index.get(h);
        drawPerson(i);
        const pos = hits.indexOf(i);
        if (pos >= 0 && Math.floor(pos / PAGE) !== page) { page = Math.floor(pos / PAGE); drawList(); }
      } else if (selected < 0 && persons.length) drawPerson(0);
    }
    window.addEventListener("hashchange", route);
    drawList();
    route();
  }

  inflate().then(main).then(() => {
    document.documentElement.dataset.ready = "1";
    document.documentElement.dataset.loadMs = String(Math.round(performance.now() - started));
  }).catch((err) => {
    const msg = typeof DecompressionStream === "undefined"
      ? "This browser cannot read the report's data (it needs DecompressionStream: Chrome 80, Firefox 113, Safari 16.4 or newer)."
      : "Could not read the report's data: " + err;
    document.querySelector("main").replaceChildren(el("p", { class: "error", id: "load-error" }, msg));
    document.documentElement.dataset.ready = "error";
  });
})();
