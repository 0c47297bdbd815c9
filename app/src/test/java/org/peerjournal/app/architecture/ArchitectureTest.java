package org.peerjournal.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module boundaries and naming rules of architecture.md, checked on the compiled classes of every module. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.peerjournal");
    }

    @Test
    void theCommandSideNeverDependsOnTheQuerySide() {
        noClasses().that().resideInAPackage("org.peerjournal.command..")
                .should().dependOnClassesThat().resideInAPackage("org.peerjournal.query..")
                .check(classes);
    }

    @Test
    void theQuerySideNeverDependsOnTheCommandSide() {
        noClasses().that().resideInAPackage("org.peerjournal.query..")
                .should().dependOnClassesThat().resideInAPackage("org.peerjournal.command..")
                .check(classes);
    }

    @Test
    void theSharedContractHoldsNoJpaAndNoSpring() {
        noClasses().that().resideInAPackage("org.peerjournal.shared..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "org.springframework..",
                        "org.hibernate..")
                .check(classes);
    }

    @Test
    void theSharedContractDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("org.peerjournal.shared..")
                .should().dependOnClassesThat().resideInAnyPackage("org.peerjournal.command..",
                        "org.peerjournal.query..", "org.peerjournal.app..")
                .check(classes);
    }

    @Test
    void theTimelineFoldIsPureJavaOverTheSharedContract() {
        noClasses().that().resideInAPackage("org.peerjournal.query.fold..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "org.springframework..",
                        "org.hibernate..", "org.axonframework..", "java.sql..")
                .check(classes);
    }

    @Test
    void theModulesNeverDependOnTheAssembly() {
        noClasses().that().resideInAnyPackage("org.peerjournal.command..", "org.peerjournal.query..")
                .should().dependOnClassesThat().resideInAPackage("org.peerjournal.app..")
                .check(classes);
    }

    /** A JPA row class is named after its table with the suffix Record ({@code escalation_queue}: EscalationQueueRecord). */
    @Test
    void everyJpaRowIsARecord() {
        classes().that().areAnnotatedWith(Entity.class)
                .should().haveSimpleNameEndingWith("Record")
                .check(classes);
    }

    /** Every HTTP endpoint, API or page, is declared in an {@code api} package of its module. */
    @Test
    void everyHttpControllerLivesInAnApiPackage() {
        classes().that().areMetaAnnotatedWith(Controller.class).or().areAnnotatedWith(Controller.class)
                .should().resideInAPackage("..api")
                .check(classes);
    }
}
