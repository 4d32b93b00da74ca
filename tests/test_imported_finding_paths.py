"""A finding in a file the linted one imports is shown as the linted file was named (absolute when
named absolute), whatever folder convlint runs in and whatever the cache kept: one place, one
path, reported once in a folder run that reaches it from its own file and from an importer."""

from pathlib import Path

from click.testing import CliRunner

from convlint.cli import main

BLOCK = '''import torch.nn as nn


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.fc = nn.Linear(100, 10)

    def forward(self, x):
        return self.fc(self.conv(x).flatten(1))
'''
MODEL = '''import torch
from blocks import Block


class Net(Block):
    pass


if __name__ == "__main__":
    Net()(torch.randn(1, 3, 32, 32))
'''


def _project(tmp_path: Path) -> Path:
    folder = tmp_path / "project" / "pkg"
    folder.mkdir(parents=True)
    (folder / "blocks.py").write_text(BLOCK)
    (folder / "model.py").write_text(MODEL)
    return folder


def _lines(folder: Path, *options: str) -> list[str]:
    result = CliRunner().invoke(main, [str(folder), "--format", "concise", *options])
    assert result.exit_code == 1, result.output
    return [line for line in result.output.splitlines() if " CL101 " in line]


def test_a_folder_named_absolute_reports_the_imported_block_once_with_its_absolute_path(tmp_path, monkeypatch):
    folder = _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    lines = _lines(folder.resolve(), "--no-cache")
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{(folder / 'blocks.py').resolve()}:8:"), lines


def test_the_path_does_not_depend_on_the_folder_a_cached_run_started_in(tmp_path, monkeypatch):
    folder = _project(tmp_path)
    cache = tmp_path / "cache"
    monkeypatch.chdir(tmp_path)
    first = _lines(folder.resolve() / "model.py", "--cache-dir", str(cache))
    monkeypatch.chdir(folder)
    again = _lines(folder.resolve() / "model.py", "--cache-dir", str(cache))
    assert first == again
    assert first[0].startswith(str((folder / "blocks.py").resolve())), first
