"""Shared text helpers, the bottom layer under documents, readers, data and rules (nothing here
imports the rest of tqkit):

- :mod:`~tqkit.text.fold`: ``fold``, length-preserving case folding for matching;
- :mod:`~tqkit.text.scripts`: the ``Script`` enum, ``script_of`` (one letter), ``script_label``
  (the name a message shows), ``script_counts`` and ``scripts_in``;
- :mod:`~tqkit.text.translit`: romanisation of Bulgarian, Russian and Armenian,
  ``romanisation_language`` (which romanisation applies, from the letters; not a language
  detector: that is ``tqkit.langs.likely_language``) and ``phonetic_key`` for comparing spellings;
- :mod:`~tqkit.text.escape`: ``escape_controls``, terminal-safe text.
"""
