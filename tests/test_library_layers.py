"""Layers of other libraries that are a torch layer under another name (fastai's Flatten):
followed as that layer, so a head built of them has shapes and its bugs are found."""

import pytest

from convlint.pipeline import Settings, lint_text

# fastai.layers.Flatten, as fastai (v1 and v2) defines it: torch runs this stand-in for it
FASTAI_FLATTEN = '''
class Flatten(nn.Module):
    def __init__(self, full=False):
        super().__init__()
        self.full = full

    def forward(self, x):
        return x.view(-1) if self.full else x.view(x.size(0), -1)
'''

HEAD = '''
import torch.nn as nn
from fastai.layers import Flatten


class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv1d(12, 32, 5, stride=2), nn.AdaptiveAvgPool1d(4))
        self.head = nn.Sequential(Flatten(), nn.Linear(IN_FEATURES, 5))

    def forward(self, x):
        return self.head(self.features(x))
'''


def _lint(source: str, **shapes):
    return lint_text(source, "head.py", Settings(input_shapes=shapes))


def _torch_output(source: str, shape):
    torch = pytest.importorskip("torch")
    namespace: dict = {"__name__": "library_layers"}
    runnable = source.replace("from fastai.layers import Flatten", "import torch.nn as nn\n" + FASTAI_FLATTEN)
    exec(compile(runnable, "head.py", "exec"), namespace)
    return tuple(namespace["Head"]()(torch.zeros(*shape)).shape)


def test_fastai_flatten_is_followed_with_the_shapes_torch_gives():
    source = HEAD.replace("IN_FEATURES", "32 * 4")
    result = _lint(source, Head=(2, 12, 100))
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = result.models
    flattened = next(c for c in model.calls if c.node.label == "head.0")
    assert flattened.output.shape.dims == (2, 128)
    assert model.output.shape.dims == _torch_output(source, (2, 12, 100)) == (2, 5)


def test_a_linear_after_fastai_flatten_sized_wrong_is_found_for_every_input_size():
    source = HEAD.replace("IN_FEATURES", "32")
    result = _lint(source)
    assert [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"] == [("CL101", 10)]
    with pytest.raises(RuntimeError):
        _torch_output(source, (2, 12, 100))


def test_fastai_flatten_with_an_unknown_full_is_never_an_error():
    source = HEAD.replace("IN_FEATURES", "32").replace("Flatten()", "Flatten(full=FULL)").replace(
        "class Head", "FULL = __import__('os').environ.get('FULL') == '1'\n\n\nclass Head")
    result = _lint(source)
    assert [d for d in result.diagnostics if d.severity == "error"] == []


def test_fastai_flatten_from_a_star_import_is_the_same_layer():
    source = HEAD.replace("IN_FEATURES", "32").replace("from fastai.layers import Flatten",
                                                       "from fastai.layers import *")
    result = _lint(source)
    assert [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"] == [("CL101", 10)]


FASTAI_HEAD = '''
import torch.nn as nn
from fastai.layers import *
from fastai.core import *


class Head(nn.Module):
    def __init__(self, nf=32, nc=5):
        super().__init__()
        self.features = nn.Sequential(nn.Conv1d(12, nf, 5, stride=2), nn.AdaptiveAvgPool1d(1))
        layers = [Flatten()]
        for ni, no, p, actn in zip([IN_FEATURES, 16], [16, nc], [0.25, 0.5], [nn.ReLU(inplace=True), None]):
            layers += bn_drop_lin(ni, no, True, p, actn)
        self.head = nn.Sequential(*layers)

    def forward(self, x):
        return self.head(self.features(x))
'''

# fastai v1's bn_drop_lin, as fastai.layers defines it: torch runs this stand-in for it
FASTAI_BN_DROP_LIN = '''
def bn_drop_lin(n_in, n_out, bn=True, p=0., actn=None):
    layers = [nn.BatchNorm1d(n_in)] if bn else []
    if p != 0: layers.append(nn.Dropout(p))
    layers.append(nn.Linear(n_in, n_out))
    if actn is not None: layers.append(actn)
    return layers
'''


def test_a_fastai_v1_head_of_bn_drop_lin_has_the_modules_and_shapes_torch_gives():
    torch = pytest.importorskip("torch")
    source = FASTAI_HEAD.replace("IN_FEATURES", "nf")
    result = _lint(source, Head=(2, 12, 100))
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = result.models
    namespace: dict = {"__name__": "library_layers"}
    runnable = source.replace("from fastai.layers import *\nfrom fastai.core import *",
                              FASTAI_FLATTEN + FASTAI_BN_DROP_LIN)
    exec(compile(runnable, "head.py", "exec"), namespace)
    real = namespace["Head"]().eval()
    seen = {}

    def hook(name):
        def record(module, inputs, output):
            seen.setdefault(name, tuple(output.shape))  # (a hook returning a value would replace the output)

        return record

    for name, module in real.named_modules():
        if name.startswith("head."):
            module.register_forward_hook(hook(name))
    real(torch.zeros(2, 12, 100))
    predicted = {c.node.path: c.output.shape.dims for c in model.calls if c.node.path in seen}
    assert predicted == seen and len(seen) == 8


def test_a_linear_of_bn_drop_lin_sized_wrong_is_found():
    result = _lint(FASTAI_HEAD.replace("IN_FEATURES", "nf * 2"))
    assert [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"] == [("CL101", 13), ("CL104", 13)]
