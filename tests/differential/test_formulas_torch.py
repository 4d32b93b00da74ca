"""Every shape formula against real torch, on many parameter combinations (hypothesis).

The records are built from the constructor arguments exactly as a user writes them, through
the same table the evaluator uses; torch runs the same layer on a meta (or small CPU) tensor.
When torch refuses, convlint's arithmetic must say the output is below 1 (CL105)."""

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from convlint import layers, shapes
from convlint.evaluator.torch_api import LAYERS
from convlint.values import Shape

torch = pytest.importorskip("torch")
nn = torch.nn

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def record_for(name, *args, **kwargs):
    spec = LAYERS[name]
    return spec.build(name, spec.signature.bind(list(args), kwargs))


def per_dim(draw, n, low, high):
    return draw(st.one_of(st.integers(low, high), st.tuples(*[st.integers(low, high)] * n)))


def run_torch(module, shape, device="meta"):
    with torch.no_grad():
        return tuple(module.to(device)(torch.zeros(shape, device=device)).shape)


def predicted(record, shape):
    return layers.output_shape(record, Shape(shape)).dims


@st.composite
def conv_case(draw, transposed=False):
    n = draw(st.sampled_from([1, 2, 3]))
    groups = draw(st.sampled_from([1, 2]))
    cin, cout = groups * draw(st.integers(1, 3)), groups * draw(st.integers(1, 3))
    kernel = per_dim(draw, n, 1, 5)
    stride = per_dim(draw, n, 1, 3)
    dilation = per_dim(draw, n, 1, 2)
    if transposed:
        padding = per_dim(draw, n, 0, 2)
        smax = min(stride) if isinstance(stride, tuple) else stride
        dmax = min(dilation) if isinstance(dilation, tuple) else dilation
        output_padding = draw(st.integers(0, max(smax, dmax) - 1))
        kwargs = dict(stride=stride, padding=padding, dilation=dilation, groups=groups, output_padding=output_padding)
    else:
        style = draw(st.sampled_from(["numbers", "numbers", "valid", "same"]))
        padding = per_dim(draw, n, 0, 3) if style == "numbers" else style
        if padding == "same":
            stride = 1
        kwargs = dict(stride=stride, padding=padding, dilation=dilation, groups=groups,
                      bias=draw(st.booleans()))
    size = tuple(draw(st.integers(1, 24)) for _ in range(n))
    batch = draw(st.sampled_from([(), (2,)]))
    return n, cin, cout, kernel, kwargs, batch + (cin,) + size


@SETTINGS
@given(conv_case())
def test_conv_output_shape_and_params_equal_torch(case):
    n, cin, cout, kernel, kwargs, shape = case
    name = f"Conv{n}d"
    module = getattr(nn, name)(cin, cout, kernel, **kwargs)
    record = record_for(name, cin, cout, kernel, **kwargs)
    assert layers.own_params(record) == sum(p.numel() for p in module.parameters())
    try:
        expected = run_torch(module, shape, "cpu" if max(shape) <= 24 else "meta")
    except RuntimeError:
        spatial = shape[-n:]
        outs = [shapes.conv_out(i, k, s, p, d) for i, k, s, p, d in zip(
            spatial, record.kernel_size, record.stride, record.padding_per_dim or (0,) * n, record.dilation)]
        assert min(outs) < 1
        return
    assert predicted(record, shape) == expected


@SETTINGS
@given(conv_case(transposed=True))
def test_conv_transpose_output_shape_and_params_equal_torch(case):
    n, cin, cout, kernel, kwargs, shape = case
    name = f"ConvTranspose{n}d"
    module = getattr(nn, name)(cin, cout, kernel, **kwargs)
    record = record_for(name, cin, cout, kernel, **kwargs)
    assert layers.own_params(record) == sum(p.numel() for p in module.parameters())
    raw = tuple(shapes.conv_transpose_out(i, k, s, p, d, op) for i, k, s, p, d, op in zip(
        shape[-n:], record.kernel_size, record.stride, record.padding, record.dilation, record.output_padding))
    try:
        expected = run_torch(module, shape)
    except RuntimeError:
        assert min(raw) < 1
        return
    assert raw == expected[-n:]
    if min(raw) >= 1:
        assert predicted(record, shape) == expected


@st.composite
def pool_case(draw):
    n = draw(st.sampled_from([1, 2, 3]))
    op = draw(st.sampled_from(["Max", "Avg"]))
    kernel = draw(st.integers(1, 5))
    stride = draw(st.one_of(st.none(), st.integers(1, 4)))
    padding = draw(st.integers(0, kernel // 2))
    kwargs = dict(stride=stride, padding=padding, ceil_mode=draw(st.booleans()))
    if op == "Max":
        kwargs["dilation"] = draw(st.integers(1, 2))
    size = tuple(draw(st.integers(1, 20)) for _ in range(n))
    return n, op, kernel, kwargs, (2, 3) + size


@SETTINGS
@given(pool_case())
def test_pool_output_shape_equals_torch_with_ceil_mode(case):
    n, op, kernel, kwargs, shape = case
    name = f"{op}Pool{n}d"
    module = getattr(nn, name)(kernel, **kwargs)
    record = record_for(name, kernel, **kwargs)
    try:
        expected = run_torch(module, shape, "cpu")
    except RuntimeError:  # output below 1, or (AvgPool3d) a padded input smaller than the window
        avg3d = op == "Avg" and n == 3  # avg_pool3d also wants the unpadded input >= the kernel
        assert any(shapes.pool_out(i, k, s, p, d, record.ceil_mode) < 1 or i + 2 * p < shapes.window_reach(k, d)
                   or (avg3d and i < k)
                   for i, k, s, p, d in zip(shape[-n:], record.kernel_size, record.stride, record.padding,
                                            record.dilation))
        return
    assert predicted(record, shape) == expected


@SETTINGS
@given(st.sampled_from([1, 2, 3]), st.sampled_from(["Avg", "Max"]), st.data())
def test_adaptive_pool_equals_torch(n, op, data):
    keep = st.none() if n > 1 else st.integers(1, 6)  # torch takes None (keep the size) from 2d on
    output = data.draw(st.one_of(st.integers(1, 6), st.tuples(*[st.one_of(keep, st.integers(1, 6))] * n)))
    shape = (2, 3) + tuple(data.draw(st.integers(1, 16)) for _ in range(n))
    name = f"Adaptive{op}Pool{n}d"
    assert predicted(record_for(name, output), shape) == run_torch(getattr(nn, name)(output), shape, "cpu")


@SETTINGS
@given(st.data())
def test_upsample_equals_torch(data):
    n = data.draw(st.sampled_from([1, 2, 3]))
    shape = (1, 2) + tuple(data.draw(st.integers(1, 12)) for _ in range(n))
    if data.draw(st.booleans()):
        kwargs = dict(size=data.draw(st.integers(1, 20)))
    else:
        kwargs = dict(scale_factor=data.draw(st.sampled_from([0.5, 1.5, 2, 2.5, 3])))
    module = nn.Upsample(**kwargs)
    result = predicted(record_for("Upsample", **kwargs), shape)
    try:
        expected = run_torch(module, shape, "cpu")
    except RuntimeError:  # "Input and output sizes should be greater than 0"
        assert min(result[2:]) < 1
        return
    assert result == expected


@SETTINGS
@given(st.data())
def test_padding_layers_equal_torch(data):
    n = data.draw(st.sampled_from([1, 2, 3]))
    kind = data.draw(st.sampled_from(["Zero", "Constant", "Replication", "Reflection"]))
    shape = (1, 2) + tuple(data.draw(st.integers(3, 9)) for _ in range(n))
    padding = data.draw(st.one_of(st.integers(0, 2), st.tuples(*[st.integers(0, 2)] * (2 * n))))
    name = f"{kind}Pad{n}d"
    args = (padding, 0.0) if kind == "Constant" else (padding,)
    module = getattr(nn, name)(*args)
    assert predicted(record_for(name, *args), shape) == run_torch(module, shape, "cpu")


@SETTINGS
@given(st.data())
def test_flatten_and_linear_equal_torch(data):
    shape = tuple(data.draw(st.integers(1, 5)) for _ in range(data.draw(st.integers(1, 5))))
    rank = len(shape)
    start = data.draw(st.integers(-rank, rank - 1))
    end = data.draw(st.integers(-rank, rank - 1))
    record = record_for("Flatten", start, end)
    try:
        expected = run_torch(nn.Flatten(start, end), shape, "cpu")
    except RuntimeError:
        assert predicted(record, shape) is None
        return
    assert predicted(record, shape) == expected
    out = data.draw(st.integers(1, 7))
    linear = nn.Linear(shape[-1], out, bias=data.draw(st.booleans()))
    record = record_for("Linear", shape[-1], out, bias=linear.bias is not None)
    assert predicted(record, shape) == run_torch(linear, shape, "cpu")
    assert layers.own_params(record) == sum(p.numel() for p in linear.parameters())


@SETTINGS
@given(st.data())
def test_norm_params_equal_torch(data):
    c = data.draw(st.integers(1, 8))
    affine = data.draw(st.booleans())
    cases = [(f"BatchNorm{n}d", (c,), dict(affine=affine)) for n in (1, 2, 3)]
    cases += [(f"InstanceNorm{n}d", (c,), dict(affine=affine)) for n in (1, 2, 3)]
    cases += [("GroupNorm", (1, c), dict(affine=affine)), ("LayerNorm", ((c, 3),), dict(elementwise_affine=affine))]
    name, args, kwargs = data.draw(st.sampled_from(cases))
    module = getattr(nn, name)(*args, **kwargs)
    assert layers.own_params(record_for(name, *args, **kwargs)) == sum(p.numel() for p in module.parameters())


@SETTINGS
@given(st.data())
def test_view_matches_torch(data):
    shape = tuple(data.draw(st.integers(1, 4)) for _ in range(data.draw(st.integers(1, 4))))
    requested = [data.draw(st.integers(1, 6)) for _ in range(data.draw(st.integers(1, 3)))]
    if data.draw(st.booleans()):
        requested[data.draw(st.integers(0, len(requested) - 1))] = -1
    result, problem = shapes.view_shape(Shape(shape), tuple(requested))
    try:
        expected = tuple(torch.zeros(shape).view(*requested).shape)
    except RuntimeError:
        assert problem is not None
        return
    assert problem is None and result.dims == expected


@SETTINGS
@given(st.data())
def test_broadcast_and_cat_match_torch(data):
    rank = data.draw(st.integers(1, 4))
    a = tuple(data.draw(st.sampled_from([1, 2, 3])) for _ in range(rank))
    b = tuple(data.draw(st.sampled_from([1, 2, 3])) for _ in range(data.draw(st.integers(1, rank))))
    result, failing = shapes.broadcast_shapes(Shape(a), Shape(b))
    try:
        expected = tuple(torch.broadcast_shapes(a, b))
    except RuntimeError:
        assert failing is not None
    else:
        assert failing is None and result.dims == expected
    c = tuple(data.draw(st.sampled_from([1, 2, 3])) for _ in range(rank))
    dim = data.draw(st.integers(-rank, rank - 1))
    result, clash = shapes.cat_shape([Shape(a), Shape(c)], dim)
    try:
        expected = tuple(torch.cat([torch.zeros(a), torch.zeros(c)], dim).shape)
    except RuntimeError:
        assert clash is not None
    else:
        assert clash is None and result.dims == expected


def test_dropped_rows_counts_what_no_window_reaches():
    """Brute force over the window spans torch uses (first to last tap; dilation gaps inside a
    span are by design), for every small case where the spans tile."""
    for i in range(1, 20):
        for k in range(1, 6):
            for s in range(1, 4):
                for p in range(0, k // 2 + 1):
                    for d in (1, 2):
                        reach = d * (k - 1) + 1
                        if reach < s or i + 2 * p < reach:
                            continue
                        out = (i + 2 * p - reach) // s + 1
                        last = min(i - 1, (out - 1) * s - p + reach - 1)
                        assert shapes.dropped_rows(i, k, s, p, d) == i - 1 - last, (i, k, s, p, d)


def test_symbolic_arithmetic_reads_as_users_write_it():
    from convlint.values import Sym

    h = Sym("H")
    assert str(shapes.conv_out(h, 5)) == "H-4"
    lenet = shapes.pool_out(shapes.conv_out(shapes.pool_out(shapes.conv_out(h, 5), 2, 2), 5), 2, 2)
    assert str(lenet) == "(H-12)/4"
