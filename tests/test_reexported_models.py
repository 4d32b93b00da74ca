"""Models a package's __init__.py imports from its own modules (`from .head import Head`): named by
--model, --model-args or --input-shape NAME=, the class is a model of that file as if defined there;
a factory there that builds one (`def barlow(f1): return Head(..., f1=f1)`, called `barlow(32)`) is a
model with no options. A name that is no model of the files is a usage error for summary too."""

import json

import pytest
from click.testing import CliRunner

from tests.torch_cases import module_shapes

HEAD = '''import torch


class Head(torch.nn.Module):
    def __init__(self, backbone, f1=64, f2=32):
        super().__init__()
        self.backbone = backbone
        self.fc = torch.nn.Linear(f1, f2)

    def forward(self, x):
        return self.fc(self.backbone(x).flatten(1))
'''
FC_LINE = 8
INIT = '''from .head import Head
from .head import Head as Projector
from torch.nn import Sequential, Conv2d, AdaptiveAvgPool2d


def barlow(f1):
    return Projector(Sequential(Conv2d(3, 64, 3), AdaptiveAvgPool2d(1)), f1=f1)


net = barlow(F1)
'''
CALL_LINE = 10
BUILD = "Head(Sequential(Conv2d(3, 64, 3), AdaptiveAvgPool2d(1)), f1=F1)"


def _package(tmp_path, monkeypatch, f1: str):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'demo'\n")
    (tmp_path / "pkg").mkdir(exist_ok=True)
    (tmp_path / "pkg" / "head.py").write_text(HEAD)
    (tmp_path / "pkg" / "__init__.py").write_text(INIT.replace("F1", f1))
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))


def _invoke(*args):
    from convlint.cli import main

    return CliRunner().invoke(main, list(args))


def _torch_model(f1: int):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(HEAD, "head.py", "exec"), namespace)
    nn = torch.nn
    return namespace["Head"](nn.Sequential(nn.Conv2d(3, 64, 3), nn.AdaptiveAvgPool2d(1)), f1=f1).eval()


def test_summary_of_a_class_the_package_reexports(tmp_path, monkeypatch):
    _package(tmp_path, monkeypatch, "64")
    out = _invoke("summary", "pkg/__init__.py", "--format", "json", "--model-args", BUILD.replace("F1", "64"),
                  "--input-shape", "Head=2,3,16,16")
    assert out.exit_code == 0, out.output
    (table,) = [t for t in json.loads(out.output) if t["name"] == "Head"]
    rows = {row["name"]: tuple(row["output_shape"]) for row in table["rows"]}
    for path, shape in module_shapes(_torch_model(64), (2, 3, 16, 16)).items():
        if path:
            assert rows[path] == shape, path


def test_a_width_bug_of_the_reexported_class_is_found_at_its_line(tmp_path, monkeypatch):
    _package(tmp_path, monkeypatch, "64")
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError):
        _torch_model(32)(torch.zeros(2, 3, 16, 16))
    out = _invoke("pkg/__init__.py", "--no-cache", "--format", "concise", "--model-args",
                  BUILD.replace("F1", "32"), "--input-shape", "Head=2,3,16,16")
    assert out.exit_code == 1 and f"head.py:{FC_LINE}:" in out.output and "CL101" in out.output, out.output


def test_a_factory_of_the_package_building_it_is_checked_with_no_options(tmp_path, monkeypatch):
    _package(tmp_path, monkeypatch, "32")
    out = _invoke("pkg/__init__.py", "--no-cache", "--format", "concise")
    assert out.exit_code == 1 and f"__init__.py:{CALL_LINE}:" in out.output and "CL101" in out.output, out.output
    _package(tmp_path, monkeypatch, "64")
    out = _invoke("pkg/__init__.py", "--no-cache", "--format", "concise")
    assert out.exit_code == 0, out.output


def test_summary_naming_no_model_is_a_usage_error(tmp_path, monkeypatch):
    _package(tmp_path, monkeypatch, "64")
    out = _invoke("summary", "pkg/head.py", "--format", "json", "--model", "Hed")
    assert out.exit_code == 2 and "no model named Hed" in out.output
    out = _invoke("summary", "pkg/head.py", "--input-shape", "Hed=2,3,16,16")
    assert out.exit_code == 2 and "no model named Hed" in out.output


def test_a_script_importing_the_class_is_not_its_model_for_a_whole_run(tmp_path, monkeypatch):
    from convlint.pipeline import Settings, lint_file

    _package(tmp_path, monkeypatch, "64")
    (tmp_path / "train.py").write_text("from pkg.head import Head\n\nprint(Head)\n")
    found = lint_file(tmp_path / "train.py", str(tmp_path / "train.py"), Settings(input_shapes={"Head": (2, 3, 16, 16)}))
    assert "Head" not in found.model_names
    found = lint_file(tmp_path / "train.py", str(tmp_path / "train.py"), Settings(model="Head"))
    assert "Head" in found.model_names
