"""The input before any layer gives it its rank, joined with its own reduction with keepdim=True
(a decomposition net's max map beside the image, `torch.cat((torch.max(x, 1, keepdim=True)[0], x),
1)`): along the reduced dim the cat has the input's count plus 1, so the first conv's in_channels
tells the input's channels; along another dim torch needs the input's reduced dim to be 1, so a
first conv wanting more there fails for every input."""

from __future__ import annotations

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_shapes_equal_torch, built, filled, module_shapes
from tests.source_lines import line_of

SOURCE = """
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, channel=16):
        super().__init__()
        self.conv0 = nn.Conv2d(WIDTH, channel, 9, padding=4)
        self.recon = nn.Conv2d(channel, 4, 3, padding=1)

    def forward(self, x):
        x_max = REDUCTION
        img = torch.cat((x_max, x), dim=CAT_DIM)
        out = self.recon(self.conv0(img))
        return torch.sigmoid(out[:, 0:3]), torch.sigmoid(out[:, 3:4])
"""

REDUCTIONS = {
    "max": "torch.max(x, dim=1, keepdim=True)[0]",
    "method": "x.max(1, keepdim=True)[0]",
    "mean": "x.mean(1, keepdim=True)",
}


def _source(reduction: str, width: str, cat_dim: str) -> str:
    return filled(SOURCE, {"REDUCTION": REDUCTIONS[reduction], "WIDTH": width, "CAT_DIM": cat_dim})


def _errors(source: str) -> set:
    return {(d.code, d.span.line) for d in lint_text(source, "decom.py", Settings()).diagnostics
            if d.severity == "error"}


@pytest.mark.parametrize("reduction", sorted(REDUCTIONS))
def test_the_first_conv_tells_the_channels_of_an_input_joined_with_its_reduction(reduction):
    source = _source(reduction, "4", "1")
    result = lint_text(source, "decom.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "Net"]
    assert model.input_shape.rank == 4 and model.input_shape.dims[1] == 3
    assert_shapes_equal_torch(source, (2, 3, 32, 32), "decom.py")


def test_a_first_conv_one_short_gives_the_input_one_channel_less_and_stays_quiet():
    # Conv2d(3, ...) after the max map: a 2-channel input runs; no size given, nothing to report
    source = _source("max", "3", "1")
    assert _errors(source) == set()
    module_shapes(built(source, "decom.py"), (2, 2, 32, 32))


@pytest.mark.parametrize("reduction", sorted(REDUCTIONS))
def test_a_cat_along_the_batch_beside_a_conv_wanting_more_than_one_channel_fails_for_every_input(reduction):
    source = _source(reduction, "4", "0")
    for channels in (1, 2, 3, 4):  # the cat needs 1 channel, the conv then wants 4
        with pytest.raises(RuntimeError):
            module_shapes(built(source, "decom.py"), (2, channels, 32, 32))
    assert ("CL103", line_of(source, "self.conv0 = ")) in _errors(source)


LINEAR_FIRST = """
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 8)

    def forward(self, x):
        return self.fc(torch.cat((x.mean(1, keepdim=True), x), dim=0))
"""


def test_a_linear_first_tells_no_rank_so_a_cat_with_a_reduction_is_not_judged():
    # (2, 1, 4) runs: the mean over the steps is 1 there, as the input's
    assert _errors(LINEAR_FIRST) == set()
    module_shapes(built(LINEAR_FIRST, "head.py"), (2, 1, 4))
