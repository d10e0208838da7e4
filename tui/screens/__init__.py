"""The review app's dialogs, one per module: help, a question with answers, one line of input,
the filter, the glossary lookup."""

from __future__ import annotations

from .choice import ChoiceScreen
from .filter import FilterScreen
from .glossary import GlossaryScreen
from .help import HelpScreen
from .input import InputScreen

__all__ = ["ChoiceScreen", "FilterScreen", "GlossaryScreen", "HelpScreen", "InputScreen"]
