package io.helan;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package layering of the production code: capability packages (auth, audit, alarms, commands,
 * ...) never import one another in a circle, and the web layer sits on top — only the server that
 * assembles everything may use it.
 */
@AnalyzeClasses(packages = "io.helan", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.helan.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule webIsOnTop =
      noClasses()
          .that()
          .resideOutsideOfPackages("io.helan.web..", "io.helan.server..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.helan.web..")
          .because("the web layer uses the capabilities, never the other way round");

  @ArchTest
  static final ArchRule httpHelpersStandAlone =
      noClasses()
          .that()
          .resideInAPackage("io.helan.http..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.helan.auth..", "io.helan.audit..", "io.helan.web..", "io.helan.server..")
          .because("every capability's REST API uses them, so they depend on none");
}
