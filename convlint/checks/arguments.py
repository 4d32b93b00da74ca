"""Constructor arguments PyTorch rejects (CL106)."""

from __future__ import annotations

from collections.abc import Iterator

from convlint.checks.registry import CheckRun, Finding, check
from convlint.records import ConvRecord, LayerRecord


@check("CL106")
def check_invalid_layer_args(run: CheckRun) -> Iterator[Finding]:
    for node in run.constructed_of(LayerRecord):
        if node.problem is not None:
            yield Finding(node.span, node.label, variant=node.problem_variant, values=dict(
                layer=node.label, type=node.record.type, problem=node.problem))
    # torch builds a conv of no output channels (Conv2d(3, 0, 3)), but its forward refuses the empty
    # weight ("expected weight to be at least 1 at dimension 0"): judged where one surely runs
    reported: set[int] = set()
    for call in run.calls_of(ConvRecord):
        record = call.record
        name = "in_channels" if record.transposed else "out_channels"  # the weight's dim 0
        count = getattr(record, name)
        if call.speculative or id(call.node) in reported or type(count) is not int or count != 0:
            continue
        reported.add(id(call.node))
        yield Finding(call.node.span, call.node.label, related=(call.span,), variant="empty", values=dict(
            layer=call.node.label, type=record.type,
            problem=f"{name}=0 gives an empty weight, which its forward refuses"))
