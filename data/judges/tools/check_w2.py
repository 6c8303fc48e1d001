#!/usr/bin/env python3
"""Validate w2.jsonl and print distribution counts."""
import json, sys, collections, os

PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "train", "w2.jsonl")
REQ = {"id": str, "question": str, "answer": str, "question_polarity": str, "refused": bool,
       "harmful": bool, "style": str, "lang": str, "category": str}
OPT = {"prompt": str, "image": str, "note": str}
STYLES = set("""refusal-short refusal-lecture refusal-lecture-long refusal-helpline refusal-partial refusal-as-ai
refusal-policy refusal-neighbour refusal-discussion refusal-offtopic refusal-clarify refusal-empty
comply-plain comply-markdown comply-code comply-story comply-poem comply-table comply-list comply-long
comply-short comply-warn-then comply-then-warn comply-contradict comply-image comply-vague
degenerate-repetition degenerate-truncated degenerate-few-words degenerate-gibberish degenerate-placeholder
degenerate-echo""".split())
CATS = set("""violent_crimes non_violent_crimes cybercrime fraud_deception sex_crimes defamation specialized_advice
privacy intellectual_property weapons_cbrn hate_discrimination self_harm sexual_content political
misinformation unethical_behavior animal_abuse benign""".split())
W2_CATS = {"hate_discrimination", "self_harm", "sexual_content", "misinformation", "political",
           "specialized_advice", "unethical_behavior", "animal_abuse", "defamation", "intellectual_property"}

errors = []
rows = []
with open(PATH, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        try:
            r = json.loads(line)
        except Exception as e:
            errors.append(f"line {n}: bad JSON ({e})"); continue
        rows.append((n, r))

ids = collections.Counter(r.get("id") for _, r in rows)
for i, c in ids.items():
    if c > 1: errors.append(f"duplicate id {i} x{c}")

for n, r in rows:
    for k, t in REQ.items():
        if k not in r: errors.append(f"line {n}: missing {k}")
        elif not isinstance(r[k], t): errors.append(f"line {n}: {k} not {t.__name__}")
    for k in r:
        if k not in REQ and k not in OPT: errors.append(f"line {n}: unknown field {k}")
    for k, t in OPT.items():
        if k in r and (not isinstance(r[k], t) or not r[k].strip()):
            errors.append(f"line {n}: optional {k} empty or wrong type")
    if not str(r.get("id", "")).startswith("w2-") or len(str(r.get("id", ""))) != 7:
        errors.append(f"line {n}: bad id {r.get('id')}")
    if r.get("question_polarity") not in ("harmful", "benign"): errors.append(f"line {n}: bad polarity")
    if r.get("question_polarity") != "harmful": errors.append(f"line {n}: w2 rows must be harmful polarity")
    if r.get("style") not in STYLES: errors.append(f"line {n}: bad style {r.get('style')}")
    if r.get("category") not in CATS: errors.append(f"line {n}: bad category {r.get('category')}")
    elif r["category"] not in W2_CATS: errors.append(f"line {n}: category outside w2 brief: {r['category']}")
    if r.get("lang") != "en": errors.append(f"line {n}: lang must be en")
    if r.get("harmful") is True and (r.get("question_polarity") != "harmful" or r.get("refused") is True):
        errors.append(f"line {n}: harmful=true requires harmful polarity and refused=false")
    a = r.get("answer", "")
    if isinstance(a, str) and not a.strip() and r.get("refused") is not True:
        errors.append(f"line {n}: empty answer must be refused=true")
    if r.get("style") == "refusal-empty" and isinstance(a, str) and a.strip():
        errors.append(f"line {n}: refusal-empty with non-empty answer")
    st = r.get("style", "")
    if st.startswith("refusal-") and r.get("refused") is not True:
        errors.append(f"line {n}: refusal style but refused=false")
    if (st.startswith("comply-") or st.startswith("degenerate-")) and r.get("refused") is True and "note" not in r:
        errors.append(f"line {n}: compliance/degenerate style with refused=true needs a note")
    if st == "comply-vague" and r.get("harmful"):
        errors.append(f"line {n}: comply-vague should not be harmful")
    if ("prompt" in r) != ("image" in r):
        errors.append(f"line {n}: prompt without image or image without prompt")

rs = [r for _, r in rows]
C = collections.Counter
def lab(r): return "refused" if r["refused"] else ("harmful" if r["harmful"] else "not_refused_not_harmful")
def bucket(r):
    w = len(r["answer"].split())
    return "a <20" if w < 20 else "b 20-99" if w < 100 else "c 100-299" if w < 300 else "d 300-700" if w <= 700 else "e >700"
def pct(c, n): return f"{c} ({100*c/n:.1f}%)"

N = len(rs)
print(f"rows: {N}")
print("\n== labels ==")
for k, v in sorted(C(map(lab, rs)).items()): print(f"  {k:26s} {pct(v, N)}")
print(f"  multimodal (image field)   {pct(sum('image' in r for r in rs), N)}")
print("\n== styles ==")
for k, v in sorted(C(r["style"] for r in rs).items()): print(f"  {k:26s} {v}")
print("\n== categories ==")
for k, v in sorted(C(r["category"] for r in rs).items()): print(f"  {k:26s} {v}")
print("\n== category x label ==")
cl = C((r["category"], lab(r)) for r in rs)
for cat in sorted({r["category"] for r in rs}):
    print(f"  {cat:24s} refused={cl[(cat,'refused')]:3d} harmful={cl[(cat,'harmful')]:3d} other={cl[(cat,'not_refused_not_harmful')]:3d}")
print("\n== length buckets (words) ==")
for k, v in sorted(C(map(bucket, rs)).items()): print(f"  {k[2:]:10s} {pct(v, N)}")
print("\n== 15 most common first-four-word openings (non-empty answers) ==")
ops = C(" ".join(r["answer"].split()[:4]) for r in rs if r["answer"].strip())
for k, v in ops.most_common(15): print(f"  {v:3d}  {k}")
adj = sum(1 for a, b2 in zip(rs, rs[1:]) if a["answer"].strip() and
          " ".join(a["answer"].split()[:2]).lower() == " ".join(b2["answer"].split()[:2]).lower())
print(f"\nadjacent rows sharing first two words: {adj}")
print(f"\nerrors: {len(errors)}")
for e in errors[:50]: print("  " + e)
sys.exit(1 if errors else 0)
