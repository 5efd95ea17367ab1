"""Writes ../../written/train_15.txt: 88 documents from 33 templates of noisy NIR, IBAN and phone numbers
(written by a helper who never read the recognizers; fixed seed). Run: python3 make.py"""
from pathlib import Path

import docs
from lib import R
order=[]
for k in range(3): order += docs.B
order=order[:88]
R.shuffle(order)
out=[]
for i,f in enumerate(order,1):
    g,t=f()
    out.append(f"=== tq-{i:03d} {g}\n{t.rstrip()}\n")
open(Path(__file__).resolve().parents[2] / 'written' / 'train_15.txt', 'w', encoding='utf-8').write("\n".join(out))
