"""Build a tiny but real Argos Translate package (``.argosmodel``) offline, for tests.

The package has the layout ``argostranslate.package.install_from_path`` unpacks: one top-level
folder holding ``metadata.json``, ``sentencepiece.model`` and ``model/`` (a CTranslate2
Transformer). The tokenizer is a real SentencePiece model trained here on generated lines; the
Transformer has one layer and random weights (built with ``ctranslate2.specs``, no torch), so it
translates into garbage, quickly. That is enough to exercise every piece of tqkit's plumbing.
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from pathlib import Path

import ctranslate2
import numpy as np
import sentencepiece as spm
from ctranslate2.specs import model_spec

EN_TEXT = (
    "the government said on monday that talks with the opposition would resume next week "
    "minister parliament budget election president agreement border ceasefire troops "
    "city region police court report vote party leader meeting foreign economy prices"
)
XX_TEXT = (
    "правителството каза в понеделник че преговорите с опозицията ще продължат "
    "министър парламент бюджет избори президент споразумение граница примирие войски "
    "град област полиция съд доклад гласуване партия лидер среща външен икономика цени"
)


EOS_BIAS = 4.0


def training_lines(n: int = 400, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    lines = []
    for i in range(n):
        words = (EN_TEXT if i % 2 == 0 else XX_TEXT).split()
        sent = " ".join(rng.choice(words) for _ in range(rng.randint(4, 12)))
        lines.append(sent.capitalize() + rng.choice([".", ".", "?", ","]))
    return lines


def train_sentencepiece(vocab_size: int = 200) -> bytes:
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(training_lines()),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        num_threads=1,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    return model.getvalue()


def _fill(spec: model_spec.LayerSpec, d_model: int, ffn: int, vocab: int, rng: np.random.Generator) -> None:
    """Give every required weight of a Transformer spec a random value of the right shape."""

    def shape_of(name: str) -> tuple[int, ...] | None:
        parts = name.split("/")
        leaf = parts[-1]
        if leaf in ("gamma", "beta"):
            return (d_model,)
        if any(p.startswith("embeddings") for p in parts) and leaf == "weight":
            return (vocab, d_model)
        if "projection" in parts:
            return (vocab, d_model) if leaf == "weight" else (vocab,)
        if "ffn" in parts:
            if "linear_0" in parts:
                return (ffn, d_model) if leaf == "weight" else (ffn,)
            return (d_model, ffn) if leaf == "weight" else (d_model,)
        if "linear_0" in parts or "linear_1" in parts or "linear_2" in parts:
            idx = int(next(p for p in parts if p.startswith("linear_"))[-1])
            self_attention = "self_attention" in parts
            rows = d_model
            if self_attention and idx == 0:
                rows = 3 * d_model  # fused query, key, value
            elif not self_attention and idx == 1:
                rows = 2 * d_model  # fused key, value of the encoder-decoder attention
            return (rows, d_model) if leaf == "weight" else (rows,)
        return None

    def visit(layer: model_spec.LayerSpec, name: str, value: object) -> None:
        if value is not None:
            return
        shape = shape_of(name)
        if shape is None:
            raise ValueError(f"no shape known for {name}")
        leaf = name.split("/")[-1]
        if leaf == "gamma":
            array = np.ones(shape, dtype=np.float32)
        elif leaf == "beta":
            array = np.zeros(shape, dtype=np.float32)
        else:
            array = rng.normal(0.0, 0.3, size=shape).astype(np.float32)
        setattr(layer, leaf, array)

    model_spec.visit_spec(spec, visit)


def build_model_dir(out: Path, sp_model: bytes, seed: int, d_model: int = 32, ffn: int = 64) -> None:
    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    spec = ctranslate2.specs.TransformerSpec.from_config(num_layers=1, num_heads=2)
    _fill(spec, d_model, ffn, len(pieces), np.random.default_rng(seed))
    # Favour the end-of-sentence token a little, so outputs stop after a few dozen pieces
    # instead of running to CTranslate2's 256-step limit (keeps the tests fast).
    bias = np.zeros(len(pieces), dtype=np.float32)
    bias[processor.eos_id()] = EOS_BIAS
    spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(pieces)
    spec.register_target_vocabulary(pieces)
    spec.validate()
    spec.optimize(quantization=None)
    out.mkdir(parents=True)
    spec.save(str(out))


def build_argosmodel(
    dest: Path,
    from_code: str,
    to_code: str,
    sp_model: bytes,
    *,
    seed: int = 0,
    version: str = "0.1",
    top: str | None = None,
) -> Path:
    """Write ``dest`` (a ``.argosmodel`` zip) translating ``from_code`` to ``to_code``."""
    work = dest.parent / f".build-{from_code}_{to_code}-{seed}"
    model_dir = work / "model"
    build_model_dir(model_dir, sp_model, seed)
    top = top or f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    metadata = {
        "package_version": version,
        "argos_version": "1.9",
        "from_code": from_code,
        "from_name": {"en": "English"}.get(from_code, from_code.upper()),
        "to_code": to_code,
        "to_name": {"en": "English"}.get(to_code, to_code.upper()),
        "type": "translate",
    }
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{top}/metadata.json", json.dumps(metadata, indent=2))
        zf.writestr(f"{top}/sentencepiece.model", sp_model)
        zf.writestr(f"{top}/README.md", f"Test package {from_code} -> {to_code} (random weights).\n")
        for path in sorted(model_dir.iterdir()):
            zf.write(path, f"{top}/model/{path.name}")
    return dest
