"""A module one path of an unknown condition set, called in forward (tests/corpus/perhaps_set_module.py):
the call follows that module, so what comes after it is known; a reshape by the product of
sizes keeps its factors, and a Linear that no length can fill is an error at its line."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convlint.pipeline import Settings, lint_file

CORPUS = Path(__file__).parent / "corpus"
NAME = "perhaps_set_module.py"


def _load() -> dict:
    namespace: dict = {"__name__": "perhaps_set_module"}
    exec(compile((CORPUS / NAME).read_text(), NAME, "exec"), namespace)
    return namespace


def test_the_linear_no_length_fills_is_an_error_and_the_fixed_one_is_not():
    result = lint_file(CORPUS / NAME, NAME, Settings())
    errors = [(d.model, d.span.line, d.code) for d in result.diagnostics if d.severity == "error"]
    assert errors == [("Tagger", 21, "CL101")]
    (message,) = [d.message for d in result.diagnostics if d.severity == "error"]
    assert "a multiple of 64, which 32 is not" in message


def test_hasattr_of_a_module_set_on_one_path_stays_unknown():
    # with the module the Linear gets 4 features, without it 1: neither is certain
    from convlint.pipeline import lint_text

    text = (CORPUS / NAME).read_text() + '''

class Probe(nn.Module):
    def __init__(self, flag):
        super().__init__()
        if flag:
            self.extra = nn.Conv1d(1, 4, 3)
        self.fc = nn.Linear(1, 2)

    def forward(self, x):
        if hasattr(self, "extra"):
            x = self.extra(x)
        return self.fc(x.mean(-1))
'''
    result = lint_text(text, "probe.py", Settings(model="Probe"))
    assert not [d for d in result.diagnostics if d.severity == "error"]


@settings(max_examples=12, deadline=None)
@given(strides=st.lists(st.integers(2, 4), min_size=3, max_size=3), supervised=st.booleans(),
       length=st.integers(30, 400))
def test_torch_refuses_the_broken_linear_for_every_length(strides, supervised, length):
    torch = pytest.importorskip("torch")
    namespace = _load()
    model = namespace["Tagger"](strides, supervised).eval()
    try:
        features = namespace["TaggerFixed"](strides, supervised).features(torch.zeros(2, 1, length))
    except RuntimeError:
        return  # too short for these strides: torch stops before the Linear
    with pytest.raises(RuntimeError, match="cannot be multiplied"):
        model(torch.zeros(2, 1, length))
    assert features.shape[1] == 64


def test_setattr_on_a_module_perhaps_set_under_a_condition_not_known_is_no_crash():
    """Spectral norm's `setattr(self.module, name + "_u", u)` on a module set only on one path
    (BigGAN's GBlock), inside another condition not known: nothing to keep, nothing raised."""
    from convlint.pipeline import Settings, lint_text

    source = '''
import torch
import torch.nn as nn


class SN(nn.Module):
    def __init__(self, module):
        super().__init__()
        self.module = module
        if torch.cuda.is_available():
            self.extra = nn.Linear(2, 2)

    def forward(self, x):
        if x.sum() > 0:
            setattr(self.extra, "weight_u", x)
        return self.module(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = SN(nn.Conv2d(3, 8, 3))

    def forward(self, x):
        return self.conv(x)
'''
    result = lint_text(source, "perhaps_setattr.py", Settings())
    assert [d.code for d in result.diagnostics if d.severity == "error"] == []
    net = next(m for m in result.models if m.name == "Net")
    assert net.internal_error is None and [str(c.output.shape) for c in net.calls][-1] == "Nx8xH-2xW-2"
