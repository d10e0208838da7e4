"""The gazetteer's form table in its cache entry (tqkit.names.formtable) is the dict it encodes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tqkit.names.formtable import FormTable, encode

forms_st = st.dictionaries(st.text(min_size=1, max_size=12), st.integers(min_value=0, max_value=2**31), max_size=60)


@given(forms_st, st.lists(st.text(max_size=12), max_size=20))
def test_table_answers_as_the_dict(forms: dict[str, int], probes: list[str]) -> None:
    table = FormTable(*encode(forms))
    assert table == forms and len(table) == len(forms) and sorted(table) == sorted(forms)
    for word in [*probes, *forms]:
        assert table.get(word) == forms.get(word)
        assert (word in table) == (word in forms)
        assert table.get(word, -7) == forms.get(word, -7)  # (twice: the remembered answer)
    assert table.get(3) is None and 3 not in table  # type: ignore[call-overload]


def test_parts_that_do_not_fit_are_refused() -> None:
    block, starts, codes = encode({"Kyiv": 4, "Kharkiv": 8})
    with pytest.raises(ValueError):
        FormTable(block[:-1], starts, codes)
    with pytest.raises(ValueError):
        FormTable(block, starts, codes + codes)


def test_bundled_gazetteer_from_the_cache_has_every_form(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tqkit.names import gazetteer as gz

    monkeypatch.setenv("TQKIT_CACHE_DIR", str(tmp_path))
    fresh = gz.load()
    cached = gz._undump(gz._dump(fresh))
    assert isinstance(cached.forms, FormTable)
    assert dict(cached.forms.items()) == fresh.forms
    assert cached.multi_first == frozenset(k.split(" ", 1)[0] for k in fresh.forms if " " in k)
