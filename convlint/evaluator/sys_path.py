"""Evaluator stage: the folders a module's own code puts on sys.path (`sys.path.insert(0,
osp.join(osp.dirname(__file__), '..'))`, an `_init_paths.py` calling `add_path(...)`), read from
its libcst tree without running it. Imports no other stage.

Only module-level statements count (those run when the file is imported or run), and only
paths built from `__file__`, string literals and names bound to such paths; anything else is
skipped, never guessed."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import libcst as cst

_PATH_FUNCTIONS = {  # os.path / osp functions: what each does to a path string
    "dirname": lambda *parts: os.path.dirname(parts[0]) if len(parts) == 1 else None,
    "join": lambda *parts: os.path.join(*parts) if parts else None,
    "abspath": lambda *parts: parts[0] if len(parts) == 1 else None,  # made absolute at the end
    "realpath": lambda *parts: parts[0] if len(parts) == 1 else None,
    "normpath": lambda *parts: os.path.normpath(parts[0]) if len(parts) == 1 else None,
    "Path": lambda *parts: os.path.join(*parts) if parts else None,
    "PurePath": lambda *parts: os.path.join(*parts) if parts else None,
    "str": lambda *parts: parts[0] if len(parts) == 1 else None,
    "fspath": lambda *parts: parts[0] if len(parts) == 1 else None,
}
_PATH_METHODS = {"resolve", "absolute", "expanduser"}  # pathlib methods keeping the folder named


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute) and (root := _dotted(node.value)):
        return f"{root}.{node.attr.value}"
    return ""  # `"".join`: a method of a value, not a function of os.path


def path_value(node: cst.BaseExpression, names: dict[str, str], file: Path) -> str | None:
    """The path string `node` evaluates to in `file`, or None when it is not known statically."""
    if isinstance(node, cst.Name):
        return str(file) if node.value == "__file__" else names.get(node.value)
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    if isinstance(node, cst.ConcatenatedString):
        left, right = path_value(node.left, names, file), path_value(node.right, names, file)
        return None if left is None or right is None else left + right
    if isinstance(node, cst.BinaryOperation):
        left, right = path_value(node.left, names, file), path_value(node.right, names, file)
        if left is None or right is None:
            return None
        if isinstance(node.operator, cst.Divide):  # pathlib's `here / '..'`
            return os.path.join(left, right)
        return left + right if isinstance(node.operator, cst.Add) else None
    if isinstance(node, cst.Attribute) and node.attr.value == "parent":
        inner = path_value(node.value, names, file)
        return None if inner is None else os.path.dirname(os.path.normpath(inner))
    if isinstance(node, cst.Subscript) and isinstance(node.value, cst.Attribute) \
            and node.value.attr.value == "parents" and len(node.slice) == 1 \
            and isinstance(node.slice[0].slice, cst.Index) and isinstance(node.slice[0].slice.value, cst.Integer):
        inner = path_value(node.value.value, names, file)
        if inner is None:
            return None
        for _ in range(int(node.slice[0].slice.value.value) + 1):  # parents[0] is the parent
            inner = os.path.dirname(os.path.normpath(inner))
        return inner
    if isinstance(node, cst.Call) and not any(arg.keyword or arg.star for arg in node.args):
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in _PATH_METHODS and not node.args:
            return path_value(node.func.value, names, file)
        name = _dotted(node.func).rsplit(".", 1)[-1]
        if name in _PATH_FUNCTIONS and _dotted(node.func):  # a function of a module or a builtin, not of a string
            parts = [path_value(arg.value, names, file) for arg in node.args]
            return None if any(part is None for part in parts) else _PATH_FUNCTIONS[name](*parts)
    return None


def _sys_path_argument(call: cst.Call) -> cst.BaseExpression | None:
    """The path of `sys.path.insert(i, path)` / `sys.path.append(path)`, else None."""
    if not isinstance(call.func, cst.Attribute) or _dotted(call.func.value) != "sys.path":
        return None
    wanted = {"insert": 1, "append": 0}.get(call.func.attr.value)
    if wanted is None or len(call.args) != wanted + 1:
        return None
    return call.args[wanted].value


def _adding_parameter(function: cst.FunctionDef) -> int | None:
    """The position of the parameter a helper puts on sys.path (`def add_path(path): if path not
    in sys.path: sys.path.insert(0, path)`), or None when it adds nothing it is given."""
    parameters = [p.name.value for p in function.params.params]
    found: list[int] = []

    class Finder(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            argument = _sys_path_argument(node)
            if isinstance(argument, cst.Name) and argument.value in parameters:
                found.append(parameters.index(argument.value))

    function.visit(Finder())
    return found[0] if found else None


def _calls_run(statement: cst.BaseStatement) -> Iterator[cst.BaseSmallStatement]:
    """The small statements a module-level statement runs on import: its own, and those of the
    bodies of `if` (not `else`), `try` and `with` blocks (`if lib_path not in sys.path: sys.path.insert(...)`)."""
    if isinstance(statement, cst.SimpleStatementLine):
        yield from statement.body
    elif isinstance(statement, (cst.If, cst.Try, cst.With)):
        for inner in statement.body.body:
            yield from _calls_run(inner)


def folders_added(module: cst.Module, file: Path) -> list[tuple[int, Path]]:
    """(index of the module-level statement, folder) for each folder the module puts on
    sys.path, in the order it runs. A relative path counts from the file's folder, where a
    script doing `sys.path.insert(0, '..')` is run from."""
    names: dict[str, str] = {}
    helpers: dict[str, int] = {}
    added: list[tuple[int, Path]] = []
    for index, statement in enumerate(module.body):
        if isinstance(statement, cst.FunctionDef):
            position = _adding_parameter(statement)
            if position is not None:
                helpers[statement.name.value] = position
            continue
        for small in _calls_run(statement):
            if isinstance(small, cst.Assign) and len(small.targets) == 1 \
                    and isinstance(small.targets[0].target, cst.Name):
                value = path_value(small.value, names, file)
                if value is None:
                    names.pop(small.targets[0].target.value, None)
                else:
                    names[small.targets[0].target.value] = value
            if not isinstance(small, cst.Expr) or not isinstance(small.value, cst.Call):
                continue
            call = small.value
            argument = _sys_path_argument(call)
            if argument is None and isinstance(call.func, cst.Name) and call.func.value in helpers \
                    and len(call.args) > helpers[call.func.value]:
                argument = call.args[helpers[call.func.value]].value
            folder = None if argument is None else path_value(argument, names, file)
            if folder:
                added.append((index, Path(os.path.normpath(os.path.join(file.parent, folder)))))
    return added
