"""With no input size, 1-D signal nets that take (B, T, C) and reshape it first: a permute naming k
dims gives the input k dims (the first layer then fixes what it fixes, as for a transpose), and
`x.squeeze()` of a size that may be 1 is followed where a later permute needs every dim it kept;
a view to the batch and written sizes has that rank and those sizes; an einops pattern, or an
unpack of the input's own sizes, gives it as many dims as it reads. Shapes against torch's."""

import pytest

from convlint import symbolic
from convlint.pipeline import Settings, lint_text
from convlint.values import Unknown, is_known
from tests.torch_cases import assert_bug_found_at_its_line, built, filled, module_shapes

torch = pytest.importorskip("torch")

SIZES = {"N": 2, "L": 50, "H": 50, "W": 9}


def _concrete(dims: tuple) -> tuple:
    return tuple(d if is_known(d) else SIZES[symbolic.symbol_of(d)] for d in dims)


def _symbolic_shapes_equal_torch(source: str, filename: str, sizes: dict | None = None) -> None:
    """Linted with no size: the input the first layer gives, run in torch; every module's shape
    convlint gives, at that input, torch's (a dim it leaves unknown is not compared). `sizes`:
    values of the symbols other than SIZES'."""
    result = lint_text(source, filename, Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = result.models
    chosen = SIZES | (sizes or {})
    size = tuple(d if is_known(d) else chosen[symbolic.symbol_of(d)] for d in model.input_shape.dims)
    values = {symbolic.symbol_of(d): v for d, v in zip(model.input_shape.dims, size) if not is_known(d)}
    seen = module_shapes(built(source, filename), size)
    for call in model.calls:
        if call.output.shape.dims is None or call.node.path not in seen:
            continue
        predicted = tuple(d if is_known(d) else None if isinstance(d, Unknown) else
                          symbolic.evaluate(d, values[symbolic.symbol_of(d)]) for d in call.output.shape.dims)
        torch_shape = seen[call.node.path]
        assert len(predicted) == len(torch_shape), call.node.path
        assert all(p is None or p == t for p, t in zip(predicted, torch_shape)), (call.node.path, predicted)


FIRST_LAYER = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.first = LAYER

    def forward(self, x):
        return self.first(RESHAPED)
'''

# (the first layer, the input reshaped for it, the rank torch needs the input to have)
PERMUTED = [
    ("nn.Conv1d(12, 8, 3)", "x.permute(0, 2, 1)", 3),
    ("nn.Conv1d(12, 8, 3)", "x.permute((0, 2, 1))", 3),
    ("nn.Conv1d(12, 8, 3)", "x.permute(0, -1, 1)", 3),
    ("nn.Conv2d(12, 8, (5, 1), stride=(2, 1))", "x.permute(0, 2, 1).unsqueeze(3)", 3),
    ("nn.Conv2d(3, 8, 3)", "x.permute(0, 3, 1, 2)", 4),
    ("nn.LSTM(12, 16)", "x.permute(1, 0, 2)", 3),
]


@pytest.mark.parametrize("layer, reshaped, rank", PERMUTED)
def test_a_permute_of_the_input_gives_it_as_many_dims_as_it_names(layer, reshaped, rank):
    source = FIRST_LAYER.replace("LAYER", layer).replace("RESHAPED", reshaped)
    (model,) = lint_text(source, "permuted.py", Settings()).models
    assert len(model.input_shape.dims) == rank
    _symbolic_shapes_equal_torch(source, "permuted.py")


@pytest.mark.parametrize("reshaped", ["x.permute(0, 2, 1, 3)", "x.permute(0, 2, 2)", "x.permute(0, 2)"])
def test_a_permute_the_first_layer_cannot_take_claims_nothing(reshaped):
    """A 4-d permute before a Conv1d (torch refuses a 4-d input there), an axis twice, too few
    axes for the layer: no rank is told, nothing is claimed."""
    source = FIRST_LAYER.replace("LAYER", "nn.Conv1d(12, 8, 3)").replace("RESHAPED", reshaped)
    result = lint_text(source, "permuted.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert result.models[0].input_shape is None


# a CNN-LSTM over ECG leads: (B, T, leads) to a Conv2d stack over (T, 1), its 1 squeezed away
CNN_LSTM = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(12, 32, kernel_size=(5, 1), stride=(2, 1)), nn.ReLU(),
            nn.Conv2d(32, 128, kernel_size=(5, 1), stride=(2, 1)), nn.ReLU(),
        )
        self.lstm = nn.LSTM(input_size=FEATURES, hidden_size=16, batch_first=True)
        self.fc = nn.Linear(16, 5)

    def forward(self, x):
        x = RESHAPED
        x = self.conv(x)
        x = x.squeeze().permute(0, 2, 1)
        out, hidden = self.lstm(x)
        return self.fc(out[:, -1, :])
'''
LSTM_LINE = 12


@pytest.mark.parametrize("reshaped", ["x.permute(0, 2, 1).unsqueeze(3)", "x.transpose(1, 2).unsqueeze(3)"])
def test_a_cnn_lstm_given_the_conv_width_in_the_wrong_place_is_found_at_the_lstm(reshaped):
    source = CNN_LSTM.replace("RESHAPED", reshaped)
    clean = assert_bug_found_at_its_line(source, {"FEATURES": "128"}, {"FEATURES": "64"}, (2, 1000, 12),
                                         LSTM_LINE, "CL109", "cnn_lstm.py")
    assert clean.models[0].calls  # the right one followed to its end
    _symbolic_shapes_equal_torch(filled(source, {"FEATURES": "128"}), "cnn_lstm.py")


@pytest.mark.parametrize("length", [13, 16, 17, 1000])
def test_the_wrong_lstm_fails_at_every_input_length(length):
    """Where the conv stack leaves one step (lengths 13 to 16) squeeze() drops it and the permute
    stops; at any other length the LSTM refuses the 128 features."""
    broken = filled(CNN_LSTM.replace("RESHAPED", "x.permute(0, 2, 1).unsqueeze(3)"), {"FEATURES": "64"})
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, "cnn_lstm.py"), (2, length, 12))


SQUEEZED_THEN = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(12, 128, kernel_size=(5, 1), stride=(2, 1))
        self.lstm = nn.LSTM(input_size=64, hidden_size=16, batch_first=True)

    def forward(self, x):
        x = self.conv(x)
        x = THEN
        out, hidden = self.lstm(x)
        return out
'''


@pytest.mark.parametrize("then", ["x.squeeze()", "x.squeeze().transpose(-1, -2)", "x.squeeze().permute(1, 0)",
                                  "x.squeeze().reshape(x.shape[0], 128, -1)"])
def test_a_squeeze_of_a_size_that_may_be_1_not_followed_by_an_op_that_needs_it_stays_unknown(then):
    """The steps of N x 128 x T x 1 may be 1: where nothing after the squeeze needs 3 dims
    (a transpose of the last two, a 2-d permute, a reshape), its shape stays unknown and listed."""
    source = SQUEEZED_THEN.replace("THEN", then)
    result = lint_text(source, "squeezed.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert any("squeeze" in u.why for u in result.models[0].unresolved)


# PAMAP2's DeepConvLSTM: the input reshaped to (N, C, -1, 100) before the convs, their maps
# reshaped again to steps of 100 for a batch_first LSTM, flattened into the classifier
DEEP_CONV_LSTM = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, in_channels=3, hidden_size=16, output_size=7):
        super().__init__()
        self.in_channels = in_channels
        self.conv = nn.Sequential(nn.Conv2d(in_channels, 32, (5, 9), padding=(2, 4)), nn.ReLU(),
                                  nn.AdaptiveAvgPool2d((10, 10)))
        self.lstm = nn.LSTM(input_size=100, hidden_size=hidden_size, num_layers=2, batch_first=True)
        self.fcn = nn.Sequential(nn.Flatten(), nn.ReLU(), nn.Linear(STEPS * hidden_size, output_size))

    def forward(self, x):
        x = x.view(x.shape[0], self.in_channels, -1, 100)
        y = self.conv(x)
        y, h = self.lstm(y.view(y.shape[0], -1, 100))
        return self.fcn(y)
'''
LINEAR_LINE = 12


@pytest.mark.parametrize("size", [(2, 3, 4, 100), (2, 1200), (2, 6, 200)])
def test_a_view_of_the_input_to_the_batch_and_written_sizes_keeps_the_batch(size):
    """Whatever the input's rank, x.view(x.shape[0], 3, -1, 100) is N x 3 x ? x 100: the
    classifier's width is checked, found at its line for the inputs torch runs the view on."""
    clean = assert_bug_found_at_its_line(DEEP_CONV_LSTM, {"STEPS": "32"}, {"STEPS": "16"}, size,
                                         LINEAR_LINE, "CL101", "deep_conv_lstm.py")
    (model,) = clean.models
    right = filled(DEEP_CONV_LSTM, {"STEPS": "32"})
    seen = module_shapes(built(right, "deep_conv_lstm.py"), size)
    for call in model.calls:
        dims = call.output.shape.dims
        if call.node.path not in seen:  # (the LSTM gives a tuple: its output is what the Flatten gets)
            continue
        assert dims is not None and len(dims) == len(seen[call.node.path])
        assert all(isinstance(d, Unknown) or d == symbolic.Sym("N") and t == size[0] or d == t
                   for d, t in zip(dims, seen[call.node.path])), call.node.path


VIEWED_INTO_A_LINEAR = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.fc = nn.Linear(8 * 4 * 100, 7)

    def forward(self, x):
        x = x.view(x.shape[0], 3, -1, 100)
        return self.fc(self.conv(x).flatten(1))
'''


def test_what_the_minus_one_leaves_of_the_input_is_not_judged():
    """The rows the -1 takes are whatever the input brings: a Linear sized for 4 of them runs on
    an input of 1200 values a sample, and is not an error."""
    result = lint_text(VIEWED_INTO_A_LINEAR, "viewed.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = result.models
    assert [c.output.shape.dims[:2] for c in model.calls if c.node.path == "conv"] == [(symbolic.Sym("N"), 8)]
    assert module_shapes(built(VIEWED_INTO_A_LINEAR, "viewed.py"), (2, 1200))["fc"] == (2, 7)


# a keyword-spotting net over (B, 1, F, T) spectrograms: the F bins made the channels of a
# Conv2d over (1, T) by einops before its first layer, its classifier sized for the last width
EINOPS_FIRST = '''
import torch
from einops import rearrange, reduce
from einops.layers.torch import Rearrange
from torch import nn


class Net(nn.Module):
    def __init__(self, bins=40, widths=(16, 24, 48), classes=12):
        super().__init__()
        self.front = FRONT
        self.conv = nn.Conv2d(bins, widths[0], kernel_size=(1, 3), padding=(0, 1), bias=False)
        self.layers = nn.Sequential(nn.Conv2d(widths[0], widths[1], (1, 9), stride=2, padding=(0, 4)), nn.ReLU(),
                                    nn.Conv2d(widths[1], widths[2], (1, 9), stride=2, padding=(0, 4)), nn.ReLU())
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.linear = nn.Linear(WIDTH, classes)

    def forward(self, inputs):
        REARRANGED
        out = self.pool(self.layers(self.conv(inputs)))
        out = out.view(out.shape[0], -1)
        return self.linear(out)
'''
EINOPS_LINEAR_LINE = 16

# (the layer put first, the line rearranging the input)
REARRANGED = [
    ("nn.Identity()", "B, C, H, W = inputs.shape; inputs = rearrange(inputs, 'b c f t -> b f c t', c=C, f=H)"),
    ("nn.Identity()", "inputs = rearrange(inputs, 'b c f t -> b f c t')"),
    ("nn.Identity()", "inputs = rearrange(inputs, 'b c f t -> b (c f) 1 t')"),
    ("nn.Identity()", "inputs = reduce(inputs, 'b c f t r -> b f c t', 'mean')"),
    ("Rearrange('b c f t -> b f c t')", "inputs = self.front(inputs)"),
    ("nn.Sequential(Rearrange('b c f t -> b f c t'))", "inputs = self.front(inputs)"),
]


def _einops_net(front: str, rearranged: str) -> str:
    return EINOPS_FIRST.replace("FRONT", front).replace("REARRANGED", rearranged)


@pytest.mark.parametrize("front, rearranged", REARRANGED)
def test_an_einops_pattern_gives_the_input_as_many_dims_as_it_reads(front, rearranged):
    """The pattern's left side reads 4 dims (5 for the reduce): einops refuses any other rank, so
    the input has that many, its sizes symbols, and the first layer fixes what it fixes. A
    classifier sized for the first width is found at its line, with no input size given; the one
    sized for the last is clean, every shape torch's."""
    pytest.importorskip("einops")
    source = _einops_net(front, rearranged)
    size = (2, 1, 40, 101, 3) if "reduce" in rearranged else (2, 1, 40, 101)
    clean = assert_bug_found_at_its_line(source, {"WIDTH": "widths[-1]"}, {"WIDTH": "widths[0]"}, size,
                                         EINOPS_LINEAR_LINE, "CL101", "kws.py")
    (model,) = clean.models
    assert len(model.input_shape.dims) == len(size)
    _symbolic_shapes_equal_torch(filled(source, {"WIDTH": "widths[-1]"}), "kws.py",
                                 {"C": 1, "H": 40, "W": 101, "D": 1, "L": 3}
                                 if "reduce" in rearranged else {"C": 1, "H": 40, "W": 101})


@pytest.mark.parametrize("rearranged", ["inputs = rearrange(inputs, 'b ... -> b ...')",
                                        "inputs = rearrange(inputs, 'b c ... -> b ... c')",
                                        "inputs = rearrange(inputs, 'b c (f t) -> b f c t', t=101)"])
def test_a_pattern_that_reads_any_rank_or_another_the_layers_refuse_claims_nothing(rearranged):
    """`...` reads any rank from its groups on: no rank is told. A pattern of 3 dims gives the
    Conv2d a 4-d tensor as well: the input is 3-d, checked as such, no error."""
    pytest.importorskip("einops")
    source = filled(_einops_net("nn.Identity()", rearranged), {"WIDTH": "widths[0]"})
    result = lint_text(source, "kws.py", Settings())
    if "..." in rearranged:
        assert [d for d in result.diagnostics if d.severity == "error"] == []
        assert result.models[0].input_shape is None
    else:
        assert result.models[0].input_shape.rank == 3
        assert ("CL101", EINOPS_LINEAR_LINE) in {(d.code, d.span.line) for d in result.diagnostics}


# a spectrogram's bins and channels merged by hand before a Conv1d: no layer sets the input's rank,
# the unpack of its own sizes into four names does
UNPACKED = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(40, 16, 3, padding=1)
        self.pool = nn.AdaptiveAvgPool1d(1)
        self.linear = nn.Linear(FEATURES, 10)

    def forward(self, x):
        B, C, H, W = x.shape
        x = x.reshape(B, C * H, W)
        x = self.pool(self.conv(x))
        return self.linear(x.view(B, -1))
'''


def test_the_input_own_sizes_unpacked_into_four_names_give_it_four_dims():
    clean = assert_bug_found_at_its_line(UNPACKED, {"FEATURES": "16"}, {"FEATURES": "32"}, (2, 1, 40, 50),
                                         10, "CL101", "unpacked.py")
    (model,) = clean.models
    assert model.input_shape.rank == 4
    assert all(call.output.shape.dims is not None for call in model.calls)
    _symbolic_shapes_equal_torch(filled(UNPACKED, {"FEATURES": "16"}), "unpacked.py", {"C": 1, "H": 40})


@pytest.mark.parametrize("unpacked", ["B, C, *sides = x.shape", "B, C, H, W = x.unsqueeze(1).shape"])
def test_an_unpack_that_does_not_fix_the_input_rank_claims_nothing(unpacked):
    """A starred unpack takes any rank from 2 on; the sizes of a tensor made from the input tell its
    rank only through that op: neither sets the input's rank here."""
    source = filled(UNPACKED, {"FEATURES": "32"}).replace("B, C, H, W = x.shape", unpacked)
    result = lint_text(source, "unpacked.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert result.models[0].input_shape is None
