"""Dossier: who said what, who did what to whom, how many, when and where.

    import dossier
    a = dossier.analyze(text, published="2024-11-01")
    for s in a["attributions"]:
        print(s["speaker"], s["cue"], text.encode()[s["content"]["start"]:s["content"]["end"]])

`analyze` returns the JSON contract of `dossier analyze --json` (docs/JSON.md in the repository)
as Python values; `analyze_json` returns the CLI's exact text. `extract` reads an HTML page,
`analyze_page` reads and analyses one, `read` iterates over the documents of an input file
(text, JSON Lines, HTML, WARC) as `dossier ingest` reads them, and `Store` opens the SQLite store
`dossier ingest` writes; `python -m dossier.spark` runs the analysis on Spark. Offsets are byte offsets into the UTF-8 text, as everywhere in Dossier.
"""

import os

from ._dossier import Reader, Store, __version__, analyze, analyze_json, analyze_page, extract, readable


def read(path: "str | os.PathLike[str]", max_bytes: int = 16 * 1024 * 1024, sidecar: bool = False, notes: bool = False) -> Reader:
    """Iterates over what one input file holds, read as `dossier ingest` reads it (see Reader)."""
    return Reader(path, max_bytes=max_bytes, sidecar=sidecar, notes=notes)


__all__ = ["Reader", "Store", "analyze", "analyze_json", "analyze_page", "extract", "read", "readable", "__version__"]
