"""The review core: everything ``tqkit review`` does to an article, without a user interface.

* :mod:`.session` - :class:`~.session.ReviewSession`: the text, its findings,
  accept/edit/dismiss, undo/redo, checking (called from a worker) and atomic saving;
* :mod:`.edits` - positions through edits (spans, fixes, findings), inverse edits, text diffs;
* :mod:`.dismissals` - dismissed findings in the article's sidecar file;
* :mod:`.source` - the sentence alignment with the original and the source excerpt;
* :mod:`.filters` - which findings show, in which order and groups;
* :mod:`.excerpts` - the article around a finding or a fix;
* :mod:`.files` - fingerprints, save-time checks and errors;
* :mod:`.lookup` - glossary lookup.

Nothing here imports Textual: the TUI (``tqkit.tui``) drives it, and the language server
(``tqkit.server``) reuses the edit mapping. Import from the modules: this package imports
nothing, so ``tqkit.review.edits`` costs the server no more than itself.
"""
