"""A view at the end of a statement spread over lines (`cosines = torch.cos(\\n taus.view(B, N, 1)
* i_pi\\n ).view(B, C)`, `out = self.head(\\n h).view(...)`): a view torch refuses is reported at the
line of the `.view(...)` that holds the sizes, not at the statement's first line."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_shapes_equal_torch, built, filled

SOURCE = '''
import math
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, num_cosines=16, embedding_dim=32):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(num_cosines, embedding_dim), nn.ReLU())
        self.head = nn.Linear(embedding_dim, 4)
        self.num_cosines = num_cosines

    def forward(self, taus):
        batch_size, N = taus.shape[0], taus.shape[1]
        i_pi = math.pi * torch.arange(1, self.num_cosines + 1, dtype=taus.dtype).view(1, 1, self.num_cosines)
        cosines = torch.cos(
            taus.view(batch_size, N, 1) * i_pi
            ).view(ROWS, self.num_cosines)
        out = self.head(
            self.net(cosines)).view(batch_size, N, 4)
        return out
'''

SIZE = (2, 8)


def test_the_right_view_matches_torch():
    assert_shapes_equal_torch(filled(SOURCE, {"ROWS": "batch_size * N"}), SIZE, "cos.py")


def test_a_wrong_view_is_reported_at_the_line_of_its_sizes():
    torch = pytest.importorskip("torch")
    wrong = filled(SOURCE, {"ROWS": "batch_size"})
    with pytest.raises(RuntimeError):
        built(wrong, "cos.py")(torch.zeros(*SIZE))
    result = lint_text(wrong, "cos.py", Settings(input_shapes={"Net": SIZE}))
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in errors] == [("CL102", line_of(wrong, ").view(batch_size, self"))]
    assert errors[0].span.column == wrong.splitlines()[errors[0].span.line - 1].index("view") + 1
    # the view keeps the last size (16 cosines) but makes one row per sample of 2 x 8 rows: merged they run
    assert errors[0].fix == "Give one row per 2 x 8: view(16, 16), or x.flatten(0, 1) in place of the view"
    merged = wrong.replace(").view(batch_size, self.num_cosines)", ").view(16, 16)")
    built(merged, "cos.py")(torch.zeros(*SIZE))


def test_a_view_after_a_call_spread_over_lines_is_reported_at_its_line():
    torch = pytest.importorskip("torch")
    wrong = filled(SOURCE, {"ROWS": "batch_size * N"}).replace("view(batch_size, N, 4)", "view(batch_size, 4)")
    with pytest.raises(RuntimeError):
        built(wrong, "cos.py")(torch.zeros(*SIZE))
    result = lint_text(wrong, "cos.py", Settings(input_shapes={"Net": SIZE}))
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in errors] == [("CL102", line_of(wrong, "self.net(cosines)).view"))]
