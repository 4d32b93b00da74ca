"""A model only its classmethod or staticmethod builds (`Net.from_name('b0')`, its __init__
asserting that the default None config is a list): built through that factory, with the arguments
the file calls it with or the names its lookup tables offer, with no options, and as
`--model-args 'Net.from_name(...)'` says; every module's output shape equals torch's, the bug is
found at its line, the correct variant stays clean."""

import pytest

from convlint.config import parse_model_args
from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, filled

torch = pytest.importorskip("torch")

# the block list decoded from strings by a helper, the class built by `cls(...)` in a classmethod
FROM_NAME = '''
import collections
import torch.nn as nn

Cfg = collections.namedtuple("Cfg", ["cin", "cout"])
NAMED = {"tiny": ["i3_o8", "i8_o16"], "small": ["i3_o16", "i16_o32"]}


def decode(text):
    fields = dict((part[0], int(part[1:])) for part in text.split("_"))
    return Cfg(fields["i"], fields["o"])


class Net(nn.Module):
    def __init__(self, cfgs=None, num_classes=10):
        super().__init__()
        assert isinstance(cfgs, list)
        self.convs = nn.Sequential(*[nn.Conv2d(c.cin, c.cout, 3, padding=1) for c in cfgs])
        self.bn = nn.BatchNorm2d(cfgs[-1].WIDTH)
        self.fc = nn.Linear(cfgs[-1].cout, num_classes)

    @classmethod
    def from_name(cls, name, **kwargs):
        cls._check(name)
        return cls([decode(s) for s in NAMED[name]], **kwargs)

    @classmethod
    def _check(cls, name):
        if name not in NAMED:
            raise ValueError(name)

    def forward(self, x):
        return self.fc(self.bn(self.convs(x)).mean((2, 3)))
'''

# a staticmethod whose name parameter indexes a table inside a helper function
STATIC_BUILD = '''
import torch.nn as nn


def widths(arch):
    table = {"a": (4, 8), "b": (8, 16)}
    return table[arch]


class Net(nn.Module):
    def __init__(self, dims=None):
        super().__init__()
        assert dims is not None, "use Net.build"
        self.c1 = nn.Conv2d(3, dims[0], 3)
        self.c2 = nn.Conv2d(WIDTH, dims[1], 3)

    @staticmethod
    def build(arch):
        return Net(widths(arch))

    def forward(self, x):
        return self.c2(self.c1(x))
'''

CASES = {  # source, factory and its arguments, input size, right and wrong fillings, the line and code of the bug
    "from_name": (FROM_NAME, ("from_name", ("tiny",)), (2, 3, 16, 16), {"WIDTH": "cout"}, {"WIDTH": "cin"}, 19, "CL104"),
    "static_build": (STATIC_BUILD, ("build", ("a",)), (2, 3, 16, 16), {"WIDTH": "dims[0]"}, {"WIDTH": "dims[1]"}, 15,
                     "CL103"),
}


def _by_factory(factory: tuple):
    return lambda namespace: getattr(namespace["Net"], factory[0])(*factory[1])


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_module_shape_equals_torch_with_the_factory_given(case):
    source, factory, size, right, _, _, _ = CASES[case]
    given = {"Net": (factory[1], (), factory[0])}
    assert_shapes_equal_torch(filled(source, right), size, "factories.py",
                              Settings(input_shapes={"Net": size}, model_args=given), _by_factory(factory))


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_bug_is_found_at_its_line_with_no_options(case):
    source, factory, size, right, wrong, line, code = CASES[case]
    clean = assert_bug_found_at_its_line(source, right, wrong, size, line, code, "factories.py", _by_factory(factory))
    (model,) = [m for m in clean.models if m.name == "Net"]
    assert model.built_with["factory"] == factory[0] and not model.unresolved


def test_a_class_its_defaults_build_is_not_built_by_its_factory():
    source = FROM_NAME.replace("assert isinstance(cfgs, list)", "cfgs = cfgs or [Cfg(3, 4)]").replace(
        "WIDTH", "cout")
    (model,) = [m for m in lint_text(source, "factories.py", Settings()).models if m.name == "Net"]
    assert model.built_with is None


def test_the_factory_is_called_as_the_main_block_calls_it():
    source = FROM_NAME.replace("WIDTH", "cout") + '''

if __name__ == "__main__":
    name = "small"
    net = Net.from_name(name, num_classes=3)
'''
    (model,) = [m for m in lint_text(source, "factories.py", Settings()).models if m.name == "Net"]
    assert model.built_with == {"factory": "from_name", "args": ["small"], "kwargs": {"num_classes": 3}}
    assert [c.output.shape.dims[-1] for c in model.calls if c.node.path == "fc"] == [3]


def test_model_args_take_a_classmethod_call():
    assert parse_model_args("Net.from_name('tiny', num_classes=3)") == ("Net", (("tiny",), (("num_classes", 3),),
                                                                                "from_name"))
    assert parse_model_args("Net('tiny')") == ("Net", (("tiny",), ()))
