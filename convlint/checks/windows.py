"""Window design rules: pixels no window reads (CL201), padding that changes the size at
stride 1 (CL202)."""

from __future__ import annotations

from collections.abc import Iterator

from convlint import layers, shapes, symbolic
from convlint.checks.registry import CheckRun, Finding, check, known, layer_repr
from convlint.checks.sizes import AXIS_NAMES
from convlint.model import Tensor
from convlint.records import ConvRecord, PadRecord, PoolRecord

EDGE_NAMES = {1: ("position",), 2: ("row", "column"), 3: ("slice", "row", "column")}


def _windows(record) -> tuple | None:
    if isinstance(record, ConvRecord):
        if record.transposed or record.padding == "same":
            return None
        return record.kernel_size, record.stride, record.padding_per_dim, record.dilation
    return record.kernel_size, record.stride, record.padding, record.dilation


@check("CL201")
def check_dropped_pixels(run: CheckRun) -> Iterator[Finding]:
    reported: set[tuple[int, int]] = set()
    pads = {id(c.output): c.node.record for c in run.model.calls if isinstance(c.node.record, PadRecord)}
    for call in run.calls_of(ConvRecord, PoolRecord):
        record = call.record
        windows = _windows(record)
        split = layers.spatial_split(record, call.input.shape)
        if windows is None or split is None or (isinstance(record, PoolRecord) and record.ceil_mode is not False):
            continue
        for axis, (i, k, s, p, d) in enumerate(zip(split[1], *windows)):
            dropped = shapes.dropped_rows(i, k, s, p, d)
            if not dropped or (id(call.node), axis) in reported:
                continue
            if _padded_after(pads.get(id(call.input)), axis, record.ndim) >= dropped:
                continue  # the rows left out are the explicit pad's own (a 'same' pad before a pool)
            reported.add((id(call.node), axis))
            reach = shapes.window_reach(k, d)
            out = shapes.conv_out(i, k, s, p, d)
            yield Finding(call.node.span, call.node.label, related=(call.span,), values=dict(
                layer=call.node.label, layer_repr=layer_repr(record), dropped=dropped,
                edges=_count(dropped, EDGE_NAMES[record.ndim][axis]), axis=AXIS_NAMES[record.ndim][axis], size=i, padding=p,
                reach=reach, stride=s, out=out, last=(out - 1) * s + reach - p - 1,
                remainder=f"({i} + 2*{p} - {reach}) % {s} = {(i + 2 * p - reach) % s}", input=run.input_text))


def _padded_after(pad: PadRecord | None, axis: int, spatial: int) -> int:
    """The rows an explicit pad (F.pad, nn.ZeroPad2d) adds after the end of a spatial axis:
    its amounts run from the last dim, (left, right, top, bottom, ...)."""
    if pad is None:
        return 0
    index = 2 * (spatial - 1 - axis) + 1
    amount = pad.padding[index] if index < len(pad.padding) else 0
    return amount if isinstance(amount, int) and amount > 0 else 0


def _count(number: int, noun: str) -> str:
    return noun if number == 1 else f"{number} {noun}s"


def trimmed_after(model, call) -> tuple | None:
    """Per spatial dim, what the crop right after a layer cuts off its output, where one does: a
    module its output goes to that gives a piece of it a few shorter (a TCN's Chomp1d after its
    causal conv), or a slice of it (`self.conv(x)[..., :-self.pad]`). None where no crop follows."""
    out = call.output
    dims = out.shape.dims
    if dims is None or len(dims) < 3:
        return None
    pieces = [c.output for c in model.calls if c.input is out and c is not call and c.output.piece_of is out]
    pieces += [t for o in model.ops for t in o.operands if isinstance(t, Tensor) and t.piece_of is out]
    pieces += [c.input for c in model.calls if c.input.piece_of is out]
    for piece in pieces:
        cut = piece.shape.dims
        if cut is None or len(cut) != len(dims) or cut[:2] != dims[:2]:
            continue
        gaps = tuple(symbolic.constant_gap(a, b) for a, b in zip(dims[2:], cut[2:]))
        if all(isinstance(g, int) and g >= 0 for g in gaps) and any(gaps):
            return gaps
    return None


def _trims_its_growth(model, node) -> bool:
    """Whether every run of a stride-1 conv that pads more than it keeps is followed by a crop of
    exactly what it grew (a causal conv: padding (k-1)*d, its last (k-1)*d cut off): the padding
    is one side's on purpose, the map kept."""
    calls = [c for c in model.calls if c.node is node]
    if not calls or not isinstance(node.record, ConvRecord) or node.record.transposed:
        return False
    for call in calls:
        gaps = trimmed_after(model, call)
        split = layers.spatial_split(call.record, call.input.shape)
        if gaps is None or split is None:
            return False
        for gap, i, o in zip(gaps, split[1], call.output.shape.dims[2:]):
            if symbolic.constant_gap(o, i) != gap:
                return False
    return True


@check("CL202")
def check_asymmetric_padding(run: CheckRun) -> Iterator[Finding]:
    padded = {id(c.output) for c in run.model.calls if isinstance(c.node.record, PadRecord)}
    padded |= {id(op.result) for op in run.model.ops if op.op.endswith("pad")}
    # a conv fed by an explicit pad (nn.ZeroPad2d((1, 0, 1, 0)), F.pad) splits its padding on purpose
    after_pad = {id(c.node) for c in run.model.calls if id(c.input) in padded}
    for node in run.constructed_of(ConvRecord, PoolRecord):
        windows = _windows(node.record)
        if windows is None or id(node) in after_pad:
            continue
        for axis, (k, s, p, d) in enumerate(zip(*windows)):
            if not known(k, s, p, d) or s != 1 or p == 0 or 2 * p == d * (k - 1):
                continue
            if _trims_its_growth(run.model, node):  # (asked last: it looks at every call of the model)
                break
            change = 2 * p - d * (k - 1)
            yield Finding(node.span, node.label, values=dict(
                layer=node.label, layer_repr=layer_repr(node.record), padding=p, kernel=k, dilation=d,
                change=f"grows the map by {change}" if change > 0 else f"shrinks the map by {-change}",
                axis=AXIS_NAMES[node.record.ndim][axis]))
            break
