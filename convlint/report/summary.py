"""`convlint summary`: a torchinfo-style table per model, computed statically.

Rows are module calls in the order they begin (torchinfo's pre-forward order); totals follow
torchinfo's ModelStatistics exactly: mult-adds and forward/backward bytes are summed over leaf
layers (x2 output bytes for layers with parameters, for the gradients), parameters once per
module, 4 bytes per float32 element."""

from __future__ import annotations

from dataclasses import dataclass, field
from math import prod

from pydantic import BaseModel

from convlint.diagnostics import Diagnostic
from convlint.model import LayerCall, ModelAnalysis, reached
from convlint.records import ChannelShuffleRecord, ConvRecord, FoldRecord, MaxUnpoolRecord, PixelShuffleRecord, \
    PoolRecord, UnfoldRecord
from convlint.report.json_report import call_mult_adds, hides_children, is_leaf, node_params, tied_within
from convlint.values import Shape, Unknown, format_dim, is_known

FLOAT_BYTES = 4
# torchinfo sizes the input as sys.getsizeof(tensor.untyped_storage()): the bytes plus the
# storage object's own 64 bytes (torch 2.x on CPython 3.x)
STORAGE_OBJECT_BYTES = 64


class RowOut(BaseModel):
    name: str
    type: str
    depth: int
    depth_index: str
    line: int
    output_shape: list[int | str | None] | None
    kernel: str | None
    params: int | None
    macs: int | None
    receptive_field: int | None
    jump: int | None
    finding: str | None = None  # the code of an error found at this layer


class SummaryOut(BaseModel):
    name: str
    input_shape: list[int | str | None] | None
    more_inputs: list[list[int | str | None]] = []  # the shapes of forward's further inputs, in order
    rows: list[RowOut]
    total_params: int | None
    trainable_params: int | None
    total_mult_adds: int | None
    input_bytes: int | None
    forward_backward_bytes: int | None
    params_bytes: int | None
    total_bytes: int | None
    not_called: list[str] = []  # modules forward() never calls in inference mode (training-only, unused)
    unfollowed: list[str] = []  # modules forward() uses in code the analysis could not follow
    training_only: list[str] = []  # of not_called: those forward() names under `if self.training:`
    stopped_at: str | None = None  # torch's forward would stop at this layer (a shape error)
    accepted_input: str | None = None  # without an input shape: the square sizes that work
    input_from: str | None = None  # where a size not given by the user came from (`line 37: height=64, width=64`)


@dataclass
class _Totals:
    values: dict = field(default_factory=dict)

    def add(self, key: str, amount) -> None:
        current = self.values.get(key, 0)
        if isinstance(current, Unknown) or isinstance(amount, Unknown):
            self.values[key] = Unknown(key)
        else:
            self.values[key] = current + amount

    def unknown_costs(self, why: str) -> None:
        """Mult-adds and sizes of a forward pass no longer known (parameter counts still are)."""
        for key in ("macs", "outputs", "leaf_params"):
            self.add(key, Unknown(why))

    def get(self, key: str) -> int | None:
        value = self.values.get(key, 0)
        return None if isinstance(value, Unknown) else value


def _kernel_text(record) -> str | None:
    def one(values):
        return format_dim(values[0]) if len(set(values)) == 1 else "x".join(format_dim(v) for v in values)

    if isinstance(record, (ConvRecord, PoolRecord, MaxUnpoolRecord, UnfoldRecord, FoldRecord)):
        padding = record.padding if isinstance(record.padding, str) else one(record.padding)
        return f"k{one(record.kernel_size)} s{one(record.stride)} p{padding}"
    if isinstance(record, PixelShuffleRecord):
        return f"{'/' if record.inverse else 'x'}{format_dim(record.factor)}"
    if isinstance(record, ChannelShuffleRecord):
        return f"g{format_dim(record.groups)}"
    return None


def _numel(shape: Shape):
    if shape.dims is None or not all(is_known(d) for d in shape.dims):
        return Unknown("output shape")
    return prod(shape.dims)


def build_summary(model: ModelAnalysis, diagnostics: list[Diagnostic]) -> SummaryOut:
    probes = {id(c) for c in model.calls[:model.construction_calls]}  # run by __init__, not forward()
    calls = [c for c in model.calls_in_order() if not c.node.functional and id(c) not in probes]
    errors = {d.layer: d.code for d in diagnostics if d.severity == "error" and d.model == model.name and d.layer}
    totals = _Totals()
    counters: dict[int, int] = {}
    rows: list[RowOut] = []
    stopped_at = None
    counted: set[int] = set()
    for call in calls:
        node = call.node
        if not node.path and node is not model.root:
            # built inside forward(): not a submodule, so torch's hooks and torchinfo never see it
            # (nor count its mult-adds): a row would be a module the model does not have
            continue
        depth = node.path.count(".") + 1 if node.path else 0  # torchinfo: depth in the module tree
        counters[depth] = counters.get(depth, 0) + 1
        for deeper in [d for d in counters if d > depth]:
            del counters[deeper]
        own = node_params(node, model.record_of(node))
        macs = call_mult_adds(node, call.output.shape, call.record)
        leaf = is_leaf(node)
        if (not leaf and hides_children(node)) or call.speculative:
            totals.unknown_costs("children not known" if not call.speculative else "a path that may not run")
        if leaf:
            totals.add("macs", macs)
            if isinstance(own, Unknown) or own > 0:  # torchinfo sizes the outputs of leaves with parameters
                totals.add("outputs", own if isinstance(own, Unknown) else _numel(call.output.shape))
            if id(node) not in counted:  # torchinfo sizes the parameters of the leaves that ran, once each
                counted.add(id(node))
                totals.add("leaf_params", own)
        field_ = call.output.field
        label = node.path or model.name
        rows.append(RowOut(
            name=label, type=call.record.type, depth=depth,
            depth_index=f"{depth}-{counters[depth]}" if depth else "",
            line=node.span.line, output_shape=call.output.shape.as_json(), kernel=_kernel_text(call.record),
            params=None if isinstance(own, Unknown) else own,
            macs=None if isinstance(macs, Unknown) else macs if leaf else None,
            receptive_field=field_[0] if field_ else None, jump=field_[1] if field_ else None,
            finding=errors.get(node.path)))
        if stopped_at is None and node.path in errors:
            stopped_at = node.path
    # every parameter of the model, called or not: torchinfo counts the rest as the root's leftover
    every_module = ([model.root] if model.root is not None else []) + model.modules()
    for node in every_module:
        totals.add("params", node_params(node, model.record_of(node)))
    totals.add("params", -tied_within(every_module))  # a parameter two modules hold counts once, as in torch
    called = {id(c.node) for c in calls}
    unfollowed = model.unfollowed()
    if unfollowed or model.stopped or model.uncounted_loops:  # whether and how often those run is unknown: so are the costs
        totals.unknown_costs("unfollowed")
    if model.stopped:
        totals.add("params", Unknown("the analysis stopped"))
    not_called, training_only = [], []
    for node in model.modules():
        if reached(node, called):
            continue
        if any(node.path == u.path or node.path.startswith(f"{u.path}.") for u in unfollowed):
            continue
        if not any(node.path.startswith(f"{parent}.") for parent in not_called):
            not_called.append(node.path)
            if id(node) in model.untaken:
                training_only.append(node.path)
    more = model.further_inputs
    input_numels = [_numel(model.input_shape) if model.input_shape is not None else Unknown("input"),
                    *(_numel(Shape(shape)) for shape in more)]
    # torchinfo sums every input tensor's storage; a further input the code makes may be of any
    # dtype (`torch.randint` gives int64), so only shapes given by hand (float32) are summed
    dtypes_known = not more or model.input_source.kind in ("flag", "config")
    values = {
        "input": None if not dtypes_known or any(isinstance(n, Unknown) for n in input_numels)
        else sum(n * FLOAT_BYTES + STORAGE_OBJECT_BYTES for n in input_numels),
        "outputs": None if totals.get("outputs") is None else totals.get("outputs") * FLOAT_BYTES * 2,
        "params": None if totals.get("leaf_params") is None else totals.get("leaf_params") * FLOAT_BYTES,
    }
    total_bytes = None if None in values.values() else sum(values.values())
    return SummaryOut(
        name=model.name, input_shape=model.input_shape.as_json() if model.input_shape else None,
        more_inputs=[Shape(shape).as_json() for shape in more], rows=rows,
        total_params=totals.get("params"), trainable_params=totals.get("params"),
        total_mult_adds=totals.get("macs"), input_bytes=values["input"], forward_backward_bytes=values["outputs"],
        params_bytes=values["params"], total_bytes=total_bytes, not_called=not_called, training_only=training_only,
        unfollowed=[node.path for node in unfollowed], stopped_at=stopped_at,
        input_from=model.input_source.describe().removeprefix(" from ") or None if model.input_source else None)




def _readable(number: int | None) -> str:
    """torchinfo's units: (M) below 1e9, (G) below 1e12, then (T)."""
    if number is None:
        return ": unknown"
    for limit, unit in ((1e12, "T"), (1e9, "G")):
        if number >= limit:
            return f" ({unit}): {number / limit:.2f}"
    value = number / 1e6
    return f" (M): {int(value):,d}" if value.is_integer() else f" (M): {value:.2f}"


def _megabytes(count: int | None) -> str:
    return "unknown" if count is None else f"{count / 1e6:0.2f}"


def render_summary(summary: SummaryOut, max_depth: int | None, findings: list[Diagnostic]) -> str:
    header = ("Layer (type:depth-idx)", "Output Shape", "Kernel", "Param #", "Mult-Adds", "RF", "Jump")
    table = []
    for row in summary.rows:
        if max_depth is not None and row.depth > max_depth:
            continue
        name = "  " * row.depth + (f"{row.name} ({row.type}: {row.depth_index})" if row.depth else
                                   f"{row.name} ({row.type})")
        shape = "--" if row.output_shape is None else "[" + ", ".join(
            "?" if d is None else str(d) for d in row.output_shape) + "]"
        params = f"{row.params:,}" if row.params else "--"
        macs = f"{row.macs:,}" if row.macs else "--"
        mark = f"  <-- {row.finding}" if row.finding else ""
        table.append((name, shape, row.kernel or "", params, macs,
                      "" if row.receptive_field is None else str(row.receptive_field),
                      "" if row.jump is None else str(row.jump), mark))
        if summary.stopped_at is not None and row.name == summary.stopped_at:
            table.append(("  (torch's forward stops here)", "", "", "", "", "", "", ""))
            break
    widths = [max(len(str(r[i])) for r in [header, *table]) for i in range(len(header))]
    width = sum(widths) + 2 * (len(widths) - 1)
    line = "=" * width
    out = [line, "  ".join(h.ljust(w) for h, w in zip(header, widths)), line]
    out += ["  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
            .rstrip() + r[-1] for r in table]
    out += [line,
            f"Total params{_count(summary.total_params)}",
            f"Trainable params{_count(summary.trainable_params)}",
            f"Non-trainable params{_count(0 if summary.total_params is not None else None)}",
            f"Total mult-adds{_readable(summary.total_mult_adds)}",
            line,
            f"Input size (MB): {_megabytes(summary.input_bytes)}",
            f"Forward/backward pass size (MB): {_megabytes(summary.forward_backward_bytes)}",
            f"Params size (MB): {_megabytes(summary.params_bytes)}",
            f"Estimated Total Size (MB): {_megabytes(summary.total_bytes)}",
            line]
    if summary.accepted_input:
        out.append(f"Accepted input: {summary.accepted_input}")
    if summary.unfollowed:
        out.append("Used by forward() in code convlint could not follow (so costs are unknown): "
                   + ", ".join(summary.unfollowed))
    if summary.training_only:
        out.append("Only in training (forward() skips them in inference mode): " + ", ".join(summary.training_only))
    never = [path for path in summary.not_called if path not in summary.training_only]
    if never:
        out.append("Never called by forward(): " + ", ".join(never))
    for finding in findings:
        out.append(f"{finding.path}:{finding.span.line}:{finding.span.column}: {finding.code} {finding.message}")
    source = f" (from {summary.input_from})" if summary.input_from else ""
    shapes = " and ".join(_shape_text(shape) for shape in (summary.input_shape, *summary.more_inputs))
    return "\n".join(f"{summary.name}: input {shapes}{source}".splitlines() + out) + "\n"


def _count(number: int | None) -> str:
    return ": unknown" if number is None else f": {number:,}"


def _shape_text(shape) -> str:
    if shape is None:
        return "symbolic"
    return " x ".join("?" if d is None else str(d) for d in shape)
