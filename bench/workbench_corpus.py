#!/usr/bin/env python3
"""Builds the workbench benchmark's corpus (bench/workbench.sh) from the PolNeAR training archive.

    workbench_corpus.py TRAIN.tar.gz OUT.jsonl N

Writes N JSON Lines items {"url","title","outlet","published","text"}: the 840 training texts
repeated as bench/corpus.py repeats them (copy k of an article ends with k extra newlines, so
every line is a new document with the same analysis). The outlet is the file name's prefix
("breitbart_2015-11-16_…" → breitbart); the date is the file name's, moved k weeks later for
copy k, so that a year of news has timelines to draw; no title is given (Dossier takes the
text's first line). Prints a JSON summary.
"""
import datetime
import json
import re
import sys

from corpus import polnear_texts  # bench/corpus.py, beside this script


def main() -> None:
    archive, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    texts = polnear_texts(archive)
    docs = total = copy = 0
    with open(out, "w", encoding="utf-8") as f:
        while docs < n:
            for name, text in texts:
                if docs >= n:
                    break
                found = re.match(r"([a-z-]+)_(\d{4}-\d{2}-\d{2})_", name)
                item = {"url": f"polnear:{copy}:{name}", "text": text + "\n" * copy}
                if found:
                    day = datetime.date.fromisoformat(found.group(2)) + datetime.timedelta(weeks=copy)
                    item["outlet"], item["published"] = found.group(1), day.isoformat()
                f.write(json.dumps(item) + "\n")
                total += len(item["text"].encode("utf-8"))
                docs += 1
            copy += 1
    print(json.dumps({"articles": len(texts), "copies": copy, "docs": docs, "bytes": total}))


if __name__ == "__main__":
    main()
