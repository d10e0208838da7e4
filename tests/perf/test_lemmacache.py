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
# getLemma is none of the cached lookups: lemminflect itself is imported for it
print(json.dumps([os.environ.get("OPENBLAS_NUM_THREADS"), lm.getLemma("soldiers", "NOUN"), "numpy" in sys.modules]))
"""


@pytest.mark.parametrize("caller", [None, "3"])
def test_importing_lemminflect_leaves_the_environment_as_it_was(caller: str | None) -> None:
    # OpenBLAS is held to one thread only while numpy loads (a fresh process: numpy unloaded)
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if caller is not None:
        env["OPENBLAS_NUM_THREADS"] = caller
    out = subprocess.run([sys.executable, "-c", _ISOLATED_IMPORT], capture_output=True, text=True, env=env, check=True)
    seen, lemma, numpy_loaded = json.loads(out.stdout)
    assert seen == caller
    assert lemma == ["soldier"] and numpy_loaded


def test_lookups_answer_as_lemminflect_does_for_every_word() -> None:
    # every word of both tables (and every override), in three capitalisations, for every
    # part of speech lemminflect accepts and one it refuses: the cached lookup's answer is
    # lemminflect's own getAllLemmas / getAllInflections answer
    import lemminflect

    from tqkit.lemmacache import _read_lemminflect, all_inflections, all_lemmas

    upos_values = [None, "NOUN", "PROPN", "VERB", "ADJ", "ADV", "AUX", "X"]
    for name, ours, theirs in [
        ("lemmas", all_lemmas, lemminflect.getAllLemmas),
        ("inflections", all_inflections, lemminflect.getAllInflections),
    ]:
        words = sorted(_read_lemminflect(name))
        assert len(words) > 10_000
        for i, word in enumerate(words):
            forms = [word] if i % 7 else [word, word.upper(), word.capitalize()]
            for w in forms:
                for upos in upos_values if i % 5 == 0 else [None]:
                    assert ours(w, upos) == theirs(w, upos), (name, w, upos)
        assert ours("not-a-word-xyzzy") == theirs("not-a-word-xyzzy") == {}


_NO_IMPORT = """
import json, sys
from tqkit.lemmacache import lemminflect
lm = lemminflect("lemmas", "inflections")
out = [lm.getAllLemmas("soldiers"), lm.getAllInflections("Hold", "VERB"), lm.getAllLemmas("BIGGEST", "ADJ")]
print(json.dumps([out, "lemminflect" in sys.modules, "numpy" in sys.modules]))
"""


def _lookup(cache: Path | str) -> tuple[object, bool, bool]:
    env = {"PATH": "/usr/bin:/bin", "TQKIT_CACHE_DIR": str(cache), "HOME": "/nonexistent"}
    out = subprocess.run([sys.executable, "-c", _NO_IMPORT], capture_output=True, text=True, check=True, env=env)
    answers, lemminflect_loaded, numpy_loaded = json.loads(out.stdout)
    return answers, lemminflect_loaded, numpy_loaded


def test_a_warm_cache_imports_neither_lemminflect_nor_numpy(tmp_path: Path) -> None:
    first = _lookup(tmp_path)  # builds the entries (with lemminflect)
    again = _lookup(tmp_path)
    assert first[1] is True and again[1:] == (False, False)
    assert first[0] == again[0] == _lookup("")[0]
    assert again[0][0] == {"NOUN": ["soldier"], "VERB": ["soldier"]}
    assert again[0][2] == {"ADJ": ["BIG"]}


def test_stale_entries_are_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the key holds lemminflect's files' paths, sizes and times: another lemminflect (here, a
    # copy of its resources with one file rewritten), another entry
    import shutil

    from tqkit import lemmacache

    real = lemmacache._resources()
    assert real is not None
    copy = tmp_path / "resources"
    shutil.copytree(real, copy)
    monkeypatch.setattr(lemmacache, "_resources", lambda: copy)
    first = lemmacache._entry(tmp_path / "lemmas", "lemmas")
    assert first is not None and first == lemmacache._entry(tmp_path / "lemmas", "lemmas")
    overrides = copy / "lemma_overrides.csv"
    overrides.write_text(overrides.read_text(encoding="utf-8") + "xyzzies,NOUN,xyzzy\n", encoding="utf-8")
    assert lemmacache._entry(tmp_path / "lemmas", "lemmas") not in (None, first)
    assert lemmacache._entry(tmp_path / "lemmas", "inflections") is not None


def test_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory\n", encoding="utf-8")
    answers, lemminflect_loaded, _ = _lookup(blocked)
    assert answers == _lookup("")[0] and lemminflect_loaded
    assert blocked.read_text(encoding="utf-8") == "not a directory\n"


def test_entry_is_mapped_and_a_truncated_one_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mmap

    from tqkit import lemmacache

    monkeypatch.setenv("TQKIT_CACHE_DIR", str(tmp_path))
    lemmacache.table.cache_clear()
    try:
        built = lemmacache.table("lemmas")  # built (and written)
        lemmacache.table.cache_clear()
        mapped = lemmacache.table("lemmas")
        assert isinstance(mapped, lemmacache.LazyTable) and isinstance(mapped._raw, mmap.mmap)
        assert mapped.get("went") == built.get("went") == {"VERB": ("go",)}
        (entry,) = (tmp_path / "lemmas").glob("lemmas-*.table")
        size = entry.stat().st_size
        entry.write_bytes(entry.read_bytes()[:-1])
        lemmacache.table.cache_clear()
        assert lemmacache.table("lemmas").get("went") == {"VERB": ("go",)}
        assert entry.stat().st_size == size  # (rewritten whole)
    finally:
        lemmacache.table.cache_clear()
