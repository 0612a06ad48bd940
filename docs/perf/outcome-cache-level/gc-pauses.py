#!/usr/bin/env python3
"""Sums the pauses of a -Xlog:gc file: gc-pauses.py LOG [LABEL] prints '[LABEL: ]GC pauses N (F full), S s'."""
import re
import sys

total, pauses, full = 0.0, 0, 0
for line in open(sys.argv[1]):
    m = re.search(r'([0-9.]+)ms$', line.strip())
    if m and 'Pause' in line:
        total += float(m.group(1))
        pauses += 1
        full += 'Full' in line
label = sys.argv[2] + ': ' if len(sys.argv) > 2 else ''
print(f"{label}GC pauses {pauses} ({full} full), {total / 1000:.1f} s")
