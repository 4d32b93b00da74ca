"""Source stage: where the file's own code builds its models with arguments (`net =
VGG("VGG19")`, `Generator(ngpu)`), so a model whose constructor needs them is analysed as the
code builds it, not with its parameters unknown. Nothing is imported or run."""

from __future__ import annotations

import libcst as cst

MAX_PER_CLASS = 3  # distinct argument lists analysed per class


def find_constructions(module: cst.Module, classes: set[str]) -> dict[str, list[cst.Call]]:
    """Calls of the given classes outside class bodies, by class name, in source order; a call
    through a dict of classes (class_map_calls) is one of each class the dict holds."""
    finder = _Finder(classes)
    module.visit(finder)
    for call, (_, keys) in class_map_calls(module, classes).items():
        for name in keys:
            finder.found.setdefault(name, []).append(call)
    return finder.found


def class_map_calls(module: cst.Module, classes: set[str]) -> dict[cst.Call, tuple[cst.BaseExpression, dict]]:
    """Calls through a dict literal of classes, a module's (`NETWORKS = {"AE": AE, "VAE": VAE}`) or a
    class body's (`_network_map = {...}`), by a key not written (`NETWORKS[kind](cfg)`, or `net_cls =
    NETWORKS[kind]` then `net_cls(cfg)` in the same function): each with the key's expression and,
    per class of `classes` the dict holds, the literal keys that select it."""
    maps: dict[str, dict[str, list]] = {}  # the dict's name as written (`NETWORKS`, `_network_map`) -> class -> keys
    bodies = [(statement, False) for statement in module.body]
    bodies += [(inner, True) for statement in module.body if isinstance(statement, cst.ClassDef)
               for inner in statement.body.body]
    for statement, in_class in bodies:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name) \
                    and isinstance(small.value, cst.Dict) and (held := _classes_held(small.value, classes)):
                maps[small.targets[0].target.value] = held
    if not maps:
        return {}
    finder = _MapCalls(maps)
    module.visit(finder)
    return finder.found


def _classes_held(table: cst.Dict, classes: set[str]) -> dict[str, list]:
    """class -> the literal keys of a dict literal whose values are all names (classes, or not)."""
    held: dict[str, list] = {}
    for element in table.elements:
        if not isinstance(element, cst.DictElement) or dotted_name(element.value) is None:
            return {}
        key = element.key
        if isinstance(key, cst.SimpleString):
            key = key.evaluated_value
        elif isinstance(key, cst.Integer):
            key = int(key.value, 0)
        else:
            return {}
        name = dotted_name(element.value).rsplit(".", 1)[-1]
        if name in classes:
            held.setdefault(name, []).append(key)
    return held


def _map_read(node: cst.BaseExpression, maps: dict) -> tuple[cst.BaseExpression, dict] | None:
    """`NETWORKS[kind]`, `Factory._map[kind]`, `self._map[kind]`: (the key's expression, class -> keys)."""
    if not isinstance(node, cst.Subscript) or len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return None
    name = node.value.value if isinstance(node.value, cst.Name) else \
        node.value.attr.value if isinstance(node.value, cst.Attribute) else None
    key = node.slice[0].slice.value
    if name not in maps or isinstance(key, (cst.SimpleString, cst.Integer)):
        return None  # (a key written: the call of that class, evaluated as any other)
    return key, maps[name]


class _MapCalls(cst.CSTVisitor):
    def __init__(self, maps: dict) -> None:
        self.maps = maps
        self.aliases: list[dict] = [{}]  # per function: a name bound to a read of a dict of classes
        self.found: dict[cst.Call, tuple] = {}

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False  # (as _Finder: a model's own code builds its blocks)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.aliases.append({})

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.aliases.pop()

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            read = _map_read(node.value, self.maps)
            if read is not None:
                self.aliases[-1][node.targets[0].target.value] = read
            else:
                self.aliases[-1].pop(node.targets[0].target.value, None)

    def visit_Call(self, node: cst.Call) -> None:
        if any(a.star for a in node.args):
            return
        read = _map_read(node.func, self.maps) if isinstance(node.func, cst.Subscript) else \
            self.aliases[-1].get(node.func.value) if isinstance(node.func, cst.Name) else None
        if read is not None:
            self.found[node] = read


def dotted_name(node: cst.BaseExpression) -> str | None:
    """`Net` or `Outer.Inner` as written; None for any other expression."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute) and (outer := dotted_name(node.value)) is not None:
        return f"{outer}.{node.attr.value}"
    return None


class _Finder(cst.CSTVisitor):
    def __init__(self, classes: set[str]) -> None:
        self.classes = classes
        self.found: dict[str, list[cst.Call]] = {}

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False  # a model's own code builds its blocks: they are checked inside it

    def visit_Call(self, node: cst.Call) -> None:
        name = dotted_name(node.func)  # (`Outer.Inner(...)`: a class nested in another, by its qualified name)
        if name in self.classes and node.args:  # (`Net(**model_args)` too: what it spreads is read where known)
            self.found.setdefault(name, []).append(node)


# what a model's attribute gives that is no module (`net.parameters()`), or the model itself
# again (`net = net.to(device)`, `net.eval()`): neither feeds it an input
_NOT_A_MODULE = frozenset({"parameters", "named_parameters", "buffers", "named_buffers", "state_dict",
                           "named_modules", "children", "named_children", "zero_grad", "extra_repr"})
_THE_MODULE = frozenset({"to", "cuda", "cpu", "eval", "train", "half", "float", "double", "requires_grad_"})
_SHOWN_BY = frozenset({"print", "str", "repr", "type", "id"})


def never_forwarded(module: cst.Module, calls: list[cst.Call]) -> set[int]:
    """id of each construction whose model the code only builds and looks at, never feeds an input:
    `net = Block(3, 32, 128)` then only `print(net)`, `net.parameters()`, `net = net.to(device)`
    (a name bound and never read again is fed: the script's code that feeds it may be cut).
    Any other use of the name anywhere (`net(x)`, `summary(net, ...)`, `train(net)`, `return net`),
    a call of the construction itself (`Block(...)(x)`), or a place not read here counts as fed."""
    wanted = {id(call) for call in calls}
    if not wanted:
        return set()
    collector = _Uses(wanted)
    module.visit(collector)
    uncalled: set[int] = set()
    for call_id, (parents, node) in collector.calls.items():
        name = _bound_name(node, parents)
        if name is None:
            if _only_shown(node, parents, None):
                uncalled.add(call_id)
        elif any(not _binding(above) for _, above in collector.names.get(name, ())) \
                and all(_only_shown(use, above, name) for use, above in collector.names.get(name, ())):
            # (a name bound and never read again, a script's `net = Net(args.layers, ...)` whose
            # training code is elsewhere or cut, is the script's model: only one shown is not fed)
            uncalled.add(call_id)
    return uncalled


def _binding(parents: list) -> bool:
    """Whether a name's occurrence (with the nodes above it) is where it is bound."""
    parent = parents[-1] if parents else None
    return isinstance(parent, (cst.AssignTarget, cst.AnnAssign))


class _Uses(cst.CSTVisitor):
    """Each wanted call and each plain name read, with the nodes above it (innermost last)."""

    def __init__(self, wanted: set[int]) -> None:
        self.wanted = wanted
        self.stack: list[cst.CSTNode] = []
        self.calls: dict[int, tuple[list, cst.Call]] = {}
        self.names: dict[str, list[tuple[cst.Name, list]]] = {}

    def on_visit(self, node: cst.CSTNode) -> bool:
        if id(node) in self.wanted:
            self.calls[id(node)] = (list(self.stack[-4:]), node)
        elif isinstance(node, cst.Name) and self.stack and _read(node, self.stack[-1]):
            self.names.setdefault(node.value, []).append((node, list(self.stack[-4:])))
        self.stack.append(node)
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.stack.pop()


def _read(name: cst.Name, parent: cst.CSTNode) -> bool:
    """Whether the Name is a variable's value read or bound, not an attribute's, a keyword's or a
    definition's name."""
    if isinstance(parent, cst.Attribute) and parent.attr is name:
        return False
    if isinstance(parent, cst.Arg) and parent.keyword is name:
        return False
    if isinstance(parent, (cst.FunctionDef, cst.ClassDef, cst.Param, cst.ImportAlias, cst.AsName)):
        return False
    return True


def _bound_name(call: cst.Call, parents: list) -> str | None:
    """`net = Block(...)`: the one name it is bound to."""
    parent = parents[-1] if parents else None
    if isinstance(parent, cst.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name):
        return parent.targets[0].target.value
    if isinstance(parent, cst.AnnAssign) and isinstance(parent.target, cst.Name) and parent.value is call:
        return parent.target.value
    return None


def _only_shown(node: cst.CSTNode, parents: list, name: str | None) -> bool:
    """Whether this use of the model (the construction, or its name read) feeds it no input: the
    name bound again, the value shown (`print(net)`), thrown away, or asked for what is no module."""
    parent = parents[-1] if parents else None
    if isinstance(parent, cst.AssignTarget) or isinstance(parent, cst.AnnAssign) and parent.target is node:
        return name is not None  # (the name bound: what it is bound to is its own construction or use)
    if isinstance(parent, cst.Expr):
        return True  # built or used, the result thrown away
    if isinstance(parent, cst.Arg) and parent.keyword is None and parent.star == "" and len(parents) > 1:
        call = parents[-2]
        return isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value in _SHOWN_BY
    if isinstance(parent, cst.FormattedStringExpression):
        return True
    if isinstance(parent, cst.Attribute) and parent.value is node and len(parents) > 1:
        call = parents[-2]
        if not isinstance(call, cst.Call) or call.func is not parent:
            return False
        if parent.attr.value in _NOT_A_MODULE:
            return True
        if parent.attr.value in _THE_MODULE and len(parents) > 2:  # `net.eval()`, `net = net.to(device)`
            above = parents[-3]
            return isinstance(above, cst.Expr) or name is not None and _bound_name(call, [above]) == name
    return False
