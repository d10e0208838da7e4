"""lemminflect's tables from the tqkit cache are lemminflect's own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = """
import json, sys
from tqkit.lemmacache import lemminflect
lm = lemminflect("lemmas", "inflections")
words = ["went", "peacemakers", "held", "children", "better", "xyzzy"]
print(json.dumps([lm.getAllLemmas(w) for w in words] + [lm.getAllInflections(w) for w in ["go", "child", "hold"]]))
"""


def _run(env_cache: str) -> str:
    env = {"PATH": "/usr/bin:/bin", "TQKIT_CACHE_DIR": env_cache, "HOME": env_cache or "/nonexistent"}
    return subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True, env=env).stdout


def test_cached_tables_give_the_same_answers(tmp_path: Path) -> None:
    plain = _run("")  # no cache: lemminflect loads its own files
    first = _run(str(tmp_path))  # builds the entries
    assert sorted(p.name.split("-")[0] for p in (tmp_path / "lemmas").glob("*.table")) == ["inflections", "lemmas"]
    again = _run(str(tmp_path))  # reads them
    assert plain == first == again
    assert '"go"' in plain


def test_damaged_entry_is_rebuilt(tmp_path: Path) -> None:
    want = _run(str(tmp_path))
    for p in (tmp_path / "lemmas").glob("*.table"):
        p.write_bytes(b"\x00garbage")
    assert _run(str(tmp_path)) == want
    assert all(p.stat().st_size > 1000 for p in (tmp_path / "lemmas").glob("*.table"))


def test_lazy_table_holds_lemminflects_table() -> None:
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
    from lemminflect.core.Lemmatizer import Lemmatizer

    from tqkit.lemmacache import LazyTable, encode

    plain = LemmaLUCodec.load(Lemmatizer().lemma_lu_fn)
    table = LazyTable(encode(plain))
    assert len(table) == len(plain) and set(table) == set(plain)
    assert all(table.get(k) == v for k, v in plain.items())
    assert table.get("not-a-word-xyzzy", {}) == {}


_ISOLATED_IMPORT = """
import json, os, sys
from tqkit.lemmacache import lemminflect
lm = lemminflect("lemmas")
print(json.dumps([os.environ.get("OPENBLAS_NUM_THREADS"), lm.getAllLemmas("soldiers")]))
"""


@pytest.mark.parametrize("caller", [None, "3"])
def test_importing_lemminflect_leaves_the_environment_as_it_was(caller: str | None) -> None:
    # OpenBLAS is held to one thread only while numpy loads (a fresh process: numpy unloaded)
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if caller is not None:
        env["OPENBLAS_NUM_THREADS"] = caller
    out = subprocess.run([sys.executable, "-c", _ISOLATED_IMPORT], capture_output=True, text=True, env=env, check=True)
    seen, lemmas = json.loads(out.stdout)
    assert seen == caller
    assert lemmas == {"NOUN": ["soldier"], "VERB": ["soldier"]}
