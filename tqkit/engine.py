"""The engine: the selected rules over one Document (one shared tokenisation pass), then the
post-passes the registry knows (suppressions and TQ901), severity overrides and deduplication.

Nothing here names a rule: a rule that judges the whole file first (``Rule.file_finding``) and
the passes over the merged findings (``registry.post_passes``) are hooks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from tqkit.config import RunOptions, Settings
from tqkit.document import Document
from tqkit.findings import Finding
from tqkit.language_id import detect_language
from tqkit.profiles import AUTO, Profile, profile_for
from tqkit.registry import CheckContext, Rule, post_passes, select_rules
from tqkit.resources import Resources
from tqkit.ruleoptions import RuleOptions
from tqkit.selectors import matches_any


class Engine:
    """Rules plus resources for one configuration; reused across the files that share it."""

    def __init__(self, settings: Settings, options: RunOptions | None = None):
        self.settings = settings
        self.options = options or RunOptions()
        self.rule_classes = select_rules(settings.select, settings.ignore, settings.extend_select)
        self.rules: list[Rule] = [cls() for cls in self.rule_classes]
        self.codes = frozenset(r.code for r in self.rules)
        self.resources = _resources(settings.glossaries, settings.target_lang)

    def context(self, source: Document | None, profile: Profile) -> CheckContext:
        """A fresh context for checking one document."""
        return CheckContext(
            self.resources,
            source=source,
            options=self.options.rules,
            selected=self.codes,
            profile=profile,
            notes=profile.notes(),
        )

    def rules_for(self, path: str) -> list[Rule]:
        """The selected rules less the file's ``per-file-ignores``."""
        ignored = self.settings.ignores_for(path)
        return [r for r in self.rules if not matches_any(ignored, r.code, r.name)]

    def active_rules(self, doc: Document, ctx: CheckContext, rules: Sequence[Rule] | None = None) -> list[Rule]:
        """The rules that run on ``doc``: not ignored for the file, written for its language, and
        given a source when they need one (``--source``, or the format's own source segments).
        Records their codes on ``ctx.active``."""
        profile = ctx.profile or profile_for(document_language(doc))
        has_source = ctx.source is not None or any(s.source for s in doc.given_segments)
        active = [
            r
            for r in (self.rules_for(doc.path) if rules is None else rules)
            if (has_source or not r.needs_source) and r.runs_for(profile.code)
        ]
        ctx.active = frozenset(r.code for r in active)
        return active

    def check(self, doc: Document, source: Document | None = None) -> tuple[list[Finding], list[str]]:
        """The findings of ``doc`` and the notes for the user. A document whose language is
        ``auto`` is checked in the language :func:`with_language` gives it (call that first to
        learn which)."""
        doc = with_language(doc)
        ctx = self.context(source, profile_for(doc.target_lang))
        rules = self.rules_for(doc.path)
        for rule in rules:  # one finding for the file, not thousands (tqkit.checks.language)
            whole = rule.file_finding(doc)
            if whole is not None:
                ctx.notes.append(f"{doc.path}: {whole.message}")
                return [whole], ctx.notes
        raw = [f for rule in self.active_rules(doc, ctx, rules) for f in rule.check(doc, ctx)]
        return self.finish(doc, raw, ctx), ctx.notes

    def finish(self, doc: Document, findings: list[Finding], ctx: CheckContext) -> list[Finding]:
        """The registry's post-passes (suppressions, TQ901), the configured severities, and
        :func:`dedupe`."""
        for post in post_passes():
            findings = post(doc, findings, ctx)
        severity_of = self.settings.severity_of
        return dedupe(
            f if (sev := severity_of(f.rule, f.severity)) == f.severity else replace(f, severity=sev) for f in findings
        )


def document_language(doc: Document) -> str:
    """The language ``doc`` is checked as: the one given, else the file's own (an XLIFF
    ``target-language``), else detected from its text."""
    lang = doc.target_lang
    if not lang or lang == AUTO:
        return doc.declared_target_lang or detect_language(doc.view)
    return lang


def with_language(doc: Document) -> Document:
    """``doc`` with its language settled (:func:`document_language`): itself when it was given."""
    return doc.with_target_lang(document_language(doc))


def dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """Sorted findings, without repeats: one rule reporting a span twice, or two rules (say, the
    calque list and the term base) proposing the same replacement for the same span. Of such
    twins the more severe one is kept, then the one with a safe fix, then the lower code."""
    best: dict[tuple[int, int, str], Finding] = {}
    for f in findings:
        repl = f.fixes[0].edits[0].replacement if f.fixes and f.fixes[0].edits else f"\0{f.rule}"
        key = (f.span.start, f.span.end, repl.lower())
        other = best.get(key)
        if other is None or _rank(f) < _rank(other):
            best[key] = f
    seen: set[tuple[str, int, int]] = set()
    out: list[Finding] = []
    for f in sorted(best.values(), key=Finding.sort_key):
        k = (f.rule, f.span.start, f.span.end)
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out


def _rank(f: Finding) -> tuple[int, int, str]:
    safe = bool(f.fixes and f.fixes[0].safe)
    return (-int(f.severity), 0 if safe else 1, f.rule)


_RESOURCES: dict[tuple[tuple[str, ...] | None, str], Resources] = {}


def _resources(glossaries: tuple[str, ...] | None, target_lang: str) -> Resources:
    key = (glossaries, target_lang)
    if key not in _RESOURCES:
        _RESOURCES[key] = Resources(glossaries, target_lang)
    return _RESOURCES[key]


_ENGINES: dict[tuple[Settings, RuleOptions], Engine] = {}


def engine_for(settings: Settings, options: RunOptions) -> Engine:
    """The engine of one configuration, built once per process and reused."""
    key = (settings, options.rules)
    if key not in _ENGINES:
        _ENGINES[key] = Engine(settings, options)
    return _ENGINES[key]
