"""math.prod of a list, a tuple or a comprehension of known ints (a VAE's flatten size,
`math.prod([128] + [d // 8 for d in img_shape[1:]])`) is their product, as Python gives it, so the
Linear it sizes is checked; math.prod of nothing is its start (1), and of an item not known the
width stays unknown. Checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes

NAME = "prod_vae.py"
SOURCE = '''\
import math
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, latent=16):
        super().__init__()
        img_shape = (3, 32, 32)
        self.conv1 = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.conv2 = nn.Conv2d(8, 16, 3, stride=2, padding=1)
        self.conv3 = nn.Conv2d(16, 32, 3, stride=2, padding=1)
        out_shape = [32] + [d // DIVISOR for d in img_shape[1:]]
        self.mu = nn.Linear(math.prod(out_shape), latent)
        self.up = nn.Linear(latent, math.prod(out_shape))
        self.out_shape = out_shape

    def forward(self, x):
        x = self.conv3(self.conv2(self.conv1(x)))
        z = self.mu(torch.flatten(x, 1))
        return self.up(z).view(-1, *self.out_shape)
'''


def test_a_flatten_size_of_math_prod_of_a_comprehension_is_checked():
    wrong = filled(SOURCE, {"DIVISOR": "4"})  # // 4 for three stride-2 convs
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="cannot be multiplied"):
        built(wrong, NAME)(torch.zeros(2, 3, 32, 32))
    given = lint_text(wrong, NAME, Settings(input_shapes={"Net": (2, 3, 32, 32)})).diagnostics
    assert [(d.code, d.span.line) for d in given if d.severity == "error"] == [("CL101", 14)]
    assert "expects 2048 input features, but conv3 gives 32 x 4 x 4 = 512" in given[0].message
    # with no size given, the width fits only some inputs, said at the Linear
    assert [(d.code, d.span.line) for d in lint_text(wrong, NAME, Settings()).diagnostics] == [("CL211", 14)]


def test_the_right_size_gives_torch_s_shapes():
    source = filled(SOURCE, {"DIVISOR": "8"})
    result = lint_text(source, NAME, Settings(input_shapes={"Net": (2, 3, 32, 32)}))
    assert [d for d in result.diagnostics if d.severity in ("error", "warning")] == []
    (model,) = result.models
    predicted = {c.node.path: tuple(c.output.shape.dims) for c in model.calls}
    shapes = module_shapes(built(source, NAME), (2, 3, 32, 32))
    assert predicted["mu"] == shapes["mu"] == (2, 16)
    assert predicted["up"] == shapes["up"] == (2, 512)


@pytest.mark.parametrize("written, value", [
    ("math.prod([])", 1),
    ("math.prod((), start=4)", 4),
    ("math.prod((2, 3), start=5)", 30),
    ("math.prod(d * 2 for d in (2, 4))", 32),
])
def test_math_prod_gives_python_s_value(written, value):
    assert eval(written, {"math": __import__("math")}) == value
    source = f'''\
import math
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear({written}, 3)

    def forward(self, x):
        return self.fc(x)
'''
    result = lint_text(source, NAME, Settings(input_shapes={"Net": (2, value)}))
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    wrong = lint_text(source, NAME, Settings(input_shapes={"Net": (2, value + 1)}))
    assert "CL101" in {d.code for d in wrong.diagnostics if d.severity == "error"}


def test_math_prod_of_an_item_not_known_stays_unknown():
    source = filled(SOURCE, {"DIVISOR": "4", "img_shape = (3, 32, 32)": "img_shape = (3, size, size)",
                             "latent=16": "size, latent=16"})
    assert [d for d in lint_text(source, NAME, Settings()).diagnostics if d.severity == "error"] == []
