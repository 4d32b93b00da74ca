"""The rule registry: `@check("CL101")` functions yield Findings; wording comes from rules/."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from convlint import symbolic
from convlint.diagnostics import Span
from convlint.model import LayerCall, ModelAnalysis, ModuleNode, Tensor
from convlint.values import Dim, Shape, Sym, Unknown, format_dim, is_known


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: where to fix it, which layer, and the numbers the message template needs."""

    span: Span
    layer: str | None = None
    values: dict = field(default_factory=dict)
    variant: str | None = None  # which message of the rule file (None: `message`)
    related: tuple[Span, ...] = ()
    # the layer the finding is about, where others share its label, span and call (F.linear in the
    # forward of a module built several times: each instance holds its own weight)
    node: ModuleNode | None = field(default=None, compare=False)


@dataclass(slots=True)
class CheckRun:
    path: str
    model: ModelAnalysis
    _floors: dict | None = None
    memo: dict = field(default_factory=dict)  # what a check computes once for all its rules (held_widths)

    @property
    def floors(self) -> dict[str, int]:
        """The least value of each constructor argument at which the model can run: every conv
        that surely runs has out_channels >= 1 (torch refuses one with none at forward)."""
        if self._floors is None:
            from convlint.records import ConvRecord

            self._floors = symbolic.least_arguments(
                call.record.out_channels for call in self.calls_of(ConvRecord) if not call.speculative)
        return self._floors

    def calls_of(self, *record_types: type) -> Iterator[LayerCall]:
        for call in self.model.calls:
            if isinstance(call.record, record_types) and call.node.problem is None:
                yield call

    def constructed_of(self, *record_types: type) -> Iterator[ModuleNode]:
        """Every module the model builds (each once), and the F.* ops forward() calls; not those
        built on a path of a condition not known, which may never be built."""
        seen: set[int] = set()
        functional = [c.node for c in self.model.calls if c.node.functional and not c.speculative]
        for node in [*self.model.constructed, *functional]:
            if id(node) in seen or node.speculative or not isinstance(node.record, record_types):
                continue
            seen.add(id(node))
            yield node

    @property
    def input_text(self) -> str:
        shape = self.model.input_shape
        every = f", for every {' and '.join(self.model.argument_symbols)}" if self.model.argument_symbols else ""
        if shape is None or shape.dims is None:
            return f"symbolic input{every}"
        source = self.model.input_source.describe() if self.model.input_source is not None else ""
        more = self.model.further_inputs
        if more:  # several inputs: `input 1x3x64x64 and 1x3x64x64 from line 40: ...`
            shape = " and ".join(str(s) for s in (shape, *(Shape(m) for m in more)))
        if all(is_known(d) for d in self.model.input_shape.dims):
            return f"input {shape}{source}{every}"
        return f"symbolic input {shape}{source}{every}"


def derivation(tensor: Tensor) -> str:
    """How the last dim was counted: `16 x 5 x 5 = 400`, or just `400`."""
    last = tensor.shape.dims[-1] if tensor.shape.dims else Unknown()
    if tensor.merged:
        return " x ".join(format_dim(d) for d in tensor.merged) + f" = {format_dim(last)}"
    return format_dim(last)


def per_dim_text(values: tuple) -> str:
    """`5` when every dim agrees, else `(5, 3)`: how users write kernel sizes."""
    if len(set(values)) == 1:
        return format_dim(values[0])
    return "(" + ", ".join(format_dim(v) for v in values) + ")"


def shape_text(shape: Shape) -> str:
    return str(shape)


def known(*values: Dim) -> bool:
    return all(is_known(v) for v in values)


def differ(a: Dim, b: Dim, floors: dict[str, int] | None = None) -> bool:
    """Two counts that are surely different: both known, or a width of a constructor argument
    (`ndf*4` against `ndf*2`, or against 64; a cat's `out_ch/2+out_ch` against `out_ch`) that no
    value of the argument makes equal; `floors`: the least values at which the model runs."""
    if known(a, b):
        return a != b
    if (count := _input_channels_never(a, b)) is not None:
        return count
    if not (symbolic.is_width_sum(a) or symbolic.is_width_sum(b)) \
            or not all(known(d) or symbolic.is_width_sum(d) for d in (a, b)):
        return False
    return not symbolic.can_equal(a, b, floors)


def _input_channels_never(a: Dim, b: Dim) -> bool | None:
    """k*C + b of the input's channels C against a count n: surely different where no whole C >= 1
    gives n (`3 + 4*C` against 12); of any other size of the input too (an EdgeConv's cat of a point
    cloud's feature and neighbour, 2*L channels, is never the 3 a conv takes); None for other pairs."""
    for dim, count in ((a, b), (b, a)):
        if isinstance(count, int) and isinstance(dim, Sym) and dim.base in symbolic.INPUT_SYMBOLS and not dim.opaque \
                and dim.divisor == 1 and dim.scale >= 1:
            solved, left = divmod(count - dim.offset, dim.scale)
            return bool(left) or solved < 1
    return None


CheckFunction = Callable[[CheckRun], Iterator[Finding]]
CHECKS: dict[str, CheckFunction] = {}


def check(code: str) -> Callable[[CheckFunction], CheckFunction]:
    def register(function: CheckFunction) -> CheckFunction:
        CHECKS[code] = function
        return function

    return register


def all_checks() -> dict[str, CheckFunction]:
    from convlint.checks import arguments, channels, design, sizes, windows  # noqa: F401  (registers)

    return CHECKS


def layer_repr(record: object) -> str:
    """How the user wrote the layer, in torch's own repr style: `Conv2d(6, 16, kernel_size=5)`."""
    from convlint.records import (
        AttentionRecord,
        ChannelShuffleRecord,
        ConvRecord,
        EinopsRecord,
        ElementwiseRecord,
        EmbeddingRecord,
        FoldRecord,
        LinearRecord,
        MaxUnpoolRecord,
        NormRecord,
        PadRecord,
        PixelShuffleRecord,
        PoolRecord,
        RecurrentRecord,
        UnfoldRecord,
    )

    if isinstance(record, LinearRecord):
        return f"Linear({format_dim(record.in_features)}, {format_dim(record.out_features)})"
    if isinstance(record, ConvRecord):
        # (a kernel made of a constructor argument shows it: `(n_channels, 1)`, not `(?, 1)`)
        kernel = tuple(w if isinstance(k, Unknown) and isinstance(w, Sym) else k for k, w in
                       zip(record.kernel_size, record.kernel_widths or record.kernel_size))
        parts = [format_dim(record.in_channels), format_dim(record.out_channels), f"kernel_size={per_dim_text(kernel)}"]
        if any(s != 1 for s in record.stride):
            parts.append(f"stride={per_dim_text(record.stride)}")
        if isinstance(record.padding, str):
            parts.append(f"padding={record.padding!r}")
        elif any(p != 0 for p in record.padding):
            parts.append(f"padding={per_dim_text(record.padding)}")
        if any(d != 1 for d in record.dilation):
            parts.append(f"dilation={per_dim_text(record.dilation)}")
        if record.groups != 1:
            parts.append(f"groups={format_dim(record.groups)}")
        if record.padding_mode != "zeros":
            parts.append(f"padding_mode={record.padding_mode!r}")
        return f"{record.type}({', '.join(parts)})"
    if isinstance(record, PoolRecord):
        parts = [per_dim_text(record.kernel_size)]
        if record.stride != record.kernel_size:
            parts.append(f"stride={per_dim_text(record.stride)}")
        if any(p != 0 for p in record.padding):
            parts.append(f"padding={per_dim_text(record.padding)}")
        if record.ceil_mode is True:
            parts.append("ceil_mode=True")
        return f"{record.type}({', '.join(parts)})"
    if isinstance(record, NormRecord):
        if record.kind == "group":
            return f"GroupNorm({format_dim(record.num_groups)}, {format_dim(record.num_features)})"
        if record.kind == "layer":
            return f"LayerNorm({per_dim_text(record.normalized_shape)})"
        if record.num_features is None:  # F.instance_norm
            return "instance_norm(x)"
        if record.kind == "instance":  # the flags that make an InstanceNorm use its width
            flags = [f"{name}=True" for name in ("affine", "track_running_stats") if getattr(record, name) is True]
            return f"{record.type}({', '.join([format_dim(record.num_features), *flags])})"
        return f"{record.type}({format_dim(record.num_features)})"
    if isinstance(record, MaxUnpoolRecord):
        parts = [per_dim_text(record.kernel_size)]
        if record.stride != record.kernel_size:
            parts.append(f"stride={per_dim_text(record.stride)}")
        if any(p != 0 for p in record.padding):
            parts.append(f"padding={per_dim_text(record.padding)}")
        return f"{record.type}({', '.join(parts)})"
    if isinstance(record, (UnfoldRecord, FoldRecord)):
        parts = [f"output_size={per_dim_text(record.output_size)}"] if isinstance(record, FoldRecord) else []
        parts.append(f"kernel_size={per_dim_text(record.kernel_size)}")
        for name, default in (("dilation", 1), ("padding", 0), ("stride", 1)):
            if any(v != default for v in getattr(record, name)):
                parts.append(f"{name}={per_dim_text(getattr(record, name))}")
        return f"{record.type}({', '.join(parts)})"
    if isinstance(record, PixelShuffleRecord):
        return f"{record.type}({format_dim(record.factor)})"
    if isinstance(record, ChannelShuffleRecord):
        return f"{record.type}({format_dim(record.groups)})"
    if isinstance(record, EinopsRecord):
        given = [repr(record.pattern)] + ([repr(record.reduction)] if record.operation == "reduce" else [])
        lengths = record.axes_lengths if isinstance(record.axes_lengths, dict) else {}
        return f"{record.type}({', '.join(given + [f'{k}={format_dim(v)}' for k, v in lengths.items()])})"
    if isinstance(record, EmbeddingRecord):
        return f"{record.type}({format_dim(record.num_embeddings)}, {format_dim(record.embedding_dim)})"
    if isinstance(record, AttentionRecord):
        parts = [format_dim(record.embed_dim), format_dim(record.num_heads)]
        parts += [f"{name}={format_dim(getattr(record, name))}" for name in ("kdim", "vdim")
                  if getattr(record, name) != record.embed_dim]
        parts += [f"{name}={getattr(record, name)}" for name in ("add_bias_kv", "add_zero_attn", "batch_first")
                  if getattr(record, name) is not False]
        return f"{record.type}({', '.join(parts)})"
    if isinstance(record, RecurrentRecord):
        parts = [format_dim(record.input_size), format_dim(record.hidden_size)]
        defaults = dict(num_layers=1, batch_first=False, bidirectional=False, proj_size=0)
        parts += [f"{name}={format_dim(getattr(record, name)) if name in ('num_layers', 'proj_size') else getattr(record, name)}"
                  for name, default in defaults.items() if not record.cell and getattr(record, name) != default]
        return f"{record.type}({', '.join(parts)})"
    if isinstance(record, ElementwiseRecord) and record.type == "PReLU" and record.params != 1:
        return f"PReLU({format_dim(record.params)})"
    if isinstance(record, PadRecord):
        if record.type == "pad":  # F.pad
            amounts = ", ".join(str(p) if isinstance(p, Sym) else repr(p) for p in record.padding)
            return f"pad(x, [{amounts}], mode={record.mode!r})"
        return f"{record.type}({per_dim_text(record.padding)})"
    return getattr(record, "type", "layer")
