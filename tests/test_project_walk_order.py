"""The project walk reads the linted file's own folder first: a script beside the model builds it
even when the rest of the tree alone would fill the walk's file limit."""
from convlint.pipeline import Settings, lint_file
from convlint.source import project_hints

NET = """import torch.nn as nn


class Net(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.conv = nn.Conv2d(3, width, 3, padding=1)
        self.bn = nn.BatchNorm2d(width + 1)

    def forward(self, x):
        return self.bn(self.conv(x))
"""

SCRIPT = """import torch
from net import Net

model = Net(16)
out = model(torch.randn(4, 3, 32, 32))
"""


def _project(tmp_path, crowd):
    (tmp_path / ".git").mkdir()
    for i in range(crowd):  # a large package sorted before the model's folder
        folder = tmp_path / "aaa_data"
        folder.mkdir(exist_ok=True)
        (folder / f"m{i}.py").write_text("x = 1\n")
    models = tmp_path / "src" / "models"  # deeper than the crowd: a plain breadth-first walk meets it last
    models.mkdir(parents=True)
    (models / "net.py").write_text(NET)
    (models / "train.py").write_text(SCRIPT)
    return models / "net.py"


def _built_by_the_script(path):
    result = lint_file(path, str(path), Settings())
    return [d.message for d in result.diagnostics if d.code == "CL104" and "train.py" in d.message]


def test_the_script_beside_the_model_is_read_though_the_tree_fills_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(project_hints, "MAX_FILES", 20)
    path = _project(tmp_path, crowd=60)
    assert _built_by_the_script(path)


def test_the_same_project_under_the_limit_reads_it_too(tmp_path):
    path = _project(tmp_path, crowd=5)
    assert _built_by_the_script(path)
