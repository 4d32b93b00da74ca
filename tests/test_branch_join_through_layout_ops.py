"""A join of branches of one input (a selective-kernel block's `torch.cat([conv(x).unsqueeze(1) for
conv in self.convs], 1)`, a `torch.stack` of them) broken by one branch's conv whose padding does
not follow its dilation: reported at that conv's line, as for a cat of the branches themselves,
the path followed through the ops that only move or add dims left of the differing one
(unsqueeze, a view keeping the trailing dims, a transpose of the leading dims). torch.stack of
sizes no input makes equal is refused as torch refuses it. Each checked against torch: the
edited variant raises, the written one runs and stays clean."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes
from tests.source_lines import line_of

SELECTIVE_KERNEL = '''
import torch
import torch.nn as nn


class SelectiveKernel(nn.Module):
    def __init__(self, c, branches=BRANCHES):
        super().__init__()
        self.convs = nn.ModuleList([
            nn.Conv2d(c, c, 3, dilation=i + 1, padding=PADDING)
            for i in range(branches)])

    def forward(self, x):
        JOIN
        return feats.sum(1)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.sk = SelectiveKernel(16)

    def forward(self, x):
        return self.sk(self.stem(x))
'''

JOINS = {
    "plain": "feats = torch.cat([conv(x) for conv in self.convs], dim=1)",
    "unsqueeze": "feats = torch.cat([conv(x).unsqueeze(1) for conv in self.convs], dim=1)",
    "activated": "feats = torch.cat([torch.relu(conv(x)).unsqueeze(1) for conv in self.convs], dim=1)",
    "transposed": "feats = torch.cat([conv(x).unsqueeze(0).transpose(0, 1) for conv in self.convs], dim=1)",
    "viewed": "feats = torch.cat([conv(x).view(x.size(0), 1, x.size(1), conv(x).size(2), conv(x).size(3)) "
              "for conv in self.convs], dim=1)",
    "stack": "feats = torch.stack([conv(x) for conv in self.convs], dim=1)",
}

CONV_LINE = 10


def _source(join: str, padding: str, branches: int = 2) -> str:
    return filled(SELECTIVE_KERNEL, {"JOIN": JOINS[join], "PADDING": padding, "BRANCHES": str(branches)})


def _errors(source: str, **settings) -> list:
    return [d for d in lint_text(source, "sk.py", Settings(**settings)).diagnostics if d.severity == "error"]


@pytest.mark.parametrize("join", sorted(JOINS))
@pytest.mark.parametrize("branches", [2, 3])
def test_the_branch_conv_that_shrinks_the_map_is_blamed_at_its_line(join, branches):
    source = _source(join, "1", branches)
    assert line_of(source, "dilation=i + 1") == CONV_LINE
    for settings in ({}, {"input_shapes": {"Net": (2, 3, 32, 32)}}):
        errors = _errors(source, **settings)
        assert [(d.code, d.span.line) for d in errors] == [("CL107", CONV_LINE)], errors
        (error,) = errors
        assert "sk.convs.1" in error.message and "turns the height" in error.message
        assert line_of(source, "feats = torch.") in {span.line for span in error.related}
        assert "padding=2" in error.fix


@pytest.mark.parametrize("join", sorted(JOINS))
@pytest.mark.parametrize("branches", [2, 3])
def test_the_padding_that_follows_the_dilation_is_clean(join, branches):
    source = _source(join, "i + 1", branches)
    assert _errors(source) == [] and _errors(source, input_shapes={"Net": (2, 3, 32, 32)}) == []


@pytest.mark.parametrize("join", sorted(JOINS))
@pytest.mark.parametrize("branches", [2, 3])
def test_torch_refuses_the_shrinking_branch_and_runs_the_written_one(join, branches):
    with pytest.raises(RuntimeError):
        module_shapes(built(_source(join, "1", branches), "sk.py"), (2, 3, 32, 32))
    module_shapes(built(_source(join, "i + 1", branches), "sk.py"), (2, 3, 32, 32))


TWO_BRANCHES = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 8, 3, padding=1)
        self.b = nn.Conv2d(3, 8, 5, padding=PADDING)

    def forward(self, x):
        return torch.stack([self.a(x), self.b(x)], dim=-1).mean(-1)
'''


def test_a_stack_of_branches_of_sizes_no_input_makes_equal_is_refused_at_the_conv():
    """Before, a stack of tensors not surely of one shape was left unknown and never judged."""
    source = filled(TWO_BRANCHES, {"PADDING": "1"})
    with pytest.raises(RuntimeError, match="stack expects each tensor to be equal size"):
        module_shapes(built(source, "two.py"), (2, 3, 32, 32))
    (error,) = _errors(source)
    assert (error.code, error.span.line) == ("CL107", line_of(source, "self.b = "))
    assert "torch.stack" in error.message and "stack expects each tensor to be equal size" in error.message
    fixed = filled(TWO_BRANCHES, {"PADDING": "2"})
    module_shapes(built(fixed, "two.py"), (2, 3, 32, 32))
    assert _errors(fixed) == []


def test_a_stack_of_sizes_that_may_be_equal_is_not_judged():
    """Two inputs of sizes not known: the stack may run, so nothing is claimed."""
    source = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 8, 3, padding=1)

    def forward(self, x, y):
        return torch.stack([self.a(x), self.a(y)], dim=1)
'''
    assert _errors(source) == []
