"""Runs in a child process: load the definitions of the user's file, build each model, run
it on zeros on a device with forward hooks, and write what happened (shapes, exception, line)
to a JSON file.

Only the definitions run, as the static pass reads them: imports, classes, functions and
module-level assignments, and the statements that bind module names through the module's own
namespace (`setattr(sys.modules[__name__], name, partial(...))` in a loop, `globals()[name] = ...`);
not a training loop, a `__main__` block, prints, or an assignment that loads data (a dataset, a
DataLoader, a checkpoint). argparse sees no arguments, so module globals take the defaults the
parser declares.

    python -m convlint.trace.child REQUEST.json RESULT.json"""

from __future__ import annotations

import ast
import json
import sys
import traceback
import types
from pathlib import Path

LOADS_DATA = frozenset({
    "DataLoader", "ImageFolder", "DatasetFolder", "MNIST", "FashionMNIST", "KMNIST", "EMNIST", "QMNIST", "CIFAR10",
    "CIFAR100", "SVHN", "STL10", "CelebA", "ImageNet", "LSUN", "VOCSegmentation", "VOCDetection", "Cityscapes",
    "CocoDetection", "load", "load_state_dict", "load_dataset", "urlretrieve", "urlopen", "download_url",
    "fit", "train", "read_csv", "loadtxt", "imread", "open"})
SETUP_CALLS = frozenset({"add_argument", "add_argument_group", "add_mutually_exclusive_group", "set_defaults",
                         "manual_seed", "seed", "filterwarnings", "simplefilter", "register_buffer"})


def definitions_only(source: str, path: str) -> ast.Module:
    tree = ast.parse(source, path)
    handles = {target.id for node in ast.walk(tree) if isinstance(node, ast.Assign) and _is_own_module(node.value)
               for target in node.targets if isinstance(target, ast.Name)}
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    binders: set[str] = set()  # helpers that bind them (`def _register(name, ...): globals()[name] = ...`)
    while grown := {f.name for f in functions if f.name not in binders and _binds_module_names(f, handles, binders)}:
        binders |= grown
    tree.body = _definitions(tree.body, (handles, binders))
    return tree


def _is_own_module(node: ast.expr) -> bool:
    return ast.unparse(node).replace(" ", "") == "sys.modules[__name__]"


def _binds_module_names(statement: ast.stmt, handles: set[str], binders: set[str]) -> bool:
    """`setattr(thismodule, name, ...)` (`handles`: the names of `sys.modules[__name__]`), `globals()[name] =
    ...`, `thismodule.__dict__.update(...)`, or a call of one of the module's functions that does (`binders`)."""
    for node in ast.walk(statement):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr" and node.args \
                and (_is_own_module(node.args[0]) or ast.unparse(node.args[0]) in handles):
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("globals", *binders):
            return True
        if isinstance(node, ast.Attribute) and node.attr == "__dict__" \
                and (_is_own_module(node.value) or ast.unparse(node.value) in handles):
            return True
    return False


def _definitions(body: list[ast.stmt], namespace: tuple = (frozenset(), frozenset())) -> list[ast.stmt]:
    kept: list[ast.stmt] = []
    for statement in body:
        if isinstance(statement, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            kept.append(statement)
        elif isinstance(statement, (ast.For, ast.Expr)) and _binds_module_names(statement, *namespace) \
                and not _loads_data(statement):
            kept.append(statement)  # model factories made at import time
        elif isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            if statement.value is not None and not _loads_data(statement.value):
                kept.append(statement)
        elif isinstance(statement, ast.If) and not _is_main_guard(statement.test):
            statement.body = _definitions(statement.body, namespace) or [ast.Pass()]
            statement.orelse = _definitions(statement.orelse, namespace)
            kept.append(statement)
        elif isinstance(statement, ast.Try):
            statement.body = _definitions(statement.body, namespace) or [ast.Pass()]
            for handler in statement.handlers:
                handler.body = _definitions(handler.body, namespace) or [ast.Pass()]
            statement.orelse = _definitions(statement.orelse, namespace)
            statement.finalbody = _definitions(statement.finalbody, namespace)
            kept.append(statement)
        elif isinstance(statement, ast.Expr) and _is_setup(statement.value):
            kept.append(statement)
    return kept


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _loads_data(value: ast.expr) -> bool:
    return any(isinstance(node, ast.Call) and (_called_name(node) in LOADS_DATA
                                                or any(k.arg == "download" for k in node.keywords))
               for node in ast.walk(value))


def _is_setup(value: ast.expr) -> bool:
    if not isinstance(value, ast.Call):
        return False
    if _called_name(value) in SETUP_CALLS:
        return True
    func = value.func  # sys.path.append/insert: later imports need it
    return isinstance(func, ast.Attribute) and func.attr in ("append", "insert") and ast.unparse(func.value) == "sys.path"


def _is_main_guard(test: ast.expr) -> bool:
    return isinstance(test, ast.Compare) and "__name__" in ast.unparse(test)


def load_definitions(path: str) -> types.ModuleType:
    module = types.ModuleType("convlint_traced_module")
    module.__file__ = str(path)
    sys.modules[module.__name__] = module
    sys.argv = [str(path)]  # argparse: the declared defaults
    tree = definitions_only(Path(path).read_text(encoding="utf-8"), str(path))
    for statement in tree.body:  # one at a time: an assignment that fails (a demo call of a buggy model) is
        code = compile(ast.Module([statement], type_ignores=[]), str(path), "exec")  # skipped, not fatal
        try:
            exec(code, module.__dict__)
        except Exception:
            if not isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                raise
    return module


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


def _argument(module, value):
    """A constructor argument as the analysis took it from the code; {"$name": n} is a name of the file."""
    if isinstance(value, dict) and set(value) == {"$name"}:
        return getattr(module, value["$name"])
    if isinstance(value, dict) and set(value) == {"$tuple"}:
        return tuple(_argument(module, v) for v in value["$tuple"])
    if isinstance(value, list):
        return [_argument(module, v) for v in value]
    if isinstance(value, dict):
        return {k: _argument(module, v) for k, v in value.items()}
    return value


def trace_model(module, name: str, shape: list[int], device: str, path: str, built_with: dict | None = None,
                more: list | None = None) -> dict:
    import torch

    result: dict = {"name": name, "outputs": {}, "error": None, "line": None, "layer": None, "output": None}
    cls = module
    for part in name.split("."):  # (`Outer.Up4`: a class nested in another)
        cls = getattr(cls, part, None)
    args = [_argument(module, a) for a in (built_with or {}).get("args", [])]
    kwargs = {k: _argument(module, v) for k, v in (built_with or {}).get("kwargs", {}).items()}

    if cls is None:  # bound only when the file runs as a script (`net = nn.Sequential(...)` under __main__)
        result.update(error=f"{name} is not bound when the file is imported", stage="absent")
        return result
    maker = getattr(cls, built_with["factory"]) if (built_with or {}).get("factory") else cls

    def factory():
        if isinstance(maker, torch.nn.Module):  # a module-level instance (`decoder = nn.Sequential(...)`): as built
            return maker
        return maker(*args, **kwargs)  # as the file's code builds it (`Net.from_name(...)`), when the analysis did so

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
    def run(dtype):
        with torch.no_grad():
            return model(torch.zeros(shape, device=device, dtype=dtype),
                         *(torch.zeros(s, device=device, dtype=dtype) for s in (more or [])))

    try:
        try:
            output = run(None)
        except RuntimeError as error:
            if not _wants_indices(error, model, torch):
                raise
            result["outputs"].clear()  # an embedding first: token ids, as the model is fed
            running.clear()
            output = run(torch.long)
        result["output"] = _shape(output) if output is not None else "None"
    except Exception as error:
        result.update(error=f"{type(error).__name__}: {error}".strip(), line=_user_line(error, path),
                      layer=running[-1] if running else "", stage="forward")
    return result


def _wants_indices(error: BaseException, model, torch) -> bool:
    """An nn.Embedding refused the float zeros: the model takes token ids."""
    return "indices" in str(error) and any(
        isinstance(m, (torch.nn.Embedding, torch.nn.EmbeddingBag)) for m in model.modules())


def main() -> None:
    request = json.loads(Path(sys.argv[1]).read_text())
    result_path = Path(sys.argv[2])
    path = request["path"]
    sys.path.insert(0, str(Path(path).resolve().parent))
    report: dict = {"models": [], "import_error": None}
    try:
        module = load_definitions(path)
    except BaseException as error:  # SystemExit too: report it, do not let it end us silently
        report["import_error"] = f"{type(error).__name__}: {error}"
        report["import_line"] = _user_line(error, path)
        result_path.write_text(json.dumps(report))
        return
    for item in request["models"]:
        try:
            report["models"].append(trace_model(module, item["name"], item["shape"], request["device"], path,
                                                item.get("built_with"), item.get("more")))
        except BaseException as error:
            report["models"].append({"name": item["name"], "error": f"{type(error).__name__}: {error}",
                                     "stage": "fatal", "outputs": {}, "line": None, "layer": None})
        result_path.write_text(json.dumps(report))  # after each model: a later hang keeps what was done
    result_path.write_text(json.dumps(report))


if __name__ == "__main__":
    main()
