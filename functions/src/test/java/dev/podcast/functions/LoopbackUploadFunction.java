package dev.podcast.functions;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.StorageOptions;
import dev.podcast.adapter.Lazy;
import dev.podcast.adapter.gcs.GcsObjectStores;
import dev.podcast.port.ObjectStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The upload function as its no-arg constructor wires it ({@link Adapters#publisher}: the
 * configuration from the environment, the Firestore episode store from the environment, so
 * {@code FIRESTORE_EMULATOR_HOST} reaches the emulator), except that each bucket's Cloud Storage
 * client talks to {@code STORAGE_EMULATOR_HOST} ({@code http://127.0.0.1:PORT}, a loopback
 * JSON-API server such as {@code FakeGcsServer}) without credentials, instead of
 * {@code storage.googleapis.com} with Application Default Credentials. As in production, each
 * bucket builds its own client, on first use. For the cold-start benchmark of the first real
 * episode event ({@code functions/bench/cold-start-runtimes.sh}); the invoker instantiates it by
 * name.
 */
public class LoopbackUploadFunction extends UploadFunction {

  public LoopbackUploadFunction() {
    this(FunctionsConfig.fromEnvironment(System.getenv()),
        Objects.requireNonNull(System.getenv("STORAGE_EMULATOR_HOST"), "STORAGE_EMULATOR_HOST"));
  }

  private LoopbackUploadFunction(FunctionsConfig config, String storageHost) {
    super(Adapters.publisher(config, bucket -> loopback(storageHost, bucket)), config);
  }

  /** A store on {@code bucket} whose client is built on first use, as in production. */
  private static ObjectStore loopback(String host, String bucket) {
    return new LazyObjectStore(new Lazy<>(() -> GcsObjectStores.forBucket(
        StorageOptions.newBuilder().setHost(host).setProjectId("demo-podcast")
            .setCredentials(NoCredentials.getInstance()).build().getService(), bucket)));
  }

  /** Forwards every call to the store {@code delegate} builds on its first call. */
  private record LazyObjectStore(Supplier<ObjectStore> delegate) implements ObjectStore {
    @Override
    public Optional<StoredObject> get(String name) {
      return delegate.get().get(name);
    }

    @Override
    public Optional<StoredObject> get(String name, long maxBytes) {
      return delegate.get().get(name, maxBytes);
    }

    @Override
    public Optional<Long> generation(String name) {
      return delegate.get().generation(name);
    }

    @Override
    public Optional<ObjectInfo> stat(String name) {
      return delegate.get().stat(name);
    }

    @Override
    public long put(Write write, long ifGenerationMatch) {
      return delegate.get().put(write, ifGenerationMatch);
    }

    @Override
    public long put(Write write) {
      return delegate.get().put(write);
    }

    @Override
    public boolean delete(String name, long ifGenerationMatch) {
      return delegate.get().delete(name, ifGenerationMatch);
    }

    @Override
    public boolean delete(String name) {
      return delegate.get().delete(name);
    }

    @Override
    public List<String> list(String prefix) {
      return delegate.get().list(prefix);
    }
  }
}
