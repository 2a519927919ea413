#!/usr/bin/env python3
"""Would similarity of distilled word vectors turn abstentions into right suggestions? (issue 22)

  target/meaning-venv/bin/python scripts/meaning/measure.py [TRUSTDRAFT] [OUTDIR] [--tags=tok,mean]

Drafts every labelled set in ../shared/eval/ (or /work/shared/eval/) with the CLI, then simulates
rules on the drafts that abstain: for the row(s) a draft names (citations, else support.stated
refs), if every word in support.missing has a word (or a 2-word window) of the row's
requirement + text with cosine >= tau, and no polarity word is involved, the row's status becomes
a low-band suggestion (Met -> yes, Partial -> partial, Not met/Planned -> no). Counted per half
(tune/check, by the same hash as realcheck.py): new suggestions, how many right, how many give a
false yes, and must-answer questions (label accepts no needs-review) newly drafted right.
Controls: `trivial` (no vectors: at most one missing word), `prefix` (a row word shares the first
five letters). `strict` variants also ask the chosen row to cover the words that other rows stated.
Embeds no licensed text; reads the labelled files at run time. A measurement, not a test."""
import csv
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from distill import Vectors  # noqa: E402

import numpy as np  # noqa: E402

STOP = set('a an the and or of to in on for by with at as is are be been was were it its this that these '
           'those we our us you your from into per via any all each every can may has have had do does '
           'which who what when where how than then also other such there their they them'.split())
POLAR = set('not no never without none nor unencrypted unauthenticated unauthorised unauthorized disabled '
            'disable lack lacks absent exempt except excluded unless prohibited forbidden deny denied '
            'plaintext cleartext optional'.split())
ANSWER = {'met': 'yes', 'partial': 'partial', 'not met': 'no', 'planned': 'no'}
TAUS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]


def half_of(qid):
    return hashlib.sha1(qid.encode()).digest()[0] % 2


def words(text):
    return [w for w in re.findall(r'[a-z0-9]+', text.lower()) if w not in STOP]


def polar(w):
    return any(t in POLAR or re.match(r'^(un|non|dis)[a-z]{4,}', t) for t in w.split())


class Row:
    def __init__(self, r, vec):
        self.ref, self.status = r['ref'], r['status'].strip().lower()
        ws = words(r.get('requirement', '') + ' ' + r.get('text', ''))
        self.words = set(ws)
        grams = sorted(set(ws) | {' '.join(p) for p in zip(ws, ws[1:])})
        self.grams = [g for g in grams if not polar(g)]
        vs = [vec.word(g) for g in self.grams]
        keep = [i for i, v in enumerate(vs) if v is not None]
        self.grams = [self.grams[i] for i in keep]
        m = np.array([vs[i] for i in keep]) if keep else np.zeros((0, vec.m.shape[1]))
        self.m = m / (np.linalg.norm(m, axis=1, keepdims=True) + 1e-9)
        self.single = np.array([' ' not in g for g in self.grams], bool)


def best_cos(word, row, vec, cache, windows=True):
    """Highest cosine of `word` (one word or a phrase) against a row's words and 2-word windows."""
    if all(w in row.words for w in words(word)):
        return 1.0
    if polar(word) or not len(row.m):
        return 0.0
    if word not in cache:
        v = vec.word(word)
        cache[word] = None if v is None else v / (np.linalg.norm(v) + 1e-9)
    v = cache[word]
    if v is None or not (windows or row.single.any()):
        return 0.0
    return float((row.m @ v).max() if windows else (row.m[row.single] @ v).max())


def prefix_match(word, row):
    return not polar(word) and all(any(w[:5] == x[:5] for x in row.words) for w in words(word) if len(w) >= 5) \
        and all(len(w) >= 5 or w in row.words for w in words(word))


def named_rows(d, rows_by_ref):
    refs = [c.get('reference') for c in d.get('citations') or []]
    if not refs:
        refs = [s.get('ref') for s in (d.get('support') or {}).get('stated') or []]
    seen, out = set(), []
    for ref in refs:
        for r in rows_by_ref.get(ref, []):
            if id(r) not in seen:
                seen.add(id(r))
                out.append(r)
    return out


def others(d, row):
    """Words other rows stated for this question (a strict rule asks the chosen row for them too)."""
    return [w for s in (d.get('support') or {}).get('stated') or [] if s.get('ref') != row.ref for w in s['words']]


def suggest(d, rows_by_ref, rule, vec, cache):
    """The answer a rule suggests for an abstaining draft, or None."""
    missing = (d.get('support') or {}).get('missing') or []
    if not missing or any(polar(m) for m in missing):
        return None
    best = None
    for row in named_rows(d, rows_by_ref):
        if row.status not in ANSWER:
            continue
        kind, tau, strict = rule
        need = missing + (others(d, row) if strict else [])
        if kind == 'oracle':  # the ceiling: right if any named row's status is an accepted answer
            best = (best or (0, set()))[0], (best or (0, set()))[1] | {ANSWER[row.status]}
            continue
        if kind == 'trivial':
            ok, score = len(missing) <= 1, 0.0
        elif kind == 'prefix':
            ok, score = all(prefix_match(m, row) for m in need), 0.0
        else:
            score = min(best_cos(m, row, vec, cache, kind == 'emb') for m in need)
            ok = score >= tau
        if ok and (best is None or score > best[0]):
            best = (score, ANSWER[row.status])
    return best and best[1]


def draft(exe, rows):
    with tempfile.NamedTemporaryFile('w', suffix='.csv', delete=False, newline='') as f:
        w = csv.writer(f)
        w.writerow(['id', 'question'])
        for r in rows:
            w.writerow([r['id'], r['question']])
    out = subprocess.run([exe, 'draft', f.name, '--format', 'json'], capture_output=True, text=True, check=True)
    os.unlink(f.name)
    d = json.loads(out.stdout)
    return {str(x['id']): x for x in (d if isinstance(d, list) else d['drafts'])}


def count(part, got, rule, rows_by_ref, vec, cache):
    new = right = fab = must_new = 0
    for r in part:
        accept = set(r['accept'].split('|'))
        d = got.get(r['id'], {})
        if d.get('answer') != 'needs-review':
            continue
        a = suggest(d, rows_by_ref, rule, vec, cache)
        if not a:
            continue
        if isinstance(a, set):  # oracle
            a = min(a & accept or a)
        new += 1
        right += a in accept
        fab += a == 'yes' and 'yes' not in accept
        must_new += a in accept and 'needs-review' not in accept
    return new, right, fab, must_new


def baseline(part, got):
    must = sum('needs-review' not in r['accept'].split('|') for r in part)
    must_ok = sum('needs-review' not in r['accept'].split('|') and got.get(r['id'], {}).get('answer') in
                  r['accept'].split('|') for r in part)
    sugg = [r for r in part if got.get(r['id'], {}).get('answer') not in (None, 'needs-review')
            and got[r['id']].get('band') != 'high']
    return must, must_ok, len(sugg), sum(got[r['id']]['answer'] in r['accept'].split('|') for r in sugg)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    exe = args[0] if args else 'target/release/trustdraft'
    out = args[1] if len(args) > 1 else 'target/meaning'
    shared = next(p for p in ('../shared', '/work/shared') if os.path.isdir(p))
    tags = next((a[7:].split(',') for a in sys.argv if a.startswith('--tags=')), ['tok', 'mean'])
    vecs = {t: Vectors(out, t) for t in tags}
    raw = json.loads(subprocess.run([exe, 'rows', '--json'], capture_output=True, text=True, check=True).stdout)
    rules = [('oracle', None, False), ('trivial', None, False), ('prefix', None, False), ('prefix', None, True)]
    rules += [('emb', t, s) for s in (False, True) for t in TAUS]
    rules += [('emb1', t, False) for t in TAUS]  # single words only, no 2-word windows
    for name in sorted(os.listdir(os.path.join(shared, 'eval'))):
        if not name.endswith('-labelled.csv'):
            continue
        rows = list(csv.DictReader(open(os.path.join(shared, 'eval', name))))
        got = draft(exe, rows)
        for tag in tags:
            vec, cache = vecs[tag], {}
            rows_by_ref = {}
            for r in raw:
                rows_by_ref.setdefault(r['ref'], []).append(Row(r, vec))
            for half in (0, 1):
                part = [r for r in rows if half_of(r['id']) == half]
                must, must_ok, sg, sg_ok = baseline(part, got)
                print(f'\n{name} [{("tune", "check")[half]}] vectors={tag}: baseline must-answer right '
                      f'{must_ok}/{must}, suggestions right {sg_ok}/{sg}')
                print(f'  {"rule":22}{"new":>5}{"right":>7}{"%":>6}{"false yes":>11}{"must +":>8}{"must after":>12}')
                for rule in rules:
                    if not rule[0].startswith('emb') and tag != tags[0]:
                        continue
                    n, ok, fab, mn = count(part, got, rule, rows_by_ref, vec, cache)
                    label = f'{rule[0]}{"" if rule[1] is None else f" t={rule[1]}"}{" strict" if rule[2] else ""}'
                    pct = f'{ok / n:.0%}' if n else '-'
                    print(f'  {label:22}{n:5}{ok:7}{pct:>6}{fab:11}{mn:8}{f"{must_ok + mn}/{must}":>12}')


if __name__ == '__main__':
    main()
