"""A model whose first block asks the input's rank before any layer has set it (`if x.dim() == 2:
x = x.unsqueeze(-1)`, speaker and signal nets taking (N, C) or (N, C, L)): the branch taken first
is a guess, so the rank it settled on is not the model's. convlint runs it again on the dims its
first layer takes as they come; a rank under which the model itself fails is never reported."""

from __future__ import annotations

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, filled

RANK_TEST = {
    "dim": "x.dim() == 2",
    "ndim": "x.ndim == 2",
    "len": "len(x.shape) == 2",
    "ndimension": "x.ndimension() == 2",
}

SOURCE = """
import torch
import torch.nn as nn


class Dense(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.linear = nn.Conv1d(cin, cout, 1, bias=False)
        self.bn = nn.BatchNorm1d(cout)

    def forward(self, x):
        if RANK_TEST:
            return self.bn(self.linear(x.unsqueeze(-1))).squeeze(-1)
        return self.bn(self.linear(x))


class Pool(nn.Module):
    def forward(self, x):
        return torch.cat([x.mean(-1), x.amax(-1)], dim=-1)


class Net(nn.Module):
    def __init__(self, feat=24, width=16):
        super().__init__()
        self.body = nn.Sequential()
        channels = width
        for i in range(2):
            self.body.add_module('up%d' % i, Dense(channels if i else feat, channels * 2))
            channels = channels * 2
        self.body.add_module('pool', Pool())
        self.body.add_module('head', Dense(HEAD_WIDTH, 8))

    def forward(self, x):
        return self.body(x)
"""


@pytest.mark.parametrize("test", sorted(RANK_TEST))
def test_a_rank_read_before_any_layer_is_no_false_error(test):
    source = filled(SOURCE, {"RANK_TEST": RANK_TEST[test], "HEAD_WIDTH": "128"})
    result = lint_text(source, "speaker.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "Net"]
    assert model.input_shape.rank == 3  # (N, 24, L): what the first conv takes as it comes


def test_shapes_equal_torch_on_the_rank_the_model_takes():
    source = filled(SOURCE, {"RANK_TEST": RANK_TEST["dim"], "HEAD_WIDTH": "128"})
    assert_shapes_equal_torch(source, (2, 24, 50), "speaker.py")


def test_a_wrong_width_after_the_rank_test_is_found_at_its_line():
    source = filled(SOURCE, {"RANK_TEST": RANK_TEST["dim"]})
    line = next(i for i, text in enumerate(source.splitlines(), 1) if "HEAD_WIDTH" in text)
    assert_bug_found_at_its_line(source, {"HEAD_WIDTH": "128"}, {"HEAD_WIDTH": "64"},
                                 (2, 24, 50), line, "CL103", "speaker.py")


# an nn.Linear first takes an input of any rank: (N, D) is a choice, (N, L, D) as likely
SEQUENCE_HEAD = """
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, n_classes=3, d_in=6, seq_len=50):
        super().__init__()
        self.proj = nn.Linear(d_in, 32)
        self.mix = nn.Linear(WIDTH, 32)
        self.fc = nn.Linear(seq_len * 32, n_classes)

    def forward(self, x):
        return self.fc(torch.flatten(self.mix(torch.relu(self.proj(x))), 1))
"""


def test_a_head_over_the_steps_of_a_linear_first_model_is_no_false_error():
    source = filled(SEQUENCE_HEAD, {"WIDTH": "32"})
    result = lint_text(source, "sequence.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert_shapes_equal_torch(source, (2, 50, 6), "sequence.py")


def test_an_error_of_a_linear_first_model_met_at_every_rank_is_found():
    source = SEQUENCE_HEAD
    line = next(i for i, text in enumerate(source.splitlines(), 1) if "WIDTH" in text)
    assert_bug_found_at_its_line(source, {"WIDTH": "32"}, {"WIDTH": "16"}, (2, 50, 6), line, "CL101", "sequence.py")


# a rank the model asserts is no guess: a waveform (N, L) made (N, 1, L) for a pre-emphasis filter
ASSERTED_RANK = """
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("taps", torch.FloatTensor([-0.97, 1.0]).unsqueeze(0).unsqueeze(0))
        self.conv = nn.Conv1d(1, 8, 3, padding=1)

    def forward(self, x):
        assert len(x.size()) == 2, "a batch of waveforms"
        x = x.unsqueeze(1)
        x = F.pad(x, (1, 0), "reflect")
        return self.conv(F.conv1d(x, self.taps))
"""


def test_a_rank_the_model_asserts_is_kept():
    result = lint_text(ASSERTED_RANK, "waveform.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "Net"]
    assert model.input_shape.rank == 2
    assert_shapes_equal_torch(ASSERTED_RANK, (2, 100), "waveform.py")


SPACE_TO_DEPTH = """
import torch
import torch.nn as nn


def space_to_depth(y, factor):
    b, c, h, w = y.shape
    parts = []
    for i in range(factor):
        for j in range(factor):
            parts.append(y[:, :, i::factor, j::factor])
    return torch.cat(parts, dim=1)


class SpaceToDepth(nn.Module):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return space_to_depth(x, self.factor)


class Down(nn.Module):
    def __init__(self, cin=3, cout=16):
        super().__init__()
        self.layer = nn.Sequential(SpaceToDepth(2), nn.Conv2d(cin * 4, cout, 1))

    def forward(self, x):
        return self.layer(x)
"""


def test_sizes_read_while_the_rank_is_open_leave_the_shapes_after_them_listed_as_not_followed():
    """`b, c, *sides = y.shape` runs on any rank from 2 on: nothing sets the input's."""
    source = SPACE_TO_DEPTH.replace("b, c, h, w = y.shape", "b, c, *sides = y.shape")
    result = lint_text(source, "down.py", Settings())
    (model,) = [m for m in result.models if m.name == "Down"]
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert any("number of dims is not known" in u.why for u in model.unresolved)


def test_the_input_own_sizes_unpacked_to_four_names_give_it_four_dims():
    """`b, c, h, w = y.shape` runs on a 4-d input and on no other: with no layer to set the rank
    (the space-to-depth before the first conv), the input is N x C x H x W and the shapes after it
    are followed (checked against torch in test_input_reshaped_first.py)."""
    result = lint_text(SPACE_TO_DEPTH, "down.py", Settings())
    (model,) = [m for m in result.models if m.name == "Down"]
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert model.input_shape.rank == 4
    assert not any("number of dims is not known" in u.why for u in model.unresolved)
    assert all(call.output.shape.dims is not None for call in model.calls)


# a speech separation encoder taking (T,) or (B, T) waveforms: forward refuses 3-d input by a guard
# before it unsqueezes the channel the first Conv1d reads (its guessed input, N x 1 x L, is refused)
GUARDED = """
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, in_channels=1, out_channels=64, bottleneck=16, kernel_size=16):
        super().__init__()
        self.encoder = nn.Conv1d(in_channels, out_channels, kernel_size, kernel_size // 2, padding=0)
        self.conv1x1 = nn.Conv1d(WIDTH, bottleneck, 1)

    def forward(self, x):
        GUARD
        if x.dim() == 1:
            x = torch.unsqueeze(x, 0)
        if x.dim() == 2:
            x = torch.unsqueeze(x, 1)
        x = self.encoder(x)
        return self.conv1x1(x)
"""
GUARDED_LINE = 10
GUARDS = [
    "if x.dim() >= 3:\n            raise RuntimeError('accept 1/2D tensor as input, but got {:d}'.format(x.dim()))",
    "if x.dim() not in [1, 2]:\n            raise RuntimeError('1-D or 2-D input')",
    "if x.dim() != 2:\n            raise ValueError('a batch of waveforms')",
    "if len(x.shape) > 2:\n            raise RuntimeError('1-D or 2-D input')",
    "assert x.dim() == 2",
]


def _guarded(guard: str) -> str:
    return GUARDED.replace("GUARD", guard)


@pytest.mark.parametrize("guard", GUARDS)
def test_a_guessed_rank_forward_refuses_by_a_guard_is_chosen_again_from_fewer_dims(guard):
    """Every path raises on N x 1 x L: no layer is unused (CL207), the input is N x L, that forward
    unsqueezes itself; a 1x1 conv given the wrong width after it is found at its line."""
    source = _guarded(guard)
    clean = assert_bug_found_at_its_line(source, {"WIDTH": "out_channels"}, {"WIDTH": "32"}, (2, 1000),
                                         GUARDED_LINE, "CL103", "encoder.py")
    assert clean.diagnostics == []
    (model,) = clean.models
    assert model.input_shape.rank == 2
    assert_shapes_equal_torch(filled(source, {"WIDTH": "out_channels"}), (2, 1000), "encoder.py")


def test_a_guard_that_refuses_every_rank_tried_leaves_no_findings_only_a_note():
    """`x.dim() >= 2` refuses N x 1 x L and N x L alike: not rerun on either (its findings would be
    those of an input forward stops on), and listed."""
    source = filled(_guarded("if x.dim() >= 2:\n            raise RuntimeError('1-D input')"),
                    {"WIDTH": "out_channels"})
    result = lint_text(source, "encoder.py", Settings())
    assert [d.code for d in result.diagnostics] == []
    assert any("forward() refuses an input of Nx1xL" in u.why for u in result.models[0].unresolved)
