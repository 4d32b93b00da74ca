"""A required tuple size parameter (`img_size=(C, H, W)`) whose items the constructor compares with a
literal size (`if self.img_size[1:] == (64, 64): layers += [...]`, `assert img_size[1:] in ((32,
32), (64, 64))`): each size the code states is a model it builds, so the model is built with it
(its channels still a symbol) and each path of the condition is followed with a concrete size,
where before the list grown on an unknown condition, and the Sequential made of it, were unknown.
An error met with every size an assert allows is said so; one met with a size the code only
compares with is said with that size; with no size stated the Sequential stays unknown."""

import pytest

from convlint.pipeline import Settings, lint_text

DECODER = '''
import torch
from torch import nn


class VAE(nn.Module):
    def __init__(self, img_size):
        super().__init__()
        GUARD
        self.img_size = img_size
        decoder_layers = []
        if self.img_size[1:] == (64, 64):
            decoder_layers += [nn.Conv2d(64, 64, 3, padding=1), nn.ReLU(),
                               nn.ConvTranspose2d(64, 64, (4, 4), stride=2, padding=1), nn.ReLU()]
        decoder_layers += [
            nn.ConvTranspose2d(64, 32, (4, 4), stride=2, padding=1),
            nn.ReLU(),
            nn.ConvTranspose2d(32, 32, (4, 4), stride=2, padding=1),
            nn.ReLU(),
            nn.ConvTranspose2d(32, self.img_size[0], (4, 4), stride=2, padding=1),
            nn.Sigmoid(),
        ]
        self.features_to_img = nn.Sequential(*decoder_layers)

    def forward(self, x):
        return self.features_to_img(x)
'''

ASSERTED = "assert img_size[1:] in ((32, 32), (64, 64))"
COMPARED = "pass"
SHARED_BUG = ("nn.ConvTranspose2d(32, 32, (4, 4), stride=2, padding=1)", "nn.ConvTranspose2d(64, 32, (4, 4), stride=2, padding=1)")
PREFIX_BUG = ("nn.ConvTranspose2d(64, 64, (4, 4)", "nn.ConvTranspose2d(48, 64, (4, 4)")


def source(guard, bug=None):
    text = DECODER.replace("GUARD", guard)
    return text.replace(*bug) if bug else text


def errors(text):
    return [d for d in lint_text(text, "vae.py", Settings()).diagnostics if d.severity == "error"]


def line_of(text, fragment):
    """The last line holding the fragment (the edited one, below the line it copies)."""
    return [number for number, line in enumerate(text.splitlines(), 1) if fragment in line][-1]


def torch_run(text, sides):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(text, "vae.py", "exec"), namespace)
    return namespace["VAE"]((3, *sides))(torch.zeros(2, 64, 4, 4))


def test_an_error_on_the_path_both_sizes_share_is_found_at_its_line():
    text = source(COMPARED, SHARED_BUG)
    (found,) = errors(text)
    assert found.code == "CL103" and found.span.line == line_of(text, SHARED_BUG[1])
    assert "with img_size=(..., 64, 64) (a value the code names; nothing gives it)" in found.message
    for sides in ((64, 64), (32, 32)):
        with pytest.raises(RuntimeError, match="expected input.*to have 64 channels"):
            torch_run(text, sides)


def test_an_error_met_with_every_asserted_size_is_said_so():
    text = source(ASSERTED, SHARED_BUG)
    (found,) = errors(text)
    assert found.code == "CL103" and found.span.line == line_of(text, SHARED_BUG[1])
    assert f"every value `{ASSERTED}` allows (img_size = (..., 32, 32) and (..., 64, 64)" in found.message
    for sides in ((64, 64), (32, 32)):
        with pytest.raises(RuntimeError, match="expected input.*to have 64 channels"):
            torch_run(text, sides)


def test_an_error_on_one_sizes_path_is_said_with_that_size():
    text = source(ASSERTED, PREFIX_BUG)
    (found,) = errors(text)
    assert found.code == "CL103" and found.span.line == line_of(text, PREFIX_BUG[1])
    assert "with img_size=(..., 64, 64) (a value" in found.message and "every value" not in found.message
    with pytest.raises(RuntimeError, match="expected input.*to have 48 channels, but got 64"):
        torch_run(text, (64, 64))
    assert tuple(torch_run(text, (32, 32)).shape) == (2, 3, 32, 32)


@pytest.mark.parametrize("guard", [COMPARED, ASSERTED])
def test_the_correct_decoder_is_clean_for_each_size(guard):
    text = source(guard)
    assert errors(text) == []
    assert tuple(torch_run(text, (64, 64)).shape) == (2, 3, 64, 64)
    assert tuple(torch_run(text, (32, 32)).shape) == (2, 3, 32, 32)


def test_with_no_size_stated_the_sequential_stays_unknown():
    text = source(COMPARED, SHARED_BUG).replace("self.img_size[1:] == (64, 64)", "self.img_size[1] > 32")
    result = lint_text(text, "vae.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert any("modules of this Sequential are not known" in u.why for m in result.models for u in m.unresolved)
