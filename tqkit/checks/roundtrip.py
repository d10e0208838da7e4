"""TQ5xx, opt-in: sentences whose meaning may have drifted, found with offline MT."""

from __future__ import annotations

from collections.abc import Iterator

from tqkit.document import Document
from tqkit.findings import Category, Finding, Fix, Severity
from tqkit.langs import language_name
from tqkit.registry import CheckContext, FixAvailability, Rule, register
from tqkit.ruleoptions import MTOptions

_SHOW = 160  # characters of MT output quoted in a message


def _quote(text: str) -> str:
    return text if len(text) <= _SHOW else text[: _SHOW - 1].rstrip() + "…"


def _threshold(options: MTOptions) -> float:
    from tqkit.mt.roundtrip import DEFAULT_THRESHOLD

    value = options.roundtrip_threshold
    if value is None:
        return DEFAULT_THRESHOLD
    t = float(value)
    return t / 100.0 if t > 1.0 else t  # tolerate chrF's own 0-100 scale


@register
class RoundTripDrift(Rule):
    """A sentence that does not survive machine translation (to a pivot language and back, or from
    the source): its meaning may have drifted (needs the `mt` extra and models).

    **What it does.** Uses an offline machine-translation model (Argos Translate, the optional
    ``mt`` extra; install models with ``tqkit models install``). With ``--roundtrip-via LANG``
    each sentence of the text is translated into LANG and back, and the back-translation is
    compared with the sentence. Without it, when a source article is given (``--source``), each
    source sentence is machine-translated and compared with the human translation of it
    (paired by paragraph order, then sentence order). Sentences of fewer than three words are
    skipped. The comparison is sentence chrF scaled to 0-1 (chrF/100); a sentence scoring below
    ``roundtrip_threshold`` (default 0.5) is reported. When the ``mt`` extra or a model for a
    language pair is missing, the rule reports nothing and leaves one note saying what to
    install.

    **Why it matters.** A sentence that comes back from a round trip as something else is often
    one whose English is ambiguous, garbled or carries a calque that no longer means what the
    original said; a human translation far from every machine rendering of its source is worth
    a second look for omissions and additions. Neither is proof: a free translation that is
    correct scores low too, which is why the rule is off by default (``--select TQ501``).

    **Example.** Checked with ``--roundtrip-via bg``, *The minister gave a statement before the
    journalists.* may come back as *The minister made a statement to the press.* and score about
    0.4: the finding quotes the back-translation. No example runs in the rule-example test
    because every example needs an installed model: ``needs_model`` is set and the examples
    live in ``tests/mt``, which build a small model at test time.

    **Fix safety.** Unsafe: the fix replaces the sentence with the machine output (the MT of
    the source sentence, or the back-translation of a round trip), which is a suggestion for a
    person to review, never something to apply blindly. Sentences containing non-prose parts
    (code, URLs, markup) get no fix.
    """

    code = "TQ501"
    name = "roundtrip-drift"
    fix_availability = FixAvailability.SOMETIMES
    severity = Severity.WARNING
    category = Category.MISTRANSLATION
    enabled_by_default = False
    # Examples need an installed MT model; tests/mt exercises the rule with a model built there.
    needs_model = True
    fires = ()
    quiet = ()
    fires_with_source = ()
    quiet_with_source = ()

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        from tqkit.errors import ModelError, MTUnavailable
        from tqkit.langs import likely_language
        from tqkit.mt.argos import resolve_models_dir
        from tqkit.mt.roundtrip import roundtrip_scores, source_scores

        options = ctx.options.mt
        via = options.roundtrip_via
        threshold = _threshold(options)
        source_lang: str | None = None
        try:
            models_dir = resolve_models_dir(options.models_dir)
            if via:
                scores = roundtrip_scores(doc, str(via), models_dir)
            elif ctx.source is not None:
                source_lang = ctx.options.source.source_lang or doc.source_lang or likely_language(ctx.source.view)
                if not source_lang:
                    self._note(ctx, "cannot tell the language of the source; set source_lang")
                    return
                scores, _ = source_scores(doc, ctx.source, source_lang, models_dir)
            else:
                self._note(ctx, "needs --roundtrip-via LANG (round trip) or --source FILE; skipped")
                return
        except (MTUnavailable, ModelError) as exc:
            self._note(ctx, str(exc))
            return
        for s in scores:
            if s.score >= threshold:
                continue
            if via:
                message = (
                    f"Round trip through {language_name(str(via))} drifts from this sentence "
                    f"(chrF {s.score:.2f} < {threshold:.2f}); it came back as “{_quote(s.mt)}”"
                )
                title = "Replace with the round-trip back-translation (review it)"
            else:
                message = (
                    f"This sentence is far from the machine translation of its source "
                    f"(chrF {s.score:.2f} < {threshold:.2f}): “{_quote(s.mt)}”"
                )
                title = "Replace with the machine translation of the source (review it)"
            fixes = () if s.masked or not s.mt else (Fix.replace(s.span, s.mt, title, safe=False),)
            yield self.finding(
                doc,
                s.span,
                message,
                fixes,
                score=round(s.score, 4),
                mt=s.mt,
                intermediate=s.intermediate,
                via=via,
                source_lang=source_lang,
            )

    def _note(self, ctx: CheckContext, text: str) -> None:
        line = f"{self.code} {self.name}: {text}"
        if line not in ctx.notes:
            ctx.notes.append(line)
