"""tqkit: a translation-quality toolkit for machine-translated news copy.

The engine is plain Python and never imports the Textual UI. Small public API::

    from tqkit import check_text
    for finding in check_text("none of the big the the ..."):
        print(finding.rule, finding.message)
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

from tqkit import recache as _recache

# compiled regular expressions from the cache, before any tqkit module compiles its own
_recache.seed()

if TYPE_CHECKING:
    from tqkit.api import check_file, check_text, load_glossary
    from tqkit.document import Document, Segment
    from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span

# The public names load on first use, so that `tqkit --version` and every command pay only for
# what they import (PEP 562).
_LAZY = {
    "check_file": "tqkit.api",
    "check_text": "tqkit.api",
    "load_glossary": "tqkit.api",
    "Document": "tqkit.document",
    "Segment": "tqkit.document",
    "Category": "tqkit.findings",
    "Edit": "tqkit.findings",
    "Finding": "tqkit.findings",
    "Fix": "tqkit.findings",
    "Severity": "tqkit.findings",
    "Span": "tqkit.findings",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tqkit' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "Category",
    "Document",
    "Edit",
    "Finding",
    "Fix",
    "Segment",
    "Severity",
    "Span",
    "__version__",
    "check_file",
    "check_text",
    "load_glossary",
]
