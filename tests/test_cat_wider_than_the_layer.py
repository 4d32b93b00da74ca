"""A two-input model (image, label) whose first conv takes the cat of both, the label's width
known from the code and the image's from nothing: where the label alone is as wide as or wider
than the conv takes (`Conv2d(3, ...)` after a cat adding 5 label channels), no image width runs,
and convlint says so (CL103 at the conv, C + 5) instead of leaving the image's width unknown;
checked against torch."""

from __future__ import annotations

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled

CONDITIONED = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, domains=5, batch=4, size=16):
        super().__init__()
        self.domains, self.batch, self.size = domains, batch, size
        self.conv = nn.Sequential(nn.Conv2d(in_channels=IN, out_channels=16, kernel_size=3, padding=1), nn.ReLU())

    def forward(self, image, label):
        label = label.reshape(self.batch, self.domains, 1, 1).repeat(1, 1, self.size, self.size)
        return self.conv(torch.cat(ORDER, dim=1))
'''
ORDERS = ["[image, label]", "[label, image]"]


def _errors(source: str) -> set:
    return {(d.code, d.span.line) for d in lint_text(source, "cond.py", Settings()).diagnostics if d.severity == "error"}


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("wrong", ["3", "5"])
def test_a_label_as_wide_as_the_conv_leaves_no_image_width(order, wrong):
    torch = pytest.importorskip("torch")
    image, label = torch.zeros(4, 3, 16, 16), torch.zeros(4, 5)
    broken = filled(CONDITIONED, {"IN": wrong, "ORDER": order})
    with pytest.raises(RuntimeError, match="expected input"):
        built(broken, "cond.py")(image, label)
    if wrong == "3":  # 3 - 5 < 0: every image fails; 5 - 5 = 0 is an image of no channels, not told
        assert ("CL103", 10) in _errors(broken)
    right = filled(CONDITIONED, {"IN": "8", "ORDER": order})
    built(right, "cond.py")(image, label)
    assert _errors(right) == set()


def test_the_message_names_the_label_channels_it_adds():
    broken = filled(CONDITIONED, {"IN": "3", "ORDER": ORDERS[0]})
    (found,) = [d for d in lint_text(broken, "cond.py", Settings()).diagnostics if d.code == "CL103"]
    assert "expects 3 input channels" in found.message and "C+5" in found.message
