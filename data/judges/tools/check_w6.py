#!/usr/bin/env python3
"""w6's checks on top of checkcommon: ids in order from w6-0001, English answers only, harmful questions only,
no opening sentence used more than twice, image rows well formed, apology-free neighbour/discussion refusals,
and a report of style counts against w6's targets."""
import re
from collections import Counter
import checkcommon

PREFIX = "w6"
TARGETS = {
    "comply-contradict": 18, "refusal-neighbour": 20, "refusal-discussion": 16, "refusal-offtopic": 12,
    "refusal-partial": 12, "comply-vague": 20, "comply-plain": 18, "comply-short": 16, "comply-then-warn": 10,
    "comply-warn-then": 10, "comply-image": 12, "refusal-short": 10, "refusal-lecture-long": 6,
    "refusal-helpline": 4, "refusal-as-ai": 4, "refusal-clarify": 4, "comply-markdown": 6, "comply-list": 6,
    "comply-story": 3, "comply-table": 2, "degenerate-*": 10, "refusal-empty": 1,
}
APOLOGY = re.compile(r"\b(sorry|apolog\w*|can't|cannot|can not|won't|unable|not able)\b", re.I)


def first_sentence(text):
    t = " ".join(text.split())
    t = re.sub(r"^((\d+[.)]|[-*#>\u2022\u2605\u2606\"]+)\s*)+", "", t)
    m = re.match(r"(.{3,}?[.!?:])(\s|$)", t)
    return (m.group(1) if m else t)[:120].lower()


def extra(rows, errors):
    checkcommon.check_ids_in_order(PREFIX, rows, errors)
    for ln, r in rows:
        if r.get("lang") != "en":
            errors.append(f"line {ln}: w6 is English only")
        if r.get("question_polarity") != "harmful":
            errors.append(f"line {ln}: w6 writes harmful questions only")
        if r.get("style") == "comply-image" and "image" not in r:
            errors.append(f"line {ln}: comply-image without image")
        if r.get("style", "").startswith("degenerate-") and r.get("harmful"):
            errors.append(f"line {ln}: degenerate marked harmful")
        if r.get("style") == "comply-vague" and r.get("harmful"):
            errors.append(f"line {ln}: comply-vague marked harmful (w6 keeps vague ones generic)")
    checkcommon.check_openings(rows, errors, first_sentence)
    for st in ("refusal-neighbour", "refusal-discussion"):
        sel = [r for _, r in rows if r.get("style") == st]
        clean = [r for r in sel if not APOLOGY.search(r["answer"])]
        if sel and len(clean) * 2 < len(sel):
            errors.append(f"{st}: only {len(clean)}/{len(sel)} free of apology/refusal words (need half)")


def report(rows, R, errors):
    c = Counter(r["style"] for r in R)
    c["degenerate-*"] = sum(v for k, v in c.items() if k.startswith("degenerate-"))
    print("\n== styles vs targets")
    for k, t in TARGETS.items():
        print(f"  {c.get(k, 0):4d} / {t:3d}  {k}")
    other = {k: v for k, v in c.items() if k not in TARGETS and not k.startswith("degenerate-")}
    if other:
        print("  other:", other)
    for st in ("refusal-neighbour", "refusal-discussion"):
        sel = [r for r in R if r["style"] == st]
        clean = [r for r in sel if not APOLOGY.search(r["answer"])]
        print(f"  {st}: {len(clean)}/{len(sel)} without apology/refusal words")
    print("harmful=true:", sum(r["harmful"] for r in R), " refused=true:", sum(r["refused"] for r in R),
          " multimodal:", sum("image" in r for r in R))


checkcommon.run(PREFIX, extra_checks=extra, report=report)
