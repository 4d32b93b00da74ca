"""Registries filled by decorators: a module-level dict (`models = {}`) and a function whose
decorator stores what it decorates under a name (`def register(name): def decorator(cls):
models[name] = cls; return cls; return decorator`), applied as `@register('convnet4')` to classes
and functions of the project's files. Python fills the dict as those files are imported; here the
dict is read with the entries they write, so `models[name](**kwargs)` of a name known builds that
class. Found by syntax; imports libcst and no other stage."""

from __future__ import annotations

import re
from pathlib import Path

import libcst as cst

MAX_FILES = 2000  # files of a project looked at for a registrar's decorators
SKIPPED_FOLDERS = frozenset({".git", ".venv", "venv", "env", "node_modules", "site-packages", "__pycache__",
                             "build", "dist", ".tox"})


def _body(function: cst.FunctionDef) -> list:
    """The statements of a function, its docstring left out."""
    statements = list(function.body.body) if isinstance(function.body, cst.IndentedBlock) else []
    if statements and isinstance(statements[0], cst.SimpleStatementLine) and len(statements[0].body) == 1 \
            and isinstance(statements[0].body[0], cst.Expr) \
            and isinstance(statements[0].body[0].value, (cst.SimpleString, cst.ConcatenatedString)):
        statements = statements[1:]
    return statements


def _small(statement) -> cst.BaseSmallStatement | None:
    if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
        return statement.body[0]
    return None


def _plain_parameters(function: cst.FunctionDef) -> list[str] | None:
    params = function.params
    if params.posonly_params or params.kwonly_params or params.star_arg not in (None, cst.MaybeSentinel.DEFAULT) \
            or params.star_kwarg is not None or function.decorators or function.asynchronous is not None:
        return None
    return [p.name.value for p in params.params]


def registrars(module: cst.Module) -> dict[str, tuple[str, str]]:
    """Top-level functions of the registering form, by name: (the dict they write, their key
    parameter). The inner function must store its argument under the key and return it unchanged,
    so the name decorated stays the class or function written."""
    found: dict[str, tuple[str, str]] = {}
    for statement in module.body:
        if not isinstance(statement, cst.FunctionDef):
            continue
        outer = _plain_parameters(statement)
        body = _body(statement)
        if not outer or len(outer) != 1 or len(body) != 2 or not isinstance(body[0], cst.FunctionDef):
            continue
        inner, returned = body[0], _small(body[1])
        if not (isinstance(returned, cst.Return) and isinstance(returned.value, cst.Name)
                and returned.value.value == inner.name.value):
            continue
        taken = _plain_parameters(inner)
        steps = _body(inner)
        if not taken or len(taken) != 1 or len(steps) != 2:
            continue
        store, back = _small(steps[0]), _small(steps[1])
        if not (isinstance(store, cst.Assign) and len(store.targets) == 1 and isinstance(back, cst.Return)
                and isinstance(back.value, cst.Name) and back.value.value == taken[0]
                and isinstance(store.value, cst.Name) and store.value.value == taken[0]):
            continue
        target = store.targets[0].target
        if not (isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name) and len(target.slice) == 1
                and isinstance(target.slice[0].slice, cst.Index) and isinstance(target.slice[0].slice.value, cst.Name)
                and target.slice[0].slice.value.value == outer[0]):
            continue
        found[statement.name.value] = (target.value.value, outer[0])
    return found


def _decorator_name(expression: cst.BaseExpression) -> str | None:
    if isinstance(expression, cst.Name):
        return expression.value
    if isinstance(expression, cst.Attribute):
        return expression.attr.value
    return None


def entries(module: cst.Module, names: set[str], parameter: str) -> list[tuple]:
    """(key, the decorator's callee expression, the name defined) for each top-level class or
    function whose decorator nearest it is `@R('key')` of one of `names`; the key None where the
    registrar is applied otherwise (above another decorator, a key not written as a string): what
    it registers is not known."""
    out = []
    for statement in module.body:
        if not isinstance(statement, (cst.ClassDef, cst.FunctionDef)):
            continue
        for position, decorator in enumerate(statement.decorators):
            call = decorator.decorator
            if not isinstance(call, cst.Call) or _decorator_name(call.func) not in names:
                continue
            args = [a for a in call.args if a.star == ""]
            written = args[0].value if len(args) == 1 and len(call.args) == 1 \
                and (args[0].keyword is None or args[0].keyword.value == parameter) else None
            key = written.evaluated_value if isinstance(written, cst.SimpleString) else None
            nearest = position == len(statement.decorators) - 1
            out.append((key if nearest and isinstance(key, str) else None, call.func, statement.name.value))
    return out


def candidate_files(root: Path, names: set[str]) -> list[Path]:
    """The project's files whose text applies one of the registrars as a decorator."""
    pattern = re.compile(r"@\s*[\w.]*\b(" + "|".join(re.escape(n) for n in sorted(names)) + r")\s*\(")
    found, seen = [], 0
    for path in sorted(root.rglob("*.py")):
        if any(part in SKIPPED_FOLDERS or part.startswith(".") for part in path.relative_to(root).parts[:-1]):
            continue
        seen += 1
        if seen > MAX_FILES:
            break
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if pattern.search(text):
            found.append(path)
    return found
