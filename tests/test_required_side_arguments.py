"""A required constructor argument named as the input's side (`image_size`, `img_size`, `inp_h`)
that nothing in the file gives is taken to be that side: a head whose kernel is made of it
(`image_size // 32` after the map shrank 8 or 64 times) is CL105 for every value where no value
runs, and nothing where one does. Checked against torch over many sizes."""

import pytest
from hypothesis import given, settings, strategies as st

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

torch = pytest.importorskip("torch")

HEAD = '''
import torch.nn as nn


class D(nn.Module):
    def __init__(self, classes, image_size):
        super().__init__()
        layers = [nn.Conv2d(3, 4, 4, 2, 1), nn.LeakyReLU(0.01)]
        c = 4
        for i in range(2):
            layers += [nn.Conv2d(c, c * 2, 4, 2, 1), nn.LeakyReLU(0.01)]
            c *= 2
        self.main = nn.Sequential(*layers)
        self.cls = nn.Conv2d(c, classes, kernel_size=KERNEL, bias=False)

    def forward(self, x):
        return self.cls(self.main(x))
'''

SIDES = '''
import torch.nn as nn


class D(nn.Module):
    def __init__(self, inp_h, inp_w):
        super().__init__()
        self.main = nn.Sequential(nn.Conv2d(3, 8, 3, 2), nn.ReLU(), nn.Conv2d(8, 8, 3, 2))
        self.head = nn.Conv2d(8, 1, kernel_size=(inp_h // 8, KERNEL))

    def forward(self, x):
        return self.head(self.main(x))
'''


def _errors(source: str) -> list:
    return [(d.span.line, d.code) for d in lint_text(source, "head.py", Settings()).diagnostics
            if d.severity == "error"]


def _runs(source: str, args: tuple, size: tuple) -> bool:
    namespace: dict = {}
    exec(compile(source, "head.py", "exec"), namespace)
    try:
        namespace["D"](*args)(torch.zeros(*size))
    except RuntimeError:
        return False
    return True


def test_a_head_kernel_for_twice_the_map_is_an_error_for_every_image_size():
    wrong = HEAD.replace("KERNEL", "image_size // 4")
    assert _errors(wrong) == [(line_of(wrong, "self.cls ="), "CL105")]
    message = next(d.message for d in lint_text(wrong, "head.py", Settings()).diagnostics if d.code == "CL105")
    assert "image_size/8" in message and "image_size/4" in message


@pytest.mark.parametrize("kernel", ["image_size // 8", "image_size // 16", "image_size // 7", "image_size // 9"])
def test_a_head_kernel_some_image_size_runs_is_no_error(kernel):
    assert _errors(HEAD.replace("KERNEL", kernel)) == []


@settings(max_examples=25, deadline=None)
@given(image_size=st.integers(1, 300))
def test_torch_refuses_the_wrong_head_at_every_image_size(image_size):
    assert not _runs(HEAD.replace("KERNEL", "image_size // 4"), (5, image_size), (1, 3, image_size, image_size))


@settings(max_examples=15, deadline=None)
@given(image_size=st.integers(8, 300))
def test_torch_runs_the_right_head(image_size):
    assert _runs(HEAD.replace("KERNEL", "image_size // 8"), (5, image_size), (1, 3, image_size, image_size))


def test_other_names_of_the_side_are_tied_too():
    other = HEAD.replace("image_size", "img_size")
    assert _errors(other.replace("KERNEL", "img_size // 2")) == [(line_of(other, "self.cls ="), "CL105")]
    wrong = SIDES.replace("KERNEL", "inp_w // 2")
    assert _errors(wrong) == [(line_of(wrong, "self.head ="), "CL105")]
    right = SIDES.replace("KERNEL", "inp_w // 4 - 1")
    assert _errors(right) == []
    assert not _runs(wrong, (64, 48), (1, 3, 64, 48))
    assert _runs(right, (64, 48), (1, 3, 64, 48))


@settings(max_examples=20, deadline=None)
@given(h=st.integers(1, 200), w=st.integers(1, 200))
def test_torch_refuses_the_wrong_width_of_the_head_at_every_size(h, w):
    assert not _runs(SIDES.replace("KERNEL", "inp_w // 2"), (h, w), (1, 3, h, w))


def test_an_argument_not_named_as_a_side_is_not_tied():
    # `k` may be anything: the head's kernel is no size of the input
    assert _errors(HEAD.replace("image_size", "k").replace("KERNEL", "k // 4")) == []


@settings(max_examples=200, deadline=None)
@given(convs=st.lists(st.tuples(st.integers(1, 5), st.integers(1, 3), st.integers(0, 2)), min_size=1, max_size=4),
       divisor=st.integers(1, 40), extra=st.integers(-2, 3), padding=st.integers(0, 2))
def test_a_window_said_never_to_fit_fits_at_no_size(convs, divisor, extra, padding):
    from convlint import symbolic
    from convlint.values import Sym, dim_add, dim_floordiv

    side = Sym("H")
    for k, s, p in convs:
        side = dim_add(dim_floordiv(dim_add(side, 2 * p - k), s), 1)
    kernel = dim_add(dim_floordiv(Sym("image_size"), divisor), extra)
    if symbolic.window_fits_somewhere(side, kernel, padding, 1):
        return
    for size in range(1, 2000):
        h = size
        for k, s, p in convs:
            h = (h + 2 * p - k) // s + 1 if h >= 1 else 0
        window = size // divisor + extra
        assert not (h >= 1 and window >= 1 and h + 2 * padding >= window), size
