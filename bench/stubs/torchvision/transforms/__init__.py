# stand-in for the yardstick
from . import functional
class Compose:
    def __init__(self, *a, **k): pass
    def __call__(self, x): return x
# (what the fresh42-46 manifests need too)
class _T:
    def __init__(self, *a, **k): pass
    def __call__(self, x): return x
class CenterCrop(_T):
    """crops a tensor's last two dims to size, as torchvision does (used in forward passes)"""
    def __init__(self, size):
        self.size = (size, size) if isinstance(size, int) else tuple(size)
    def __call__(self, x):
        import torch.nn.functional as F
        h, w = x.shape[-2:]
        th, tw = self.size
        if th > h or tw > w:  # torchvision pads with zeros first, as F.center_crop does
            pl, pt = max(tw - w, 0) // 2, max(th - h, 0) // 2
            pr, pb = (max(tw - w, 0) + 1) // 2, (max(th - h, 0) + 1) // 2
            x = F.pad(x, [pl, pr, pt, pb])
            h, w = x.shape[-2:]
            if h == th and w == tw:
                return x
        top, left = int(round((h - th) / 2.0)), int(round((w - tw) / 2.0))
        return x[..., top:top + th, left:left + tw]
def __getattr__(name):
    if name[:1].isupper():
        return _T
    raise AttributeError(name)
