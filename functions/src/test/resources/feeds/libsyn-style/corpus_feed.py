#!/usr/bin/env python3
"""Writes, for a Hugo show's folder, the feed its Libsyn host would serve: every episode.

Python's standard library only (tomllib), independent of the project whose import it tests.
For each content/post/*/index.md with TOML front matter: an item with an opaque guid (the
SHA-1 of the folder name, as hosts' opaque ids are), the title, the date, the enclosure on
episodeHostBaseURL (the audioFile, with Libsyn's dest-id query), audioSize as the length
and CDATA HTML notes, newest first. Used with the Google Cloud Platform Podcast corpus
(../shared/corpus, 298 episodes, CC BY 3.0) by ImportCommandTest.

Run: python3 corpus_feed.py SHOW_DIR > feed.xml
"""
import hashlib
import pathlib
import sys
import tomllib
from datetime import date, datetime, timezone
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr


def front_matter(text):
    text = text.lstrip("\ufeff")
    if not text.startswith("+++"):
        return None
    end = text.find("\n+++", 3)
    return tomllib.loads(text[3:end]) if end > 0 else None


def when(value):
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    text = str(value).replace("Z", "+00:00")
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def main(show):
    config = tomllib.loads((show / "config.toml").read_text(encoding="utf-8"))
    host = config["params"]["episodeHostBaseURL"].rstrip("/") + "/"
    items = []
    for path in sorted((show / "content" / "post").glob("*/index.md")):
        try:
            fm = front_matter(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        if not fm or fm.get("draft") or "audioFile" not in fm or "date" not in fm:
            continue
        guid = hashlib.sha1(path.parent.name.encode("utf-8")).hexdigest()[:12]
        items.append((when(fm["date"]), guid, fm.get("title", ""), fm["audioFile"],
                      int(fm.get("audioSize", 0) or 0)))
    items.sort(reverse=True)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" version="2.0">',
           "<channel>", "<title>%s</title>" % escape(config["title"]),
           "<link>%s</link>" % escape(config.get("baseUrl", config.get("baseURL", ""))),
           "<itunes:explicit>clean</itunes:explicit>"]
    for published, guid, title, audio, size in items:
        out += ["<item>", "<title>%s</title>" % escape(title),
                '<guid isPermaLink="false"><![CDATA[%s]]></guid>' % guid,
                "<pubDate>%s</pubDate>" % format_datetime(published.astimezone(timezone.utc)),
                "<description><![CDATA[<p>%s</p>]]></description>" % title,
                "<enclosure length=\"%d\" type=\"audio/mpeg\" url=%s/>" % (
                    size, quoteattr(host + audio + "?dest-id=232345")),
                "</item>"]
    out += ["</channel>", "</rss>"]
    print("\n".join(out))


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]))
