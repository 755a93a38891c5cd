#!/usr/bin/env python3
"""Rebuilds the bundled example articles from GUM's Wikinews documents (CC BY 2.5).

usage: build_examples.py [GUM_DIR] [OUT_DIR]   (defaults: ../shared/train/ner/gum examples)
The text of each article is rebuilt from its CoNLL-U `# text` lines, paragraphs from `# newpar`;
title, date and source URL from its `# meta::` lines. Only GUM *train* documents are used, so the
examples never overlap the dev documents the project scores on.
"""
import gzip, json, os, sys

ARTICLES = ["korea", "asylum", "clock", "crane", "flag", "warhol", "questionnaire", "taxes"]

def read(path):
    meta, paras, cur = {}, [], []
    for line in gzip.open(path, "rt", encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# meta::"):
            k, _, v = line[8:].partition(" = ")
            meta[k] = v
        elif line.startswith("# newpar") and cur:
            paras.append(" ".join(cur)); cur = []
        elif line.startswith("# text = "):
            cur.append(line[9:])
    if cur:
        paras.append(" ".join(cur))
    return meta, paras

def main():
    gum = sys.argv[1] if len(sys.argv) > 1 else "../shared/train/ner/gum"
    out = sys.argv[2] if len(sys.argv) > 2 else "examples"
    os.makedirs(os.path.join(out, "wikinews"), exist_ok=True)
    feed = []
    for name in ARTICLES:
        meta, paras = read(os.path.join(gum, f"GUM_news_{name}.conllu.gz"))
        title, body = paras[0], "\n".join(paras[1:])
        feed.append({"url": meta.get("sourceURL"), "title": title, "published": meta.get("dateCreated"), "text": title + "\n" + body + "\n"})
    with open(os.path.join(out, "wikinews.jsonl"), "w", encoding="utf-8") as f:
        for item in feed[1:]:
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
    with open(os.path.join(out, "wikinews", "korea.txt"), "w", encoding="utf-8") as f:
        f.write(feed[0]["text"])
    with open(os.path.join(out, "README.md"), "w", encoding="utf-8") as f:
        f.write("# Example articles\n\nWikinews articles, licensed CC BY 2.5 (https://creativecommons.org/licenses/by/2.5/),\n"
                "rebuilt by `scripts/build_examples.py` from the GUM corpus (amir-zeldes/gum, commit 72ce5ac).\n"
                "Credit: Wikinews, https://en.wikinews.org. Articles:\n\n")
        for item in feed:
            f.write(f"- \"{item['title']}\", Wikinews, {item['published']}, {item['url']}\n")
        f.write("\n`wikinews/korea.txt` is the first as plain text; `wikinews.jsonl` holds the others as a JSON Lines feed.\n")
    print(f"{len(feed)} articles -> {out}")

main()
