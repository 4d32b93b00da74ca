"""With no input size, a Linear head fixes the sides that run (CL211); a second head's window too
large for its map at the largest of each way the sides can multiply to the features is too large
at every size (pipeline._windows_at_the_head_sizes), against torch."""

import pytest

from convlint.pipeline import Settings, lint_text

CRITIC = '''
import torch
import torch.nn as nn


def block(i, o):
    return nn.Sequential(nn.Conv2d(i, o, 4, 2, 1), nn.BatchNorm2d(o), nn.ReLU())


class D(nn.Module):
    def __init__(self, n_classes=10):
        super().__init__()
        self.layers = nn.Sequential(block(3, 32), block(32, 64), block(64, 128), block(128, 256))
        self.adv = nn.Conv2d(256, 1, kernel_size=KERNEL)
        self.aux = nn.Linear(256 * 4 * 4, n_classes)

    def forward(self, x):
        out = self.layers(x)
        return self.adv(out).view(-1), self.aux(torch.flatten(out, 1))
'''


def _errors(kernel: str) -> list:
    result = lint_text(CRITIC.replace("KERNEL", kernel), "critic.py", Settings())
    return [d for d in result.diagnostics if d.severity == "error"]


def test_a_window_too_large_at_every_size_the_head_takes_is_an_error():
    (error,) = _errors("8")
    assert (error.code, error.span.line) == ("CL105", 14)
    assert "at every input size aux takes" in error.message


def test_a_window_that_fits_the_square_sizes_is_clean():
    assert _errors("4") == []


def test_torch_agrees():
    torch = pytest.importorskip("torch")
    for kernel, fails in (("4", False), ("8", True)):
        namespace: dict = {}
        exec(compile(CRITIC.replace("KERNEL", kernel), "critic.py", "exec"), namespace)
        net = namespace["D"]().eval()
        for size in ((64, 64), (79, 79), (32, 128)):
            if fails:
                with pytest.raises(RuntimeError, match="Kernel size can't be greater than actual input size"):
                    net(torch.zeros(2, 3, *size))
            elif size[0] == size[1]:
                net(torch.zeros(2, 3, *size))


def test_a_head_that_bounds_one_side_only_proves_nothing_and_does_not_break():
    """`x.mean(3)` before the Linear: its features bound the height, not the width; no largest
    input exists, so nothing is rerun (and nothing fails inside convlint)."""
    source = """
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, 2, 1)
        self.fc = nn.Linear(16 * 8, 10)

    def forward(self, x):
        return self.fc(self.conv(x).mean(3).flatten(1))
"""
    result = lint_text(source, "one_side.py", Settings())
    assert [d.code for d in result.diagnostics if d.severity == "error"] == []
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "one_side.py", "exec"), namespace)
    assert tuple(namespace["Net"]()(torch.zeros(2, 3, 16, 40)).shape) == (2, 10)
