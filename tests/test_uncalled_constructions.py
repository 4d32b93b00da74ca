"""A block file whose `__main__` only builds the block and shows it (`net = Block(3, 32, 128)`,
`print(net)`), never feeding it an input: torch runs the file, so an error that only those
arguments make (a residual add of 128 channels onto the 3 given, where every real user builds it
with in == hidden) is none of the code's. convlint took that construction as the model, made up
an input and reported CL107 there. Now such a construction is a weak witness: its errors are
kept only where the class analysed as if nothing built it meets them too, and that analysis's
errors (a body that fails whatever the arguments) are reported. A construction the code calls,
or one a summary is given, keeps its error; another file's construction that is fed comes first."""

import pytest

from convlint.pipeline import Settings, lint_file, lint_text
from tests.torch_cases import filled
from tests.source_lines import line_of

BLOCK = '''import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, cin, res, hidden):
        super().__init__()
        self.body = nn.Sequential(
            nn.ReLU(),
            nn.Conv2d(cin, FIRST_OUT, 3, padding=1),
            nn.ReLU(),
            nn.Conv2d(SECOND_IN, hidden, 1SECOND_PADDING),
        )

    def forward(self, x):
        out = self.body(x)
        out += x
        return out


MAIN
'''

RIGHT = {"FIRST_OUT": "res", "SECOND_IN": "res", "SECOND_PADDING": ""}
PADDED = {**RIGHT, "SECOND_PADDING": ", padding=1"}  # a 1x1 conv that grows the map: every build fails
WIDTHS = {**RIGHT, "FIRST_OUT": "32", "SECOND_IN": "64"}  # 32 given where 64 is taken: every build fails

SHOWN = {
    "printed": 'if __name__ == "__main__":\n    net = Block(3, 32, 128)\n    print(net)\n',
    "printed-inline": 'print(Block(3, 32, 128))\n',
    "moved-and-counted": ('if __name__ == "__main__":\n    net = Block(3, 32, 128)\n    net = net.to("cpu")\n'
                          '    net.eval()\n    print(f"{net}", sum(p.numel() for p in net.parameters()))\n'),
    "in-a-main-function": ('def main():\n    net = Block(3, 32, 128)\n    print(net)\n\n\n'
                           'if __name__ == "__main__":\n    main()\n'),
    "beside-a-model-building-it": (
        "class Encoder(nn.Module):\n    def __init__(self, cin, h, res):\n        super().__init__()\n"
        "        self.stem = nn.Conv2d(cin, h, 3, padding=1)\n"
        "        self.blocks = nn.Sequential(Block(h, res, h), Block(h, res, h))\n\n"
        "    def forward(self, x):\n        return self.blocks(self.stem(x))\n\n\n"
        'if __name__ == "__main__":\n    print(Block(3, 32, 128))\n'
        "    print(Encoder(3, 64, 32)(torch.zeros(2, 3, 16, 16)).shape)\n"),
}
CALLED = {
    "called-at-once": 'if __name__ == "__main__":\n    print(Block(3, 32, 128)(torch.randn(2, 3, 8, 8)).shape)\n',
    "called-by-name": ('if __name__ == "__main__":\n    net = Block(3, 32, 128)\n    print(net)\n'
                       '    net(torch.randn(2, 3, 8, 8))\n'),
    "shown-then-built-alike-and-called": ('if __name__ == "__main__":\n    print(Block(3, 32, 128))\n'
                                          '    m = Block(3, 32, 128)\n    m(torch.randn(2, 3, 8, 8))\n'),
}


def _source(values: dict, main: str) -> str:
    return filled(BLOCK, {**values, "MAIN": main})


def _run_as_main(source: str) -> dict:
    pytest.importorskip("torch")
    namespace: dict = {"__name__": "__main__"}
    exec(compile(source, "block.py", "exec"), namespace)
    return namespace


def _errors(result) -> list[tuple[int, str]]:
    return [(d.span.line, d.code) for d in result.diagnostics if d.severity == "error"]


@pytest.mark.parametrize("main", SHOWN.values(), ids=SHOWN.keys())
def test_a_block_only_built_and_shown_meets_no_error(main, capsys):
    source = _source(RIGHT, main)
    _run_as_main(source)  # torch runs the file: nothing is fed
    result = lint_text(source, "block.py", Settings())
    assert _errors(result) == []
    (model,) = [m for m in result.models if m.name == "Block"]
    assert any("never fed an input" in u.why for u in model.unresolved)


@pytest.mark.parametrize("main", CALLED.values(), ids=CALLED.keys())
def test_a_construction_the_code_feeds_keeps_its_error(main):
    source = _source(RIGHT, main)
    with pytest.raises(RuntimeError, match="must match the size"):
        _run_as_main(source)
    result = lint_text(source, "block.py", Settings())
    assert _errors(result) == [(line_of(source, "Block(3, 32, 128)" if "m = " not in main else "m = "), "CL107")]


def test_an_input_shape_given_binds_the_construction_and_its_error():
    source = _source(RIGHT, SHOWN["printed"])
    result = lint_text(source, "block.py", Settings(input_shapes={"Block": (2, 3, 8, 8)}))
    assert [code for _, code in _errors(result)] == ["CL107"]


@pytest.mark.parametrize("wrong, at", [(PADDED, "1, padding=1"), (WIDTHS, "nn.Conv2d(64")], ids=["padding", "widths"])
@pytest.mark.parametrize("main", [SHOWN["printed"], SHOWN["in-a-main-function"]], ids=["main", "function"])
def test_a_bug_of_the_block_body_is_found_at_its_line_whatever_the_arguments(wrong, at, main, capsys):
    source = _source(wrong, main)
    namespace = _run_as_main(source)
    torch = pytest.importorskip("torch")
    for arguments in [(32, 32, 32), (3, 32, 128), (64, 64, 64)]:  # every build fails, in == hidden too
        with pytest.raises(RuntimeError):
            namespace["Block"](*arguments)(torch.zeros(2, arguments[0], 8, 8))
    errors = _errors(lint_text(source, "block.py", Settings()))
    assert line_of(source, at) in [line for line, _ in errors]
    assert {code for _, code in errors} <= {"CL103", "CL107"}


def test_the_project_s_fed_construction_comes_before_one_only_shown(tmp_path):
    (tmp_path / "block.py").write_text(_source(PADDED, SHOWN["printed"]))
    (tmp_path / "train.py").write_text(
        "import torch\nfrom block import Block\n\nmodel = Block(64, 32, 64)\nprint(model(torch.randn(2, 64, 16, 16)))\n")
    path = tmp_path / "block.py"
    result = lint_file(path, str(path), Settings())
    (finding,) = [d for d in result.diagnostics if d.severity == "error"]
    assert (finding.span.line, finding.code) == (line_of(path.read_text(), "1, padding=1"), "CL107")
    assert "2x64x18x18" in finding.message and "train.py line 5" in finding.message
    (tmp_path / "block.py").write_text(_source(RIGHT, SHOWN["printed"]))
    assert _errors(lint_file(path, str(path), Settings())) == []


def test_a_construction_bound_and_never_read_again_is_the_scripts_model():
    """`net = Block(3, 128)` and nothing after it: a script whose code feeding the model is
    elsewhere or cut; its arguments are the script's, and the add they break is reported there."""
    source = '''
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, cin, hidden):
        super().__init__()
        self.conv = nn.Conv2d(cin, hidden, 1)

    def forward(self, x):
        return self.conv(x) + x


if __name__ == "__main__":
    net = Block(3, 128)
'''
    errors = [(d.code, d.span.line) for d in lint_text(source, "block.py", Settings()).diagnostics
              if d.severity == "error"]
    assert errors == [("CL107", 15)]
    shown = source + "    print(net)\n"
    assert not [d for d in lint_text(shown, "block.py", Settings()).diagnostics if d.severity == "error"]
