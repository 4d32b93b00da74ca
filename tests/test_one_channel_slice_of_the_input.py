"""`x[:, 0:1]` of an input of any width (an Omniglot net fed RGB images, its first channel kept):
torch clips the slice's bounds to the width C, so `a:a+1` keeps one channel for every C past a
(none below), and the first layer after it meets one channel whatever the input. A wider slice
(`x[:, :3]`) keeps min(C, 3), which a 2-channel input makes 2: a layer taking 2 is no error."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_shapes_equal_torch, built, filled, module_shapes

SLICED = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.trunk = nn.Sequential(
            nn.Conv2d(WIDTH, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        )

    def forward(self, x):
        out = x[:, SLICE, :, :]
        return self.trunk(out)
'''

TRUNK_LINE = 9
SLICES = ["0:1", ":1", "2:3", "-1:", "-2:-1"]


def _errors(source: str) -> set:
    return {(d.code, d.span.line) for d in lint_text(source, "sliced.py", Settings()).diagnostics
            if d.severity == "error"}


@pytest.mark.parametrize("part", SLICES)
def test_one_channel_kept_runs(part):
    source = filled(SLICED, {"SLICE": part, "WIDTH": "1"})
    assert _errors(source) == set()
    assert_shapes_equal_torch(source, (2, 3, 28, 28), "sliced.py")


@pytest.mark.parametrize("part", SLICES)
def test_a_first_conv_taking_more_than_the_slice_keeps(part):
    wrong = filled(SLICED, {"SLICE": part, "WIDTH": "16"})
    for channels in (1, 3, 16, 64):
        with pytest.raises(RuntimeError, match="to have 16 channels, but got (1|0)"):
            module_shapes(built(wrong, "sliced.py"), (2, channels, 28, 28))
    assert ("CL103", TRUNK_LINE) in _errors(wrong)


@pytest.mark.parametrize("width", ["2", "16"])
def test_a_wider_slice_of_a_narrower_input_is_no_error(width):
    # x[:, :3] of a 2-channel input keeps 2: a conv taking 2 runs there; one taking 16 never does,
    # but what the slice keeps is not one number
    source = filled(SLICED, {"SLICE": ":3", "WIDTH": width})
    if width == "2":
        module_shapes(built(source, "sliced.py"), (2, 2, 28, 28))
    assert _errors(source) == set()
