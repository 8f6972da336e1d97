#!/usr/bin/env python3
"""Reference values for the Java audio code, from the fixtures of this directory.

    apt-get install -y python3-torchaudio python3-scipy     # Debian: torch 1.13, torchaudio 0.13
    /usr/bin/python3 reference.py > reference.json

What each block checks (AudioReferenceTest reads the JSON):
- "decode": torchaudio.load (sox_io, normalize=True) of every WAV/FLAC fixture — sample rate,
  channels, length, per-channel sums and a few probed samples.
- "resample": torchaudio.functional.resample (its default Hann-windowed sinc, and the Kaiser
  "best" setting of the torchaudio tutorial), float64.
- "fbank": torchaudio.compliance.kaldi.fbank as sparch calls it (num_mel_bins=40, otherwise the
  defaults: 25 ms / 10 ms, povey window, pre-emphasis 0.97, remove DC, power spectrum, low 20 Hz,
  high = Nyquist, log, snip_edges, dither 0), in float64 and in float32 (what sparch computes),
  plus non-default options. Some cases feed the waveform through resample first (HD: 48 -> 16 kHz).
- "mel": Yin et al.'s GSC features — librosa.feature.melspectrogram(n_fft=480, hop_length=160,
  n_mels=40, fmin=20, fmax=4000; librosa defaults: periodic Hann window, center=True with reflect
  padding, power 2, Slaney mel scale and Slaney area normalisation) computed with
  torchaudio.transforms.MelSpectrogram configured identically (norm="slaney", mel_scale="slaney";
  librosa itself is not packaged in Debian), then log1p(S / max S) and librosa.feature.delta, which is
  scipy.signal.savgol_filter(width 9, polyorder=order, deriv=order, mode="interp"), stacked as
  channels [static, delta, delta2]. The waveform is peak-normalised and zero-padded to 16000 samples
  centred, as Yin's data pipeline does. Other cases vary the options.

Feature matrices are stored as a few whole frames ("rows", by frame index) and the sum of every
column over all frames ("colSum"), which an error anywhere would change. Values are rounded to 10
significant digits.

torch's default dtype is set to float64 for everything but the float32 fbank cases: torchaudio
builds its mel filters, resampling kernels and Kaiser beta in the default dtype, so with float32
they carry float32 rounding even for float64 waveforms (up to 1e-4 dB in weak mel bands).
"""
import contextlib
import json
import math
import os
import sys

import numpy as np
import scipy
import scipy.signal
import torch
import torchaudio

HERE = os.path.dirname(os.path.abspath(__file__))
torch.set_default_dtype(torch.float64)


@contextlib.contextmanager
def default_dtype(dtype):
    old = torch.get_default_dtype()
    torch.set_default_dtype(dtype)
    try:
        yield
    finally:
        torch.set_default_dtype(old)


def r10(v):
    return float("%.10g" % v)


def path(name):
    return os.path.join(HERE, name)


def load(name, dtype=torch.float64):
    x, sr = torchaudio.load(path(name))  # normalize=True: int / 2^(bits-1), u8 -> (v - 128) / 128
    return x.to(dtype), sr


def mono(x):
    return x.mean(dim=0)


def probe_rows(n):
    rows = sorted({0, n // 3, (2 * n) // 3, n - 1})
    return [r for r in rows if 0 <= r < n]


def matrix_entry(name, m, **extra):
    """m: [frames, features] numpy float64."""
    e = {"name": name, "frames": int(m.shape[0]), "features": int(m.shape[1])}
    e.update(extra)
    e["rows"] = {str(r): [r10(v) for v in m[r]] for r in probe_rows(m.shape[0])}
    e["colSum"] = [r10(v) for v in m.sum(axis=0)]
    return e


def decode_block():
    out = {}
    for name in sorted(os.listdir(HERE)):
        if not (name.endswith(".wav") or name.endswith(".flac")):
            continue
        x, sr = torchaudio.load(path(name))
        n = x.shape[1]
        idx = sorted({0, 1, n // 4, n // 2, (3 * n) // 4, n - 1})
        out[name] = {
            "sampleRate": sr,
            "channels": int(x.shape[0]),
            "frames": int(n),
            "sum": [r10(v) for v in x.to(torch.float64).sum(dim=1)],
            "sumSq": [r10(v) for v in (x.to(torch.float64) ** 2).sum(dim=1)],
            "probeIndex": idx,
            "probe": [[float(x[c, i]) for i in idx] for c in range(x.shape[0])],
        }
    return out


KAISER_BEST = dict(lowpass_filter_width=64, rolloff=0.9475937167399596,
                   resampling_method="kaiser_window", beta=14.769656459379492)


def resample_block():
    cases = [
        ("hd_three_48k.flac", 16000, {}),
        ("hd_three_48k.flac", 16000, KAISER_BEST),
        ("gsc_yes.wav", 22050, {}),
        ("fmt_s24_stereo.wav", 16000, {}),
    ]
    out = []
    for name, to, kw in cases:
        x, sr = load(name)
        y = torchaudio.functional.resample(mono(x), sr, to, **kw)
        n = y.shape[0]
        idx = list(range(0, n, max(1, n // 40)))[:40] + [n - 1]
        out.append({
            "file": name, "from": sr, "to": to,
            "method": kw.get("resampling_method", "sinc_interpolation"),
            "lowpassFilterWidth": kw.get("lowpass_filter_width", 6),
            "rolloff": kw.get("rolloff", 0.99),
            "length": int(n),
            "sum": r10(y.sum()), "sumSq": r10((y ** 2).sum()),
            "probeIndex": idx, "probe": [float(y[i]) for i in idx],
        })
    return out


SPARCH = dict(num_mel_bins=40)


def fbank_block():
    cases = [
        ("gsc_yes.wav", None, SPARCH),
        ("gsc_no.wav", None, dict(num_mel_bins=40, snip_edges=False, window_type="hamming",
                                  use_energy=True)),
        ("gsc_up.wav", None, dict(num_mel_bins=23, window_type="hanning", round_to_power_of_two=False,
                                  preemphasis_coefficient=0.0, remove_dc_offset=False, low_freq=64.0,
                                  high_freq=-400.0, use_energy=True, energy_floor=0.0)),
        ("gsc_cat.wav", None, dict(num_mel_bins=40, window_type="blackman", use_power=False,
                                   frame_length=32.0, frame_shift=12.5)),
        ("hd_three_48k.flac", 16000, SPARCH),
        ("hd_drei_48k.flac", 16000, SPARCH),
    ]
    out = []
    for name, rate, kw in cases:
        for dtype in (torch.float64, torch.float32):
            x, sr = load(name, torch.float64)
            w = mono(x)
            if rate is not None and rate != sr:
                w = torchaudio.functional.resample(w, sr, rate)
                sr = rate
            w = w.to(dtype)
            with default_dtype(dtype):
                f = torchaudio.compliance.kaldi.fbank(w.unsqueeze(0), sample_frequency=float(sr), dither=0.0, **kw)
            label = "float64" if dtype == torch.float64 else "float32"
            out.append(matrix_entry(f"{name} {kw} {label}", f.to(torch.float64).numpy(), file=name,
                                    sampleRate=sr, dtype=label, options=kw))
    return out


def yin_pad(w, size=16000):
    n = w.shape[0]
    if n >= size:
        return w
    left = (size - n) // 2
    return torch.nn.functional.pad(w, (left, size - n - left))


def mel_block():
    cases = [
        # Yin et al.: peak-normalise, pad to 1 s centred, log1p(S / max), deltas 1 and 2 stacked
        ("gsc_yes.wav", dict(peak=True, pad=16000, n_fft=480, hop=160, win=None, n_mels=40, fmin=20.0,
                             fmax=4000.0, power=2.0, pad_mode="reflect", norm="slaney", scale="slaney",
                             log="log1p_max", deltas=2)),
        ("hd_drei_48k.flac", dict(resample=16000, peak=True, pad=16000, n_fft=480, hop=160, win=None,
                                  n_mels=40, fmin=20.0, fmax=4000.0, power=2.0, pad_mode="reflect",
                                  norm="slaney", scale="slaney", log="log1p_max", deltas=2)),
        ("gsc_no.wav", dict(peak=False, pad=0, n_fft=480, hop=160, win=None, n_mels=40, fmin=20.0,
                            fmax=4000.0, power=2.0, pad_mode="constant", norm="slaney", scale="slaney",
                            log="db", deltas=1)),
        ("gsc_up.wav", dict(peak=False, pad=0, n_fft=512, hop=128, win=400, n_mels=32, fmin=0.0,
                            fmax=8000.0, power=1.0, pad_mode="reflect", norm=None, scale="htk",
                            log="log", deltas=0)),
    ]
    out = []
    for name, o in cases:
        x, sr = load(name)
        w = mono(x)
        if o.get("resample") and o["resample"] != sr:
            w = torchaudio.functional.resample(w, sr, o["resample"])
            sr = o["resample"]
        if o["peak"]:
            m = w.abs().max()
            if m > 0:
                w = w / m
        if o["pad"]:
            w = yin_pad(w, o["pad"])
        t = torchaudio.transforms.MelSpectrogram(
            sample_rate=sr, n_fft=o["n_fft"], win_length=o["win"], hop_length=o["hop"], f_min=o["fmin"],
            f_max=o["fmax"], n_mels=o["n_mels"], window_fn=torch.hann_window, power=o["power"],
            center=True, pad_mode=o["pad_mode"], norm=o["norm"], mel_scale=o["scale"]).double()
        s = t(w).numpy()  # [n_mels, frames]
        if o["log"] == "log1p_max":
            mx = np.max(np.abs(s))
            feat = np.log1p(s / mx) if mx > 0 else s
        elif o["log"] == "db":  # librosa.power_to_db(S, ref=1.0, amin=1e-10, top_db=None)
            feat = 10.0 * np.log10(np.maximum(s, 1e-10))
        else:
            feat = np.log(np.maximum(s, 1e-10))
        stack = [feat]
        for k in range(1, o["deltas"] + 1):  # librosa.feature.delta(feat, width=9, order=k)
            stack.append(scipy.signal.savgol_filter(feat, 9, polyorder=k, deriv=k, axis=-1, mode="interp"))
        m = np.concatenate([c.T for c in stack], axis=1)  # [frames, channels * n_mels], channel-major
        out.append(matrix_entry(f"{name} {o}", m, file=name, sampleRate=sr, options=o))
    return out


def main():
    ref = {
        "generator": "reference.py: torch %s, torchaudio %s, scipy %s, numpy %s" % (
            torch.__version__, torchaudio.__version__, scipy.__version__, np.__version__),
        "decode": decode_block(),
        "resample": resample_block(),
        "fbank": fbank_block(),
        "mel": mel_block(),
    }
    json.dump(ref, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
