#!/usr/bin/env python3
"""Validate w5.jsonl (twelve languages, no English) and print distribution counts, per language too."""
import re
from collections import Counter

import checkcommon
from checkcommon import bucket, nwords, show


SENT = re.compile(r"^(.{12,}?(?:[.!?](?=\s)|[\u3002\uff01\uff1f\u061f\u0964]|\n|$))", re.S)


def first_sentence(text):
    a = text.strip()
    m = SENT.match(a)
    return (m.group(1) if m else a).strip().lower()[:120]


def extra_checks(rows, errors):
    checkcommon.check_ids_in_order("w5", rows, errors)
    # w5: every row is non-English
    for ln, r in rows:
        if r.get("lang") == "en": errors.append(f"line {ln}: w5 holds no English rows")
    checkcommon.check_openings(rows, errors, first_sentence)


def report(rows, R, errors):
    show("lang x style group", Counter(f'{r["lang"]} {r["style"].split("-")[0]}' for r in R))
    show("lang x multimodal (harmful questions)", Counter(f'{r["lang"]} image={"image" in r}' for r in R if r["question_polarity"] == "harmful"))
    show("lang x length bucket", Counter(f'{r["lang"]} {bucket(nwords(r["answer"]))}' for r in R))
    show("harmful=true by category", Counter(r["category"] for r in R if r["harmful"]))
    show("note", Counter(r.get("note", "-") for r in R))


checkcommon.run("w5", extra_checks=extra_checks, report=report)
