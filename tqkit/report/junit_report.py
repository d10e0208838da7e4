"""JUnit XML: one test suite per file, one failing test case per finding (CI dashboards)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO
from xml.etree import ElementTree as ET

from tqkit.report import locate

if TYPE_CHECKING:
    from tqkit.results import FileResult


def emit(results: Sequence[FileResult], stream: TextIO, *, color: bool = False, **options: object) -> None:
    root = ET.Element("testsuites", name="tqkit")
    total = failures = errors = 0
    for r, locs in locate(results):
        suite = ET.SubElement(root, "testsuite", name=r.path)
        if r.error:
            case = ET.SubElement(suite, "testcase", name="read", classname=r.path)
            ET.SubElement(case, "error", message=r.error).text = r.error
            suite.set("tests", "1")
            suite.set("failures", "0")
            suite.set("errors", "1")
            total += 1
            errors += 1
            continue
        if not locs:
            ET.SubElement(suite, "testcase", name="tqkit", classname=r.path)
        for loc in locs:
            f = loc.finding
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"{f.rule} {f.name} at {loc.line}:{loc.column}",
                classname=r.path,
                file=r.path,
                line=str(loc.line),
            )
            body = f"{r.path}:{loc.line}:{loc.column}: {f.rule} {f.message}"
            if f.fixes:
                body += f"\nfix: {f.fixes[0].title}"
            ET.SubElement(case, "failure", message=f.message, type=f.severity.label).text = body
        n = max(1, len(locs))
        suite.set("tests", str(n))
        suite.set("failures", str(len(locs)))
        suite.set("errors", "0")
        total += n
        failures += len(locs)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
