"""A width given to a helper that takes its widths as `*dims` (PointNet's `PointMLP(k, 64, 128)`
building `nn.Conv1d(dims[i - 1], dims[i], 1)` in a loop, registered with register_module or
add_module, or read through zip() of its slices) or as a list written with names (`MLP([k, 64, 128])`) is reported at the call that
wrote the wrong number (`TNet(3)` where 64 channels arrive), as a block's named argument is: the
helper's line, which every other call builds right, is only a note. Against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, filled

HEAD = '''import torch
import torch.nn as nn
'''

# the helper's forms: a module looping over *dims with register_module, a function's comprehension,
# a conv+BN block registered with add_module, a module taking the widths as one list
REGISTERED = '''

class MLP(nn.Module):
    def __init__(self, *dims):
        super().__init__()
        self.blocks = []
        for i in range(1, len(dims)):
            block = nn.Sequential(nn.Conv1d(dims[i - 1], dims[i], 1), nn.ReLU())
            self.blocks.append(block)
            self.register_module(f"block{i}", block)

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return x
'''

FUNCTION = '''

def MLP(*dims):
    return nn.Sequential(*[nn.Sequential(nn.Conv1d(dims[i], dims[i + 1], 1), nn.ReLU())
                           for i in range(len(dims) - 1)])
'''

BLOCKS = '''

class ConvBN(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv1d(cin, cout, 1)
        self.bn = nn.BatchNorm1d(cout)

    def forward(self, x):
        return torch.relu(self.bn(self.conv(x)))


class MLP(nn.Module):
    def __init__(self, *dims):
        super().__init__()
        self.layers = []
        for i in range(1, len(dims)):
            layer = ConvBN(dims[i - 1], dims[i])
            self.add_module("layer%d" % i, layer)
            self.layers.append(layer)

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x
'''

ZIPPED = '''

class MLP(nn.Module):
    def __init__(self, *dims):
        super().__init__()
        for i, (cin, cout) in enumerate(zip(dims[:-1], dims[1:])):
            self.add_module(f"conv{i}", nn.Conv1d(cin, cout, 1))

    def forward(self, x):
        for m in self.children():
            x = torch.relu(m(x))
        return x
'''

LISTED = '''

class MLP(nn.Module):
    def __init__(self, dims):
        super().__init__()
        self.blocks = nn.ModuleList()
        for i in range(1, len(dims)):
            self.blocks.append(nn.Sequential(nn.Conv1d(dims[i - 1], dims[i], 1), nn.ReLU()))

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return x
'''

MODEL = '''

class TNet(nn.Module):
    def __init__(self, k):
        super().__init__()
        self.mlp = MLP(OPENk, 64, 128CLOSE)

    def forward(self, x):
        return torch.max(self.mlp(x), dim=2)[0]


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.mlp1 = MLP(OPEN3, 64, 64CLOSE)
        self.tnet = TNet(KDIM)

    def forward(self, x):
        return self.tnet(self.mlp1(x))
'''

DIRECT = '''

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.mlp1 = MLP(OPEN3, 64, 64CLOSE)
        self.mlp2 = MLP(OPENKDIM, 128, 256CLOSE)

    def forward(self, x):
        return self.mlp2(self.mlp1(x))
'''

HELPERS = {"registered": (REGISTERED, ("", "")), "function": (FUNCTION, ("", "")), "blocks": (BLOCKS, ("", "")),
           "listed": (LISTED, ("[", "]")), "zipped": (ZIPPED, ("", ""))}


def _source(helper: str, model: str) -> str:
    body, (open_, close) = HELPERS[helper]
    return filled(HEAD + body + model, {"OPEN": open_, "CLOSE": close})


def _line(source: str, text: str) -> int:
    (line,) = [n for n, written in enumerate(source.splitlines(), 1) if text in written]
    return line


@pytest.mark.parametrize("helper", sorted(HELPERS))
def test_a_wrong_width_passed_down_to_the_helper_is_reported_at_the_outer_call(helper):
    source = _source(helper, MODEL)
    line = _line(source, "TNet(KDIM)")
    assert_bug_found_at_its_line(source, {"KDIM": "64"}, {"KDIM": "3"}, (2, 3, 50), line, "CL103", f"{helper}.py")
    found = [d for d in lint_text(filled(source, {"KDIM": "3"}), f"{helper}.py", Settings()).diagnostics
             if d.severity == "error"]
    assert [(d.code, d.span.line) for d in found] == [("CL103", line)]


@pytest.mark.parametrize("helper", ["registered", "blocks", "zipped"])
def test_a_wrong_width_written_in_the_helpers_call_is_reported_there(helper):
    source = _source(helper, DIRECT)
    line = _line(source, "MLP(KDIM")
    assert_bug_found_at_its_line(source, {"KDIM": "64"}, {"KDIM": "32"}, (2, 3, 50), line, "CL103", f"{helper}.py")
    (found,) = [d for d in lint_text(filled(source, {"KDIM": "32"}), f"{helper}.py", Settings()).diagnostics
                if d.severity == "error"]
    assert (found.span.line, found.span.column) == (line, source.splitlines()[line - 1].index("KDIM") + 1)  # (1-based)
