"""A residual add broken by a stride-1 conv that shrinks its path is reported at the conv (the
line to change), and a layer built by a wrapper that forwards every argument at the wrapper's
call site (tests/corpus/shrinking_residual.py); each checked against the error torch raises."""

from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_file, lint_text

CORPUS = Path(__file__).parent / "corpus"
NAME = "shrinking_residual.py"


def _findings(model: str, shape: tuple = (2, 16, 32)) -> list[tuple[int, str]]:
    result = lint_file(CORPUS / NAME, NAME, Settings(input_shapes={"": shape}, model=model))
    return sorted((d.span.line, d.code) for d in result.diagnostics if d.severity == "error")


def _load() -> dict:
    namespace: dict = {}
    exec(compile((CORPUS / NAME).read_text(), NAME, "exec"), namespace)
    return namespace


def test_the_conv_that_shrinks_a_residual_path_is_reported_where_the_wrapper_is_called():
    assert _findings("DilatedStack") == [(23, "CL107")]
    result = lint_file(CORPUS / NAME, NAME, Settings(input_shapes={"": (2, 16, 32)}, model="DilatedStack"))
    (finding,) = [d for d in result.diagnostics if d.severity == "error"]
    assert "turns the length 34 into 30, so + on line 30 cannot combine" in finding.message
    assert 30 in {span.line for span in finding.related}  # the add, as a related location


def test_a_stride_changes_the_size_by_design_and_the_add_is_reported():
    assert _findings("StridedBlock") == [(51, "CL107")]


def test_a_count_wrong_in_a_forwarding_wrapper_is_reported_at_its_call():
    assert _findings("WrappedWidths") == [(57, "CL103")]


def test_a_skip_concatenation_after_an_unpadded_conv_is_reported_at_that_conv():
    assert _findings("SkipConcat", (2, 3, 16, 16)) == [(75, "CL107")]


def test_the_fixed_block_passes():
    assert _findings("GoodDilatedBlock") == []


def test_torch_raises_each_of_them():
    torch = pytest.importorskip("torch")
    namespace = _load()
    x = torch.zeros(2, 16, 32)
    with pytest.raises(RuntimeError, match=r"size of tensor a \(32\) must match the size of tensor b \(30\)"):
        namespace["DilatedStack"]()(x)
    with pytest.raises(RuntimeError, match=r"size of tensor a \(32\) must match the size of tensor b \(16\)"):
        namespace["StridedBlock"]()(x)
    with pytest.raises(RuntimeError, match="expected input.* to have 32 channels"):
        namespace["WrappedWidths"]()(x)
    with pytest.raises(RuntimeError, match="Expected size 16 but got size 14"):
        namespace["SkipConcat"]()(torch.zeros(2, 3, 16, 16))
    assert namespace["GoodDilatedBlock"]()(x).shape == (2, 16, 32)


TINY = "tiny_pinned_residual.py"


def _tiny_errors(model: str) -> list:
    result = lint_file(CORPUS / TINY, TINY, Settings(model=model))
    return [d for d in result.diagnostics if d.severity == "error"]


def test_an_add_that_runs_only_on_a_one_pixel_input_is_reported_at_the_conv_that_grows_the_map():
    (finding,) = _tiny_errors("DenseFusion")
    assert (finding.span.line, finding.code) == (28, "CL107")
    assert "they broadcast only where H = 1, W = 1, so only inputs of at most 1 pixel along that side run" \
        in finding.message
    assert "at 2xwidthx64x64 torch stops here" in finding.message
    assert finding.fix.startswith("Use padding=0 in fuse")
    assert 31 in {span.line for span in finding.related}


def test_an_add_pinned_to_the_size_a_model_is_made_for_and_the_fixed_block_give_nothing():
    assert _tiny_errors("PositionalAdd") == []
    assert _tiny_errors("GoodFusion") == []


def test_torch_runs_the_tiny_input_only():
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile((CORPUS / TINY).read_text(), TINY, "exec"), namespace)
    block = namespace["DenseFusion"](8, 4, 3)
    assert block(torch.zeros(2, 8, 1, 1)).shape == (2, 8, 3, 3)
    with pytest.raises(RuntimeError, match=r"size of tensor a \(66\) must match the size of tensor b \(64\)"):
        block(torch.zeros(2, 8, 64, 64))
    assert namespace["GoodFusion"](8, 4, 3)(torch.zeros(2, 8, 64, 64)).shape == (2, 8, 64, 64)
    assert namespace["PositionalAdd"]()(torch.zeros(2, 3, 32, 32)).shape == (2, 10)


def test_a_pooling_shortcut_padded_with_zero_channels_is_followed_to_its_pool():
    (finding,) = _tiny_errors("PaddedShortcutNet")
    assert (finding.span.line, finding.code) == (60, "CL107")
    assert "keeps the width at W, but the other path of += on line 66 divides it by 2 (block.conv1, line 58)" \
        in finding.message
    assert finding.fix.startswith("Give the shortcut block.pool stride=2")
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile((CORPUS / TINY).read_text(), TINY, "exec"), namespace)
    with pytest.raises(RuntimeError, match=r"size of tensor a \(16\) must match the size of tensor b \(32\)"):
        namespace["PaddedShortcutNet"]()(torch.zeros(2, 3, 32, 32))


POOLED_RESIDUAL = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Unit(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2, padding=1), nn.Conv2d(8, 8, 3, stride=2, padding=1))
        self.expand = nn.Conv2d(8, 8, 1)
        self.depthwise = nn.Conv2d(8, 8, 3, stride=1, padding=1, groups=8)  # the pooled residual halves the map

    def forward(self, x):
        x = self.stem(x)
        residual = F.avg_pool2d(x, 3, stride=2, padding=1)
        return torch.cat((residual, self.depthwise(self.expand(x))), 1)
'''


def test_a_cat_equal_only_on_inputs_of_at_most_four_pixels_is_an_error():
    (finding,) = [d for d in lint_text(POOLED_RESIDUAL, "unit.py", Settings()).diagnostics if d.severity == "error"]
    assert finding.code == "CL107"
    assert "they are equal off the joined dim only where H = 1 or 2 or 3 or 4, W = 1 or 2 or 3 or 4" in finding.message
    assert "so only inputs of at most 4 pixels along that side run: at 2x3x64x64 torch stops here" in finding.message
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(POOLED_RESIDUAL, "unit.py", "exec"), namespace)
    model = namespace["Unit"]()
    assert model(torch.zeros(2, 3, 4, 4)).shape == (2, 16, 1, 1)
    for side in (5, 8, 32, 64):
        with pytest.raises(RuntimeError, match="Sizes of tensors must match"):
            model(torch.zeros(2, 3, side, side))


FIRST_STAGE_CRITIC = '''
import torch
import torch.nn as nn


class Critic(nn.Module):
    """A progressive GAN's critic at its first stage: made for 4x4 images, as its code says."""

    def __init__(self):
        super().__init__()
        self.from_rgb = nn.Conv2d(3, 16, 1)
        self.conv = nn.Conv2d(17, 16, 3, padding=1)
        self.linear = nn.Linear(16, 1)

    def forward(self, x):
        out = self.from_rgb(x)
        std = out.std(0).mean().expand(out.size(0), 1, 4, 4)
        out = self.conv(torch.cat([out, std], 1))
        return self.linear(out.mean((2, 3)))
'''


def test_a_cat_pinned_to_a_size_the_code_writes_is_the_size_the_model_is_made_for():
    assert [d for d in lint_text(FIRST_STAGE_CRITIC, "critic.py", Settings()).diagnostics if d.severity == "error"] == []
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(FIRST_STAGE_CRITIC, "critic.py", "exec"), namespace)
    assert namespace["Critic"]()(torch.zeros(2, 3, 4, 4)).shape == (2, 1)
    with pytest.raises(RuntimeError, match="Sizes of tensors must match"):
        namespace["Critic"]()(torch.zeros(2, 3, 64, 64))


FACTORISED_BOTTLENECK = '''
import torch.nn as nn


class Net(nn.Module):
    """An asymmetric bottleneck: a 5 x 1 and a 1 x 5 conv in place of a 5 x 5 one, added to its input."""

    def __init__(self, channels=32):
        super().__init__()
        mid = channels // 4
        self.reduce = nn.Conv2d(channels, mid, 1)
        self.across = nn.Conv2d(mid, mid, (1, 5), padding=ACROSS)
        self.down = nn.Conv2d(mid, mid, (5, 1),
                              padding=DOWN)
        self.expand = nn.Conv2d(mid, channels, 1)

    def forward(self, x):
        return x + self.expand(self.down(self.across(self.reduce(x))))
'''


@pytest.mark.parametrize("wrong, line, side", [({"DOWN": "(1, 0)"}, 14, "H"), ({"ACROSS": "(0, 1)"}, 12, "W")])
def test_a_factorised_conv_that_shrinks_one_side_of_a_residual_path_is_reported_at_its_padding(wrong, line, side):
    from tests.torch_cases import assert_bug_found_at_its_line, filled

    right = {"ACROSS": "(0, 2)", "DOWN": "(2, 0)"}
    assert_bug_found_at_its_line(FACTORISED_BOTTLENECK, right, {**right, **wrong}, (2, 32, 16, 16), line, "CL107",
                                 "bottleneck.py")
    # (the other side is the same on both operands: no condition, so only the shrunk side is pinned)
    (finding,) = [d for d in lint_text(filled(FACTORISED_BOTTLENECK, {**right, **wrong}), "bottleneck.py",
                                       Settings()).diagnostics if d.severity == "error"]
    assert f"they broadcast only where {side} = 3, so only inputs of at most 3 pixels along that side run" \
        in finding.message


def test_a_factorised_conv_whose_pinned_size_a_later_pool_refuses_leaves_no_input_size_running():
    source = FACTORISED_BOTTLENECK.replace("ACROSS", "(0, 2)").replace("DOWN", "(1, 0)") \
        .replace("return x + self.expand", "return nn.functional.max_pool2d(x + self.expand") \
        .replace("self.reduce(x))))", "self.reduce(x)))), 4)")
    (finding,) = [d for d in lint_text(source, "bottleneck.py", Settings()).diagnostics if d.severity == "error"]
    assert (finding.code, finding.span.line) == ("CL107", 14)
    assert "they broadcast only where H = 3, and at those sizes the model stops anyway" in finding.message
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "bottleneck.py", "exec"), namespace)
    for size in (3, 16):
        with pytest.raises(RuntimeError):
            namespace["Net"]()(torch.zeros(2, 32, size, 16))


UNPADDED_RES_BLOCK = '''
import torch.nn as nn


class ResBlock(nn.Module):
    def __init__(self, channel, kernel, pad):
        super().__init__()
        self.relu = nn.ReLU()
        self.inner_block = nn.Sequential(
            nn.Conv2d(channel, channel, kernel, padding=pad),
            nn.ReLU(),
            nn.Conv2d(channel, channel, kernel, padding=pad))

    def forward(self, img):
        x = self.relu(img)
        return x + self.inner_block(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 64, 3, padding=1)
        self.res_blocks = nn.Sequential(*[ResBlock(64, 3, PAD) for _ in range(2)])

    def forward(self, img):
        return self.res_blocks(self.conv(img))
'''


def test_a_residual_block_of_two_unpadded_convs_is_reported_where_its_call_passes_the_padding():
    # x and x less 4 pixels broadcast at H = 5 only (5 against 1): no size of use, as 3 against 1 is
    from tests.torch_cases import assert_bug_found_at_its_line, filled

    assert_bug_found_at_its_line(UNPADDED_RES_BLOCK, {"PAD": "1"}, {"PAD": "0"}, (1, 3, 16, 16), 23, "CL107",
                                 "srresnet.py")
    (finding,) = [d for d in lint_text(filled(UNPADDED_RES_BLOCK, {"PAD": "0"}), "srresnet.py",
                                       Settings()).diagnostics if d.severity == "error"]
    assert "they broadcast only where H = 5, W = 5, one map there shrunk to a single pixel broadcast over the " \
           "other, so only inputs of at most 5 pixels along that side run: at 2x3x64x64 torch stops here" \
        in finding.message


SHAVED_PATHS = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, c=16):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(c, c, 3, padding=PAD), nn.ReLU(), nn.Conv2d(c, c, 3, padding=PAD),
                                  nn.ReLU(), nn.Conv2d(c, c, 3, padding=PAD))
        self.conv1 = nn.Conv2d(c, c, 3, padding=PAD)
        self.conv2 = nn.Conv2d(c, c, 3, stride=STRIDE, padding=PAD)
        self.conv3 = nn.Conv2d(c, c, 3, padding=PAD)
        self.pool = nn.MaxPool2d(3, stride=1, padding=PAD)

    def forward(self, x):
        x = x * self.body(x)
        x = torch.relu(x + self.conv2(torch.relu(self.conv1(x))))
        return x + self.pool(self.conv3(x))
'''


@pytest.mark.parametrize("wrong, line", [
    ({"self.body = nn.Sequential(nn.Conv2d(c, c, 3, padding=PAD)": "self.body = nn.Sequential(nn.Conv2d(c, c, 3)",
      ", nn.Conv2d(c, c, 3, padding=PAD),": ", nn.Conv2d(c, c, 3),", "nn.ReLU(), nn.Conv2d(c, c, 3, padding=PAD))":
      "nn.ReLU(), nn.Conv2d(c, c, 3))"}, 17),  # three unpadded 3x3 convs: H against H-6, 7 against 1
    ({"self.conv1 = nn.Conv2d(c, c, 3, padding=PAD)": "self.conv1 = nn.Conv2d(c, c, 3)",
      "stride=STRIDE, padding=PAD": "stride=2"}, 18),  # an unpadded stride-2 path, no projection: 5 or 6 against 1
    ({"self.conv3 = nn.Conv2d(c, c, 3, padding=PAD)": "self.conv3 = nn.Conv2d(c, c, 3)",
      "stride=1, padding=PAD": "stride=1"}, 19),  # an unpadded conv and pool: H against H-4 again
])
def test_a_path_shaved_to_one_pixel_where_it_meets_the_other_is_reported_whatever_the_offset_or_stride(wrong, line):
    from tests.torch_cases import assert_bug_found_at_its_line

    right = {"PAD": "1", "STRIDE": "1"}
    assert_bug_found_at_its_line(SHAVED_PATHS, right, {**wrong, **right}, (2, 16, 16, 16), line, "CL107",
                                 "shaved.py")


GATES_OF_ONE_SIZE = '''
import torch
import torch.nn as nn


class PoolGate(nn.Module):
    """A squeeze-excitation gate pooled by a window written for the 8x8 map of a 32x32 input."""

    def __init__(self, c=16):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, c, 3, stride=2, padding=1), nn.Conv2d(c, c, 3, stride=2, padding=1))
        self.pool = nn.AvgPool2d(8, stride=1)
        self.fc = nn.Sequential(nn.Conv2d(c, c // 4, 1), nn.ReLU(), nn.Conv2d(c // 4, c, 1), nn.Sigmoid())

    def forward(self, x):
        x = self.stem(x)
        return x * self.fc(self.pool(x))


class DepthwiseGate(nn.Module):
    """A gate made by a depthwise conv whose window takes a 7x7 map whole."""

    def __init__(self, c=16):
        super().__init__()
        self.gate = nn.Conv2d(c, c, 7, groups=c)

    def forward(self, x):
        return x * torch.sigmoid(self.gate(x))


class GlobalGates(nn.Module):
    """Gates of every size: an adaptive pool's and a mean's 1x1 maps, beside a padded residual."""

    def __init__(self, c=16):
        super().__init__()
        self.body = nn.Conv2d(c, c, 3, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Sequential(nn.Conv2d(c, c // 4, 1), nn.ReLU(), nn.Conv2d(c // 4, c, 1), nn.Sigmoid())
        self.bias = nn.Parameter(torch.zeros(c, 1, 1))

    def forward(self, x):
        out = self.body(x)
        out = out * self.fc(self.pool(out)) + out * torch.sigmoid(out.mean((2, 3), keepdim=True))
        return x + out + self.bias
'''


def test_a_gate_made_for_one_map_size_and_gates_of_every_size_give_nothing():
    result = lint_text(GATES_OF_ONE_SIZE, "gates.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    # (the two fixed windows meet their map only at one size, a collapse as in a shaved path: pinned)
    pinned = {m.name: [o.detail["pinned"] for o in m.ops if o.detail.get("pinned")] for m in result.models}
    assert pinned["PoolGate"] and pinned["DepthwiseGate"] and not pinned["GlobalGates"]
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(GATES_OF_ONE_SIZE, "gates.py", "exec"), namespace)
    assert namespace["PoolGate"]()(torch.zeros(2, 3, 32, 32)).shape == (2, 16, 8, 8)
    assert namespace["DepthwiseGate"]()(torch.zeros(2, 16, 7, 7)).shape == (2, 16, 7, 7)
    assert namespace["GlobalGates"]()(torch.zeros(2, 16, 20, 20)).shape == (2, 16, 20, 20)


AUDIO_RESNET = '''
import torch
import torch.nn as nn


class SEGate(nn.Module):
    def __init__(self, c, r=4):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Sequential(nn.Conv2d(c, c // r, 1), nn.ReLU(), nn.Conv2d(c // r, c, 1), nn.Sigmoid())

    def forward(self, x):
        return x * self.fc(self.pool(x))


class ResidualBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, stride=STRIDE2, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.se = SEGate(out_channels)
        self.shortcut = nn.Sequential()
        if stride != 1 or in_channels != out_channels:
            self.shortcut = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
                                          nn.BatchNorm2d(out_channels))

    def forward(self, x):
        out = torch.relu(self.bn1(self.conv1(x)))
        out = self.se(self.bn2(self.conv2(out)))
        return torch.relu(out + self.shortcut(x))


class Net(nn.Module):
    def __init__(self, num_classes=10, layers=(2, 2, 2, 2)):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(1, 16, 7, stride=2, padding=3, bias=False), nn.BatchNorm2d(16),
                                  nn.ReLU(), nn.MaxPool2d(3, stride=2, padding=1)STEM)
        channels, blocks = 16, []
        for index, count in enumerate(layers):
            for block in range(count):
                blocks.append(ResidualBlock(channels, 16 * 2 ** index, 2 if block == 0 and index > 0 else 1))
                channels = 16 * 2 ** index
        self.layers = nn.Sequential(*blocks)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(channels, num_classes)

    def forward(self, x):
        x = self.pool(self.layers(self.stem(x)))
        return self.fc(torch.flatten(x, 1))
'''


def test_a_doubly_strided_block_after_a_stride_4_stem_is_reported_at_the_conv_taking_the_stride_again():
    # (H+15)/16 against (H+7)/8: they broadcast at every H up to 16, too many sizes to rerun each,
    # but one run of them, where the maps at the add are of 1 and 2 pixels
    from tests.torch_cases import assert_bug_found_at_its_line, built, filled, module_shapes

    right, wrong = {"STRIDE2": "1", "STEM": ""}, {"STRIDE2": "stride", "STEM": ""}
    assert_bug_found_at_its_line(AUDIO_RESNET, right, wrong, (2, 1, 64, 64), 21, "CL107", "audio_resnet.py")
    (finding,) = [d for d in lint_text(filled(AUDIO_RESNET, wrong), "audio_resnet.py", Settings()).diagnostics
                  if d.severity == "error"]
    assert "they broadcast only where H = 1 to 16, W = 1 to 16" in finding.message
    assert "only inputs of at most 16 pixels along that side run: at 2x1x64x64 torch stops here" in finding.message
    assert "Give layers.2.conv2 stride=1" in finding.fix
    module_shapes(built(filled(AUDIO_RESNET, wrong), "audio_resnet.py"), (2, 1, 16, 16))  # what the message says
    with pytest.raises(RuntimeError):
        module_shapes(built(filled(AUDIO_RESNET, wrong), "audio_resnet.py"), (2, 1, 17, 17))


def test_a_doubly_strided_block_after_a_stride_8_stem_is_reported_too():
    # after a stride-8 stem the two paths broadcast at every H up to 36, but only where the maps at
    # the add are 2 and 1 pixels (a 32-pixel image runs by broadcasting one pixel over the other's
    # map): the stem's depth does not make those sizes of use
    from tests.torch_cases import built, filled, module_shapes

    deeper = filled(AUDIO_RESNET, {"STRIDE2": "stride", "STEM": ", nn.MaxPool2d(2)"})
    found = [d for d in lint_text(deeper, "audio_resnet.py", Settings()).diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in found] == [("CL107", 21)]
    assert "only inputs of at most 36 pixels along that side run: at 2x1x64x64 torch stops here" in found[0].message
    module_shapes(built(deeper, "audio_resnet.py"), (2, 1, 36, 36))  # what the message says
    with pytest.raises(RuntimeError):
        module_shapes(built(deeper, "audio_resnet.py"), (2, 1, 37, 37))
