// Runs a generated Google Apps Script (sixbox questionnaire --format
// google-apps-script) against a recording FormApp with the calls the script uses (the
// Google Forms service cannot be reached from a test) and prints, one per line, the
// response-export column each question of the made form gives: "Title" for a
// drop-down, a multiple-choice or a paragraph question, "Title [Row]" for each row of
// a grid. Fails when a grid has a single row (a lone question must be a plain
// multiple-choice question) or a call is not one of FormApp's. With EXPORT.csv (a
// Google Forms response export, first column the timestamp), fails unless its
// columns are exactly the made form's.
//
//   node gas-run.js SCRIPT.gs [EXPORT.csv]
'use strict';
const fs = require('fs');
const vm = require('vm');

const made = [];
let grids = 0, choices = 0;
function item(kind) {
  const it = { kind, title: '', rows: [], cols: [], choices: [] };
  made.push(it);
  const api = {
    setTitle(t) { it.title = t; return api; },
    setHelpText() { return api; },
    setRequired() { return api; },
    setChoiceValues(v) { it.choices = v.slice(); return api; },
    setRows(v) { it.rows = v.slice(); return api; },
    setColumns(v) { it.cols = v.slice(); return api; },
  };
  return api;
}
const form = {
  setDescription() { return form; },
  setCollectEmail() { return form; },
  setLimitOneResponsePerUser() { return form; },
  setProgressBar() { return form; },
  setConfirmationMessage() { return form; },
  addListItem: () => item('list'),
  addTextItem: () => item('text'),
  addMultipleChoiceItem: () => item('choice'),
  addGridItem: () => item('grid'),
  addParagraphTextItem: () => item('paragraph'),
  addPageBreakItem: () => item('page'),
  getPublishedUrl: () => 'https://docs.google.com/forms/d/e/x/viewform',
  getEditUrl: () => 'https://docs.google.com/forms/d/x/edit',
};
const sandbox = {
  FormApp: { create: (title) => { form.title = title; return form; } },
  Logger: { log() {} },
};
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(process.argv[2], 'utf8') + '\ncreateSixboxForm();', sandbox);
const out = [];
for (const it of made) {
  if (it.kind === 'page') continue;
  if (it.kind === 'grid') {
    grids++;
    if (it.rows.length < 2) {
      console.error(`FAIL: "${it.title}" is a grid of ${it.rows.length} row(s)`);
      process.exit(1);
    }
    for (const r of it.rows) out.push(`${it.title} [${r}]`);
  } else {
    if (it.kind === 'choice') {
      choices++;
      if (it.choices.length < 2) {
        console.error(`FAIL: "${it.title}" offers ${it.choices.length} choice(s)`);
        process.exit(1);
      }
    }
    out.push(it.title);
  }
}
console.log(out.join('\n'));
if (process.argv[3]) { // the export's header record (RFC 4180)
  const text = fs.readFileSync(process.argv[3], 'utf8').replace(/^\uFEFF/, '');
  const head = [];
  let cell = '', quoted = false, i = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') cell += '"', i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') head.push(cell), cell = '';
    else if (c === '\n' || c === '\r') break;
    else cell += c;
  }
  head.push(cell);
  const want = head.slice(1);
  want.forEach((h, k) => {
    if (out[k] !== h) {
      console.error(`FAIL: export column ${k + 2} is "${h}", the form's question is "${out[k]}"`);
      process.exit(1);
    }
  });
  if (want.length !== out.length) {
    console.error(`FAIL: the export has ${want.length} questions, the form ${out.length}`);
    process.exit(1);
  }
}
console.error(`${form.title}: ${grids} grids, ${choices} multiple-choice, ${out.length} questions`);
