"""A width of 0 is no constructor error: torch builds BatchNorm2d(0), Conv2d(3, 0, 3), LayerNorm((0,))
and the rest, and what fails is their forward, judged where they run (CL103/CL104 for the channels that
arrive, CL106 for a conv of no output channels). A call Python cannot bind to the layer's signature
(`nn.Conv2d(self, 4, 32, kernel_size=8)`: kernel_size twice) is a TypeError at construction (CL106),
never its arguments shifted into place and a wrong count blamed on the next layer."""

from __future__ import annotations

import inspect

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, module_shapes

HOLDER = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.spare = LAYER

    def forward(self, x):
        return self.conv(x)
'''
BUILT = ["nn.BatchNorm2d(0)", "nn.BatchNorm1d(0)", "nn.InstanceNorm2d(0, affine=True)", "nn.Conv2d(3, 0, 3)",
         "nn.Conv2d(0, 0, 3)", "nn.ConvTranspose2d(3, 0, 3)", "nn.LayerNorm((0,))", "nn.LayerNorm(0)",
         "nn.GroupNorm(2, 0)", "nn.Embedding(0, 3)", "nn.Linear(3, 0)", "nn.RNNCell(3, 0)", "nn.LSTMCell(0, 3)",
         "nn.GRUCell(3, 0)", "nn.BatchNorm2d(8, bias=False)"]
REFUSED = [("nn.LSTM(3, 0)", "hidden_size must be greater than zero"),
           ("nn.GroupNorm(0, 4)", "num_groups must be positive, got 0"),
           ("nn.Conv2d(3, -1, 3)", "out_channels must be zero or more, got -1"),
           ("nn.Conv2d(3, 16, kernal_size=3)", "got an unexpected keyword argument 'kernal_size'"),
           ("nn.Linear(8, 4, True, None, None, 2)", "takes 5 positional arguments but 6 were given"),
           ("nn.Linear(self, 8, 4)", "in_features is the module Net, not an int"),
           ("nn.Conv2d(self, 3, 8)", "in_channels is the module Net, not an int"),
           ("nn.BatchNorm2d(self, 8)", "num_features is the module Net, not an int"),
           ("nn.BatchNorm2d(8, 1e-5, 0.1, True, True, None, None, False)",
            "takes 7 positional arguments but 8 were given")]


def _errors(source: str, **shapes) -> list:
    result = lint_text(source, "zero.py", Settings(input_shapes=shapes))
    return [d for d in result.diagnostics if d.severity == "error"]


@pytest.mark.parametrize("layer", BUILT)
def test_a_layer_torch_builds_is_no_constructor_error(layer):
    source = HOLDER.replace("LAYER", layer)
    built(source, "zero.py")  # torch builds it
    assert _errors(source, Net=(2, 3, 8, 8)) == []


@pytest.mark.parametrize("layer,reason", REFUSED)
def test_a_layer_torch_refuses_to_build_is_cl106_with_the_reason(layer, reason):
    source = HOLDER.replace("LAYER", layer)
    with pytest.raises((ValueError, TypeError, RuntimeError, ZeroDivisionError)):
        built(source, "zero.py")
    found = _errors(source, Net=(2, 3, 8, 8))
    assert [(d.code, d.span.line) for d in found] == [("CL106", 9)], [d.message for d in found]
    assert reason in found[0].message


DENSE = '''
import torch
from torch import nn


def conv_block(in_channels, out_channels):
    return nn.Sequential(nn.BatchNorm2d(in_channels), nn.ReLU(),
                         nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1))


class Net(nn.Module):
    def __init__(self, num_convs=2, in_channels=16, growth=8):
        super().__init__()
        self.net = nn.Sequential(*[conv_block(WIDTH, growth) for i in range(num_convs)])

    def forward(self, x):
        for blk in self.net:
            x = torch.cat((x, blk(x)), dim=1)
        return x
'''


def test_a_block_of_width_zero_is_judged_by_the_channels_that_reach_it_at_the_line_computing_it():
    wrong = DENSE.replace("WIDTH", "growth * i")  # `+ in_channels` forgotten: the first block is 0 wide
    with pytest.raises(RuntimeError, match="running_mean should contain 16 elements not 0"):
        module_shapes(built(wrong, "dense.py"), (2, 16, 8, 8))
    found = _errors(wrong, Net=(2, 16, 8, 8))
    first = [d for d in found if d.message.startswith("net.0.")]
    assert sorted((d.code, d.span.line) for d in first) == [("CL103", 14), ("CL104", 14)], \
        [d.message for d in found]
    assert not [d for d in found if d.code == "CL106"]
    assert "normalises 0 channels, but the input gives 16" in next(d.message for d in first if d.code == "CL104")
    right = DENSE.replace("WIDTH", "in_channels + growth * i")
    assert tuple(module_shapes(built(right, "dense.py"), (2, 16, 8, 8))[""]) == (2, 32, 8, 8)
    assert _errors(right, Net=(2, 16, 8, 8)) == []


SPLIT = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, channels=16, ratio=RATIO):
        super().__init__()
        wide = int(channels * ratio)
        self.wide = nn.Conv2d(channels, wide, 1)
        self.rest = nn.Conv2d(channels, channels - wide, 3, padding=1)

    def forward(self, x):
        return torch.cat([self.wide(x), self.rest(x)], 1)
'''


def test_a_conv_of_no_output_channels_is_refused_where_it_runs():
    wrong = SPLIT.replace("RATIO", "1.0")
    with pytest.raises(RuntimeError, match="expected weight to be at least 1 at dimension 0"):
        module_shapes(built(wrong, "split.py"), (2, 16, 8, 8))
    found = _errors(wrong, Net=(2, 16, 8, 8))
    assert [(d.code, d.span.line) for d in found] == [("CL106", 11)], [d.message for d in found]
    assert "out_channels=0 gives an empty weight" in found[0].message
    right = SPLIT.replace("RATIO", "0.75")
    module_shapes(built(right, "split.py"), (2, 16, 8, 8))
    assert _errors(right, Net=(2, 16, 8, 8)) == []


def test_a_conv_of_no_output_channels_never_called_is_clean():
    source = SPLIT.replace("RATIO", "1.0").replace(", self.rest(x)", "")
    module_shapes(built(source, "split.py"), (2, 16, 8, 8))
    assert _errors(source, Net=(2, 16, 8, 8)) == []


STRAY = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, input_shape=(4, 84, 84), n_actions=6):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(FIRST, kernel_size=8, stride=4),
            nn.ReLU(),
            nn.Conv2d(32, 64, 4, 2),
            nn.ReLU(),
        )
        self.fc = nn.Linear(64 * 9 * 9, n_actions)

    def forward(self, x):
        return self.fc(self.conv(x).flatten(1))
'''


@pytest.mark.parametrize("first,duplicate", [("self, input_shape[0], 32", "kernel_size"),
                                             ("input_shape[0], 32, 8", "kernel_size"),
                                             ("input_shape[0], 32, in_channels=4", "in_channels")])
def test_a_stray_positional_argument_is_a_binding_error_at_its_line(first, duplicate):
    wrong = STRAY.replace("FIRST", first)
    with pytest.raises(TypeError, match=f"got multiple values for argument '{duplicate}'"):
        built(wrong, "stray.py")
    found = _errors(wrong, Net=(2, 4, 84, 84))
    assert [(d.code, d.span.line) for d in found] == [("CL106", 9)], [d.message for d in found]
    assert f"got multiple values for argument '{duplicate}'" in found[0].message
    right = STRAY.replace("FIRST", "input_shape[0], 32")
    assert module_shapes(built(right, "stray.py"), (2, 4, 84, 84))["conv.2"] == (2, 64, 9, 9)
    assert _errors(right, Net=(2, 4, 84, 84)) == []


def test_the_layer_signatures_bound_are_torchs():
    """Binding judges positions and keywords by convlint's table: each must be the torch class's own
    (names and order; the keyword-only ones after `*`)."""
    nn = pytest.importorskip("torch.nn")
    from convlint.evaluator.torch_api import LAYERS

    for name, spec in LAYERS.items():
        signature = spec.signature
        if signature.varargs or name in ("RNN", "LSTM", "GRU"):  # (RNNBase takes *args, **kwargs)
            continue
        params = [p for p in inspect.signature(getattr(nn, name).__init__).parameters.values() if p.name != "self"]
        assert [n for n, _ in signature.params] == [p.name for p in params if p.kind == p.POSITIONAL_OR_KEYWORD], name
        assert [n for n, _ in signature.keyword_only] == [p.name for p in params if p.kind == p.KEYWORD_ONLY], name
