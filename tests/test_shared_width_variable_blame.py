"""A layer giving a width held in a local variable that other layers read right (`width_b = 96`
read by the last conv too) where the layer after it takes another: the finding is at the layer that
reads the wrong variable, not at the line binding it, which is right for the others."""

import pytest

from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, filled

SOURCE = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        width_a = 48
        width_b = 24
        self.body = nn.Sequential(
            nn.Conv2d(3, 32, 3, padding=1),
            nn.ReLU(),
            nn.Conv2d(32, WIDTH, 3, padding=1),
            nn.BatchNorm2d(width_a),
            nn.ReLU(),
            nn.Conv2d(width_a, width_b, 3, padding=1),
        )

    def forward(self, x):
        return self.body(x)
'''


@pytest.mark.parametrize("given", [(2, 3, 16, 16), None])
def test_the_layer_reading_the_wrong_variable_is_blamed(given):
    source = SOURCE if given is None else SOURCE + f"\n\nif __name__ == '__main__':\n    Net()(torch.zeros{given})\n"
    line = line_of(source, "nn.Conv2d(32, WIDTH")
    assert_bug_found_at_its_line(source, {"WIDTH": "width_a"}, {"WIDTH": "width_b"}, (2, 3, 16, 16), line, "CL103",
                                 "shared.py")


def test_the_right_model_has_torch_shapes():
    assert_shapes_equal_torch(filled(SOURCE, {"WIDTH": "width_a"}), (2, 3, 16, 16), "shared.py")
