#!/usr/bin/env python3
"""The strides' mesh in a result, measured apart from the network (issue 20).

A network of stride-2 pools leaves, in an image optimised against it, streaks at the pools'
periods, 2 and 4 px, and a coarse stage's, enlarged, at 8 px and more. For each image: the luminance's power spectrum along rows and along columns
(the mean over lines of |FFT|²), and at each period the peak over the median of its neighbours
(±3–12 frequency bins): about 1 for a photo or a painting, several times that for a mesh. Prints
one line per image and, per folder, the mean and worst over its images of the larger of the two
axes at each period.

    python3 apps/cli/bench/stride-mesh.py out/large-study/1024/no-levels out/large-study/1024/shifts-2

Needs numpy and ImageMagick's `convert` (Debian: python3-numpy, imagemagick).
"""
import pathlib
import subprocess
import sys

import numpy as np

PERIODS = (2, 4, 8)


def luminance(path):
    pgm = subprocess.run(['convert', str(path), '-strip', '-colorspace', 'Gray', '-depth', '8', 'pgm:-'], capture_output=True, check=True).stdout
    header = pgm.split(maxsplit=3)[:3]  # P5, width, height; then maxval and one whitespace byte
    width, height = int(header[1]), int(header[2])
    return np.frombuffer(pgm[len(pgm) - width * height :], dtype=np.uint8).reshape(height, width).astype(np.float64)


def peaks(image, axis):
    lines = image - image.mean(axis=axis, keepdims=True)
    power = (np.abs(np.fft.rfft(lines, axis=axis)) ** 2).mean(axis=1 - axis)
    n = image.shape[axis]
    out = []
    for period in PERIODS:
        k = min(round(n / period), len(power) - 1)
        neighbours = np.concatenate([power[max(1, k - 12) : k - 2], power[k + 3 : k + 13]])
        out.append(power[k - 1 : k + 2].max() / np.median(neighbours))
    return out


for folder in sys.argv[1:]:
    worst = []
    for path in sorted(p for p in pathlib.Path(folder).iterdir() if p.suffix in ('.png', '.jpg')):
        image = luminance(path)
        rows, columns = peaks(image, 1), peaks(image, 0)
        worst.append([max(r, c) for r, c in zip(rows, columns)])
        print(f'{path.name}: ' + ', '.join(f'{p} px {max(r, c):.1f}' for p, r, c in zip(PERIODS, rows, columns)))
    values = np.array(worst)
    print(f'{folder}: ' + ', '.join(f'{p} px mean {values[:, i].mean():.1f} (worst {values[:, i].max():.1f})' for i, p in enumerate(PERIODS)))
