"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, every rule. Imports no stage."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

from convlint.diagnostics import Diagnostic, Span
from convlint.rulespec import RuleSpec

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def render_sarif(diagnostics: Sequence[Diagnostic], rules: Mapping[str, RuleSpec], version: str,
                 information_uri: str | None = None) -> str:
    descriptors = [rule_descriptor(spec) for spec in rules.values()]
    index = {spec.code: i for i, spec in enumerate(rules.values())}
    for d in diagnostics:  # a code no rule file knows still gets a descriptor, so ruleIndex holds
        if d.code not in index:
            index[d.code] = len(descriptors)
            descriptors.append({"id": d.code, "name": d.name, "shortDescription": {"text": d.name},
                                "defaultConfiguration": {"level": LEVELS[d.severity]}})
    driver: dict = {"name": "convlint", "version": version}
    if information_uri:
        driver["informationUri"] = information_uri
    driver["rules"] = descriptors
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            # libcst counts columns in code points; SARIF's default is UTF-16 code units.
            "columnKind": "unicodeCodePoints",
            "results": [result(d, index[d.code]) for d in diagnostics],
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def rule_descriptor(spec: RuleSpec) -> dict:
    why = spec.why.strip() or spec.summary
    fix = _PLACEHOLDER.sub(r"<\1>", spec.fix) if spec.fix else None  # a template: show its slots
    text = [why] + ([f"Fix: {fix}"] if fix else [])
    # Prose is escaped for markdown: GitHub would drop `<actual>` as an unknown HTML tag.
    markdown = [html.escape(line, quote=False) for line in text]
    for title, raw in (("Example", spec.example), ("Use instead", spec.use_instead)):
        sample = raw.strip("\n")
        if not sample.strip():
            continue
        text.append(f"{title}:\n{sample}")
        # Rule files write code as a ''' block (ends in a newline) and a phrase as a plain string.
        markdown.append(f"{title}:\n```python\n{sample}\n```" if raw.endswith("\n")
                        else f"{title}: {html.escape(sample, quote=False)}")
    return {
        "id": spec.code,
        "name": spec.name,
        "shortDescription": {"text": spec.summary},
        "fullDescription": {"text": why},
        "help": {"text": "\n\n".join(text), "markdown": "\n\n".join(markdown)},
        "defaultConfiguration": {"level": LEVELS.get(spec.severity, "warning")},
    }


def result(d: Diagnostic, rule_index: int) -> dict:
    out: dict = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": LEVELS[d.severity],
        "message": {"text": f"{d.message}\nhelp: {d.fix}" if d.fix else d.message},
        "locations": [location(d.path, d.span)],
    }
    if d.related:
        out["relatedLocations"] = [location(d.path, span, id_=i) for i, span in enumerate(d.related)]
    properties = {key: value for key, value in (("model", d.model), ("layer", d.layer), ("confirmation", d.confirmation),
                                                ("confirmationDetail", d.confirmation_detail)) if value}
    if properties:
        out["properties"] = properties
    return out


def location(path: str, span: Span, id_: int | None = None) -> dict:
    region = {"startLine": span.line, "startColumn": span.column,
              "endLine": span.end_line, "endColumn": span.end_column}
    out: dict = {} if id_ is None else {"id": id_}
    out["physicalLocation"] = {"artifactLocation": artifact(path), "region": region}
    return out


def artifact(path: str) -> dict:
    """A relative path stays relative to %SRCROOT% (code scanning resolves it against the
    checkout); an absolute one becomes a file: URI."""
    windows = PureWindowsPath(path)
    if windows.drive and windows.is_absolute():
        return {"uri": windows.as_uri()}
    posix = path.replace("\\", "/")
    if posix.startswith("/"):
        return {"uri": PurePosixPath(posix).as_uri()}
    while posix.startswith("./"):
        posix = posix[2:]
    return {"uri": quote(posix, safe="/"), "uriBaseId": SRCROOT}
