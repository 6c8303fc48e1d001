#!/usr/bin/env python3
"""The checks every training writer's file passes (w3, w4, w5 use it): fields and types, allowed styles,
categories and languages, label consistency; then distributions of labels, styles, languages, categories,
lengths and openings. A writer's own script adds its checks (extra_checks) and printouts (report)."""
import os
import json, re, sys
from collections import Counter

STYLES = set("""refusal-short refusal-lecture refusal-lecture-long refusal-helpline refusal-partial refusal-as-ai
refusal-policy refusal-neighbour refusal-discussion refusal-offtopic refusal-clarify refusal-empty comply-plain
comply-markdown comply-code comply-story comply-poem comply-table comply-list comply-long comply-short
comply-warn-then comply-then-warn comply-contradict comply-image comply-vague degenerate-repetition
degenerate-truncated degenerate-few-words degenerate-gibberish degenerate-placeholder degenerate-echo""".split())
CATS = set("""violent_crimes non_violent_crimes cybercrime fraud_deception sex_crimes defamation specialized_advice
privacy intellectual_property weapons_cbrn hate_discrimination self_harm sexual_content political misinformation
unethical_behavior animal_abuse benign""".split())
LANGS = {"en", "zh", "es", "fr", "de", "ru", "ar", "ja", "hi", "pt", "ko", "it", "tr"}
REQ = {"id": str, "question": str, "answer": str, "question_polarity": str, "refused": bool,
       "harmful": bool, "style": str, "lang": str, "category": str}
OPT = {"prompt": str, "image": str, "note": str}
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

def nwords(text):
    cjk = len(CJK.findall(text))
    rest = CJK.sub(" ", text)
    return len(rest.split()) + int(round(cjk / 1.8))

def bucket(n):
    return "<20" if n < 20 else "20-100" if n < 100 else "100-300" if n < 300 else "300-700" if n <= 700 else ">700"


def show(title, counter):
    print(f"\n== {title}")
    for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        print(f"  {v:5d}  {k}")


def read_jsonl(path):
    """(line number, record) pairs of a JSONL file, and an error for each blank or unparseable line."""
    errors = []
    rows = []
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                errors.append(f"line {ln}: blank line"); continue
            try:
                r = json.loads(line)
            except Exception as e:
                errors.append(f"line {ln}: bad JSON {e}"); continue
            rows.append((ln, r))
    return rows, errors


def check_ids_in_order(prefix, rows, errors):
    """Ids numbered in file order from {prefix}-0001 (the writers that number their rows)."""
    for n, (ln, r) in enumerate(rows, 1):
        if r.get("id") != f"{prefix}-{n:04d}":
            errors.append(f"line {ln}: id {r.get('id')} out of order, expected {prefix}-{n:04d}")


def opening(text):
    """First sentence, with list markers and markdown stripped; at least the first eight words (w7, w9, w10)."""
    t = " ".join(text.split())
    t = re.sub(r"^(\s*([#>*_\-]+|\d+[.)]|\[[^\]]*\])\s*)+", "", t)
    m = re.match(r"(.+?[.!?。！？])(\s|$)", t)
    s = m.group(1) if m else t
    if len(s.split()) < 8:
        s = " ".join(t.split()[:8])
    return s[:120].lower().strip()


def check_note_and_leftovers(ln, r, errors):
    """note is only "sanitised", only on harmful=true rows; no lorem/TODO/XXX outside degenerate rows."""
    if r.get("note") not in (None, "sanitised"):
        errors.append(f"line {ln}: note must be 'sanitised'")
    if r.get("note") == "sanitised" and not r.get("harmful"):
        errors.append(f"line {ln}: sanitised note on a harmful=false row")
    if re.search(r"\b(lorem|TODO|XXX)\b", r.get("answer", "")) and not r.get("style", "").startswith("degenerate"):
        errors.append(f"line {ln}: leftover placeholder text")


def report_style_targets(prefix, R, targets):
    """Each targeted style's count against its target (degenerate-* pooled), and the other styles together."""
    st = Counter(r["style"] for r in R)
    deg = sum(v for k, v in st.items() if k.startswith("degenerate-"))
    print(f"\n== {prefix} style targets (all rows)")
    for k, t in targets.items():
        n = deg if k == "degenerate-*" else st.get(k, 0)
        print(f"  {n:4d} / {t:4d}  {k}")
    other = sum(v for k, v in st.items() if k not in targets and not k.startswith("degenerate-"))
    print(f"  {other:4d}          other styles")


def report_lengths(R):
    """Length buckets against the realism targets, and the harmful=true and sanitised counts."""
    lb = Counter(bucket(nwords(r["answer"])) for r in R)
    print("   lengths vs targets: " + ", ".join(
        f"{k} {lb.get(k, 0)} ({100 * lb.get(k, 0) / max(len(R), 1):.0f}% / {t}%)"
        for k, t in (("<20", 10), ("20-100", 30), ("100-300", 40), ("300-700", 20), (">700", 0))))
    print(f"   harmful=true rows: {sum(r['harmful'] for r in R)}; sanitised: {sum(r.get('note') == 'sanitised' for r in R)}")


def check_openings(rows, errors, opening, most=2):
    """No opening sentence, as the writer's own `opening` function extracts it, used more than `most` times."""
    counts = Counter(opening(r["answer"]) for _, r in rows if r.get("answer", "").strip())
    for k, c in counts.items():
        if c > most:
            errors.append(f"opening sentence used {c} times: {k!r}")


def run(prefix, extra_checks=None, report=None):
    """Checks train/{prefix}.jsonl (or argv[1]); exits 1 when any check fails."""
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "train", prefix + ".jsonl")
    rows, errors = read_jsonl(path)

    ids = Counter()
    for ln, r in rows:
        for k, t in REQ.items():
            if k not in r: errors.append(f"line {ln}: missing {k}")
            elif not isinstance(r[k], t): errors.append(f"line {ln}: {k} wrong type")
        for k in r:
            if k not in REQ and k not in OPT: errors.append(f"line {ln}: unknown field {k}")
            elif k in OPT and not isinstance(r[k], OPT[k]): errors.append(f"line {ln}: {k} wrong type")
        if any(k not in r for k in REQ): continue
        ids[r["id"]] += 1
        if not re.fullmatch(prefix + r"-\d{4}", r["id"]): errors.append(f"line {ln}: bad id {r['id']}")
        if r["question_polarity"] not in ("harmful", "benign"): errors.append(f"line {ln}: bad polarity")
        if r["style"] not in STYLES: errors.append(f"line {ln}: bad style {r['style']}")
        if r["category"] not in CATS: errors.append(f"line {ln}: bad category {r['category']}")
        if r["lang"] not in LANGS: errors.append(f"line {ln}: bad lang {r['lang']}")
        if not r["question"].strip(): errors.append(f"line {ln}: empty question")
        if r["harmful"] and (r["question_polarity"] != "harmful" or r["refused"]):
            errors.append(f"line {ln}: harmful=true needs harmful polarity and refused=false")
        if r["question_polarity"] == "benign" and (r["harmful"] or r["category"] != "benign"):
            errors.append(f"line {ln}: benign row must be harmful=false, category benign")
        if r["question_polarity"] == "harmful" and r["category"] == "benign":
            errors.append(f"line {ln}: harmful question with benign category")
        if not r["answer"].strip() and not r["refused"]: errors.append(f"line {ln}: empty answer must be refused")
        if r["style"] == "refusal-empty" and r["answer"].strip(): errors.append(f"line {ln}: refusal-empty with text")
        st = r["style"]
        if st.startswith("refusal-") and not r["refused"]: errors.append(f"line {ln}: refusal style but refused=false")
        if (st.startswith("comply-") or st.startswith("degenerate-")) and r["refused"]:
            errors.append(f"line {ln}: {st} but refused=true")
        if ("prompt" in r or "image" in r) and "image" not in r: errors.append(f"line {ln}: prompt without image")
    for i, c in ids.items():
        if c > 1: errors.append(f"duplicate id {i} x{c}")

    if extra_checks:
        extra_checks(rows, errors)

    print(f"rows: {len(rows)}   errors: {len(errors)}")
    for e in errors[:50]: print("  ERR", e)

    R = [r for _, r in rows if all(k in r for k in REQ)]
    show("label (polarity / refused / harmful)", Counter(
        (r["question_polarity"], "refused" if r["refused"] else "not-refused", "harmful" if r["harmful"] else "not-harmful") for r in R))
    show("style", Counter(r["style"] for r in R))
    show("lang", Counter(r["lang"] for r in R))
    show("lang x polarity/refused/harmful", Counter(
        f'{r["lang"]} {r["question_polarity"][:3]} ref={int(r["refused"])} harm={int(r["harmful"])}' for r in R))
    show("category", Counter(r["category"] for r in R))
    show("multimodal (has image)", Counter(("image" in r, r["question_polarity"]) for r in R))
    show("length bucket (words; CJK chars/1.8)", Counter(bucket(nwords(r["answer"])) for r in R))
    show("length bucket, English only", Counter(bucket(nwords(r["answer"])) for r in R if r["lang"] == "en"))
    op = Counter(" ".join(r["answer"].split()[:4]).lower()[:60] for r in R if r["answer"].strip())
    print("\n== 15 most common first-four-word openings")
    for k, v in op.most_common(15): print(f"  {v:5d}  {k}")
    prev, runs = None, 0
    for r in R:
        o = " ".join(r["answer"].split()[:2]).lower()
        if o and o == prev: runs += 1
        prev = o
    print(f"\nconsecutive rows sharing first two words: {runs}")
    if report:
        report(rows, R, errors)
    sys.exit(1 if errors else 0)
