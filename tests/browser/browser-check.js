// Helpers of the report's browser test, node built-ins only.
//   node browser-check.js axe-page REPORT AXE_JS OUT_HTML
//       a copy of the report without its CSP that loads axe-core and writes the
//       WCAG 2.1 AA results into <pre id="axe-result"> when done
//   node browser-check.js axe-result DUMPED_DOM
//       reads the results from Chromium's --dump-dom output; exit 1 on violations
//   node browser-check.js console LOG
//       scans Chromium's log for console messages, CSP refusals and load errors
//   node browser-check.js outputs OUT_DIR
//       the response rates in results.json and results.csv (headcount and rate for the
//       kommun and every förvaltning; a rate over 100 % flagged, never printed) and the
//       comments in report.html and comments.html (grouped by question, identical ones
//       once with their count, placeholder-only ones left out, "1 kommentar"), checked
//       against results.json; Swedish reports
//   node browser-check.js layout-result DUMPED_DOM
//       the heatmaps' widths measured in the axe page (written there at load, before
//       axe runs): exit 1 when a heatmap overflows its container or the window, or its
//       last column is not fully visible
'use strict';
const fs = require('fs');
const path = require('path');

function axePage(report, axeJs, out) {
  let html = fs.readFileSync(report, 'utf8');
  // The test copy only: the CSP would (rightly) refuse the test's script.
  const csp = /<meta http-equiv="Content-Security-Policy"[^>]*>/;
  if (!csp.test(html)) throw new Error('the report has no Content-Security-Policy meta tag');
  html = html.replace(csp, '');
  fs.copyFileSync(axeJs, path.join(path.dirname(out), 'axe.min.js'));
  const run = `
<script>
(function () {
  var vw = document.documentElement.clientWidth, out = { viewport: vw,
    pageScroll: document.documentElement.scrollWidth, tables: [] };
  document.querySelectorAll('table.heatmap').forEach(function (t) {
    var box = t.parentElement, b = box.getBoundingClientRect(), r = t.getBoundingClientRect();
    var head = t.querySelectorAll('thead tr:last-child th'), last = head[head.length - 1];
    var lr = last ? last.getBoundingClientRect() : r;
    out.tables.push({ caption: t.caption ? t.caption.textContent.slice(0, 60) : '',
      table: Math.round(r.width), container: Math.round(b.width),
      overflow: box.scrollWidth - box.clientWidth, right: Math.round(r.right),
      boxRight: Math.round(b.right), lastRight: Math.round(lr.right),
      lastWidth: Math.round(lr.width), columns: head.length });
  });
  var pre = document.createElement('pre');
  pre.id = 'layout-result';
  pre.hidden = true;
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
<script src="axe.min.js"></script>
<script>
axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                    resultTypes: ['violations'] })
  .then(function (r) {
    var out = { violations: r.violations.map(function (v) {
      return { id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.slice(0, 5).map(function (n) { return n.target.join(' '); }) };
    }) };
    var pre = document.createElement('pre');
    pre.id = 'axe-result';
    pre.textContent = JSON.stringify(out);
    document.body.appendChild(pre);
  })
  .catch(function (e) {
    var pre = document.createElement('pre');
    pre.id = 'axe-result';
    pre.textContent = JSON.stringify({ error: String(e) });
    document.body.appendChild(pre);
  });
</script>
</body>`;
  if (!html.includes('</body>')) throw new Error('the report has no </body>');
  fs.writeFileSync(out, html.replace('</body>', run));
}

function unescapeHtml(s) {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function axeResult(dom) {
  const m = fs.readFileSync(dom, 'utf8').match(/<pre id="axe-result">([\s\S]*?)<\/pre>/);
  if (!m) {
    console.error('axe-core did not finish (no result in the page)');
    return 1;
  }
  const r = JSON.parse(unescapeHtml(m[1]));
  if (r.error) {
    console.error('axe-core failed: ' + r.error);
    return 1;
  }
  for (const v of r.violations)
    console.error(`WCAG violation ${v.id} (${v.impact}): ${v.help}\n    at ${v.nodes.join('\n    at ')}`);
  console.log(`axe-core: ${r.violations.length} WCAG 2.1 A/AA violations`);
  return r.violations.length ? 1 : 0;
}

function layoutResult(dom) {
  const m = fs.readFileSync(dom, 'utf8').match(/<pre id="layout-result"[^>]*>([\s\S]*?)<\/pre>/);
  if (!m) {
    console.error('the layout probe did not run (no result in the page)');
    return 1;
  }
  const r = JSON.parse(unescapeHtml(m[1]));
  let bad = 0;
  const say = function (msg) { console.error('heatmap: ' + msg); bad++; };
  if (!r.tables.length) say('no table.heatmap in the page (is the probe blind?)');
  if (r.pageScroll > r.viewport) say(`the page scrolls sideways: ${r.pageScroll} px in a ${r.viewport} px window`);
  let widest = 0, narrowLast = Infinity;
  for (const t of r.tables) {
    const where = `"${t.caption}"`;
    widest = Math.max(widest, t.table);
    narrowLast = Math.min(narrowLast, t.lastWidth);
    if (t.overflow > 0) say(`${where} overflows its container by ${t.overflow} px`);
    if (t.right > t.boxRight + 1 || t.right > r.viewport) say(`${where} ends at ${t.right} px, beyond ${t.boxRight} px`);
    if (t.lastRight > t.boxRight + 1) say(`${where}: the last column ends at ${t.lastRight} px, beyond ${t.boxRight} px`);
    if (t.lastWidth < 40) say(`${where}: the last column is ${t.lastWidth} px wide`);
  }
  console.log(`heatmap: ${r.tables.length} tables, widest ${widest} px in a ${r.viewport} px window, ` +
              `container ${r.tables.length ? r.tables[0].container : 0} px, last column at least ${narrowLast} px`);
  return bad ? 1 : 0;
}

// --- outputs: response rates and comments -------------------------------------------

function csvRows(text) { // RFC 4180: quoted fields may hold commas, quotes and newlines
  const rows = [];
  let row = [], f = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') { f += '"'; i++; }
      else if (c === '"') q = false;
      else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(f); f = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(f); rows.push(row); row = []; f = '';
    } else f += c;
  }
  if (f !== '' || row.length) { row.push(f); rows.push(row); }
  return rows;
}

function plain(html) {
  return unescapeHtml(html.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
}

const norm = (t) => t.toLowerCase().replace(/\s+/g, ' ').trim();
const placeholderOnly = (t) => !/[\p{L}\p{N}]/u.test(t.replace(/\[[^\]]*\]/g, ''));

function checkRates(dir, say) {
  const res = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8'));
  const byId = new Map(res.units.map((u) => [u.id, u]));
  const top = res.units.filter((u) => u.parent === null || byId.get(u.parent)?.parent === null);
  let over = 0, shown = 0;
  for (const u of top) {
    if (u.suppressed) continue;
    if (typeof u.headcount !== 'number' || u.headcount <= 0) say(`results.json: ${u.id} has no headcount`);
    if (u.response_rate_flag === 'over-100') {
      if (u.response_rate !== null) say(`results.json: ${u.id} is over 100 % but carries a rate`);
    } else if (typeof u.response_rate !== 'number' || u.response_rate <= 0 || u.response_rate > 1) {
      say(`results.json: ${u.id} has response_rate ${u.response_rate}`);
    }
  }
  for (const u of res.units) {
    if (u.suppressed) continue;
    const f = u.response_rate_flag;
    if (f === 'over-100') {
      over++;
      if (u.response_rate !== null) say(`results.json: ${u.id}: rate over 100 % printed`);
    } else if (typeof u.response_rate === 'number') {
      shown++;
      if (f !== (u.response_rate < 0.5 ? 'low' : 'ok')) say(`results.json: ${u.id}: flag ${f} for ${u.response_rate}`);
    }
  }
  const rows = csvRows(fs.readFileSync(path.join(dir, 'results.csv'), 'utf8'));
  const h = rows[0], col = (n) => h.indexOf(n);
  for (const n of ['unit', 'headcount', 'response_rate', 'response_rate_flag'])
    if (col(n) < 0) say(`results.csv has no column ${n}`);
  let csvChecked = 0;
  for (const r of rows.slice(1)) {
    const u = byId.get(r[col('unit')]);
    if (!u || u.suppressed) continue;
    const hc = r[col('headcount')], rate = r[col('response_rate')], fl = r[col('response_rate_flag')];
    const want = u.response_rate === null ? '' : u.response_rate;
    if (String(u.headcount ?? '') !== hc || (want === '' ? rate !== '' : Math.abs(Number(rate) - want) > 1e-9) ||
        (u.response_rate_flag ?? '') !== fl)
      say(`results.csv: ${u.id}: headcount ${hc}, rate ${rate}, flag ${fl}; results.json says ` +
          `${u.headcount}, ${u.response_rate}, ${u.response_rate_flag}`);
    csvChecked++;
  }
  return { res, top: top.length, over, shown, csvChecked };
}

function checkOverPrinted(dir, res, say) {
  const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
  const body = html.replace(/<head>[\s\S]*?<\/head>/, '').replace(/<[^>]*>/g, ' ');
  const big = unescapeHtml(body).match(/(^|[^\d,.])(\d{3,})[ \u00a0\u202f]?%/g) || [];
  for (const m of big)
    if (Number(m.replace(/\D/g, '')) > 100) say(`report.html prints a rate over 100 %: "${m.trim()}"`);
  for (const u of res.units.filter((x) => x.response_rate_flag === 'over-100')) {
    const row = html.match(new RegExp('<tr>\\s*<th[^>]*>(?:<a[^>]*>)?' + u.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') +
                                      '(?:</a>)?</th>([\\s\\S]*?)</tr>'));
    if (!row) say(`report.html: no heatmap row for ${u.name}`);
    else if (!/fel i antal anställda/.test(row[1])) say(`report.html: ${u.name}'s row does not flag its headcount`);
  }
}

// One group of comments: question title, its count, the comments shown with counts.
function groups(html, tag) {
  const out = [];
  const re = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>([\\s\\S]*?)(?=<${tag}>|<h[1-5][ >]|<div class="unit-page"|</div>|$)`, 'g');
  for (let m; (m = re.exec(html));) {
    const count = (m[1].match(/<span class="count">([^<]*)<\/span>/) || [])[1];
    if (count === undefined) continue; // a heading that is not a question
    const quotes = [...m[2].matchAll(/<blockquote>([\s\S]*?)<\/blockquote>/g)].map((b) => {
      const by = b[1].match(/<span class="count">[^<]*?(\d+)[^<]*<\/span>/);
      return { text: plain(b[1].replace(/<span[^>]*>[\s\S]*?<\/span>/g, '')), n: by ? Number(by[1]) : 1,
               countText: by ? plain(by[0]) : '' };
    });
    out.push({ title: plain(m[1].replace(/<span[\s\S]*<\/span>/, '')), count: plain(count), quotes, at: m.index });
  }
  return out;
}

function subtree(res, id) {
  const ids = new Set([id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const u of res.units) if (!ids.has(u.id) && ids.has(u.parent)) { ids.add(u.id); grew = true; }
  }
  return ids;
}

function checkGroup(g, unit, res, where, say) {
  const m = g.count.match(/^(\d+) (kommentar|kommentarer)$/);
  if (!m || (m[1] === '1') !== (m[2] === 'kommentar')) say(`${where}: "${g.count}" for "${g.title}"`);
  const ids = subtree(res, unit.id), mine = res.comments.filter((c) => ids.has(c.unit));
  // The group's question: the one under which every comment shown has its count (a
  // text may have been written to both questions).
  const qids = [...new Set(mine.map((c) => c.question))];
  const fits = (qq) => g.quotes.filter((b) => mine.filter((c) => c.question === qq &&
                                                          norm(c.text) === norm(b.text)).length === b.n).length;
  const q = qids.sort((a, b) => fits(b) - fits(a))[0] ?? null;
  const seen = new Set();
  for (const b of g.quotes) {
    if (placeholderOnly(b.text)) say(`${where}: a comment of nothing but placeholders is shown: "${b.text}"`);
    if (seen.has(norm(b.text))) say(`${where}: "${b.text}" is shown twice under "${g.title}"`);
    seen.add(norm(b.text));
    if (b.n > 1 && !/skriven av \d+ personer/.test(b.countText)) say(`${where}: count "${b.countText}"`);
    const inQ = mine.filter((c) => c.question === q && norm(c.text) === norm(b.text)).length;
    if (inQ !== b.n) say(`${where}: "${b.text}" shown with ${b.n} under "${g.title}", written ${inQ} times to ${q}`);
  }
  if (q !== null) {
    const total = mine.filter((c) => c.question === q && !placeholderOnly(c.text)).length;
    if (Number(m ? m[1] : -1) !== total) say(`${where}: "${g.count}" under "${g.title}", results.json has ${total}`);
  }
  return q;
}

function checkComments(dir, res, say) {
  const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
  if (/\b1 kommentarer\b|skriven av 1 person/.test(plain(html))) say('report.html: "1 kommentarer" or "skriven av 1"');
  const pages = [...html.matchAll(/<div class="unit-page" id="unit-(\d+)"/g)];
  let n = 0, titles = new Set();
  for (let i = 0; i < pages.length; i++) {
    const part = html.slice(pages[i].index, i + 1 < pages.length ? pages[i + 1].index : html.length);
    const unit = res.units[Number(pages[i][1])];
    const qs = new Map();
    for (const g of groups(part, 'h5')) {
      const q = checkGroup(g, unit, res, `report.html, ${unit.id}`, say);
      if (q !== null && qs.has(q)) say(`report.html, ${unit.id}: question ${q} in two groups (not grouped)`);
      if (q !== null) qs.set(q, g.title);
      titles.add(g.title);
      n += g.quotes.length;
    }
  }
  const appendix = fs.readFileSync(path.join(dir, 'comments.html'), 'utf8');
  const units = [...appendix.matchAll(/<h2>([^<]*)<\/h2>/g)];
  let m = 0;
  for (let i = 0; i < units.length; i++) {
    const unit = res.units.find((u) => u.name === unescapeHtml(units[i][1]));
    if (!unit) { say(`comments.html: no unit named ${units[i][1]}`); continue; }
    const part = appendix.slice(units[i].index, i + 1 < units.length ? units[i + 1].index : appendix.length);
    for (const g of groups(part, 'h3')) { checkGroup(g, unit, res, `comments.html, ${unit.id}`, say); m += g.quotes.length; }
  }
  if (n === 0 || m === 0 || titles.size < 2) say(`comments: ${n} in the report, ${m} in comments.html, ${titles.size} questions (blind?)`);
  return { n, m, titles: titles.size };
}

function outputs(dir) {
  let bad = 0;
  const say = function (msg) { console.error(msg); bad++; };
  const r = checkRates(dir, say);
  checkOverPrinted(dir, r.res, say);
  const c = checkComments(dir, r.res, say);
  console.log(`outputs: rates of ${r.top} kommun/förvaltning units, ${r.shown} shown, ${r.over} over 100 % flagged; ` +
              `${r.csvChecked} CSV rows agree; ${c.n} comments in the report, ${c.m} in comments.html, ${c.titles} questions`);
  return bad ? 1 : 0;
}

function consoleScan(log) {
  const bad = fs.readFileSync(log, 'utf8').split('\n').filter(function (l) {
    return /:CONSOLE[:(]|Refused to|violates the following Content Security Policy|Uncaught|Failed to load|net::ERR_/.test(l);
  });
  for (const l of bad) console.error('browser: ' + l);
  return bad.length ? 1 : 0;
}

const [cmd, ...args] = process.argv.slice(2);
let rc = 2;
if (cmd === 'axe-page') { axePage(args[0], args[1], args[2]); rc = 0; }
else if (cmd === 'axe-result') rc = axeResult(args[0]);
else if (cmd === 'console') rc = consoleScan(args[0]);
else if (cmd === 'layout-result') rc = layoutResult(args[0]);
else if (cmd === 'outputs') rc = outputs(args[0]);
else console.error('usage: node browser-check.js axe-page|axe-result|console|layout-result|outputs ...');
process.exit(rc);
