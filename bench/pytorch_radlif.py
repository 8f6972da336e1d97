#!/usr/bin/env python3
"""sparch's RadLIF network and training step in plain PyTorch, for comparison with `submit/bench`.

The network and step are the ones `submit/bench` times as `step/RADLIF/h128x2/t100/b*`:
700 inputs -> 2 x 128 RadLIF neurons (batch-norm of W x over batch and time, spike dropout 0.1)
-> leaky readout of 20 classes summing the softmax over time -> cross-entropy; 100 steps; one full
training step = forward, backward and Adam (learning rate 1e-2) on one minibatch of binary spikes.
The equations are sparch's RadLIF (the RadLIF layer's Javadoc in models/), threshold 1, boxcar surrogate:

    w_t = b w_{t-1} + A u_{t-1} + B s_{t-1}
    u_t = a (u_{t-1} - s_{t-1}) + (1 - a) (W x_t + V s_{t-1} - w_t)     (diag V = 0)
    s_t = H(u_t - 1)

Prints one JSON line per measurement (median of repeated steps after warm-up, with n, min, max),
including this PyTorch's own sgemm GFLOP/s on the input projection's shape, so the figures can be
read against the BLAS they ran on. Progress goes to stderr.

    /usr/bin/python3 bench/pytorch_radlif.py [--quick] [--threads N] [--output FILE]

CAUTION when comparing: nothing should be claimed from beating Debian's python3-torch (1.13, what
/usr/bin/python3 has here). It is built with BLAS_INFO=generic: it calls whatever libblas.so.3
Debian's alternatives system points to. With only the reference BLAS (libblas3) that is ~8 GFLOP/s
sgemm on a 2-core AMD EPYC virtual machine and the network trains about 10x slower than an official MKL
build of PyTorch (libtorch 2.5.1: ~700 samples/s at batch 128 with 2 threads on that machine); with
libopenblas0 installed the same package gets OpenBLAS. The first line this script prints is its own
sgemm GFLOP/s: read every figure against it. For a fair comparison on your machine run the script
with an official PyTorch build (pip or conda), on an idle machine: OpenMP threads that share busy
cores with other processes wait for each other at every operation, and a step can become 100x slower.
"""
import argparse
import json
import math
import os
import platform
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

INPUTS, HIDDEN, CLASSES, STEPS = 700, (128, 128), 20, 100
INPUT_DENSITY = 0.05  # fraction of (channel, step) bins with a spike, as in submit/bench


class SpikeFunctionBoxcar(torch.autograd.Function):
    """Heaviside forward; gradient 1 on -0.5 < x <= 0.5 (sparch)."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.gt(0).float()

    @staticmethod
    def backward(ctx, grad_spikes):
        (x,) = ctx.saved_tensors
        grad_x = grad_spikes.clone()
        grad_x[x <= -0.5] = 0
        grad_x[x > 0.5] = 0
        return grad_x


class RadLIFLayer(nn.Module):
    """sparch's RadLIFLayer (no bias, batch-norm, unidirectional)."""

    def __init__(self, input_size, hidden_size, threshold=1.0, dropout=0.1):
        super().__init__()
        self.threshold = threshold
        self.alpha_lim = [math.exp(-1 / 5), math.exp(-1 / 25)]
        self.beta_lim = [math.exp(-1 / 30), math.exp(-1 / 120)]
        self.a_lim = [-1.0, 1.0]
        self.b_lim = [0.0, 2.0]
        self.W = nn.Linear(input_size, hidden_size, bias=False)
        self.V = nn.Linear(hidden_size, hidden_size, bias=False)
        self.alpha = nn.Parameter(torch.empty(hidden_size).uniform_(*self.alpha_lim))
        self.beta = nn.Parameter(torch.empty(hidden_size).uniform_(*self.beta_lim))
        self.a = nn.Parameter(torch.empty(hidden_size).uniform_(*self.a_lim))
        self.b = nn.Parameter(torch.empty(hidden_size).uniform_(*self.b_lim))
        nn.init.orthogonal_(self.V.weight)
        self.norm = nn.BatchNorm1d(hidden_size, momentum=0.05)
        self.drop = nn.Dropout(p=dropout)

    def forward(self, x):  # x: [batch, time, inputs]
        wx = self.W(x)
        wx = self.norm(wx.reshape(-1, wx.shape[2])).reshape(wx.shape)
        return self.drop(self._cell(wx))

    def _cell(self, wx):
        batch, steps, hidden = wx.shape
        ut = torch.rand(batch, hidden)
        wt = torch.rand(batch, hidden)
        st = torch.rand(batch, hidden)
        alpha = torch.clamp(self.alpha, *self.alpha_lim)
        beta = torch.clamp(self.beta, *self.beta_lim)
        a = torch.clamp(self.a, *self.a_lim)
        b = torch.clamp(self.b, *self.b_lim)
        v = self.V.weight.clone().fill_diagonal_(0)
        spikes = []
        for t in range(steps):
            wt = beta * wt + a * ut + b * st
            ut = alpha * (ut - st) + (1 - alpha) * (wx[:, t, :] + torch.matmul(st, v) - wt)
            st = SpikeFunctionBoxcar.apply(ut - self.threshold)
            spikes.append(st)
        return torch.stack(spikes, dim=1)


class ReadoutLayer(nn.Module):
    """sparch's non-spiking leaky readout, summing the softmax over time."""

    def __init__(self, input_size, output_size):
        super().__init__()
        self.alpha_lim = [math.exp(-1 / 5), math.exp(-1 / 25)]
        self.W = nn.Linear(input_size, output_size, bias=False)
        self.alpha = nn.Parameter(torch.empty(output_size).uniform_(*self.alpha_lim))
        self.norm = nn.BatchNorm1d(output_size, momentum=0.05)

    def forward(self, x):
        wx = self.W(x)
        wx = self.norm(wx.reshape(-1, wx.shape[2])).reshape(wx.shape)
        alpha = torch.clamp(self.alpha, *self.alpha_lim)
        ut = torch.zeros(wx.shape[0], wx.shape[2])
        out = torch.zeros(wx.shape[0], wx.shape[2])
        for t in range(wx.shape[1]):
            ut = alpha * ut + (1 - alpha) * wx[:, t, :]
            out = out + F.softmax(ut, dim=1)
        return out


def network():
    layers, n_in = [], INPUTS
    for h in HIDDEN:
        layers.append(RadLIFLayer(n_in, h))
        n_in = h
    layers.append(ReadoutLayer(n_in, CLASSES))
    return nn.Sequential(*layers)


def step_flops(batch):
    """Useful dense FLOPs of one step, as submit/bench counts them (Flops.network): forward
    products, twice that backward, minus the gradient with respect to the data."""
    rows = batch * STEPS
    forward, n_in = 0.0, INPUTS
    for h in HIDDEN:
        forward += 2.0 * rows * n_in * h + 2.0 * rows * h * h
        n_in = h
    forward += 2.0 * rows * n_in * CLASSES
    return 3 * forward - 2.0 * rows * INPUTS * HIDDEN[0]


def time_calls(fn, warmup, repeats):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def blas_info():
    for part in torch.__config__.show().replace("\n", ",").split(","):
        if "BLAS_INFO=" in part:
            return part.strip().split("=", 1)[1]
    return "unknown"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--batches", default="128,32", help="batch sizes (default 128,32)")
    p.add_argument("--repeats", type=int, default=None, help="timed steps (default 10; quick 3)")
    p.add_argument("--warmup", type=int, default=None, help="untimed steps first (default 3; quick 1)")
    p.add_argument("--threads", type=int, default=os.cpu_count(), help="torch threads (default: all cores)")
    p.add_argument("--quick", action="store_true", help="fewer repeats")
    p.add_argument("--output", help="also write the JSON lines to this file")
    p.add_argument("--seed", type=int, default=42)
    args = p.parse_args()
    repeats = args.repeats or (3 if args.quick else 10)
    warmup = args.warmup if args.warmup is not None else (1 if args.quick else 3)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    env = {
        "command": " ".join(["pytorch_radlif.py"] + sys.argv[1:]),
        "load_avg_start": [round(v, 2) for v in os.getloadavg()],
        "cores": os.cpu_count(),
        "torch": torch.__version__,
        "torch_threads": torch.get_num_threads(),
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS"),
        "blas_info": blas_info(),
        "libblas_so_3": os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3"),
        "python": platform.python_version(),
    }
    out_file = open(args.output, "w") if args.output else None

    def emit(name, times, **fields):
        line = {"name": name, "unit": "s", "n": len(times), "median": statistics.median(times),
                "min": min(times), "max": max(times), **fields,
                "load_1m": round(os.getloadavg()[0], 2), "env": env}
        text = json.dumps(line)
        print(text, flush=True)
        if out_file:
            out_file.write(text + "\n")
            out_file.flush()

    # this PyTorch's own sgemm on the input projection's shape: the BLAS the figures ran on
    a, b = torch.rand(12800, 700), torch.rand(700, 128)
    sink = [0.0]

    def gemm():
        sink[0] += float(torch.mm(a, b)[0, 0])

    times = time_calls(gemm, warmup, repeats)
    emit("pytorch/sgemm 12800x700x128", times, gflops=2.0 * 12800 * 700 * 128 / statistics.median(times) / 1e9)
    print(f"sgemm: {2.0 * 12800 * 700 * 128 / statistics.median(times) / 1e9:.1f} GFLOP/s", file=sys.stderr)

    for batch in [int(v) for v in args.batches.split(",")]:
        net = network()
        net.train()
        opt = torch.optim.Adam(net.parameters(), lr=1e-2)
        x = (torch.rand(batch, STEPS, INPUTS) < INPUT_DENSITY).float()
        y = torch.randint(0, CLASSES, (batch,))

        def step():
            opt.zero_grad()
            loss = F.cross_entropy(net(x), y)
            loss.backward()
            opt.step()
            sink[0] += float(loss)

        print(f"batch {batch}: {warmup} warm-up + {repeats} timed steps ...", file=sys.stderr)
        times = time_calls(step, warmup, repeats)
        median = statistics.median(times)
        emit(f"pytorch/RADLIF/h128x2/t{STEPS}/b{batch}", times, samples_per_s=batch / median,
             gflop=step_flops(batch) / 1e9, gflops=step_flops(batch) / median / 1e9,
             params={"inputs": INPUTS, "hidden": list(HIDDEN), "classes": CLASSES, "steps": STEPS,
                     "batch": batch, "batch_norm": True, "dropout": 0.1, "updater": "Adam(0.01)"})
        print(f"batch {batch}: {batch / median:.1f} samples/s", file=sys.stderr)
    print(f"done (checksum {sink[0]:.3g})", file=sys.stderr)
    if out_file:
        out_file.close()


if __name__ == "__main__":
    main()
