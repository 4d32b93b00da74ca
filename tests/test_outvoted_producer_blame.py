"""A layer whose out width every layer it feeds refuses alike, where the counts those layers
expect are written apart and agree, is the line reported: a stem conv widened 8 -> 16 before a
BatchNorm shared with the first stage (its other call, fed 8, shows 8 right) and the next conv;
a time embedding built `TimeEmbedding(ch * 2)` where every ResBlock's Linear takes `ch * 4`
(reported at that call, its argument scaled, not at the Linear). With one consumer, or consumers
whose count is one name they all read, which side is the typo is not shown: this step leaves the
finding where it was. Each bug fails in torch; each fix runs, every module's shape equal to torch's."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import built, filled, module_shapes

SHARED_NORM = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, WIDTH, 5, padding=2, bias=False)
        self.conv3 = nn.Conv2d(8, 16, 5, padding=2, bias=False)
        self.bn2 = nn.BatchNorm2d(16)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(16, 2)

    def forward(self, x):
        x = self.pool(self.bn1(torch.relu(self.conv1(x))))
        x = self.pool(self.bn1(torch.relu(self.conv2(x))))
        x = self.pool(self.bn2(torch.relu(self.conv3(x))))
        return self.fc(x.mean((2, 3)))


if __name__ == "__main__":
    Net()(torch.randn(2, 3, 64, 64))
'''

TIME_EMBEDDING = '''
import math
import torch
import torch.nn as nn


class TimeEmbedding(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.dim = dim
        self.mlp = nn.Sequential(nn.Linear(dim, dim * 4), nn.SiLU(), nn.Linear(dim * 4, dim * 4))

    def forward(self, t):
        half = self.dim // 2
        freqs = torch.exp(-math.log(10000) * torch.arange(half) / half)
        args = t[:, None].float() * freqs[None]
        return self.mlp(torch.cat([torch.sin(args), torch.cos(args)], dim=-1))


class Block(nn.Module):
    def __init__(self, cin, cout, tdim):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)
        self.temb = nn.Linear(tdim, cout)

    def forward(self, x, temb):
        return self.conv(x) + self.temb(temb)[:, :, None, None]


class Net(nn.Module):
    def __init__(self, ch=16):
        super().__init__()
        self.time = TimeEmbedding(SCALE)
        self.down = Block(3, ch, ch * 4)
        self.mid = Block(ch, ch, ch * 4)
        self.out = Block(ch, 3, ch * 4)

    def forward(self, x, t):
        temb = self.time(t)
        return self.out(self.mid(self.down(x, temb), temb), temb)


if __name__ == "__main__":
    Net()(torch.randn(2, 3, 16, 16), torch.randint(0, 1000, (2,)))
'''

# one consumer: the conv after it may be the typo as well as the producer
ONE_CONSUMER = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(8, WIDTH, 3, padding=1)
        self.conv3 = nn.Conv2d(8, 4, 3, padding=1)

    def forward(self, x):
        return self.conv3(torch.relu(self.conv2(torch.relu(self.conv1(x)))))


if __name__ == "__main__":
    Net()(torch.randn(2, 3, 32, 32))
'''

def _errors(source: str) -> list:
    return [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]


def _runs(source: str, *inputs) -> None:
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    namespace["Net"]().eval()(*(torch.zeros(*i) if isinstance(i, tuple) else i for i in inputs))


def test_the_conv_both_consumers_of_which_take_the_old_width_is_blamed():
    source = filled(SHARED_NORM, {"WIDTH": "16"})
    with pytest.raises(RuntimeError):
        module_shapes(built(source, "net.py"), (2, 3, 64, 64))
    (error,) = _errors(source)
    assert (error.code, error.span.line, error.layer) == ("CL104", line_of(source, "self.conv2 ="), "conv2")
    assert error.fix == "Set out_channels to 8"
    assert "bn1 and conv3 each take 8" in error.message
    related = {span.line for span in error.related}
    assert {line_of(source, "self.bn1 ="), line_of(source, "self.conv3 =")} <= related


def test_the_shared_norm_model_as_meant_runs_clean():
    source = filled(SHARED_NORM, {"WIDTH": "8"})
    module_shapes(built(source, "net.py"), (2, 3, 64, 64))
    assert _errors(source) == []


def test_the_block_call_every_consumer_disagrees_with_is_blamed():
    torch = pytest.importorskip("torch")
    source = filled(TIME_EMBEDDING, {"SCALE": "ch * 2"})
    with pytest.raises(RuntimeError):
        _runs(source, (2, 3, 16, 16), torch.zeros(2, dtype=torch.long))
    (error,) = _errors(source)
    assert (error.code, error.span.line) == ("CL101", line_of(source, "TimeEmbedding(ch * 2)"))
    assert error.fix == "Give time dim=16, so that time.mlp.2 gives out 64"
    assert "down.temb, mid.temb and out.temb each take 64" in error.message


def test_the_time_embedding_as_meant_runs():
    torch = pytest.importorskip("torch")
    source = filled(TIME_EMBEDDING, {"SCALE": "ch"})
    _runs(source, (2, 3, 16, 16), torch.zeros(2, dtype=torch.long))
    assert _errors(source) == []


def test_a_single_consumer_stays_blamed():
    source, producer = filled(ONE_CONSUMER, {"WIDTH": "16"}), "self.conv2 ="
    with pytest.raises(RuntimeError):
        module_shapes(built(source, "net.py"), (2, 3, 32, 32))
    errors = _errors(source)
    assert errors and line_of(source, producer) not in {d.span.line for d in errors}
