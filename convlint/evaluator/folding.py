"""The operator module's arithmetic functions and functools.reduce over known values.

`reduce(operator.__add__, [(k // 2, k // 2) for k in kernel[::-1]])` is how "same" padding is
often written for a ZeroPad2d (the torcheeg sleep nets): a fold of `+` over a known list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from convlint.values import Unknown

if TYPE_CHECKING:
    import libcst as cst

    from convlint.evaluator.interpreter import Interpreter

MAX_FOLDED_ITEMS = 10_000

# operator.add and operator.__add__ are one function; each is the binary operator of that name
_BINARY = {"add": "Add", "concat": "Add", "iadd": "Add", "iconcat": "Add", "sub": "Subtract", "isub": "Subtract",
           "mul": "Multiply", "imul": "Multiply", "truediv": "Divide", "itruediv": "Divide",
           "floordiv": "FloorDivide", "ifloordiv": "FloorDivide", "mod": "Modulo", "imod": "Modulo",
           "pow": "Power", "ipow": "Power", "lshift": "LeftShift", "rshift": "RightShift",
           "and_": "BitAnd", "or_": "BitOr", "xor": "BitXor", "iand": "BitAnd", "ior": "BitOr", "ixor": "BitXor",
           "matmul": "MatrixMultiply", "imatmul": "MatrixMultiply"}
_IN_PLACE = frozenset(name for name in _BINARY if name.startswith("i"))  # iadd, imul, ...


def operator_binary(qualified: str) -> tuple[str, bool] | None:
    """`operator.__add__` -> ("Add", False), `operator.iadd` -> ("Add", True); None for any other name."""
    module, _, name = qualified.rpartition(".")
    if module != "operator":
        return None
    name = name.removeprefix("__").removesuffix("__") if name.startswith("__") else name
    if name in ("and", "or"):
        name += "_"
    if name not in _BINARY:
        return None
    return _BINARY[name], name in _IN_PLACE


def call_operator(interp: "Interpreter", qualified: str, args: list, kwargs: dict, node: "cst.CSTNode") -> Any:
    operation, in_place = operator_binary(qualified)
    if len(args) != 2 or kwargs:
        return Unknown(f"{qualified} of arguments it does not take")
    return interp.binary(operation, args[0], args[1], node, in_place=in_place)


def reduce(interp: "Interpreter", args: list, kwargs: dict, node: "cst.CSTNode") -> Any:
    """functools.reduce(function, items[, initial]): the function called on the running value and
    each item in turn, as Python does; items not known statically give an unknown."""
    if kwargs or not 2 <= len(args) <= 3:
        return Unknown("functools.reduce of arguments not understood")
    function, sequence = args[0], args[1]
    items = interp.iterate(sequence)
    if items is None:
        why = sequence.why if isinstance(sequence, Unknown) else "values not known statically"
        return Unknown(f"functools.reduce over {why}")
    if len(items) > MAX_FOLDED_ITEMS:
        return Unknown("functools.reduce over too many items")
    if len(args) == 3:
        total = args[2]
    elif items:
        total, items = items[0], items[1:]
    else:
        return Unknown("functools.reduce of an empty sequence with no initial value: Python raises a TypeError")
    for item in items:
        total = interp.call(function, [total, item], {}, node)
    return total
