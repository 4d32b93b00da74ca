"""A block nothing in its file builds, whose code tests a whole-number parameter against its
default (`if in_ch != out_ch or stride != 1:` choosing a projection shortcut): analysed at its
defaults only, the branch every caller giving another stride takes was never checked. It is built
again with a few other values; what each of them meets at one place is reported, saying so (a
shortcut left at stride 1 while the main path strides), and the block written right stays clean."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

BLOCK = '''
import torch.nn as nn


class ResidualBlock(nn.Module):
    def __init__(self, cin, cout, stride=1):
        super().__init__()
        self.cin, self.cout, self.stride = cin, cout, stride
        self.bn1 = nn.BatchNorm2d(cin)
        self.conv1 = nn.Conv2d(cin, cout // 4, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout // 4)
        self.conv2 = nn.Conv2d(cout // 4, cout, 3, stride, padding=1, bias=False)
        self.relu = nn.ReLU(inplace=True)
        self.conv4 = nn.Conv2d(cin, cout, 1, SHORTCUT, bias=False)

    def forward(self, x):
        res = x
        pre = self.relu(self.bn1(x))
        out = self.conv2(self.relu(self.bn2(self.conv1(pre))))
        if TEST:
            res = self.conv4(pre)
        out += res
        return out
'''

TESTS = ["(self.cin != self.cout) or (self.stride != 1)", "self.stride > 1 or self.cin != self.cout",
         "self.stride != 1"]


def _errors(source: str):
    return [d for d in lint_text(source, "block.py", Settings()).diagnostics if d.severity == "error"]


def _torch_error(source: str, stride: int) -> str | None:
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "block.py", "exec"), namespace)
    try:
        namespace["ResidualBlock"](64, 64 if "cin != " not in source else 256, stride).eval()(
            torch.zeros(2, 64, 32, 32))
    except RuntimeError as error:
        return str(error)
    return None


@pytest.mark.parametrize("test", TESTS)
def test_a_shortcut_left_unstrided_is_reported_for_the_strides_callers_give(test):
    source = BLOCK.replace("SHORTCUT", "1").replace("TEST", test)
    assert _torch_error(source, 1) is None
    assert all("must match the size of tensor b" in _torch_error(source, s) for s in (2, 3))
    (finding,) = _errors(source)
    assert (finding.span.line, finding.code) == (line_of(source, "self.conv4 = "), "CL107")
    assert f"which the code tests on line {line_of(source, 'if ')}" in finding.message
    assert "met alike with stride=2, 3 and 4" in finding.message
    assert "stride=stride" in finding.fix


@pytest.mark.parametrize("test", TESTS)
def test_the_shortcut_given_the_stride_stays_clean(test):
    source = BLOCK.replace("SHORTCUT", "stride").replace("TEST", test)
    assert all(_torch_error(source, s) is None for s in (1, 2, 3))
    assert _errors(source) == []


def test_a_file_building_the_block_with_its_stride_is_checked_as_built():
    source = BLOCK.replace("SHORTCUT", "1").replace("TEST", TESTS[0]) + "\n\nblock = ResidualBlock(64, 256, 2)\n"
    (finding,) = _errors(source)
    assert finding.span.line == line_of(source, "self.conv4 = ")
    assert "which the code tests" not in finding.message


SWAPPED_STEM = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, num_classes=2, in_channels=3):
        super().__init__()
        stem = nn.Sequential(nn.Conv2d(3, STEM, 3, padding=1), nn.BatchNorm2d(STEM), nn.ReLU())
        layers = [stem, nn.BatchNorm2d(STEM), nn.MaxPool2d(2)]
        if in_channels != 3:
            layers[0] = nn.Conv2d(in_channels, 64, 3, padding=1)
        self.initial = nn.Sequential(*layers)
        self.head = nn.Conv2d(STEM, num_classes, 1)

    def forward(self, x):
        H, W = x.size(2), x.size(3)
        return F.interpolate(self.head(self.initial(x)), size=(H, W), mode="bilinear")
'''


def test_a_stem_swapped_for_other_input_channels_takes_them():
    """`if in_channels != 3: layers[0] = nn.Conv2d(in_channels, 64, ...)` swapping a stem whose
    first conv takes 3: with in_channels=4 the input has 4 channels, which the swapped conv takes,
    and nothing is reported; a stem giving 128 where the swapped conv gives 64 fails, as in
    torch, for in_channels other than 3: at the swapped conv, the one giving another width."""
    from tests.torch_cases import built, filled

    torch = pytest.importorskip("torch")
    right, wrong = filled(SWAPPED_STEM, {"STEM": "64"}), filled(SWAPPED_STEM, {"STEM": "128"})
    for channels in (3, 4, 5):
        built(right, "model.py", lambda ns: ns["Net"](in_channels=channels))(torch.zeros(1, channels, 16, 16))
    built(wrong, "model.py")(torch.zeros(1, 3, 16, 16))
    with pytest.raises(RuntimeError):
        built(wrong, "model.py", lambda ns: ns["Net"](in_channels=4))(torch.zeros(1, 4, 16, 16))
    assert [d.message for d in lint_text(right, "model.py", Settings()).diagnostics if d.severity == "error"] == []
    found = {(d.code, d.span.line) for d in lint_text(wrong, "model.py", Settings()).diagnostics
             if d.severity == "error"}
    assert found == {("CL104", line_of(SWAPPED_STEM, "layers[0] = nn.Conv2d(in_channels"))}


UPSCALED = '''
import torch.nn as nn
import torch.nn.functional as F


class MSRResNet(nn.Module):  # BasicSR: "supports x2, x3 and x4", each in a branch of its own
    def __init__(self, num_feat=16, upscale=4):
        super().__init__()
        self.upscale = upscale
        self.conv_first = nn.Conv2d(3, num_feat, 3, 1, 1)
        if self.upscale in [2, 3]:
            self.upconv1 = nn.Conv2d(num_feat, num_feat * self.upscale * self.upscale, 3, 1, 1)
            self.pixel_shuffle = nn.PixelShuffle(self.upscale)
        elif self.upscale == 4:
            self.upconv1 = nn.Conv2d(num_feat, num_feat * 4, 3, 1, 1)
            self.upconv2 = nn.Conv2d(num_feat, num_feat * 4, 3, 1, 1)
            self.pixel_shuffle = nn.PixelShuffle(2)
        self.conv_last = nn.Conv2d(num_feat, 3, 3, 1, 1)

    def forward(self, x):
        out = self.conv_first(x)
        if self.upscale == 4:
            out = self.pixel_shuffle(self.upconv2(self.pixel_shuffle(self.upconv1(out))))
        elif UPSCALES:
            out = self.pixel_shuffle(self.upconv1(out))
        return self.conv_last(out) + F.interpolate(x, scale_factor=self.upscale, mode="bilinear")
'''


@pytest.mark.parametrize("upscales", ["self.upscale in [2, 3]", "self.upscale == 2 or self.upscale == 3"])
def test_a_parameter_the_code_matches_with_other_values_is_not_tried_past_them(upscales):
    """`if upscale in [2, 3]: ... elif upscale == 4:` handles 2, 3 and 4 only: upscale=5 falls
    through every branch and torch fails at the residual add, a configuration the code does not
    take, not a branch a caller reaches. Not built with 5, 6 and 7 (no error); the values the
    code names run in torch."""
    source = UPSCALED.replace("UPSCALES", upscales)
    assert _errors(source) == []
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "sr.py", "exec"), namespace)
    for scale in (2, 3, 4):
        assert namespace["MSRResNet"](upscale=scale)(torch.zeros(1, 3, 8, 8)).shape == (1, 3, 8 * scale, 8 * scale)
    with pytest.raises(RuntimeError, match="must match"):
        namespace["MSRResNet"](upscale=5)(torch.zeros(1, 3, 8, 8))


SMALL_SCALES = '''
import torch.nn as nn


class Upscaler(nn.Module):
    def __init__(self, num_feat=16, upscale=4):
        super().__init__()
        self.upscale = upscale
        self.conv_first = nn.Conv2d(3, num_feat, 3, 1, 1)
        if self.upscale in [2, 3]:
            self.upconv = nn.Conv2d(num_feat, num_feat * self.upscale * self.upscale, 3, 1, 1)
            self.post = nn.Conv2d(POST_IN, num_feat, 1)
        elif self.upscale == 4:
            self.upconv = nn.Conv2d(num_feat, num_feat * 16, 3, 1, 1)
            self.post = nn.Identity()
        self.pixel_shuffle = nn.PixelShuffle(self.upscale)
        self.conv_last = nn.Conv2d(num_feat, 3, 3, 1, 1)

    def forward(self, x):
        out = self.post(self.pixel_shuffle(self.upconv(self.conv_first(x))))
        return self.conv_last(out)
'''


def test_a_branch_every_other_value_the_code_names_takes_is_checked_with_those_values():
    """`upscale in [2, 3]` beside the default 4: the model is built again with 2 and 3 (not with
    5 to 7, which no branch takes), so a conv of that branch wrong for both is found at its line."""
    wrong, right = (SMALL_SCALES.replace("POST_IN", width) for width in ("num_feat * 2", "num_feat"))
    errors = _errors(wrong)
    assert [(d.code, d.span.line) for d in errors] == [("CL103", line_of(wrong, "self.post = nn.Conv2d("))]
    assert "met alike with upscale=2 and 3" in errors[0].message
    assert _errors(right) == []
    torch = pytest.importorskip("torch")
    for source, fails in ((wrong, True), (right, False)):
        namespace: dict = {}
        exec(compile(source, "sr.py", "exec"), namespace)
        assert namespace["Upscaler"]()(torch.zeros(1, 3, 8, 8)).shape == (1, 3, 32, 32)
        for scale in (2, 3):
            model = namespace["Upscaler"](upscale=scale)
            if fails:
                with pytest.raises(RuntimeError, match="channels"):
                    model(torch.zeros(1, 3, 8, 8))
            else:
                assert model(torch.zeros(1, 3, 8, 8)).shape == (1, 3, 8 * scale, 8 * scale)
