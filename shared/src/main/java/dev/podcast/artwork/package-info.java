/**
 * Show and episode artwork: reading an image's header within safe limits ({@link
 * dev.podcast.artwork.Artwork#inspect}) and Apple's artwork rules as warnings ({@link
 * dev.podcast.artwork.Artwork#check}). JDK only ({@code javax.imageio}, {@code java.awt.image});
 * runs headless.
 */
package dev.podcast.artwork;
