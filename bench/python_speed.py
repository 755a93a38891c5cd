#!/usr/bin/env python3
"""The Python package's analysis speed against the Rust pipeline's in the same run.

    python bench/python_speed.py CORPUS.jsonl [--throughput target/release/examples/throughput] [--repeats 3]

CORPUS is JSON Lines with a "text" field (examples/wikinews.jsonl, or the 840 PolNeAR training
texts). The peer is the `throughput` example with `--json` (crates/extract/examples): every
document analysed and written out as `dossier analyze --json` prints it, in process, one thread.
The package is timed over the same texts with `dossier.analyze_json` (the same work plus the
crossing into Python) and with `dossier.analyze` (plus `json.loads` into dicts). Words per
CPU-second, best of the repeats; the ratio is what to read, not the absolute numbers. Run it in
the virtualenv the wheel is installed in.
"""

import argparse
import json
import subprocess
import sys
import time

import dossier


def best_python(texts, words, fn, repeats):
    best = 0.0
    for _ in range(repeats):
        start = time.process_time()
        for t in texts:
            fn(t)
        best = max(best, words / (time.process_time() - start))
    return best


def best_rust(binary, corpus, repeats):
    best = 0.0
    for _ in range(repeats):
        out = json.loads(subprocess.run([binary, corpus, "--json"], check=True, capture_output=True, text=True).stdout)
        best = max(best, out["words_per_cpu_s"])
    return best


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("corpus")
    p.add_argument("--throughput", default="target/release/examples/throughput")
    p.add_argument("--repeats", type=int, default=3)
    a = p.parse_args()
    with open(a.corpus, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    words = sum(len(t.split()) for t in texts)
    dossier.analyze_json("Warm-up: the lexicons load once.")
    rust = best_rust(a.throughput, a.corpus, a.repeats)
    as_json = best_python(texts, words, dossier.analyze_json, a.repeats)
    as_dicts = best_python(texts, words, dossier.analyze, a.repeats)
    report = {
        "docs": len(texts),
        "words": words,
        "rust_words_per_cpu_s": round(rust),
        "python_analyze_json_words_per_cpu_s": round(as_json),
        "python_analyze_words_per_cpu_s": round(as_dicts),
        "analyze_json_vs_rust": round(as_json / rust, 3),
        "analyze_vs_rust": round(as_dicts / rust, 3),
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
