"""An input size written with a starred tuple constant: `torch.randn(64, *img_shape)` with
`img_shape = (1, 28, 28)` at module level, as the PyTorch-GAN scripts and many MNIST examples
spell their sizes.

convlint (no options): reads the hint as a ONE-dim input [64] (input_source line 30, kind
"call"), then reports a false CL101 at line 19: "fc1 = Linear(784, 128) expects 784 input features,
but the input gives 1 per sample (input 64 from line 30: model(x))".
torch: MLP()(torch.randn(64, *img_shape)) -> torch.Size([64, 10]); the input is 64x1x28x28.
"""
import torch
import torch.nn as nn

img_shape = (1, 28, 28)


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(28 * 28, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = x.view(x.size(0), -1)
        return self.fc2(torch.relu(self.fc1(x)))


if __name__ == "__main__":
    model = MLP()
    x = torch.randn(64, *img_shape)
    print(model(x).shape)
