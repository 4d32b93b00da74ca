"""Shape arithmetic against real torch: layers.output_shape, own_params and shapes.* (hypothesis).

Each case draws constructor arguments as users write them (ints, per-dim tuples and lists,
positional or keyword, defaults left out), builds the torch module and convlint's record
from the SAME arguments (the record through the evaluator's LAYERS table), and runs torch
on a meta tensor. Meta is only trusted when it returns a non-empty shape: a refusal, or a
zero-sized dim (meta ConvTranspose2d/3d return one where CPU refuses), is confirmed on CPU.

When torch succeeds, convlint's shape is torch's; when torch refuses, convlint's per-dim
arithmetic says why (an output below 1, or a padded input smaller than the window), and
output_shape leaves that dim Unknown."""

import re

import pytest

torch = pytest.importorskip("torch")

from hypothesis import HealthCheck, event, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from convlint import layers, shapes  # noqa: E402
from convlint.config import Settings  # noqa: E402
from convlint.evaluator.torch_api import LAYERS  # noqa: E402
from convlint.pipeline import lint_text  # noqa: E402
from convlint.values import Shape, Sym, Unknown, is_known  # noqa: E402

nn = torch.nn
pytestmark = pytest.mark.filterwarnings("ignore:Using padding='same'", "ignore:Initializing zero-element tensors")
SWEEP = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
QUICK = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TORCH_ERRORS = (RuntimeError, ValueError, IndexError, TypeError, ZeroDivisionError)  # meta decomps divide
OMIT = object()  # an argument left at its default


class Refused(Exception):
    """Torch refused the forward pass (on CPU)."""


def record_for(name, args, kwargs):
    spec = LAYERS[name]
    return spec.build(name, spec.signature.bind(list(args), dict(kwargs)))


def torch_output(factory, shape):
    """Torch's output shape for a fresh module from factory() on an input of `shape`;
    Refused when torch refuses it on CPU (or returns an empty output from a non-empty input)."""
    try:
        with torch.device("meta"), torch.no_grad():
            out = factory()(torch.empty(shape))
        out = out[0] if isinstance(out, tuple) else out  # return_indices=True
        if min(out.shape, default=1) > 0:
            return tuple(out.shape)
    except TORCH_ERRORS:
        pass
    try:
        with torch.no_grad():
            out = factory()(torch.zeros(shape))
    except TORCH_ERRORS as error:
        raise Refused(str(error)) from error
    out = out[0] if isinstance(out, tuple) else out
    if min(out.shape, default=1) == 0 and min(shape) > 0:
        # Some CPU kernels (grouped ConvTranspose2d) return an empty tensor where the others
        # refuse "Output size is too small": the same collapse, so the same verdict.
        raise Refused(f"empty output {tuple(out.shape)}")
    return tuple(out.shape)


def n_params(module):
    return sum(p.numel() for p in module.parameters())


def per_dim(draw, n, low, high):
    """An int, a tuple or a list of n ints, as users write them."""
    form = draw(st.sampled_from(["int", "tuple", "list"]))
    if form == "int":
        return draw(st.integers(low, high))
    values = [draw(st.integers(low, high)) for _ in range(n)]
    return tuple(values) if form == "tuple" else values


def expand(value, n):
    return tuple(value) if isinstance(value, (tuple, list)) else (value,) * n


def split_call(draw, ordered, required):
    """Positional args for a prefix of the parameters, keywords for the rest; OMIT stays out."""
    cut = draw(st.integers(required, len(ordered)))
    args = []
    for _, value in ordered[:cut]:
        if value is OMIT:
            break
        args.append(value)
    kwargs = {name: value for name, value in ordered[len(args):] if value is not OMIT}
    return args, kwargs


def input_shape(draw, lead_channels, spatial):
    """(N, C, *spatial) with N in 1..3, or unbatched (C, *spatial)."""
    batch = draw(st.sampled_from([(), (1,), (2,), (3,)]))
    return batch + (lead_channels,) + tuple(spatial)


def sizes(draw, n, low=1, high=40):
    return [draw(st.integers(low, high)) for _ in range(n)]


def has_unknown(dims):
    return dims is None or any(isinstance(d, Unknown) for d in dims)


# ------------------------------------------------------------------------------ convolutions
@st.composite
def conv_call(draw):
    n = draw(st.sampled_from([1, 2, 3]))
    groups = draw(st.sampled_from([1, 1, 2, 4, 8]))
    cin, cout = groups * draw(st.integers(1, 8 // groups)), groups * draw(st.integers(1, 8 // groups))
    kernel = per_dim(draw, n, 1, 7)
    dilation = per_dim(draw, n, 1, 3) if draw(st.booleans()) else OMIT
    style = draw(st.sampled_from(["numbers", "numbers", "numbers", "same", "valid", "omit"]))
    if style == "numbers":
        padding = per_dim(draw, n, 0, 4)
    else:
        padding = {"same": "same", "valid": "valid", "omit": OMIT}[style]
    if style == "same":
        stride = draw(st.sampled_from([OMIT, 1, (1,) * n, [1] * n]))
    else:
        stride = per_dim(draw, n, 1, 4) if draw(st.booleans()) else OMIT
    padding_mode = draw(st.sampled_from(["zeros", "zeros", "zeros", OMIT, "replicate", "reflect", "circular"]))
    bias = draw(st.sampled_from([OMIT, True, False]))
    ordered = [("in_channels", cin), ("out_channels", cout), ("kernel_size", kernel), ("stride", stride),
               ("padding", padding), ("dilation", dilation), ("groups", groups), ("bias", bias),
               ("padding_mode", padding_mode)]
    args, kwargs = split_call(draw, ordered, 3)
    # reflect and circular modes pad by F.pad first, which needs pad < size (reflect) or <= size
    # (circular): small sizes make torch refuse that too
    spatial = sizes(draw, n, 1, 8 if padding_mode in ("reflect", "circular") else 40)
    return n, args, kwargs, input_shape(draw, cin, spatial)


@SWEEP
@given(conv_call())
@example((2, [3, 8, (3, 5)], {"padding": (0, 1), "stride": (3, 4)}, (1, 3, 8, 8)))
@example((1, [2, 2, 4], {"padding": "same", "dilation": 3}, (2, 1)))
def test_conv_output_shape_and_params_equal_torch(call):
    n, args, kwargs, shape = call
    name = f"Conv{n}d"
    record = record_for(name, args, kwargs)
    with torch.device("meta"):
        assert layers.own_params(record) == n_params(getattr(nn, name)(*args, **kwargs))
    predicted = layers.output_shape(record, Shape(shape)).dims
    try:
        expected = torch_output(lambda: getattr(nn, name)(*args, **kwargs), shape)
    except Refused as refusal:
        event("torch refused")
        if layers.padding_refused(record, Shape(shape)) is not None:  # F.pad's refusal (CL105)
            assert has_unknown(predicted)
            return
        assert record.padding != "same", refusal
        padding = record.padding_per_dim
        outs = [shapes.conv_out(i, k, s, p, d) for i, k, s, p, d in
                zip(shape[-n:], record.kernel_size, record.stride, padding, record.dilation)]
        padded_short = [i + 2 * p < shapes.window_reach(k, d) for i, k, p, d in
                        zip(shape[-n:], record.kernel_size, padding, record.dilation)]
        assert min(outs) < 1 or any(padded_short), (refusal, outs)
        assert has_unknown(predicted)
        return
    assert predicted == expected


@st.composite
def conv_transpose_call(draw):
    n = draw(st.sampled_from([1, 2, 3]))
    groups = draw(st.sampled_from([1, 1, 2, 4]))
    cin, cout = groups * draw(st.integers(1, 8 // groups)), groups * draw(st.integers(1, 8 // groups))
    kernel = per_dim(draw, n, 1, 6)
    stride = per_dim(draw, n, 1, 4)
    dilation = per_dim(draw, n, 1, 3)
    limits = [max(s, d) for s, d in zip(expand(stride, n), expand(dilation, n))]
    if draw(st.booleans()):
        output_padding = draw(st.integers(0, min(limits) - 1))
    else:
        output_padding = tuple(draw(st.integers(0, limit - 1)) for limit in limits)
    ordered = [("in_channels", cin), ("out_channels", cout), ("kernel_size", kernel),
               ("stride", draw(st.sampled_from([stride, OMIT]))), ("padding", per_dim(draw, n, 0, 6)),
               ("output_padding", output_padding), ("groups", groups),
               ("bias", draw(st.sampled_from([OMIT, True, False]))), ("dilation", dilation)]
    if ordered[3][1] is OMIT:  # stride 1: output_padding must then be below the dilation
        ordered[5] = ("output_padding", tuple(draw(st.integers(0, d - 1)) for d in expand(dilation, n)))
    args, kwargs = split_call(draw, ordered, 3)
    return n, args, kwargs, input_shape(draw, cin, sizes(draw, n, 1, 20))


@SWEEP
@given(conv_transpose_call())
@example((2, [2, 3, 1], {"padding": 1}, (1, 2, 2, 5)))  # meta returns 0 rows here, CPU refuses
def test_conv_transpose_output_shape_and_params_equal_torch(call):
    n, args, kwargs, shape = call
    name = f"ConvTranspose{n}d"
    record = record_for(name, args, kwargs)
    with torch.device("meta"):
        assert layers.own_params(record) == n_params(getattr(nn, name)(*args, **kwargs))
    raw = [shapes.conv_transpose_out(i, k, s, p, d, op) for i, k, s, p, d, op in zip(
        shape[-n:], record.kernel_size, record.stride, record.padding, record.dilation, record.output_padding)]
    predicted = layers.output_shape(record, Shape(shape)).dims
    try:
        expected = torch_output(lambda: getattr(nn, name)(*args, **kwargs), shape)
    except Refused as refusal:
        event("torch refused")
        assert min(raw) < 1, refusal
        assert has_unknown(predicted)
        return
    assert predicted == expected


# ------------------------------------------------------------------------------ pooling
@st.composite
def pool_call(draw):
    kind = draw(st.sampled_from(["Max", "Avg", "Avg", "LP"]))
    n = draw(st.sampled_from([1, 2] if kind == "LP" else [1, 2, 3]))
    # lp_pool1d multiplies by kernel_size, so a tuple kernel is a TypeError there (a known gap)
    kernel = draw(st.integers(1, 6)) if name_is_lp1d(kind, n) else per_dim(draw, n, 1, 6)
    half = [k // 2 for k in expand(kernel, n)]
    if draw(st.booleans()):
        padding = draw(st.integers(0, min(half)))
    else:
        padding = tuple(draw(st.integers(0, h)) for h in half)
    stride = draw(st.sampled_from([OMIT, None])) if draw(st.booleans()) else per_dim(draw, n, 1, 4)
    ceil_mode = draw(st.sampled_from([OMIT, True, False]))
    if kind == "Max":
        ordered = [("kernel_size", kernel), ("stride", stride), ("padding", padding),
                   ("dilation", per_dim(draw, n, 1, 3) if draw(st.booleans()) else OMIT),
                   ("return_indices", draw(st.sampled_from([OMIT, False, True]))), ("ceil_mode", ceil_mode)]
        required = 1
    elif kind == "Avg":
        ordered = [("kernel_size", kernel), ("stride", stride), ("padding", padding), ("ceil_mode", ceil_mode),
                   ("count_include_pad", draw(st.sampled_from([OMIT, True, False])))]
        if n > 1:
            ordered.append(("divisor_override", draw(st.sampled_from([OMIT, None, 2]))))
        required = 1
    else:
        ordered = [("norm_type", draw(st.sampled_from([1, 2, 3.0]))), ("kernel_size", kernel),
                   ("stride", stride), ("ceil_mode", ceil_mode)]
        required = 2
    args, kwargs = split_call(draw, ordered, required)
    channels = draw(st.integers(1, 8))
    return f"{kind}Pool{n}d", n, args, kwargs, input_shape(draw, channels, sizes(draw, n))


def name_is_lp1d(kind, n):
    return kind == "LP" and n == 1


def pool_refusal_reasons(record, spatial):
    """Per dim: the output below 1, the padded input short of the window, or (AvgPool3d only)
    the unpadded input short of the kernel, which avg_pool3d refuses and CL105 reports."""
    reasons = []
    for axis, (i, k, s, p, d) in enumerate(zip(spatial, record.kernel_size, record.stride, record.padding,
                                               record.dilation)):
        out = shapes.pool_out(i, k, s, p, d, record.ceil_mode)
        if out < 1:
            reasons.append((axis, "out", out))
        if i + 2 * p < shapes.window_reach(k, d):
            reasons.append((axis, "padded", i + 2 * p))
        if record.op == "avg" and record.ndim == 3 and i < k:
            reasons.append((axis, "avg3d", i))
    return reasons


@SWEEP
@given(pool_call())
@example(("MaxPool1d", 1, [3], {"stride": 2, "ceil_mode": True}, (1, 2, 2)))
@example(("AvgPool2d", 2, [3], {"stride": 2, "padding": 1, "ceil_mode": True}, (1, 1, 5, 6)))
def test_pool_output_shape_equals_torch(call):
    name, n, args, kwargs, shape = call
    record = record_for(name, args, kwargs)
    assert layers.own_params(record) == 0
    predicted = layers.output_shape(record, Shape(shape)).dims
    try:
        expected = torch_output(lambda: getattr(nn, name)(*args, **kwargs), shape)
    except Refused as refusal:
        event("torch refused")
        reasons = pool_refusal_reasons(record, shape[-n:])
        assert reasons, refusal
        if any(kind == "out" for _, kind, _ in reasons):
            assert has_unknown(predicted)
        return
    assert predicted == expected


@QUICK
@given(st.sampled_from(["Max", "Avg"]), st.sampled_from([1, 2, 3]), st.integers(1, 6), st.integers(1, 4), st.data())
def test_pool_padding_over_half_the_kernel_is_refused_by_both(kind, n, kernel, extra, data):
    """Pool.h checks kW/2 >= padW on the raw kernel; the record refuses the same (CL106)."""
    padding = kernel // 2 + extra
    args = [kernel, None, padding]
    shape = (1, 2) + (40,) * n
    with pytest.raises(Refused):
        torch_output(lambda: getattr(nn, f"{kind}Pool{n}d")(*args), shape)
    with pytest.raises(ValueError):
        record_for(f"{kind}Pool{n}d", args, {})


@SWEEP
@given(st.sampled_from(["Avg", "Max"]), st.sampled_from([1, 2, 3]), st.data())
def test_adaptive_pool_equals_torch(op, n, data):
    # torch takes None (keep that size) inside a tuple from 2d on; a bare None is a TypeError
    keep = st.one_of(st.none(), st.integers(1, 9)) if n > 1 else st.integers(1, 9)
    output = data.draw(st.one_of(st.integers(1, 9), st.tuples(*[keep] * n), st.lists(keep, min_size=n, max_size=n)))
    name = f"Adaptive{op}Pool{n}d"
    kwargs = data.draw(st.sampled_from([{}, {"return_indices": True}] if op == "Max" else [{}]))
    shape = input_shape(data.draw, data.draw(st.integers(1, 8)), sizes(data.draw, n))
    if data.draw(st.booleans()):
        args, kwargs = [], {"output_size": output, **kwargs}
    else:
        args = [output]
    record = record_for(name, args, kwargs)
    assert layers.own_params(record) == 0
    assert layers.output_shape(record, Shape(shape)).dims == torch_output(lambda: getattr(nn, name)(*args, **kwargs),
                                                                          shape)


# ------------------------------------------------------------------------------ upsample
@st.composite
def upsample_call(draw):
    n = draw(st.sampled_from([1, 2, 3]))
    modes = ["nearest", "nearest-exact", {1: "linear", 2: "bilinear", 3: "trilinear"}[n]] + (["bicubic"] if n == 2 else [])
    mode = draw(st.sampled_from(modes + [OMIT]))
    scalar = st.one_of(st.integers(1, 4), st.floats(0.05, 4.0, allow_nan=False, allow_infinity=False),
                       st.sampled_from([0.5, 1.5, 2.0, 2.5, 1 / 3, 0.1, 0.7]))
    if draw(st.booleans()):
        size = draw(st.one_of(st.integers(1, 50), st.tuples(*[st.integers(1, 50)] * n)))
        kwargs = {"size": size}
    else:
        scale = draw(st.one_of(scalar, st.tuples(*[scalar] * n)))
        kwargs = {"scale_factor": scale}
        if draw(st.booleans()):
            kwargs["recompute_scale_factor"] = draw(st.sampled_from([True, False, None]))
    if mode is not OMIT:
        kwargs["mode"] = mode
        if mode in ("linear", "bilinear", "trilinear", "bicubic") and draw(st.booleans()):
            kwargs["align_corners"] = draw(st.booleans())
    shape = (draw(st.integers(1, 3)), draw(st.integers(1, 8))) + tuple(sizes(draw, n))
    return kwargs, shape


@SWEEP
@given(upsample_call())
@example(({"scale_factor": 0.5}, (1, 2, 1)))
@example(({"scale_factor": 0.7}, (1, 1, 10, 10)))
def test_upsample_equals_torch(call):
    kwargs, shape = call
    record = record_for("Upsample", [], kwargs)
    predicted = layers.output_shape(record, Shape(shape)).dims
    try:
        expected = torch_output(lambda: nn.Upsample(**kwargs), shape)
    except Refused as refusal:  # "Input and output sizes should be greater than 0"
        event("torch refused")
        assert min(predicted[2:]) < 1, refusal
        return
    assert predicted == expected


# ------------------------------------------------------------------------------ padding layers
@st.composite
def pad_call(draw):
    kind = draw(st.sampled_from(["Zero", "Constant", "Reflection", "Replication", "Circular"]))
    n = draw(st.sampled_from([1, 2, 3]))
    pairs = n if kind not in ("Zero", "Constant") else draw(st.integers(1, n))  # a shorter tuple pads the last dims
    if pairs == n and draw(st.booleans()):
        padding = draw(st.integers(0, 4))
    else:
        padding = tuple(draw(st.integers(0, 4)) for _ in range(2 * pairs))
    spatial = sizes(draw, n, 1, 6 if kind in ("Reflection", "Circular") else 30)  # reflect: pad < size, circular: <=
    args = [padding, draw(st.sampled_from([0.0, 1.5]))] if kind == "Constant" else [padding]
    if draw(st.booleans()):
        args, kwargs = [], dict(zip(["padding", "value"], args))
    else:
        kwargs = {}
    return f"{kind}Pad{n}d", args, kwargs, input_shape(draw, draw(st.integers(1, 8)), spatial)


@SWEEP
@given(pad_call())
def test_padding_layers_equal_torch(call):
    name, args, kwargs, shape = call
    record = record_for(name, args, kwargs)
    assert layers.own_params(record) == 0
    predicted = layers.output_shape(record, Shape(shape)).dims
    try:
        expected = torch_output(lambda: getattr(nn, name)(*args, **kwargs), shape)
    except Refused as refusal:  # reflect padding not below the size, circular wider than it
        event("torch refused")
        assert layers.padding_refused(record, Shape(shape)) is not None, refusal
        assert has_unknown(predicted)
        return
    assert layers.padding_refused(record, Shape(shape)) is None
    assert predicted == expected


# ------------------------------------------------------------------------------ flatten, linear
@SWEEP
@given(st.data())
def test_flatten_equals_torch(data):
    rank = data.draw(st.integers(1, 5))
    shape = tuple(data.draw(st.integers(0, 5)) for _ in range(rank))
    start = data.draw(st.sampled_from([OMIT, *range(-rank - 1, rank + 1)]))
    end = data.draw(st.sampled_from([OMIT, *range(-rank - 1, rank + 1)]))
    kwargs = {k: v for k, v in (("start_dim", start), ("end_dim", end)) if v is not OMIT}
    record = record_for("Flatten", [], kwargs)
    predicted = layers.output_shape(record, Shape(shape)).dims
    try:
        expected = tuple(nn.Flatten(**kwargs)(torch.zeros(shape)).shape)
    except TORCH_ERRORS:
        assert predicted is None
        return
    assert predicted == expected


@pytest.mark.xfail(strict=True, reason="flatten_shape returns (1,) for any 0-d input, but torch.flatten of a "
                   "0-d tensor only takes dims in [-1, 0]: nn.Flatten() (start_dim=1) raises IndexError")
def test_flatten_of_a_scalar_checks_the_dims():
    with pytest.raises(IndexError):
        nn.Flatten()(torch.zeros(()))
    assert layers.output_shape(record_for("Flatten", [], {}), Shape(())).dims is None


@SWEEP
@given(st.data())
def test_linear_equals_torch(data):
    lead = tuple(data.draw(st.integers(1, 4)) for _ in range(data.draw(st.sampled_from([0, 1, 1, 2]))))
    in_features, out_features = data.draw(st.integers(0, 8)), data.draw(st.integers(1, 8))
    bias = data.draw(st.sampled_from([OMIT, True, False]))
    args, kwargs = split_call(data.draw, [("in_features", in_features), ("out_features", out_features),
                                          ("bias", bias)], data.draw(st.sampled_from([0, 2])))
    record = record_for("Linear", args, kwargs)
    shape = lead + (in_features,)
    with torch.device("meta"):
        assert layers.own_params(record) == n_params(nn.Linear(*args, **kwargs))
    assert layers.output_shape(record, Shape(shape)).dims == torch_output(lambda: nn.Linear(*args, **kwargs), shape)


# ------------------------------------------------------------------------------ parameters
@st.composite
def parameterised_call(draw):
    c = draw(st.integers(1, 16))
    kind = draw(st.sampled_from(["BatchNorm", "InstanceNorm", "GroupNorm", "LayerNorm", "PReLU", "SyncBatchNorm"]))
    if kind in ("BatchNorm", "InstanceNorm"):
        name = f"{kind}{draw(st.sampled_from([1, 2, 3]))}d"
        ordered = [("num_features", c), ("eps", OMIT), ("momentum", draw(st.sampled_from([OMIT, 0.1, None]))),
                   ("affine", draw(st.sampled_from([OMIT, True, False]))),
                   ("track_running_stats", draw(st.sampled_from([OMIT, True, False])))]
        return name, *split_call(draw, ordered, 1)
    if kind == "SyncBatchNorm":
        return kind, *split_call(draw, [("num_features", c), ("eps", OMIT), ("momentum", OMIT),
                                        ("affine", draw(st.sampled_from([OMIT, True, False])))], 1)
    if kind == "GroupNorm":
        groups = draw(st.sampled_from([g for g in range(1, c + 1) if c % g == 0]))
        ordered = [("num_groups", groups), ("num_channels", c), ("eps", OMIT),
                   ("affine", draw(st.sampled_from([OMIT, True, False])))]
        return kind, *split_call(draw, ordered, 2)
    if kind == "LayerNorm":
        dims = [draw(st.integers(1, 6)) for _ in range(draw(st.integers(1, 3)))]
        shape = draw(st.sampled_from([dims[0], tuple(dims), list(dims)]))
        ordered = [("normalized_shape", shape), ("eps", OMIT),
                   ("elementwise_affine", draw(st.sampled_from([OMIT, True, False]))),
                   ("bias", draw(st.sampled_from([OMIT, True, False])))]
        return kind, *split_call(draw, ordered, 1)
    ordered = [("num_parameters", draw(st.sampled_from([OMIT, 1, c]))), ("init", draw(st.sampled_from([OMIT, 0.1])))]
    return kind, *split_call(draw, ordered, 0)


@SWEEP
@given(parameterised_call())
def test_own_params_equal_torch(call):
    name, args, kwargs = call
    with torch.device("meta"):
        module = getattr(nn, name)(*args, **kwargs)
    assert layers.own_params(record_for(name, args, kwargs)) == n_params(module)


# ------------------------------------------------------------------------------ view, broadcast, cat
# ------------------------------------------------------------------------------ view, broadcast, cat
def evaluate(dim, env):
    """A known or affine symbolic dim at concrete values of its symbols."""
    if is_known(dim):
        return dim
    assert isinstance(dim, Sym) and not dim.opaque, dim
    return (dim.scale * env[dim.base] + dim.offset) // dim.divisor


@st.composite
def view_call(draw):
    shape = tuple(draw(st.integers(0, 4)) for _ in range(draw(st.integers(0, 4))))
    if draw(st.booleans()):  # regroup the input's elements: mostly valid requests
        requested, run = [], 1
        for d in shape:
            run *= d
            if draw(st.booleans()):
                requested.append(run)
                run = 1
        requested.append(run)
        requested += [1] * draw(st.integers(0, 1))
        requested = draw(st.permutations(requested)) if draw(st.integers(0, 3)) == 0 else requested
        requested = list(requested)
    else:
        requested = [draw(st.integers(0, 8)) for _ in range(draw(st.integers(0, 4)))]
    if requested:
        for _ in range(draw(st.sampled_from([0, 1, 1, 1, 2]))):
            requested[draw(st.integers(0, len(requested) - 1))] = -1
        if draw(st.integers(0, 9)) == 0:
            requested[draw(st.integers(0, len(requested) - 1))] = draw(st.sampled_from([-2, -5]))
    return shape, tuple(requested)


@SWEEP
@given(view_call())
@example(((0, 3), (0, -1)))  # torch: the -1 "can be any value and is ambiguous"
@example(((2, 3), (-1, -1)))
@example(((2, 3), (3, -2)))
@example(((), ()))
def test_view_shape_matches_torch(call):
    shape, requested = call
    result, problem = shapes.view_shape(Shape(shape), requested)
    try:
        expected = tuple(torch.zeros(shape).view(requested).shape)
    except RuntimeError as error:
        event("torch refused")
        assert problem is not None, error
        return
    assert problem is None
    assert result.dims == expected


@QUICK
@given(st.lists(st.integers(1, 4), min_size=1, max_size=3), st.integers(1, 5), st.data())
def test_view_keeps_a_symbolic_batch(rest, batch, data):
    """x.view(x.size(0), -1) and x.view(-1, k) on (N, ...) agree with torch at any N."""
    shape = Shape((Sym("N"), *rest))
    numel = 1
    for d in rest:
        numel *= d
    result, problem = shapes.view_shape(shape, (Sym("N"), -1))
    assert problem is None
    kept, flat = result.dims
    assert kept == Sym("N")
    assert (batch, evaluate(flat, {"N": batch})) == tuple(torch.zeros(batch, *rest).view(batch, -1).shape)
    k = data.draw(st.sampled_from([d for d in range(1, numel + 1) if numel % d == 0]))
    result, problem = shapes.view_shape(shape, (-1, k))
    assert problem is None
    rows, cols = result.dims
    assert (evaluate(rows, {"N": batch}), cols) == tuple(torch.zeros(batch, *rest).view(-1, k).shape)


BROADCAST_ERROR = re.compile(r"size of tensor a \((\d+)\) must match the size of tensor b \((\d+)\) "
                             r"at non-singleton dimension (\d+)")


def padded_pair(a, b):
    rank = max(len(a), len(b))
    return (1,) * (rank - len(a)) + tuple(a), (1,) * (rank - len(b)) + tuple(b)


@SWEEP
@given(st.lists(st.sampled_from([0, 1, 1, 2, 3]), max_size=4), st.lists(st.sampled_from([0, 1, 1, 2, 3]), max_size=4))
def test_broadcast_shapes_match_torch(a, b):
    a, b = tuple(a), tuple(b)
    result, failing = shapes.broadcast_shapes(Shape(a), Shape(b))
    try:
        expected = tuple(torch.broadcast_shapes(a, b))
    except RuntimeError:
        event("torch refused")
        assert failing is not None and result.dims is None
        pa, pb = padded_pair(a, b)
        clashes = [i for i, (x, y) in enumerate(zip(pa, pb)) if x != y and 1 not in (x, y)]
        if len(clashes) == 1:  # several: see test_broadcast_names_the_dim_torch_names
            with pytest.raises(RuntimeError, match=BROADCAST_ERROR) as error:
                torch.zeros(a) + torch.zeros(b)
            x, y, dim = map(int, BROADCAST_ERROR.search(str(error.value)).groups())
            assert (pa[failing], pb[failing], failing) == (x, y, dim)
        return
    assert failing is None and result.dims == expected


def test_broadcast_names_the_dim_torch_names():
    a, b = (2, 3), (3, 2)
    with pytest.raises(RuntimeError, match=BROADCAST_ERROR) as error:
        torch.zeros(a) + torch.zeros(b)
    assert BROADCAST_ERROR.search(str(error.value)).group(3) == "1"  # torch: (3) vs (2) at dimension 1
    assert shapes.broadcast_shapes(Shape(a), Shape(b))[1] == 1


CAT_ERROR_META = re.compile(r"Expected (\d+) in dimension (\d+) but got (\d+) for tensor number (\d+)")


@SWEEP
@given(st.data())
def test_cat_shape_matches_torch(data):
    rank = data.draw(st.integers(1, 4))
    dim = data.draw(st.integers(-rank, rank - 1))
    base = [data.draw(st.integers(0, 3)) for _ in range(rank)]
    tensors = []
    for _ in range(data.draw(st.integers(1, 4))):
        dims = list(base)
        dims[dim] = data.draw(st.integers(0, 3))
        if data.draw(st.integers(0, 3)) == 0:  # now and then a clash outside the cat dim
            dims[data.draw(st.integers(0, rank - 1))] = data.draw(st.integers(0, 3))
        tensors.append(tuple(dims))
    result, clash = shapes.cat_shape([Shape(t) for t in tensors], dim)
    try:
        expected = tuple(torch.cat([torch.zeros(t) for t in tensors], dim).shape)
    except RuntimeError:
        event("torch refused")
        assert clash is not None and result.dims is None
        with pytest.raises(RuntimeError) as error:  # meta words it with the dimension that clashes
            torch.cat([torch.empty(t, device="meta") for t in tensors], dim)
        got = CAT_ERROR_META.search(str(error.value))
        assert got is not None, str(error.value)
        expected_size, axis, got_size, number = map(int, got.groups())
        assert clash == (number, axis, expected_size, got_size)
        return
    assert clash is None and result.dims == expected


@QUICK
@given(st.lists(st.lists(st.integers(0, 3), max_size=3).map(tuple), min_size=1, max_size=3), st.integers(-3, 2))
def test_cat_never_gives_a_shape_torch_refuses(tensors, dim):
    """Ranks that differ, or a dim out of range: not judged (Shape(None)), never a wrong shape."""
    result, clash = shapes.cat_shape([Shape(t) for t in tensors], dim)
    try:
        expected = tuple(torch.cat([torch.zeros(t) for t in tensors], dim).shape)
    except TORCH_ERRORS:
        assert result.dims is None
        return
    assert clash is None
    assert result.dims is None or result.dims == expected  # legacy: torch skips 1-d empty tensors


# ------------------------------------------------------------------------------ pixel and channel shuffle
@FEW
@given(st.sampled_from(["PixelShuffle", "PixelUnshuffle"]), st.integers(1, 3), st.integers(3, 5), st.data())
def test_pixel_shuffle_equals_torch(name, factor, rank, data):
    """Shuffle: channels a multiple of r*r; unshuffle: height and width multiples of r."""
    multiple = data.draw(st.booleans())
    dims = [data.draw(st.integers(1, 3)) for _ in range(rank - 3)]
    if name == "PixelShuffle":
        channels = factor * factor * data.draw(st.integers(1, 3)) if multiple else data.draw(st.integers(1, 12))
        spatial = sizes(data.draw, 2, 1, 6)
    else:
        channels = data.draw(st.integers(1, 4))
        spatial = [factor * s for s in sizes(data.draw, 2, 1, 4)] if multiple else sizes(data.draw, 2, 1, 9)
    shape = tuple(dims) + (channels, *spatial)
    args = [factor] if data.draw(st.booleans()) else []
    kwargs = {} if args else {"upscale_factor" if name == "PixelShuffle" else "downscale_factor": factor}
    record = record_for(name, args, kwargs)
    assert layers.own_params(record) == 0
    predicted = layers.output_shape(record, Shape(shape)).dims
    try:
        expected = torch_output(lambda: getattr(nn, name)(*args, **kwargs), shape)
    except Refused:
        event("torch refused")
        assert predicted is None
        return
    assert predicted == expected


@FEW
@given(st.integers(1, 4), st.integers(2, 5), st.data())
def test_channel_shuffle_equals_torch(groups, rank, data):
    shape = tuple(sizes(data.draw, rank, 1, 9))
    record = record_for("ChannelShuffle", [groups], {})
    predicted = layers.output_shape(record, Shape(shape)).dims
    try:
        expected = torch_output(lambda: nn.ChannelShuffle(groups), shape)
    except Refused:  # more than 2 dims, channels a multiple of groups
        event("torch refused")
        assert predicted is None
        return
    assert predicted == expected


# ------------------------------------------------------------------------------ max unpool
@FEW
@given(st.sampled_from([1, 2, 3]), st.data())
def test_max_unpool_equals_torch(n, data):
    """Indices of the input's shape (index 0 is valid everywhere); output_size= sometimes the
    size the pool started from, sometimes one more than a stride off."""
    kernel = per_dim(data.draw, n, 1, 4)
    stride = data.draw(st.sampled_from([OMIT, None])) if data.draw(st.booleans()) else per_dim(data.draw, n, 1, 3)
    padding = data.draw(st.sampled_from([OMIT, 0, 1]))
    ordered = [("kernel_size", kernel), ("stride", stride), ("padding", padding)]
    args, kwargs = split_call(data.draw, ordered, 1)
    name = f"MaxUnpool{n}d"
    record = record_for(name, args, kwargs)
    assert layers.own_params(record) == 0
    shape = input_shape(data.draw, data.draw(st.integers(1, 4)), sizes(data.draw, n, 1, 8))
    default = layers.output_shape(record, Shape(shape)).dims
    output_size = None
    if data.draw(st.booleans()):
        offsets = [data.draw(st.integers(-4, 4)) for _ in range(n)]
        raw = [shapes.max_unpool_out(i, k, st_, p) for i, k, st_, p in zip(
            shape[-n:], record.kernel_size, record.stride, record.padding)]
        output_size = [d + o for d, o in zip(raw, offsets)]
        if data.draw(st.booleans()):
            output_size = list(shape[:-n]) + output_size  # x.size() of a batched input: N and C as well
    from convlint.evaluator.tensor_ops import _unpooled, unpool_sizes

    predicted = _unpooled(record, Shape(shape), Shape(default), output_size).dims
    indices = torch.zeros(shape, dtype=torch.long)

    class Unpool(nn.Module):
        def __init__(self):
            super().__init__()
            self.unpool = getattr(nn, name)(*args, **kwargs)

        def forward(self, x):
            return self.unpool(x, indices.to(x.device), output_size=output_size)

    try:
        expected = torch_output(Unpool, shape)
    except Refused:
        event("torch refused")
        # unknown, or an output_size convlint reports as refused (CL107; the output then the default)
        asked = unpool_sizes(record, output_size)
        assert has_unknown(predicted) or shapes.unpool_output_size_refused(
            shape[-n:], record.kernel_size, record.stride, record.padding, asked) is not None
        return
    assert predicted == expected


@FEW
@given(st.sampled_from([1, 2, 3]), st.data())
def test_max_unpool_indices_of_another_shape_are_refused_as_torch_refuses(n, data):
    """CL107's unpool test (indices of another rank, or a dim that differs) is torch's: the input
    of a rank the layer takes, the indices sometimes of its shape, sometimes another stage's."""
    from convlint.checks.sizes import unpool_indices_differ

    shape = input_shape(data.draw, data.draw(st.integers(1, 4)), sizes(data.draw, n, 1, 6))
    indices = list(shape)
    if data.draw(st.booleans()):
        indices[data.draw(st.integers(0, len(indices) - 1))] += data.draw(st.integers(1, 3))
    if data.draw(st.booleans()):
        indices = indices[1:] if len(indices) == n + 2 else [2, *indices]
    unpool = getattr(nn, f"MaxUnpool{n}d")(2)
    try:
        unpool(torch.zeros(shape), torch.zeros(indices, dtype=torch.long))
        refused = False
    except RuntimeError as error:
        assert "Expected shape of indices to be same as that of the input tensor" in str(error)
        refused = True
    assert unpool_indices_differ(tuple(shape), tuple(indices)) == refused


# ------------------------------------------------------------------------------ fold, unfold
@st.composite
def window_args(draw):
    return dict(kernel_size=per_dim(draw, 2, 1, 4), dilation=per_dim(draw, 2, 1, 2), padding=per_dim(draw, 2, 0, 2),
                stride=per_dim(draw, 2, 1, 3))


@FEW
@given(window_args(), st.data())
def test_unfold_equals_torch(window, data):
    args, kwargs = split_call(data.draw, list(window.items()), 1)
    record = record_for("Unfold", args, kwargs)
    assert layers.own_params(record) == 0
    shape = input_shape(data.draw, data.draw(st.integers(1, 4)), sizes(data.draw, 2, 1, 10))
    predicted = layers.output_shape(record, Shape(shape)).dims
    try:
        expected = torch_output(lambda: nn.Unfold(*args, **kwargs), shape)
    except Refused:
        event("torch refused")
        assert predicted is None
        return
    assert predicted == expected


@FEW
@given(window_args(), st.data())
def test_fold_equals_torch(window, data):
    """Fold of Unfold's output, with the columns or the block count sometimes off by one."""
    output_size = per_dim(data.draw, 2, 1, 10)
    args, kwargs = split_call(data.draw, [("output_size", output_size), *window.items()], 2)
    record = record_for("Fold", args, kwargs)
    spatial = expand(output_size, 2)
    blocks = [shapes.conv_out(i, k, s, p, d) for i, k, s, p, d in zip(
        spatial, record.kernel_size, record.stride, record.padding, record.dilation)]
    columns = data.draw(st.integers(1, 3)) * record.kernel_size[0] * record.kernel_size[1]
    length = max(blocks[0], 0) * max(blocks[1], 0)
    columns += data.draw(st.sampled_from([0, 0, 0, 1]))
    length = max(1, length + data.draw(st.sampled_from([0, 0, 0, 1, -1])))
    shape = data.draw(st.sampled_from([(), (1,), (2,)])) + (columns, length)
    predicted = layers.output_shape(record, Shape(shape)).dims
    try:
        expected = torch_output(lambda: nn.Fold(*args, **kwargs), shape)
    except Refused:
        event("torch refused")
        assert predicted is None
        return
    assert predicted == expected


# ------------------------------------------------------------------------------ embedding
@FEW
@given(st.integers(1, 20), st.integers(1, 8), st.data())
def test_embedding_equals_torch(rows, dim, data):
    padding_idx = data.draw(st.sampled_from([OMIT, None, 0, rows - 1, -1]))
    ordered = [("num_embeddings", rows), ("embedding_dim", dim), ("padding_idx", padding_idx)]
    args, kwargs = split_call(data.draw, ordered, 2)
    record = record_for("Embedding", args, kwargs)
    with torch.device("meta"):
        assert layers.own_params(record) == n_params(nn.Embedding(*args, **kwargs))
    shape = tuple(sizes(data.draw, data.draw(st.integers(0, 3)), 1, 5))
    with torch.no_grad():
        expected = tuple(nn.Embedding(*args, **kwargs)(torch.zeros(shape, dtype=torch.long)).shape)
    assert layers.output_shape(record, Shape(shape)).dims == expected


def test_embedding_padding_idx_out_of_range_is_refused_by_both():
    with pytest.raises(AssertionError, match="Padding_idx must be within num_embeddings"):
        nn.Embedding(10, 4, padding_idx=10)
    with pytest.raises(ValueError, match="padding_idx=10 must be within num_embeddings=10"):
        record_for("Embedding", [10, 4], {"padding_idx": 10})


# ------------------------------------------------------------------------------ input rank
RANKED = {
    "Conv": lambda n: (f"Conv{n}d", [4, 4, 1]), "ConvTranspose": lambda n: (f"ConvTranspose{n}d", [4, 4, 1]),
    "MaxPool": lambda n: (f"MaxPool{n}d", [1]), "AvgPool": lambda n: (f"AvgPool{n}d", [1]),
    "AdaptiveMaxPool": lambda n: (f"AdaptiveMaxPool{n}d", [1]),
    "AdaptiveAvgPool": lambda n: (f"AdaptiveAvgPool{n}d", [1]), "MaxUnpool": lambda n: (f"MaxUnpool{n}d", [1]),
    "BatchNorm": lambda n: (f"BatchNorm{n}d", [4]), "InstanceNorm": lambda n: (f"InstanceNorm{n}d", [4]),
    "ReflectionPad": lambda n: (f"ReflectionPad{n}d", [1]), "ReplicationPad": lambda n: (f"ReplicationPad{n}d", [1]),
    "CircularPad": lambda n: (f"CircularPad{n}d", [1]), "ZeroPad": lambda n: (f"ZeroPad{n}d", [1]),
    "LPPool": lambda n: (f"LPPool{min(n, 2)}d", [2, 1]), "Unfold": lambda n: ("Unfold", [1]),
    "Fold": lambda n: ("Fold", [(2, 2), 1]),
}


@pytest.mark.parametrize("family", sorted(RANKED))
def test_rank_refusals_equal_torch(family):
    """Every rank 1..6, all dims 4 (the layers are built for 4 channels, windows of 1, Fold for
    4 blocks): torch refuses only for the rank. Where convlint judges a rank (CL108, CL104),
    it refuses exactly what torch refuses; where it does not, torch must not refuse."""
    for n in (1, 2, 3):
        name, args = RANKED[family](n)
        record = record_for(name, args, {})
        for rank in range(1, 7):
            shape = (4,) * rank
            module = getattr(nn, name)(*args).eval()
            try:
                with torch.no_grad():
                    if name.startswith("MaxUnpool"):
                        module(torch.zeros(shape), torch.zeros(shape, dtype=torch.long))
                    else:
                        module(torch.zeros(shape))
                refused = False
            except TORCH_ERRORS:
                refused = True
            ours = layers.rank_refused(record, Shape(shape))
            if layers.accepted_ranks(record) is None:
                assert not ours  # adaptive average pools and constant padding take any rank from n up
                assert not refused or rank < n, (name, rank)
            else:
                assert ours == refused, (name, rank)


# ------------------------------------------------------------------------------ known gaps
REFUSED_AT_THE_EDGES = [
    pytest.param("ReflectionPad2d", [3], {}, (1, 2, 3, 7), id="reflection-pad-not-smaller-than-input"),
    pytest.param("CircularPad1d", [4], {}, (1, 2, 3), id="circular-pad-wraps-twice"),
    pytest.param("Conv1d", [2, 3, 3], {"padding": 3, "padding_mode": "reflect"}, (1, 2, 2),
                 id="conv-reflect-padding-not-smaller-than-input"),
    pytest.param("Conv2d", [2, 3, 5], {"padding": "same", "padding_mode": "reflect"}, (1, 2, 2, 9),
                 id="conv-same-reflect-padding-not-smaller-than-input"),
    pytest.param("AvgPool3d", [3], {"padding": 1}, (1, 2, 2, 7, 7), id="avg-pool-3d-input-below-kernel"),
    pytest.param("InstanceNorm2d", [2], {}, (1, 2, 1, 1), id="instance-norm-one-element"),
    pytest.param("InstanceNorm1d", [2], {}, (2, 1), id="instance-norm-one-element-unbatched"),
]


@pytest.mark.parametrize(("name", "args", "kwargs", "shape"), REFUSED_AT_THE_EDGES)
def test_refusals_give_unknown(name, args, kwargs, shape):
    """output_shape promises Unknown where torch refuses (and a rule reports it: CL105)."""
    with pytest.raises(Refused):
        torch_output(lambda: getattr(nn, name)(*args, **kwargs).eval(), shape)
    assert has_unknown(layers.output_shape(record_for(name, args, kwargs), Shape(shape)).dims)


@pytest.mark.xfail(strict=True, reason="LPPool1d's forward does out.mul(kernel_size), a TypeError for a tuple "
                   "kernel; the record keeps only the per-dim sizes, so the tuple is not seen")
def test_lp_pool_1d_tuple_kernel_is_refused():
    with pytest.raises(Refused):
        torch_output(lambda: nn.LPPool1d(2, (3,)), (1, 2, 9))
    assert has_unknown(layers.output_shape(record_for("LPPool1d", [2, (3,)], {}), Shape((1, 2, 9))).dims)


@pytest.mark.parametrize(("track", "shape", "refused"), [
    (False, (1, 2, 1, 1), True), (True, (1, 2, 1, 1), False), (False, (1, 2, 1, 2), False)])
def test_instance_norm_in_eval_mode_refuses_one_element_without_running_stats(track, shape, refused):
    """Checked on torch in eval mode, the mode convlint analyses: use_input_stats is
    `training or not track_running_stats`, so the default InstanceNorm refuses in eval too."""
    module = nn.InstanceNorm2d(2, track_running_stats=track).eval()
    try:
        with torch.no_grad():
            module(torch.zeros(shape))
        torch_refused = False
    except ValueError as error:
        assert "Expected more than 1 spatial element" in str(error)
        torch_refused = True
    record = record_for("InstanceNorm2d", [2], {"track_running_stats": track})
    assert torch_refused == refused == layers.single_element_norm(record, Shape(shape))


NEGATIVE_PADDING = [
    pytest.param("ZeroPad2d", [-1], (1, 2, 7, 7), id="zero-pad-crops"),
    pytest.param("ConstantPad1d", [(-1, 2), 0.0], (1, 2, 7), id="constant-pad-crops-one-side"),
    pytest.param("ReflectionPad2d", [(-1, -1, 0, 2)], (1, 2, 7, 7), id="reflection-pad-crops"),
    pytest.param("ReplicationPad1d", [-2], (2, 5), id="replication-pad-crops"),
]


@pytest.mark.parametrize(("name", "args", "shape"), NEGATIVE_PADDING)
def test_negative_padding_crops_as_in_torch(name, args, shape):
    expected = torch_output(lambda: getattr(nn, name)(*args), shape)
    assert layers.output_shape(record_for(name, args, {}), Shape(shape)).dims == expected


# ------------------------------------------------------------------------------ CL105 vs torch
def cl105_fires(name, args, kwargs, shape):
    call = ", ".join([repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()])
    source = (f"import torch.nn as nn\n\n\nclass Net(nn.Module):\n    def __init__(self):\n"
              f"        super().__init__()\n        self.layer = nn.{name}({call})\n\n"
              f"    def forward(self, x):\n        return self.layer(x)\n")
    result = lint_text(source, "case.py", Settings(input_shapes={"Net": shape}, select=frozenset({"CL105"})))
    return any(d.code == "CL105" for d in result.diagnostics)


@SWEEP
@given(st.one_of(conv_call().map(lambda c: (f"Conv{c[0]}d", *c)), pool_call()))
def test_cl105_fires_exactly_when_torch_refuses(call):
    name, n, args, kwargs, shape = call
    try:
        torch_output(lambda: getattr(nn, name)(*args, **kwargs), shape)
        refused = False
    except Refused:
        refused = True
    event(f"torch refused: {refused}")
    assert cl105_fires(name, args, kwargs, shape) == refused


@pytest.mark.parametrize(("name", "args", "kwargs", "shape"), [
    pytest.param("MaxPool1d", [3], {"stride": 2, "ceil_mode": True}, (1, 2, 2), id="max-pool-1d"),
    pytest.param("AvgPool2d", [5], {"stride": 3, "padding": 1, "ceil_mode": True}, (1, 1, 2, 8), id="avg-pool-2d"),
])
def test_cl105_spares_a_ceil_mode_pool_torch_runs(name, args, kwargs, shape):
    assert torch_output(lambda: getattr(nn, name)(*args, **kwargs), shape)[-1] >= 1
    assert not cl105_fires(name, args, kwargs, shape)


@pytest.mark.parametrize(("name", "args", "kwargs", "shape"), [
    pytest.param("ConvTranspose1d", [2, 3, 1], {"padding": 2}, (1, 2, 2), id="negative"),
    pytest.param("ConvTranspose2d", [2, 3, 1], {"padding": 1}, (1, 2, 2, 5), id="zero"),
])
def test_cl105_reports_a_collapsed_conv_transpose(name, args, kwargs, shape):
    with pytest.raises(Refused):
        torch_output(lambda: getattr(nn, name)(*args, **kwargs), shape)
    assert cl105_fires(name, args, kwargs, shape)


@pytest.mark.parametrize(("name", "shape", "sizes"), [
    ("repeat", (2, 5, 1, 1), (1, 1, 8, 9)), ("repeat", (3, 4), (2, 1, 3)), ("repeat", (2, 3), (2, 2)),
    ("expand", (2, 5, 1, 1), (-1, -1, 8, 9)), ("expand", (1, 4), (3, 2, 4)), ("expand", (2, 1), (2, 6)),
])
def test_expand_and_repeat_shapes_equal_torch(name, shape, sizes):
    import torch

    from convlint.evaluator.tensor_ops import _expand_or_repeat
    from convlint.model import Tensor
    from convlint.values import Shape

    ours = _expand_or_repeat(Tensor(Shape(shape)), name, list(sizes), {})
    assert ours.shape.dims == tuple(getattr(torch.zeros(shape), name)(*sizes).shape)


@st.composite
def einsum_cases(draw):
    """An equation with 1-3 operands over a few labels, some sizes 1 (broadcast) or clashing,
    an optional '...' and an explicit or implicit output, the forms attention and SE code write."""
    labels = draw(st.lists(st.sampled_from("abcijkAB"), min_size=1, max_size=5, unique=True))
    size_of = {label: draw(st.integers(1, 4)) for label in labels}
    dots = draw(st.booleans())
    spread = tuple(draw(st.lists(st.integers(1, 3), max_size=2)))
    terms, shapes_ = [], []
    for _ in range(draw(st.integers(1, 3))):
        used = draw(st.lists(st.sampled_from(labels), min_size=1, max_size=3, unique=True))
        term_dots = dots and draw(st.booleans())
        dims = [draw(st.sampled_from([size_of[c], 1, size_of[c] + 1])) for c in used]
        own = spread[draw(st.integers(0, len(spread))):] if term_dots else ()
        terms.append(("..." if term_dots else "") + "".join(used))
        shapes_.append((*own, *dims))
    equation = ",".join(terms)
    if draw(st.booleans()):
        seen = sorted({c for t in terms for c in t if c != "."})
        kept = draw(st.permutations(seen))[: draw(st.integers(0, len(seen)))]
        equation += "->" + ("..." if any("..." in t for t in terms) and draw(st.booleans()) else "") + "".join(kept)
    return equation, shapes_


@QUICK
@given(einsum_cases())
@example(("aB,ba", [(2, 3), (5, 2)]))  # implicit output: ASCII order, upper case first
@example(("abc,ab->abc", [(2, 3, 4), (2, 3)]))  # a squeeze-excitation scale
@example(("...ij,jk->ik", [(7, 2, 3), (3, 4)]))  # '...' left out of the output is summed
@example(("ij,jk", [(2, 1), (5, 4)]))  # a size of 1 broadcasts
@example(("ij,kj->ik", [(2, 3), (4, 5)]))  # 3 against 5: refused
def test_einsum_shape_equals_torch(case):
    equation, operand_shapes = case
    predicted = shapes.einsum_shape(equation, operand_shapes)
    try:
        expected = tuple(torch.einsum(equation, *[torch.zeros(s) for s in operand_shapes]).shape)
    except RuntimeError:
        event("torch refused")
        assert predicted is None
        return
    assert predicted == expected


def test_einsum_of_symbolic_sizes_keeps_them_and_refuses_to_guess():
    n, h = Sym("N"), Sym("H")
    assert shapes.einsum_shape("abc,ab->abc", [(n, 64, h), (n, 64)]) == (n, 64, h)
    assert shapes.einsum_shape("bhqd,bhkd->bhqk", [(n, 4, h, 8), (n, 4, 6, 8)]) == (n, 4, h, 6)
    assert shapes.einsum_shape("ij,jk", [(n, h), (Sym("W"), 3)]) is None  # H against W: not told


# ------------------------------------------------------------------------------ GLU
@FEW
@given(st.integers(1, 4), st.data())
def test_glu_equals_torch(rank, data):
    """GLU(dim) halves dim; torch refuses an odd size or a dim out of range."""
    shape = tuple(sizes(data.draw, rank, 1, 6))
    dim = data.draw(st.integers(-rank - 1, rank))
    args = [dim] if data.draw(st.booleans()) else []
    kwargs = {} if args else ({"dim": dim} if data.draw(st.booleans()) else {})
    record = record_for("GLU", args, kwargs)
    assert layers.own_params(record) == 0
    predicted = layers.output_shape(record, Shape(shape)).dims
    try:
        expected = torch_output(lambda: nn.GLU(*args, **kwargs), shape)
    except Refused:
        event("torch refused")
        assert predicted is None
        return
    assert predicted == expected


class _Quiet:
    """The interpreter as the tensor ops see it when nothing goes unresolved."""

    def unresolved(self, node, why):
        raise AssertionError(why)


@FEW
@given(total=st.integers(1, 9), cut=st.one_of(st.integers(1, 5), st.lists(st.integers(0, 11), max_size=4)),
       dim=st.sampled_from([1, -1]))
def test_tensor_split_pieces_equal_torch(total, cut, dim):
    import torch

    from convlint.evaluator.tensor_ops import _tensor_split
    from convlint.model import Tensor

    pieces = _tensor_split(_Quiet(), Tensor(Shape((2, total))), [cut, dim], {}, None)
    real = torch.zeros(2, total).tensor_split(cut, dim)
    assert [p.shape.dims for p in pieces] == [tuple(r.shape) for r in real]


@FEW
@given(shape=st.lists(st.integers(1, 4), min_size=1, max_size=3), repeats=st.integers(0, 3),
       dim=st.sampled_from([None, 0, -1]))
def test_repeat_interleave_shape_equals_torch(shape, repeats, dim):
    import torch

    from convlint.evaluator.tensor_ops import _repeat_interleave
    from convlint.model import Tensor

    ours = _repeat_interleave(_Quiet(), Tensor(Shape(tuple(shape))), [repeats, dim], {}, None)
    assert ours.shape.dims == tuple(torch.zeros(shape).repeat_interleave(repeats, dim).shape)


def test_every_elementwise_op_keeps_the_shape_in_torch():
    import torch
    import torch.nn.functional as F

    from convlint.evaluator.torch_api import ELEMENTWISE_OPS

    x = torch.rand(2, 3, 4) + 0.1
    skipped = {"dropout1d", "dropout2d", "dropout3d", "batch_norm", "layer_norm", "group_norm",  # need more arguments
               "threshold", "local_response_norm", "to", "type_as", "cuda"}
    extra = {"clamp": (0.5,), "clamp_": (0.5,), "clip": (0.5,), "pow": (2,), "softmax": (-1,), "log_softmax": (-1,),
             "softmin": (-1,), "renorm": (2, 0, 1.0), "renorm_": (2, 0, 1.0)}
    for name in sorted(ELEMENTWISE_OPS - skipped):
        given = x.int() if name == "bitwise_not" else x
        method = getattr(given, name, None)
        out = method(*extra.get(name, ())) if method else getattr(F, name)(given, *extra.get(name, ()))
        assert out.shape == x.shape, name
