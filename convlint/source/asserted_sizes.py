"""Source stage: the input sizes a model's forward() asserts before anything else touches its
input (`assert x.size(2) == 96 and x.size(3) == 96`, `_, _, d = x.shape; assert d ==
self.input_dim`). Torch stops at such an assert for any other size, so on any input the model
runs on, those dims are these. Only asserts at the top level of forward(), before the input
name is bound again, with `==` between a size of the input and an int literal or a `self.`
attribute (an item of one: `self.size[0]`, or a name forward bound to it); or between a slice
of its shape (`x.shape[-2:]`, `x.size()[2:]`) and a tuple of those or a `self.` attribute holding
one (`assert x.size()[-2:] == self.size`), a starred `self.` attribute ending the tuple
(`(3, *self.image_size)`). A guard that only raises (`if x.ndim != 4 or tuple(x.shape[1:]) != (3, 66,
200): raise ValueError(...)`) states as much: after it, each `!=` of its `or` is an `==`. Nothing is
imported or run."""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from convlint.source.parse import dotted_name


@dataclass(slots=True)
class AssertedSizes:
    """What forward() states of its input: its rank where it unpacks its shape, and per dim the
    value asserted (an int, the name of a `self.` attribute read on the built model, or such a
    name and the item of it); and the shape slices equal to a whole `self.` attribute (start,
    stop, name), its length known only on the built model."""

    rank: int | None = None
    pinned: dict[int, int | str | tuple[str, int]] = field(default_factory=dict)
    sliced: list[tuple[int, int | None, str]] = field(default_factory=list)
    node: cst.CSTNode | None = None  # the first assert that pins a dim


def asserted_sizes(forward: cst.FunctionDef) -> AssertedSizes | None:
    """What a forward(self, x, ...) asserts of x, or None when it pins no dim."""
    if len(forward.params.params) < 2:
        return None
    name = forward.params.params[1].name.value
    found = AssertedSizes()
    size_names: dict[str, int] = {}  # `_, _, d = x.shape`: d is the size of dim 2
    stated_names: dict[str, int | str | tuple[str, int]] = {}  # `h, w = self.size`: h is self.size[0]
    for statement in forward.body.body:
        if isinstance(statement, cst.If) and _only_raises(statement):
            _read_refusal(statement.test, name, size_names, found, statement, stated_names)
            continue
        if not isinstance(statement, cst.SimpleStatementLine):
            break  # a branch or a loop: what follows may see another tensor
        for small in statement.body:
            if isinstance(small, cst.Assign):
                if any(name in _bound(t.target) for t in small.targets):
                    return found if found.pinned or found.sliced else None
                _read_unpacking(small, name, size_names, found)
                _read_stated_names(small, stated_names)
            elif isinstance(small, cst.Assert):
                _read_test(small.test, name, size_names, found, small, stated_names)
            elif isinstance(small, cst.Expr) and isinstance(small.value, cst.Call) \
                    and dotted_name(small.value.func) in ("torch._assert", "_assert") and small.value.args:
                _read_test(small.value.args[0].value, name, size_names, found, small, stated_names)
    return found if found.pinned or found.sliced else None


def _only_raises(statement: cst.If) -> bool:
    """`if ...: raise ValueError(...)` with no else: past it, its test was false."""
    if statement.orelse is not None or not isinstance(statement.body, cst.IndentedBlock):
        return False
    lines = statement.body.body
    if not lines or not all(isinstance(line, cst.SimpleStatementLine) for line in lines):
        return False
    smalls = [small for line in lines for small in line.body]
    return isinstance(smalls[-1], cst.Raise) and not any(isinstance(s, (cst.Return, cst.Raise)) for s in smalls[:-1])


def _read_refusal(test: cst.BaseExpression, name: str, size_names: dict[str, int], found: AssertedSizes,
                  statement: cst.CSTNode, stated_names: dict) -> None:
    """The test of a guard that raises: what holds when it is false. Each side of an `or` is
    false; `a != b` false is `a == b`, `not t` false is t. Nothing else is read (`a and b` false
    says neither)."""
    test = _unparenthesized(test)
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.Or):
        _read_refusal(test.left, name, size_names, found, statement, stated_names)
        _read_refusal(test.right, name, size_names, found, statement, stated_names)
    elif isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        _read_test(_unparenthesized(test.expression), name, size_names, found, statement, stated_names)
    elif isinstance(test, cst.Comparison) and len(test.comparisons) == 1 \
            and isinstance(test.comparisons[0].operator, cst.NotEqual):
        equal = test.with_changes(comparisons=[test.comparisons[0].with_changes(operator=cst.Equal())])
        _read_test(equal, name, size_names, found, statement, stated_names)


def _read_stated_names(assign: cst.Assign, stated_names: dict) -> None:
    """`h, w = self.size`, `h = self.height`, `h = 96` in forward: names of stated sizes. A name
    bound otherwise is forgotten."""
    for target in assign.targets:
        for bound in _bound(target.target):
            stated_names.pop(bound, None)
    if len(assign.targets) != 1:
        return
    target = assign.targets[0].target
    if isinstance(target, cst.Name) and (stated := _stated(assign.value, {})) is not None:
        stated_names[target.value] = stated
    elif isinstance(target, (cst.Tuple, cst.List)) and isinstance(stated := _stated(assign.value, {}), str) \
            and not any(isinstance(e, cst.StarredElement) for e in target.elements):
        for index, element in enumerate(target.elements):
            if isinstance(element.value, cst.Name):
                stated_names[element.value.value] = (stated, index)


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
               statement: cst.CSTNode, stated_names: dict) -> None:
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        _read_test(test.left, name, size_names, found, statement, stated_names)
        _read_test(test.right, name, size_names, found, statement, stated_names)
        return
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1 \
            or not isinstance(test.comparisons[0].operator, cst.Equal):
        return
    left, right = test.left, test.comparisons[0].comparator
    for size, value in ((left, right), (right, left)):
        index = _size_index(size, name, size_names)
        stated = _stated(value, stated_names)
        if index is not None and stated is not None:
            found.pinned.setdefault(index, stated)
            found.node = found.node or statement
            return
        if _is_rank_of(size, name) and (rank := _int(value)) is not None:
            found.rank = rank if found.rank is None else found.rank  # (two ranks: no input passes; moot)
            return
        if (bounds := _shape_slice(size, name)) is not None and _read_slice(bounds, value, found, stated_names):
            found.node = found.node or statement
            return


def _read_slice(bounds: tuple[int, int | None, bool], value: cst.BaseExpression, found: AssertedSizes,
                stated_names: dict) -> bool:
    """`x.shape[2:] == (h, w)`: dims 2 and 3 pinned, the rank 4; `x.shape[-2:] == self.size`: the
    last dims, as many as the built model's attribute has items. A torch.Size equals a tuple only
    (never a list), item by item and of the same length."""
    start, stop, listed = bounds
    value = _unparenthesized(value)
    if not listed and isinstance(value, cst.Attribute) and isinstance(value.value, cst.Name) \
            and value.value.value == "self":
        found.sliced.append((start, stop, value.attr.value))
        return True
    if not listed and isinstance(value, cst.Name) and isinstance(stated := stated_names.get(value.value), str):
        found.sliced.append((start, stop, stated))
        return True
    if not isinstance(value, cst.List if listed else cst.Tuple):
        return False  # (a torch.Size, or tuple() of one, equals a tuple only; list() of one a list)
    elements = list(value.elements)
    starred = None  # `(3, *self.image_size)`: the attribute's items end the sizes
    if elements and isinstance(elements[-1], cst.StarredElement) and stop is None and not listed:
        starred = _stated(elements.pop().value, {})
        starred = starred if isinstance(starred, str) else None
        if starred is None or start < 0 and len(elements) > -start:
            return False
    if any(isinstance(e, cst.StarredElement) for e in elements):
        return False
    items = [_stated(e.value, stated_names) for e in elements]
    if starred is not None:
        if any(item is None for item in items):
            return False
        for offset, item in enumerate(items):
            found.pinned.setdefault(start + offset, item)
        found.sliced.append((start + len(items), None, starred))
        return True
    if not items or any(item is None for item in items):
        return False
    if stop is None and start >= 0:
        rank = start + len(items)
        if found.rank is not None and found.rank != rank:
            return False  # (a rank the unpacking states otherwise: the assert fails on every input)
        found.rank = rank
    elif stop is None and start + len(items) != 0 or stop is not None and (
            (start < 0) != (stop < 0) or stop - start != len(items)):
        return False
    for offset, item in enumerate(items):
        found.pinned.setdefault(start + offset, item)
    return True


def _shape_slice(node: cst.BaseExpression, name: str) -> tuple[int, int | None, bool] | None:
    """`x.shape[2:]`, `x.size()[-2:]`, `x.shape[1:3]`, `tuple(x.shape[1:])`, `list(x.shape[1:])`:
    (start, stop, whether a list), stop None to the end."""
    node = _unparenthesized(node)
    listed = False
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value in ("tuple", "list") \
            and len(node.args) == 1 and not node.args[0].keyword and not node.args[0].star:
        listed = node.func.value == "list"
        node = _unparenthesized(node.args[0].value)
    if not isinstance(node, cst.Subscript) or not _is_shape_of(node.value, name) or len(node.slice) != 1 \
            or not isinstance(node.slice[0].slice, cst.Slice):
        return None
    bounds = node.slice[0].slice
    if bounds.step is not None or bounds.lower is None:
        return None
    start = _int(bounds.lower)
    stop = _int(bounds.upper) if bounds.upper is not None else None
    if start is None or (bounds.upper is not None and stop is None):
        return None
    return start, stop, listed


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


def _is_rank_of(node: cst.BaseExpression, name: str) -> bool:
    """`x.ndim`, `x.dim()`, `x.ndimension()`, `len(x.shape)`, `len(x.size())`."""
    node = _unparenthesized(node)
    if isinstance(node, cst.Attribute) and node.attr.value == "ndim":
        return _is_name(node.value, name)
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in (
            "dim", "ndimension") and not node.args:
        return _is_name(node.func.value, name)
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "len" \
        and len(node.args) == 1 and _is_shape_of(node.args[0].value, name)


def _stated(node: cst.BaseExpression, stated_names: dict) -> int | str | tuple[str, int] | None:
    """An int literal, `self.side`, `self.size[0]`, or a name forward bound to one of those."""
    node = _unparenthesized(node)
    if (value := _int(node)) is not None:
        return value
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == "self":
        return node.attr.value
    if isinstance(node, cst.Name):
        return stated_names.get(node.value)
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index) \
            and isinstance(owner := _stated(node.value, {}), str) and (item := _int(node.slice[0].slice.value)) is not None:
        return owner, item
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
