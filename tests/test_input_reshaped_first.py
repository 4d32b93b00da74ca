"""With no input size, 1-D signal nets that take (B, T, C) and reshape it first: a permute naming k
dims gives the input k dims (the first layer then fixes what it fixes, as for a transpose), and
`x.squeeze()` of a size that may be 1 is followed where a later permute needs every dim it kept;
a view to the batch and written sizes has that rank and those sizes. Shapes against torch's."""

import pytest

from convlint import symbolic
from convlint.pipeline import Settings, lint_text
from convlint.values import Unknown, is_known
from tests.torch_cases import assert_bug_found_at_its_line, built, filled, module_shapes

torch = pytest.importorskip("torch")

SIZES = {"N": 2, "L": 50, "H": 50, "W": 9}


def _concrete(dims: tuple) -> tuple:
    return tuple(d if is_known(d) else SIZES[symbolic.symbol_of(d)] for d in dims)


def _symbolic_shapes_equal_torch(source: str, filename: str) -> None:
    """Linted with no size: the input the first layer gives, run in torch; every module's shape
    convlint gives, at that input, torch's (a dim it leaves unknown is not compared)."""
    result = lint_text(source, filename, Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = result.models
    size = _concrete(model.input_shape.dims)
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
