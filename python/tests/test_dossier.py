"""Tests of the installed `dossier` package against the `dossier` CLI built from the same tree.

Run by .ci/run in a fresh virtualenv with the wheel installed:

    DOSSIER_BIN=target/release/dossier python -m unittest discover -s python/tests -v

DOSSIER_BIN names the CLI (default: target/release/dossier under the repository root); a missing
CLI fails the tests, never skips them.
"""

import json
import os
import subprocess
import tempfile
import threading
import time
import unittest
from pathlib import Path

import dossier

ROOT = Path(__file__).resolve().parents[2]
CLI = os.environ.get("DOSSIER_BIN", str(ROOT / "target" / "release" / "dossier"))


def cli(*args: str) -> bytes:
    return subprocess.run([CLI, *args], check=True, capture_output=True).stdout


def bundled_examples():
    """(text, published, title, url) of every bundled example: the text file and the feed."""
    yield (ROOT / "examples/wikinews/korea.txt").read_text(), "2015-08-21", None, None
    for line in (ROOT / "examples/wikinews.jsonl").read_text().splitlines():
        item = json.loads(line)
        yield item["text"], item.get("published"), item.get("title"), item.get("url")


class AnalyzeTest(unittest.TestCase):
    def test_json_is_byte_identical_to_the_cli_on_every_bundled_example(self):
        examples = list(bundled_examples())
        self.assertGreaterEqual(len(examples), 8)
        with tempfile.TemporaryDirectory() as tmp:
            for i, (text, published, title, url) in enumerate(examples):
                path = os.path.join(tmp, f"{i}.txt")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                args = ["analyze", "--json", path]
                for flag, value in (("--published", published), ("--title", title), ("--url", url)):
                    if value:
                        args[2:2] = [flag, value]
                expected = cli(*args).decode("utf-8")
                got = dossier.analyze_json(text, published=published, title=title, url=url, source=path)
                self.assertEqual(got, expected, f"example {i} differs from the CLI")
                # The dict form is the same contract.
                as_dict = dossier.analyze(text, published=published, title=title, url=url, source=path)
                self.assertEqual(as_dict, json.loads(expected))
                self.assertTrue(as_dict["attributions"] or i > 0, "the Korea article has statements")

    def test_offsets_point_at_the_utf8_bytes_of_the_text(self):
        text = "Café owners in Zürich said on Monday that “rents have doubled since 2019”."
        a = dossier.analyze(text, published="2024-11-01")
        raw = text.encode("utf-8")
        self.assertTrue(a["attributions"], a)
        s = a["attributions"][0]
        content = raw[s["content"]["start"] : s["content"]["end"]].decode("utf-8")
        self.assertIn("rents have doubled", content)

    def test_bytes_must_be_utf8_and_dates_must_be_dates(self):
        self.assertEqual(dossier.analyze(b"He said it rained.")["document"]["id"], dossier.analyze("He said it rained.")["document"]["id"])
        with self.assertRaisesRegex(ValueError, "UTF-8"):
            dossier.analyze(b"caf\xe9 said no")
        with self.assertRaisesRegex(ValueError, "YYYY-MM-DD"):
            dossier.analyze("He said it rained.", published="yesterday")
        with self.assertRaises(ValueError):
            dossier.analyze(42)

    def test_the_gil_is_released_while_analysing(self):
        # One long article (seconds of work): while one thread is inside analyze, another runs
        # Python. Were the GIL held, the other thread could run only in the switch interval's
        # slices before and after the call (milliseconds), never for most of it.
        text = (ROOT / "examples/wikinews/korea.txt").read_text() * 600
        entered, finished = threading.Event(), threading.Event()

        def work():
            entered.set()
            dossier.analyze_json(text)
            finished.set()

        t = threading.Thread(target=work)
        t.start()
        entered.wait()
        start = time.perf_counter()
        ran = 0.0
        while not finished.is_set():
            ran = time.perf_counter() - start
        call = time.perf_counter() - start
        t.join()
        self.assertGreater(call, 0.2, "the article is meant to take a while")
        self.assertGreater(ran, 0.5 * call, f"other threads ran {ran:.3f} s of a {call:.3f} s call")

    def test_threads_give_the_same_answers(self):
        from concurrent.futures import ThreadPoolExecutor

        texts = [t for t, *_ in bundled_examples()]
        sequential = [dossier.analyze_json(t) for t in texts]
        with ThreadPoolExecutor(4) as pool:
            parallel = list(pool.map(dossier.analyze_json, texts))
        self.assertEqual(parallel, sequential)


class ExtractTest(unittest.TestCase):
    PAGE = (
        "<html><head><title>Port reopens after storm | Coast Post</title>"
        '<meta property="og:site_name" content="Coast Post">'
        '<meta property="article:published_time" content="2024-03-02T10:00:00Z">'
        '<link rel="canonical" href="https://coast.example/port"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<article><h1>Port reopens after storm</h1>"
        "<p>The harbour master said on Saturday that the port would reopen to ships on Monday.</p>"
        "<p>About 40 vessels had waited offshore, the agency reported.</p></article>"
        "<footer>Copyright Coast Post</footer></body></html>"
    )

    def test_extract_matches_the_cli(self):
        with tempfile.NamedTemporaryFile("wb", suffix=".html", delete=False) as f:
            f.write(self.PAGE.encode("utf-8"))
        try:
            expected = json.loads(cli("extract", "--json", f.name))
        finally:
            os.unlink(f.name)
        self.assertEqual(dossier.extract(self.PAGE.encode("utf-8")), expected)
        self.assertEqual(dossier.extract(self.PAGE), expected)
        self.assertIn("harbour master", expected["text"])
        self.assertNotIn("Copyright", expected["text"])

    def test_analyze_page(self):
        a = dossier.analyze_page(self.PAGE, url="https://coast.example/port")
        self.assertEqual(a["document"]["published"], "2024-03-02")
        self.assertTrue(any(s["cue"]["text"] == "said" for s in a["attributions"]), a["attributions"])
        with self.assertRaisesRegex(ValueError, "page"):
            dossier.extract(b"")


class StoreTest(unittest.TestCase):
    def test_a_store_written_by_python_and_one_written_by_the_cli_agree(self):
        with tempfile.TemporaryDirectory() as tmp:
            feed = str(ROOT / "examples/wikinews.jsonl")
            cli("ingest", "--db", os.path.join(tmp, "cli.db"), feed)
            by_cli = dossier.Store(os.path.join(tmp, "cli.db"))
            by_python = dossier.Store(os.path.join(tmp, "py.db"))
            for i, line in enumerate(Path(feed).read_text().splitlines()):
                item = json.loads(line)
                r = by_python.add(item["text"], published=item["published"], title=item["title"], url=item["url"], source=f"{feed}:{i + 1}")
                self.assertEqual(r["inserted"], "new")
            again = by_python.add(item["text"], published=item["published"])
            self.assertEqual(again["inserted"], "duplicate")

            self.assertEqual(by_python.stats(), by_cli.stats())
            self.assertGreater(by_cli.stats()["statements"], 10)
            key = lambda s: (s["doc_id"], s["start"])  # noqa: E731
            fields = lambda s: (s["speaker"], s["cue"], s["content"], s["stance"])  # noqa: E731
            self.assertEqual(
                [fields(s) for s in sorted(by_python.statements(limit=1000), key=key)],
                [fields(s) for s in sorted(by_cli.statements(limit=1000), key=key)],
            )
            self.assertEqual(by_python.entities(limit=1000), by_cli.entities(limit=1000))

            docs = by_cli.documents()
            self.assertEqual(len(docs), 7)
            stored = by_cli.document(docs[0]["id"])
            self.assertEqual(stored["document"]["id"], docs[0]["id"])
            self.assertIsNone(by_cli.document("sha256:nope"))

            hits = by_cli.search("asylum", limit=5)
            self.assertTrue(hits and all("asylum" in (h["snippet"] + (h["title"] or "")).lower() for h in hits), hits)
            top = by_cli.entities(limit=1)[0]
            self.assertEqual(by_cli.entity(top["name"])["name"], top["name"])
            claims = by_cli.claims(limit=5)
            self.assertTrue(claims)
            self.assertEqual(by_cli.claim(claims[0]["id"])["id"], claims[0]["id"])
            self.assertIsInstance(by_cli.events(limit=5), list)
            self.assertTrue(by_cli.quantities(limit=5))

    def test_add_many_and_ingest_store_what_the_cli_stores(self):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "in"
            folder.mkdir()
            (folder / "wikinews.jsonl").write_text((ROOT / "examples/wikinews.jsonl").read_text() + "not json\n")
            (folder / "korea.txt").write_text((ROOT / "examples/wikinews/korea.txt").read_text())
            (folder / "bad.txt").write_bytes(b"caf\xe9")
            (folder / "notes.md").write_text("not an input")
            cli_db = os.path.join(tmp, "cli.db")
            subprocess.run([CLI, "ingest", "--db", cli_db, str(folder)], capture_output=True)  # exits 1: bad inputs
            by_cli = dossier.Store(cli_db)

            by_ingest = dossier.Store(os.path.join(tmp, "ingest.db"))
            summary = by_ingest.ingest(str(folder), threads=2)
            self.assertEqual((summary["files"], summary["documents"], summary["new"]), (3, 8, 8), summary)
            where = sorted(f["at"] for f in summary["failed"])
            self.assertEqual(len(where), 2, summary["failed"])
            self.assertTrue(where[0].endswith("bad.txt") and where[1].endswith("wikinews.jsonl:8"), where)
            self.assertEqual(by_ingest.stats(), by_cli.stats())
            self.assertEqual(by_ingest.entities(limit=1000), by_cli.entities(limit=1000))
            self.assertEqual(by_ingest.ingest(str(folder))["duplicate"], 8)

            # add_many: texts and dicts, in order, on several threads, as `add` one at a time.
            items = [dict(i, kind=None) for i in dossier.read(str(folder / "wikinews.jsonl")) if i["kind"] == "document"]
            for i in items:
                del i["kind"]
            many = dossier.Store(os.path.join(tmp, "many.db"))
            results = many.add_many([*items, items[0]["text"], items[0]], threads=3)
            self.assertEqual(len(items), 7)
            self.assertEqual([r["inserted"] for r in results], ["new"] * 7 + ["duplicate"] * 2)
            one = dossier.Store(os.path.join(tmp, "one.db"))
            singles = [one.add(**i) for i in [*items, {"text": items[0]["text"]}, items[0]]]
            self.assertEqual(results, singles)
            self.assertEqual(many.stats(), one.stats())
            with self.assertRaisesRegex(ValueError, "text"):
                many.add_many([{"title": "no text"}])

    def test_postgres_urls_are_refused_clearly(self):
        with self.assertRaisesRegex(ValueError, "PostgreSQL"):
            dossier.Store("postgres://localhost/dossier")


if __name__ == "__main__":
    unittest.main()
