"""nn.Module classes nested in another class (`class UpNet(nn.Module): class Up2(nn.Module):`, built
as `UpNet.Up2(ch)` or `self.Up2(ch)`): models of their own, named as Python's __qualname__
(`UpNet.Up2`) in the report, in --input-shape and --model, checked on their own and followed where
another class builds them. Checked against torch: the bug raises there and is found at its line,
the fixed code runs clean, and the shapes of every module equal torch's."""

import pytest
from click.testing import CliRunner

from convlint.cli import main
from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, filled

torch = pytest.importorskip("torch")

# two nested upsamplers, the x4 one made of two x2 ones built by qualified name
NESTED = '''
import torch
from torch import nn


class Outer(nn.Module):
    class Up2(nn.Module):
        def __init__(self, ch=16):
            super().__init__()
            self.conv = nn.Conv2d(ch, ch * 4, 3, padding=1)
            self.shuf = nn.PixelShuffle(2)

        def forward(self, x):
            return self.shuf(self.conv(x))

    class Up4(nn.Module):
        def __init__(self, ch=16):
            super().__init__()
            self.body = nn.Sequential(
                Outer.Up2(ch),
                Outer.Up2(SECOND),
            )

        def forward(self, x):
            return self.body(x)

    def __init__(self, ch=8):
        super().__init__()
        self.head = nn.Conv2d(ch, ch, 3, padding=1)

    def forward(self, x):
        return self.head(x)
'''

# the outer model builds its nested block through self
THROUGH_SELF = '''
import torch
from torch import nn


class UpNet(nn.Module):
    class Up2(nn.Module):
        def __init__(self, ch):
            super().__init__()
            self.conv = nn.Conv2d(ch, ch * 4, 3, padding=1)
            self.shuf = nn.PixelShuffle(2)

        def forward(self, x):
            return self.shuf(self.conv(x))

    def __init__(self, ch=16):
        super().__init__()
        self.head = nn.Conv2d(3, ch, 3, padding=1)
        self.up = self.Up2(WIDTH)

    def forward(self, x):
        return self.up(self.head(x))
'''

# module classes kept in a plain namespace class
IN_A_HOLDER = '''
import torch
from torch import nn


class Blocks:
    class Stem(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(3, 16, 3, stride=2, padding=1)
            self.conv2 = nn.Conv2d(WIDTH, 32, 3, padding=1)

        def forward(self, x):
            return self.conv2(self.conv(x))
'''


def test_a_nested_class_is_checked_on_its_own():
    found = assert_bug_found_at_its_line(NESTED, {"SECOND": "ch"}, {"SECOND": "ch * 2"}, (2, 16, 6, 6), 21,
                                         "CL103", "nested.py", build=lambda ns: ns["Outer"].Up4())
    assert {"Outer", "Outer.Up2", "Outer.Up4"} <= set(found.model_names)


def test_a_nested_class_is_named_by_its_qualified_name_in_input_shape():
    source = filled(NESTED, {"SECOND": "ch"})
    assert_shapes_equal_torch(source, (2, 16, 6, 6), "nested.py", name="Outer.Up4",
                              build=lambda ns: ns["Outer"].Up4())
    assert_shapes_equal_torch(source, (2, 16, 6, 6), "nested.py", name="Outer.Up2",
                              build=lambda ns: ns["Outer"].Up2())
    result = lint_text(source, "nested.py", Settings(model="Outer.Up4", input_shapes={"Outer.Up4": (2, 16, 6, 6)}))
    assert [m.name for m in result.models] == ["Outer.Up4"]


def test_a_nested_class_built_through_self_is_followed():
    found = assert_bug_found_at_its_line(THROUGH_SELF, {"WIDTH": "ch"}, {"WIDTH": "ch * 2"}, (2, 3, 6, 6), 19, "CL103",
                                 "through_self.py", build=lambda ns: ns["UpNet"]())
    assert_shapes_equal_torch(filled(THROUGH_SELF, {"WIDTH": "ch"}), (2, 3, 6, 6), "through_self.py",
                              name="UpNet", build=lambda ns: ns["UpNet"]())
    assert found.model_names == ["UpNet", "UpNet.Up2"]


def test_a_module_class_in_a_plain_holder_class_is_a_model():
    assert_bug_found_at_its_line(IN_A_HOLDER, {"WIDTH": "16"}, {"WIDTH": "8"},
                                 (2, 3, 32, 32), 11, "CL103", "holder.py", build=lambda ns: ns["Blocks"].Stem())


def test_the_code_building_a_nested_class_feeds_it_its_input():
    source = filled(NESTED, {"SECOND": "ch * 2"}) + '''

if __name__ == "__main__":
    Outer.Up4(16)(torch.zeros(2, 16, 6, 6))
'''
    found = [d for d in lint_text(source, "nested.py", Settings()).diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in found] == [("CL103", 21)]
    assert "input 2x16x6x6" in found[0].message


# a nested block whose constructor switches on an argument: each value it names is tried, as for
# a top-level class
NESTED_SWITCH = '''
import torch
from torch import nn


class Outer(nn.Module):
    class Up(nn.Module):
        def __init__(self, scale):
            super().__init__()
            if scale == 2:
                self.conv = nn.Conv2d(16, 64, 3, padding=1)
            elif scale == 3:
                self.conv = nn.Conv2d(16, WIDTH, 3, padding=1)
            self.shuf = nn.PixelShuffle(scale)

        def forward(self, x):
            return self.shuf(self.conv(x))
'''


def test_the_values_a_nested_class_names_are_tried():
    assert_bug_found_at_its_line(NESTED_SWITCH, {"WIDTH": "144"}, {"WIDTH": "64"}, (2, 16, 6, 6), 13, "CL110",
                                 "switch.py", build=lambda ns: ns["Outer"].Up(3))
    found = [d for d in lint_text(filled(NESTED_SWITCH, {"WIDTH": "64"}), "switch.py", Settings()).diagnostics
             if d.severity == "error"]
    assert "scale=3" in found[0].message


def test_a_nested_class_is_named_by_its_own_name_where_no_other_has_it(tmp_path):
    source = filled(NESTED, {"SECOND": "ch"})
    result = lint_text(source, "nested.py", Settings(model="Up4", input_shapes={"Up4": (2, 16, 6, 6)}))
    assert [(m.name, m.input_shape.dims) for m in result.models] == [("Outer.Up4", (2, 16, 6, 6))]
    path = tmp_path / "nested.py"
    path.write_text(source)
    shown = CliRunner().invoke(main, ["summary", str(path), "--input-shape", "Up4=2,16,6,6"], catch_exceptions=False)
    assert "Outer.Up4: input 2 x 16 x 6 x 6" in shown.output and "Outer: input" not in shown.output
    assert "no model named" not in shown.output


@pytest.mark.slow
def test_confirm_builds_a_nested_class(tmp_path):
    import json

    path = tmp_path / "nested.py"
    path.write_text(filled(NESTED, {"SECOND": "ch * 2"}))
    result = CliRunner().invoke(main, [str(path), "--confirm", "--device", "cpu", "--format", "json",
                                       "--input-shape", "Outer.Up4=2,16,6,6"])
    report = json.loads(result.stdout)
    assert [(d["code"], d["confirmation"]["verdict"]) for d in report["diagnostics"]] == [("CL103", "confirmed")]
