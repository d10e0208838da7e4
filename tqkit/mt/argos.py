"""Offline machine translation with Argos Translate, fenced off from the network.

Argos Translate (the ``argos-translate-lt`` distribution, tqkit's optional ``mt`` extra) reads
its settings from environment variables once, when ``argostranslate.settings`` is first
imported, and creates its data, config and cache directories then. tqkit therefore imports it
only through :func:`load_argos`, which points every one of those variables at the tqkit models
directory for the duration of the import (and restores the environment afterwards):

* ``ARGOS_PACKAGES_DIR``: the models directory itself, one sub-directory per installed package;
* ``XDG_DATA_HOME``, ``XDG_CONFIG_HOME``, ``XDG_CACHE_HOME``: sub-directories of
  ``MODELS_DIR/.argos`` (so Argos neither reads a user's ``settings.json`` nor writes under
  ``~/.local/share/argos-translate``);
* ``ARGOS_MODEL_PROVIDER=OPENNMT``: local CTranslate2 models, never a remote API.

The models directory is ``--models-dir``, else ``$TQKIT_MODELS_DIR``, else
``$XDG_DATA_HOME/tqkit/argos`` (``~/.local/share/tqkit/argos`` when ``XDG_DATA_HOME`` is unset).
Every call also re-points ``argostranslate.settings.package_data_dir`` / ``package_dirs`` at the
directory it is given, so one process can use several directories.

Argos' own sentence splitters (MiniSBD, Stanza, spaCy) fetch a model on first use. tqkit never
builds them: :class:`SentenceTranslator` wraps Argos' ``PackageTranslation`` with its sentencizer
replaced by :func:`tqkit.document.split_sentences`, and hands it one sentence at a time.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import sys
import threading
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import SimpleNamespace
from typing import Any, cast

from tqkit.document import split_sentences
from tqkit.errors import ModelError, MTUnavailable

EXTRA_HINT = "pip install 'tqkit[mt]'"
MODELS_DIR_ENV = "TQKIT_MODELS_DIR"
# Translations remembered per translator (a re-check of an edited article translates only
# the sentences that changed).
CACHE_SIZE = 4096

_lock = threading.RLock()
_translators: dict[tuple[str, str, str], SentenceTranslator] = {}


# -- directories ------------------------------------------------------------------------------


def default_models_dir() -> Path:
    """``$XDG_DATA_HOME/tqkit/argos``, or ``~/.local/share/tqkit/argos`` (XDG base-dir spec:
    a relative ``XDG_DATA_HOME`` is ignored)."""
    xdg = os.environ.get("XDG_DATA_HOME", "")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".local" / "share"
    return base / "tqkit" / "argos"


def resolve_models_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The models directory: ``override`` (``--models-dir``), ``$TQKIT_MODELS_DIR``, default."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(MODELS_DIR_ENV, "")
    if env:
        return Path(env).expanduser().resolve()
    return default_models_dir()


# -- importing Argos --------------------------------------------------------------------------


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old


def argos_environment(models_dir: Path) -> dict[str, str]:
    """The environment Argos is imported under (see the module docstring)."""
    home = models_dir / ".argos"
    return {
        "ARGOS_PACKAGES_DIR": str(models_dir),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "ARGOS_MODEL_PROVIDER": "OPENNMT",
        "ARGOS_DEVICE_TYPE": os.environ.get("ARGOS_DEVICE_TYPE", "cpu"),
    }


def load_argos(models_dir: Path) -> SimpleNamespace:
    """Import Argos (settings pointed at ``models_dir``) and return its modules as
    ``.settings``, ``.package``, ``.translate``, ``.sbd``. Raises :class:`MTUnavailable` when
    the ``mt`` extra is not installed."""
    with _lock:
        try:
            models_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ModelError(f"{models_dir}: cannot create the models directory ({exc.strerror or exc})") from None
        try:
            if "argostranslate.settings" not in sys.modules:
                with _environment(argos_environment(models_dir)):
                    importlib.import_module("argostranslate.settings")
            mods = SimpleNamespace(
                settings=importlib.import_module("argostranslate.settings"),
                package=importlib.import_module("argostranslate.package"),
                translate=importlib.import_module("argostranslate.translate"),
                sbd=importlib.import_module("argostranslate.sbd"),
            )
        except ImportError as exc:
            raise MTUnavailable(
                f"offline MT needs the optional 'mt' extra (Argos Translate, CTranslate2; "
                f"{exc.name or 'argostranslate'} is not importable); install it with: {EXTRA_HINT}"
            ) from None
        mods.settings.package_data_dir = models_dir
        mods.settings.package_dirs = [models_dir]
        return mods


def reset_caches() -> None:
    """Forget loaded translators, here and in Argos' module-level caches."""
    with _lock:
        _translators.clear()
        translate = sys.modules.get("argostranslate.translate")
        if translate is not None:
            translate.installed_translates.clear()
            translate.get_installed_languages.cache_clear()


# -- installed models -------------------------------------------------------------------------


def norm_code(code: str) -> str:
    return code.strip().lower().replace("_", "-")


@dataclass(frozen=True)
class ModelInfo:
    """One installed translation package."""

    from_code: str
    to_code: str
    name: str
    version: str
    path: Path
    from_name: str = ""
    to_name: str = ""

    @property
    def pair(self) -> str:
        return f"{self.from_code}-{self.to_code}"

    def as_dict(self) -> dict[str, str]:
        return {
            "code": self.pair,
            "from": self.from_code,
            "to": self.to_code,
            "from_name": self.from_name,
            "to_name": self.to_name,
            "package": self.name,
            "version": self.version,
            "path": str(self.path),
        }


def _info(pkg: Any) -> ModelInfo:
    return ModelInfo(
        from_code=norm_code(pkg.from_code or ""),
        to_code=norm_code(pkg.to_code or ""),
        name=Path(pkg.package_path).name,
        version=str(pkg.package_version or ""),
        path=Path(pkg.package_path),
        from_name=pkg.from_name or "",
        to_name=pkg.to_name or "",
    )


def _packages(argos: SimpleNamespace, models_dir: Path) -> list[Any]:
    """Installed translate packages (directories with a readable metadata.json)."""
    out: list[Any] = []
    if not models_dir.is_dir():
        return out
    for path in sorted(models_dir.iterdir()):
        if path.name.startswith(".") or not (path / "metadata.json").is_file():
            continue
        try:
            pkg = argos.package.Package(path)
        except (OSError, ValueError):
            continue  # a broken package does not hide the others
        if pkg.type == "translate" and pkg.from_code and pkg.to_code:
            out.append(pkg)
    return out


def list_models(models_dir: Path) -> list[ModelInfo]:
    argos = load_argos(models_dir)
    with _lock:
        return sorted((_info(p) for p in _packages(argos, models_dir)), key=lambda m: (m.pair, m.name))


def _top_folder(path: Path, names: list[str]) -> str:
    """The archive's one top-level folder; an absolute, ``..`` or backslash path is refused."""
    tops = set()
    for name in names:
        parts = PurePosixPath(name).parts
        if name.startswith("/") or ".." in parts or "\\" in name:
            raise ModelError(f"{path}: unsafe path in archive: {name!r}")
        tops.add(parts[0])
    if len(tops) != 1:
        raise ModelError(f"{path}: an Argos model holds exactly one top-level folder (found {len(tops)})")
    return tops.pop()


def _metadata(path: Path, zf: zipfile.ZipFile, top: str) -> dict[str, Any]:
    """``TOP/metadata.json`` of a translation model (with its language codes)."""
    try:
        metadata = json.loads(zf.read(f"{top}/metadata.json").decode("utf-8"))
    except KeyError:
        raise ModelError(f"{path}: no {top}/metadata.json in the archive") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise ModelError(f"{path}: {top}/metadata.json is not valid JSON ({exc})") from None
    if not isinstance(metadata, dict) or not metadata.get("from_code") or not metadata.get("to_code"):
        raise ModelError(f"{path}: {top}/metadata.json lacks from_code/to_code")
    if metadata.get("type", "translate") != "translate":
        raise ModelError(f"{path}: a {metadata.get('type')!r} package, not a translation model")
    return metadata


def _check_archive(path: Path) -> tuple[str, dict[str, Any]]:
    """Validate a ``.argosmodel`` file; return its top-level folder and its metadata."""
    if not path.is_file():
        raise ModelError(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        raise ModelError(f"{path}: not an Argos model (a .argosmodel file is a zip archive)")
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist() if n and not n.startswith("__MACOSX")]
        top = _top_folder(path, names)
        metadata = _metadata(path, zf, top)
        listed = set(names)
        if f"{top}/model/model.bin" not in listed:
            raise ModelError(f"{path}: no CTranslate2 model ({top}/model/model.bin) in the archive")
        if f"{top}/sentencepiece.model" not in listed and f"{top}/bpe.model" not in listed:
            raise ModelError(f"{path}: no tokenizer ({top}/sentencepiece.model or bpe.model) in the archive")
    return top, metadata


def install_model(path: str | os.PathLike[str], models_dir: Path) -> tuple[ModelInfo, list[ModelInfo]]:
    """Install a ``.argosmodel`` file; return it and the packages for the same pair it replaced."""
    archive = Path(path)
    top, metadata = _check_archive(archive)
    argos = load_argos(models_dir)
    pair = (norm_code(metadata["from_code"]), norm_code(metadata["to_code"]))
    with _lock:
        replaced = []
        for pkg in _packages(argos, models_dir):
            info = _info(pkg)
            if (info.from_code, info.to_code) == pair or info.name == top:
                argos.package.uninstall(pkg)
                replaced.append(info)
        argos.package.install_from_path(archive)
        reset_caches()
        installed = argos.package.Package(models_dir / top)
        return _info(installed), replaced


def remove_model(code: str, models_dir: Path) -> list[ModelInfo]:
    """Remove the packages for a pair (``bg-en``, ``bg_en``, ``bg->en``) or a package name."""
    key = norm_code(code).replace("->", "-").replace(">", "-")
    argos = load_argos(models_dir)
    with _lock:
        removed = []
        for pkg in _packages(argos, models_dir):
            info = _info(pkg)
            if key in (info.pair, norm_code(info.name)):
                argos.package.uninstall(pkg)
                removed.append(info)
        reset_caches()
    if not removed:
        raise ModelError(f"no installed model matches {code!r} in {models_dir} (see: tqkit models list)")
    return removed


# -- translating ------------------------------------------------------------------------------


def missing_model_message(pairs: Sequence[tuple[str, str]]) -> str:
    """One line naming the missing pairs and the command that installs them."""
    shown = ", ".join(f"{a}->{b}" for a, b in pairs)
    files = " ".join(f"translate-{a}_{b}-VERSION.argosmodel" for a, b in pairs)
    one = "one" if len(pairs) == 1 else "them"
    return (
        f"no offline MT model for {shown}; install {one} with: tqkit models install {files} "
        "(download the .argosmodel file on a machine with network access)"
    )


_SPACE_RE = re.compile(r"\s+")


def clean_sentence(text: str) -> str:
    """A sentence as MT sees it: masks and line breaks become spaces, spaces collapse."""
    return _SPACE_RE.sub(" ", text.replace("\x00", " ")).strip()


def _translation_classes(argos: SimpleNamespace) -> tuple[type, type]:
    cached = getattr(argos.translate, "_tqkit_classes", None)
    if cached is not None:
        return cast("tuple[type, type]", cached)

    class TqkitSentencizer(argos.sbd.ISentenceBoundaryDetectionModel):  # type: ignore[name-defined]
        """Rule-based splitting by tqkit: no model, no download."""

        def __init__(self, pkg: Any):
            self.pkg = pkg

        def split_sentences(self, text: str) -> list[str]:
            return split_sentences(text) or ([text] if text.strip() else [])

        def __str__(self) -> str:
            return "TqkitSentencizer"

    class TqkitPackageTranslation(argos.translate.PackageTranslation):  # type: ignore[name-defined]
        """Argos' PackageTranslation without its default (downloading) sentencizer."""

        def __init__(self, from_lang: Any, to_lang: Any, pkg: Any):
            self.from_lang = from_lang
            self.to_lang = to_lang
            self.pkg = pkg
            self.translator = None
            self.sentencizer = TqkitSentencizer(pkg)

    argos.translate._tqkit_classes = (TqkitSentencizer, TqkitPackageTranslation)
    return TqkitSentencizer, TqkitPackageTranslation


class SentenceTranslator:
    """Translates sentences with one installed package; remembers recent results."""

    def __init__(self, argos: SimpleNamespace, pkg: Any):
        _, translation_cls = _translation_classes(argos)
        from_lang = argos.translate.Language(pkg.from_code, pkg.from_name or pkg.from_code)
        to_lang = argos.translate.Language(pkg.to_code, pkg.to_name or pkg.to_code)
        self.info = _info(pkg)
        self.translation = translation_cls(from_lang, to_lang, pkg)
        self._memo: dict[str, str] = {}

    def translate_sentence(self, sentence: str) -> str:
        text = clean_sentence(sentence)
        if not text:
            return ""
        hit = self._memo.get(text)
        if hit is not None:
            return hit
        with _lock:
            out = self.translation.hypotheses(text, num_hypotheses=1)[0].value
        out = clean_sentence(out)
        if len(self._memo) >= CACHE_SIZE:
            self._memo.pop(next(iter(self._memo)))
        self._memo[text] = out
        return out

    def translate_sentences(self, sentences: Sequence[str]) -> list[str]:
        return [self.translate_sentence(s) for s in sentences]

    def translate(self, text: str) -> str:
        """Free text: paragraphs (blank-line separated) and sentences split by tqkit."""
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        return "\n\n".join(" ".join(self.translate_sentences(split_sentences(p) or [p])) for p in paragraphs)


def get_translators(pairs: Sequence[tuple[str, str]], models_dir: Path) -> list[SentenceTranslator]:
    """Translators for each ``(from, to)`` pair, in order. Raises :class:`MTUnavailable` naming
    every missing pair at once."""
    argos = load_argos(models_dir)
    wanted = [(norm_code(a), norm_code(b)) for a, b in pairs]
    with _lock:
        out: list[SentenceTranslator | None] = []
        missing = []
        available = None
        for a, b in wanted:
            key = (str(models_dir), a, b)
            if key in _translators:
                out.append(_translators[key])
                continue
            if available is None:
                available = {(_info(p).from_code, _info(p).to_code): p for p in _packages(argos, models_dir)}
            pkg = available.get((a, b))
            if pkg is None:
                missing.append((a, b))
                out.append(None)
                continue
            translator = SentenceTranslator(argos, pkg)
            _translators[key] = translator
            out.append(translator)
        if missing:
            raise MTUnavailable(missing_model_message(missing))
        return [t for t in out if t is not None]


def get_translator(from_code: str, to_code: str, models_dir: Path) -> SentenceTranslator:
    return get_translators([(from_code, to_code)], models_dir)[0]
