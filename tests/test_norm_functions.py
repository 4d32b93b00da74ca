"""The function forms of a norm (torch.norm(x, 2, dim, True), torch.linalg.norm, vector_norm,
matrix_norm) reduce as x.norm does, by torch's positional order and keywords: an embedding
normalised by `x / torch.norm(x, 2, 1, True)` (ArcFace's l2_norm helper) keeps its shape, so
the model's output, and a head after it, are known; F.normalize keeps the shape."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built

torch = pytest.importorskip("torch")

MODEL = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


def l2_norm(input, axis=1):
    norm = {norm}
    return torch.div(input, norm)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, 1, 1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.linear = nn.Linear(8, 128, bias=False)
        self.head = nn.Linear({width}, 10)

    def forward(self, x):
        x = self.pool(self.conv(x)).view(x.size(0), -1)
        return self.head(l2_norm(self.linear(x)))
'''

NORMS = [
    "torch.norm(input, 2, axis, True)",
    "torch.norm(input, p=2, dim=axis, keepdim=True)",
    "torch.norm(input, dim=[axis], keepdim=True)",
    "torch.norm(input, 2, -1, keepdim=True)",
    "torch.linalg.norm(input, dim=axis, keepdim=True)",
    "torch.linalg.norm(input, 2, axis, True)",
    "torch.linalg.vector_norm(input, 2, axis, True)",
    "torch.linalg.vector_norm(input, dim=-1, keepdim=True)",
    "torch.norm(input, 2, axis).unsqueeze(1)",
    "torch.linalg.vector_norm(input, dim=axis)[:, None]",
    "torch.norm(input)",
    "torch.linalg.norm(input)",
    "torch.linalg.matrix_norm(input.view(input.size(0), 8, 16)).view(-1, 1)",
    "1 / F.normalize(input, dim=axis)",
]


def _errors(source: str, settings: Settings) -> list[tuple[int, str]]:
    return [(d.span.line, d.code) for d in lint_text(source, "net.py", settings).diagnostics if d.severity == "error"]


@pytest.mark.parametrize("norm", NORMS)
def test_a_norm_function_gives_torchs_shape(norm):
    source = MODEL.format(norm=norm, width=128)
    settings = Settings(input_shapes={"Net": (2, 3, 32, 32)})
    result = lint_text(source, "net.py", settings)
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = result.models
    expected = tuple(built(source, "net.py")(torch.zeros(2, 3, 32, 32)).shape)
    assert tuple(model.output.shape.dims) == expected
    assert not [u for u in model.unresolved if "norm" in u.why]


@pytest.mark.parametrize("norm", NORMS[:8])
def test_a_head_of_the_wrong_width_after_the_norm_is_found(norm):
    source = MODEL.format(norm=norm, width=64)
    with pytest.raises(RuntimeError):
        built(source, "net.py")(torch.zeros(2, 3, 32, 32))
    line = next(n for n, text in enumerate(source.splitlines(), 1) if "nn.Linear(64" in text)
    assert _errors(source, Settings(input_shapes={"Net": (2, 3, 32, 32)})) == [(line, "CL101")]
    assert _errors(source, Settings()) == [(line, "CL101")]
