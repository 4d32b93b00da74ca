"""Where a residual add breaks on the channels, the blame for the width looks back through the
layers that keep the channel count (a pool, an activation, a norm, a dropout between the block that
set the width and the add: an Xception exit flow's `x = pool(block(x)); x = x + proj(y)`) to the
call that set it, as it does where the block's output meets the add directly; a batch norm met on
the way, written for the same width, is edited with it. Each bug fails in torch; each fix runs."""

import pytest

from tests.torch_cases import assert_bug_found_at_its_line, built, filled, module_shapes

# the width set by a block's constructor call, then a channel-keeping layer, then the add
PAST = '''
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)

    def forward(self, x):
        return self.conv(torch.relu(x))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = Block(32, WIDTH)
        self.keep = KEEP
        self.proj = nn.Conv2d(32, 64, 1, stride=2)
        self.after = nn.Conv2d(64, 16, 3, padding=1)

    def forward(self, x):
        y = self.proj(x)
        x = self.keep(self.block(x))
        if self.keep_size:
            x = x[:, :, ::2, ::2]
        return self.after(x + y)
'''
KEEPING = {
    "pool": ("nn.MaxPool2d(3, stride=2, padding=1)", False),
    "avgpool": ("nn.AvgPool2d(2)", False),
    "pool-and-relu": ("nn.Sequential(nn.MaxPool2d(2), nn.ReLU())", False),
    "dropout-and-pool": ("nn.Sequential(nn.Dropout(0.1), nn.AvgPool2d(2))", False),
    "upsample-and-pool": ("nn.Sequential(nn.Upsample(scale_factor=2), nn.MaxPool2d(4))", False),
    "norm-and-pool": ("nn.Sequential(nn.BatchNorm2d(WIDTH), nn.ReLU(), nn.MaxPool2d(2))", False),
}


def _past(keep: str) -> str:
    layer, keeps_size = KEEPING[keep]
    return PAST.replace("KEEP", layer).replace(
        "        self.after", f"        self.keep_size = {keeps_size}\n        self.after")


@pytest.mark.parametrize("keep", sorted(KEEPING))
def test_the_width_is_blamed_at_the_call_setting_it_past_layers_keeping_the_channels(keep):
    source = _past(keep)
    line = source.splitlines().index("        self.block = Block(32, WIDTH)") + 1
    assert_bug_found_at_its_line(source, {"WIDTH": "64"}, {"WIDTH": "32"}, (2, 32, 16, 16), line, "CL107",
                                 f"past_{keep}.py")


@pytest.mark.parametrize("keep", sorted(KEEPING))
def test_the_fixed_model_matches_torch_shapes(keep):
    source = filled(_past(keep), {"WIDTH": "64"})
    model = built(source, f"past_{keep}.py")
    assert module_shapes(model, (2, 32, 16, 16))["after"] == (2, 16, 8, 8)


# one pool module called after every stage: the add's operand is its second call's output
SHARED_POOL = '''
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 16, 3, padding=1)
        self.conv3 = nn.Conv2d(16, WIDTH, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.short = nn.Conv2d(16, 32, 1, stride=2)
        self.head = nn.Conv2d(32, 10, 1)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.conv2(x)
        y = self.short(x)
        x = self.pool(F.relu(self.conv3(x)))
        return self.head(x + y)
'''


def test_a_pool_shared_by_the_stages_is_followed_back_from_the_call_that_made_the_operand():
    line = SHARED_POOL.splitlines().index("        self.conv3 = nn.Conv2d(16, WIDTH, 3, padding=1)") + 1
    assert_bug_found_at_its_line(SHARED_POOL, {"WIDTH": "32"}, {"WIDTH": "16"}, (2, 3, 32, 32), line, "CL107",
                                 "shared_pool.py")
    assert module_shapes(built(filled(SHARED_POOL, {"WIDTH": "32"}), "shared_pool.py"), (2, 3, 32, 32))["head"] \
        == (2, 10, 8, 8)
