"""Configuration: ``[tool.tqkit]`` in ``pyproject.toml`` or a ``tqkit.toml``, found upward from
the checked file (the nearest wins; command-line flags override it).

Keys::

    select = ["TQ1", "TQ2"]          # rule codes, prefixes or names (default: rules on by default)
    extend-select = ["TQ501"]        # add to the default selection (e.g. opt-in rules)
    ignore = ["TQ302"]
    per-file-ignores = { "corpora/raw/*.md" = ["TQ1"] }
    severity = { TQ201 = "error" }   # override a rule's default severity
    glossaries = ["glossaries/"]     # paths relative to the config file
    packs = ["house-packs/"]         # rule packs added to the bundled ones (files or directories)
    target-lang = "en"
    fail-on = "warning"              # info | warning | error
    exclude = ["drafts/old/*"]       # globs skipped when a directory is walked
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from tqkit.errors import InputError, UnknownLanguage
from tqkit.findings import Severity
from tqkit.profiles import check_language
from tqkit.ruleoptions import RuleOptions
from tqkit.selectors import code_matches

KNOWN_KEYS = {
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "per-file-target-lang",
    "severity",
    "glossaries",
    "target-lang",
    "fail-on",
    "exclude",
    "packs",
}


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    glossaries: tuple[str, ...] | None = None
    # "auto": each document's language is detected (or read from the file, as XLIFF states it)
    target_lang: str = "auto"
    per_file_target_lang: tuple[tuple[str, str], ...] = ()
    fail_on: Severity = Severity.WARNING
    exclude: tuple[str, ...] = ()
    root: str | None = None  # directory of the config file
    config_path: str | None = None

    def _relative(self, path: str) -> str:
        if self.root:
            try:
                return str(_resolved(path).relative_to(_resolved(self.root)))
            except ValueError:
                pass
        return path

    def excludes(self, path: str) -> bool:
        """True when a file found by walking a directory matches an ``exclude`` glob."""
        rel = self._relative(path)
        name = Path(path).name
        return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in self.exclude)

    def ignores_for(self, path: str) -> tuple[str, ...]:
        out: list[str] = []
        rel = self._relative(path)
        for pattern, codes in self.per_file_ignores:
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
                out.extend(codes)
        return tuple(out)

    def target_lang_for(self, path: str) -> str:
        """The language of ``path``: the last ``per-file-target-lang`` glob that matches it,
        else ``target-lang``."""
        rel, name = self._relative(path), Path(path).name
        lang = self.target_lang
        for pattern, code in self.per_file_target_lang:
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(name, pattern):
                lang = code
        return lang

    def severity_of(self, code: str, default: Severity) -> Severity:
        best, best_len = default, -1
        for key, sev in self.severity:  # the most specific key wins: TQ201 over TQ2
            if code_matches(key, code) and len(key) > best_len:
                best, best_len = sev, len(key)
        return best

    def merged(self, **overrides: Any) -> Settings:
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def _language(value: object, sp: str, key: str, text: str) -> str:
    if not isinstance(value, str):
        raise InputError(sp, f'`{key}` must be a language code such as "en"', _line_of(text, key))
    try:
        return check_language(value)
    except UnknownLanguage as exc:
        raise InputError(sp, str(exc), _line_of(text, key)) from None


def _line_of(text: str, key: str) -> int | None:
    """The line of ``key = ...``, searched from the ``[tool.tqkit]`` header when there is one
    (a pyproject.toml has the same keys in other tools' tables)."""
    if not key:
        return None
    header = re.search(r"^\s*\[\s*tool\.tqkit\b", text, re.M)
    pat = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=", re.M)
    m = pat.search(text, header.start() if header else 0)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _str_list(value: Any, path: str, key: str, text: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise InputError(path, f"`{key}` must be a list of strings", _line_of(text, key))


def _check_selectors(
    selectors: tuple[str, ...], path: str, key: str, text: str, codes_only: bool = False, section: str = ""
) -> tuple[str, ...]:
    """Every selector names a rule (code, prefix or name; ``codes_only`` for severity keys)."""
    from tqkit.registry import all_rules, validate_selectors

    try:
        if codes_only:
            rules = all_rules()
            for sel in selectors:
                if not any(code_matches(sel, r.code) for r in rules):
                    raise ValueError(f"unknown rule code or prefix {sel!r} (see `tqkit rules`)")
        else:
            validate_selectors(selectors)
    except ValueError as exc:
        raise InputError(path, f"`{section or key}`: {exc}", _line_of(text, key) or _line_of(text, section)) from None
    return selectors


_LANG_CODE_RE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")


def lang_code_problem(code: str) -> str | None:
    """Why ``code`` is not a language code (BCP 47 shape: ``en``, ``pt-BR``, ``zh-Hant``), or
    ``None``. Codes name files (word lists, models), so anything else is refused."""
    if _LANG_CODE_RE.match(code) and len(code) <= 35:
        return None
    return f"{code!r} is not a language code (expected e.g. en, de, pt-BR)"


def encoding_problem(encoding: str) -> str | None:
    """Why ``encoding`` cannot decode text files (unknown, or a codec such as rot13 or base64
    that is not a text encoding), or ``None``."""
    import codecs

    try:
        info = codecs.lookup(encoding)
    except (LookupError, ValueError, TypeError):
        return f"unknown encoding {encoding!r}"
    if not getattr(info, "_is_text_encoding", True):
        return f"{encoding!r} is not a text encoding"
    return None


def parse_config(path: Path, text: str, table: dict[str, Any]) -> Settings:
    sp = str(path)
    unknown = sorted(set(table) - KNOWN_KEYS)
    if unknown:
        raise InputError(
            sp,
            f"unknown tqkit setting `{unknown[0]}` (known: {', '.join(sorted(KNOWN_KEYS))})",
            _line_of(text, unknown[0]),
        )
    kw: dict[str, Any] = {"root": str(path.parent), "config_path": sp}
    for part in (_selector_settings, _severity_settings, _path_settings, _language_settings):
        kw.update(part(path, text, table))
    if "fail-on" in table:
        try:
            kw["fail_on"] = Severity.parse(str(table["fail-on"]))
        except ValueError as exc:
            raise InputError(sp, str(exc), _line_of(text, "fail-on")) from None
    return Settings(**kw)


def _selector_settings(path: Path, text: str, table: dict[str, Any]) -> dict[str, Any]:
    """``select``, ``extend-select``, ``ignore``, ``exclude`` and ``per-file-ignores``."""
    sp = str(path)
    kw: dict[str, Any] = {}
    for key, name in (("select", "select"), ("extend-select", "extend_select"), ("ignore", "ignore")):
        if key in table:
            kw[name] = _check_selectors(_str_list(table[key], sp, key, text), sp, key, text)
    if "exclude" in table:
        kw["exclude"] = _str_list(table["exclude"], sp, "exclude", text)
    if "per-file-ignores" in table:
        pfi = table["per-file-ignores"]
        if not isinstance(pfi, dict):
            raise InputError(
                sp, "`per-file-ignores` must be a table of glob = [codes]", _line_of(text, "per-file-ignores")
            )
        kw["per_file_ignores"] = tuple(
            (g, _check_selectors(_str_list(c, sp, g, text), sp, g, text, section="per-file-ignores"))
            for g, c in pfi.items()
        )
    return kw


def _severity_settings(path: Path, text: str, table: dict[str, Any]) -> dict[str, Any]:
    """``severity``: a table of CODE = "info|warning|error"."""
    sp = str(path)
    if "severity" not in table:
        return {}
    sev = table["severity"]
    if not isinstance(sev, dict):
        raise InputError(sp, '`severity` must be a table of CODE = "info|warning|error"', _line_of(text, "severity"))
    pairs = []
    for code, value in sev.items():
        _check_selectors((str(code),), sp, str(code), text, codes_only=True, section="severity")
        try:
            pairs.append((str(code), Severity.parse(str(value))))
        except ValueError as exc:
            raise InputError(sp, str(exc), _line_of(text, str(code))) from None
    return {"severity": tuple(pairs)}


def _path_settings(path: Path, text: str, table: dict[str, Any]) -> dict[str, Any]:
    """``glossaries`` and ``packs``, resolved against the config's directory."""
    sp = str(path)
    glossaries: tuple[str, ...] | None = None
    if "glossaries" in table:
        glossaries = tuple(
            str((path.parent / g).resolve()) for g in _str_list(table["glossaries"], sp, "glossaries", text)
        )
    if "packs" in table:
        # rule packs travel with the glossary paths: Resources tells them apart by their first key
        packs = tuple(str((path.parent / g).resolve()) for g in _str_list(table["packs"], sp, "packs", text))
        glossaries = (glossaries or ()) + packs
    return {} if glossaries is None else {"glossaries": glossaries}


def _language_settings(path: Path, text: str, table: dict[str, Any]) -> dict[str, Any]:
    """``target-lang`` and ``per-file-target-lang``."""
    sp = str(path)
    kw: dict[str, Any] = {}
    if "target-lang" in table:
        kw["target_lang"] = _language(table["target-lang"], sp, "target-lang", text)
    if "per-file-target-lang" in table:
        pft = table["per-file-target-lang"]
        if not isinstance(pft, dict):
            raise InputError(
                sp, '`per-file-target-lang` must be a table of glob = "code"', _line_of(text, "per-file-target-lang")
            )
        kw["per_file_target_lang"] = tuple((str(g), _language(c, sp, str(g), text)) for g, c in pft.items())
    return kw


def _load_file(path: Path) -> Settings | None:
    try:
        data_bytes = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read config: {exc.strerror or exc}") from None
    try:
        text = data_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            str(path),
            f"config is not valid UTF-8 (byte 0x{data_bytes[exc.start]:02x} at offset {exc.start})",
            data_bytes[: exc.start].count(b"\n") + 1,
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise InputError(str(path), f"malformed TOML: {exc}", int(m.group(1)) if m else None) from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("tqkit")
        if table is None:
            return None
    else:
        table = data.get("tool", {}).get("tqkit", data)
    if not isinstance(table, dict):
        raise InputError(str(path), "[tool.tqkit] must be a table")
    return parse_config(path, text, table)


@lru_cache(maxsize=256)
def _find_from_dir(directory: str) -> Settings:
    d = Path(directory)
    for candidate in (d, *d.parents):
        for name in ("tqkit.toml", "pyproject.toml"):
            p = candidate / name
            if p.is_file():
                settings = _load_file(p)
                if settings is not None:
                    return settings
    return Settings()


def find_settings(path: str | Path, explicit: str | Path | None = None) -> Settings:
    """Settings for a checked file: an explicit ``--config`` file, else the nearest config."""
    if explicit is not None:
        p = Path(explicit)
        if not p.is_file():
            raise InputError(str(p), "config file not found")
        return _load_file(p) or Settings()
    if str(path) == "-":
        return _find_from_dir(str(Path.cwd().resolve()))
    return _find_from_dir(str(_resolved(str(path)).parent))


@lru_cache(maxsize=64)
def _resolved(path: str) -> Path:
    """``Path(path).resolve()``, remembered for the few calls per checked file (the settings,
    excludes and per-file options of one file each resolved it again)."""
    return Path(path).resolve()


@dataclass
class RunOptions:
    """Command-line options that override the configuration."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    glossaries: tuple[str, ...] | None = None
    target_lang: str | None = None
    fail_on: Severity | None = None
    encoding: str | None = None
    source: str | None = None
    source_lang: str | None = None
    config: str | None = None
    rules: RuleOptions = field(default_factory=RuleOptions)  # options of rule families
    packs: tuple[str, ...] = ()  # ``--packs``: rule packs added to the configured glossaries

    def apply(self, settings: Settings) -> Settings:
        glossaries = self.glossaries
        if self.packs:
            glossaries = (self.glossaries or settings.glossaries or ()) + self.packs
        return settings.merged(
            select=self.select,
            extend_select=(settings.extend_select + self.extend_select) if self.extend_select else None,
            ignore=(settings.ignore + self.ignore) if self.ignore else None,
            glossaries=glossaries,
            target_lang=self.target_lang,
            fail_on=self.fail_on,
        )
