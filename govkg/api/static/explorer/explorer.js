/* govkg explorer: a small single-page app over the public REST API (no private routes).
 * Pages are addressed by the URL fragment, so every view has a stable, shareable URL:
 *   #/                      home: search, top practices, active regions, corpus stats
 *   #/search?q=TEXT         search results
 *   #/practice/KEY[?province=33]   practice page (map drilled into a province)
 *   #/region/CODE[?compare=OTHER]  region page
 *   #/report/ID[?at=OFFSET]        report with its facts highlighted
 *   #/cypher[?q=QUERY]      read-only Cypher console
 */
"use strict";

(function () {
  const main = document.getElementById("main");
  const LEVELS = {
    province: "省级 province", prefecture: "地级 prefecture", county: "县级 county",
    township: "乡级 township", community: "社区 community", village: "村 village",
  };

  // ---------- DOM helpers (text is always set as text, never as HTML) ----------
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else if (k === "class") el.className = v;
      else if (k === "dataset") Object.assign(el.dataset, v);
      else el.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }
  const en = (text) => h("span", { class: "en", lang: "en" }, " " + text);
  const title2 = (zh, eng) => h("h2", {}, zh, en(eng));
  const empty = (...text) => h("p", { class: "empty" }, ...text);
  const enc = encodeURIComponent;
  const practiceLink = (key, name) => h("a", { href: `#/practice/${enc(key)}` }, name || key);
  const regionLink = (code, name) => h("a", { href: `#/region/${enc(code)}` }, name || code);
  const reportLink = (id, label, at) =>
    h("a", { href: `#/report/${enc(id)}` + (at !== null && at !== undefined ? `?at=${at}` : "") }, label || id);
  const level = (l) => (l ? LEVELS[l] || l : "");

  // ---------- API ----------
  class ApiError extends Error {
    constructor(status, detail, path) {
      super(detail);
      this.status = status;
      this.path = path;
    }
  }
  async function api(path, options) {
    let response;
    try {
      response = await fetch(path, options);
    } catch (e) {
      throw new ApiError(0, "the API did not answer: is `govkg serve` still running?", path);
    }
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      const detail = body && body.detail ? body.detail : response.statusText;
      throw new ApiError(response.status, typeof detail === "string" ? detail : JSON.stringify(detail), path);
    }
    return body;
  }
  let tileGrid = null;
  async function tiles() {
    if (!tileGrid) tileGrid = await api("/tilegrid");
    return tileGrid;
  }

  function errorBox(err, hint) {
    const status = err instanceof ApiError && err.status ? ` (${err.status})` : "";
    const what = err instanceof ApiError && err.status === 404
      ? "没有找到 Not found: " : "出错了 Something went wrong: ";
    return h("div", { class: "error", role: "alert" },
      h("p", {}, what + err.message + status),
      h("p", {}, hint || "试试搜索 Try a search above, or go back to ", h("a", { href: "#/" }, "首页 Home"), "."));
  }

  // ---------- tables with sorting and downloads of exactly what is shown ----------
  /* columns: [{key, label, en, value(row) -> text for sort/CSV, cell(row) -> node (optional), num}] */
  function dataTable(id, caption, columns, rows, fileBase) {
    let sortKey = null;
    let sortDir = 1;
    const tbody = h("tbody");
    const headers = columns.map((c) => {
      const btn = h("button", { type: "button", onclick: () => sortBy(c) }, c.label, en(c.en));
      return h("th", { scope: "col", "aria-sort": "none", dataset: { key: c.key } }, btn);
    });
    const table = h("table", { id, dataset: { rows: rows.length } },
      h("caption", { class: "sr" }, caption), h("thead", {}, h("tr", {}, headers)), tbody);
    let shown = rows.slice();
    function render() {
      tbody.replaceChildren(...shown.map((r) =>
        h("tr", {}, columns.map((c) => h("td", { class: c.key === "evidence" ? "evidence" : null },
          c.cell ? c.cell(r) : c.value(r))))));
    }
    function sortBy(c) {
      sortDir = sortKey === c.key ? -sortDir : 1;
      sortKey = c.key;
      shown.sort((a, b) => {
        const x = c.value(a);
        const y = c.value(b);
        if (c.num) return sortDir * ((x === "" ? -Infinity : +x) - (y === "" ? -Infinity : +y));
        return sortDir * String(x).localeCompare(String(y), "zh-CN");
      });
      headers.forEach((th) => th.setAttribute("aria-sort",
        th.dataset.key === c.key ? (sortDir > 0 ? "ascending" : "descending") : "none"));
      render();
    }
    function visible() {
      return shown.map((r) => Object.fromEntries(columns.map((c) => [c.key, String(c.value(r) ?? "")])));
    }
    function csv() {
      const quote = (s) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
      const lines = [columns.map((c) => quote(c.key)).join(",")];
      for (const r of visible()) lines.push(columns.map((c) => quote(r[c.key])).join(","));
      return lines.join("\r\n") + "\r\n";
    }
    function download(text, type, ext) {
      const url = URL.createObjectURL(new Blob([text], { type }));
      const a = h("a", { href: url, download: `${fileBase}.${ext}` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    }
    render();
    const tools = h("div", { class: "tools" },
      h("button", { type: "button", class: "secondary", id: `${id}-csv`,
        onclick: () => download("\ufeff" + csv(), "text/csv;charset=utf-8", "csv") }, "下载 CSV", en("download")),
      h("button", { type: "button", class: "secondary", id: `${id}-json`,
        onclick: () => download(JSON.stringify(visible(), null, 1), "application/json", "json") },
      "下载 JSON", en("download")),
      h("span", { class: "muted" }, `${rows.length} 行 rows`));
    return h("div", {}, tools, h("div", { class: "tablewrap", tabindex: "0", role: "region",
      "aria-label": caption }, table));
  }

  // ---------- charts (ECharts, vendored) ----------
  const charts = [];
  function chart(el, option) {
    const c = echarts.init(el, null, { renderer: "canvas" });
    c.setOption(option);
    charts.push(c);
    return c;
  }
  window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
  function disposeCharts() {
    while (charts.length) charts.pop().dispose();
  }

  // ---------- routing ----------
  function parseHash() {
    const raw = location.hash.replace(/^#/, "") || "/";
    const [path, query] = raw.split("?");
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
    return { parts, params: new URLSearchParams(query || "") };
  }
  async function route() {
    disposeCharts();
    const { parts, params } = parseHash();
    main.setAttribute("aria-busy", "true");
    main.replaceChildren(h("p", {}, "加载中… ", en("Loading…")));
    const [page, arg] = parts;
    try {
      if (!page) await homePage();
      else if (page === "search") await searchPage(params.get("q") || "");
      else if (page === "practice" && arg) await practicePage(arg, params);
      else if (page === "region" && arg) await regionPage(arg, params);
      else if (page === "report" && arg) await reportPage(arg, params);
      else if (page === "cypher") await cypherPage(params);
      else main.replaceChildren(errorBox(new ApiError(404, `no page ${location.hash}`)));
    } catch (err) {
      main.replaceChildren(errorBox(err));
    }
    main.setAttribute("aria-busy", "false");
    document.body.dataset.page = page || "home";
    document.body.dataset.ready = String(Date.now());
  }
  window.addEventListener("hashchange", route);
  document.getElementById("topsearch").addEventListener("submit", (e) => {
    e.preventDefault();
    const q = document.getElementById("topq").value.trim();
    if (q) location.hash = `#/search?q=${enc(q)}`;
  });

  function searchForm(value) {
    const input = h("input", { id: "q", name: "q", type: "search", value: value || "",
      placeholder: "枫桥经验、诸暨市、330681 …" });
    return h("form", { role: "search", class: "tools", onsubmit: (e) => {
      e.preventDefault();
      const q = input.value.trim();
      if (q) location.hash = `#/search?q=${enc(q)}`;
    } }, h("label", { for: "q" }, "搜索实践、地区或报告 ", en("Search practices, regions, reports")), input,
    h("button", { type: "submit" }, "搜索", en("Search")));
  }

  // ---------- home ----------
  async function homePage() {
    document.title = "govkg 探索 Explorer";
    // The page shows at once; each section fills in when its call answers, and a slow or failing
    // call costs its own section only.
    const section = (zh, eng) => {
      const slot = h("div", { "aria-busy": "true" }, h("p", { class: "muted" }, "加载中… ", en("Loading…")));
      return { node: h("section", {}, title2(zh, eng), slot), slot };
    };
    const fill = (part, promise, render) => promise.then(
      (data) => part.slot.replaceChildren(render(data)),
      (err) => part.slot.replaceChildren(errorBox(err,
        "这一部分暂时不可用，其他部分仍可使用。 This section is unavailable; the rest of the page works. ")),
    ).finally(() => part.slot.setAttribute("aria-busy", "false"));
    const corpus = section("语料概况", "Corpus");
    const topPart = section("采纳最广的实践", "Most adopted practices");
    const activePart = section("最活跃的地区", "Most active regions");
    const reportPart = section("报告", "Reports");
    main.replaceChildren(
      h("h1", {}, "地方社会治理实践知识图谱", en("Local social-governance practice, explored")),
      searchForm(""), corpus.node, h("div", { class: "grid2" }, topPart.node, activePart.node), reportPart.node);
    await Promise.allSettled([
      fill(corpus, api("/stats"), (stats) => h("div", {},
        h("ul", { class: "cards" },
          h("li", {}, h("span", { class: "n" }, stats.reports), "份报告 reports"),
          h("li", {}, h("span", { class: "n" }, stats.labels.Region || 0), "个地区 regions"),
          h("li", {}, h("span", { class: "n" }, stats.labels.Practice || 0), "项实践 practices"),
          h("li", {}, h("span", { class: "n" }, stats.relationships.ADOPTED || 0), "条采纳 adoptions"),
          stats.last_load ? h("li", {}, h("span", { class: "n" }, stats.last_load.slice(0, 10)), "最近加载 last load") : null),
        stats.reports ? null : empty("还没有加载报告。", en("No reports are loaded yet: run "), h("code", {}, "govkg load FILES…"),
          en(" or POST /reports, then reload this page.")))),
      fill(topPart, api("/practices?limit=1000"), (practices) => {
        const top = practices.data.filter((p) => p.adopters > 0).sort((a, b) => b.adopters - a.adopters).slice(0, 12);
        return top.length
          ? h("ol", { class: "hits" }, top.map((p) => h("li", {}, practiceLink(p.key, p.name),
            h("span", { class: "muted" }, ` · ${p.adopters} 个地区 regions · ${p.category || ""}`))))
          : empty("暂无采纳。", en("No adoptions yet."));
      }),
      fill(activePart, api("/regions?sort=practices&limit=10"), (active) => {
        const regions = active.data || [];
        return regions.length
          ? h("ol", { class: "hits" }, regions.map((r) => h("li", {}, regionLink(r.code, r.name),
            h("span", { class: "muted" }, ` · ${r.practices} 项实践 practices`))))
          : empty("暂无地区。", en("No regions with practices yet."));
      }),
      fill(reportPart, api("/reports?limit=10"), (reports) => (reports.data.length
        ? h("ul", { class: "hits" }, reports.data.map((r) => h("li", {}, reportLink(r.id, r.title || r.id),
          h("span", { class: "muted" },
            ` · ${r.published || r.year || ""} · ${r.subject ? r.subject.name : ""} · ${r.adoptions} 事实 facts`))))
        : empty("暂无报告。", en("No reports.")))),
    ]);
  }

  // ---------- search ----------
  async function searchPage(q) {
    document.title = `搜索 ${q} · govkg`;
    document.getElementById("topq").value = q;
    if (!q) {
      main.replaceChildren(h("h1", {}, "搜索", en("Search")), searchForm(""),
        empty("输入实践名称（简体或繁体）、地区名称或代码、报告标题。", en("Type a practice, a region name or code, or a report title.")));
      return;
    }
    // A region code (330681, 330681:枫桥镇) is looked up directly: full-text search covers names only.
    const isCode = /^\d{2,12}(:.+)?$/.test(q);
    const [hits, reports, byCode] = await Promise.all([
      api(`/search?q=${enc(q)}&limit=200`),
      api(`/reports?q=${enc(q)}&limit=50`),
      isCode ? api(`/regions/${enc(q.length === 2 ? q + "0000" : q)}`).catch(() => null) : null,
    ]);
    const by = { practice: [], region: [], agency: [], evidence: [] };
    if (byCode) by.region.push({ kind: "region", key: byCode.code, name: byCode.name });
    for (const hit of hits.data) (by[hit.kind] || (by[hit.kind] = [])).push(hit);
    // Practices named by the evidence sentences found (e.g. a traditional-character spelling).
    const seen = new Set(by.practice.map((p) => p.key));
    for (const e of by.evidence) {
      const named = [{ practice_key: e.practice_key, practice_name: e.name }, ...(e.facts || [])];
      for (const f of named) {
        if (f.practice_key && !seen.has(f.practice_key)) {
          seen.add(f.practice_key);
          by.practice.push({ key: f.practice_key, name: f.practice_name || f.practice_key, kind: "practice", via: true });
        }
      }
    }
    const body = [h("h1", {}, `搜索 “${q}”`, en("Search")), searchForm(q)];
    const section = (zh, eng, items, render) => {
      body.push(title2(zh, eng));
      body.push(items.length ? h("ul", { class: "hits", id: `hits-${eng.toLowerCase()}` }, items.map(render))
        : h("p", { class: "muted" }, "无 ", en("none")));
    };
    section("实践", "Practices", by.practice, (p) => h("li", {}, practiceLink(p.key, p.name),
      p.via ? h("span", { class: "muted" }, " · 见于证据句 named in evidence") : null));
    section("地区", "Regions", by.region, (r) => h("li", {}, regionLink(r.key, r.name), h("span", { class: "muted" }, ` · ${r.key}`)));
    section("机构", "Agencies", by.agency, (a) => h("li", {}, a.name || a.key, " ",
      regionLink(String(a.key).split(":")[0], "地区 region")));
    section("报告", "Reports", reports.data, (r) => h("li", {}, reportLink(r.id, r.title || r.id),
      h("span", { class: "muted" }, ` · ${r.published || r.year || ""}`)));
    section("证据句", "Evidence", by.evidence.slice(0, 50), (e) => h("li", {}, e.evidence || "", " — ",
      e.practice_key ? [practiceLink(e.practice_key, e.name), " · "] : null,
      e.region_code ? [regionLink(e.region_code), " · "] : null,
      e.report_id ? reportLink(e.report_id, e.report_title || "报告 report", e.offset) : null));
    if (!hits.data.length && !reports.data.length && !byCode) {
      body.push(empty("没有结果。试试更短的词、别名或地区代码。", en("Nothing found: try a shorter word, an alias or a region code.")));
    }
    main.replaceChildren(...body);
  }

  // ---------- practice ----------
  function chainOf(code, names) {
    const out = [];
    const digits = String(code).split(":")[0];
    const prov = digits.slice(0, 2);
    const candidates = [prov + "0000", digits.slice(0, 4) + "00"];
    for (const c of candidates) {
      if (c !== code && names.has(c) && !out.some((x) => x.code === c)) out.push({ code: c, name: names.get(c) });
    }
    if (String(code).includes(":") && digits !== code && names.has(digits)) out.push({ code: digits, name: names.get(digits) });
    return out;
  }

  async function practicePage(key, params) {
    const p = await api(`/practices/${enc(key)}`);
    document.title = `${p.name} · govkg`;
    const base = `/practices/${enc(p.key)}`;
    const coCall = api(`/cooccurrence?practice=${enc(p.key)}&codes=false&limit=1000`); // shown when it answers
    // One evidence fact per table row (it carries its report's title, date and offset); the roll-up
    // only names the chain's regions and the curve needs only its counts, so they read no fact.
    const [adopters, rolled, timeline, grid] = await Promise.all([
      api(`${base}/adopters?limit=1000&evidence_limit=1`),
      api(`${base}/adopters?rollup=true&limit=1000&evidence_limit=0`),
      api(`${base}/timeline?regions=false`),
      tiles(),
    ]);
    const names = new Map(rolled.data.map((r) => [r.code, r.name]));
    const rows = adopters.data.map((a) => {
      const f = a.evidence[0] || {};
      return {
        code: a.code, name: a.name || a.code, level: a.level || "", chain: chainOf(a.code, names),
        first_year: a.first_year ?? "", reports: a.reports, evidence: f.evidence || "",
        report_id: f.report_id || "", report_title: f.report_title || f.report_id || "",
        report_date: f.report_date || "", offset: f.offset ?? null,
        method: [f.method, f.confidence].filter((x) => x !== null && x !== undefined).join(" "),
      };
    });
    const body = [
      h("h1", {}, p.name, en(p.key)),
      h("dl", { class: "meta" },
        h("dt", {}, "类别 Category"), h("dd", {}, p.category || "—"),
        h("dt", {}, "别名 Aliases"), h("dd", {}, p.aliases.length ? p.aliases.map((a) => h("span", { class: "tag" }, a)) : "—"),
        p.description ? [h("dt", {}, "说明 Description"), h("dd", {}, p.description)] : null,
        p.origin ? [h("dt", {}, "起源 Origin"), h("dd", {}, p.origin)] : null,
        p.variant_of ? [h("dt", {}, "上位实践 Variant of"), h("dd", {}, practiceLink(p.variant_of.key, p.variant_of.name))] : null,
        p.variants.length ? [h("dt", {}, "变体 Variants"), h("dd", {}, p.variants.map((v) => h("span", { class: "tag" }, practiceLink(v.key, v.name))))] : null,
        h("dt", {}, "采纳 Adoption"), h("dd", { id: "practice-summary" },
          `${p.adopters} 个地区 regions · ${p.reports} 份报告 reports · ${p.first_year ?? "?"}–${p.last_year ?? "?"}`)),
    ];
    const mapBox = h("div", { class: "chart", id: "map", role: "img",
      "aria-label": "各省采纳地区数的方格地图 Tile-grid map of adopting regions per province" });
    const mapNote = h("p", { class: "muted", id: "map-note" });
    const drillBox = h("div", { id: "drill" });
    const curveBox = h("div", { class: "chart small", id: "curve", role: "img",
      "aria-label": "扩散曲线 Diffusion curve: first adoption year per region, cumulative" });
    body.push(h("div", { class: "grid2" },
      h("section", {}, title2("地图", "Map (click a province)"), mapBox, mapNote),
      h("section", {}, title2("扩散", "Diffusion"), curveBox,
        h("p", { class: "muted" }, `无年份地区 undated regions: ${timeline.undated_regions}`))));
    body.push(drillBox);
    body.push(title2("采纳地区", "Adopters"));
    if (rows.length) {
      body.push(dataTable("adopters", "采纳地区 Adopters", [
        { key: "region", label: "地区", en: "Region", value: (r) => r.name, cell: (r) => regionLink(r.code, r.name) },
        { key: "code", label: "代码", en: "Code", value: (r) => r.code },
        { key: "chain", label: "上级", en: "Chain", value: (r) => r.chain.map((c) => c.name).join(" › "),
          cell: (r) => h("span", { class: "chain" }, r.chain.map((c, i) => [i ? " › " : "", regionLink(c.code, c.name)])) },
        { key: "level", label: "级别", en: "Level", value: (r) => r.level },
        { key: "first_year", label: "首年", en: "First year", value: (r) => r.first_year, num: true },
        { key: "reports", label: "报告数", en: "Reports", value: (r) => r.reports, num: true },
        { key: "evidence", label: "证据句", en: "Evidence", value: (r) => r.evidence },
        { key: "report", label: "报告", en: "Report", value: (r) => r.report_title,
          cell: (r) => (r.report_id ? reportLink(r.report_id, r.report_title, r.offset) : "") },
        { key: "date", label: "日期", en: "Date", value: (r) => r.report_date },
        { key: "method", label: "方法", en: "Method", value: (r) => r.method },
      ], rows, `${p.key}-adopters`));
      if (adopters.count > adopters.data.length) {
        body.push(h("p", { class: "muted" }, `显示前 ${adopters.data.length} / ${adopters.count}；全部见 `,
          h("a", { href: `${base}/adopters?limit=1000` }, "API")));
      }
    } else {
      body.push(empty("尚无地区采纳此实践。", en("No region has adopted this practice in the loaded reports yet.")));
    }
    const coBox = h("div", { "aria-busy": "true" }, h("p", { class: "muted" }, "加载中… ", en("Loading…")));
    body.push(title2("共同采纳的实践", "Co-adopted practices"), coBox);
    main.replaceChildren(...body);
    const coDone = coCall.then((co) => {
      const pairs = co.data.filter((c) => c.a === p.key || c.b === p.key)
        .map((c) => (c.a === p.key ? { key: c.b, name: c.b_name, n: c.regions } : { key: c.a, name: c.a_name, n: c.regions }))
        .sort((a, b) => b.n - a.n).slice(0, 15);
      coBox.replaceChildren(pairs.length ? h("ul", { class: "hits", id: "coadopted" }, pairs.map((c) => h("li", {},
        practiceLink(c.key, c.name), h("span", { class: "muted" }, ` · ${c.n} 个地区 regions`))))
        : empty("没有与之共同采纳的实践。", en("No practice is adopted by the same regions.")));
    }, (err) => coBox.replaceChildren(errorBox(err, "这一部分暂时不可用。 This section is unavailable. ")))
      .finally(() => coBox.setAttribute("aria-busy", "false"));

    drawCurve(curveBox, timeline);
    const province = await drawMap(mapBox, mapNote, grid, base, p.key);
    const selected = params.get("province");
    if (selected) await drillDown(drillBox, base, selected, grid, province);
    await coDone;
  }

  function drawCurve(el, timeline) {
    if (!timeline.points.length) {
      el.replaceWith(empty("没有带年份的采纳。", en("No dated adoption: no curve to draw.")));
      return;
    }
    chart(el, {
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: ["新增 new", "累计 cumulative"] },
      grid: { left: 40, right: 40, top: 50, bottom: 30 },
      xAxis: { type: "category", data: timeline.points.map((x) => String(x.year)) },
      yAxis: [{ type: "value", name: "新增" }, { type: "value", name: "累计" }],
      series: [
        { name: "新增 new", type: "bar", data: timeline.points.map((x) => x.new_regions), itemStyle: { color: "#9cc3e6" } },
        { name: "累计 cumulative", type: "line", step: "end", yAxisIndex: 1,
          data: timeline.points.map((x) => x.cumulative), itemStyle: { color: "#1f4e79" } },
      ],
    });
  }

  async function drawMap(el, note, grid, base, key) {
    const prov = await api(`${base}/adopters?level=province&rollup=true&limit=1000&evidence_limit=0`);
    const count = new Map(prov.data.map((r) => [r.code.slice(0, 2), r]));
    const adopters = (r) => r.adopting_regions ?? r.reports;
    const max = Math.max(1, ...prov.data.map(adopters));
    const data = grid.tiles.map((t) => {
      const r = count.get(t.code);
      return { value: [t.col, t.row, r ? adopters(r) : 0], name: t.short, code: t.code, reports: r ? r.reports : 0,
        itemStyle: r ? undefined : { color: "#eef1f4" } };
    });
    el.dataset.coloured = String(prov.data.length);
    const c = chart(el, {
      animation: false,
      tooltip: { formatter: (x) => `${x.data.name}: ${x.data.value[2]} 个采纳地区 adopting regions · ${x.data.reports} 份报告 reports` },
      grid: { left: 4, right: 4, top: 4, bottom: 48 },
      xAxis: { type: "category", data: [...Array(grid.cols).keys()], show: false },
      yAxis: { type: "category", data: [...Array(grid.rows).keys()], inverse: true, show: false },
      visualMap: { min: 0, max, calculable: false, orient: "horizontal", left: "center", bottom: 4,
        text: [`${max}`, "0 个采纳地区 adopting regions"], inRange: { color: ["#dbe9f6", "#1f4e79"] }, textStyle: { color: "#1b1f24" } },
      series: [{ type: "heatmap", data, itemStyle: { borderColor: "#fff", borderWidth: 3 },
        label: { show: true, formatter: (x) => x.data.name, fontSize: 11, color: "#1b1f24",
          textBorderColor: "#fff", textBorderWidth: 2 } }],
    });
    c.on("click", (x) => {
      location.hash = `#/practice/${enc(key)}?province=${x.data.code}`;
    });
    note.replaceChildren("颜色：该省及下辖地区中采纳此实践的地区数；点击省份查看下辖地区。",
      en("Colour: regions in the province (itself and below) that adopted it. Click a province (or pick one:"),
      " ", provincePicker(grid, key, count), en(")."));
    return count;
  }

  function provincePicker(grid, key, count) {
    const sel = h("select", { id: "province-pick", "aria-label": "选择省份 Pick a province",
      onchange: (e) => { if (e.target.value) location.hash = `#/practice/${enc(key)}?province=${e.target.value}`; } },
    h("option", { value: "" }, "省份 province…"),
    grid.tiles.filter((t) => count.has(t.code)).map((t) => h("option", { value: t.code }, t.short)));
    return sel;
  }

  function parentIn(code, present) {
    const digits = String(code).split(":")[0];
    const cands = [];
    if (String(code).includes(":")) {
      const parts = String(code).split(":");
      for (let i = parts.length - 1; i > 0; i--) cands.push(parts.slice(0, i).join(":"));
    }
    if (digits.length > 6) cands.push(digits.slice(0, 9), digits.slice(0, 6));
    cands.push(digits.slice(0, 4) + "00", digits.slice(0, 2) + "0000");
    return cands.find((c) => c !== code && present.has(c)) || null;
  }

  async function drillDown(box, base, provCode, grid, count) {
    const tile = grid.tiles.find((t) => t.code === provCode);
    if (!tile) {
      box.replaceChildren(errorBox(new ApiError(404, `no province with code ${provCode}`)));
      return;
    }
    const rows = await api(`${base}/adopters?within=${provCode}0000&rollup=true&limit=1000&evidence_limit=0`);
    const present = new Map(rows.data.map((r) => [r.code, { ...r, children: [] }]));
    const roots = [];
    for (const node of present.values()) {
      const parent = parentIn(node.code, present);
      if (parent) present.get(parent).children.push(node);
      else roots.push(node);
    }
    const toTree = (n) => ({ name: n.name || n.code, code: n.code, value: n.reports,
      children: n.children.length ? n.children.map(toTree) : undefined });
    const heading = title2(`${tile.name} 下辖地区`, `Drill-down: ${tile.en}`);
    if (!rows.data.length) {
      box.replaceChildren(heading, empty("该省没有采纳。", en("No adoption in this province.")));
      return;
    }
    const tree = h("div", { class: "chart", id: "treemap", role: "img",
      "aria-label": `${tile.name} 下辖地区的树图 Treemap of regions in ${tile.en}` });
    const list = h("ul", { class: "hits", id: "drill-list" }, rows.data.map((r) => h("li", {},
      regionLink(r.code, r.name), h("span", { class: "muted" }, ` · ${level(r.level)} · ${r.reports} 份报告 reports`))));
    box.replaceChildren(heading, h("div", { class: "grid2" }, tree, h("div", { class: "tablewrap", tabindex: "0",
      role: "region", "aria-label": "下辖地区列表 Regions list" }, list)));
    const c = chart(tree, {
      animation: false,
      tooltip: { formatter: (x) => `${x.name}: ${x.value} 份报告 reports` },
      series: [{ type: "treemap", data: roots.map(toTree), leafDepth: 2, roam: false,
        breadcrumb: { show: true }, label: { color: "#1b1f24" },
        levels: [{ itemStyle: { borderColor: "#fff", borderWidth: 2, gapWidth: 2 }, color: ["#9cc3e6", "#cfe2f3", "#b7d7a8", "#ffe599"] }] }],
    });
    c.on("dblclick", (x) => { if (x.data && x.data.code) location.hash = `#/region/${enc(x.data.code)}`; });
  }

  // ---------- region ----------
  async function regionPage(code, params) {
    const r = await api(`/regions/${enc(code)}`);
    document.title = `${r.name} · govkg`;
    const base = `/regions/${enc(r.code)}`;
    const [own, rolled, agencies, metrics] = await Promise.all([
      api(`${base}/practices?limit=1000`),
      api(`${base}/practices?include_descendants=true&limit=1000`),
      api(`${base}/agencies?limit=200`),
      api(`${base}/metrics?limit=200`),
    ]);
    const names = new Map([[r.code, r.name], ...r.children.map((c) => [c.code, c.name]), ...r.path.map((c) => [c.code, c.name])]);
    const chain = r.path.slice().reverse();
    const body = [
      h("nav", { "aria-label": "上级地区 Chain", class: "chain" }, chain.map((c) => [regionLink(c.code, c.name), " › "]), h("span", {}, r.name)),
      h("h1", {}, r.name, en(`${r.code} · ${level(r.level)}`)),
      h("dl", { class: "meta" },
        h("dt", {}, "简称/别名 Short, aliases"), h("dd", {}, [r.short, ...r.aliases].filter(Boolean).map((a) => h("span", { class: "tag" }, a))),
        h("dt", {}, "概况 Summary"), h("dd", {}, `${r.practices} 项实践 practices · ${r.reports} 份报告 reports`),
        r.children.length ? [h("dt", {}, "下辖 Children"), h("dd", {}, r.children.slice(0, 60).map((c) => h("span", { class: "tag" }, regionLink(c.code, c.name))),
          r.children.length > 60 ? ` … +${r.children.length - 60}` : "")] : null),
    ];
    body.push(title2("本级实践", "Its own practices"));
    body.push(own.data.length ? dataTable("own", "本级实践 Own practices", [
      { key: "practice", label: "实践", en: "Practice", value: (x) => x.name || x.key, cell: (x) => practiceLink(x.key, x.name) },
      { key: "category", label: "类别", en: "Category", value: (x) => x.category || "" },
      { key: "first_year", label: "首年", en: "First year", value: (x) => x.first_year ?? "", num: true },
      { key: "reports", label: "报告数", en: "Reports", value: (x) => x.reports, num: true },
      { key: "evidence", label: "证据句", en: "Evidence", value: (x) => (x.evidence[0] || {}).evidence || "",
        cell: (x) => evidenceCell(x.evidence[0]) },
    ], own.data, `${r.code}-practices`) : empty("本级没有采纳记录。", en("No practice adopted by this region itself; see the roll-up below.")));

    body.push(title2("含下辖地区（汇总）", "Rolled up: everything below it"));
    const label = (c) => names.get(c) || String(c).split(":").pop();
    body.push(rolled.data.length ? dataTable("rollup", "下辖汇总 Roll-up", [
      { key: "practice", label: "实践", en: "Practice", value: (x) => x.name || x.key, cell: (x) => practiceLink(x.key, x.name) },
      { key: "regions", label: "由哪些地区", en: "Which units", value: (x) => x.regions.map(label).join("、"),
        cell: (x) => x.regions.map((c, i) => [i ? "、" : "", regionLink(c, label(c))]) },
      { key: "first_year", label: "首年", en: "First year", value: (x) => x.first_year ?? "", num: true },
      { key: "reports", label: "报告数", en: "Reports", value: (x) => x.reports, num: true },
      { key: "evidence", label: "证据句", en: "Evidence", value: (x) => (x.evidence[0] || {}).evidence || "",
        cell: (x) => evidenceCell(x.evidence[0]) },
    ], rolled.data, `${r.code}-rollup`) : empty("该地区及下辖地区都没有采纳记录。", en("Nothing adopted here or below: load reports about this region.")));

    const cols = h("div", { class: "grid2" });
    cols.append(h("section", {}, title2("机构", "Agencies"), agencies.data.length ? h("ul", { class: "hits" },
      agencies.data.map((a) => h("li", {}, h("strong", {}, a.name), a.kind ? ` (${a.kind})` : "", ": ",
        a.implements.map((i, k) => [k ? "、" : "", practiceLink(i.practice_key, i.practice_name)]),
        a.implements[0] ? [" — ", evidenceCell(a.implements[0])] : null)))
      : empty("没有记录的机构。", en("No agency recorded for this region."))));
    cols.append(h("section", {}, title2("指标", "Metrics"), metrics.data.length ? h("ul", { class: "hits" },
      metrics.data.map((m) => h("li", {}, h("strong", {}, m.raw || `${m.value} ${m.unit || ""}`), ` ${m.indicator || ""} `,
        m.year ? `(${m.year}) ` : "", m.report_id ? reportLink(m.report_id, "证据 evidence", m.offset) : "")))
      : empty("没有记录的指标。", en("No metric recorded for this region."))));
    body.push(cols);

    const other = params.get("compare") || "";
    const input = h("input", { id: "compare-with", type: "text", value: other, placeholder: "地区名称或代码 name or code" });
    const result = h("div", { id: "compare-result" });
    body.push(title2("比较", "Compare"), h("form", { class: "tools", onsubmit: (e) => {
      e.preventDefault();
      if (input.value.trim()) location.hash = `#/region/${enc(r.code)}?compare=${enc(input.value.trim())}`;
    } }, h("label", { for: "compare-with" }, "与另一地区比较 ", en("Compare with")), input,
    h("button", { type: "submit" }, "比较", en("Compare"))), result);
    main.replaceChildren(...body);
    if (other) {
      try {
        const cmp = await api(`/regions/compare?codes=${enc(r.code)},${enc(other)}`);
        const [a, b] = cmp.regions;
        const names2 = (list) => (list.length ? list.map((x, i) => [i ? "、" : "", practiceLink(x.key, x.name)]) : "—");
        result.replaceChildren(h("dl", { class: "meta" },
          h("dt", {}, "Jaccard"), h("dd", {}, cmp.jaccard.toFixed(3)),
          h("dt", {}, "共同 Shared"), h("dd", {}, names2(cmp.shared)),
          h("dt", {}, `仅 ${a.name}`), h("dd", {}, names2(cmp.distinct[a.code] || [])),
          h("dt", {}, `仅 `, regionLink(b.code, b.name)), h("dd", {}, names2(cmp.distinct[b.code] || []))));
      } catch (err) {
        result.replaceChildren(errorBox(err, "输入另一个地区的名称或代码。Give another region's name or code. "));
      }
    }
  }

  function evidenceCell(ev) {
    if (!ev) return "";
    return h("span", {}, ev.evidence || "", " ", reportLink(ev.report_id, "报告 report"));
  }

  // ---------- report ----------
  async function reportPage(id, params) {
    const r = await api(`/reports/${enc(id)}`);
    document.title = `${r.title || r.id} · govkg`;
    const text = r.text || "";
    // One span per evidence sentence; facts and measurements sharing a sentence share its highlight.
    const spans = new Map();
    const add = (start, evidence, item) => {
      if (start === null || start === undefined || !evidence) return;
      const k = `${start}:${start + evidence.length}`;
      if (!spans.has(k)) spans.set(k, { start, end: start + evidence.length, items: [] });
      spans.get(k).items.push(item);
    };
    r.facts.forEach((f, i) => add(f.offset, f.evidence, { kind: "fact", i, f }));
    r.measurements.forEach((m, i) => add(m.offset, m.evidence, { kind: "metric", i, f: m }));
    const sorted = [...spans.values()].sort((a, b) => a.start - b.start || b.end - a.end);
    const kept = [];
    for (const s of sorted) {
      const last = kept[kept.length - 1];
      if (last && s.start < last.end) last.items.push(...s.items); // overlapping: shown with the first
      else kept.push(s);
    }
    const textBox = h("div", { class: "reporttext", id: "report-text", tabindex: "0", role: "region",
      "aria-label": "报告全文 Report text" });
    const detail = h("div", { id: "fact-detail", "aria-live": "polite" });
    const factItems = new Map();
    const marks = new Map();
    let pos = 0;
    for (const s of kept) {
      if (s.start > pos) textBox.append(text.slice(pos, s.start));
      const onlyMetric = s.items.every((x) => x.kind === "metric");
      const mark = h("mark", { class: "hl" + (onlyMetric ? " metric" : ""), id: `s-${s.start}`, tabindex: "0",
        dataset: { start: s.start, end: s.end }, title: `${s.items.length} 个事实 facts` }, text.slice(s.start, s.end));
      const activate = () => showSpan(s);
      mark.addEventListener("click", activate);
      mark.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); activate(); } });
      marks.set(s, mark);
      textBox.append(mark);
      pos = s.end;
    }
    if (pos < text.length) textBox.append(text.slice(pos));
    function showSpan(s) {
      document.querySelectorAll("mark.hl.active, .facts li.active").forEach((x) => x.classList.remove("active"));
      marks.get(s).classList.add("active");
      for (const it of s.items) {
        const li = factItems.get(it);
        if (li) li.classList.add("active");
      }
      detail.replaceChildren(h("h3", {}, "该句的事实 ", en("Facts stated by this sentence")), h("ul", {}, s.items.map((it) =>
        h("li", {}, describe(it)))));
    }
    function describe(it) {
      const f = it.f;
      if (it.kind === "metric") {
        return h("span", {}, "指标 metric: ", h("strong", {}, f.raw || `${f.value} ${f.unit || ""}`), ` ${f.indicator || ""} `,
          f.region_code ? regionLink(f.region_code) : "", f.year ? ` (${f.year})` : "");
      }
      return h("span", {}, regionLink(f.region_code, f.region_name), " 采纳 adopted ", practiceLink(f.practice_key, f.practice_name),
        f.year ? ` (${f.year})` : "", f.method ? h("span", { class: "muted" }, ` · ${f.method}${f.confidence != null ? " " + f.confidence : ""}`) : "");
    }
    const spanOf = (it) => kept.find((s) => s.items.includes(it));
    const groups = new Map();
    for (const s of kept) for (const it of s.items) {
      const g = it.kind === "fact" ? `${it.f.region_name || it.f.region_code}` : "指标 metrics";
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g).push(it);
    }
    const factList = h("div", { class: "facts", id: "facts" }, h("h2", {}, "事实（按地区）", en("Facts by region")),
      groups.size ? [...groups.entries()].map(([g, items]) => h("section", {}, h("h3", {}, g), h("ul", {}, items.map((it) => {
        const li = h("li", { dataset: { offset: it.f.offset } }, h("button", { type: "button", onclick: () => {
          const s = spanOf(it);
          const m = marks.get(s);
          m.scrollIntoView({ block: "center" });
          m.focus({ preventScroll: true });
          showSpan(s);
        } }, it.kind === "fact" ? `${it.f.practice_name || it.f.practice_key}` : `${it.f.raw || it.f.value}`),
        " ", describe(it));
        factItems.set(it, li);
        return li;
      })))) : empty("这份报告没有提取出事实。", en("No fact was extracted from this report.")), detail);
    const body = [
      h("h1", {}, r.title || r.id),
      h("dl", { class: "meta" },
        h("dt", {}, "日期 Date"), h("dd", {}, r.published || r.year || "—"),
        h("dt", {}, "来源 Source"), h("dd", {}, r.source || "—"),
        h("dt", {}, "主体 Subject"), h("dd", {}, r.subject ? regionLink(r.subject.code, r.subject.name) : "—"),
        h("dt", {}, "事实 Facts"), h("dd", {}, `${r.facts.length} 采纳 adoptions · ${r.measurements.length} 指标 metrics · ${r.implementations.length} 机构实施 implementations`)),
      h("p", { class: "muted" }, "黄色：采纳事实的证据句；蓝色：指标。点击高亮查看事实，点击事实定位到句子。",
        en("Yellow: evidence of adoptions; blue: metrics. Click a highlight to see its facts; click a fact to jump to its sentence.")),
      h("div", { class: "report" }, textBox, factList),
    ];
    main.replaceChildren(...body);
    const at = params.get("at");
    if (at !== null) {
      const s = kept.find((x) => x.start <= +at && +at < x.end);
      if (s) {
        marks.get(s).scrollIntoView({ block: "center" });
        showSpan(s);
      }
    }
  }

  // ---------- Cypher console ----------
  async function cypherPage(params) {
    document.title = "Cypher 控制台 · govkg";
    const catalog = await api("/queries").catch(() => []);
    const examples = catalog.filter((q) => !q.name.startsWith("export_") && !q.name.startsWith("analytics_"));
    const query = h("textarea", { id: "cypher-query", class: "cypher", spellcheck: "false" },
      params.get("q") || "MATCH (r:Region)-[a:ADOPTED]->(p:Practice {key: 'fengqiao'})\nRETURN r.code AS code, r.name AS name, a.reports AS reports\nORDER BY reports DESC LIMIT 20");
    const paramBox = h("textarea", { id: "cypher-params", class: "cypher", spellcheck: "false", rows: "3" }, params.get("p") || "{}");
    const out = h("div", { id: "cypher-result", "aria-live": "polite" });
    const pick = h("select", { id: "cypher-example", onchange: () => {
      const q = examples.find((x) => x.name === pick.value);
      if (!q) return;
      query.value = q.text.split("\n").filter((l) => !l.startsWith("// param") && !l.startsWith("// name")).join("\n").trim();
      const defaults = {};
      for (const p of q.params) {
        // required parameters get a value that exists in most corpora; the rest keep their defaults
        defaults[p.name] = !p.required ? p.default : p.type === "str" ? (/code|region|within/.test(p.name) ? "330000" : "fengqiao")
          : p.type === "int" ? 10 : p.type === "bool" ? false : p.type === "float" ? 1.0 : [];
      }
      paramBox.value = JSON.stringify(defaults, null, 1);
    } }, h("option", { value: "" }, "示例查询 example…"), examples.map((q) => h("option", { value: q.name }, `${q.name} — ${q.description.slice(0, 70)}`)));
    async function runQuery(e) {
      if (e) e.preventDefault();
      let p;
      try {
        p = JSON.parse(paramBox.value || "{}");
      } catch (err) {
        out.replaceChildren(h("div", { class: "error", role: "alert" }, `参数不是合法的 JSON Parameters are not valid JSON: ${err.message}`));
        return;
      }
      history.replaceState(null, "", `#/cypher?q=${enc(query.value)}`);
      out.replaceChildren(h("p", {}, "运行中… ", en("Running…")));
      try {
        const res = await api("/cypher", { method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ query: query.value, params: p }) });
        out.replaceChildren(
          h("p", { class: "muted" }, `${res.count} 行 rows`, res.truncated ? ` (截断于 truncated at ${res.row_cap})` : ""),
          res.rows.length ? dataTable("cypher-table", "查询结果 Query result", res.columns.map((c) => ({
            key: c, label: c, en: "", value: (row) => (typeof row[c] === "object" && row[c] !== null ? JSON.stringify(row[c]) : row[c] ?? ""),
          })), res.rows, "cypher-result") : empty("查询没有返回行。", en("The query returned no rows.")));
      } catch (err) {
        const readOnly = err.status === 400
          ? "此控制台只读：CREATE、MERGE、SET、DELETE 等写操作会被拒绝。 This console is read-only: writes (CREATE, MERGE, SET, DELETE …) are refused. "
          : "";
        out.replaceChildren(h("div", { class: "error", role: "alert", id: "cypher-error" },
          h("p", {}, `查询被拒绝 Query refused (${err.status || "network"}): ${err.message}`), readOnly ? h("p", {}, readOnly) : null));
      }
    }
    main.replaceChildren(
      h("h1", {}, "Cypher 控制台", en("Read-only Cypher console")),
      h("p", { class: "muted" }, "通过 POST /cypher 运行一条只读查询（有超时和行数上限）。Ctrl+Enter 运行。",
        en("Runs one read-only query through POST /cypher (timeout and row cap apply). Ctrl+Enter runs.")),
      h("form", { onsubmit: runQuery },
        h("div", { class: "tools" }, h("label", { for: "cypher-example" }, "目录中的查询 ", en("From the catalog")), pick),
        h("label", { for: "cypher-query" }, "查询 ", en("Query")), query,
        h("label", { for: "cypher-params" }, "参数 (JSON) ", en("Parameters")), paramBox,
        h("div", { class: "tools" }, h("button", { type: "submit", id: "cypher-run" }, "运行", en("Run")))),
      out);
    query.addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) runQuery(e); });
    if (params.get("q")) await runQuery();
  }

  route();
})();
