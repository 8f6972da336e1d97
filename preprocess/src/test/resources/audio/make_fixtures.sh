#!/bin/sh
# Regenerates the audio fixtures of this directory: real speech from Debian's espeak-ng, converted
# by sox. Not run by the build: the files are committed (espeak-ng and sox versions change the
# bytes), and reference.json is computed from the committed files by reference.py.
#   apt-get install -y espeak-ng sox libsox-fmt-base
# Made with eSpeak NG 1.51 and SoX 14.4.2. "sox -D": no dither, so the output does not depend
# on a random generator.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

say() { # voice, text, output (22.05 kHz mono 16-bit WAV from espeak-ng)
  espeak-ng -v "$1" -w "$3" "$2"
}

# Google Speech Commands-like clips: 16 kHz, 16-bit, mono WAV
for w in yes no up cat; do
  say en-us "$w" "$tmp/$w.wav"
  sox -D "$tmp/$w.wav" -r 16000 -b 16 -c 1 "gsc_$w.wav"
done

# Heidelberg Digits-like clips: 48 kHz, 16-bit, mono FLAC (English "three", German "drei")
say en-us three "$tmp/three.wav"
sox -D "$tmp/three.wav" -r 48000 -b 16 -c 1 hd_three_48k.flac
say de drei "$tmp/drei.wav"
sox -D "$tmp/drei.wav" -r 48000 -b 16 -c 1 hd_drei_48k.flac

# Encodings the decoders must read (0.3 s of "yes"): stereo 24-bit at 22.05 kHz (WAV with
# WAVE_FORMAT_EXTENSIBLE, and FLAC) whose right channel is the left at half gain, unsigned 8-bit,
# signed 32-bit and 32-bit float WAV at 16 kHz
sox -D "$tmp/yes.wav" -b 24 fmt_s24_stereo.wav trim 0 0.3 remix 1 1v0.5
sox -D fmt_s24_stereo.wav fmt_s24_stereo.flac
sox -D gsc_yes.wav -b 8 -e unsigned-integer fmt_u8.wav trim 0 0.3
sox -D gsc_yes.wav -b 32 -e signed-integer fmt_s32.wav trim 0 0.3
sox -D gsc_yes.wav -b 32 -e floating-point fmt_f32.wav trim 0 0.3
