package dev.portprobe.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * DESIGN's layout, checked on the compiled classes (so fully qualified names and every kind of reference count, not
 * only import lines): no package cycles, the protocol folders above the probe core, and probe below report, resolve,
 * job and the CLI.
 */
@AnalyzeClasses(packages = "dev.portprobe", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] PROTOCOL_FOLDERS = {
        "dev.portprobe.probe.tcp..", "dev.portprobe.probe.tls..", "dev.portprobe.probe.http..",
        "dev.portprobe.probe.grpc..", "dev.portprobe.probe.redis..", "dev.portprobe.probe.dns.."
    };

    /** Every package is its own slice: no two packages depend on each other, directly or around a loop. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.portprobe.(**)").should().beFreeOfCycles();

    /** The protocol folders, each with its subpackages, form no cycle among themselves. */
    @ArchTest
    static final ArchRule protocolFoldersAreFreeOfCycles =
            slices().matching("dev.portprobe.probe.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule probeSitsBelowReportResolveJobAndCli = noClasses().that().resideInAPackage("dev.portprobe.probe..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.portprobe.report..", "dev.portprobe.resolve..", "dev.portprobe.job..", "dev.portprobe.cli..",
                    "dev.portprobe.run..");

    /** The core finds the folders through ProtocolSupport only: it never names one. */
    @ArchTest
    static final ArchRule probeCoreNamesNoProtocolFolder = noClasses().that().resideInAnyPackage(
                    "dev.portprobe.probe", "dev.portprobe.probe.net..", "dev.portprobe.probe.wire..")
            .should().dependOnClassesThat().resideInAnyPackage(PROTOCOL_FOLDERS);

    /** The identifier sits above the core, which finds it through the Identifier interface only. */
    @ArchTest
    static final ArchRule probeCoreNamesNoIdentifier = noClasses().that().resideInAnyPackage(
                    "dev.portprobe.probe", "dev.portprobe.probe.net..", "dev.portprobe.probe.wire..")
            .should().dependOnClassesThat().resideInAPackage("dev.portprobe.probe.identify..");

    /** The identifier walks the folders' registered steps without naming a folder. */
    @ArchTest
    static final ArchRule identifyNamesNoProtocolFolder = noClasses().that().resideInAPackage("dev.portprobe.probe.identify..")
            .should().dependOnClassesThat().resideInAnyPackage(PROTOCOL_FOLDERS);

    /**
     * {@code probe.net} (dial, exchange, the TLS connector, sinks) sits below the core: it sees a check only through
     * its narrow {@code NetScope}, and names neither the core, the identifier nor a folder.
     */
    @ArchTest
    static final ArchRule netSitsBelowTheCore = noClasses().that().resideInAPackage("dev.portprobe.probe.net..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.portprobe.probe", "dev.portprobe.probe.identify..", "dev.portprobe.loopback..")
            .orShould().dependOnClassesThat().resideInAnyPackage(PROTOCOL_FOLDERS);

    /**
     * A protocol folder names no other folder, except tls: https and the gRPC TLS variants build on its handshake and
     * verdicts. So a folder can be added or removed alone.
     */
    @ArchTest
    static final ArchRule foldersNameNoOtherFolderButTls = classes().that().resideInAnyPackage(PROTOCOL_FOLDERS)
            .should(new ArchCondition<JavaClass>(
                    "depend on no other protocol folder than tls") {
                @Override
                public void check(JavaClass item, ConditionEvents events) {
                    String own = folderOf(item.getPackageName());
                    for (var dependency : item.getDirectDependenciesFromSelf()) {
                        String other = folderOf(dependency.getTargetClass().getPackageName());
                        if (other != null && !other.equals(own) && !other.equals("tls")) {
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    }
                }
            });

    @ArchTest
    static final ArchRule outcomeDependsOnNothingElse = noClasses().that().resideInAPackage("dev.portprobe.outcome..")
            .should().dependOnClassesThat().resideOutsideOfPackages("dev.portprobe.outcome..", "java..");

    @ArchTest
    static final ArchRule reportSeesNoProbe = noClasses().that().resideInAPackage("dev.portprobe.report..")
            .should().dependOnClassesThat().resideInAPackage("dev.portprobe.probe..");

    /**
     * fabric8 stays in its box, by any reference (not only import lines): the resolvers, the Job runner, and the
     * manifest importer, which reads fabric8's model classes and serialization but never its client.
     */
    @ArchTest
    static final ArchRule onlyTheResolversTheJobAndTheManifestImporterSeeFabric8 = noClasses().that()
            .resideOutsideOfPackages("dev.portprobe.resolve..", "dev.portprobe.job..", "dev.portprobe.manifest..")
            .should().dependOnClassesThat().resideInAPackage("io.fabric8..");

    @ArchTest
    static final ArchRule theManifestImporterNeverUsesTheClient = noClasses().that().resideInAPackage("dev.portprobe.manifest..")
            .should().dependOnClassesThat().resideInAPackage("io.fabric8.kubernetes.client.dsl..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.fabric8.kubernetes.client.KubernetesClient");

    /** The library never prints (System.out, System.err, printStackTrace) nor exits: the CLI owns the terminal. */
    @ArchTest
    static final ArchRule theLibraryNeverPrints = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule theLibraryNeverExits = noClasses().should().callMethod(System.class, "exit", int.class)
            .orShould().callMethod(Runtime.class, "exit", int.class)
            .orShould().callMethod(Runtime.class, "halt", int.class);

    /** The protocol folder a package belongs to ({@code tcp}, {@code tls}...), or null outside the folders. */
    private static String folderOf(String packageName) {
        for (String folder : PROTOCOL_FOLDERS) {
            String base = folder.substring(0, folder.length() - 2);
            if (packageName.equals(base) || packageName.startsWith(base + ".")) {
                return base.substring("dev.portprobe.probe.".length());
            }
        }
        return null;
    }
}
