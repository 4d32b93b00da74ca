"""torchvision transforms a model applies to its input in its own forward (a v2 Compose of Resize
and Normalize kept in an attribute, transforms.functional.resize, a v1 Compose of a short-side
Resize and a CenterCrop): the size they give is the size torch's layers see, every shape after
them equals torch's (forward hooks, torchvision restated in plain torch below, as it is not
installed here), and a head sized for the size before the resize is found at its line."""

import sys
import types

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch

torch = pytest.importorskip("torch")
F = torch.nn.functional


def _short_side(img, size, max_size=None):
    height, width = img.shape[-2:]
    if isinstance(size, (list, tuple)) and len(size) == 2:
        return tuple(size)
    short, long = min(height, width), max(height, width)
    new_short = size if isinstance(size, int) else size[0]
    new_long = int(new_short * long / short)
    if max_size is not None and new_long > max_size:
        new_short, new_long = int(max_size * new_short / new_long), max_size
    return (new_short, new_long) if height <= width else (new_long, new_short)


def _resize(img, size, interpolation=None, max_size=None, antialias=True):
    return F.interpolate(img, size=_short_side(img, size, max_size), mode="bilinear")


def _center_crop(img, output_size):
    height, width = (output_size, output_size) if isinstance(output_size, int) else output_size
    top, left = (img.shape[-2] - height) // 2, (img.shape[-1] - width) // 2
    return img[..., top:top + height, left:left + width]


def _normalize(img, mean, std, inplace=False):
    return (img - torch.tensor(mean)[:, None, None]) / torch.tensor(std)[:, None, None]


class _Resize(torch.nn.Module):
    def __init__(self, size, interpolation=None, max_size=None, antialias=True):
        super().__init__()
        self.size, self.max_size = size, max_size

    def forward(self, img):
        return _resize(img, self.size, max_size=self.max_size)


class _CenterCrop(torch.nn.Module):
    def __init__(self, size):
        super().__init__()
        self.size = size

    def forward(self, img):
        return _center_crop(img, self.size)


class _Normalize(torch.nn.Module):
    def __init__(self, mean, std, inplace=False):
        super().__init__()
        self.mean, self.std = mean, std

    def forward(self, img):
        return _normalize(img, self.mean, self.std)


class _Compose:  # torchvision.transforms.Compose: a plain object
    def __init__(self, transforms):
        self.transforms = transforms

    def __call__(self, img):
        for t in self.transforms:
            img = t(img)
        return img


class _ComposeV2(torch.nn.Module):  # v2.Compose: a module holding its transforms in a plain list
    def __init__(self, transforms):
        super().__init__()
        self.transforms = transforms

    def forward(self, img):
        for t in self.transforms:
            img = t(img)
        return img


@pytest.fixture(autouse=True)
def torchvision(monkeypatch):
    names = {"Resize": _Resize, "CenterCrop": _CenterCrop, "Normalize": _Normalize}
    functional = {"resize": _resize, "center_crop": _center_crop, "normalize": _normalize}
    modules = {
        "torchvision": {},
        "torchvision.transforms": {**names, "Compose": _Compose},
        "torchvision.transforms.functional": functional,
        "torchvision.transforms.v2": {**names, "Compose": _ComposeV2},
        "torchvision.transforms.v2.functional": functional,
    }
    for name, members in modules.items():
        module = types.ModuleType(name)
        module.__dict__.update(members)
        monkeypatch.setitem(sys.modules, name, module)
    for name in modules:
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(sys.modules[parent], child, sys.modules[name])


V2_PIPELINE = '''import torch
import torch.nn as nn
import torchvision.transforms.v2 as v2


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.transforms = v2.Compose([v2.Resize([224, 224]),
                                      v2.Normalize(mean=[.485, .456, .406], std=[.229, .224, .225])])
        self.conv = nn.Conv2d(3, 32, 3, stride=2, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(32, 10)
        self.head = nn.Linear(HEAD, 10)

    def forward(self, x):
        x = self.transforms(x)
        x = self.conv(x)
        return self.fc(self.pool(x).flatten(1)) + self.head(x.flatten(1))


if __name__ == "__main__":
    print(Net()(torch.randn(2, 3, 160, 160)).shape)
'''
RIGHT = {"HEAD": "32 * 112 * 112"}
WRONG = {"HEAD": "32 * 80 * 80"}  # the size of the input, not of the resized one

FUNCTIONAL = '''import torch
import torch.nn as nn
import torchvision.transforms.functional as TF


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.head = nn.Linear(HEAD, 10)

    def forward(self, x):
        x = TF.resize(x, [32, 32])
        x = TF.normalize(x, [0.5] * 3, [0.5] * 3)
        return self.head(self.conv(x).flatten(1))


if __name__ == "__main__":
    Net()(torch.randn(4, 3, 50, 70))
'''
FUNCTIONAL_RIGHT = {"HEAD": "8 * 16 * 16"}
FUNCTIONAL_WRONG = {"HEAD": "8 * 25 * 35"}

V1_SHORT_SIDE = '''import torch
import torch.nn as nn
import torchvision.transforms as T


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.prep = T.Compose([T.Resize(64), T.CenterCrop(56), T.Normalize([0.5] * 3, [0.5] * 3)])
        self.conv = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.head = nn.Linear(HEAD, 10)

    def forward(self, x):
        return self.head(self.conv(self.prep(x)).flatten(1))


if __name__ == "__main__":
    Net()(torch.randn(2, 3, 100, 120))
'''
V1_RIGHT = {"HEAD": "8 * 28 * 28"}
V1_WRONG = {"HEAD": "8 * 32 * 38"}  # the resize alone, the crop forgotten


@pytest.mark.parametrize(("source", "right", "size"), [
    (V2_PIPELINE, RIGHT, (2, 3, 160, 160)), (FUNCTIONAL, FUNCTIONAL_RIGHT, (4, 3, 50, 70)),
    (V1_SHORT_SIDE, V1_RIGHT, (2, 3, 100, 120)), (V1_SHORT_SIDE, V1_RIGHT, (2, 3, 130, 90)),
], ids=["v2-compose", "functional", "v1-short-side", "v1-short-side-tall"])
def test_shapes_after_the_transforms_equal_torch(source, right, size):
    source = source.replace("HEAD", right["HEAD"]) if size != (2, 3, 130, 90) else \
        source.replace("HEAD", "8 * 28 * 28")
    assert_shapes_equal_torch(source, size, "net.py")


def test_the_v2_pipeline_s_shapes_are_known_batch_included():
    result = lint_text(V2_PIPELINE.replace("HEAD", RIGHT["HEAD"]), "net.py", Settings())
    (model,) = result.models
    shapes = {c.node.path: tuple(c.output.shape.dims) for c in model.calls}
    assert shapes["transforms"] == (2, 3, 224, 224)  # v2.Compose is a module: a row of its own, as in torch
    assert shapes["conv"] == (2, 32, 112, 112) and shapes["fc"] == (2, 10)


@pytest.mark.parametrize(("source", "right", "wrong", "size", "line"), [
    (V2_PIPELINE, RIGHT, WRONG, (2, 3, 160, 160), 14),
    (FUNCTIONAL, FUNCTIONAL_RIGHT, FUNCTIONAL_WRONG, (4, 3, 50, 70), 10),
    (V1_SHORT_SIDE, V1_RIGHT, V1_WRONG, (2, 3, 100, 120), 11),
], ids=["v2-compose", "functional", "v1-short-side"])
def test_a_head_sized_for_the_input_before_the_resize_is_found_at_its_line(source, right, wrong, size, line):
    assert_bug_found_at_its_line(source, right, wrong, size, line, "CL101", "net.py")


def test_a_resize_capped_by_max_size_or_of_an_input_of_no_known_size_is_never_an_error():
    capped = V1_SHORT_SIDE.replace("T.Resize(64)", "T.Resize(64, max_size=70)").replace("HEAD", "8 * 28 * 28")
    assert not [d for d in lint_text(capped, "net.py", Settings()).diagnostics if d.severity == "error"]
    free = V2_PIPELINE.replace("HEAD", RIGHT["HEAD"]).split("if __name__")[0]
    assert not [d for d in lint_text(free, "net.py", Settings()).diagnostics if d.severity == "error"]
