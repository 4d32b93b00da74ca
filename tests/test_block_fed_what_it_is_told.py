"""A block told its input's width by its caller and fed exactly that many channels, whose own
forward changes the width before a layer (a flow's coupling halving its input with chunk(2, 1)):
a wrong count there is the block's line, not the call, which describes the input right."""

import pytest

from convlint.pipeline import Settings, lint_text

FLOW = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class ZeroConv(nn.Module):
    def __init__(self, in_channel, out_channel):
        super().__init__()
        self.conv = nn.Conv2d(in_channel, out_channel, 3, padding=1)

    def forward(self, x):
        return self.conv(x)


class Coupling(nn.Module):
    def __init__(self, in_channel, width=32, affine=True):
        super().__init__()
        self.affine = affine
        self.net = nn.Sequential(
            nn.Conv2d(in_channel // 2, width, 3, padding=1),
            nn.ReLU(),
            ZeroConv(width, in_channel if self.affine else in_channel // 2),
        )

    def forward(self, x):
        a, b = x.chunk(2, 1)
        log_s, t = self.net(a).chunk(2, 1)
        return torch.cat([a, (b + t) * torch.sigmoid(log_s + 2)], 1)


class InvConv(nn.Module):
    def __init__(self, in_channel):
        super().__init__()
        self.weight = nn.Parameter(torch.eye(in_channel).unsqueeze(2).unsqueeze(3))

    def forward(self, x):
        return F.conv2d(x, self.weight)


class Flow(nn.Module):
    def __init__(self, in_channel, affine=True):
        super().__init__()
        self.mix = InvConv(in_channel)
        self.coupling = Coupling(in_channel, affine=affine)

    def forward(self, x):
        return self.coupling(self.mix(x))


class Block(nn.Module):
    def __init__(self, in_channel, n_flow, split=True):
        super().__init__()
        squeeze_dim = in_channel * 4
        self.flows = nn.ModuleList()
        for i in range(n_flow):
            self.flows.append(Flow(squeeze_dim))
        self.split = split
        if split:
            self.prior = ZeroConv(in_channel * 2, in_channel * 4)
        else:
            self.prior = ZeroConv(in_channel * 4, in_channel * 8)

    def forward(self, x):
        b, c, h, w = x.shape
        out = x.view(b, c, h // 2, 2, w // 2, 2).permute(0, 1, 3, 5, 2, 4).reshape(b, c * 4, h // 2, w // 2)
        for flow in self.flows:
            out = flow(out)
        if self.split:
            out, z = out.chunk(2, 1)
            mean, log_sd = self.prior(out).chunk(2, 1)
        else:
            mean, log_sd = self.prior(torch.zeros_like(out)).chunk(2, 1)
        return out, mean + log_sd


class Glowish(nn.Module):
    def __init__(self, in_channel, n_flow, n_block):
        super().__init__()
        self.blocks = nn.ModuleList()
        n_channel = in_channel
        for i in range(n_block - 1):
            self.blocks.append(Block(n_channel, n_flow))
            n_channel *= 2
        self.blocks.append(Block(n_channel, n_flow, split=False))

    def forward(self, x):
        priors = []
        for block in self.blocks:
            x, prior = block(x)
            priors.append(prior)
        return x, priors
'''


def _errors(source: str) -> list[tuple[int, str]]:
    return [(d.span.line, d.code) for d in lint_text(source, "flow.py", Settings()).diagnostics
            if d.severity == "error"]


def _ran(source: str) -> dict:
    namespace: dict = {}
    exec(compile(source, "flow.py", "exec"), namespace)
    return namespace


@pytest.mark.parametrize(("old", "new", "line"), [
    # the coupling's net reading in_channel where its forward feeds it one chunk of two
    ("nn.Conv2d(in_channel // 2, width", "nn.Conv2d(in_channel, width", 21),
    # the prior told the whole squeezed width where the split leaves half of it
    ("ZeroConv(in_channel * 2, in_channel * 4)", "ZeroConv(in_channel * 4, in_channel * 4)", 60),
])
def test_a_count_a_block_changes_before_its_layer_is_wrong_in_the_block_not_at_the_call(old, new, line):
    assert _errors(FLOW) == []
    source = FLOW.replace(old, new)
    assert _errors(source) == [(line, "CL103")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="to have 12 channels, but got 6"):
        _ran(source)["Glowish"](3, 2, 3)(torch.zeros(2, 3, 32, 32))
    assert _ran(FLOW)["Glowish"](3, 2, 3)(torch.zeros(2, 3, 32, 32))[0].shape == (2, 48, 4, 4)
