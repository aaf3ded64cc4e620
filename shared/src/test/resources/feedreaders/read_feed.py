"""Parses a podcast feed with Debian's feedparser and podcastparser; prints JSON.

Usage: read_feed.py FEED_FILE FEED_URL
Prints {"feedparser": [...items...], "podcastparser": [...items...]}; each item has
title, guid, published (epoch seconds), enclosure url, length, type and duration (seconds).
feedparser's also has "podcast": the Podcasting 2.0 tags it read (podcast_* keys, their
attributes and text), for the channel ("podcast", with "hubs": the WebSub hubs) and each item.
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
            "podcast": podcast_tags(e),
        })
    hubs = [link.href for link in parsed.feed.get("links", []) if link.get("rel") == "hub"]
    return {"title": parsed.feed.title, "items": items, "podcast": podcast_tags(parsed.feed),
            "hubs": hubs}


def podcast_tags(element):
    """The podcast: tags feedparser read of a channel or an item: attributes, or the text."""
    return {key: value for key, value in element.items() if key.startswith("podcast_")}


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
