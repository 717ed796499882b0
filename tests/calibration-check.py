#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A unit's score estimates the probability that it is a correct translation
pair: on the gold of samples/, higher score bands are at least as often
correct as lower ones, the units scoring 0.9 or more are correct at least
90% of the time, and each band's share correct is within 0.1 of the band
(0.5-0.7: between 0.4 and 0.8).

usage: calibration-check.py TMEXPORT

The units are those tmexport makes of every text article of samples/ with a
gold.tsv (and samples/deepseek-bilingual.txt), as they are and in variants
that make it err: in each variant five sentences of long paragraphs are
deleted or replaced by a sentence of another paragraph (a seeded random
choice, the same on every run), so that wrong units exist to be scored. A
unit is correct when it is a gold unit or consecutive gold units joined
(scripts/score-pairs' rule). Prints the reliability table: for each band,
how many units and the share correct. Exit status 1 when any of that does
not hold.
"""

import glob
import importlib.machinery
import importlib.util
import os
import random
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BANDS = [(0.9, 1.01, ">= 0.9"), (0.7, 0.9, "0.7-0.9"), (0.5, 0.7, "0.5-0.7"), (0.0, 0.5, "< 0.5")]
TOLERANCE = 0.1
VARIANTS = 10
CHANGES = 5
HAN = re.compile(r"[\u4e00-\u9fff]")
ZH_SENTENCE_END = re.compile(r"(?<=[。！？])")
EN_SENTENCE_END = re.compile(r"(?<=[.!?]) (?=[A-Z])")


def load_score_pairs():
    path = os.path.join(ROOT, "scripts", "score-pairs")
    loader = importlib.machinery.SourceFileLoader("score_pairs", path)
    spec = importlib.util.spec_from_loader("score_pairs", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def articles():
    for gold in sorted(glob.glob(os.path.join(ROOT, "samples", "*", "gold.tsv"))):
        article = os.path.join(os.path.dirname(gold), "article.txt")
        if os.path.exists(article):
            yield article, gold
    yield (os.path.join(ROOT, "samples", "deepseek-bilingual.txt"),
           os.path.join(ROOT, "samples", "deepseek-bilingual.gold.tsv"))


def is_chinese(paragraph):
    return len(HAN.findall(paragraph)) * 4 > len(paragraph)


def variant(text, rng):
    """text with CHANGES sentences of its long paragraphs deleted or replaced."""
    paragraphs = text.split("\n\n")
    pools = {True: [], False: []}
    for p in paragraphs:
        zh = is_chinese(p)
        pools[zh] += [s for s in (ZH_SENTENCE_END if zh else EN_SENTENCE_END).split(p)
                      if len(s) > (8 if zh else 20)]
    long_ones = [i for i, p in enumerate(paragraphs) if len(p) > 40]
    for _ in range(CHANGES if long_ones else 0):
        i = rng.choice(long_ones)
        zh = is_chinese(paragraphs[i])
        parts = [s for s in (ZH_SENTENCE_END if zh else EN_SENTENCE_END).split(paragraphs[i]) if s]
        if len(parts) < 2:
            continue
        k = rng.randrange(len(parts))
        if rng.random() < 0.5:
            del parts[k]
        else:
            parts[k] = rng.choice(pools[zh])
        paragraphs[i] = ("" if zh else " ").join(parts)
    return "\n\n".join(paragraphs)


def scored_units(tmexport, article, work):
    out = os.path.join(work, "units.tsv")
    subprocess.run([tmexport, "extract", "-q", "--no-normalize", "--tsv-fields",
                    "source,target,score", article, "-o", out], check=True)
    with open(out, encoding="utf-8") as f:
        for line in f:
            en, zh, score = line.rstrip("\n").split("\t")
            yield en, zh, float(score)


def main(argv):
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    tmexport = argv[0]
    sp = load_score_pairs()
    rng = random.Random(13)
    counts = [[0, 0] for _ in BANDS]  # units, correct
    with tempfile.TemporaryDirectory() as work:
        for article, gold_path in articles():
            gold = sp.read_pairs(gold_path, False)
            correct = set(gold) | sp.coarser_spans(gold)
            with open(article, encoding="utf-8") as f:
                text = f.read()
            inputs = [article]
            for v in range(VARIANTS):
                path = os.path.join(work, f"variant{v}.txt")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(variant(text, rng))
                inputs.append(path)
            for path in inputs:
                for en, zh, score in scored_units(tmexport, path, work):
                    band = next(b for b, (lo, hi, _) in enumerate(BANDS) if lo <= score < hi)
                    counts[band][0] += 1
                    counts[band][1] += (sp.normalize(en, False), sp.normalize(zh, False)) in correct
    status = 0
    shares = []
    for (lo, hi, name), (n, good) in zip(BANDS, counts):
        share = good / n if n else None
        shares.append(share)
        print(f"{name:8} {n:6} units, {share if share is not None else float('nan'):.3f} correct")
    known = [s for s in shares if s is not None]
    if any(a < b for a, b in zip(known, known[1:])):
        print("calibration-check: a higher band is less often correct than a lower one",
              file=sys.stderr)
        status = 1
    for (lo, hi, name), share in zip(BANDS, shares):
        if share is not None and not lo - TOLERANCE <= share <= min(hi, 1) + TOLERANCE:
            print(f"calibration-check: units scoring {name} are correct {share:.3f} of the time",
                  file=sys.stderr)
            status = 1
    if shares[0] is None or shares[0] < 0.9:
        print("calibration-check: units scoring 0.9 or more are correct less than 90% of the time",
              file=sys.stderr)
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
