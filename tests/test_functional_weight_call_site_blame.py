"""A weight tensor a block's constructor makes from its parameters (a partial conv's mask updater
`torch.ones(out_ch, in_ch, k, k)`, a head's `nn.Parameter(torch.randn(classes, features))`) and
applies with F.conv2d / F.linear: a count that does not fit the input is blamed at the call that
passed it, as a layer built there would be, and the fix names that call's parameter (F.conv2d has no
in_channels to set). Checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes
from tests.source_lines import line_of

torch = pytest.importorskip("torch")

SIZE = (2, 3, 32, 32)

ONES_CONV = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class OnesConv(nn.Module):
    def __init__(self, in_ch, out_ch, k=3):
        super().__init__()
        self.w = torch.ones(out_ch, in_ch, k, k)

    def forward(self, x):
        return F.conv2d(x, self.w, padding=1)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 32, 3, padding=1)
        self.block = OnesConv(WIDTH, 8)

    def forward(self, x):
        return self.block(self.stem(x))
'''

# the count passed through a block of its own before it sizes the weight
THROUGH_A_BLOCK = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class MaskUpdate(nn.Module):
    def __init__(self, in_ch, out_ch):
        super().__init__()
        self.register_buffer("w", torch.ones(out_ch, in_ch, 3, 3))

    def forward(self, x):
        return F.conv2d(x, self.w, stride=2, padding=1)


class Stage(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.update = MaskUpdate(channels, 4)

    def forward(self, x):
        return self.update(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 32, 3, padding=1)
        self.stage = Stage(WIDTH)

    def forward(self, x):
        return self.stage(self.stem(x))
'''

HEAD = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Head(nn.Module):
    def __init__(self, features, classes):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(classes, features))

    def forward(self, x):
        return F.linear(x, self.weight)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.head = Head(WIDTH, 10)

    def forward(self, x):
        return self.head(self.body(x))
'''


def _errors(source: str, name: str):
    return [d for d in lint_text(source, name, Settings()).diagnostics if d.severity == "error"]


@pytest.mark.parametrize(("name", "source", "call", "code", "fix"), [
    ("ones_conv", ONES_CONV, "self.block = OnesConv(", "CL103", "Pass 32 for in_ch"),
    ("through_a_block", THROUGH_A_BLOCK, "self.stage = Stage(", "CL103", "Pass 32 for channels"),
    ("head", HEAD, "self.head = Head(", "CL101", "Pass 32 for features"),
])
def test_a_weight_sized_by_a_parameter_is_blamed_at_the_call_passing_it(name, source, call, code, fix):
    broken, right = filled(source, {"WIDTH": "16"}), filled(source, {"WIDTH": "32"})
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, f"{name}.py"), SIZE)
    with torch.no_grad():
        built(right, f"{name}.py")(torch.zeros(*SIZE))
    assert not _errors(right, f"{name}.py")
    (error,) = _errors(broken, f"{name}.py")
    assert (error.code, error.span.line) == (code, line_of(broken, call))
    assert error.fix.startswith(fix + ":"), error.fix
    assert "in_channels" not in error.fix and "in_features" not in error.fix


def test_the_block_alone_is_not_blamed():
    """The block checked on its own (its parameters unknown): nothing passes it a count, no error."""
    source = filled(ONES_CONV, {"WIDTH": "16"})
    result = lint_text(source, "ones_conv.py", Settings())
    (block,) = [m for m in result.models if m.name == "OnesConv"]
    assert not [d for d in result.diagnostics if d.severity == "error" and d.model == "OnesConv"]
    assert block is not None


def test_a_weight_of_the_model_s_own_numbers_keeps_the_weight_fix():
    """No caller passes the count (the model's own constructor writes it): reported at the F.conv2d,
    the fix the weight's shape torch takes."""
    source = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 32, 3, padding=1)
        self.w = torch.ones(8, 16, 3, 3)

    def forward(self, x):
        return F.conv2d(self.stem(x), self.w, padding=1)
'''
    with pytest.raises(RuntimeError):
        module_shapes(built(source, "own.py"), SIZE)
    (error,) = _errors(source, "own.py")
    assert error.code == "CL103"
    assert error.fix == "Give the weight 32 input channels: a weight of shape (8, 32, 3, 3), as F.conv2d takes it"
    assert torch.nn.functional.conv2d(torch.zeros(2, 32, 8, 8), torch.ones(8, 32, 3, 3)).shape[1] == 8
