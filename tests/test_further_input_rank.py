"""A further input of forward() given no size that reaches an nn.Linear first (a style code, a
condition vector) is taken as (M, features), as a first input is: an AdaIN whose style Linear gives
the wrong number of affine parameters is found, at the Linear whose width scaled makes the model
run (a block built for another width, `AdaIN(style_dim, dim_in)`, at its call). A Linear takes any rank, so the model is also run
with that input a sequence (M, L, features): an error only the flat choice meets is not reported,
and is listed."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import filled

ADAIN = '''
import torch
import torch.nn as nn


class AdaIN(nn.Module):  # StarGAN v2's adaptive instance norm
    def __init__(self, style_dim=64, num_features=32):
        super().__init__()
        self.norm = nn.InstanceNorm2d(num_features, affine=False)
        self.fc = nn.Linear(style_dim, FC_OUT)

    def forward(self, x, s):
        h = self.fc(s)
        h = h.view(h.size(0), h.size(1), 1, 1)
        gamma, beta = torch.chunk(h, chunks=2, dim=1)
        return (1 + gamma) * self.norm(x) + beta
'''

STYLED_BLOCK = '''
import torch
import torch.nn as nn


class AdaIN(nn.Module):
    def __init__(self, style_dim, num_features):
        super().__init__()
        self.norm = nn.InstanceNorm2d(num_features, affine=False)
        self.fc = nn.Linear(style_dim, num_features * 2)

    def forward(self, x, s):
        h = self.fc(s)
        h = h.view(h.size(0), h.size(1), 1, 1)
        gamma, beta = torch.chunk(h, chunks=2, dim=1)
        return (1 + gamma) * self.norm(x) + beta


class StyledBlock(nn.Module):
    def __init__(self, dim_in=16, dim_out=32, style_dim=8):
        super().__init__()
        self.conv = nn.Conv2d(dim_in, dim_out, 3, padding=1)
        self.norm = AdaIN(style_dim, NORM_WIDTH)

    def forward(self, x, s):
        return self.norm(self.conv(x), s)
'''

TOKEN_CONTEXT = '''
import torch
import torch.nn as nn


class ContextGate(nn.Module):  # a gate from a fixed-length sequence of context tokens
    def __init__(self, dim=32, context_dim=16, context_len=7):
        super().__init__()
        self.proj = nn.Linear(context_dim, dim)
        self.squeeze = nn.Linear(dim * context_len, dim)
        self.conv = nn.Conv2d(3, dim, 3, padding=1)

    def forward(self, x, context):
        c = self.squeeze(self.proj(context).flatten(1))
        return self.conv(x) * c.view(-1, 32, 1, 1)
'''


def _lint(source: str):
    return lint_text(source, "model.py", Settings())


def _errors(source: str) -> list[tuple[int, str]]:
    return sorted((d.span.line, d.code) for d in _lint(source).diagnostics if d.severity == "error")


def _torch_run(source: str, name: str, *shapes: tuple):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "model.py", "exec"), namespace)
    return namespace[name]()(*(torch.randn(*shape) for shape in shapes))


def test_a_style_linear_giving_half_the_affine_parameters_is_found():
    source = filled(ADAIN, {"FC_OUT": "num_features"})
    with pytest.raises(RuntimeError, match="must match the size"):
        _torch_run(source, "AdaIN", (2, 32, 8, 8), (2, 64))
    assert _errors(source) == [(10, "CL107")]


def test_the_right_style_linear_gives_no_error():
    source = filled(ADAIN, {"FC_OUT": "num_features * 2"})
    assert _torch_run(source, "AdaIN", (2, 32, 8, 8), (2, 64)).shape == (2, 32, 8, 8)
    assert _errors(source) == []


@pytest.mark.filterwarnings("ignore:input.s size at dim=1")
def test_a_block_built_for_another_width_is_reported_at_its_call():
    source = filled(STYLED_BLOCK, {"NORM_WIDTH": "dim_in"})
    with pytest.raises(RuntimeError, match="must match the size"):
        _torch_run(source, "StyledBlock", (2, 16, 8, 8), (2, 8))
    assert _errors(source) == [(22, "CL107")]
    right = filled(STYLED_BLOCK, {"NORM_WIDTH": "dim_out"})
    assert _torch_run(right, "StyledBlock", (2, 16, 8, 8), (2, 8)).shape == (2, 32, 8, 8)
    assert _errors(right) == []


def test_an_error_only_a_flat_further_input_meets_is_not_reported_and_is_listed():
    assert _torch_run(TOKEN_CONTEXT, "ContextGate", (2, 3, 8, 8), (2, 7, 16)).shape == (2, 32, 8, 8)
    with pytest.raises(RuntimeError):  # the (M, features) choice fails: not what the model takes
        _torch_run(TOKEN_CONTEXT, "ContextGate", (2, 3, 8, 8), (2, 16))
    result = _lint(TOKEN_CONTEXT)
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert any("further input's rank" in u.why for m in result.models for u in m.unresolved)
