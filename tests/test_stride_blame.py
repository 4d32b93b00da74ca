"""Blame the layer whose stride stands out (tests/corpus/stride_blame.py), against torch."""

from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_file

CORPUS = Path(__file__).parent / "corpus"
NAME = "stride_blame.py"
SHAPE = (2, 3, 32, 32)
MODELS = ("Critic", "HalvingCritic", "Encoder", "UnstridedEncoder", "WrongHead")


def _line(text: str) -> int:
    return next(i for i, line in enumerate((CORPUS / NAME).read_text().splitlines(), 1) if text in line)


def test_the_layer_whose_stride_stands_out_is_blamed():
    result = lint_file(CORPUS / NAME, NAME, Settings(input_shapes={m: SHAPE for m in MODELS}))
    errors = {(d.model, d.code): d for d in result.diagnostics if d.severity == "error" and d.model in MODELS}
    assert sorted(errors) == [("HalvingCritic", "CL102"), ("UnstridedEncoder", "CL101"), ("WrongHead", "CL101")]
    halving = errors[("HalvingCritic", "CL102")]
    assert halving.span.line == _line("super().__init__(stride=1)")  # where the stride is written
    assert halving.related[0].line == _line("x.view(-1, 32 * 8 * 8)")
    assert f"conv.2 on line {_line('nn.Conv2d(16, 32, 4, stride, 1)')} given stride=2 makes it run (kernel 4 with padding 1" \
        in halving.message
    unstrided = errors[("UnstridedEncoder", "CL101")]
    assert unstrided.span.line == _line("super().__init__(last=1)")
    assert "every other conv with kernel 3 here has stride 2" in unstrided.message
    # the head's count, written by the caller: there, as the strides agree
    assert errors[("WrongHead", "CL101")].span.line == _line("super().__init__(features=64 * 8 * 8)")


def test_with_no_input_size_a_stride_that_no_size_survives_is_blamed_where_it_is_written():
    """The CycleGAN block's add fails for every input size (CL107, proved by rerunning the sizes it
    meets at); tried at 64 and 32 pixels, the block's conv1 given stride 1 like every other 3x3
    conv makes the model run: the caller's `stride=2` is what to change."""
    result = lint_file(CORPUS / NAME, NAME, Settings())
    errors = [(d.model, d.code, d.span.line) for d in result.diagnostics if d.severity == "error"]
    assert ("StridedResnetGenerator", "CL107", _line("ReflectBlock(16, stride=2)")) in errors
    # the image channels a required argument: still tried (a width is checked for every value)
    assert ("StridedBlockGenerator", "CL107", _line("a residual block's conv at stride 2")) in errors
    assert not [e for e in errors if e[0] in ("ResnetGenerator", "ReflectBlock")]


def test_torch_agrees():
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile((CORPUS / NAME).read_text(), NAME, "exec"), namespace)
    for model in ("Critic", "Encoder", "ResnetGenerator"):
        namespace[model]()(torch.zeros(*SHAPE))
    for side in (4, 8, 16, 32, 64):
        with pytest.raises(RuntimeError):
            namespace["StridedResnetGenerator"]()(torch.zeros(2, 3, side, side))
        with pytest.raises(RuntimeError):
            namespace["StridedBlockGenerator"](3)(torch.zeros(2, 3, side, side))
    for model in ("HalvingCritic", "UnstridedEncoder", "WrongHead"):
        with pytest.raises(RuntimeError):
            namespace[model]()(torch.zeros(*SHAPE))
