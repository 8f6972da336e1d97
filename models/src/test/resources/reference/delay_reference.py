#!/usr/bin/env python3
"""Reference numbers for the learnable synaptic delays (DCLS), computed with PyTorch autograd.

The delayed input product follows Hammouamri, Khalfaoui-Hassani & Masquelier (ICLR 2024) as their
code computes it (Thvnvtos/SNN-delays with the DCLS library's Dcls1d, version 'gauss'):
- per synapse a kernel over K = D + 1 taps, a Gaussian around the centred position p (clamped to
  [-K//2, K//2], tap p + K//2) of width |SIG| + 0.27, normalised by its sum + 1e-7, times the weight;
- the input left-padded with D zero steps and convolved (F.conv1d, a cross-correlation) with that
  kernel, so tap c delays the input by D - c steps.
The Java layer keeps the delay itself, P = D - (p + K//2), and the width itself, sigma = |SIG| + 0.27;
this script stores those and maps them to DCLS's parameters inside the graph, so its gradients are
with respect to the Java parameters. The rounded case (sigma 0 in Java) is the trained network after
SNN-delays' round_pos with the Gaussian replaced by whole-step delays: each synapse reads its input
exactly round(P) steps back, written here as an explicit shift, not as a convolution.

The delayed drive then runs through the LIF-family loop of neuron_reference.py (sparch's models,
boxcar surrogate; its input weights are the identity, so the drive passes unchanged), then sparch's
readout and the cross-entropy, as there. Double precision.

Run with Debian's python3-torch:  /usr/bin/python3 delay_reference.py > delay_reference.json
The Java test DelayReferenceTest rebuilds the same networks and compares spikes, output, loss and the
gradients of every parameter (positions included) and of the input.
"""
import json
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from neuron_reference import ALPHA, case_inputs, lif_layer, lif_params, readout, result, uniform  # noqa: E402

torch.set_default_dtype(torch.float64)


def dcls_drive(x, w, pos, sigma, max_delay):
    """Dcls1d 'gauss' on the left-padded input. x [B, nIn, T], w and pos [nIn, n]. Returns [B, n, T]."""
    k = max_delay + 1
    p_centred = max_delay - pos - k // 2          # DCLS's P for a delay pos
    p_centred = torch.clamp(p_centred, -(k // 2), k // 2)
    sig = torch.tensor(sigma - 0.27)              # DCLS's SIG for a width sigma
    idx = torch.arange(k, dtype=torch.float64).view(k, 1, 1)
    centre = (p_centred + k // 2).t().unsqueeze(0)  # [1, n, nIn]
    g = torch.exp(-0.5 * ((idx - centre) / (sig.abs() + 0.27)) ** 2)
    g = g / (g.sum(0) + 1e-7)
    kernel = (g * w.t().unsqueeze(0)).permute(1, 2, 0)  # [n, nIn, K]
    return F.conv1d(F.pad(x, (max_delay, 0)), kernel)


def rounded_drive(x, w, pos):
    """Each synapse reads its input round(pos) steps back (zero before step 0)."""
    bsz, n_in, steps = x.shape
    d = torch.round(pos.detach()).long()
    out = torch.zeros(bsz, w.shape[1], steps)
    for i in range(n_in):
        for j in range(w.shape[1]):
            s = int(d[i, j])
            shifted = F.pad(x[:, i, :steps - s], (s, 0)) if s > 0 else x[:, i, :]
            out[:, j, :] = out[:, j, :] + w[i, j] * shifted
    return out


def delay_case(name, recurrent, adaptive, max_delay, sigma, seed):
    (_, n_in, n, n_out, _), gen, x, mask, labels = case_inputs(seed)
    w = (torch.randn(n_in, n, generator=gen) * 1.0 + 0.3).requires_grad_()
    # positions inside [0, D], away from the halves where rounding would flip
    pos = torch.rand(n_in, n, generator=gen) * max_delay
    pos = torch.where((pos - pos.round()).abs() > 0.4, pos.round() + 0.3, pos)
    pos = pos.clamp(0.05, max_delay - 0.05).requires_grad_()
    neuron = {"alpha": uniform(n, ALPHA, gen)}
    r = lif_params(neuron, n, n_out, recurrent, adaptive, gen)
    drive = rounded_drive(x, w, pos) if sigma == 0 else dcls_drive(x, w, pos, sigma, max_delay)
    loop = dict(neuron, W=torch.eye(n))
    spikes = lif_layer(drive, mask, loop, recurrent, adaptive)
    y = readout(spikes, mask, r)
    loss = F.cross_entropy(y, labels)
    loss.backward()
    p = dict({"W": w, "P": pos}, **neuron)
    if pos.grad is None:  # the rounded delays do not depend on the positions
        pos.grad = torch.zeros_like(pos)
    return result(name, x, mask, labels, spikes, y, loss, p, r,
                  {"model": "LIF", "recurrent": recurrent, "adaptive": adaptive, "reduction": "SUM_SOFTMAX",
                   "maxDelay": max_delay, "sigma": sigma})


if __name__ == "__main__":
    cases = [delay_case("LIF_WIDE", False, False, 4, 2.27, 31),
             delay_case("ADLIF_NARROW", False, True, 4, 0.5, 32),
             delay_case("RADLIF", True, True, 3, 1.1, 33),
             delay_case("LIF_ROUNDED", False, False, 4, 0.0, 34)]
    print(json.dumps({"torch": torch.__version__, "cases": cases}, indent=1))
