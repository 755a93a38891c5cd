#!/usr/bin/env python3
"""Crash safety of `dossier ingest`: kill it with SIGKILL at random moments of a large ingest,
check the store after every kill, re-run, and check again at the end; then two ingests into one
store at once, with readers polling it throughout.

    cargo build --release -p dossier
    python3 bench/crash_test.py [--kills 25] [--input DIR] [--seed 1]

Without --input the corpus is generated: 3,000 distinct articles made from the bundled examples
(each with its own numbers and names, so each is stored as a document of its own). The numbers
in docs/ROBUSTNESS.md were taken with --input on the 840 PolNeAR training texts and on the
generated corpus.

After each kill (and at the end) it checks:
- `PRAGMA integrity_check` and `PRAGMA foreign_key_check` report nothing;
- no row of any table points at a document that is not stored (orphans), and every stored
  document has its statements (as many rows as its analysis holds);
- both full-text indexes pass FTS5's own 'integrity-check' and hold one row per document /
  statement;
- the store ids of every document's entities and claims stored before the kill are unchanged.
At the end every input document is stored exactly once.

Concurrency: two `dossier ingest` runs over overlapping halves of the corpus into one store,
started together, while two readers (`dossier search` processes and a direct SQLite reader)
poll: both ingests must succeed, no reader may see "database is locked" or a document without
its statements.
"""

import argparse
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

NAMES = ["Velmora Dunst", "Arlen Pike", "Sofia Marr", "Tomas Reyes", "Ines Calder", "Oskar Lind",
         "Maya Ortiz", "Jonah Hale", "Lena Brandt", "Ravi Menon"]
PLACES = ["Kursk", "Tampa", "Lagos", "Quito", "Tbilisi", "Osaka", "Lyon", "Hobart"]


def generated_corpus(out_dir, n, rng):
    """n distinct articles from the bundled examples, with numbers and names varied."""
    examples = []
    for dirpath, _, files in sorted(os.walk(os.path.join(ROOT, "examples"))):
        for f in sorted(files):
            if f.endswith(".txt"):
                with open(os.path.join(dirpath, f), encoding="utf-8") as fh:
                    examples.append(fh.read())
    if not examples:
        sys.exit("no .txt files under examples/")
    os.makedirs(out_dir, exist_ok=True)
    for i in range(n):
        base = examples[i % len(examples)]
        lead = (f"{rng.choice(NAMES)} said on Monday that {rng.randint(2, 9000)} people had left "
                f"{rng.choice(PLACES)}, according to officials.\n\n")
        text = lead + re.sub(r"\d+", lambda m: str(int(m.group()) + i), base)
        with open(os.path.join(out_dir, f"a{i:05d}.txt"), "w", encoding="utf-8") as fh:
            fh.write(text)


def tables_with_doc_id(db):
    rows = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    return [name for name, sql in rows if sql and re.search(r"\bdoc_id\b", sql) and not name.endswith("_fts")]


def check(path, before=None):
    """Checks the store; returns a snapshot (doc id -> entity and claim ids) for later kills."""
    problems = []
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    if (r := db.execute("PRAGMA integrity_check").fetchall()) != [("ok",)]:
        problems.append(f"integrity_check: {r[:5]}")
    if r := db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"foreign_key_check: {r[:5]}")
    for table in tables_with_doc_id(db):
        orphans = db.execute(
            f"SELECT count(*) FROM {table} WHERE doc_id IS NOT NULL AND doc_id NOT IN (SELECT id FROM documents)"
        ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} orphan rows in {table}")
    # FTS5's check is a command written as an INSERT: it needs a writable connection (it
    # changes nothing; no ingest runs while the store is checked).
    rw = sqlite3.connect(path, timeout=30)
    for fts in ("documents_fts", "statements_fts"):
        try:
            rw.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
        except sqlite3.Error as e:
            problems.append(f"{fts} integrity-check: {e}")
    rw.rollback()
    rw.close()
    docs = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    if (n := db.execute("SELECT count(*) FROM documents_fts").fetchone()[0]) != docs:
        problems.append(f"documents_fts holds {n} rows for {docs} documents")
    statements = db.execute("SELECT count(*) FROM statements").fetchone()[0]
    if (n := db.execute("SELECT count(*) FROM statements_fts").fetchone()[0]) != statements:
        problems.append(f"statements_fts holds {n} rows for {statements} statements")
    missing = [
        doc_id
        for doc_id, analysis, stored in db.execute(
            "SELECT d.id, d.analysis, (SELECT count(*) FROM statements s WHERE s.doc_id = d.id) FROM documents d"
        )
        if len(json.loads(analysis).get("attributions", [])) != stored
    ]
    if missing:
        problems.append(f"{len(missing)} documents without all their statements, e.g. {missing[0]}")
    snapshot = {}
    for doc_id, entities, claims in db.execute(
        """SELECT d.id,
                  (SELECT group_concat(entity_id) FROM (SELECT entity_id FROM document_entities
                     WHERE doc_id = d.id ORDER BY local_id)),
                  (SELECT group_concat(claim_id) FROM (SELECT claim_id FROM claim_reports
                     WHERE doc_id = d.id ORDER BY kind, item))
           FROM documents d"""
    ):
        snapshot[doc_id] = (entities, claims)
    db.close()
    if before:
        changed = [d for d, ids in before.items() if d in snapshot and snapshot[d] != ids]
        lost = [d for d in before if d not in snapshot]
        if changed:
            problems.append(f"{len(changed)} documents' entity or claim ids changed, e.g. {changed[0]}")
        if lost:
            problems.append(f"{len(lost)} documents stored before the kill are gone")
    return snapshot, problems


def kills(dossier, corpus, work, count, rng):
    store = os.path.join(work, "crash.db")
    cmd = [dossier, "ingest", "--db", store, "--batch", "50", corpus]
    # How long a whole ingest takes, to spread the kills over it.
    probe = os.path.join(work, "probe.db")
    start = time.monotonic()
    subprocess.run([dossier, "ingest", "--db", probe, "--batch", "50", corpus], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    full = time.monotonic() - start
    expected = sqlite3.connect(probe).execute("SELECT count(*) FROM documents").fetchone()[0]
    print(f"a whole ingest: {full:.1f} s, {expected} documents")
    snapshot, failures = None, 0
    per_doc = full / max(expected, 1)
    for k in range(count):
        # Spread the kills over the ingest: each run is cut within about two shares of the whole
        # (startup and lexicon loading included), and before what is left would be done.
        left = (expected - len(snapshot or {})) * per_doc
        delay = rng.uniform(0.05, max(0.1, min(2 * full / count + 1.0, left * 0.95)))
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        killed = proc.poll() is None
        if killed:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        if not os.path.exists(store):
            print(f"kill {k + 1}: at {delay:.2f} s, before the store existed")
            continue
        snapshot, problems = check(store, snapshot)
        failures += bool(problems)
        state = "killed" if killed else "had finished"
        print(f"kill {k + 1}: {state} at {delay:.2f} s; {len(snapshot)} documents stored; "
              + ("OK" if not problems else "PROBLEMS: " + "; ".join(problems)))
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    snapshot, problems = check(store, snapshot)
    if len(snapshot) != expected:
        problems.append(f"{len(snapshot)} documents after the final run, {expected} expected")
    failures += bool(problems)
    print(f"final run: {len(snapshot)} documents (expected {expected}); "
          + ("OK" if not problems else "PROBLEMS: " + "; ".join(problems)))
    return failures, expected


def concurrency(dossier, corpus, work, expected):
    """`expected`: the distinct documents of the corpus (two files may hold the same text)."""
    files = sorted(os.listdir(corpus))
    halves = [os.path.join(work, "half1"), os.path.join(work, "half2")]
    # Overlapping halves: the middle third is in both, so both runs store some of the same documents.
    third = len(files) // 3
    for half, part in zip(halves, [files[: 2 * third], files[third:]]):
        os.makedirs(half, exist_ok=True)
        for f in part:
            shutil.copy(os.path.join(corpus, f), half)
    store = os.path.join(work, "concurrent.db")
    subprocess.run([dossier, "ingest", "--db", store, os.path.join(corpus, files[0])], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stop = threading.Event()
    reader_problems = []
    reads = [0]

    def search_reader():
        while not stop.is_set():
            r = subprocess.run([dossier, "search", "--db", store, "said"], capture_output=True, text=True)
            reads[0] += 1
            if r.returncode != 0 or "locked" in r.stderr:
                reader_problems.append(f"dossier search exited {r.returncode}: {r.stderr.strip()[:200]}")

    def sql_reader():
        while not stop.is_set():
            try:
                db = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=30)
                for doc_id, analysis, stored in db.execute(
                    "SELECT d.id, d.analysis, (SELECT count(*) FROM statements s WHERE s.doc_id = d.id) "
                    "FROM documents d ORDER BY d.pk DESC LIMIT 20"
                ):
                    if len(json.loads(analysis).get("attributions", [])) != stored:
                        reader_problems.append(f"reader saw {doc_id} without all its statements")
                db.close()
                reads[0] += 1
            except sqlite3.Error as e:
                reader_problems.append(f"sqlite reader: {e}")
            time.sleep(0.02)

    readers = [threading.Thread(target=search_reader), threading.Thread(target=sql_reader)]
    for r in readers:
        r.start()
    procs = [subprocess.Popen([dossier, "ingest", "--db", store, "--batch", "50", h], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for h in halves]
    outs = [p.communicate() for p in procs]
    stop.set()
    for r in readers:
        r.join()
    problems = []
    for p, (out, err) in zip(procs, outs):
        if p.returncode != 0:
            problems.append(f"an ingest exited {p.returncode}: {err.strip()[:300]}")
    snapshot, store_problems = check(store)
    problems += store_problems + reader_problems[:5]
    if len(snapshot) != expected:
        problems.append(f"{len(snapshot)} documents stored, {expected} expected")
    print(f"two ingests at once: {[o[0].strip() for o in outs]}; {reads[0]} reads by two readers meanwhile; "
          + ("OK" if not problems else "PROBLEMS: " + "; ".join(problems)))
    return bool(problems)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dossier", default=os.path.join(ROOT, "target/release/dossier"))
    ap.add_argument("--kills", type=int, default=25)
    ap.add_argument("--input", help="a folder of .txt articles (default: 3,000 generated ones)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as work:
        corpus = args.input
        if not corpus:
            corpus = os.path.join(work, "corpus")
            generated_corpus(corpus, 3000, rng)
        failures, expected = kills(args.dossier, corpus, work, args.kills, rng)
        failures += concurrency(args.dossier, corpus, work, expected)
    print("crash test: " + ("passed" if not failures else f"{failures} checks FAILED"))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
