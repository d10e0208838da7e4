"""Fixtures for the offline-MT tests: real (tiny, random) Argos packages and no network.

Every test here runs with ``socket.socket`` and ``socket.create_connection`` replaced by
functions that record the attempt and raise; a final check in the ``no_network`` fixture fails
the test if anything tried to open a socket. The models directory is a fresh temporary
directory per test (``TQKIT_MODELS_DIR`` points there), so nothing reads or writes ``~``.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

# The `mt` extra: without it these tests are skipped, not failed at collection.
pytest.importorskip("argostranslate")
pytest.importorskip("ctranslate2")
pytest.importorskip("sentencepiece")
pytest.importorskip("numpy")

from mt_modelbuild import build_argosmodel, train_sentencepiece

from tqkit.mt.argos import install_model, reset_caches


class SocketBlocked(OSError):
    pass


def _blocked(attempts: list[str]) -> object:
    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args)[:200])
        raise SocketBlocked("network access in a test")

    return refuse


def _blocked_socket(attempts: list[str]) -> type:
    """A ``socket.socket`` stand-in that refuses to be created (a class, so that modules
    subclassing ``socket.socket`` on import, like ``ssl``, still import)."""

    class BlockedSocket(socket.socket):
        def __init__(self, *args: object, **kwargs: object) -> None:
            attempts.append(repr(args)[:200])
            raise SocketBlocked("network access in a test")

    return BlockedSocket


@pytest.fixture(scope="session")
def argos_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two ``.argosmodel`` files, en->bg and bg->en, built at test time (a second or so)."""
    attempts: list[str] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket, "socket", _blocked_socket(attempts))
        mp.setattr(socket, "create_connection", _blocked(attempts))
        root = tmp_path_factory.mktemp("argosmodels")
        sp_model = train_sentencepiece()
        out = {
            "en-bg": build_argosmodel(root / "translate-en_bg-0_1.argosmodel", "en", "bg", sp_model, seed=1),
            "bg-en": build_argosmodel(root / "translate-bg_en-0_1.argosmodel", "bg", "en", sp_model, seed=2),
        }
    assert not attempts, f"building the test models tried to open sockets: {attempts}"
    return out


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    attempts: list[str] = []
    monkeypatch.setattr(socket, "socket", _blocked_socket(attempts))
    monkeypatch.setattr(socket, "create_connection", _blocked(attempts))
    yield attempts
    assert not attempts, f"a test tried to open a socket: {attempts}"


@pytest.fixture(autouse=True)
def empty_models_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh, empty models directory (also the ``TQKIT_MODELS_DIR`` default)."""
    models = tmp_path / "models"
    monkeypatch.setenv("TQKIT_MODELS_DIR", str(models))
    reset_caches()
    yield models
    reset_caches()


@pytest.fixture
def models_dir(empty_models_dir: Path, argos_packages: dict[str, Path]) -> Path:
    """The models directory with en->bg and bg->en installed."""
    for path in argos_packages.values():
        install_model(path, empty_models_dir)
    return empty_models_dir
