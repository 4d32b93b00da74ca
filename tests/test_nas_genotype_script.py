"""A searched network (DARTS-style) whose cells are built from a genotype, a namedtuple of (op
name, input index) lists in a module the model file never imports: the training script picks it
by an option's default (`genotype = eval("genotypes.%s" % args.arch)` in a `def main():` reading
the options parsed at import) and builds `Network(args.init_channels, 10, args.layers, genotype)`.
The model file alone, with no options, is analysed as that script builds it. Checked against torch."""

import sys
from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_file
from tests.torch_cases import module_shapes

GENOTYPES = '''\
from collections import namedtuple

Genotype = namedtuple('Genotype', 'normal normal_concat reduce reduce_concat')

SMALL = Genotype(
    normal=[('conv_3x3', 0), ('skip', 1), ('conv_3x3', 1), ('skip', 2)],
    normal_concat=[2, 3],
    reduce=[('conv_3x3', 0), ('conv_3x3', 1), ('skip', 2), ('conv_3x3', 1)],
    reduce_concat=[2, 3],
)
WIDE = Genotype(
    normal=[('conv_3x3', 0), ('skip', 1), ('conv_3x3', 1), ('skip', 2), ('skip', 0), ('conv_3x3', 3)],
    normal_concat=[2, 3, 4],
    reduce=[('conv_3x3', 0), ('conv_3x3', 1), ('skip', 2), ('conv_3x3', 1)],
    reduce_concat=[2, 3],
)
'''

MODEL = '''\
import torch
import torch.nn as nn

OPS = {
    'conv_3x3': lambda C, stride: nn.Conv2d(C, C, 3, stride, 1),
    'skip': lambda C, stride: nn.Identity() if stride == 1 else nn.Conv2d(C, C, 1, stride),
}


class Cell(nn.Module):
    def __init__(self, genotype, C_prev_prev, C_prev, C, reduction, reduction_prev):
        super().__init__()
        self.pre0 = nn.Conv2d(C_prev_prev, C, 1, 2 if reduction_prev else 1)
        self.pre1 = nn.Conv2d(C_prev, C, 1)
        if reduction:
            names, indices = zip(*genotype.reduce)
            concat = genotype.reduce_concat
        else:
            names, indices = zip(*genotype.normal)
            concat = genotype.normal_concat
        self._steps = len(names) // 2
        self._concat = concat
        self.multiplier = len(concat)
        self._ops = nn.ModuleList()
        for name, index in zip(names, indices):
            stride = 2 if reduction and index < 2 else 1
            self._ops.append(OPS[name](C, stride))
        self._indices = indices

    def forward(self, s0, s1, drop_prob):
        states = [self.pre0(s0), self.pre1(s1)]
        for i in range(self._steps):
            h1 = self._ops[2 * i](states[self._indices[2 * i]])
            h2 = self._ops[2 * i + 1](states[self._indices[2 * i + 1]])
            if self.training and drop_prob > 0.:
                h1 = h1 * (1 - drop_prob)
            states.append(h1 + h2)
        return torch.cat([states[i] for i in self._concat], dim=1)


class Network(nn.Module):
    def __init__(self, C, num_classes, layers, genotype):
        super().__init__()
        self.stem = nn.Conv2d(3, 3 * C, 3, padding=1)
        C_prev_prev, C_prev, C_curr = 3 * C, 3 * C, C
        self.cells = nn.ModuleList()
        reduction_prev = False
        for i in range(layers):
            reduction = i == layers // 2
            if reduction:
                C_curr *= 2
            cell = Cell(genotype, C_prev_prev, C_prev, C_curr, reduction, reduction_prev)
            reduction_prev = reduction
            self.cells.append(cell)
            C_prev_prev, C_prev = C_prev, cell.multiplier * C_curr
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Linear(HEAD, num_classes)

    def forward(self, x):
        s0 = s1 = self.stem(x)
        for cell in self.cells:
            s0, s1 = s1, cell(s0, s1, self.drop_path_prob)
        out = self.pool(s1)
        return self.classifier(out.view(out.size(0), -1))
'''
HEAD_LINE = 57
RIGHT, WRONG = "C_prev", "2 * C_curr"  # (2 * C_curr: right for SMALL's two states, not WIDE's three)

TRAIN = '''\
import argparse
import torch
import genotypes
from model import Network

parser = argparse.ArgumentParser()
parser.add_argument('--init_channels', type=int, default=8)
parser.add_argument('--layers', type=int, default=3)
parser.add_argument('--drop_path_prob', type=float, default=0.2)
parser.add_argument('--arch', type=str, default='ARCH')
args = parser.parse_args()


def main():
    genotype = eval("genotypes.%s" % args.arch)
    model = Network(args.init_channels, 10, args.layers, genotype)
    model.drop_path_prob = args.drop_path_prob
    model.train()


if __name__ == '__main__':
    main()
'''


# the same script written as ImageNet training scripts write it: the class imported under another
# name, the options parsed with parse_known_args(), the genotypes' concat lists written as ranges
ALIASED = [("from model import Network\n", "from model import Network as Net\n"),
           ("model = Network(", "model = Net("),
           ("args = parser.parse_args()", "args, unparsed = parser.parse_known_args()")]
RANGES = [("normal_concat=[2, 3],", "normal_concat=range(2, 4),"),
          ("normal_concat=[2, 3, 4],", "normal_concat=range(2, 5),")]
FORMS = {"plain": ([], []), "aliased": (ALIASED, RANGES)}


def _project(tmp_path: Path, head: str, arch: str, monkeypatch, form: str = "plain") -> Path:
    monkeypatch.chdir(tmp_path)
    train, genotypes = TRAIN.replace("ARCH", arch), GENOTYPES
    for old, new in FORMS[form][0]:
        assert old in train
        train = train.replace(old, new)
    for old, new in FORMS[form][1]:
        assert old in genotypes
        genotypes = genotypes.replace(old, new)
    (tmp_path / "setup.py").write_text("")
    (tmp_path / "genotypes.py").write_text(genotypes)
    (tmp_path / "model.py").write_text(MODEL.replace("HEAD", head))
    (tmp_path / "train.py").write_text(train)
    return tmp_path / "model.py"


def _torch_model(tmp_path: Path, arch: str):
    sys.path.insert(0, str(tmp_path))
    try:
        for name in ("model", "genotypes"):
            sys.modules.pop(name, None)
        import genotypes
        import model
        net = model.Network(8, 10, 3, getattr(genotypes, arch))
        net.drop_path_prob = 0.2
        return net.eval()
    finally:
        sys.path.remove(str(tmp_path))
        for name in ("model", "genotypes"):
            sys.modules.pop(name, None)


def _errors(result) -> set:
    return {(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"}


def _network(result):
    (net,) = [m for m in result.models if m.name == "Network" and m.root is not None
              and m.root.children["classifier"].record.in_features == 32]
    return net


@pytest.mark.parametrize("form", sorted(FORMS))
def test_the_script_genotype_builds_every_cell(tmp_path, monkeypatch, form):
    path = _project(tmp_path, RIGHT, "SMALL", monkeypatch, form)
    torch_shapes = module_shapes(_torch_model(tmp_path, "SMALL"), (2, 3, 32, 32))
    result = lint_file(path, "model.py", Settings(input_shapes={"Network": (2, 3, 32, 32)}))
    assert not _errors(result)
    net = _network(result)
    predicted = {c.node.path: tuple(c.output.shape.dims) for c in net.calls if c.output.shape.dims is not None}
    for name, shape in torch_shapes.items():
        assert predicted.get(name) == shape, name


@pytest.mark.parametrize("form", sorted(FORMS))
def test_a_head_wrong_for_the_script_genotype_is_found_with_no_options(tmp_path, monkeypatch, form):
    path = _project(tmp_path, WRONG, "WIDE", monkeypatch, form)
    with pytest.raises(RuntimeError, match="mat1 and mat2"):
        module_shapes(_torch_model(tmp_path, "WIDE"), (2, 3, 32, 32))
    assert ("CL101", HEAD_LINE) in _errors(lint_file(path, "model.py", Settings()))


def test_the_same_head_is_right_for_the_genotype_the_script_names(tmp_path, monkeypatch):
    """2 * C_curr is the head's width for SMALL (two states concatenated): no error."""
    path = _project(tmp_path, WRONG, "SMALL", monkeypatch)
    module_shapes(_torch_model(tmp_path, "SMALL"), (2, 3, 32, 32))  # torch runs it
    assert not _errors(lint_file(path, "model.py", Settings()))


def test_an_arch_naming_no_genotype_stays_unknown(tmp_path, monkeypatch):
    """eval() of a name the module does not hold: the genotype is not known, never an error."""
    path = _project(tmp_path, RIGHT, "MISSING", monkeypatch)
    result = lint_file(path, "model.py", Settings())
    assert not _errors(result)


def _given(text: str) -> dict:
    from convlint.config import parse_model_args

    name, arguments = parse_model_args(text)
    return {name: arguments}


def test_model_args_name_a_module_only_the_script_imports(tmp_path, monkeypatch):
    """--model-args "Network(8, 10, 3, genotypes.WIDE)": genotypes is a module of the project the
    model file does not import; it is imported as the training script imports it."""
    path = _project(tmp_path, WRONG, "SMALL", monkeypatch)
    (tmp_path / "train.py").unlink()
    settings = Settings(model_args=_given("Network(8, 10, 3, genotypes.WIDE)"))
    assert ("CL101", HEAD_LINE) in _errors(lint_file(path, "model.py", settings))
    right = Settings(model_args=_given("Network(8, 10, 3, genotypes.SMALL)"), input_shapes={"Network": (2, 3, 32, 32)})
    result = lint_file(path, "model.py", right)
    assert not _errors(result)
    (net,) = [m for m in result.models if m.name == "Network"]
    predicted = {c.node.path: tuple(c.output.shape.dims) for c in net.calls if c.output.shape.dims is not None}
    for name, shape in module_shapes(_torch_model(tmp_path, "SMALL"), (2, 3, 32, 32)).items():
        assert predicted.get(name) == shape, name


def test_model_args_naming_no_module_stay_unknown(tmp_path, monkeypatch):
    """A name that is no module of the project (`choices.WIDE`): not known, never an error."""
    path = _project(tmp_path, WRONG, "SMALL", monkeypatch)
    (tmp_path / "train.py").unlink()
    settings = Settings(model_args=_given("Network(8, 10, 3, choices.WIDE)"))
    assert not _errors(lint_file(path, "model.py", settings))


@pytest.mark.parametrize("change", ["vars(args).update(load_config())", "args.__dict__.update(load_config())",
                                    "setattr(args, 'arch', load_config()['arch'])", "args.merge(load_config())"])
def test_options_main_changes_in_ways_not_followed_leave_the_build_unknown(tmp_path, monkeypatch, change):
    """main() overriding the parsed options from a file (`vars(args).update(cfg)`): the genotype it
    builds with may be another than the default names, so the head is not judged by it."""
    path = _project(tmp_path, WRONG, "WIDE", monkeypatch)
    train = (tmp_path / "train.py").read_text()
    train = train.replace("def main():\n", f"def main():\n    {change}\n")
    (tmp_path / "train.py").write_text("import json\n\n\ndef load_config():\n    return json.load(open('cfg.json'))\n\n\n" + train)
    assert not _errors(lint_file(path, "model.py", Settings()))
