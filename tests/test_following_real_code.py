"""Forms real training code takes that convlint follows: a gradient-reversal autograd.Function
before a model's first layer, checked against torch (the bug raises, the fixed code runs)."""

from __future__ import annotations

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import filled

GRADIENT_REVERSAL = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class GradReverse(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, constant):
        ctx.constant = constant
        return x.RETURNED

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output.neg() * ctx.constant, None

    @staticmethod
    def grad_reverse(x, constant):
        return GradReverse.apply(x, constant)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(768, 100)
        self.fc2 = nn.Linear(WIDTH, 2)

    def forward(self, feat, constant):
        feat = REVERSED
        return F.log_softmax(self.fc2(F.relu(self.fc1(feat))), 1)
'''


def _errors(source: str, settings: Settings | None = None) -> set:
    return {(d.code, d.span.line) for d in lint_text(source, "dann.py", settings or Settings()).diagnostics
            if d.severity == "error"}


def _runs(source: str, *args) -> None:
    namespace: dict = {}
    exec(compile(source, "dann.py", "exec"), namespace)
    namespace["Net"]()(*args)


@pytest.mark.parametrize("returned", ["view_as(x)", "reshape_as(x)"])
@pytest.mark.parametrize("reversed_", ["GradReverse.apply(feat, constant)", "GradReverse.grad_reverse(feat, constant)"])
def test_gradient_reversal_before_the_first_layer_keeps_the_symbolic_input(returned, reversed_):
    """DANN's domain classifier: forward(feat, constant) reverses the gradient first; the Function
    returns its input (x.view_as(x)), so fc1 still tells the input's size, with no options."""
    torch = pytest.importorskip("torch")
    source = filled(GRADIENT_REVERSAL, {"RETURNED": returned, "REVERSED": reversed_})
    wrong, right = filled(source, {"WIDTH": "50"}), filled(source, {"WIDTH": "100"})
    with pytest.raises(RuntimeError):
        _runs(wrong, torch.zeros(2, 768), 1.0)
    _runs(right, torch.zeros(2, 768), 1.0)
    assert ("CL101", line_of(wrong, "nn.Linear(50, 2)")) in _errors(wrong)
    assert not _errors(right)


COLLAPSED_AXIS = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.spatial = nn.Conv3d(1, 8, kernel_size=(1, 7, 7))
        self.spectral = nn.Conv3d(8, 8, kernel_size=(7, 1, 1), padding=(3, 0, 0))
        self.pool = nn.MaxPool3d(kernel_size=(2, 1, 1))
        self.later = nn.Conv3d(8, 8, kernel_size=LATER)
        self.fc = nn.Linear(8 * 12, 5)

    def forward(self, x):
        x = self.later(self.pool(self.spectral(self.spatial(x))))
        return self.fc(x.flatten(1))
'''


@pytest.mark.parametrize("later, reported", [("(1, 1, 1)", False), ("(3, 1, 1), padding=(1, 0, 0)", False),
                                             ("(1, 3, 3), padding=(0, 1, 1)", True)])
def test_collapsed_dim_counts_only_layers_that_read_it(later, reported):
    """HybridSN-like 3-D nets collapse the spatial dims with a 7x7 kernel and then convolve the
    spectral axis only ((7, 1, 1)): those layers lose nothing; one with a 3x3 window on the
    1x1 map (padding makes it run) is still noted."""
    torch = pytest.importorskip("torch")
    source = filled(COLLAPSED_AXIS, {"LATER": later})
    namespace: dict = {}
    exec(compile(source, "hybrid.py", "exec"), namespace)
    depth = 24
    assert namespace["Net"]()(torch.zeros(2, 1, depth, 7, 7)).shape == (2, 5)
    result = lint_text(source, "hybrid.py", Settings(input_shapes={"Net": (2, 1, depth, 7, 7)}))
    notes = [d for d in result.diagnostics if d.code == "CL209"]
    assert bool(notes) == reported
    if reported:
        assert notes[0].span.line == line_of(source, "self.spatial =")


CONFIG_CLASS = '''
import torch.nn as nn


class NetConfig(object):
    in_channels = 3
    width = 16
    num_classes = 10


class Net(nn.Module):
    def __init__(self, config: ANNOTATION) -> None:
        super().__init__()
        self.c = config.width
        self.conv = nn.Conv2d(config.in_channels, self.c, 3, padding=1)
        self.head = nn.Conv2d(WIDTH, config.num_classes, 1)

    def forward(self, x):
        return self.head(self.conv(x).relu()).mean((2, 3))
'''


@pytest.mark.parametrize("annotation", ["NetConfig", "'NetConfig'"])
def test_config_class_named_by_the_annotation_gives_its_class_attributes(annotation):
    """Hyper-parameters as class attributes of a plain config class, the constructor taking
    `config: NetConfig` and nothing in the file building it: its defaults are read (said as
    assumed), where every width made of one was unknown."""
    torch = pytest.importorskip("torch")
    source = filled(CONFIG_CLASS, {"ANNOTATION": annotation})
    wrong, right = filled(source, {"WIDTH": "32"}), filled(source, {"WIDTH": "self.c"})
    for text, fails in ((wrong, True), (right, False)):
        namespace: dict = {}
        exec(compile(text, "config_net.py", "exec"), namespace)
        model = namespace["Net"](namespace["NetConfig"]())
        if fails:
            with pytest.raises(RuntimeError):
                model(torch.zeros(2, 3, 8, 8))
        else:
            model(torch.zeros(2, 3, 8, 8))
    assert ("CL103", line_of(wrong, "nn.Conv2d(32,")) in _errors(wrong)
    result = lint_text(right, "config_net.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (model,) = result.models
    assert "config=NetConfig() as annotated" in model.assumed
    assert not any("required constructor arguments" in u.why for u in model.unresolved)


TOKEN_IDS = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(1000, 128)
        self.conv = nn.Conv1d(WIDTH, 100, 3)

    def forward(self, ids):
        return self.conv(torch.einsum('ijk->ikj', self.embedding(ids)))


if __name__ == '__main__':
    print(Net()(torch.rand(32, 50).long()).shape)
'''


def test_main_block_input_cast_to_token_ids_is_read():
    """`torch.rand(32, 50).long()` fed in the file's __main__: token ids of that size, the input
    that tells an Embedding's input rank (the cast dropped the hint)."""
    torch = pytest.importorskip("torch")
    wrong, right = filled(TOKEN_IDS, {"WIDTH": "100"}), filled(TOKEN_IDS, {"WIDTH": "128"})
    with pytest.raises(RuntimeError):
        _build_and_run(wrong, torch.rand(32, 50).long())
    _build_and_run(right, torch.rand(32, 50).long())
    assert ("CL103", line_of(wrong, "nn.Conv1d(100")) in _errors(wrong)
    assert not _errors(right)


def _build_and_run(source: str, ids) -> None:
    namespace: dict = {}
    exec(compile(source.split("if __name__")[0], "ids.py", "exec"), namespace)
    namespace["Net"]()(ids)


LOCAL_SEQUENTIAL = '''
import torch
from torch import nn

HIDDEN = 7  # a module-level name the function's own `hidden` hides


class GradientReversal(nn.Module):
    def forward(self, x):
        return x.view_as(x)


def train(loader, device="cpu"):
    hidden = 50
    discriminator = nn.Sequential(
        GradientReversal(),
        nn.Linear(320, hidden),
        nn.ReLU(),
        nn.Linear(WIDTH, 20),
        nn.ReLU(),
        nn.Linear(20, 1),
    ).to(device)
    for features in loader:
        preds = discriminator(features)
    return preds
'''


def test_sequential_a_function_builds_and_calls_is_checked():
    """A training script's discriminator, a function-local nn.Sequential called in the same
    function (not returned): checked as a model of its own, its local sizes read in order."""
    torch = pytest.importorskip("torch")
    wrong, right = filled(LOCAL_SEQUENTIAL, {"WIDTH": "40"}), filled(LOCAL_SEQUENTIAL, {"WIDTH": "hidden"})
    for text, fails in ((wrong, True), (right, False)):
        namespace: dict = {}
        exec(compile(text, "revgrad.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError):
                namespace["train"]([torch.zeros(2, 320)])
        else:
            assert namespace["train"]([torch.zeros(2, 320)]).shape == (2, 1)
    assert ("CL101", line_of(wrong, "nn.Linear(40, 20)")) in _errors(wrong)
    result = lint_text(right, "revgrad.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    assert "train.discriminator" in {m.name for m in result.models}


def test_sequential_a_function_changes_or_never_calls_is_not_taken():
    """One the function extends after building it, or builds only to hand to another, is not the
    model its binding builds: not checked as such (never a false error)."""
    changed = filled(LOCAL_SEQUENTIAL, {"WIDTH": "40"}).replace(
        "    for features in loader:", "    discriminator[3] = nn.Linear(50, 20)\n    for features in loader:")
    assert not _errors(changed)
    uncalled = filled(LOCAL_SEQUENTIAL, {"WIDTH": "40"}).replace("discriminator(features)", "run(discriminator, features)")
    assert "train.discriminator" not in {m.name for m in lint_text(uncalled, "revgrad.py", Settings()).models}


TRAINER = '''
import torch
from torch import nn


class Trainer:
    def __init__(self, width=50):
        self.width = width

    def adapt(self, loader):
        critic = nn.Sequential(nn.Linear(320, 50), nn.ReLU(), nn.Linear(WIDTH, 1))
        for features in loader:
            score = critic(features)
        return score


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 2)

    def forward(self, x):
        head = nn.Sequential(nn.ReLU(), nn.Linear(2, 2))
        return head(self.fc(x))
'''


def test_sequential_a_trainer_method_builds_and_calls_is_checked():
    """The same in a plain trainer class's method (named Class.method.name); a model's own
    methods are left to its forward."""
    torch = pytest.importorskip("torch")
    wrong, right = filled(TRAINER, {"WIDTH": "40"}), filled(TRAINER, {"WIDTH": "50"})
    for text, fails in ((wrong, True), (right, False)):
        namespace: dict = {}
        exec(compile(text, "trainer.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError):
                namespace["Trainer"]().adapt([torch.zeros(2, 320)])
        else:
            namespace["Trainer"]().adapt([torch.zeros(2, 320)])
    assert ("CL101", line_of(wrong, "nn.Linear(40, 1)")) in _errors(wrong)
    names = {m.name for m in lint_text(right, "trainer.py", Settings()).models}
    assert "Trainer.adapt.critic" in names and "forward.head" not in names and "Net.forward.head" not in names
    assert not _errors(right)


ATTENTION_AFTER_COLLAPSE = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.collapse = nn.Conv3d(1, 8, kernel_size=(1, 1, 24))
        self.spatial = nn.Conv3d(8, 8, kernel_size=(3, 3, 1), padding=(1, 1, 0))
        self.pool = nn.AdaptiveAvgPool3d(1)
        self.eca = nn.Conv2d(1, 1, kernel_size=3, padding=1, bias=False)
        self.fc = nn.Linear(8 * 7 * 7, 5)

    def forward(self, x):
        x = self.spatial(self.collapse(x))
        y = self.eca(self.pool(x).squeeze(-1).transpose(-1, -3)).transpose(-1, -3).unsqueeze(-1)
        return self.fc((x * y.sigmoid()).flatten(1))
'''


def test_collapsed_dim_is_not_an_attention_branch_of_another_rank():
    """An ECA channel attention after the spectral collapse pools on its own and convolves a
    2-D view of the channels: not a layer on the collapsed map (A2S2KResNet's res blocks)."""
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(ATTENTION_AFTER_COLLAPSE, "a2s2k.py", "exec"), namespace)
    assert namespace["Net"]()(torch.zeros(2, 1, 7, 7, 24)).shape == (2, 5)
    result = lint_text(ATTENTION_AFTER_COLLAPSE, "a2s2k.py", Settings(input_shapes={"Net": (2, 1, 7, 7, 24)}))
    assert not [d for d in result.diagnostics if d.code == "CL209" or d.severity == "error"]
