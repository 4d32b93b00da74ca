"""Module-level hyper-parameters a script rebinds in its `if __name__ == "__main__":` block (its
self-test): importers never run that block, so the binding before it (a plain assignment or a star
import) is the one the classes' defaults and bodies read; for the linted file itself that is an
assumption, listed in `assumed`. A name only that block binds stays unknown, as before."""

import pytest

from convlint.pipeline import Settings, lint_file, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, filled

SOURCE = '''import torch
import torch.nn as nn

activation = nn.LeakyReLU(inplace=True)
kernel = 7

if __name__ == "__main__":
    activation = nn.ReLU(inplace=True)
    kernel = "not a kernel"


class Net(nn.Module):
    def __init__(self, act: nn.Module = activation, k=kernel):
        super().__init__()
        self.conv = nn.Conv1d(12, 64, k, padding=k // 2)
        self.act = act
        self.fc = nn.Linear(WIDTH, 5)

    def forward(self, x):
        x = self.act(self.conv(x))
        return self.fc(x.mean(-1))
'''
FC_LINE = 17


def test_the_binding_before_the_guard_sizes_the_model():
    source = filled(SOURCE, {"WIDTH": "64"})
    assert_shapes_equal_torch(source, (2, 12, 100), "guarded.py")
    (model,) = lint_text(source, "guarded.py", Settings(input_shapes={"Net": (2, 12, 100)})).models
    assert model.unresolved == []
    assert any("activation" in a and "__main__" in a for a in model.assumed)
    assert any("kernel" in a and "line 9" in a for a in model.assumed)


def test_a_width_bug_beside_a_rebound_default_is_found():
    assert_bug_found_at_its_line(SOURCE, {"WIDTH": "64"}, {"WIDTH": "32"}, (2, 12, 100), FC_LINE, "CL101",
                                 "guarded.py")


def test_a_star_imported_parameter_keeps_its_value(tmp_path):
    (tmp_path / "params.py").write_text("import torch.nn as nn\nactivation = nn.LeakyReLU()\nstem_k = 5\n")
    model = '''import torch
import torch.nn as nn
from params import *


class Net(nn.Module):
    def __init__(self, act=activation):
        super().__init__()
        self.conv = nn.Conv1d(12, 64, stem_k, padding=stem_k // 2)
        self.act = act
        self.fc = nn.Linear(WIDTH, 5)

    def forward(self, x):
        return self.fc(self.act(self.conv(x)).mean(-1))


if __name__ == "__main__":
    activation = nn.ReLU()
    stem_k = 3
    print(Net()(torch.zeros(2, 12, 100)).shape)
'''
    (tmp_path / "net.py").write_text(filled(model, {"WIDTH": "32"}))
    found = lint_file(tmp_path / "net.py", str(tmp_path / "net.py"), Settings())
    assert {(d.code, d.span.line) for d in found.diagnostics if d.severity == "error"} == {("CL101", 11)}
    (tmp_path / "net.py").write_text(filled(model, {"WIDTH": "64"}))
    clean = lint_file(tmp_path / "net.py", str(tmp_path / "net.py"), Settings(input_shapes={"Net": (2, 12, 100)}))
    assert not [d for d in clean.diagnostics if d.severity == "error"]
    (net,) = clean.models
    conv = next(c for c in net.calls if c.node.path == "conv")
    assert conv.output.shape.dims == (2, 64, 100) and conv.node.record.kernel_size == (5,)
    assert any("stem_k" in a for a in net.assumed)


def test_a_name_only_the_guard_binds_stays_unknown():
    source = '''import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, width, 3)
        self.fc = nn.Linear(8, 2)

    def forward(self, x):
        return self.fc(self.conv(x).mean((2, 3)))


if __name__ == "__main__":
    width = 16
'''
    found = lint_text(source, "only_main.py", Settings(input_shapes={"Net": (1, 3, 8, 8)}))
    assert not [d for d in found.diagnostics if d.severity == "error"]
    (model,) = found.models
    conv = next(c for c in model.calls if c.node.path == "conv")
    assert conv.output.shape.dims[1] != 16 and not any("width" in a for a in model.assumed)
