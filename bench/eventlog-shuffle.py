#!/usr/bin/env python3
"""Shuffle bytes written and read by a Spark application, from its event log folder (zstd or plain).

    bench/eventlog-shuffle.py EVENT_LOG_DIR [--stages]

Prints the totals; with --stages, every stage with its wall time, CPU seconds and shuffle bytes.
"""
import glob
import json
import subprocess
import sys


def events(folder):
    for path in sorted(glob.glob(folder + "/**/events*", recursive=True)):
        if path.endswith(".zstd"):
            text = subprocess.run(["zstd", "-dc", path], capture_output=True, text=True, check=True).stdout
        else:
            with open(path) as f:
                text = f.read()
        for line in text.splitlines():
            yield json.loads(line)


def main():
    folder = sys.argv[1]
    per_stage = "--stages" in sys.argv
    written = read = 0
    for e in events(folder):
        if e["Event"] != "SparkListenerStageCompleted":
            continue
        info = e["Stage Info"]
        acc = {}
        for a in info.get("Accumulables", []):
            try:
                acc[a["Name"]] = int(a.get("Value"))
            except (TypeError, ValueError):
                pass
        w = acc.get("internal.metrics.shuffle.write.bytesWritten", 0)
        r = acc.get("internal.metrics.shuffle.read.remoteBytesRead", 0) + acc.get(
            "internal.metrics.shuffle.read.localBytesRead", 0)
        written += w
        read += r
        if per_stage and w + r >= 100_000:
            secs = (info.get("Completion Time", 0) - info.get("Submission Time", 0)) / 1000
            cpu = acc.get("internal.metrics.executorCpuTime", 0) / 1e9
            print(f"stage {info['Stage ID']:4d}: {secs:6.2f} s, cpu {cpu:6.2f} s, {info['Number of Tasks']:3d} tasks,"
                  f" shuffle write {w / 1e6:8.1f} MB, read {r / 1e6:8.1f} MB")
    print(f"shuffle write {written / 1e6:.1f} MB, read {read / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
