"""The article on disk: its fingerprint (to notice outside changes), the compare-and-swap stamp
of :mod:`tqkit.atomic`, and the checks made before a save (format kept, every character
encodable)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from tqkit.atomic import Stamp, stamp_of
from tqkit.document import Document
from tqkit.errors import SaveError, WriteError
from tqkit.readers import Reader, reader_for

PLAIN_FORMATS = frozenset({"text", "markdown"})  # interchangeable on save as


@dataclass
class Fingerprint:
    mtime_ns: int
    size: int
    sha256: str

    @classmethod
    def of(cls, path: str | Path) -> Fingerprint | None:
        try:
            st = os.stat(path)
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            return None
        return cls(st.st_mtime_ns, st.st_size, digest)

    def same_stat(self, mtime_ns: int, size: int) -> bool:
        return (mtime_ns, size) == (self.mtime_ns, self.size)


def changed_since(path: str, fingerprint: Fingerprint | None) -> bool:
    """The file differs from ``fingerprint`` (hashed only when mtime or size moved)."""
    now = Fingerprint.of(path)
    if now is None or fingerprint is None:
        return now != fingerprint
    if fingerprint.same_stat(now.mtime_ns, now.size):
        return False
    return now.sha256 != fingerprint.sha256


def quick_changed_since(path: str, fingerprint: Fingerprint | None) -> bool:
    """Cheap poll: stat only (hash only when mtime or size moved)."""
    try:
        st = os.stat(path)
    except OSError:
        return fingerprint is not None
    if fingerprint is not None and fingerprint.same_stat(st.st_mtime_ns, st.st_size):
        return False
    return changed_since(path, fingerprint)


def take_stamp(path: str | Path) -> Stamp | None:
    """The compare-and-swap stamp of the file (``None`` when it cannot be taken)."""
    try:
        return stamp_of(path)
    except WriteError:
        return None


def check_format(reader: Reader, path: str, dest: str) -> None:
    """Save as keeps the format: the bytes are the original reader's (plain text and Markdown
    are interchangeable). Raises :class:`SaveError` otherwise."""
    have, want = reader.name, reader_for(dest).name
    if have != want and not {have, want} <= PLAIN_FORMATS:
        suffix = Path(path).suffix or "(none)"
        raise SaveError(f"{dest}: cannot save a {have} file as {want}: keep the {suffix} suffix")


def unencodable_message(path: str, text: str, encoding: str, exc: UnicodeEncodeError) -> str:
    """One line naming the first character ``encoding`` cannot hold, and where."""
    for offset, ch in enumerate(text):
        try:
            ch.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            line, col = Document(path, text).position(offset)
            return (
                f"{path}:{line}:{col}: cannot save: “{ch}” (U+{ord(ch):04X}) has no "
                f"{encoding} encoding; replace it and save again"
            )
    return f"{path}: cannot save in {encoding}: {exc.reason}"
