#!/usr/bin/env python3
"""Build resources/lexicons/companies.tsv from cspell's company-name dictionary, the npm package
@cspell/dict-companies 3.2.14 (MIT, Street Side Software and contributors).

usage: build_cspell_companies.py [--tgz cspell-dict-companies-3.2.14.tgz] [--gum ../shared/train/ner/gum]
                                 [--out resources/lexicons/companies.tsv]

Without --tgz the script runs `npm pack @cspell/dict-companies@3.2.14` in a temporary folder
(network at build time only; the TSV is committed). The dictionary holds the single words of
company and brand names ("BlackRock", "Volvo", "Mozilla"), for spell checking. Left out: words
that GUM's training documents use as ordinary lower-case words at least twice ("Products",
"Management"), place names (this folder's countries.tsv, places.tsv and geonames_places.tsv:
"Paris", "Oslo"), demonyms ("Indian") and given names (given_names.tsv, ../models/first_names.tsv: "Tyler").
Columns: word.
"""
import argparse, glob, os, subprocess, sys, tarfile, tempfile

from gum_words import common_lower_words

VERSION = "3.2.14"


def tgz_path(given):
    if given:
        return given
    tmp = tempfile.mkdtemp()
    subprocess.run(["npm", "pack", f"@cspell/dict-companies@{VERSION}"], cwd=tmp, check=True)
    found = glob.glob(os.path.join(tmp, "cspell-dict-companies-*.tgz"))
    if not found:
        sys.exit("npm did not leave a cspell-dict-companies tarball")
    return found[0]


def first_column(path, split_commas_in=()):
    out = set()
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        out.add(cols[0].lower())
        for c in split_commas_in:
            if c < len(cols):
                out.update(x.strip().lower() for x in cols[c].split(",") if x.strip())
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tgz")
    ap.add_argument("--gum", default="../shared/train/ner/gum")
    ap.add_argument("--out", default="resources/lexicons/companies.tsv")
    a = ap.parse_args()
    lex = os.path.dirname(a.out)
    common = common_lower_words(a.gum)
    places = first_column(os.path.join(lex, "countries.tsv"), (2, 3, 4)) | first_column(os.path.join(lex, "places.tsv"))
    places |= first_column(os.path.join(lex, "geonames_places.tsv"))
    given = first_column(os.path.join(lex, "given_names.tsv")) | first_column(os.path.join(lex, "../models/first_names.tsv"))
    with tarfile.open(tgz_path(a.tgz)) as t:
        member = next(m for m in t.getmembers() if m.name.endswith("dict/companies.txt"))
        words = t.extractfile(member).read().decode("utf-8").split()
    kept = sorted({w for w in words if w[:1].isupper() and len(w) > 1
                   and w.lower() not in common and w.lower() not in places and w.lower() not in given})
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("# word\n")
        for w in kept:
            f.write(w + "\n")
    print(f"wrote {a.out}: {len(kept)} of {len(set(words))} words")


if __name__ == "__main__":
    main()
