package dev.podcast.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The domain in shared/ knows nothing of Cloud Functions, the command line or its callers. */
@AnalyzeClasses(packages = "dev.podcast", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

  @ArchTest
  static final ArchRule noFunctionsFrameworkOrCliInTheDomain = noClasses()
      .that().resideInAPackage("dev.podcast..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "com.google.cloud.functions..", "io.cloudevents..", "picocli..", "dev.podcast.cli..");

  @ArchTest
  static final ArchRule cloudSdkTypesOnlyInAdapters = noClasses()
      .that().resideInAPackage("dev.podcast..")
      .and().resideOutsideOfPackage("dev.podcast.adapter..")
      .should().dependOnClassesThat().resideInAPackage("com.google.cloud..")
      .because("ports and the domain stay testable without the Cloud SDK; adapters wrap it");

  @ArchTest
  static final ArchRule theModelDependsOnNothingThatReadsOrRenders = noClasses()
      .that().resideInAnyPackage("dev.podcast.episode..", "dev.podcast.problem..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.podcast.parse..", "dev.podcast.validate..", "org.tomlj..", "com.vladsch..",
          "org.snakeyaml..");
}
