"""The PyTorch peer of `npm run bench`: the objective stylize minimises with the default network
(conv1_1…conv2_2: 3×3 convs with zero padding, as the default network pads, ReLU, a blurred 3×3
stride-2 pool; centred Grams on conv1_1 and conv2_1, content on conv2_2, total variation), random
weights, Adam on the CPU: one evaluation of J and its gradient an iteration, as stylize's L-BFGS
does. Debian's python3-torch, on whatever BLAS libblas.so.3 points to: the JSON names it
("blas"), and the bench wants an optimised one (libopenblas0-pthread). Prints one line of JSON.

  python3 torch-peer.py iteration SIZE THREADS ROUNDS    seconds per iteration, each round's median
  python3 torch-peer.py schedule W H STAGES... THREADS   seconds for a coarse-to-fine run: STAGES is
                                                         "w×h×iterations" per stage
"""
import json, os, sys, time
import torch
import torch.nn.functional as F

torch.manual_seed(0)
DEVICE = torch.device(os.environ.get('NST_TORCH_DEVICE', 'cpu'))  # 'cuda' for bench/gpu.bench.ts
torch.set_default_tensor_type(torch.cuda.FloatTensor if DEVICE.type == 'cuda' else torch.FloatTensor)
mode = sys.argv[1]
threads = int(sys.argv[-1 if mode == 'schedule' else 3])
torch.set_num_threads(threads)

def conv(c_in, c_out):
    w = torch.empty(c_out, c_in, 3, 3)
    torch.nn.init.kaiming_normal_(w)
    return w, torch.zeros(c_out)

WEIGHTS = [conv(3, 32), conv(32, 32), conv(32, 64), conv(64, 64)]

def features(x):
    out = []
    for i, (w, b) in enumerate(WEIGHTS):
        if i == 2:
            x = F.avg_pool2d(x, 3, 2, 1, count_include_pad=False)
        x = F.relu(F.conv2d(x, w, b, padding=1))
        out.append(x)
    return out  # conv1_1, conv1_2, conv2_1, conv2_2

def gram(f, mean):
    m = (f - mean).reshape(f.shape[1], -1)
    return m @ m.t()

def objective(h, w):
    style = features(torch.rand(1, 3, h, w))
    means = [style[0].mean((0, 2, 3), keepdim=True), style[2].mean((0, 2, 3), keepdim=True)]
    grams = [gram(style[0], means[0]), gram(style[2], means[1])]
    content = features(torch.rand(1, 3, h, w))[3]
    def loss(x):
        fs = features(x)
        j_style = sum(((gram(f, m) - g) ** 2).sum() for f, m, g in zip((fs[0], fs[2]), means, grams))
        tv = ((x[:, :, 1:] - x[:, :, :-1]) ** 2).sum() + ((x[..., 1:] - x[..., :-1]) ** 2).sum()
        return ((fs[3] - content) ** 2).sum() + j_style + tv
    return loss

def run(h, w, iterations, x=None):
    loss = objective(h, w)
    x = (torch.rand(1, 3, h, w) if x is None else F.interpolate(x, (h, w), mode='bilinear', align_corners=True)).requires_grad_(True)
    opt = torch.optim.Adam([x], lr=0.05)
    times = []
    for _ in range(iterations):
        t = time.perf_counter()
        opt.zero_grad()
        loss(x).backward()
        opt.step()
        if DEVICE.type == 'cuda':
            torch.cuda.synchronize()
        with torch.no_grad():
            x.clamp_(0, 1)
        times.append(time.perf_counter() - t)
    return x.detach(), times

def blas():
    """The BLAS library this process loaded (Debian's alternatives decide which libblas.so.3 it is)."""
    with open('/proc/self/maps') as maps:
        names = {line.split('/')[-1].strip() for line in maps if 'blas' in line.lower()}
    real = [n for n in names if 'openblas' in n or 'mkl' in n or 'blis' in n or 'atlas' in n]
    return 'reference BLAS' if not real else sorted(real)[0]

if mode == 'iteration':
    size, rounds = int(sys.argv[2]), int(sys.argv[4])
    run(size, size, 1)  # warm-up
    medians = [sorted(run(size, size, 3)[1])[1] for _ in range(rounds)]
    print(json.dumps({'seconds': medians, 'threads': torch.get_num_threads(), 'blas': blas()}))
else:
    started = time.perf_counter()
    x = None
    for stage in sys.argv[2:-1]:
        w, h, iterations = (int(v) for v in stage.split('x'))
        x, _ = run(h, w, iterations, x)
    print(json.dumps({'seconds': time.perf_counter() - started, 'threads': torch.get_num_threads(), 'blas': blas()}))
