"""Helpers of the audit tests: a small deterministic archive built from corpora/ text
(the seed article's paragraphs and MT output of the MQM TED data), as text files and as the
same articles in JSON Lines and Parquet."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("distributed")
pytest.importorskip("matplotlib")

ROOT = Path(__file__).resolve().parent.parent.parent
CORPORA = ROOT / "corpora"


def paragraphs(limit: int = 240) -> list[tuple[str, str]]:
    """(English text, source text) pairs: seed-article paragraphs (no source) and groups of
    MQM TED segments (MT output with its Chinese source)."""
    seed = (CORPORA / "silent-front.en.txt").read_text(encoding="utf-8")
    out = [(p.strip(), "") for p in seed.split("\n\n") if len(p.split()) > 8]
    with (CORPORA / "mqm-ted-zhen" / "mqm_ted_zhen.jsonl").open(encoding="utf-8") as fh:
        rows = [json.loads(next(fh)) for _ in range(limit)]
    for i in range(0, len(rows), 4):
        group = rows[i : i + 4]
        out.append((" ".join(r["target"].strip() for r in group), "".join(r["source"].strip() for r in group)))
    return out


def make_articles(n: int, seed: int = 15, per: int = 3) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    paras = paragraphs()
    langs = ["hy", "az", "ru", "zh"]
    desks = ["world", "politics", "culture"]
    arts = []
    for i in range(n):
        chosen = [rng.choice(paras)[0] for _ in range(per)]
        arts.append(
            {
                "id": f"art-{i:03d}",
                "text": f"Article {i}\n\n" + "\n\n".join(chosen) + "\n",
                "source_lang": langs[i % len(langs)],
                "date": f"2024-{i % 6 + 1:02d}-{i % 27 + 1:02d}",
                "desk": desks[i % len(desks)],
            }
        )
    return arts


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def write_parquet(path: Path, rows: list[dict[str, Any]], row_group: int = 8) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group)
    return path


def write_texts(directory: Path, rows: list[dict[str, Any]]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for r in rows:
        (directory / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8")
    return directory


def read_table(out: Path, name: str) -> list[dict[str, Any]]:
    """Every row of one output table, from the partitions the manifest lists, in order."""
    import pyarrow.parquet as pq

    from tqkit.audit.run import read_manifest

    rows: list[dict[str, Any]] = []
    for index in sorted(read_manifest(out)):
        rows.extend(pq.read_table(out / name / f"part-{index:05d}.parquet").to_pylist())
    return rows
