"""torch.cdist(x1 (*, P, M), x2 (*, R, M)) -> (*, P, R), the batch dims broadcast: a VQ-VAE's
nearest codebook entry resolves, and a codebook of another width than the encoder's features is
CL107 at the cdist (torch: "X1 and X2 must have the same number of columns"); checked against torch."""

from __future__ import annotations

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, filled

QUANTIZER = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, num=32, dim=4):
        super().__init__()
        self.encoder = nn.Conv2d(3, dim, 3, padding=1)
        self.embedding = nn.Embedding(num, CODE)
        self.decoder = nn.Conv2d(dim, 3, 3, padding=1)

    def forward(self, x):
        z = self.encoder(x)
        flat = z.permute(0, 2, 3, 1).reshape(z.shape[0], -1, z.shape[1])
        dist = torch.cdist(flat, self.embedding.weight[None, :, :])
        q = self.embedding(torch.argmin(dist, dim=-1))
        B, C, H, W = z.shape
        return self.decoder(q.reshape(B, H, W, C).permute(0, 3, 1, 2))
'''

BATCHED = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.query = nn.Linear(8, 6)
        self.keys = nn.Parameter(torch.zeros(KEYS, 5, 6))
        self.head = nn.Linear(5, 2)

    def forward(self, x):
        d = torch.cdist(self.query(x).unsqueeze(1), self.keys)
        return self.head(d)
'''


def test_the_quantiser_resolves_as_torch_gives_it():
    assert_shapes_equal_torch(filled(QUANTIZER, {"CODE": "dim"}), (2, 3, 8, 8), "vq.py")


def test_a_codebook_of_another_width_is_reported_at_the_cdist():
    assert_bug_found_at_its_line(QUANTIZER, {"CODE": "dim"}, {"CODE": "dim + 1"}, (2, 3, 8, 8), 16, "CL107", "vq.py")
    with_size = lint_text(filled(QUANTIZER, {"CODE": "dim + 1"}), "vq.py", Settings(input_shapes={"Net": (2, 3, 8, 8)}))
    (found,) = [d for d in with_size.diagnostics if d.severity == "error"]
    assert (found.code, found.span.line) == ("CL107", 16)
    assert "X1 and X2 must have the same number of columns. X1: 4 X2: 5" in found.message


def test_batch_dims_broadcast_as_torch_broadcasts_them():
    # (2, 1, 7, 6) against (3, 5, 6): (2, 3, 7, 5)
    assert_shapes_equal_torch(filled(BATCHED, {"KEYS": "3"}), (2, 7, 8), "keys.py")


def test_batch_dims_that_cannot_broadcast_are_reported():
    torch = pytest.importorskip("torch")
    from tests.torch_cases import built

    source = filled(BATCHED, {"KEYS": "4, 3"})
    with pytest.raises(RuntimeError, match="must match the size of tensor b"):
        built(source, "keys.py")(torch.zeros(2, 7, 8))
    found = lint_text(source, "keys.py", Settings(input_shapes={"Net": (2, 7, 8)})).diagnostics
    assert ("CL107", 14) in {(d.code, d.span.line) for d in found if d.severity == "error"}
