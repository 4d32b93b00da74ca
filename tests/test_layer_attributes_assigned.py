"""A torch layer's stride, padding, dilation, groups... assigned after it is built (PSPNet and
DeepLab make a ResNet dilated so): forward runs with the new value; where the layer or the value
is not known statically, the layer's shape is unknown, never the one it was built with."""

from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_file, lint_text

CORPUS = Path(__file__).parent / "corpus"
NAME = "dilated_after_construction.py"


def shapes_of(result, model: str) -> dict:
    (analysed,) = [m for m in result.models if m.name == model]
    return {c.node.label: c.output.shape.dims for c in analysed.calls}


def load() -> dict:
    namespace: dict = {"__name__": "corpus_case"}
    exec(compile((CORPUS / NAME).read_text(), NAME, "exec"), namespace)
    return namespace


def test_a_backbone_made_dilated_after_construction_gives_torch_s_shapes():
    result = lint_file(CORPUS / NAME, NAME, Settings(input_shapes={"DilatedNet": (1, 3, 64, 64)}))
    assert not [d for d in result.diagnostics if d.severity == "error"]
    shapes = shapes_of(result, "DilatedNet")
    torch = pytest.importorskip("torch")
    real = load()["DilatedNet"]()
    seen: dict = {}
    hooks = [m.register_forward_hook(lambda m, i, o, n=n: seen.__setitem__(n, tuple(o.shape)))
             for n, m in real.named_modules() if n]
    real(torch.zeros(1, 3, 64, 64))
    for hook in hooks:
        hook.remove()
    assert seen["layer4"] == (1, 32, 32, 32)
    assert {label: shapes[label] for label in seen} == seen


def test_which_layer_changes_not_known_leaves_its_shape_unknown_and_listed():
    result = lint_file(CORPUS / NAME, NAME, Settings(input_shapes={"PerhapsDilated": (1, 3, 64, 64)}))
    assert not [d for d in result.diagnostics if d.severity == "error"]
    shapes = shapes_of(result, "PerhapsDilated")
    assert not any(isinstance(d, int) for d in shapes["body"][2:])  # torch: 32 or 16 as `names` says
    (analysed,) = [m for m in result.models if m.name == "PerhapsDilated"]
    assert any("stride may be assigned" in u.why for u in analysed.unresolved)


GROUPS_AND_POOL = '''
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.pool = nn.MaxPool2d(2)
        self.head = nn.Conv2d(32, 8, 1)
        self.pool.stride = 1
        self.pool.kernel_size = 3
        self.pool.padding = 1
        setattr(self.head, "groups", 4)  # a weight 8 x 32: now 4 groups of 32 channels, 128 in

    def forward(self, x):
        return self.head(self.pool(x))
'''


def test_groups_and_pool_windows_assigned_after_construction_are_what_runs():
    result = lint_text(GROUPS_AND_POOL, "groups.py", Settings(input_shapes={"Net": (1, 128, 9, 9)}))
    assert not [d for d in result.diagnostics if d.severity == "error"]
    assert shapes_of(result, "Net") == {"Net": (1, 8, 9, 9), "pool": (1, 128, 9, 9), "head": (1, 8, 9, 9)}
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(GROUPS_AND_POOL, namespace)
    assert tuple(namespace["Net"]()(torch.zeros(1, 128, 9, 9)).shape) == (1, 8, 9, 9)
    wrong = lint_text(GROUPS_AND_POOL, "groups.py", Settings(input_shapes={"Net": (1, 32, 9, 9)}))
    assert [d.code for d in wrong.diagnostics if d.severity == "error"] == ["CL103"]  # torch refuses 32 in


UNDER_A_CONDITION = '''
import torch.nn as nn

class Net(nn.Module):
    def __init__(self, dilated):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        if dilated:
            self.conv.stride = 1
        self.kept = nn.Conv2d(8, 8, 3, padding=1)
        if dilated:
            self.kept.padding = 1  # the same on both paths: kept

    def forward(self, x):
        return self.kept(self.conv(x))
'''


def test_a_stride_assigned_under_a_condition_not_known_is_unknown():
    result = lint_text(UNDER_A_CONDITION, "cond.py", Settings(input_shapes={"Net": (1, 3, 32, 32)}))
    assert not [d for d in result.diagnostics if d.severity == "error"]
    shapes = shapes_of(result, "Net")
    assert shapes["conv"][:2] == (1, 8) and not any(isinstance(d, int) for d in shapes["conv"][2:])


REFLECT_PADDED = '''
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, stride=2, padding=1, padding_mode="reflect")
        self.conv.padding = 0

    def forward(self, x):
        return self.conv(x)
'''


def test_padding_of_a_reflect_padded_conv_is_not_what_forward_reads():
    """Conv2d pads in other modes with the amounts it computed at construction."""
    result = lint_text(REFLECT_PADDED, "reflect.py", Settings(input_shapes={"Net": (1, 3, 32, 32)}))
    assert shapes_of(result, "Net")["conv"] == (1, 8, 16, 16)
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(REFLECT_PADDED, namespace)
    assert tuple(namespace["Net"]()(torch.zeros(1, 3, 32, 32)).shape) == (1, 8, 16, 16)
