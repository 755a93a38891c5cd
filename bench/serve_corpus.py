#!/usr/bin/env python3
"""Writes N distinct articles as JSON Lines for the server load benchmark (bench/serve_load.sh).

Each article is one of the bundled texts (examples/wikinews.jsonl, examples/wikinews/korea.txt and,
when present, ../shared/seed) with its numbers changed, a dateline added and a publication date
spread over ten years, so that every line hashes to a different document and the store holds
realistic statements, entities and numbers. Usage: serve_corpus.py N OUT.jsonl
"""
import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

root = Path(__file__).resolve().parent.parent
n, out = int(sys.argv[1]), Path(sys.argv[2])
bases = [json.loads(l) for l in (root / "examples/wikinews.jsonl").read_text().splitlines() if l.strip()]
bases.append({"title": "North Korea puts military in 'quasi-state of war'", "text": (root / "examples/wikinews/korea.txt").read_text()})
seed = root.parent / "shared/seed/000_daa44a4bba378782.txt"
if seed.exists():
    text = seed.read_text()
    bases.append({"title": text.splitlines()[0].strip(), "text": text})
rng = random.Random(42)
desks = ["Seoul", "Kyiv", "Washington", "Brussels", "Rome", "London", "Jakarta", "Mecca"]
start = date(2015, 1, 1)
with out.open("w") as f:
    for i in range(n):
        b = bases[i % len(bases)]
        scale = rng.choice([1, 1, 2, 3, 5, 10])
        text = re.sub(r"\b(\d{2,3}(?:,\d{3})*)\b", lambda m: f"{int(m.group(1).replace(',', '')) * scale + rng.randint(0, 9):,}", b["text"])
        day = start + timedelta(days=rng.randint(0, 3650))
        text = f"{text.rstrip()}\n\nFiled from {rng.choice(desks)}, report {i}.\n"
        f.write(json.dumps({"url": f"https://bench.invalid/{i}", "title": f"{b['title']} ({i})", "published": day.isoformat(), "text": text}) + "\n")
