"""An input-size parameter (`img_size=64`) that reaches a Linear's in_features through a block or
a factory of the file (`LinearBlock(C * self.f_size ** 2, 1)`, `snlinear(...)`) states the input
size as it does for an `nn.Linear` written in __init__; and a side computed from it that is not
the side the map reaches is reported at the line computing it."""

import pytest

from convlint.pipeline import Settings, lint_text

CRITIC = '''
import torch
from torch import nn


class LinearBlock(nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(n_in, n_out), nn.LeakyReLU())

    def forward(self, x):
        return self.layers(x)


class D(nn.Module):
    def __init__(self, dim=64, n_layers=3, img_size=64):
        super().__init__()
        self.f_size = img_size // 2**n_layers
        layers = []
        n_in = 3
        for i in range(n_layers):
            n_out = dim * 2**i
            layers += [nn.Conv2d(n_in, n_out, 4, 2, 1), nn.LeakyReLU()]
            n_in = n_out
        self.conv = nn.Sequential(*layers)
        self.fc = LinearBlock(n_in * self.f_size * self.f_size, 1)

    def forward(self, x):
        h = self.conv(x)
        return self.fc(h.view(h.size(0), -1))
'''

FACTORY = CRITIC.replace('''class LinearBlock(nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(n_in, n_out), nn.LeakyReLU())

    def forward(self, x):
        return self.layers(x)
''', '''def snlinear(in_features, out_features):
    return nn.utils.spectral_norm(nn.Linear(in_features=in_features, out_features=out_features))
''').replace("LinearBlock(n_in * self.f_size * self.f_size, 1)", "snlinear(n_in * self.f_size ** 2, 1)")
LOCAL_SIDE = CRITIC.replace("self.f_size", "f_size")
DIRECT = CRITIC.replace("LinearBlock(n_in", "nn.Linear(n_in")
CORRECT = [CRITIC, FACTORY, LOCAL_SIDE, DIRECT]


def broken(source):
    return source.replace("img_size // 2**n_layers", "img_size // 2**(n_layers - 1)")


def line_of(source, text):
    return next(number for number, line in enumerate(source.splitlines(), 1) if text in line)


def lint(source):
    return lint_text(source, "critic.py", Settings()).diagnostics


def torch_run(source):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "critic.py", "exec"), namespace)
    return namespace["D"]()(torch.zeros(2, 3, 64, 64))


@pytest.mark.parametrize("source", CORRECT, ids=["block", "factory", "local-side", "direct"])
def test_a_side_computed_for_another_size_is_reported_at_its_line(source):
    source = broken(source)
    (found,) = [d for d in lint(source) if d.severity == "error"]
    assert found.code == "CL101" and found.span.line == line_of(source, "f_size = img_size")
    assert f"from line {line_of(source, 'img_size=64')}: img_size=64" in found.message
    assert "is not the side 8 the map reaches" in found.message
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        torch_run(source)


@pytest.mark.parametrize("source", CORRECT, ids=["block", "factory", "local-side", "direct"])
def test_the_side_the_map_reaches_is_clean(source):
    assert lint(source) == []
    assert tuple(torch_run(source).shape) == (2, 1)


def test_the_size_parameter_through_a_block_pins_the_input():
    (model,) = [m for m in lint_text(CRITIC, "critic.py", Settings()).models
                if m.name == "D" and m.input_source is not None]
    assert model.input_source.text == "img_size=64"
    assert tuple(model.input_shape.dims[1:]) == (3, 64, 64)


def test_a_count_wrong_in_its_channels_stays_at_the_linear():
    """The side fits: only the channels differ, so the line computing the side is not blamed."""
    source = CRITIC.replace("LinearBlock(n_in * self.f_size", "LinearBlock(2 * n_in * self.f_size")
    (found,) = [d for d in lint(source) if d.severity == "error"]
    assert found.code == "CL101" and found.span.line == line_of(source, "LinearBlock(2 * n_in")
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        torch_run(source)


def split_into_two_files(source):
    """The critic's file importing its LinearBlock from a blocks file of the project."""
    start = source.index("class LinearBlock")
    end = source.index("class D(")
    blocks = "from torch import nn\n\n\n" + source[start:end]
    critic = source[:start] + "from blocks import LinearBlock\n\n\n" + source[end:]
    return blocks, critic


@pytest.mark.parametrize("wrong", [False, True], ids=["correct", "side-for-another-size"])
def test_a_block_imported_from_another_file_of_the_project_counts_too(tmp_path, monkeypatch, wrong):
    from click.testing import CliRunner

    from convlint.cli import main

    blocks, critic = split_into_two_files(broken(CRITIC) if wrong else CRITIC)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'demo'\n")
    (tmp_path / "blocks.py").write_text(blocks)
    (tmp_path / "critic.py").write_text(critic)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["critic.py", "--format", "concise", "--no-cache"])
    if not wrong:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1, result.output
    assert f"critic.py:{line_of(critic, 'f_size = img_size')}:" in result.output and "CL101" in result.output
    assert "img_size=64" in result.output
