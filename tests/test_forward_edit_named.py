"""An edit written in forward() that a layer's line was blamed for: a torch.cat joining one map
too many into a conv built for two (the conv's line stays the finding, the cat's line is related
and named, its fix offered beside in_channels); a split in chunks of 4 channels multiplied with a
3-channel map (the `*` stays the finding: the conv before the split gives 12, and 3 there would
leave the later chunks missing). Against torch: the edited models raise, the written ones run."""

import pytest

from convlint.pipeline import Settings, lint_text
from torch_cases import built, module_shapes
from tests.source_lines import line_of

CAT = '''
import torch
import torch.nn.functional as F
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 3, 1)
        self.conv2 = nn.Conv2d(3, 3, 3, padding=1)
        self.conv3 = nn.Conv2d(6, 3, 7, padding=3)

    def forward(self, x):
        x1 = F.relu(self.conv1(x))
        x2 = F.relu(self.conv2(x1))
        cat = torch.cat(JOINED, 1)
        return F.relu(self.conv3(cat))
'''

SPLIT = '''
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self, n=4):
        super().__init__()
        self.n = n
        self.body = nn.Conv2d(3, 16, 3, padding=1)
        self.relu = nn.ReLU()
        self.conv = nn.Conv2d(16, 3 * n, 3, padding=1)

    def forward(self, x):
        a = torch.tanh(self.conv(self.relu(self.body(x))))
        alphas = torch.split(a, CHUNK, 1)
        for i in range(self.n):
            x = x + alphas[i] * (x * x - x)
        return x
'''


def _errors(source: str, **settings) -> list:
    return [d for d in lint_text(source, "model.py", Settings(**settings)).diagnostics if d.severity == "error"]


@pytest.mark.parametrize("shapes", [{}, {"input_shapes": {"": (2, 3, 16, 16)}}], ids=["symbolic", "given"])
def test_a_cat_of_one_map_too_many_is_named_beside_the_conv(shapes):
    source = CAT.replace("JOINED", "(x1, x2, x2)")
    (error,) = _errors(source, **shapes)
    cat = line_of(source, "cat = torch.cat(")
    assert (error.code, error.span.line) == ("CL103", line_of(source, "self.conv3 ="))
    assert cat in {s.line for s in error.related}
    assert f"3 + 3 + 3 from the torch.cat on line {cat}" in error.message
    assert f"or join maps of 6 channels in all in the torch.cat on line {cat}" in error.fix


@pytest.mark.parametrize("shapes", [{}, {"input_shapes": {"": (2, 3, 16, 16)}}], ids=["symbolic", "given"])
def test_a_product_with_a_split_chunk_stays_at_the_operator(shapes):
    """The conv's out_channels=3 would leave one chunk: alphas[1] would not exist."""
    source = SPLIT.replace("CHUNK", "4")
    (error,) = _errors(source, **shapes)
    assert (error.code, error.span.line) == ("CL107", line_of(source, "x = x + alphas[i] * (x * x - x)"))
    assert "out_channels=3" not in error.message


def test_the_written_models_are_clean_and_torch_agrees():
    for source, right, wrong in ((CAT, "(x1, x2)", "(x1, x2, x2)"), (SPLIT, "3", "4")):
        key = "JOINED" if source is CAT else "CHUNK"
        written, edited = source.replace(key, right), source.replace(key, wrong)
        assert _errors(written) == []
        assert module_shapes(built(written, "model.py"), (2, 3, 16, 16))
        with pytest.raises((RuntimeError, IndexError)):
            module_shapes(built(edited, "model.py"), (2, 3, 16, 16))
