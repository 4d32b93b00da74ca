"""A width a model passes to a block's constructor (`self.pyramid = Pyramid(128, 256)` where the
trunk gives 256) that the block hands on through a helper method called in a comprehension
(`nn.ModuleList([self._stage(channels, b) for b in bins])`) is reported at the construction call
where the number is written, as it is when the block builds its convs in the comprehension
itself, though the width that arrives is the call's other argument: the helper reading that one
would still leave the block's fuse conv refusing its cat, the call's number given the width
that arrives runs the model. Against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_shapes_equal_torch, built, filled, module_shapes

PYRAMID = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Pyramid(nn.Module):
    def __init__(self, channels, reduced, bins=(1, 3)):
        super().__init__()
        self.stages = nn.ModuleList([STAGES for b in bins])
        self.fuse = nn.Conv2d(channels * 2, reduced, 3, padding=1)

    def _stage(self, channels, b):
        return nn.Sequential(nn.AdaptiveAvgPool2d(b), nn.Conv2d(channels, channels, 1))

    def forward(self, x):
        h, w = x.shape[2:]
        pooled = [F.interpolate(stage(x), size=(h, w), mode="nearest") for stage in self.stages]
        return self.fuse(torch.cat([pooled[0] + pooled[1], x], 1))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.trunk = nn.Conv2d(3, 256, 3, stride=2, padding=1)
        self.pyramid = Pyramid(WIDTH, 256)
        self.head = nn.Conv2d(256, 2, 1)

    def forward(self, x):
        return self.head(self.pyramid(self.trunk(x)))


if __name__ == "__main__":
    Net()(torch.randn(2, 3, 40, 40))
'''

HELPER = "self._stage(channels, b)"
INLINE = "nn.Sequential(nn.AdaptiveAvgPool2d(b), nn.Conv2d(channels, channels, 1))"


@pytest.mark.parametrize("stages", [HELPER, INLINE])
def test_the_width_passed_to_the_block_is_reported_at_the_construction(stages):
    source = filled(PYRAMID, {"STAGES": stages, "WIDTH": "128"})
    with pytest.raises(RuntimeError):
        module_shapes(built(source, "pyramid.py"), (2, 3, 40, 40))
    errors = [d for d in lint_text(source, "pyramid.py", Settings()).diagnostics if d.severity == "error"]
    construction, stage = line_of(source, "Pyramid(128, 256)"), line_of(source, "nn.ModuleList(")
    at = {d.span.line for d in errors if d.layer.startswith("pyramid.stages.")}
    assert at == {construction}
    # the layer refusing the width is named, the helper's call kept on the way
    (first, *_) = [d for d in errors if d.layer.startswith("pyramid.stages.")]
    assert any(s.line == line_of(source, "nn.Conv2d(channels, channels, 1)") for s in first.related)
    assert stage not in {d.span.line for d in errors}


def test_the_right_width_is_clean_and_matches_torch():
    source = filled(PYRAMID, {"STAGES": HELPER, "WIDTH": "256"})
    assert_shapes_equal_torch(source, (2, 3, 40, 40), "pyramid.py")
    assert not [d for d in lint_text(source, "pyramid.py", Settings()).diagnostics if d.severity == "error"]
