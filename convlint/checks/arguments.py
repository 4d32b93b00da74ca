"""Constructor arguments PyTorch rejects (CL106)."""

from __future__ import annotations

from collections.abc import Iterator

from convlint.checks.registry import CheckRun, Finding, check
from convlint.records import LayerRecord


@check("CL106")
def check_invalid_layer_args(run: CheckRun) -> Iterator[Finding]:
    for node in run.constructed_of(LayerRecord):
        if node.problem is not None:
            yield Finding(node.span, node.label, values=dict(layer=node.label, type=node.record.type,
                                                             problem=node.problem))
