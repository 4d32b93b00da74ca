"""Multi-stage refinement (a pose net's stages, each fed the backbone's features joined with the
previous stage's maps): the first stage's head giving one map fewer than the later stages' makes
the second stage's first conv refuse the cat. That conv's count is written once for every stage
and right for all the others; the first stage's head is the line to change."""

from __future__ import annotations

from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line

LOOPED = '''
import torch
import torch.nn as nn


def head(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, cout, 1))


class Net(nn.Module):
    def __init__(self, parts=10):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv2d(3, 64, 3, padding=1), nn.ReLU())
        self.first = nn.Conv2d(64, FIRST, 1)
        self.refine = nn.ModuleList([head(64 + CONSUMED, parts) for _ in range(3)])

    def forward(self, x):
        feats = self.backbone(x)
        maps = self.first(feats)
        outs = [maps]
        for stage in self.refine:
            maps = stage(torch.cat([feats, maps], 1))
            outs.append(maps)
        return outs[-1]
'''

TABLE = '''
from collections import OrderedDict

import torch
import torch.nn as nn


def make(rows):
    layers = []
    for name, v in rows.items():
        layers.append((name, nn.Conv2d(in_channels=v[0], out_channels=v[1], kernel_size=v[2], padding=v[3])))
        layers.append(("relu_" + name, nn.ReLU()))
    return nn.Sequential(OrderedDict(layers))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = make(OrderedDict([("conv1", [3, 32, 3, 1]), ("conv2", [32, 48, 3, 1])]))
        blocks = {"stage1": OrderedDict([("s1_conv1", [48, 64, 3, 1]),
                                         ("s1_out", [64, HEATMAPS, 1, 0])])}
        for i in range(2, 5):
            blocks["stage%d" % i] = OrderedDict([("s%d_conv1" % i, [70, 64, 3, 1]),
                                                 ("s%d_out" % i, [64, 22, 1, 0])])
        self.stages = nn.ModuleList([make(blocks["stage%d" % i]) for i in range(1, 5)])

    def forward(self, x):
        feats = self.stem(x)
        out = self.stages[0](feats)
        for stage in self.stages[1:]:
            out = stage(torch.cat([out, feats], 1))
        return out
'''


def test_the_first_stages_head_giving_too_few_maps_is_blamed_not_the_stages_conv():
    assert_bug_found_at_its_line(LOOPED, {"FIRST": "parts", "CONSUMED": "parts"},
                                 {"FIRST": "9", "CONSUMED": "parts"}, (2, 3, 32, 32),
                                 line_of(LOOPED, "self.first = "), "CL103", "stages.py")


def test_the_first_stages_row_of_a_table_is_blamed_where_its_number_is_written():
    assert_bug_found_at_its_line(TABLE, {"HEATMAPS": "22"}, {"HEATMAPS": "21"}, (2, 3, 32, 32),
                                 line_of(TABLE, '("s1_out", [64, HEATMAPS'), "CL103", "stages.py")


def test_a_count_every_stage_refuses_stays_at_the_stages_conv():
    """Written one too many for every stage: no other stage shows it right."""
    assert_bug_found_at_its_line(LOOPED, {"FIRST": "parts", "CONSUMED": "parts"},
                                 {"FIRST": "parts", "CONSUMED": "parts + 1"}, (2, 3, 32, 32),
                                 line_of(LOOPED, "head(64 + CONSUMED"), "CL103", "stages.py")


def test_a_single_refinement_stage_keeps_the_finding_at_its_conv():
    """One stage only: nothing shows which side of the cat is the slip; the conv stays blamed."""
    single = LOOPED.replace("for _ in range(3)", "for _ in range(1)")
    assert_bug_found_at_its_line(single, {"FIRST": "parts", "CONSUMED": "parts"},
                                 {"FIRST": "9", "CONSUMED": "parts"}, (2, 3, 32, 32),
                                 line_of(single, "head(64 + CONSUMED"), "CL103", "stages.py")
