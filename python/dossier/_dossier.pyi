"""Type stubs of the Rust extension (python/src/lib.rs): what editors and type checkers see.

Every dict is the JSON the `dossier` CLI prints for the same thing (docs/JSON.md for analyses)."""

from collections.abc import Iterable, Iterator
from os import PathLike
from typing import Any, Literal, TypedDict, final

__all__ = ["analyze", "analyze_json", "extract", "analyze_page", "Store", "Reader", "readable", "__version__"]

__version__: str

_Text = str | bytes
_Analysis = dict[str, Any]

def analyze(
    text: _Text,
    published: str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
) -> _Analysis: ...
def analyze_json(
    text: _Text,
    published: str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
) -> str: ...
def extract(html: _Text, charset: str | None = None) -> dict[str, str | None]: ...
def analyze_page(html: _Text, url: str | None = None, charset: str | None = None, source: str | None = None) -> _Analysis: ...
def readable(path: str | PathLike[str]) -> bool: ...

class _Added(TypedDict):
    id: str
    inserted: Literal["new", "duplicate", "refreshed"]
    statements: int

class _Failure(TypedDict):
    at: str
    error: str

class _Ingested(TypedDict):
    files: int
    documents: int
    new: int
    duplicate: int
    refreshed: int
    failed: list[_Failure]

@final
class Reader(Iterator[dict[str, Any]]):
    """Items with "kind": "document" (text, source, title, url, published, outlet, author),
    "failed" (at, error) or "note" (message)."""

    def __new__(cls, path: str | PathLike[str], max_bytes: int = ..., sidecar: bool = False, notes: bool = False) -> Reader: ...
    def __iter__(self) -> Reader: ...
    def __next__(self) -> dict[str, Any]: ...

@final
class Store:
    def __new__(cls, location: str | PathLike[str]) -> Store: ...
    def add(
        self,
        text: _Text,
        published: str | None = None,
        title: str | None = None,
        url: str | None = None,
        source: str | None = None,
        outlet: str | None = None,
        author: str | None = None,
    ) -> _Added: ...
    def add_many(self, documents: Iterable[_Text | dict[str, Any]], threads: int | None = None) -> list[dict[str, Any]]: ...
    def ingest(
        self, path: str | PathLike[str], threads: int | None = None, max_bytes: int = ..., sidecar: bool = False
    ) -> _Ingested: ...
    def stats(self) -> dict[str, int]: ...
    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]: ...
    def statements(
        self, speaker: str | None = None, stance: str | None = None, document: str | None = None, limit: int = 100
    ) -> list[dict[str, Any]]: ...
    def entities(self, kind: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]: ...
    def entity(self, name: str, limit: int = 100) -> dict[str, Any] | None: ...
    def documents(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]: ...
    def document(self, id: str) -> _Analysis | None: ...
    def claims(
        self,
        about: str | None = None,
        since: str | None = None,
        min_documents: int = 1,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]] | None: ...
    def claim(self, id: int) -> dict[str, Any] | None: ...
    def events(
        self,
        kind: str | None = None,
        actor: str | None = None,
        since: str | None = None,
        limit: int = 1000,
        offset: int = 0,
    ) -> list[dict[str, Any]]: ...
    def quantities(self, counted: str | None = None, limit: int = 1000, offset: int = 0) -> list[dict[str, Any]]: ...
