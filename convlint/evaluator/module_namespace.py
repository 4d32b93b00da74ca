"""A module's own namespace as a value: `sys.modules[__name__]`, `globals()`, and the module-level
statements that bind names through it (`setattr(thismodule, f"{dataset}_{model}", partial(...))`
in a loop), found by their syntax. Imports libcst and the evaluator's leaves, no other stage."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import libcst as cst

# What writes a name into the namespace it is called on: `globals().update(...)`, `.setdefault`...
WRITING_METHODS = frozenset({"update", "setdefault", "__setitem__"})


@dataclass(eq=False, slots=True)
class ModuleGlobals:
    """globals() of a module: a dict whose items are the module's names."""

    unit: Any  # the module-level Scope


def is_own_module(node: cst.CSTNode) -> bool:
    """`sys.modules[__name__]` (or `modules[__name__]`): the module running this code, if what is
    indexed is sys.modules (the caller checks)."""
    if not isinstance(node, cst.Subscript) or len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return False
    indexed, key = node.value, node.slice[0].slice.value
    return isinstance(key, cst.Name) and key.value == "__name__" and (
        (isinstance(indexed, cst.Attribute) and indexed.attr.value == "modules")
        or (isinstance(indexed, cst.Name) and indexed.value == "modules"))


def _is_globals_call(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "globals" \
        and not node.args


def bind(unit: Any, name: str, value: Any, node: cst.CSTNode | None) -> None:
    """`name = value` at the module's top level, made at run time: it replaces the definition
    written before it (a typed stub `def cifar10_resnet20(*args, **kwargs) -> CifarResNet: pass`)."""
    unit.lazy.pop(name, None)
    unit.names[name] = value
    unit.namespace_bindings[name] = node


@dataclass(frozen=True, slots=True)
class NamespaceForms:
    """What, in one file, reaches its own namespace: the names bound to `sys.modules[__name__]`
    (`thismodule`), and the module functions whose code writes through it."""

    handles: frozenset[str]
    binders: frozenset[str]

    def writes(self, code: cst.CSTNode) -> bool:
        """The code (not the functions or classes it defines) writes a module name through the
        namespace, or calls a module function that does."""
        for node in _own_code(code):
            if isinstance(node, cst.Call):
                if isinstance(node.func, cst.Name) and node.func.value == "setattr" and node.args \
                        and self._is_namespace(node.args[0].value):
                    return True
                if isinstance(node.func, cst.Attribute) and node.func.attr.value in WRITING_METHODS \
                        and self._is_dict(node.func.value):
                    return True
                if isinstance(node.func, cst.Name) and node.func.value in self.binders:
                    return True
            elif isinstance(node, (cst.AssignTarget, cst.AnnAssign, cst.AugAssign)):
                target = node.target
                if isinstance(target, cst.Subscript) and self._is_dict(target.value):
                    return True
                if isinstance(target, cst.Attribute) and self._is_namespace(target.value):
                    return True
        return False

    def _is_namespace(self, node: cst.CSTNode) -> bool:
        return is_own_module(node) or (isinstance(node, cst.Name) and node.value in self.handles)

    def _is_dict(self, node: cst.CSTNode) -> bool:
        """`globals()`, or `thismodule.__dict__`."""
        return _is_globals_call(node) or (isinstance(node, cst.Attribute) and node.attr.value == "__dict__"
                                          and self._is_namespace(node.value))


def namespace_forms(module: cst.Module, text: str) -> NamespaceForms | None:
    """None for a file whose text names neither `globals` nor `modules[`: most files, not walked."""
    if "globals" not in text and re.search(r"modules\s*\[", text) is None:
        return None
    handles = frozenset(
        target.target.value
        for node in _own_code(module, into_functions=True)
        if isinstance(node, cst.Assign) and is_own_module(node.value)
        for target in node.targets if isinstance(target.target, cst.Name))
    functions = {node.name.value: node for node in module.body if isinstance(node, cst.FunctionDef)}
    binders: set[str] = set()
    while grown := {name for name, node in functions.items()  # a helper calling a helper that binds
                    if name not in binders and NamespaceForms(handles, frozenset(binders)).writes(node.body)}:
        binders |= grown
    return NamespaceForms(handles, frozenset(binders))


def _own_code(code: cst.CSTNode, into_functions: bool = False):
    """The nodes of `code`, not those of the classes, functions and lambdas it defines (run later,
    if ever), unless asked."""
    stack = [code]
    while stack:
        node = stack.pop()
        yield node
        if not into_functions and node is not code and isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            continue
        stack.extend(node.children)
