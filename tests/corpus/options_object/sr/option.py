import argparse

import template

parser = argparse.ArgumentParser(description='a small super-resolution network')
parser.add_argument('--template', default='.', help='a preset of options')
parser.add_argument('--scale', type=str, default='2', help='super resolution scale')
parser.add_argument('--rgb_range', type=int, default=255)
parser.add_argument('--n_colors', type=int, default=3)
parser.add_argument('--n_resblocks', type=int, default=2)
parser.add_argument('--n_feats', type=int, default=16)
parser.add_argument('--res_scale', type=float, default=1)
parser.add_argument('--shift_mean', default='True')
parser.add_argument('--epochs', type=int, default=0)
args = parser.parse_args()
template.set_template(args)

args.scale = list(map(lambda x: int(x), args.scale.split('+')))

if args.epochs == 0:
    args.epochs = 1e8

for arg in vars(args):
    if vars(args)[arg] == 'True':
        vars(args)[arg] = True
    elif vars(args)[arg] == 'False':
        vars(args)[arg] = False
