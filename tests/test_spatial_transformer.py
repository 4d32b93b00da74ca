"""A spatial transformer (F.affine_grid of theta and x.size(), then F.grid_sample of x), as the
PyTorch tutorial writes it and image classifiers copy it: the layers after it keep their shapes,
every module's output shape equals torch's (forward hooks), a window too large for the map after
it is found at its line, and a theta or grid torch refuses is CL107 at the call."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, filled

torch = pytest.importorskip("torch")

# the tutorial's transformer ahead of a traffic-sign classifier; the size comes from the script
TUTORIAL = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.localization = nn.Sequential(
            nn.Conv2d(3, 8, kernel_size=7), nn.MaxPool2d(2, stride=2), nn.ReLU(True),
            nn.Conv2d(8, 10, kernel_size=5), nn.MaxPool2d(2, stride=2), nn.ReLU(True))
        self.fc_loc = nn.Sequential(nn.Linear(10 * 7 * 7, 32), nn.ReLU(True), nn.Linear(32, 6))
        self.conv1 = nn.Conv2d(3, 100, kernel_size=3)
        self.conv2 = nn.Conv2d(100, 150, kernel_size=3)
        self.conv3 = nn.Conv2d(150, 250, kernel_size=3)
        self.conv4 = nn.Conv2d(250, 250, kernel_size=KERNEL)
        self.fc1 = nn.Linear(250, 43)

    def stn(self, x):
        xs = self.localization(x)
        xs = xs.view(-1, 10 * 7 * 7)
        theta = self.fc_loc(xs).view(-1, 2, 3)
        grid = F.affine_grid(theta, x.size())
        return F.grid_sample(x, grid)

    def forward(self, x):
        x = self.stn(x)
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.max_pool2d(F.relu(self.conv3(x)), 2)
        x = F.adaptive_avg_pool2d(F.relu(self.conv4(x)), 1)
        return self.fc1(x.view(-1, 250))


if __name__ == "__main__":
    print(Net()(torch.randn(2, 3, 43, 43)).shape)
'''
CONV4_LINE = TUTORIAL.splitlines().index("        self.conv4 = nn.Conv2d(250, 250, kernel_size=KERNEL)") + 1


def test_the_tutorial_transformer_keeps_every_shape_torch_gives():
    assert_shapes_equal_torch(filled(TUTORIAL, {"KERNEL": "2"}), (2, 3, 43, 43), "stn.py")


def test_a_window_too_large_for_the_map_after_the_transformer_is_found_at_its_line():
    assert_bug_found_at_its_line(TUTORIAL, {"KERNEL": "2"}, {"KERNEL": "5"}, (2, 3, 43, 43), CONV4_LINE, "CL105",
                                 "stn.py")


def test_with_no_input_size_the_map_after_the_transformer_keeps_the_input_s_sides():
    """theta's batch is N x 10 x ((H-14)/4) x ((W-14)/4) / 490, equal to N (as affine_grid needs)
    only at three splits of the sides; conv4's error is proved at none of them (a known miss:
    at 21 x 210 the model stops at conv3's pool first, so no one window fails at every split),
    and nothing is reported that torch would not refuse."""
    source = filled(TUTORIAL, {"KERNEL": "5"}).split("\n\nif __name__")[0]
    result = lint_text(source, "stn.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = result.models
    shapes = {c.node.path: tuple(str(d) for d in c.output.shape.dims) for c in model.calls}
    assert shapes["conv1"] == ("N", "100", "H-2", "W-2")
    assert not [u for u in model.unresolved if "affine_grid" in u.why or "grid_sample" in u.why]


# the ways real code passes the size and the sampling options, and a grid of another size
FORMS = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.loc = nn.Sequential(nn.AdaptiveAvgPool2d(4), nn.Flatten(), nn.Linear(3 * 16, 6))
        self.conv = nn.Conv2d(3, 8, 3)

    def forward(self, x):
        theta = self.loc(x).view(-1, 2, 3)
        grid = GRID
        return self.conv(SAMPLE)
'''
GRIDS = [
    "F.affine_grid(theta, x.size())",
    "F.affine_grid(theta, x.shape, align_corners=False)",
    "F.affine_grid(theta=theta, size=list(x.size()), align_corners=True)",
    "F.affine_grid(theta, (x.size(0), 3, 24, 20), align_corners=False)",
    "F.affine_grid(theta, torch.Size([x.shape[0], x.shape[1], 12, 16]), align_corners=False)",
    "F.affine_grid(theta, [x.size(0), x.size(1), x.size(2) // 2, x.size(3) * 2], align_corners=False)",
]
SAMPLES = [
    "F.grid_sample(x, grid)",
    "F.grid_sample(x, grid, mode='nearest', padding_mode='border', align_corners=True)",
    "F.grid_sample(input=x, grid=grid, mode='bicubic', padding_mode='reflection', align_corners=False)",
]


@pytest.mark.parametrize("grid", GRIDS)
@pytest.mark.parametrize("sample", SAMPLES)
def test_each_form_of_the_size_and_of_the_sampling_gives_torch_s_shapes(grid, sample):
    source = filled(FORMS, {"GRID": grid, "SAMPLE": sample})
    assert_shapes_equal_torch(source, (2, 3, 30, 26), "forms.py")
    (model,) = lint_text(source, "forms.py", Settings(input_shapes={"Net": (2, 3, 30, 26)})).models
    assert model.unresolved == []


# a volumetric transformer: N x 3 x 4 matrices, a 5-D size and grid
VOLUME = '''
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.loc = nn.Sequential(nn.AdaptiveAvgPool3d(2), nn.Flatten(), nn.Linear(2 * 8, 12))
        self.conv = nn.Conv3d(2, 4, 3)

    def forward(self, x):
        theta = self.loc(x).view(-1, 3, 4)
        grid = F.affine_grid(theta, [x.size(0), 2, 6, 8, 10], align_corners=False)
        return self.conv(F.grid_sample(x, grid, align_corners=False))
'''


def test_a_volumetric_transformer_gives_torch_s_shapes():
    assert_shapes_equal_torch(VOLUME, (2, 2, 9, 9, 9), "volume.py")


# a theta or a grid that does not fit: torch refuses at the call, CL107 there
REFUSED = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.loc = nn.Sequential(nn.AdaptiveAvgPool2d(4), nn.Flatten(), nn.Linear(3 * 16, OUT))
        self.conv = nn.Conv2d(3, 8, 3)

    def forward(self, x):
        theta = self.loc(x).view(-1, 2, 3)
        grid = F.affine_grid(theta, SIZE, align_corners=False)
        return self.conv(F.grid_sample(x, GRID, align_corners=False))


if __name__ == "__main__":
    print(Net()(torch.randn(2, 3, 16, 16)).shape)
'''
GRID_LINE = REFUSED.splitlines().index("        grid = F.affine_grid(theta, SIZE, align_corners=False)") + 1
REFUSALS = {  # name: right and wrong fillings, the line torch stops at
    "two-matrices-per-image": ({"OUT": "6", "SIZE": "x.size()", "GRID": "grid"},
                               {"OUT": "12", "SIZE": "x.size()", "GRID": "grid"}, GRID_LINE),
    "a-size-of-three-dims": ({"OUT": "6", "SIZE": "x.size()", "GRID": "grid"},
                             {"OUT": "6", "SIZE": "x.size()[1:]", "GRID": "grid"}, GRID_LINE),
    "grid-of-another-batch": ({"OUT": "6", "SIZE": "x.size()", "GRID": "grid"},
                              {"OUT": "6", "SIZE": "x.size()", "GRID": "grid[:1]"}, GRID_LINE + 1),
    "grid-of-another-rank": ({"OUT": "6", "SIZE": "x.size()", "GRID": "grid"},
                             {"OUT": "6", "SIZE": "x.size()", "GRID": "grid.unsqueeze(1)"}, GRID_LINE + 1),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_a_theta_or_grid_torch_refuses_is_found_at_the_call(case):
    right, wrong, line = REFUSALS[case]
    assert_bug_found_at_its_line(REFUSED, right, wrong, (2, 3, 16, 16), line, "CL107", "refused.py")


def test_matrices_of_a_plane_for_a_volume_s_size_are_found_at_the_call():
    source = filled(REFUSED, {"OUT": "6", "SIZE": "[x.size(0), 3, 4, 16, 16]", "GRID": "grid"})
    namespace: dict = {}
    exec(compile(source, "refused.py", "exec"), namespace)
    with pytest.raises(ValueError, match="Nx3x4"):
        namespace["Net"]()(torch.zeros(2, 3, 16, 16))
    found = [(d.code, d.span.line) for d in lint_text(source, "refused.py", Settings()).diagnostics
             if d.severity == "error"]
    assert found == [("CL107", GRID_LINE)]


def test_a_grid_not_followed_keeps_the_input_s_channels_and_is_listed():
    source = '''
import torch.nn as nn
import torch.nn.functional as F
from warp import flow_grid


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)

    def forward(self, x, flow):
        return self.conv(F.grid_sample(x, flow_grid(flow), align_corners=False))
'''
    result = lint_text(source, "warp_net.py", Settings(input_shapes={"Net": (2, 3, 16, 16)}))
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = result.models
    (conv,) = [c for c in model.calls if c.node.path == "conv"]
    assert conv.input.shape.dims[:2] == (2, 3) and conv.output.shape.dims[1] == 8
    assert any("F.grid_sample" in u.why for u in model.unresolved)
