"""How code changes an options namespace (`args = parser.parse_args()`, or a parameter holding one):
the options it sets by name (`args.width = 8`, `setattr(args, "width", 8)`, `args.scale.append(4)`),
and the changes no option's name can be read from (`args.__dict__.update(cfg)`, `vars(args).update(cfg)`,
`setattr(args, key, value)`, a method of the namespace), after which every option is unknown.

One reading shared by every place that takes a namespace's options as known: the module's own
post-processing after parsing, the functions of the module that change its global namespace, a
script's `main()` run with it, a trainer's or model's constructor given it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import libcst as cst

# methods that change the dict or list they are called on
MUTATING_METHODS = frozenset({"update", "setdefault", "pop", "popitem", "clear", "append", "extend", "insert",
                              "remove", "sort", "reverse", "__setitem__", "__delitem__"})


@dataclass
class NamespaceChanges:
    options: dict[str, cst.CSTNode] = field(default_factory=dict)  # option -> the first node setting it
    # changes to options known only as the code runs (`vars(args)[key] = value`, `setattr(args, key, value)`):
    # followed where the code is run by the interpreter, not followed where it is only read
    when_run: list[cst.CSTNode] = field(default_factory=list)
    unseen: cst.CSTNode | None = None  # the first change no option's name can be read from

    def any(self) -> bool:
        return bool(self.options or self.when_run) or self.unseen is not None


def namespace_changes(nodes: Iterable[cst.CSTNode], is_namespace: Callable[[cst.BaseExpression], bool]
                      ) -> NamespaceChanges:
    """The changes `nodes` make to the namespace the expressions `is_namespace` accepts denote
    (`args`, or `self.opt` kept from a parameter)."""
    found = NamespaceChanges()

    def unseen(node: cst.CSTNode) -> None:
        if found.unseen is None:
            found.unseen = node

    def option(name: str, node: cst.CSTNode) -> None:
        if name.startswith("__"):
            unseen(node)  # (`args.__dict__ = cfg`)
        else:
            found.options.setdefault(name, node)

    def view(expression: cst.BaseExpression) -> bool:  # `vars(args)`, `args.__dict__`
        return isinstance(expression, cst.Call) and isinstance(expression.func, cst.Name) \
            and expression.func.value == "vars" and len(expression.args) == 1 \
            and is_namespace(expression.args[0].value) \
            or isinstance(expression, cst.Attribute) and expression.attr.value == "__dict__" \
            and is_namespace(expression.value)

    def target_changed(target: cst.BaseExpression, node: cst.CSTNode) -> None:
        if isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                target_changed(element.value, node)
            return
        if isinstance(target, cst.StarredElement):
            target_changed(target.value, node)
            return
        if isinstance(target, cst.Subscript) and view(target.value):
            if isinstance(target.value, cst.Call):
                found.when_run.append(node)  # (the interpreter writes it through as it runs)
            else:
                unseen(node)
            return
        while isinstance(target, (cst.Attribute, cst.Subscript)):
            if isinstance(target, cst.Attribute) and is_namespace(target.value):
                option(target.attr.value, node)  # `args.width = 8`, `args.cfg.width = 8`, `args.sizes[0] = 8`
                return
            if view(target.value) or is_namespace(target.value):
                unseen(node)  # `args.__dict__["width"][0] = 8`, `args[0] = 8`
                return
            target = target.value

    for node in nodes:
        if isinstance(node, cst.Assign):
            for target in node.targets:
                target_changed(target.target, node)
            if view(node.value):
                unseen(node)  # `options = vars(args)`: changed through another name
        elif isinstance(node, (cst.AugAssign, cst.AnnAssign)):
            target_changed(node.target, node)
        elif isinstance(node, cst.Del):
            target_changed(node.target, node)
        elif isinstance(node, cst.Call):
            func = node.func
            if isinstance(func, cst.Name) and func.value in ("setattr", "delattr") and node.args \
                    and is_namespace(node.args[0].value):
                key = node.args[1].value if len(node.args) > 1 else None
                if isinstance(key, cst.SimpleString) and isinstance(key.evaluated_value, str):
                    option(key.evaluated_value, node)
                else:
                    found.when_run.append(node)  # (a name computed: any option)
            elif isinstance(func, cst.Attribute):
                receiver = func.value
                if is_namespace(receiver):
                    unseen(node)  # a method of the namespace itself (`args.__setattr__(...)`)
                elif view(receiver) and func.attr.value in MUTATING_METHODS:
                    unseen(node)  # `args.__dict__.update(cfg)`, `vars(args).update(cfg)`
                elif isinstance(receiver, cst.Attribute) and is_namespace(receiver.value) \
                        and func.attr.value in MUTATING_METHODS:
                    option(receiver.attr.value, node)  # `args.scale.append(4)`
    return found


def is_name(names: str | set[str] | frozenset[str]) -> Callable[[cst.BaseExpression], bool]:
    """The test for a namespace held by a plain name (or one of several)."""
    wanted = {names} if isinstance(names, str) else set(names)
    return lambda expression: isinstance(expression, cst.Name) and expression.value in wanted


MAX_PASSING_DEPTH = 2  # functions of the module followed when the namespace is passed on whole


def changes_by_module_code(module: cst.Module, name: str, binding: cst.CSTNode) -> NamespaceChanges:
    """The changes the module's functions and its `__main__` block make to the namespace the
    module binds to the global `name` (`def main(): args.width = 8`), with those the module's own
    functions and classes make to it when given it whole (`tweak(args)`, `Trainer(args)`); rebinding
    the global in a function (`global args; args = ...`) is a change not followed. Module-level
    statements are not included: the interpreter runs those itself; where `binding` (the expression
    bound to `name`) is in a `__main__` block, only that block's statements after it are."""
    found = NamespaceChanges()
    defined = {statement.name.value: statement for statement in module.body
               if isinstance(statement, (cst.FunctionDef, cst.ClassDef))}
    for scope in _global_scopes(module):
        nodes = _own_nodes(scope.body)
        if isinstance(scope, cst.If) and any(node is binding for node in nodes):
            statements = list(scope.body.body) if isinstance(scope.body, cst.IndentedBlock) else []
            at = next(i for i, s in enumerate(statements) if any(n is binding for n in _own_nodes(s)))
            nodes = [node for statement in statements[at + 1:] for node in _own_nodes(statement)]
        if isinstance(scope, cst.FunctionDef):
            declared = {n.name.value for node in nodes if isinstance(node, cst.Global) for n in node.names}
            binds = name in _parameter_names(scope) or name in _bound_names(nodes)
            if binds and name not in declared:
                continue  # a local of the same name
            if binds:
                _merge(found, NamespaceChanges(unseen=scope))
                continue
        elif name in _bound_names(nodes):  # (the `__main__` block binds the global again)
            _merge(found, NamespaceChanges(unseen=scope))
            continue
        _merge(found, namespace_changes(nodes, is_name(name)))
        _merge(found, _changes_when_passed(nodes, is_name(name), defined, MAX_PASSING_DEPTH))
    if found.when_run and found.unseen is None:
        found.unseen = found.when_run[0]  # (read, not run: which option is set is not known)
    return found


def _changes_when_passed(nodes: list, is_namespace, defined: dict, depth: int) -> NamespaceChanges:
    """The changes the module's functions and classes make to the namespace passed to them whole."""
    found = NamespaceChanges()
    if depth <= 0:
        return found
    for node in nodes:
        if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value in defined):
            continue
        target = defined[node.func.value]
        for index, arg in enumerate(node.args):
            if arg.star or not is_namespace(arg.value):
                continue
            keyword = arg.keyword.value if arg.keyword is not None else None
            if isinstance(target, cst.FunctionDef):
                parameter = _parameter_of(target, keyword, index, 0)
                if parameter is None:
                    _merge(found, NamespaceChanges(unseen=node))
                    continue
                inner = _own_nodes(target.body)
                if parameter in _bound_names(inner):
                    continue  # (bound to something else there)
                _merge(found, namespace_changes(inner, is_name(parameter)))
                _merge(found, _changes_when_passed(inner, is_name(parameter), defined, depth - 1))
            else:
                _merge(found, _changes_by_class(target, keyword, index, node, defined, depth))
    return found


def _changes_by_class(cls: cst.ClassDef, keyword: str | None, index: int, call: cst.Call, defined: dict,
                      depth: int) -> NamespaceChanges:
    """A class of the module built with the namespace: what its `__init__` does to the parameter,
    and what any of its methods do to the attribute `__init__` keeps it in (`self.opt = opt`)."""
    methods = [s for s in cls.body.body if isinstance(s, cst.FunctionDef)] \
        if isinstance(cls.body, cst.IndentedBlock) else []
    init = next((m for m in methods if m.name.value == "__init__"), None)
    if init is None:
        return NamespaceChanges()  # (a base's `__init__`: a class of torch or the project, as before)
    parameter = _parameter_of(init, keyword, index, 1)
    if parameter is None:
        return NamespaceChanges(unseen=call)
    inner = _own_nodes(init.body)
    kept = {t.target.attr.value for node in inner if isinstance(node, cst.Assign) for t in node.targets
            if isinstance(node.value, cst.Name) and node.value.value == parameter
            and isinstance(t.target, cst.Attribute) and isinstance(t.target.value, cst.Name)
            and t.target.value.value == "self"}

    def the_namespace(expression: cst.BaseExpression) -> bool:
        return isinstance(expression, cst.Name) and expression.value == parameter \
            or isinstance(expression, cst.Attribute) and expression.attr.value in kept \
            and isinstance(expression.value, cst.Name) and expression.value.value == "self"

    found = NamespaceChanges()
    for method in methods:
        nodes = _own_nodes(method.body)
        _merge(found, namespace_changes(nodes, the_namespace))
        _merge(found, _changes_when_passed(nodes, the_namespace, defined, depth - 1))
    return found


def _parameter_of(function: cst.FunctionDef, keyword: str | None, index: int, skip: int) -> str | None:
    params = function.params
    ordered = [p.name.value for p in [*params.posonly_params, *params.params][skip:]]
    if keyword is not None:
        named = [p.name.value for p in [*params.params, *params.kwonly_params] if p.name.value == keyword]
        return named[0] if named else None
    return ordered[index] if index < len(ordered) else None


def _global_scopes(module: cst.Module) -> list:
    """Every function of the module, nested or a method, and its `__main__` blocks."""
    out: list = []
    stack: list[cst.CSTNode] = [module]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.FunctionDef):
            out.append(node)
        elif isinstance(node, cst.If) and _is_main_guard(node.test):
            out.append(node)
        stack.extend(node.children)
    return out


def _is_main_guard(test: cst.BaseExpression) -> bool:
    return isinstance(test, cst.Comparison) and isinstance(test.left, cst.Name) and test.left.value == "__name__"


def _own_nodes(body: cst.CSTNode) -> list:
    """The nodes of a body, not those of the functions, lambdas and classes it defines."""
    out, stack = [], [body]
    while stack:
        node = stack.pop()
        out.append(node)
        if node is not body and isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            continue
        stack.extend(node.children)
    return out


def _parameter_names(function: cst.FunctionDef) -> set[str]:
    params = function.params
    names = {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}
    return names | {p.name.value for p in (params.star_arg, params.star_kwarg) if isinstance(p, cst.Param)}


def _bound_names(nodes: list) -> set[str]:
    """Names the nodes bind: assignment and loop targets, `with ... as`, imports, nested defs."""
    out: set[str] = set()

    def add(target: cst.CSTNode) -> None:
        if isinstance(target, cst.Name):
            out.add(target.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                add(element.value)
        elif isinstance(target, cst.StarredElement):
            add(target.value)

    for node in nodes:
        if isinstance(node, cst.AssignTarget):
            add(node.target)
        elif isinstance(node, (cst.AnnAssign, cst.AugAssign, cst.For)):
            add(node.target)
        elif isinstance(node, cst.AsName):
            add(node.name)
        elif isinstance(node, cst.NamedExpr):
            add(node.target)
        elif isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            out.add(node.name.value)
        elif isinstance(node, cst.ImportAlias) and node.asname is None:
            out.add((cst.helpers.get_full_name_for_node(node.name) or "").split(".")[0])
    return out


def _merge(into: NamespaceChanges, more: NamespaceChanges) -> None:
    for option, node in more.options.items():
        into.options.setdefault(option, node)
    into.when_run += more.when_run
    if into.unseen is None:
        into.unseen = more.unseen
