"""weight_norm and spectral_norm as temporal conv nets, vocoders and GAN discriminators use
them (TCN residual blocks, MelGAN/HiFi-GAN style stacks, SN-GAN discriminators), old and
parametrizations versions; the input size of each model is in the comment on its class line.
Shapes are unchanged; parameters as torch registers them (weight_g and weight_v, weight_orig,
parametrizations.weight.original0/1); mult-adds as torchinfo counts them."""
import torch.nn as nn
from torch.nn.utils import parametrizations, spectral_norm, weight_norm


class Chomp1d(nn.Module):
    def __init__(self, chomp_size):
        super().__init__()
        self.chomp_size = chomp_size

    def forward(self, x):
        return x[:, :, :-self.chomp_size].contiguous()


class TemporalBlock(nn.Module):
    def __init__(self, n_inputs, n_outputs, kernel_size, stride, dilation, padding, dropout=0.2):
        super().__init__()
        self.conv1 = weight_norm(nn.Conv1d(n_inputs, n_outputs, kernel_size, stride=stride, padding=padding,
                                           dilation=dilation))
        self.chomp1 = Chomp1d(padding)
        self.conv2 = weight_norm(nn.Conv1d(n_outputs, n_outputs, kernel_size, stride=stride, padding=padding,
                                           dilation=dilation))
        self.chomp2 = Chomp1d(padding)
        self.net = nn.Sequential(self.conv1, self.chomp1, nn.ReLU(), nn.Dropout(dropout),
                                 self.conv2, self.chomp2, nn.ReLU(), nn.Dropout(dropout))
        self.downsample = nn.Conv1d(n_inputs, n_outputs, 1) if n_inputs != n_outputs else None

    def forward(self, x):
        out = self.net(x)
        res = x if self.downsample is None else self.downsample(x)
        return out + res


class Tcn(nn.Module):  # --input-shape Tcn=2,3,20
    def __init__(self, num_inputs=3, num_channels=(8, 8, 16), kernel_size=2):
        super().__init__()
        layers = []
        for i, out_channels in enumerate(num_channels):
            dilation = 2 ** i
            in_channels = num_inputs if i == 0 else num_channels[i - 1]
            layers += [TemporalBlock(in_channels, out_channels, kernel_size, 1, dilation,
                                     (kernel_size - 1) * dilation)]
        self.network = nn.Sequential(*layers)
        self.linear = nn.Linear(num_channels[-1], 4)

    def forward(self, x):
        return self.linear(self.network(x)[:, :, -1])


class Vocoder(nn.Module):  # --input-shape Vocoder=2,16,12
    def __init__(self):
        super().__init__()
        self.pre = weight_norm(nn.Conv1d(16, 32, 7, padding=3), dim=None)
        self.up = nn.Sequential(nn.LeakyReLU(0.2), weight_norm(nn.ConvTranspose1d(32, 16, 8, 4, 2)))
        self.res = nn.ModuleList([parametrizations.weight_norm(nn.Conv1d(16, 16, 3, padding=d, dilation=d))
                                  for d in (1, 3)])
        self.post = parametrizations.weight_norm(nn.Conv1d(16, 1, 7, padding=3), dim=1)

    def forward(self, x):
        x = self.up(self.pre(x))
        for conv in self.res:
            x = x + conv(x)
        return self.post(x)


class SnDiscriminator(nn.Module):  # --input-shape SnDiscriminator=2,3,16,16
    def __init__(self, ch=8):
        super().__init__()
        self.main = nn.Sequential(
            spectral_norm(nn.Conv2d(3, ch, 3, 1, 1)), nn.LeakyReLU(0.1),
            nn.utils.spectral_norm(nn.Conv2d(ch, ch * 2, 4, 2, 1)), nn.LeakyReLU(0.1),
            parametrizations.spectral_norm(nn.Conv2d(ch * 2, ch * 4, 4, 2, 1)), nn.LeakyReLU(0.1),
        )
        self.fc = spectral_norm(nn.Linear(ch * 4 * 4 * 4, 1), name="weight")
        self.embed = weight_norm(nn.Linear(10, 2), name="bias")

    def forward(self, x):
        h = self.main(x)
        return self.fc(h.view(h.size(0), -1)) + self.embed(h.mean((2, 3))[:, :10]).sum(1, keepdim=True)


class CausalConv1d(nn.Conv1d):
    """pytorch-tcn's conv: a subclass whose forward pads and calls the base's."""

    def forward(self, x):
        x = nn.functional.pad(x, (self.dilation[0] * (self.kernel_size[0] - 1), 0))
        return super().forward(x)


class SubclassTcn(nn.Module):  # --input-shape SubclassTcn=2,4,12
    def __init__(self):
        super().__init__()
        self.conv1 = parametrizations.weight_norm(CausalConv1d(4, 8, 3, dilation=1))
        self.conv2 = weight_norm(CausalConv1d(8, 8, 3, dilation=2))

    def forward(self, x):
        return self.conv2(nn.functional.relu(self.conv1(x)))
