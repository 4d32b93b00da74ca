"""MaxUnpool given an output_size torch refuses (outside the default size +/- the stride): a
SegNet decoder passing the size saved before another stage's pool. An error at that call, with
torch's complaint, and the unpool's output the default size after it (as the fix gives), so a
later unpool's indices are still checked."""

from __future__ import annotations

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes

FUNCTIONAL = '''
import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc0 = nn.Conv2d(3, 8, 3, padding=1)
        self.enc1 = nn.Conv2d(8, 8, 3, padding=1)
        self.dec1 = nn.Conv2d(8, 8, 3, padding=1)
        self.dec0 = nn.Conv2d(8, 2, 3, padding=1)

    def forward(self, x):
        dim_0 = x.size()
        x, idx0 = F.max_pool2d(self.enc0(x), kernel_size=2, stride=2, return_indices=True)
        dim_1 = x.size()
        x, idx1 = F.max_pool2d(self.enc1(x), kernel_size=2, stride=2, return_indices=True)
        x = F.max_unpool2d(x, FIRST_INDICES, kernel_size=2, stride=2, output_size=FIRST_SIZE)
        x = self.dec1(x)
        x = F.max_unpool2d(x, idx0, kernel_size=2, stride=2, output_size=dim_0)
        return self.dec0(x)
'''
FIRST_UNPOOL = 18
MODULE = '''
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.pool = nn.MaxPool2d(2, 2, return_indices=True)
        self.unpool = nn.MaxUnpool2d(2, 2)
        self.out = nn.Conv2d(8, 2, 3, padding=1)

    def forward(self, x):
        size = x.size()
        x, idx = self.pool(self.conv(x))
        half = x.size()
        x, idx2 = self.pool(x)
        x = self.unpool(x, idx2, output_size=SIZE)
        x = self.unpool(x, idx, output_size=size)
        return self.out(x)
'''
RIGHT = {"FIRST_INDICES": "idx1", "FIRST_SIZE": "dim_1"}
WRONG = {"FIRST_INDICES": "idx1", "FIRST_SIZE": "dim_0"}


def errors(source: str, settings: Settings | None = None) -> list:
    return [d for d in lint_text(source, "segnet.py", settings or Settings()).diagnostics if d.severity == "error"]


@pytest.mark.parametrize("settings", [Settings(), Settings(input_shapes={"Net": (2, 3, 32, 32)})],
                         ids=["symbolic", "given"])
def test_an_output_size_of_another_stage_is_an_error_at_the_unpool(settings):
    wrong = filled(FUNCTIONAL, WRONG)
    with pytest.raises(ValueError, match="invalid output_size"):
        module_shapes(built(wrong, "segnet.py"), (2, 3, 32, 32))
    found = errors(wrong, settings)
    assert [(d.code, d.span.line) for d in found] == [("CL107", FIRST_UNPOOL)], [d.message for d in found]
    assert "invalid output_size" in found[0].message and "must be between" in found[0].message
    if settings.input_shapes:
        assert 'invalid output_size "[32, 32]" (dim 0 must be between 14 and 18)' in found[0].message


def test_the_right_output_size_is_clean_and_its_shapes_are_torchs():
    right = filled(FUNCTIONAL, RIGHT)
    assert errors(right) == []
    for size in ((2, 3, 32, 32), (2, 3, 33, 35)):  # an odd side: output_size 33 is not the default 32
        (model,) = lint_text(right, "segnet.py", Settings(input_shapes={"Net": size})).models
        predicted = {c.node.path: tuple(c.output.shape.dims) for c in model.calls if c.output.shape.dims is not None}
        for path, shape in module_shapes(built(right, "segnet.py"), size).items():
            assert predicted.get(path) == shape, path


def test_the_indices_of_another_stage_are_still_found_beside_it():
    both = filled(FUNCTIONAL, {"FIRST_INDICES": "idx0", "FIRST_SIZE": "dim_1"})
    with pytest.raises(RuntimeError, match="Expected shape of indices"):
        module_shapes(built(both, "segnet.py"), (2, 3, 32, 32))
    assert [(d.code, d.span.line) for d in errors(both)] == [("CL107", FIRST_UNPOOL)]


def test_the_unpool_module_given_a_refused_output_size_is_an_error():
    wrong = MODULE.replace("SIZE", "size")
    with pytest.raises(ValueError, match="invalid output_size"):
        module_shapes(built(wrong, "segnet.py"), (2, 3, 32, 32))
    for settings in (Settings(), Settings(input_shapes={"Net": (2, 3, 32, 32)})):
        found = errors(wrong, settings)
        assert [(d.code, d.span.line) for d in found] == [("CL107", 17)], [d.message for d in found]
    right = MODULE.replace("SIZE", "half")
    assert errors(right) == []
    module_shapes(built(right, "segnet.py"), (2, 3, 32, 32))
