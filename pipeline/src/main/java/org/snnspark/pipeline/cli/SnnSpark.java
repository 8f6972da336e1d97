package org.snnspark.pipeline.cli;

public final class SnnSpark {
  public static void main(String[] args) { }
}
