"""nn.TransformerEncoderLayer / TransformerDecoderLayer and the TransformerEncoder /
TransformerDecoder stacks against real torch: every sublayer's output shape as torch's forward
hooks see it (post-norm and norm_first, batch first or not, an unbatched 2-D input), each
module's parameters as parameters() counts them (dim_feedforward, bias, an activation given as
a module, num_layers deep copies, the stack's norm), and the total mult-adds torchinfo gives."""

import pytest

from convlint.pipeline import Settings, lint_text
from convlint.report.json_report import model_costs
from convlint.report.summary import build_summary
from tests.torch_cases import built, module_shapes

SOURCE = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(6, 16)
        LAYER
        self.stack = STACK

    def forward(self, x):
        x = self.proj(x)
        return CALL
'''

CASES = {
    "encoder-layer": ("", "nn.TransformerEncoderLayer(16, 4, dim_feedforward=24, batch_first=True)", "self.stack(x)"),
    "encoder-layer-seq-first": ("", "nn.TransformerEncoderLayer(16, 2, 32, 0.0, 'gelu')", "self.stack(x)"),
    "encoder-layer-norm-first-no-bias": (
        "", "nn.TransformerEncoderLayer(16, 4, 20, batch_first=True, norm_first=True, bias=False)", "self.stack(x)"),
    "encoder-layer-module-activation": (
        "", "nn.TransformerEncoderLayer(16, 4, 20, activation=nn.GELU(), batch_first=True)", "self.stack(x)"),
    "encoder": ("layer = nn.TransformerEncoderLayer(d_model=16, nhead=4, dim_feedforward=40, batch_first=True)",
                "nn.TransformerEncoder(layer, num_layers=3)", "self.stack(x)"),
    "encoder-norm": ("layer = nn.TransformerEncoderLayer(16, 8, 24, norm_first=True)",
                     "nn.TransformerEncoder(layer, 2, norm=nn.LayerNorm(16))", "self.stack(x)"),
    "decoder-layer": ("", "nn.TransformerDecoderLayer(16, 4, 28, batch_first=True)", "self.stack(x, x[:, :3])"),
    "decoder": ("layer = nn.TransformerDecoderLayer(16, 2, 24, batch_first=True, norm_first=True)",
                "nn.TransformerDecoder(layer, 2, nn.LayerNorm(16))", "self.stack(x, x)"),
}
SIZES = [(2, 5, 6), (5, 6)]


def source_of(case: str) -> str:
    layer, stack, call = CASES[case]
    return SOURCE.replace("LAYER", layer or "pass").replace("STACK", stack).replace("CALL", call)


def analysis(source: str, size: tuple):
    result = lint_text(source, "net.py", Settings(input_shapes={"Net": size}))
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "Net"]
    return model


@pytest.mark.parametrize("size", SIZES, ids=["batched", "unbatched"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_each_sublayer_has_torchs_shape(case, size):
    source = source_of(case)
    if case.startswith("decoder") and len(size) == 2:
        source = source.replace("x[:, :3]", "x[:3]")
    model = analysis(source, size)
    predicted = {c.node.path: tuple(c.output.shape.dims) for c in model.calls if c.output.shape.dims is not None}
    torch_shapes = module_shapes(built(source, "net.py"), size)
    assert len(torch_shapes) > 8  # (an attention's output is a pair: torch's hooks skip it)
    assert {path: predicted.get(path) for path in torch_shapes} == torch_shapes


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_module_counts_torchs_parameters(case):
    source = source_of(case)
    model = analysis(source, SIZES[0])
    params, _ = model_costs(model)
    counted = {node.path: params[id(node)] for node in model.modules()}
    real = built(source, "net.py")
    assert counted == {n: sum(p.numel() for p in m.parameters()) for n, m in real.named_modules() if n}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_totals_are_torchinfos(case):
    torchinfo = pytest.importorskip("torchinfo")
    source = source_of(case)
    stats = torchinfo.summary(built(source, "net.py"), input_size=SIZES[0], verbose=0)
    summary = build_summary(analysis(source, SIZES[0]), [])
    assert summary.total_params == stats.total_params
    assert summary.total_mult_adds in (stats.total_mult_adds, None)


@pytest.mark.parametrize(("arguments", "why"), [
    ("nn.TransformerEncoderLayer(16, 4, 20, batch_first=True)", "a batch-first layer"),
    ("nn.TransformerEncoderLayer(16, 4, 20)", "a sequence-first layer"),
])
def test_a_width_not_d_model_leaves_the_output_unknown(arguments, why):
    torch = pytest.importorskip("torch")
    source = SOURCE.replace("LAYER", "pass").replace("STACK", arguments).replace("CALL", "self.stack(x)") \
        .replace("nn.Linear(6, 16)", "nn.Linear(6, 12)")
    with pytest.raises(AssertionError, match="was expecting embedding dimension of 16, but got 12"):
        built(source, "net.py").train()(torch.zeros(2, 5, 6))
    result = lint_text(source, "net.py", Settings(input_shapes={"Net": (2, 5, 6)}))
    assert not [d for d in result.diagnostics if d.severity == "error"], why
    (model,) = [m for m in result.models if m.name == "Net"]
    (stack,) = [c for c in model.calls if c.node.path == "stack"]
    assert stack.output.shape.dims is None
