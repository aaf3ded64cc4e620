package dev.podcast.artwork;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Images made in memory for the artwork tests: real encodings, and PNG headers made by hand. */
final class TestImages {

  /** PNG color types from the IHDR chunk. */
  static final int PNG_GRAY = 0;
  static final int PNG_RGB = 2;

  private TestImages() {}

  /** An image of {@code width} by {@code height} of {@code type} filled with {@code color}. */
  static BufferedImage filled(int width, int height, int type, Color color) {
    BufferedImage image = new BufferedImage(width, height, type);
    Graphics2D g = image.createGraphics();
    try {
      g.setBackground(color);
      g.clearRect(0, 0, width, height);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** {@code image} encoded by ImageIO's writer for {@code format}. */
  static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no " + format + " writer for image type "
            + image.getType());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] jpeg(int width, int height, Color color) {
    return encode(filled(width, height, BufferedImage.TYPE_INT_RGB, color), "jpeg");
  }

  /**
   * A four-channel JPEG, which ImageIO reads as CMYK: the JPEG writer, given a raster of four
   * bands and no metadata, writes them as they are, without a JFIF marker.
   */
  static byte[] cmykJpeg(int width, int height) {
    WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4,
        null);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(raster, null, null), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /**
   * A PNG that is only a header: the signature, an IHDR chunk (8-bit, {@code colorType}), an IDAT
   * chunk holding an empty zlib stream, and IEND, each with a valid CRC; no pixels at all. A
   * reader can tell its size and color type, but decoding it fails. (ImageIO's PNG reader looks
   * for the first IDAT chunk before it names the image's type, so there has to be one.)
   */
  static byte[] pngHeader(int width, int height, int colorType) {
    ByteBuffer ihdr = ByteBuffer.allocate(13)
        .putInt(width).putInt(height)
        .put((byte) 8).put((byte) colorType).put((byte) 0).put((byte) 0).put((byte) 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    chunk(out, "IHDR", ihdr.array());
    Deflater deflater = new Deflater();
    deflater.finish();
    byte[] empty = new byte[64];
    int length = deflater.deflate(empty);
    deflater.end();
    chunk(out, "IDAT", Arrays.copyOf(empty, length));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /** {@code bytes} decoded by ImageIO; fails the test when they are not an image. */
  static BufferedImage decode(byte[] bytes) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      if (image == null) {
        throw new AssertionError("not an image ImageIO reads");
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
