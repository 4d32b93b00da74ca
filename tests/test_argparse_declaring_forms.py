"""Options declared in the other ways scripts write them: through an alias of the method
(`arg = parser.add_argument; arg('--img_size', type=int, default=128)`), in an argument group,
and changed by `parser.set_defaults(...)`. Each default is the one parse_args() gives torch's run."""

import sys

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, filled, module_shapes

torch = pytest.importorskip("torch")

# The input size is stated only by options parsed in main(), which feeds the model a batch of them.
FED_IN_MAIN = '''
import argparse
import torch
import torch.nn as nn


class Disc(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, stride=16)
        self.fc = nn.Linear(16 * SIDE * SIDE, 1)

    def forward(self, x):
        return self.fc(torch.flatten(self.conv(x), 1))


def main():
    parser = argparse.ArgumentParser()
DECLARE
    args = parser.parse_args()
    disc = Disc()
    x = torch.randn(args.batch_size, 3, args.img_size, args.img_size)
    out = disc(x)


if __name__ == "__main__":
    main()
'''

ALIAS = '''    arg = parser.add_argument
    arg('--img_size', type=int, default=128)
    arg('--batch_size', type=int, default=4)'''
GROUP = '''    group = parser.add_argument_group('data')
    group.add_argument('--img_size', type=int, default=128)
    group.add_argument('--batch_size', type=int, default=4)'''
SET_DEFAULTS = '''    parser.add_argument('--img_size', type=int, default=96)
    parser.add_argument('--batch_size', type=int, default=4)
    parser.set_defaults(img_size=128)'''


def _disc(namespace):
    return namespace["Disc"]()


@pytest.mark.parametrize("declare", [ALIAS, GROUP, SET_DEFAULTS], ids=["alias", "group", "set_defaults"])
def test_the_size_an_option_declared_so_states_is_checked(declare):
    """main() feeds 4x3x128x128 (batch and side its options' defaults): a head counted for 96x96
    is refused there, and convlint's shapes at that size are torch's."""
    source = FED_IN_MAIN.replace("DECLARE", declare)
    clean = assert_bug_found_at_its_line(source, {"SIDE": "8"}, {"SIDE": "6"}, (4, 3, 128, 128), 11, "CL101",
                                         "options.py", build=_disc)
    (model,) = [m for m in clean.models if m.name == "Disc"]
    predicted = {c.node.path: tuple(c.output.shape.dims) for c in model.calls}
    torch_shapes = module_shapes(_disc(_namespace(filled(source, {"SIDE": "8"}))).eval(), (4, 3, 128, 128))
    assert predicted == torch_shapes


def test_a_default_set_defaults_replaces_is_not_the_one_checked():
    """`default=96` then `set_defaults(img_size=128)`: parse_args() gives 128, and the head counted
    for 128 is right, however the 96 would fail."""
    source = filled(FED_IN_MAIN.replace("DECLARE", SET_DEFAULTS), {"SIDE": "8"})
    result = lint_text(source, "options.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []


def _namespace(source: str) -> dict:
    namespace: dict = {}
    exec(compile(source, "options.py", "exec"), namespace)
    return namespace


# A width stated only by an option declared through an alias at module level.
BUILT_FROM_OPTIONS = '''
import argparse
import torch.nn as nn

parser = argparse.ArgumentParser()
arg = parser.add_argument
arg('--nf', type=int, default=32)
args = parser.parse_args()


class Net(nn.Module):
    def __init__(self, nf):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, nf, 3, padding=1), nn.ReLU(), nn.Conv2d(WIDTH, 10, 3, padding=1))

    def forward(self, x):
        return self.body(x)


net = Net(args.nf)
'''


def test_a_width_an_aliased_option_states_is_checked(monkeypatch):
    """nf is 32, as parse_args() gives it: the second conv's 64 is refused."""
    monkeypatch.setattr(sys, "argv", ["train.py"])
    source = BUILT_FROM_OPTIONS
    assert_bug_found_at_its_line(source, {"WIDTH": "nf"}, {"WIDTH": "64"}, (2, 3, 16, 16), 14, "CL103",
                                 "train.py", build=lambda namespace: namespace["net"])
    assert_shapes_equal_torch(filled(source, {"WIDTH": "nf"}), (2, 3, 16, 16), "train.py",
                              build=lambda namespace: namespace["net"])


# Widths stated only by list options (nargs='+') parsed from an empty list of arguments, as a
# script does to take its defaults wherever it is run from.
BUILT_FROM_EMPTY_ARGUMENTS = '''
import argparse
import torch
import torch.nn as nn


class Stack(nn.Module):
    def __init__(self, widths, kernels):
        super().__init__()
        layers = []
        for i in range(1, len(widths)):
            layers.append(nn.Conv2d(FACTOR * widths[i - 1], widths[i], kernels[i - 1], padding=1))
        self.layers = nn.ModuleList(layers)

    def forward(self, x):
        for layer in self.layers:
            x = layer(torch.cat((torch.relu(x), torch.relu(-x)), dim=1))
        return x


parser = argparse.ArgumentParser()
parser.add_argument('--widths', type=int, nargs='+', default=[3, 8, 16])
parser.add_argument('--kernels', type=int, nargs='+', default=[3, 3])
args = parser.parse_args(PARSED)
net = Stack(args.widths, args.kernels)
'''


@pytest.mark.parametrize("parsed", ["[]", "args=[]", "()"])
def test_widths_of_options_parsed_from_an_empty_list_are_checked(parsed):
    """parse_args([]) gives the declared defaults: each conv gets twice the width before it, so
    one counting it once is refused, and convlint's shapes are torch's."""
    source = BUILT_FROM_EMPTY_ARGUMENTS.replace("PARSED", parsed)
    assert_bug_found_at_its_line(source, {"FACTOR": "2"}, {"FACTOR": "1"}, (2, 3, 16, 16), 12, "CL103",
                                 "train.py", build=lambda namespace: namespace["net"])
    assert_shapes_equal_torch(filled(source, {"FACTOR": "2"}), (2, 3, 16, 16), "train.py",
                              build=lambda namespace: namespace["net"], name="Stack")



def test_the_size_options_parsed_from_an_empty_list_state_is_checked():
    """main() parses `parse_args([])` and feeds 4x3x128x128, the defaults: the head counted for
    96x96 is refused there."""
    source = FED_IN_MAIN.replace("DECLARE", GROUP).replace("parse_args()", "parse_args([])")
    assert_bug_found_at_its_line(source, {"SIDE": "8"}, {"SIDE": "6"}, (4, 3, 128, 128), 11, "CL101",
                                 "options.py", build=_disc)
