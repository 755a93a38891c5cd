"""Dossier on Apache Spark: analyse a corpus (Common Crawl News WARC files, JSON Lines feeds, text
files) on a cluster and write Parquet tables for Spark SQL, DuckDB or pandas.

    python -m dossier.spark --input PATH [--input PATH ...] --output DIR [--master URL]

Each input file is read by one task, exactly as `dossier ingest` reads it (`dossier.read`: a
WARC file streams record by record, a bad record or line is an error row and the rest go on), and
every document is analysed by the Rust pipeline inside the task (`mapPartitions`, the GIL
released). The tables, one Parquet folder each under DIR:

- documents: id, source, url, title, outlet, author, published, length, text, counts
- statements: doc_id, idx, speaker, speaker_entity, source_type, cue, content, quote, stance,
  hedged, and the byte offsets of speaker, cue and content in the document's text
- entities: doc_id, idx, name, kind, aliases, mentions
- quantities: doc_id, idx, text, value, low, high, approx, bound, change, unit, counted, start, end
- events: doc_id, idx, type, mode, trigger, source, source_entity, target, target_entity, place,
  time, negated, hedged, reported_by (the statement idx reporting it), start, end
- errors: at (file, file:line or file@offset), error

Paths must be readable by every executor (a shared file system, or files copied to each node:
docs/SCALE.md). A document that appears twice (the same text) is kept once, as in a store.
"""

import argparse
import json
import os
import sys
import time

import dossier

# Column lists with their Spark SQL types; the rows below are built in this order.
SCHEMAS = {
    "documents": "id string, source string, url string, title string, outlet string, author string, "
    "published string, length long, text string, sentences int, statements int, entities int, "
    "quantities int, events int",
    "statements": "doc_id string, idx int, speaker string, speaker_entity string, source_type string, "
    "cue string, content string, quote string, stance string, hedged boolean, speaker_start long, "
    "speaker_end long, cue_start long, cue_end long, content_start long, content_end long",
    "entities": "doc_id string, idx int, name string, kind string, aliases array<string>, mentions int",
    "quantities": "doc_id string, idx int, text string, value double, low double, high double, "
    "approx boolean, bound string, change string, unit string, counted string, start long, end long",
    "events": "doc_id string, idx int, type string, mode string, trigger string, source string, "
    "source_entity string, target string, target_entity string, place string, time string, "
    "negated boolean, hedged boolean, reported_by int, start long, end long",
    "errors": "at string, error string",
}


def _text(span):
    return span["text"] if span else None


def rows_of(fields, analysis):
    """(table, row) pairs of one analysed document."""
    doc_id = analysis["document"]["id"]
    names = [e["name"] for e in analysis["entities"]]

    def entity(span):
        i = span.get("entity") if span else None
        return names[i] if i is not None and i < len(names) else None

    yield "documents", (
        doc_id,
        fields.get("source"),
        fields.get("url"),
        fields.get("title"),
        fields.get("outlet"),
        fields.get("author"),
        analysis["document"].get("published"),
        analysis["document"]["length"],
        fields["text"],
        len(analysis["sentences"]),
        len(analysis["attributions"]),
        len(analysis["entities"]),
        len(analysis["quantities"]),
        len(analysis["events"]),
    )
    for i, s in enumerate(analysis["attributions"]):
        speaker = s["speaker"]
        yield "statements", (
            doc_id,
            i,
            _text(speaker),
            entity(speaker),
            speaker["source_type"] if speaker else None,
            s["cue"]["text"],
            s["content"]["text"],
            s["quote"],
            s["stance"],
            s["hedged"],
            speaker["start"] if speaker else None,
            speaker["end"] if speaker else None,
            s["cue"]["start"],
            s["cue"]["end"],
            s["content"]["start"],
            s["content"]["end"],
        )
    mentions = [0] * len(names)
    for m in analysis["mentions"]:
        if m.get("entity") is not None and m["entity"] < len(mentions):
            mentions[m["entity"]] += 1
    for i, e in enumerate(analysis["entities"]):
        yield "entities", (doc_id, i, e["name"], e["kind"], list(e["aliases"]), mentions[i])
    for i, q in enumerate(analysis["quantities"]):
        change = q["change"]
        yield "quantities", (
            doc_id,
            i,
            q["text"],
            q["value"],
            q["low"],
            q["high"],
            q["approx"],
            q["bound"],
            change if change is None or isinstance(change, str) else json.dumps(change),
            q["unit"],
            _text(q["counted"]),
            q["start"],
            q["end"],
        )
    for i, ev in enumerate(analysis["events"]):
        when = ev["time"]
        yield "events", (
            doc_id,
            i,
            ev["type"],
            ev["mode"],
            ev["trigger"]["text"],
            _text(ev["source"]),
            entity(ev["source"]),
            _text(ev["target"]),
            entity(ev["target"]),
            _text(ev["place"]),
            (when.get("value") or when["text"]) if when else None,
            ev["negated"],
            ev["hedged"],
            ev["reported_by"],
            ev["trigger"]["start"],
            ev["trigger"]["end"],
        )


def analyse_files(paths, max_bytes=16 * 1024 * 1024):
    """The (table, row) pairs of every document in the given input files (one Spark partition)."""
    for path in paths:
        for item in dossier.read(path, max_bytes=max_bytes):
            if item["kind"] == "failed":
                yield "errors", (item["at"], item["error"])
                continue
            fields = {k: item[k] for k in ("text", "source", "title", "url", "published", "outlet", "author")}
            try:
                analysis = dossier.analyze(**fields)
            except ValueError as e:  # a date the reader kept but analyze refuses, and the like
                yield "errors", (fields["source"], str(e))
                continue
            yield from rows_of(fields, analysis)


def input_files(inputs):
    """Every file to read: a named file as it is, a folder's readable files (as `dossier ingest`
    walks it), in a stable order."""
    files = []
    for p in inputs:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs.sort()
                files.extend(os.path.join(root, n) for n in sorted(names) if dossier.readable(n))
        else:
            files.append(p)
    return [os.path.abspath(f) for f in files]


def run(spark, inputs, output, partitions=None, max_bytes=16 * 1024 * 1024):
    """Analyses `inputs` on `spark` and writes the tables under `output`; returns the row counts."""
    from pyspark import StorageLevel
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    files = input_files(inputs)
    if not files:
        raise SystemExit(f"error: no readable input files in {', '.join(inputs)}")
    sc = spark.sparkContext
    # One file a task by default: a WARC file is a stream that cannot be split.
    slices = partitions or len(files)
    rows = sc.parallelize(files, min(slices, len(files))).mapPartitions(lambda ps: analyse_files(ps, max_bytes))
    rows = rows.persist(StorageLevel.MEMORY_AND_DISK)
    counts = {}
    for table, schema in SCHEMAS.items():
        frame = spark.createDataFrame(rows.filter(lambda r, t=table: r[0] == t).map(lambda r: r[1]), schema)
        # The same text twice is one document (its id is the text's hash), as in a store: the
        # document is kept under its first source, and its rows once (a copy's rows are the
        # same analysis, so they are the same rows). Done by Spark SQL, not in Python, so that
        # the texts are not pickled through the shuffle.
        if table == "documents":
            first = Window.partitionBy("id").orderBy(F.col("source").asc_nulls_last())
            frame = frame.withColumn("copy", F.row_number().over(first)).filter("copy = 1").drop("copy")
        elif table != "errors":
            frame = frame.dropDuplicates(["doc_id", "idx"])
        frame.write.mode("overwrite").parquet(os.path.join(output, table))
        counts[table] = spark.read.parquet(os.path.join(output, table)).count()
    rows.unpersist()
    return counts


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m dossier.spark", description=__doc__.split("\n\n")[0])
    p.add_argument("--input", action="append", required=True, help="a file or folder (repeatable)")
    p.add_argument("--output", required=True, help="folder for the Parquet tables (overwritten)")
    p.add_argument("--master", help="Spark master URL (default: spark-submit's, else local[*])")
    p.add_argument("--partitions", type=int, help="tasks (default: one per input file)")
    p.add_argument("--max-bytes", type=int, default=16 * 1024 * 1024, help="largest document read")
    a = p.parse_args(argv)

    # Under spark-submit (its gateway is already up) the cluster's settings stand.
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ
    if (a.master or ("" if submitted else "local")).startswith("local"):
        # On one machine the Python workers are this interpreter (the one with dossier
        # installed, not whatever `python3` is on PATH), and Spark listens on loopback only.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")

    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.appName("dossier")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    if a.master:
        builder = builder.master(a.master)
    spark = builder.getOrCreate()
    start = time.time()
    try:
        counts = run(spark, a.input, a.output, a.partitions, a.max_bytes)
    finally:
        spark.stop()
    seconds = time.time() - start
    counts["seconds"] = round(seconds, 2)
    counts["documents_per_s"] = round(counts["documents"] / seconds, 1) if seconds else None
    print(json.dumps(counts))
    # As `dossier ingest`: 1 when some inputs failed (each is a row of `errors`), 0 otherwise.
    return 1 if counts["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
