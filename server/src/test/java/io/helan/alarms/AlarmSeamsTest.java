package io.helan.alarms;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The alarms reach QuestDB only through their own journal: history (radiation backgrounds) comes
 * through the historian, so it comes from an external QuestDB as well as from the embedded one.
 */
@AnalyzeClasses(packages = "io.helan.alarms", importOptions = ImportOption.DoNotIncludeTests.class)
class AlarmSeamsTest {

  @ArchTest
  static final ArchRule historyThroughTheHistorian =
      noClasses()
          .that()
          .resideInAPackage("io.helan.alarms..")
          .and()
          // the journal and the two places its tables live (this process's QuestDB, a shared one)
          .haveNameNotMatching(
              "io\\.helan\\.alarms\\.(AlarmJournal|LocalJournalTables|SharedJournalTables)(\\$.*)?")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.questdb..")
          .because("samples are the historian's, wherever it keeps them");
}
