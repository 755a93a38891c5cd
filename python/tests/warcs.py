"""Builds WARC files the way Common Crawl News lays them out (one gzip member a record), for the
Spark test and bench/spark_speed.py."""

import gzip
import html
import uuid


def page(title, text, published=None, site=None):
    """An article page around `text` (paragraphs split on blank lines or newlines)."""
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    meta += f'<meta property="og:site_name" content="{html.escape(site)}">' if site else ""
    return (
        f"<!doctype html><html><head><title>{html.escape(title)}</title>{meta}</head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{html.escape(title)}</h1>{paras}</article>"
        "<footer>All rights reserved</footer></body></html>"
    )


def record(kind, uri, block, content_type):
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-11-01T12:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def response(uri, body, status="200 OK", media="text/html; charset=utf-8"):
    http = f"HTTP/1.1 {status}\r\nContent-Type: {media}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
    return record("response", uri, http + body, "application/http; msgtype=response")


def write_warc(path, records, truncate_last=False):
    """Writes `records` (bytes each) as a .warc.gz of one gzip member a record; with
    `truncate_last` the last record is cut short mid-block, as a download that stopped."""
    with open(path, "wb") as f:
        f.write(gzip.compress(record("warcinfo", "", b"software: dossier tests\r\n", "application/warc-fields")))
        for i, r in enumerate(records):
            if truncate_last and i == len(records) - 1:
                r = r[: len(r) // 2]
            f.write(gzip.compress(r))
