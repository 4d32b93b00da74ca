"""A layer width written as arithmetic on names (`self.D * G`), kept as a small tree so a finding can
ask what the width would have been with one name written in place of another.

A configuration the code names but does not build by default (`RDNconfig='A'` beside 'B') may
fail at a width like `self.D * G` where the model gives `self.D * G0`: at the default the two
names hold the same number, so the default run cannot tell them apart. The tree is plain tuples
(ints, names, operators): evaluating it needs no parser and runs no user code.
"""

from __future__ import annotations

import libcst as cst

_OPERATORS = {cst.Add: "+", cst.Subtract: "-", cst.Multiply: "*", cst.FloorDivide: "//"}


MAX_EXPONENT = 8


def form_of(node: cst.BaseExpression, powers: bool = False):
    """The tree of an expression made of ints, names, `self.X` and + - * //; None for anything else
    (a call, a subscript: what it gives is not a number to recompute). With `powers`, a name to a
    small int power too (`3 * scale ** 2`, a sub-pixel conv's width)."""
    if isinstance(node, cst.Integer):
        return ("int", int(node.evaluated_value))
    if isinstance(node, cst.Name):
        return ("name", node.value)
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == "self":
        return ("name", f"self.{node.attr.value}")
    if powers and isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Power) \
            and isinstance(node.right, cst.Integer) and 0 <= int(node.right.evaluated_value) <= MAX_EXPONENT:
        base = form_of(node.left, powers)
        return None if base is None else ("**", base, ("int", int(node.right.evaluated_value)))
    if isinstance(node, cst.BinaryOperation) and type(node.operator) in _OPERATORS:
        left, right = form_of(node.left, powers), form_of(node.right, powers)
        if left is None or right is None:
            return None
        return (_OPERATORS[type(node.operator)], left, right)
    return None


def bare_names(form) -> list[str]:
    """The plain names (`G`, not `self.D`) a tree reads, in order, once each."""
    if form[0] == "name":
        return [] if "." in form[1] else [form[1]]
    if form[0] == "int":
        return []
    return list(dict.fromkeys([*bare_names(form[1]), *bare_names(form[2])]))


def evaluate(form, values: dict[str, int]) -> int | None:
    """The tree's value with these names' values; None where a name has none (or // by 0)."""
    kind = form[0]
    if kind == "int":
        return form[1]
    if kind == "name":
        return values.get(form[1])
    left, right = evaluate(form[1], values), evaluate(form[2], values)
    if left is None or right is None:
        return None
    if kind == "+":
        return left + right
    if kind == "-":
        return left - right
    if kind == "*":
        return left * right
    if kind == "**":
        return left ** right
    return left // right if right else None


def squared_names(form) -> list[str]:
    """The names a tree squares (`scale ** 2`, `r * r`): the factor a sub-pixel conv is sized for."""
    if form[0] in ("int", "name"):
        return []
    found = [*squared_names(form[1]), *squared_names(form[2])]
    if form[0] == "**" and form[1][0] == "name" and form[2] == ("int", 2) \
            or form[0] == "*" and form[1][0] == "name" and form[1] == form[2]:
        found.append(form[1][1])
    return list(dict.fromkeys(found))


def names_mistaken(form, values: dict[str, int], wanted: int, default_values: dict[str, int]) -> list[tuple[str, str]]:
    """(name written, name that fits) for each plain name of the width whose replacement by another
    plain name of the same scope gives `wanted`, where the two held the same number in the default
    configuration (`default_values`) and differ in this one: the width fits this configuration
    with the other name, and the default could not tell the two apart."""
    if evaluate(form, values) in (None, wanted):
        return []
    out = []
    for written in bare_names(form):
        if written not in values or default_values.get(written) is None:
            continue
        for other, value in values.items():
            if other == written or "." in other or value == values[written] \
                    or default_values.get(other) != default_values[written]:
                continue
            if evaluate(form, {**values, written: value}) == wanted:
                out.append((written, other))
    return out


def _names_read(node: cst.BaseExpression) -> set[str]:
    """The names (`hidden`, `self.hidden`) an expression of ints, names and operators reads."""
    if isinstance(node, cst.Name):
        return {node.value}
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == "self":
        return {f"self.{node.attr.value}"}
    if isinstance(node, cst.BinaryOperation):
        return _names_read(node.left) | _names_read(node.right)
    return set()


def stepped_width(out_count: cst.BaseExpression | None) -> bool:
    """Whether a layer's out count is written as a deliberate step of a name: divided by a number
    (`hidden // 2`, `int(hidden / 2)`, `hidden >> 1`: no slip of one token writes that). A multiple
    (`Conv1d(ch, ch * 2)`) is no such step: `* 2` is as often the slip (a WaveNet's skip conv amid
    layers of `ch`) as a stage widening what it takes, and the vote tells them apart."""
    node = out_count
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "int" \
            and len(node.args) == 1 and node.args[0].keyword is None and not node.args[0].star:
        node = node.args[0].value
    if not isinstance(node, cst.BinaryOperation):
        return False
    if isinstance(node.operator, (cst.FloorDivide, cst.Divide, cst.RightShift)):
        return isinstance(node.right, cst.Integer) and bool(_names_read(node.left))
    return False
