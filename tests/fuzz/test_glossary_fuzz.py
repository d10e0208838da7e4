"""Hypothesis properties for the glossary loaders and importers (issue 10): whatever the bytes,
YAML, CSV and TBX input gives a result or the loader's own one-line error, never a traceback;
what `import` would write always loads back.

``TQKIT_FUZZ_EXAMPLES`` sets the examples per property (default 150; `make fuzz` runs more)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tqkit.errors import CsvError, GlossaryError, ResourceError, TbxError
from tqkit.glossary.csvio import read_csv
from tqkit.glossary.edit import check_text, glossary_to_yaml
from tqkit.glossary.load import load_file
from tqkit.glossary.tbx import read_tbx

EXAMPLES = int(os.environ.get("TQKIT_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

YAML_BITS = [
    "glossary:",
    "  id: g",
    "concepts:",
    "- id: c",
    "  terms:",
    "    en:",
    "    - term: x",
    "      status: preferred",
    "    no: [båt]",
    "2001-13-45",
    "9" * 5000,
    "=",
    "&a [*a]",
    "? [x]",
    "!!python/object:os.system",
    "- ",
    "  ",
    "\t",
    ":",
    "'",
    '"',
    "~",
    "yes",
    "\x00",
    "\ufeff",
    "{",
    "}",
    "[",
    "]",
    "*",
    "%YAML 1.1",
    "---",
    "...",
]


def _one_line(exc: Exception) -> None:
    assert "\n" not in str(exc) and str(exc)


@FUZZ
@given(st.lists(st.sampled_from(YAML_BITS) | st.text(max_size=12), max_size=25), st.sampled_from(["\n", "\r\n", "\r"]))
def test_yaml_glossary_loader_never_crashes(
    tmp_path_factory: pytest.TempPathFactory, parts: list[str], newline: str
) -> None:
    path = tmp_path_factory.mktemp("g") / "g.yaml"
    path.write_bytes(newline.join(parts).encode("utf-8", "surrogatepass"))
    try:
        load_file(path)
    except (GlossaryError, ResourceError) as exc:
        _one_line(exc)
    try:
        load_file(path, with_lines=True)
    except (GlossaryError, ResourceError) as exc:
        _one_line(exc)


CELLS = [
    "en",
    "fr",
    "id",
    "English Term",
    "Persian Term",
    "Description",
    "Key",
    "Value",
    "cat",
    "chat",
    "",
    "a|b",
    '"q,uoted"',
    "no",
    "---",
    "x" * 50,
]


@FUZZ
@given(
    st.lists(st.lists(st.sampled_from(CELLS) | st.text(max_size=8), min_size=1, max_size=4), max_size=6),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.sampled_from([None, ["en", "fr"], ["en"], ["../x", "fr"]]),
)
def test_csv_import_never_crashes_and_its_output_loads(
    rows: list[list[str]], sep: str, nl: str, langs: list[str] | None
) -> None:
    text = nl.join(sep.join(r) for r in rows)
    try:
        info, concepts = read_csv(text, "g.csv", langs)
    except CsvError as exc:
        _one_line(exc)
        return
    out = glossary_to_yaml(info, concepts)
    try:
        check_text("g.yaml", out)
    except GlossaryError as exc:  # refused before writing, in one line: acceptable
        _one_line(exc)


LANGS = ["en", "no", "de", "---", "", "EN_us", "x-klingon", "zh-Hant"]
STATUS = ["preferredTerm-admn-sts", "admitted", "bogus", "deprecatedTerm-admn-sts", ""]


@st.composite
def tbx_documents(draw: st.DrawFn) -> str:
    entries = []
    for i in range(draw(st.integers(0, 4))):
        sets = []
        for _ in range(draw(st.integers(0, 3))):
            lang = draw(st.sampled_from(LANGS))
            terms = "".join(
                f"<tig><term>{draw(st.sampled_from(['boat', 'no', 'yes', 'ship', '', 'a&amp;b']))}</term>"
                f'<termNote type="administrativeStatus">{draw(st.sampled_from(STATUS))}</termNote>'
                f'<termNote type="partOfSpeech">{draw(st.sampled_from(["noun", "thing", ""]))}</termNote>'
                f"<note>tqkit: {draw(st.sampled_from(['status=bogus', 'severity=loud', 'pos=x', 'replace_with=']))}</note>"
                "</tig>"
                for _ in range(draw(st.integers(1, 3)))
            )
            sets.append(f'<langSet xml:lang="{lang}">{terms}</langSet>')
        entries.append(
            f'<termEntry id="{draw(st.sampled_from(["C1", "C2", "", "x y"]))}{i}">' + "".join(sets) + "</termEntry>"
        )
    return '<martif type="TBX"><text><body>' + "".join(entries) + "</body></text></martif>"


@FUZZ
@given(tbx_documents())
def test_tbx_import_never_crashes_and_its_output_loads(doc: str) -> None:
    notes: list[str] = []
    try:
        info, concepts = read_tbx(doc.encode("utf-8"), "t.tbx", notes)
    except TbxError as exc:
        _one_line(exc)
        return
    out = glossary_to_yaml(info, concepts)
    check_text("t.yaml", out)  # every accepted TBX gives a YAML tqkit loads
    for n in notes:
        assert "\n" not in n


def test_import_output_reloads_from_disk(tmp_path: Path) -> None:
    doc = (
        '<martif type="TBX"><text><body><termEntry id="C1"><langSet xml:lang="no"><tig>'
        "<term>no</term></tig></langSet></termEntry></body></text></martif>"
    )
    info, concepts = read_tbx(doc.encode(), "t.tbx")
    out = tmp_path / "t.yaml"
    out.write_text(glossary_to_yaml(info, concepts), encoding="utf-8")
    _, loaded = load_file(out)
    assert loaded[0].terms["no"][0].text == "no"
