package io.switchboard.processor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;

/**
 * The processor's package boundaries. Packages depend downward: the root package ({@link SwitchboardProcessor}) runs
 * the application and sits on top; {@code topology} builds the one graph from the stages; the stages
 * ({@code actions}, {@code events}, {@code presence}, {@code sessions}, {@code users}) are Processor API classes over state stores; below
 * them the pieces they share ({@code acl}, {@code policy}, {@code compression}, {@code config}, {@code error},
 * {@code metrics}). Kafka Streams' graph API lives only in {@code topology}; the stages reach Kafka only through
 * Streams, never with clients of their own.
 */
@AnalyzeClasses(packages = "io.switchboard.processor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "io.switchboard.processor";
    private static final String[] STAGES = {
        "io.switchboard.processor.actions..",
        "io.switchboard.processor.events..",
        "io.switchboard.processor.presence..",
        "io.switchboard.processor.sessions..",
        "io.switchboard.processor.users.."
    };

    @ArchTest
    static final ArchRule packagesHaveNoCycles =
            slices().matching("io.switchboard.processor.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule nothingDependsOnTheApplication = noClasses()
            .that()
            .resideOutsideOfPackage(ROOT)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(ROOT);

    @ArchTest
    static final ArchRule onlyTheApplicationUsesTheTopology = classes()
            .that()
            .resideInAPackage("io.switchboard.processor.topology..")
            .should()
            .onlyHaveDependentClassesThat()
            .resideInAnyPackage(ROOT, "io.switchboard.processor.topology..");

    @ArchTest
    static final ArchRule onlyTheTopologyBuildsTheGraph = noClasses()
            .that()
            .resideOutsideOfPackage("io.switchboard.processor.topology..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.kafka.streams.kstream..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.apache.kafka.streams.StreamsBuilder")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.apache.kafka.streams.Topology");

    @ArchTest
    static final ArchRule onlyTheApplicationAndItsHealthHoldKafkaStreams = noClasses()
            .that()
            .resideOutsideOfPackages(ROOT, "io.switchboard.processor.observability..")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.apache.kafka.streams.KafkaStreams");

    @ArchTest
    static final ArchRule stagesAndTheTopologyUseNoKafkaClients = noClasses()
            .that()
            .resideInAnyPackage(concat(STAGES, "io.switchboard.processor.topology.."))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.kafka.clients..");

    @ArchTest
    static final ArchRule sharedPiecesDoNotKnowTheStages = noClasses()
            .that()
            .resideInAnyPackage(
                    "io.switchboard.processor.acl..",
                    "io.switchboard.processor.policy..",
                    "io.switchboard.processor.compression..",
                    "io.switchboard.processor.config..",
                    "io.switchboard.processor.error..",
                    "io.switchboard.processor.metrics..",
                    "io.switchboard.processor.admin..",
                    "io.switchboard.processor.observability..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(concat(STAGES, "io.switchboard.processor.topology.."));

    @ArchTest
    static final ArchRule policyIsPlainJava = noClasses()
            .that()
            .resideInAPackage("io.switchboard.processor.policy..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.kafka..", "io.switchboard.processor.acl..");

    @ArchTest
    static final ArchRule metricsAndErrorsDependOnNoOtherPart = noClasses()
            .that()
            .resideInAnyPackage("io.switchboard.processor.metrics..", "io.switchboard.processor.error..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.switchboard.processor.acl..",
                    "io.switchboard.processor.policy..",
                    "io.switchboard.processor.compression..",
                    "io.switchboard.processor.config..",
                    "io.switchboard.processor.admin..",
                    "io.switchboard.processor.observability..");

    @ArchTest
    static final ArchRule neverImportsTheGatewayOrTheLauncher = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.switchboard.gateway..", "io.switchboard.launcher..", "io.undertow..");

    private static String[] concat(String[] packages, String more) {
        String[] all = Arrays.copyOf(packages, packages.length + 1);
        all[packages.length] = more;
        return all;
    }
}
