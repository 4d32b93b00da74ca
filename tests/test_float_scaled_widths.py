"""Widths truncated from a float times a required constructor argument (`dv = int(v * planes)`, v =
0.2, an attention-augmented convolution's split of its channels): int() of such a product is a
width of its own, the same one wherever the same float times the same width is truncated, so the
two parts of the split add up to the argument again. Never a ratio: int(0.29 * 100) is 28."""

import pytest

from convlint.pipeline import Settings, lint_text

SPLIT = '''
import torch, torch.nn as nn

class Split(nn.Module):
    def __init__(self, planes, v=0.2):
        super().__init__()
        self.a = nn.Conv2d(3, planes - int(v * planes), 3, padding=1)
        self.b = nn.Conv2d(3, int(planes * v), 3, padding=1)
        self.bn = nn.BatchNorm2d(NORM)
    def forward(self, x):
        return self.bn(torch.cat([self.a(x), self.b(x)], 1))
'''

ATTENTION = '''
import torch, torch.nn as nn

class Attention(nn.Module):
    def __init__(self, planes, v=0.29):
        super().__init__()
        self.planes, self.dv = planes, int(v * planes)
        dv = int(v * planes)
        self.out = nn.Conv2d(3, planes - dv, 1)
        self.qkv = nn.Conv2d(3, 2 * planes + dv, 1)
        self.attn = nn.Conv2d(dv, dv, 1)
        self.bn = nn.BatchNorm2d(NORM)
    def forward(self, x):
        _, _, v = torch.split(self.qkv(x), [self.planes, self.planes, self.dv], dim=1)
        return self.bn(torch.cat([self.out(x), self.attn(v)], 1))
'''


def _errors(source: str) -> list[tuple[int, str]]:
    result = lint_text(source, "split.py", Settings())
    return sorted((d.span.line, d.code) for d in result.diagnostics if d.severity == "error")


def _build(source: str, name: str, *arguments: int):
    namespace: dict = {}
    exec(compile(source, "split.py", "exec"), namespace)
    return namespace[name](*arguments).eval()


def _output_channels(torch, source: str, name: str, *arguments: int) -> int:
    return _build(source, name, *arguments)(torch.zeros(1, 3, 4, 4)).shape[1]


def _expect_refused(torch, source: str, name: str, arguments, message: str) -> None:
    """torch refuses the model built from `source` with `arguments` (one count, or a tuple of them)."""
    with pytest.raises(RuntimeError, match=message):
        _build(source, name, *(arguments if isinstance(arguments, tuple) else (arguments,)))(torch.zeros(1, 3, 4, 4))


def test_the_parts_of_a_float_split_add_up_to_the_argument():
    assert _errors(SPLIT.replace("NORM", "planes")) == []
    assert _errors(SPLIT.replace("NORM", "planes + 1")) == [(9, "CL104")]
    assert _errors(SPLIT.replace("NORM", "int(0.2 * planes)")) == []  # may equal `planes` (planes = 0 aside): not proved
    floored = SPLIT.replace("import torch,", "import math, torch,").replace("int(planes * v)", "math.floor(planes * v)")
    assert _errors(floored.replace("NORM", "planes + 1")) == [(9, "CL104")]  # of a product >= 0, the same width
    torch = pytest.importorskip("torch")
    for planes in (5, 8, 20, 37):
        assert _output_channels(torch, SPLIT.replace("NORM", "planes"), "Split", planes) == planes
        _expect_refused(torch, SPLIT.replace("NORM", "planes + 1"), "Split", planes, "running_mean should contain")
        _expect_refused(torch, floored.replace("NORM", "planes + 1"), "Split", planes, "running_mean should contain")


def test_a_truncation_that_is_no_ratio_is_one_width_wherever_it_is_used():
    assert _errors(ATTENTION.replace("NORM", "planes")) == []
    assert _errors(ATTENTION.replace("NORM", "2 * planes")) == [(12, "CL104")]
    wrong_attention = ATTENTION.replace("nn.Conv2d(dv, dv, 1)", "nn.Conv2d(dv + 1, dv, 1)")
    assert _errors(wrong_attention.replace("NORM", "planes")) == [(11, "CL103")]
    torch = pytest.importorskip("torch")
    assert int(0.29 * 100) == 28  # not floor(29 * 100 / 100): a ratio would be a false error here
    for planes in (7, 100):
        assert _output_channels(torch, ATTENTION.replace("NORM", "planes"), "Attention", planes) == planes
        _expect_refused(torch, ATTENTION.replace("NORM", "2 * planes"), "Attention", planes, "running_mean should contain")
        _expect_refused(torch, wrong_attention.replace("NORM", "planes"), "Attention", planes, "channels")


def test_a_float_product_changed_before_int_is_not_the_truncation_of_the_first():
    source = SPLIT.replace("int(planes * v)", "int(planes * v * 2)").replace("NORM", "planes + 1")
    assert _errors(source) == []  # `planes * v * 2` is no longer `v * planes`: unknown, not a guess


GROWTH = '''
import torch, torch.nn as nn

class Grow(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels - in_channels, 3, padding=1)
        self.bn = nn.BatchNorm2d(NORM)
    def forward(self, x):
        return self.bn(torch.cat([x, self.conv(x)], 1))
'''


def test_a_difference_of_two_arguments_added_back_is_the_first():
    assert _errors(GROWTH.replace("NORM", "out_channels")) == []
    assert _errors(GROWTH.replace("NORM", "out_channels + in_channels")) == []  # equal where in_channels is 0: not proved
    assert _errors(GROWTH.replace("NORM", "out_channels + 2")) == [(8, "CL104")]
    torch = pytest.importorskip("torch")
    assert _output_channels(torch, GROWTH.replace("NORM", "out_channels"), "Grow", 3, 8) == 8
    _expect_refused(torch, GROWTH.replace("NORM", "out_channels + 2"), "Grow", (3, 8), "running_mean should contain")
