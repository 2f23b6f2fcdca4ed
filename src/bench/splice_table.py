#!/usr/bin/env python3
"""Replaces what lies between the marker comments <!-- bench:NAME --> and <!-- /bench:NAME --> of a
Markdown file by the contents of another file (a table written by a benchmark script), in place.
Each marker must occur exactly once. Used by src/bench/all.sh.

usage: splice_table.py doc.md NAME table.md      (table.md '-' only checks that the markers exist)
"""
import os
import sys


def main():
    doc, name, table = sys.argv[1:4]
    with open(doc, encoding="utf-8") as f:
        text = f.read()
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    if text.count(start) != 1 or text.count(end) != 1 or text.index(end) < text.index(start):
        sys.exit(f"{doc}: needs exactly one {start} followed by one {end}")
    if table == "-":
        return
    with open(table, encoding="utf-8") as f:
        body = f.read().strip("\n")
    i = text.index(start) + len(start)
    j = text.index(end)
    new = text[:i] + "\n" + body + "\n" + text[j:]
    with open(doc + ".tmp", "w", encoding="utf-8") as f:
        f.write(new)
    os.replace(doc + ".tmp", doc)


if __name__ == "__main__":
    main()
