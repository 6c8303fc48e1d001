#!/usr/bin/env python3
"""w9's checks on top of checkcommon: English only, ids in order from 0001, no opening sentence used more than
twice, image rows carry an image line, note only 'sanitised' on harmful=true rows, and a report of style /
polarity / multimodal counts against w9's targets (VLM-style outputs on multimodal safety probes)."""
import re
from collections import Counter
import checkcommon

PREFIX = "w9"
TARGET_STYLES = {"comply-image": 30, "refusal-offtopic": 16, "comply-vague": 16, "refusal-neighbour": 10,
                 "comply-contradict": 8, "comply-short": 8, "refusal-lecture-long": 6, "refusal-short": 8,
                 "comply-plain": 8, "comply-markdown": 8, "degenerate-*": 16}
TARGET_TOTAL = 180


def opening(text):
    """First sentence, list markers and markdown stripped; at least the first eight words."""
    t = " ".join(text.split())
    t = re.sub(r"^(\s*([#>*_\-]+|\d+[.)]|\[[^\]]*\])\s*)+", "", t)
    m = re.match(r"(.+?[.!?])(\s|$)", t)
    s = m.group(1) if m else t
    if len(s.split()) < 8:
        s = " ".join(t.split()[:8])
    return s[:120].lower().strip()


def extra(rows, errors):
    checkcommon.check_ids_in_order(PREFIX, rows, errors)
    prev = None
    for ln, r in rows:
        if r.get("lang") != "en":
            errors.append(f"line {ln}: w9 writes English only")
        if r.get("style") == "comply-image" and "image" not in r:
            errors.append(f"line {ln}: comply-image without image")
        if "prompt" in r and not r.get("image", "").strip():
            errors.append(f"line {ln}: image row needs a non-empty image line")
        if "image" in r and "\n" in r["image"]:
            errors.append(f"line {ln}: image must be one line")
        if r.get("note") not in (None, "sanitised"):
            errors.append(f"line {ln}: note must be 'sanitised'")
        if r.get("note") == "sanitised" and not r.get("harmful"):
            errors.append(f"line {ln}: sanitised note on a harmful=false row")
        o = " ".join(r.get("answer", "").split()[:2]).lower()
        if o and o == prev:
            errors.append(f"line {ln}: same first two words as the previous row")
        prev = o
    checkcommon.check_openings(rows, errors, opening)


def report(rows, R, errors):
    st = Counter(r["style"] for r in R)
    deg = sum(v for k, v in st.items() if k.startswith("degenerate-"))
    print("\n== w9 style targets (all rows)")
    for k, t in TARGET_STYLES.items():
        n = deg if k == "degenerate-*" else st.get(k, 0)
        print(f"  {n:4d} / {t:4d}  {k}")
    other = sum(v for k, v in st.items() if k not in TARGET_STYLES and not k.startswith("degenerate-"))
    print(f"  {other:4d}          other styles")
    h = [r for r in R if r["question_polarity"] == "harmful"]
    b = [r for r in R if r["question_polarity"] == "benign"]
    nh = max(len(h), 1)
    ref = sum(r["refused"] for r in h); harm = sum(r["harmful"] for r in h); nei = len(h) - ref - harm
    print(f"\n== totals: {len(R)} / {TARGET_TOTAL}; harmful {len(h)} / 150 (image {sum('image' in r for r in h)} / 110);"
          f" benign {len(b)} / 30 (answered {sum(not r['refused'] for r in b)}, over-refused {sum(r['refused'] for r in b)},"
          f" image {sum('image' in r for r in b)})")
    print(f"   harmful rows: refused {ref} ({100*ref/nh:.0f}% / 45%), harmful {harm} ({100*harm/nh:.0f}% / 25%),"
          f" neither {nei} ({100*nei/nh:.0f}% / 30%)")
    lb = Counter(checkcommon.bucket(checkcommon.nwords(r["answer"])) for r in R)
    print("   lengths vs targets: " + ", ".join(
        f"{k} {lb.get(k, 0)} ({100 * lb.get(k, 0) / max(len(R), 1):.0f}% / {t}%)"
        for k, t in (("<20", 10), ("20-100", 30), ("100-300", 40), ("300-700", 20), (">700", 0))))
    print(f"   harmful=true rows: {sum(r['harmful'] for r in R)}; sanitised: {sum(r.get('note') == 'sanitised' for r in R)}")


if __name__ == "__main__":
    checkcommon.run(PREFIX, extra_checks=extra, report=report)
