"""A block built once per row of a table of literal rows (`[k, stride, cin, cout]`, in a
comprehension or a loop) whose cout the next row's cin does not match: the error is reported at
that row's number, the next row's related, not at the call every other row runs through; against
torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, filled
from tests.source_lines import line_of

TABLE = '''
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, cin, cout, stride=1):
        super().__init__()
        self.dw = nn.Conv2d(cin, cin, 3, stride, 1, groups=cin, bias=False)
        self.pw = nn.Conv2d(cin, cout, 1, bias=False)

    def forward(self, x):
        return self.pw(torch.relu(self.dw(x)))


ROWS = [
    # k, stride, cin, cout
    [3, 1, 16, 32],
    [3, 2, 32, 64],
    [3, 1, 64, COUT],  # the row
    [3, 2, 64, 128],
]


class Net(nn.Module):
    def __init__(self, config=ROWS):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, 2, 1)
        BUILD
        self.fc = nn.Linear(128, 10)

    def forward(self, x):
        x = self.stem(x)
        for b in self.blocks:
            x = b(x)
        return self.fc(x.mean((2, 3)))


Net()(torch.zeros(2, 3, 32, 32))
'''

BUILDS = {
    "comprehension": "self.blocks = nn.ModuleList([Block(cin, cout, s) for _, s, cin, cout in config])",
    "loop": "self.blocks = nn.ModuleList()\n        for _, s, cin, cout in config:\n"
            "            self.blocks.append(Block(cin, cout, s))",
}


@pytest.mark.parametrize("build", sorted(BUILDS))
def test_the_row_whose_cout_the_next_row_does_not_take_is_blamed(build):
    source = filled(TABLE, {"BUILD": BUILDS[build]})
    wrong = filled(source, {"COUT": "128"})
    assert_bug_found_at_its_line(source, {"COUT": "64"}, {"COUT": "128"}, (2, 3, 32, 32),
                                 line_of(wrong, "# the row"), "CL103", "net.py")
    (error,) = [d for d in lint_text(wrong, "net.py", Settings()).diagnostics if d.severity == "error"]
    row = wrong.splitlines()[error.span.line - 1]
    assert row[error.span.column - 1:].startswith("128]")
    assert error.related[0].line == line_of(wrong, "[3, 2, 64, 128]")
    assert "the row on line" in error.message
