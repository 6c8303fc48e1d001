#!/usr/bin/env python3
"""Validate w3.jsonl and print distribution counts."""
import checkcommon

checkcommon.run("w3")
