"""Video and recurrent nets step through time: `for t in range(T)`, T a size of the input
(`b, t, c, h, w = x.size()`), calling a conv cell with the states the previous step left. With
no size given T is not known, and the loop used not to be followed at all (no row for the cell,
its bugs missed). Its body is now followed for a step of any index, from the states the loop
starts with, then again from what the steps agree on until those settle; what it appends to stays
unknown. Also: a block returning a fresh `torch.zeros` buffer it fills in that loop gives that
buffer's shape (it was dropped inside an nn.Sequential), and LayerNorm's normalized_shape is
compared entry by entry with symbolic widths (7*hid against 4*hid)."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, built, filled, module_shapes

torch = pytest.importorskip("torch")

CONVLSTM = '''
import torch
from torch import nn


class Cell(nn.Module):
    def __init__(self, cin, hid):
        super().__init__()
        self.hid = hid
        self.gates = nn.Conv2d(cin + hid, 4 * hid, 3, padding=PAD)

    def forward(self, x, h, c):
        i, f, o, g = torch.split(self.gates(torch.cat([x, h], dim=1)), self.hid, dim=1)
        c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        return torch.sigmoid(o) * torch.tanh(c), c


class Net(nn.Module):
    def __init__(self, cin, hid):
        super().__init__()
        self.hid = hid
        self.cell = Cell(cin, hid)
        self.head = nn.Conv2d(HEAD, 1, 1)

    def forward(self, x):
        b, t, _, hh, ww = x.size()
        h = torch.zeros(b, self.hid, hh, ww)
        c = torch.zeros(b, self.hid, hh, ww)
        for s in range(t):
            h, c = self.cell(x[:, s], h, c)
        return self.head(h)
'''


def build(namespace):
    return namespace["Net"](3, 16)


def errors(source, settings=None):
    return {(d.code, d.span.line) for d in lint_text(source, "clip.py", settings or Settings()).diagnostics
            if d.severity == "error"}


def test_a_cell_stepped_over_the_frames_is_checked_with_no_size_given():
    # the gate conv lacks padding: its gates are 2 pixels smaller than the zero state c
    source = CONVLSTM.replace("HEAD", "hid")
    wrong, right = source.replace("PAD", "0"), source.replace("PAD", "1")
    with pytest.raises(RuntimeError):
        module_shapes(built(wrong, "clip.py", build), (2, 5, 3, 32, 32))
    module_shapes(built(right, "clip.py", build), (2, 5, 3, 32, 32))
    # at the conv's padding (the fix), or at the product torch stops at
    assert errors(wrong) & {("CL107", line_of(wrong, "self.gates = nn.Conv2d(")),
                            ("CL107", line_of(wrong, "c = torch.sigmoid(f) * c"))}
    assert errors(right) == set()
    # the same with the clip's channels known (3 x H x W frames)
    known = wrong.replace("nn.Conv2d(cin + hid", "nn.Conv2d(3 + hid")
    assert errors(known) & {("CL107", line_of(known, "self.gates = nn.Conv2d(")),
                            ("CL107", line_of(known, "c = torch.sigmoid(f) * c"))}


def test_the_state_a_loop_carries_reaches_the_layer_after_it():
    source = CONVLSTM.replace("PAD", "1")
    wrong, right = source.replace("HEAD", "2 * hid"), source.replace("HEAD", "hid")
    with pytest.raises(RuntimeError):
        module_shapes(built(wrong, "clip.py", build), (2, 5, 3, 32, 32))
    assert ("CL103", line_of(wrong, "self.head = nn.Conv2d(")) in errors(wrong)
    assert errors(right) == set()
    assert_shapes_equal_torch(right, (2, 5, 3, 32, 32), "clip.py", build=build,
                              settings=Settings(input_shapes={"Net": (2, 5, 3, 32, 32)},
                                                model_args={"Net": ((3, 16), {})}))


def test_the_cell_has_rows_in_the_summary_and_the_costs_are_not_counted():
    result = lint_text(CONVLSTM.replace("PAD", "1").replace("HEAD", "hid"), "clip.py", Settings())
    (model,) = [m for m in result.models if m.name == "Net"]
    assert {c.node.path for c in model.calls} >= {"cell", "cell.gates", "head"}
    assert model.uncounted_loops  # how often the cell runs is not known: no total of mult-adds


LISTED = '''
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self, cin, hid):
        super().__init__()
        self.hid = hid
        self.step = nn.Conv2d(cin + hid, hid, 3, padding=1)
        self.head = nn.Conv2d(hid * 5, 1, 1)

    def forward(self, x):
        b, t, _, hh, ww = x.size()
        h = torch.zeros(b, self.hid, hh, ww)
        outs = []
        for s in range(t):
            h = torch.tanh(self.step(torch.cat([x[:, s], h], dim=1)))
            outs.append(h)
        return self.head(torch.cat(outs, dim=1))
'''


def test_what_the_steps_append_to_is_not_taken_for_one_step():
    # the list holds T states: one step's single item would make the head's hid * 5 look wrong
    built(LISTED, "listed.py", build)(torch.zeros(2, 5, 3, 8, 8))
    assert errors(LISTED) == set()


GROWING = '''
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(8, 8, 3)
        self.head = nn.Conv2d(8, 4, 1)

    def forward(self, x):
        b, t, c, hh, ww = x.size()
        h = torch.zeros(b, 8, hh, ww)
        for s in range(t):
            h = self.conv(h) + 1
        return self.head(h)
'''


def test_a_state_that_changes_every_step_is_not_known_after_the_loop():
    # each step shrinks h by 2 pixels: no later step is taken for the first (torch runs at 2x3x8x32x32)
    built(GROWING, "growing.py", lambda ns: ns["Net"]())(torch.zeros(2, 3, 8, 32, 32))
    assert errors(GROWING) == set()
    (model,) = [m for m in lint_text(GROWING, "growing.py", Settings()).models if m.name == "Net"]
    head = [c for c in model.calls if c.node.path == "head"]
    assert head and all(c.input.shape.dims is None or not all(isinstance(d, int) for d in c.input.shape.dims[2:])
                        for c in head)


BUFFER = '''
import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, cin, hid):
        super().__init__()
        self.hid = hid
        self.conv = nn.Conv2d(cin + hid, hid, 3, padding=1)

    def forward(self, x):
        b, _, t, hh, ww = x.size()
        h = torch.zeros(b, self.hid, hh, ww)
        out = torch.zeros(b, self.hid, t, hh, ww)
        for s in range(t):
            h = torch.tanh(self.conv(torch.cat([x[:, :, s], h], dim=1)))
            out[:, :, s] = h
        return out


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.seq = nn.Sequential()
        self.seq.add_module("block", Block(1, 8))
        self.seq.add_module("norm", nn.LayerNorm([WIDTH, 3, 8, 8]))

    def forward(self, x):
        return self.seq(x)
'''


@pytest.mark.parametrize("given", [True, False], ids=["input-size-given", "no-options"])
def test_a_block_returning_a_fresh_buffer_gives_its_shape_in_a_sequential(given):
    wrong, right = BUFFER.replace("WIDTH", "4"), BUFFER.replace("WIDTH", "8")
    with pytest.raises(RuntimeError):
        module_shapes(built(wrong, "buffer.py"), (2, 1, 3, 8, 8))
    settings = Settings(input_shapes={"Net": (2, 1, 3, 8, 8)}) if given else Settings()
    found = lint_text(wrong, "buffer.py", settings).diagnostics
    assert ("CL104", line_of(wrong, 'add_module("norm"')) in {(d.code, d.span.line) for d in found}
    assert not [d for d in found if d.code == "CL207"]  # the norm runs: it is no unused layer
    assert errors(right, settings) == set()
    if given:
        assert_shapes_equal_torch(right, (2, 1, 3, 8, 8), "buffer.py")


GATES = '''
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self, cin, hid, width):
        super().__init__()
        self.hid = hid
        self.gates = nn.Sequential(
            nn.Conv2d(cin, hid * 7, 3, padding=1),
            nn.LayerNorm([hid * GATES, width, width]),
        )

    def forward(self, x):
        i, f, g, i2, f2, g2, o = torch.split(self.gates(x), self.hid, dim=1)
        return torch.sigmoid(i) * torch.tanh(g)
'''


def test_layernorm_widths_of_an_argument_are_compared_entry_by_entry():
    # 4*hid against the 7*hid the conv gives: wrong for every hid, whatever the map's size
    assert_bug_found_at_its_line(GATES, {"GATES": "7"}, {"GATES": "4"}, (2, 4, 8, 8),
                                 line_of(GATES, "nn.LayerNorm(["), "CL104", "gates.py",
                                 lambda ns: ns["Net"](4, 16, 8))
    message = next(d.message for d in lint_text(GATES.replace("GATES", "4"), "gates.py", Settings()).diagnostics
                   if d.code == "CL104")
    assert "[4*hid, width, width]" in message


def test_layernorm_of_a_width_that_may_match_is_not_an_error():
    # `width` against the map's H: equal for the inputs the model is meant for
    assert errors(GATES.replace("GATES", "7")) == set()


PADS = '''
import torch
from torch import nn


class PoolSame(nn.Module):
    def __init__(self, stride):
        super().__init__()
        self.stride = stride
        self.pads = PADS_HELD
        self.pool = nn.MaxPool3d(3, stride, ceil_mode=True)

    def forward(self, x):
        pad = self.pads[x.shape[2] % self.stride]
        return self.pool(pad(x))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv3d(3, 32, 3, padding=1)
        self.pool = PoolSame(2)
        self.conv = nn.Conv3d(WIDTH, 64, 1)

    def forward(self, x):
        return self.conv(self.pool(self.stem(x)))
'''
HELD = {  # a plain list of pads (TF "SAME" padding by the parity of the depth), or a ModuleList
    "list": "[nn.ConstantPad3d((0, 1, 0, 1, 1, 1), 0), nn.ConstantPad3d((0, 1, 0, 1, 0, 1), 0)]",
    "module-list": "nn.ModuleList([nn.ConstantPad3d((0, 1, 0, 1, 1, 1), 0), nn.ConstantPad3d((0, 1, 0, 1, 0, 1), 0)])",
}


@pytest.mark.parametrize("held", HELD.values(), ids=HELD.keys())
def test_a_module_picked_by_an_index_not_known_is_one_of_them(held):
    # each pad keeps the 32 channels: the conv after the pool takes 16
    source = PADS.replace("PADS_HELD", held)
    assert_bug_found_at_its_line(source, {"WIDTH": "32"}, {"WIDTH": "16"}, (2, 3, 16, 32, 32),
                                 line_of(source, "self.conv = nn.Conv3d("), "CL103", "pads.py")




def test_a_module_picked_by_an_index_not_known_even_as_a_number():
    # `self.pads[parity(x)]` of a helper convlint cannot read (in the real I3D: the input's depth read
    # before any layer fixed its rank): a list index is an int, or a one-element tensor, or raises
    source = PADS.replace("PADS_HELD", HELD["list"]).replace(
        "pad = self.pads[x.shape[2] % self.stride]", "pad = self.pads[parity(x)]").replace(
        "from torch import nn\n", "from torch import nn\n\n\ndef parity(x):\n    return unknown_helper(x) % 2\n", 1)
    line = line_of(source, "self.conv = nn.Conv3d(")
    wrong, right = source.replace("WIDTH", "16"), source.replace("WIDTH", "32")
    assert ("CL103", line) in errors(wrong)
    assert errors(right) == set()


# a CRNN's encoder: a 2-d CNN run on each frame of the clip, the frames counted by x.size(1)
# before any layer has told the input's rank; `x[:, t, :, :, :]` spells it out
FRAME_ENCODER = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, embed=32):
        super().__init__()
        self.conv1 = nn.Sequential(nn.Conv2d(3, 16, 5, stride=2), nn.BatchNorm2d(16), nn.ReLU())
        self.conv2 = nn.Sequential(nn.Conv2d(WIDTH, 32, 3, stride=2), nn.BatchNorm2d(32), nn.ReLU())
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(32, embed)

    def forward(self, x_3d):
        steps = []
        for t in range(x_3d.size(1)):
            x = self.conv2(self.conv1(x_3d[:, t, :, :, :]))
            steps.append(self.fc(self.pool(x).flatten(1)))
        return torch.stack(steps, dim=0).transpose_(0, 1)
'''


def test_a_cnn_run_on_each_frame_counted_by_a_size_read_before_a_layer_is_checked():
    assert_bug_found_at_its_line(FRAME_ENCODER, {"WIDTH": "16"}, {"WIDTH": "8"}, (2, 4, 3, 40, 48),
                                 line_of(FRAME_ENCODER, "self.conv2 = nn.Sequential("), "CL103", "clip.py")
    assert_shapes_equal_torch(filled(FRAME_ENCODER, {"WIDTH": "16"}), (2, 4, 3, 40, 48), "clip.py")


def test_with_no_size_given_the_frames_are_a_dim_of_their_own():
    result = lint_text(filled(FRAME_ENCODER, {"WIDTH": "16"}), "clip.py", Settings())
    (model,) = [m for m in result.models if m.name == "Net"]
    assert str(model.input_shape) == "NxLx3xHxW"
    assert {c.node.path for c in model.calls} >= {"conv1.0", "conv2.0", "fc"}
    assert model.uncounted_loops


# the frames' features collected one per step, then stacked into the sequence an LSTM reads
FRAME_SEQUENCE = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, embed=32, hidden=16, classes=5):
        super().__init__()
        self.cnn = nn.Sequential(nn.Conv2d(3, 16, 3, stride=2), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                                 nn.Linear(16, embed))
        self.rnn = nn.LSTM(WIDTH, hidden, batch_first=True)
        self.fc = nn.Linear(hidden, classes)

    def forward(self, x):
        feats = []
        for t in range(x.size(1)):
            feats.append(self.cnn(x[:, t, :, :, :]))
        out, _ = self.rnn(torch.stack(feats, dim=1))
        return self.fc(out[:, -1, :])
'''


def test_a_list_appended_once_per_step_stacks_to_the_count_of_steps():
    assert_bug_found_at_its_line(FRAME_SEQUENCE, {"WIDTH": "embed"}, {"WIDTH": "embed * 2"}, (2, 4, 3, 16, 16),
                                 line_of(FRAME_SEQUENCE, "self.rnn = nn.LSTM("), "CL109", "clip.py")
    assert_shapes_equal_torch(filled(FRAME_SEQUENCE, {"WIDTH": "embed"}), (2, 4, 3, 16, 16), "clip.py")
    result = lint_text(filled(FRAME_SEQUENCE, {"WIDTH": "embed"}), "clip.py", Settings())
    (model,) = [m for m in result.models if m.name == "Net"]
    assert {str(c.output.shape) for c in model.calls if c.node.path == "rnn"} == {"NxLx16"}


@pytest.mark.parametrize("body", [
    "if t > 0:\n                feats.append(self.cnn(x[:, t]))",  # not every step
    "feats.append(self.cnn(x[:, t]))\n            feats.append(self.cnn(x[:, t]))",  # two a step
    "feats.append(self.cnn(x[:, t]))\n            if t == 2:\n                break",  # may stop early
])
def test_a_list_not_surely_appended_once_per_step_stays_unknown(body):
    source = filled(FRAME_SEQUENCE, {"WIDTH": "embed"}).replace(
        "feats.append(self.cnn(x[:, t, :, :, :]))", body)
    result = lint_text(source, "clip.py", Settings())
    (model,) = [m for m in result.models if m.name == "Net"]
    assert not [c for c in model.calls if c.node.path == "rnn" and c.input.shape.dims is not None]
    assert not [d for d in result.diagnostics if d.severity == "error"]


# each step of a sequence of 1-d signals fed to a Conv1d, whose own length is L already
SIGNAL_STEPS = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(4, 8, 3)
        self.fc = nn.Linear(WIDTH, 2)

    def forward(self, x):
        outs = []
        for t in range(x.size(1)):
            outs.append(self.conv(x[:, t]).mean(-1))
        return self.fc(torch.stack(outs, 1))
'''


def test_the_steps_of_signals_a_conv1d_reads_are_a_side_of_their_own():
    assert_bug_found_at_its_line(SIGNAL_STEPS, {"WIDTH": "8"}, {"WIDTH": "4"}, (2, 5, 4, 10),
                                 line_of(SIGNAL_STEPS, "self.fc = nn.Linear("), "CL101", "signal.py")
    assert_shapes_equal_torch(filled(SIGNAL_STEPS, {"WIDTH": "8"}), (2, 5, 4, 10), "signal.py")
    result = lint_text(filled(SIGNAL_STEPS, {"WIDTH": "8"}), "signal.py", Settings())
    (model,) = [m for m in result.models if m.name == "Net"]
    assert str(model.input_shape) == "NxDx4xL"


def test_a_loop_over_a_size_of_an_input_no_layer_ranks_says_so_plainly():
    source = SIGNAL_STEPS.replace("self.conv(x[:, t]).mean(-1)", "x[:, t]").replace("WIDTH", "4")
    (model,) = [m for m in lint_text(source, "signal.py", Settings()).models if m.name == "Net"]
    assert any("range(a size of the input)" in u.why for u in model.unresolved)
