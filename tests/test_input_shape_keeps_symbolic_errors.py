"""A block whose required width argument nothing gives, checked on a size given with
--input-shape: its first layer `Conv2d(c, c // 8, 1)` takes the input as it came, so that input
builds it with c = its channels; and whatever the size leaves free, an error met with no options
(for every size and every c) is still one on the size given: giving a size never loses it."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import built, filled

ATTENTION = '''
import torch
import torch.nn as nn


class Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.query = nn.Conv2d(c, c // 8, 1)
        self.key = nn.Conv2d(c, c // 8, 1)
        self.value = nn.Conv2d(c, c, 1)

    def forward(self, f):
        b, ch, h, w = f.size()
        reduced = ch // REDUCE
        q = self.query(f).view(b, reduced, h * w)
        k = self.key(f).view(b, reduced, h * w)
        v = self.value(f).view(b, ch, h * w)
        a = torch.softmax(torch.bmm(k.transpose(1, 2), q), dim=-1)
        return torch.bmm(v, a).view(b, ch, h, w) + f
'''

SIZES = [{}, {"Attention": (2, 64, 16, 16)}, {"": (2, 64, 16, 16)}, {"Attention": (1, 32, 8, 12)}]


def _errors(source: str, shapes: dict) -> set:
    return {(d.code, d.span.line) for d in lint_text(source, "attn.py", Settings(input_shapes=shapes)).diagnostics
            if d.severity == "error"}


@pytest.mark.parametrize("shapes", SIZES)
def test_a_size_given_keeps_the_error_met_for_every_width(shapes):
    wrong = filled(ATTENTION, {"REDUCE": "4"})
    lines = {line_of(wrong, "q = self.query(f).view"), line_of(wrong, "k = self.key(f).view")}
    assert _errors(wrong, shapes) == {("CL102", line) for line in lines}
    assert _errors(filled(ATTENTION, {"REDUCE": "8"}), shapes) == set()
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="is invalid for input of size"):
        built(wrong, "attn.py", lambda ns: ns["Attention"](64))(torch.zeros(2, 64, 16, 16))
    assert built(filled(ATTENTION, {"REDUCE": "8"}), "attn.py",
                 lambda ns: ns["Attention"](64))(torch.zeros(2, 64, 16, 16)).shape == (2, 64, 16, 16)


def test_the_input_named_for_the_block_builds_it_with_its_channels():
    result = lint_text(filled(ATTENTION, {"REDUCE": "4"}), "attn.py",
                       Settings(input_shapes={"Attention": (2, 64, 16, 16)}))
    (model,) = result.models
    assert any("c=64" in a for a in model.assumed)
    assert "view(2, 16, 256)" in " ".join(d.message for d in result.diagnostics)
