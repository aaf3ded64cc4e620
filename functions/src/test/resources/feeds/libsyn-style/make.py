#!/usr/bin/env python3
"""Writes feed.xml: the feed a Libsyn-hosted show serves, for the test site's episodes.

Made with Python's standard library only (independent of the project whose import it
tests), in the shape Libsyn's feeds have (https://googlecloudpodcast.libsyn.com/rss, the
corpus's rssFeed): opaque numeric guids with isPermaLink="false", enclosures on
traffic.libsyn.com with a dest-id query, CDATA descriptions with HTML, RFC 822 dates,
itunes:explicit "clean", an old category, a protocol-relative image and a relative link.
The titles, dates and audio files are the test site's (content/post/*/index.md, from the
Google Cloud Platform Podcast, CC BY 3.0); one item has no episode file there, one is
matched by link only (its enclosure was renamed) and one by title and date only.

Run: python3 make.py > feed.xml
"""
from email.utils import format_datetime
from datetime import datetime, timezone
from xml.sax.saxutils import escape, quoteattr

BASE = "https://traffic.libsyn.com/secure/googlecloudpodcast/"
ITEMS = [
    # guid, title, date, audio file, link
    ("5821094", "2022 Year End Wrap Up", datetime(2022, 12, 21, 8, 0, tzinfo=timezone.utc),
     "Google.Cloud.Platform.Podcast.Episode.331.mp3",
     "https://www.gcppodcast.com/post/episode-331-2022-year-end-wrap-up/"),
    ("4410023", "The Power of Serverless with Aparna Sinha and Philip Beevers",
     datetime(2021, 5, 5, 7, 0, tzinfo=timezone.utc), "GCP_Podcast_258_renamed.mp3",
     "https://www.gcppodcast.com/post/episode-258-the-power-of-serverless-with-aparna-sinha-and-philip-beevers/"),
    ("gcp-101-2017", "Cloud IoT Core with Indranil Chakraborty and Gabe Weiss",
     datetime(2017, 11, 1, 9, 0, tzinfo=timezone.utc), "GCP_101_moved.mp3",
     "/episode/101"),
    ("9999999", "An episode this site never had", datetime(2015, 1, 1, 9, 0, tzinfo=timezone.utc),
     "GCP_0.mp3", "https://www.gcppodcast.com/post/episode-0/"),
]

print('<?xml version="1.0" encoding="UTF-8"?>')
print('<rss xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" '
      'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
      'xmlns:podcast="https://podcastindex.org/namespace/1.0" version="2.0">')
print("<channel>")
print("<title>Google Cloud Platform Podcast</title>")
print("<link>https://www.gcppodcast.com</link>")
print("<language>en</language>")
print("<itunes:author>Google Cloud Platform</itunes:author>")
print("<itunes:owner><itunes:name>Google Cloud Platform</itunes:name>"
      "<itunes:email>gcppodcast@google.com</itunes:email></itunes:owner>")
print('<itunes:category text="Technology"><itunes:category text="Tech News"/></itunes:category>')
print("<itunes:explicit>clean</itunes:explicit>")
print('<itunes:image href="//static.libsyn.com/p/assets/gcp/logo.png"/>')
print("<podcast:guid>4ad3b5b4-2d0c-5a1a-9f0e-0a5b8d3a6f11</podcast:guid>")
for guid, title, date, audio, link in ITEMS:
    print("<item>")
    print("<title>%s</title>" % escape(title))
    print('<guid isPermaLink="false"><![CDATA[%s]]></guid>' % guid)
    print("<pubDate>%s</pubDate>" % format_datetime(date))
    print("<link><![CDATA[%s]]></link>" % link)
    print("<description><![CDATA[<p>%s, <b>with HTML</b>.</p>]]></description>" % title)
    print("<enclosure length=\"\" type=\"audio/mpeg\" url=%s/>" % quoteattr(
        BASE + audio + "?dest-id=232345"))
    print("<itunes:duration>00:42:00</itunes:duration>")
    print("<itunes:explicit>no</itunes:explicit>")
    print("</item>")
print("</channel>")
print("</rss>")
