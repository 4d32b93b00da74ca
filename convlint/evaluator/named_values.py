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
from dataclasses import dataclass
from itertools import product

MAX_VALUES_PER_PARAMETER = 6
MAX_CONFIGURATIONS = 12  # a parameter's MAX_VALUES_PER_PARAMETER values, each with either side of a switch


@dataclass(frozen=True, slots=True)
class SidesStated:
    """A tuple parameter whose items from `start` on the code compares with a literal (`if
    self.img_size[1:] == (64, 64):`, `assert img_size[1:] in ((32, 32), (64, 64))`): a size
    (C, H, W) it handles, its items before `start` not said (each built as a symbol of its own)."""

    start: int
    sides: tuple[int, ...]

    def __repr__(self) -> str:
        return "(" + ", ".join(["...", *map(str, self.sides)] if self.start else map(str, self.sides)) + \
            ("," if len(self.sides) == 1 and not self.start else "") + ")"


class Unlisted(str):
    """A string no literal of the code equals: the value a caller gives that takes the plain `else:`
    of a switch on a required parameter (`if kwargs['name'] == 'resnet18': ... else: ...`). Said as
    "a name the code does not list", never as a value of its own."""

    __slots__ = ()

    def __new__(cls):
        return super().__new__(cls, "\x00unlisted")

    def __repr__(self) -> str:
        return "a name the code does not list"

    def __reduce__(self):
        return Unlisted, ()


MAX_CALL_DEPTH = 3  # how far a parameter is followed into the blocks and models it is passed to


def named_values(tree: ast.Module | None, class_name: str, line: int, _depth: int = 0,
                 _fields: bool = False) -> dict[str, list]:
    """parameter -> the values its class's code names for it, for the class `class_name` defined
    on `line` (1-based), or the model factory function of that name. A required parameter gets
    the literals it is compared with or indexes (a string, or a whole number a branch switches on:
    `elif scale == 3:`); a parameter with a boolean default, the other boolean when the code
    branches on it; one with a string default, the other strings it is compared with. A parameter
    passed on unchanged to another class or function of the file (`Upsampler(conv, scale, n_feats)`,
    a factory's `RDN(scale, G0=64)`) gets the values that one's code names for it too, and so does
    one a factory stores in an object it passes on (`args.RDNconfig = RDNconfig; RDN(args)`, where
    RDN indexes `{'A': ..., 'B': ...}[args.RDNconfig]`). A field of a required parameter, a
    configuration object, read directly or through locals (`model_config = config.model.resnet`;
    `block_type = model_config.block_type`), gets the values it is compared with under its path
    (`config.model.resnet.block_type`). With `_fields`, the values named for the fields of any
    parameter are given too."""
    owner = _definition(tree, class_name, line)
    if owner is None:
        return {}
    init, body, skip = owner
    positional = [*init.args.posonlyargs, *init.args.args][skip:]
    defaults = dict(zip([a.arg for a in positional][len(positional) - len(init.args.defaults):], init.args.defaults))
    defaults.update({a.arg: d for a, d in zip(init.args.kwonlyargs, init.args.kw_defaults) if d is not None})
    parameters = [a.arg for a in (*positional, *init.args.kwonlyargs)]
    # `kwargs['name']` (or `kwargs.get('name', 'resnet18')`) of the constructor's `**kwargs`: a
    # keyword argument its code reads, named as a parameter of that name is
    keys = _keyword_keys(init, parameters)
    defaults.update({key: default for key, default in keys.items() if default is not None})
    aliases = _aliases(init, set(parameters))
    parameters += [key for key in keys if key not in aliases]
    aliases.update({f"{init.args.kwarg.arg}[{key!r}]": key for key in keys if key in parameters})
    tables = _string_tables(tree)
    found: dict[str, list] = {}
    for node in ast.walk(body):
        for name, value in _compared(node, aliases, tables):
            if value not in found.setdefault(name, []):
                found[name].append(value)
    if _depth < MAX_CALL_DEPTH:
        for name, value in _named_by_callees(tree, body, aliases, _depth):
            if value not in found.setdefault(name, []):
                found[name].append(value)
    out = {}
    for name in parameters:
        default = defaults.get(name)
        values = found.get(name, [])
        if default is None:
            values = [v for v in values if isinstance(v, (str, SidesStated)) or _switch_number(v)]
        elif isinstance(default, ast.Constant) and isinstance(default.value, bool):
            values = [not default.value] if _branches_on(body, name, aliases) and not _read_as_a_value(body, name, aliases) \
                else []
        elif isinstance(default, ast.Constant) and isinstance(default.value, str):
            values = [v for v in values if isinstance(v, str) and v != default.value]
        else:
            values = []
        if values:
            out[name] = values[:MAX_VALUES_PER_PARAMETER]
            if default is None and not _depth and all(isinstance(v, str) for v in values) \
                    and _else_taken(body, name, aliases):
                out[name].append(Unlisted())
    for name, values in found.items():
        # `config.model.resnet.block_type == 'basic'`: a part of a required configuration object (or,
        # `_fields`, of any parameter) the code switches on is named as a parameter is
        if "." in name and (_fields or name.split(".")[0] in parameters and name.split(".")[0] not in defaults) \
                and (values := [v for v in values if isinstance(v, str) or _switch_number(v)]):
            out[name] = values[:MAX_VALUES_PER_PARAMETER]
    return out


def _definition(tree: ast.Module | None, name: str, line: int | None):
    """(the function whose parameters are the model's, the code that reads them, how many
    parameters are `self`): a class's __init__ and the class, or a module-level function. With
    `line` None, the one module-level class or function of that name."""
    if tree is None:
        return None
    candidates = tree.body if line is None else ast.walk(tree)
    if line is not None:  # `Outer.Inner`: a nested class, found by its own name and line
        name = name.rpartition(".")[2]
    for node in candidates:
        if getattr(node, "name", None) != name or \
                line is not None and not node.lineno <= line <= (node.end_lineno or node.lineno):
            continue
        if isinstance(node, ast.ClassDef):
            init = next((n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"), None)
            return (init, node, 1) if init is not None else None
        if isinstance(node, ast.FunctionDef):
            return node, node, 0
    return None


def _keyword_keys(init: ast.FunctionDef, parameters: list[str]) -> dict[str, ast.expr | None]:
    """key -> its default (None where it has none) for each key the function reads of its own
    `**kwargs` with a literal string: `kwargs['name']` (required: torch's caller must give it, a
    KeyError otherwise), `kwargs.get('name', 'resnet18')` (the default written). A key read both
    ways, or read with a default that is not a literal, or named as a parameter, is left out; so
    is any key of a `**kwargs` the function assigns to."""
    if init.args.kwarg is None or not isinstance(init, ast.FunctionDef):
        return {}
    rest = init.args.kwarg.arg
    if any(isinstance(node, ast.Name) and node.id == rest and not isinstance(node.ctx, ast.Load)
           for node in ast.walk(init)) or any(
            isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == rest
            and not isinstance(node.ctx, ast.Load) for node in ast.walk(init)):
        return {}
    found: dict[str, list] = {}
    for node in ast.walk(init):
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == rest \
                and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
            found.setdefault(node.slice.value, []).append(None)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == rest and not node.keywords \
                and len(node.args) in (1, 2) and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            default = node.args[1] if len(node.args) == 2 else ast.Constant(None)
            found.setdefault(node.args[0].value, []).append(default if isinstance(default, ast.Constant) else ...)
    out = {}
    for key, ways in found.items():
        if key in parameters or ... in ways or len({None if w is None else repr(w.value) for w in ways}) > 1:
            continue
        out[key] = ways[0]
    return out


def required_keyword_keys(tree: ast.Module | None, class_name: str, line: int) -> frozenset[str]:
    """The keys the constructor of `class_name` (defined on `line`) reads of its `**kwargs` with no
    default (`kwargs['name']`): a model built without them fails, so none is a default."""
    owner = _definition(tree, class_name, line)
    if owner is None:
        return frozenset()
    init, _, skip = owner
    parameters = [a.arg for a in (*init.args.posonlyargs, *init.args.args, *init.args.kwonlyargs)][skip:]
    return frozenset(key for key, default in _keyword_keys(init, parameters).items() if default is None)


def _switch_number(value) -> bool:
    """A whole number a required parameter is compared with (`scale == 3`), not a flag; never 0
    or less (`if growth == 0:` says what the code skips, not a width it builds)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _named_by_callees(tree: ast.Module, body: ast.AST, aliases: dict[str, str], depth: int):
    """(parameter, value) for each parameter the code passes unchanged to a class or function of
    the file, with each value that one's code names for the parameter it lands in; for a parameter
    stored in a field of an object it passes (`args.RDNconfig = RDNconfig`, then `RDN(args)`), the
    values that one's code names for that field."""
    stored = _stored_fields(body, aliases)
    for node in ast.walk(body):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and stored:
            yield from _named_through_fields(tree, body, node, stored, depth)
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        passed = [(index, None, name) for index, argument in enumerate(node.args)
                  if not isinstance(argument, ast.Starred) and (name := _read(argument, aliases)) is not None]
        passed += [(None, keyword.arg, name) for keyword in node.keywords
                   if keyword.arg is not None and (name := _read(keyword.value, aliases)) is not None]
        if not passed or any(isinstance(argument, ast.Starred) for argument in node.args[:max(
                (i for i, _, _ in passed if i is not None), default=-1) + 1]):
            continue
        callee = _callee_slots(tree, node.func.id, body)
        if callee is None:
            continue
        slots, line = callee
        named = named_values(tree, node.func.id, line, depth + 1)
        for index, keyword, name in passed:
            target = keyword if keyword is not None else slots[index] if index < len(slots) else None
            for value in named.get(target, ()):
                yield name, value


def _callee_slots(tree: ast.Module, name: str, body: ast.AST) -> tuple[list[str], int] | None:
    """The positional parameters of the class or function `name` a call builds, and the line it is
    defined on; None for one not of the file, or the body the call is in (a recursion)."""
    callee = _definition(tree, name, None)
    if callee is None or callee[1] is body:
        return None
    init, definition, skip = callee
    return [a.arg for a in (*init.args.posonlyargs, *init.args.args)][skip:], definition.lineno


def _stored_fields(body: ast.AST, aliases: dict[str, str]) -> dict[str, dict[str, str]]:
    """local -> {field: parameter} for each `local.field = parameter` of the code (an options object
    built and filled in place: `args = Namespace(); args.RDNconfig = RDNconfig`)."""
    out: dict[str, dict[str, str]] = {}
    for node in ast.walk(body):
        if isinstance(node, ast.Assign) and (name := _read(node.value, aliases)) is not None and "." not in name:
            for target in node.targets:
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                        and target.value.id != "self" and target.value.id not in aliases:
                    out.setdefault(target.value.id, {})[target.attr] = name
    return out


def _named_through_fields(tree: ast.Module, body: ast.AST, call: ast.Call, stored: dict, depth: int):
    """(parameter, value) for each parameter stored in a field of an object the call passes, with
    each value the callee's code names for that field."""
    passed = [(index, None, argument.id) for index, argument in enumerate(call.args)
              if isinstance(argument, ast.Name) and argument.id in stored]
    passed += [(None, keyword.arg, keyword.value.id) for keyword in call.keywords
               if keyword.arg is not None and isinstance(keyword.value, ast.Name) and keyword.value.id in stored]
    if not passed or any(isinstance(argument, ast.Starred) for argument in call.args):
        return
    callee = _callee_slots(tree, call.func.id, body)
    if callee is None:
        return
    slots, line = callee
    named = named_values(tree, call.func.id, line, depth + 1, _fields=True)
    for index, keyword, local in passed:
        target = keyword if keyword is not None else slots[index] if index < len(slots) else None
        for field, parameter in stored[local].items():
            for value in named.get(f"{target}.{field}", ()):
                yield parameter, value


def attributes_read(tree: ast.Module | None, class_name: str, line: int, _depth: int = 0) -> dict[str, set[str]]:
    """parameter -> the attributes the code reads of it (`genotype.normal`, `genotype.reduce_concat`),
    in the class (or function) and in the classes and functions of the file it passes it to."""
    owner = _definition(tree, class_name, line)
    if owner is None:
        return {}
    init, body, skip = owner
    parameters = {a.arg for a in (*init.args.posonlyargs, *init.args.args[skip:], *init.args.kwonlyargs)}
    aliases = _aliases(init, parameters)
    found: dict[str, set[str]] = {}
    for node in ast.walk(body):
        if isinstance(node, ast.Attribute) and (name := _read(node.value, aliases)) is not None:
            found.setdefault(name, set()).add(node.attr)
    if _depth < MAX_CALL_DEPTH:
        for node in ast.walk(body):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name) \
                    or any(isinstance(a, ast.Starred) for a in node.args):
                continue
            callee = _definition(tree, node.func.id, None)
            if callee is None or callee[1] is body:
                continue
            slots = [a.arg for a in (*callee[0].args.posonlyargs, *callee[0].args.args)][callee[2]:]
            passed = [(slots[i] if i < len(slots) else None, _read(a, aliases)) for i, a in enumerate(node.args)]
            passed += [(k.arg, _read(k.value, aliases)) for k in node.keywords if k.arg is not None]
            inner = attributes_read(tree, node.func.id, callee[1].lineno, _depth + 1)
            for target, name in passed:
                if name is not None and target in inner:
                    found.setdefault(name, set()).update(inner[target])
    return found


def record_constants(tree: ast.Module | None) -> list[tuple[frozenset[str], str]]:
    """The module-level constants built from a namedtuple class of the module (`DARTS_V2 =
    Genotype(normal=[...], ...)`, the class `namedtuple(...)` or `class Genotype(NamedTuple)`), in
    order: (the class's fields, the constant's name)."""
    if tree is None:
        return []
    kinds: dict[str, frozenset[str]] = {}
    out = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and any(
                (b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", None)) == "NamedTuple" for b in node.bases):
            kinds[node.name] = frozenset(s.target.id for s in node.body
                                         if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name))
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                and isinstance(node.value, ast.Call)):
            continue
        call, name = node.value, node.targets[0].id
        callee = call.func.attr if isinstance(call.func, ast.Attribute) else \
            call.func.id if isinstance(call.func, ast.Name) else None
        if callee == "namedtuple" and len(call.args) >= 2 and isinstance(call.args[1], ast.Constant) \
                and isinstance(call.args[1].value, str):
            kinds[name] = frozenset(call.args[1].value.replace(",", " ").split())
        elif callee == "namedtuple" and len(call.args) >= 2 and isinstance(call.args[1], (ast.List, ast.Tuple)):
            kinds[name] = frozenset(e.value for e in call.args[1].elts if isinstance(e, ast.Constant))
        elif callee in kinds:
            out.append((kinds[callee], name))
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


MAX_DOMAIN_VALUES = 8  # a stated domain larger than this is not tried (every value must be)
MAX_DOMAIN_CONFIGURATIONS = 16


def stated_domains(tree: ast.Module | None, class_name: str, line: int) -> dict[str, tuple[tuple, str]]:
    """required parameter -> (every value the constructor lets it take, the code that says so), for
    the class `class_name` defined on `line`: a parameter whose values __init__ restricts, on every
    path, to the members of a constant table (`assert depth in cfg`, `if depth not in cfg: raise`,
    `cfg[depth]` read where it always runs, cfg a module-level list, tuple, set or dict of literals
    nothing changes). Any other value stops the construction, so a model built with each of these
    is every model the class can build for that parameter (see analyze._value_trials)."""
    owner = _definition(tree, class_name, line)
    if owner is None or not isinstance(owner[1], ast.ClassDef) or owner[0] is None:
        return {}
    init, _, skip = owner
    positional = [*init.args.posonlyargs, *init.args.args][skip:]
    required = [a.arg for a in positional[:len(positional) - len(init.args.defaults)]]
    required += [a.arg for a, d in zip(init.args.kwonlyargs, init.args.kw_defaults) if d is None]
    local = {node.id for node in ast.walk(init) if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load)}
    parameters = {name for name in required if name not in local}
    local |= {a.arg for a in ast.walk(init.args) if isinstance(a, ast.arg)}  # (a table of that name is not read)
    tables = {name: table for name, table in _constant_tables(tree).items() if name not in local}
    out: dict[str, tuple[tuple, str]] = {}
    for name, domain, how in _restrictions(init.body, parameters, tables):
        if name in out:  # (two restrictions: the values both allow)
            narrowed = tuple(v for v in out[name][0] if v in domain)
            how = out[name][1] if narrowed == out[name][0] else f"{out[name][1]} and {how}"
            domain = narrowed
        out[name] = (domain, how)
    return {name: (domain, how) for name, (domain, how) in out.items() if 0 < len(domain) <= MAX_DOMAIN_VALUES}


def _restrictions(body: list[ast.stmt], parameters: set[str], tables: dict[str, tuple]):
    """(parameter, the values allowed, the code) for each restriction among statements that always run."""
    for statement in body:
        test = written = None
        if isinstance(statement, ast.Assert):
            test = statement.test
            written = f"`assert {ast.unparse(test)}`"
        elif isinstance(statement, ast.If) and not statement.orelse \
                and all(isinstance(s, ast.Raise) for s in statement.body) and isinstance(statement.test, ast.Compare) \
                and len(statement.test.ops) == 1 and isinstance(statement.test.ops[0], ast.NotIn):
            test = ast.Compare(statement.test.left, [ast.In()], statement.test.comparators)  # raise unless in
            written = f"`if {ast.unparse(statement.test)}: raise`"
        if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.In) \
                and isinstance(test.left, ast.Name) and test.left.id in parameters \
                and (domain := _members(test.comparators[0], tables)) is not None:
            yield test.left.id, domain, written
        if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.In):
            # `assert img_size[1:] in ((32, 32), (64, 64))`: the sizes a tuple parameter may state
            sizes = list(_sides_compared(test.left, test.ops[0], test.comparators[0],
                                         lambda read: read.id if isinstance(read, ast.Name)
                                         and read.id in parameters else None))
            if sizes:
                yield sizes[0][0], tuple(dict.fromkeys(size for _, size in sizes)), written
        if isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Expr, ast.Assert, ast.Return)):
            for node in _always_evaluated(statement):
                if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) \
                        and isinstance(node.value, ast.Name) and node.value.id in tables \
                        and isinstance(tables[node.value.id], dict) \
                        and isinstance(node.slice, ast.Name) and node.slice.id in parameters:
                    yield node.slice.id, tuple(tables[node.value.id]), f"`{ast.unparse(node)}`"


def _always_evaluated(node: ast.AST):
    """The nodes of a statement Python evaluates whenever it runs the statement: not a lambda's body,
    a conditional branch, an `and`/`or` past its first operand, nor a comprehension past its first
    iterable (each may never run)."""
    yield node
    if isinstance(node, ast.Lambda):
        return
    if isinstance(node, ast.IfExp):
        children = [node.test]
    elif isinstance(node, ast.BoolOp):
        children = node.values[:1]
    elif isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
        children = [node.generators[0].iter]
    elif isinstance(node, ast.Assert):
        children = [node.test]  # (its message only when it fails)
    else:
        children = list(ast.iter_child_nodes(node))
    for child in children:
        yield from _always_evaluated(child)


def _members(expression: ast.expr, tables: dict[str, tuple | dict]) -> tuple | None:
    """The values `x in expression` holds for: a literal list, tuple or set of constants, a constant
    table of the module, or its .keys()."""
    if isinstance(expression, ast.Call) and isinstance(expression.func, ast.Attribute) \
            and expression.func.attr == "keys" and not expression.args and not expression.keywords \
            and isinstance(expression.func.value, ast.Name) and isinstance(tables.get(expression.func.value.id), dict):
        expression = expression.func.value
    if isinstance(expression, ast.Name) and expression.id in tables:
        return tuple(tables[expression.id])
    if isinstance(expression, (ast.List, ast.Tuple, ast.Set)):
        return _constants(expression.elts)
    return None


def _constants(items: list) -> tuple | None:
    """The values of literals that are whole numbers or strings, each once; None if any is another thing."""
    out: list = []
    for item in items:
        if not (isinstance(item, ast.Constant) and (isinstance(item.value, str) or isinstance(item.value, int)
                                                    and not isinstance(item.value, bool))):
            return None
        if item.value not in out:
            out.append(item.value)
    return tuple(out)


_MUTATORS = frozenset({"append", "extend", "insert", "remove", "pop", "popitem", "clear", "update", "setdefault",
                       "add", "discard", "__setitem__", "__delitem__"})


def _constant_tables(tree: ast.Module) -> dict[str, tuple | dict]:
    """Module-level names bound once to a list, tuple or set of literals (a tuple of its members) or
    to a dict with literal keys (a dict, its keys in order), which no code of the file changes."""
    tables: dict[str, tuple | dict] = {}
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            continue
        if isinstance(node.value, (ast.List, ast.Tuple, ast.Set)) \
                and (members := _constants(node.value.elts)) is not None:
            tables[node.targets[0].id] = members
        elif isinstance(node.value, ast.Dict) and node.value.keys and None not in node.value.keys \
                and (keys := _constants(node.value.keys)) is not None and len(keys) == len(node.value.keys):
            tables[node.targets[0].id] = dict.fromkeys(keys)
    if not tables:
        return tables
    changed = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            changed.update(node.names)
        elif isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load) \
                and isinstance(node.value, ast.Name):
            changed.add(node.value.id)
        elif isinstance(node, ast.Attribute) and node.attr in _MUTATORS and isinstance(node.value, ast.Name):
            changed.add(node.value.id)
    bound = _module_bindings(tree)
    return {name: table for name, table in tables.items() if name not in changed and bound.get(name) == 1}


def _module_bindings(tree: ast.Module) -> dict[str, int]:
    """name -> how many times the module's own scope binds it (assignments, imports, definitions,
    loop targets), not counting the scopes of its functions and classes."""
    out: dict[str, int] = {}
    pending: list[ast.AST] = list(tree.body)
    while pending:
        node = pending.pop()
        names = [node.id] if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load) else \
            [(node.asname or node.name).split(".")[0]] if isinstance(node, ast.alias) else \
            [node.name] if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else \
            [node.name] if isinstance(node, ast.ExceptHandler) and node.name else []
        for name in names:
            out[name] = out.get(name, 0) + 1
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            pending.extend(ast.iter_child_nodes(node))
    return out


def domain_configurations(values: dict[str, list], domains: dict[str, tuple],
                          optional: frozenset[str] = frozenset()) -> list[dict]:
    """Configurations for parameters whose every allowed value is known (`domains`): each value of
    each, alone (the other named parameters as in the first analysis) and then with each
    configuration of the others while there is room, a domain whole every time; [] where the
    domains alone are too many to try."""
    names = sorted(domains)
    whole = [dict(zip(names, chosen)) for chosen in product(*(domains[n] for n in names))]
    if len(whole) > MAX_DOMAIN_CONFIGURATIONS:
        return []
    out = list(whole)
    others = {name: found for name, found in values.items() if name not in domains}
    for other in configurations(others, optional) if others else []:
        if len(out) + len(whole) > MAX_DOMAIN_CONFIGURATIONS:
            break
        out.extend(chosen | other for chosen in whole)
    return out


def _aliases(init: ast.FunctionDef, parameters: set[str]) -> dict[str, str]:
    """How the class's code reads each parameter: its own name, and `self.X` set from it; and how
    it reads a part of a configuration object it is given: a local bound once to an attribute path
    of a parameter (`model_config = config.model.resnet`, then `block_type = model_config.block_type`)
    reads that path (`config.model.resnet.block_type`)."""
    aliases = {name: name for name in parameters}
    for node in ast.walk(init):
        # `self.cin, self.cout, self.stride = cin, cout, stride`: each attribute from its parameter
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Tuple) \
                and isinstance(node.value, ast.Tuple) and len(node.targets[0].elts) == len(node.value.elts):
            for target, value in zip(node.targets[0].elts, node.value.elts):
                if isinstance(value, ast.Name) and value.id in parameters and isinstance(target, ast.Attribute) \
                        and isinstance(target.value, ast.Name) and target.value.id == "self":
                    aliases[f"self.{target.attr}"] = value.id
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and node.value.id in parameters:
            for target in node.targets:
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                        and target.value.id == "self":
                    aliases[f"self.{target.attr}"] = node.value.id
                elif isinstance(target, ast.Name) and target.id not in parameters \
                        and _assigned_once(init, target.id):
                    aliases[target.id] = node.value.id  # `r = scale`, then `if r == 4:`
    # (`self.scale = args.scale[0]`, then `if self.scale == 2`: an item of a field, read by its path)
    paths = [(local, node.value) for node in ast.walk(init)
             if isinstance(node, ast.Assign) and len(node.targets) == 1
             and (local := _local_or_own_attribute(node.targets[0])) is not None
             and isinstance(node.value, (ast.Attribute, ast.Subscript)) and local not in aliases
             and _assigned_once(init, local)]
    for _ in range(len(paths)):  # (an alias of an alias: in whatever order the walk meets them)
        more = {local: path for local, value in paths if local not in aliases
                and (path := _read(value, aliases)) is not None and "." in path}
        if not more:
            break
        aliases.update(more)
    return aliases


def _local_or_own_attribute(target: ast.expr) -> str | None:
    """`scale` of `scale = ...`, `self.scale` of `self.scale = ...`; None for any other target."""
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self":
        return f"self.{target.attr}"
    return None


def _assigned_once(function: ast.FunctionDef, name: str) -> bool:
    """A local (or `self.name` attribute) bound by one plain assignment and nothing else (no loop,
    no augmented assignment)."""
    return sum(_local_or_own_attribute(node) == name and isinstance(node.ctx, ast.Store)
               for node in ast.walk(function) if isinstance(node, (ast.Name, ast.Attribute))) == 1


def _read(expression: ast.expr, aliases: dict[str, str]) -> str | None:
    """The parameter an expression reads (`dataset`, `self.dataset`, `dataset.lower()`)."""
    if isinstance(expression, ast.Call) and isinstance(expression.func, ast.Attribute) \
            and expression.func.attr in ("lower", "upper", "strip") and not expression.args:
        expression = expression.func.value
    if isinstance(expression, ast.Name):
        return aliases.get(expression.id)
    if isinstance(expression, ast.Subscript) and isinstance(expression.value, ast.Name) \
            and isinstance(expression.slice, ast.Constant) and isinstance(expression.slice.value, str):
        return aliases.get(f"{expression.value.id}[{expression.slice.value!r}]")  # `kwargs['name']`
    if isinstance(expression, ast.Call) and isinstance(expression.func, ast.Attribute) \
            and expression.func.attr == "get" and isinstance(expression.func.value, ast.Name) \
            and expression.args and isinstance(expression.args[0], ast.Constant) \
            and isinstance(expression.args[0].value, str):
        return aliases.get(f"{expression.func.value.id}[{expression.args[0].value!r}]")  # `kwargs.get('name', ...)`
    if isinstance(expression, ast.Attribute) and isinstance(expression.value, ast.Name) \
            and expression.value.id == "self":
        return aliases.get(f"self.{expression.attr}")
    if isinstance(expression, ast.Attribute) and isinstance(expression.value, (ast.Name, ast.Attribute)) \
            and (owner := _read(expression.value, aliases)) is not None:
        return f"{owner}.{expression.attr}"  # `args.RDNconfig`, `config.model.depth`: a field of a parameter
    if isinstance(expression, ast.Subscript) and isinstance(expression.value, ast.Attribute) \
            and isinstance(expression.slice, ast.Constant) and _item_index(expression.slice.value) \
            and (owner := _read(expression.value, aliases)) is not None and "." in owner:
        return f"{owner}[{expression.slice.value}]"  # `args.scale[0]`: an item of a field, as options give it
    return None


def _item_index(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _compared(node: ast.AST, aliases: dict[str, str], tables: dict[str, list]):
    """(parameter, value) for each literal the node compares a parameter with."""
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        left, right, op = node.left, node.comparators[0], node.ops[0]
        for name, value in _sides_compared(left, op, right, lambda read: _read(read, aliases)):
            yield name, value
        if isinstance(op, (ast.Eq, ast.NotEq)):
            for read, literal in ((left, right), (right, left)):
                name = _read(read, aliases)
                if name is not None and isinstance(literal, ast.Constant) and (
                        isinstance(literal.value, str) or _switch_number(literal.value)):
                    yield name, literal.value
        elif isinstance(op, (ast.In, ast.NotIn)) and isinstance(right, (ast.Tuple, ast.List, ast.Set)):
            name = _read(left, aliases)
            if name is not None:
                for item in right.elts:
                    if isinstance(item, ast.Constant) and (isinstance(item.value, str) or _switch_number(item.value)):
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
    elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Dict) and _string_keys(node.value):
        # `self.D, C, G = {'A': (20, 6, 32), 'B': (16, 8, 64)}[args.RDNconfig]`: a table written in place
        name = _read(node.slice, aliases)
        if name is not None:
            for key in node.value.keys:
                yield name, key.value


def _sides_compared(left: ast.expr, op: ast.cmpop, right: ast.expr, read):
    """(parameter, SidesStated) for a tuple parameter's items compared with a literal size
    (`img_size[1:] == (64, 64)`, `img_size[1:] in ((32, 32), (64, 64))`); `read` names the
    parameter an expression reads, or None."""
    if isinstance(op, (ast.Eq, ast.NotEq)):
        pairs = [(left, [right]), (right, [left])]
    elif isinstance(op, ast.In) and isinstance(right, (ast.Tuple, ast.List, ast.Set)):
        pairs = [(left, right.elts)]
    else:
        return
    for items, literals in pairs:
        start = 0
        if isinstance(items, ast.Subscript) and isinstance(items.slice, ast.Slice) \
                and items.slice.upper is None and items.slice.step is None \
                and isinstance(items.slice.lower, ast.Constant) and _switch_number(items.slice.lower.value):
            items, start = items.value, items.slice.lower.value
        name = read(items)
        sizes = [_size_literal(literal) for literal in literals]
        if name is not None and sizes and None not in sizes:
            for size in sizes:
                yield name, SidesStated(start, size)


def _size_literal(node: ast.expr) -> tuple[int, ...] | None:
    """The sides a literal tuple of whole numbers writes (`(64, 64)`), or None."""
    if not isinstance(node, ast.Tuple) or not node.elts:
        return None
    sides = tuple(e.value for e in node.elts if isinstance(e, ast.Constant) and _switch_number(e.value))
    return sides if len(sides) == len(node.elts) else None


def table_keyed(tree: ast.Module | None, class_name: str, line: int) -> frozenset[str]:
    """The parameters the class's code indexes a module-level table with (`cfg[vgg_name]`): each key
    a row of one family, of which a head written for one row may fit that row only."""
    own = class_name.rpartition(".")[2]  # (`Outer.Inner`: a nested class, by its own name)
    cls = next((node for node in ast.walk(tree) if isinstance(node, ast.ClassDef) and node.name == own
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


def table_rows(tree: ast.Module | None, class_name: str, line: int) -> dict[str, dict[str, tuple[int, int, int, int]]]:
    """parameter -> the rows of the module-level table the class's code indexes with it
    (`cfg[vgg_name]`): key -> where the row is written (line, column, end line, end column; 1-based,
    the end column exclusive), from its key to the end of its value."""
    keyed = table_keyed(tree, class_name, line)
    if not keyed:
        return {}
    owner = _definition(tree, class_name, line)
    init, body, _ = owner
    parameters = {a.arg for a in (*init.args.posonlyargs, *init.args.args, *init.args.kwonlyargs)}
    aliases = _aliases(init, parameters)
    tables = {node.targets[0].id: node.value for node in tree.body
              if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
              and isinstance(node.value, ast.Dict)}
    out: dict[str, dict] = {}
    for node in ast.walk(body):
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in tables \
                and (name := _read(node.slice, aliases)) in keyed:
            table = tables[node.value.id]
            out[name] = {key.value: (key.lineno, key.col_offset + 1, value.end_lineno, value.end_col_offset + 1)
                         for key, value in zip(table.keys, table.values)
                         if isinstance(key, ast.Constant) and isinstance(key.value, str)}
    return out


def _string_keys(table: ast.Dict) -> bool:
    """A dict written with string keys only (`{'A': ..., 'B': ...}`)."""
    return bool(table.keys) and all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in table.keys)


def _string_tables(tree: ast.Module) -> dict[str, list]:
    """Module-level dicts written with string keys (`cfg = {'VGG11': [...], ...}`): their keys."""
    tables = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and isinstance(node.value, ast.Dict) and node.value.keys \
                and all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in node.value.keys):
            tables[node.targets[0].id] = [k.value for k in node.value.keys]
    return tables


def _else_taken(body: ast.AST, name: str, aliases: dict[str, str]) -> bool:
    """Whether a parameter is read only in the tests of one `if name == 'a': ... elif name == 'b':
    ... else: ...` chain whose plain `else:` builds something (it neither raises nor asserts): a
    caller's value the chain does not list takes the else, and nothing else reads the value."""
    def read(node) -> bool:
        return isinstance(node, (ast.Name, ast.Attribute, ast.Subscript, ast.Call)) and _read(node, aliases) == name

    def compared(test: ast.expr) -> bool:
        return isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq) and any(
            read(a) and isinstance(b, ast.Constant) and isinstance(b.value, str)
            for a, b in ((test.left, test.comparators[0]), (test.comparators[0], test.left)))

    reads = {id(node) for node in ast.walk(body) if read(node)}
    for node in ast.walk(body):
        if not isinstance(node, ast.If) or not compared(node.test):
            continue
        tested, branch = set(), node
        while isinstance(branch, ast.If) and compared(branch.test):
            tested.update(id(part) for part in ast.walk(branch.test))
            last, branch = branch, (branch.orelse[0] if len(branch.orelse) == 1 else None)
        rest = last.orelse
        if rest and not (len(rest) == 1 and isinstance(rest[0], ast.If)) and reads <= tested \
                and not any(isinstance(part, (ast.Raise, ast.Assert)) for s in rest for part in ast.walk(s)):
            return True
    return False


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


def passed_names(tree: ast.Module | None, class_name: str, line: int) -> dict[str, list[tuple[str | None, str | None, int]]]:
    """required parameter -> what each call of the class `class_name` (defined on `line`) outside
    its own body passes for it: (the module-level name or dotted name passed, `ResNet(BasicBlock,
    [n, n, n])`, or None for anything else, a factory's own parameter, a local, an expression; the
    function or class whose code makes the call, None at module level; the call's line). A call
    that passes it inside `*args` or `**kwargs` gives None too: which value goes there is not read."""
    owner = _definition(tree, class_name, line)
    if owner is None or not isinstance(owner[1], ast.ClassDef):
        return {}
    init, cls, _ = owner
    positional = [a.arg for a in (*init.args.posonlyargs, *init.args.args)][1:]
    required = positional[:len(positional) - len(init.args.defaults)] + \
        [a.arg for a, d in zip(init.args.kwonlyargs, init.args.kw_defaults) if d is None]
    if not required:
        return {}
    found: dict[str, list] = {}

    def visit(node: ast.AST, caller: ast.AST | None, bound: frozenset) -> None:
        for child in ast.iter_child_nodes(node):
            if child is cls:
                continue  # a class building itself builds a part of itself, not a model
            if isinstance(child, ast.Call) and (
                    isinstance(child.func, ast.Name) and child.func.id == class_name
                    or isinstance(child.func, ast.Attribute) and child.func.attr == class_name):
                for name in required:
                    found.setdefault(name, []).append(
                        (_passed_name(child, name, positional, bound), getattr(caller, "name", None), child.lineno))
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                visit(child, child, bound | _local_names(child))
            elif isinstance(child, (ast.Lambda, *_COMPREHENSIONS)):  # (their names are theirs too)
                visit(child, caller, bound | _local_names(child))
            else:
                visit(child, caller, bound)

    visit(tree, None, frozenset())
    return found


def _passed_name(call: ast.Call, parameter: str, positional: list[str], bound: frozenset) -> str | None:
    """The module-level name a call passes for the parameter, as written (`BasicBlock`,
    `blocks.Bottleneck`); None where it passes something else or its value is not read."""
    index = positional.index(parameter) if parameter in positional else None
    starred = next((i for i, a in enumerate(call.args) if isinstance(a, ast.Starred)), len(call.args))
    given = [k.value for k in call.keywords if k.arg == parameter]
    if given:
        expression = given[0]
    elif index is not None and index < starred:
        expression = call.args[index]
    else:
        return None
    path = []
    while isinstance(expression, ast.Attribute):
        path.append(expression.attr)
        expression = expression.value
    if not isinstance(expression, ast.Name) or expression.id in bound:
        return None
    return ".".join([expression.id, *reversed(path)])


_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)


def _local_names(function: ast.AST) -> set[str]:
    """The names a function or class binds itself: its parameters and what it assigns, imports or
    defines (a name read there may not be the module's)."""
    names = set()
    if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        arguments = function.args
        names |= {a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)}
        names |= {a.arg for a in (arguments.vararg, arguments.kwarg) if a is not None}
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node is not function:
            names.add(node.name)
    return names


def compared_with_default(tree: ast.Module | None, class_name: str, line: int) -> dict[str, tuple[int, int, tuple]]:
    """parameter -> (its default, the line testing it, the other values it names) for each
    whole-number parameter with a default that the class's code compares with that default (`if
    stride != 1:`, `if self.stride > 1:`): the other branch is there for the callers that give
    another value, which a class nothing builds never takes at its defaults. The other values are
    the whole numbers the code also matches it with (`if upscale in [2, 3]: ... elif upscale == 4:`
    handles 2, 3 and 4 only: 5 falls through every branch), () where it names none."""
    owner = _definition(tree, class_name, line)
    if owner is None or not isinstance(owner[1], ast.ClassDef):
        return {}
    init, body, skip = owner
    positional = [*init.args.posonlyargs, *init.args.args][skip:]
    defaults = dict(zip([a.arg for a in positional][len(positional) - len(init.args.defaults):], init.args.defaults))
    defaults.update({a.arg: d for a, d in zip(init.args.kwonlyargs, init.args.kw_defaults) if d is not None})
    numbers = {name: d.value for name, d in defaults.items() if isinstance(d, ast.Constant)
               and isinstance(d.value, int) and not isinstance(d.value, bool)}
    aliases = _aliases(init, set(numbers))
    out: dict[str, tuple[int, int]] = {}
    named: dict[str, list[int]] = {}
    for node in ast.walk(body):
        if not isinstance(node, ast.Compare) or len(node.ops) != 1:
            continue
        for read, literal in ((node.left, node.comparators[0]), (node.comparators[0], node.left)):
            name = _read(read, aliases)
            if name not in numbers:
                continue
            for value in _whole_numbers_named(node.ops[0], literal, read is node.left):
                if value != numbers[name] and value not in named.setdefault(name, []):
                    named[name].append(value)
            if isinstance(node.ops[0], (ast.Eq, ast.NotEq, ast.Gt, ast.Lt, ast.GtE, ast.LtE)) \
                    and isinstance(literal, ast.Constant) and literal.value == numbers[name] \
                    and type(literal.value) is int and name not in out:
                out[name] = (numbers[name], node.lineno)
    return {name: (default, line, tuple(sorted(named.get(name, ())))) for name, (default, line) in out.items()}


def _whole_numbers_named(op: ast.cmpop, literal: ast.expr, read_on_the_left: bool) -> list[int]:
    """The whole numbers a comparison matches a value with: `== 2`, `!= 3`, `in [2, 3]` (the list
    on the right of `in` only)."""
    if isinstance(op, (ast.Eq, ast.NotEq)) and isinstance(literal, ast.Constant) and type(literal.value) is int:
        return [literal.value]
    if isinstance(op, (ast.In, ast.NotIn)) and read_on_the_left and isinstance(literal, (ast.List, ast.Tuple, ast.Set)):
        return [item.value for item in literal.elts if isinstance(item, ast.Constant) and type(item.value) is int]
    return []
