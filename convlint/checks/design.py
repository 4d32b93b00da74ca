"""Design rules: choices that run but are wasteful or wrong (CL203-CL210)."""

from __future__ import annotations

from collections.abc import Iterator

from convlint import layers, shapes
from convlint.checks.registry import CheckRun, Finding, check, known, layer_repr
from convlint.model import NO_FORWARD_OP, RAISES, ModelAnalysis, Tensor
from convlint.records import AttentionRecord, ConvRecord, LinearRecord, NormRecord, PoolRecord, field_of
from convlint.values import format_dim, is_known


def _spatial(call) -> tuple | None:
    split = layers.spatial_split(call.record, call.input.shape)
    out = layers.spatial_split(call.record, call.output.shape)
    if split is None or out is None:
        return None
    return split[1], out[1]


@check("CL203")
def check_transposed_ambiguity(run: CheckRun) -> Iterator[Finding]:
    calls = run.model.calls_in_order()
    encoders = [c for c in calls if isinstance(c.node.record, (ConvRecord, PoolRecord))
                and not field_of(c.node.record, "transposed", False)]
    for call in calls:
        record = call.record
        if not (isinstance(record, ConvRecord) and record.transposed) or call.node.problem:
            continue
        if any(op != 0 for op in record.output_padding) or all(s == 1 for s in record.stride):
            continue
        sizes = _spatial(call)
        if sizes is None or not known(*sizes[0], *sizes[1]):
            continue
        for encoder in encoders:
            if encoder.start > call.start or tuple(encoder.node.record.stride) != tuple(record.stride):
                continue
            before = _spatial(encoder)
            if before is None or before[1] != sizes[0] or before[0] == sizes[1] or not known(*before[0]):
                continue
            yield Finding(call.node.span, call.node.label, related=(encoder.node.span,), values=dict(
                layer=call.node.label, layer_repr=layer_repr(record), encoder=encoder.node.label,
                encoder_in="x".join(format_dim(d) for d in before[0]),
                small="x".join(format_dim(d) for d in sizes[0]), out="x".join(format_dim(d) for d in sizes[1]),
                input=run.input_text))
            break


@check("CL204")
def check_functional_dropout(run: CheckRun) -> Iterator[Finding]:
    for op in run.model.ops:
        if "training" in op.detail and not op.detail["training"]:
            yield Finding(op.span, values=dict(call=op.op))


def _returned(model: ModelAnalysis) -> Tensor | None:
    return model.output if isinstance(model.output, Tensor) else None


@check("CL205")
def check_softmax_before_loss(run: CheckRun) -> Iterator[Finding]:
    output = _returned(run.model)
    if output is None or output.shape.rank != 2:
        return
    for op in run.model.ops:
        if op.detail.get("softmax") and op.result is output:
            yield Finding(op.span, values=dict(call=op.op))
            return
    for call in run.model.calls:
        if call.node.record.type == "Softmax" and call.output is output:  # log_softmax is right with NLLLoss
            yield Finding(call.node.span, call.node.label, values=dict(call=f"{call.node.label} = nn.{call.node.record.type}"))
            return


@check("CL206")
def check_bias_before_norm(run: CheckRun) -> Iterator[Finding]:
    producers = {id(c.output): c for c in run.model.calls
                 if isinstance(c.node.record, (ConvRecord, LinearRecord)) and c.node.record.bias is True}
    reported: set[int] = set()
    uses = _uses(run.model)
    for call in run.model.calls:
        record = call.record
        if not _batch_norm(record):
            continue  # F.batch_norm may normalise by frozen running stats, which keep the bias
        before = producers.get(id(call.input))
        if before is None or id(before.node) in reported or before.output is not call.input \
                or id(call.input) in run.model.activated:  # `bn(F.relu(conv(x)))`: an activation between
            continue
        if uses.get(id(call.input)):
            continue  # (also read elsewhere, a pre-norm block's `x + conv(norm(x))`: the bias reaches the output)
        reported.add(id(before.node))
        yield Finding(before.node.span, before.node.label, related=(call.node.span,), values=dict(
            layer=before.node.label, layer_repr=layer_repr(before.node.record), norm=call.node.label,
            norm_repr=layer_repr(record)))


def _batch_norm(record) -> bool:
    """A BatchNorm layer, which subtracts the mean of the batch (F.batch_norm may use frozen running stats)."""
    return isinstance(record, NormRecord) and record.kind == "batch" and record.type != "batch_norm"


def _uses(model: ModelAnalysis) -> dict[int, int]:
    """How many times each tensor (by id) is read other than by a BatchNorm: as a leaf layer's input
    (one handing it on as it is, an nn.Identity, does not read it), an operand of an op (a template
    of `expand_as` only lends its shape), or returned; a piece sliced off a tensor reads it."""
    counts: dict[int, int] = {}

    def read(value) -> None:
        seen = set()
        while isinstance(value, Tensor) and id(value) not in seen:
            seen.add(id(value))
            counts[id(value)] = counts.get(id(value), 0) + 1
            value = value.piece_of

    for call in model.calls:
        if not any(child is not None for child in call.node.children.values()) and not _batch_norm(call.record) \
                and call.output is not call.input:
            read(call.input)  # (a container or block passes its input on: the layers inside read it)
    for op in model.ops:
        for operand in op.operands[:1] if op.op.endswith("_as") else op.operands:
            read(operand)
    pending = [model.output]
    while pending:
        value = pending.pop()
        if isinstance(value, (tuple, list)):
            pending.extend(value)
        elif isinstance(value, dict):
            pending.extend(value.values())
        else:
            read(value)
    return counts


DROPOUTS = frozenset({"Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout", "FeatureAlphaDropout"})


@check("CL207")
def check_unused_layer(run: CheckRun) -> Iterator[Finding]:
    model = run.model
    if model.unresolved or model.output is None or not model.calls:
        return  # only when forward() was followed completely
    if model.output is RAISES or model.forward_abstract:
        return  # forward() raises on every path (an abstract base's NotImplementedError): subclasses use its layers
    called = {id(c.node) for c in model.calls}
    in_training = set()  # what a skipped `if self.training:` branch names, and everything inside it

    def mark(node) -> None:
        in_training.add(id(node))
        for child in node.children.values():
            if child is not None and id(child) not in in_training:
                mark(child)

    for op in model.ops:  # a module called with no forward (CL113): torch stops there, its layers never run
        if op.op == NO_FORWARD_OP:
            mark(op.detail["node"])
    for node in model.modules():
        if id(node) in model.untaken:
            mark(node)
        if isinstance(node.record, AttentionRecord) and id(node) in called:
            mark(node)  # its out_proj: MultiheadAttention.forward uses its weights, never calls it
    for node in model.modules():
        if any(child is not None for child in node.children.values()):
            continue
        if id(node) in called or id(node) in model.touched or id(node) in in_training or node.functional:
            continue
        if node.record.type in DROPOUTS:  # built for regularization, never applied: it is silently off
            yield Finding(node.span, node.label, values=dict(
                layer=node.label, layer_repr=layer_repr(node.record),
                params="it is never applied, so its regularization is off"))
            continue
        count = layers.own_params(node.record)
        if not isinstance(count, int) or count == 0:
            continue  # a parameterless layer left unused (an empty branch, a spare activation) trains nothing
        yield Finding(node.span, node.label, values=dict(layer=node.label, layer_repr=layer_repr(node.record),
                                                         params=f"its {count:,} parameters never train"))


def _tree_params(node) -> int | None:
    """Parameters of a module and everything under it; None when any count is not known."""
    own = layers.own_params(node.base if node.base is not None else node.record)
    if not isinstance(own, int) or node.incomplete:
        return None
    total = own + sum(node.parameters.values())
    for child in node.children.values():
        count = 0 if child is None else _tree_params(child)
        if count is None:
            return None
        total += count
    return total


@check("CL212")
def check_unregistered_layer(run: CheckRun) -> Iterator[Finding]:
    model = run.model
    if model.unresolved or not model.calls:
        return  # a registration convlint did not follow would look like none
    outside = [c.node for c in model.calls
               if not c.node.path and not c.node.functional and c.node is not model.root]
    inner: set[int] = set()

    def mark(node) -> None:
        for child in node.children.values():
            if child is not None and id(child) not in inner:
                inner.add(id(child))
                mark(child)

    for node in outside:
        mark(node)
    reported: set[int] = set()
    for node in outside:
        if id(node) in inner or id(node) in reported:
            continue
        reported.add(id(node))
        if node.children and all(child is None or child.path for child in node.children.values()):
            continue  # `self.features[:4](x)`: a slice of a registered Sequential holds registered layers
        count = _tree_params(node)
        if not count:
            continue  # `nn.ReLU()(x)`: nothing to train, nothing to move
        yield Finding(node.span, values=dict(layer_repr=layer_repr(node.record), model=model.name,
                                             params=f"{count:,}"),
                      variant="in_forward" if node.built_in_forward else None)


@check("CL208")
def check_forward_returns_nothing(run: CheckRun) -> Iterator[Finding]:
    model = run.model
    if model.forward_span is not None and model.input is not None and model.output is None \
            and not model.forward_abstract:  # an abstract base's `...`: the subclasses return
        yield Finding(model.forward_span, values=dict(model=model.name))


@check("CL209")
def check_aggressive_downsampling(run: CheckRun) -> Iterator[Finding]:
    windows = [c for c in run.model.calls_in_order()
               if isinstance(c.node.record, (ConvRecord, PoolRecord)) and not field_of(c.node.record, "transposed", False)]
    for index, call in enumerate(windows):
        sizes = _spatial(call)
        if sizes is None:
            continue
        before, after = sizes
        if index > 0:
            for i, o in zip(before, after):
                if known(i, o) and o > 1 and o * 4 < i:  # to 1 is global pooling, or the "collapse" case
                    yield Finding(call.node.span, call.node.label, variant="shrink", values=dict(
                        layer=call.node.label, layer_repr=layer_repr(call.record), size=i, out=o,
                        factor=f"{i / o:.1f}", input=run.input_text))
                    break
        if not any(is_known(o) and o == 1 for o in after) or any(is_known(i) and i == 1 for i in before):
            continue
        # the layers that then run on the 1-wide map: a squeeze-excitation branch pools to 1x1 and
        # multiplies back into the full map, so the convs after it are not on that map
        collapsed = [d for d, o in enumerate(after) if is_known(o) and o == 1]
        later = [c for c in windows[index + 1:] if any(k != 1 for k in c.node.record.kernel_size)
                 and _acts_on_a_collapsed_dim(c, collapsed, len(after))]
        if later:
            yield Finding(call.node.span, call.node.label, variant="collapse", values=dict(
                layer=call.node.label, layer_repr=layer_repr(call.record), later=len(later),
                next=later[0].node.label, input=run.input_text))


def _acts_on_a_collapsed_dim(call, collapsed: list[int], rank: int) -> bool:
    """Whether the layer reads a dim the earlier layer reduced to 1 (`collapsed`, of `rank`
    spatial dims: a layer of another rank, after a view or in an attention branch that pooled
    on its own, is not on that map), still 1 wide, with a window wider than 1 or padding: a 3-D
    hyperspectral net collapses the spectral axis on purpose and then convolves only the
    spatial ones with kernel (3, 3, 1), which loses nothing (a stride on a 1-wide dim still gives 1)."""
    sizes = _spatial(call)
    if sizes is None or len(sizes[0]) != rank:
        return False
    record = call.node.record
    padding = record.padding if not isinstance(record.padding, str) else (0,) * len(sizes[0])  # "same" of kernel 1: none
    for d, size in enumerate(sizes[0]):
        if d not in collapsed or not (is_known(size) and size == 1):
            continue
        kernel = record.kernel_size[d] if d < len(record.kernel_size) else None
        pad = padding[d] if padding is not None and d < len(padding) else None
        if not (is_known(kernel) and kernel == 1 and is_known(pad) and pad == 0):
            return True
    return False


@check("CL210")
def check_pool_stride_overlap(run: CheckRun) -> Iterator[Finding]:
    for node in run.constructed_of(PoolRecord):
        record = node.record
        for k, s, d in zip(record.kernel_size, record.stride, record.dilation):
            if known(k, s, d) and shapes.window_reach(k, d) < s:
                yield Finding(node.span, node.label, values=dict(layer=node.label, layer_repr=layer_repr(record),
                                                                 kernel=k, stride=s, skipped=s - shapes.window_reach(k, d)))
                break
