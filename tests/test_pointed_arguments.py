"""A wrong count in a layer call written over several lines (black's style) is reported at the
argument's own line, the line to change; a suppression on the call's first line still applies."""

import pytest

from convlint.pipeline import Settings, lint_text

SOURCE = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3)
        self.head = nn.Conv2d(
            8, 10, kernel_size=1,
        )
        self.bn = nn.BatchNorm2d(
            num_features=12
        )
        self.fc = nn.Linear(
            12,
            10)

    def forward(self, x):
        return self.fc(self.bn(self.head(self.conv(x))).mean((2, 3)))


class OneLine(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3)
        self.head = nn.Conv2d(8, 10,
                              kernel_size=1)

    def forward(self, x):
        return self.head(self.conv(x))
'''


def line_of(text: str) -> int:
    return next(n for n, line in enumerate(SOURCE.splitlines(), start=1) if text in line)


def _errors(source: str, model: str) -> list:
    result = lint_text(source, "net.py", Settings(input_shapes={"": (1, 3, 8, 8)}, model=model))
    return [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"]


def test_each_count_is_reported_at_its_arguments_line():
    assert _errors(SOURCE, "Net") == [("CL103", line_of("8, 10, kernel_size=1,")),
                                      ("CL104", line_of("num_features=12")),
                                      ("CL101", line_of("            12,"))]


def test_a_count_on_the_calls_first_line_stays_there():
    assert _errors(SOURCE, "OneLine") == [("CL103", line_of("self.head = nn.Conv2d(8, 10,"))]


def test_a_suppression_on_the_calls_first_line_applies():
    silenced = SOURCE.replace("self.head = nn.Conv2d(\n", "self.head = nn.Conv2d(  # noqa: CL103\n")
    assert ("CL103", line_of("8, 10, kernel_size=1,")) not in _errors(silenced, "Net")


def test_torch_refuses_the_head():
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(SOURCE, "net.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="channels"):
        namespace["Net"]()(torch.zeros(1, 3, 8, 8))
