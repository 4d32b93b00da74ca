"""What an nn.Linear gives a tensor of unknown rank ends in its out_features (its tail); a broadcast
of it keeps that last dim where an operand's decides it: `x * torch.sigmoid(x)` of a Swish module,
as a diffusion U-Net's noise-level MLP (sinusoidal encoding, Linear, Swish, Linear) writes it, so a
second Linear that takes another width is an error whatever the timesteps' rank. A last dim of 1,
or a symbol that may be 1, beside one not known, decides nothing."""

import pytest

from convlint.pipeline import Settings, lint_text

NOISE_MLP = '''
import math
import torch
import torch.nn as nn


class PositionalEncoding(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.dim = dim

    def forward(self, noise_level):
        count = self.dim // 2
        step = torch.arange(count, dtype=noise_level.dtype) / count
        encoding = noise_level.unsqueeze(1) * torch.exp(-math.log(1e4) * step.unsqueeze(0))
        return torch.cat([torch.sin(encoding), torch.cos(encoding)], dim=-1)


class Swish(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(x)


class UNet(nn.Module):
    def __init__(self, ch=32):
        super().__init__()
        self.noise_level_mlp = nn.Sequential(PositionalEncoding(ch), nn.Linear(ch, ch * 4), Swish(),
                                             nn.Linear(SECOND, ch))
        self.conv = nn.Conv2d(3, ch, 3, padding=1)

    def forward(self, x, time):
        t = self.noise_level_mlp(time)
        return self.conv(x) + t.view(x.shape[0], -1, 1, 1)
'''

HALVED = '''
import torch
import torch.nn as nn


class Head(nn.Module):
    def __init__(self, backbone, width):
        super().__init__()
        self.backbone = backbone
        self.fc = nn.Linear(16, width)
        self.head = nn.Linear(128, 10)

    def forward(self, x):
        h = self.fc(self.backbone(x))
        return self.head(OPERATION)
'''


def _errors(source: str) -> list[tuple[int, str]]:
    result = lint_text(source, "unet.py", Settings())
    return sorted((d.span.line, d.code) for d in result.diagnostics if d.severity == "error")


def test_a_swish_keeps_the_width_a_linear_gave():
    assert _errors(NOISE_MLP.replace("SECOND", "ch * 4")) == []
    assert _errors(NOISE_MLP.replace("SECOND", "ch * 2")) == [(28, "CL101")]
    torch = pytest.importorskip("torch")
    for second, fails in (("ch * 4", False), ("ch * 2", True)):
        namespace: dict = {}
        exec(compile(NOISE_MLP.replace("SECOND", second), "unet.py", "exec"), namespace)
        model = namespace["UNet"]()
        for time in (torch.rand(2), torch.rand(2, 1)):
            if fails:
                with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
                    model.noise_level_mlp(time)
            else:
                assert model.noise_level_mlp(time).shape[-1] == 32


@pytest.mark.parametrize("operation, width, found", [
    ("h * torch.sigmoid(h)", "64", True),
    ("h * 0.5 + h", "64", True),
    ("h + torch.zeros(64)", "64", True),
    ("h + torch.zeros(1)", "64", True),
    ("h * torch.sigmoid(h)", "128", False),
    ("h * self.backbone(x)", "1", False),  # a last dim of 1 broadcasts to the other's, not known
    ("h * self.backbone(x)", "width", False),  # a symbol may be 1
    ("h.softmax(-1) * h", "64", True),  # h decides, whatever the softmax gives
])
def test_what_a_broadcast_of_a_tail_gives(operation, width, found):
    source = HALVED.replace("OPERATION", operation)
    if width != "width":
        source = source.replace("nn.Linear(16, width)", f"nn.Linear(16, {width})")
    assert _errors(source) == ([(11, "CL101")] if found else [])
    torch = pytest.importorskip("torch")
    if width not in ("64", "128"):
        return
    namespace: dict = {}
    exec(compile(source, "head.py", "exec"), namespace)
    model = namespace["Head"](torch.nn.Identity(), int(width))
    for x in (torch.rand(2, 16), torch.rand(2, 5, 16)):
        if found:
            with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
                model(x)
        else:
            assert model(x).shape[-1] == 10
