"""Constructor arguments PyTorch rejects (CL106)."""

from __future__ import annotations

from collections.abc import Iterator

from convlint.checks.registry import CheckRun, Finding, check
from convlint.model import ModelAnalysis
from convlint.records import ConvRecord, LayerRecord


@check("CL106")
def check_invalid_layer_args(run: CheckRun) -> Iterator[Finding]:
    runnable = _held_or_run(run.model)
    for node in run.constructed_of(LayerRecord):
        if node.problem is not None and (not node.refused_at_forward or id(node) in runnable):
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


def _held_or_run(model: ModelAnalysis) -> set[int]:
    """The modules that may run: those of the model's module tree and those forward() calls. A layer
    built and dropped (`deconv = nn.ConvTranspose1d(...)` of a branch that keeps another) never runs."""
    held: set[int] = set()
    stack = [model.root] if model.root is not None else []
    while stack:
        node = stack.pop()
        if id(node) not in held:
            held.add(id(node))
            stack.extend(child for child in node.children.values() if child is not None)
    return held | {id(call.node) for call in model.calls}
