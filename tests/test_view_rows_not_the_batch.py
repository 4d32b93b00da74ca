"""A view whose leading size is not the batch (`feature.view(img.shape[1], -1)`, the channels read
where the batch was meant; `x.view(3, -1)`, `x.reshape(64, -1)` on a batch of another size), then a
Linear sized for exactly what one sample has: the Linear is right, the view makes the wrong rows.
CL102 at the view, naming the Linear, and no CL101 at the Linear. A view keeping the batch, or one
whose fixed rows equal the batch fed (view(1, -1) on a batch of 1), stays silent."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes

SOURCE = '''
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(3, 24, 3, 2, 1), nn.ReLU(), nn.MaxPool2d(2))
        self.fc = nn.Sequential(nn.Linear(24 * 8 * 8, 64), nn.ReLU(), nn.Linear(64, 10))

    def forward(self, img):
        feature = self.conv(img)
        n = img.size(0)
        return self.fc(feature.view(ROWS, -1))
'''

VIEW_LINE, LINEAR_LINE = 15, 10


def errors(rows: str, shape: tuple | None) -> list:
    settings = Settings(input_shapes={"Net": shape}) if shape else Settings()
    result = lint_text(filled(SOURCE, {"ROWS": rows}), "net.py", settings)
    return [d for d in result.diagnostics if d.severity == "error"]


def torch_runs(rows: str, shape: tuple) -> bool:
    try:
        module_shapes(built(filled(SOURCE, {"ROWS": rows}), "net.py"), shape)
    except RuntimeError as error:
        assert "mat1 and mat2 shapes cannot be multiplied" in str(error)
        return False
    return True


@pytest.mark.parametrize(("rows", "batch"), [("img.shape[1]", 1), ("img.size(1)", 2), ("feature.size(1)", 1),
                                             ("3", 1), ("64", 2), ("1", 2)])
def test_rows_that_are_not_the_batch_fed_are_reported_at_the_view(rows, batch):
    shape = (batch, 3, 32, 32)
    pytest.importorskip("torch")
    assert not torch_runs(rows, shape)
    (view,) = errors(rows, shape)
    assert (view.code, view.span.line) == ("CL102", VIEW_LINE)
    assert LINEAR_LINE in {span.line for span in view.related}
    assert f"but the batch is {batch}: fc.0 = Linear(1536, 64) takes 1536 features" in view.message
    assert view.fix.startswith("Keep the batch dim: x.view(x.size(0), -1)")
    assert torch_runs("img.size(0)", shape) and not errors("img.size(0)", shape)


def test_the_message_says_what_the_rows_are_and_what_the_linear_gets():
    (view,) = errors("img.shape[1]", (1, 3, 32, 32))
    assert view.message.startswith("view(3, -1) makes 3 rows (read from img.shape[1], a dim of each sample), but the "
                                   "batch is 1")
    assert "so it gets 3 rows of 512 and stops" in view.message
    (view,) = errors("1", (2, 3, 32, 32))
    assert "view(1, -1) makes one row, but the batch is 2" in view.message


@pytest.mark.parametrize("rows", ["img.shape[1]", "img.size(1)", "feature.size(1)"])
def test_rows_read_from_a_sample_dim_are_reported_with_no_input_size(rows):
    """Without a size, the batch is any: rows read from a dim of each sample are samples only at a
    batch that happens to equal that dim (3 channels: a batch of 3), and torch stops at any other."""
    pytest.importorskip("torch")
    assert not torch_runs(rows, (2, 3, 32, 32))
    (view,) = errors(rows, None)
    assert (view.code, view.span.line) == ("CL102", VIEW_LINE)
    assert "but the batch is N" in view.message and "its rows are samples only at a batch of" in view.message
    assert not errors("img.size(0)", None)


def test_rows_read_from_the_channels_fit_only_a_batch_of_that_many():
    pytest.importorskip("torch")
    assert torch_runs("img.shape[1]", (3, 3, 32, 32))
    assert not errors("img.shape[1]", (3, 3, 32, 32))  # the batch fed is 3: the rows are its samples


@pytest.mark.parametrize("rows", ["1", "3", "64"])
def test_fixed_rows_are_not_reported_with_no_input_size(rows):
    """A fixed count may be the batch the model is built for (view(1, -1): one sample at a time);
    torch runs at that batch."""
    pytest.importorskip("torch")
    assert torch_runs(rows, (int(rows), 3, 32, 32))
    assert not errors(rows, None)


@pytest.mark.parametrize("rows", ["img.size(0)", "img.shape[0]", "feature.size(0)", "len(img)", "n"])
@pytest.mark.parametrize("batch", [None, 1, 2])
def test_views_keeping_the_batch_stay_silent(rows, batch):
    assert not errors(rows, batch and (batch, 3, 32, 32))


def test_view_one_row_on_a_batch_of_one_stays_silent():
    pytest.importorskip("torch")
    assert torch_runs("1", (1, 3, 32, 32))
    assert not errors("1", (1, 3, 32, 32))


FOUR_D = '''
import torch.nn as nn


class Encoder(nn.Module):
    def __init__(self, d=32):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(1, d, 3, 2, 1), nn.ReLU(),
            nn.Conv2d(d, d * 2, 3, 2, 1), nn.ReLU(),
            nn.Conv2d(d * 2, d * 4, 3, 2, 1), nn.ReLU(),
        )
        self.head = nn.Conv2d(d * 4, 256, (1, 3))

    def forward(self, x):
        x = self.conv(x)
        x = x.view(x.size(0), x.size(1), 1, 128)
        return self.head(x)
'''


def test_a_4d_view_keeping_the_batch_is_an_error_only_at_a_size_it_does_not_fit():
    """view(N, 128, 1, 128) of N x 128 x h x w holds where h x w = 128 (a 64 x 128 input: 8 x 16),
    and the conv after it takes it: with no input size there is no error to report; with one where
    the map has another count (32 x 32: 128 x 4 x 4), torch refuses the view and so does convlint."""
    torch = pytest.importorskip("torch")
    model = built(FOUR_D, "encoder.py", lambda namespace: namespace["Encoder"]())
    assert model(torch.zeros(2, 1, 64, 128)).shape == (2, 256, 1, 126)
    with pytest.raises(RuntimeError, match=r"shape '\[2, 128, 1, 128\]' is invalid for input of size 4096"):
        model(torch.zeros(2, 1, 32, 32))
    assert not [d for d in lint_text(FOUR_D, "encoder.py", Settings()).diagnostics if d.severity == "error"]
    concrete = lint_text(FOUR_D, "encoder.py", Settings(input_shapes={"Encoder": (2, 1, 32, 32)}))
    assert [(d.code, d.span.line) for d in concrete.diagnostics if d.severity == "error"] == [("CL102", 17)]


SWAPPED = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.encoder = nn.Sequential(nn.Conv2d(3, d, 4, 2, 1), nn.ReLU(), nn.Conv2d(d, d, 4, 2, 1))
        self.f = 4
        self.d = d
        self.fc = nn.Linear(d * self.f ** 2, 10)

    def forward(self, x):
        h = self.encoder(x)
        h = VIEW
        return self.fc(h)
'''

SWAPPED_VIEW_LINE = 15


@pytest.mark.parametrize("view", ["h.view(self.d * self.f ** 2, -1)", "h.reshape(self.d * 16, -1)",
                                  "h.view(self.d * self.f ** 2, -1)  # DEFAULT"])
def test_rows_of_the_count_the_linear_takes_are_reported_at_the_view_with_no_input_size(view):
    """view(K, -1) then Linear(K), the two counts of view(-1, K) swapped: K rows whatever the batch,
    a count made of the model's widths (d, a required argument, or its default), not a batch the
    model is built for. Torch runs it only at a batch of K; the view is reported, not the Linear."""
    source = filled(SWAPPED, {"VIEW": view})
    if view.endswith("# DEFAULT"):
        source = source.replace("def __init__(self, d)", "def __init__(self, d=8)")
    found = [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in found] == [("CL102", SWAPPED_VIEW_LINE)]
    assert "the counts of view(-1, " in found[0].message and "swapped" in found[0].message
    torch = pytest.importorskip("torch")
    for batch in (1, 2):
        with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
            built(source, "net.py", lambda namespace: namespace["Net"](8))(torch.zeros(batch, 3, 16, 16))


@pytest.mark.parametrize("view", ["h.view(-1, self.d * self.f ** 2)", "h.view(h.size(0), -1)",
                                  "h.reshape(x.shape[0], self.d * 16)"])
def test_the_view_keeping_the_batch_stays_clean(view):
    source = filled(SWAPPED, {"VIEW": view})
    assert not [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]
    torch = pytest.importorskip("torch")
    for batch in (1, 2, 3):
        model = built(source, "net.py", lambda namespace: namespace["Net"](8))
        assert model(torch.zeros(batch, 3, 16, 16)).shape == (batch, 10)


def test_swapped_counts_on_the_batch_they_equal_stay_clean():
    """The input stated with a batch of K: the K rows are its samples, and torch runs."""
    source = filled(SWAPPED, {"VIEW": "h.view(self.d * self.f ** 2, -1)"}).replace("(self, d)", "(self, d=1)")
    torch = pytest.importorskip("torch")
    assert built(source, "net.py")(torch.zeros(16, 3, 16, 16)).shape == (16, 10)
    result = lint_text(source, "net.py", Settings(input_shapes={"Net": (16, 3, 16, 16)}))
    assert not [d for d in result.diagnostics if d.severity == "error"]
