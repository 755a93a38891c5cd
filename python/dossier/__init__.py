"""Dossier: who said what, who did what to whom, how many, when and where.

    import dossier
    a = dossier.analyze(text, published="2024-11-01")
    for s in a["attributions"]:
        print(s["speaker"], s["cue"], text.encode()[s["content"]["start"]:s["content"]["end"]])

`analyze` returns the JSON contract of `dossier analyze --json` (docs/JSON.md in the repository)
as Python values; `analyze_json` returns the CLI's exact text. `extract` reads an HTML page,
`analyze_page` reads and analyses one, and `Store` opens the SQLite store `dossier ingest`
writes. Offsets are byte offsets into the UTF-8 text, as everywhere in Dossier.
"""

from ._dossier import Store, __version__, analyze, analyze_json, analyze_page, extract

__all__ = ["Store", "analyze", "analyze_json", "analyze_page", "extract", "__version__"]
