package dev.podcast.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The test classes Surefire would not run: Surefire's default includes take only {@code Test*},
 * {@code *Test}, {@code *Tests} and {@code *TestCase} (issue 11 found a property test that never
 * ran for that). A class counts as a test class when a method or field of it carries an annotation
 * of JUnit Jupiter, jqwik or ArchUnit that makes it one.
 */
public final class SurefireNames {

  private static final Pattern INCLUDED = Pattern.compile("Test.*|.*Test|.*Tests|.*TestCase");
  private static final List<String> TEST_ANNOTATIONS = List.of(
      "org.junit.jupiter.api.Test", "org.junit.jupiter.api.TestFactory",
      "org.junit.jupiter.api.RepeatedTest", "org.junit.jupiter.api.TestTemplate",
      "org.junit.jupiter.params.ParameterizedTest", "net.jqwik.api.Property",
      "net.jqwik.api.Example", "com.tngtech.archunit.junit.ArchTest");

  private SurefireNames() {}

  /** The top-level test classes under {@code testClasses} whose names Surefire skips. */
  public static List<String> skipped(Path testClasses) {
    List<String> skipped = new ArrayList<>();
    try (Stream<Path> files = Files.walk(testClasses)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".class")
          && !p.getFileName().toString().contains("$")).sorted().toList()) {
        String name = testClasses.relativize(file).toString().replace('/', '.')
            .replace('\\', '.').replaceFirst("\\.class$", "");
        if (name.endsWith("package-info")) {
          continue;
        }
        if (skips(Class.forName(name, false, SurefireNames.class.getClassLoader()))) {
          skipped.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return skipped;
  }

  /** Whether {@code type} is a test class, as a top-level class, that Surefire would not run. */
  public static boolean skips(Class<?> type) {
    return !Modifier.isAbstract(type.getModifiers()) && isTest(type, new java.util.HashSet<>())
        && !INCLUDED.matcher(type.getSimpleName()).matches();
  }

  private static boolean isTest(Class<?> type, java.util.Set<Class<?>> seen) {
    for (Class<?> c = type; c != null && c != Object.class && seen.add(c);
        c = c.getSuperclass()) {
      if (Stream.concat(Stream.of(c.getDeclaredMethods()), Stream.of(c.getDeclaredFields()))
          .anyMatch(SurefireNames::isTest)) {
        return true;
      }
      for (Class<?> nested : c.getDeclaredClasses()) {
        if (isTest(nested, seen)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isTest(AnnotatedElement element) {
    for (Annotation a : element.getAnnotations()) {
      if (TEST_ANNOTATIONS.contains(a.annotationType().getName())) {
        return true;
      }
    }
    return false;
  }
}
