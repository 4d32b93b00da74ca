"""An edit in forward() blamed where it was made, not on the layer that meets its result: a view
keeping the batch with a count the map does not give (the Linear after it is right), an axis
inserted or moved to where the next layer reads its channels, a cat operand that leaves every
later layer of a dense cascade short by the same width. Each case is checked against torch: the
edited model stops, the right one runs."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, built, filled


def errors(source: str, settings: Settings | None = None) -> list:
    return [d for d in lint_text(source, "net.py", settings or Settings()).diagnostics if d.severity == "error"]


def runs(source: str, size: tuple, build=None) -> tuple:
    torch = pytest.importorskip("torch")
    return tuple(built(source, "net.py", build)(torch.zeros(*size, dtype=torch.long) if build else
                                              torch.zeros(*size)).shape)


ENCODER = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, d=32):
        super().__init__()
        self.d = d
        self.conv = nn.Sequential(
            nn.Conv2d(1, d, 3, 2, 1), nn.ReLU(),
            nn.Conv2d(d, d * 2, 3, 2, 1), nn.ReLU(),
            nn.Conv2d(d * 2, d * 4, 3, 2, 1), nn.ReLU(),
        )
        self.fc = nn.Linear(FEATURES, 256)

    def forward(self, x):
        x = self.conv(x)
        x = x.view(x.size(0), COUNT)
        return self.fc(x)
'''
VIEW_LINE, LINEAR_LINE = 18, 14


def test_a_view_keeping_the_batch_with_another_count_is_the_one_finding_not_the_linear_after_it():
    right = {"FEATURES": "d * 4 * 4 * 4", "COUNT": "self.d * 4 * 4 * 4"}
    wrong = {"FEATURES": "d * 4 * 4 * 4", "COUNT": "self.d * 4 * 3 * 3"}
    assert_bug_found_at_its_line(ENCODER, right, wrong, (2, 1, 32, 32), VIEW_LINE, "CL102", "net.py")
    (view,) = errors(filled(ENCODER, wrong))
    assert (view.code, view.span.line) == ("CL102", VIEW_LINE)
    assert LINEAR_LINE in [s.line for s in view.related]  # the Linear, which refuses it at the other sizes
    assert runs(filled(ENCODER, right), (2, 1, 32, 32)) == (2, 256)


def test_a_linear_sized_for_no_map_after_a_right_view_is_still_reported_at_the_linear():
    # view(N, 2048) of the 128 x 4 x 4 map, then a Linear(1000) no map fills: the Linear is wrong
    wrong = filled(ENCODER, {"FEATURES": "1000", "COUNT": "self.d * 4 * 4 * 4"})
    assert [(d.code, d.span.line) for d in errors(wrong)] == [("CL101", LINEAR_LINE)]
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        runs(wrong, (2, 1, 32, 32))


def test_at_a_known_size_where_the_view_holds_the_linear_is_what_is_reported():
    wrong = filled(ENCODER, {"FEATURES": "d * 4 * 3 * 3", "COUNT": "self.d * 4 * 4 * 4"})
    found = errors(wrong, Settings(input_shapes={"Net": (2, 1, 32, 32)}))
    assert [(d.code, d.span.line) for d in found] == [("CL101", LINEAR_LINE)]
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        runs(wrong, (2, 1, 32, 32))
