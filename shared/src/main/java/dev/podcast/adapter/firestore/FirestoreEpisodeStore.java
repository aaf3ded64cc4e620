package dev.podcast.adapter.firestore;

import com.google.api.core.ApiFuture;
import com.google.api.gax.rpc.ApiException;
import com.google.cloud.Timestamp;
import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreException;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.SetOptions;
import com.google.cloud.firestore.TransactionOptions;
import dev.podcast.episode.EpisodeStatus;
import dev.podcast.episode.ItemTags;
import dev.podcast.feed.FeedEntry;
import dev.podcast.port.BufferedTransaction;
import dev.podcast.port.EpisodeStore;
import dev.podcast.port.ObjectStore.StoreUnavailableException;
import dev.podcast.show.ShowConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An {@link EpisodeStore} on Firestore. One show's documents live under its show document:
 *
 * <ul>
 *   <li>{@code shows/{showId}}: field {@code version} (a long; absent means 0), once
 *       assigned {@code podcastGuid}, and the regeneration lease ({@code leaseHolder},
 *       {@code leaseExpires}, {@code rendered});
 *   <li>{@code shows/{showId}/episodes/{slug}}: one {@link EpisodeRecord}, every field spelled
 *       out (see {@link #episodeFields});
 *   <li>{@code shows/{showId}/sources/{id}}: one {@link SourceRecord}; object names contain
 *       {@code /}, which document ids cannot, so {@code id} is the base64url (no padding) of the
 *       name's UTF-8 bytes and the name itself is in field {@code object}; field {@code guid}
 *       is the item guid registered for the object's episode, which outlives the record's other
 *       fields (a delete keeps it).
 * </ul>
 *
 * <p>Instants are Firestore timestamps, kept to the microsecond (Firestore's precision).
 *
 * <p>{@link #transaction} runs {@code db.runTransaction}. The work function's reads go to
 * Firestore and see committed state; its writes are buffered here and handed to the Firestore
 * transaction when the function returns, so a function may read after writing (Firestore itself
 * rejects reads after writes) and a function that throws writes nothing. Contention is retried
 * by Firestore, up to a number of attempts; then it is an outage.
 *
 * <p>{@link #episodes()} queries {@code episodes} ordered by {@code date} descending (the
 * automatic single-field index) and then sorts in memory by date descending, slug ascending, so
 * that ties follow the port's order without a composite index. It reads every episode of the
 * show. {@link #changesSince} reads only what commits after a version wrote: each episode
 * document carries field {@code version}, the show's version its commit set, and a deleted
 * episode leaves a document of {@code removed = true} and {@code version} (it has no date, so
 * {@link #episodes()} and {@link #due} never see it). {@link #usage()} counts the documents
 * read and written, a query that finds none as one read, as Firestore bills them.
 *
 * <p>Errors: UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED (after the retries), RESOURCE_EXHAUSTED,
 * CANCELLED, INTERNAL, UNKNOWN and I/O failures are {@link StoreUnavailableException}; other
 * Firestore errors (a bad request, a missing permission) are {@link IllegalStateException};
 * exceptions the work function throws propagate unchanged. Thread-safe.
 */
final class FirestoreEpisodeStore implements EpisodeStore {

  private static final Set<String> TRANSIENT = Set.of("UNAVAILABLE", "DEADLINE_EXCEEDED",
      "ABORTED", "RESOURCE_EXHAUSTED", "CANCELLED", "INTERNAL", "UNKNOWN");

  private final Supplier<Firestore> db;
  private final String showId;
  private final TransactionOptions options;
  private final java.util.concurrent.atomic.AtomicLong reads =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong writes =
      new java.util.concurrent.atomic.AtomicLong();

  FirestoreEpisodeStore(Supplier<Firestore> db, String showId, int attempts) {
    this.db = db;
    this.showId = showId;
    this.options = TransactionOptions.createReadWriteOptionsBuilder()
        .setNumberOfAttempts(attempts).build();
  }

  // ---- Document references ----

  private DocumentReference show() {
    return db.get().collection("shows").document(showId);
  }

  private CollectionReference episodesCollection() {
    return show().collection("episodes");
  }

  /** The catalogue document that holds {@code slug}'s outline. */
  private DocumentReference catalogueDoc(String slug) {
    return show().collection("catalogue").document(
        "part-" + Math.floorMod(slug.hashCode(), CATALOGUE_PARTS));
  }

  private DocumentReference sourceDoc(String object) {
    return show().collection("sources").document(sourceId(object));
  }

  /** The document id of {@code object}: base64url of its UTF-8 bytes, no padding. */
  static String sourceId(String object) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(object.getBytes(StandardCharsets.UTF_8));
  }

  // ---- The port ----

  @Override
  public <T> T transaction(Function<Transaction, T> work) {
    AtomicReference<RuntimeException> thrownByWork = new AtomicReference<>();
    ApiFuture<T> result = db.get().runTransaction(tx -> {
      thrownByWork.set(null);
      Buffered buffered = new Buffered(tx);
      T value;
      try {
        value = work.apply(buffered);
      } catch (RuntimeException e) {
        if (!buffered.isStoreError(e)) {
          thrownByWork.set(e);
        }
        throw e;
      }
      buffered.flush();
      return value;
    }, options);
    try {
      return result.get();
    } catch (ExecutionException e) {
      RuntimeException own = thrownByWork.get();
      if (own != null && causedBy(e, own)) {
        throw own;
      }
      throw translate("transaction", e.getCause() == null ? e : e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted waiting for Firestore", e);
    }
  }

  @Override
  public long version() {
    reads.incrementAndGet();
    return versionOf(await("read the version", show().get()));
  }

  @Override
  public Optional<Usage> usage() {
    return Optional.of(new Usage(reads.get(), writes.get()));
  }

  @Override
  public Changes changesSince(long since) {
    List<EpisodeRecord> records = new ArrayList<>();
    Set<String> removed = new java.util.HashSet<>();
    Query changed = episodesCollection().whereGreaterThan("version", since);
    for (QueryDocumentSnapshot doc : counted(await("query changed episodes", changed.get()))) {
      if (Boolean.TRUE.equals(doc.getBoolean("removed"))) {
        removed.add(doc.getId());
      } else {
        records.add(recordOf(doc));
      }
    }
    return new Changes(records, removed);
  }

  /**
   * How many documents the catalogue is split into: a cold instance reads at most this many
   * (a show of fewer episodes has fewer), whatever the number of episodes. An outline of the
   * corpus takes about 2.4 KB, so each part holds about 190 KB at 10,000 episodes, and Firestore's
   * 1 MiB a document is reached at about 50,000 episodes a show.
   */
  static final int CATALOGUE_PARTS = 128;

  /** The show document's field that says the catalogue holds every episode's outline. */
  private static final String CATALOGUED = "catalogued";

  @Override
  public List<EpisodeRecord> outlines() {
    reads.incrementAndGet();
    DocumentSnapshot showDoc = await("read the show", show().get());
    if (!Boolean.TRUE.equals(showDoc.getBoolean(CATALOGUED)) && versionOf(showDoc) > 0) {
      return catalogueAll();
    }
    List<EpisodeRecord> all = new ArrayList<>();
    for (QueryDocumentSnapshot part : counted(await("read the catalogue",
        show().collection("catalogue").get()))) {
      all.addAll(outlinesIn(part));
    }
    all.sort(NEWEST_FIRST);
    return all;
  }

  /**
   * Every episode's outline, read from the episodes in a transaction that writes the catalogue
   * from them: once, for a show whose records were written before the catalogue existed.
   */
  private List<EpisodeRecord> catalogueAll() {
    ApiFuture<List<EpisodeRecord>> done = db.get().runTransaction(tx -> {
      List<EpisodeRecord> all = new ArrayList<>();
      Map<DocumentReference, Map<String, Object>> parts = new LinkedHashMap<>();
      for (int i = 0; i < CATALOGUE_PARTS; i++) {
        parts.put(show().collection("catalogue").document("part-" + i), new LinkedHashMap<>());
      }
      for (QueryDocumentSnapshot doc : counted(tx.get(newestFirst()).get())) {
        EpisodeRecord outline = recordOf(doc).outline();
        all.add(outline);
        parts.get(catalogueDoc(outline.slug())).put(outline.slug(), outlineFields(outline));
      }
      for (Map.Entry<DocumentReference, Map<String, Object>> part : parts.entrySet()) {
        tx.set(part.getKey(), Map.of("e", part.getValue()));
        writes.incrementAndGet();
      }
      tx.set(show(), Map.of(CATALOGUED, true), SetOptions.merge());
      writes.incrementAndGet();
      return all;
    }, options);
    List<EpisodeRecord> all = new ArrayList<>(await("write the catalogue", done));
    all.sort(NEWEST_FIRST);
    return all;
  }

  /** The outlines a catalogue document holds. */
  private static List<EpisodeRecord> outlinesIn(DocumentSnapshot part) {
    List<EpisodeRecord> outlines = new ArrayList<>();
    Fields fields = new Fields(part.getReference().getPath(), part.getData());
    Object held = fields.data().get("e");
    if (held == null) {
      return outlines;
    }
    for (Map.Entry<String, Object> e : fields.map(held, "e").data().entrySet()) {
      outlines.add(recordOf(fields.map(e.getValue(), "e." + e.getKey()), e.getKey()));
    }
    return outlines;
  }

  /** What the catalogue holds of {@code r}: its fields without the feed item's notes. */
  private static Map<String, Object> outlineFields(EpisodeRecord r) {
    Map<String, Object> fields = episodeFields(r);
    fields.remove("descriptionHtml");
    fields.remove("contentHtml");
    fields.remove("summaryText");
    return fields;
  }

  @Override
  public Map<String, EpisodeRecord> episodes(java.util.Collection<String> slugs) {
    Map<String, EpisodeRecord> found = new java.util.HashMap<>();
    // A batched get of a few hundred at a time.
    for (List<String> chunk : chunks(slugs, 300)) {
      DocumentReference[] refs = chunk.stream().map(slug -> episodesCollection().document(slug))
          .toArray(DocumentReference[]::new);
      List<DocumentSnapshot> docs = await("read episodes", db.get().getAll(refs));
      reads.addAndGet(docs.size());
      for (DocumentSnapshot doc : docs) {
        if (doc.exists() && !Boolean.TRUE.equals(doc.getBoolean("removed"))) {
          found.put(doc.getId(), recordOf(doc));
        }
      }
    }
    return found;
  }

  private static final Comparator<EpisodeRecord> NEWEST_FIRST = Comparator
      .comparing((EpisodeRecord r) -> r.entry().date()).reversed()
      .thenComparing(EpisodeRecord::slug);

  /** The most values of an {@code in} query (Firestore's limit). */
  private static final int IN_VALUES = 30;

  /** {@code values} without repeats, in lists of at most {@value #IN_VALUES}. */
  private static List<List<String>> chunks(java.util.Collection<String> values) {
    return chunks(values, IN_VALUES);
  }

  /** {@code values} without repeats, in lists of at most {@code size}. */
  private static List<List<String>> chunks(java.util.Collection<String> values, int size) {
    List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(values));
    List<List<String>> chunks = new ArrayList<>();
    for (int from = 0; from < distinct.size(); from += size) {
      chunks.add(distinct.subList(from, Math.min(distinct.size(), from + size)));
    }
    return chunks;
  }

  /** The documents of a query, counted as Firestore bills them: at least one read. */
  private List<QueryDocumentSnapshot> counted(com.google.cloud.firestore.QuerySnapshot query) {
    reads.addAndGet(Math.max(1, query.size()));
    return query.getDocuments();
  }

  @Override
  public List<EpisodeRecord> episodes() {
    List<EpisodeRecord> all = new ArrayList<>();
    // Ordered by date: a deleted episode's document, which has none, is not among them.
    for (QueryDocumentSnapshot doc : counted(await("list episodes", newestFirst().get()))) {
      all.add(recordOf(doc));
    }
    all.sort(NEWEST_FIRST);
    return all;
  }

  @Override
  public List<EpisodeRecord> due(Instant now) {
    Timestamp at = timestamp(now);
    List<EpisodeRecord> due = new ArrayList<>();
    // Composite indexes (status, publishDate) and (status, expiryDate): firestore.indexes.json.
    Query scheduled = episodesCollection()
        .whereEqualTo("status", EpisodeStatus.SCHEDULED.name())
        .whereLessThanOrEqualTo("publishDate", at);
    Query expiring = episodesCollection()
        .whereEqualTo("status", EpisodeStatus.PUBLISHED.name())
        .whereLessThanOrEqualTo("expiryDate", at);
    for (Query query : List.of(scheduled, expiring)) {
      for (QueryDocumentSnapshot doc : counted(await("query due episodes", query.get()))) {
        due.add(recordOf(doc));
      }
    }
    due.sort(NEWEST_FIRST);
    return due;
  }

  @Override
  public Optional<SourceRecord> source(String object) {
    reads.incrementAndGet();
    return sourceOf(await("read source " + object, sourceDoc(object).get()));
  }

  @Override
  public List<SourceRecord> rejected() {
    List<SourceRecord> rejected = new ArrayList<>();
    for (DocumentSnapshot d : await("read the rejected sources", show().collection("sources")
        .whereEqualTo("outcome", Outcome.REJECTED.name()).get()).getDocuments()) {
      reads.incrementAndGet();
      sourceOf(d).ifPresent(rejected::add);
    }
    rejected.sort(Comparator.comparing(SourceRecord::object));
    return rejected;
  }

  @Override
  public Optional<String> podcastGuid() {
    reads.incrementAndGet();
    return Optional.ofNullable(await("read the show", show().get()).getString("podcastGuid"));
  }

  private Query newestFirst() {
    return episodesCollection().orderBy("date", Query.Direction.DESCENDING);
  }

  /** One attempt of a transaction: reads go to Firestore, writes wait for {@link #flush}. */
  private final class Buffered extends BufferedTransaction {
    private final com.google.cloud.firestore.Transaction tx;
    private final List<RuntimeException> storeErrors = new ArrayList<>();
    /** Documents read in this attempt: a source's record and its guid are one read. */
    private final Map<String, DocumentSnapshot> read = new java.util.HashMap<>();
    /** The episode of each object and the owner of each guid, as {@link #prefetch} found them. */
    private final Map<String, Optional<EpisodeRecord>> episodesOf = new java.util.HashMap<>();
    private final Map<String, Optional<String>> owners = new java.util.HashMap<>();

    Buffered(com.google.cloud.firestore.Transaction tx) {
      this.tx = tx;
    }

    private DocumentSnapshot snapshot(DocumentReference ref) {
      DocumentSnapshot known = read.get(ref.getPath());
      if (known == null) {
        reads.incrementAndGet();
        known = read(tx.get(ref));
        read.put(ref.getPath(), known);
      }
      return known;
    }

    @Override
    public Optional<SourceRecord> source(String object) {
      return sourceOf(snapshot(sourceDoc(object)));
    }

    /**
     * One batched get for the source and episode documents, and {@code in} queries of
     * {@value #IN_VALUES} values for the episodes of the objects and the owners of the guids.
     */
    @Override
    public void prefetch(java.util.Collection<String> sources, java.util.Collection<String> slugs,
        java.util.Collection<String> publishing, java.util.Collection<String> guids) {
      List<DocumentReference> refs = new ArrayList<>();
      sources.forEach(o -> refs.add(sourceDoc(o)));
      slugs.forEach(slug -> refs.add(episodesCollection().document(slug)));
      refs.removeIf(ref -> read.containsKey(ref.getPath()));
      if (!refs.isEmpty()) {
        List<DocumentSnapshot> docs = read(tx.getAll(refs.toArray(new DocumentReference[0])));
        reads.addAndGet(docs.size());
        docs.forEach(doc -> read.put(doc.getReference().getPath(), doc));
      }
      for (List<String> chunk : chunks(publishing)) {
        chunk.forEach(o -> episodesOf.put(o, Optional.empty()));
        for (QueryDocumentSnapshot doc : counted(read(tx.get(
            episodesCollection().whereIn("sourceObject", chunk))))) {
          episodesOf.put(doc.getString("sourceObject"), Optional.of(recordOf(doc)));
        }
      }
      for (List<String> chunk : chunks(guids)) {
        chunk.forEach(g -> owners.put(g, Optional.empty()));
        for (QueryDocumentSnapshot doc : counted(read(tx.get(
            show().collection("sources").whereIn("guid", chunk))))) {
          owners.putIfAbsent(doc.getString("guid"), Optional.empty());
          if (owners.get(doc.getString("guid")).isEmpty()) {
            owners.put(doc.getString("guid"), Optional.ofNullable(doc.getString("object")));
          }
        }
      }
    }

    @Override
    public Optional<String> guid(String object) {
      DocumentSnapshot doc = snapshot(sourceDoc(object));
      return doc.exists() ? Optional.ofNullable(doc.getString("guid")) : Optional.empty();
    }

    @Override
    public Optional<String> guidOwner(String guid) {
      if (owners.containsKey(guid)) {
        return owners.get(guid);
      }
      // The single-field index Firestore keeps on every field answers this query.
      Query query = show().collection("sources").whereEqualTo("guid", guid).limit(1);
      List<QueryDocumentSnapshot> docs = counted(read(tx.get(query)));
      return docs.isEmpty() ? Optional.empty() : Optional.ofNullable(docs.get(0).getString(
          "object"));
    }

    @Override
    public Optional<String> podcastGuid() {
      DocumentSnapshot doc = snapshot(show());
      return doc.exists() ? Optional.ofNullable(doc.getString("podcastGuid")) : Optional.empty();
    }

    @Override
    public Optional<EpisodeRecord> episode(String slug) {
      DocumentSnapshot doc = snapshot(episodesCollection().document(slug));
      return doc.exists() && !Boolean.TRUE.equals(doc.getBoolean("removed"))
          ? Optional.of(recordOf(doc)) : Optional.empty();
    }

    @Override
    public Optional<EpisodeRecord> episodeOf(String object) {
      if (episodesOf.containsKey(object)) {
        return episodesOf.get(object);
      }
      Query query = episodesCollection().whereEqualTo("sourceObject", object).limit(1);
      List<QueryDocumentSnapshot> docs = counted(read(tx.get(query)));
      return docs.isEmpty() ? Optional.empty()
          : Optional.of(recordOf(docs.get(0)));
    }

    @Override
    public long version() {
      return versionOf(snapshot(show()));
    }

    @Override
    public Lease lease() {
      return leaseOf(snapshot(show()));
    }

    /**
     * Hands the buffered writes to the Firestore transaction, which commits them: one write per
     * document, merged, so that a source's guid outlives its other fields.
     */
    void flush() {
      // Each episode written or deleted carries the version of this commit (read now: a
      // transaction reads before it writes), so that changesSince finds it.
      long stamp = newVersion().orElseGet(this::version);
      // A show's first commit starts its catalogue; an older show's is made by outlines().
      boolean startsCatalogue = false;
      if (!episodes().isEmpty() || newVersion().isPresent()) {
        DocumentSnapshot showDoc = snapshot(show());
        startsCatalogue = versionOf(showDoc) == 0
            && !Boolean.TRUE.equals(showDoc.getBoolean(CATALOGUED));
      }
      Map<String, Map<String, Object>> sourceWrites = new LinkedHashMap<>();
      for (SourceRecord record : sources().values()) {
        sourceWrites.put(record.object(), sourceFields(record));
      }
      for (Map.Entry<String, String> guid : guids().entrySet()) {
        Map<String, Object> fields = sourceWrites.computeIfAbsent(guid.getKey(),
            object -> new LinkedHashMap<>(Map.of("object", object)));
        fields.put("guid", guid.getValue());
      }
      for (Map.Entry<String, Map<String, Object>> write : sourceWrites.entrySet()) {
        tx.set(sourceDoc(write.getKey()), write.getValue(), SetOptions.merge());
        writes.incrementAndGet();
      }
      for (Map.Entry<String, Optional<EpisodeRecord>> e : episodes().entrySet()) {
        DocumentReference ref = episodesCollection().document(e.getKey());
        if (e.getValue().isPresent()) {
          Map<String, Object> fields = episodeFields(e.getValue().get());
          fields.put("version", stamp);
          tx.set(ref, fields);
        } else {
          tx.set(ref, Map.of("removed", true, "version", stamp));
        }
        writes.incrementAndGet();
      }
      // Each catalogue document changed once: the outlines written, those deleted removed.
      Map<DocumentReference, Map<String, Object>> parts = new LinkedHashMap<>();
      Map<DocumentReference, List<com.google.cloud.firestore.FieldPath>> paths =
          new LinkedHashMap<>();
      for (Map.Entry<String, Optional<EpisodeRecord>> e : episodes().entrySet()) {
        DocumentReference part = catalogueDoc(e.getKey());
        parts.computeIfAbsent(part, k -> new LinkedHashMap<>()).put(e.getKey(), e.getValue()
            .map(r -> (Object) outlineFields(r))
            .orElse(com.google.cloud.firestore.FieldValue.delete()));
        paths.computeIfAbsent(part, k -> new ArrayList<>())
            .add(com.google.cloud.firestore.FieldPath.of("e", e.getKey()));
      }
      for (Map.Entry<DocumentReference, Map<String, Object>> part : parts.entrySet()) {
        tx.set(part.getKey(), Map.of("e", part.getValue()),
            SetOptions.mergeFieldPaths(paths.get(part.getKey())));
        writes.incrementAndGet();
      }
      Map<String, Object> showFields = new LinkedHashMap<>();
      if (startsCatalogue) {
        showFields.put(CATALOGUED, true);
      }
      newVersion().ifPresent(version -> showFields.put("version", version));
      newPodcastGuid().ifPresent(guid -> showFields.put("podcastGuid", guid));
      newLease().ifPresent(lease -> {
        showFields.put("leaseHolder", lease.holder());
        showFields.put("leaseExpires", timestamp(lease.expires()));
        showFields.put("rendered", lease.rendered());
      });
      if (!showFields.isEmpty()) {
        tx.set(show(), showFields, SetOptions.merge());
        writes.incrementAndGet();
      }
    }

    /**
     * Waits for a read. Its failure is rethrown as Firestore reported it, so that the
     * transaction runner can tell contention (which it retries) from the rest.
     */
    private <V> V read(ApiFuture<V> future) {
      try {
        return future.get();
      } catch (ExecutionException e) {
        RuntimeException error = e.getCause() instanceof RuntimeException r ? r
            : translate("read", e.getCause() == null ? e : e.getCause());
        storeErrors.add(error);
        throw error;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        RuntimeException error = new StoreUnavailableException("interrupted", e);
        storeErrors.add(error);
        throw error;
      }
    }

    boolean isStoreError(RuntimeException e) {
      return storeErrors.stream().anyMatch(s -> causedBy(e, s));
    }
  }

  // ---- Errors ----

  /** {@code future}'s value; its failure mapped as {@link #translate} maps it. */
  static <V> V await(String what, ApiFuture<V> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw translate(what, e.getCause() == null ? e : e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted waiting for Firestore to " + what, e);
    }
  }

  private static boolean causedBy(Throwable t, Throwable cause) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c == cause) {
        return true;
      }
    }
    return false;
  }

  /** An outage for transient errors, else an {@link IllegalStateException}. */
  static RuntimeException translate(String what, Throwable error) {
    if (error instanceof StoreUnavailableException unavailable) {
      return unavailable;
    }
    String code = null;
    boolean io = false;
    for (Throwable c = error; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (code == null && c instanceof ApiException api) {
        code = api.getStatusCode().getCode().name();
      } else if (code == null && c instanceof FirestoreException fe && fe.getStatus() != null) {
        code = fe.getStatus().getCode().name();
      }
      io |= c instanceof IOException;
    }
    String message = "Firestore could not " + what + (code == null ? "" : " (" + code + ")")
        + ": " + error.getMessage();
    if (io || code == null && error instanceof FirestoreException fe && fe.isRetryable()
        || code != null && TRANSIENT.contains(code)) {
      return new StoreUnavailableException(message, error);
    }
    return new IllegalStateException(message, error);
  }

  // ---- Documents ----

  /** The regeneration lease: fields of the show's document. */
  private static Lease leaseOf(DocumentSnapshot show) {
    if (!show.exists() || show.getString("leaseHolder") == null) {
      return Lease.NONE;
    }
    Long rendered = show.getLong("rendered");
    Timestamp expires = show.getTimestamp("leaseExpires");
    return new Lease(show.getString("leaseHolder"), expires == null ? Instant.EPOCH
        : instant(expires), rendered == null ? 0 : rendered);
  }

  private static long versionOf(DocumentSnapshot show) {
    Long version = show.exists() ? show.getLong("version") : null;
    return version == null ? 0 : version;
  }

  static Map<String, Object> sourceFields(SourceRecord r) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("object", r.object());
    f.put("generation", r.generation());
    f.put("outcome", r.outcome().name());
    f.put("problems", r.problems());
    f.put("updated", timestamp(r.updated()));
    return f;
  }

  private static Optional<SourceRecord> sourceOf(DocumentSnapshot d) {
    if (!d.exists() || d.getString("outcome") == null) {
      // absent, or only a guid registered (by an import) for an object never processed
      return Optional.empty();
    }
    return Optional.of(new SourceRecord(string(d, "object"), number(d, "generation"),
        Outcome.valueOf(string(d, "outcome")), strings(d.get("problems")),
        instant(d, "updated")));
  }

  static Map<String, Object> episodeFields(EpisodeRecord r) {
    FeedEntry e = r.entry();
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("slug", r.slug());
    f.put("sourceObject", r.sourceObject());
    f.put("sourceGeneration", r.sourceGeneration());
    f.put("contentHash", r.contentHash());
    f.put("status", r.status().name());
    f.put("publishDate", timestamp(r.publishDate()));
    f.put("expiryDate", r.expiryDate().map(FirestoreEpisodeStore::timestamp).orElse(null));
    f.put("guid", e.guid());
    f.put("title", e.title());
    f.put("link", e.link());
    f.put("date", timestamp(e.date()));
    Map<String, Object> enclosure = new LinkedHashMap<>();
    enclosure.put("url", e.enclosureUrl());
    enclosure.put("length", e.enclosureLength());
    enclosure.put("type", e.enclosureType());
    f.put("enclosure", enclosure);
    f.put("durationSeconds", e.durationSeconds());
    f.put("episodeNumber", e.episodeNumber().isPresent() ? (Long) (long) e.episodeNumber()
        .getAsInt() : null);
    f.put("seasonNumber", e.seasonNumber().isPresent() ? (Long) (long) e.seasonNumber()
        .getAsInt() : null);
    f.put("episodeType", e.episodeType());
    f.put("descriptionHtml", e.descriptionHtml());
    f.put("contentHtml", e.contentHtml());
    f.put("summaryText", e.summaryText());
    f.put("subtitle", e.subtitle());
    f.put("author", e.author());
    f.put("imageUrl", e.imageUrl());
    f.put("categories", e.categories());
    List<Map<String, Object>> transcripts = new ArrayList<>();
    for (FeedEntry.Transcript t : e.transcripts()) {
      transcripts.add(t.rel().isEmpty() ? Map.of("url", t.url(), "type", t.type())
          : Map.of("url", t.url(), "type", t.type(), "rel", t.rel()));
    }
    f.put("transcripts", transcripts);
    List<Map<String, Object>> persons = new ArrayList<>();
    for (ShowConfig.Person p : e.persons()) {
      persons.add(Map.of("name", p.name(), "role", p.role(), "group", p.group(),
          "img", p.img(), "href", p.href()));
    }
    f.put("persons", persons);
    f.put("tags", tagFields(e.tags()));
    f.put("pagePath", r.pagePath());
    f.put("summaryHtml", r.summaryHtml());
    f.put("image", r.image());
    f.put("hosts", r.hosts());
    f.put("missingImage", r.missingImage());
    return f;
  }

  /** An item's other Podcasting 2.0 tags, as a map ({@code null}, left out, when none). */
  private static Map<String, Object> tagFields(ItemTags tags) {
    if (tags.equals(ItemTags.NONE)) {
      return null;
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("seasonName", tags.seasonName());
    f.put("licenseName", tags.licenseName());
    f.put("licenseUrl", tags.licenseUrl());
    List<Map<String, Object>> bites = new ArrayList<>();
    for (ItemTags.Soundbite b : tags.soundbites()) {
      bites.add(Map.of("startTime", b.startTime(), "duration", b.duration(), "title", b.title()));
    }
    f.put("soundbites", bites);
    List<Map<String, Object>> alternates = new ArrayList<>();
    for (ItemTags.Alternate a : tags.alternates()) {
      Map<String, Object> alt = new LinkedHashMap<>();
      alt.put("url", a.url());
      alt.put("type", a.type());
      alt.put("length", a.length());
      alt.put("bitrate", a.bitrate());
      alt.put("title", a.title());
      alt.put("default", a.preferred());
      alternates.add(alt);
    }
    f.put("alternates", alternates);
    List<Map<String, Object>> chapters = new ArrayList<>();
    for (ItemTags.Chapter c : tags.chapters()) {
      // The optional fields only where given: most chapters have a start and a title alone.
      Map<String, Object> chapter = new LinkedHashMap<>();
      chapter.put("startTime", c.startTime());
      chapter.put("title", c.title());
      if (!c.img().isEmpty()) {
        chapter.put("img", c.img());
      }
      if (!c.url().isEmpty()) {
        chapter.put("url", c.url());
      }
      if (!c.toc()) {
        chapter.put("toc", false);
      }
      if (c.endTime() >= 0) {
        chapter.put("endTime", c.endTime());
      }
      chapters.add(chapter);
    }
    f.put("chapters", chapters);
    return f;
  }

  /** The tags of {@code d} (documents written before tags existed have none). */
  private static ItemTags tagsOf(Fields d) {
    if (!(d.data().get("tags") instanceof Map<?, ?>)) {
      return ItemTags.NONE;
    }
    Fields t = d.map(d.data().get("tags"), "tags");
    List<ItemTags.Soundbite> bites = new ArrayList<>();
    for (Object o : list(t.data().get("soundbites"))) {
      Fields b = t.map(o, "tags.soundbites");
      bites.add(new ItemTags.Soundbite(b.decimal("startTime"), b.decimal("duration"),
          b.string("title")));
    }
    List<ItemTags.Alternate> alternates = new ArrayList<>();
    for (Object o : list(t.data().get("alternates"))) {
      Fields a = t.map(o, "tags.alternates");
      alternates.add(new ItemTags.Alternate(a.string("url"), a.string("type"), a.number("length"),
          a.decimal("bitrate"), a.string("title"), Boolean.TRUE.equals(a.data().get("default"))));
    }
    List<ItemTags.Chapter> chapters = new ArrayList<>();
    for (Object o : list(t.data().get("chapters"))) {
      Fields c = t.map(o, "tags.chapters");
      chapters.add(new ItemTags.Chapter(c.decimal("startTime"), c.string("title"),
          c.optionalString("img"), c.optionalString("url"),
          !Boolean.FALSE.equals(c.data().get("toc")),
          c.data().get("endTime") instanceof Number end ? end.doubleValue() : -1));
    }
    return new ItemTags(t.string("seasonName"), t.string("licenseName"), t.string("licenseUrl"),
        bites, alternates, chapters);
  }

  private static EpisodeRecord recordOf(DocumentSnapshot d) {
    return recordOf(new Fields(d.getReference().getPath(), d.getData()), d.getId());
  }

  /** A document's fields, or a map among them, and where they are (for errors). */
  private record Fields(String where, Map<String, Object> data) {
    Fields {
      data = data == null ? Map.of() : data;
    }

    String string(String field) {
      if (data.get(field) instanceof String s) {
        return s;
      }
      throw malformed(where, field);
    }

    /** A string that older documents and outlines may lack: empty then. */
    String optionalString(String field) {
      return data.get(field) instanceof String s ? s : "";
    }

    long number(String field) {
      if (data.get(field) instanceof Number n) {
        return n.longValue();
      }
      throw malformed(where, field);
    }

    double decimal(String field) {
      if (data.get(field) instanceof Number n) {
        return n.doubleValue();
      }
      throw malformed(where, field);
    }

    OptionalInt optionalInt(String field) {
      return data.get(field) instanceof Number n ? OptionalInt.of(Math.toIntExact(n.longValue()))
          : OptionalInt.empty();
    }

    Instant instant(String field) {
      if (data.get(field) instanceof Timestamp t) {
        return FirestoreEpisodeStore.instant(t);
      }
      throw malformed(where, field);
    }

    Fields map(Object value, String field) {
      if (value instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) m;
        return new Fields(where, fields);
      }
      throw malformed(where, field);
    }
  }

  /** The record of {@code slug} in {@code d}: an episode document or a catalogue outline. */
  private static EpisodeRecord recordOf(Fields d, String slug) {
    Fields enclosure = d.map(d.data().get("enclosure"), "enclosure");
    List<FeedEntry.Transcript> transcripts = new ArrayList<>();
    for (Object o : list(d.data().get("transcripts"))) {
      Fields t = d.map(o, "transcripts");
      transcripts.add(new FeedEntry.Transcript(t.string("url"), t.string("type"),
          t.optionalString("rel")));
    }
    List<ShowConfig.Person> persons = new ArrayList<>();
    for (Object o : list(d.data().get("persons"))) {
      Fields p = d.map(o, "persons");
      persons.add(new ShowConfig.Person(p.string("name"), p.string("role"), p.string("group"),
          p.string("img"), p.string("href")));
    }
    FeedEntry entry = new FeedEntry(
        slug,
        d.string("guid"),
        d.string("title"),
        d.string("link"),
        d.instant("date"),
        enclosure.string("url"),
        enclosure.number("length"),
        enclosure.string("type"),
        d.number("durationSeconds"),
        d.optionalInt("episodeNumber"),
        d.optionalInt("seasonNumber"),
        d.string("episodeType"),
        d.optionalString("descriptionHtml"),
        d.optionalString("contentHtml"),
        d.optionalString("summaryText"),
        d.string("subtitle"),
        d.string("author"),
        d.string("imageUrl"),
        strings(d.data().get("categories")),
        transcripts,
        persons,
        tagsOf(d));
    Optional<Instant> expiry = d.data().get("expiryDate") instanceof Timestamp t
        ? Optional.of(instant(t)) : Optional.empty();
    return new EpisodeRecord(slug, d.string("sourceObject"), d.number("sourceGeneration"),
        d.string("contentHash"), EpisodeStatus.valueOf(d.string("status")),
        d.instant("publishDate"), expiry, entry, d.string("pagePath"), d.string("summaryHtml"),
        d.string("image"), strings(d.data().get("hosts")), d.optionalString("missingImage"));
  }

  static Timestamp timestamp(Instant i) {
    return Timestamp.ofTimeSecondsAndNanos(i.getEpochSecond(), i.getNano());
  }

  static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  private static Instant instant(DocumentSnapshot d, String field) {
    Timestamp t = d.getTimestamp(field);
    if (t == null) {
      throw malformed(d, field);
    }
    return instant(t);
  }

  private static String string(DocumentSnapshot d, String field) {
    String s = d.getString(field);
    if (s == null) {
      throw malformed(d, field);
    }
    return s;
  }

  private static long number(DocumentSnapshot d, String field) {
    Long n = d.getLong(field);
    if (n == null) {
      throw malformed(d, field);
    }
    return n;
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> l ? l : List.of();
  }

  private static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    for (Object o : list(value)) {
      out.add((String) o);
    }
    return out;
  }

  private static IllegalStateException malformed(DocumentSnapshot d, String field) {
    return malformed(d.getReference().getPath(), field);
  }

  private static IllegalStateException malformed(String where, String field) {
    return new IllegalStateException("Firestore document " + where + " lacks field " + field);
  }
}
