"""A layer or block that forward calls on two lines, fitting what one call gives and refusing what
the other gives (a U-Net calling an encoder block again to rebuild its skip, given the wrong stage),
is reported at the failing call, the layer's line related: its construction is shown right by the
call it runs on. A module a loop calls again on one line stays at its line. Against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

UNET = '''
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc1 = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU())
        self.enc2 = nn.Sequential(nn.Conv2d(16, 32, 3, padding=1), nn.ReLU())
        self.enc3 = nn.Sequential(nn.Conv2d(32, 64, 3, padding=1), nn.ReLU())
        self.pool = nn.MaxPool2d(2)
        self.up = nn.ConvTranspose2d(64, 32, 2, stride=2)
        self.dec = nn.Conv2d(64, 2, 3, padding=1)

    def forward(self, x):
        e0 = self.pool(self.enc1(x))
        e1 = self.pool(self.enc2(e0))
        b = self.enc3(e1)
        d = self.up(b)
        s = self.enc2({skip})
        return self.dec(torch.cat((d, s), dim=1))
'''

LAYER_TWICE = '''
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc_conv0 = nn.Conv2d(3, 16, 3, padding=1)
        self.enc_conv1 = nn.Conv2d(16, 32, 3, padding=1)
        self.enc_conv2 = nn.Conv2d(32, 32, 3, padding=1)
        self.head = nn.Conv2d(64, 2, 1)

    def forward(self, x):
        e0 = self.enc_conv0(x)
        e1 = self.enc_conv1(e0)
        e2 = self.enc_conv2(e1)
        skip = self.enc_conv2({skip})
        return self.head(torch.cat([e2, skip], 1))
'''

BLOCK_TWICE = '''
import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)
        self.bn = nn.BatchNorm2d(cout)

    def forward(self, x):
        return torch.relu(self.bn(self.conv(x)))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.b1 = Block(3, 16)
        self.b2 = Block(16, 32)
        self.b3 = Block(32, 32)
        self.head = nn.Conv2d(64, 2, 1)

    def forward(self, x):
        e1 = self.b1(x)
        e2 = self.b2(e1)
        e3 = self.b3(e2)
        again = self.b2({skip})
        return self.head(torch.cat([e3, again], 1))
'''

LINEAR_TWICE = '''
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(8, 16)
        self.b = nn.Linear(16, 16)
        self.proj = nn.Linear(16, 4)

    def forward(self, x):
        h = self.b(self.a(x))
        y = self.proj(h)
        z = self.proj({skip})
        return y + z
'''

LOOPED = '''
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.body = nn.Conv2d(16, {width}, 3, padding=1)

    def forward(self, x):
        x = self.stem(x)
        for _ in range(3):
            x = self.body(x)
        return x
'''

# (source, the argument of the failing call as written, as meant, the line of the layer it fails at,
# the code, the input torch runs it on)
CASES = [
    (UNET, "e1", "e0", "nn.Conv2d(16, 32, 3, padding=1)", "CL103", (2, 3, 32, 32)),
    (LAYER_TWICE, "e0", "e1", "self.enc_conv2 = nn.Conv2d(32, 32, 3, padding=1)", "CL103", (2, 3, 16, 16)),
    (BLOCK_TWICE, "e2", "e1", "self.conv = nn.Conv2d(cin, cout, 3, padding=1)", "CL103", (2, 3, 16, 16)),
    (LINEAR_TWICE, "x", "h", "self.proj = nn.Linear(16, 4)", "CL101", (2, 8)),
]


def _errors(source: str):
    return [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]


@pytest.mark.parametrize("source, wrong, right, layer, code, shape", CASES)
def test_the_failing_call_of_a_module_another_call_fits_is_reported(source, wrong, right, layer, code, shape):
    text = source.format(skip=wrong)
    (found,) = [d for d in _errors(text) if d.code == code]
    call = max(n for n, row in enumerate(text.splitlines(), 1) if row.endswith(f"({wrong})"))
    assert found.span.line == call
    assert line_of(text, layer) in [r.line for r in found.related]
    assert "is what differs" in found.message and f"on line {call}" in found.message
    assert found.fix.startswith("Pass ")


@pytest.mark.parametrize("source, wrong, right, layer, code, shape", CASES)
def test_the_module_called_right_both_times_stays_clean(source, wrong, right, layer, code, shape):
    assert _errors(source.format(skip=right)) == []


def test_the_encoder_block_is_named_as_forward_calls_it():
    """The conv inside `self.enc2`, a Sequential: the fix names enc2, the module the line calls."""
    (found,) = [d for d in _errors(UNET.format(skip="e1")) if d.code == "CL103"]
    assert found.fix == "Pass enc2 a tensor of 16 channels here, as line 18 does"


def test_a_module_a_loop_calls_again_on_one_line_stays_at_its_line():
    """`for _ in range(3): x = self.body(x)`: the first run fits, the second fails, on the same line:
    no call differs, the conv's out width is what to change."""
    source = LOOPED.format(width="32")
    (found,) = _errors(source)
    assert (found.code, found.span.line) == ("CL103", line_of(source, "self.body = nn.Conv2d"))
    assert _errors(LOOPED.format(width="16")) == []


def _run(source: str, shape):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    return namespace["Net"]()(torch.rand(*shape))


@pytest.mark.parametrize("source, wrong, right, layer, code, shape", CASES)
def test_torch_refuses_the_wrong_call_and_runs_the_right_one(source, wrong, right, layer, code, shape):
    with pytest.raises(RuntimeError):
        _run(source.format(skip=wrong), shape)
    _run(source.format(skip=right), shape)


def test_torch_refuses_the_loop_and_runs_it_with_the_width_kept():
    with pytest.raises(RuntimeError):
        _run(LOOPED.format(width="32"), (2, 3, 8, 8))
    _run(LOOPED.format(width="16"), (2, 3, 8, 8))
