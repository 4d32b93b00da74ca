"""A Linear sized by a product of sides a constructor tracks by hand while building pooling blocks
in a loop (`d //= 2; h //= 2` per block, then `flat = ch * d * h * w`), one side left out of the
update: the error is reported at the loop's update, not at the product; against torch."""

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line
from tests.source_lines import line_of

TRACKED = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, depth=3, size=(16, 16, 16)):
        super().__init__()
        self.blocks = nn.ModuleList()
        ch, (d, h, w) = 1, size
        for i in range(depth):
            out = 4 * 2 ** i
            self.blocks.append(nn.Sequential(nn.Conv3d(ch, out, 3, padding=1), nn.MaxPool3d(2)))
            ch = out
            UPDATE  # the update
        flat = ch * d * h * w
        self.fc1 = nn.Linear(flat, 8)

    def forward(self, x):
        for b in self.blocks:
            x = b(x)
        return self.fc1(x.view(x.size(0), -1))


Net()(torch.zeros(2, 1, 16, 16, 16))
'''


def test_a_side_the_loop_leaves_unshrunk_is_blamed_at_the_update():
    assert_bug_found_at_its_line(TRACKED, {"UPDATE": "d //= 2; h //= 2; w //= 2"}, {"UPDATE": "d //= 2; h //= 2"},
                                 (2, 1, 16, 16, 16), line_of(TRACKED, "# the update"), "CL101", "net.py")
    (error,) = [d for d in lint_text(TRACKED.replace("UPDATE", "d //= 2; h //= 2"), "net.py", Settings()).diagnostics
                if d.severity == "error"]
    assert error.fix == f"Update w on line {line_of(TRACKED, '# the update')} as d and h are"


def test_a_count_no_side_explains_stays_at_the_product():
    wrong = TRACKED.replace("UPDATE", "d //= 2; h //= 2; w //= 2").replace("ch * d * h * w", "ch * d * h * w * 2")
    found = [d for d in lint_text(wrong, "net.py", Settings()).diagnostics if d.severity == "error"]
    assert [d.span.line for d in found] == [line_of(wrong, "flat = ")]
