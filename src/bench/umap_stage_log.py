#!/usr/bin/env python3
"""Seconds of each UMAP stage from a peer's verbose log, for src/bench/cost_curves.sh's table of
stages: umap-learn's (verbose=True; lines stamped with time.ctime, to the second) or R uwot's
(verbose = TRUE; lines stamped HH:MM:SS).

usage: umap_stage_log.py umap-learn|uwot <log>
Prints one line: neighbour seconds, fuzzy-set-and-start seconds, layout seconds.
  umap-learn: neighbours "Finding Nearest Neighbors" -> "Finished Nearest Neighbor Search" (the
              random-projection forest and NN-descent, with numba's compilation of them); fuzzy
              set -> "Construct embedding"; layout -> "Finished embedding" (umap-learn stamps no
              line between its spectral start and its epochs: its start counts in its layout)
  uwot:       neighbours "Read ... rows" -> "Commencing smooth kNN" (Annoy's index and search);
              fuzzy set and start -> "Commencing optimization"; layout -> "Optimization finished"
"""
import re
import sys
import time


def stamps(tool, path):
    """(seconds since midnight of the first stamp's day, message) for every stamped line."""
    out = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if tool == "umap-learn":
                m = re.match(r"^(\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}) (.*)$", line)
                if m:
                    out.append((time.mktime(time.strptime(m.group(1))), m.group(2)))
            else:
                m = re.match(r"^(\d\d):(\d\d):(\d\d) (.*)$", line)
                if m:
                    h, mi, s = (int(g) for g in m.groups()[:3])
                    t = h * 3600 + mi * 60 + s
                    while out and t < out[-1][0]:  # past midnight
                        t += 86400
                    out.append((t, m.group(4)))
    return out


def at(lines, prefix):
    for t, message in lines:
        if message.startswith(prefix):
            return t
    raise SystemExit(f"no line starting with '{prefix}'")


def main():
    tool, path = sys.argv[1], sys.argv[2]
    lines = stamps(tool, path)
    if tool == "umap-learn":
        neighbours = at(lines, "Finished Nearest Neighbor Search") - at(lines,
                                                                       "Finding Nearest Neighbors")
        fuzzy = at(lines, "Construct embedding") - at(lines, "Finished Nearest Neighbor Search")
        layout = at(lines, "Finished embedding") - at(lines, "Construct embedding")
        print(f"{neighbours:.0f} {fuzzy:.0f} {layout:.0f}")
    else:
        read = at(lines, "Read ")
        calibration = at(lines, "Commencing smooth kNN")
        optimisation = at(lines, "Commencing optimization")
        print(f"{calibration - read:.0f} {optimisation - calibration:.0f} "
              f"{at(lines, 'Optimization finished') - optimisation:.0f}")


if __name__ == "__main__":
    main()
