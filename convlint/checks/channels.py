"""Channel rules: conv in_channels and groups (CL103), normalisation sizes and PReLU slopes (CL104), pixel
shuffles (CL110)."""

from __future__ import annotations

from collections.abc import Iterator

from convlint import layers, symbolic
from convlint.checks import held_widths
from convlint.checks.registry import CheckRun, Finding, check, differ, known, layer_repr
from convlint.records import ConvRecord, ElementwiseRecord, NormRecord, PixelShuffleRecord, field_of
from convlint.values import format_dim, is_known
from convlint.checks.sizes import never_equal, never_equal_width


@check("CL103")
def check_channel_mismatch(run: CheckRun) -> Iterator[Finding]:
    for node in run.constructed_of(ConvRecord):
        record = node.record
        for name, count in (("in_channels", record.in_channels), ("out_channels", record.out_channels)):
            if known(count, record.groups) and count % record.groups:
                yield Finding(node.span, node.label, variant="groups", values=dict(
                    layer=node.label, layer_repr=layer_repr(record), groups=record.groups, what=name, count=count))
                break
    for call in run.calls_of(ConvRecord):
        record = call.record  # a LazyConv*: the conv its first call made it
        arriving = layers.channel_dim(call.input.shape, record.ndim)
        if arriving is None or not (differ(arriving, record.in_channels, run.floors)
                                    or _more_than_any_input_gives(arriving, record.in_channels)):
            continue
        if known(record.groups, record.in_channels) and record.in_channels % record.groups:
            continue  # already reported as a groups problem
        # (F.conv2d of a weight the code holds: no in_channels to set, the weight's shape is the edit)
        held = call.node.weight_held and record.groups == 1
        yield Finding(call.node.span, call.node.label, related=(call.span,), node=call.node,
                      variant="lazy" if field_of(call.node.record, "lazy", False) else "functional" if held
                      else None, values=dict(
            layer=call.node.label, layer_repr=layer_repr(record), expected=record.in_channels, actual=arriving,
            producer=call.input.producer, shape=str(call.input.shape), input=run.input_text,
            op=call.node.label, weight=_weight_shape(record, arriving) if held else ""))
    yield from held_widths.findings(run, ConvRecord)


def _weight_shape(record: ConvRecord, channels) -> str:
    """The weight an F.conv* takes for `channels` input channels: (out, in, *k), (in, out, *k) transposed."""
    sizes = (channels, record.out_channels) if record.transposed else (record.out_channels, channels)
    return ", ".join(format_dim(d) for d in (*sizes, *record.kernel_size))


def _more_than_any_input_gives(arriving, expected) -> bool:
    """A count of the input's channels C plus others (`torch.cat([image, label])`: C + 5) that no
    C of 0 or more makes the count the layer takes (3): torch refuses every input."""
    return known(expected) and symbolic.symbol_of(arriving) == "C" and symbolic.is_monotone(arriving) \
        and not symbolic.can_equal(arriving, expected, {"C": 0})


@check("CL104")
def check_norm_features(run: CheckRun) -> Iterator[Finding]:
    for node in run.constructed_of(NormRecord):
        record = node.record
        if record.kind == "group" and known(record.num_groups, record.num_features) and \
                record.num_features % record.num_groups:
            yield Finding(node.span, node.label, variant="groups", values=dict(
                layer=node.label, layer_repr=layer_repr(record), groups=record.num_groups,
                channels=record.num_features))
    for call in run.calls_of(NormRecord):
        record = call.record
        dims = call.input.shape.dims
        if not dims:
            continue
        common = dict(layer=call.node.label, layer_repr=layer_repr(record), producer=call.input.producer,
                      shape=str(call.input.shape), input=run.input_text)
        if record.kind == "layer":
            expected = record.normalized_shape or ()
            trailing = dims[-len(expected):] if len(expected) <= len(dims) else None
            # entry by entry: a width no argument value makes equal (7*hid against 4*hid) is wrong
            # whatever the sizes beside it, known or not
            if trailing is None or any(differ(t, e, run.floors) for t, e in zip(trailing, expected)):
                yield Finding(call.node.span, call.node.label, related=(call.span,), variant="layer", values=dict(
                    common, expected=_dims_list(expected), actual=_dims_list(trailing or dims)))
            continue
        if layers.rank_refused(record, call.input.shape):
            wanted = " or ".join(f"{r}D" for r in layers.accepted_ranks(record))
            yield Finding(call.node.span, call.node.label, related=(call.span,), variant="rank", values=dict(
                common, wanted=wanted, rank=len(dims)))
            continue
        if record.kind == "instance" and record.affine is not True and record.track_running_stats is not True:
            continue  # torch only warns when an InstanceNorm with neither weights nor running stats sees other channels
        channels = dims[1] if len(dims) > 1 and (record.kind != "instance" or len(dims) == record.ndim + 2) else dims[0]
        expected = record.num_features
        # (a 2-D input is one unbatched sample to an InstanceNorm1d: its dim 0 is the channels)
        if len(dims) == 2 and call.input.merged and is_known(expected) and not is_known(channels) and \
                record.kind != "instance":
            # BatchNorm1d after a flatten of 64 x h x w: a multiple of 64 at every size, never 32
            reason = never_equal(call.input.merged, expected)
            if reason is not None:
                yield Finding(call.node.span, call.node.label, related=(call.span,), variant="never", values=dict(
                    common, expected=expected, work=" x ".join(format_dim(d) for d in call.input.merged),
                    reason=reason))
            continue
        if not differ(channels, expected, run.floors):
            if len(dims) == 2 and call.input.merged and not is_known(channels) and record.kind != "instance" and \
                    (reason := never_equal_width(call.input.merged, expected, run.floors)) is not None:
                # num_features a width of an argument the flattened map is a multiple of
                yield Finding(call.node.span, call.node.label, related=(call.span,), variant="never", values=dict(
                    common, expected=format_dim(expected), work=" x ".join(format_dim(d) for d in call.input.merged),
                    reason=reason))
            continue
        if record.kind == "group" and known(record.num_groups, expected) and expected % record.num_groups:
            continue
        yield Finding(call.node.span, call.node.label, related=(call.span,), values=dict(
            common, expected=expected, actual=channels, what="num_channels" if record.kind == "group" else "num_features"))
    yield from held_widths.findings(run, NormRecord)
    for call in run.calls_of(ElementwiseRecord):
        record = call.record
        dims = call.input.shape.dims
        if record.type != "PReLU" or not dims or not _one_slope_per_channel(record.params):
            continue
        channels = dims[1] if len(dims) > 1 else 1  # torch's prelu: dim 1 is the channels, a 1-D input has one
        if differ(channels, record.params, run.floors):
            yield Finding(call.node.span, call.node.label, related=(call.span,), variant="prelu", values=dict(
                layer=call.node.label, layer_repr=layer_repr(record), expected=record.params, actual=channels,
                producer=call.input.producer, shape=str(call.input.shape), input=run.input_text))


def norm_refusals(run: CheckRun) -> dict[str, int]:
    """The producer of each tensor a BatchNorm or GroupNorm that surely runs refuses for its
    channels (`BN3 = BatchNorm2d(256)` given C3's 64), and where among the calls that norm begins:
    torch stops there, so an op after it on that tensor (the block's `out + short`) is never
    reached, and its clash is the norm's finding again, not a second bug."""
    refused: dict[str, int] = {}
    for call in run.calls_of(NormRecord):
        record, dims = call.record, call.input.shape.dims
        if call.speculative or record.kind not in ("batch", "group") or not dims or len(dims) < 2 \
                or layers.rank_refused(record, call.input.shape):
            continue
        if known(dims[1], record.num_features) and dims[1] != record.num_features:
            refused[call.input.producer] = min(call.start, refused.get(call.input.producer, call.start))
    return refused


def _dims_list(dims) -> list:
    """Sizes as a message lists them: [4, 8, 8], or [4*hid, H, W] where some are symbols."""
    return list(dims) if known(*dims) else _Listed(format_dim(d) for d in dims)


class _Listed(list):
    """Symbolic sizes, written as a list of their texts: [4*hid, H, W]."""

    def __str__(self) -> str:
        return "[" + ", ".join(self) + "]"

    __repr__ = __str__


def _one_slope_per_channel(count) -> bool:
    """A PReLU's num_parameters that is surely not 1: torch checks it against the channels (one
    slope, the default, is shared by every channel and fits any input)."""
    if known(count):
        return count != 1
    return symbolic.is_width(count) and not symbolic.can_equal(count, 1)


@check("CL110")
def check_pixel_shuffle_size(run: CheckRun) -> Iterator[Finding]:
    for call in run.calls_of(PixelShuffleRecord):
        record = call.record
        dims = call.input.shape.dims
        factor = record.factor
        if not dims or len(dims) < 3 or not is_known(factor):
            continue
        common = dict(layer=call.node.label, layer_repr=layer_repr(record), factor=factor,
                      producer=call.input.producer, shape=str(call.input.shape), input=run.input_text)
        if record.inverse:  # pixel_unshuffle: height and width multiples of r
            for side, size in (("height", dims[-2]), ("width", dims[-1])):
                if known(size) and size % factor:
                    yield Finding(call.node.span, call.node.label, related=(call.span,), variant="unshuffle",
                                  values=dict(common, side=side, size=size))
                    break
            continue
        channels = dims[-3]
        square = factor * factor
        if not known(channels) or channels % square == 0:
            continue
        # torch blames the shuffle; the count to change is the producing conv's out_channels: reported there
        producer = next((node for node in run.constructed_of(ConvRecord) if node.label == call.input.producer
                         and node.record.out_channels == channels), None)
        sized_for = _factor_sized_for(producer, channels) if producer is not None else None
        if sized_for is not None and sized_for != factor:
            # `Conv2d(32, scale ** 2, 3)` then `PixelShuffle(scale * 2)`: the conv is written for the
            # factor `scale`, which its count fits; the shuffle's factor is what departs
            yield Finding(call.node.span, call.node.label, related=(producer.span, call.span), variant="factor",
                          values=dict(common, square=square, channels=channels, sized_for=sized_for))
            continue
        at, related = (call.node, (call.span,)) if producer is None else (producer, (call.node.span, call.span))
        yield Finding(at.span, at.label, related=related, values=dict(
            common, square=square, channels=channels, suggested=-(-channels // square) * square))


def _factor_sized_for(producer, channels: int) -> int | None:
    """The factor a conv's out_channels is written for (`3 * scale ** 2`: scale's value), when its
    count is a multiple of that factor squared."""
    from convlint.evaluator.width_forms import squared_names

    form, values = producer.width_forms.get("out_channels", (None, {}))
    if form is None:
        return None
    factors = {values.get(name) for name in squared_names(form)}
    factors = {f for f in factors if type(f) is int and f > 1 and channels % (f * f) == 0}
    return factors.pop() if len(factors) == 1 else None


__all__ = ["check_channel_mismatch", "check_norm_features", "check_pixel_shuffle_size", "format_dim"]
