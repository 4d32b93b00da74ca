"""A layer built from a name torch.nn lacks that is a close spelling of one it has (`nn.Relu`,
`nn.Batchnorm2d`): torch raises AttributeError building the model, reported with the name to
write; a name the code sets on torch.nn itself, or one close to no torch name, is not."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_shapes_equal_torch, built

MODEL = '''
import torch.nn as nn
PATCH

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1),
            nn.NORM(8),
            nn.ACT(inplace=True),
        )
        self.head = nn.Linear(8 * 16 * 16, 10)

    def forward(self, x):
        return self.head(self.features(x).flatten(1))
'''


def _source(norm: str = "BatchNorm2d", act: str = "ReLU", patch: str = "") -> str:
    return MODEL.replace("NORM", norm).replace("ACT", act).replace("PATCH", patch)


def _errors(source: str) -> list:
    result = lint_text(source, "net.py", Settings(input_shapes={"Net": (2, 3, 16, 16)}))
    return [d for d in result.diagnostics if d.severity == "error"]


@pytest.mark.parametrize(("norm", "act", "wrong", "meant"), [
    ("BatchNorm2d", "Relu", "nn.Relu(", "ReLU"),
    ("Batchnorm2d", "ReLU", "nn.Batchnorm2d(", "BatchNorm2d"),
    ("BatchNorm2d", "LeakyRelu", "nn.LeakyRelu(", "LeakyReLU"),
])
def test_a_misspelled_torch_layer_is_an_error_with_the_name_to_write(norm, act, wrong, meant):
    source = _source(norm, act)
    with pytest.raises(AttributeError):
        built(source, "net.py")
    (error,) = _errors(source)
    assert (error.code, error.span.line) == ("CL114", line_of(source, wrong))
    assert f"nn.{meant}" in error.fix


def test_the_torch_spelling_is_clean():
    assert_shapes_equal_torch(_source(), (2, 3, 16, 16), "net.py")


def test_a_name_the_code_sets_on_torch_nn_is_not_reported():
    patch = "\n\nclass Relu(nn.Module):\n    def forward(self, x):\n        return x.clamp(min=0)\n\n\nnn.Relu = Relu\n"
    source = _source(act="Relu", patch=patch).replace("nn.Relu(inplace=True)", "nn.Relu()")
    built(source, "net.py")  # torch builds it
    assert _errors(source) == []


def test_a_name_close_to_no_torch_name_is_not_reported():
    source = _source(act="Frobnicate")
    with pytest.raises(AttributeError):
        built(source, "net.py")
    assert _errors(source) == []
