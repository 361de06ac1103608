package io.switchboard.launcher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.switchboard.config.ListedPublicTypes;
import java.util.Set;

/**
 * The launcher's package boundaries. {@code cli} is the top: the picocli commands, which parse options and call the
 * packages that do the work ({@code dev}, {@code acl}, {@code users}, {@code replay}, {@code kafka}); nothing below
 * knows a command. The launcher starts a gateway and a processor through their front doors (the root package, its
 * configuration, the development tokens, the ACL rules) and never reaches into their internals. The client commands'
 * packages are plain Kafka clients: only dev mode starts servers or an embedded broker. Only the types another package
 * or module uses are public.
 */
@AnalyzeClasses(packages = "io.switchboard.launcher", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesHaveNoCycles =
            slices().matching("io.switchboard.launcher.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyTheCommandsUsePicocli = noClasses()
            .that()
            .resideOutsideOfPackage("io.switchboard.launcher.cli..")
            .and()
            .doNotHaveFullyQualifiedName(Main.class.getName())
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("picocli..");

    @ArchTest
    static final ArchRule nothingBelowTheCommandsKnowsThem = noClasses()
            .that()
            .resideInAnyPackage(
                    "io.switchboard.launcher.acl..",
                    "io.switchboard.launcher.dev..",
                    "io.switchboard.launcher.kafka..",
                    "io.switchboard.launcher.replay..",
                    "io.switchboard.launcher.users..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.switchboard.launcher.cli..");

    @ArchTest
    static final ArchRule usesOnlyTheGatewaysFrontDoor = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.switchboard.gateway.kafka..",
                    "io.switchboard.gateway.limits..",
                    "io.switchboard.gateway.metrics..",
                    "io.switchboard.gateway.protocol..",
                    "io.switchboard.gateway.routing..",
                    "io.switchboard.gateway.server..",
                    "io.switchboard.gateway.session..",
                    "io.switchboard.gateway.subscription..");

    @ArchTest
    static final ArchRule usesOnlyTheProcessorsFrontDoor = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.switchboard.processor.actions..",
                    "io.switchboard.processor.admin..",
                    "io.switchboard.processor.compression..",
                    "io.switchboard.processor.error..",
                    "io.switchboard.processor.events..",
                    "io.switchboard.processor.metrics..",
                    "io.switchboard.processor.observability..",
                    "io.switchboard.processor.policy..",
                    "io.switchboard.processor.sessions..",
                    "io.switchboard.processor.topology..",
                    "io.switchboard.processor.users..");

    @ArchTest
    static final ArchRule clientCommandsStartNoServers = noClasses()
            .that()
            .resideInAnyPackage(
                    "io.switchboard.launcher.acl..",
                    "io.switchboard.launcher.kafka..",
                    "io.switchboard.launcher.replay..",
                    "io.switchboard.launcher.users..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.switchboard.gateway..",
                    "io.switchboard.kafka.embedded..",
                    "io.undertow..",
                    "org.apache.kafka.streams..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("io.switchboard.processor.SwitchboardProcessor");

    @ArchTest
    static final ArchRule onlyDevModeEmbedsABroker = noClasses()
            .that()
            .resideOutsideOfPackage("io.switchboard.launcher.dev..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.switchboard.kafka.embedded..");

    /**
     * The top-level types another package or module uses, by package; every other type is package-private. A new
     * public type fails {@link #onlyListedTypesArePublic}: make it package-private, or list it here if another
     * package needs it (a test in another package is no reason: it can live in the type's package).
     */
    private static final Set<String> PUBLIC_TYPES = Set.of(
            "io.switchboard.launcher.Addresses",
            "io.switchboard.launcher.BoundedClose",
            "io.switchboard.launcher.ClassArchive",
            "io.switchboard.launcher.Main",
            "io.switchboard.launcher.TextTable",
            "io.switchboard.launcher.acl.AclTable",
            "io.switchboard.launcher.acl.RoleNames",
            "io.switchboard.launcher.cli.SwitchboardCli",
            "io.switchboard.launcher.dev.DevAccess",
            "io.switchboard.launcher.dev.DevBanner",
            "io.switchboard.launcher.dev.DevCluster",
            "io.switchboard.launcher.dev.DevConfig",
            "io.switchboard.launcher.kafka.ClientProperties",
            "io.switchboard.launcher.kafka.KafkaCalls",
            "io.switchboard.launcher.kafka.TopicAdmin",
            "io.switchboard.launcher.replay.ReplayArgumentException",
            "io.switchboard.launcher.replay.ReplayJob",
            "io.switchboard.launcher.replay.ReplayPosition",
            "io.switchboard.launcher.replay.ReplayRequest",
            "io.switchboard.launcher.replay.ReplaySummary",
            "io.switchboard.launcher.users.DirectoryEntry",
            "io.switchboard.launcher.users.RoleLists",
            "io.switchboard.launcher.users.UserDirectory",
            "io.switchboard.launcher.users.UserIds",
            "io.switchboard.launcher.users.UsersTable");

    @ArchTest
    static final ArchRule onlyListedTypesArePublic = ListedPublicTypes.onlyListedArePublic(PUBLIC_TYPES);

    @ArchTest
    static void everyListedTypeIsPublic(JavaClasses imported) {
        ListedPublicTypes.assertEveryListedIsPublic(imported, PUBLIC_TYPES);
    }
}
