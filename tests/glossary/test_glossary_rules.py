from __future__ import annotations

import pytest
from conftest import FIXTURES

from tqkit.api import check_text
from tqkit.findings import Severity, apply_edits
from tqkit.registry import all_rules, get_rule

MINI = [str(FIXTURES / "mini.yaml")]


def only(findings, code):
    return [f for f in findings if f.rule == code]


def test_rules_are_registered_with_docs_and_examples() -> None:
    codes = {r.code for r in all_rules() if r.code.startswith("TQ4")}
    assert codes == {"TQ401", "TQ402", "TQ403", "TQ404", "TQ405"}
    for code in codes:
        rule = get_rule(code)
        doc = rule.doc()
        for section in ("**What it does.**", "**Why it matters.**", "**Example.**", "**Fix safety.**"):
            assert section in doc, (code, section)
        assert rule.category.value.startswith("terminology/")
        assert (rule.fires and rule.quiet) or (rule.fires_with_source and rule.quiet_with_source)


@pytest.mark.parametrize("rule", [r for r in all_rules() if r.code.startswith("TQ4")], ids=lambda r: r.code)
def test_rule_examples(rule) -> None:
    for ex in rule.fires:
        assert only(check_text(ex, select=[rule.code]), rule.code), ex
    for ex in rule.quiet:
        assert not only(check_text(ex, select=[rule.code]), rule.code), ex
    for src, ex in rule.fires_with_source:
        assert only(check_text(ex, source=src, select=[rule.code]), rule.code), ex
    for src, ex in rule.quiet_with_source:
        assert not only(check_text(ex, source=src, select=[rule.code]), rule.code), ex


# -- the seed article ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_findings(seed_text):
    return check_text(seed_text, select=["TQ4"])


def test_seed_bishkek_protocol(seed_text, seed_findings) -> None:
    [f] = [f for f in only(seed_findings, "TQ401") if seed_text[f.start : f.end] == "Bishkek Armistice Protocol"]
    assert f.severity is Severity.WARNING
    assert f.fixes[0].edits[0].replacement == "Bishkek Protocol"
    assert not f.fixes[0].safe  # a proper name: a human looks first


def test_seed_seven_districts(seed_text, seed_findings) -> None:
    [f] = [f for f in only(seed_findings, "TQ401") if "seven" in seed_text[f.start : f.end]]
    assert seed_text[f.start : f.end] == "seven areas adjacent to it"
    assert f.fixes[0].edits[0].replacement == "seven adjacent districts"
    assert f.fixes[0].safe
    fixed = apply_edits(seed_text, f.fixes[0].edits)
    assert "lost control of Nagorno-Karabakh and the seven adjacent districts." in fixed


def test_seed_nkao_is_an_info_note(seed_text, seed_findings) -> None:
    [f] = [f for f in only(seed_findings, "TQ401") if "Autonomous" in seed_text[f.start : f.end]]
    assert seed_text[f.start : f.end] == "Nagorno-Karabakh Autonomous Region"
    assert f.severity is Severity.INFO
    assert "Nagorno-Karabakh Autonomous Oblast (NKAO)" in f.message


def test_seed_is_otherwise_quiet(seed_text, seed_findings) -> None:
    assert len(seed_findings) == 3, [(f.rule, seed_text[f.start : f.end]) for f in seed_findings]


CLEAN = """Fighting in Nagorno-Karabakh resumed on Sunday, officials in Stepanakert said.

The ceasefire brokered by Russia collapsed within hours. Russian peacekeepers patrolled the
Lachin corridor, and the OSCE Minsk Group co-chairs called for restraint. Baku and Yerevan
traded accusations; civilians fled towards Armenia. Martial law remained in force, and the
Minsk Group met in Vienna. The Bishkek Protocol of 1994 was cited by both sides.
"""


def test_clean_professional_english_is_silent() -> None:
    assert check_text(CLEAN, select=["TQ4"]) == []


# -- fix safety ------------------------------------------------------------------------------


def test_common_term_fix_is_safe_outside_quotes() -> None:
    [f] = only(check_text("The peacemakers arrived.", select=["TQ401"], glossaries=MINI), "TQ401")
    assert f.fixes[0].safe
    assert f.fixes[0].edits[0].replacement == "peacekeepers"


def test_fix_inside_quotes_is_unsafe() -> None:
    [f] = only(check_text("He said “the peacemakers arrived” on Monday.", select=["TQ401"], glossaries=MINI), "TQ401")
    assert not f.fixes[0].safe


def test_fix_inside_larger_proper_name_is_unsafe() -> None:
    [f] = only(check_text("He joined the United Peacemakers League.", select=["TQ401"], glossaries=MINI), "TQ401")
    assert not f.fixes[0].safe


def test_sentence_initial_replacement_keeps_capital() -> None:
    [f] = only(check_text("Peacemakers arrived.", select=["TQ401"], glossaries=MINI), "TQ401")
    assert f.fixes[0].edits[0].replacement == "Peacekeepers"
    assert not f.fixes[0].safe  # capitalised surface


# -- TQ402 / TQ403 / TQ404 -------------------------------------------------------------------


def test_inconsistent_variants_suggest_first_then_preferred() -> None:
    text = "Nagorny Karabakh is mountainous.\n\nLater, Nagorno-Karabakh was quiet."
    [f] = only(check_text(text, select=["TQ402"], glossaries=MINI), "TQ402")
    assert text[f.start : f.end] == "Nagorno-Karabakh"
    assert [x.edits[0].replacement for x in f.fixes] == ["Nagorny Karabakh"]
    text = "Nagorny Karabakh and Nagorno Karabakh."  # same sentence: apposition, quiet
    assert not only(check_text(text, select=["TQ402"]), "TQ402")


def test_attribution_cues() -> None:
    assert only(check_text("Artsakh held elections.", select=["TQ403"], glossaries=MINI), "TQ403")
    for ok in (
        "Nagorno-Karabakh, which Armenians call Artsakh, held elections.",
        "The region, known as Artsakh to Armenians, held elections.",
        "The so-called Artsakh held elections.",
        "The self-proclaimed Artsakh held elections.",
        "Its Armenian name is Artsakh.",
        "Posters read “Artsakh” everywhere.",
    ):
        assert not only(check_text(ok, select=["TQ403"], glossaries=MINI), "TQ403"), ok


def test_capitalisation_fix_is_safe() -> None:
    text = "The minsk group met."
    [f] = only(check_text(text, select=["TQ404"], glossaries=MINI), "TQ404")
    assert f.fixes[0].safe
    assert apply_edits(text, f.fixes[0].edits) == "The Minsk Group met."
    assert not only(check_text("The MINSK GROUP met.", select=["TQ404"], glossaries=MINI), "TQ404")


# -- TQ405 -----------------------------------------------------------------------------------


def test_source_term_missing_across_inflections() -> None:
    src = "Бои в Нагорном Карабахе продолжаются.\n\nБишкекского протокола никто не помнит."
    tgt = "Fighting in the region continues.\n\nNobody remembers the Bishkek Protocol."
    fs = only(check_text(tgt, source=src, select=["TQ405"], glossaries=MINI), "TQ405")
    assert [f.data["concept"] for f in fs] == ["t-region"]
    assert "Nagorno-Karabakh" in fs[0].message
    assert tgt[fs[0].start : fs[0].end] == "Fighting in the region continues."


def test_source_term_present_as_deprecated_is_left_to_tq401() -> None:
    src = "Бои в Нагорном Карабахе."
    assert not only(
        check_text("Fighting in Mountainous Karabakh.", source=src, select=["TQ405"], glossaries=MINI), "TQ405"
    )


def test_paragraph_count_mismatch_is_a_clear_error() -> None:
    from tqkit.errors import InputError

    src = "Бои в Нагорном Карабахе.\n\nВторой абзац.\n\nТретий абзац."
    tgt = "Fighting.\n\nSecond paragraph is long enough here."
    try:
        fs = check_text(tgt, source=src, select=["TQ405"], glossaries=MINI)
    except InputError as exc:
        assert "align" in str(exc) and "\n" not in str(exc)
    else:  # an aligner that pairs unequal counts sensibly is fine too
        assert all(f.rule == "TQ405" for f in fs)


def test_alignment_error_becomes_a_one_line_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import tqkit.align
    from tqkit.errors import InputError

    def boom(src, tgt):
        raise tqkit.align.AlignmentError("cannot align: the source is empty")

    monkeypatch.setattr(tqkit.align, "align_paragraphs", boom)
    with pytest.raises(InputError, match="cannot align: the source is empty"):
        check_text("Fighting.", source="Бои в Нагорном Карабахе.", select=["TQ405"], glossaries=MINI)


def test_fallback_pairs_by_order_and_refuses_unequal_counts() -> None:
    from tqkit.checks.terms_source import _align_by_order
    from tqkit.document import Document
    from tqkit.errors import InputError

    src = Document("src.txt", "А.\n\nБ.")
    assert [(s.id, t.id) for s, t in _align_by_order(src, Document("t.txt", "A.\n\nB."))] == [
        ("p1", "p1"),
        ("p2", "p2"),
    ]
    with pytest.raises(InputError, match=r"source src\.txt has 2 and the translation 3"):
        _align_by_order(src, Document("t.txt", "A.\n\nB.\n\nC."))


def test_source_term_missing_in_bilingual_units() -> None:
    """XLIFF/PO units carry their own source text: TQ405 runs without --source."""
    from tqkit.api import _engine
    from tqkit.document import Document, Segment
    from tqkit.findings import Span

    text = "Fighting in the region continues.\nThe peacekeepers arrived."
    doc = Document(
        "u.xlf",
        text,
        source_lang="ru",
        given_segments=(
            Segment("u1", Span(0, 33), "unit", source="Бои в Нагорном Карабахе продолжаются."),
            Segment("u2", Span(34, len(text)), "unit", source="Миротворцы прибыли."),
        ),
    )
    findings, _ = _engine(["TQ405"], (), MINI, "en").check(doc)
    assert [(f.rule, f.data["source_segment"], text[f.start : f.end]) for f in findings] == [
        ("TQ405", "u1", "Fighting in the region continues.")
    ]


def test_bad_term_spans_for_other_families() -> None:
    from tqkit.checks.terms import bad_term_spans
    from tqkit.document import Document
    from tqkit.registry import CheckContext
    from tqkit.resources import Resources

    text = "Russian peacemakers arrived; peacekeepers left."
    spans = bad_term_spans(Document("-", text), CheckContext(Resources()))
    assert [text[s.start : s.end] for s in spans] == ["Russian peacemakers"]
