"""A forward that views its input to sizes written out (`x.view(x.size(0), 3, 24, 40)`, PilotNet
style) fixes the map a hand-counted Linear then refuses, with no input size given. The count or the
view's sizes may be the slip (torch stops at the Linear for inputs of the view's size, at the view
for inputs of the count's): CL101 stays at the Linear and names the view, its sizes, the map the
count is written for, and the view as the other fix. Checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

SOURCE = '''import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(3, 8, 5, stride=2), nn.ReLU(), nn.Conv2d(8, 16, 3, stride=2))
        self.fc = nn.Linear(16 * ROWS * 8, 1)

    def forward(self, x):
        x = x.view(BATCH, 3, HEIGHT, 40)
        return self.fc(self.conv(x).flatten(1))
'''


def _source(rows: int, height: int, batch: str = "x.size(0)") -> str:
    return SOURCE.replace("ROWS", str(rows)).replace("HEIGHT", str(height)).replace("BATCH", batch)


def _errors(result) -> list:
    return [d for d in result.diagnostics if d.severity == "error"]


@pytest.mark.parametrize("batch", ["x.size(0)", "-1"])
def test_the_linear_refusing_the_viewed_map_names_the_view(batch):
    source = _source(rows=6, height=24, batch=batch)  # 24 rows give a 4-row map; 6 rows are 32-row inputs'
    (error,) = _errors(lint_text(source, "net.py", Settings()))
    view = line_of(source, "x = x.view(")
    assert (error.code, error.span.line) == ("CL101", line_of(source, "self.fc ="))
    assert f"the view on line {view} makes every input 3 x 24 x 40: 16 x 6 x 8 is the map of inputs of " \
           "another height" in error.message
    assert view in [span.line for span in error.related]
    assert f"or, if your inputs are not 3 x 24 x 40, make the view on line {view} give their size" in error.fix


def test_the_right_count_or_the_right_view_runs_clean():
    assert _errors(lint_text(_source(rows=4, height=24), "net.py", Settings())) == []
    assert _errors(lint_text(_source(rows=6, height=32), "net.py", Settings())) == []


def test_an_input_size_given_leaves_the_view_unnamed():
    """The model called on a tensor of the view's sizes: the count is the slip, the input known."""
    source = _source(rows=6, height=24) + "\n\nNet()(torch.randn(2, 3, 24, 40))\n"
    (error,) = _errors(lint_text(source, "net.py", Settings()))
    assert error.code == "CL101" and "the view on line" not in error.message


def test_torch_stops_at_the_linear_for_the_view_s_inputs_and_at_the_view_for_the_count_s():
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(_source(rows=6, height=24), "net.py", "exec"), namespace)
    net = namespace["Net"]()
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        net(torch.zeros(2, 3, 24, 40))
    with pytest.raises(RuntimeError, match=r"shape '\[2, 3, 24, 40\]' is invalid"):
        net(torch.zeros(2, 3, 32, 40))
    exec(compile(_source(rows=6, height=32), "net.py", "exec"), namespace)
    assert namespace["Net"]()(torch.zeros(2, 3, 32, 40)).shape == (2, 1)
