"""A training script that parses its options at module level and then builds the model with them
(`opt = parser.parse_args()`, `model = Net(opt)`): the project class's constructor is followed as a
project function is, so the namespace keeps its defaults (and what that constructor sets on it),
instead of every option becoming unknown at the line that builds the model."""

import argparse
import sys

import pytest

from convlint.pipeline import Settings, lint_file
from tests.options_model_source import MODEL

torch = pytest.importorskip("torch")

MAIN = '''
import argparse
from model import Net


class Setup:
    def __init__(self, opt):
        self.seed = 123
CHANGE

parser = argparse.ArgumentParser()
parser.add_argument('--scale', type=int, default=2)
parser.add_argument('--num_features', type=int, default=64)
parser.add_argument('--d', type=int, default=16)
opt = parser.parse_args()
setup = Setup(opt)
model = Net(opt)
'''


def _line_of(text: str) -> int:
    return next(number for number, line in enumerate(MODEL.splitlines(), 1) if text in line)


def _project(tmp_path, model: str = MODEL, change: str = "") -> None:
    """model.py and the script building it (the working folder: paths are shown from there)."""
    (tmp_path / "model.py").write_text(model)
    (tmp_path / "main.py").write_text(MAIN.replace("CHANGE", change))


def _lint(tmp_path, **shapes):
    import os

    previous = os.getcwd()  # (paths are shown from the working folder; the suite's is restored)
    os.chdir(tmp_path)
    try:
        result = lint_file(tmp_path / "model.py", "model.py", Settings(input_shapes=shapes))
    finally:
        os.chdir(previous)
    errors = sorted((d.span.line, d.code) for d in result.diagnostics if d.severity == "error")
    return errors, next(m for m in result.models if m.name == "Net")


def _torch_net(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "argv", ["main.py"])
    namespace = {"__name__": "script"}
    exec(compile((tmp_path / "main.py").read_text(), "main.py", "exec"), namespace)
    sys.modules.pop("model", None)
    return namespace["model"], namespace["opt"]


def test_the_namespace_keeps_its_defaults_past_the_line_building_the_model(tmp_path, monkeypatch):
    _project(tmp_path)
    errors, analysis = _lint(tmp_path, Net=(1, 3, 8, 8))
    net, _ = _torch_net(tmp_path, monkeypatch)
    assert errors == [] and analysis.unresolved == []
    assert any("which builds Net(opt)" in a for a in analysis.assumed)
    expected = {}

    def record(name):
        def hook(module, inputs, output) -> None:
            expected.setdefault(name, tuple(output.shape))
        return hook

    for name in ("head", "body", "up"):
        getattr(net, name).register_forward_hook(record(name))
    net(torch.zeros(1, 3, 8, 8))
    assert {c.node.path: tuple(c.output.shape.dims) for c in analysis.calls if c.node.path} == expected


def test_a_wrong_channel_count_is_found_at_its_line(tmp_path, monkeypatch):
    _project(tmp_path, MODEL.replace("nn.Conv2d(nf - d, nf, 3, padding=1)", "nn.Conv2d(nf, nf, 3, padding=1)"))
    net, _ = _torch_net(tmp_path, monkeypatch)
    with pytest.raises(RuntimeError, match="expected input"):
        net(torch.zeros(1, 3, 8, 8))
    errors, _ = _lint(tmp_path)
    assert (_line_of("self.body = "), "CL103") in errors


def test_an_option_the_class_changes_is_followed(tmp_path, monkeypatch):
    # Setup doubles d before the model reads it: body takes 32 channels, not 48
    _project(tmp_path, MODEL.replace("nn.Conv2d(nf - d, nf, 3, padding=1)", "nn.Conv2d(32, nf, 3, padding=1)"),
             change="        opt.d = opt.d * 2")
    net, opt = _torch_net(tmp_path, monkeypatch)
    assert opt.d == 32 and net(torch.zeros(1, 3, 8, 8)).shape == (1, 3, 16, 16)
    errors, analysis = _lint(tmp_path)
    assert errors == []
    assert any(a.startswith("d = 32") for a in analysis.assumed), analysis.assumed


def test_an_option_changed_in_a_way_not_followed_leaves_the_model_unknown(tmp_path, monkeypatch):
    _project(tmp_path, MODEL.replace("nn.Conv2d(nf - d, nf, 3, padding=1)", "nn.Conv2d(32, nf, 3, padding=1)"),
             change="        vars(opt).update(d=32)")
    net, opt = _torch_net(tmp_path, monkeypatch)
    assert isinstance(opt, argparse.Namespace) and opt.d == 32
    net(torch.zeros(1, 3, 8, 8))
    errors, _ = _lint(tmp_path)
    assert errors == []
