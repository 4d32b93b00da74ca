"""A view folding a 3-D map into a 2-D one across the wrong dims (HybridSN's `x.view(b, c, d * h, w)`
of a (b, c, d, h, w) map, for a Conv2d sized c * d by a probe or by hand): the error is reported at
the view, where folding the channels with their neighbour gives the conv what it takes, not at the
conv, whose count is what the code meant; against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line
from tests.source_lines import line_of

HYBRID = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, bands=16, patch=9):
        super().__init__()
        self.c3 = nn.Conv3d(1, 8, kernel_size=(3, 3, 3))
        IN_CHANNELS
        self.fc = nn.Linear(32 * (patch - 4) * (patch - 4), 5)

    def forward(self, x):
        x = self.c3(x)
        x = VIEW  # the view
        x = self.c2(x)
        return self.fc(x.flatten(1))


Net()(torch.zeros(2, 1, 16, 9, 9))
'''

SIZED = {
    "probed": "with torch.no_grad():\n            s = self.c3(torch.zeros(1, 1, bands, patch, patch)).shape\n"
              "        self.c2 = nn.Conv2d(s[1] * s[2], 32, kernel_size=3)",
    "by-hand": "self.c2 = nn.Conv2d(8 * (bands - 2), 32, kernel_size=3)",
    # the conv probed in the constructor too (HybridSN's get_shape_after_2dconv): its first call is not the view's
    "probed-conv": "self.c2 = nn.Conv2d(8 * (bands - 2), 32, kernel_size=3)\n"
                   "        self.c2(torch.zeros(1, 8 * (bands - 2), patch - 2, patch - 2))",
}
RIGHT = "x.view(x.shape[0], x.shape[1] * x.shape[2], x.shape[3], x.shape[4])"
WRONG = {
    "view": "x.view(x.shape[0], x.shape[1], x.shape[2] * x.shape[3], x.shape[4])",
    "reshape": "x.reshape(x.size(0), x.size(1), x.size(2), -1)",
}


@pytest.mark.parametrize("sized", sorted(SIZED))
@pytest.mark.parametrize("wrong", sorted(WRONG))
def test_a_view_folding_the_wrong_dims_is_blamed_at_the_view(sized, wrong):
    source = HYBRID.replace("IN_CHANNELS", SIZED[sized])
    assert_bug_found_at_its_line(source, {"VIEW": RIGHT}, {"VIEW": WRONG[wrong]}, (2, 1, 16, 9, 9),
                                 line_of(source, "# the view"), "CL103", "net.py")
    errors = [d for d in lint_text(source.replace("VIEW", WRONG[wrong]), "net.py", Settings()).diagnostics
              if d.severity == "error" and d.code == "CL103"]
    assert [e.fix for e in errors] == ["Fold the dims next to the channels: view(2, 112, 7, 7)"]


def test_a_conv_no_folding_fits_stays_at_the_conv():
    source = HYBRID.replace("IN_CHANNELS", "self.c2 = nn.Conv2d(100, 32, kernel_size=3)")
    wrong = source.replace("VIEW", WRONG["view"])
    errors = [d for d in lint_text(wrong, "net.py", Settings()).diagnostics if d.code == "CL103"]
    assert [e.span.line for e in errors] == [line_of(wrong, "nn.Conv2d(100")]
