"""An nn.Sequential subclass whose layers take and give a pair (a dense block's `(x, skip)`, the
layer's own forward unpacking it and calling `super().forward(x1)`): the pair goes from child to
child as torch passes it, so the layers inside get shapes, what follows the block is checked, and
none of them is called unused."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_shapes_equal_torch, built, module_shapes

DENSE = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class PairLayer(nn.Sequential):
    def __init__(self, cin, cout):
        super().__init__()
        self.add_module("conv1", nn.Conv2d(cin, cout, 3, padding=2))
        self.add_module("conv2", nn.Conv2d(cout, cout, 3))

    def forward(self, x):
        x1, x2 = x
        new = super().forward(F.relu(x1))
        return 0.5 * (new + x2), x2


class PairBlock(nn.Sequential):
    def __init__(self, n, cin, cout):
        super().__init__()
        for i in range(n):
            self.add_module("layer%d" % i, PairLayer(cin, cout))
            cin = cout
BLOCK_FORWARD

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.skip = nn.Conv2d(8, 16, 1)
        self.block = PairBlock(2, 8, 16)
        self.head = nn.Conv2d(WIDTH, 4, 1)

    def forward(self, x):
        CALL
'''

FORMS = {  # no forward of its own, called with a list / a tuple; its forward passing the pair to super()
    "list": ("", "out, _ = self.block([x, self.skip(x)])\n        return self.head(out)"),
    "tuple": ("", "out, _ = self.block((x, self.skip(x)))\n        return self.head(out)"),
    "super": ("\n    def forward(self, x, skip):\n        out, _ = super().forward((x, skip))\n        return out\n",
              "return self.head(self.block(x, self.skip(x)))"),
}


def _source(form: str, width: str) -> str:
    block_forward, call = FORMS[form]
    return DENSE.replace("BLOCK_FORWARD", block_forward).replace("CALL", call).replace("WIDTH", width)


@pytest.mark.parametrize("form", list(FORMS))
def test_the_pair_runs_through_the_children(form):
    source = _source(form, "16")
    result = lint_text(source, "dense.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error" or d.code == "CL207"]
    assert_shapes_equal_torch(source, (2, 8, 8, 8), "dense.py")
    result = lint_text(source, "dense.py", Settings(input_shapes={"Net": (2, 8, 8, 8)}))
    (model,) = [m for m in result.models if m.name == "Net"]
    shapes = {c.node.path: c.output.shape.dims for c in model.calls}
    assert shapes["block.layer1.conv1"] == (2, 16, 10, 10) and shapes["head"] == (2, 4, 8, 8)


@pytest.mark.parametrize("form", list(FORMS))
def test_a_head_of_the_wrong_width_after_the_block(form):
    wrong = _source(form, "8")
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="to have 8 channels, but got 16"):
        built(wrong, "dense.py")(torch.zeros(2, 8, 8, 8))
    found = {(d.code, d.span.line) for d in lint_text(wrong, "dense.py", Settings()).diagnostics
             if d.severity == "error"}
    assert found == {("CL103", line_of(wrong, "self.head = nn.Conv2d("))}
    assert module_shapes(built(_source(form, "16"), "dense.py"), (2, 8, 8, 8))["head"] == (2, 4, 8, 8)
