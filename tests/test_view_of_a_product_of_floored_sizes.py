"""A generator's Linear sized from a floor of a constructor argument (`s0 = size // 32`, then
`nn.Linear(z_dim, 16 * nf * s0 * s0)`) gives that product, kept factor by factor, so the view that
unflattens it into maps (`out.view(batch, 16 * nf, s0, s0)`) is checked with no input size: a
view asking for another channel count is refused by torch at every size, and reported there."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built

GENERATOR = '''
import torch.nn as nn


class Generator(nn.Module):
    def __init__(self, z_dim, size, nfilter=64):
        super().__init__()
        s0 = self.s0 = size // 32
        nf = self.nf = nfilter
        self.fc = nn.Linear(z_dim, 16 * nf * s0 * s0)
        self.conv = nn.Conv2d(CHANNELS, 3, 3, padding=1)

    def forward(self, z):
        batch_size = z.size(0)
        out = self.fc(z)
        out = out.view(VIEW)
        return self.conv(out)
'''


def _errors(source: str) -> set:
    result = lint_text(source, "generator.py", Settings())
    return {(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"}


def _generator(view: str, channels: str = "16 * nf") -> str:
    return GENERATOR.replace("VIEW", view).replace("CHANNELS", channels)


def test_a_view_asking_half_the_channels_is_reported_at_the_view():
    wrong = _generator("batch_size, 8 * self.nf, self.s0, self.s0", "8 * nf")
    assert _errors(wrong) == {("CL102", 16)}
    torch = pytest.importorskip("torch")
    model = built(wrong, "generator.py", lambda ns: ns["Generator"](z_dim=16, size=64))
    with pytest.raises(RuntimeError, match=r"shape '\[2, 512, 2, 2\]' is invalid for input of size 8192"):
        model(torch.zeros(2, 16))


@pytest.mark.parametrize("view", [
    "batch_size, 16 * self.nf, self.s0, self.s0",
    "-1, 16 * self.nf, self.s0, self.s0",
    "batch_size, 4 * self.nf, 2 * self.s0, 2 * self.s0",
])
def test_views_that_keep_every_element_are_not_reported(view):
    channels = "4 * nf" if view.startswith("batch_size, 4") else "16 * nf"
    source = _generator(view, channels)
    assert _errors(source) == set()
    torch = pytest.importorskip("torch")
    model = built(source, "generator.py", lambda ns: ns["Generator"](z_dim=16, size=64))
    assert tuple(model(torch.zeros(2, 16)).shape)[:2] == (2, 3)
