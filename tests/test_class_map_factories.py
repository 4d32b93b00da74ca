"""A model built only through a dict of classes (`NETWORKS[kind](configs(cfg)[kind])`, the key a
factory's parameter): each class the dict holds is a candidate, followed with the arguments the
call gives it when the key is each of those that select it, so the config a dict of configs keyed
alike selects for that key is the one the model is analysed with (the same model built directly,
`AE(configs(cfg)["AE"])`, already was). Found in the model's file, and in a sibling module of the
project that imports the class (a `network_selector.py` beside the model)."""

from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_file, lint_text
from tests.source_lines import line_of
from tests.torch_cases import built, filled, module_shapes

torch = pytest.importorskip("torch")

CONFIGS = '''
def network_configs(cfg):
    base = {"flc": [8, 16, 32], "stride": [1, 2], "latent": cfg.get("latent")}
    wide = {"flc": [16, 32, 64, 64], "stride": [1, 2], "latent": cfg.get("latent")}
    return {"AE": base.copy(), "DAE": base.copy(), "WIDE": wide}
'''
MODEL = '''
import torch.nn as nn


class AE(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        flc, stride = cfg.get("flc"), cfg.get("stride")
        self.enc = nn.Sequential(
            nn.Conv2d(3, flc[0], 4, stride[1], 1),
            nn.Conv2d(flc[0], flc[1], 4, stride[1], 1),
            nn.Conv2d(IN_WIDTH, flc[2], 4, stride[1], 1),
        )

    def forward(self, x):
        return self.enc(x)


class WideAE(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        flc = cfg.get("flc")
        self.enc = nn.Sequential(nn.Conv2d(3, flc[0], 3, 2, 1), nn.Conv2d(flc[0], flc[3], 3, 2, 1))

    def forward(self, x):
        return self.enc(x)
'''
FACTORIES = {
    "called": '''
NETWORKS = {"AE": AE, "DAE": AE, "WIDE": WideAE}


def create_network(network_type, train_cfg):
    return NETWORKS[network_type](network_configs(train_cfg)[network_type])
''',
    "bound": '''
NETWORKS = {"AE": AE, "DAE": AE, "WIDE": WideAE}


def create_network(network_type, train_cfg):
    network_class = NETWORKS[network_type]
    model = network_class(network_configs(train_cfg)[network_type])
    return model
''',
}
RIGHT, WRONG = {"IN_WIDTH": "flc[1]"}, {"IN_WIDTH": "flc[0]"}


def one_file(factory: str, widths: dict) -> str:
    return filled(MODEL, widths) + CONFIGS + FACTORIES[factory]


def errors(diagnostics) -> set:
    return {(d.code, d.span.line) for d in diagnostics if d.severity == "error"}


@pytest.mark.parametrize("factory", FACTORIES)
def test_a_class_built_through_the_dict_is_analysed_with_its_keys_config(factory):
    source = one_file(factory, WRONG)
    for kind in ("AE", "DAE"):
        with pytest.raises(RuntimeError):
            module_shapes(built(source, "ae.py", lambda ns: ns["create_network"](kind, {"latent": 4})), (2, 3, 32, 32))
    assert ("CL103", line_of(source, "nn.Conv2d(flc[0], flc[2]")) in errors(lint_text(source, "ae.py", Settings()).diagnostics)


@pytest.mark.parametrize("factory", FACTORIES)
def test_each_class_with_its_own_config_is_clean(factory):
    source = one_file(factory, RIGHT)
    for kind in ("AE", "DAE", "WIDE"):
        module_shapes(built(source, "ae.py", lambda ns: ns["create_network"](kind, {"latent": 4})), (2, 3, 32, 32))
    result = lint_text(source, "ae.py", Settings())
    assert errors(result.diagnostics) == set()
    (wide,) = [m for m in result.models if m.name == "WideAE"]
    assert wide.root.children["enc"].children["1"].record.out_channels == 64  # WIDE's config, not AE's


def test_a_key_the_factory_reads_otherwise_is_not_guessed():
    source = one_file("called", WRONG).replace(
        "def create_network(network_type, train_cfg):\n",
        "def create_network(train_cfg):\n    network_type = train_cfg.get('kind')\n")
    result = lint_text(source, "ae.py", Settings())
    assert errors(result.diagnostics) == set()  # (no config is known for any class: nothing checked)


def _project(tmp_path: Path, factory: str, widths: dict) -> Path:
    (tmp_path / "requirements.txt").write_text("torch\n")
    for folder in ("models", "config"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "__init__.py").write_text("")
    (tmp_path / "config" / "network_config.py").write_text(CONFIGS)
    (tmp_path / "models" / "autoencoders.py").write_text(filled(MODEL, widths))
    (tmp_path / "models" / "network_selector.py").write_text(
        "from config.network_config import network_configs\nfrom models.autoencoders import AE, WideAE\n"
        + FACTORIES[factory])
    return tmp_path / "models" / "autoencoders.py"


@pytest.mark.parametrize("factory", FACTORIES)
def test_the_factory_in_a_sibling_module_is_found(tmp_path, factory):
    path = _project(tmp_path, factory, WRONG)
    source = path.read_text()
    assert ("CL103", line_of(source, "nn.Conv2d(flc[0], flc[2]")) in \
        errors(lint_file(path, str(path), Settings()).diagnostics)


@pytest.mark.parametrize("factory", FACTORIES)
def test_the_sibling_factory_with_the_right_width_is_clean(tmp_path, factory):
    path = _project(tmp_path, factory, RIGHT)
    assert errors(lint_file(path, str(path), Settings()).diagnostics) == set()
