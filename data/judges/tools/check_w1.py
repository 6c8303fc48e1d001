#!/usr/bin/env python3
"""Validate w1.jsonl (judge training rows) and print summary counts."""
import os
import collections
import json
import re
import sys

PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "train", "w1.jsonl")

STYLES = set("""refusal-short refusal-lecture refusal-lecture-long refusal-helpline refusal-partial refusal-as-ai
refusal-policy refusal-neighbour refusal-discussion refusal-offtopic refusal-clarify refusal-empty
comply-plain comply-markdown comply-code comply-story comply-poem comply-table comply-list comply-long
comply-short comply-warn-then comply-then-warn comply-contradict comply-image comply-vague
degenerate-repetition degenerate-truncated degenerate-few-words degenerate-gibberish degenerate-placeholder
degenerate-echo""".split())
CATEGORIES = set("""violent_crimes non_violent_crimes cybercrime fraud_deception sex_crimes defamation
specialized_advice privacy intellectual_property weapons_cbrn hate_discrimination self_harm sexual_content
political misinformation unethical_behavior animal_abuse benign""".split())
# categories this writer (w1) is allowed to use
W1_CATEGORIES = {"fraud_deception", "cybercrime", "non_violent_crimes", "privacy", "weapons_cbrn",
                 "violent_crimes", "sex_crimes"}
REQUIRED = {"id": str, "question": str, "answer": str, "question_polarity": str, "refused": bool,
            "harmful": bool, "style": str, "lang": str, "category": str}
OPTIONAL = {"prompt": str, "image": str, "note": str}
SEVERE_HINT = {"weapons_cbrn", "violent_crimes"}

errors = []
rows = []
with open(PATH, encoding="utf-8") as f:
    for ln, line in enumerate(f, 1):
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {ln}: bad JSON ({e})")
            continue
        rows.append((ln, r))

ids = collections.Counter()
for ln, r in rows:
    def err(msg):
        errors.append(f"line {ln} ({r.get('id')}): {msg}")
    for k, t in REQUIRED.items():
        if k not in r:
            err(f"missing field {k}")
        elif not isinstance(r[k], t):
            err(f"field {k} has type {type(r[k]).__name__}")
    for k in r:
        if k not in REQUIRED and k not in OPTIONAL:
            err(f"unexpected field {k}")
    for k, t in OPTIONAL.items():
        if k in r and (not isinstance(r[k], t) or not r[k].strip()):
            err(f"optional field {k} empty or wrong type")
    if any(k not in r for k in REQUIRED):
        continue
    ids[r["id"]] += 1
    if not re.fullmatch(r"w1-\d{4}", r["id"]):
        err("bad id format")
    if r["question_polarity"] != "harmful":
        err("polarity must be harmful for w1")
    if r["harmful"] and (r["question_polarity"] != "harmful" or r["refused"]):
        err("harmful=true requires harmful polarity and refused=false")
    if r["style"] not in STYLES:
        err(f"unknown style {r['style']}")
    if r["category"] not in CATEGORIES:
        err(f"unknown category {r['category']}")
    elif r["category"] not in W1_CATEGORIES:
        err(f"category {r['category']} not in w1 scope")
    if r["lang"] != "en":
        err("lang must be en")
    if not r["question"].strip():
        err("empty question")
    st, a = r["style"], r["answer"]
    if st == "refusal-empty" and a.strip():
        err("refusal-empty with non-empty answer")
    if not a.strip() and not (st == "refusal-empty" and r["refused"]):
        err("empty answer must be refusal-empty with refused=true")
    if st.startswith("refusal-") and not r["refused"]:
        err("refusal style but refused=false")
    if (st.startswith("comply-") or st.startswith("degenerate-")) and r["refused"]:
        err("comply/degenerate style but refused=true")
    if (st.startswith("degenerate-") or st == "comply-vague") and r["harmful"]:
        err("degenerate/vague style marked harmful")
    if ("prompt" in r) != ("image" in r):
        err("prompt and image should come together")
    if r["category"] == "sex_crimes" and not r["refused"]:
        err("sex_crimes rows must be refusals/discussion only")
    if r["category"] in SEVERE_HINT and r["harmful"] and "sanitised" not in r.get("note", ""):
        err("harmful row in severe category without 'sanitised' note")

for i, n in ids.items():
    if n > 1:
        errors.append(f"duplicate id {i} x{n}")


def label(r):
    return "refused" if r["refused"] else ("harmful" if r["harmful"] else "complied-not-harmful")


def bucket(r):
    n = len(r["answer"].split())
    return "<20" if n < 20 else "20-100" if n < 100 else "100-300" if n < 300 else "300-700" if n <= 700 else ">700"


def opening(r):
    w = r["answer"].lower().split()[:4]
    return " ".join(w) if w else "<empty>"


good = [r for _, r in rows if all(k in r for k in REQUIRED)]
N = len(good)
print(f"file: {PATH}\nrows: {N}   errors: {len(errors)}")
for e in errors[:50]:
    print("  ERROR", e)


def show(title, counter, total=N):
    print(f"\n{title}")
    for k, v in sorted(counter.items(), key=lambda x: (-x[1], x[0])):
        print(f"  {k:28s} {v:4d}  {100 * v / total:5.1f}%")


show("labels", collections.Counter(label(r) for r in good))
show("styles", collections.Counter(r["style"] for r in good))
show("categories", collections.Counter(r["category"] for r in good))
order = ["<20", "20-100", "100-300", "300-700", ">700"]
lb = collections.Counter(bucket(r) for r in good)
print("\nlength buckets (words)")
for k in order:
    print(f"  {k:28s} {lb[k]:4d}  {100 * lb[k] / N:5.1f}%")
mm = sum(1 for r in good if "image" in r)
print(f"\nmultimodal rows (prompt+image): {mm}")
cat_lab = collections.defaultdict(collections.Counter)
for r in good:
    cat_lab[r["category"]][label(r)] += 1
print("\nlabels by category")
for c, cnt in sorted(cat_lab.items()):
    print(f"  {c:20s} " + "  ".join(f"{k}={v}" for k, v in sorted(cnt.items())))
ops = collections.Counter(opening(r) for r in good)
print("\n15 most common first-four-word openings")
for k, v in ops.most_common(15):
    print(f"  {v:3d}  {k}")
seq = [opening(r) for r in good]
adj = sum(1 for i in range(1, len(seq)) if seq[i] == seq[i - 1] and seq[i] != "<empty>")
print(f"\nadjacent rows sharing an opening (non-empty): {adj}")
over = [k for k, v in ops.items() if v > 5 and k != "<empty>"]
print(f"openings used more than 5 times: {over if over else 'none'}")
sys.exit(1 if errors else 0)
