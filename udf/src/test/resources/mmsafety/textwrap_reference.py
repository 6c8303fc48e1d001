"""CPython's textwrap as the oracle for TestTextWrap.

Usage: python3 textwrap_reference.py INPUT_JSONL
Each input line is a JSON array [text, width]; prints one JSON array of lines (textwrap.wrap(text, width)) per input
line, in order, and nothing else.
"""
import json
import sys
import textwrap

with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        text, width = json.loads(line)
        print(json.dumps(textwrap.wrap(text, width=width)))
