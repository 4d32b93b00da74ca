"""A conv refusing channels that a view or reshape inferred with its -1 (a VAE decoder's
`h.reshape(h.size(0), -1, 8, 8)` of a Linear's 256 * 4 * 4 features: 64 channels, where the conv
after an Upsample takes 256) is reported at the reshape, whose sizes after the -1 are the slip,
with or without an input size; where no sizes there give the conv its count, the conv stays."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, built, module_shapes

DECODER = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, latent=16):
        super().__init__()
        self.fc = nn.Linear(latent, 256 * 4 * 4)
        self.up = nn.Upsample(scale_factor=2)
        self.conv = nn.Conv2d(256, 128, 3, padding=1)

    def forward(self, z):
        h = self.fc(z)
        h = RESHAPE
        return self.conv(self.up(torch.relu(h)))
'''

FORMS = [
    ("h.reshape(h.size(0), -1, SIDES)", {}),
    ("h.view(h.shape[0], -1, SIDES)", {}),
    ("torch.reshape(h, (z.size(0), -1, SIDES))", {}),
    ("h.view(h.size(0), -1, SIDES)", {"self.up(torch.relu(h))": "F.interpolate(h, scale_factor=2)"}),
]


@pytest.mark.parametrize("form, more", FORMS)
def test_the_channels_a_minus_one_inferred_are_blamed_at_the_reshape(form, more):
    source = DECODER.replace("RESHAPE", form)
    for old, new in more.items():
        source = source.replace(old, new)
    clean = assert_bug_found_at_its_line(source, {"SIDES": "4, 4"}, {"SIDES": "8, 8"}, (2, 16), 16, "CL103", "vae.py")
    assert clean is not None
    wrong = source.replace("SIDES", "8, 8")
    for settings in (Settings(), Settings(input_shapes={"Net": (2, 16)})):
        (d,) = [d for d in lint_text(wrong, "vae.py", settings).diagnostics if d.severity == "error"]
        assert (d.code, d.span.line) == ("CL103", 16)
        assert "-1" in d.message and "4096" in d.message and "(4, 4)" in d.fix
        assert 12 in {r.line for r in d.related}  # the conv's line, where torch stops


BLOCK = '''
import torch
import torch.nn as nn


class ResBlock(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.conv1 = nn.Conv2d(ch, ch, 3, padding=1)
        self.conv2 = nn.Conv2d(ch, ch, 3, padding=1)

    def forward(self, x):
        return x + self.conv2(torch.relu(self.conv1(x)))


class Net(nn.Module):
    def __init__(self, latent=16):
        super().__init__()
        self.fc = nn.Linear(latent, 256 * 4 * 4)
        self.block = ResBlock(256)

    def forward(self, z):
        h = self.fc(z).reshape(z.size(0), -1, SIDES)
        return self.block(h)
'''


def test_a_block_after_the_reshape_is_not_blamed():
    assert_bug_found_at_its_line(BLOCK, {"SIDES": "4, 4"}, {"SIDES": "8, 8"}, (2, 16), 23, "CL103", "vae.py")
    found = [(d.code, d.span.line) for d in lint_text(BLOCK.replace("SIDES", "8, 8"), "vae.py", Settings()).diagnostics
             if d.severity == "error" and d.code == "CL103"]
    assert found == [("CL103", 23)]


def test_the_conv_stays_where_no_sizes_after_the_minus_one_give_its_count():
    # 4000 features: no sizes give 256 channels, so the conv's count (or the Linear's) is the edit
    source = DECODER.replace("RESHAPE", "h.reshape(h.size(0), -1, 10, 10)").replace("256 * 4 * 4", "4000")
    with pytest.raises(RuntimeError):
        module_shapes(built(source, "vae.py"), (2, 16))
    found = [(d.code, d.span.line) for d in lint_text(source, "vae.py", Settings()).diagnostics if d.severity == "error"]
    assert found == [("CL103", 12)]
