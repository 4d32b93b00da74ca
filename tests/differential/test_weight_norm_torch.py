"""weight_norm and spectral_norm (torch.nn.utils and torch.nn.utils.parametrizations) around
each layer they are used on, for each name and dim: the layer's output unchanged, parameters as
parameters() counts them, mult-adds as torchinfo counts them (weight_g, weight_v and
weight_orig are "other" weights to it; a parametrized layer is no leaf, so it costs none)."""

import itertools

import pytest

torch = pytest.importorskip("torch")
torchinfo = pytest.importorskip("torchinfo")

from convlint.pipeline import Settings, lint_file  # noqa: E402
from convlint.report.json_report import model_out  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore:`torch.nn.utils.weight_norm` is deprecated")

LAYERS = [
    ("nn.Conv1d(4, 6, 3, padding=1)", (2, 4, 9)),
    ("nn.Conv2d(4, 6, (3, 2), stride=2, groups=2, bias=False)", (2, 4, 8, 8)),
    ("nn.ConvTranspose2d(4, 6, 3, stride=2, groups=2)", (2, 4, 5, 5)),
    ("nn.Linear(4, 6)", (3, 5, 4)),
]
WRAPPERS = [
    "weight_norm({layer})", "weight_norm({layer}, dim=None)", "weight_norm({layer}, dim=1)",
    "weight_norm({layer}, 'weight', -2)", "spectral_norm({layer})", "spectral_norm({layer}, dim=1)",
    "P.weight_norm({layer})", "P.weight_norm({layer}, dim=None)", "P.weight_norm({layer}, name='weight', dim=-1)",
    "P.spectral_norm({layer})",
]
CASES = [(w.format(layer=layer), shape) for (layer, shape), w in itertools.product(LAYERS, WRAPPERS)]
CASES += [("weight_norm(nn.Linear(4, 6), name='bias')", (3, 4)), ("P.weight_norm(nn.Linear(4, 6), name='bias')", (3, 4))]

SOURCE = """
import torch.nn as nn
from torch.nn.utils import spectral_norm, weight_norm
from torch.nn.utils import parametrizations as P


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = {wrapped}
        self.act = nn.ReLU()

    def forward(self, x):
        return self.act(self.layer(x))
"""


@pytest.mark.parametrize(("wrapped", "shape"), CASES, ids=[c[0] for c in CASES])
def test_a_normalised_layer_is_the_layer_torch_builds(wrapped, shape, tmp_path):
    path = tmp_path / "net.py"
    path.write_text(SOURCE.format(wrapped=wrapped))
    result = lint_file(path, "net.py", Settings(input_shapes={"Net": shape}))
    (analysis,) = result.models
    assert analysis.unresolved == [] and [d for d in result.diagnostics if d.severity == "error"] == []
    predicted = model_out(analysis)
    namespace: dict = {}
    exec(compile(path.read_text(), "net.py", "exec"), namespace)
    real = namespace["Net"]().eval()
    stats = torchinfo.summary(real, input_size=shape, verbose=0, device="cpu")
    layers = {layer.name: layer for layer in predicted.layers}
    params = {n: sum(p.numel() for p in m.parameters()) for n, m in real.named_modules() if n}
    assert {n: layers[n].params for n in layers} == params
    with torch.no_grad():
        out = real.layer(torch.zeros(shape))
    assert tuple(layers["layer"].output_shape) == tuple(out.shape)
    assert (predicted.params, predicted.macs) == (stats.total_params, stats.total_mult_adds)


REMOVED = """
import torch.nn as nn
from torch.nn.utils import parametrizations, parametrize, remove_weight_norm, weight_norm


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = parametrizations.weight_norm(nn.Conv1d(4, 8, 3))
        parametrize.remove_parametrizations(self.a, "weight")
        self.b = remove_weight_norm(weight_norm(nn.Conv1d(8, 8, 3)))
        self.c = parametrizations.spectral_norm(parametrizations.weight_norm(nn.Linear(6, 6), name="bias"))
        parametrize.remove_parametrizations(self.c, "bias")

    def forward(self, x):
        return self.c(self.b(self.a(x)))
"""


def test_removed_normalisations_give_the_plain_layers_back(tmp_path):
    path = tmp_path / "net.py"
    path.write_text(REMOVED)
    result = lint_file(path, "net.py", Settings(input_shapes={"Net": (2, 4, 10)}))
    predicted = model_out(result.models[0])
    namespace: dict = {}
    exec(compile(REMOVED, "net.py", "exec"), namespace)
    real = namespace["Net"]()
    stats = torchinfo.summary(real, input_size=(2, 4, 10), verbose=0, device="cpu")
    assert [layer.name for layer in predicted.layers] == [n for n, _ in real.named_modules() if n]
    assert (predicted.params, predicted.macs) == (stats.total_params, stats.total_mult_adds)


def test_a_parametrization_of_the_users_leaves_the_count_unknown(tmp_path):
    path = tmp_path / "net.py"
    path.write_text(REMOVED.replace('parametrize.remove_parametrizations(self.a, "weight")',
                                    'parametrize.register_parametrization(self.a, "bias", nn.Identity())'))
    result = lint_file(path, "net.py", Settings(input_shapes={"Net": (2, 4, 10)}))
    assert model_out(result.models[0]).params is None
    assert any("register_parametrization" in u.why for u in result.models[0].unresolved)
