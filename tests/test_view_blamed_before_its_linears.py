"""With no input size, a view whose feature count is the one edit that makes the Linears after it
right is reported at the view, not at each Linear: two heads fed one view(-1, K) that agree on
another count a sample can fill (an ACGAN discriminator's real/fake and class heads), and a view
of the input writing its features as a product one number of which was miscopied (an MLP's
`x.view(16, 28 * 27)` before Linear(784, ...)). Where nothing tells the view and a Linear apart,
the Linear is reported as before."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, built, filled, module_shapes
from tests.source_lines import line_of

DISCRIMINATOR = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, ndf, nc, n_classes):
        super().__init__()
        self.act = nn.LeakyReLU(0.2, inplace=True)
        self.conv1 = nn.Conv2d(nc, ndf, 4, 2, 1, bias=False)
        self.conv2 = nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias=False)
        self.conv3 = nn.Conv2d(ndf * 2, ndf * 4, 4, 2, 1, bias=False)
        self.conv4 = nn.Conv2d(ndf * 4, ndf * 8, 4, 2, 1, bias=False)
        self.conv5 = nn.Conv2d(ndf * 8, ndf, 4, 1, 0, bias=False)
        self.disc_linear = nn.Linear(ndf, 1)
        self.aux_linear = nn.Linear(ndf, n_classes)
        self.ndf = ndf

    def forward(self, x):
        x = self.act(self.conv1(x))
        x = self.act(self.conv2(x))
        x = self.act(self.conv3(x))
        x = self.act(self.conv4(x))
        x = self.conv5(x)
        x = x.view(-1, FEATURES)
        return self.disc_linear(x), HEAD(x)
'''


def _netd(namespace: dict):
    return namespace["Net"](16, 3, 10)


def _errors(source: str) -> list:
    return [d for d in lint_text(source, "netd.py", Settings()).diagnostics if d.severity == "error"]


@pytest.mark.parametrize("features", ["self.ndf * 2", "self.ndf * 8 * 4 * 4"])
def test_a_view_every_head_after_it_refuses_is_reported_once_at_the_view(features):
    right = {"FEATURES": "self.ndf", "HEAD": "self.aux_linear"}
    wrong = {"FEATURES": features, "HEAD": "self.aux_linear"}
    source = filled(DISCRIMINATOR, wrong)
    view_line = line_of(source, "x.view(-1,")
    assert_bug_found_at_its_line(DISCRIMINATOR, right, wrong, (2, 3, 64, 64), view_line, "CL101", "netd.py", _netd)
    (error,) = _errors(source)
    assert error.span.line == view_line
    related = {span.line for span in error.related}
    assert {line_of(source, "self.disc_linear = "), line_of(source, "self.aux_linear = ")} <= related
    assert "aux_linear takes ndf too" in error.message
    assert error.fix == "Ask for the ndf features every Linear after it takes: view(-1, ndf)"


def test_the_sizes_known_the_view_already_reported_takes_the_heads_errors():
    """ndf given: the view's rows are a batch change torch makes at the size each head fits (CL102),
    the heads' own errors left to it, as the one edit."""
    source = filled(DISCRIMINATOR, {"FEATURES": "self.ndf * 2", "HEAD": "self.aux_linear"}).replace(
        "def __init__(self, ndf, nc, n_classes)", "def __init__(self, ndf=16, nc=3, n_classes=10)")
    (error,) = _errors(source)
    assert (error.code, error.span.line) == ("CL102", line_of(source, "x.view(-1,"))
    assert {line_of(source, "self.disc_linear = "), line_of(source, "self.aux_linear = ")} <= {s.line for s in error.related}


def test_one_head_or_heads_that_disagree_leave_the_linears_reported():
    """One Linear after the view (here called twice): the view's count or the Linear's may be the
    stale one (at some input size each is right), so the Linear is reported, as before. Two heads
    of different counts agree on nothing the view could be changed to."""
    single = filled(DISCRIMINATOR, {"FEATURES": "self.ndf * 2", "HEAD": "self.disc_linear"})
    assert [d.span.line for d in _errors(single)] == [line_of(single, "self.disc_linear = ")]
    apart = filled(DISCRIMINATOR, {"FEATURES": "self.ndf * 2", "HEAD": "self.aux_linear"}).replace(
        "nn.Linear(ndf, n_classes)", "nn.Linear(ndf * 4, n_classes)")
    assert sorted(d.span.line for d in _errors(apart)) == [line_of(apart, "self.disc_linear = "),
                                                           line_of(apart, "self.aux_linear = ")]


TWO_HEADS = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 4, 2, 1)
        self.fc = nn.Linear(16 * 8 * 8, 10)
        self.aux = nn.Linear(16 * 8 * 8, 1)

    def forward(self, x):
        x = self.conv(x)
        x = x.view(-1, FEATURES)
        return self.fc(x), self.aux(x)
'''


def test_a_view_already_reported_takes_the_errors_of_every_head_it_feeds():
    wrong = {"FEATURES": "16 * 8 * 4"}
    assert_bug_found_at_its_line(TWO_HEADS, {"FEATURES": "16 * 8 * 8"}, wrong, (2, 3, 32, 32), 14, "CL102", "net.py")
    source = filled(TWO_HEADS, wrong)
    (error,) = _errors(source)
    assert (error.code, error.span.line) == ("CL102", 14)
    assert {9, 10} <= {span.line for span in error.related}


MLP = '''
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(IN_FEATURES, 300)
        self.fc2 = nn.Linear(300, 10)

    def forward(self, x):
        x = x.view(BATCH, FEATURES)
        x = F.relu(self.fc1(x))
        return F.log_softmax(self.fc2(x), dim=1)
'''

MLP_VIEW_LINE = 13
MLP_FC1_LINE = 9


@pytest.mark.parametrize("batch", ["16", "-1", "x.size(0)"])
@pytest.mark.parametrize("features", ["28 * 27", "28*26", "1 * 28 * 29"])
def test_a_view_of_the_input_miscopying_one_number_of_the_linears_count_is_reported_at_the_view(batch, features):
    right = {"IN_FEATURES": "784", "BATCH": batch, "FEATURES": "28 * 28"}
    wrong = {**right, "FEATURES": features}
    assert_bug_found_at_its_line(MLP, right, wrong, (16, 1, 28, 28), MLP_VIEW_LINE, "CL101", "mlp.py")
    (error,) = _errors(filled(MLP, wrong))
    assert error.span.line == MLP_VIEW_LINE
    assert error.related[0].line == MLP_FC1_LINE
    assert error.fix == "Write " + {"28 * 27": "28 * 28", "28*26": "28 * 28", "1 * 28 * 29": "1 * 28 * 28"}[features] \
        + ", the features fc1 takes"


@pytest.mark.parametrize(("in_features", "features"), [
    ("784", "756"),  # one number: nothing was miscopied
    ("784", "27 * 27"),  # no one number of the view gives 784 in another's place
    ("756", "28 * 28"),  # the Linear's count is no view number in another's place: it may be the stale one
    ("28 * 28", "28 * 27"),  # (the Linear written as a product too: still its numbers against the view's)
])
def test_a_view_of_the_input_otherwise_leaves_the_linear_reported(in_features, features):
    source = filled(MLP, {"IN_FEATURES": in_features, "BATCH": "16", "FEATURES": features})
    found = [(d.code, d.span.line) for d in _errors(source)]
    if (in_features, features) == ("28 * 28", "28 * 27"):
        assert found == [("CL101", MLP_VIEW_LINE)]
    else:
        assert found == [("CL101", MLP_FC1_LINE)]


def test_torch_refuses_each_view_and_takes_each_right_one():
    torch = pytest.importorskip("torch")
    for features in ("28 * 27", "756", "27 * 27"):
        model = built(filled(MLP, {"IN_FEATURES": "784", "BATCH": "16", "FEATURES": features}), "mlp.py")
        with pytest.raises(RuntimeError):
            module_shapes(model, (16, 1, 28, 28))
    model = built(filled(MLP, {"IN_FEATURES": "784", "BATCH": "16", "FEATURES": "28 * 28"}), "mlp.py")
    assert model(torch.zeros(16, 1, 28, 28)).shape == (16, 10)
    source = filled(DISCRIMINATOR, {"FEATURES": "self.ndf * 2", "HEAD": "self.aux_linear"})
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        built(source, "netd.py", _netd)(torch.zeros(2, 3, 64, 64))
    right = built(filled(DISCRIMINATOR, {"FEATURES": "self.ndf", "HEAD": "self.aux_linear"}), "netd.py", _netd)
    real, label = right(torch.zeros(2, 3, 64, 64))
    assert real.shape == (2, 1) and label.shape == (2, 10)
