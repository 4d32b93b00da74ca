"""A model factory that picks its model by a parameter (`def get_model(name): widths = [16, 32];
if name == "small": model = Net(widths) else: model = None; return model`): each branch's call
builds that class with the arguments the branch gives, the function's own locals followed as its
body runs, its parameters not known; the None branch builds nothing. Across files too (the factory
in the project's train_utils.py). Checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_file, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, built, filled, module_shapes

NET = '''
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self, widths):
        super().__init__()
        self.conv1 = nn.Conv1d(40, widths[0], 3, padding=1)
        self.conv2 = nn.Conv1d(IN_WIDTH, widths[1], 3, padding=1)
        self.fc = nn.Linear(widths[1], 12)

    def forward(self, x):
        x = torch.relu(self.conv2(torch.relu(self.conv1(x))))
        return self.fc(x.mean(-1))
'''
CONV2_LINE = 10
RIGHT, WRONG = {"IN_WIDTH": "widths[0]"}, {"IN_WIDTH": "widths[1]"}

FACTORIES = {
    "else-none": '''

def get_model(name):
    widths = [16, 32]
    if name == "small":
        model = Net(widths)
    else:
        model = None
    return model
''',
    "no-else": '''

def get_model(name):
    widths = [16, 32]
    if name == "small":
        model = Net(widths)
    return model
''',
    "return-in-each-branch": '''

def get_model(name, n_classes=12):
    widths = [16, 32]
    if name == "small":
        return Net(widths)
    elif name == "plain":
        return Net([w for w in widths])
    return None
''',
}


@pytest.mark.parametrize("factory", list(FACTORIES), ids=list(FACTORIES))
def test_a_branch_of_a_factory_builds_its_class_with_the_locals_it_passes(factory):
    """The width list bound before the `if` reaches the class: conv2 given widths[1] is CL103 at
    its line, as torch refuses; given widths[0] it is clean."""
    assert_bug_found_at_its_line(NET + FACTORIES[factory], RIGHT, WRONG, (2, 40, 50), CONV2_LINE, "CL103",
                                 "factory.py", build=lambda namespace: namespace["get_model"]("small"))


def test_the_shapes_of_a_branch_construction_equal_torch():
    source = filled(NET + FACTORIES["else-none"], RIGHT)
    result = lint_text(source, "factory.py", Settings(input_shapes={"Net": (2, 40, 50)}))
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "Net"]
    assert model.built_with == {"args": [[16, 32]], "kwargs": {}}
    predicted = {c.node.path: tuple(c.output.shape.dims) for c in model.calls if c.output.shape.dims is not None}
    for path, shape in module_shapes(built(source, "factory.py", lambda ns: ns["get_model"]("small")),
                                     (2, 40, 50)).items():
        assert predicted.get(path) == shape, path


TWO_BRANCHES = NET + '''

def get_model(name):
    base = 16
    if name == "small":
        model = Net([base, base])
    else:
        model = Net([base, 2 * base])
    return model
'''


def test_two_branches_building_the_class_alike_are_judged_each_on_its_own():
    """Net([16, 16]) runs even with conv2 reading widths[1]; Net([16, 32]) does not: the one
    error is the failing construction's, at conv2's line, which reads widths[1] where the other
    item of the list it is given, widths[0], arrives."""
    torch = pytest.importorskip("torch")
    source = filled(TWO_BRANCHES, WRONG)
    namespace: dict = {}
    exec(compile(source, "factory.py", "exec"), namespace)
    namespace["get_model"]("small")(torch.zeros(2, 40, 50))
    with pytest.raises(RuntimeError):
        namespace["get_model"]("big")(torch.zeros(2, 40, 50))
    errors = [(d.code, d.span.line) for d in lint_text(source, "factory.py", Settings()).diagnostics
              if d.severity == "error"]
    assert errors == [("CL103", CONV2_LINE)]
    assert not [d for d in lint_text(filled(TWO_BRANCHES, RIGHT), "factory.py", Settings()).diagnostics
                if d.severity == "error"]


def test_a_width_the_factory_is_passed_stays_unknown():
    """`def get_model(name, widths)`: nothing gives widths, so nothing is claimed of them."""
    source = filled(NET + '''

def get_model(name, widths):
    if name == "small":
        model = Net(widths)
    else:
        model = None
    return model
''', WRONG)
    result = lint_text(source, "factory.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (model,) = [m for m in result.models if m.name == "Net"]
    assert model.unresolved


TCRESNET = '''
import torch
from torch import nn


class Residual(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        stride = 2 if in_channels != out_channels else 1
        if in_channels != out_channels:
            self.residual = nn.Sequential(
                nn.Conv2d(in_channels, out_channels, kernel_size=1, stride=SHORTCUT_STRIDE, bias=False),
                nn.BatchNorm2d(out_channels))
        else:
            self.residual = nn.Sequential()
        self.conv1 = nn.Conv2d(in_channels, out_channels, kernel_size=(1, 9), stride=stride, padding=(0, 4), bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels)

    def forward(self, inputs):
        out = self.bn1(self.conv1(inputs))
        return torch.relu(out + self.residual(inputs))


class TCResNet(nn.Module):
    def __init__(self, bins, n_channels, n_class):
        super().__init__()
        self.conv = nn.Conv2d(bins, n_channels[0], kernel_size=(1, 3), padding=(0, 1), bias=False)
        layers = []
        for in_channels, out_channels in zip(n_channels[0:-1], n_channels[1:]):
            layers.append(Residual(in_channels, out_channels))
        self.layers = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.linear = nn.Linear(n_channels[-1], n_class)

    def forward(self, inputs):
        out = self.layers(self.conv(inputs))
        return self.linear(self.pool(out).view(out.shape[0], -1))
'''
SHORTCUT_LINE = 12  # the stride the shortcut writes, where the edit is
SELECT_MODEL = '''

def select_model(model_name, total_class_num=12):
    config = {"tcresnet8": [16, 24, 32, 48], "tcresnet14": [16, 24, 24, 32, 32, 48, 48]}
    if model_name == "tcresnet8" or model_name == "tcresnet14":
        model = TCResNet(bins=40, n_channels=[int(cha * 1) for cha in config[model_name]], n_class=total_class_num)
    else:
        model = None
    return model
'''


def _tcresnet_runs(stride: str, name: str) -> None:
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(filled(TCRESNET + SELECT_MODEL, {"SHORTCUT_STRIDE": stride}), "tcresnet.py", "exec"), namespace)
    namespace["select_model"](name).eval()(torch.zeros(2, 40, 1, 101))


def test_a_config_entry_picked_by_the_tested_name_reaches_the_class():
    """`config[model_name]` under `if model_name == "tcresnet8" or model_name == "tcresnet14":` is
    each entry on its own path: the shortcut left at stride 1 is CL107 at the shortcut, as torch refuses
    for both; the stride passed down is clean."""
    for name in ("tcresnet8", "tcresnet14"):
        with pytest.raises(RuntimeError):
            _tcresnet_runs("1", name)
        _tcresnet_runs("stride", name)
    for stride, expected in (("1", [("CL107", SHORTCUT_LINE)]), ("stride", [])):
        result = lint_text(filled(TCRESNET + SELECT_MODEL, {"SHORTCUT_STRIDE": stride}), "tcresnet.py", Settings())
        assert sorted({(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"}) == expected


def test_a_factory_of_another_file_builds_the_class_with_its_locals(tmp_path):
    """The same factory in train_utils.py, importing TCResNet: found when tcresnet.py is checked."""
    (tmp_path / "train_utils.py").write_text("from tcresnet import TCResNet\n" + SELECT_MODEL)
    for stride, expected in (("1", [("CL107", SHORTCUT_LINE)]), ("stride", [])):
        (tmp_path / "tcresnet.py").write_text(filled(TCRESNET, {"SHORTCUT_STRIDE": stride}))
        result = lint_file(tmp_path / "tcresnet.py", str(tmp_path / "tcresnet.py"), Settings())
        assert sorted({(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"}) == expected


def test_a_factory_of_another_file_given_the_widths_by_its_caller_stays_unknown(tmp_path):
    """`def build(widths): return TCResNet(40, list(widths), 12)`: nothing there gives widths."""
    (tmp_path / "train_utils.py").write_text(
        "from tcresnet import TCResNet\n\n\ndef build(widths):\n    return TCResNet(40, list(widths), 12)\n")
    (tmp_path / "tcresnet.py").write_text(filled(TCRESNET, {"SHORTCUT_STRIDE": "1"}))
    result = lint_file(tmp_path / "tcresnet.py", str(tmp_path / "tcresnet.py"), Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
