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


# a WaveNet-style skip accumulator made with torch.zeros and passed to blocks whose forward crops
# it under a condition not known statically (the two lengths of a dilated conv)
SKIP_ACCUMULATOR = '''
import torch
import torch.nn as nn


class Gated(nn.Module):
    def __init__(self, width, res_width, dilation):
        super().__init__()
        self.conv_tanh = nn.Conv1d(width, width, 3, dilation=dilation)
        self.conv_sig = nn.Conv1d(width, width, 3, dilation=dilation)
        self.conv_res = nn.Conv1d(width, res_width, 1)

    def forward(self, x, res):
        y = torch.tanh(self.conv_tanh(x)) * torch.sigmoid(self.conv_sig(x))
        skip = self.conv_res(y)
        if y.shape[-1] != x.shape[-1]:
            p = int((x.shape[-1] - y.shape[-1]) // 2)
            x = x[:, :, p:-p] + y
            res = res[:, :, p:-p] + skip
        else:
            x = x + y
            ELSE_RES
        return x, res


class Net(nn.Module):
    def __init__(self, features_in=20, width=16, res_width=32):
        super().__init__()
        self.res_width = res_width
        self.inp = nn.Conv1d(features_in, width, 1)
        self.blocks = nn.ModuleList([Gated(width, res_width, d) for d in (1, 2, 4)])
        self.head = nn.Conv1d(res_width, 1, 1)

    def forward(self, x):
        x = x.transpose(1, 2)
        x = self.inp(x)
        res = torch.zeros((x.shape[0], WIDTH, x.shape[-1]))
        for block in self.blocks:
            x, res = block(x, res)
        return self.head(res)
'''


def test_a_clash_on_both_paths_of_a_condition_is_found_at_the_tensor_maker():
    """The accumulator's 16 channels meet the skip's 32 on either path of the crop: torch refuses
    it whichever way the condition goes, and the width is the one written at torch.zeros."""
    source = filled(SKIP_ACCUMULATOR, {"ELSE_RES": "res = res + skip"})
    assert_bug_found_at_its_line(source, {"WIDTH": "self.res_width"}, {"WIDTH": "x.shape[1]"},
                                 (2, 300, 20), 37, "CL107", "wavenet.py")


def test_a_clash_on_one_path_only_stays_unknown():
    """The else path adds nothing: the clash of the crop path may never run as far as the code
    can tell, so it is no error."""
    source = filled(SKIP_ACCUMULATOR, {"ELSE_RES": "pass", "WIDTH": "x.shape[1]"})
    assert not [d for d in lint_text(source, "wavenet.py", Settings()).diagnostics if d.severity == "error"]
