"""`tqkit server` driven by a real LSP client over stdio (tests/server/lspclient.py)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from lspclient import LspClient, apply_text_edits, lsp_position

from tqkit.api import check_text
from tqkit.findings import apply_edits
from tqkit.runner import chosen_fixes, non_overlapping

ROOT = Path(__file__).resolve().parents[2]

# An emoji (two UTF-16 code units) and a Cyrillic word before the artefacts: the server's
# columns must count UTF-16 units, not code points or bytes.
TEXT = "🇦🇲 Live: the ceasefire 🙂 holds. The the troops left.\n\nTheir logic is based on theirs own interest.\n"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[LspClient]:
    c = LspClient(cwd=tmp_path)
    c.initialize(tmp_path)
    yield c
    assert c.close() == 0
    assert c.proc.returncode == 0


def by_code(diags: list[dict], code: str) -> dict:
    found = [d for d in diags if d["code"] == code]
    assert found, f"no {code} in {[d['code'] for d in diags]}"
    return found[0]


def test_diagnostics_have_utf16_ranges_and_a_code_action_fixes_them(client: LspClient, tmp_path: Path) -> None:
    uri = (tmp_path / "story.txt").as_uri()
    client.open(uri, TEXT)
    params, _ = client.wait_diagnostics(uri, version=1)
    diags = params["diagnostics"]
    doubled = by_code(diags, "TQ201")
    start = TEXT.index("The the")
    assert doubled["range"] == {"start": lsp_position(TEXT, start), "end": lsp_position(TEXT, start + 7)}
    # two regional indicators (4 UTF-16 units) + an emoji (2): code points would say 32
    assert doubled["range"]["start"] == {"line": 0, "character": 35}
    assert doubled["severity"] == 2 and doubled["source"] == "tqkit" and doubled["message"]
    possessive = by_code(diags, "TQ303")
    assert possessive["range"]["start"]["line"] == 2

    actions = client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": doubled["range"], "context": {"diagnostics": [doubled]}},
    )
    fix = next(a for a in actions if a["kind"] == "quickfix" and "TQ201" in a["title"])
    assert fix["isPreferred"] is True  # the doubled-word fix is safe
    assert fix["diagnostics"][0]["code"] == "TQ201"
    fixed = apply_text_edits(TEXT, fix["edit"]["changes"][uri])
    assert "holds. The troops left." in fixed

    # the editor applies the edit and sends the change: the diagnostic goes
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": e["range"], "text": e["newText"]} for e in fix["edit"]["changes"][uri]],
        },
    )
    params, _ = client.wait_diagnostics(uri, version=2)
    assert "TQ201" not in [d["code"] for d in params["diagnostics"]]
    assert "TQ303" in [d["code"] for d in params["diagnostics"]]


def test_only_safe_fixes_are_preferred_and_fix_all_applies_only_safe_ones(client: LspClient, tmp_path: Path) -> None:
    uri = (tmp_path / "a.md").as_uri()
    text = "# Title\n\nThe the troops left. Officials saidRussia would respond.\n"
    client.open(uri, text, language="markdown")
    params, _ = client.wait_diagnostics(uri, version=1)
    expected = check_text(text, markdown=True)
    assert sorted(d["code"] for d in params["diagnostics"]) == sorted(f.rule for f in expected)
    seen_unsafe = False
    for f in expected:
        start, end = lsp_position(text, f.span.start), lsp_position(text, f.span.end)
        actions = client.request(
            "textDocument/codeAction",
            {"textDocument": {"uri": uri}, "range": {"start": start, "end": end}, "context": {"diagnostics": []}},
        )
        mine = [a for a in actions if a["kind"] == "quickfix" and f"({f.rule}" in a["title"]]
        assert len(mine) == len(f.fixes)
        for i, (action, fix) in enumerate(zip(mine, f.fixes, strict=True)):
            assert action["isPreferred"] is (fix.safe and i == 0), action["title"]
            seen_unsafe |= not fix.safe
    assert seen_unsafe, "the example has an unsafe fix"
    fix_all = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        },
    )
    assert [a["kind"] for a in fix_all] == ["source.fixAll.tqkit"]
    after = apply_text_edits(text, fix_all[0]["edit"]["changes"][uri])
    assert after == apply_edits(text, non_overlapping(chosen_fixes(expected, unsafe=False)))
    assert "The troops" in after and "saidRussia" in after  # the unsafe fix is left alone


def test_hover_shows_the_rule_documentation(client: LspClient, tmp_path: Path) -> None:
    uri = (tmp_path / "h.txt").as_uri()
    client.open(uri, TEXT)
    params, _ = client.wait_diagnostics(uri, version=1)
    doubled = by_code(params["diagnostics"], "TQ201")
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": doubled["range"]["start"]})
    value = hover["contents"]["value"]
    assert hover["contents"]["kind"] == "markdown"
    assert "TQ201 doubled-word" in value and "Fix safety" in value
    assert (
        client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
        is None
    )


def test_config_glossary_and_ignore_settings_are_used(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.tqkit]\nignore = ["TQ201"]\n', encoding="utf-8")
    c = LspClient(cwd=tmp_path)
    try:
        c.initialize(tmp_path, {"tqkit": {"ignore": ["TQ303"]}})
        uri = (tmp_path / "s.txt").as_uri()
        c.open(uri, TEXT)
        params, _ = c.wait_diagnostics(uri, version=1)
        codes = {d["code"] for d in params["diagnostics"]}
        assert "TQ201" not in codes  # [tool.tqkit] found upward from the file
        assert "TQ303" not in codes  # the editor's setting
        # a missing glossary named in the settings is a diagnostic, not a crash
        c.notify("workspace/didChangeConfiguration", {"settings": {"tqkit": {"glossary": "nowhere.yaml"}}})
        params, _ = c.wait_diagnostics(uri, version=1, after=len(c.notifications))
        assert params["diagnostics"][0]["severity"] == 1
        assert "nowhere.yaml" in params["diagnostics"][0]["message"]
    finally:
        assert c.close() == 0


def test_source_setting_enables_source_aware_rules(tmp_path: Path) -> None:
    (tmp_path / "orig.bg.txt").write_text("Протоколът беше подписан на 5 май 1994 година.\n", encoding="utf-8")
    c = LspClient(cwd=tmp_path)
    try:
        c.initialize(tmp_path, {"source": "orig.bg.txt", "sourceLang": "bg"})
        uri = (tmp_path / "t.txt").as_uri()
        c.open(uri, "The protocol was signed on 5 May 1995.\n")
        params, _ = c.wait_diagnostics(uri, version=1)
        assert "TQ502" in {d["code"] for d in params["diagnostics"]}
    finally:
        assert c.close() == 0


def test_bad_input_gets_protocol_errors_and_the_server_lives(client: LspClient, tmp_path: Path) -> None:
    # malformed JSON: a parse error with id null
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json")
    assert client.wait_response(None)["error"]["code"] == -32700
    # bytes that are not UTF-8
    client.send_raw(b"Content-Length: 4\r\n\r\n\xff\xfe{}")
    assert client.wait_response(None)["error"]["code"] == -32700
    # unknown method
    rid = client.request_async("tqkit/nothing", {})
    assert client.wait_response(rid)["error"]["code"] == -32601
    # a known method with parameters of the wrong shape
    rid = client.request_async("textDocument/hover", {"position": "here"})
    assert client.wait_response(rid)["error"]["code"] == -32602
    # a binary document and an XLIFF file that is not XML: one diagnostic each
    bin_uri = (tmp_path / "x.txt").as_uri()
    client.open(bin_uri, "PK\x03\x04\x00\x00garbage")
    params, _ = client.wait_diagnostics(bin_uri)
    assert len(params["diagnostics"]) == 1 and "binary" in params["diagnostics"][0]["message"]
    xlf = (tmp_path / "y.xlf").as_uri()
    client.open(xlf, "<xliff><file>")
    params, _ = client.wait_diagnostics(xlf)
    assert params["diagnostics"][0]["severity"] == 1 and "cannot read" in params["diagnostics"][0]["message"]
    # text the editor could not decode (replacement characters)
    bad = (tmp_path / "z.txt").as_uri()
    client.open(bad, "The troops \ufffd\ufffd left.\n")
    params, _ = client.wait_diagnostics(bad)
    assert any("decode" in d["message"] for d in params["diagnostics"])
    # still serving
    uri = (tmp_path / "ok.txt").as_uri()
    client.open(uri, TEXT)
    params, _ = client.wait_diagnostics(uri)
    assert "TQ201" in {d["code"] for d in params["diagnostics"]}


def test_a_50_mb_document_gets_one_diagnostic(client: LspClient, tmp_path: Path) -> None:
    uri = (tmp_path / "huge.txt").as_uri()
    line = "The troops left the town in the morning and the ceasefire held. " * 16 + "\n"
    text = line * (50_000_000 // len(line))
    assert len(text) >= 49_000_000
    client.open(uri, text)
    params, _ = client.wait_diagnostics(uri, timeout=120)
    assert len(params["diagnostics"]) == 1
    assert "too long" in params["diagnostics"][0]["message"]
    small = (tmp_path / "small.txt").as_uri()
    client.open(small, TEXT)
    params, _ = client.wait_diagnostics(small, timeout=60)
    assert "TQ201" in {d["code"] for d in params["diagnostics"]}


def long_document(words: int = 20_000) -> str:
    """Human English from the bundled corpus (MQM TED references), then the seed article."""
    paras: list[str] = []
    sents: list[str] = []
    with (ROOT / "corpora" / "mqm-ted-zhen" / "mqm_ted_zhen.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["system"] == "ref":
                sents.append(row["target"])
                if len(sents) == 5:
                    paras.append(" ".join(sents))
                    sents = []
    seed = (ROOT / "corpora" / "silent-front.en.txt").read_text(encoding="utf-8")
    text = seed
    for p in paras:
        if len(text.split()) >= words:
            break
        text += "\n\n" + p
    while len(text.split()) < words:
        text += "\n\n" + seed
    return text + "\n"


def test_100_rapid_changes_to_a_20000_word_document(client: LspClient, tmp_path: Path) -> None:
    text = long_document()
    assert len(text.split()) >= 20_000
    uri = (tmp_path / "long.txt").as_uri()
    client.open(uri, text)
    first, _ = client.wait_diagnostics(uri, version=1, timeout=120)
    assert first["diagnostics"]
    # type "The the " one character at a time at the start of a paragraph in the middle
    anchor = text.index("\n\n", len(text) // 2) + 2
    pos = lsp_position(text, anchor)
    typed = ("The the " * 13)[:100]
    for i, ch in enumerate(typed):
        at = {"line": pos["line"], "character": pos["character"] + i}
        client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": i + 2},
                "contentChanges": [{"range": {"start": at, "end": at}, "text": ch}],
            },
        )
    sent = time.monotonic()
    params, arrived = client.wait_diagnostics(uri, version=len(typed) + 1, timeout=30)
    latency = arrived - sent
    assert latency < 0.3, f"diagnostics {latency * 1000:.0f} ms after the last change"
    doubled = [d for d in params["diagnostics"] if d["code"] == "TQ201" and d["range"]["start"]["line"] == pos["line"]]
    assert doubled, "the typed doubled words are reported"
