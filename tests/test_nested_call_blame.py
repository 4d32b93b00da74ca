"""A count passed through a block of blocks (`CBR(c, 2 * c)` building `Conv(cin, cout)` building
`nn.Conv2d`) is reported at the call only the failing instance went through, not at the inner
call every instance shares; a finding moved into another file names this file's calls by path."""

import pytest

from convlint.pipeline import Settings, lint_file, lint_text

BLOCKS = '''
import torch
import torch.nn as nn


class Conv(nn.Module):
    def __init__(self, cin, cout, k=3, p=1):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, padding=p)

    def forward(self, x):
        return self.conv(x)


class CBR(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.body = nn.Sequential(Conv(cin, cout), nn.BatchNorm2d(cout), nn.ReLU())

    def forward(self, x):
        return self.body(x)
'''

NET = '''

class Net(nn.Module):
    def __init__(self, c=16):
        super().__init__()
        self.enc1 = CBR(3, c)
        self.enc2 = CBR(c, 2 * c)
        self.skip2 = CBR({width}, 2 * c)

    def forward(self, x):
        return self.skip2(self.enc2(self.enc1(x)))
'''

WRONG, RIGHT = NET.format(width="c"), NET.format(width="2 * c")


def _errors(source: str) -> list[tuple[int, str, str]]:
    return [(d.span.line, d.code, d.layer) for d in lint_text(source, "net.py", Settings()).diagnostics
            if d.severity == "error"]


def test_the_call_only_the_failing_instance_went_through_is_reported():
    source = BLOCKS + WRONG
    line = next(n for n, text in enumerate(source.splitlines(), 1) if "self.skip2 = CBR(c," in text)
    assert _errors(source) == [(line, "CL103", "skip2.body.0.conv")]


def test_the_right_width_stays_clean():
    assert _errors(BLOCKS + RIGHT) == []


def test_torch_fails_on_the_wrong_width_only():
    torch = pytest.importorskip("torch")
    for source, fails in ((WRONG, True), (RIGHT, False)):
        namespace: dict = {}
        exec(compile(BLOCKS + source, "net.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError, match="expected input.* to have 16 channels, but got 32"):
                namespace["Net"]()(torch.zeros(1, 3, 8, 8))
        else:
            assert namespace["Net"]()(torch.zeros(1, 3, 8, 8)).shape == (1, 32, 8, 8)


def test_a_finding_in_another_file_names_the_calls_of_the_linted_file_by_its_path(tmp_path):
    # the block library's own line is wrong (it forgets the skip's channels), and the note
    # "built through the call at ..." must name the linted file for the linted file's line
    (tmp_path / "blocks.py").write_text(BLOCKS.replace("Conv(cin, cout)", "Conv(cout, cout)"))
    net = tmp_path / "net.py"
    net.write_text("import torch.nn as nn\nfrom blocks import CBR\n" + RIGHT)
    (found,) = [d for d in lint_file(net, str(net), Settings()).diagnostics if d.severity == "error"]
    assert found.path.endswith("blocks.py") and found.code == "CL103"
    enc2 = next(n for n, text in enumerate(net.read_text().splitlines(), 1) if "self.enc2 = " in text)
    assert [(s.file, s.line) for s in found.via] == [(str(net), enc2)]


# A dense block whose loop passes the same width to every layer (`_Layer(channels, growth)` where
# `channels + i * growth` arrive), reached only through an outer model: the call that built the
# block describes its input right, so the call inside it, whose first layer fits and later ones do
# not, is the one to change; with defaults on both classes, the block's own analysis and the outer
# model's agree on that line, so the bug is one finding.
DENSE = '''
import torch
from torch import nn


class _Layer(nn.Module):
    def __init__(self, channels, growth):
        super().__init__()
        self.rb = nn.Sequential(nn.Conv2d(channels, growth, 3, 1, 1), nn.ReLU(True))

    def forward(self, x):
        return torch.cat([x, self.rb(x)], 1)


class DenseBlock(nn.Module):
    def __init__(self, channels{defaults}, growth{growth}, n{n}):
        super().__init__()
        layers = []
        for i in range(n):
            layers.append(_Layer({width}, growth))
        self.body = nn.Sequential(*layers)
        self.fuse = nn.Conv2d(channels + n * growth, channels, 1)

    def forward(self, x):
        return self.fuse(self.body(x)) + x


class Net(nn.Module):
    def __init__(self, channels=32, growth=8, n=3, blocks=2):
        super().__init__()
        self.head = nn.Conv2d(3, channels, 3, 1, 1)
        self.trunk = nn.Sequential(*[DenseBlock(channels, growth, n) for _ in range(blocks)])

    def forward(self, x):
        return self.trunk(self.head(x))
'''


def _dense(width: str, defaults: bool) -> str:
    given = ("=32", "=8", "=3") if defaults else ("", "", "")
    return DENSE.format(width=width, defaults=given[0], growth=given[1], n=given[2])


@pytest.mark.parametrize("defaults", [False, True], ids=["block-without-defaults", "block-with-defaults"])
def test_a_width_a_nested_loop_passes_unchanged_is_reported_at_its_call_once(defaults):
    source = _dense("channels", defaults)
    line = next(n for n, text in enumerate(source.splitlines(), 1) if "layers.append(_Layer(" in text)
    assert [(line, code) for line, code, _ in _errors(source)] == [(line, "CL103")]


@pytest.mark.parametrize("defaults", [False, True], ids=["block-without-defaults", "block-with-defaults"])
def test_the_loop_passing_the_growing_width_stays_clean(defaults):
    assert _errors(_dense("channels + i * growth", defaults)) == []


def test_torch_fails_on_the_unchanged_width_only():
    torch = pytest.importorskip("torch")
    for width, fails in (("channels", True), ("channels + i * growth", False)):
        namespace: dict = {}
        exec(compile(_dense(width, False), "net.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError, match="expected input.* to have 32 channels, but got 40"):
                namespace["Net"]()(torch.zeros(1, 3, 8, 8))
        else:
            assert namespace["Net"]()(torch.zeros(1, 3, 8, 8)).shape == (1, 32, 8, 8)
