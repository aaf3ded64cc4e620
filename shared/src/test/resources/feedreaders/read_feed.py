"""Parses a podcast feed with Debian's feedparser and podcastparser; prints JSON.

Usage: read_feed.py FEED_FILE FEED_URL
Prints {"feedparser": [...items...], "podcastparser": [...items...]}; each item has
title, guid, published (epoch seconds), enclosure url, length, type and duration (seconds).
"""
import calendar
import json
import sys

import feedparser
import podcastparser


def from_feedparser(path):
    parsed = feedparser.parse(path)
    if parsed.bozo:
        raise SystemExit("feedparser: not well-formed: %r" % parsed.bozo_exception)
    items = []
    for e in parsed.entries:
        enclosure = e.enclosures[0]
        items.append({
            "title": e.title,
            "guid": e.id,
            "published": calendar.timegm(e.published_parsed),
            "url": enclosure.href,
            "length": int(enclosure.length),
            "type": enclosure.type,
            "duration": int(e.itunes_duration),
            "episode": int(e.itunes_episode) if "itunes_episode" in e else None,
        })
    return {"title": parsed.feed.title, "items": items}


def from_podcastparser(path, url):
    with open(path, "rb") as f:
        parsed = podcastparser.parse(url, f)
    items = []
    # podcastparser sorts newest first, as the feed is written.
    for e in parsed["episodes"]:
        enclosure = e["enclosures"][0]
        items.append({
            "title": e["title"],
            "guid": e["guid"],
            "published": e["published"],
            "url": enclosure["url"],
            # podcastparser reports an unknown length (0 in RSS) as -1.
            "length": max(0, enclosure["file_size"]),
            "type": enclosure["mime_type"],
            "duration": e["total_time"],
            "episode": e.get("number"),
        })
    return {"title": parsed["title"], "items": items}


if __name__ == "__main__":
    print(json.dumps({
        "feedparser": from_feedparser(sys.argv[1]),
        "podcastparser": from_podcastparser(sys.argv[1], sys.argv[2]),
    }))
