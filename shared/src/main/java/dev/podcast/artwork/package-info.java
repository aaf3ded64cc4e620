/**
 * Show and episode artwork: reading an image's header within safe limits ({@link
 * dev.podcast.artwork.Artwork#inspect}), Apple's artwork rules as warnings ({@link
 * dev.podcast.artwork.Artwork#check}) and the square, social and thumbnail JPEGs a site and feed
 * need ({@link dev.podcast.artwork.Artwork#derive}). JDK only ({@code javax.imageio}, {@code
 * java.awt.image}); runs headless.
 */
package dev.podcast.artwork;
