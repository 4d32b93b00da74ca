"""A decoder stage's conv whose out_channels was changed (`ConvTranspose2d(64, 32)` in a stage of
64-channel layers ending in `BatchNorm2d(64)`) is reported at its own count: the norm right after
it and the next stage's first conv, reached across the Sequential's end or through
F.max_unpool2d, all expect 64, and the conv given 64 runs the model. The unpool's complaint about
its indices is the same width arriving, and goes with it. Each bug is checked to fail in torch."""

import pytest

from convlint.pipeline import Settings, lint_text

SEGNET = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Sequential(
            nn.Conv2d(3, 64, 3, padding=1),
            nn.BatchNorm2d(64),
            nn.ReLU(),
            nn.MaxPool2d(2, stride=2, return_indices=True),
        )
        self.dec1 = nn.Sequential(
            nn.LAYER(64, 64, 3, padding=1),
            nn.BatchNorm2d(64),
            nn.LAYER(64, WIDTH, 3, padding=1),
            nn.BatchNorm2d(64),
        )
        self.dec2 = nn.Sequential(
            nn.LAYER(64, 64, 3, padding=1),
            nn.BatchNorm2d(64),
            nn.LAYER(64, 10, 3, padding=1),
        )

    def forward(self, x):
        x, idx = self.enc(x)
        x = self.dec1(x)
        x = self.dec2(BETWEEN)
        return x
'''

SHAPE = (1, 3, 32, 32)
VARIANTS = [(layer, between) for layer in ("ConvTranspose2d", "Conv2d")
            for between in ("x", "F.max_unpool2d(x, indices=idx, kernel_size=2)")]


def _source(layer: str, between: str, width: str) -> str:
    return SEGNET.replace("LAYER", layer).replace("BETWEEN", between).replace("WIDTH", width)


def _errors(source: str) -> list:
    result = lint_text(source, "net.py", Settings(input_shapes={"Net": SHAPE}))
    return [d for d in result.diagnostics if d.severity == "error"]


@pytest.mark.parametrize("layer, between", VARIANTS)
def test_the_stage_conv_giving_the_odd_width_is_blamed(layer, between):
    source = _source(layer, between, "32")
    line = next(i for i, text in enumerate(source.splitlines(), 1) if f"(64, 32, 3" in text)
    errors = _errors(source)
    expected = ["CL103", "CL104"] + (["CL107"] if "unpool" in between else [])
    assert sorted(d.code for d in errors) == expected
    assert {(d.span.line, d.layer) for d in errors} == {(line, "dec1.2")}
    for error in errors:
        assert source.splitlines()[line - 1][error.span.column - 1:].startswith("32")
        assert "given out_channels=64 the model runs" in error.message


@pytest.mark.parametrize("layer, between", VARIANTS)
def test_the_net_with_the_width_it_was_meant_to_have_is_clean(layer, between):
    assert _errors(_source(layer, between, "64")) == []


def test_torch_agrees():
    torch = pytest.importorskip("torch")
    for layer, between in VARIANTS:
        for width, fails in (("32", True), ("64", False)):
            namespace: dict = {}
            exec(compile(_source(layer, between, width), "net.py", "exec"), namespace)
            if fails:
                with pytest.raises(RuntimeError):
                    namespace["Net"]()(torch.zeros(*SHAPE))
            else:
                namespace["Net"]()(torch.zeros(*SHAPE))
