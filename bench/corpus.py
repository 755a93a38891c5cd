#!/usr/bin/env python3
"""Builds the benchmark corpus from the PolNeAR training archive (used by bench/run.sh).

    corpus.py TRAIN.tar.gz OUT_DIR [MIN_MB]

Writes OUT_DIR/once.jsonl (the 840 training texts, one JSON object {"url","text"} a line, in name
order) and OUT_DIR/corpus.jsonl (those texts repeated until there are at least MIN_MB megabytes of
text, 50 by default). Dossier identifies a document by the hash of its text, so copy k of an
article ends with k extra newlines: every line is a new document for `dossier ingest`, and the
analysis is the same as the original's. Prints a JSON summary.
"""
import json
import os
import sys
import tarfile


def polnear_texts(archive: str) -> list:
    """The (file name, text) pairs of the archive's text/ folder, in name order."""
    texts = []
    with tarfile.open(archive, "r:gz") as tar:
        for m in tar.getmembers():
            if m.isfile() and "/text/" in m.name and m.name.endswith(".txt"):
                texts.append((os.path.basename(m.name), tar.extractfile(m).read().decode("utf-8")))
    return sorted(texts)


def main() -> None:
    archive, out = sys.argv[1], sys.argv[2]
    min_bytes = int(float(sys.argv[3] if len(sys.argv) > 3 else 50) * 1_000_000)
    os.makedirs(out, exist_ok=True)
    texts = polnear_texts(archive)
    with open(os.path.join(out, "once.jsonl"), "w", encoding="utf-8") as f:
        for name, text in texts:
            f.write(json.dumps({"url": f"polnear:{name}", "text": text}) + "\n")
    total = docs = words = copy = 0
    with open(os.path.join(out, "corpus.jsonl"), "w", encoding="utf-8") as f:
        while total < min_bytes:
            for name, text in texts:
                body = text + "\n" * copy
                f.write(json.dumps({"url": f"polnear:{copy}:{name}", "text": body}) + "\n")
                total += len(body.encode("utf-8"))
                words += len(body.split())
                docs += 1
            copy += 1
    once_words = sum(len(t.split()) for _, t in texts)
    print(json.dumps({"articles": len(texts), "words_once": once_words, "copies": copy,
                      "docs": docs, "bytes": total, "words": words}))


if __name__ == "__main__":
    main()
