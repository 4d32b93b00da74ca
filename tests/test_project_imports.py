"""Imports that resolve only from the project's root or through a sys.path edit (a script run
from the repository root, `import _init_paths`, `sys.path.insert(0, '..')`): followed, so the
blocks built from them are checked. Each project is also run in torch, the way its scripts
run, in a child process: the sys.path edits really happen there."""

import subprocess
import sys
from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_file

NET_FROM_ROOT = '''
import torch
import torch.nn as nn
from config.pooling import POOLS   # config/ sits at the project root: run as `python -m nets.net`


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(1, 8, 3, padding=1)
        self.pool = POOLS["avg"](4)
        self.fc = nn.Linear(8 * {features}, 5)

    def forward(self, x):
        return self.fc(self.pool(self.conv(x)).flatten(1))


if __name__ == "__main__":
    print(tuple(Net()(torch.randn(2, 1, 256)).shape))
'''

POOLING = '''
import torch.nn as nn

POOLS = {"max": nn.MaxPool1d, "avg": nn.AvgPool1d}
'''

BLOCKS = '''
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, {width}, 3, padding=1)

    def forward(self, x):
        return self.conv(x)
'''

NET_OF_BLOCKS = '''{preamble}
import torch
import torch.nn as nn
from blocks import Block


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.first = Block(3, 6)
        self.second = Block({channels}, 12)

    def forward(self, x):
        return self.second(self.first(x))


if __name__ == "__main__":
    print(tuple(Net()(torch.rand(1, 3, 16, 16)).shape))
'''

INIT_PATHS = '''
import os.path as osp
import sys


def add_path(path):
    if path not in sys.path:
        sys.path.insert(0, path)


this_dir = osp.dirname(__file__)
add_path(osp.join(this_dir, '..', 'lib'))
'''


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def _errors(path: Path) -> list[tuple[int, str]]:
    result = lint_file(path, str(path), Settings())  # imports resolve from the path shown
    return sorted((d.span.line, d.code) for d in result.diagnostics if d.severity == "error")


def _torch_error(cwd: Path, *command: str) -> str:
    """What torch says running the project as its scripts run ("" when it runs)."""
    pytest.importorskip("torch")
    run = subprocess.run([sys.executable, *command], cwd=cwd, capture_output=True, text=True, timeout=300)
    return "" if run.returncode == 0 else run.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize("marker", [None, "requirements.txt"])
def test_a_module_at_the_project_root_imported_from_a_subfolder_is_followed(tmp_path, marker):
    files = {"config/pooling.py": POOLING, "nets/net.py": NET_FROM_ROOT.format(features=16)}
    if marker:
        files[marker] = ""
    root = _write(tmp_path / "project", files)
    assert _errors(root / "nets/net.py") == [(12, "CL101")]  # 8 x 64 features reach it, not 8 x 16
    assert "cannot be multiplied" in _torch_error(root, "-m", "nets.net")
    (root / "nets/net.py").write_text(NET_FROM_ROOT.format(features=64))
    assert _errors(root / "nets/net.py") == []
    assert _torch_error(root, "-m", "nets.net") == ""


def test_a_module_in_a_folder_above_the_package_is_followed(tmp_path):
    """`from blocks import Block` in experiments/unet/net.py, blocks.py at the root."""
    root = _write(tmp_path / "project", {
        "setup.cfg": "", "blocks.py": BLOCKS.format(width="cout"),
        "experiments/unet/net.py": NET_OF_BLOCKS.format(preamble="", channels=3)})
    assert _errors(root / "experiments/unet/net.py") == [(11, "CL103")]
    assert "channels" in _torch_error(root, "-m", "experiments.unet.net")


def test_a_folder_an_init_paths_module_puts_on_sys_path_is_followed(tmp_path):
    """`import _init_paths` runs add_path(osp.join(this_dir, '..', 'lib')): lib/ is no folder
    above the file, only that edit finds blocks.py there."""
    root = _write(tmp_path / "project", {
        "nets/_init_paths.py": INIT_PATHS, "lib/blocks.py": BLOCKS.format(width="cout"),
        "nets/net.py": NET_OF_BLOCKS.format(preamble="import _init_paths  # noqa: F401", channels=3)})
    assert _errors(root / "nets/net.py") == [(11, "CL103")]
    assert "expected input[1, 6, 16, 16] to have 3 channels" in _torch_error(root, "nets/net.py")
    (root / "nets/net.py").write_text(NET_OF_BLOCKS.format(preamble="import _init_paths", channels=6))
    assert _errors(root / "nets/net.py") == []
    assert _torch_error(root, "nets/net.py") == ""


@pytest.mark.parametrize("edit", [
    "import os, sys\nsys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))",
    "import sys\nsys.path.insert(0, '../lib')",  # relative to the folder the script is run from
    "import sys\nfrom pathlib import Path\nsys.path.insert(0, str(Path(__file__).resolve().parent.parent / 'lib'))",
])
def test_a_folder_the_file_itself_puts_on_sys_path_is_followed(tmp_path, edit):
    root = _write(tmp_path / "project", {
        "lib/blocks.py": BLOCKS.format(width="cout"),
        "tools/net.py": NET_OF_BLOCKS.format(preamble=edit, channels=3)})
    line = 11 + edit.count("\n")
    assert _errors(root / "tools/net.py") == [(line, "CL103")]
    assert "channels" in _torch_error(root / "tools", "net.py")


def test_a_module_beside_the_file_wins_over_one_of_the_same_name_at_the_root(tmp_path):
    """nets/blocks.py doubles the width; the root's blocks.py would make the net right. Python run
    as `python nets/net.py` imports the one beside the file, and so does convlint."""
    root = _write(tmp_path / "project", {
        "pyproject.toml": "", "blocks.py": BLOCKS.format(width="cout"),
        "nets/blocks.py": BLOCKS.format(width="2 * cout"),
        "nets/net.py": NET_OF_BLOCKS.format(preamble="", channels=6)})
    assert _errors(root / "nets/net.py") == [(11, "CL103")]  # Block(3, 6) gives 12 channels here
    assert "to have 6 channels" in _torch_error(root, "nets/net.py")
    (root / "nets/net.py").write_text(NET_OF_BLOCKS.format(preamble="", channels=12))
    assert _errors(root / "nets/net.py") == []
    assert _torch_error(root, "nets/net.py") == ""


def test_an_import_found_nowhere_stays_unknown(tmp_path):
    """No module of that name in the project: nothing of another name is taken for it."""
    root = _write(tmp_path / "project", {
        ".git/HEAD": "", "lib/block.py": BLOCKS.format(width="cout"),
        "nets/net.py": NET_OF_BLOCKS.format(preamble="import sys\nsys.path.insert(0, '../lib')", channels=3)})
    result = lint_file(root / "nets/net.py", str(root / "nets/net.py"), Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = result.models
    assert any("not known statically" in u.why for u in model.unresolved)


# `from pkg import module` of a folder with no __init__.py (PEP 420): Python imports the submodule
RESIDUAL_BLOCK = '''
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, c, h):
        super().__init__()
        self.inp = nn.Conv1d(c, h, 1)
        self.out = nn.Conv1d(h, {out}, 1)

    def forward(self, x):
        return x + self.out(self.inp(x))
'''

NET_OF_A_SUBMODULE = '''{preamble}
import torch
import torch.nn as nn

{import_line}


class Net(nn.Module):
    def __init__(self, c=16, h=64):
        super().__init__()
        self.enc = nn.Conv1d(1, c, 4, stride=2)
        self.block = models.Block(c, h)

    def forward(self, x):
        return self.block(self.enc(x))


if __name__ == "__main__":
    print(tuple(Net()(torch.zeros(2, 1, 100)).shape))
'''



def _errors_at(path: Path) -> list[tuple[str, int, str]]:
    result = lint_file(path, str(path), Settings())
    return sorted((Path(d.span.file or d.path).name, d.span.line, d.code)
                  for d in result.diagnostics if d.severity == "error")


@pytest.mark.parametrize("import_line, layout, run", [
    ("from utility import models", "beside", ("nets/net.py",)),  # utility/ beside the script
    ("from .utility import models", "beside", ("-m", "nets.net")),  # relative, inside a namespace package
    ("from utility import models", "root", ("-m", "nets.net")),  # utility/ at the root it is run from
    ("try:\n    from utility import models\nexcept ImportError:\n    models = None", "beside", ("nets/net.py",)),
])
def test_a_module_of_a_folder_with_no_init_imported_by_from_is_followed(tmp_path, import_line, layout, run):
    """`from .utility import models` where utility/ has no __init__.py binds utility/models.py;
    the residual add of its block (16 channels in, 64 out) is found at the layer in that file."""
    root = tmp_path / "project"
    files = {"nets/net.py": NET_OF_A_SUBMODULE.format(preamble="", import_line=import_line)}
    folder = "nets/utility" if layout == "beside" else "utility"
    _write(root, {**files, f"{folder}/models.py": RESIDUAL_BLOCK.format(out="h"), "pyproject.toml": ""})
    assert _errors_at(root / "nets/net.py") == [("models.py", 9, "CL107")]
    assert "must match the size of tensor b (64)" in _torch_error(root, *run)
    (root / folder / "models.py").write_text(RESIDUAL_BLOCK.format(out="c"))
    assert _errors_at(root / "nets/net.py") == []
    assert _torch_error(root, *run) == ""


@pytest.mark.parametrize("init, bound", [
    ("", "models.py"),  # an empty __init__.py: the submodule, as with none
    ("from . import fixed as models", None),  # a name the package defines wins over its submodule
])
def test_a_name_defined_in_the_package_wins_over_its_submodule(tmp_path, init, bound):
    root = _write(tmp_path / "project", {
        "nets/utility/__init__.py": init, "nets/utility/models.py": RESIDUAL_BLOCK.format(out="h"),
        "nets/utility/fixed.py": RESIDUAL_BLOCK.format(out="c"),
        "nets/net.py": NET_OF_A_SUBMODULE.format(preamble="", import_line="from utility import models")})
    assert _errors_at(root / "nets/net.py") == ([(bound, 9, "CL107")] if bound else [])
    assert ("must match" in _torch_error(root, "nets/net.py")) == bool(bound)


def test_a_submodule_missing_from_a_folder_with_no_init_stays_unknown(tmp_path):
    """utility/ holds no models.py: Python's import fails, nothing else is taken for it."""
    root = _write(tmp_path / "project", {
        "pyproject.toml": "", "nets/utility/blocks.py": RESIDUAL_BLOCK.format(out="h"),
        "nets/net.py": NET_OF_A_SUBMODULE.format(preamble="", import_line="from utility import models")})
    result = lint_file(root / "nets/net.py", str(root / "nets/net.py"), Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = result.models
    assert any("not known statically" in u.why for u in model.unresolved)
    assert "cannot import name 'models'" in _torch_error(root, "nets/net.py")
