"""A conv whose window is larger than the map it gets, its kernel a local computed from numbers
that only it reads (a classifier conv meant to cover the final map): the local's line is the one
to change, and CL105 is reported there. A local several layers read, or a call that writes its
own padding, keeps the finding at the conv."""

import pytest

from convlint.pipeline import Settings, lint_text

CLASSIFIER = '''
import torch
import torch.nn as nn


class Discriminator(nn.Module):
    def __init__(self, image_size=64, width=16, n_classes=5, n_down=4):
        super().__init__()
        layers = [nn.Conv2d(3, width, 4, stride=2, padding=1), nn.LeakyReLU(0.01)]
        for _ in range(1, n_down):
            layers += [nn.Conv2d(width, width * 2, 4, stride=2, padding=1), nn.LeakyReLU(0.01)]
            width *= 2
        self.main = nn.Sequential(*layers)
        side = image_size // 2 ** n_down
        self.patch = nn.Conv2d(width, 1, 3, padding=1, bias=False)
        self.classes = nn.Conv2d(width, n_classes, side, bias=False)

    def forward(self, x):
        h = self.main(x)
        return self.patch(h), self.classes(h).flatten(1)
'''


def _error_lines(source: str) -> list[tuple[int, str]]:
    return [(d.span.line, d.code) for d in lint_text(source, "disc.py", Settings()).diagnostics
            if d.severity == "error"]


def _ran(source: str) -> dict:
    namespace: dict = {}
    exec(compile(source, "disc.py", "exec"), namespace)
    return namespace


def test_a_kernel_computed_too_large_is_reported_where_it_is_computed():
    assert _error_lines(CLASSIFIER) == []
    source = CLASSIFIER.replace("side = image_size // 2 ** n_down", "side = image_size // 2 ** (n_down - 1)")
    assert _error_lines(source) == [(14, "CL105")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="Kernel size can't be greater than actual input size"):
        _ran(source)["Discriminator"]()(torch.zeros(1, 3, 64, 64))
    patch, classes = _ran(CLASSIFIER)["Discriminator"]()(torch.zeros(1, 3, 64, 64))
    assert classes.shape == (1, 5)


def test_a_kernel_local_another_layer_reads_keeps_the_finding_at_the_conv():
    source = CLASSIFIER.replace("side = image_size // 2 ** n_down", "side = image_size // 2 ** (n_down - 1)") \
        .replace("nn.Conv2d(width, 1, 3, padding=1, bias=False)", "nn.Conv2d(width, 1, side, padding=side, bias=False)")
    assert _error_lines(source) == [(16, "CL105")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="Kernel size can't be greater than actual input size"):
        _ran(source)["Discriminator"]()(torch.zeros(1, 3, 64, 64))


def test_a_conv_that_writes_its_padding_keeps_the_finding():
    """`padding=0` written in the call: the window is the kernel and that padding, and the call is the
    line that holds both."""
    source = CLASSIFIER.replace("side = image_size // 2 ** n_down", "side = image_size // 2 ** (n_down - 1)") \
        .replace("n_classes, side, bias=False)", "n_classes, side, padding=0, bias=False)")
    assert _error_lines(source) == [(16, "CL105")]
