"""An activation class a constructor takes (`activation: Type[nn.Module]`, `act_layer=nn.GELU`)
and calls, in a Sequential or alone. With a default and nothing passing another, the default is
followed (a bug after it is found with no options). A required one nothing gives may be any class,
nn.Flatten() as well as nn.ReLU(): what it makes is not followed, and the listing says which
argument to give. Checked against torch: each filling convlint judges runs or raises as said."""

import pytest
import torch.nn as nn

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, built, filled, module_shapes

torch = pytest.importorskip("torch")

# an RL-style encoder whose activation class is a constructor argument
ENCODER = '''
from typing import Type

import torch.nn as nn


class Net(nn.Module):
    def __init__(self, activation: Type[nn.Module]DEFAULT):
        super().__init__()
        self.cnn = nn.Sequential(
            nn.Conv2d(3, 16, kernel_size=3, stride=2), activation(),
            nn.Conv2d(WIDTH, 32, kernel_size=3), activation(),
        )
        self.act = activation()
        self.fc = nn.Linear(FEATURES, 10)

    def forward(self, x):
        return self.fc(self.act(self.cnn(x)))
'''


def errors(source: str, size: tuple | None = None) -> set:
    result = lint_text(source, "model.py", Settings(input_shapes={"Net": size} if size else {}))
    return {(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"}, result


def test_a_shape_keeping_default_is_followed():
    source = filled(ENCODER, {"DEFAULT": " = nn.ReLU", "FEATURES": "5"})
    line = source.splitlines().index("            nn.Conv2d(WIDTH, 32, kernel_size=3), activation(),") + 1
    assert_bug_found_at_its_line(source, {"WIDTH": "16"}, {"WIDTH": "8"}, (2, 3, 9, 9), line, "CL103", "encoder.py")


# the class given last before the head: nn.Flatten() there makes the head's count right
HEAD = '''
from typing import Type

import torch.nn as nn


class Net(nn.Module):
    def __init__(self, activation: Type[nn.Module]):
        super().__init__()
        self.cnn = nn.Sequential(nn.Conv2d(3, 16, kernel_size=3, stride=2), nn.ReLU(),
                                 nn.Conv2d(16, 32, kernel_size=3), activation())
        self.act = activation()
        self.fc = nn.Linear(32 * 2 * 2, 10)

    def forward(self, x):
        return self.fc(self.act(self.cnn(x)))
'''


def test_a_required_activation_class_nothing_gives_is_not_taken_to_keep_the_shape():
    """Given nn.Flatten, the head's 32 x 2 x 2 features are right (given nn.ReLU, torch refuses):
    nothing is reported, and each module the argument makes is listed with the argument to give."""
    assert module_shapes(built(HEAD, "head.py", lambda ns: ns["Net"](nn.Flatten)), (2, 3, 9, 9))["fc"] == (2, 10)
    with pytest.raises(RuntimeError):
        module_shapes(built(HEAD, "head.py", lambda ns: ns["Net"](nn.ReLU)), (2, 3, 9, 9))
    for size in (None, (2, 3, 9, 9)):
        found, result = errors(HEAD, size)
        assert found == set()
        (model,) = [m for m in result.models if m.name == "Net"]
        listed = {(u.span.line, u.why) for u in model.unresolved}
        forward = HEAD.splitlines().index("        return self.fc(self.act(self.cnn(x)))") + 1
        assert (forward, "cnn.3 is not known statically, made by activation() of an argument nothing gives "
                         "(give it with --model-args): its output is unknown") in listed
        assert (forward, "the module activation() makes, of an argument nothing gives, called on a tensor: its "
                         "class, and what it does to the shape, are not known (give it with --model-args)") in listed


def test_the_argument_itself_called_on_a_tensor_is_named():
    source = filled(ENCODER, {"DEFAULT": "", "WIDTH": "16", "FEATURES": "32 * 2 * 2",
                              "self.act = activation()": "self.act = activation"})
    found, result = errors(source, (2, 3, 9, 9))
    assert found == set()
    (model,) = [m for m in result.models if m.name == "Net"]
    assert any(u.why.startswith("activation, an argument nothing gives, called on a tensor") for u in model.unresolved)
