"""Writes a podcast RSS feed of N items, for timing `podcast import` on a large show.

Usage: make_feed.py N OUT.xml
Each item has a guid, title, date, link, HTML notes of about 1.5 kB, an enclosure with a
length, a duration and an episode number, in the shape hosts such as Libsyn write them.
Python's standard library only.
"""
import sys
from email.utils import formatdate
from xml.sax.saxutils import escape

NOTES = ("<p>In this episode we talk about <b>serverless</b>, <a href=\"https://example.com/"
         "{n}\">storage</a> and what listeners asked.</p><ul>" + "".join(
             "<li>Question {i}: how do the managed queues retry a failed delivery, and what"
             " happens to the order of events?</li>".format(i=i) for i in range(8)) + "</ul>")


def main(count, out):
    start = 1_300_000_000
    with open(out, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"'
                ' xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"'
                ' xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel>\n'
                '<title>Synthetic Show</title>\n<link>https://old.example.com/</link>\n'
                '<language>en</language>\n<itunes:author>Synth</itunes:author>\n'
                '<itunes:owner><itunes:name>Synth</itunes:name>'
                '<itunes:email>owner@example.com</itunes:email></itunes:owner>\n'
                '<itunes:image href="https://old.example.com/art.jpg"/>\n'
                '<itunes:category text="Technology"/>\n<itunes:explicit>no</itunes:explicit>\n')
        for n in range(count, 0, -1):
            f.write("<item>\n<title>Episode {n}: a conversation</title>\n"
                    "<guid isPermaLink=\"false\">synth-{n:06d}</guid>\n"
                    "<pubDate>{date}</pubDate>\n"
                    "<link>https://old.example.com/episodes/{n}</link>\n"
                    "<description><![CDATA[{notes}]]></description>\n"
                    "<enclosure url=\"https://cdn.example.com/audio/episode-{n}.mp3\""
                    " length=\"{length}\" type=\"audio/mpeg\"/>\n"
                    "<itunes:duration>{secs}</itunes:duration>\n"
                    "<itunes:episode>{n}</itunes:episode>\n</item>\n".format(
                        n=n, date=formatdate(start + n * 86400, usegmt=True),
                        notes=NOTES.format(n=n), length=30_000_000 + n, secs=1800 + n % 1800))
        f.write("</channel>\n</rss>\n")


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
