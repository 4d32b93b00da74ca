"""A model whose constructor reads its options namespace (`IDN(opt)` of model.py), built by the
training script's `if __name__ == "__main__":` block after `opt = parser.parse_args()`: bound to
that namespace as the block runs it with no arguments (a required option stays unknown), so a
wrong width of model.py is found at its line; one the block changes in a way not followed stays
unknown. Checked against torch."""

import argparse
import os
import sys

import pytest

from convlint.pipeline import Settings, lint_file
from tests.options_model_source import MODEL

torch = pytest.importorskip("torch")

TRAIN = '''
import argparse
from model import Net
from prepare import prepare


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--images_dir', type=str, required=True)
    parser.add_argument('--scale', type=int, required=True)
    parser.add_argument('--num_features', type=int, default=64)
    parser.add_argument('--d', type=int, default=16)
    opt = parser.parse_args()
CHANGE
    model = Net(opt)
'''

PREPARE = '''
def prepare(opt):
    opt.d = 32
'''


def _lint(tmp_path, model: str, change: str = ""):
    (tmp_path / "model.py").write_text(model)
    (tmp_path / "train.py").write_text(TRAIN.replace("CHANGE", change))
    (tmp_path / "prepare.py").write_text(PREPARE)
    previous = os.getcwd()  # (paths are shown from the working folder; the suite's is restored)
    os.chdir(tmp_path)
    try:
        result = lint_file(tmp_path / "model.py", "model.py", Settings())
    finally:
        os.chdir(previous)
    errors = sorted((d.span.line, d.code) for d in result.diagnostics if d.severity == "error")
    return errors, next(m for m in result.models if m.name == "Net")


def _line_of(source: str, text: str) -> int:
    return next(number for number, line in enumerate(source.splitlines(), 1) if text in line)


def _torch_run(tmp_path, monkeypatch, model: str, d: int = 16):
    monkeypatch.syspath_prepend(str(tmp_path))
    namespace: dict = {}
    exec(compile(model, "model.py", "exec"), namespace)
    opt = argparse.Namespace(scale=2, num_features=64, d=d)
    return namespace["Net"](opt)(torch.zeros(1, 3, 8, 8))


def test_the_main_blocks_defaults_size_the_model(tmp_path, monkeypatch):
    errors, analysis = _lint(tmp_path, MODEL)
    assert tuple(_torch_run(tmp_path, monkeypatch, MODEL).shape) == (1, 3, 16, 16)
    assert errors == []
    assert any("which builds Net(opt)" in a for a in analysis.assumed)
    line = _line_of(TRAIN, "'--d'")
    assert any(f"d = 16: the default of --d (line {line})" in a for a in analysis.assumed), analysis.assumed
    # --scale is required: the stride stays unknown, never guessed
    assert any("scale is given on the command line" in u.why for u in analysis.unresolved)


def test_a_wrong_width_is_found_at_its_line(tmp_path, monkeypatch):
    wrong = MODEL.replace("nn.Conv2d(nf - d, nf, 3, padding=1)", "nn.Conv2d(nf, nf, 3, padding=1)")
    with pytest.raises(RuntimeError, match="expected input"):
        _torch_run(tmp_path, monkeypatch, wrong)
    errors, _ = _lint(tmp_path, wrong)
    assert errors == [(_line_of(wrong, "self.body = "), "CL103")]


def test_an_option_the_block_sets_is_followed(tmp_path, monkeypatch):
    model = MODEL.replace("nn.Conv2d(nf - d, nf, 3, padding=1)", "nn.Conv2d(32, nf, 3, padding=1)")
    _torch_run(tmp_path, monkeypatch, model, d=32)
    errors, analysis = _lint(tmp_path, model, change="    opt.d = opt.d * 2")
    assert errors == []
    assert any(a.startswith("d = 32") for a in analysis.assumed), analysis.assumed


def test_options_handed_to_code_not_followed_are_unknown(tmp_path, monkeypatch):
    model = MODEL.replace("nn.Conv2d(nf - d, nf, 3, padding=1)", "nn.Conv2d(32, nf, 3, padding=1)")
    _torch_run(tmp_path, monkeypatch, model, d=32)  # prepare(opt) sets d = 32 as the script runs
    errors, _ = _lint(tmp_path, model, change="    prepare(opt)")
    assert errors == []
