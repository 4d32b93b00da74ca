import torch
from torch import nn

from .decoder import Conv, Decoder


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = Conv(3, 16)
        self.down = nn.MaxPool2d(2)
        self.mid = Conv(16, 32)
        self.dec = Decoder(16)

    def forward(self, x):
        skip = self.enc(x)
        return self.dec(self.mid(self.down(skip)), skip)


if __name__ == "__main__":
    print(Net()(torch.randn(1, 3, 32, 32)).shape)
