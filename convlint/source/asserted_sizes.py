"""Source stage: the input sizes a model's forward() asserts before anything else touches its
input (`assert x.size(2) == 96 and x.size(3) == 96`, `_, _, d = x.shape; assert d ==
self.input_dim`). Torch stops at such an assert for any other size, so on any input the model
runs on, those dims are these. Only asserts at the top level of forward(), before the input
name is bound again, with `==` between a size of the input and an int literal or a `self.`
attribute; nothing is imported or run."""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from convlint.source.parse import dotted_name


@dataclass(slots=True)
class AssertedSizes:
    """What forward() states of its input: its rank where it unpacks its shape, and per dim the
    value asserted (an int, or the name of a `self.` attribute read on the built model)."""

    rank: int | None = None
    pinned: dict[int, int | str] = field(default_factory=dict)
    node: cst.CSTNode | None = None  # the first assert that pins a dim


def asserted_sizes(forward: cst.FunctionDef) -> AssertedSizes | None:
    """What a forward(self, x, ...) asserts of x, or None when it pins no dim."""
    if len(forward.params.params) < 2:
        return None
    name = forward.params.params[1].name.value
    found = AssertedSizes()
    size_names: dict[str, int] = {}  # `_, _, d = x.shape`: d is the size of dim 2
    for statement in forward.body.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            break  # a branch or a loop: what follows may see another tensor
        for small in statement.body:
            if isinstance(small, cst.Assign):
                if any(name in _bound(t.target) for t in small.targets):
                    return found if found.pinned else None
                _read_unpacking(small, name, size_names, found)
            elif isinstance(small, cst.Assert):
                _read_test(small.test, name, size_names, found, small)
            elif isinstance(small, cst.Expr) and isinstance(small.value, cst.Call) \
                    and dotted_name(small.value.func) in ("torch._assert", "_assert") and small.value.args:
                _read_test(small.value.args[0].value, name, size_names, found, small)
    return found if found.pinned else None


def _read_unpacking(assign: cst.Assign, name: str, size_names: dict[str, int], found: AssertedSizes) -> None:
    if len(assign.targets) != 1:
        return
    target = assign.targets[0].target
    if isinstance(target, (cst.Tuple, cst.List)) and _is_shape_of(assign.value, name):
        elements = target.elements
        if any(isinstance(e, cst.StarredElement) for e in elements):
            return
        found.rank = len(elements)
        for index, element in enumerate(elements):
            if isinstance(element.value, cst.Name) and element.value.value != "_":
                size_names[element.value.value] = index
    elif isinstance(target, cst.Name) and (index := _size_index(assign.value, name, {})) is not None:
        size_names[target.value] = index


def _read_test(test: cst.BaseExpression, name: str, size_names: dict[str, int], found: AssertedSizes,
               statement: cst.CSTNode) -> None:
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        _read_test(test.left, name, size_names, found, statement)
        _read_test(test.right, name, size_names, found, statement)
        return
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1 \
            or not isinstance(test.comparisons[0].operator, cst.Equal):
        return
    left, right = test.left, test.comparisons[0].comparator
    for size, value in ((left, right), (right, left)):
        index = _size_index(size, name, size_names)
        stated = _stated(value)
        if index is not None and stated is not None:
            found.pinned.setdefault(index, stated)
            found.node = found.node or statement
            return


def _size_index(node: cst.BaseExpression, name: str, size_names: dict[str, int]) -> int | None:
    """`x.size(2)`, `x.shape[2]`, `x.size()[2]`, or a name bound to one: 2."""
    node = _unparenthesized(node)
    if isinstance(node, cst.Name):
        return size_names.get(node.value)
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "size" \
            and _is_name(node.func.value, name) and len(node.args) == 1:
        return _int(node.args[0].value)
    if isinstance(node, cst.Subscript) and _is_shape_of(node.value, name) and len(node.slice) == 1 \
            and isinstance(node.slice[0].slice, cst.Index):
        return _int(node.slice[0].slice.value)
    return None


def _stated(node: cst.BaseExpression) -> int | str | None:
    node = _unparenthesized(node)
    if (value := _int(node)) is not None:
        return value
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == "self":
        return node.attr.value
    return None


def _is_shape_of(node: cst.BaseExpression, name: str) -> bool:
    node = _unparenthesized(node)
    if isinstance(node, cst.Attribute) and node.attr.value == "shape":
        return _is_name(node.value, name)
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "size" \
        and not node.args and _is_name(node.func.value, name)


def _is_name(node: cst.BaseExpression, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name


def _int(node: cst.BaseExpression) -> int | None:
    node = _unparenthesized(node)
    if isinstance(node, cst.Integer):
        return int(node.evaluated_value)
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus) \
            and isinstance(node.expression, cst.Integer):
        return -int(node.expression.evaluated_value)
    return None


def _unparenthesized(node: cst.BaseExpression) -> cst.BaseExpression:
    return node.with_changes(lpar=(), rpar=()) if getattr(node, "lpar", None) else node


def _bound(target: cst.BaseExpression) -> set[str]:
    if isinstance(target, cst.Name):
        return {target.value}
    if isinstance(target, (cst.Tuple, cst.List)):
        return set().union(*(_bound(e.value) for e in target.elements)) if target.elements else set()
    return set()
