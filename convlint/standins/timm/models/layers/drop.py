"""timm.models.layers.drop, where timm < 0.9 defines the drop layers (timm.layers.drop now)."""

from ...layers.drop import DropBlock2d, DropPath, drop_block_2d, drop_block_fast_2d, drop_path
