"""Shapes given by hand for a forward taking several inputs: `--input-shape 'Net=2,3,64,64;2,3,32,32'`
on the command line, a list of shapes in `[tool.convlint] input-shapes`; each input as torch is fed."""

import json

import pytest
from click.testing import CliRunner

from convlint.cli import main, parse_input_shape
from tests.source_lines import line_of

torch = pytest.importorskip("torch")

SIAMESE = """import torch
import torch.nn as nn


class Siamese(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.fuse = nn.Conv2d(32, 16, 1)
        self.head = nn.Linear(16 * 32 * 32, 2)

    def forward(self, a, b):
        fa = self.enc(a)
        fb = self.enc(b)
        x = self.fuse(torch.cat([fa, fb], 1))
        return self.head(x.flatten(1))
"""


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def torch_outcome(shapes):
    namespace: dict = {}
    exec(compile(SIAMESE, "siamese.py", "exec"), namespace)
    try:
        namespace["Siamese"]()(*(torch.zeros(s) for s in shapes))
    except RuntimeError as error:
        return str(error)
    return None


def test_the_shapes_of_several_inputs_parse_in_order():
    assert parse_input_shape("Siamese=2,3,64,64;2,3,32,32") == ("Siamese", ((2, 3, 64, 64), (2, 3, 32, 32)))
    assert parse_input_shape("2,3,64,64") == ("", (2, 3, 64, 64))


def test_a_second_input_of_another_size_breaks_the_cat_as_in_torch(tmp_path):
    path = tmp_path / "siamese.py"
    path.write_text(SIAMESE)
    assert "Sizes of tensors must match" in torch_outcome([(2, 3, 64, 64), (2, 3, 32, 32)])
    result = run(path, "--no-cache", "--input-shape", "Siamese=2,3,64,64;2,3,32,32")
    assert result.exit_code == 1
    assert f"siamese.py:{line_of(SIAMESE, 'torch.cat')}:" in result.output and "CL107" in result.output
    assert "input 2x3x64x64 and 2x3x32x32" in result.output


def test_both_inputs_given_the_right_size_check_clean_and_sum_in_the_input_size(tmp_path):
    path = tmp_path / "siamese.py"
    path.write_text(SIAMESE)
    assert torch_outcome([(2, 3, 64, 64), (2, 3, 64, 64)]) is None
    checked = run(path, "--no-cache", "--format", "json", "--input-shape", "Siamese=2,3,64,64;2,3,64,64")
    assert checked.exit_code == 0
    (model,) = json.loads(checked.output)["files"][0]["models"]
    assert model["input_shape"] == [2, 3, 64, 64] and model["more_inputs"] == [[2, 3, 64, 64]]
    result = run("summary", path, "--format", "json", "--input-shape", "Siamese=2,3,64,64;2,3,64,64")
    (table,) = json.loads(result.output)
    assert table["more_inputs"] == [[2, 3, 64, 64]]
    assert table["rows"][-1]["output_shape"] == [2, 2] or any(r["output_shape"] == [2, 2] for r in table["rows"])
    torchinfo = pytest.importorskip("torchinfo")
    namespace: dict = {}
    exec(compile(SIAMESE, "siamese.py", "exec"), namespace)
    stats = torchinfo.summary(namespace["Siamese"](), input_size=[(2, 3, 64, 64), (2, 3, 64, 64)], verbose=0,
                              device="cpu")
    assert table["input_bytes"] == stats.total_input
    text = run("summary", path, "--input-shape", "Siamese=2,3,64,64;2,3,64,64").output
    assert "Siamese: input 2 x 3 x 64 x 64 and 2 x 3 x 64 x 64" in text


def test_the_configuration_gives_several_inputs_as_a_list_of_shapes(tmp_path):
    (tmp_path / "siamese.py").write_text(SIAMESE)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.convlint]\ninput-shapes = { "Siamese" = [[2, 3, 64, 64], [2, 3, 32, 32]] }\n')
    result = run(tmp_path / "siamese.py", "--no-cache")
    assert result.exit_code == 1 and "CL107" in result.output
    assert "input 2x3x64x64 and 2x3x32x32 from the configuration" in result.output


def test_a_malformed_second_shape_is_a_usage_error():
    result = CliRunner().invoke(main, ["examples/lenet.py", "--input-shape", "LeNet5=1,1,32,32;1,a"])
    assert result.exit_code == 2 and "several inputs: Model=2,3,64,64;2,3,64,64" in result.output
