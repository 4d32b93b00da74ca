"""Notebooks as sources of input sizes: a project's notebook that builds a model of a file and
calls it (or summarises it with torchsummary/torchinfo) feeds that file's model, as a script
would; its cells are read as the kernel runs them, IPython's magics skipped."""

import json
import os

import pytest

from convlint.source.notebooks import python_of_cell, read_notebook

MODEL = '''import torch
import torch.nn as nn


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.Sigmoid(), nn.AvgPool2d(2),
            nn.Conv2d(6, 16, kernel_size=5), nn.Sigmoid(), nn.AvgPool2d(2))
        self.classifier = nn.Sequential(nn.Linear(16 * 4 * 4, 120), nn.Sigmoid(), nn.Linear(120, 10))

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))
'''
FIXED = MODEL.replace("16 * 4 * 4", "16 * 5 * 5")


def _notebook(*cells, version=4) -> str:
    """Cells as (kind, source); the source as a list of lines, as Jupyter writes it."""
    written = [{"cell_type": kind, "metadata": {}, "source": source.splitlines(keepends=True),
                **({"outputs": [{"output_type": "stream", "text": ["torch.Size([1, 10])\n"]}],
                    "execution_count": 1} if kind == "code" else {})} for kind, source in cells]
    if version == 3:
        for cell in written:
            cell["input"] = cell.pop("source")
        return json.dumps({"nbformat": 3, "worksheets": [{"cells": written}], "metadata": {}})
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "cells": written, "metadata": {}})


NOTEBOOK = _notebook(("code", "%matplotlib inline\n!pip install torchsummary\nimport sys\nsys.path.append('../')"),
                     ("markdown", "# LeNet on Fashion-MNIST"),
                     ("code", "from torchsummary import summary\nfrom models.lenet import LeNet"),
                     ("code", "net = LeNet()\nsummary(net, (1, 28, 28))"))


def test_magics_become_pass_and_a_cell_keeps_its_lines():
    assert python_of_cell("%matplotlib inline\nfor i in range(2):\n    !ls\nfiles = !ls\nnet?") == \
        ["pass", "for i in range(2):", "    pass", "pass", "pass"]
    assert python_of_cell("%%time\nx = 1") == ["", "x = 1"]  # a cell magic that runs Python keeps its body
    assert python_of_cell("%%bash\nls -l\necho hi") == ["", "", ""]
    assert python_of_cell("def broken(:\n    pass") == ["", ""]  # the kernel stops there; the rest is read


@pytest.mark.parametrize("version", [3, 4])
def test_code_cells_join_in_order_and_map_back_to_their_cells(version):
    notebook = read_notebook(_notebook(("code", "import torch"), ("markdown", "text"),
                                       ("code", "x = torch.randn(1, 3, 8, 8)\ny = x + 1"), version=version))
    assert notebook.text == "import torch\nx = torch.randn(1, 3, 8, 8)\ny = x + 1\n"
    assert notebook.position(1) == (1, 1) and notebook.position(3) == (3, 2)  # cells numbered as ruff shows them


@pytest.mark.parametrize("text", ["", "not json", "[1, 2]", '{"cells": 3}', '{"nbformat": 4}'])
def test_what_is_not_a_notebook_reads_as_none(text):
    assert read_notebook(text) is None


def _project(root, model: str, notebook: str | None) -> None:
    (root / ".git").mkdir()
    (root / "models").mkdir()
    (root / "models" / "lenet.py").write_text(model)
    if notebook is not None:
        (root / "notebook").mkdir()
        (root / "notebook" / "lenet.ipynb").write_text(notebook)


def _lint(*args):
    from click.testing import CliRunner

    from convlint.cli import main

    return CliRunner().invoke(main, ["models/lenet.py", "--format", "concise", *args])


def test_a_notebook_summarising_the_model_feeds_it_its_size(tmp_path, monkeypatch):
    _project(tmp_path, MODEL, NOTEBOOK)
    monkeypatch.chdir(tmp_path)
    result = _lint("--no-cache")
    assert result.exit_code == 1, result.output
    assert "lenet.py:11:" in result.output and "CL101" in result.output
    assert f"from {os.path.join('notebook', 'lenet.ipynb')}:cell 4 line 2: summary(net, (1, 28, 28))" in result.output


@pytest.mark.parametrize("notebook", [
    NOTEBOOK.replace("(1, 28, 28)", "(1, 32, 32)"),  # a head of 16 x 6 x 6 fits what 32x32 gives
    None,
], ids=["another-size", "no-notebook"])
def test_the_correct_model_or_no_notebook_stays_clean(tmp_path, monkeypatch, notebook):
    _project(tmp_path, FIXED if notebook is None else MODEL.replace("16 * 4 * 4", "16 * 6 * 6"), notebook)
    monkeypatch.chdir(tmp_path)
    assert _lint("--no-cache").exit_code == 0


def test_a_notebook_added_later_invalidates_the_cached_result(tmp_path, monkeypatch):
    _project(tmp_path, MODEL, None)
    monkeypatch.chdir(tmp_path)
    cache = str(tmp_path / ".cache")
    assert _lint("--cache-dir", cache).exit_code == 0  # symbolic: the head fits some input size
    (tmp_path / "lenet.ipynb").write_text(NOTEBOOK)  # a new notebook: its folder's listing changed
    assert _lint("--cache-dir", cache).exit_code == 1


def test_torch_refuses_the_model_on_the_notebook_s_size():
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(MODEL, "lenet.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match=r"mat1 and mat2 shapes cannot be multiplied \(1x400 and 256x120\)"):
        namespace["LeNet"]()(torch.zeros(1, 1, 28, 28))
    namespace = {}
    exec(compile(FIXED, "lenet.py", "exec"), namespace)
    assert namespace["LeNet"]()(torch.zeros(1, 1, 28, 28)).shape == (1, 10)
