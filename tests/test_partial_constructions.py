"""A model the code builds with some arguments known and one not (`Net(in_ch=1, num_classes=n)`, n
from sys.argv, a dataset, a config file): analysed as built that way, beside its default build, the
unknown argument unknown and listed. A bug the written arguments reach is found at its line, as
torch finds it; a correct model built with an unknown argument stays clean, wherever that
argument goes (a Linear, a channel count, a loop count, a list's length)."""

from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_file, lint_text

torch = pytest.importorskip("torch")

# conv2 takes 1 channel when in_ch == 1: the default (in_ch=3) is right, Net(in_ch=1) is not
MODEL = '''import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, in_ch=3, num_classes=10, width=32):
        super().__init__()
        self.conv1 = nn.Conv2d(in_ch, width, 3, padding=1)
        self.conv2 = nn.Conv2d(1 if in_ch == 1 else width, width * 2, 3, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(width * 2, num_classes)

    def forward(self, x):
        x = self.conv2(self.conv1(x))
        return self.fc(self.pool(x).flatten(1))
'''
CONV2_LINE = 9
FIXED = MODEL.replace("1 if in_ch == 1 else width", "width")

# every argument sizes something: a channel count, a loop count, a list of widths, the head
SIZED_BY_EVERY_ARGUMENT = '''import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, in_ch=3, num_classes=10, width=32, depth=2, widths=(16, 32)):
        super().__init__()
        self.stem = nn.Conv2d(in_ch, width, 3, padding=1)
        blocks = []
        for _ in range(depth):
            blocks += [nn.Conv2d(width, width, 3, padding=1), nn.ReLU()]
        self.blocks = nn.Sequential(*blocks)
        layers, c = [], width
        for w in widths:
            layers += [nn.Conv2d(c, w, 3, padding=1), nn.ReLU()]
            c = w
        self.body = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(c, num_classes)

    def forward(self, x):
        x = self.body(self.blocks(self.stem(x)))
        return self.fc(self.pool(x).flatten(1))
'''


def _main_block(model: str, built: str) -> str:
    return model + f'''

if __name__ == "__main__":
    import sys
    n = int(sys.argv[1])
    net = {built}
    out = net(torch.randn(8, 1, 28, 28))
'''


def _errors(result) -> list:
    return [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"]


def _built_with_an_unknown(result, name: str = "Net") -> list:
    return [m for m in result.models if m.name == name and m.built_with and "unknown" in m.built_with]


def _raises_in_torch(source: str, built: str, match: str) -> None:
    namespace: dict = {}
    exec(compile(source, "model.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match=match):
        eval(built, namespace)(torch.randn(8, 1, 28, 28))


@pytest.mark.parametrize("built", ["Net(in_ch=1, num_classes=n)", "Net(1, n)", "Net(1, num_classes=n)",
                                   "Net(num_classes=n, in_ch=1)"])
def test_a_bug_only_the_written_arguments_reach_is_found_with_the_others_unknown(built):
    result = lint_text(_main_block(MODEL, built), "model.py", Settings())
    (finding,) = [d for d in result.diagnostics if d.severity == "error"]
    assert (finding.code, finding.span.line) == ("CL103", CONV2_LINE)
    assert "expects 1 input channels, but conv1 gives 32 (shape 8x32x28x28" in finding.message
    (partial,) = _built_with_an_unknown(result)
    assert partial.built_with == {"args": [], "kwargs": {"in_ch": 1}, "unknown": ["num_classes"]}
    assert any(u.why == "num_classes: passed as an unknown value at line 21" for u in partial.unresolved)
    assert any("Linear: out_features is not known" in u.why for u in partial.unresolved)
    # torch, with any number of classes
    _raises_in_torch(MODEL, "Net(in_ch=1, num_classes=7)", r"expected input\[8, 32, 28, 28\] to have 1 channels")


def test_a_construction_in_a_function_with_its_parameter_unknown():
    code = MODEL + '''

def test(n):
    net = Net(1, n)
    return net(torch.randn(8, 1, 28, 28))
'''
    assert _errors(lint_text(code, "model.py", Settings())) == [("CL103", CONV2_LINE)]
    assert _errors(lint_text(code.replace(MODEL, FIXED), "model.py", Settings())) == []


def test_the_correct_model_built_with_an_unknown_argument_stays_clean():
    result = lint_text(_main_block(FIXED, "Net(in_ch=1, num_classes=n)"), "model.py", Settings())
    assert _errors(result) == []
    assert len(_built_with_an_unknown(result)) == 1


@pytest.mark.parametrize("built", ["Net(in_ch=1, num_classes=n)", "Net(in_ch=1, width=n)", "Net(in_ch=1, depth=n)",
                                   "Net(1, widths=[n] * n)", "Net(1, widths=(n, 2 * n), depth=n)",
                                   "Net(1, widths=[n, 64])"])
def test_an_unknown_argument_is_unknown_wherever_it_goes(built):
    """It sizes the head, every channel count, a loop count, a list's length: nothing is an error."""
    result = lint_text(_main_block(SIZED_BY_EVERY_ARGUMENT, built), "model.py", Settings())
    assert _errors(result) == []
    (partial,) = _built_with_an_unknown(result)
    assert any("passed as an unknown value at line" in u.why or "passed with a part not known" in u.why
               for u in partial.unresolved)
    namespace: dict = {}
    exec(compile(SIZED_BY_EVERY_ARGUMENT, "model.py", "exec"), namespace)
    for n in (1, 3, 8):
        assert eval(built, namespace | {"n": n})(torch.randn(8, 1, 28, 28)).dim() == 2


def test_known_arguments_that_are_the_defaults_add_nothing():
    result = lint_text(_main_block(MODEL, "Net(in_ch=3, num_classes=n)").replace("randn(8, 1,", "randn(8, 3,"),
                       "model.py", Settings())
    assert _errors(result) == []
    assert [m.name for m in result.models] == ["Net"] and not _built_with_an_unknown(result)


def _project(root: Path, model: str, train: str) -> Path:
    (root / "pyproject.toml").write_text("[project]\nname = 'demo'\n")
    (root / "model.py").write_text(model)
    (root / "train.py").write_text(train)
    return root / "model.py"


TRAIN = '''import sys
import torch
from model import Net

n = int(sys.argv[1])
net = Net(in_ch=1, num_classes=n)
out = net(torch.randn(8, 1, 28, 28))
'''


def test_a_construction_in_another_file_with_an_unknown_argument(tmp_path):
    path = _project(tmp_path, MODEL, TRAIN)
    result = lint_file(path, str(path), Settings())
    (finding,) = [d for d in result.diagnostics if d.severity == "error"]
    assert (finding.code, finding.span.line) == ("CL103", CONV2_LINE)
    assert "expects 1 input channels, but conv1 gives 32 (shape 8x32x28x28" in finding.message
    assert "train.py line 7" in finding.message
    (partial,) = _built_with_an_unknown(result)
    assert any(u.why.startswith("num_classes: passed as an unknown value at ") and "train.py:7" in u.why
               for u in partial.unresolved)
    clean = lint_file(path := _project(tmp_path, FIXED, TRAIN), str(path), Settings())
    assert _errors(clean) == [] and len(_built_with_an_unknown(clean)) == 1


@pytest.mark.parametrize("built", ["Net(in_ch=1, width=n)", "Net(in_ch=1, depth=n)", "Net(1, widths=[n] * n)"])
def test_a_correct_model_another_file_builds_with_an_unknown_argument_stays_clean(tmp_path, built):
    path = _project(tmp_path, SIZED_BY_EVERY_ARGUMENT, TRAIN.replace("Net(in_ch=1, num_classes=n)", built))
    result = lint_file(path, str(path), Settings())
    assert _errors(result) == []
    assert len(_built_with_an_unknown(result)) == 1


def test_a_model_needing_arguments_another_file_builds_with_one_unknown(tmp_path):
    """`Net(in_ch, ...)` built as `Net(1, num_classes=n)`: that build beside the default one (in_ch
    a symbol), not fed."""
    needing = MODEL.replace("in_ch=3", "in_ch")
    train = "import sys\nfrom model import Net\n\nn = int(sys.argv[1])\nnet = Net(1, num_classes=n)\n"
    result = lint_file(path := _project(tmp_path, needing, train), str(path), Settings())
    assert (("CL103", CONV2_LINE) in _errors(result))
    (partial,) = _built_with_an_unknown(result)
    assert partial.built_with == {"args": [], "kwargs": {"in_ch": 1}, "unknown": ["num_classes"]}
    assert any(u.why.endswith("train.py:5") for u in partial.unresolved)
    assert any(m.built_with is None for m in result.models)  # the default build stays
    fixed = needing.replace("1 if in_ch == 1 else width", "width")
    clean = lint_file(path := _project(tmp_path, fixed, train), str(path), Settings())
    assert _errors(clean) == []


def test_confirm_builds_it_with_the_defaults_for_the_unknown_arguments(tmp_path):
    """A finding made of the known values holds for any value of the others: torch, given the
    defaults for them, fails where it says."""
    import json

    from click.testing import CliRunner

    from convlint.cli import main

    path = _project(tmp_path, MODEL, TRAIN)
    result = CliRunner().invoke(main, [str(path), "--confirm", "--device", "cpu", "--no-cache", "--format", "json"])
    report = json.loads(result.stdout)
    (finding,) = report["diagnostics"]
    assert (finding["code"], finding["line"]) == ("CL103", CONV2_LINE)
    assert finding["confirmation"]["verdict"] == "confirmed"
