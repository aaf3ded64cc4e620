package dev.podcast.functions;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The entry points stay thin: ports, the use case and adapter factories, nothing more. */
@AnalyzeClasses(packages = {"dev.podcast.functions", "dev.podcast.cli"},
    importOptions = ImportOption.DoNotIncludeTests.class)
class FunctionsLayeringTest {

  @ArchTest
  static final ArchRule entryPointsUseNoSdkAndNoTestAdapter = noClasses()
      .that().resideInAPackage("dev.podcast.functions..")
      .should().dependOnClassesThat().resideInAnyPackage("com.google.cloud.storage..",
          "com.google.cloud.firestore..", "dev.podcast.adapter.memory..", "org.eclipse.jetty..")
      .because("Cloud SDK types stay in shared's adapters; in-memory stores are for tests");

  @ArchTest
  static final ArchRule theCommandLineKnowsNoFunctionsFramework = noClasses()
      .that().resideInAPackage("dev.podcast.cli..")
      .should().dependOnClassesThat().resideInAnyPackage("com.google.cloud.functions..",
          "io.cloudevents..", "dev.podcast.functions..");
}
