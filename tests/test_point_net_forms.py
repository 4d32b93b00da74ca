"""PointNet's input transform written `torch.torch.eye(k)` (torch's module holds itself, so it runs):
followed as torch.eye, so the classifier after the global max-pool is checked; against torch."""

import pytest

from convlint.pipeline import Settings, lint_text

TNET = '''
import torch
import torch.nn as nn


class TNet(nn.Module):
    def __init__(self, k=3):
        super().__init__()
        self.k = k
        self.conv = nn.Conv1d(k, 64, 1)
        self.fc = nn.Linear(64, k * k)

    def forward(self, x):
        t = torch.max(self.conv(x), dim=2)[0]
        t = self.fc(t).view(-1, self.k, self.k)
        t = t + torch.torch.eye(self.k).repeat(t.size(0), 1, 1)
        return torch.bmm(t, x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stn = TNet(3)
        self.mlp = nn.Conv1d(3, 128, 1)
        self.head = nn.Linear(HEAD, 10)

    def forward(self, x):
        x = self.mlp(self.stn(x))
        x = torch.max(x, dim=2, keepdim=True)[0].view(x.size(0), -1)
        return self.head(x)
'''

def _codes(source: str) -> list[str]:
    return [d.code for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]


def test_the_head_width_is_checked():
    assert _codes(TNET.replace("HEAD", "64")) == ["CL101"]
    assert _codes(TNET.replace("HEAD", "128")) == []


def test_torch_agrees():
    torch = pytest.importorskip("torch")
    for head, fails in (("64", True), ("128", False)):
        namespace: dict = {}
        exec(compile(TNET.replace("HEAD", head), "net.py", "exec"), namespace)
        net = namespace["Net"]()
        if fails:
            with pytest.raises(RuntimeError, match="cannot be multiplied"):
                net(torch.zeros(2, 3, 50))
        else:
            assert tuple(net(torch.zeros(2, 3, 50)).shape) == (2, 10)
