"""A generator sized by an options object nothing gives (`Generator(args)` of an SNGAN): its Linear
makes `bottom_width ** 2 * ch` features, viewed as `ch` maps of `bottom_width` sides. A power of a
symbolic size is the product it writes, and a view cancels a product of constructor arguments
argument by argument, so a Linear twice as wide as the maps is seen to double the batch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built

GENERATOR = '''
import torch.nn as nn


class Generator(nn.Module):
    def __init__(self, args):
        super().__init__()
        self.bottom_width = args.bottom_width
        self.ch = args.gf_dim
        self.l1 = nn.Linear(args.latent_dim, FEATURES)
        self.c5 = nn.Conv2d(self.ch, 3, kernel_size=3, stride=1, padding=1)

    def forward(self, z):
        h = self.l1(z).view(-1, self.ch, self.bottom_width, self.bottom_width)
        return self.c5(h)
'''


def _errors(source: str):
    result = lint_text(source, "gen.py", Settings())
    return {(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"}


def _summary(source: str) -> dict:
    result = lint_text(source, "gen.py", Settings())
    model = next(m for m in result.models if m.name == "Generator")
    return {c.node.label: str(c.output.shape) for c in model.calls}


@pytest.mark.parametrize("features", ["(self.bottom_width ** 2) * self.ch",
                                      "self.bottom_width * self.bottom_width * self.ch",
                                      "self.ch * self.bottom_width ** 2"])
def test_the_maps_the_linear_makes_are_clean(features):
    source = GENERATOR.replace("FEATURES", features)
    assert _errors(source) == set()
    assert _summary(source)["l1"] == "Nx(args.bottom_width*args.bottom_width*args.gf_dim)"
    assert _summary(source)["c5"] == "Nx3x(args.bottom_width)x(args.bottom_width)"


@pytest.mark.parametrize("features", ["(self.bottom_width ** 2) * self.ch * 2",
                                      "2 * self.bottom_width * self.bottom_width * self.ch"])
def test_a_linear_twice_as_wide_doubles_the_batch_reported_there(features):
    source = GENERATOR.replace("FEATURES", features)
    assert _errors(source) == {("CL102", 10)}
    torch = pytest.importorskip("torch")

    class Args:
        bottom_width, gf_dim, latent_dim = 4, 8, 16

    out = built(source, "gen.py", lambda ns: ns["Generator"](Args()))(torch.zeros(2, 16))
    assert out.shape[0] == 4  # silent in torch: two codes come back as four images


def test_a_higher_power_stays_unknown():
    source = GENERATOR.replace("FEATURES", "self.bottom_width ** 5 * self.ch")
    assert _errors(source) == set()
