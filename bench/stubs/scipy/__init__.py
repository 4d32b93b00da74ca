# minimal stand-in for scipy (hunt82): only scipy.stats.norm.cdf
