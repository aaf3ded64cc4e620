/**
 * JMH benchmarks for the episode parser, and a dump tool that checks an optimisation changes
 * nothing.
 *
 * <p>Run the parser benchmark (from the repository root):
 *
 * <pre>
 * mvn -B -o -pl shared -Pbench test-compile exec:exec
 * mvn -B -o -pl shared -Pbench test-compile exec:exec -Dbench.args="ParseBenchmark -prof gc"
 * </pre>
 *
 * <p>With {@code -Dbench.main=dev.podcast.bench.ParseBenchmark} the same run also prints
 * episodes/s, MB/s and (with {@code -prof gc}) bytes allocated per episode. See {@link
 * dev.podcast.bench.ParseBenchmark} and {@link dev.podcast.bench.CorpusDump}.
 */
package dev.podcast.bench;
