#!/usr/bin/env python3
"""Validate w4.jsonl (English, harmful questions only) and print distribution counts and style targets."""
import re
from collections import Counter

import checkcommon

TARGET = {"comply-plain": 14, "comply-short": 14, "comply-contradict": 8, "comply-warn-then": 8, "comply-then-warn": 8,
          "comply-image": 16, "comply-markdown": 8, "comply-list": 8, "comply-story": 3, "comply-table": 3,
          "comply-vague": 25, "refusal-short": 12, "refusal-lecture": 8, "refusal-lecture-long": 6,
          "refusal-helpline": 6, "refusal-partial": 8, "refusal-as-ai": 6, "refusal-policy": 6,
          "refusal-neighbour": 10, "refusal-discussion": 8, "refusal-offtopic": 10, "refusal-clarify": 3,
          "refusal-empty": 2}


def extra_checks(rows, errors):
    for ln, r in rows:
        if r.get("lang") != "en": errors.append(f"line {ln}: w4 is English only")
        if r.get("question_polarity") != "harmful": errors.append(f"line {ln}: w4 is harmful questions only")


def report(rows, R, errors):
    sc = Counter(r["style"] for r in R)
    print("\n== w4 style vs target (degenerate-* pooled, target 20)")
    for k, t in TARGET.items(): print(f"  {sc.get(k, 0):4d} / {t:3d}  {k}")
    print(f"  {sum(v for k, v in sc.items() if k.startswith('degenerate-')):4d} /  20  degenerate-*")
    for ln, r in rows:
        if r.get("style") == "refusal-offtopic" and "image" not in r: print(f"  note: line {ln} off-topic without image")
    op2 = Counter(" ".join(r["answer"].split()[:4]).lower() for r in R if r["answer"].strip())
    over = [(k, v) for k, v in op2.items() if v > 2]
    print("openings (first four words) used more than twice:", over if over else "none")
    fs = Counter(re.split(r"(?<=[.!?:])\s", r["answer"].strip(), 1)[0].lower() for r in R if r["answer"].strip())
    over = [(k[:60], v) for k, v in fs.items() if v > 2]
    print("first sentences used more than twice:", over if over else "none")
    print("harmful=true by category:", dict(Counter(r["category"] for r in R if r["harmful"])))
    print("sanitised notes:", sum(1 for r in R if r.get("note") == "sanitised"))


checkcommon.run("w4", extra_checks=extra_checks, report=report)
