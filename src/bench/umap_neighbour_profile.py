#!/usr/bin/env python3
"""Where UMAP's neighbour stage spends its time: groups the execution samples of a Java Flight
Recording of `UmapStages.java <arff> <threads> neighbours` by the part of NN-descent on their stack
(the forest, the start graph's joins within the forest's leaves, the rounds) and shares that
stage's seconds among them. Samples of the conversion to coordinates (not timed) are left out.

usage:
  java -XX:StartFlightRecording=filename=stage.jfr,settings=profile -cp <weka class path>:\
<package>/fundamentos.jar:<package>/lib/* src/bench/UmapStages.java train.arff 2 neighbours
  umap_neighbour_profile.py stage.jfr <the neighbour seconds UmapStages printed>
"""
import collections
import re
import subprocess
import sys


def part(frames):
    if any("RandomProjectionTree.<init>" in f or "TreeSpace.of" in f for f in frames):
        return "forest"
    if any("NearestNeighbourDescent.lambda$build$1" in f for f in frames):
        return "leaf joins (start graph)"
    if any("NearestNeighbourDescent.descend" in f or "NearestNeighbourDescent.join" in f
           or "CandidateLists" in f for f in frames):
        return "rounds"
    return "other"


def main():
    recording, seconds = sys.argv[1], float(sys.argv[2])
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth",
                           "64", recording], capture_output=True, text=True, check=True).stdout
    counts, total = collections.Counter(), 0
    for sample in text.split("jdk.ExecutionSample {")[1:]:
        frames = [f for f in re.findall(r"^\s+([\w.$<>]+)\(", sample, re.M)
                  if f.startswith("fundamentos.")]
        if not frames or any("DistanceCoordinates" in f or "LpPoints.<init>" in f for f in frames) \
                or frames[-1].endswith("LpPoints.toFloat"):
            continue
        counts[part(frames)] += 1
        total += 1
    for name, count in counts.most_common():
        print(f"{name}: {count / total:.1%} of {total} samples, {seconds * count / total:.1f} s")


if __name__ == "__main__":
    main()
