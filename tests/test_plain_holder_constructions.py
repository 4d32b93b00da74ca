"""A model built by a plain class of the project (a trainer or solver: `self.model =
Net(channels=self.opt.cha, num_classes=12)` in `Trainer.__init__`), that class built by the
script with its options (`Trainer(args)`, args parsed in `__main__`, or `Trainer(options(config))`
with `options` a function of the `__main__` block): the model is analysed with the widths that run
gives it, in the trainer's file and in the model's own file. Checked against torch."""

from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_file, lint_text
from tests.torch_cases import filled, module_shapes

MODEL = '''\
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, channels, num_classes):
        super().__init__()
        self.conv1 = nn.Conv2d(1, channels[0], 3, padding=1)
        self.conv2 = nn.Conv2d(channels[0], channels[1], 3, padding=1)
        self.fc = nn.Linear(channels[WHICH], num_classes)

    def forward(self, x):
        x = self.conv2(self.conv1(x))
        x = x.mean(dim=(2, 3))
        return self.fc(x)
'''
FC_LINE = 10
RIGHT, WRONG = {"WHICH": "1"}, {"WHICH": "0"}

TRAINER = '''

class Trainer(object):
    def __init__(self, opt):
        self.opt = opt
        self.epochs = opt.epochs
        self.build()

    def build(self):
        self.model = Net(channels=self.opt.cha, num_classes=12)

    def fit(self):
        for _ in range(self.epochs):
            self.model(torch.zeros(8, 1, 28, 28))


if __name__ == "__main__":
    import argparse
    PARSE
'''
PARSED = '''parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", default=2, type=int)
    parser.add_argument("--cha", default=[16, 24], type=list)
    args = parser.parse_args()
    Trainer(args).fit()'''
WITH_LOADER = '''parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", default=2, type=int)
    parser.add_argument("--cha", default=[16, 24], type=list)
    config = parser.parse_args()
    loader = [torch.zeros(8, 1, 28, 28)]
    solver = Trainer(loader, config)
    solver.fit()'''
BY_FUNCTION = '''def options(config):
        parser = argparse.ArgumentParser()
        parser.add_argument("--epochs", default=2, type=int)
        parser.add_argument("--cha", default=config["small"], type=list)
        return parser.parse_args()

    config = {"small": [16, 24], "large": [32, 48]}
    Trainer(options(config)).fit()'''


def _torch_refuses(source: str) -> None:
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    model = namespace["Net"](channels=[16, 24], num_classes=12).eval()
    with pytest.raises(RuntimeError, match="mat1 and mat2"):
        module_shapes(model, (8, 1, 28, 28))


def _errors(result) -> set:
    return {(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"}


@pytest.mark.parametrize("parse", [PARSED, BY_FUNCTION, WITH_LOADER],
                         ids=["parsed-in-main", "options-function", "beside-a-loader"])
def test_the_trainer_build_gives_the_widths(parse):
    wrong = filled(MODEL, WRONG)
    _torch_refuses(wrong)
    trainer = TRAINER.replace("def __init__(self, opt):", "def __init__(self, loader, opt):") \
        if parse is WITH_LOADER else TRAINER
    source = wrong + filled(trainer, {"PARSE": parse})
    assert ("CL101", FC_LINE) in _errors(lint_text(source, "train.py", Settings()))
    right = filled(MODEL, RIGHT) + filled(trainer, {"PARSE": parse})
    result = lint_text(right, "train.py", Settings())
    assert not _errors(result)
    (net,) = [m for m in result.models if m.name == "Net"]
    assert net.root is not None and net.root.children["fc"].record.in_features == 24


def test_without_the_trainer_the_widths_stay_unknown():
    """The check the test above rests on: with no build of the trainer, nothing gives the widths."""
    source = filled(MODEL, WRONG) + filled(TRAINER, {"PARSE": "pass"})
    assert not _errors(lint_text(source, "train.py", Settings()))


def test_options_the_trainer_sets_are_not_the_defaults():
    """A trainer that changes an option before building (`self.opt.cha = [24, 24]`) builds with
    that, which the defaults do not say: the widths stay unknown, never a false error."""
    source = filled(MODEL, {"WHICH": "0"}) + filled(TRAINER, {"PARSE": PARSED}).replace(
        "        self.opt = opt\n", "        self.opt = opt\n        self.opt.cha = [24, 24]\n")
    namespace: dict = {}
    exec(compile(filled(MODEL, {"WHICH": "0"}), "net.py", "exec"), namespace)
    module_shapes(namespace["Net"](channels=[24, 24], num_classes=12).eval(), (8, 1, 28, 28))  # torch runs it
    assert not _errors(lint_text(source, "train.py", Settings()))


def test_a_model_file_is_checked_with_the_trainer_file_widths(tmp_path: Path):
    """models.py holds the model, trainer.py builds it in its Trainer: models.py is checked with
    the widths trainer.py's run gives it."""
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "models.py").write_text(filled(MODEL, WRONG))
    (tmp_path / "trainer.py").write_text("import torch\nfrom models import Net\n" + filled(TRAINER, {"PARSE": PARSED}))
    path = tmp_path / "models.py"
    assert ("CL101", FC_LINE) in _errors(lint_file(path, str(path), Settings()))  # (imports resolve from the path shown)
    path.write_text(filled(MODEL, RIGHT))
    assert not _errors(lint_file(path, str(path), Settings()))


MAIN = '''

def main(args):
    model = Net(args.cha, 12)
    for _ in range(args.epochs):
        model(torch.zeros(8, 1, 28, 28))


if __name__ == "__main__":
    import argparse
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", default=2, type=int)
    parser.add_argument("--cha", default=[16, 24], type=list)
    args = parser.parse_args()
    SET
    main(args)
'''


def test_a_main_function_the_block_runs_gives_the_widths(tmp_path: Path):
    """`def main(args): model = Net(args.cha, 12)`, run by the `__main__` block with its parsed
    options: the model is built with their defaults, in that file and in the model's own."""
    wrong = filled(MODEL, WRONG)
    _torch_refuses(wrong)
    script = filled(MAIN, {"SET": "pass"})
    assert ("CL101", FC_LINE) in _errors(lint_text(wrong + script, "train.py", Settings()))
    assert not _errors(lint_text(filled(MODEL, RIGHT) + script, "train.py", Settings()))
    (tmp_path / "pyproject.toml").write_text("")
    path = tmp_path / "models.py"
    path.write_text(wrong)
    (tmp_path / "train.py").write_text("import torch\nfrom models import Net\n" + script)
    assert ("CL101", FC_LINE) in _errors(lint_file(path, str(path), Settings()))


def test_options_main_changes_are_not_the_defaults():
    """`vars(args).update(cha=[24, 24])` in main before it builds: the model has those widths (torch
    runs it), which the parser's defaults do not say: nothing is reported."""
    namespace: dict = {}
    exec(compile(filled(MODEL, WRONG), "net.py", "exec"), namespace)
    module_shapes(namespace["Net"](channels=[24, 24], num_classes=12).eval(), (8, 1, 28, 28))
    script = filled(MAIN, {"SET": "pass"}).replace(
        "def main(args):\n", "def main(args):\n    vars(args).update(cha=[24, 24])\n")
    assert "vars(args)" in script
    assert not _errors(lint_text(filled(MODEL, WRONG) + script, "train.py", Settings()))
