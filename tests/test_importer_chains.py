"""A block file linted alone is checked as the project's models build it, when those models are
not its direct importers' own: an importer in a sibling folder of a copy with no project marker
(`from common.blocks import ResBlock` in app/model.py), an importer that only passes its own
parameters on (a `Down` block building `Bott(2 * cin, 4)`: its importer has the numbers), and a
folder run keeps the error such a model meets over the warning a symbolic importer gives there."""

import importlib
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from convlint.cli import main
from convlint.pipeline import Settings, lint_file

RES_BLOCK = '''import torch.nn as nn


class ResBlock(nn.Module):
    def __init__(self, channels, ksize, padding, count):
        super().__init__()
        layers = [nn.Conv2d(channels, channels, ksize, padding=padding) for _ in range(count - 1)]
        layers.append(nn.Conv2d(channels, channels, ksize, padding={last}))
        self.ops = nn.Sequential(*layers)

    def forward(self, x):
        return x + self.ops(x)
'''
APP = '''import torch.nn as nn
from common.blocks import ResBlock


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 16, 3, padding=1)
        self.block = ResBlock(16, 3, 1, 2)

    def forward(self, x):
        return self.block(self.stem(x))
'''

BLOCKS = '''import torch.nn as nn


class Bott(nn.Module):
    def __init__(self, channels, ratio):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels // ratio, 1)
        self.conv2 = nn.Conv2d(channels // ratio, channels // ratio, 3, padding=1)
        self.conv3 = nn.Conv2d({width}, channels, 1)

    def forward(self, x):
        return x + self.conv3(self.conv2(self.conv1(x)))


class Plain(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, x):
        return x + self.conv(x)
'''
BOTT_LINE = 9
MID = '''import torch.nn as nn
from blocks import Bott, Plain


class Down(nn.Module):
    def __init__(self, cin, bottleneck=False):
        super().__init__()
        self.down = nn.Conv2d(cin, 2 * cin, 2, stride=2)
        self.block = Bott(2 * cin, 4) if bottleneck else Plain(2 * cin)

    def forward(self, x):
        return self.block(self.down(x))
'''
NET = '''import torch.nn as nn
from {mid} import Down


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 16, 3, padding=1)
        self.d1 = Down(16, bottleneck=False)
        self.d2 = Down(32, bottleneck={bottleneck})

    def forward(self, x):
        return self.d2(self.d1(self.stem(x)))
'''
DIRECT = '''import torch.nn as nn
from blocks import Bott


class Single(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 64, 3, padding=1)
        self.block = Bott(64, 4)

    def forward(self, x):
        return self.block(self.stem(x))
'''
WRONG, RIGHT = {"width": "channels"}, {"width": "channels // ratio"}


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


def _errors(path: Path) -> list:
    result = lint_file(path, str(path), Settings())
    return [d for d in result.diagnostics if d.severity == "error"]


def _torch_runs(folder: Path, module: str, model: str, size: tuple) -> None:
    """Builds `module.model` from `folder` as a script there would and runs it on zeros."""
    torch = pytest.importorskip("torch")
    sys.path.insert(0, str(folder))
    for stale in [p.stem for p in folder.glob("*.py")] + [p.name for p in folder.iterdir() if p.is_dir()]:
        sys.modules.pop(stale, None)  # a module of that name another test imported is not this folder's
    names = set(sys.modules)
    try:
        getattr(importlib.import_module(module), model)()(torch.zeros(*size))
    finally:
        sys.path.remove(str(folder))
        for name in set(sys.modules) - names:
            del sys.modules[name]


def test_an_importer_in_a_sibling_folder_of_a_copy_without_markers(tmp_path):
    project = _write(tmp_path / "copy", {"common/blocks.py": RES_BLOCK.format(last=0), "app/model.py": APP})
    found = _errors(project / "common" / "blocks.py")
    assert [(d.span.line, d.code) for d in found] == [(8, "CL107")]
    assert "app/model.py builds Net" in found[0].message and found[0].span.file == ""
    fixed = _write(tmp_path / "fixed", {"common/blocks.py": RES_BLOCK.format(last="padding"), "app/model.py": APP})
    assert _errors(fixed / "common" / "blocks.py") == []


def test_torch_refuses_the_sibling_folders_model_and_runs_the_fixed_one(tmp_path):
    project = _write(tmp_path / "copy", {"common/blocks.py": RES_BLOCK.format(last=0), "app/model.py": APP})
    with pytest.raises(RuntimeError, match="must match the size of tensor b"):
        _torch_runs(project, "app.model", "Net", (2, 1, 8, 8))
    _write(project, {"common/blocks.py": RES_BLOCK.format(last="padding")})
    _torch_runs(project, "app.model", "Net", (2, 1, 8, 8))


def test_a_block_built_from_an_importers_parameters_is_checked_as_that_importers_importer_builds_it(tmp_path):
    folder = _write(tmp_path, {"blocks.py": BLOCKS.format(**WRONG), "mid.py": MID,
                               "net.py": NET.format(mid="mid", bottleneck=True)})
    found = _errors(folder / "blocks.py")
    assert [(d.span.line, d.code) for d in found] == [(BOTT_LINE, "CL103")]
    assert "expects 64 input channels, but d2.block.conv2 gives 16" in found[0].message
    assert "net.py builds Net" in found[0].message
    _write(folder, {"blocks.py": BLOCKS.format(**RIGHT)})
    assert _errors(folder / "blocks.py") == []


def test_a_model_that_never_builds_the_block_with_its_numbers_gives_no_error(tmp_path):
    # net.py builds Down only without the bottleneck: Bott is never built, so torch runs
    folder = _write(tmp_path, {"blocks.py": BLOCKS.format(**WRONG), "mid.py": MID,
                               "net.py": NET.format(mid="mid", bottleneck=False)})
    assert _errors(folder / "blocks.py") == []
    _torch_runs(folder, "net", "Net", (2, 1, 16, 16))


def test_an_importer_with_written_numbers_is_checked_besides_one_that_builds_more_blocks_symbolically(tmp_path):
    folder = _write(tmp_path, {"blocks.py": BLOCKS.format(**WRONG), "mid.py": MID, "direct.py": DIRECT})
    found = _errors(folder / "blocks.py")
    assert [(d.span.line, d.code) for d in found] == [(BOTT_LINE, "CL103")]
    assert "direct.py builds Single" in found[0].message


def test_torch_refuses_the_models_that_build_the_bottleneck_and_runs_them_fixed(tmp_path):
    folder = _write(tmp_path, {"blocks.py": BLOCKS.format(**WRONG), "mid.py": MID, "direct.py": DIRECT,
                               "net.py": NET.format(mid="mid", bottleneck=True)})
    for module, model in (("net", "Net"), ("direct", "Single")):
        with pytest.raises(RuntimeError, match="expected input.* to have 64 channels, but got 16 channels"):
            _torch_runs(folder, module, model, (2, 1, 16, 16))
    _write(folder, {"blocks.py": BLOCKS.format(**RIGHT)})
    for module, model in (("net", "Net"), ("direct", "Single")):
        _torch_runs(folder, module, model, (2, 1, 16, 16))


def test_a_folder_run_keeps_the_error_a_model_meets_over_a_later_files_warning(tmp_path):
    # z_mid.py sorts after a_net.py: linted alone, it only warns at the same line
    folder = _write(tmp_path / "proj", {"a_net.py": NET.format(mid="z_mid", bottleneck=True), "z_mid.py": MID,
                                        "blocks.py": BLOCKS.format(**WRONG)})
    result = CliRunner().invoke(main, [str(folder), "--no-cache"], catch_exceptions=False)
    assert result.exit_code == 1
    assert f"blocks.py:{BOTT_LINE}:22: CL103 d2.block.conv3" in result.output
    assert "CL103 [warning]" not in result.output
