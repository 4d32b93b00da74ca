"""One file through the stages: source -> evaluator -> checks -> diagnostics.

Every failure stays inside its file (a CL0xx diagnostic) or its model (CL999)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from convlint.diagnostics import FILE_START, Diagnostic, Span
from convlint.model import ModelAnalysis
from convlint.rulespec import load_rules

DEFAULT_EXCLUDES = frozenset({".git", ".hg", ".svn", ".venv", "venv", "__pycache__", "build", "dist",
                              "node_modules", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".eggs"})


@dataclass(frozen=True, slots=True)
class Settings:
    input_shapes: dict = field(default_factory=dict)  # model name (or "" for all) -> tuple of ints
    select: frozenset | None = None  # codes; None: all
    ignore: frozenset = frozenset()
    model: str | None = None  # only this model


@dataclass(slots=True)
class FileResult:
    path: str
    models: list[ModelAnalysis] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed: bool = False  # could not be analysed at all (exit 2)
    lines: list[str] = field(default_factory=list)  # the source, for excerpts in text output


def discover(paths: list[str]) -> tuple[list[tuple[Path, str]], list[str]]:
    """Python files under the given paths, in a stable order; also the paths that do not exist."""
    found: list[tuple[Path, str]] = []
    missing: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in DEFAULT_EXCLUDES and not d.startswith("."))
                for name in sorted(files):
                    if name.endswith(".py"):
                        full = Path(root) / name
                        found.append((full, str(full)))
        elif path.exists() or path.is_symlink():
            found.append((path, given))
        else:
            missing.append(given)
    return found, missing


def lint_file(path: Path, display: str, settings: Settings) -> FileResult:
    from convlint.source.parse import read_and_parse

    return lint_parsed(read_and_parse(path, display), display, settings)


def lint_text(text_or_bytes: str | bytes, display: str, settings: Settings) -> FileResult:
    from convlint.source.parse import decode_source, parse_source

    text = decode_source(text_or_bytes) if isinstance(text_or_bytes, bytes) else text_or_bytes
    parsed = text if not isinstance(text, str) else parse_source(display, text)
    return lint_parsed(parsed, display, settings)


def lint_parsed(parsed, display: str, settings: Settings) -> FileResult:
    from convlint.source.parse import FileProblem

    result = FileResult(display)
    if isinstance(parsed, FileProblem):
        diagnostic = file_diagnostic(display, parsed.code, parsed.message, parsed.span)
        result.diagnostics.append(diagnostic)
        result.failed = diagnostic.severity == "error"
        return _filtered(result, settings)
    from convlint.evaluator.analyze import analyze_models

    result.lines = parsed.lines
    try:
        result.models = analyze_models(parsed, settings.input_shapes, settings.model)
    except RecursionError:
        result.diagnostics.append(file_diagnostic(display, "CL999", "the file nests too deeply to analyse"))
        result.failed = True
        return _filtered(result, settings)
    # Models with a concrete input first: when a block is checked both on its own (symbolic)
    # and inside a model, the diagnostic with the real numbers is the one kept.
    for model in sorted(result.models, key=lambda m: not _concrete_input(m)):
        if model.internal_error:
            result.diagnostics.append(file_diagnostic(
                display, "CL999", f"convlint could not analyse {model.name}: {model.internal_error}",
                model.span, model=model.name))
            result.failed = True
            continue
        result.diagnostics.extend(model_diagnostics(display, model, settings))
    result.failed = any(d.code == "CL999" for d in result.diagnostics)
    return _filtered(result, settings)


def model_diagnostics(display: str, model: ModelAnalysis, settings: Settings) -> list[Diagnostic]:
    from convlint.checks.registry import CheckRun, all_checks

    rules = load_rules()
    run = CheckRun(display, model)
    out: list[Diagnostic] = []
    for code, function in all_checks().items():
        if not _selected(code, settings):
            continue
        spec = rules[code]
        try:
            for finding in function(run):
                message, fix = spec.render(finding.values, finding.variant)
                out.append(Diagnostic(display, finding.span, code, spec.name, spec.severity, message, fix,
                                      model.name, finding.layer, finding.related))
        except Exception as error:  # a bug in one check must not hide the others
            out.append(file_diagnostic(display, "CL999", f"check {code} failed on {model.name}: "
                                       f"{type(error).__name__}: {error}", model.span, model=model.name))
    return out


def file_diagnostic(display: str, code: str, message: str, span: Span = FILE_START,
                    model: str | None = None) -> Diagnostic:
    spec = load_rules()[code]
    return Diagnostic(display, span, code, spec.name, spec.severity, message, None, model)


def _concrete_input(model: ModelAnalysis) -> bool:
    shape = model.input_shape
    return bool(shape is not None and shape.dims and all(isinstance(d, int) for d in shape.dims))


def _selected(code: str, settings: Settings) -> bool:
    if settings.select is not None and not any(code.startswith(s) for s in settings.select):
        return False
    return not any(code.startswith(i) for i in settings.ignore)


def _filtered(result: FileResult, settings: Settings) -> FileResult:
    """Selected codes only; one diagnostic per place and code (a block built twice reports once)."""
    seen: set[tuple] = set()
    kept: list[Diagnostic] = []
    for diagnostic in result.diagnostics:
        key = (diagnostic.span, diagnostic.code)
        if key in seen or (not diagnostic.code.startswith(("CL0", "CL9")) and not _selected(diagnostic.code, settings)):
            continue
        seen.add(key)
        kept.append(diagnostic)
    result.diagnostics = sorted(kept, key=lambda d: d.sort_key)
    return result
