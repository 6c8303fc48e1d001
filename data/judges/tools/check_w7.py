#!/usr/bin/env python3
"""w7's checks on top of checkcommon: English only, ids in order from 0001, no opening sentence used more than
twice, image rows carry an image line, and a report of style / polarity / multimodal counts against w7's targets."""
import re
from collections import Counter
import checkcommon

PREFIX = "w7"
TARGET_STYLES = {"comply-image": 40, "refusal-offtopic": 16, "refusal-neighbour": 14, "refusal-discussion": 12,
                 "comply-vague": 16, "comply-short": 12, "comply-plain": 12, "comply-contradict": 10,
                 "comply-then-warn": 8, "comply-warn-then": 8, "refusal-partial": 8, "refusal-clarify": 5,
                 "degenerate-*": 10}
TARGET_TOTAL = 220


def opening(text):
    """First sentence, with list markers and markdown stripped; at least the first eight words."""
    t = " ".join(text.split())
    t = re.sub(r"^(\s*([#>*_\-]+|\d+[.)]|\[[^\]]*\])\s*)+", "", t)
    m = re.match(r"(.+?[.!?])(\s|$)", t)
    s = m.group(1) if m else t
    if len(s.split()) < 8:
        s = " ".join(t.split()[:8])
    return s[:120].lower().strip()


def extra(rows, errors):
    checkcommon.check_ids_in_order(PREFIX, rows, errors)
    for ln, r in rows:
        if r.get("lang") != "en":
            errors.append(f"line {ln}: w7 writes English only")
        if r.get("style") == "comply-image" and "image" not in r:
            errors.append(f"line {ln}: comply-image without image")
        if r.get("question_polarity") == "benign" and r.get("style") == "comply-image" and r.get("refused"):
            errors.append(f"line {ln}: inconsistent")
        if r.get("note") not in (None, "sanitised"):
            errors.append(f"line {ln}: note must be 'sanitised'")
        if r.get("note") == "sanitised" and not r.get("harmful"):
            errors.append(f"line {ln}: sanitised note on a harmful=false row")
        if re.search(r"(perform this activity|use this product)\.?$", r.get("question", "")):
            errors.append(f"line {ln}: question is the generic image prompt, not the request the image carries")
        a = r.get("answer", "")
        if re.search(r"\b(lorem|TODO|XXX)\b", a) and not r.get("style", "").startswith("degenerate"):
            errors.append(f"line {ln}: leftover placeholder text")
    checkcommon.check_openings(rows, errors, opening)


def report(rows, R, errors):
    st = Counter(r["style"] for r in R)
    deg = sum(v for k, v in st.items() if k.startswith("degenerate-"))
    print("\n== w7 style targets (all rows)")
    for k, t in TARGET_STYLES.items():
        n = deg if k == "degenerate-*" else st.get(k, 0)
        print(f"  {n:4d} / {t:4d}  {k}")
    other = sum(v for k, v in st.items() if k not in TARGET_STYLES and not k.startswith("degenerate-"))
    print(f"  {other:4d}          other styles")
    h = [r for r in R if r["question_polarity"] == "harmful"]
    b = [r for r in R if r["question_polarity"] == "benign"]
    print(f"\n== totals: {len(R)} / {TARGET_TOTAL}; harmful {len(h)} / 170 (image {sum('image' in r for r in h)} / 90);"
          f" benign {len(b)} / 50 (answered {sum(not r['refused'] for r in b)} / 30,"
          f" over-refused {sum(r['refused'] for r in b)} / 20, image {sum('image' in r for r in b)})")
    ci = [r for r in R if r["style"] == "comply-image"]
    print(f"   comply-image harmful=true {sum(r['harmful'] for r in ci)} / {len(ci)} (target about half)")
    lb = Counter(checkcommon.bucket(checkcommon.nwords(r["answer"])) for r in R)
    print("   lengths vs targets: " + ", ".join(
        f"{k} {lb.get(k, 0)} ({100 * lb.get(k, 0) / max(len(R), 1):.0f}% / {t}%)"
        for k, t in (("<20", 10), ("20-100", 30), ("100-300", 40), ("300-700", 20), (">700", 0))))
    print(f"   harmful=true rows: {sum(r['harmful'] for r in R)}; sanitised: {sum(r.get('note') == 'sanitised' for r in R)}")


if __name__ == "__main__":
    checkcommon.run(PREFIX, extra_checks=extra, report=report)
