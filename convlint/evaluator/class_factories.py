"""Models built through a classmethod or staticmethod of their class (`EfficientNet.from_name(
'efficientnet-b0')`): where the class cannot be built with its defaults (its `__init__` asserts that
the default None config is a list), the factory the class offers is called, with the arguments the
file's own code calls it with, else with the names the code offers for its string parameters (the
keys of a lookup table it indexes or checks membership in: `params_dict[model_name]`,
`model_name not in VALID_MODELS`, followed into the helpers it passes the name to)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import libcst as cst

from convlint.evaluator.imports import Deferred
from convlint.evaluator.objects import BoundMethod, LocalClass, LocalFunction
from convlint.evaluator.interpreter import first_unknown

if TYPE_CHECKING:
    from convlint.evaluator.interpreter import Interpreter

MAX_TRIALS = 3  # factories x argument lists tried, in order, until one builds the model
MAX_HELPER_DEPTH = 3  # how far a name parameter is followed into the helpers it is passed to


def factory_methods(cls: LocalClass) -> list[LocalFunction]:
    """The class's own classmethods and staticmethods whose code builds the class (`cls(...)`,
    `Net(...)`, or another such factory: `cls.from_name(...)`), public ones first, none that loads
    pretrained weights (its download is no part of the model)."""
    methods = [value for value in cls.namespace.values()
               if isinstance(value, LocalFunction) and value.kind in ("classmethod", "staticmethod")]
    builders = {m.name for m in methods if _calls_any(m.node, {"cls", cls.name}, ())}
    grown = True
    while grown:
        grown = False
        for method in methods:
            if method.name not in builders and _calls_any(method.node, (), builders):
                builders.add(method.name)
                grown = True
    chosen = [m for m in methods if m.name in builders and "pretrained" not in m.name]
    return sorted(chosen, key=lambda m: m.name.startswith("_"))


def _calls_any(node: cst.FunctionDef, names, methods) -> bool:
    for call in _calls(node):
        function = call.func
        if isinstance(function, cst.Name) and function.value in names:
            return True
        if isinstance(function, cst.Attribute) and function.attr.value in methods:
            return True
    return False


def _calls(node: cst.CSTNode) -> list[cst.Call]:
    found = []

    class Visitor(cst.CSTVisitor):
        def visit_Call(self, call: cst.Call) -> None:
            found.append(call)

    node.visit(Visitor())
    return found


def argument_lists(interpreter: "Interpreter", cls: LocalClass, method: LocalFunction,
                   scopes: dict | None = None) -> list[tuple[list, dict]]:
    """The argument lists to call the factory with: the file's own calls `Cls.method(...)` whose
    arguments are known at module level (or with the names its `__main__` block binds: `scopes`,
    id(call) -> scope), then, for a method whose required parameters are names, the first name
    the code offers for each."""
    found: list[tuple[list, dict]] = []
    for call in _calls(interpreter.parsed.module):
        function = call.func
        if not (isinstance(function, cst.Attribute) and function.attr.value == method.name
                and isinstance(function.value, cst.Name) and function.value.value == cls.name) \
                or any(a.star for a in call.args):
            continue
        scope = (scopes or {}).get(id(call), interpreter.module_scope)
        try:
            args = [interpreter.eval(a.value, scope) for a in call.args if a.keyword is None]
            kwargs = {a.keyword.value: interpreter.eval(a.value, scope) for a in call.args if a.keyword is not None}
        except Exception:  # an argument the evaluator cannot take at module level
            continue
        if all(first_unknown(v) is None for v in (*args, *kwargs.values())) and (args, kwargs) not in found:
            found.append((args, kwargs))
    required = _required(method)
    if required:
        offered = [_names_offered(interpreter, method.node, name, 0) for name in required]
        if all(offered):
            found.append(([values[0] for values in offered], {}))
    elif not found:
        found.append(([], {}))
    return found


def _required(method: LocalFunction) -> list[str]:
    params = method.node.params
    positional = [*params.posonly_params, *params.params][1 if method.kind == "classmethod" else 0:]
    return [p.name.value for p in positional if p.default is None] + \
        [p.name.value for p in params.kwonly_params if p.default is None]


def _names_offered(interpreter: "Interpreter", function: cst.FunctionDef, parameter: str, depth: int) -> list[str]:
    """The strings the code offers for a name parameter: the keys of a table it indexes with it or
    checks it is in (`params_dict[name]`, `name not in VALID_MODELS`), in the function and in the
    functions and methods of the file or its imports it passes the name to unchanged."""
    offered: list[str] = []
    for node in _walk(function.body):
        table = None
        if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index) \
                and _is_name(node.slice[0].slice.value, parameter):
            table = node.value
        elif isinstance(node, cst.Comparison) and len(node.comparisons) == 1 \
                and isinstance(node.comparisons[0].operator, (cst.In, cst.NotIn)) and _is_name(node.left, parameter):
            table = node.comparisons[0].comparator
        if table is not None:
            offered += [key for key in _string_keys(interpreter, table, function) if key not in offered]
        elif isinstance(node, cst.Call) and depth < MAX_HELPER_DEPTH and not offered:
            callee = _callee(interpreter, node.func, function)
            slot = _slot_of(callee, node, parameter) if callee is not None else None
            if slot is not None:
                offered += [key for key in _names_offered(interpreter, callee.node, slot, depth + 1)
                            if key not in offered]
    return offered


def _walk(node: cst.CSTNode) -> list[cst.CSTNode]:
    found = []

    class Visitor(cst.CSTVisitor):
        def on_visit(self, visited: cst.CSTNode) -> bool:
            found.append(visited)
            return not isinstance(visited, (cst.FunctionDef, cst.ClassDef, cst.Lambda))

    node.visit(Visitor())
    return found


def _is_name(expression: cst.BaseExpression, name: str) -> bool:
    return isinstance(expression, cst.Name) and expression.value == name


def _string_keys(interpreter: "Interpreter", table: cst.BaseExpression, function: cst.FunctionDef) -> list[str]:
    """The strings of a table written in the function (`params_dict = {...}`) or named at module level."""
    value = None
    if isinstance(table, cst.Name):
        local = _local_assignment(function, table.value)
        try:
            value = interpreter.eval(local, interpreter.module_scope) if local is not None else \
                _module_value(interpreter, function, table.value)
        except Exception:  # a table the evaluator cannot take
            return []
    elif isinstance(table, (cst.List, cst.Tuple, cst.Set, cst.Dict)):
        try:
            value = interpreter.eval(table, interpreter.module_scope)
        except Exception:
            return []
    keys = list(value) if isinstance(value, (dict, list, tuple, set, frozenset)) else []
    return [key for key in keys if isinstance(key, str)][:8]


def _local_assignment(function: cst.FunctionDef, name: str) -> cst.BaseExpression | None:
    values = [node.value for node in _walk(function.body) if isinstance(node, cst.Assign)
              and len(node.targets) == 1 and _is_name(node.targets[0].target, name)]
    return values[0] if len(values) == 1 and isinstance(values[0], (cst.Dict, cst.List, cst.Tuple, cst.Set)) else None


def _module_value(interpreter: "Interpreter", function: cst.FunctionDef, name: str) -> Any:
    """A module-level name of the file that defines the function (the file itself, or one it imports)."""
    for unit in _units(interpreter):
        if _defines(unit, function):
            return interpreter.module_attribute(unit, name)
    return None


def _units(interpreter: "Interpreter") -> list:
    return [interpreter.module_scope, *interpreter.imports.units.values()]


def _defines(unit, function: cst.FunctionDef) -> bool:
    """Whether the function is written in the unit's file (at module level or in a class)."""
    parsed = getattr(unit, "parsed", None)
    if parsed is None:
        return False
    found = []

    class Visitor(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            if node is function:
                found.append(node)
            return False  # a function's own nested functions are not what a call names

    parsed.module.visit(Visitor())
    return bool(found)


def _callee(interpreter: "Interpreter", expression: cst.BaseExpression, function: cst.FunctionDef):
    """The function or method of the project a call in `function` calls (`get_model_params(...)`,
    `cls._check_model_name_is_valid(...)`): a LocalFunction, or None."""
    for unit in _units(interpreter):
        if not _defines(unit, function):
            continue
        try:
            if isinstance(expression, cst.Name):
                value = interpreter.module_attribute(unit, expression.value)
                value = interpreter._resolve_import(value) if isinstance(value, Deferred) else value
            elif isinstance(expression, cst.Attribute) and isinstance(expression.value, cst.Name):
                owner = interpreter.module_attribute(unit, expression.value.value) \
                    if expression.value.value not in ("cls", "self") else _class_of(unit, function)
                value = interpreter.attribute(owner, expression.attr.value) if owner is not None else None
            else:
                return None
        except Exception:  # a name the evaluator cannot resolve: not followed
            return None
        if isinstance(value, BoundMethod):
            value = value.function
        return value if isinstance(value, LocalFunction) else None
    return None


def _class_of(unit, function: cst.FunctionDef) -> LocalClass | None:
    for value in unit.names.values():
        if isinstance(value, LocalClass) and any(node is function for node in value.node.body.body):
            return value
    return None


def _slot_of(callee: LocalFunction, call: cst.Call, parameter: str) -> str | None:
    """The parameter of the callee that receives `parameter` unchanged in this call."""
    params = callee.node.params
    positional = [p.name.value for p in (*params.posonly_params, *params.params)]
    if callee.kind == "classmethod" or (positional[:1] == ["self"]):
        positional = positional[1:]
    for index, argument in enumerate(call.args):
        if argument.star:
            return None
        if _is_name(argument.value, parameter):
            if argument.keyword is not None:
                return argument.keyword.value
            return positional[index] if index < len(positional) else None
    return None


def call_factory(interpreter: "Interpreter", cls: LocalClass, method: LocalFunction, args: list, kwargs: dict) -> Any:
    """`Cls.method(*args, **kwargs)`, as the class's code runs it."""
    return interpreter.call(interpreter.attribute(cls, method.name), list(args), dict(kwargs), method.node.name)


def method_named(cls: LocalClass, name: str) -> LocalFunction | None:
    value = cls.namespace.get(name)
    return value if isinstance(value, LocalFunction) and value.kind in ("classmethod", "staticmethod") else None
