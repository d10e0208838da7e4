"""The pack engine's token conditions, suggestions and exceptions, on small packs written here."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tqkit.errors import PatternError
from tqkit.packs import PackSet, load_packs, render
from tqkit.packs.pattern import check_regex, parse_pattern


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TQKIT_CACHE_DIR", "")


def make(tmp_path: Path, entries: str) -> PackSet:
    path = tmp_path / "t.yaml"
    path.write_text("pack: t\nsource_lang: ru\nreferences:\n  REF: a reference\nentries:\n" + entries, encoding="utf-8")
    return load_packs([path], cache=False)


def one(pattern: str, fires: str, quiet: str = "Nothing here.", extra: str = "") -> str:
    return (
        f"  - id: e{abs(hash(pattern)) % 10**8}\n    pattern: {pattern!r}\n    message: m\n"
        f"    reference: REF\n    fires: [{fires!r}]\n    quiet: [{quiet!r}]\n{extra}"
    )


def found(ps: PackSet, text: str, source: str | None = None) -> list[str]:
    return [text[m.start : m.end] for m in ps.find(text, None, (lambda _o: source))]


def test_inflection_and_possessive(tmp_path: Path) -> None:
    ps = make(tmp_path, one("conduct~ a meeting", "They conducted a meeting."))
    assert found(ps, "She conducts a meeting; they are conducting a meeting.") == [
        "conducts a meeting",
        "conducting a meeting",
    ]
    assert found(ps, "The conductor a meeting.") == []
    ps = make(tmp_path, one("peacemaker~", "A peacemaker's convoy."))
    assert found(ps, "Peacemakers and a peacemaker's car; the peacemakers' cars.") == [
        "Peacemakers",
        "peacemaker's",
        "peacemakers",
    ]
    assert found(ps, "anti-peacemaker rhetoric, peacemakerish") == []


def test_alternatives_gaps_and_classes(tmp_path: Path) -> None:
    ps = make(tmp_path, one("(a|the) regime~ of *{0,2} ceasefire", "The regime of ceasefire held."))
    assert found(ps, "The regime of ceasefire held.") == ["The regime of ceasefire"]
    assert found(ps, "a regime of the total ceasefire") == ["a regime of the total ceasefire"]
    assert found(ps, "the regime of one two three ceasefire") == []
    ps = make(tmp_path, one("<NUM> thousand~", "About 2.5 thousand people."))
    assert found(ps, "About 2.5 thousand people, some thousands more.") == ["2.5 thousand"]
    ps = make(tmp_path, one("<CAP> oblast", "Kharkiv oblast was shelled."))
    assert found(ps, "Kharkiv oblast and the oblast") == ["Kharkiv oblast"]


def test_gap_stops_at_sentence_end_and_match_at_paragraph_break(tmp_path: Path) -> None:
    ps = make(tmp_path, one("recall~ * that", "Recall once that it was so."))
    assert found(ps, "We recall. That was all.") == []
    ps = make(tmp_path, one("it is noted", "It is noted that it rained."))
    assert found(ps, "It is\n\nnoted in the margin.") == []
    assert found(ps, "It is\nnoted in the margin.") == ["It is\nnoted"]


def test_case_sensitive_and_regex(tmp_path: Path) -> None:
    ps = make(tmp_path, one("=OBSE", "The OBSE said so."))
    assert found(ps, "The OBSE and the obse.") == ["OBSE"]
    ps = make(tmp_path, one("village~ /[a-z]+ovka/", "The village Ivanovka was hit."))
    assert found(ps, "The village Ivanovka; villages Petrovka") == ["village Ivanovka", "villages Petrovka"]
    ps = make(tmp_path, one("village =/[A-Z][a-z]+ovka/", "The village Ivanovka was hit."))
    assert found(ps, "village ivanovka, village Ivanovka") == ["village Ivanovka"]


def test_unless_antipattern(tmp_path: Path) -> None:
    ps = make(
        tmp_path,
        one(
            "it is noted that",
            "It is noted that it rained.",
            "It is noted that, she said, it rained.",
            "    unless: ['it is noted that *{0,3} (said|says)']\n",
        ),
    )
    assert found(ps, "It is noted that prices rose.") == ["It is noted that"]
    assert found(ps, "It is noted that, she said, prices rose.") == []


def test_source_context(tmp_path: Path) -> None:
    ps = make(
        tmp_path,
        one(
            "actual~",
            "The actual topic.",
            "The real topic.",
            "    context: source\n    source: актуальный\n    source_match: [актуальн]\n",
        ),
    )
    assert found(ps, "The actual topic.") == []
    assert found(ps, "The actual topic.", "актуальная тема") == ["actual"]
    assert found(ps, "The actual topic.", "настоящая тема") == []


def test_suggestion_templates(tmp_path: Path) -> None:
    ps = make(
        tmp_path, one("conduct~ a meeting", "They conducted a meeting.", extra="    suggest: ['hold~ a meeting']\n")
    )
    text = "They conducted a meeting and are conducting a meeting."
    assert [render(m, text) for m in ps.find(text)] == [["held a meeting"], ["holding a meeting"]]
    ps = make(tmp_path, one("(the|a) regime~ of <CAP>", "The regime of Putin.", extra="    suggest: ['$4 regime~']\n"))
    text = "the regimes of Moscow"
    assert [render(m, text) for m in ps.find(text)] == [["Moscow regimes"]]


def test_overlaps_leftmost_longest(tmp_path: Path) -> None:
    ps = make(
        tmp_path,
        one("peaceful resident~", "Peaceful residents fled.")
        + one("resident~ of", "Residents of the town.", "Residents fled."),
    )
    assert found(ps, "Peaceful residents of the town fled.") == ["Peaceful residents"]


@pytest.mark.parametrize("rx", ["(a+)+", "(a|b)*", "(ab)+c", "(a)\\1", "(?P<x>a)(?P=x)"])
def test_unsafe_regexes_are_rejected(rx: str) -> None:
    with pytest.raises(PatternError):
        check_regex(rx)


@pytest.mark.parametrize("rx", ["[a-z]+ovka", "\\d+", "(?:ov|ev)a", "x?y*z+", "(ovka|evka)"])
def test_safe_regexes_are_accepted(rx: str) -> None:
    check_regex(rx)


@pytest.mark.parametrize(
    "pattern",
    [
        "",
        "*",
        "* *{0,2}",
        "word <VERB>",
        "<NUM> , <NUM>",
        "*{0,9} word",
        "*{3,1} word",
        "u.s. word",
        "(a|b word",
        "=(a|b)",
        "=word~",
        "/x+/",
    ],
)
def test_bad_patterns(pattern: str) -> None:
    from tqkit.packs.inflect import inflections

    with pytest.raises(PatternError):
        parse_pattern(pattern, lambda w: {f: ",".join(t) for f, t in inflections(w).items()})


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet="ab peacmkrs'.\n-", max_size=200))
def test_matching_never_fails_and_spans_are_sane(text: str) -> None:
    ps = _shared_set()
    for m in ps.find(text):
        assert 0 <= m.start < m.end <= len(text)
        render(m, text)


_SET: list[PackSet] = []


def _shared_set() -> PackSet:
    if not _SET:
        from tqkit.packs import bundled_pack_dir

        _SET.append(load_packs([bundled_pack_dir()]))
    return _SET[0]


def test_contributing_worked_example_is_a_valid_entry(tmp_path: Path) -> None:
    """CONTRIBUTING.md's pack entry loads, its examples behave, and the fix keeps the form."""
    text = (Path(__file__).resolve().parents[2] / "CONTRIBUTING.md").read_text(encoding="utf-8")
    start = text.index("```yaml\n") + len("```yaml\n")
    block = text[start : text.index("```", start)]
    ps = make(tmp_path, block)
    sentence = "They are conducting a meeting today."
    [m] = ps.find(sentence)
    assert render(m, sentence) == ["holding a meeting"]


def test_entry_reported_under_another_rule(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tqkit.cli import cli

    path = tmp_path / "p.yaml"
    path.write_text(
        "pack: p\nreferences:\n  REF: r\nentries:\n"
        + one("blorf zanzibar~", "A blorf zanzibar.", extra="    rule: TQ304\n"),
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text("They saw a blorf zanzibar.\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", "--packs", str(path), str(article), "--select", "TQ301,TQ304"])
    assert "TQ304" in res.stdout and "TQ301" not in res.stdout
    res = CliRunner().invoke(cli, ["check", "--packs", str(path), str(article), "--select", "TQ301"])
    assert res.exit_code == 0 and "blorf" not in res.stdout


def test_pack_for_another_target_language(tmp_path: Path) -> None:
    """A pack with `target_lang: bg` checks Bulgarian copy only; `~` is for English only."""
    from tqkit.api import check_text

    path = tmp_path / "en-bg.yaml"
    entry = one("(мирни|мирните) (жители|жителите)", "Загинаха мирни жители.", "Загинаха цивилни.")
    path.write_text(
        "pack: en-bg-test\ntarget_lang: bg\nsource_lang: en\nreferences:\n  REF: r\nentries:\n" + entry,
        encoding="utf-8",
    )
    ps = load_packs([path], cache=False)
    assert [m.entry.id for m in ps.find("Загинаха мирни жители.", lang="bg")]
    assert not ps.find("Загинаха мирни жители.", lang="en")
    from tqkit.packs import lint_packs

    path.write_text(path.read_text(encoding="utf-8").replace("(жители|жителите)", "жител~"), encoding="utf-8")
    assert any("English words only" in p.message for p in lint_packs([path]))
    assert check_text("Shelling killed peaceful residents.", select=["TQ301"], target_lang="en")


def test_cache_is_used_and_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from tqkit.packs import cache as packs_cache

    cache = tmp_path / "cache"
    monkeypatch.setenv("TQKIT_CACHE_DIR", str(cache))
    path = tmp_path / "t.yaml"
    body = "pack: t\nreferences:\n  REF: r\nentries:\n" + one(
        "blorf zanzibar~", "A blorf zanzibar.", extra="    suggest: ['blorfed zanzibar~']\n"
    )
    for i in range(packs_cache.KEEP_CACHED + 3):
        path.write_text(body + f"# edit {i}\n", encoding="utf-8")
        os.utime(path, ns=(10**18 + i, 10**18 + i))
        first = load_packs([path])
        again = load_packs([path])  # from the cache: equal, not the same object
        assert again is not first and [e.id for e in again.entries] == [e.id for e in first.entries]
        [m] = again.find("A blorf zanzibars.")
        assert render(m, "A blorf zanzibars.") == ["blorfed zanzibars"]
        assert again.entries[0].fires == first.entries[0].fires
    assert len(list((cache / "packs").glob(f"packs-*{packs_cache.CACHE_SUFFIX}"))) == packs_cache.KEEP_CACHED


def test_corrupt_cache_is_ignored_and_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import marshal

    from tqkit.packs import cache as packs_cache

    cache = tmp_path / "cache"
    monkeypatch.setenv("TQKIT_CACHE_DIR", str(cache))
    path = tmp_path / "t.yaml"
    path.write_text(
        "pack: t\nreferences:\n  REF: r\nentries:\n" + one("blorf zanzibar~", "A blorf zanzibar."), encoding="utf-8"
    )
    load_packs([path])
    [entry] = (cache / "packs").glob(f"packs-*{packs_cache.CACHE_SUFFIX}")
    good = entry.read_bytes()
    payload = marshal.dumps(("tqkit-packs-cache-2", "x", (), (), {}))
    import hashlib

    forged_key = packs_cache.MAGIC + hashlib.blake2b(payload, digest_size=32).digest() + payload
    for bad in (
        b"\x80garbage",
        good[:-100],  # truncated
        good[:-1] + bytes([good[-1] ^ 1]),  # one bit flipped
        packs_cache.MAGIC + b"\0" * 32 + payload,  # digest mismatch
        forged_key,  # intact, but for other files
    ):
        entry.write_bytes(bad)
        ps = load_packs([path])
        assert ps.find("A blorf zanzibar.")
    assert "packs cache entry ignored" in capsys.readouterr().err


_VOCAB = [
    "peace",
    "peaceful",
    "residents",
    "resident's",
    "of",
    "the",
    "a",
    "held",
    "holds",
    "meeting",
    "meetings",
    "Peaceful",
    "RESIDENTS",
    "-",
    ",",
    ".",
    "\n\n",
    "anti-peace",
    "12",
    "x\x00y",
]
_BRUTE_PATTERNS = [
    "peaceful resident~",
    "(the|a) meeting~",
    "hold~ (a|the) meeting~",
    "of the",
    "<NUM> resident~",
    "peace =RESIDENTS",
    "<PUNCT> peaceful",
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(_VOCAB), max_size=40),
    st.lists(st.sampled_from([" ", "  ", "\n"]), min_size=40, max_size=40),
)
def test_anchored_matching_equals_brute_force(words: list[str], seps: list[str]) -> None:
    """Gap-free patterns: the anchor-led matcher (windows, neighbour pre-test) finds exactly the
    matches of trying every pattern at every token."""
    from tqkit.packs.engine import _fwd, tokenize
    from tqkit.text.fold import fold

    ps = _brute_set()
    text = "".join(w + s for w, s in zip(words, seps, strict=False))
    folded = fold(text)
    toks = tokenize(text)
    expected = set()
    for e in ps.entries:
        for conds in e.compiled:
            for i in range(len(toks)):
                caps = [(-1, -1)] * len(conds)
                j = _fwd(conds, 0, toks, i, i, text, folded, caps)
                if j > i:
                    expected.add((toks[i][0], toks[j - 1][1], e.id))
    got = {(m.start, m.end, m.entry.id) for m in ps.matcher.find(text, folded)}
    # find() resolves overlaps; every match it keeps is a real one, and every real match that
    # overlaps no kept one is kept
    assert got <= expected
    for s, e, eid in expected:
        assert any(not (e <= gs or ge <= s) for gs, ge, _ in got), (s, e, eid, text)


_BRUTE: list[PackSet] = []


def _brute_set() -> PackSet:
    if not _BRUTE:
        import tempfile

        d = Path(tempfile.mkdtemp())
        body = "".join(
            one(p, "x", extra="").replace(f"e{abs(hash(p)) % 10**8}", f"b{i}") for i, p in enumerate(_BRUTE_PATTERNS)
        )
        path = d / "b.yaml"
        path.write_text("pack: b\nreferences:\n  REF: r\nentries:\n" + body, encoding="utf-8")
        from tqkit.packs.load import build

        packset, problems = build([path], check_examples=False)
        assert packset is not None, problems
        _BRUTE.append(packset)
    return _BRUTE[0]


def test_line_and_sentence_openers(tmp_path: Path) -> None:
    ps = make(tmp_path, one("^(—|–|-) (we|i) (are|will)", "- We are ready."))
    text = "- We are ready.\n\n  — I will go, he said.\nHe said - we are ready, and – I will too."
    assert found(ps, text) == ["- We are", "— I will"]
    ps = make(tmp_path, one("^^blorf that", "Blorf that it rained."))
    text = "Blorf that one. “Yes.” Blorf that two! Not blorf that, and (blorf that).\nblorf that"
    assert found(ps, text) == ["Blorf that", "Blorf that", "blorf that"]
    assert parse_pattern("^<CAP> said").conds[0][0] == parse_pattern("^^(a|b) said").conds[0][0]


def test_openers_survive_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TQKIT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "t.yaml"
    path.write_text(
        "pack: t\nreferences:\n  REF: r\nentries:\n" + one("^(-|—) blorf", "- Blorf is here.", "A - blorf."),
        encoding="utf-8",
    )
    load_packs([path])
    again = load_packs([path])
    assert [m.start for m in again.find("- Blorf.\nA - blorf.")] == [0]


@pytest.mark.parametrize("bad", ["^^", "^*", "^^^word", "^blorf~"])
def test_bad_openers(bad: str) -> None:
    with pytest.raises(PatternError):
        parse_pattern(f"{bad} zanzibar")


def test_optional_tokens(tmp_path: Path) -> None:
    ps = make(tmp_path, one("create~ all (the|necessary)? conditions for", "They create all conditions for it."))
    text = "Create all conditions for it; created all the conditions for; all necessary conditions for; create all new conditions for."
    assert found(ps, text) == ["Create all conditions for", "created all the conditions for"]
    ps = make(tmp_path, one("blorf <CAP>? zanzibar", "A blorf Big zanzibar."))
    assert found(ps, "blorf zanzibar, blorf Big zanzibar, blorf big zanzibar") == [
        "blorf zanzibar",
        "blorf Big zanzibar",
    ]


def test_optional_tokens_survive_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TQKIT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "t.yaml"
    path.write_text(
        "pack: t\nreferences:\n  REF: r\nentries:\n"
        + one("blorf (the|a)? zanzibar", "A blorf the zanzibar.", "A blorf big zanzibar."),
        encoding="utf-8",
    )
    load_packs([path])
    again = load_packs([path])
    assert [m.start for m in again.find("blorf a zanzibar; blorf big zanzibar")] == [0]


@pytest.mark.parametrize("bad", ["*?", "blorf~?", "^^?", "(a|b)??"])
def test_bad_optional_tokens(bad: str) -> None:
    with pytest.raises(PatternError):
        parse_pattern(f"{bad} zanzibar")
