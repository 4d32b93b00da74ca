"""A join of paths broken by one edit outside its own line: a block's identity shortcut kept where
the call building it turned off the flag that builds the projection (`use_1x1conv=False` beside
`strides=2`), reported at that flag; an Inception branch whose conv was given a padding that
changes the map's size, reported at that conv's padding, not at the torch.cat. Each checked
against torch: the edited variant raises, the written one runs and stays clean."""

import sys

import pytest

from convlint.pipeline import Settings, lint_file, lint_text
from tests.source_lines import line_of

RESIDUAL = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Residual(nn.Module):
    def __init__(self, input_channels, num_channels, use_1x1conv=False, strides=1):
        super().__init__()
        self.conv1 = nn.Conv2d(input_channels, num_channels, kernel_size=3, padding=1, stride=strides)
        self.conv2 = nn.Conv2d(num_channels, num_channels, kernel_size=3, padding=1)
        if use_1x1conv:
            self.conv3 = nn.Conv2d(input_channels, num_channels, kernel_size=1, SHORTCUT_STRIDE)
        else:
            self.conv3 = None
        self.bn1 = nn.BatchNorm2d(num_channels)
        self.bn2 = nn.BatchNorm2d(num_channels)

    def forward(self, X):
        Y = F.relu(self.bn1(self.conv1(X)))
        Y = self.bn2(self.conv2(Y))
        if self.conv3:
            X = self.conv3(X)
        Y += X
        return F.relu(Y)
'''

STAGES = '''

def resnet_block(input_channels, num_channels, num_residuals, first_block=False):
    blk = []
    for i in range(num_residuals):
        if i == 0 and not first_block:
            blk.append(Residual(input_channels, num_channels, DOWNSAMPLING))
        else:
            blk.append(Residual(num_channels, num_channels))
    return blk


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(1, 64, kernel_size=7, stride=2, padding=3), nn.BatchNorm2d(64),
                                  nn.ReLU(), nn.MaxPool2d(kernel_size=3, stride=2, padding=1))
        self.b2 = nn.Sequential(*resnet_block(64, 64, 2, first_block=True))
        self.b3 = nn.Sequential(*resnet_block(64, CHANNELS, 2))
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.Linear(CHANNELS, 10))

    def forward(self, x):
        return self.head(self.b3(self.b2(self.stem(x))))
'''

# the block in a file of its own, the stages built by a classmethod of the model
LIBRARY_MODEL = '''
import torch
from torch import nn
from blocks.residual import Residual


class ResNet(nn.Module):
    def __init__(self, in_channels: int = 1, num_class: int = 10) -> None:
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(in_channels, 64, kernel_size=7, stride=2, padding=3),
            nn.BatchNorm2d(64),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=3, stride=2, padding=1),
            self.resnet_block(64, 64, 2, first_block=True),
            self.resnet_block(64, 128, 2),
            self.resnet_block(128, 256, 2),
        )
        self.classifier = nn.Sequential(nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.Linear(256, num_class))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))

    @classmethod
    def resnet_block(cls, input_channels, num_channels, num_residuals, first_block=False):
        blocks = []
        for i in range(num_residuals):
            if i == 0 and not first_block:
                blocks.append(Residual(input_channels, num_channels, use_1x1conv=FLAG, strides=2))
            else:
                blocks.append(Residual(num_channels, num_channels))
        return nn.Sequential(*blocks)


if __name__ == "__main__":
    print(ResNet()(torch.rand(1, 1, 96, 96)).shape)
'''

INCEPTION = '''
import torch
import torch.nn as nn


class BasicConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, **kwargs):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, **kwargs)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.relu(self.conv(x))


class Inception(nn.Module):
    def __init__(self, in_channels, ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, pool_proj):
        super().__init__()
        self.branch1 = BasicConv2d(in_channels, ch1x1, kernel_size=1)
        self.branch2 = nn.Sequential(
            BasicConv2d(in_channels, ch3x3red, kernel_size=1),
            BasicConv2d(ch3x3red, ch3x3, kernel_size=3, padding=THREE))
        self.branch3 = nn.Sequential(
            BasicConv2d(in_channels, ch5x5red, kernel_size=1),
            BasicConv2d(ch5x5red, ch5x5, kernel_size=5, padding=FIVE))
        self.branch4 = nn.Sequential(
            nn.MaxPool2d(kernel_size=3, stride=1, padding=1),
            BasicConv2d(in_channels, pool_proj, kernel_size=1))

    def forward(self, x):
        outputs = [self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x)]
        return torch.cat(outputs, 1)


class Net(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = BasicConv2d(3, 192, kernel_size=3, padding=1)
        self.inception3a = Inception(192, 64, 96, 128, 16, 32, 32)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(256, num_classes)

    def forward(self, x):
        x = self.inception3a(self.conv1(x))
        return self.fc(torch.flatten(self.pool(x), 1))
'''

# the branch's conv written in the block itself
PLAIN_INCEPTION = INCEPTION.replace("BasicConv2d(ch5x5red, ch5x5, kernel_size=5, padding=FIVE))",
                                    "nn.Conv2d(ch5x5red, ch5x5, kernel_size=5, padding=FIVE))")


def _residual(downsampling: str, channels: int = 128, shortcut_stride: str = "stride=strides") -> str:
    return RESIDUAL.replace("SHORTCUT_STRIDE", shortcut_stride) + STAGES.replace(
        "DOWNSAMPLING", downsampling).replace("CHANNELS", str(channels))


def _inception(three: int = 1, five: int = 2, plain: bool = False) -> str:
    return (PLAIN_INCEPTION if plain else INCEPTION).replace("THREE", str(three)).replace("FIVE", str(five))


def _errors(source: str, **settings) -> list:
    result = lint_text(source, "model.py", Settings(**settings))
    return [d for d in result.diagnostics if d.severity == "error"]


IMAGES = {"input_shapes": {"": (1, 1, 96, 96)}}


@pytest.mark.parametrize("downsampling", ["use_1x1conv=False, strides=2", "False, 2"])
def test_a_block_built_without_its_projection_where_it_strides_is_blamed_at_the_flag(downsampling):
    source = _residual(downsampling)
    (error,) = _errors(source, **IMAGES)
    line = line_of(source, f"blk.append(Residual(input_channels, num_channels, {downsampling}))")
    assert (error.code, error.span.line) == ("CL107", line)
    assert error.span.column == _line_text(source, line).index("False") + 1
    assert line_of(source, "Y += X") in {span.line for span in error.related}
    assert "use_1x1conv=True" in error.fix


def test_a_flag_whose_other_value_does_not_fix_the_add_leaves_it_at_the_add():
    """The projection itself lacks the stride: turning the flag on still fails, the add stays."""
    source = _residual("use_1x1conv=False, strides=2", shortcut_stride="stride=1")
    (error,) = _errors(source, **IMAGES)
    assert (error.code, error.span.line) == ("CL107", line_of(source, "Y += X"))


@pytest.mark.parametrize("source", [_residual("use_1x1conv=True, strides=2"), _residual("True, 2"),
                                    _residual("use_1x1conv=False, strides=1", 64)])
def test_the_written_blocks_are_clean(source):
    assert _errors(source, **IMAGES) == []


def _write(tmp_path, flag: str):
    (tmp_path / "blocks").mkdir()
    (tmp_path / "blocks" / "__init__.py").write_text("")
    (tmp_path / "blocks" / "residual.py").write_text(RESIDUAL.replace("SHORTCUT_STRIDE", "stride=strides"))
    model = LIBRARY_MODEL.replace("FLAG", flag)
    (tmp_path / "resnet.py").write_text(model)
    return model


def test_a_flag_given_in_another_file_than_the_block_is_blamed_there(tmp_path):
    model = _write(tmp_path, "False")
    path = tmp_path / "resnet.py"
    errors = [d for d in lint_file(path, str(path), Settings()).diagnostics if d.severity == "error"]
    (error,) = errors
    assert (error.path, error.code, error.span.line) == (str(path), "CL107", line_of(model, "use_1x1conv=False"))
    assert any(span.file.endswith("residual.py") and span.line == line_of(RESIDUAL, "Y += X")
               for span in error.related)


def test_the_written_library_model_is_clean(tmp_path):
    _write(tmp_path, "True")
    path = tmp_path / "resnet.py"
    assert [d for d in lint_file(path, str(path), Settings()).diagnostics if d.severity == "error"] == []


@pytest.mark.parametrize("plain", [False, True])
def test_the_one_inception_branch_that_changes_the_map_is_blamed_at_its_padding(plain):
    source = _inception(five=1, plain=plain)
    for settings in ({}, {"input_shapes": {"": (2, 3, 28, 28)}}):
        (error,) = _errors(source, **settings)
        assert (error.code, error.span.line) == ("CL107", line_of(source, "kernel_size=5"))
        assert line_of(source, "return torch.cat(outputs, 1)") in {span.line for span in error.related}
        assert "padding=2" in error.fix


def _inception_without_the_padding() -> str:
    """The 5x5 branch's call of the wrapper leaves out the padding its other calls hand on."""
    return _inception().replace("kernel_size=5, padding=2))", "kernel_size=5))")


def test_a_padding_a_wrappers_call_leaves_out_of_its_kwargs_is_blamed_at_that_call():
    """`BasicConv2d(ch5x5red, ch5x5, kernel_size=5)` beside calls handing `padding=1` on in the
    wrapper's **kwargs: the wrapper's `nn.Conv2d(..., **kwargs)` takes its window from its callers,
    so the call that gave no padding is the line to change."""
    source = _inception_without_the_padding()
    for settings in ({}, {"input_shapes": {"": (2, 3, 28, 28)}}):
        (error,) = _errors(source, **settings)
        assert (error.code, error.span.line) == ("CL107", line_of(source, "kernel_size=5))"))
        related = {span.line for span in error.related}
        assert {line_of(source, "return torch.cat(outputs, 1)"), line_of(source, "nn.Conv2d(in_channels")} <= related
        assert "padding=2" in error.fix


def test_two_branches_that_change_the_map_leave_the_cat_as_the_finding():
    source = _inception(three=0, five=1)
    (error,) = _errors(source, input_shapes={"": (2, 3, 28, 28)})
    assert (error.code, error.span.line) == ("CL107", line_of(source, "return torch.cat(outputs, 1)"))


@pytest.mark.parametrize("plain", [False, True])
def test_the_written_inception_is_clean(plain):
    source = _inception(plain=plain)
    assert _errors(source) == [] and _errors(source, input_shapes={"": (2, 3, 28, 28)}) == []


def _line_text(source: str, line: int) -> str:
    return source.splitlines()[line - 1]


def _build(source: str, name: str = "Net"):
    namespace: dict = {}
    exec(compile(source, "model.py", "exec"), namespace)
    return namespace[name]()


def test_torch_agrees(tmp_path, monkeypatch):
    torch = pytest.importorskip("torch")
    images, maps = torch.zeros(1, 1, 96, 96), torch.zeros(2, 3, 28, 28)
    for downsampling in ("use_1x1conv=False, strides=2", "False, 2"):
        with pytest.raises(RuntimeError, match="must match the size of tensor b"):
            _build(_residual(downsampling))(images)
    with pytest.raises(RuntimeError, match="must match the size of tensor b"):
        _build(_residual("use_1x1conv=True, strides=2", shortcut_stride="stride=1"))(images)
    for downsampling in ("use_1x1conv=True, strides=2", "True, 2"):
        _build(_residual(downsampling))(images)
    _build(_residual("use_1x1conv=False, strides=1", 64))(images)
    for plain in (False, True):
        _build(_inception(plain=plain))(maps)
        with pytest.raises(RuntimeError, match="Sizes of tensors must match except in dimension 1"):
            _build(_inception(five=1, plain=plain))(maps)
    with pytest.raises(RuntimeError, match="Sizes of tensors must match except in dimension 1"):
        _build(_inception(three=0, five=1))(maps)
    with pytest.raises(RuntimeError, match="Sizes of tensors must match except in dimension 1"):
        _build(_inception_without_the_padding())(maps)
    model = _write(tmp_path, "False")
    monkeypatch.syspath_prepend(str(tmp_path))
    # (this test's `blocks` package, imported afresh and dropped after: other tests have their own)
    ours = [m for m in sys.modules if m == "blocks" or m.startswith("blocks.")]
    for name in ours:
        monkeypatch.delitem(sys.modules, name)
    try:
        with pytest.raises(RuntimeError, match="must match the size of tensor b"):
            _build(model, "ResNet")(images)
        _build(model.replace("use_1x1conv=False", "use_1x1conv=True"), "ResNet")(images)
    finally:
        for name in [m for m in sys.modules if m == "blocks" or m.startswith("blocks.")]:
            del sys.modules[name]


FLAGGED = '''
import torch
import torch.nn as nn


class ResBlock(nn.Module):
    def __init__(self, in_channels, out_channels, dim_reduct=False):
        super().__init__()
        self.relu = nn.ReLU()
        stride = 2 if dim_reduct else 1
        self.body = nn.Sequential(
            nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False),
            nn.BatchNorm2d(out_channels), nn.ReLU(),
            nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(out_channels),
        )
        if dim_reduct:
            self.shortcut = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride=2, bias=False),
                                          nn.BatchNorm2d(out_channels))
        else:
            self.shortcut = nn.Identity()

    def forward(self, x):
        return self.relu(self.body(x) + self.shortcut(x))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 64, 7, stride=2, padding=3)
        self.stage = nn.Sequential(
            ResBlock(64, 64),
            ResBlock(64, 128, FIRST),
            ResBlock(128, 128),
            ResBlock(128, 256, SECOND),
            ResBlock(256, 256),
        )
        self.fc = nn.Linear(256, 10)

    def forward(self, x):
        x = self.stage(self.stem(x))
        return self.fc(x.mean((2, 3)))
'''

FLAG_GIVEN = "dim_reduct=True"


def _flagged(first: str, second: str) -> str:
    return FLAGGED.replace(", FIRST", first and f", {first}").replace(", SECOND", second and f", {second}")


def test_a_flag_the_block_s_call_leaves_out_is_blamed_at_that_call():
    """`ResBlock(128, 256)` where the other widening call passes `dim_reduct=True`: the block's
    shortcut is the identity, its add fails; given the flag there, the model runs."""
    source = _flagged(FLAG_GIVEN, "")
    (error,) = _errors(source, input_shapes={"": (2, 3, 64, 64)})
    line = line_of(source, "ResBlock(128, 256)")
    assert (error.code, error.span.line) == ("CL107", line)
    assert error.span.column == _line_text(source, line).index("ResBlock") + 1
    assert line_of(source, "return self.relu(self.body(x) + self.shortcut(x))") in {s.line for s in error.related}
    assert "dim_reduct=True" in error.fix


def test_a_flag_no_call_gives_leaves_the_finding_at_the_add():
    source = _flagged("", "")
    errors = _errors(source, input_shapes={"": (2, 3, 64, 64)})
    assert errors and {(e.code, e.span.line) for e in errors} == {
        ("CL107", line_of(source, "return self.relu(self.body(x) + self.shortcut(x))"))}


def test_the_blocks_given_their_flags_are_clean():
    assert _errors(_flagged(FLAG_GIVEN, FLAG_GIVEN), input_shapes={"": (2, 3, 64, 64)}) == []


def test_torch_refuses_the_flag_left_out_and_runs_it_given():
    torch = pytest.importorskip("torch")
    for source, fails in ((_flagged(FLAG_GIVEN, ""), True), (_flagged("", ""), True),
                          (_flagged(FLAG_GIVEN, FLAG_GIVEN), False)):
        namespace: dict = {}
        exec(compile(source, "flagged.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError, match="must match the size of tensor b"):
                namespace["Net"]()(torch.zeros(2, 3, 64, 64))
        else:
            assert namespace["Net"]()(torch.zeros(2, 3, 64, 64)).shape == (2, 10)
