"""Models with a shape bug no input size avoids (checked in torch on a grid of sizes), and
correct neighbours of each, which run on some sizes and get no error."""

import torch
import torch.nn as nn
import torch.nn.functional as F


class SkipMissesPadding(nn.Module):
    """The skip branch's conv has no padding: H-2 never equals 2*(H/2)."""

    def __init__(self):
        super().__init__()
        self.enc = nn.Conv2d(3, 8, 3, padding=1)
        self.skip = nn.Conv2d(8, 8, 3)  # BUG CL107 (the one layer on the two paths that is not exact)
        self.pool = nn.MaxPool2d(2)
        self.up = nn.ConvTranspose2d(8, 8, 2, stride=2)

    def forward(self, x):
        e = self.enc(x)
        s = self.skip(e)
        d = self.up(self.pool(e))
        return torch.cat([s, d], 1)  # torch stops here


class SkipPadded(SkipMissesPadding):
    def __init__(self):
        super().__init__()
        self.skip = nn.Conv2d(8, 8, 3, padding=1)


class EvenHead(nn.Module):
    """Pool then transposed conv: every side is even, so 16 x h x w is never 16 x 25."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.up = nn.ConvTranspose2d(16, 16, 2, stride=2)
        self.fc = nn.Linear(16 * 5 * 5, 10)  # BUG CL101

    def forward(self, x):
        x = self.up(self.pool(self.conv(x)))
        return self.fc(x.flatten(1))


class EvenHeadFixed(EvenHead):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(16 * 6 * 6, 10)


class ResidualShrinks(nn.Module):
    """x + f(x) where f halves: H and floor((H-1)/2)+1 only broadcast at H = 1 or 2, which
    torch accepts. Only 1- and 2-pixel inputs run: an error all the same, at the add (the missing
    stride may be either path's)."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.down = nn.Conv2d(8, 8, 3, stride=2, padding=1)

    def forward(self, x):
        x = self.stem(x)
        return x + self.down(x)  # TINY CL107


class FixedView(nn.Module):
    """view(N, 100) of 16 x (H-2) x (W-2) features: never 100."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3)
        self.fc = nn.Linear(100, 10)

    def forward(self, x):
        x = self.conv(x)
        x = x.view(x.size(0), 100)  # BUG CL102
        return self.fc(x)


class FixedViewFits(FixedView):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)


class TwoPoolsThenLinear(nn.Module):
    """64 x h x w features, and in_features 3137 is not a multiple of 64."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.fc = nn.Linear(64 * 7 * 7 + 1, 10)  # BUG CL101

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc(torch.flatten(x, 1))


class ViewHead(nn.Module):
    """The same count written with x.view(x.size(0), -1), as most CIFAR zoos flatten."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 64, 3, padding=1)
        self.fc = nn.Linear(64 * 4 * 4 + 8, 10)  # BUG CL101

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv(x)), 2)
        x = x.view(x.size(0), -1)
        return self.fc(x)


class ReconstructionViewedAsInput(nn.Module):
    """decode(encode(x)).view(x.size()): the bottleneck conv's kernel 6 where the decoder undoes
    a kernel of 4, so the output side is 4*(H/4)-8, below H at every size. Reported at that conv:
    given the kernel of the transposed conv that undoes it, the model runs."""

    def __init__(self):
        super().__init__()
        self.encode = nn.Sequential(nn.Conv2d(3, 8, 4, 2, 1), nn.ReLU(), nn.Conv2d(8, 8, 4, 2, 1), nn.ReLU(),
                                    nn.Conv2d(8, 16, 6, 1))  # BUG CL102 (where the view breaks: line 130)
        self.decode = nn.Sequential(nn.ConvTranspose2d(16, 8, 4), nn.ReLU(), nn.ConvTranspose2d(8, 8, 4, 2, 1),
                                    nn.ReLU(), nn.ConvTranspose2d(8, 3, 4, 2, 1))

    def forward(self, x):
        return self.decode(self.encode(x)).view(x.size())


class ReconstructionFits(ReconstructionViewedAsInput):
    def __init__(self):
        super().__init__()
        self.encode[4] = nn.Conv2d(8, 16, 4, 1)


class UpsampleOvershoots(nn.Module):
    """An hourglass whose upsample does not undo its pool: H against 4*(H/2), which meet at no
    size where the pool gives a map (H = 1 is the only size they broadcast at; the pool stops)."""

    def __init__(self):
        super().__init__()
        self.up1 = nn.Conv2d(3, 8, 3, padding=1)
        self.low = nn.Sequential(nn.MaxPool2d(2, 2), nn.Conv2d(3, 8, 3, padding=1))
        self.up2 = nn.Upsample(scale_factor=4, mode="nearest")

    def forward(self, x):
        return self.up1(x) + self.up2(self.low(x))  # BUG CL107


class UpsampleUndoesThePool(UpsampleOvershoots):
    def __init__(self):
        super().__init__()
        self.up2 = nn.Upsample(scale_factor=2, mode="nearest")
