"""A model whose constructor reads every width from an options namespace (`Model(opt)`), built in
the file's `__main__` block with `opt = parser.parse_args()`: the options take the defaults the
parser declares, as a run with no arguments gives them, said as assumptions. A namespace set
again after the model was built with it, or handed to another call, stays unknown. Checked
against torch."""

import argparse

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import module_shapes

NAME = "namespace_model.py"
SOURCE = '''\
import argparse
import torch
import torch.nn as nn


class Recognizer(nn.Module):
    def __init__(self, opt):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(opt.in_ch, opt.width, 3, 1, 1), nn.ReLU(),
            nn.MaxPool2d(2, 2),
            nn.Conv2d(opt.width, opt.width * 2, 3, 1, 1), nn.ReLU())
        self.squash = nn.AdaptiveAvgPool2d((None, 1))
        self.seq = nn.GRU(opt.width * 2, opt.hidden, bidirectional=True, batch_first=True)
        self.head = nn.Linear(HEAD_IN, opt.classes)

    def forward(self, x):
        f = self.features(x).permute(0, 3, 1, 2)
        f = self.squash(f).squeeze(3)
        f, _ = self.seq(f)
        return self.head(f)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--in_ch", type=int, default=1)
    parser.add_argument("--width", type=int, default=24)
    parser.add_argument("--hidden", type=int, default=40)
    parser.add_argument("--classes", type=int, default=11)
    opt = parser.parse_args()
    model = Recognizer(opt)
    print(model(torch.randn(2, 1, 16, 40)).shape)
'''
RIGHT = {"HEAD_IN": "opt.hidden * 2"}
WRONG = {"HEAD_IN": "opt.hidden"}  # the GRU is bidirectional: 2 * hidden features
HEAD_LINE = 15


def _filled(values: dict, source: str = SOURCE) -> str:
    for key, value in values.items():
        source = source.replace(key, value)
    return source


def _model(source: str):
    namespace: dict = {"__name__": "namespace_case"}
    exec(compile(source, NAME, "exec"), namespace)
    opt = argparse.Namespace(in_ch=1, width=24, hidden=40, classes=11)
    return namespace["Recognizer"](opt).eval()


def _errors(source: str):
    return [(d.code, d.span.line) for d in lint_text(source, NAME, Settings()).diagnostics if d.severity == "error"]


def test_torch_refuses_the_head_sized_for_one_direction():
    with pytest.raises(RuntimeError):
        module_shapes(_model(_filled(WRONG)), (2, 1, 16, 40))
    assert module_shapes(_model(_filled(RIGHT)), (2, 1, 16, 40))["head"] == (2, 20, 11)


def test_the_parsers_defaults_size_the_model_and_its_head_is_found():
    assert _errors(_filled(WRONG)) == [("CL101", HEAD_LINE)]
    result = lint_text(_filled(WRONG), NAME, Settings())
    (model,) = [m for m in result.models if m.name == "Recognizer"]
    assert any("the default of --hidden" in note for note in model.assumed)


def test_the_right_head_is_clean_and_every_shape_is_torchs():
    source = _filled(RIGHT)
    assert _errors(source) == []
    result = lint_text(source, NAME, Settings())
    (model,) = [m for m in result.models if m.name == "Recognizer"]
    predicted = {c.node.path: tuple(c.output.shape.dims) for c in model.calls if c.output.shape.dims is not None}
    for path, shape in module_shapes(_model(source), (2, 1, 16, 40)).items():
        assert predicted.get(path) == shape, path


def test_an_option_set_after_the_build_is_not_the_builds_value():
    # torch builds the model with one input channel, as it is fed; the later value is not the build's
    source = _filled(RIGHT).replace("    model = Recognizer(opt)\n",
                                    "    model = Recognizer(opt)\n    opt.in_ch = 3\n")
    assert _errors(source) == []


def test_a_namespace_handed_to_another_call_stays_unknown():
    source = _filled(WRONG).replace("    model = Recognizer(opt)\n",
                                    "    adjust(opt)\n    model = Recognizer(opt)\n")
    source = source.replace("class Recognizer", "def adjust(opt):\n    opt.hidden = opt.hidden * 2\n\n\nclass Recognizer")
    assert _errors(source) == []


def test_a_constructor_that_sets_an_option_keeps_it_unknown_for_the_block():
    source = _filled(RIGHT).replace("        super().__init__()\n",
                                    "        super().__init__()\n        opt.seen = True\n", 1)
    assert _errors(source) == []
