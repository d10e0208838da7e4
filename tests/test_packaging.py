"""The wheel ships every engine package, the Textual app as tqkit.tui and the glossaries."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "tqkit").rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert config["package-dir"]["tqkit.tui"] == "tui"
    assert config["package-dir"]["tqkit._glossaries"] == "glossaries"
    assert (ROOT / "tui" / "__init__.py").exists()


def test_glossary_data_is_shipped() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    patterns = config["package-data"]["tqkit._glossaries"]
    shipped = [
        p.relative_to(ROOT / "glossaries").as_posix()
        for p in (ROOT / "glossaries").rglob("*")
        if any(p.relative_to(ROOT / "glossaries").match(pat) for pat in patterns)
    ]
    assert set(shipped) >= {"nagorno-karabakh.yaml", "packs/calques.yaml", "packs/FORMAT.md"}
    # every rule pack ships
    packs = {f"packs/{p.name}" for p in (ROOT / "glossaries" / "packs").glob("*.yaml")}
    assert packs <= set(shipped)


def test_every_glossary_subdirectory_is_a_listed_data_package() -> None:
    # setuptools warns about (and will drop) data directories that are not listed packages
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    subdirs = {p.name for p in (ROOT / "glossaries").iterdir() if p.is_dir() and not p.name.startswith((".", "__"))}
    for name in subdirs:
        package = f"tqkit._glossaries.{name}"
        assert package in config["packages"], f"add {package} to [tool.setuptools] packages"
        assert config["package-data"].get(package), f"add [tool.setuptools.package-data] for {package}"
