"""A block per octave of an image size nothing gives: `nlayers = int(np.log2(size / 4))` blocks
take a 4x4 map to `size` (or back). The count is floor(log2(size)) - 2, tried as every count
is (size = 8 to 256), so a width that fails at every one is reported at its line."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch

DISCRIMINATOR = '''
import math
import numpy as np
import torch.nn as nn


class Discriminator(nn.Module):
    def __init__(self, size, nf=8, nf_max=32):
        super().__init__()
        nlayers = COUNT
        self.nf0 = min(nf_max, nf * 2 ** nlayers)
        blocks = [nn.Conv2d(3, nf, 3, padding=1)]
        for i in range(nlayers):
            nf0 = min(nf * 2 ** i, nf_max)
            nf1 = min(nf * 2 ** (i + 1), nf_max)
            blocks += [nn.AvgPool2d(3, stride=2, padding=1), nn.Conv2d(nf0, nf1, 3, padding=1)]
        self.body = nn.Sequential(*blocks)
        self.fc = nn.Linear(FEATURES, 1)

    def forward(self, x):
        out = self.body(x)
        out = out.view(out.size(0), self.nf0 * 4 * 4)
        return self.fc(out)
'''

GENERATOR = '''
import numpy as np
import torch.nn as nn


class Generator(nn.Module):
    def __init__(self, size, nf=8):
        super().__init__()
        nlayers = int(np.log2(size / 4))
        blocks = []
        for i in range(nlayers):
            blocks += [nn.Conv2d(nf, nf, 3, padding=1), nn.Upsample(scale_factor=2)]
        blocks += [nn.Conv2d(nf, nf, 3, padding=1)]
        self.body = nn.Sequential(*blocks)
        self.conv_img = nn.Conv2d(WIDTH, 3, 3, padding=1)

    def forward(self, x):
        return self.conv_img(self.body(x))
'''

COUNTS = ["int(np.log2(size / 4))", "int(math.log2(size / 4))", "int(math.log(size / 4, 2))",
          "int(math.log2(size // 4))", "math.floor(np.log2(size / 4))"]


@pytest.mark.parametrize("count", COUNTS)
def test_a_head_sized_for_a_quarter_of_the_map_fails_at_every_octave_count(count):
    """fc takes nf0*4 features where the view gives nf0*4*4: at size = 8, ..., 256 alike."""
    source = DISCRIMINATOR.replace("COUNT", count)
    result = assert_bug_found_at_its_line(source, {"FEATURES": "self.nf0 * 4 * 4"}, {"FEATURES": "self.nf0 * 4"},
                                          (2, 3, 32, 32), 18, "CL101", "disc.py",
                                          build=lambda namespace: namespace["Discriminator"](32))
    (model,) = [m for m in result.models if m.name == "Discriminator"]
    assert sorted(values["size"] for values, _ in model.count_trials) == [8, 16, 32, 64, 128, 256]


def test_the_last_block_after_octaves_fixes_the_output_width():
    """Generator: conv_img reads 2*nf channels where the last block gives nf, whatever the count."""
    assert_bug_found_at_its_line(GENERATOR, {"WIDTH": "nf"}, {"WIDTH": "2 * nf"}, (2, 8, 4, 4), 15, "CL103",
                                 "gen.py", build=lambda namespace: namespace["Generator"](32))


@pytest.mark.parametrize("size", [8, 32, 64])
def test_the_octave_count_of_a_known_size_is_exact(size):
    """Discriminator(size) as the file builds it: every module's shape is torch's."""
    source = DISCRIMINATOR.replace("COUNT", "int(np.log2(size / 4))").replace("FEATURES", "self.nf0 * 4 * 4")
    source += f"\n\nmodel = Discriminator({size})\n"
    settings = Settings(input_shapes={"Discriminator": (2, 3, size, size)}, model="Discriminator")
    assert_shapes_equal_torch(source, (2, 3, size, size), "disc.py", settings=settings, name="Discriminator",
                              build=lambda namespace: namespace["model"])


def test_a_size_over_a_factor_not_a_power_of_the_base_is_not_counted():
    """log2(size / 3) is no whole count plus log2(size): the loop is left not followed, nothing reported."""
    source = DISCRIMINATOR.replace("COUNT", "int(np.log2(size / 3))").replace("FEATURES", "self.nf0 * 4")
    result = lint_text(source, "disc.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "Discriminator"]
    assert not model.count_trials
