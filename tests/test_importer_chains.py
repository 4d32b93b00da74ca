"""A folder run reports, at a block's line, the error a model built with real numbers meets
there, not the warning a file that builds the block from its own parameters gives at the same
line, whatever order the files are linted in."""

from pathlib import Path

from click.testing import CliRunner

from convlint.cli import main

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
WRONG, RIGHT = {"width": "channels"}, {"width": "channels // ratio"}


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder



def test_a_folder_run_keeps_the_error_a_model_meets_over_a_later_files_warning(tmp_path):
    # z_mid.py sorts after a_net.py: linted alone, it only warns at the same line
    folder = _write(tmp_path / "proj", {"a_net.py": NET.format(mid="z_mid", bottleneck=True), "z_mid.py": MID,
                                        "blocks.py": BLOCKS.format(**WRONG)})
    result = CliRunner().invoke(main, [str(folder), "--no-cache"], catch_exceptions=False)
    assert result.exit_code == 1
    assert f"blocks.py:{BOTT_LINE}:22: CL103 d2.block.conv3" in result.output
    assert "CL103 [warning]" not in result.output
