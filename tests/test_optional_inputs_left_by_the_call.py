"""A forward() with optional inputs (`forward(self, states=None, embeddings=None)`) that the code
itself calls on its first input only (`net(torch.zeros(2, 4, 84, 84))`, `net(batch)` in a loop
over a DataLoader): the others are left None on that call, so an error the None path meets is
torch's error on that call, not a warning about how the model might be called. A size given on
the command line says nothing of how forward() is called: there it stays a warning."""

from __future__ import annotations

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import built, filled

SOURCE = """
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, embedding_dim=WIDTH):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(4, 32, 8, stride=4), nn.ReLU(), nn.Conv2d(32, 64, 4, stride=2),
                                  nn.ReLU(), nn.Conv2d(64, 64, 3), nn.Flatten())
        self.head = nn.Linear(embedding_dim, 6)

    def forward(self, states=None, embeddings=None):
        if embeddings is None:
            embeddings = self.body(states)
        return self.head(embeddings)
"""
CALL = """

if __name__ == "__main__":
    print(Net()(torch.zeros(2, 4, 84, 84)).shape)
"""


def _findings(source: str, settings: Settings) -> list[tuple]:
    return [(d.span.line, d.code, d.severity) for d in lint_text(source, "agent.py", settings).diagnostics]


def test_the_codes_own_call_on_the_first_input_makes_the_none_path_an_error():
    source = filled(SOURCE, {"WIDTH": "9 * 9 * 64"}) + CALL
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="mat1 and mat2"):
        built(source, "agent.py")(torch.zeros(2, 4, 84, 84))
    assert _findings(source, Settings()) == [(line_of(source, "self.head = nn.Linear"), "CL101", "error")]


def test_the_right_width_is_clean_and_runs():
    source = filled(SOURCE, {"WIDTH": "7 * 7 * 64"}) + CALL
    torch = pytest.importorskip("torch")
    assert tuple(built(source, "agent.py")(torch.zeros(2, 4, 84, 84)).shape) == (2, 6)
    assert _findings(source, Settings()) == []


def test_a_size_given_on_the_command_line_stays_a_warning():
    source = filled(SOURCE, {"WIDTH": "9 * 9 * 64"})
    assert _findings(source, Settings(input_shapes={"Net": (2, 4, 84, 84)})) == [
        (line_of(source, "self.head = nn.Linear"), "CL101", "warning")]
