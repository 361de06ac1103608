package io.switchboard.processor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.switchboard.config.ListedPublicTypes;
import java.util.Arrays;
import java.util.Set;

/**
 * The processor's package boundaries. Packages depend downward: the root package ({@link SwitchboardProcessor}) runs
 * the application and sits on top; {@code topology} builds the one graph from the stages; the stages
 * ({@code actions}, {@code events}, {@code presence}, {@code receipts}, {@code sessions}, {@code users}) are Processor API classes over state stores; below
 * them the pieces they share ({@code acl}, {@code policy}, {@code compression}, {@code config}, {@code error},
 * {@code metrics}). Kafka Streams' graph API lives only in {@code topology}; the stages reach Kafka only through
 * Streams, never with clients of their own. Only the types another package or module uses are public.
 */
@AnalyzeClasses(packages = "io.switchboard.processor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "io.switchboard.processor";
    private static final String[] STAGES = {
        "io.switchboard.processor.actions..",
        "io.switchboard.processor.events..",
        "io.switchboard.processor.presence..",
        "io.switchboard.processor.receipts..",
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

    /**
     * The top-level types another package or module uses, by package; every other type is package-private. A new
     * public type fails {@link #onlyListedTypesArePublic}: make it package-private, or list it here if another
     * package needs it (a test in another package is no reason: it can live in the type's package).
     */
    private static final Set<String> PUBLIC_TYPES = Set.of(
            "io.switchboard.processor.SwitchboardProcessor",
            "io.switchboard.processor.acl.AclPolicy",
            "io.switchboard.processor.acl.AclRules",
            "io.switchboard.processor.acl.AclTopic",
            "io.switchboard.processor.acl.DefaultPolicy",
            "io.switchboard.processor.acl.FamilyPattern",
            "io.switchboard.processor.actions.AnswerActionsProcessor",
            "io.switchboard.processor.actions.ConfirmPublishesProcessor",
            "io.switchboard.processor.actions.GatewayLeases",
            "io.switchboard.processor.actions.PublishHeaders",
            "io.switchboard.processor.admin.AppOffsetsUpgrade",
            "io.switchboard.processor.admin.TopicCreator",
            "io.switchboard.processor.compression.CompressOnce",
            "io.switchboard.processor.compression.CompressionCodec",
            "io.switchboard.processor.compression.CompressionSettings",
            "io.switchboard.processor.compression.PayloadCompressor",
            "io.switchboard.processor.config.HttpEndpoint",
            "io.switchboard.processor.config.ProcessorConfig",
            "io.switchboard.processor.config.ProcessorKeys",
            "io.switchboard.processor.config.StreamsProperties",
            "io.switchboard.processor.error.DeadLetterDeserializationHandler",
            "io.switchboard.processor.error.DeadLetterForwarder",
            "io.switchboard.processor.error.DeadLetterProcessingHandler",
            "io.switchboard.processor.error.DeadLetterProductionHandler",
            "io.switchboard.processor.events.AddressEventsProcessor",
            "io.switchboard.processor.events.OutputTopicExtractor",
            "io.switchboard.processor.events.ValidEvent",
            "io.switchboard.processor.events.ValidateEventsProcessor",
            "io.switchboard.processor.metrics.ProcessorMetrics",
            "io.switchboard.processor.observability.ProcessorObservability",
            "io.switchboard.processor.observability.StreamsApp",
            "io.switchboard.processor.policy.AccessPolicy",
            "io.switchboard.processor.policy.Decision",
            "io.switchboard.processor.policy.Requester",
            "io.switchboard.processor.presence.KeepPresenceProcessor",
            "io.switchboard.processor.presence.NoticeTopicExtractor",
            "io.switchboard.processor.receipts.AwaitReceiptsProcessor",
            "io.switchboard.processor.receipts.KeepReceiptsProcessor",
            "io.switchboard.processor.sessions.KeepSessionsProcessor",
            "io.switchboard.processor.sessions.ResumeSessionsProcessor",
            "io.switchboard.processor.sessions.SessionSnapshots",
            "io.switchboard.processor.sessions.TokenIssuer",
            "io.switchboard.processor.topology.SwitchboardTopology",
            "io.switchboard.processor.users.RoleDirectory",
            "io.switchboard.processor.users.RolesSeenAtConnect",
            "io.switchboard.processor.users.UsersStoreProcessor");

    @ArchTest
    static final ArchRule onlyListedTypesArePublic = ListedPublicTypes.onlyListedArePublic(PUBLIC_TYPES);

    @ArchTest
    static void everyListedTypeIsPublic(JavaClasses imported) {
        ListedPublicTypes.assertEveryListedIsPublic(imported, PUBLIC_TYPES);
    }

    private static String[] concat(String[] packages, String more) {
        String[] all = Arrays.copyOf(packages, packages.length + 1);
        all[packages.length] = more;
        return all;
    }
}
