"""One-hot tables built with torch.eye and picked with index_select (capsule nets' decoders, a
label's one-hot in a conditional GAN): their shapes are followed. torch: CapsuleDecoder runs on
2x10x16; WrongCapsuleDecoder and EyeHead raise."""

import torch
import torch.nn as nn


class CapsuleDecoder(nn.Module):
    def __init__(self, features=16 * 10):
        super().__init__()
        self.fc = nn.Linear(features, 64)

    def forward(self, x):
        picked = x.norm(dim=2).argmax(dim=1)
        mask = torch.eye(10).index_select(dim=0, index=picked)
        return self.fc((x * mask[:, :, None]).view(x.size(0), -1))


class WrongCapsuleDecoder(CapsuleDecoder):
    def __init__(self):
        super().__init__(features=16 * 8)  # [CL101] 8 classes, but the capsules hold 10


class EyeHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(12, 5)  # [CL101] torch.eye(10, 11) has 11 columns

    def forward(self, x):
        return self.fc(torch.sparse.torch.eye(10, 11)) + x.sum()  # (torch.sparse imports torch)
