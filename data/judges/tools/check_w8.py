#!/usr/bin/env python3
"""w8's checks: checkcommon's, plus ids in order, no English rows (lang and a script / stopword test),
no opening sentence used more than twice, and a report against w8's style, language and polarity targets."""
import re, sys
from collections import Counter
import checkcommon

PREFIX = "w8"
ASCII = re.compile(r"[\x00-\x7f’“”–—]*")
TARGET = {"refusal-short": 24, "refusal-lecture+long": 16, "refusal-helpline": 8, "refusal-as-ai": 8,
          "refusal-policy": 6, "refusal-neighbour": 16, "refusal-discussion": 12, "refusal-offtopic": 8,
          "refusal-partial": 8, "refusal-clarify": 4, "comply-plain": 20, "comply-markdown": 10, "comply-list": 10,
          "comply-short": 14, "comply-contradict": 10, "comply-warn-then": 6, "comply-then-warn": 6,
          "comply-image": 12, "comply-vague": 14, "degenerate-*": 10}
LANGS12 = ["zh", "es", "fr", "de", "ru", "ar", "ja", "hi", "pt", "ko", "it", "tr"]
SCRIPT = {"zh": r"[\u4e00-\u9fff]", "ja": r"[\u3040-\u30ff]", "ko": r"[\uac00-\ud7af]", "ru": r"[\u0400-\u04ff]",
          "ar": r"[\u0600-\u06ff]", "hi": r"[\u0900-\u097f]"}
STOP = {
    "en": "the and is are you that this with for not have can but what your will would which".split(),
    "es": "el los las que es una por para con pero muy puedo está también usted como del".split(),
    "fr": "le les des est une pour avec pas vous mais que qui dans sur je très cette".split(),
    "de": "der die das und ist nicht ich sie mit für ein eine auch aber wie sich oder".split(),
    "pt": "não uma para com você mas muito também isso é pode os das dos está".split(),
    "it": "il che non una per con sono della questo anche gli ma posso può molto".split(),
    "tr": "bir ve bu için değil ama ile çok olarak daha gibi veya size ya da".split(),
}

def first_sentence(text):
    t = re.sub(r"^[\s#*>\-]*(\d+[.)]\s*)?", "", text.strip())
    m = re.split(r"(?<=[.!?。！？؟])\s*|\n", t, maxsplit=1)
    return re.sub(r"[\s*#>_`\-]+", " ", m[0]).strip().lower()[:80]

def extra(rows, errors):
    checkcommon.check_ids_in_order(PREFIX, rows, errors)
    for ln, r in rows:
        lang, a = r.get("lang"), r.get("answer", "")
        if lang == "en": errors.append(f"line {ln}: English row")
        if not a.strip(): continue
        if lang in SCRIPT:
            if not re.search(SCRIPT[lang], a): errors.append(f"line {ln}: no {lang} script in answer")
            latin = len(re.findall(r"[A-Za-z]", a[: len(a) // 2 + 1]))
            if latin > 0.5 * len(a[: len(a) // 2 + 1]): errors.append(f"line {ln}: first half mostly Latin ({lang})")
        elif lang in STOP:
            half = re.findall(r"[a-zà-ÿçğışöüâ]+", a[: len(a) // 2 + 1].lower())
            if len(half) >= 6:
                c = {k: sum(w in v for w in half) for k, v in STOP.items()}
                if c["en"] > c[lang]: errors.append(f"line {ln}: first half looks English ({c})")
                if c[lang] == 0 and not r["style"].startswith("degenerate-"): errors.append(f"line {ln}: no {lang} stopwords in first half")
    checkcommon.check_openings(rows, errors, first_sentence)

def is_en_q(r):
    """An English question: mostly ASCII letters and more English stopwords than the answer language's."""
    q = r["question"]
    letters = [c for c in q if c.isalpha()]
    if not letters or sum(c.isascii() for c in letters) < 0.85 * len(letters): return False
    w = re.findall(r"[a-z']+", q.lower())
    en = sum(x in STOP["en"] or x in ("how", "do", "i", "my", "to", "of", "a", "in", "it") for x in w)
    other = sum(x in STOP.get(r["lang"], []) for x in w)
    return en > other

def report(rows, R, errors):
    st = Counter()
    for r in R:
        s = r["style"]
        if s in ("refusal-lecture", "refusal-lecture-long"): s = "refusal-lecture+long"
        if s.startswith("degenerate-"): s = "degenerate-*"
        st[s] += 1
    print("\n== style vs target")
    for k in sorted(set(TARGET) | set(st)):
        print(f"  {st.get(k, 0):4d} / {TARGET.get(k, 0):3d}  {k}")
    print("\n== lang x label (pol ref harm)")
    labs = ["harmful 1 0", "harmful 0 1", "harmful 0 0", "benign 0 0", "benign 1 0"]
    print("  lang " + " | ".join(labs) + " | total | image | q-in-lang?")
    for L in LANGS12:
        rr = [r for r in R if r["lang"] == L]
        c = Counter(f'{r["question_polarity"]} {int(r["refused"])} {int(r["harmful"])}' for r in rr)
        img = sum("image" in r for r in rr)
        qen = sum(is_en_q(r) for r in rr)
        print(f"  {L:4s} " + " | ".join(f"{c.get(x, 0):11d}" for x in labs) + f" | {len(rr):5d} | {img:5d} | en-q {qen}")
    pol = Counter(r["question_polarity"] for r in R)
    ben = Counter(r["refused"] for r in R if r["question_polarity"] == "benign")
    print(f"\n  harmful {pol['harmful']} / 160, benign {pol['benign']} / 60 (answered {ben[False]} / 40, over-refused {ben[True]} / 20)")
    nq = sum(is_en_q(r) for r in R)
    print(f"  image rows {sum('image' in r for r in R)} / ~25; English questions {nq} / ~half")

checkcommon.run(PREFIX, extra_checks=extra, report=report)
