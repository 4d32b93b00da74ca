"""nn.MultiheadAttention against real torch: the output and the attention weights (batched,
batch-first, unbatched; kdim/vdim, add_bias_kv, add_zero_attn; need_weights and
average_attn_weights), and the parameters: its own as parameters(recurse=False) counts them,
its out_proj Linear apart."""

import pytest

torch = pytest.importorskip("torch")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from convlint import layers  # noqa: E402
from convlint.evaluator.torch_api import LAYERS  # noqa: E402
from convlint.values import Shape  # noqa: E402

nn = torch.nn
SWEEP = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def record_for(*args, **kwargs):
    spec = LAYERS["MultiheadAttention"]
    return spec.build("MultiheadAttention", spec.signature.bind(list(args), kwargs))


@st.composite
def attention(draw):
    heads = draw(st.integers(1, 4))
    embed = heads * draw(st.integers(1, 4))
    kwargs = dict(bias=draw(st.booleans()), add_bias_kv=draw(st.booleans()), add_zero_attn=draw(st.booleans()),
                  batch_first=draw(st.booleans()))
    kdim, vdim = (draw(st.one_of(st.none(), st.integers(1, 9))) for _ in range(2))
    if kdim is not None:
        kwargs["kdim"] = kdim
    if vdim is not None:
        kwargs["vdim"] = vdim
    target, source, batch = draw(st.integers(1, 5)), draw(st.integers(1, 5)), draw(st.integers(1, 3))
    batched = draw(st.booleans())
    sizes = (embed, kdim or embed, vdim or embed)
    lengths = (target, source, source)
    if not batched:
        shapes = [(n, e) for n, e in zip(lengths, sizes)]
    elif kwargs["batch_first"]:
        shapes = [(batch, n, e) for n, e in zip(lengths, sizes)]
    else:
        shapes = [(n, batch, e) for n, e in zip(lengths, sizes)]
    call = dict(need_weights=draw(st.booleans()), average_attn_weights=draw(st.booleans()))
    return (embed, heads), kwargs, shapes, call, draw(st.booleans())


@SWEEP
@given(attention())
def test_multihead_attention_returns_what_torch_returns(case):
    args, kwargs, shapes, call, training = case
    module = nn.MultiheadAttention(*args, **kwargs).train(training)
    with torch.no_grad():
        output, weights = module(*(torch.zeros(s) for s in shapes), **call)
    record = record_for(*args, **kwargs)
    predicted = layers.attention_outputs(record, *(Shape(s) for s in shapes), call["need_weights"],
                                         call["average_attn_weights"])
    assert predicted[0].dims == tuple(output.shape)
    assert (None if predicted[1] is None else predicted[1].dims) == (None if weights is None else tuple(weights.shape))
    assert layers.own_params(record) == sum(p.numel() for p in module.parameters(recurse=False))
    assert layers.own_params(layers_linear(module.out_proj)) == sum(p.numel() for p in module.out_proj.parameters())


def layers_linear(linear):
    return LAYERS["Linear"].build("Linear", LAYERS["Linear"].signature.bind(
        [linear.in_features, linear.out_features], {"bias": linear.bias is not None}))


@pytest.mark.parametrize(("shapes", "why"), [
    ([(5, 2, 7), (5, 2, 8), (5, 2, 8)], "a query not of embed_dim features"),
    ([(5, 2, 8), (6, 2, 8), (5, 2, 8)], "key and value of different lengths"),
    ([(5, 2, 8), (5, 3, 8), (5, 3, 8)], "a batch the query does not share"),
    ([(1, 5, 2, 8)] * 3, "a 4-d query"),
])
def test_sizes_torch_refuses_are_unknown_never_judged(shapes, why):
    module = nn.MultiheadAttention(8, 2)
    with pytest.raises((AssertionError, RuntimeError)):
        module(*(torch.zeros(s) for s in shapes))
    predicted = layers.attention_outputs(record_for(8, 2), *(Shape(s) for s in shapes))
    assert predicted == (Shape(None), Shape(None)), why


def test_construction_torch_refuses_is_refused():
    with pytest.raises(AssertionError, match="embed_dim must be divisible by num_heads"):
        nn.MultiheadAttention(10, 3)
    with pytest.raises(ValueError, match="embed_dim must be divisible by num_heads"):
        record_for(10, 3)
