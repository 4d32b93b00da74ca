"""A block reading the wrong parameter (`Conv2d(oup, oup, 1)` in its shortcut where inp is meant)
in a file whose own __main__ also feeds the stem the wrong channel count: the stem's error, met
before the block runs, is no sign that giving the block's line what arrives leaves the model
failing, so the block's line stays blamed, not the call passing the arguments; against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, module_shapes

SOURCE = '''
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, inp, hidden, oup, stride):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(inp, hidden, 1, bias=False),
            nn.Conv2d(hidden, hidden, 3, stride, 1, groups=hidden, bias=False),
            nn.Conv2d(hidden, oup, 1, bias=False),
        )
        if stride == 1 and inp == oup:
            self.shortcut = nn.Sequential()
        else:
            self.shortcut = nn.Sequential(
                nn.Conv2d(inp, inp, 3, stride, 1, groups=inp, bias=False),
                nn.Conv2d(SHORTCUT, oup, 1, bias=False),  # the shortcut
                nn.BatchNorm2d(oup),
            )

    def forward(self, x):
        return self.conv(x) + self.shortcut(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        layers, cin = [nn.Conv2d(1, 16, 3, 2, 1)], 16
        for t, c, s in [[16, 16, 1], [48, 24, 2], [72, 24, 1]]:
            layers.append(Block(cin, t, c, s))
            cin = c
        self.features = nn.Sequential(*layers)

    def forward(self, x):
        return self.features(x)


if __name__ == "__main__":
    Net()(torch.randn(2, CHANNELS, 32, 32))
'''


def _errors(source: str) -> set:
    return {(d.code, d.span.line) for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"}


@pytest.mark.parametrize("channels", ["1", "3"], ids=["demo-right", "demo-feeding-the-stem-wrong"])
def test_the_blocks_line_is_blamed_whatever_else_the_demo_breaks(channels):
    source = SOURCE.replace("CHANNELS", channels)
    wrong, right = source.replace("SHORTCUT", "oup"), source.replace("SHORTCUT", "inp")
    with pytest.raises(RuntimeError):
        module_shapes(built(wrong, "net.py"), (2, 1, 32, 32))
    module_shapes(built(right, "net.py"), (2, 1, 32, 32))
    line = next(i for i, text in enumerate(source.splitlines(), 1) if "# the shortcut" in text)
    stem = next(i for i, text in enumerate(source.splitlines(), 1) if "nn.Conv2d(1, 16, 3, 2, 1)" in text)
    stem_error = {("CL103", stem)} if channels == "3" else set()
    assert _errors(right) == stem_error
    assert _errors(wrong) == {("CL103", line)} | stem_error
