def set_template(args):
    if args.template.find('wide') >= 0:
        args.n_feats = 64
        args.n_resblocks = 8
