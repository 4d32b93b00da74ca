"""A model its __main__ feeds two inputs (a diffusion U-Net's image and timesteps): a finding is
blamed at the line to change as for a model of one input. The blame's trial edits run the model
again on all of its inputs (with the timesteps left free, a time-embedding add was unknown in the
trial, and a flag at the block's call seemed to make it run), and a time-embedding Linear reading
the block's in width where its conv gives the out width is reported at the Linear."""

from __future__ import annotations

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

DDPM = '''
import torch
import torch.nn as nn


class TimeEmbedding(nn.Module):
    def __init__(self, T, tdim):
        super().__init__()
        self.table = nn.Embedding(T, tdim)
        self.mlp = nn.Sequential(nn.Linear(tdim, tdim), nn.SiLU(), nn.Linear(tdim, tdim))

    def forward(self, t):
        return self.mlp(self.table(t))


class ResBlock(nn.Module):
    def __init__(self, in_ch, out_ch, tdim, attn=False):
        super().__init__()
        self.block1 = nn.Sequential(nn.GroupNorm(8, in_ch), nn.SiLU(), nn.Conv2d(in_ch, out_ch, 3, padding=1))
        self.temb_proj = nn.Sequential(nn.SiLU(), nn.Linear(tdim, TEMB_WIDTH))
        self.block2 = nn.Sequential(nn.GroupNorm(8, out_ch), nn.SiLU(), nn.Conv2d(out_ch, out_ch, 3, padding=1))
        self.shortcut = nn.Conv2d(in_ch, out_ch, 1) if in_ch != out_ch else nn.Identity()
        self.attn = nn.Conv2d(out_ch, out_ch, 1) if attn else nn.Identity()

    def forward(self, x, temb):
        h = self.block1(x)
        h += self.temb_proj(temb)[:, :, None, None]
        h = self.block2(h)
        return self.attn(h + self.shortcut(x))


class UNet(nn.Module):
    def __init__(self, T, ch, ch_mult, attn):
        super().__init__()
        tdim = ch * 4
        self.time_embedding = TimeEmbedding(T, tdim)
        self.head = nn.Conv2d(3, HEAD_WIDTH, 3, padding=1)
        self.blocks = nn.ModuleList()
        now_ch = ch
        for i, mult in enumerate(ch_mult):
            for _ in range(2):
                self.blocks.append(ResBlock(in_ch=now_ch, out_ch=ch * mult, tdim=tdim,
                                            attn=(i in attn)))
                now_ch = ch * mult
        self.tail = nn.Conv2d(now_ch, 3, 3, padding=1)

    def forward(self, x, t):
        temb = self.time_embedding(t)
        h = self.head(x)
        for block in self.blocks:
            h = block(h, temb)
        return self.tail(h)


if __name__ == "__main__":
    model = UNet(T=100, ch=16, ch_mult=[1, 2, 2], attn=[1])
    x = torch.randn(4, 3, 16, 16)
    t = torch.randint(100, (4,))
    y = model(x, t)
'''

RIGHT = {"TEMB_WIDTH": "out_ch", "HEAD_WIDTH": "ch"}


def _filled(**changes) -> str:
    source = DDPM
    for name, value in {**RIGHT, **changes}.items():
        source = source.replace(name, value)
    return source


def _errors(source: str) -> list:
    return [d for d in lint_text(source, "ddpm.py", Settings()).diagnostics if d.severity == "error"]


def _torch_refuses(source: str) -> None:
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "ddpm.py", "exec"), namespace)
    model = namespace["UNet"](T=100, ch=16, ch_mult=[1, 2, 2], attn=[1])
    with pytest.raises(RuntimeError):
        model(torch.randn(4, 3, 16, 16), torch.randint(100, (4,)))


def test_the_right_model_runs_in_torch_and_is_clean():
    torch = pytest.importorskip("torch")
    source = _filled()
    namespace: dict = {}
    exec(compile(source, "ddpm.py", "exec"), namespace)
    model = namespace["UNet"](T=100, ch=16, ch_mult=[1, 2, 2], attn=[1])
    assert model(torch.randn(4, 3, 16, 16), torch.randint(100, (4,))).shape == (4, 3, 16, 16)
    assert _errors(source) == []


def test_a_time_embedding_linear_reading_the_in_width_is_blamed_at_the_linear():
    source = _filled(TEMB_WIDTH="in_ch")
    _torch_refuses(source)
    errors = _errors(source)
    assert {(d.code, d.span.line) for d in errors} == {("CL107", line_of(source, "nn.Linear(tdim, in_ch)"))}
    assert "out_features=out_ch" in errors[0].message


def test_the_flag_at_the_call_is_not_blamed_for_the_time_embedding_add():
    # the add fails with attn=True as with attn=False: the flag is no edit that makes it run
    source = _filled(TEMB_WIDTH="in_ch")
    assert not [d for d in _errors(source) if d.span.line == line_of(source, "attn=(i in attn)")]


def test_a_stem_wider_than_the_first_block_is_blamed_at_the_stem():
    source = _filled(HEAD_WIDTH="ch * 2")
    _torch_refuses(source)
    lines = {d.span.line for d in _errors(source)}
    assert line_of(source, "self.head = nn.Conv2d(3, ch * 2") in lines
