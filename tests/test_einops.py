"""einops' rearrange / reduce / repeat and its Rearrange / Reduce layers: the shapes their
patterns give, against einops itself on torch tensors, and the bugs they hide found."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convlint.einops_patterns import PatternRefused, output_dims
from convlint.pipeline import Settings, lint_text
from convlint.values import Sym

torch = pytest.importorskip("torch")
einops = pytest.importorskip("einops")

PATTERNS = [
    ("rearrange", "b c h w -> b (c h w)", {}),
    ("rearrange", "b c (h p1) (w p2) -> b (p1 p2 c) h w", {"p1": 2, "p2": 2}),
    ("rearrange", "b g c t f -> b (c g) t f", {}),
    ("rearrange", "b (g c) h w -> b g c h w", {"g": 4}),
    ("rearrange", "b c h w -> b h w c", {}),
    ("rearrange", "b ... c -> b c ...", {}),
    ("rearrange", "b c ... -> b c (...)", {}),
    ("rearrange", "b c h w -> (b h) w c", {}),
    ("rearrange", "b c h w -> b c h w 1", {}),
    ("rearrange", "b c 1 w -> b c w", {}),
    ("rearrange", "b c h w -> b c () h w", {}),
    ("reduce", "b c h w -> b c", {}),
    ("reduce", "b c (h h2) (w w2) -> b c h w", {"h2": 2, "w2": 2}),
    ("reduce", "b c h w -> b c 1 1", {}),
    ("reduce", "b ... c -> b c", {}),
    ("repeat", "b c h w -> b c (h r) (w r)", {"r": 3}),
    ("repeat", "h w -> b h w", {"b": 2}),
    ("repeat", "b c h w -> b (c k) h w", {"k": 2}),
]


@settings(max_examples=150, deadline=None)
@given(case=st.sampled_from(PATTERNS), dims=st.lists(st.integers(1, 12), min_size=1, max_size=5))
def test_pattern_shapes_are_einops_own(case, dims):
    """For every pattern and shape: the same output shape as einops, or einops refuses it too."""
    operation, pattern, lengths = case
    tensor = torch.zeros(dims)
    extra = ("mean",) if operation == "reduce" else ()
    try:
        real = tuple(getattr(einops, operation)(tensor, pattern, *extra, **lengths).shape)
    except einops.EinopsError:
        real = None
    try:
        mine = output_dims(operation, pattern, tuple(dims), lengths)
    except PatternRefused:
        mine = None
    assert mine == real


def test_a_symbolic_side_keeps_its_symbol_through_a_pattern():
    assert output_dims("rearrange", "b c (h p) w -> b (c p) h w", (1, 3, Sym("H"), Sym("W")), {"p": 2}) == \
        (1, 6, Sym("H", 1, 0, 2), Sym("W"))


MODEL = '''
import torch
import torch.nn as nn
from einops import rearrange, reduce
from einops.layers.torch import Rearrange, Reduce


class Shuffle(nn.Module):
    def __init__(self, c=8):
        super().__init__()
        self.a = nn.Conv2d(c, c, 3, padding=1)
        self.fuse = nn.Conv2d(c, 16, 1)

    def forward(self, x):
        y = torch.stack([x, self.a(x)], dim=1)
        y = rearrange(y, "b g c t f -> b (c g) t f")
        return self.fuse(y)


class Patches(nn.Module):
    def __init__(self, patch=4, dim=64):
        super().__init__()
        self.embed = nn.Sequential(
            Rearrange("b c (h p1) (w p2) -> b (h w) (p1 p2 c)", p1=patch, p2=patch),
            nn.Linear(patch * patch * 3, dim),
        )
        self.pool = Reduce("b n d -> b d", "mean")
        self.head = nn.Linear(dim * 2, 10)

    def forward(self, img):
        return self.head(self.pool(self.embed(img)))


class Fine(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.embed = nn.Sequential(Rearrange("b c (h p) (w q) -> b (h w) (p q c)", p=2, q=2), nn.Linear(32, 16))

    def forward(self, x):
        x = self.embed(self.conv(x))
        return reduce(x, "b n d -> b d", "max")


if __name__ == "__main__":
    Shuffle()(torch.zeros(1, 8, 10, 33))
    Patches()(torch.zeros(2, 3, 32, 32))
    Fine()(torch.zeros(1, 3, 16, 16))
'''


def test_bugs_behind_einops_patterns_are_found_at_their_layers_and_torch_agrees():
    result = lint_text(MODEL, "einops_models.py", Settings())
    errors = sorted((d.model, d.span.line, d.code) for d in result.diagnostics if d.severity == "error")
    assert errors == [("Patches", 28, "CL101"), ("Shuffle", 12, "CL103")]
    fine = next(m for m in result.models if m.name == "Fine")
    assert not fine.unresolved
    namespace: dict = {}
    exec(compile(MODEL.replace('if __name__ == "__main__":', "if False:"), "einops_models.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="channels"):
        namespace["Shuffle"]()(torch.zeros(1, 8, 10, 33))
    with pytest.raises(RuntimeError, match="mat1 and mat2"):
        namespace["Patches"]()(torch.zeros(2, 3, 32, 32))
    assert namespace["Fine"]()(torch.zeros(1, 3, 16, 16)).shape == (1, 16)
