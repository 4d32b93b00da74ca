"""Runs in a child process: import the user's file, build each model, run it on zeros on a
device with forward hooks, and write what happened (shapes, exception, line) to a JSON file.

    python -m convlint.trace.child REQUEST.json RESULT.json"""

from __future__ import annotations

import importlib.util
import json
import sys
import traceback
from pathlib import Path


def _user_line(error: BaseException, path: str) -> int | None:
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if Path(frame.filename).resolve() == Path(path).resolve():
            line = frame.lineno
    return line


def _shape(value):
    import torch

    if isinstance(value, torch.Tensor):
        return list(value.shape)
    return None


def trace_model(module, name: str, shape: list[int], device: str, path: str) -> dict:
    import torch

    result: dict = {"name": name, "outputs": {}, "error": None, "line": None, "layer": None, "output": None}
    factory = getattr(module, name, None)
    try:
        model = factory()
    except TypeError as error:
        stage = "arguments" if "required" in str(error) and "argument" in str(error) else "construct"
        result.update(error=f"{type(error).__name__}: {error}", line=_user_line(error, path), stage=stage)
        return result
    except Exception as error:  # the constructor refuses its arguments (CL106/CL103 at build time)
        result.update(error=f"{type(error).__name__}: {error}", line=_user_line(error, path), stage="construct")
        return result
    if device == "meta" and any(isinstance(m, torch.nn.modules.lazy.LazyModuleMixin) for m in model.modules()):
        with torch.device("meta"):  # .to("meta") leaves lazy layers with 0-element weights they then refuse
            model = factory()
    model = model.to(device).eval()
    names = {id(m): n for n, m in model.named_modules()}
    running: list[str] = []

    def before(mod, inputs):
        running.append(names.get(id(mod), ""))

    def after(mod, inputs, output):
        running.pop()
        key = names.get(id(mod), "")
        if key and key not in result["outputs"]:
            result["outputs"][key] = _shape(output)

    for mod in model.modules():
        mod.register_forward_pre_hook(before)
        mod.register_forward_hook(after)
    try:
        with torch.no_grad():
            output = model(torch.zeros(shape, device=device))
        result["output"] = _shape(output) if output is not None else "None"
    except Exception as error:
        result.update(error=f"{type(error).__name__}: {error}".strip(), line=_user_line(error, path),
                      layer=running[-1] if running else "", stage="forward")
    return result


def main() -> None:
    request = json.loads(Path(sys.argv[1]).read_text())
    result_path = Path(sys.argv[2])
    path = request["path"]
    sys.path.insert(0, str(Path(path).resolve().parent))
    report: dict = {"models": [], "import_error": None}
    try:
        spec = importlib.util.spec_from_file_location("convlint_traced_module", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    except BaseException as error:  # SystemExit too: report it, do not let it end us silently
        report["import_error"] = f"{type(error).__name__}: {error}"
        report["import_line"] = _user_line(error, path)
        result_path.write_text(json.dumps(report))
        return
    for item in request["models"]:
        try:
            report["models"].append(trace_model(module, item["name"], item["shape"], request["device"], path))
        except BaseException as error:
            report["models"].append({"name": item["name"], "error": f"{type(error).__name__}: {error}",
                                     "stage": "fatal", "outputs": {}, "line": None, "layer": None})
        result_path.write_text(json.dumps(report))  # after each model: a later hang keeps what was done
    result_path.write_text(json.dumps(report))


if __name__ == "__main__":
    main()
