"""A tensor whose rank is not known, tested for it before the layers (`if batch['frames'].dim() ==
5:` of a video net given a dict, `x.ndim == 5`, `len(x.shape) == 5`): the path of that rank runs
with the rank fixed where the first layer the tensor reaches takes it, so an error on it is found;
the other path, where it reaches no layer that fixes a rank, is not followed. A rank the first
layer refuses is the code's own guess never taken: nothing on its path is reported."""

from __future__ import annotations

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled
from tests.source_lines import line_of

RANK_TEST = {
    "dim": "x.dim() == 5",
    "ndim": "x.ndim == 5",
    "len": "len(x.shape) == 5",
    "size": "len(x.size()) == 5",
}

VIDEO_NET = """
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv3d(3, 16, kernel_size=3, padding=1)
        self.conv2 = nn.Conv3d(WIDTH, 32, kernel_size=3, padding=1)
        self.avgpool = nn.AdaptiveAvgPool3d((1, 1, 1))
        self.fc = nn.Linear(32, num_classes)

    def forward_single(self, x):
        x = self.conv2(self.conv1(x))
        x = self.avgpool(x)
        return self.fc(x.view(x.shape[0], -1))
"""

SOURCE = VIDEO_NET + """
    def forward(self, batch):
        x = batch['frames']
        if RANK_TEST:
            return self.forward_single(x)
        return x
"""

# each rank its own path: the clips of a 7-dim batch are sliced to 5 dims
CLIPS = VIDEO_NET + """
    def forward(self, batch):
        if batch['frames'].dim() == 5:
            pred = self.forward_single(batch['frames'])
        elif batch['frames'].dim() == 7:
            pred = torch.stack([self.forward_single(batch['frames'][:, i, 0])
                                for i in range(batch['frames'].shape[1])], 1).mean(1)
        return pred
"""


def _errors(source: str) -> set:
    return {(d.code, d.span.line) for d in lint_text(source, "video.py", Settings()).diagnostics
            if d.severity == "error"}


def _run_torch(source: str) -> None:
    torch = pytest.importorskip("torch")
    built(source, "video.py")({"frames": torch.zeros(1, 3, 4, 16, 16)})


@pytest.mark.parametrize("test", sorted(RANK_TEST))
def test_an_error_on_the_path_of_the_rank_its_first_layer_takes_is_found(test):
    source = filled(SOURCE, {"RANK_TEST": RANK_TEST[test]})
    wrong = filled(source, {"WIDTH": "32"})
    with pytest.raises(RuntimeError):
        _run_torch(wrong)
    assert ("CL103", line_of(source, "WIDTH")) in _errors(wrong)
    right = filled(source, {"WIDTH": "16"})
    _run_torch(right)
    assert _errors(right) == set()


def test_the_other_path_reaching_no_layer_is_listed_as_not_followed():
    source = filled(SOURCE, {"RANK_TEST": RANK_TEST["dim"], "WIDTH": "16"})
    (model,) = [m for m in lint_text(source, "video.py", Settings()).models if m.name == "Net"]
    assert any("the path of 5 dims" in u.why for u in model.unresolved)
    assert not any("both paths followed" in u.why for u in model.unresolved)


def test_an_error_on_the_rank_path_beside_another_rank_path_is_found():
    wrong = filled(CLIPS, {"WIDTH": "32"})
    with pytest.raises(RuntimeError):
        _run_torch(wrong)
    assert ("CL103", line_of(CLIPS, "WIDTH")) in _errors(wrong)
    right = filled(CLIPS, {"WIDTH": "16"})
    _run_torch(right)
    assert _errors(right) == set()


def test_a_rank_the_first_layer_refuses_is_never_the_ground_of_an_error():
    # a Conv3d takes 4 or 5 dims: the path of 3 is one no input runs to the end
    source = filled(SOURCE, {"RANK_TEST": "x.dim() == 3", "WIDTH": "32"})
    assert _errors(source) == set()


def test_a_rank_path_whose_tensor_reaches_no_layer_as_it_came_stays_a_guess():
    # the path slices the tensor before any layer: its rank there is not the one tested
    source = filled(SOURCE, {"RANK_TEST": "x.dim() == 6", "WIDTH": "32"}).replace(
        "return self.forward_single(x)", "return self.forward_single(x[:, 0])")
    assert _errors(source) == set()


def test_another_path_left_not_followed_is_no_path_without_layers():
    # given a size, the 7-dim path's comprehension over the clips is not followed: it may run layers,
    # so both paths stay followed, and the 5-dim one still counts
    wrong = filled(CLIPS, {"WIDTH": "32"})
    result = lint_text(wrong, "video.py", Settings(input_shapes={"Net": (1, 3, 4, 16, 16)}))
    assert ("CL103", line_of(CLIPS, "WIDTH")) in {(d.code, d.span.line) for d in result.diagnostics}
    (model,) = [m for m in result.models if m.name == "Net"]
    assert not any("the path of 5 dims" in u.why for u in model.unresolved)
