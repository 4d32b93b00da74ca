"""A model whose first layer is an nn.LayerNorm over the last dim (a pre-norm transformer or
conformer block) is written for tokens (N, L, D): the (N, D) input a later nn.Linear chose is a
guess, and an error only it meets (a relative position's `2 * L - 1` read as `2 * D - 1`) is not
the model's. An error a sequence meets too is still reported at its line."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import filled

RELATIVE_ATTENTION = '''
import torch
import torch.nn as nn


class RelativeAttention(nn.Module):  # sooftware/conformer's relative positional attention
    def __init__(self, dim=64, heads=4, max_len=500):
        super().__init__()
        self.heads, self.d_head = heads, dim // heads
        self.norm = nn.LayerNorm(dim)
        self.query = nn.Linear(dim, dim)
        self.value = nn.Linear(dim, dim)
        self.pos = nn.Linear(POS_IN, dim, bias=False)
        self.register_buffer("pe", torch.zeros(1, 2 * max_len - 1, dim))

    def forward(self, x):
        h = self.query(self.norm(x))
        batch, length = h.size(0), h.size(1)
        q = h.view(batch, -1, self.heads, self.d_head).transpose(1, 2)
        v = self.value(self.norm(x)).view(batch, -1, self.heads, self.d_head).transpose(1, 2)
        p = self.pos(self.pe[:, : 2 * length - 1]).view(1, -1, self.heads, self.d_head).permute(0, 2, 3, 1)
        score = torch.matmul(q, p)[..., :length]
        return torch.matmul(score.softmax(-1), v)
'''


def _errors(source: str) -> list[tuple[int, str]]:
    return sorted((d.span.line, d.code) for d in lint_text(source, "attention.py", Settings()).diagnostics
                  if d.severity == "error")


def _torch_run(source: str, shape: tuple):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "attention.py", "exec"), namespace)
    return namespace["RelativeAttention"]()(torch.zeros(*shape))


def test_an_error_only_a_flat_input_meets_is_not_reported_after_a_layer_norm_first():
    source = filled(RELATIVE_ATTENTION, {"POS_IN": "dim"})
    assert _errors(source) == []
    assert _torch_run(source, (2, 50, 64)).shape == (2, 4, 50, 16)
    with pytest.raises(RuntimeError):  # the (N, D) guess fails: a flat input is not what it takes
        _torch_run(source, (2, 64))


def test_an_error_a_sequence_meets_too_is_still_reported():
    source = filled(RELATIVE_ATTENTION, {"POS_IN": "dim // 2"})
    assert _errors(source) == [(13, "CL101")]
    with pytest.raises(RuntimeError):
        _torch_run(source, (2, 50, 64))
