"""Size rules: Linear features (CL101), view/reshape/flatten (CL102), collapse (CL105),
operands of +, * and cat (CL107), input rank (CL108), recurrent input_size (CL109)."""

from __future__ import annotations

import math

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from convlint import layers, shapes, symbolic
from convlint import strides as layout
from convlint.checks import held_widths
from convlint.checks.registry import CheckRun, Finding, check, derivation, differ, known, layer_repr
from convlint.diagnostics import Span
from convlint.model import INDEX_OP, NO_FORWARD_OP, SETITEM_OP, Tensor, TensorOp
from convlint.records import (ConvRecord, LinearRecord, MaxUnpoolRecord, NormRecord, OpaqueRecord, PadRecord,
                              PoolRecord, RecurrentRecord, UpsampleRecord, field_of)
from convlint.values import Sym, Unknown, dim_mul, dims_product, format_dim, is_known

VIEW_OPS = ("view", "reshape", "flatten", "torch.flatten", "torch.reshape")
AXIS_NAMES = {1: ("length",), 2: ("height", "width"), 3: ("depth", "height", "width")}


@check("CL101")
def check_linear_in_features(run: CheckRun) -> Iterator[Finding]:
    for call in run.calls_of(LinearRecord):
        record = call.record  # a LazyLinear: the Linear its first call made it
        if _fed_by_a_batch_breaking_view(call, run):
            continue  # reported at the view (CL102)
        dims = call.input.shape.dims
        if dims is None and call.input.tail:
            # a rank not known, the last dim known: what a Linear gave a backbone's output not followed
            arriving = call.input.tail[-1]
            if differ(arriving, record.in_features, run.floors):
                yield Finding(
                    call.node.span, call.node.label, related=(call.span,), node=call.node,
                    variant="lazy" if field_of(call.node.record, "lazy", False) else "functional"
                    if call.node.functional else None,
                    values=dict(layer=call.node.label, layer_repr=layer_repr(record), expected=record.in_features,
                                actual=arriving, producer=call.input.producer, work=format_dim(arriving),
                                input=run.input_text, out_features=format_dim(record.out_features)))
            continue
        if dims and is_known(record.in_features) and call.input.merged and isinstance(dims[-1], (Sym, Unknown)):
            reason = never_equal(call.input.merged, record.in_features)
            if reason is not None:  # symbolic input: wrong whatever the input size
                yield Finding(
                    call.node.span, call.node.label, related=(call.span,), variant="never",
                    values=dict(layer=call.node.label, layer_repr=layer_repr(record), expected=record.in_features,
                                producer=call.input.producer, work=" x ".join(format_dim(d) for d in call.input.merged),
                                reason=reason, input=run.input_text))
            continue
        if dims and (reason := never_sum(dims[-1], record.in_features)) is not None:
            # two flattened branches joined by a cat: a sum of floors of one input size
            yield Finding(
                call.node.span, call.node.label, related=(call.span,), variant="never",
                values=dict(layer=call.node.label, layer_repr=layer_repr(record), expected=record.in_features,
                            producer=call.input.producer, work=format_dim(dims[-1]), reason=reason,
                            input=run.input_text))
            continue
        if not dims or not differ(dims[-1], record.in_features, run.floors):
            if dims and call.input.merged and isinstance(dims[-1], (Sym, Unknown)) and \
                    (reason := never_equal_width(call.input.merged, record.in_features, run.floors)) is not None:
                # in_features a width of an argument the flattened map is a multiple of
                yield Finding(
                    call.node.span, call.node.label, related=(call.span,), variant="never",
                    values=dict(layer=call.node.label, layer_repr=layer_repr(record),
                                expected=format_dim(record.in_features), producer=call.input.producer,
                                work=" x ".join(format_dim(d) for d in call.input.merged), reason=reason,
                                input=run.input_text))
            continue  # an Unknown is never wrong
        yield Finding(
            call.node.span, call.node.label, related=(call.span,), node=call.node,
            # (F.linear of a weight the code holds: no nn.Linear to resize, the weight's shape is the edit)
            variant="lazy" if field_of(call.node.record, "lazy", False) else "functional" if call.node.functional
            else None,
            values=dict(layer=call.node.label, layer_repr=layer_repr(record), expected=record.in_features,
                        actual=dims[-1], producer=call.input.producer, work=derivation(call.input),
                        input=run.input_text, out_features=format_dim(record.out_features)),
        )
    yield from _twin_heads(run)
    yield from held_widths.findings(run, LinearRecord)


def _twin_heads(run: CheckRun) -> Iterator[Finding]:
    """Linears fed the same flattened map with different in_features (a VAE's fc_mu and fc_var):
    at each input size one of them is refused, whatever the size. The count most of them take is
    kept, else one that a square input fills; the others are reported. Where nothing tells them
    apart (two of them, each filled by a square input), each is reported, naming the other."""
    by_tensor: dict[int, list] = {}
    for call in run.calls_of(LinearRecord):
        dims, factors = call.input.shape.dims, call.input.merged
        if call.speculative or not dims or not factors or not isinstance(dims[-1], (Sym, Unknown)) \
                or not is_known(call.record.in_features) or never_equal(factors, call.record.in_features):
            continue
        by_tensor.setdefault(id(call.input), []).append(call)
    for calls in by_tensor.values():
        counts = {c.record.in_features for c in calls}
        if len(counts) < 2:
            continue
        factors = tuple(calls[0].input.merged)

        def preference(count: int) -> tuple:
            square = symbolic.spatial_count(factors) and symbolic.square_sizes(factors, count) is not None
            first = min(c.start for c in calls if c.record.in_features == count)
            return (-sum(c.record.in_features == count for c in calls), not square, first)

        kept = min(counts, key=preference)
        tied = [count for count in counts if preference(count)[:2] == preference(kept)[:2]]
        for call in calls:
            if call.record.in_features == kept and len(tied) == 1:
                continue
            theirs = kept if call.record.in_features != kept else next(t for t in tied if t != kept)
            other = next(c for c in calls if c.record.in_features == theirs)
            yield Finding(call.node.span, call.node.label, related=(call.span, other.node.span), variant="twin",
                          values=dict(layer=call.node.label, layer_repr=layer_repr(call.record),
                                      expected=call.record.in_features, other=other.node.label,
                                      other_repr=layer_repr(other.record), other_expected=theirs,
                                      producer=call.input.producer, work=" x ".join(format_dim(d) for d in factors),
                                      input=run.input_text))


@check("CL109")
def check_recurrent_input_size(run: CheckRun) -> Iterator[Finding]:
    """RNNBase.check_input: "input.size(-1) must be equal to input_size" (cells: "input has
    inconsistent input_size"), on an input of a rank the layer takes (else CL108)."""
    for call in run.calls_of(RecurrentRecord):
        record, shape = call.record, call.input.shape
        if not shape.dims or layers.rank_refused(record, shape):
            continue
        arriving = shape.dims[-1]
        if not known(arriving, record.input_size) or arriving == record.input_size:
            continue  # an Unknown is never wrong
        fixed = layer_repr(record.model_copy(update={"input_size": arriving}))
        yield Finding(call.node.span, call.node.label, related=(call.span,), values=dict(
            layer=call.node.label, layer_repr=layer_repr(record), expected=record.input_size, actual=arriving,
            producer=call.input.producer, shape=str(shape), input=run.input_text, fixed=fixed))
    yield from held_widths.findings(run, RecurrentRecord)


def head_factors(call, ops) -> tuple | None:
    """The per-sample dims whose product a Linear takes: those a flatten merged, or those of the
    map a view with a hard-coded count keeps the batch of (`x.view(-1, 160)`, `x.view(x.size(0),
    160)` of N x 10 x h x w, then Linear(160)): that view runs only where a sample holds exactly
    the count (and the -1 is then the batch), so it pins the input sizes as a flatten's Linear does."""
    if call.input.merged:
        return call.input.merged
    view = next((op for op in reversed(ops) if op.op in VIEW_OPS and op.start < call.start
                 and op.result == call.input), None)
    if view is None or view.problem is not None or view.op in ("flatten", "torch.flatten"):
        return None
    requested, dims = view.detail.get("requested", ()), view.operands[0].shape.dims
    if len(requested) != 2 or not dims or len(dims) < 3 or not is_known(requested[1]) \
            or requested[1] != call.record.in_features or isinstance(dims[0], Unknown):
        return None
    if dims[0] != Sym("N") or requested[0] not in (-1, dims[0]):
        return None  # rows that are not the batch
    if requested[0] == -1 and any(known(trailing := dims_product(dims[k:])) and trailing == requested[1]
                                  for k in range(2, len(dims))):
        return None  # a row per pixel or token (`x.permute(0, 2, 3, 1).reshape(-1, C)`): any size runs
    return tuple(dims[1:])


@check("CL211")
def check_input_size_contract(run: CheckRun) -> Iterator[Finding]:
    """With no input size known, a Linear fed the flattened map fixes the sizes that run."""
    if run.model.input_source is not None:
        return  # an input size was given or found: it is checked instead
    for call in run.calls_of(LinearRecord):
        record, factors = call.record, head_factors(call, run.model.ops)
        if not factors or not is_known(record.in_features):
            continue
        if not symbolic.spatial_count(factors) or never_equal(factors, record.in_features):
            continue
        square = symbolic.square_sizes(tuple(factors), record.in_features)
        rank = len({symbolic.symbol_of(f) for f in factors if not is_known(f)})
        # a volume's depth or a clip's frames differ from its sides as a rule; an image's sides seldom
        unequal = symbolic.side_ranges(tuple(factors), record.in_features, limit=64) if square is None or rank > 2 \
            else []
        unequal = [choice for choice in unequal if len(set(choice.values())) > 1]
        if square is None and not unequal:
            continue
        if square is None:
            sizes = f"inputs that are not square, such as {_most_square(unequal)}"
        else:
            low, high = ("x".join([str(s)] * rank) for s in square)
            sizes = f"{low} inputs" if square[0] == square[1] else f"{low} to {high} inputs"
            if unequal:  # a clip of 16 frames of 112x112 fits a video net as well as a cube does
                sizes += f", or inputs whose sides differ, such as {_most_square(unequal)}"
        yield Finding(call.node.span, call.node.label, related=(call.span,), values=dict(
            layer=call.node.label, layer_repr=layer_repr(record), expected=record.in_features, sizes=sizes,
            work=" x ".join(format_dim(d) for d in factors), input=run.input_text))


def _most_square(choices: list[dict[str, tuple[int, int]]]) -> str:
    """The choice of input sides closest to square, as `16x(97 to 128)x(97 to 128)`."""
    best = min(choices, key=lambda c: max(low for low, _ in c.values()) / min(low for low, _ in c.values()))
    return "x".join(str(low) if low == high else f"({low} to {high})"
                    for low, high in (best[s] for s in sorted(best, key="DHWL".index)))


def never_equal(factors: tuple | None, wanted: int, per: Sym | None = None) -> str | None:
    """Why a product of dims can equal `wanted` for no input size, or None if it might.

    Every symbolic dim of an input that runs is a whole number >= 1 (any dim below 1 stops
    torch earlier), so the product is a multiple of its known factors, and at least their
    product: `64 x h x w` is never 3137 (not a multiple of 64) nor 32 (below 64). A dim not
    known at all (a pool whose window is the map's own size) is still a whole number: the
    product is 0 or a multiple of the known factors that is at least their product.
    `per`: a width both sides were divided by (never_equal_width), which the reason names."""
    def times(count: int) -> str:
        return str(count) if per is None else format_dim(dim_mul(count, per))

    if not factors or all(is_known(f) for f in factors):
        return None
    if any(not (is_known(f) or isinstance(f, (Sym, Unknown))) for f in factors):
        return None
    fixed = 1
    for factor in factors:
        if is_known(factor):
            fixed *= factor
    if fixed <= 0:
        return None
    if wanted % fixed:
        return f"a multiple of {times(fixed)}, which {times(wanted)} is not"
    if 0 < wanted < fixed:
        return f"at least {times(fixed)}, more than {times(wanted)}"
    if any(isinstance(f, Unknown) or f.opaque for f in factors if not is_known(f)):
        return None  # the proofs below follow floors of the input size
    if not symbolic.product_can_equal(tuple(factors), wanted):
        return f"and the sizes these dims can take never multiply to {times(wanted)}"
    return None


def never_equal_width(factors: tuple | None, width, floors: dict[str, int]) -> str | None:
    """never_equal of a product against a width of a constructor argument that one of its factors
    is a multiple of (`64*wf x h x w` features, in_features `32*wf`): that width cancels, and
    what is left (`64 x h x w` against 32) is proved for every input size as never_equal does."""
    cancelled = symbolic.cancel_width(tuple(factors or ()), width, floors)
    if cancelled is None:
        return None
    rest, wanted, atom = cancelled
    return never_equal(rest, wanted, per=Sym(atom) if isinstance(atom, str) else atom)


def never_sum(dim, wanted) -> str | None:
    """Why an exact sum of floors of one input size (the features of two flattened branches
    joined by a cat) equals `wanted` for no input size, or None if it might."""
    if not (symbolic.sum_of_terms(dim) and symbolic.of_input_sum(dim) and is_known(wanted)):
        return None
    common = symbolic.common_factor(dim)
    if common > 1 and wanted % common:
        return f"a multiple of {common}, which {wanted} is not"
    if not symbolic.can_equal(dim, wanted):
        return f"which no input size makes {wanted}"
    return None


@check("CL102")
def check_view_size(run: CheckRun) -> Iterator[Finding]:
    for op in run.model.ops:
        if op.op in VIEW_OPS:
            finding = _view_finding(op, run)
            if finding is not None:
                yield finding


def _leading_dims_left_out(dims, requested) -> dict | None:
    """`cos.view(batch, 64)` of a batch x steps x 64 tensor: the view keeps the trailing sizes but
    gives one row per sample where there is one per sample and step. The leading dims merged
    (batch x steps rows) is the view that runs; None where the view is not of that kind."""
    if not dims or len(requested) < 2 or len(dims) <= len(requested) or not all(known(d) for d in dims) \
            or not all(known(d) for d in requested):
        return None
    kept = len(requested) - 1
    if tuple(dims[len(dims) - kept:]) != tuple(requested[1:]):
        return None
    leading = dims[:len(dims) - kept]
    rows = dims_product(leading)
    if requested[0] in (-1, rows):
        return None
    merged = ", ".join([str(rows), *(format_dim(d) for d in requested[1:])])
    return dict(leading=" x ".join(format_dim(d) for d in leading), rows=rows, merged=merged,
                end=len(leading) - 1)


def _view_finding(op, run: CheckRun) -> Finding | None:
    source = op.operands[0]
    call = f"{op.op}({', '.join(format_dim(d) for d in op.detail.get('requested', ()))})"
    if op.op in ("flatten", "torch.flatten"):
        call = f"{op.op}(start_dim={op.detail['start_dim']}, end_dim={op.detail['end_dim']})"
    span, related = _view_site(op)
    requested = op.detail.get("requested", ())
    if op.problem is None and (laid := op.detail.get("layout")) is not None:
        return _view_of_the_layout(op, call, laid, run)
    if op.problem is not None:
        # `decode(z).view(x.size())`: sizes another tensor gives, not a count to let torch infer
        sizes = not any(known(d) and d == -1 for d in requested) and any(
            symbolic.symbol_of(d) in symbolic.SPATIAL for d in requested if isinstance(d, Sym))
        # `self.gamma.view(ch, ch, 1, 1)`: a parameter's sizes, no batch to keep
        held = source.producer.startswith("self.") or source.producer == "a parameter"
        leading = None if held or sizes else _leading_dims_left_out(source.shape.dims, requested)
        values = dict(call=call, problem=op.problem, shape=str(source.shape), producer=source.producer,
                      input=run.input_text)
        if leading is not None:
            return Finding(span, related=related, variant="leading", values=dict(values, **leading))
        return Finding(span, related=related, variant="parameter" if held else "sizes" if sizes else None,
                       values=values)
    dims = source.shape.dims
    if (folded := _batch_folded(op, call, dims, requested, run)) is not None:
        return folded
    if len(requested) == 2 and dims and len(dims) >= 2 and requested[0] != dims[0] \
            and (not_the_batch := _rows_not_the_batch(op, call, dims, requested, run)) is not None:
        return not_the_batch
    if len(requested) > 2 and dims and len(dims) >= 2:
        return _samples_merged(op, call, dims, requested, run)
    if len(requested) == 2 and dims and len(dims) >= 2 and requested[0] == dims[0] \
            and not isinstance(dims[0], Unknown) and not _rows_already_regrouped(dims[0], run):
        return _count_no_linear_takes(op, call, dims, requested[1], run)
    if len(requested) != 2 or requested[0] != -1 or not dims or len(dims) < 2:
        return None
    if _rows_already_regrouped(dims[0], run):
        return None  # an earlier view made rows of tokens or steps on purpose: this one regroups them
    per_sample = dims_product(dims[1:])
    wanted = requested[1]
    if isinstance(per_sample, Sym) and is_known(wanted) and not isinstance(dims[0], Unknown):
        return _symbolic_batch_change(op, call, dims, wanted, run) or _rows_no_linear_takes(op, call, dims, wanted, run)
    if isinstance(wanted, Sym) and not isinstance(dims[0], Unknown):
        return _argument_batch_change(op, call, dims, wanted, run)
    if not known(per_sample, wanted) or wanted == per_sample:
        return None
    if any(known(trailing := dims_product(dims[k:])) and trailing == wanted for k in range(2, len(dims))):
        return None  # rows of the trailing dims: one per pixel or token, on purpose (a VQ-VAE codebook lookup)
    batch = dims[0]
    work = " x ".join(format_dim(d) for d in dims[1:]) + f" = {per_sample}" if len(dims) > 2 else str(per_sample)
    if is_known(batch):
        becomes = f"the batch of {batch} becomes {batch * per_sample // wanted}" if (batch * per_sample) % wanted == 0 \
            else f"{batch} x {per_sample} elements do not divide into rows of {wanted}"
    else:
        becomes = "samples are mixed across the batch"
    return Finding(span, related=related, variant="batch", values=dict(
        call=call, wanted=wanted, per_sample=per_sample, work=work, producer=source.producer,
        becomes=becomes, input=run.input_text))


def _batch_folded(op, call: str, dims: tuple | None, requested: tuple, run: CheckRun) -> Finding | None:
    """`torch.flatten(out)` (start_dim 0) or `out.view(-1)` of a batch of maps, straight into an
    nn.Linear: every sample's features in one row, which the Linear takes only for a batch of 1
    (torch: `mat1 and mat2 shapes cannot be multiplied (1x18432 and 9216x10)` at a batch of 2)."""
    whole = op.op in ("flatten", "torch.flatten") and op.detail.get("start_dim") == 0 \
        and op.detail.get("end_dim") in (-1, len(dims or ()) - 1) or tuple(requested) == (-1,)
    if not whole or not dims or len(dims) < 2 or _rows_already_regrouped(dims[0], run) \
            or not (symbolic.symbol_of(dims[0]) == "N" or is_known(dims[0]) and dims[0] > 1):
        return None
    taker = next((c for c in run.model.calls if isinstance(c.record, LinearRecord) and c.start > op.start
                  and c.input == op.result), None)
    if taker is None:
        return None
    source = op.operands[0]
    span, related = _view_site(op)
    per_sample = dims_product(dims[1:])
    return Finding(span, related=(*related, taker.span), variant="folded", values=dict(
        call=call, producer=source.producer, taker=taker.node.label, batch=format_dim(dims[0]),
        work=" x ".join(format_dim(d) for d in dims[1:]), per_sample=format_dim(per_sample), input=run.input_text))


def _rows_not_the_batch(op, call: str, dims: tuple, requested: tuple, run: CheckRun) -> Finding | None:
    """`feature.view(img.shape[1], -1)` (a sample's channels read where the batch was meant),
    `x.view(3, -1)` or `x.reshape(64, -1)` of a batch of maps, then a Linear sized for exactly what
    one sample has: the Linear is right, and the view makes another number of rows than the batch.
    With the batch known, torch surely stops at that Linear (a batch of 1 viewed as 3 rows gives
    rows of 3072, not 9216). With a symbolic batch the Linear takes the rows at a batch equal to
    them, so they are reported only where the code reads them from a dim of a sample (x.size(1)):
    a fixed count may be the batch a model is built for, view(1, -1) a model fed one sample at a
    time; or where they are the very count the Linear takes (view(K, -1) then Linear(K)), which
    is the model's width, not a batch it is built for."""
    rows, count = requested
    batch, per_sample = dims[0], dims_product(dims[1:])
    if _rows_already_regrouped(batch, run) or not is_known(count):
        return None
    taker = next((c for c in run.calls_of(LinearRecord) if c.start > op.start and c.input == op.result), None)
    if taker is None:
        return None
    features, read = taker.record.in_features, op.detail.get("rows_read")
    # view(K, -1) then Linear(K): the two counts of view(-1, K) swapped. K rows whatever the batch,
    # a count sized from the model's widths (a width of a constructor argument too), not the batch
    # the model is built for
    swapped = read is None and count == -1 and rows == features and (
        is_known(rows) and rows > 1 or isinstance(rows, Sym) and symbolic.is_width(rows))
    if not (is_known(features) or swapped) or count not in (-1, features):
        return None
    if known(batch, rows, per_sample):
        if rows < 1 or batch < 1 or rows == batch or per_sample != features:
            return None  # (a count the map does not fill is torch's own refusal at the view, op.problem)
        becomes = f"it gets {_rows_text(rows)} of {batch * per_sample // rows} and stops"
    elif (read is not None or swapped) and run.model.input_shape is not None \
            and batch == run.model.input_shape.dims[0] and symbolic.symbol_of(batch) == "N":
        sample_sizes = all(is_known(d) or isinstance(d, Sym) and not d.opaque and (
            symbolic.symbol_of(d) in symbolic.SPATIAL or swapped and symbolic.is_width(d)) for d in dims[1:])
        rows_of_a_sample = is_known(rows) and rows > 1 or isinstance(rows, Sym) and not rows.opaque \
            and (symbolic.symbol_of(rows) in symbolic.SPATIAL or swapped and symbolic.is_width(rows))
        if not sample_sizes or not rows_of_a_sample or not (
                symbolic.product_can_equal(tuple(dims[1:]), features) if is_known(features)
                else symbolic.products_can_equal(tuple(dims[1:]), (features,))):
            return None
        becomes = (f"its rows are samples only at a batch of {format_dim(rows)}: at every other batch it stops, or "
                   f"its rows mix samples")
    else:
        return None
    span, related = _view_site(op)
    return Finding(span, related=(*related, taker.node.span), variant="not-batch", values=dict(
        call=call, rows=_rows_text(rows), read=f" (read from {read}, a dim of each sample)" if read
        else f" (the features {taker.node.label} takes: the counts of view(-1, {format_dim(rows)}) swapped)" if swapped
        else "",
        batch=format_dim(batch), features=features, work=" x ".join(format_dim(d) for d in dims[1:]),
        producer=op.operands[0].producer, taker=f"{taker.node.label} = {layer_repr(taker.record)}", becomes=becomes,
        input=run.input_text))


def _rows_text(rows) -> str:
    return "one row" if is_known(rows) and rows == 1 else f"{format_dim(rows)} rows"


def _samples_merged(op, call: str, dims: tuple, requested: tuple, run: CheckRun) -> Finding | None:
    """`x.view(-1, 2, D, 1, 1)` of an (N, D, 1, 1) map (SK attention after a conv giving D
    channels, not 2D): the -1 is N x D / 2D = N/2 rows, so pairs of samples are merged into one
    at every even batch, and an odd one stops. Rows that cut each sample of a map into whole pieces
    (`view(-1, C, H, W)` of N x kC x H x W) can be meant, one row per group or channel; a flat
    vector of features the model made (a decoder's Linear) viewed as k whole maps is not: the -1 is
    kN (`fc(z).view(-1, 128, 4, 4)` of 256 * 4 * 4 features), and the batch silently grows."""
    if requested[0] != -1 or any(d == -1 for d in requested[1:]) or _rows_already_regrouped(dims[0], run):
        return None
    # (a product of constructor arguments, `2*bw*bw*ch`, counts argument by argument)
    per_sample, asked, cancelled = [f for d in dims[1:] for f in shapes.view_factors(d)], [], False
    for d in (f for d in requested[1:] for f in shapes.view_factors(d)):
        if isinstance(d, Sym) and d in per_sample:
            per_sample.remove(d)  # the same size on both sides (H, W kept as they are) cancels
            cancelled = True
        elif is_known(d) and d > 0:
            asked.append(d)
        else:
            return None
    features, wanted = dims_product(tuple(per_sample)), dims_product(tuple(asked))
    if not is_known(features) or wanted < 1:
        return None
    # (the features of a flat vector, not the input's own, as whole maps: each sample becomes k rows)
    multiplied = features > wanted and features % wanted == 0 and len(dims) == 2 and len(per_sample) == 1 \
        and op.operands[0] is not run.model.input
    if features >= wanted and features % wanted == 0 and not multiplied:
        return None
    source = op.operands[0]
    kept = " x ".join(format_dim(d) for d in requested[1:])
    span, related = _view_site(op)
    sides = _square_sides_that_fit(features, asked) if not cancelled and len(asked) == len(requested) - 1 else None
    return Finding(span, related=related, variant="merged-sides" if sides else "merged", values=dict(
        sides=sides or "",
        call=call, wanted=f"{kept} = {wanted}" if len(asked) > 1 and not cancelled else kept, per_sample=features,
        work=" x ".join(format_dim(d) for d in dims[1:]) + (f" = {features}" if len(dims) > 2 and not cancelled
                                                             else ""),
        producer=source.producer, input=run.input_text,
        becomes=f"the -1 is the batch x {Fraction(features, wanted)}: samples are merged into one row (a batch that is not a "
                f"multiple of {Fraction(wanted, features).numerator} stops)" if features < wanted
        else _batch_multiplied(dims[0], features // wanted) if multiplied else "rows are cut across samples"))


def _square_sides_that_fit(features: int, asked: list) -> str | None:
    """`view(-1, 8, 10, 10)` of 648 features a sample: 648 / 8 = 81 = 9 x 9, so the square map the
    view means has sides of 9 (`-1, 8, 9, 9`); None where the view asks for no square map, or no
    whole side fits."""
    if len(asked) < 3 or asked[-1] != asked[-2] or features % dims_product(tuple(asked[:-2])):
        return None
    area = features // dims_product(tuple(asked[:-2]))
    side = math.isqrt(area)
    if side < 1 or side * side != area or side == asked[-1]:
        return None
    return ", ".join(["-1", *(format_dim(d) for d in asked[:-2]), str(side), str(side)])


def _batch_multiplied(batch, times: int) -> str:
    if is_known(batch):
        return f"the batch of {batch} becomes {batch * times}"
    return f"the -1 is {format_dim(dim_mul(batch, times))}: each sample becomes {times} rows"


def _fed_by_a_batch_breaking_view(call, run: CheckRun) -> bool:
    """A Linear right after a view(-1, K) that CL102 reports, sized for what a sample has
    (`x.view(-1, 32)` of N x 64, then Linear(64)), or after a view(N, K) whose count a sample can
    hold where that Linear can too: the view is what to change, not the Linear."""
    view = next((op for op in reversed(run.model.ops) if op.op in VIEW_OPS and op.start < call.start
                 and op.result == call.input), None)
    if view is None or view.problem is not None:
        return False
    finding = _view_finding(view, run)
    if finding is not None and finding.variant in ("folded", "not-batch"):
        return True
    if finding is not None and finding.variant == "count":
        # view(N, K) keeping the batch, then Linear(F): where a sample can hold K at some input
        # size, the two hard-coded counts disagree and nothing says which is stale, so both are
        # reported (as for view(-1, K)); where no size gives K, the view is what to change
        dims, wanted = view.operands[0].shape.dims, view.detail["requested"][1]
        return not symbolic.product_can_equal(tuple(dims[1:]), wanted)
    if finding is None or finding.variant != "batch":
        # (rows of K that a sample fills at some size, and a Linear of another count: which of the
        # two is wrong is not known, both are reported)
        return False
    features, dims = call.record.in_features, view.operands[0].shape.dims
    if is_known(features):
        return symbolic.product_can_equal(tuple(dims[1:]), features) if not all(is_known(d) for d in dims[1:]) \
            else dims_product(dims[1:]) == features
    parts, channels = _argument_multiple(features), _argument_multiple(dims[1])
    return parts is not None and channels is not None and parts[0] == channels[0] and \
        symbolic.product_can_equal((channels[1], *dims[2:]), parts[1])


def _rows_already_regrouped(rows, run: CheckRun) -> bool:
    """Whether the first dim is not, or not known to be, the input's batch dim (`x.view(-1, 41)`
    made rows of N x 5 tokens): a view(-1, K) then regroups those rows, and is no batch change
    (DA-RNN's attention: view(-1, 2H + T - 1), a Linear per token, then view(-1, input_size))."""
    if isinstance(rows, Unknown):
        return True  # rows not known to be the batch (a view(-1, K) of a tensor of unknown size made them)
    shape = run.model.input_shape
    if shape is None or not shape.dims or isinstance(shape.dims[0], Unknown):
        return False
    return rows != shape.dims[0]


def _view_of_the_layout(op, call: str, laid: dict, run: CheckRun) -> Finding:
    """x.view(...) of a tensor whose strides torch cannot view as asked (a permuted or transposed
    map whose merged dims are no longer next to each other in memory)."""
    source = op.operands[0]
    made_by = laid.get("made_by")
    strides = ", ".join(str(s) for s in laid["strides"])
    how = f" after {made_by[0]} on line {made_by[1]}" if made_by is not None else ""
    asked = ", ".join(format_dim(d) for d in op.detail.get("requested", ()))
    return Finding(op.span, variant="stride", values=dict(
        call=call, producer=source.producer, shape=str(source.shape), strides=strides, how=how,
        reshape=f"x.reshape({asked})", problem=layout.VIEW_REFUSED.split(". Use")[0], input=run.input_text))


def _view_site(op) -> tuple:
    """Where a view's size is written: the call, or where a View module holding it is built."""
    return (op.detail["written_at"], (op.span,)) if "written_at" in op.detail else (op.span, ())


def _symbolic_batch_change(op, call: str, dims: tuple, wanted: int, run: CheckRun) -> Finding | None:
    """view(-1, K) on a symbolic map whose samples have K features at no input size: rows
    are not samples whatever the size (unless K is the size of trailing dims at some size:
    one row per pixel or token can be meant)."""
    if any(symbolic.product_can_equal(tuple(dims[k:]), wanted) for k in range(1, len(dims))):
        return None
    source = op.operands[0]
    work = " x ".join(format_dim(d) for d in dims[1:])
    span, related = _view_site(op)
    return Finding(span, related=related, variant="batch", values=dict(
        call=call, wanted=wanted, per_sample=work, work=work, producer=source.producer,
        becomes="at no input size is a row one sample: samples are split or mixed across the batch",
        input=run.input_text))


def _argument_batch_change(op, call: str, dims: tuple, wanted: Sym, run: CheckRun) -> Finding | None:
    """view(-1, 2*w_base) of N x 4*w_base x h x w, the width a multiple of a constructor argument
    nothing gives: the argument cancels out, and if what is left (2 x h x w = 1) holds at no
    input size, rows are not samples for every value of it. The width must be the channels, so
    that no trailing dims alone (one row per pixel) can be meant."""
    parts = _argument_multiple(wanted)
    channels = _argument_multiple(dims[1]) if len(dims) > 1 else None
    if parts is None or channels is None or parts[0] != channels[0]:
        return None
    argument, wanted_scale = parts
    spatial = tuple(dims[2:])
    if any(symbolic.symbol_of(d) == argument for d in spatial if not is_known(d)):
        return None
    if symbolic.product_can_equal((channels[1], *spatial), wanted_scale):
        return None
    source = op.operands[0]
    work = " x ".join(format_dim(d) for d in dims[1:])
    span, related = _view_site(op)
    return Finding(span, related=related, variant="batch", values=dict(
        call=call, wanted=format_dim(wanted), per_sample=work, work=work, producer=source.producer,
        becomes=f"for no {argument} and no input size is a row one sample: samples are split or mixed across "
                f"the batch", input=run.input_text))


def _argument_multiple(dim) -> tuple[str, int] | None:
    """`4*w_base`: (the constructor argument, 4), for a whole multiple of one argument symbol."""
    if not isinstance(dim, Sym) or dim.opaque or not isinstance(dim.base, str) or dim.offset or dim.divisor != 1 \
            or dim.scale <= 0 or dim.base in symbolic.INPUT_SYMBOLS:
        return None
    return dim.base, dim.scale


def _linear_after_view(op, dims: tuple, wanted, run: CheckRun) -> tuple | None:
    """(the Linear call taking the view's result, its in_features, the map's per-sample factors as
    text, the view's span and related spans), where that Linear takes another count than the view
    asks for and one a sample's features can fill; else None."""
    taker = next((c for c in run.calls_of(LinearRecord) if c.start > op.start and c.input == op.result), None)
    if taker is None:
        return None
    features = taker.record.in_features
    if not is_known(features) or features == wanted or not symbolic.product_can_equal(tuple(dims[1:]), features):
        return None
    return (taker, features, " x ".join(format_dim(d) for d in dims[1:]), *_view_site(op))


def _rows_no_linear_takes(op, call: str, dims: tuple, wanted: int, run: CheckRun) -> Finding | None:
    """view(-1, K) on a symbolic map, then a Linear(F) with F != K that a sample's features can
    fill: at each size where that Linear fits, the rows of K are not samples (a batch change);
    at every other size the Linear refuses them. The view is what to fix: the Linear fits the map
    (rows of K per pixel or channel cannot be meant either: that Linear takes F, not K)."""
    taken = _linear_after_view(op, dims, wanted, run)
    if taken is None:
        return None
    taker, features, work, span, related = taken
    return Finding(span, related=(*related, taker.node.span), variant="rows", values=dict(
        call=call, wanted=wanted, features=features, work=work, producer=op.operands[0].producer,
        taker=f"{taker.node.label} = {layer_repr(taker.record)}", input=run.input_text))


def _count_no_linear_takes(op, call: str, dims: tuple, wanted, run: CheckRun) -> Finding | None:
    """view(N, K) keeping the batch (`x.view(x.size(0), 128 * 3 * 3)`) of a symbolic map, then a
    Linear(F) with F != K that a sample's features can fill: at each size where that Linear fits,
    the view cannot be made (torch: shape '[2, 1152]' is invalid for input of size 4096); at every
    other size the Linear refuses what it gives. Whether the Linear is reported too is decided
    where CL101 runs (_fed_by_a_batch_breaking_view)."""
    per_sample = dims_product(dims[1:])
    if is_known(per_sample) or isinstance(per_sample, Unknown) or not is_known(wanted) or wanted < 1:
        return None  # (a known count is checked where the view is made; a -1 is counted by torch)
    taken = _linear_after_view(op, dims, wanted, run)
    if taken is None:
        return None
    taker, features, work, span, related = taken
    return Finding(span, related=(*related, taker.node.span), variant="count", values=dict(
        call=call, wanted=wanted, features=features, work=work, producer=op.operands[0].producer,
        batch=format_dim(dims[0]), taker=f"{taker.node.label} = {layer_repr(taker.record)}", input=run.input_text))


def _window_args(record) -> tuple:
    padding = record.padding_per_dim if isinstance(record, ConvRecord) else record.padding
    return record.kernel_size, record.stride, padding, record.dilation


def _collapses(record, i: int, k: int, s: int, p: int, d: int) -> bool:
    """Whether torch refuses a window of a conv or pool along one side of known sizes."""
    reach = shapes.window_reach(k, d)
    ceil = isinstance(record, PoolRecord) and record.ceil_mode is True
    out = shapes.pool_out(i, k, s, p, d, ceil)
    # AvgPool3d also refuses an unpadded input smaller than its kernel (avg_pool3d's shape check)
    avg3d_small = isinstance(record, PoolRecord) and record.op == "avg" and record.ndim == 3 and i < k
    # with ceil_mode a window may hang over the end: torch only needs an output of 1 or more
    collapsed = out < 1 if ceil else (i + 2 * p < reach or out < 1)
    return collapsed or avg3d_small


def window_collapses(call) -> bool:
    """Whether CL105 reports this layer call for its window alone, as check_spatial_collapse does
    (a conv or pool whose output is below 1 along a side of known size): torch stops at it. The
    reruns proving a pinned operation stop their forward there (a model stopped once is stopped)."""
    record = call.record
    if not isinstance(record, (ConvRecord, PoolRecord)) or call.node.problem is not None:
        return False
    split = layers.spatial_split(record, call.input.shape)
    if split is None or isinstance(record, ConvRecord) and (record.padding == "same" or record.transposed):
        return False
    return any(known(i, k, s, p, d) and _collapses(record, i, k, s, p, d)
               for i, k, s, p, d in zip(split[1], *_window_args(record)))


@check("CL105")
def check_spatial_collapse(run: CheckRun) -> Iterator[Finding]:
    for call in run.calls_of(ConvRecord, PoolRecord):
        record = call.record
        split = layers.spatial_split(record, call.input.shape)
        if split is None or (isinstance(record, ConvRecord) and record.padding == "same"):
            continue
        _, spatial = split
        if isinstance(record, ConvRecord) and record.transposed:
            yield from _collapsed_transpose(run, call, record, spatial)
            continue
        kernel, stride, padding, dilation = _window_args(record)
        names = AXIS_NAMES.get(record.ndim, ())
        if isinstance(record, ConvRecord) and record.kernel_widths is not None and not call.speculative:
            found = next(_window_of_a_side_argument(run, call, record, spatial, names), None)
            if found is not None:
                yield found
                continue
        for axis, (i, k, s, p, d) in enumerate(zip(spatial, kernel, stride, padding, dilation)):
            if not known(i, k, s, p, d):
                continue
            reach = shapes.window_reach(k, d)
            ceil = isinstance(record, PoolRecord) and record.ceil_mode is True
            out = shapes.pool_out(i, k, s, p, d, ceil)
            if not _collapses(record, i, k, s, p, d):
                continue
            yield Finding(call.node.span, call.node.label, related=(call.span,), values=dict(
                layer=call.node.label, layer_repr=layer_repr(record), axis=names[axis] if axis < len(names) else f"dim {axis}",
                size=i, padded=i + 2 * p, reach=reach, out=out, producer=call.input.producer,
                formula=f"{'ceil' if ceil else 'floor'}(({i} + 2*{p} - {d}*({k}-1) - 1)/{s}) + 1 = {out}",
                input=run.input_text))
            break
    yield from _padding_too_wide(run)
    yield from _single_element_norm(run)


def _window_of_a_side_argument(run: CheckRun, call, record: ConvRecord, spatial: tuple,
                               names: tuple) -> Iterator[Finding]:
    """A kernel made of a required argument named as the input's side (`kernel_size=image_size //
    32` of a head meant to cover the final map), with the input's side taken to be that argument:
    too large for the map it meets at every value of it."""
    padding, dilation = record.padding_per_dim, record.dilation
    for axis, (i, k) in enumerate(zip(spatial, record.kernel_widths)):
        p, d = padding[axis], dilation[axis]
        if not (symbolic.is_width(k) and known(p, d) and isinstance(i, Sym) and symbolic.of_input(i)):
            continue
        argument = symbolic.symbol_of(k)
        if argument not in run.model.argument_symbols or symbolic.symbol_of(i) not in symbolic.sides_named(argument):
            continue
        if symbolic.window_fits_somewhere(i, k, p, d):
            continue
        side = symbolic.rebased(i, argument)
        reach = str(k) if d == 1 else f"{d}*({k.atom}-1)+1"
        padded = f"{side}+{2 * p}" if p else str(side)
        yield Finding(call.node.span, call.node.label, related=(call.span,), values=dict(
            layer=call.node.label, layer_repr=layer_repr(record), axis=names[axis] if axis < len(names) else f"dim {axis}",
            size=str(side), padded=padded, reach=reach, out="below 1", producer=call.input.producer,
            formula=f"{padded} < {reach} for every {argument} at which both are at least 1, "
                    f"the input's {names[axis] if axis < len(names) else 'side'} being {argument}",
            input=run.input_text))
        return


def _padding_too_wide(run: CheckRun) -> Iterator[Finding]:
    """Reflect padding not smaller than the dim it pads, circular padding wider than it (or a
    conv's padding_mode doing either): F.pad refuses before the layer runs."""
    for call in run.calls_of(PadRecord, ConvRecord):
        refused = layers.padding_refused(call.record, call.input.shape)
        if refused is None:
            continue
        axis, size, (before, after), mode = refused
        ndim = call.record.ndim
        if mode == "reflect":
            reason = f"reflect padding must be smaller than the {_axis(ndim, axis)} it pads"
        elif mode == "circular" and max(before, after) > size:
            reason = "circular padding wider than the input wraps around more than once"
        else:
            reason = f"the {_axis(ndim, axis)} would shrink to {size + before + after}"
        yield Finding(call.node.span, call.node.label, related=(call.span,), variant="padding", values=dict(
            layer=call.node.label, layer_repr=layer_repr(call.record), axis=_axis(ndim, axis), size=size,
            pads=f"({before}, {after})", mode=mode, reason=reason, producer=call.input.producer,
            input=run.input_text))


def _single_element_norm(run: CheckRun) -> Iterator[Finding]:
    for call in run.calls_of(NormRecord):
        if layers.single_element_norm(call.record, call.input.shape):
            yield Finding(call.node.span, call.node.label, related=(call.span,), variant="instance-norm", values=dict(
                layer=call.node.label, layer_repr=layer_repr(call.record), shape=str(call.input.shape),
                producer=call.input.producer, input=run.input_text))


def _axis(ndim: int, axis: int) -> str:
    names = AXIS_NAMES.get(ndim, ())
    return names[axis] if axis < len(names) else f"dim {axis}"


def _collapsed_transpose(run: CheckRun, call, record: ConvRecord, spatial: tuple) -> Iterator[Finding]:
    names = AXIS_NAMES.get(record.ndim, ())
    for axis, (i, k, s, p, d, op) in enumerate(zip(spatial, record.kernel_size, record.stride, record.padding,
                                                   record.dilation, record.output_padding)):
        if not known(i, k, s, p, d, op):
            continue
        out = shapes.conv_transpose_out(i, k, s, p, d, op)
        if out >= 1:
            continue
        yield Finding(call.node.span, call.node.label, related=(call.span,), values=dict(
            layer=call.node.label, layer_repr=layer_repr(record), axis=names[axis] if axis < len(names) else f"dim {axis}",
            size=i, padded=i, reach=shapes.window_reach(k, d), out=out, producer=call.input.producer,
            formula=f"({i}-1)*{s} - 2*{p} + {d}*({k}-1) + {op} + 1 = {out}", input=run.input_text))
        return


@check("CL107")
def check_operand_mismatch(run: CheckRun) -> Iterator[Finding]:
    yield from _joins_unmet_together(run)
    for op in run.model.ops:
        if op.op in VIEW_OPS or op.op in (INDEX_OP, NO_FORWARD_OP):
            continue  # (an index past a dim is CL112's, a module with no forward CL113's)
        if op.problem is None and (problem := _clash_where_it_runs(op, run.floors)) is not None:
            yield operand_finding(op, run.model, problem, run.input_text)
            continue
        if op.problem is None:
            continue
        if op.op in EXPANDS:
            yield expand_finding(op, run.input_text)
            continue
        if op.op == SETITEM_OP:
            value, part = op.operands
            yield Finding(op.span, variant="setitem", values=dict(
                op=op.op, written=part.producer, value=str(value.shape), producer=value.producer,
                part=str(part.shape), problem=op.problem, input=run.input_text, **op.detail))
            continue
        if op.op == "x.split":
            (tensor,) = op.operands
            yield Finding(op.span, variant="split", values=dict(
                op="split", tensor=str(tensor.shape), producer=tensor.producer, problem=op.problem,
                input=run.input_text, **op.detail))
            continue
        yield operand_finding(op, run.model, op.problem, run.input_text)
    for call in run.calls_of(MaxUnpoolRecord):
        indices = call.indices
        if indices is None or layers.rank_refused(call.record, call.input.shape) or \
                not unpool_indices_differ(call.input.shape.dims, indices.shape.dims):
            continue
        # the call in forward() passes the indices: that line is the one to change
        related = (call.node.span,) if call.node.span != call.span else ()
        yield Finding(call.span, call.node.label, related=related, variant="indices", values=dict(
            layer=call.node.label, layer_repr=layer_repr(call.record), shape=str(call.input.shape),
            producer=call.input.producer, indices=str(indices.shape), indices_producer=indices.producer,
            input=run.input_text))
    for call in run.calls_of(MaxUnpoolRecord):
        record, dims = call.record, call.input.shape.dims
        if call.output_size is None or dims is None or layers.rank_refused(record, call.input.shape):
            continue
        refused = shapes.unpool_output_size_refused(dims[-record.ndim:], record.kernel_size, record.stride,
                                                    record.padding, call.output_size)
        if refused is None:
            continue
        related = (call.node.span,) if call.node.span != call.span else ()
        yield Finding(call.span, call.node.label, related=related, variant="output-size", values=dict(
            layer=call.node.label, layer_repr=layer_repr(record), shape=str(call.input.shape),
            producer=call.input.producer, output_size=", ".join(format_dim(d) for d in call.output_size),
            default=", ".join(format_dim(d) for d in call.output.shape.dims[-record.ndim:])
            if call.output.shape.dims is not None else "?", problem=refused, input=run.input_text))


@check("CL213")
def check_rare_sizes_only(run: CheckRun) -> Iterator[Finding]:
    """A join of two paths whose sides are equal only at sizes of one period no input of use has
    (a decoder's 2*(H/2)+1 against the skip's H: odd H only): it runs, but not at 32x32 or 256x256."""
    unmet = _unmet_together(run)
    channels = _input_channels(run)
    for index, op in enumerate(run.model.ops):
        if index in unmet or not _a_join_to_judge(op):
            continue  # (a join no size meets together with the others: CL107's)
        rare: dict[str, tuple] = {}
        for name, x, y, broadcast in op.detail.get("meets", ()):
            found = None if name in rare else symbolic.rare_sizes(x, y, broadcast, symbolic.sizes_of_use(name, channels))
            if found is not None:
                rare[name] = found
        if not rare:
            continue
        name = next(iter(rare))
        pair = _rare_pair(op, name)
        if pair is None:
            continue
        axis, first, other = pair
        sample = rare[name][2]
        values = dict(_join_values(run, op, first, other, axis), where=_where_text(
                          {side: found[:2] for side, found in rare.items()}),
                      size=_sample_text(run.model.input_shape, rare, sample),
                      got=f"{symbolic.evaluate(first.shape.dims[axis], sample)} against "
                          f"{symbolic.evaluate(other.shape.dims[axis], sample)}")
        yield _at_the_layer_that_broke_it(run, op, axis, values)


def _a_join_to_judge(op) -> bool:
    """A join that surely runs, of operands of known shapes, with sides that may meet (`meets`)."""
    return bool(op.detail.get("meets")) and op.problem is None and not op.speculative \
        and len(op.operands) >= 2 and all(t.shape.dims is not None for t in op.operands)


def _input_channels(run: CheckRun) -> int | None:
    """The channels of the model's input, where known (Nx8xHxW: 8)."""
    shape = run.model.input_shape
    if shape is None or shape.dims is None or len(shape.dims) < 3:
        return None
    return shape.dims[1] if is_known(shape.dims[1]) else None


def _join_values(run: CheckRun, op, first: Tensor, other: Tensor, axis: int) -> dict:
    return dict(op=op.op, line=op.span.line, sides=f"{format_dim(first.shape.dims[axis])} (from {first.producer}) "
                f"with {format_dim(other.shape.dims[axis])} (from {other.producer})", input=run.input_text)


def _where_text(patterns: dict[str, tuple]) -> str:
    """`odd H and W`: the sides equal at the same sizes named together; (period, residues), or
    (period, residues, a few sizes besides: `H = 7 or 8`)."""
    alike: dict[tuple, list[str]] = {}
    for side, pattern in patterns.items():
        alike.setdefault(pattern, []).append(side)
    texts = []
    for (period, residues, *besides), sides in alike.items():
        named = " and ".join(sides)
        parts = [f"{named} = {' or '.join(str(size) for size in sorted(besides[0]))}"] if besides and besides[0] else []
        if residues:
            parts.append(_residues_text(named, period, residues))
        texts.append(", or ".join(parts))
    return " and ".join(texts)


def _at_the_layer_that_broke_it(run: CheckRun, op, axis: int, values: dict, variant: str | None = None) -> Finding:
    """At the layer of one path one pixel off (_size_broken_by), the join related (the message
    `layer`, or `<variant>-layer`); else at the join (`message`, or `<variant>`)."""
    blamed = _size_broken_by(run.model.calls, run.model.ops, TensorOp(
        op.op, op.operands, op.result, op.span, None, {**op.detail, "axis": axis}, op.start))
    if blamed is None or blamed[2] != "size" or blamed[1] != axis:
        return Finding(op.span, values=values, variant=variant)
    call = blamed[0]
    rank = len(call.input.shape.dims)
    names = AXIS_NAMES.get(rank - 2, ())
    return Finding(call.node.span, call.node.label, related=(op.span, call.span),
                   variant=f"{variant}-layer" if variant else "layer", values=dict(
        values, layer=call.node.label, layer_repr=layer_repr(call.record),
        axis=names[axis] if -len(names) <= axis < 0 else f"dim {rank + axis}",
        before=format_dim(call.input.shape.dims[axis]), after=format_dim(call.output.shape.dims[axis]),
        **blamed[3]))


def _unmet_together(run: CheckRun) -> dict[int, dict[str, dict]]:
    """The joins (by index in the model's ops) past which no input size runs, though each is equal
    at some sizes: for each input side, every periodic join of the model (equal where the side
    mod p is in a set, symbolic.equal_together) in the order they run, and the first one at which
    the sizes that pass them all run out. A decoder of two levels whose first up-conv gives
    2*(H/4)+1 against H/2 (odd H/2) and whose next gives 4*(H/4)+1 against H (H 1 more than a
    multiple of 4, so H/2 even): each runs at some size, the model at none. Of the joins that
    make it so, the one blamed is the last that alone fails at every size of use (the odd one
    beside a classic level), else the last. Joins not periodic (pinned to a few sizes, rerun
    there) are left out, which only leaves more sizes."""
    if "unmet-together" in run.memo:
        return run.memo["unmet-together"]
    found: dict[int, dict[str, dict]] = {}
    run.memo["unmet-together"] = found
    by_side: dict[str, list[tuple[int, object, object, bool]]] = {}
    for index, op in enumerate(run.model.ops):
        if _a_join_to_judge(op):
            for name, x, y, broadcast in op.detail["meets"]:
                if symbolic.periodic_pair(x, y):
                    by_side.setdefault(name, []).append((index, x, y, broadcast))
    if not by_side:
        return found
    channels = _input_channels(run)
    runs_from = _least_sizes(run)
    for name, joins in by_side.items():

        def passing(chosen: list) -> tuple | None:
            return symbolic.equal_together([(x, y, broadcast) for _, x, y, broadcast in chosen], runs_from.get(name, 1))

        together = passing(joins)
        if together is None:
            continue
        step, sets, early = together
        last = next((k for k in range(len(joins)) if not sets[k] and not early[k]), None)
        if not last:  # (met everywhere, or the first join alone meets nowhere: CL107's own)
            continue
        joins = joins[:last + 1]

        def others(j: int) -> tuple[frozenset[int], frozenset[int]] | None:
            """(remainders by `step`, the early sizes) at which every join but the j-th passes."""
            rest = passing(joins[:j] + joins[j + 1:])
            return None if rest is None else \
                (frozenset(h for h in range(step) if h % rest[0] in rest[1][-1]), rest[2][-1])

        essential = [j for j in range(len(joins)) if j == last or any(others(j) or ())]
        alone_rare = [j for j in essential if symbolic.rare_sizes(
            joins[j][1], joins[j][2], joins[j][3], symbolic.sizes_of_use(name, channels)) is not None]
        blamed = alone_rare[-1] if alone_rare else last
        index, x, y, _ = joins[blamed]
        own, rest = symbolic.equal_together([(x, y, False)]), others(blamed)
        if own is None or not own[1][0] or rest is None or not any(rest):
            continue
        lines = sorted({run.model.ops[i].span.line for j, (i, _, _, _) in enumerate(joins) if j != blamed})
        found.setdefault(index, {})[name] = dict(
            own=symbolic.shortest_period(own[0], own[1][0]),
            rest=(*symbolic.shortest_period(step, rest[0]), rest[1]), lines=lines)
    return found


def _least_sizes(run: CheckRun) -> dict[str, int]:
    """For each input side, a size below which the model surely stops: a conv or pool that surely
    runs gives a map of at least 1 there (torch: "Output size is too small")."""
    least: dict[str, int] = {}
    for call in run.calls_of(ConvRecord, PoolRecord):
        dims = call.output.shape.dims if not call.speculative and call.output is not None else None
        for dim in (dims or ())[2:]:
            name = symbolic.symbol_of(dim) if not is_known(dim) else None
            if name in symbolic.SPATIAL and (valid := symbolic.lowest_valid(dim)) is not None:
                least[name] = max(least.get(name, 1), valid)
    return least


def _joins_unmet_together(run: CheckRun) -> Iterator[Finding]:
    """CL107 at a join equal at some sizes, but at none where the model's earlier joins are too
    (_unmet_together): torch refuses the model at every size."""
    for index, sides in _unmet_together(run).items():
        op = run.model.ops[index]
        name = next(iter(sides))
        pair = _rare_pair(op, name)
        if pair is None:
            continue
        axis, first, other = pair
        lines = sorted({line for side in sides.values() for line in side["lines"]})
        joins = f"the join on line {lines[0]}" if len(lines) == 1 else \
            f"the joins on lines {', '.join(str(n) for n in lines[:-1])} and {lines[-1]}"
        values = dict(_join_values(run, op, first, other, axis), where=_where_text(
            {side: found["own"] for side, found in sides.items()}), others=joins, need="needs" if len(lines) == 1 else "need",
            others_where=_where_text({side: found["rest"] for side, found in sides.items()}))
        yield _at_the_layer_that_broke_it(run, op, axis, values, variant="together")


def _rare_pair(op, name: str) -> tuple[int, Tensor, Tensor] | None:
    """(axis from the right, first operand, the other) where the operands of a join differ along
    the side named `name`: the first operand of a cat against the one that differs from it."""
    first = op.operands[0]
    for other in op.operands[1:]:
        dims, others = first.shape.dims, other.shape.dims
        for axis in range(-1, -min(len(dims), len(others)) - 1, -1):
            x, y = dims[axis], others[axis]
            if x != y and any(not is_known(d) and symbolic.symbol_of(d) == name for d in (x, y)):
                return axis, first, other
    return None


def _residues_text(side: str, period: int, residues: frozenset[int]) -> str:
    """`odd H`, `H 1 more than a multiple of 4`, `H whose remainder by 16 is 8 to 15` (`side` may
    name several: `H and W`)."""
    if period == 2 and len(residues) == 1:
        return f"{'odd' if 1 in residues else 'even'} {side}"
    if len(residues) == 1:
        (rest,) = residues
        return f"{side} a multiple of {period}" if rest == 0 else f"{side} {rest} more than a multiple of {period}"
    runs = []
    for value in sorted(residues):
        if runs and runs[-1][1] == value - 1:
            runs[-1] = (runs[-1][0], value)
        else:
            runs.append((value, value))
    parts = [str(low) if low == high else f"{low} or {high}" if high == low + 1 else f"{low} to {high}"
             for low, high in runs]
    listed = " or ".join(parts) if len(parts) <= 2 else f"{', '.join(parts[:-1])} or {parts[-1]}"
    return f"{side} whose remainder by {period} is {listed}"


def _sample_text(shape, rare: dict, sample: int) -> str:
    """The input's spatial sides at a size of use (`32x32`), each rare side at its own."""
    if shape is None or shape.dims is None:
        return f"{next(iter(rare))} = {sample}"
    sides = []
    for dim in shape.dims:
        name = symbolic.symbol_of(dim) if not is_known(dim) else None
        if name in symbolic.SPATIAL:
            sides.append(str(rare[name][2] if name in rare else sample))
    if len(sides) == 1:
        return f"a length of {sides[0]}" if symbolic.symbol_of(shape.dims[-1]) == "L" else f"a size of {sides[0]}"
    return "x".join(sides) if sides else f"{next(iter(rare))} = {sample}"


EXPANDS = ("x.expand", "x.expand_as")
BROADCASTS = ("+", "-", "*", "/", "+=", "-=", "*=", "/=")


def _clash_where_it_runs(op, floors: dict[str, int]) -> str | None:
    """Why an elementwise op of widths of constructor arguments fails at every value where the
    model runs, which the op alone could not tell (a channel gate `x * y` of `channel` and
    `channel // 2` channels meets only at channel = 2, where `channel // 16` has no channel):
    the least values the model's convs allow its arguments decide. None where it may run."""
    if op.op not in BROADCASTS or len(op.operands) != 2 or not floors \
            or any(o.shape is None or o.shape.dims is None for o in op.operands):
        return None
    left, right = (o.shape for o in op.operands)
    _, failing = shapes.broadcast_shapes(left, right, floors)
    if failing is None:
        return None
    rank = max(len(left.dims), len(right.dims))
    a = (1,) * (rank - len(left.dims)) + left.dims
    b = (1,) * (rank - len(right.dims)) + right.dims
    return (f"the size of tensor a ({format_dim(a[failing])}) must match the size of tensor b "
            f"({format_dim(b[failing])}) at non-singleton dimension {failing}, and no value of the "
            f"arguments at which the model runs makes them match")


def expand_finding(op, input_text: str) -> Finding:
    """CL107 at an expand torch refuses (detail: the dim, the size asked for and the tensor's own)."""
    tensor, target = op.operands
    return Finding(op.span, variant="expand", values=dict(
        op=op.op, tensor=str(tensor.shape), producer=tensor.producer, target=str(target.shape),
        target_producer=target.producer, problem=op.problem, input=input_text, **op.detail))


def unpool_indices_differ(arriving: tuple | None, indices: tuple | None) -> bool:
    """MaxUnpool's indices surely of another shape than its input (torch: "Expected shape of
    indices to be same as that of the input tensor"): another rank, or a dim that no input size
    makes equal (`L/4` against `L/2`, as the operands of an add are compared)."""
    if arriving is None or indices is None:
        return False
    return len(arriving) != len(indices) or any(not symbolic.can_equal(a, b) for a, b in zip(arriving, indices))


def operand_finding(op, model, problem: str, input_text: str) -> Finding:
    """CL107 at the add or cat, or at the layer of one path that broke it (_size_broken_by)."""
    values = dict(op=op.op, operands=operands_text(op), problem=problem, input=input_text)
    passed = _passed_size_of_the_clash(op)
    if passed is not None:
        return Finding(passed, values=dict(values, line=op.span.line), variant="passed", related=(op.span,))
    maker = _maker_that_wrote_the_clash(op)
    if maker is not None:
        return Finding(maker, values=values, variant=op.detail.get("variant"), related=(op.span,))
    blamed = _size_broken_by(model.calls, model.ops, op)
    if blamed is None:
        cut = _cut_off_by(op)
        if cut is not None:
            span, cut_values = cut
            return Finding(span, related=(op.span,) if span.line != op.span.line else (), variant="cut",
                           values=dict(values, line=op.span.line, **cut_values))
        return Finding(op.span, values=values, variant=op.detail.get("variant"))
    call, axis, variant, extra, also = blamed
    rank = len(call.input.shape.dims)
    names = AXIS_NAMES.get(rank - 2, ())
    axis_name = names[axis + len(names)] if 0 <= axis + len(names) < len(names) else f"dim {rank + axis}"
    argument = "stride" if variant in ("shortcut", "repeated", "odd-window", "stride") \
        else "scale_factor" if variant in ("scale", "scale-join") else "padding"
    written = ()
    if variant == "size":
        # (the padding or the kernel alone may be what makes the window inexact: where either
        # edit would do, `kernel_size=3` beside `padding=0`, the call is the line, not one keyword)
        argument, kernel = _window_argument_at_fault(call.record, axis, call.node, model.constructed)
        if argument is None and _written_apart(call.node, "padding") and not _written_apart(call.node, "kernel_size"):
            argument = "padding"  # a padding computed above for the layer (`pad = d * (k - 1) // 2`): its formula
        if argument is None:
            written = tuple(call.node.written_at[name] for name in ("kernel_size", "padding")
                            if name in call.node.written_at and call.node.written_at[name].line != call.node.span.line)
            if kernel is not None and written:
                extra = dict(extra, exact=f"{extra['exact']} or kernel_size={kernel}")
    span = call.node.written_at.get(argument, call.node.span) if argument is not None else call.node.span
    if span.line == call.node.span.line or span.file != call.node.span.file:
        span = call.node.span  # the argument's own line only when the call runs over several
    pointed = (call.node.span,) if span != call.node.span else written  # its call's first line takes a suppression too
    site = extra.pop("site", None)
    if site is not None:  # a module's layer: the module's call passes the stride it takes
        span, pointed = site, (call.node.span,)
    others = tuple(dict.fromkeys(other.node.span for other in also if other.node.span != call.node.span))
    return Finding(span, call.node.label, related=(op.span, call.span, *pointed, *others), variant=variant, values=dict(
        values, layer=call.node.label, layer_repr=layer_repr(call.record), axis=axis_name,
        before=format_dim(call.input.shape.dims[axis]), after=format_dim(call.output.shape.dims[axis]),
        line=op.span.line, **extra))


def _cut_off_by(op) -> tuple[Span, dict] | None:
    """(where the slice is, the values of CL107's "cut" variant) of an add or cat whose operands
    differ by a few along one dim where one of them was cropped there by a slice of numbers written
    in forward() (`x + residual[:, :, self.k:]` one step too far, or that slice bound a line before),
    the other not: the crop is the arithmetic written to match the paths, and its bound the line
    to change, whatever layer of the other path could be bent to fit it. None otherwise."""
    if op.op not in (*BROADCASTS, *CAT_OPS) or len(op.operands) != 2 \
            or any(not isinstance(o, Tensor) or o.shape.dims is None for o in op.operands):
        return None
    axis = op.detail.get("axis", _differing_axis(op))
    if not isinstance(axis, int) or axis >= 0:
        return None
    for index in op.detail.get("cut_here", ()):
        tensor = op.operands[index]
        cut, other = tensor.cut, op.operands[1 - index]
        rank = len(tensor.shape.dims)
        if cut is None or len(other.shape.dims) != rank or cut.axis != rank + axis \
                or (other.cut is not None and other.cut.axis == cut.axis):
            continue
        gap = symbolic.constant_gap(tensor.shape.dims[axis], other.shape.dims[axis])
        if not gap:
            return None
        names = AXIS_NAMES.get(rank - 2, ())
        axis_name = names[cut.axis - 2] if 2 <= cut.axis < rank and len(names) == rank - 2 \
            else "channels" if cut.axis == 1 else f"dim {cut.axis}"
        written = f"{cut.sliced}[{', '.join(cut.index)}]"
        fitting = _crop_fitting(cut, gap)
        other_size = format_dim(other.shape.dims[axis])
        hint = (f"Slice {fitting} in place of {written}: it keeps the {axis_name} {other_size} of the other operand"
                if fitting is not None else
                f"Crop {written} to the {axis_name} {other_size} of the other operand, not {format_dim(tensor.shape.dims[axis])}")
        return cut.span, dict(written=written, axis=axis_name, before=format_dim(tensor.piece_of.shape.dims[axis])
                              if tensor.piece_of is not None and tensor.piece_of.shape.dims is not None else "?",
                              after=format_dim(tensor.shape.dims[axis]), other=other_size, hint=hint)
    return None


def _crop_fitting(cut, gap: int) -> str | None:
    """The slice that keeps `gap` fewer elements (more, where negative) than `cut`, a bound it
    writes moved by that many: `residual[:, :, self.k - 1:]` for `residual[:, :, self.k:]` one
    short; None where no written bound can move so (a crop to a fixed size, a bound past 0)."""
    start, stop = cut.bounds.start or 0, cut.bounds.stop
    lower, upper = cut.lower, cut.upper
    if start > 0 and start + gap >= 0:
        lower = _moved_bound(lower, gap, start + gap)
    elif stop is not None and stop < 0 and stop - gap <= 0:
        upper = _moved_bound(upper, -gap, stop - gap)
    else:
        return None
    index = list(cut.index)
    index[cut.position] = f"{lower or ''}:{upper or ''}"
    return f"{cut.sliced}[{', '.join(index)}]"


def _moved_bound(code: str | None, by: int, value: int) -> str | None:
    """A bound's code moved by `by` to `value`: the number itself where a number is written
    (`2` to `1`), else the code with the step added (`self.k - 1`); None for a stop moved to 0."""
    if value == 0:
        return None
    if code is None or code.lstrip("-").strip().isdigit():
        return str(value)
    if any(word in f" {code} " for word in (" if ", " lambda ", " or ", " and ", " not ")):
        code = f"({code})"
    return f"{code} + {by}" if by > 0 else f"{code} - {-by}"


def _passed_size_of_the_clash(op) -> Span | None:
    """Where a caller wrote the size one operand of an einsum or a matrix product clashes on, where
    that operand was made in a block's constructor from its parameters (a capsule layer's routing
    weight `Parameter(torch.Tensor(self.N1, self.N0, ...))` of `RoutingCaps(in_capsules=(32, 8))`):
    that call is the line to change, as for a layer built there. Only where exactly one of the two
    sizes was so passed."""
    sides = op.detail.get("sides") or ()
    found = []
    for number, at in sides:
        passed = op.operands[number].sizes_passed if number < len(op.operands) else ()
        origin = passed[at][0] if at < len(passed) and passed[at] is not None else None
        found.append(origin[2] or origin[0] if origin is not None else None)
    if len(found) != 2 or sum(span is not None for span in found) != 1:
        return None
    return found[0] or found[1]


def _maker_that_wrote_the_clash(op) -> Span | None:
    """The line of a tensor maker that wrote out a size the op's operands clash on
    (`torch.zeros((n, x.shape[1], length))` added to a layer's output of other channels), where
    exactly one operand was made so: that size is the one written where the tensor is made, as a
    layer's width is written where the layer is built."""
    if op.op not in BROADCASTS or len(op.operands) != 2 \
            or any(o.shape is None or o.shape.dims is None for o in op.operands):
        return None
    makers = []
    for tensor in op.operands:
        root = tensor
        while root.written_at is None and root.piece_of is not None:
            root = root.piece_of
        makers.append(root if root.written_at is not None else None)
    if sum(m is not None for m in makers) != 1:
        return None
    index = 0 if makers[0] is not None else 1
    made, other = op.operands[index].shape.dims, op.operands[1 - index].shape.dims
    root = makers[index].shape.dims
    if len(made) != len(root):
        return None
    rank = max(len(made), len(other))
    padded = (1,) * (rank - len(other)) + other
    for axis in range(len(made)):
        x, y = made[axis], padded[axis + rank - len(made)]
        clash = x != y and x != 1 and y != 1 if known(x, y) else shapes.never_broadcast(x, y)
        if clash and root[axis] == x:
            return makers[index].written_at
    return None


def operands_text(op) -> str:
    """`1x16x64x64 (from up1) and 1x16x65x65 (from enc1.3)`, as CL107 names what it combines."""
    return " and ".join(f"{t.shape} (from {t.producer})" for t in op.operands)


CAT_OPS = ("torch.cat", "torch.concat", "torch.concatenate")

# a size every stride, pool and scale of one path divides: the probe of whether a layer's size is exact
PROBE = 2 ** 8 * 3 ** 3 * 5 ** 2 * 7


def _size_broken_by(calls: list, ops: list, op) -> tuple | None:
    """(call, axis from the right, variant, values, the other layers to point at) of the layer that
    broke one path of `out + x` or a skip `torch.cat` where the paths should give the same size.
    Both operands are followed back, layer by layer, to the tensor they share, and through the ops
    that only move or add dims left of the differing one (`branch(x).unsqueeze(1)` of a cat of
    branches, a stack's operands: _keeps_the_axis). Every layer on the
    way scales the size by a factor (a stride, a transposed stride, an integer upsample) and a layer
    is exact when, on a size its stride divides, it gives exactly that factor (a conv padded as it
    should be, a MaxPool2d(2)). These cases name the line to change:
    - both paths scale alike, and exactly one layer is not exact: a stride-1 conv that shrinks
      (a ReflectionPad1d(d) before a conv of dilation d + 1), a strided conv with padding=0 in a
      U-Net's down path: that layer (variant "size");
    - both paths scale alike, and the layers not exact all take one padding from one argument a
      caller writes (`block(..., padding=self.padding)` read by both convs of the block): the first
      of them, the others related, to be moved to where that argument is set (variant "shared");
    - every layer is exact, the paths scale differently, and one path is a single stride-1 conv
      (a projection shortcut) while the other, longer, strides: that conv, which lacks the stride
      (variant "shortcut"); of a shortcut of several stride-1 layers (a depthwise 3x3 then a 1x1),
      the first whose kernel covers the stride. The reverse, a strided shortcut beside an unstrided path, stays at the add:
      the missing stride may be either path's;
    - every layer is exact, and one path is a single module that keeps the size and takes no
      stride (an identity branch's BatchNorm2d or nn.Identity) beside a strided path: that branch,
      built where the block does not keep its size (variant "kept": RepVGG's rbr_identity, whose
      `... if stride == 1 else None` decides where it exists);
    - every layer is exact, one path takes one stride argument twice (two convs of a branch given
      the block's `stride`, the first of them the branch's first conv, where ResNet-style blocks
      take it) and the other path strides once by it: the later of the two (variant "repeated");
    - as the first, where that layer is an unpadded conv after one explicit pad (a manual 'SAME',
      F.pad(v, (1, 1, 1, 1)) before a 3x3 conv of padding=0) and another conv of the path has its
      kernel: the pad, its amounts the padding to change (variant "pad");
    - a cat of more than two branches of one input, each scaling alike, and exactly one layer of
      them all not exact (an Inception block's 5x5 conv with padding=1), or several that one line
      builds and writes the window of, beside a branch that keeps the size (a loop's dilated convs
      whose padding does not follow the dilation): that layer, the first of them (variant "size").
    - every layer is exact, the paths scale differently, and one conv of them is written with a
      kernel, stride and padding no other line of the model gives a conv, while at least two others
      give one window with the stride that makes both paths scale alike (a U-Net encoder level that
      does not halve, the cat levels later), where the op is a cat: that conv (variant "odd-window");
    - the channels of `out + shortcut(x)` differ, the shortcut pads the channels (option A's
      F.pad of a block's input) and the other path's last conv reads and gives one width: the pad
      (variant "channel-pad"); other channel mismatches stay at the add: every conv sets its channels.
    Anything else on the way (a block whose size changes, an adaptive pool, a resize to a size)
    leaves the add as the finding."""
    axis = op.detail.get("axis", _differing_axis(op) if op.detail.get("pinned") else None)
    if axis is None or len(op.operands) < 2 or any(t.shape.dims is None or len(t.shape.dims) < 3 for t in op.operands):
        return None
    made_by = _made_by(calls, op)
    if any(len(t.shape.dims) + axis == 1 for t in op.operands):
        return _channel_pad_broken(op, made_by)
    if any(len(t.shape.dims) + axis < 2 for t in op.operands):
        return None  # a batch mismatch
    paths = _paths_back(ops, op, made_by, axis)
    if len(paths) > 2:
        return _odd_branch(paths, axis)
    meet = _meeting(paths)
    steps = [[call for _, call in reversed(path[:end])] for path, end in zip(paths, meet)] if meet is not None else []
    start = next((path[end][0].shape.dims for path, end in zip(paths, meet) if path[end][0].shape.dims), None) \
        if meet is not None else None
    scaled = [_scaling(path, axis, start) for path in steps]
    if meet is None or None in scaled:
        # (the paths lost on the way, through an attention block's views: the upsample that made one
        # operand tells alone, where given the level's factor it matches the other)
        odd = _odd_scale_at_the_join(calls, op, paths, axis) if op.op in (*CAT_OPS, "torch.stack") else None
        if odd is None:
            return None
        call, own = odd
        return call, axis, "scale-join", dict(factor=own, given=LEVEL_FACTOR), ()
    (factor, inexact, layers_a), (other_factor, other_inexact, layers_b) = scaled
    if factor == other_factor and not inexact and not other_inexact:
        upstream = _odd_size_made_upstream(paths[0][meet[0]][0], made_by, axis, layers_a + layers_b)
        if upstream is not None:
            return upstream, axis, "size", dict(exact=_exact_padding(upstream.record, axis)), ()
    if factor == other_factor and len(inexact + other_inexact) == 1:
        call = (inexact + other_inexact)[0]
        if isinstance(call.record, PadRecord):
            window = next((c for path in steps for i, c in enumerate(path) if i and path[i - 1] is call
                           and isinstance(c.record, (ConvRecord, PoolRecord))), None)
            exact = _exact_pad(call.record, window.record, axis) if window is not None else None
            if exact is not None:
                return call, axis, "pad", dict(exact, window=window.node.label, window_line=window.node.span.line,
                                                given=format_dim(window.output.shape.dims[axis])), ()
            return None
        return call, axis, "size", dict(exact=_exact_padding(call.record, axis)), ()
    if factor != other_factor and len(inexact + other_inexact) == 1:
        # (one layer of the paths not exact, whose stride set to the one that makes both paths scale
        # alike makes it exact too: a decoder's ConvTranspose3d(k2) left at stride 1 beside the
        # encoder's stride-2 level, an encoder's MaxPool2d(2, 1) before a 2x upsample)
        call = (inexact + other_inexact)[0]
        own, other = (factor, other_factor) if inexact else (other_factor, factor)
        restored = _stride_that_restores(call, own, other, [c for path in steps for c in path], axis)
        if restored is not None:
            return call, axis, "stride", restored, ()
    if factor == other_factor and _one_padding_origin(inexact + other_inexact, axis):
        call, *also = inexact + other_inexact
        return call, axis, "shared", dict(exact=_exact_padding(call.record, axis), others=", ".join(
            other.node.label for other in also)), tuple(also)
    if factor != other_factor and not inexact and not other_inexact and op.op in (*CAT_OPS, "torch.stack"):
        odd = _odd_scale(calls, steps, (factor, other_factor), axis)
        if odd is not None:
            call, wanted, undone = odd
            return call, axis, "scale", dict(factor=_upsample_factor(call.record, axis), given=wanted,
                                             strided=undone.node.label, strided_line=undone.node.span.line), ()
    if factor != other_factor and not inexact and not other_inexact:
        for shortcut, main, main_factor in ((layers_a, layers_b, other_factor), (layers_b, layers_a, factor)):
            if 1 <= len(shortcut) and main_factor < 1 and (1 / main_factor).denominator == 1 \
                    and (len(main) >= max(2, len(shortcut) + 1)
                         or len(main) == len(shortcut) == 1 and _lacks_the_block_stride(shortcut[0], main[0], axis))\
                    and all(isinstance(c.record, (ConvRecord, PoolRecord)) and not getattr(c.record, "transposed", False)
                            and _per_axis(c.record.stride, axis) == 1 for c in shortcut):
                call = _entering_window(shortcut, axis, int(1 / main_factor))
                strided = next((c for c in main if _per_axis(c.record.stride, axis) not in (None, 1)), None)
                if call is None or strided is None or _literal_against_the_block_stride(strided, call, main, axis):
                    continue
                return call, axis, "shortcut", dict(factor=int(1 / main_factor), strided=strided.node.label,
                                                      strided_line=strided.node.span.line), ()
            twin = _unstrided_twin(shortcut, main, axis) if main_factor < 1 and (1 / main_factor).denominator == 1 \
                else None
            if twin is not None:
                call, strided, site = twin
                return call, axis, "shortcut-module", dict(
                    factor=int(1 / main_factor), strided=strided.node.label, strided_line=strided.node.span.line,
                    module=call.node.label.rpartition(".")[0], twin=strided.node.label.rpartition(".")[0],
                    site=site), ()
        for branch, main, main_factor in ((steps[0], layers_b, other_factor), (steps[1], layers_a, factor)):
            kept = branch[0] if len(branch) == 1 and not isinstance(branch[0], (TensorOp, _Cut)) else None
            strided = next((c for c in main if _per_axis(c.record.stride, axis) not in (None, 1)), None)
            if kept is not None and _keeps_the_size(kept) and strided is not None and main_factor < 1 \
                    and (1 / main_factor).denominator == 1:
                return kept, axis, "kept", dict(factor=int(1 / main_factor), strided=strided.node.label,
                                                strided_line=strided.node.span.line), ()
        for main, other, main_factor, other_factor in ((layers_a, layers_b, factor, other_factor),
                                                       (layers_b, layers_a, other_factor, factor)):
            repeated = _stride_taken_twice(main, other, axis, main_factor, other_factor)
            if repeated is not None:
                first, call = repeated
                return call, axis, "repeated", dict(factor=_per_axis(call.record.stride, axis), first=first.node.label,
                                                    first_line=first.node.span.line), ()
        (factor, _, _), (other_factor, _, _) = scaled  # (the loop above rebinds other_factor)
        # (of a cat only: an add's strides are tried one edit at a time after the checks, which names
        # the edit that runs the model)
        odd = _odd_window(calls, ((layers_a, factor, other_factor), (layers_b, other_factor, factor)), axis) \
            if op.op in CAT_OPS else None
        if odd is not None:
            call, sibling, count, kinds = odd
            others, alike = (f"{count} other {kinds} here take", f"the other {kinds} do") if count > 1 \
                else (f"the other {kinds[:-1]} here takes", f"the other {kinds[:-1]} does")
            return call, axis, "odd-window", dict(sibling=sibling, count=count, others=others, alike=alike), ()
        lost = _stride_lost_before_the_upsample(steps, (factor, other_factor), axis) if op.op in CAT_OPS else None
        if lost is not None and not _balanced_by_its_stride(calls, lost[0], lost[1], axis):
            lost = None  # (more levels than that one lost their stride: no line stands out)
        if lost is not None:
            call, k, upsample = lost
            return call, axis, "stride", dict(given=k, stride=_per_axis(call.record.stride, axis), how="divided",
                                              strided=upsample.node.label, strided_line=upsample.node.span.line), ()
    return None


def _stride_lost_before_the_upsample(steps: list, factors: tuple, axis: int) -> tuple | None:
    """(conv, k, the upsample) of a skip cat whose paths, every layer on them exact, scale the size
    differently where the path scaling it k times more holds an upsample of k (a decoder's 2x
    interpolate or transposed conv) and one conv line of that path, at stride 1, given stride k
    makes both paths agree: the encoder level that lost its stride (a U-Net's DownSample conv
    typed `stride=1`, its skips kept in a list). A conv right after such an upsample is no
    candidate (its stride would only cancel it), nor is one whose window would skip pixels at
    stride k; a layer of the other path that could drop its stride instead leaves the finding at
    the cat. None where not exactly one line fits."""
    ratio = factors[0] / factors[1]
    larger = 0 if ratio > 1 else 1
    if ratio < 1:
        ratio = 1 / ratio
    if ratio.denominator != 1 or ratio <= 1:
        return None
    k = int(ratio)

    def scale(call) -> int | None:
        record = getattr(call, "record", None)
        if isinstance(record, ConvRecord) and record.transposed:
            return _per_axis(record.stride, axis)
        return _upsample_factor(record, axis)

    upsample = next((c for c in steps[larger] if scale(c) == k), None)
    if upsample is None:
        return None
    lines, previous = {}, None
    for call in steps[larger]:
        record = getattr(call, "record", None)
        if isinstance(record, ConvRecord) and not record.transposed and isinstance(record.padding, tuple) \
                and all(isinstance(v, int) for v in (*record.kernel_size, *record.stride, *record.padding,
                                                      *record.dilation)) \
                and _per_axis(record.stride, axis) == 1 and not call.node.assigned & {"stride"} \
                and not (previous is not None and scale(previous) == k):
            kernel, padding, dilation = (_per_axis(getattr(record, n), axis) for n in ("kernel_size", "padding", "dilation"))
            if (kernel == 1 or k <= dilation * (kernel - 1) + 1) and _exact(kernel, k, padding, dilation):
                lines.setdefault(call.node.span, []).append(call)
        if not isinstance(call, (TensorOp, _Cut)):
            previous = call
    fitting = [calls for calls in lines.values() if k ** len(calls) == int(ratio)]
    lowered = any(isinstance(getattr(c, "record", None), (ConvRecord, PoolRecord))
                  and not getattr(c.record, "transposed", False)
                  and isinstance(_per_axis(c.record.stride, axis), int) and _per_axis(c.record.stride, axis) % k == 0
                  for c in steps[1 - larger])
    if len(fitting) != 1 or lowered:
        return None
    return fitting[0][0], k, upsample


def _levels_unbalanced_by(calls: list, axis: int) -> Fraction | None:
    """How many times more the model's upsamples (transposed convs, nn.Upsample, F.interpolate) scale a
    side up than its strided convs and pools scale it down; None where a layer's scale is not a known
    number (a resize to a size, an adaptive pool). A U-Net whose output has its input's size and one
    level that lost its stride is unbalanced by that stride; two such levels, by its square."""
    up = down = 1
    for call in calls:
        record = getattr(call, "record", None)
        if isinstance(record, (ConvRecord, PoolRecord)):
            stride = _per_axis(record.stride, axis)
            if not isinstance(stride, int) or stride < 1:
                return None
            if getattr(record, "transposed", False):
                up *= stride
            else:
                down *= stride
        elif isinstance(record, UpsampleRecord):
            factor = _upsample_factor(record, axis)
            if factor is None:
                return None
            up *= factor
        elif type(record).__name__ == "AdaptivePoolRecord":
            return None
    return Fraction(up, down)


def _balanced_by_its_stride(calls: list, conv, k: int, axis: int) -> bool:
    """Whether giving every instance of the conv's line stride k scales the model's side down as
    many times as its upsamples scale it up (a U-Net whose output has its input's size)."""
    instances = sum(1 for call in calls if getattr(call, "node", None) is not None and call.node.span == conv.node.span)
    return _levels_unbalanced_by(calls, axis) == k ** instances


def _upsample_factor(record, axis: int) -> int | None:
    """The integer factor an nn.Upsample or F.interpolate scales a side by; None for a `size`."""
    if not isinstance(record, UpsampleRecord) or record.size is not None:
        return None
    factor = record.scale_factor
    factor = _per_axis(tuple(factor), axis) if isinstance(factor, (tuple, list)) else factor
    return int(factor) if isinstance(factor, (int, float)) and float(factor).is_integer() and factor >= 1 else None


# the factor a U-Net level scales by: an upsample that should scale by 4 beside pools of 4 is no more
# likely the slip than those pools beside an upsample of 2, while a factor 4 beside pools of 2 is
LEVEL_FACTOR = 2


def _odd_scale(calls: list, steps: list, factors: tuple, axis: int) -> tuple | None:
    """(upsample, the factor it needs, the window it undoes) of a cat whose paths, every layer on
    them exact, scale the size differently because of one upsample line: the factor that makes both
    paths scale alike, at each of the line's instances on them, is the stride of a downsampling
    conv or pool of the paths (the encoder level it undoes), and its own factor is one no other
    layer of the model scales by (a U-Net's `nn.Upsample(scale_factor=4)` beside 2x pools, an
    F.interpolate typed 4 beside stride-2 down convs), where that factor is 2, the one U-Net levels
    take. None otherwise: an upsample in step with the model's strides is no more likely the edit
    than the window beside it."""
    lines: dict = {}
    for index, path in enumerate(steps):
        for call in path:
            if _upsample_factor(getattr(call, "record", None), axis) is not None:
                lines.setdefault(call.node.span, []).append((index, call))
    if len(lines) != 1:
        return None
    (instances,) = lines.values()
    own = {_upsample_factor(call.record, axis) for _, call in instances}
    counts = [sum(1 for index, _ in instances if index == path) for path in (0, 1)]
    if len(own) != 1 or counts[0] == counts[1]:
        return None
    (own,) = own
    wanted = LEVEL_FACTOR
    if wanted == own or factors[0] * Fraction(wanted, own) ** counts[0] != factors[1] * Fraction(wanted, own) ** counts[1]:
        return None
    undone = next((c for path in steps for c in path if isinstance(getattr(c, "record", None), (ConvRecord, PoolRecord))
                   and not getattr(c.record, "transposed", False) and _per_axis(c.record.stride, axis) == wanted), None)
    span = instances[0][1].node.span

    def scales_by(call) -> int | None:
        record = call.record
        if isinstance(record, (ConvRecord, PoolRecord)):
            return _per_axis(record.stride, axis) if isinstance(record.stride, tuple) else None
        return _upsample_factor(record, axis) if call.node.span != span else None

    if undone is None or any(scales_by(call) == own for call in calls):
        return None
    return instances[0][1], wanted, undone


def _odd_scale_at_the_join(calls: list, op, paths: list, axis: int) -> tuple | None:
    """(upsample, its factor) of a cat of two maps whose paths do not meet where they are followed,
    one made by an upsample (the last layer on its path that changes the sides) whose factor no
    other layer of the model scales by, and which given the factor 2 of a U-Net level would give
    every side of the other operand: `nn.Upsample(scale_factor=4)` before a skip cat whose skip
    comes out of an attention block's views."""
    if len(paths) != 2 or any(t.shape.dims is None or len(t.shape.dims) < 3 for t in op.operands):
        return None
    for index, path in enumerate(paths):
        other = op.operands[1 - index].shape.dims
        call = next((c for _, c in path if not isinstance(c, (TensorOp, _Cut)) and c is not None
                     and c.input.shape.dims is not None and c.output.shape.dims is not None
                     and c.input.shape.dims[2:] != c.output.shape.dims[2:]), None)
        own = _upsample_factor(getattr(call, "record", None), axis) if call is not None else None
        if own is None or own == LEVEL_FACTOR or len(call.input.shape.dims) != len(other):
            continue
        sides = list(zip(call.input.shape.dims[2:], other[2:]))
        if not sides or not all(isinstance(a, int) and isinstance(b, int) and a * LEVEL_FACTOR == b for a, b in sides):
            continue
        if any(_upsample_factor(getattr(c, "record", None), axis) is not None for _, c in path
               if c is not None and c is not call and not isinstance(c, (TensorOp, _Cut))):
            continue
        if all(_upsample_factor(call.record, a) == own for a in range(-len(sides), 0)) and not any(
                c.node.span != call.node.span and (_upsample_factor(c.record, axis) == own
                                                   or isinstance(c.record, (ConvRecord, PoolRecord))
                                                   and _per_axis(c.record.stride, axis) == own)
                for c in calls):
            return call, own
    return None


def _paths_back(ops: list, op, made_by: dict, axis: int) -> list:
    """_path_back of each operand of `op`, through the ops that keep the size along `axis`."""
    for other in ops:  # torch.cat((identity, zeros), 1) of a shortcut: the size comes from its first operand
        carried = _carried_operand(other, axis) if other.start <= op.start and other is not op else None
        if carried is None and other.start <= op.start and other is not op and _keeps_the_axis(other, axis):
            carried = other.operands[0]  # `branch(x).unsqueeze(1)` of a cat of branches: the branch's size
        if carried is not None:
            made_by.setdefault(id(other.result), (other, carried))
    return [_path_back(tensor, made_by, axis) for tensor in op.operands]


def _meeting(paths: list) -> tuple | None:
    """(index on the first path, index on the second) of the tensor two paths back share first."""
    shared = {_identity(tensor, call): i for i, (tensor, call) in enumerate(paths[1])}
    return next(((i, shared[_identity(tensor, call)]) for i, (tensor, call) in enumerate(paths[0])
                 if _identity(tensor, call) in shared), None)


def operand_paths(calls: list, ops: list, op) -> tuple[list, list] | None:
    """The convs and pools on each of the two operands' own paths of an add or cat, from the tensor
    they share (the layers either path could change without changing the other), in call order;
    None where the paths do not meet or the operands differ in no spatial axis."""
    axis = op.detail.get("axis", _differing_axis(op))
    if not isinstance(axis, int) or len(op.operands) != 2 \
            or any(t.shape.dims is None or len(t.shape.dims) + axis < 2 for t in op.operands):
        return None
    paths = _paths_back(ops, op, _made_by(calls, op), axis)
    meet = _meeting(paths)
    if meet is None:
        return None
    return tuple([call for _, call in reversed(path[:end]) if isinstance(getattr(call, "record", None),
                                                                          (ConvRecord, PoolRecord))]
                 for path, end in zip(paths, meet))


def _stride_that_restores(call, own: Fraction, other: Fraction, steps: list, axis: int) -> dict | None:
    """CL107's "stride" values for the one layer of an add's or cat's paths that is not exact, where
    the paths scale the size differently (`own` on its path, `other` on the other): the stride that
    makes both scale alike, where that stride makes the layer exact too and another layer of the
    paths scales by it (the encoder level a decoder's up-conv undoes). None otherwise: a layer
    right for the other path's stride is never blamed, and neither is a size no stride fixes."""
    record = call.record
    if not isinstance(record, (ConvRecord, PoolRecord)) or isinstance(record.padding, str):
        return None
    kernel, stride, padding, dilation = (_per_axis(getattr(record, name), axis)
                                         for name in ("kernel_size", "stride", "padding", "dilation"))
    transposed = isinstance(record, ConvRecord) and record.transposed
    extra = _per_axis(record.output_padding, axis) if transposed else 0
    ceil_mode = isinstance(record, PoolRecord) and record.ceil_mode
    if not all(isinstance(v, int) for v in (kernel, stride, padding, dilation, extra)) \
            or not isinstance(ceil_mode, bool) or call.node.assigned & {"stride"}:
        return None
    wanted = Fraction(stride) * (other / own if transposed else own / other)
    if wanted.denominator != 1 or wanted <= 1 or wanted == stride \
            or not _exact(kernel, int(wanted), padding, dilation, transposed, extra, 0, ceil_mode):
        return None
    wanted = int(wanted)

    def scale(step) -> int | None:
        record = getattr(step, "record", None)
        if isinstance(record, (ConvRecord, PoolRecord)):
            return _per_axis(record.stride, axis)
        if isinstance(record, UpsampleRecord) and record.size is None:
            factor = record.scale_factor
            factor = _per_axis(tuple(factor), axis) if isinstance(factor, (tuple, list)) else factor
            return int(factor) if isinstance(factor, (int, float)) and float(factor).is_integer() else None
        return None

    matching = next((step for step in steps if step is not call and scale(step) == wanted), None)
    if matching is None:
        return None
    return dict(given=wanted, stride=stride, how="multiplied" if transposed else "divided", strided=matching.node.label,
                strided_line=matching.node.span.line)


def _odd_size_made_upstream(shared, made_by: dict, axis: int, windows: list):
    """The layer before the tensor both paths share that made its size one a stride of the paths
    does not divide (a U-Net encoder level `Conv3d(16, 32, 3, stride=2)` of padding 0 giving 7 from
    16, followed by a residual block, whose output is the skip and the input of the next stride-2
    level): every layer of the paths is exact, so the size they were given is what breaks them,
    and the one layer not exact on its way there is the line to change. None otherwise."""
    strides = [_per_axis(c.record.stride, axis) for c in windows]
    if not any(isinstance(s, int) and s > 1 for s in strides) or shared.shape.dims is None \
            or len(shared.shape.dims) + axis < 0:
        return None
    size = shared.shape.dims[axis]
    if not isinstance(size, int) or all(not isinstance(s, int) or size % s == 0 for s in strides):
        return None
    steps = [call for _, call in reversed(_path_back(shared, made_by, axis)[:-1])]
    scaled = _scaling(steps, axis, None) if steps else None
    return scaled[1][0] if scaled is not None and len(scaled[1]) == 1 else None


def _unstrided_twin(shortcut: list, main: list, axis: int) -> tuple | None:
    """(the shortcut's layer, the main path's strided layer, the shortcut module's call) where the shortcut is one instance of a
    module that passes its `stride` argument to its layers ((2+1)-D `STConv(cin, cout, 1, stride=1)`
    beside `STConv(cin, cout, 3, stride=2)`), given stride 1, and the main path is one instance
    of the same class (its layers have the same names) whose layer of that name strides: the
    module call built with the other stride, as a single stride-1 projection beside a longer path
    is (the count of layers of a composite tells nothing). None otherwise."""
    def parts(path):
        owners = {c.node.label.rpartition(".")[0] for c in path}
        return owners.pop() if len(owners) == 1 else None, {c.node.label.rpartition(".")[2]: c for c in path}

    if len(shortcut) < 2 or len(main) != len(shortcut):
        return None
    (mine, my_layers), (theirs, their_layers) = parts(shortcut), parts(main)
    if not mine or not theirs or mine == theirs or my_layers.keys() != their_layers.keys() \
            or any(name.isdigit() for name in my_layers):  # (a Sequential's children: no stride argument)
        return None
    if not all(isinstance(c.record, ConvRecord) and not c.record.transposed and _per_axis(c.record.stride, axis) == 1
               for c in shortcut):
        return None
    strided = [name for name, c in their_layers.items() if _per_axis(c.record.stride, axis) not in (None, 1)]
    if len(strided) != 1:
        return None
    mine, theirs = my_layers[strided[0]], their_layers[strided[0]]
    stride = _per_axis(theirs.record.stride, axis)
    # the module's own stride parameter held 1 for the shortcut and the main path's stride for it
    held = [{name for name, value in c.node.names_at_build if "stride" in name.lower() and value == want}
            for c, want in ((mine, 1), (theirs, stride))]
    # reported where the shortcut module is built: its call, which the main path's module does not go through
    sites = [site for site in mine.node.via if site not in theirs.node.via]
    return (mine, theirs, sites[0]) if held[0] & held[1] and len(sites) == 1 else None


def _lacks_the_block_stride(unstrided, strided, axis: int) -> bool:
    """Two paths of one conv each, one strided: the strided one reads the block's stride (`stride =
    2 if in_channels != out_channels else 1`, or a `stride` parameter) where the other, of a smaller
    window (a 1x1 projection beside a 3x3), writes 1 or leaves it out, the block's names holding
    that one stride when each was built. The conv whose stride differs from the block's is the one
    edited; where the block holds no such name, or the strided conv writes its own number, either
    path may be the one to change. (A main path's wider conv that lost the stride beside a strided
    1x1 is not a shortcut: blamed as a stride written 1, elsewhere.)"""
    if not all(isinstance(c.record, ConvRecord) and not c.record.transposed for c in (unstrided, strided)):
        return False
    windows = [_per_axis(c.record.kernel_size, axis) for c in (unstrided, strided)]
    if not all(isinstance(k, int) for k in windows) or windows[0] >= windows[1]:
        return False
    stride = _per_axis(strided.record.stride, axis)
    where = strided.node.written_at.get("stride")
    reads_a_name = "stride" in strided.node.arg_origins or where is not None and not _within(where, strided.node.span)

    def block_strides(call) -> set:
        return {value for name, value in call.node.names_at_build if "stride" in name.lower()}

    return reads_a_name and block_strides(strided) == block_strides(unstrided) == {stride}


def _reads_its_stride(call) -> bool:
    """Whether a layer takes its stride from a name (a block's `stride` parameter, passed on or
    read where the layer is built), not a number written in its own call."""
    where = call.node.written_at.get("stride")
    return "stride" in call.node.arg_origins or where is not None and not _within(where, call.node.span)


def _literal_against_the_block_stride(strided, shortcut, main: list, axis: int) -> bool:
    """Whether the main path's strided layer writes its stride as a number in its own call
    (`conv2 = nn.Conv2d(c, c, 3, stride=2)`) where the shortcut and another layer of the main path
    both read the block's stride and agree on it (`stride=stride`, 1 here): that number is the
    odd one, not the shortcut that follows the block's parameter (the add is left to the stride
    trials, which name the edit)."""
    if "stride" not in strided.node.numbers_written or not _reads_its_stride(shortcut):
        return False
    own = _per_axis(shortcut.record.stride, axis)
    return any(c is not strided and isinstance(c.record, ConvRecord) and _reads_its_stride(c)
               and _per_axis(c.record.stride, axis) == own for c in main)


def _within(inner: Span, outer: Span) -> bool:
    return inner.file == outer.file and (outer.line, outer.column) <= (inner.line, inner.column) \
        and (inner.end_line, inner.end_column) <= (outer.end_line, outer.end_column)


def _odd_window(calls: list, paths: tuple, axis: int) -> tuple | None:
    """(conv, the window its siblings take, how many take it) of the one conv on the two paths whose
    kernel, stride and padding, written on its own line, no other line of the model builds a conv
    with, given the stride that makes both paths scale alike, where at least two other lines build
    convs of that stride with one window (a U-Net encoder's level edited from (4, 2, 1) to
    (3, 1, 1): the cat levels later cannot join its maps).
    `paths`: (windows of a path, its factor, the other path's factor) for each path. None where no
    conv, or more than one, stands out so."""
    convs = {}
    for call in calls:  # each line once, however many instances it builds, however often they run
        if isinstance(call.record, (ConvRecord, PoolRecord)):
            convs.setdefault(call.node.span, call)

    def window(call) -> tuple:
        record = call.record
        kind = f"{record.op} pool" if isinstance(record, PoolRecord) else "conv"
        return (*(_per_axis(getattr(record, name), axis) if isinstance(getattr(record, name), tuple) else None
                  for name in ("kernel_size", "stride", "padding", "dilation")),
                getattr(record, "transposed", False), kind)

    counts = Counter(window(call) for call in convs.values())
    found = []
    for layers, own, other in paths:
        for call in layers:
            if not isinstance(call.record, (ConvRecord, PoolRecord)):
                continue
            kernel, stride, padding, dilation, transposed, kind = key = window(call)
            if counts[key] != 1 or not all(isinstance(v, int) for v in (kernel, stride, padding, dilation)) \
                    or any(call.node.arg_origins.get(name) for name in ("kernel_size", "stride", "padding")):
                continue  # (a window a caller passes is the caller's: a block's stride, not its line)
            wanted = Fraction(stride) * (other / own if transposed else own / other)
            if wanted.denominator != 1 or wanted < 1 or wanted == stride:
                continue
            siblings = Counter({k: n for k, n in counts.items() if k != key and k[1] == wanted and k[4] == transposed
                                and k[5] == kind and all(isinstance(v, int) for v in k[:4])})
            if not siblings:
                continue
            (k, s, p, d, *_), count = siblings.most_common(1)[0]
            # (a U-Net has fewer pools than convs: one other pool of that factor, beside a transposed
            # conv that undoes it, sets the pattern)
            undone = kind != "conv" and any(t[4] and t[1] == wanted for t in counts)
            if not (count >= 2 or undone and count >= 1) or not _exact(k, s, p, d, transposed):
                continue
            if kind != "conv" and k == s and p == 0 and d == 1:
                found.append((call, f"kernel_size={k}", count, "pools"))
                continue
            found.append((call, f"kernel_size={k}, stride={s}, padding={p}" + (f", dilation={d}" if d != 1 else ""),
                          count, "convs" if kind == "conv" else "pools"))
    return found[0] if len(found) == 1 else None


def _made_by(calls: list, op) -> dict[int, tuple]:
    """{id of a tensor: (the innermost call that made it before `op`, its input)}: a block's last
    layer, not the block."""
    made_by: dict[int, tuple] = {}
    for call in calls:
        if call.output is call.input:
            continue  # (an in-place activation gives back the tensor it takes: what made it is the layer before)
        if call.start < op.start and call.depth >= getattr(made_by.get(id(call.output), (None,))[0], "depth", -1):
            made_by[id(call.output)] = (call, call.input)
    return made_by


def _channel_pad_broken(op, made_by: dict) -> tuple | None:
    """The pad that gives one operand of `out + shortcut(x)` its channels (an option-A shortcut,
    `F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, planes // 4, planes // 4))`) where the other operand's
    channels are the width its last conv both reads and gives (the block's width, held by two
    layers), or the width the block's caller passes that conv unchanged (a block of one conv, or
    a pruned one whose conv2 reads another width), and the pad's own numbers, known, miss it by an
    even count: a pad is no conv, whose out_channels sets the width, so its amounts, computed in
    the block, are what to change (variant "channel-pad"), not the caller's width."""
    if len(op.operands) != 2:
        return None
    made = [_width_set_by(t, made_by) for t in op.operands]
    for pad, other, other_tensor in ((made[0], made[1], op.operands[1]), (made[1], made[0], op.operands[0])):
        if pad is None or other is None or not isinstance(pad.record, PadRecord) \
                or not isinstance(other.record, ConvRecord) or other.record.transposed:
            continue
        rank = len(pad.input.shape.dims or ())
        index = 2 * (rank - 2)  # F.pad's pairs run from the last dim back: the channels' pair
        pairs = pad.record.padding
        if rank < 3 or index + 1 >= len(pairs) or not all(isinstance(v, int) for v in pairs[index:index + 2]) \
                or not any(pairs[index:index + 2]):
            continue
        arriving, wanted = pad.input.shape.dims[1], other_tensor.shape.dims[1]
        if not (isinstance(arriving, int) and isinstance(wanted, int)) or (wanted - arriving) % 2 \
                or wanted < arriving or other.record.out_channels != wanted \
                or other.record.in_channels != wanted and not _width_the_caller_gives(other):
            continue
        each = (wanted - arriving) // 2
        return pad, -rank + 1, "channel-pad", dict(wanted=wanted, each=each, pads=f"({pairs[index]}, {pairs[index + 1]})"), ()
    return None


def _width_the_caller_gives(conv) -> bool:
    """Whether a conv's out_channels is a caller's count passed down unchanged (`planes` of
    `Block(16, 32, stride=2)`, through a `conv3x3(inplanes, planes, stride)` helper or not): the
    block's width as its caller asks for it, where a pad of the other path computes its amounts."""
    return "out_channels" in conv.node.arg_origins


def _width_set_by(tensor, made_by: dict):
    """The call that gave a tensor its channels: what made it, seen through the layers after it that
    keep the channels and set none (a norm, an activation)."""
    call, before = made_by.get(id(tensor), (None, None))
    for _ in range(8):
        if call is None or isinstance(call.record, (ConvRecord, PadRecord, LinearRecord)) \
                or call.input.shape.dims is None or call.output.shape.dims is None \
                or len(call.input.shape.dims) < 2 or call.input.shape.dims[1] != call.output.shape.dims[1] \
                or not isinstance(call.record, NormRecord) and not call.node.functional \
                and getattr(call.record, "type", None) not in CHANNEL_KEEPERS:
            return call
        call, before = made_by.get(id(before), (None, None))
    return None


# modules that give the channels they get and set none, seen through to what set the width
CHANNEL_KEEPERS = ("ReLU", "ReLU6", "LeakyReLU", "PReLU", "ELU", "SELU", "GELU", "SiLU", "Mish", "Hardswish",
                   "Sigmoid", "Tanh", "Dropout", "Dropout2d", "Identity")


def _exact_pad(pad, window, axis: int) -> dict | None:
    """The amounts of an explicit pad (F.pad(v, (1, 1, 1, 1)) before an unpadded 3x3 conv, a
    manual 'SAME') with which the window after it gives its size exactly: the total along the
    axis, the pair to write and the pair written."""
    kernel, stride = _per_axis(window.kernel_size, axis), _per_axis(window.stride, axis)
    dilation = _per_axis(window.dilation, axis)
    if not all(isinstance(v, int) for v in (kernel, stride, dilation)):
        return None
    for total in range(dilation * (kernel - 1) + 1):
        if _exact(kernel, stride, 0, dilation, pad=total):
            index = 2 * (-axis - 1)
            before, after = pad.padding[index], pad.padding[index + 1]
            # (keep the side the code pads more, as 'SAME' does: the extra pixel after)
            first = total // 2 if before <= after else total - total // 2
            return dict(total=total, pair=f"({first}, {total - first})", pads=f"({before}, {after})")
    return None


def _entering_window(shortcut: list, axis: int, stride: int):
    """The layer of a stride-1 shortcut that should take the stride its other path applies: its
    only one, or of several (a depthwise 3x3 then a 1x1 projection) the first whose kernel covers
    the stride, as a block downsamples on entering; None where none does."""
    if len(shortcut) == 1:
        return shortcut[0]
    return next((c for c in shortcut if isinstance(k := _per_axis(c.record.kernel_size, axis), int) and k >= stride), None)


def _odd_branch(paths: list, axis: int) -> tuple | None:
    """The layer that broke the one branch of a cat of several (an Inception block's 5x5 conv with
    padding=1 beside branches that keep the map's size): every branch followed back to the tensor
    they all share, each scaling it alike, and exactly one layer of them all not exact (variant
    "size"), or several built by one line that writes their window, beside a branch that keeps the
    size (a loop's dilated convs whose padding does not follow the dilation: the first of them).
    A branch whose size changes in a way not read here, or a second layer not exact elsewhere,
    leaves the cat as the finding."""
    identities = [{_identity(tensor, call): i for i, (tensor, call) in enumerate(path)} for path in paths[1:]]
    first = next((i for i, (tensor, call) in enumerate(paths[0])
                  if all(_identity(tensor, call) in seen for seen in identities)), None)
    if first is None:
        return None
    meet = _identity(*paths[0][first])
    ends = [first, *(seen[meet] for seen in identities)]
    start = next((path[end][0].shape.dims for path, end in zip(paths, ends) if path[end][0].shape.dims), None)
    scaled = [_scaling([call for _, call in reversed(path[:end])], axis, start) for path, end in zip(paths, ends)]
    if None in scaled or len({factor for factor, _, _ in scaled}) != 1:
        return None
    inexact = [call for _, layers, _ in scaled for call in layers]
    if not inexact or any(isinstance(call.record, PadRecord) for call in inexact):
        return None
    if len(inexact) > 1 and (not _one_line_writes_each_window(inexact) or all(layers for _, layers, _ in scaled)):
        return None
    return inexact[0], axis, "size", dict(exact=_exact_padding(inexact[0].record, axis)), tuple(inexact[1:])


WINDOW_ARGUMENTS = ("kernel_size", "stride", "padding", "dilation")


def _one_line_writes_each_window(inexact: list) -> bool:
    """Whether several layers not exact, beside a branch that keeps the size, are all built by one
    line that writes their kernel and padding itself (a loop's `Conv2d(c, c, 3, dilation=i + 1,
    padding=1)`, the padding not following the dilation): that line is the one edit. Windows a
    caller hands in (a wrapper's `nn.Conv2d(..., **kwargs)`, a block's `padding` parameter) are
    the callers', each its own edit."""
    spans = {call.node.span for call in inexact}
    return len(spans) == 1 and all(
        all(name in call.node.written_at and _within(call.node.written_at[name], call.node.span)
            for name in ("kernel_size", "padding"))
        and not any(call.node.arg_origins.get(name) for name in WINDOW_ARGUMENTS) for call in inexact)


def _one_padding_origin(inexact: list, axis: int) -> bool:
    """Whether several layers not exact all take their padding, one value, from one argument a
    caller writes (`block(..., padding=self.padding)` read by every conv of the block), and the one
    padding that makes each exact is the same: that argument is the one edit that breaks them all."""
    if len(inexact) < 2 or not all(isinstance(c.record, (ConvRecord, PoolRecord)) for c in inexact):
        return False
    origins = {(c.node.arg_origins.get("padding") or (None,))[0] for c in inexact}
    paddings = {_per_axis(c.record.padding, axis) for c in inexact}
    exact = {_exact_padding(c.record, axis) for c in inexact}
    return None not in origins and len(origins) == 1 and len(paddings) == 1 and len(exact) == 1 \
        and exact.pop().startswith("padding=")


def _stride_taken_twice(main: list, other: list, axis: int, main_factor: Fraction,
                        other_factor: Fraction) -> tuple | None:
    """(first, repeating) of a path where two layers take their stride from one argument a caller
    writes (a block's `stride`) while the other path strides once by that stride (its shortcut):
    the path divides the size twice where the block's contract is once. The first is the branch's
    first conv, where every ResNet-style block takes its stride; the later one repeats it and is the
    edit. None where the choice is not that one (the first strided layer is not the first conv, a
    third layer strides, the stride is not one argument's)."""
    strided = [c for c in main if _per_axis(c.record.stride, axis) not in (None, 1)]
    if len(strided) != 2 or any(getattr(c.record, "transposed", False) for c in main):
        return None
    first, repeating = strided
    origins = {(c.node.arg_origins.get("stride") or (None,))[0] for c in strided}
    stride = {_per_axis(c.record.stride, axis) for c in strided}
    convs = [c for c in main if isinstance(c.record, ConvRecord)]
    if None in origins or len(origins) != 1 or len(stride) != 1 or not convs or convs[0] is not first:
        return None
    stride = stride.pop()
    if not isinstance(stride, int) or main_factor * stride != other_factor:
        return None
    # the other path takes the stride once: one layer of it strides, by that stride
    other_strided = [c for c in other if _per_axis(c.record.stride, axis) not in (None, 1)]
    if len(other_strided) != 1 or _per_axis(other_strided[0].record.stride, axis) != stride \
            or any(getattr(c.record, "transposed", False) for c in other):
        return None
    return first, repeating


def _keeps_the_size(call) -> bool:
    """A module of a path that takes no stride and gives what it gets, a branch of its own: a
    norm, nn.Identity (not an activation, not an F.* op: those run on a path, they are none)."""
    record = call.record
    return not call.node.functional and (isinstance(record, NormRecord) or getattr(record, "type", None) == "Identity") \
        and call.input.shape.dims == call.output.shape.dims


def _differing_axis(op) -> int | None:
    """The last axis (from the right) where two operands of one rank differ: where torch stops."""
    dims = [t.shape.dims for t in op.operands]
    if len(dims) != 2 or None in dims or len(dims[0]) != len(dims[1]):
        return None
    return next((axis for axis in range(-1, -len(dims[0]) - 1, -1) if dims[0][axis] != dims[1][axis]), None)


def _identity(tensor, made_by_call) -> object:
    """What a tensor is, for where two paths meet: the model's input is one tensor, whether read
    before its first layer settled its rank (the placeholder a block got) or after."""
    return "the input" if made_by_call is None and tensor.producer == "the input" else id(tensor)


# ops of one tensor that move or merge only dims left of an axis, read by their detail: the tensor's
# size along that axis (from the right) is the one it had before
_LAYOUT_DETAILS = ("axes", "requested", "start_dim", "softmax", "training")


def _keeps_the_axis(op, axis: int) -> bool:
    """Whether an op of one tensor (`unsqueeze(1)`, a view or flatten of the leading dims, a
    transpose of the batch and a new dim, a softmax) gives the tensor it gets with the same dims
    from `axis` (from the right) on, in their place: the path goes on through it as through a
    layer that keeps the size. A permute or transpose must leave those dims where they are, a view
    keep them whole; anything else (a squeeze not recorded, einops, a view merging the axis) ends
    the path there."""
    if op.problem is not None or len(op.operands) != 1 or not isinstance(op.operands[0], Tensor) \
            or not any(key in op.detail for key in _LAYOUT_DETAILS):
        return False
    before, after = op.operands[0].shape.dims, op.result.shape.dims
    if before is None or after is None or len(before) + axis < 0 or len(after) + axis < 0 \
            or before[axis:] != after[axis:]:
        return False
    axes = op.detail.get("axes")
    if axes is None or "unsqueeze" in op.op:  # (a view keeps its trailing dims whole: equal sizes there are them)
        return True
    rank, kept = len(after), range(len(after) + axis, len(after))
    if "permute" in op.op:
        return len(axes) == rank and all(axes[i] == i for i in kept)
    return len(axes) == 2 and not any(a in kept for a in axes)  # transpose, swapaxes


def _carried_operand(op, axis: int):
    """The operand of a cat, + or * whose size along `axis` the result keeps, if one does."""
    dims = op.result.shape.dims if op.problem is None else None
    if dims is None or len(dims) + axis < 0:
        return None
    return next((t for t in op.operands if isinstance(t, Tensor) and t.shape.dims is not None
                 and len(t.shape.dims) == len(dims) and t.shape.dims[axis] == dims[axis]), None)


@dataclass(frozen=True, slots=True)
class _Cut:
    """A step of a path where a piece is cut from a tensor along dims that leave `axis` as it is
    (`x_s[:, :n]` of a dual-path block, an item of `torch.split(x, w, 1)`): the path goes on from
    the whole tensor, and the piece scales nothing."""

    whole: Tensor


def _path_back(tensor, made_by: dict, axis: int) -> list[tuple]:
    """[(tensor, the call or op that made it)] from an operand back to the first tensor nothing made."""
    path = []
    for _ in range(256):
        # (a piece a block returns, `out[:, :self.oup]`: followed into the block, not past its call)
        step, before = (_Cut(tensor.piece_of), tensor.piece_of) if _cut_along_other_dims(tensor, axis) \
            else made_by.get(id(tensor), (None, None))
        path.append((tensor, step))
        if step is None:
            break
        tensor = before
    return path


def _cut_along_other_dims(tensor, axis: int) -> bool:
    """Whether a tensor is a piece of another of its rank with the same size along `axis`."""
    whole = tensor.piece_of
    if whole is None or tensor.shape.dims is None or whole.shape.dims is None:
        return False
    dims, whole_dims = tensor.shape.dims, whole.shape.dims
    return len(dims) == len(whole_dims) and len(dims) + axis >= 0 and dims[axis] == whole_dims[axis]


def _per_axis(values, axis: int):
    """The entry of a per-spatial-dim tuple (kernel_size, stride, ...) for an axis from the right."""
    if not isinstance(values, tuple) or len(values) + axis < 0:
        return None
    return values[len(values) + axis]


def _scaling(calls: list, axis: int, start: tuple | None) -> tuple | None:
    """(factor, layers not exact, convs and pools) of a path of calls along one axis, or None when a
    call changes the size in a way not read here. A pad is an offset by design: it counts into the
    conv or pool that follows (ReflectionPad2d(1) then an unpadded 3x3 conv keeps the size).
    `start`: the dims of the tensor the paths share, for a block given the input before its rank
    was known."""
    factor, inexact, windows, pad, pads = Fraction(1), [], [], 0, []
    for call in calls:
        if isinstance(call, (TensorOp, _Cut)):
            continue  # followed only where it keeps the size
        dims_in, dims_out = call.input.shape.dims, call.output.shape.dims
        if dims_in is None and call.input.placeholder:
            dims_in = start
        if dims_in is None or dims_out is None or len(dims_in) != len(dims_out):
            return None
        record = call.record
        if isinstance(record, PadRecord):
            pairs = record.padding
            index = 2 * (-axis - 1)
            if not all(isinstance(v, int) for v in pairs) or index + 1 >= len(pairs):
                if dims_in[axis] == dims_out[axis]:
                    continue
                return None
            pad += pairs[index] + pairs[index + 1]
            pads.append(call)
            continue
        if isinstance(record, (ConvRecord, PoolRecord)):
            step = _window_step(record, axis, pad)
            if step is None:
                return None
            scale, exact = step
            factor *= scale
            windows.append(call)
            if not exact:
                # (a window left unpadded after one explicit pad of the code's, a manual 'SAME': the pad
                # is the padding to change, where another conv of the path has the window's kernel; a
                # pad a caller sizes is the caller's, tried where the call is)
                pad_is_the_padding = len(pads) == 1 and not pads[0].node.arg_origins \
                    and _per_axis(record.padding, axis) == 0 and any(
                    c is not call and isinstance(getattr(c, "record", None), ConvRecord)
                    and c.record.kernel_size == record.kernel_size for c in calls)
                inexact.append(pads[0] if pad_is_the_padding else call)
            pad, pads = 0, []
            continue
        if isinstance(record, UpsampleRecord) and record.size is None:
            scale = record.scale_factor
            scale = _per_axis(tuple(scale), axis) if isinstance(scale, (tuple, list)) else scale
            if not isinstance(scale, (int, float)) or not float(scale).is_integer() or pad:
                return None
            factor *= int(scale)
            continue
        if dims_in[axis] != dims_out[axis]:
            return None
    return (factor, inexact, windows) if pad == 0 else None


def _window_step(record, axis: int, pad: int) -> tuple | None:
    """(factor, exact) of a conv or pool along one axis, after `pad` pixels of explicit padding."""
    kernel, stride = _per_axis(record.kernel_size, axis), _per_axis(record.stride, axis)
    dilation = _per_axis(record.dilation, axis)
    padding = record.padding
    if padding == "same":
        return (Fraction(1), True) if stride == 1 and not pad else None
    padding = 0 if padding == "valid" else _per_axis(padding, axis)
    if not all(isinstance(v, int) for v in (kernel, stride, dilation, padding)):
        return None
    transposed = isinstance(record, ConvRecord) and record.transposed
    extra = _per_axis(record.output_padding, axis) if transposed else 0
    ceil_mode = isinstance(record, PoolRecord) and record.ceil_mode
    if (transposed and (pad or not isinstance(extra, int))) or not isinstance(ceil_mode, bool):
        return None  # a pad before a transposed conv, an output_padding or ceil_mode not known
    factor = Fraction(stride) if transposed else Fraction(1, stride)
    return factor, _exact(kernel, stride, padding, dilation, transposed, extra, pad, ceil_mode)


def _exact(kernel: int, stride: int, padding: int, dilation: int, transposed: bool = False, extra: int = 0,
           pad: int = 0, ceil_mode: bool = False) -> bool:
    """Whether a window gives exactly its factor of a size its stride divides (PROBE), as torch
    computes it: conv_transpose_out = PROBE * stride, or pool_out (conv_out) = PROBE."""
    if transposed:
        return shapes.conv_transpose_out(PROBE, kernel, stride, padding, dilation, extra) == PROBE * stride
    return shapes.pool_out(PROBE * stride + pad, kernel, stride, padding, dilation, ceil_mode) == PROBE


def _written_apart(node, argument: str) -> bool:
    """Whether a layer's argument is written outside its call (a local computed lines above)."""
    written = node.written_at.get(argument)
    return written is not None and not node.span.line <= written.line <= node.span.end_line


def _window_argument_at_fault(record, axis: int, node=None, constructed=()) -> tuple[str | None, int | None]:
    """(the argument whose edit alone makes a conv or pool give its size exactly: "padding" or
    "kernel_size", None where either would or neither can; the nearest odd kernel that would). A 3x3
    conv with padding=0 is right with padding=1 or with kernel_size=1: which was meant is not told,
    unless another line's conv shows one of them (`_window_shown_by`); a kernel of 4 at stride 1 is
    exact at no padding, and a dilation of 3 at padding=1 at no kernel."""
    kernel, stride = _per_axis(record.kernel_size, axis), _per_axis(record.stride, axis)
    dilation = _per_axis(record.dilation, axis)
    padding = _per_axis(record.padding_per_dim if isinstance(record, ConvRecord) else record.padding, axis)
    if not all(type(v) is int for v in (kernel, stride, dilation, padding)) \
            or isinstance(record, ConvRecord) and record.transposed or getattr(record, "ceil_mode", False):
        return "padding", None
    pool = isinstance(record, PoolRecord)
    paddings = [p for p in range(dilation * (kernel - 1) + 1) if p != padding and not (pool and 2 * p > kernel)
                and _exact(kernel, stride, p, dilation)]
    kernels = [k for k in range(1, 2 * padding + stride + 2) if k != kernel and not (pool and 2 * padding > k)
               and _exact(k, stride, padding, dilation)]
    nearest = min(kernels, key=lambda k: (k % 2 == 0, abs(k - kernel), k)) if kernels else None  # odd first
    if kernel == 1 and padding > 0 and 0 in paddings and not pool:
        # a 1x1 conv reads no neighbour: its padding only adds a border of bias, never what a 1x1 is for
        return "padding", nearest
    if paddings and kernels and node is not None and _line_varies_its_kernel(record, axis, node, constructed):
        # (the line builds other kernels too, `kernel_size=kernel_size` of a block built 3x3 and 5x5:
        # the kernel is its callers', the padding the line's own, to be written for each of them)
        return "padding", nearest
    if paddings and kernels and node is not None:
        shown = _window_shown_by(record, axis, padding, node, constructed, kernels)
        return shown, nearest
    if not (paddings or kernels):
        return None, nearest
    return ("padding" if paddings else "kernel_size"), nearest


def _line_varies_its_kernel(record, axis: int, node, constructed) -> bool:
    """Whether layers of its kind built by the same line take another kernel along the axis."""
    kernel = _per_axis(record.kernel_size, axis)
    return any(other.span == node.span and type(other.record) is type(record) and other.record.ndim == record.ndim
               and _per_axis(other.record.kernel_size, axis) != kernel for other in constructed)


def _window_shown_by(record, axis: int, padding: int, node, constructed, kernels: list) -> str | None:
    """For _window_argument_at_fault: "padding" where a layer of its kind on another line takes the same
    kernel and stride and gives its size exactly (a pix2pix decoder's ConvTranspose2d(k=4, s=2,
    p=1) mirroring the encoder's 4x4 conv): the kernel is the model's own, its padding the slip;
    "kernel_size" where one takes the same stride and padding with a kernel that would be exact
    (a 1x1 stride-2 shortcut elsewhere); None where neither or both show."""
    kernel, stride = _per_axis(record.kernel_size, axis), _per_axis(record.stride, axis)
    dilation = _per_axis(record.dilation, axis)
    kernel_shown = padding_shown = False
    for other in constructed:
        theirs = other.record
        # (a conv tells of a conv, a pool of a pool: a 1x1 stride-2 shortcut says nothing of a pool's window)
        if other.span == node.span or type(theirs) is not type(record) or theirs.ndim != record.ndim:
            continue
        transposed = getattr(theirs, "transposed", False)
        paddings = theirs.padding_per_dim if isinstance(theirs, ConvRecord) else theirs.padding
        # (along any of its axes: a factorised pair's (1, 5) conv shows the 5 of the (5, 1) one)
        for at in range(-len(theirs.kernel_size), 0):
            k, s, d = _per_axis(theirs.kernel_size, at), _per_axis(theirs.stride, at), _per_axis(theirs.dilation, at)
            p, extra = _per_axis(paddings, at), _per_axis(theirs.output_padding, at) if transposed else 0
            if not all(type(v) is int for v in (k, s, p, d, extra)) or s != stride or d != dilation \
                    or getattr(theirs, "ceil_mode", False) or not _exact(k, s, p, d, transposed, extra):
                continue
            kernel_shown = kernel_shown or k == kernel
            padding_shown = padding_shown or (not transposed and p == padding and k in kernels)
    if kernel_shown != padding_shown:
        return "padding" if kernel_shown else "kernel_size"
    return None


def _exact_padding(record, axis: int) -> str:
    """The padding with which a conv or pool gives its size exactly: `padding=1`, or how to get it."""
    kernel, stride = _per_axis(record.kernel_size, axis), _per_axis(record.stride, axis)
    dilation = _per_axis(record.dilation, axis)
    if not all(isinstance(v, int) for v in (kernel, stride, dilation)):
        return "the padding that keeps the size exact"
    transposed = isinstance(record, ConvRecord) and record.transposed
    for padding in range(dilation * (kernel - 1) + 1):
        if isinstance(record, PoolRecord) and 2 * padding > kernel:
            break
        for extra in range(max(stride, dilation)) if transposed else (0,):
            if _exact(kernel, stride, padding, dilation, transposed, extra):
                return f"padding={padding}" + (f", output_padding={extra}" if extra else "")
    if stride == 1 and isinstance(record, ConvRecord) and not transposed:
        return "padding='same'"
    return "a kernel and padding that keep the size exact"


@check("CL108")
def check_rank_mismatch(run: CheckRun) -> Iterator[Finding]:
    """Conv, pool, unpool, non-constant padding, Fold/Unfold on a tensor of a rank torch refuses
    (norms: CL104). Unbatched input, one dim less, is accepted as torch accepts it."""
    for call in run.model.calls:
        record = call.record
        if call.node.problem is not None or isinstance(record, NormRecord):
            continue
        if not layers.rank_refused(record, call.input.shape):
            continue
        ranks = layers.accepted_ranks(record)
        rank = len(call.input.shape.dims)
        wanted = _ranks_text(ranks)
        if isinstance(record, UpsampleRecord) and layers.upsample_sides(record) is not None:
            wanted = f"{ranks[0]}D"
            argument = "size" if isinstance(record.size, (tuple, list)) else "scale_factor"
            advice = (f"{argument} has {ranks[0] - 2} entries, one per dim after (N, C); give it {rank - 2} "
                      f"for this {rank}D tensor" if rank > 2 else f"{argument} has {ranks[0] - 2} entries")
        elif isinstance(record, UpsampleRecord):
            wanted = " or ".join(f"{r}D" for r in ranks)
            advice = f"mode='{record.mode}' interpolates {wanted} only; {_mode_for_rank(rank)}"
        elif rank > max(ranks):
            advice = f"merge the extra dims into the batch (x.flatten(0, {rank - max(ranks)})) or remove the extra dim"
        else:
            advice = "add the missing dims (x.unsqueeze(0) for a batch of one)"
        other = _layer_for_rank(record, rank)
        yield Finding(call.node.span, call.node.label, related=(call.span,), values=dict(
            layer=call.node.label, layer_repr=layer_repr(record), wanted=wanted, rank=rank,
            shape=str(call.input.shape), producer=call.input.producer, input=run.input_text,
            advice=advice + (f", or use {other}" if other else "")))


def _mode_for_rank(rank: int) -> str:
    """The interpolating mode torch has for a rank: (N, C) and one, two or three sides."""
    mode = next((mode for mode in ("linear", "bilinear", "trilinear") if rank in shapes.INTERPOLATE_RANKS[mode]), None)
    return f"use mode='{mode}' (or 'nearest') for {rank}D" if mode else "interpolate a 3D, 4D or 5D tensor"


def _ranks_text(ranks: tuple[int, ...]) -> str:
    """torch's wording: `3D (unbatched) or 4D (batched)`."""
    return f"{min(ranks)}D (unbatched) or {max(ranks)}D (batched)"


def _layer_for_rank(record, rank: int) -> str | None:
    """The same layer for inputs of this rank (Conv3d for a 5-D input to Conv2d), if torch has one."""
    ndim = field_of(record, "ndim", 0)
    suffix = f"{ndim}d"
    if not ndim or not record.type.endswith(suffix) or not 1 <= rank - 2 <= 3 or rank - 2 == ndim:
        return None
    return record.type[: -len(suffix)] + f"{rank - 2}d"


@check("CL111")
def check_size_assert(run: CheckRun) -> Iterator[Finding]:
    """An `assert h == 1` in forward() on a dim a layer made (`b, c, h, w = conv.size()` after a
    CRNN's CNN) that is another size for the input that reaches it: torch stops with an
    AssertionError there. Blamed at the layer that last changed that dim."""
    failed = run.model.failed_size
    if failed is None or run.model.input_source is None:
        return  # (a symbolic run: its asserts are contracts, not failures)
    tensor, axis, wanted, span = failed
    leaves = [c for c in run.model.calls if not c.node.children]
    maker = next((c for c in reversed(leaves) if c.output is tensor), None)
    seen = set()
    while maker is not None and id(maker) not in seen:
        seen.add(id(maker))
        before, after = maker.input.shape.dims, maker.output.shape.dims
        if not before or not after or len(before) != len(after) or before[axis] != after[axis]:
            break
        maker = next((c for c in reversed(leaves) if c.output is maker.input and c.start < maker.start), None)
    if maker is None:
        return  # the input's own size, or one an op made: not a layer's
    dims = maker.output.shape.dims
    if not dims or len(dims) != len(tensor.shape.dims) or dims[axis] != tensor.shape.dims[axis]:
        return
    yield Finding(maker.node.span, maker.node.label, related=(span, maker.span), values=dict(
        layer=maker.node.label, layer_repr=layer_repr(maker.record), side=_side_name(axis, len(dims)),
        actual=dims[axis], expected=wanted, line=span.line, shape=str(tensor.shape), input=run.input_text))


@check("CL115")
def check_failing_assert(run: CheckRun) -> Iterator[Finding]:
    """An assert that surely runs and whose condition the values known from the source decide
    false for the input analysed (`assert C % num_groups == 0` with 320 channels and 48 groups):
    torch stops there with an AssertionError. An assert on a layer's size a given input fails is
    CL111's, blamed at the layer; an assert on a rank convlint chose is no evidence."""
    model = run.model
    span, condition = model.failed_assert, model.failed_condition
    if span is None or condition is None or model.rank_assumed \
            or (model.failed_size is not None and model.input_source is not None):
        return
    text, values = condition
    yield Finding(span, values=dict(condition=text, values=f" ({values})" if values else "",
                                    input=run.input_text))


@check("CL112")
def check_index_out_of_range(run: CheckRun) -> Iterator[Finding]:
    """`x[:, 1]` of a tensor whose dim 1 is known to hold 1: torch raises IndexError. Recorded by the
    evaluator only where the index and the dim's size are both known."""
    for op in run.model.ops:
        if op.op != INDEX_OP or op.problem is None:
            continue
        (tensor,), detail = op.operands, op.detail
        yield Finding(op.span, values=dict(
            code=detail["code"], index=detail["index"], dim=detail["dim"], size=detail["size"],
            last=detail["size"] - 1, shape=str(tensor.shape), producer=tensor.producer, input=run.input_text))


@check("CL113")
def check_missing_forward(run: CheckRun) -> Iterator[Finding]:
    """`Block(16, 32)` called in forward() where Block, and every class it derives from, defines no
    forward (nor __call__): torch raises NotImplementedError. Recorded by the evaluator only where
    every base class is known and no code sets a forward; reported once for each class, at the
    construction of the first instance called."""
    reported: set[str] = set()
    for op in run.model.ops:
        if op.op != NO_FORWARD_OP or op.problem is None or op.speculative:
            continue
        node, name, where = op.detail["node"], op.detail["class"], op.detail["class_span"]
        if name in reported:
            continue
        reported.add(name)
        defined = f"line {where.line}" if not where.file else f"{where.file}:{where.line}"
        yield Finding(node.span, node.label, related=(op.span, where), node=node, values=dict(
            layer=node.label, cls=name, line=op.span.line, defined=defined, input=run.input_text))


@check("CL114")
def check_misspelled_torch_layer(run: CheckRun) -> Iterator[Finding]:
    """`nn.Relu(inplace=True)`: torch.nn has no Relu, so building the model raises AttributeError.
    The evaluator marks only a name torch.nn lacks that is a close spelling of one it has."""
    reported: set = set()
    for node in run.constructed_of(OpaqueRecord):
        meant = node.record.misspelled_of
        if meant is None or node.span in reported:
            continue
        reported.add(node.span)
        yield Finding(node.span, node.label, node=node, values=dict(
            layer=node.label, name=node.record.type, meant=meant))


def _side_name(axis: int, rank: int) -> str:
    """`height` for dim 2 of an NCHW map, as messages name a dim."""
    names = {3: ("batch", "channels", "length"), 4: ("batch", "channels", "height", "width"),
             5: ("batch", "channels", "depth", "height", "width")}.get(rank)
    return names[axis] if names else f"dim {axis}"
