"""The values a model's own code names for its constructor parameters.

A model nothing builds is analysed with its required arguments unknown; where the constructor
switches on one of them (`if dataset.startswith('cifar'):`, `cfg[vgg_name]`, `if bottleneck:`),
everything past the switch is unknown too. The code itself says which values it handles: the
strings a parameter is compared with, the keys of the table it indexes, the other value of a
boolean flag it branches on. Each such configuration is a model the file claims to support, so
the analysis builds it (see analyze._value_trials). Python's own parser is used: a read of names
and literals, with no evaluation.
"""

from __future__ import annotations

import ast
from itertools import product

MAX_VALUES_PER_PARAMETER = 6
MAX_CONFIGURATIONS = 8


def named_values(tree: ast.Module | None, class_name: str, line: int) -> dict[str, list]:
    """parameter -> the values its class's code names for it, for the class (or model factory
    function) `class_name` defined on `line` (1-based). A required parameter gets the literals it is compared with or indexes; a
    parameter with a boolean default, the other boolean when the code branches on it; one with a
    string default, the other strings it is compared with."""
    cls = next((node for node in ast.walk(tree) if isinstance(node, (ast.ClassDef, ast.FunctionDef))
                and node.name == class_name and node.lineno <= line <= (node.end_lineno or node.lineno)), None) \
        if tree is not None else None
    if isinstance(cls, ast.FunctionDef):  # a factory (`def mixnet_s(dataset='IMAGENET')`): its own parameters
        init, skip = cls, 0
    else:
        init = next((node for node in cls.body if isinstance(node, ast.FunctionDef) and node.name == "__init__"),
                    None) if cls is not None else None
        skip = 1
    if init is None:
        return {}
    positional = [*init.args.posonlyargs, *init.args.args][skip:]
    defaults = dict(zip([a.arg for a in positional][len(positional) - len(init.args.defaults):], init.args.defaults))
    defaults.update({a.arg: d for a, d in zip(init.args.kwonlyargs, init.args.kw_defaults) if d is not None})
    parameters = [a.arg for a in (*positional, *init.args.kwonlyargs)]
    aliases = _aliases(init, set(parameters))
    tables = _string_tables(tree)
    found: dict[str, list] = {}
    for node in ast.walk(cls):
        for name, value in _compared(node, aliases, tables):
            if value not in found.setdefault(name, []):
                found[name].append(value)
    out = {}
    for name in parameters:
        default = defaults.get(name)
        values = found.get(name, [])
        if default is None:
            values = [v for v in values if isinstance(v, str)]
        elif isinstance(default, ast.Constant) and isinstance(default.value, bool):
            values = [not default.value] if _branches_on(cls, name, aliases) and not _read_as_a_value(cls, name, aliases) \
                else []
        elif isinstance(default, ast.Constant) and isinstance(default.value, str):
            values = [v for v in values if isinstance(v, str) and v != default.value]
        else:
            values = []
        if values:
            out[name] = values[:MAX_VALUES_PER_PARAMETER]
    return out


_AS_DEFAULT = object()  # a parameter with a default left out of a configuration


def configurations(values: dict[str, list], optional: frozenset[str] = frozenset()) -> list[dict]:
    """Every combination of the named values, when there are few; else each parameter's values
    one at a time (the others as in the first analysis). A parameter in `optional` has a
    default, and it is combined too (`dataset='cifar10'` with `bottleneck` left False)."""
    names = sorted(values)
    options = [([_AS_DEFAULT] if n in optional and len(names) > 1 else []) + values[n] for n in names]
    combined = [{name: value for name, value in zip(names, chosen) if value is not _AS_DEFAULT}
                for chosen in product(*options)]
    combined = [chosen for chosen in combined if chosen]
    if len(combined) <= MAX_CONFIGURATIONS:
        return combined
    return [{name: value} for name in names for value in values[name]][:MAX_CONFIGURATIONS]


def _aliases(init: ast.FunctionDef, parameters: set[str]) -> dict[str, str]:
    """How the class's code reads each parameter: its own name, and `self.X` set from it."""
    aliases = {name: name for name in parameters}
    for node in ast.walk(init):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and node.value.id in parameters:
            for target in node.targets:
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                        and target.value.id == "self":
                    aliases[f"self.{target.attr}"] = node.value.id
    return aliases


def _read(expression: ast.expr, aliases: dict[str, str]) -> str | None:
    """The parameter an expression reads (`dataset`, `self.dataset`, `dataset.lower()`)."""
    if isinstance(expression, ast.Call) and isinstance(expression.func, ast.Attribute) \
            and expression.func.attr in ("lower", "upper", "strip") and not expression.args:
        expression = expression.func.value
    if isinstance(expression, ast.Name):
        return aliases.get(expression.id)
    if isinstance(expression, ast.Attribute) and isinstance(expression.value, ast.Name) \
            and expression.value.id == "self":
        return aliases.get(f"self.{expression.attr}")
    return None


def _compared(node: ast.AST, aliases: dict[str, str], tables: dict[str, list]):
    """(parameter, value) for each literal the node compares a parameter with."""
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        left, right, op = node.left, node.comparators[0], node.ops[0]
        if isinstance(op, (ast.Eq, ast.NotEq)):
            for read, literal in ((left, right), (right, left)):
                name = _read(read, aliases)
                if name is not None and isinstance(literal, ast.Constant) and isinstance(literal.value, str):
                    yield name, literal.value
        elif isinstance(op, (ast.In, ast.NotIn)) and isinstance(right, (ast.Tuple, ast.List, ast.Set)):
            name = _read(left, aliases)
            if name is not None:
                for item in right.elts:
                    if isinstance(item, ast.Constant) and isinstance(item.value, str):
                        yield name, item.value
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr in ("startswith", "endswith") and len(node.args) == 1 \
            and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
        name = _read(node.func.value, aliases)
        if name is not None:
            yield name, node.args[0].value
    elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in tables:
        name = _read(node.slice, aliases)
        if name is not None:
            for key in tables[node.value.id]:
                yield name, key


def table_keyed(tree: ast.Module | None, class_name: str, line: int) -> frozenset[str]:
    """The parameters the class's code indexes a module-level table with (`cfg[vgg_name]`): each key
    a row of one family, of which a head written for one row may fit that row only."""
    cls = next((node for node in ast.walk(tree) if isinstance(node, ast.ClassDef) and node.name == class_name
                and node.lineno <= line <= (node.end_lineno or node.lineno)), None) if tree is not None else None
    init = next((node for node in cls.body if isinstance(node, ast.FunctionDef) and node.name == "__init__"),
                None) if cls is not None else None
    if init is None:
        return frozenset()
    parameters = {a.arg for a in (*init.args.posonlyargs, *init.args.args, *init.args.kwonlyargs)}
    aliases, tables = _aliases(init, parameters), _string_tables(tree)
    return frozenset(name for node in ast.walk(cls) if isinstance(node, ast.Subscript)
                     and isinstance(node.value, ast.Name) and node.value.id in tables
                     and (name := _read(node.slice, aliases)) is not None)


def _string_tables(tree: ast.Module) -> dict[str, list]:
    """Module-level dicts written with string keys (`cfg = {'VGG11': [...], ...}`): their keys."""
    tables = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and isinstance(node.value, ast.Dict) and node.value.keys \
                and all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in node.value.keys):
            tables[node.targets[0].id] = [k.value for k in node.value.keys]
    return tables


def _read_as_a_value(cls: ast.ClassDef, name: str, aliases: dict[str, str]) -> bool:
    """Whether the class's code reads a parameter other than as a condition (`nn.MaxPool1d(pool) if
    pool else False`, `pool=False` by default, ints from the callers): not a flag, so True is no
    value of it the code names."""
    tested: set[int] = set()
    for node in ast.walk(cls):
        test = node.test if isinstance(node, (ast.If, ast.IfExp, ast.While, ast.Assert)) else None
        if test is not None:
            tested.update(id(part) for part in ast.walk(test))
        if isinstance(node, ast.Assign) and isinstance(node.value, (ast.Name, ast.Attribute)) \
                and all(isinstance(target, ast.Attribute) for target in node.targets):
            tested.add(id(node.value))  # `self.flag = flag`: an alias, read where the alias is
    return any(isinstance(node, (ast.Name, ast.Attribute)) and isinstance(getattr(node, "ctx", None), ast.Load)
               and _read(node, aliases) == name and id(node) not in tested for node in ast.walk(cls))


def _branches_on(cls: ast.ClassDef, name: str, aliases: dict[str, str]) -> bool:
    """Whether the class's code branches on a parameter (`if bottleneck:`, `x if flag else y`,
    `if flag == True:`)."""
    for node in ast.walk(cls):
        test = node.test if isinstance(node, (ast.If, ast.IfExp)) else None
        if test is None:
            continue
        for part in ast.walk(test):
            if _read(part, aliases) == name if isinstance(part, (ast.Name, ast.Attribute)) else False:
                return True
    return False
