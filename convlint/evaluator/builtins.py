"""Python builtins over known values; anything else gives Unknown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from convlint import symbolic
from convlint.evaluator import known_tensors
from convlint.evaluator.known_tensors import KnownTensor
from convlint.evaluator.module_namespace import ModuleGlobals
from convlint.evaluator.module_parameters import Generated
from convlint.evaluator.objects import (MISSING, BoundMethod, Builtin, Instance, LocalClass, LocalFunction, LocalLambda,
                                        FloatMultiple, Logarithm, MethodOf, NamedRecord, NumpyScalar, Partial, Quotient, SuperProxy,
                                        TorchRef, UncountedRange, UnknownNumber)
from convlint.evaluator.torch_api import canonical_name, is_torch_layer_class, layer_spec
from convlint.model import ModuleNode, Tensor
from convlint.values import Residue, Sym, Unknown, dim_add, dim_floordiv, hashable, is_known

if TYPE_CHECKING:
    import libcst as cst

    from convlint.evaluator.interpreter import Interpreter

_TYPES = {"int": int, "float": float, "str": str, "list": list, "tuple": tuple, "dict": dict, "bool": bool}
_TYPE_NAMES = {kind: name for name, kind in _TYPES.items()}


# builtins that make a number of any number: of one not known statically, a number not known
_TO_NUMBER = frozenset({"float", "int", "abs", "round"})


def call_builtin(interp: "Interpreter", name: str, args: list, kwargs: dict, node: "cst.CSTNode") -> Any:
    if name in _TO_NUMBER and len(args) == 1 and not kwargs and (
            isinstance(args[0], UnknownNumber) and not (name == "int" and isinstance(args[0], (Quotient, FloatMultiple, Logarithm)))
            or isinstance(args[0], Sym) and name in ("abs", "round")):
        return UnknownNumber(f"{name}() of a number not known statically")
    if name in ("float", "int") and args and isinstance(args[0], Unknown) and not kwargs \
            and not (name == "int" and isinstance(args[0], (Quotient, FloatMultiple, Logarithm, NumpyScalar))):
        # float() and int() give a number or raise, whatever they are given (`x / float(scale)`)
        return UnknownNumber(f"{name}() of a value not known statically")
    if name == "range" and len(args) == 1 and not kwargs and _an_input_side(args[0]):
        return UncountedRange("range() of a size of the input", steps=args[0])
    if any(isinstance(a, Unknown) and not (name == "int" and isinstance(a, (Quotient, FloatMultiple, Logarithm, NumpyScalar)))
           for a in args) \
            and name not in ("print", "isinstance", "len", "getattr", "setattr", "hasattr", "list", "tuple"):
        return Unknown(f"{name}() of an unknown")
    handler = _HANDLERS.get(name)
    interp.current_node = node
    if handler is None:
        interp.unresolved(node, f"{name}() is not evaluated: its result is unknown")
        return Unknown(f"{name}() is not evaluated")
    try:
        return handler(interp, args, kwargs)
    except (TypeError, ValueError, OverflowError, ZeroDivisionError, IndexError, KeyError, RecursionError):
        return Unknown(f"{name}() of these values")


def _int(interp, args, kwargs):
    if not args:
        return 0
    value = args[0]
    if isinstance(value, Sym):  # a constructor argument's may be a float: int(64 * alpha) is not 64 * alpha
        if symbolic.of_input(value) or _of_int_argument(interp, value) or _a_floor(value) or isinstance(value, Residue):
            return value
        if symbolic.piece_of_a_string(value) and len(args) == 1:
            return value  # int("2") of `name.split("-")[2]`: a whole number, or int() raises
        if value.opaque and value.factors and not value.offset and all(
                isinstance(f, int) or isinstance(f, Sym) and (symbolic.of_input(f) or _a_floor(f))
                for f in value.factors):
            return value  # a product of whole sizes (np.prod of a probe's torch.Size): a whole number
        return UnknownNumber("int() of an argument not given")
    if isinstance(value, (int, float, str)) and len(args) == 1:
        return int(value)
    if isinstance(value, Quotient) and len(args) == 1:
        # int() truncates where the floor rounds down: they differ only below 0, where the floor's
        # values (one more, -1 for int()'s 0) are a superset a proof over every value also covers
        return dim_floordiv(value.numerator, value.denominator)
    if isinstance(value, KnownTensor) and len(args) == 1:
        return known_tensors.to_int(value)
    if isinstance(value, FloatMultiple) and len(args) == 1:
        return symbolic.truncated_multiple(value.factor, value.size)  # int(0.2 * planes): a width of its own
    if isinstance(value, Logarithm) and len(args) == 1:
        # floor(log2(scale)): a count of its own (minus 2 for log2(scale / 4))
        return dim_add(symbolic.logarithm_symbol(value.argument, value.base), value.offset)
    if isinstance(value, NumpyScalar) and len(args) == 1:
        return value.value  # int(np.ceil(n)): n, whichever numpy's type it was
    return UnknownNumber("int() of a value not known statically")  # an int, or int() raises


def int_of(interp, value) -> Any:
    """What int(value) gives: the value itself where it is a whole number already."""
    return _int(interp, [value], {})


def _a_floor(value: Sym) -> bool:
    """A floor (`math.floor(planes / scale)`, `planes // 4`) is a whole number already: int()
    keeps it."""
    return not value.opaque and value.divisor > 1


def _of_int_argument(interp, value: Sym) -> bool:
    """Arithmetic on an argument a layer took as a count (an int): int() keeps it as it is."""
    return symbolic.symbol_of(value) in interp.int_arguments


def _holds_children(module: ModuleNode) -> bool:
    """A Sequential, ModuleList or ModuleDict (a local class deriving from one too): torch's len()
    counts its children."""
    kind = module.attrs.get("__container__") or (module.record.type if module.record is not None else None)
    return kind in ("Sequential", "ModuleList", "ModuleDict")


def _len(interp, args, kwargs):
    value = args[0]
    if isinstance(value, range) and value[:2**62] != value:
        return Unknown("len() of a range too long to count")  # len() raises OverflowError past 2**63
    if isinstance(value, (list, tuple, str, dict, range, set, frozenset)):
        return len(value)
    if isinstance(value, KnownTensor):
        return value.shape[0] if value.shape else Unknown("len() of a 0-d tensor")
    if isinstance(value, ModuleNode):
        members = value.members if value.incomplete else ()
        if members and [name for name in members if name in value.children] == list(value.children):
            return len(members)  # (modules not known, or one of several, among them: counted too)
        if value.incomplete and _holds_children(value):
            # a container changed in a way not followed (a module not known added, one set on one
            # path of a condition): the children it is known to hold are not all it holds
            return Unknown("len() of a container whose modules are not all known")
        return len(value.children)
    if isinstance(value, Tensor) and value.shape.dims:
        return value.shape.dims[0]
    if isinstance(value, Tensor) and value.shape.dims is None and not value.placeholder:
        return UnknownNumber("len() of a tensor of unknown shape")  # an int, or len() raises
    if symbolic.argument_object(value):
        # `for i in range(len(num_channels))` (a TCN's channel list nothing gives): a count of its
        # own, tried as `for c in num_channels` is (a list of that many symbols)
        return symbolic.length_symbol(value.base)
    from convlint.evaluator.tensor_ops import InputSizes

    if isinstance(value, InputSizes) and interp.analysis is not None:
        interp.analysis.unsettled_reads = interp.analysis.rank_read = True  # `len(x.shape)` before a layer
    return Unknown("len() of an unknown")


def _range(interp, args, kwargs):
    if not all(is_known(a) for a in args):
        iterations = _iterations(args)
        for arg in args if iterations is None else (iterations,):
            count_of_an_argument(interp, arg)
        count = args[0] if len(args) == 1 else iterations
        return UncountedRange("range() of unknowns", steps=count if _surely_positive(count) else None)
    return range(*args)


def _an_input_side(count: object) -> bool:
    """`x.size(1)` of the input before a layer set its rank (`for t in range(x.size(1))` over a
    clip's frames): a size of a dim after the batch, at least 1 as every size of a symbolic input."""
    from convlint.evaluator.tensor_ops import InputDims

    return isinstance(count, InputDims) and len(count.indices) == 1 and count.indices[0] != 0


def _surely_positive(count: object) -> bool:
    """A count of at least 1 for every size: `T`, `2*n`, `n+1` of a symbol (sizes and counts
    are positive); `n-1` or a nested floor may be 0, and a loop over it may not run."""
    return isinstance(count, Sym) and isinstance(count.base, str) and not count.opaque and count.scale > 0 \
        and count.offset >= 0 and count.divisor == 1


def _iterations(args: tuple) -> Sym | None:
    """How many times `range(start, stop, step)` runs, with start and step known and stop made of
    an argument (`range(1, n)`: n - 1, as `range(n - 1)`; `range(0, n, 2)`: (n + 1)/2), so
    that the count tried for it makes the loop run, not the argument's value; None otherwise."""
    if len(args) not in (2, 3):
        return None
    start, stop, step = args[0], args[1], args[2] if len(args) == 3 else 1
    if not (isinstance(start, int) and isinstance(step, int) and step > 0 and isinstance(stop, Sym)
            and isinstance(stop.base, str) and not stop.opaque and stop.divisor == 1):
        return None
    return Sym(stop.base, stop.scale, stop.offset - start + step - 1, step)


def count_of_an_argument(interp, count: object) -> None:
    """`range(n_block)`, `range(num_downs - 5)`, `range((depth - 2) // 6)`, `[1] * (n - 1)`: a count
    of an argument nothing supplies, for the model to be built again with it counting 1, 2, ..."""
    if isinstance(count, Sym) and isinstance(count.base, str) and not count.opaque and count.scale > 0 \
            and count.divisor > 0 and count.base not in symbolic.INPUT_SYMBOLS:
        interp.loop_counts.add((count.base, count))


def scale_of_an_argument(interp, scale: object) -> None:
    """nn.Upsample(scale_factor=scale) / F.interpolate(..., scale_factor=scale), scale an argument
    nothing supplies (a pre-upsampling super-resolution net's `scale_factor`): the sides it gives
    are not followed, so the model is built again with the scale 2, 3, ... as a loop's count is;
    what fails for every one of them (an unpadded last conv before `+ x`) is reported."""
    if isinstance(scale, (tuple, list)) and len(set(map(str, scale))) == 1:
        scale = scale[0]  # (s, s): one argument for every side
    if isinstance(scale, Sym) and not scale.opaque:
        _counted_from_two(interp, scale)


def factor_of_an_argument(interp, factor: object, node, label: str) -> None:
    """PixelShuffle(scale), scale an argument nothing supplies: the channels it divides by
    scale**2 are a product of two symbols (`n_feats*scale*scale`), so its output is not followed;
    the model is built again with the factor 2, 3, ... as a loop's count is (from 2: a factor of 1
    shuffles nothing, and the width before it is the one that would be written for no upsampling)."""
    if not isinstance(factor, Sym):
        return
    interp.unresolved(node, f"{label}: its factor {factor} is not known, nor its output")
    if not factor.opaque:
        _counted_from_two(interp, factor)


def _counted_from_two(interp, factor: Sym) -> None:
    """A factor of an argument tried as a count from 2 (count k: the factor k + 1): a factor of 1
    scales nothing."""
    count_of_an_argument(interp, Sym(factor.base, factor.scale, factor.offset - factor.divisor, factor.divisor))


def _sequence(kind):
    def build(interp, args, kwargs):
        if not args:
            return kind()
        items = interp.iterate(args[0])
        return Unknown(f"{kind.__name__}() of an unknown") if items is None else kind(items)

    return build


def _set(kind):
    def build(interp, args, kwargs):
        items = interp.iterate(args[0]) if args else []
        if items is None or kwargs or not all(hashable(i) for i in items):
            return Unknown(f"{kind.__name__}() of an unknown")
        return kind(items)

    return build


def _dict(interp, args, kwargs):
    out = {}
    if args:
        if isinstance(args[0], dict):
            out.update(args[0])
        else:
            items = interp.iterate(args[0])
            if items is None or not all(isinstance(p, (list, tuple)) and len(p) == 2 and hashable(p[0]) for p in items):
                return Unknown("dict() of an unknown")  # (or of a key not known: two such are not one entry)
            out.update(dict(items))
    out.update(kwargs)
    return out


def _numbers(function):
    def run(interp, args, kwargs):
        items = interp.iterate(args[0]) if len(args) == 1 else list(args)
        if items and not kwargs and all(isinstance(i, Sym) and i == items[0] for i in items):
            return items[0]  # `min(a.shape[-1], b.shape[-1])` of one symbolic length: that length
        if function is max and items is not None and (lifted := lifted_width(items)) is not None:
            return lifted
        if items is None or not all(isinstance(i, (int, float)) for i in items):
            return Unknown(f"{function.__name__}() of unknowns")
        return function(items)

    return run


def lifted_width(items: list) -> Sym | None:
    """`max(in_channels // 2, 1)` of a width of constructor arguments and an int k >= 1: a width
    of its own, any whole number >= k, taken as an argument apart from those it is made of (as
    `if inter == 0: inter = 1` is), so that a mismatch proved for every value of it holds; None
    for anything else."""
    if len(items) != 2 or not any(isinstance(i, Sym) for i in items):
        return None
    width, floor = items if isinstance(items[0], Sym) else items[::-1]
    if not isinstance(floor, int) or isinstance(floor, bool) or floor < 1 or "*" in str(width) \
            or not (symbolic.is_width(width) or symbolic.arguments_sum(width)):
        return None
    return Sym(f"max({width},{floor})")


def _sum(interp, args, kwargs):
    """sum(numbers), or sum of tensors as Python adds them: `start + t1 + t2 ...` with start 0,
    broadcast and checked as `+` is (DeepLab v2's ASPP: `sum([stage(x) for stage in
    self.children()])`)."""
    items = interp.iterate(args[0]) if args else None
    start = args[1] if len(args) > 1 else kwargs.get("start", 0)
    if items is None:
        return Unknown("sum() of unknowns")
    if all(isinstance(i, (int, float)) for i in (*items, start)) and not isinstance(start, bool):
        return sum(items, start)
    if type(start) in (list, tuple) and items and all(type(i) is type(start) for i in items):
        return sum(items, start)  # `sum([[s] + [1] * (n - 1) for ...], [])`: the lists joined
    if not any(isinstance(i, Tensor) for i in items):
        return Unknown("sum() of unknowns")
    total = start
    for item in items:
        total = interp.binary("Add", total, item, interp.current_node)
    return total


def _abs(interp, args, kwargs):
    """abs(tensor) is Tensor.__abs__, torch.abs (`torch.mean(abs(w), dim=...)` of Bi-Real and
    ReActNet's binary convs): the same shape."""
    if len(args) == 1 and not kwargs and isinstance(args[0], (Tensor, KnownTensor)):
        from convlint.evaluator import tensor_ops

        return tensor_ops.call_ref(interp, "torch.abs", list(args), {}, interp.current_node)
    return _simple(abs)(interp, args, kwargs)


def _pow(interp, args, kwargs):
    """pow(a, b) of a tensor is `a ** b`, broadcast as that is; torch has no three-argument pow."""
    if len(args) == 2 and not kwargs and any(isinstance(a, (Tensor, KnownTensor)) for a in args):
        return interp.binary("Power", args[0], args[1], interp.current_node)
    return _simple(pow, (int,))(interp, args, kwargs)


def _simple(function, types=(int, float)):
    def run(interp, args, kwargs):
        if not all(isinstance(a, types) for a in args):
            return Unknown(f"{function.__name__}() of unknowns")
        return function(*args)

    return run


def _callable(interp, args, kwargs):
    """`if callable(norm_layer):` of a layer class, a function, a lambda, a partial or a module
    (True) or of None, a number, a string, a container or a tensor (False); an instance of a class
    of the code as its class defines __call__; anything else not known."""
    if len(args) != 1 or kwargs:
        return Unknown("callable() of these arguments")
    value = args[0]
    if value is None or type(value) in (bool, int, float, str, list, tuple, dict) \
            or isinstance(value, (Tensor, known_tensors.KnownTensor)):
        return False
    if isinstance(value, (LocalFunction, LocalLambda, LocalClass, BoundMethod, MethodOf, Partial, Builtin, ModuleNode)):
        return True
    if isinstance(value, TorchRef) and (is_torch_layer_class(value.qualified)
                                        or canonical_name(value.qualified).startswith("torch.nn.functional.")):
        return True
    if isinstance(value, Instance):
        return value.cls.lookup("__call__") is not MISSING
    return Unknown("callable() of a value not known statically")


def is_function(value: Any) -> bool | Unknown:
    """`inspect.isfunction(activation)`, as a factory argument is told from a module: True for a
    function or a lambda of the code; False for a module, a class, a partial, a bound method, a
    builtin, None, a number, a string, a container or a tensor; anything else not known."""
    if isinstance(value, (LocalFunction, LocalLambda)):
        return True
    if value is None or type(value) in (bool, int, float, str, list, tuple, dict) \
            or isinstance(value, (Tensor, known_tensors.KnownTensor, ModuleNode, LocalClass, BoundMethod, MethodOf,
                                  Partial, Builtin)):
        return False
    if isinstance(value, TorchRef) and is_torch_layer_class(value.qualified):
        return False
    return Unknown("inspect.isfunction() of a value not known statically")


def _isinstance(interp, args, kwargs):
    if len(args) != 2 or isinstance(args[0], Unknown):
        return Unknown("isinstance() of an unknown")
    kinds = args[1] if isinstance(args[1], tuple) else (args[1],)
    value = args[0]
    if isinstance(value, Sym):
        if not symbolic.of_input(value):
            return Unknown("isinstance() of a constructor argument not given")  # an int, a list, a string...
        value = 0  # a size of the input: an int
    if all(isinstance(k, (TorchRef, LocalClass)) for k in kinds):
        verdicts = [_is_instance_of(value, k) for k in kinds]
        if any(v is True for v in verdicts):
            return True
        if all(v is False for v in verdicts):
            return False
        return Unknown("isinstance() not decidable")
    if all(isinstance(k, Builtin) and k.name in _TYPES for k in kinds):
        return isinstance(args[0], tuple(_TYPES[k.name] for k in kinds)) and not (
            isinstance(args[0], bool) and all(k.name != "bool" for k in kinds)
        )
    return Unknown("isinstance() with a class not known statically")


def _is_instance_of(value, kind) -> bool | None:
    """isinstance against torch.Tensor, a torch.nn class, or a local class, when decidable."""
    from convlint.evaluator.torch_api import canonical_name

    if isinstance(kind, TorchRef):
        name = canonical_name(kind.qualified)
        if name == "torch.Tensor":
            if isinstance(value, KnownTensor):
                return True
            return isinstance(value, Tensor) if isinstance(value, (Tensor, ModuleNode, int, float, list, tuple)) \
                else None
        if name.startswith("torch.nn.") and isinstance(value, ModuleNode):
            private = name.rsplit(".", 1)[-1].startswith("_")  # nn.modules.conv._ConvNd: a base of many
            if value.cls is not None:
                bases = {canonical_name(b.qualified) for b in value.cls.torch_bases()} \
                    if isinstance(value.cls, LocalClass) else set()
                if name in bases or (name == "torch.nn.Module" and bases):
                    return True  # `class Block(nn.Sequential)`: an nn.Sequential and an nn.Module
                if private or not bases or value.attrs.get("__container__"):
                    return None
                return False
            if name == "torch.nn.Module":
                return True
            return None if private else value.record.type == name.rsplit(".", 1)[-1]
        if name.startswith("torch.nn.") and (value is None or isinstance(value, (Tensor, KnownTensor, int, float, str,
                                                                                 list, tuple, dict))):
            return False  # `isinstance(None, nn.Sequential)`: the holes of `sequential(pad, conv, norm, act)`
        return None
    if isinstance(value, ModuleNode):
        return kind in value.cls.mro() if isinstance(value.cls, LocalClass) else False
    if isinstance(value, NamedRecord):  # an instance of `class Meta(NamedTuple)`
        return kind in value.kind.cls.mro() if isinstance(value.kind.cls, LocalClass) else False
    if isinstance(value, (Tensor, int, float, str, list, tuple, dict)):
        return False
    return None


def _zip(interp, args, kwargs):
    lists = [interp.iterate(a) for a in args]
    if any(items is None for items in lists):
        for arg, items in zip(args, lists):
            if items is None:  # `for r, c in zip(rates, chans)`: counted as `for r in rates`
                interp.count_items_of_an_argument(arg)
        return Unknown("zip() of an unknown")
    return interp.note_zipped([tuple(group) for group in zip(*lists)], tuple(args))


def _filter(interp, args, kwargs):
    """filter(None, items) and filter(lambda m: m is not None, items): a layer list with holes."""
    items = interp.iterate(args[1]) if len(args) == 2 else None
    if items is None:
        return Unknown("filter() of an unknown")
    kept = []
    for item in items:
        keep = interp.truth(item if args[0] is None else interp.call(args[0], [item], {}, interp.current_node))
        if keep is None:
            return Unknown("filter() with a condition not known")
        if keep:
            kept.append(item)
    return kept


def _map(interp, args, kwargs):
    items = interp.iterate(args[1]) if len(args) == 2 and args[0] is not None else None
    if items is None:
        return Unknown("map() of an unknown")
    return [interp.call(args[0], [item], {}, interp.current_node) for item in items]


def _enumerate(interp, args, kwargs):
    items = interp.iterate(args[0])
    start = args[1] if len(args) > 1 else kwargs.get("start", 0)
    if items is None:
        interp.count_items_of_an_argument(args[0])  # `for i, r in enumerate(rates)`, as `for r in rates`
    if items is None or not isinstance(start, int):
        return Unknown("enumerate() of an unknown")
    return interp.note_zipped(list(enumerate(items, start)), (None, args[0]))


def _iter(interp, args, kwargs):
    """iter(items): the items, taken one at a time by next()."""
    if len(args) != 1 or kwargs:
        return Unknown("iter() with a sentinel")
    if isinstance(args[0], Generated):
        return args[0]
    items = interp.iterate(args[0])
    return Unknown("iter() of an unknown") if items is None else Generated(list(items))


def _next(interp, args, kwargs):
    """next(iterator[, default]): its next item, which it no longer gives (`next(m.parameters())`)."""
    iterator = args[0]
    if not isinstance(iterator, Generated) or len(args) > 2 or kwargs:
        interp.unresolved(interp.current_node, "next() of an iterator not followed: its item is unknown")
        return Unknown("next() of an iterator not followed")
    if iterator.taken >= len(iterator.items):
        if len(args) == 2:
            return args[1]
        interp.unresolved(interp.current_node, "next() of an exhausted iterator (StopIteration)")
        return Unknown("next() of an exhausted iterator")
    iterator.taken += 1
    return iterator.items[iterator.taken - 1]


def _sorted(interp, args, kwargs):
    items = list(args[0]) if isinstance(args[0], (set, frozenset)) else interp.iterate(args[0])
    if items is None or kwargs:
        return Unknown("sorted() of an unknown")
    return sorted(items)


def _reversed(interp, args, kwargs):
    items = interp.iterate(args[0])
    if items is None:
        interp.count_items_of_an_argument(args[0])
    return Unknown("reversed() of an unknown") if items is None else list(reversed(items))


def _getattr(interp, args, kwargs):
    if len(args) >= 2 and isinstance(args[1], str):
        present = interp.has_attribute(args[0], args[1])
        if present is False:
            return args[2] if len(args) == 3 else Unknown(f"no attribute {args[1]}")
        if present is None and len(args) == 3:
            interp.unresolved(interp.current_node, f"getattr(..., {args[1]!r}, default): whether it is set "
                                                   "is not known statically")
            return Unknown(f"getattr() of {args[1]}, which may not be set")
        return interp.attribute(args[0], args[1])
    return Unknown("getattr() with a name not known statically")


def _hasattr(interp, args, kwargs):
    present = interp.has_attribute(args[0], args[1]) if len(args) == 2 and isinstance(args[1], str) else None
    if present is None:
        interp.unresolved(interp.current_node, "hasattr() not known statically")
        return Unknown("hasattr() not known statically")
    return present


def _listify(interp, args, kwargs):
    """fastcore's listify (fastai code gets it by `from fastai.core import *`): None -> [], a list
    or tuple -> a list of its items, a string or number -> [it]."""
    value = args[0] if args else kwargs.get("o")
    if len(args) > 1 or set(kwargs) - {"o"}:
        return Unknown("listify() of more than one value")
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, (str, int, float, bool)):
        return [value]
    return Unknown("listify() of a value not known statically")


def _ifnone(interp, args, kwargs):
    """fastcore's ifnone(a, b): b if a is None else a."""
    if len(args) != 2 or kwargs:
        return Unknown("ifnone() of other arguments")
    return args[1] if args[0] is None else args[0]


def _bn_drop_lin(interp, args, kwargs):
    """fastai v1's bn_drop_lin(n_in, n_out, bn=True, p=0., actn=None) (`from fastai.layers import
    *`): [BatchNorm1d(n_in) if bn] + [Dropout(p) if p != 0] + [Linear(n_in, n_out)] + [actn if
    given], the layer list a fastai head is built of."""
    names = ("n_in", "n_out", "bn", "p", "actn")
    if len(args) > len(names) or set(kwargs) - set(names) or set(kwargs) & set(names[:len(args)]):
        return Unknown("bn_drop_lin() with other arguments")
    bound = {"bn": True, "p": 0.0, "actn": None} | dict(zip(names, args)) | kwargs
    if not {"n_in", "n_out"} <= set(bound):
        return Unknown("bn_drop_lin() without its sizes")
    bn, p = bound["bn"], bound["p"]
    if not isinstance(bn, (bool, int)) or not isinstance(p, (int, float)) or isinstance(p, bool):
        return Unknown("bn_drop_lin() whose layers are not known statically")

    def layer(name: str, *values):
        return interp.call(TorchRef(f"torch.nn.{name}"), list(values), {}, interp.current_node)

    layers = [layer("BatchNorm1d", bound["n_in"])] if bn else []
    if p != 0:
        layers.append(layer("Dropout", p))
    layers.append(layer("Linear", bound["n_in"], bound["n_out"]))
    if bound["actn"] is not None:
        layers.append(bound["actn"])
    return layers


def _setattr(interp, args, kwargs):
    if len(args) == 3 and isinstance(args[1], str):
        interp.set_attribute(args[0], args[1], args[2])
    elif len(args) == 3:  # a computed name not known: the object's attributes no longer are
        interp.forget_attributes(args[0])
    return None


def _super(interp, args, kwargs):
    if len(args) == 2 and isinstance(args[0], LocalClass):
        return SuperProxy(args[1], args[0])
    return Unknown("super() outside a method")


def _print(interp, args, kwargs):
    return None


def _vars(interp, args, kwargs):
    """vars(args) of an options namespace: its options, written through."""
    from convlint.evaluator.argparse_model import Namespace, OptionsView

    if len(args) == 1 and isinstance(args[0], Namespace) and args[0].exact:
        return OptionsView(args[0], interp.span(interp.current_node))
    return Unknown("vars() of a value not known statically")


def _any_all(function):
    def run(interp, args, kwargs):
        items = interp.iterate(args[0])
        if items is None:
            return Unknown(f"{function.__name__}() of an unknown")
        truths = [interp.truth(i) for i in items]
        if None in truths:
            return Unknown(f"{function.__name__}() of unknowns")
        return function(truths)

    return run


def _float(interp, args, kwargs):
    if not args:
        return 0.0
    if isinstance(args[0], (int, float, str)):
        return float(args[0])
    if isinstance(args[0], KnownTensor):
        value = known_tensors.item(args[0])
        return float(value) if isinstance(value, (int, float)) else value
    if isinstance(args[0], Sym) and len(args) == 1:
        return UnknownNumber("float() of a symbolic size")  # H as a float: a number still
    return UnknownNumber("float() of a value not known statically")  # a float, or float() raises


def _round(interp, args, kwargs):
    if args and isinstance(args[0], (int, float)) and all(isinstance(a, int) for a in args[1:]):
        return round(*args)
    return Unknown("round() of an unknown")


NOT_IN_TORCH_NN = {"QuantStub": "torch.ao.quantization.QuantStub", "DeQuantStub": "torch.ao.quantization.DeQuantStub",
                   "FloatFunctional": "torch.ao.nn.quantized.FloatFunctional"}  # modelled classes of torch.ao


def _type(interp, args, kwargs):
    """type(x) of the values whose class is known: `type(norm_layer) == functools.partial`."""
    return class_of(args[0] if len(args) == 1 and not kwargs else None)


def class_of(value: Any) -> Any:
    """type(value) (and `value.__class__`), where its class is known."""
    if isinstance(value, Partial):
        return TorchRef("functools.partial")
    if isinstance(value, LocalClass) or isinstance(value, TorchRef) and is_torch_layer_class(value.qualified):
        return TorchRef("builtins.type")  # a class: `type(nn.InstanceNorm2d) == functools.partial` is False
    if isinstance(value, Instance):
        return value.cls
    if isinstance(value, NamedRecord):
        return value.kind.cls if value.kind.cls is not None else value.kind
    if isinstance(value, ModuleNode) and isinstance(value.cls, LocalClass):
        return value.cls
    if isinstance(value, ModuleNode) and value.cls is None and value.record is not None:
        # a torch layer built as itself: `type(mod) is nn.ReLU` (torchvision's _replace_relu)
        qualified = getattr(value.record, "qualified_name", None) or \
            NOT_IN_TORCH_NN.get(value.record.type, f"torch.nn.{value.record.type}")
        if layer_spec(qualified) is not None:
            return TorchRef(canonical_name(qualified))
    if isinstance(value, (Tensor, KnownTensor)):
        return TorchRef("torch.Tensor")  # `if type(input) not in (list, tuple): input = [input]` (StyleGAN)
    if type(value) in _TYPE_NAMES:
        return Builtin(_TYPE_NAMES[type(value)])  # `if type(growth_rate) is list:` of an option given an int
    return Unknown("type() of a value whose class is not known")


_HANDLERS = {
    "int": _int,
    "float": _float,
    "bool": lambda interp, args, kwargs: interp.truth(args[0]) if args else False,
    "str": _simple(str, (int, float, str)),
    "len": _len,
    "range": _range,
    "list": _sequence(list),
    "tuple": _sequence(tuple),
    "dict": _dict,
    "set": _set(set),
    "frozenset": _set(frozenset),
    "min": _numbers(min),
    "max": _numbers(max),
    "sum": _sum,
    "abs": _abs,
    "round": _round,
    "divmod": _simple(divmod, (int,)),
    "pow": _pow,
    "isinstance": _isinstance,
    "callable": _callable,
    "type": _type,
    "zip": _zip,
    "filter": _filter,
    "map": _map,
    "enumerate": _enumerate,
    "iter": _iter,
    "next": _next,
    "sorted": _sorted,
    "reversed": _reversed,
    "getattr": _getattr,
    "setattr": _setattr,
    "hasattr": _hasattr,
    "listify": _listify,
    "ifnone": _ifnone,
    "bn_drop_lin": _bn_drop_lin,
    "super": _super,
    "__import__": lambda interp, args, kwargs: interp.import_by_name(args[0]) if len(args) == 1 and isinstance(
        args[0], str) and args[0].replace(".", "").replace("_", "").isalnum() else Unknown("__import__ of this"),
    "print": _print,
    "vars": _vars,
    "globals": lambda interp, args, kwargs: ModuleGlobals(interp.module_scope),
    "any": _any_all(any),
    "all": _any_all(all),
}
