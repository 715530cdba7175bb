#!/usr/bin/env python3
"""Compares `vigie analyze --source postfix --json`'s four top-20 lists (top20.all) with pflogsumm's.

    bench/top20diff.py VIGIE.json PFLOGSUMM.txt

Prints one JSON object: per list, whether it matches, and the first differing ranks. Vigie keeps exact
byte counts; they are shown as pflogsumm prints them (adj_int_units: above 512 KiB in whole k, above
512 MiB in whole m, rounded down) before comparing.
"""
import json
import re
import sys

LISTS = [("senders_by_count", "Senders by message count", "messages"),
         ("recipients_by_count", "Recipients by message count", "messages"),
         ("senders_by_bytes", "Senders by message size", "bytes"),
         ("recipients_by_bytes", "Recipients by message size", "bytes")]


def pflogsumm_units(v):
    if v > 536870912:
        return f"{v // 1048576}m"
    if v > 524288:
        return f"{v // 1024}k"
    return str(v)


def pflogsumm_lists(text):
    lists = {}
    lines = text.splitlines()
    for _, title, _ in LISTS:
        rows = []
        for i, line in enumerate(lines):
            if line.strip().endswith(title) and line.lstrip().startswith("top"):
                for row in lines[i + 2:]:
                    m = re.match(r"^\s*(\d+[km]?)\s+(\S.*)$", row)
                    if not m:
                        break
                    rows.append((m.group(2).strip(), m.group(1)))
                break
        lists[title] = rows
    return lists


def main():
    vigie = json.load(open(sys.argv[1], encoding="utf-8"))["top20"]["all"]
    theirs = pflogsumm_lists(open(sys.argv[2], encoding="utf-8", errors="replace").read())
    result = {}
    for key, title, field in LISTS:
        ours = [(e["address"], pflogsumm_units(e[field]) if field == "bytes" else str(e[field])) for e in vigie[key]]
        other = theirs[title]
        diffs = [{"rank": i + 1, "vigie": list(ours[i]) if i < len(ours) else None,
                  "pflogsumm": list(other[i]) if i < len(other) else None}
                 for i in range(max(len(ours), len(other)))
                 if (ours[i] if i < len(ours) else None) != (other[i] if i < len(other) else None)]
        result[key] = {"match": not diffs and len(other) > 0, "entries": len(ours), "pflogsumm_entries": len(other),
                       "differences": diffs[:5]}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
