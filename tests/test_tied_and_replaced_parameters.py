"""A parameter assigned over a layer's own (`self.dec.weight = nn.Parameter(...)`) takes its place,
and one shared with another module (`self.out.weight = self.embed.weight`, tied weights) is one
parameter: the totals equal `sum(p.numel() for p in model.parameters())`, each module's count equals
torch's count of that module's parameters, and torchinfo's mult-adds are those of the layer."""

import pytest

from convlint.pipeline import Settings, lint_text
from convlint.report.json_report import model_costs
from convlint.report.summary import build_summary
from tests.torch_cases import built

MODELS = '''
import torch
from torch import nn


class Replaced(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Linear(784, 64)
        self.dec = nn.Linear(64, 784)
        self.dec.weight = nn.Parameter(self.enc.weight.t())

    def forward(self, x):
        return self.dec(torch.relu(self.enc(x)))


class TiedHead(nn.Module):
    def __init__(self, vocab=100, dim=32):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.mix = nn.Conv1d(dim, dim, 3, padding=1)
        self.out = nn.Linear(dim, vocab)
        self.out.weight = self.embed.weight

    def forward(self, tokens):
        h = self.mix(self.embed(tokens).transpose(1, 2)).transpose(1, 2)
        return self.out(h)


class TiedAutoencoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU())
        self.decoder = nn.Sequential(nn.Conv2d(8, 3, 3, padding=1))
        self.twin = nn.Conv2d(3, 8, 3, padding=1)
        self.twin.weight = self.encoder[0].weight

    def forward(self, x):
        return self.decoder(self.encoder(x)) + self.decoder(self.twin(x))
'''

SIZES = {"Replaced": (2, 784), "TiedHead": (2, 7), "TiedAutoencoder": (2, 3, 8, 8)}


def _analysis(name: str):
    result = lint_text(MODELS, "models.py", Settings(input_shapes={name: SIZES[name]}))
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == name]
    return model


@pytest.mark.parametrize("name", sorted(SIZES))
def test_the_total_counts_each_parameter_once_as_torch(name):
    real = built(MODELS, "models.py", lambda ns: ns[name]())
    assert build_summary(_analysis(name), []).total_params == sum(p.numel() for p in real.parameters())


@pytest.mark.parametrize("name", sorted(SIZES))
def test_each_module_counts_its_own_parameters_as_torch(name):
    real = built(MODELS, "models.py", lambda ns: ns[name]())
    model = _analysis(name)
    params, _ = model_costs(model)
    counted = {node.path: params[id(node)] for node in model.modules()}
    assert counted == {n: sum(p.numel() for p in m.parameters()) for n, m in real.named_modules() if n}


def test_a_replacing_parameter_keeps_torchinfos_rows_and_totals():
    torchinfo = pytest.importorskip("torchinfo")
    real = built(MODELS, "models.py", lambda ns: ns["Replaced"]())
    stats = torchinfo.summary(real, input_size=SIZES["Replaced"], verbose=0)
    leaves = [layer for layer in stats.summary_list if layer.is_leaf_layer]
    summary = build_summary(_analysis("Replaced"), [])
    assert [(row.params, row.macs) for row in summary.rows[1:]] == [(layer.num_params, layer.macs) for layer in leaves]
    assert (summary.total_params, summary.total_mult_adds) == (stats.total_params, stats.total_mult_adds)


def test_a_tied_parameter_counts_once_in_the_total_where_torchinfo_1_8_counts_it_twice():
    """torch's parameters() yields a tied tensor once; torchinfo 1.8.0 sums each row's count (later
    releases count it once too). The total follows torch; each row is torchinfo's."""
    torchinfo = pytest.importorskip("torchinfo")
    torch = pytest.importorskip("torch")
    real = built(MODELS, "models.py", lambda ns: ns["TiedHead"]())
    stats = torchinfo.summary(real, input_data=torch.zeros(SIZES["TiedHead"], dtype=torch.long), verbose=0)
    leaves = [layer for layer in stats.summary_list if layer.is_leaf_layer]
    summary = build_summary(_analysis("TiedHead"), [])
    assert [row.params for row in summary.rows[1:]] == [layer.num_params for layer in leaves]
    assert stats.total_params - summary.total_params == 100 * 32  # the embedding counted a second time
