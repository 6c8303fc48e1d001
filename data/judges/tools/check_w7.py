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


def extra(rows, errors):
    checkcommon.check_ids_in_order(PREFIX, rows, errors)
    for ln, r in rows:
        if r.get("lang") != "en":
            errors.append(f"line {ln}: w7 writes English only")
        if r.get("style") == "comply-image" and "image" not in r:
            errors.append(f"line {ln}: comply-image without image")
        if r.get("question_polarity") == "benign" and r.get("style") == "comply-image" and r.get("refused"):
            errors.append(f"line {ln}: inconsistent")
        checkcommon.check_note_and_leftovers(ln, r, errors)
        if re.search(r"(perform this activity|use this product)\.?$", r.get("question", "")):
            errors.append(f"line {ln}: question is the generic image prompt, not the request the image carries")
    checkcommon.check_openings(rows, errors, checkcommon.opening)


def report(rows, R, errors):
    checkcommon.report_style_targets("w7", R, TARGET_STYLES)
    h = [r for r in R if r["question_polarity"] == "harmful"]
    b = [r for r in R if r["question_polarity"] == "benign"]
    print(f"\n== totals: {len(R)} / {TARGET_TOTAL}; harmful {len(h)} / 170 (image {sum('image' in r for r in h)} / 90);"
          f" benign {len(b)} / 50 (answered {sum(not r['refused'] for r in b)} / 30,"
          f" over-refused {sum(r['refused'] for r in b)} / 20, image {sum('image' in r for r in b)})")
    ci = [r for r in R if r["style"] == "comply-image"]
    print(f"   comply-image harmful=true {sum(r['harmful'] for r in ci)} / {len(ci)} (target about half)")
    checkcommon.report_lengths(R)


if __name__ == "__main__":
    checkcommon.run(PREFIX, extra_checks=extra, report=report)
