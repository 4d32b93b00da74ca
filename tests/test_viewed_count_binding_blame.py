"""A flatten size the constructor computes once (`self.linear_size = ((patch_size // 2 **
num_of_block) ** 2) * c`, one stride short), read by both `x.view(-1, self.linear_size)` in
forward and the `nn.Linear(self.linear_size, 1024)` after it: the view breaks the batch (CL102),
yet the view and the Linear agree, so the assignment is the one line to change. Where the model
built again with the count bound to what a sample holds runs clean, CL102 is reported there, the
view related. A count no layer reads, or one the caller passes in, stays at the view. Each bug
fails in torch; the fix runs, every module shaped as torch's."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_shapes_equal_torch, built, filled, module_shapes
from tests.source_lines import line_of

DISCRIMINATOR = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, n_feats=8, num_of_block=2, patch_size=32):
        super().__init__()
        layers, c = [nn.Conv2d(3, n_feats, 3, stride=2, padding=1)], n_feats
        for i in range(num_of_block):
            layers += [nn.Conv2d(c, c * 2, 3, stride=2, padding=1), nn.LeakyReLU(0.2)]
            c *= 2
        self.body = nn.Sequential(*layers)
        BINDING
        self.tail = nn.Sequential(nn.Linear(READ, 64), nn.LeakyReLU(0.2), nn.Linear(64, 1))

    def forward(self, x):
        x = self.body(x)
        x = x.view(-1, self.linear_size)
        return self.tail(x)
'''

RIGHT = "((patch_size // (2 ** (num_of_block + 1))) ** 2) * c"
WRONG = "((patch_size // (2 ** num_of_block)) ** 2) * c"

# the attribute itself, or a local copied into it, read by the Linear too
BOUND_TO_THE_ATTRIBUTE = {"BINDING": "self.linear_size = SIZE", "READ": "self.linear_size"}
BOUND_TO_A_LOCAL = {"BINDING": "linear_size = SIZE\n        self.linear_size = linear_size", "READ": "linear_size"}
# only the view reads the count: the Linear's number is written apart
READ_BY_THE_VIEW_ONLY = {"BINDING": "self.linear_size = SIZE", "READ": "32 * 4 * 4"}

# the size passed in by the caller: the copy is not where the count is computed
PASSED_IN = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, size=1536):
        super().__init__()
        self.body = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.size = size
        self.fc = nn.Linear(self.size, 10)

    def forward(self, x):
        return self.fc(self.body(x).view(-1, self.size))
'''

SIZE = (2, 3, 32, 32)


def _source(form: dict, size: str) -> str:
    return filled(filled(DISCRIMINATOR, form), {"SIZE": size})


def _errors(source: str, settings: Settings | None = None) -> list:
    return [d for d in lint_text(source, "net.py", settings or Settings()).diagnostics if d.severity == "error"]


@pytest.mark.parametrize("form", [BOUND_TO_THE_ATTRIBUTE, BOUND_TO_A_LOCAL])
@pytest.mark.parametrize("shape", [None, SIZE])
def test_the_binding_the_view_and_the_linear_read_is_blamed(form, shape):
    source = _source(form, WRONG)
    settings = Settings(input_shapes={"Net": shape}) if shape is not None else None
    (error,) = _errors(source, settings)
    bound = line_of(source, WRONG)
    assert (error.code, error.span.line) == ("CL102", bound)
    assert source.splitlines()[bound - 1][error.span.column - 1:].startswith(WRONG)
    assert line_of(source, "x.view(-1, self.linear_size)") in [r.line for r in error.related]
    assert f"the view reads the count bound on line {bound}, as tail.0 does: bound to 512 there the model runs" \
        in error.message
    assert error.fix.startswith("Bind it to 512")


@pytest.mark.parametrize("form", [BOUND_TO_THE_ATTRIBUTE, BOUND_TO_A_LOCAL, READ_BY_THE_VIEW_ONLY])
def test_the_right_count_is_clean_and_shaped_as_torch(form):
    source = _source(form, RIGHT)
    assert _errors(source) == []
    assert_shapes_equal_torch(source, SIZE, "net.py")


def test_a_count_only_the_view_reads_stays_at_the_view():
    """Bound to 2048 and read by the view alone, the Linear written for 512: nothing but the view
    reads the count, so the view is reported, as where it is written with the number."""
    source = _source(READ_BY_THE_VIEW_ONLY, WRONG)
    errors = _errors(source, Settings(input_shapes={"Net": SIZE}))
    assert [(d.code, d.span.line) for d in errors] == [("CL102", line_of(source, "x.view(-1"))]


def test_a_count_the_caller_passes_stays_at_the_view():
    errors = _errors(PASSED_IN, Settings(input_shapes={"Net": SIZE}))
    assert [(d.code, d.span.line) for d in errors] == [("CL102", line_of(PASSED_IN, "x).view(-1"))]


def test_torch_refuses_each_bug():
    pytest.importorskip("torch")
    for source in (_source(BOUND_TO_THE_ATTRIBUTE, WRONG), _source(BOUND_TO_A_LOCAL, WRONG),
                   _source(READ_BY_THE_VIEW_ONLY, WRONG), PASSED_IN):
        with pytest.raises(RuntimeError, match="is invalid for input of size"):
            module_shapes(built(source, "net.py"), SIZE)
