"""A view that keeps the batch and asks for a fixed count per sample (`x.view(x.size(0), 128 * 3 * 3)`
of a 128 x 4 x 4 map), then a Linear sized for the map: CL102 at the view with no input size, as
torch refuses the view wherever that Linear fits (shape '[2, 1152]' is invalid for input of size 4096)."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, filled

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
        self.fc = nn.Linear(d * 4 * 4 * 4, 256)

    def forward(self, x):
        x = self.conv(x)
        batch_size = x.size(0)
        x = x.view(BATCH, COUNT)
        return self.fc(x)
'''

VIEW_LINE = 19


@pytest.mark.parametrize("batch", ["x.size(0)", "x.shape[0]", "batch_size", "len(x)"])
def test_a_view_keeping_the_batch_with_a_count_the_map_does_not_give_is_reported_at_the_view(batch):
    clean = assert_bug_found_at_its_line(ENCODER, {"BATCH": batch, "COUNT": "self.d * 4 * 4 * 4"},
                                         {"BATCH": batch, "COUNT": "self.d * 4 * 3 * 3"}, (2, 1, 32, 32),
                                         VIEW_LINE, "CL102", "encoder.py")
    assert clean.models
    result = lint_text(filled(ENCODER, {"BATCH": batch, "COUNT": "self.d * 4 * 3 * 3"}), "encoder.py", Settings())
    (view,) = [d for d in result.diagnostics if d.code == "CL102"]
    assert "asks for 1152 features per sample, but fc = Linear(2048, 256) takes 2048" in view.message
    assert view.fix.startswith("Let torch count the features")


def test_torch_refuses_the_view_where_the_linear_fits_and_the_linear_where_the_view_fits():
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(filled(ENCODER, {"BATCH": "x.size(0)", "COUNT": "self.d * 4 * 3 * 3"}), "encoder.py", "exec"),
         namespace)
    with pytest.raises(RuntimeError, match=r"shape '\[2, 1152\]' is invalid for input of size 4096"):
        namespace["Net"]()(torch.zeros(2, 1, 32, 32))
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        namespace["Net"]()(torch.zeros(2, 1, 24, 24))
    for count in ("-1", "self.d * 4 * 4 * 4"):
        namespace = {}
        source = filled(ENCODER, {"BATCH": "x.size(0)", "COUNT": count})
        assert not [d for d in lint_text(source, "encoder.py", Settings()).diagnostics if d.severity == "error"]
        exec(compile(source, "encoder.py", "exec"), namespace)
        assert namespace["Net"]()(torch.zeros(2, 1, 32, 32)).shape == (2, 256)


def test_the_concrete_input_still_reports_torchs_own_refusal_at_the_view():
    source = filled(ENCODER, {"BATCH": "x.size(0)", "COUNT": "self.d * 4 * 3 * 3"})
    result = lint_text(source, "encoder.py", Settings(input_shapes={"Net": (2, 1, 32, 32)}))
    assert [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"] == [("CL102", VIEW_LINE)]
    (view,) = result.diagnostics
    assert "shape [2, 1152] is invalid for input of size 4096" in view.message


HEAD = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 64, 3, padding=1), nn.MaxPool2d(4))
        self.fc = nn.Linear(FEATURES, 10)

    def forward(self, x):
        x = self.features(x)
        x = x.view(ROWS, 64 * 7 * 7)
        return self.fc(x)
'''

HEAD_LINEAR_LINE, HEAD_VIEW_LINE = 9, 13


@pytest.mark.parametrize("rows", ["x.size(0)", "-1"])
def test_two_hard_coded_counts_that_disagree_are_both_reported_whichever_view_keeps_the_batch(rows):
    """view(N, 3136) then Linear(12544) with no input size: a 28 x 28 image fills the view, a 56 x 56
    one the Linear; nothing says which count is stale, so the Linear is reported too, as for view(-1, K)."""
    clean = assert_bug_found_at_its_line(HEAD, {"ROWS": rows, "FEATURES": "64 * 7 * 7"},
                                         {"ROWS": rows, "FEATURES": "64 * 14 * 14"}, (2, 1, 28, 28),
                                         HEAD_LINEAR_LINE, "CL101", "head.py")
    assert clean.models
    result = lint_text(filled(HEAD, {"ROWS": rows, "FEATURES": "64 * 14 * 14"}), "head.py", Settings())
    assert sorted((d.code, d.span.line) for d in result.diagnostics if d.severity == "error") == [
        ("CL101", HEAD_LINEAR_LINE), ("CL102", HEAD_VIEW_LINE)]


def test_each_count_runs_at_its_own_size_in_torch():
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(filled(HEAD, {"ROWS": "x.size(0)", "FEATURES": "64 * 14 * 14"}), "head.py", "exec"), namespace)
    net = namespace["Net"]()
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        net(torch.zeros(2, 1, 28, 28))
    with pytest.raises(RuntimeError, match=r"shape '\[2, 3136\]' is invalid for input of size 25088"):
        net(torch.zeros(2, 1, 56, 56))


def test_a_count_no_sample_can_hold_pins_the_view_as_what_to_fix():
    """view(N, 1000) of N x 64 x h x w: 1000 is no multiple of 64, so the view fails at every size and
    the Linear, which fits the map at some size, is not reported."""
    source = HEAD.replace("64 * 7 * 7)\n        return", "1000)\n        return")
    source = filled(source, {"ROWS": "x.size(0)", "FEATURES": "64 * 14 * 14"})
    result = lint_text(source, "head.py", Settings())
    assert [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"] == [("CL102", HEAD_VIEW_LINE)]
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "head.py", "exec"), namespace)
    for side in (28, 56):
        with pytest.raises(RuntimeError, match="is invalid for input of size"):
            namespace["Net"]()(torch.zeros(2, 1, side, side))
