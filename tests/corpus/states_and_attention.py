"""Forms around recurrent and attention layers in time-series and GAN code: DA-RNN-style
encoders that make their states with Variable(x.data.new(...).zero_()) and feed (h, c) back
step by step, and SAGAN-style self-attention with torch.bmm. The input size of each model is in
the comment on its class line; tests/test_corpus_forms.py compares them with torch."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.autograd import Variable


class AttnEncoder(nn.Module):  # --input-shape AttnEncoder=2,9,5
    def __init__(self, T=10, input_size=5, hidden=16):
        super().__init__()
        self.T, self.input_size, self.hidden = T, input_size, hidden
        self.lstm = nn.LSTM(input_size=input_size, hidden_size=hidden, num_layers=1)
        self.attn = nn.Linear(2 * hidden + T - 1, 1)

    def forward(self, X):
        encoded = Variable(X.data.new(X.size(0), self.T - 1, self.hidden).zero_())
        h = Variable(X.data.new(1, X.size(0), self.hidden).zero_())
        s = X.new_zeros((1, X.size(0), self.hidden))
        for t in range(self.T - 1):
            x = torch.cat((h.repeat(self.input_size, 1, 1).permute(1, 0, 2),
                           s.repeat(self.input_size, 1, 1).permute(1, 0, 2),
                           X.permute(0, 2, 1)), dim=2)
            x = self.attn(x.view(-1, self.hidden * 2 + self.T - 1))
            alpha = F.softmax(x.view(-1, self.input_size), dim=1)
            x_tilde = torch.mul(alpha, X[:, t, :])
            self.lstm.flatten_parameters()
            _, state = self.lstm(x_tilde.unsqueeze(0), (h, s))
            h, s = state[0], state[1]
        return encoded + h.permute(1, 0, 2)


class SelfAttn(nn.Module):  # --input-shape SelfAttn=2,32,8,8
    def __init__(self, in_dim=32):
        super().__init__()
        self.query = nn.Conv2d(in_dim, in_dim // 8, 1)
        self.key = nn.Conv2d(in_dim, in_dim // 8, 1)
        self.value = nn.Conv2d(in_dim, in_dim, 1)
        self.softmax = nn.Softmax(dim=-1)

    def forward(self, x):
        n, c, w, h = x.size()
        q = self.query(x).view(n, -1, w * h).permute(0, 2, 1)
        k = self.key(x).view(n, -1, w * h)
        attention = self.softmax(torch.bmm(q, k))
        v = self.value(x).view(n, -1, w * h)
        out = v.bmm(attention.permute(0, 2, 1)).view(n, c, w, h)
        return out + x
