"""A plain list kept on the module and appended to in a loop over a constructor argument, then
made a Sequential: `self.sequential = [stem]; for stride, (h_in, h_out) in zip(self.strides,
self.hidden): self.sequential.append(...); self.sequential = nn.Sequential(*self.sequential)`.
With the strides not given (convlint run with no options) the loop is not followed, and the list
was kept as it stood before it: the stem then the last block, a false CL103 "Conv1d(512, 512)
expects 512 input channels, but sequential.0.0 gives 128". Pattern of Spijkervet/CLMR
clmr/models/sample_cnn.py (SampleCNN). torch: SampleCNN([3, 3, 3], 10) runs on 2x1x81."""
import torch.nn as nn


class SampleCNN(nn.Module):
    def __init__(self, strides, out_dim):
        super().__init__()
        self.strides = strides
        self.sequential = [nn.Sequential(nn.Conv1d(1, 128, 3, stride=3), nn.BatchNorm1d(128), nn.ReLU())]
        self.hidden = [[128, 128], [128, 256], [256, 512]]
        for stride, (h_in, h_out) in zip(self.strides, self.hidden):
            self.sequential.append(nn.Sequential(nn.Conv1d(h_in, h_out, stride, padding=1),
                                                 nn.BatchNorm1d(h_out), nn.ReLU(), nn.MaxPool1d(stride)))
        self.sequential.append(nn.Sequential(nn.Conv1d(512, 512, 3, padding=1), nn.ReLU()))
        self.sequential = nn.Sequential(*self.sequential)
        self.fc = nn.Linear(512, out_dim)

    def forward(self, x):
        out = self.sequential(x)
        return self.fc(out.reshape(x.shape[0], out.size(1) * out.size(2)))
