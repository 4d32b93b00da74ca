"""JUnit XML for CI dashboards: one testcase per file linted, failing on its errors and warnings. Imports no stage."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from convlint.diagnostics import Diagnostic

FAILING = ("error", "warning")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # XML 1.0 has no escape for these


def render_junit(paths: Sequence[str], diagnostics: Sequence[Diagnostic]) -> str:
    """Every path gets a testcase, clean ones too, so a dashboard counts passing files; a path
    that only a diagnostic names (not in `paths`) is added after them."""
    by_path: dict[str, list[Diagnostic]] = {path: [] for path in paths}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    failures = sum(any(d.severity in FAILING for d in found) for found in by_path.values())
    counts = {"tests": str(len(by_path)), "failures": str(failures), "errors": "0", "skipped": "0"}
    root = ET.Element("testsuites", name="convlint", **counts)
    suite = ET.SubElement(root, "testsuite", name="convlint", **counts)
    for path, found in by_path.items():
        case = ET.SubElement(suite, "testcase", classname="convlint", name=_xml(path))
        failing = [d for d in found if d.severity in FAILING]
        if failing:
            lines = [_line(d) for d in failing]
            failure = ET.SubElement(case, "failure", type=failing[0].code, message=lines[0])
            failure.text = "\n".join(lines)
        notes = [_line(d) for d in found if d.severity not in FAILING]
        if notes:  # info findings do not fail the file, but stay visible in the dashboard
            ET.SubElement(case, "system-out").text = "\n".join(notes)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _line(d: Diagnostic) -> str:
    message = " ".join(d.shown_message.splitlines())
    return _xml(f"{d.span.line}:{d.span.column} {d.code} {message}")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
