package io.switchboard.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package boundaries of STYLE.md: Undertow only in server, Kafka clients only in kafka, and JOSE (nimbus) only in
 * auth, so tokens are parsed and verified in one place.
 */
@AnalyzeClasses(packages = "io.switchboard.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyServerTouchesUndertow = noClasses()
            .that()
            .resideOutsideOfPackage("io.switchboard.gateway.server..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.undertow..");

    @ArchTest
    static final ArchRule onlyKafkaTouchesKafkaClients = noClasses()
            .that()
            .resideOutsideOfPackage("io.switchboard.gateway.kafka..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.kafka..");

    @ArchTest
    static final ArchRule onlyAuthTouchesJose = noClasses()
            .that()
            .resideOutsideOfPackage("io.switchboard.gateway.auth..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.nimbusds..");

    @ArchTest
    static final ArchRule protocolAndSessionArePlainJava = noClasses()
            .that()
            .resideInAnyPackage("io.switchboard.gateway.protocol..", "io.switchboard.gateway.session..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.undertow..", "org.xnio..", "org.apache.kafka..");

    @ArchTest
    static final ArchRule neverImportsTheProcessor =
            noClasses().should().dependOnClassesThat().resideInAnyPackage("io.switchboard.processor..");
}
