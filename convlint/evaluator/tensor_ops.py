"""forward() semantics: what layers, torch/F functions, Tensor methods and operators do to
tensor shapes, recorded as LayerCall and TensorOp events for the checks."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from convlint import einops_patterns, layers, shapes, symbolic
from convlint import strides as layout
from convlint.evaluator import known_tensors, numpy_arrays
from convlint.evaluator.objects import LoopIndex, NumpyScalar, OptionalInput, RepeatedList, UnknownNumber, a_number
from convlint.evaluator.known_tensors import KnownTensor
from convlint.evaluator.torch_api import (
    NORMS,
    ACTIVATIONS,
    AFFINE_GRID,
    ATTENTION_FORWARD,
    ELEMENTWISE_OPS,
    F_CONV,
    F_CONV_T,
    F_EMBEDDING,
    F_FOLD,
    F_BATCH_NORM,
    F_INSTANCE_NORM,
    F_LINEAR,
    F_MAX_UNPOOL,
    F_PAD,
    F_UNFOLD,
    GRID_SAMPLE,
    INTERPOLATE,
    LAYERS,
    POOL_OPS,
    per_dim,
)
from convlint.model import LayerCall, ModuleNode, Tensor, TensorOp, Unresolved
from convlint.records import (
    AdaptivePoolRecord,
    AttentionRecord,
    TransformerRecord,
    ConvRecord,
    ChannelShuffleRecord,
    EinopsRecord,
    GluRecord,
    ElementwiseRecord,
    EmbeddingRecord,
    FlattenRecord,
    LinearRecord,
    MaxUnpoolRecord,
    NormRecord,
    OpaqueRecord,
    PadRecord,
    PixelShuffleRecord,
    PoolRecord,
    RecurrentRecord,
    UpsampleRecord,
    describe_validation_error,
    field_of,
)
from convlint.source.input_hints import LEGACY_CONSTRUCTORS
from convlint.values import Dim, Shape, Sym, Unknown, dim_add, dim_floordiv, dim_mul, dims_product, format_dim, hashable, is_known, opaque

if TYPE_CHECKING:
    import libcst as cst

    from convlint.diagnostics import Span
    from convlint.evaluator.interpreter import Interpreter

SPATIAL_SYMBOLS = {1: ("L",), 2: ("H", "W"), 3: ("D", "H", "W")}
TORCH_NAMESPACES = ("torch", "torch.nn.functional", "torch.Tensor", "torch.functional")
# ops that return torch.return_types' (values, indices), and argmax/argmin their indices alone
SELECTIONS = frozenset("max min sort topk median nanmedian kthvalue mode argmax argmin".split())


class ValuesIndices(tuple):
    """torch.return_types.max & co: a (values, indices) pair, also read as .values/.indices."""

    __slots__ = ()
    fields = ("values", "indices")


# torch's argument parser takes numpy's names for these parameters of any torch function or tensor
# method (numpy_compatibility_arg_names in torch/csrc/utils/python_arg_parser.cpp): torch.cat(xs,
# axis=1), x.sum(axis=-1, keepdims=True). torch.nn.functional is Python and takes no alias.
NUMPY_ARG_NAMES = {"axis": "dim", "keepdims": "keepdim"}


# methods writing values of other tensors into self at indices: the result has self's shape
WRITES_INTO_SELF = frozenset({"scatter", "scatter_add", "scatter_reduce", "index_fill", "index_copy", "index_add",
                              "index_put", "masked_scatter", "put"})

def torch_keywords(kwargs: dict) -> dict:
    """The keywords of a call to torch or a tensor method under torch's own names."""
    if not any(alias in kwargs for alias in NUMPY_ARG_NAMES):
        return kwargs
    return {NUMPY_ARG_NAMES.get(k, k) if NUMPY_ARG_NAMES.get(k) not in kwargs else k: v
            for k, v in kwargs.items()}


# the producer of what a callable not known statically gives on a tensor (a library's layer)
UNKNOWN_CALL = "an unknown call"
# what an op torch refuses gives: nothing follows from it (an in-place op on it keeps no shape either,
# so that an error is not met again past the first)
FAILED_BROADCAST = "a failed broadcast"


def unknown_tensor(why: str) -> Tensor:
    return Tensor(Shape(None), why)


def shape_only(value: Any) -> Any:
    """A tensor of known values where only its shape is followed (a layer's input, an op not
    modelled on values): its shape. Lists and tuples of them too (torch.cat's argument)."""
    if isinstance(value, KnownTensor):
        return Tensor(Shape(value.shape), value.producer, sizes_passed=value.sizes_passed, built_via=value.built_via,
                      sizes_written=value.sizes_written, made_by=value.made_by)
    if isinstance(value, (list, tuple)) and any(isinstance(v, KnownTensor) for v in value):
        return type(value)(shape_only(v) for v in value)
    return value


def unknown_if_known_tensor(value: Any, name: str = "") -> Any:
    """A tensor given as a layer's size (nn.Conv2d(3, widths[0], 3)): torch takes a 0-d integer
    one in some places, as its value, and refuses it in others; not judged, unknown. So is a name
    of a module convlint cannot read (`cfg.GAN.DF_DIM` of a config it does not find)."""
    from convlint.evaluator.objects import TorchRef

    if isinstance(value, KnownTensor) or \
            isinstance(value, (list, tuple)) and any(isinstance(v, KnownTensor) for v in value):
        return Unknown("a tensor given as a layer argument")
    if name not in ("dtype", "device") and (isinstance(value, TorchRef) or isinstance(value, (list, tuple)) and any(
            isinstance(v, TorchRef) for v in value)):
        return Unknown("a name of a module convlint does not read")
    return value


def spoil_known(args: list, kwargs: dict) -> None:
    """Tensors of known values given to code that may write into them: no longer known."""
    for value in (*args, *kwargs.values()):
        for item in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(item, KnownTensor):
                item.spoil()


def _may_write(namespace: str, name: str, args: list, kwargs: dict) -> bool:
    """Whether a call may change a tensor it is given: an in-place op (`add_`, `normal_`), an
    `out=` or `inplace=True`, or a function outside torch's functional namespaces."""
    return namespace not in ("torch", "torch.nn.functional", "torch.functional") or name.endswith("_") \
        or "out" in kwargs or kwargs.get("inplace") is not False and "inplace" in kwargs \
        or any(a is True for a in args[1:])


def _holds_known(args: list, kwargs: dict) -> bool:
    return any(isinstance(v, KnownTensor) or isinstance(v, (list, tuple)) and any(isinstance(i, KnownTensor) for i in v)
               for v in (*args, *kwargs.values()))


def materialize(tensor: Tensor, record: Any) -> Tensor:
    """Give the symbolic input (rank unknown) the shape its first layer expects: a Conv2d
    input is (N, in_channels, H, W); the names are the symbols the messages show."""
    return materialize_from_input(tensor, record)[1]


def materialize_from_input(tensor: Tensor, record: Any) -> tuple[Tensor, Tensor]:
    """(the model's input, the tensor the layer gets), their rank known from the first layer.
    The ops applied to the input before it (F.pad, unsqueeze, transpose) are undone on the
    shape the layer expects to give the input, then applied to it: a dim the layer fixes that
    an op made (unsqueeze's 1) is the op's, and is checked as such."""
    if tensor.pending:
        if any(op[0] == "fold" for op in tensor.pending) \
                and not isinstance(record, (ConvRecord, PoolRecord, AdaptivePoolRecord)):
            return tensor, tensor  # a layer taking any rank (a Linear) does not tell how many dims were folded
        return _from_template(tensor, _materialize(
            Tensor(Shape(None), tensor.producer, placeholder=True, field=tensor.field), record))
    materialized = _materialize(tensor, record)
    return materialized, materialized


def _from_template(tensor: Tensor, template: Tensor) -> tuple[Tensor, Tensor]:
    """(the model's input, the tensor after the ops pending on it), where the tensor after them
    has the template's dims; the tensor itself, as it was, where the ops cannot give it those."""
    if tensor.pending:
        root = _undo(template, tensor.pending)
        if root is None:
            return tensor, tensor
        dims: tuple | None = root.shape.dims
        for op in tensor.pending:
            dims = _redo(dims, op)
            if dims is None:
                return tensor, tensor
        return root, Tensor(Shape(dims), tensor.producer, field=tensor.field)
    return (template, template) if not template.placeholder else (tensor, tensor)


def _of_rank(rank: int | None) -> tuple[Dim, ...] | None:
    """The symbolic input of a rank an op fixes that names no size: N x C x its sides."""
    if rank not in (3, 4, 5):
        return None
    return (Sym("N"), Sym("C"), *(Sym(s) for s in SPATIAL_SYMBOLS[rank - 2]))


def symbolic_input_of_rank(rank: int | None) -> tuple[Dim, ...] | None:
    """The symbolic input of `rank` dims (N x C x its sides), or None for a rank not of 3 to 5."""
    return _of_rank(rank)


def input_of_rank(interp: "Interpreter", tensor: Any, rank: int | None) -> Any:
    """The input, its rank not yet known, reaching an op that runs on `rank` dims and on no other
    (einops' `"b c f t -> b f c t"`): of that rank, its sizes symbols, from now on the model's
    input (as a first layer makes it); anything else as it is."""
    tensor = settled(interp, tensor) if isinstance(tensor, Tensor) else tensor
    dims = _of_rank(rank)
    if not isinstance(tensor, Tensor) or not tensor.placeholder or tensor.shape.dims is not None or dims is None:
        return tensor
    root, ranked = _from_template(tensor, Tensor(Shape(dims), tensor.producer, field=tensor.field))
    analysis = interp.analysis
    if ranked.placeholder:
        return tensor
    if analysis is not None and analysis.input is not None and analysis.input.placeholder:
        analysis.input, analysis.input_shape = root, root.shape
    return ranked


def _undo(template: Tensor, pending: tuple) -> Tensor | None:
    """The input's shape: the template with the pending ops undone, last first."""
    if template.placeholder:
        return None
    dims = list(template.shape.dims)
    for op in reversed(pending):
        if op[0] == "index":
            unindexed = _unindexed(dims, op[1])
            if unindexed is None:
                return None
            dims = unindexed
        elif op[0] == "unsqueeze":
            axis = shapes.normalize_dim(op[1], len(dims))
            if axis is None:
                return None
            del dims[axis]
        elif op[0] == "transpose":
            a, b = (shapes.normalize_dim(d, len(dims)) for d in op[1:])
            if a is None or b is None:
                return None
            dims[a], dims[b] = dims[b], dims[a]
        elif op[0] == "permute":  # the input has as many dims as the permute names
            if len(dims) != len(op[1]):
                return None
            unpermuted = list(dims)
            for position, axis in enumerate(op[1]):
                unpermuted[axis] = dims[position]
            dims = unpermuted
        elif op[0] == "rank" and (len(dims) == op[1]) != op[2]:  # a test of the rank went the other way
            return None
        elif op[0] == "at least" and len(dims) < op[1]:  # a loop adding dims up to op[1]
            return None
        elif op[0] == "resize" and not _resizable(dims, op[3]):
            return None
        elif op[0] == "piece":  # a chunk's piece of a dim: the input's size there not known
            position = shapes.normalize_dim(op[1], len(dims))
            if position is None:
                return None
            dims[position] = Unknown("a size cut into pieces before the first layer")
        elif op[0] == "fold":  # dims start..end made one: each of them any size, their product the layer's
            start, end = op[1], op[2]
            if start >= len(dims):
                return None
            dims[start:start + 1] = [Unknown("a size folded into another before the first layer")] * (end - start + 1)
        elif op[0] == "merge":  # the input of the fewest dims it runs on: the view a no-op there
            if len(dims) != op[1] + 1:
                return None
        elif op[0] == "keep":  # what a reduction made 1 is any size in the input
            for axis in op[1]:
                position = shapes.normalize_dim(axis, len(dims))
                if position is None:
                    return None
                dims[position] = Unknown("a size reduced before the first layer")
    return Tensor(Shape(tuple(dims)), template.producer, field=template.field)


def _redo(dims: tuple, op: tuple) -> tuple | None:
    """One pending op on known dims; None where it pads a dim the layer fixed (its channels):
    the input's size there is not known, only what the layer wants after the pad."""
    if op[0] == "index":
        return index_tensor(Tensor(Shape(dims)), list(op[1])).shape.dims
    if op[0] == "broadcast":  # `x - self.mean` of a (1, 3, 1, 1) mean
        result, failing = shapes.broadcast_shapes(Shape(dims), Shape(op[1]))
        return result.dims if failing is None else None
    if op[0] == "unsqueeze":
        axis = shapes.normalize_dim(op[1], len(dims) + 1)
        return None if axis is None else dims[:axis] + (1,) + dims[axis:]
    if op[0] == "transpose":
        a, b = (shapes.normalize_dim(d, len(dims)) for d in op[1:])
        if a is None or b is None:
            return None
        swapped = list(dims)
        swapped[a], swapped[b] = swapped[b], swapped[a]
        return tuple(swapped)
    if op[0] == "permute":
        return tuple(dims[axis] for axis in op[1]) if len(dims) == len(op[1]) else None
    if op[0] == "rank":  # a test of the rank (`x.dim() == k`, or not) that went this way
        return dims if (len(dims) == op[1]) == op[2] else None
    if op[0] == "at least":  # `while x.dim() < 4: x = x.unsqueeze(-1)`: any tensor of that many dims or more
        return dims if len(dims) >= op[1] else None
    if op[0] == "resize":  # nn.Upsample / F.interpolate: the sides resized, the rest kept
        return layers.upsample_shape(Shape(dims), op[1], op[2]).dims
    if op[0] == "fold":  # `x.flatten(start, end)`
        folded = shapes.flatten_shape(Shape(dims), op[1], op[2])
        return None if folded is None or len(dims) <= op[2] else folded.dims
    if op[0] == "merge":  # `x.view(-1, *x.shape[-k:])`: the leading dims made one, the last k kept
        kept = op[1]
        if len(dims) < kept + 1:
            return None
        return (dims_product(dims[:len(dims) - kept]), *dims[len(dims) - kept:])
    if op[0] == "keep":  # a reduction with keepdim=True: those dims 1
        positions = {shapes.normalize_dim(a, len(dims)) for a in op[1]}
        return None if None in positions else tuple(1 if i in positions else d for i, d in enumerate(dims))
    if op[0] == "piece":  # a piece of a chunk or split along a dim: its size there (if listed), the rest kept
        position = shapes.normalize_dim(op[1], len(dims))
        size = op[2] if op[2] is not None else Unknown("a piece of a dim cut before the first layer")
        return None if position is None else tuple(size if i == position else d for i, d in enumerate(dims))
    if op[0] == "vary":  # padded on some paths only: the last dims unknown
        touched = op[1]
        padded = dims[len(dims) - touched:] if touched <= len(dims) else None
        if padded is None or any(is_known(d) or d == Sym("N") for d in padded):
            return None
        return dims[:len(dims) - touched] + tuple(
            Unknown("padded on some paths of a condition not known statically") for _ in padded)
    padding, mode = op[1:]
    padded = dims[len(dims) - len(padding) // 2:] if len(padding) // 2 <= len(dims) else None
    if padded is None or any(is_known(d) or d == Sym("N") for d in padded):
        return None
    return layers.pad_shape(Shape(dims), padding, mode).dims


def _resizable(dims: list, mode: Any) -> bool:
    """Whether a resize in `mode` runs on a tensor of these dims, the sides after (N, C) all the
    layer's symbols: a side the layer fixes is not the size the input had before the resize."""
    return isinstance(mode, str) and len(dims) in shapes.INTERPOLATE_RANKS.get(mode, ()) \
        and not any(is_known(d) for d in dims[2:])


def resized_input(tensor: Tensor, record: UpsampleRecord) -> Tensor | None:
    """nn.Upsample / F.interpolate of the input before its rank is known (a pre-upsampling
    super-resolution net's first step): the input of any rank, its sides resized once the first
    layer after it tells the rank, the channels kept. None where torch refuses it for every rank
    (neither or both of size and scale_factor given)."""
    if not tensor.placeholder or tensor.shape.dims is not None \
            or (record.size is None) == (record.scale_factor is None):
        return None
    return deferred(tensor, ("resize", record.size, record.scale_factor, record.mode))


def _is_index_int(index: Any) -> bool:
    """An int index: a known one, or a step of `for t in range(T)` (`x[:, t]` of a clip's frames)."""
    return isinstance(index, int) and not isinstance(index, bool) or isinstance(index, LoopIndex)


def _spelled_out(indices: tuple, rank: int) -> list | None:
    """Slices, ints and Nones (and one `...`) indexing a tensor of this rank, with the `...` and the
    trailing dims spelled out as full slices, as torch reads them: `x[..., 0]` of 5 dims is
    x[:, :, :, :, 0]. None for any other index, or more indices than dims."""
    if not all(isinstance(i, slice) or i is Ellipsis or i is None or _is_index_int(i) for i in indices) \
            or list(indices).count(Ellipsis) > 1:
        return None
    consumed = sum(1 for i in indices if i is not None and i is not Ellipsis)  # each takes one dim
    if consumed > rank:
        return None
    if Ellipsis in indices:
        at = indices.index(Ellipsis)
        return [*indices[:at], *[slice(None)] * (rank - consumed), *indices[at + 1:]]
    return [*indices, *[slice(None)] * (rank - consumed)]


def _unindexed(dims: list, indices: tuple) -> list | None:
    """The dims of the input that `indices` turn into `dims` (what its first layer takes): a full
    slice keeps a dim, a slice cuts a side (kept as its symbol, the slice redone on it), an int
    drops a dim of a size not known, a None makes a 1. The batch must stay in front (dim 0 a full
    slice); None for any other index."""
    ints = sum(1 for i in indices if _is_index_int(i))
    rank = len(dims) - sum(1 for i in indices if i is None) + ints
    spelled = _spelled_out(indices, rank) if rank >= 1 else None
    if not spelled or spelled[0] != slice(None):
        return None
    # (a map's channels: a Linear's (N, F) is a rank it chose, a 3-d sequence's x[:, 3:] cuts its steps)
    every_dim_named = Ellipsis not in indices and sum(1 for i in indices if i is not None) == rank >= 3
    given, out = iter(dims), []
    for index in spelled:
        if index is None:
            next(given)  # the 1 torch makes: what the layer fixes there is checked against it when redone
        elif isinstance(index, LoopIndex) and (free := _a_free_side(dims)) is not None:
            out.append(free)  # `x[:, t]` of each step of a loop over the frames: as many as there are
        elif _is_index_int(index):
            out.append(Unknown("a size indexed away before the first layer"))
        else:
            dim = next(given)
            if index != slice(None) and len(out) == 1 and every_dim_named \
                    and (channels := _channels_cut_from(dim, index)) is not None:
                # `x[:, :3, :, :]` of a stacked pair of frames, fed to a Conv2d(3, ...): an index for each
                # dim, so dim 1 is the channels (`x[:, 3:]` of an unbatched image cuts its rows)
                out.append(channels)
                continue
            if index != slice(None) and not (symbolic.symbol_of(dim) in symbolic.SPATIAL and not is_known(dim)):
                return None
            out.append(dim)
    return out


def _a_free_side(dims: list) -> Sym | None:
    """A symbol of an input's side that none of the dims holds (L, else D: the steps of a clip fed
    to a Conv1d), for the dim a loop's index takes away; None where both are taken."""
    held = {symbolic.symbol_of(d) for d in dims}
    return next((Sym(name) for name in ("L", "D") if name not in held), None)


def _channels_cut_from(taken: Any, index: slice) -> Any:
    """The input's channels where `index` (`:3`, `3:`, `3:6`) cuts the `taken` a layer takes: a
    start and a stop short of what is taken, start + taken; a stop that takes them all, at least
    the stop, a symbol C (the slice redone on it: min(C, 3)); so too a slice narrower than what is
    taken (`x[:, 0:1]` before a Conv2d(64, ...)), which no input's width makes fit: the slice redone
    on C gives what torch gives. None for any other slice."""
    if type(taken) is int and taken > 1 and all(type(part) in (int, type(None)) for part in (
            index.start, index.stop, index.step)) and index.step in (None, 1) and _one_element_slice(index):
        return Sym("C")  # `x[:, -1:]` keeps one channel (or none) of any input
    start, stop = index.start or 0, index.stop
    if not (type(taken) is int and taken > 0 and type(start) is int and start >= 0 and index.step in (None, 1)
            and (stop is None or type(stop) is int and stop > start)):
        return None
    if stop is None or taken < stop - start:
        return start + taken
    return Sym("C")


def sliced_input(tensor: Tensor, indices: list) -> Tensor | None:
    """x[:, :, 0:H // 2], x[..., 0] of the input before its rank is known: slices, ints and Nones
    around one `...`, applied once the first layer tells the rank; None for any other index."""
    if not indices or not all(isinstance(i, slice) or i is Ellipsis or i is None or _is_index_int(i)
                              for i in indices) or indices.count(Ellipsis) > 1:
        return None
    return deferred(tensor, ("index", tuple(indices)))


def join_placeholders(tensors: list[Tensor]) -> Tensor | None:
    """The input, rank not yet known, from paths that padded it differently (`if odd: x =
    F.pad(x, [0, 1])` before the first layer): the ops all paths share, then the trailing dims any
    path padded left unknown. None when a path did more than pad (its rank may differ)."""
    pendings = [t.pending for t in tensors]
    shared = 0
    while all(len(p) > shared and p[shared] == pendings[0][shared] for p in pendings):
        shared += 1
    rest = [op for p in pendings for op in p[shared:]]
    if any(op[0] not in ("pad", "vary") for op in rest):
        return None
    pending = pendings[0][:shared]
    if rest:
        touched = max(len(op[1]) // 2 if op[0] == "pad" else op[1] for op in rest)
        pending = (*pending, ("vary", touched))
    first = tensors[0]
    return Tensor(Shape(None), "one of several paths", placeholder=True, field=first.field, pending=pending)


def deferred(tensor: Tensor, op: tuple) -> Tensor:
    """The input, rank not yet known, with an op to apply once its first layer tells the rank."""
    return Tensor(Shape(None), tensor.producer, placeholder=True, field=tensor.field, pending=(*tensor.pending, op))


class TorchSize(tuple):
    """`x.size()` / `x.shape`: a tuple that `x.new(size)` takes as a size, where a plain tuple is data."""

    __slots__ = ()


class InputSizes(Unknown):
    """`x.shape`/`x.size()` of the symbolic input before its rank is known: only dim 0, the batch
    N, is known."""

    __slots__ = ()

    def item(self, index: Any) -> Any:
        if index == 0:
            return Sym("N")
        if _is_index_int(index):
            return InputDims("a size of the input, its rank not yet known", indices=(index,))
        return Unknown("a size of the input, its rank not yet known")


@dataclass(frozen=True, slots=True, eq=False)
class InputDims(Unknown):
    """`x.shape[1] * x.shape[-2] * x.shape[-1]` of the input before its rank is known: a size not
    known, the product of its dims at `indices` (a view into rows by it is a flatten(1))."""

    indices: tuple = ()


def _flattened_rank(indices: tuple) -> int | None:
    """The rank r at which `indices` name each dim after the batch once (1, -2, -1: 4), the
    product of their sizes all of a sample; None where no rank (or more than one) makes them so."""
    ranks = [r for r in range(2, 9) if sorted(shapes.normalize_dim(i, r) if -r <= i < r else -1
                                              for i in indices) == list(range(1, r))]
    return ranks[0] if len(ranks) == 1 else None


class InputOwnSizes(InputSizes):
    """`x.shape`/`x.size()` of the symbolic input itself, no op applied to it yet: unpacked into k
    names (`b, c, h, w = x.shape`), it runs only on an input of k dims. `tensor`: that input, whose
    sizes are known once a layer settles its rank (a SegNet's `dim_0 = x.size()`, passed on to an
    unpool's output_size)."""

    __slots__ = ("tensor",)

    def __init__(self, why: str = "not known statically", tensor: Tensor | None = None):
        super().__init__(why)
        object.__setattr__(self, "tensor", tensor)


def settled(interp: "Interpreter", tensor: Tensor) -> Tensor:
    """The symbolic input as its first layer made it (its rank known from that layer), where the
    placeholder was read before that layer ran (`torch.cat([x, self.up(self.down(x))], 1)`); a
    further input given no size as far as torch's rules have settled it by now."""
    analysis = interp.analysis
    if analysis is None:
        return tensor
    if tensor.free == FIRST_INPUT or tensor.placeholder and not tensor.pending and analysis.input is not None \
            and not analysis.input.placeholder:
        return analysis.input if analysis.input is not None else tensor
    if tensor.placeholder and tensor.pending and tensor.shape.dims is None and analysis.input is not None \
            and not analysis.input.placeholder and analysis.input.shape.dims is not None:
        # `m = x[:, :1]` (or ones_like of it) read before the first layer: its ops on the input as it is now
        dims: tuple | None = analysis.input.shape.dims
        for op in tensor.pending:
            dims = _redo(dims, op) if dims is not None else None
        return Tensor(Shape(dims), tensor.producer, field=tensor.field) if dims is not None else tensor
    if tensor.free is not None:
        return analysis.free_inputs.get(tensor.free, tensor)
    if tensor.joined and tensor.shape.dims is None:
        # a cat of inputs read before a later layer settled them (`feats = cat([x, x * 2], 1)` used
        # again after `self.conv(self.pool(feats))`): the cat of what they are now
        dim, operands = tensor.joined
        now = [settled(interp, t) for t in operands]
        if all(t.shape.dims is not None and not _open_input(t) for t in now):
            shape, clash = shapes.cat_shape([t.shape for t in now], dim)
            if clash is None and shape.dims is not None:
                return Tensor(shape, tensor.producer, tensor.merged, field=tensor.field)
    return tensor


# ---------------------------------------------------------- further inputs of forward() given no size
FIRST_INPUT = ""  # Tensor.free of the model's first input, its size settled only in part by a cat


def free_input(name: str) -> Tensor:
    """forward()'s further input `name` (`img_B`), given no size: unknown until torch's rules fix it."""
    return Tensor(Shape(None), name, field=(1, 1), free=name)


def _open_input(tensor: Tensor) -> bool:
    """An input whose size is not all known: a further one not settled whole, or the first one
    before any layer gave it its rank."""
    return tensor.free is not None or tensor.placeholder and not tensor.pending and tensor.shape.dims is None


def _reduced_input(tensor: Tensor) -> bool:
    """The first input before any layer gave it its rank, reduced with keepdim=True (`torch.max(x,
    1, keepdim=True)`, `x.mean(1, keepdim=True)`): its rank, the reduced dims 1."""
    return tensor.placeholder and bool(tensor.pending) and all(op[0] == "keep" for op in tensor.pending)


def _settle_input(interp: "Interpreter", tensor: Tensor, dims: tuple) -> Tensor:
    """The input `tensor` stands for, taken to be of `dims` (an Unknown where torch leaves a size
    open) from now on; the tensor it is."""
    analysis = interp.analysis
    whole = not any(isinstance(d, Unknown) for d in dims)
    if tensor.free is not None and tensor.free != FIRST_INPUT:
        made = Tensor(Shape(dims), tensor.free, field=(1, 1), free=None if whole else tensor.free)
        analysis.free_inputs[tensor.free] = made
        return made
    first = tensor.placeholder or tensor.free == FIRST_INPUT
    made = Tensor(Shape(dims), tensor.producer, field=tensor.field, free=None if whole or not first else FIRST_INPUT)
    if first and analysis.input is not None and (analysis.input.placeholder or analysis.input.free == FIRST_INPUT):
        analysis.input, analysis.input_shape = made, made.shape
    return made


def _ranked_by_the_known(interp: "Interpreter", sequence: list[Tensor], dim: int, equal: bool) -> list[Tensor]:
    """The inputs of unknown size among torch.cat's (`equal`: torch.stack's) operands, given the
    dims torch requires equal to a known operand's: all but `dim` for a cat, all for a stack."""
    if interp.analysis is None:
        return sequence
    known = next((t.shape.dims for t in sequence if t.shape.dims is not None and t.free is None), None)
    if known is None:
        return sequence
    axis = shapes.normalize_dim(dim, len(known))
    if axis is None and not equal:
        return sequence
    out = []
    for tensor in sequence:
        if _open_input(tensor) and tensor.shape.dims is None:
            dims = known if equal else known[:axis] + (Unknown("the share of a cat of an input given no size"),) \
                + known[axis + 1:]
            tensor = _settle_input(interp, tensor, dims)
        elif equal and tensor.free is not None and len(tensor.shape.dims) == len(known):
            tensor = _settle_input(interp, tensor, tuple(k if isinstance(d, Unknown) else d
                                                         for d, k in zip(tensor.shape.dims, known)))
        out.append(tensor)
    return out


def _input_key(tensor: Tensor) -> Any:
    """Which input an operand is: the further input's name, the first input's mark, or itself."""
    return tensor.free if tensor.free is not None else FIRST_INPUT if tensor.placeholder else id(tensor)


def _fixed_width(record: Any, rank: int) -> tuple[int, Dim] | None:
    """(axis, width) a layer fixes of its input of this rank: a conv's in_channels, a linear's
    in_features; None for a lazy layer, which takes any."""
    if field_of(record, "lazy", False):
        return None
    if isinstance(record, ConvRecord) and record.ndim and rank in (record.ndim + 1, record.ndim + 2) \
            and _sized(record.in_channels):
        return rank - record.ndim - 1, record.in_channels
    if isinstance(record, LinearRecord) and rank and _sized(record.in_features):
        return rank - 1, record.in_features
    return None


def _input_template(record: Any) -> tuple | None:
    """The dims a layer takes of an input of unknown rank (the first input's, materialized), or None."""
    made = _materialize(Tensor(Shape(None), placeholder=True), record)
    return None if made.placeholder else made.shape.dims


def settle_at_layer(interp: "Interpreter", tensor: Tensor, record: Any) -> Tensor:
    """An input given no size, or a cat of inputs not all of known size, as the layer it reaches
    settles it: a further input of unknown rank takes the rank and the count the layer fixes (its
    batch and sides its own, unknown: not guessed equal to the first input's); a cat's one operand
    of unknown width takes the difference between the width the layer fixes and the others'."""
    if interp.analysis is None or isinstance(record, PadRecord):
        return tensor
    if tensor.joined:
        return _settled_join(interp, tensor, record)
    if tensor.free in (None, FIRST_INPUT) or tensor.shape.dims is not None \
            or isinstance(record, (RecurrentRecord, EmbeddingRecord)):  # any rank: none is told
        return tensor
    if isinstance(record, LinearRecord):
        # any rank too: (M, features) is chosen, as for a first input, and the model is also run on a
        # sequence (M, L, features) (free_sequence_run): an error only the choice meets is not reported
        if field_of(record, "lazy", False) or not _sized(record.in_features):
            return tensor
        interp.analysis.free_ranks_assumed.setdefault(tensor.free, record.in_features)
        return _settle_input(interp, tensor, (Unknown(f"the batch of {tensor.free}, an input given no size"),
                                              record.in_features))
    template = _input_template(record)
    if template is None:
        return tensor
    own = Unknown(f"a size of {tensor.free}, an input given no size")
    return _settle_input(interp, tensor, tuple(d if _sized(d) else own for d in template))


def _settled_join(interp: "Interpreter", tensor: Tensor, record: Any) -> Tensor:
    dim, operands = tensor.joined
    operands = [settled(interp, t) for t in operands]
    dims = tensor.shape.dims
    if dims is None:  # inputs of unknown rank joined: the layer tells the rank of them all
        dims = _input_template(record)
        if dims is None:
            return tensor
    axis = shapes.normalize_dim(dim, len(dims))
    if axis is None:
        return tensor
    fixed = _fixed_width(record, len(dims))
    width = fixed[1] if fixed is not None and fixed[0] == axis else None
    if any(_reduced_input(t) for t in operands):
        # a layer taking any rank (a Linear) tells no rank: the dims reduced are not known then
        return tensor if layers.accepted_ranks(record) is None \
            else _settled_join_of_reductions(interp, tensor, dims, axis, width, operands)
    if width is None and tensor.shape.dims is not None:
        return tensor  # a layer that takes any width there (a LeakyReLU): the next may tell
    if any(t.shape.dims is not None and len(t.shape.dims) != len(dims) for t in operands):
        return tensor
    open_ = [i for i, t in enumerate(operands) if t.shape.dims is None or isinstance(t.shape.dims[axis], Unknown)]
    taken = [t.shape.dims[axis] for i, t in enumerate(operands) if i not in open_]
    share: Dim = Unknown("the share of a cat of inputs given no size")
    left = width - sum(taken) if isinstance(width, int) and all(isinstance(w, int) for w in taken) else None
    if left is not None and len({_input_key(operands[i]) for i in open_}) == 1 and left >= len(open_) \
            and left % len(open_) == 0:  # one input, maybe twice (`cat([x, x], 1)`); 0 is legal too, not told
        share = left // len(open_)
    elif left is not None and left < 0 and axis == 1 and isinstance(record, ConvRecord) \
            and {_input_key(operands[i]) for i in open_} == {FIRST_INPUT}:
        # the other operands alone are wider than the layer takes (an image beside a label's 5
        # channels into a conv built for 3): no width of the input runs; its channels stay the symbol
        # C, and the layer is shown C + 5 (CL103 for every C)
        share = Sym("C")
    elif width is None and not taken and open_ and {_input_key(operands[i]) for i in open_} == {FIRST_INPUT} \
            and isinstance(dims[axis], Sym) and dims[axis] == Sym("C"):
        # copies of the first input only (`cat([x, x * 2, x - 1, x * x], 1)`) before a layer taking any
        # width (a pool): each its C channels, the cat k*C, which a later layer's count may solve
        share = dims[axis]
    if isinstance(record, LinearRecord) and any(t.placeholder for t in operands):
        interp.analysis.rank_assumed = True  # the first input's rank chosen by a layer that takes any
    for i in open_:
        own = operands[i].shape.dims or dims
        operands[i] = _settle_input(interp, operands[i], tuple(
            share if index == axis else d if not isinstance(d, Unknown) else dims[index] for index, d in enumerate(own)))
    if not open_ or not isinstance(share, Unknown):
        summed: Dim = 0
        for t in operands:
            summed = shapes.dim_sum(summed, t.shape.dims[axis])
        joined = summed
    else:
        joined = width if width is not None and tensor.shape.dims is None else Unknown(
            "the width of a cat of inputs given no size")
    result = dims[:axis] + (joined,) + dims[axis + 1:]
    return Tensor(Shape(result), tensor.producer, tensor.merged, field=tensor.field)


def _settled_join_of_reductions(interp: "Interpreter", tensor: Tensor, dims: tuple, axis: int, width: Dim | None,
                                operands: list[Tensor]) -> Tensor:
    """torch.cat of the first input and its reductions with keepdim=True (a max map beside the
    image, `torch.cat((torch.max(x, 1, keepdim=True)[0], x), 1)`), settled by the layer it reaches,
    of `dims`: along a reduced dim each reduction adds 1, and the input has what the layer's width
    leaves; along another dim torch needs the input's reduced dims to be the reductions' 1, its
    only size that joins them."""
    rank = len(dims)
    kept = [{shapes.normalize_dim(a, rank) for op in t.pending for a in op[1]} for t in operands if _reduced_input(t)]
    inputs = [t for t in operands if not _reduced_input(t)]
    if not inputs or not all(_open_input(t) and t.shape.dims is None for t in inputs) \
            or any(None in axes for axes in kept) or len({_input_key(t) for t in operands}) != 1:
        return tensor
    if all(axis in axes for axes in kept):
        share: Dim = Unknown("the share of a cat of inputs given no size")
        left = width - len(kept) if isinstance(width, int) else None
        if left is not None and left >= len(inputs) and left % len(inputs) == 0:
            share = left // len(inputs)
        own = dims[:axis] + (share,) + dims[axis + 1:]
        joined: Dim = len(kept) + share * len(inputs) if isinstance(share, int) \
            else width if width is not None else Unknown("the width of a cat of inputs given no size")
    elif not any(axis in axes for axes in kept):
        ones = set().union(*kept)
        own = tuple(1 if index in ones else d for index, d in enumerate(dims))
        joined = dim_mul(dims[axis], len(operands))
    else:
        return tensor
    made = _settle_input(interp, inputs[0], own)
    result = made.shape.dims[:axis] + (joined,) + made.shape.dims[axis + 1:]
    return Tensor(Shape(result), tensor.producer, tensor.merged, field=tensor.field)


def _sized(count: Dim) -> bool:
    """A count the first layer states for the model's input: a number, or a width of a
    constructor argument (`nn.Conv2d(nc, ndf, 4)`: the input has nc channels)."""
    return is_known(count) or symbolic.is_width(count)


def _materialize(tensor: Tensor, record: Any) -> Tensor:
    if not tensor.placeholder or (isinstance(record, PadRecord) and record.type == "pad"):
        return tensor  # F.pad's tuple can pad any trailing dims: it says nothing of the rank
    batch = Sym("N")
    ndim = field_of(record, "ndim", 0)
    spatial = tuple(Sym(s) for s in SPATIAL_SYMBOLS.get(ndim, ()))
    if isinstance(record, ConvRecord):
        channels = record.in_channels if _sized(record.in_channels) else Sym("C")
        dims: tuple[Dim, ...] | None = (batch, channels, *spatial)
    elif isinstance(record, (PoolRecord, AdaptivePoolRecord, PadRecord, MaxUnpoolRecord)) and spatial:
        dims = (batch, Sym("C"), *spatial)
    elif isinstance(record, NormRecord) and record.kind in ("batch", "instance") and ndim >= 2:
        dims = (batch, record.num_features, *spatial) if _sized(record.num_features) else None
    elif isinstance(record, LinearRecord):
        # features a sum of arguments states (`nn.Linear(nz + n_classes * code_dim, 1024)`): any count C
        dims = (batch, record.in_features if _sized(record.in_features) else Sym("C"))
    elif isinstance(record, EmbeddingRecord):
        dims = (batch, Sym("L"))  # token ids: a batch of sequences (a text CNN's N x L)
    elif isinstance(record, EinopsRecord) and isinstance(record.pattern, str) \
            and (ranked := _of_rank(einops_patterns.input_rank(record.pattern))) is not None:
        dims = ranked  # a Rearrange's pattern reads that many dims, of any sizes
    elif isinstance(record, RecurrentRecord) and not record.cell and isinstance(record.batch_first, bool) \
            and _sized(record.input_size):  # a batch of sequences: (L, N, H_in), or (N, L, H_in)
        dims = (batch, Sym("L"), record.input_size) if record.batch_first else (Sym("L"), batch, record.input_size)
    else:
        dims = None
    if dims is None:
        return tensor
    return Tensor(Shape(dims), tensor.producer, field=tensor.field)


def apply_layer(interp: "Interpreter", module: ModuleNode, tensor: Tensor, span: "Span",
                start: int | None = None, output_size: Any = None, indices: Any = None) -> Any:
    """A module (or F.* op) called on a tensor: the call recorded, its result returned, which
    for a max pool built with return_indices=True is the pair (output, indices)."""
    tensor = settle_at_layer(interp, tensor, module.record)
    record = lazy_record(interp, module, module.record, materialize(tensor, module.record))
    if isinstance(output_size, InputOwnSizes) and output_size.tensor is not None:
        # `x.size()` read before the input's rank was settled: its sizes, once a layer settled them
        own = settled(interp, output_size.tensor)
        if not own.placeholder and own.shape.dims is not None:
            output_size = own.shape
    tensor, output = layer_output(interp, module, record, tensor, output_size)
    if _ceil_mode_sides(output) > _ceil_mode_sides(tensor):  # this pool's: not one it was given
        interp.unresolved_at(span, f"{module.label}: {shapes.CEIL_MODE_SIDE}, so its output sides are unknown")
    analysis = interp.analysis
    if analysis is not None:
        start = interp.next_call() if start is None else start
        analysis.calls.append(LayerCall(module, tensor, output, span, interp.call_depth, start,
                                        layer=record if record is not module.record else None,
                                        indices=indices if isinstance(indices, Tensor) else None,
                                        output_size=unpool_sizes(record, output_size)
                                        if isinstance(record, MaxUnpoolRecord) and output_size is not None else None))
        if interp.stop_at is not None and interp.surely_runs_here() and interp.stop_at(analysis.calls[-1]):
            from convlint.evaluator.interpreter import StopsHere

            raise StopsHere()
        if module.replaced:
            from convlint.evaluator.reparametrize import record_parametrizations

            record_parametrizations(interp, module, span, interp.call_depth)
    if isinstance(record, RecurrentRecord):
        return _recurrent_result(module, record, tensor, output)
    returns_indices = field_of(record, "return_indices", False)
    if returns_indices is True:
        return output, Tensor(output.shape, f"{module.label} indices")
    if isinstance(returns_indices, Unknown):
        return Unknown(f"whether {module.label} returns indices is not known")
    return output


def _ceil_mode_sides(tensor: Tensor) -> int:
    """How many sides of the tensor a ceil_mode pool left unknown (shapes.pool_out)."""
    return sum(isinstance(d, Unknown) and d.why == shapes.CEIL_MODE_SIDE for d in tensor.shape.dims or ())


def apply_attention(interp: "Interpreter", module: ModuleNode, args: list, kwargs: dict, node: "cst.CSTNode",
                    span: "Span", start: int | None = None) -> tuple:
    """nn.MultiheadAttention(query, key, value, need_weights=..., average_attn_weights=...): the
    call recorded on the query, (attn_output, attn_output_weights or None) returned."""
    bound = ATTENTION_FORWARD.bind(args, kwargs)
    query, key, value = (bound[name] if isinstance(bound[name], Tensor) else unknown_tensor(f"{name} not known")
                         for name in ("query", "key", "value"))
    record: AttentionRecord = module.record
    need, average = bound["need_weights"], bound["average_attn_weights"]
    output, weights = layers.attention_outputs(record, query.shape, key.shape, value.shape, need, average)
    if output.dims is None and all(t.shape.dims is not None for t in (query, key, value)):
        interp.unresolved(node, f"{module.label}: query, key and value of sizes not known to agree with "
                                   f"its arguments: its output shape is unknown")
    result = Tensor(output, module.label)
    if interp.analysis is not None:
        interp.analysis.calls.append(LayerCall(module, query, result, span, interp.call_depth,
                                               interp.next_call() if start is None else start))
    if weights is None:
        return result, None
    return result, Tensor(weights, f"{module.label} weights")


def apply_transformer(interp: "Interpreter", module: ModuleNode, args: list, kwargs: dict, node: "cst.CSTNode",
                      span: "Span", start: int) -> Tensor:
    """TransformerEncoderLayer / TransformerDecoderLayer's forward as torch's slow path runs it
    (torch/nn/modules/transformer.py): its children called in order, each residual sum of two
    tensors of one shape; a stack's layers one after the other, then its norm. The masks are
    not read. A query not of d_model features fails in self_attn (MultiheadAttention)."""
    record: TransformerRecord = module.record
    first = "src" if record.kind in ("encoder", "encoder_layer") else "tgt"
    source = args[0] if args else kwargs.get(first)
    memory = args[1] if len(args) > 1 else kwargs.get("memory")
    decoder = record.kind in ("decoder", "decoder_layer")
    if not isinstance(source, Tensor) or (decoder and not isinstance(memory, Tensor)) or module.incomplete \
            or not module.children:
        interp.unresolved(node, f"{module.label}: its input or its sublayers not known: its output is unknown")
        output = unknown_tensor(module.label)
        arriving = source if isinstance(source, Tensor) else unknown_tensor("a value not known")
    else:
        interp.call_depth += 1
        try:
            output = _transformer_forward(interp, module, record, source, memory, node)
        finally:
            interp.call_depth -= 1
        arriving = source
    if interp.analysis is not None:
        interp.analysis.calls.append(LayerCall(module, arriving, output, span, interp.call_depth, start))
    return output


def _transformer_forward(interp: "Interpreter", module: ModuleNode, record: TransformerRecord, x: Tensor,
                         memory: Tensor | None, node: "cst.CSTNode") -> Tensor:
    def run(name: str, *inputs: Tensor, **kwargs: Any) -> Any:
        result = interp.call_module(module.children[name], list(inputs), kwargs, node)
        return result if isinstance(result, Tensor) else unknown_tensor(module.label)

    def added(a: Tensor, b: Tensor) -> Tensor:
        """x + block(x): the shape both have, else (a block that failed, or broadcast) unknown."""
        if a.shape.dims is not None and a.shape == b.shape:
            return Tensor(a.shape, module.label)
        return unknown_tensor(module.label)

    if record.kind in ("encoder", "decoder"):
        for layer in module.children["layers"].children.values():
            extra = [memory] if record.kind == "decoder" else []
            result = interp.call_module(layer, [x, *extra], {}, node)
            x = result if isinstance(result, Tensor) else unknown_tensor(module.label)
        return run("norm", x) if "norm" in module.children else x

    def attention(name: str, query: Tensor, key: Tensor) -> Tensor:
        result = interp.call_module(module.children[name], [query, key, key], {"need_weights": False}, node)
        out = result[0] if isinstance(result, tuple) and result else result
        return out if isinstance(out, Tensor) else unknown_tensor(module.label)

    def feed_forward(h: Tensor, last_dropout: str) -> Tensor:
        h = run("linear1", h)
        if "activation" in module.children:
            h = run("activation", h)
        return run(last_dropout, run("linear2", run("dropout", h)))

    blocks = [("self_attn", None)] + ([("multihead_attn", memory)] if record.kind == "decoder_layer" else [])
    for k, (name, key) in enumerate(blocks, 1):
        if record.norm_first:
            normed = run(f"norm{k}", x)
            x = added(x, run(f"dropout{k}", attention(name, normed, normed if key is None else key)))
        else:
            x = run(f"norm{k}", added(x, run(f"dropout{k}", attention(name, x, x if key is None else key))))
    last = len(blocks) + 1
    if record.norm_first:
        return added(x, feed_forward(run(f"norm{last}", x), f"dropout{last}"))
    return run(f"norm{last}", added(x, feed_forward(x, f"dropout{last}")))


def _recurrent_result(module: ModuleNode, record: RecurrentRecord, tensor: Tensor, output: Tensor) -> Any:
    """(output, h_n) / (output, (h_n, c_n)) of RNN/GRU/LSTM, h' / (h', c') of the cells."""
    count = (2 if record.kind == "LSTM" else 1) + (0 if record.cell else 1)
    if output.shape.dims is None:
        states = [unknown_tensor(module.label) for _ in range(count - 1)]
    else:
        states = [Tensor(shape, f"{module.label} state") for shape in layers.recurrent_outputs(record, tensor.shape)[1:]]
    if record.cell:
        return (output, *states) if states else output
    return output, tuple(states) if len(states) == 2 else states[0]


def lazy_record(interp: "Interpreter", module: ModuleNode, record: Any, tensor: Tensor) -> Any:
    """The layer a lazy module is when it runs: torch sizes LazyLinear/LazyConv* by their first
    input and swaps in the plain class (LazyModuleMixin._infer_parameters: LazyLinear becomes
    Linear(in_features=input.shape[-1])); later calls run that layer. A first call on a path
    that may not run, or an in-size not known, leaves it lazy: its in-size stays unknown."""
    if not field_of(record, "lazy", False):
        return record
    analysis = interp.analysis
    earlier = [c for c in analysis.calls if c.node is module] if analysis is not None else []
    if earlier:
        first = min(earlier, key=lambda c: c.start)
        return first.layer if first.layer is not None and not first.speculative else record
    dims = tensor.shape.dims
    if isinstance(record, LinearRecord):
        size = dims[-1] if dims else None
        field_name = "in_features"
    else:
        size = layers.channel_dim(tensor.shape, record.ndim)
        field_name = "in_channels"
        if is_known(size) and is_known(record.groups) and size % record.groups:
            return record  # torch refuses ("in_channels must be divisible by groups"): not sized
    if not is_known(size):
        return record
    return record.model_copy(update={"type": record.type.removeprefix("Lazy"), field_name: size, "lazy": False})


def layer_output(interp: "Interpreter", module: ModuleNode, record: Any, tensor: Tensor,
                 output_size: Any = None) -> tuple[Tensor, Tensor]:
    """What a layer of this record gives for the tensor (and the tensor, its rank now known)."""
    was_placeholder = tensor.placeholder
    root, tensor = materialize_from_input(tensor, record)
    analysis = interp.analysis
    if analysis is not None and was_placeholder and not tensor.placeholder and analysis.input.placeholder:
        analysis.input = root
        analysis.input_shape = root.shape
        # an nn.Linear takes any rank: (N, features) is a choice, a transformer block gets (B, L, C);
        # so does an nn.Embedding: (N, L) ids is a choice, a tagger is given one sentence (L,)
        analysis.rank_assumed = isinstance(record, (LinearRecord, EmbeddingRecord))
        analysis.indices_assumed = isinstance(record, EmbeddingRecord)
        if was_placeholder and tensor is not root:  # ops applied before the layer: its own input dims too
            analysis.first_layer_input = _materialize(
                Tensor(Shape(None), root.producer, placeholder=True, field=root.field), record).shape.dims
    if module.problem is not None or isinstance(record, OpaqueRecord):
        output = unknown_tensor(module.label)
    elif isinstance(record, ElementwiseRecord) and record.type in ("Softmax", "LogSoftmax"):
        output = Tensor(tensor.shape, tensor.producer, tensor.merged, field=tensor.field)  # its own object: CL205
    elif isinstance(record, (ElementwiseRecord, NormRecord, ChannelShuffleRecord)):
        shape = layers.output_shape(record, tensor.shape)
        # same shape, its own object: "directly followed by" stays precise (CL206)
        output = replace(tensor) if shape == tensor.shape else unknown_tensor(module.label)
    elif isinstance(record, FlattenRecord):
        output = flattened_input(tensor, record.start_dim, record.end_dim) \
            or _flattened(tensor, layers.output_shape(record, tensor.shape))
    elif isinstance(record, UpsampleRecord) and (resized := resized_input(tensor, record)) is not None:
        output = resized
        if analysis is not None:
            analysis.resized_unsettled = True  # run again once a layer after it tells the input's rank
    else:
        shape = layers.output_shape(record, tensor.shape)
        if isinstance(record, MaxUnpoolRecord):
            shape = _unpooled(record, tensor.shape, shape, output_size)
        elif output_size is not None:
            shape = _sized_transpose(record, shape, output_size)
        if shape.dims is None and tensor.shape.dims is None and not tensor.placeholder:
            shape = _conv_of_an_unknown(record)
        output = Tensor(shape, module.label, field=_field(record, tensor.field),
                        tail=_linear_tail(record) if shape.dims is None and tensor.shape.dims is None
                        and not tensor.placeholder else ())
    return tensor, _layer_layout(interp, record, tensor, output)


LAYOUT_KEEPING_LAYERS = frozenset(
    "Identity ReLU ReLU6 LeakyReLU ELU SELU CELU GELU SiLU Mish Sigmoid Tanh Hardtanh Hardswish Hardsigmoid "
    "Hardshrink Softshrink Softplus Softsign Tanhshrink Threshold Dropout AlphaDropout".split())
# layers whose output torch lays out afresh, contiguously for an input in the usual layout
# (a conv, pool or norm given a channels-last map keeps that layout)
FRESH_LAYOUT = (ConvRecord, PoolRecord, AdaptivePoolRecord, MaxUnpoolRecord, LinearRecord, EmbeddingRecord,
                NormRecord, ChannelShuffleRecord, PixelShuffleRecord, UpsampleRecord)


def _layer_layout(interp: "Interpreter", record: Any, tensor: Tensor, output: Any) -> Any:
    """The layout of a layer's output: an activation or dropout keeps its input's, a conv, pool,
    norm or Linear lays its own out contiguously where its input is known to be so (a map made
    channels-last by a permute not followed, `x.permute(0, 3, 1, 2)` of an NHWC batch, stays so
    through a conv; then, and for any other layer, it is not followed)."""
    if not isinstance(output, Tensor) or output is tensor:
        return output
    if isinstance(record, ElementwiseRecord) and record.type in LAYOUT_KEEPING_LAYERS:
        return same_layout(interp, tensor, output)
    if isinstance(record, FRESH_LAYOUT) and layout_of(interp, tensor) is not None and not not_contiguous(interp, tensor):
        return laid_contiguous(interp, output)
    return output


def _linear_tail(record: Any) -> tuple:
    """The last dims of what a layer gives for a tensor of unknown rank: an nn.Linear's output
    ends in its out_features, whatever the dims before (torch's (*, H_in) -> (*, H_out))."""
    if isinstance(record, LinearRecord) and _sized(record.out_features):
        return (record.out_features,)
    return ()


def _conv_of_an_unknown(record: Any) -> Shape:
    """A conv fed a tensor of a shape not followed (a spectral front end, torchaudio's transforms):
    what it gives, if it runs on a batch, has its out_channels (N, C_out, *sides): the layers after
    it are checked on those channels, the batch and sides unknown."""
    if not isinstance(record, ConvRecord) or not _sized(record.out_channels) or not record.ndim:
        return Shape(None)
    unknown = Unknown("a size after a tensor not followed")
    return Shape((unknown, record.out_channels, *([unknown] * record.ndim)))


def unpool_sizes(record: MaxUnpoolRecord, output_size: Any) -> tuple | None:
    """The spatial entries of a MaxUnpool's output_size= (of n or n + 2 entries); None when
    not given or not known as a sequence."""
    n = record.ndim
    sizes = list(output_size.dims or ()) if isinstance(output_size, Shape) else \
        list(output_size) if isinstance(output_size, (list, tuple)) else None
    if sizes is not None and len(sizes) == n + 2:
        sizes = sizes[2:]
    return tuple(sizes) if sizes is not None and len(sizes) == n else None


def _unpooled(record: MaxUnpoolRecord, arriving: Shape, shape: Shape, output_size: Any) -> Shape:
    """MaxUnpool's output: the input's sides scaled back, or output_size= within a stride of the
    default size (_unpool_output_size); one not known is unknown. An output_size torch surely
    refuses (a stage's saved size passed to another stage) is CL107's finding: the output is then
    the default size, as the fix (that stage's own size) gives. Indices of another shape than the
    input are CL107's finding too: the output is then the one the indices of the input's own pool
    give, as the fix makes it."""
    if shape.dims is None:
        return shape
    if output_size is None:
        return shape
    n = record.ndim
    sizes = unpool_sizes(record, output_size)
    if sizes is None:
        return Shape(shape.dims[:-n] + (Unknown("output_size not known statically"),) * n)
    out: list[Dim] = []
    spatial = arriving.dims[-n:] if arriving.dims is not None else (Unknown("input"),) * n
    refused = arriving.dims is not None and shapes.unpool_output_size_refused(
        spatial, record.kernel_size, record.stride, record.padding, sizes) is not None
    for i, k, stride, p, wanted, default in zip(spatial, record.kernel_size, record.stride, record.padding,
                                                sizes, shape.dims[-n:]):
        if refused:
            out.append(default)
            continue
        fits = shapes.unpool_size_fits(shapes.max_unpool_out(i, k, stride, p), stride, wanted)
        usable = (is_known(wanted) and wanted >= 1) or isinstance(wanted, Sym)
        out.append(wanted if usable and fits is not False else Unknown("output_size"))
    return Shape(shape.dims[:-n] + tuple(out))


def _sized_transpose(record: Any, shape: Shape, output_size: Any) -> Shape:
    """ConvTranspose called with output_size=: torch picks the output_padding that gives those
    sizes (the last len(kernel) entries); what is not known stays unknown."""
    spatial = len(record.kernel_size)
    if shape.dims is None:
        return shape
    sizes = list(output_size.dims or ()) if isinstance(output_size, Shape) else \
        list(output_size) if isinstance(output_size, (list, tuple)) else []
    sizes = sizes[-spatial:]
    if len(sizes) != spatial:
        sizes = [Unknown("output_size not known statically")] * spatial
    sizes = [d if is_known(d) or isinstance(d, (Sym, Unknown)) else Unknown("output_size") for d in sizes]
    return Shape(shape.dims[:-spatial] + tuple(sizes))


def _field(record: Any, before: tuple[int, int] | None) -> tuple[int, int] | None:
    """Receptive field and jump after a window layer: rf + d(k-1) * jump, jump * s (first spatial dim)."""
    if before is None:
        return None
    if isinstance(record, (PadRecord, UpsampleRecord, MaxUnpoolRecord, PixelShuffleRecord)) or \
            (isinstance(record, ConvRecord) and record.transposed):
        return None if not isinstance(record, PadRecord) else before
    if isinstance(record, (ConvRecord, PoolRecord)):
        k, s, d = record.kernel_size[0], record.stride[0], record.dilation[0]
        if not all(is_known(v) for v in (k, s, d)):
            return None
        rf, jump = before
        return rf + d * (k - 1) * jump, jump * s
    return None


def _never_one(dim: Dim, axis: int) -> bool:
    """A symbolic dim squeeze() keeps: one that is 1 at no input size (`2*H`), or the batch
    (`fea.squeeze()` to drop a pooled 1x1 map is written for batches of more than one: with a
    batch of one nothing after it would be batched either)."""
    if not isinstance(dim, Sym):
        return False
    return (axis == 0 and dim == Sym("N")) or not symbolic.can_equal(dim, 1)


def flattened_input(tensor: Tensor, start_dim: Any, end_dim: Any) -> Tensor | None:
    """torch.flatten(x, 1), x.flatten(1), nn.Flatten()(x) of the input, its rank not known (an
    MLP on images): torch takes any rank from 2 on and keeps dim 0, so the result is N x the
    features, whatever they are, as for x.view(x.size(0), -1). None for other dims."""
    if not tensor.placeholder or tensor.pending or tensor.shape.dims is not None \
            or type(start_dim) is not int or type(end_dim) is not int or (start_dim, end_dim) != (1, -1):
        return None
    return Tensor(Shape((Sym("N"), Unknown("the features of an input of unknown size"))), tensor.producer)


def _flattened(tensor: Tensor, shape: Shape) -> Tensor:
    """Keep the producer and note which dims made the last one, for `16 x 5 x 5 = 400`."""
    merged = None
    if shape.dims and tensor.shape.dims and len(shape.dims) < len(tensor.shape.dims):
        last = shape.dims[-1]
        for start in range(len(shape.dims) - 1, len(tensor.shape.dims) - 1):  # the dims before it are kept
            suffix = tensor.shape.dims[start:]
            if len(suffix) >= 2 and dims_product(suffix) == last and not isinstance(last, Unknown):
                merged = suffix
                break
        kept = len(shape.dims) - 1
        if merged is None and isinstance(last, Unknown) and len(tensor.shape.dims) - kept >= 2 and \
                all(is_known(d) or isinstance(d, Sym) for d in shape.dims[:kept]) and \
                shape.dims[:kept] == tensor.shape.dims[:kept]:
            # the leading dims kept as they were: the last one holds all the others, whatever they are
            merged = tensor.shape.dims[kept:]
    return Tensor(shape, tensor.producer, merged, field=None)


def _argument_written(node: "cst.CSTNode", keyword: str, position: int) -> "cst.BaseExpression | None":
    """The expression a call writes for an argument, by keyword or at its position (no unpacking)."""
    import libcst as cst

    if not isinstance(node, cst.Call):
        return None
    for index, arg in enumerate(node.args):
        if arg.star:
            return None
        if arg.keyword is not None and arg.keyword.value == keyword or arg.keyword is None and index == position:
            return arg.value
    return None


def functional_layer(interp: "Interpreter", record_factory: Any, name: str, node: "cst.CSTNode") -> ModuleNode:
    span = interp.span(node)
    try:
        record = record_factory()
        return ModuleNode(record, span, path=name, functional=True)
    except ValidationError as error:
        return ModuleNode(OpaqueRecord(type=name, qualified_name=name), span, path=name, functional=True,
                          problem=describe_validation_error(error))
    except (TypeError, ValueError, AttributeError):
        return ModuleNode(OpaqueRecord(type=name, qualified_name=name), span, path=name, functional=True)


# --------------------------------------------------------------------- torch.* and F.* calls
# the key of a trial edit of the sizes a tensor maker's call makes, {(its span, SIZES_EDIT): dims}:
# a parameter's sizes written in the wrong order (`torch.randn(dim, n)` for (n, dim)), whatever they read
SIZES_EDIT = "<sizes>"
SIZED_MAKERS = frozenset(f"torch.{name}" for name in ("zeros", "ones", "empty", "rand", "randn", "full", "Tensor",
                                                      "FloatTensor"))


def call_ref(interp: "Interpreter", qualified: str, args: list, kwargs: dict, node: "cst.CSTNode") -> Any:
    made = _call_ref(interp, qualified, args, kwargs, node)
    if qualified not in SIZED_MAKERS or not isinstance(made, (Tensor, KnownTensor)) or node is None \
            or interp.analysis is None or interp.analysis.input is not None:
        return made  # (in forward(): a tensor of the input's sizes, no line of a parameter's)
    span = interp.span(node)
    edit = interp.argument_overrides.get((span, SIZES_EDIT)) if interp.argument_overrides else None
    if edit is not None:
        return Tensor(Shape(tuple(edit)), made.producer, made_by=span)
    if isinstance(made, KnownTensor):
        made.made_by = span
        return made
    return replace(made, made_by=span) if made.shape.dims is not None else made


def _call_ref(interp: "Interpreter", qualified: str, args: list, kwargs: dict, node: "cst.CSTNode") -> Any:
    namespace, _, name = qualified.rpartition(".")
    if namespace in ("torch", "torch.Tensor"):
        kwargs = torch_keywords(kwargs)
    if namespace == "torch":
        known = known_tensors.call_torch(name, args, kwargs)  # torch.arange(16) * 27.89: the values
        if isinstance(known, KnownTensor) and name in SIZES_WRITTEN_MAKERS:
            # `torch.ones(out_ch, in_ch, k, k)` in a block: the parameters it is sized by, traced
            known.sizes_passed, known.built_via = interp.sizes_passed_at(node, len(known.shape), name == "full")
            written = interp.sizes_written_at(node, len(known.shape), name == "full")
            known.sizes_written = written if any(written) else ()
        if known is not None:
            return known
    if qualified == "inspect.isfunction" and len(args) == 1 and not kwargs:
        from convlint.evaluator.builtins import is_function

        return is_function(args[0])  # `if isfunction(activation): return activation()`
    if qualified in ("copy.copy", "copy.deepcopy") and args and isinstance(args[0], KnownTensor):
        made = args[0]
        return KnownTensor(made.shape, made.dtype, made.values, made.producer)
    if qualified in ("numpy.all", "numpy.any") and len(args) == 1 and not kwargs and isinstance(args[0], KnownTensor):
        decided = known_tensors.every_element(args[0], any_one=name == "any")  # `if np.all(np.array(hs) == h):`
        return decided if decided is not None else Unknown(f"{qualified} of values not known")
    if _holds_known(args, kwargs):
        if _may_write(namespace, name, args, kwargs):
            spoil_known(args, kwargs)
        args, kwargs = [shape_only(a) for a in args], {k: shape_only(v) for k, v in kwargs.items()}
    if qualified in ("collections.OrderedDict", "typing.OrderedDict"):
        return _ordered_dict(args, kwargs)
    if qualified in ("torch.nn.Parameter", "torch.nn.parameter.Parameter"):
        data = args[0] if args else kwargs.get("data")
        return Tensor(data.shape if isinstance(data, Tensor) else Shape(None), "a parameter", parameter=True,
                      sizes_written=data.sizes_written if isinstance(data, Tensor) else (),
                      made_by=data.made_by if isinstance(data, Tensor) and data.made_by else interp.span(node),
                      sizes_passed=data.sizes_passed if isinstance(data, (Tensor, KnownTensor)) else (),
                      built_via=data.built_via if isinstance(data, (Tensor, KnownTensor)) else ())
    if qualified in ("torch.autograd.Variable", "torch.autograd.variable.Variable") and args \
            and isinstance(args[0], Tensor):
        return args[0]  # Variable(x) is x since torch 0.4 (DA-RNN, older audio code)
    if qualified in ("copy.copy", "copy.deepcopy") and args:
        return _copy(args[0], deep=qualified == "copy.deepcopy")
    if qualified in ("torch.nn.parallel.data_parallel", "torch.nn.parallel.data_parallel.data_parallel") \
            and len(args) >= 2 and isinstance(args[1], Tensor):
        # the same shapes as one device; the module may be a bound method (`self.main`) as well
        return interp.call(args[0], [args[1]], {}, node)
    if namespace == "torch" and name in LEGACY_DTYPES and len(args) == 1 and not kwargs \
            and isinstance(args[0], (list, tuple)) and not isinstance(args[0], TorchSize):
        # torch.Tensor([0.4, 0.4, 0.4]), torch.Tensor(rgb_mean) of a tuple: data, as torch.tensor of that dtype
        made = known_tensors.from_data(list(args[0]), LEGACY_DTYPES[name], f"torch.{name}")
        return made if made is not None else unknown_tensor(f"torch.{name} of data not known")
    if namespace in ("torch", "torch.cuda") and name in LEGACY_CONSTRUCTORS and len(args) == 1 and not kwargs \
            and isinstance(args[0], Tensor):
        return replace(args[0], parameter=False)  # torch.Tensor(torch.zeros(B, N, P)): the data, as a tensor
    if namespace in ("torch", "torch.cuda") and name in LEGACY_CONSTRUCTORS and not kwargs \
            and (sizes := _legacy_sizes(args)) is not None:
        # torch.Tensor(1, C, 1), torch.cuda.FloatTensor(n), torch.FloatTensor(std.size()): sizes,
        # uninitialised (a list or a plain tuple would be data)
        return _sizes_written(interp, Tensor(Shape(sizes), f"{namespace}.{name}"), node)
    if namespace == "torch" and name == "eye":
        return _eye(args, kwargs)
    if namespace == "torch" and name in ("zeros", "ones", "empty", "rand", "randn", "full", "zeros_like",
                                         "ones_like", "empty_like", "rand_like", "randn_like", "full_like"):
        if (same := _shaped_as_open_input(interp, name, args, kwargs)) is not None:
            return same
        made = _created(name, args, kwargs)
        if name in SIZES_WRITTEN_MAKERS and made.shape.dims is not None and _sizes_written_out(node):
            made = replace(made, written_at=interp.span(node))
        if name.endswith("_like"):
            return made
        made = _sizes_written(interp, made, node, first_only=name == "full")
        return _sized_by_a_shape_tuple(interp, made, args[0] if len(args) == 1 else kwargs.get("size"))
    if namespace == "torch" and name == "arange":  # values not known (those known are KnownTensors)
        return Tensor(Shape((_arange_length(args, kwargs),)), "torch.arange")
    if namespace == "torch" and name == "linspace":  # values not known (those known are KnownTensors)
        return Tensor(Shape((_linspace_length(args, kwargs),)), "torch.linspace")
    if namespace == "torch" and name in WINDOWS:
        length = args[0] if args else kwargs.get("window_length")
        if isinstance(length, int) and not isinstance(length, bool) and length >= 0:
            return Tensor(Shape((length,)), f"torch.{name}")  # periodic or not, window_length samples
        return unknown_tensor(f"torch.{name} of a length not known")
    if qualified == "math.prod":
        return _math_prod(args, kwargs)
    if namespace == "math":
        return _math(name, args)
    if namespace.startswith(("numpy", "scipy.signal", "scipy.stats")) \
            and (made := numpy_arrays.call_numpy(qualified, args, kwargs)):
        return made
    if qualified in ("torch.from_numpy", "torch.as_tensor", "torch.tensor", "torch.asarray") and args \
            and isinstance(args[0], Tensor):
        return replace(args[0], parameter=False)  # torch.from_numpy(kernel): an array made here, by its shape
    if namespace == "numpy" and name in NUMPY_ROUNDINGS:
        return _numpy_rounding(name, args, kwargs)
    if namespace == "numpy" and name in ("abs", "absolute") and len(args) == 1 and not kwargs \
            and type(args[0]) in (int, float) and abs(args[0]) < 2 ** 63:
        return abs(args[0])  # np.abs(j - k) of Python numbers: an int64 or float64 of that value
    if namespace == "numpy" and name in NUMPY_INT_DIVISIONS:
        return _numpy_int_division(name, args, kwargs)
    if namespace == "numpy" and name in NUMPY_EXACT_MATH:
        return _numpy_math(name, args, kwargs)
    if qualified in ("numpy.power", "numpy.square"):
        return _numpy_power(args if name == "power" else [*args, 2], kwargs)
    if qualified == "numpy.linspace":
        return known_tensors.numpy_linspace(args, kwargs) or _numpy_linspace(args, kwargs)
    if namespace == "numpy" and name in NUMPY_WHOLE_REDUCTIONS and _a_whole_reduction(args, kwargs):
        # `obs / (np.max(high) - np.min(low))`: of no axis, a numpy scalar whatever it reduces
        # (an array, a list; numpy refuses a torch tensor), so a tensor combined with it keeps its shape
        return UnknownNumber(f"numpy.{name} of values not known statically")
    if qualified in ("numpy.prod", "numpy.product", "math.prod") and len(args) == 1 and not kwargs:
        items = list(args[0]) if isinstance(args[0], (list, tuple)) else None
        if items is not None and all(isinstance(i, int) and not isinstance(i, bool) for i in items):
            return math.prod(items)  # np.prod(img_shape): the features of an image, as an int
        if items and all(isinstance(i, (int, Sym)) and not isinstance(i, bool) for i in items):
            # np.prod(o.size()) of a probe's output (64 x H' x W'): its element count, a product of sizes
            return dims_product(items)
        return Unknown(f"{qualified} of values not known")
    if namespace == "einops" and name in einops_patterns.OPERATIONS:
        return _einops(interp, name, args, kwargs, node)
    if namespace == "torch.nn.init" and name.endswith("_") and args and isinstance(args[0], Tensor):
        return args[0]  # nn.init.trunc_normal_(w, std=.02) fills w in place and returns it
    if (namespace, name) in LINALG_FUNCTIONS and (args or "input" in kwargs or "A" in kwargs):
        matrix = args[0] if args else kwargs.get("input", kwargs.get("A"))
        return linear_algebra(interp, matrix, LINALG_FUNCTIONS[namespace, name], args[1:], kwargs, node,
                              f"{namespace}.{name}")
    if (namespace, name) in NORMS:  # torch.norm(x, 2, 1, True), torch.linalg.vector_norm(x, dim=-1): as x.norm
        signature = NORMS[namespace, name]
        first = signature.params[0][0]
        bound = signature.bind(args, {first if key == "input" else key: value for key, value in kwargs.items()})
        if isinstance(bound[first], Tensor):
            return tensor_method(interp, bound[first], "norm", [None, bound["dim"], bound["keepdim"]], {}, node,
                                 label=f"{namespace}.{name}")
    if namespace not in TORCH_NAMESPACES:
        if any(isinstance(a, Tensor) for a in (*args, *kwargs.values())):
            interp.unresolved(node, f"{qualified} is not modelled: its result shape is unknown")
            return unknown_tensor(qualified)
        return Unknown(f"{qualified} is not evaluated")
    tensor = args[0] if args and isinstance(args[0], Tensor) else kwargs.get("input")
    label = f"F.{name}" if namespace == "torch.nn.functional" else f"torch.{name}"
    if name in ("cat", "concat", "concatenate"):
        sequence = args[0] if args else kwargs.get("tensors")
        dim = args[1] if len(args) > 1 else kwargs.get("dim", 0)
        return concatenate(interp, sequence, dim, node, label)
    if name == "bmm" and len(args) == 2 and all(isinstance(a, Tensor) for a in args):
        return _bmm(interp, args[0], args[1], label, interp.span(node))
    if name in ("outer", "ger") and namespace == "torch" and len(args) == 2 and not kwargs:
        return _outer(interp, args[0], args[1], label, node)
    if name == "stack" and namespace == "torch":
        return _stack(interp, args[0] if args else kwargs.get("tensors"), args[1] if len(args) > 1 else
                      kwargs.get("dim", 0), label, node)
    if name == "cdist" and namespace in ("torch", "torch.functional"):
        return _cdist(interp, args[0] if args else kwargs.get("x1"), args[1] if len(args) > 1 else kwargs.get("x2"),
                      label, node)
    if name == "meshgrid" and namespace in ("torch", "torch.functional"):
        return _meshgrid(interp, args, kwargs, label, node)
    if name in ("matmul", "mm") and namespace == "torch" and len(args) == 2:
        return matmul(interp, args[0], args[1], label, interp.span(node))
    if name == "einsum" and namespace == "torch" and args and isinstance(args[0], str):
        return _einsum(interp, args[0], args[1:], label, node)
    if name == "one_hot" and namespace == "torch.nn.functional":
        return _one_hot(args[0] if args else kwargs.get("tensor"),
                        args[1] if len(args) > 1 else kwargs.get("num_classes", -1), label)
    if name == "where" and namespace == "torch" and len(args) + len(kwargs) == 3:
        return _where(args, kwargs, label)
    if name in BROADCASTING and namespace == "torch" and len(args) == 2 and all(isinstance(a, Tensor) for a in args):
        return binary(interp, label, args[0], args[1], interp.span(node))  # torch.atan2(imag, real)
    if name in COMPARISON_METHODS and namespace == "torch" and len(args) == 2 and not kwargs \
            and isinstance(args[0], Tensor) and (isinstance(args[1], bool) or a_number(args[1])):
        return compared(args[0], args[1])  # torch.gt(x, 0.5): a bool tensor of x's shape
    if name in ("add", "mul", "sub", "subtract", "multiply", "div") and len(args) >= 2:
        operator = {"add": "Add", "sub": "Subtract", "subtract": "Subtract", "div": "Divide"}.get(name, "Multiply")
        return binary(interp, operator, args[0], args[1], interp.span(node))
    if name == "affine_grid" and namespace == "torch.nn.functional":
        bound = AFFINE_GRID.bind(args, kwargs)
        return _affine_grid(interp, bound["theta"], bound["size"], label, node)
    if name == "grid_sample" and namespace == "torch.nn.functional":
        bound = GRID_SAMPLE.bind(args, kwargs)
        return _grid_sample(interp, bound["input"], bound["grid"], bound["mode"], label, node)
    if not isinstance(tensor, Tensor):
        if any(isinstance(a, Tensor) for a in (*args, *kwargs.values())):  # torch.einsum("ij,jk", a, b)
            interp.unresolved(node, f"{label} is not modelled: its result shape is unknown")
            return unknown_tensor(label)
        return Unknown(f"{label} without a tensor")
    rest = args[1:]
    if name in DROPOUT_OPS and namespace == "torch.nn.functional":
        given = "training" in kwargs or len(args) >= 3  # F.dropout(input, p=0.5, training=True, ...)
        result = replace(tensor)
        _record_op(interp, TensorOp(label, (tensor,), result, interp.span(node), None, {"training": given}))
        return result
    if name in ("softmax", "log_softmax"):
        return _softmax(interp, tensor, label, node)
    if name == "batch_norm" and namespace == "torch.nn.functional" and _functional_record(name, args, kwargs):
        # sized by its running stats or weight: `F.batch_norm(x, self.running_mean, ...)` in a norm's forward
        return _functional_layer_op(interp, name, tensor, args, kwargs, node, label)
    if name in ELEMENTWISE_OPS or name in ("roll", "flip") and namespace == "torch":
        # F.relu(p) of an nn.Parameter is a plain tensor; any other stays the tensor it was, so that
        # the layer that made it is still known (CL107 follows a path back through F.relu)
        _note_activated(interp, tensor, name)
        if name not in LAYOUT_KEEPING and not_contiguous(interp, tensor):
            # F.layer_norm(x) of a permuted x: torch lays its result out afresh, not as x is
            return replace(tensor, parameter=False)
        return replace(tensor, parameter=False) if tensor.parameter else tensor
    if name == "masked_fill" and namespace == "torch":
        return _masked_fill(interp, tensor, args[1] if len(args) > 1 else kwargs.get("mask"), label, node)
    if name in POOL_OPS:
        return _functional_pool(interp, name, tensor, args, kwargs, node, label)
    if name in ("interpolate", "upsample", "upsample_nearest", "upsample_bilinear"):
        bound = INTERPOLATE.bind(args, kwargs)
        from convlint.evaluator.builtins import scale_of_an_argument

        scale_of_an_argument(interp, bound["scale_factor"])
        made = functional_layer(
            interp, lambda: UpsampleRecord(type="Upsample", size=bound["size"], scale_factor=bound["scale_factor"],
                                           mode=bound["mode"]), label, node)
        written = _argument_written(node, "scale_factor", 2)
        if written is not None:  # (where a finding on the factor points, the call running over lines)
            made.written_at = {**made.written_at, "scale_factor": interp.written_span(written)}
        return apply_layer(interp, made, tensor, interp.span(node))
    if name == "pad":
        bound = F_PAD.bind(args, kwargs)
        pad = bound["pad"]
        if not isinstance(pad, (list, tuple)) or len(pad) % 2:
            return unknown_tensor(label)
        if tensor.placeholder and isinstance(bound["mode"], str):  # the input, its rank not yet known
            return deferred(tensor, ("pad", tuple(pad), bound["mode"]))
        made = functional_layer(interp, lambda: PadRecord(type="pad", ndim=len(pad) // 2, padding=tuple(pad),
                                                          mode=bound["mode"]), label, node)
        return apply_layer(interp, made, tensor, interp.span(node))
    if name in FUNCTIONAL_LAYERS and (namespace == "torch.nn.functional" or
                                      (namespace == "torch" and name in TORCH_LEVEL_LAYERS)):
        return _functional_layer_op(interp, name, tensor, args, kwargs, node, label)
    if name in SELECTIONS:
        return selection(interp, tensor, name, list(rest), kwargs, node, label)
    if name in ("var_mean", "std_mean") and namespace == "torch":
        # `v, m = torch.var_mean(w, dim=[1, 2, 3], keepdim=True)`: the var (std) and the mean,
        # each reduced as x.var(dim, unbiased, keepdim) is
        reduced = _reduce(tensor, _reduction_arguments(name, list(rest)), kwargs)
        return (reduced, replace(reduced, producer=f"{label} mean"))
    if name in ("flatten", "reshape", "squeeze", "unsqueeze", "permute", "transpose", "mean", "sum", "amax",
                "amin", "swapaxes", "movedim", "t", "chunk", "split", "var", "std", "prod", "logsumexp",
                "tensor_split", "unbind", "repeat_interleave", "index_select", *CUMULATIVE):
        return tensor_method(interp, tensor, name, list(rest), kwargs, node, label=label)
    interp.unresolved(node, f"{label} is not modelled: its result shape is unknown")
    return unknown_tensor(label)


# torch's and torch.linalg's linear algebra, by the shape rule each follows (shapes.linalg_shapes)
LINALG_FUNCTIONS = {
    **{("torch", name): name for name in
       "qr diag det slogdet inverse cholesky matrix_exp pinverse triu tril logdet".split()},
    **{("torch.linalg", name): name for name in "qr det slogdet cholesky matrix_exp lu".split()},
    ("torch.linalg", "inv"): "inverse", ("torch.linalg", "pinv"): "pinverse",
    # numpy's and scipy's, on arrays made at construction (Glow's LU-decomposed 1x1 conv)
    **{(namespace, name): name for namespace in ("numpy.linalg", "scipy.linalg") for name in "qr det cholesky".split()},
    ("numpy.linalg", "inv"): "inverse", ("scipy.linalg", "inv"): "inverse", ("numpy.linalg", "pinv"): "pinverse",
    ("scipy.linalg", "lu"): "lu", ("scipy.linalg", "expm"): "matrix_exp",
    **{("numpy", name): name for name in ("diag", "triu", "tril")},
}
# the mode each library's qr takes, as torch names it ("r" of numpy or scipy gives R alone: not followed)
QR_MODES = {"torch": {"reduced": "reduced", "complete": "complete", "r": "r"},
            "numpy": {"reduced": "reduced", "complete": "complete"},
            "scipy": {"full": "complete", "economic": "reduced"}}
LINALG_METHODS = frozenset("qr diag det slogdet inverse cholesky matrix_exp pinverse triu tril logdet".split())
# the names of the tensors each returns (torch.return_types), read as .Q, .sign, ...
LINALG_FIELDS = {"qr": ("Q", "R"), "slogdet": ("sign", "logabsdet"), "lu": ("P", "L", "U")}


def linear_algebra(interp: "Interpreter", matrix: Any, name: str, args: list, kwargs: dict, node: "cst.CSTNode",
                   label: str) -> Any:
    """torch.qr / torch.linalg.qr, torch.diag, det, slogdet, inverse and the like: what they give
    by torch's shape rules; an argument or size not known leaves the result unknown."""
    fields = LINALG_FIELDS.get(name, ())
    out = None
    if isinstance(matrix, Tensor) and matrix.shape.dims is not None:
        if name == "qr":
            library = label.split(".")[0] if label.startswith(("numpy", "scipy")) else "torch"
            some = args[0] if args and label == "torch.qr" else kwargs.get("some", True)
            mode = args[0] if args and label != "torch.qr" else kwargs.get("mode", "full" if library == "scipy" else
                                                                          "reduced")
            mode = QR_MODES[library].get(mode) if isinstance(mode, str) and some is True else \
                "complete" if some is False else None
        elif name == "lu" and (args or set(kwargs) - {"overwrite_a", "check_finite", "pivot"}):
            mode = None  # scipy's permute_l / p_indices change what it returns
        else:
            mode = "reduced"
        diagonal = args[0] if args and name in ("diag", "triu", "tril") else kwargs.get("diagonal", kwargs.get("k", 0))
        if isinstance(mode, str) and (is_known(diagonal) and not isinstance(diagonal, bool)):
            out = shapes.linalg_shapes(name, matrix.shape.dims, mode, diagonal)
    if out is None or any(isinstance(d, Unknown) for dims in out for d in dims):
        if isinstance(matrix, Tensor) and matrix.shape.dims is not None:
            interp.unresolved(node, f"{label} of a {matrix.shape} tensor, or with arguments not known statically: "
                                    "its result shape is unknown")
        unknown = unknown_tensor(label)
        return LinalgTensors((unknown,) * len(fields), fields) if fields else unknown
    made = tuple(Tensor(Shape(dims), label) for dims in out)
    return LinalgTensors(made, fields) if fields else made[0]


class LinalgTensors(ValuesIndices):
    """torch.return_types.qr / slogdet / linalg.lu: a tuple of tensors also read by name (`.Q`)."""

    def __new__(cls, tensors: tuple, fields: tuple):
        made = super().__new__(cls, tensors)
        made.fields = fields
        return made


DROPOUT_OPS = ("dropout", "dropout1d", "dropout2d", "dropout3d", "alpha_dropout", "feature_alpha_dropout")
FUNCTIONAL_LAYERS = frozenset(
    "conv1d conv2d conv3d conv_transpose1d conv_transpose2d conv_transpose3d linear embedding max_unpool1d "
    "max_unpool2d max_unpool3d pixel_shuffle pixel_unshuffle channel_shuffle native_channel_shuffle unfold fold "
    "instance_norm glu".split())
# the ones torch.* also has with F's arguments (torch.embedding takes the weight first; Tensor.unfold slides one dim)
TORCH_LEVEL_LAYERS = frozenset(name for name in FUNCTIONAL_LAYERS if name.startswith(("conv", "pixel_"))) | {
    "channel_shuffle", "native_channel_shuffle", "instance_norm"}


def _functional_layer_op(interp: "Interpreter", name: str, tensor: Tensor, args: list, kwargs: dict,
                         node: "cst.CSTNode", label: str) -> Any:
    """F.* ops that compute what a layer computes, as that layer's record (a functional node):
    F.conv2d/F.linear/F.embedding sized by their weight tensor, as torch sizes them."""
    if name in ("pixel_shuffle", "pixel_unshuffle"):
        from convlint.evaluator.builtins import factor_of_an_argument

        factor_of_an_argument(interp, args[1] if len(args) > 1 else kwargs.get(
            "upscale_factor", kwargs.get("downscale_factor")), node, label)
    build = _functional_record(name, args, kwargs)
    if build is None:
        interp.unresolved(node, f"{label}: the shape of its weight is not known statically, nor its result's")
        return unknown_tensor(label)
    made = functional_layer(interp, build, label, node)
    weight = kwargs.get("weight", args[1] if len(args) > 1 else None)
    if name == "batch_norm":
        weight = _batch_norm_sizing(F_BATCH_NORM.bind(args, kwargs))
    owner = weight.owner if isinstance(weight, Tensor) else None
    if owner is None and isinstance(weight, Tensor) and interp.running \
            and (base := interp.running[-1].base) is not None and type(base) is type(made.record) \
            and (own := layers.parameter_shapes(base)) is not None and weight.shape.dims == tuple(own["weight"]):
        # `F.linear(x, self.weight + self.sigma_weight * self.epsilon_weight, self.bias)` in the forward of
        # an nn.Linear subclass (a NoisyNet layer): a weight of the layer's own shape, sized where it is built
        owner = interp.running[-1]
    made.weight_held = owner is None and isinstance(weight, Tensor)
    if owner is None and made.problem is None and isinstance(weight, Tensor) and weight.sizes_written:
        _weight_count_written_at(made, weight)
    if owner is None and made.problem is None and isinstance(weight, Tensor) and weight.sizes_passed:
        _weight_sizes_passed(made, weight)
    if owner is not None and made.problem is None:
        # `F.conv1d(x, self.weight, ...)` in a torch layer subclass: its sizes are written where
        # that layer is built, and the call sites that built it lead there
        made.span, made.via, made.arg_origins, made.path = owner.span, owner.via, owner.arg_origins, owner.path
        made.names_at_build = owner.names_at_build
    if name.startswith("max_unpool"):
        bound = F_MAX_UNPOOL.bind(args, kwargs)
        return apply_layer(interp, made, tensor, interp.span(node), output_size=bound["output_size"],
                           indices=bound["indices"])
    return apply_layer(interp, made, tensor, interp.span(node))


def _weight_count_written_at(made: ModuleNode, weight: Tensor) -> None:
    """F.linear or F.conv* applying a parameter whose sizes the constructor wrote (a cosine
    classifier's `Parameter(torch.FloatTensor(num_classes, 256))`): the input count it checks is
    that weight's, written where the parameter's size is, the line to change (the call related)."""
    record = made.record
    if isinstance(record, LinearRecord):
        argument, dim = "in_features", 1
    elif isinstance(record, ConvRecord) and record.groups == 1:
        argument, dim = "in_channels", 0 if record.transposed else 1
    else:
        return
    if dim < len(weight.sizes_written) and weight.sizes_written[dim] is not None:
        made.written_at = {**made.written_at, argument: weight.sizes_written[dim]}


def _weight_sizes_passed(made: ModuleNode, weight: Tensor) -> None:
    """F.conv2d or F.linear applying a tensor a block's constructor made from its parameters (a
    partial conv's `torch.ones(out_ch, in_ch, k, k)` mask updater): its counts traced to the
    callers that passed them, as those of a layer built there are, so a count that does not fit is
    blamed at the call that passed it (the calls on the way noted)."""
    record = made.record
    if isinstance(record, LinearRecord):
        dims = {"in_features": 1, "out_features": 0}
    elif isinstance(record, ConvRecord) and record.groups == 1:
        dims = {"in_channels": 0, "out_channels": 1} if record.transposed else {"in_channels": 1, "out_channels": 0}
    else:
        return
    passed = {argument: weight.sizes_passed[dim] for argument, dim in dims.items()
              if dim < len(weight.sizes_passed) and weight.sizes_passed[dim] is not None}
    if not passed:
        return
    made.arg_origins = {argument: found[0] for argument, found in passed.items()}
    made.read_at = {argument: found[2] for argument, found in passed.items() if len(found) > 2}
    made.names_passed = {argument: found[1] for argument, found in passed.items() if found[1]}
    made.via = weight.built_via


def _batch_norm_sizing(bound: dict) -> Tensor | None:
    """The first of F.batch_norm's running_mean, running_var, weight and bias known to be one
    known size (a layer's own, its owner where that layer is built); None where none is."""
    for name in ("running_mean", "running_var", "weight", "bias"):
        dims = _weight_dims(bound[name], 1)
        if dims is not None and is_known(dims[0]):
            return bound[name]
    return None


def _weight_dims(weight: Any, rank: int) -> tuple | None:
    if not isinstance(weight, Tensor) or weight.shape.dims is None or len(weight.shape.dims) != rank:
        return None
    return weight.shape.dims


def _given(value: Any) -> Any:
    """A bias argument as the record's flag: a tensor is a bias, None is none."""
    return value if isinstance(value, Unknown) else value is not None


def _functional_record(name: str, args: list, kwargs: dict) -> Any:
    """A factory of the record an F.* layer op computes with, or None when it cannot be sized."""
    if name.startswith("conv"):
        transposed = "transpose" in name
        n = int(name[-2])
        bound = (F_CONV_T if transposed else F_CONV).bind(args, kwargs)
        weight = _weight_dims(bound["weight"], n + 2)
        if weight is None:
            return None
        groups = bound["groups"]
        if transposed:  # weight (in, out/groups, *k)
            cin, cout = weight[0], weight[1] * groups if is_known(weight[1]) and is_known(groups) else Unknown("groups")
        else:  # weight (out, in/groups, *k)
            cin, cout = weight[1] * groups if is_known(weight[1]) and is_known(groups) else Unknown("groups"), weight[0]
        class_name = f"ConvTranspose{n}d" if transposed else f"Conv{n}d"
        values = {**bound, "in_channels": cin, "out_channels": cout, "kernel_size": tuple(weight[2:]),
                  "bias": _given(bound["bias"]), "padding_mode": "zeros"}
        return lambda: LAYERS[class_name].build(class_name, values)
    if name == "linear":
        bound = F_LINEAR.bind(args, kwargs)
        weight = _weight_dims(bound["weight"], 2)
        if weight is None:
            return None
        return lambda: LinearRecord(type="Linear", in_features=weight[1], out_features=weight[0],
                                    bias=_given(bound["bias"]))
    if name == "embedding":
        bound = F_EMBEDDING.bind(args, kwargs)
        weight = _weight_dims(bound["weight"], 2)
        if weight is None:
            return None
        return lambda: EmbeddingRecord(type="Embedding", num_embeddings=weight[0], embedding_dim=weight[1],
                                       padding_idx=bound["padding_idx"])
    if name.startswith("max_unpool"):
        n = int(name[-2])
        bound = F_MAX_UNPOOL.bind(args, kwargs)
        return lambda: LAYERS[f"MaxUnpool{n}d"].build(f"MaxUnpool{n}d", bound)
    if name in ("pixel_shuffle", "pixel_unshuffle"):
        factor = args[1] if len(args) > 1 else kwargs.get("upscale_factor", kwargs.get("downscale_factor"))
        return lambda: PixelShuffleRecord(type="PixelShuffle" if name == "pixel_shuffle" else "PixelUnshuffle",
                                          factor=factor, inverse=name == "pixel_unshuffle")
    if name == "glu":
        dim = args[1] if len(args) > 1 else kwargs.get("dim", -1)
        return lambda: GluRecord(type="GLU", dim=dim)
    if name in ("channel_shuffle", "native_channel_shuffle"):
        groups = args[1] if len(args) > 1 else kwargs.get("groups")
        return lambda: ChannelShuffleRecord(type="ChannelShuffle", groups=groups)
    if name in ("unfold", "fold"):
        bound = (F_UNFOLD if name == "unfold" else F_FOLD).bind(args, kwargs)
        class_name = name.capitalize()
        return lambda: LAYERS[class_name].build(class_name, bound)
    if name == "batch_norm":
        bound = F_BATCH_NORM.bind(args, kwargs)
        sizing = _batch_norm_sizing(bound)
        if sizing is None:
            return None
        # torch checks each given tensor against the input's channels (dim 1), whatever the rank
        return lambda: NormRecord(type="batch_norm", kind="batch", ndim=0, num_features=sizing.shape.dims[0],
                                  affine=bound["weight"] is not None,
                                  track_running_stats=bound["running_mean"] is not None)
    if name == "instance_norm":
        bound = F_INSTANCE_NORM.bind(args, kwargs)
        tensor = bound["input"]
        rank = tensor.shape.rank if isinstance(tensor, Tensor) else None
        if rank is None or rank < 3 or not isinstance(bound["use_input_stats"], bool):
            return None
        # F.instance_norm checks no rank of its own: dims 2 onwards are the spatial ones
        return lambda: NormRecord(type="instance_norm", kind="instance", ndim=rank - 2, affine=False,
                                  track_running_stats=not bound["use_input_stats"])
    return None


def _affine_grid(interp: "Interpreter", theta: Any, size: Any, label: str, node: "cst.CSTNode") -> Tensor:
    """F.affine_grid(theta, x.size()): the sampling grid of a spatial transformer, sized by `size`
    (x.size(), x.shape, a list or tuple, torch.Size([...])) as torch sizes it (shapes.affine_grid);
    a theta or size torch surely refuses is CL107's finding, at the call."""
    theta = settled(interp, theta) if isinstance(theta, Tensor) else unknown_tensor("theta")
    sizes = list(size) if isinstance(size, (list, tuple)) else None
    if theta.shape.dims is None or sizes is None:
        interp.unresolved(node, f"{label} of a theta or size not known statically: its grid's shape is unknown")
        return unknown_tensor(label)
    dims, refusal = shapes.affine_grid(theta.shape.dims, sizes)
    given = Tensor(Shape(tuple(sizes)), "the size given")  # named beside theta, as an operand
    return _transformer_step(interp, label, node, (theta, given), dims, refusal,
                             f"{label} of theta {theta.shape} for a size not known to be positive: its grid's "
                             "shape is unknown")


def _grid_sample(interp: "Interpreter", tensor: Any, grid: Any, mode: Any, label: str,
                 node: "cst.CSTNode") -> Tensor:
    """F.grid_sample(x, grid): x's batch and channels at the grid's sides (shapes.grid_sample); a
    grid not followed keeps the channels known, an input not followed the batch and sides. A grid
    torch surely refuses for that input (another batch or rank) is CL107's finding, at the call."""
    if not isinstance(tensor, Tensor) or not isinstance(grid, Tensor):
        interp.unresolved(node, f"{label} of an input or grid not known statically: its result's shape is unknown")
        return unknown_tensor(label)
    tensor, grid = settled(interp, tensor), settled(interp, grid)
    inputs, sampled = tensor.shape.dims, grid.shape.dims
    if inputs is None or sampled is None:
        interp.unresolved(node, f"{label} of an input or grid of a shape not followed: its result's shape is "
                                "unknown in part")
        return Tensor(_sampled_in_part(inputs, sampled), label)
    dims, refusal = shapes.grid_sample(inputs, sampled, mode)
    return _transformer_step(interp, label, node, (tensor, grid), dims, refusal,
                             f"{label} of {tensor.shape} by a grid {grid.shape} with mode {mode!r}: its "
                             "result's shape is unknown")


def _transformer_step(interp: "Interpreter", label: str, node: "cst.CSTNode", operands: tuple, dims: tuple | None,
                      refusal: str | None, undecided: str) -> Tensor:
    """What a spatial-transformer step gives: a refusal torch surely makes is recorded as an op of
    its operands (CL107 at the call); a shape the arithmetic leaves undecided is listed as not followed."""
    if refusal is not None:
        _record_op(interp, TensorOp(label, operands, unknown_tensor(label), interp.span(node), refusal,
                                    {"variant": "grid"}))
    if dims is None:
        if refusal is None:
            interp.unresolved(node, undecided)
        return unknown_tensor(label)
    return Tensor(Shape(dims), label)


def _sampled_in_part(inputs: tuple | None, grid: tuple | None) -> Shape:
    """grid_sample's output where one operand's shape is not followed: its rank is the other's,
    the batch and channels the input's, the sides the grid's (the batches are equal where it runs)."""
    unknown = Unknown("a size of a tensor not followed")
    if inputs is not None and len(inputs) in (4, 5):
        return Shape((inputs[0], inputs[1], *(unknown,) * (len(inputs) - 2)))
    if grid is not None and len(grid) in (4, 5):
        return Shape((grid[0], unknown, *grid[1:-1]))
    return Shape(None)


def _softmax(interp: "Interpreter", tensor: Tensor, label: str, node: "cst.CSTNode") -> Tensor:
    """A new tensor object, so the checks can tell whether forward() returns exactly this one."""
    result = Tensor(tensor.shape, tensor.producer, tensor.merged, field=tensor.field)
    _record_op(interp, TensorOp(label, (tensor,), result, interp.span(node), None,
                                {"softmax": not label.endswith("log_softmax")}))
    return result


def _functional_pool(interp: "Interpreter", name: str, tensor: Tensor, args: list, kwargs: dict,
                     node: "cst.CSTNode", label: str) -> Tensor:
    op, ndim, signature = POOL_OPS[name]
    bound = signature.bind(args, kwargs)
    adaptive = "AdaptiveMaxPool" if "max" in name else "AdaptiveAvgPool"
    class_name = {"max": "MaxPool", "avg": "AvgPool"}.get(op, adaptive) + f"{ndim}d"

    if op != "adaptive" and _window_is_the_whole_map(tensor, bound, ndim):
        # F.max_pool1d(x, x.size(2)) of a length known only as a symbol: one window, one output step
        op, class_name, bound = "adaptive", adaptive + f"{ndim}d", {**bound, "output_size": 1}

    def build() -> Any:
        if op == "adaptive":
            return AdaptivePoolRecord(type=class_name, ndim=ndim, output_size=per_dim(bound["output_size"], ndim),
                                      return_indices=bound.get("return_indices", False))
        spec = LAYERS[class_name]
        return spec.build(class_name, {**bound, "ceil_mode": bound.get("ceil_mode", False)})

    made = functional_layer(interp, build, label, node)
    return apply_layer(interp, made, tensor, interp.span(node))


def _window_is_the_whole_map(tensor: Tensor, bound: dict, ndim: int) -> bool:
    """A pool's kernel the input's own sides, symbolic (`i.size(2)`), at its default stride, unpadded:
    a global pool (floor((L - L) / L) + 1 = 1 whatever L is, ceil_mode or not)."""
    dims = tensor.shape.dims if isinstance(tensor, Tensor) else None
    if dims is None or len(dims) < ndim + 1:
        return False
    sides = dims[-ndim:]
    kernel = bound.get("kernel_size")
    kernel = tuple(kernel) if isinstance(kernel, (tuple, list)) else (kernel,) * ndim
    stride = bound.get("stride")
    return len(kernel) == ndim and all(isinstance(k, Sym) and k == side for k, side in zip(kernel, sides)) \
        and (stride is None or stride == [] or (tuple(stride) if isinstance(stride, (tuple, list)) else (stride,) * ndim)
             == kernel) \
        and bound.get("padding", 0) in (0, (0,) * ndim, [0] * ndim) and bound.get("dilation", 1) in (1, (1,) * ndim)


def _copy(value: Any, deep: bool = False) -> Any:
    from convlint.evaluator.objects import Instance

    if deep and isinstance(value, ModuleNode):
        return copy_module(value, {})
    if isinstance(value, Instance):
        return Instance(value.cls, dict(value.attrs))
    if isinstance(value, (list, dict)):
        return type(value)(value)
    if isinstance(value, (int, float, str, tuple, Tensor)) or value is None:
        return value
    return Unknown("a copy of a value not known statically")


def copy_module(node: ModuleNode, memo: dict) -> ModuleNode:
    """copy.deepcopy(module): the same layers, as new modules (`self.layer.append(copy.deepcopy(block))`,
    `_get_clones`); a module or list met twice is copied once, as deepcopy's memo does."""
    if id(node) in memo:
        return memo[id(node)]
    made = memo[id(node)] = replace(node, children={}, attrs={}, parameters=dict(node.parameters),
                                    replaced=dict(node.replaced), tied={},
                                    arg_origins=dict(node.arg_origins))
    made.children = {name: None if child is None else copy_module(child, memo) for name, child in node.children.items()}
    # a tie holds in the copy where the module it shares with was copied along; else the copy owns its own
    made.tied = {name: (memo[id(owner)], numel) for name, (owner, numel) in node.tied.items() if id(owner) in memo}
    made.attrs = {name: _deep_value(value, memo) for name, value in node.attrs.items()}
    return made


def _deep_value(value: Any, memo: dict) -> Any:
    if isinstance(value, ModuleNode):
        return copy_module(value, memo)
    if isinstance(value, (list, tuple)) and any(isinstance(v, (ModuleNode, list, tuple, dict)) for v in value):
        if id(value) not in memo:
            memo[id(value)] = type(value)(_deep_value(v, memo) for v in value)
        return memo[id(value)]
    if isinstance(value, dict) and any(isinstance(v, (ModuleNode, list, tuple, dict)) for v in value.values()):
        if id(value) not in memo:
            memo[id(value)] = {k: _deep_value(v, memo) for k, v in value.items()}
        return memo[id(value)]
    if isinstance(value, (list, dict)):
        return type(value)(value)
    return value


LEGACY_DTYPES = {"Tensor": "float32", "FloatTensor": "float32", "DoubleTensor": "float64", "LongTensor": "int64",
                 "IntTensor": "int32", "BoolTensor": "bool"}


def _legacy_sizes(args: list) -> tuple | None:
    """The sizes a legacy constructor is given: ints, or one `x.size()` (torch.Size), which torch
    reads as sizes where a plain tuple is data. None: not sizes."""
    if len(args) == 1 and isinstance(args[0], TorchSize):
        return tuple(args[0])  # a shape's own dims, unknown ones included
    if args and all(is_known(a) or isinstance(a, Sym) for a in args):
        return tuple(args)
    return None


SIZES_WRITTEN_MAKERS = ("zeros", "ones", "empty", "full")


def _sizes_written_out(node: "cst.CSTNode") -> bool:
    """`torch.zeros((n, c, length))`, `torch.ones(n, c, length)`: each size written at the call,
    where a width not meant is changed (not a shape handed on from elsewhere, `torch.zeros(shape)`)."""
    import libcst as cst

    if not isinstance(node, cst.Call) or not node.args or any(a.star or a.keyword is not None for a in node.args[:1]):
        return False
    first = node.args[0].value
    if isinstance(first, (cst.Tuple, cst.List)):
        return all(isinstance(e, cst.Element) for e in first.elements)
    positional = [a for a in node.args if a.keyword is None]
    return len(positional) > 1 and not any(a.star for a in positional)
def _sizes_written(interp: "Interpreter", made: Tensor, node: "cst.CSTNode", first_only: bool = False) -> Tensor:
    """A tensor of sizes the call writes, with where each is written (Interpreter.sizes_written_at);
    as it was where no call of the code made it."""
    if made.shape.dims is None or node is None:
        return made
    written = interp.sizes_written_at(node, len(made.shape.dims), first_only)
    passed, via = interp.sizes_passed_at(node, len(made.shape.dims), first_only)
    if passed:
        made = replace(made, sizes_passed=passed, built_via=via)
    return replace(made, sizes_written=written) if any(written) else made


def _sized_by_a_shape_tuple(interp: "Interpreter", made: Tensor, sizes: Any) -> Tensor:
    """A weight made or viewed to a tuple its block's constructor bound from its parameters
    (`torch.rand(self.shape)`, `self.weights.view(self.shape)` of `self.shape = (out_chn, in_chn,
    k, k)`): its sizes traced to the callers that passed them (Interpreter.shape_tuple_passed), so a
    functional conv applying it is blamed where a layer built there would be."""
    if made.sizes_passed or made.shape.dims is None or not isinstance(sizes, tuple):
        return made
    passed, via = interp.shape_tuple_passed(sizes, len(made.shape.dims))
    return replace(made, sizes_passed=passed, built_via=via) if passed else made


def _shaped_as_open_input(interp: "Interpreter", name: str, args: list, kwargs: dict) -> Tensor | None:
    """torch.ones_like(x), torch.zeros(x.size()) of the input before a layer set its rank: the
    input itself, whose shape the result has, so that it settles with it (as F.relu(x) does);
    None for anything else."""
    if name.endswith("_like"):
        model = args[0] if args else kwargs.get("input")
    else:
        sizes = args[:1] if name == "full" else args
        model = sizes[0].tensor if len(sizes) == 1 and isinstance(sizes[0], InputOwnSizes) else None
    if not isinstance(model, Tensor):
        return None
    model = settled(interp, model)
    if model.shape.dims is not None or not (model.placeholder or model.free is not None or model.joined):
        return None
    return replace(model, parameter=False)


SEQUENCE_NAMED = re.compile(r"shape|size|dims$|_hw$|resolution", re.I)


def _created(name: str, args: list, kwargs: dict) -> Tensor:
    """torch.zeros(2, 3) / torch.ones((2, 3)) / torch.zeros_like(x): a tensor of that shape."""
    if name.endswith("_like"):
        return Tensor(args[0].shape if args and isinstance(args[0], Tensor) else Shape(None), f"torch.{name}")
    sizes = args[:1] if name == "full" else args
    if len(sizes) == 1 and isinstance(sizes[0], (tuple, list)):
        sizes = list(sizes[0])
    if not sizes and "size" in kwargs:
        sizes = list(kwargs["size"]) if isinstance(kwargs["size"], (tuple, list)) else []
    if len(sizes) == 1 and symbolic.argument_object(sizes[0]) and SEQUENCE_NAMED.search(symbolic.symbol_of(sizes[0])):
        # torch.zeros(input_shape) of an argument not given: a tuple of sizes, as its name says, not a length
        return Tensor(Shape(None), f"torch.{name}")
    if sizes and all(is_known(d) or isinstance(d, Sym) for d in sizes):
        return Tensor(Shape(tuple(sizes)), f"torch.{name}")
    return Tensor(Shape(None), f"torch.{name}")


def _eye(args: list, kwargs: dict) -> Tensor:
    """torch.eye(n, m=None): an n x m (n x n) matrix, a one-hot table (capsule nets' masks)."""
    rows = args[0] if args else kwargs.get("n")
    columns = args[1] if len(args) > 1 else kwargs.get("m", rows)
    if columns is None:
        columns = rows
    if all((is_known(d) and d >= 0) or isinstance(d, Sym) for d in (rows, columns)):
        return Tensor(Shape((rows, columns)), "torch.eye")
    return Tensor(Shape(None), "torch.eye")


def _arange_length(args: list, kwargs: dict) -> Dim:
    """torch.arange(n) of a size known only as a symbol has n elements; other forms whose values are
    not known, a length not known (always 1-D)."""
    end = args[0] if len(args) == 1 else kwargs.get("end") if not args else None
    if isinstance(end, Sym) and "start" not in kwargs and "step" not in kwargs:
        return end
    named = dict(zip(("end",) if len(args) == 1 else ("start", "end", "step"), args))
    named.update((k, v) for k, v in kwargs.items() if k in ("start", "end", "step"))
    start, end, step = named.get("start", 0), named.get("end"), named.get("step", 1)
    if all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end, step)) and step != 0 \
            and (end - start) * step >= 0 and len(args) <= 3:
        # torch.arange(W) of ints too many to keep the values of: ceil((end - start) / step) elements
        return -(-(end - start) // step)
    return Unknown("torch.arange of values not known statically")


def _linspace_length(args: list, kwargs: dict) -> Dim:
    """torch.linspace(start, end, steps) of values not kept: steps elements (a size known, or
    known as a symbol); torch refuses a negative count."""
    steps = args[2] if len(args) > 2 else kwargs.get("steps")
    if isinstance(steps, Sym) or isinstance(steps, int) and not isinstance(steps, bool) and steps >= 0:
        return steps
    return Unknown("torch.linspace of a length not known statically")


def _index_select(tensor: Tensor, args: list, kwargs: dict) -> Tensor:
    """x.index_select(dim, index): x's shape with dim as long as the 1-D (or 0-D) index."""
    dim = args[0] if args else kwargs.get("dim")
    index = args[1] if len(args) > 1 else kwargs.get("index")
    dims = tensor.shape.dims
    if dims is None or not isinstance(dim, int) or isinstance(dim, bool) or not isinstance(index, Tensor) \
            or index.shape.dims is not None and len(index.shape.dims) > 1:
        return unknown_tensor("x.index_select with arguments not known statically")
    axis = shapes.normalize_dim(dim, len(dims))
    if axis is None:
        return unknown_tensor("x.index_select over a dim out of range")
    # torch takes only a 0-D or 1-D index: the other dims are x's whatever its rank
    length = Unknown("an index of a length not known") if index.shape.dims is None \
        else index.shape.dims[0] if index.shape.dims else 1
    return tensor.with_shape(Shape(dims[:axis] + (length,) + dims[axis + 1:]), "x.index_select")


# the signal windows of torch/functional.py and torch/_refs (STFT front ends, resampling kernels)
# torch functions of two tensors that broadcast them as `+` does
BROADCASTING = frozenset("atan2 arctan2 hypot maximum minimum fmax fmin fmod remainder complex polar eq ne lt le gt ge "
                         "greater greater_equal less less_equal not_equal logical_and logical_or logical_xor copysign "
                         "heaviside".split())
WINDOWS = frozenset("hann_window hamming_window blackman_window bartlett_window kaiser_window".split())
NUMPY_ROUNDINGS = ("round", "around", "rint", "floor", "ceil", "trunc", "fix")


def _numpy_rounding(name: str, args: list, kwargs: dict) -> Any:
    """np.round(c) and friends of a Python float (a float64 scalar): round half to even, as
    Python's round() of a float. An int stays one for round/around; np.floor(7) is 7.0 in numpy
    1.x and 7 in 2.x, so what the others give an int is not known."""
    value = args[0] if len(args) == 1 and not kwargs else None
    from convlint.evaluator.objects import Quotient

    if name in ("floor", "ceil") and isinstance(value, Quotient):
        return _rounded_quotient(name, value)  # `np.ceil(h / 8) * 8 - h`: a float64 of that whole number
    if not isinstance(value, (int, float)) or isinstance(value, bool) or \
            isinstance(value, float) and not math.isfinite(value):
        return Unknown(f"numpy.{name} of a value not known statically")
    if isinstance(value, int):
        return value if name in ("round", "around") else NumpyScalar(f"numpy.{name} of an int: its type depends on numpy",
                                                                      value=value)
    function = {"round": round, "around": round, "rint": round, "floor": math.floor, "ceil": math.ceil}.get(
        name, math.trunc)
    return float(function(value))


NUMPY_EXACT_MATH = ("log2", "sqrt")
# numpy reductions that give one scalar when no axis is named (np.sum is left out: given a
# generator it falls back to Python's sum, which may be a tensor's)
NUMPY_WHOLE_REDUCTIONS = frozenset("max min amax amin nanmax nanmin mean nanmean std nanstd var nanvar median "
                                   "nanmedian ptp average count_nonzero".split())


def _a_whole_reduction(args: list, kwargs: dict) -> bool:
    """np.max(a), np.std(a, ddof=1), np.mean(a, axis=None): one argument, no axis, no keepdims, no out."""
    if len(args) != 1 or set(kwargs) - {"axis", "keepdims", "dtype", "ddof"} or isinstance(args[0], ModuleNode):
        return False
    return kwargs.get("axis") is None and kwargs.get("keepdims", False) is False


NUMPY_INT_DIVISIONS = ("mod", "remainder", "floor_divide")


def _numpy_int_division(name: str, args: list, kwargs: dict) -> Any:
    """np.mod(filt_size, 2) of Python ints (anti-aliased resampling's odd-filter test): int64's
    remainder and floor division round as Python's do (the remainder takes the divisor's sign);
    a zero divisor (numpy warns and gives 0) and floats are not followed."""
    if len(args) != 2 or kwargs or any(type(a) is not int or abs(a) >= 2 ** 63 for a in args) or args[1] == 0:
        return Unknown(f"numpy.{name} of values not known statically")
    a, b = args
    return a // b if name == "floor_divide" else a % b


def _numpy_power(args: list, kwargs: dict) -> Any:
    """np.power(2, repeat_num) of Python numbers (StarGAN's `int(image_size / np.power(2,
    repeat_num))`): ints give numpy's int64 power, floats the C library's pow as Python's ** does.
    What numpy would wrap, refuse (an int to a negative power) or take elementwise is not known."""
    if len(args) != 2 or kwargs or any(not isinstance(a, (int, float)) or isinstance(a, bool) for a in args):
        return Unknown("numpy.power of values not known statically")
    base, exponent = args
    if isinstance(base, int) and isinstance(exponent, int):
        if exponent < 0 or abs(base) >= 2 ** 63 or exponent > 64 * 64:
            return Unknown("numpy.power of ints out of int64's range")
        result = base ** exponent
        return result if -2 ** 63 <= result < 2 ** 63 else Unknown("numpy.power of ints out of int64's range")
    try:
        result = float(base) ** float(exponent)
    except (OverflowError, ZeroDivisionError):
        return Unknown("numpy.power out of float range")
    return result if isinstance(result, float) and math.isfinite(result) else Unknown("numpy.power not finite")


def _numpy_linspace(args: list, kwargs: dict) -> Any:
    """np.linspace(start, stop, num=50) of values not known: an array of num values, as drop-path
    rates are spread over the blocks (`np.linspace(0, rate, sum(depths)).tolist()`, MaxViT). Its
    length is what a model's structure depends on; the values stay unknown (a shape-only array)."""
    num = args[2] if len(args) > 2 else kwargs.get("num", 50)
    if isinstance(num, Sym) and not set(kwargs) - {"start", "stop", "num", "endpoint", "dtype"}:
        return Tensor(Shape((num,)), "numpy.linspace")  # np.linspace(-1, 1, w) of a width known as a symbol
    if set(kwargs) - {"start", "stop", "num", "endpoint", "dtype"} or not is_known(num) or \
            not 0 <= num <= known_tensors.MAX_ELEMENTS:
        return Unknown("numpy.linspace with arguments not known statically")
    return Tensor(Shape((num,)), "numpy.linspace")


def _numpy_math(name: str, args: list, kwargs: dict) -> Any:
    """np.log2(image_size) and np.sqrt(n) of a Python number: a float64 scalar, the value the C
    library's log2 and the correctly rounded sqrt give, as math.log2/math.sqrt do (SAGAN's
    `repeat_num = int(np.log2(self.imsize)) - 3`). Anything else is not known."""
    value = args[0] if len(args) == 1 and not kwargs else None
    if not kwargs and (logarithm := _logarithm_of_an_argument(name, args, "numpy")) is not None:
        return logarithm  # int(np.log2(size / 4)) of a size nothing gives: a count, as of math.log2
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0 or \
            isinstance(value, int) and value >= 2 ** 53 or isinstance(value, float) and not math.isfinite(value):
        return Unknown(f"numpy.{name} of a value not known statically")
    return getattr(math, name)(float(value))


def _ordered_dict(args: list, kwargs: dict) -> Any:
    """OrderedDict(pairs or a dict, **more), in that order, as Python builds it."""
    items = args[0] if args else {}
    if isinstance(items, dict):
        return {**items, **kwargs}
    if isinstance(items, (list, tuple)) and all(isinstance(p, (list, tuple)) and len(p) == 2 and hashable(p[0])
                                                for p in items):
        return {**{k: v for k, v in items}, **kwargs}
    # (a name not known, `(name_of(i), Unit())`, is no key: two of them are not one entry)
    return Unknown("an OrderedDict of values not known statically")


def _math_prod(args: list, kwargs: dict) -> Any:
    """math.prod(out_shape) of a list, a tuple or a comprehension of known ints (a VAE's flatten size,
    `[128] + [d // 4 for d in img_shape[1:]]`): their product, as an int, start=1 by default, so of no
    items the start; of an item not known, a sum or a float, not known."""
    if len(args) != 1 or set(kwargs) - {"start"}:
        return Unknown("math.prod of arguments not known")
    start = kwargs.get("start", 1)
    items = list(args[0]) if isinstance(args[0], (list, tuple)) else None
    if items is not None and all(isinstance(i, int) and not isinstance(i, bool) for i in [start, *items]):
        return math.prod(items, start=start)
    if items and start == 1 and all(isinstance(i, (int, Sym)) and not isinstance(i, bool) for i in items):
        return dims_product(items)  # math.prod(o.size()[1:]) of a probe's output: a product of sizes
    return Unknown("math.prod of an unknown")


# math functions of numbers that give a number
MATH_OF_NUMBERS = frozenset({"floor", "ceil", "sqrt", "log2", "log", "exp", "trunc", "gcd", "log10", "log1p", "expm1",
                             "pow", "isqrt", "lcm", "fabs", "hypot", "copysign"})


def _math(name: str, args: list) -> Any:
    from convlint.evaluator.objects import FloatMultiple, Logarithm, Quotient, a_number

    if name in ("floor", "ceil", "trunc") and len(args) == 1 and isinstance(args[0], Quotient):
        return _rounded_quotient(name, args[0])
    if name in ("floor", "trunc") and len(args) == 1 and isinstance(args[0], FloatMultiple):
        # of a product >= 0 both are int(): `math.floor(v * planes)` is the width int(v * planes) is
        return symbolic.truncated_multiple(args[0].factor, args[0].size)
    if name in ("floor", "trunc") and len(args) == 1 and isinstance(args[0], Logarithm):
        return dim_add(symbolic.logarithm_symbol(args[0].argument, args[0].base), args[0].offset)
    if (logarithm := _logarithm_of_an_argument(name, args)) is not None:
        return logarithm
    if args and name in MATH_OF_NUMBERS and not all(isinstance(a, (int, float)) for a in args):
        # `/ math.sqrt(d)` of a size: a float still; of any value, a number (or math raises)
        return UnknownNumber(f"math.{name} of an unknown")
    if not args or not all(isinstance(a, (int, float)) for a in args):
        return Unknown(f"math.{name} of an unknown")
    try:
        if name in MATH_OF_NUMBERS | {"prod"}:
            if name == "prod":
                return Unknown("math.prod of an unknown")
            return getattr(math, name)(*args)
    except (ValueError, OverflowError, TypeError):
        pass
    return Unknown(f"math.{name}")


def _logarithm_of_an_argument(name: str, args: list, namespace: str = "math") -> Any:
    """math.log(n, 2), math.log2(n), math.log10(n) (or np.log2(n)) of a constructor argument n
    nothing supplies (`int(math.log(scale_factor, 2))` upsamplers), or of n divided or multiplied
    by a power of the base (`int(np.log2(size / 4))`, log2(size) - 2): a Logarithm, whose floor is
    a count; None for anything else (a natural log, a base not a whole number, a size of the input)."""
    from convlint.evaluator.objects import Logarithm, Quotient

    bases = {"log2": 2, "log10": 10}
    if name == "log" and len(args) == 2:
        base = args[1]
    elif name in bases and len(args) == 1:
        base = bases[name]
    else:
        return None
    if not isinstance(base, int) or isinstance(base, bool) or base < 2:
        return None
    argument, scale, divisor = args[0], 1, 1
    if isinstance(argument, Quotient) and isinstance(argument.numerator, Sym) and argument.denominator >= 1:
        # n / 4 (a float): log2(n / 4) is log2(n) - 2 exactly
        argument, divisor = argument.numerator, argument.denominator
    if isinstance(argument, Sym) and not argument.opaque and argument.offset == 0 and argument.scale >= 1:
        # n // 4: floor(log2(floor(n / 4))) is floor(log2(n / 4)) wherever the log is defined (n >= 4)
        argument, scale, divisor = Sym(argument.base), scale * argument.scale, divisor * argument.divisor
    offset = _power_of(scale, base)
    lowered = _power_of(divisor, base)
    if offset is None or lowered is None:
        return None
    if not (isinstance(argument, Sym) and isinstance(argument.base, str) and not argument.opaque
            and (argument.scale, argument.offset, argument.divisor) == (1, 0, 1)
            and argument.base not in symbolic.INPUT_SYMBOLS and symbolic.logarithm_of(argument.base) is None):
        return None
    return Logarithm(f"{namespace}.{name} of an argument not given", argument=argument.base, base=base,
                     offset=offset - lowered)


def _power_of(value: int, base: int) -> int | None:
    """j where value is base**j (j >= 0), else None."""
    exponent = 0
    while value > 1 and value % base == 0:
        value, exponent = value // base, exponent + 1
    return exponent if value == 1 else None


def _rounded_quotient(name: str, quotient: Any) -> Dim:
    """math.floor / math.ceil / math.trunc of a symbolic size divided with `/` (Res2Net's
    `int(math.floor(planes / scale))`): floor(n / d), and ceil as floor((n + d - 1) / d). trunc
    rounds as floor does but below 0, where as for int() the floor's values cover it."""
    numerator, denominator = quotient.numerator, quotient.denominator
    if name == "ceil":
        numerator = dim_add(numerator, denominator - 1)
    return dim_floordiv(numerator, denominator)


# --------------------------------------------------------------------- Tensor attributes/methods
def known_attribute(tensor: KnownTensor, name: str) -> Any:
    """t.shape, t.dtype, t.ndim of a tensor of known values; its methods (MethodOf)."""
    from convlint.evaluator.objects import MethodOf, TorchRef

    if name == "shape":
        return tensor.shape
    if name == "ndim":
        return len(tensor.shape)
    if name == "dtype":
        return TorchRef(f"torch.{tensor.dtype}")
    if name in ("data", "T") and len(tensor.shape) <= 1:
        return tensor
    if name == "T" and len(tensor.shape) == 2:
        return known_tensors.transposed(tensor)
    if name in ("device", "grad", "requires_grad", "is_cuda", "T", "mT", "data"):
        return tensor_attribute(shape_only(tensor), name)
    return MethodOf(tensor, name)


def known_method(interp: "Interpreter", tensor: KnownTensor, name: str, args: list, kwargs: dict,
                 node: "cst.CSTNode") -> Any:
    """A method of a tensor of known values: its values where modelled, else its shape."""
    kwargs = torch_keywords(kwargs)
    result = known_tensors.method(tensor, name, args, kwargs)
    if result is not None:
        return result
    if name.endswith("_") or "out" in kwargs:
        tensor.spoil()  # an in-place method not modelled: t.add_(1), t.clamp_(0), t.fill_(3)
    return tensor_method(interp, shape_only(tensor), name, [shape_only(a) for a in args],
                         {k: shape_only(v) for k, v in kwargs.items()}, node)


def tensor_attribute(tensor: Tensor, name: str) -> Any:
    from convlint.evaluator.objects import MethodOf

    if name == "shape":
        if tensor.placeholder:
            return InputSizes("a shape of unknown rank") if tensor.pending \
                else InputOwnSizes("a shape of unknown rank", tensor)
        return TorchSize(tensor.shape.dims) if tensor.shape.dims is not None else Unknown("a shape of unknown rank")
    if name == "ndim":
        if tensor.shape.rank is None and not tensor.placeholder:
            return UnknownNumber("the rank of a tensor of unknown rank")  # an int still
        return tensor.shape.rank if tensor.shape.rank is not None else Unknown("an unknown rank")
    if name in ("T", "mT"):
        return Tensor(Shape(tensor.shape.dims[::-1]) if tensor.shape.dims else Shape(None), tensor.producer)
    if name == "is_cuda":
        return False  # the single-device path: `if input.is_cuda and self.ngpu > 1` takes data_parallel
    if name in ("device", "dtype", "data", "grad", "requires_grad"):
        return tensor if name in ("data",) else Unknown(f"tensor.{name}")
    return MethodOf(tensor, name)


def _size_given_to_the_module(interp: "Interpreter", node: "cst.CSTNode") -> "Span | None":
    """`return x.view(self.size)` in a View/Reshape module's forward: the size is written where the
    module is built (`View((-1, 256))`), the line to fix, not in the forward every instance shares."""
    import libcst as cst

    if not interp.running or not isinstance(node, cst.Call) or not node.args:
        return None
    module = interp.running[-1]
    if interp.analysis is not None and module is interp.analysis.root:
        return None
    for arg in node.args:
        value = arg.value
        if not (isinstance(value, cst.Attribute) and isinstance(value.value, cst.Name) and value.value.value == "self"):
            return None
    return module.span


def _rows_read_from_a_sample_dim(node: "cst.CSTNode") -> str | None:
    """`img.shape[1]` in `feature.view(img.shape[1], -1)`: the leading size read from a dim of a
    tensor other than its first (x.size(1), x.shape[2], x.size()[3]), written as it is; else None.
    What the rows are meant to be is then written in the code, whatever value the dim has."""
    import libcst as cst

    if not isinstance(node, cst.Call) or not node.args:
        return None
    first = node.args[0].value
    if isinstance(first, (cst.Tuple, cst.List)) and len(node.args) == 1 and first.elements:
        first = first.elements[0].value
    index = None
    if isinstance(first, cst.Call) and isinstance(first.func, cst.Attribute) and first.func.attr.value == "size" \
            and len(first.args) == 1 and first.args[0].keyword is None:
        index = first.args[0].value  # x.size(1)
    elif isinstance(first, cst.Subscript) and len(first.slice) == 1 and isinstance(first.slice[0].slice, cst.Index):
        read = first.value  # x.shape[1], x.size()[1]
        if isinstance(read, cst.Attribute) and read.attr.value == "shape" or isinstance(read, cst.Call) \
                and isinstance(read.func, cst.Attribute) and read.func.attr.value == "size" and not read.args:
            index = first.slice[0].slice.value
    if not isinstance(index, cst.Integer) or index.evaluated_value == 0:  # (a negative one, x.shape[-4], may be the batch)
        return None
    return cst.Module([]).code_for_node(first)


def _requested_shape(args: list, kwargs: dict) -> list | None:
    """The sizes of x.view(2, 3) / x.view((2, 3)) / x.new_zeros(size=(2, 3)), or None. One
    Unknown argument may be a whole sequence of sizes (`x.new_full(batch_shape, 0)` with
    batch_shape not followed) as well as one size: its rank is not known, so neither is it."""
    if len(args) == 1 and isinstance(args[0], (tuple, list)):
        items = list(args[0])
    elif len(args) == 1 and isinstance(args[0], Unknown):
        return None
    elif args:
        items = list(args)
    else:
        items = kwargs.get("shape") or kwargs.get("size")
        items = list(items) if isinstance(items, (tuple, list)) else None
    if items is None or any(not (is_known(d) or isinstance(d, (Sym, Unknown))) for d in items):
        return None
    return items


def _note_activated(interp: "Interpreter", tensor: Tensor, name: str) -> None:
    if name in ACTIVATIONS and interp.analysis is not None:
        interp.analysis.activated.add(id(tensor))


def _method_line_span(interp: "Interpreter", node: "cst.CSTNode", span):
    """A method call of a statement spread over lines (`torch.cos(\\n taus * i_pi\\n ).view(B, C)`): from
    the method's name, on the line its sizes are written, to the call's end; else the call's span."""
    import libcst as cst

    from convlint.diagnostics import Span

    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute) or span.line == span.end_line:
        return span
    name = interp.span(node.func.attr)
    if name.line == span.line:
        return span
    return Span(name.line, name.column, span.end_line, span.end_column, span.file)


def tensor_method(interp: "Interpreter", tensor: Tensor, name: str, args: list, kwargs: dict,
                  node: "cst.CSTNode", label: str | None = None) -> Any:
    dims = tensor.shape.dims
    span = interp.span(node)
    kwargs = torch_keywords(kwargs)
    if name in ("softmax", "log_softmax"):
        return _softmax(interp, tensor, f"x.{name}", node)
    if name in ACTIVATIONS and not tensor.parameter:
        # `self.bn(self.conv(x)).relu()`: the tensor the layer made, as F.relu keeps it (a path is
        # followed back through it), noted as activated for the bias-before-norm check
        _note_activated(interp, tensor, name)
        return tensor
    if name == "contiguous" and not args and not kwargs:  # laid out afresh, rows after rows
        return laid_contiguous(interp, replace(tensor, parameter=False))
    if name in ELEMENTWISE_OPS or name in ("roll", "flip"):  # flip reverses the order along dims, as roll shifts it
        made = replace(tensor, parameter=False)  # p.sigmoid() of an nn.Parameter is a plain tensor
        return same_layout(interp, tensor, made) if name in LAYOUT_KEEPING and "memory_format" not in kwargs else made
    if name in ("astype", "copy") and (args or kwargs or name == "copy") or name == "numpy":
        return replace(tensor, parameter=False)  # a numpy array's copy as a dtype; x.numpy() the same data
    if name == "type":  # x.type(): the name of its type; x.type(y.type()), x.type(torch.float): a copy as that type
        return Unknown("the name of a tensor type") if not args and not kwargs else replace(tensor, parameter=False)
    if name == "masked_fill":
        return _masked_fill(interp, tensor, args[0] if args else kwargs.get("mask"), "x.masked_fill", node)
    if name == "masked_fill_":  # in place: the mask broadcasts to the tensor, whose shape stays
        return tensor
    if name.rstrip("_") in WRITES_INTO_SELF:  # `onehot.scatter_(1, idx, 1)`: values written, self's shape kept
        return tensor if name.endswith("_") else replace(tensor, parameter=False)
    if name.endswith("_") and name[:-1] in ELEMENTWISE_OPS:
        return replace(tensor)  # in place: p.clamp_(0) is still the parameter
    if name in ("size", "dim", "ndimension", "numel"):
        dim = args[0] if args else kwargs.get("dim", 0)
        if tensor.placeholder and tensor.shape.dims is None and interp.analysis is not None \
                and (dim != 0 or name != "size"):
            interp.analysis.unsettled_reads = True  # read before the first layer set the input's rank
            interp.analysis.rank_read = interp.analysis.rank_read or name in ("dim", "ndimension")
        if name == "ndimension":
            name = "dim"
        return _size(tensor, name, args, kwargs)
    if name.rstrip("_") in ARITHMETIC_METHODS and len(args) == 1 and set(kwargs) <= {"alpha", "rounding_mode"} and \
            (isinstance(operand := shape_only(args[0]), (Tensor, bool)) or a_number(operand)):  # (`x.sub_(self.mean)`)
        return binary(interp, ARITHMETIC_METHODS[name.rstrip("_")], tensor, operand, span, in_place=name.endswith("_"))
    if name.rstrip("_") in BROADCASTING_METHODS and len(args) == 1 and not kwargs:
        operand = shape_only(args[0])
        if isinstance(operand, Tensor):  # `x.gt(threshold)`, `a.logical_and(b)`: as the operators, broadcast
            return compared(tensor, operand) if name in COMPARISON_METHODS \
                else binary(interp, f"x.{name}", tensor, operand, span, in_place=name.endswith("_"))
        if isinstance(operand, bool) or a_number(operand):  # `mem.gt(0.5)`, `x.fmod(2)`: x's shape
            return compared(tensor, operand) if name in COMPARISON_METHODS else tensor.with_shape(tensor.shape)
    if name.endswith("_") and name[:-1] in KEEPS_ITS_SHAPE_IN_PLACE and dims is not None:
        # `h.add_(self.proj(t))` of an operand not followed: torch writes the result into h, whose
        # shape never changes (it refuses what would broadcast h itself)
        return tensor.with_shape(tensor.shape)
    if name in ("view", "reshape"):
        requested = _requested_shape(args, kwargs)
        if requested is None:
            interp.unresolved(node, f"x.{name} with sizes not known statically: its result shape is unknown")
            return unknown_tensor(f"x.{name} with arguments not known statically")
        if tensor.placeholder:
            return _input_viewed(interp, tensor, name, requested, node)
        result_shape, problem = shapes.view_shape(tensor.shape, tuple(requested))
        result = _flattened(tensor, result_shape) if result_shape.dims is not None else unknown_tensor(f"x.{name}")
        if result.merged is None and result_shape.dims is not None and tensor.shape.dims is not None \
                and len(result_shape.dims) < len(tensor.shape.dims):
            # `x.view(x.size(0), 256)` of 16 x h x w features: the 256 are the view's, not the layer's
            result = replace(result, producer=f"{label or name}({', '.join(format_dim(d) for d in requested)})")
        detail = {"requested": tuple(requested)}
        if (written := _size_given_to_the_module(interp, node)) is not None:
            detail["written_at"] = written
        elif (written := interp.view_sizes_written.get(id(node))) is not None:
            detail["written_at"] = written  # `x.view(-1, *self.reshape)`: where the tuple is written
        if (read := _rows_read_from_a_sample_dim(node)) is not None:
            detail["rows_read"] = read
        if (passed := interp.number_passed_to_view(node)) is not None:
            detail["passed_at"] = passed  # `self.channel_shuffle(x, 24)`: the number the helper's view reads
        if (counts := interp.view_counts_read.get(id(node))) is not None:
            detail["counts_read"] = counts  # `x.view(-1, self.linear_size)`: where the constructor bound a size
        if problem is None and (refused := _viewed_layout(interp, tensor, result, name, node)) is not None:
            detail["layout"] = refused
        _record_op(interp, TensorOp(label or name, (tensor,), result, _method_line_span(interp, node, span), problem,
                                    detail))
        if problem is None and "layout" not in detail and len(args) == 1 \
                and (tensor.parameter or tensor.producer.startswith("self.")):
            result = _sized_by_a_shape_tuple(interp, result, args[0])  # a binary conv's flat weights
        return result if problem is None and "layout" not in detail else unknown_tensor(f"x.{name}")
    if name in LINALG_METHODS:  # w.inverse(), w.squeeze().slogdet(), u.triu(1)
        return linear_algebra(interp, tensor, name, args, kwargs, node, label or f"x.{name}")
    if name in ("expand", "repeat", "expand_as"):
        _record_refused_expand(interp, tensor, name, args, kwargs, span)
        made = _expand_or_repeat(tensor, name, args, kwargs)
        if name == "repeat":  # a copy, laid out afresh
            return laid_contiguous(interp, made) if layout_of(interp, tensor) is not None else made
        if (known := layout_of(interp, tensor)) is not None and isinstance(made, Tensor) \
                and (target := layout.sizes(made.shape.dims)) is not None and dims is not None:
            moved_layout(interp, tensor, made, layout.expanded(dims, known[0], target),
                         "expand_as(...)" if name == "expand_as" else
                         f"expand({', '.join(format_dim(d) for d in target)})", node)
        return made
    if name == "index_select":
        return _index_select(tensor, args, kwargs)
    if name in FILLS:
        return replace(tensor)  # in place: the tensor itself
    if name in ("new", "new_zeros", "new_ones", "new_empty", "new_full"):
        if (same := _shaped_as_open_input(interp, "full" if name == "new_full" else name, args, kwargs)) is not None:
            return same  # x.new_zeros(x.size()) before the input's rank is known
        made = _new(tensor, name, args, kwargs)
        if made.shape.dims is None:
            interp.unresolved(node, f"x.{name} with sizes not known statically: its result shape is unknown")
        return made
    if name == "bmm" and len(args) == 1 and isinstance(args[0], Tensor):
        return _bmm(interp, tensor, args[0], "x.bmm", interp.span(node))
    if name in ("outer", "ger") and len(args) == 1 and not kwargs:
        return _outer(interp, tensor, args[0], f"x.{name}", node)
    if name in ("matmul", "mm") and len(args) == 1 and not kwargs:
        return matmul(interp, tensor, args[0], f"x.{name}", interp.span(node))
    if name in ("view_as", "reshape_as") and args and isinstance(args[0], Tensor):
        if args[0] is tensor:  # a gradient reversal's `x.view_as(x)`: x itself, the input's rank perhaps not yet known
            return replace(tensor)
        return tensor.with_shape(args[0].shape)
    if name == "flatten":
        start = args[0] if args else kwargs.get("start_dim", 0)
        end = args[1] if len(args) > 1 else kwargs.get("end_dim", -1)
        if not (isinstance(start, int) and isinstance(end, int)):
            return unknown_tensor("flatten with unknown dims")
        if (flat := flattened_input(tensor, start, end)) is not None:
            return flat
        if dims is None and tensor.placeholder and 0 <= start < end:
            # `x.flatten(0, 1)` of a clip or a patch stack (B x T x C x H x W) before its first layer:
            # the input has one more dim per dim folded, its sizes there known only as a product
            return deferred(tensor, ("fold", start, end))
        result_shape = shapes.flatten_shape(tensor.shape, start, end)
        problem = None
        if result_shape is None:
            problem = f"flatten(start_dim={start}, end_dim={end}) is out of range for a {len(dims or ())}-d tensor"
            result = unknown_tensor("flatten")
        else:
            result = _flattened(tensor, result_shape)
            _viewed_layout(interp, tensor, result, "reshape", node)
        _record_op(interp, TensorOp(label or "flatten", (tensor,), result, span, problem,
                                    {"start_dim": start, "end_dim": end}))
        return result
    if dims is None and tensor.placeholder and name == "unsqueeze" and isinstance(args[0] if args else kwargs.get("dim"), int):
        return deferred(tensor, ("unsqueeze", args[0] if args else kwargs.get("dim")))
    if dims is None and tensor.placeholder and name in ("transpose", "swapaxes") and len(args) == 2 \
            and all(isinstance(a, int) for a in args):
        return deferred(tensor, ("transpose", *args))
    if dims is None and tensor.placeholder and name == "permute" and (axes := _input_permuted(args, kwargs)):
        # `x.permute(0, 2, 1)` of a (N, T, C) signal: the input has as many dims as it names
        return deferred(tensor, ("permute", axes))
    if name in SELECTIONS:
        return selection(interp, tensor, name, args, kwargs, node, label or f"x.{name}")
    if dims is None and tensor.placeholder and (kept := _kept_axes(name, args, kwargs)) is not None:
        # `x.pow(2).mean(dim=1, keepdim=True)` of a pixel norm: the input's rank, those dims 1
        return deferred(tensor, ("keep", kept))
    if dims is None and tensor.placeholder and name in ("chunk", "split") \
            and (pieces := _input_pieces(tensor, name, args, kwargs, interp.unpacked_into, node)) is not None:
        # `r, g, b = torch.chunk(x, 3, 1)` of a guided filter: pieces of the input, its other dims kept
        return pieces
    if dims is None and tensor.squeezed_kept is not None and _needs_the_rank(name, args, len(tensor.squeezed_kept)):
        # any size squeeze() dropped leaves too few dims for this op: where it runs, every one was kept
        dims = tensor.squeezed_kept
        tensor = tensor.with_shape(Shape(dims))
    if dims is None:
        if tensor.placeholder:
            interp.unresolved(node, f"x.{name} on the input before its rank is known: its result shape is unknown")
        elif name == "permute" and (axes := _input_permuted(args, kwargs)):
            # torch permutes only a tensor of as many dims as it names: the rank is known, the sizes not
            # (a CRNN's map of a config loop, `y.permute(2, 3, 0, 1)[0]`, then fed to a BiLSTM)
            return Tensor(Shape(tuple(Unknown("a size of a tensor of unknown shape") for _ in axes)), tensor.producer)
        return unknown_tensor(f"x.{name} on a tensor of unknown rank")
    rank = len(dims)
    if name == "unsqueeze":
        dim = args[0] if args else kwargs.get("dim")
        axis = shapes.normalize_dim(dim, rank + 1) if isinstance(dim, int) else None
        if axis is None:
            return unknown_tensor("unsqueeze")
        made = _axes_moved(interp, label or name, tensor, Shape(dims[:axis] + (1,) + dims[axis:]), span, (axis,))
        if (known := layout_of(interp, tensor)) is not None:
            moved_layout(interp, tensor, made, layout.unsqueezed(dims, known[0], axis), f"unsqueeze({dim})", node)
        if len(tensor.sizes_passed) == rank and isinstance(made, Tensor):
            # (a weight a caller sized, tiled over a batch: its sizes still the ones passed)
            made = replace(made, sizes_passed=tensor.sizes_passed[:axis] + (None,) + tensor.sizes_passed[axis:],
                           built_via=tensor.built_via)
        return made
    if name == "squeeze":
        dim = args[0] if args else kwargs.get("dim")
        if dim is None:
            if all(is_known(d) or _never_one(d, axis) for axis, d in enumerate(dims)):
                return replace(tensor.with_shape(Shape(tuple(d for d in dims if d != 1))), squeezed=True)
            maybe_one = ", ".join(format_dim(d) for axis, d in enumerate(dims)
                                  if not (is_known(d) or _never_one(d, axis)))
            interp.unresolved(node, f"x.squeeze() of sizes that may be 1 ({maybe_one}): torch drops each only where it "
                                    "is 1, so the shape is not known")
            return Tensor(Shape(None), tensor.producer, squeezed_kept=tuple(d for d in dims if d != 1))
        axis = shapes.normalize_dim(dim, rank) if isinstance(dim, int) else None
        if axis is None:
            return unknown_tensor("squeeze")
        if dims[axis] == 1:
            return tensor.with_shape(Shape(dims[:axis] + dims[axis + 1 :]))
        if is_known(dims[axis]) or _never_one(dims[axis], axis) or interp.squeeze_keeps:
            return tensor  # (squeeze_keeps: the run on a size there that is not 1, where torch keeps the dim)
        if interp.analysis is not None:
            interp.analysis.squeezed.append((dims[axis], node))
        interp.unresolved(node, f"x.squeeze({dim}) of a size not known ({dims[axis]}): torch drops the dim only "
                                "where it is 1, so the shape is not known")
        return unknown_tensor("squeeze of a symbolic dim")
    if name in ("permute",):
        order = _requested_shape(args, kwargs)
        axes = [shapes.normalize_dim(d, rank) if isinstance(d, int) else None for d in order or []]
        if order is not None and len(order) != rank and all(type(d) is int for d in order):
            interp.refuse(node)  # "number of dims don't match in permute", at every size
        if order is None or len(axes) != rank or None in axes or len(set(axes)) != rank:
            return unknown_tensor("permute")
        made = _axes_moved(interp, label or name, tensor, Shape(tuple(dims[a] for a in axes)), span, tuple(axes))
        if (known := layout_of(interp, tensor)) is not None:
            moved_layout(interp, tensor, made, layout.permuted(known[0], axes),
                         f"permute({', '.join(str(d) for d in order)})", node)
        return made
    if name in ("transpose", "swapaxes"):
        if len(args) != 2 or not all(isinstance(a, int) for a in args):
            return unknown_tensor("transpose")
        a, b = (shapes.normalize_dim(d, rank) for d in args)
        if a is None or b is None:
            return unknown_tensor("transpose")
        swapped = list(dims)
        swapped[a], swapped[b] = swapped[b], swapped[a]
        made = _axes_moved(interp, label or name, tensor, Shape(tuple(swapped)), span, (a, b))
        if (known := layout_of(interp, tensor)) is not None:
            order = list(range(rank))
            order[a], order[b] = order[b], order[a]
            moved_layout(interp, tensor, made, layout.permuted(known[0], order), f"{name}({args[0]}, {args[1]})", node)
        return made
    if name == "tensor_split":
        return _tensor_split(interp, tensor, args, kwargs, node)
    if name == "tolist" and not args and not kwargs:
        return _unknown_items(dims)
    if name == "item" and not args and not kwargs:  # a number, never a tensor: its value is not known
        return UnknownNumber("x.item() of a tensor whose values are not known")
    if name == "unbind":
        dim = args[0] if args else kwargs.get("dim", 0)
        axis = shapes.normalize_dim(dim, rank) if isinstance(dim, int) else None
        if axis is None or not is_known(dims[axis]) or dims[axis] > MAX_UNBOUND:
            interp.unresolved(node, "x.unbind along a dim not known statically: its pieces are unknown")
            return Unknown("x.unbind along a dim not known statically")
        return tuple(tensor.with_shape(Shape(dims[:axis] + dims[axis + 1 :])) for _ in range(dims[axis]))
    if name == "repeat_interleave":
        return _repeat_interleave(interp, tensor, args, kwargs, node)
    if name == "unfold":  # Tensor.unfold slides a window along one dim (not F.unfold's im2col)
        return _sliding_windows(interp, tensor, args, kwargs, node)
    if name == "split_with_sizes" and (args or "split_sizes" in kwargs):
        name, kwargs = "split", {("split_size_or_sections" if k == "split_sizes" else k): v for k, v in kwargs.items()}
    if name in ("chunk", "split") and (args or "split_size_or_sections" in kwargs
                                                        or "split_size" in kwargs or "chunks" in kwargs):
        if _record_refused_split(interp, tensor, name, args, kwargs, span):
            return Unknown("x.split with sizes torch refuses")
        unpacked = interp.unpacked_into
        pieces = _pieces(tensor, name, args, kwargs,
                         unpacked[1] if unpacked is not None and unpacked[0] is node else None)
        if isinstance(pieces, Unknown):
            interp.unresolved(node, f"{pieces.why}: its pieces are unknown")
        return pieces
    if name == "t" and rank <= 2:
        made = tensor.with_shape(Shape(dims[::-1]))
        if (known := layout_of(interp, tensor)) is not None:
            moved_layout(interp, tensor, made, known[0][::-1], "t()", node)
        return made
    if name in ("mean", "sum", "amax", "amin", "prod", "logsumexp", "norm", "std", "var"):
        return _reduce(tensor, _reduction_arguments(name, args), kwargs)
    if name in CUMULATIVE:
        return _cumulative(tensor, name, args, kwargs)
    interp.unresolved(node, f"Tensor.{name} is not modelled: its result shape is unknown")
    return unknown_tensor(f"x.{name}")


# x.gt(y) is x > y: a bool tensor of the shape x and y broadcast to, a scalar keeping x's
COMPARISON_METHODS = frozenset("eq ne lt le gt ge greater greater_equal less less_equal not_equal".split())
# x.maximum(y), x.logical_and(y), x.clamp_min(y): elementwise of two operands, broadcast as x + y is
BROADCASTING_METHODS = COMPARISON_METHODS | frozenset(
    "logical_and logical_or logical_xor heaviside maximum minimum fmax fmin fmod remainder hypot atan2 arctan2 "
    "copysign clamp_min clamp_max".split())
# x.mul(y) is x * y: a scalar keeps the shape, a tensor broadcasts (and is checked as `*` is, CL107)
ARITHMETIC_METHODS = {"add": "Add", "sub": "Subtract", "mul": "Multiply", "div": "Divide", "true_divide": "Divide",
                      "multiply": "Multiply", "subtract": "Subtract", "divide": "Divide"}
# x.add_(y), x.lerp_(y, w): written into x, whose shape stays whatever the other operands are
KEEPS_ITS_SHAPE_IN_PLACE = frozenset(ARITHMETIC_METHODS) | frozenset(
    "addcmul addcdiv lerp pow copy fmod remainder floor_divide".split())


def _needs_the_rank(name: str, args: list, rank: int) -> bool:
    """Whether `x.name(*args)` runs on a tensor of `rank` dims and on none of fewer: a permute
    naming that many dims, a transpose of its last dim counted from the front."""
    if name == "permute":
        order = list(args[0]) if len(args) == 1 and isinstance(args[0], (tuple, list)) else list(args)
        return len(order) == rank
    if name in ("transpose", "swapaxes") and len(args) == 2 and all(_is_index_int(a) and a >= 0 for a in args):
        return max(args) == rank - 1
    return False


def _input_permuted(args: list, kwargs: dict) -> tuple | None:
    """The axes of `x.permute(0, 2, 1)` (or of `x.permute((0, 2, 1))`), each from 0, where they
    name every dim of a tensor of their count once; None otherwise."""
    order = list(args[0]) if len(args) == 1 and isinstance(args[0], (tuple, list)) else \
        list(args) if args else list(kwargs["dims"]) if isinstance(kwargs.get("dims"), (tuple, list)) else []
    if not order or not all(isinstance(d, int) and not isinstance(d, bool) for d in order):
        return None
    axes = tuple(shapes.normalize_dim(d, len(order)) for d in order)
    if None in axes or len(set(axes)) != len(axes):
        return None
    return axes


def _input_viewed(interp: "Interpreter", tensor: Tensor, name: str, requested: list, node: "cst.CSTNode") -> Tensor:
    """`x.view(-1, 1, 28, 28)` or `x.view(x.size(0), 1, -1)` on the input, its rank not known: the
    result has the rank asked for. Its one -1 holds whatever the input brings: the batch N when it
    is first, else the length L of a (N, C, L) map; both range over every size as the input does."""
    free = [i for i, d in enumerate(requested) if d == -1]
    fixed = [d for d in requested if d != -1]

    def given(d) -> bool:  # a size that runs: a positive int, the batch, a width of an argument (`z_dim`)
        return isinstance(d, int) and d > 0 or d == Sym("N") or symbolic.is_width(d)

    written = _features_written(interp, node, requested)
    if (kept := _trailing_dims_kept(tensor, requested, node)) is not None:
        # `x.view(-1, x.size(-3), x.size(-2), x.size(-1))` of a stack of patches (B x P x C x H x W)
        # or of a plain batch: any leading dims made one, the last k as they are; the input has
        # at least k + 1 dims, the fewest of them once its first layer tells the rank
        return deferred(tensor, ("merge", kept))
    if len(requested) == 2 and (requested[0] == -1 or requested[0] == Sym("N")) \
            and isinstance(requested[1], InputDims) and (rank := _flattened_rank(requested[1].indices)) is not None:
        # `x.view(-1, x.shape[1] * x.shape[2] * x.shape[3])`: rows of a sample's every size, a flatten(1)
        # of an input of that rank; of any other rank it is rows of that width still (the Linears after it
        # see the same features), their count aside
        interp.assume(f"line {interp.span(node).line}: x.{name} by the product of the input's sizes after the "
                      f"batch, as for an input of {rank} dims: a row per sample")
        return Tensor(Shape((Sym("N"), Unknown("the features of an input of unknown size"))), tensor.producer)
    if (not free or free == [0]) and all(given(d) for d in fixed) and len(requested) > 2 \
            and interp.analysis is not None and all(isinstance(d, int) for d in requested[2:]):
        interp.analysis.input_viewed.append((interp.span(node), tuple(requested)))  # (its spatial sizes fixed)
    if not free and all(given(d) for d in fixed):
        # what it asks for, or torch stops
        return Tensor(Shape(tuple(requested)), tensor.producer, features_written=written)
    if not free and all(given(d) or type(d) in (Unknown, UnknownNumber, InputDims) for d in fixed):
        # `z.view(z.size(0), z.size(1), 1, 1)` (a GAN's latent): the rank asked for, each size given
        # as it is; one read off the input (not known yet) stays unknown
        return Tensor(Shape(tuple(requested)), tensor.producer)
    if len(free) == 1 and all(given(d) for d in fixed):
        position = free[0]
        if position == 0 and Sym("N") not in fixed:
            return Tensor(Shape((Sym("N"), *requested[1:])), tensor.producer, features_written=written)
        if position == len(requested) - 1 == 2 and requested[0] == Sym("N"):
            return Tensor(Shape((Sym("N"), requested[1], Sym("L"))), tensor.producer)
        if position == len(requested) - 1 == 1 and requested[0] == Sym("N"):
            return Tensor(Shape((Sym("N"), Unknown("the features of an input of unknown size"))), tensor.producer)
        if requested[0] == Sym("N"):  # `x.view(x.shape[0], 3, -1, 100)`: the rest of a sample, a size not known
            return Tensor(Shape(tuple(Unknown("what a -1 leaves of an input of unknown size") if d == -1 else d
                                      for d in requested)), tensor.producer)
    interp.unresolved(node, f"x.{name} of the input before its rank is known: its result shape is unknown")
    return unknown_tensor(f"x.{name}")


def _trailing_dims_kept(tensor: Tensor, requested: list, node: "cst.CSTNode") -> int | None:
    """k where `x.view(-1, x.size(-k), ..., x.size(-1))` (or x.shape[-k], x.size()[-k]) asks for
    the input's own last k sizes in order after a -1, read off the tensor it views; else None."""
    import libcst as cst

    kept = len(requested) - 1
    if not 1 <= kept <= 4 or requested[0] != -1 or not isinstance(node, cst.Call) \
            or not isinstance(node.func, cst.Attribute) \
            or [d.indices if type(d) is InputDims else None for d in requested[1:]] \
            != [(index,) for index in range(-kept, 0)]:
        return None
    viewed = cst.Module([]).code_for_node(node.func.value)
    sizes = [arg.value for arg in node.args]
    if len(sizes) == 1 and isinstance(sizes[0], (cst.Tuple, cst.List)):
        sizes = [element.value for element in sizes[0].elements]
    if len(node.args) == 2 and node.args[1].star == "*" and _last_sizes_of(node.args[1].value) == (viewed, kept):
        return kept  # `x.view(-1, *x.shape[-3:])`
    if len(sizes) != len(requested) or any(_size_read_of(size) != viewed for size in sizes[1:]):
        return None  # the sizes of another tensor
    return kept


def _last_sizes_of(node: "cst.BaseExpression") -> tuple[str, int] | None:
    """(the code of the tensor, k) where `node` is `x.shape[-k:]` or `x.size()[-k:]`; else None."""
    import libcst as cst

    if not isinstance(node, cst.Subscript) or len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Slice):
        return None
    cut = node.slice[0].slice
    if cut.upper is not None or cut.step is not None or not isinstance(cut.lower, cst.UnaryOperation) \
            or not isinstance(cut.lower.operator, cst.Minus) or not isinstance(cut.lower.expression, cst.Integer):
        return None
    tensor = _sizes_of(node.value)
    return None if tensor is None else (tensor, int(cut.lower.expression.value))


def _size_read_of(node: "cst.BaseExpression") -> str | None:
    """The code of the tensor whose one size `node` reads (`x` of x.size(-1), x.shape[-1],
    x.size()[-1]); None for any other expression."""
    import libcst as cst

    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "size" \
            and len(node.args) == 1:
        return cst.Module([]).code_for_node(node.func.value)
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        return _sizes_of(node.value)
    return None


def _sizes_of(read: "cst.BaseExpression") -> str | None:
    """The code of the tensor whose sizes `read` is (`x` of x.shape, x.size()); else None."""
    import libcst as cst

    if isinstance(read, cst.Attribute) and read.attr.value == "shape":
        return cst.Module([]).code_for_node(read.value)
    if isinstance(read, cst.Call) and isinstance(read.func, cst.Attribute) and read.func.attr.value == "size" \
            and not read.args:
        return cst.Module([]).code_for_node(read.func.value)
    return None


def _features_written(interp: "Interpreter", node: "cst.CSTNode", requested: list) -> tuple:
    """(the view's span, the numbers) where a view of the input into rows writes its last size as a
    product of two or more numbers (`x.view(16, 28 * 27)`, `x.view(-1, 3 * 32 * 32)`); else ()."""
    import libcst as cst

    if len(requested) != 2 or not isinstance(node, cst.Call) or not node.args:
        return ()
    last = node.args[-1].value
    if len(node.args) == 1 and isinstance(last, (cst.Tuple, cst.List)) and last.elements:
        last = last.elements[-1].value
    numbers = _numbers_multiplied(last)
    if numbers is None or len(numbers) < 2 or math.prod(numbers) != requested[-1]:
        return ()
    return (interp.span(node), numbers)


def _numbers_multiplied(expression: "cst.BaseExpression") -> tuple[int, ...] | None:
    """The integer literals a product of them is written with (`28 * 27`: (28, 27)), else None."""
    import libcst as cst

    if isinstance(expression, cst.Integer):
        return (int(expression.evaluated_value),)
    if isinstance(expression, cst.BinaryOperation) and isinstance(expression.operator, cst.Multiply):
        left, right = _numbers_multiplied(expression.left), _numbers_multiplied(expression.right)
        return None if left is None or right is None else left + right
    return None


def selection(interp: "Interpreter", tensor: Tensor, name: str, args: list, kwargs: dict, node: "cst.CSTNode",
              label: str) -> Any:
    """torch.max/min(x) a 0-d tensor, (x, dim, keepdim=False) a (values, indices) pair, (a, b)
    elementwise with broadcasting; sort the pair of x's shape; topk(k, dim=-1) k along dim;
    median/nanmedian as max; kthvalue(k, dim=-1) and mode(dim=-1) pairs; argmax/argmin(x,
    dim=None) the indices alone. Arguments not known: the result is unknown."""
    other = args[0] if args else kwargs.get("other")
    if name in ("max", "min") and isinstance(other, Tensor):  # torch.maximum / torch.minimum
        return binary(interp, label, tensor, other, interp.span(node))
    keyword = {"topk": "k", "kthvalue": "k"}.get(name)
    if keyword is not None:  # (k, dim=-1, ...)
        k = args[0] if args else kwargs.get("k")
        dim = args[1] if len(args) > 1 else kwargs.get("dim", -1)
        keepdim = args[2] if len(args) > 2 and name == "kthvalue" else kwargs.get("keepdim", False)
    else:
        k = None
        default = -1 if name in ("sort", "mode") else None
        dim = args[0] if args else kwargs.get("dim", default)
        keepdim = args[1] if len(args) > 1 and name != "sort" else kwargs.get("keepdim", False)
    pair = name not in ("argmax", "argmin")
    dims = tensor.shape.dims
    if dim is None and name not in ("sort", "topk", "kthvalue", "mode"):  # over every element
        if keepdim is True and dims is not None:  # argmax(x, keepdim=True): ones of x's rank
            return tensor.with_shape(Shape((1,) * len(dims)))
        return tensor.with_shape(Shape(())) if keepdim is False else unknown_tensor(label)
    axis = shapes.normalize_dim(dim, len(dims)) if dims is not None and isinstance(dim, int) else None
    if dims is None and tensor.placeholder and keepdim is True and isinstance(dim, int) and not isinstance(dim, bool) \
            and name in ("max", "min", "median", "nanmedian", "argmax", "argmin", "mode"):
        # `torch.max(x, 1, keepdim=True)` of the input before its first layer: the input's rank,
        # that dim 1, applied once the layer tells the rank
        reduced = deferred(tensor, ("keep", (dim,)))
        return ValuesIndices((reduced, replace(reduced, producer=f"{label} indices"))) if pair else reduced
    if dims is None:  # the tensor's shape is already unknown, and listed where it became so
        unknown = unknown_tensor(label)
        return ValuesIndices((unknown, unknown)) if pair else unknown
    if axis is None or not isinstance(keepdim, bool) or (keyword and not is_known(k)):
        interp.unresolved(node, f"{label}: its arguments are not known statically, nor its result's shape")
        unknown = unknown_tensor(label)
        return ValuesIndices((unknown, unknown)) if pair else unknown
    if name == "sort":
        out = dims
    elif name == "topk":
        if is_known(dims[axis]) and k > dims[axis]:  # "selected index k out of range": not judged here
            unknown = unknown_tensor(label)
            return ValuesIndices((unknown, unknown))
        out = dims[:axis] + (k,) + dims[axis + 1 :]
    else:
        out = tuple(1 if i == axis else d for i, d in enumerate(dims) if keepdim or i != axis)
    values = tensor.with_shape(Shape(out), producer=label)
    return ValuesIndices((values, Tensor(Shape(out), f"{label} indices"))) if pair else values


FILLS = frozenset("zero_ fill_ normal_ uniform_ random_ bernoulli_ exponential_ geometric_ cauchy_ log_normal_ "
                  "requires_grad_".split())


def _new(tensor: Tensor, name: str, args: list, kwargs: dict) -> Tensor:
    """x.new(2, 3) / x.new_zeros((2, 3)) / x.new_full((2, 3), v): a tensor of those sizes.
    x.new(sequence) is a tensor of that data, not of that size: not followed; x.new(y.size()) is
    of y's size (a VAE's `std.data.new(std.size()).normal_()`)."""
    if name == "new":
        if len(args) == 1 and isinstance(args[0], TorchSize) and not kwargs:
            args = list(args[0])
        sizes = list(args) if args and not kwargs and all(is_known(a) or isinstance(a, Sym) for a in args) else None
    else:
        given = args[:1] if name == "new_full" else args
        sizes = _requested_shape(list(given), {"size": kwargs["size"]} if "size" in kwargs else {})
    if not sizes:
        return unknown_tensor(f"x.{name}")
    return Tensor(Shape(tuple(sizes)), f"x.{name}")


def _einsum(interp: "Interpreter", equation: str, operands: list, label: str, node: "cst.CSTNode") -> Tensor:
    """torch.einsum("abc,ab->abc", x, w), the operands also given as one list."""
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = list(operands[0])
    if all(isinstance(o, Tensor) and o.shape.dims is not None for o in operands):
        if (clash := shapes.einsum_clash(equation, [o.shape.dims for o in operands])) is not None:
            problem, sides = clash
            _record_op(interp, TensorOp(label, tuple(operands), unknown_tensor(label), interp.span(node), problem,
                                        {"variant": "einsum", "sides": sides}))
            return unknown_tensor(f"{label} torch refuses")
        dims = shapes.einsum_shape(equation, [o.shape.dims for o in operands])
        if dims is not None:
            return Tensor(Shape(dims), label)
    interp.unresolved(node, f"{label}({equation!r}, ...) on sizes not known to agree: its result shape is unknown")
    return unknown_tensor(label)


def _one_hot(indices: Any, num_classes: Any, label: str) -> Tensor:
    """F.one_hot(idx, num_classes=k): idx's shape and a last dim of k (a capsule net's mask of
    its longest capsule). num_classes=-1 (the default) is the largest index + 1: a size of the
    data, unknown; the rank is still known."""
    if not isinstance(indices, Tensor) or indices.shape.dims is None:
        return unknown_tensor(label)
    classes = num_classes if (is_known(num_classes) or isinstance(num_classes, Sym)) and num_classes != -1 \
        and not isinstance(num_classes, bool) else Unknown(f"{label}'s number of classes, a size of the data")
    return Tensor(Shape(indices.shape.dims + (classes,)), label)


def _einops(interp: "Interpreter", name: str, args: list, kwargs: dict, node: "cst.CSTNode") -> Tensor:
    """einops.rearrange / reduce / repeat(tensor, pattern, [reduction], **axes_lengths)."""
    label = f"einops.{name}"
    tensor = args[0] if args else kwargs.get("tensor")
    pattern = args[1] if len(args) > 1 else kwargs.get("pattern")
    lengths = {k: v for k, v in kwargs.items() if k not in ("tensor", "pattern", "reduction")}
    if isinstance(pattern, str):  # a pattern's left side fixes the rank of an input not yet ranked
        tensor = input_of_rank(interp, tensor, einops_patterns.input_rank(pattern))
    shape = einops_shape(name, pattern, tensor, lengths)
    if isinstance(shape, str):
        interp.unresolved(node, f"{label}: {shape}: its result shape is unknown")
        return unknown_tensor(label)
    result = Tensor(shape, label)
    _record_op(interp, TensorOp(label, (tensor,), result, interp.span(node), None, {"pattern": pattern}))
    return result


def einops_shape(operation: str, pattern: Any, tensor: Any, lengths: dict) -> Shape | str:
    """The shape einops gives, or why it is not known (also for an einops.layers.torch layer)."""
    if not isinstance(tensor, Tensor) or tensor.shape.dims is None:
        return "a tensor of a shape not known"
    if not isinstance(pattern, str):
        return "a pattern not known statically"
    lengths = {k: v if is_known(v) or isinstance(v, Sym) else Unknown(f"the length of {k} not known")
               for k, v in lengths.items()}
    try:
        dims = einops_patterns.output_dims(operation, pattern, tensor.shape.dims, lengths)
    except einops_patterns.PatternRefused as refused:
        return f"{pattern!r} does not fit {tensor.shape} ({refused})"
    return Shape(dims) if dims is not None else f"the pattern {pattern!r} is not modelled"


def _stack(interp: "Interpreter", sequence: Any, dim: Any, label: str, node: "cst.CSTNode") -> Tensor:
    """torch.stack(tensors, dim=0): a new dim of len(tensors) at dim (of rank + 1) in tensors all of
    one shape; shapes not surely equal are unknown, never judged. `[x] * n` of a count not known
    statically makes a new dim of n times the items."""
    times: Dim = 1
    if isinstance(sequence, RepeatedList):
        sequence, times = list(sequence.items), sequence.count
    if not isinstance(sequence, (list, tuple)) or not sequence or not isinstance(dim, int) or \
            not all(isinstance(t, Tensor) for t in sequence):
        interp.unresolved(node, f"{label} of values not known statically: its result shape is unknown")
        return unknown_tensor(label)
    sequence = _ranked_by_the_known(interp, [settled(interp, t) for t in sequence], dim, equal=True)
    dims = [t.shape.dims for t in sequence]
    if any(d is None for d in dims):
        return unknown_tensor(label)
    first = dims[0]
    axis = shapes.normalize_dim(dim, len(first) + 1)
    clash = next(((number, d) for number, other in enumerate(dims[1:], 1) if len(other) == len(first)
                  for d in range(len(first)) if not symbolic.can_equal(first[d], other[d])), None)
    if axis is not None and clash is not None:
        # a size no input makes equal (a branch's conv that shrinks beside one that keeps the size):
        # refused as torch.cat refuses it, the branch behind it found as for a cat
        number, d = clash
        listed = [f"[{', '.join(format_dim(x) for x in sizes)}]" for sizes in (first, dims[number])]
        problem = f"stack expects each tensor to be equal size, but got {listed[0]} at entry 0 and {listed[1]} " \
                  f"at entry {number}" + ("" if is_known(first[d]) and is_known(dims[number][d]) else
                                          ", and no input size makes them equal")
        _record_op(interp, TensorOp(label, tuple(sequence), unknown_tensor(label), interp.span(node), problem,
                                    {"dim": dim, "axis": d - len(first)}))
        return unknown_tensor(label)
    first = _agreed_sizes(dims) if axis is not None else None
    if first is None:
        interp.unresolved(node, f"{label} of tensors not known to be of one shape: its result shape is unknown")
        return unknown_tensor(label)
    return Tensor(Shape(first[:axis] + (dim_mul(times, len(sequence)),) + first[axis:]), label)


def _agreed_sizes(dims: list[tuple]) -> tuple | None:
    """The one shape of tensors torch needs to be of one shape (torch.stack): each size they all
    have, or the one size those that know it have where the rest leave it unknown (where the op
    runs, it is that size for all of them: a guided filter's 1-channel maps, some read off a chunk
    of channels not known); None where the ranks differ or two sizes may differ."""
    if any(len(d) != len(dims[0]) for d in dims):
        return None
    out = []
    for sizes in zip(*dims):
        known = [size for size in sizes if not isinstance(size, Unknown)]
        if known and not all(shapes._same_size(size, known[0]) for size in known):
            return None
        out.append(known[0] if known else sizes[0])
    return tuple(out)


def _meshgrid(interp: "Interpreter", args: list, kwargs: dict, label: str, node: "cst.CSTNode") -> Any:
    """torch.meshgrid(*tensors, indexing="ij"): a tuple of tensors each of the sizes of the 1-D (or
    0-d: one element) inputs in order; "xy" swaps the first two (torch.functional._meshgrid)."""
    tensors = list(args[0]) if len(args) == 1 and isinstance(args[0], (list, tuple)) else list(args)
    indexing = kwargs.get("indexing", "ij")
    # (a tensor of known values, torch.linspace(-1, 1, w)'s, by its shape)
    dims = [tuple(t.shape) if isinstance(t, known_tensors.KnownTensor) else t.shape.dims
            if isinstance(t, Tensor) else None for t in tensors]
    if not tensors or not all(d is not None and len(d) <= 1 for d in dims) or indexing not in ("ij", "xy") \
            or set(kwargs) - {"indexing"}:
        interp.unresolved(node, f"{label} of values not known statically: its result shapes are unknown")
        return Unknown(f"{label} of values not known statically")
    sizes = [d[0] if d else 1 for d in dims]
    if indexing == "xy" and len(sizes) >= 2:
        sizes[0], sizes[1] = sizes[1], sizes[0]
    return tuple(Tensor(Shape(tuple(sizes)), label) for _ in tensors)


def _masked_fill(interp: "Interpreter", tensor: Tensor, mask: Any, label: str, node: "cst.CSTNode") -> Tensor:
    """x.masked_fill(mask, value): the shape x and mask broadcast to (ATen expands both first)."""
    if not isinstance(mask, Tensor):
        interp.unresolved(node, f"{label} with a mask not known statically: its result shape is unknown")
        return unknown_tensor(label)
    result, failing = shapes.broadcast_shapes(tensor.shape, mask.shape)
    if failing is not None:
        interp.unresolved(node, f"{label}: a mask that does not broadcast with the tensor")
        return unknown_tensor(label)
    return Tensor(result, label) if result.dims is not None else unknown_tensor(label)


def _where(args: list, kwargs: dict, label: str) -> Tensor:
    """torch.where(condition, input, other): the three broadcast together (a Python number is 0-d).
    Shapes that do not broadcast make an unknown, not a finding: torch.where is not judged."""
    shape = Shape(())
    for value in (*args, *kwargs.values()):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            continue
        if not isinstance(value, Tensor):
            return unknown_tensor(f"{label} of a value not known statically")
        shape, clash = shapes.broadcast_shapes(shape, value.shape)
        if clash is not None:
            return unknown_tensor(f"{label} of shapes that do not broadcast")
    return Tensor(shape, label)


def _cdist(interp: "Interpreter", x1: Any, x2: Any, label: str, node: "cst.CSTNode") -> Tensor:
    """torch.cdist(x1, x2): (*, P, M) and (*, R, M) give (*, P, R), the batch dims broadcast (a
    VQ-VAE's distances from each pixel to a codebook). CL107 where torch surely refuses: the two M
    known and not equal, or batch dims that cannot broadcast; anything not known is unknown."""
    if not (isinstance(x1, Tensor) and isinstance(x2, Tensor)):
        return unknown_tensor(f"{label} of a value not known statically")
    a, b = x1.shape.dims, x2.shape.dims
    if a is None or b is None or len(a) < 2 or len(b) < 2:
        return unknown_tensor(label)  # (a rank torch refuses, "cdist only supports at least 2D tensors": not judged)
    batch, failing = shapes.broadcast_shapes(Shape(a[:-2]), Shape(b[:-2]))
    problem = None
    if is_known(a[-1]) and is_known(b[-1]) and a[-1] != b[-1]:
        problem = f"X1 and X2 must have the same number of columns. X1: {a[-1]} X2: {b[-1]}"
    elif failing is not None:
        rank = max(len(a), len(b)) - 2
        left, right = (1,) * (rank - len(a) + 2) + a[:-2], (1,) * (rank - len(b) + 2) + b[:-2]
        problem = (f"The size of tensor a ({format_dim(left[failing])}) must match the size of tensor b "
                   f"({format_dim(right[failing])}) at non-singleton dimension {failing}")
    if problem is not None:
        _record_op(interp, TensorOp(label, (x1, x2), unknown_tensor(label), interp.span(node), problem, {}))
        return unknown_tensor(label)
    if not shapes._same_size(a[-1], b[-1]) or batch.dims is None:
        interp.unresolved(node, f"{label} of {x1.shape} and {x2.shape}: sizes not known to agree, its result "
                                f"shape is unknown")
        return unknown_tensor(label)
    return Tensor(Shape((*batch.dims, a[-2], b[-2])), label)


def _outer(interp: "Interpreter", left: Any, right: Any, label: str, node) -> Tensor:
    """torch.outer(a, b) (torch.ger, a.outer(b)) of two vectors: (n,) and (m,) give (n, m), a time
    step's sinusoidal embedding `torch.outer(t * scale, freqs)`. Operands of another rank, which torch
    refuses, or not known: unknown, listed."""
    left, right = shape_only(left), shape_only(right)  # (a table of known values: its shape)
    if isinstance(left, Tensor) and isinstance(right, Tensor) and left.shape.dims is not None \
            and right.shape.dims is not None and len(left.shape.dims) == 1 and len(right.shape.dims) == 1:
        return Tensor(Shape((left.shape.dims[0], right.shape.dims[0])), label)
    interp.unresolved(node, f"{label} of operands not both known vectors: its result shape is unknown")
    return unknown_tensor(label)


def _bmm(interp: "Interpreter", left: Tensor, right: Tensor, label: str, span: "Span") -> Tensor:
    """torch.bmm: (b, n, m) @ (b, m, p) -> (b, n, p); sizes torch refuses at every input size are
    CL107 at the call. A batch not known on one side is the other's wherever the product runs
    (torch takes only equal)."""
    a, b = left.shape.dims, right.shape.dims
    if a is None or b is None or len(a) != 3 or len(b) != 3:
        return unknown_tensor(label)
    if (problem := shapes.matmul_refusal(a, b, "bmm")) is not None:
        _record_op(interp, TensorOp(label, (left, right), unknown_tensor(label), span, problem,
                                    {"variant": "matmul"}))
        return unknown_tensor(f"{label} torch refuses")
    def surely_equal(x: Dim, y: Dim) -> bool:
        return is_known(x) and is_known(y) and x == y or isinstance(x, Sym) and x == y

    if not surely_equal(a[2], b[1]):
        return unknown_tensor(label)
    if isinstance(a[0], Unknown) or isinstance(b[0], Unknown):
        batch = b[0] if isinstance(a[0], Unknown) else a[0]
    elif surely_equal(a[0], b[0]):
        batch = a[0]
    else:
        return unknown_tensor(label)
    return Tensor(Shape((batch, a[1], b[2])), label)


def _pieces(tensor: Tensor, name: str, args: list, kwargs: dict, unpacked: int | None = None) -> Any:
    """x.chunk(n, dim) / x.split(size, dim) / x.split([s1, s2, ...], dim): a tuple of tensors, when
    the sizes are known. A list of sizes needs no total (torch checks that they sum to it).
    `unpacked`: the count of names the result is unpacked into, where it is."""
    dims = tensor.shape.dims
    dim = args[1] if len(args) > 1 else kwargs.get("dim", 0)
    amount = args[0] if args else kwargs.get("split_size_or_sections", kwargs.get("split_size", kwargs.get("chunks")))
    if dims is None:
        return Unknown(f"x.{name} of a tensor of unknown rank")
    axis = shapes.normalize_dim(dim, len(dims)) if isinstance(dim, int) else None
    if axis is None or name == "tensor_split":
        return Unknown(f"x.{name} with sizes not known statically")
    if name == "split" and isinstance(amount, (list, tuple)):
        sizes = list(amount)
        if not all(isinstance(size, int) and not isinstance(size, bool) for size in sizes if is_known(size)):
            return Unknown(f"x.{name} with sizes not known statically")
        total = dims[axis]
        if is_known(total) and all(is_known(size) for size in sizes) and sum(sizes) != total:
            return Unknown(f"x.split({sizes}) of a dim of {total}, which they do not sum to")
        return tuple(tensor.piece(Shape(dims[:axis] + (size,) + dims[axis + 1 :])) for size in sizes)
    total = dims[axis]
    if isinstance(total, Sym):
        pieces = _symbolic_pieces(tensor, name, amount, axis, unpacked)
        return _pieces_of_unknown_size(tensor, axis, amount, unpacked) if isinstance(pieces, Unknown) else pieces
    if not is_known(total) or not is_known(amount) or amount < 1:
        return _pieces_of_unknown_size(tensor, axis, amount, unpacked)
    step = -(-total // amount) if name == "chunk" else amount
    sizes = [min(step, total - start) for start in range(0, total, step)]
    return tuple(tensor.piece(Shape(dims[:axis] + (size,) + dims[axis + 1 :])) for size in sizes)


def _split_count(amount: Any, unpacked: int | None) -> int | None:
    """The count of pieces a chunk or split into pieces of `amount` gives wherever the statement
    runs: the names it is unpacked into (any other count raises there); None where not unpacked."""
    if unpacked is None or unpacked < 1 or not (is_known(amount) and type(amount) is int and amount >= 1):
        return None
    return unpacked


def _pieces_of_unknown_size(tensor: Tensor, axis: int, amount: Any, unpacked: int | None) -> Any:
    """`a, b, c = x.chunk(3, 1)` of a dim whose size is not known: the names count the pieces, and
    a cut along one dim keeps every other (N, H, W of a chunk of the channels); the cut dim unknown."""
    count = _split_count(amount, unpacked)
    if count is None:
        return Unknown("x.split with sizes not known statically")
    dims = tensor.shape.dims
    cut = Unknown("a piece of a dim of a size not known statically")
    return tuple(tensor.piece(Shape(dims[:axis] + (cut,) + dims[axis + 1:])) for _ in range(count))


def _input_pieces(tensor: Tensor, name: str, args: list, kwargs: dict, unpacked: tuple | None,
                  node: "cst.CSTNode") -> tuple | None:
    """x.split([3, 1], 1) / `r, g, b = x.chunk(3, 1)` of the input before its rank is known: each piece
    the input with one op pending, a piece along the dim of the size listed, or of a size not known
    (a count the names unpacked into give); None for any other form."""
    dim = args[1] if len(args) > 1 else kwargs.get("dim", 0)
    amount = args[0] if args else kwargs.get("split_size_or_sections", kwargs.get("split_size", kwargs.get("chunks")))
    if not _is_index_int(dim):
        return None
    if name == "split" and isinstance(amount, (list, tuple)):
        if not amount or not all(_is_index_int(size) and size >= 0 for size in amount):
            return None
        return tuple(deferred(tensor, ("piece", dim, size)) for size in amount)
    count = _split_count(amount, unpacked[1] if unpacked is not None and unpacked[0] is node else None)
    if count is None:
        return None
    return tuple(deferred(tensor, ("piece", dim, None)) for _ in range(count))


def _record_refused_split(interp: "Interpreter", tensor: Tensor, name: str, args: list, kwargs: dict,
                          span: "Span") -> bool:
    """x.split([s1, s2, ...], dim) whose sizes surely do not sum to the dim (IMDN's distillation
    split of 64 channels into 16 and 40): recorded with torch's message, CL107 at the split. A
    symbolic dim or size counts only where no value makes the sum equal the dim."""
    dims = tensor.shape.dims
    amount = args[0] if args else kwargs.get("split_size_or_sections")
    dim = args[1] if len(args) > 1 else kwargs.get("dim", 0)
    if name != "split" or dims is None or not isinstance(amount, (list, tuple)) or not amount \
            or not isinstance(dim, int) or isinstance(dim, bool):
        return False
    axis = shapes.normalize_dim(dim, len(dims))
    sizes = list(amount)
    if axis is None or not all(isinstance(s, Sym) or is_known(s) and isinstance(s, int) and not isinstance(s, bool)
                               for s in sizes):
        return False
    total = dims[axis]
    summed: Dim = 0
    for size in sizes:
        summed = shapes.dim_sum(summed, size)
    if not (is_known(total) or isinstance(total, Sym)) or isinstance(summed, Unknown) \
            or symbolic.can_equal(summed, total) and not _sizes_outgrow(sizes, total):
        return False
    listed = ", ".join(format_dim(s) for s in sizes)
    problem = (f"split_with_sizes expects split_sizes to sum exactly to {format_dim(total)} (input tensor's "
               f"size at dimension {axis}), but got split_sizes=[{listed}]")
    _record_op(interp, TensorOp("x.split", (tensor,), unknown_tensor("x.split refused"), span, problem,
                                {"total": format_dim(total), "axis": axis, "summed": format_dim(summed)}))
    return True


def _sizes_outgrow(sizes: list, total: Dim) -> bool:
    """Split sizes of several input sides or arguments whose sum exceeds the dim at every size:
    `torch.split(f, [h, w], dim=3)` of a dim of 1 (h + w >= 2), or of a dim of h (w >= 1 more)."""
    rest = list(sizes)
    if isinstance(total, Sym) and total in rest:
        rest.remove(total)  # the dim itself among the sizes: any other size >= 1 overshoots
        total = 0
    if not is_known(total):
        return False
    least = [symbolic.least_value(size) for size in rest]
    return None not in least and sum(least) > total


def _symbolic_pieces(tensor: Tensor, name: str, amount: Any, axis: int, unpacked: int | None = None) -> Any:
    """x.split(width) / x.chunk(n) of a symbolic dim that is an exact multiple of the piece
    (Res2Net's `torch.split(out, width, 1)` of `width * scale` channels): that many equal pieces.
    `a, b = x.split(C // 2, dim=1)` (WaveNet's gate) unpacked into k names, its piece C // k: k
    pieces wherever the unpack does not raise (C odd gives a third), and then k divides C, so
    every piece is C // k. Any other count depends on the value, and is unknown."""
    dims = tensor.shape.dims
    total = dims[axis]
    if name == "chunk":
        piece = dim_floordiv(total, amount) if is_known(amount) and amount >= 1 else None
        count = amount if piece is not None and shapes.exact_multiple(total, piece) == amount else None
    else:
        piece, count = amount, shapes.exact_multiple(total, amount)
        if count is None and unpacked is not None and unpacked >= 2 and amount == dim_floordiv(total, unpacked):
            count = unpacked
    if count is None:
        return Unknown(f"x.{name} with sizes not known statically")
    return tuple(tensor.piece(Shape(dims[:axis] + (piece,) + dims[axis + 1 :])) for _ in range(count))


def _unknown_items(dims: tuple) -> Any:
    """x.tolist() of a tensor whose values are not known: nested lists of its shape, each item
    unknown (their count is what a loop over them needs), or unknown when the sizes are not known."""
    if not all(is_known(d) for d in dims) or dims_product(dims) > known_tensors.MAX_ELEMENTS:
        return Unknown("x.tolist() of a tensor of sizes not known")
    if not dims:
        return Unknown("x.tolist() of a tensor of values not known")
    return [_unknown_items(dims[1:]) for _ in range(dims[0])]


MAX_UNBOUND = 1024  # x.unbind(0) of a longer dim: a tuple that long says nothing the unknown would not


def _tensor_split(interp: "Interpreter", tensor: Tensor, args: list, kwargs: dict, node: "cst.CSTNode") -> Any:
    """x.tensor_split(sections or indices, dim=0) (torch.tensor_split): n sections of a dim of S are
    S % n pieces of S // n + 1, then pieces of S // n; indices cut as the slices x[:i0], x[i0:i1],
    ..., x[ik:] would (clamped to the dim). The pieces' count is known from the arguments; their
    sizes only when the dim is known."""
    dims = tensor.shape.dims
    given = args[0] if args else next((kwargs[k] for k in ("indices", "sections", "tensor_indices_or_sections")
                                       if k in kwargs), None)
    dim = args[1] if len(args) > 1 else kwargs.get("dim", 0)
    axis = shapes.normalize_dim(dim, len(dims)) if isinstance(dim, int) and dims is not None else None
    if isinstance(given, (list, tuple)) and all(is_known(i) and i >= 0 for i in given):
        cuts = list(given)
    elif is_known(given) and 1 <= given <= MAX_UNBOUND:
        cuts = None
    else:
        cuts = Unknown("x.tensor_split with sections or indices not known statically")
    if axis is None or isinstance(cuts, Unknown):
        interp.unresolved(node, "x.tensor_split with arguments not known statically: its pieces are unknown")
        return Unknown("x.tensor_split with arguments not known statically")
    total = dims[axis]
    if not is_known(total):
        count = given if cuts is None else len(cuts) + 1
        sizes = [Unknown("a piece of x.tensor_split of a dim not known")] * count
    elif cuts is None:
        sizes = [total // given + (1 if piece < total % given else 0) for piece in range(given)]
    else:
        bounds = [None, *cuts, None]
        sizes = [len(range(total)[start:stop]) for start, stop in zip(bounds, bounds[1:])]
    return tuple(tensor.piece(Shape(dims[:axis] + (size,) + dims[axis + 1 :])) for size in sizes)


def _repeat_interleave(interp: "Interpreter", tensor: Tensor, args: list, kwargs: dict, node: "cst.CSTNode") -> Any:
    """x.repeat_interleave(repeats, dim=None) (torch.repeat_interleave): an int count multiplies the
    dim (no dim: the flattened tensor); a tensor of counts gives output_size if given, else unknown."""
    dims = tensor.shape.dims
    repeats = args[0] if args else kwargs.get("repeats")
    dim = args[1] if len(args) > 1 else kwargs.get("dim")
    if dims is not None and (dim is None or isinstance(dim, int)):
        axis = None if dim is None else shapes.normalize_dim(dim, len(dims))
        if dim is None or axis is not None:
            length = dims_product(dims) if dim is None else dims[axis]
            if isinstance(repeats, Tensor):
                size = kwargs.get("output_size")
                size = size if is_known(size) or isinstance(size, Sym) else Unknown("repeat_interleave by a tensor")
            elif is_known(repeats) or isinstance(repeats, Sym):
                size = dim_mul(length, repeats)
            else:
                size = Unknown("repeat_interleave by a count not known")
            return tensor.with_shape(Shape((size,) if dim is None else dims[:axis] + (size,) + dims[axis + 1 :]))
    interp.unresolved(node, "x.repeat_interleave with arguments not known statically: its result shape is unknown")
    return unknown_tensor("x.repeat_interleave")


def _sliding_windows(interp: "Interpreter", tensor: Tensor, args: list, kwargs: dict,
                     node: "cst.CSTNode") -> Tensor:
    """x.unfold(dimension, size, step): the patches of a hand-written ViT embedding."""
    given = dict(zip(("dimension", "size", "step"), args)) | kwargs
    dimension, size, step = given.get("dimension"), given.get("size"), given.get("step")
    if len(given) != 3 or len(args) > 3 or not all(is_known(v) or isinstance(v, (Sym, Unknown))
                                                   for v in (size, step)):
        interp.unresolved(node, "x.unfold with arguments not known statically: its result shape is unknown")
        return unknown_tensor("x.unfold")
    dims = shapes.sliding_windows(tensor.shape.dims, dimension, size, step)
    if dims is None:
        interp.unresolved(node, "x.unfold of a dim, size or step torch refuses or not known: its result "
                          "shape is unknown")
        return unknown_tensor("x.unfold")
    return tensor.with_shape(Shape(dims))


def _size(tensor: Tensor, name: str, args: list, kwargs: dict) -> Any:
    dims = tensor.shape.dims
    if dims is None and tensor.placeholder and name == "size":
        return InputSizes("a size of the input").item(args[0] if args else kwargs.get("dim")) \
            if args or "dim" in kwargs else InputSizes("the sizes of the input") if tensor.pending \
            else InputOwnSizes("the sizes of the input", tensor)
    if dims is None and not tensor.placeholder and (name != "size" or args or "dim" in kwargs):
        return UnknownNumber(f"x.{name}() of a tensor of unknown rank")  # an int still: `y / m.size(-1)`
    if dims is None:
        return Unknown("a size of a tensor of unknown rank")
    if name == "dim":
        return len(dims)
    if name == "numel":
        numel = tensor.shape.numel()
        return numel
    dim = args[0] if args else kwargs.get("dim")
    if dim is None:
        return TorchSize(dims)
    axis = shapes.normalize_dim(dim, len(dims)) if isinstance(dim, int) else None
    return dims[axis] if axis is not None else Unknown("a size index out of range")


def _reduction_arguments(name: str, args: list) -> list:
    """The arguments of a reduction as x.mean's (dim, keepdim): x.norm takes p first, x.var and
    x.std (torch.var_mean, torch.std_mean) an unbiased flag between, or that flag alone
    (`x.var(False)`: every element)."""
    if name == "norm":
        return args[1:]
    if name in ("std", "var", "var_mean", "std_mean"):
        return [] if args and isinstance(args[0], bool) else args[:1] + args[2:]
    return args


def _kept_axes(name: str, args: list, kwargs: dict) -> tuple | None:
    """The dims a reduction keeps as 1 (keepdim=True over int dims), which keeps the rank; None
    for any other call."""
    if name not in ("mean", "sum", "amax", "amin", "prod", "logsumexp", "norm", "std", "var"):
        return None
    args = _reduction_arguments(name, args)
    dim = args[0] if args else kwargs.get("dim", kwargs.get("axis"))
    keepdim = args[1] if len(args) > 1 else kwargs.get("keepdim", kwargs.get("keepdims", False))
    axes = dim if isinstance(dim, (list, tuple)) else (dim,)
    if keepdim is not True or not axes or not all(isinstance(a, int) and not isinstance(a, bool) for a in axes):
        return None
    return tuple(axes)


def _reduce(tensor: Tensor, args: list, kwargs: dict) -> Tensor:
    dims = tensor.shape.dims or ()
    # torch takes numpy's names too: x.mean(axis=(2, 3), keepdims=True)
    dim = args[0] if args else kwargs.get("dim", kwargs.get("axis"))
    keepdim = args[1] if len(args) > 1 else kwargs.get("keepdim", kwargs.get("keepdims", False))
    if dim is None:  # every element: a 0-d tensor, or ones of the tensor's rank kept
        if keepdim is False:
            return tensor.with_shape(Shape(()))
        if keepdim is True and tensor.shape.dims is not None:
            return tensor.with_shape(Shape((1,) * len(tensor.shape.dims)))
        return unknown_tensor("a reduction keeping dims not known statically")
    axes = dim if isinstance(dim, (list, tuple)) else (dim,)
    if not axes or not all(isinstance(a, int) and not isinstance(a, bool) for a in axes) \
            or not isinstance(keepdim, bool):
        return unknown_tensor("a reduction over unknown dims")
    positions = {shapes.normalize_dim(a, len(dims)) for a in axes}
    if None in positions or len(positions) != len(axes):  # (torch refuses a dim named twice)
        return unknown_tensor("a reduction out of range")
    out = tuple(1 if i in positions else d for i, d in enumerate(dims) if keepdim or i not in positions)
    return tensor.with_shape(Shape(out))


# x.cumsum(dim), torch.cumprod(x, dim): each element the sum (product) of those before it along dim
CUMULATIVE = ("cumsum", "cumprod")


def _cumulative(tensor: Tensor, name: str, args: list, kwargs: dict) -> Tensor:
    """The tensor's shape (cumsum_meta: dtype= and an integer input change the dtype only); dim is
    required and wraps as an index does, a 0-d tensor taking -1 or 0. Else unknown (torch refuses)."""
    dim = args[0] if args else kwargs.get("dim")
    if not isinstance(dim, int) or isinstance(dim, bool):
        return unknown_tensor(f"x.{name} along a dim not known statically")
    if shapes.normalize_dim(dim, max(len(tensor.shape.dims), 1)) is None:
        return unknown_tensor(f"x.{name} along a dim out of range")
    return tensor.with_shape(tensor.shape)


def _expand_or_repeat(tensor: Tensor, name: str, args: list, kwargs: dict) -> Tensor:
    """x.expand(N, C, H, W) (-1 keeps a dim; size-1 dims only grow), x.expand_as(y), and
    x.repeat(1, 1, H, W) (each dim times its count, new leading dims allowed); else unknown."""
    dims = tensor.shape.dims
    if name == "expand_as":
        other = args[0] if args else kwargs.get("other")
        if not isinstance(other, Tensor) or other.shape.dims is None:
            return unknown_tensor("x.expand_as")
        if dims is not None and shapes.expand_refused(dims, other.shape.dims):
            return unknown_tensor("x.expand_as refused")
        # what runs gives the other's shape, whatever the tensor's (t of a shape not followed too)
        return tensor.with_shape(other.shape, producer=None if dims is not None else "x.expand_as")
    sizes = list(args[0]) if len(args) == 1 and isinstance(args[0], (list, tuple)) else list(args)
    if dims is None and not kwargs and sizes and all(is_known(s) or isinstance(s, (Sym, Unknown)) for s in sizes) \
            and (len(args) > 1 or not isinstance(args[0], Unknown)):  # (one value not known may be a whole size)
        return _expanded_from_unknown_rank(tensor, name, sizes)
    if dims is None or kwargs or not sizes or not all(is_known(s) or isinstance(s, Sym) for s in sizes) \
            or len(sizes) < len(dims):
        return unknown_tensor(f"x.{name}")
    lead = len(sizes) - len(dims)
    out: list[Dim] = list(sizes[:lead])
    for size, dim in zip(sizes[lead:], dims):
        if name == "repeat":
            out.append(dim_mul(dim, size) if is_known(size) or is_known(dim) else Unknown("a repeat of a symbolic size"))
        elif is_known(size) and size == -1:
            out.append(dim)
        elif is_known(dim) and dim == 1:
            out.append(size)
        elif size == dim:
            out.append(dim)
        else:
            return unknown_tensor("x.expand")  # torch refuses a non-1 dim grown: not judged here
    if name == "expand" and any(is_known(s) and s == -1 for s in sizes[:lead]):
        return unknown_tensor("x.expand")
    return tensor.with_shape(Shape(tuple(out)))


def _expanded_from_unknown_rank(tensor: Tensor, name: str, sizes: list) -> Tensor:
    """x.expand(n, 3, 28, 28) / x.repeat(1, 1, h, w) of a tensor whose rank is not known (the input
    before a layer fixed it, a layer's output of an input given no size): torch takes no fewer sizes
    than dims, so the result has one dim per size. expand gives each size asked for, a -1 the
    tensor's own (first, the input's batch: a -1 cannot make a new dim); repeat's dims are the
    counts times sizes not known."""
    if any(is_known(s) and s < (-1 if name == "expand" else 0) for s in sizes):
        return unknown_tensor(f"x.{name} of a negative size")  # torch refuses it
    out: list[Dim] = []
    for index, size in enumerate(sizes):
        if name == "repeat":
            out.append(0 if is_known(size) and size == 0 else Unknown(f"x.repeat of a tensor of unknown shape"))
        elif is_known(size) and size == -1:
            out.append(Sym("N") if index == 0 and tensor.placeholder and not tensor.pending
                       else Unknown(f"a size of a tensor of unknown shape kept by x.expand"))
        else:
            out.append(size if is_known(size) or isinstance(size, Sym) else Unknown(size.why))
    return Tensor(Shape(tuple(out)), tensor.producer if tensor.placeholder else f"x.{name}")


def _record_refused_expand(interp: "Interpreter", tensor: Tensor, name: str, args: list, kwargs: dict,
                           span: "Span") -> None:
    """x.expand(*target) / x.expand_as(other) where torch surely refuses it (a per-channel parameter
    of another width than the map it is expanded to): recorded as an op of the two shapes (the
    sizes asked for as a tensor of that shape) with torch's message, CL107."""
    if name == "repeat" or tensor.shape.dims is None:
        return
    other = None
    if name == "expand_as":
        other = args[0] if args else kwargs.get("other")
        if not isinstance(other, Tensor) or other.shape.dims is None:
            return
        target = other.shape.dims
    else:
        sizes = list(args[0]) if len(args) == 1 and isinstance(args[0], (list, tuple)) else list(args)
        if kwargs or not sizes or not all(is_known(s) or isinstance(s, Sym) for s in sizes) \
                or len(sizes) < len(tensor.shape.dims):
            return
        target = tuple(sizes)
    clash = shapes.expand_clash(tensor.shape.dims, target)
    if clash is None:
        return
    index, size, existing = clash
    listed = [", ".join(format_dim(d) for d in dims) for dims in (target, tensor.shape.dims)]
    problem = (f"the expanded size of the tensor ({size}) must match the existing size ({existing}) at "
               f"non-singleton dimension {index}; target sizes: [{listed[0]}], tensor sizes: [{listed[1]}]")
    asked = other if other is not None else Tensor(Shape(target), "the sizes asked for")
    result = unknown_tensor(f"x.{name} refused")
    _record_op(interp, TensorOp(f"x.{name}", (tensor, asked), result, span, problem,
                                {"index": index, "size": size, "existing": existing}))


def _symbolic_slice(dim: Dim, index: slice) -> Dim | None:
    """x[:, :, ::2], x[..., :-pad] and x[..., 1:-1] of a symbolic size: ceil((H - start + stop) /
    step), exact wherever the slice keeps at least one element; other slices are not followed."""
    start, stop, step = index.start or 0, index.stop, 1 if index.step is None else index.step
    if not isinstance(dim, Sym) or dim.opaque or not isinstance(start, int) or start < 0 \
            or not isinstance(step, int) or step < 1:
        return None
    if stop is not None and not (isinstance(stop, int) and stop < 0):
        return None
    length = dim_add(dim, (stop or 0) - start)
    return dim_floordiv(dim_add(length, step - 1), step)


def _sliced_size(dim: Dim, index: slice) -> Dim | None:
    """The size a slice leaves of a dim: exact where it can be told (a known size, or a symbolic
    one cut at its ends), else a size of its own that equals only the same slice of the same dim
    (`x[:, :, :ref.size(2)]`, a crop to another map: torch takes min(H, stop)); a slice with a
    part not known leaves the size unknown. None: torch refuses it (a step below 1)."""
    parts = (index.start, index.stop, index.step)
    if isinstance(index.step, int) and index.step < 1:
        return None
    if all(part is None or isinstance(part, int) for part in parts):
        if is_known(dim):
            return len(range(*index.indices(dim)))
        exact = _symbolic_slice(dim, index)
        if exact is not None:
            return exact
        if isinstance(dim, Sym) and _one_element_slice(index):
            return 1  # x[:, 0:1] of an input of any width: one channel wherever it keeps any
    if isinstance(dim, Unknown) or any(part is not None and not isinstance(part, (int, Sym)) for part in parts):
        return Unknown("a slice not known statically")
    if index.start in (None, 0) and index.step in (None, 1) and (index.stop is None or index.stop == dim):
        return dim  # x[:, :, :x.size(2)], x[:, 0:]
    if index.start in (None, 0) and index.step in (None, 1) and shapes.covers(index.stop, dim):
        return dim  # a crop to a map never smaller (`up[:, :, :skip.size(2)]`): min(H, stop) is H
    if index.start in (None, 0) and index.step in (None, 1) and shapes.covers(dim, index.stop):
        return index.stop  # x[:, :, :h] of h padded up to a multiple: h again
    if index.start in (None, 0) and index.step in (None, 1) and (
            isinstance(index.stop, Sym) or isinstance(index.stop, int) and index.stop >= 0):
        return opaque(f"min({dim}, {index.stop})")
    text = ":".join("" if part is None else str(part) for part in parts).rstrip(":")
    return opaque(f"({dim})[{text}]")


def _one_element_slice(index: slice) -> bool:
    """A slice of whole-number bounds that keeps one element of a dim of any size, or none:
    `0:1`, `:1`, `2:3`, `-2:-1`, `-1:` (any step). Torch clips both bounds to the size D, so
    `a:a+1` gives min(D, a+1) - a, 1 for every D past a and 0 below; bounds of both signs
    (`1:-1`) are not such a slice."""
    start, stop = index.start, index.stop
    if start is None:
        start = 0
    if stop is None:
        return start == -1
    return stop - start == 1 and (start >= 0 or stop < 0)


def _list_index_size(dim: Dim, items: list) -> Dim | None:
    """The size one list of ints leaves of the dim it indexes (`g[:, [0], :, :]`): as many as it
    holds, each an element picked. None: not followed (a bool is a mask, an element not an int,
    or one out of range, where torch raises IndexError; an empty list, which torch refuses
    beside an int)."""
    if not items or not all(isinstance(i, int) and not isinstance(i, bool) for i in items):
        return None
    if is_known(dim) and not all(-dim <= i < dim for i in items):
        return None
    return len(items)


def index_out_of_range(dims: tuple | None, indices: list) -> tuple[int, int, int] | None:
    """(the dim, the index, the dim's size) of the first int index, or int of one list index, past a
    dim of known size (`x[:, 1]` of one channel), walked as index_tensor walks them: torch raises
    IndexError there. None where every index fits or one is not known (an unknown size never fails)."""
    if dims is None or any(isinstance(i, Unknown) for i in indices) or indices.count(Ellipsis) > 1:
        return None
    if Ellipsis in indices:
        at = indices.index(Ellipsis)
        covered = len(dims) - sum(1 for i in indices if i is not None and i is not Ellipsis)
        if covered < 0:
            return None
        indices = [*indices[:at], *[slice(None)] * covered, *indices[at + 1:]]
    position = 0
    for index in indices:
        if index is None:
            continue
        if position >= len(dims):
            return None  # (more indices than dims: another IndexError, not followed)
        size = dims[position]
        picked = [index] if type(index) is int else index if type(index) is list else []
        for item in picked:
            if type(item) is int and is_known(size) and not -size <= item < size:
                return position, item, size
        position += 1
    return None


def index_tensor(tensor: Tensor, indices: list) -> Tensor:
    """x[:, 0], x[..., :k], x[:, [0, 2]]: shape known for ints, slices and one list of ints."""
    dims = tensor.shape.dims
    if dims is None or any(isinstance(i, Unknown) and not isinstance(i, LoopIndex) for i in indices):
        return unknown_tensor("an index of a tensor")
    if sum(1 for i in indices if isinstance(i, (list, tuple, Tensor, KnownTensor))) > 1:
        # several advanced indices broadcast together and may move their dims to the front
        return unknown_tensor("an index by several lists or tensors")
    if indices.count(Ellipsis) == 1:  # `...` stands for as many full slices as the other indices leave
        at = indices.index(Ellipsis)
        covered = len(dims) - sum(1 for i in indices if i is not None and i is not Ellipsis)
        if covered < 0:
            return unknown_tensor("an index out of range")
        indices = [*indices[:at], *[slice(None)] * covered, *indices[at + 1:]]
    out: list[Dim] = []
    position = 0
    for index in indices:
        if index is Ellipsis:
            return unknown_tensor("an ellipsis index")
        if index is None:
            out.append(1)
            continue
        if position >= len(dims):
            return unknown_tensor("an index out of range")
        if isinstance(index, LoopIndex):  # `x[:, t]` of a loop's step: an int, in range or torch raises
            position += 1
            continue
        if isinstance(index, int):
            if is_known(dims[position]) and not -dims[position] <= index < dims[position]:
                return unknown_tensor("an index out of range")  # torch raises IndexError
            position += 1
            continue
        if isinstance(index, slice) and index == slice(None, None, None):
            out.append(dims[position])
            position += 1
            continue
        if isinstance(index, KnownTensor) and known_tensors.CATEGORY[index.dtype] == 1:
            # `table[torch.tensor([0, 2])]`: an integer index puts its dims in place of the one it indexes
            out.extend(index.shape)
            position += 1
            continue
        if isinstance(index, Tensor):
            # `table[t]`, one tensor index: integer or a bool mask (which leaves as many rows as it
            # holds True); a vector of neither known stands for one dim of a size not known
            rows = index.shape.dims
            if rows is not None and len(rows) == 1:
                out.append(Unknown("the rows a tensor index picks"))
                position += 1
                continue
            return unknown_tensor("an index by a tensor")
        if isinstance(index, list):
            # torch selects the int indices first, so the one list keeps its place (not numpy's order)
            sliced = _list_index_size(dims[position], index)
        else:
            sliced = _sliced_size(dims[position], index) if isinstance(index, slice) else None
        if sliced is not None:
            out.append(sliced)
            position += 1
            continue
        return unknown_tensor("an index of a tensor")
    shape = Shape(tuple(out) + dims[position:])
    # (slices only, `x[:, :n]`: a piece of the tensor; an int or None index reshapes it)
    return tensor.piece(shape) if all(isinstance(i, (slice, list)) for i in indices) else tensor.with_shape(shape)


# --------------------------------------------------------------------- operators and cat
def _axes_moved(interp: "Interpreter", label: str, tensor: Tensor, shape: Shape, span: "Span", axes: tuple) -> Tensor:
    """unsqueeze, transpose, permute: the tensor with its axes placed as `axes` (the op's arguments,
    from 0) say, recorded so that a layer refusing it can be traced back to the axis chosen."""
    result = tensor.with_shape(shape)
    _record_op(interp, TensorOp(label, (tensor,), result, span, None, {"axes": axes}))
    return result


def _record_op(interp: "Interpreter", op: TensorOp) -> None:
    if interp.analysis is not None:
        # (the operands cropped by a slice written in the function running the op, not in a module
        # or helper that made them: that slice is a line of this function the op may blame)
        frame = interp.frames[-1].serial if interp.frames else 0
        cut_here = tuple(i for i, t in enumerate(op.operands) if isinstance(t, Tensor) and t.cut is not None
                         and t.cut.frame == frame)
        if cut_here:
            op = replace(op, detail={**op.detail, "cut_here": cut_here})
        interp.analysis.ops.append(replace(op, start=interp.next_call()))


def _outgrows(target: Shape, result: Shape) -> bool:
    """Whether a broadcast result is certainly larger than the tensor an in-place op writes into:
    more dims, or a known dim of 1 that became a known larger one."""
    if target.dims is None or result.dims is None:
        return False
    if len(result.dims) > len(target.dims):
        return True
    return any(is_known(t) and is_known(r) and t != r for t, r in zip(target.dims, result.dims))


def _pinned_sizes(left: Shape, right: Shape, axis: int | None = None) -> dict[str, frozenset[int]]:
    """The few sizes of each input side at which two symbolic shapes broadcast, where only a few
    do ((H+1)/2 added to H: H = 1 or 2), or, for torch.cat along `axis`, are equal off it; the
    pipeline reruns the model there."""
    if left.dims is None or right.dims is None or (axis is not None and len(left.dims) != len(right.dims)):
        return {}
    pinned: dict[str, frozenset[int]] = {}
    for index, (x, y) in enumerate(zip(reversed(left.dims), reversed(right.dims))):
        if x == y or is_known(x) and is_known(y) or (axis is not None and len(left.dims) - 1 - index == axis):
            continue
        sizes = symbolic.broadcast_sizes(x, y, broadcast=axis is None)
        name = symbolic.symbol_of(x if not is_known(x) else y)
        if sizes is not None and name in symbolic.SPATIAL:
            pinned[name] = pinned.get(name, sizes) & sizes
    return pinned


def _meets(left: Shape, right: Shape, axis: int | None = None) -> tuple[tuple, ...]:
    """(side, dim of left, dim of right, broadcast) for each input side (H before W) along which
    two symbolic shapes differ as written but may be equal at some sizes (for torch.cat along
    `axis`: equal; for + and *: broadcast): the sides of a join CL213 and CL107 judge, alone
    (2*(H/2)+1 against H: odd H only) and together with the model's other joins."""
    if left.dims is None or right.dims is None or (axis is not None and len(left.dims) != len(right.dims)):
        return ()
    meets = []
    pairs = list(zip(reversed(left.dims), reversed(right.dims)))
    for index, (x, y) in reversed(list(enumerate(pairs))):  # (the sides in their order: H before W)
        if x == y or is_known(x) and is_known(y) or (axis is not None and len(left.dims) - 1 - index == axis):
            continue
        name = symbolic.symbol_of(x if not is_known(x) else y)
        if name in symbolic.SPATIAL:
            meets.append((name, x, y, axis is None))
    return tuple(meets)


def _against_its_reduction(left: Tensor, right: Tensor) -> Tensor | None:
    """The input, rank not yet known, with itself reduced with keepdim=True (a pixel norm's
    `x * rsqrt(mean(x ** 2, dim=1, keepdim=True) + eps)`): of any rank, the reduced dims are 1
    where the other's are whole, so they broadcast to the input's shape: that tensor."""
    for whole, reduced in ((left, right), (right, left)):
        extra = reduced.pending[len(whole.pending):]
        # (a chunk's piece of it, `x * (r + g + b)`, as well: a piece is no bigger, so where torch
        # broadcasts the two the result is the whole)
        if reduced.pending[:len(whole.pending)] == whole.pending and extra \
                and all(op[0] in ("keep", "piece") for op in extra):
            return whole
    return None


MAX_PATH_PAIRS = 16


def _refused_on_every_path(interp: "Interpreter", operator: str, left: Tensor, right: Tensor, span: "Span",
                           in_place: bool) -> Tensor | None:
    """`out += residual` of a residual one of several paths gives (`if self.downsample: residual =
    self.down(x)`, the condition not known statically), its dims where the paths differ unknown: an
    op torch refuses with the tensor of every path (every pairing, where both operands are such) is
    the error of the first, said to hold on every path. None where some path's tensor may pass, and
    where the joined tensors alone already make the op a finding (refused, or run at a few sizes
    only), which is left to the plain check and its blame."""
    if not (left.either or right.either) or left.shape.dims is None and not left.either \
            or right.shape.dims is None and not right.either:
        return None
    broadcast, failing = shapes.broadcast_shapes(left.shape, right.shape) \
        if left.shape.dims is not None and right.shape.dims is not None else (None, None)
    if failing is not None or broadcast is not None and in_place and _outgrows(left.shape, broadcast) \
            or _pinned_sizes(left.shape, right.shape) \
            or any(not isinstance(a, Unknown) and not isinstance(b, Unknown)
                   for _, a, b, _ in _meets(left.shape, right.shape)):
        # the add as joined is refused already, or runs at some sizes only: its own finding, blamed
        # at the line to edit (a wrapper's stride) as any add's, not at the add
        return None
    lefts, rights = left.either or (left,), right.either or (right,)
    if len(lefts) * len(rights) > MAX_PATH_PAIRS \
            or not all(_one_of(joined, each) for joined in (left, right) for each in joined.either):
        return None

    pinned: dict[str, frozenset[int]] = {}
    for a in lefts:
        for b in rights:
            if a.shape.dims is None or b.shape.dims is None or a.placeholder or b.placeholder or a.either or b.either:
                return None
            result_shape, failing_dim = shapes.broadcast_shapes(a.shape, b.shape)
            if failing_dim is not None or in_place and _outgrows(a.shape, result_shape):
                continue  # refused at every input size
            met = _pinned_sizes(a.shape, b.shape)
            if not met or pinned and set(met) != set(pinned):
                return None  # this path's tensors broadcast at sizes not few, or not of the same sides
            pinned = {name: pinned.get(name, frozenset()) | sizes for name, sizes in met.items()}
    mark = len(interp.analysis.ops) if interp.analysis is not None else 0
    first, second = next(((a, b) for a in lefts for b in rights if not pinned or _pinned_sizes(a.shape, b.shape)),
                         (lefts[0], rights[0]))
    result = binary(interp, operator, first, second, span, in_place)
    if pinned:
        # some path's tensors broadcast at a few sizes: the op runs only at those of any path (the
        # model is rerun there), so they are all this op's
        if interp.analysis is not None:
            for index in range(mark, len(interp.analysis.ops)):
                op = interp.analysis.ops[index]
                if op.span == span and op.problem is None:
                    interp.analysis.ops[index] = replace(op, detail={**op.detail, "pinned": pinned})
        return result
    if interp.analysis is not None:
        for index in range(mark, len(interp.analysis.ops)):
            op = interp.analysis.ops[index]
            if op.problem is not None and op.span == span:
                interp.analysis.ops[index] = replace(
                    op, problem=f"{op.problem} (on every path of the condition not known statically before it)")
    return result


def _one_of(joined: Tensor, each: Tensor) -> bool:
    """Whether a path's tensor is one the joined tensor may be: of its rank, and of each dim it knows."""
    if joined.shape.dims is None or each.shape.dims is None or len(joined.shape.dims) != len(each.shape.dims):
        return False
    return all(isinstance(j, Unknown) or j == e for j, e in zip(joined.shape.dims, each.shape.dims))


def _with_an_unknown_operand(interp: "Interpreter", operator: str, left: Tensor, right: Tensor, span: "Span",
                             in_place: bool) -> Tensor | None:
    """`x + self.drop_path(y)`, `q + self.encoder(q)`: one operand of known shape, the other the
    output of a callable not known statically (a layer of a library convlint does not read). Wherever the op runs, the unknown
    one broadcasts to every dim of the known one that is not 1, so those dims are kept; a dim of 1
    stays unknown (the other may expand it; a size of the input's, H/4, is kept), and the rank is taken to be the known one's, only for
    a feature map (3 dims or more: batch, channels, positions), not a parameter, where a bigger
    rank is not seen in practice. In place (`x += f(y)`), the result is written into x: x's shape,
    whatever its rank. Listed as an assumption; nothing is ever reported about the unknown one."""
    if (left.shape.dims is None) == (right.shape.dims is None):
        return None
    known, unknown = (left, right) if right.shape.dims is None else (right, left)
    if in_place and known is left and unknown.producer != FAILED_BROADCAST:
        result = known.with_shape(known.shape)  # exact: torch never broadcasts the tensor written into
    elif unknown.producer != UNKNOWN_CALL or known.placeholder:
        return None  # only a layer's output: a shape convlint lost on its own ops may have any rank
    elif (rank := len(known.shape.dims)) >= 3 and not known.parameter and known.owner is None:
        shape, failing = shapes.broadcast_shapes(known.shape, Shape((Unknown("an operand not known"),) * rank))
        if failing is not None or shape.dims is None:
            return None
        # a size of the input (H/4), 1 only at sizes no model is used at, is kept as a number is
        kept = tuple(d if is_known(d) or symbolic.symbol_of(k) not in symbolic.INPUT_SYMBOLS else k
                     for d, k in zip(shape.dims, known.shape.dims))
        result = known.with_shape(Shape(kept))
    else:
        return None
    symbol = {"Add": "+", "Subtract": "-", "Multiply": "*", "Divide": "/"}.get(operator, operator)
    symbol = f"{symbol}=" if in_place else symbol
    sizes = ' x '.join(format_dim(d) for d in known.shape.dims)
    interp.unresolved_at(span, f"`{symbol}` of a tensor of shape not known statically: its result keeps the "
                               f"{sizes} it is written into, the broadcast is not checked" if in_place and known is left
                         else f"`{symbol}` of a tensor of shape not known statically: taken to broadcast to the "
                              f"other operand's {sizes}")
    _record_op(interp, TensorOp(symbol, (left, right), result, span, None, {}))
    return result


def binary(interp: "Interpreter", operator: str, left: Any, right: Any, span: "Span",
           in_place: bool = False) -> Any:
    result = _binary(interp, operator, left, right, span, in_place)
    if in_place or not isinstance(result, Tensor) or result is left or result is right:
        return result
    if operator == "MatrixMultiply":  # laid out by matmul
        return result
    tensors = [t for t in (left, right) if isinstance(t, Tensor)]
    if len(tensors) == 1 and (a_number(right if tensors[0] is left else left)):
        return same_layout(interp, tensors[0], result)  # `x * 2`: as x is laid out
    if len(tensors) == 2 and all(layout_of(interp, t) is not None and not not_contiguous(interp, t) for t in tensors):
        laid_contiguous(interp, result)  # both contiguous: so is what they give
    return result


def _binary(interp: "Interpreter", operator: str, left: Any, right: Any, span: "Span",
            in_place: bool = False) -> Any:
    if operator == "MatrixMultiply":
        return matmul(interp, left, right, "@", span)
    if isinstance(left, Tensor) and isinstance(right, Tensor) and left.placeholder and right.placeholder \
            and (whole := _against_its_reduction(left, right)) is not None:
        return whole
    if isinstance(left, Tensor) and isinstance(right, Tensor) and left.placeholder and right.placeholder \
            and left.pending == right.pending and not in_place:
        return left  # `x * x` of the input, rank not yet known: its own shape, whatever the rank
    if isinstance(left, Tensor) and isinstance(right, Tensor) and left.placeholder != right.placeholder:
        # the input, its rank not yet known, and a tensor of known shape (`x - self.mean`)
        placeholder, other = (left, right) if left.placeholder else (right, left)
        if other.shape.dims is not None:
            return deferred(placeholder, ("broadcast", other.shape.dims))
    if isinstance(left, Tensor) and isinstance(right, Tensor) \
            and (refused := _refused_on_every_path(interp, operator, left, right, span, in_place)) is not None:
        return refused
    if isinstance(left, Tensor) and isinstance(right, Tensor) \
            and (assumed := _with_an_unknown_operand(interp, operator, left, right, span, in_place)) is not None:
        return assumed
    if isinstance(left, Tensor) and isinstance(right, Tensor):
        result_shape, failing_dim = shapes.broadcast_shapes(left.shape, right.shape)
        problem = None
        if failing_dim is None and in_place and _outgrows(left.shape, result_shape):
            # `x += residual`, `x.add_(y)`: the result is written into x, which cannot grow
            listed = [", ".join(format_dim(d) for d in shape.dims) for shape in (left.shape, result_shape)]
            problem = f"output with shape [{listed[0]}] doesn't match the broadcast shape [{listed[1]}]"
        elif failing_dim is not None:
            rank = max(len(left.shape.dims), len(right.shape.dims))
            a = (1,) * (rank - len(left.shape.dims)) + left.shape.dims
            b = (1,) * (rank - len(right.shape.dims)) + right.shape.dims
            problem = (
                f"the size of tensor a ({a[failing_dim]}) must match the size of tensor b "
                f"({b[failing_dim]}) at non-singleton dimension {failing_dim}"
            )
            if not (is_known(a[failing_dim]) and is_known(b[failing_dim])):
                problem += ", and no input size makes them match"
        producer = left.producer if result_shape == left.shape else right.producer
        fields = [t.field for t in (left, right) if t.field is not None]
        result = _weight_provenance(Tensor(result_shape, producer, field=max(fields) if len(fields) == 2 else None,
                                           tail=_broadcast_tail(left, right) if result_shape.dims is None else ()),
                                    left, right)
        symbol = {"Add": "+", "Subtract": "-", "Multiply": "*", "Divide": "/"}.get(operator, operator)
        symbol = f"{symbol}=" if in_place else symbol
        detail = {"axis": failing_dim - rank} if failing_dim is not None else {}  # from the right: ranks may differ
        pinned = _pinned_sizes(left.shape, right.shape) if problem is None else {}
        if pinned:
            detail["pinned"] = pinned
        elif problem is None and (meets := _meets(left.shape, right.shape)):
            detail["meets"] = meets
        _record_op(interp, TensorOp(symbol, (left, right), result, span, problem, detail))
        return result if problem is None else unknown_tensor(FAILED_BROADCAST)
    tensor = left if isinstance(left, Tensor) else right
    other = right if tensor is left else left
    if isinstance(other, (bool, OptionalInput)) or a_number(other):
        # a scalar keeps the shape, its value known or not; `p * 0.5` of an nn.Parameter is a plain tensor
        return replace(tensor, parameter=False) if tensor.parameter else tensor
    if in_place and tensor is left and left.shape.dims is not None \
            and getattr(other, "producer", None) != FAILED_BROADCAST:
        return left.with_shape(left.shape)  # `x += v`, v not known: written into x, whose shape stays
    return unknown_tensor("an operation with a value not known statically")


def _broadcast_tail(left: Tensor, right: Tensor) -> tuple:
    """The last dim of a broadcast whose rank is not known (`x * torch.sigmoid(x)` of what a Linear
    gave a tensor of a shape not followed), where an operand's last dim decides it: torch's
    broadcast keeps a last dim of more than 1 whatever the other's (1 or the same, or it fails),
    and one of two equal last dims; a 0-d operand keeps the other's. A last dim that may be 1 (a
    symbol) beside one not known decides nothing: then ()."""
    a, b = (_last_dim(t) for t in (left, right))
    if a is None or b is None:  # a 0-d operand: the other's last dim
        kept = b if a is None else a
        return () if kept is None or isinstance(kept, Unknown) else (kept,)
    if is_known(a) and is_known(b) and a == b or isinstance(a, Sym) and a == b:
        return (a,)
    for mine, other in ((a, b), (b, a)):
        if is_known(mine) and mine > 1 and (isinstance(other, (Unknown, Sym)) or other in (1, mine)):
            return (mine,)
        if mine == 1 and (is_known(other) or isinstance(other, Sym)):
            return (other,)
    return ()


def _last_dim(tensor: Tensor):
    """A tensor's last dim, its tail's where its rank is not known; an Unknown where nothing tells
    it; None for a 0-d tensor (it has none: the other operand's decides)."""
    if tensor.shape.dims is not None:
        return tensor.shape.dims[-1] if tensor.shape.dims else None
    return tensor.tail[-1] if tensor.tail else Unknown("a last dim not known")


def _weight_provenance(result: Tensor, left: Tensor, right: Tensor) -> Tensor:
    """`scale * torch.sign(self.weight)`, `w.detach() - clipped.detach() + clipped` of a binary or
    quantized layer's weight: the result of the weight's shape is still that weight, so the F.conv2d
    or F.linear applying it is blamed where the weight is sized (its layer's construction). Kept only
    where the operands of the result's shape that carry a weight's origin carry the same one (a
    scale reduced from it, broadcast, changes nothing)."""
    carriers = [t for t in (left, right) if t.shape == result.shape
                and (t.owner is not None or t.sizes_written or t.sizes_passed)]
    if not carriers:
        return result
    first = carriers[0]
    if any(t.owner is not first.owner or t.sizes_written != first.sizes_written
           or t.sizes_passed != first.sizes_passed for t in carriers[1:]):
        return result
    return replace(result, owner=first.owner, sizes_written=first.sizes_written, sizes_passed=first.sizes_passed,
                   built_via=first.built_via)


def compared(left: Any, right: Any) -> Tensor:
    """`a != b`, `a < 0` on tensors: the shape they broadcast to; a value not known, unknown."""
    tensors = [t for t in (left, right) if isinstance(t, Tensor)]
    others = [v for v in (left, right) if not isinstance(v, Tensor)]
    if others and not (isinstance(others[0], bool) or a_number(others[0])):
        return unknown_tensor("a comparison with a value not known statically")
    shape = tensors[0].shape if len(tensors) == 1 else shapes.broadcast_shapes(left.shape, right.shape)[0]
    return Tensor(shape, "a comparison")


def matmul(interp: "Interpreter", left: Any, right: Any, label: str, span: "Span") -> Tensor:
    """a @ b, torch.matmul(a, b), a.matmul(b); torch.mm / a.mm(b) take only 2-D operands."""
    result = _matmul(interp, left, right, label, span)
    # a batched or folded matrix product writes a fresh output, laid out contiguously; a matrix
    # times a batch of them is computed transposed (torch's matmul), its layout not followed
    if isinstance(result, Tensor) and result is not left and result is not right and isinstance(left, Tensor) \
            and isinstance(right, Tensor) and left.shape.dims is not None and right.shape.dims is not None \
            and len(left.shape.dims) >= len(right.shape.dims) >= 2:
        laid_contiguous(interp, result)
    return result


def _matmul(interp: "Interpreter", left: Any, right: Any, label: str, span: "Span") -> Tensor:
    if not (isinstance(left, Tensor) and isinstance(right, Tensor)):
        return unknown_tensor(f"{label} of a value not known statically")
    a, b = left.shape.dims, right.shape.dims
    if a is None or b is None:
        return unknown_tensor(label)  # an operand already unknown, listed where it became so
    problem = shapes.matmul_refusal(a, b, "mm" if label.endswith("mm") else "matmul")
    if problem is not None:
        # (the attention of a non-local block whose keys were pooled but not its values)
        inner = ((0, len(a) - 1), (1, 0 if len(b) == 1 else len(b) - 2)) if a and b \
            and shapes.never_equal(a[-1], b[0] if len(b) == 1 else b[-2]) else ()
        _record_op(interp, TensorOp(label, (left, right), unknown_tensor(label), span, problem,
                                    {"variant": "matmul", "sides": inner}))
        return unknown_tensor(f"{label} torch refuses")
    dims = shapes.matmul_shape(a, b) if not label.endswith("mm") or len(a) == len(b) == 2 else None
    if dims is None:
        if interp.analysis is not None and len(interp.analysis.unresolved) < 200:
            sizes = [" x ".join(format_dim(d) for d in dims) or "a scalar" for dims in (a, b)]
            interp.analysis.unresolved.append(Unresolved(
                span, f"{label} of {sizes[0]} by {sizes[1]}: sizes not known to agree, its result shape is unknown"))
        return unknown_tensor(label)
    return Tensor(Shape(dims), label)


def concatenate(interp: "Interpreter", sequence: Any, dim: Any, node: "cst.CSTNode", label: str) -> Tensor:
    if isinstance(sequence, RepeatedList):
        return _concatenate_repeated(interp, sequence, dim, node, label)
    if not isinstance(sequence, (list, tuple)) or not sequence or not isinstance(dim, int):
        return unknown_tensor(label)
    if not all(isinstance(t, Tensor) for t in sequence):
        return unknown_tensor(label)
    sequence = _ranked_by_the_known(interp, [settled(interp, t) for t in sequence], dim, equal=False)
    result_shape, clash = shapes.cat_shape([t.shape for t in sequence], dim)
    problem = None
    if clash is not None:
        number, axis, expected, got = clash
        problem = (
            f"sizes of tensors must match except in dimension {dim}: expected size {expected} but got size "
            f"{got} for tensor number {number} in the list (dimension {axis})"
        )
        if not (is_known(expected) and is_known(got)):
            problem += ", and no input size makes them equal"
    fields = [t.field for t in sequence if t.field is not None]
    result = Tensor(result_shape, label, field=max(fields) if len(fields) == len(sequence) else None)
    detail = {"dim": dim}
    if clash is not None:
        detail["axis"] = clash[1] - len(sequence[0].shape.dims)  # from the right, as for + and *
    if clash is None and result_shape.dims is not None:
        # every tensor against the first: an Inception block's pool branch at (L+1)/2 beside three at L
        axis, pinned = shapes.normalize_dim(dim, len(result_shape.dims)), {}
        for other in sequence[1:]:
            for name, sizes in _pinned_sizes(sequence[0].shape, other.shape, axis).items():
                pinned[name] = pinned.get(name, sizes) & sizes
        if pinned and all(pinned.values()):
            detail["pinned"] = pinned
        else:
            meets = tuple(meet for other in sequence[1:] for meet in _meets(sequence[0].shape, other.shape, axis))
            if meets:
                detail["meets"] = meets
    _record_op(interp, TensorOp(label, tuple(sequence), result, interp.span(node), problem, detail))
    if problem is None and interp.analysis is not None and any(_open_input(t) for t in sequence) \
            and (result_shape.dims is not None or all(_open_input(t) or _reduced_input(t) for t in sequence)):
        result = replace(result, joined=(dim, tuple(sequence)))  # the layer it reaches may settle them
    if problem is None and isinstance(result, Tensor) and all(
            layout_of(interp, t) is not None and not not_contiguous(interp, t) for t in sequence):
        laid_contiguous(interp, result)  # torch.cat of contiguous tensors lays its result out so
    return result if problem is None else unknown_tensor(label)


def _concatenate_repeated(interp: "Interpreter", repeated: RepeatedList, dim: Any, node: "cst.CSTNode",
                          label: str) -> Tensor:
    """torch.cat([w] * n, dim) of a count n not known statically (a weight tiled over the batch,
    `torch.cat([W] * x.size(0), 0)`): the items joined once, their size along dim times n."""
    once = concatenate(interp, list(repeated.items), dim, node, label)
    dims = once.shape.dims
    axis = shapes.normalize_dim(dim, len(dims)) if dims is not None and isinstance(dim, int) else None
    if axis is None:
        return unknown_tensor(label)
    passed = repeated.items[0].sizes_passed if len(repeated.items) == 1 else ()
    if len(passed) == len(dims):  # (the sizes of a weight a caller passed, but the one tiled)
        passed = passed[:axis] + (None,) + passed[axis + 1:]
    return Tensor(Shape(dims[:axis] + (dim_mul(dims[axis], repeated.count),) + dims[axis + 1:]), label,
                  field=once.field, sizes_passed=passed if len(passed) == len(dims) else (),
                  built_via=repeated.items[0].built_via if len(passed) == len(dims) else ())


def layout_of(interp: "Interpreter", tensor: Any) -> tuple | None:
    """(strides, made_by) of a tensor whose memory layout is followed, else None. made_by: where the
    op that left it other than contiguous is, as (what it is written as, line), or None."""
    entry = interp.layouts.get(id(tensor)) if isinstance(tensor, Tensor) else None
    return entry[1:] if entry is not None and entry[0] is tensor else None


def lay_out(interp: "Interpreter", tensor: Any, strides: tuple | None, made_by: tuple | None = None) -> Any:
    """Note a tensor's strides (an object of its own, just made), where all its sizes are numbers."""
    if isinstance(tensor, Tensor) and strides is not None and tensor.shape.dims is not None \
            and len(strides) == len(tensor.shape.dims) and layout.sizes(tensor.shape.dims) is not None:
        interp.layouts[id(tensor)] = (tensor, tuple(strides),
                                      None if layout.is_contiguous(tensor.shape.dims, strides) else made_by)
    return tensor


def laid_contiguous(interp: "Interpreter", tensor: Any) -> Any:
    return lay_out(interp, tensor, layout.contiguous(tensor.shape.dims)) if isinstance(tensor, Tensor) else tensor


def not_contiguous(interp: "Interpreter", tensor: Any) -> bool:
    """Whether the tensor is known to be laid out other than contiguously (permuted, expanded)."""
    known = layout_of(interp, tensor)
    return known is not None and not layout.is_contiguous(tensor.shape.dims, known[0])


def same_layout(interp: "Interpreter", source: Any, result: Any) -> Any:
    """An elementwise op's result: torch gives it the layout of an input whose elements are dense
    (a permuted map), and lays it out afresh for an expanded one, which this leaves not followed."""
    known = layout_of(interp, source)
    if known is not None and isinstance(result, Tensor) and result is not source \
            and result.shape.dims == source.shape.dims and layout.dense(source.shape.dims, known[0]):
        lay_out(interp, result, known[0], known[1])
    return result


def moved_layout(interp: "Interpreter", source: Tensor, result: Any, strides: tuple | None, what: str,
                 node: "cst.CSTNode") -> Any:
    """A view of the source whose strides are `strides` (permute, transpose, t, unsqueeze, expand)."""
    known = layout_of(interp, source)
    if known is None or strides is None or not isinstance(result, Tensor) or result is source:
        return result
    made_by = known[1]
    if made_by is None:
        made_by = (what, interp.span(node).line)
    return lay_out(interp, result, strides, made_by)


# elementwise methods whose result torch lays out as their input (TensorIterator keeps a dense
# input's strides): not a softmax or norm, nor logsigmoid, rrelu, renorm or roll, which lay theirs
# out afresh (checked against torch in tests/test_view_of_a_permuted_layout.py)
LAYOUT_KEEPING = (ELEMENTWISE_OPS | frozenset({"flip"})) - frozenset(
    "softmax log_softmax softmin normalize local_response_norm batch_norm layer_norm group_norm contiguous "
    "logsigmoid rrelu renorm renorm_ roll".split())


def _viewed_layout(interp: "Interpreter", source: Tensor, result: Any, name: str, node: "cst.CSTNode") -> dict | None:
    """The layout of x.view(...) / x.reshape(...) of a tensor whose strides are followed; for a view
    torch cannot make of them, what the finding says (the strides, the op that laid them out). A
    reshape that cannot be a view copies, laid out contiguously."""
    known = layout_of(interp, source)
    if known is None or not isinstance(result, Tensor) or result is source \
            or (new := layout.sizes(result.shape.dims)) is None:
        return None
    strides = layout.view(source.shape.dims, known[0], new)
    if strides is not None:
        lay_out(interp, result, strides, known[1])
        return None
    if name != "view":
        laid_contiguous(interp, result)
        return None
    return {"strides": known[0], "made_by": known[1]}
