"""MaxUnpool2d given `output_size=` a size saved with `x.size()` before another stage's pool
(SegNet/DeconvNet decoders pairing each unpool with its own stage's size): where that size is
within a stride of the unpooled map only for inputs a few pixels wide, torch refuses it at every
size of use, and convlint reports the unpool with no input size, as torch says it at 64 x 64."""

import pytest

from tests.torch_cases import built

SOURCE = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.b1 = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.MaxPool2d(2, 2, return_indices=True, ceil_mode=True))
        self.b2 = nn.Sequential(nn.Conv2d(8, 8, 3, padding=1), nn.MaxPool2d(2, 2, return_indices=True, ceil_mode=True))
        self.unpool = nn.MaxUnpool2d(2, stride=2)
        self.out = nn.Conv2d(8, 2, 1)

    def forward(self, x):
        size0 = x.size()
        c1, i1 = self.b1(x)
        size1 = c1.size()
        c2, i2 = self.b2(c1)
        u2 = self.unpool(c2, i2, output_size=SIZE)
        return self.out(u2)
'''
UNPOOL_LINE = 18


def _errors(size_name: str) -> list:
    from convlint.pipeline import Settings, lint_text

    result = lint_text(SOURCE.replace("SIZE", size_name), "net.py", Settings())
    return [d for d in result.diagnostics if d.severity == "error"]


def test_the_size_saved_before_the_first_pool_is_refused_at_the_unpool():
    found = _errors("size0")
    assert [(d.span.line, d.code) for d in found] == [(UNPOOL_LINE, "CL107")]
    assert 'invalid output_size "[64, 64]" (dim 0 must be between 30 and 34)' in found[0].message
    assert "taken only for inputs of at most 5 pixels along a side" in found[0].message


def test_the_stages_own_size_gives_no_error():
    assert _errors("size1") == []


@pytest.mark.parametrize("side", [64, 100, 255])
def test_torch_refuses_the_early_size_and_takes_the_stages_own(side):
    torch = pytest.importorskip("torch")
    wrong = built(SOURCE.replace("SIZE", "size0"), "net.py")
    low, high = 2 * ((side + 3) // 4) - 2, 2 * ((side + 3) // 4) + 2
    with pytest.raises(ValueError, match=rf"invalid output_size .*dim 0 must be between {low} and {high}"):
        wrong(torch.zeros(2, 1, side, side))
    right = built(SOURCE.replace("SIZE", "size1"), "net.py")
    assert tuple(right(torch.zeros(2, 1, side, side)).shape) == (2, 2, (side + 1) // 2, (side + 1) // 2)


@pytest.mark.parametrize("side", [1, 2, 3, 5])
def test_torch_takes_the_early_size_only_at_a_few_pixels(side):
    torch = pytest.importorskip("torch")
    wrong = built(SOURCE.replace("SIZE", "size0"), "net.py")
    assert tuple(wrong(torch.zeros(2, 1, side, side)).shape) == (2, 2, side, side)
