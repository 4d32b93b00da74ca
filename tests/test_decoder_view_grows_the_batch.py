"""A decoder's Linear viewed as maps with a leading -1 (`fc(z).view(-1, 128, 4, 4)` of 256 x 4 x 4
features): the -1 is a whole multiple of the batch, each sample becomes several maps, and CL102
reports the view (or the Linear, where the maps are what the decoder takes) with no input size."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built

AUTOENCODER = '''
import torch.nn as nn


class AE(nn.Module):
    def __init__(self, latent=32):
        super().__init__()
        self.enc = nn.Sequential(nn.Conv2d(3, 256, 3, stride=8, padding=1), nn.Flatten(),
                                 nn.Linear(256 * 4 * 4, latent))
        self.fc_dec = nn.Linear(latent, 256 * 4 * 4)
        self.dec = nn.Sequential(nn.Upsample(scale_factor=2), nn.Conv2d(DECODED, 3, 3, padding=1))

    def forward(self, x):
        h = self.fc_dec(self.enc(x)).view(VIEW)
        return self.dec(h)
'''


def _errors(source: str, shapes=None):
    result = lint_text(source, "ae.py", Settings(input_shapes=shapes or {}))
    return {(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"}


@pytest.mark.parametrize("shapes", [{}, {"AE": (2, 3, 32, 32)}], ids=["symbolic", "given"])
def test_the_view_that_doubles_the_batch_is_reported_there(shapes):
    source = AUTOENCODER.replace("DECODED", "256")
    assert ("CL102", 14) in _errors(source.replace("VIEW", "-1, 128, 4, 4"), shapes)
    assert _errors(source.replace("VIEW", "-1, 256, 4, 4"), shapes) == set()
    assert _errors(source.replace("VIEW", "x.size(0), 256, 4, 4"), shapes) == set()
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="expected input\\[4, 128, 8, 8\\] to have 256 channels"):
        built(source.replace("VIEW", "-1, 128, 4, 4"), "ae.py", lambda ns: ns["AE"]())(torch.zeros(2, 3, 32, 32))


def test_a_decoder_that_takes_the_halved_maps_runs_with_twice_the_batch():
    """Silent in torch: the batch of 2 comes back as 4 images. Reported at the view, or at the
    Linear sized for twice the maps the view and the decoder agree on."""
    source = AUTOENCODER.replace("DECODED", "128").replace("VIEW", "-1, 128, 4, 4")
    for shapes in ({}, {"AE": (2, 3, 32, 32)}):
        found = _errors(source, shapes)
        assert len(found) == 1 and found <= {("CL102", 14), ("CL102", 10)}
    torch = pytest.importorskip("torch")
    out = built(source, "ae.py", lambda ns: ns["AE"]())(torch.zeros(2, 3, 32, 32))
    assert out.shape[0] == 4


CHANNEL_GROUPS = '''
import torch.nn as nn


class Frames(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 12, 3, padding=1)
        self.frame = nn.Conv2d(3, 8, 3, padding=1)

    def forward(self, x):
        y = self.stem(x)
        return self.frame(y.view(-1, 3, y.size(2), y.size(3)))
'''


def test_a_map_cut_into_whole_groups_of_channels_is_not_reported():
    """Four 3-channel maps per sample, one row each, on purpose: the sides are kept."""
    assert _errors(CHANNEL_GROUPS) == set()
    assert _errors(CHANNEL_GROUPS, {"Frames": (2, 3, 16, 16)}) == set()
