"""Blame the layer whose stride stands out (tests/corpus/stride_blame.py), against torch."""

from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_file, lint_text
from tests.source_lines import line_of

CORPUS = Path(__file__).parent / "corpus"
NAME = "stride_blame.py"
SHAPE = (2, 3, 32, 32)
MODELS = ("Critic", "HalvingCritic", "Encoder", "UnstridedEncoder", "WrongHead")


def _line(text: str) -> int:
    return next(i for i, line in enumerate((CORPUS / NAME).read_text().splitlines(), 1) if text in line)


def test_the_layer_whose_stride_stands_out_is_blamed():
    result = lint_file(CORPUS / NAME, NAME, Settings(input_shapes={m: SHAPE for m in MODELS}))
    errors = {(d.model, d.code): d for d in result.diagnostics if d.severity == "error" and d.model in MODELS}
    assert sorted(errors) == [("HalvingCritic", "CL102"), ("UnstridedEncoder", "CL101"), ("WrongHead", "CL101")]
    halving = errors[("HalvingCritic", "CL102")]
    assert halving.span.line == _line("super().__init__(stride=1)")  # where the stride is written
    assert halving.related[0].line == _line("x.view(-1, 32 * 8 * 8)")
    assert f"conv.2 on line {_line('nn.Conv2d(16, 32, 4, stride, 1)')} given stride=2 makes it run (kernel 4 with padding 1" \
        in halving.message
    unstrided = errors[("UnstridedEncoder", "CL101")]
    assert unstrided.span.line == _line("super().__init__(last=1)")
    assert "every other conv with kernel 3 here has stride 2" in unstrided.message
    # the head's count, written by the caller: there, as the strides agree
    assert errors[("WrongHead", "CL101")].span.line == _line("super().__init__(features=64 * 8 * 8)")


def test_with_no_input_size_a_stride_that_no_size_survives_is_blamed_where_it_is_written():
    """The CycleGAN block's add fails for every input size (CL107, proved by rerunning the sizes it
    meets at); tried at 64 and 32 pixels, the block's conv1 given stride 1 like every other 3x3
    conv makes the model run: the caller's `stride=2` is what to change."""
    result = lint_file(CORPUS / NAME, NAME, Settings())
    errors = [(d.model, d.code, d.span.line) for d in result.diagnostics if d.severity == "error"]
    assert ("StridedResnetGenerator", "CL107", _line("ReflectBlock(16, stride=2)")) in errors
    # the image channels a required argument: still tried (a width is checked for every value)
    assert ("StridedBlockGenerator", "CL107", _line("a residual block's conv at stride 2")) in errors
    assert not [e for e in errors if e[0] in ("ResnetGenerator", "ReflectBlock")]


def test_torch_agrees():
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile((CORPUS / NAME).read_text(), NAME, "exec"), namespace)
    for model in ("Critic", "Encoder", "ResnetGenerator"):
        namespace[model]()(torch.zeros(*SHAPE))
    for side in (4, 8, 16, 32, 64):
        with pytest.raises(RuntimeError):
            namespace["StridedResnetGenerator"]()(torch.zeros(2, 3, side, side))
        with pytest.raises(RuntimeError):
            namespace["StridedBlockGenerator"](3)(torch.zeros(2, 3, side, side))
    for model in ("HalvingCritic", "UnstridedEncoder", "WrongHead"):
        with pytest.raises(RuntimeError):
            namespace[model]()(torch.zeros(*SHAPE))


WINDOWS = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class LostPadding(nn.Module):  # conv2's padding 2 was edited to 0; fc was sized for 7x7
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Sequential(nn.Conv2d(1, 16, 5, 1, 2), nn.ReLU(), nn.MaxPool2d(2))
        self.conv2 = nn.Sequential(nn.Conv2d(16, 32, 5, 1, 0), nn.ReLU(), nn.MaxPool2d(2))
        self.out = nn.Linear(32 * 7 * 7, 10)

    def forward(self, x):
        x = self.conv2(self.conv1(x))
        return self.out(x.view(x.size(0), -1))


class SmallerKernel(nn.Module):  # conv2's kernel 5 was edited to 3; fc was sized for 4x4
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 10, kernel_size=5)
        self.conv2 = nn.Conv2d(10, 20, kernel_size=3)
        self.fc = nn.Linear(320, 10)

    def forward(self, x):
        x = F.max_pool2d(self.conv1(x), 2)
        x = F.max_pool2d(self.conv2(x), 2)
        return self.fc(x.view(x.size(0), -1))


class WrongFeatures(nn.Module):  # the kernels differ by design: fc's count is what is wrong
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 10, kernel_size=5)
        self.conv2 = nn.Conv2d(10, 20, kernel_size=3)
        self.fc = nn.Linear(320, 10)  # sized for 28-pixel inputs

    def forward(self, x):
        x = F.max_pool2d(self.conv1(x), 2)
        x = F.max_pool2d(self.conv2(x), 2)
        return self.fc(x.view(x.size(0), -1))


LostPadding()(torch.zeros(50, 1, 28, 28))
SmallerKernel()(torch.zeros(50, 1, 28, 28))
WrongFeatures()(torch.zeros(50, 1, 32, 32))
'''


def _window_line(text: str) -> int:
    return next(i for i, line in enumerate(WINDOWS.splitlines(), 1) if text in line)


def test_a_conv_whose_padding_or_kernel_stands_out_is_blamed_for_the_linear_it_broke():
    """MNIST tutorials: the Linear after the convs was sized for the padding or kernel a conv
    had before an edit. The conv whose padding differs from every other conv of its kernel (or
    kernel from every other of its padding), given theirs, makes the model run: it is blamed.
    Where that does not make it run (28-1 and 32-pixel inputs differ), the Linear stays blamed."""
    from convlint.pipeline import lint_text

    result = lint_text(WINDOWS, "windows.py", Settings())
    errors = {d.model: d for d in result.diagnostics if d.severity == "error"}
    assert sorted((m, d.code, d.span.line) for m, d in errors.items()) == [
        ("LostPadding", "CL101", _window_line("nn.Conv2d(16, 32, 5, 1, 0)")),
        ("SmallerKernel", "CL101", _window_line("nn.Conv2d(10, 20, kernel_size=3)")),
        ("WrongFeatures", "CL101", _window_line("# sized for 28-pixel inputs")),
    ]
    assert "given padding=2 makes it run (every other conv with kernel 5 here has padding 2)" \
        in errors["LostPadding"].message
    assert "given kernel_size=5 makes it run (every other conv with padding 0 here has kernel 5)" \
        in errors["SmallerKernel"].message
    assert errors["LostPadding"].related[0].line == _window_line("self.out = nn.Linear(32 * 7 * 7, 10)")


def test_torch_refuses_the_edits_and_runs_the_blamed_layers_fixed():
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(WINDOWS.split("\nLostPadding()(")[0], "windows.py", "exec"), namespace)
    for name, size in (("LostPadding", 28), ("SmallerKernel", 28), ("WrongFeatures", 32)):
        with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
            namespace[name]()(torch.zeros(2, 1, size, size))
    fixed = WINDOWS.replace("nn.Conv2d(16, 32, 5, 1, 0)", "nn.Conv2d(16, 32, 5, 1, 2)").replace(
        "self.conv2 = nn.Conv2d(10, 20, kernel_size=3)\n        self.fc = nn.Linear(320, 10)\n\n    def forward(self, x):\n"
        "        x = F.max_pool2d(self.conv1(x), 2)\n        x = F.max_pool2d(self.conv2(x), 2)\n"
        "        return self.fc(x.view(x.size(0), -1))\n\n\nclass WrongFeatures",
        "self.conv2 = nn.Conv2d(10, 20, kernel_size=5)\n        self.fc = nn.Linear(320, 10)\n\n    def forward(self, x):\n"
        "        x = F.max_pool2d(self.conv1(x), 2)\n        x = F.max_pool2d(self.conv2(x), 2)\n"
        "        return self.fc(x.view(x.size(0), -1))\n\n\nclass WrongFeatures")
    namespace = {}
    exec(compile(fixed.split("\nLostPadding()(")[0], "windows.py", "exec"), namespace)
    for name in ("LostPadding", "SmallerKernel"):
        assert namespace[name]()(torch.zeros(2, 1, 28, 28)).shape == (2, 10)


STRIDED = '''
import torch
import torch.nn as nn


class DroppedPadding(nn.Module):  # conv3's padding 1 was edited to 0: the last 4x4 conv meets a 3x3 map
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(3, 16, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(16, 32, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(32, 64, 4, 2, 0), nn.LeakyReLU(0.2),
            nn.Conv2d(64, 1, 4, 1, 0))

    def forward(self, x):
        return self.main(x)


class WideLastKernel(nn.Module):  # the last conv's kernel is what is wrong: the strided convs agree
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(3, 16, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(16, 32, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(64, 1, 8, 1, 0))

    def forward(self, x):
        return self.main(x)


DroppedPadding()(torch.zeros(2, 3, 32, 32))
WideLastKernel()(torch.zeros(2, 3, 32, 32))
'''


def _strided_line(text: str) -> int:
    return next(i for i, line in enumerate(STRIDED.splitlines(), 1) if text in line)


def test_a_strided_conv_whose_padding_stands_out_is_blamed_for_the_window_that_no_longer_fits():
    from convlint.pipeline import lint_text

    errors = {d.model: d for d in lint_text(STRIDED, "strided.py", Settings()).diagnostics if d.severity == "error"}
    assert sorted((m, d.code, d.span.line) for m, d in errors.items()) == [
        ("DroppedPadding", "CL105", _strided_line("nn.Conv2d(32, 64, 4, 2, 0)")),
        ("WideLastKernel", "CL105", _strided_line("nn.Conv2d(64, 1, 8, 1, 0)")),
    ]
    assert "given padding=1 makes it run (every other conv with kernel 4 here has padding 1)" \
        in errors["DroppedPadding"].message
    assert errors["DroppedPadding"].related[0].line == _strided_line("nn.Conv2d(64, 1, 4, 1, 0))")


def test_torch_refuses_the_dropped_padding_and_runs_it_restored():
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(STRIDED.split("\nDroppedPadding()(")[0], "strided.py", "exec"), namespace)
    for name in ("DroppedPadding", "WideLastKernel"):
        with pytest.raises(RuntimeError, match="Kernel size can't be greater than actual input size"):
            namespace[name]()(torch.zeros(2, 3, 32, 32))
    namespace = {}
    exec(compile(STRIDED.replace("nn.Conv2d(32, 64, 4, 2, 0)", "nn.Conv2d(32, 64, 4, 2, 1)").split(
        "\nDroppedPadding()(")[0], "strided.py", "exec"), namespace)
    assert namespace["DroppedPadding"]()(torch.zeros(2, 3, 32, 32)).shape == (2, 1, 1, 1)


DILATED = '''
import torch.nn as nn


class Denoiser(nn.Module):  # a residual denoiser of dilated 3x3 convs, each padded to its dilation
    def __init__(self, nc=16):
        super().__init__()
        layers = [nn.Conv2d(1, nc, 3, stride=STRIDE, padding=1), nn.ReLU()]
        for dilation in (2, 3, 2):
            layers += [nn.Conv2d(nc, nc, 3, stride=1, padding=dilation, dilation=dilation), nn.ReLU()]
        layers += [nn.Conv2d(nc, 1, 3, stride=1, padding=1)]
        self.body = nn.Sequential(*layers)

    def forward(self, x):
        return x - self.body(x)
'''


def test_a_stride_among_dilated_convs_of_one_kernel_is_blamed_where_it_is_written():
    line = next(i for i, text in enumerate(DILATED.splitlines(), 1) if "STRIDE" in text)
    right = lint_text(DILATED.replace("STRIDE", "1"), "denoiser.py", Settings())
    assert not [d for d in right.diagnostics if d.severity == "error"]
    wrong = DILATED.replace("STRIDE", "2")
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(wrong, "denoiser.py", "exec"), namespace)
    with pytest.raises(RuntimeError):
        namespace["Denoiser"]()(torch.zeros(2, 1, 40, 40))
    errors = [(d.code, d.span.line) for d in lint_text(wrong, "denoiser.py", Settings()).diagnostics
              if d.severity == "error"]
    assert errors == [("CL107", line)]


HEAD_CRITIC = '''
import torch
import torch.nn as nn


class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(3, 64, 4, 2, 1, bias=False),
            nn.LeakyReLU(0.2, True),
            nn.Conv2d(64, 128, 4, 2, 1, bias=False),
            nn.LeakyReLU(0.2, True),
            nn.Conv2d(128, 256, 4, 2, 1, bias=False),
            nn.LeakyReLU(0.2, True),
            nn.Conv2d(256, 512, 4, 2, 1, bias=False),
            nn.LeakyReLU(0.2, True),
            nn.Conv2d(512, 1, 4, 1, 0),
        )

    def forward(self, x):
        return torch.flatten(self.main(x))


if __name__ == "__main__":
    print(Critic()(torch.randn(2, 3, 64, 64)).shape)
'''
HEAD_CRITIC_STRIDE = HEAD_CRITIC.replace("nn.Conv2d(128, 256, 4, 2, 1, bias=False)", "nn.Conv2d(128, 256, 4, 4, 1, bias=False)")
HEAD_CRITIC_KERNEL = HEAD_CRITIC.replace("nn.Conv2d(512, 1, 4, 1, 0)", "nn.Conv2d(512, 1, 8, 1, 0)")


def _errors_in(source: str) -> list[tuple[str, int]]:
    result = lint_text(source, "critic.py", Settings())
    return [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"]


def test_a_head_window_refused_after_a_stride_that_stands_out_is_blamed_at_the_stride():
    assert _errors_in(HEAD_CRITIC_STRIDE) == [("CL105", line_of(HEAD_CRITIC_STRIDE, "nn.Conv2d(128, 256, 4, 4, 1"))]


def test_a_head_kernel_enlarged_is_blamed_at_the_head_and_the_critic_is_clean():
    assert _errors_in(HEAD_CRITIC_KERNEL) == [("CL105", line_of(HEAD_CRITIC_KERNEL, "nn.Conv2d(512, 1, 8, 1, 0)"))]
    assert _errors_in(HEAD_CRITIC) == []


def test_torch_refuses_the_critic_edits_and_runs_the_critic():
    torch = pytest.importorskip("torch")
    for source, fails in ((HEAD_CRITIC, False), (HEAD_CRITIC_STRIDE, True), (HEAD_CRITIC_KERNEL, True)):
        namespace: dict = {}
        exec(compile(source.replace('if __name__ == "__main__":', "if False:"), "critic.py", "exec"), namespace)
        try:
            namespace["Critic"]()(torch.zeros(2, 3, 64, 64))
        except RuntimeError as error:
            assert fails and "Kernel size can't be greater than actual input size" in str(error)
        else:
            assert not fails


# a U-Net whose third pool lost its stride: every skip below it is one pixel off, at every size
POOL_UNET = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class PlainUNet(nn.Module):
    def __init__(self, cin, classes):
        super().__init__()
        self.a1, self.b1 = nn.Conv2d(cin, 64, 3, padding=1), nn.Conv2d(64, 64, 3, padding=1)
        self.pool1 = nn.MaxPool2d(kernel_size=2, stride=2)
        self.a2, self.b2 = nn.Conv2d(64, 128, 3, padding=1), nn.Conv2d(128, 128, 3, padding=1)
        self.pool2 = nn.MaxPool2d(kernel_size=2, stride=2)
        self.a3, self.b3 = nn.Conv2d(128, 256, 3, padding=1), nn.Conv2d(256, 256, 3, padding=1)
        self.pool3 = nn.MaxPool2d(kernel_size=2, stride=1)
        self.a4, self.b4 = nn.Conv2d(256, 512, 3, padding=1), nn.Conv2d(512, 512, 3, padding=1)
        self.pool4 = nn.MaxPool2d(kernel_size=2, stride=2)
        self.a5, self.b5 = nn.Conv2d(512, 1024, 3, padding=1), nn.Conv2d(1024, 1024, 3, padding=1)
        self.up1, self.c1 = nn.ConvTranspose2d(1024, 512, kernel_size=2, stride=2), nn.Conv2d(1024, 512, 3, padding=1)
        self.up2, self.c2 = nn.ConvTranspose2d(512, 256, kernel_size=2, stride=2), nn.Conv2d(512, 256, 3, padding=1)
        self.up3, self.c3 = nn.ConvTranspose2d(256, 128, kernel_size=2, stride=2), nn.Conv2d(256, 128, 3, padding=1)
        self.up4, self.c4 = nn.ConvTranspose2d(128, 64, kernel_size=2, stride=2), nn.Conv2d(128, 64, 3, padding=1)
        self.head = nn.Conv2d(64, classes, kernel_size=1)

    def forward(self, x):
        s1 = F.relu(self.b1(F.relu(self.a1(x))))
        s2 = F.relu(self.b2(F.relu(self.a2(self.pool1(s1)))))
        s3 = F.relu(self.b3(F.relu(self.a3(self.pool2(s2)))))
        s4 = F.relu(self.b4(F.relu(self.a4(self.pool3(s3)))))
        x = F.relu(self.b5(F.relu(self.a5(self.pool4(s4)))))
        x = F.relu(self.c1(torch.cat([self.up1(x), s4], dim=1)))
        x = F.relu(self.c2(torch.cat([self.up2(x), s3], dim=1)))
        x = F.relu(self.c3(torch.cat([self.up3(x), s2], dim=1)))
        x = F.relu(self.c4(torch.cat([self.up4(x), s1], dim=1)))
        return self.head(x)
'''


def test_a_pool_stride_that_no_input_size_survives_is_blamed_at_the_pool():
    source = POOL_UNET
    assert _errors_in(source) == [("CL107", line_of(source, "self.pool3 = nn.MaxPool2d(kernel_size=2, stride=1)"))]
    fixed = source.replace("self.pool3 = nn.MaxPool2d(kernel_size=2, stride=1)", "self.pool3 = nn.MaxPool2d(kernel_size=2, stride=2)")
    assert _errors_in(fixed) == []


def test_torch_refuses_the_pool_without_its_stride_at_every_size_and_runs_it_restored():
    torch = pytest.importorskip("torch")
    fixed = POOL_UNET.replace("kernel_size=2, stride=1)", "kernel_size=2, stride=2)")
    for source, fails in ((POOL_UNET, True), (fixed, False)):
        namespace: dict = {}
        exec(compile(source, "unet.py", "exec"), namespace)
        for side in (32, 48, 64):
            with torch.no_grad():
                try:
                    namespace["PlainUNet"](3, 2)(torch.zeros(1, 3, side, side))
                except RuntimeError as error:
                    assert fails and "Sizes of tensors must match" in str(error)
                else:
                    assert not fails


# a wide block whose second conv lost `stride=stride` (written `stride=1`): the shortcut, built
# because the caller passes stride 2, is right; the main path is what no longer downsamples
WIDE_BLOCK = '''
import torch.nn as nn
import torch.nn.functional as F


class Wide(nn.Module):
    def __init__(self, cin, cout, stride=1):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(cin)
        self.conv1 = nn.Conv2d(cin, cout, kernel_size=3, padding=1)
        self.bn2 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, kernel_size=3, stride=stride, padding=1)
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, kernel_size=1, stride=stride))

    def forward(self, x):
        out = self.conv1(F.relu(self.bn1(x)))
        out = self.conv2(F.relu(self.bn2(out)))
        out += self.shortcut(x)
        return out


class Net(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.stage1 = Wide(16, 32, stride=1)
        self.stage2 = Wide(32, 64, stride=2)
        self.fc = nn.Linear(64, classes)

    def forward(self, x):
        out = self.stage2(self.stage1(self.stem(x)))
        return self.fc(F.adaptive_avg_pool2d(F.relu(out), 1).flatten(1))
'''
WIDE_BLOCK_LOST = WIDE_BLOCK.replace("kernel_size=3, stride=stride, padding=1)", "kernel_size=3, stride=1, padding=1)")


def test_a_main_path_conv_that_lost_the_blocks_stride_is_blamed_not_the_callers_stride():
    errors = _errors_in(WIDE_BLOCK_LOST)
    assert errors == [("CL107", line_of(WIDE_BLOCK_LOST, "nn.Conv2d(cout, cout, kernel_size=3, stride=1"))]
    assert _errors_in(WIDE_BLOCK) == []


def test_torch_refuses_the_main_path_without_its_stride_and_runs_it_restored():
    torch = pytest.importorskip("torch")
    for source, fails in ((WIDE_BLOCK_LOST, True), (WIDE_BLOCK, False)):
        namespace: dict = {}
        exec(compile(source, "wide.py", "exec"), namespace)
        try:
            namespace["Net"]()(torch.zeros(2, 3, 32, 32))
        except RuntimeError as error:
            assert fails and "must match the size of tensor b" in str(error)
        else:
            assert not fails


# the same lost stride in a net whose depth nothing gives (its block counts tried) and two
# strided stages: each strided block's conv is given its stride back, the trial runs clean
DEEP_WIDE = WIDE_BLOCK.split("class Net(nn.Module):")[0] + '''class Net(nn.Module):
    def __init__(self, depth, k, classes=10):
        super().__init__()
        n = (depth - 4) // 6
        self.cin = 16
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.stage1 = self._stage(16 * k, n, 1)
        self.stage2 = self._stage(32 * k, n, 2)
        self.stage3 = self._stage(64 * k, n, 2)
        self.fc = nn.Linear(64 * k, classes)

    def _stage(self, planes, blocks, stride):
        layers = []
        for stride in [stride] + [1] * (blocks - 1):
            layers.append(Wide(self.cin, planes, stride))
            self.cin = planes
        return nn.Sequential(*layers)

    def forward(self, x):
        out = self.stage3(self.stage2(self.stage1(self.stem(x))))
        return self.fc(F.adaptive_avg_pool2d(F.relu(out), 1).flatten(1))
'''
DEEP_WIDE_LOST = DEEP_WIDE.replace("kernel_size=3, stride=stride, padding=1)", "kernel_size=3, stride=1, padding=1)")


def test_a_lost_stride_in_a_net_of_block_counts_nothing_gives_is_blamed_at_the_conv():
    assert _errors_in(DEEP_WIDE_LOST) == [("CL107", line_of(DEEP_WIDE_LOST, "kernel_size=3, stride=1, padding=1)"))]
    assert _errors_in(DEEP_WIDE) == []


def test_torch_refuses_the_deep_net_without_its_stride_at_every_depth_and_runs_it_restored():
    torch = pytest.importorskip("torch")
    for source, fails in ((DEEP_WIDE_LOST, True), (DEEP_WIDE, False)):
        namespace: dict = {}
        exec(compile(source, "wide.py", "exec"), namespace)
        for depth, k in ((10, 1), (16, 2)):
            try:
                namespace["Net"](depth, k)(torch.zeros(2, 3, 32, 32))
            except RuntimeError as error:
                assert fails and "must match the size of tensor b" in str(error)
            else:
                assert not fails


def test_a_conv_padded_to_keep_its_map_is_not_blamed_for_a_head_sized_wrong():
    """LeNet's first conv keeps 28 x 28 with padding 2 beside an unpadded second conv: taking that
    padding away would make a wrong Linear fit, but a size-keeping padding is written on purpose;
    the Linear's count is the edit."""
    from tests.test_layer_by_layer_scripts import LENET

    wrong = LENET.replace("FEATURES", "16 * 4 * 4")
    (error,) = [d for d in lint_text(wrong, "lenet.py", Settings()).diagnostics if d.severity == "error"]
    assert (error.code, error.span.line) == ("CL101", 10)
    assert "makes it run" not in error.message
    right = LENET.replace("FEATURES", "16 * 5 * 5")
    assert [d for d in lint_text(right, "lenet.py", Settings()).diagnostics if d.severity == "error"] == []
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match=r"mat1 and mat2 shapes cannot be multiplied \(1x400 and 256x120\)"):
        exec(compile(wrong, "lenet.py", "exec"), {})
    exec(compile(right, "lenet.py", "exec"), {})


REFUSED_BESIDE = '''
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)

    def forward(self, x):
        return self.conv(x)


class Net(nn.Module):
    def __init__(self, n=16):
        super().__init__()
        self.a = Block(3, 3)
        self.b = Block(n, n / 2)
        self.pool = nn.MaxPool2d(2)

    def forward(self, x):
        return self.pool(x) + self.a(x)
'''


def test_a_layer_torch_refuses_built_at_the_line_of_a_suspect_stride_is_no_crash():
    """One line builds a conv torch takes and one it refuses (a `/` width): the add that fails is
    still reported, with the refused width, and the run does not stop on the refused layer's
    missing stride."""
    codes = sorted((d.code, d.span.line) for d in lint_text(REFUSED_BESIDE, "net.py", Settings()).diagnostics
                   if d.severity == "error")
    assert codes == [("CL106", 8), ("CL107", 22)]
UNPADDED_STEMS = '''
import torch
import torch.nn as nn


def down(cin, cout, padding=0):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, 2, padding), nn.ReLU())


class Stem(nn.Module):  # two unpadded strided convs by design; fc counted for padded ones
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, stride=2)
        self.conv2 = nn.Conv2d(16, 32, 3, stride=2)
        self.fc = nn.Linear(STEM_FEATURES, 10)

    def forward(self, x):
        x = torch.relu(self.conv2(torch.relu(self.conv1(x))))
        return self.fc(x.flatten(1))


class Stems(nn.Module):  # an AlexNet stem (kernel 11, stride 4, unpadded); fc counted for 6 x 6
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 16, kernel_size=11, stride=4), nn.ReLU(), nn.MaxPool2d(3, 2),
            nn.Conv2d(16, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(3, 2),
            nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(3, 2))
        self.fc = nn.Linear(ALEX_FEATURES, 10)

    def forward(self, x):
        return self.fc(self.features(x).flatten(1))


class LeftOut(nn.Module):  # the second call of the helper leaves out the padding the first passes
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(down(3, 16, padding=1), DOWN)
        self.fc = nn.Linear(32 * 8 * 8, 10)

    def forward(self, x):
        return self.fc(self.body(x).flatten(1))
'''

UNPADDED_RIGHT = {"STEM_FEATURES": "32 * 7 * 7", "ALEX_FEATURES": "32 * 5 * 5", "DOWN": "down(16, 32, padding=1)"}
UNPADDED_WRONG = {"STEM_FEATURES": "32 * 8 * 8", "ALEX_FEATURES": "32 * 6 * 6", "DOWN": "down(16, 32)"}
UNPADDED_SIZES = {"Stem": (2, 3, 32, 32), "Stems": (2, 3, 224, 224), "LeftOut": (2, 3, 32, 32)}


def _unpadded(values: dict) -> str:
    source = UNPADDED_STEMS
    for name, value in values.items():
        source = source.replace(name, value)
    return source


def test_a_count_written_against_an_unpadded_strided_stem_is_blamed_at_the_count():
    """An unpadded strided conv (AlexNet's `11, 4, 0`, a student CNN's `3, stride=2`) is a design:
    a Linear counted for a padded one is reported at its count, not at the conv, though padding
    the conv would make it run. Where another call of the conv's line passes the padding the call
    building it left out, that call is what to change."""
    source = _unpadded(UNPADDED_WRONG)
    result = lint_text(source, "stems.py", Settings(input_shapes=UNPADDED_SIZES))
    errors = {d.model: d for d in result.diagnostics if d.severity == "error"}
    assert sorted((m, d.code, d.span.line) for m, d in errors.items()) == [
        ("LeftOut", "CL101", line_of(source, "self.body = nn.Sequential(down(3, 16, padding=1)")),
        ("Stem", "CL101", line_of(source, "self.fc = nn.Linear(32 * 8 * 8, 10)")),
        ("Stems", "CL101", line_of(source, "self.fc = nn.Linear(32 * 6 * 6, 10)")),
    ]
    assert "makes it run" not in errors["Stem"].message and "makes it run" not in errors["Stems"].message
    left_out = errors["LeftOut"]
    assert left_out.span.column == _line_text(source, left_out.span.line).index("down(16, 32)") + 1
    assert "given padding=1 makes it run" in left_out.message
    right = _unpadded(UNPADDED_RIGHT)
    assert [d for d in lint_text(right, "stems.py", Settings(input_shapes=UNPADDED_SIZES)).diagnostics
            if d.severity == "error"] == []


def test_torch_refuses_the_counts_and_runs_the_written_stems():
    torch = pytest.importorskip("torch")
    for values, fails in ((UNPADDED_WRONG, True), (UNPADDED_RIGHT, False)):
        namespace: dict = {}
        exec(compile(_unpadded(values), "stems.py", "exec"), namespace)
        for name, size in UNPADDED_SIZES.items():
            if fails:
                with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
                    namespace[name]()(torch.zeros(*size))
            else:
                assert namespace[name]()(torch.zeros(*size)).shape == (2, 10)


def _line_text(source: str, line: int) -> str:
    return source.splitlines()[line - 1]


DILATED_AFTER = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(3, 16, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.ReLU(),
        )
        self.body[4].stride, self.body[4].dilation, self.body[4].padding = (1, 1), (2, 2), (2, 2)
        self.fc = nn.Linear(64 * COUNT, 10)

    def forward(self, x):
        return self.fc(self.body(x).flatten(1))


Net()(torch.randn(2, 3, 32, 32))
'''


def test_a_stride_set_after_construction_is_not_an_edit_of_the_constructor_call():
    """The last conv's stride is turned into a dilation after it is built (as DeepLab's backbones
    do): `stride=2` at its call is not what runs, so giving the call stride=2 is no fix; the head's
    count is what is wrong."""
    broken = DILATED_AFTER.replace("COUNT", "4 * 4")
    (error,) = [d for d in lint_text(broken, "net.py", Settings()).diagnostics if d.severity == "error"]
    assert error.code == "CL101" and error.span.line == 15 and "given stride" not in error.message
    assert [d for d in lint_text(DILATED_AFTER.replace("COUNT", "8 * 8"), "net.py", Settings()).diagnostics
            if d.severity == "error"] == []
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    with pytest.raises(RuntimeError, match=r"\(2x4096 and 1024x10\)"):
        exec(compile(broken, "net.py", "exec"), namespace)
    exec(compile(DILATED_AFTER.replace("COUNT", "8 * 8"), "net.py", "exec"), {})


# a keyword-spotting residual block of one conv a path: its stride bound from the widths, the
# 1x1 projection shortcut built only where they differ
ONE_CONV_BLOCK = '''
import torch.nn as nn


class Residual(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        stride = 2 if cin != cout else 1
        if cin != cout:
            self.residual = nn.Sequential(nn.Conv2d(cin, cout, kernel_size=1, stride=SHORTCUT_STRIDE, bias=False),
                                          nn.BatchNorm2d(cout), nn.ReLU())
        else:
            self.residual = nn.Sequential()
        self.conv1 = nn.Conv2d(cin, cout, kernel_size=(1, 9), stride=MAIN_STRIDE, padding=(0, 4), bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.relu = nn.ReLU()

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        return self.relu(out + self.residual(x))


class Net(nn.Module):
    def __init__(self, bins=40, widths=(16, 24, 32), classes=12):
        super().__init__()
        self.conv = nn.Conv2d(bins, widths[0], kernel_size=(1, 3), padding=(0, 1), bias=False)
        self.layers = nn.Sequential(*[Residual(i, o) for i, o in zip(widths[:-1], widths[1:])])
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.linear = nn.Linear(widths[-1], classes)

    def forward(self, x):
        out = self.pool(self.layers(self.conv(x)))
        return self.linear(out.view(out.shape[0], -1))
'''


def _one_conv_block(shortcut: str, main: str) -> str:
    return ONE_CONV_BLOCK.replace("SHORTCUT_STRIDE", shortcut).replace("MAIN_STRIDE", main)


def test_a_one_conv_shortcut_that_lost_the_blocks_stride_is_blamed_beside_a_one_conv_path():
    """The main path's one conv reads the block's `stride` (2 where the widths differ), the
    shortcut's writes 1: the shortcut is the edit, as where a stride-1 conv follows the strided
    one; the block with stride=stride on both paths is clean."""
    lost = _one_conv_block("1", "stride")
    (error,) = [d for d in lint_text(lost, "kws.py", Settings()).diagnostics if d.severity == "error"]
    assert (error.code, error.span.line) == ("CL107", line_of(lost, "kernel_size=1, stride=1"))
    assert "keeps the width at W, but the other path of +" in error.message
    assert "Give the shortcut layers.0.residual.0 stride=2" in error.fix
    assert _errors_in(_one_conv_block("stride", "stride")) == []


@pytest.mark.parametrize("shortcut, main", [("1", "2"), ("1", "2 if cin != cout else 1")])
def test_a_one_conv_shortcut_beside_a_conv_writing_its_own_stride_stays_at_the_add(shortcut, main):
    """The strided conv writes its own number: nothing says which path the block's stride is,
    either may be the one to change; the model's add is the finding."""
    source = _one_conv_block(shortcut, main)
    errors = [(d.code, d.span.line) for d in lint_text(source, "kws.py", Settings()).diagnostics
              if d.severity == "error" and d.model == "Net"]
    assert errors == [("CL107", line_of(source, "return self.relu(out + self.residual(x))"))]


def test_torch_refuses_the_shortcut_without_its_stride_and_runs_it_restored():
    torch = pytest.importorskip("torch")
    for source, fails in ((_one_conv_block("1", "stride"), True), (_one_conv_block("stride", "stride"), False),
                          (_one_conv_block("1", "2"), True)):
        namespace: dict = {}
        exec(compile(source, "kws.py", "exec"), namespace)
        try:
            namespace["Net"]().eval()(torch.zeros(2, 40, 1, 101))
        except RuntimeError as error:
            assert fails and "must match the size of tensor b" in str(error)
        else:
            assert not fails


def test_a_main_conv_that_lost_the_stride_beside_a_strided_one_conv_shortcut_is_no_shortcut():
    """The (1, 9) conv that lost `stride=stride` beside the strided 1x1: still found at its line,
    and not called the shortcut."""
    source = _one_conv_block("stride", "1")
    errors = [d for d in lint_text(source, "kws.py", Settings()).diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in errors] == [("CL107", line_of(source, "kernel_size=(1, 9), stride=1"))]
    assert not any("Give the shortcut" in d.fix for d in errors)


_UNSTRIDED_STEM_CRITIC = '''
import torch
import torch.nn as nn


class Critic(nn.Module):
    def __init__(self, width=16, stages=3, side=48):
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv2d(3, width, kernel_size=3, padding=1),
            nn.Conv2d(width, width * 2, kernel_size=3, stride=STEM_STRIDE),
            nn.LeakyReLU(0.2))
        layers = []
        for i in range(1, stages):
            c = width * 2 ** i
            layers += [nn.Conv2d(c, c, kernel_size=3, padding="same"),
                       nn.Conv2d(c, 2 * c, kernel_size=3, padding=1, stride=2)]
        self.body = nn.Sequential(*layers)
        self.head = nn.Linear(width * 2 ** stages * (side // 2 ** stages) ** 2, 1)

    def forward(self, x):
        return self.head(torch.flatten(self.body(self.stem(x)), 1))


if __name__ == "__main__":
    Critic()(torch.zeros(2, 3, 48, 48))
'''


def test_a_stride_one_conv_beside_stride_one_same_convs_is_no_odd_one_out():
    """Only the convs of a loop's line halve among the model's 3x3 convs; the stem's first conv,
    at stride 1 like the `padding="same"` ones and the conv that lost its stride, is not blamed."""
    source = _UNSTRIDED_STEM_CRITIC.replace("STEM_STRIDE", "1")
    errors = [(d.code, d.span.line) for d in lint_text(source, "critic.py", Settings()).diagnostics
              if d.severity == "error"]
    assert errors == [("CL101", line_of(source, "self.head = nn.Linear("))]


def test_torch_refuses_the_critic_whose_stem_lost_its_stride():
    torch = pytest.importorskip("torch")
    for stride, fails in (("1", True), ("2", False)):
        namespace: dict = {}
        exec(compile(_UNSTRIDED_STEM_CRITIC.replace("STEM_STRIDE", stride).split("if __name__")[0], "critic.py",
                     "exec"), namespace)
        try:
            namespace["Critic"]()(torch.zeros(2, 3, 48, 48))
        except RuntimeError as error:
            assert fails and "cannot be multiplied" in str(error)
        else:
            assert not fails


_ODDLY_PADDED_LENET = '''
import torch
import torch.nn as nn


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer1 = nn.Sequential(nn.Conv2d(1, 20, 5, padding=1), nn.MaxPool2d(2, 2))
        self.layer2 = nn.Sequential(nn.Conv2d(20, 50, 5), nn.MaxPool2d(2, 2))
        self.layer3 = nn.Sequential(nn.Linear(FEATURES, 500), nn.ReLU(), nn.Linear(500, 10))

    def forward(self, x):
        x = self.layer2(self.layer1(x))
        return self.layer3(x.view(x.shape[0], -1))


if __name__ == "__main__":
    LeNet()(torch.zeros(2, 1, 28, 28))
'''


def test_one_peer_padded_without_keeping_its_map_is_no_vote_against_an_unpadded_conv():
    """conv1's padding=1 with kernel 5 keeps no map: one such peer says nothing of conv2, so the
    hand-counted Linear stays the finding (50 x 4 x 4 = 800 arrive, 1250 written)."""
    source = _ODDLY_PADDED_LENET.replace("FEATURES", "50 * 5 * 5")
    errors = [(d.code, d.span.line) for d in lint_text(source, "lenet.py", Settings()).diagnostics
              if d.severity == "error"]
    assert errors == [("CL101", line_of(source, "nn.Linear(50 * 5 * 5, 500)"))]
    torch = pytest.importorskip("torch")
    for features, fails in (("50 * 5 * 5", True), ("50 * 4 * 4", False)):
        namespace: dict = {}
        exec(compile(_ODDLY_PADDED_LENET.replace("FEATURES", features).split("if __name__")[0], "lenet.py", "exec"),
             namespace)
        try:
            namespace["LeNet"]()(torch.zeros(2, 1, 28, 28))
        except RuntimeError as error:
            assert fails and "cannot be multiplied" in str(error)
        else:
            assert not fails
