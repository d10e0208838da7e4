"""Every error tqkit shows to its user: ``str()`` is one line naming the file (and line when
known); the command line prints it and exits 2, never a traceback.

The bottom layer: this module imports nothing from tqkit, so any module may raise these.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "AlignmentError",
    "AuditError",
    "AuditInputError",
    "CacheError",
    "ChangedOnDiskError",
    "CsvError",
    "GlossaryError",
    "InputError",
    "MTUnavailable",
    "ModelError",
    "NameDataError",
    "NotRegularFileError",
    "PackError",
    "PatternError",
    "ProfileError",
    "ReadOnlyError",
    "ReportError",
    "ResourceError",
    "ScoreInputError",
    "TbxError",
    "UnknownLanguage",
    "WriteError",
]


def _where(path: str, line: int | None) -> str:
    return f"{path}:{line}" if line else path


# -- input -----------------------------------------------------------------------------------


class InputError(Exception):
    """A file cannot be read or used. ``str()`` is the one-line message shown to the user."""

    def __init__(self, path: str, message: str, line: int | None = None):
        if "\n" in message or "\r" in message:  # parsers' messages may quote several lines
            message = " ".join(message.split())
        self.path, self.message, self.line = path, message, line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class PackError(InputError):
    """A rule pack that cannot be used: ``str()`` is ``FILE:LINE: message``."""


class PatternError(ValueError):
    """A pack pattern that cannot be compiled; the message says why. ``where`` is set by
    ``compile_entry`` to the field and item it came from (``("patterns", 2)``)."""

    where: tuple[str, int] | None = None


class CacheError(ValueError):
    """A compiled-pack cache entry that is not what this version writes."""


class ScoreInputError(Exception):
    """``tqkit score``: a file could not be read or the files cannot be aligned (one line; the
    message names the file when there is one)."""


class AlignmentError(Exception):
    """The two documents cannot be aligned (empty, or too large). ``str()`` is one line."""


# -- data ------------------------------------------------------------------------------------


class ResourceError(Exception):
    """A data file could not be read; the message names the file (and line when known)."""


class GlossaryError(ResourceError):
    """A glossary file is unreadable or invalid; ``str()`` is one line naming file and line.
    ``problems`` are the schema problems found (``tqkit.glossary.load.Problem``)."""

    def __init__(self, path: str, message: str, line: int | None = None, problems: Sequence[object] = ()):
        self.path, self.message, self.line = path, message, line
        self.problems = list(problems)
        super().__init__(f"{_where(path, line)}: {message}")


class NameDataError(ResourceError):
    """A gazetteer file is broken; the message is ``FILE:LINE: problem``."""


class CsvError(Exception):
    """A CSV glossary cannot be read; ``str()`` is one line naming file and line."""


class TbxError(Exception):
    """A TBX file cannot be read; ``str()`` is one line."""


class UnknownLanguage(ValueError):
    """A code that names no language; the message lists the languages tqkit has profiles for."""


class ProfileError(ValueError):
    """A profile file that does not follow the format (``FILE:LINE: message``)."""


class MTUnavailable(Exception):
    """Offline MT cannot run: the ``mt`` extra or a model is missing. ``str()`` is one line
    telling the user exactly what to install."""


class ModelError(Exception):
    """A model file or a ``models`` command argument is unusable (one-line message)."""


# -- writing ---------------------------------------------------------------------------------


class WriteError(OSError):
    """A write was refused or failed; ``str()`` is one line naming the file."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ChangedOnDiskError(WriteError):
    """The file changed since it was read (compare-and-swap failed)."""


class ReadOnlyError(WriteError):
    """The file (or its directory) may not be written."""


class NotRegularFileError(WriteError):
    """The path is not a regular file (a directory, FIFO, device or socket)."""


# -- review ----------------------------------------------------------------------------------


class ExternalChangeError(Exception):
    """``tqkit review``: the article changed on disk since it was opened or last saved."""


class SaveError(ValueError):
    """``tqkit review``: the article cannot be written as it stands (e.g. a character its
    encoding lacks); ``str()`` is one line naming the file and place."""


# -- audit -----------------------------------------------------------------------------------


class AuditError(Exception):
    """A problem that stops the audit: one line for the user, exit 2."""


class AuditInputError(Exception):
    """An input that cannot be audited at all (one line, naming the file)."""


class ReportError(Exception):
    """The directory is not an audit output (one line)."""
