/** Adapters of the ports, one package per technology, and what they share. */
package dev.podcast.adapter;
