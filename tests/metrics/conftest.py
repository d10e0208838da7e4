"""Fixtures for the ``tqkit score`` tests.

The corpora are constructed here, deterministically: a few dozen English news sentences written
for these tests, and "system outputs" made from them by seeded word drops, swaps and
substitutions (so the scores are neither 0 nor 100).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

SENTENCES = [
    "The government approved the draft budget for next year on Wednesday.",
    "Parliament will vote on the proposal before the end of the month.",
    "The finance minister said the deficit would stay below three percent.",
    "Opposition parties called the plan unrealistic and demanded new elections.",
    "Thousands of people gathered in the capital to protest against corruption.",
    "The central bank kept its key interest rate unchanged.",
    "Inflation slowed to 4.2 percent in October, the statistics office said.",
    "The two leaders met in Brussels to discuss the peace talks.",
    "A new border crossing will open in the spring, officials said.",
    "The court rejected the appeal and upheld the original sentence.",
    "Heavy snow closed several mountain roads in the south of the country.",
    "The president signed the law after weeks of debate.",
    "Exports of wine and fruit rose sharply in the first half of the year.",
    "The mayor promised to renovate the old railway station.",
    "Police arrested three men suspected of smuggling cigarettes.",
    "The festival attracted more than fifty thousand visitors.",
    "Doctors warned that the hospital lacks nurses and equipment.",
    "The energy ministry signed a gas supply contract for ten years.",
    "Teachers went on strike over low salaries and long hours.",
    "The national team won the match two goals to one.",
    "Farmers blocked the highway with tractors for several hours.",
    "The prime minister will visit Ankara and Baku next week.",
    "Election observers reported no serious violations at polling stations.",
    "The earthquake damaged dozens of houses but nobody was hurt.",
    "The company plans to hire two hundred workers at its new factory.",
    "Ministers agreed to raise pensions from the first of July.",
    "The airport handled a record number of passengers in August.",
    "Rescue teams searched the river for the missing fisherman.",
    "The museum returned the ancient coins to the regional authorities.",
    "A survey showed that most young people want to work abroad.",
    "The foreign ministry summoned the ambassador to explain the remarks.",
    "Construction of the motorway is expected to finish in three years.",
]
SUBSTITUTES = ["a", "new", "said", "also", "official", "state", "big", "country", "local"]


def perturb(sentence: str, rng: random.Random, strength: int) -> str:
    words = sentence.split()
    for _ in range(strength):
        op = rng.randrange(3)
        i = rng.randrange(len(words))
        if op == 0 and len(words) > 3:
            del words[i]
        elif op == 1 and len(words) > 1:
            j = rng.randrange(len(words))
            words[i], words[j] = words[j], words[i]
        else:
            words[i] = rng.choice(SUBSTITUTES)
    return " ".join(words)


def make_corpus(seed: int, strength: int) -> list[str]:
    rng = random.Random(seed)
    return [perturb(s, rng, strength) for s in SENTENCES]


@pytest.fixture
def corpus(tmp_path: Path) -> dict[str, Path]:
    """ref.txt, ref2.txt (a paraphrase-ish second reference), hyp.txt and a worse hyp2.txt."""
    files = {
        "ref": SENTENCES,
        "ref2": make_corpus(101, 1),
        "hyp": make_corpus(1, 2),
        "hyp2": make_corpus(2, 4),
    }
    out: dict[str, Path] = {}
    for name, lines in files.items():
        path = tmp_path / f"{name}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out[name] = path
    return out
