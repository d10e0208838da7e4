"""The review app's widgets, one per module: the document, the finding list, the top bar, the
detail pane and the source pane. Each shows what the review core (:mod:`tqkit.review`) hands
it; none changes the session."""

from __future__ import annotations

from .detail_pane import DetailPane
from .document_view import DocumentView
from .finding_list import FindingList
from .source_pane import SourcePane
from .top_bar import TopBar

__all__ = ["DetailPane", "DocumentView", "FindingList", "SourcePane", "TopBar"]
