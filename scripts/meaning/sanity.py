#!/usr/bin/env python3
"""Cosine of security word pairs (our own words) under each distilled variant.

  target/meaning-venv/bin/python scripts/meaning/sanity.py [OUTDIR]"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from distill import Vectors  # noqa: E402

PAIRS = [('tenant', 'organisation'), ('restore', 'recovery'), ('drill', 'exercise'), ('tested', 'drill'),
         ('segregated', 'isolated'), ('data center', 'region'), ('geographically diverse', 'distinct continents'),
         ('encrypted', 'unencrypted'), ('tenants', 'landlords'), ('laptops', 'servers'),
         ('insurance', 'encryption'), ('scanned', 'vulnerability'), ('demographic', 'personal'),
         ('privacy', 'security'), ('backup', 'restore'), ('backup', 'giraffe'), ('policy', 'banana')]
out = next((a for a in sys.argv[1:] if not a.startswith('--')), 'target/meaning')
tags = next((a[7:].split(',') for a in sys.argv if a.startswith('--tags=')), ['tok', 'tok-zipf', 'mean', 'mean-zipf'])
vs = {t: Vectors(out, t) for t in tags}
print(f'{"pair":42}' + ''.join(f'{t:>10}' for t in tags))
for a, b in PAIRS:
    print(f'{a + " / " + b:42}' + ''.join(f'{vs[t].cos(a, b):10.2f}' for t in tags))
