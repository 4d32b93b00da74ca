"""Binary and quantized layers (XNOR, Bi-Real, DoReFa): a torch layer subclass whose forward applies
its weight through arithmetic (`scale * torch.sign(self.weight)`, a quantizer module's
`max_w * (2 * q(w) - 1)`) or a weight it made anew (`self.weight = nn.Parameter(torch.rand((out,
in, k, k)))`) with F.conv2d / F.linear. A count or a padding that does not fit is blamed where the
layer is built, as for the torch layer itself, not at the F.conv2d line every instance shares.
Checked against torch."""

import pytest

from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line

torch = pytest.importorskip("torch")

# a DoReFa-style quantizer module between the weight and F.linear
QUANTIZED_LINEAR = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Quantize(nn.Module):
    def forward(self, w):
        w = torch.tanh(w)
        top = torch.max(torch.abs(w)).detach()
        return top * (2 * torch.round(w / 2 / top + 0.5) - 1)


class QLinear(nn.Linear):
    def __init__(self, n_in, n_out):
        super().__init__(n_in, n_out)
        self.quantize = Quantize()

    def forward(self, x):
        return F.linear(x, self.quantize(self.weight), self.bias)


class QConv(nn.Conv2d):
    def __init__(self, cin, cout, kernel_size, padding=0):
        super().__init__(cin, cout, kernel_size, padding=padding)
        self.quantize = Quantize()

    def forward(self, x):
        return F.conv2d(x, self.quantize(self.weight), self.bias, self.stride, self.padding)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1),
            QConv(WIDTH, 16, 3, padding=1),
            QConv(16, 8, 3, padding=1),
        )
        self.fc1 = QLinear(FEATURES, 64)
        self.fc2 = QLinear(64, 10)

    def forward(self, x):
        x = F.max_pool2d(self.conv(x), 4)
        return self.fc2(self.fc1(x.flatten(1)))


if __name__ == "__main__":
    Net()(torch.randn(1, 3, 32, 32))
'''

# a binary conv that makes its weight anew, of the shape nn.Conv2d registers
SIGN_CONV = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class SignConv(nn.Conv2d):
    def __init__(self, cin, cout, kernel_size, stride=1, padding=1):
        super().__init__(cin, cout, kernel_size, stride, padding, bias=False)
        self.weight = nn.Parameter(torch.rand((cout, cin, kernel_size, kernel_size)) * 0.001)

    def forward(self, x):
        w = self.weight
        alpha = w.abs().mean(dim=(1, 2, 3), keepdim=True).detach()
        clipped = torch.clamp(w, -1.0, 1.0)
        bw = (alpha * torch.sign(w)).detach() - clipped.detach() + clipped
        return F.conv2d(torch.sign(x), bw, self.bias, self.stride, self.padding)


class Block(nn.Module):
    def __init__(self, planes):
        super().__init__()
        self.conv1 = SignConv(planes, planes, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = SignConv(planes, planes, 3, padding=PADDING)
        self.bn2 = nn.BatchNorm2d(planes)

    def forward(self, x):
        out = self.bn1(self.conv1(x))
        out = self.bn2(self.conv2(out))
        out += x
        return out


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.block = Block(16)
        self.head = SignConv(WIDTH, 32, 3)

    def forward(self, x):
        return self.head(self.block(self.stem(x)))
'''

SIZE = (2, 3, 32, 32)


def test_a_quantized_linear_in_features_is_blamed_where_it_is_built():
    source = QUANTIZED_LINEAR.replace("WIDTH", "16")
    assert_bug_found_at_its_line(source, {"FEATURES": "8 * 8 * 8"}, {"FEATURES": "8 * 7 * 7"}, SIZE,
                                 line_of(source, "self.fc1 = QLinear("), "CL101", "qlinear.py")


def test_a_quantized_conv_width_is_blamed_where_it_is_built():
    # (not at another QConv of the Sequential: every instance shares the F.conv2d line)
    source = QUANTIZED_LINEAR.replace("FEATURES", "8 * 8 * 8")
    assert_bug_found_at_its_line(source, {"WIDTH": "16"}, {"WIDTH": "12"}, SIZE,
                                 line_of(source, "QConv(WIDTH"), "CL103", "qconv.py")


def test_a_binary_conv_width_is_blamed_where_it_is_built():
    source = SIGN_CONV.replace("PADDING", "1")
    assert_bug_found_at_its_line(source, {"WIDTH": "16"}, {"WIDTH": "8"}, SIZE,
                                 line_of(source, "self.head = SignConv("), "CL103", "signconv.py")


def test_a_padding_written_in_a_binary_conv_call_is_blamed_there():
    source = SIGN_CONV.replace("WIDTH", "16")
    assert_bug_found_at_its_line(source, {"PADDING": "1"}, {"PADDING": "0"}, SIZE,
                                 line_of(source, "self.conv2 = SignConv("), "CL107", "signconv.py")
