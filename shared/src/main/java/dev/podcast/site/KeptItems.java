package dev.podcast.site;

import dev.podcast.feed.FeedCheck;
import dev.podcast.feed.FeedEntry;
import dev.podcast.feed.FeedPage;
import dev.podcast.feed.RssFeedWriter;
import dev.podcast.problem.Problem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.xml.stream.XMLStreamException;

/**
 * Feed items as written by a writer and found clean by the feed check (no problem beyond the
 * channel's own), with and without {@code content:encoded}. A feed is then the channel (checked on
 * its own, with no item) and the kept items, written as bytes; only new or changed items are
 * written and checked, each inside the channel of its feed. Whenever anything is not clean (an
 * item's check finds a problem, two items share a guid) the whole document is checked, so problems
 * are reported exactly as a check of the whole document reports them. At most
 * {@value #MAX_BYTES} bytes are kept. Thread-safe.
 */
final class KeptItems {

  static final long MAX_BYTES = 64L * 1024 * 1024;
  private static final byte[] CHANNEL_END = "</channel>".getBytes(StandardCharsets.UTF_8);

  /** An empty channel as written, with the feed check's findings on it alone. */
  private record Channel(byte[] empty, List<Problem> problems, int close, int end) {}

  /** The channels written and checked so far, by their page without entries. */
  private final ConcurrentMap<FeedPage, Channel> channels = new ConcurrentHashMap<>();
  private final ConcurrentMap<FeedEntry, byte[]> withContent = new ConcurrentHashMap<>();
  private final ConcurrentMap<FeedEntry, byte[]> withoutContent = new ConcurrentHashMap<>();
  private final AtomicLong bytes = new AtomicLong();

  /** {@code page} written by {@code rss} and checked, from kept items where it can be. */
  FeedRenderer.Checked check(RssFeedWriter rss, FeedPage page, boolean content) {
    ConcurrentMap<FeedEntry, byte[]> kept = content ? withContent : withoutContent;
    Channel channel = channel(rss, page);
    // The channel's own problems (advice such as a missing owner email): the feed check puts
    // some at the channel's end, whose line depends on the items; compared and reported at the
    // line where the channel ends in each document.
    if (channel.problems().stream().anyMatch(Problem::isError)) {
      return FeedRenderer.checkWhole(rss, page);
    }
    Set<String> guids = new HashSet<>();
    for (FeedEntry entry : page.entries()) {
      if (!guids.add(entry.guid().strip())) {
        return FeedRenderer.checkWhole(rss, page);
      }
      if (kept.containsKey(entry)) {
        continue;
      }
      // An item found clean with its content:encoded is clean without it (the check has no
      // rule that leaving an element out breaks), and is that item with the element cut out.
      byte[] full = content ? null : withContent.get(entry);
      byte[] item = full == null ? item(rss, entry)
          : RssFeedWriter.withoutContent(full).orElseGet(() -> item(rss, entry));
      if (full == null) {
        byte[] alone = insert(channel.empty(), channel.close(), item);
        if (!FeedCheck.check(alone, page.path()).equals(
            moved(channel.problems(), channel.end(), lineAt(alone, channel.close()
                + item.length)))) {
          return FeedRenderer.checkWhole(rss, page);
        }
      }
      keep(kept, entry, item);
    }
    byte[] feed = write(rss, page, entry -> kept.computeIfAbsent(entry, e -> item(rss, e)));
    return new FeedRenderer.Checked(new OutputFile(page.path(), feed, "feed"),
        moved(channel.problems(), channel.end(), lineAt(feed, lastIndexOf(feed, CHANNEL_END))));
  }

  /** {@code page}'s channel without items, written and checked once. */
  private Channel channel(RssFeedWriter rss, FeedPage page) {
    FeedPage empty = new FeedPage(page.path(), page.title(), List.of(), page.complete(),
        page.archive(), page.current(), page.prevArchive(), page.nextArchive());
    return channels.computeIfAbsent(empty, key -> {
      byte[] bytes = write(rss, key, null);
      int close = lastIndexOf(bytes, CHANNEL_END);
      return new Channel(bytes, FeedCheck.check(bytes, key.path()), close, lineAt(bytes, close));
    });
  }

  /**
   * The problems of {@code entry}'s item inside the empty channel {@code page} that the channel
   * does not have alone; the item is kept when there are none.
   */
  List<Problem> checkItem(RssFeedWriter rss, FeedPage page, FeedEntry entry, boolean content) {
    Channel channel = channel(rss, page);
    byte[] item = item(rss, entry);
    byte[] alone = insert(channel.empty(), channel.close(), item);
    List<Problem> all = FeedCheck.check(alone, page.path());
    List<Problem> expected = moved(channel.problems(), channel.end(),
        lineAt(alone, channel.close() + item.length));
    List<Problem> own = all.stream().filter(p -> !expected.contains(p)).toList();
    if (own.isEmpty()) {
      keep(content ? withContent : withoutContent, entry, item);
    }
    return own;
  }

  /**
   * What {@link #checkItem} finds in each of {@code entries}, found with one check of one
   * document holding them all inside the empty channel {@code page}: each problem beyond the
   * channel's own belongs to the item whose lines it is on. Empty when that cannot tell (a
   * problem on a line two items share, or a guid two items have, which no item alone has): then
   * each is to be checked on its own. Clean items are kept.
   */
  java.util.Optional<List<List<Problem>>> checkTogether(RssFeedWriter rss, FeedPage page,
      List<FeedEntry> entries, boolean content) {
    Channel channel = channel(rss, page);
    java.io.ByteArrayOutputStream items = new java.io.ByteArrayOutputStream(
        entries.size() * 16 * 1024);
    List<byte[]> written = new java.util.ArrayList<>(entries.size());
    int[] firstLine = new int[entries.size()];
    int[] lastLine = new int[entries.size()];
    int line = lineAt(channel.empty(), channel.close());
    for (int i = 0; i < entries.size(); i++) {
      byte[] item = item(rss, entries.get(i));
      written.add(item);
      items.writeBytes(item);
      firstLine[i] = line;
      line += lineAt(item, item.length) - 1;
      lastLine[i] = line;
    }
    byte[] all = items.toByteArray();
    byte[] document = insert(channel.empty(), channel.close(), all);
    List<Problem> expected = moved(channel.problems(), channel.end(),
        lineAt(document, channel.close() + all.length));
    List<List<Problem>> found = new java.util.ArrayList<>(entries.size());
    entries.forEach(e -> found.add(new java.util.ArrayList<>()));
    for (Problem problem : FeedCheck.check(document, page.path())) {
      if (expected.contains(problem)) {
        continue;
      }
      int owner = -1;
      for (int i = 0; i < entries.size() && owner < 0; i++) {
        if (problem.line() >= firstLine[i] && problem.line() <= lastLine[i]) {
          owner = i;
        }
      }
      boolean shared = owner >= 0 && (owner > 0 && lastLine[owner - 1] == problem.line()
          || owner + 1 < entries.size() && firstLine[owner + 1] == problem.line());
      if (owner < 0 || shared || problem.message().contains("is used by two items")) {
        return java.util.Optional.empty();
      }
      found.get(owner).add(problem);
    }
    ConcurrentMap<FeedEntry, byte[]> kept = content ? withContent : withoutContent;
    for (int i = 0; i < entries.size(); i++) {
      if (found.get(i).isEmpty()) {
        keep(kept, entries.get(i), written.get(i));
      }
    }
    return java.util.Optional.of(found);
  }

  private void keep(ConcurrentMap<FeedEntry, byte[]> kept, FeedEntry entry, byte[] item) {
    if (bytes.addAndGet(item.length) > MAX_BYTES) {
      withContent.clear();
      withoutContent.clear();
      channels.clear();
      bytes.set(item.length);
    }
    kept.put(entry, item);
  }

  private static byte[] insert(byte[] document, int at, byte[] item) {
    byte[] out = new byte[document.length + item.length];
    System.arraycopy(document, 0, out, 0, at);
    System.arraycopy(item, 0, out, at, item.length);
    System.arraycopy(document, at, out, at + item.length, document.length - at);
    return out;
  }

  /** The line (from 1) of byte {@code at}. */
  private static int lineAt(byte[] bytes, int at) {
    int line = 1;
    for (int i = 0; i < at; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  /** {@code problems} with those at line {@code from} moved to line {@code to}. */
  private static List<Problem> moved(List<Problem> problems, int from, int to) {
    return problems.stream().map(p -> p.line() != from ? p
        : new Problem(p.code(), p.file(), to, p.column(), p.message())).toList();
  }

  private static byte[] item(RssFeedWriter rss, FeedEntry entry) {
    try {
      return rss.item(entry);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write an item", e);
    }
  }

  private static byte[] write(RssFeedWriter rss, FeedPage page,
      Function<FeedEntry, byte[]> items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
    try {
      if (items == null) {
        rss.write(page, out);
      } else {
        rss.write(page, out, items);
      }
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write " + page.path(), e);
    }
    return out.toByteArray();
  }

  private static int lastIndexOf(byte[] bytes, byte[] what) {
    for (int i = bytes.length - what.length; i >= 0; i--) {
      if (Arrays.equals(bytes, i, i + what.length, what, 0, what.length)) {
        return i;
      }
    }
    throw new IllegalStateException("no " + new String(what, StandardCharsets.UTF_8));
  }
}
