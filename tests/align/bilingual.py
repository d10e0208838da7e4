"""Build documents and gold sentence alignments from the constructed bilingual fixtures."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "bilingual"


@dataclass
class Pair:
    name: str
    source_lang: str
    source: str
    target: str
    # gold beads: (source sentence ids, target sentence ids), ids like "p3.s2"
    gold: list[tuple[tuple[str, ...], tuple[str, ...]]]
    n_source: int
    n_target: int


def load(name: str) -> Pair:
    data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    src_paras: list[str] = []
    tgt_paras: list[str] = []
    gold: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for group in data["groups"]:
        src_ids: list[str] = []
        for para in group["src"]:
            src_paras.append(" ".join(para))
            src_ids.extend(f"p{len(src_paras)}.s{k + 1}" for k in range(len(para)))
        tgt_ids: list[str] = []
        for para in group["tgt"]:
            tgt_paras.append(" ".join(para))
            tgt_ids.extend(f"p{len(tgt_paras)}.s{k + 1}" for k in range(len(para)))
        links = group.get("links")
        if links is None:
            assert len(src_ids) == len(tgt_ids), group
            links = [[[k], [k]] for k in range(len(src_ids))]
        for s, t in links:
            gold.append((tuple(src_ids[k] for k in s), tuple(tgt_ids[k] for k in t)))
    n_src = sum(len(p) for g in data["groups"] for p in g["src"])
    n_tgt = sum(len(p) for g in data["groups"] for p in g["tgt"])
    return Pair(
        name, data["source_lang"], "\n\n".join(src_paras) + "\n", "\n\n".join(tgt_paras) + "\n", gold, n_src, n_tgt
    )


def links_by_sentence(beads: list[tuple[tuple[str, ...], tuple[str, ...]]]) -> dict[str, frozenset[str]]:
    """Sentence id (prefixed s: or t:) -> the ids it is aligned with."""
    out: dict[str, frozenset[str]] = {}
    for src, tgt in beads:
        for s in src:
            out["s:" + s] = frozenset(tgt)
        for t in tgt:
            out["t:" + t] = frozenset(src)
    return out


def accuracy(
    pred: list[tuple[tuple[str, ...], tuple[str, ...]]], gold: list[tuple[tuple[str, ...], tuple[str, ...]]]
) -> tuple[float, list[str]]:
    g = links_by_sentence(gold)
    p = links_by_sentence(pred)
    wrong = sorted(k for k in g if p.get(k) != g[k])
    return 1 - len(wrong) / len(g), wrong
