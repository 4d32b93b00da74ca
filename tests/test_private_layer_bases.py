"""Layers written as subclasses of torch's private layer bases (nn.modules.batchnorm._BatchNorm,
_NormBase, nn.modules.conv._ConvNd, _ConvTransposeNd, nn.modules.pooling._MaxPoolNd, _AvgPoolNd,
nn.modules.instancenorm._InstanceNorm, nn.modules.dropout._DropoutNd), each with the forward or the
_check_input_dim real code writes for them: built as torch builds them (the base's attributes and
parameters), their forward followed as user code, each module's shape and the parameter count
equal to torch's, the one-line bug found at its line and the right variant clean. A base whose
forward torch leaves to the subclass, or whose dimensionality the code does not give, leaves the
shape unknown and listed, never wrong."""

import pytest

from convlint.pipeline import Settings, lint_text
from convlint.report.summary import build_summary
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, built, filled

torch = pytest.importorskip("torch")

# a batch norm that always normalises by the batch's statistics: its own forward calls F.batch_norm
CONT_BATCH_NORM = '''
import torch.nn as nn
import torch.nn.functional as F


class ContBatchNorm3d(nn.modules.batchnorm._BatchNorm):
    def _check_input_dim(self, input):
        if input.dim() != 5:
            raise ValueError("expected 5D input")

    def forward(self, input):
        self._check_input_dim(input)
        return F.batch_norm(input, self.running_mean, self.running_var, self.weight, self.bias,
                            True, self.momentum, self.eps)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv3d(1, 8, kernel_size=3, padding=1)
        self.bn = ContBatchNorm3d(FEATURES)
        self.conv2 = nn.Conv3d(WIDTH, 4, kernel_size=3, padding=1)

    def forward(self, x):
        return self.conv2(self.bn(self.conv1(x)))
'''

# a synchronised batch norm: a shared base of the private _BatchNorm whose forward falls back to
# F.batch_norm off the parallel path, and per-rank subclasses with their own _check_input_dim
SYNC_BATCH_NORM = '''
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.modules.batchnorm import _BatchNorm


class _SynchronizedBatchNorm(_BatchNorm):
    def __init__(self, num_features, eps=1e-5, momentum=0.1, affine=True):
        super(_SynchronizedBatchNorm, self).__init__(num_features, eps=eps, momentum=momentum, affine=affine)
        self._is_parallel = False
        self._parallel_id = None

    def forward(self, input):
        if not (self._is_parallel and self.training):
            return F.batch_norm(
                input, self.running_mean, self.running_var, self.weight, self.bias,
                self.training, self.momentum, self.eps)
        input_shape = input.size()
        input = input.view(input.size(0), self.num_features, -1)
        return input.view(input_shape)


class SynchronizedBatchNorm2d(_SynchronizedBatchNorm):
    def _check_input_dim(self, input):
        if input.dim() != 4:
            raise ValueError("expected 4D input (got {}D input)".format(input.dim()))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1, bias=False)
        self.bn = SynchronizedBatchNorm2d(WIDTH)
        self.head = nn.Conv2d(16, 4, 1)

    def forward(self, x):
        return self.head(F.relu(self.bn(self.conv(x))))
'''

# the base's own forward: none of the subclass's (`return super().forward(x)`, or no forward at all),
# each after the subclass's _check_input_dim
BATCH_NORM_BASE_FORWARD = '''
import torch
import torch.nn as nn


class BatchNorm2dChecked(torch.nn.modules.batchnorm._BatchNorm):
    def _check_input_dim(self, input):
        if input.dim() != 4:
            raise ValueError("expected 4D input")


class BatchNorm2dCalled(BatchNorm2dChecked):
    def forward(self, input):
        return super().forward(input)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.bn1 = BatchNorm2dChecked(16, affine=False)
        self.bn2 = BatchNorm2dCalled(WIDTH)
        self.head = nn.Conv2d(16, 4, 1)

    def forward(self, x):
        return self.head(self.bn2(self.bn1(self.conv(x))))
'''

# a norm on _NormBase (no forward of torch's): its own forward reads the running stats
NORM_BASE = '''
import torch.nn as nn
import torch.nn.functional as F


class BatchStatNorm(nn.modules.batchnorm._NormBase):
    def forward(self, x):
        return F.batch_norm(x, self.running_mean, self.running_var, self.weight, self.bias, True,
                            self.momentum, self.eps)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(2, 12, 3, padding=1)
        self.norm = BatchStatNorm(12)
        self.head = nn.Conv1d(WIDTH, 3, 1)

    def forward(self, x):
        return self.head(self.norm(self.conv(x)))
'''

# a "same"-padded conv on the private _ConvNd: the kernel tuple its __init__ passes fixes the
# dims, its forward pads and calls F.conv2d with the layer's own weight, stride, dilation, groups
CONV_ND_SAME = '''
import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.modules.utils import _pair


class Conv2dSame(torch.nn.modules.conv._ConvNd):
    def __init__(self, in_channels, out_channels, kernel_size, stride=1, dilation=1, groups=1, bias=True):
        kernel_size = _pair(kernel_size)
        stride = _pair(stride)
        dilation = _pair(dilation)
        super(Conv2dSame, self).__init__(in_channels, out_channels, kernel_size, stride, _pair(0), dilation,
                                         False, _pair(0), groups, bias, "zeros")

    def forward(self, x):
        ih, iw = x.size()[-2:]
        kh, kw = self.weight.size()[-2:]
        sh, sw = self.stride
        oh, ow = math.ceil(ih / sh), math.ceil(iw / sw)
        pad_h = max((oh - 1) * sh + (kh - 1) * self.dilation[0] + 1 - ih, 0)
        pad_w = max((ow - 1) * sw + (kw - 1) * self.dilation[1] + 1 - iw, 0)
        x = F.pad(x, [pad_w // 2, pad_w - pad_w // 2, pad_h // 2, pad_h - pad_h // 2])
        return F.conv2d(x, self.weight, self.bias, self.stride, self.padding, self.dilation, self.groups)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = Conv2dSame(3, 16, 3, stride=2)
        self.dw = Conv2dSame(16, 16, 5, groups=16, bias=False)
        self.head = nn.Conv2d(WIDTH, 8, 1)

    def forward(self, x):
        return self.head(self.dw(self.stem(x)))
'''

# a weight-standardised conv: a public conv's subclass whose forward standardises the weight
WEIGHT_STANDARDIZED = '''
import torch.nn as nn
import torch.nn.functional as F


class StdConv2d(nn.Conv2d):
    def forward(self, x):
        w = self.weight
        mean = w.mean(dim=(1, 2, 3), keepdim=True)
        std = w.std(dim=(1, 2, 3), keepdim=True) + 1e-5
        return F.conv2d(x, (w - mean) / std, self.bias, self.stride, self.padding, self.dilation, self.groups)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = StdConv2d(3, 16, 3, stride=2, padding=1)
        self.conv2 = StdConv2d(WIDTH, 8, 3, padding=1, bias=False)

    def forward(self, x):
        return self.conv2(self.conv1(x))
'''

# an upsampling conv on the private _ConvTransposeNd
CONV_TRANSPOSE_ND = '''
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.modules.utils import _pair


class UpConv(torch.nn.modules.conv._ConvTransposeNd):
    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0):
        super().__init__(in_channels, out_channels, _pair(kernel_size), _pair(stride), _pair(padding), _pair(1),
                         True, _pair(0), 1, True, "zeros")

    def forward(self, x):
        return F.conv_transpose2d(x, self.weight, self.bias, self.stride, self.padding, self.output_padding,
                                  self.groups, self.dilation)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, stride=2, padding=1)
        self.up = UpConv(16, 8, 4, stride=2, padding=1)
        self.head = nn.Conv2d(WIDTH, 2, 1)

    def forward(self, x):
        return self.head(self.up(self.conv(x)))
'''

# pools and dropout on the bases that keep their arguments as attributes
POOL_AND_DROPOUT = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class MaxPoolCeil(nn.modules.pooling._MaxPoolNd):
    def forward(self, x):
        return F.max_pool2d(x, self.kernel_size, self.stride, self.padding, self.dilation, ceil_mode=True)


class AvgPoolHalf(nn.modules.pooling._AvgPoolNd):
    def __init__(self, kernel_size=2):
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = kernel_size

    def forward(self, x):
        return F.avg_pool2d(x, self.kernel_size, self.stride)


class ChannelDropout(nn.modules.dropout._DropoutNd):
    def forward(self, x):
        return F.dropout2d(x, self.p, self.training, self.inplace)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.pool = MaxPoolCeil(2)
        self.avg = AvgPoolHalf()
        self.drop = ChannelDropout(0.2)
        self.fc = nn.Linear(WIDTH, 10)

    def forward(self, x):
        return self.fc(self.drop(self.avg(self.pool(self.conv(x)))).flatten(1))


if __name__ == "__main__":
    Net()(torch.zeros(2, 3, 17, 17))
'''

# an instance norm on the private _InstanceNorm: torch's forward, after the subclass's rank check,
# takes its channels' dim from the subclass's _get_no_batch_dim
INSTANCE_NORM = '''
import torch.nn as nn


class InstanceNorm2dAffine(nn.modules.instancenorm._InstanceNorm):
    def _get_no_batch_dim(self):
        return 3

    def _check_input_dim(self, input):
        if input.dim() not in (3, 4):
            raise ValueError("expected 3D or 4D input")


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.norm = InstanceNorm2dAffine(16, affine=True)
        self.head = nn.Conv2d(WIDTH, 4, 1)

    def forward(self, x):
        return self.head(self.norm(self.conv(x)))
'''

CASES = {  # source, the input, the right filling, a wrong one, the bug's line, its code
    "cont_batch_norm_downstream": (CONT_BATCH_NORM, (2, 1, 8, 8, 8), {"FEATURES": "8", "WIDTH": "8"},
                                   {"FEATURES": "8", "WIDTH": "16"}, 22, "CL103"),
    "cont_batch_norm_features": (CONT_BATCH_NORM, (2, 1, 8, 8, 8), {"FEATURES": "8", "WIDTH": "8"},
                                 {"FEATURES": "16", "WIDTH": "8"}, 21, "CL104"),
    "sync_batch_norm": (SYNC_BATCH_NORM, (2, 3, 16, 16), {"WIDTH": "16"}, {"WIDTH": "8"}, 33, "CL104"),
    "batch_norm_base_forward": (BATCH_NORM_BASE_FORWARD, (2, 3, 16, 16), {"WIDTH": "16"}, {"WIDTH": "32"}, 22,
                                "CL104"),
    "norm_base": (NORM_BASE, (2, 2, 20), {"WIDTH": "12"}, {"WIDTH": "6"}, 17, "CL103"),
    "conv_nd_same": (CONV_ND_SAME, (2, 3, 17, 17), {"WIDTH": "16"}, {"WIDTH": "32"}, 34, "CL103"),
    "weight_standardized": (WEIGHT_STANDARDIZED, (2, 3, 16, 16), {"WIDTH": "16"}, {"WIDTH": "8"}, 18, "CL103"),
    "conv_transpose_nd": (CONV_TRANSPOSE_ND, (2, 3, 16, 16), {"WIDTH": "8"}, {"WIDTH": "16"}, 23, "CL103"),
    "pool_and_dropout": (POOL_AND_DROPOUT, (2, 3, 17, 17), {"WIDTH": "8 * 4 * 4"}, {"WIDTH": "8 * 3 * 3"}, 34,
                         "CL101"),
    "instance_norm": (INSTANCE_NORM, (2, 3, 16, 16), {"WIDTH": "16"}, {"WIDTH": "8"}, 19, "CL103"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_module_shape_equals_torch(case):
    source, size, right, _, _, _ = CASES[case]
    assert_shapes_equal_torch(filled(source, right), size, "layers.py")


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_parameter_count_equals_torch(case):
    source, size, right, _, _, _ = CASES[case]
    source = filled(source, right)
    result = lint_text(source, "layers.py", Settings(input_shapes={"Net": size}))
    (model,) = [m for m in result.models if m.name == "Net"]
    real = built(source, "layers.py")
    assert build_summary(model, []).total_params == sum(p.numel() for p in real.parameters())
    assert model.unresolved == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_bug_is_found_at_its_line_with_no_options(case):
    source, size, right, wrong, line, code = CASES[case]
    assert_bug_found_at_its_line(source, right, wrong, size, line, code, "layers.py")


def test_a_private_conv_fed_other_channels_is_found_where_it_is_built():
    source = filled(CONV_ND_SAME, {"WIDTH": "16", "Conv2dSame(16, 16, 5, groups=16": "Conv2dSame(8, 16, 5, groups=1"})
    with pytest.raises(RuntimeError):
        built(source, "layers.py")(torch.zeros(2, 3, 17, 17))
    found = {(d.code, d.span.line) for d in lint_text(source, "layers.py", Settings()).diagnostics}
    assert ("CL103", 33) in found


UNDECIDED = '''
import torch.nn as nn
from torch.nn.modules.batchnorm import _BatchNorm
from torch.nn.modules.conv import _ConvNd


class NoRankCheck(_BatchNorm):
    pass


class RefusesTheRank(_BatchNorm):
    def _check_input_dim(self, input):
        if input.dim() != 5:
            raise ValueError("expected 5D input")


class NoForward(_ConvNd):
    def __init__(self, cin, cout):
        super().__init__(cin, cout, (3, 3), (1, 1), (1, 1), (1, 1), False, (0, 0), 1, True, "zeros")


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.norm = LAYER
        self.head = nn.Conv2d(16, 4, 1)

    def forward(self, x):
        return self.head(self.norm(self.conv(x)))
'''


@pytest.mark.parametrize("layer, why", [
    ("NoRankCheck(8)", "_check_input_dim"), ("RefusesTheRank(8)", "refuses"), ("NoForward(8, 8)", "no forward")])
def test_a_private_base_torch_runs_no_forward_of_leaves_the_shape_unknown_and_listed(layer, why):
    """torch raises in each (NotImplementedError, the subclass's ValueError, no forward): what
    follows is not judged, the call is listed, and the head's 16 is no finding."""
    result = lint_text(filled(UNDECIDED, {"LAYER": layer}), "layers.py", Settings(input_shapes={"Net": (2, 3, 8, 8)}))
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "Net"]
    (norm,) = [c for c in model.calls if c.node.path == "norm"]
    assert norm.output.shape.dims is None
    assert any(why in u.why and u.span.line == 30 for u in model.unresolved)


def test_a_private_conv_of_an_int_kernel_is_listed_not_guessed():
    """_ConvNd takes its dims from the kernel tuple; an int gives none (torch cannot build its weight)."""
    source = filled(UNDECIDED, {"LAYER": "NoForward(8, 8)", "(3, 3), (1, 1), (1, 1), (1, 1)": "3, 1, 1, 1"})
    result = lint_text(source, "layers.py", Settings(input_shapes={"Net": (2, 3, 8, 8)}))
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "Net"]
    assert any("kernel_size 3 is no tuple" in u.why for u in model.unresolved)
