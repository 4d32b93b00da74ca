"""F.interpolate / nn.Upsample to another tensor's sides (`size=skip.shape[2:]`, `size=(h, w)` of
`skip.size()`): the result has that tensor's symbolic sides, so a skip added at the wrong level is
an error with no options given, against torch."""

import pytest

from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch

SOURCE = '''import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, c=16):
        super().__init__()
        self.conv0 = nn.Conv2d(4, c, 3, padding=1)
        self.conv1 = nn.Conv2d(c, c, 3, stride=2, padding=1)
        self.conv2 = nn.Conv2d(c, c, 3, stride=2, padding=1)
        self.dec1 = nn.Conv2d(c, c, 3, padding=1)

    def forward(self, x):
        x0 = self.conv0(x)
        x1 = F.relu(self.conv1(x0))
        x2 = F.relu(self.conv2(x1))
        _, _, h, w = x1.size()
        y = RESIZE
        return F.relu(self.dec1(y)) + SKIP
'''
RESIZES = [
    "F.interpolate(x2, size=(x1.shape[2], x1.shape[3]), mode='bilinear')",
    "F.interpolate(x2, size=x1.shape[2:], mode='bilinear', align_corners=False)",
    "F.interpolate(x2, x1.size()[-2:])",
    "F.upsample(x2, x1.size()[2:], mode='bilinear')",
    "F.interpolate(x2, size=(h, w), mode='nearest')",
    "F.interpolate(x2, size=[x1.size(2), x1.size(3)])",
    "nn.Upsample(size=tuple(x1.shape[2:]))(x2)",
]


@pytest.mark.parametrize("resize", RESIZES)
def test_a_skip_of_the_wrong_level_after_a_resize_to_another_tensor_is_an_error(resize):
    source = SOURCE.replace("RESIZE", resize)
    # torch: (32) must match (16); blamed on conv2's stride, as with --input-shape
    assert_bug_found_at_its_line(source, {"SKIP": "x1"}, {"SKIP": "x2"}, (2, 4, 64, 64), 11, "CL107", "resize.py")


@pytest.mark.parametrize("side", [64, 37])
def test_the_resized_sides_match_torch(side):
    source = SOURCE.replace("RESIZE", RESIZES[1]).replace("SKIP", "x1")
    assert_shapes_equal_torch(source, (2, 4, side, side), "resize.py")


def test_a_size_argument_nothing_supplies_is_still_unknown():
    """`nn.Upsample(size=size)`, size a required argument: it may be a pair, so nothing is assumed."""
    from convlint.pipeline import Settings, lint_text

    source = SOURCE.replace("def __init__(self, c=16)", "def __init__(self, size, c=16)").replace(
        "RESIZE", "F.interpolate(x2, size=self.size)").replace("SKIP", "x2").replace(
        "self.dec1 =", "self.size = size\n        self.dec1 =")
    assert not [d for d in lint_text(source, "resize.py", Settings()).diagnostics if d.severity == "error"]
