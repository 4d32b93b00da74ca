"""--confirm: trace each model with torch in a child process (never in this one) and give every
static diagnostic a verdict; runtime errors convlint missed become CL900, disagreements between
predicted and observed shapes CL901 (a convlint bug), a trace that could not finish CL902.

Importing a file runs its code: only --confirm does it, in a child process with a timeout."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from convlint.diagnostics import Diagnostic, Span
from convlint.model import ModelAnalysis

CONFIRMED, NOT_REPRODUCED, NOT_CHECKABLE = "confirmed", "not reproduced", "not checkable"
CRASH_RULES = ("CL101", "CL102", "CL103", "CL104", "CL105", "CL106", "CL107", "CL108", "CL109", "CL110",
               "CL111", "CL112", "CL113", "CL114", "CL115")
DESIGN_RULES = ("CL201", "CL202", "CL203", "CL204", "CL205", "CL206", "CL209", "CL210")


def torch_available() -> bool:
    return importlib.util.find_spec("torch") is not None


def run_child(path: Path, models: list[dict], device: str, timeout: float) -> dict | str:
    """The child's report, or why there is none (a timeout, an exit, a crash)."""
    with tempfile.TemporaryDirectory(prefix="convlint-trace-") as scratch:
        request, result = Path(scratch) / "request.json", Path(scratch) / "result.json"
        request.write_text(json.dumps({"path": str(path.resolve()), "models": models, "device": device}))
        try:
            done = subprocess.run([sys.executable, "-m", "convlint.trace.child", str(request), str(result)],
                                  cwd=str(path.resolve().parent), stdin=subprocess.DEVNULL, capture_output=True,
                                  text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            partial = _read(result)
            return partial if isinstance(partial, dict) and partial.get("models") else \
                f"it did not finish within {timeout:g} s and was stopped"
        report = _read(result)
        if report is None:
            tail = (done.stderr or "").strip().splitlines()[-1:] or [""]
            return f"the child process ended (exit code {done.returncode}) before reporting: {tail[0]}".rstrip(": ")
        return report


def _read(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def confirm(path: Path, display: str, models: list[ModelAnalysis], diagnostics: list[Diagnostic], device: str,
            timeout: float, file_diagnostic, agreed: list[str] | None = None) -> list[Diagnostic]:
    """The diagnostics of one file with verdicts, plus CL900/CL901/CL902 findings; `agreed`
    receives a line per model run: how many of its module shapes torch confirmed."""
    from convlint.report.json_report import model_out

    traceable = [m for m in models if not m.internal_error and m.input_shape is not None
                 and m.input_shape.dims and all(isinstance(d, int) for d in m.input_shape.dims)
                 and not (m.built_with and "unknown" in m.built_with and "kwargs" not in m.built_with)]
    if not traceable:
        return [_verdict(d, NOT_CHECKABLE, "no concrete input shape to run the model with")
                if _judged(d) else d for d in diagnostics]
    report = run_child(path, [_request(m) for m in traceable],
                       device, timeout)
    if isinstance(report, str) or report.get("import_error"):
        why = report if isinstance(report, str) else (
            f"importing the file exits the interpreter ({report['import_error']})"
            if report["import_error"].startswith("SystemExit") else f"importing the file failed: {report['import_error']}")
        extra = [file_diagnostic(display, "CL902", f"could not confirm with torch on {device}: {why}",
                                 traceable[0].span, model=traceable[0].name)]
        return [_verdict(d, NOT_CHECKABLE, why) if _judged(d) else d for d in diagnostics] + extra
    traced = {item["name"]: item for item in report["models"]}
    for model in traceable:
        if model.name in traced:
            traced[model.name]["input_batch"] = model.input_shape.dims[0]
    out: list[Diagnostic] = []
    explained: set[str] = set()
    for d in diagnostics:
        item = traced.get(d.model) if d.model else None
        if not _judged(d):
            out.append(d)
        elif item is None:
            out.append(_verdict(d, NOT_CHECKABLE, "the model was not run (no concrete input shape)"))
        elif item.get("stage") == "arguments":
            out.append(_verdict(d, NOT_CHECKABLE, "the model needs constructor arguments"))
        elif item.get("stage") == "absent":
            out.append(_verdict(d, NOT_CHECKABLE, "the model is built only when the file runs as a script"))
        elif _further_arguments_missing(item):
            out.append(_verdict(d, NOT_CHECKABLE, "forward() takes further arguments the run does not give"))
        else:
            verdict, detail = judge(d, item, display)
            if verdict == CONFIRMED and item.get("error"):
                explained.add(d.model)
            out.append(_verdict(d, verdict, detail))
    for model in traceable:
        item = traced.get(model.name)
        if item is None:
            out.append(file_diagnostic(display, "CL902", f"could not confirm {model.name} with torch on {device}: "
                                                         "the run stopped before reaching it", model.span,
                                       model=model.name))
            continue
        if item.get("stage") == "arguments":
            out.append(file_diagnostic(display, "CL902", f"could not confirm {model.name}: it needs constructor "
                                                         f"arguments ({_short(item['error'])})", model.span,
                                       model=model.name))
            continue
        if item.get("stage") == "absent":
            out.append(file_diagnostic(display, "CL902", f"could not confirm {model.name}: {item['error']} "
                                                         "(it is built only when the file runs as a script)",
                                       model.span, model=model.name))
            continue
        if _further_arguments_missing(item):  # (`forward(self, x, scale)`: run with x alone, a TypeError)
            out.append(file_diagnostic(display, "CL902", f"could not confirm {model.name}: forward() takes further "
                                                         f"arguments ({_short(item['error'])})", model.span,
                                       model=model.name))
            continue
        if item.get("error") and model.name not in explained and not _found_in_another_model(item, model, out):
            out.append(_runtime_error(item, model, display, device, file_diagnostic, path))
        predicted = model_out(model, display)
        mismatches = _mismatches(predicted, item, model, display, device, file_diagnostic)
        out += mismatches
        if agreed is not None:
            compared = [layer for layer in predicted.layers if item.get("outputs", {}).get(layer.name) is not None
                        and layer.output_shape is not None and all(isinstance(d, int) for d in layer.output_shape)]
            ran = sum(1 for layer in predicted.layers if item.get("outputs", {}).get(layer.name) is not None)
            agreed.append(f"{display}: {model.name}: torch ({device}): {len(compared) - len(mismatches)} of {ran} "
                          f"module shapes agree" + (f", {ran - len(compared)} not predicted" if ran > len(compared) else "")
                          + (f"; it stops with {_short(item['error'])}" if item.get("error") else ""))
    return out


def _found_in_another_model(item: dict, model: ModelAnalysis, judged: list[Diagnostic]) -> bool:
    """torch stops in a layer where a confirmed finding already is: one bug in a class that two
    models build (`cifar10_resnet20` and `cifar100_resnet20`), reported once, for the first."""
    layer = {n.path: n.span for n in model.modules()}.get(item.get("layer") or "")
    return layer is not None and any(
        d.confirmation == CONFIRMED
        and (d.span.file, d.span.line) == (layer.file, layer.line) for d in judged)


def _further_arguments_missing(item: dict) -> bool:
    """torch's run stopped at once: forward() needs arguments besides the input (`scale`)."""
    error = item.get("error") or ""
    return error.startswith("TypeError") and "forward() missing" in error and not item.get("outputs")


def _request(model: ModelAnalysis) -> dict:
    item: dict = {"name": model.name, "shape": list(model.input_shape.dims)}
    if model.built_with is not None:
        item["built_with"] = model.built_with
    more = model.further_inputs
    if more and all(isinstance(d, int) for shape in more for d in shape):
        item["more"] = [list(shape) for shape in more]
    return item


def _judged(d: Diagnostic) -> bool:
    return d.code.startswith(("CL1", "CL2"))


def _verdict(d: Diagnostic, verdict: str, detail: str | None) -> Diagnostic:
    return replace(d, confirmation=verdict, confirmation_detail=detail)


def judge(d: Diagnostic, item: dict, display: str) -> tuple[str, str | None]:
    error, layer, line = item.get("error"), item.get("layer"), item.get("line")
    silent_view = d.code == "CL102" and "changes the batch size" in d.message
    if d.code in CRASH_RULES and not silent_view:
        if not error:
            return NOT_REPRODUCED, "torch ran the model without an error"
        same_place = (layer and d.layer == layer) or (line == d.span.line and d.path == display) or \
            any(line == r.line and d.path == display for r in d.related)  # the view call, the Linear it feeds
        if same_place:
            return CONFIRMED, _short(error)
        return NOT_REPRODUCED, f"torch failed elsewhere ({layer or f'line {line}'}): {_short(error)}"
    if silent_view:
        output = item.get("output")
        if isinstance(output, list) and output and item.get("input_batch", None) != output[0]:
            return CONFIRMED, f"the output has shape {output}"
        return NOT_CHECKABLE, "the batch size of the output was not observed"
    if d.code == "CL208":
        return (CONFIRMED, "the model returned None") if item.get("output") == "None" else \
            (NOT_REPRODUCED, "the model returned a value")
    if d.code == "CL207":
        if error:
            return NOT_CHECKABLE, "the forward pass stopped early"
        return (CONFIRMED, "torch never ran it") if d.layer not in item.get("outputs", {}) else \
            (NOT_REPRODUCED, "torch ran it")
    return NOT_CHECKABLE, "a design finding: the model runs either way"


def _short(error: str) -> str:
    first = error.splitlines()[0] if error else ""
    return first if len(first) <= 200 else first[:197] + "..."


def _runtime_error(item: dict, model: ModelAnalysis, display: str, device: str, file_diagnostic,
                   path: Path | None = None) -> Diagnostic:
    """CL900 at the layer torch was running when it failed, else at the code of the line it names."""
    line = item.get("line")
    layers = {n.path: n.span for n in model.modules()}
    if item.get("layer") and item["layer"] in layers and not layers[item["layer"]].file:
        span = layers[item["layer"]]
    elif line:
        span = _line_span(path, line)
    else:
        span = model.span
    where = f" in {item['layer']}" if item.get("layer") else ""
    stage = "building" if item.get("stage") == "construct" else "running"
    return file_diagnostic(display, "CL900", f"torch raised {_short(item['error'])} while {stage} {model.name}"
                                             f"{where} on {device}; convlint did not predict it", span,
                           model=model.name)


def _line_span(path: Path | None, line: int) -> Span:
    try:
        text = path.read_text(encoding="utf-8").splitlines()[line - 1] if path is not None else ""
    except (OSError, UnicodeDecodeError, IndexError):
        text = ""
    start = len(text) - len(text.lstrip())
    return Span(line, start + 1, line, len(text.rstrip()) + 1) if text.strip() else Span(line, 1, line, 1)


def _mismatches(predicted, item: dict, model: ModelAnalysis, display: str, device: str,
                file_diagnostic) -> list[Diagnostic]:
    out = []
    spans = {n.path: n.span for n in model.modules()}
    for layer in predicted.layers:
        observed = item.get("outputs", {}).get(layer.name)
        shape = layer.output_shape
        if observed is None or shape is None or not all(isinstance(d, int) for d in shape) or shape == observed:
            continue
        out.append(file_diagnostic(
            display, "CL901", f"convlint predicted {layer.name} gives {shape}, but torch on {device} gives "
                              f"{observed}: this is a bug in convlint, please report it with this model",
            spans.get(layer.name, model.span), model=model.name))
    return out
