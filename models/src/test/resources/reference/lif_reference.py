#!/usr/bin/env python3
"""Reference numbers for the LIF-family layers and the leaky readout, computed with PyTorch autograd.

Written after sparch's LIFLayer / RLIFLayer / adLIFLayer / RadLIFLayer / ReadoutLayer (forward loops,
SpikeFunctionBoxcar, clamped per-neuron parameters, V with its diagonal zeroed), with two documented
differences that the Java layers share: the initial state is zero (sparch draws it from torch.rand),
and a features mask freezes the state on padding steps (sparch has no mask). Double precision.

Run with Debian's python3-torch:  /usr/bin/python3 lif_reference.py > lif_reference.json
The Java test LifReferenceTest rebuilds the same network from these numbers and compares spikes,
readout output, loss and every gradient (parameters and input) with what its hand-written BPTT gives.
"""
import json
import math

import torch

torch.set_default_dtype(torch.float64)

ALPHA = (math.exp(-1 / 5), math.exp(-1 / 25))
BETA = (math.exp(-1 / 30), math.exp(-1 / 120))
A_LIM = (-1.0, 1.0)
B_LIM = (0.0, 2.0)
THRESHOLD = 1.0


class SpikeFunctionBoxcar(torch.autograd.Function):
    """sparch: Heaviside forward, gradient 1 on -0.5 < x <= 0.5."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.gt(0).to(x.dtype)

    @staticmethod
    def backward(ctx, grad_spikes):
        x, = ctx.saved_tensors
        grad_x = grad_spikes.clone()
        grad_x[x <= -0.5] = 0
        grad_x[x > 0.5] = 0
        return grad_x


def uniform(n, lim, gen):
    return (torch.rand(n, generator=gen) * (lim[1] - lim[0]) + lim[0]).requires_grad_()


def lif_layer(x, mask, p, recurrent, adaptive):
    """x: [B, nIn, T] (DL4J's NCW), mask: [B, T]. Returns spikes [B, n, T] (zero on padding)."""
    wx = torch.einsum("bit,ij->btj", x, p["W"])  # [B, T, n]
    bsz, steps, n = wx.shape
    ut = torch.zeros(bsz, n)
    wt = torch.zeros(bsz, n)
    st = torch.zeros(bsz, n)
    alpha = torch.clamp(p["alpha"], *ALPHA)
    if adaptive:
        beta = torch.clamp(p["beta"], *BETA)
        a = torch.clamp(p["A"], *A_LIM)
        b = torch.clamp(p["B"], *B_LIM)
    if recurrent:
        v = p["V"].clone().fill_diagonal_(0)
    out = []
    for t in range(steps):
        m = mask[:, t:t + 1]
        drive = wx[:, t, :]
        if recurrent:
            drive = drive + torch.matmul(st, v)
        w_new = beta * wt + a * ut + b * st if adaptive else wt
        if adaptive:
            drive = drive - w_new
        u_new = alpha * (ut - st) + (1 - alpha) * drive
        s_new = SpikeFunctionBoxcar.apply(u_new - THRESHOLD)
        # padding step: the state is carried through unchanged, nothing is emitted
        ut = m * u_new + (1 - m) * ut
        wt = m * w_new + (1 - m) * wt
        st = m * s_new + (1 - m) * st
        out.append(m * s_new)
    return torch.stack(out, dim=2)


def readout(x, mask, p):
    """sparch's readout: leaky integrator, sum over (valid) steps of softmax. Returns [B, nOut]."""
    wx = torch.einsum("bit,ij->btj", x, p["W"])
    bsz, steps, n = wx.shape
    alpha = torch.clamp(p["alpha"], *ALPHA)
    ut = torch.zeros(bsz, n)
    out = torch.zeros(bsz, n)
    for t in range(steps):
        m = mask[:, t:t + 1]
        u_new = alpha * ut + (1 - alpha) * wx[:, t, :]
        ut = m * u_new + (1 - m) * ut
        out = out + m * torch.softmax(u_new, dim=1)
    return out


def case(name, recurrent, adaptive, seed):
    gen = torch.Generator().manual_seed(seed)
    bsz, n_in, n, n_out, steps = 3, 5, 6, 4, 16
    x = (torch.rand(bsz, n_in, steps, generator=gen) * 3.0).requires_grad_()
    mask = torch.ones(bsz, steps)
    mask[1, 11:] = 0  # sample 1: 11 valid steps, then padding
    labels = torch.tensor([0, 3, 1])
    p = {"W": (torch.randn(n_in, n, generator=gen) * 1.0 + 0.3).requires_grad_(),
         "alpha": uniform(n, ALPHA, gen)}
    if recurrent:
        p["V"] = (torch.randn(n, n, generator=gen) * 0.5).requires_grad_()
    if adaptive:
        p["beta"] = uniform(n, BETA, gen)
        p["A"] = uniform(n, A_LIM, gen)
        p["B"] = uniform(n, B_LIM, gen)
    r = {"W": (torch.randn(n, n_out, generator=gen) * 0.8).requires_grad_(),
         "alpha": uniform(n_out, ALPHA, gen)}
    spikes = lif_layer(x, mask, p, recurrent, adaptive)
    y = readout(spikes, mask, r)
    # DL4J's LossLayer (softmax + MCXENT) on the readout output: mean cross-entropy over the batch
    loss = torch.nn.functional.cross_entropy(y, labels)
    loss.backward()

    def flat(t):
        return [float(v) for v in t.detach().reshape(-1)]

    out = {"name": name, "recurrent": recurrent, "adaptive": adaptive,
           "shape": {"batch": bsz, "nIn": n_in, "hidden": n, "nOut": n_out, "steps": steps},
           "x": flat(x), "mask": flat(mask), "labels": [int(v) for v in labels],
           "spikes": flat(spikes), "output": flat(y), "loss": float(loss),
           "grad_x": flat(x.grad),
           "layer": {k: flat(v) for k, v in p.items()},
           "layer_grad": {k: flat(v.grad) for k, v in p.items()},
           "readout": {k: flat(v) for k, v in r.items()},
           "readout_grad": {k: flat(v.grad) for k, v in r.items()},
           "spike_count": float(spikes.sum())}
    return out


if __name__ == "__main__":
    cases = [case("LIF", False, False, 11), case("RLIF", True, False, 12),
             case("ADLIF", False, True, 13), case("RADLIF", True, True, 14)]
    print(json.dumps({"torch": torch.__version__, "cases": cases}, indent=1))
