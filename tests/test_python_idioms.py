"""Plain Python and torch idioms of real model code, each followed as torch runs it: every module's
output shape equals torch's (forward hooks), and the one-line bug each model is written to show is
found at its line, while the correct variant stays clean."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, built, filled, module_shapes

torch = pytest.importorskip("torch")

# ModuleDict.update({f"...": module}) in a loop, and the f-string lookup of forward
MODULE_DICT_UPDATE = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, feat=8):
        super().__init__()
        self.head = nn.Conv2d(3, feat, 3, 1, 1)
        self.down = nn.ModuleDict()
        for s in [2, 4]:
            self.down.update({f"{feat}_{s}": nn.Conv2d(feat, WIDTH, 3, s, 1)})
        self.down.update([("last", nn.Conv2d(feat, feat, 1))])

    def forward(self, x):
        x = self.head(x)
        x = self.down[f"{x.size(1)}_{2}"](x)
        return self.down["last"](x)
'''

# `kind is 'wide'`: identifier-like string literals are one object in CPython
STRING_IDENTITY = '''
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, cin, cout, kind="normal"):
        super().__init__()
        stride = 2 if kind is "wide" else 1
        self.conv = nn.Conv2d(cin, cout * 2 if kind is "wide" else cout, 3, stride, 1)

    def forward(self, x):
        return self.conv(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.b1 = Block(3, 8, "wide")
        self.b2 = Block(WIDTH, 8)
        self.fc = nn.Linear(8 * 8 * 8, 10)

    def forward(self, x):
        return self.fc(self.b2(self.b1(x)).flatten(1))
'''

# int.bit_length(): how many doublings a generator's output size takes
BIT_LENGTH = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, z=16, out_size=32, ch=8):
        super().__init__()
        n = out_size.bit_length() - 4
        d = ch * 2 ** n
        self.up0 = nn.ConvTranspose2d(z, d, 4, 1, 0, bias=False)
        self.bn0 = nn.BatchNorm2d(WIDTH)
        self.out = nn.ConvTranspose2d(d, 3, 4, 2, 1)

    def forward(self, x):
        return self.out(self.bn0(self.up0(x)))
'''

# torch.index_select with torch.arange(min(...)) cropping two maps to the shorter (1-D U-Nets)
INDEX_SELECT_CROP = '''
import torch
import torch.nn as nn


def crop(a, b, axis=-1):
    n = min(a.shape[axis], b.shape[axis])
    idx = torch.arange(n)
    return torch.index_select(a, axis, idx), torch.index_select(b, axis, idx)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv1d(1, 8, 3, padding=1)
        self.up = nn.Sequential(nn.MaxPool1d(2), nn.Upsample(scale_factor=2), nn.Conv1d(8, 8, 3, padding=1))
        self.c3 = nn.Conv1d(WIDTH, 8, 3, padding=1)

    def forward(self, x):
        a = self.c1(x)
        b, a = crop(self.up(a), a)
        return self.c3(torch.cat([b, a], 1))
'''

# `self.training = training` in __init__: eval() sets the flag forward reads
TRAINING_ASSIGNED = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, training=True):
        super().__init__()
        self.training = training
        self.a = nn.Conv2d(1, 4, 3, padding=1)
        self.b = nn.Conv2d(4, 2, 1)
        self.fc = nn.Linear(WIDTH, 3)

    def forward(self, x):
        y = self.a(x)
        z = self.b(y)
        if self.training is True:
            return y, z
        return self.fc(z.mean((2, 3)))
'''

# an anti-aliased downsample: a blur filter from np.array taps as F.conv2d's weight, picked from a
# ModuleDict by a key made with np.abs
BLUR_POOL = '''
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class Blur(nn.Module):
    def __init__(self, channels, stride=2):
        super().__init__()
        self.stride = stride
        a = np.array([1., 2., 1.])
        filt = torch.Tensor(a[:, None] * a[None, :])
        filt = filt / torch.sum(filt)
        self.register_buffer("filt", filt[None, None, :, :].repeat((channels, 1, 1, 1)))
        self.pad = nn.ReflectionPad2d(1)

    def forward(self, x):
        return F.conv2d(self.pad(x), self.filt, stride=self.stride, groups=x.shape[1])


class Net(nn.Module):
    def __init__(self, feat=8):
        super().__init__()
        self.head = nn.Conv2d(3, feat, 3, padding=1)
        self.down = nn.ModuleDict({f"{feat}_{2 ** np.abs(0 - 1)}": Blur(feat)})
        self.tail = nn.Conv2d(WIDTH, 4, 1)

    def forward(self, x):
        x = self.head(x)
        x = self.down[f"{x.size(1)}_{2 ** np.abs(1 - 0)}"](x)
        return self.tail(x)
'''

# eval('self.layer%d' % i) in forward: an attribute looked up by a name built at run time
EVAL_ATTRIBUTE = """
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer1 = nn.Conv2d(3, 8, 3, padding=1)
        self.layer2 = nn.Conv2d(8, 16, 3, stride=2, padding=1)
        self.layer3 = nn.Conv2d(WIDTH, 32, 3, stride=2, padding=1)

    def forward(self, x):
        for i in range(1, 4):
            x = eval("self.layer%d" % i)(x)
        return x
"""

# np.ceil of an int made an int by astype: a float64 or an int64 by numpy's version, the value either way
NUMPY_CEIL = """
import numpy as np
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, patches=3, patch_size=8):
        super().__init__()
        window = np.ceil(patches * patch_size).astype(int)
        self.conv = nn.Conv1d(1, 4, 3, padding=1)
        self.pool = nn.AvgPool1d(window)
        self.fc = nn.Linear(WIDTH, 2)

    def forward(self, x):
        return self.fc(self.pool(self.conv(x)).flatten(1))
"""

# a conv-size helper of student code: np.floor of a float (a float64) made an int by astype
NUMPY_FLOOR_ASTYPE = """
import numpy as np
import torch.nn as nn


def conv_output_size(size, padding, kernel, stride):
    return (np.floor((size[0] + 2 * padding - kernel) / stride + 1).astype(int),
            np.floor((size[1] + 2 * padding - kernel) / stride + 1).astype(np.int64))


class Net(nn.Module):
    def __init__(self, img_size=30):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 5, stride=2)
        out = conv_output_size((img_size, img_size), 0, 5, 2)
        self.fc = nn.Linear(WIDTH * out[0] * out[1], 10)

    def forward(self, x):
        return self.fc(self.conv(x).flatten(1))
"""

# a head reading the wrong one of two locals, one picked by an index from a settings list: the
# Linear's line is what to change, not the line that picks the setting
INDEXED_SETTING = """
import torch.nn as nn


class ConvBN(nn.Sequential):
    def __init__(self, cin, cout):
        super().__init__(nn.Conv2d(cin, cout, 1), nn.BatchNorm2d(cout))


class Net(nn.Module):
    def __init__(self, settings=((3, 16), (16, 32)), num_classes=10):
        super().__init__()
        self.features = nn.Sequential(*[nn.Conv2d(cin, cout, 3, padding=1) for cin, cout in settings])
        last_in = settings[-1][1]
        last_out = 4 * last_in
        self.head = ConvBN(last_in, last_out)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(WIDTH, num_classes)

    def forward(self, x):
        return self.fc(self.pool(self.head(self.features(x))).flatten(1))
"""

# np.mod of ints (anti-aliased resampling's odd-filter test) deciding a crop
NUMPY_MOD = """
import numpy as np
import torch.nn as nn


class Resample(nn.Module):
    def __init__(self, filt_size=3):
        super().__init__()
        self.odd = np.mod(filt_size, 2) == 1

    def forward(self, x):
        if self.odd:
            return x
        return x[:, :, :-1, :-1]


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.resample = Resample(3)

    def forward(self, x):
        y = self.conv(x)
        return self.resample(y) + WIDTH
"""

# a slice of a Sequential keeps its keys (features[1:] holds "1", "2"), as torch names them
SEQUENTIAL_SLICE = """
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        features = nn.Sequential(nn.Conv2d(3, 8, 3), nn.Conv2d(8, 16, 3), nn.Conv2d(16, 32, 3))
        self.stem = features[:1]
        self.tail = features[1:]
        self.head = nn.Conv2d(WIDTH, 4, 1)

    def forward(self, x):
        return self.head(self.tail(self.stem(x)))
"""

# `feats[1:] = [...]` replaces those items of the list (an FPN's lateral convs over the deeper maps)
LIST_SLICE = """
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.deep = nn.Conv2d(16, 32, 3, padding=1)
        self.lateral = nn.ModuleList([nn.Conv2d(16, 8, 1), nn.Conv2d(32, 8, 1)])
        self.fuse = nn.Conv2d(WIDTH, 4, 1)

    def forward(self, x):
        a = self.stem(x)
        feats = [x, a, self.deep(a)]
        feats[1:] = [conv(f) for f, conv in zip(feats[1:], self.lateral)]
        return self.fuse(torch.cat(feats[1:], 1))
"""

# a causal TCN's cumulative layer norm: running sums over time (cumsum), the count of steps made
# with numpy, and the statistics spread back over the map with expand_as
CUMULATIVE_NORM = '''
import numpy as np
import torch
import torch.nn as nn


class CumulativeLN(nn.Module):
    def __init__(self, dim, eps=1e-8):
        super().__init__()
        self.eps = eps
        self.gain = nn.Parameter(torch.ones(1, dim, 1))
        self.bias = nn.Parameter(torch.zeros(1, dim, 1))

    def forward(self, x):
        channels = x.size(1)
        cum_sum = torch.cumsum(x.sum(1), dim=1)
        cum_pow_sum = x.pow(2).sum(1).cumsum(1)
        count = torch.from_numpy(np.arange(channels, channels * (x.size(2) + 1), channels)).type(x.type())
        count = count.view(1, -1).expand_as(cum_sum)
        mean = cum_sum / count
        var = (cum_pow_sum - 2 * mean * cum_sum) / count + mean.pow(2)
        std = (var + self.eps).sqrt()
        x = (x - mean.unsqueeze(1).expand_as(x)) / std.unsqueeze(1).expand_as(x)
        return x * self.gain.expand_as(x) + self.bias.expand_as(x)


class Net(nn.Module):
    def __init__(self, c=16, h=64):
        super().__init__()
        self.enc = nn.Conv1d(1, c, 4, stride=2)
        self.inp = nn.Conv1d(c, h, 1)
        self.norm = CumulativeLN(h)
        self.out = nn.Conv1d(WIDTH, c, 1)

    def forward(self, x):
        x = self.enc(x)
        return x + self.out(self.norm(self.inp(x)))
'''

# A loop freezing a Sequential's norm layer through an index (`seq._modules['1']`, `seq[1]`): the
# index is read, the loop writes requires_grad only, so the Sequential stays known
FREEZE_LOOP = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, stride=2, padding=1)
        down = nn.Sequential(nn.Conv2d(16, 32, 1, bias=False), nn.BatchNorm2d(32))
        for i in down._modules['1'].parameters():
            i.requires_grad = False
        for p in down[0].parameters():
            p.requires_grad = False
        self.down = down
        self.head = nn.Conv2d(WIDTH, 5, 3, padding=1)

    def forward(self, x):
        return self.head(torch.relu(self.down(self.stem(x))))
'''


# `getattr(self.block_cls, "expansion", 1)` of a block class: its body's `expansion`, a base's,
# or the default where no class of the chain could have it
CLASS_GETATTR = '''
import torch.nn as nn
import torch.nn.functional as F


class Plain(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1, bias=False)
        self.shortcut = nn.Sequential()
        if cin != cout:
            self.shortcut.add_module("proj", nn.Conv2d(cin, cout, 1, bias=False))

    def forward(self, x):
        return self.conv(x) + self.shortcut(x)


class Wide(Plain):
    expansion = 2

    def __init__(self, cin, cout):
        super().__init__(cin, cout * 2)


class Wider(Wide):
    pass


class Net(nn.Module):
    def __init__(self, block=BLOCK, num_classes=10):
        super().__init__()
        self.block_cls = block
        self.expansion = getattr(self.block_cls, "expansion", 1)
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.b1 = self.block_cls(16, 32)
        self.b2 = self.block_cls(32 * self.expansion, 32)
        self.fc = nn.Linear(WIDTH, num_classes)

    def forward(self, x):
        x = self.b2(self.b1(self.stem(x)))
        return self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))
'''


# `sum(list_of_lists, [])`: Python's list flattening, a stage's stride then ones (ReXNet)
SUM_FLATTEN = '''
import torch.nn as nn
from math import ceil


class Net(nn.Module):
    def __init__(self, depth_mult=1.0):
        super().__init__()
        layers = [ceil(n * depth_mult) for n in [1, 2, 2]]
        strides = sum([[s] + [1] * (layers[i] - 1) for i, s in enumerate([2, 2, 2])], [])
        chans = [16, 32, 48, 64, 48]
        feats, cin = [], 3
        for c, s in zip(chans, strides):
            feats.append(nn.Conv2d(cin, c, 3, s, 1))
            cin = c
        self.features = nn.Sequential(*feats)
        self.head = nn.Conv2d(WIDTH, 10, 1)

    def forward(self, x):
        return self.head(self.features(x))
'''

# `type(x) is list` of an option that takes an int or a list (PeleeNet's growth rate)
TYPE_OF_PLAIN = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, widths=32, half=(8,)):
        super().__init__()
        if type(widths) is list:
            ws = widths
        else:
            ws = [widths] * 2
        if type(half) == list or type(half) not in (tuple, list):
            half = [16]
        self.c1 = nn.Conv2d(3, ws[0], 3, padding=1)
        self.c2 = nn.Conv2d(WIDTH, half[0], 3, padding=1)

    def forward(self, x):
        return self.c2(self.c1(x))
'''

# `x if type(x) is tuple else (x, None)`: an octave conv taking a tensor or a (high, low) pair
OCTAVE_PAIR = '''
import torch
import torch.nn as nn


class OctConv(nn.Module):
    def __init__(self, cin, cout, alpha=0.5):
        super().__init__()
        self.h = nn.Conv2d(cin, cout, 3, padding=1)
        self.l = nn.Conv2d(cin, cout, 3, padding=1)

    def forward(self, x):
        x_h, x_l = x if type(x) is tuple else (x, None)
        y_h = self.h(x_h)
        y_l = self.l(x_h) if x_l is None else self.l(x_l)
        return y_h, y_l


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = OctConv(3, 16)
        self.b = OctConv(16, 32)
        self.fc = nn.Linear(WIDTH, 10)

    def forward(self, x):
        h, l = self.b(self.a(x))
        return self.fc(torch.flatten(nn.functional.adaptive_avg_pool2d(h + l, 1), 1))
'''

# `_ntuple(6)(padding)`: an old 3-D pad wrapper, written before nn.ReplicationPad3d took an int
NTUPLE_PAD = '''
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.modules.utils import _ntuple


class Pad3d(nn.Module):
    def __init__(self, padding):
        super().__init__()
        self.padding = _ntuple(6)(padding)

    def forward(self, x):
        return F.pad(x, self.padding, mode="replicate")


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.pad = Pad3d(WIDTH)
        self.conv = nn.Conv3d(4, 4, kernel_size=3)

    def forward(self, x):
        return x + self.conv(self.pad(x))
'''

# `[x := block(x) for block in blocks]`: the assignment expression rebinds the function's x (PEP 572)
WALRUS_CHAIN = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, n=8, d=2):
        super().__init__()
        self.stem = nn.Conv2d(3, n, 3, padding=1)
        self.down = nn.ModuleList([nn.Conv2d(n * 2 ** i, n * 2 ** (i + 1), 4, 2, 1) for i in range(d)])
        self.up = nn.ModuleList([nn.Conv2d(WIDTH, n * 2 ** (d - i - 1), 3, padding=1) for i in range(d)])

    def forward(self, x):
        x = self.stem(x)
        skip = x
        down = [x := block(x) for block in self.down]
        for i, block in enumerate(self.up):
            y = torch.add(x, down[len(down) - 1 - i]) if i != 0 else x
            x = block(F.interpolate(y, scale_factor=2, mode="nearest"))
        return x + skip
'''

CASES = {  # source, the input, the right value, a wrong one, the bug's line, its code
    "module_dict_update": (MODULE_DICT_UPDATE, (2, 3, 16, 16), {"WIDTH": "feat"}, {"WIDTH": "16"}, 12, "CL103"),
    "string_identity": (STRING_IDENTITY, (2, 3, 16, 16), {"WIDTH": "16"}, {"WIDTH": "8"}, 19, "CL103"),
    "bit_length": (BIT_LENGTH, (2, 16, 1, 1), {"WIDTH": "d"}, {"WIDTH": "d * 2"}, 11, "CL104"),
    "index_select_crop": (INDEX_SELECT_CROP, (2, 1, 20), {"WIDTH": "16"}, {"WIDTH": "8"}, 17, "CL103"),
    "blur_pool": (BLUR_POOL, (2, 3, 16, 16), {"WIDTH": "feat"}, {"WIDTH": "16"}, 27, "CL103"),
    "eval_attribute": (EVAL_ATTRIBUTE, (2, 3, 16, 16), {"WIDTH": "16"}, {"WIDTH": "8"}, 10, "CL103"),
    "numpy_ceil": (NUMPY_CEIL, (2, 1, 24), {"WIDTH": "4"}, {"WIDTH": "6"}, 12, "CL101"),
    "numpy_floor_astype": (NUMPY_FLOOR_ASTYPE, (2, 3, 30, 30), {"WIDTH": "8"}, {"WIDTH": "4"}, 16, "CL101"),
    "indexed_setting": (INDEXED_SETTING, (2, 3, 8, 8), {"WIDTH": "last_out"}, {"WIDTH": "last_in"}, 18, "CL101"),
    "training_assigned": (TRAINING_ASSIGNED, (2, 1, 8, 8), {"WIDTH": "2"}, {"WIDTH": "4"}, 11, "CL101"),
    "numpy_mod": (NUMPY_MOD, (2, 3, 16, 16), {"WIDTH": "y"}, {"WIDTH": "y[:, :, 1:, 1:]"}, 25, "CL107"),
    "sequential_slice": (SEQUENTIAL_SLICE, (2, 3, 16, 16), {"WIDTH": "32"}, {"WIDTH": "16"}, 11, "CL103"),
    "cumulative_norm": (CUMULATIVE_NORM, (2, 1, 100), {"WIDTH": "h"}, {"WIDTH": "c"}, 33, "CL103"),
    "freeze_loop": (FREEZE_LOOP, (2, 3, 16, 16), {"WIDTH": "32"}, {"WIDTH": "16"}, 16, "CL103"),
    "list_slice": (LIST_SLICE, (2, 3, 16, 16), {"WIDTH": "16"}, {"WIDTH": "48"}, 12, "CL103"),
    "class_getattr_inherited": (CLASS_GETATTR, (2, 3, 8, 8), {"BLOCK": "Wider", "WIDTH": "32 * self.expansion"},
                                {"BLOCK": "Wider", "WIDTH": "32"}, 37, "CL101"),
    "class_getattr_default": (CLASS_GETATTR, (2, 3, 8, 8), {"BLOCK": "Plain", "WIDTH": "32 * self.expansion"},
                              {"BLOCK": "Plain", "WIDTH": "64"}, 37, "CL101"),
    "sum_flatten": (SUM_FLATTEN, (2, 3, 32, 32), {"WIDTH": "48"}, {"WIDTH": "64"}, 17, "CL103"),
    "octave_pair": (OCTAVE_PAIR, (2, 3, 16, 16), {"WIDTH": "32"}, {"WIDTH": "16"}, 24, "CL101"),
    "type_of_plain": (TYPE_OF_PLAIN, (2, 3, 16, 16), {"WIDTH": "ws[1]"}, {"WIDTH": "16"}, 15, "CL103"),
    "ntuple_pad": (NTUPLE_PAD, (2, 4, 8, 8, 8), {"WIDTH": "1"}, {"WIDTH": "2"}, 21, "CL107"),
    "walrus_chain": (WALRUS_CHAIN, (2, 3, 16, 16), {"WIDTH": "n * 2 ** (d - i)"}, {"WIDTH": "n * 2 ** (d - i - 1)"},
                     12, "CL103"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_module_shape_equals_torch(case):
    source, size, right, _, _, _ = CASES[case]
    assert_shapes_equal_torch(filled(source, right), size, "idiom.py")


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_bug_is_found_at_its_line_with_no_options(case):
    source, size, right, wrong, line, code = CASES[case]
    assert_bug_found_at_its_line(source, right, wrong, size, line, code, "idiom.py")


def test_a_crop_to_the_shorter_of_one_symbolic_length_keeps_it():
    """`n = min(a.shape[-1], b.shape[-1])` of two maps of one length L, then index_select of
    torch.arange(n): both stay L long, with no input size given."""
    source = filled(INDEX_SELECT_CROP, {"WIDTH": "16", "nn.MaxPool1d(2), nn.Upsample(scale_factor=2), ": ""})
    (model,) = [m for m in lint_text(source, "idiom.py", Settings()).models if m.name == "Net"]
    root = next(c for c in model.calls if c.node.path == "")
    assert [str(d) for d in root.output.shape.dims] == ["N", "8", "L"]
    assert tuple(module_shapes(built(source, "idiom.py"), (2, 1, 20))[""]) == (2, 8, 20)


SIZES_COMPARED = '''
import numpy as np
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 4, 3, padding=1)
        self.b = nn.Conv2d(3, 4, 5, padding=2)
        self.c = nn.Conv2d(3, 4, 3)

    def forward(self, x):
        outs = [self.a(x), self.b(x)]
        heights = [o.shape[2] for o in outs]
        if np.all(np.array(heights) == min(heights)) and not np.any(np.array(heights) > 16):
            return torch.cat(outs, 1)
        return self.c(x)
'''


def test_numpy_comparisons_of_known_sizes_decide_a_branch():
    """`np.all(np.array(heights) == min(heights))` of sizes known at the input given: decided as
    torch's run decides it, so the model's output is known and nothing is left unfollowed."""
    result = lint_text(SIZES_COMPARED, "idiom.py", Settings(input_shapes={"Net": (2, 3, 16, 16)}))
    (model,) = [m for m in result.models if m.name == "Net"]
    assert model.unresolved == []
    root = next(c for c in model.calls if c.node.path == "")
    assert tuple(root.output.shape.dims) == module_shapes(built(SIZES_COMPARED, "idiom.py"), (2, 3, 16, 16))[""] == (2, 8, 16, 16)


def test_eval_of_code_that_does_more_than_name_something_is_listed_not_run():
    source = EVAL_ATTRIBUTE.replace("WIDTH", "16").replace('eval("self.layer%d" % i)', 'eval("self.layer%d()" % i)')
    (model,) = [m for m in lint_text(source, "idiom.py", Settings()).models if m.name == "Net"]
    assert any("eval() of code not known statically" in u.why for u in model.unresolved)
    assert not [d for d in lint_text(source, "idiom.py", Settings()).diagnostics if d.severity == "error"]


HOLDER_WITHOUT_FORWARD = '''
import torch
import torch.nn as nn


class Generator(nn.Module):
    def __init__(self, image_size, hidden_dim, z_dim):
        super().__init__()
        self.linear = nn.Linear(z_dim, hidden_dim)
        self.generate = nn.Linear(hidden_dim, image_size)

    def forward(self, z):
        return torch.sigmoid(self.generate(torch.relu(self.linear(z))))


class Discriminator(nn.Module):
    def __init__(self, image_size, hidden_dim):
        super().__init__()
        self.linear = nn.Linear(image_size, hidden_dim)
        self.head = nn.Linear(WIDTH, 1)

    def forward(self, x):
        return self.head(torch.relu(self.linear(x)))


class GAN(nn.Module):
    def __init__(self, image_size, hidden_dim, z_dim):
        super().__init__()
        self.G = Generator(image_size, hidden_dim, z_dim)
        self.D = Discriminator(image_size, hidden_dim)


if __name__ == "__main__":
    model = GAN(image_size=784, hidden_dim=400, z_dim=20)
'''


@pytest.mark.parametrize(("width", "found"), [("hidden_dim", []), ("image_size", [("CL101", 20)])])
def test_models_a_holder_without_forward_builds_get_its_arguments(width, found):
    """A GAN module holding G and D for its trainer, built with literals under `__main__`: D is
    analysed with the arguments the holder passes it, where the widths that could be equal are not."""
    source = HOLDER_WITHOUT_FORWARD.replace("WIDTH", width)
    namespace: dict = {}
    exec(compile(source, "gan.py", "exec"), namespace)
    model = namespace["GAN"](image_size=784, hidden_dim=400, z_dim=20)
    if found:
        with pytest.raises(RuntimeError, match="mat1 and mat2"):
            model.D(model.G(torch.zeros(4, 20)))
    else:
        assert model.D(model.G(torch.zeros(4, 20))).shape == (4, 1)
    result = lint_text(source, "gan.py", Settings())
    assert [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"] == found
    discriminators = [m for m in result.models if m.name == "Discriminator"]
    assert any(m.input_shape is not None and m.input_shape.dims[1:] == (784,) for m in discriminators)


def test_a_list_item_set_at_an_index_not_known_leaves_the_list_unknown():
    """`feats[i] = conv(feats[i])` with i a constructor argument nothing gives: any item may be the
    one replaced, so a later cat of the list is not judged on the items as they were (torch, with
    i = 1: 8 + 32 channels, as the fuse conv takes)."""
    source = """
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, pick):
        super().__init__()
        self.pick = pick
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.deep = nn.Conv2d(16, 32, 3, padding=1)
        self.lateral = nn.Conv2d(16, 8, 1)
        self.fuse = nn.Conv2d(40, 4, 1)

    def forward(self, x):
        a = self.stem(x)
        feats = [x, a, self.deep(a)]
        feats[self.pick] = self.lateral(feats[self.pick])
        return self.fuse(torch.cat(feats[1:], 1))
"""
    result = lint_text(source, "idiom.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (model,) = [m for m in result.models if m.name == "Net"]
    assert any("a list item set at an index not known statically" in u.why for u in model.unresolved)
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "idiom.py", "exec"), namespace)
    assert tuple(namespace["Net"](1)(torch.zeros(2, 3, 8, 8)).shape) == (2, 4, 8, 8)


def test_a_layer_sized_by_an_empty_list_default_is_a_placeholder_not_an_error():
    """`Mixer(seq=[], channel=[])`: defaults only the callers replace; BatchNorm2d([]) of the
    default build is listed, never reported."""
    source = """
import torch.nn as nn


class Mixer(nn.Module):
    def __init__(self, channel=[], dropout=[]):
        super().__init__()
        self.norm = nn.BatchNorm2d(channel)

    def forward(self, x):
        return self.norm(x)


class Net(nn.Module):
    def __init__(self, c=WIDTH):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.mixer = Mixer(channel=c)

    def forward(self, x):
        return self.mixer(self.conv(x))
"""
    result = lint_text(filled(source, {"WIDTH": "8"}), "idiom.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (mixer,) = [m for m in result.models if m.name == "Mixer"]
    assert any("a placeholder its callers replace" in u.why for u in mixer.unresolved)
    wrong = lint_text(filled(source, {"WIDTH": "4"}), "idiom.py", Settings())
    assert [(d.model, d.code) for d in wrong.diagnostics if d.severity == "error"] == [("Net", "CL104")]


@pytest.mark.parametrize("write", ["self.seq[1] = nn.Conv2d(8, 4, 1)",
                                   "self.seq[1].conv = nn.Conv2d(8, 4, 1)",
                                   "self.seq._modules['1'] = nn.Conv2d(8, 4, 1)"])
def test_a_module_written_through_an_index_in_a_loop_not_followed_is_forgotten(write):
    """A loop over values not known that replaces a layer through an index changes the container:
    what follows it is not judged on the layer it had (torch, with one pass: 4 channels, as the head
    takes), and it is listed."""
    source = f"""
import torch.nn as nn


class Wrap(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(8, 8, 1)

    def forward(self, x):
        return self.conv(x)


class Net(nn.Module):
    def __init__(self, repeats):
        super().__init__()
        self.seq = nn.Sequential(nn.Conv2d(3, 8, 1), Wrap())
        for _ in range(repeats):
            {write}
        self.head = nn.Conv2d(4, 2, 1)

    def forward(self, x):
        return self.head(self.seq(x))
"""
    result = lint_text(source, "idiom.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (model,) = [m for m in result.models if m.name == "Net"]
    assert model.unresolved
    namespace: dict = {}
    exec(compile(source, "idiom.py", "exec"), namespace)
    assert tuple(namespace["Net"](1)(torch.zeros(2, 3, 8, 8)).shape) == (2, 2, 8, 8)
def test_getattr_of_a_class_whose_bases_are_not_all_known_stays_unknown():
    """A base from outside the project (or a class body setting names under an `if`) could hold
    the name: getattr(cls, name, default) is then not decided, and says so."""
    for base, body in (("object_from_elsewhere", "pass"), ("Plain", "if True:\n        expansion = 2")):
        source = filled(CLASS_GETATTR, {"BLOCK": "Odd", "WIDTH": "64"}).replace(
            "class Net(", f"from elsewhere import object_from_elsewhere\n\n\nclass Odd({base}):\n    {body}\n\n\nclass Net(")
        source = source.replace("class Odd(object_from_elsewhere)", "class Odd(Plain, object_from_elsewhere)")
        result = lint_text(source, "idiom.py", Settings())
        assert not [d for d in result.diagnostics if d.severity == "error"]
        (model,) = [m for m in result.models if m.name == "Net"]
        assert any("whether it is set is not known statically" in u.why for u in model.unresolved)


def test_a_name_an_assignment_expression_binds_in_a_comprehension_not_followed_is_unknown():
    """`[x := block(x) for block in blocks]` over blocks not known: x may be any block's output."""
    source = WALRUS_CHAIN.replace("for block in self.down]", "for block in self.down[:depth]]").replace(
        "def forward(self, x):", "def forward(self, x, depth):")
    result = lint_text(filled(source, {"WIDTH": "n * 2 ** (d - i)"}), "idiom.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
