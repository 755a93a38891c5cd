#!/usr/bin/env python3
"""Learns extra reporting-cue word forms from the PolNeAR *train* split (never dev or test).

usage: learn_polnear_cues.py [TRAIN_TAR_GZ] [OUT_TSV]
defaults: ../shared/eval/attribution/polnear/train.tar.gz resources/lexicons/learned/polnear_cues.tsv

For every annotated cue, the first word that is not an auxiliary or adverb is its head. A word form is
kept when it is a cue head at least MIN_COUNT times and in at least MIN_RATIO of its occurrences in
the training texts: the precision a plain lookup would have on the data it was learnt from.
The output lists form, times as cue, occurrences and ratio. See resources/lexicons/learned/MODEL_CARD.md.
"""
import collections, io, re, sys, tarfile

MIN_COUNT, MIN_RATIO = 4, 0.30
SKIP = set("""has have had is are was were be been being will would could can may might should must did does do
also long further repeatedly previously already recently reportedly publicly privately again often later then first
not never just still even once n't always has had to the a an in on of for about at by with as that this it""".split())
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")

def main():
    tar_path = sys.argv[1] if len(sys.argv) > 1 else "../shared/eval/attribution/polnear/train.tar.gz"
    out_path = sys.argv[2] if len(sys.argv) > 2 else "resources/lexicons/learned/polnear_cues.tsv"
    texts, anns = {}, []
    with tarfile.open(tar_path) as tar:
        for m in tar.getmembers():
            if not m.isfile():
                continue
            data = tar.extractfile(m).read().decode("utf-8")
            if "/train/text/" in m.name or m.name.startswith("train/text/"):
                texts[m.name.rsplit("/", 1)[1][:-4]] = data
            elif m.name.endswith(".ann") and "/dev/" not in m.name and "/test/" not in m.name:
                anns.append(data)
    as_cue = collections.Counter()
    for ann in anns:
        spans = {}
        for line in ann.splitlines():
            p = line.split("\t")
            if len(p) >= 3 and p[0].startswith("T") and p[1].startswith("Cue"):
                spans[p[0]] = p[2]
        for cue in spans.values():
            heads = [w.lower() for w in WORD.findall(cue) if w.lower() not in SKIP]
            if heads:
                as_cue[heads[0]] += 1
    total = collections.Counter(w.lower() for t in texts.values() for w in WORD.findall(t))
    rows = []
    for w, n in as_cue.items():
        if n >= MIN_COUNT and total[w] and n / total[w] >= MIN_RATIO:
            rows.append((w, n, total[w], n / total[w]))
    rows.sort()
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("# Reporting-cue word forms learnt from PolNeAR train by scripts/learn_polnear_cues.py; see MODEL_CARD.md\n")
        f.write("# form\tas_cue\toccurrences\tratio\n")
        for w, n, t, r in rows:
            f.write(f"{w}\t{n}\t{t}\t{r:.3f}\n")
    print(f"{len(rows)} forms from {len(anns)} annotation files and {len(texts)} texts -> {out_path}")

main()
