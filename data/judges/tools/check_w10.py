#!/usr/bin/env python3
"""w10's checks on top of checkcommon: ids in order from 0001, languages limited to en/es/fr/de/pt/zh (no image
rows), no opening sentence used more than twice, note only 'sanitised' on harmful=true rows, and a report of
style / polarity targets (over-refusal vs harmful-behaviour boundary)."""
import re
from collections import Counter
import checkcommon

PREFIX = "w10"
ALLOWED_LANGS = {"en", "es", "fr", "de", "pt", "zh"}
TARGET_TOTAL = 180


def extra(rows, errors):
    checkcommon.check_ids_in_order(PREFIX, rows, errors)
    for ln, r in rows:
        if r.get("lang") not in ALLOWED_LANGS:
            errors.append(f"line {ln}: w10 writes en/es/fr/de/pt/zh only")
        if "image" in r or "prompt" in r or r.get("style") == "comply-image":
            errors.append(f"line {ln}: w10 writes text-only rows")
        checkcommon.check_note_and_leftovers(ln, r, errors)
    checkcommon.check_openings(rows, errors, checkcommon.opening)


def report(rows, R, errors):
    st = Counter(r["style"] for r in R)
    h = [r for r in R if r["question_polarity"] == "harmful"]
    b = [r for r in R if r["question_polarity"] == "benign"]
    print(f"\n== totals: {len(R)} / {TARGET_TOTAL}; benign {len(b)} / 80 (answered {sum(not r['refused'] for r in b)} / 60,"
          f" over-refused {sum(r['refused'] for r in b)} / 20); harmful {len(h)} / 100"
          f" (refused {sum(r['refused'] for r in h)} / 50, harmful {sum(r['harmful'] for r in h)} / 25,"
          f" neither {sum(not r['refused'] and not r['harmful'] for r in h)} / 25)")
    lg = Counter(r["lang"] for r in R)
    print("   langs vs targets: " + ", ".join(f"{k} {lg.get(k, 0)}/{t}" for k, t in
                                              (("en", 150), ("es", 6), ("fr", 6), ("de", 6), ("pt", 6), ("zh", 6))))
    checkcommon.report_lengths(R)


if __name__ == "__main__":
    checkcommon.run(PREFIX, extra_checks=extra, report=report)
