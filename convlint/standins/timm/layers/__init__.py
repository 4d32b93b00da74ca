"""timm.layers as convlint reads it: only the drop layers, which keep their input's shape; every
other name of timm stays unknown, as a library's names are."""

from .drop import DropBlock2d, DropPath, drop_block_2d, drop_block_fast_2d, drop_path
