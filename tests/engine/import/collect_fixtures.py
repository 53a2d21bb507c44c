#!/usr/bin/env python3
"""Fixtures for collect_e2e.sh, built from what sixbox itself wrote and the
documented formats:

  lsa LSS ORG OUTDIR         LimeSurvey's archive of a survey made from LSS (sixbox's
                             .lss): OUTDIR/survey_<sid>.lsa (the .lss, the responses
                             .lsr, a timings .lsi), the same .lsr extracted with its
                             .lss (OUTDIR/extracted) and alone (OUTDIR/alone), and
                             OUTDIR/expected.json. The .lsr names its fields in SGQA
                             form (<sid>X<gid>X<qid>[<subquestion code>], research
                             notes on LimeSurvey's .lsr), the unit question's answers
                             are its answer codes U001..., one response is incomplete.
  rc2 LSS ORG OUT            what LimeSurvey's RemoteControl export_responses (csv,
                             complete, code headings, short answers) holds for such
                             responses, decoded, and OUT.expected.json.
  keying TEMPLATE OUT ORG SURVEY
                             fills a keying template (CSV or XLSX, as sixbox
                             questionnaire --format keying-csv|keying-xlsx wrote it) as
                             a keyer would: form numbers, unit ids, the numbers ticked
                             (99 = don't know), a comment, and one form keyed twice;
                             XLSX cells typed as numbers. Writes OUT and OUT.expected
                             (response_id,unit,<items>: the values import must give).
"""
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
import zipfile


def leaf_units(org):
    leaves = []

    def walk(el):
        for u in el.findall('unit'):
            if u.find('unit') is None:
                leaves.append(u.get('id'))
            walk(u)
    walk(ET.parse(org).getroot())
    return leaves


def rows_of(root, section):
    for row in root.findall('./%s/rows/row' % section):
        yield {c.tag: (c.text or '') for c in row}


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def responses(lss, org):
    """The survey made from lss as LimeSurvey holds it, and 13 responses to it: (sid,
    columns as (SGQA name, kind, qid, code, CSV heading), rows by SGQA name, what
    import must give)."""
    root = ET.parse(lss).getroot()
    qs, answers = {}, {}
    for section in ('questions', 'subquestions'):
        for d in rows_of(root, section):
            qs.setdefault(d['qid'], d)  # one row per language: the first
    for d in rows_of(root, 'answers'):
        codes = answers.setdefault(d['qid'], [])
        if d['code'] not in codes:
            codes.append(d['code'])
    sid = next(iter(qs.values()))['sid']
    tops = sorted((q for q in qs.values() if q['parent_qid'] == '0'),
                  key=lambda q: (int(q['gid']), int(q['question_order'])))
    leaves = leaf_units(org)
    cols = []
    for q in tops:
        sgq = '%sX%sX%s' % (q['sid'], q['gid'], q['qid'])
        subs = sorted((s for s in qs.values() if s['parent_qid'] == q['qid']),
                      key=lambda s: int(s['question_order']))
        if subs:
            cols += [(sgq + s['title'], 'item', q['qid'], s['title'],
                      '%s[%s]' % (q['title'], s['title'])) for s in subs]
        else:
            cols.append((sgq, q['type'], q['qid'], q['title'], q['title']))
    n, incomplete = 13, 5
    rows, expected = [], []
    for i in range(n):
        r = {'id': str(i + 1), 'lastpage': '3', 'startlanguage': 'sv',
             'submitdate': '' if i == incomplete else '2026-03-02 10:%02d:00' % i}
        exp = {'id': str(i + 1), 'unit': '', 'items': {}}
        for j, (name, kind, qid, code, _) in enumerate(cols):
            if kind == 'item':
                v = answers[qid][(i + j) % len(answers[qid])]
                r[name] = v
                exp['items'][code] = '' if v == '99' else v
            elif qid in answers:  # the unit question: a list of the units' codes
                k = i % len(leaves)
                r[name] = 'U%03d' % (k + 1)
                exp['unit'] = leaves[k]
            else:
                r[name] = 'Bra, "tack" & <hej>'
        rows.append(r)
        if i != incomplete:
            expected.append(exp)
    return sid, cols, rows, {'sid': sid, 'read': n, 'accepted': n - 1, 'rows': expected}


def rc2(lss, org, out):
    """RemoteControl 2 export_responses(csv, complete, code, short), decoded: BOM, ';',
    every field quoted, code headings; the incomplete response left out."""
    sid, cols, rows, exp = responses(lss, org)
    head = ['id', 'submitdate', 'lastpage', 'startlanguage', 'seed'] + [c[4] for c in cols]
    q = lambda v: '"%s"' % v.replace('"', '""')
    with open(out, 'w', encoding='utf-8', newline='') as f:
        f.write('\ufeff' + ';'.join(map(q, head)) + '\r\n')
        for r in rows:
            if r['submitdate']:
                f.write(';'.join(q(r.get(k, '123456')) for k in head[:5]) + ';' +
                        ';'.join(q(r[c[0]]) for c in cols) + '\r\n')
    exp['read'] = exp['accepted'] = len(exp['rows'])
    with open(out + '.expected.json', 'w') as f:
        json.dump(exp, f)


def lsa(lss, org, out):
    sid, cols, rows, exp = responses(lss, org)
    fields = ['id', 'submitdate', 'lastpage', 'startlanguage'] + [c[0] for c in cols]
    x = ['<?xml version="1.0" encoding="UTF-8"?>\n<document><LimeSurveyDocType>Responses'
         '</LimeSurveyDocType><DBVersion>366</DBVersion><languages><language>sv</language>'
         '</languages><responses><fields>']
    x += ['<fieldname>%s</fieldname>' % f for f in fields]
    x.append('</fields><rows>')
    for r in rows:
        x.append('<row>')
        for f in fields:
            tag = ('_' + f) if f[0].isdigit() else f
            v = r.get(f, '')
            x.append('<%s/>' % tag if v == '' else '<%s><![CDATA[%s]]></%s>' % (tag, v, tag))
        x.append('</row>')
    x.append('</rows></responses></document>\n')
    lsr = ''.join(x).encode()
    with open(lss, 'rb') as f:
        structure = f.read()
    for d in ('extracted', 'alone'):
        os.makedirs(os.path.join(out, d), exist_ok=True)
        with open(os.path.join(out, d, 'survey_%s_responses.lsr' % sid), 'wb') as f:
            f.write(lsr)
    with open(os.path.join(out, 'extracted', 'survey_%s.lss' % sid), 'wb') as f:
        f.write(structure)
    with zipfile.ZipFile(os.path.join(out, 'survey_%s.lsa' % sid), 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('survey_%s.lss' % sid, structure)
        z.writestr('survey_%s_responses.lsr' % sid, lsr)
        z.writestr('survey_%s_timings.lsi' % sid,
                   '<?xml version="1.0" encoding="UTF-8"?>\n<document/>\n')
    with open(os.path.join(out, 'expected.json'), 'w') as f:
        json.dump(exp, f)
    print(sid)


def col_name(k):
    s = ''
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        s = chr(65 + r) + s
    return s


def keying(template, out, org, survey):
    leaves = leaf_units(org)
    free = {e.get('id') for e in ET.parse(survey).getroot().iter('free-text')}
    xlsx = zipfile.is_zipfile(template)
    if xlsx:
        with zipfile.ZipFile(template) as z:
            sheet = z.read('xl/worksheets/sheet1.xml').decode()
        head = re.findall(r'<t[^>]*>([^<]*)</t>', sheet)
    else:
        with open(template, encoding='utf-8') as f:
            head = f.readline().strip().split(',')
    items = [h for h in head[2:] if h not in free]
    rows = []
    for i in range(40):
        r = ['B%03d' % (i + 1), leaves[i % 4]]
        for j, h in enumerate(head[2:]):
            if h in items:
                r.append('99' if (i + j) % 11 == 0 else str((i * 3 + j) % 5 + 1))
            else:
                r.append('Mer tid för planering, tack' if i % 3 == 0 else '')
        rows.append(r)
    keyed = rows + [rows[7]]  # form B008 keyed twice
    with open(out + '.expected', 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(','.join([r[0], r[1]] + [('' if v == '99' else v)
                                             for h, v in zip(head[2:], r[2:]) if h in items]) + '\n')
    if not xlsx:
        with open(template, encoding='utf-8') as f:
            text = f.read()
        with open(out, 'w', encoding='utf-8', newline='') as f:
            f.write(text)
            for r in keyed:
                f.write(','.join('"%s"' % v if ',' in v else v for v in r) + '\r\n')
        return
    cells = []
    for n, r in enumerate(keyed, start=2):
        c = []
        for k, (h, v) in enumerate(zip(head, r)):
            ref = '%s%d' % (col_name(k), n)
            if v == '':
                continue
            if h in items:  # typed numbers, as Excel stores them
                c.append('<c r="%s"><v>%s</v></c>' % (ref, v))
            else:
                c.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, esc(v)))
        cells.append('<row r="%d">%s</row>' % (n, ''.join(c)))
    sheet = sheet.replace('</sheetData>', ''.join(cells) + '</sheetData>')
    with zipfile.ZipFile(template) as zin, zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == 'xl/worksheets/sheet1.xml':
                data = sheet.encode()
            zout.writestr(item, data)


if __name__ == '__main__':
    if len(sys.argv) == 5 and sys.argv[1] == 'lsa':
        lsa(*sys.argv[2:])
    elif len(sys.argv) == 5 and sys.argv[1] == 'rc2':
        rc2(*sys.argv[2:])
    elif len(sys.argv) == 6 and sys.argv[1] == 'keying':
        keying(*sys.argv[2:])
    else:
        sys.exit(__doc__)
