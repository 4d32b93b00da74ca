"""One constructor argument asked for two widths (a block built with the model's input width at
every depth, `Block(in_dim, ch)`, where the previous block's width belongs): each layer alone fits
some value of the argument, the two together fit none, so the model fails for every value. The
error is reported where the argument is written; a model whose layers all ask the same value, or
that asks a second one only on a path a condition may skip, stays clean. Checked against torch
for every value that could fit."""

import pytest

from convlint import symbolic
from convlint.pipeline import Settings, lint_text
from convlint.values import Sym
from tests.source_lines import line_of

TEMPORAL = '''
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, n_in, n_out, k, dilation):
        super().__init__()
        pad = (k - 1) * dilation // 2
        self.conv1 = nn.Conv1d(n_in, n_out, k, padding=pad, dilation=dilation)
        self.conv2 = nn.Conv1d(n_out, n_out, k, padding=pad, dilation=dilation)
        self.skip = nn.Conv1d(n_in, n_out, 1) if n_in != n_out else None

    def forward(self, x):
        out = torch.relu(self.conv2(torch.relu(self.conv1(x))))
        res = x if self.skip is None else self.skip(x)
        return torch.relu(out + res)


class Net(nn.Module):
    def __init__(self, in_dim, n_classes, channels=(32, 64, 64), k=3):
        super().__init__()
        blocks = []
        prev = in_dim
        for i, ch in enumerate(channels):
            blocks.append(Block(prev, ch, k, 2 ** i))
            prev = ch
        self.body = nn.Sequential(*blocks)
        self.head = nn.Linear(prev, n_classes)

    def forward(self, x):
        return self.head(self.body(x).mean(-1))
'''
TEMPORAL_BUG = TEMPORAL.replace("Block(prev, ch, k, 2 ** i)", "Block(in_dim, ch, k, 2 ** i)")

NORMS = '''
import torch.nn as nn


class Stem(nn.Module):
    def __init__(self, width, n_classes):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(width * 2)
        self.head = nn.Linear(64, n_classes)

    def forward(self, x):
        x = self.bn1(self.conv1(x)).relu()
        x = self.bn2(self.conv2(x)).relu()
        return self.head(x.mean((2, 3)))
'''
NORMS_BUG = NORMS.replace("nn.BatchNorm2d(width * 2)", "nn.BatchNorm2d(width * 4)")

RECURRENT = '''
import torch.nn as nn


class CnnGru(nn.Module):
    def __init__(self, in_dim, n_classes, hidden=32):
        super().__init__()
        self.conv = nn.Conv1d(in_dim, 64, 5, padding=2)
        self.mix = nn.Conv1d(in_dim, 128, 1)
        self.gru = nn.GRU(input_size=in_dim * 2, hidden_size=hidden, batch_first=True)
        self.head = nn.Linear(hidden, n_classes)

    def forward(self, x):
        h = self.mix(self.conv(x)).transpose(1, 2)
        out, _ = self.gru(h)
        return self.head(out[:, -1])
'''
RECURRENT_BUG = RECURRENT.replace("nn.GRU(input_size=in_dim * 2", "nn.GRU(input_size=in_dim * 4")

# the second width is asked only when `deep` holds: a caller may never ask it
ON_A_PATH = NORMS_BUG.replace("def __init__(self, width, n_classes):", "def __init__(self, width, n_classes, deep):") \
    .replace("        x = self.bn2(self.conv2(x)).relu()\n",
             "        if self.deep:\n            x = self.bn2(self.conv2(x)).relu()\n") \
    .replace("        self.head = nn.Linear(64, n_classes)\n",
             "        self.head = nn.Linear(64, n_classes)\n        self.deep = deep\n")


def _errors(source: str) -> list[tuple]:
    result = lint_text(source, "net.py", Settings())
    return [(d.code, d.span.line, d.message) for d in result.diagnostics if d.severity == "error"]


def test_a_block_given_the_input_width_at_every_depth_is_blamed_where_the_width_is_passed():
    errors = _errors(TEMPORAL_BUG)
    assert [(code, line) for code, line, _ in errors] == [("CL103", line_of(TEMPORAL_BUG, "Block(in_dim, ch"))]
    message = errors[0][2]
    assert "in_dim = 64" in message and "in_dim = 32" in message and "no value of in_dim fits both" in message


def test_norms_asking_one_argument_for_two_widths_are_reported():
    errors = _errors(NORMS_BUG)
    assert [(code, line) for code, line, _ in errors] == [("CL104", line_of(NORMS_BUG, "BatchNorm2d(width * 4)"))]
    assert "width = 16" in errors[0][2] and "width = 32" in errors[0][2]


def test_a_recurrent_input_size_and_a_conv_asking_two_values_are_reported():
    errors = _errors(RECURRENT_BUG)
    assert [(code, line) for code, line, _ in errors] == [("CL109", line_of(RECURRENT_BUG, "nn.GRU("))]


@pytest.mark.parametrize("source", [TEMPORAL, NORMS, RECURRENT, ON_A_PATH], ids=["blocks", "norms", "gru", "path"])
def test_layers_asking_one_value_or_a_second_one_on_a_skippable_path_stay_clean(source):
    assert _errors(source) == []


def _runs(source: str, build, shape) -> bool:
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    try:
        with torch.no_grad():
            build(namespace).eval()(torch.zeros(*shape))
    except RuntimeError:
        return False
    return True


def test_torch_refuses_each_bug_for_every_value_that_could_fit_and_runs_the_fixes():
    for in_dim in (3, 32, 64):  # 32 and 64: what each block alone asks
        assert not _runs(TEMPORAL_BUG, lambda ns: ns["Net"](in_dim, 5), (2, in_dim, 40))
        assert _runs(TEMPORAL, lambda ns: ns["Net"](in_dim, 5), (2, in_dim, 40))
    for width in (16, 32):
        assert not _runs(NORMS_BUG, lambda ns: ns["Stem"](width, 10), (2, 3, 8, 8))
    assert _runs(NORMS, lambda ns: ns["Stem"](32, 10), (2, 3, 8, 8))
    for in_dim in (32, 64):
        assert not _runs(RECURRENT_BUG, lambda ns: ns["CnnGru"](in_dim, 4), (2, in_dim, 12))
    assert _runs(RECURRENT, lambda ns: ns["CnnGru"](64, 4), (2, 64, 12))


@pytest.mark.parametrize("form", [Sym("w"), Sym("w", scale=2), Sym("w", divisor=2), Sym("w", scale=3, offset=1, divisor=2),
                                  Sym(Sym("w", divisor=2), scale=4)])
def test_the_values_of_an_argument_giving_a_width_are_every_value_that_does(form):
    for wanted in range(1, 40):  # (a width is at least 1)
        found = symbolic.argument_values_at(form, wanted)
        brute = [v for v in range(0, 200) if symbolic.evaluate(form, v) == wanted]
        if brute:
            assert found == (brute[0], brute[-1]) and brute == list(range(brute[0], brute[-1] + 1))
        else:
            assert found is not None and found[0] > found[1]


# InstanceNorms that keep running statistics use their width as BatchNorm does (torch checks the
# running mean's size); those with neither affine nor running statistics only warn
TRACKED = NORMS_BUG.replace("nn.BatchNorm2d(width)", "nn.InstanceNorm2d(width, track_running_stats=True)") \
    .replace("nn.BatchNorm2d(width * 4)", "nn.InstanceNorm2d(width * 4, track_running_stats=True)")
UNTRACKED = NORMS_BUG.replace("nn.BatchNorm2d(width)", "nn.InstanceNorm2d(width)") \
    .replace("nn.BatchNorm2d(width * 4)", "nn.InstanceNorm2d(width * 4)")


def test_instance_norms_keeping_running_statistics_are_held_to_one_width_and_plain_ones_are_not():
    assert [(code, line) for code, line, _ in _errors(TRACKED)] == [
        ("CL104", line_of(TRACKED, "nn.InstanceNorm2d(width * 4, track_running_stats=True)"))]
    assert _errors(UNTRACKED) == []
    for width in (16, 32):
        assert not _runs(TRACKED, lambda ns: ns["Stem"](width, 10), (2, 3, 8, 8))
