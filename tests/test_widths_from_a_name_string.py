"""A model whose depth and width are read from a name string nothing gives (`WideResNet("wrn-16-2",
100)` doing `name.split("-")` and `int()` of the pieces): each piece int() reads is a whole number
of its own, so a width made of it is checked for every value, as a required argument's is; the
piece itself, a string, is no width. Checked against torch for several names."""

import pytest

from convlint.pipeline import Settings, lint_text

WIDE_NET = '''
import torch.nn as nn


class WideNet(nn.Module):
    def __init__(self, name, num_classes):
        super().__init__()
        config = name.split("-")
        widen = int(config[2])
        channels = [16, 16 * widen, 32 * widen, 64 * widen]
        self.conv1 = nn.Conv2d(3, channels[0], 3, padding=1)
        self.conv2 = nn.Conv2d(channels[0], channels[3], 3, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(channels[LAST], num_classes)

    def forward(self, x):
        x = self.pool(self.conv2(self.conv1(x)))
        return self.fc(x.flatten(1))
'''

FC_LINE = 14


def _errors(source: str) -> list:
    result = lint_text(source, "wide_net.py", Settings())
    return [(d.span.line, d.code, d.message) for d in result.diagnostics if d.severity == "error"]


def _model(source: str):
    namespace: dict = {}
    exec(compile(source, "wide_net.py", "exec"), namespace)
    return namespace["WideNet"]


def test_a_head_built_for_another_stage_is_an_error_for_every_name():
    errors = _errors(WIDE_NET.replace("LAST", "2"))
    assert [(line, code) for line, code, _ in errors] == [(FC_LINE, "CL101")]
    assert "expects 32*name.split('-')[2] input features" in errors[0][2]
    assert "64*name.split('-')[2]" in errors[0][2]


def test_the_right_head_is_clean():
    assert _errors(WIDE_NET.replace("LAST", "3")) == []


def test_a_piece_used_without_int_is_no_width():
    # `nn.Linear(config[2], ...)` passes a string: torch refuses it for another reason than widths
    source = WIDE_NET.replace("LAST", "3").replace("widen = int(config[2])", "widen = config[2]")
    assert [code for _, code, _ in _errors(source)] == []


@pytest.mark.parametrize("name", ["wrn-16-1", "wrn-16-2", "wrn-28-10"])
def test_torch_refuses_the_head_and_runs_the_right_one(name):
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        _model(WIDE_NET.replace("LAST", "2"))(name, 10)(torch.zeros(1, 3, 8, 8))
    assert _model(WIDE_NET.replace("LAST", "3"))(name, 10)(torch.zeros(1, 3, 8, 8)).shape == (1, 10)


COUNTED_NET = '''
import torch.nn as nn


class WideNet(nn.Module):
    def __init__(self, name, num_classes):
        super().__init__()
        config = name.split("-")
        depth = int(config[1])
        widen = int(config[2])
        n = (depth - 4) // 6
        self.conv1 = nn.Conv2d(3, 64 * widen, 3, padding=1)
        layers = []
        for i in range(int(n)):
            layers.append(nn.Conv2d(64 * widen, 64 * widen, 3, padding=1))
        self.body = nn.Sequential(*layers)
        self.bn = nn.BatchNorm2d(WIDTH * widen)

    def forward(self, x):
        return self.bn(self.body(self.conv1(x)))
'''

BN_LINE = 17


def test_a_loop_counted_by_a_piece_is_tried_at_each_count():
    errors = _errors(COUNTED_NET.replace("WIDTH", "32"))
    assert [(line, code) for line, code, _ in errors] == [(BN_LINE, "CL104")]
    assert "for name.split('-')[1] = 10, 16" in errors[0][2]
    assert _errors(COUNTED_NET.replace("WIDTH", "64")) == []


@pytest.mark.parametrize("name", ["wrn-10-1", "wrn-16-2"])
def test_torch_refuses_the_norm_after_the_counted_loop(name):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(COUNTED_NET.replace("WIDTH", "32"), "wide_net.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="running_mean should contain"):
        namespace["WideNet"](name, 10).eval()(torch.zeros(1, 3, 8, 8))
