"""Evaluator: the torch containers a file binds to module-level names (`decoder = nn.Sequential(...)`),
found by their syntax; what the names they read are bound to is left to the interpreter."""

from __future__ import annotations

import ast
from dataclasses import dataclass

import libcst as cst

from convlint.evaluator.interpreter import CONTAINERS, walk_statements
from convlint.source.input_hints import is_main_guard, moved_only

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


def container_bindings(module: cst.Module, tree: ast.Module | None) -> list[ContainerBinding]:
    """The module-level names whose first binding is a call of Sequential, ModuleList or
    ModuleDict (torch's or not: the interpreter tells), that nothing changes in place and
    whose call reads no name bound twice (the value it reads may be another binding's)."""
    bindings: dict[str, int] = {}  # name -> how many module-level statements bind it
    found: list[ContainerBinding] = []

    def bind(name: str) -> None:
        bindings[name] = bindings.get(name, 0) + 1

    def simple(statements, main: cst.If | None) -> None:
        before: list[cst.Assign] = []
        for statement in statements:
            if not isinstance(statement, cst.SimpleStatementLine):
                for name in _bound_names(statement):
                    bind(name)
                continue
            for small in statement.body:
                if isinstance(small, cst.Assign):
                    targets = [t.target for t in small.targets]
                    if len(targets) == 1 and isinstance(targets[0], cst.Name) and targets[0].value not in bindings \
                            and _container_call(small.value):
                        found.append(ContainerBinding(targets[0].value, targets[0], small.value, main, tuple(before)))
                    before.append(small)
                for name in _bound_names(small):
                    bind(name)

    for statement in module.body:
        if isinstance(statement, cst.If) and is_main_guard(statement.test) and statement.orelse is None \
                and isinstance(statement.body, cst.IndentedBlock):
            simple(statement.body.body, statement)
        else:
            simple([statement], None)
    changed = _changed_in_place(tree)
    return [b for b in found if b.name not in changed
            and not any(bindings.get(name, 0) > 1 or name in changed for name in names_read(b.value))]


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
                names |= _target_names(target.target)
        elif isinstance(child, (cst.AnnAssign, cst.AugAssign)):
            names |= _target_names(child.target)
        elif isinstance(child, (cst.For, cst.CompFor)):
            names |= _target_names(child.target)
        elif isinstance(child, cst.NamedExpr):
            names |= _target_names(child.target)
        elif isinstance(child, cst.AsName):
            names |= _target_names(child.name)
        elif isinstance(child, cst.Import):
            names |= {a.name.value.partition(".")[0] if isinstance(a.name, cst.Name) else
                      cst.Module([]).code_for_node(a.name).partition(".")[0]
                      for a in child.names if a.asname is None}
        elif isinstance(child, cst.ImportFrom) and not isinstance(child.names, cst.ImportStar):
            names |= {a.name.value for a in child.names if a.asname is None and isinstance(a.name, cst.Name)}
    return names


def _target_names(target: cst.CSTNode) -> set[str]:
    if isinstance(target, cst.Name):
        return {target.value}
    if isinstance(target, (cst.Tuple, cst.List)):
        return {name for element in target.elements for name in _target_names(element.value)}
    if isinstance(target, cst.StarredElement):
        return _target_names(target.value)
    return set()


def names_read(node: cst.CSTNode) -> set[str]:
    """The names an expression reads (not an attribute's nor a keyword's name)."""
    nodes = list(walk_statements(node))
    spelled = {id(child.attr) for child in nodes if isinstance(child, cst.Attribute)} | \
        {id(child.keyword) for child in nodes if isinstance(child, cst.Arg) and child.keyword is not None}
    return {child.value for child in nodes if isinstance(child, cst.Name) and id(child) not in spelled}


def _changed_in_place(tree: ast.Module | None) -> set[str]:
    """Names the file changes in place anywhere (`layers.append(...)`, `model.fc = ...`,
    `model[0] = ...`, `layers += [...]`, `setattr(model, ...)`); all names where it cannot be read."""
    if tree is None:
        return _EVERY_NAME
    changed: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in MUTATORS and isinstance(func.value, ast.Name):
                changed.add(func.value.id)
            elif isinstance(func, ast.Name) and func.id in ("setattr", "delattr") and node.args \
                    and isinstance(node.args[0], ast.Name):
                changed.add(node.args[0].id)
        targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else \
            [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
        for target in targets:
            if isinstance(target, (ast.Attribute, ast.Subscript)) and isinstance(target.value, ast.Name):
                changed.add(target.value.id)
            elif isinstance(node, ast.AugAssign) and isinstance(target, ast.Name):
                changed.add(target.id)
    return changed


class _EveryName(frozenset):
    def __contains__(self, name: object) -> bool:
        return True


_EVERY_NAME = _EveryName()
