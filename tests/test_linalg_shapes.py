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


LU_CONV = '''
import numpy as np
import torch
from torch import nn
from torch.nn import functional as F
{scipy}

class InvConvLU(nn.Module):
    def __init__(self, c):
        super().__init__()
        q, _ = {qr}(np.random.randn(c, c).astype(np.float32))
        w_p, w_l, w_u = {lu}
        w_s = np.diag(w_u)
        w_u = np.triu(w_u, 1)
        u_mask = np.triu(np.ones_like(w_u), 1)
        self.register_buffer("w_p", torch.from_numpy(w_p))
        self.register_buffer("u_mask", torch.from_numpy(u_mask))
        self.register_buffer("l_mask", torch.from_numpy(u_mask.T))
        self.register_buffer("l_eye", torch.eye(c))
        self.w_l = nn.Parameter(torch.from_numpy(w_l))
        self.w_s = nn.Parameter(torch.from_numpy(w_s))
        self.w_u = nn.Parameter(torch.from_numpy(w_u))

    def forward(self, x):
        weight = self.w_p @ (self.w_l * self.l_mask + self.l_eye) @ (self.w_u * self.u_mask + torch.diag(self.w_s))
        return F.conv2d(x, weight.unsqueeze(2).unsqueeze(3))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.inv = InvConvLU(12)
        self.head = nn.Conv2d({width}, 8, 3)

    def forward(self, x):
        return self.head(self.inv(x))
'''
NUMPY_LU = dict(scipy="", qr="np.linalg.qr", lu="torch.linalg.lu(torch.from_numpy(q))\n"
                "        w_p, w_l, w_u = w_p.numpy(), w_l.numpy(), w_u.numpy()")
SCIPY_LU = dict(scipy="import scipy.linalg as la\n", qr="la.qr", lu="la.lu(q.astype(np.float32))")


@pytest.mark.parametrize("library", [NUMPY_LU, SCIPY_LU])
@pytest.mark.parametrize(("width", "bug"), [(12, False), (6, True)])
def test_weight_from_an_lu_of_numpy_or_scipy(library, width, bug):
    source = LU_CONV.format(width=width, **library)
    result = lint_text(source, "lu.py", Settings(input_shapes={"Net": (2, 12, 8, 8)}))
    errors = [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"]
    head = source.splitlines().index(f"        self.head = nn.Conv2d({width}, 8, 3)") + 1
    assert errors == ([("CL103", head)] if bug else [])
    (model,) = [m for m in result.models if m.name == "Net"]
    if library is NUMPY_LU:  # (scipy is not installed with the tests: its shapes are torch's, checked above)
        namespace: dict = {}
        exec(compile(source, "lu.py", "exec"), namespace)
        if bug:
            with pytest.raises(RuntimeError):
                namespace["Net"]()(torch.zeros(2, 12, 8, 8))
        else:
            assert tuple(namespace["Net"]()(torch.zeros(2, 12, 8, 8)).shape) == model.output.shape.dims == (2, 8, 6, 6)


@pytest.mark.parametrize(("size", "diagonal"), itertools.product([(4,), (3, 3), (2, 5), (5, 2)], [0, 1, -2]))
def test_numpy_diag_and_qr(size, diagonal):
    np = pytest.importorskip("numpy")
    a = np.ones(size)
    assert shapes.linalg_shapes("diag", size, diagonal=diagonal) == (np.diag(a, diagonal).shape,)
    if len(size) == 2:
        for mode in ("reduced", "complete"):
            assert shapes.linalg_shapes("qr", size, mode) == tuple(m.shape for m in np.linalg.qr(a, mode=mode))
