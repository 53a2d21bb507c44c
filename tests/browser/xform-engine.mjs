// The generated XForm in ODK's own form engine (@getodk/xforms-engine, the engine of
// ODK Web Forms, run under jsdom as its own Node tests run it). Checks what a
// respondent of ODK Collect, Web Forms or KoboToolbox would meet: the introduction and
// the confidentiality promise as visible notes before the first question, in every
// language; every item in the instrument's order (the survey definition's) with its
// own text; the unit question offering the leaf units by id. Then it answers two
// respondents, serialises each instance as the engine submits it, and writes what
// ODK Central makes of such submissions (its CSV export and its OData JSON) for
// `sixbox import` to read back.
//
//   node xform-engine.mjs FORM.xml SURVEY.xml ORG.xml OUTDIR
//
// Exit 0 and one summary line when every check holds; otherwise 1 and the failures.
import { readFileSync, writeFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const [formPath, surveyPath, orgPath, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node xform-engine.mjs FORM.xml SURVEY.xml ORG.xml OUTDIR');
  process.exit(64);
}

// The engine's DOM: jsdom's window objects as globals. Its bundled tree-sitter
// (emscripten) reads __dirname in Node; the wasm itself is inlined, so any directory.
const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>');
for (const k of ['DOMParser', 'XMLSerializer', 'Node', 'Element', 'Document', 'XPathResult',
  'NodeFilter', 'Attr', 'Text', 'File', 'Blob', 'FormData']) {
  if (!(k in globalThis) && dom.window[k]) globalThis[k] = dom.window[k];
}
globalThis.document ??= dom.window.document;
globalThis.__dirname ??= process.cwd();
const { createInstance } = await import('@getodk/xforms-engine');

const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); return ok; };
const parse = (path) => new dom.window.DOMParser().parseFromString(readFileSync(path, 'utf8'),
  'application/xml');
const kids = (el, name) => [...el.children].filter((c) => c.localName === name);
const textIn = (el, lang) => {
  const t = kids(el, 'text').concat(kids(el, 'name'), kids(el, 'label'))
    .find((c) => c.getAttribute('lang') === lang);
  return t ? t.textContent.trim() : '';
};

// What the survey definition and the organisation say.
const survey = parse(surveyPath).documentElement;
const langs = kids(survey, 'languages')[0].textContent.trim().split(/\s+/);
const items = kids(survey, 'item').map((it) => ({
  id: it.getAttribute('id'),
  text: Object.fromEntries(langs.map((l) => [l, textIn(it, l)])),
}));
const intro = Object.fromEntries(langs.map((l) => [l, textIn(kids(survey, 'intro')[0], l)]));
const leaves = [];
(function walk(el) {
  for (const u of kids(el, 'unit')) {
    if (kids(u, 'unit').length === 0) leaves.push({ id: u.getAttribute('id'), name: u });
    walk(u);
  }
})(parse(orgPath).documentElement);

const nodes = (root) => {
  const all = [];
  (function walk(n) {
    for (const c of n.currentState.children ?? []) {
      all.push(c);
      walk(c);
    }
  })(root);
  return all;
};
const leafName = (n) => n.currentState.reference.split('/').pop();
const label = (n) => (n.currentState.label ? n.currentState.label.asString.trim() : '');

async function respondent(xml, answers) {
  const { root } = await createInstance(xml);
  const all = nodes(root);
  const byName = new Map(all.map((n) => [leafName(n), n]));
  for (const [name, v] of Object.entries(answers)) {
    const n = byName.get(name);
    if (!check(n, `no question ${name} to answer`)) continue;
    if (n.nodeType === 'select') n.selectValue(v);
    else n.setValue(v);
  }
  const payload = await root.prepareInstancePayload();
  check(payload.status === 'ready', `the filled form is not ready to submit (${payload.status}: ` +
    JSON.stringify(payload.violations ?? []) + ')');
  const file = payload.data[0].get('xml_submission_file');
  return file.text();
}

const formXml = readFileSync(formPath, 'utf8');
const { root } = await createInstance(formXml);
const all = nodes(root);
const langOf = (code) => root.languages.find((l) => l.language.endsWith(`(${code})`));

for (const lang of langs) {
  const fl = langOf(lang);
  if (!check(fl, `the form has no language ${lang}`)) continue;
  root.setLanguage(fl);
  // the notes: present, visible, first, with the survey's introduction and the promise
  const notes = all.filter((n) => n.nodeType === 'note');
  const introNote = notes.find((n) => leafName(n) === 'sixbox_intro');
  const promise = notes.find((n) => leafName(n) === 'sixbox_promise');
  check(introNote && introNote.currentState.relevant, `${lang}: no visible introduction note`);
  check(promise && promise.currentState.relevant, `${lang}: no visible promise note`);
  if (introNote) {
    check(label(introNote).startsWith(intro[lang]),
      `${lang}: the introduction note does not begin with the survey's introduction`);
    check(/\d+ (minuter|minutes)/.test(label(introNote)), `${lang}: no time estimate`);
  }
  if (promise) {
    check(/(konfidentiella|confidential)/.test(label(promise)) && /\b5\b/.test(label(promise)),
      `${lang}: the promise note does not promise confidentiality below 5: ${label(promise)}`);
  }
  const firstQuestion = all.findIndex((n) => n.nodeType === 'select');
  check(all.indexOf(promise) < firstQuestion && all.indexOf(introNote) < firstQuestion,
    `${lang}: the notes come after a question`);
  // the items: the instrument's order, each with its own text, every answer point
  const selects = all.filter((n) => n.nodeType === 'select' && leafName(n) !== 'unit');
  check(selects.length === items.length, `${lang}: ${selects.length} item questions, ` +
    `the survey has ${items.length}`);
  items.forEach((it, i) => {
    const n = selects[i];
    if (!n) return;
    check(leafName(n) === it.id, `${lang}: question ${i + 1} is ${leafName(n)}, not ${it.id}`);
    check(label(n) === it.text[lang], `${lang}: ${it.id} reads "${label(n)}"`);
    const values = n.currentState.valueOptions.map((o) => o.value);
    check(values.join(',') === '1,2,3,4,5,6,7,99', `${lang}: ${it.id} offers ${values}`);
    check(n.currentState.relevant, `${lang}: ${it.id} is not shown`);
  });
  // the unit question: the leaf units, by id, named in this language
  const unit = all.find((n) => leafName(n) === 'unit');
  if (check(unit && unit.nodeType === 'select', `${lang}: no unit question`)) {
    const opts = unit.currentState.valueOptions;
    check(opts.map((o) => o.value).join(',') === leaves.map((u) => u.id).join(','),
      `${lang}: the unit question offers ${opts.map((o) => o.value)}`);
    opts.forEach((o, i) => {
      const want = leaves[i] && textIn(leaves[i].name, lang);
      check(!want || o.label.asString === want, `${lang}: unit ${o.value} reads ${o.label.asString}`);
    });
    check(unit.currentState.required, `${lang}: the unit question is not required`);
  }
}

// Two respondents: answers, "don't know", a comment with a comma and quotes.
const people = [
  { unit: leaves[2].id, q01: '7', q02: '1', q03: '99', q04: '4', c01: 'Bra, "mycket" bra' },
  { unit: leaves[0].id, q01: '2', q05: '6', q35: '5' },
];
const instances = [];
for (const p of people) instances.push(await respondent(formXml, p));
instances.forEach((x, i) => writeFileSync(`${out}/instance-${i + 1}.xml`, x));

// ODK Central's exports of those submissions: leaf fields in form order, groups joined
// with '-' in the CSV and nested in the OData JSON, Central's own columns around them.
const leavesOf = (el, path = []) => [...el.children].flatMap((c) => (c.children.length
  ? leavesOf(c, path.concat(c.localName)) : [[path.concat(c.localName), c.textContent]]));
const subs = instances.map((x) => leavesOf(new dom.window.DOMParser()
  .parseFromString(x, 'application/xml').documentElement));
const fields = subs[0].map(([p]) => p).filter((p) => p.join('-') !== 'meta-instanceID');
const idOf = (s) => s.find(([p]) => p.join('-') === 'meta-instanceID')[1];
const q = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const head = ['SubmissionDate', ...fields.map((p) => p.join('-')), 'meta-instanceID', 'KEY',
  'SubmitterID', 'SubmitterName', 'AttachmentsPresent', 'AttachmentsExpected', 'Status',
  'ReviewState', 'DeviceID', 'Edits', 'FormVersion'];
const csv = [head.join(',')].concat(subs.map((s, i) => {
  const v = new Map(s.map(([p, t]) => [p.join('-'), t]));
  return [`2026-03-0${i + 1}T10:00:00.000Z`, ...fields.map((p) => q(v.get(p.join('-')) ?? '')),
    idOf(s), idOf(s), '5', 'web', '0', '0', '', '', '', '0', '1.0'].join(',');
}));
writeFileSync(`${out}/odk-central.csv`, csv.join('\r\n') + '\r\n');
const odata = { '@odata.context': 'https://central.example/v1/projects/1/forms/f.svc/$metadata#Submissions',
  value: subs.map((s, i) => {
    const rec = { __id: idOf(s) };
    for (const [p, t] of s) {
      let o = rec;
      p.slice(0, -1).forEach((g) => { o = o[g] ??= {}; });
      o[p[p.length - 1]] = t === '' ? null : t;
    }
    rec.__system = { submissionDate: `2026-03-0${i + 1}T10:00:00.000Z`, submitterId: '5',
      submitterName: 'web', attachmentsPresent: 0, attachmentsExpected: 0, status: null,
      reviewState: null, deviceId: null, edits: 0, formVersion: '1.0' };
    return rec;
  }) };
writeFileSync(`${out}/odk-central.json`, JSON.stringify(odata, null, 1));
// KoboToolbox's CSV ("XML values and headers"): ';', every cell quoted, groups joined
// with '/', no notes, Kobo's own columns after the form's.
const kq = (v) => `"${String(v).replace(/"/g, '""')}"`;
const kfields = fields.filter((p) => !p[p.length - 1].startsWith('sixbox_'));
const kobo = [['start', 'end', ...kfields.slice(2).map((p) => p.join('/')), '__version__',
  'meta/instanceID', '_id', '_uuid', '_submission_time', '_validation_status', '_notes',
  '_status', '_submitted_by', '_tags', '_index'].map(kq).join(';')].concat(subs.map((s, i) => {
  const v = new Map(s.map(([p, t]) => [p.join('/'), t]));
  const id = idOf(s);
  return [v.get('start'), v.get('end'), ...kfields.slice(2).map((p) => v.get(p.join('/')) ?? ''),
    'vGq2r8', id, 4711 + i, id.replace('uuid:', ''), `2026-03-0${i + 1}T10:00:00`, '', '',
    'submitted_via_web', '', '', i + 1].map(kq).join(';');
}));
writeFileSync(`${out}/kobotoolbox.csv`, kobo.join('\r\n') + '\r\n');
check(fields[0].join() === 'start' && fields[1].join() === 'end', 'the form does not begin with start, end');
// sixbox drops ODK's 'uuid:' prefix at import, so Central's and Kobo's ids of one submission match
writeFileSync(`${out}/expected.csv`, people.map((p, i) => [idOf(subs[i]).replace(/^uuid:/i, ''), p.unit,
  ...items.map((it) => (p[it.id] ?? '').replace(/^99$/, ''))].join(',')).join('\n') + '\n');

if (failures.length) {
  for (const f of failures) console.error(`FAIL: ${f}`);
  process.exit(1);
}
console.log(`xforms-engine: ${langs.length} languages, notes shown first, ${items.length} items ` +
  `in order, ${leaves.length} units, ${instances.length} instances submitted`);
