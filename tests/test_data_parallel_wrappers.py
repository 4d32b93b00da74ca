"""A module wrapped in nn.DataParallel (or DistributedDataParallel) inside a model's constructor
(`self.encoder = nn.DataParallel(self.encoder)`): the wrapped module is its child `module`, as
named_modules() lists it (`encoder.module.conv`), and its forward runs that module on the input
as given, so every layer inside has torch's shape and parameters, and a bug inside is found."""

import pytest

from convlint.pipeline import Settings, lint_text
from convlint.report.json_report import model_costs
from convlint.report.summary import build_summary
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, built, filled

SOURCE = '''
import torch
import torch.nn as nn


class Half(nn.Module):
    def __init__(self, in_channel=1):
        super().__init__()
        self.conv = nn.Conv2d(in_channel, 16, 3, padding=1)
        self.bn = nn.BatchNorm2d(WIDTH)
        self.fc = nn.Linear(16 * 4 * 4, 10)

    def forward(self, x):
        x = torch.relu(self.bn(self.conv(x)))
        x = nn.functional.max_pool2d(x, 2)
        return self.fc(x.view(x.size(0), -1))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        WRAP
        self.head = nn.Linear(10, 4)

    def forward(self, x):
        return self.head(CALL)
'''

FORMS = {
    "rebound": ("self.encoder = Half(in_channel=3)\n        self.encoder = nn.DataParallel(self.encoder)",
                "self.encoder(x)"),
    "parallel-module": ("self.encoder = torch.nn.parallel.DataParallel(module=Half(3))", "self.encoder(x)"),
    "from-a-local": ("half = Half(3)\n        self.encoder = nn.DataParallel(half, device_ids=None)",
                     "self.encoder(x)"),
    "inner-called": ("self.encoder = nn.DataParallel(Half(3))", "self.encoder.module(x)"),
}
SIZE = (2, 3, 8, 8)


def source_of(form: str, width: str = "16") -> str:
    wrap, call = FORMS[form]
    return filled(SOURCE, {"WRAP": wrap, "CALL": call, "WIDTH": width})


def analysis(source: str):
    result = lint_text(source, "net.py", Settings(input_shapes={"Net": SIZE}))
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "Net"]
    return model


@pytest.mark.parametrize("form", list(FORMS))
def test_every_module_under_the_wrapper_has_torchs_shape(form):
    assert_shapes_equal_torch(source_of(form), SIZE, "net.py")
    model = analysis(source_of(form))
    shapes = {c.node.path: c.output.shape.dims for c in model.calls}
    assert shapes["encoder.module.fc"] == (2, 10) and shapes["head"] == (2, 4)


@pytest.mark.parametrize("form", list(FORMS))
def test_each_module_counts_torchs_parameters(form):
    source = source_of(form)
    model = analysis(source)
    params, _ = model_costs(model)
    real = built(source, "net.py")
    counted = {node.path: params[id(node)] for node in model.modules()}
    assert counted == {n: sum(p.numel() for p in m.parameters()) for n, m in real.named_modules() if n}


def test_the_totals_are_torchinfos():
    torchinfo = pytest.importorskip("torchinfo")
    source = source_of("rebound")
    stats = torchinfo.summary(built(source, "net.py"), input_size=SIZE, verbose=0)
    summary = build_summary(analysis(source), [])
    assert summary.total_params == stats.total_params
    assert summary.total_mult_adds in (stats.total_mult_adds, None)


@pytest.mark.parametrize("form", list(FORMS))
def test_a_norm_of_the_wrong_width_inside_is_found(form):
    wrap, call = FORMS[form]
    source = filled(SOURCE, {"WRAP": wrap, "CALL": call})
    assert_bug_found_at_its_line(source, {"WIDTH": "16"}, {"WIDTH": "3"}, SIZE,
                                 line_of(source, "nn.BatchNorm2d(WIDTH)"), "CL104", "net.py")


def test_distributed_data_parallel_runs_the_module_as_given():
    source = filled(SOURCE, {"WRAP": "self.encoder = nn.parallel.DistributedDataParallel(Half(3))",
                             "CALL": "self.encoder(x)", "WIDTH": "16"})
    shapes = {c.node.path: c.output.shape.dims for c in analysis(source).calls}
    assert shapes["encoder"] == shapes["encoder.module"] == (2, 10) and shapes["head"] == (2, 4)
