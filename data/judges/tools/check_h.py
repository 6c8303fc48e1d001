#!/usr/bin/env python3
"""Validate h.jsonl (held-out judge set) and print distribution counts."""
import json, os, re, sys
from collections import Counter

from checkcommon import read_jsonl

PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "heldout", "h.jsonl")
REQ = {'id': str, 'question': str, 'answer': str, 'question_polarity': str, 'refused': bool,
       'harmful': bool, 'style': str, 'lang': str, 'category': str}
OPT = {'prompt': str, 'image': str, 'note': str}
POL = {'harmful', 'benign'}
CATS = {'violent_crimes', 'non_violent_crimes', 'cybercrime', 'fraud_deception', 'sex_crimes', 'defamation',
        'specialized_advice', 'privacy', 'intellectual_property', 'weapons_cbrn', 'hate_discrimination',
        'self_harm', 'sexual_content', 'political', 'misinformation', 'unethical_behavior', 'animal_abuse', 'benign'}
REFUSAL = ['refusal-short', 'refusal-lecture', 'refusal-lecture-long', 'refusal-helpline', 'refusal-partial',
           'refusal-as-ai', 'refusal-policy', 'refusal-neighbour', 'refusal-discussion', 'refusal-offtopic',
           'refusal-clarify', 'refusal-empty']
COMPLY = ['comply-plain', 'comply-markdown', 'comply-code', 'comply-story', 'comply-poem', 'comply-table',
          'comply-list', 'comply-long', 'comply-short', 'comply-warn-then', 'comply-then-warn', 'comply-contradict',
          'comply-image', 'comply-vague']
DEGEN = ['degenerate-repetition', 'degenerate-truncated', 'degenerate-few-words', 'degenerate-gibberish',
         'degenerate-placeholder', 'degenerate-echo']
STYLES = set(REFUSAL + COMPLY + DEGEN)
LANGS = {'en', 'zh', 'es', 'fr', 'de', 'ru', 'ar', 'ja', 'hi', 'pt', 'ko', 'it', 'tr'}
CJK = {'zh', 'ja'}
SEVERE = {'weapons_cbrn'}


def nwords(ans, lang):
    if lang in CJK:
        chars = len(re.sub(r'\s', '', ans))
        return round(chars / 2)  # ~2 CJK characters per English-equivalent word
    return len(ans.split())


def bucket(n):
    if n < 20: return '<20'
    if n < 100: return '20-99'
    if n < 300: return '100-299'
    if n <= 700: return '300-700'
    return '>700'


def main():
    rows, errs = read_jsonl(PATH)
    ids = Counter()
    for i, r in rows:
        for k, t in REQ.items():
            if k not in r: errs.append(f'line {i}: missing {k}')
            elif type(r[k]) is not t: errs.append(f'line {i}: {k} not {t.__name__}')
        for k in r:
            if k not in REQ and k not in OPT: errs.append(f'line {i}: unknown field {k}')
        for k, t in OPT.items():
            if k in r and (type(r[k]) is not t or not r[k].strip()):
                errs.append(f'line {i}: optional {k} must be a non-empty string')
        if any(k not in r for k in REQ):
            continue
        ids[r['id']] += 1
        if not re.fullmatch(r'h-\d{4}', r['id']): errs.append(f'line {i}: bad id {r["id"]}')
        if r['question_polarity'] not in POL: errs.append(f'line {i}: bad polarity')
        if r['style'] not in STYLES: errs.append(f'line {i}: bad style {r["style"]}')
        if r['lang'] not in LANGS: errs.append(f'line {i}: bad lang {r["lang"]}')
        if r['category'] not in CATS: errs.append(f'line {i}: bad category {r["category"]}')
        if not r['question'].strip(): errs.append(f'line {i}: empty question')
        if r['harmful'] and r['question_polarity'] != 'harmful': errs.append(f'line {i}: harmful but polarity benign')
        if r['harmful'] and r['refused']: errs.append(f'line {i}: harmful and refused')
        if r['question_polarity'] == 'benign' and r['category'] != 'benign': errs.append(f'line {i}: benign polarity, non-benign category')
        if r['question_polarity'] == 'harmful' and r['category'] == 'benign': errs.append(f'line {i}: harmful polarity, benign category')
        st = r['style']
        if st in REFUSAL and not r['refused']: errs.append(f'line {i}: refusal style but refused=false')
        if (st in COMPLY or st in DEGEN) and r['refused']: errs.append(f'line {i}: {st} but refused=true')
        if not r['answer'].strip() and (st != 'refusal-empty' or not r['refused']): errs.append(f'line {i}: empty answer must be refusal-empty, refused')
        if st == 'refusal-empty' and r['answer'].strip(): errs.append(f'line {i}: refusal-empty with text')
        if st in ('comply-vague',) + tuple(d for d in DEGEN if d != 'degenerate-truncated') and r['harmful']:
            errs.append(f'line {i}: {st} cannot be harmful')
        if r['harmful'] and r['category'] in SEVERE and r.get('note') != 'sanitised':
            errs.append(f'line {i}: severe harmful row without note sanitised')
        if ('prompt' in r or st == 'comply-image') and 'image' not in r:
            errs.append(f'line {i}: prompt/comply-image without image')
    for k, v in ids.items():
        if v > 1: errs.append(f'duplicate id {k} x{v}')
    R = [r for _, r in rows if all(k in r for k in REQ)]  # rows missing a field are errors already
    qa = Counter((r['question'], r['answer']) for r in R)
    for k, v in qa.items():
        if v > 1: errs.append(f'duplicate question+answer x{v}: {k[0][:50]}')

    def show(title, c, n=None):
        print(f'\n== {title} ==')
        for k, v in (c.most_common(n) if n else sorted(c.items(), key=lambda x: (-x[1], str(x[0])))):
            print(f'  {v:4d}  {k}')

    print(f'rows: {len(R)}')
    show('label (polarity, refused, harmful)', Counter((r['question_polarity'], r['refused'], r['harmful']) for r in R))
    H = [r for r in R if r['question_polarity'] == 'harmful']
    if H:
        print('\n== harmful-polarity label shares ==')
        print('  refused=true        %5.1f%%' % (100 * sum(r['refused'] for r in H) / len(H)))
        print('  harmful=true        %5.1f%%' % (100 * sum(r['harmful'] for r in H) / len(H)))
        print('  neither             %5.1f%%' % (100 * sum(not r['refused'] and not r['harmful'] for r in H) / len(H)))
        print('  multimodal (image)  %5d' % sum('image' in r for r in H))
    B = [r for r in R if r['question_polarity'] == 'benign']
    if B:
        print('  benign refused      %5d of %d; benign multimodal %d' % (sum(r['refused'] for r in B), len(B), sum('image' in r for r in B)))
    show('style', Counter(r['style'] for r in R))
    show('category', Counter(r['category'] for r in R))
    show('lang', Counter(r['lang'] for r in R))
    print('  non-English total:', sum(r['lang'] != 'en' for r in R))
    bk = Counter(bucket(nwords(r['answer'], r['lang'])) for r in R)
    print('\n== length bucket (words; CJK chars/2) ==')
    for b in ['<20', '20-99', '100-299', '300-700', '>700']:
        print(f'  {bk.get(b, 0):4d}  {b:8s} {100 * bk.get(b, 0) / max(1, len(R)):5.1f}%')
    op = Counter(' '.join(r['answer'].split()[:4]) if r['answer'].strip() else '<empty>' for r in R)
    show('15 most common first-four-word openings', op, 15)
    prev = None; adj = 0
    for r in R:
        o = ' '.join(r['answer'].split()[:4]).lower()
        if o and o == prev: adj += 1
        prev = o
    print(f'\nadjacent rows sharing an opening: {adj}')
    print(f'\nerrors: {len(errs)}')
    for e in errs[:200]:
        print('  ' + e)
    return 1 if errs else 0


if __name__ == '__main__':
    sys.exit(main())
