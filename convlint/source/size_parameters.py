"""Source stage: a constructor parameter (or module constant) that is plainly the input size,
because the code uses it so: its name says image/input size and it feeds the count of a
Linear's in_features (`self.fc = nn.Linear(64 * (img_size // 4) ** 2, 10)`, also through a
local of __init__ such as `ds = img_size // 16`). A name alone is never enough, nor a use in a
Linear's out_features (a decoder's). Nothing is imported or run."""

from __future__ import annotations

import re

import libcst as cst

from convlint.source.parse import dotted_name

SIZE_NAME = re.compile(r"^(img|image|input|in|crop|patch_?)?_?(size|res|resolution|dim|hw|shape)$|"
                       r"^(img|image)(_?(size|res|resolution|dim|height|width|h|w))?$|^resolution$", re.IGNORECASE)
GENERIC = frozenset({"size", "dim", "res", "shape", "in_dim", "input_dim", "in_size"})  # too often not an image side


def size_parameters(cls: cst.ClassDef, module: cst.Module) -> list[str]:
    """Names (parameters of __init__, or module constants) used as the input's side in a Linear."""
    init = next((s for s in _body(cls) if isinstance(s, cst.FunctionDef) and s.name.value == "__init__"), None)
    candidates: set[str] = set()
    if init is not None:
        params = (*init.params.params, *init.params.kwonly_params)
        candidates |= {p.name.value for p in params if p.default is not None and _size_name(p.name.value)}
    candidates |= {name for name in _module_constants(module) if _size_name(name)}
    if not candidates or init is None:
        return []
    derived = _derived(init, candidates)
    used: set[str] = set()
    for node in _walk(init):
        if isinstance(node, cst.Call) and dotted_name(node.func).rsplit(".", 1)[-1] == "Linear" and node.args:
            first = node.args[0] if node.args[0].keyword is None else \
                next((a for a in node.args if a.keyword is not None and a.keyword.value == "in_features"), None)
            if first is None:
                continue
            for name in _names(first.value):
                used |= derived.get(name, set())
    return sorted(used)


def _size_name(name: str) -> bool:
    return bool(SIZE_NAME.match(name)) and name.lower() not in GENERIC


def _derived(init: cst.FunctionDef, sources: set[str]) -> dict[str, set[str]]:
    """Each name of __init__, and which size names its value comes from (`ds = img_size // 16`)."""
    derived = {name: {name} for name in sources}
    for node in _walk(init):
        if isinstance(node, cst.Assign) and len(node.targets) == 1:
            target = node.targets[0].target
            key = target.value if isinstance(target, cst.Name) else \
                target.attr.value if isinstance(target, cst.Attribute) else None
            if key is None:
                continue
            found: set[str] = set()
            for name in _names(node.value):
                found |= derived.get(name, set())
            if found:
                derived[key] = derived.get(key, set()) | found
    return derived


def _names(node: cst.CSTNode) -> set[str]:
    """Names read in an expression: `img_size` and `self.img_size` both as `img_size`."""
    out: set[str] = set()
    for child in _walk(node):
        if isinstance(child, cst.Name):
            out.add(child.value)
        elif isinstance(child, cst.Attribute) and isinstance(child.value, cst.Name) and child.value.value == "self":
            out.add(child.attr.value)
    return out


def _module_constants(module: cst.Module) -> set[str]:
    out = set()
    for statement in module.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Assign) and len(small.targets) == 1 \
                        and isinstance(small.targets[0].target, cst.Name) and isinstance(small.value, cst.Integer):
                    out.add(small.targets[0].target.value)
    return out


def _body(cls: cst.ClassDef) -> list:
    return list(cls.body.body) if isinstance(cls.body, cst.IndentedBlock) else []


def _walk(node: cst.CSTNode):
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))
