"""An add of two paths of different strides behind a deep stem (a /16 or /64 downsampling): the
paths meet only where the maps at the add are 1 or 2 pixels, for every input up to 32 (or 128)
pixels. That is an error with no options however deep the stem, as it is behind a /8 one: the
tiny maps at the add, not the input's size, say the sizes are of no use."""

from __future__ import annotations

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, module_shapes

SOURCE = '''
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(*[nn.Conv2d(16, 16, 3, stride=2, padding=1) for _ in range(STAGES)])
        self.body = nn.Conv2d(16, 32, 3, padding=1)
        self.pool = nn.MaxPool2d(kernel_size=3, stride=POOL_STRIDE, padding=1)
        self.short = nn.Conv2d(16, 32, 1, stride=2)

    def forward(self, x):
        x = self.stem(x)
        y = x
        x = self.pool(self.body(x))
        y = self.short(y)
        return x + y
'''
ADD_LINE, LINES = 17, {8, 9, 17}  # the add, or the body or pool line given the stride it lacks


def source(stages: int, pool_stride: int) -> str:
    return SOURCE.replace("STAGES", str(stages)).replace("POOL_STRIDE", str(pool_stride))


@pytest.mark.parametrize("stages", [3, 4, 5, 6])
def test_an_add_meeting_only_at_tiny_maps_behind_a_deep_stem_is_an_error(stages):
    wrong = source(stages, 1)
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="must match the size of tensor b"):
        built(wrong, "deep_stem.py")(torch.zeros(2, 16, 299, 299))
    found = [d for d in lint_text(wrong, "deep_stem.py", Settings()).diagnostics if d.severity == "error"]
    assert [d.code for d in found] == ["CL107"], [d.message for d in found]
    assert found[0].span.line in LINES
    assert "symbolic input" in found[0].message


def test_behind_a_16_stem_the_stride_the_pool_lacks_is_the_line_blamed():
    found = [d for d in lint_text(source(4, 1), "deep_stem.py", Settings()).diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in found] == [("CL107", 8)]
    assert "only inputs of at most 32 pixels along that side run" in found[0].message


@pytest.mark.parametrize("stages", [4, 6])
def test_the_fixed_add_is_clean_and_its_shapes_are_torchs(stages):
    right = source(stages, 2)
    assert not [d for d in lint_text(right, "deep_stem.py", Settings()).diagnostics if d.severity == "error"]
    size = (2, 16, 299, 299)
    result = lint_text(right, "deep_stem.py", Settings(input_shapes={"Net": size}))
    (model,) = result.models
    predicted = {c.node.path: tuple(c.output.shape.dims) for c in model.calls}
    for path, shape in module_shapes(built(right, "deep_stem.py"), size).items():
        assert predicted.get(path) == shape, path


def test_an_add_meeting_at_maps_of_real_size_is_not_pinned():
    # a /64 stem's 1-pixel map added to an /8 one's: they meet for every input up to 64, but there
    # the /8 map is up to 8 pixels: an input size of use may run, nothing is reported
    wrong = SOURCE.replace("STAGES", "3").replace("POOL_STRIDE", "1").replace(
        "self.short = nn.Conv2d(16, 32, 1, stride=2)", "self.short = nn.Sequential(nn.Conv2d(16, 32, 1, stride=8))")
    assert not [d for d in lint_text(wrong, "deep_stem.py", Settings()).diagnostics if d.severity == "error"]
