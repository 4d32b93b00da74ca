"""A conv written one keyword per line whose window breaks a residual add is reported at the
keyword that alone explains the size: where either the kernel or the padding alone would make it
exact (`kernel_size=3` beside `padding=0` at stride 2: padding=1 or kernel_size=1), the call's
first line, both named in the fix; where a conv of another line shows the kernel right (a
decoder's ConvTranspose2d(k=4, s=2, p=1) mirroring the 4x4 down conv), the padding's line; where
no padding can make the kernel exact (a 4x4 conv at stride 1), the kernel's line. Each bug fails
in torch; each fix runs."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import built, filled, module_shapes

SHORTCUT = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.branch = nn.Sequential(nn.Conv2d(16, 32, 3, padding=1), nn.AvgPool2d(3, stride=STRIDE, padding=1))
        self.short = nn.Conv2d(
            16,
            32,
            kernel_size=KERNEL,
            stride=STRIDE,
            padding=PADDING,
        )

    def forward(self, x):
        return self.short(x) + self.branch(x)
'''

MIRRORED = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.down = nn.Conv2d(3, 16, kernel_size=4,
                              stride=2,
                              padding=PADDING)
        self.up = nn.ConvTranspose2d(16, 3, kernel_size=4, stride=2, padding=1)

    def forward(self, x):
        return torch.cat([x, self.up(torch.relu(self.down(x)))], 1)
'''

SIZE = (2, 16, 32, 32)


def _errors(source: str, size=SIZE) -> list:
    return [d for d in lint_text(source, "net.py", Settings(input_shapes={"Net": size})).diagnostics
            if d.severity == "error"]


def _fails_in_torch(source: str, size=SIZE) -> None:
    with pytest.raises(RuntimeError):
        module_shapes(built(source, "net.py"), size)


def test_kernel_or_padding_either_fixing_is_reported_at_the_call():
    source = filled(SHORTCUT, {"KERNEL": "3", "STRIDE": "2", "PADDING": "0"})
    _fails_in_torch(source)
    (error,) = _errors(source)
    assert (error.code, error.span.line) == ("CL107", line_of(source, "self.short = nn.Conv2d("))
    assert "padding=1 or kernel_size=1" in error.fix
    assert {line_of(source, "kernel_size=3"), line_of(source, "padding=0")} <= {s.line for s in error.related}


def test_a_kernel_no_padding_makes_exact_is_reported_at_the_kernel():
    source = filled(SHORTCUT, {"KERNEL": "4", "STRIDE": "1", "PADDING": "1"})
    _fails_in_torch(source)
    errors = _errors(source)
    assert ("CL107", line_of(source, "kernel_size=4")) in {(d.code, d.span.line) for d in errors}


def test_a_kernel_another_line_mirrors_leaves_the_padding_blamed():
    size = (1, 3, 64, 64)
    source = filled(MIRRORED, {"PADDING": "0"})
    _fails_in_torch(source, size)
    (error,) = _errors(source, size)
    assert (error.code, error.span.line) == ("CL107", line_of(source, "padding=0)"))


@pytest.mark.parametrize("source, size", [(filled(SHORTCUT, {"KERNEL": "1", "STRIDE": "2", "PADDING": "0"}), SIZE),
                                          (filled(SHORTCUT, {"KERNEL": "3", "STRIDE": "2", "PADDING": "1"}), SIZE),
                                          (filled(MIRRORED, {"PADDING": "1"}), (1, 3, 64, 64))])
def test_the_fixed_forms_run_clean(source, size):
    module_shapes(built(source, "net.py"), size)
    assert _errors(source, size) == []


POOLED = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.short = nn.Conv2d(16, 32, kernel_size=1, stride=2, bias=False)
        self.branch = nn.Conv2d(16, 32, 3, padding=1)
        self.pool = nn.AvgPool2d(
            kernel_size=3,
            stride=2,
            padding=0,
        )

    def forward(self, x):
        return self.short(x) + self.pool(self.branch(x))
'''


def test_a_pool_whose_kernel_or_padding_either_fixes_is_reported_at_its_call():
    _fails_in_torch(POOLED)
    (error,) = _errors(POOLED)
    assert (error.code, error.span.line) == ("CL107", line_of(POOLED, "self.pool = nn.AvgPool2d("))
