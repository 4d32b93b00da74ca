"""One constructor argument asked for two widths: a layer built with `in_dim` input channels
that receives 32, and another built with `in_dim` too that receives 64. Each alone fits some
value of the argument (in_dim = 32, in_dim = 64), so neither is a mismatch for every value; the
two together fit none, so the model fails whatever the caller passes (a block built with the
model's input width at every depth, `Block(in_dim, ch)`, instead of the previous block's).

Only calls that surely run count (not those on a path of a condition not known), and only
widths made of one argument (symbolic.is_width), never the input's own sizes."""

from __future__ import annotations

from dataclasses import dataclass

from convlint import layers, symbolic
from convlint.checks.registry import CheckRun
from convlint.model import LayerCall
from convlint.records import ConvRecord, LinearRecord, NormRecord, RecurrentRecord
from convlint.values import Dim, is_known


@dataclass(frozen=True, slots=True)
class Requirement:
    """A call that runs only when `symbol` lies in [low, high]: its layer's count `expected`
    must equal the `actual` count that reaches it."""

    call: LayerCall
    symbol: str
    low: int
    high: int
    expected: Dim
    actual: Dim


@dataclass(frozen=True, slots=True)
class Conflict:
    """`requirement` asks the argument for a value no earlier `other` allows."""

    requirement: Requirement
    other: Requirement


def conflicts(run: CheckRun, record_type: type) -> list[Conflict]:
    """The first conflict of each argument, where its later call is a layer of `record_type`."""
    return [c for c in _conflicts(run) if isinstance(c.requirement.call.record, record_type)]


def _conflicts(run: CheckRun) -> list[Conflict]:
    """Every argument's first conflict, found once per model for the four rules that report them."""
    if "held widths" not in run.memo:
        run.memo["held widths"] = _first_conflicts(run)
    return run.memo["held widths"]


def _first_conflicts(run: CheckRun) -> list[Conflict]:
    held: dict[str, list[Requirement]] = {}
    out: list[Conflict] = []
    decided: set[str] = set()
    for call in sorted(run.model.calls, key=lambda c: c.start):
        if call.speculative or call.node.speculative or call.node.problem is not None:
            continue
        requirement = _requirement(call)
        if requirement is None or requirement.symbol in decided:
            continue
        earlier = held.setdefault(requirement.symbol, [])
        other = next((r for r in earlier if r.high < requirement.low or requirement.high < r.low), None)
        if other is not None:
            decided.add(requirement.symbol)  # (one report per argument: the rest follow from it)
            out.append(Conflict(requirement, other))
            continue
        earlier.append(requirement)
    return out


def _requirement(call: LayerCall) -> Requirement | None:
    counts = _counts(call)
    if counts is None:
        return None
    expected, actual = counts
    if is_known(expected) == is_known(actual):
        return None  # both known (a plain mismatch), or both symbolic (decided by can_equal)
    form, wanted = (actual, expected) if is_known(expected) else (expected, actual)
    if type(wanted) is not int:
        return None
    values = symbolic.argument_values_at(form, wanted)
    if values is None or values[0] > values[1]:
        return None  # not decided, or never equal (a mismatch for every value, reported as such)
    return Requirement(call, symbolic.symbol_of(form), values[0], values[1], expected, actual)


def _counts(call: LayerCall) -> tuple[Dim, Dim] | None:
    """(the count the layer was built with, the count that reaches it) along the axis it checks."""
    record, dims = call.record, call.input.shape.dims
    if not dims:
        return None
    if isinstance(record, ConvRecord):
        arriving = layers.channel_dim(call.input.shape, record.ndim)
        return None if arriving is None else (record.in_channels, arriving)
    if isinstance(record, LinearRecord):
        return None if call.input.merged else (record.in_features, dims[-1])
    if isinstance(record, RecurrentRecord):
        return None if layers.rank_refused(record, call.input.shape) else (record.input_size, dims[-1])
    if isinstance(record, NormRecord):
        if record.kind not in ("batch", "instance") or layers.rank_refused(record, call.input.shape) \
                or (record.kind == "instance" and record.affine is not True and record.track_running_stats is not True) \
                or len(dims) < 2 \
                or (len(dims) == 2 and call.input.merged):
            return None
        if record.kind == "instance" and len(dims) != record.ndim + 2:
            return None
        return record.num_features, dims[1]
    return None


def findings(run: CheckRun, record_type: type):
    """The findings of `conflicts`: at the later layer, the earlier one related."""
    from convlint.checks.registry import Finding, layer_repr
    from convlint.values import format_dim

    for conflict in conflicts(run, record_type):
        at, other = conflict.requirement, conflict.other
        node = at.call.node
        # the layer was given the argument: blamed where its caller wrote it (`Block(in_dim, ch)`)
        origin = None if is_known(at.expected) else (node.arg_origins.get(_ARGUMENT[record_type]) or (None,))[0]
        span, related = (node.span, ()) if origin is None else (origin, (node.span,))
        yield Finding(span, node.label, related=(*related, at.call.span, other.call.node.span),
                      variant="held", values=dict(
            layer=at.call.node.label, layer_repr=layer_repr(at.call.record), expected=format_dim(at.expected),
            actual=format_dim(at.actual), producer=at.call.input.producer, shape=str(at.call.input.shape),
            input=run.input_text, symbol=at.symbol, needed=_values_text(at), other=other.call.node.label,
            other_line=other.call.node.span.line, other_needed=_values_text(other),
            other_actual=format_dim(other.actual), other_expected=format_dim(other.expected)))


_ARGUMENT = {ConvRecord: "in_channels", LinearRecord: "in_features", NormRecord: "num_features",
             RecurrentRecord: "input_size"}


def _values_text(requirement: Requirement) -> str:
    low, high = requirement.low, requirement.high
    return f"{low}" if low == high else f"{low} to {high}"
