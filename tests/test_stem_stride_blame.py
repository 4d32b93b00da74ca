"""Blame the edited literal: a Linear's C x H x W counted by hand for a stem conv that keeps the
input's size is reported at the Linear, the stem's stride said beside it."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import built, filled, module_shapes

HEAD = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, kernel_size=3, stride=1, padding=1)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=3, stride=2, padding=1)
        self.conv3 = nn.Conv2d(32, 64, kernel_size=3, stride=2, padding=1)
        self.fc1 = nn.Linear(64 * SIDE * SIDE, 1)

    def forward(self, x):
        x = self.conv3(self.conv2(self.conv1(x)))
        return self.fc1(x.view(x.size(0), -1))


if __name__ == "__main__":
    print(Net()(torch.randn(1, 3, 64, 64)).shape)
'''


def _errors(source: str) -> list:
    return [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]


def test_a_count_by_hand_for_a_stem_that_keeps_the_size_is_blamed_at_the_linear():
    wrong = filled(HEAD, {"SIDE": "8"})
    with pytest.raises(RuntimeError):
        module_shapes(built(wrong, "net.py"), (1, 3, 64, 64))
    (error,) = _errors(wrong)
    assert (error.code, error.span.line) == ("CL101", line_of(wrong, "self.fc1 ="))
    assert f"conv1 on line {line_of(wrong, 'self.conv1 =')} given stride=2 makes it run" in error.message
    right = filled(HEAD, {"SIDE": "16"})
    module_shapes(built(right, "net.py"), (1, 3, 64, 64))
    assert _errors(right) == []
