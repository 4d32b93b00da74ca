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
