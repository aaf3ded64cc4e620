package dev.podcast.functions;

import dev.podcast.functions.IamPolicy.Permission;
import dev.podcast.port.ObjectStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A bucket as one account sees it under an {@link IamPolicy}: every call is checked as Cloud
 * Storage checks it (the permission it needs, on the object, or on the bucket for a listing) and
 * recorded; a call the policy does not allow is recorded as denied and fails as Cloud Storage's
 * {@code 403} does, with an exception that is not an outage. Thread-safe (the publisher calls from
 * parallel streams).
 */
final class IamObjectStore implements ObjectStore {

  /** One call: who, on which bucket, needing what, on which object ({@code ""} for a listing). */
  record Call(String account, String bucket, Permission permission, String object) {
    @Override
    public String toString() {
      return account + " " + permission + " gs://" + bucket + "/" + object;
    }
  }

  /** Every call of every account, and those denied. */
  static final class Calls {
    final Queue<Call> made = new ConcurrentLinkedQueue<>();
    final Queue<Call> denied = new ConcurrentLinkedQueue<>();
  }

  /** What Cloud Storage answers a call the caller may not make: 403, permanent. */
  static final class AccessDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AccessDeniedException(Call call) {
      super("403: " + call.account() + " does not have storage.objects."
          + call.permission().name().toLowerCase(java.util.Locale.ROOT) + " access to gs://"
          + call.bucket() + "/" + call.object());
    }
  }

  private final ObjectStore bucket;
  private final String bucketKey;
  private final String account;
  private final IamPolicy policy;
  private final Calls calls;

  /**
   * @param bucket the bucket's content, shared by every account's view
   * @param bucketKey the bucket's key in {@code infra/} ({@code source}, {@code site})
   * @param account the account's key in {@code infra/} ({@code upload})
   */
  IamObjectStore(ObjectStore bucket, String bucketKey, String account, IamPolicy policy,
      Calls calls) {
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.bucketKey = bucketKey;
    this.account = account;
    this.policy = policy;
    this.calls = calls;
  }

  private void check(Permission permission, String object) {
    Call call = new Call(account, bucketKey, permission, object);
    calls.made.add(call);
    if (!policy.allows(account, bucketKey, permission, object)) {
      calls.denied.add(call);
      throw new AccessDeniedException(call);
    }
  }

  @Override
  public Optional<StoredObject> get(String name) {
    check(Permission.GET, name);
    return bucket.get(name);
  }

  @Override
  public Optional<StoredObject> get(String name, long maxBytes) {
    // Cloud Storage's adapter reads the metadata, then the content: both are objects.get.
    check(Permission.GET, name);
    return bucket.get(name, maxBytes);
  }

  @Override
  public Optional<Long> generation(String name) {
    check(Permission.GET, name);
    return bucket.generation(name);
  }

  @Override
  public Optional<ObjectInfo> stat(String name) {
    check(Permission.GET, name);
    return bucket.stat(name);
  }

  @Override
  public long put(Write write, long ifGenerationMatch) {
    checkWrite(write.name());
    return bucket.put(write, ifGenerationMatch);
  }

  @Override
  public long put(Write write) {
    checkWrite(write.name());
    return bucket.put(write);
  }

  /** A write needs create; replacing a live generation needs delete as well. */
  private void checkWrite(String name) {
    check(Permission.CREATE, name);
    if (bucket.generation(name).isPresent()) {
      check(Permission.DELETE, name);
    }
  }

  @Override
  public boolean delete(String name, long ifGenerationMatch) {
    check(Permission.DELETE, name);
    return bucket.delete(name, ifGenerationMatch);
  }

  @Override
  public boolean delete(String name) {
    check(Permission.DELETE, name);
    return bucket.delete(name);
  }

  @Override
  public List<String> list(String prefix) {
    check(Permission.LIST, "");
    return bucket.list(prefix);
  }
}
