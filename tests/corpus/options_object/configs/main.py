import argparse

import torch

from models.model import base_Model

parser = argparse.ArgumentParser()
parser.add_argument('--selected_dataset', default='Epilepsy', type=str, help='Epilepsy or HAR')
parser.add_argument('--device', default='cpu', type=str)
args = parser.parse_args()

device = torch.device(args.device)
data_type = args.selected_dataset
exec(f'from config_files.{data_type}_Configs import Config as Configs')
configs = Configs()

model = base_Model(configs).to(device)
