"""A count a layer reads from a plain local (`nn.BatchNorm2d(base)` after `base = 32`) is pointed
at the local's binding only where that binding can fix it: where another layer reads the same
local in another form (`nn.Conv2d(3, widen(base, mult))`, or a helper given `widen(base, mult)`
building the conv), a new value there changes that layer too, so unless the model built again
with it runs, the layer's own argument is the line to change. Each bug fails in torch; each fix
runs, shaped as torch's."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_shapes_equal_torch, built, filled, module_shapes
from tests.source_lines import line_of

STEM = '''
import torch.nn as nn


def widen(c, mult):
    return int(c * mult + 4) // 8 * 8


class Net(nn.Module):
    def __init__(self, mult=1.2):
        super().__init__()
        base = 32
        self.stem = nn.Sequential(
            nn.Conv2d(3, widen(base, mult), 3, stride=2, padding=1, bias=False),
            NORM,
            nn.ReLU(inplace=True),
        )

    def forward(self, x):
        return self.stem(x)
'''

# the same stem, its conv built by a helper given the widened count
HELPER_STEM = STEM.replace("class Net", """def conv(cin, cout, stride):
    return nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)


class Net""").replace("nn.Conv2d(3, widen(base, mult), 3, stride=2, padding=1, bias=False)",
                      "conv(3, widen(base, mult), 2)")

# the BN lost its widen(): base read bare by it, through widen() by the conv
WRONG = {"NORM": "nn.BatchNorm2d(base)"}
RIGHT = {"NORM": "nn.BatchNorm2d(widen(base, mult))"}

# the binding is the fix: width bound to the 32 both branches give, the BN and the conv after it
# follow
BINDING_FIXES = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        width = 16
        self.a = nn.Conv2d(3, 32, 3, padding=1)
        self.skip = nn.Conv2d(3, 32, 1)
        self.bn = nn.BatchNorm2d(width)
        self.b = nn.Conv2d(width, width * 2, 3, padding=1)

    def forward(self, x):
        return self.b(self.bn(self.a(x) + self.skip(x)))
'''

# no other form: the one reader of the local, where the binding stays the line
READ_BARE_ONLY = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        head_in = 24
        self.a = nn.Conv2d(3, 40, 3, padding=1)
        self.bn = nn.BatchNorm2d(head_in)

    def forward(self, x):
        return self.bn(self.a(x))
'''

SIZE = (2, 3, 32, 32)


def _errors(source: str, settings: Settings | None = None) -> list:
    return [d for d in lint_text(source, "net.py", settings or Settings()).diagnostics if d.severity == "error"]


@pytest.mark.parametrize("stem", [STEM, HELPER_STEM])
@pytest.mark.parametrize("shape", [None, SIZE])
def test_a_count_whose_local_another_layer_widens_is_blamed_at_the_layer(stem, shape):
    source = filled(stem, WRONG)
    with pytest.raises(RuntimeError):
        module_shapes(built(source, "net.py"), SIZE)
    settings = Settings(input_shapes={"Net": shape}) if shape is not None else None
    (error,) = _errors(source, settings)
    assert (error.code, error.span.line) == ("CL104", line_of(source, "nn.BatchNorm2d(base)"))
    assert_shapes_equal_torch(filled(stem, RIGHT), SIZE, "net.py")


def test_the_binding_stays_where_giving_it_the_count_runs():
    with pytest.raises(RuntimeError):
        module_shapes(built(BINDING_FIXES, "net.py"), SIZE)
    errors = _errors(BINDING_FIXES)  # the BN and the conv after it, both read the binding
    assert {d.code for d in errors} >= {"CL104"}
    assert {d.span.line for d in errors} == {line_of(BINDING_FIXES, "width = 16")}
    assert_shapes_equal_torch(BINDING_FIXES.replace("width = 16", "width = 32"), SIZE, "net.py")


def test_the_binding_of_a_local_read_bare_only_stays_the_line():
    with pytest.raises(RuntimeError):
        module_shapes(built(READ_BARE_ONLY, "net.py"), SIZE)
    (error,) = _errors(READ_BARE_ONLY)
    assert (error.code, error.span.line) == ("CL104", line_of(READ_BARE_ONLY, "head_in = 24"))
    assert_shapes_equal_torch(READ_BARE_ONLY.replace("head_in = 24", "head_in = 40"), SIZE, "net.py")
