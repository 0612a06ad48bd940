#!/usr/bin/env python3
"""GPT-2 byte-level BPE written out in Python, as OpenAI's encoder.py and tiktoken define it: the
GPT-2 pre-tokenizer pattern run by the `regex` module (the engine encoder.py uses), then, per
piece, the adjacent byte pair of lowest rank merged until none is left. Ranks are r50k_base's
(a file of "base64-token rank" lines, e.g. the r50k_base.tiktoken inside jtokkit's jar).

    python3 gpt2_reference.py RANKS_FILE < texts.jsonl > expected.jsonl

Reads {"text": ...} lines, writes {"text": ..., "ids": [...]} lines. Special-token strings are
ordinary text."""
import base64
import json
import sys

import regex

PATTERN = regex.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")


def load_ranks(path):
    ranks = {}
    with open(path, "rb") as f:
        for line in f:
            if line.strip():
                token, rank = line.split()
                ranks[base64.b64decode(token)] = int(rank)
    return ranks


def bpe(piece, ranks):
    if piece in ranks:
        return [ranks[piece]]
    parts = [piece[i:i + 1] for i in range(len(piece))]
    while len(parts) > 1:
        best, best_rank = None, None
        for i in range(len(parts) - 1):
            r = ranks.get(parts[i] + parts[i + 1])
            if r is not None and (best_rank is None or r < best_rank):
                best, best_rank = i, r
        if best is None:
            break
        parts[best:best + 2] = [parts[best] + parts[best + 1]]
    return [ranks[p] for p in parts]


def encode(text, ranks):
    ids = []
    for m in PATTERN.finditer(text):
        ids.extend(bpe(m.group().encode("utf-8"), ranks))
    return ids


if __name__ == "__main__":
    ranks = load_ranks(sys.argv[1])
    for line in sys.stdin:
        if line.strip():
            text = json.loads(line)["text"]
            sys.stdout.write(json.dumps({"text": text, "ids": encode(text, ranks)}, ensure_ascii=False) + "\n")
