"""1-D signal and audio nets: widths their scripts give only through argparse options, a shortcut
that exists only when two widths differ, a skip accumulator allocated with a tensor maker. Each
bug is found at its line with no options (torch refuses it), the correct variant stays clean."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, filled

torch = pytest.importorskip("torch")

# required list arguments whose values are the script's options: a parser built by a helper
# (given as a parent), its defaults overridden by `args.layers = [...]` after parse_args()
OPTIONS_OF_THE_SCRIPT = '''
import argparse
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, layers, channels=(16, 32, 64), expansion=2, n_class=10):
        super().__init__()
        self.stem = nn.Conv1d(1, 16, 3, stride=3, padding=1)
        in_planes = 16
        for i in range(len(layers)):
            setattr(self, f"layer{i+1}", nn.Sequential(
                nn.Conv1d(in_planes, channels[i] * expansion, 3, stride=3, padding=1), nn.ReLU()))
            in_planes = channels[i] * expansion
        self.n = len(layers)
        self.pool = nn.AdaptiveAvgPool1d(1)
        self.fc = nn.Linear(WIDTH, n_class)

    def forward(self, x):
        x = self.stem(x)
        for i in range(self.n):
            x = getattr(self, f"layer{i+1}")(x)
        return self.fc(torch.flatten(self.pool(x), 1))


PARSER


if __name__ == "__main__":
MAIN
    net = Net(layers=args.layers, channels=args.channels)
'''

HELPER_AS_PARENT = '''
def arg_parser():
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--layers", default=[2, 2], type=int, nargs="+")
    p.add_argument("--channels", default=[8, 8], type=int, nargs="+")
    return p
'''

OVERRIDDEN = '''    parser = argparse.ArgumentParser("check", parents=[arg_parser()])
    args = parser.parse_args()
    args.layers = [1, 1, 1]
    args.channels = [16, 32, 64]'''

HELPER_RETURNS_IT = '''
def get_parser():
    p = argparse.ArgumentParser()
    p.add_argument("--layers", nargs="+", type=int, default=[1, 1, 1])
    return p
'''

DECLARED_IN_MAIN = '''    parser = get_parser()
    parser.add_argument("--channels", nargs="+", type=int, default=[16, 32, 64])
    args = parser.parse_args()'''


def _built(namespace):
    return namespace["Net"](layers=[1, 1, 1], channels=[16, 32, 64])


@pytest.mark.parametrize("parser, main", [(HELPER_AS_PARENT, OVERRIDDEN), (HELPER_RETURNS_IT, DECLARED_IN_MAIN)],
                         ids=["parent-parser-then-overridden", "helper-parser-then-declared"])
def test_list_arguments_the_script_options_give_are_followed(parser, main):
    source = filled(OPTIONS_OF_THE_SCRIPT, {"PARSER": parser, "MAIN": main})
    assert_bug_found_at_its_line(source, {"WIDTH": "channels[-1] * expansion"}, {"WIDTH": "channels[-1]"},
                                 (3, 1, 729), 18, "CL101", "script.py", build=_built)


def test_options_handed_to_code_not_followed_stay_unknown():
    """`update_options(args)` may set any option: the widths are not taken from the defaults."""
    main = OVERRIDDEN + "\n    update_options(args)"
    source = filled(OPTIONS_OF_THE_SCRIPT, {"PARSER": HELPER_AS_PARENT, "MAIN": main, "WIDTH": "channels[-1]"})
    assert not [d for d in lint_text(source, "script.py", Settings()).diagnostics if d.severity == "error"]
