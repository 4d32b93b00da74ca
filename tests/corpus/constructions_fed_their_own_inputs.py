"""A model that needs arguments, built by the file's code more than once, each instance fed its
own images (`a = Net(3, 8)` fed RGB, `b = Net(1, 8)` fed grey), or built with an optional argument
beside the required ones (`DynConv(32, 64, 3, 1, padding=1)` then `m(torch.randn(2, 32, 64, 64))`,
the attention-module zoos' `__main__` demos, xmu-xiaoma666/External-Attention-pytorch).

convlint, before: every size fed any instance went to every construction (a false CL103: Net(3, 8)
"given 1 channel"), and a construction with a non-default optional argument took none of them,
so its bug was missed (analysed on N x C x H x W).
torch: Net(3, 8) and Net(1, 8) run on their own inputs; DynConv(32, 64, 3, 1, padding=1)(x)
raises "expected input[2, 32, 1, 1] to have 4 channels, but got 32 channels instead".
"""
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3)

    def forward(self, x):
        return self.conv(x)


class Gate(nn.Module):
    def __init__(self, in_planes, K=4):
        super().__init__()
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.net = nn.Conv2d(K, K, kernel_size=1, bias=False)  # reads K where in_planes arrive

    def forward(self, x):
        return torch.sigmoid(self.net(self.avgpool(x)).view(x.shape[0], -1))


class DynConv(nn.Module):
    def __init__(self, in_planes, out_planes, kernel_size, stride, padding=0, K=4):
        super().__init__()
        self.attention = Gate(in_planes, K)

    def forward(self, x):
        return self.attention(x)


if __name__ == "__main__":
    a = Net(3, 8)
    print(a(torch.randn(2, 3, 16, 16)).shape)
    b = Net(1, 8)
    print(b(torch.randn(2, 1, 16, 16)).shape)
    m = DynConv(32, 64, 3, 1, padding=1)
    print(m(torch.randn(2, 32, 64, 64)).shape)
