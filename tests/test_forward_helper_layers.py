"""A layer built in forward() by a helper method called several times with other widths
(`self.conv_half(16, 8)(x)`, a U-Net decoder's): each call builds its own layer on the helper's one
line, and a width one call gets wrong is reported at that call, not at the helper's last call."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, filled
from tests.source_lines import line_of

SOURCE = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 1)
        self.up = nn.Upsample(scale_factor=2, mode="nearest")

    def conv_half(self, cin, cout):
        return nn.Conv2d(cin, cout, kernel_size=3, padding=1)

    def forward(self, x):
        x = self.stem(x)
        a = self.conv_half(FIRST)(self.up(x))
        b = self.conv_half(SECOND)(self.up(a))
        return self.conv_half(THIRD)(self.up(b))
'''

RIGHT = {"FIRST": "16, 8", "SECOND": "8, 4", "THIRD": "4, 2"}


@pytest.mark.parametrize(("slot", "wrong"), [("FIRST", "32, 8"), ("THIRD", "8, 2"), ("SECOND", "16, 4")])
def test_the_call_of_the_helper_giving_the_wrong_width_is_blamed(slot, wrong):
    values = {**RIGHT, slot: wrong}
    broken = filled(SOURCE, values)
    line = line_of(broken, f"self.conv_half({wrong})")
    assert_bug_found_at_its_line(SOURCE, RIGHT, values, (2, 3, 4, 4), line, "CL103", "dec.py")
    errors = [(d.code, d.span.line) for d in lint_text(broken, "dec.py", Settings()).diagnostics
              if d.severity == "error"]
    assert errors == [("CL103", line)]
