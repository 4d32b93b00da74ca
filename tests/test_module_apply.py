"""module.apply(fn) runs fn on every submodule, children first and then the module itself, as torch
does: a function that makes a backbone dilated (DeepLab's and PSPNet's `_nostride_dilate`, given
through functools.partial) leaves the strides, paddings and dilations forward runs with, an
initialisation function changes no shape and adds nothing to say, and a function not followed
leaves the layers it may change unknown, never as they were built."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch

torch = pytest.importorskip("torch")

# MobileNetV2 made to downsample 8 times only: each block after the third stride applied a
# partial of the method that turns stride 2 into dilation
DILATED_BACKBONE = '''
from functools import partial

import torch.nn as nn


def conv_bn(inp, oup, stride):
    return nn.Sequential(nn.Conv2d(inp, oup, 3, stride, 1, bias=False), nn.BatchNorm2d(oup), nn.ReLU6(inplace=True))


class InvertedResidual(nn.Module):
    def __init__(self, inp, oup, stride, expand_ratio):
        super().__init__()
        hidden = inp * expand_ratio
        self.use_res_connect = stride == 1 and inp == oup
        self.conv = nn.Sequential(
            nn.Conv2d(inp, hidden, 1, 1, 0, bias=False), nn.BatchNorm2d(hidden), nn.ReLU6(inplace=True),
            nn.Conv2d(hidden, hidden, 3, stride, 1, groups=hidden, bias=False), nn.BatchNorm2d(hidden),
            nn.ReLU6(inplace=True),
            nn.Conv2d(hidden, oup, 1, 1, 0, bias=False), nn.BatchNorm2d(oup))

    def forward(self, x):
        return x + self.conv(x) if self.use_res_connect else self.conv(x)


class MobileNetV2(nn.Module):
    def __init__(self, downsample_factor=8):
        super().__init__()
        settings = [[1, 8, 1, 1], [2, 12, 2, 2], [2, 16, 2, 2], [2, 24, 2, 2], [2, 32, 1, 1]]
        self.features = [conv_bn(3, 8, 2)]
        cin = 8
        for t, c, n, s in settings:
            for i in range(n):
                self.features.append(InvertedResidual(cin, c, s if i == 0 else 1, t))
                cin = c
        self.features = nn.Sequential(*self.features)
        self.total_idx = len(self.features)
        self.down_idx = [2, 4, 6, 8]
        if downsample_factor == 8:
            for i in range(self.down_idx[-2], self.down_idx[-1]):
                self.features[i].apply(partial(self._nostride_dilate, dilate=2))
            for i in range(self.down_idx[-1], self.total_idx):
                self.features[i].apply(partial(self._nostride_dilate, dilate=4))
        elif downsample_factor == 16:
            for i in range(self.down_idx[-1], self.total_idx):
                self.features[i].apply(partial(self._nostride_dilate, dilate=2))

    def _nostride_dilate(self, m, dilate):
        classname = m.__class__.__name__
        if classname.find('Conv') != -1:
            if m.stride == (2, 2):
                m.stride = (1, 1)
                if m.kernel_size == (3, 3):
                    m.dilation = (dilate // 2, dilate // 2)
                    m.padding = (dilate // 2, dilate // 2)
            else:
                if m.kernel_size == (3, 3):
                    m.dilation = (dilate, dilate)
                    m.padding = (dilate, dilate)

    def forward(self, x):
        return self.features(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = MobileNetV2(downsample_factor=8)
        self.pool = nn.AvgPool2d(8)  # the 8 x 8 map of a 64 x 64 input: 4 x 4 had the strides stayed
        self.fc = nn.Linear(32, 10)

    def forward(self, x):
        return self.fc(self.pool(self.backbone(x)).flatten(1))
'''


def test_a_partial_of_a_method_applied_to_blocks_makes_them_dilated_as_torch_runs_them():
    assert_shapes_equal_torch(DILATED_BACKBONE, (1, 3, 64, 64), "deeplab_mobilenet.py")
    result = lint_text(DILATED_BACKBONE, "deeplab_mobilenet.py", Settings(input_shapes={"Net": (1, 3, 64, 64)}))
    (net,) = [m for m in result.models if m.name == "Net"]
    assert net.unresolved == []


# the head counts the features of the map the dilated backbone gives
DILATED_HEAD = '''
from functools import partial

import torch.nn as nn


class Backbone(nn.Module):
    def __init__(self, downsample_factor=8):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(3, 16, 3, stride=2, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(16, 32, 3, stride=2, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(32, 64, 3, stride=2, padding=1),
        )
        if downsample_factor == 8:
            self.body[4].apply(partial(self._nostride_dilate, dilate=2))

    def _nostride_dilate(self, m, dilate):
        if m.__class__.__name__.find('Conv') != -1:
            if m.stride == (2, 2):
                m.stride = (1, 1)
                if m.kernel_size == (3, 3):
                    m.dilation = (dilate // 2, dilate // 2)
                    m.padding = (dilate // 2, dilate // 2)

    def forward(self, x):
        return self.body(x)


# convlint: input-shape=(1, 3, 64, 64)
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = Backbone(downsample_factor=8)
        self.pool = nn.AvgPool2d(POOL)
        self.fc = nn.Linear(FEATURES, 10)

    def forward(self, x):
        return self.fc(self.pool(self.backbone(x)).flatten(1))
'''


def test_the_map_a_dilated_backbone_gives_is_what_the_layers_after_it_take():
    right = {"POOL": "16", "FEATURES": "64"}  # 16 x 16 after the last conv lost its stride
    clean = assert_bug_found_at_its_line(DILATED_HEAD, right, {"POOL": "16", "FEATURES": "32"},
                                         (1, 3, 64, 64), 38, "CL101", "dilated_head.py")
    assert [d.code for d in clean.diagnostics] == []  # no AvgPool2d(16) larger than the map (CL105)
    assert_shapes_equal_torch(DILATED_HEAD.replace("POOL", "16").replace("FEATURES", "64"), (1, 3, 64, 64),
                              "dilated_head.py")


# a shared conv is reached through two parents, so torch calls fn on it twice; a child held under two
# names of one parent once; `nn.Sequential(...).apply(fn)` gives the Sequential
APPLIED_TWICE = '''
import torch.nn as nn


def dilate(m):
    if isinstance(m, nn.Conv2d):
        if m.stride == (2, 2):
            m.stride = (1, 1)
        else:
            m.dilation, m.padding = (m.dilation[0] + 1, m.dilation[1] + 1), (m.padding[0] + 1, m.padding[1] + 1)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        conv = nn.Conv2d(8, 8, 3, 2, 1)
        self.a = nn.Sequential(nn.Conv2d(3, 8, 3, 1, 1), conv, nn.ReLU())
        self.b = nn.Sequential(conv)
        self.c = nn.Sequential(nn.Conv2d(8, 8, 3, 2, 1))
        self.c.add_module("again", self.c[0])
        self.apply(dilate)
        self.d = nn.Sequential(nn.Conv2d(8, 8, 3, 2, 1)).apply(lambda m: dilate(m))

    def forward(self, x):
        return self.d(self.c(self.b(self.a(x))))
'''


def test_fn_runs_on_each_module_as_often_as_torch_runs_it():
    assert_shapes_equal_torch(APPLIED_TWICE, (1, 3, 32, 32), "applied_twice.py")


# weight initialisation through apply, as GANs and classifiers write it
WEIGHTS_INIT = '''
import torch.nn as nn


def weights_init(m):
    classname = m.__class__.__name__
    if classname.find('Conv') != -1:
        m.weight.data.normal_(0.0, 0.02)
    elif classname.find('BatchNorm') != -1:
        m.weight.data.normal_(1.0, 0.02)
        m.bias.data.fill_(0)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 8, 3, 2, 1, bias=False), nn.BatchNorm2d(8), nn.ReLU(),
                                  nn.Conv2d(8, 16, 3, 2, 1))
        self.fc = nn.Linear(16, 4)
        self.body.apply(weights_init)
        self.apply(self._init_weights)

    def _init_weights(self, m):
        if isinstance(m, nn.Linear):
            nn.init.trunc_normal_(m.weight, std=.02)
            if m.bias is not None:
                nn.init.constant_(m.bias, 0)
        elif type(m).__name__ == "Conv2d":
            nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")

    def forward(self, x):
        return self.fc(self.body(x).mean((2, 3)))
'''


def test_an_initialisation_function_applied_keeps_every_shape_and_says_nothing():
    assert_shapes_equal_torch(WEIGHTS_INIT, (2, 3, 32, 32), "weights_init.py")
    result = lint_text(WEIGHTS_INIT, "weights_init.py", Settings(input_shapes={"Net": (2, 3, 32, 32)}))
    assert result.diagnostics == []
    (net,) = [m for m in result.models if m.name == "Net"]
    assert net.unresolved == []


# the function applied is not known statically: it may have changed any layer of the body
NOT_FOLLOWED = '''
from functools import partial

import torch.nn as nn
from backbone_tools import convert_strides
import config


def init(m):
    if isinstance(m, nn.Conv2d):
        nn.init.kaiming_normal_(m.weight)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, 1, 1)
        self.body = nn.Sequential(nn.Conv2d(8, 8, 3, 2, 1), nn.ReLU(), nn.Conv2d(8, 8, 3, 2, 1))
        self.body.apply(convert_strides)
        self.pool = nn.AvgPool2d(32)  # larger than the 16 x 16 map the body gives as built

    def forward(self, x):
        return self.pool(self.body(self.stem(x)))


class Unlisted(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 8, 3, 2, 1), nn.Conv2d(8, 8, 3, 2, 1))
        self.extra = nn.Sequential(*config.LAYERS)
        self.extra[0].apply(partial(self._dilate, rate=2))  # which modules: not known
        self.pool = nn.AvgPool2d(32)

    def _dilate(self, m, rate):
        if isinstance(m, nn.Conv2d) and m.stride == (2, 2):
            m.stride, m.dilation, m.padding = 1, rate, rate

    def forward(self, x):
        return self.pool(self.body(x))


class Initialised(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 8, 3, 2, 1), nn.Conv2d(8, 8, 3, 2, 1))
        self.extra = nn.Sequential(*config.LAYERS)
        self.extra[0].apply(init)  # assigns no attribute forward reads

    def forward(self, x):
        return self.body(x)
'''


def shapes_of(result, model: str) -> dict:
    (analysed,) = [m for m in result.models if m.name == model]
    return {c.node.label: c.output.shape.dims for c in analysed.calls}


def unresolved_of(result, model: str) -> list[str]:
    (analysed,) = [m for m in result.models if m.name == model]
    return [u.why for u in analysed.unresolved]


@pytest.mark.parametrize("model", ["Net", "Unlisted"])
def test_a_function_not_followed_leaves_the_layers_it_may_change_unknown_and_listed(model):
    shapes = {"Net": (1, 3, 64, 64), "Unlisted": (1, 3, 64, 64), "Initialised": (1, 3, 64, 64)}
    result = lint_text(NOT_FOLLOWED, "not_followed.py", Settings(input_shapes=shapes))
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    found = shapes_of(result, model)
    assert found["body.0"][:2] == (1, 8) and not any(isinstance(d, int) for d in found["body.0"][2:])
    assert any("apply()" in why for why in unresolved_of(result, model))
    if model == "Net":
        assert found["stem"] == (1, 8, 64, 64)  # outside the module applied to: as built
    assert shapes_of(result, "Initialised")["body"] == (1, 8, 16, 16)
    assert not any("apply()" in why for why in unresolved_of(result, "Initialised"))


INITIALISED = '''
import torch.nn as nn
from somewhere_unknown import trunc_normal_


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.fc = nn.Linear(8, 10)
        self.apply(self._init_weights)

    def _init_weights(self, m):
        if isinstance(m, nn.Linear):
            trunc_normal_(m.weight, std=.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif hasattr(m, "reset_parameters") and m is not self:
            m.reset_parameters()

    def forward(self, x):
        return self.fc(self.conv(x).mean((2, 3)))
'''


def test_a_function_that_only_draws_weights_is_not_run_on_every_module():
    """timm's `_init_weights` changes no shape: module.apply() does not run it on each module of
    each model built (a file of 60 factories ran it 25,000 times), and nothing of it is unknown."""
    from convlint.pipeline import Settings, lint_text

    result = lint_text(INITIALISED, "net.py", Settings(input_shapes={"Net": (2, 3, 8, 8)}))
    (model,) = [m for m in result.models if m.name == "Net"]
    assert not model.unresolved
    assert not [d for d in result.diagnostics if d.severity == "error"]
    assert [tuple(c.output.shape.dims) for c in model.calls if c.node.path == "fc"] == [(2, 10)]
