"""One file through the stages: source -> evaluator -> checks -> diagnostics.

Every failure stays inside its file (a CL0xx diagnostic) or its model (CL999)."""

from __future__ import annotations

import math
import os
import re
from contextlib import contextmanager
from fractions import Fraction
from itertools import permutations, product
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from convlint.config import Settings, is_excluded
from convlint.diagnostics import FILE_START, Diagnostic, Span
from convlint.rulespec import load_rules
from convlint.suppressions import find_suppressions, is_suppressed, skips_file
from convlint import symbolic
from convlint.symbolic import SPATIAL, is_width, symbol_of
from convlint.values import Shape, Unknown, dim_mul, dims_product, format_dim, is_known

if TYPE_CHECKING:  # a cached run reads results without the evaluator's records (pydantic)
    from convlint.model import ModelAnalysis

__all__ = ["FileResult", "Settings", "discover", "lint_file", "lint_text"]


@dataclass(slots=True)
class FileResult:
    path: str
    models: list[ModelAnalysis] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed: bool = False  # could not be analysed at all (exit 2)
    lines: list[str] = field(default_factory=list)  # the source, for excerpts in text output
    model_outs: list | None = None  # JSON records of the models, when linted in a worker process
    imported: list[str] = field(default_factory=list)  # project files read or looked for (the cache's)
    model_names: list[str] = field(default_factory=list)  # every model analysed, for --input-shape NAME=


def lint_file_portable(path: Path, display: str, overrides, with_models: bool = True) -> FileResult:
    """lint_file for a worker process (-j): what crosses back is the diagnostics, the lines and,
    when asked for, the models' JSON records, not the evaluator's objects."""
    from convlint.config import settings_for

    result = lint_file(path, display, settings_for(path, overrides))
    if with_models:
        from convlint.report.json_report import model_out

        result.model_outs = [model_out(m, display) for m in result.models if not m.internal_error]
    result.models = []
    return result


def discover(paths: list[str], settings_of=None) -> tuple[list[tuple[Path, str]], list[str]]:
    """Python files under the given paths, in a stable order, and the paths that do not exist.

    Files named on the command line are always checked; directories are walked without
    following links (no loops), skipping what the settings of that place exclude."""
    found: list[tuple[Path, str]] = []
    missing: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                settings = settings_of(Path(root)) if settings_of else Settings()
                dirs[:] = sorted(d for d in dirs if not is_excluded(Path(root) / d, settings))
                for name in sorted(files):
                    full = Path(root) / name
                    if name.endswith(".py") and not is_excluded(full, settings):
                        found.append((full, str(full)))
        elif path.exists() or path.is_symlink():
            found.append((path, given))
        else:
            missing.append(given)
    return found, missing


def lint_file(path: Path, display: str, settings: Settings) -> FileResult:
    from convlint.source.parse import read_and_parse

    return _shown_as_named(lint_parsed(read_and_parse(path, display), display, settings), display)


def _shown_as_named(result: FileResult, display: str) -> FileResult:
    """A finding in a file the linted one imports is shown as the linted file was named: absolute
    when it was named absolute. Its folder-relative form would depend on where convlint runs (and
    what the cache kept), and the same place reached from its own file would be reported twice."""
    if os.path.isabs(display):
        result.diagnostics = [d if os.path.isabs(d.path) else replace(d, path=os.path.abspath(d.path))
                              for d in result.diagnostics]
    return result


def lint_text(text_or_bytes: str | bytes, display: str, settings: Settings) -> FileResult:
    from convlint.source.parse import decode_source, parse_source

    text = decode_source(text_or_bytes) if isinstance(text_or_bytes, bytes) else text_or_bytes
    parsed = text if not isinstance(text, str) else parse_source(display, text)
    return lint_parsed(parsed, display, settings)


def lint_parsed(parsed, display: str, settings: Settings) -> FileResult:
    from convlint.source.parse import FileProblem

    result = FileResult(display)
    if isinstance(parsed, FileProblem):
        result.diagnostics.append(file_diagnostic(display, parsed.code, parsed.message, parsed.span))
        return _finish(result, settings)
    result.lines = parsed.lines
    if skips_file(parsed.text):
        return result
    from convlint.source.parse import unreadable_input_shape_comments

    for line, text in unreadable_input_shape_comments(parsed.lines):
        result.diagnostics.append(file_diagnostic(
            display, "CL007", f"{text!r} gives no input shape: write positive integers, "
                              "e.g. `# convlint: input-shape=(1, 3, 32, 32)`", Span(line, 1, line, 1)))
    from convlint.evaluator.analyze import analyze_models

    read: list = []
    unchecked: list = []
    try:
        result.models = analyze_models(parsed, settings.input_shapes, settings.model, settings.config_shapes,
                                       imported=read, settings=settings, unchecked=unchecked)
    except RecursionError:
        result.diagnostics.append(file_diagnostic(display, "CL999", "the file nests too deeply to analyse"))
        return _finish(result, settings)
    except Exception as error:  # an evaluator bug outside any one model: this file only
        result.diagnostics.append(file_diagnostic(
            display, "CL999", f"convlint could not analyse this file: internal error {type(error).__name__}: {error}"))
        return _finish(result, settings)
    for name, span, base in unchecked:
        if settings.model in (None, name):
            result.diagnostics.append(file_diagnostic(
                display, "CL008", f"{name} is not checked: its base class {base} is in no file convlint can read, "
                                  f"so {name} is not known to be an nn.Module", span, model=name))
    # Models with a concrete input first, then those built with values: when a block is checked
    # both on its own (symbolic) and inside a model, the diagnostic with the real numbers is kept.
    checked: list[tuple[ModelAnalysis, list[Diagnostic]]] = []
    for model in sorted(result.models, key=lambda m: (not _concrete_input(m), bool(m.argument_symbols))):
        if model.internal_error:
            result.diagnostics.append(file_diagnostic(
                display, "CL999", f"convlint could not analyse {model.name}: {model.internal_error}",
                model.span, model=model.name))
            continue
        if model.stopped:
            continue  # followed only part of the way: what it found may rest on what it did not see
        siblings = [m for m in result.models if m is not model and not m.stopped and not m.internal_error]
        try:
            checked.append((model, _model_findings(display, model, settings, siblings)))
        except Exception as error:  # a bug in checking one model: that model only, said so, never a traceback
            result.diagnostics.append(file_diagnostic(
                display, "CL999", f"convlint could not check {model.name}: internal error {type(error).__name__}: "
                                  f"{error}", model.span, model=model.name))
    moved: set[tuple] = set()  # (where, code) of the findings a model with real numbers moved to another line
    for model, found in checked:
        if not _concrete_input(model) or model.argument_symbols:
            # a block checked on its own, for every width, meets the mismatch a model built with real
            # numbers blamed elsewhere (`BatchNorm2d(planes * 4)` after a conv giving `planes * 2`): kept there
            found = [d for d in found if d.severity != "error" or (d.span, d.code) not in moved]
        moved |= {(d.related[0], d.code) for d in found if d.severity == "error" and d.related
                  and d.related[0] != d.span and d.code in ("CL103", "CL104", "CL107")}
        result.diagnostics.extend(_at_the_configuration(display, model, found, checked))
    result.diagnostics = _met_at_the_line_a_block_blames(result.diagnostics, checked)
    result.diagnostics = _defaults_the_file_never_uses(result.models, result.diagnostics)
    if any(d.code == "CL211" for d in result.diagnostics):
        # CL211 says what a symbolic run assumed: moot for a layer the file also checks on a size its code gives
        checked = {node.span for model in result.models if model.input_source is not None for node in model.constructed}
        result.diagnostics = [d for d in result.diagnostics if d.code != "CL211" or d.span not in checked]
    here = Path(parsed.file or parsed.path)
    blocks = _blocks_only_callers_build(result.models)
    if blocks and not settings.model and not _CHECKING_IMPORTERS and here.is_file():
        result.diagnostics.extend(_found_by_importers(here, display, blocks, result, settings, read))
    result.imported = sorted({str(path) for imports in read for path in [*imports.units, *imports.missing,
                                                                     *getattr(imports, "scanned", ())]})
    result.model_names = [model.name for model in result.models]
    return _finish(result, settings)


def _met_at_the_line_a_block_blames(diagnostics: list[Diagnostic], checked: list[tuple]) -> list[Diagnostic]:
    """A model built with real numbers meets a channel mismatch at a block's layer (`BatchNorm2d(planes *
    4)` given 128) that the block checked on its own, for every value of its arguments, blamed on
    another of its lines (the conv giving `planes * 2`): one bug, reported once, at the block's
    line, not also as a norm to set to 128."""
    blamed = {(d.related[0], d.code) for model, found in checked if model.argument_symbols for d in found
              if d.severity == "error" and d.code in ("CL103", "CL104") and d.related and d.related[0] != d.span}
    if not blamed:
        return diagnostics
    concrete = {model.name for model, _ in checked if not model.argument_symbols}
    return [d for d in diagnostics if not (d.severity == "error" and d.model in concrete
                                           and (d.span, d.code) in blamed)]


def _model_findings(display: str, model: ModelAnalysis, settings: Settings,
                    siblings: list[ModelAnalysis]) -> list[Diagnostic]:
    """A model's findings: as analysed, then what only its optional inputs, its training path, the
    loop counts tried and the configurations its code names add."""
    found = model_diagnostics(display, model, settings, siblings=siblings)
    if model.sequence_run is not None and any(d.severity == "error" for d in found):
        found = _met_on_a_sequence_too(display, model, model.sequence_run(), found, settings, siblings)
    if model.indices_run is not None and any(d.severity == "error" for d in found):
        found = _met_on_one_sequence_too(display, model, model.indices_run(), found, settings, siblings)
    if model.free_sequence_run is not None and any(d.severity == "error" for d in found):
        found = _met_on_one_sequence_too(display, model, model.free_sequence_run(), found, settings, siblings,
                                         why="a further input's rank is not known (an nn.Linear takes any): what "
                                             "only an (M, features) input meets is not reported", at_the_op=True)
    if model.optional_run is not None and any(d.severity == "error" for d in found) and not _called_so(model):
        found = _met_with_optional_inputs(display, model, model.optional_run(), found, settings, siblings)
    if model.table_row is not None and any(d.severity == "error" for d in found):
        found = _at_the_table_row(display, model, found, settings, siblings)
    out = list(found)
    if model.training_run is not None and not model.training_run.stopped and not model.training_run.internal_error:
        out.extend(_training_only(display, model.training_run, found, settings, siblings))
    if model.count_trials:
        out.extend(_for_every_count(display, model.count_trials, found, settings, siblings))
    if model.value_trials:
        # (a model that meets an error at its defaults: what other values meet is no less an error)
        defaulted = frozenset() if any(d.severity == "error" for d in out) else model.defaulted_named
        out.extend(_for_named_values(display, model.value_trials, found, settings, siblings, model.table_keyed,
                                     defaulted, model))
    if model.unbuilt_run is not None and any(d.severity == "error" for d in out):
        out = _met_whatever_the_arguments(display, model, model.unbuilt_run(), out, settings)
    if model.placeholder_run is not None and any(d.severity == "error" for d in out):
        out = _met_without_placeholders(display, model, model.placeholder_run(), out, settings)
    if model.forward_trials:
        out.extend(_for_forward_values(display, model, out, settings, siblings))
    if model.other_value_trials:
        out.extend(_for_other_values(display, model, out, settings, siblings))
    if model.passed_classes:  # built with the block class every call of the file passes: said so
        condition = f"with {' and '.join(model.passed_classes)}"
        out = [replace(d, message=_qualified(d.message, condition)) for d in out]
    if model.input_source is not None and model.input_source.kind == "alike" and model.rerun is not None \
            and not model.input_source.more and any(d.severity == "error" for d in out):
        out = _met_at_every_size(display, model, out, settings, siblings)
    if model.input_source is not None and model.input_source.kind == "flag" and model.argument_symbols \
            and model.rerun is not None and not model.input_source.more and not model.internal_error \
            and model.optional_run is None and model.placeholder_run is None and model.unbuilt_run is None:
        out = _met_for_every_size_too(display, model, out, settings, siblings)
    return out


def _met_for_every_size_too(display: str, model: ModelAnalysis, found: list[Diagnostic], settings: Settings,
                            siblings: list[ModelAnalysis]) -> list[Diagnostic]:
    """A block given a size on the command line, its required arguments nothing gives kept as
    symbols: the size may leave an argument free that the symbolic input ties to it (the input's
    channels c of `Conv2d(c, c // 8)`), so an error met with no options, at every size and every
    value, is no longer seen. What the run on the symbolic input meets holds at the size given too,
    where that size is one of the symbolic input's: those errors are kept."""
    given = model.input_shape.dims if model.input_shape is not None else None
    symbolic_run = model.rerun(None)
    if given is None or symbolic_run.stopped or symbolic_run.internal_error \
            or not _one_of(given, symbolic_run.input_shape):
        return found
    # (again on that input, its rank known from the start: `B, C, H, W = x.size()` read before the
    # first layer settles it is then the input's own sizes)
    symbolic_run = model.rerun(symbolic_run.input_shape.dims)
    if symbolic_run.stopped or symbolic_run.internal_error:
        return found
    seen = _met_anchors({(d.span, d.code): d for d in found if d.severity == "error"})
    met = _errors_met(display, symbolic_run, settings, siblings)
    return found + [d for d in met.values() if not _met(d, seen)]


def _one_of(given: tuple, symbolic) -> bool:
    """Whether a concrete size is one the symbolic input's dims take (N x c x H x W of 2 x 64 x
    16 x 16): the same rank, its numbers equal, each symbol one value."""
    from convlint.values import Sym

    dims = symbolic.dims if symbolic is not None else None
    if dims is None or len(dims) != len(given) or not all(is_known(d) for d in given):
        return False
    values: dict = {}
    for dim, size in zip(dims, given):
        if is_known(dim):
            if dim != size:
                return False
        elif type(dim) is not Sym or dim.opaque or dim.terms or dim.factors \
                or (dim.scale, dim.offset, dim.divisor) != (1, 0, 1) or values.setdefault(dim.base, size) != size:
            return False
    return True


def _met_at_every_size(display: str, model: ModelAnalysis, found: list[Diagnostic], settings: Settings,
                       siblings: list[ModelAnalysis]) -> list[Diagnostic]:
    """A model nothing feeds, checked on the input the code feeds another class whose first layer
    it builds alike: the code never gives it that input (a deeper variant meant for taller crops).
    An error the model meets with a symbolic input too holds at every size: an error; one met only
    at the borrowed input is said as a warning."""
    symbolic_run = model.rerun(None)
    met = {} if symbolic_run.stopped or symbolic_run.internal_error else \
        _errors_met(display, symbolic_run, settings, siblings)
    anchors = _met_anchors(met)
    return [d if d.severity != "error" or _met(d, anchors) else replace(d, severity="warning", message=_qualified(
        d.message, "met only at this input, which the code gives another model, not this one"))
        for d in found]


def _met_whatever_the_arguments(display: str, model: ModelAnalysis, unbuilt: list[ModelAnalysis],
                                found: list[Diagnostic], settings: Settings) -> list[Diagnostic]:
    """A model built by a construction the code never feeds (`net = Block(3, 32, 128)`, then only
    `print(net)`) on an input convlint made up: torch never runs it. An error is kept where the
    class analysed as if nothing built it (among `unbuilt`, the file's models analysed so) meets
    it too, at the same place; the errors that run
    meets elsewhere (a body that fails for every argument, found where the arguments decide
    nothing) take the place of the rest, and what is left out is listed."""
    from convlint.model import Unresolved

    met: dict[tuple, Diagnostic] = {}
    for run in unbuilt:
        if run.name == model.name and not (run.stopped or run.internal_error):
            # (its count and value trials too: a block's loops run as its models run them)
            siblings = [m for m in unbuilt if m is not run and not m.stopped and not m.internal_error]
            for d in _model_findings(display, run, settings, siblings):
                if d.severity == "error":
                    met.setdefault((d.span, d.code), d)
    kept = [d for d in found if d.severity != "error" or (d.span, d.code) in met]
    dropped = [d for d in found if d.severity == "error" and (d.span, d.code) not in met]
    if not dropped:
        return found
    at = model.uncalled_at.line if model.uncalled_at is not None else "?"
    model.unresolved.append(Unresolved(model.uncalled_at or model.span, (
        f"{model.name} as built on line {at} is never fed an input (only built, or shown): what only its "
        f"arguments make fail is not reported ({', '.join(sorted({d.code for d in dropped}))} on line "
        f"{', '.join(str(n) for n in sorted({d.span.line for d in dropped}))})")))
    have = {(d.span, d.code) for d in kept}
    return kept + [d for key, d in met.items() if key not in have]


def _met_without_placeholders(display: str, model: ModelAnalysis, runs: list[ModelAnalysis],
                              found: list[Diagnostic], settings: Settings) -> list[Diagnostic]:
    """A class analysed at defaults of which some only hold a place for what callers give (YOLO's
    `Detect(nc=80, anchors=(), ch=())`, built from a config: `torch.tensor(()).view(0, -1, 2)`
    fails): an error is kept where the class analysed with those defaults unknown (among `runs`)
    meets it too; one only the placeholders make is none of the code that runs, and is listed."""
    from convlint.model import Unresolved

    # (by where it is met: the same failure blamed at its layer in one run and at the line sizing
    # it in the other, `hidden = num_filters[0]` before `nn.Linear(hidden, n)`)
    met: dict[tuple, Diagnostic] = {}
    for run in runs:
        if run.name == model.name and run.placeholder_defaults and run.built_with is None:
            if run.stopped or run.internal_error:
                return found  # not followed to its end: what it misses says nothing
            siblings = [m for m in runs if m is not run and not m.stopped and not m.internal_error]
            for d in _model_findings(display, run, settings, siblings):
                if d.severity == "error":
                    for anchor in _anchors(d):
                        met.setdefault((anchor, d.code), d)
    dropped = [d for d in found if d.severity == "error" and not _met(d, set(met))]
    if not dropped:
        return _as_met(found, met)
    # (the placeholders the failing lines read, through the names made from them: `self.nl = len(anchors)`)
    read = [name for name, spans in model.placeholder_reads.items()
            if any(_within(where, span) for span in spans for d in dropped for where in (d.span, *d.related))]
    defaults = [f"{name}={written}" for name, written in model.placeholder_defaults.items() if name in read or not read]
    one = len(defaults) == 1
    model.unresolved.append(Unresolved(model.span, (
        f"{model.name} on its own takes the default{'' if one else 's'} {', '.join(defaults)}, which only "
        f"hold{'s' if one else ''} a place for what its callers give: what only {'it makes' if one else 'they make'} "
        f"fail is not reported ({', '.join(sorted({d.code for d in dropped}))} on line "
        f"{', '.join(str(n) for n in sorted({d.span.line for d in dropped}))}); a build with real values is checked")))
    return _as_met([d for d in found if d.severity != "error" or _met(d, set(met))], met)


def _as_met(found: list[Diagnostic], met: dict[tuple, Diagnostic]) -> list[Diagnostic]:
    """The errors as the build with the placeholders unknown meets them, where it blames the same
    failure at another line (the line binding a width the layer reads): that build's blame is the
    one the real values give."""
    out: list[Diagnostic] = []
    for d in found:
        other = next((met[(anchor, d.code)] for anchor in sorted(_anchors(d), key=lambda s: s != d.span)
                      if (anchor, d.code) in met), None) if d.severity == "error" else None
        d = other if other is not None and other.span != d.span else d
        if d not in out:
            out.append(d)
    return out


def _at_the_table_row(display: str, model: ModelAnalysis, found: list[Diagnostic], settings: Settings,
                      siblings: list[ModelAnalysis]) -> list[Diagnostic]:
    """A model the code builds with a row of a table (`VGG('VGG11')` reading `cfg[vgg_name]`) that
    fails, where the same model built with every other row of the table runs clean on the same
    input: the rest of the model fits the other rows, so the row is what is wrong (a `'M'` missing
    at its end): its errors are reported at the row."""
    name, key, rows = model.table_row
    others = [row for row in rows if row != key]
    if not others:
        return found
    for row in others:
        trial = model.other_row(row)
        if trial.stopped or trial.internal_error or trial.failed_assert is not None or any(
                d.severity == "error" for d in model_diagnostics(display, trial, settings, hint_sizes=False,
                                                                 siblings=siblings)):
            return found
    where = rows[key]
    note = (f"and the row {key!r} on line {where.line}: the rows {', '.join(repr(row) for row in others)} "
            "run clean with the rest of the model")
    return [replace(d, path=display, span=where, message=_qualified(d.message, note), related=(d.span, *d.related))
            if d.severity == "error" else d for d in found]


def _at_the_configuration(display: str, model: ModelAnalysis, found: list[Diagnostic],
                          checked: list[tuple[ModelAnalysis, list[Diagnostic]]]) -> list[Diagnostic]:
    """A model built from a configuration list (`vgg11()`: `VGG(make_layers(cfg['A']))`) that fails
    at a layer other models of the file build on the same line and run clean with (vgg19's
    classifier takes what cfg['E'] gives): the layer fits the other configurations, so this
    model's list is what is wrong (a width changed, an 'M' dropped): its errors there are reported
    at the list's number that made the last width before the layer."""
    if not any(d.severity == "error" and d.code in CONFIGURED_CODES for d in found) \
            or not _configuration_items(model):
        return found
    moved = list(found)
    for index, d in enumerate(found):
        moved[index] = _at_the_configuration_of(display, model, d, [
            (other.name, other, theirs) for other, theirs in checked if other is not model]) or d
    return moved


def _at_the_configuration_of(display: str, model: ModelAnalysis, d: Diagnostic, others: list[tuple],
                             joined=", ".join) -> Diagnostic | None:
    """An error of a model built from a configuration list, moved to the list's number that made the
    last width before its layer, where other models, `others` (what names each, it, its findings),
    run that layer clean on known sizes from lists of their own; None where none does. `joined`
    writes the names of those that do as one text."""
    if d.severity != "error" or d.code not in CONFIGURED_CODES or model.root is None:
        return None
    items = _configuration_items(model)
    if not items:
        return None
    failing = next((n for n in model.modules() if n.label == d.layer), None) \
        or next((n for n in model.modules() if _within(d.span, n.span)), None)
    if failing is None:
        return None
    fitting = [name for name, other, theirs in others if other.root is not None
               and _checked_whole(other, failing.span)
               and not any(e.severity == "error" and e.span in (d.span, failing.span) for e in theirs)
               and not set(_configuration_items(other).values()) & set(items.values())]
    before = [span for made, span in items.items() if made < failing.made]
    if not fitting or not before:
        return None
    where = before[-1]
    fitting = list(dict.fromkeys(fitting))
    note = (f"and the configuration on line {where.line} is what differs: {joined(fitting)} "
            f"{'runs' if len(fitting) == 1 else 'run'} clean with this {failing.label}")
    return replace(d, span=where, path=where.file or display, message=_qualified(d.message, note),
                   related=(d.span, *d.related))


CONFIGURED_CODES = frozenset({"CL101", "CL103", "CL104"})


def _checked_whole(model: ModelAnalysis, span: Span) -> bool:
    """Whether the model ran the layer of this line on an input whose sizes it knows: it then fits
    it (a model that left the input unknown, `VGG(features)` on its own, says nothing of it)."""
    return any(call.node.span == span and not call.speculative and call.input.shape.dims is not None
               and all(is_known(dim) for dim in call.input.shape.dims[1:]) for call in model.calls)


def _configuration_items(model: ModelAnalysis) -> dict[int, Span]:
    """The model's layers whose width is a number of a configuration list written away from the
    layer (`for v in cfg: nn.Conv2d(in_channels, v, 3)`), by construction order: where each is written."""
    return {node.made: listed for node in model.modules()
            if (listed := node.listed_at.get("out_channels") or node.listed_at.get("out_features")) is not None
            and listed.line != node.span.line}


def _defaults_the_file_never_uses(models: list[ModelAnalysis], found: list[Diagnostic]) -> list[Diagnostic]:
    """A block checked on its own with defaults that every call of it in the file overrides
    (SN-GAN's ResBlockGenerator: stride=1 pairs an upsampled path with an identity; the file
    always passes 2): where the models of the file that build it meet no error, its errors rest
    on a configuration the file never builds, and are not reported."""
    from convlint.model import Unresolved

    failing = {d.model for d in found if d.severity == "error"}
    dropped = set()
    for model in models:
        if not model.defaults_never_used or model.name not in failing or model.root is None:
            continue
        builders = [m for m in models if m is not model and m.root is not None and m.name not in dropped
                    and any(n.cls is model.root.cls for n in m.modules() if n is not m.root)]
        lines = [{d.span, *d.related} for d in found if d.model == model.name and d.severity == "error"
                 and d.code != "CL106"]  # (arguments torch refuses: every call gives others, shapes aside)
        its_lines = {s for d in found if d.model == model.name and d.severity == "error" for s in (d.span, *d.related)}
        met = {m.name for m in builders}  # (a builder's error elsewhere, a head of its own, says nothing of the block)
        if builders and not any(d.model in met and d.severity == "error" and {d.span, *d.related} & its_lines
                                for d in found) \
                and all(any(_run_with_shapes_known(m, spans) for m in builders) for spans in lines):
            # (and the models that build it ran the lines it fails at on shapes they know: a builder
            # whose widths are unknown there checked nothing, so says nothing of the defaults)
            dropped.add(model.name)
            model.unresolved.append(Unresolved(model.span, f"{model.name} on its own takes the defaults of "
                                               f"{', '.join(model.defaults_never_used)}, which every call in the file "
                                               "gives: what it meets there is not reported (the models that build "
                                               "it meet nothing)"))
    return [d for d in found if not (d.model in dropped and d.severity == "error")]


def _run_with_shapes_known(model: ModelAnalysis, spans: set) -> bool:
    """Whether the model runs a layer or an op written at one of these spans, every such run on
    shapes whose every dim is known or symbolic (none not known at all)."""
    def known(shape) -> bool:
        return shape.dims is not None and not any(isinstance(d, Unknown) for d in shape.dims)

    runs = [(c.input.shape, c.output.shape) for c in model.calls if c.node.span in spans or c.span in spans]
    runs += [(*(o.shape for o in op.operands), op.result.shape) for op in model.ops if op.span in spans]
    return bool(runs) and all(known(shape) for run in runs for shape in run)


_CHECKING_IMPORTERS: list = []  # set while the files that import one file are checked: no deeper search


def _found_by_importers(path: Path, display: str, blocks: set[str], result: FileResult, settings: Settings,
                        read: list) -> list[Diagnostic]:
    """Errors at this file's lines that the project's models meet when they build its blocks
    (milesial's unet_parts.py: `Up(1024, 512 // factor)` in unet_model.py gives the numbers
    `Up.__init__` only names), as if that importer were checked: a library of blocks is checked
    as it is used. Said so in the message; what this file's own models already report is kept.

    An importer that builds a block only from its own parameters (`Bott(2 * cin, 4)` in a `Down`
    block) leads on to the files that build it, up to MAX_IMPORTER_LEVELS; importers that call a
    block with written numbers are checked first, and one is checked only while a block it builds
    is not yet built by a checked model with its numbers."""
    from convlint.source.project_hints import (MAX_IMPORTER_BYTES, MAX_IMPORTER_LEVELS, MAX_IMPORTERS,
                                               ProjectHints, display_path, find_importers)

    target = path.resolve()
    have = {(d.span.line, d.code) for d in result.diagnostics}
    out: list[Diagnostic] = []
    covered: set[str] = set()  # the file's blocks a checked model builds with its numbers
    seen = {target}
    budget, count = MAX_IMPORTER_BYTES, 0
    leads: list[tuple[Path, set[str], set[str]]] = [(path, blocks, blocks)]  # (file, its blocks, the file's they build)
    _CHECKING_IMPORTERS.append(path)
    try:
        for _ in range(MAX_IMPORTER_LEVELS):
            level: list[tuple] = []  # (importer, the file's blocks it leads to)
            for file, names, through in leads:
                try:
                    importers, found = find_importers(file, names, settings)
                except Exception:  # reading other files never fails this one
                    continue
                read.append(found)
                level += [(importer, set(through)) for importer in importers if importer.path not in seen]
            leads = []
            while level and count < MAX_IMPORTERS:
                # written numbers first, then the file that builds the most blocks not yet covered
                best = max(level, key=lambda entry: (bool(entry[1] - covered), entry[0].literal,
                                                     len(entry[1] - covered)))
                level.remove(best)
                importer, through = best
                if not through - covered:
                    break
                if importer.path in seen or importer.size > budget:
                    continue  # checking it would cost more than the file's own check should
                seen.add(importer.path)
                budget -= importer.size
                count += 1
                checked = _importer_result(importer.path, settings)
                if checked is None:
                    continue
                checked, own_blocks, built = checked
                read.append(ProjectHints(units=[Path(name) for name in checked.imported]))  # what its result rests on
                for d in checked.diagnostics:
                    if d.severity != "error" or d.code.startswith(("CL0", "CL9")) or not d.span.file \
                            or Path(d.span.file).resolve() != target or (d.span.line, d.code) in have:
                        continue
                    have.add((d.span.line, d.code))
                    shown = display_path(importer.path)
                    where = f"as {shown} builds {d.model}" if d.model else f"as {shown} uses it"
                    out.append(replace(d, path=display, message=_qualified(d.message, where), span=_in(d.span, ""),
                                       via=tuple(_in(v, v.file or shown) for v in d.via),
                                       related=tuple(_in(r, r.file or shown) for r in d.related)))
                covered |= built & blocks
                if through - covered and own_blocks:
                    # its blocks take the numbers from their callers: the blocks that build ours lead on
                    passing = {name for name, inside in own_blocks.items() if inside & through} or set(own_blocks)
                    leads.append((importer.path, passing, through - covered))
            if not leads or count >= MAX_IMPORTERS:
                break
    finally:
        _CHECKING_IMPORTERS.pop()
    return out


def _blocks_only_callers_build(models: list[ModelAnalysis]) -> set[str]:
    """The file's blocks that the file never runs on a size it knows (constructor arguments
    nothing in the file gives, or a forward input only a caller passes: a U-Net decoder's skip
    features) and that no model of the file built with its numbers and run on a known size
    contains: their callers elsewhere have the numbers and the sizes."""
    needing = {m.name for m in models if not _concrete_input(m)}
    inside = {node.cls.name for m in models if not m.argument_symbols and _concrete_input(m) and m.root is not None
              for node in m.modules() if node.cls is not None}
    return needing - inside


_IMPORTER_RESULTS: dict = {}  # (file, its stamp, settings) -> its result: a run reads each importer once


def _importer_result(path: Path, settings: Settings) -> tuple | None:
    """The importer's result, with its blocks only callers build (each with the classes its
    models hold) and the classes its models built with their numbers and run on a known size hold.
    Kept while neither it nor a file its result rests on (the block file, when it is edited) changes."""
    from convlint.cache import settings_fingerprint

    try:
        info = path.stat()
        key = (str(path.resolve()), info.st_mtime_ns, info.st_size, settings_fingerprint(settings))
    except OSError:
        return None
    if key not in _IMPORTER_RESULTS or _IMPORTER_RESULTS[key][1] != _stamps(_IMPORTER_RESULTS[key][0]):
        try:
            from convlint.source.project_hints import display_path

            checked = lint_file(path, display_path(path), replace(settings, warn_unused_ignores=False))
            own = {name: {node.cls.name for m in checked.models if m.name == name and m.root is not None
                          for node in m.modules() if node.cls is not None}
                   for name in _blocks_only_callers_build(checked.models)}
            built = {node.cls.name for m in checked.models if not m.argument_symbols and _concrete_input(m)
                     and m.root is not None for node in m.modules() if node.cls is not None}
            checked.models, checked.lines = [], []  # what is kept: its findings and what they rest on
            outcome = (checked, own, built)
        except Exception:  # another file's trouble is not this file's
            outcome = None
        _IMPORTER_RESULTS.pop(key, None)
        _IMPORTER_RESULTS[key] = (outcome, _stamps(outcome))
        if len(_IMPORTER_RESULTS) > 64:
            _IMPORTER_RESULTS.pop(next(iter(_IMPORTER_RESULTS)))
    return _IMPORTER_RESULTS[key][0]


def _stamps(outcome: tuple | None) -> tuple:
    """(modification time, size) of each file an importer's result rests on."""
    if outcome is None:
        return ()
    stamps = []
    for name in outcome[0].imported:
        try:
            info = os.stat(name)
            stamps.append((info.st_mtime_ns, info.st_size))
        except OSError:
            stamps.append(None)  # (a folder's `*.py`: its listing is the cache's concern)
    return tuple(stamps)


def _in(span, file: str) -> Span:
    """The span, in `file` ("" for the file linted)."""
    return Span(span.line, span.column, span.end_line, span.end_column, file)


def _training_only(display: str, training: ModelAnalysis, inference: list[Diagnostic],
                   settings: Settings, siblings: list[ModelAnalysis]) -> list[Diagnostic]:
    """Errors only the training path meets (a bug in an auxiliary head under `if self.training:`).
    One the inference path meets in the same layer is the same bug, wherever each blames it."""
    # (a finding blame moved is still the one at its first place: related[0])
    seen = {(d.span, d.code) for d in inference} | {(d.layer, d.code) for d in inference if d.layer} \
        | {(d.related[0], d.code) for d in inference if d.related}
    found = [replace(d, message=_qualified(d.message, "in training mode (model.train())"))
             for d in model_diagnostics(display, training, settings, hint_sizes=False, siblings=siblings)
             if d.severity == "error" and (d.span, d.code) not in seen and (d.layer, d.code) not in seen]
    if found and training.optional_run is not None:  # met only with forward()'s optional inputs left None?
        given = training.optional_run()
        if not given.stopped and not given.internal_error:
            met = _met_anchors({(d.span, d.code): d for d in model_diagnostics(
                display, given, settings, hint_sizes=False, siblings=siblings) if d.severity == "error"})
            found = [d if _met(d, met) or _reached_alike(training, given, d) else _met_only_left_none(d)
                     for d in found]
    return found


def _met_on_a_sequence_too(display: str, model: ModelAnalysis, sequence: ModelAnalysis, found: list[Diagnostic],
                           settings: Settings, siblings: list[ModelAnalysis]) -> list[Diagnostic]:
    """A model whose first layer is an nn.Linear takes an input of any rank: (N, D) was a choice.
    An error it does not meet on a sequence (N, L, D) as well (`flatten(1)` of the per-step
    features into a Linear of `seq_len * 32`) rests on that choice: not reported, and listed."""
    from convlint.model import Unresolved

    if sequence.stopped or sequence.internal_error:
        return [d for d in found if d.severity != "error"]
    met = _met_anchors(_errors_met(display, sequence, settings, siblings))
    kept = [d for d in found if d.severity != "error" or _met(d, met)]
    if len(kept) < len(found):
        model.unresolved.append(Unresolved(model.span, "the input's rank is not known (an nn.Linear takes any): what "
                                           "only an (N, features) input meets is not reported"))
    return kept


def _met_on_one_sequence_too(display: str, model: ModelAnalysis, single: ModelAnalysis, found: list[Diagnostic],
                             settings: Settings, siblings: list[ModelAnalysis], why: str | None = None,
                             at_the_op: bool = False) -> list[Diagnostic]:
    """A model whose first layer is an nn.Embedding takes token ids of any rank: a batch of
    sequences (N, L) was a choice, and a tagger is given one sentence (L,). An error is kept where
    one sentence meets it too, or is refused before it, by a layer or op the batch passed on its
    way there (a text CNN's Conv2d over (K, D) windows of the unsqueezed embedding): the code is
    then written for a batch. Any other rests on the choice: not reported, and listed. Also for a
    further input an nn.Linear took as (M, features), run as a sequence (`why` says so); there,
    with `at_the_op`, an error blamed on a layer is met where the op it relates to runs."""
    from convlint.model import Unresolved

    if single.internal_error:
        return [d for d in found if d.severity != "error"]
    errors = _errors_met(display, single, settings, siblings)
    met = _met_anchors(errors)
    refused = [_first_run_at(model, d) for d in errors.values()]
    kept = []
    for d in found:
        at = _first_run_at(model, d) if d.severity == "error" and not _met(d, met) else None
        if at is not None and at_the_op and d.related:
            at = max([at, *(op.start for op in model.ops if op.span == d.related[0])])
        if d.severity == "error" and not _met(d, met) \
                and (at is None or not any(r is not None and r < at for r in refused)):
            continue
        kept.append(d)
    if len(kept) < len(found):
        model.unresolved.append(Unresolved(model.span, why or "the input's rank is not known (an nn.Embedding takes "
                                           "ids of any rank): what only a batch of sequences (N, L) meets is not "
                                           "reported"))
    return kept


def _met_anchors(errors: dict[tuple, Diagnostic]) -> set[tuple]:
    return {(anchor, d.code) for d in errors.values() for anchor in _anchors(d)}


def _met(d: Diagnostic, met: set[tuple]) -> bool:
    """Whether another run met the finding: at its place, or where it was found before blame moved
    it (an axis op's finding in one run, its layer's in a run where no other axis makes it fit)."""
    return any((anchor, d.code) in met for anchor in _anchors(d))


def _first_run_at(model: ModelAnalysis, d: Diagnostic) -> int | None:
    """When the run first reached what a finding is about: its layer's first call, or its op."""
    starts = [c.start for c in model.calls if d.layer and c.node.label == d.layer or c.span == d.span] \
        + [op.start for op in model.ops if op.span == d.span]
    return min(starts) if starts else None


def _errors_met(display: str, analysis: ModelAnalysis, settings: Settings,
                siblings: list[ModelAnalysis]) -> dict[tuple, Diagnostic]:
    """The error findings of another run of the model, by (span, code)."""
    return {(d.span, d.code): d for d in model_diagnostics(display, analysis, settings, siblings=siblings)
            if d.severity == "error"}


def _called_so(model: ModelAnalysis) -> bool:
    """Whether the input size is that of a call the code makes on positional inputs only (`net(x)`,
    `net(states)` in a loop over a DataLoader): forward()'s other optional inputs are left None
    there, so what the path without them meets, torch meets on that very call."""
    return model.input_source is not None and model.input_source.kind in ("call", "dataloader")


def _met_with_optional_inputs(display: str, model: ModelAnalysis, optional: ModelAnalysis, found: list[Diagnostic],
                              settings: Settings, siblings: list[ModelAnalysis]) -> list[Diagnostic]:
    """The errors also met when forward()'s optional inputs may be given: one met only with them
    left None (`if y is not None: h = torch.cat((h, emb), 1)` before a block sized for the labels)
    says how the model is called, not that it is wrong: a warning that says so. One whose layer or
    op the run with them given reaches with the same inputs is met there too, whatever that run
    could prove on its own (a stride-2 shortcut beside an unstrided path, proven by reruns at
    sizes only the first run makes): an error. Past one met only with them None (where torch
    stopped on the None path) the errors of the run with them given are what is left to say."""
    if optional.stopped or optional.internal_error:
        return found
    met = _errors_met(display, optional, settings, siblings)
    anchors = _met_anchors(met)
    kept = [d if d.severity != "error" or _met(d, anchors) or _reached_alike(model, optional, d)
            else _met_only_left_none(d) for d in found]
    if all(d is e for d, e in zip(kept, found)):
        return found
    seen = {(d.span, d.code) for d in found}
    return kept + [d for key, d in met.items() if key not in seen]


def _met_only_left_none(d: Diagnostic) -> Diagnostic:
    """An error only the path with forward()'s optional inputs left None meets, said as a warning."""
    return replace(d, severity="warning", message=_qualified(
        d.message, "met only with forward()'s optional inputs left None: with them given, what reaches here "
                   "differs or is not known"),
        fix="Give forward() its optional inputs, or make the path without them fit too")


def _reached_alike(model: ModelAnalysis, other: ModelAnalysis, d: Diagnostic) -> bool:
    """Whether another run of the model reached what an error is about (its layer's calls, the op at
    its place) exactly as this run did, with inputs of the same shapes: torch fails there alike."""
    def reached(run: ModelAnalysis, calls) -> set:
        anchors = _anchors(d)
        # (an F.conv2d is a node of its own in each run: the same one where it is at the same place)
        return {((c.node.span, c.span) if c.node.functional else id(c.node), c.input.shape) for c in calls
                if d.layer and c.node.label == d.layer or c.span in anchors} \
            | {(o.op, o.span, tuple(t.shape for t in o.operands)) for o in run.ops if o.span in anchors}

    mine = reached(model, model.calls[model.construction_calls:])
    return bool(mine) and mine == reached(other, other.calls[other.construction_calls:])


def _for_named_values(display: str, trials: list, found: list[Diagnostic], settings: Settings,
                      siblings: list[ModelAnalysis], table_keyed: frozenset = frozenset(),
                      defaulted: frozenset = frozenset(), default: ModelAnalysis | None = None) -> list[Diagnostic]:
    """Errors of a configuration the model's code names (`dataset='cifar100', bottleneck=True`),
    met for every input size and, where its loops count an argument nothing gives, for every
    count tried: the model fails as the file says it can be built. Where a row of a table
    (`cfg[vgg_name]`) runs clean, another row failing says only that the model is built for some
    rows (a head written for one): not reported. A configuration that only gives parameters in
    `defaulted` other values (the model at its defaults clean: SpeakerRecognition's
    `backbone='resnet50'` beside 'resnet18') is one nothing builds: its errors are warnings,
    unless it names a dataset's images, a size the defaults were not checked at, or the width is
    written with a name where another of the same scope fits, the two holding the same number in
    the `default` model (`self.D * G` where the blocks give `self.D * G0`: the default cannot tell
    G from G0; the configuration can, and torch fails there)."""
    seen = {(d.span, d.code) for d in found}
    out = []
    met_by_trial = []
    runs = []  # (chosen, trial, its errors, their condition, its images) of every configuration
    for chosen, trial, counts, images in trials:
        if trial.failed_assert is not None:
            runs.append((chosen, trial, [], "", images))
            continue  # a configuration the model refuses by design
        condition = _configuration_condition(chosen)
        if images is not None:
            condition += f", on its {'x'.join(map(str, images))} images"
        if counts:
            met = _for_every_count(display, counts, found, settings, siblings, condition)
        else:
            met = [replace(d, message=_qualified(d.message, condition))
                   for d in model_diagnostics(display, trial, settings, hint_sizes=False, siblings=siblings,
                                              pinned_sizes=True) if d.severity == "error"]
        if chosen.keys() <= defaulted and images is None:
            met = [_name_mistaken(d, trial, default) or
                   replace(d, severity="warning", message=_qualified(d.message, "which the model at its defaults "
                                                                               "does not meet")) for d in met]
        clean = not met and not (trial.stopped or trial.internal_error)
        met_by_trial.append((chosen, met, clean))
        runs.append((chosen, trial, met, condition, images))
    domains = default.stated_domains if default is not None else {}
    if domains:
        out.extend(_for_every_stated_value(runs, domains, seen))
    rows_that_run = {(name, chosen[name]) for chosen, _, clean in met_by_trial if clean
                     for name in table_keyed & chosen.keys()}
    for chosen, met, _ in met_by_trial:
        if any(value not in domains[name][2] for name, value in chosen.items() if name in domains):
            continue  # a value only the stated domain gives: reported where every value of it fails
        if any(name in table_keyed and (name, value) not in rows_that_run
               and any(other == name for other, _ in rows_that_run) for name, value in chosen.items()):
            continue
        for d in met:
            if (d.span, d.code) not in seen:
                seen.add((d.span, d.code))
                out.append(d)
    if domains:
        out.extend(_for_some_stated_values(display, runs, domains, seen, settings, siblings))
    return out


def _for_other_values(display: str, model: ModelAnalysis, found: list[Diagnostic], settings: Settings,
                      siblings: list[ModelAnalysis]) -> list[Diagnostic]:
    """Errors a class nothing builds meets with a parameter its code tests against its default (`if
    stride != 1:`) given each of a few other values, at the same place and for the same rule: the
    branch its callers take with any other value fails (a shortcut left at stride 1 while the main
    path strides). What only some of those values meet is not reported."""
    seen = {(d.span, d.code) for d in found}
    out = []
    for name, default, line, runs in model.other_value_trials:
        # (a value an assert of the code refuses, `assert branches in [4, 6]` given 7: torch never gets
        # past it, so what that trial meets further on is no bug of the branch)
        runs = [(value, trial) for value, trial in runs if trial.failed_assert is None]
        if not runs:
            continue
        met = [{(d.span, d.code): d for d in model_diagnostics(display, trial, settings, siblings=siblings)
                if d.severity == "error"} for _, trial in runs]
        shared = [key for key in met[0] if all(key in other for other in met[1:]) and key not in seen]
        tried = ", ".join(str(value) for value, _ in runs[:-1]) + f" and {runs[-1][0]}"
        condition = (f"for {name} other than its default {default}, which the code tests on line {line} "
                     f"(met alike with {name}={tried})")
        for key in shared:
            seen.add(key)
            d = met[0][key]
            # (`Give conv4 stride=2` at stride 2, `stride=3` at 3: the number that follows the value is its name)
            fixes = {re.sub(rf"\b{value}\b", name, other[key].fix or "") for (value, _), other in zip(runs, met)}
            fix = fixes.pop() if len(fixes) == 1 and d.fix else d.fix
            out.append(replace(d, message=_qualified(d.message, condition), fix=fix))
    return out


def _for_forward_values(display: str, model: ModelAnalysis, found: list[Diagnostic], settings: Settings,
                        siblings: list[ModelAnalysis]) -> list[Diagnostic]:
    """Errors forward() meets with a further input given one of the constants its code compares it
    with (`scale=3` of `elif scale == 3:`), met nowhere else: the branch for that value fails as
    the code says it can be called. For an input with a default (`scale=2`) where the model at its
    defaults is clean, warnings, as for a constructor's value beside its default."""
    seen = {(d.span, d.code) for d in found}
    out = []
    clean = not any(d.severity == "error" for d in found)
    for name, value, trial, defaulted in model.forward_trials:
        if trial.failed_assert is not None:
            continue  # a value forward() refuses by design
        condition = f"with forward()'s {name}={value!r} (a value its code compares {name} with)"
        for d in model_diagnostics(display, trial, settings, hint_sizes=False, siblings=siblings, pinned_sizes=True):
            if d.severity == "error" and (d.span, d.code) not in seen:
                seen.add((d.span, d.code))
                d = replace(d, message=_qualified(d.message, condition))
                if defaulted and clean:  # (as a constructor's value beside a clean default: a warning)
                    d = replace(d, severity="warning",
                                message=_qualified(d.message, f"which forward() at its default {name} does not meet"))
                out.append(d)
    return out


def _configuration_condition(chosen: dict) -> str:
    """`with dataset='cifar10' (a value the code names; nothing gives it)`; a block class the file's
    calls pass is said with where: `with block=Bottleneck, as `resnet50` passes it (line 114)`."""
    from convlint.evaluator.named_values import Unlisted

    passed = [f"{name}={value!r}, {value.passed_at}" for name, value in chosen.items()
              if getattr(value, "passed_at", None)]
    named = ", ".join(f"{name}={value!r}" for name, value in chosen.items()
                      if not getattr(value, "passed_at", None) and not isinstance(value, Unlisted))
    if named:
        passed.append(f"{named} (a value the code names; nothing gives it)")
    # `else:` of a switch on the value: `with name not one the code lists (its else branch; nothing gives it)`
    passed += [f"{name} not one the code lists (its else branch; nothing gives it)"
               for name, value in chosen.items() if isinstance(value, Unlisted)]
    return f"with {' and '.join(passed)}"


def _for_every_stated_value(runs: list, domains: dict, seen: set) -> list[Diagnostic]:
    """Errors met with every value the constructor allows a parameter (`assert depth in cfg`, each
    depth of cfg tried, the other arguments alike): the line is wrong whatever value a caller gives.
    A value the model refuses further (another assert) is none it allows; one whose run stopped
    before the end says nothing, and nothing is claimed. `runs`: (chosen, trial, its errors, the
    condition they were qualified with) of each configuration."""
    names = sorted(domains)
    groups: dict[tuple, dict[tuple, tuple]] = {}
    for chosen, trial, met, condition, _ in runs:
        rest = tuple(sorted((name, repr(value)) for name, value in chosen.items() if name not in domains))
        if all(name in chosen for name in names):  # (each message without the one value's condition)
            met = [replace(d, message=d.message.replace(f", {condition}", "", 1)) for d in met]
            groups.setdefault(rest, {})[tuple(chosen[name] for name in names)] = (trial, met)
    out = []
    every = set(product(*(domains[name][0] for name in names)))
    for group in groups.values():
        if set(group) != every or any(trial.stopped or trial.internal_error for trial, _ in group.values()):
            continue
        allowed = [(values, _first_of_each(met)) for values, (trial, met) in group.items()
                   if trial.failed_assert is None]
        if not allowed:
            continue
        common = set.intersection(*(set(errors) for _, errors in allowed)) - seen
        tried = " and ".join(f"{name} = {_listed([values[i] for values, _ in allowed])}"
                             for i, name in enumerate(names))
        how = " and ".join(dict.fromkeys(domains[name][1] for name in names))
        for key in sorted(common, key=lambda key: (key[0].line, key[0].column, key[1])):
            first = allowed[0][1][key]
            alike = all(errors[key].message == first.message for _, errors in allowed)
            condition = f"every value {how} allows ({tried}; nothing gives it)"
            condition = f"for {condition}" if alike else \
                f"with {', '.join(f'{n}={v!r}' for n, v in zip(names, allowed[0][0]))}, as with {condition}"
            seen.add(key)
            out.append(replace(first, message=_qualified(first.message, condition)))
    return out


def _for_some_stated_values(display: str, runs: list, domains: dict, seen: set, settings: Settings,
                            siblings: list[ModelAnalysis]) -> list[Diagnostic]:
    """Errors met with some of the values the constructor allows a parameter (`assert depth in cfg`:
    depth 164 builds the bottleneck block, 20 the basic one; row 11 of cfg ends narrower than the
    head takes), the other arguments alike: each such value is a model the class says it builds,
    and it fails there, for every input size or on the input given. Where the failing layer runs
    clean with the other values and the value's configuration list differs before it, the error is
    reported at that list's number (_at_the_configuration). Nothing is claimed of a value the model
    refuses further (another assert), of a run that stopped, nor of one fed an input that is not
    its own: a value naming other images than those given (a row of `{'cifar10': ..., 'imagenet':
    ...}`), or naming the input size it is built for (`assert size in (32, 64)`, 64 given 32 pixels,
    clean at 64)."""
    names = sorted(domains)
    failing: dict[tuple, list] = {}  # (line, code) -> [(the values, the error met with them, the run)]
    allowed = []  # (the values, the run, its errors) of each value the model takes
    for chosen, trial, met, condition, images in runs:
        if set(chosen) != set(names) or trial.failed_assert is not None or trial.stopped or trial.internal_error:
            continue
        values = tuple(chosen[name] for name in names)
        met = [replace(d, message=d.message.replace(f", {condition}", "", 1)) for d in met]
        allowed.append((values, trial, met))
        if met and _fed_its_own_input(display, chosen, trial, images, domains, settings, siblings):
            for key, d in _first_of_each(met).items():
                if key not in seen:
                    failing.setdefault(key, []).append((values, d, trial))
    out = []
    how = " and ".join(dict.fromkeys(domains[name][1] for name in names))
    for key in sorted(failing, key=lambda key: (key[0].line, key[0].column, key[1])):
        met = failing[key]
        _, first, trial = met[0]
        alike = all(d.message == first.message for _, d, _ in met)
        shown = _values_named(names, [values for values, _, _ in met] if alike else [met[0][0]])
        condition = f"with {shown}" if alike else \
            f"with {shown}, as with {_values_named(names, [values for values, _, _ in met[1:]])}"
        condition += f" (a value {how} allows; nothing gives it)" if len(met) == 1 else \
            f" (values {how} allows; nothing gives them)"
        d = replace(first, message=_qualified(first.message, condition))
        clean = [run for run in allowed if all(run[0] != values for values, _, _ in met)]
        seen.add(key)
        out.append(_at_the_configuration_of(display, trial, d, clean, lambda fitting: _values_named(names, fitting))
                   or d)
    return out


def _values_named(names: list[str], chosen: list[tuple]) -> str:
    """`depth=164 and 1001`; `(depth, width) = (20, 2) and (32, 4)` for several parameters."""
    if len(names) == 1:
        return f"{names[0]}={_listed([values[0] for values in chosen])}"
    tuples = ["(" + ", ".join(map(repr, values)) + ")" for values in chosen]
    return f"({', '.join(names)}) = {_listed_plain(tuples)}"


def _fed_its_own_input(display: str, chosen: dict, trial: ModelAnalysis, images, domains: dict,
                       settings: Settings, siblings: list[ModelAnalysis]) -> bool:
    """Whether a configuration's errors are its own: met for every input size, on the images its
    values name, or on an input given where its values name no other: a dataset's images (a table
    one of whose keys names a dataset is keyed by datasets: 'imagenet' beside 'cifar10' is for
    images of no size known), or the input size it is built for (a value that, taken as the side of
    the input, runs clean)."""
    from convlint.source.data_pipelines import images_named

    if images is not None or not _concrete_input(trial):
        return True
    dims = trial.input_shape.dims
    if any(images_named(value) != tuple(dims[1:]) and any(images_named(key) is not None for key in domains[name][0])
           for name, value in chosen.items()):
        return False
    sides = [value for value in chosen.values() if type(value) is int and 1 < value <= MAX_SIDE_TRIED
             and len(dims) >= 3 and value not in dims[2:]]
    return trial.rerun is None or not any(
        not any(d.severity == "error" for d in model_diagnostics(
            display, trial.rerun((*dims[:2], *(side,) * (len(dims) - 2))), settings, hint_sizes=False,
            siblings=siblings)) for side in sides)


MAX_SIDE_TRIED = 1024  # a value larger than this is no input side a table is keyed by


def _listed_plain(shown: list[str]) -> str:
    """`a, b and c` of texts already written."""
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def _first_of_each(met: list[Diagnostic]) -> dict:
    """(line, code) -> the first error met there (the layer torch stops at, where a line builds several)."""
    out: dict = {}
    for d in met:
        out.setdefault((d.span, d.code), d)
    return out


def _listed(values: list) -> str:
    """`20, 32 and 44`."""
    shown = [repr(value) for value in values]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


_WIDTH_CHECKED = {"CL101": ("in_features", -1), "CL103": ("in_channels", 1), "CL104": ("num_features", 1)}


def _name_mistaken(diagnostic: Diagnostic, trial: ModelAnalysis, default: ModelAnalysis | None) -> Diagnostic | None:
    """The error of a configuration the code names, kept an error where its layer's width is
    written with a name (`G`) that another name of the same scope (`G0`) would fit, the two equal
    in the default model's construction of that layer and different in this one: the width is
    wrong in every configuration where they differ, and the default hides it. None otherwise."""
    from convlint.evaluator.width_forms import names_mistaken

    checked = _WIDTH_CHECKED.get(diagnostic.code)
    if checked is None or default is None or diagnostic.layer is None:
        return None
    argument, axis = checked
    node = next((n for n in trial.modules() if n.path == diagnostic.layer), None) if trial.root is not None else None
    same = next((n for n in default.modules() if n.path == diagnostic.layer), None) if default.root is not None else None
    if node is None or same is None or argument not in node.width_forms or argument not in same.width_forms \
            or node.span != same.span:
        return None
    arriving = {call.input.shape.dims[axis] for call in trial.calls if call.node is node and not call.speculative
                and call.input is not None and call.input.shape.dims}
    if len(arriving) != 1 or type(wanted := arriving.pop()) is not int:
        return None
    form, values = node.width_forms[argument]
    mistaken = names_mistaken(form, values, wanted, same.width_forms[argument][1])
    if not mistaken:
        return None
    written, fits = mistaken[0]
    return replace(diagnostic, message=_qualified(
        diagnostic.message, f"where {fits} in place of {written} fits (the two are equal at the defaults)"))


def _for_every_count(display: str, trials: list, found: list[Diagnostic], settings: Settings,
                     siblings: list[ModelAnalysis], given: str = "") -> list[Diagnostic]:
    """Errors the model meets with every loop count tried (`n_block` = 1 to 6), where the
    run with the count unknown met none: the line is wrong whatever count the caller gives.
    `given`: the configuration the counts were tried in."""
    seen = {(d.span, d.code) for d in found}
    per_trial = []
    for _, trial in trials:
        if trial.stopped or trial.internal_error or trial.failed_assert is not None:
            return []  # a count the model refuses by design says nothing of the others
        per_trial.append({(d.span, d.code): d for d in model_diagnostics(display, trial, settings, hint_sizes=False,
                                                                         siblings=siblings, pinned_sizes=True)
                          if d.severity == "error"})
    common = set.intersection(*(set(errors) for errors in per_trial)) - seen if per_trial else set()
    if per_trial:  # the same failure blamed at another line where a count shows less of the model
        common |= {key for key, d in per_trial[-1].items() if key not in common and key not in seen and all(
            any(code == d.code and _anchors(other) & _anchors(d) for (_, code), other in errors.items())
            for errors in per_trial[:-1])}
    common = {key for key in common if not _count_may_fit(per_trial[-1][key], [trial for _, trial in trials])}
    names = list(trials[0][0])
    same = all(len(set(values.values())) == 1 for values, _ in trials)
    counts = [str(next(iter(values.values()))) if same else f"({', '.join(map(str, values.values()))})"
              for values, _ in trials]
    counts = list(dict.fromkeys(counts))  # (a value tried in two ways, default and given, is said once)
    counts = counts[0] if len(counts) == 1 else f"{', '.join(counts[:-1])} and {counts[-1]}"
    names = " and ".join(names) if same else f"({', '.join(names)})"
    condition = f"for {names} = {counts} (nothing gives it a value: each tried)"
    condition = f"{given}, {condition}" if given else condition
    # the message of the largest count: `5*num_features`, where the first reads `0`
    out = [replace(d, message=_qualified(d.message, condition)) for key, d in per_trial[-1].items() if key in common]
    # (a shuffle's factor of 1 says nothing of which side is wrong: `C * r**2` channels and a shuffle
    # by `2 * r` are compared at r = 1 on C alone; the first trial past it blames as the others do)
    plain = [trial for values, trial in trials if any(value != 1 for value in values.values())] \
        if all(d.code == "CL110" for d in out) else []
    return _blamed_as_in(display, (plain or [trials[0][1]])[0], out, settings, siblings, condition) if out else out


def _count_may_fit(diagnostic: Diagnostic, trials: list[ModelAnalysis]) -> bool:
    """Whether a width error met with every count tried may still fit at a larger count: the gap
    between the layer's width and the width reaching it shrinks from one count to the next
    (`Conv2d(n_feats * 11, ...)` after a stack of `n_resgroups + 1` maps: 9, 8, ... 4 times
    n_feats short, so right for the default of 10 groups). A gap that stays (one block too few)
    or grows (`Linear(out_channels * 2)` after `out_channels`) fits no count."""
    checked = _WIDTH_CHECKED.get(diagnostic.code)
    if checked is None or diagnostic.layer is None:
        return False
    argument, axis = checked
    gaps = []
    for trial in trials:
        node = next((n for n in trial.modules() if n.path == diagnostic.layer), None) if trial.root is not None else None
        calls = [call for call in trial.calls if call.node is node and not call.speculative
                 and call.input is not None and call.input.shape.dims] if node is not None else []
        widths = {str(call.input.shape.dims[axis]) for call in calls}
        if len(widths) != 1:
            return False  # (a layer fed two widths in one build fails whatever the count)
        gap = _width_gap(getattr(calls[0].record, argument, None), calls[0].input.shape.dims[axis])
        if gap is None:
            return False
        gaps.append(gap)
    return _gaps_close(gaps)


def _width_gap(expected: object, arriving: object) -> dict | None:
    """expected - arriving as {atom: coefficient} with the constant under the key 1; None where
    either is not a sum of whole multiples of arguments."""
    if isinstance(expected, bool) or isinstance(arriving, bool):
        return None
    forms = symbolic.linear_form(expected), symbolic.linear_form(arriving)  # type: ignore[arg-type]
    if None in forms:
        return None
    (wanted, wanted_constant), (given, given_constant) = forms  # type: ignore[misc]
    gap = {atom: wanted.get(atom, 0) - given.get(atom, 0) for atom in wanted.keys() | given.keys()}
    gap[1] = wanted_constant - given_constant
    return {atom: c for atom, c in gap.items() if c}


def _gaps_close(gaps: list[dict]) -> bool:
    """Whether gaps met at counts in increasing order reach zero at a count past the last: each
    coefficient moving toward zero, none passing it or moving away."""
    if len(gaps) < 2:
        return False
    last, before = gaps[-1], gaps[-2]
    steps = {atom: last.get(atom, 0) - before.get(atom, 0) for atom in last.keys() | before.keys()}
    if not any(steps.values()):
        return False  # the same gap at every count
    counts_to_zero = set()
    for atom in last.keys() | before.keys():
        now, step = last.get(atom, 0), steps[atom]
        if now == 0 and step != 0 or now != 0 and (step == 0 or (now > 0) == (step > 0)):
            return False  # a coefficient left at zero, standing still or moving away from it
        if step:
            counts_to_zero.add(Fraction(-now, step))
    if len(counts_to_zero) != 1 or counts_to_zero.pop().denominator != 1:
        return False  # the coefficients reach zero at different counts, or between two
    return all(abs(a.get(atom, 0)) >= abs(b.get(atom, 0)) for a, b in zip(gaps, gaps[1:]) for atom in a.keys() | b.keys())


def _blamed_as_in(display: str, trial: ModelAnalysis, found: list[Diagnostic], settings: Settings,
                  siblings: list[ModelAnalysis], condition: str) -> list[Diagnostic]:
    """Errors met with every count tried, each moved where the line to change is (a stride a
    block's main path lost, a width a caller passes) as the blame of one trial moves it: the trial
    with the fewest blocks, rerun at the sizes blame tries."""
    moved = {}
    for d in model_diagnostics(display, trial, settings, siblings=siblings, pinned_sizes=True):
        if d.severity == "error" and d.related:
            moved.setdefault((d.related[0], d.code), d)
    out = []
    for d in found:
        m = moved.get((d.span, d.code))
        out.append(d if m is None or m.span == d.span else replace(
            d, path=m.path, span=m.span, related=m.related, layer=m.layer, via=m.via, fix=m.fix,
            message=_qualified(m.message, condition)))
    return out


def _anchors(d: Diagnostic) -> set:
    """Where a finding is and the layer it was met at (its first related span, once blamed elsewhere):
    the same failure reported at a layer in one run and at the line that sizes it in another."""
    return {d.span, *d.related[:1]}


def _qualified(message: str, condition: str) -> str:
    """The message with the condition it holds under, before its closing `(input ...)` (which
    may hold parentheses of its own: `on CIFAR10 batches (line 106)`)."""
    cut = len(message)
    if message.endswith(")"):
        depth = 0
        for index in range(len(message) - 1, -1, -1):
            depth += {")": 1, "(": -1}.get(message[index], 0)
            if depth == 0:
                cut = index - 1 if message[index - 1:index] == " " else index
                break
    return f"{message[:cut]}, {condition}{message[cut:]}"


def _node_for(nodes: dict, d, by_label: bool = True):
    """The node a finding is about: by its label and span, or its label alone (`by_label`); of
    several sharing both, the one whose call the finding names first among its related spans, or
    the one the check tied it to."""
    if d.related:
        found = nodes.get((d.layer, d.span, d.related[0]))
        if found is not None:
            return _the_instance(d, found)
    return _the_instance(d, nodes.get((d.layer, d.span), nodes.get(d.layer)) if by_label
                         else nodes.get((d.layer, d.span)))


def _the_instance(d, found):
    """Of the nodes sharing `found`'s label and span (F.linear in the forward of a module built
    several times), the one the check tied the finding to."""
    subject = getattr(d, "subject", None)
    if subject is None or found is None or found is subject:
        return found
    return subject if (found.label, found.span) == (subject.label, subject.span) else found


def model_diagnostics(display: str, model: ModelAnalysis, settings: Settings,
                      hint_sizes: bool = True, siblings: list[ModelAnalysis] = (),
                      pinned_sizes: bool | None = None) -> list[Diagnostic]:
    """The model's findings; `hint_sizes` adds the input sizes that would work to CL101's fix, and
    `pinned_sizes` (as hint_sizes unless given) reruns the model where an add broadcasts at a few
    sizes only."""
    from convlint.checks.registry import CheckRun, all_checks

    rules = load_rules()
    run = CheckRun(display, model.certain())
    nodes: dict = {}
    for node in [*model.constructed, *(c.node for c in model.calls)]:
        nodes[node.label] = nodes[(node.label, node.span)] = node  # F.* nodes share a label: the span tells
    by_call: dict[tuple, set] = {}
    for call in model.calls:
        # (layers built by one line at each call of a helper in forward(), `self.conv_half(32, 16)(x)`,
        # share their label and span: the call a finding names tells which was given what, where
        # that call runs no other of them: F.linear in a module's forward runs each instance's weight)
        by_call.setdefault((call.node.label, call.node.span, call.span), set()).add(id(call.node))
    for call in model.calls:
        key = (call.node.label, call.node.span, call.span)
        if nodes.get(key[:2]) is not call.node and len(by_call[key]) == 1:
            nodes[key] = call.node
    # (a check's own node wins over the lookup only where the lookup cannot tell it from the others:
    # one F.conv2d line applying each instance's weight; a torch subclass's F.conv2d is its instance's)
    shared = {n for ids in by_call.values() if len(ids) > 1 for n in ids}
    out: list[Diagnostic] = []
    for code, function in all_checks().items():
        spec = rules.get(code)
        if spec is None or not settings.selects(code):
            continue  # a check ships with its rule file; tests/test_rules.py holds them together
        try:
            for finding in function(run):
                if model.rank_assumed and (code == "CL108" or (code, finding.variant) == ("CL104", "rank")):
                    continue  # the input's rank was chosen (an nn.Linear takes any), not read: no rank errors
                message, fix = spec.render(finding.values, finding.variant)
                node = finding.node if finding.node is not None else _node_for(nodes, finding)
                via = tuple(s for s in node.via if s.line != finding.span.line or s.file != finding.span.file) \
                    if node is not None and (node.span == finding.span or finding.span in node.written_at.values()) \
                    else ()
                if finding.span.file:  # reported in another file: a call here is named by this file's path
                    via = tuple(s if s.file else _in(s, display) for s in via)
                diagnostic = Diagnostic(finding.span.file or display, finding.span, code, spec.name, spec.severity,
                                        message, fix, model.name, finding.layer, finding.related, via,
                                        subject=finding.node if id(finding.node) in shared else None)
                if code == "CL107" and node is not None:
                    diagnostic = _at_the_passed_path_argument(display, diagnostic, node, finding.variant,
                                                              model.constructed)
                out.append(diagnostic)
        except Exception as error:  # a bug in one check must not hide the others
            out.append(file_diagnostic(display, "CL999", f"check {code} failed on {model.name}: "
                                       f"{type(error).__name__}: {error}", model.span, model=model.name))
    with _origins_past_the_forwarding_helpers(model):
        out = _at_the_call_site(display, model, out, nodes, siblings, settings if hint_sizes else None)
    if any(d.severity == "error" and d.code in ARGUMENT_OF for d in out):
        out = [_at_the_wrapper_around_it(display, model, d, nodes) for d in out]
    if hint_sizes and any(d.severity == "error" and d.code in ARGUMENT_OF for d in out):
        out = _at_the_scaled_number(display, model, out, nodes, settings)
    if hint_sizes and any(d.severity == "error" and d.code in ARGUMENT_OF for d in out):
        out = _at_the_block_argument(display, model, out, nodes, settings)
        out = _at_the_looped_call_argument(display, model, out, nodes, settings)
    out = _at_the_passed_window(display, model, out, nodes)
    out = _at_the_instance_applying_its_weight(display, model, out, nodes)
    if hint_sizes and any(d.severity == "error" and d.code in ARGUMENT_OF for d in out):
        out = _the_rest_explained_by_the_crossed_call(display, model, out, nodes, settings)
    if hint_sizes and any(d.severity == "error" and d.code == "CL107" for d in out):
        out = _at_the_flag(display, model, out)
        out = _at_the_parameter_width_passed(display, model, out)
        out = _at_the_parameter_shape(display, model, out, settings)
    if hint_sizes and any(d.severity == "error" and d.code in ("CL102", "CL107") for d in out):
        out = _at_the_parameter_read(display, model, out, settings)
    if any(d.severity == "error" and d.code == "CL101" for d in out):
        out = _at_the_flatten_of_a_probed_count(display, model, out, nodes)
    out = [_at_the_argument(d, nodes, model) for d in _at_the_overridden_default(
        display, model, out, nodes, siblings, settings if hint_sizes else None)]
    out = [_at_the_kernel(d, model, nodes) for d in out]
    if any(d.severity == "error" and d.code == "CL102" for d in out):
        out = _at_the_number_passed_to_the_view(display, model, out)
    if any(d.severity == "error" and d.code in AXIS_BLAMED for d in out):
        out = _at_the_moved_axis(model, out)
    if hint_sizes and any(d.severity == "error" and d.code in ARGUMENT_OF for d in out):
        out = _at_the_passed_count(display, model, out, nodes, settings)
        out = _at_the_swapped_call(display, model, out, nodes, settings)
    if any(d.severity == "error" and d.code in ("CL103", "CL104") for d in out):
        out = _at_the_batch_changing_view(model, out)
        out = _at_the_folding_view(model, out)
        out = _at_the_producer(display, model, out, nodes, settings)
        if hint_sizes:
            out = _at_the_passed_width(display, model, out, nodes, settings)
        if hint_sizes:
            out = _at_the_shuffled_width(display, model, out, nodes, settings)
    if hint_sizes and any(d.severity == "error" and d.code in ("CL101", "CL103", "CL104") for d in out):
        out = _at_the_outvoted_producer(display, model, out, nodes, settings)
    if hint_sizes and any(d.severity == "error" and d.code in ("CL101", "CL103", "CL104") for d in out):
        out = _at_the_odd_producer(display, model, out, nodes, settings)
    if hint_sizes and any(d.severity == "error" and d.code == "CL103" for d in out):
        out = _at_the_odd_cat_operand(display, model, out, nodes, settings)
    if any(d.severity == "error" and d.code in ("CL103", "CL104") for d in out):
        if hint_sizes:
            out = _at_the_producer_off_the_pattern(display, model, out, nodes, settings)
        if hint_sizes:
            out = _in_the_block_body(display, model, out, nodes, settings)
    if any(d.severity == "error" and d.code in ("CL103", "CL104") for d in out) and model.argument_symbols:
        out = _at_the_width_off_the_declared_expansion(model, out, nodes)
    if any(d.severity == "error" and d.code in ARGUMENT_OF for d in out):
        out = _off_a_binding_read_otherwise(display, model, out, nodes, settings, hint_sizes)
    if hint_sizes and any(d.severity == "error" and d.code in ARGUMENT_OF for d in out):
        out = _at_the_local_binding(display, model, out, nodes, settings, siblings)
        out = _at_the_running_count_update(display, model, out, nodes, settings)
        out = _at_the_side_left_unshrunk(display, model, out, nodes)
    if any(d.severity == "error" and d.code in ("CL101", "CL109") for d in out):
        out = _at_the_formula_factor(display, model, out, nodes)
    if any(d.severity == "error" and d.code in ARGUMENT_OF for d in out):
        out = _at_the_call_it_fails_on(display, model, out, nodes, settings if hint_sizes else None)
    if any(d.severity == "error" and d.code == "CL103" for d in out):
        out = _at_the_row_that_disagrees(display, model, out, nodes)
        out = [_at_the_view_minus_one(display, model, d, nodes) for d in out]
    if (hint_sizes if pinned_sizes is None else pinned_sizes) and settings.selects("CL107") and "CL107" in rules:
        out.extend(_pinned_operands(display, run, settings, rules["CL107"]))
        out.extend(_unpool_sizes_refused_when_larger(display, run, settings))
    if hint_sizes and (pinned_sizes is None or pinned_sizes):
        out.extend(_batch_taken_as_width(display, model, out, settings, siblings))
    if hint_sizes and model.input_source is None and not any(d.severity == "error" for d in out):
        out.extend(_windows_at_the_head_sizes(display, model, settings))
    if hint_sizes and model.input_source is None and not any(d.severity == "error" for d in out):
        out.extend(_heads_no_size_fits(display, model, settings))
    if any(d.severity == "error" and d.code == "CL101" for d in out):
        out = _at_the_view_every_head_refuses(display, model, out)
        out = _at_the_view_of_a_miscopied_factor(display, model, out)
        out = _at_the_view_of_another_width(display, model, out)
        out = _at_the_final_pool(display, model, out)
        out = _at_the_stated_side(display, model, out)
    if hint_sizes and any(d.severity == "error" and d.code in SIZE_ERRORS for d in out):
        unmoved = {id(d) for d in out}
        out = _at_the_stride(display, model, out, settings)
        out = _at_the_spatial_argument(display, model, out, settings, {id(d) for d in out} & unmoved)
    if hint_sizes and any(d.severity == "error" and d.code == "CL107" for d in out):
        out = _at_the_width(display, model, out, settings)
        out = _at_the_call_passing_the_operand(display, model, out)
        out = _at_the_residual_block_argument(display, model, out, settings)
        out = _at_the_layer_sizing_the_operand(display, model, out, settings)
    if hint_sizes and any(d.severity == "error" and d.code in SIZE_ERRORS for d in out):
        out = _at_the_row(display, model, out, nodes, settings)
    if hint_sizes and any(d.severity == "error" and d.code == "CL102" for d in out):
        out = _at_the_viewed_width(display, model, out, settings)
        out = _at_the_viewed_count_binding(display, model, out, settings)
    if any(d.severity == "error" and d.code == "CL101" for d in out) and model.input_source is None:
        out = [_naming_the_input_view(model, d) for d in out]
    if hint_sizes and any(d.code == "CL101" for d in out):
        size = _nearest_working_size(display, model, settings)
        if size is not None:
            out = [replace(d, fix=f"{d.fix}; or feed {size} inputs") if d.code == "CL101" and d.fix else d
                   for d in out]
    out = [_as_the_weight_parameter(model, _at_the_weight_shape(d, nodes), nodes) for d in out]
    if any(d.severity == "error" and d.code == "CL103" for d in out):
        out = [_with_the_cat_named(model, d) for d in out]
    # a finding moved into another file (a block library's line) names the calls of this file by its path
    out = [replace(d, via=tuple(s if s.file else _in(s, display) for s in d.via))
           if d.path != display and any(not s.file for s in d.via) else d for d in out]
    if hint_sizes and any(d.severity == "error" and d.code == "CL107" for d in out):
        out = _past_a_refusing_norm(run, out)
    return [replace(moved, subject=None) if moved.subject is not None else moved
            for d in out if (moved := _out_of_the_standins(d, display)) is not None]


def _past_a_refusing_norm(run, found: list[Diagnostic]) -> list[Diagnostic]:
    """A clash of an op whose operand a norm refused before it (`out + short` after `BN3 =
    BatchNorm2d(256)` given C3's 64) is never reached: torch stops at the norm, and the norm's
    finding names the line to change. Dropped from what is shown, wherever it was blamed; the
    reruns that place the other findings still see it (it tells the conv, not the norm, is wrong)."""
    from convlint.checks.channels import norm_refusals

    refused = norm_refusals(run)
    if not refused:
        return found
    unreached = {op.span for op in run.model.ops if op.problem is not None and not op.speculative
                 and any(refused.get(t.producer, op.start) < op.start for t in op.operands)}
    return [d for d in found if not (d.code == "CL107" and d.severity == "error"
                                     and (d.span in unreached or unreached & set(d.related)))]


def _at_the_weight_shape(d: Diagnostic, nodes: dict) -> Diagnostic:
    """A count of an F.conv2d or F.linear left at the call's own line, where the weight it applies
    was made to a shape its block's constructor wrote as a tuple of its parameters (`self.shape =
    (out_chn, out_chn, k, k)` of a binary conv, `self.weights.view(self.shape)` in forward()): that
    tuple reads the parameter the count comes from, as a layer's own line reads it, and is the line
    to change; the call related."""
    if d.severity != "error" or d.code not in ARGUMENT_OF:
        return d
    node = _node_for(nodes, d)
    read = node.read_at.get(ARGUMENT_OF[d.code][0]) if node is not None and node.functional \
        and d.span == node.span else None
    if read is None or read == d.span:
        return d
    return replace(d, span=read, related=(node.span, *d.related))


def _as_the_weight_parameter(model: ModelAnalysis, d: Diagnostic, nodes: dict) -> Diagnostic:
    """A finding of an F.conv2d or F.linear whose weight a block's constructor sized from its
    parameters (`torch.ones(out_ch, in_ch, k, k)`), moved to the call that passed the count: the
    fix names that call's parameter (in_ch), not a weight's shape nor an in_channels F.conv2d has not."""
    if d.code not in ("CL101", "CL103") or d.severity != "error" or not d.related:
        return d
    node = _the_instance(d, nodes.get((d.layer, d.related[0])))
    if node is None or not node.weight_held or d.span == node.span:
        return d
    argument, dim = ARGUMENT_OF[d.code]
    origin, chain = node.arg_origins.get(argument), node.names_passed.get(argument, ())
    index = next((i for i, level in enumerate(origin[3] if origin else ()) if level[0] == d.span), None)
    arriving = _arriving(model, node, dim)
    what = "features" if d.code == "CL101" else "channels"
    if index is None and origin and d.span == origin[2] and arriving is not None and chain \
            and isinstance(chain[-1][1], str):
        # (moved to the binding of the name the call passed, `conv_output_size = 3200`: that name is
        # what to set, not the parameter the block sizes its weight by)
        return replace(d, fix=f"Set {chain[-1][1]} to {format_dim(arriving)}: it sizes the input {what} of the "
                              f"weight {node.label} applies")
    if index is None or index >= len(chain) or arriving is None:
        return d
    return replace(d, fix=f"Pass {format_dim(arriving)} for {chain[index][0]}: it sizes the input {what} of the "
                          f"weight {node.label} applies")


def _at_the_width_off_the_declared_expansion(model: ModelAnalysis, found: list[Diagnostic],
                                             nodes: dict) -> list[Diagnostic]:
    """A block checked on its own whose class declares its output factor (`expansion = 4` of a
    ResNet Bottleneck, what its callers size the shortcut and the next stage by) where a layer
    expects that factor of a width argument (`BatchNorm2d(planes * 4)`) and the conv before it
    gives another (`planes * 2`): the conv is off what the class and its norm agree on, so it is
    the line to change, reported where its width is written, the norm related."""
    cls = model.root.cls if model.root is not None else None
    namespace = getattr(cls, "namespace", None) or {}
    declared = {name: value for name, value in namespace.items() if "expansion" in name.lower()
                and type(value) is int and value > 1}
    if len(set(declared.values())) != 1:
        return found
    name, factor = next(iter(declared.items()))
    by_label, out = _by_label(model), []
    for d in found:
        failure = _refused_width(d, model, nodes, by_label) if d.span == (_node_for(nodes, d) or d).span else None
        if failure is None:
            out.append(d)
            continue
        node, call, argument, dim, producer = failure
        expected, arrived = getattr(call.record, argument, None), call.input.shape.dims[dim]
        width = _widths_of(producer.record)[0]
        if not (_scaled_symbol(expected, model) == factor and _scaled_symbol(arrived, model) not in (None, factor)
                and expected.base == arrived.base and getattr(producer.record, width, None) == arrived):
            out.append(d)
            continue
        where = _where_written(model, producer, width)
        note = (f"and {producer.label} on line {where.line} gives {format_dim(arrived)}: the class declares "
                f"{name} = {factor}, the {format_dim(expected)} {node.label} takes")
        out.append(replace(d, span=where, path=where.file or d.path, message=_qualified(d.message, note),
                           fix=f"Set {width} to {format_dim(expected)}", related=(d.span, *d.related),
                           layer=producer.label))
    return out


def _scaled_symbol(dim, model: ModelAnalysis) -> int | None:
    """k of a width `k*name` of one of the block's own width arguments, else None."""
    from convlint.values import Sym

    if type(dim) is not Sym or dim.opaque or dim.offset or dim.divisor != 1 or dim.terms or dim.factors \
            or dim.base not in model.argument_symbols:
        return None
    return dim.scale


def _at_the_wrapper_around_it(display: str, model: ModelAnalysis, d: Diagnostic, nodes: dict) -> Diagnostic:
    """A layer built elsewhere and then wrapped in a container with layers of its own before it
    (SimCLR's `backbone.fc = nn.Sequential(nn.Linear(d, 256), nn.ReLU(), backbone.fc)`), fed a
    width it does not take by one of them, is reported at that one: the layer fits the model it was
    built for, and changing it would break that model; the wrapper's layer is what to change."""
    from convlint.records import ContainerRecord

    node = _node_for(nodes, d) if d.severity == "error" and d.code in ARGUMENT_OF else None
    if node is None or d.span != node.span:
        return d
    argument, _ = ARGUMENT_OF[d.code]
    wanted = getattr(node.record, argument, None)
    calls = [c for c in model.calls if c.node is node]
    if type(wanted) is not int or not calls:
        return d
    producer = _width_producer(model, calls[0], _by_label(model))
    for wrapper in model.constructed:
        if not isinstance(wrapper.record, ContainerRecord) or _within(node.span, wrapper.span) \
                or not any(child is node for child in wrapper.children.values()) \
                or producer is None or not any(child is producer for child in wrapper.children.values()) \
                or not _within(producer.span, wrapper.span):
            continue
        out, _ = _widths_of(producer.record)
        if not hasattr(producer.record, out):
            return d
        return replace(d, path=producer.span.file or display, span=producer.span, related=(node.span, *d.related),
                       via=tuple(s for s in producer.via if not _within(producer.span, s)),
                       fix=f"Set {out} to {wanted}: the {node.path} it wraps takes {wanted}, as in the model "
                           "it was built for")
    return d


def _cat_along_another_dim(op, record) -> tuple | None:
    """(the cat's dim, the conv input's channel dim, whether a cat along the channels would give
    the conv its in_channels) for a torch.cat into a conv that joins along another dim than the
    channels (`torch.cat([x, skip], dim=2)` of a decoder's maps); None where it joins the channels
    or the ranks leave that open."""
    from convlint.records import ConvRecord

    dims, dim = op.result.shape.dims, op.detail.get("dim")
    if not isinstance(record, ConvRecord) or dims is None or not isinstance(dim, int) or not -len(dims) <= dim < len(dims):
        return None
    channel = {record.ndim + 2: 1, record.ndim + 1: 0}.get(len(dims))  # batched, or one unbatched map
    axis = dim % len(dims)
    if channel is None or axis == channel or any(t.shape.dims is None or len(t.shape.dims) != len(dims)
                                                 for t in op.operands):
        return None
    first = op.operands[0].shape.dims
    channels = [t.shape.dims[channel] for t in op.operands]
    fits = all(type(c) is int for c in channels) and sum(channels) == record.in_channels and all(
        t.shape.dims[i] == first[i] or symbolic.can_equal(t.shape.dims[i], first[i])
        for t in op.operands for i in range(len(dims)) if i != channel)
    return dim, channel, fits


def _with_the_cat_named(model: ModelAnalysis, d: Diagnostic) -> Diagnostic:
    """A conv's channel finding whose input is a torch.cat written in forward (`torch.cat((x1, x2,
    x2), 1)` into a conv built for two maps): either line may be the slip, so the cat's line is
    related and the message says what it joins."""
    if d.code != "CL103" or d.severity != "error" or not d.layer or "torch.cat" not in d.message:
        return d
    call = next((c for c in model.calls if c.node.label == d.layer and c.node.span in (d.span, *d.related)), None)
    op = next((o for o in model.ops if call is not None and o.op in CAT_OPS and o.result is call.input
               and not o.problem), None)
    dim = op.detail.get("dim") if op is not None else None
    widths = [t.shape.dims[dim] if t.shape.dims is not None and isinstance(dim, int)
              and -len(t.shape.dims) <= dim < len(t.shape.dims) else None for t in op.operands] if op else []
    if op is None or op.span == d.span or op.span in d.related or None in widths or len(widths) < 2:
        return d
    joined = " + ".join(format_dim(w) for w in widths)
    expected = getattr(call.record, "in_channels", None)
    along = _cat_along_another_dim(op, call.record)
    if along is not None:  # the sizes it adds up are not channels: say what they are
        axis, channel, fits = along
        note = f"the {op.op} on line {op.span.line} joins along dim {axis} ({joined} there), not the channels"
        if fits:  # joined along the channels, the maps give just the count the conv takes: the cat's dim is the slip
            return _moved_to(d, op.span, d.path, f"{note}: along dim {channel} they give the {format_dim(expected)} "
                             f"channels {d.layer} takes", fix=f"Join along dim {channel} in the {op.op}")
        return replace(d, related=(*d.related, op.span), message=_qualified(d.message, note))
    fix = f"{d.fix}, or join maps of {format_dim(expected)} channels in all in the {op.op} on line {op.span.line}" \
        if d.fix and d.fix.startswith("Set in_channels") and expected is not None \
        and _within_span(d.span, call.node.span) else d.fix  # (not where a mover chose the count written elsewhere)
    return replace(d, related=(*d.related, op.span), fix=fix,
                   message=_qualified(d.message, f"{joined} from the {op.op} on line {op.span.line}"))


def _at_the_batch_changing_view(model: ModelAnalysis, found: list[Diagnostic]) -> list[Diagnostic]:
    """A layer refusing the channels a `view(-1, C, H, W)` gives (a generator's 8192 features per
    sample viewed as 256 x 4 x 4: the batch becomes 2N), where the same view with the batch kept
    gives exactly the channels the layer takes: the view is what is wrong, reported there, or where
    its sizes are written (`self.reshape = (32, 4, 4)` read as `view(-1, *self.reshape)`). Rows not
    known to be the batch (a latent made by a cat of parts the constructor arguments choose) are
    cut the same way, their features those of the Linear that made them: each row, whatever it is,
    has exactly the layer's channels times the rest of the sizes asked for."""
    from convlint.checks.sizes import VIEW_OPS
    from convlint.records import field_of

    batch = model.input.shape.dims[0] if model.input is not None and model.input.shape.dims else None
    if batch is None:
        return found
    moved, views_blamed = [], set()
    for d in found:
        call = next((c for c in model.calls if d.severity == "error" and d.code in ("CL103", "CL104")
                     and c.node.label == d.layer and _within(d.span, c.node.span)), None)
        view = None if call is None else next(
            (op for op in model.ops if op.op in VIEW_OPS and op.result is call.input and op.problem is None), None)
        wanted = None if call is None else field_of(call.record, "in_channels") or field_of(call.record, "num_features")
        requested = tuple(view.detail.get("requested", ())) if view is not None else ()
        if view is None or not is_known(wanted) or len(requested) < 3 or requested[0] != -1 \
                or not all(is_known(x) and x > 0 for x in requested[1:]):
            moved.append(d)
            continue
        source = view.operands[0].shape.dims
        batch_rows = bool(source) and not isinstance(source[0], Unknown)
        sizes_known = bool(source) and all(is_known(x) and x > 0 for x in source[1:])
        if batch_rows:  # each row one sample
            per_row = math.prod(source[1:]) if sizes_known and source[0] == batch \
                and call.input.shape.dims[0] != batch else None
        else:
            per_row = math.prod(source[1:]) if sizes_known else _features_made(model, view.operands[0])
        rest = math.prod(requested[2:])
        if per_row is None or per_row % rest or per_row // rest != wanted:
            moved.append(d)
            continue
        kept = ", ".join(["x.size(0)" if batch_rows else "-1", str(wanted), *(str(x) for x in requested[2:])])
        made = f"makes the batch {format_dim(call.input.shape.dims[0])}: with the batch kept" if batch_rows \
            else f"cuts each row of {per_row} features into rows of {math.prod(requested[1:])}: with the rows kept"
        note = (f"and {view.op}({', '.join(format_dim(x) for x in requested)}) {made}, view({kept}) gives "
                f"{call.node.label} the {wanted} channels it takes")
        where = view.detail.get("written_at", view.span)
        views_blamed.add(where)
        moved.append(replace(d, path=where.file or d.path, span=where, message=_qualified(d.message, note),
                             related=(*((view.span,) if where != view.span else ()), d.span, *d.related),
                             fix=f"Keep the batch dim: view({kept})" if batch_rows
                             else f"Ask for the {wanted} channels {call.node.label} takes: view({kept})"))
    # (CL102's batch change at the same view says less: the moved finding names the view to write)
    return [d for d in moved if not (d.code == "CL102" and d.span in views_blamed)]


def _at_the_folding_view(model: ModelAnalysis, found: list[Diagnostic]) -> list[Diagnostic]:
    """A conv refusing the channels a view gives that folds a 3-D map into a 2-D one (HybridSN's
    `x.view(b, c, d * h, w)` of a (b, c, d, h, w) map, for a Conv2d of c * d channels), where exactly
    one other folding of the same dims into as many, each a run of neighbours, the batch kept, gives
    the conv the channels it takes: the view folds the wrong dims and is the line to change,
    reported there (the conv's count is what the code meant its input to be)."""
    from convlint.checks.sizes import VIEW_OPS
    from convlint.records import field_of

    out = []
    for d in found:
        # (the layer's call on the view's result: a probe in the constructor may have called it first)
        call, view = next(((c, op) for c in model.calls if d.severity == "error" and d.code == "CL103"
                           and not c.speculative and c.node.label == d.layer for op in model.ops
                           if op.op in VIEW_OPS and op.result is c.input and op.problem is None), (None, None))
        wanted = None if call is None else field_of(call.record, "in_channels")
        source = view.operands[0].shape.dims if view is not None else None
        given = call.input.shape.dims if call is not None else None
        folds = _foldings(source, len(given), wanted) if source and given and is_known(wanted) \
            and len(given) >= 3 and all(is_known(x) and x > 0 for x in (*source, *given)) \
            and source[0] == given[0] and math.prod(source) == math.prod(given) else []
        if len(folds) != 1 or folds[0] == tuple(given):
            out.append(d)
            continue
        shown = ", ".join(str(x) for x in folds[0])
        note = (f"and {view.op} on line {view.span.line} folds the {'x'.join(str(x) for x in source)} map into "
                f"{'x'.join(str(x) for x in given)}: folded into {shown}, it gives {call.node.label} the {wanted} "
                f"channels it takes")
        out.append(_moved_to(d, view.span, d.path, note, fix=f"Fold the dims next to the channels: view({shown})"))
    return out


def _foldings(dims: tuple, rank: int, channels: int) -> list[tuple]:
    """The shapes of `rank` dims that group `dims` into runs of neighbours, the first (the batch)
    alone, whose second is `channels`."""
    out = []

    def grouped(start: int, left: int, made: tuple) -> None:
        if left == 0:
            if start == len(dims):
                out.append(made)
            return
        for end in range(start + 1, len(dims) - left + 2):
            grouped(end, left - 1, (*made, math.prod(dims[start:end])))

    if 2 <= rank <= len(dims):
        grouped(1, rank - 1, (dims[0],))
    return [shape for shape in out if shape[1] == channels]


def _at_the_flatten_of_a_probed_count(display: str, model: ModelAnalysis, found: list[Diagnostic],
                                      nodes: dict) -> list[Diagnostic]:
    """A Linear whose in_features the constructor measured on what the model's own layers gave a
    probe tensor (`n = self.features(torch.zeros(1, C, T)).view(1, -1).size(1)`, `_get_conv_output`),
    refused in forward() where every one of those features reaches it: the count is right by
    construction, so forward() flattens otherwise than the probe was measured (`x.view(x.size(0),
    16, -1)` keeping the channels, flatten(2)), or not at all. Reported at that view, or at the
    Linear's call in forward() where nothing flattens: the line to change."""
    from convlint.checks.sizes import VIEW_OPS

    moved = []
    for d in found:
        node = _node_for(nodes, d) if d.code == "CL101" and d.severity == "error" else None
        call = None if node is None or not node.probed_features else next(
            (c for c in model.calls if c.node is node and not c.speculative), None)
        if call is None or d.span not in (node.span, node.written_at.get("in_features")):
            moved.append(d)
            continue
        features = call.record.in_features
        tensor = _before_the_activations(model, call.input)
        view = next((o for o in model.ops if o.op in VIEW_OPS and o.result is tensor and o.problem is None), None)
        source = view.operands[0].shape.dims if view is not None else tensor.shape.dims
        kept = len(view.result.shape.dims or ()) if view is not None else len(source or ())
        if not source or len(source) < 3 or kept < 3 or dims_product(source[1:]) != features:
            moved.append(d)
            continue
        measured = node.written_at.get("in_features", node.span)
        if view is not None:
            where = view.detail.get("written_at", view.span)
            note = (f"and {d.layer}'s {format_dim(features)} were measured on line {measured.line}, on what the same "
                    f"layers give a probe: all of them reach {view.op}, which keeps {kept - 1} dims of a sample")
            fix = "Flatten every dim but the batch, as the probe was measured: x.view(x.size(0), -1) or x.flatten(1)"
        else:
            where = call.span
            note = (f"and {d.layer}'s {format_dim(features)} were measured on line {measured.line}, on what the same "
                    f"layers give a probe, flattened: forward() does not flatten them")
            fix = f"Flatten every dim but the batch before {d.layer}, as the probe was measured: x.flatten(1)"
        moved.append(replace(d, path=where.file or display, span=where, message=_qualified(d.message, note), fix=fix,
                             related=tuple(dict.fromkeys((node.span, *((measured,) if measured != node.span else ()),
                                                          *(s for s in d.related if s != where))))))
    return moved


def _linear_refused(model: ModelAnalysis, d: Diagnostic):
    """The Linear call a CL101 error is reported for, at the layer's line, else None."""
    from convlint.records import LinearRecord

    if d.code != "CL101" or d.severity != "error":
        return None
    return next((c for c in model.calls if isinstance(c.record, LinearRecord) and c.node.label == d.layer
                 and _within(d.span, c.node.span) and c.input.shape.dims), None)


def _naming_the_input_view(model: ModelAnalysis, d: Diagnostic) -> Diagnostic:
    """A CL101 error of a model whose forward views its input to sizes written out (PilotNet's
    `x.view(x.size(0), 3, 70, 320)`), no input size given: those sizes, not the input, fixed the
    map the Linear refuses. Where its count is the map's channels times other sides, either the
    count or the view's sizes is the slip (torch stops at the view for inputs of other sizes): the
    view is named, related, and its sizes are the other fix."""
    call = _linear_refused(model, d)
    if call is None or len(model.input_viewed) != 1:
        return d
    span, requested = model.input_viewed[0]
    merged, expected, arriving = call.input.merged, call.record.in_features, call.input.shape.dims[-1]
    if not merged or len(merged) != len(requested) - 1 or not all(is_known(f) for f in merged) \
            or not is_known(expected) or not is_known(arriving) or expected == arriving:
        return d
    sizes = " x ".join(format_dim(f) for f in requested[1:])
    note = f"and the view on line {span.line} makes every input {sizes}"
    # a count written C x h x w (`64 * 2 * 33`) of the map's channels and one side other than the map's:
    # the count of inputs of another height (or width)
    written = call.node.features_product
    differing = [axis for axis, (f, m) in enumerate(zip(written or (), merged)) if f != m]
    if written and len(written) == len(merged) and math.prod(written) == expected and len(differing) == 1 \
            and differing[0] > 0:
        side = AXIS_NAMES_OF.get(len(merged) - 1, ("side",) * 3)[differing[0] - 1]
        note += f": {' x '.join(format_dim(f) for f in written)} is the map of inputs of another {side}"
    fix = f"{d.fix}; or, if your inputs are not {sizes}, make the view on line {span.line} give their size" \
        if d.fix else d.fix
    return replace(d, message=_qualified(d.message, note), fix=fix, related=(*d.related, span))


AXIS_NAMES_OF = {1: ("length",), 2: ("height", "width"), 3: ("depth", "height", "width")}


def _counted_by_hand(model: ModelAnalysis, d: Diagnostic) -> bool:
    """Whether a CL101 error is at a Linear whose count is written as a product of numbers
    (`32 * 4 * 4`, maybe in a local or `self.` attribute) whose first is the channels of the map
    flattened for it: a C x H x W counted by hand, H x W being what is off."""
    if d.code != "CL101" or d.severity != "error":
        return False
    from convlint.records import LinearRecord

    for c in model.calls:
        if not isinstance(c.record, LinearRecord) or c.node.label != d.layer or len(c.node.features_product) < 2 \
                or not (_within(d.span, c.node.span) or d.span == c.node.written_at.get("in_features")):
            continue
        merged = _before_the_activations(model, c.input).merged
        if merged and is_known(merged[0]) and merged[0] == c.node.features_product[0]:
            return True
    return False


def _before_the_activations(model: ModelAnalysis, tensor):
    """The tensor an activation or dropout (a chain of them) was given, where it made this one."""
    from convlint.records import ElementwiseRecord

    made_by = {id(c.output): c for c in model.calls if isinstance(c.record, ElementwiseRecord)}
    while id(tensor) in made_by and made_by[id(tensor)].input.shape == tensor.shape:
        tensor = made_by[id(tensor)].input
    return tensor


def _at_the_view_every_head_refuses(display: str, model: ModelAnalysis, found: list[Diagnostic]) -> list[Diagnostic]:
    """Two or more Linears fed the rows of one view(-1, K) (an ACGAN discriminator's real/fake head
    and its class head), each refusing K, all taking the same count F that a sample of the map
    viewed can fill: one edit, the view's K, fixes every one of them, where changing the Linears
    would take one edit each and leave them disagreeing with the map. The error is reported once,
    at the view (or where its sizes are written), the Linears related; where the view is already
    reported (CL102), the Linears' errors are left to it."""
    from convlint.checks.sizes import VIEW_OPS
    from convlint.records import LinearRecord

    moved: list[Diagnostic] = []
    done: dict[int, Diagnostic | None] = {}  # a view's id: its diagnostic, or None where CL102 has it
    named: dict[Span, list[Span]] = {}  # a CL102's view: the Linears it is to name
    for d in found:
        call = _linear_refused(model, d)
        tensor = None if call is None else _before_the_activations(model, call.input)
        view = None if tensor is None else next(
            (o for o in model.ops if o.op in VIEW_OPS and o.result is tensor and o.problem is None
             and len(o.detail.get("requested", ())) == 2), None)
        if view is None:
            moved.append(d)
            continue
        if id(view) in done:
            kept = done[id(view)]
            if kept is not None:  # one diagnostic for the view: the others name their Linear
                index = next(i for i, m in enumerate(moved) if m is kept)
                moved[index] = done[id(view)] = replace(kept, related=(*kept.related, d.span))
            continue
        takers = [c for c in model.calls if isinstance(c.record, LinearRecord)
                  and _before_the_activations(model, c.input) is tensor]
        counts = {c.record.in_features for c in takers}
        dims, requested = view.operands[0].shape.dims, view.detail["requested"]
        wanted = requested[1]
        refused = {m.layer for m in found if _linear_refused(model, m) is not None}
        if len({id(c.node) for c in takers}) < 2 or len(counts) != 1 \
                or any(c.node.label not in refused for c in takers) or not dims or len(dims) < 2 or requested[0] not in (-1, dims[0]) \
                or not _a_sample_can_fill(dims[1:], next(iter(counts))) or next(iter(counts)) == wanted:
            moved.append(d)
            continue
        features = format_dim(next(iter(counts)))
        where = view.detail.get("written_at", view.span)
        at_the_view = next((m for m in moved if m.code == "CL102" and m.span == where), None) or next(
            (m for m in found if m.code == "CL102" and m.span == where), None)
        heads = tuple(c.node.span for c in takers if c.node.span != d.span)
        if at_the_view is not None:  # the Linears' errors left to it, it naming them all
            done[id(view)] = None
            named.setdefault(where, []).extend(s for s in (d.span, *heads) if s not in at_the_view.related)
            continue
        kept = ", ".join(["-1" if requested[0] == -1 else format_dim(requested[0]), features])
        others = " and ".join(c.node.label for c in takers if c is not call)
        note = (f"and {others} take{'s' if len(takers) == 2 else ''} {features} too: view({kept}) gives every "
                f"Linear after it the features it takes")
        diagnostic = replace(d, path=where.file or display, span=where, message=_qualified(d.message, note),
                             related=(*((view.span,) if where != view.span else ()), d.span, *d.related, *heads),
                             fix=f"Ask for the {features} features every Linear after it takes: view({kept})")
        moved.append(diagnostic)
        done[id(view)] = diagnostic
    return [replace(m, related=(*m.related, *named[m.span])) if m.code == "CL102" and m.span in named else m
            for m in moved]


def _a_sample_can_fill(per_sample: tuple, features) -> bool:
    """Whether at some input size a sample of these dims has exactly these features: a count, or a
    whole multiple of a constructor argument (`ndf` of an ndf x h x w map: h x w = 1)."""
    from convlint import symbolic
    from convlint.checks.sizes import _argument_multiple

    if is_known(features):
        return symbolic.product_can_equal(tuple(per_sample), features)
    parts, channels = _argument_multiple(features), _argument_multiple(per_sample[0])
    if parts is None or channels is None or parts[0] != channels[0] or parts[1] % channels[1]:
        return False
    spatial = tuple(per_sample[1:])
    if any(not is_known(x) and symbolic.symbol_of(x) == parts[0] for x in spatial):
        return False
    return symbolic.product_can_equal(spatial, parts[1] // channels[1])


def _at_the_view_of_a_miscopied_factor(display: str, model: ModelAnalysis,
                                       found: list[Diagnostic]) -> list[Diagnostic]:
    """A first Linear refusing the rows a view of the input makes, its rank not known (an MLP's
    `x.view(16, 28 * 27)` before Linear(784, ...)), where the view writes its features as a product
    of numbers and the Linear's count is that product with one number written in another's place
    (784 = 28 * 28): the count is what the view's own numbers give for a square image, and the
    view's factor is the slip, reported there. Any other pair of counts tells nothing of which
    of the two is stale: the Linear is reported, as before."""
    moved = []
    for d in found:
        call = _linear_refused(model, d)
        written = () if call is None else _before_the_activations(model, call.input).features_written
        expected = None if call is None else call.record.in_features
        if not written or not is_known(expected) or not call.input.shape.dims \
                or call.input.shape.dims[-1] != math.prod(written[1]):
            moved.append(d)
            continue
        where, numbers = written
        meant = _one_number_miscopied(numbers, expected)
        if meant is None:
            moved.append(d)
            continue
        shown, instead = " * ".join(map(str, numbers)), " * ".join(map(str, meant))
        note = f"and the view writes {shown} where {d.layer}'s {expected} is {instead}: one number of the view's is off"
        moved.append(replace(d, path=where.file or display, span=where, message=_qualified(d.message, note),
                             related=(d.span, *d.related), fix=f"Write {instead}, the features {d.layer} takes"))
    return moved


def _at_the_view_of_another_width(display: str, model: ModelAnalysis, found: list[Diagnostic]) -> list[Diagnostic]:
    """A Linear refusing the rows of a view of a conv's C x L map written as a width times a count
    of arguments (`out.view(out.size(0), 480 * self.n_channels)` before `nn.Linear(960 *
    self.n_channels, ...)`, the map of 960 channels): the Linear's count is the map's channels
    times that count, the view's another width times it; the view wrote the width of another
    layer, reported there, the Linear related."""
    from convlint.checks.sizes import VIEW_OPS

    moved = []
    for d in found:
        call = _linear_refused(model, d)
        tensor = None if call is None else _before_the_activations(model, call.input)
        op = None if tensor is None else next(
            (o for o in model.ops if o.result is tensor and o.problem is None and o.op in VIEW_OPS
             and "requested" in o.detail), None)
        source = op.operands[0].shape.dims if op is not None and op.operands else None
        expected = None if call is None else call.record.in_features
        if op is None or not source or len(source) < 3 or type(source[1]) is not int or source[1] < 2 \
                or is_known(expected) or is_known(op.result.shape.dims[-1]) or len(op.result.shape.dims) != 2:
            moved.append(d)
            continue
        channels, written = source[1], op.result.shape.dims[-1]
        count = _width_times(expected, channels)
        width = None if count is None else _multiple_of(written, count)
        if width is None or width == channels:
            moved.append(d)
            continue
        note = (f"and {d.layer} takes {channels} x its count, the {channels} channels of the map viewed, "
                f"where the view writes {width} x it")
        moved.append(replace(d, span=op.span, message=_qualified(d.message, note), related=(d.span, *d.related),
                             via=(), fix=f"Write {channels} where the view writes {width}: the map viewed has "
                                         f"{channels} channels, as {d.layer} takes"))
    return moved


def _width_times(dim, width: int) -> tuple | None:
    """A count of arguments `dim` is `width` times, as its linear form, else None."""
    form = symbolic.linear_form(dim)
    if form is None or not form[0] or any(c % width for c in form[0].values()) or form[1] % width:
        return None
    return tuple(sorted(((str(a), c // width) for a, c in form[0].items()))), form[1] // width


def _multiple_of(dim, count: tuple) -> int | None:
    """The whole number a dim is that many times a count of arguments (see _width_times), else None."""
    form = symbolic.linear_form(dim)
    atoms, constant = dict(count[0]), count[1]
    if form is None or not form[0] or {str(a) for a in form[0]} != set(atoms):
        return None
    ratios = {(c // atoms[str(a)]) if c % atoms[str(a)] == 0 else None for a, c in form[0].items()}
    ratio = ratios.pop() if len(ratios) == 1 else None
    return ratio if ratio is not None and ratio > 0 and form[1] == constant * ratio else None


def _one_number_miscopied(numbers: tuple[int, ...], expected: int) -> tuple[int, ...] | None:
    """The numbers with exactly one of them replaced by another of them (28 * 27 -> 28 * 28) so
    that their product is the expected count, where exactly one such replacement does it; else None."""
    fits = {tuple(other if k == i else n for k, n in enumerate(numbers))
            for i, number in enumerate(numbers) for j, other in enumerate(numbers)
            if i != j and number and other != number and math.prod(numbers) // number * other == expected}
    return next(iter(fits)) if len(fits) == 1 else None


def _features_made(model: ModelAnalysis, tensor) -> int | None:
    """The features of each row of a tensor of rows not known, where a Linear made them (through
    activations and dropout): its out_features, whatever the rows before it were."""
    from convlint.records import ElementwiseRecord, LinearRecord

    made_by: dict = {}
    for c in sorted(model.calls, key=lambda c: c.depth):
        made_by[id(c.output)] = c  # (the innermost: a Sequential gives what its last layer made)
    call = made_by.get(id(tensor))
    while call is not None and isinstance(call.record, ElementwiseRecord):
        call = made_by.get(id(call.input))
    if call is None or not isinstance(call.record, LinearRecord) or not is_known(call.record.out_features):
        return None
    return call.record.out_features


AXIS_BLAMED = ("CL101", "CL103", "CL105")  # what a layer reading the wrong axis reports


def _at_the_moved_axis(model: ModelAnalysis, found: list[Diagnostic]) -> list[Diagnostic]:
    """A conv or Linear refusing what an unsqueeze, transpose, permute or view gave it
    (`x.unsqueeze(2)` of an N x L x D embedding before Conv2d(1, Co, (K, D)): L channels, a height
    of 1), where exactly one other choice of the op's axes (one axis moved, two swapped) gives it,
    with the batch first, a shape it surely takes (its channels equal, its window fitting): the
    axis written in forward() is what is wrong, reported there, the layer related."""
    from convlint import layers
    from convlint.checks.sizes import VIEW_OPS
    from convlint.records import ElementwiseRecord
    from convlint.values import Shape

    made_by = {id(c.output): c for c in model.calls if isinstance(c.record, ElementwiseRecord)}
    batch = model.input.shape.dims[0] if model.input is not None and model.input.shape.dims else None
    moved, ops_blamed = [], set()
    for d in found:
        call = next((c for c in model.calls if d.severity == "error" and d.code in AXIS_BLAMED
                     and c.node.label == d.layer and _within(d.span, c.node.span)), None)
        tensor = None if call is None else call.input
        while tensor is not None and id(tensor) in made_by and made_by[id(tensor)].input.shape == tensor.shape:
            tensor = made_by[id(tensor)].input  # through activations and dropout
        op = None if tensor is None or batch is None else next(
            (o for o in model.ops if o.result is tensor and o.problem is None
             and ("axes" in o.detail or o.op in VIEW_OPS and "requested" in o.detail and "written_at" not in o.detail)),
            None)
        choices = _axis_choices(op) if op is not None and not layers.surely_takes(call.record, op.result.shape) else []
        fitting = [(written, dims) for written, dims in choices
                   if dims[0] == batch and layers.surely_takes(call.record, Shape(dims))]
        if not fitting and choices:
            fitting = [(written, dims) for written, dims in _orders_of_permute(op)
                       if dims[0] == batch and layers.surely_takes(call.record, Shape(dims))]
        if len(fitting) != 1:
            moved.append(d)
            continue
        (instead, dims), = fitting
        shown = " x ".join(format_dim(x) for x in dims)
        source = " x ".join(format_dim(x) for x in op.operands[0].shape.dims)
        result = " x ".join(format_dim(x) for x in op.result.shape.dims)
        note = (f"as {_axis_call(op)} of {source} gives {result}: {instead} gives {shown}, "
                f"which {call.node.label} takes")
        moved.append(replace(d, span=op.span, message=_qualified(d.message, note), related=(d.span, *d.related),
                             via=(), fix=f"Write {instead}: it gives {shown}, which {call.node.label} takes"))
        ops_blamed.add(id(moved[-1]))
    # one finding per op: the layers after it, and a layer's channels and window, all say the same;
    # the channels (or features) kept, as torch checks them first
    kept: dict[Span, Diagnostic] = {}
    for d in moved:
        if id(d) in ops_blamed and (d.span not in kept or d.code < kept[d.span].code):
            kept[d.span] = d
    return [d for d in moved if id(d) not in ops_blamed or d is kept[d.span]]


def _axis_call(op, order: tuple | None = None) -> str:
    """The op as written (`unsqueeze(2)`, `view(N, L, 1, 128)`), or with its arguments in `order`."""
    name = op.op.rpartition(".")[2]
    arguments = op.detail["axes"] if "axes" in op.detail else op.detail["requested"]
    if order is not None:
        arguments = order if "axes" in op.detail else tuple(arguments[i] for i in order)
    return f"{name}({', '.join(format_dim(a) if not isinstance(a, int) else str(a) for a in arguments)})"


def _axis_choices(op) -> list[tuple[str, tuple]]:
    """The other ways of writing an axis op, as (the call, the dims it gives): see
    shapes.axis_choices. A view's size of 1 moved to another place (view(N, L, 1, D) written for
    view(N, 1, L, D)) keeps the elements in order, as an unsqueeze does; other sizes swapped would
    regroup them, which is no choice of axis."""
    from convlint import shapes

    source, result = op.operands[0].shape.dims, op.result.shape.dims
    if not source or not result:
        return []
    if "axes" in op.detail:
        return [(_axis_call(op, axes), dims) for axes, dims in shapes.axis_choices(op.op, op.detail["axes"], source)]
    if len(op.detail["requested"]) != len(result):
        return []
    return [(_axis_call(op, order), dims) for order, dims in
            shapes.axis_choices("permute", tuple(range(len(result))), result)
            if dims != result and any(result[i] == 1 and i != j for j, i in enumerate(order))]


def _orders_of_permute(op) -> list[tuple[str, tuple]]:
    """Every other order of a permute's axes but the one that moves nothing, as (the call, the dims
    it gives), for a permute no swap of two entries mends (`permute(1, 0, 2)` of N x L x 68 written
    for permute(0, 2, 1): three axes moved round); none for a rank above 4 or another op."""
    source = op.operands[0].shape.dims if op.operands else ()
    axes = op.detail.get("axes") if isinstance(op.detail, dict) else None
    if not op.op.endswith("permute") or not source or axes is None or len(axes) != len(source) \
            or len(source) > 4:
        return []
    return [(_axis_call(op, order), tuple(source[a] for a in order)) for order in permutations(range(len(source)))
            if order != tuple(axes) and order != tuple(range(len(source)))]


def _out_of_the_standins(d: Diagnostic, display: str) -> Diagnostic | None:
    """A finding inside convlint's stand-in of a library model (torchvision's resnet18) is the
    user's at their call that built it, the innermost of the calls through which it was built:
    an error there (a 1-channel input, a classifier the user's features do not fit); a warning
    about the library's own design (a conv bias before its BatchNorm) is nothing the user can
    change, and is dropped."""
    from convlint.evaluator.imports import in_standins

    if not in_standins(d.path):
        return d
    calls = [i for i, site in enumerate(d.via) if not in_standins(site.file or display)]
    if d.severity != "error" or not calls:
        return None
    site = d.via[calls[-1]]
    fix = f"Replace {d.layer} after building it, or feed it what it takes" if d.layer else None
    return replace(d, path=site.file or display, span=_in(site, ""), fix=fix, via=d.via[:calls[-1]])


MAX_HEAD_SIDES = 8  # ways a Linear's features split into sides, each a rerun at its largest


def _windows_at_the_head_sizes(display: str, model: ModelAnalysis, settings: Settings) -> list[Diagnostic]:
    """With no input size, a Linear fed the flattened map runs only on square inputs of a few sides
    (CL211: an ACGAN critic's fc fits 64 to 79 pixels); a window too large for its map at the
    largest of them (a second head's `Conv2d(1024, 1, kernel_size=8)` on a 4 x 4 map) is too large
    at every smaller one (no layer's output shrinks as its input grows), and every other size fails
    at the Linear: an error for every input size, CL105 at that window."""
    dims = _sides_only_input(model)
    if dims is None:
        return []
    for call, choices in _heads_and_sides(model, dims, MAX_HEAD_SIDES):
        # each way the sides can multiply to the features, at its largest; the most nearly square
        # first: where a correct model's windows fit, one rerun says so
        refusals: dict[int, Diagnostic] = {}
        for index in sorted(range(len(choices)), key=lambda i: _elongation(choices[i])):
            trial = model.rerun(_input_at(dims, {s: high for s, (_, high) in choices[index].items()}))
            if trial.internal_error or trial.stopped:
                return []
            refused = [d for d in model_diagnostics(display, trial, settings, hint_sizes=False, pinned_sizes=False)
                       if d.severity == "error" and d.code == "CL105"]
            if not refused or any(refused[0].span != other.span for other in refusals.values()):
                return []
            refusals[index] = refused[0]
        found = refusals[0]
        sides = ", ".join("x".join(f"{c[s][0]} to {c[s][1]}" if c[s][0] != c[s][1] else str(c[s][0])
                                   for s in sorted(c, key="DHWL".index)) for c in choices)
        note = f"at every input size {call.node.label} takes ({sides}), and no smaller map grows"
        return [replace(found, message=_qualified(found.message, note))]
    return []


def _sides_only_input(model: ModelAnalysis) -> tuple | None:
    """The dims of a symbolic input whose only unknowns are the batch and the sides (rerunnable
    at sides of one's choosing), else None."""
    dims = model.input_shape.dims if model.input_shape is not None else None
    if model.rerun is None or not dims or not all(is_known(d) or symbol_of(d) in ("N", *SPATIAL) for d in dims):
        return None
    return dims


def _input_at(dims: tuple, sides: dict) -> tuple:
    """The input of a batch of 2 at the given sides ({symbol: size})."""
    return tuple(2 if symbol_of(d) == "N" else d if is_known(d) else sides[symbol_of(d)] for d in dims)


def _heads_and_sides(model: ModelAnalysis, dims: tuple, limit: int, norms: bool = False):
    """(call, the ways the input's sides make its features) of each Linear fed the flattened map
    that every forward runs (`norms`: each BatchNorm1d of it too), where those ways are all listed
    (at most `limit`) and each bounds every side (a head on one axis of the map has no largest)."""
    from convlint.checks.sizes import head_factors
    from convlint.records import LinearRecord, NormRecord

    spatial = {symbol_of(d) for d in dims if not is_known(d) and symbol_of(d) != "N"}
    for call in model.calls:
        if call.speculative:
            continue
        if isinstance(call.record, LinearRecord):
            factors, count = head_factors(call, model.ops), call.record.in_features
        elif norms and isinstance(call.record, NormRecord) and call.record.kind == "batch" and call.input.merged \
                and len(call.input.shape.dims or ()) == 2:
            factors, count = call.input.merged, call.record.num_features  # BatchNorm1d of the flattened map
        else:
            continue
        if not factors or not is_known(count) or not symbolic.spatial_count(factors):
            continue
        boxes = symbolic.side_ranges(tuple(factors), count, limit=limit + 1)
        if boxes and len(boxes) <= limit and all(set(box) == spatial for box in boxes):
            yield call, boxes


MAX_HEAD_BOXES = 64  # ways one Linear's features split into sides, beyond which nothing is proved


def _heads_no_size_fits(display: str, model: ModelAnalysis, settings: Settings) -> list[Diagnostic]:
    """With no input size, each Linear (or BatchNorm1d) fed a flattened map fits a few input sizes
    (CL211); where two such layers that every forward runs fit no size in common (SE gates pooled
    for 224 pixels, a classifier pooled for 32), every input size fails at one of them: an error. The model is rerun
    at the size most of them fit, so the finding is the one that size gives, at its blamed line;
    where no size is fitted by more of them than the others, at the last of them, naming both."""
    dims = _sides_only_input(model)
    if dims is None:
        return []
    spatial = {symbol_of(d) for d in dims if not is_known(d) and symbol_of(d) != "N"}
    heads: dict[int, tuple] = {}  # one entry per layer instance: (its first call, its boxes of sides)
    for call, boxes in _heads_and_sides(model, dims, MAX_HEAD_BOXES, norms=True):
        heads.setdefault(id(call.node), (call, boxes))
    if len(heads) < 2:
        return []

    def fits(boxes, sides: dict) -> bool:
        return any(all(low <= sides[s] <= high for s, (low, high) in box.items()) for box in boxes)

    def meet(a, b) -> bool:
        return any(all(max(x[s][0], y[s][0]) <= min(x[s][1], y[s][1]) for s in spatial) for x in a for y in b)

    entries = list(heads.values())
    if all(meet(a[1], b[1]) for i, a in enumerate(entries) for b in entries[i + 1:]):
        return []  # (a size all of them fit may still not exist; only a disjoint pair is proved)
    # each box's smallest, roundest (most factors of two) and largest sides
    candidates = [{s: pick(*box[s]) for s in box} for _, boxes in entries for box in boxes
                  for pick in (min, _roundest, max)]
    groups = [frozenset(i for i, (_, boxes) in enumerate(entries) if fits(boxes, sides)) for sides in candidates]
    # a square input first (a head that only a non-square image fits is the odd one), then most heads
    keys = [(len(set(sides.values())) == 1, len(group)) for sides, group in zip(candidates, groups)]
    best = max(keys)
    if len({group for group, key in zip(groups, keys) if key == best}) > 1:
        return _heads_named(display, model, entries, settings)  # as many heads fit one size as another
    chosen = [sides for sides, key in zip(candidates, keys) if key == best]
    best = best[1]
    sides = min(chosen, key=lambda c: (max(c.values()) / max(min(c.values()), 1),
                                       -min(_twos(v) for v in c.values()), max(c.values())))
    trial = model.rerun(_input_at(dims, sides))
    if trial.internal_error or trial.stopped:
        return []
    refused = [d for d in model_diagnostics(display, trial, settings, hint_sizes=True, pinned_sizes=False)
               if d.severity == "error"]
    if not refused:
        return []
    odd = [call for call, boxes in entries if not fits(boxes, sides)]
    text = "x".join(str(sides[s]) for s in sorted(sides, key="DHWL".index))
    ranges = "; ".join(f"{call.node.label} fits {_boxes_text(boxes)}" for call, boxes in
                       [entry for entry in entries if entry[0] in odd][:2])
    ranges += f"; and {len(odd) - 2} more" if len(odd) > 2 else ""
    note = (f"at {text}, which {best} of the {len(entries)} layers sized by its flattened map take ({ranges}, "
            "so no input size runs the model)")
    return [replace(d, message=_qualified(d.message, note)) for d in refused]


def _twos(value: int) -> int:
    """How many times two divides the value (a side of 32 is rounder than one of 60)."""
    return (value & -value).bit_length() if value > 0 else 0


def _roundest(low: int, high: int) -> int:
    """The side from low to high with the most factors of two (the smallest of those)."""
    power = 1 << max(high, 1).bit_length()
    while power > 1 and (high // power) * power < low:
        power //= 2
    return max(-(-low // power) * power, low) if power > 1 else low


def _heads_named(display: str, model: ModelAnalysis, entries: list, settings: Settings) -> list[Diagnostic]:
    """Two heads that fit no size in common, neither one the odd one out: an error at the last,
    once a rerun at a size each head fits has shown the model refused there."""
    from convlint.checks.registry import layer_repr

    dims = model.input_shape.dims
    for _, boxes in entries:
        sides = {s: _roundest(*boxes[0][s]) for s in boxes[0]}
        trial = model.rerun(_input_at(dims, sides))
        if trial.internal_error or trial.stopped or not any(
                d.severity == "error" for d in model_diagnostics(display, trial, settings, hint_sizes=False,
                                                                 pinned_sizes=False)):
            return []
    call, boxes = entries[-1]
    others = "; ".join(f"{c.node.label} = {layer_repr(c.record)} fits only {_boxes_text(b)}" for c, b in entries[:-1])
    message = (f"{call.node.label} = {layer_repr(call.record)} fits only {_boxes_text(boxes)}, and {others}: "
               f"no input size runs both (symbolic input {model.input_shape})")
    return [Diagnostic(path=display, span=call.node.span, code="CL101", name="linear-in-features",
                       severity="error", message=message, model=model.name, layer=call.node.label,
                       related=(call.span, *(c.node.span for c, _ in entries[:-1])),
                       fix="Pool every head's map to a size of its own (nn.AdaptiveAvgPool2d), or make the "
                           "hard-coded windows agree on one input size")]


def _boxes_text(boxes: list[dict]) -> str:
    """`13x13 to 16x16 inputs` (square runs), else each box's sides as `16x(97 to 128)`."""
    def side(low: int, high: int) -> str:
        return str(low) if low == high else f"({low} to {high})"

    texts = []
    for box in sorted(boxes, key=lambda b: max(high for _, high in b.values()) / max(min(high for _, high in b.values()), 1)):
        order = sorted(box, key="DHWL".index)
        lows, highs = {box[s][0] for s in order}, {box[s][1] for s in order}
        if len(lows) == 1 and len(highs) == 1:
            low, high = box[order[0]]
            texts.append("x".join([str(low)] * len(order)) + ("" if low == high else
                                                                " to " + "x".join([str(high)] * len(order))))
        else:
            texts.append("x".join(side(*box[s]) for s in order))
    return (", ".join(texts[:2]) + (", ..." if len(texts) > 2 else "")) + " inputs"


def _elongation(choice: dict) -> float:
    """How far from square the largest input of a split of sides is (1 for a square one)."""
    largest = [high for _, high in choice.values()]
    return max(largest) / max(min(largest), 1)


ARGUMENT_OF = {"CL101": ("in_features", -1), "CL103": ("in_channels", 1), "CL104": ("num_features", 1),
               "CL109": ("input_size", -1)}
IN_DIMS = dict(ARGUMENT_OF.values())  # argument -> the dim of the input it sizes
SIZE_ERRORS = ("CL101", "CL102", "CL105", "CL107")  # what a map of the wrong size breaks downstream
MAX_STRIDE_TRIALS = 4


# a window's attributes: one the code set after construction (DeepLab's `m.stride = (1, 1)`) is not
# what the constructor's call writes, so no edit of that call is tried for it
WINDOW_ATTRIBUTES = frozenset({"stride", "padding", "dilation", "kernel_size"})


def _stride_held_by_most(node, model: ModelAnalysis, own: tuple, other: tuple) -> bool:
    """Whether more layers of the node's kind and kernel on other lines, whatever their padding
    (`padding='same'` included), have its stride than the stride its peers suggest: a stem conv at
    stride 1 beside stride-1 `same` convs is no odd one out, though its padded peers all halve."""
    from convlint.records import ConvRecord

    strides = [n.record.stride for n in model.constructed if type(n.record) is type(node.record)
               and n.span != node.span and not (isinstance(n.record, ConvRecord) and n.record.transposed)
               and n.record.kernel_size == node.record.kernel_size]
    return strides.count(own) > strides.count(other)


def _stride_suspects(model: ModelAnalysis, padding_shown_dropped: bool = False) -> list[tuple]:
    """(the layers of one line, the stride they likely lack, why): a conv or pool at stride 1 whose
    kernel and padding are those of a halving layer (kernel 4, padding 1: `Conv2d(64, 128, 4, 1, 1)`
    amid `4, 2, 1` convs), or one whose stride differs from that of every other layer of its kind
    and kernel in the model (two or more of them, on other lines, of any padding: the instances of
    one line built in a loop share its stride); or an unpadded strided conv, given the padding that
    keeps its last row. `padding_shown_dropped`: that last only where the code pads the same
    window elsewhere (another conv of its kernel and stride, another call of its line): an
    unpadded strided stem is a design of its own (AlexNet's `11, 4, 0`), and a count written at a
    Linear or view against it is that count's mistake."""
    from convlint.records import ConvRecord, PoolRecord

    layers = [n for n in model.constructed if isinstance(n.record, (ConvRecord, PoolRecord))
              and not getattr(n.record, "transposed", False) and isinstance(n.record.padding, tuple)
              and all(is_known(v) for v in (*n.record.kernel_size, *n.record.stride, *n.record.padding))
              and not n.assigned & WINDOW_ATTRIBUTES]
    suspects, seen = [], set()
    for node in layers:
        record = node.record
        same_line = [n for n in layers if n.span == node.span and n.record.stride == record.stride]
        if (node.span, record.stride) in seen:
            # (an instance of the line whose call left out the padding the first one's call gives:
            # `down(3, 16, padding=1)` beside `down(16, 32)`)
            unpadded = [n for n in same_line if n.record.padding == record.padding]
            if _drops_the_last_row(record) and _padded_elsewhere(node, layers, _keeping_the_last_row(record)) \
                    and not any(node in nodes for nodes, _, _ in suspects):
                suspects.append(_given_the_last_row(unpadded, record))
            continue
        seen.add((node.span, record.stride))
        dilation = getattr(record, "dilation", (1,) * len(record.kernel_size))
        if all(s == 1 for s in record.stride) and any(p > 0 and d == 1 and k == 2 * p + 2
                                                       for k, p, d in zip(record.kernel_size, record.padding, dilation)):
            suspects.append((same_line, {"stride": (2,) * len(record.stride)}, f"kernel {record.kernel_size[0]} "
                             f"with padding {record.padding[0]} halves a map at stride 2"))
            continue
        kin = [n for n in layers if n.span != node.span and type(n.record) is type(record)
               and n.record.kernel_size == record.kernel_size and n.record.padding == record.padding]
        strides = {n.record.stride for n in kin}
        if not (len(kin) >= 2 and len(strides) == 1):
            # the same kernel whatever its padding: a dilated denoiser pads each of its 3x3 convs to
            # its dilation, all at stride 1
            kin = [n for n in layers if n.span != node.span and type(n.record) is type(record)
                   and n.record.kernel_size == record.kernel_size]
            strides = {n.record.stride for n in kin}
        # the same line given another stride by another call (`CBR(c, c, stride=1)` beside `stride=2`)
        passed = _passed_by_other_calls(node, layers, "stride", lambda other: other.kernel_size == record.kernel_size
                                        and other.padding == record.padding)
        if len(kin) >= 2 and len(strides) == 1 and record.stride not in strides \
                and not _stride_held_by_most(node, model, record.stride, next(iter(strides))):
            (stride,) = strides
            suspects.append((same_line, {"stride": stride}, f"every other "
                             f"{type(record).__name__.replace('Record', '').lower()} with kernel "
                             f"{record.kernel_size[0]} here has stride {stride[0]}"))
        elif len(passed) == 1 and any(s > 1 for s in record.stride):
            (stride,) = passed  # (only the instances that call passes theirs: other calls' are right)
            given = [n for n in same_line if _origin_of(n, "stride") == _origin_of(node, "stride")]
            suspects.append((given, {"stride": stride}, f"another call of its line passes stride {stride[0]}"))
        elif _drops_the_last_row(record) \
                and (not padding_shown_dropped or _padded_elsewhere(node, layers, _keeping_the_last_row(record))):
            suspects.append(_given_the_last_row(same_line, record))
    return suspects[:MAX_STRIDE_TRIALS]


# a layer's comment stating the map it makes: `# 14x14 -> 7x7`, `# 32x16x16 => 64x8x8` (a leading
# channel count skipped), `(N, 32, 14, 14) -> (N, 64, 7, 7)`, `28 x 28 to 14 x 14`, `# -> 7x7`
_SIZE = r"(\d{1,5})\s*[x×*]\s*(\d{1,5})(?!\s*[x×*]\s*\d)|[\(\[][^\(\)\[\]]*?(\d{1,5})\s*,\s*(\d{1,5})\s*[\)\]]"
_ARROW = re.compile(r"\s*(?:-+>|→|=>|\bto\b)\s*")


def _stated_maps(comment: str) -> set[tuple]:
    """((h, w) or None, (h, w)): each map a comment says a layer makes, from the sizes either side
    of an arrow (None where only the size made is written)."""
    found = set()
    for arrow in _ARROW.finditer(comment):
        before = re.search(rf"(?:{_SIZE})\s*$", comment[:arrow.start()])
        after = re.match(rf"(?:\d{{1,5}}\s*[x×*]\s*)?(?:{_SIZE})", comment[arrow.end():])
        if after is None:
            continue
        sides = [tuple(int(n) for n in match.groups() if n is not None) if match else None for match in (before, after)]
        found.add((sides[0], sides[1]))
    return found


def _commented_suspects(model: ModelAnalysis) -> list[tuple]:
    """(the layers of one line, the stride or padding that gives the map its comment states, why): a
    conv or pool of this file whose line says what it makes of the map (`# 14x14 -> 7x7`), fed the
    map the comment starts from at the size analysed but making another: the comment says what the
    code meant, so that layer is the edit, not the count written for the map it was meant to make."""
    from convlint.records import ConvRecord, PoolRecord
    from convlint.shapes import conv_out

    parsed = getattr(getattr(getattr(model.root, "cls", None), "scope", None), "parsed", None)
    lines = getattr(parsed, "lines", None)
    if not lines or model.span.file:
        return []  # (a model class of another file: the spans read here are the linted file's)
    suspects, seen = [], set()
    for call in model.calls:
        node, record = call.node, call.record
        if not isinstance(record, (ConvRecord, PoolRecord)) or getattr(record, "transposed", False) \
                or node.span.file or node.span in seen or not isinstance(record.padding, tuple) \
                or getattr(record, "ceil_mode", False) is not False or len(record.kernel_size) != 2 \
                or not all(is_known(v) for v in (*record.kernel_size, *record.stride, *record.padding)):
            continue
        seen.add(node.span)
        lined = range(node.span.line, node.span.end_line + 1)
        if any(isinstance(n.record, (ConvRecord, PoolRecord)) and n.span != node.span and not n.span.file
               and (n.span.line in lined or n.span.end_line in lined) for n in model.constructed):
            continue  # (`conv, pool,  # 28 -> 14`: the comment tells of both together)
        stated = {found for line in lines[node.span.line - 1:node.span.end_line]
                  if "#" in line for found in _stated_maps(line[line.index("#"):])}
        dims = call.input.shape.dims if call.input is not None and call.input.shape is not None else None
        if len(stated) != 1 or dims is None or len(dims) < 2 or not all(is_known(d) for d in dims[-2:]):
            continue
        (given, wanted), = stated
        if given is not None and tuple(dims[-2:]) != given:
            continue  # the comment is of another input size, or of another layer
        given = tuple(dims[-2:])
        dilation = getattr(record, "dilation", (1, 1))

        def making(stride, padding, record=record, given=given, wanted=wanted, dilation=dilation) -> bool:
            return all(conv_out(a, k, s, p, d) == b for a, b, k, s, p, d in
                       zip(given, wanted, record.kernel_size, stride, padding, dilation))
        if making(record.stride, record.padding):
            continue
        same_line = [n for n in model.constructed if n.span == node.span and n.record == record]
        shown = f"its comment says {given[0]}x{given[1]} -> {wanted[0]}x{wanted[1]}"
        stride = next(((s, s) for s in range(1, 5) if making((s, s), record.padding)), None)
        padding = next(((p, p) for p in range(0, max(record.kernel_size)) if making(record.stride, (p, p))), None)
        if stride is not None:
            suspects.append((same_line or [node], {"stride": stride}, shown))
        elif padding is not None and isinstance(record, ConvRecord):
            suspects.append((same_line or [node], {"padding": padding}, shown))
    return suspects[:MAX_STRIDE_TRIALS]


def _stride_written_by_a_caller(node) -> bool:
    """Whether a layer's stride is a number (an expression, not a name passed on) written at the
    call of the helper or block that built it: `dw_conv(c, c, k, 1)`."""
    passed = node.names_passed.get("stride")
    return _origin_of(node, "stride") is not None and bool(passed) and passed[-1][1] is None


def _drops_the_last_row(record) -> bool:
    """`Conv2d(c, 2 * c, 3, 2)`: a strided kernel wider than its stride and unpadded drops the last
    row of even maps, one short of its skip's size."""
    from convlint.records import ConvRecord

    dilation = getattr(record, "dilation", (1,) * len(record.kernel_size))
    return isinstance(record, ConvRecord) and all(d == 1 for d in dilation) and any(s > 1 for s in record.stride) \
        and any(2 * p < k - s for k, p, s in zip(record.kernel_size, record.padding, record.stride))


def _keeping_the_last_row(record) -> tuple:
    """The padding with which a strided conv's window reaches the last row of an even map."""
    return tuple((k - 1) // 2 for k in record.kernel_size)


def _given_the_last_row(nodes: list, record) -> tuple:
    """The stride suspect of convs that drop the last row: the padding that keeps it."""
    return (nodes, {"padding": _keeping_the_last_row(record)}, f"kernel {record.kernel_size[0]} at stride "
            f"{record.stride[0]} with padding {record.padding[0]} drops the last row")


def _padded_elsewhere(node, layers: list, padding: tuple) -> bool:
    """Whether the code pads the conv's window as `padding` elsewhere: a conv of another line with
    the same kernel, stride and dilation given it, or another call of the conv's own line passing
    it (`conv_bn(c, 2 * c, 3, 2, padding=1)` beside the call that left it out)."""
    record = node.record
    alike = [n for n in layers if type(n.record) is type(record) and n.record.kernel_size == record.kernel_size
             and n.record.stride == record.stride
             and getattr(n.record, "dilation", None) == getattr(record, "dilation", None)]
    return any(n.span != node.span and n.record.padding == padding for n in alike) or any(
        n.span == node.span and n.record.padding == padding and _origin_of(n, "padding") is not None for n in alike)


MAX_PATH_TRIALS = 4
AT_EVERY_INSTANCE = ", at every instance of its line"
CAT_OPS = ("torch.cat", "torch.concat", "torch.concatenate")


def _undoes_a_callers_stride(nodes: list, update: dict, why: str) -> bool:
    """A suspect setting back to 1 a stride that a caller passes to the layer."""
    return all(s == 1 for s in update.get("stride", (0,))) and any(_origin_of(n, "stride") for n in nodes)


def _path_suspects(model: ModelAnalysis, found: list[Diagnostic]) -> list[tuple]:
    """(the layers of one line, the argument that fits, why) where a block's add or cat fails on
    the spatial sides of one operand (the odd one out of a cat of several): where one map is k times
    smaller than another, each strided layer of the block before it given its stride over k
    (`conv2` written with `stride=2` beside a `stride=stride` conv1, where every instance of the
    block fails the same way), and the layer that made the larger operand inside the block (a
    shortcut) given its stride times k; where the maps differ by a few pixels, each stride-1 conv of
    the block whose padding does not keep its map's size given the padding that does (an ASPP branch
    with `padding=3, dilation=6`). The trial decides: only a single edit that makes the model run
    clean is blamed."""
    from convlint.records import ConvRecord, PoolRecord

    failing = {d.span for d in found if d.code == "CL107" and d.severity == "error"}
    op = next((o for o in model.ops if o.problem and o.span in failing and len(o.operands) >= 2), None)
    joined = op.detail.get("dim") if op is not None and op.op in CAT_OPS else None
    if isinstance(joined, int) and op.operands[0].shape.dims is not None \
            and joined % len(op.operands[0].shape.dims) >= 2:
        return []  # (a cat along a spatial side: that side differs by design)
    pair = _odd_operand(op) if op is not None else None
    if pair is None:
        return []
    odd, other = pair
    ratio = _spatial_ratio(odd.shape.dims, other.shape.dims)
    small, large = (odd, other) if ratio is None or ratio[1] else (other, odd)
    # (a functional op's map, `F.pad(x[:, :, ::2, ::2], ...)` of an option-A shortcut, names no block:
    # the block is the one whose layer made the other operand)
    block = _enclosing_block(model, op.span, small.producer)
    if block is None and len(op.operands) == 2 and any(c.node.functional and c.node.label == small.producer
                                                       for c in model.calls):
        block = _enclosing_block(model, op.span, large.producer)
    if block is None:
        return []
    inside = (block + ".") if block else ""
    # (of a cat of several, the branches that agree are right: only the odd one's path is edited)
    large_owner = large.producer.rpartition(".")[0] \
        if large.producer.startswith(inside) and len(op.operands) == 2 else None
    ours = [c for c in model.calls if c.start < op.start and c.node.label.startswith(inside)]
    branch = _own_branch(odd, [t for t in op.operands if t is not odd]) if len(op.operands) > 2 else None
    if branch is not None:
        # (MCNN's three columns, one given stride=2: the layers of the columns that agree are not
        # tried, so that the trials left reach the odd column's)
        ours = [c for c in ours if c.node.label == branch or c.node.label.startswith(branch + ".")]
    # (the larger map the very tensor the other path starts from: `x + self.down(x)`)
    identity = large.producer == "the input" or bool(inside) and not large.producer.startswith(inside) \
        or any(c.input is large for c in ours)
    if ratio is not None and identity and joined is None and not any(_origin_of(c.node, "stride") for c in ours):
        # `x + conv(x)` with a strided conv and no stride passed in: downsampling by design (the add's
        # shortcut lacks it); a cat with its very input (`torch.cat([out, x], 1)` of a dense layer)
        # keeps the input's sides, so the strided layer is the edit the trial tries
        return []
    suspects, seen = _literal_beside_parameter(model, ours, inside) if ratio is not None else [], set()
    # (a cat in the model's own forward: its larger operand's own layers are no block's, and are the
    # ones that could take the stride the other path applies; they are tried first)
    own_path, raised = set(), []
    if ratio is not None and joined is not None:
        from convlint.checks.sizes import operand_paths

        paths = operand_paths(model.calls, model.ops, op) if len(op.operands) == 2 else None
        index = next((i for i, t in enumerate(op.operands) if t is large), None)
        own_path = {id(c.node) for c in paths[index]} if paths is not None and index is not None else set()
    literal = len(suspects)
    for call in ours:
        node, record = call.node, call.record
        if not isinstance(record, (ConvRecord, PoolRecord)) or getattr(record, "transposed", False) \
                or not all(is_known(v) for v in (*record.stride, *record.kernel_size)) \
                or node.assigned & WINDOW_ATTRIBUTES:
            continue
        argument = "stride" if ratio is not None else "padding"
        # (one line of a wrapper builds every conv: the instances a caller gave this value are the edit)
        origin, value = _origin_of(node, argument), getattr(record, argument)
        if (node.span, origin, value) in seen:
            continue
        seen.add((node.span, origin, value))
        # (a layer torch would refuse, built at the same line, has no such argument: not the same layer)
        same_line = [n for n in model.constructed if n.span == node.span
                     and getattr(n.record, argument, None) == value and _origin_of(n, argument) == origin]
        if ratio is not None:
            k = ratio[0]
            raising = large_owner is not None and node.label.startswith(large_owner + ".") \
                or any(id(n) in own_path for n in same_line)
            if raising and (_undoing_the_upsample_before_it(model, call, k) or not _window_covers(record, k)):
                continue  # (a conv given the stride that cancels the upsample just before it, a pool skipping pixels)
            if large_owner is not None and node.label.startswith(large_owner + "."):
                # (`stride=stride` lost: the instances in the blocks whose add fails this way take it,
                # those of blocks given stride 1 keep theirs)
                failing_blocks = _blocks_failing_alike(model, op, small, large_owner)
                failing = [n for n in same_line if any(n.label.startswith(b + ".") for b in failing_blocks)]
                stride = {"stride": tuple(s * k for s in record.stride)}
                # (a helper's line building both convs of the block, `conv3x3(inplanes, planes)` and
                # `conv3x3(planes, planes)`: each call's instances are an edit of their own)
                calls = {n.via[-1]: [m for m in failing if m.via[-1:] == n.via[-1:]] for n in failing if n.via}
                if len(calls) > 1 and all(_one_call_of_a_helper(model, n) for n in failing):
                    groups = list(calls.values())
                    suspects.extend((group, stride, f"the other operand comes out {k} times smaller")
                                    for group in groups)
                    # (the later blocks given that stride are not run: the first call's instances in
                    # every block given a stride it never reads, ResNet's first block of each stage)
                    every = [n for n in model.constructed if n.span == node.span and n.via[-1:] == groups[0][0].via[-1:]
                             and _given_a_stride_its_block_ignores(model, n, stride)]
                    if len(every) > len(groups[0]):
                        suspects.append((every, stride, f"the other operand comes out {k} times smaller"
                                         f"{AT_EVERY_INSTANCE}"))
                    continue
                suspects.append((failing or same_line, stride, f"the other operand comes out {k} times smaller"))
                if failing and len(failing) < len(same_line):
                    # (the blocks built alike after the first failing one are not run: the edit of
                    # every instance of the line is tried too, where the failing ones' is not enough,
                    # so that the other path's edit is not the only one seen to run)
                    suspects.append((same_line, stride, f"the other operand comes out {k} times smaller"
                                     f"{AT_EVERY_INSTANCE}"))
            elif any(id(n) in own_path for n in same_line):  # (an instance of its line on the path)
                raised.append((same_line, {"stride": tuple(s * k for s in record.stride)},
                               f"the other operand comes out {k} times smaller"))
            elif all(s % k == 0 for s in record.stride):
                suspects.append((same_line, {"stride": tuple(s // k for s in record.stride)},
                                 f"the other operand comes out {k} times larger"))
            continue
        dilation = getattr(record, "dilation", (1,) * len(record.kernel_size))
        keeping = tuple(d * (k - 1) // 2 for k, d in zip(record.kernel_size, dilation))
        if isinstance(record, ConvRecord) and all(s == 1 for s in record.stride) \
                and isinstance(record.padding, tuple) and all(is_known(p) for p in record.padding) \
                and all(d * (k - 1) % 2 == 0 for k, d in zip(record.kernel_size, dilation)) \
                and record.padding != keeping:
            suspects.append((same_line, {"padding": keeping}, f"padding {keeping[0]} keeps the size of its map"))
    return (suspects[:literal] + raised + suspects[literal:])[:MAX_PATH_TRIALS]


def _undoing_the_upsample_before_it(model: ModelAnalysis, call, k: int) -> bool:
    """Whether a conv's or pool's input comes straight from an upsample (nn.Upsample, F.interpolate)
    of factor k: given stride k, the pair would keep the size, scaling nothing (a U-Net's UpSample
    block's conv after its 2x interpolate is no edit that restores a skip's size)."""
    from convlint.records import UpsampleRecord

    before = next((c for c in model.calls if c.output is call.input), None)
    record = before.record if before is not None else None
    if not isinstance(record, UpsampleRecord) or record.size is not None:
        return False
    factor = record.scale_factor
    factors = tuple(factor) if isinstance(factor, (tuple, list)) else (factor,)
    return all(isinstance(f, (int, float)) and f == k for f in factors)


def _window_covers(record, k: int) -> bool:
    """Whether a window given k times its stride still covers every input pixel (a stride no larger
    than its kernel): a MaxPool2d(2) at stride 4 skips half the map, no edit anyone meant. A conv's
    kernel of 1 along a side samples it by design (a projection shortcut, a (1, 9) conv)."""
    from convlint.records import PoolRecord

    pool = isinstance(record, PoolRecord)
    dilation = getattr(record, "dilation", (1,) * len(record.kernel_size))
    return all(not is_known(kernel) or not is_known(d) or kernel == 1 and not pool or s * k <= d * (kernel - 1) + 1
               for kernel, s, d in zip(record.kernel_size, record.stride, dilation))


LITERAL_BESIDE_PARAMETER = "hard-coded where the other path takes the block's"
LITERAL_IN_ITS_CALL = "hard-coded in its call"


def _literal_beside_parameter(model: ModelAnalysis, calls: list, inside: str) -> list[tuple]:
    """For _path_suspects: a layer of the failing block whose stride is a number written at a
    helper's call (`dw_conv(c, c, k, 1)`), beside one whose stride a caller's name carries
    (`dw_conv(..., stride)`): the first given the second's stride, at each instance of the block
    where the two differ (the block's instances given stride 1 keep theirs). So is a number
    written in the layer's own call (a WRN block's `conv2 = nn.Conv2d(c, c, 3, stride=2)` beside
    `conv1` and the shortcut taking `stride=stride`): once, with the block's layer that disagrees
    with it at the most instances."""
    from convlint.records import ConvRecord, PoolRecord

    def windowed(node) -> bool:
        record = node.record
        return isinstance(record, (ConvRecord, PoolRecord)) and not getattr(record, "transposed", False) \
            and all(is_known(v) for v in record.stride) and not node.assigned & WINDOW_ATTRIBUTES

    nodes = [c.node for c in calls if windowed(c.node)]
    passed = [n for n in nodes if _origin_of(n, "stride") is not None and not _stride_written_by_a_caller(n)]
    by_label = {n.label: n for n in model.constructed}
    out, seen, own = [], set(), {}
    # (a number in the layer's own call stands beside any layer a caller's value reaches, however
    # the outer call writes it: `block(..., i == 0 and stride or 1)` of a stage loop)
    carried = [n for n in nodes if _origin_of(n, "stride") is not None]
    for literal in (n for n in nodes if _stride_written_by_a_caller(n) or _stride_written_in_its_call(n)):
        suffix, origin = literal.label[len(inside):], _origin_of(literal, "stride")
        for other in (passed if origin is not None else carried):
            if other.record.stride == literal.record.stride or (suffix, other.label) in seen:
                continue
            seen.add((suffix, other.label))
            theirs = other.label[len(inside):]
            edited = []
            for n in model.constructed:
                if n.span != literal.span or _origin_of(n, "stride") != origin or not n.label.endswith(suffix) \
                        or not windowed(n):
                    continue
                counterpart = by_label.get(n.label[:len(n.label) - len(suffix)] + theirs)
                if counterpart is not None and windowed(counterpart) \
                        and counterpart.record.stride == other.record.stride != n.record.stride:
                    edited.append(n)
            if literal not in edited:
                continue
            if origin is None:  # (its own number: one edit, whichever layer of the block shows the stride)
                key = (suffix, other.record.stride)
                if key not in own or len(edited) > len(own[key][0]):
                    own[key] = (edited, {"stride": other.record.stride},
                                f"its stride {literal.record.stride[0]} is {LITERAL_IN_ITS_CALL}, where "
                                f"{other.label} on line {other.span.line} takes the block's")
                continue
            out.append((edited, {"stride": other.record.stride},
                        f"its stride {literal.record.stride[0]} is {LITERAL_BESIDE_PARAMETER}, "
                        f"{other.label} on line {other.span.line}"))
    for edited, update, why in list(own.values()):
        # (of one path, conv1 then conv2, the block's stride is taken once: the number set to 1 at
        # every instance of its line, the blocks given a stride included)
        ones = (1,) * len(update["stride"])
        line = [n for n in model.constructed if n.span == edited[0].span and _origin_of(n, "stride") is None
                and windowed(n) and n.record.stride != ones]
        if line and {id(n) for n in line} != {id(n) for n in edited}:
            own[(edited[0].label, "every")] = (line, {"stride": ones}, why + AT_EVERY_INSTANCE)
    return out + list(own.values())


def _stride_written_in_its_call(node) -> bool:
    """Whether a layer's stride is a number above 1 written in its own call (`nn.Conv2d(c, c, 3,
    stride=2)`), no caller's name carrying it: a downsampling chosen on that line. (A `stride=1`
    written out is the common way of writing a conv that keeps its size: the layer that lost the
    block's stride is found by the trials of _path_suspects.)"""
    return _origin_of(node, "stride") is None and "stride" in node.numbers_written \
        and any(s > 1 for s in node.record.stride)


def _blocks_failing_alike(model: ModelAnalysis, op, small, block: str) -> set[str]:
    """The block instances (named_modules() paths) built like `block`, whose add on `op`'s line
    fails: those whose failing add's blocks, or those holding, where `block` holds the layer that
    made the smaller operand (a strided shortcut), a layer of that line and stride (the instances
    after the first failing one are not run: their maps are not known)."""
    from convlint.records import field_of

    out = set()
    for other in model.ops:
        pair = _odd_operand(other) if other.problem and other.span == op.span and len(other.operands) >= 2 else None
        if pair is not None:
            ratio = _spatial_ratio(pair[0].shape.dims, pair[1].shape.dims)
            out.add((pair[1] if ratio is None or ratio[1] else pair[0]).producer.rpartition(".")[0])
    maker = next((n for n in model.constructed if n.label == small.producer), None)
    if maker is not None and block and maker.label.startswith(block + "."):
        inner = maker.label[len(block) + 1:]
        stride = field_of(maker.record, "stride")
        for n in model.constructed:
            if n.span == maker.span and n.label.endswith("." + inner) and field_of(n.record, "stride") == stride:
                out.add(n.label[:-len(inner) - 1])
    return out


def _own_branch(odd, others: list) -> str | None:
    """The shortest module path over the producer of `odd` that holds the producer of none of
    `others` (`column3` of `column3.5.features.0` beside `column1.5...`): its own branch; None where
    there is none (a producer of the model's own, or one nested in another's)."""
    parts = odd.producer.split(".")
    for end in range(1, len(parts)):
        prefix = ".".join(parts[:end])
        if not any(t.producer == prefix or t.producer.startswith(prefix + ".") for t in others):
            return prefix
    return None


def _odd_operand(op) -> tuple | None:
    """(the operand whose spatial sides differ, one of the others) of an add or cat whose maps
    disagree: of two, the smaller first; of more, the one alone against all the others that agree."""
    sides = [t.shape.dims[2:] if t.shape.dims and len(t.shape.dims) >= 3 else None for t in op.operands]
    if any(s is None or not all(isinstance(d, int) for d in s) for s in sides):
        return None
    if len(sides) == 2:
        if sides[0] == sides[1]:
            return None
        return (op.operands[0], op.operands[1]) if sides[0] <= sides[1] else (op.operands[1], op.operands[0])
    odd = [i for i, s in enumerate(sides) if sides.count(s) == 1]
    if len(odd) != 1 or len(set(sides)) != 2:
        return None
    return op.operands[odd[0]], op.operands[(odd[0] + 1) % len(sides)]


def _enclosing_block(model: ModelAnalysis, span: Span, producer: str) -> str | None:
    """The named_modules() path of the block instance whose forward() holds `span` and made the
    layer `producer` ("" for the model itself), the innermost where blocks nest."""
    from convlint.evaluator.objects import LocalFunction

    best = None
    for node in (model.root, *model.constructed):
        forward = node.cls.forward_method() if node is not None and node.cls is not None else None
        if not isinstance(forward, LocalFunction) or getattr(forward.scope, "parsed", None) is None \
                or node.path and not producer.startswith(node.path + "."):
            continue
        where = forward.scope.parsed.resolve(forward.node)
        if where.file == span.file and where.line <= span.line <= where.end_line \
                and (best is None or len(node.path) > len(best)):
            best = node.path
    return best


def _spatial_ratio(a: tuple | None, b: tuple | None) -> tuple[int, bool] | None:
    """(k, a is the smaller) where every spatial side of one map is k > 1 times that of the other."""
    if not a or not b or len(a) != len(b) or len(a) < 3 \
            or not all(isinstance(d, int) and d > 0 for d in (*a[2:], *b[2:])):
        return None
    for small, large, small_first in ((a, b, True), (b, a, False)):
        ratios = {l // s for s, l in zip(small[2:], large[2:]) if l % s == 0}
        if len(ratios) == 1 and all(l % s == 0 for s, l in zip(small[2:], large[2:])) and min(ratios) > 1:
            return ratios.pop(), small_first
    return None


def _origin_of(node, argument: str) -> Span | None:
    """Where a caller wrote the layer's argument, when a caller's parameter carried it."""
    return (node.arg_origins.get(argument) or (None,))[0]


def _where_written(model: ModelAnalysis, node, argument: str) -> Span:
    """Where a layer's argument is written, to report it there: in the layer's own call, or, for a
    layer made by a plain helper (`def conv1x1(cin, cout): return nn.Conv2d(cin, cout, 1)`, a
    ConvBNReLU) that passes its parameter on unchanged, at the helper's call (`self.conv3 =
    conv1x1(planes, planes * 2)`): the helper's line is right for every other use of it."""
    written = node.written_at.get(argument, node.span)
    helper = _the_helper_call(model, node)
    found = node.arg_origins.get(argument)
    if helper is None or found is None or not found[3] or _within(written, helper):
        return written
    nearest = found[3][0][0]
    if not _within(nearest, helper) or any(
            other != argument and other in WIDTH_ARGUMENTS and level[3] and level[3][0][0] == nearest
            for other, level in node.arg_origins.items()):
        return written  # (`nn.Conv2d(c, c)`: the helper reads one parameter for both widths, its line decides)
    return nearest


def _the_helper_call(model: ModelAnalysis, node) -> Span | None:
    """The call of the plain helper that made the layer (`conv3x3(planes, planes)`, a ConvBNReLU):
    a function or class whose call makes no other layer that sets a width (a norm or activation
    after it may come along). None for a layer written in place, or one of a block of several."""
    from convlint.records import ConvRecord, LinearRecord

    if not node.via:
        return None
    site = node.via[-1]
    if model.root is not None and model.root.span == site:
        return None
    if any(n is not node and n.via[:len(node.via)] == node.via and isinstance(n.record, (ConvRecord, LinearRecord))
           for n in model.constructed):
        return None
    return site


def _line_of(model: ModelAnalysis, node) -> int:
    """The line a layer is named by in a finding: its call of the plain helper that made it, if any."""
    helper = _the_helper_call(model, node)
    return helper.line if helper is not None else node.span.line


def _passed_by_other_calls(node, layers: list, argument: str, alike) -> set:
    """The values other calls of the layer's line pass for `argument` where this call passes its
    own (`CBR(c, c, stride=1)` beside `CBR(c, c, stride=2)`), among the layers whose records `alike`
    accepts."""
    from convlint.records import field_of

    origin = _origin_of(node, argument)
    if origin is None:
        return set()
    own = field_of(node.record, argument)
    return {field_of(n.record, argument) for n in layers if n.span == node.span and field_of(n.record, argument) != own
            and alike(n.record) and _origin_of(n, argument) not in (None, origin)}


def _window_suspects(model: ModelAnalysis) -> list[tuple]:
    """(the convs of one line, the padding or kernel they likely lost, why): a conv whose padding
    differs from that of every other conv of its kernel and stride in the model (`Conv2d(16, 32, 5,
    1, 0)` after a `5, 1, 2` one; `4, 2, 0` amid `4, 2, 1` convs), or a stride-1 conv whose kernel
    differs from that of every other stride-1 conv of its padding (kernel 3 beside an unpadded
    kernel 5): an edit that changed the map a later layer was sized for."""
    from convlint.records import ConvRecord

    convs = [n for n in model.constructed if isinstance(n.record, ConvRecord) and not n.record.transposed
             and isinstance(n.record.padding, tuple) and all(is_known(s) for s in n.record.stride)
             and all(is_known(v) for v in (*n.record.kernel_size, *n.record.padding, *n.record.dilation))
             and not n.assigned & WINDOW_ATTRIBUTES]
    suspects, seen = [], set()
    for node in convs:
        record = node.record
        window = (node.span, record.kernel_size, record.stride, record.padding, record.dilation)
        origin = _origin_of(node, "padding")
        if (window, origin) in seen:
            continue  # (a line built with another padding by another call is suspect on its own)
        first = not any(key[0] == window for key in seen)  # (the model-wide comparisons: once a window)
        seen.add((window, origin))
        same_line = [n for n in convs if n.span == node.span and n.record == record]
        others = [n.record for n in convs if n.span != node.span and n.record.ndim == record.ndim
                  and n.record.dilation == record.dilation and n.record.stride == record.stride]
        paddings = {r.padding for r in others if r.kernel_size == record.kernel_size}
        # (a 1x1 conv is no peer: padding 0 is the only padding that keeps its map, so it says nothing
        # of the kernel an unpadded spatial conv was given: EEGNet's depthwise conv over every electrode)
        kernels = {r.kernel_size for r in others if r.padding == record.padding and max(r.kernel_size) > 1}
        if any(s != 1 for s in record.stride) or max(record.kernel_size) == 1 or any(
                n.span == node.span and n.record.kernel_size != record.kernel_size for n in convs):
            # (a strided conv's kernel is not compared: 3 and 4 both halve a map; nor a 1x1 conv's,
            # pointwise on purpose: it keeps the map, and a kernel to shrink it bends it to fit another path;
            # nor that of a line building other kernels too, `kernel_size=kernel_size`: its callers' choice)
            kernels = set()
        # the same line given another padding by another call (`CNR2d(c, c, 3, padding=0)` beside
        # `padding=1`), where the convs of the model pad several ways (a reflection pad before some)
        passed = _passed_by_other_calls(node, convs, "padding", lambda other: other.kernel_size == record.kernel_size
                                        and other.stride == record.stride)
        # (a stride-1 conv padded to keep its map, `5, 1, 2`, is padded so on purpose: LeNet's first
        # conv beside an unpadded one; taking its padding away is no likely edit)
        keeps = all(s == 1 for s in record.stride) and all(
            2 * p == d * (k - 1) for p, d, k in zip(record.padding, record.dilation, record.kernel_size))
        # (one peer padded without keeping its map, `Conv2d(1, 20, 5, padding=1)` beside an unpadded
        # conv of kernel 5, is an odd design of its own: a vote of one, too weak to move the blame)
        peers = {n.span for n in convs if n.span != node.span and n.record.ndim == record.ndim
                 and n.record.dilation == record.dilation and n.record.stride == record.stride
                 and n.record.kernel_size == record.kernel_size}
        suggested = next(iter(paddings)) if len(paddings) == 1 else None
        if first and suggested is not None and record.padding != suggested \
                and (len(peers) >= 2 or all(2 * p == d * (k - 1) for p, d, k in zip(
                    suggested, record.dilation, record.kernel_size))) \
                and not (keeps and all(q < p for q, p in zip(suggested, record.padding))):
            (padding,) = paddings
            suspects.append((same_line, {"padding": padding}, f"every other conv with kernel "
                             f"{record.kernel_size[0]} here has padding {padding[0]}"))
        elif len(passed) == 1 and all(p < q for p, q in zip(record.padding, next(iter(passed)))):
            (padding,) = passed  # (only the instances that call passes theirs: other calls' are right)
            given = [n for n in same_line if _origin_of(n, "padding") == origin]
            suspects.append((given, {"padding": padding}, f"another call of its line passes padding {padding[0]}"))
        elif first and len(kernels) == 1 and record.kernel_size not in kernels:
            (kernel,) = kernels
            suspects.append((same_line, {"kernel_size": kernel}, f"every other conv with padding "
                             f"{record.padding[0]} here has kernel {kernel[0]}"))
        mirrored = _mirrored_kernel(model, record) if first else None
        if mirrored is not None:
            suspects.append((same_line, {"kernel_size": mirrored}, f"the transposed conv that grows the map back "
                             f"has kernel {mirrored[0]}"))
    return suspects[:MAX_STRIDE_TRIALS]


def _mirrored_kernel(model: ModelAnalysis, record) -> tuple | None:
    """The kernel of the unpadded stride-1 transposed convs of an autoencoder when an unpadded
    stride-1 conv's differs from it: the bottleneck conv (4 x 4 to 1 x 1) and the first layer of
    the decoder (1 x 1 back to 4 x 4) undo each other, so their kernels agree."""
    from convlint.records import ConvRecord

    if any(s != 1 for s in record.stride) or any(p != 0 for p in record.padding) or max(record.kernel_size) == 1:
        return None
    kernels = {n.record.kernel_size for n in model.constructed
               if isinstance(n.record, ConvRecord) and n.record.transposed and n.record.ndim == record.ndim
               and isinstance(n.record.padding, tuple) and all(is_known(v) for v in (*n.record.kernel_size,
                                                                                    *n.record.stride, *n.record.padding))
               and all(s == 1 for s in n.record.stride) and all(p == 0 for p in n.record.padding)
               and n.record.dilation == record.dilation}
    return next(iter(kernels)) if len(kernels) == 1 and record.kernel_size not in kernels else None


def _pinned_to_tiny_maps(model: ModelAnalysis, errors: set) -> bool:
    """Whether each error found is at an add or cat pinned to input sizes where its maps are tiny
    (_tiny_where_they_meet): one that runs at some trial size only by meeting there."""
    spans = {span for span, _ in errors}
    ops = [o for o in model.ops if o.span in spans and o.detail.get("pinned") and o.problem is None]
    return {o.span for o in ops} == spans and all(_tiny_where_they_meet(o, o.detail["pinned"], model) for o in ops)


def _trial_sizes(model: ModelAnalysis, sides: tuple | None = None) -> list[tuple]:
    """The input sizes a stride is tried at: the model's own, or for a symbolic one, sides of real
    use (64 and 32 pixels, or `sides`; a batch of 2)."""
    shape = model.input_shape
    if shape is None or shape.dims is None:
        return []
    size = tuple(2 if symbol_of(d) == "N" else d for d in shape.dims)
    if all(is_known(d) for d in size):
        return [size]
    if not all(is_known(d) or is_width(d) or symbol_of(d) in SPATIAL for d in size):
        return []  # channels not known: nothing to rerun with (a constructor argument's are checked for every value)
    return [tuple(d if is_known(d) or is_width(d) else side for d in size) for side in sides or LARGER_SIDES[:2]]


MAX_WIDTH_EDITS = 8  # (line, width) edits tried per model by _at_the_width, each a rerun per size


def _at_the_width(display: str, model: ModelAnalysis, found: list[Diagnostic], settings: Settings) -> list[Diagnostic]:
    """Blame the layer that sets the wrong width: where `x + f(x)` breaks on the channels (a block
    that should give back its input's width, Conv-TasNet's end_conv1x1 projecting to the hidden
    width), and exactly one of the two layers that made the operands, given the other's count as
    its out_channels (every layer of its line), makes the model run clean at the same input, the
    finding is reported at that layer."""
    from convlint.records import ConvRecord, LinearRecord

    sizes = _trial_sizes(model)
    if model.rerun is None or not sizes:
        return found
    by_label = _by_label(model)
    moved = list(found)
    # an edit of a line runs the model the same for every finding it is tried for (RCAN's channel
    # attention fails in each of its 200 blocks): one rerun per edit, not per finding, and no more
    # than MAX_WIDTH_EDITS edits (each reruns the whole model): past them, findings stay where they are
    runs_clean: dict[tuple, bool] = {}
    meetings: dict[tuple, list | None] = {}  # (op's line, operand) -> _each_instance_meeting's edits
    norms_of: dict[int, list] = {}  # id(layer) -> the norms its fix edited with it
    before: dict = {}  # the unedited model's errors by trial size
    for index, d in enumerate(found):
        if d.severity != "error" or d.code != "CL107":
            continue
        # (an op of arguments' widths the checks found failing where the model runs has no problem of its own)
        op = next((o for o in sorted(model.ops, key=lambda o: o.problem is None) if o.span == d.span
                   and len(o.operands) == 2 and o.op.rstrip("=") in ("+", "-", "*")), None)
        if op is None or any(t.shape.dims is None or len(t.shape.dims) < 2 for t in op.operands):
            continue
        counts = [t.shape.dims[1] for t in op.operands]
        if counts[0] == counts[1] or 1 in counts or not all(is_known(c) or is_width(c) for c in counts):
            continue  # not the channels that disagree (a count of 1 broadcasts: an in-place add that grows)
        fixes = []
        for tensor, wanted in zip(op.operands, reversed(counts)):
            # (a conv and the norm after it sized from the same count are one producer: the norm
            # agreeing with the conv is no sign the width is right)
            node, norms = _producer_past_its_norms(model, tensor, by_label)
            if node is None or not isinstance(node.record, (ConvRecord, LinearRecord)) or _a_library_layer(node):
                continue
            field = _widths_of(node.record)[0]
            made, meets = getattr(node.record, field, None), tensor.shape.dims[1]
            if isinstance(node.record, ConvRecord) and is_known(made) and is_known(meets) and made != meets:
                continue  # (a piece of what the conv gives, `torch.split(a, 4, 1)[i]`: the cut sets its width)
            edit = (node.span, field, wanted)
            if edit not in runs_clean and len(runs_clean) >= MAX_WIDTH_EDITS:
                continue
            if edit not in runs_clean:
                _errors_before(display, model, sizes, settings, before)
                with _records_changed(_on_line(model, node.span), {field: wanted}), \
                        _records_changed([n for norm in norms for n in _on_line(model, norm.span)],
                                         {"num_features": wanted}):
                    runs_clean[edit] = _widths_run(display, model, sizes, settings, before)
            if runs_clean[edit]:
                fixes.append((node, field, wanted, None))
                norms_of[id(node)] = norms
            elif len(_on_line(model, node.span)) > 1 and _no_name_holds(node, wanted) and (
                    passed := _the_call_passing_the_width(display, model, node, field, wanted, settings,
                                                          before, norms)) is not None:
                # the line builds other instances with other widths (UpsampleConvLayer(128, 64) and
                # UpsampleConvLayer(64, 16)): edited for all it breaks them; the call's count alone runs,
                # and no name the line could read holds the width wanted (`Basic(16, 32)` without a
                # projection may mean to widen: its inplanes holds 16, and the add stays the finding)
                fixes.append((node, field, wanted, passed))
            elif (scaled := _each_instance_scaled(_on_line(model, node.span), node, field, wanted)) is not None \
                    and (norms_scaled := _norms_scaled(model, norms, getattr(node.record, field), wanted)) is not None \
                    and (edit + ("scaled",) in runs_clean or len(runs_clean) < MAX_WIDTH_EDITS):
                # the line builds instances of several widths (a Bottleneck's `planes * 2` in stages of
                # other planes): each given the same multiple of its own width, as one edit of the line does;
                # run once per edit (a failing `x * se(x)` in each of 20 blocks is 20 findings of one op)
                if edit + ("scaled",) not in runs_clean:
                    with _records_changed_each([*scaled, *norms_scaled]):
                        runs_clean[edit + ("scaled",)] = _widths_run(display, model, sizes, settings, before)
                if runs_clean[edit + ("scaled",)]:
                    fixes.append((node, field, wanted, None))
                    norms_of[id(node)] = norms
        if not fixes and (each := _each_given_the_width_it_meets(display, model, op, by_label, runs_clean, meetings,
                                                                sizes, settings, before)) is not None:
            node, field, wanted, name = each
            where = node.out_argument_at.get(field, node.span)
            note = (f"and {node.label} on line {where.line} given {field}={name} ({format_dim(wanted)} here, "
                    f"each other instance its own {name}) makes it run")
            moved[index] = replace(d, span=where, path=where.file or display, message=_qualified(d.message, note),
                                   related=(d.span, *d.related), layer=node.label)
            continue
        if len(fixes) != 1:
            continue
        node, field, wanted, passed = fixes[0]
        scaled = None if passed is not None or (node.span, field, wanted) not in runs_clean \
            or runs_clean[(node.span, field, wanted)] else True
        alike = _each_alike(scaled, getattr(node.record, field), wanted)
        norms = norms_of.get(id(node), [])
        alike += f", its norm {_listed_plain([n.label for n in norms])} alike," if norms else ""
        note = f"and {node.label} on line {node.span.line} given {field}={format_dim(wanted)}{alike} makes it run"
        moved[index] = replace(d, span=node.span, path=node.span.file or display, message=_qualified(d.message, note),
                               related=(d.span, *d.related), layer=node.label)
        passed = passed or _the_call_passing_the_width(display, model, node, field, wanted, settings, before, norms)
        if passed is not None:
            nearer = _the_nearer_call_passing_another_name(node, field, wanted)
            given = f"{nearer[1]} ({format_dim(wanted)})" if nearer is not None and nearer[0] == passed \
                else format_dim(wanted)
            note = (f"and {node.label} on line {node.span.line} takes its {field} from this call: passing "
                    f"{given} makes it run")
            moved[index] = replace(d, span=passed, path=passed.file or display, message=_qualified(d.message, note),
                                   related=(node.span, d.span, *d.related), layer=node.label,
                                   via=tuple(s for s in node.via if s.line != passed.line or s.file != passed.file))
    return moved


def _producer_past_its_norms(model: ModelAnalysis, tensor, by_label: dict) -> tuple:
    """(the conv or Linear that made a tensor, the batch norms that normalised its output on the
    way): a norm sized from the same count (`nn.Sequential(nn.Conv2d(c, 2 * c, 3),
    nn.BatchNorm2d(2 * c))`, a conv-BN helper) is part of the producer, as an edit of its width
    is an edit of theirs. Followed back through the layers that keep the channels they are given
    (a pool, an activation, a norm, a dropout between the block that set the width and the add)."""
    from convlint.records import (AdaptivePoolRecord, ConvRecord, ElementwiseRecord, LinearRecord, NormRecord,
                                  PadRecord, PoolRecord, UpsampleRecord)

    tensor = _before_functional_resizes(model, tensor, by_label)
    node = by_label.get(tensor.producer)
    if node is None or not tensor.shape.dims or len(tensor.shape.dims) < 2:
        return node, []
    keeping = (ElementwiseRecord, PadRecord, PoolRecord, AdaptivePoolRecord, UpsampleRecord, NormRecord)
    width, calls, passed, operand = tensor.shape.dims[1], _first_calls_by_label(model), [], tensor
    for _ in model.calls:  # (each step one call back: no more steps than calls)
        if node is None or isinstance(node.record, (ConvRecord, LinearRecord)):
            break
        # (the call that gave out this very tensor: a pool module shared by every stage was called
        # first on another stage's map; an activation after the pool keeps the pool's label)
        call = next((c for c in model.calls if c.output is tensor), None) or next(
            (c for c in reversed(model.calls) if c.node.label == node.label and c.output == tensor), None)
        if call is None or not isinstance(call.node.record, keeping) or call.output.shape.dims is None \
                or call.input.shape.dims is None or len(call.input.shape.dims) < 2 \
                or call.input.shape.dims[1] != width or len(call.output.shape.dims) < 2 \
                or call.output.shape.dims[1] != width:
            return by_label.get(operand.producer), []  # (no way back to the layer that set the width)
        passed.append(call.node)
        tensor = call.input
        node = by_label.get(tensor.producer)
    if node is None or not isinstance(node.record, (ConvRecord, LinearRecord)):
        return by_label.get(operand.producer), []
    norms = [call.node for call in calls.values()
             if isinstance(call.node.record, NormRecord) and call.node.record.kind == "batch"
             and (call.input.producer == node.label and call.output.producer == node.label
                 or any(call.node is n for n in passed))
             and call.node.record.num_features == width]
    return node, norms


def _before_functional_resizes(model: ModelAnalysis, tensor, by_label: dict):
    """The tensor an F.* op that keeps the channels was given (`F.interpolate(u, skip.shape[2:])`,
    F.upsample, F.pad of the sides, F.avg_pool2d), followed back to one a built layer made: its
    width is that layer's. The call is found by its output object, as a functional label names
    every call of it alike."""
    seen = set()
    while tensor.producer not in by_label and id(tensor) not in seen:
        seen.add(id(tensor))
        call = next((c for c in model.calls if c.output is tensor and c.node.functional), None)
        dims, given = tensor.shape.dims, call.input.shape.dims if call is not None else None
        if not dims or not given or len(dims) != len(given) or len(dims) < 2 or dims[1] != given[1]:
            break
        tensor = call.input
    return tensor


def _norms_scaled(model: ModelAnalysis, norms: list, was: int, wanted: int) -> list[tuple] | None:
    """(norm, num_features, value) edits giving every instance of the norms' lines the multiple
    wanted / was of its own count, as the conv before them is scaled; None where one is left a
    fraction."""
    from fractions import Fraction

    line = [n for norm in norms for n in _on_line(model, norm.span)]
    if any(type(n.record.num_features) is not int for n in line):
        return None
    scaled = [(n, n.record.num_features * Fraction(wanted, was)) for n in line]
    if any(value.denominator != 1 for _, value in scaled):
        return None
    return [(n, "num_features", int(value)) for n, value in scaled]


def _each_given_the_width_it_meets(display: str, model: ModelAnalysis, op, by_label: dict, runs_clean: dict,
                                   meetings: dict, sizes: list, settings: Settings, before: dict) -> tuple | None:
    """(layer, field, width, name) where every run of a failing `x * gate` has one operand made by an
    instance of one conv or Linear line (a squeeze-excitation block's expand conv, built in blocks of
    72 and 120 channels with reduced widths of 20 and 32: no one width, nor one multiple, fits them
    all), one int name of the function building the line holds, at every instance, the width the
    other operand has there (the block's `in_chs`), and the model with each instance given that
    width runs clean, while the layers making the other operands, given the widths they meet, do
    not (or are no convs): writing that name is the edit. None otherwise, or past MAX_WIDTH_EDITS."""
    def meeting(side: int) -> list[tuple] | None:  # (once per line and side: every finding there meets the same)
        if (op.span, side) not in meetings:
            meetings[op.span, side] = _each_instance_meeting(model, op, side, by_label, sizes[0])
        return meetings[op.span, side]

    for side in (0, 1):
        key = ("each", op.span, side)
        if key not in runs_clean and len(runs_clean) >= MAX_WIDTH_EDITS:
            return None
        edits = meeting(side)
        names = _names_holding_each(edits) if edits is not None else []
        # (one width for every instance of the line is the plain edit of the line, tried already; a
        # width a caller passes is that call's to change)
        if not names or len({wanted for _, _, wanted in edits}) == 1 \
                or any(_origin_of(n, field) not in (None, n.span) and not (
                    op.op.rstrip("=") == "*" and _sizes_another_layer(model, n, field))
                    and _parameter_read(n, field) in names for n, field, _ in edits):
            # (a gate's last layer reading the reduced width its caller passes, `SE(hidden, cin // 4)`,
            # the reduce layer giving that width right: the line, not the call; a residual add that
            # breaks so is left, where a projection of the shortcut may be what is missing. A line
            # reading another of the caller's parameters than the one holding the width at every
            # instance, a time-embedding Linear(tdim, in_ch) beside a conv giving out_ch, chose the
            # wrong name: the line is the edit)
            continue
        if key not in runs_clean:
            _errors_before(display, model, sizes, settings, before)
            with _records_changed_each(edits):
                runs_clean[key] = _widths_run(display, model, sizes, settings, before)
        if not runs_clean[key]:
            continue
        others, other_key = meeting(1 - side), ("each", op.span, 1 - side)
        if others is not None and other_key not in runs_clean:
            with _records_changed_each(others):
                runs_clean[other_key] = _widths_run(display, model, sizes, settings, before)
        if others is not None and runs_clean[other_key]:
            return None  # (either side given the other's widths runs: which was meant is not known)
        node = by_label[op.operands[side].producer]
        return node, _widths_of(node.record)[0], op.operands[1 - side].shape.dims[1], names[0]
    return None


MAX_MEETING_ROUNDS = 4  # reruns by _each_instance_meeting to meet the runs an earlier failure hid


def _each_instance_meeting(model: ModelAnalysis, op, side: int, by_label: dict, size: tuple) -> list[tuple] | None:
    """(layer, field, value) edits giving the conv or Linear that made operand `side` of each failing
    run of `op`'s line the channels of the other operand in that run, until none fails; runs an
    earlier failure left unknown (a `view(b, -1, 1, 1)` after a batch no longer known) are met by
    running the model with the edits found so far. None where one is made by no such layer, a count
    is not known, a layer meets two widths, or an instance of an edited line is not met (an edit of
    the line changes every instance)."""
    edits: dict[int, tuple] = {}
    runs = model.ops
    for _ in range(MAX_MEETING_ROUNDS):
        met = _meeting_in(runs, op, side, by_label)
        if met is None or met.keys() & edits.keys():
            return None  # (a layer given what it met still fails there: no width of its own fits)
        if not met:
            break
        edits.update(met)
        with _records_changed_each(list(edits.values())):
            trial = model.rerun(size)
        if trial.internal_error or trial.stopped:
            return None
        runs = trial.ops
    else:
        return None
    lines = {n.span for n, _, _ in edits.values()}
    if edits:
        # an instance whose run of the op met its own width already (a ResBlock built with in == out)
        # keeps it: the edit of the line must give it that width too
        edits.update(_meeting_already(model, runs, op, side, by_label, lines, edits))
    if not edits or any(id(n) not in edits for span in lines for n in _on_line(model, span)):
        return None
    return list(edits.values())


def _parameter_read(node, field: str) -> str | None:
    """The parameter of the function building the layer that its `field` is passed unchanged from
    (`in_ch` of `nn.Linear(tdim, in_ch)` in ResBlock(in_ch, out_ch)), or None."""
    chain = node.names_passed.get(field)
    return chain[0][0] if chain else None


def _meeting_already(model: ModelAnalysis, runs: list, op, side: int, by_label: dict, lines: set,
                     edits: dict) -> dict:
    """For _each_instance_meeting: id(layer) -> (layer, field, its width) for the instances of the
    edited lines whose every run of `op`'s line ran, the other operand of that width, made in the
    same block (a time embedding's add to the block's conv; not an identity shortcut's `out + x` of
    the block's input, which an instance built with in == out meets only as its caller chose)."""
    met: dict[int, tuple] = {}
    off: set[int] = set()
    for run in runs:
        if run.span != op.span or run.op != op.op or len(run.operands) != 2:
            continue
        node = by_label.get(run.operands[side].producer)
        if node is None or id(node) in edits or node.span not in lines:
            continue
        other_node = by_label.get(run.operands[1 - side].producer)
        block = _instance_holding(model, node.path)
        if not block or other_node is None or not other_node.path.startswith(f"{block}."):
            off.add(id(node))
            continue
        field = _widths_of(node.record)[0]
        width, other = getattr(node.record, field, None), run.operands[1 - side].shape.dims
        if run.problem is None and type(width) is int and other is not None and len(other) > 1 and other[1] == width:
            met[id(node)] = (node, field, width)
        else:
            off.add(id(node))
    return {key: edit for key, edit in met.items() if key not in off}


def _instance_holding(model: ModelAnalysis, path: str) -> str:
    """The path of the innermost instance of a class of the project holding the module at `path`
    (`down.0` of `down.0.temb_proj.1`), or "" where none does below the model."""
    node, held, walked = model.root, "", []
    for name in path.split(".")[:-1]:
        node = node.children.get(name) if node is not None else None
        if node is None:
            break
        walked.append(name)
        if node.cls is not None:
            held = ".".join(walked)
    return held


def _meeting_in(runs: list, op, side: int, by_label: dict) -> dict | None:
    """For _each_instance_meeting: id(layer) -> (layer, field, the channels it meets) over the
    failing runs of `op`'s line among `runs`; None where one is not such a run."""
    from convlint.records import ConvRecord, LinearRecord

    met: dict[int, tuple] = {}
    for run in runs:
        if run.span != op.span or run.op != op.op or run.problem is None or len(run.operands) != 2:
            continue
        mine, other = run.operands[side], run.operands[1 - side]
        node = by_label.get(mine.producer)
        if node is None or not isinstance(node.record, (ConvRecord, LinearRecord)) \
                or getattr(node.record, "transposed", False) or mine.shape.dims is None or other.shape.dims is None \
                or len(mine.shape.dims) < 2 or len(other.shape.dims) < 2:
            return None
        wanted = other.shape.dims[1]
        if type(wanted) is not int or wanted <= 1 or mine.shape.dims[1] == wanted:
            return None
        if met.setdefault(id(node), (node, _widths_of(node.record)[0], wanted))[2] != wanted:
            return None
    return met


def _sizes_another_layer(model: ModelAnalysis, node, field: str) -> bool:
    """Whether the caller's count a layer reads for `field` also sizes a layer of another line
    (`SE(hidden, red)` whose reduce conv gives `red`): the count is right there, and another value
    passed would change that layer too, so the call is not the edit; the line reading it is."""
    origin = _origin_of(node, field)
    return origin is not None and any(
        other is not node and other.span != node.span and other.via == node.via
        and any(found and found[0] == origin for found in other.arg_origins.values())
        for other in model.constructed)


def _names_holding_each(edits: list[tuple]) -> list[str]:
    """The int names of the function building the edited layers that hold, at each instance, the
    value the edit gives it (in the order the first instance saw them)."""
    if len({n.span for n, _, _ in edits}) != 1:
        return []
    held = [{name for name, value in n.names_at_build if value == wanted} for n, _, wanted in edits]
    first = edits[0][0].names_at_build
    return [name for name, _ in first if all(name in names for names in held)]


WINDOW_PARTS = ("kernel_size", "stride", "padding", "dilation")
MAX_ROW_TRIALS = 3  # other rows' windows tried per model by _at_the_row, each a rerun per size


def _at_the_row(display: str, model: ModelAnalysis, found: list[Diagnostic], nodes: dict,
                settings: Settings) -> list[Diagnostic]:
    """Blame the row of a configuration a block's window came from (`for k, t, c, s in cfgs:`
    building `Block(c_in, c_in * t, c, k, s)`, a row's kernel 5 made 4 where the block pads by
    `(k - 1) // 2`): where the failing layer's line builds other instances from other rows, and
    the failing instance given the window of one of them (kernel and padding together, as the
    row's one number sets both) runs the model, the number in the failing instance's row is
    what was written wrong, not the line every other row runs through."""
    from convlint.records import ConvRecord, PoolRecord

    sizes = _trial_sizes(model)
    if model.rerun is None or not sizes:
        return found
    out, tried, before = [], 0, {}
    for d in found:
        node = _node_for(nodes, d, by_label=False)
        row = _the_row_of_its_window(model, node) if d.severity == "error" and d.code in SIZE_ERRORS \
            and node is not None and node.span == d.span and isinstance(node.record, (ConvRecord, PoolRecord)) \
            else None
        if row is None or tried >= MAX_ROW_TRIALS:
            out.append(d)
            continue
        argument, written, windows = row
        fixes = None
        _errors_before(display, model, sizes, settings, before)
        for window in windows:
            if tried >= MAX_ROW_TRIALS:
                break
            tried += 1
            with _records_changed([node], window):
                if _widths_run(display, model, sizes, settings, before):
                    fixes = window
                    break
        if fixes is None:
            out.append(d)
            continue
        shown = ", ".join(f"{name}={_shown_window(value)}" for name, value in fixes.items())
        note = (f"and the row on line {written.line} gives {d.layer} {argument}="
                f"{_shown_window(getattr(node.record, argument))}: given the window another row gives ({shown}) "
                f"the model runs")
        out.append(replace(d, path=written.file or display, span=written, message=_qualified(d.message, note),
                           fix=f"Write the number another row runs with ({shown})", related=(d.span, *d.related)))
    return out


def _shown_window(value) -> str:
    return str(value[0]) if isinstance(value, tuple) and len(set(value)) == 1 else str(value)


def _the_row_of_its_window(model: ModelAnalysis, node) -> tuple | None:
    """(the window argument, where its number is written in a literal row, the windows of the
    line's instances built from other rows with another number) of a layer whose window argument
    was passed down from a loop over rows; None where it was not, or no other row gives another."""
    for argument in WINDOW_PARTS:
        origin = node.arg_origins.get(argument)
        written = origin[2] if origin is not None and len(origin) > 2 else None
        if written is None or (written.line, written.file) == (node.span.line, node.span.file):
            continue
        windows = []
        for other in _on_line(model, node.span):
            theirs = other.arg_origins.get(argument)
            if other is node or theirs is None or len(theirs) < 3 or theirs[2] is None or theirs[2] == written \
                    or getattr(other.record, argument) == getattr(node.record, argument):
                continue
            window = {name: getattr(other.record, name) for name in WINDOW_PARTS
                      if name != "stride" and getattr(other.record, name) != getattr(node.record, name)}
            if window and window not in windows:
                windows.append(window)
        if windows:
            return argument, written, windows
    return None


def _no_name_holds(node, wanted) -> bool:
    """Whether no int name the layer's line could read (the building function's parameters and
    locals, as they were) holds `wanted`: the line cannot have meant it."""
    return bool(node.names_at_build) and all(value != wanted for _, value in node.names_at_build)


def _the_call_passing_the_width(display: str, model: ModelAnalysis, node, field: str, wanted,
                                settings: Settings, before: dict | None = None, norms: tuple = ()) -> Span | None:
    """Where a caller computed the width a layer of a residual block sets wrong (`ResBlock(c, c * 2)`
    of a block whose last conv gives num_filters back to `+ x`): the call's argument, where the call
    shows the right wiring (another width it passes is the one wanted, or another call of the
    line passes another value, or no name the layer's line could read holds the width wanted) and
    every layer reading that argument, given the width wanted, runs the model clean: the block's
    line is right, the value passed is not. (A name passed as it is,
    `Block(c, h)`, is the width the caller means: the block may read the wrong parameter.) Judged as
    _widths_run judges an edit: a head sized for one input size (`MaxPool2d(8)` and a Linear) that
    the trial sizes do not fit is no error of the call's. `norms`: the batch norms the layer's fix
    edits with it (one written on a line of its own after a pool), edited alike."""
    origin = _origin_of(node, field)
    chain = node.names_passed.get(field, ())
    if origin is None or (origin.file, origin.line) == (node.span.file, node.span.line) \
            or not chain or chain[-1][1] is not None:
        return None
    nearer = _the_nearer_call_passing_another_name(node, field, wanted)
    if nearer is not None:
        # (`ResBlock(hidden, res_ch, res_ch)` where hidden holds the width: that call picked the wrong
        # name; the outer call's number for res_ch makes it run only by making res_ch that width)
        origin = nearer[0]
    others = node.arg_origins[field][1]
    own = getattr(node.record, field, None)
    # the layer's line could not have read the width wanted: no name there holds it (`Up(64, 16, 2)`
    # building `nn.Conv2d(cin, cout, 3)`, 32 wanted: neither cin nor scale is 32)
    shown = wanted in others or _no_name_holds(node, wanted) or any(
        n.span == node.span and _origin_of(n, field) not in (None, origin) and getattr(n.record, field, None) != own
        for n in model.constructed)
    readers = [(n, [f for f in WIDTH_FIELDS if _origin_of(n, f) == origin or nearer is not None
                    and any(span == origin for span, _ in (n.arg_origins.get(f) or (None,) * 4)[3] or ())])
               for n in model.constructed]
    readers = [(n, fields) for n, fields in readers if fields]
    sizes = _trial_sizes(model)
    if not shown or not sizes:
        return None
    before = _errors_before(display, model, sizes, settings, {} if before is None else before)
    # (a norm line reading the argument is edited with it; one written apart, after a pool, alike)
    apart = [line for line in {norm.span: _on_line(model, norm.span) for norm in norms}.values()
             if not any(n is reader for n in line for reader, _ in readers)]
    with _records_restored([n for n, _ in readers]), \
            _records_changed([n for line in apart for n in line], {"num_features": wanted}):
        for n, fields in readers:
            n.record = n.record.model_copy(update={f: wanted for f in fields})
        if not _widths_run(display, model, sizes, settings, before):
            return None
    return origin


def _the_nearer_call_passing_another_name(node, field: str, wanted) -> tuple[Span, str] | None:
    """A call on the way of a layer's width, nearer than the outermost, that passes a name of its
    caller (`ResBlock(hidden, res_ch, res_ch)` in a Decoder) where another name of that caller holds
    the width wanted and the call passes it as another argument (`hidden`): the call shows the
    right wiring beside the wrong name, so it is where to change, not the number the outermost call
    gives the name. (The argument passed there, the name holding the width.) None otherwise."""
    chain = node.names_passed.get(field, ())
    levels = (node.arg_origins.get(field) or (None,) * 4)[3] or ()
    for index, ((_, passed, _), (span, others)) in enumerate(zip(chain, levels)):
        if passed is None or index + 1 >= len(levels):
            return None
        site = next((site for site in node.via if _within(span, site)), None)
        names = dict(node.callers_names.get(site, ())) if site is not None else {}
        if passed not in names or names[passed] == wanted or wanted not in others:
            continue
        holders = [name for name, value in names.items() if value == wanted and name != passed]
        if len(holders) == 1:
            return span, holders[0]
    return None


def _at_the_viewed_width(display: str, model: ModelAnalysis, found: list[Diagnostic],
                         settings: Settings) -> list[Diagnostic]:
    """Blame the layer whose width a view(-1, 2, D, 1, 1) does not fit: where the rows of the -1
    take more or fewer elements than a sample has (SK attention's conv giving D channels, not 2D)
    and the conv or Linear that made the tensor, its width scaled to fill one row per sample on
    every layer of its line, makes the model run clean, the finding is reported at that layer."""
    from convlint.records import ConvRecord, LinearRecord

    sizes = _trial_sizes(model)
    if model.rerun is None or not sizes:
        return found
    by_label = {}
    for node in model.constructed:
        by_label.setdefault(node.label, node)
    moved = list(found)
    for index, d in enumerate(found):
        if d.severity != "error" or d.code != "CL102":
            continue
        op = next((o for o in model.ops if o.span == d.span and len(o.detail.get("requested", ())) > 2
                   and (o.problem is None or _batch_kept(o))), None)
        dims = op.operands[0].shape.dims if op is not None else None
        ratio = _rows_per_sample(dims[1:], op.detail["requested"][1:]) if dims else None
        if ratio is None:
            continue
        node = by_label.get(op.operands[0].producer)
        if ratio == 1 or node is None or not isinstance(node.record, (ConvRecord, LinearRecord)) \
                or getattr(node.record, "transposed", False):
            continue
        field = "out_channels" if isinstance(node.record, ConvRecord) else "out_features"
        if _unflattens_a_map_the_width_fits(model, op, getattr(node.record, field, None)):
            continue
        line = [n for n in model.constructed if n.span == node.span]
        widths = [_width_scaled(getattr(n.record, field, None), ratio) for n in line]
        if any(w is None for w in widths):
            continue
        with _records_changed_each([(n, field, w) for n, w in zip(line, widths)]):
            if not all(_runs_clean(display, model, size, settings) for size in sizes):
                continue
        wanted = format_dim(_width_scaled(getattr(node.record, field), ratio))
        note = f"and {node.label} on line {node.span.line} given {field}={wanted} makes it run"
        moved[index] = replace(d, span=node.span, path=node.span.file or display, message=_qualified(d.message, note),
                               related=(d.span, *d.related), layer=node.label)
    return moved


def _batch_kept(view) -> bool:
    """Whether a view torch refuses keeps the batch as written (`out.view(out.shape[0], 128, s, s)`
    of a generator's Linear): its other sizes are what a sample must fill, as a -1's rows are."""
    requested, dims = view.detail.get("requested", ()), view.operands[0].shape.dims
    if not dims or not requested or not all(is_known(r) and r > 0 for r in requested[1:]):
        return False
    return requested[0] is dims[0] or requested[0] == dims[0]  # (N, a batch symbol, kept as N)


def _rows_per_sample(per_sample: tuple, requested: tuple):
    """What a view's rows (`view(-1, *requested)`) hold for each element a sample has, as a
    fraction: sizes on both sides cancel, and what is left must be whole numbers. Symbolic sizes
    only for a flat vector of constructor arguments' sizes (a decoder's Linear) viewed as maps,
    its product (`2*bw*bw*ch`) cancelled argument by argument; None for anything else, or where
    the rows fit a sample exactly."""
    from fractions import Fraction

    from convlint import shapes
    from convlint.values import Sym

    left = [f for d in per_sample for f in shapes.view_factors(d)]
    given = [f for d in requested for f in shapes.view_factors(d)]
    if not all(is_known(f) for f in (*left, *given)) and (len(per_sample) != 1 or any(
            not is_known(f) and symbol_of(f) in symbolic.INPUT_SYMBOLS for f in (*left, *given))):
        return None  # (symbolic: only a flat vector of arguments' sizes viewed as maps, a decoder's Linear)
    asked = []
    for d in given:
        if isinstance(d, Sym) and d in left:
            left.remove(d)
        else:
            asked.append(d)
    if not all(is_known(x) and x > 0 for x in (*left, *asked)):
        return None
    ratio = Fraction(math.prod(asked), math.prod(left))
    return None if ratio == 1 else ratio


def _width_scaled(width, ratio):
    """A layer's width times a fraction, where that is a whole width: an int, or a whole multiple of
    constructor arguments (`2*bw*bw*ch` halved is `bw*bw*ch`); None for anything else."""
    from convlint.values import Sym

    if type(width) is int:
        scaled = width * ratio
        return int(scaled) if scaled.denominator == 1 and scaled > 0 else None
    if isinstance(width, Sym) and not width.opaque and isinstance(width.base, str) and not width.offset \
            and width.divisor == 1 and width.scale > 0 and symbol_of(width) not in symbolic.INPUT_SYMBOLS:
        scale = width.scale * ratio
        return Sym(width.base, int(scale)) if scale.denominator == 1 and scale > 0 else None
    return None


def _unflattens_a_map_the_width_fits(model: ModelAnalysis, view, width) -> bool:
    """Whether a view back to a map (`z.view(-1, 8, 10, 10)` after a Linear giving 8 * 9 * 9) has the
    rank and channels of a map the model flattened before it (`torch.flatten(enc(x), 1)`, 8 x H/2 x
    W/2), while the width it reads is whole maps of those channels, only of other sides: the view
    undoes that flatten with sides written wrong, and the layer before it, sized as the flattened
    map, is not the one to change."""
    requested = view.detail["requested"][1:]
    if not is_known(width) or len(requested) < 2 or not all(is_known(r) for r in requested) \
            or width % requested[0] or width == math.prod(requested):
        return False
    for op in model.ops:
        if op is view or op.span.line >= view.span.line or op.span.file != view.span.file \
                or not (op.op.endswith("flatten") or op.op in ("view", "reshape")) or not op.operands:
            continue
        dims = op.operands[0].shape.dims
        if dims is not None and len(dims) == len(requested) + 1 and dims[1] == requested[0] \
                and any(not is_known(x) or x != r for x, r in zip(dims[2:], requested[1:])):
            known = [x for x in dims[2:] if is_known(x)]
            if all(is_known(x) for x in dims[2:]) and requested[0] * math.prod(known) != width:
                continue
            return True
    return False


def _each_instance_scaled(line: list, node, field: str, wanted) -> list[tuple] | None:
    """(layer, field, value) edits giving `node` `wanted` and every other instance of its line the
    same multiple of its own width (`Conv2d(planes, planes * 2)` built for planes 64 and 128: one
    edit of the line, `planes * 4`, gives each its own count); None where the instances share one
    width (a constant edits them all alike) or a multiple leaves one a fraction."""
    from fractions import Fraction

    widths = [getattr(n.record, field, None) for n in line]
    current = getattr(node.record, field, None)
    if len(set(widths)) < 2 or not all(type(w) is int and w > 0 for w in widths) \
            or type(current) is not int or type(wanted) is not int or wanted <= 0 or current == wanted:
        return None
    ratio = Fraction(wanted, current)
    if any((w * ratio).denominator != 1 for w in widths):
        return None
    return [(n, field, int(w * ratio)) for n, w in zip(line, widths)]


def _each_alike(scaled, was, wanted) -> str:
    """The words telling that a trial gave every instance of a line the same multiple of its width."""
    if not scaled:
        return ""
    from fractions import Fraction
    return f" (and each other instance of the line {Fraction(wanted, was)} times its own width)"


def _errors_at(display: str, model: ModelAnalysis, size: tuple, settings: Settings) -> set:
    """(span, code) of the errors the model meets at this input size (none where it is not followed)."""
    trial = model.rerun(size)
    if trial.internal_error or trial.stopped:
        return set()
    return {(d.span, d.code) for d in model_diagnostics(display, trial, settings, hint_sizes=False, pinned_sizes=False)
            if d.severity == "error"}


def _runs_clean(display: str, model: ModelAnalysis, size: tuple, settings: Settings) -> bool:
    trial = model.rerun(size)
    return not (trial.internal_error or trial.stopped) and not any(
        d.severity == "error" for d in model_diagnostics(display, trial, settings, hint_sizes=False, pinned_sizes=False))


def _errors_met_at(display: str, model: ModelAnalysis, size: tuple, settings: Settings) -> frozenset | None:
    """(span, code) of the errors the model meets at this input size; None where it is not followed."""
    trial = model.rerun(size)
    if trial.internal_error or trial.stopped:
        return None
    return frozenset((d.span, d.code) for d in model_diagnostics(display, trial, settings, hint_sizes=False,
                                                                 pinned_sizes=False) if d.severity == "error")


TOO_SMALL = ("CL101", "CL102", "CL105")  # the errors of a map too small or of another size than written for


def _widths_run(display: str, model: ModelAnalysis, sizes: list, settings: Settings, before: dict) -> bool:
    """Whether the model, as edited now, runs clean at every trial size; or, for a symbolic input
    whose trial sizes are too small for it whatever the widths (a `view(-1, 32 * 8)` and pools
    sized for one input length), meets there none of the errors the model as it is meets, only a
    map too small or of another size than a layer is written for (the input's size, not given,
    is what such a finding asks of), while on the symbolic input itself the edited model meets no
    error (a Linear written for the old width refuses every size). `before` holds the unedited
    model's errors by size."""
    after = {size: _errors_met_at(display, model, size, settings) for size in sizes}
    if all(met == frozenset() for met in after.values()):
        return True
    if not before:
        return False  # (the model's own size: it runs clean or it does not)
    if not all(_only_its_size_refused(before.get(size), met) for size, met in after.items()):
        return False
    # on the symbolic input itself nothing fails: what the trial sizes met is of their size alone (a
    # Linear after MaxPool2d(8) fits 8 <= H < 16), not of the widths (a Linear(128) after a global pool)
    return _errors_met_at(display, model, model.input_shape.dims, settings) == frozenset()


def _only_its_size_refused(before: frozenset | None, met: frozenset | None) -> bool:
    """For _widths_run: the edited model meets, at a trial size, only errors of a map too small or
    of another size than written for, and none of the unedited model's width errors. Where the
    unedited model met such size errors there too (a head's `Linear(ch * 40)` fits one input length
    only), the edited one meets only those: the same size refused, the widths before it now agreeing."""
    if met is None or not before or not all(code in TOO_SMALL for _, code in met):
        return False
    sized = {error for error in before if error[1] in TOO_SMALL}
    if not sized:
        return not met & before
    return len(sized) < len(before) and met <= sized


def _errors_before(display: str, model: ModelAnalysis, sizes: list, settings: Settings, before: dict) -> dict:
    """`before` filled with the unedited model's errors at each trial size (once per model; for a
    symbolic input only, as only there _widths_run reads them)."""
    if model.input_shape is None or model.input_shape.dims is None \
            or all(is_known(d) for d in model.input_shape.dims):
        return before
    for size in sizes:
        if size not in before:
            before[size] = _errors_met_at(display, model, size, settings)
    return before


def _on_line(model: ModelAnalysis, span) -> list:
    """Every layer the model built from one line (each instance a trial edit of the line changes)."""
    return [node for node in model.constructed if node.span == span]


def _first_calls_by_label(model: ModelAnalysis) -> dict:
    """label -> the first call of the layer built under it: what it took, to follow a width back."""
    out = {}
    for call in model.calls:
        out.setdefault(call.node.label, call)
    return out


def _by_label(model: ModelAnalysis) -> dict:
    """label -> the layer the model built under it (the first, where one is built twice)."""
    out = {}
    for node in model.constructed:
        out.setdefault(node.label, node)
    return out


@contextmanager
def _records_restored(nodes: list):
    """The layers as they are now, put back when the block ends (a fix tried on them)."""
    records = [node.record for node in nodes]
    try:
        yield
    finally:
        for node, record in zip(nodes, records):
            node.record = record


@contextmanager
def _records_changed(nodes: list, update: dict):
    """The layers run with these arguments changed (a fix tried), then as they were."""
    with _records_restored(nodes):
        for node in nodes:
            node.record = node.record.model_copy(update=update)
        yield


@contextmanager
def _each_given_what_arrives(nodes: list, model: ModelAnalysis, argument: str, dim: int):
    """The layers run with `argument` set to the count each one's own first call got (the fix of
    reading another parameter, instance by instance), then as they were."""
    with _records_restored(nodes):
        for node in nodes:
            arriving = _arriving(model, node, dim)
            if arriving is not None:
                node.record = node.record.model_copy(update={argument: arriving})
        yield


def _at_the_stride(display: str, model: ModelAnalysis, found: list[Diagnostic], settings: Settings) -> list[Diagnostic]:
    """Blame the operation that is wrong: where a map of the wrong size breaks a later layer (a
    view, a Linear, an add) and exactly one conv or pool line whose stride stands out
    (_stride_suspects), given the stride it likely lacks, makes the model run clean at the same
    input (for a symbolic input: at 64 and 32 pixels, where it fails as found without it), the
    finding is reported at that layer, with the layer it broke as a related location."""
    from convlint.records import field_of

    sizes = _trial_sizes(model)
    if model.rerun is None or not sizes:
        return found
    # (a crop of numbers off by a few, `x + residual[:, :, self.k:]`, is the line to change: no
    # layer of the other path bent to fit it is)
    errors = {(d.span, d.code) for d in found if d.severity == "error" and not _at_a_crop(model, d)}
    if not errors:
        return found
    before: dict = {}  # where an add no input size runs is the finding: the model's errors at the sizes tried
    if len(sizes) > 1:  # a symbolic input: it must fail at those sizes where it was found failing
        met = [_errors_at(display, model, size, settings) for size in sizes]
        # (an add or cat that no input size runs, CL107, may be refused first at another such op at
        # those sizes: there it must fail somewhere, and the edit must clear every error)
        no_size_runs = all(met) and all(d.code == "CL107" for d in found if d.severity == "error")
        if no_size_runs:
            _errors_before(display, model, sizes, settings, before)
        failing = [size for size, at_size in zip(sizes, met) if errors & at_size]
        if not no_size_runs and failing and len(failing) < len(sizes) and _pinned_to_tiny_maps(model, errors):
            # (an add whose maps meet only once tiny, behind a /16 stem: at 32 pixels they still do; the
            # sizes it fails at are the ones the edit must make run)
            sizes = failing
        elif not no_size_runs and not all(errors & at_size for at_size in met):
            # or, what fails at every size but first elsewhere at those (a view of a decoder's output
            # as the input's size, where the bottleneck conv already refuses a 64-pixel map): the edit
            # must leave no error at any size
            sizes = [model.input_shape.dims]
            if not errors & _errors_at(display, model, sizes[0], settings):
                return found
    fixes, tried = [], set()
    window = _window_suspects(model)

    def runs() -> bool:  # the model as edited now meets none of its errors at the sizes tried
        # (with the add's paths agreeing, a map too small for the pools at the sizes tried is the
        # input size's to fix, where the model met no such error before the edit)
        return _widths_run(display, model, sizes, settings, before) if before \
            else all(_runs_clean(display, model, size, settings) for size in sizes)
    # the strides along the failing add's two paths only where no layer stands out among its peers
    # (read on a run at a size tried, where the input is symbolic: the ratio of two maps needs numbers)
    concrete = (lambda: model) if len(sizes) == 1 else (lambda: model.rerun(sizes[0]))
    # (a stride a caller passes, set back to 1, undoes the downsampling the caller asked for: tried
    # after the block's own paths, whose layer that lost its stride is the likelier edit)
    # (a count written at a Linear or view moves to an unpadded strided conv only where the code pads
    # that window elsewhere; a join one short of its skip, or a window a later layer refuses, has no
    # count of its own written by hand)
    counts_written = all(code in ("CL101", "CL102") for _, code in errors if code in SIZE_ERRORS)
    standing_out = window + _stride_suspects(model, padding_shown_dropped=counts_written)
    undoing = [s for s in standing_out if _undoes_a_callers_stride(*s)]
    first = [s for s in standing_out if not _undoes_a_callers_stride(*s)]
    for suspects in (_commented_suspects(model), first, lambda: _path_suspects(concrete(), found), undoing):
        for nodes, update, why in suspects() if callable(suspects) else suspects:
            edit = (frozenset(id(n) for n in nodes), tuple(update.items()))
            if edit in tried:
                continue  # one edit two rules suggest (an unpadded strided conv amid padded ones)
            if why.endswith(AT_EVERY_INSTANCE) and any(update == u and nodes[0].span == n.span for n, u, _ in fixes):
                continue  # (the failing instances' edit runs already)
            tried.add(edit)
            with _records_changed(nodes, update):
                if runs():
                    fixes.append((nodes[0], update, why))
        if fixes:
            break
    literal = [fix for fix in fixes if LITERAL_BESIDE_PARAMETER in fix[2] or LITERAL_IN_ITS_CALL in fix[2]]
    if len(fixes) > 1 and len(literal) == 1:
        # (a stride written as a number at a helper's call, beside the block's stride the other path
        # takes: that number is the edit, not the block's stride set back to fit it)
        fixes = literal
    if len(fixes) > 1:
        # (a block given a stride its constructor never reads: its layers that take that stride are
        # the edit, not the shortcut that honours it set back to 1)
        unread = {id(node): note for node, update, _ in fixes
                  if (note := _given_a_stride_its_block_ignores(model, node, update))}
        ignoring = [fix for fix in fixes if id(fix[0]) in unread]
        if ignoring:
            fixes = [(node, update, f"{why}; {unread[id(node)]}")
                     for node, update, why in _entering_layer(model, ignoring) or ignoring]
    if len(fixes) > 1:
        # (two convs of a path either of which given the stride makes it run: the one whose stride
        # is written out, `stride=1`, is the edit; one left at its default was never given one)
        written = [fix for fix in fixes if set(fix[1]) <= set(fix[0].written_at)]
        fixes = written if len(written) == 1 else _entering_layer(model, written or fixes) or fixes
    either = _either_path_of_the_cat(found, fixes, concrete, runs)
    if either is not None:
        return either
    if len(fixes) != 1:
        return found
    node, update, why = fixes[0]
    # a padding that differs from that of every conv like it: the edit that shrank the map, even where
    # a later conv's window is what no longer fits (DCGAN's `4, 2, 0` amid `4, 2, 1` convs)
    odd_padding = "padding" in update and any(n[0] is node and u == update for n, u, _ in window)
    (argument, value), = update.items()
    origin = node.arg_origins.get(argument)  # a stride the caller passes: where it is written
    # (a padding another call of the layer's line passes, left out by the call building this one: there)
    where = origin[0] if origin is not None else argument == "padding" and _the_call_leaving_it_out(
        model, node, argument) or _written_for_it_alone(model, node, argument)
    built_at = node.span
    if origin is None and where in (node.span, node.written_at.get(argument)) and _one_call_of_a_helper(model, node):
        where = built_at = node.via[-1]  # (the helper's line is right for its other calls: this call left it out)
    # (a finding already at a layer's written stride, `stride=1,` of a shortcut that lost the block's
    # stride, is that layer's: not moved to a caller's stride the trial would set back to 1; so is one
    # at the number a helper's call writes for it, `dw_conv(c, c, k, 1)` beside `dw_conv(..., stride)`)
    sliding = {n.span for n in model.constructed if field_of(n.record, "stride") is not None} \
        | {c.span for c in model.calls if c.node.functional and field_of(c.record, "stride") is not None} \
        | {n.written_at["stride"] for n in model.constructed if "stride" in n.written_at} \
        | {_origin_of(n, "stride") for n in model.constructed if _stride_written_by_a_caller(n)} \
        | {n.defaults_taken["stride"] for n in model.constructed if "stride" in n.defaults_taken}
    # the layer's own finding, where another call of its line passes the value it is given here
    # (`CBR(c, c, padding=0)` beside `CBR(c, c, padding=1)`): the call's argument, not the line
    passed_here = value in _passed_by_other_calls(node, model.constructed, argument, lambda other: True)
    # a stride that stands out among the layers of its kernel (`4, 4, 1` amid `4, 2, 1` convs): the
    # edit that shrank the map, where the window refused later is one other layers of the model share
    odd_stride = "stride" in update and why.startswith("every other")
    # (a strided conv's padding 0 is a design as much as 1 is, 7 -> 3 as 7 -> 4: where a Linear's count
    # is a C x H x W written by hand for the channels that arrive, that count is the likelier slip)
    strided_padding = odd_padding and any(s != 1 for s in node.record.stride)
    # (a stem conv that keeps the input's size, `Conv2d(3, 64, 3, stride=1, padding=1)` before the
    # stride-2 convs, is a design as much as a stride-2 stem is: where a Linear's count is a C x H x W
    # written by hand, that count is the one literal to change; the stride is said beside it)
    stem_stride = odd_stride and all(s == 1 for s in node.record.stride) and model.input is not None \
        and any(c.node is node and c.input is model.input for c in model.calls)
    moved = []
    for d in found:
        if strided_padding and _counted_by_hand(model, d):
            moved.append(d)
            continue
        if stem_stride and (d.span, d.code) in errors and _counted_by_hand(model, d):
            note = f"or {node.label} on line {built_at.line} given {argument}={value[0]} makes it run ({why})"
            moved.append(replace(d, message=_qualified(d.message, note)))
            continue
        # (a window refused at a conv, reported where its kernel is written, is still the conv's: _at_the_kernel)
        at_a_layer = d.span in sliding or d.code == "CL105" and bool(d.related) and d.related[0] in sliding
        shared_window = d.code == "CL105" and odd_stride and _window_shared(model, d)
        if (d.span, d.code) not in errors or d.code not in SIZE_ERRORS or d.span == where \
                or at_a_layer and not (odd_padding and d.code == "CL105") and not shared_window \
                and not (passed_here and d.span == node.span):
            moved.append(d)  # (one already at a conv or pool: a shortcut's pool that lost its stride)
            continue
        note = f"and {node.label} on line {built_at.line} given {argument}={value[0]} makes it run ({why})"
        moved.append(replace(d, path=where.file or display, span=where, message=_qualified(d.message, note),
                             related=(d.span, *d.related), layer=node.label))
    return moved


MAX_EITHER_PATH_TRIALS = 6  # rebuilds by _either_path_of_the_cat, each one stride edited


def _either_path_of_the_cat(found: list[Diagnostic], fixes: list, concrete, runs) -> list[Diagnostic] | None:
    """A cat of two paths that scale the size differently, where the stride edit the trials found
    on the operands' paths (_path_suspects: an operand k times smaller or larger than the other)
    makes it run, and so does another layer of those paths given the stride that undoes the
    difference: a PAN's stride-1 down conv beside the stride-2 conv of the level it joins, a
    decoder's stride-1 ConvTranspose2d after a stride-2 encoder conv. Of those whose stride is
    written out, where there are any, exactly two: the shapes cannot tell which was edited, so the
    finding stays at the cat and names both (their lines related), not one of them, which is
    wrong where the other was the edit. None where the trials' edit stands alone."""
    from convlint.checks.sizes import operand_paths
    from convlint.records import ConvRecord, PoolRecord

    if not 1 <= len(fixes) <= 2 or not all(why.endswith((" times smaller", " times larger")) for *_, why in fixes):
        return None  # (a stride that stands out among the model's layers is evidence of its own)
    concrete = concrete()  # (the model run at a size tried, where the input is symbolic)
    failing = {d.span for d in found if d.code == "CL107" and d.severity == "error"}
    op = next((o for o in concrete.ops if o.problem and o.span in failing and o.op in CAT_OPS
               and len(o.operands) == 2), None)
    pair = _odd_operand(op) if op is not None else None
    paths = operand_paths(concrete.calls, concrete.ops, op) if pair is not None else None
    ratio = _spatial_ratio(pair[0].shape.dims, pair[1].shape.dims) if pair is not None else None
    if paths is None or ratio is None or not ratio[1]:
        return None
    k = ratio[0]
    small = 0 if op.operands[0] is pair[0] else 1
    candidates = []  # (node, the edit): each layer of the paths given the stride that undoes k
    for index, path in enumerate(paths):
        for call in path:
            record = call.record
            if call.node.assigned & WINDOW_ATTRIBUTES or not isinstance(record, (ConvRecord, PoolRecord)) \
                    or not all(is_known(s) for s in record.stride) or any(c[0] is call.node for c in candidates):
                continue
            # (a transposed conv scales up: on the smaller path it takes k times the stride, with the
            # output_padding that keeps the size exact)
            raise_it = (index == small) == bool(getattr(record, "transposed", False))
            if raise_it:
                update = {"stride": tuple(s * k for s in record.stride)}
            elif all(s % k == 0 for s in record.stride):
                update = {"stride": tuple(s // k for s in record.stride)}
            else:
                continue
            if getattr(record, "transposed", False):
                extra = _output_padding_exact(record, update["stride"])
                if extra is None:
                    continue
                if any(extra):
                    update["output_padding"] = extra
            candidates.append((call.node, update))
    found_edits = {(id(node), tuple(update.items())) for node, update, _ in fixes}
    if not found_edits <= {(id(node), tuple(update.items())) for node, update in candidates} \
            or len(candidates) > MAX_EITHER_PATH_TRIALS:
        return None
    running = []
    for node, update in candidates:
        same_line = [n for n in concrete.constructed if n.span == node.span and n.record == node.record] or [node]
        if (id(node), tuple(update.items())) not in found_edits:
            with _records_changed(same_line, update):
                if not runs():
                    continue
        running.append((node, update))
    written = [(node, update) for node, update in running if "stride" in node.written_at]
    running = written or running
    if len(running) != 2 or not found_edits <= {(id(node), tuple(update.items())) for node, update in running}:
        return None  # (one layer alone runs it, or one alone has its stride written: the trials' edit stands)

    def given(update: dict) -> str:
        return ", ".join(f"{name}={value[0] if len(set(value)) == 1 else value}" for name, value in update.items())

    named = " or ".join(f"{node.label} on line {node.span.line} given {given(update)}" for node, update in running)
    note = f"and either {named} makes it run (the shapes do not tell which of the two was edited)"
    fix = " or ".join(f"give {node.label} {given(update)} (line {node.span.line})" for node, update in running)
    fix = f"{fix[0].upper()}{fix[1:]}, whichever is the one meant to change: both operands of {op.op} then have the same size"
    return [replace(d, message=_qualified(d.message, note), fix=fix,
                    related=(*d.related, *(node.span for node, _ in running)))
            if d.code == "CL107" and d.span == op.span and d.severity == "error" else d for d in found]


def _output_padding_exact(record, stride: tuple) -> tuple | None:
    """The output_padding with which a transposed conv of `stride` gives exactly stride times its
    input's size; None where none does."""
    from convlint.checks.sizes import PROBE

    extra = []
    for k, s, p, d in zip(record.kernel_size, stride, record.padding, record.dilation):
        fits = [e for e in range(max(s, d)) if (PROBE - 1) * s - 2 * p + d * (k - 1) + e + 1 == PROBE * s] \
            if all(is_known(v) for v in (k, p, d)) and isinstance(p, int) else []
        if not fits:
            return None
        extra.append(fits[0])
    return tuple(extra)


MAX_SPATIAL_ARGUMENT_TRIALS = 4  # rebuilds per model by _at_the_spatial_argument, each one argument edited
SPATIAL_ARGUMENTS = ("padding", "stride", "kernel_size", "dilation")  # what sets the sides a layer gives


def _at_a_crop(model: ModelAnalysis, d: Diagnostic) -> bool:
    """Whether a CL107 finding is at the slice of numbers that cropped one operand of its add or
    cat a few short or long (CL107's "cut" variant): that bound is what the user changes, unless a
    call's argument the crop follows is (_at_the_spatial_argument)."""
    return d.code == "CL107" and any(_cut_at(o, d.span) for o in model.ops)


def _cut_at(op, span: Span) -> bool:
    """Whether an operand of the op was cropped by the slice written at `span` (SliceCut)."""
    return any(op.operands[i].cut.span == span for i in op.detail.get("cut_here", ()))


def _at_the_spatial_argument(display: str, model: ModelAnalysis, found: list[Diagnostic], settings: Settings,
                             unmoved: set[int]) -> list[Diagnostic]:
    """An add or cat whose maps differ in their sides, where a block's call passed the wrong
    padding, stride, kernel or dilation down to a layer of one path (`UpConv(64, 32, 3, 1, 0)` of a
    decoder whose ConvLayer pads by its `padding`, beside `UpConv(..., 3, 1, 1)`; `padding + 1`
    written at one of a residual block's two calls of its conv wrapper): the value written at that
    call stands out among those the other calls of the layer's line pass, and the model built again
    with that call giving one of theirs runs clean, no other such edit doing so. The call's
    argument is the line to change, not the combine nor the shared line inside the block (right
    for every other call): reported there, both related. `unmoved`: ids of the findings no earlier
    step placed."""
    if model.edited_run is None:
        return found
    out, trials, placed = [], {}, set()
    for d in found:
        moved = _the_spatial_argument_that_fixes(display, model, d, settings, trials) \
            if id(d) in unmoved and d.code == "CL107" and d.severity == "error" else None
        if moved is not None and (moved.path, moved.span) in placed:
            continue  # (a later instance of the block, fed the map the first one broke: one edit, one report)
        if moved is not None:
            placed.add((moved.path, moved.span))
        out.append(d if moved is None else moved)
    return out


def _the_spatial_argument_that_fixes(display: str, model: ModelAnalysis, d: Diagnostic, settings: Settings,
                                     trials: dict) -> Diagnostic | None:
    """For _at_the_spatial_argument: the finding moved to the one call argument whose edit runs the
    model clean, or None. `trials` keeps the rebuilds made ({(span, value): runs clean})."""
    from convlint.records import ConvRecord, PadRecord, PoolRecord, field_of

    at_layer = bool(d.layer) and any(n.label == d.layer and n.span == d.span for n in model.constructed)
    spans = {*d.related[:1]} if at_layer else {d.span} if not d.layer else set()
    joins = [o for o in model.ops if (o.span in spans or _cut_at(o, d.span)) and _sides_differ(o)]
    # (a layer blamed for one instance of a block's add: that instance's, not the first one's)
    op = next((o for o in joins if any(t.producer == d.layer for t in o.operands)), None) if at_layer else None
    op = op or next(iter(joins), None)
    if op is None:
        return None  # (a batch or channel mismatch: widths are traced by the width steps)
    passed = {span for n in model.constructed for span in n.arguments_written.values()}  # what a trial can edit
    suspects = {}
    for call in model.calls:
        node = call.node
        if call.start >= op.start or not isinstance(node.record, (ConvRecord, PadRecord, PoolRecord)):
            continue
        for argument in SPATIAL_ARGUMENTS:
            at = _origin_of(node, argument)
            value = _one_value(field_of(node.record, argument))
            if at is None and argument == "padding" and value is not None:
                # a causal conv's padding bound in its wrapper (`self.pad = (k - 1) * dilation + 1`,
                # read by the conv and by the crop in forward): that binding, given (k - 1) * d
                bound = node.written_at.get(argument)
                causal = _causal_bindings(model, bound) if bound is not None and not _within_span(bound, node.span) \
                    and _trims_its_padding(model, call) else None
                if causal is not None:
                    suspects.setdefault((bound, causal), (node, argument, value, None))
                elif (keeping := _padding_keeping_the_sides(call)) is not None and bound is not None \
                        and _within_span(bound, node.span):
                    # a stride-1 window written with a padding that shortens the map (an Inception
                    # branch's MaxPool1d(3, stride=1, padding=0) beside 'same' convs): the padding that keeps it
                    suspects.setdefault((bound, keeping), (node, argument, value, SAME_SIDES))
                continue
            if at is None or at not in passed or value is None:
                continue
            # the values the other calls of the layer's line pass, each from where it writes its own, to
            # a layer otherwise alike (a conv of the same kernel: a 7x7 stem's padding 3 says nothing of a 3x3's)
            theirs = {_one_value(field_of(n.record, argument)) for n in model.constructed
                      if n.span == node.span and type(n.record) is type(node.record)
                      and _origin_of(n, argument) not in (None, at)
                      and all(field_of(n.record, other) == field_of(node.record, other)
                              for other in SPATIAL_ARGUMENTS if other != argument)} - {None}
            if value in theirs or at_layer and (argument != "padding" or node.label.rpartition(".")[0]
                                                 != d.layer.rpartition(".")[0]):
                # (a value another call passes does not stand out; a layer blamed for its padding is
                # one only the padding of its own block, or of the pad before it, explains)
                continue
            for wanted in sorted(theirs):
                if argument == "stride" and wanted < value:
                    continue  # (a stride a call asks for, taken away, undoes the downsampling it wants)
                suspects.setdefault((at, wanted), (node, argument, value, theirs))
            if argument == "padding" and not theirs and _within_span(at, node.span) \
                    and (keeping := _padding_keeping_the_sides(call)) is not None:
                # a padding written in the call of a wrapper that hands it to its conv (an XNOR conv
                # subclass's `XnorConv(c, c, 3, padding=0)`): as one written in the conv's own call
                suspects.setdefault((at, keeping), (node, argument, value, SAME_SIDES))
            # a causal conv's padding the call passes, trimmed again by the crop after the conv (a
            # TCN's `padding=(k - 1) * d + 1` given to its Conv1d and its Chomp1d), with no other call
            # to compare: the padding that keeps the map, (k - 1) * d, tried at each block the call builds
            causal = _causal_paddings(model, at) if argument == "padding" and not theirs \
                and _trims_its_padding(model, call) else None
            if causal is not None:
                suspects.setdefault((at, causal), (node, argument, value, None))
    if not suspects or len(suspects) > MAX_SPATIAL_ARGUMENT_TRIALS:
        return None
    fixing = []
    for (at, wanted), suspect in suspects.items():
        if (at, wanted) not in trials:
            trials[(at, wanted)] = _joins_alike_edited(display, model, {at: wanted}, settings, op.span)
        if trials[(at, wanted)]:
            fixing.append((at, wanted, *suspect))
    if len(fixing) != 1:
        return None
    (at, wanted, node, argument, value, theirs), = fixing
    block = next((n for n in model.constructed if at in n.arguments_written.values()), None)
    name = next((key for key, span in block.arguments_written.items() if span == at), argument) \
        if block is not None else argument
    bound = block is None and node.written_at.get(argument) == at
    built = f"{block.label} is built with {name}={value} on line {at.line}" if block is not None \
        else f"line {at.line} computes the {argument} {value}" if bound else f"line {at.line} passes {argument} {value}"
    whom = block.label if block is not None else node.label
    if theirs is SAME_SIDES:
        note = (f"and {node.label} (line {node.span.line}) pads by {value} at stride 1, so that its window "
                f"shortens the map its path brings: given padding={wanted} there the model runs")
        fix = (f"Give {node.label} padding={wanted}, (kernel_size - 1) // 2 * dilation, so that it keeps the "
               f"map's size and both maps of {op.op} on line {op.span.line} agree")
    elif theirs is None:  # (a causal padding, each block given its own)
        each = _listed_plain(list(dict.fromkeys(str(w) for w in wanted)))
        note = (f"and {built}, which {node.label} (line {node.span.line}) pads by and the crop after it cuts off "
                f"again, where a causal conv keeps the map at (kernel_size - 1) * dilation: given {each} there "
                f"the model runs")
        fix = (f"{'Compute' if bound else 'Pass'} {name}" + (" as" if bound else "=")
               + f" (kernel_size - 1) * dilation ({each} here), what the crop after the conv cuts off, "
               f"so that both maps of {op.op} on line {op.span.line} agree")
    else:
        note = (f"and {built}, where the other calls building {node.label}'s line (line {node.span.line}) pass "
                f"{_listed_plain([str(v) for v in sorted(theirs)])}: given {wanted} there the model runs")
        fix = f"Give {whom} {name}={wanted}, so that both maps of {op.op} on line {op.span.line} agree"
    return replace(d, path=at.file or display, span=at, message=_qualified(d.message, note), layer=node.label,
                   fix=fix,
                   related=tuple(dict.fromkeys((op.span, node.span, *(r for r in (d.span, *d.related) if r != at)))),
                   via=tuple(s for s in node.via if s.line != at.line or s.file != at.file))


SAME_SIDES = "same"  # a suspect padding of _the_spatial_argument_that_fixes: the one keeping the map's sides


def _padding_keeping_the_sides(call) -> int | None:
    """The padding, (kernel_size - 1) // 2 * dilation, that makes a stride-1 conv or pool of an odd
    kernel keep its input's sides, where the padding it was given (one int for every side) shortens
    them; None otherwise."""
    from convlint.records import ConvRecord, PoolRecord, field_of

    record = call.record
    if not isinstance(record, (ConvRecord, PoolRecord)) or field_of(record, "transposed", False):
        return None
    kernel, dilation = _one_value(field_of(record, "kernel_size")), _one_value(field_of(record, "dilation", 1))
    stride, padding = _one_value(field_of(record, "stride")), _one_value(field_of(record, "padding"))
    if None in (kernel, dilation, stride, padding) or stride != 1 or kernel % 2 == 0 \
            or field_of(record, "ceil_mode", False) is not False:
        return None
    keeping = (kernel - 1) // 2 * dilation
    sides_in, sides_out = call.input.shape.dims, call.output.shape.dims
    if keeping <= padding or sides_in is None or sides_out is None or len(sides_in) != len(sides_out) \
            or len(sides_in) < 3 or sides_in[2:] == sides_out[2:]:
        return None
    return keeping


def _trims_its_padding(model: ModelAnalysis, call) -> bool:
    """Whether a stride-1 conv's output is cropped right after by exactly its padding along each
    padded side (Chomp1d(padding) after Conv1d(..., padding=padding)): a causal conv."""
    from convlint.checks.windows import trimmed_after
    from convlint.records import ConvRecord

    record = call.record
    if not isinstance(record, ConvRecord) or record.transposed or not isinstance(record.padding, tuple) \
            or any(s != 1 for s in record.stride):
        return False
    gaps = trimmed_after(model, call)
    return gaps is not None and len(gaps) == len(record.padding) and gaps == record.padding


def _within_span(inner: Span, outer: Span) -> bool:
    return inner.file == outer.file and (outer.line, outer.column) <= (inner.line, inner.column) \
        and (inner.end_line, inner.end_column) <= (outer.end_line, outer.end_column)


def _causal_bindings(model: ModelAnalysis, bound: Span):
    """For _the_spatial_argument_that_fixes: the trial edit (EachBuilt) giving the padding bound at
    `bound` (`self.pad = ...` in a causal conv wrapper's constructor, evaluated once per instance)
    (kernel_size - 1) * dilation of the conv that reads it, in the order built; None where a conv
    reading it is not one kernel and dilation, or an instance builds more than one."""
    from convlint.model import EachBuilt
    from convlint.records import ConvRecord

    convs = sorted((n for n in model.constructed if n.written_at.get("padding") == bound), key=lambda n: n.made)
    if not convs or not all(isinstance(n.record, ConvRecord) for n in convs) \
            or len({n.label.rpartition(".")[0] for n in convs}) != len(convs):
        return None
    wanted = []
    for n in convs:
        kernel, dilation = _one_value(n.record.kernel_size), _one_value(n.record.dilation)
        if kernel is None or dilation is None:
            return None
        wanted.append((kernel - 1) * dilation)
    return EachBuilt(wanted)


def _causal_paddings(model: ModelAnalysis, at: Span):
    """For _the_spatial_argument_that_fixes: the trial edit (EachBuilt) giving the padding written at
    `at` (a block's call argument) (kernel_size - 1) * dilation of the convs it pads in each block
    that call builds, in the order built; None where a block's convs want different paddings, or
    the blocks cannot be told."""
    from convlint.model import EachBuilt
    from convlint.records import ConvRecord

    convs = [n for n in model.constructed if isinstance(n.record, ConvRecord) and _origin_of(n, "padding") == at]
    blocks = sorted((n for n in model.constructed if n.cls is not None and n.path
                     and at in n.arguments_written.values()), key=lambda n: n.made)
    wanted = []
    for block in blocks:
        reaches = {(_one_value(n.record.kernel_size), _one_value(n.record.dilation))
                   for n in convs if n.path.startswith(block.path + ".")}
        if len(reaches) != 1 or None in next(iter(reaches)):
            return None
        (kernel, dilation), = reaches
        wanted.append((kernel - 1) * dilation)
    return EachBuilt(wanted) if wanted else None


def _joins_alike_edited(display: str, model: ModelAnalysis, edits: dict, settings: Settings, span: Span) -> bool:
    """Whether the model built again with a trial edit runs with no error and every add or cat at
    `span` joins maps of the same sides, whatever the input's (one that runs at a few sizes only
    is not refused on a symbolic run: the sides, not the absence of an error, tell)."""
    trial = model.edited_run(edits)
    joins = [o for o in trial.ops if o.span == span]
    return not (trial.internal_error or trial.stopped) and bool(trial.calls) and bool(joins) \
        and all(not o.problem and _sides_agree(o) for o in joins) and not any(
            f.severity == "error" for f in model_diagnostics(display, trial, settings, hint_sizes=False,
                                                             pinned_sizes=False))


SIDES_OF_USE = (2048, 3072)  # input sides every stride and scale of a network divides: where its joins meet


def _spatial_sides(op) -> list[list]:
    """Per spatial dim of an add or cat's operands (not the batch, not the channels, not the dim a
    cat joins along), the sides each operand has there; [] where the operands' ranks are not known."""
    if len(op.operands) < 2 or any(t.shape.dims is None for t in op.operands) \
            or len({len(t.shape.dims) for t in op.operands}) != 1 or len(op.operands[0].shape.dims) < 3:
        return []
    rank = len(op.operands[0].shape.dims)
    joined = op.detail.get("dim") if op.op in CAT_OPS else None
    joined = joined % rank if isinstance(joined, int) else None
    return [[t.shape.dims[i] for t in op.operands] for i in range(2, rank) if i != joined]


def _sides_differ(op) -> bool:
    """Whether an add or cat joins maps whose spatial sides are written differently."""
    return any(len({str(side) for side in sides}) > 1 for sides in _spatial_sides(op))


def _sides_agree(op) -> bool:
    """Whether an add or cat joins maps of the same spatial sides, as written or at input sides of
    real use (H/2 and 2*(H/4) of a U-Net's skip and its upsampled map)."""
    per_dim = _spatial_sides(op)
    return bool(per_dim) and all(
        len({str(side) for side in sides}) == 1
        or all(None not in (at := {symbolic.evaluate(side, value) for side in sides}) and len(at) == 1
               for value in SIDES_OF_USE) for sides in per_dim)


def _one_value(value) -> int | None:
    """The int an argument was given, where the layer holds it once per side (`padding=1` read as
    (1, 1), a pad's (1, 1, 1, 1)); None for a tuple of several values, a string or an unknown."""
    values = value if isinstance(value, tuple) else (value,)
    if not values or not all(type(v) is int for v in values) or len(set(values)) != 1:
        return None
    return values[0]


def _one_call_of_a_helper(model: ModelAnalysis, node) -> bool:
    """Whether the layer's line is a helper's (`def conv3x3(...)`) that another call, in the same
    block instance, also runs: `conv3x3(inplanes, planes)` beside `conv3x3(planes, planes)`."""
    parent = node.label.rpartition(".")[0]
    return bool(node.via) and any(n.span == node.span and n.via[:-1] == node.via[:-1] and n.via[-1:] != node.via[-1:]
                                  and n.label.rpartition(".")[0] == parent for n in model.constructed if n.via)


STRIDE_PARAMETERS = ("stride", "strides")


def _blocks_holding(model: ModelAnalysis, node, site=None):
    """Each block of the project holding the layer `node` (built at `site`, where given), with its
    __init__ and the arguments its call gave, by parameter name."""
    from convlint.evaluator.objects import LocalFunction

    for block in model.constructed:
        # (an F.conv2d a block's forward runs is named by the call alone: the block built at `site` holds it)
        if block.cls is None or not block.path or block.constructed_with is None \
                or not (node.label.startswith(block.path + ".") or node.functional and site is not None) \
                or site is not None and block.span != site:
            continue
        init = block.cls.lookup("__init__")
        if isinstance(init, LocalFunction):
            args, kwargs = block.constructed_with
            yield block, init, dict(zip(init.parameter_names()[1:], args)) | dict(kwargs)


def _given_a_stride_its_block_ignores(model: ModelAnalysis, node, update: dict) -> str | None:
    """Whether the edit raises the stride of a layer inside a block whose call gives the block
    that very stride for a parameter its constructor never reads (`Block(64, 128, 2, down)` of an
    `__init__(self, inplanes, planes, stride=1, downsample=None)` whose conv lost `stride=stride`):
    the note saying so, or None."""
    stride = update.get("stride")
    if not stride or any(s <= o for s, o in zip(stride, node.record.stride)):
        return None
    for block, init, given in _blocks_holding(model, node):
        for name in init.unread_parameters() & set(STRIDE_PARAMETERS) & set(block.arguments_written):
            value = given.get(name)
            if (value,) * len(stride) == tuple(stride) or value == tuple(stride):
                return f"{block.label} is given {name}={stride[0]} on line {block.arguments_written[name].line}, " \
                       f"which its __init__ never reads"
    return None


def _entering_layer(model: ModelAnalysis, fixes: list) -> list:
    """Of several layers of one path, each of which given the stride the other path of an add
    applies makes the model run (a pre-activation block's conv1 and conv2, both `stride=1`, beside
    a `stride=stride` shortcut), the one the block downsamples with on entering: the first called
    whose kernel covers the stride (ResNet's conv1; the bottleneck's 3x3, not its 1x1 reduction,
    which at stride 2 would skip three pixels in four). [] where the fixes are not all that edit,
    or no such layer is among them."""
    updates = {tuple(update.items()) for _, update, _ in fixes}
    if len(updates) != 1 or not all(why.endswith(" times smaller") for *_, why in fixes):
        return []  # (only strides raised to the other path's: _path_suspects)
    (argument, stride), = updates.pop()
    order = {id(call.node): call.start for call in model.calls}
    covering = [fix for fix in fixes if id(fix[0]) in order
                and all(is_known(k) and k >= s for k, s in zip(fix[0].record.kernel_size, stride))]
    if argument != "stride" or not covering:
        return []
    node, update, why = min(covering, key=lambda fix: order[id(fix[0])])
    return [(node, update, f"{why}, and it is the first layer of its path whose kernel covers the stride")]


def _window_shared(model: ModelAnalysis, diagnostic: Diagnostic) -> bool:
    """The layer refusing its window has a kernel another layer of its kind on another line has too
    (a critic's head conv of kernel 4 after 4-wide strided convs): not a kernel someone enlarged."""
    from convlint.records import field_of

    spans = {diagnostic.span, *diagnostic.related[:1]}
    refused = [n for n in model.constructed if n.span in spans and field_of(n.record, "kernel_size") is not None]
    return bool(refused) and all(any(type(other.record) is type(n.record) and other.span != n.span
                                     and field_of(other.record, "kernel_size") == n.record.kernel_size
                                     for other in model.constructed) for n in refused)


def _at_the_final_pool(display: str, model: ModelAnalysis, found: list[Diagnostic]) -> list[Diagnostic]:
    """A Linear that takes exactly the channels of the map, fed C x 2 x 2 by a pool whose window
    is smaller than the map it pools (`F.avg_pool2d(out, 2)` of 512 x 4 x 4, where `4` pools a
    CIFAR ResNet to 1 x 1): the pool is what to change, the Linear fits a pooled-to-1 map; so too
    where squeeze() of the pooled map (`torch.squeeze(F.avg_pool2d(out, 4))`) hands it C x 2 x 2. A
    depthwise conv used as that pool (MobileFaceNet's global depthwise conv, kernel 7 on a 7 x 7
    map, before Flatten and Linear(512)) likewise: its kernel is what to change."""
    from convlint.records import ConvRecord, LinearRecord, PoolRecord

    def pooling(record) -> bool:
        if isinstance(record, PoolRecord):
            return True
        # a depthwise conv, unpadded and undilated, each channel read alone as a pool reads it
        return isinstance(record, ConvRecord) and not record.transposed and is_known(record.in_channels) \
            and record.groups == record.in_channels == record.out_channels and record.padding != "same" \
            and all(d == 1 for d in record.dilation)

    out = []
    for d in found:
        call = next((c for c in model.calls if d.code == "CL101" and d.severity == "error" and c.node.label == d.layer
                     and isinstance(c.record, LinearRecord)), None)
        merged = call.input.merged if call is not None else None
        dims = call.input.shape.dims if call is not None else None
        if not merged and call is not None and call.input.squeezed and dims is not None and len(dims) > 2:
            merged = tuple(dims[1:])  # (squeeze() kept the pooled sides: a 1 x 1 map would have gone)
        if not merged or len(merged) < 2 or not all(is_known(f) for f in merged) \
                or merged[0] != call.record.in_features or math.prod(merged[1:]) == 1:
            out.append(d)
            continue
        pool = next((c for c in reversed(model.calls) if c.start < call.start and pooling(c.record)
                     and c.output.shape.dims and tuple(c.output.shape.dims[1:]) == tuple(merged)), None)
        sides = pool.input.shape.dims[2:] if pool is not None else ()
        if pool is None or not sides or not all(is_known(s) for s in sides) or getattr(pool.record, "op", "") == "lp" \
                or any(p for p in pool.record.padding) or tuple(sides) == tuple(pool.record.kernel_size) \
                or any(k == 1 for k in pool.record.kernel_size):  # (an AvgPool2d(1) kept as a no-op pools nothing)
            out.append(d)
            continue
        where = pool.span if pool.node.functional else _written_for_it_alone(model, pool.node, "kernel_size")
        origin = _origin_of(pool.node, "kernel_size")
        if origin is not None and not pool.node.functional and not any(
                other is not pool.node and _origin_of(other, "kernel_size") == origin for other in model.constructed):
            where = origin  # (`LinearBlock(512, 512, kernel=(7, 7), groups=512)`: the kernel its caller wrote)
        kernel = " x ".join(str(s) for s in sides)
        window = "window" if isinstance(pool.record, PoolRecord) else "kernel"
        note = (f"and {pool.node.label} pools its {kernel} map with a {window} of "
                f"{' x '.join(str(k) for k in pool.record.kernel_size)}: a {window} of {kernel} pools it to 1 x 1, "
                f"the {merged[0]} features {d.layer} takes")
        fix = (f"Pool the whole map: a window of {kernel}, or nn.AdaptiveAvgPool2d(1)" if window == "window" else
               f"Read the whole map: a kernel of {kernel}") + (f"; or {d.fix[0].lower()}{d.fix[1:]}" if d.fix else "")
        out.append(replace(d, path=where.file or display, span=where, message=_qualified(d.message, note),
                           related=(d.span, *d.related), fix=fix))
    return out


def _at_the_stated_side(display: str, model: ModelAnalysis, found: list[Diagnostic]) -> list[Diagnostic]:
    """A Linear whose count reads a side computed from the input-size parameter (`self.f_size =
    img_size // 2**(n_layers - 1)`, then `C * self.f_size * self.f_size`), fed a map of C x s x s
    where that side is not s: the line computing the side is what to change, the count is right
    given the side the map reaches."""
    from convlint.evaluator.objects import LocalClass
    from convlint.records import LinearRecord
    from convlint.source.size_parameters import imported_helpers, sides_read, size_parameters

    cls = model.root.cls if model.root is not None else None
    parsed = getattr(getattr(cls, "scope", None), "parsed", None)
    if not isinstance(cls, LocalClass) or parsed is None:
        return found
    try:
        imported = imported_helpers(cls.scope)
        reads = [read for parameter in size_parameters(cls.node, parsed.module, imported)
                 for read in sides_read(cls.node, parsed.module, parameter, imported)]
    except RecursionError:
        return found
    out = []
    for d in found:
        call = next((c for c in model.calls if d.code == "CL101" and d.severity == "error" and c.node.label == d.layer
                     and isinstance(c.record, LinearRecord)), None)
        moved = _the_side_line(model, d, call, reads, parsed) if call is not None else None
        if moved is None:
            out.append(d)
            continue
        where, name, value, side = moved
        note = (f"and {name} = {value} on line {where.line} is not the side {side} the map reaches: "
                f"given {side}, {d.layer} takes what arrives")
        out.append(replace(d, path=where.file or display, span=where, message=_qualified(d.message, note),
                           related=(d.span, *d.related), fix=f"Compute {name} as the side the map reaches, {side}"
                           + (f"; or {d.fix[0].lower()}{d.fix[1:]}" if d.fix else "")))
    return out


def _the_side_line(model: ModelAnalysis, d: Diagnostic, call, reads: list, parsed) -> tuple | None:
    """(the span assigning the side, its name, its value, the side wanted) for the one side name the
    failing Linear's count reads whose value, replaced by the side of a map that reaches it (of the
    channels the count keeps), gives exactly the features that arrive; None otherwise."""
    if not call.input.shape.dims:  # a rank not known (what a Linear gave a backbone's output not followed)
        return None
    arriving, expected = call.input.shape.dims[-1], call.record.in_features
    if not is_known(arriving) or not is_known(expected) or arriving == expected:
        return None
    from convlint.evaluator.objects import LocalFunction

    init = model.root.cls.lookup("__init__")
    body = parsed.resolve(init.node) if isinstance(init, LocalFunction) \
        and getattr(init.scope, "parsed", None) is parsed else None
    names = {}  # __init__'s locals, as the layers it built last saw them (a local side: `ds = img_size // 16`)
    for node in model.constructed if body is not None else ():
        if body.line <= node.span.line <= body.end_line and not node.span.file:
            names.update(node.names_at_build)
    found = []
    for node, name, times, assignment in reads:
        written = parsed.resolve(node)
        if not written.line <= d.span.line <= written.end_line:
            continue
        value = model.root.attrs.get(name, names.get(name))
        if not isinstance(value, int) or isinstance(value, bool) or value < 1 or expected % value ** times:
            continue
        rest = expected // value ** times
        maps = {c.output.shape.dims[2:] for c in model.calls if c.start < call.start and c.output.shape.dims
                and len(c.output.shape.dims) == 2 + times and c.output.shape.dims[1] == rest}
        sides = {dims[0] for dims in maps if all(is_known(s) and s == dims[0] for s in dims)
                 and rest * dims[0] ** times == arriving and dims[0] != value}
        if len(sides) == 1:
            found.append((parsed.resolve(assignment), name, value, sides.pop()))
    return found[0] if len(found) == 1 else None


def _counted_once(block: ModelAnalysis) -> ModelAnalysis | None:
    """A block checked on its own, or where its loops count an argument its models pass
    (`for _ in range(self.num_residual_unit)`), the block built with them run once (None where
    that build does not run)."""
    return block if block.counted_once_run is None else block.counted_once_run()


def _first_layer_past_any_channels(block: ModelAnalysis) -> bool:
    """Whether the layer that chose a block's input channels (ReflectionPad2d(1) then Conv2d(dim, dim, 3))
    runs on the input as it came, past layers that take any channels only (pads, pools, activations,
    dropout): what it reads is what the block's callers are told to pass, as where it is the first."""
    from convlint.records import (AdaptivePoolRecord, ContainerRecord, ConvRecord, ElementwiseRecord, ModelRecord,
                                  NormRecord, PadRecord, PoolRecord)

    dims = block.input.shape.dims if block.input is not None else None
    for call in sorted(block.calls, key=lambda c: c.start):
        if isinstance(call.record, (ContainerRecord, ModelRecord)):
            continue  # (the block itself, a Sequential around its layers)
        if isinstance(call.record, (PadRecord, PoolRecord, AdaptivePoolRecord, ElementwiseRecord)):
            continue
        seen = call.input.shape.dims
        return isinstance(call.record, (ConvRecord, NormRecord)) and not call.speculative and bool(dims) \
            and bool(seen) and len(seen) == len(dims) and seen[1] == dims[1]
    return False


def _at_the_call_site(display: str, model: ModelAnalysis, found: list[Diagnostic], nodes: dict,
                      siblings: list[ModelAnalysis] = (), settings: Settings | None = None) -> list[Diagnostic]:
    """A layer given a wrong count by its caller (`Fire(96, 16, 64, 64)` where 128 channels
    arrive) is reported where the count is written, when another instance of the same block
    gets exactly the count it asks for, in this model or another of the file (SAGAN's Generator
    and Discriminator share Self_Attn), or the block is built by a helper in another file: then
    the block's own code is not what is wrong. Unless
    the count that arrives is another argument of the same calls (`conv_bn(16, 32)` building
    BatchNorm2d(cin) after a conv to cout): then the block reads the wrong parameter."""

    # (a block checked on its own whose input's channels a layer deep in it chose is no witness, unless
    # that layer is its first but for layers that take any channels, as a block starting with a conv
    # is; one whose loops count an argument is seen with them run once: the count unknown, its loop is
    # not followed)
    witnesses = [w for w in map(_counted_once, siblings)
                 if w is not None and (not w.channels_inferred or _first_layer_past_any_channels(w))]

    def fits(call, argument: str, dim: int) -> bool:
        wanted = getattr(call.record, argument, None)  # the record it ran: a lazy layer sized, an F.conv's own
        return _checked(call, dim) and call.input.shape.dims[dim] == wanted

    out = []
    found_here = found
    modules = {n.path: n for n in model.constructed if n.path and n.cls is not None}  # local modules, by path
    for diagnostic in found:
        node = _node_for(nodes, diagnostic)
        if node is not None and node.forwarded and node.via and diagnostic.span == node.span:
            # `def WNConv1d(*args, **kwargs): return weight_norm(nn.Conv1d(*args, **kwargs))`: what is
            # wrong is written where the wrapper is called
            origin = node.via[-1]
            out.append(replace(diagnostic, path=origin.file or display, span=origin,
                               related=(node.span, *diagnostic.related), via=node.via[:-1]))
            continue
        argument, dim = ARGUMENT_OF.get(diagnostic.code, ("", 0))
        found = node.arg_origins.get(argument) if node is not None else None
        if found is None and node is not None and diagnostic.span == node.span and node.arg_parts.get(argument):
            same_line = [c.node for candidate in (model, *witnesses) for c in candidate.calls
                         if c.node is not node and c.node.span == node.span and fits(c, argument, dim)]
            # (the one part only the count reads, where an instance of this model fits: one of another
            # model, built from other widths, says less of which of its parts this call got wrong)
            found = _the_part_that_varies(node, argument, same_line) or \
                (_the_part_only_it_reads(model, node, argument) if _fits_in(model, same_line, node, argument) else None)
        reduced = _the_parameter_it_reduces_to(node, argument) if node is not None else None
        if found is None and node is not None and diagnostic.span == node.span:
            found = reduced  # `in_channels + i * growth` at i = 0: the parameter, as if read bare
        if found is None or diagnostic.span != node.span:
            out.append(diagnostic)
            continue
        origin, others, written, levels = found
        arriving = _arriving(model, node, dim)
        ignored = _the_parameter_its_block_never_reads(model, node, levels, arriving)
        if ignored is not None:
            # (`ConvSequence(in_channels, out_channels)` whose conv reads out_channels twice: the block
            # holds what arrives in a parameter nothing reads, so its line is wrong, not its callers)
            note = f"{format_dim(arriving)} is what another argument of the block's call holds: {ignored}, which " \
                   "the block never reads"
            out.append(replace(diagnostic, message=_qualified(diagnostic.message, note),
                               fix=f"Read {ignored} ({format_dim(arriving)} here) for {argument}"))
            continue
        passed = _passed_in_place_of(levels, arriving)
        unchanged = _a_loop_passes_it_unchanged(model, node, argument, dim, fits)
        if unchanged is not None:
            # (the count a loop passes to each block it builds stays what fits the first, while what
            # arrives grows by one step per iteration: the loop's count is what to change)
            index, step = unchanged
            at = written if written is not None else levels[0][0]
            what = "features" if dim == -1 else "channels"
            out.append(replace(diagnostic, path=at.file or display, span=at, related=(node.span, *diagnostic.related),
                               via=tuple(s for s in node.via if s.line != at.line or s.file != at.file),
                               fix=f"Add {index} * {step} to the count the loop passes: each block after the first "
                                   f"is fed {step} {what} more than the one before"))
            continue
        joined = _the_call_inside_the_joining_block(model, node, argument, levels, dim)
        if joined is not None:
            # (the block joins the count with a tensor another of its caller's arguments sizes: it is
            # wrong whatever the caller passes, so the caller's number is no fix, only a coincidence)
            if joined != node.span:
                out.append(replace(diagnostic, path=joined.file or display, span=joined,
                                   related=(node.span, *diagnostic.related),
                                   via=tuple(s for s in node.via if not _within(joined, s))))
            else:
                out.append(diagnostic)
            continue
        if _only_the_instance_that_sized_the_input_fits(model, witnesses, node, levels, argument, dim, fits):
            # (the helper's line reads the wrong parameter: each call is right, the first one fits only
            # because the symbolic input was made as wide as that very layer asks)
            out.append(diagnostic)
            continue
        if _only_the_value_the_loop_starts_from_fails(model, node, levels, argument, dim, fits):
            out.append(replace(diagnostic, path=origin.file or display, span=origin,
                               related=(node.span, *diagnostic.related),
                               via=tuple(s for s in node.via if s.line != origin.line or s.file != origin.file)))
            continue
        # (what arrives equal to another argument of the outer call, or a name of the block, by chance:
        # the argument the block passes down is shown right by another instance, the outer call is wrong)
        if passed is not None and _passes_the_right_parameter(model, node, passed, argument, dim, fits):
            passed = None
        if passed is not None and settings is not None and written is None \
                and _runs_clean_edited(display, model, {origin: arriving}, settings):
            # (`Context(256, 512)` where 512 arrive, whose helper call `self._make_scale(features, s)`
            # passes features on: where the number the outer call writes, given the width that
            # arrives, runs the whole model clean, that number is what to change, not the parameter
            # the helper's call reads, though the call's other argument holds that width too)
            call = next((site for site in node.via if _within(origin, site)), origin)
            at = origin if call.line != call.end_line else call
            out.append(replace(diagnostic, path=at.file or display, span=at, related=(node.span, *diagnostic.related),
                               via=tuple(s for s in node.via if s.line != at.line or s.file != at.file)))
            continue
        if passed is not None:
            via = tuple(s for s in node.via if s.line != passed.line or s.file != passed.file)
            out.append(replace(diagnostic, path=passed.file or display, span=passed,
                               related=(node.span, *diagnostic.related), via=via))
            continue
        named = _where_another_name_holds_it(node, argument, levels, arriving)
        if named is not None and (_fed_what_it_is_told(model, node, named,
                                                       lambda layer: getattr(layer.record, argument, None), dim)
                                  or _passes_the_right_parameter(model, node, named, argument, dim, fits)):
            # (the call describes its blocks' input right: a name of its function holding what arrives
            # deeper in, where the block halves its input, is a coincidence of the widths, not the edit)
            named = None
        if named is not None:
            out.append(replace(diagnostic, path=named.file or display, span=named,
                               related=(node.span, *diagnostic.related),
                               via=tuple(s for s in node.via if s.line != named.line or s.file != named.file)))
            continue
        # `F.conv1d(x, self.weight, ...)` of a conv subclass runs as a node of its own, at the subclass's span
        fitting, fitting_model = [], model
        for candidate in (model, *witnesses):
            # (an instance the same call builds in a loop fits by chance: `Bottleneck(c, growth)` whose
            # conv2 reads nChannels where 4 * growth arrive, right where c reaches 4 * growth)
            fitting = list({id(c.node): c.node for c in candidate.calls
                            if c.node is not node and c.node.span == node.span and fits(c, argument, dim)
                            and not (node.via and c.node.via == node.via)}.values())
            if fitting:
                fitting_model = candidate
                break
        if (not fitting or fitting_model is not model) and _reads_another_item(node, argument, arriving):
            # (`nn.Conv2d(in_c[0], ...)` where in_c[1] arrives, at every instance of the model: the
            # line picks the wrong item of the list its callers pass whole, and no call can fix that;
            # a block checked on its own, the list unknown, shows nothing of it)
            out.append(diagnostic)
            continue
        # a helper of another file (`B.conv_block(nf * 5, nf)` in a block library) passing the count on
        # unchanged: the count is the caller's, even where no other call of the helper shows it right
        elsewhere = bool(node.span.file) and origin.file != node.span.file
        part = _the_part_that_varies(node, argument, fitting) if node.arg_parts.get(argument) else None
        if part is None and _fits_in(model, fitting, node, argument) and node.arg_parts.get(argument):
            part = _the_part_only_it_reads(model, node, argument)
        if part is None and found is not reduced:
            # (passed down from a loop's count, `Bottleneck(in_planes + i * growth, growth)`, where the
            # loop leaves the caller's parameter alone)
            part = reduced
        if part is not None and _fed_what_it_is_told(model, node, part[0], _part_value(argument, part), dim):
            part = None  # the block that parameter sizes gets that many: the count's own computation is wrong
        if part is not None:  # the count is computed from the caller's parameters: the one that varies
            origin, others, written, _ = part
        # a block built once that passes the count on as it came (`nn.Linear(width, n)`): its line
        # holds no number, the caller's does (`Head(features, width=4 * c)`); unless the count that
        # arrives is another of the caller's arguments, when the block reads the wrong one
        instances = [c for c in model.calls if c.node.span == node.span and _checked(c, dim)]
        # every instance fails, each given the count by the same call (ShuffleNetV2's
        # `SELayer(self.outplanes, 2)` in every unit, where the right branch's width arrives)
        all_from_one_call = len(instances) > 1 and all(
            not fits(c, argument, dim) and _origin_of(c.node, argument) == origin
            for c in instances)
        # (the same call in another model of the file, effnetv2_s and effnetv2_m building one class, is
        # no other instance: it passes the same count)
        alone = not fitting and arriving is not None and arriving not in others and (all_from_one_call or not any(
            c.node is not node and c.node.span == node.span and _checked(c, dim)
            and _origin_of(c.node, argument) != origin
            for candidate in (model, *witnesses) for c in candidate.calls)) \
            and not _taken_by_another_layer(model, node, origin, fits) \
            and not _widens_what_arrives(model, node, origin)
        several = _several_layers_fail_on(origin, found_here, nodes)
        # every instance of the line in this model fails, each given its count by another call
        # (`conv1x1(planes, ...)` in _make_layer, where self.inplanes arrive, for layer2, 3 and 4):
        # one edit on the line explains them all, one at each call would take three (an instance of
        # another model that fits does so by chance: a Bottleneck's first stage, planes = inplanes)
        # (a conv+BN wrapper a block builds from its own parameter stands for the block's layer: the
        # call of the block is the nearest, and the wrapper's uses by other blocks are other layers)
        ways = {id(c.node): _past_the_wrappers(modules, c.node, (c.node.arg_origins.get(argument)
                                                                 or (None, None, None, ()))[3]) for c in instances}
        if node.via and len(ways.get(id(node), levels)) < len(levels):
            instances = [c for c in instances if [level[0] for level in ways[id(c.node)][:1]]
                         == [level[0] for level in ways[id(node)][:1]]]
        line = _the_block_line(modules, node, argument)
        if line is not None and not several and _every_instance_of_the_line_fails(model, witnesses, line, argument,
                                                                                  dim, fits):
            # the layer of a wrapper (`ConvBNAct(low_channels, out_channels)` in a block): its line is
            # the block's call of the wrapper, and every block built there, each by another call with
            # other counts, fails: one edit on that line explains them all, where one at each call
            # would take as many as there are calls
            out.append(replace(diagnostic, path=line.file or display, span=line,
                               related=(node.span, *diagnostic.related),
                               via=tuple(s for s in node.via if s.line != line.line or s.file != line.file)))
            continue
        spread = len({_origin_of(c.node, argument) for c in instances}) >= 2 \
            and not any(fits(c, argument, dim) for c in instances)
        if spread and not several and not elsewhere:
            # through a helper that passes the count on (`return nn.Conv1d(in_planes, ...)`): the
            # nearest call, which every instance shares, holds the wrong argument
            nearest = {tuple(level[0] for level in ways[id(c.node)][:1]) for c in instances}
            # (unless what arrives is another argument of that call: the line reads the wrong parameter)
            shared = next(iter(nearest))[0] if len(nearest) == 1 and len(ways[id(node)]) > 1 and () not in nearest \
                and not any(_arriving(model, c.node, dim) in ways[id(c.node)][0][1] for c in instances) \
                else None
            if shared is not None and _fed_what_it_is_told(model, node, shared, lambda layer: getattr(layer.record, argument, None), dim):
                shared = None
            out.append(diagnostic if shared is None else replace(
                diagnostic, path=shared.file or display, span=shared, related=(node.span, *diagnostic.related),
                via=tuple(s for s in node.via if s.line != shared.line or s.file != shared.file)))
            continue
        # (a block of another file, whose own models would show its first layer fed what it reads, as
        # the block checked on its own does where it is in this file)
        right = _reads_the_right_parameter(fitting_model, fitting, argument, dim) \
            or elsewhere and not fitting and _fed_from_outside_its_block(model, node) \
            and _another_reads_what_arrives(model, node, arriving)
        # the count that arrives is another argument of the call, one a layer reading that argument gets
        # (`Attention_block(F_g=32, F_l=16)` fed g of 16): the failing layer would read the wrong one,
        # unless it alone reads its own (read in place of the other, F_g would be read by nothing) and
        # another call of the block builds this layer and it runs: then the block's line is right
        misread = _another_parameter_fits(model, node, origin, arriving, fits) and not several
        shown_right = misread and _read_only_here(model, node, origin) \
            and _another_instance_fits(model, witnesses, node, fits, argument, dim)
        # (an item of a list the caller passed, `SepConv(channels[0], channels[1])`, is read as the
        # parameter itself is: a block reading the wrong item reads the wrong parameter)
        items = _item_lists(node, argument) is not None
        read = (found[0], found[1]) if items else (origin, others)  # (the item's read, not the list's)
        if not (fitting or elsewhere or alone) or (part is None or items) and (
                arriving in read[1] and not right
                and not several and not _read_only_here(model, node, read[0])) or misread and not shown_right:
            out.append(diagnostic)
            continue
        if arriving in others and node.via and part is None and not (several and written in model.unpacked) \
                and not shown_right and not (levels and _passes_the_right_parameter(
                    model, node, levels[0][0], argument, dim, fits)):
            # (that argument is what to change, not the call that passes the other; unless other
            # instances show the block passing it down right: then the count the call gives is wrong)
            # the call that passes the other argument's variable; written over several lines, the
            # line of the argument in it (`ConvBNReLU(\n    c, c * 2, 3)`: the one to change). (Where
            # the count breaks several layers of the block, ShuffleNetV2+'s `outputs = oup - inp` = 0
            # too, and a tuple assignment computed the call's arguments ahead of it, the count is
            # wrong there: `inp, outp, stride = input_channel, ...`)
            call = _the_call_crossing_the_names(node, argument) or node.via[-1]
            passing = _where_it_parts_from(levels, fitting, argument)
            if passing is not None:
                # through a block of blocks (`CBR(c, 2 * c)` building `Conv(cin, cout)`): the inner call
                # also built the instances that fit, so the call only the failing one went through is
                # the one to change
                call, origin = next((site for site in node.via if _within(passing, site)), call), passing
            written, origin = None, origin if call.line != call.end_line and _within(origin, call) else call
        elif all_from_one_call and not fitting and (nearest := _the_call_a_block_makes(model, node, levels)):
            # the count passes through a parameter of the block that builds it: the nearest call,
            # which every instance shares, is what to change (not the number its callers write)
            written, origin = None, nearest
        elif part is None and written is None and len(levels) > 1 and origin == levels[-1][0] \
                and (parting := _where_what_fits_parts(model, node, levels, fits)) is not None \
                and not any(parting == level[0] for n in fitting
                            for level in (n.arg_origins.get(argument) or (None, None, None, ()))[3]) \
                and _every_failure_on_it_passes(origin, parting, found_here, nodes):
            # the caller's number sizes another layer right (`self._make_stage(16, 16)` whose blocks'
            # conv2 read `planes`): the call nearer the layer that only the failing one went through
            # passed the wrong name (`in_channels=planes` in the helper's loop); not a call an instance
            # of the layer's line that fits went through too: that call is shown right
            origin = parting
        # (instances of the line failing, each given another entry of a width list: one edit of the
        # line explains them all, one of the list would take as many)
        # (entries of one list, written on one line; counts computed on lines of their own, a tuple
        # assignment's `inp = input_channel // 2` in each branch, are each that line's to change)
        entries_met = {(c.node.arg_origins.get(argument) or (None,) * 4)[2] for c in model.calls
                       if c.node.span == node.span and _checked(c, dim) and not fits(c, argument, dim)}
        entries = len(entries_met) >= 2 and len({getattr(e, "line", None) for e in entries_met}) == 1
        if written is not None and all(written not in _where_its_numbers_are_written(n, argument) for n in fitting) \
                and not entries and not _read_by_another_layer(model, node, written, fits):
            # `w2 = 180`, `widths = [96, 180]`: where the number is, unless a fitting block shares it
            # or another layer reads it too (`upconv_planes[0]` sizing upconv7 right: the call
            # `conv(upconv_planes[0], ...)` that forgets the skip's channels is what is wrong)
            origin = written
        if part is None and _fed_what_it_is_told(model, node, origin, lambda layer: getattr(layer.record, argument, None), dim):
            # the call describes the block's input right: the block changes the width, unless a call
            # inside it tells its own blocks a count they are not all fed
            origin = _the_call_inside_the_block(model, node, levels, origin, argument, dim, bool(fitting))
            if origin is None:
                out.append(diagnostic)
                continue
        via = tuple(s for s in node.via if s.line != origin.line or s.file != origin.file)
        out.append(replace(diagnostic, path=origin.file or display, span=origin,
                           related=(node.span, *diagnostic.related), via=via))
    return _without_the_loop_instances_it_explains(model, found_here, _without_those_its_number_explains(
        found_here, out, nodes), nodes)


def _without_those_its_number_explains(found: list[Diagnostic], out: list[Diagnostic], nodes: dict) -> list[Diagnostic]:
    """Of the findings _at_the_call_site made (`out`, one for each of `found`), those left on the way
    of a number another was moved to (`Block(in_c, out_c)` of the depthwise conv and of the 1x1 beside
    it, one moved to the entry of the width list `in_c` was read from): the same number, one report."""
    # (the layer each was moved from: instances of one layer's line, each fed by its own call of a
    # stage loop, are not two layers reading one number; the call may be what is wrong for one)
    moved = {d.span: before.span for d, before in zip(out, found) if d.span != before.span}
    kept = []
    for d, before in zip(out, found):
        node = _node_for(nodes, before) if d.severity == "error" and d.code in ARGUMENT_OF else None
        origin = node.arg_origins.get(ARGUMENT_OF[d.code][0]) if node is not None else None
        if origin is not None and origin[2] is not None and origin[2] != d.span and origin[2] in moved \
                and moved[origin[2]] != before.span \
                and d.span in (origin[0], *(level[0] for level in origin[3])):
            continue
        kept.append(d)
    return kept


def _the_parameter_its_block_never_reads(model: ModelAnalysis, node, levels: tuple, arriving) -> str | None:
    """The parameter of the block whose call passes the layer its count (the nearest on its way)
    that holds what arrives but that the block's __init__ never reads (`in_channels` of a block
    building `nn.Conv2d(out_channels, out_channels, 3)`), or None."""
    if type(arriving) is not int or not levels:
        return None
    site = next((site for site in node.via if _within(levels[0][0], site)), None)
    if site is None:
        return None
    for _, init, given in _blocks_holding(model, node, site):
        unread = sorted(name for name in init.unread_parameters()
                        if type(given.get(name)) is int and given[name] == arriving)
        if len(unread) == 1:
            return unread[0]
    return None


def _the_call_inside_the_joining_block(model: ModelAnalysis, node, argument: str, levels: tuple, dim: int):
    """A layer sized by its caller's count (`SepConv(in_channels=enc_in)` in a decoder) fed a cat of
    two tensors, one of that count (`enc`), the other of a width another argument of the same call
    of the block holding the cat sizes (`ll_conv` to `ll_reduced`): the block joins them whatever
    the values passed, so the count is wrong for every one, and the line to change is inside the
    block: the call there passing the count (the layer's own line, where the cat is in the block
    the layer's nearest call builds). None where no such cat feeds the layer."""
    own = getattr(node.record, argument, None)
    call = next((c for c in model.calls if c.node is node and c.input.shape.dims), None)
    if type(own) is not int or call is None or len(call.input.shape.dims) <= max(dim, 0):
        return None
    op = next((o for o in model.ops if o.result is call.input and o.op.endswith("cat") and len(o.operands) == 2), None)
    if op is None or any(t.shape.dims is None or len(t.shape.dims) <= max(dim, 0) for t in op.operands):
        return None
    widths = [t.shape.dims[dim] for t in op.operands]
    if call.input.shape.dims[dim] != sum(w for w in widths if type(w) is int) or own not in widths:
        return None
    by_label = _by_label(model)
    for tensor, width in zip(op.operands, widths):
        producer = _width_producer_of(model, tensor, by_label)
        if width == own and producer is not None and producer is not node and levels and node.via \
                and producer.via == node.via and any(span == levels[0][0] for span, _ in (
                    producer.arg_origins.get(_widths_of(producer.record)[0]) or (None,) * 4)[3] or ()):
            # `BatchNorm2d(o1)` after cat(e1 to o1, e3 to o3) in one block: the count the call passes
            # sizes one operand too, so no value of it fixes the layer (o1 == o1 + o3): its line is wrong
            return node.span
        if width == own or producer is None or producer is node or node.via and node.via[-1] in producer.via:
            continue  # (a layer the same call builds: a dense block's previous conv, the loop's count to grow)
        theirs = (producer.arg_origins.get(_widths_of(producer.record)[0]) or (None,) * 4)[3] or ()
        for index, (span, _) in enumerate(levels):
            site = next((site for site in node.via if _within(span, site)), None)
            if site is not None and any(_within(other, site) and other != span for other, _ in theirs):
                return levels[index - 1][0] if index else node.span
    return None


def _at_the_call_passing_the_operand(display: str, model: ModelAnalysis, found: list[Diagnostic]) -> list[Diagnostic]:
    """A cat inside a block (`torch.cat((self.up(x), skip), 1)` in a decoder block's forward(x, skip))
    refused for an operand the block takes, unchanged, from its caller: where another run of the same
    cat, in another call of the block, joined shapes all known (the decoder block before it), the
    block's code is shown right, and the call passing the tensor is the line to change
    (`self.up2(d3, s3)` where s2 is meant), the cat related. Not where the failing run is the first:
    a tensor of the caller with the sides wanted may fit by chance (a block upsampling by 4 where 2
    is meant finds a stage twice as large), and the calls after it are not run. Left where a trial
    edit of a stride, padding or width already moved it."""
    return [moved if d.code == "CL107" and d.severity == "error"
            and (moved := _the_call_passing_the_operand(display, model, d)) is not None else d for d in found]


def _the_call_passing_the_operand(display: str, model: ModelAnalysis, d: Diagnostic) -> Diagnostic | None:
    """For _at_the_call_passing_the_operand: the finding at the block's call, or None."""
    op = next((o for o in model.ops if o.problem and o.span == d.span and o.op in CAT_OPS and len(o.operands) >= 2
               and isinstance(o.detail.get("dim"), int)), None)
    if op is None or any(t.shape.dims is None for t in op.operands):
        return None
    axis = op.detail["dim"]
    blocks = {_enclosing_block(model, op.span, t.producer) for t in op.operands} - {None, ""}
    if len(blocks) != 1:
        return None
    path = blocks.pop()
    outside = [i for i, t in enumerate(op.operands) if not t.producer.startswith(path + ".")]
    if len(outside) != 1:
        return None
    index = outside[0]
    passed = op.operands[index]
    own = [t for i, t in enumerate(op.operands) if i != index]
    call = max((c for c in model.calls if c.node.path == path and c.start <= op.start), key=lambda c: c.start,
               default=None)
    # (as a layer of the caller gave it, before the block was called: the block did nothing to it)
    made = next((c for c in model.calls if call is not None and c.node.label == passed.producer
                 and c.start < call.start and c.output.shape == passed.shape), None)
    if made is None or call.node.cls is None:
        return None
    rank = len(passed.shape.dims)
    axis = axis % rank if -rank <= axis < rank else None
    if axis is None or any(len(t.shape.dims) != rank for t in own):
        return None
    needed = tuple(passed.shape.dims[i] if i == axis else own[0].shape.dims[i] for i in range(rank))

    def ran(o) -> bool:  # the same cat, in another call, joining shapes all known, that operand from outside
        if o is op or o.span != op.span or o.op != op.op or o.problem or len(o.operands) != len(op.operands) \
                or any(t.shape.dims is None or any(isinstance(x, Unknown) for x in t.shape.dims) for t in o.operands):
            return False
        theirs = {_enclosing_block(model, o.span, t.producer) for t in o.operands} - {None, ""}
        return len(theirs) == 1 and not o.operands[index].producer.startswith(theirs.pop() + ".")
    witness = next((o for o in model.ops if ran(o)), None)
    if witness is None:
        return None
    # the caller's own tensors, ahead of the call, with the shape the cat needs (not those computed
    # inline as another call's argument, `self.enc2(self.pool(s1))`: no name holds them), named in the fix
    inline = {id(c) for c in model.calls for later in model.calls
              if later is not c and later.depth == c.depth and later.input == c.output and _within(c.span, later.span)
              and later.span != c.span}
    meant = {c.node.label: c for c in model.calls
             if c.depth == call.depth and c.start < call.start and id(c) not in inline
             and not c.node.path.startswith(path + ".") and c.node.path != path and c.output.shape.dims is not None
             and c.output.shape != passed.shape and len(c.output.shape.dims) == rank
             and all(i == axis or symbolic.can_equal(c.output.shape.dims[i], needed[i]) for i in range(rank))
             and c.output.shape.dims[axis] == passed.shape.dims[axis]}
    name = getattr(call.node.cls, "name", path)
    other = next((c for c in model.calls if c.node.cls is call.node.cls and c is not call and c.start <= witness.start),
                 None)
    shown = (f"where the same cat runs in {other.node.label}'s call on line {other.span.line}"
             if other is not None else "where the same cat runs in another call of the block")
    note = (f"and the call on line {call.span.line} passes {path} {passed.producer}'s output ({passed.shape}) for "
            f"tensor number {index}, {shown}")
    hint = f" ({next(iter(meant))}'s output has it)" if len(meant) == 1 else ""
    return replace(d, span=call.span, path=call.span.file or display, message=_qualified(d.message, note),
                   fix=f"Pass {path} a tensor of shape {Shape(needed)} in place of {passed.producer}'s output{hint}, as "
                       f"{name}'s cat needs", related=(op.span, *(r for r in d.related if r != op.span)),
                   via=tuple(s for s in d.via if s != call.span))


def _at_the_number_passed_to_the_view(display: str, model: ModelAnalysis, found: list[Diagnostic]) -> list[Diagnostic]:
    """A view in a helper (`x.reshape(n, groups, c // groups, h, w)` of a channel shuffle) refused for
    the number one call writes (`self.channel_shuffle(x, 24)`), where the same view runs for another
    call's number (`self.channel_shuffle(x, 4)`): the helper is right, that call's number is what to
    change: reported there, the view's line related."""
    from convlint.checks.sizes import VIEW_OPS

    out = []
    for d in found:
        views = [o for o in model.ops if o.span == d.span and o.op in VIEW_OPS] \
            if d.severity == "error" and d.code == "CL102" else []
        failing = next((o for o in views if o.problem is not None and "passed_at" in o.detail), None)
        passed = failing.detail["passed_at"] if failing is not None else None
        right = next((o.detail["passed_at"] for o in views
                      if o.problem is None and o.detail.get("passed_at") not in (None, passed)), None)
        if passed is None or passed == d.span or right is None:
            out.append(d)
            continue
        out.append(replace(d, path=passed.file or display, span=passed, related=(d.span, *d.related),
                           fix=f"Pass a number the view on line {d.span.line} can use, as the call on line "
                               f"{right.line} does"))
    return out


def _at_the_view_minus_one(display: str, model: ModelAnalysis, d: Diagnostic, nodes: dict) -> Diagnostic:
    """A conv refusing channels that a view or reshape inferred with its -1 from the sizes written
    after it (a VAE decoder's `h.reshape(h.size(0), -1, 8, 8)` of 4096 features, 64 channels, where
    the conv after an Upsample takes 256), through layers that keep the channels: the view's sizes
    are the line to change, where sizes multiplying to the features over the conv's count fit."""
    from convlint.checks.sizes import VIEW_OPS
    from convlint.records import (AdaptivePoolRecord, ConvRecord, ElementwiseRecord, NormRecord, PadRecord,
                                  PoolRecord, UpsampleRecord, field_of)

    node = nodes.get((d.layer, d.span), nodes.get(d.layer))
    call = next((c for c in model.calls if node is not None and c.node is node and not c.speculative), None)
    if d.severity != "error" or call is None or not isinstance(call.record, ConvRecord) \
            or field_of(call.record, "lazy", False) or not call.input.shape.dims:
        return d
    expected, dims = call.record.in_channels, call.input.shape.dims
    axis = len(dims) - call.record.ndim - 1
    if not isinstance(expected, int) or axis < 0 or not is_known(dims[axis]) or dims[axis] == expected:
        return d
    made_by = {id(c.output): c for c in model.calls}
    tensor = call.input
    keeping = (ElementwiseRecord, PadRecord, PoolRecord, AdaptivePoolRecord, UpsampleRecord, NormRecord)
    while id(tensor) in made_by and isinstance(made_by[id(tensor)].record, keeping) \
            and made_by[id(tensor)].input.shape.dims is not None \
            and len(made_by[id(tensor)].input.shape.dims) == len(dims) \
            and made_by[id(tensor)].input.shape.dims[axis] == dims[axis]:
        tensor = made_by[id(tensor)].input
    view = next((op for op in model.ops if op.op in VIEW_OPS and op.result is tensor and op.problem is None), None)
    requested = view.detail.get("requested") if view is not None else None
    if not requested or len(requested) != len(dims) or not (is_known(requested[axis]) and requested[axis] == -1):
        return d
    others = [r for i, r in enumerate(requested) if i > axis]
    if not others or not all(isinstance(r, int) and r > 0 for r in others) or view.result.shape.dims[:axis] \
            != view.operands[0].shape.dims[:axis]:
        return d  # (the sizes after the -1 written as numbers, the batch and what precedes kept)
    per_channel = math.prod(others)
    features = dims[axis] * per_channel
    if features % expected:
        return d  # no sizes there give the conv its count: the conv's count is the one to change
    name = view.op if view.op.startswith("torch.") else f"x.{view.op}"
    written = ", ".join("-1" if i == axis else format_dim(r) if i > axis else "..." for i, r in enumerate(requested))
    wanted = features // expected
    side = math.isqrt(wanted)
    square = f" ({', '.join([str(side)] * len(others))})" if len(others) == 2 and side * side == wanted else ""
    note = (f"and the {dims[axis]} channels are the -1 of {name}({written}) on line {view.span.line}: "
            f"{features} elements per sample / ({' * '.join(map(str, others))}) = {dims[axis]}; sizes after the -1 that multiply "
            f"to {wanted}{square} give the {expected} that {d.layer} expects")
    where = view.detail.get("written_at") or view.span
    return replace(d, path=where.file or display, span=where, message=_qualified(d.message, note),
                   related=(d.span, *d.related),
                   fix=f"Write sizes after the -1 that multiply to {wanted}{square}, so the -1 gives {expected} channels")


def _at_the_call_it_fails_on(display: str, model: ModelAnalysis, found: list[Diagnostic],
                             nodes: dict, settings: Settings | None = None) -> list[Diagnostic]:
    """A layer (or a block holding it) that forward calls twice, on different lines, taking exactly
    what arrives on one call and refusing what arrives on the other (a U-Net calling an encoder block
    again to rebuild its skip, `self.enc2(e1)` where e0 is meant): the layer is shown right by the
    call it runs on, so the failing call's line is what to change, reported there, the layer's line
    related (not a lazy layer, sized by its first call); not the count of the layer's construction (its line, or the caller's argument it was
    reported at): changed, the other call fails. Left where another step moved the finding off the
    lines of that count, or at a caller's argument (`Block(256)`) that, the model built again with
    what arrives written there, runs the model: every count of the block follows that argument, the
    calls that fit too, so changing it fails none of them (`settings`: None where no trial is run)."""
    return [moved if d.severity == "error" and d.code in ARGUMENT_OF
            and (moved := _the_call_it_fails_on(display, model, d, nodes, settings)) is not None else d
            for d in found]


def _at_the_row_that_disagrees(display: str, model: ModelAnalysis, found: list[Diagnostic],
                               nodes: dict) -> list[Diagnostic]:
    """A block built once per row of a table written as literals (`[Block(cin, cout, s) for _, s, cin,
    cout in config]`, or a loop doing so), whose layer refuses the channels the previous row's block
    gives: the call is right for every other row; the row whose cout the next row's cin does not
    match is what to change, reported there, the next row's number related. Only where both counts
    reach the layers unchanged from the rows' numbers (arg_origins traced to each element)."""
    by_label = _by_label(model)
    return [moved if (moved := _the_row_that_disagrees(display, model, d, nodes, by_label)) is not None else d
            for d in found]


def _the_row_that_disagrees(display: str, model: ModelAnalysis, d: Diagnostic, nodes: dict,
                            by_label: dict) -> Diagnostic | None:
    """For _at_the_row_that_disagrees: the finding at the producer's row, or None."""
    if d.severity != "error" or d.code != "CL103":
        return None
    node = _node_for(nodes, d)
    origin = node.arg_origins.get("in_channels") if node is not None else None
    if origin is None or origin[2] is None or not (d.span == origin[0] or _within(origin[0], d.span)):
        return None  # (not read from a row, or moved already by a step that showed its edit)
    call = next((c for c in model.calls if c.node is node and not c.speculative), None)
    producer = _width_producer(model, call, by_label) if call is not None and call.input.shape.dims else None
    if producer is None or producer is node:
        return None
    width, _ = _widths_of(producer.record)
    theirs = producer.arg_origins.get(width)
    given = getattr(producer.record, width, None)
    if theirs is None or theirs[2] is None or (theirs[0].file, theirs[0].line) != (origin[0].file, origin[0].line) \
            or theirs[2] == origin[2] \
            or type(given) is not int or len(call.input.shape.dims) < 2 or call.input.shape.dims[1] != given:
        return None  # (another call's count, the same number, or a width changed on the way)
    note = (f"and the row on line {theirs[2].line} gives {producer.label} {width}={given} where the next row, "
            f"on line {origin[2].line}, gives {node.label} in_channels={format_dim(node.record.in_channels)}: "
            f"the line building them is right for the other rows")
    return replace(d, path=theirs[2].file or display, span=theirs[2], message=_qualified(d.message, note),
                   related=(origin[2], d.span, *d.related),
                   fix=f"Make the rows agree: {format_dim(node.record.in_channels)} here, or {given} on line "
                       f"{origin[2].line}")


def _the_call_it_fails_on(display: str, model: ModelAnalysis, d: Diagnostic, nodes: dict,
                          settings: Settings | None = None) -> Diagnostic | None:
    """For _at_the_call_it_fails_on: the finding at the failing call, or None."""
    from convlint.records import field_of

    node = _node_for(nodes, d)
    argument, dim = ARGUMENT_OF[d.code]
    scaled = node.scaled_from.get(argument) if node is not None else None
    if node is None or not d.related or d.span not in {*_spans_of_the_count(node, argument), scaled and scaled[0]}:
        return None  # (moved off the count's lines: another layer or an operation, shown to be the edit)
    if field_of(node.record, "lazy", False):
        return None  # (a lazy layer takes what its first call brings: fitting it shows nothing)
    calls = [c for c in model.calls if c.node is node and not c.speculative]
    expected = field_of(calls[0].record, argument) if calls else None
    if type(expected) is not int:
        return None
    counts = {id(c): _count_arriving(c, argument, dim) for c in calls}
    failing = next((c for c in calls if c.span in d.related and counts[id(c)] != expected), None)
    fitting = [c for c in calls if counts[id(c)] == expected][:MAX_FITTING_CALLS_FOLLOWED]
    if failing is None:
        return None
    if settings is not None and d.span != node.span and model.edited_run is not None \
            and type(arriving := counts[id(failing)]) is int and arriving > 0 \
            and _runs_clean_edited(display, model, {d.span: arriving}, settings):
        return None
    for good in fitting:  # up the calls enclosing each, to the first line they differ at
        bad = failing
        while bad is not None and good is not None and bad.span == good.span and bad.node is good.node:
            bad, good = _enclosing_call(model, bad), _enclosing_call(model, good)
        if bad is None or good is None or bad.node is not good.node or bad.span == good.span or bad.depth == 0:
            continue
        while (outer := _enclosing_call(model, bad)) is not None and outer.span == bad.span and outer.depth:
            bad = outer  # (a Sequential's layer runs at the Sequential's call: named as forward calls it)
        unit = {"in_channels": "channels", "num_features": "channels", "in_features": "features"}[argument]
        note = (f"and the call on line {bad.span.line} is what differs: {bad.node.label}'s call on line "
                f"{good.span.line} gives {node.label} the {expected} {unit} it takes")
        return replace(d, span=bad.span, path=bad.span.file or display, message=_qualified(d.message, note),
                       fix=f"Pass {bad.node.label} a tensor of {expected} {unit} here, as line {good.span.line} does",
                       related=tuple(dict.fromkeys(r for r in (node.span, *d.related) if r != bad.span)), via=())
    return None


MAX_FITTING_CALLS_FOLLOWED = 8  # calls a layer fits, each followed out to where it differs from the failing one


def _count_arriving(call, argument: str, dim: int):
    """The count a call of a layer gets in the dim its argument sizes (a conv's channels batched or not)."""
    from convlint import layers
    from convlint.records import field_of

    dims = call.input.shape.dims
    ndim = field_of(call.record, "ndim")
    if argument == "in_channels" and type(ndim) is int:
        return layers.channel_dim(call.input.shape, ndim)
    return dims[dim] if dims and len(dims) > max(dim, 0) else None


def _enclosing_call(model: ModelAnalysis, call):
    """The call whose run made `call` (a block's call around its layer's), or None at the model's own."""
    index = next((i for i, c in enumerate(model.calls) if c is call), None)
    if index is None:
        return None
    # (calls are recorded as they end: the enclosing one is the first after it, one level out)
    return next((c for c in model.calls[index + 1:] if c.depth == call.depth - 1 and c.start <= call.start), None)


MAX_BLOCK_ARGUMENT_TRIALS = 6  # rebuilds per model by _at_the_block_argument, each one argument edited


def _at_the_block_argument(display: str, model: ModelAnalysis, found: list[Diagnostic], nodes: dict,
                           settings: Settings) -> list[Diagnostic]:
    """A layer inside a block whose count the block computes from its constructor's arguments
    (`double_conv(in_ch + out_ch // 2, mid)`), wrong at one instance where another instance of the
    same line, computed alike, gets exactly the count it asks for: the block's formula is shown
    right, the failing instance's call gave it a wrong argument (`Up(256, 128, 64)` of a block whose
    formula holds where in_ch == out_ch). Where the model built again with exactly one argument of
    that call given a value the call already holds in another argument (or a name where the call is
    written holds) runs clean, and no other such edit does, that argument is reported where the
    call writes it, the layer's line related."""
    if model.edited_run is None:
        return found
    tried = [0]
    return _moved_where_it_fixes(found, lambda d: _the_block_argument_that_fixes(display, model, d, nodes, settings, tried))


def _moved_to(d: Diagnostic, at: Span, display: str, note: str, **changes) -> Diagnostic:
    """The finding reported at `at`, where a value it depends on is written, with the note saying why;
    the line it was at becomes a related location, and `at` leaves the chain of calls."""
    return replace(d, path=at.file or display, span=at, message=_qualified(d.message, note),
                   related=tuple(dict.fromkeys((d.span, *d.related))),
                   via=tuple(s for s in d.via if s.line != at.line or s.file != at.file), **changes)


def _moved_where_it_fixes(found: list[Diagnostic], move) -> list[Diagnostic]:
    """Each error finding of a layer's count, where `move` gives it another place (a trial edit
    that runs the model clean), at that place; every other finding as it is."""
    out = []
    for d in found:
        moved = move(d) if d.severity == "error" and d.code in ARGUMENT_OF else None
        out.append(d if moved is None else moved)
    return out


def _the_block_argument_that_fixes(display: str, model: ModelAnalysis, d: Diagnostic, nodes: dict,
                                   settings: Settings, tried: list) -> Diagnostic | None:
    """For _at_the_block_argument: the finding moved to the one argument of the failing instance's
    block call whose edit runs the model clean, or None. `tried` counts the rebuilds made."""
    node = _node_for(nodes, d)
    argument, dim = ARGUMENT_OF[d.code]
    parts = node.arg_parts.get(argument) if node is not None else None
    if not parts:
        return None
    names = {name for name, _, _ in parts}
    fitting = [c for c in model.calls if c.node is not node and c.node.span == node.span and _checked(c, dim)
               and c.input.shape.dims[dim] == getattr(c.record, argument, None)
               and _origin_of(c.node, argument) == _origin_of(node, argument)
               and {name for name, _, _ in c.node.arg_parts.get(argument, ())} == names]
    if not fitting:
        return None  # (no instance shows the block's line right: the line may be what is wrong)
    spans = {origin[0] for _, _, origin in parts}
    block = next((n for n in model.constructed if n.cls is not None and n.path and node.path.startswith(n.path + ".")
                  and spans <= set(n.arguments_written.values())), None)
    if block is None or any(c.node.path.startswith(block.path + ".") for c in fitting):
        return None  # (an instance of the same block that fits says nothing of the call's arguments)
    # (only counts are tried: a block given a list of widths, `Dec([32, 8], 16)`, holds lists too)
    held = {value for value in (*(value for _, value, _ in parts), *(value for _, _, origin in parts for value in origin[1]),
                                *(value for _, value in node.callers_names.get(block.span, ())))
            if isinstance(value, int) and not isinstance(value, bool) and value > 0}
    fixing = []
    for name, value, origin in parts:
        if not isinstance(value, int) or isinstance(value, bool):
            continue  # (a count put in place of a list would only make the block unknown, not right)
        for wanted in sorted(v for v in held if v != value):
            if tried[0] >= MAX_BLOCK_ARGUMENT_TRIALS:
                return None
            tried[0] += 1
            trial = model.edited_run({origin[0]: wanted})
            if not (trial.internal_error or trial.stopped) and trial.calls and not any(
                    f.severity == "error" for f in model_diagnostics(display, trial, settings, hint_sizes=False,
                                                                     pinned_sizes=False)):
                fixing.append((name, value, origin[0], wanted))
    if len({(name, wanted) for name, _, _, wanted in fixing}) != 1:
        return None
    name, value, at, wanted = fixing[0]
    note = (f"and {block.label} is built with {name}={value} on line {at.line}, where {fitting[0].node.label}, "
            f"built by the same line, gets the count it expects: given {name}={wanted} the model runs")
    return replace(d, path=at.file or display, span=at, message=_qualified(d.message, note),
                   fix=f"Give {block.label} {name}={wanted}, so that {d.layer} expects what arrives",
                   related=tuple(dict.fromkeys((node.span, *(r for r in (d.span, *d.related) if r != at)))),
                   via=tuple(s for s in node.via if s != block.span and (s.line != at.line or s.file != at.file)))


MAX_SCALED_TRIALS = 4  # rebuilds per model by _at_the_scaled_number, each one number given another value


def _at_the_scaled_number(display: str, model: ModelAnalysis, found: list[Diagnostic], nodes: dict,
                          settings: Settings) -> list[Diagnostic]:
    """A layer whose count is computed from a number written elsewhere through int(), a factor or
    a helper of one value (`int(in_channels * channel_multiplier)` in a block built by
    `DepthSepConv(64, 256)`, `make_divisible(c * scale)` over a config's rows), wrong at one
    instance where another instance of its line, computed alike from another number, gets the
    count it expects: where the model built again with that number given the value the step
    turns into the count that arrives (solved through the step's ratio, or the ints beside it)
    runs clean, the number is what was written wrong, reported where it is written, the layer's
    line related. Where no such value runs the model, the layer's line stays the report."""
    if model.edited_run is None:
        return found
    tried = [0]
    out = _moved_where_it_fixes(found, lambda d: _the_scaled_number_that_fixes(display, model, d, nodes, settings, tried))
    edits = {d.span for d, before in zip(out, found) if d is not before}
    if not edits:
        return out
    # the number's edit runs the whole model clean: the counts it leaves wrong further on (the next
    # stage's conv, fed the wrong stage's width) are no other edits
    return [d for d in out if d.span in edits or d.severity != "error" or d.code not in ARGUMENT_OF]


MAX_LOOPED_CALL_TRIALS = 3  # rebuilds per model by _at_the_looped_call_argument, each one call's argument edited


def _at_the_looped_call_argument(display: str, model: ModelAnalysis, found: list[Diagnostic], nodes: dict,
                                 settings: Settings) -> list[Diagnostic]:
    """A layer of a block given its count, unchanged, by an argument of the call a `_make_layer`
    loop makes for every block after the first (`block(in_channels=planes, ...)`, the first block
    built by a call of its own): where every block that call builds fails on that layer, each fed
    what the block before it gives (a bottleneck's `planes * expansion`), while an earlier instance
    of the layer's line built by another call gets another count, the one it asks for, and no other
    name the line could read fits both, the block's code is shown right and the count is the
    call's. Where the model built again with that argument given, at each block it builds, the
    count arriving there runs clean, and no such edit of another constructor call on the count's
    way does (a wrapper the block passes its parameter to: then the calls disagree on nothing the
    trial can tell), the argument is reported where the call writes it (its own line in a call
    written over several), the layer's line related; not the caller's number the first block reads
    right."""
    if model.edited_run is None:
        return found
    trials = {}
    return _moved_where_it_fixes(found, lambda d: _the_looped_call_argument_that_fixes(display, model, d, nodes, settings, trials))


def _the_scaled_number_that_fixes(display: str, model: ModelAnalysis, d: Diagnostic, nodes: dict,
                                  settings: Settings, tried: list) -> Diagnostic | None:
    """For _at_the_scaled_number: the finding moved to the number its layer's count is computed
    from, or None. `tried` counts the rebuilds made."""
    node = _node_for(nodes, d)
    argument, dim = ARGUMENT_OF[d.code]
    scaled = node.scaled_from.get(argument) if node is not None else None
    origin = node.arg_origins.get(argument) if scaled is not None else None
    if scaled is None or d.span not in {node.span, *((origin[0], *(level[0] for level in origin[3])) if origin else ())}:
        return None  # (reported at the layer or a call on its way: not at a number another pass found)
    at, number = scaled
    count, arriving = getattr(node.record, argument, None), _arriving(model, node, dim)
    if type(count) is not int or type(arriving) is not int or count <= 0 or arriving <= 0 or number <= 0 \
            or count == arriving or at == node.span:
        return None
    fitting = [c for c in model.calls if c.node is not node and c.node.span == node.span and _checked(c, dim)
               and c.input.shape.dims[dim] == getattr(c.record, argument, None)
               and (c.node.scaled_from.get(argument) or (at,))[0] != at]
    if not fitting:
        return None  # (no instance computed alike from another number shows the step right)
    ratio = arriving * number / count  # the step's ratio kept: the number it turns into what arrives
    candidates = list(dict.fromkeys(v for v in (round(ratio), math.floor(ratio), math.ceil(ratio))
                                    if v > 0 and v != number))
    for wanted in candidates:
        if tried[0] >= MAX_SCALED_TRIALS:
            return None
        tried[0] += 1
        if _runs_clean_edited(display, model, {at: wanted}, settings):
            break
    else:
        return None
    note = (f"and {d.layer} computes its {argument}={count} from the {number} written on line {at.line}: "
            f"given {wanted} there the model runs")
    return replace(d, path=at.file or display, span=at, message=_qualified(d.message, note),
                   fix=f"Write {wanted} in place of {number}, so that {d.layer} expects what arrives",
                   related=tuple(dict.fromkeys((node.span, *(r for r in (d.span, *d.related) if r != at)))),
                   via=tuple(s for s in d.via if s.line != at.line or s.file != at.file))


def _the_looped_call_argument_that_fixes(display: str, model: ModelAnalysis, d: Diagnostic, nodes: dict,
                                         settings: Settings, trials: dict) -> Diagnostic | None:
    """For _at_the_looped_call_argument: the finding moved to the argument of the call building
    the failing layer's block, or None. `trials` holds the rebuilds made, by the argument's span and
    the counts tried: whether each ran clean."""
    node = _node_for(nodes, d)
    argument, dim = ARGUMENT_OF[d.code]
    found = node.arg_origins.get(argument) if node is not None else None
    passed = node.names_passed.get(argument) if found is not None else None
    if not found or not found[3] or not passed:
        return None
    if len(passed) < 2 or passed[0][1] is None or passed[0][1] != passed[1][0]:
        return None  # (the call passes no parameter of its function on: a local or an attribute set there)
    _, _, written, levels = found
    nearest = levels[0][0]
    if d.span == nearest or d.span not in (node.span, written, *(span for span, _ in levels)):
        return None  # (already there, or moved by another trial to a line off the count's way)
    # the constructor calls on the count's way, nearest first: (the argument's span, its parameter,
    # the blocks that call builds, the failing layer's line in each, the count arriving at each)
    calls = [_each_block_the_call_builds(model, node, argument, dim, span, parameter)
             for (span, _), (parameter, _, _) in zip(levels, passed)]
    if calls[0] is None:
        return None  # (the nearest call is a helper function's, not the block's constructor)
    _, parameter, kind, layers, wanted = calls[0]
    if wanted is None or any(count == getattr(layer.record, argument, None) for layer, count in zip(layers, wanted)):
        return None  # (a count not known, or a block of that call that fits: not every one is wrong)
    if not _only_it_could_change(model, node, layers, argument, dim):
        return None  # (no earlier instance of the line shows it right, or another name there fits both)
    for call in calls:
        if call is None:
            continue
        span, _, _, layers_there, counts = call
        if counts is None:
            return None  # (a call further out that a trial cannot give what arrives: ambiguous)
        key = (span, tuple(counts))
        if key not in trials:
            if len(trials) >= MAX_LOOPED_CALL_TRIALS:
                return None
            trials[key] = _runs_clean_given(display, model, span, layers_there, counts, argument, settings)
        if trials[key] != (call is calls[0]):
            return None  # (the nearest call's edit does not run, or another call's edit runs too)
    value = getattr(node.record, argument, None)
    arriving = next((count for layer, count in zip(layers, wanted) if layer is node), None)
    if arriving is None:
        return None
    note = (f"and no {kind} the call on line {nearest.line} builds is given the count the block before it "
            f"gives ({parameter}={value} here): given at each the count that arrives "
            f"({', '.join(dict.fromkeys(str(w) for w in wanted))}), the model runs")
    given = [getattr(layer.record, argument, None) for layer in layers]
    ratios = {w // g if type(g) is int and g > 0 and w % g == 0 else None for w, g in zip(wanted, given)}
    times = f" ({ratios.pop()} times what it passes now)" if len(ratios) == 1 and None not in ratios else ""
    return replace(d, path=nearest.file or display, span=nearest, message=_qualified(d.message, note),
                   fix=f"Pass {parameter} the count the block before gives, {arriving} here{times}",
                   related=tuple(dict.fromkeys((node.span, *(r for r in (d.span, *d.related) if r != nearest)))),
                   via=tuple(s for s in node.via if s.line != nearest.line or s.file != nearest.file))


def _each_block_the_call_builds(model: ModelAnalysis, node, argument: str, dim: int, span: Span,
                                parameter: str) -> tuple | None:
    """For _at_the_looped_call_argument: the constructor call of a block around the layer whose
    argument `parameter` is written at `span`: (span, parameter, the block's class name, the
    layer's line in each block that call builds in the order built, the count arriving at each
    or None where one is not known). None where no block around the layer is built there."""
    block = next((n for n in model.constructed if n.cls is not None and n.path
                  and node.path.startswith(n.path + ".") and n.arguments_written.get(parameter) == span), None)
    if block is None:
        return None
    within = node.path[len(block.path):]
    same_line = {n.path: n for n in model.constructed if n.span == node.span}
    built = sorted((n for n in model.constructed if n.arguments_written.get(parameter) == span), key=lambda n: n.made)
    layers = [same_line.get(n.path + within) for n in built]
    wanted = []
    for layer in layers:
        call = next((c for c in model.calls if c.node is layer and _checked(c, dim)), None) \
            if layer is not None and span in (level[0] for level in (layer.arg_origins.get(argument) or (None, None, None, ()))[3]) \
            else None
        arrived = call.input.shape.dims[dim] if call is not None else None
        wanted.append(arrived if type(arrived) is int else None)
    return span, parameter, block.record.type, layers, None if None in wanted else wanted


def _runs_clean_given(display: str, model: ModelAnalysis, span: Span, layers: list, counts: list, argument: str,
                      settings: Settings) -> bool:
    """Whether the model built again with the argument written at `span` given, at each of its
    evaluations in turn, one of `counts` runs with no error, each of `layers` (the layer it sizes,
    one per block the call builds) built with its count: the edit reached the blocks meant."""
    from convlint.model import EachBuilt

    trial = model.edited_run({span: EachBuilt(counts)})
    if trial.internal_error or trial.stopped or not trial.calls:
        return False
    rebuilt = {n.path: n for n in trial.constructed}
    if [getattr(getattr(rebuilt.get(layer.path), "record", None), argument, None) for layer in layers] != counts:
        return False
    return not any(f.severity == "error" for f in model_diagnostics(display, trial, settings, hint_sizes=False,
                                                                    pinned_sizes=False))


MAX_BINDING_TRIALS = 2  # rebuilds per model by _at_the_local_binding, each one local given another value


def _at_the_local_binding(display: str, model: ModelAnalysis, found: list[Diagnostic], nodes: dict,
                          settings: Settings, siblings: list[ModelAnalysis] = ()) -> list[Diagnostic]:
    """A layer whose count is a plain local of the function building it, computed a few lines
    above (`in_ch = input_channels[-1]`, where the last stage doubled the width, then
    `nn.Conv2d(in_ch, in_ch * 2)` and the layers after it sized from in_ch too): where no other
    layer reads that local as its count, and the model built again with the local bound to the
    count that arrives runs clean (every layer sized from it follows), as does every other model of
    the file building that layer (a block checked on its own has no layer after it to refuse what
    the edit gives out), the assignment is the line to change: reported there, the layer's line
    related. Where another name of the function holds the count that arrives, the layer may read
    the wrong name and keeps the finding, unless another layer reads the local bare too (a token
    mixer's `n_tokens` in and out) and the layer given that count alone still fails."""
    if model.edited_run is None:
        return found
    out, tried = [], 0
    for d in found:
        argument, dim = ARGUMENT_OF.get(d.code, ("", 0))
        node = _node_for(nodes, d) if d.severity == "error" and argument else None
        bound = node.bound_at.get(argument) if node is not None else None
        arriving = _arriving(model, node, dim) if bound is not None else None
        if bound is None or d.span == bound or d.span not in (node.span, node.written_at.get(argument)) \
                or type(arriving) is not int or arriving == getattr(node.record, argument, None) \
                or any(n is not node and n.bound_at.get(argument) == bound for n in model.constructed) \
                or tried >= MAX_BINDING_TRIALS:
            # (a local every instance of a block reads: one value there is no one instance's fix)
            out.append(d)
            continue
        # (a name a loop left bound, `c = w` of `for w in cfg`, holds the last entry by the loop's
        # doing: no sign that the layer meant it, where a local was computed for the layer alone)
        if _another_name_holds(node, argument, arriving, node.looped_names):
            # (a name beside it holding what arrives: the layer may read the wrong name, at its line,
            # unless another layer reads the local too and that layer's edit alone leaves the model
            # failing: `n_tokens` read by a token mixer's first and last layers is the count to change)
            own = node.written_at.get(argument)
            if own is None or own == bound or not any(
                    n is not node and (bound, True) in n.local_reads for n in model.constructed):
                out.append(d)
                continue
            tried += 1
            if tried >= MAX_BINDING_TRIALS or _runs_clean_edited(display, model, {own: arriving}, settings):
                out.append(d)
                continue
        tried += 1
        building = [s for s in siblings if any(n.span == node.span for n in s.constructed)]
        if any(s.edited_run is None for s in building) or not all(
                _runs_clean_edited(display, candidate, {bound: arriving}, settings)
                for candidate in (model, *building[:MAX_BINDING_TRIALS])) or len(building) > MAX_BINDING_TRIALS:
            out.append(d)
            continue
        note = (f"and {d.layer} reads the count bound on line {bound.line}: bound to {format_dim(arriving)} "
                f"there the model runs")
        out.append(_moved_to(d, bound, display, note))
    return out


def _off_a_binding_read_otherwise(display: str, model: ModelAnalysis, found: list[Diagnostic], nodes: dict,
                                  settings: Settings, reruns: bool) -> list[Diagnostic]:
    """A count pointed at the binding of the local it reads (`base = 32` for `nn.BatchNorm2d(base)`)
    where another layer reads that local in another form (`nn.Conv2d(3, widen(base, mult))`): the
    binding is no fix, unless the model built again with it bound to the count that arrives runs
    clean (tried, where reruns are allowed): reported at the layer's argument instead."""
    out, tried = [], 0
    for d in found:
        argument, dim = ARGUMENT_OF.get(d.code, ("", 0))
        node = nodes.get((d.layer, d.span), nodes.get(d.layer)) if d.severity == "error" and argument else None
        read = node.read_at.get(argument) if node is not None else None
        if read is None or d.span != node.written_at.get(argument) or not any(
                (d.span, False) in n.local_reads for n in model.constructed):
            out.append(d)
            continue
        arriving = _arriving(model, node, dim)
        if reruns and model.edited_run is not None and node.bound_at.get(argument) == d.span \
                and type(arriving) is int and tried < MAX_BINDING_TRIALS:
            tried += 1
            if _runs_clean_edited(display, model, {d.span: arriving}, settings):
                out.append(d)
                continue
        out.append(replace(d, path=read.file or display, span=read,
                           via=tuple(s for s in d.via if s.line != read.line or s.file != read.file)))
    return out


def _at_the_viewed_count_binding(display: str, model: ModelAnalysis, found: list[Diagnostic],
                                 settings: Settings) -> list[Diagnostic]:
    """A view that breaks the batch with a size the constructor bound once (`self.linear_size =
    (patch_size // 2 ** num_of_block) ** 2 * c`, one stride short, read by `x.view(-1,
    self.linear_size)` and by the `nn.Linear(self.linear_size, 1024)` after it): where a layer
    reads the same count, so the view and the layer agree on it, and the model built again with
    the count bound to what a sample holds (the view's other sizes kept) runs clean, the binding is
    the line to change: reported there, the view related. A count no layer reads stays at the view
    (the view alone may be what to change)."""
    from convlint.checks.sizes import VIEW_OPS

    if model.edited_run is None:
        return found
    readers: dict[Span, list[str]] = {}
    for node in model.constructed:
        for update in node.count_read.values():
            readers.setdefault(update.at, []).append(node.label)
    for call in model.calls:
        # (a NoisyNet layer's `F.linear(x, self.weight_mu, ...)`, its weight `torch.empty(out, in)` of the
        # count its caller passed: that count reads the binding as a Linear built from it would)
        for argument in ("in_features", "in_channels") if call.node.weight_held else ():
            written = (call.node.arg_origins.get(argument) or (None, None, None))[2]
            if written is not None and call.node.label not in readers.get(written, ()):
                readers.setdefault(written, []).append(call.node.label)
    out, tried = [], 0
    for d in found:
        view = next((o for o in model.ops if o.op in VIEW_OPS and "counts_read" in o.detail
                     and d.span in (o.span, o.detail.get("written_at"))), None) \
            if d.severity == "error" and d.code == "CL102" else None
        binding = _binding_of_the_viewed_count(view) if view is not None else None
        if binding is None or binding[0].at not in readers or binding[0].at == d.span \
                or tried >= MAX_BINDING_TRIALS:
            out.append(d)
            continue
        update, wanted = binding
        tried += 1
        if not _runs_clean_edited(display, model, {update.at: wanted}, settings):
            out.append(d)
            continue
        at = update.at
        note = (f"and the view reads the count bound on line {at.line}, as {readers[at][0]} does: bound to "
                f"{format_dim(wanted)} there the model runs")
        out.append(_moved_to(d, at, display, note,
                             fix=f"Bind it to {format_dim(wanted)}, the features each sample has where the view "
                                 f"reads it"))
    return out


def _binding_of_the_viewed_count(view) -> tuple | None:
    """(the update, the count a sample holds there) of the one size of a view keeping the batch
    (`view(-1, C)`, `view(x.size(0), C, H, W)`) read from a count first bound by a plain assignment
    of the model's construction; None where another size is read from one, the view keeps no
    batch, or no whole count fits."""
    requested, dims = view.detail["requested"], view.operands[0].shape.dims
    counts = view.detail["counts_read"]
    if len(counts) != 1 or not dims or len(requested) < 2 or len(dims) < 2:
        return None
    position, update = counts[0]
    others = [size for index, size in enumerate(requested[1:], 1) if index != position]
    if position == 0 or position >= len(requested) or requested[position] != update.value \
            or update.form not in ("name", "attribute") or update.before is not None \
            or requested[0] not in (-1, dims[0]) or not all(type(x) is int and x > 0 for x in (*dims[1:], *others)):
        return None  # (a running count's update is _at_the_running_count_update's)
    features, rest = math.prod(dims[1:]), math.prod(others)
    if features % rest or features // rest == update.value:
        return None
    return update, features // rest


MAX_UPDATE_TRIALS = 2  # updates per model _at_the_running_count_update gives other counts
MAX_UPDATE_ROUNDS = 3  # rebuilds per update: what arrives where a count it sized changed is met by the next


def _at_the_running_count_update(display: str, model: ModelAnalysis, found: list[Diagnostic], nodes: dict,
                                 settings: Settings) -> list[Diagnostic]:
    """Layers refusing a running count the constructor keeps (`num_planes += nblocks[3] *
    growth_rate` read by the final norm and Linear, `self.inplanes += growthRate` in a dense
    block's loop, `self.in_planes = planes * block.expansion` after each block of a `_make_layer`
    helper, read by the next block's call; an attribute assigned anew, not its first binding):
    where no layer read any evaluation of that update right, the count it added to was read right
    (or came from the same line), and the model built again with each evaluation giving the count
    that arrives at the layers reading it runs clean, the update is the line to change: reported
    there, the layers' lines related. A count one of its evaluations gave right (an earlier stage
    sized by it fits) is read wrong by the layer, at its line."""
    if model.edited_run is None:
        return found
    failing: dict[Span, list[Diagnostic]] = {}
    for d in found:
        argument = ARGUMENT_OF.get(d.code, ("", 0))[0]
        node = _node_for(nodes, d) if d.severity == "error" and argument else None
        update = node.count_read.get(argument) if node is not None else None
        if update is None or update.form == "name" or update.form == "attribute" and update.before is None \
                or d.span == update.at or d.span not in _spans_of_the_count(node, argument):
            # (a plain local is _at_the_local_binding's; `self.in_channels = in_channels` in a
            # block's constructor keeps its caller's count, no running one)
            continue
        failing.setdefault(update.at, []).append(d)
    moved: dict[int, tuple] = {}
    for at, diagnostics in list(failing.items())[:MAX_UPDATE_TRIALS]:
        edit = _update_running_the_model(display, model, at, settings)
        for d in diagnostics if edit is not None else ():
            moved[id(d)] = at, edit
    out = []
    for d in found:
        if id(d) not in moved:
            out.append(d)
            continue
        at, edit = moved[id(d)]
        given = f"given {format_dim(edit[0])} there" if len(edit) == 1 else \
            "giving there, each time it runs, the count the layers reading it get"
        note = f"and {d.layer} reads the count updated on line {at.line}: {given}, the model runs"
        out.append(_moved_to(d, at, display, note))
    return out


def _at_the_side_left_unshrunk(display: str, model: ModelAnalysis, found: list[Diagnostic],
                               nodes: dict) -> list[Diagnostic]:
    """A Linear sized by a product of sides a constructor tracks by hand while it builds its pooling
    blocks in a loop (`d //= 2; h //= 2` per block, then `flat = ch * d * h * w`), one side left out
    of the loop's update: where that side was as large as the others before the loop, and the loop's
    shrinking of the others, applied to it too, gives the features that arrive, the update is the
    line to change (the side it lacks), reported there, the product related."""
    out = []
    for d in found:
        node = _node_for(nodes, d) if d.severity == "error" and d.code == "CL101" else None
        update = node.count_read.get("in_features") if node is not None else None
        arriving = _arriving(model, node, -1) if update is not None and update.factors and d.span == update.at else None
        if type(arriving) is not int or arriving <= 0 or update.value % arriving or update.value == arriving:
            out.append(d)
            continue
        ratio = update.value // arriving
        shrunk = [(name, value, _shrinking(written)) for name, value, written, looped in update.factors
                  if looped and written is not None and written.form in ("FloorDivide", "Divide", "RightShift")]
        left = [(name, value) for name, value, written, looped in update.factors if written is None and not looped]
        lines = {written.at.line for name, _, written, looped in update.factors if looped and written is not None
                 and written.form in ("FloorDivide", "Divide", "RightShift")}
        fitting = [(name, value) for name, value in left if value % ratio == 0
                   and any(shrink is not None and shrink[0] == ratio and shrink[1] == value for _, _, shrink in shrunk)]
        if len(fitting) != 1 or len(lines) != 1 or not all(s is not None and s[0] == ratio for _, _, s in shrunk):
            out.append(d)
            continue
        (name, value), = fitting
        at = next(w.at for n, _, w, looped in update.factors if looped and w is not None and w.at.line in lines)
        others = " and ".join(n for n, _, _ in shrunk)
        note = (f"and {name}, a factor of the count bound on line {update.at.line}, is not updated on line {at.line} "
                f"as {others} are: shrunk as they are, from {value} to {value // ratio}, it gives the count the "
                f"{format_dim(arriving)} features that arrive")
        out.append(_moved_to(d, at, display, note, fix=f"Update {name} on line {at.line} as {others} are"))
    return out


def _shrinking(update) -> tuple[int, int] | None:
    """(how many times the updates of a count, each dividing it by the same number, shrank it in
    all, the count before the first) of a count updated `d //= 2` in a loop; None where the steps differ."""
    values = []
    while update is not None and len(values) < 64:
        values.append(update.value)
        update = update.before
    values.reverse()
    if not values or any(v <= 0 for v in values):
        return None
    steps = {a // b for a, b in zip(values, values[1:]) if a % b == 0}
    if len(values) > 1 and (len(steps) != 1 or any(a % b for a, b in zip(values, values[1:]))):
        return None
    step = steps.pop() if steps else None
    return (step ** len(values), values[0] * step) if step is not None and step > 1 else None


def _spans_of_the_count(node, argument: str) -> set:
    """Where a layer's count may be reported: its line, where the argument is written, the calls
    on the way that passed it down, and where the local the outermost passed was bound."""
    origin = node.arg_origins.get(argument) or (None, None, None, ())
    return {node.span, node.written_at.get(argument), origin[0], origin[2], *(level[0] for level in origin[3])}


def _update_running_the_model(display: str, model: ModelAnalysis, at: Span, settings: Settings):
    """The trial edit (EachBuilt) giving each evaluation of the update at `at` the count arriving
    at the layers reading it, with which the model runs clean; None where there is none, or the
    update may not be the line to change (_readers_of_the_update). A count that sized a layer's
    out width too (a transition's `inplanes // 2`) changes what arrives after it: met by running
    again with the counts found so far."""
    from convlint.model import EachBuilt

    wanted, trial = _readers_of_the_update(model, at, first=True), model
    for _ in range(MAX_UPDATE_ROUNDS):
        if not wanted:
            return None
        edit = EachBuilt(wanted.get(index) for index in range(max(wanted) + 1))
        trial = model.edited_run({at: edit})
        if trial.internal_error or trial.stopped or not trial.calls:
            return None
        if not any(f.severity == "error" for f in model_diagnostics(display, trial, settings, hint_sizes=False,
                                                                    pinned_sizes=False)):
            return edit
        more = _readers_of_the_update(trial, at)
        if not more or all(wanted.get(index) == count for index, count in more.items()):
            return None
        wanted = {**wanted, **more}
    return None


def _readers_of_the_update(model: ModelAnalysis, at: Span, first: bool = False) -> dict[int, int] | None:
    """For the evaluations of the update at `at` some layer reading them refuses, the count that
    arrives there, by evaluation; None where two of its readers want different counts. On the
    model as built (`first`), None too where one of its evaluations was read right, or one before
    the last refused no layer is seen refusing, or the count it added to may be what is wrong:
    held before by another update no layer read right, or by a number not followed."""
    readers: dict[Span, list] = {}
    for node in model.constructed:
        for argument, update in node.count_read.items():
            readers.setdefault(update.at, []).append((node, argument, update))

    def read_right(update) -> bool:
        return any(u.index == update.index and _arriving(model, node, IN_DIMS[argument]) == u.value
                   for node, argument, u in readers.get(update.at, ()))

    wanted: dict[int, int] = {}
    for node, argument, update in readers.get(at, ()):
        arrived = _arriving(model, node, IN_DIMS[argument])
        if type(arrived) is not int or arrived == update.value and not first:
            continue
        if arrived == update.value or wanted.setdefault(update.index, arrived) != arrived:
            return None
        if first and update.form not in ("name", "attribute") and (
                update.before is None or update.before.at != at and not read_right(update.before)):
            return None
    if first and len(wanted) != max(wanted, default=-1) + 1:
        return None  # (an evaluation no layer refused, read through arithmetic, `cin + i * growth`, may be right)
    return wanted


def _runs_clean_edited(display: str, model: ModelAnalysis, edits: dict, settings: Settings) -> bool:
    """Whether the model built again with a trial edit ({span: value}) runs with no error."""
    trial = model.edited_run(edits)
    return not (trial.internal_error or trial.stopped) and bool(trial.calls) and not any(
        f.severity == "error" for f in model_diagnostics(display, trial, settings, hint_sizes=False, pinned_sizes=False))


def _at_the_formula_factor(display: str, model: ModelAnalysis, found: list[Diagnostic], nodes: dict) -> list[Diagnostic]:
    """A recurrent layer's input_size (a Linear's in_features) computed as a product whose one
    factor is a name computed with numbers a line or two above (`rnn_in = 64 * out_h` of
    `out_h = img_h // 8`, `self.size = filters[-1] * self.height`), where the map flattened for
    the layer is C x H: the product's other factor is one of them and that name misses the other.
    The name's line computed the wrong factor (a height formula that forgot a pool): reported
    there, the layer's line related. Where the name holds its factor, the other factor is wrong
    and the finding stays."""
    out = []
    for d in found:
        argument = ARGUMENT_OF.get(d.code, ("", 0))[0] if d.severity == "error" else ""
        node = _node_for(nodes, d) if argument in ("input_size", "in_features") else None
        hops = node.formula_hops.get(argument, ()) if node is not None else ()
        call = next((c for c in model.calls if c.node is node), None) if hops else None
        merged = call.input.merged if call is not None else None
        count = getattr(node.record, argument, None) if hops else None
        if not merged or type(count) is not int or not all(type(m) is int and m > 0 for m in merged):
            out.append(d)
            continue
        arriving = math.prod(merged)
        missed = []
        for span, value in hops:
            if value <= 0 or count % value or count == arriving:
                continue
            other = count // value
            rest = list(merged)
            if other not in rest:
                continue
            rest.remove(other)
            if math.prod(rest) != value and len(rest) == 1:
                missed.append((span, value, other, rest[0]))
        if len(missed) != 1 or missed[0][0] == d.span:
            out.append(d)
            continue
        span, value, other, wanted = missed[0]
        note = (f"and {d.layer} reads {count} = {other} x {value}, {value} computed on line {span.line}, where the map "
                f"flattened for it is {other} x {wanted}")
        out.append(_moved_to(d, span, display, note))
    return out


def _another_name_holds(node, argument: str, arriving: int, besides: frozenset = frozenset()) -> bool:
    """Whether an int name of the function that built the layer, other than the one its count
    reads and those of `besides`, held the count that arrives (`Conv2d(mid, ...)` where `planes`
    holds it)."""
    form, values = node.width_forms.get(argument, (None, {}))
    read = form[1] if form is not None and form[0] == "name" else None
    return any(value == arriving and name != read and name not in besides
               for name, value in (*node.names_at_build, *values.items()))


WINDOW_SETTERS = ("kernel_size", "dilation", "padding")  # what decides how much of the map a window needs


def _at_the_passed_window(display: str, model: ModelAnalysis, found: list[Diagnostic], nodes: dict) -> list[Diagnostic]:
    """A conv or pool whose window is larger than the map it gets, its kernel (or dilation, or
    padding) passed in by the call building its block (`nin_block(384, 10, 7, 1, 0)`), where
    another call of the same line passes another value and its instance runs: the block's line
    is right, the call's argument is the one to change."""
    failing = {(d.layer, d.span) for d in found if d.code == "CL105" and d.severity == "error"}
    out = []
    for d in found:
        node = _node_for(nodes, d) if (d.layer, d.span) in failing else None
        where = _the_window_passed_in_place_of_a_fitting_one(model, node, failing) \
            if node is not None and node.via and d.span == node.span else None
        if where is None:
            out.append(d)
            continue
        out.append(replace(d, path=where.file or display, span=where, related=(node.span, *d.related),
                           via=tuple(s for s in node.via if s.line != where.line or s.file != where.file)))
    return out


def _the_window_passed_in_place_of_a_fitting_one(model: ModelAnalysis, node, failing: set) -> Span | None:
    """Where a caller wrote the window argument of a layer too large for its map, the first of
    WINDOW_SETTERS it passes for which an instance of the same line, given another value by another
    call, is run and fits its map. None where the window is written in the layer's line, or no
    other instance shows another value running."""
    from convlint.records import field_of

    ran = {id(c.node): c.node for c in model.calls if c.node is not node and c.node.span == node.span
           and (c.node.label, c.node.span) not in failing}
    for argument in WINDOW_SETTERS:
        origin = _origin_of(node, argument)
        if origin is None:
            continue
        own = field_of(node.record, argument)
        if any(_origin_of(other, argument) not in (None, origin) and field_of(other.record, argument) != own
               for other in ran.values()):
            return origin
    return None


def _the_call_crossing_the_names(node, argument: str) -> Span | None:
    """The call on the way of a layer's argument that passes a parameter of the function called
    the name of another of its parameters (`RRDB(gc, nf)` of `RRDB(nf, gc)`), where every call
    nearer the layer passes it on under its own name (`DenseBlock(nf, gc)` inside RRDB): those
    calls forward what they got, the crossed one is where the arguments are in the wrong order.
    None where the nearest call is the one that crosses names, or no call does."""
    chain = node.names_passed.get(argument, ())
    levels = (node.arg_origins.get(argument) or (None, None, None, ()))[3]
    for index, ((parameter, passed, parameters), (span, _)) in enumerate(zip(chain, levels)):
        if passed == parameter:
            continue  # passed on under its own name
        if index == 0 or passed not in parameters:
            return None
        return next((site for site in node.via if _within(span, site)), None)
    return None


def _the_rest_explained_by_the_crossed_call(display: str, model: ModelAnalysis, found: list[Diagnostic],
                                            nodes: dict, settings: Settings) -> list[Diagnostic]:
    """Where a finding is reported at a call that crosses the names of its arguments (`RRDB(gc,
    nf)`), the model's other errors (the cat its block's next conv refuses, the residual add
    after it) are what that order breaks downstream, when every layer built through the call,
    given the width the caller's names in the right order pass, runs the model clean: one
    finding, at the call, instead of one more at each layer (or at a right layer whose width
    would make up for it)."""
    crossed = set()
    for d in found:
        node = _node_for(nodes, d)
        call = _the_call_crossing_the_names(node, ARGUMENT_OF[d.code][0]) \
            if node is not None and d.severity == "error" and d.code in ARGUMENT_OF else None
        if call is not None and _within(d.span, call):
            crossed.add(call)
    sizes = _trial_sizes(model)
    if len(crossed) != 1 or not sizes:
        return found
    (call,) = crossed
    edits = []
    for node in model.constructed:
        update = {}
        for field in WIDTH_FIELDS:
            chain, levels = node.names_passed.get(field, ()), (node.arg_origins.get(field) or (None,) * 4)[3]
            level = next((i for i, (span, _) in enumerate(levels or ()) if _within(span, call)), None)
            if level is None or level >= len(chain) or chain[level][0] == chain[level][1]:
                continue
            meant = dict(node.callers_names.get(call, ())).get(chain[level][0])  # the caller's name of that parameter
            if meant is None:
                return found
            update[field] = meant
        if update:
            edits.append((node, update))
    if not edits:
        return found
    with _records_restored([node for node, _ in edits]):
        for node, update in edits:
            node.record = node.record.model_copy(update=update)
        if not all(_runs_clean(display, model, size, settings) for size in sizes):
            return found
    return [d for d in found if d.severity != "error" or _within(d.span, call)]


def _at_the_instance_applying_its_weight(display: str, model: ModelAnalysis, found: list[Diagnostic],
                                         nodes: dict) -> list[Diagnostic]:
    """An F.linear or F.conv of a module's own parameter (an equalized-learning-rate Linear keeping
    `nn.Parameter(torch.randn(out, in))`) that refuses what arrives, where another instance of the
    same class applies it on the same line and fits: the class is right, the call constructing the
    failing instance passed the wrong width; reported there, as a layer a block builds from its
    caller's arguments is."""
    out = []
    for d in found:
        node = _node_for(nodes, d)
        argument, dim = ARGUMENT_OF.get(d.code, ("", 0))
        where = _the_instance_constructed(model, node, argument, dim) \
            if node is not None and node.functional and not node.via and d.severity == "error" and argument else None
        if where is None:
            out.append(d)
            continue
        where, path = where
        # (named by the instance, as a torch layer is: `conv2's F.conv2d = Conv2d(128, 192, ...)`)
        message = f"{path}'s {d.message}" if node.label != path and d.message.startswith(f"{node.label} = ") \
            else d.message
        out.append(replace(d, path=where.file or display, span=where, message=message,
                           related=(d.span, *d.related)))
    return out


def _the_instance_constructed(model: ModelAnalysis, node, argument: str, dim: int) -> tuple[Span, str] | None:
    """The span constructing the local module whose forward applied the functional layer `node`,
    and that module's path, where an instance of the same class built by another call applies it on
    the same line and gets the count it asks for."""
    def enclosing(call):
        return max((c for c in model.calls if c.depth == call.depth - 1 and c.start < call.start),
                   key=lambda c: c.start, default=None)

    failing = next((c for c in model.calls if c.node is node), None)
    owner = enclosing(failing) if failing is not None else None
    if owner is None or owner.node.cls is None or owner.node.via or not owner.node.path:
        return None
    fits = [c for c in model.calls if c.node.functional and c.span == failing.span and c is not failing
            and _checked(c, dim) and c.input.shape.dims[dim] == getattr(c.record, argument, None)
            and (other := enclosing(c)) is not None and other.node.cls is owner.node.cls
            and other.node.span != owner.node.span]
    return (owner.node.span, owner.node.path) if fits else None


def _at_the_overridden_default(display: str, model: ModelAnalysis, found: list[Diagnostic], nodes: dict,
                               siblings: list[ModelAnalysis] = (), settings: Settings | None = None) -> list[Diagnostic]:
    """A block's layer that fails where the call building the block gives one of its parameters a
    value in place of its default (`Split(nf, reduction=4)`, or a `partial(Split, nf=nf,
    reduction=4)` a helper calls, of a block that concatenates two branches of nf // reduction
    channels): where the block checked on its own, at its defaults, runs that layer right on an
    input as wide as the parameter the call fills with what it feeds the block, only the value given
    in place of the default sets the call apart: it is reported where it is written."""
    out = []
    for d in found:
        node = _node_for(nodes, d)
        argument, dim = ARGUMENT_OF.get(d.code, ("", 0))
        found_at = _the_default_it_overrides(model, node, argument, dim, siblings) \
            if node is not None and argument and d.severity == "error" and d.span == node.span else None
        if found_at is not None and settings is not None:
            other = _norm_reading_another_parameter(display, model, node, settings)
            if other is not None:  # (the norm's line is the slip: the call's value is what the block takes)
                out.append(replace(d, message=_qualified(d.message, other)))
                continue
        if found_at is None:
            out.append(d)
            continue
        block, parameter, where = found_at
        note = (f"and {parameter} given on line {where.line} overrides the default, with which {block} on its "
                f"own runs this layer on an input as wide")
        out.append(replace(d, path=where.file or display, span=where, message=_qualified(d.message, note),
                           related=(node.span, *d.related),
                           via=tuple(s for s in node.via if s.line != where.line or s.file != where.file)))
    return out


def _norm_reading_another_parameter(display: str, model: ModelAnalysis, node, settings: Settings) -> str | None:
    """A norm of a block that reads its width from another parameter of the block than the one the
    conv or Linear just before it reads its out width from (`nn.BatchNorm2d(out_channels)` after
    `nn.Conv2d(in_channels, mid_channels, 3)` of a DoubleConv whose call gives mid_channels), where
    every instance of the norm's line given the width its producer gives makes the model run: the
    norm's line is the slip, not the call passing the block a value in place of a default, which
    the block takes to set that conv's width. The note to add to the finding, or None."""
    from convlint.records import NormRecord

    if not isinstance(node.record, NormRecord) or not node.via:
        return None
    call = next((c for c in model.calls if c.node is node), None)
    producer = _width_producer(model, call, _by_label(model)) if call is not None else None
    if producer is None or producer.via != node.via:
        return None
    out = next((name for name in ("out_channels", "out_features") if name in producer.names_passed), None)
    ours = node.names_passed.get("num_features", ())
    theirs = producer.names_passed.get(out, ()) if out is not None else ()
    if not ours or not theirs or ours[0][0] == theirs[0][0]:
        return None
    sizes = _trial_sizes(model)
    if not sizes or model.rerun is None:
        return None
    with _each_given_what_arrives(_on_line(model, node.span), model, "num_features", 1):
        if not all(_runs_clean(display, model, size, settings) for size in sizes):
            return None
    return (f"and it reads {ours[0][0]} where {producer.label} on line {producer.span.line}, whose output it "
            f"normalises, is given {theirs[0][0]}")


def _the_default_it_overrides(model: ModelAnalysis, node, argument: str, dim: int,
                              siblings: list[ModelAnalysis]) -> tuple | None:
    """For _at_the_overridden_default: (the block's class name, the parameter, where its value is
    written), where the failing layer is one the block's constructor builds, the call building the
    block gives one parameter with a default a value (of two, which is wrong is not known), and a
    model of the file is that class built at its defaults whose input is as wide as one of its
    required parameters, its every run of the layer's line checked and fitting; where the block
    here is fed just what the call gives that parameter. (A model whose input's width its own
    layer chose says nothing of the widths callers pass.)"""
    from convlint.symbolic import argument_symbol

    block = next((n for n in model.constructed if n.cls is not None and n.path
                  and node.path.startswith(n.path + ".") and node.via == (*n.via, n.span)), None)
    if block is None or len(block.defaults_overridden) != 1:
        return None
    fed = next((c.input.shape.dims for c in model.calls if c.node is block), None)
    for witness in siblings:
        root = witness.root
        if root is None or root.cls is not block.cls or root.defaults_overridden or witness.channels_inferred \
                or witness.input is None or not fed or not witness.input.shape.dims \
                or len(witness.input.shape.dims) != len(fed) \
                or len(fed) <= max(dim, 0) or not (is_known(fed[dim]) or is_width(fed[dim])):
            continue
        width = witness.input.shape.dims[dim]
        runs = [c for c in witness.certain().calls if c.node.span == node.span]
        if not any(argument_symbol(name) == width for name in witness.argument_symbols) \
                or _given_in_place_of(model, block, witness, width) != fed[dim] \
                or not runs or len(runs) != len([c for c in witness.calls if c.node.span == node.span]):
            continue
        if all(_checked(c, dim) and c.input.shape.dims[dim] == getattr(c.record, argument, None)
               for c in runs):
            (overridden, where), = block.defaults_overridden.items()
            return block.cls.name, overridden, where
    return None


def _given_in_place_of(model: ModelAnalysis, block, witness: ModelAnalysis, symbol) -> object:
    """What the call building `block` gives the parameter that `symbol` stands for in the block
    checked on its own (`witness`): read off a layer the block builds with that parameter as a
    width, unchanged (`nn.Conv2d(nf, gw, 1)`); None where no such layer tells, or two disagree."""
    here = {n.path: n for n in model.constructed}
    seen = set()
    for layer in witness.constructed:
        instance = here.get(f"{block.path}.{layer.path}") if layer.path else None
        if instance is None or instance.span != layer.span:
            continue
        for width in WIDTH_FIELDS:
            if getattr(layer.record, width, None) == symbol:
                seen.add(getattr(instance.record, width, None))
    return next(iter(seen)) if len(seen) == 1 else None


WIDTH_FIELDS = ("in_channels", "out_channels", "in_features", "out_features", "num_features")
MAX_PRODUCER_TRIALS = 4  # (failing line, producer line) pairs tried per model (each: two reruns per size)


def _at_the_producer(display: str, model: ModelAnalysis, found: list[Diagnostic], nodes: dict,
                     settings: Settings) -> list[Diagnostic]:
    """Blame the layer that changes the width where it should keep it: a conv or Linear that takes
    the count the failing layer expects and gives out another (`Conv2d(dim, dim // 2, 1)` before
    `BatchNorm2d(dim)`, in a model where every layer keeps dim). Where giving that layer (every
    instance of its line) out_channels = its in_channels runs the model clean, and giving the
    failing layer the count that arrives does not, the producer's line is reported; where both
    run clean (the norm's own count may be what was edited), the failing layer stays blamed."""

    sizes = _trial_sizes(model)
    if model.rerun is None or not sizes:
        return found
    by_label = _by_label(model)
    suspects: dict[int, tuple] = {}  # index in found -> (failing line, producer node, argument, dim)
    for index, d in enumerate(found):
        failure = _width_failure(d, model, nodes, by_label, through=True)
        if failure is None:
            continue
        node, call, argument, dim, producer = failure
        width, taken = _widths_of(producer.record)
        expected = getattr(call.record, argument, None)
        record = producer.record
        if getattr(record, width) == call.input.shape.dims[dim] and getattr(record, taken) == expected \
                and (is_known(expected) or is_width(expected)) and getattr(record, "groups", 1) == 1:
            suspects[index] = (node.span, producer, argument, dim)  # a layer that should keep the width it takes
    verdicts: dict[tuple, bool] = {}
    for key in sorted({(failing, producer.span) for failing, producer, _, _ in suspects.values()},
                      key=lambda k: (k[1].line, k[1].column, k[0].line, k[0].column))[:MAX_PRODUCER_TRIALS]:
        failing, at = key
        _, producer, argument, dim = next(v for v in suspects.values() if (v[0], v[1].span) == key)
        width, taken = _widths_of(producer.record)
        line = _on_line(model, at)
        with _records_restored(line):
            for n in line:  # (each keeps the width it takes: instances of the line take different ones)
                n.record = n.record.model_copy(update={width: getattr(n.record, taken)})
            producer_fixes = all(_runs_clean(display, model, size, settings) for size in sizes)
        if producer_fixes:
            with _each_given_what_arrives(_on_line(model, failing), model, argument, dim):
                producer_fixes = not all(_runs_clean(display, model, size, settings) for size in sizes)
        verdicts[key] = producer_fixes
    out = []
    for index, d in enumerate(found):
        failing, producer, _, _ = suspects.get(index, (None, None, None, None))
        if producer is None or not verdicts.get((failing, producer.span)):
            out.append(d)
            continue
        width, taken = _widths_of(producer.record)
        where = _where_written(model, producer, width)
        note = (f"and {producer.label} on line {where.line} takes {format_dim(getattr(producer.record, taken))} and "
                f"gives out {format_dim(getattr(producer.record, width))}: given {width}="
                f"{format_dim(getattr(producer.record, taken))} the model runs, {d.layer} given what arrives does not")
        out.append(replace(d, path=where.file or display, span=where, message=_qualified(d.message, note),
                           fix=f"Set {width} to {format_dim(getattr(producer.record, taken))}",
                           related=(d.span, *d.related), layer=producer.label))
    blamed = {producer.label: producer for failing, producer, _, _ in suspects.values()
              if verdicts.get((failing, producer.span))}
    return [_with_the_width_it_gives(display, model, d, nodes, by_label, blamed) for d in out] if blamed else out


def _with_the_width_it_gives(display: str, model: ModelAnalysis, d: Diagnostic, nodes: dict, by_label: dict,
                             blamed: dict) -> Diagnostic:
    """A layer's CL107 whose input came, its width unchanged on the way, from a producer already
    blamed for the channels (F.max_unpool2d given the indices of a 64-channel pool and the 32
    channels of a conv meant to give 64): the same edit of the producer runs the model, so the
    finding goes with it."""
    node = _node_for(nodes, d, by_label=False)
    call = next((c for c in model.calls if node is not None and c.node is node), None)
    if d.severity != "error" or d.code != "CL107" or call is None or not call.input.shape.dims \
            or len(call.input.shape.dims) < 2:
        return d
    producer = _width_producer(model, call, by_label)
    if producer is None or blamed.get(producer.label) is not producer \
            or getattr(producer.record, _widths_of(producer.record)[0]) != call.input.shape.dims[1]:
        return d
    width, taken = _widths_of(producer.record)
    where = _where_written(model, producer, width)
    note = (f"and {producer.label} on line {where.line} gives out {format_dim(getattr(producer.record, width))}: "
            f"given {width}={format_dim(getattr(producer.record, taken))} the model runs")
    return replace(d, path=where.file or display, span=where, message=_qualified(d.message, note),
                   fix=f"Set {width} to {format_dim(getattr(producer.record, taken))}", related=(d.span, *d.related),
                   layer=producer.label)


def _width_failure(d: Diagnostic, model: ModelAnalysis, nodes: dict, by_label: dict,
                   through: bool = False) -> tuple | None:
    """(the failing layer, its call, the argument and dim it sizes, the conv or Linear whose output
    it refuses) of a CL103/CL104 error at the layer's own line; None for any other finding."""
    from convlint.records import ConvRecord, LinearRecord

    node = _node_for(nodes, d)
    call = next((c for c in model.calls if node is not None and c.node is node and c.input.shape.dims
                 and len(c.input.shape.dims) > 1), None)
    argument, dim = ARGUMENT_OF.get(d.code, ("", 0))
    producer = (_width_producer(model, call, by_label) if through else by_label.get(call.input.producer)) \
        if call is not None else None
    if d.severity != "error" or d.code not in ("CL103", "CL104") or call is None or d.span != node.span \
            or producer is None or not isinstance(producer.record, (ConvRecord, LinearRecord)) \
            or _a_library_layer(producer):
        return None  # (a library's layer, resnet34's last conv, is fixed: the layer refusing it is the line)
    return node, call, argument, dim, producer


def _a_library_layer(node) -> bool:
    """A layer built inside convlint's stand-in of a library (torchvision's resnet34): its width is
    the library's, no line the user could change."""
    from convlint.evaluator.imports import in_standins

    return bool(node.span.file) and in_standins(node.span.file)


def _width_producer(model: ModelAnalysis, call, by_label: dict):
    """The layer whose width reaches a call: the producer of its input, followed back through
    layers that keep the channels they are given (a block's ReflectionPad2d before its conv, the
    activation, pool or norm after the previous block's conv)."""
    return _width_producer_of(model, call.input, by_label)


def _width_producer_of(model: ModelAnalysis, tensor, by_label: dict):
    """_width_producer of a tensor."""
    from convlint.records import (AdaptivePoolRecord, ElementwiseRecord, MaxUnpoolRecord, NormRecord, PadRecord,
                                  PoolRecord, UpsampleRecord)

    calls = _first_calls_by_label(model)

    def layer(label):  # (a functional call, F.max_unpool2d, is a layer its call made, not one the model built)
        return by_label.get(label) or (calls[label].node if label in calls else None)

    producer, seen = layer(tensor.producer), set()
    while producer is not None and producer.label not in seen and isinstance(
            producer.record, (ElementwiseRecord, PadRecord, PoolRecord, AdaptivePoolRecord, UpsampleRecord, NormRecord,
                              MaxUnpoolRecord)):
        seen.add(producer.label)
        before = calls.get(producer.label)
        producer = layer(before.input.producer) if before is not None else None
    return producer


# the arguments a layer's widths are written in: what a new number at a finding's place changes
WIDTH_ARGUMENTS = ("in_channels", "out_channels", "num_features", "in_features", "out_features", "num_channels")
MAX_ODD_PRODUCER_TRIALS = 2  # findings tried per model by _at_the_odd_producer, each two reruns per size


def _at_the_odd_producer(display: str, model: ModelAnalysis, found: list[Diagnostic], nodes: dict,
                         settings: Settings) -> list[Diagnostic]:
    """Blame the conv or Linear whose out_channels is the odd one out (`Conv2d(1, 32, 3)` at the
    head of a trunk whose blocks, built in a loop as `ConvReLU(64)`, and whose last conv all take
    64): the edit the finding asks for (the blocks' 64 made 32) moves the failure downstream, to
    the next layer that takes the old count; the producer given out_channels = the count the
    failing layer expects runs the model clean. Where that edit of the finding's place runs the
    model clean too, the finding stays where it is."""
    # (an input whose rank nothing fixes, where Linears take any, is run again symbolic: the edit is
    # then asked to leave no error met, not to run)
    sizes = _trial_sizes(model) or ([None] if model.input_shape is None else [])
    if model.rerun is None or not sizes:
        return found
    by_label, out, tried, before = _by_label(model), [], 0, {}
    for d in found:
        failure = _refused_width(d, model, nodes, by_label, features=True)
        if failure is None or tried >= MAX_ODD_PRODUCER_TRIALS:
            out.append(d)
            continue
        node, call, argument, dim, producer = failure
        width = _widths_of(producer.record)[0]
        expected, arrived = getattr(call.record, argument, None), call.input.shape.dims[dim]
        line = _on_line(model, producer.span)
        edited = _what_the_finding_edits(model, d, node, arrived)
        # a line building one width is given the count expected; one building several (a block's
        # `planes * 2` in stages of other planes), each instance the same multiple of its own
        scaled = _each_instance_scaled(line, producer, width, expected) if is_known(expected) else None
        if not (is_known(expected) and is_known(arrived)) or not edited or getattr(producer.record, width) != arrived \
                or (scaled is None and any(getattr(n.record, width, None) != arrived for n in line)):
            out.append(d)
            continue
        tried += 1
        _errors_before(display, model, sizes, settings, before)
        with _records_changed_each(scaled or [(n, width, expected) for n in line]):
            fixes = _widths_run(display, model, sizes, settings, before)
        odd = None
        if fixes:
            with _records_changed_each(edited):
                fixes = not _widths_run(display, model, sizes, settings, before)
            if fixes and d.span != node.span and model.edited_run is not None \
                    and _runs_clean_edited(display, model, {d.span: arrived}, settings):
                # (moved to a block's argument, `Block(256)`, whose every count follows it: rebuilt with
                # what arrives there, `2 * channel` of its fuse conv too, the model runs: that edit is a fix)
                fixes = False
            # both edits run: the producer's width still the one to change where no other layer
            # takes or gives it, and the count the failing layer expects is what others agree on
            odd = _widths_agreeing(model, line, node, expected, arrived) if not fixes else None
            fixes = fixes or odd is not None
        if not fixes:
            out.append(d)
            continue
        where = _where_written(model, producer, width)
        if _read_by_other_layers(model, where, line):
            where = producer.span  # (`feature_num_2 = 96` read right by other layers: the layer's own line)
        runs, stops = ("the model runs", "stops it") if sizes != [None] else \
            ("every layer takes what it gets", "leaves a layer refusing what it gets")
        why = (f"{format_dim(arrived)} written for {d.layer} instead {stops} further on" if odd is None else
               f"{odd} other layers take or give {format_dim(expected)}, none {format_dim(arrived)}")
        note = (f"and {producer.label} on line {where.line} gives out {format_dim(arrived)}: given {width}="
                f"{format_dim(expected)}{_each_alike(scaled, arrived, expected)} {runs}; {why}")
        out.append(replace(d, path=where.file or display, span=where, message=_qualified(d.message, note),
                           fix=f"Set {width} to {format_dim(expected)}", related=(d.span, *d.related),
                           layer=producer.label, via=tuple(s for s in producer.via if not _within(where, s))))
    return out


def _read_by_other_layers(model: ModelAnalysis, where: Span, line: list) -> bool:
    """Whether a count written at `where`, out of the layer's own call (a local bound from a number,
    `feature_num_2 = 96`), gives a width to a layer other than those the layer's line builds: the
    number is right for them, the layer that reads it is what to change."""
    return any(n not in line and n.span != where and any(n.written_at.get(a) == where for a in WIDTH_ARGUMENTS)
               for n in model.constructed) and not any(_within(where, n.span) for n in line)


MAX_CAT_OPERAND_TRIALS = 2  # findings tried per model by _at_the_odd_cat_operand


def _built_alike(model: ModelAnalysis, node, argument: str) -> list:
    """The layers whose `argument` is written where the node's is (one row of a table, or a call's
    count, built once per stage; each instance a trial edit of that place changes): the node's line
    where the count has no origin of its own."""
    origin = node.arg_origins.get(argument)
    if origin is None:
        return _on_line(model, node.span)
    return [n for n in model.constructed if n.arg_origins.get(argument) == origin]


def _at_the_odd_cat_operand(display: str, model: ModelAnalysis, found: list[Diagnostic], nodes: dict,
                            settings: Settings) -> list[Diagnostic]:
    """Blame the layer making one map of a channel cat that a stage's first conv refuses, where the
    same count, written once for every stage (`head(64 + parts, parts)` in a loop, one row of a
    table per stage), is what each other stage's cat brings: the first stage's map of 9 beside the
    64 features, where the later stages' heads give `parts` = 10. The count is right for the other
    stages; the operand whose layer, given the difference, runs the model clean is what to change.
    Where the conv's own edit runs it too, or no operand's or several do, the finding stays."""
    from convlint.records import ConvRecord, LinearRecord

    sizes = _trial_sizes(model) or ([None] if model.input_shape is None else [])
    if model.rerun is None or not sizes:
        return found
    by_label, out, tried, before, seen = _by_label(model), [], 0, {}, set()
    for d in found:
        node = _node_for(nodes, d) if d.severity == "error" and d.code == "CL103" else None
        call = next((c for c in model.calls if node is not None and c.node is node and not c.speculative
                     and c.input.shape.dims and len(c.input.shape.dims) > 1), None)
        op = next((o for o in model.ops if call is not None and o.op in CAT_OPS and o.result is call.input
                   and not o.problem), None)
        dim = op.detail.get("dim") if op is not None else None
        expected = getattr(call.record, "in_channels", None) if call is not None else None
        arrived = call.input.shape.dims[1] if call is not None else None
        if op is None or tried >= MAX_CAT_OPERAND_TRIALS or not isinstance(dim, int) \
                or dim % len(call.input.shape.dims) != 1 or type(expected) is not int or type(arrived) is not int \
                or getattr(call.record, "groups", 1) != 1:
            out.append(d)
            continue
        instances = _built_alike(model, node, "in_channels")
        fed = [c for c in model.calls if c.node is not node and any(c.node is n for n in instances)
               and not c.speculative and c.input.shape.dims and len(c.input.shape.dims) > 1]
        if not fed or any(c.input.shape.dims[1] != expected for c in fed):
            out.append(d)  # (no other stage shows the count right)
            continue
        # the other stages' cats, of as many maps: the width each brings at each place
        theirs = [[t.shape.dims[1] if t.shape.dims is not None and len(t.shape.dims) > 1 else None
                   for t in o.operands] for c in fed for o in model.ops
                  if o.op in CAT_OPS and o.result is c.input and len(o.operands) == len(op.operands)]
        candidates = []
        for index, operand in enumerate(op.operands):
            producer = _width_producer_of(model, operand, by_label)
            if producer is None or not isinstance(producer.record, (ConvRecord, LinearRecord)) \
                    or getattr(producer.record, "groups", 1) != 1 or producer is node:
                continue
            width = _widths_of(producer.record)[0]
            given = getattr(producer.record, width, None)
            alike = _built_alike(model, producer, width)
            if type(given) is not int or operand.shape.dims is None or len(operand.shape.dims) < 2 \
                    or operand.shape.dims[1] != given or given + expected - arrived <= 0 \
                    or any(getattr(n.record, width, None) != given for n in alike):
                continue
            candidates.append((producer, width, given, [(n, width, given + expected - arrived) for n in alike], index))
        if not candidates:
            out.append(d)
            continue
        tried += 1
        _errors_before(display, model, sizes, settings, before)
        running = []
        for candidate in candidates:
            with _records_changed_each(candidate[3]):
                if _widths_run(display, model, sizes, settings, before):
                    running.append(candidate)
        edited = _what_the_finding_edits(model, d, node, arrived)
        if len(running) > 1 and theirs:
            # (each runs: the map the other stages bring at that place with the count wanted, the rest
            # as here, is the one)
            ours = [t.shape.dims[1] for t in op.operands]
            running = [c for c in running if all(
                widths[c[4]] == c[2] + expected - arrived
                and all(w == mine for j, (w, mine) in enumerate(zip(widths, ours)) if j != c[4]) for widths in theirs)]
        if len(running) == 1 and edited:
            with _records_changed_each(edited):
                if _widths_run(display, model, sizes, settings, before):
                    running = []
        if len(running) != 1:
            out.append(d)
            continue
        (producer, width, given, _, _), = running
        # (the number the edit changes: a table row's, where the layer reads it from one)
        origin = producer.arg_origins.get(width)
        where = origin[0] if origin is not None else _where_written(model, producer, width)
        wanted = given + expected - arrived
        if (where, d.code) in seen:
            continue  # (the stage's other head refusing the same cat: one slip, said once)
        seen.add((where, d.code))
        note = (f"and {producer.label} on line {where.line} gives {given} channels to the {op.op} on line "
                f"{op.span.line}: given {width}={wanted} the model runs, as {len(fed)} other layer(s) built "
                f"with {expected} input channels get {expected}")
        out.append(replace(d, path=where.file or display, span=where, message=_qualified(d.message, note),
                           fix=f"Set {width} to {wanted}", related=(d.span, op.span, *d.related),
                           layer=producer.label, via=tuple(s for s in producer.via if not _within(where, s))))
    return out


MAX_OUTVOTED_TRIALS = 3  # producers tried per model by _at_the_outvoted_producer, each a rerun or two rebuilds


def _at_the_outvoted_producer(display: str, model: ModelAnalysis, found: list[Diagnostic], nodes: dict,
                              settings: Settings) -> list[Diagnostic]:
    """Blame the conv or Linear whose out-width every layer it feeds refuses alike, where counts
    written apart agree on the width it should give: two consumers (the second call of a shared
    BatchNorm and the next conv, after a `Conv2d(8, 16)` meant to give 8; the time-embedding Linear
    of every ResBlock, each built with `ch * 4`, after a `TimeEmbedding(ch * 2)`), or one consumer
    that another of its calls, fed by another layer, shows right. Where the producer given that
    count (through the block argument its width is computed from, else at its own line) runs the
    model clean, one finding is reported there, the consumers related, and the others go with it.
    With one consumer (which of the two counts is the typo is not shown), a consumer taking what
    the producer gives, or counts read from one name, the findings stay."""
    sizes = _trial_sizes(model) if model.rerun is not None else []
    if not sizes and model.edited_run is None:
        return found
    verdicts: dict[int, tuple | None] = {}  # id(producer) -> (where, fix, note, layer, via, consumers' spans)
    moves: dict[int, tuple] = {}  # index in found -> (id(producer), the index of the failing call)
    before: dict = {}
    sources: dict = {}  # index of a call sizing a width -> the call whose width reaches it (computed once)
    for index, d in enumerate(found):
        if d.severity != "error" or d.code not in ("CL101", "CL103", "CL104"):
            continue
        if not sources:
            sources = {i: _width_source(model, i) for i, c in enumerate(model.calls) if _sized_count(c) is not None}
        vote = _outvoting_consumers(model, d, nodes, sources)
        if vote is None:
            continue
        key = id(vote[0])
        if key not in verdicts:
            if len(verdicts) >= MAX_OUTVOTED_TRIALS:
                continue
            verdicts[key] = _outvoted_producer_edit(display, model, vote, sizes, settings, before)
        if verdicts[key] is not None:
            moves[index] = key, vote[-1]
    # of the findings one edit explains, the one at the call that fails first is kept, as torch stops there
    first: dict[int, int] = {}  # id(producer) -> the index in found kept
    for index, (key, at) in moves.items():
        if key not in first or at < moves[first[key]][1]:
            first[key] = index
    kept = {index: key for key, index in first.items()}
    out = []
    for index, d in enumerate(found):
        if index in moves and index not in kept:
            continue  # (the same width refused at another of its consumers: one edit, reported once)
        if index not in kept:
            out.append(d)
            continue
        where, fix, note, layer, via, consumers = verdicts[kept[index]]
        moved = replace(_moved_to(d, where, display, note, fix=fix, layer=layer), via=via)
        out.append(replace(moved, related=tuple(dict.fromkeys(r for r in (*moved.related, *consumers) if r != where))))
    return out


def _outvoting_consumers(model: ModelAnalysis, d: Diagnostic, nodes: dict, sources: dict) -> tuple | None:
    """For _at_the_outvoted_producer: (the producer, its width argument, the count it gives, the
    count its consumers expect, the consumers as (layer, argument, count), the other call of one that
    takes that count or None) where every layer the producer's width reaches (through activations,
    norms, pools) refuses it, all expecting one count, written in two places at least or in one
    shown right by another call, and the index of the failing call; None otherwise. `sources`: each
    width-sizing call's _width_source, by index."""
    from convlint.records import ConvRecord, LinearRecord

    node = _node_for(nodes, d)
    argument = ARGUMENT_OF[d.code][0]
    if node is None or d.span not in {node.span, node.written_at.get(argument), _origin_of(node, argument),
                                      *(c.span for c in model.calls if c.node is node)}:
        return None  # (moved already by a step that showed another edit)
    failing = next((i for i, c in enumerate(model.calls) if c.node is node and not c.speculative
                    and (count := _sized_count(c)) is not None and count[1] != count[2]), None)
    source = sources.get(failing) if failing is not None else None
    record = source.node.record if source is not None else None
    if not isinstance(record, (ConvRecord, LinearRecord)) or getattr(record, "groups", 1) != 1:
        return None
    producer, width = source.node, _widths_of(record)[0]
    gives, at = getattr(record, width), _width_dim(source)
    if type(gives) is not int or at is None:
        return None
    consumers, places, shown = [], set(), None
    for index, source_here in sources.items():
        call = model.calls[index]
        if source_here is None or source_here.node is not producer or call.speculative:
            continue
        name, expected, arriving, dim = _sized_count(call)
        if arriving != gives or dim != at or type(expected) is not int or expected == gives \
                or getattr(call.node.record, "groups", 1) != 1:
            return None  # (a consumer taking what it gives, not known, or reached on another dim)
        consumers.append((call.node, name, expected))
        places.add(_where_a_count_is_read(call.node, name))
        # (another call shown right by a layer whose width is read where the consumer's count is, a
        # block's `channel` sizing both, is no second vote: the block's argument may be what is wrong)
        shown = shown or next((other for i, other in enumerate(model.calls) if other.node is call.node
                               and i in sources and sources[i] is not None and sources[i].node is not producer
                               and _sized_count(other)[1:3] == (expected, expected)
                               and not _read_where(sources[i].node, _where_a_count_is_read(call.node, name))),
                              None)
    wanted = {expected for _, _, expected in consumers}
    if len(wanted) != 1 or len(places) + (shown is not None) < 2 or node not in [n for n, _, _ in consumers]:
        return None
    return producer, width, gives, wanted.pop(), consumers, shown, failing


def _read_where(node, place: tuple) -> bool:
    """Whether a layer's out width is read from `place` (a _where_a_count_is_read of another layer)."""
    return any(_where_a_count_is_read(node, width) == place for width in _widths_of(node.record))


def _sized_count(call) -> tuple | None:
    """(the argument, its count, the count arriving, the input's dim it sizes) of a conv's
    in_channels, a norm's num_features or a Linear's in_features at a call; None for other layers
    or inputs of no known rank."""
    from convlint import layers
    from convlint.records import ConvRecord, LinearRecord, NormRecord

    record, dims = call.record, call.input.shape.dims
    if not dims:
        return None
    if isinstance(record, ConvRecord) and type(record.ndim) is int:
        count = layers.channel_dim(call.input.shape, record.ndim)
        return None if count is None else ("in_channels", record.in_channels, count, len(dims) - record.ndim - 1)
    if isinstance(record, NormRecord) and record.kind in ("batch", "group") and len(dims) > 1:
        return "num_features", record.num_features, dims[1], 1
    if isinstance(record, LinearRecord):
        return "in_features", record.in_features, dims[-1], len(dims) - 1
    return None


def _width_dim(call) -> int | None:
    """The dim of a conv's or Linear's output its out width sizes."""
    from convlint.records import ConvRecord

    dims = call.output.shape.dims
    if not dims:
        return None
    if isinstance(call.record, ConvRecord):
        return len(dims) - call.record.ndim - 1 if len(dims) in (call.record.ndim + 1, call.record.ndim + 2) else None
    return len(dims) - 1


def _width_source(model: ModelAnalysis, index: int):
    """The call of the layer whose out width reaches the input of the call at `index`, followed back
    through the layers that keep the channels (activations, norms, pools, pads, upsampling) to the
    very call that gave out each tensor: of a layer called several times (one pool after each
    conv, a shared norm), the call that ran last before, not its first."""
    from convlint.records import (AdaptivePoolRecord, ContainerRecord, ElementwiseRecord, MaxUnpoolRecord, ModelRecord,
                                  NormRecord, PadRecord, PoolRecord, UpsampleRecord)

    calls, tensor = model.calls, model.calls[index].input
    for _ in range(len(calls)):
        index = next((i for i in range(index - 1, -1, -1) if calls[i].node.label == tensor.producer
                      and calls[i].output.shape == tensor.shape
                      and not isinstance(calls[i].record, (ContainerRecord, ModelRecord))), None)
        if index is None:
            return None
        if not isinstance(calls[index].record, (ElementwiseRecord, PadRecord, PoolRecord, AdaptivePoolRecord,
                                                UpsampleRecord, NormRecord, MaxUnpoolRecord)):
            return calls[index]
        tensor = calls[index].input
    return None


def _where_a_count_is_read(node, argument: str) -> tuple:
    """Where a layer's count comes from, so that counts read from one place (a running count, a
    local, an attribute passed to each block) count as one vote: that place; else where written."""
    update = node.count_read.get(argument)
    if update is not None:
        return "update", update.at
    if argument in node.bound_at:
        return "bound", node.bound_at[argument]
    origin = node.arg_origins.get(argument)
    if origin is not None:
        passed = node.names_passed.get(argument) or ()
        name = passed[-1][1] if passed else None
        return ("bound", origin[2]) if origin[2] is not None else ("name", name) if name is not None \
            else ("at", origin[0])
    return "at", node.written_at.get(argument, node.span)


def _outvoted_producer_edit(display: str, model: ModelAnalysis, vote: tuple, sizes: list, settings: Settings,
                            before: dict) -> tuple | None:
    """For _at_the_outvoted_producer: (where, fix, note, layer, via, the consumers' spans) of the edit
    giving the producer the count its consumers expect that runs the model clean: the argument of
    the block around it its width is computed from (`TimeEmbedding(ch * 2)` of a `dim * 4` Linear),
    where a rebuild with that argument scaled runs; else the producer's own count. None where
    neither runs."""
    producer, width, gives, wanted, consumers, shown, _ = vote
    names = list(dict.fromkeys(n.label for n, _, _ in consumers))
    spans = tuple(dict.fromkeys(n.span for n, _, _ in consumers))
    agree = (f"{_listed_plain(names)} {'each take' if len(names) > 1 else 'takes'} {wanted}"
             + (f" ({shown.node.label}'s call on line {shown.span.line} is given {wanted} by "
                f"{_width_source_label(model, shown)})" if shown is not None else ""))
    # (an input whose sizes are not known is not run: every layer then takes what it gets)
    runs = "the model runs" if sizes or _concrete_input(model) else "every layer takes what it gets"
    edit = _block_argument_giving(display, model, producer, width, gives, wanted, [n for n, _, _ in consumers],
                                  settings)
    if edit is not None:
        block, parameter, value, at, new = edit
        note = (f"and {producer.label} gives out {gives} where {agree}: {block.label} is built with "
                f"{parameter}={value} on line {at.line}, and given {parameter}={new} {runs}")
        via = tuple(s for s in block.via if not _within(at, s))
        return at, f"Give {block.label} {parameter}={new}, so that {producer.label} gives out {wanted}", note, \
            block.label, via, spans
    found = _edits_of_the_width(model, producer, width, gives, wanted)
    line = _on_line(model, producer.span)
    if found is None and any(getattr(n.record, width, None) != gives for n in line):
        return None  # (instances of the line giving other widths: the line's count is right for them)
    where, edits = found if found is not None else (_where_written(model, producer, width),
                                                    [(n, width, wanted) for n in line])
    if not _runs_given(display, model, producer, width, wanted, where, edits, sizes, settings, before):
        return None
    note = f"and {producer.label} on line {where.line} gives out {gives} where {agree}: given {width}={wanted} {runs}"
    via = tuple(s for s in producer.via if not _within(where, s))
    return where, f"Set {width} to {wanted}", note, producer.label, via, spans


def _runs_given(display: str, model: ModelAnalysis, producer, width: str, wanted: int, where: Span, edits: list,
                sizes: list, settings: Settings, before: dict) -> bool:
    """Whether the model runs clean with the producer's width edited: its records changed and the
    model rerun at the trial sizes, or, for a model not rerun so (one of several inputs), built
    again with `wanted` written where the width is, the rebuilt producer giving it."""
    if sizes:
        _errors_before(display, model, sizes, settings, before)
        with _records_changed_each(edits):
            return _widths_run(display, model, sizes, settings, before)
    return _rebuilt_giving(display, model, producer, width, wanted, {where: wanted}, settings)


def _rebuilt_giving(display: str, model: ModelAnalysis, producer, width: str, wanted: int, edits: dict,
                    settings: Settings) -> bool:
    """Whether the model built again with `edits` ({span: value}) has the producer give `wanted` and
    runs with no error."""
    if model.edited_run is None:
        return False
    trial = model.edited_run(edits)
    rebuilt = next((n for n in trial.constructed if n.path == producer.path), None)
    return not (trial.internal_error or trial.stopped) and bool(trial.calls) and rebuilt is not None \
        and getattr(rebuilt.record, width, None) == wanted and not any(
            f.severity == "error" for f in model_diagnostics(display, trial, settings, hint_sizes=False,
                                                             pinned_sizes=False))


def _width_source_label(model: ModelAnalysis, call) -> str:
    index = next(i for i, c in enumerate(model.calls) if c is call)
    source = _width_source(model, index)
    return source.node.label if source is not None else "another layer"


MAX_OUTVOTED_REBUILDS = 2  # block arguments tried per producer by _block_argument_giving


def _block_argument_giving(display: str, model: ModelAnalysis, producer, width: str, gives: int, wanted: int,
                           consumers: list, settings: Settings) -> tuple | None:
    """(the block, its parameter, the value written, where, the value that runs) of the argument of
    the nearest block around the producer (and around none of its consumers) that, scaled by
    wanted / gives, has the rebuilt producer give `wanted` and the model run clean; None."""
    if model.edited_run is None or not producer.path:
        return None
    blocks = sorted((n for n in model.constructed if n.cls is not None and n.path and n.arguments_written
                     and producer.path.startswith(n.path + ".")
                     and not any(c.path.startswith(n.path + ".") for c in consumers)),
                    key=lambda n: -len(n.path))
    if not blocks:
        return None
    block = blocks[0]
    values = _argument_values(model, block)
    tried = 0
    for parameter, at in block.arguments_written.items():
        value = values.get(at)
        if type(value) is not int or value <= 0 or (value * wanted) % gives:
            continue
        new = value * wanted // gives
        if tried >= MAX_OUTVOTED_REBUILDS:
            return None
        tried += 1
        if _rebuilt_giving(display, model, producer, width, wanted, {at: new}, settings):
            return block, parameter, value, at, new
    return None


def _argument_values(model: ModelAnalysis, block) -> dict:
    """The int value each argument written for a block's call holds, by where it is written, as the
    layers inside the block read it (passed on unchanged, or as a part of a count)."""
    spans, values = set(block.arguments_written.values()), {}
    for n in model.constructed:
        if not n.path.startswith(block.path + "."):
            continue
        for parts in n.arg_parts.values():
            for _, value, origin in parts:
                if origin[0] in spans:
                    values.setdefault(origin[0], value)
        for at, value in n.scaled_from.values():
            if at in spans:
                values.setdefault(at, value)
        for name, origin in n.arg_origins.items():
            if origin[0] in spans:
                values.setdefault(origin[0], getattr(n.record, name, None))
    return values


def _widths_agreeing(model: ModelAnalysis, line: list, node, expected, arrived) -> int | None:
    """How many layers besides the producer's line and the failing layer take or give the count
    the failing layer expects (`hidden` of a VQ-VAE encoder's conv after `Conv2d(c, hidden * 2)`,
    its residual branches and last conv): two at least, where none takes or gives the count the
    producer gives out (that width is the odd one) and the producer computes its own from a name
    holding the count expected (`hidden`); None otherwise (a consumer's own typo, where the layers
    around take what arrives, or one where the producer's width is a number or name of its own,
    or a deliberate step of a name, `hidden // 2` before a decoder's last layer, stays the consumer's)."""
    from convlint.records import ConvRecord, LinearRecord, NormRecord

    if not any(expected in n.out_reads for n in line):
        return None  # (a width written for the producer in a form of its own: the consumer's may be the typo)
    if any(n.out_stepped for n in line):
        return None  # (`hidden // 2` of a decoder's halving stage is meant: the consumer reading `hidden` is the slip)
    skipped = {id(n) for n in line} | {id(node)}
    agreeing = 0
    for other in {id(c.node): c.node for c in model.calls}.values():
        if id(other) in skipped or not isinstance(other.record, (ConvRecord, LinearRecord, NormRecord)):
            continue
        widths = {getattr(other.record, name, None) for name in WIDTH_ARGUMENTS}
        if arrived in widths or any(not is_known(w) for w in widths if w is not None):
            return None  # (a width not known may be either)
        agreeing += expected in widths
    return agreeing if agreeing >= 2 else None


MAX_PATTERN_TRIALS = 2  # findings tried per model by _at_the_producer_off_the_pattern, each a rerun per size
PROGRESSION_SAMPLES = (16, 32, 48)  # values of a widths' argument their steps are compared at


def _at_the_producer_off_the_pattern(display: str, model: ModelAnalysis, found: list[Diagnostic], nodes: dict,
                                     settings: Settings) -> list[Diagnostic]:
    """Blame the conv or Linear whose out-width breaks a pattern the layers around it keep, where
    the consumer's count follows it (_off_the_progression: a critic's blocks `features_d -> *2 ->
    *4 -> *8`, the middle one's out edited to `features_d * 8`; _off_the_joins: a U-Net decoder
    stage giving half the width of the skip it is joined with, where every other join is of equal
    widths). Given the count the pattern asks (with every layer its caller's argument sizes, its
    norm alike), the producer runs the model. The consumer's edit might run it too, but would leave
    it the one layer off the pattern. Where no pattern shows (a plain two-layer mismatch, a stack
    keeping its width), the consumer stays blamed."""
    # (an input whose channels are not known is not rerun: the pattern alone moves the finding, and
    # the note says only that the consumer then gets its count)
    sizes = _trial_sizes(model) if model.rerun is not None else []
    by_label, calls = _by_label(model), _first_calls_by_label(model)
    out, tried = [], 0
    for d in found:
        suspect = None
        if (tried < MAX_PATTERN_TRIALS or not sizes) and d.severity == "error" and d.code in ("CL103", "CL104"):
            failure = _refused_width(d, model, nodes, by_label, through=True)
            suspect = (_off_the_progression(model, failure, by_label, calls) if failure is not None else None) \
                or _off_the_joins(model, d, nodes, by_label)
        if suspect is None:
            out.append(d)
            continue
        tried += 1
        producer, edits, where, expected, why = suspect
        with _records_changed_each(edits):
            met = [_errors_met_at(display, model, size, settings) for size in sizes]
            if sizes and all(errors and all(code in TOO_SMALL for _, code in errors) for errors in met):
                # (an encoder of seven pools shrinks 64 and 32 pixels to nothing: a side it takes)
                for size in _trial_sizes(model, DEEP_SIDES) if len(sizes) > 1 else []:
                    met.append(_errors_met_at(display, model, size, settings))
                    if not (met[-1] and all(code in TOO_SMALL for _, code in met[-1])):
                        break  # (clean, or met with another error: the side settles it)
        # clean at a size of real use; at the smaller one only a map too small for the head, if anything
        if sizes and (None in met or frozenset() not in met
                      or any(code not in TOO_SMALL for errors in met for _, code in errors)):
            out.append(d)
            continue
        width, taken = _widths_of(producer.record)
        then = "the model runs" if sizes else f"{d.layer} gets the count it takes"
        note = (f"and {producer.label} on line {where.line} takes {format_dim(getattr(producer.record, taken))} and "
                f"gives out {format_dim(getattr(producer.record, width))}, {why}: given {width}="
                f"{format_dim(expected)} {then}")
        via = tuple(s for s in producer.via if s.line != where.line or s.file != where.file)
        out.append(replace(d, path=where.file or display, span=where, message=_qualified(d.message, note),
                           fix=f"Set {width} to {format_dim(expected)}", related=(d.span, *d.related),
                           layer=producer.label, via=via))
    return out


def _off_the_progression(model: ModelAnalysis, failure: tuple, by_label: dict, calls: dict) -> tuple | None:
    """(producer, edits, where its out-width is written, the count expected, why) where the
    producer of a refused width is the one layer off its stack's step: the layer before it, fed as
    it expects, and the failing layer both step their width by the same ratio (or the same
    difference) other than one, the failing layer's count is that step from the producer's
    in-width, and the producer's own step is another; None otherwise."""
    from convlint.records import ConvRecord, LinearRecord

    node, call, argument, dim, producer = failure
    width, taken = _widths_of(producer.record)
    if not isinstance(node.record, (ConvRecord, LinearRecord)) or _widths_of(node.record)[1] != argument:
        return None
    expected, arrived = getattr(node.record, argument), call.input.shape.dims[dim]
    before_call = calls.get(producer.label)
    previous = _width_producer(model, before_call, by_label) if before_call is not None else None
    if previous is None or not isinstance(previous.record, (ConvRecord, LinearRecord)) \
            or getattr(previous.record, "groups", 1) != 1 or getattr(producer.record, width) != arrived:
        return None
    taken_by_producer = getattr(producer.record, taken)
    previous_gives, previous_takes = (getattr(previous.record, w) for w in _widths_of(previous.record))
    if previous_gives != taken_by_producer:
        return None  # the layer before is off too: no step shown
    steps = [_width_step(previous_takes, previous_gives), _width_step(taken_by_producer, expected),
             _width_step(expected, getattr(node.record, _widths_of(node.record)[0]))]
    step = _common_step(steps)
    if step is None or step == (1, 0) or _common_step([step, _width_step(taken_by_producer, arrived)]) is not None:
        return None
    edits = _edits_of_the_width(model, producer, width, arrived, expected)
    if edits is None:
        return None
    why = f"where the layer before it and {node.label} each {_step_words(step)} their width"
    return producer, edits[1], edits[0], expected, why


def _off_the_joins(model: ModelAnalysis, d: Diagnostic, nodes: dict, by_label: dict) -> tuple | None:
    """(producer, edits, where its out-width is written, the count expected, why) where a conv or
    Linear refuses the channels of a cat of two operands of different widths, expects twice the
    width of one of them, and every other cat of two operands on the channels in the model (two at
    least) joins equal widths (a U-Net decoder stage and its skip): the other operand's producer
    is the one off; None otherwise."""
    from convlint.records import ConvRecord, LinearRecord

    node = _node_for(nodes, d)
    call = next((c for c in model.calls if node is not None and c.node is node and c.input.shape.dims
                 and len(c.input.shape.dims) > 1), None)
    argument, dim = ARGUMENT_OF.get(d.code, ("", 0))
    if call is None or dim != 1 or not isinstance(node.record, (ConvRecord, LinearRecord)) \
            or getattr(node.record, "groups", 1) != 1:
        return None
    joins = [op for op in model.ops if op.op in CAT_OPS and len(op.operands) == 2 and not op.problem
             and op.detail.get("dim") in (1, -3) and all(t.shape.dims and len(t.shape.dims) == 4 for t in op.operands)]
    tensor = _before_the_layers_keeping_the_width(model, call)
    join = next((op for op in joins if op.result == tensor), None)
    others = [op for op in joins if op is not join]
    if join is None or len(others) < 2 or any(op.operands[0].shape.dims[1] != op.operands[1].shape.dims[1]
                                              for op in others):
        return None
    expected, widths = getattr(node.record, argument), [t.shape.dims[1] for t in join.operands]
    odd = [i for i in (0, 1) if widths[i] != widths[1 - i] and _width_step(widths[1 - i], expected) is not None
           and _width_step(widths[1 - i], expected)[0] == 2]
    if len(odd) != 1:
        return None
    operand, arrived, wanted = join.operands[odd[0]], widths[odd[0]], widths[1 - odd[0]]
    producer = _width_producer_of(model, operand, by_label)
    if producer is None or not isinstance(producer.record, (ConvRecord, LinearRecord)) \
            or getattr(producer.record, "groups", 1) != 1:
        return None
    width = _widths_of(producer.record)[0]
    edits = _edits_of_the_width(model, producer, width, arrived, wanted)
    if edits is None:
        return None
    why = (f"joined on line {join.span.line} with {format_dim(wanted)} channels where every other join of the model "
           f"is of equal widths")
    return producer, edits[1], edits[0], wanted, why


def _before_the_layers_keeping_the_width(model: ModelAnalysis, call):
    """The tensor a layer's input was before the layers that keep its channels (a pad, a norm, an
    F.interpolate): each followed back to the call that gave out that very tensor (functional
    calls share one label)."""
    from convlint.records import ElementwiseRecord, NormRecord, PadRecord, UpsampleRecord

    tensor, index = call.input, model.calls.index(call)
    while True:
        index = next((i for i in range(index - 1, -1, -1) if model.calls[i].output == tensor), None)
        if index is None or not isinstance(model.calls[index].node.record,
                                           (ElementwiseRecord, PadRecord, UpsampleRecord, NormRecord)):
            return tensor
        tensor = model.calls[index].input


def _edits_of_the_width(model: ModelAnalysis, producer, width: str, was, wanted) -> tuple | None:
    """(where the producer's out-width is written, the edits giving it `wanted` there): every layer
    whose width is read from that place (the norm after it, given the same argument), where they
    all hold `was`; None where it is written nowhere of its own."""
    where = _origin_of(producer, width) or producer.written_at.get(width)
    if where is None:
        return None
    given = [(n, name) for n in model.constructed for name in WIDTH_ARGUMENTS
             if (_origin_of(n, name) or n.written_at.get(name)) == where]
    if producer not in [n for n, _ in given] or any(getattr(n.record, name, None) != was for n, name in given):
        return None
    return where, [(n, name, wanted) for n, name in given]


def _width_step(was, becomes) -> tuple | None:
    """(ratio, difference) from one width to another, each None where it is not the same at every
    value of the widths' argument (`2*ndf` to `4*ndf`: ratio 2, no one difference)."""
    from fractions import Fraction

    symbols = {symbol_of(w) for w in (was, becomes) if not is_known(w)}
    if len(symbols) > 1 or None in symbols or not all(is_known(w) or is_width(w) for w in (was, becomes)):
        return None
    pairs = {(symbolic.evaluate(was, v), symbolic.evaluate(becomes, v)) for v in PROGRESSION_SAMPLES}
    if any(a is None or b is None or a <= 0 or b <= 0 for a, b in pairs):
        return None
    ratios, differences = {Fraction(b, a) for a, b in pairs}, {b - a for a, b in pairs}
    return (ratios.pop() if len(ratios) == 1 else None, differences.pop() if len(differences) == 1 else None)


def _step_words(step: tuple) -> str:
    """`double`, `multiply by 3/2`, `add 64 to`: a step read out."""
    from fractions import Fraction

    ratio, difference = step
    if ratio is None:
        return f"add {difference} to" if difference > 0 else f"take {-difference} from"
    return {2: "double", Fraction(1, 2): "halve"}.get(ratio, f"multiply by {ratio}")


def _common_step(steps: list) -> tuple | None:
    """The ratio or difference every step shares ((ratio, None) or (None, difference)); (1, 0)
    where they all keep the width; None where they share neither."""
    if any(s is None for s in steps):
        return None
    ratios, differences = {s[0] for s in steps}, {s[1] for s in steps}
    if ratios == {1} or differences == {0}:
        return (1, 0)
    if len(ratios) == 1 and None not in ratios:
        return (ratios.pop(), None)
    if len(differences) == 1 and None not in differences:
        return (None, differences.pop())
    return None


MAX_BODY_TRIALS = 3  # findings tried per model by _in_the_block_body, each up to a few reruns per size


def _in_the_block_body(display: str, model: ModelAnalysis, found: list[Diagnostic], nodes: dict,
                       settings: Settings) -> list[Diagnostic]:
    """A width finding moved to the call building a block (`Encoder(chans[i], chans[i + 1])`,
    `DenseLayer(80, 16)`) goes back into the block's body where the edit of that call's count, in
    the block it builds, leaves the model failing and one edit of the body runs it clean at every
    instance: the failing layer's line given what arrives, where what arrives is what another
    argument of the same call holds (`nn.Conv2d(out_channels, ...)` with `in_channels` read
    nowhere), or the line giving out the width that reaches it given that width less the surplus,
    where every instance is off by the same count (a dense layer's conv emitting `2 * growth`).
    Where the call's edit runs the model clean too, the finding stays at the call."""
    sizes = _trial_sizes(model)
    if model.rerun is None or not sizes:
        return found
    by_label, out, tried, moved = _by_label(model), [], 0, {}
    for d in found:
        node = nodes.get(d.layer)
        argument, dim = ARGUMENT_OF.get(d.code, ("", 0))
        call = next((c for c in model.calls if node is not None and c.node is node and c.input.shape.dims
                     and len(c.input.shape.dims) > 1), None)
        block = _the_block_built_at(model, node, d.span) if call is not None and d.severity == "error" \
            and d.code in ("CL103", "CL104") and d.span != node.span else None
        expected = getattr(call.record, argument, None) if block is not None else None
        arrived = call.input.shape.dims[dim] if block is not None else None
        if block is None or not (is_known(expected) and is_known(arrived)) or tried >= MAX_BODY_TRIALS:
            out.append(d)
            continue
        key = (d.span, expected, arrived)
        if key not in moved:
            tried += 1
            moved[key] = _the_body_edit(display, model, d, node, call, block, argument, dim, by_label, settings, sizes)
        where = moved[key]
        if where is None:
            out.append(d)
            continue
        span, via, note, fix = where
        if any(o.span == span and o.code == d.code for o in out):
            continue  # the same edit explains it: one report
        out.append(replace(d, path=span.file or display, span=span, message=_qualified(d.message, note),
                           fix=fix or d.fix, related=(d.span, *d.related), via=via))
    edits = {where[0] for where in moved.values() if where is not None}
    if not edits:
        return out
    # the body's edit runs the whole model clean: the widths it leaves wrong further on are no other edits
    return [d for d in out if d.span in edits or d.severity != "error" or d.code not in ("CL103", "CL104")]


def _the_block_built_at(model: ModelAnalysis, node, span: Span):
    """The block instance the failing layer belongs to, built by the call at (or holding) `span`."""
    if node is None or not node.via:
        return None
    return next((n for n in model.constructed if n.cls is not None and n.path and node.path.startswith(n.path + ".")
                 and n.span in node.via and (n.span == span or _within(span, n.span))), None)


def _the_body_edit(display: str, model: ModelAnalysis, d: Diagnostic, node, call, block, argument: str, dim: int,
                   by_label: dict, settings: Settings, sizes: list) -> tuple | None:
    """(span, via, note, fix) of the edit in the block's body that runs the model clean where the
    finding's own edit, in the block its call builds, does not; None otherwise."""
    arrived = call.input.shape.dims[dim]
    # the count the finding asks to change: the argument of the finding's call that carried the
    # failing layer's count (`DoubleConv(out_channels, out_channels)`: the first token, not the
    # second), and every width of the block that argument reached
    origin = node.arg_origins.get(argument)
    passed = next((level for level in (*(level for level, _ in origin[3]), origin[0])
                   if level == d.span or _within(level, d.span)), None) if origin is not None else None
    inside = [(n, name) for n in model.constructed if n.path.startswith(block.path + ".")
              for name, found in n.arg_origins.items()
              if name in WIDTH_ARGUMENTS and passed in (found[0], *(level for level, _ in found[3]))]
    if not inside:
        return None
    with _records_changed_each([(n, name, arrived) for n, name in inside]):
        if all(_runs_clean(display, model, size, settings) for size in sizes):
            return None  # the call's count fixes it: the finding is where it is
    if passed is not None and model.edited_run is not None \
            and _runs_clean_edited(display, model, {passed: arrived}, settings):
        # the block built again with the call's count (what it derives, `2 * cout` and a split by
        # `cout`, with it) runs: the call is the edit, where the widths changed in place miss those
        return None
    # the other arguments of the block's call and of the calls inside it (not of a helper's call
    # outside it, whose parameters the block's line cannot read)
    levels = origin[3] if origin is not None else ()
    within = next((i for i, (level, _) in enumerate(levels) if level == passed), len(levels) - 1)
    others = frozenset().union(*(level_others for _, level_others in levels[:within + 1])) if levels \
        else (origin[1] if origin is not None else frozenset())
    # (the line may read the wrong one only where a name it could read holds, at every instance of
    # the line, what arrives there: a helper's conv reading its own `in_ch`, right at every other
    # instance, is no such line, and the finding stays at the call that gave the wrong count)
    on_line = _on_line(model, node.span)
    holders = _names_holding_each([(n, argument, a) for n in on_line
                                   if (a := _arriving(model, n, dim)) is not None and is_known(a)])
    if arrived in others and holders:  # another argument of the call holds what arrives
        with _each_given_what_arrives(on_line, model, argument, dim):
            if all(_runs_clean(display, model, size, settings) for size in sizes):
                return (node.span, node.via, f"{format_dim(arrived)} is what another argument of the block's call "
                        f"holds: the line given it at every instance runs the model",
                        f"Read {holders[0]} for {argument}, which holds {format_dim(arrived)} here")
    expected = getattr(call.record, argument, None)
    for producer in _producers_of_the_width(model, call, by_label):
        width = _widths_of(producer.record)[0]
        origin = _origin_of(producer, width) or producer.written_at.get(width)
        if origin is None or block.span == origin or _within(origin, block.span) or not any(
                m.cls is block.cls and producer.path.startswith(m.path + ".") for m in model.constructed):
            continue  # written at the call, or outside the body of the failing layer's block
        line = [(n, name, field) for n in model.constructed for name, found in n.arg_origins.items()
                if name in WIDTH_ARGUMENTS and found[0] == origin
                and is_known(field := getattr(n.record, name, None))]
        line = line or [(n, width, getattr(n.record, width)) for n in _on_line(model, producer.span)
                        if is_known(getattr(n.record, width, None))]
        surplus = arrived - expected
        if not line or any(value - surplus <= 0 for _, _, value in line):
            continue
        with _records_changed_each([(n, name, value - surplus) for n, name, value in line]):
            if all(_runs_clean(display, model, size, settings) for size in sizes):
                via = tuple(s for s in producer.via if s.line != origin.line or s.file != origin.file)
                count, more = format_dim(abs(surplus)), "more" if surplus > 0 else "fewer"
                return (origin, via, f"every instance of {producer.label}'s line gives out {count} "
                        f"{'features' if dim == -1 else 'channels'} {more} than the layers after it take",
                        f"Make this width {count} {'smaller' if surplus > 0 else 'larger'}")
    return None


def _producers_of_the_width(model: ModelAnalysis, call, by_label: dict) -> list:
    """The convs and Linears whose widths make up what reaches a call: its producer, followed back
    through layers that keep the channels, and through a torch.cat, each of the cat's operands'."""
    from convlint.records import ConvRecord, LinearRecord

    calls = _first_calls_by_label(model)

    def back_from(tensor, depth: int) -> list:
        producer, seen = by_label.get(tensor.producer), set()
        while producer is not None and producer.label not in seen and not isinstance(
                producer.record, (ConvRecord, LinearRecord)):
            seen.add(producer.label)
            before = calls.get(producer.label)
            if before is None or before.output.shape.dims is None or before.input.shape.dims is None \
                    or len(before.input.shape.dims) < 2 or before.input.shape.dims[1] != before.output.shape.dims[1]:
                return []  # (a layer that changes the width is no way back to the one that made it)
            tensor = before.input
            producer = by_label.get(tensor.producer)
        if producer is not None:
            plain = not getattr(producer.record, "transposed", False) and getattr(producer.record, "groups", 1) == 1
            return [producer] if plain else []
        op = next((o for o in model.ops if o.result == tensor and o.op.rpartition(".")[2] in ("cat", "concat")), None)
        if op is None or depth > 0:
            return []
        return [found for operand in op.operands for found in back_from(operand, depth + 1)]

    return back_from(call.input, 0)


@contextmanager
def _records_changed_each(edits: list):
    """The layers run with each (layer, argument, value) edit made, then as they were."""
    with _records_restored([n for n, _, _ in edits]):
        for n, name, value in edits:
            n.record = n.record.model_copy(update={name: value})
        yield


def _refused_width(d: Diagnostic, model: ModelAnalysis, nodes: dict, by_label: dict,
                   through: bool = False, features: bool = False) -> tuple | None:
    """_width_failure of a CL103/CL104 error wherever it is reported: at the layer's line, or
    moved to the count its caller passes (`ConvReLU(64)` building `Conv2d(channels, channels)`).
    With `features`, a CL101 error of a Linear fed by a Linear too (`fc21 = nn.Linear(400, 20)`
    after `fc1 = nn.Linear(784, 256)`): the features of a flattened map are no one layer's width."""
    from convlint.records import ConvRecord, LinearRecord

    node = _node_for(nodes, d)
    call = next((c for c in model.calls if node is not None and c.node is node and c.input.shape.dims
                 and len(c.input.shape.dims) > 1), None)
    argument, dim = ARGUMENT_OF.get(d.code, ("", 0))
    producer = (_width_producer(model, call, by_label) if through else by_label.get(call.input.producer)) \
        if call is not None else None
    linear = features and d.code == "CL101" and producer is not None and isinstance(producer.record, LinearRecord) \
        and isinstance(node.record, LinearRecord)
    if d.severity != "error" or d.code not in ("CL103", "CL104") and not linear or call is None or producer is None \
            or not isinstance(producer.record, (ConvRecord, LinearRecord)) \
            or getattr(producer.record, "groups", 1) != 1 or getattr(node.record, "groups", 1) != 1 \
            or _a_library_layer(producer):
        return None  # (a depthwise conv's count is its groups too: a new in_channels alone is no edit of it)
    return node, call, argument, dim, producer


def _what_the_finding_edits(model: ModelAnalysis, d: Diagnostic, node, arrived) -> list[tuple]:
    """(layer, argument, new value) of the edit the finding asks for, the count that arrives
    written at its place: where the finding is at the failing layer's line, every instance of the
    line given that count where they all expect the same one (one number written for a loop's
    layers), each given what arrives at it otherwise; where it was moved to a count a caller passes
    or a local it was bound from, every layer given that count (a block's conv's in_channels and
    out_channels alike)."""
    argument, dim = ARGUMENT_OF.get(d.code, ("", 0))
    if d.span == node.span:
        line = _on_line(model, node.span)
        if len({getattr(n.record, argument, None) for n in line}) == 1:
            return [(n, argument, arrived) for n in line]
        return [(n, argument, _arriving(model, n, dim)) for n in line if _arriving(model, n, dim) is not None]
    return [(n, name, arrived) for n in model.constructed for name, found in n.arg_origins.items()
            if d.span in (found[0], found[2]) and name in WIDTH_ARGUMENTS]



def _at_the_passed_width(display: str, model: ModelAnalysis, found: list[Diagnostic], nodes: dict,
                         settings: Settings) -> list[Diagnostic]:
    """Blame the count a caller passes to the layer that makes the width the failing layer refuses
    (`conv_bn(3, 16, 2)` where the blocks after it are built from a running `input_channel` of 32):
    where every layer given that call's argument (the conv's out_channels and its norm's
    num_features alike) given the count the failing layer expects runs the model clean, and the
    failing layer given what arrives does not, the argument is reported where the caller wrote it."""
    from convlint.records import field_of

    sizes = _trial_sizes(model)
    if model.rerun is None or not sizes:
        return found
    by_label, out, tried = _by_label(model), [], 0
    for d in found:  # (at the failing layer's line, or already moved to the count its caller passes)
        failure = _width_failure(d, model, nodes, by_label, through=True) \
            or _refused_width(d, model, nodes, by_label, through=True)
        if failure is None or tried >= MAX_PASSED_TRIALS:
            out.append(d)
            continue
        node, call, argument, dim, producer = failure
        width = _widths_of(producer.record)[0]
        origin, expected = _origin_of(producer, width), getattr(call.record, argument, None)
        arrived = call.input.shape.dims[dim]
        given = [(n, name) for n in model.constructed for name in n.arg_origins
                 if _origin_of(n, name) == origin and field_of(n.record, name) == arrived]
        if origin is None or not is_known(expected) or not is_known(arrived) or not given:
            out.append(d)
            continue
        tried += 1
        with _records_restored([n for n, _ in given]):
            for n, name in given:
                n.record = n.record.model_copy(update={name: expected})
            fixes = all(_runs_clean(display, model, size, settings) for size in sizes)
        if fixes and d.span == node.span:
            with _each_given_what_arrives(_on_line(model, node.span), model, argument, dim):
                fixes = not all(_runs_clean(display, model, size, settings) for size in sizes)
        elif fixes:  # moved to the count a caller passes: that count given what arrives, in every layer reading it
            edited = _what_the_finding_edits(model, d, node, arrived)
            with _records_changed_each(edited):
                fixes = bool(edited) and not all(_runs_clean(display, model, size, settings) for size in sizes)
        if not fixes:
            out.append(d)
            continue
        note = (f"and {producer.label} on line {_line_of(model, producer)} is given {format_dim(arrived)} here: given "
                f"{format_dim(expected)} the model runs, {d.layer} given what arrives does not")
        out.append(replace(d, path=origin.file or display, span=origin, message=_qualified(d.message, note),
                           fix=f"Set {width} to {format_dim(expected)}", related=(d.span, *d.related),
                           layer=producer.label))
    return out


def _at_the_shuffled_width(display: str, model: ModelAnalysis, found: list[Diagnostic], nodes: dict,
                           settings: Settings) -> list[Diagnostic]:
    """Blame the conv before a PixelShuffle(r) that gives out the wrong multiple of its input's
    width (EDSR's upsampler `conv(n_feats, 2 * n_feats)` before PixelShuffle(2), where 4 * n_feats
    are needed): the layer after the shuffle expects the conv's own in_channels, r*r times fewer
    than it must give out, and the shuffle gives it another count. Where that conv (every instance
    its call builds) given out_channels = in_channels * r * r runs the model clean at the sizes
    tried, it is reported where that count is written (the call passing it to a helper such as
    `default_conv`, when nothing else reads that argument)."""
    from convlint.records import ConvRecord, PixelShuffleRecord

    sizes = _trial_sizes(model)
    if model.rerun is None or not sizes:
        return found
    by_label = _by_label(model)
    first_call = {}
    for c in model.calls:
        first_call.setdefault(id(c.node), c)
    runs_clean: dict[tuple, bool] = {}  # (conv line, its caller's argument) -> the model runs with it scaled
    out = []
    for d in found:
        node = _node_for(nodes, d)
        argument, dim = ARGUMENT_OF.get(d.code, ("", 0))
        # (reported at the layer, or already at the call that passed it the count it expects)
        call = first_call.get(id(node)) if node is not None and d.severity == "error" \
            and node.span in (d.span, *d.related[:1]) and d.code in ("CL103", "CL104") else None
        shuffle = by_label.get(call.input.producer) if call is not None and _checked(call, dim) else None
        shuffled = first_call.get(id(shuffle)) if shuffle is not None and isinstance(shuffle.record, PixelShuffleRecord) \
            and not shuffle.record.inverse and is_known(shuffle.record.factor) else None
        conv = by_label.get(shuffled.input.producer) if shuffled is not None else None
        expected = getattr(call.record, argument, None) if call is not None else None
        # (a width of a constructor argument nothing gives, `num_feat`, is scaled as a number is)
        if conv is None or not isinstance(conv.record, ConvRecord) or conv.record.transposed \
                or conv.record.groups != 1 or not _a_width(expected) or conv.record.in_channels != expected \
                or call.input.shape.dims[dim] == expected or len(call.input.shape.dims) < 2 \
                or not _a_width(conv.record.out_channels):
            out.append(d)
            continue
        square = shuffle.record.factor ** 2
        origin = _origin_of(conv, "out_channels")
        # the layers one edit changes: every instance of the conv's line given its count by the same call
        edited = [n for n in _on_line(model, conv.span) if _origin_of(n, "out_channels") == origin
                  and isinstance(n.record, ConvRecord) and _a_width(n.record.in_channels)]
        key = (conv.span, origin)
        if key not in runs_clean:
            if len(runs_clean) >= MAX_PRODUCER_TRIALS:
                out.append(d)
                continue
            with _records_restored(edited):
                for n in edited:
                    n.record = n.record.model_copy(update={"out_channels": dim_mul(n.record.in_channels, square)})
                runs_clean[key] = all(_runs_clean(display, model, size, settings) for size in sizes)
        if not runs_clean[key]:
            out.append(d)
            continue
        where = origin if origin is not None and not _read_by_more_than(model, origin, edited, "out_channels") \
            else conv.written_at.get("out_channels", conv.span)
        note = (f"and {conv.label} on line {where.line} gives out {format_dim(conv.record.out_channels)} for "
                f"PixelShuffle({shuffle.record.factor}), which needs {format_dim(dim_mul(expected, square))} to give "
                f"{format_dim(expected)}: given that the model runs")
        out.append(replace(d, path=where.file or display, span=where, message=_qualified(d.message, note),
                           fix=f"Set {conv.label}'s out_channels to {format_dim(dim_mul(expected, square))}",
                           related=(d.span, *d.related), layer=conv.label,
                           via=tuple(s for s in conv.via if s.line != where.line or s.file != where.file)))
    return out


def _a_width(count) -> bool:
    """A channel count known, or a width of one constructor argument (`ndf*2`)."""
    from convlint import symbolic

    return is_known(count) or symbolic.is_width(count)


def _widths_of(record) -> tuple[str, str]:
    """(the argument a conv or Linear gives out, the one it takes)."""
    from convlint.records import ConvRecord

    return ("out_channels", "in_channels") if isinstance(record, ConvRecord) else ("out_features", "in_features")


MAX_PASSED_TRIALS = 4  # caller's arguments tried per model by _at_the_passed_count, each a rerun per size


def _at_the_passed_count(display: str, model: ModelAnalysis, found: list[Diagnostic], nodes: dict,
                         settings: Settings) -> list[Diagnostic]:
    """A block built from one line by two callers, one of which passes the wrong count (VQ-VAE's
    `Decoder(embed_dim, ...)` where the concatenated top and bottom codes arrive, beside a
    `Decoder(embed_dim, ...)` that gets embed_dim): where an instance of the layer's line built
    earlier fits, no int name of the block (nor a constant) read there instead fits both (the count
    that arrives may happen to be another of its parameters, `channel`), nothing else reads the
    caller's argument, and the failing layer given the count that arrives runs the model clean at
    the sizes tried, the argument the caller wrote is the one edit: reported there."""
    sizes = _trial_sizes(model)
    if model.rerun is None or not sizes:
        return found
    runs_clean: dict[Span, bool] = {}  # the caller's argument -> the model runs with it changed
    out = []
    for d in found:
        node = _node_for(nodes, d)
        argument, dim = ARGUMENT_OF.get(d.code, ("", 0))
        origins = node.arg_origins.get(argument) if node is not None and d.severity == "error" \
            and d.span == node.span else None
        origin = origins[0] if origins is not None else None
        edited = [n for n in _on_line(model, node.span) if _origin_of(n, argument) == origin] \
            if origin is not None else []
        if origin is None or (origin not in runs_clean and len(runs_clean) >= MAX_PASSED_TRIALS) \
                or not _only_it_could_change(model, node, edited, argument, dim) \
                or _read_by_more_than(model, origin, edited, argument):
            out.append(d)
            continue
        if origin not in runs_clean:
            with _each_given_what_arrives(edited, model, argument, dim):
                runs_clean[origin] = all(_runs_clean(display, model, size, settings) for size in sizes)
        if not runs_clean[origin]:
            out.append(d)
            continue
        arriving = _arriving(model, node, dim)
        note = (f"and the {argument} passed on line {origin.line} is the one edit: given {format_dim(arriving)} "
                f"the model runs, where another instance of this line fits and no other name the line could "
                f"read fits both")
        out.append(replace(d, path=origin.file or display, span=origin, message=_qualified(d.message, note),
                           related=(node.span, *d.related),
                           via=tuple(s for s in node.via if s.line != origin.line or s.file != origin.file)))
    return out


def _only_it_could_change(model: ModelAnalysis, node, edited: list, argument: str, dim: int) -> bool:
    """Whether the failing layer's line cannot be what is wrong: an instance of it that ran earlier
    fits and got another count than the failing one, so no constant there fits both, and every
    int name of the block that the line could read instead (as it is, added to the count, or
    times it) fits the failing instance but not that earlier one."""
    failing = next((c for c in model.calls if c.node is node and _checked(c, dim)), None)
    expected = getattr(node.record, argument, None)
    if failing is None or not is_known(expected) or not is_known(arriving := failing.input.shape.dims[dim]) \
            or arriving == expected or expected <= 0:
        return False
    mine = {id(n) for n in edited}
    earlier = [(dict(c.node.names_at_build), c.input.shape.dims[dim]) for c in model.calls
               if c.node.span == node.span and id(c.node) not in mine and c.start < failing.start
               and _checked(c, dim) and c.input.shape.dims[dim] == getattr(c.record, argument, None)
               and is_known(c.input.shape.dims[dim]) and c.input.shape.dims[dim] != arriving]
    if not earlier:
        return False
    # what the line would read, fitting the failing instance: the name as it is, added, or times the count
    reads = (lambda value, count, wanted: value == wanted,
             lambda value, count, wanted: value != 0 and count + value == wanted,
             lambda value, count, wanted: value > 1 and count * value == wanted)
    for name, value in node.names_at_build:
        for fits in reads:
            if fits(value, expected, arriving) and not any(
                    name in names and not fits(names[name], count, count) for names, count in earlier):
                return False
    return True


def _read_by_more_than(model: ModelAnalysis, origin: Span, edited: list, argument: str) -> bool:
    """Whether a caller's argument sizes anything but `argument` of these layers: another layer or
    argument reads it, or a block keeps it as an attribute (changing it changes them too)."""
    mine = {id(n) for n in edited}
    for other in model.constructed:
        passed = [name for name, found in other.arg_origins.items() if found[0] == origin]
        if passed and (id(other) not in mine or passed != [argument]):
            return True
        if any(found and found[0] == origin for parts in other.arg_parts.values() for _, _, found in parts):
            return True
        if any(held[1][0] == origin for held in other.attr_origins.values()):
            return True
    return False


MAX_SWAP_TRIALS = 4  # lines given what arrives per model by _at_the_swapped_call, each a rerun per size


def _at_the_swapped_call(display: str, model: ModelAnalysis, found: list[Diagnostic], nodes: dict,
                         settings: Settings) -> list[Diagnostic]:
    """A block given its arguments in the wrong order (`SELayer(hidden_dim, inp)` for `SELayer(inp,
    oup)`): the count that arrives is another argument of the same call, so the block's line may
    as well read the wrong parameter. Where giving that line the count that arrives (every
    instance of it) still leaves another of the model's findings (its view of oup features), one
    edit there does not fix it, and the call that passes the counts is what to change: reported
    there. Otherwise the line stays blamed (a block reading `inp` where it must read `oup`)."""
    sizes = _trial_sizes(model)
    if model.rerun is None or not sizes:
        return found
    out = []
    # the errors met with a line given what arrives, per size: the same for every instance of the line
    # that fails (a block repeated in every stage), so one rerun per line and size, not per finding,
    # and no more than MAX_SWAP_TRIALS lines (past them, findings stay where they are)
    met_with_line_fixed: dict[tuple, list[set]] = {}
    producer_fixes: dict[tuple, tuple | None] = {}  # per line given what arrives: the producer's edit, if it runs
    moved: set[int] = set()
    for d in found:
        node = _node_for(nodes, d)
        argument, dim = ARGUMENT_OF.get(d.code, ("", 0))
        origins = node.arg_origins.get(argument) if node is not None and d.severity == "error" else None
        levels = origins[3] if origins is not None else ()
        arriving = _arriving(model, node, dim) if levels else None
        # the nearest call on the way: the one whose arguments the block's parameters are
        call = next((site for site in node.via if _within(levels[0][0], site)), None) if levels else None
        if call is None or d.span != node.span or arriving is None \
                or not (is_known(arriving) or is_width(arriving)) or arriving not in levels[0][1]:
            out.append(d)
            continue
        # the others of the model's own findings (the SE block's view of oup features): one of them still
        # met with the line given what arrives says that line is not the one edit; errors only the trial
        # sizes meet (a length too short for the strides) say nothing
        # (one met before any instance of the line runs, a __main__ input the stem refuses, is no edit
        # of that line's to fix)
        first = min((c.start for c in model.calls if c.node.span == node.span), default=None)
        others = {(e.span, e.code) for e in found if e is not d and e.severity == "error" and e.span != d.span
                  and not (first is not None and (started := _first_run_at(model, e)) is not None and started < first)}
        edit = (node.span, argument, dim)
        if edit not in met_with_line_fixed:
            if len(met_with_line_fixed) >= MAX_SWAP_TRIALS:
                out.append(d)
                continue
            with _each_given_what_arrives(_on_line(model, node.span), model, argument, dim):
                met = []
                for size in sizes:  # (stopping at the first size that meets none of the others, as before)
                    met.append(_errors_at(display, model, size, settings))
                    if not others & met[-1]:
                        break
            met_with_line_fixed[edit] = met
        met = met_with_line_fixed[edit]
        still = len(met) == len(sizes) and all(others & errors for errors in met)
        if not still:
            out.append(d)
            continue
        if edit not in producer_fixes:
            producer_fixes[edit] = _the_producer_beside_it_fixes(display, model, node, argument, dim, sizes,
                                                                 settings)
        if producer_fixes[edit] is not None:
            out.append(producer_fixes[edit][1](d))
            moved.add(id(out[-1]))
            continue
        note = (f"and {call.line == d.span.line and 'this call' or f'the call on line {call.line}'} passes "
                f"{format_dim(arriving)} in another argument: giving {d.layer} that count still leaves the model "
                "failing, the arguments are in the wrong order")
        out.append(replace(d, path=call.file or display, span=call, message=_qualified(d.message, note),
                           related=(node.span, *d.related), via=tuple(v for v in node.via if v != call)))
    blamed = {fix[0].span: fix[1] for fix in producer_fixes.values() if fix is not None}
    if not blamed:
        return out
    return [d if id(d) in moved or (move := _explained_by_the_producer(model, d, nodes, blamed)) is None else move(d)
            for d in out]


def _the_producer_beside_it_fixes(display: str, model: ModelAnalysis, node, argument: str, dim: int, sizes: list,
                                  settings: Settings) -> tuple | None:
    """The conv or Linear a failing layer's block builds right before it (`Conv2d(hidden, inp)`
    before `BatchNorm2d(oup)` in an inverted residual, both sized by the block's own parameters),
    where giving that producer's line (every instance) the count the failing layer reads runs the
    model clean: the block's projection gives the wrong parameter, not the call that passes both
    (its `Block(16, 24)` is right; swapped, the blocks after it would fail). (producer, a function
    moving the finding to where the producer's width is written), or None."""
    from convlint.records import ConvRecord, LinearRecord

    by_label = _by_label(model)
    pairs = []
    for call in model.calls:
        if call.node.span != node.span or not _checked(call, dim):
            continue
        producer = _width_producer(model, call, by_label)
        if producer is None or not isinstance(producer.record, (ConvRecord, LinearRecord)) \
                or producer.via != call.node.via or getattr(producer.record, "groups", 1) != 1:
            return None  # (a producer built by another call: a block before it, whose width its caller chose)
        pairs.append((producer, getattr(call.record, argument, None)))
    if not pairs or len({p.span for p, _ in pairs}) != 1 or len({id(p) for p, _ in pairs}) != len(pairs) \
            or not all(is_known(wanted) or is_width(wanted) for _, wanted in pairs):
        return None
    producer = pairs[0][0]
    width = _widths_of(producer.record)[0]
    with _records_restored([p for p, _ in pairs]):
        for p, wanted in pairs:
            p.record = p.record.model_copy(update={width: wanted})
        if not all(_runs_clean(display, model, size, settings) for size in sizes):
            return None
    where = _where_written(model, producer, width)
    given = format_dim(getattr(node.record, argument))
    # (the parameter the failing layer reads, `oup`, where the producer is written beside it: what to write)
    read = node.names_passed.get(argument, ())
    name = read[0][0] if read and producer.via == node.via and argument in node.arg_origins else None

    def moved(d: Diagnostic) -> Diagnostic:
        note = (f"and {producer.label} on line {where.line} gives out {format_dim(getattr(producer.record, width))}: "
                f"given {width}={given}{f' ({name}, as {node.label} reads)' if name else ''} the model runs")
        return replace(d, path=where.file or display, span=where, message=_qualified(d.message, note),
                       fix=f"Set {width} to {name or given}", related=(d.span, *d.related), layer=producer.label)
    return producer, moved


def _explained_by_the_producer(model: ModelAnalysis, d: Diagnostic, nodes: dict, blamed: dict):
    """The move of a channel finding (CL103/CL104, wherever an earlier step put it) whose layer is
    fed, its width unchanged on the way, by an instance of a producer line _at_the_swapped_call
    blamed (the next block's first conv fed the projection's inp): the same edit runs the model,
    so the finding goes with it. None for any other."""
    node = nodes.get(d.layer) if d.severity == "error" and d.code in ("CL103", "CL104") else None
    call = next((c for c in model.calls if node is not None and c.node is node and c.input.shape.dims
                 and len(c.input.shape.dims) > 1), None)
    if call is None:
        return None
    producer = _width_producer(model, call, _by_label(model))
    if producer is None or producer.span not in blamed \
            or getattr(producer.record, _widths_of(producer.record)[0]) != call.input.shape.dims[1]:
        return None
    return blamed[producer.span]


MAX_RERUNS = 128  # each pinned size of each side, and a batch of one and two (8 x 8 x 2)


def _pinned_operands(display: str, run, settings: Settings, spec) -> list[Diagnostic]:
    """CL107 for `+`/`*` of symbolic shapes that broadcast at only a few input sizes (a stride-2
    path added to an unstrided one: at 1 and 2 pixels), when the model, rerun at each of those
    sizes, stops there too: then it runs at no input size, and the operation is what breaks
    every larger one. A size at which it runs (or one not followed) leaves it unreported."""
    model = run.model
    shape = model.input_shape
    if model.rerun is None or shape is None or shape.dims is None or _concrete_input(model):
        return []
    candidates = [o for o in model.ops if o.detail.get("pinned") and o.problem is None]
    # (one pinned to a few sizes first, as before any pinned to a run of them: the rerun is cheaper)
    op = next((o for o in candidates if not _pinned_to_runs(o.detail["pinned"])), candidates[0] if candidates else None)
    if op is None:
        return []
    pinned = op.detail["pinned"]
    runs_only = _pinned_to_runs(pinned)
    tiny = _tiny_where_they_meet(op, pinned, model)
    if runs_only and not tiny:
        return []  # a size of some use among too many to rerun each: nothing to prove
    choices = []
    for dim in shape.dims:
        name = symbol_of(dim) if not is_known(dim) else None
        if is_known(dim):
            choices.append((dim,))
        elif name in pinned:
            choices.append(_sizes_to_rerun(pinned[name]))
        elif name == "N":
            choices.append((1, 2))  # the batch: what stops must stop for more than one
        elif is_width(dim):
            choices.append((dim,))  # channels an argument gives: still checked for every value
        elif (name in SPATIAL or name == "C" and _input_channels_elsewhere(shape)) and _equal_on_the_operands(op, name):
            # (a (5, 1) conv's map beside its input: the width is the same on both, no constraint;
            # it stays symbolic, so a stop found there is one at every width; so does a clip's
            # frame count, N x T x C x H x W, that a loop over its frames never puts in the operands)
            choices.append((dim,))
        else:
            return []  # a side not pinned (or channels not known): too many sizes to try
    sizes = list(product(*choices))
    if len(sizes) > MAX_RERUNS:
        return []
    from convlint.checks.sizes import window_collapses

    stops, runs = [], False
    for size in sizes:
        # (only the first stop is named: past it, whether the model stops is all that is asked, and
        # the forward ends at the first window torch refuses, the rest of a deep model not run)
        trial = model.rerun(size, stop_at=window_collapses if stops and settings.selects("CL105") else None)
        if trial.internal_error or trial.stopped:
            return []
        found = [d for d in model_diagnostics(display, trial, settings, hint_sizes=False) if d.severity == "error"] \
            if not stops else _stops_somewhere(display, trial, settings)
        if not found:
            runs = True  # it runs at this size
            if not tiny:
                return []  # (a size of some use: nothing to prove; the other sizes need no rerun)
            continue
        stops.append((size, found[0]))
    if not runs and not stops:
        return []  # no size to rerun at (each pinned value refused before the model ran): nothing proved
    where = ", ".join(f"{name} = {_sizes_text(values)}" for name, values in sorted(pinned.items()))
    meet = "are equal off the joined dim" if op.op in CAT_OPS else "broadcast"
    if runs or runs_only:
        # (each size of a run not rerun, a stop at all of them is not shown: what torch does at a
        # size of real use decides, the maps being tiny wherever they meet)
        larger = _stops_here_when_larger(model, op, pinned)
        if larger is None:
            return []  # it runs at a size of real use, or that is not shown: nothing proved
        size, refused = larger
        most = max(value for values in pinned.values() for value in values)
        if most > TINY_SIDES and any(_shrunk_to_one_from_tiny(op, name, value, model)
                                     for name, values in pinned.items() for value in values):
            where += ", one map there shrunk to a single pixel broadcast over the other"
        problem = (f"they {meet} only where {where}, so only inputs of at most {most} pixel{'s' if most > 1 else ''} "
                   "along that side run: "
                   f"at {'x'.join(str(d) for d in size)} torch stops here ({refused})")
    else:
        size, first = stops[0]
        problem = (f"they {meet} only where {where}, and at those sizes the model stops anyway "
                   f"(at {'x'.join(str(d) for d in size)}: {first.code} line {first.span.line}), so no input size runs")
    from convlint.checks.sizes import operand_finding

    finding = operand_finding(op, model, problem, run.input_text)
    message, fix = spec.render(finding.values, finding.variant)
    diagnostic = Diagnostic(finding.span.file or display, finding.span, "CL107", spec.name, spec.severity, message,
                            fix, model.name, finding.layer, finding.related)
    node = next((c.node for c in model.calls if finding.layer and c.node.label == finding.layer), None)
    return [diagnostic if node is None else
            _at_the_passed_path_argument(display, diagnostic, node, finding.variant, model.constructed)]


def _batch_taken_as_width(display: str, model: ModelAnalysis, found: list[Diagnostic], settings: Settings,
                          siblings: list[ModelAnalysis]) -> list[Diagnostic]:
    """A layer given the batch as its channels or features (`x.transpose(0, 1)` of N x L x 68, where
    transpose(1, 2) was meant, before nn.Conv1d(68, ...)): with the batch symbolic, N may be 68, so
    nothing is refused, yet the model runs at that one batch size only. Rerun with a batch of 1 and
    of 2, torch refusing that layer at both: what it meets there at a batch of 2, said to hold at
    every batch size but the layer's width."""
    shape = model.input_shape
    if model.rerun is None or shape is None or not shape.dims or _concrete_input(model) or model.further_inputs \
            or model.rank_assumed:
        return []  # (a rank chosen, N x 68 where N x L x 68 is fed: its N may be a sequence's length)
    places = [index for index, dim in enumerate(shape.dims) if _bare_symbol(dim, "N")]
    if places != [0] or len(shape.dims) > 4:
        # (the input the first layer wants, read back through a transpose of the input itself, has
        # the batch off dim 0, 4 x N x T x F: data may come so, channels first, which nothing here
        # denies; only a batch a layer has placed on dim 0 is known to be one)
        return []
    if not any(_width_given_the_batch(c, shape.dims[0]) for c in model.calls if not c.speculative):
        return []  # (no layer takes the batch as its width: no rerun)
    rest = shape.dims[:places[0]] + shape.dims[places[0] + 1:]
    layouts = [(shape.dims[places[0]], *order) for order in dict.fromkeys(permutations(rest))]
    chosen, takers_of = None, {}
    for dims in layouts:
        symbolic_run = model if dims == tuple(shape.dims) else model.rerun(dims)
        if symbolic_run.stopped or symbolic_run.internal_error:
            continue
        takers = {}
        for call in symbolic_run.calls:
            taken = None if call.speculative else _width_given_the_batch(call, dims[0])
            if taken is not None:
                takers.setdefault(call.node.label, taken)
        if not takers or symbolic_run is model and any(d.severity == "error" and d.layer in takers for d in found):
            continue
        met = None
        for size in (1, 2):
            trial = model.rerun((size, *dims[1:]))
            if trial.stopped or trial.internal_error:
                met = None
                break
            met = [d for d in model_diagnostics(display, trial, settings, siblings=siblings, pinned_sizes=False)
                   if d.severity == "error" and d.layer in takers]
            if not met:
                break  # (the layer runs at this batch size: a model for one sample at a time)
        if not met:
            continue
        met = [_at_the_op_moving_the_batch(trial, d) for d in met]
        met = [replace(d, message=_qualified(d.message, f"at a batch of 2: it takes the batch as its "
                                                        f"{takers[d.layer][0]}, so it runs only at a batch of "
                                                        f"{takers[d.layer][1]}")) for d in met]
        if chosen is None:
            chosen, takers_of = met, takers
        if all(d.span.line not in {c.node.span.line for c in symbolic_run.calls if c.node.label == d.layer}
               and not _leaves_it_as_it_is(d.fix) for d in met):
            return met  # blamed at the op that moved the batch there, in this order of the input's sides
    # (the one order that fits needs no permute at all: right only if the input comes in it, which
    # nothing here tells; no permute is given, the layer's width named)
    return [_without_the_identity(d, takers_of[d.layer]) if _leaves_it_as_it_is(d.fix) else d
            for d in chosen or []]


def _without_the_identity(d: Diagnostic, taken: tuple[str, int]) -> Diagnostic:
    """The finding at a permute whose one fitting order moves nothing, without that order nor
    the input's sides it was worked out from: the batch on dim 0 and the layer's width in place."""
    message = re.sub(r", as permute\([\d, ]+\) of [^:]*: permute\([\d, ]+\) gives [^,]*, which \S+ takes", "",
                     d.message)
    return replace(d, message=message,
                   fix=f"Keep the batch on dim 0 and the {taken[1]} {taken[0]} where {d.layer} reads them")


def _at_the_op_moving_the_batch(trial: ModelAnalysis, d: Diagnostic) -> Diagnostic:
    """A recurrent layer given the batch as its features (`torch.transpose(x, 0, 2)` of a conv's
    N x C x L before LSTM(C, ..., batch_first=True)), reported at its own line: at the transpose or
    permute that moved the batch there instead, with the one other choice of its axes, if one, that
    gives the layer the batch where it takes it and its features last."""
    from convlint.records import ElementwiseRecord, RecurrentRecord
    from convlint.values import Shape

    call = next((c for c in trial.calls if c.node.label == d.layer and isinstance(c.record, RecurrentRecord)
                 and _within(d.span, c.node.span)), None)
    if call is None or d.code != "CL109":
        return d
    made_by = {id(c.output): c for c in trial.calls if isinstance(c.record, ElementwiseRecord)}
    tensor = call.input
    while tensor is not None and id(tensor) in made_by and made_by[id(tensor)].input.shape == tensor.shape:
        tensor = made_by[id(tensor)].input  # through activations and dropout
    op = next((o for o in trial.ops if o.result is tensor and o.problem is None and "axes" in o.detail), None)
    batch = trial.input_shape.dims[0]
    if op is None or not op.operands[0].shape.dims or op.operands[0].shape.dims[0] != batch \
            or op.result.shape.dims[-1] != batch or len(op.result.shape.dims) != 3:
        return d
    record = call.record
    fitting = [(written, dims) for written, dims in _axis_choices(op)
               if dims[-1] == record.input_size and dims[0 if record.batch_first is True else 1] == batch]
    if not fitting:
        fitting = [(written, dims) for written, dims in _orders_of_permute(op)
                   if dims[-1] == record.input_size and dims[0 if record.batch_first is True else 1] == batch]
    result = " x ".join(format_dim(x) for x in op.result.shape.dims)
    if len(fitting) == 1:
        (instead, dims), = fitting
        shown = " x ".join(format_dim(x) for x in dims)
        note = f"as {_axis_call(op)} gives {result}: {instead} gives {shown}, which {call.node.label} takes"
        fix = f"Write {instead}: it gives {shown}, which {call.node.label} takes"
    else:
        note = f"as {_axis_call(op)} gives {result}"
        fix = f"Keep the batch off the last dim: {call.node.label} takes the features of each step there"
    return replace(d, span=op.span, message=_qualified(d.message, note), related=(d.span, *d.related), via=(),
                   fix=fix)


def _leaves_it_as_it_is(fix: str | None) -> bool:
    """Whether a fix writes a permute that moves nothing (`permute(0, 1, 2)`): the input's sides
    taken in an order that needs no permute, not the order the code's permute is for."""
    written = re.match(r"Write permute\(([\d, ]+)\)", fix or "")
    return written is not None and [int(a) for a in written.group(1).split(",")] == \
        list(range(len(written.group(1).split(","))))


def _bare_symbol(dim, name: str) -> bool:
    """Whether a dim is the input symbol itself (N, not N/2 nor 2*N)."""
    from convlint.values import Sym

    return type(dim) is Sym and not dim.opaque and dim.base == name and not dim.terms and not dim.factors \
        and (dim.scale, dim.offset, dim.divisor) == (1, 0, 1)


def _width_given_the_batch(call, batch) -> tuple[str, int] | None:
    """(what, width) where a conv, Linear or recurrent layer of a known width above one takes the
    batch `batch` as its input channels or features."""
    from convlint.records import ConvRecord, LinearRecord, RecurrentRecord
    from convlint import layers

    record, dims = call.record, call.input.shape.dims
    if not dims or len(dims) < 2:
        return None
    if isinstance(record, ConvRecord) and not record.transposed and record.groups == 1:
        what, width, taken = "in_channels", record.in_channels, layers.channel_dim(call.input.shape, record.ndim)
    elif isinstance(record, LinearRecord) and not record.lazy:
        what, width, taken = "in_features", record.in_features, dims[-1]
    elif isinstance(record, RecurrentRecord):
        what, width, taken = "input_size", record.input_size, dims[-1]
    else:
        return None
    if type(width) is not int or width < 2 or taken is None or not _bare_symbol(taken, "N") or taken != batch:
        return None
    return what, width


def _stops_somewhere(display: str, model: ModelAnalysis, settings: Settings) -> list:
    """Whether a model rerun at concrete sizes meets an error, as model_diagnostics(hint_sizes=False)
    says, found at the first check that yields one ([True]) rather than by every check and every
    blame pass (the reruns proving a pinned operation: 128 per model, each met at its first stop).
    A finding in a stand-in, or a check that fails, asks model_diagnostics itself."""
    from convlint.checks.registry import CheckRun, all_checks
    from convlint.evaluator.imports import in_standins

    rules = load_rules()
    run = CheckRun(display, model.certain())
    for code, function in all_checks().items():
        spec = rules.get(code)
        if spec is None or not settings.selects(code) or spec.severity != "error":
            continue
        try:
            for finding in function(run):
                if model.rank_assumed and (code == "CL108" or (code, finding.variant) == ("CL104", "rank")):
                    continue  # (as model_diagnostics: no rank errors where the rank was chosen)
                if finding.span.file and in_standins(finding.span.file):
                    raise LookupError  # kept or dropped by where the stand-in was built
                return [True]
        except Exception:
            return [d for d in model_diagnostics(display, model, settings, hint_sizes=False) if d.severity == "error"]
    return []


def _pinned_to_runs(pinned: dict) -> bool:
    """Whether an operation is pinned to more sizes of a side than are rerun one by one (every H up
    to 16: a doubly strided block after a stride-4 stem)."""
    return any(len(values) > symbolic.MAX_PINNED for values in pinned.values())


def _sizes_to_rerun(values) -> tuple[int, ...]:
    """The pinned sizes of a side the model is rerun at, the largest first (where a model runs):
    each of a few; of more, the ends of each run of consecutive sizes (floor divisions meet in
    runs: (H+15)/16 and (H+7)/8 broadcast at every H from 1 to 16)."""
    if len(values) <= symbolic.MAX_PINNED:
        return tuple(sorted(values, reverse=True))
    ends = {end for low, high in _runs_of(values) for end in (low, high)}
    return tuple(sorted(ends, reverse=True))


def _runs_of(values) -> list[tuple[int, int]]:
    """(first, last) of each run of consecutive sizes, in order."""
    runs: list[tuple[int, int]] = []
    for value in sorted(values):
        if runs and runs[-1][1] == value - 1:
            runs[-1] = (runs[-1][0], value)
        else:
            runs.append((value, value))
    return runs


def _sizes_text(values) -> str:
    """`1 or 2` of a few pinned sizes, `1 to 16` of more (their runs)."""
    if len(values) <= symbolic.MAX_PINNED:
        return " or ".join(str(v) for v in sorted(values))
    return " or ".join(str(low) if low == high else f"{low} to {high}" for low, high in _runs_of(values))


def _input_channels_elsewhere(shape) -> bool:
    """Whether the input's dim named C may be no channels: a clip N x T x C x H x W, whose T the
    analysis names C; kept symbolic in a rerun where the operation never sees it, what stops
    there stops for every value of it."""
    dims = shape.dims if shape is not None and shape.dims is not None else ()
    return len(dims) == 5 and not is_known(dims[1])


def _equal_on_the_operands(op, name: str) -> bool:
    """Whether every dim of the operation's operands that varies with input side `name` is the same
    dim on each of them (both W where only the height differs): that side sets no condition for
    the operation to run."""
    shapes = [o.shape.dims for o in op.operands if o.shape is not None and o.shape.dims is not None]
    if len(shapes) != len(op.operands) or len({len(dims) for dims in shapes}) != 1:
        return False
    for dims in zip(*shapes):
        if any(not is_known(d) and symbol_of(d) == name for d in dims) and len(set(dims)) != 1:
            return False
    return True


TINY_SIDES = 4  # pixels: no image, map or signal of real use is this small along a side
LARGER_SIDES = (64, 32, 128, 224)
DEEP_SIDES = (128, 256, 512)  # sides of real use a deep encoder's input may need


def _tiny_where_they_meet(op, pinned: dict, model: ModelAnalysis) -> bool:
    """Whether every side of the operands that varies with a pinned input side is at most
    TINY_SIDES at each pinned size: the maps the operation joins, not the input (after a stride-2
    stem an add pinned to a 6-pixel input joins maps of 3 and 1 pixels). A side not evaluated at
    the pinned size is judged on the input's; pinned input sides all tiny are tiny whatever the
    maps (`x + conv(x)` of a conv growing the length by 4 broadcasts at L = 1, maps of 1 and 5).
    A map of real size broadcast with one a window layer shrank to a single pixel from a tiny map
    (x + two unpadded 3x3 convs of x: 5 against 1 at H = 5, the last conv fed 3 pixels) meets it
    at no size of use either: see _shrunk_to_one_from_tiny."""
    if all(value <= TINY_SIDES for values in pinned.values() for value in values):
        return True
    for name, values in pinned.items():
        dims = [d for o in op.operands if o.shape is not None and o.shape.dims is not None
                for d in o.shape.dims if not is_known(d) and symbol_of(d) == name]
        for value in values:
            at_the_op = [symbolic.evaluate(d, value) for d in dims]
            sides = at_the_op if at_the_op and None not in at_the_op else [value]
            if not all(side <= TINY_SIDES for side in sides) and not _shrunk_to_one_from_tiny(op, name, value, model):
                return False
    return True


def _shrunk_to_one_from_tiny(op, name: str, value: int, model: ModelAnalysis) -> bool:
    """Whether, at input side `name` = `value`, the two operands of a broadcasting op meet only
    because one map, made by convs or pools sliding over the input as the other is, is down to
    one pixel there (H against H - 4 at H = 5), and the layer that brought it to one was fed a
    tiny map (a 3x3 conv given 3 pixels: what is left of the map once its path has eaten it,
    never a window written to take the map whole). A residual path meets its shortcut that way at
    no size of use, whatever the offset or stride. A gate a global or adaptive pool makes has
    sides of 1 for every input (never pinned); one a pool or conv of a fixed window makes for a
    map of one size (AvgPool2d(7) on a 7x7 map, a 7x7 depthwise conv) is fed that map, not a
    tiny one, and is a design for that size."""
    if op.op in CAT_OPS or len(op.operands) != 2 or any(o.shape is None or o.shape.dims is None for o in op.operands):
        return False
    found = False
    for x, y in zip(reversed(op.operands[0].shape.dims), reversed(op.operands[1].shape.dims)):
        if x == y or not any(not is_known(d) and symbol_of(d) == name for d in (x, y)):
            continue
        if is_known(x) or is_known(y):
            return False  # a side the code sets (a positional table): the model may be made for it
        sizes = symbolic.evaluate(x, value), symbolic.evaluate(y, value)
        if None in sizes or 1 not in sizes or max(sizes) == 1:
            return False  # equal sides, or not decided: a size the model may be made for
        shrunk = x if sizes[0] == 1 else y
        fed = _fed_to_the_layer_shrinking_to(model, shrunk, value)
        if fed is None or any(side > TINY_SIDES and window <= side for side, window in fed):
            return False
        found = True
    return found


def _fed_to_the_layer_shrinking_to(model: ModelAnalysis, dim, value: int) -> list[tuple[int, int]] | None:
    """(map side fed at input side = `value`, the layer's dilated window along it) of each conv or
    pool of the model whose output has side `dim` made of another: the layers that may have brought a
    map to `dim`; None where none ran (what made it is not known). A window wider than the map it
    is fed (a dilation-9 3x3 given 5 pixels: two of its three taps on padding alone) is no window
    written to take that map whole, however large the map."""
    from convlint.records import ConvRecord, PoolRecord

    fed = []
    for call in model.calls:
        record = call.record
        if not isinstance(record, (ConvRecord, PoolRecord)) or getattr(record, "transposed", False):
            continue
        given, made = call.input.shape.dims, call.output.shape.dims
        if given is None or made is None or len(given) != len(made):
            continue
        spatial = len(given) - len(record.kernel_size)
        for index, (before, after) in enumerate(zip(given, made)):
            if after == dim and before != dim:
                side = symbolic.evaluate(before, value) if symbol_of(before) == symbol_of(dim) else None
                if side is None:
                    return None  # fed a map of another side, or one not evaluated: not known how small
                axis = index - spatial
                kernel, dilation = (record.kernel_size[axis], record.dilation[axis]) if axis >= 0 else (1, 1)
                fed.append((side, dilation * (kernel - 1) + 1 if is_known(kernel) and is_known(dilation) else 0))
    return fed or None


def _stops_here_when_larger(model: ModelAnalysis, op, pinned: dict) -> tuple | None:
    """(size, torch's complaint) where a model that runs only at the tiny sizes an add is pinned
    to (RDN's 1x1 conv given padding=1 beside its shortcut: H + 2 and H broadcast at H = 1) is
    rerun at a size of real use and stops at that same add; None when the add may not run, a
    pinned size is not tiny, or no such size shows it."""
    if op.speculative or not _tiny_where_they_meet(op, pinned, model) or _size_written_in_the_code(op):
        return None
    for side in LARGER_SIDES:
        size = []
        for dim in model.input_shape.dims:
            name = symbol_of(dim) if not is_known(dim) else None
            if is_known(dim) or is_width(dim):
                size.append(dim)
            elif name == "N" or name in SPATIAL:
                size.append(2 if name == "N" else side)
            elif name == "C" and _input_channels_elsewhere(model.input_shape) and _equal_on_the_operands(op, name):
                size.append(dim)  # a clip's frame count the operation never sees: kept, for every count
            else:
                return None  # channels or an argument not known: nothing to rerun with
        trial = model.rerun(tuple(size))
        if trial.internal_error or trial.stopped:
            continue
        refused = next((o.problem for o in trial.ops if o.span == op.span and o.problem), None)
        if refused is not None:
            return tuple(size), refused
    return None


def _unpool_sizes_refused_when_larger(display: str, run, settings: Settings) -> list[Diagnostic]:
    """CL107 for a MaxUnpool given an output_size saved at another stage (`size0 = x.size()`
    before the first pool, passed to the unpool of the second) that is within a stride of the
    unpooled size only at inputs of at most MAX_PINNED_SIDE pixels along a side, sizes of no use
    (H against 2*((H+3)/4) with a stride of 2: at H = 1, 2, 3 and 5 only): the model is rerun at a size of real use, and where torch refuses the
    output_size there, that refusal is reported, said so. A size of use where it is taken, or
    sides not decided, leave it unreported."""
    from convlint import shapes
    from convlint.records import MaxUnpoolRecord

    model = run.model
    shape = model.input_shape
    if model.rerun is None or shape is None or shape.dims is None or _concrete_input(model):
        return []
    out: list[Diagnostic] = []
    for call in run.calls_of(MaxUnpoolRecord):
        record, dims, sizes = call.record, call.input.shape.dims, call.output_size
        if sizes is None or dims is None or all(is_known(d) for d in sizes) or _rank_refused_at(call):
            continue
        spatial = dims[-record.ndim:]
        if shapes.unpool_output_size_refused(spatial, record.kernel_size, record.stride, record.padding,
                                             sizes) is not None:
            continue  # (refused at every size: the check's own finding)
        most = _unpool_fits_only_tiny(spatial, record, sizes)
        if most is None:
            continue
        for side in LARGER_SIDES:
            size = []
            for dim in shape.dims:
                name = symbol_of(dim) if not is_known(dim) else None
                if is_known(dim) or is_width(dim):
                    size.append(dim)
                elif name == "N" or name in SPATIAL:
                    size.append(2 if name == "N" else side)
                else:
                    size = None  # channels or an argument not known: nothing to rerun with
                    break
            if size is None:
                return out
            trial = model.rerun(tuple(size))
            if trial.internal_error or trial.stopped:
                continue
            refusals = {d.span: d for d in model_diagnostics(display, trial, settings, hint_sizes=False)
                        if d.severity == "error" and d.code == "CL107" and "output_size" in d.message}
            # (the first unpool torch refuses at that size: one before it stops the model there first)
            first = next((refusals[c.span] for c in trial.calls
                          if isinstance(c.record, MaxUnpoolRecord) and c.span in refusals), None)
            found = first if first is not None and first.span == call.span else None
            if found is None:
                break  # (taken there, or the model stops before it: nothing proved)
            out.append(replace(found, message=_qualified(found.message, (
                f"an output_size taken only for inputs of at most {most} pixel{'s' if most > 1 else ''} along a "
                f"side, so at {'x'.join(str(d) for d in size)} torch refuses it"))))
            break
    return out


def _rank_refused_at(call) -> bool:
    """Whether the layer refuses its input's number of dims (the check's own finding)."""
    from convlint import layers

    return layers.rank_refused(call.record, call.input.shape)


def _unpool_fits_only_tiny(spatial: tuple, record, sizes: tuple) -> int | None:
    """The largest input side at which a MaxUnpool takes output_size `sizes` for maps of these
    sides, where every side it is taken at is at most MAX_PINNED_SIDE (and it is not taken past them);
    None where it is taken at a larger side, or that is not decided."""
    from convlint import shapes
    from convlint.values import dim_add

    most = 0
    for i, k, stride, p, wanted in zip(spatial, record.kernel_size, record.stride, record.padding, sizes):
        default = shapes.max_unpool_out(i, k, stride, p)
        if is_known(default) and is_known(wanted) or not is_known(stride):
            continue  # (a known side: the check's own)
        if isinstance(default, Unknown) or isinstance(wanted, Unknown) or stride > 64:
            return None
        taken: set[int] = set()
        for offset in range(1 - stride, stride):
            met = symbolic.broadcast_sizes(wanted, dim_add(default, offset), broadcast=False)
            if met is None:
                return None  # (taken at many sizes, or not decided)
            taken |= met
        if any(value > symbolic.MAX_PINNED_SIDE for value in taken):
            return None
        most = max([most, *taken])
    return most or None


def _size_written_in_the_code(op) -> bool:
    """Whether an operand has a side the code sets (StyleGAN's minibatch-std map
    `expand(n, 1, 4, 4)` beside the 4x4 features of its first stage) where another's side varies
    with the input: the model is made for that size, not broken at others by accident."""
    shapes = [o.shape.dims for o in op.operands if o.shape is not None and o.shape.dims is not None]
    for dims in shapes:
        for index, dim in enumerate(dims[2:], 2):
            if is_known(dim) and dim > 1 and any(len(other) == len(dims) and not is_known(other[index])
                                                 for other in shapes):
                return True
    return False


# the argument a CL107 finding at one path's layer names, by its variant: a shortcut that lacks the
# stride of the other path, a conv whose padding does not keep its map's size
PATH_ARGUMENT = {"shortcut": "stride", "size": "padding", "shared": "padding", "stride": "stride"}


def _at_the_flag(display: str, model: ModelAnalysis, found: list[Diagnostic]) -> list[Diagnostic]:
    """A block's add that fails where its call gives a flag of the block a literal (`Residual(c, 2 * c,
    use_1x1conv=False, strides=2)`: the block builds its projection shortcut only `if use_1x1conv:`,
    and its strided path no longer meets the identity): where the model built again with that call
    giving the flag the other value runs every instance of the add exactly, and no other flag of
    the call does so, the flag written at the call is the edit; the add is related. A flag the call
    leaves out where other calls of the block give it (`ResBlock(128, 256)` beside `ResBlock(64, 128,
    dim_reduct=True)`) is tried the same way, added to the call."""
    out = []
    for d in found:
        moved = None if d.code != "CL107" or d.severity != "error" or model.edited_run is None else \
            _flag_that_fixes(display, model, d) if not d.layer else _flag_of_the_layers_block(display, model, d)
        out.append(d if moved is None else moved)
    return out


def _flag_of_the_layers_block(display: str, model: ModelAnalysis, d: Diagnostic) -> Diagnostic | None:
    """For _at_the_flag: a layer of a path blamed for the size it gives a join (MCNN's wrapper
    `Conv2d(8, 8, 5, same_padding=False)` padding by `(k - 1) // 2 if same_padding else 0`), where the
    call of the block building it gives a flag: where that call given the flag's other value builds a
    model whose every op runs, no other flag of the call doing so, the flag at the call is the edit
    (the block's line is right for its other calls); the finding is moved there, the layer related."""
    from convlint.evaluator.objects import LocalFunction

    ops = [o for o in model.ops if o.problem and (o.span == d.span or o.span in d.related)]
    layer = _by_label(model).get(d.layer)
    if not ops or layer is None:
        return None
    parts = layer.path.split(".")
    paths = {".".join(parts[:end]) for end in range(1, len(parts))}
    block = max((n for n in model.constructed if n.path in paths and n.cls is not None and n.defaults_overridden),
                key=lambda n: len(n.path), default=None)
    init = block.cls.lookup("__init__") if block is not None else None
    if not isinstance(init, LocalFunction):
        return None
    flags, (args, given) = init.flag_defaults(), block.constructed_with or ((), {})
    given = {**dict(zip(init.parameter_names()[1:], args)), **given}
    fixing = []
    for name, where in block.defaults_overridden.items():
        if name not in flags:
            continue
        value = not (given[name] if type(given.get(name)) is bool else not flags[name])
        trial = model.edited_run({where: value})
        joins = [o for o in trial.ops if o.span in {op.span for op in ops}]
        if not (trial.internal_error or trial.stopped) and joins and not any(o.problem for o in trial.ops):
            fixing.append((name, where, value))
    if len(fixing) != 1:
        return None
    (name, where, value), = fixing
    note = f"and {name}={not value} given on line {where.line} builds {d.layer} so; with {name}={value} the model runs"
    return replace(d, path=where.file or display, span=where, message=_qualified(d.message, note),
                   fix=f"Give {block.label} {name}={value}, as the join needs its paths to agree",
                   related=(d.span, *(r for r in d.related if r != d.span)),
                   via=tuple(s for s in block.via if s.line != where.line or s.file != where.file))


def _at_the_parameter_width_passed(display: str, model: ModelAnalysis,
                                   found: list[Diagnostic]) -> list[Diagnostic]:
    """An expand torch refuses of a module's own parameter (a hand-written norm's
    `self.scale.unsqueeze(1).unsqueeze(1).unsqueeze(0).expand_as(x)` of `nn.Parameter(torch.ones(dim))`)
    where the model built again with one argument of the call constructing that module given the
    width the expand needs runs every op clean: the call passed the wrong width (`ChannelScale(128)`
    after a conv giving 64), reported there once for all the expands it explains (scale and shift)."""
    out, moved, trials = [], set(), {}
    for d in found:
        where = _the_argument_sizing_the_parameter(model, d, trials) \
            if d.code == "CL107" and d.severity == "error" and model.edited_run is not None else None
        if where is None:
            out.append(d)
            continue
        span, owner, wanted = where
        if (span, d.code) in moved:
            continue
        moved.add((span, d.code))
        out.append(replace(d, path=span.file or display, span=span, related=(d.span, *d.related), layer=owner.label,
                           fix=f"Give {owner.label} {wanted} there, the width of the map its parameter is expanded to",
                           via=tuple(s for s in owner.via if s.line != span.line or s.file != span.file)))
    return out


MAX_OPERAND_WIDTH_TRIALS = 8  # rebuilds per model by _at_the_layer_sizing_the_operand


def _at_the_layer_sizing_the_operand(display: str, model: ModelAnalysis, found: list[Diagnostic],
                                     settings: Settings) -> list[Diagnostic]:
    """An add or product torch refuses (no parameter among its operands) whose one operand is a
    conv's or Linear's output, its width at the failing dim off by a factor after views and chunks
    (an AdaIN's `self.fc(s)` viewed to (N, C, 1, 1) and chunked into gamma and beta, its Linear
    giving C where 2 * C is needed): where the model built again with that layer's out width
    scaled by the factor (every instance of its line alike) runs clean, and the nearest block
    holding the layer given any one of its call's counts so scaled does not (a block built for
    another width: `ResBlock(c, c * 2)` before an add of its input), the layer's line is what was
    written wrong: reported there, the op related. Last of the blames of an op's finding: what
    they moved stays moved."""
    out, tried, verdicts = [], [0], {}
    for d in found:
        if d.code == "CL107" and d.severity == "error" and model.edited_run is not None and d.span not in verdicts:
            verdicts[d.span] = _layer_sizing_the_operand(display, model, d, settings, tried)
        moved = verdicts.get(d.span) if d.code == "CL107" and d.severity == "error" else None
        if moved is None:
            out.append(d)
            continue
        node, argument, span, factor = moved
        note = f"and {node.label} given {factor} times its {argument} here, the model runs"
        out.append(replace(d, path=span.file or display, span=span, layer=node.label, related=(d.span, *d.related),
                           message=_qualified(d.message, note),
                           fix=f"Give {node.label} {factor} times this {argument}, the width the op needs",
                           via=tuple(s for s in node.via if s.line != span.line or s.file != span.file)))
    return out


def _layer_sizing_the_operand(display: str, model: ModelAnalysis, d: Diagnostic, settings: Settings,
                              tried: list) -> tuple | None:
    """For _at_the_layer_sizing_the_operand: (the layer, its width argument, where written, the
    factor) of the one operand whose producing layer's width, scaled, makes the model run clean."""
    from convlint.model import ScaledEdit
    from convlint.records import ConvRecord, LinearRecord

    op = next((o for o in model.ops if o.problem and o.span == d.span and len(o.operands) == 2), None)
    if op is None or op.op.rstrip("=") not in ("+", "-", "*", "/") or any(_of_a_parameter(t) for t in op.operands):
        return None  # (a parameter's size written in the module is another edit that would do)
    fixing, holders = [], {n.path: n for n in model.constructed if n.cls is not None and n.path}
    for mine, other in (op.operands, op.operands[::-1]):
        factor = _width_factor_lacking(mine.shape.dims, other.shape.dims)
        producer = next((c.node for c in model.calls if c.node.label == mine.producer), None) \
            if factor is not None else None
        record = producer.record if producer is not None else None
        argument = "out_features" if isinstance(record, LinearRecord) else "out_channels" \
            if isinstance(record, ConvRecord) and getattr(record, "groups", 1) == 1 else None
        span = producer.written_at.get(argument) if argument is not None else None
        if span is None or tried[0] >= MAX_OPERAND_WIDTH_TRIALS:
            continue
        tried[0] += 1
        if not _runs_clean_edited(display, model, {span: ScaledEdit(factor)}, settings):
            continue
        path = producer.path
        while path and path not in holders:
            path = path.rpartition(".")[0]
        for at in (holders[path].arguments_written.values() if path else ()):
            tried[0] += 1
            if _runs_clean_edited(display, model, {at: ScaledEdit(factor)}, settings):
                return None  # (the call building the block may be what gives it the wrong width)
        fixing.append((producer, argument, span, factor))
    return fixing[0] if len(fixing) == 1 else None


def _width_factor_lacking(mine, other) -> Fraction | None:
    """other / mine at the one dim, aligned from the right, where two shapes of concrete sizes
    disagree and neither broadcasts (1); None where there is not exactly one such dim."""
    if not mine or not other:
        return None
    disagree = [(a, b) for a, b in zip(reversed(mine), reversed(other))
                if isinstance(a, int) and isinstance(b, int) and a != b and a != 1 and b != 1]
    if len(disagree) != 1:
        return None
    a, b = disagree[0]
    return Fraction(b, a) if a > 0 and b > 0 else None


def _at_the_parameter_shape(display: str, model: ModelAnalysis, found: list[Diagnostic],
                            settings: Settings) -> list[Diagnostic]:
    """An op torch refuses of a parameter whose sizes the constructor writes out (a capsule
    layer's `nn.Parameter(torch.randn(1, 1152, 10, 16, 8))` read by `torch.matmul(u, self.W)`, its
    last two sizes swapped): where the model built again with two of those sizes swapped runs every
    op, no other swap doing so, the sizes were written in the wrong order: reported at the first of
    them, the op related (the op's line is right for the shape the parameter was meant to have)."""
    out, trials = [], {}
    for d in found:
        op = next((o for o in model.ops if o.problem and o.span == d.span), None) \
            if d.code == "CL107" and d.severity == "error" and not d.layer and model.edited_run is not None else None
        swap = _swap_of_the_parameter(display, model, op, settings, trials) if op is not None else None
        if swap is None:
            out.append(d)
            continue
        (first, a), (second, b) = swap
        note = (f"and the parameter's sizes {a} on line {first.line} and {b} on line {second.line} "
                f"are written in the wrong order: swapped, the model runs") if first.line != second.line else \
            f"and the parameter's sizes {a} and {b} on line {first.line} are written in the wrong order: swapped, the model runs"
        out.append(_moved_to(d, first, display, note, fix=f"Swap the parameter's sizes {a} and {b}"))
    return out


def _swap_of_the_parameter(display: str, model: ModelAnalysis, op, settings: Settings, trials: dict) -> tuple | None:
    """For _at_the_parameter_shape: ((where, size), (where, size)) of the one swap of two sizes
    written for a parameter operand of `op` that makes the model run with no error; None
    otherwise. `trials` keeps the reruns."""
    from convlint.evaluator.interpreter import NUMBER_EDIT

    fixing = []
    for operand in op.operands:
        dims, written = operand.shape.dims, operand.sizes_written
        if not operand.parameter or dims is None or len(written) != len(dims):
            continue
        for i in range(len(dims)):
            for j in range(i + 1, len(dims)):
                a, b = dims[i], dims[j]
                if written[i] is None or written[j] is None or type(a) is not int or type(b) is not int or a == b:
                    continue
                key = (written[i], written[j], a, b)
                if key not in trials:
                    trial = model.edited_run({(written[i], NUMBER_EDIT): b, (written[j], NUMBER_EDIT): a})
                    trials[key] = not (trial.internal_error or trial.stopped) and bool(trial.ops) \
                        and not any(o.problem for o in trial.ops) and not any(
                            f.severity == "error" for f in model_diagnostics(display, trial, settings, hint_sizes=False,
                                                                             pinned_sizes=False))
                if trials[key]:
                    fixing.append(((written[i], a), (written[j], b)))
                if len(trials) >= MAX_PARAMETER_SWAPS:
                    return fixing[0] if len(fixing) == 1 else None
    return fixing[0] if len(fixing) == 1 else None


MAX_PARAMETER_SWAPS = 12


def _the_argument_sizing_the_parameter(model: ModelAnalysis, d: Diagnostic, trials: dict) -> tuple | None:
    """For _at_the_parameter_width_passed: (where the argument is written, the module built, the
    width asked for) of the one argument of the failing module's construction that, given that
    width, makes the model run with no op refused; None otherwise. `trials` keeps the reruns."""
    op = next((o for o in model.ops if o.problem and o.span == d.span and o.op in ("x.expand", "x.expand_as")
               and o.operands and _of_a_parameter(o.operands[0])), None)
    wanted = op.detail.get("size") if op is not None else None
    if not isinstance(wanted, int) or isinstance(wanted, bool):
        return None

    owner = _call_holding(model, op)
    if owner is None:
        return None
    fixing = []
    for span in owner.node.arguments_written.values():
        if (span, wanted) not in trials:
            trial = model.edited_run({span: wanted})
            trials[(span, wanted)] = not (trial.internal_error or trial.stopped) and bool(trial.calls) \
                and not any(o.problem for o in trial.ops)
        if trials[(span, wanted)]:
            fixing.append(span)
    return (fixing[0], owner.node, wanted) if len(fixing) == 1 else None


def _of_a_parameter(tensor) -> bool:
    """Read from an nn.Parameter a module holds (`self.memory`, named so when set), or made by one."""
    return tensor.parameter or tensor.producer == "a parameter" or tensor.producer.startswith("self.")


MAX_PARAMETER_READ_TRIALS = 16  # rebuilds per finding by _at_the_parameter_read


def _at_the_parameter_read(display: str, model: ModelAnalysis, found: list[Diagnostic],
                           settings: Settings) -> list[Diagnostic]:
    """A view or product torch refuses of a module's own nn.Parameter (a GDN's `self.gamma.view(ch, ch,
    1, 1)` of a (48, 48) gamma in a map of 32 channels; `z @ self.memory.t()` of a bank made
    transposed): where the model built again with one argument of the call building that module
    given a size the op asks for runs clean, no other such edit doing so, that call passed the wrong
    width (`GDN(M)` for `GDN(N)`): reported there. Else where the parameter's maker (`torch.randn(dim,
    n)`) given its sizes swapped runs clean, the sizes were written in the wrong order: reported at
    the maker. Else the finding stays at the op, naming the module and where the parameter is made."""
    out = []
    for d in found:
        op = next((o for o in model.ops if o.problem and o.span == d.span), None) \
            if d.code in ("CL102", "CL107") and d.severity == "error" else None
        held = _parameter_read_by(model, op) if op is not None else None
        if held is None:
            out.append(d)
            continue
        call, holder, name, parameter = held
        label = call.node.label if call is not None else None
        made = parameter.made_by
        shown = "x".join(format_dim(v) for v in parameter.shape.dims) if parameter.shape.dims is not None else "?"
        where = f", made on line {made.line}" + (f" of {made.file}" if made.file and made.file != d.span.file else "") \
            if made is not None else ""
        moved = _argument_sizing_the_read(model, op, call, settings) if call is not None and model.edited_run else None
        if moved is not None:
            span, value = moved
            note = f"and this call sizes self.{name} of {label} ({shown}{where}): given {value} here, the model runs"
            out.append(replace(d, path=span.file or display, span=_in(span, ""), layer=label,
                               message=_qualified(d.message, note), related=(d.span, *d.related),
                               fix=f"Give {label} {value} there, the size the {op.op} of self.{name} needs",
                               via=tuple(s for s in call.node.via if s.line != span.line or s.file != span.file)))
            continue
        swap = _swap_of_the_made_parameter(display, model, parameter, settings) \
            if made is not None and model.edited_run else None
        if swap is not None:
            note = (f"and self.{name} is made {shown} on line {made.line}, its sizes in the wrong order: "
                    f"made {'x'.join(str(v) for v in swap)}, the model runs")
            out.append(replace(d, path=made.file or display, span=_in(made, ""), layer=d.layer or label,
                               message=_qualified(d.message, note), related=(d.span, *d.related),
                               fix=f"Write the sizes of self.{name} in the order the {op.op} reads them: "
                                   f"{'x'.join(str(v) for v in swap)}", via=()))
            continue
        note = f"self.{name}" + (f" of {label}" if label else "") + f" is {shown}{where}"
        out.append(replace(d, layer=d.layer or label, message=_qualified(d.message, note),
                           related=(*d.related, made) if made is not None and made not in d.related else d.related))
    return out


def _parameter_read_by(model: ModelAnalysis, op) -> tuple | None:
    """(the call of the module whose forward() ran the op or None for the model's own, that module,
    the attribute name, the parameter) of an operand the op reads from a parameter a module holds."""
    from convlint.model import Tensor

    for operand in op.operands:
        if not operand.producer.startswith("self."):
            continue
        name = operand.producer[len("self."):]
        call = _call_holding(model, op)
        holder = call.node if call is not None else model.root
        parameter = holder.attrs.get(name) if holder is not None else None
        if isinstance(parameter, Tensor) and parameter.parameter:
            return call, holder, name, parameter
    return None


def _sizes_the_op_asks(op) -> list[int]:
    """The whole numbers a refused op asks of its operands: a view's sizes, the other operand's dims."""
    asked = [v for v in op.detail.get("requested", ()) if type(v) is int and v > 1]
    if type(op.detail.get("size")) is int:
        asked.append(op.detail["size"])
    for operand in op.operands:
        if not _of_a_parameter(operand) and operand.shape.dims is not None:
            asked += [v for v in operand.shape.dims if type(v) is int and v > 1]
    return list(dict.fromkeys(asked))[:4]


def _argument_sizing_the_read(model: ModelAnalysis, op, call, settings: Settings) -> tuple | None:
    """For _at_the_parameter_read: (where the argument is written, the value) of the one argument of
    the module's construction that, given a size the op asks, builds a model running every op."""
    fixing, tried = [], 0
    for span in call.node.arguments_written.values():
        for value in _sizes_the_op_asks(op):
            if tried >= MAX_PARAMETER_READ_TRIALS:
                return None
            tried += 1
            trial = model.edited_run({span: value})
            if not (trial.internal_error or trial.stopped) and bool(trial.calls) \
                    and not any(o.problem for o in trial.ops):
                fixing.append((span, value))
    return fixing[0] if len({span for span, _ in fixing}) == 1 and len(fixing) == 1 else None


def _swap_of_the_made_parameter(display: str, model: ModelAnalysis, parameter, settings: Settings) -> tuple | None:
    """For _at_the_parameter_read: the sizes of the one swap of two of the parameter's sizes, made so
    by its maker's call, that builds a model running with no error; None otherwise."""
    from convlint.evaluator.tensor_ops import SIZES_EDIT

    dims = parameter.shape.dims
    if dims is None or len(dims) < 2 or any(type(v) is not int for v in dims):
        return None
    fixing = []
    for i in range(len(dims)):
        for j in range(i + 1, len(dims)):
            if dims[i] == dims[j]:
                continue
            swapped = list(dims)
            swapped[i], swapped[j] = dims[j], dims[i]
            trial = model.edited_run({(parameter.made_by, SIZES_EDIT): tuple(swapped)})
            if not (trial.internal_error or trial.stopped) and bool(trial.ops or trial.calls) \
                    and not any(o.problem for o in trial.ops) and not any(
                        f.severity == "error" for f in model_diagnostics(display, trial, settings, hint_sizes=False,
                                                                         pinned_sizes=False)):
                fixing.append(tuple(swapped))
            if i * len(dims) + j >= MAX_PARAMETER_SWAPS:
                break
    return fixing[0] if len(fixing) == 1 else None


def _call_holding(model: ModelAnalysis, op):
    """The call of the innermost local module (not the model) whose forward() ran the op, or None."""
    from convlint.evaluator.objects import LocalFunction

    def holds(call) -> bool:
        forward = call.node.cls.forward_method() if call.node.cls is not None else None
        if not isinstance(forward, LocalFunction) or getattr(forward.scope, "parsed", None) is None:
            return False
        where = forward.scope.parsed.resolve(forward.node)
        return where.file == op.span.file and where.line <= op.span.line <= where.end_line

    return max((c for c in model.calls if c.start <= op.start and c.node is not model.root and holds(c)),
               key=lambda c: c.start, default=None)


MAX_RESIDUAL_ARGUMENT_TRIALS = 8  # rebuilds per finding by _at_the_residual_block_argument


def _at_the_residual_block_argument(display: str, model: ModelAnalysis, found: list[Diagnostic],
                                    settings: Settings) -> list[Diagnostic]:
    """An elementwise op of a block's forward() refused on the channels of its operands (`out + x`
    of a residual block whose body maps in_channels to out_channels) is reported at the argument of
    the call building that block (`ResidualBlock(in_channels * 2, out_channels)`) where the model
    built again with that argument given one operand's width runs clean and no other such edit of
    that call does: the block is right for every in == out, the call gave it unequal widths. The
    op is related; where no edit or several run, the finding stays at the op."""
    out = []
    for d in found:
        moved = _residual_argument_that_fixes(display, model, d, settings) \
            if d.code == "CL107" and d.severity == "error" and model.edited_run is not None else None
        if moved is None:
            out.append(d)
            continue
        span, owner, wanted, op = moved
        out.append(replace(d, path=span.file or display, span=span, related=(d.span, *d.related),
                           layer=owner.label,
                           fix=f"Pass {wanted} there: the {op} in {owner.label} needs its operands of one width",
                           via=tuple(s for s in owner.via if s.line != span.line or s.file != span.file)))
    return out


def _residual_argument_that_fixes(display: str, model: ModelAnalysis, d: Diagnostic,
                                  settings: Settings) -> tuple | None:
    """For _at_the_residual_block_argument: (where the argument is written, the block, the width)
    of the one edit of the failing block's call that runs the model clean; None otherwise."""
    op = next((o for o in model.ops if o.problem and o.span == d.span and len(o.operands) == 2), None)
    shapes = [o.shape.dims for o in op.operands] if op is not None and op.operands[0].shape.dims is not None \
        and op.operands[1].shape.dims is not None else None
    if shapes is None or len(shapes[0]) != len(shapes[1]) or len(shapes[0]) < 3:
        return None
    widths = [dims[1] for dims in shapes]
    if not all(type(w) is int and w > 0 for w in widths) or widths[0] == widths[1] \
            or any(a != b for a, b in zip((*shapes[0][:1], *shapes[0][2:]), (*shapes[1][:1], *shapes[1][2:]))):
        return None  # (only the channels differ: a map of another size is not what a width fixes)
    owner = _call_holding(model, op)
    spans = list(owner.node.arguments_written.values()) if owner is not None else []
    if not spans or 2 * len(spans) > MAX_RESIDUAL_ARGUMENT_TRIALS:
        return None
    fixing = [(span, width) for span in spans for width in widths
              if _runs_clean_edited(display, model, {span: width}, settings)]
    if len(fixing) != 1:
        return None
    # (a layer after the block takes what it gives once edited: with nothing after it, the block
    # missing a projection shortcut, its caller meaning to widen, runs as well and stays the finding)
    path, trial = owner.node.path, model.edited_run({fixing[0][0]: fixing[0][1]})
    block = next((c for c in trial.calls if c.node.path == path), None)
    after = block is not None and path and any(
        c.start > block.start and c.node.cls is None and c.node.path and c.node.path != path
        and not c.node.path.startswith(path + ".") for c in trial.calls)
    return (fixing[0][0], owner.node, fixing[0][1], op.op) if after else None


def _flag_that_fixes(display: str, model: ModelAnalysis, d: Diagnostic) -> Diagnostic | None:
    """For _at_the_flag: the finding at the one flag of the failing block's call whose other value
    makes the add run (a parameter with a literal True or False default), or None."""
    from convlint.evaluator.objects import LocalFunction

    op = next((o for o in model.ops if o.problem and o.span == d.span and len(o.operands) == 2), None)
    # the block whose call ran the add: an operand's producer may be a layer of an earlier block
    # (`x` the output of the block before, through its own identity add)
    holding = _call_holding(model, op) if op is not None else None
    block = holding.node if holding is not None and holding.node.cls is not None else None
    if block is None:
        block_path = _enclosing_block(model, op.span, op.operands[0].producer) if op is not None else None
        block = next((n for n in model.constructed if block_path and n.path == block_path and n.cls is not None),
                     None)
    init = block.cls.lookup("__init__") if block is not None else None
    if not isinstance(init, LocalFunction):
        return None
    flags = init.flag_defaults()
    fixing = []
    for name, where in block.defaults_overridden.items():
        if name not in flags:
            continue
        trial = model.edited_run({where: not flags[name]})
        joins = [o for o in trial.ops if o.span == op.span]
        if not (trial.internal_error or trial.stopped) and joins and not any(o.problem for o in joins):
            fixing.append((name, where, not flags[name]))
    if not fixing:
        return _flag_left_out_that_fixes(display, model, d, op, block, flags)
    if len(fixing) != 1:
        return None
    (name, where, value), = fixing
    note = (f"and {name}={not value} given on line {where.line} builds {block.label} without what {name}={value} "
            f"builds, with which the add runs")
    return replace(d, path=where.file or display, span=where, message=_qualified(d.message, note),
                   fix=f"Give {block.label} {name}={value}, as the add needs both paths to agree",
                   layer=block.label, related=(op.span, block.span, *(r for r in d.related if r != op.span)),
                   via=tuple(s for s in block.via if s.line != where.line or s.file != where.file))


def _flag_left_out_that_fixes(display: str, model: ModelAnalysis, d: Diagnostic, op, block,
                              flags: dict) -> Diagnostic | None:
    """For _flag_that_fixes: a flag the failing block's call leaves at its default where other calls
    of the block give it (`ResBlock(128, 256)` beside `ResBlock(64, 128, dim_reduct=True)`), whose
    other value, added to that call, makes every instance of the add run, no other such flag doing
    so: the finding at that call, or None. (A flag no call gives is the block's design: not tried.)"""
    given = {name for other in model.constructed if other is not block and other.cls is block.cls
             for name in other.defaults_overridden}
    alone = _alone_failing_of_its_block(model, op, block)
    if alone:
        given = set(flags)  # every other call of the block runs the add: this call's arguments are the slip
    fixing = []
    for name in sorted(set(flags) & given - set(block.arguments_written)):
        trial = model.edited_run({(block.span, name): not flags[name]})
        joins = [o for o in trial.ops if o.span == op.span]
        if not (trial.internal_error or trial.stopped) and joins and not any(o.problem for o in joins):
            fixing.append((name, not flags[name]))
    if len(fixing) != 1:
        return None
    (name, value), = fixing
    where = block.span
    note = (f"and {block.label}, built on line {where.line} without {name}, is left at {name}={not value}, "
            f"without what {name}={value} builds, " + ("where the other calls of its block run the add"
            if alone else "as other calls of its block give it") + "; with it the add runs")
    return replace(d, path=where.file or display, span=where, message=_qualified(d.message, note),
                   fix=f"Pass {name}={value} to {block.label}, as the add needs both paths to agree",
                   layer=block.label, related=(op.span, *(r for r in d.related if r != op.span)),
                   via=tuple(s for s in block.via if s.line != where.line or s.file != where.file))


def _alone_failing_of_its_block(model: ModelAnalysis, op, block) -> bool:
    """Whether the add `op` fails in the one instance `block` only, other instances of its block
    running that add clean (`Block(128, 128)` beside `Block(128, 256)` left at `same_shape=True`):
    the block's code is right for the calls that run it."""
    failing = {id(c.node) for o in model.ops if o.span == op.span and o.problem and not o.speculative
               if (c := _call_holding(model, o)) is not None}
    running = {id(c.node) for o in model.ops if o.span == op.span and not o.problem
               if (c := _call_holding(model, o)) is not None and c.node.cls is block.cls}
    return failing == {id(block)} and bool(running - failing)


def _at_the_passed_path_argument(display: str, diagnostic: Diagnostic, node, variant: str | None,
                                 layers: list = ()) -> Diagnostic:
    """A layer of one path of an add or cat blamed for its stride or padding (CL107), where a caller
    passes that argument down unchanged (`ConvBN(cin, cout, 1, stride=1)` building a conv+BN
    wrapper's `nn.Conv3d(cin, cout, k, stride=stride)`): the wrapper's line is right for its other
    uses, the caller's argument is the line to change. A padding the caller computed once and
    passes to every layer that breaks the path (`self.padding = self.kernel_size - 1` before
    `block(..., padding=self.padding)`) is reported where it is computed, the calls on its way
    related, when no layer of `layers` reads it as anything but a padding. A wrapper that hands the
    argument on in its `**kwargs` (`BasicConv2d(cin, cout, kernel_size=5, padding=1)`) is reported
    where its caller writes it; one its caller left out, where other calls of the wrapper hand that
    argument on (`BasicConv2d(cin, cout, kernel_size=3)` beside `..., kernel_size=3, padding=1)`),
    at that call: the wrapper's line takes its window from its callers."""
    if variant == "repeated":
        return _at_the_block_line_passing_the_stride(display, diagnostic, node, layers)
    argument = PATH_ARGUMENT.get(variant, "")
    origin = node.arg_origins.get(argument)
    if origin is None and argument in node.handed_on:
        origin = (node.handed_on[argument], frozenset(), None, ())
    if origin is None and _left_out_of_the_kwargs(node, argument, layers):
        origin = (node.kwargs_from, frozenset(), None, ())
    if origin is None and variant in ("shortcut", "stride", "odd-window") \
            and (left_out := _default_left_by_the_helper_call(node, argument, layers)) is not None:
        return _at_the_call_leaving_the_default(display, diagnostic, node, argument, left_out)
    if origin is None:
        return diagnostic
    where, chain = origin[0], ()
    computed = origin[2]
    if variant in ("shared", "size") and computed is not None and computed != where and all(
            name == argument for other in layers for name, found in other.arg_origins.items() if found[2] == computed):
        where, chain = computed, tuple(dict.fromkeys((origin[0], *(level for level, _ in origin[3]))))
    via = tuple(s for s in node.via if s.line != where.line or s.file != where.file)
    related = (*chain, node.span, *(r for r in diagnostic.related if r != node.span and r not in chain))
    return replace(diagnostic, path=where.file or display, span=where, related=related, via=via)


def _default_left_by_the_helper_call(node, argument: str, layers: list) -> Span | None:
    """The call of a plain helper (a function or method making this one conv or pool, a norm or
    activation beside it at most) that left the helper's parameter carrying `argument` to its
    default (`conv1x1(self.inplanes, planes)` of `def conv1x1(cin, cout, stride=1)`): the helper
    passes the parameter on for its callers to set, and its body is right for every other call."""
    from convlint.records import ConvRecord, LinearRecord, PoolRecord

    site = node.defaults_taken.get(argument)
    if site is None or not node.via or node.via[-1] != site \
            or not isinstance(node.record, (ConvRecord, PoolRecord)) or node.assigned & WINDOW_ATTRIBUTES:
        return None
    if any(other is not node and other.via[:len(node.via)] == node.via
           and isinstance(other.record, (ConvRecord, PoolRecord, LinearRecord)) for other in layers):
        return None  # (a block of several layers: its own line decides which takes the argument)
    return site


def _at_the_call_leaving_the_default(display: str, diagnostic: Diagnostic, node, argument: str,
                                     site: Span) -> Diagnostic:
    """The finding moved to the helper's call that left `argument` to the helper's default."""
    value = getattr(node.record, argument, None)
    shown = value[0] if isinstance(value, tuple) and len(set(value)) == 1 else value
    note = f"and the call on line {site.line} leaves out {argument}, so the helper's default {argument}={shown} is taken"
    via = tuple(s for s in node.via if s != site)
    return replace(diagnostic, path=site.file or display, span=site, message=_qualified(diagnostic.message, note),
                   related=(node.span, *(r for r in diagnostic.related if r != node.span)), via=via)


def _left_out_of_the_kwargs(node, argument: str, layers: list) -> bool:
    """Whether the layer takes `argument` only through its wrapper's `**kwargs`, its wrapper's call
    not giving it, where another call of the wrapper's line hands it on: the caller's to give."""
    return bool(argument) and node.kwargs_from is not None and argument not in node.handed_on \
        and argument not in node.written_at and any(
            argument in other.handed_on for other in layers if other.span == node.span and other is not node)


def _at_the_block_line_passing_the_stride(display: str, diagnostic: Diagnostic, node, layers: list) -> Diagnostic:
    """A conv that takes its block's stride a second time, built by a helper the block calls
    (`self.conv2 = conv3x3(planes, planes, stride)`): the helper's `nn.Conv2d(..., stride=stride)`
    is right for every other use, the block's call passing the stride is the line to change. Not
    where that call builds another layer taking the stride too (a helper making both convs)."""
    block = next((other for other in layers if other.path and node.path.startswith(other.path + ".")
                  and node.path.count(".") == other.path.count(".") + 1), None)
    origin = node.arg_origins.get("stride")
    built = [i for i, call in enumerate(node.via) if block is not None and (call.file, call.line) == (
        block.span.file, block.span.line)]
    if origin is None or not built:
        return diagnostic
    inside = node.via[built[-1] + 1:]
    passing = {level.line for level, _ in origin[3]} | {origin[0].line}
    if not inside or inside[0].line not in passing:
        return diagnostic
    where = inside[0]
    if any(other is not node and other.path.startswith(block.path + ".") and where in other.via
           and "stride" in other.arg_origins for other in layers):
        return diagnostic
    via = tuple(s for s in node.via if s != where)
    return replace(diagnostic, path=where.file or display, span=where, related=(node.span, *diagnostic.related),
                   via=via)


def _at_the_argument(diagnostic: Diagnostic, nodes: dict, model: ModelAnalysis) -> Diagnostic:
    """A wrong count in a layer call written over several lines (`nn.Conv2d(\n    384, 10,`) is
    reported at the line of that argument, the line to change."""
    node = _node_for(nodes, diagnostic)
    argument, dim = ARGUMENT_OF.get(diagnostic.code, ("", 0))
    written = node.written_at.get(argument) if node is not None and diagnostic.span == node.span else None
    if written is None or written.line == diagnostic.span.line:
        return diagnostic
    if any(other is not node and other.span != node.span and written in other.written_at.values()
           for other in nodes.values()):
        return diagnostic  # a local several layers read (`c = 64`): which of them is wrong is not known
    if any(other.span != node.span and any(found is not None and found[2] == written
                                           for found in other.arg_origins.values())
           for other in model.constructed):
        # a count blocks are given too (`self.in_filters4 = ...` passed to a Respath and a
        # block beside the layer that reads it): which of them is wrong is not known
        return diagnostic
    outside = not node.span.line <= written.line <= node.span.end_line or written.file != node.span.file
    if outside and type(arriving := _arriving(model, node, dim)) is int and _another_name_holds(node, argument, arriving):
        return diagnostic  # `Conv2d(bw, ...)` where `in_chs` holds what arrives: the layer read the wrong name
    return replace(diagnostic, span=written, related=(node.span, *diagnostic.related))


def _at_the_kernel(diagnostic: Diagnostic, model: ModelAnalysis, nodes: dict) -> Diagnostic:
    """A conv or pool whose window is larger than the map it gets, its kernel a local computed from
    numbers that no other layer reads (`kernel_size = int(image_size / np.power(2, repeat_num))`,
    meant to cover the final map): that computation is the line to change. Only where the call
    writes no padding or dilation: then the kernel alone sets how much of the map the window needs."""
    from convlint.records import ConvRecord, PoolRecord

    node = _node_for(nodes, diagnostic)
    if diagnostic.code != "CL105" or node is None or diagnostic.span != node.span \
            or not isinstance(node.record, (ConvRecord, PoolRecord)) or getattr(node.record, "transposed", False) \
            or "padding" in node.written_at or "dilation" in node.written_at \
            or any(p != 0 for p in node.record.padding) or node.record.dilation != (1,) * len(node.record.kernel_size):
        return diagnostic
    written = _written_for_it_alone(model, node, "kernel_size")
    if written.line == node.span.line and written.file == node.span.file:
        return diagnostic  # written in the call itself: its line is the conv's
    return replace(diagnostic, path=written.file or diagnostic.path, span=written, related=(node.span, *diagnostic.related))


def _the_call_leaving_it_out(model: ModelAnalysis, node, argument: str) -> Span | None:
    """The call that built the layer without the argument another call of its line passes
    (`down(16, 32)` beside `down(3, 16, padding=1)`, both building `nn.Conv2d(cin, cout, 3, 2,
    padding)`): the one to give it, or None."""
    for other in model.constructed:
        origin = _origin_of(other, argument) if other is not node and other.span == node.span else None
        index = next((i for i, site in enumerate(other.via) if origin is not None and _within(origin, site)), None)
        if index is not None and index < len(node.via) and other.via[:index] == node.via[:index]:
            return node.via[index]
    return None


def _written_for_it_alone(model: ModelAnalysis, node, argument: str) -> Span:
    """Where a layer's argument is written (written_at), unless that is a local another layer's
    line reads too (`k = 3` for a conv and a pool: which of them is wrong is not known): then the
    layer's own call."""
    written = node.written_at.get(argument)
    if written is None:
        return node.span
    if any(other is not node and other.span != node.span and written in other.written_at.values()
           for other in [*model.constructed, *(c.node for c in model.calls)]):
        return node.span
    return written


def _part_value(argument: str, part: tuple):
    """The value, in a layer's count, of the caller's parameter whose origin is `part`."""
    return lambda layer: next((value for _, value, origin in (*layer.arg_parts.get(argument, ()),
                                                              *layer.arg_loop_parts.get(argument, ()))
                               if origin[0] == part[0]), None)


def _fed_what_it_is_told(model: ModelAnalysis, node, at: Span, value_of, dim: int) -> bool:
    """Whether the blocks built by the call holding `at` (each holding an instance of the failing
    layer's line, each taking one tensor) are fed exactly the count the call tells them,
    `value_of(their instance)`, in the dim it sizes, wherever what they are fed is known: that call
    describes their input right, so what changes the width is inside the block (Glow's
    AffineCoupling(in_channel), whose forward halves its input with chunk(2, 1) before its net's
    first conv reads in_channel)."""
    told, fed = _blocks_told_and_fed(model, node, at, value_of, dim)
    return told > 0 and fed == told


def _the_call_inside_the_block(model: ModelAnalysis, node, levels: tuple, outer: Span, argument: str, dim: int,
                               witnessed: bool) -> Span | None:
    """A count passed down through a block of blocks (`DenseBlock(c, g)` building `_Layer(c, g)` in
    a loop, whose first conv reads c), where the call at `outer` describes its block's input right:
    what is wrong is inside that block. A call further in on the count's way (levels, innermost
    first) that tells the blocks it builds a count some of them are fed (the loop's first layer
    gets c) and the failing one's is not (the later ones get what the earlier concatenated), or
    whose line a model of the file runs right (`witnessed`), is what to change: the layer's line
    reads the right parameter where it is fed what its call says. None where a call on the way
    holds the count that arrives in another argument (the block reads the wrong one), or where the
    failing layer takes something other than its block's input."""
    spans = [span for span, _ in levels]
    arriving = _arriving(model, node, dim)
    if outer not in spans or not is_known(arriving):
        return None
    value_of = lambda layer: getattr(layer.record, argument, None)  # noqa: E731
    for span, others in reversed(levels[:spans.index(outer)]):
        if arriving in others:
            return None
        told, fed = _blocks_told_and_fed(model, node, span, value_of, dim)
        if told and fed == told:
            continue  # this call describes its blocks' input right too: further in
        if not _builds_a_block(model, node, span):
            continue  # a helper that builds layers and returns them: what it is told is its caller's
        call = next((site for site in node.via if _within(span, site)), None)
        own = next((c for c in model.calls if call is not None and c.node.span == call
                    and node.path.startswith(c.node.path + ".")), None)
        dims = own.input.shape.dims if own is not None else None
        fed_own = dims[dim] if dims and len(dims) > max(dim, 0) else None
        return span if told and (fed or witnessed) and fed_own == arriving else None
    return None


def _blocks_told_and_fed(model: ModelAnalysis, node, at: Span, value_of, dim: int) -> tuple[int, int]:
    """Of the calls of the blocks built by the call holding `at` (as _fed_what_it_is_told), where
    what they are fed is known: how many there are, and how many are fed the count they are told."""
    call = next((site for site in node.via if _within(at, site)), None)
    own = next((c.node for c in model.calls if call is not None and c.node.span == call and c.node.cls is not None
                and node.path.startswith(c.node.path + ".")), None)
    if own is None or not _takes_one_tensor(own.cls):
        return 0, 0
    inner = node.path[len(own.path):]
    layers = {n.path: n for n in model.constructed if n.span == node.span}
    told = fed = 0
    for c in model.calls:
        layer = layers.get(c.node.path + inner) if c.node.span == call and c.node.cls is own.cls else None
        dims = c.input.shape.dims
        if layer is None or not dims or len(dims) <= max(dim, 0) \
                or not (is_known(dims[dim]) or is_width(dims[dim])):
            continue
        value = value_of(layer)
        told += 1
        fed += value is not None and dims[dim] == value
    return told, fed


def _takes_one_tensor(cls) -> bool:
    """Whether a module class's forward takes one argument (no second input, no *args)."""
    import libcst as cst

    from convlint.evaluator.objects import LocalFunction

    forward = cls.forward_method() if hasattr(cls, "forward_method") else None
    if not isinstance(forward, LocalFunction):
        return False
    params = forward.node.params
    return len(params.posonly_params) + len(params.params) == 2 and not params.kwonly_params \
        and not isinstance(params.star_arg, cst.Param) and params.star_kwarg is None


def _the_part_that_varies(node, argument: str, fitting: list) -> tuple | None:
    """A count computed from the caller's parameters (`ConvBlock(num_filter * num_stages, ...)`)
    that other instances of the same line get right: a parameter equal in all of them is not
    what is wrong; when exactly one other varies (num_stages), its origin is where to look. Only
    instances given their count by the same call compare (a block line such as ZeroConv2d's conv,
    built by two calls that each compute `in_channel * 4`, is two computations, not one)."""
    written = _origin_of(node, argument)
    fitting = [other for other in fitting if _origin_of(other, argument) == written]
    if not fitting:
        return None
    parts = node.arg_parts[argument]
    varying = [(name, origin) for name, value, origin in parts
               if any(dict((n, v) for n, v, _ in other.arg_parts.get(argument, ())).get(name, value) != value
                      for other in fitting)]
    return varying[0][1] if len(varying) == 1 else None


def _without_the_loop_instances_it_explains(model: ModelAnalysis, found: list[Diagnostic], out: list[Diagnostic],
                                            nodes: dict) -> list[Diagnostic]:
    """_at_the_call_site's findings (`out`, one per finding in `found`), less those of the later
    instances of a loop's line (`in_channels + i * growth` at i = 1, 2, ...) built through the call
    whose count the first instance's finding moved to (i = 0, where the count is that parameter):
    each is off by just as much as the first (40 arrive where 24 are expected, 32 where 16), as a
    count computed by adding to the wrong parameter is; the one edit at the call fixes them all."""
    def failure(diagnostic: Diagnostic):
        node = _node_for(nodes, diagnostic)
        argument, dim = ARGUMENT_OF.get(diagnostic.code, ("", 0))
        if node is None or diagnostic.severity != "error" or diagnostic.span != node.span \
                or not node.arg_loop_parts.get(argument):
            return None
        expected, arriving = getattr(node.record, argument, None), _arriving(model, node, dim)
        if not (isinstance(expected, int) and isinstance(arriving, int)):
            return None
        return node, argument, arriving - expected

    moved = {}  # (line, call, code) -> how far the count is off, for a first instance moved to its call
    for before, after in zip(found, out):
        failed = failure(before)
        if failed is not None and after.span != before.span \
                and _the_parameter_it_reduces_to(failed[0], failed[1]) is not None:
            moved[(failed[0].span, failed[0].via, before.code)] = (failed[2], after.span)
    kept = []
    for before, after in zip(found, out):
        failed = failure(before)
        key = (failed[0].span, failed[0].via, before.code) if failed is not None else None
        if key in moved and after.span != moved[key][1] and moved[key][0] == failed[2]:
            continue
        kept.append(after)
    return kept


def _where_its_numbers_are_written(node, argument: str) -> set:
    """Where the locals a layer's count is passed down from were bound (`first = 2 * growth` for
    `Block(first, ...)`): of a count passed unchanged, and of each parameter of a loop's count."""
    return {(node.arg_origins.get(argument) or (None, None, None, ()))[2],
            *(origin[2] for _, _, origin in node.arg_loop_parts.get(argument, ()))}


def _the_parameter_it_reduces_to(node, argument: str) -> tuple | None:
    """A count computed from the caller's parameters and a loop's names (`in_channels + i * growth`
    for i in range(n)), at an instance where the loop's names leave one parameter alone (i = 0: the
    count is in_channels, and the other instances get their own counts from it): that parameter's
    origin, as if the line read it bare. None where no parameter, or more than one, holds the count
    (which of them is meant is not known)."""
    expected = getattr(node.record, argument, None)
    if not is_known(expected):
        return None
    holding = [origin for _, value, origin in node.arg_loop_parts.get(argument, ()) if value == expected]
    return holding[0] if len(holding) == 1 else None


def _fits_in(model: ModelAnalysis, fitting: list, node, argument: str) -> bool:
    """Whether one of the fitting instances is a layer this model built with its count computed
    from the same parameters (another `Up(16, 8, 2)` of the same block): what it shows is of the
    same computation."""
    built = {id(other) for other in model.constructed}
    names = {name for name, _, _ in node.arg_parts.get(argument, ())}
    return any(id(other) in built and {name for name, _, _ in other.arg_parts.get(argument, ())} == names
               for other in fitting)


def _the_part_only_it_reads(model: ModelAnalysis, node, argument: str) -> tuple | None:
    """A count computed from the caller's parameters (`unetConv2(in_size + (n_concat - 2) * out_size,
    ...)`), wrong where other instances of the line fit: a parameter that also sizes another layer
    (in_size, out_size of the block's upsampling conv) is not what is wrong, the one parameter that
    only this count reads (n_concat, a count of tensors the caller concatenates) is: its origin."""
    spans_read = {found[0] for other in model.constructed if other is not node and other.span != node.span
                  for found in other.arg_origins.values()} | \
        {origin[0] for other in model.constructed if other is not node and other.span != node.span
         for parts in other.arg_parts.values() for _, _, origin in parts}
    alone = [origin for _, _, origin in node.arg_parts[argument] if origin[0] not in spans_read]
    return alone[0] if len(alone) == 1 else None


def _passed_in_place_of(levels: tuple, arriving) -> Span | None:
    """The argument a block passes down where it holds the count that arrives in another of its
    parameters (`self.conv = unetConv2(out_size, out_size)` in `unetUp(in_size, out_size)`, where
    in_size channels arrive): no parameter of the inner calls holds that count, so no line inside
    them can read it; the call that passes the wrong one of its own parameters is what to change."""
    if not is_known(arriving) or not levels or arriving in levels[0][1]:
        return None
    for inner, (_, others) in zip(levels, levels[1:]):
        if arriving in others:
            return inner[0]
    return None


def _passes_the_right_parameter(model: ModelAnalysis, node, passed: Span, argument: str, dim: int,
                                fits) -> bool:
    """Whether another instance of the layer, built through the same argument a block passes down
    (fire2's squeeze built by Fire's `BasicConv2d(in_channels=in_channels, ...)` as fire3's is), runs
    on the count it reads where no other argument of its calls holds what arrives: that argument
    passes the parameter it must, and a count the failing instance's caller gives equal to another
    argument of its call (fire3's e1 and e3 equal to what arrives) is a coincidence of the widths.
    Only an argument passing a name on as it is: a count the block computes from its parameters
    (`in_ch + out_ch // 2`) is left to the steps that try each of them."""
    levels = (node.arg_origins.get(argument) or (None, None, None, ()))[3]
    index = next((i for i, level in enumerate(levels) if level[0] == passed), None)
    chain = node.names_passed.get(argument, ())
    # (an item of the caller's *args or list, `ConvBN(dims[i - 1], dims[i])`, is passed on as it is too:
    # its origin goes on past that call)
    if index is None or index >= len(chain) or chain[index][1] is None and index + 1 >= len(levels):
        return False
    # (an instance of this model only: a block checked on its own is fed what its first layer reads)
    for call in model.calls:
        other = call.node
        found = other.arg_origins.get(argument) if other is not node and other.span == node.span else None
        if found is None or other.via == node.via or passed not in (level[0] for level in found[3]) \
                or not fits(call, argument, dim):
            continue
        arriving = call.input.shape.dims[dim]
        if isinstance(arriving, int) and arriving not in found[1]:
            return True
    return False


def _builds_a_block(model: ModelAnalysis, node, at: Span) -> bool:
    """Whether the call on the layer's way holding `at` constructs a module of the file's own
    (`Unit(24, 24)`), not a helper function or method that builds layers and returns them
    (`self._make_stage(16, planes)`, `make_pred_layer(Classifier, 64)`)."""
    call = next((site for site in node.via if _within(at, site)), None)
    return call is not None and any(n.span == call and n.cls is not None for n in model.constructed)


@contextmanager
def _origins_past_the_forwarding_helpers(model: ModelAnalysis):
    """The model's layers with their argument origins (arg_origins, names_passed) as if the body of
    each helper that only forwards the constructor's own parameter under its own name
    (`self._make_stage(16, planes)` in __init__, binding `planes`) were written in the
    constructor: no number is written at that call, so the call nearer the layer is the count's
    origin, as it is where the loop is written in place. Put back when the block ends."""
    layers = list({id(n): n for n in (*model.constructed, *(c.node for c in model.calls))}.values())
    kept = [(node, node.arg_origins, node.names_passed) for node in layers]
    try:
        for node in layers:
            trimmed = {argument: _past_the_forwarding_helpers(model, node, argument, found)
                       for argument, found in node.arg_origins.items()}
            if any(trimmed[argument] is not found for argument, found in node.arg_origins.items()):
                node.names_passed = {argument: chain[:len(trimmed[argument][3])] if argument in trimmed else chain
                                     for argument, chain in node.names_passed.items()}
                node.arg_origins = trimmed
        yield
    finally:
        for node, origins, names in kept:
            node.arg_origins, node.names_passed = origins, names


def _past_the_forwarding_helpers(model: ModelAnalysis, node, argument: str, found: tuple) -> tuple:
    """The layer's argument origin (as arg_origins) without the outermost calls of helpers that
    forward the constructor's own parameter under its own name (see the function above)."""
    origin, others, written, levels = found
    chain = node.names_passed.get(argument, ())
    if written is not None or len(chain) != len(levels):
        return found
    while len(levels) > 1 and chain[len(levels) - 1][1] == chain[len(levels) - 1][0] \
            and not _builds_a_block(model, node, levels[-1][0]):
        levels = levels[:-1]
    if len(levels) == len(found[3]):
        return found
    return levels[-1][0], frozenset().union(*(level_others for _, level_others in levels)), None, levels


def _where_what_fits_parts(model: ModelAnalysis, node, levels: tuple, fits) -> Span | None:
    """The argument, nearest the caller first, of a call on the count's way that no layer of
    another line given its count by the same caller's argument went through, where such a layer
    gets exactly the count it asks for: the caller's number is right, a call nearer the layer
    passed it where it does not belong. None where no layer of another line fits on that number,
    or every call on the way is shared with one that does."""
    origin = levels[-1][0]
    ways = [{level[0] for level in found[3]} for call in model.calls
            if call.node is not node and call.node.span != node.span
            for argument, found in call.node.arg_origins.items()
            if found[0] == origin and argument in IN_DIMS and fits(call, argument, IN_DIMS[argument])]
    if not ways:
        return None
    theirs = set.union(*ways)  # the calls the fitting layers' counts went through
    return next((span for span, _ in reversed(levels[:-1]) if span not in theirs), None)


def _the_call_a_block_makes(model: ModelAnalysis, node, levels: tuple) -> Span | None:
    """The argument, nearest the layer first, of a call on the count's way made by the constructor
    of a block (SELayer(outplanes) in a unit): one the block could write otherwise. None where
    every call on the way is made by a helper that passes its caller's count on (`return
    block(inplanes, ...)`): the caller's number is the count."""
    return next((span for (span, _), (outer, _) in zip(levels, levels[1:]) if _builds_a_block(model, node, outer)),
                None)


def _where_it_parts_from(levels: tuple, fitting: list, argument: str) -> Span | None:
    """The argument, innermost first, at the first call on the count's way that no fitting
    instance of the layer also went through: the calls nearer the layer passed the right parameter
    to the instances that fit. None where the count came through one call only, or where every
    call on the way is shared (nothing sets the failing instance apart)."""
    if len(levels) < 2 or not fitting:
        return None
    shared = {level[0] for n in fitting for level in (n.arg_origins.get(argument) or (None, None, None, ()))[3]}
    if levels[0][0] not in shared:
        return None  # the nearest call is already the failing instance's own
    return next((span for span, _ in levels if span not in shared), None)


MIN_NAMED_WIDTH = 4


def _where_another_name_holds_it(node, argument: str, levels: tuple, arriving) -> Span | None:
    """The argument, nearest the layer first, of a call on the count's way whose function held the
    count that arrives in another name (`block(planes, planes)` in `_make_layer`, where
    self.inplanes holds it; `Head(c, n)` beside `total`): the call passed the wrong name, and that
    name is the one edit. Not where a parameter of a call on the way holds it (the block then reads
    the wrong parameter, at its own line), nor past a call whose names are not known. A call that
    passes its function's own parameter on under the same name (`block(inplanes, ...)` in a
    `_make_pred_layer(self, block, inplanes, ...)`) forwards what its caller wrote: the caller's
    call is the one that chose it."""
    if not isinstance(arriving, int) or isinstance(arriving, bool) or arriving < MIN_NAMED_WIDTH:
        return None  # (a count as small as a loop's index or a block count says little of a name swap)
    chain = node.names_passed.get(argument, ())
    for index, (span, others) in enumerate(levels):
        if arriving in others:
            return None
        if index + 1 < len(chain) and chain[index][0] == chain[index][1]:
            continue  # (its caller's parameter, passed on as it came)
        site = next((call for call in node.via if _within(span, call)), None)
        names = node.callers_names.get(site) if site is not None else None
        if names is None:
            return None
        if any(value == arriving and not name.startswith("_") for name, value in names):
            return span
    return None


def _another_parameter_fits(model: ModelAnalysis, node, origin: Span, arriving, fits) -> bool:
    """Whether the count that arrives is what another argument of the same call holds, and a layer
    that argument sizes gets it right (`Transition(64, 32)`: conv = Conv2d(in_planes, out_planes)
    fed 64, built by the same call): the failing layer reads the wrong parameter
    (`BatchNorm2d(out_planes)`), at its line. A layer fed by the failing conv itself fits by
    construction (`BatchNorm1d(cout)` after `Conv1d(cin, cout)`): that says nothing of `cin`."""
    from convlint.records import ConvRecord, LinearRecord

    if not is_known(arriving):
        return False
    makes_width = isinstance(node.record, (ConvRecord, LinearRecord))
    return any(call.node is not node and call.node.span != node.span and call.node.via == node.via
               and not (makes_width and call.input.producer == node.label)
               and any(argument in IN_DIMS and found[0] != origin and fits(call, argument, IN_DIMS[argument])
                       and call.input.shape.dims[IN_DIMS[argument]] == arriving
                       for argument, found in call.node.arg_origins.items())
               for call in model.calls)


def _taken_by_another_layer(model: ModelAnalysis, node, origin: Span, fits) -> bool:
    """Whether another layer sized by the same argument of the caller gets exactly that count
    (`Net(channels=512)`: l2 = Conv1d(channels, channels) is fed 512): the value passed is right,
    and the failing layer's own line (`Conv1d(channels, 1536)` after a concatenation) is wrong."""
    return any(call.node is not node and call.node.span != node.span
               and any(found[0] == origin and argument in IN_DIMS and fits(call, argument, IN_DIMS[argument])
                       for argument, found in call.node.arg_origins.items())
               for call in model.calls)


OUT_WIDTHS = ("out_channels", "out_features")


def _widens_what_arrives(model: ModelAnalysis, node, origin: Span) -> bool:
    """Whether the count the call passes also sets the width of a layer that runs before the
    failing one (`Up(64, 16)`: `ConvTranspose2d(cin, cout)` then `torch.cat([up, skip])` into
    `Conv2d(cout, cout)`): a new number there changes what arrives too, so the call cannot be what
    to fix; the failing layer's own line is."""
    failing = next((c.start for c in model.calls if c.node is node), None)
    parent = node.path.rpartition(".")[0]
    return failing is not None and any(
        call.node is not node and call.start < failing and call.node.path.rpartition(".")[0] == parent and any(
            _origin_of(call.node, width) == origin for width in OUT_WIDTHS)
        for call in model.calls)  # (a layer of the same block: PSPNet's parallel stages are not)


def _read_by_another_layer(model: ModelAnalysis, node, written: Span, fits) -> bool:
    """Whether a number a layer's count comes from also sizes another layer of the model (not
    another instance of the same line: a count computed in a loop reaches each of them), one that
    gets the count it asks for or is not checked: where every layer it sizes fails (a transition's
    conv and norm after `num_planes += nblocks[0] * growth_rate`), the number is what is wrong."""
    # (a layer of the function that bound the number reads it itself: `nn.BatchNorm3d(feature_num)` beside
    # `Block(fea_dim=feature_num)`, the number written where the layer's count is)
    readers = {id(other): [argument for argument, origin in other.arg_origins.items() if origin[2] == written]
               + [argument for argument, at in other.written_at.items()
                  if at == written and argument not in other.arg_origins]
               for other in model.constructed if other is not node and other.span != node.span}
    # (a depthwise conv reading it as in_channels, out_channels and groups fails on its in_channels:
    # what it gives out is not checked against the number)
    failing = {id(call.node) for call in model.calls if id(call.node) in readers
               and any(argument in IN_DIMS for argument in readers[id(call.node)])
               and all(_checked(call, IN_DIMS[argument]) and not fits(call, argument, IN_DIMS[argument])
                       for argument in readers[id(call.node)] if argument in IN_DIMS)}
    # (a layer run after the failing one, on channels its failure left unknown, says nothing either
    # way; nor one fed by a layer that gives out that number: `BatchNorm2d(inp)` after a depthwise
    # `Conv2d(inp, inp, groups=inp)` fits by construction)
    first = next((c.start for c in model.calls if c.node is node), None)
    # (the failing layer's own output is no such layer: a norm after it that fits says the number is
    # right as its out_channels, so reading it as its in_channels is what is wrong, EfficientNetV2's head)
    giving = {other.label for other in model.constructed if other is not node and other.span != node.span
              and any(argument in OUT_WIDTHS and origin[2] == written for argument, origin in other.arg_origins.items())}
    blind = {id(call.node) for call in model.calls if id(call.node) in readers and (
        call.input.producer in giving or first is not None and call.start > first and any(
            argument in IN_DIMS and not _checked(call, IN_DIMS[argument]) for argument in readers[id(call.node)]))}
    return any(arguments and key not in failing and key not in blind for key, arguments in readers.items())


def _checked(call, dim: int) -> bool:
    """Whether a layer call got a count in the dim its argument sizes (a block checked on its own
    with its arguments unknown is not another instance that tells anything)."""
    dims = call.input.shape.dims
    return bool(dims) and len(dims) > max(dim, 0) and (is_known(dims[dim]) or is_width(dims[dim]))


def _arriving(model: ModelAnalysis, node, dim: int):
    """The count a layer's first call gets in the dim its argument sizes (channels, features)."""
    return next((c.input.shape.dims[dim] for c in model.calls if c.node is node and c.input.shape.dims
                 and len(c.input.shape.dims) > max(dim, 0)), None)


def _every_failure_on_it_passes(origin, call: Span, found: list[Diagnostic], nodes: dict) -> bool:
    """Whether every layer failing on a count the caller wrote at `origin` got it through the call
    `call` (the helper loop's `in_channels=planes`): where one failing layer got it another way
    (AttentionPyramidNetwork(64, ...) failing at a conv and at a branch built on other lines),
    the caller's number explains them all, not that call."""
    for diagnostic in found:
        argument = ARGUMENT_OF.get(diagnostic.code, ("", 0))[0]
        node = _node_for(nodes, diagnostic)
        if diagnostic.severity != "error" or node is None or _origin_of(node, argument) != origin:
            continue
        if not any(level[0] == call for level in node.arg_origins[argument][3]):
            return False
    return True


def _several_layers_fail_on(origin, found: list[Diagnostic], nodes: dict) -> bool:
    """Layers on two or more lines of a block fail, each on a count one call passes (SN-GAN's
    GBlock(ngf // 2, ngf): its conv, its norm and its shortcut conv all read in_channels): one
    wrong number at that call explains them all, where reading another parameter would take an
    edit on each of their lines."""
    lines = set()
    for diagnostic in found:
        argument = ARGUMENT_OF.get(diagnostic.code, ("", 0))[0]
        node = _node_for(nodes, diagnostic)
        if node is None or diagnostic.span != node.span:
            continue
        if _origin_of(node, argument) == origin:
            lines.add((node.span.file, node.span.line))
        elif diagnostic.code == "CL106" and any(_within(origin, call) for call in node.via):
            # a layer the same call builds that torch refuses (ShuffleNetV2's `outputs = oup - inp`
            # come out as 0 from the same wrong `inp`)
            lines.add((node.span.file, node.span.line))
    return len(lines) >= 2


def _past_the_wrappers(modules: dict, node, levels: tuple) -> tuple:
    """The calls an argument passed down through (arg_origins' levels, innermost first), less those
    of wrappers: a local module (`ConvBlock(in_filters, ...)` of a conv and its norm) built in a
    block's constructor from the block's own parameter, whose layer the argument sizes. To the block
    the wrapper is its layer; the call of the block is where the argument is passed in. `modules`:
    the model's local modules by path."""
    path = node.path
    while len(levels) > 1:
        wrapper = modules.get(path.rpartition(".")[0])
        block = modules.get(wrapper.path.rpartition(".")[0]) if wrapper is not None else None
        if block is None or not _within(levels[0][0], wrapper.span) or not _within(levels[1][0], block.span):
            break
        levels, path = levels[1:], wrapper.path
    return levels


def _within(inner: Span, outer: Span) -> bool:
    return inner.file == outer.file and (outer.line, outer.column) <= (inner.line, inner.column) \
        and (inner.end_line, inner.end_column) <= (outer.end_line, outer.end_column)


def _a_loop_passes_it_unchanged(model: ModelAnalysis, node, argument: str, dim: int, fits) -> tuple | None:
    """(the loop's index, the step) where the failing layer is one of three or more instances a loop
    builds through one call, each given the same count from a caller's parameter, the first fits and
    every later one fails, fed what grows by the same step per iteration (a dense block's
    `in_c = in_channels` for `conv_block(in_c, growth)`, where `in_channels + i * growth` arrive):
    the count the loop passes lacks the index times the step. None otherwise, or where no name of
    the loop's function counts its iterations from 0."""
    if not node.via or not node.arg_origins.get(argument):
        return None
    same = [c for c in model.calls if c.node.span == node.span and c.node.via == node.via]
    built = {id(c.node): c for c in sorted(same, key=lambda c: c.start, reverse=True)}  # (each one's first call)
    loop = sorted(built.values(), key=lambda c: c.node.made)
    if len(loop) < 3 or not all(_checked(c, dim) for c in loop) or not fits(loop[0], argument, dim) \
            or any(fits(c, argument, dim) for c in loop[1:]):
        return None
    if len({getattr(c.record, argument, None) for c in loop}) != 1 \
            or len({_origin_of(c.node, argument) for c in loop}) != 1:
        return None
    arriving = [c.input.shape.dims[dim] for c in loop]
    if not all(isinstance(a, int) and not isinstance(a, bool) for a in arriving):
        return None
    step = arriving[1] - arriving[0]
    if step <= 0 or any(a - arriving[0] != k * step for k, a in enumerate(arriving)):
        return None
    names = [dict(c.node.callers_names.get(node.via[-1], ())) for c in loop]
    index = next((name for name in names[0] if not name.startswith("self.")
                  and [n.get(name) for n in names] == list(range(len(loop)))), None)
    return (index, step) if index is not None else None


def _the_call_that_sized_the_symbolic_input(model: ModelAnalysis):
    """The layer call a symbolic input's channels were taken from: the first conv or batch norm
    that runs on them (none given, the input is made as wide as it asks, so it fits by construction
    and says nothing of what the block's other callers pass). None for an input of a given size."""
    from convlint.records import ConvRecord, NormRecord

    dims = model.input.shape.dims if model.input_source is None and model.input is not None else None
    if not dims or len(dims) < 2 or not is_known(dims[1]):
        return None
    first = min((c for c in model.calls if not c.speculative and c.input.shape.dims and len(c.input.shape.dims) > 1
                 and (isinstance(c.record, ConvRecord) or isinstance(c.record, NormRecord)
                      and c.record.type.startswith("BatchNorm"))), key=lambda c: c.start, default=None)
    return first if first is not None and first.input.shape.dims[1] == dims[1] else None


def _only_the_instance_that_sized_the_input_fits(model: ModelAnalysis, witnesses: list[ModelAnalysis], node,
                                                 levels: tuple, argument: str, dim: int, fits) -> bool:
    """Whether a block's line fails at every call but the one whose input was made to fit it (see
    _the_call_that_sized_the_symbolic_input), and what arrives is what another argument of the
    failing call holds, one the layer reads nowhere (`nn.Conv2d(out_channels, out_channels, k)` in
    a helper called as `nin_block(96, 256, ...)` after a block giving 96): the helper reads the
    wrong parameter, at its line, one edit where moving the count to each call would take one per
    call."""
    arriving = _arriving(model, node, dim)
    if not is_known(arriving) or not levels or arriving not in levels[0][1] \
            or arriving in {getattr(node.record, width, None) for width in (argument, *OUT_WIDTHS)}:
        return False
    instances = [c for candidate in (model, *witnesses) for c in candidate.calls
                 if c.node.span == node.span and _checked(c, dim)]
    chosen = {id(call) for candidate in (model, *witnesses)
              if (call := _the_call_that_sized_the_symbolic_input(candidate)) is not None}
    return any(id(c) in chosen for c in instances) \
        and not any(fits(c, argument, dim) for c in instances if id(c) not in chosen)


def _only_the_value_the_loop_starts_from_fails(model: ModelAnalysis, node, levels: tuple, argument: str, dim: int,
                                                fits) -> bool:
    """Whether the failing layer's count comes from a caller's argument down to a call that, in a
    loop, passes the same variable to every block it builds, and each later block, given what the
    loop carried there (`for t, c, n, s in setting: blocks.append(Block(in_channels, c, s, t));
    in_channels = c`), fits: the blocks and the call that builds them are right, the value the loop
    starts from is not. (Where such a later block fails too, as DenseNet's do where the block
    reads the wrong parameter, the one that fits does so by chance.)"""
    if len(levels) < 2:
        return False
    way = tuple(level[0] for level in levels)

    def its_way(call) -> tuple:
        return tuple(level[0] for level in call.node.arg_origins[argument][3])

    # (a later block's count comes no farther than a call on the failing one's way: the loop's)
    carried = [c for c in model.calls if c.node is not node and c.node.span == node.span and c.node.via == node.via
               and argument in c.node.arg_origins and 0 < len(its_way(c)) < len(way)
               and its_way(c) == way[:len(its_way(c))]]
    return bool(carried) and all(_checked(c, dim) and fits(c, argument, dim) for c in carried)


def _the_block_line(modules: dict, node, argument: str) -> Span | None:
    """Where a block passes its own parameter to the wrapper that builds the layer (`low_channels`
    of `ConvBNAct(low_channels, out_channels)` in a block's constructor): the place in the block's
    code that stands for the layer's line; None for a layer the block builds itself."""
    levels = (node.arg_origins.get(argument) or (None, None, None, ()))[3]
    past = _past_the_wrappers(modules, node, levels)
    return levels[len(levels) - len(past) - 1][0] if len(past) < len(levels) else None


def _every_instance_of_the_line_fails(model: ModelAnalysis, witnesses: list[ModelAnalysis], line: Span,
                                      argument: str, dim: int, fits) -> bool:
    """Whether the layers a block's line makes through a wrapper (see _the_block_line) all get a
    count, none the one it reads, in blocks built by two or more calls of the block that give the
    parameter different values, and no instance of the line in another model of the file runs."""
    def of_the_line(candidate: ModelAnalysis) -> list:
        modules = {n.path: n for n in candidate.constructed if n.path and n.cls is not None}
        return [c for c in candidate.calls if argument in c.node.arg_origins
                and _the_block_line(modules, c.node, argument) == line]

    def the_call_of_the_block(call) -> Span | None:
        way = [level[0] for level in call.node.arg_origins[argument][3]]
        return way[way.index(line) + 1] if way.index(line) + 1 < len(way) else None

    calls = of_the_line(model)
    if len(calls) < 2 or not all(_checked(c, dim) and not fits(c, argument, dim) for c in calls):
        return False
    # (blocks all built by one call, a stage helper's `Identity(in_filters=out_f)`: that call is
    # nearer, and what its argument is written from, for them all)
    callers = {the_call_of_the_block(c) for c in calls}
    values = {getattr(c.record, argument, None) for c in calls}
    return None not in callers and len(callers) >= 2 and len(values) >= 2 and not any(
        fits(c, argument, dim) for candidate in witnesses for c in of_the_line(candidate))


def _another_instance_fits(model: ModelAnalysis, witnesses: list[ModelAnalysis], node, fits, argument: str,
                           dim: int) -> bool:
    """Whether another call of the failing layer's block builds the same line and that layer runs
    on the count it reads, in this model or another model of the file that builds the block: the
    block's use of its parameter is shown to work. (The block checked on its own is no such call:
    its input is as wide as its first layer asks. Where what the layer refuses is made by a layer of
    its own block, neither is one given the same count for the parameter it reads and for another:
    `Block(24, 24)` fits whichever of inp and oup an inverted residual's projection gives, so it
    shows nothing of `Block(16, 24)`, whose norm reads oup where the projection gives inp.)"""
    block = next((n for n in model.constructed if n.cls is not None and n.path
                  and node.path.startswith(n.path + ".") and node.via == (*n.via, n.span)), None)
    if block is None:
        return False
    call = next((c for c in model.calls if c.node is node), None)
    producer = _width_producer(model, call, _by_label(model)) if call is not None else None
    inside = producer is not None and producer is not node and producer.via == node.via

    def shows(c) -> bool:
        return not inside or getattr(c.node.record, argument, None) not in (c.node.arg_origins.get(argument)
                                                                            or (None, ()))[1]
    return any(c.node is not node and c.node.span == node.span and c.node.via != node.via and fits(c, argument, dim)
               and shows(c) for candidate in (model, *witnesses)
               if candidate.root is not None and candidate.root.cls is not block.cls for c in candidate.calls)


def _item_lists(node, argument: str) -> list | None:
    """The lists a layer's count is an item of (`nn.Conv2d(widths[1], ...)` in a block its caller
    passes `widths` whole), where every part of the count is one; else None."""
    parts = node.arg_parts.get(argument)
    lists = [value for _, value, _ in parts or ()]
    return lists if lists and all(isinstance(value, (list, tuple)) for value in lists) else None


def _reads_another_item(node, argument: str, arriving) -> bool:
    """Whether the layer's count is an item of a list its caller passed, and another item of that
    list holds what arrives: the layer's line reads the wrong index."""
    lists = _item_lists(node, argument)
    return lists is not None and arriving is not None and all(arriving in value for value in lists)


def _read_only_here(model: ModelAnalysis, node, origin: Span) -> bool:
    """Whether the caller's argument at `origin` sizes no layer but this one (`block(c, 2 * c)`
    whose conv is the only reader of `cin`): read in place of another, it would be read by nothing,
    which nobody writes; so the argument is what is wrong, however equal its calls' arguments are."""
    return not any(other is not node and other.span != node.span
                   and any(found[0] == origin for found in other.arg_origins.values())
                   for other in model.constructed)


def _fed_from_outside_its_block(model: ModelAnalysis, node) -> bool:
    """Whether the layer's first call takes its block's input: what arrives is made by a layer
    outside the block (or is the model's input), so the block checked on its own would feed it
    the width its first parameter names."""
    block = node.path.rpartition(".")[0]
    call = next((c for c in model.calls if c.node is node), None)
    if not block or call is None:
        return False
    producer = call.input.producer
    return producer == "the input" or any(
        other.label == producer and not other.path.startswith(block + ".") for other in model.constructed)


def _another_reads_what_arrives(model: ModelAnalysis, node, arriving) -> bool:
    """Whether another layer the same call builds reads the count that arrives from that call's
    arguments (SepConv1d's pw reading c_out): the block uses that parameter where it belongs, so
    it is no parameter the failing layer forgot. (One that no layer reads, `c_in` of a block
    whose layers all read `c_out`, says the block reads the wrong one.)"""
    if not node.via:
        return False
    call = node.via[-1]
    return any(other is not node and other.via == node.via and any(
        found[3] and _within(found[3][0][0], call) and getattr(other.record, argument, None) == arriving
        for argument, found in other.arg_origins.items()) for other in model.constructed)


def _reads_the_right_parameter(model: ModelAnalysis, fitting: list, argument: str, dim: int) -> bool:
    """The layer's line reads the parameter it must: a fitting instance gets what it reads and not
    what the other arguments carry (conv3x3(inplanes, planes) building conv1 of a widening block),
    so reading another would break it, and the wrong read is at the failing call (`conv3x3(inplanes,
    planes)` for conv2). Where every fitting instance would fit either way (conv_bn(32, 32)), the
    layer's own line may be what reads the wrong one."""
    for node in fitting:
        _, others, _, _ = node.arg_origins.get(argument, (None, (), None, ()))
        arriving = _arriving(model, node, dim)
        if arriving is not None and arriving not in others:
            return True
    return False


def _nearest_working_size(display: str, model: ModelAnalysis, settings: Settings) -> str | None:
    """For CL101's fix: the square input size nearest the given one on which nothing fails."""
    shape = model.input_shape
    if model.rerun is None or shape is None or shape.dims is None or len(shape.dims) != 4:
        return None
    batch, channels, height, width = shape.dims
    if not all(isinstance(d, int) for d in shape.dims) or height != width:
        return None
    fallback = None
    for distance in range(1, 65):
        for size in (height - distance, height + distance):
            if size < 1:
                continue
            trial = model.rerun((batch, channels, size, size))
            found = [] if trial.internal_error else model_diagnostics(display, trial, settings, hint_sizes=False)
            if trial.internal_error or any(d.severity == "error" for d in found):
                continue
            if not any(d.code == "CL201" for d in found):
                return f"{size}x{size}"  # nearest size that also drops no pixels
            fallback = fallback or f"{size}x{size}"
    return fallback


def file_diagnostic(display: str, code: str, message: str, span: Span = FILE_START,
                    model: str | None = None) -> Diagnostic:
    spec = load_rules()[code]
    return Diagnostic(display, span, code, spec.name, spec.severity, message, None, model)


def _concrete_input(model: ModelAnalysis) -> bool:
    shape = model.input_shape
    return bool(shape is not None and shape.dims and all(isinstance(d, int) for d in shape.dims))


def _finish(result: FileResult, settings: Settings) -> FileResult:
    """One diagnostic per place and code (a block built twice reports once), selected codes,
    severity overrides, suppressions; then the exit-2 verdict."""
    seen: set[tuple] = set()
    kept: list[Diagnostic] = []
    problems = ("CL0", "CL9")
    for diagnostic in result.diagnostics:
        key = (diagnostic.span, diagnostic.code)
        if key in seen or (not diagnostic.code.startswith(problems) and not settings.selects(diagnostic.code)):
            continue
        seen.add(key)
        kept.append(diagnostic)
    result.failed = any(d.code.startswith(problems) and d.severity == "error" for d in kept)
    kept = _suppress(kept, result, settings)
    if settings.severity:
        kept = [replace(d, severity=_severity(d.code, settings.severity, d.severity)) for d in kept]
    result.diagnostics = sorted(kept, key=lambda d: d.sort_key)
    return result


def _severity(code: str, overrides: dict, default: str) -> str:
    matches = [selector for selector in overrides if code.startswith(selector)]
    return overrides[max(matches, key=len)] if matches else default


def _suppress(diagnostics: list[Diagnostic], result: FileResult, settings: Settings) -> list[Diagnostic]:
    if not result.lines:
        return diagnostics
    names = {spec.name: code for code, spec in load_rules().items()}
    suppressions = find_suppressions(result.lines, names)
    if not suppressions:
        return diagnostics
    used: dict[int, set[str]] = {}
    kept = []
    for diagnostic in diagnostics:
        lines = [diagnostic.span.line] + [r.line for r in diagnostic.related if not r.file and r.line
                                          < diagnostic.span.line <= r.end_line]  # the first line of its call
        line = next((n for n in lines if is_suppressed(diagnostic.code, suppressions.get(n))), None) \
            if diagnostic.path == result.path else None
        if line is not None and diagnostic.code not in ("CL001", "CL999"):
            used.setdefault(line, set()).add(diagnostic.code)
            continue
        kept.append(diagnostic)
    if settings.warn_unused_ignores:
        for line, suppression in suppressions.items():
            if not suppression.ours:
                continue
            unused = sorted((suppression.codes or set()) - used.get(line, set()) - {"-"}) \
                if suppression.codes is not None else ([] if line in used else ["all"])
            if unused and not (suppression.codes is None and line in used):
                span = Span(line, suppression.column, line, suppression.column + len(suppression.text))
                kept.append(file_diagnostic(result.path, "CL005",
                                            f"unused suppression {suppression.text.strip()!r}: nothing "
                                            f"{'' if unused == ['all'] else ', '.join(unused) + ' '}"
                                            "is reported on this line", span))
    return kept
