// Helpers of the report's browser test, node built-ins only.
//   node browser-check.js axe-page REPORT AXE_JS OUT_HTML
//       a copy of the report without its CSP that loads axe-core and writes the
//       WCAG 2.1 AA results into <pre id="axe-result"> when done
//   node browser-check.js axe-result DUMPED_DOM
//       reads the results from Chromium's --dump-dom output; exit 1 on violations
//   node browser-check.js console LOG
//       scans Chromium's log for console messages, CSP refusals and load errors
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
else console.error('usage: node browser-check.js axe-page|axe-result|console ...');
process.exit(rc);
