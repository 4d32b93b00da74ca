"""`convlint explain`: the shape arithmetic of a model, step by step, with the numbers filled in.

This is how the formulas are learnt: `conv1  H: floor((32 + 2*0 - 1*(5-1) - 1)/1) + 1 = 28`."""

from __future__ import annotations

from convlint import layers, shapes
from convlint.checks.registry import layer_repr
from convlint.model import LayerCall, ModelAnalysis, TensorOp
from convlint.records import (
    AdaptivePoolRecord,
    ConvRecord,
    ElementwiseRecord,
    EmbeddingRecord,
    FlattenRecord,
    FoldRecord,
    LinearRecord,
    MaxUnpoolRecord,
    NormRecord,
    PadRecord,
    PixelShuffleRecord,
    PoolRecord,
    RecurrentRecord,
    UnfoldRecord,
    UpsampleRecord,
)
from convlint.values import format_dim, is_known

AXES = {1: ("L",), 2: ("H", "W"), 3: ("D", "H", "W")}


def _window_lines(record, spatial: tuple) -> list[str]:
    names = AXES.get(record.ndim, tuple(f"dim{i}" for i in range(record.ndim)))
    out = []
    for axis, i in enumerate(spatial):
        k, s, d = record.kernel_size[axis], record.stride[axis], record.dilation[axis]
        if isinstance(record, ConvRecord) and record.transposed:
            p, op = record.padding[axis], record.output_padding[axis]
            result = shapes.conv_transpose_out(i, k, s, p, d, op)
            text = f"({format_dim(i)}-1)*{s} - 2*{p} + {d}*({k}-1) + {op} + 1 = {format_dim(result)}"
        elif isinstance(record, ConvRecord) and record.padding == "same":
            text = f"{format_dim(i)} (padding='same' keeps the size)"
        else:
            p = (record.padding_per_dim if isinstance(record, ConvRecord) else record.padding)[axis]
            ceil = isinstance(record, PoolRecord) and record.ceil_mode is True
            result = shapes.pool_out(i, k, s, p, d, ceil)
            rounding = "ceil" if ceil else "floor"
            text = f"{rounding}(({format_dim(i)} + 2*{p} - {d}*({k}-1) - 1)/{s}) + 1 = {format_dim(result)}"
            if ceil and all(is_known(v) for v in (i, k, s, p, d)):
                unadjusted = (i + 2 * p - d * (k - 1) - 1 + s - 1) // s + 1
                if unadjusted != result:
                    text += f" (not {unadjusted}: the last window would start in the right padding)"
        out.append(f"    {names[axis]}: {text}")
    return out


def explain_call(call: LayerCall) -> list[str]:
    record = call.record
    head = f"{call.node.label} = {layer_repr(record)}".ljust(48) + f" {call.input.shape} -> {call.output.shape}"
    lines = [head]
    split = layers.spatial_split(record, call.input.shape)
    if isinstance(record, ConvRecord):
        channels = layers.channel_dim(call.input.shape, record.ndim)
        lines.append(f"    C: {format_dim(channels)} in (in_channels={format_dim(record.in_channels)}) -> "
                     f"{format_dim(record.out_channels)} out")
    if isinstance(record, (ConvRecord, PoolRecord)) and split is not None:
        lines += _window_lines(record, split[1])
    elif isinstance(record, AdaptivePoolRecord) and split is not None:
        names = AXES.get(record.ndim, ())
        lines += [f"    {n}: {format_dim(i)} -> {format_dim(o if o is not None else i)} (adaptive: the output size is given)"
                  for n, i, o in zip(names, split[1], record.output_size)]
    elif isinstance(record, LinearRecord) and call.input.shape.dims:
        lines.append(f"    features: {format_dim(call.input.shape.dims[-1])} in "
                     f"(in_features={format_dim(record.in_features)}) -> {format_dim(record.out_features)} out")
    elif isinstance(record, RecurrentRecord) and call.input.shape.dims and call.output.shape.dims:
        out = call.output.shape.dims[-1]
        directions = " (2 directions)" if record.bidirectional is True and not record.cell else ""
        lines.append(f"    features per step: {format_dim(call.input.shape.dims[-1])} in "
                     f"(input_size={format_dim(record.input_size)}) -> {format_dim(out)} out{directions}")
    elif isinstance(record, FlattenRecord) and call.output.merged:
        lines.append(f"    {' x '.join(format_dim(d) for d in call.output.merged)} = "
                     f"{format_dim(call.output.shape.dims[-1])}")
    elif isinstance(record, UpsampleRecord) and call.input.shape.dims and record.scale_factor is not None:
        lines += [f"    floor({format_dim(i)} * {record.scale_factor}) = {format_dim(o)}"
                  for i, o in zip(call.input.shape.dims[2:], (call.output.shape.dims or ())[2:])]
    elif isinstance(record, PadRecord) and call.output.shape.dims:
        lines.append(f"    padding {record.padding} (last dim first): {call.input.shape} -> {call.output.shape}")
    elif isinstance(record, MaxUnpoolRecord) and split is not None and call.output.shape.dims:
        names = AXES.get(record.ndim, ())
        for name, i, k, s, p, o in zip(names, split[1], record.kernel_size, record.stride, record.padding,
                                       call.output.shape.dims[-record.ndim:]):
            default = shapes.max_unpool_out(i, k, s, p)
            text = f"({format_dim(i)}-1)*{s} - 2*{p} + {k} = {format_dim(default)}"
            lines.append(f"    {name}: {text}" + (f" (output_size={format_dim(o)})" if o != default else ""))
    elif isinstance(record, PixelShuffleRecord) and call.input.shape.dims and call.output.shape.dims \
            and len(call.input.shape.dims) >= 3:
        (c, h, w), (oc, oh, ow), r = call.input.shape.dims[-3:], call.output.shape.dims[-3:], format_dim(record.factor)
        if record.inverse:
            lines.append(f"    C: {format_dim(c)} * {r}*{r} = {format_dim(oc)}, H: {format_dim(h)} / {r} = "
                         f"{format_dim(oh)}, W: {format_dim(w)} / {r} = {format_dim(ow)}")
        else:
            lines.append(f"    C: {format_dim(c)} / {r}*{r} = {format_dim(oc)}, H: {format_dim(h)} * {r} = "
                         f"{format_dim(oh)}, W: {format_dim(w)} * {r} = {format_dim(ow)}")
    elif isinstance(record, (UnfoldRecord, FoldRecord)) and call.output.shape.dims:
        spatial = call.input.shape.dims[-2:] if isinstance(record, UnfoldRecord) else record.output_size
        blocks = shapes.sliding_blocks(spatial, record.kernel_size, record.dilation, record.padding, record.stride)
        lines.append(f"    blocks: {' x '.join(format_dim(b) for b in blocks)} of {record.kernel_size[0]}x"
                     f"{record.kernel_size[1]} (floor((i + 2p - d(k-1) - 1)/s) + 1 per dim)")
    elif isinstance(record, EmbeddingRecord) and call.output.shape.dims:
        lines.append(f"    one row of {format_dim(record.embedding_dim)} per index: {call.input.shape} -> "
                     f"{call.output.shape}")
    return lines


def explain_op(op: TensorOp) -> list[str]:
    operands = " and ".join(str(t.shape) for t in op.operands)
    line = f"{op.op}".ljust(48) + f" {operands} -> {op.result.shape if op.problem is None else 'error'}"
    lines = [line]
    if op.result.merged:
        lines.append(f"    {' x '.join(format_dim(d) for d in op.result.merged)} = "
                     f"{format_dim(op.result.shape.dims[-1])}")
    if op.problem:
        lines.append(f"    {op.problem}")
    return lines


def explain_model(model: ModelAnalysis, until: str | None = None, until_line: int | None = None) -> str:
    """Every shape-changing step in the order forward() runs; stop after `until` (a layer name)
    or the operation on `until_line`."""
    steps: list[tuple[int, list[str], str]] = []
    for call in model.calls:
        if call.node.path == "" or call.node.cls is not None or call.node.record.type in ("Sequential",):
            continue
        if isinstance(call.node.record, (ElementwiseRecord, NormRecord)):
            continue  # shape-preserving (activations, norms, dropout)
        steps.append((call.start, explain_call(call), call.node.label))
    for op in model.ops:
        steps.append((op.start, explain_op(op), f"line {op.span.line}"))
    steps.sort(key=lambda step: step[0])
    shape = model.input_shape if model.input_shape is not None else "symbolic"
    out = [f"{model.name}: input {shape}"]
    for _, lines, label in steps:
        out += lines
        if (until is not None and label == until) or (until_line is not None and label == f"line {until_line}"):
            out.append("    ^ the finding is here")
            break
    return "\n".join(out) + "\n"
