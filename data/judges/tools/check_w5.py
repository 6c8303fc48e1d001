#!/usr/bin/env python3
"""Validate w5.jsonl (twelve languages, no English) and print distribution counts, per language too."""
import re
from collections import Counter

import checkcommon
from checkcommon import bucket, nwords, show


def extra_checks(rows, errors):
    # w5: ids numbered in order, w5-0001 upwards
    for n, (ln, r) in enumerate(rows, 1):
        if r.get("id") != f"w5-{n:04d}": errors.append(f"line {ln}: expected id w5-{n:04d}, got {r.get('id')}")
    # w5: every row is non-English
    for ln, r in rows:
        if r.get("lang") == "en": errors.append(f"line {ln}: w5 holds no English rows")
    # w5: no opening sentence used more than twice
    SENT = re.compile(r"^(.{12,}?(?:[.!?](?=\s)|[\u3002\uff01\uff1f\u061f\u0964]|\n|$))", re.S)
    first = Counter()
    for ln, r in rows:
        a = r.get("answer", "").strip()
        if a:
            m = SENT.match(a)
            first[(m.group(1) if m else a).strip().lower()[:120]] += 1
    for k, c in first.items():
        if c > 2: errors.append(f"opening sentence used {c} times: {k!r}")


def report(rows, R, errors):
    show("lang x style group", Counter(f'{r["lang"]} {r["style"].split("-")[0]}' for r in R))
    show("lang x multimodal (harmful questions)", Counter(f'{r["lang"]} image={"image" in r}' for r in R if r["question_polarity"] == "harmful"))
    show("lang x length bucket", Counter(f'{r["lang"]} {bucket(nwords(r["answer"]))}' for r in R))
    show("harmful=true by category", Counter(r["category"] for r in R if r["harmful"]))
    show("note", Counter(r.get("note", "-") for r in R))


checkcommon.run("w5", extra_checks=extra_checks, report=report)
