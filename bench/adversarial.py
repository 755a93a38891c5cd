#!/usr/bin/env python3
"""The adversarial-input table: time and peak memory of the release build on hostile input, each
input at two sizes, so that a cost growing faster than the input shows as a ratio above 2.

    cargo build --release -p dossier
    python3 bench/adversarial.py [--scale 0.1] [--dossier target/release/dossier] [--only NAME]

Text inputs go through `dossier analyze --json FILE` (output thrown away); web pages and JSON
Lines through `dossier ingest` into a fresh store, as users would run them. Each run is one
process, measured with wait4 (wall time, peak RSS). `--scale` shrinks every input for a quick
look; the table in docs/ROBUSTNESS.md is the default scale (the sizes named in the issue
"Never lose, never hang": 10 MB without punctuation, 200,000 repetitions of "he said that they
said that", a million digits and commas, a 50 MB page, a 20 MB JSON line).

The generators are deterministic (a fixed random seed): the same table on the same machine.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

MB = 1_000_000


def words(rng, vocab, n):
    return " ".join(rng.choice(vocab) for _ in range(n))


def no_punctuation(size, rng):
    """One line of lower-case words, no sentence mark: the crawler's run-on line."""
    vocab = ["the", "house", "of", "river", "blue", "went", "said", "minister", "army", "talks"]
    return words(rng, vocab, size // 5)


def quotation_marks(size, rng):
    """Nothing but straight double quotes: every one opens or closes a quotation."""
    return '"' * size


def nested_quotes(size, rng):
    """Unbalanced, nested quotation marks of every kind, each opened by a reporting verb."""
    unit = "He said \"she said \u201cthey said \u2018"
    return unit * (size // len(unit.encode()))


def said_that(size, rng):
    """'He said that they said that ' repeated: one sentence of nested reported speech."""
    unit = "He said that they said that "
    return unit * (size // len(unit))


def capitalised(size, rng):
    """Only capitalised words: every one a candidate name."""
    vocab = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Moscow", "Kyiv", "Obama"]
    return words(rng, vocab, size // 6)


def digits_and_commas(size, rng):
    """Digits and commas: one number of a million digits, or a million numbers."""
    return ",".join(str(rng.randint(0, 999)) for _ in range(size // 3))


def news(size, rng):
    """Real news prose (the bundled examples) glued into one long document."""
    root = os.path.join(os.path.dirname(__file__), "..", "examples")
    texts = []
    for dirpath, _, files in sorted(os.walk(root)):
        for f in sorted(files):
            if f.endswith(".txt"):
                with open(os.path.join(dirpath, f), encoding="utf-8", errors="replace") as fh:
                    texts.append(fh.read())
    if not texts:
        sys.exit("no .txt examples found under examples/")
    out, n = [], 0
    while n < size:
        t = texts[len(out) % len(texts)]
        out.append(t)
        n += len(t.encode())
    return "\n\n".join(out)


def deep_html(size, rng):
    """Elements nested tens of thousands deep, then text."""
    depth = size // 12
    return "<html><body>" + "<div><span>" * (depth // 2) + "Officials said the talks failed." + "</span></div>" * (depth // 2) + "</body></html>"


def big_page(size, rng):
    """A large web page of ordinary paragraphs."""
    para = "<p>" + "The minister said on Monday that 300 soldiers had crossed the border near Kursk. " * 4 + "</p>\n"
    n = size // len(para)
    return "<html><head><title>Border</title></head><body><article>" + para * n + "</article></body></html>"


def json_line(size, rng):
    """One JSON Lines record whose text is one huge field."""
    text = ("Officials said the talks failed, " * (size // 33))[:size]
    return json.dumps({"url": "https://example.org/a", "title": "Talks", "text": text}) + "\n"


# name, generator, file suffix, size in bytes at scale 1 (the larger of the two sizes run).
CASES = [
    ("no punctuation", no_punctuation, ".txt", 10 * MB),
    ("quotation marks", quotation_marks, ".txt", 1 * MB),
    ("nested quotes", nested_quotes, ".txt", 1 * MB),
    ("he said that they said that", said_that, ".txt", 5_600_000),
    ("capitalised words", capitalised, ".txt", 4 * MB),
    ("digits and commas", digits_and_commas, ".txt", 1 * MB),
    ("news prose", news, ".txt", 4 * MB),
    ("deep HTML", deep_html, ".html", 4 * MB),
    ("large page", big_page, ".html", 50 * MB),
    ("JSON line", json_line, ".jsonl", 20 * MB),
]


def measure(cmd):
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    err = proc.stderr.read().decode(errors="replace").strip().splitlines()
    proc.stderr.close()
    return wall, usage.ru_maxrss * 1024, os.waitstatus_to_exitcode(status), (err[-1] if err else "")


def run(dossier, path, suffix, work):
    if suffix == ".txt":
        return measure([dossier, "analyze", "--json", path])
    db = os.path.join(work, "store.db")
    for f in (db, db + "-wal", db + "-shm"):
        if os.path.exists(f):
            os.remove(f)
    return measure([dossier, "ingest", "--db", db, "--max-bytes", str(64 * 1024 * 1024), path])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dossier", default="target/release/dossier")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--only", help="run the cases whose name contains this")
    args = ap.parse_args()
    rng = random.Random(16)
    print("| input | size | time | peak RSS | exit | time ratio | RSS ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as work:
        for name, gen, suffix, full in CASES:
            if args.only and args.only not in name:
                continue
            rows = []
            for size in (int(full * args.scale) // 2, int(full * args.scale)):
                path = os.path.join(work, "input" + suffix)
                data = gen(size, rng).encode()
                with open(path, "wb") as fh:
                    fh.write(data)
                wall, rss, code, last = run(args.dossier, path, suffix, work)
                rows.append((len(data), wall, rss, code, last))
            (s0, t0, r0, _, _), _ = rows
            for i, (size, wall, rss, code, last) in enumerate(rows):
                ratio = f"{wall / max(t0, 1e-3):.2f}" if i else ""
                rss_ratio = f"{rss / r0:.2f}" if i else ""
                note = f" ({last})" if code and last else ""
                print(f"| {name} | {size / MB:.2f} MB | {wall:.2f} s | {rss / 2**20:.0f} MiB | {code}{note} | {ratio} | {rss_ratio} |")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
