"""Text shown on a terminal: control characters escaped, so file content and error messages
cannot move the cursor, retitle the window or reorder the line."""

from __future__ import annotations

import re

__all__ = ["escape_controls"]

# Characters a terminal acts on instead of showing: C0 controls (escape sequences start with
# ESC), DEL, C1 controls, and the bidirectional overrides and isolates that reorder a line.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape_one(m: re.Match[str]) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def escape_controls(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with terminal control characters shown escaped (``\\x1b``), never raw: file
    content and error messages printed to a terminal cannot move the cursor, retitle the
    window, or reorder the line. Tabs are kept; newlines too with ``keep_newlines``."""
    if keep_newlines:
        return "\n".join(_CONTROL_RE.sub(_escape_one, part) for part in text.split("\n"))
    text = text.replace("\n", "\\n") if "\n" in text else text
    return _CONTROL_RE.sub(_escape_one, text)
