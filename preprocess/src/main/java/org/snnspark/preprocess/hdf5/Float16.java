package org.snnspark.preprocess.hdf5;

/**
 * IEEE 754 binary16 ("half", numpy float16) conversions.
 *
 * <p>The Heidelberg spike files store spike times as float16 seconds. Java 17 has no half type
 * ({@code Float.floatToFloat16} arrived in Java 20), and we want the generator to decide the stored
 * bits itself — so that the times it sorts are exactly the times in the file, and so that the file
 * bytes do not depend on the HDF5 library's own conversion rounding.
 */
public final class Float16 {
  private Float16() {}

  /** Rounds a float to the nearest binary16 value (ties to even), as numpy's astype(float16). */
  public static short fromFloat(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int exp = (bits >>> 23) & 0xff;
    int mant = bits & 0x7fffff;
    if (exp == 0xff) { // infinity or NaN (keep NaN a quiet NaN)
      return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0));
    }
    int e = exp - 127 + 15;
    if (e >= 0x1f) {
      return (short) (sign | 0x7c00); // overflow -> infinity
    }
    if (e <= 0) { // subnormal half (or zero)
      if (e < -10) {
        return (short) sign;
      }
      int m = mant | 0x800000;
      int shift = 14 - e;
      int half = m >>> shift;
      int rem = m & ((1 << shift) - 1);
      int halfway = 1 << (shift - 1);
      if (rem > halfway || (rem == halfway && (half & 1) != 0)) {
        half++;
      }
      return (short) (sign | half);
    }
    int half = (e << 10) | (mant >>> 13);
    int rem = mant & 0x1fff;
    // a carry out of the mantissa correctly bumps the exponent (up to infinity)
    if (rem > 0x1000 || (rem == 0x1000 && (half & 1) != 0)) {
      half++;
    }
    return (short) (sign | half);
  }

  /** The exact float value of a binary16 bit pattern. */
  public static float toFloat(short h) {
    int bits = h & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1f;
    int mant = bits & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      float v = mant * 0x1p-24f; // exact: subnormal halves are multiples of 2^-24
      return sign != 0 ? -v : v;
    }
    return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
  }

  /** {@code toFloat(fromFloat(f))}: the float a value becomes once stored as float16. */
  public static float round(float f) {
    return toFloat(fromFloat(f));
  }
}
