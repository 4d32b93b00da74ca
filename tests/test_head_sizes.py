"""With no input size, a Linear head fixes the sides that run (CL211); a second head's window too
large for its map at the largest of each way the sides can multiply to the features is too large
at every size (pipeline._windows_at_the_head_sizes), against torch."""

import pytest

from convlint.pipeline import Settings, lint_text

CRITIC = '''
import torch
import torch.nn as nn


def block(i, o):
    return nn.Sequential(nn.Conv2d(i, o, 4, 2, 1), nn.BatchNorm2d(o), nn.ReLU())


class D(nn.Module):
    def __init__(self, n_classes=10):
        super().__init__()
        self.layers = nn.Sequential(block(3, 32), block(32, 64), block(64, 128), block(128, 256))
        self.adv = nn.Conv2d(256, 1, kernel_size=KERNEL)
        self.aux = nn.Linear(256 * 4 * 4, n_classes)

    def forward(self, x):
        out = self.layers(x)
        return self.adv(out).view(-1), self.aux(torch.flatten(out, 1))
'''


def _errors(kernel: str) -> list:
    result = lint_text(CRITIC.replace("KERNEL", kernel), "critic.py", Settings())
    return [d for d in result.diagnostics if d.severity == "error"]


def test_a_window_too_large_at_every_size_the_head_takes_is_an_error():
    (error,) = _errors("8")
    assert (error.code, error.span.line) == ("CL105", 14)
    assert "at every input size aux takes" in error.message


def test_a_window_that_fits_the_square_sizes_is_clean():
    assert _errors("4") == []


def test_torch_agrees():
    torch = pytest.importorskip("torch")
    for kernel, fails in (("4", False), ("8", True)):
        namespace: dict = {}
        exec(compile(CRITIC.replace("KERNEL", kernel), "critic.py", "exec"), namespace)
        net = namespace["D"]().eval()
        for size in ((64, 64), (79, 79), (32, 128)):
            if fails:
                with pytest.raises(RuntimeError, match="Kernel size can't be greater than actual input size"):
                    net(torch.zeros(2, 3, *size))
            elif size[0] == size[1]:
                net(torch.zeros(2, 3, *size))


def test_a_head_that_bounds_one_side_only_proves_nothing_and_does_not_break():
    """`x.mean(3)` before the Linear: its features bound the height, not the width; no largest
    input exists, so nothing is rerun (and nothing fails inside convlint)."""
    source = """
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, 2, 1)
        self.fc = nn.Linear(16 * 8, 10)

    def forward(self, x):
        return self.fc(self.conv(x).mean(3).flatten(1))
"""
    result = lint_text(source, "one_side.py", Settings())
    assert [d.code for d in result.diagnostics if d.severity == "error"] == []
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "one_side.py", "exec"), namespace)
    assert tuple(namespace["Net"]()(torch.zeros(2, 3, 16, 40)).shape) == (2, 10)


TRANSFORMER = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 100, kernel_size=5)
        self.conv2 = nn.Conv2d(100, 150, kernel_size=3)
        self.conv3 = nn.Conv2d(150, 250, kernel_size=KERNEL)
        self.localization = nn.Sequential(
            nn.Conv2d(3, 8, kernel_size=7), nn.MaxPool2d(2, stride=2), nn.ReLU(True),
            nn.Conv2d(8, 10, kernel_size=5), nn.MaxPool2d(2, stride=2), nn.ReLU(True))
        self.fc_loc = nn.Sequential(nn.Linear(10 * 4 * 4, 32), nn.ReLU(True), nn.Linear(32, 3 * 2))

    def forward(self, x):
        xs = FLATTEN
        theta = self.fc_loc(xs).view(-1, 2, 3)
        x = F.grid_sample(x, F.affine_grid(theta, x.size(), align_corners=False), align_corners=False)
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return F.max_pool2d(F.relu(self.conv3(x)), 2).mean((2, 3))
'''

CONV3_LINE = 12
FLATTENS = ["torch.flatten(self.localization(x), 1)", "self.localization(x).view(-1, 10 * 4 * 4)",
            "self.localization(x).view(x.size(0), 160)", "self.localization(x).reshape(len(x), 160)"]


def _transformer(flatten: str, kernel: str) -> str:
    return TRANSFORMER.replace("FLATTEN", flatten).replace("KERNEL", kernel)


@pytest.mark.parametrize("flatten", FLATTENS)
def test_a_hard_coded_view_count_pins_the_sizes_as_a_flatten_does(flatten):
    """A spatial transformer's `xs.view(-1, 160)` before Linear(160) runs only on 30 to 33 pixel
    sides; conv3's 7 x 7 window is larger than its map at every one of them."""
    result = lint_text(_transformer(flatten, "7"), "stn.py", Settings())
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in errors] == [("CL105", CONV3_LINE)]
    assert "at every input size fc_loc.0 takes" in errors[0].message and "30 to 33x30 to 33" in errors[0].message
    (head,) = [d for d in result.diagnostics if d.code == "CL211"]
    assert "fits only 30x30 to 33x33 inputs" in head.message


@pytest.mark.parametrize("flatten", FLATTENS)
def test_the_window_that_fits_is_clean_whatever_the_flatten(flatten):
    result = lint_text(_transformer(flatten, "3"), "stn.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []


@pytest.mark.parametrize("flatten", FLATTENS)
def test_torch_runs_the_transformer_only_at_the_sides_its_head_takes(flatten):
    torch = pytest.importorskip("torch")
    for kernel in ("3", "7"):
        namespace: dict = {}
        exec(compile(_transformer(flatten, kernel), "stn.py", "exec"), namespace)
        net = namespace["Net"]().eval()
        for side in (30, 33):
            if kernel == "3":
                assert tuple(net(torch.zeros(2, 3, side, side)).shape) == (2, 250)
            else:
                with pytest.raises(RuntimeError, match="Kernel size can't be greater than actual input size"):
                    net(torch.zeros(2, 3, side, side))
        for side in (29, 34, 64):  # the head refuses (or the grid gets another batch): every other size fails
            with pytest.raises(RuntimeError):
                net(torch.zeros(2, 3, side, side))


def test_rows_per_pixel_made_by_a_view_fix_no_size():
    """`x.permute(0, 2, 3, 1).reshape(-1, 16)` into Linear(16): a row per pixel, at every size."""
    source = """
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3)
        self.fc = nn.Linear(16, 4)

    def forward(self, x):
        return self.fc(self.conv(x).permute(0, 2, 3, 1).reshape(-1, 16))
"""
    result = lint_text(source, "pixels.py", Settings())
    assert [d.code for d in result.diagnostics if d.code in ("CL211", "CL105") or d.severity == "error"] == []
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "pixels.py", "exec"), namespace)
    assert tuple(namespace["Net"]()(torch.zeros(2, 3, 9, 12)).shape) == (2 * 7 * 10, 4)


VIDEO = '''
import torch.nn as nn
import torch.nn.functional as F


class C3D(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv3d(3, 64, 3, padding=1)
        self.pool1 = nn.MaxPool3d((1, 2, 2), ceil_mode=True)
        self.conv2 = nn.Conv3d(64, 256, 3, padding=1)
        self.pool2 = nn.MaxPool3d((2, 2, 2), ceil_mode=True)
        self.pool3 = nn.MaxPool3d((2, 2, 2), ceil_mode=True)
        self.pool4 = nn.MaxPool3d((2, 2, 2), ceil_mode=True)
        self.pool5 = nn.MaxPool3d((2, 2, 2), ceil_mode=True)
        self.fc1 = nn.Linear(256 * 1 * 4 * 4, 512)
        self.out = nn.Linear(512, num_classes)

    def forward(self, x):
        x = self.pool1(F.relu(self.conv1(x)))
        x = self.pool2(F.relu(self.conv2(x)))
        x = self.pool5(self.pool4(self.pool3(x)))
        x = x.view(-1, 256 * 1 * 4 * 4)
        return self.out(F.relu(self.fc1(x)))
'''


def test_a_video_head_names_clips_whose_frames_differ_from_their_sides_too():
    result = lint_text(VIDEO, "c3d.py", Settings())
    (head,) = [d for d in result.diagnostics if d.code == "CL211"]
    assert "fits only 49x49x49 to 64x64x64 inputs, or inputs whose sides differ, such as " \
           "(49 to 64)x(33 to 64)x(33 to 64)" in head.message
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(VIDEO, namespace)
    model = namespace["C3D"]().eval()
    for size in ((49, 33, 64), (64, 64, 33), (16, 112, 112), (49, 49, 49)):  # the clips it is trained on, too
        assert model(torch.zeros(1, 3, *size)).shape == (1, 10)
    with pytest.raises(RuntimeError):
        model(torch.zeros(1, 3, 48, 33, 33))
