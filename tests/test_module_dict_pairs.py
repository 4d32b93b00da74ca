"""nn.ModuleDict built from [name, module] pairs rather than a dict: a list of them, or a generator
(EDSR-family MDSR's `nn.ModuleDict([str(scale), Upsampler(scale, n)] for scale in scale_list)`):
torch's update() takes each pair as (key, module), so `self.upsample[str(scale)]` is that module.
The pairs were read as items 0, 1, ... and the model's shapes after the dict were unknown."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_shapes_equal_torch, filled

SCALED = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, scale=2):
        super().__init__()
        self.scale = scale
        self.scale_list = [scale]
        self.head = nn.Conv2d(3, 16, 3, padding=1)
        self.upsample = nn.ModuleDict(PAIRS)
        self.tail = nn.Conv2d(TAIL_IN, 3, 3, padding=1)

    def forward(self, x):
        x = self.head(x)
        x = self.upsample[str(self.scale)](x)
        return self.tail(x)
'''

UPSAMPLER = "nn.Sequential(nn.Conv2d(16, 16 * s * s, 3, padding=1), nn.PixelShuffle(s))"
PAIRS = [f"[str(s), {UPSAMPLER}] for s in self.scale_list",
         f"[(str(s), {UPSAMPLER}) for s in self.scale_list]",
         f"[[str(s), {UPSAMPLER}] for s in self.scale_list]"]


@pytest.mark.parametrize("pairs", PAIRS)
def test_a_module_dict_of_pairs_holds_each_module_under_its_name(pairs):
    source = filled(SCALED, {"PAIRS": pairs, "TAIL_IN": "16"})
    assert_shapes_equal_torch(source, (1, 3, 8, 8), "sr.py")


@pytest.mark.parametrize("pairs", PAIRS)
def test_a_tail_wrong_after_the_dict_is_found_at_its_line(pairs):
    source = filled(SCALED, {"PAIRS": pairs, "TAIL_IN": "32"})
    errors = [(d.span.line, d.code) for d in lint_text(source, "sr.py", Settings()).diagnostics
              if d.severity == "error"]
    assert errors == [(12, "CL103")]
