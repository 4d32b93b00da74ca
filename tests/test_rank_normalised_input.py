"""An audio net whose forward first normalises the rank of its input (`if len(x.shape) == 2:
x = x.unsqueeze(1)`, then `B, C, L = x.shape`) before its first Conv1d: of the two paths, the one
that leaves the input as it came is the one of the rank the conv takes, so the sizes after the
test are known, the batch among them, and a bug past it (a multi-head attention's output layer
given one head's width) is found where it is written. A product of tensors whose batch is not
known (torch.matmul, torch.bmm) still gives its rank and matrix sizes."""

from __future__ import annotations

import pytest

from convlint import shapes
from convlint.pipeline import Settings, lint_text
from convlint.values import Sym, Unknown
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, built, filled
from tests.source_lines import line_of

ATTENTION = """
import torch
import torch.nn as nn
import torch.nn.functional as F


class MultiHeadAttention(nn.Module):
    def __init__(self, n_head=4, d_model=32, d_k=8, d_v=8):
        super().__init__()
        self.n_head, self.d_k, self.d_v = n_head, d_k, d_v
        self.w_qs = nn.Linear(d_model, n_head * d_k, bias=False)
        self.w_ks = nn.Linear(d_model, n_head * d_k, bias=False)
        self.w_vs = nn.Linear(d_model, n_head * d_v, bias=False)
        self.fc = nn.Linear(FC_IN, d_model, bias=False)

    def forward(self, q, k, v, sz_b=None):
        d_k, d_v, n_head = self.d_k, self.d_v, self.n_head
        sz_b = q.size(0) if sz_b is None else sz_b
        len_q, len_k, len_v = q.size(1), k.size(1), v.size(1)
        q = self.w_qs(q).view(sz_b, len_q, n_head, d_k).transpose(1, 2)
        k = self.w_ks(k).view(sz_b, len_k, n_head, d_k).transpose(1, 2)
        v = self.w_vs(v).view(sz_b, len_v, n_head, d_v).transpose(1, 2)
        attn = F.softmax(torch.matmul(q / d_k ** 0.5, k.transpose(2, 3)), dim=-1)
        q = torch.matmul(attn, v)
        q = q.transpose(1, 2).contiguous().view(sz_b, len_q, MERGED)
        return self.fc(q)
"""

NORMALISED = ATTENTION + """

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Conv1d(1, 64, kernel_size=4, stride=2)
        self.conv1 = nn.Conv1d(64, 32, kernel_size=1)
        self.attn = MultiHeadAttention()
        self.conv2 = nn.Conv1d(32, 64, kernel_size=1)

    def forward(self, audio):
        if RANK_TEST:
            audio = NORMALISE
        B, C, L = audio.shape
        x = self.enc(audio)
        x = self.conv1(x).permute(0, 2, 1)
        x = self.attn(x, x, x)
        return self.conv2(x.permute(0, 2, 1))[:, :, :L]
"""

FORMS = {
    "len": ("len(audio.shape) == 2", "audio.unsqueeze(1)"),
    "dim": ("audio.dim() == 2", "audio.unsqueeze(1)"),
    "ndim_index": ("audio.ndim == 2", "audio[:, None]"),
    "not_equal": ("audio.dim() != 3", "audio.unsqueeze(1)"),
}


def _normalised(form: str) -> str:
    test, normalise = FORMS[form]
    return filled(NORMALISED, {"RANK_TEST": test, "NORMALISE": normalise, "MERGED": "-1"})


@pytest.mark.parametrize("form", sorted(FORMS))
def test_a_width_bug_after_a_rank_normalisation_is_found_at_its_line(form):
    source = _normalised(form)
    assert_bug_found_at_its_line(source, {"FC_IN": "n_head * d_v"}, {"FC_IN": "d_v"}, (2, 1, 64),
                                 line_of(source, "FC_IN"), "CL101", "denoiser.py")


@pytest.mark.parametrize("form", sorted(FORMS))
def test_the_input_after_a_rank_normalisation_is_the_one_its_first_conv_takes(form):
    source = filled(_normalised(form), {"FC_IN": "n_head * d_v"})
    result = lint_text(source, "denoiser.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "Net"]
    assert model.input_shape.rank == 3
    assert not any("both paths followed" in u.why for u in model.unresolved)
    torch = pytest.importorskip("torch")
    net = built(source, "denoiser.py")
    assert net(torch.zeros(2, 64)).shape == net(torch.zeros(2, 1, 64)).shape == (2, 64, 31)
    assert_shapes_equal_torch(source, (2, 1, 64), "denoiser.py")


# the path of the rank tested is the one the conv takes (`x.dim() == 3` before a Conv1d): the
# other path gives the conv a rank it takes only unbatched, so nothing after it is claimed
UNBATCHED_ONLY = """
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Conv1d(1, 8, 3)
        self.head = nn.Linear(62, 5)

    def forward(self, x):
        if x.dim() == 3:
            x = x.unsqueeze(1)
        return self.head(self.enc(x))
"""


def test_a_rank_test_whose_other_path_the_first_layer_cannot_take_is_no_false_error():
    result = lint_text(UNBATCHED_ONLY, "unbatched.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    torch = pytest.importorskip("torch")
    net = built(UNBATCHED_ONLY, "unbatched.py")
    assert net(torch.zeros(1, 64)).shape == (8, 5)  # unbatched (C, L) runs; (N, 1, L) would not


# a batch no size gives (`sz_b` a further input's size): the width bug after the products is found,
# the right widths clean
UNKNOWN_BATCH = ATTENTION + """

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Conv1d(1, 32, kernel_size=4, stride=2)
        self.attn = MultiHeadAttention()

    def forward(self, audio, lengths):
        x = self.enc(audio).permute(0, 2, 1)
        return self.attn(x, x, x, sz_b=lengths.size(0))
"""


@pytest.mark.parametrize("fc_in, fails", [("n_head * d_v", False), ("d_v", True)])
def test_matmul_of_tensors_whose_batch_is_not_known_still_checks_what_follows(fc_in, fails):
    source = filled(UNKNOWN_BATCH, {"FC_IN": fc_in, "MERGED": "n_head * d_v"})
    found = {(d.code, d.span.line) for d in lint_text(source, "batch.py", Settings()).diagnostics
             if d.severity == "error"}
    assert found == ({("CL101", line_of(source, "nn.Linear(" + fc_in + ","))} if fails else set())
    torch = pytest.importorskip("torch")
    net = built(source, "batch.py")
    if fails:
        with pytest.raises(RuntimeError):
            net(torch.zeros(2, 1, 64), torch.zeros(2))
    else:
        assert net(torch.zeros(2, 1, 64), torch.zeros(2)).shape == (2, 31, 32)


def test_matmul_shape_keeps_a_batch_not_known_and_checks_the_inner_sizes():
    torch = pytest.importorskip("torch")
    unknown = Unknown("a batch not known")
    result = shapes.matmul_shape((unknown, 4, 7, 8), (unknown, 4, 8, 5))
    assert result[1:] == (4, 7, 5) and isinstance(result[0], Unknown)
    assert tuple(torch.matmul(torch.zeros(2, 4, 7, 8), torch.zeros(2, 4, 8, 5)).shape) == (2, 4, 7, 5)
    # broadcast by rank: the batch of the longer operand, its unknown kept
    result = shapes.matmul_shape((unknown, 4, 7, 8), (8, 5))
    assert result[1:] == (4, 7, 5) and isinstance(result[0], Unknown)
    assert shapes.matmul_shape((unknown, 4, 7, 8), (unknown, 4, 6, 5)) is None  # 8 against 6: not judged here
    assert shapes.matmul_shape((unknown, 4, 7, unknown), (unknown, 4, 8, 5)) is None
    assert shapes.matmul_shape((Sym("N"), 4, 7, 8), (Sym("N"), 4, 8, 5)) == (Sym("N"), 4, 7, 5)
