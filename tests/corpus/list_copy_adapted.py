"""`window_size, shift_size = self.window_size.copy(), self.shift_size.copy()` and a helper that
shrinks the window to the map (`if size[i] <= window[i]: window[i] = size[i]`): torchvision's
video Swin (video/swin_transformer.py ShiftedWindowAttention3d.forward), the copy so that the
module's own list stays as built; `.reverse()` and `.sort()` of sizes are as common.

convlint, before: list.copy() was not known ("a condition not known statically" on the window,
every shape after it unknown: swin3d_t 29 of 177 modules matching torch). torch: runs; at
(2, 4, 4, 8) the window shrinks from 7 to 4 and `proj` gets (2, 4, 4, 8).
"""
import torch.nn as nn


def adapt(shift, size, window):
    for i in range(2):
        if size[i] <= window[i]:
            window[i] = size[i]
            shift[i] = 0
    return window, shift


class Windowed(nn.Module):
    def __init__(self, window_size=[7, 7], shift_size=[3, 3]):
        super().__init__()
        self.window_size = window_size
        self.shift_size = shift_size
        self.proj = nn.Linear(8, 8)
        self.head = nn.Linear(7, 10)

    def forward(self, x):
        _, h, w, _ = x.shape
        window, shift = self.window_size.copy(), self.shift_size.copy()
        window, shift = adapt(shift, [h, w], window)
        order = [w, 1, h]
        order.sort(reverse=True)
        order.reverse()  # [1, h, w]: back to ascending
        y = self.proj(x[:, : window[0], : order[2]])
        return self.head(x.new_zeros(x.shape[0], self.window_size[0])) + y.mean()  # still 7: a copy was shrunk
