"""Benchmark ``tqkit score`` against sacrebleu, and the cost of language detection (TQ103).

    .venv/bin/python bench/bench_score.py [--segments 10000] [--words 100000] [--repeat 1]

1. chrF + BLEU on generated, deterministic segment pairs: sacrebleu's Python API vs tqkit's
   library path (read, align, score), and sacrebleu's command line vs ``tqkit score`` (whole
   processes, start-up included). Target: tqkit <= 1.5x sacrebleu.
2. langdetect: the raw cost per 1,000 words, and rule TQ103 on a generated English corpus of
   about 100,000 words (where the cheap gates should keep langdetect from running at all), and
   on the same corpus with one paragraph in twenty replaced by Bulgarian.

Everything is generated from fixed seeds; nothing is downloaded. Runs in well under a minute.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent

# A Bulgarian vocabulary for the foreign paragraphs (common words, written for this benchmark).
BG_TEXT = (
    "правителството одобри бюджета за следващата година министър каза че дефицитът ще остане "
    "под три процента от брутния вътрешен продукт парламентът гласува днес според експерти "
    "икономиката расте бавно заради високите цени на енергията и инфлацията в страната"
)
BG_WORDS = BG_TEXT.split()


def best_of(repeat: int, fn: Callable[[], T]) -> tuple[float, T]:
    best = float("inf")
    result: T | None = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    assert result is not None
    return best, result


def english_vocabulary(n: int = 3000) -> list[str]:
    from wordfreq import top_n_list

    return [w for w in top_n_list("en", n) if w.isalpha()]


def make_pairs(n: int, vocab: list[str], seed: int = 2024) -> tuple[list[str], list[str]]:
    """``n`` reference sentences and system outputs derived from them by edits."""
    rng = random.Random(seed)
    refs: list[str] = []
    hyps: list[str] = []
    for _ in range(n):
        words = [rng.choice(vocab) for _ in range(rng.randint(8, 32))]
        words[0] = words[0].capitalize()
        ref = " ".join(words) + "."
        out = list(words)
        for _ in range(rng.randint(0, 5)):
            i = rng.randrange(len(out))
            op = rng.random()
            if op < 0.4:
                out[i] = rng.choice(vocab)
            elif op < 0.7 and len(out) > 2:
                del out[i]
            else:
                j = rng.randrange(len(out))
                out[i], out[j] = out[j], out[i]
        refs.append(ref)
        hyps.append(" ".join(out) + ".")
    return refs, hyps


def make_paragraphs(total_words: int, vocab: list[str], seed: int = 7, foreign_every: int = 0) -> str:
    rng = random.Random(seed)
    paras: list[str] = []
    count = 0
    while count < total_words:
        n = rng.randint(30, 90)
        pool = BG_WORDS if foreign_every and len(paras) % foreign_every == foreign_every - 1 else vocab
        words = [rng.choice(pool) for _ in range(n)]
        sentences = [words[i : i + 15] for i in range(0, n, 15)]
        paras.append(" ".join(" ".join(s).capitalize() + "." for s in sentences))
        count += n
    return "\n\n".join(paras) + "\n"


def bench_scores(segments: int, repeat: int, vocab: list[str]) -> list[tuple[str, float, str]]:
    from sacrebleu.metrics import BLEU, CHRF

    from tqkit.metrics import align, score_corpus

    refs, hyps = make_pairs(segments, vocab)
    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        ref_path, hyp_path = Path(tmp) / "ref.txt", Path(tmp) / "hyp.txt"
        ref_path.write_text("\n".join(refs) + "\n", encoding="utf-8")
        hyp_path.write_text("\n".join(hyps) + "\n", encoding="utf-8")

        def sacre_api() -> list[float]:
            h = [ln.rstrip() for ln in hyp_path.open(encoding="utf-8", newline="\n")]
            r = [ln.rstrip() for ln in ref_path.open(encoding="utf-8", newline="\n")]
            return [BLEU().corpus_score(h, [r]).score, CHRF().corpus_score(h, [r]).score]

        def tqkit_lib() -> list[float]:
            al = align(hyp_path, [ref_path])
            return [s.value for s in score_corpus(al.hypotheses, al.reference_streams, ["bleu", "chrf"])]

        t_sacre, s_sacre = best_of(repeat, sacre_api)
        t_lib, s_lib = best_of(repeat, tqkit_lib)
        if s_sacre != s_lib:
            raise SystemExit(f"score mismatch: sacrebleu {s_sacre} vs tqkit {s_lib}")

        sacre_cmd = [
            str(VENV_BIN / "sacrebleu"),
            str(ref_path),
            "-i",
            str(hyp_path),
            "-m",
            "bleu",
            "chrf",
            "-b",
            "-f",
            "text",
            "-q",
        ]
        tqkit_cmd = [sys.executable, "-m", "tqkit", "score", str(hyp_path), "--ref", str(ref_path), "-m", "bleu,chrf"]

        def run(cmd: list[str]) -> Callable[[], str]:
            return lambda: subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT).stdout

        t_sacre_cli, _ = best_of(repeat, run(sacre_cmd))
        t_tqkit_cli, _ = best_of(repeat, run(tqkit_cmd))

    scores = f"BLEU {s_lib[0]:.2f}, chrF {s_lib[1]:.2f}"
    rows.append((f"sacrebleu API, {segments:,} pairs", t_sacre, scores))
    rows.append(("tqkit library (read+align+score)", t_lib, f"{t_lib / t_sacre:.2f}x sacrebleu"))
    rows.append(("sacrebleu CLI (whole process)", t_sacre_cli, ""))
    rows.append(("tqkit score CLI (whole process)", t_tqkit_cli, f"{t_tqkit_cli / t_sacre_cli:.2f}x sacrebleu CLI"))
    return rows


class CountingDetect:
    """Wraps ``tqkit.langs.detect`` to count how often TQ103 really calls langdetect."""

    def __init__(self, real: Callable[[str], list[tuple[str, float]]]):
        self.real = real
        self.calls = 0

    def __call__(self, text: str) -> list[tuple[str, float]]:
        self.calls += 1
        return self.real(text)


def bench_langdetect(total_words: int, repeat: int, vocab: list[str]) -> list[tuple[str, float, str]]:
    import tqkit.checks.language as language_module
    from tqkit import langs
    from tqkit.checks.language import WrongLanguagePassage
    from tqkit.document import Document
    from tqkit.registry import CheckContext
    from tqkit.resources import Resources

    rows: list[tuple[str, float, str]] = []
    t0 = time.perf_counter()
    langs.detect("The government approved the budget on Wednesday.")
    rows.append(("langdetect profile load (once per process)", time.perf_counter() - t0, ""))

    sample = make_paragraphs(6000, vocab, seed=11).split("\n\n")
    sample_words = sum(len(p.split()) for p in sample)
    t_raw, _ = best_of(repeat, lambda: [langs.detect(p) for p in sample])
    rows.append(
        (
            f"raw langdetect, {sample_words:,} words",
            t_raw,
            f"{t_raw / sample_words * 1000 * 1000:.1f} ms per 1,000 words",
        )
    )

    ctx = CheckContext(resources=Resources())
    t0 = time.perf_counter()
    ctx.resources.is_known_word("the")
    rows.append(("English word list load (shared resource)", time.perf_counter() - t0, ""))
    rule = WrongLanguagePassage()
    counting = CountingDetect(langs.detect)
    for label, foreign_every in (("English corpus", 0), ("same, 1 paragraph in 20 Bulgarian", 20)):
        text = make_paragraphs(total_words, vocab, seed=7, foreign_every=foreign_every)
        doc = Document("bench.md", text)
        n_words = doc.word_count  # tokenise outside the timing: shared by every rule
        counting.calls = 0
        setattr(language_module, "detect", counting)  # noqa: B010

        def run_rule(doc: Document = doc) -> int:
            return len(list(rule.check(doc, ctx)))

        try:
            t_rule, found = best_of(repeat, run_rule)
        finally:
            setattr(language_module, "detect", counting.real)  # noqa: B010
        paras = len(doc.segments)
        rows.append(
            (
                f"TQ103, {label} ({n_words:,} words)",
                t_rule,
                f"{t_rule / n_words * 1000 * 1000:.2f} ms/1,000 words; langdetect on "
                f"{counting.calls // repeat}/{paras} paragraphs; {found} findings",
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs (default 1)")
    args = parser.parse_args()

    vocab = english_vocabulary()
    rows = bench_scores(args.segments, args.repeat, vocab)
    rows += bench_langdetect(args.words, args.repeat, vocab)
    width = max(len(r[0]) for r in rows)
    print(f"{'benchmark':<{width}}  {'seconds':>8}  notes")
    print(f"{'-' * width}  {'-' * 8}  {'-' * 40}")
    for name, seconds, note in rows:
        print(f"{name:<{width}}  {seconds:>8.3f}  {note}")
    lib_ratio = rows[1][1] / rows[0][1]
    cli_ratio = rows[3][1] / rows[2][1]
    verdict = "OK" if max(lib_ratio, cli_ratio) <= 1.5 else "SLOWER THAN TARGET"
    print(f"\ntarget tqkit <= 1.5x sacrebleu: library {lib_ratio:.2f}x, CLI {cli_ratio:.2f}x -> {verdict}")


if __name__ == "__main__":
    main()
