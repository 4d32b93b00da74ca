"""MAML's functional learner: layers given as a config list of (name, params) rows, their weights
appended to an nn.ParameterList in __init__ (`nn.Parameter(torch.ones(*param[:4]))`), forward
walking the config with F.conv2d / F.max_pool2d / F.linear / F.batch_norm of `vars[idx]`,
`vars[idx + 1]`, `idx += 2`, and `if vars is None: vars = self.vars` (fast weights passed
otherwise). The ParameterList is followed as a list of its tensors, each weight checked as the
layer it stands for, and a count that does not fit is reported at the config row's number.
Checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes
from tests.source_lines import line_of

torch = pytest.importorskip("torch")

LEARNER = '''
import torch
from torch import nn
from torch.nn import functional as F


class Learner(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.config = config
        self.vars = nn.ParameterList()
        self.vars_bn = nn.ParameterList()
        for i, (name, param) in enumerate(self.config):
            if name == 'conv2d':
                w = nn.Parameter(torch.ones(*param[:4]))
                torch.nn.init.kaiming_normal_(w)
                self.vars.append(w)
                self.vars.append(nn.Parameter(torch.zeros(param[0])))
            elif name == 'bn':
                self.vars.append(nn.Parameter(torch.ones(param[0])))
                self.vars.append(nn.Parameter(torch.zeros(param[0])))
                running_mean = nn.Parameter(torch.zeros(param[0]), requires_grad=False)
                running_var = nn.Parameter(torch.ones(param[0]), requires_grad=False)
                self.vars_bn.extend([running_mean, running_var])
            elif name == 'linear':
                w = nn.Parameter(torch.ones(*param))
                torch.nn.init.kaiming_normal_(w)
                self.vars.append(w)
                self.vars.append(nn.Parameter(torch.zeros(param[0])))

    def forward(self, x, vars=None, bn_training=True):
        if vars is None:
            vars = self.vars
        idx = 0
        bn_idx = 0
        for name, param in self.config:
            if name == 'conv2d':
                w, b = vars[idx], vars[idx + 1]
                x = F.conv2d(x, w, b, stride=param[4], padding=param[5])
                idx += 2
            elif name == 'bn':
                w, b = vars[idx], vars[idx + 1]
                running_mean, running_var = self.vars_bn[bn_idx], self.vars_bn[bn_idx + 1]
                x = F.batch_norm(x, running_mean, running_var, weight=w, bias=b, training=bn_training)
                idx += 2
                bn_idx += 2
            elif name == 'relu':
                x = F.relu(x, inplace=param[0])
            elif name == 'max_pool2d':
                x = F.max_pool2d(x, param[0], param[1], param[2])
            elif name == 'flatten':
                x = x.view(x.size(0), -1)
            elif name == 'linear':
                x = F.linear(x, vars[idx], vars[idx + 1])
                idx += 2
        return x


CONFIG = [
    ('conv2d', [32, 3, 3, 3, 1, 0]), ('relu', [True]), ('bn', [32]), ('max_pool2d', [2, 2, 0]),
    ('conv2d', [32, CIN, 3, 3, 1, 0]), ('relu', [True]), ('bn', [32]), ('max_pool2d', [2, 2, 0]),
    ('flatten', []),
    ('linear', [5, FEATURES]),
]
model = Learner(CONFIG)
'''

SIZE = (2, 3, 30, 30)  # conv 28, pool 14, conv 12, pool 6: 32 * 6 * 6 features
RIGHT = {"CIN": "32", "FEATURES": "32 * 6 * 6"}


def _build(namespace):
    return namespace["model"]


def _errors(source: str, settings: Settings):
    return [d for d in lint_text(source, "learner.py", settings).diagnostics if d.severity == "error"]


def test_the_right_config_is_followed_to_torch_s_output_shape():
    source = filled(LEARNER, RIGHT)
    with torch.no_grad():
        out = built(source, "learner.py", _build)(torch.zeros(*SIZE))
    assert tuple(out.shape) == (2, 5)
    result = lint_text(source, "learner.py", Settings(input_shapes={"Learner": SIZE}))
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (model,) = [m for m in result.models if m.name == "Learner"]
    assert model.output is not None and tuple(model.output.shape.dims) == (2, 5)
    assert not _errors(source, Settings())


def test_a_linear_row_counted_for_another_size_is_reported_at_its_number():
    source = filled(LEARNER, {**RIGHT, "FEATURES": "32 * 5 * 5"})
    with pytest.raises(RuntimeError):
        module_shapes(built(source, "learner.py", _build), SIZE)
    (error,) = _errors(source, Settings(input_shapes={"Learner": SIZE}))
    assert (error.code, error.span.line) == ("CL101", line_of(source, "('linear', [5, 32 * 5 * 5])"))
    # (the row's number, not the F.linear in forward, and not demoted: `vars` stands for self.vars)
    assert source.splitlines()[error.span.line - 1][error.span.column - 1:].startswith("32 * 5 * 5")


def test_a_conv_row_of_the_wrong_channels_is_reported_at_its_number():
    source = filled(LEARNER, {**RIGHT, "CIN": "16"})
    with pytest.raises(RuntimeError):
        module_shapes(built(source, "learner.py", _build), SIZE)
    (error,) = _errors(source, Settings())
    assert (error.code, error.span.line) == ("CL103", line_of(source, "('conv2d', [32, 16,"))
    assert source.splitlines()[error.span.line - 1][error.span.column - 1:].startswith("16,")


def test_a_config_not_known_leaves_the_weights_unknown():
    """The learner checked with its config not given: the weights it appends are not known, nothing
    is reported of them, and what is not followed is listed."""
    source = filled(LEARNER, RIGHT).replace("model = Learner(CONFIG)", "")
    result = lint_text(source, "learner.py", Settings(input_shapes={"Learner": SIZE}))
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (model,) = [m for m in result.models if m.name == "Learner"]
    assert model.unresolved


PARAMETER_DICT = '''
import torch
from torch import nn
from torch.nn import functional as F


class Net(nn.Module):
    def __init__(self, hidden=64):
        super().__init__()
        self.params = nn.ParameterDict({
            "w1": nn.Parameter(torch.randn(hidden, 3 * 8 * 8)), "b1": nn.Parameter(torch.zeros(hidden)),
        })
        self.params["w2"] = nn.Parameter(torch.randn(10, WIDTH))
        self.params["b2"] = nn.Parameter(torch.zeros(10))

    def forward(self, x, params=None):
        params = self.params if params is None else params
        x = F.relu(F.linear(x.flatten(1), params["w1"], params["b1"]))
        return F.linear(x, params["w2"], params["b2"])
'''


def test_weights_held_in_a_parameter_dict_are_checked():
    """nn.ParameterDict, read by key in forward (its items set in the dict or one by one): each
    weight checked as the layer it stands for, reported where its size is written."""
    broken, right = filled(PARAMETER_DICT, {"WIDTH": "32"}), filled(PARAMETER_DICT, {"WIDTH": "hidden"})
    size = (2, 3, 8, 8)
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, "pdict.py"), size)
    with torch.no_grad():
        assert tuple(built(right, "pdict.py")(torch.zeros(*size)).shape) == (2, 10)
    (error,) = [d for d in lint_text(broken, "pdict.py", Settings()).diagnostics if d.severity == "error"]
    assert (error.code, error.span.line) == ("CL101", line_of(broken, 'self.params["w2"]'))
    result = lint_text(right, "pdict.py", Settings(input_shapes={"Net": size}))
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (model,) = [m for m in result.models if m.name == "Net"]
    assert tuple(model.output.shape.dims) == (2, 10)
