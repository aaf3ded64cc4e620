/** HTTP clients of the services the product calls: the notifications' {@link dev.podcast.port.Pings}. */
package dev.podcast.adapter.http;
