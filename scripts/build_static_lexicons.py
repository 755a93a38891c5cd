#!/usr/bin/env python3
"""Build the hand-compiled lexicons of Dossier from scripts/lexicon_data/*.txt.

Usage (from the repository root):

    python3 scripts/build_static_lexicons.py [DATA_DIR] [OUT_DIR]

DATA_DIR defaults to scripts/lexicon_data, OUT_DIR to resources/lexicons.
The source files are '|'-separated, one entry a line, '#' lines are comments.
They hold facts (country and city names, capitals, demonyms, organisation
names and abbreviations, titles) compiled by the Dossier project.

Writes countries.tsv, places.tsv, organizations.tsv, metonyms.tsv and
titles.tsv: tab separated, UTF-8, one '#' header line naming the columns,
entries sorted, every line with exactly the header's number of columns.
The script checks for duplicates and for references to unknown countries or
canonical names, and exits non-zero on any problem.

Python 3 standard library only.
"""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Names legitimately shared by a country and a sub-national place.
SHARED_PLACE_NAMES = {"Georgia"}

errors = []


def err(msg):
    errors.append(msg)


def read(path, ncols):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = [f.strip() for f in line.split("|")]
            if len(fields) != ncols:
                err("%s:%d: expected %d fields, got %d" % (path, n, ncols, len(fields)))
                continue
            if "\t" in line:
                err("%s:%d: tab in entry" % (path, n))
            rows.append(fields)
    return rows


def split_list(s):
    return [x.strip() for x in s.split(",") if x.strip()] if s else []


def check_list_dups(rows, col, label):
    seen = {}
    for r in rows:
        for item in split_list(r[col]):
            if item in seen and seen[item] != r[0]:
                err("%s %r listed for both %r and %r" % (label, item, seen[item], r[0]))
            seen[item] = r[0]


def write(path, header, rows):
    ncols = len(header)
    rows = sorted(rows)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# " + "\t".join(header) + "\n")
        for r in rows:
            assert len(r) == ncols, r
            fh.write("\t".join(r) + "\n")
    return len(rows)


def main(argv):
    data = argv[1] if len(argv) > 1 else os.path.join(ROOT, "scripts", "lexicon_data")
    out = argv[2] if len(argv) > 2 else os.path.join(ROOT, "resources", "lexicons")

    # countries: canonical|demonyms|capital|aliases
    countries = read(os.path.join(data, "countries.txt"), 4)
    cnames = [r[0] for r in countries]
    for name in set(cnames):
        if cnames.count(name) > 1:
            err("duplicate country %r" % name)
    check_list_dups(countries, 1, "demonym")
    check_list_dups(countries, 3, "alias")
    cset = set(cnames)
    for r in countries:
        for a in split_list(r[3]):
            if a in cset:
                err("alias %r of %r is itself a country" % (a, r[0]))
        if "," in r[2]:
            pass  # e.g. "Washington, D.C." is one capital
    country_rows = [[r[0], "place", r[1], r[2], r[3]] for r in countries]

    # places: name|parent ; capitals come from countries
    places = read(os.path.join(data, "places.txt"), 2)
    pmap = {}
    for name, parent in places:
        if name in pmap:
            err("duplicate place %r" % name)
        if parent and parent not in cset:
            err("place %r: unknown parent country %r" % (name, parent))
        if name in cset and name not in SHARED_PLACE_NAMES:
            err("place %r is also a country" % name)
        pmap[name] = parent
    for r in countries:
        cap = r[2]
        if not cap or cap in cset:
            continue  # city-states: the country row covers the name
        if cap in pmap:
            if pmap[cap] != r[0]:
                err("capital %r of %r listed with parent %r" % (cap, r[0], pmap[cap]))
            continue
        pmap[cap] = r[0]
    place_rows = [[n, "place", p] for n, p in pmap.items()]

    # organizations: canonical|aliases|country_or_intl
    orgs = read(os.path.join(data, "organizations.txt"), 3)
    onames = [r[0] for r in orgs]
    for name in set(onames):
        if onames.count(name) > 1:
            err("duplicate organization %r" % name)
    check_list_dups(orgs, 1, "organization alias")
    oset = set(onames)
    for r in orgs:
        if r[2] != "intl" and r[2] not in cset:
            err("organization %r: unknown country %r" % (r[0], r[2]))
        for a in split_list(r[1]):
            if a in oset and a != r[0]:
                err("alias %r of %r is itself an organization" % (a, r[0]))
    org_rows = [[r[0], r[1], r[2]] for r in orgs]

    # metonyms: surface|canonical|kind|condition
    mets = read(os.path.join(data, "metonyms.txt"), 4)
    seen = set()
    for s, canon, kind, cond in mets:
        if s in seen:
            err("duplicate metonym %r" % s)
        seen.add(s)
        if cond not in ("speaker", "always"):
            err("metonym %r: bad condition %r" % (s, cond))
        if kind == "place" and canon not in cset:
            err("metonym %r: %r is not a country" % (s, canon))
        if kind == "organization" and canon not in oset:
            err("metonym %r: %r is not an organization" % (s, canon))
        if kind not in ("place", "organization", "person"):
            err("metonym %r: bad kind %r" % (s, kind))
    met_rows = [list(r) for r in mets]

    # titles: title|class ; holder is a person
    titles = read(os.path.join(data, "titles.txt"), 2)
    seen = set()
    for t, cls in titles:
        if t in seen:
            err("duplicate title %r" % t)
        seen.add(t)
        if cls not in ("role", "rank", "honorific"):
            err("title %r: bad class %r" % (t, cls))
    title_rows = [[t, cls, "person"] for t, cls in titles]

    if errors:
        for e in errors:
            sys.stderr.write("error: %s\n" % e)
        return 1

    os.makedirs(out, exist_ok=True)
    counts = {
        "countries.tsv": write(os.path.join(out, "countries.tsv"),
                               ["canonical_name", "kind", "demonyms", "capital", "aliases"], country_rows),
        "places.tsv": write(os.path.join(out, "places.tsv"), ["name", "kind", "parent_country"], place_rows),
        "organizations.tsv": write(os.path.join(out, "organizations.tsv"),
                                   ["canonical_name", "aliases", "country"], org_rows),
        "metonyms.tsv": write(os.path.join(out, "metonyms.tsv"),
                              ["surface", "canonical_name", "canonical_kind", "condition"], met_rows),
        "titles.tsv": write(os.path.join(out, "titles.tsv"), ["title", "class", "holder_kind"], title_rows),
    }
    for k, v in counts.items():
        sys.stderr.write("%s: %d entries\n" % (k, v))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
