"""``tqkit server``: a Language Server Protocol server over stdio (pygls).

Diagnostics on open, change (debounced) and save; a quick fix per suggested fix (safe ones
preferred) and a ``source.fixAll.tqkit`` action applying every safe fix; hover with the rule's
documentation. Settings come from the same ``[tool.tqkit]`` discovery as ``tqkit check``, plus
what the editor sends (``glossary``, ``source``, ``select``, ``ignore``, ``targetLang``...).

Only protocol messages go to stdout: the real stdout is handed to pygls and ``sys.stdout`` is
pointed at stderr, so a stray ``print`` cannot corrupt the stream. Malformed JSON gets a
``-32700`` error, a request with bad parameters ``-32602``, an unknown method ``-32601``.
"""

from __future__ import annotations

from tqkit.server.checker import LiveChecker, Positions, ServerConfig

__all__ = ["LiveChecker", "Positions", "ServerConfig"]
