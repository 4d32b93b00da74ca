"""A layer called several times in forward (one `conv_pad` run twice per pass of a loop) that runs
right at its other calls is not what is wrong where one call fails: the stem whose out_channels
was changed (32 -> 64) is reported, at the layer's refusal and at the residual add alike; a
shared conv whose padding was changed (2 -> 1) is reported at its padding, not at the add its
shorter map breaks. The input's length is symbolic and the net's view is sized for one length: at
the lengths tried, the edit leaves only the map too short for the pools. Each bug is checked to
fail in torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

SHARED_STEM = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Classifier(nn.Module):
    def __init__(self, input_size=1, num_classes=5):
        super().__init__()
        self.conv = nn.Conv1d(in_channels=input_size, out_channels=WIDTH, kernel_size=5, stride=1)
        self.conv_pad = nn.Conv1d(in_channels=32, out_channels=32, kernel_size=5, stride=1, padding=2)
        self.maxpool = nn.MaxPool1d(kernel_size=5, stride=2)
        self.dense1 = nn.Linear(32 * 8, 32)
        self.dense_final = nn.Linear(32, num_classes)

    def forward(self, x):
        residual = self.conv(x)
        for _ in range(4):
            x = F.relu(self.conv_pad(residual))
            x = self.conv_pad(x)
            x += residual
            x = F.relu(x)
            residual = self.maxpool(x)
        x = residual.view(-1, 32 * 8)
        return self.dense_final(F.relu(self.dense1(x)))
'''

SHARED_PADDING = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(1, 32, kernel_size=5)
        self.conv_pad = nn.Conv1d(32, 32, kernel_size=5, stride=1, padding=PAD)
        self.maxpool = nn.MaxPool1d(kernel_size=5, stride=2)
        self.dense1 = nn.Linear(32 * 8, 32)

    def forward(self, x):
        residual = self.conv(x)
        for _ in range(4):
            x = F.relu(self.conv_pad(residual))
            x = self.conv_pad(x)
            x += residual
            residual = self.maxpool(F.relu(x))
        x = residual.view(-1, 32 * 8)
        return self.dense1(x)
'''

SHAPE = (4, 1, 187)


def _errors(source: str) -> list:
    result = lint_text(source, "net.py", Settings())
    return [d for d in result.diagnostics if d.severity == "error"]


def test_the_stem_feeding_a_shared_layer_the_odd_width_is_blamed():
    errors = _errors(SHARED_STEM.replace("WIDTH", "64"))
    assert sorted(d.code for d in errors) == ["CL103", "CL107"]
    assert {(d.span.line, d.layer) for d in errors} == {(line_of(SHARED_STEM, "WIDTH"), "conv")}
    refusal = next(d for d in errors if d.code == "CL103")
    assert "given out_channels=32 the model runs" in refusal.message


def test_the_shared_conv_whose_padding_shortens_the_map_is_blamed():
    source = SHARED_PADDING.replace("PAD", "1")
    errors = _errors(source)
    assert [(d.code, d.span.line, d.layer) for d in errors] == [("CL107", line_of(SHARED_PADDING, "PAD"), "conv_pad")]
    assert "given padding=2 makes it run" in errors[0].message


@pytest.mark.parametrize("source", [SHARED_STEM.replace("WIDTH", "32"), SHARED_PADDING.replace("PAD", "2")])
def test_the_nets_as_meant_are_clean(source):
    assert _errors(source) == []


def test_torch_agrees():
    torch = pytest.importorskip("torch")
    for source, wrong, right in ((SHARED_STEM, SHARED_STEM.replace("WIDTH", "64"), SHARED_STEM.replace("WIDTH", "32")),
                                 (SHARED_PADDING, SHARED_PADDING.replace("PAD", "1"),
                                  SHARED_PADDING.replace("PAD", "2"))):
        for text, fails in ((wrong, True), (right, False)):
            namespace: dict = {}
            exec(compile(text, "net.py", "exec"), namespace)
            if fails:
                with pytest.raises(RuntimeError):
                    namespace["Classifier"]()(torch.zeros(*SHAPE))
            else:
                namespace["Classifier"]()(torch.zeros(*SHAPE))
