"""Window design rules: pixels no window reads (CL201), padding that changes the size at
stride 1 (CL202)."""

from __future__ import annotations

from collections.abc import Iterator

from convlint import layers, shapes
from convlint.checks.registry import CheckRun, Finding, check, known, layer_repr
from convlint.checks.sizes import AXIS_NAMES
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
            change = 2 * p - d * (k - 1)
            yield Finding(node.span, node.label, values=dict(
                layer=node.label, layer_repr=layer_repr(node.record), padding=p, kernel=k, dilation=d,
                change=f"grows the map by {change}" if change > 0 else f"shrinks the map by {-change}",
                axis=AXIS_NAMES[node.record.ndim][axis]))
            break
