"""The review core: everything ``tqkit review`` does to an article, without a user interface.

* :mod:`.session` - :class:`ReviewSession`: the text, its findings, accept/edit/dismiss,
  undo/redo, checking (called from a worker) and atomic saving;
* :mod:`.edits` - positions through edits (spans, fixes, findings), inverse edits, text diffs;
* :mod:`.dismissals` - dismissed findings in the article's sidecar file;
* :mod:`.source` - the sentence alignment with the original and the source excerpt;
* :mod:`.filters` - which findings show, in which order and groups;
* :mod:`.excerpts` - the article around a finding or a fix;
* :mod:`.files` - fingerprints, save-time checks and errors;
* :mod:`.lookup` - glossary lookup.

Nothing here imports Textual: the TUI (``tqkit.tui``) drives it, and the language server
(``tqkit.server``) reuses the edit mapping.
"""

from __future__ import annotations

from .dismissals import Dismissal, DismissStore, sidecar_path
from .edits import (
    diff_edits,
    inverse_edits,
    map_finding,
    map_fix,
    map_point,
    map_span,
    shift_finding,
)
from .excerpts import FixPreview, edit_context, fix_preview
from .files import ExternalChangeError, Fingerprint, SaveError
from .filters import ANY, Filters
from .session import Change, Checker, Item, ReviewSession, default_checker
from .source import SourceAlignment, SourceExcerpt, SourceLink, align_with_source

__all__ = [
    "ANY",
    "Change",
    "Checker",
    "DismissStore",
    "Dismissal",
    "ExternalChangeError",
    "Filters",
    "Fingerprint",
    "FixPreview",
    "Item",
    "ReviewSession",
    "SaveError",
    "SourceAlignment",
    "SourceExcerpt",
    "SourceLink",
    "align_with_source",
    "default_checker",
    "diff_edits",
    "edit_context",
    "fix_preview",
    "inverse_edits",
    "map_finding",
    "map_fix",
    "map_point",
    "map_span",
    "shift_finding",
    "sidecar_path",
]
