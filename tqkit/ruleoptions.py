"""Typed run options of the rule families that take any (as ruff has per-plugin settings).

``tqkit check`` builds one :class:`RuleOptions` from its flags; the engine hands it to every rule
as ``CheckContext.options``. Frozen, so one value keys the engine cache and no rule can change
what the next one sees (per-check caches go in ``CheckContext.cache``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class MTOptions:
    """Offline machine translation: the round-trip rule TQ501 and TQ102's suggestions."""

    models_dir: str | None = None  # --models-dir (default: the user's models directory)
    roundtrip_via: str | None = None  # --roundtrip-via LANG: round trip through LANG
    roundtrip_threshold: float | None = None  # --roundtrip-threshold (chrF, 0-1)


@dataclass(frozen=True)
class SourceOptions:
    """The source-aware rules (TQ5xx): the language of ``--source`` when it is given."""

    source_lang: str | None = None


@dataclass(frozen=True)
class RuleOptions:
    mt: MTOptions = field(default_factory=MTOptions)
    source: SourceOptions = field(default_factory=SourceOptions)

    @classmethod
    def from_mapping(cls, values: Mapping[str, object] | None) -> RuleOptions:
        """From flat keys (``{"roundtrip_via": "bg", "source_lang": "ru"}``), as the public
        API takes them; unknown keys are an error."""
        values = dict(values or {})
        parts: dict[str, object] = {}
        for name, family in (("mt", MTOptions), ("source", SourceOptions)):
            known = {f.name for f in fields(family)}
            parts[name] = family(**{k: values.pop(k) for k in list(values) if k in known})  # type: ignore[arg-type]
        if values:
            raise ValueError(f"unknown rule option(s): {', '.join(sorted(values))}")
        return cls(**parts)  # type: ignore[arg-type]
