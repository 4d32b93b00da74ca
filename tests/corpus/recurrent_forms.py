"""Recurrent layers as audio, speech and time-series code uses them (CRNN audio taggers,
DeepSpeech-style speech models, DA-RNN encoders/decoders, seq2seq decoders with cells); the
input size of each model is in the comment on its class line. Shapes, parameters and
mult-adds are torch's and torchinfo's (tests/test_corpus_forms.py compares them)."""
import torch
import torch.nn as nn


class Crnn(nn.Module):  # --input-shape Crnn=2,1,40,32
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2))
        self.rnn = nn.GRU(16 * 20, 32, num_layers=2, batch_first=True, bidirectional=True, dropout=0.1)
        self.fc = nn.Linear(64, num_classes)

    def forward(self, x):
        x = self.features(x)                  # (N, 16, 20, 16)
        x = x.permute(0, 3, 1, 2).contiguous()
        x = x.view(x.size(0), x.size(1), -1)  # (N, T, 16 * 20)
        out, h_n = self.rnn(x)
        return self.fc(out[:, -1, :]) + self.fc(torch.cat((h_n[-2], h_n[-1]), dim=1))


class SpeechLstm(nn.Module):  # --input-shape SpeechLstm=2,1,16,40
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, (3, 3), stride=(1, 2), padding=1)
        self.lstm = nn.LSTM(8 * 16, 24, num_layers=2, proj_size=12)
        self.out = nn.Linear(12, 29)

    def forward(self, x):
        x = self.conv(x)                          # (N, 8, 16, 20)
        n, c, f, t = x.size()
        x = x.view(n, c * f, t).permute(2, 0, 1)  # (T, N, C*F): time first
        h0 = torch.zeros(2, n, 12)
        c0 = torch.zeros(2, n, 24)
        x, (h, cell) = self.lstm(x, (h0, c0))
        return self.out(x).transpose(0, 1), h, cell


class Encoder(nn.Module):  # --input-shape Encoder=3,10,5
    def __init__(self, input_size=5, hidden_size=16):
        super().__init__()
        self.lstm = nn.LSTM(input_size=input_size, hidden_size=hidden_size, num_layers=1)
        self.attn = nn.Linear(2 * hidden_size + 10, 1)

    def forward(self, x):
        out = self.lstm(x.permute(1, 0, 2))[0]      # indexed, not unpacked
        states = self.lstm(x.permute(1, 0, 2))[1]   # (h_n, c_n)
        h = states[0].repeat(5, 1, 1).permute(1, 0, 2)
        c = states[1].repeat(5, 1, 1).permute(1, 0, 2)
        z = torch.cat((h, c, x.permute(0, 2, 1)), dim=2)
        return self.attn(z.view(-1, 2 * 16 + 10)), out


class CellDecoder(nn.Module):  # --input-shape CellDecoder=4,6
    def __init__(self):
        super().__init__()
        self.cell = nn.LSTMCell(6, 20)
        self.gru = nn.GRUCell(20, 20, bias=False)
        self.rnn = nn.RNNCell(20, 8, nonlinearity="relu")
        self.head = nn.Linear(8, 3)

    def forward(self, x):
        h, c = self.cell(x)
        for _ in range(3):
            h, c = self.cell(x, (h, c))
        g = self.gru(h)
        return self.head(self.rnn(g))


class Unbatched(nn.Module):  # --input-shape Unbatched=7,4
    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(4, 6, 2, "tanh", True, False, 0.0, True)
        self.fc = nn.Linear(12, 2)

    def forward(self, x):
        out, h_n = self.rnn(x)  # (7, 12), (4, 6)
        return self.fc(out), h_n


class Packed(nn.Module):  # --input-shape Packed=2,5,8 (lengths given in forward)
    """pack_padded_sequence / pad_packed_sequence: the lengths are data, so what follows is
    unknown, listed, and never an error."""

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(8, 16, batch_first=True)
        self.fc = nn.Linear(16, 4)

    def forward(self, x, lengths=None):
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        out, (h, c) = self.lstm(packed)
        out, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True)
        return self.fc(out[:, -1]) + self.fc(h[-1])
