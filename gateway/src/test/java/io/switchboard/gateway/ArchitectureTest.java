package io.switchboard.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.switchboard.config.ListedPublicTypes;
import java.util.Set;

/**
 * The package boundaries of STYLE.md: Undertow only in server, Kafka clients only in kafka, and JOSE (nimbus) only in
 * auth, so tokens are parsed and verified in one place. Only the types another package or module uses are public.
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

    /**
     * The top-level types another package or module uses, by package; every other type is package-private. A new
     * public type fails {@link #onlyListedTypesArePublic}: make it package-private, or list it here if another
     * package needs it (a test in another package is no reason: it can live in the type's package).
     */
    private static final Set<String> PUBLIC_TYPES = Set.of(
            "io.switchboard.gateway.SwitchboardGateway",
            "io.switchboard.gateway.auth.Authentication",
            "io.switchboard.gateway.auth.Authenticator",
            "io.switchboard.gateway.auth.Credentials",
            "io.switchboard.gateway.auth.DevTokens",
            "io.switchboard.gateway.auth.HandshakeAuthenticator",
            "io.switchboard.gateway.auth.Identity",
            "io.switchboard.gateway.auth.OriginPolicy",
            "io.switchboard.gateway.auth.TokenRejectedException",
            "io.switchboard.gateway.auth.TokenVerifier",
            "io.switchboard.gateway.auth.VerifiedToken",
            "io.switchboard.gateway.config.AuthConfig",
            "io.switchboard.gateway.config.DeflateConfig",
            "io.switchboard.gateway.config.GatewayConfig",
            "io.switchboard.gateway.config.GatewayKeys",
            "io.switchboard.gateway.config.HeartbeatConfig",
            "io.switchboard.gateway.config.HeartbeatProfile",
            "io.switchboard.gateway.config.JwtConfig",
            "io.switchboard.gateway.config.KafkaClientConfig",
            "io.switchboard.gateway.config.LeaseConfig",
            "io.switchboard.gateway.config.LimitsConfig",
            "io.switchboard.gateway.config.OperationsConfig",
            "io.switchboard.gateway.config.OutageConfig",
            "io.switchboard.gateway.config.OutboundConfig",
            "io.switchboard.gateway.kafka.ActionProducer",
            "io.switchboard.gateway.kafka.ConnectionsSummaries",
            "io.switchboard.gateway.kafka.ConnectionsSummaryPublisher",
            "io.switchboard.gateway.kafka.DeliveryConsumer",
            "io.switchboard.gateway.kafka.GatewayLeaseWriter",
            "io.switchboard.gateway.kafka.KafkaReachability",
            "io.switchboard.gateway.kafka.Lease",
            "io.switchboard.gateway.kafka.ReplyConsumer",
            "io.switchboard.gateway.limits.ConnectionCaps",
            "io.switchboard.gateway.limits.HandshakeLimits",
            "io.switchboard.gateway.limits.MessageKind",
            "io.switchboard.gateway.limits.MessageLimits",
            "io.switchboard.gateway.limits.Subject",
            "io.switchboard.gateway.limits.Verdict",
            "io.switchboard.gateway.metrics.ConnectionsSummary",
            "io.switchboard.gateway.metrics.GatewayMetrics",
            "io.switchboard.gateway.protocol.BinaryPublishDecoder",
            "io.switchboard.gateway.protocol.ClientMessage",
            "io.switchboard.gateway.protocol.ClientMessageDecoder",
            "io.switchboard.gateway.protocol.CloseReason",
            "io.switchboard.gateway.protocol.ContentEncodings",
            "io.switchboard.gateway.protocol.DeliveryFrameEncoder",
            "io.switchboard.gateway.protocol.DeliveryFrames",
            "io.switchboard.gateway.protocol.ErrorCode",
            "io.switchboard.gateway.protocol.ErrorReply",
            "io.switchboard.gateway.protocol.Frame",
            "io.switchboard.gateway.protocol.InvalidFrameException",
            "io.switchboard.gateway.protocol.Position",
            "io.switchboard.gateway.protocol.ServerMessage",
            "io.switchboard.gateway.protocol.ServerMessageEncoder",
            "io.switchboard.gateway.routing.ActionSink",
            "io.switchboard.gateway.routing.ClientActions",
            "io.switchboard.gateway.routing.ClientFrameHandler",
            "io.switchboard.gateway.routing.PendingResumes",
            "io.switchboard.gateway.routing.ProcessorOutbox",
            "io.switchboard.gateway.routing.ReplyRouter",
            "io.switchboard.gateway.routing.ResumeOutcome",
            "io.switchboard.gateway.server.Admission",
            "io.switchboard.gateway.server.ConnectionServices",
            "io.switchboard.gateway.server.Outbound",
            "io.switchboard.gateway.server.WebSocketServer",
            "io.switchboard.gateway.server.WriteHook",
            "io.switchboard.gateway.session.ConnectionIds",
            "io.switchboard.gateway.session.OutboundBacklog",
            "io.switchboard.gateway.session.OutboundQueue",
            "io.switchboard.gateway.session.Outgoing",
            "io.switchboard.gateway.session.Session",
            "io.switchboard.gateway.session.SessionRegistry",
            "io.switchboard.gateway.session.StallWatch",
            "io.switchboard.gateway.session.Transport",
            "io.switchboard.gateway.subscription.Activation",
            "io.switchboard.gateway.subscription.ChannelIndex",
            "io.switchboard.gateway.subscription.SubscriptionControl");

    @ArchTest
    static final ArchRule onlyListedTypesArePublic = ListedPublicTypes.onlyListedArePublic(PUBLIC_TYPES);

    @ArchTest
    static void everyListedTypeIsPublic(JavaClasses imported) {
        ListedPublicTypes.assertEveryListedIsPublic(imported, PUBLIC_TYPES);
    }
}
