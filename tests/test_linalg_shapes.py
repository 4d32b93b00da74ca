"""Linear algebra (torch.qr, torch.linalg.qr, diag, det, slogdet, inverse, ...) gives torch's shapes:
a Glow invertible 1x1 conv's weight built from a QR keeps its shape, and the model after it."""

import itertools

import pytest

from convlint import shapes
from convlint.pipeline import Settings, lint_text
from convlint.values import Sym

torch = pytest.importorskip("torch")

MATRICES = [(3, 3), (4, 2), (2, 5), (2, 3, 3), (2, 4, 3), (1, 1)]


def _torch_shapes(name, size, mode="reduced", diagonal=0):
    a = torch.randn(*size) + 3 * torch.eye(size[-1], size[-2] if len(size) > 1 else size[-1])[: size[-2]] \
        if len(size) > 1 and size[-1] == size[-2] else torch.randn(*size)
    if name == "qr":
        made = torch.linalg.qr(a, mode=mode)
    elif name == "lu":
        made = torch.linalg.lu(a)
    elif name == "cholesky":
        made = torch.linalg.cholesky(a @ a.mT + torch.eye(size[-1]))
    elif name in ("diag", "triu", "tril"):
        made = getattr(torch, name)(a, diagonal)
    else:
        made = getattr(torch, name)(a)
    return tuple(tuple(t.shape) for t in made) if isinstance(made, tuple) else (tuple(made.shape),)


@pytest.mark.parametrize(("name", "size"), itertools.product(
    ["qr", "lu", "det", "slogdet", "logdet", "inverse", "cholesky", "matrix_exp", "pinverse", "triu", "tril"],
    MATRICES))
def test_matrix_ops_give_torchs_shapes(name, size):
    try:
        expected = _torch_shapes(name, size)
    except RuntimeError:  # a matrix that is not square: torch refuses, and nothing is claimed
        assert shapes.linalg_shapes(name, size) is None
        return
    assert shapes.linalg_shapes(name, size) == expected


@pytest.mark.parametrize(("mode", "size"), itertools.product(["reduced", "complete", "r"], MATRICES))
def test_qr_modes(mode, size):
    assert shapes.linalg_shapes("qr", size, mode) == _torch_shapes("qr", size, mode)


@pytest.mark.parametrize(("size", "diagonal"), itertools.product([(4,), (1,), (3, 3), (2, 5), (5, 2)],
                                                                 [0, 1, -1, 2, -3, 6]))
def test_diag_of_a_vector_and_of_a_matrix(size, diagonal):
    assert shapes.linalg_shapes("diag", size, diagonal=diagonal) == _torch_shapes("diag", size, diagonal=diagonal)


def test_symbolic_square_matrix():
    n = Sym("C")
    assert shapes.linalg_shapes("qr", (n, n)) == ((n, n), (n, n))
    assert shapes.linalg_shapes("diag", (n,)) == ((n, n),)
    assert shapes.linalg_shapes("diag", (n, n)) == ((n,),)
    assert shapes.linalg_shapes("det", (n, n)) == ((),)


GLOW = '''
import torch
from torch import nn
from torch.nn import functional as F


class InvConv(nn.Module):
    def __init__(self, c):
        super().__init__()
        q, _ = {qr}(torch.randn(c, c))
        self.weight = nn.Parameter(q.unsqueeze(2).unsqueeze(3))

    def forward(self, x):
        out = F.conv2d(x, self.weight)
        logdet = x.shape[2] * x.shape[3] * torch.slogdet(self.weight.squeeze().double())[1].float()
        return out, logdet


class Flow(nn.Module):
    def __init__(self):
        super().__init__()
        self.inv = InvConv(12)
        self.diag = nn.Parameter(torch.diag(torch.ones(12)).inverse())
        self.head = nn.Conv2d({half}, 8, 3, padding=1)

    def forward(self, x):
        x, logdet = self.inv(x)
        x = F.conv2d(x, self.diag.view(12, 12, 1, 1))
        a, b = x.chunk(2, 1)
        return self.head(a), logdet
'''


@pytest.mark.parametrize("qr", ["torch.qr", "torch.linalg.qr"])
@pytest.mark.parametrize(("half", "bug"), [(6, False), (12, True)])
def test_glow_weight_from_a_qr(qr, half, bug):
    source = GLOW.format(qr=qr, half=half)
    result = lint_text(source, "glow.py", Settings(input_shapes={"Flow": (2, 12, 8, 8)}))
    errors = [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"]
    assert errors == ([("CL103", 24)] if bug else [])
    namespace: dict = {}
    exec(compile(source, "glow.py", "exec"), namespace)
    if bug:
        with pytest.raises(RuntimeError):
            namespace["Flow"]()(torch.zeros(2, 12, 8, 8))
        return
    out, logdet = namespace["Flow"]()(torch.zeros(2, 12, 8, 8))
    (model,) = [m for m in result.models if m.name == "Flow"]
    assert model.output[0].shape.dims == (2, 8, 8, 8) == tuple(out.shape)
