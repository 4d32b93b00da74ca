"""A view or product torch refuses of a module's own nn.Parameter: a hand-written GDN's
`self.gamma.view(ch, ch, 1, 1)` built with the wrong width is reported at the call building it
(`GDN(M)` for `GDN(N)`), a memory bank made with its sizes the wrong way round at its maker's line;
where neither edit runs clean the finding stays at the op, naming the parameter, the module and
the line that makes it, with no advice to keep a batch dim a parameter does not have."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import built

GDN = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class GDN(nn.Module):
    def __init__(self, ch, inverse=False):
        super().__init__()
        self.inverse = inverse
        self.beta = nn.Parameter(torch.ones(ch))
        self.gamma = nn.Parameter(0.1 * torch.eye(GAMMA))

    def forward(self, x):
        _, ch, _, _ = x.size()
        gamma = self.gamma.view(ch, ch, 1, 1)
        norm = torch.sqrt(F.conv2d(x ** 2, gamma, self.beta))
        return x * norm if self.inverse else x / norm


class Net(nn.Module):
    def __init__(self, N=32, M=48):
        super().__init__()
        self.deconv1 = nn.ConvTranspose2d(M, N, 5, stride=2, padding=2, output_padding=1)
        self.igdn1 = GDN(WIDTH, inverse=True)
        self.deconv2 = nn.ConvTranspose2d(N, 3, 5, stride=2, padding=2, output_padding=1)

    def forward(self, x):
        return self.deconv2(self.igdn1(self.deconv1(x)))
'''

MEMORY = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, latent_dim=32, memory_size=50):
        super().__init__()
        self.enc = nn.Sequential(nn.Flatten(), nn.Linear(28 * 28, latent_dim))
        self.memory = nn.Parameter(torch.randn(SIZES))
        self.dec = nn.Linear(latent_dim, 28 * 28)

    def forward(self, x):
        z = self.enc(x)
        w = torch.softmax(z @ self.memory.t(), dim=1)
        return self.dec(w @ self.memory).view(-1, 1, 28, 28)
'''


def _errors(source: str, shape=None):
    settings = Settings(input_shapes={"Net": shape}) if shape else Settings()
    return [d for d in lint_text(source, "net.py", settings).diagnostics if d.severity == "error"]


def _torch_error(source: str, size: tuple) -> str | None:
    torch = pytest.importorskip("torch")
    try:
        built(source, "net.py")(torch.zeros(*size))
    except RuntimeError as error:
        return str(error)
    return None


def test_the_call_building_the_gdn_with_the_wrong_width_is_reported():
    source = GDN.replace("GAMMA", "ch").replace("WIDTH", "M")
    assert "is invalid for input of size 2304" in _torch_error(source, (2, 48, 4, 4))
    (finding,) = _errors(source)
    assert (finding.span.line, finding.code, finding.layer) == (line_of(source, "GDN(M"), "CL102", "igdn1")
    assert "self.gamma of igdn1 (48x48, made on line" in finding.message and "given 32 here" in finding.message
    assert finding.related and finding.related[0].line == line_of(source, "self.gamma.view(")
    assert finding.fix.startswith("Give igdn1 32 there")


def test_the_gdn_of_the_right_width_is_clean():
    source = GDN.replace("GAMMA", "ch").replace("WIDTH", "N")
    assert _torch_error(source, (2, 48, 4, 4)) is None
    assert _errors(source) == []
    assert _errors(source, (2, 48, 4, 4)) == []


def test_a_parameter_sized_by_its_module_itself_stays_at_the_view_naming_it():
    source = GDN.replace("GAMMA", "48").replace("WIDTH", "N")
    assert "is invalid for input of size 2304" in _torch_error(source, (2, 48, 4, 4))
    (finding,) = _errors(source)
    assert (finding.span.line, finding.code, finding.layer) == (line_of(source, "self.gamma.view("), "CL102", "igdn1")
    made = line_of(source, "self.gamma = nn.Parameter")
    assert f"self.gamma of igdn1 is 48x48, made on line {made}" in finding.message
    assert "batch" not in finding.fix and "self.gamma" in finding.fix


def test_a_memory_bank_made_transposed_is_reported_where_it_is_made():
    source = MEMORY.replace("SIZES", "latent_dim, memory_size")
    assert "cannot be multiplied (2x32 and 50x32)" in _torch_error(source, (2, 1, 28, 28))
    (finding,) = _errors(source, (2, 1, 28, 28))
    assert (finding.span.line, finding.code) == (line_of(source, "self.memory = nn.Parameter"), "CL107")
    assert "(from self.memory)" in finding.message and "made 50x32, the model runs" in finding.message
    assert finding.related[0].line == line_of(source, "z @ self.memory")


def test_the_memory_bank_made_right_is_clean():
    source = MEMORY.replace("SIZES", "memory_size, latent_dim")
    assert _torch_error(source, (2, 1, 28, 28)) is None
    assert _errors(source, (2, 1, 28, 28)) == []
    assert _errors(source) == []


def test_a_bank_wrong_in_one_size_only_names_the_parameter_and_its_line():
    source = MEMORY.replace("SIZES", "memory_size, memory_size")
    assert "cannot be multiplied" in _torch_error(source, (2, 1, 28, 28))
    errors = _errors(source, (2, 1, 28, 28))
    assert errors and errors[0].code == "CL107"
    made = line_of(source, "self.memory = nn.Parameter")
    assert f"self.memory is 50x50, made on line {made}" in errors[0].message
