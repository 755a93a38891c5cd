#!/usr/bin/env python3
"""Build name lexicons from the GUM corpus (CoNLL-U with entity annotations).

Usage (from the repository root):

    python3 scripts/build_gum_names.py [GUM_DIR] [OUT_DIR] [--genres LIST | --all-genres]

GUM_DIR  directory holding GUM_*.conllu or GUM_*.conllu.gz files
         (default: ../shared/train/ner/gum, relative to the repository root)
OUT_DIR  where to write gum_names.tsv and given_names.tsv
         (default: resources/lexicons, relative to the repository root)

The official split of each document is read from a splits.md file (looked up
in GUM_DIR, then in ../shared/eval/ner/gum-news/, or given with --splits).
Every document listed under "dev", "test" or "test2" is EXCLUDED, so that the
project can be scored on the dev documents honestly. If no splits.md can be
found the script refuses to run.

By default only genres whose texts carry a licence without NC/ND clauses
(as stated in GUM's LICENSE.txt: academic, bio, court, interview, news,
voyage) are read; use --genres a,b,c or --all-genres to change this.

Entity annotations live in the MISC column as
    Entity=(ID-TYPE-INFSTAT-SALIENCE-CENTERING-MINSPAN-LINK[-IDENTITY]
opening brackets and `ID)` closing brackets, possibly nested on one token.
A mention of type person, place or organization counts as a *named* mention
when, after dropping a leading determiner, a trailing possessive and
punctuation, every remaining token is capitalised or a function word
(ADP/CCONJ/DET/PART), at least one token is PROPN, and either at least half
of the tokens are PROPN or the mention carries a Wikipedia identity.

Outputs (tab separated, '#' header, sorted, UTF-8):
  gum_names.tsv    name, kind, count   (count = number of named mentions)
  given_names.tsv  given_name, count   (first token of multi-token person
                                        names; count = number of mentions)

Python 3 standard library only.
"""

import argparse
import gzip
import os
import re
import sys
import unicodedata
from collections import Counter

KINDS = {"person": "person", "place": "place", "organization": "organization"}
HELD_OUT_SECTIONS = {"dev", "test", "test2"}
DEFAULT_GENRES = ["academic", "bio", "court", "interview", "news", "voyage"]
FUNCTION_POS = {"ADP", "CCONJ", "DET", "PART"}
MAX_TOKENS = 8

# Words that may open a person mention but are not given names.
TITLE_WORDS = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord",
    "lady", "president", "senator", "sen", "rep", "gov", "governor", "mayor",
    "general", "gen", "colonel", "col", "captain", "capt", "lieutenant", "lt",
    "sergeant", "sgt", "admiral", "adm", "major", "maj", "king", "queen",
    "prince", "princess", "pope", "saint", "st", "father", "fr", "rev",
    "reverend", "bishop", "judge", "justice", "chancellor", "minister",
    "prime", "secretary", "ambassador", "emperor", "empress", "chief",
    "officer", "detective", "inspector", "agent", "coach", "uncle", "aunt",
    "brother", "sister", "mother", "mister", "madam", "madame", "herr",
    "frau", "monsieur", "don", "dona", "count", "countess", "duke", "duchess",
    "baron", "baroness", "earl", "vice", "deputy", "speaker", "the", "a",
    "doctor", "emeritus", "tsar", "tsarevna", "tsarina", "czar", "sheikh",
    "imam", "rabbi", "ayatollah", "mullah", "home", "foreign", "interior",
    "defense", "defence", "state", "attorney", "press", "congressman",
    "congresswoman", "councillor", "councilman", "councilwoman", "mp",
    "chairman", "chairwoman", "director", "commander", "spokesman",
    "spokeswoman", "spokesperson", "scientologist", "youtuber", "rapper",
    "singer", "actor", "actress", "author", "writer", "artist", "player",
    "striker", "midfielder", "defender", "goalkeeper", "pitcher", "manager",
}


def repo_root():
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_splits(path):
    """Return {doc_name: section} from a GUM splits.md."""
    splits = {}
    section = None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            m = re.match(r"^##\s+(\S+)", line)
            if m:
                section = m.group(1).strip().lower()
                continue
            m = re.match(r"^\s*\*\s+(GUM_\S+)", line)
            if m and section:
                splits[m.group(1)] = section
    return splits


def open_text(path):
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def parse_entity_field(value):
    """Split an Entity= value into ('open', fields) and ('close', id) events, in order."""
    events = []
    i = 0
    n = len(value)
    while i < n:
        c = value[i]
        if c == "(":
            j = i + 1
            while j < n and value[j] not in "()":
                j += 1
            body = value[i + 1:j]
            if j < n and value[j] == ")":
                events.append(("open", body))
                events.append(("close", body.split("-", 1)[0]))
                i = j + 1
            else:
                events.append(("open", body))
                i = j
        else:
            j = i
            while j < n and value[j] not in "()":
                j += 1
            if j < n and value[j] == ")":
                events.append(("close", value[i:j]))
                i = j + 1
            else:
                i = j if j > i else i + 1
    return events


def decode_identity(s):
    s = s.replace("%2D", "-").replace("%2d", "-")
    return re.sub(r"%([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)), s)


def iter_sentences(path):
    """Yield lists of token dicts (form, upos, misc) per sentence."""
    sent = []
    with open_text(path) as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if sent:
                    yield sent
                sent = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 10:
                continue
            tid = cols[0]
            if "-" in tid or "." in tid:
                continue
            misc = {}
            if cols[9] != "_":
                for part in cols[9].split("|"):
                    k, _, v = part.partition("=")
                    misc[k] = v
            sent.append({"form": cols[1], "upos": cols[3], "xpos": cols[4], "misc": misc})
    if sent:
        yield sent


def iter_mentions(path):
    """Yield (etype, identity, tokens) for every entity mention in a document.

    Mentions do not cross sentence boundaries in GUM; any left open at the end
    of a sentence are closed there.
    """
    for sent in iter_sentences(path):
        stack = []  # list of [id, etype, identity, start]
        for idx, tok in enumerate(sent):
            ent = tok["misc"].get("Entity")
            if not ent:
                continue
            for kind, payload in parse_entity_field(ent):
                if kind == "open":
                    fields = payload.split("-")
                    eid = fields[0]
                    etype = fields[1] if len(fields) > 1 else ""
                    identity = decode_identity(fields[7]) if len(fields) > 7 else ""
                    stack.append([eid, etype, identity, idx, None])
                else:
                    for k in range(len(stack) - 1, -1, -1):
                        if stack[k][0] == payload and stack[k][4] is None:
                            stack[k][4] = idx
                            eid, etype, identity, start, end = stack.pop(k)
                            yield etype, identity, sent[start:end + 1]
                            break
        for eid, etype, identity, start, end in stack:
            yield etype, identity, sent[start:]


def surface(tokens):
    out = []
    for i, t in enumerate(tokens):
        out.append(t["form"])
        if i < len(tokens) - 1 and t["misc"].get("SpaceAfter") != "No":
            out.append(" ")
    return "".join(out).strip()


def trim(tokens):
    toks = list(tokens)
    while toks and (toks[0]["upos"] in ("DET", "PUNCT") or toks[0]["form"] in ("'s", "’s")):
        toks = toks[1:]
    while toks and (toks[-1]["upos"] == "PUNCT" or toks[-1]["form"] in ("'s", "’s", "'", "’")):
        toks = toks[:-1]
    return toks


def is_capitalised(form):
    for ch in form:
        if ch.isalpha():
            return ch.isupper()
        if ch.isdigit():
            return True
    return False


def strip_person_titles(tokens):
    """Drop leading titles and demonym adjectives: 'Afghan Ambassador X Y' -> 'X Y'."""
    toks = list(tokens)
    while len(toks) > 1 and (toks[0]["upos"] == "ADJ"
                             or toks[0]["form"].lower().rstrip(".") in TITLE_WORDS):
        toks = toks[1:]
    return toks


def named(tokens, identity, kind):
    if not tokens or len(tokens) > MAX_TOKENS:
        return False
    if not tokens[0]["form"][:1].isalpha():
        return False
    if kind == "person":
        # A person's name is a run of proper nouns (initials, 'Jr.' included);
        # mentions with 'of', 'and', 'from' are descriptions or coordinations.
        if any(t["upos"] in FUNCTION_POS for t in tokens):
            return False
        if tokens[-1]["xpos"] == "NNPS":
            return False
    if not is_capitalised(tokens[0]["form"]) or not is_capitalised(tokens[-1]["form"]):
        return False
    propn = 0
    for t in tokens:
        if t["upos"] == "PROPN":
            propn += 1
        elif t["upos"] in FUNCTION_POS:
            continue
        elif t["upos"] == "PRON":
            return False
        elif not is_capitalised(t["form"]):
            return False
    if propn == 0:
        return False
    return propn * 2 >= len(tokens) or bool(identity)


def clean_name(s):
    s = unicodedata.normalize("NFC", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s


def main(argv=None):
    root = repo_root()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gum_dir", nargs="?", default=os.path.join(root, "..", "shared", "train", "ner", "gum"))
    ap.add_argument("out_dir", nargs="?", default=os.path.join(root, "resources", "lexicons"))
    ap.add_argument("--splits", help="path to GUM splits.md")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--genres", help="comma-separated genres to read (default: %s)" % ",".join(DEFAULT_GENRES))
    g.add_argument("--all-genres", action="store_true", help="read every genre")
    args = ap.parse_args(argv)

    candidates = [args.splits] if args.splits else [
        os.path.join(args.gum_dir, "splits.md"),
        os.path.join(root, "..", "shared", "eval", "ner", "gum-news", "splits.md"),
    ]
    splits_path = next((p for p in candidates if p and os.path.isfile(p)), None)
    if not splits_path:
        sys.exit("error: no splits.md found (tried: %s); refusing to run without the official split" % ", ".join(c for c in candidates if c))
    splits = read_splits(splits_path)

    genres = None if args.all_genres else set((args.genres.split(",") if args.genres else DEFAULT_GENRES))

    files = sorted(f for f in os.listdir(args.gum_dir) if re.match(r"^GUM_.*\.conllu(\.gz)?$", f))
    if not files:
        sys.exit("error: no GUM_*.conllu[.gz] files in %s" % args.gum_dir)

    names = Counter()
    given = Counter()
    used, held_out, skipped_genre, unlisted = [], [], [], []
    for f in files:
        doc = re.sub(r"\.conllu(\.gz)?$", "", f)
        section = splits.get(doc)
        if section is None:
            unlisted.append(doc)
            continue
        if section in HELD_OUT_SECTIONS:
            held_out.append(doc)
            continue
        genre = doc.split("_")[1] if doc.count("_") >= 2 else ""
        if genres is not None and genre not in genres:
            skipped_genre.append(doc)
            continue
        used.append(doc)
        for etype, identity, toks in iter_mentions(os.path.join(args.gum_dir, f)):
            kind = KINDS.get(etype)
            if not kind:
                continue
            toks = trim(toks)
            if kind == "person":
                toks = strip_person_titles(toks)
            if not named(toks, identity, kind):
                continue
            name = clean_name(surface(toks))
            if not name or "\t" in name:
                continue
            names[(name, kind)] += 1
            if (kind == "person" and 2 <= len(toks) <= 4
                    and all(t["upos"] == "PROPN" for t in toks)):
                first = toks[0]
                form = first["form"]
                if (first["upos"] == "PROPN" and form.isalpha() and len(form) > 1
                        and form[0].isupper() and not form.isupper()
                        and form.lower() not in TITLE_WORDS):
                    given[form] += 1

    # A "given name" that is itself mostly a place or organisation name
    # (e.g. 'Connecticut' from 'Connecticut Yankee') is dropped.
    for g_name in list(given):
        other = names.get((g_name, "place"), 0) + names.get((g_name, "organization"), 0)
        if len(g_name) <= 2 or other > names.get((g_name, "person"), 0):
            del given[g_name]

    os.makedirs(args.out_dir, exist_ok=True)
    with open(os.path.join(args.out_dir, "gum_names.tsv"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# name\tkind\tcount\n")
        for (name, kind), c in sorted(names.items(), key=lambda kv: (kv[0][0], kv[0][1])):
            fh.write("%s\t%s\t%d\n" % (name, kind, c))
    with open(os.path.join(args.out_dir, "given_names.tsv"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# given_name\tcount\n")
        for name, c in sorted(given.items()):
            fh.write("%s\t%d\n" % (name, c))

    sys.stderr.write("read %d documents, excluded %d held-out (dev/test), %d by genre, %d not in splits.md\n"
                     % (len(used), len(held_out), len(skipped_genre), len(unlisted)))
    sys.stderr.write("wrote %d names, %d given names to %s\n" % (len(names), len(given), args.out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
