#!/usr/bin/env python3
"""The Spark job on `local[N]` against `dossier ingest --threads N` on the same WARC files.

    python bench/spark_speed.py CORPUS.jsonl [--files 4] [--cores 2] [--repeat 1] [--dossier target/release/dossier]

Builds FILES .warc.gz files (Common Crawl's layout) of article pages from the texts of CORPUS
(JSON Lines with "text", e.g. the 840 PolNeAR training texts), then times, in the same run, the
Spark job writing Parquet and the CLI ingesting into a fresh SQLite store, both with CORES cores.
Prints documents per second of each and their ratio. Run it in the virtualenv the wheel and
pyspark are installed in (python/ci.sh makes one: target/python/test-env).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python" / "tests"))
import warcs  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("corpus")
    p.add_argument("--files", type=int, default=4)
    p.add_argument("--cores", type=int, default=2)
    p.add_argument("--repeat", type=int, default=1, help="copies of the corpus (each copy's texts made distinct)")
    p.add_argument("--dossier", default="target/release/dossier")
    a = p.parse_args()
    texts = [json.loads(line)["text"] for line in open(a.corpus, encoding="utf-8") if line.strip()]
    texts = [t if k == 0 else f"{t}\n(Copy {k}.)" for k in range(a.repeat) for t in texts]
    with tempfile.TemporaryDirectory() as tmp:
        crawl = Path(tmp) / "crawl"
        crawl.mkdir()
        for f in range(a.files):
            records = [
                warcs.response(f"https://news.example/{i}", warcs.page(f"Article {i}", t).encode())
                for i, t in enumerate(texts)
                if i % a.files == f
            ]
            warcs.write_warc(crawl / f"CC-NEWS-{f}.warc.gz", records)
        env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1", PYSPARK_PYTHON=sys.executable)
        start = time.time()
        spark = subprocess.run(
            [sys.executable, "-m", "dossier.spark", "--input", str(crawl), "--output", f"{tmp}/out", "--master", f"local[{a.cores}]"],
            capture_output=True, text=True, env=env,
        )
        spark_s = time.time() - start
        if spark.returncode != 0:
            sys.exit(f"spark job failed: {spark.stderr[-2000:]}")
        summary = json.loads(spark.stdout.strip().splitlines()[-1])
        start = time.time()
        subprocess.run([a.dossier, "ingest", "--threads", str(a.cores), "--db", f"{tmp}/store.db", str(crawl)], check=True, capture_output=True)
        cli_s = time.time() - start
    docs = summary["documents"]
    print(json.dumps({
        "documents": docs,
        "warc_files": a.files,
        "cores": a.cores,
        "spark_seconds": round(spark_s, 2),
        "spark_job_seconds": summary["seconds"],
        "spark_documents_per_s": round(docs / spark_s, 1),
        "cli_ingest_seconds": round(cli_s, 2),
        "cli_documents_per_s": round(docs / cli_s, 1),
        "spark_vs_cli": round(cli_s / spark_s, 3),
    }, indent=2))


if __name__ == "__main__":
    main()
