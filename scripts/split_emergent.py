#!/usr/bin/env python3
"""Splits Emergent's training file into a tuning part and a dev part by claim, so no claim is in
both: a claim goes to dev when the first hex digit of md5(claimId) is 0-3 (about a quarter).
usage: split_emergent.py emergent-train.csv OUT_DIR   (writes OUT_DIR/tune.csv, OUT_DIR/dev.csv)"""
import csv, hashlib, os, sys

rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
head, body = rows[0], rows[1:]
cid = head.index("claimId")
os.makedirs(sys.argv[2], exist_ok=True)
parts = {"tune": [], "dev": []}
for r in body:
    parts["dev" if hashlib.md5(r[cid].encode()).hexdigest()[0] in "0123" else "tune"].append(r)
for name, rs in parts.items():
    with open(os.path.join(sys.argv[2], name + ".csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f); w.writerow(head); w.writerows(rs)
    print(name, len(rs), "rows", len({r[cid] for r in rs}), "claims")
