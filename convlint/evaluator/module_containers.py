"""Evaluator: the torch containers a file binds to module-level names (`decoder = nn.Sequential(...)`),
found by their syntax; what the names they read are bound to is left to the interpreter."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from convlint.evaluator.interpreter import CONTAINERS, walk_statements
from convlint.source.input_hints import is_main_guard, moved_only
from convlint.source.parse import bound_names

# Methods that change a list or a container in place: a model built from a name they change
# is not the one its binding builds (`layers.append(...)`, `model.add_module(...)`)
MUTATORS = frozenset("append extend insert pop remove clear update setdefault add_module register_module "
                     "__setitem__ __delitem__".split())


@dataclass(frozen=True, slots=True)
class ContainerBinding:
    """`decoder = nn.Sequential(...)`, the first binding of a module-level name, as a plain
    statement or in the `if __name__ == "__main__":` block (`main`); `before`: the plain
    assignments of that block that run before it, in order."""

    name: str
    node: cst.Name  # the bound name: where the model is shown
    value: cst.Call
    main: cst.If | None = None
    before: tuple[cst.Assign, ...] = ()
    # at module level, where the call reads a name bound again or changed in place before it
    # (d2l's `num_channels += ...` in a top-level loop, `blks.append(...)`): the module-level
    # statements before it, which are run in order to give those names the values they have there
    preceding: tuple[cst.CSTNode, ...] | None = None


def container_bindings(module: cst.Module) -> list[ContainerBinding]:
    """The module-level names whose first binding is a call of Sequential, ModuleList or
    ModuleDict (torch's or not: the interpreter tells), that nothing changes in place and
    whose call reads no name bound twice (the value it reads may be another binding's), unless
    only the module-level statements before it bind or change that name: those are then run in
    order (`preceding`)."""
    bindings: dict[str, int] = {}  # name -> how many module-level statements bind it
    found: list[ContainerBinding] = []
    seen: dict[int, dict[str, int]] = {}  # per module-level binding found: what was bound before it
    top: list[cst.CSTNode] = []  # the module-level statements so far (not in the `__main__` block)

    def bind(name: str) -> None:
        bindings[name] = bindings.get(name, 0) + 1

    def simple(statements, main: cst.If | None) -> None:
        before: list[cst.Assign] = []
        for statement in statements:
            if not isinstance(statement, cst.SimpleStatementLine):
                for name in _bound_names(statement):
                    bind(name)
                if main is None:
                    top.append(statement)
                continue
            for small in statement.body:
                if isinstance(small, cst.Assign):
                    targets = [t.target for t in small.targets]
                    if len(targets) == 1 and isinstance(targets[0], cst.Name) and targets[0].value not in bindings \
                            and _container_call(small.value):
                        binding = ContainerBinding(targets[0].value, targets[0], small.value, main, tuple(before),
                                                   None if main is not None else tuple(top))
                        found.append(binding)
                        seen[id(binding)] = dict(bindings)
                    before.append(small)
                for name in _bound_names(small):
                    bind(name)
                if main is None:
                    top.append(small)

    for statement in module.body:
        if isinstance(statement, cst.If) and is_main_guard(statement.test) and statement.orelse is None \
                and isinstance(statement.body, cst.IndentedBlock):
            simple(statement.body.body, statement)
        else:
            simple([statement], None)
    if not found:  # (most files bind no container)
        return []
    changed = _changed_by(module)  # anywhere in the file, the bodies of its functions included
    in_definitions = _changed_in_definitions(module)
    kept = []
    for b in found:
        rebound = {name for name in names_read(b.value)
                   if bindings.get(name, 0) > 1 or name in changed or name in in_definitions}
        if b.name in changed:
            continue
        if not rebound:
            kept.append(ContainerBinding(b.name, b.node, b.value, b.main, b.before))
            continue
        bound_then = seen[id(b)]
        changed_then = set().union(*(_changed_by(s) for s in b.preceding or ()
                                     if not isinstance(s, (cst.FunctionDef, cst.ClassDef))))
        # names bound again or changed only by the module-level statements before it: run those in order
        if b.preceding is not None and not rebound & in_definitions and all(
                bindings.get(name, 0) == bound_then.get(name, 0) for name in rebound) \
                and not {name for name in rebound if name in changed} - changed_then \
                and not _changed_after(module, b, rebound):
            kept.append(b)
    return kept


def _container_call(value: cst.BaseExpression) -> bool:
    value = moved_only(value)  # `nn.Sequential(...).to(device)`: the same module
    if not isinstance(value, cst.Call):
        return False
    func = value.func
    name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else None
    return name in CONTAINERS


def _bound_names(node: cst.CSTNode) -> set[str]:
    """Every name a module-level statement binds, in its blocks too (not in a def's or class's body)."""
    names: set[str] = set()
    if isinstance(node, (cst.ClassDef, cst.FunctionDef)):
        return {node.name.value}
    for child in walk_statements(node):
        if isinstance(child, (cst.ClassDef, cst.FunctionDef)):
            names.add(child.name.value)
        elif isinstance(child, cst.Assign):
            for target in child.targets:
                names.update(bound_names(target.target))
        elif isinstance(child, (cst.AnnAssign, cst.AugAssign)):
            names.update(bound_names(child.target))
        elif isinstance(child, (cst.For, cst.CompFor)):
            names.update(bound_names(child.target))
        elif isinstance(child, cst.NamedExpr):
            names.update(bound_names(child.target))
        elif isinstance(child, cst.AsName):
            names.update(bound_names(child.name))
        elif isinstance(child, cst.Import):
            names |= {a.name.value.partition(".")[0] if isinstance(a.name, cst.Name) else
                      cst.Module([]).code_for_node(a.name).partition(".")[0]
                      for a in child.names if a.asname is None}
        elif isinstance(child, cst.ImportFrom) and not isinstance(child.names, cst.ImportStar):
            names |= {a.name.value for a in child.names if a.asname is None and isinstance(a.name, cst.Name)}
    return names



def _changed_by(node: cst.CSTNode) -> set[str]:
    """The names a statement changes in place (`layers.append(...)`, `model.fc = ...`, `model[0] = ...`,
    `layers += [...]`, `setattr(model, ...)`, `del model[0]`), its blocks and the bodies of the
    functions it defines included."""
    changed: set[str] = set()
    for child in walk_statements(node):
        if isinstance(child, cst.Call):
            func = child.func
            if isinstance(func, cst.Attribute) and func.attr.value in MUTATORS and isinstance(func.value, cst.Name):
                changed.add(func.value.value)
            elif isinstance(func, cst.Name) and func.value in ("setattr", "delattr") and child.args \
                    and isinstance(child.args[0].value, cst.Name):
                changed.add(child.args[0].value.value)
        targets = [t.target for t in child.targets] if isinstance(child, cst.Assign) else \
            [child.target] if isinstance(child, (cst.AugAssign, cst.AnnAssign)) else \
            _deleted(child.target) if isinstance(child, cst.Del) else []
        for target in targets:
            if isinstance(target, (cst.Attribute, cst.Subscript)) and isinstance(target.value, cst.Name):
                changed.add(target.value.value)
            elif isinstance(child, cst.AugAssign) and isinstance(target, cst.Name):
                changed.add(target.value)
    return changed


def bound_or_changed(statement: cst.CSTNode) -> set[str]:
    """The names a module-level statement binds or changes in place."""
    return _bound_names(statement) | _changed_by(statement)


def _deleted(target: cst.BaseExpression) -> list[cst.BaseExpression]:
    """What `del a[0], b.c` deletes, item by item."""
    if isinstance(target, (cst.Tuple, cst.List)):
        return [item for element in target.elements for item in _deleted(element.value)]
    return [target]


def _changed_in_definitions(module: cst.Module) -> set[str]:
    """Names the code of a function or class changes in place or rebinds as a global: when it runs
    is not known, so no module-level order tells what such a name holds."""
    found: set[str] = set()
    for child in walk_statements(module):
        if isinstance(child, (cst.FunctionDef, cst.ClassDef)):
            found |= _changed_by(child.body)
        elif isinstance(child, cst.Global):
            found |= {item.name.value for item in child.names}
    return found


def _changed_after(module: cst.Module, binding: ContainerBinding, names: set[str]) -> bool:
    """A module-level statement after the binding (the `__main__` block's too) changes one of the names
    in place: the model holds what they are when it runs, not when it is built."""
    after = False
    for statement in module.body:
        for part in (statement.body.body if isinstance(statement, cst.If) and is_main_guard(statement.test)
                     and isinstance(statement.body, cst.IndentedBlock) else [statement]):
            if after and not isinstance(part, (cst.FunctionDef, cst.ClassDef)) and _changed_by(part) & names:
                return True
            if any(child is binding.value for child in walk_statements(part)):
                after = True
    return False


def names_read(node: cst.CSTNode) -> set[str]:
    """The names an expression reads (not an attribute's nor a keyword's name)."""
    nodes = list(walk_statements(node))
    spelled = {id(child.attr) for child in nodes if isinstance(child, cst.Attribute)} | \
        {id(child.keyword) for child in nodes if isinstance(child, cst.Arg) and child.keyword is not None}
    return {child.value for child in nodes if isinstance(child, cst.Name) and id(child) not in spelled}


@dataclass(frozen=True, slots=True)
class LocalSequential:
    """`disc = nn.Sequential(...).to(device)` in a module-level function that then calls `disc(x)`
    (a training script's discriminator): a model named `function.disc`; `before`: the function's
    top-level plain assignments before it, in order; `local`: every name the function binds
    (its parameters too), unknown where no such assignment gives it."""

    name: str
    node: cst.Name
    value: cst.Call
    function: cst.FunctionDef
    before: tuple[cst.Assign, ...]
    local: frozenset[str]
    owner: str = ""  # the class whose method it is


def local_sequentials(module: cst.Module) -> list[LocalSequential]:
    """The Sequentials module-level functions (and module-level classes' methods) bind to a name once, never change in place and
    call in the same function without returning them (a function returning one is a factory,
    checked as such)."""
    found = []
    functions = [(statement, "") for statement in module.body if isinstance(statement, cst.FunctionDef)]
    # a trainer class's methods too (`class Trainer: def train(self): disc = nn.Sequential(...)`)
    functions += [(statement, f"{cls.name.value}.") for cls in module.body if isinstance(cls, cst.ClassDef)
                  and isinstance(cls.body, cst.IndentedBlock) for statement in cls.body.body
                  if isinstance(statement, cst.FunctionDef)]
    for function, owner in functions:
        if not isinstance(function.body, cst.IndentedBlock):
            continue
        nodes = list(walk_statements(function.body))
        if not any(isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute) and n.func.attr.value == "Sequential"
                   or isinstance(n, cst.Call) and isinstance(n.func, cst.Name) and n.func.value == "Sequential"
                   for n in nodes):
            continue  # (most functions build none)
        params = function.params
        local = {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)} | \
            {p.name.value for p in (params.star_arg, params.star_kwarg) if isinstance(p, cst.Param)}
        counts: dict[str, int] = {}
        for statement in function.body.body:
            for name in _bound_names(statement):
                counts[name] = counts.get(name, 0) + 1
        local |= counts.keys()
        called = {n.func.value for n in nodes if isinstance(n, cst.Call) and isinstance(n.func, cst.Name)}
        returned = {n.value.value for n in nodes if isinstance(n, cst.Return) and isinstance(n.value, cst.Name)}
        changed = _changed_by(function.body)
        before: list[cst.Assign] = []
        for statement in function.body.body:
            smalls = statement.body if isinstance(statement, cst.SimpleStatementLine) else ()
            for small in smalls:
                if isinstance(small, cst.Assign):
                    targets = [t.target for t in small.targets]
                    if len(targets) == 1 and isinstance(name := targets[0], cst.Name) and counts.get(name.value) == 1 \
                            and name.value in called and name.value not in returned | changed \
                            and _container_call(small.value) and _sequential(moved_only(small.value)):
                        found.append(LocalSequential(f"{owner}{function.name.value}.{name.value}", name, small.value,
                                                     function, tuple(before), frozenset(local), owner[:-1]))
                    before.append(small)
    return found


def _sequential(call: cst.Call) -> bool:
    func = call.func
    return (func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", None)) == "Sequential"
