package org.snnspark.pipeline.cli;

import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.pipeline.io.ModelStore;
import org.snnspark.pipeline.nir.NirFiles;
import org.snnspark.pipeline.nir.NirGraph;
import org.snnspark.pipeline.nir.NirImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Turn a NIR graph (HDF5, as nir.write writes it) into a model.zip that 'evaluate' scores:"
        + " a chain of Affine/Linear weights and LIF / CubaLIF neurons (recurrent ones as sub-graphs), ending"
        + " in LI (leaky readout) or a spiking layer (spike-count readout). Mapping: docs/nir.md.")
public final class ImportCommand implements Callable<Integer> {
  @Option(names = "--format", paramLabel = "FORMAT", description = "Input format: nir. Default: ${DEFAULT-VALUE}")
  String format = "nir";

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "NIR file to read (any Hadoop path).")
  String input;

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "model.zip to write.")
  String output;

  @Option(names = "--dt", paramLabel = "SECONDS",
      description = "Seconds per time step to run the graph at. Default: the graph's metadata dt (ours write it).")
  Double dt;

  @Option(names = "--time-reduction", paramLabel = "REDUCTION",
      description = "Readout's reduction over time (${COMPLETION-CANDIDATES}). Default: the graph's metadata"
          + " time_reduction, else SUM_SOFTMAX.")
  ReadoutReduction reduction;

  @Override
  public Integer call() throws Exception {
    FormatOption.requireNir(format);
    Configuration conf = new Configuration();
    NirGraph graph = NirFiles.read(input, conf);
    MultiLayerNetwork net = NirImporter.build(graph, input, dt, reduction);
    org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(output);
    FileSystem fs = out.getFileSystem(conf);
    ModelStore.save(net, fs, out);
    System.out.println("wrote " + output + ": " + net.getnLayers() + " layers, " + net.numParams() + " parameters");
    return 0;
  }
}
