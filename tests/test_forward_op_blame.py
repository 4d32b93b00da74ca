"""An edit in forward() blamed where it was made, not on the layer that meets its result: a view
keeping the batch with a count the map does not give (reported with the Linear after it, whose
count disagrees: with no input size nothing says which of the two is stale), an axis
inserted or moved to where the next layer reads its channels, a cat operand that leaves every
later layer of a dense cascade short by the same width. Each case is checked against torch: the
edited model stops, the right one runs."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, built, filled


def errors(source: str, settings: Settings | None = None) -> list:
    return [d for d in lint_text(source, "net.py", settings or Settings()).diagnostics if d.severity == "error"]


def runs(source: str, size: tuple, build=None) -> tuple:
    torch = pytest.importorskip("torch")
    return tuple(built(source, "net.py", build)(torch.zeros(*size, dtype=torch.long) if build else
                                              torch.zeros(*size)).shape)


ENCODER = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, d=32):
        super().__init__()
        self.d = d
        self.conv = nn.Sequential(
            nn.Conv2d(1, d, 3, 2, 1), nn.ReLU(),
            nn.Conv2d(d, d * 2, 3, 2, 1), nn.ReLU(),
            nn.Conv2d(d * 2, d * 4, 3, 2, 1), nn.ReLU(),
        )
        self.fc = nn.Linear(FEATURES, 256)

    def forward(self, x):
        x = self.conv(x)
        x = x.view(x.size(0), COUNT)
        return self.fc(x)
'''
VIEW_LINE, LINEAR_LINE = 18, 14


def test_a_view_keeping_the_batch_with_another_count_is_found_with_the_linear_after_it():
    right = {"FEATURES": "d * 4 * 4 * 4", "COUNT": "self.d * 4 * 4 * 4"}
    wrong = {"FEATURES": "d * 4 * 4 * 4", "COUNT": "self.d * 4 * 3 * 3"}
    assert_bug_found_at_its_line(ENCODER, right, wrong, (2, 1, 32, 32), VIEW_LINE, "CL102", "net.py")
    linear, view = errors(filled(ENCODER, wrong))
    assert (linear.code, linear.span.line) == ("CL101", LINEAR_LINE)
    assert (view.code, view.span.line) == ("CL102", VIEW_LINE)
    assert LINEAR_LINE in [s.line for s in view.related]  # the Linear, which refuses it at the other sizes
    assert runs(filled(ENCODER, right), (2, 1, 32, 32)) == (2, 256)


def test_a_linear_sized_for_no_map_after_a_right_view_is_still_reported_at_the_linear():
    # view(N, 2048) of the 128 x 4 x 4 map, then a Linear(1000) no map fills: the Linear is wrong
    wrong = filled(ENCODER, {"FEATURES": "1000", "COUNT": "self.d * 4 * 4 * 4"})
    assert [(d.code, d.span.line) for d in errors(wrong)] == [("CL101", LINEAR_LINE)]
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        runs(wrong, (2, 1, 32, 32))


def test_at_a_known_size_where_the_view_holds_the_linear_is_what_is_reported():
    wrong = filled(ENCODER, {"FEATURES": "d * 4 * 3 * 3", "COUNT": "self.d * 4 * 4 * 4"})
    found = errors(wrong, Settings(input_shapes={"Net": (2, 1, 32, 32)}))
    assert [(d.code, d.span.line) for d in found] == [("CL101", LINEAR_LINE)]
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        runs(wrong, (2, 1, 32, 32))


TEXT_CNN = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, V=1000, D=128, C=5, Co=100, Ks=(3, 4, 5)):
        super().__init__()
        self.embed = nn.Embedding(V, D)
        self.convs = nn.ModuleList([nn.Conv2d(CHANNELS, Co, (K, D)) for K in Ks])
        self.fc = nn.Linear(len(Ks) * Co, C)

    def forward(self, x):
        x = self.embed(x)
        x = x.unsqueeze(AXIS)
        x = [F.relu(conv(x)).squeeze(3) for conv in self.convs]
        x = [F.max_pool1d(i, i.size(2)).squeeze(2) for i in x]
        return self.fc(torch.cat(x, 1))
'''
CONVS_LINE, UNSQUEEZE_LINE = 11, 16


def test_an_axis_inserted_where_the_conv_reads_its_channels_is_reported_at_the_unsqueeze():
    import torch

    wrong = filled(TEXT_CNN, {"CHANNELS": "1", "AXIS": "2"})
    right = filled(TEXT_CNN, {"CHANNELS": "1", "AXIS": "1"})
    with pytest.raises(RuntimeError, match="to have 1 channels"):
        built(wrong, "net.py")(torch.zeros(2, 50, dtype=torch.long))
    assert tuple(built(right, "net.py")(torch.zeros(2, 50, dtype=torch.long)).shape) == (2, 5)
    (finding,) = errors(wrong)
    assert finding.span.line == UNSQUEEZE_LINE and CONVS_LINE in [s.line for s in finding.related]
    assert "unsqueeze(2) of N x L x 128 gives N x L x 1 x 128: unsqueeze(1) gives N x 1 x L x 128" in finding.message
    assert finding.fix.startswith("Write unsqueeze(1)")
    assert errors(right) == []


def test_a_conv_no_axis_fits_keeps_its_own_finding():
    # Conv2d(2, ...) after unsqueeze(1): no place of the new axis gives 2 channels; the conv is wrong
    import torch

    wrong = filled(TEXT_CNN, {"CHANNELS": "2", "AXIS": "1"})
    with pytest.raises(RuntimeError, match="to have 2 channels"):
        built(wrong, "net.py")(torch.zeros(2, 50, dtype=torch.long))
    assert {d.span.line for d in errors(wrong, Settings(input_shapes={"Net": (2, 50)}))} == {CONVS_LINE}


AXES = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(1000, 128)
        self.conv = nn.Conv1d(128, 64, 3)

    def forward(self, x):
        x = self.embed(x).transpose(PAIR)
        return self.conv(x)


class Image(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3)

    def forward(self, x):
        x = x.permute(ORDER)
        return torch.relu(self.conv(x))
'''


@pytest.mark.parametrize("model, size, name, wrong, right, line, written", [
    ("Net", (2, 40), "PAIR", "0, 2", "1, 2", 13, "transpose(1, 2) gives 2 x 128 x 40"),
    ("Image", (2, 32, 32, 3), "ORDER", "0, 1, 3, 2", "0, 3, 1, 2", 23, "permute(0, 3, 1, 2) gives 2 x 3 x 32 x 32"),
])
def test_a_transpose_or_permute_leaving_the_wrong_axis_at_the_channels_is_reported_there(
        model, size, name, wrong, right, line, written):
    import torch

    other = "PAIR" if name == "ORDER" else "ORDER"
    sources = {v: filled(AXES, {name: v, other: "1, 2" if other == "PAIR" else "0, 3, 1, 2"}) for v in (wrong, right)}
    kind = torch.long if model == "Net" else torch.float
    with pytest.raises(RuntimeError, match="channels"):
        built(sources[wrong], "net.py", lambda ns: ns[model]())(torch.zeros(*size, dtype=kind))
    built(sources[right], "net.py", lambda ns: ns[model]())(torch.zeros(*size, dtype=kind))
    settings = Settings(input_shapes={model: size})
    (finding,) = [d for d in errors(sources[wrong], settings) if d.model == model]
    assert (finding.code, finding.span.line) == ("CL103", line) and written in finding.message
    assert [d for d in errors(sources[right], settings) if d.model == model] == []


def test_a_view_whose_size_of_one_is_misplaced_is_reported_at_the_view():
    import torch

    source = filled(TEXT_CNN, {"CHANNELS": "1", "x.unsqueeze(AXIS)": "x.view(x.size(0), SIZES, 128)"})
    wrong, right = filled(source, {"SIZES": "x.size(1), 1"}), filled(source, {"SIZES": "1, x.size(1)"})
    with pytest.raises(RuntimeError, match="to have 1 channels"):
        built(wrong, "net.py")(torch.zeros(2, 50, dtype=torch.long))
    built(right, "net.py")(torch.zeros(2, 50, dtype=torch.long))
    settings = Settings(input_shapes={"Net": (2, 50)})
    (finding,) = errors(wrong, settings)
    assert finding.span.line == UNSQUEEZE_LINE and "view(2, 1, 50, 128) gives 2 x 1 x 50 x 128" in finding.message
    assert errors(right, settings) == []
