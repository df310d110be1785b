"""The official MMR data path over a split, in Python (LOADER.md), without the MMR repository.

Reads the file with json.load, and for every pair does what MultiPartReasonSegDataset and
ValDataset do with it: the placeholder count check, text_answer.format(seg="[SEG]"), and
pycocotools.mask.decode of every target copy (a pure-Python port of rleFrString / rleDecode with
pycocotools' TypeError on polygons and uncompressed counts; counts that do not add up to h*w,
undefined behaviour in the C decoder, are reported), then np.stack of the record's masks.

Usage: python3 scripts/loader-check.py SPLIT.json   (prints one line per failure, exit 1 if any)
"""
import json
import sys

import numpy as np


def rle_from_string(s):
    counts, p, m = [], 0, 0
    while p < len(s):
        x, k, more = 0, 0, 1
        while more:
            # Past the end the C code reads the terminating NUL (0 - 48), which ends the count.
            c = ord(s[p]) - 48 if p < len(s) else -48
            x |= (c & 0x1F) << (5 * k)
            more = c & 0x20
            p += 1
            k += 1
            if not more and (c & 0x10):
                x |= -1 << (5 * k)
        if m > 2:
            x += counts[m - 2]
        counts.append(x)
        m += 1
    return counts


def decode(segmentation):
    if not isinstance(segmentation, dict):
        raise TypeError("list indices must be integers or slices, not str")
    if not isinstance(segmentation["counts"], str):
        raise TypeError("expected bytes, list found")
    h, w = segmentation["size"]
    counts = rle_from_string(segmentation["counts"])
    if any(c < 0 for c in counts) or sum(counts) != h * w:
        raise ValueError("counts do not add up to h*w (undefined behaviour in pycocotools)")
    flat = np.zeros(h * w, dtype=np.uint8)
    at, value = 0, 0
    for c in counts:
        flat[at:at + c] = value
        at += c
        value = 1 - value
    return flat.reshape((w, h)).T


def main(path):
    with open(path, encoding="utf-8") as f:
        split = json.load(f)
    failures = []
    for r, record in enumerate(split):
        where = f"record {r} (image_id {record.get('image_id')})"
        questions, answers, texts = record["questions"], record["answers"], record["text_answers"]
        if not questions:
            failures.append(f"{where}: no questions")
        if not (len(questions) == len(answers) == len(texts)):
            failures.append(f"{where}: arrays of different lengths")
        masks = []
        for i, (targets, text) in enumerate(zip(answers, texts)):
            if not text:
                failures.append(f"{where}, pair {i}: empty text answer")
                continue
            if text.count("{seg}") != len(targets):
                failures.append(f"{where}, pair {i}: placeholder count differs from target count")
            try:
                formatted = text.format(seg="[SEG]")
                if formatted.count("[SEG]") != len(targets):
                    failures.append(f"{where}, pair {i}: [SEG] tokens differ from targets")
            except (ValueError, KeyError, IndexError, AttributeError) as error:
                failures.append(f"{where}, pair {i}: format raises {type(error).__name__}: {error}")
            for k, target in enumerate(targets):
                try:
                    masks.append(decode(target["segmentation"]))
                except (TypeError, ValueError) as error:
                    failures.append(f"{where}, pair {i}, target {k}: decode raises {type(error).__name__}: {error}")
        try:
            if masks:
                np.stack(masks, axis=0)
        except ValueError as error:
            failures.append(f"{where}: np.stack raises: {error}")
    for line in failures:
        print(line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
