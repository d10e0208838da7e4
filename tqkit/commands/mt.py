"""``tqkit models`` (install, list, remove offline MT models) and ``tqkit roundtrip``.

Both need the optional ``mt`` extra (Argos Translate). Without it, or without the model a
command needs, they exit 2 with one line saying what to install.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

import click

from tqkit.errors import ModelError, MTUnavailable
from tqkit.langs import likely_language
from tqkit.mt.argos import install_model, list_models, remove_model, resolve_models_dir
from tqkit.mt.roundtrip import SentenceScore, roundtrip_scores, source_scores

_MODELS_DIR_HELP = "Offline MT models directory [default: $TQKIT_MODELS_DIR or ~/.local/share/tqkit/argos]."


def fail(message: str) -> NoReturn:
    click.echo(f"tqkit: {message}", err=True)
    sys.exit(2)


@click.group()
def models() -> None:
    """Install, list and remove offline machine-translation models (Argos Translate).

    Models are .argosmodel files; download them on a machine with network access and copy
    them over. tqkit never downloads anything.
    """


@models.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--models-dir", type=click.Path(file_okay=False), default=None, help=_MODELS_DIR_HELP)
def list_cmd(fmt: str, models_dir: str | None) -> None:
    """List the installed models (language pair, package, version)."""
    root = resolve_models_dir(models_dir)
    try:
        found = list_models(root)
    except (MTUnavailable, ModelError) as exc:
        fail(str(exc))
    if fmt == "json":
        click.echo(json.dumps({"models_dir": str(root), "models": [m.as_dict() for m in found]}, indent=2))
        return
    if not found:
        click.echo(f"No offline MT models in {root}.")
        click.echo("Install one with: tqkit models install FILE.argosmodel")
        return
    rows = [("CODE", "FROM", "TO", "VERSION", "PACKAGE")] + [
        (m.pair, m.from_name or m.from_code, m.to_name or m.to_code, m.version or "-", m.name) for m in found
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    click.echo(f"({len(found)} in {root})")


@models.command("path")
@click.option("--models-dir", type=click.Path(file_okay=False), default=None, help=_MODELS_DIR_HELP)
def path_cmd(models_dir: str | None) -> None:
    """Print the models directory in use (it need not exist yet)."""
    click.echo(str(resolve_models_dir(models_dir)))


@models.command("install")
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--models-dir", type=click.Path(file_okay=False), default=None, help=_MODELS_DIR_HELP)
def install_cmd(paths: tuple[str, ...], models_dir: str | None) -> None:
    """Install .argosmodel files (an installed model for the same pair is replaced)."""
    root = resolve_models_dir(models_dir)
    for path in paths:
        try:
            info, replaced = install_model(path, root)
        except (MTUnavailable, ModelError) as exc:
            fail(str(exc))
        except OSError as exc:
            fail(f"{path}: cannot install ({exc.strerror or exc})")
        extra = f" (replaced {', '.join(r.name for r in replaced)})" if replaced else ""
        click.echo(f"Installed {info.pair} {info.name} {info.version}{extra}")


@models.command("remove")
@click.argument("codes", nargs=-1, required=True)
@click.option("--models-dir", type=click.Path(file_okay=False), default=None, help=_MODELS_DIR_HELP)
def remove_cmd(codes: tuple[str, ...], models_dir: str | None) -> None:
    """Remove models by language pair (bg-en or bg_en) or package name."""
    root = resolve_models_dir(models_dir)
    for code in codes:
        try:
            removed = remove_model(code, root)
        except (MTUnavailable, ModelError) as exc:
            fail(str(exc))
        for info in removed:
            click.echo(f"Removed {info.pair} {info.name}")


@click.command()
@click.argument("file", type=click.Path())
@click.option("--via", default=None, help="Pivot language of the round trip (e.g. bg): target -> LANG -> target.")
@click.option(
    "--source",
    "source",
    type=click.Path(),
    default=None,
    help="The original article: compare each sentence with the MT of its source instead.",
)
@click.option("--source-lang", default=None, help="Language of --source [default: detected].")
@click.option("--target-lang", default="en", show_default=True, help="Language of FILE.")
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=0.5,
    show_default=True,
    help="Report sentences whose chrF score (0-1 scale: chrF/100) is below this.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--encoding", default=None, help="Encoding of the input files (default: UTF-8, BOM allowed).")
@click.option("--models-dir", type=click.Path(file_okay=False), default=None, help=_MODELS_DIR_HELP)
def roundtrip(
    file: str,
    via: str | None,
    source: str | None,
    source_lang: str | None,
    target_lang: str,
    threshold: float,
    fmt: str,
    encoding: str | None,
    models_dir: str | None,
) -> None:
    """Find sentences whose meaning may have drifted, with offline MT.

    With --via LANG each sentence of FILE is translated into LANG and back, and the
    back-translation is compared with the sentence. With --source SRC each sentence of the
    original is machine-translated and compared with its human translation in FILE (sentences
    paired by paragraph order, then sentence order). Scores are sentence chrF scaled to 0-1.

    Exit codes: 0 nothing below --threshold, 1 some sentences reported, 2 usage or input error
    (including a missing model or the missing 'mt' extra).
    """
    from tqkit.errors import InputError
    from tqkit.readers import read_path

    if bool(via) == bool(source):
        fail("give either --via LANG (round trip) or --source FILE (compare with the source)")
    root = resolve_models_dir(models_dir)
    note = None
    lang: str | None = None
    try:
        doc = read_path(file, encoding, target_lang)
        if source:
            src_doc = read_path(source, encoding, target_lang)
            lang = source_lang or likely_language(src_doc.view)
            if not lang:
                fail(f"{source}: cannot tell the language of the source; pass --source-lang")
            scores, note = source_scores(doc, src_doc, lang, root, target_lang)
        else:
            assert via is not None
            scores = roundtrip_scores(doc, via, root, target_lang)
    except InputError as exc:
        fail(str(exc))
    except (MTUnavailable, ModelError) as exc:
        fail(f"{file}: {exc}")
    if note:
        click.echo(f"tqkit: {file}: {note}", err=True)
    low = [s for s in scores if s.score < threshold]
    mean = sum(s.score for s in scores) / len(scores) if scores else None
    if fmt == "json":
        payload = {
            "file": file,
            "mode": "source" if source else "roundtrip",
            "via": via,
            "source": source,
            "source_lang": lang,
            "scale": "chrF/100 (0-1)",
            "threshold": threshold,
            "sentences": len(scores),
            "mean": round(mean, 4) if mean is not None else None,
            "reported": [_json_row(doc.position(s.span.start), s) for s in low],
        }
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        _text_report(file, doc.position, low, via, bool(source))
        how = f"round trip via {via}" if via else "MT of the source"
        mean_s = f", mean {mean:.2f}" if mean is not None else ""
        click.echo(f"{len(low)} of {len(scores)} sentences below {threshold:.2f} ({how}{mean_s})")
    sys.exit(1 if low else 0)


def _json_row(pos: tuple[int, int], score: SentenceScore) -> dict[str, object]:
    row = score.as_dict()
    row["line"], row["column"] = pos
    return row


def _text_report(
    file: str,
    position: Callable[[int], tuple[int, int]],
    low: Sequence[SentenceScore],
    via: str | None,
    source_mode: bool,
) -> None:
    for s in low:
        line, col = position(s.span.start)
        click.echo(f"{file}:{line}:{col}: {s.score:.2f}  {s.text}")
        if source_mode:
            click.echo(f"    source:  {s.intermediate}")
            click.echo(f"    MT:      {s.mt}")
        else:
            click.echo(f"    via {via}:  {s.intermediate}")
            click.echo(f"    back:    {s.mt}")
