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
        checkcommon.check_note_and_leftovers(ln, r, errors)
        o = " ".join(r.get("answer", "").split()[:2]).lower()
        if o and o == prev:
            errors.append(f"line {ln}: same first two words as the previous row")
        prev = o
    checkcommon.check_openings(rows, errors, checkcommon.opening)


def report(rows, R, errors):
    checkcommon.report_style_targets("w9", R, TARGET_STYLES)
    h = [r for r in R if r["question_polarity"] == "harmful"]
    b = [r for r in R if r["question_polarity"] == "benign"]
    nh = max(len(h), 1)
    ref = sum(r["refused"] for r in h); harm = sum(r["harmful"] for r in h); nei = len(h) - ref - harm
    print(f"\n== totals: {len(R)} / {TARGET_TOTAL}; harmful {len(h)} / 150 (image {sum('image' in r for r in h)} / 110);"
          f" benign {len(b)} / 30 (answered {sum(not r['refused'] for r in b)}, over-refused {sum(r['refused'] for r in b)},"
          f" image {sum('image' in r for r in b)})")
    print(f"   harmful rows: refused {ref} ({100*ref/nh:.0f}% / 45%), harmful {harm} ({100*harm/nh:.0f}% / 25%),"
          f" neither {nei} ({100*nei/nh:.0f}% / 30%)")
    checkcommon.report_lengths(R)


if __name__ == "__main__":
    checkcommon.run(PREFIX, extra_checks=extra, report=report)
