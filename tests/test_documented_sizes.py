"""The input size a model's docstring states (`Input - 1x32x32` of the widely copied LeNet-5),
used where the code gives none and its channels are the first layer's; against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from convlint.source.documented_sizes import documented_input


@pytest.mark.parametrize(("docstring", "sizes"), [
    ("Input - 1x32x32\n    C1 - 6@28x28 (5x5 kernel)\n    Output - 10", (1, 32, 32)),
    ("Input: (N, 3, 224, 224)", (3, 224, 224)),
    ("input shape: [B, 1, 28, 28]", (1, 28, 28)),
    ("The input is 32 x 32 pixels", None),  # prose around the sizes: no statement of them
    ("- input: Nx3x64x64", (3, 64, 64)),
    ("input size 3 x 64 x 64", (3, 64, 64)),
    ("Output - 3x32x32", None),
    ("C1 - 6@28x28", None),
    ("Input - 1x32x32\nInput - 3x32x32", None),  # two that disagree: no guess
    ("", None),
])
def test_a_line_naming_the_input_states_its_sizes(docstring, sizes):
    found = documented_input(docstring)
    assert (found[0] if found else None) == sizes


LENET = '''
import torch.nn as nn


class LeNet5(nn.Module):
    """
    Input - 1x32x32
    C1 - 6@28x28 (5x5 kernel)
    Output - 10
    """
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(CHANNELS, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
                                      nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2))
        self.fc = nn.Linear(16 * SIDE * SIDE, 10)

    def forward(self, img):
        return self.fc(self.features(img).view(img.size(0), -1))
'''


def _lenet(channels: int = 1, side: int = 5) -> str:
    return LENET.replace("CHANNELS", str(channels)).replace("SIDE", str(side))


def _errors(source: str) -> list:
    return [(d.code, d.span.line) for d in lint_text(source, "lenet.py", Settings()).diagnostics
            if d.severity == "error"]


def test_a_head_sized_for_another_input_than_the_docstring_states_is_found():
    source = _lenet(side=4)
    assert _errors(source) == [("CL101", 15)]
    (message,) = [d.message for d in lint_text(source, "lenet.py", Settings()).diagnostics if d.code == "CL101"]
    assert "from line 7: Input - 1x32x32" in message


@pytest.mark.parametrize("source", [_lenet(), _lenet(channels=3, side=4)],
                         ids=["as-documented", "channels-not-the-documented-ones"])
def test_the_documented_model_and_a_docstring_of_other_channels_stay_clean(source):
    """With 3 channels the docstring is not this model's: its 32x32 is not taken (the head fits
    28x28 inputs, which nothing rules out)."""
    assert _errors(source) == []


def test_torch_agrees():
    torch = pytest.importorskip("torch")
    for source, fails in ((_lenet(), False), (_lenet(side=4), True)):
        namespace: dict = {}
        exec(compile(source, "lenet.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError, match=r"mat1 and mat2 shapes cannot be multiplied \(2x400 and 256x10\)"):
                namespace["LeNet5"]()(torch.zeros(2, 1, 32, 32))
        else:
            assert namespace["LeNet5"]()(torch.zeros(2, 1, 32, 32)).shape == (2, 10)
