#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Fill unfinished entries of a Qt .ts catalogue from a JSON mapping.

Usage: tools/ts_fill.py translations/posewright_zh_CN.ts < mapping.json
  mapping: {"source text": "translation", "%n word(s)": ["%n 个词"], ...}
  (keys are the plain source text; "context::source" disambiguates identical sources.)
With --english-plurals the file is treated as the English catalogue: numerus entries get
singular/plural forms derived from "(s)" in the source, other entries are left to the source.
Prints the entries that are still unfinished; exits 1 if any remain.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET


def english_forms(source):
    return [re.sub(r"\(s\)", "", source), re.sub(r"\(s\)", "s", source)]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    english = "--english-plurals" in sys.argv
    path = args[0]
    mapping = {} if english else json.load(sys.stdin)
    tree = ET.parse(path)
    remaining = []
    for ctx in tree.getroot().iter("context"):
        ctx_name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            source = msg.findtext("source")
            tr = msg.find("translation")
            numerus = msg.get("numerus") == "yes"
            if english:
                if numerus:
                    for child in list(tr):
                        tr.remove(child)
                    for form in english_forms(source):
                        ET.SubElement(tr, "numerusform").text = form
                    tr.attrib.pop("type", None)
                continue
            if tr.get("type") not in ("unfinished", None) and tr.get("type") != "unfinished":
                pass
            value = mapping.get(f"{ctx_name}::{source}", mapping.get(source))
            done = tr.get("type") != "unfinished" and (tr.text or len(tr))
            if value is None:
                if not done:
                    remaining.append(f"{ctx_name}: {source}")
                continue
            for child in list(tr):
                tr.remove(child)
            if numerus:
                forms = value if isinstance(value, list) else [value]
                for form in forms:
                    ET.SubElement(tr, "numerusform").text = form
                tr.text = None
            else:
                tr.text = value
            tr.attrib.pop("type", None)
    ET.indent(tree, space="    ")
    with open(path, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding="utf-8", xml_declaration=False)
        f.write(b"\n")
    for r in remaining:
        print("unfinished:", r)
    return 1 if remaining and not english else 0


if __name__ == "__main__":
    sys.exit(main())
