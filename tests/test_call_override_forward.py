"""A module written with `def __call__(self, x)` in place of forward(): nn.Module's own __call__ is
overridden, so torch runs that method when the module is called. convlint follows it as the
module's forward, and a module with no forward it can follow says so among what is not followed."""

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch

SOURCE = '''
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)
        self.bn = nn.BatchNorm2d(cout)

    def __call__(self, x):
        return F.relu(self.bn(self.conv(x)))


class Head(nn.Module):
    def __init__(self, cin):
        super().__init__()
        self.conv = nn.Conv2d(cin, 2, 1)
        self.pool = nn.AdaptiveAvgPool2d(4)
        self.fc = nn.Linear(FEATURES, 10)

    def __call__(self, x):
        x = self.pool(self.conv(x))
        return self.fc(x.view(x.shape[0], -1))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = Block(4, 16)
        self.head = Head(16)

    def __call__(self, x):
        return self.head(self.stem(x))
'''


def test_call_written_for_forward_gives_torchs_shapes():
    assert_shapes_equal_torch(SOURCE.replace("FEATURES", "32"), (2, 4, 8, 8), "call_override.py")


def test_call_written_for_forward_finds_a_head_counted_wrong():
    assert_bug_found_at_its_line(SOURCE, {"FEATURES": "2 * 4 * 4"}, {"FEATURES": "2 * 5 * 5"}, (2, 4, 8, 8),
                                 line_of(SOURCE, "self.fc = nn.Linear("), "CL101", "call_override.py")


HOOKED = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 8, 3)
        self.fc = nn.Linear(99, 2)

    def BODY
'''


def _unresolved(source: str) -> list[str]:
    (model,) = [m for m in lint_text(source, "no_forward.py", Settings()).models if m.name == "Net"]
    return [u.why for u in model.unresolved]


def test_module_without_a_forward_says_it_is_not_analysed():
    for body in ("run(self, x):\n        return self.fc(self.conv(x).flatten(1))\n",
                 "__call__(self, x):\n        return super().__call__(x)\n"):
        source = HOOKED.replace("BODY", body)
        assert not [d for d in lint_text(source, "no_forward.py", Settings()).diagnostics if d.severity == "error"]
        assert any("no forward() to follow" in why for why in _unresolved(source))


def test_call_handing_on_to_forward_is_not_taken_for_it():
    source = HOOKED.replace("BODY", "forward(self, x):\n        return self.conv(x)\n\n"
                                    "    def __call__(self, x):\n        return self.forward(x)\n")
    assert not any("no forward() to follow" in why for why in _unresolved(source))
