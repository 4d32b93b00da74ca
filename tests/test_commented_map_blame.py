"""A conv or pool whose own comment states the map it makes (`# 14x14 -> 7x7`) but which makes
another at the size the code feeds: the Linear sized for the stated map is right, the layer is
the edit (its stride or padding), against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, built, filled, module_shapes

STRIDED = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(1, 16, kernel_size=3, stride=2, padding=1),  # 28x28 -> 14x14
            nn.ReLU(),
            nn.Conv2d(16, 32, kernel_size=3, stride=STRIDE, padding=1),  # 14x14 -> 7x7
            nn.ReLU(),
            nn.Flatten(),
            nn.Linear(32 * 7 * 7, 10),
        )

    def forward(self, x):
        return self.body(x)


if __name__ == "__main__":
    print(Net()(torch.zeros(2, 1, 28, 28)).shape)
'''

PADDED = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 5, padding=2)  # 3x32x32 -> 16x32x32
        self.conv2 = nn.Conv2d(16, 32, 3, padding=PAD)  # 16x16x16 -> 32x16x16
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(32 * 8 * 8, 10)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv1(x)))
        x = self.pool(torch.relu(self.conv2(x)))
        return self.fc(x.flatten(1))


if __name__ == "__main__":
    print(Net()(torch.zeros(2, 3, 32, 32)).shape)
'''


def test_a_conv_whose_comment_says_it_halves_is_given_the_stride():
    line = line_of(STRIDED, "stride=STRIDE")
    assert_bug_found_at_its_line(STRIDED, {"STRIDE": "2"}, {"STRIDE": "1"}, (2, 1, 28, 28), line, "CL101", "svdd.py")
    found = [d for d in lint_text(filled(STRIDED, {"STRIDE": "1"}), "svdd.py", Settings()).diagnostics
             if d.severity == "error"]
    (error,) = found
    assert "given stride=2 makes it run (its comment says 14x14 -> 7x7)" in error.message
    assert error.related[0].line == line_of(STRIDED, "nn.Linear(32 * 7 * 7, 10)")


@pytest.mark.parametrize("comment", ["(N, 16, 14, 14) -> (N, 32, 7, 7)", "16x14x14 => 32x7x7", "-> 7x7",
                                     "14 x 14 to 7 x 7"])
def test_the_ways_a_comment_writes_the_map(comment):
    source = filled(STRIDED, {"STRIDE": "1", "14x14 -> 7x7": comment})
    (error,) = [d for d in lint_text(source, "svdd.py", Settings()).diagnostics if d.severity == "error"]
    assert (error.code, error.span.line) == ("CL101", line_of(source, "stride=1"))


def test_a_conv_whose_comment_says_it_keeps_the_map_is_given_the_padding():
    line = line_of(PADDED, "padding=PAD")
    assert_bug_found_at_its_line(PADDED, {"PAD": "1"}, {"PAD": "0"}, (2, 3, 32, 32), line, "CL101", "padded.py")


def test_a_comment_of_another_size_moves_nothing():
    """The comment speaks of 32-pixel inputs where the code feeds 28: it says nothing of this run,
    and the count written at the Linear stays the finding."""
    source = filled(STRIDED, {"STRIDE": "1", "28x28 -> 14x14": "32x32 -> 16x16", "14x14 -> 7x7": "16x16 -> 8x8"})
    (error,) = [d for d in lint_text(source, "svdd.py", Settings()).diagnostics if d.severity == "error"]
    assert (error.code, error.span.line) == ("CL101", line_of(source, "nn.Linear(32 * 7 * 7, 10)"))
    assert "comment" not in error.message


def test_a_comment_on_a_line_of_two_windows_moves_nothing():
    """`conv, pool,  # 14x14 -> 7x7`: the comment is of the two together, no one layer's."""
    source = filled(STRIDED, {"STRIDE": "1", "padding=1),  # 14x14": "padding=1), nn.MaxPool2d(1),  # 14x14"})
    (error,) = [d for d in lint_text(source, "svdd.py", Settings()).diagnostics if d.severity == "error"]
    assert (error.code, error.span.line) == ("CL101", line_of(source, "nn.Linear(32 * 7 * 7, 10)"))


def test_the_layers_make_what_their_comments_say_in_torch():
    shapes = module_shapes(built(filled(STRIDED, {"STRIDE": "2"}), "svdd.py"), (2, 1, 28, 28))
    assert shapes["body.0"][-2:] == (14, 14) and shapes["body.2"][-2:] == (7, 7)
    shapes = module_shapes(built(filled(PADDED, {"PAD": "1"}), "padded.py"), (2, 3, 32, 32))
    assert shapes["conv2"][-2:] == (16, 16)
