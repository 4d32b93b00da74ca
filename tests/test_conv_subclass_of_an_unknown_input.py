"""An nn.Conv2d subclass (a partial conv) whose forward calls the base's, given a tensor not
followed (`img, mask = x` of an inpainting net's one input): the base layer's shape rule on a tensor
of unknown shape, as a plain Conv2d gets, so its width still reaches what follows."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, module_shapes

INPAINTING = '''
import torch
import torch.nn as nn


class PartialConv(nn.Conv2d):
    def forward(self, x):
        BODY


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc_img = PartialConv(3, 32, 3, padding=1)
        self.enc_mask = PartialConv(3, 16, 3, padding=1)
        self.fuse = nn.Conv2d(32 + WIDTH, 8, 3, padding=1)

    def forward(self, x):
        img, mask = x
        return self.fuse(torch.cat([self.enc_img(img), self.enc_mask(mask)], dim=1))
'''

BODIES = ["return super().forward(x)", "return super(PartialConv, self).forward(x)",
          "return nn.Conv2d.forward(self, x)", "return torch.relu(super().forward(x * 1.0))"]


def _errors(source: str, shapes=None):
    result = lint_text(source, "pconv.py", Settings(input_shapes=shapes or {}))
    return {(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"}, result


@pytest.mark.parametrize("body", BODIES)
def test_the_base_forward_of_an_unknown_tensor_keeps_the_width(body):
    source = INPAINTING.replace("BODY", body)
    wrong, right = source.replace("WIDTH", "8"), source.replace("WIDTH", "16")
    assert _errors(wrong)[0] == {("CL103", 16)}
    assert _errors(wrong, {"Net": (2, 2, 3, 32, 32)})[0] == {("CL103", 16)}
    found, result = _errors(right)
    assert found == set()
    (model,) = [m for m in result.models if m.name == "Net"]
    assert {c.node.path: str(c.output.shape) for c in model.calls if c.node.path} == {
        "enc_img": "?x32x?x?", "enc_mask": "?x16x?x?", "fuse": "?x8x?x?"}
    assert not [u for u in model.unresolved if "super()" in str(u)]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="to have 40 channels, but got 48"):
        built(wrong, "pconv.py")(torch.zeros(2, 2, 3, 32, 32))
    assert module_shapes(built(right, "pconv.py"), (2, 2, 3, 32, 32))["fuse"] == (2, 8, 32, 32)


def test_a_subclass_without_a_forward_of_its_own():
    source = INPAINTING.replace("    def forward(self, x):\n        BODY\n", "    pass\n", 1)
    assert _errors(source.replace("WIDTH", "8"))[0] == {("CL103", 15)}
    assert _errors(source.replace("WIDTH", "16"))[0] == set()
