"""tqkit: a translation-quality toolkit for machine-translated news copy.

The engine is plain Python and never imports the Textual UI. Small public API::

    from tqkit import check_text
    for finding in check_text("none of the big the the ..."):
        print(finding.rule, finding.message)
"""

from __future__ import annotations

__version__ = "0.1.0"

from tqkit.api import check_file, check_text, load_glossary
from tqkit.document import Document, Segment
from tqkit.findings import Category, Edit, Finding, Fix, Severity, Span

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
