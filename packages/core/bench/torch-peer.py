"""The PyTorch peer of `npm run bench`: the objective stylize minimises with the default network
(3×3 convs with zero padding, as the default network pads, ReLU, a blurred 3×3 stride-2 pool;
centred Grams on conv1_1 and conv2_1, with conv3_1 from a 512 px stage and conv4_1 from 1024 px as
the default's largeStyleLayers; content on conv2_2; total variation), random weights, Adam on
the CPU: one evaluation of J and its gradient an iteration, as stylize's L-BFGS does. Debian's
python3-torch, on whatever BLAS libblas.so.3 points to: the JSON names it ("blas"), and the bench
wants an optimised one (libopenblas0-pthread). Prints one line of JSON.

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

# The default network's layers (default-network.ts): a conv's name, its input and output channels, or a pool.
ARCHITECTURE = [('conv1_1', 3, 32), ('conv1_2', 32, 32), 'pool', ('conv2_1', 32, 64), ('conv2_2', 64, 64), 'pool',
                ('conv3_1', 64, 128), ('conv3_2', 128, 128), 'pool', ('conv4_1', 128, 256)]
WEIGHTS = {layer[0]: conv(layer[1], layer[2]) for layer in ARCHITECTURE if layer != 'pool'}
CONTENT = 'conv2_2'

def style_layers(h, w):
    """The default's style layers at a stage of h × w (stage-settings.ts: by the longest side)."""
    side = max(h, w)
    return ['conv1_1', 'conv2_1'] + (['conv3_1'] if side >= 512 else []) + (['conv4_1'] if side >= 1024 else [])

def features(x, names):
    """The activations of `names`, running the network only as deep as the deepest of them."""
    order = [layer[0] for layer in ARCHITECTURE if layer != 'pool']
    deepest, out = max(order.index(n) for n in names), {}
    for layer in ARCHITECTURE:
        if layer == 'pool':
            x = F.avg_pool2d(x, 3, 2, 1, count_include_pad=False)
            continue
        w, b = WEIGHTS[layer[0]]
        x = F.relu(F.conv2d(x, w, b, padding=1))
        out[layer[0]] = x
        if order.index(layer[0]) == deepest:
            return out

def gram(f, mean):
    m = (f - mean).reshape(f.shape[1], -1)
    return m @ m.t()

def objective(h, w):
    names = style_layers(h, w)
    style = features(torch.rand(1, 3, h, w), names)
    means = [style[n].mean((0, 2, 3), keepdim=True) for n in names]
    grams = [gram(style[n], m) for n, m in zip(names, means)]
    content = features(torch.rand(1, 3, h, w), [CONTENT])[CONTENT]
    def loss(x):
        fs = features(x, names + [CONTENT])
        j_style = sum(((gram(fs[n], m) - g) ** 2).sum() for n, m, g in zip(names, means, grams))
        tv = ((x[:, :, 1:] - x[:, :, :-1]) ** 2).sum() + ((x[..., 1:] - x[..., :-1]) ** 2).sum()
        return ((fs[CONTENT] - content) ** 2).sum() + j_style + tv
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
