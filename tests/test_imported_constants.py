"""Input sizes the code states through a project's configuration module: `torch.randn(1, 3,
IMG_SIZE, IMG_SIZE)` with `from config import IMG_SIZE`, `config.IMG_SIZE`, `Config.img_size`, a
star import, in the model's file or in a script beside it. The constant is read where it is bound,
once, at the top level of that file (or of a class body); one assigned anywhere else stays unknown."""

import pytest

MODEL = '''import torch
import torch.nn as nn
IMPORT


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.fc = nn.Linear(FEATURES, 10)

    def forward(self, x):
        x = torch.max_pool2d(torch.relu(self.conv(x)), 2)
        return self.fc(x.flatten(1))


if __name__ == "__main__":
    print(Net()(torch.randn(1, 3, SIZE, SIZE)).shape)
'''
FC_LINE = 10
WRONG, RIGHT = "16 * 8 * 8", "16 * 16 * 16"  # 32x32 images: 16 x 16 x 16 features after the pool

CONFIG = '''BASE = 16
IMG_SIZE = BASE * 2
INPUT_SHAPE = (3, IMG_SIZE, IMG_SIZE)


class Config:
    img_size = 32
    epochs = 10
'''

READS = {
    "from-import": ("from config import IMG_SIZE", "IMG_SIZE"),
    "renamed": ("from config import IMG_SIZE as S", "S"),
    "module-attribute": ("import config", "config.IMG_SIZE"),
    "module-alias": ("import config as cfg", "cfg.IMG_SIZE"),
    "class-attribute": ("from config import Config", "Config.img_size"),
    "module-class-attribute": ("import config", "config.Config.img_size"),
    "star": ("from config import *", "IMG_SIZE"),
    "tuple-element": ("from config import INPUT_SHAPE", "INPUT_SHAPE[1]"),
}


def _lint(tmp_path, monkeypatch, files: dict[str, str], linted: str = "net.py"):
    from click.testing import CliRunner

    from convlint.cli import main

    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'demo'\n")
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(main, [linted, "--format", "concise", "--no-cache"])


def _model(read: str, features: str) -> str:
    imported, size = READS[read]
    return MODEL.replace("IMPORT", imported).replace("FEATURES", features).replace("SIZE, SIZE", f"{size}, {size}")


@pytest.mark.parametrize("read", sorted(READS))
def test_a_size_read_from_the_configuration_module_finds_the_bug(tmp_path, monkeypatch, read):
    wrong = _lint(tmp_path, monkeypatch, {"config.py": CONFIG, "net.py": _model(read, WRONG)})
    assert wrong.exit_code == 1 and f"net.py:{FC_LINE}:" in wrong.output and "CL101" in wrong.output, wrong.output
    right = _lint(tmp_path, monkeypatch, {"config.py": CONFIG, "net.py": _model(read, RIGHT)})
    assert right.exit_code == 0, right.output


def test_the_bug_is_what_torch_raises():
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(MODEL.replace("IMPORT", "").replace("FEATURES", WRONG).split("if __name__")[0], namespace)
    with pytest.raises(RuntimeError, match=r"mat1 and mat2 shapes cannot be multiplied \(1x4096 and 1024x10\)"):
        namespace["Net"]()(torch.zeros(1, 3, 32, 32))
    exec(MODEL.replace("IMPORT", "").replace("FEATURES", RIGHT).split("if __name__")[0], namespace)
    assert namespace["Net"]()(torch.zeros(1, 3, 32, 32)).shape == (1, 10)


def test_a_script_beside_the_model_reads_the_constant_too(tmp_path, monkeypatch):
    script = "import torch\nimport config\nfrom net import Net\nnet = Net()\n" \
             "net(torch.randn(4, 3, config.IMG_SIZE, config.IMG_SIZE))\n"
    model = MODEL.replace("IMPORT", "").replace("FEATURES", WRONG).split("if __name__")[0]
    result = _lint(tmp_path, monkeypatch, {"config.py": CONFIG, "net.py": model, "train.py": script})
    assert result.exit_code == 1 and f"net.py:{FC_LINE}:" in result.output, result.output


@pytest.mark.parametrize("config", [
    CONFIG + "IMG_SIZE = 64\n",  # bound twice
    CONFIG.replace("IMG_SIZE = BASE * 2", "IMG_SIZE = int(input())"),  # not a constant
    CONFIG + "\n\ndef set_size(s):\n    global IMG_SIZE\n    IMG_SIZE = s\n",  # rebound by a function
    CONFIG.replace("IMG_SIZE = BASE * 2", "if BASE:\n    IMG_SIZE = 32\nelse:\n    IMG_SIZE = 64"),
])
def test_a_constant_not_bound_once_stays_unknown(tmp_path, monkeypatch, config):
    result = _lint(tmp_path, monkeypatch, {"config.py": config, "net.py": _model("from-import", WRONG)})
    assert "CL101" not in result.output and result.exit_code == 0, result.output


def test_a_constant_the_file_assigns_stays_unknown(tmp_path, monkeypatch):
    model = _model("module-attribute", WRONG).replace('if __name__ == "__main__":',
                                                      'if __name__ == "__main__":\n    config.IMG_SIZE = 16')
    result = _lint(tmp_path, monkeypatch, {"config.py": CONFIG, "net.py": model})
    assert "CL101" not in result.output and result.exit_code == 0, result.output
