"""Convert MLQE-PE post-editing files (Moses-tokenised) into the JSON lines tests/data holds.

Maintainer tool, never run by tests or `make bench`:

    python bench/data/mlqe_to_jsonl.py DIR/ru-en-dev tests/data/mlqe-pe/ru-en.dev.jsonl

Each output line: {"mt", "pe", "bad": [[start, end], ...], "hter"} with the MT and post-edit
detokenised and `bad` the code-point spans of the MT words the post-editor changed or deleted
(word tags BAD in `dev.tags`, which alternate gap, word, gap ... tags).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

_NO_SPACE_BEFORE = {",", ".", "!", "?", ";", ":", "%", ")", "]", "}", "…", "'", "'s", "n't"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "„", "«", "‚", "“"}
_ENTITIES = {
    "&apos;": "'",
    "&quot;": '"',
    "&amp;": "&",
    "&lt;": "<",
    "&gt;": ">",
    "&#91;": "[",
    "&#93;": "]",
    "&#124;": "|",
}


def _unescape(tok: str) -> str:
    for k, v in _ENTITIES.items():
        tok = tok.replace(k, v)
    return tok


def detokenise(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Moses-style detokenisation; returns the text and each token's span in it."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    quote_open = False
    glue_next = False
    for raw in tokens:
        tok = _unescape(raw)
        if tok == "@-@":
            tok, glue_next_after = "-", True
        else:
            glue_next_after = False
        space = bool(out)
        if tok in _NO_SPACE_BEFORE or (tok.startswith("'") and len(tok) <= 3) or glue_next:
            space = False
        if tok == "-" and glue_next_after:
            space = False
        if tok == '"':
            if quote_open:
                space = False
            quote_open = not quote_open
            glue_after_quote = quote_open
        else:
            glue_after_quote = False
        if space:
            out.append(" ")
            pos += 1
        spans.append((pos, pos + len(tok)))
        out.append(tok)
        pos += len(tok)
        glue_next = glue_next_after or tok in _NO_SPACE_AFTER or glue_after_quote
    return "".join(out), spans


def convert(folder: Path, out: Path) -> int:
    stem = next(folder.glob("*.mt")).stem
    mt = (folder / f"{stem}.mt").read_text(encoding="utf-8").splitlines()
    pe = (folder / f"{stem}.pe").read_text(encoding="utf-8").splitlines()
    tags = (folder / f"{stem}.tags").read_text(encoding="utf-8").splitlines()
    hter = (folder / f"{stem}.hter").read_text(encoding="utf-8").splitlines()
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for m, p, t, h in zip(mt, pe, tags, hter, strict=True):
            toks = m.split()
            word_tags = t.split()[1::2]
            if len(word_tags) != len(toks):
                continue
            text, spans = detokenise(toks)
            bad = [list(s) for s, tag in zip(spans, word_tags, strict=True) if tag == "BAD"]
            rec = {"mt": text, "pe": detokenise(p.split())[0], "bad": bad, "hter": float(h)}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n


if __name__ == "__main__":
    print(convert(Path(sys.argv[1]), Path(sys.argv[2])), "records")
