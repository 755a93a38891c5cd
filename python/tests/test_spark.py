"""The Spark job end to end: `python -m dossier.spark --master local[2]` on WARC files and a feed
this test builds, its Parquet tables read back with pyarrow. Needs pyspark, pyarrow and Java (the
`spark` extra; python/ci.sh installs them): it fails without them, never skips."""

import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import pyarrow.parquet as pq

import dossier

sys.path.insert(0, str(Path(__file__).resolve().parent))
import warcs  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def articles():
    items = [json.loads(line) for line in (ROOT / "examples/wikinews.jsonl").read_text().splitlines()]
    items.append({"title": "North Korea puts military in 'quasi-state of war'", "published": "2015-08-21", "text": (ROOT / "examples/wikinews/korea.txt").read_text()})
    return items


class SparkJobTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        tmp = Path(cls.tmp.name)
        inputs = tmp / "in"
        (inputs / "crawl").mkdir(parents=True)
        items = articles()
        pages = [
            warcs.response(f"https://news.example/{i}", warcs.page(a["title"], a["text"], a.get("published"), "Example News").encode())
            for i, a in enumerate(items)
        ]
        first = pages[:4] + [
            warcs.response("https://news.example/report.pdf", b"%PDF-1.4 ...", media="application/pdf"),
            warcs.response("https://news.example/gone", b"<html>gone</html>", status="404 Not Found"),
        ]
        warcs.write_warc(inputs / "crawl" / "CC-NEWS-1.warc.gz", first)
        # The second file's last record is cut short: one error row, the others still read.
        warcs.write_warc(inputs / "crawl" / "CC-NEWS-2.warc.gz", pages[4:], truncate_last=True)
        feed = [json.dumps({"text": "The mayor said on Monday that the bridge would reopen in May.", "published": "2024-05-06"})] * 2
        feed.append('{"text": "a line that is not JSON')
        (inputs / "feed.jsonl").write_text("\n".join(feed) + "\n")
        (inputs / "notes.md").write_text("not an input: skipped when the folder is walked")
        cls.inputs, cls.out = inputs, tmp / "out"
        env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1", PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
        cls.job = subprocess.run(
            [sys.executable, "-m", "dossier.spark", "--input", str(inputs), "--output", str(cls.out), "--master", "local[2]"],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )
        cls.items = items

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def table(self, name):
        return pq.read_table(self.out / name).to_pylist()

    def test_exit_code_and_summary(self):
        # Errors in the input (a truncated record, a bad line): exit 1, as `dossier ingest`.
        self.assertEqual(self.job.returncode, 1, self.job.stderr[-3000:])
        summary = json.loads(self.job.stdout.strip().splitlines()[-1])
        self.assertEqual(summary["documents"], len(self.table("documents")))
        self.assertGreater(summary["documents_per_s"], 0)

    def test_tables_hold_what_the_package_finds_in_process(self):
        expected = {}
        for path in sorted(self.inputs.rglob("*")):
            if path.is_file() and dossier.readable(path.name):
                for item in dossier.read(str(path)):
                    if item["kind"] == "document":
                        fields = {k: v for k, v in item.items() if k != "kind"}
                        a = dossier.analyze(**fields)
                        expected.setdefault(a["document"]["id"], a)
        # 7 pages of the 8 (the last one truncated) and the feed's one text (twice in the feed).
        self.assertEqual(len(expected), 8)
        documents = self.table("documents")
        self.assertEqual(sorted(d["id"] for d in documents), sorted(expected))
        for table, key in (("statements", "attributions"), ("entities", "entities"), ("quantities", "quantities"), ("events", "events")):
            rows = self.table(table)
            self.assertEqual(len(rows), sum(len(a[key]) for a in expected.values()), table)
        self.assertGreater(len(self.table("statements")), 20)

        pages = [d for d in documents if d["url"] and d["url"].startswith("https://news.example/")]
        self.assertEqual(len(pages), 7)
        self.assertTrue(all(d["outlet"] == "Example News" and "@" in d["source"] for d in pages), pages[0])
        self.assertTrue(all("All rights reserved" not in d["text"] for d in pages))

    def test_offsets_point_into_the_document_text(self):
        texts = {d["id"]: d["text"].encode("utf-8") for d in self.table("documents")}
        for s in self.table("statements"):
            raw = texts[s["doc_id"]]
            self.assertEqual(raw[s["content_start"] : s["content_end"]].decode("utf-8"), s["content"])
            self.assertEqual(raw[s["cue_start"] : s["cue_end"]].decode("utf-8"), s["cue"])

    def test_bad_items_are_error_rows_and_the_rest_goes_on(self):
        errors = self.table("errors")
        where = [e["at"] for e in errors]
        self.assertTrue(any(w.endswith("feed.jsonl:3") for w in where), errors)
        self.assertTrue(any("CC-NEWS-2.warc.gz@" in w for w in where), errors)
        self.assertEqual(len(errors), 2, errors)


if __name__ == "__main__":
    unittest.main()
