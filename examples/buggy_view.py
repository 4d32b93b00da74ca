"""The CIFAR-10 tutorial net with conv2 widened to 32 channels: x.view(-1, 16 * 5 * 5) still runs, but turns 4 images into 8 rows."""
import torch.nn as nn
import torch.nn.functional as F


# convlint: input-shape=(4, 3, 32, 32)
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 32, 5)  # was nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        # (4, 32, 5, 5) holds 800 features per image; rows of 400 make a batch of 8
        x = x.view(-1, 16 * 5 * 5)  # [CL102]
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)
