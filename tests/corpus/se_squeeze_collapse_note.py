"""CL209 (info) "collapse" on the squeeze of a squeeze-and-excitation block: `w =
F.avg_pool2d(out, out.size(2))` pools the branch to 1x1, the 1x1 weights are multiplied back
into the full map (`out * w`), and the next blocks run on the full-size map. CL209 walks the
conv/pool calls in call order, not along the data, so it says every later conv "follows" the
1x1 map.

From kuangliu/pytorch-cifar models/senet.py (SENet18, BasicBlock and PreActBlock).

convlint (no options) on the real file:
  senet.py:69:13: CL209 [info] F.avg_pool2d = AvgPool2d(32) reduces a spatial dim to 1, but 22
    more conv/pool layer(s) follow, starting with layer1.1.conv1 (input 1x3x32x32 from line 118:
    net(torch.randn(1,3,32,32)))
On this file: "se_squeeze_collapse_note.py:34:13: info CL209 F.avg_pool2d = AvgPool2d(32)
reduces a spatial dim to 1, but 1 more conv/pool layer(s) follow, starting
with conv2 (input 2x16x32x32 from line 41 ...)".
torch: conv2 runs on 2x16x32x32 (the full map), as the hooks show; nothing after the squeeze
sees a 1x1 map except fc1/fc2 (1x1 kernels, which CL209 already skips).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class SEBlock(nn.Module):
    def __init__(self, planes=16):
        super().__init__()
        self.conv1 = nn.Conv2d(planes, planes, 3, padding=1, bias=False)
        self.fc1 = nn.Conv2d(planes, planes // 4, kernel_size=1)
        self.fc2 = nn.Conv2d(planes // 4, planes, kernel_size=1)
        self.conv2 = nn.Conv2d(planes, planes, 3, padding=1, bias=False)

    def forward(self, x):
        out = F.relu(self.conv1(x))
        w = F.avg_pool2d(out, out.size(2))
        w = torch.sigmoid(self.fc2(F.relu(self.fc1(w))))
        out = out * w
        return self.conv2(out)


if __name__ == "__main__":
    print(SEBlock()(torch.randn(2, 16, 32, 32)).shape)
