"""A latent Linear sized as the map flattened before it (`nn.Linear(8 * 9 * 9 + 2, 8 * 9 * 9)` after
`torch.flatten(enc(sdf), 1)` and two scalars of other inputs), then viewed back to a map with sides
written wrong (`z.view(-1, 8, 10, 10)`): the finding is at the view, where the sides are wrong, not
at the Linear, which gives what was flattened."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import built, filled

SOURCE = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.fc = nn.Linear(8 * 9 * 9 + 2, 8 * 9 * 9)
        self.dec = nn.ConvTranspose2d(8, 1, 2, stride=2)

    def forward(self, sdf, mach, aoa):
        z = torch.flatten(self.enc(sdf), start_dim=1)
        z = torch.cat((z, torch.stack((mach, aoa), dim=1)), dim=1)
        z = self.fc(z)
        z = z.view(-1, 8, SIDE, SIDE)
        return self.dec(z)
'''


def _errors(source: str) -> set:
    return {(d.code, d.span.line) for d in lint_text(source, "m.py", Settings()).diagnostics
            if d.severity == "error"}


def test_a_view_back_to_the_flattened_map_with_other_sides_is_found_at_the_view():
    torch = pytest.importorskip("torch")
    inputs = (torch.zeros(2, 1, 18, 18), torch.zeros(2), torch.zeros(2))
    wrong, right = filled(SOURCE, {"SIDE": "10"}), filled(SOURCE, {"SIDE": "9"})
    with pytest.raises(RuntimeError):
        built(wrong, "m.py")(*inputs)
    assert built(right, "m.py")(*inputs).shape == (2, 1, 18, 18)
    assert _errors(wrong) == {("CL102", line_of(SOURCE, "z.view(-1, 8, SIDE"))}
    assert _errors(right) == set()


def test_the_help_gives_the_sides_the_elements_make():
    """648 elements a sample, 8 maps: 81 = 9 x 9 each, the view the right model writes."""
    (finding,) = [d for d in lint_text(filled(SOURCE, {"SIDE": "10"}), "m.py", Settings()).diagnostics
                  if d.severity == "error"]
    assert finding.fix.startswith("View the 648 elements as the maps they make: view(-1, 8, 9, 9);")
