"""Constructor parameters that state the input's sides by handing them, as one tuple, to a
conv-output-size function of the file whose result is counted in a Linear's in_features
(`out = conv2d_output_size((img_x, img_y), 5, 2)`, `nn.Linear(C * out[0] * out[1], 10)`) give
the input size with no options, in the tuple's order, whatever their names: a wrong count is
reported at the Linear. Where the sides' order changes what forward() makes (a kernel that is
not square) and nothing says which is the height, the input stays symbolic."""

import pytest

from convlint.pipeline import Settings, lint_text

NET = '''
import numpy as np
import torch.nn as nn


def conv2d_output_size(size, kernel, stride):
    return (np.floor((size[0] - kernel) / stride + 1).astype(int),
            np.floor((size[1] - kernel) / stride + 1).astype(int))


class Net(nn.Module):
    def __init__(self, img_x=90, img_y=120):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 5, stride=2)
        out = conv2d_output_size((img_x, img_y), 5, 2)
        self.fc = nn.Linear(8 * out[0] * out[1], 10)

    def forward(self, x):
        return self.fc(self.conv(x).flatten(1))
'''
NAMED_HW = NET.replace("img_x", "img_h").replace("img_y", "img_w")

CNN3D = '''
import numpy as np
import torch.nn as nn


def conv3d_output_size(img_size, padding, kernel_size, stride):
    return (np.floor((img_size[0] + 2 * padding[0] - (kernel_size[0] - 1) - 1) / stride[0] + 1).astype(int),
            np.floor((img_size[1] + 2 * padding[1] - (kernel_size[1] - 1) - 1) / stride[1] + 1).astype(int),
            np.floor((img_size[2] + 2 * padding[2] - (kernel_size[2] - 1) - 1) / stride[2] + 1).astype(int))


class Net(nn.Module):
    def __init__(self, t_dim=20, img_x=90, img_y=120, num_classes=50):
        super().__init__()
        self.t_dim, self.img_x, self.img_y = t_dim, img_x, img_y
        self.ch1, self.ch2 = 32, 48
        self.k1, self.k2 = (5, 5, 5), (3, 3, 3)
        self.s1, self.s2 = (2, 2, 2), (2, 2, 2)
        self.pd1, self.pd2 = (0, 0, 0), (0, 0, 0)
        self.conv1_outshape = conv3d_output_size((self.t_dim, self.img_x, self.img_y), self.pd1, self.k1, self.s1)
        self.conv2_outshape = conv3d_output_size(self.conv1_outshape, self.pd2, self.k2, self.s2)
        self.conv1 = nn.Conv3d(in_channels=1, out_channels=self.ch1, kernel_size=self.k1, stride=self.s1)
        self.conv2 = nn.Conv3d(in_channels=self.ch1, out_channels=self.ch2, kernel_size=self.k2, stride=self.s2)
        self.relu = nn.ReLU(inplace=True)
        self.fc1 = nn.Linear(self.ch2 * self.conv2_outshape[0] * self.conv2_outshape[1] * self.conv2_outshape[2], 256)
        self.fc2 = nn.Linear(256, num_classes)

    def forward(self, x_3d):
        x = self.relu(self.conv1(x_3d))
        x = self.relu(self.conv2(x))
        x = x.view(x.size(0), -1)
        return self.fc2(self.relu(self.fc1(x)))
'''

# one frame of N x T x C x H x W at a time, `x_3d[:, t]`, through 2-d convs
ENCODER = '''
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def conv2d_output_size(img_size, padding, kernel_size, stride):
    return (np.floor((img_size[0] + 2 * padding[0] - (kernel_size[0] - 1) - 1) / stride[0] + 1).astype(int),
            np.floor((img_size[1] + 2 * padding[1] - (kernel_size[1] - 1) - 1) / stride[1] + 1).astype(int))


class Net(nn.Module):
    def __init__(self, img_x=90, img_y=120, fc_hidden1=512, fc_hidden2=512, drop_p=0.3, CNN_embed_dim=300):
        super().__init__()
        self.img_x = img_x
        self.img_y = img_y
        self.ch1, self.ch2, self.ch3, self.ch4 = 32, 64, 128, 256
        self.k1, self.k2, self.k3, self.k4 = (5, 5), (3, 3), (3, 3), (3, 3)
        self.s1, self.s2, self.s3, self.s4 = (2, 2), (2, 2), (2, 2), (2, 2)
        self.pd1, self.pd2, self.pd3, self.pd4 = (0, 0), (0, 0), (0, 0), (0, 0)
        self.conv1_outshape = conv2d_output_size((self.img_x, self.img_y), self.pd1, self.k1, self.s1)
        self.conv2_outshape = conv2d_output_size(self.conv1_outshape, self.pd2, self.k2, self.s2)
        self.conv3_outshape = conv2d_output_size(self.conv2_outshape, self.pd3, self.k3, self.s3)
        self.conv4_outshape = conv2d_output_size(self.conv3_outshape, self.pd4, self.k4, self.s4)
        self.conv1 = nn.Sequential(nn.Conv2d(3, self.ch1, self.k1, self.s1, self.pd1), nn.ReLU(inplace=True))
        self.conv2 = nn.Sequential(nn.Conv2d(self.ch1, self.ch2, self.k2, self.s2, self.pd2), nn.ReLU(inplace=True))
        self.conv3 = nn.Sequential(nn.Conv2d(self.ch2, self.ch3, self.k3, self.s3, self.pd3), nn.ReLU(inplace=True))
        self.conv4 = nn.Sequential(nn.Conv2d(self.ch3, self.ch4, self.k4, self.s4, self.pd4), nn.ReLU(inplace=True))
        self.fc1 = nn.Linear(self.ch4 * self.conv4_outshape[0] * self.conv4_outshape[1], fc_hidden1)
        self.fc3 = nn.Linear(fc_hidden1, CNN_embed_dim)

    def forward(self, x_3d):
        cnn_embed_seq = []
        for t in range(x_3d.size(1)):
            x = self.conv1(x_3d[:, t, :, :, :])
            x = self.conv2(x)
            x = self.conv3(x)
            x = self.conv4(x)
            x = x.view(x.size(0), -1)
            x = self.fc3(F.relu(self.fc1(x)))
            cnn_embed_seq.append(x)
        return torch.stack(cnn_embed_seq, dim=0).transpose_(0, 1)
'''

# a kernel of 5 x 3, the helper told so item by item: the count fits (img_x, img_y) as (H, W)
# only, but nothing says img_x is the height
NOT_SQUARE = NET.replace("(size[0] - kernel)", "(size[0] - kernel[0])") \
    .replace("(size[1] - kernel)", "(size[1] - kernel[1])") \
    .replace("nn.Conv2d(3, 8, 5, stride=2)", "nn.Conv2d(3, 8, (5, 3), stride=2)") \
    .replace("((img_x, img_y), 5, 2)", "((img_x, img_y), (5, 3), 2)")

CASES = {"img_x-img_y": (NET, "8 * out[0]", "4 * out[0]", (3, 90, 120)),
         "img_h-img_w": (NAMED_HW, "8 * out[0]", "4 * out[0]", (3, 90, 120)),
         "conv3d-t-h-w": (CNN3D, "self.ch2 * self.conv2_outshape[0]", "self.ch1 * self.conv2_outshape[0]",
                          (1, 20, 90, 120)),
         "frames-of-a-clip": (ENCODER, "self.ch4 * self.conv4_outshape[0]", "self.ch3 * self.conv4_outshape[0]",
                              (4, 3, 90, 120))}


def line_of(source, text):
    return next(number for number, line in enumerate(source.splitlines(), 1) if text in line)


def lint(source):
    return lint_text(source, "net.py", Settings())


def torch_run(source, image):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    return namespace["Net"]()(torch.zeros(2, *image))


@pytest.mark.parametrize("case", list(CASES))
def test_a_correct_model_runs_at_the_size_found_and_stays_quiet(case):
    source, _, _, image = CASES[case]
    result = lint(source)
    assert [d for d in result.diagnostics if d.severity == "error" or d.code == "CL211"] == []
    found = [m for m in result.models if m.input_source is not None and m.input_source.kind == "parameter"]
    assert found and all(tuple(m.input_shape.dims[-3:]) == image[-3:] for m in found)
    assert torch_run(source, image).shape[0] == 2


@pytest.mark.parametrize("case", list(CASES))
def test_a_count_of_other_channels_is_reported_at_the_linear(case):
    source, count, wrong, image = CASES[case]
    source = source.replace(count, wrong)
    (found,) = [d for d in lint(source).diagnostics if d.severity == "error"]
    assert found.code == "CL101" and found.span.line == line_of(source, "Linear(" + wrong)
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        torch_run(source, image)


def test_sides_whose_order_changes_the_shapes_stay_symbolic():
    result = lint(NOT_SQUARE)
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert torch_run(NOT_SQUARE, (3, 90, 120)).shape == (2, 10)
    for source in (NOT_SQUARE, NOT_SQUARE.replace("8 * out[0]", "4 * out[0]")):
        assert all(m.input_source is None or m.input_source.kind != "parameter" for m in lint(source).models)
