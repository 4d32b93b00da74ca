"""A model zoo's factories (`vgg11()` ... `vgg19()`) differ in depth and widths, not in the images
they take: the one size the code feeds some of them is checked on the others built from the same
class (analyze._same_class_input), unless the class states its input size in a parameter or the
first layer refuses those images. Against torch."""

import pytest

from convlint.pipeline import Settings, lint_text

ZOO = '''
import torch
import torch.nn as nn

cfg = {
    'A': [16, 'M', 32, 'M', 64, 'M', 64, 'M', 64, 'M'],
    'E': [16, 16, 'M', 32, 32, 'M', 64, 64, 'M', 64, 64, 'M', 64, 64, 'M'],
}


class VGG(nn.Module):
    def __init__(self, features, num_classes=10):
        super().__init__()
        self.features = features
        self.classifier = nn.Linear(64, num_classes)

    def forward(self, x):
        x = self.features(x)
        x = x.view(x.size(0), -1)
        return self.classifier(x)


def make_layers(cfg, in_channels=3):
    layers = []
    for v in cfg:
        if v == 'M':
            layers += [nn.MaxPool2d(2, 2)]
        else:
            layers += [nn.Conv2d(in_channels, v, 3, padding=1), nn.ReLU(inplace=True)]
            in_channels = v
    return nn.Sequential(*layers)


def vgg11():
    return VGG(make_layers(cfg['A']))


def vgg19():
    return VGG(make_layers(cfg['E']))


def vgg11_gray():
    return VGG(make_layers(cfg['A'], in_channels=1))


def test():
    net = vgg19()
    print(net(torch.randn(2, 3, 32, 32)).shape)
'''
BROKEN_A = "'A': [16, 'M', 32, 'M', 64, 'M', 64, 'M', 32, 'M'],"
BROKEN_LINE = 6


def _errors(source: str) -> list:
    result = lint_text(source, "vgg.py", Settings())
    return [d for d in result.diagnostics if d.severity == "error"]


def test_a_factory_nothing_feeds_is_checked_on_the_size_fed_to_its_sibling():
    source = ZOO.replace("'A': [16, 'M', 32, 'M', 64, 'M', 64, 'M', 64, 'M'],", BROKEN_A)
    (error,) = _errors(source)
    assert error.code == "CL101" and error.span.line == 6  # the configuration vgg19 does not share
    assert "as fed to vgg19, built from the same class VGG" in error.message
    assert "32 x 1 x 1 = 32" in error.message


def test_the_correct_zoo_and_a_sibling_for_other_images_stay_clean():
    # vgg11_gray's first conv takes 1 channel: the 3-channel images fed vgg19 are not its own
    assert _errors(ZOO) == []


def test_a_class_that_states_its_input_size_gets_no_sibling_size():
    source = '''
import torch
import torch.nn as nn


class D(nn.Module):
    def __init__(self, img_size=32):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 4, 2, 1)
        self.fc = nn.Linear(8 * (img_size // 2) ** 2, 1)

    def forward(self, x):
        return self.fc(self.conv(x).flatten(1))


def d32():
    return D(32)


def d64():
    return D(64)


d32()(torch.randn(2, 3, 32, 32))
'''
    assert _errors(source) == []


def test_the_sizes_are_torch_s():
    torch = pytest.importorskip("torch")
    broken: dict = {}
    exec(compile(ZOO.replace("'A': [16, 'M', 32, 'M', 64, 'M', 64, 'M', 64, 'M'],", BROKEN_A), "vgg.py", "exec"),
         broken)
    with pytest.raises(RuntimeError, match=r"mat1 and mat2 shapes cannot be multiplied \(2x32 and 64x10\)"):
        broken["vgg11"]()(torch.randn(2, 3, 32, 32))
    correct: dict = {}
    exec(compile(ZOO, "vgg.py", "exec"), correct)
    for name in ("vgg11", "vgg19"):
        assert correct[name]()(torch.randn(2, 3, 32, 32)).shape == (2, 10)
    with pytest.raises(RuntimeError, match="expected input.* to have 1 channels"):
        correct["vgg11_gray"]()(torch.randn(2, 3, 32, 32))


FAMILY = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


def stages():
    return nn.Sequential(nn.Conv2d(3, 16, 3, 1, 1), nn.ReLU(), nn.Conv2d(16, 32, 3, 2, 1), nn.ReLU(),
                         nn.Conv2d(32, 64, 3, 2, 1), nn.ReLU())


class ResNet(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.body = stages()
        self.linear = nn.Linear(64, num_classes)

    def forward(self, x):
        out = F.avg_pool2d(self.body(x), 8)
        return self.linear(out.view(out.size(0), -1))


class CosineNet(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.body = stages()
        self.linear = nn.Linear(64, num_classes, bias=False)

    def forward(self, x):
        out = F.avg_pool2d(self.body(x), WINDOW)
        return self.linear(F.normalize(out.view(out.size(0), -1)))


class ImageNetNet(nn.Module):
    def __init__(self, num_classes=1000):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 7, 2, 3)
        self.pool = nn.MaxPool2d(3, 2, 1)
        self.linear = nn.Linear(16 * 56 * 56, num_classes)

    def forward(self, x):
        return self.linear(self.pool(self.stem(x)).flatten(1))


def test():
    net = ResNet()
    y = net(torch.randn(1, 3, 32, 32))
'''


def test_a_model_whose_first_layer_is_built_as_the_fed_one_s_takes_its_images():
    """A zoo file's test() feeds only ResNet; CosineNet builds its stem alike (one family, one
    dataset): its pool window, wrong for 32x32 images, is found there; but the code never feeds
    CosineNet, which runs on 16x16 images: a warning, not an error. The ImageNet model's stem
    differs: it keeps every input size, and its 224-only head is no error."""
    assert _errors(FAMILY.replace("WINDOW", "8")) == []
    assert _errors(FAMILY.replace("WINDOW", "4")) == []
    (warning,) = [d for d in lint_text(FAMILY.replace("WINDOW", "4"), "vgg.py", Settings()).diagnostics
                  if d.code == "CL101"]
    assert warning.severity == "warning"
    assert FAMILY.splitlines()[warning.span.line - 1].strip().startswith("out = F.avg_pool2d(")
    assert "as fed to ResNet, whose first layer this model builds alike" in warning.message
    assert "met only at this input, which the code gives another model" in warning.message
    torch = pytest.importorskip("torch")
    broken: dict = {}
    exec(compile(FAMILY.replace("WINDOW", "4"), "zoo.py", "exec"), broken)
    with pytest.raises(RuntimeError, match=r"mat1 and mat2 shapes cannot be multiplied \(1x256 and 64x10\)"):
        broken["CosineNet"]()(torch.randn(1, 3, 32, 32))
    assert broken["CosineNet"]()(torch.randn(1, 3, 16, 16)).shape == (1, 10)
    correct: dict = {}
    exec(compile(FAMILY.replace("WINDOW", "8"), "zoo.py", "exec"), correct)
    assert correct["CosineNet"]()(torch.randn(1, 3, 32, 32)).shape == (1, 10)
    assert correct["ImageNetNet"]()(torch.randn(1, 3, 224, 224)).shape == (1, 1000)


def test_an_error_of_every_size_in_a_model_given_another_s_input_stays_an_error():
    """CosineNet, fed nothing, checked on ResNet's 32x32 images: a Linear of 63 after its pooled
    64 channels fails at every input size, so it is an error whatever the input."""
    source = FAMILY.replace("WINDOW", "8").replace("nn.Linear(64, num_classes, bias=False)",
                                                    "nn.Linear(63, num_classes, bias=False)")
    (error,) = _errors(source)
    assert error.code == "CL101" and "nn.Linear(63" in source.splitlines()[error.span.line - 1]
    torch = pytest.importorskip("torch")
    broken: dict = {}
    exec(compile(source, "zoo.py", "exec"), broken)
    for side in (16, 32, 64, 96):  # (at 16, the pool's window is too large first)
        with pytest.raises(RuntimeError):
            broken["CosineNet"]()(torch.randn(1, 3, side, side))


# a plate reader and a deeper variant for taller crops, built from one stem helper; only the
# first is fed (32 x 96): the deeper one's unpadded convs run out of height there, not at 64 tall
VARIANTS = '''
import torch
import torch.nn as nn


def stack(cfg, pad):
    layers, c = [nn.Conv2d(3, 16, 5)], 16
    for w in cfg:
        layers += [nn.MaxPool2d(3, 2, ceil_mode=True)] if w == "M" else [nn.Conv2d(c, w, 3, 1, pad)]
        c = c if w == "M" else w
    return nn.Sequential(*layers)


class Small(nn.Module):
    def __init__(self):
        super().__init__()
        self.feature = stack([32, "M", 64, "M"], (1, 1))
        self.loc = nn.MaxPool2d((5, 2), (1, 1))

    def forward(self, x):
        return self.loc(self.feature(x))


class Deep(nn.Module):
    def __init__(self):
        super().__init__()
        self.feature = stack([32, 32, "M", 64, 64, "M", 64, 64], (0, 1))
        self.loc = nn.MaxPool2d((5, 2), (1, 1))

    def forward(self, x):
        return self.loc(self.feature(x))


Small()(torch.randn(1, 3, 32, 96))
'''


def test_a_class_never_fed_meets_an_error_only_at_another_class_s_input_a_warning():
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(VARIANTS, "plates.py", "exec"), namespace)
    with pytest.raises(RuntimeError):
        namespace["Deep"]()(torch.randn(1, 3, 32, 96))
    assert namespace["Deep"]()(torch.randn(1, 3, 64, 96)).shape[1] == 64  # its own crops run
    found = lint_text(VARIANTS, "plates.py", Settings()).diagnostics
    assert [d for d in found if d.severity == "error"] == []
    (warning,) = [d for d in found if d.code == "CL105"]
    assert warning.severity == "warning" and warning.model == "Deep"
    assert "as fed to Small, whose first layer this model builds alike" in warning.message
