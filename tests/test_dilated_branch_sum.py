"""Dilated branches summed (an edge detector's multi-dilation module): a branch whose padding
is not its dilation gives a map 2*(dilation - padding) pixels smaller, which broadcasts against
the others only where it is down to one pixel, its dilated window reading padding alone there
(H - 4 against H at H = 5): an error at every size of use, with no input given, at the padding."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, built, filled

BRANCHES = '''
import torch.nn as nn


class DilatedSum(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.reduce = nn.Conv2d(cin, cout, kernel_size=1)
        self.b1 = nn.Conv2d(cout, cout, kernel_size=3, dilation=5, padding=5, bias=False)
        self.b2 = nn.Conv2d(cout, cout, kernel_size=3, dilation=DIL, padding=PAD, bias=False)

    def forward(self, x):
        x = self.reduce(x)
        return self.b1(x) + self.b2(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 40, 3, padding=1)
        self.sum = DilatedSum(40, 8)

    def forward(self, x):
        return self.sum(self.stem(x))
'''


@pytest.mark.parametrize("dilation, padding", [(9, 7), (7, 5), (9, 8)])
def test_a_branch_padded_short_of_its_dilation(dilation, padding):
    wrong = filled(BRANCHES, {"DIL": str(dilation), "PAD": str(padding)})
    line = line_of(BRANCHES, "self.b2 =")
    assert_bug_found_at_its_line(BRANCHES, {"DIL": str(dilation), "PAD": str(dilation)},
                                 {"DIL": str(dilation), "PAD": str(padding)}, (2, 3, 32, 32), line, "CL107",
                                 "cdcm.py")
    alone = wrong[:wrong.index("class Net")]  # the block alone, no caller in the file, no input anywhere
    for source in (wrong, alone):
        found = {(d.code, d.span.line) for d in lint_text(source, "cdcm.py", Settings()).diagnostics
                 if d.severity == "error"}
        assert found == {("CL107", line)}


def test_torch_runs_the_short_branch_only_where_it_is_one_pixel():
    # (what the finding rests on: at H = W = 5 the sum broadcasts 5 against 1; at 6 it stops)
    torch = pytest.importorskip("torch")
    model = built(filled(BRANCHES, {"DIL": "9", "PAD": "7"}), "cdcm.py")
    assert model(torch.zeros(1, 3, 5, 5)).shape == (1, 8, 5, 5)
    with pytest.raises(RuntimeError, match="must match"):
        model(torch.zeros(1, 3, 6, 6))


def test_a_window_written_to_take_a_tiny_map_whole_stays_unreported():
    # a 5x5 conv unpadded on the map beside it: they broadcast at H = 5, where the window takes
    # the map whole (a design for 5x5 maps), so no size is proved wrong
    source = filled(BRANCHES, {"DIL": "1", "PAD": "0"}).replace("kernel_size=3, dilation=1", "kernel_size=5, dilation=1")
    assert not [d for d in lint_text(source, "cdcm.py", Settings()).diagnostics if d.severity == "error"]
