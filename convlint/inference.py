"""Input-size inference: which square input sizes a model accepts, found by running its
forward() statically on each candidate (the model is built once) and keeping those without an
error-severity finding; those without dropped pixels (CL201) too are the clean ones.

The candidates come from the symbolic run: a Linear fed the flattened map pins the sizes
exactly (the sizes where its feature count comes out right, found by bisection, whatever
their size); otherwise sizes below the smallest at which every conv and pool output is >= 1
all fail, so the search starts there (a 1-D audio net that needs 6848 samples is found)."""

from __future__ import annotations

from math import gcd

from convlint import symbolic
from convlint.model import ModelAnalysis
from convlint.records import ConvRecord, LinearRecord, PoolRecord
from convlint.values import Sym, is_known

LARGEST = 320


def _template(model: ModelAnalysis) -> tuple | None:
    """(channels, spatial rank) from the shape the first layer gave the symbolic input."""
    shape = model.input_shape
    if shape is None or shape.dims is None or len(shape.dims) < 3:
        return None
    channels = shape.dims[1]
    return (channels, len(shape.dims) - 2) if is_known(channels) else None


def accepted_input(model: ModelAnalysis, diagnose, largest: int = LARGEST) -> dict | None:
    """{"sizes": [...], "clean": [...], "text": "..."}, or None when the model is not a 2d/1d
    image model with a known channel count. `diagnose(analysis)` gives its diagnostics."""
    template = _template(model)
    if template is None or model.rerun is None or template[1] not in (1, 2):
        return None
    channels, rank = template
    pinned = _pinned_sizes(model)
    if pinned is not None:
        candidates = range(pinned[0], pinned[1] + 1)
        largest = pinned[1] + 1  # a pinned run ends where the pin does: no "any size >="
    else:
        start = _smallest_that_fits(model)
        if start + 32 > largest:  # too few sizes left to see the pattern: search past the smallest
            largest = start + largest
        candidates = range(start, largest + 1)
    accepted, clean = [], []
    for size in candidates:
        trial = model.rerun((1, channels) + (size,) * rank)
        if trial.internal_error or trial.unresolved or trial.unfollowed():
            return None  # forward() not followed to its end: what it accepts is not known
        findings = diagnose(trial)
        if any(d.severity == "error" for d in findings):
            continue
        accepted.append(size)
        if not any(d.code == "CL201" for d in findings):
            clean.append(size)
    if pinned is not None and not accepted:
        largest = 1 << 62  # every size was decided: none works
    return {"sizes": accepted, "clean": clean, "text": describe(accepted, clean, rank, channels, largest)}


def _pinned_sizes(model: ModelAnalysis) -> tuple[int, int] | None:
    """(first, last) square size at which a Linear fed the flattened map gets its in_features;
    (1, 0), an empty run, when no square size does."""
    for call in model.calls:
        record, factors = call.node.record, call.input.merged
        if call.speculative or not isinstance(record, LinearRecord) or not factors or not is_known(record.in_features):
            continue
        if symbolic.spatial_count(factors):
            return symbolic.square_sizes(tuple(factors), record.in_features) or (1, 0)
    return None


def _smallest_that_fits(model: ModelAnalysis) -> int:
    """The smallest size at which every conv and pool output dim is >= 1; below it torch fails."""
    smallest = 1
    for call in model.calls:
        if call.speculative or not isinstance(call.node.record, (ConvRecord, PoolRecord)):
            continue
        for dim in call.output.shape.dims or ():
            if isinstance(dim, Sym) and symbolic.symbol_of(dim) in symbolic.SPATIAL:
                smallest = max(smallest, symbolic.lowest_valid(dim) or 1)
    return smallest


def _ranges(sizes: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for size in sizes:
        if out and out[-1][1] == size - 1:
            out[-1] = (out[-1][0], size)
        else:
            out.append((size, size))
    return out


def _progression(sizes: list[int]) -> int:
    """The common step of an arithmetic progression, or 0."""
    step = sizes[1] - sizes[0]
    return step if all(b - a == step for a, b in zip(sizes, sizes[1:])) else 0


def describe(accepted: list[int], clean: list[int], rank: int, channels: int, largest: int) -> str:
    def square(n: int) -> str:
        return "x".join([str(n)] * rank)

    prefix = f"{channels} channel{'s' if channels != 1 else ''}"
    if not accepted:
        return f"{prefix}: no input size up to {square(largest)} works" if largest < (1 << 62) \
            else f"{prefix}: no square input size works"
    ranges = _ranges(accepted)
    if len(accepted) == 1:
        text = f"{prefix}, only {square(accepted[0])}"
    elif ranges[-1][1] == largest and len(ranges) == 1:
        text = f"{prefix}, any size >= {square(ranges[0][0])}"
    elif len(accepted) > 2 and _progression(accepted) and accepted[-1] + _progression(accepted) > largest:
        step = _progression(accepted)
        rest = accepted[0] % step
        which = f"a multiple of {step}" if rest == 0 else f"{rest} more than a multiple of {step}"
        text = f"{prefix}, any size >= {square(accepted[0])} that is {which}"
    else:
        parts = [square(a) if a == b else f"{square(a)} to {square(b)}" for a, b in ranges[:4]]
        text = f"{prefix}, {', '.join(parts)}{' ...' if len(ranges) > 4 else ''}"
    if clean and len(clean) < len(accepted) and len(clean) > 1:
        step = 0
        for size in clean[1:]:
            step = gcd(step, size - clean[0])
        if step > 1:
            text += f" (no dropped pixels when the size is {clean[0] % step} mod {step})" if clean[0] % step \
                else f" (no dropped pixels when the size is a multiple of {step})"
    elif clean and len(clean) == 1 and len(accepted) > 1:
        open_ended = accepted[-1] == largest
        text += f" (no dropped pixels at {square(clean[0])} and some larger sizes)" if open_ended \
            else f" (no dropped pixels only at {square(clean[0])})"
    return text
