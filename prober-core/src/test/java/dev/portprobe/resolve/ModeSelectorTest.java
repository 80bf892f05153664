package dev.portprobe.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portprobe.InputException;
import dev.portprobe.resolve.ModeSelector.Inputs;
import dev.portprobe.resolve.ModeSelector.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModeSelectorTest {
    @TempDir
    Path dir;

    private ServiceAccount mounted() throws Exception {
        Path sa = Files.createDirectories(dir.resolve("sa"));
        Files.writeString(sa.resolve("token"), "t");
        return new ServiceAccount(sa, "10.96.0.1", "443");
    }

    private ServiceAccount absent() {
        return new ServiceAccount(dir.resolve("no-sa"), null, "443");
    }

    private Map<String, String> home(boolean withKubeconfig) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        if (withKubeconfig) {
            Files.createDirectories(home.resolve(".kube"));
            Files.writeString(home.resolve(".kube/config"), "apiVersion: v1\n");
        }
        return Map.of("HOME", home.toString());
    }

    @Test
    void choosesInClusterWhenAServiceAccountIsMountedAndTheApiHostIsSet() throws Exception {
        assertThat(ModeSelector.select(Mode.AUTO, new Inputs(null, home(true), mounted(), false))).isEqualTo(Mode.IN_CLUSTER);
    }

    @Test
    void ignoresAMountedTokenWithoutTheApiHost() throws Exception {
        ServiceAccount tokenOnly = new ServiceAccount(mounted().dir(), null, "443");
        assertThat(ModeSelector.select(Mode.AUTO, new Inputs(null, home(true), tokenOnly, false))).isEqualTo(Mode.PORT_FORWARD);
    }

    @Test
    void choosesPortForwardWhenAKubeconfigExistsInHome() throws Exception {
        assertThat(ModeSelector.select(Mode.AUTO, new Inputs(null, home(true), absent(), false))).isEqualTo(Mode.PORT_FORWARD);
    }

    @Test
    void readsEveryFileOfKubeconfigVariable() throws Exception {
        Path second = Files.writeString(dir.resolve("kc2"), "apiVersion: v1\n");
        Map<String, String> env = Map.of("HOME", dir.resolve("empty").toString(),
                "KUBECONFIG", dir.resolve("missing") + ":" + second);
        assertThat(ModeSelector.select(Mode.AUTO, new Inputs(null, env, absent(), false))).isEqualTo(Mode.PORT_FORWARD);
    }

    @Test
    void prefersAnExplicitKubeconfigToTheServiceAccount() throws Exception {
        assertThat(ModeSelector.select(Mode.AUTO, new Inputs(dir.resolve("kc"), home(false), mounted(), false)))
                .isEqualTo(Mode.PORT_FORWARD);
    }

    @Test
    void choosesDirectWhenTargetsAreGiven() throws Exception {
        assertThat(ModeSelector.select(Mode.AUTO, new Inputs(null, home(true), mounted(), true))).isEqualTo(Mode.DIRECT);
    }

    @Test
    void keepsAModeThatWasAskedFor() throws Exception {
        assertThat(ModeSelector.select(Mode.IN_CLUSTER, new Inputs(null, home(false), absent(), false))).isEqualTo(Mode.IN_CLUSTER);
    }

    @Test
    void suggestsDirectModeOrTheDemoWhenThereIsNoCluster() throws Exception {
        Inputs nothing = new Inputs(null, home(false), absent(), false);
        assertThatThrownBy(() -> ModeSelector.select(Mode.AUTO, nothing))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("no service account is mounted and no kubeconfig exists")
                .hasMessageContaining("--mode direct")
                .hasMessageContaining("portprobe demo");
    }

    @Test
    void parsesModeWordsAsTheCliSpellsThem() throws Exception {
        assertThat(Mode.fromId("port-forward")).isEqualTo(Mode.PORT_FORWARD);
        assertThat(Mode.fromId("in_cluster")).isEqualTo(Mode.IN_CLUSTER);
        assertThatThrownBy(() -> Mode.fromId("ssh")).isInstanceOf(InputException.class)
                .hasMessage("invalid mode 'ssh': use auto, direct, port-forward or in-cluster");
    }
}
