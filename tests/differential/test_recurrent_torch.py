"""RNN, LSTM, GRU and their cells against real torch: every tensor forward() returns (output
and states, batched, batch-first and unbatched), parameters as parameters() counts them, and
mult-adds by torchinfo's rule (weight_ih_l0 and the like cost numel x prod(output[:2]))."""

import pytest

torch = pytest.importorskip("torch")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from convlint import layers  # noqa: E402
from convlint.evaluator.torch_api import LAYERS  # noqa: E402
from convlint.values import Shape  # noqa: E402

from tests.differential.test_layers_torch import torchinfo_macs  # noqa: E402

nn = torch.nn
pytestmark = pytest.mark.filterwarnings("ignore:LSTM with projections is not supported")
SWEEP = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def record_for(name, *args, **kwargs):
    spec = LAYERS[name]
    return spec.build(name, spec.signature.bind(list(args), kwargs))


def flat(value):
    """The tensors of (output, h_n), (output, (h_n, c_n)), (h', c') or h', in order."""
    if isinstance(value, torch.Tensor):
        return [tuple(value.shape)]
    return [shape for item in value for shape in flat(item)]


def predicted(record, shape):
    outputs = layers.recurrent_outputs(record, Shape(shape))
    return [s.dims for s in outputs]


@st.composite
def sequence_layer(draw):
    name = draw(st.sampled_from(["RNN", "LSTM", "GRU"]))
    kwargs = dict(num_layers=draw(st.integers(1, 3)), bias=draw(st.booleans()), batch_first=draw(st.booleans()),
                  bidirectional=draw(st.booleans()))
    hidden = draw(st.integers(1, 9))
    if name == "LSTM" and hidden > 1 and draw(st.booleans()):
        kwargs["proj_size"] = draw(st.integers(1, hidden - 1))
    if name == "RNN" and draw(st.booleans()):
        kwargs["nonlinearity"] = "relu"
    if kwargs["num_layers"] > 1 and draw(st.booleans()):
        kwargs["dropout"] = 0.25
    features = draw(st.integers(1, 7))
    steps, batch = draw(st.integers(1, 5)), draw(st.integers(1, 4))
    if draw(st.booleans()):
        shape = (steps, features)  # unbatched
    else:
        shape = (batch, steps, features) if kwargs["batch_first"] else (steps, batch, features)
    return name, (features, hidden), kwargs, shape


@SWEEP
@given(sequence_layer())
def test_recurrent_layers_return_what_torch_returns(case):
    name, args, kwargs, shape = case
    module = getattr(nn, name)(*args, **kwargs).eval()
    with torch.no_grad():
        returned = module(torch.zeros(shape))
    record = record_for(name, *args, **kwargs)
    assert predicted(record, shape) == flat(returned)
    assert layers.output_shape(record, Shape(shape)).dims == tuple(returned[0].shape)
    params = layers.own_params(record)
    assert params == sum(p.numel() for p in module.parameters())
    out = list(returned[0].shape)
    assert layers.mult_adds(record, Shape(tuple(out)), params) == torchinfo_macs(module, out)


@st.composite
def cell(draw):
    name = draw(st.sampled_from(["RNNCell", "LSTMCell", "GRUCell"]))
    kwargs = dict(bias=draw(st.booleans()))
    if name == "RNNCell" and draw(st.booleans()):
        kwargs["nonlinearity"] = "relu"
    features, hidden = draw(st.integers(1, 7)), draw(st.integers(1, 9))
    shape = (features,) if draw(st.booleans()) else (draw(st.integers(1, 4)), features)
    return name, (features, hidden), kwargs, shape


@SWEEP
@given(cell())
def test_recurrent_cells_return_what_torch_returns(case):
    name, args, kwargs, shape = case
    module = getattr(nn, name)(*args, **kwargs).eval()
    with torch.no_grad():
        returned = module(torch.zeros(shape))
    record = record_for(name, *args, **kwargs)
    assert predicted(record, shape) == flat(returned)
    params = layers.own_params(record)
    assert params == sum(p.numel() for p in module.parameters())
    out = list(flat(returned)[0])
    assert layers.mult_adds(record, Shape(tuple(out)), params) == torchinfo_macs(module, out)


@pytest.mark.parametrize(("name", "args", "kwargs", "shape"), [
    ("LSTM", (8, 16), dict(batch_first=True, bidirectional=True, num_layers=2, proj_size=4), (2, 10, 8)),
    ("GRU", (8, 16), {}, (10, 3, 8)),
    ("RNN", (8, 16, 2, "relu"), {}, (10, 8)),
    ("LSTMCell", (8, 16), {}, (3, 8)),
    ("GRUCell", (8, 16), dict(bias=False), (8,)),
], ids=["LSTM", "GRU", "RNN-unbatched", "LSTMCell", "GRUCell-unbatched"])
def test_the_transcribed_rule_is_torchinfos(name, args, kwargs, shape):
    torchinfo = pytest.importorskip("torchinfo")
    module = getattr(nn, name)(*args, **kwargs).eval()
    stats = torchinfo.summary(module, input_size=shape, verbose=0, device="cpu")
    record = record_for(name, *args, **kwargs)
    out = Shape(tuple(predicted(record, shape)[0]))
    assert stats.total_params == layers.own_params(record)
    assert stats.total_mult_adds == layers.mult_adds(record, out, layers.own_params(record))


@pytest.mark.parametrize(("name", "args", "kwargs", "error"), [
    ("LSTM", (8, 16), dict(proj_size=16), "proj_size has to be smaller than hidden_size"),
    ("GRU", (8, 16), dict(proj_size=2), "proj_size argument is only supported for LSTM"),
    ("LSTM", (0, 16), {}, "input_size must be greater than zero"),
    ("LSTM", (8, 16), dict(bias=1), "bias should be of type bool"),
    ("GRU", (8, 16), dict(dropout=1.5), "dropout should be a number in range [0, 1]"),
    ("RNN", (8, 16, 1, "sigmoid"), {}, "Unknown nonlinearity"),
    ("LSTM", (8, 0), {}, "hidden_size must be greater than zero"),
])
def test_arguments_torch_refuses_are_refused(name, args, kwargs, error):
    with pytest.raises((ValueError, TypeError), match=error.replace("[", r"\[").replace("]", r"\]")):
        getattr(nn, name)(*args, **kwargs)
    with pytest.raises(ValueError):  # pydantic's ValidationError: a CL106 finding
        record_for(name, *args, **kwargs)
