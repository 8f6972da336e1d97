package org.snnspark.pipeline.cli;

import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.snnspark.pipeline.io.ModelStore;
import org.snnspark.pipeline.nir.NirExporter;
import org.snnspark.pipeline.nir.NirFiles;
import org.snnspark.pipeline.nir.NirGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Write a saved model as a NIR graph (Neuromorphic Intermediate Representation, HDF5), which"
        + " nir.read loads and snnTorch, Norse, Lava, Rockpool... import. Mapping per model: docs/nir.md.")
public final class ExportCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "FILE", description = "model.zip written by 'train'.")
  String model;

  @Option(names = "--format", paramLabel = "FORMAT", description = "Output format: nir. Default: ${DEFAULT-VALUE}")
  String format = "nir";

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "NIR file to write (any Hadoop path).")
  String output;

  @Option(names = "--dt", required = true, paramLabel = "SECONDS",
      description = "Seconds per time step of the data the model was trained on (e.g. 0.014 for 100 steps over"
          + " 1.4 s): NIR's time constants are continuous, tau = dt / (1 - decay). Recorded in the graph.")
  double dt;

  @Option(names = "--reduce-outside",
      description = "Export the readout's per-step output (LI membrane, or output spikes) and leave its reduction"
          + " over time (named in the graph's metadata) to the consumer: NIR has none.")
  boolean reduceOutside;

  @Override
  public Integer call() throws Exception {
    FormatOption.requireNir(format);
    Configuration conf = new Configuration();
    MultiLayerNetwork net = ModelStore.load(conf, model);
    NirGraph graph = NirExporter.export(net, dt, reduceOutside, model);
    NirFiles.write(graph, output, conf);
    System.out.println("wrote " + output + ": " + graph.nodes().size() + " nodes, dt " + dt + " s");
    return 0;
  }
}
