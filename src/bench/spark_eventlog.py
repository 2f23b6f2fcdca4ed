#!/usr/bin/env python3
"""Sums what a Spark application moved, from its event log (spark.eventLog.enabled=true).

    spark_eventlog.py <event log folder>

Prints one line: tasks, input bytes read, shuffle bytes written, bytes of task results sent to the
driver, output bytes written, summed over every task that ended (SparkListenerTaskEnd events, the
metrics Spark's own UI shows). Broadcasts (the model a job sends to every executor) are not task
metrics and are not counted here; doc/Spark.md's cost model gives their size.
"""
import json
import os
import sys


def main():
    folder = sys.argv[1]
    tasks = read = shuffled = results = written = 0
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name)) as log:
            for line in log:
                event = json.loads(line)
                if event.get("Event") != "SparkListenerTaskEnd":
                    continue
                metrics = event.get("Task Metrics") or {}
                tasks += 1
                read += (metrics.get("Input Metrics") or {}).get("Bytes Read", 0)
                shuffled += (metrics.get("Shuffle Write Metrics") or {}).get("Shuffle Bytes Written", 0)
                results += metrics.get("Result Size", 0)
                written += (metrics.get("Output Metrics") or {}).get("Bytes Written", 0)
    print(tasks, read, shuffled, results, written)


if __name__ == "__main__":
    main()
