"""An assert in forward() on a size a layer made (`b, c, h, w = x.size(); assert h == 1` of a
CRNN) that fails for the input the code feeds: CL111 at the layer that made that size."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import filled

torch = pytest.importorskip("torch")

READER = '''
import torch
import torch.nn as nn


class Reader(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 16, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(2, 2))
        self.collapse = nn.MaxPool2d((KERNEL, 3), (1, 1), (0, 1))
        self.head = nn.Conv2d(16, 10, 1)

    def forward(self, x):
        x = self.head(self.collapse(self.features(x)))ASSERT
        return x.squeeze(2).permute(2, 0, 1)


if __name__ == "__main__":
    Reader()(torch.randn(2, 3, 10, 40))
'''

ASSERTS = {
    "unpacked": "\n        b, c, h, w = x.size()\n        assert h == 1, 'the height of conv must be 1'",
    "unpacked-shape": "\n        _, _, h, _ = x.shape\n        assert 1 == h",
    "size-call": "\n        assert x.size(2) == 1",
    "shape-item": "\n        assert x.shape[-2] == 1",
    "named-size": "\n        h = x.size(2)\n        assert h == 1",
}


def _run(source):
    exec(compile(source, "reader.py", "exec"), {"__name__": "__main__"})


@pytest.mark.parametrize("form", ASSERTS)
def test_a_failed_assert_on_a_layer_s_size_is_reported_at_that_layer(form):
    source = READER.replace("ASSERT", ASSERTS[form])
    wrong, right = filled(source, {"KERNEL": "4"}), filled(source, {"KERNEL": "5"})
    with pytest.raises(AssertionError):
        _run(wrong)
    _run(right)
    found = [d for d in lint_text(wrong, "reader.py", Settings()).diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in found] == [("CL111", 10)]
    assert "gives a height of 2, but the assert on line" in found[0].message
    assert [d for d in lint_text(right, "reader.py", Settings()).diagnostics if d.severity == "error"] == []


def test_an_assert_on_the_input_s_own_size_blames_no_layer():
    # (the input fed is 10 tall; the assert is on the input itself: no layer made that size)
    source = filled(READER, {"KERNEL": "5", "ASSERT": ""}).replace(
        "        x = self.head(", "        assert x.size(2) == 12\n        x = self.head(")
    with pytest.raises(AssertionError):
        _run(source)
    assert not [d for d in lint_text(source, "reader.py", Settings()).diagnostics if d.code == "CL111"]


def test_a_size_read_before_the_tensor_is_rebound_is_not_blamed_on_the_new_one():
    # h is read from the input (10 tall), x is rebound after: the assert is not about x's height
    source = filled(READER, {"KERNEL": "4", "ASSERT": ""}).replace(
        "        x = self.head(", "        h = x.size(2)\n        x = self.head(").replace(
        "        return x.squeeze(2)", "        assert h == 2\n        return x.squeeze(2)")
    with pytest.raises(AssertionError):
        _run(source)
    assert not [d for d in lint_text(source, "reader.py", Settings()).diagnostics if d.code == "CL111"]
