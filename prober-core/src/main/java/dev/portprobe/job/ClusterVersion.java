package dev.portprobe.job;

import dev.portprobe.resolve.ClusterAccessException;
import dev.portprobe.resolve.KubeAccess;
import io.fabric8.kubernetes.client.VersionInfo;

/**
 * What the API server's version says about the Job features a run uses. {@code backoffLimitPerIndex} is alpha in
 * Kubernetes 1.28 (off unless the JobBackoffLimitPerIndex feature gate is set), beta and on by default from 1.29, GA in
 * 1.33: a run uses it from 1.29. An API server that drops the field would turn the Job into one with the default
 * {@code backoffLimit} of 6 retries of the whole Job, which is why older servers get {@code backoffLimit: 0} instead.
 */
public final class ClusterVersion {
    private ClusterVersion() {
    }

    /** Reads {@code /version}; true from Kubernetes 1.29. */
    public static boolean supportsBackoffLimitPerIndex(KubeAccess access) throws ClusterAccessException {
        VersionInfo v = access.call("get", "version", null, () -> access.client().getKubernetesVersion());
        return v != null && atLeast(v.getMajor(), v.getMinor(), 1, 29);
    }

    /** "1", "29+" (GKE, EKS write a "+"): compares the leading digits; an unreadable version is not new enough. */
    static boolean atLeast(String major, String minor, int wantMajor, int wantMinor) {
        int ma = leadingInt(major);
        int mi = leadingInt(minor);
        if (ma < 0 || mi < 0) {
            return false;
        }
        return ma > wantMajor || (ma == wantMajor && mi >= wantMinor);
    }

    private static int leadingInt(String s) {
        if (s == null) {
            return -1;
        }
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i == 0 || i > 6 ? -1 : Integer.parseInt(s.substring(0, i));
    }
}
