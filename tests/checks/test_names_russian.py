"""TQ206 (russian-form-name): -skiy names and Russian adjectives of Ukrainian, Georgian,
Azerbaijani, Armenian and Moldovan towns before "district"."""

from __future__ import annotations

import pytest

from tqkit.api import check_text


def _found(text: str) -> list[tuple[str, str]]:
    return [
        (text[f.span.start : f.span.end], str(f.data.get("suggestion", ""))) for f in check_text(text, select=["TQ206"])
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Petrovskiy and Dmitrovskii spoke.", [("Petrovskiy", "Petrovsky"), ("Dmitrovskii", "Dmitrovsky")]),
        ("Artillery hit the Kupyansky district.", [("Kupyansky", "Kupiansk")]),
        ("Fighting in the Bogodukhovsky district went on.", [("Bogodukhovsky", "Bohodukhiv")]),
        ("The Pokrovsky district of Donetsk region.", [("Pokrovsky", "Pokrovsk")]),
    ],
)
def test_fires(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Reuters writes Zelenskiy; AP writes Zelenskyy.",
        "The Khmelnytskyi region and the Desnianskyi district.",
        "Voters in Moscow's Leninsky district and the Sovetsky district.",
        "Petrovsky said the Kupiansk district was shelled.",
        "The Kursk region's Glushkovsky district.",
    ],
)
def test_quiet(text: str) -> None:
    assert _found(text) == []


def _patronymics(text: str) -> list[str]:
    return [text[f.span.start : f.span.end] for f in check_text(text, select=["TQ207"])]


def test_patronymics() -> None:
    assert _patronymics("Ambassador Mikhail Nikolayevich Bocharnikov and Olena Ivanivna Kovalenko spoke.") == [
        "Nikolayevich",
        "Ivanivna",
    ]
    assert _patronymics("Kassym-Jomart Kemelevich Tokayev met Ilham Heydar oglu Aliyev.") == ["Kemelevich"]
    assert _patronymics("Novak Djokovic met Petrovich. Vladimir Vladimirovich, thank you.") == []
