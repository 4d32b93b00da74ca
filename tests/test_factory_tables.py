"""A backbone factory that picks its model out of a table by name (`resnets = {"resnet18":
ResNet18(), ...}; return resnets[name]`, `{"a": Net}[name](...)`): a model of the file, built as
the code (or `--model-args`) calls it, the entry its key picks. Where the key is not known the
factory is listed as not followed, never left out without a word nor taken for a wrong model."""

from click.testing import CliRunner

from convlint.config import parse_model_args
from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, filled

SOURCE = '''import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, width=16):
        super().__init__()
        self.conv1 = nn.Conv2d(3, width, 7, 2, 3)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(WIDTH, 10)

    def forward(self, x):
        return self.fc(self.pool(self.conv1(x)).flatten(1))


def pick(name):
    PICK


model = pick("wide")
'''
FC_LINE = 10
FORMS = {
    "bound-table": 'table = {"small": Net(8), "wide": Net(32)}\n    return table[name]',
    "inline-table": 'return {"small": Net(8), "wide": Net(32)}[name]',
    "table-of-classes": 'return {"small": Net, "wide": Net}[name](32 if name == "wide" else 8)',
    "list-table": 'nets = [Net(8), Net(32)]\n    return nets[["small", "wide"].index(name)]',
}


def _source(form: str, width: str) -> str:
    return filled(SOURCE, {"PICK": FORMS[form], "WIDTH": width})


def test_each_form_builds_the_entry_its_key_picks():
    for form in FORMS:
        source = _source(form, "width")
        assert_shapes_equal_torch(source, (2, 3, 32, 32), f"{form}.py", name="pick",
                                  build=lambda namespace: namespace["pick"]("wide"))


def test_a_width_bug_of_the_picked_model_is_found_at_its_line():
    for form in ("bound-table", "inline-table"):
        source = filled(SOURCE, {"PICK": FORMS[form]})
        assert_bug_found_at_its_line(source, {"WIDTH": "width"}, {"WIDTH": "32"}, (2, 3, 32, 32), FC_LINE,
                                     "CL101", f"{form}.py", build=lambda namespace: namespace["pick"]("small"))


def test_model_args_name_the_key():
    source = _source("bound-table", "width").replace('model = pick("wide")\n', "")
    name, arguments = parse_model_args('pick("small")')
    result = lint_text(source, "given.py", Settings(input_shapes={"pick": (2, 3, 32, 32)},
                                                   model_args={name: arguments}))
    (model,) = [m for m in result.models if m.name == "pick"]
    shapes = {c.node.path: c.output.shape.dims for c in model.calls}
    assert shapes["conv1"] == (2, 8, 16, 16) and shapes["fc"] == (2, 10)


def test_a_key_not_known_is_listed_not_guessed():
    source = _source("bound-table", "width").replace('model = pick("wide")\n', "")
    result = lint_text(source, "unknown_key.py", Settings())
    (model,) = [m for m in result.models if m.name == "pick"]
    assert model.root is None and model.stopped
    assert any("pick(...) returns" in u.why and "name" in u.why for u in model.unresolved)
    assert not [d for d in result.diagnostics if d.severity == "error"]


def test_summary_of_a_table_factory(tmp_path, monkeypatch):
    from convlint.cli import main

    (tmp_path / "net.py").write_text(_source("inline-table", "width").replace('model = pick("wide")\n', ""))
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, ["summary", "net.py", "--model-args", 'pick("wide")',
                                    "--input-shape", "pick=2,3,32,32"])
    assert out.exit_code == 0, out.output
    assert "pick (Net)" in out.output and "[2, 32, 16, 16]" in out.output
