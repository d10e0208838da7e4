"""Severity marks and colours shared by the widgets."""

from __future__ import annotations

from tqkit.findings import Severity

SEVERITY_STYLE = {Severity.ERROR: "$error", Severity.WARNING: "$warning", Severity.INFO: "$primary"}
SEVERITY_MARK = {Severity.ERROR: "E", Severity.WARNING: "W", Severity.INFO: "I"}
