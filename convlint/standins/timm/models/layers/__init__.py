"""timm.models.layers, the older path of timm.layers (timm >= 0.9 keeps it as an alias)."""

from ...layers.drop import DropBlock2d, DropPath, drop_block_2d, drop_block_fast_2d, drop_path
