"""Linears fed one flattened map with different in_features (a VAE's fc_mu and fc_logvar): with
no input size known, one of them is refused at every size; the one most of them, or a square
input, disagree with is reported. Checked against torch at many sizes."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convlint.pipeline import Settings, lint_text

SOURCE = '''
import torch.nn as nn


class VAE(nn.Module):
    def __init__(self, latent=32):
        super().__init__()
        self.enc = nn.Sequential(nn.Conv2d(3, 64, 4, stride=2), nn.ReLU(), nn.Conv2d(64, 256, 4, stride=2))
        self.fc_mu = nn.Linear(256 * 6 * 6, latent)
        self.fc_logvar = nn.Linear(128 * 6 * 6, latent)

    def forward(self, x):
        h = self.enc(x).view(x.size(0), -1)
        return self.fc_mu(h), self.fc_logvar(h)


class ThreeHeads(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Conv2d(3, 16, 3, stride=2)
        self.a = nn.Linear(16 * 5 * 6, 4)  # fits 11x13 inputs only, and the others never with it
        self.b = nn.Linear(16 * 7 * 7, 4)
        self.c = nn.Linear(16 * 7 * 7, 2)

    def forward(self, x):
        h = self.enc(x).flatten(1)
        return self.a(h), self.b(h), self.c(h)


class GoodVAE(VAE):
    def __init__(self, latent=32):
        super().__init__(latent)
        self.fc_logvar = nn.Linear(256 * 6 * 6, latent)
'''


def _line(text: str) -> int:
    return next(n for n, line in enumerate(SOURCE.splitlines(), 1) if text in line)


def test_the_head_no_size_fits_with_the_others_is_an_error():
    result = lint_text(SOURCE, "vae.py", Settings())
    errors = sorted((d.model, d.span.line, d.code) for d in result.diagnostics if d.severity == "error")
    assert errors == [("ThreeHeads", _line("self.a = nn.Linear"), "CL101"),
                      ("VAE", _line("self.fc_logvar = nn.Linear(128"), "CL101")]
    message = next(d.message for d in result.diagnostics if d.model == "VAE" and d.severity == "error")
    assert "but fc_mu = Linear(9216, 32) takes the same 256 x" in message
    assert "with 9216: no input size fits both" in message


@settings(max_examples=20, deadline=None)
@given(side=st.integers(10, 40), other=st.integers(10, 40))
def test_torch_refuses_one_of_the_heads_at_every_size(side, other):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(SOURCE, "vae.py", "exec"), namespace)
    for name in ("VAE", "ThreeHeads"):
        with pytest.raises(RuntimeError, match="cannot be multiplied"):
            namespace[name]()(torch.zeros(2, 3, side, other))


def test_torch_runs_the_good_vae_where_its_heads_fit():
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(SOURCE, "vae.py", "exec"), namespace)
    assert namespace["GoodVAE"]()(torch.zeros(2, 3, 30, 30))[1].shape == (2, 32)


TIED = '''
import torch.nn as nn


class VAE(nn.Module):
    def __init__(self, latent=32):
        super().__init__()
        self.enc = nn.Sequential(nn.Conv2d(3, 64, 3, stride=2, padding=1), nn.Conv2d(64, 128, 3, stride=2, padding=1))
        self.fc_mu = nn.Linear(128, latent)
        self.fc_var = nn.Linear(128 * 4, latent)

    def forward(self, x):
        h = self.enc(x).flatten(1)
        return self.fc_mu(h), self.fc_var(h)
'''


def test_two_heads_nothing_tells_apart_are_each_reported():
    """128 fits a 1x1 map (inputs of at most 4 px), 512 a 2x2 one: either may be the wrong one."""
    found = [d for d in lint_text(TIED, "vae.py", Settings()).diagnostics if d.severity == "error"]
    assert sorted((d.span.line, d.code) for d in found) == [(9, "CL101"), (10, "CL101")]
    by_line = {d.span.line: d.message for d in found}
    assert "but fc_var = Linear(512, 32) takes the same" in by_line[9]
    assert "but fc_mu = Linear(128, 32) takes the same" in by_line[10]
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(TIED, "vae.py", "exec"), namespace)
    for side in (4, 8, 16):
        with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
            namespace["VAE"]()(torch.zeros(1, 3, side, side))
