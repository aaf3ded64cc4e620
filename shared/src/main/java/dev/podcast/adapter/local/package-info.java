/** Local-folder adapters of the ports, for running the pipeline on one machine. */
package dev.podcast.adapter.local;
