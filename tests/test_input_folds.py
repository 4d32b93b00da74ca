"""`x = x.flatten(0, 1)` (or torch.flatten(x, 0, 1)) at the start of forward: video and multi-view
nets fold a clip's frames or a stack of views (B x T x C x H x W) into the batch before their
2-D convs. Before the first layer the input's rank is not known; the fold is applied once that
layer tells it, so the sizes after it stay symbolic (they were unknown: a skip joined at another size or a
head counted for another size went unchecked without an input size)."""

from __future__ import annotations

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, filled

FOLDS = {
    "method": "x.flatten(0, 1)",
    "function": "torch.flatten(x, 0, 1)",
    "keywords": "x.flatten(start_dim=0, end_dim=1)",
}

SOURCE = """
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.body = nn.Conv2d(8, 8, 3, padding=PAD)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.head = nn.Linear(16, 5)

    def forward(self, x):
        x = FOLD
        x = self.stem(x)
        x = torch.cat([x, self.body(x)], 1)
        return self.head(self.pool(x).flatten(1))
"""


@pytest.mark.parametrize("fold", sorted(FOLDS))
def test_a_join_after_the_fold_is_checked_with_no_input_size(fold):
    source = filled(SOURCE, {"FOLD": FOLDS[fold]})
    clean = assert_bug_found_at_its_line(source, {"PAD": "1"}, {"PAD": "0"}, (2, 4, 3, 16, 16),
                                         line_of(source, "padding=PAD"), "CL107", "clips.py")
    (model,) = [m for m in clean.models if m.name == "Net"]
    assert model.input_shape.rank == 5
    stem = next(c for c in model.calls if c.node.path == "stem")
    assert [str(d) for d in stem.output.shape.dims[1:]] == ["8", "H", "W"]


@pytest.mark.parametrize("size", [(2, 4, 3, 16, 16), (1, 1, 3, 9, 7)])
def test_shapes_equal_torch_for_a_clip(size):
    assert_shapes_equal_torch(filled(SOURCE, {"FOLD": FOLDS["method"], "PAD": "1"}), size, "clips.py")


def test_a_fold_of_the_channels_of_a_spectrogram_leaves_the_width_unknown_not_wrong():
    source = """
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(64, 16, 3)

    def forward(self, x):
        x = x.flatten(1, 2)
        return self.conv(x)
"""
    result = lint_text(source, "spectrogram.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = result.models
    assert model.input_shape.rank == 4
