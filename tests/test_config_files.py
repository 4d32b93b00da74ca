"""Sizes and constructor arguments a script reads from a configuration file it names
(`yaml.safe_load(open("config.yaml"))`, `json.load(f)`): read statically, used as the script uses
them, and unknown wherever the file, the key or its syntax is not understood. The YAML subset
parser is checked on its own, against PyYAML where it is installed."""

import math

import pytest

from convlint.source.config_files import Unsupported, json_lines, parse_yaml

SIZED_MODEL = '''import torch.nn as nn


class Net(nn.Module):
    def __init__(self, n_classes=10):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(16 * 16 * 16, n_classes)

    def forward(self, x):
        return self.fc(self.pool(self.conv(x)).flatten(1))
'''
SIZED_LINE = 9  # the Linear: 16 * 16 * 16 features fit 32x32 inputs only

WIDTHS_MODEL = '''import torch.nn as nn


class Net(nn.Module):
    def __init__(self, widths, n_classes):
        super().__init__()
        self.conv = nn.Conv2d(3, widths[2], 3, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(widths[1], n_classes)

    def forward(self, x):
        return self.fc(self.pool(self.conv(x)).flatten(1))
'''
WIDTHS_LINE = 9

YAML_CONFIG = """# training settings
model:
  classes: 10
  widths: [200, 400, 800]
data:
  image_size: {size}   # what the loader makes
  batch_size: 8
"""
JSON_CONFIG = ('{{\n  "model": {{"classes": 10, "widths": [200, 400, 800]}},\n'
               '  "data": {{"image_size": {size}, "batch_size": 8}}\n}}\n')

# each way of loading the file, then a tensor of its sizes fed to the model
LOADERS = {
    "safe_load-open": ("config.yaml", "import torch\nimport yaml\nfrom m import Net\n\n"
                       "config = yaml.safe_load(open('config.yaml'))\n"),
    "with-load-FullLoader": ("configs/train.yaml", "import torch\nimport yaml\nfrom m import Net\n\n"
                             "path = 'configs/train.yaml'\nwith open(path, 'r') as f:\n"
                             "    config = yaml.load(f, Loader=yaml.FullLoader)\n"),
    "stream-in-try": ("config.yaml", "import torch\nimport yaml\nfrom m import Net\n\ntry:\n"
                      "    stream = open('config.yaml', 'r')\n    config = yaml.safe_load(stream)\n"
                      "except FileNotFoundError:\n    print('Config file missing')\n"),
    "json-load": ("config.json", "import json\nimport torch\nfrom m import Net\n\n"
                  "with open('config.json') as f:\n    config = json.load(f)\n"),
    "json-loads-read_text": ("cfg/run.json", "import json\nfrom pathlib import Path\nimport torch\n"
                             "from m import Net\n\n"
                             "config = json.loads(Path('cfg', 'run.json').read_text())\n"),
    "argparse-default": ("configs/base.yaml", "import argparse\nimport torch\nimport yaml\nfrom m import Net\n\n"
                         "parser = argparse.ArgumentParser()\n"
                         "parser.add_argument('--config', type=str, default='configs/base.yaml')\n"
                         "args = parser.parse_args()\nwith open(args.config) as f:\n    config = yaml.safe_load(f)\n"),
    "beside-the-script": ("config.yaml", "import os\nimport torch\nimport yaml\nfrom m import Net\n\n"
                          "here = os.path.dirname(os.path.abspath(__file__))\n"
                          "config = yaml.safe_load(open(os.path.join(here, 'config.yaml')))\n"),
    "helper-function": ("config.yaml", "import torch\nimport yaml\nfrom m import Net\n\n\n"
                        "def load_config(path):\n    with open(path) as f:\n        return yaml.safe_load(f)\n\n\n"
                        "config = load_config('config.yaml')\n"),
}
FEED = ("size = config['data']['image_size']\n"
        "model = Net(n_classes=config['model']['classes'])\n"
        "out = model(torch.randn(config['data']['batch_size'], 3, size, size))\n")


def _lint(tmp_path, monkeypatch, files: dict):
    from click.testing import CliRunner

    from convlint.cli import main

    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'demo'\n")
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(main, ["m.py", "--format", "concise", "--no-cache"])


def _config(name: str, size: int) -> str:
    return (JSON_CONFIG if name.endswith(".json") else YAML_CONFIG).format(size=size)


@pytest.mark.parametrize(("config", "script"), LOADERS.values(), ids=LOADERS.keys())
def test_a_size_a_config_file_gives_finds_the_bug_only_it_reveals(tmp_path, monkeypatch, config, script):
    files = {"m.py": SIZED_MODEL, "main.py": script + FEED, config: _config(config, 64)}
    result = _lint(tmp_path, monkeypatch, files)
    assert result.exit_code == 1, result.output
    assert f"m.py:{SIZED_LINE}:" in result.output and "CL101" in result.output, result.output
    assert "8x3x64x64" in result.output and f"{config}:" in result.output, result.output  # where the size is written
    files[config] = _config(config, 32)
    clean = _lint(tmp_path, monkeypatch, files)
    assert clean.exit_code == 0 and "CL101" not in clean.output, clean.output


def test_the_line_of_each_value_is_named(tmp_path, monkeypatch):
    files = {"m.py": SIZED_MODEL, "main.py": LOADERS["safe_load-open"][1] + FEED, "config.yaml": _config("x", 64)}
    result = _lint(tmp_path, monkeypatch, files)
    assert "image_size: 64 from config.yaml:6" in result.output and "batch_size: 8 from config.yaml:7" \
        in result.output, result.output


def test_a_resize_a_config_file_gives_sizes_the_loader(tmp_path, monkeypatch):
    script = ("import torch\nimport yaml\nfrom torchvision import datasets, transforms\nfrom m import Net\n\n"
              "cfg = yaml.safe_load(open('config.yaml'))\n"
              "tf = transforms.Compose([transforms.Resize(cfg['data']['image_size']), transforms.ToTensor()])\n"
              "data = datasets.CIFAR10('data', transform=tf)\n"
              "loader = torch.utils.data.DataLoader(data, batch_size=cfg['data']['batch_size'])\n"
              "model = Net()\nfor images, labels in loader:\n    model(images)\n")
    files = {"m.py": SIZED_MODEL, "main.py": script, "config.yaml": _config("x", 64)}
    result = _lint(tmp_path, monkeypatch, files)
    assert f"m.py:{SIZED_LINE}:" in result.output and "CL101" in result.output, result.output
    files["config.yaml"] = _config("x", 32)
    assert "CL101" not in _lint(tmp_path, monkeypatch, files).output


@pytest.mark.parametrize("build", [
    "model = Net(config['model']['widths'], config['model']['classes'])\n",
    "model = Net(widths=config['model'].get('widths'), n_classes=10)\n",
    "model = Net(**config['model'])\n",
])
def test_constructor_arguments_a_config_file_gives_are_used_exactly(tmp_path, monkeypatch, build):
    config = YAML_CONFIG.format(size=32)
    if "**" in build:
        config = config.replace("classes:", "n_classes:")
    files = {"m.py": WIDTHS_MODEL, "main.py": LOADERS["safe_load-open"][1] + build, "config.yaml": config}
    result = _lint(tmp_path, monkeypatch, files)
    assert result.exit_code == 1, result.output
    assert f"m.py:{WIDTHS_LINE}:" in result.output and "CL101" in result.output and "800" in result.output, \
        result.output
    files["config.yaml"] = config.replace("[200, 400, 800]", "[200, 800, 800]")
    clean = _lint(tmp_path, monkeypatch, files)
    assert clean.exit_code == 0 and "CL101" not in clean.output, clean.output


@pytest.mark.parametrize(("config", "script"), [
    ("config.yaml", FEED.replace("['image_size']", "['img_size']")),  # a key the file lacks
    (None, FEED),  # no file
    ("other.yaml", FEED),  # another file than the one named
    ("config.yaml", "config['data']['image_size'] = 32\n" + FEED),  # changed after it is read
    ("config.yaml", "config.update(sizes)\n" + FEED),
    ("anchors", FEED),  # YAML outside the subset read: the whole file unknown
    ("block-scalar", FEED),
], ids=["missing-key", "no-file", "other-file", "changed", "updated", "anchors", "block-scalar"])
def test_what_is_not_read_whole_stays_unknown(tmp_path, monkeypatch, config, script):
    files = {"m.py": SIZED_MODEL, "main.py": LOADERS["safe_load-open"][1] + script}
    if config == "anchors":
        files["config.yaml"] = _config("x", 64).replace("batch_size: 8", "batch_size: &b 8\n  eval_batch: *b")
    elif config == "block-scalar":
        files["config.yaml"] = _config("x", 64) + "notes: |\n  a text\n"
    elif config is not None:
        files[config] = _config(config, 64)
    result = _lint(tmp_path, monkeypatch, files)
    assert "CL101" not in result.output, result.output


# a model file reading its widths from a configuration file at import: the evaluator's values
MODULE_LEVEL = '''import torch.nn as nn
import yaml

{load}


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, cfg['model']['width'], 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.fc = nn.Linear(32, cfg['model']['classes'])

    def forward(self, x):
        return self.fc(self.conv2(self.conv1(x)).mean((2, 3)))
'''
MODULE_LOADS = {
    "with-open": "with open('config.yaml') as f:\n    cfg = yaml.safe_load(f)",
    "plain": "cfg = yaml.load(open('config.yaml'), Loader=yaml.FullLoader)",
    "try": "try:\n    cfg = yaml.safe_load(open('config.yaml', 'r'))\n"
           "except FileNotFoundError:\n    print('no config')",
}


@pytest.mark.parametrize("load", MODULE_LOADS.values(), ids=MODULE_LOADS.keys())
def test_a_model_file_reading_its_config_at_import_is_built_with_the_values(tmp_path, monkeypatch, load, torch):
    source = MODULE_LEVEL.format(load=load)
    files = {"m.py": source, "config.yaml": "model:\n  width: 8\n  classes: 10\n"}
    result = _lint(tmp_path, monkeypatch, files)
    assert result.exit_code == 1, result.output
    line = next(n for n, text in enumerate(source.splitlines(), 1) if "self.conv2" in text)  # 16 channels, always
    assert f"m.py:{line}:" in result.output and "CL103" in result.output, result.output
    with pytest.raises(RuntimeError, match="expected input"):
        _built_in(tmp_path, source)(torch.randn(2, 3, 16, 16))
    files["config.yaml"] = "model:\n  width: 16\n  classes: 10\n"
    clean = _lint(tmp_path, monkeypatch, files)
    assert clean.exit_code == 0, clean.output
    assert _built_in(tmp_path, source)(torch.randn(2, 3, 16, 16)).shape == (2, 10)


def test_a_model_file_whose_config_is_not_read_stays_unknown(tmp_path, monkeypatch):
    source = MODULE_LEVEL.format(load=MODULE_LOADS["with-open"])
    for config in (None, "model:\n  width: &w 8\n  classes: 10\n", "model:\n  classes: 10\n"):
        files = {"m.py": source} if config is None else {"m.py": source, "config.yaml": config}
        (tmp_path / "config.yaml").unlink(missing_ok=True)
        result = _lint(tmp_path, monkeypatch, files)
        assert "CL103" not in result.output, result.output


def _built_in(folder, source: str):
    """The model as Python builds it in `folder` (its config file read there)."""
    import os

    namespace: dict = {}
    here = os.getcwd()
    os.chdir(folder)
    try:
        exec(compile(source, "m.py", "exec"), namespace)
    finally:
        os.chdir(here)
    return namespace["Net"]().eval()


@pytest.fixture
def torch():
    return pytest.importorskip("torch")


@pytest.mark.parametrize(("config", "why"), [
    ("model:\n  n_classes: &n 10\n", "config['model']['n_classes']: config.yaml holds YAML not read here (line 2"),
    (None, "config['model']['n_classes']: config.yaml is not there"),
    ("model:\n  classes: 10\n", "config['model']['n_classes']: no such entry in config.yaml:1"),
], ids=["not-in-the-subset", "absent", "missing-key"])
def test_an_argument_from_a_file_not_read_is_listed_with_why(tmp_path, monkeypatch, config, why):
    from click.testing import CliRunner

    from convlint.cli import main

    build = "model = Net([200, 800, 800], n_classes=config['model']['n_classes'])\n"
    files = {"m.py": WIDTHS_MODEL, "main.py": LOADERS["safe_load-open"][1] + build}
    if config is not None:
        files["config.yaml"] = config
    _lint(tmp_path, monkeypatch, files)
    result = CliRunner().invoke(main, ["m.py", "--no-cache", "--verbose"])
    assert why in result.output and "CL101" not in result.output, result.output


def test_the_sizes_read_are_what_torch_refuses(torch):
    namespace: dict = {}
    exec(compile(SIZED_MODEL, "m.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        namespace["Net"](n_classes=10)(torch.randn(8, 3, 64, 64))
    assert namespace["Net"](n_classes=10)(torch.randn(8, 3, 32, 32)).shape == (8, 10)
    exec(compile(WIDTHS_MODEL, "m.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        namespace["Net"]([200, 400, 800], 10)(torch.randn(2, 3, 32, 32))
    assert namespace["Net"]([200, 800, 800], 10)(torch.randn(2, 3, 32, 32)).shape == (2, 10)


# --- the YAML subset parser
PARSED = {
    "nested": ("a:\n  b:\n    c:\n      - 1\n      - 2\n  d: 3\n", {"a": {"b": {"c": [1, 2]}, "d": 3}}),
    "scalars": ("i: 12\nf: 0.001\ng: 1.0e-3\nn: -3\nh: 0x1F\no: 012\nu: 1_000\nt: True\ny: yes\nz: off\n"
                "nul: ~\nnone:\ns: text here\nq: '0.1'\nd: \"a\\tb\"\nsq: 'it''s'\nurl: http://x.org/a\n"
                "e: 1e-3\ninf: -.inf\n",
                {"i": 12, "f": 0.001, "g": 0.001, "n": -3, "h": 31, "o": 10, "u": 1000, "t": True, "y": True,
                 "z": False, "nul": None, "none": None, "s": "text here", "q": "0.1", "d": "a\tb", "sq": "it's",
                 "url": "http://x.org/a", "e": "1e-3", "inf": -math.inf}),
    "flow": ("a: [1, [2, 3], {x: 1, 'y z': [4]}]\nb: {}\nc: []\nd: [a, 'b', \"c\"]\n",
             {"a": [1, [2, 3], {"x": 1, "y z": [4]}], "b": {}, "c": [], "d": ["a", "b", "c"]}),
    "sequences": ("- a\n- b:\n    c: 1\n  d: 2\n-\n  - 5\n- - 6\n  - 7\n",
                  ["a", {"b": {"c": 1}, "d": 2}, [5], [6, 7]]),
    "unindented-list": ("layers:\n- 64\n- 128\nname: x\n", {"layers": [64, 128], "name": "x"}),
    "comments-and-start": ("---\n# top\nkey: 'a # not a comment'  # a comment\n\nother: 2 #x\n",
                           {"key": "a # not a comment", "other": 2}),
    "keys": ("1: one\n'two words': 2\n\"q\": 3\n", {1: "one", "two words": 2, "q": 3}),
}
UNSUPPORTED = {
    "anchor": "a: &x 1\nb: *x\n",
    "block-scalar": "a: |\n  text\n",
    "folded": "a: >\n  text\n",
    "tag": "a: !!int 3\n",
    "two-documents": "a: 1\n---\nb: 2\n",
    "multi-line-flow": "a: [1,\n  2]\n",
    "multi-line-plain": "a: one\n  two\n",
    "value-with-colon": "a: b: c\n",
    "tab-indent": "a:\n\tb: 1\n",
    "timestamp": "a: 2020-01-01\n",
    "sexagesimal": "a: 12:30\n",
    "complex-key": "? a\n: 1\n",
    "misaligned": "a:\n    b: 1\n  c: 2\n",
}


@pytest.mark.parametrize(("text", "expected"), PARSED.values(), ids=PARSED.keys())
def test_the_yaml_subset_parses_as_pyyaml_does(text, expected):
    assert parse_yaml(text)[0] == expected
    try:
        import yaml
    except ImportError:
        return
    assert parse_yaml(text)[0] == yaml.safe_load(text)


@pytest.mark.parametrize("text", UNSUPPORTED.values(), ids=UNSUPPORTED.keys())
def test_yaml_outside_the_subset_is_not_read(text):
    with pytest.raises(Unsupported):
        parse_yaml(text)


def test_each_value_keeps_its_line():
    _, lines = parse_yaml(YAML_CONFIG.format(size=64))
    assert lines[("model", "widths")] == 4 and lines[("data", "image_size")] == 6
    _, lines = parse_yaml("- a\n- b:\n    c: 1\n")
    assert lines[(1, "b", "c")] == 3
    lines = json_lines(JSON_CONFIG.format(size=64))
    assert lines[("data", "image_size")] == 3 and lines[("model", "widths", 2)] == 2
