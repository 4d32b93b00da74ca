"""A block that renames its constructor parameters before its layer reads them (`Cin = inChannels;
G = growRate` of EDSR-PyTorch's RDB_Conv) still takes its width from its caller: a wrong count the
caller writes (`RDB_Conv(G0 + (c + 1) * G, G)`, one growth too many) is reported at that call, as
it is where the layer reads the parameter itself. A local bound to anything else stays the layer's."""

import pytest

from convlint.pipeline import Settings, lint_text

DENSE = '''
import torch
import torch.nn as nn


class RDB_Conv(nn.Module):
    def __init__(self, inChannels, growRate, kSize=3):
        super().__init__()
        Cin = inChannels
        G = growRate
        self.conv = nn.Sequential(*[nn.Conv2d(Cin, G, kSize, padding=(kSize - 1) // 2), nn.ReLU()])

    def forward(self, x):
        return torch.cat((x, self.conv(x)), 1)


class RDB(nn.Module):
    def __init__(self, growRate0, growRate, nConvLayers):
        super().__init__()
        G0, G, C = growRate0, growRate, nConvLayers
        self.convs = nn.Sequential(*[RDB_Conv(GROWN, G) for c in range(C)])
        self.LFF = nn.Conv2d(G0 + C * G, G0, 1)

    def forward(self, x):
        return self.LFF(self.convs(x)) + x


class RDN(nn.Module):
    def __init__(self, G0=64):
        super().__init__()
        self.head = nn.Conv2d(3, G0, 3, padding=1)
        self.rdbs = nn.Sequential(*[RDB(G0, 32, 4) for _ in range(2)])

    def forward(self, x):
        return self.rdbs(self.head(x))
'''


def _errors(source: str) -> list[tuple[int, str]]:
    result = lint_text(source, "rdn.py", Settings())
    return sorted((d.span.line, d.code) for d in result.diagnostics if d.severity == "error")


def test_a_renamed_parameter_is_blamed_at_the_caller():
    assert _errors(DENSE.replace("GROWN", "G0 + c * G")) == []
    assert _errors(DENSE.replace("GROWN", "G0 + (c + 1) * G")) == [(21, "CL103")]
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(DENSE.replace("GROWN", "G0 + c * G"), "rdn.py", "exec"), namespace)
    assert namespace["RDN"]()(torch.zeros(1, 3, 8, 8)).shape == (1, 64, 8, 8)
    exec(compile(DENSE.replace("GROWN", "G0 + (c + 1) * G"), "rdn.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="expected input.* to have 96 channels, but got 64"):
        namespace["RDN"]()(torch.zeros(1, 3, 8, 8))


def test_a_local_of_another_value_stays_the_layers():
    rebound = DENSE.replace("        Cin = inChannels\n", "        Cin = inChannels\n        Cin = Cin + 32\n")
    assert _errors(rebound.replace("GROWN", "G0 + c * G - 32")) == []
    assert _errors(rebound.replace("GROWN", "G0 + c * G")) == [(12, "CL103")]  # the layer's own `+ 32`
