"""TS-TCC's model form (emadeldeen24/TS-TCC models/model.py): `base_Model(configs)` reads only
attributes of a `Config()` from config_files/<Dataset>_Configs.py, which main.py chooses with
`exec(f'from config_files.{data_type}_Configs import Config as Configs')`, data_type the default
of its --selected_dataset option, and builds at module level (`model = base_Model(configs)`).

convlint said: base_Model(configs) "required constructor arguments not given", every length
unknown. torch (Epilepsy's Config, the default; input 2x1x178): logits 2x2, features 2x32x46."""

from torch import nn


class base_Model(nn.Module):
    def __init__(self, configs):
        super().__init__()
        self.conv_block1 = nn.Sequential(
            nn.Conv1d(configs.input_channels, 32, kernel_size=configs.kernel_size, stride=configs.stride,
                      bias=False, padding=(configs.kernel_size // 2)),
            nn.BatchNorm1d(32), nn.ReLU(), nn.MaxPool1d(kernel_size=2, stride=2, padding=1))
        self.conv_block2 = nn.Sequential(
            nn.Conv1d(32, configs.final_out_channels, kernel_size=8, stride=1, bias=False, padding=4),
            nn.BatchNorm1d(configs.final_out_channels), nn.ReLU(), nn.MaxPool1d(kernel_size=2, stride=2, padding=1))
        self.logits = nn.Linear(configs.features_len * configs.final_out_channels, configs.num_classes)

    def forward(self, x_in):
        x = self.conv_block2(self.conv_block1(x_in))
        return self.logits(x.reshape(x.shape[0], -1)), x
