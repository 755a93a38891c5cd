"""Lower-case word counts of GUM's training documents, used by the gazetteer builders to leave
out single-word names that are ordinary English words ("Mobile", "Young"). Only counts are
read; no GUM text is written anywhere."""
import collections, glob, gzip, os, sys


def held_out(gum):
    """Documents GUM's splits.md lists under dev, test or test2."""
    for cand in (os.path.join(gum, "splits.md"), "../shared/eval/ner/gum-news/splits.md"):
        if os.path.isfile(cand):
            out, section = set(), ""
            for line in open(cand, encoding="utf-8"):
                if line.startswith("## "):
                    section = line[3:].strip()
                elif line.strip().startswith("* ") and section != "train":
                    out.add(line.strip()[2:].strip())
            return out
    sys.exit("no splits.md found; refusing to read GUM without knowing its held-out documents")


def lower_word_counts(gum):
    skip = held_out(gum)
    counts = collections.Counter()
    for path in sorted(glob.glob(os.path.join(gum, "*.conllu*"))):
        name = os.path.basename(path).replace(".gz", "").replace(".conllu", "")
        if name in skip:
            continue
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                cols = line.split("\t")
                if len(cols) > 1 and cols[0].isdigit():
                    w = cols[1]
                    if w.isalpha() and w.islower():
                        counts[w] += 1
    return counts


def common_lower_words(gum, min_count=2):
    """Words GUM's training documents use in lower case at least `min_count` times."""
    return {w for w, c in lower_word_counts(gum).items() if c >= min_count}
