"""Namedtuples (typing.NamedTuple classes, collections.namedtuple and the functional NamedTuple)
are tuples whose items have names: a layer sized by a field, an item, an unpacked pair or a
loop over a list of them is sized as torch sizes it."""

from __future__ import annotations

import warnings

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_shapes_equal_torch, built, filled, module_shapes

BLOCK = '''
from typing import NamedTuple

import torch.nn as nn


class BlockMeta(NamedTuple):
    dilation: int
    out_len: int
    width: int = 8


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        meta = BUILT
        self.conv = nn.Conv1d(8, meta.width, kernel_size=2, dilation=meta.dilation)
        self.fc = nn.Linear(meta.width * meta.out_len, 2)

    def forward(self, x):
        x = self.conv(x)
        return self.fc(x.flatten(1))
'''


@pytest.mark.parametrize("built_as", ["BlockMeta(3, OUT)", "BlockMeta(out_len=OUT, dilation=3)",
                                      "BlockMeta(3, OUT, 8)", "BlockMeta._make([3, OUT, 8])"])
def test_a_field_of_a_typing_namedtuple_sizes_the_layers(built_as):
    right = filled(BLOCK, {"BUILT": built_as.replace("OUT", "17")})
    assert_shapes_equal_torch(right, (2, 8, 20), "block.py")
    wrong = filled(BLOCK, {"BUILT": built_as.replace("OUT", "18")})
    with pytest.raises(RuntimeError):
        module_shapes(built(wrong, "block.py"), (2, 8, 20))
    found = {(d.code, d.span.line) for d in lint_text(wrong, "block.py", Settings(input_shapes={"Net": (2, 8, 20)}))
             .diagnostics if d.severity == "error"}
    assert ("CL101", 18) in found


FORMS = '''
import collections
import typing
from typing import NamedTuple

import torch
import torch.nn as nn

Point = collections.namedtuple("Point", ["dilation", "width"], defaults=(16,))
Pair = NamedTuple("Pair", [("dilation", int), ("width", int)])
Keyed = typing.NamedTuple("Keyed", dilation=int, width=int)


class Meta(NamedTuple):
    dilation: int
    width: int = 16

    @property
    def double(self):
        return 2 * self.dilation

    def grown(self, k):
        return self.width * k


class Halved(collections.namedtuple("Halved", "dilation width")):
    def half(self):
        return self.width // 2


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        m, p, q, k, h = Meta(2), Point(3), Pair(2, 4), Keyed(dilation=4, width=6), Halved(2, 12)
        a, b = Meta(5, 7)
        self.c1 = nn.Conv1d(8, m.width, 2, dilation=m[0])
        self.c2 = nn.Conv1d(m[-1], p[1], 2, dilation=p[0])
        self.c3 = nn.Conv1d(16, len(q) * q.width, 2, dilation=q.dilation)
        self.c4 = nn.Conv1d(8, k[1], 2, dilation=k.dilation)
        self.c5 = nn.Conv1d(6, h.half(), 2, dilation=h[0])
        self.c6 = nn.Conv1d(6, b, 2, dilation=a)
        self.c7 = nn.Conv1d(7, m.grown(1), 2, dilation=m.double)
        self.c8 = nn.Conv1d(16, sum(m), 2, dilation=m._replace(dilation=3).dilation)
        self.c9 = nn.Conv1d(18, max(*p), 2, dilation=tuple(q)[0] if isinstance(m, Meta) else 7)
        metas = [Meta(1, 8), Meta(2, 8), Meta(3, 16)]
        self.blocks = nn.ModuleList(nn.Conv1d(16 if i == 0 else metas[i - 1].width, meta.width, 2,
                                              dilation=meta.dilation) for i, meta in enumerate(metas))

    def forward(self, x):
        x = self.c9(self.c8(self.c7(self.c6(self.c5(self.c4(self.c3(self.c2(self.c1(x)))))))))
        for block in self.blocks:
            x = block(x)
        return x
'''


def test_every_form_of_namedtuple_is_a_tuple_with_named_fields():
    """Fields, items (negative too), unpacking, len, sum and *-spreading, _replace, _make, a
    property and a method of the class, isinstance, a subclass of namedtuple(...), and a loop over
    a list of them: every module's shape is torch's."""
    assert_shapes_equal_torch(FORMS, (2, 8, 120), "forms.py")
    model = [m for m in lint_text(FORMS, "forms.py", Settings()).models if m.name == "Net"][0]
    assert not model.unresolved


def test_a_namedtuple_with_its_own_new_is_not_guessed():
    """A __new__ of its own decides the fields: not followed, so nothing is reported on a guess."""
    source = '''
from collections import namedtuple

import torch.nn as nn


class Meta(namedtuple("Meta", "dilation width", defaults=(8,))):
    def __new__(cls, dilation):
        return super().__new__(cls, dilation, 16)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        meta = Meta(2)
        self.conv = nn.Conv1d(8, meta.width, 2, dilation=meta.dilation)
        self.fc = nn.Linear(16 * 18, 2)

    def forward(self, x):
        return self.fc(self.conv(x).flatten(1))
'''
    module_shapes(built(source, "new.py"), (2, 8, 20))  # 16 channels of 20 - 2 = 18: torch runs it
    result = lint_text(source, "new.py", Settings(input_shapes={"Net": (2, 8, 20)}))
    assert [d for d in result.diagnostics if d.severity == "error"] == []


def test_a_record_holding_unknowns_dumps_without_pydantic_warnings():
    """`convlint summary` compares models by their first conv's record: a dilation not known is
    None there, as the JSON report writes an unknown, never a pydantic serializer warning."""
    from convlint.records import ConvRecord
    from convlint.values import Unknown

    record = ConvRecord(type="Conv1d", ndim=1, in_channels=8, out_channels=8, kernel_size=(2,), stride=(1,),
                        padding=(0,), dilation=(Unknown("attribute dilation"),), output_padding=(0,),
                        groups=Unknown("groups"), bias=Unknown("bias"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dumped = record.model_dump()
        assert record.model_dump_json()
    assert dumped["dilation"] == (None,) and dumped["groups"] is None and dumped["bias"] is None


def test_summary_of_a_model_with_an_unknown_dilation_warns_nothing(tmp_path):
    from click.testing import CliRunner

    from convlint.cli import main

    path = tmp_path / "net.py"
    path.write_text('''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.conv = nn.Conv1d(8, 8, kernel_size=2, dilation=cfg.dilation)

    def forward(self, x):
        return self.conv(x)
''')
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = CliRunner().invoke(main, ["summary", str(path), "--model", "Net", "--input-shape", "Net=2,8,20"])
    assert result.exit_code == 0, result.output
    assert "Pydantic" not in result.output
